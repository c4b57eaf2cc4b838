//! The letter templates (`letters/<lang>/<kind>.txt`, compiled in) and the small markup they
//! produce: a `subject:` line, then blocks separated by blank lines; `- ` starts a list item,
//! `## ` a heading, anything else is a paragraph whose lines are joined.

use std::sync::OnceLock;

use minijinja::Environment;

use super::compose::Context;
use super::kind::LetterKind;
use super::model::Block;
use crate::Error;
use crate::identity::Lang;

macro_rules! templates {
    ($($lang:literal => [$($name:literal),* $(,)?]),* $(,)?) => {
        &[$($(
            (concat!($lang, "/", $name), include_str!(concat!("../../letters/", $lang, "/", $name, ".txt"))),
        )*)*]
    };
}

/// Every template, by name. `parts` holds the paragraphs several kinds share (the combined
/// letter is the access, objection and erasure parts in that order).
const TEMPLATES: &[(&str, &str)] = templates! {
    "en" => ["parts", "access", "objection", "erasure", "combined", "source-inquiry", "reminder", "mandate"],
    "fr" => ["parts", "access", "objection", "erasure", "combined", "source-inquiry", "reminder", "mandate"],
    "de" => ["parts", "access", "objection", "erasure", "combined", "source-inquiry", "reminder", "mandate"],
};

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
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source).map_err(|e| format!("{name}: {e:#}"))?;
        }
        Ok(env)
    });
    env.as_ref().map_err(|message| Error::LetterTemplate { message: message.clone() })
}

/// What a template produced.
#[derive(Debug)]
pub(super) struct Rendered {
    pub subject: String,
    pub body: Vec<Block>,
}

pub(super) fn render(lang: Lang, kind: LetterKind, context: &Context<'_>) -> Result<Rendered, Error> {
    let env = environment()?;
    let name = format!("{}/{}", lang.code(), kind.code());
    let text = env
        .get_template(&name)
        .and_then(|t| t.render(minijinja::value::Serde(context)))
        .map_err(|e| Error::LetterTemplate { message: format!("{name}: {e:#}") })?;
    let mut rendered =
        parse(&text).map_err(|message| Error::LetterTemplate { message: format!("{name}: {message}") })?;
    if lang == Lang::Fr {
        rendered.subject = french_spacing(&rendered.subject);
        for block in &mut rendered.body {
            let (Block::Paragraph(text) | Block::Item(text) | Block::Heading(text)) = block;
            *text = french_spacing(text);
        }
    }
    Ok(rendered)
}

/// French typography: the space before « : ; ? ! » and after « and § must not break, or a line
/// could start with a colon or a closing guillemet.
fn french_spacing(text: &str) -> String {
    const NBSP: &str = "\u{A0}";
    text.replace(" :", &format!("{NBSP}:"))
        .replace(" ;", &format!("{NBSP};"))
        .replace(" ?", &format!("{NBSP}?"))
        .replace(" !", &format!("{NBSP}!"))
        .replace(" »", &format!("{NBSP}»"))
        .replace("« ", &format!("«{NBSP}"))
        .replace("§ ", &format!("§{NBSP}"))
}

fn parse(text: &str) -> Result<Rendered, String> {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let subject = lines
        .next()
        .and_then(|l| l.strip_prefix("subject:"))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or("the template must start with a `subject:` line")?;
    let mut body = Vec::new();
    let mut current: Option<Block> = None;
    let flush = |current: &mut Option<Block>, body: &mut Vec<Block>| {
        if let Some(block) = current.take() {
            body.push(block);
        }
    };
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut body);
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            flush(&mut current, &mut body);
            current = Some(Block::Item(item.trim().to_owned()));
        } else if let Some(heading) = trimmed.strip_prefix("## ") {
            flush(&mut current, &mut body);
            body.push(Block::Heading(heading.trim().to_owned()));
        } else {
            match &mut current {
                Some(Block::Paragraph(text) | Block::Item(text)) => {
                    text.push(' ');
                    text.push_str(trimmed);
                }
                _ => current = Some(Block::Paragraph(trimmed.to_owned())),
            }
        }
    }
    flush(&mut current, &mut body);
    if body.is_empty() {
        return Err("the template produced no body".into());
    }
    Ok(Rendered { subject, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_blocks() {
        let text = "\nsubject: Access request\n\nDear Sir\nor Madam,\n\n- one\n  continued\n- two\n\n## Part\n\nEnd.\n";
        let r = parse(text).expect("parses");
        assert_eq!(r.subject, "Access request");
        assert_eq!(
            r.body,
            [
                Block::Paragraph("Dear Sir or Madam,".into()),
                Block::Item("one continued".into()),
                Block::Item("two".into()),
                Block::Heading("Part".into()),
                Block::Paragraph("End.".into()),
            ]
        );
    }

    #[test]
    fn french_spaces_do_not_break() {
        assert_eq!(
            french_spacing("Objet : « sources » ; art. 15, § 3"),
            "Objet\u{a0}: «\u{a0}sources\u{a0}»\u{a0}; art. 15, §\u{a0}3"
        );
    }

    #[test]
    fn a_template_without_subject_is_refused() {
        assert!(parse("Dear Sir,\n").is_err());
    }

    #[test]
    fn every_template_compiles() {
        environment().expect("all templates compile");
    }
}
