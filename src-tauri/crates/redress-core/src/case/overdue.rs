//! The words of the reminder the desktop shows when answers are late.

use jiff::civil::Date;

/// A late answer: who owes it and when it was due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateAnswer {
    pub vendor: String,
    pub due: Date,
}

/// Title and body of the notification for answers that have just become late; `None` when
/// there are none. At most three vendors are named, the rest counted.
pub fn overdue_notice(late: &[LateAnswer], today: Date) -> Option<(String, String)> {
    let first = late.first()?;
    let days = |d: Date| (today - d).get_days();
    let title = if late.len() == 1 {
        format!("{} has not answered in time", first.vendor)
    } else {
        format!("{} vendors have not answered in time", late.len())
    };
    let mut parts: Vec<String> = late
        .iter()
        .take(3)
        .map(|l| {
            let n = days(l.due);
            format!(
                "{} was due on {} ({n} day{} ago)",
                l.vendor,
                l.due.strftime("%a %-d %b %Y"),
                if n == 1 { "" } else { "s" }
            )
        })
        .collect();
    if late.len() > 3 {
        parts.push(format!("and {} more", late.len() - 3));
    }
    let body = format!("{}. Open Redress to send a reminder (Art. 12(3) GDPR).", parts.join("; "));
    Some((title, body))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn the_notice_names_who_is_late_and_by_how_much() {
        let today = date(2025, 4, 9);
        let late = |vendor: &str, due| LateAnswer { vendor: vendor.into(), due };
        assert_eq!(overdue_notice(&[], today), None);
        let (title, body) = overdue_notice(&[late("Kaspr", date(2025, 4, 7))], today).expect("one");
        assert_eq!(title, "Kaspr has not answered in time");
        assert_eq!(
            body,
            "Kaspr was due on Mon 7 Apr 2025 (2 days ago). Open Redress to send a reminder (Art. 12(3) GDPR)."
        );
        let many: Vec<LateAnswer> = ["A", "B", "C", "D", "E"].iter().map(|v| late(v, date(2025, 4, 8))).collect();
        let (title, body) = overdue_notice(&many, today).expect("many");
        assert_eq!(title, "5 vendors have not answered in time");
        assert!(body.contains("C was due on Tue 8 Apr 2025 (1 day ago); and 2 more."), "{body}");
    }
}
