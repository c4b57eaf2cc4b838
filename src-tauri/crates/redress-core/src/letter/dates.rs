//! Dates as each language writes them in a letter.

use jiff::civil::Date;

use crate::identity::Lang;

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "25 November 2026", "1er décembre 2026", "25. November 2026".
pub fn long_date(date: Date, lang: Lang) -> String {
    let month = usize::try_from(date.month() - 1).unwrap_or(0);
    let (day, year) = (date.day(), date.year());
    match lang {
        Lang::En => format!("{day} {} {year}", EN[month]),
        // French writes the first of the month as an ordinal: « le 1er mai ».
        Lang::Fr if day == 1 => format!("1er {} {year}", FR[month]),
        Lang::Fr => format!("{day} {} {year}", FR[month]),
        Lang::De => format!("{day}. {} {year}", DE[month]),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn each_language_writes_dates_its_way() {
        let cases = [
            (date(2026, 11, 25), Lang::En, "25 November 2026"),
            (date(2026, 12, 1), Lang::Fr, "1er décembre 2026"),
            (date(2026, 8, 15), Lang::Fr, "15 août 2026"),
            (date(2026, 3, 2), Lang::De, "2. März 2026"),
        ];
        for (d, lang, expect) in cases {
            assert_eq!(long_date(d, lang), expect);
        }
    }
}
