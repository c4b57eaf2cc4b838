//! E-mail forms of a letter: an RFC 5322 message (`.eml`, UTF-8, the mandate attached when
//! there is one) and a `mailto:` link (RFC 6068) for the system's mail program.
//!
//! Every header value is built from cleaned, single-line text, and non-ASCII text is written as
//! RFC 2047 encoded words, so no value can add a header ("\r\nBcc: …") or break the message.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::compose::clean;
use super::model::Letter;
use crate::registry::is_email;

/// A file sent with the letter (the signed mandate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// What the message needs besides the letter: its timestamp (the core reads no clock).
#[derive(Debug, Clone)]
pub struct EmailMeta {
    pub date: jiff::Zoned,
    pub attachments: Vec<Attachment>,
    /// `Some`: the message Redress sends itself, with this Message-ID (`<…@…>`, made by the
    /// caller, which has a source of randomness). `None`: a draft for the person's mail
    /// program (`X-Unsent: 1`, a Message-ID derived from the letter).
    pub sending: Option<String>,
}

/// The letter as an RFC 5322 message. A draft is marked as unsent (`X-Unsent: 1`) so mail
/// programs that honour it open it ready to send; a message Redress sends carries the
/// Message-ID it was given, which links the vendor's answer (In-Reply-To) back to the case.
pub fn eml(letter: &Letter, meta: &EmailMeta) -> String {
    let body = letter.plain_text();
    let date = meta.date.strftime("%a, %d %b %Y %H:%M:%S %z").to_string();
    let mut out = String::new();
    let mut header = |name: &str, value: &str| {
        out.push_str(&fold(&format!("{name}: {value}")));
        out.push_str("\r\n");
    };
    if let Some(from) = letter.from_email.as_deref().filter(|e| is_email(e)) {
        let name = letter.signature.first().map(String::as_str).unwrap_or_default();
        header("From", &mailbox(name, from));
    }
    if let Some(to) = letter.to_email.as_deref().filter(|e| is_email(e)) {
        let name = letter.recipient.first().map(String::as_str).unwrap_or_default();
        header("To", &mailbox(name, to));
    }
    header("Subject", &encode_word_if_needed(&clean(&letter.subject)));
    header("Date", &date);
    match meta.sending.as_deref().filter(|id| is_message_id(id)) {
        Some(id) => header("Message-ID", id),
        None => header("Message-ID", &message_id(letter, &date)),
    }
    header("MIME-Version", "1.0");
    header("Content-Language", letter.lang.code());
    if meta.sending.is_none() {
        header("X-Unsent", "1");
    }
    let text_part = format!(
        "Content-Type: text/plain; charset=utf-8; format=fixed\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}",
        quoted_printable(&body)
    );
    if meta.attachments.is_empty() {
        out.push_str(&text_part);
        return out;
    }
    let boundary = format!("=_redress_{}", &hex_digest(body.as_bytes())[..24]);
    out.push_str(&format!("Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"));
    out.push_str(&format!("--{boundary}\r\n{text_part}\r\n"));
    for a in &meta.attachments {
        let name = clean(&a.file_name);
        let media = if a.media_type.bytes().all(|b| b.is_ascii_graphic()) && a.media_type.contains('/') {
            a.media_type.as_str()
        } else {
            "application/octet-stream"
        };
        out.push_str(&format!("--{boundary}\r\n"));
        out.push_str(&fold(&format!("Content-Type: {media}; name=\"{}\"", param_value(&name))));
        out.push_str("\r\n");
        out.push_str(&fold(&format!("Content-Disposition: attachment; filename=\"{}\"", param_value(&name))));
        out.push_str("\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        let encoded = STANDARD.encode(&a.bytes);
        for chunk in encoded.as_bytes().chunks(76) {
            out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            out.push_str("\r\n");
        }
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out
}

/// A `mailto:` link with the recipient, subject and body filled in. Mail programs cannot attach
/// files from a link: a mandate has to be attached by hand.
pub fn mailto(letter: &Letter) -> String {
    let to = letter.to_email.as_deref().filter(|e| is_email(e)).unwrap_or_default();
    let body = letter.plain_text().replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        percent(to, true),
        percent(&clean(&letter.subject), false),
        percent(&body, false)
    )
}

/// `"Name" <addr>` with the name encoded when it is not plain ASCII.
fn mailbox(name: &str, address: &str) -> String {
    let name = clean(name);
    if name.is_empty() {
        return format!("<{address}>");
    }
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        format!("{name} <{address}>")
    } else if name.is_ascii() {
        format!("\"{}\" <{address}>", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        format!("{} <{address}>", encoded_words(&name))
    }
}

fn encode_word_if_needed(text: &str) -> String {
    // "=?" in plain text would be read as the start of an encoded word: encode it too.
    if text.is_ascii() && !text.contains("=?") { text.to_owned() } else { encoded_words(text) }
}

/// RFC 2047 "B" encoded words, each at most 75 characters, split on character boundaries.
fn encoded_words(text: &str) -> String {
    // 75 - len("=?utf-8?B?") - len("?=") = 63 base64 characters = 45 bytes of text at most.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?utf-8?B?{}?=", STANDARD.encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?utf-8?B?{}?=", STANDARD.encode(chunk.as_bytes())));
    }
    words.join(" ")
}

/// Folds a header line at spaces so no line exceeds 78 characters (RFC 5322 §2.2.3).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.len() + 1 + word.len() > 78 {
            out.push_str(&current);
            out.push_str("\r\n");
            current = String::from(" ");
            current.push_str(word);
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    out.push_str(&current);
    out
}

/// A file name inside a quoted parameter: ASCII only (non-ASCII folded away), no quotes.
fn param_value(name: &str) -> String {
    let folded = crate::text::fold(name);
    let kept: String =
        folded.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').filter(|c| !matches!(c, '"' | '\\')).collect();
    if kept.trim().is_empty() { "attachment".to_owned() } else { kept }
}

/// Quoted-printable (RFC 2045 §6.7) with CRLF line ends and soft breaks before 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut width = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let literal = (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
            let piece = if literal { (b as char).to_string() } else { format!("={b:02X}") };
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push_str(&piece);
            width += piece.len();
        }
        out.push_str("\r\n");
    }
    out
}

/// Percent-encoding for mailto (RFC 6068): unreserved characters stay, everything else is
/// encoded; `@` may stay in the address part.
fn percent(text: &str, address: bool) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (address && b == b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A Message-ID derived from the letter and the date: stable for the same letter and time,
/// different for anything else. The domain is reserved (RFC 2606) so it never names a real host.
/// `<left@right>` in printable ASCII without spaces, angle brackets inside or a second `@`:
/// what a Message-ID header may hold (RFC 5322 §3.6.4, simplified to what Redress makes).
pub fn is_message_id(id: &str) -> bool {
    let Some(inner) = id.strip_prefix('<').and_then(|r| r.strip_suffix('>')) else { return false };
    let Some((left, right)) = inner.split_once('@') else { return false };
    let part = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_graphic() && !b"<>@\\\"()[],;:".contains(&b));
    id.len() <= 250 && part(left) && part(right)
}

fn message_id(letter: &Letter, date: &str) -> String {
    let digest =
        hex_digest(format!("{}\n{}\n{date}\n{}", letter.file_stem, letter.subject, letter.plain_text()).as_bytes());
    format!("<{}@redress.invalid>", &digest[..32])
}

fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_message_id_is_put_in_a_header() {
        for (id, ok) in [
            ("<3f2a9c@orange.fr>", true),
            ("<a.b-c_d@mail.example.org>", true),
            ("3f2a9c@orange.fr", false),
            ("<3f2a9c>", false),
            ("<a@b@c>", false),
            ("<a b@c>", false),
            ("<a@b>\r\nBcc: x@y", false),
            ("<>", false),
            ("<@b>", false),
        ] {
            assert_eq!(is_message_id(id), ok, "{id:?}");
        }
    }

    #[test]
    fn encoded_words_stay_short_and_split_on_characters() {
        let words = encoded_words(&"é".repeat(60));
        for w in words.split(' ') {
            assert!(w.len() <= 75, "{w}");
        }
    }

    #[test]
    fn quoted_printable_lines_are_short_and_escape_what_they_must() {
        let qp = quoted_printable(&format!("{} end =\nZoé ", "x".repeat(100)));
        assert!(qp.lines().all(|l| l.len() <= 76));
        assert!(qp.contains("=3D"));
        assert!(qp.contains("Zo=C3=A9=20"));
    }

    #[test]
    fn folding_keeps_lines_within_78_characters() {
        let folded = fold(&format!("Subject: {}", "word ".repeat(40)));
        assert!(folded.split("\r\n").all(|l| l.len() <= 78));
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
    }
}
