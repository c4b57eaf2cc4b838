//! Counting a period in months under Regulation 1182/71, with every step recorded so the user
//! (and a complaint) can see why the deadline is what it is.

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::calendar::Calendar;
use crate::Error;
use crate::date_range::check_date;

/// One step of the count, in the order it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Step {
    /// R1182 Art. 3(1): the day of the event is not counted.
    ReceiptNotCounted { received: Date },
    /// R1182 Art. 3(2)(c): the same date `months` later, or that month's last day.
    SameDateLater { months: u8, from: Date, to: Date, clamped_to_month_end: bool },
    /// R1182 Art. 3(4): the last day is not a working day, so the period runs on.
    RolledOver { from: Date, reason: String },
    /// Of two defensible readings, the later date is used before calling a controller late.
    LaterReadingUsed { receipt_plus_three_months: Date, one_month_end_plus_two_months: Date },
    /// The period ends at the end of this day.
    Due { due: Date },
}

impl Step {
    /// The step in plain English, with the rule it applies.
    pub fn explain(&self) -> String {
        match self {
            Step::ReceiptNotCounted { received } => {
                format!("The request arrived on {}; that day is not counted (Reg. 1182/71 Art. 3(1)).", long(*received))
            }
            Step::SameDateLater { months, from, to, clamped_to_month_end } => {
                let unit = if *months == 1 { "month" } else { "months" };
                if *clamped_to_month_end {
                    format!(
                        "{months} {unit} after {} would be day {} of a month that has no such day, so it is that month's last day, {} (Art. 3(2)(c)).",
                        long(*from),
                        from.day(),
                        long(*to)
                    )
                } else {
                    format!("{months} {unit} after {} is {} (Art. 3(2)(c)).", long(*from), long(*to))
                }
            }
            Step::RolledOver { from, reason } => {
                format!(
                    "{} is {reason}, not a working day, so the period runs to the next day (Art. 3(4)).",
                    long(*from)
                )
            }
            Step::LaterReadingUsed { receipt_plus_three_months, one_month_end_plus_two_months } => format!(
                "Art. 12(3) does not say where the two further months start; receipt + 3 months gives {}, the one-month end + 2 months gives {}; the later one is used.",
                long(*receipt_plus_three_months),
                long(*one_month_end_plus_two_months)
            ),
            Step::Due { due } => format!("Due by the end of {}.", long(*due)),
        }
    }
}

/// "Saturday 5 April 2025".
fn long(d: Date) -> String {
    d.strftime("%A %-d %B %Y").to_string()
}

/// A computed deadline and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub received: Date,
    pub country: &'static str,
    /// The end before weekends and holidays are skipped.
    pub nominal_end: Date,
    /// The last day the controller has (until the end of that day).
    pub due: Date,
    pub steps: Vec<Step>,
}

/// `from` plus `months`, on the same date or the month's last day (R1182 Art. 3(2)(c)).
fn same_date_later(from: Date, months: u8) -> Result<(Date, bool), Error> {
    let total = i32::from(from.year()) * 12 + i32::from(from.month()) - 1 + i32::from(months);
    let out_of_range = || Error::DateOutOfRange { date: from.to_string() };
    let year = i16::try_from(total.div_euclid(12)).map_err(|_| out_of_range())?;
    // 1..=12, so it fits an i8.
    let month = (total.rem_euclid(12) + 1) as i8;
    let last = Date::new(year, month, 1).map_err(|_| out_of_range())?.last_of_month().day();
    let day = from.day().min(last);
    let to = Date::new(year, month, day).map_err(|_| out_of_range())?;
    Ok((to, day != from.day()))
}

/// Moves `day` forward over weekends and the calendar's holidays (R1182 Art. 3(4)).
fn roll_forward(day: Date, calendar: &Calendar, steps: &mut Vec<Step>) -> Result<Date, Error> {
    let mut d = day;
    while !calendar.is_working_day(d)? {
        let reason = match (d.weekday(), calendar.holiday(d)?) {
            (_, Some(h)) => format!("a public holiday in {} ({})", calendar.country(), h.name),
            (Weekday::Saturday, None) => "a weekend day".to_owned(),
            _ => "a weekend day".to_owned(),
        };
        steps.push(Step::RolledOver { from: d, reason });
        d = d.tomorrow().map_err(|_| Error::DateOutOfRange { date: d.to_string() })?;
    }
    Ok(d)
}

/// The Art. 12(3) deadline: one month from receipt. A receipt date outside the range Redress
/// accepts (`date_range`) is refused: no request was received in 9999, and refusing it here
/// keeps every count below inside what dates can hold.
pub fn one_month(received: Date, calendar: &Calendar) -> Result<Deadline, Error> {
    let received = check_date(received)?;
    let mut steps = vec![Step::ReceiptNotCounted { received }];
    let (nominal_end, clamped) = same_date_later(received, 1)?;
    steps.push(Step::SameDateLater { months: 1, from: received, to: nominal_end, clamped_to_month_end: clamped });
    let due = roll_forward(nominal_end, calendar, &mut steps)?;
    steps.push(Step::Due { due });
    Ok(Deadline { received, country: calendar.country(), nominal_end, due, steps })
}

/// The extended deadline (Art. 12(3), second sentence: "extended by two further months"), valid
/// only when the controller announced the extension, with reasons, within the first month.
/// Where the two months start is not settled: receipt + 3 months (CNIL's "3 mois maximum",
/// Polish practice) or the one-month end + 2 months. Both are computed; the later is used so
/// Redress never calls a controller late too early. Out-of-range receipt dates are refused as
/// by [`one_month`].
pub fn extended(received: Date, calendar: &Calendar) -> Result<Deadline, Error> {
    let received = check_date(received)?;
    let mut steps = vec![Step::ReceiptNotCounted { received }];
    let (three, clamped3) = same_date_later(received, 3)?;
    let (one, _) = same_date_later(received, 1)?;
    let (one_plus_two, clamped2) = same_date_later(one, 2)?;
    let (nominal_end, from, months, clamped) =
        if one_plus_two > three { (one_plus_two, one, 2, clamped2) } else { (three, received, 3, clamped3) };
    steps.push(Step::SameDateLater { months, from, to: nominal_end, clamped_to_month_end: clamped });
    if one_plus_two != three {
        steps.push(Step::LaterReadingUsed {
            receipt_plus_three_months: three,
            one_month_end_plus_two_months: one_plus_two,
        });
    }
    let due = roll_forward(nominal_end, calendar, &mut steps)?;
    steps.push(Step::Due { due });
    Ok(Deadline { received, country: calendar.country(), nominal_end, due, steps })
}
