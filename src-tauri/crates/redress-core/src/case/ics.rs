//! Deadlines as an iCalendar file (RFC 5545), for the user's own calendar.

use jiff::civil::Date;

/// One deadline to put in the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineEntry {
    /// Stable across exports, so re-importing updates instead of duplicating.
    pub uid: String,
    pub due: Date,
    pub summary: String,
    pub description: String,
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A VCALENDAR with one all-day VEVENT per entry, each with a reminder three days before.
pub fn deadlines_ics(entries: &[DeadlineEntry], now: jiff::Timestamp) -> String {
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Redress//GDPR request deadlines//EN", "CALSCALE:GREGORIAN"]
    {
        fold(line, &mut out);
    }
    for e in entries {
        // An all-day event ends the next day; on the last day `jiff` can hold there is none,
        // and DTEND is left out: without it an all-day event lasts one day (RFC 5545 §3.6.1).
        let end = e.due.tomorrow().ok().map(|next| format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")));
        let lines = [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", e.due.strftime("%Y%m%d")),
        ]
        .into_iter()
        .chain(end)
        .chain([
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            "TRANSP:TRANSPARENT".to_owned(),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&e.summary)),
            "TRIGGER:-P3D".to_owned(),
            "END:VALARM".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
        for line in lines {
            fold(&line, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_becomes_an_all_day_event() {
        let entry = DeadlineEntry {
            uid: "case-1@redress".into(),
            due: jiff::civil::date(2025, 4, 7),
            summary: "Kaspr must answer Zoé's access request (Art. 12(3) GDPR)".into(),
            description: "Sent 5 March 2025; due by the end of Monday 7 April 2025.\nThen: reminder, complaint.".into(),
        };
        let ics = deadlines_ics(&[entry], "2026-11-23T10:00:00Z".parse().expect("ts"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20250407\r\nDTEND;VALUE=DATE:20250408\r\n"));
        assert!(ics.contains("DTSTAMP:20261123T100000Z"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        }
        // Unfolding gives the escaped text back whole.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Kaspr must answer Zoé's access request (Art. 12(3) GDPR)"));
        assert!(unfolded.contains(
            "DESCRIPTION:Sent 5 March 2025\\; due by the end of Monday 7 April 2025.\\nThen: reminder\\, complaint."
        ));
    }

    /// Regression: the end of an event due on the last day a date can hold used to panic.
    #[test]
    fn an_event_on_the_last_representable_day_does_not_panic() {
        let entry = DeadlineEntry {
            uid: "case-9@redress".into(),
            due: jiff::civil::Date::MAX,
            summary: "s".into(),
            description: "d".into(),
        };
        let ics = deadlines_ics(&[entry], jiff::Timestamp::UNIX_EPOCH);
        assert!(ics.contains("DTSTART;VALUE=DATE:99991231\r\nSUMMARY:s\r\n"), "{ics}");
        assert!(!ics.contains("DTEND"), "{ics}");
    }
}
