//! A composed letter: what every format (text, e-mail, PDF) renders.

use serde::Serialize;

use super::kind::LetterKind;
use crate::identity::Lang;

/// One piece of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "text", rename_all = "snake_case")]
pub enum Block {
    Paragraph(String),
    /// An item of a list; consecutive items form one list.
    Item(String),
    /// A short heading inside the body (the combined letter's parts, the mandate's sections).
    Heading(String),
}

/// A letter ready to be rendered. Every string is single-line and free of control characters:
/// user input is cleaned before it reaches a template, so no value can break a header or a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub kind: LetterKind,
    pub lang: Lang,
    /// The sender's block: name, address lines, e-mail, phone.
    pub sender: Vec<String>,
    /// The recipient's block: legal entity, "Data Protection Officer", postal address lines.
    pub recipient: Vec<String>,
    /// Where the e-mail goes (the vendor's privacy or DPO address); `None` when none is known.
    pub to_email: Option<String>,
    /// The sender's address for the e-mail's From header.
    pub from_email: Option<String>,
    /// "Lyon, le 25 novembre 2026".
    pub place_date: String,
    /// "Lettre recommandée avec avis de réception", when sent by registered post.
    pub registered_line: Option<String>,
    pub subject: String,
    pub body: Vec<Block>,
    /// The name(s) under the signature.
    pub signature: Vec<String>,
    /// Things the user must know before sending (no e-mail address known, a form to use instead).
    pub notices: Vec<String>,
    /// A stable, file-name-safe name for this letter: `kaspr-access-fr`.
    pub file_stem: String,
}

/// No-break space and narrow no-break space.
pub(crate) const NO_BREAK: [char; 2] = ['\u{A0}', '\u{202F}'];

/// The width plain-text letters are wrapped at.
const TEXT_WIDTH: usize = 76;

impl Letter {
    /// The letter as plain text: blocks, then the signature, wrapped at 76 columns. Used for
    /// copying, for the e-mail body and for `.txt` files.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let mut previous_item = false;
        for block in &self.body {
            match block {
                Block::Paragraph(text) => {
                    push_gap(&mut out);
                    wrap_into(&mut out, text, "", "");
                }
                Block::Heading(text) => {
                    push_gap(&mut out);
                    out.push_str(text);
                    out.push('\n');
                }
                Block::Item(text) => {
                    if !previous_item {
                        push_gap(&mut out);
                    }
                    wrap_into(&mut out, text, "- ", "  ");
                }
            }
            previous_item = matches!(block, Block::Item(_));
        }
        if !self.signature.is_empty() {
            push_gap(&mut out);
        }
        for line in &self.signature {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// The word before the subject line: "Subject:", "Objet :" (with a no-break space), or none
    /// for German, where DIN 5008 sets the subject alone in bold.
    pub fn subject_label(&self) -> Option<&'static str> {
        match self.lang {
            Lang::En => Some("Subject:"),
            Lang::Fr => Some("Objet\u{A0}:"),
            Lang::De => None,
        }
    }

    /// The whole letter as a postal letter in plain text: sender, recipient, date, subject, body.
    pub fn postal_text(&self) -> String {
        let mut out = String::new();
        for line in &self.sender {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        if !self.recipient.is_empty() {
            for line in &self.recipient {
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
        }
        out.push_str(&self.place_date);
        out.push('\n');
        if let Some(line) = &self.registered_line {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        if let Some(label) = self.subject_label() {
            out.push_str(label);
            out.push(' ');
        }
        out.push_str(&self.subject);
        out.push_str("\n\n");
        out.push_str(&self.plain_text());
        out
    }
}

fn push_gap(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Greedy word wrap by characters. Words longer than a line (URLs) stay whole; no-break spaces
/// (French « » : ; and § 3) never become line breaks.
fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut len = first.chars().count();
    let mut empty = true;
    let breakable = |c: char| c.is_whitespace() && !NO_BREAK.contains(&c);
    for word in text.split(breakable).filter(|w| !w.is_empty()) {
        let w = word.chars().count();
        if !empty && len + 1 + w > TEXT_WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_short_and_long_words_whole() {
        let mut out = String::new();
        let long = format!("see https://example.com/{} now", "x".repeat(90));
        wrap_into(&mut out, &format!("{} {long}", "word ".repeat(30)), "- ", "  ");
        for line in out.lines() {
            assert!(line.chars().count() <= TEXT_WIDTH || !line.trim().contains(' '), "{line:?}");
        }
        assert!(out.starts_with("- word"));
        assert!(out.lines().skip(1).all(|l| l.starts_with("  ")));
    }
}
