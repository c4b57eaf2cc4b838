//! The complaint's wording: the templates under `complaint/<lang>/` (compiled in), one file per
//! part of the complaint, each a list of minijinja macros, one per sentence or label. Rust picks
//! which macro to call and with which facts (dates already written out, numbers, codes); the
//! macro says it.
//!
//! A macro's output is one line of text: the line breaks and indentation of the template are
//! only there to keep long sentences readable, so its lines are trimmed and joined with one
//! space. A fact keeps its own line breaks. The French text keeps plain spaces before « : ; »:
//! the dossier has always been written so, and its PDF is laid out by `redress-pdf`.

use std::sync::OnceLock;

use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, UndefinedBehavior};

use crate::Error;
use crate::identity::Lang;

macro_rules! templates {
    ($($lang:literal => [$($name:literal),* $(,)?]),* $(,)?) => {
        &[$($(
            (concat!($lang, "/", $name), include_str!(concat!("../../complaint/", $lang, "/", $name, ".txt"))),
        )*)*]
    };
}

/// Every part, named after what it holds, in each language.
const TEMPLATES: &[(&str, &str)] = templates! {
    "fr" => ["phrases", "sections", "cover", "summary", "parties", "chronology", "grievances", "requests",
             "exhibits", "signature", "form"],
    "en" => ["phrases", "sections", "cover", "summary", "parties", "chronology", "grievances", "requests",
             "exhibits", "signature", "form"],
    "de" => ["phrases", "sections", "cover", "summary", "parties", "chronology", "grievances", "requests",
             "exhibits", "signature", "form"],
};

/// Stand for a line break and a carriage return inside a fact, and mark a fact that starts with
/// white space, while the template's own lines are trimmed and joined (Unicode private use:
/// no fact Redress writes contains them).
const FACT_BREAK: char = '\u{E000}';
const FACT_RETURN: char = '\u{E001}';
const FACT_START: char = '\u{E002}';

/// A fact as it goes into the template's text: nothing in it is trimmed or joined.
fn shielded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 3);
    if text.starts_with(char::is_whitespace) {
        out.push(FACT_START);
    }
    out.extend(text.chars().map(|c| match c {
        '\n' => FACT_BREAK,
        '\r' => FACT_RETURN,
        c => c,
    }));
    out
}

fn environment() -> Result<&'static Environment<'static>, Error> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    let env = ENV.get_or_init(|| {
        let mut env = Environment::new();
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| format!("template syntax: {e:#}"))?;
        env.set_syntax(syntax);
        // A fact the template names but Rust did not pass is an error, not an empty string.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // A fact is printed as it is: its line breaks, and the spaces it starts with, are hidden
        // from the joining of the template's lines.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) => minijinja::escape_formatter(out, state, &Value::from(shielded(text))),
            None => minijinja::escape_formatter(out, state, value),
        });
        for (name, source) in TEMPLATES {
            env.add_template(name, source).map_err(|e| format!("{name}: {e:#}"))?;
        }
        Ok(env)
    });
    env.as_ref().map_err(|message| Error::ComplaintTemplate { message: message.clone() })
}

/// The wording of the complaint in one language.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wording {
    lang: Lang,
}

impl Wording {
    pub(super) fn new(lang: Lang) -> Self {
        Wording { lang }
    }

    pub(super) fn lang(&self) -> Lang {
        self.lang
    }

    /// Calls the macro `name` of the part `part` with `args` as its keyword arguments: one line
    /// of text (possibly empty, where a language leaves the line out).
    pub(super) fn say(&self, part: &str, name: &str, args: &[(&str, Value)]) -> Result<String, Error> {
        let template = format!("{}/{part}", self.lang.code());
        let failed = |e: minijinja::Error| Error::ComplaintTemplate { message: format!("{template}: {name}: {e:#}") };
        let env = environment()?;
        let mut evaluated = env.get_template(&template).and_then(|t| t.render_captured(())).map_err(failed)?;
        let kwargs = Value::from(Kwargs::from_iter(args.iter().map(|(k, v)| (*k, v.clone()))));
        let text = evaluated.with_state_mut(|state| state.call_macro(name, &[kwargs])).map_err(failed)?;
        Ok(one_line(&text))
    }
}

/// The template's lines without their indentation, joined by one space; the facts restored as
/// they were. The end of a line is kept as it is: "Objet : " stays so when the subject is empty
/// (the template files have no trailing spaces of their own, which a test checks).
fn one_line(text: &str) -> String {
    let joined: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).map(str::trim_start).collect();
    joined
        .join(" ")
        .chars()
        .filter_map(|c| match c {
            FACT_BREAK => Some('\n'),
            FACT_RETURN => Some('\r'),
            FACT_START => None,
            c => Some(c),
        })
        .collect()
}

/// `say!(w, "part", "macro", arg = value, …)`: [`Wording::say`] with named arguments.
macro_rules! say {
    ($w:expr, $part:literal, $name:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $w.say($part, $name, &[$((stringify!($k), minijinja::value::Value::from($v))),*])
    };
}
pub(super) use say;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::spelling::Spelled;

    const LANGS: [&str; 3] = ["fr", "en", "de"];

    #[test]
    fn every_template_compiles() {
        environment().expect("all complaint templates compile");
    }

    /// The part names listed in `TEMPLATES` for a language.
    fn parts(lang: &str) -> BTreeSet<&'static str> {
        TEMPLATES.iter().filter_map(|(name, _)| name.strip_prefix(lang)?.strip_prefix('/')).collect()
    }

    #[test]
    fn no_template_line_ends_with_a_space() {
        for (name, source) in TEMPLATES {
            for (i, line) in source.lines().enumerate() {
                assert_eq!(line.trim_end(), line, "{name}.txt line {}: trailing whitespace", i + 1);
            }
        }
    }

    #[test]
    fn every_french_file_exists_in_english_and_german() {
        let dir = |lang: &str| -> BTreeSet<String> {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("complaint").join(lang);
            std::fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .map(|e| e.expect("entry").file_name().to_string_lossy().trim_end_matches(".txt").to_owned())
                .collect()
        };
        let fr = dir("fr");
        let compiled: BTreeSet<String> = parts("fr").into_iter().map(String::from).collect();
        assert_eq!(fr, compiled, "every file under complaint/fr/ is compiled in, and only those");
        for lang in ["en", "de"] {
            assert_eq!(dir(lang), fr, "complaint/{lang}/ has the same files as complaint/fr/");
            assert_eq!(parts(lang), parts("fr"));
        }
    }

    /// Each macro of a part with its argument names.
    fn macros(lang: &str, part: &str) -> Vec<(String, Vec<String>)> {
        let env = environment().expect("compiles");
        let evaluated =
            env.get_template(&format!("{lang}/{part}")).and_then(|t| t.render_captured(())).expect("evaluates");
        let state = evaluated.state();
        state
            .exports()
            .into_iter()
            .map(|name| {
                let value = state.lookup(name).expect("exported");
                let args = value.get_attr("arguments").expect("a macro");
                let args = args.try_iter().expect("a list").map(|a| a.to_string()).collect();
                (name.to_owned(), args)
            })
            .collect()
    }

    #[test]
    fn english_and_german_say_what_french_says_with_the_same_facts() {
        for part in parts("fr") {
            let fr = macros("fr", part);
            assert!(!fr.is_empty(), "fr/{part} defines no macro");
            for lang in ["en", "de"] {
                assert_eq!(
                    macros(lang, part),
                    fr,
                    "{lang}/{part}: the same macros with the same arguments as fr/{part}"
                );
            }
        }
    }

    /// The values each argument is tried with: every code an enum argument can take.
    fn samples(arg: &str) -> Vec<Value> {
        let s = |v: &[&str]| v.iter().map(|x| Value::from(*x)).collect::<Vec<_>>();
        match arg {
            "kind" => s(&crate::case::RequestKind::codes()),
            "answer" => s(&crate::case::AnswerKind::codes()),
            "channel" => s(&crate::case::Channel::codes()),
            "weekday" => (0..7).map(Value::from).collect(),
            "extended" | "cnil" => vec![Value::from(false), Value::from(true)],
            "id" | "number" => vec![Value::from(2)],
            "count" | "missing" => vec![Value::from(0), Value::from(1), Value::from(3)],
            "numbers" => vec![Value::from(vec!["2"]), Value::from(vec!["2", "3", "4"])],
            "items" | "titles" | "articles" => vec![Value::from(vec!["Article 15 du RGPD", "Article 21 GDPR"])],
            "siren" => vec![Value::from(()), Value::from("843 898 396")],
            "note" => vec![Value::from(""), Value::from("a note")],
            "authority" => s(&["CNIL", "The Data Protection Commission"]),
            "on" | "sent" | "received" | "due" | "today" | "date" => s(&["5 March 2025"]),
            "complainant" | "agent" | "controller" | "label" | "citation" | "request" | "event" | "precedent"
            | "title" | "article" | "url" | "address" | "pdf_name" | "reference" | "day" | "subject" | "value" => {
                s(&["some fact"])
            }
            other => panic!("no sample for the argument {other:?}: add one to this test"),
        }
    }

    /// Macros that say nothing in a language, by design (the line is left out there).
    const SILENT: [(&str, &str, &str); 2] = [("fr", "cover", "authority_line"), ("fr", "form", "complaint_page")];

    #[test]
    fn every_macro_renders_with_every_sample_of_its_facts() {
        for lang in LANGS {
            let wording = Wording::new(lang.parse::<Lang>().expect("lang"));
            for part in parts(lang) {
                for (name, args) in macros(lang, part) {
                    // Every combination of the arguments' samples.
                    let mut calls: Vec<Vec<(String, Value)>> = vec![Vec::new()];
                    for arg in &args {
                        calls = calls
                            .into_iter()
                            .flat_map(|call| {
                                samples(arg).into_iter().map(move |v| {
                                    let mut c = call.clone();
                                    c.push((arg.clone(), v));
                                    c
                                })
                            })
                            .collect();
                    }
                    for call in calls {
                        let args: Vec<(&str, Value)> = call.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                        let text = wording
                            .say(part, &name, &args)
                            .unwrap_or_else(|e| panic!("{lang}/{part} {name} {args:?}: {e}"));
                        let silent = SILENT.contains(&(lang, part, name.as_str()));
                        assert_eq!(text.is_empty(), silent, "{lang}/{part} {name} {args:?} rendered {text:?}");
                        assert!(!text.contains("  "), "{lang}/{part} {name}: a double space in {text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_missing_fact_is_an_error_naming_the_macro() {
        let e = Wording::new(Lang::Fr).say("summary", "sent", &[]).expect_err("facts missing");
        assert!(e.to_string().contains("fr/summary: sent"), "{e}");
    }

    #[test]
    fn a_fact_is_printed_as_it_is_even_at_the_start_of_a_template_line() {
        // `pdf_attachment` starts its line with the file name.
        let text =
            say!(Wording::new(Lang::Fr), "form", "pdf_attachment", pdf_name = "  deux\nlignes.pdf").expect("says");
        assert!(text.starts_with("  deux\nlignes.pdf ("), "{text:?}");
    }

    #[test]
    fn an_unknown_fact_is_an_error_naming_the_macro() {
        let e = say!(Wording::new(Lang::En), "summary", "no_reply_yet", on = "1 May 2025").expect_err("unknown");
        assert!(e.to_string().contains("en/summary: no_reply_yet"), "{e}");
    }

    #[test]
    fn template_lines_are_joined_and_facts_keep_theirs() {
        assert_eq!(one_line("\n  Une phrase\n   sur deux lignes.\n\n"), "Une phrase sur deux lignes.");
        assert_eq!(one_line(&format!("a {}", shielded("\nb\r"))), "a \nb\r");
        assert_eq!(one_line("Objet : \n"), "Objet : ");
    }
}
