//! A stored file as an exhibit of a complaint: PDFs merged as they are, scans as images, e-mails
//! and text laid out with their headers, labelled in the dossier's language.

use redress_core::identity::Lang;
use redress_core::letter::long_date;
use redress_core::report::ExhibitContent;

use crate::reply::{ReplyFormat, read_reply};

pub fn exhibit_content(name: &str, bytes: &[u8], lang: Lang) -> ExhibitContent {
    let [from_label, date_label, subject_label, attachments_label, unreadable] = match lang {
        Lang::Fr => ["De", "Date", "Objet", "Pièces jointes", "fichier illisible"],
        Lang::En => ["From", "Date", "Subject", "Attachments", "unreadable file"],
        Lang::De => ["Von", "Datum", "Betreff", "Anhänge", "unlesbare Datei"],
    };
    match read_reply(name, bytes) {
        Ok(r) => match r.format {
            ReplyFormat::Pdf => ExhibitContent::Pdf { bytes: bytes.to_vec() },
            ReplyFormat::Image => ExhibitContent::Image { bytes: bytes.to_vec() },
            ReplyFormat::Email => {
                let mut headers = Vec::new();
                if let Some(from) = &r.from_address {
                    let who = r.from_name.as_ref().map_or(from.clone(), |n| format!("{n} <{from}>"));
                    headers.push((from_label.to_owned(), who));
                }
                if let Some(d) = r.date {
                    headers.push((date_label.into(), long_date(d, lang)));
                }
                if let Some(s) = &r.subject {
                    headers.push((subject_label.into(), s.clone()));
                }
                if let Some(id) = &r.message_id {
                    headers.push(("Message-ID".into(), id.clone()));
                }
                if !r.attachments.is_empty() {
                    headers.push((attachments_label.into(), r.attachments.join(", ")));
                }
                ExhibitContent::Text { headers, body: r.text.unwrap_or_default() }
            }
            ReplyFormat::Text => ExhibitContent::Text { headers: Vec::new(), body: r.text.unwrap_or_default() },
        },
        // Stored files were read when they were added; one that no longer reads says so.
        Err(e) => ExhibitContent::Text { headers: Vec::new(), body: format!("({unreadable}: {e})") },
    }
}
