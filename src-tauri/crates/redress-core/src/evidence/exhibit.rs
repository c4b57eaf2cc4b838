//! A stored file as an exhibit of a complaint: PDFs merged as they are, scans as images, e-mails
//! and text laid out with their headers (in French, the dossier's language).

use super::reply::{ReplyFormat, read_reply};
use crate::identity::Lang;
use crate::letter::long_date;
use crate::report::ExhibitContent;

pub fn exhibit_content(name: &str, bytes: &[u8]) -> ExhibitContent {
    match read_reply(name, bytes) {
        Ok(r) => match r.format {
            ReplyFormat::Pdf => ExhibitContent::Pdf { bytes: bytes.to_vec() },
            ReplyFormat::Image => ExhibitContent::Image { bytes: bytes.to_vec() },
            ReplyFormat::Email => {
                let mut headers = Vec::new();
                if let Some(from) = &r.from_address {
                    let who = r.from_name.as_ref().map_or(from.clone(), |n| format!("{n} <{from}>"));
                    headers.push(("De".to_owned(), who));
                }
                if let Some(d) = r.date {
                    headers.push(("Date".into(), long_date(d, Lang::Fr)));
                }
                if let Some(s) = &r.subject {
                    headers.push(("Objet".into(), s.clone()));
                }
                if let Some(id) = &r.message_id {
                    headers.push(("Message-ID".into(), id.clone()));
                }
                if !r.attachments.is_empty() {
                    headers.push(("Pièces jointes".into(), r.attachments.join(", ")));
                }
                ExhibitContent::Text { headers, body: r.text.unwrap_or_default() }
            }
            ReplyFormat::Text => ExhibitContent::Text { headers: Vec::new(), body: r.text.unwrap_or_default() },
        },
        // Stored files were read when they were added; one that no longer reads says so.
        Err(e) => ExhibitContent::Text { headers: Vec::new(), body: format!("(fichier illisible : {e})") },
    }
}
