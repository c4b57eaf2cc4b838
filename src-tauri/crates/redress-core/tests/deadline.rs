//! Deadlines: the worked examples of the project's fact sheet (gdpr-facts §2.3), every
//! country's holidays, and properties that hold for any receipt date.

use jiff::civil::{Date, date};
use proptest::prelude::*;
use redress_core::Error;
use redress_core::date_range::{EARLIEST, LATEST};
use redress_core::deadline::{Calendar, SUPPORTED_COUNTRIES, Step, easter_sunday, extended, one_month};

fn cal(cc: &str) -> Calendar {
    Calendar::for_country(cc).expect("supported country")
}

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

#[test]
fn worked_examples_one_month() {
    // (receipt, country, nominal end, due) — gdpr-facts.md §2.3.
    let cases = [
        ("2025-03-05", "FR", "2025-04-05", "2025-04-07"), // Saturday → Monday
        ("2025-01-31", "FR", "2025-02-28", "2025-02-28"), // no 31 February: month end
        ("2028-01-31", "FR", "2028-02-29", "2028-02-29"), // leap year
        ("2027-01-29", "FR", "2027-02-28", "2027-03-01"), // clamp, then Sunday
        ("2026-03-31", "FR", "2026-04-30", "2026-04-30"), // 31st clamped to 30th
        ("2025-10-31", "FR", "2025-11-30", "2025-12-01"), // clamp, then Sunday
        ("2025-04-01", "FR", "2025-05-01", "2025-05-02"), // Fête du Travail
        ("2025-06-14", "FR", "2025-07-14", "2025-07-15"), // received on a Saturday; 14 July
        ("2025-11-25", "FR", "2025-12-25", "2025-12-26"), // Christmas, French controller
        ("2025-11-25", "DE", "2025-12-25", "2025-12-29"), // 25, 26 Dec, then the weekend
        ("2025-12-01", "FR", "2026-01-01", "2026-01-02"), // New Year
        ("2025-03-10", "FR", "2025-04-10", "2025-04-10"), // Art. 14(3)(a) example
    ];
    for (received, cc, nominal, due) in cases {
        let dl = one_month(d(received), &cal(cc)).expect("in range");
        assert_eq!((dl.nominal_end, dl.due), (d(nominal), d(due)), "received {received} in {cc}: {:#?}", dl.steps);
    }
}

#[test]
fn worked_examples_extended() {
    // (receipt, extended due) — gdpr-facts.md §2.3, the later of the two readings.
    let cases = [("2025-01-31", "2025-04-30"), ("2025-10-31", "2026-02-02"), ("2025-03-05", "2025-06-05")];
    for (received, due) in cases {
        let dl = extended(d(received), &cal("FR")).expect("in range");
        assert_eq!(dl.due, d(due), "received {received}: {:#?}", dl.steps);
    }
    let dl = extended(d("2025-01-31"), &cal("FR")).expect("in range");
    assert!(dl.steps.iter().any(|s| matches!(s, Step::LaterReadingUsed { .. })), "both readings are shown");
}

#[test]
fn steps_explain_the_count() {
    let dl = one_month(d("2025-04-01"), &cal("FR")).expect("in range");
    let text: Vec<String> = dl.steps.iter().map(Step::explain).collect();
    assert_eq!(
        text[0],
        "The request arrived on Tuesday 1 April 2025; that day is not counted (Reg. 1182/71 Art. 3(1))."
    );
    assert_eq!(text[1], "1 month after Tuesday 1 April 2025 is Thursday 1 May 2025 (Art. 3(2)(c)).");
    assert_eq!(
        text[2],
        "Thursday 1 May 2025 is a public holiday in FR (Fête du Travail), not a working day, so the period runs to the next day (Art. 3(4))."
    );
    assert_eq!(text[3], "Due by the end of Friday 2 May 2025.");
}

#[test]
fn easter_dates() {
    let cases = [
        (2019, "2019-04-21"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ];
    for (year, easter) in cases {
        assert_eq!(easter_sunday(year).expect("in range"), d(easter), "Easter {year}");
    }
}

#[test]
fn every_countrys_holidays_in_2026() {
    // Easter Sunday 2026 is 5 April: Good Friday 3 Apr, Easter Monday 6 Apr, Ascension 14 May,
    // Whit Monday 25 May, Corpus Christi 4 Jun.
    let cases: &[(&str, &[&str])] = &[
        (
            "FR",
            &[
                "2026-01-01",
                "2026-04-06",
                "2026-05-01",
                "2026-05-08",
                "2026-05-14",
                "2026-05-25",
                "2026-07-14",
                "2026-08-15",
                "2026-11-01",
                "2026-11-11",
                "2026-12-25",
            ],
        ),
        (
            "DE",
            &[
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-01",
                "2026-05-14",
                "2026-05-25",
                "2026-10-03",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        (
            "BE",
            &[
                "2026-01-01",
                "2026-04-06",
                "2026-05-01",
                "2026-05-14",
                "2026-05-25",
                "2026-07-21",
                "2026-08-15",
                "2026-11-01",
                "2026-11-11",
                "2026-12-25",
            ],
        ),
        (
            "NL",
            &[
                "2026-01-01",
                "2026-04-06",
                "2026-04-27",
                "2026-05-05",
                "2026-05-14",
                "2026-05-25",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        (
            "IE",
            &[
                "2026-01-01",
                "2026-02-02",
                "2026-03-17",
                "2026-04-06",
                "2026-05-04",
                "2026-06-01",
                "2026-08-03",
                "2026-10-26",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        (
            "ES",
            &[
                "2026-01-01",
                "2026-01-06",
                "2026-04-03",
                "2026-05-01",
                "2026-08-15",
                "2026-10-12",
                "2026-11-01",
                "2026-12-06",
                "2026-12-08",
                "2026-12-25",
            ],
        ),
        (
            "IT",
            &[
                "2026-01-01",
                "2026-01-06",
                "2026-04-06",
                "2026-04-25",
                "2026-05-01",
                "2026-06-02",
                "2026-08-15",
                "2026-11-01",
                "2026-12-08",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        (
            "LU",
            &[
                "2026-01-01",
                "2026-04-06",
                "2026-05-01",
                "2026-05-09",
                "2026-05-14",
                "2026-05-25",
                "2026-06-23",
                "2026-08-15",
                "2026-11-01",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        (
            "AT",
            &[
                "2026-01-01",
                "2026-01-06",
                "2026-04-06",
                "2026-05-01",
                "2026-05-14",
                "2026-05-25",
                "2026-06-04",
                "2026-08-15",
                "2026-10-26",
                "2026-11-01",
                "2026-12-08",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        (
            "PL",
            &[
                "2026-01-01",
                "2026-01-06",
                "2026-04-05",
                "2026-04-06",
                "2026-05-01",
                "2026-05-03",
                "2026-05-24",
                "2026-06-04",
                "2026-08-15",
                "2026-11-01",
                "2026-11-11",
                "2026-12-24",
                "2026-12-25",
                "2026-12-26",
            ],
        ),
        // England and Wales: 26 Dec 2026 is a Saturday, so Boxing Day moves to Monday 28 Dec.
        (
            "GB",
            &[
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28",
            ],
        ),
    ];
    assert_eq!(cases.len(), SUPPORTED_COUNTRIES.len(), "every supported country has a table");
    for (cc, expect) in cases {
        let got: Vec<String> = cal(cc).holidays(2026).expect("in range").iter().map(|h| h.date.to_string()).collect();
        assert_eq!(got, *expect, "holidays of {cc} in 2026");
    }
}

#[test]
fn special_rules() {
    // Koningsdag moves to 26 April when the 27th is a Sunday (2025).
    assert!(cal("NL").holiday(d("2025-04-26")).expect("in range").is_some());
    assert!(cal("NL").holiday(d("2025-04-27")).expect("in range").is_none());
    // St Brigid's Day is 1 February when that is a Friday (2030) and exists only from 2023.
    assert!(cal("IE").holiday(d("2030-02-01")).expect("in range").is_some());
    assert!(cal("IE").holidays(2022).expect("in range").iter().all(|h| h.name != "St Brigid's Day"));
    // English substitution: New Year 2022 (Saturday) is taken on Monday 3 January;
    // Christmas 2021 (Saturday) and Boxing Day (Sunday) on 27 and 28 December.
    assert!(cal("GB").holiday(d("2022-01-03")).expect("in range").is_some());
    assert!(
        cal("GB").holiday(d("2021-12-27")).expect("in range").is_some()
            && cal("GB").holiday(d("2021-12-28")).expect("in range").is_some()
    );
    // Poland's Christmas Eve holiday starts in 2025.
    assert!(cal("PL").holiday(d("2024-12-24")).expect("in range").is_none());
    assert!(cal("PL").holiday(d("2025-12-24")).expect("in range").is_some());
    assert!(Calendar::for_country("fr").is_some());
    assert!(Calendar::for_country("XX").is_none());
}

/// Regression: `redress deadline --received 9999-12-15` panicked (exit 101) when the count
/// ran past the last date `jiff` holds. Receipt dates outside the accepted range are refused,
/// for every country and both periods, with the message that names the range.
#[test]
fn out_of_range_receipt_dates_are_refused_not_counted() {
    let outside = [d("1899-12-31"), d("2200-01-01"), d("9999-12-15"), d("9999-12-31"), Date::MIN, Date::MAX];
    for cc in SUPPORTED_COUNTRIES {
        for received in outside {
            for (period, result) in
                [("one month", one_month(received, &cal(cc))), ("extended", extended(received, &cal(cc)))]
            {
                match result {
                    Err(e @ Error::DateOutOfRange { .. }) => {
                        assert!(e.is_user_error());
                        assert_eq!(
                            e.to_string(),
                            format!(
                                "\"{received}\" is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31"
                            )
                        );
                    }
                    other => panic!("{period} from {received} in {cc}: {other:?}"),
                }
            }
        }
    }
}

/// The limits of the accepted range, as a table: the first and last days count (with the
/// dates a person can check on a calendar), the days just outside are refused.
#[test]
fn the_range_limits() {
    // (receipt, Some((one-month due, extended due)) or None = refused), in every country.
    let cases: &[(&str, Option<(&str, &str)>)] = &[
        ("1900-01-01", Some(("1900-02-01", "1900-04-02"))), // 1 April 1900 is a Sunday
        ("2199-12-31", Some(("2200-01-31", "2200-03-31"))),
        ("1899-12-31", None),
        ("2200-01-01", None),
    ];
    for cc in SUPPORTED_COUNTRIES {
        for &(received, want) in cases {
            let got = one_month(d(received), &cal(cc))
                .and_then(|short| Ok((short.due, extended(d(received), &cal(cc))?.due)));
            match (got, want) {
                (Ok(got), Some((short, long))) => assert_eq!(got, (d(short), d(long)), "{received} in {cc}"),
                (Err(e), None) => assert_eq!(
                    e.to_string(),
                    format!("\"{received}\" is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31")
                ),
                (got, want) => panic!("{received} in {cc}: got {got:?}, wanted {want:?}"),
            }
        }
    }
}

/// Every receipt date near either end of the accepted range counts, in every country, for both
/// periods: where an overflow could hide, each day is tried (the property tests below sample
/// the rest of the range).
#[test]
fn every_date_at_the_ends_of_the_range_counts() {
    let ends = [(EARLIEST, d("1901-12-31")), (d("2198-01-01"), LATEST)];
    for cc in SUPPORTED_COUNTRIES {
        let calendar = cal(cc);
        for (first, last) in ends {
            let mut received = first;
            while received <= last {
                let short = one_month(received, &calendar).unwrap_or_else(|e| panic!("{received} in {cc}: {e}"));
                let long = extended(received, &calendar).unwrap_or_else(|e| panic!("{received} in {cc}: {e}"));
                assert!(long.due > short.due && short.due > received, "{received} in {cc}");
                match received.tomorrow() {
                    Ok(next) => received = next,
                    Err(_) => break,
                }
            }
        }
    }
    // The latest receipt's extended period ends in 2200, after a weekend or holiday if need be.
    assert_eq!(extended(LATEST, &cal("FR")).expect("in range").due, d("2200-03-31"));
}

/// The holiday calendars answer, or refuse, for any year at all: never a panic, including at the
/// ends of what dates hold and beyond.
#[test]
fn calendars_never_panic_at_the_edges_of_time() {
    let cases: &[(i16, bool)] = &[
        (-9999, true),
        (-1, true),
        (0, true),
        (1582, true),
        (9999, true),
        (10000, false),
        (i16::MIN, false),
        (i16::MAX, false),
    ];
    for &(year, ok) in cases {
        assert_eq!(easter_sunday(year).is_ok(), ok, "Easter {year}");
        for cc in SUPPORTED_COUNTRIES {
            assert_eq!(cal(cc).holidays(year).is_ok(), ok, "holidays of {cc} in {year}");
        }
    }
    for cc in SUPPORTED_COUNTRIES {
        for day in [Date::MIN, Date::MAX] {
            cal(cc).is_working_day(day).unwrap_or_else(|e| panic!("{day} in {cc}: {e}"));
        }
    }
}

fn any_accepted_date() -> impl Strategy<Value = Date> {
    (EARLIEST.year()..=LATEST.year(), 1i8..=12, 1i8..=31).prop_map(|(y, m, day)| {
        let last = date(y, m, 1).last_of_month().day();
        date(y, m, day.min(last))
    })
}

fn any_date() -> impl Strategy<Value = Date> {
    (2000i16..2100, 1i8..=12, 1i8..=31).prop_map(|(y, m, day)| {
        let last = date(y, m, 1).last_of_month().day();
        date(y, m, day.min(last))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever the date and country: the deadline is a working day, never before the nominal
    /// end, at most a few days after it, and the nominal end is the same date next month or
    /// that month's last day.
    #[test]
    fn one_month_invariants(received in any_date(), country in proptest::sample::select(SUPPORTED_COUNTRIES)) {
        let calendar = cal(country);
        let dl = one_month(received, &calendar).expect("in range");
        prop_assert!(calendar.is_working_day(dl.due).expect("in range"));
        prop_assert!(dl.due >= dl.nominal_end);
        prop_assert!((dl.due - dl.nominal_end).get_days() <= 5, "{:?}", dl);
        let next_month = (i32::from(received.month()) % 12) + 1;
        prop_assert_eq!(i32::from(dl.nominal_end.month()), next_month);
        prop_assert!(dl.nominal_end.day() == received.day() || dl.nominal_end == dl.nominal_end.last_of_month());
        prop_assert!(dl.nominal_end > received);
        // Every day between the nominal end and the due date was skipped for a reason.
        let rolled = dl.steps.iter().filter(|s| matches!(s, Step::RolledOver { .. })).count() as i32;
        prop_assert_eq!(rolled, (dl.due - dl.nominal_end).get_days());
    }

    /// No date Redress accepts makes either count fail, whatever the country.
    #[test]
    fn no_accepted_date_fails_to_count(received in any_accepted_date(), country in proptest::sample::select(SUPPORTED_COUNTRIES)) {
        let calendar = cal(country);
        let short = one_month(received, &calendar);
        let long = extended(received, &calendar);
        prop_assert!(short.is_ok(), "one month from {} in {}: {:?}", received, country, short);
        prop_assert!(long.is_ok(), "extended from {} in {}: {:?}", received, country, long);
    }

    #[test]
    fn extended_is_never_earlier(received in any_date(), country in proptest::sample::select(SUPPORTED_COUNTRIES)) {
        let calendar = cal(country);
        let short = one_month(received, &calendar).expect("in range");
        let long = extended(received, &calendar).expect("in range");
        prop_assert!(long.due > short.due);
        prop_assert!(calendar.is_working_day(long.due).expect("in range"));
    }
}
