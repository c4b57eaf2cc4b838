//! The small phrases the dossier is assembled from — requests, channels, answers, dates with
//! their weekday, case and exhibit references — as Rust asks for them: which one, with which
//! facts. Their words are in `complaint/<lang>/phrases.txt`, `chronology.txt` and
//! `exhibits.txt`.

use jiff::civil::Date;
use minijinja::value::{Serde, Value};

use super::template::{Wording, say};
use crate::Error;
use crate::case::{AnswerKind, Channel, RequestKind};
use crate::letter::long_date;

/// "lundi 7 avril 2025", "Monday 7 April 2025", "Montag, 7. April 2025".
pub(super) fn day_and_date(w: Wording, d: Date) -> Result<String, Error> {
    say!(w, "phrases", "day_and_date", weekday = d.weekday().to_monday_zero_offset(), date = long_date(d, w.lang()))
}

/// The request with its possessive, as the object of "sent": "ma demande d'accès (…)".
pub(super) fn request(w: Wording, kind: RequestKind) -> Result<String, Error> {
    say!(w, "phrases", "request", kind = kind.code())
}

/// A chronology row for sending: "Envoi de ma demande d'accès (…) par courrier électronique".
pub(super) fn sent_event(w: Wording, kind: RequestKind, channel: Channel) -> Result<String, Error> {
    say!(
        w,
        "chronology",
        "sent",
        kind = kind.code(),
        channel = Value::from(Serde(channel)),
        request = request(w, kind)?
    )
}

/// An answer, as a chronology event.
pub(super) fn answer(w: Wording, kind: AnswerKind) -> Result<String, Error> {
    say!(w, "chronology", "answered", answer = Value::from(Serde(kind)))
}

/// An answer other than an incomplete one, as a sentence of the summary.
pub(super) fn answer_sentence(w: Wording, kind: AnswerKind, on: Date) -> Result<String, Error> {
    say!(
        w,
        "summary",
        "answered",
        answer = Value::from(Serde(kind)),
        on = long_date(on, w.lang()),
        event = answer(w, kind)?
    )
}

/// "(dossier n° 2)": which case a line belongs to.
pub(super) fn which_case(w: Wording, id: i64) -> Result<String, Error> {
    say!(w, "phrases", "which_case", id = id)
}

/// "pièce n° 2", "pièces n° 2 et 3"; nothing for no exhibit.
pub(super) fn exhibit_refs(w: Wording, numbers: &[String]) -> Result<String, Error> {
    if numbers.is_empty() {
        return Ok(String::new());
    }
    say!(w, "exhibits", "refs", numbers = numbers.to_vec())
}

/// Several details in one cell: "reçue le 7 mars 2025 ; réf. REQ-42".
pub(super) fn joined(w: Wording, items: Vec<String>) -> Result<String, Error> {
    say!(w, "phrases", "joined", items = items)
}
