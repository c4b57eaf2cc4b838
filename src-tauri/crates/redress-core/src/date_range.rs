//! The dates Redress accepts, and the one parser every front end reads them with.
//!
//! A person's request, answer or complaint happens in a human lifetime; nothing outside
//! 1900-01-01 ..= 2199-12-31 is a date anyone meant to type. Refusing such dates where they
//! enter (the CLI's options, the app's forms, case events, imported bundles) keeps every count
//! far inside what `jiff` can represent (years -9999 to 9999): a period of a few months from
//! 2199-12-31 still ends in 2200, so deadline arithmetic cannot overflow, and a typo such as
//! 9999-12-31 is answered with a message instead of a crash.

use jiff::civil::{Date, date};

use crate::Error;

/// The first date Redress accepts.
pub const EARLIEST: Date = date(1900, 1, 1);

/// The last date Redress accepts.
pub const LATEST: Date = date(2199, 12, 31);

/// How a date must be written, for messages.
const FORMAT_HINT: &str = "write it as YYYY-MM-DD, e.g. 2025-03-05";

/// `d` itself when it lies within [`EARLIEST`] ..= [`LATEST`], else why not.
pub fn check_date(d: Date) -> Result<Date, Error> {
    if (EARLIEST..=LATEST).contains(&d) { Ok(d) } else { Err(Error::DateOutOfRange { date: d.to_string() }) }
}

/// Reads a date written `YYYY-MM-DD` (surrounding whitespace ignored) within the accepted
/// range. Only that one form is read: "03/05/2025" means 3 May in France and 5 March in the
/// US, so guessing would put a legal deadline on the wrong day.
pub fn parse_date(text: &str) -> Result<Date, Error> {
    let trimmed = text.trim();
    let invalid = |reason: String| Error::InvalidDate { text: shown(trimmed), reason };
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = trimmed.as_bytes() else {
        let reason = if trimmed.is_empty() { format!("it is empty; {FORMAT_HINT}") } else { FORMAT_HINT.to_owned() };
        return Err(invalid(reason));
    };
    let number =
        |digits: &[u8]| digits.iter().try_fold(0i16, |n, &b| b.is_ascii_digit().then(|| n * 10 + i16::from(b - b'0')));
    let (Some(year), Some(month), Some(day)) =
        (number(&[*y1, *y2, *y3, *y4]), number(&[*m1, *m2]), number(&[*d1, *d2]))
    else {
        return Err(invalid(FORMAT_HINT.to_owned()));
    };
    // Two digits each, so both fit an i8.
    let (month, day) = (month as i8, day as i8);
    if !(1..=12).contains(&month) {
        return Err(invalid(format!("there is no month {month}; {FORMAT_HINT}")));
    }
    let first = Date::new(year, month, 1).map_err(|_| invalid(FORMAT_HINT.to_owned()))?;
    let d =
        Date::new(year, month, day).map_err(|_| invalid(format!("{} has no day {day}", first.strftime("%B %Y"))))?;
    check_date(d)
}

/// The text as a message quotes it: at most 40 characters, so a pasted paragraph does not
/// become the whole message.
fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_accepts_only_yyyy_mm_dd_within_range() {
        const RANGE: &str = "is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31";
        let cases: &[(&str, Result<Date, &str>)] = &[
            ("2025-03-05", Ok(date(2025, 3, 5))),
            ("  2025-03-05\n", Ok(date(2025, 3, 5))),
            ("1900-01-01", Ok(EARLIEST)),
            ("2199-12-31", Ok(LATEST)),
            ("2024-02-29", Ok(date(2024, 2, 29))),
            ("2000-02-29", Ok(date(2000, 2, 29))),
            ("2025-02-29", Err(r#""2025-02-29" is not a date: February 2025 has no day 29"#)),
            ("1900-02-29", Err(r#""1900-02-29" is not a date: February 1900 has no day 29"#)),
            ("2025-04-31", Err(r#""2025-04-31" is not a date: April 2025 has no day 31"#)),
            ("2025-03-00", Err(r#""2025-03-00" is not a date: March 2025 has no day 0"#)),
            ("2025-13-01", Err(r#""2025-13-01" is not a date: there is no month 13; write it as YYYY-MM-DD"#)),
            ("2025-31-12", Err(r#""2025-31-12" is not a date: there is no month 31"#)),
            ("1899-12-31", Err(r#""1899-12-31" is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31"#)),
            ("2200-01-01", Err(r#""2200-01-01" is out of range"#)),
            ("9999-12-31", Err(r#""9999-12-31" is out of range"#)),
            ("0000-01-01", Err(r#""0000-01-01" is out of range"#)),
            ("", Err(r#""" is not a date: it is empty; write it as YYYY-MM-DD, e.g. 2025-03-05"#)),
            ("   ", Err(r#""" is not a date: it is empty"#)),
            ("2025-2-3", Err(r#""2025-2-3" is not a date: write it as YYYY-MM-DD, e.g. 2025-03-05"#)),
            ("31/12/2025", Err(r#""31/12/2025" is not a date: write it as YYYY-MM-DD, e.g. 2025-03-05"#)),
            ("2025/03/05", Err(r#""2025/03/05" is not a date: write it as YYYY-MM-DD"#)),
            ("20250305", Err(r#""20250305" is not a date"#)),
            ("+2025-03-05", Err(r#""+2025-03-05" is not a date"#)),
            ("-001-03-05", Err(r#""-001-03-05" is not a date"#)),
            ("10000-01-01", Err(r#""10000-01-01" is not a date"#)),
            ("2025-03-05T10:00", Err(r#""2025-03-05T10:00" is not a date"#)),
            ("2025-0a-05", Err(r#""2025-0a-05" is not a date"#)),
            ("２０２５-03-05", Err(r#" is not a date: write it as YYYY-MM-DD"#)),
            ("tomorrow", Err(r#""tomorrow" is not a date: write it as YYYY-MM-DD, e.g. 2025-03-05"#)),
            ("a\u{1b}[31m", Err(r#""a\u{1b}[31m" is not a date"#)),
            (
                "this is a whole paragraph that someone pasted by mistake",
                Err(r#""this is a whole paragraph that someone p…" is not a date"#),
            ),
        ];
        for (text, want) in cases {
            match (parse_date(text), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "parse_date({text:?})"),
                (Err(e), Err(want)) => {
                    let message = e.to_string();
                    assert!(message.contains(want), "parse_date({text:?}) = {message:?}, wanted {want:?}");
                    assert!(e.is_user_error(), "{message}");
                    if message.contains("out of range") {
                        assert!(message.ends_with(RANGE), "{message}");
                    }
                }
                (got, want) => panic!("parse_date({text:?}) = {got:?}, wanted {want:?}"),
            }
        }
    }

    #[test]
    fn check_date_refuses_what_lies_outside() {
        let cases = [
            (EARLIEST, true),
            (LATEST, true),
            (date(2025, 3, 5), true),
            (date(1899, 12, 31), false),
            (date(2200, 1, 1), false),
            (Date::MIN, false),
            (Date::MAX, false),
        ];
        for (d, ok) in cases {
            assert_eq!(check_date(d).is_ok(), ok, "check_date({d})");
        }
    }
}
