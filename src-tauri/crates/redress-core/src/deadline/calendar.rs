//! Public holidays per country, computed (Easter-based ones included), and working days.
//!
//! Only holidays that apply nationwide are listed: regional ones (German Länder, Spanish
//! autonomous communities, Alsace-Moselle's Good Friday and 26 December, …) are not, so a
//! deadline may in rare cases end a day earlier than a regional calendar would say.
//! Sources: each country's public-holiday law as summarised on its government portal
//! (FR Code du travail L3133-1; DE Einigungsvertrag Art. 2 + Länder laws, nationwide days only;
//! BE loi du 4 janvier 1974; NL Algemene termijnenwet art. 3; IE Organisation of Working Time
//! Act 1997 Sch. 2 as amended 2022 (St Brigid's Day); ES Real Decreto 2001/1983 art. 45,
//! national days; IT legge 260/1949 and 54/1977; LU loi du 10 avril 1976 + 2019 (Europe Day);
//! AT Feiertagsruhegesetz 1957 §7(2); PL ustawa o dniach wolnych od pracy 1951, as amended
//! (24 December from 2025); GB England and Wales bank holidays (Banking and Financial
//! Dealings Act 1971), with weekend substitution).

use jiff::civil::{Date, Weekday};

use crate::Error;

/// The countries whose holidays Redress computes.
pub const SUPPORTED_COUNTRIES: &[&str] = &["AT", "BE", "DE", "ES", "FR", "GB", "IE", "IT", "LU", "NL", "PL"];

/// A public holiday: its date and name (in the country's own language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: &'static str,
}

/// The working-day calendar of one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    country: &'static str,
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm published in *Nature*, 1876,
/// also known as Meeus/Jones/Butcher). Fails only for a year `jiff` cannot represent.
pub fn easter_sunday(year: i16) -> Result<Date, Error> {
    // Euclidean division keeps every intermediate non-negative, so the month is always March or
    // April and the day exists, for any year (proleptically before 1583).
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // March or April, and 1..=31: both fit an i8.
    day_of(year, month as i8, day as i8)
}

/// The date, or why it cannot be counted with: only a year outside `jiff`'s range fails, as
/// the month and day come from the fixed holiday lists.
fn day_of(year: i16, month: i8, day: i8) -> Result<Date, Error> {
    Date::new(year, month, day).map_err(|_| Error::DateOutOfRange { date: format!("{year:04}-{month:02}-{day:02}") })
}

fn plus(d: Date, days: i32) -> Result<Date, Error> {
    d.checked_add(jiff::Span::new().days(days)).map_err(|_| Error::DateOutOfRange { date: d.to_string() })
}

/// The `n`-th (1-based) `weekday` of a month, or the last one with `n = -1`.
fn nth_weekday(year: i16, month: i8, weekday: Weekday, n: i8) -> Result<Date, Error> {
    let first = day_of(year, month, 1)?;
    if n > 0 {
        let offset = (weekday.to_monday_zero_offset() - first.weekday().to_monday_zero_offset() + 7) % 7;
        plus(first, i32::from(offset) + 7 * (i32::from(n) - 1))
    } else {
        let last = first.last_of_month();
        let back = (last.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset() + 7) % 7;
        plus(last, -i32::from(back))
    }
}

/// A fixed-date holiday moved to the next Monday (or Tuesday) when it falls on a weekend, as
/// English bank holidays are.
fn substituted(d: Date, taken: &[Date]) -> Result<Date, Error> {
    let mut day = d;
    while matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) || taken.contains(&day) {
        day = plus(day, 1)?;
    }
    Ok(day)
}

impl Calendar {
    /// The calendar of `country` (ISO 3166-1 alpha-2, any case); `None` if not supported.
    pub fn for_country(country: &str) -> Option<Calendar> {
        let upper = country.to_ascii_uppercase();
        SUPPORTED_COUNTRIES.iter().find(|c| **c == upper).map(|c| Calendar { country: c })
    }

    /// The calendar of `country` when Redress knows its holidays, else France's. Which
    /// holidays count for a controller outside the supported countries is an open question
    /// (fact sheet §2.4, [U]); France is the choice until it is settled.
    pub fn for_country_or_fr(country: Option<&str>) -> Calendar {
        country.and_then(Calendar::for_country).unwrap_or(Calendar { country: "FR" })
    }

    pub fn country(&self) -> &'static str {
        self.country
    }

    /// Every public holiday of `year`, in date order.
    pub fn holidays(&self, year: i16) -> Result<Vec<Holiday>, Error> {
        let easter = easter_sunday(year)?;
        let e = |days: i32, name: &'static str| Ok::<_, Error>(Holiday { date: plus(easter, days)?, name });
        let f =
            |month: i8, day: i8, name: &'static str| Ok::<_, Error>(Holiday { date: day_of(year, month, day)?, name });
        let mut list = match self.country {
            "FR" => vec![
                f(1, 1, "Jour de l'an")?,
                e(1, "Lundi de Pâques")?,
                f(5, 1, "Fête du Travail")?,
                f(5, 8, "Victoire 1945")?,
                e(39, "Ascension")?,
                e(50, "Lundi de Pentecôte")?,
                f(7, 14, "Fête nationale")?,
                f(8, 15, "Assomption")?,
                f(11, 1, "Toussaint")?,
                f(11, 11, "Armistice 1918")?,
                f(12, 25, "Noël")?,
            ],
            "DE" => vec![
                f(1, 1, "Neujahr")?,
                e(-2, "Karfreitag")?,
                e(1, "Ostermontag")?,
                f(5, 1, "Tag der Arbeit")?,
                e(39, "Christi Himmelfahrt")?,
                e(50, "Pfingstmontag")?,
                f(10, 3, "Tag der Deutschen Einheit")?,
                f(12, 25, "1. Weihnachtstag")?,
                f(12, 26, "2. Weihnachtstag")?,
            ],
            "BE" => vec![
                f(1, 1, "Nouvel An / Nieuwjaar")?,
                e(1, "Lundi de Pâques / Paasmaandag")?,
                f(5, 1, "Fête du Travail / Dag van de Arbeid")?,
                e(39, "Ascension / O.L.H. Hemelvaart")?,
                e(50, "Lundi de Pentecôte / Pinkstermaandag")?,
                f(7, 21, "Fête nationale / Nationale feestdag")?,
                f(8, 15, "Assomption / O.L.V. Hemelvaart")?,
                f(11, 1, "Toussaint / Allerheiligen")?,
                f(11, 11, "Armistice / Wapenstilstand")?,
                f(12, 25, "Noël / Kerstmis")?,
            ],
            "NL" => {
                // Koningsdag is 27 April, or 26 April when the 27th is a Sunday.
                let kings = day_of(year, 4, 27)?;
                let kings = if kings.weekday() == Weekday::Sunday { day_of(year, 4, 26)? } else { kings };
                vec![
                    f(1, 1, "Nieuwjaarsdag")?,
                    e(1, "Tweede Paasdag")?,
                    Holiday { date: kings, name: "Koningsdag" },
                    f(5, 5, "Bevrijdingsdag")?,
                    e(39, "Hemelvaartsdag")?,
                    e(50, "Tweede Pinksterdag")?,
                    f(12, 25, "Eerste Kerstdag")?,
                    f(12, 26, "Tweede Kerstdag")?,
                ]
            }
            "IE" => {
                // St Brigid's Day (from 2023): the first Monday in February, or 1 February
                // when that is a Friday.
                let feb1 = day_of(year, 2, 1)?;
                let brigid =
                    if feb1.weekday() == Weekday::Friday { feb1 } else { nth_weekday(year, 2, Weekday::Monday, 1)? };
                let mut v = vec![
                    f(1, 1, "New Year's Day")?,
                    f(3, 17, "St Patrick's Day")?,
                    e(1, "Easter Monday")?,
                    Holiday { date: nth_weekday(year, 5, Weekday::Monday, 1)?, name: "May Day" },
                    Holiday { date: nth_weekday(year, 6, Weekday::Monday, 1)?, name: "June Bank Holiday" },
                    Holiday { date: nth_weekday(year, 8, Weekday::Monday, 1)?, name: "August Bank Holiday" },
                    Holiday { date: nth_weekday(year, 10, Weekday::Monday, -1)?, name: "October Bank Holiday" },
                    f(12, 25, "Christmas Day")?,
                    f(12, 26, "St Stephen's Day")?,
                ];
                if year >= 2023 {
                    v.push(Holiday { date: brigid, name: "St Brigid's Day" });
                }
                v
            }
            "ES" => vec![
                f(1, 1, "Año Nuevo")?,
                f(1, 6, "Epifanía del Señor")?,
                e(-2, "Viernes Santo")?,
                f(5, 1, "Fiesta del Trabajo")?,
                f(8, 15, "Asunción de la Virgen")?,
                f(10, 12, "Fiesta Nacional de España")?,
                f(11, 1, "Todos los Santos")?,
                f(12, 6, "Día de la Constitución")?,
                f(12, 8, "Inmaculada Concepción")?,
                f(12, 25, "Navidad")?,
            ],
            "IT" => vec![
                f(1, 1, "Capodanno")?,
                f(1, 6, "Epifania")?,
                e(1, "Lunedì dell'Angelo")?,
                f(4, 25, "Festa della Liberazione")?,
                f(5, 1, "Festa del Lavoro")?,
                f(6, 2, "Festa della Repubblica")?,
                f(8, 15, "Ferragosto")?,
                f(11, 1, "Ognissanti")?,
                f(12, 8, "Immacolata Concezione")?,
                f(12, 25, "Natale")?,
                f(12, 26, "Santo Stefano")?,
            ],
            "LU" => {
                let mut v = vec![
                    f(1, 1, "Neijoerschdag")?,
                    e(1, "Ouschterméindeg")?,
                    f(5, 1, "Dag vun der Aarbecht")?,
                    e(39, "Christi Himmelfaart")?,
                    e(50, "Péngschtméindeg")?,
                    f(6, 23, "Nationalfeierdag")?,
                    f(8, 15, "Léiffrawëschdag")?,
                    f(11, 1, "Allerhellgen")?,
                    f(12, 25, "Chrëschtdag")?,
                    f(12, 26, "Stiefesdag")?,
                ];
                if year >= 2019 {
                    v.push(f(5, 9, "Europadag")?);
                }
                v
            }
            "AT" => vec![
                f(1, 1, "Neujahr")?,
                f(1, 6, "Heilige Drei Könige")?,
                e(1, "Ostermontag")?,
                f(5, 1, "Staatsfeiertag")?,
                e(39, "Christi Himmelfahrt")?,
                e(50, "Pfingstmontag")?,
                e(60, "Fronleichnam")?,
                f(8, 15, "Mariä Himmelfahrt")?,
                f(10, 26, "Nationalfeiertag")?,
                f(11, 1, "Allerheiligen")?,
                f(12, 8, "Mariä Empfängnis")?,
                f(12, 25, "Christtag")?,
                f(12, 26, "Stefanitag")?,
            ],
            "PL" => {
                let mut v = vec![
                    f(1, 1, "Nowy Rok")?,
                    f(1, 6, "Święto Trzech Króli")?,
                    e(0, "Wielkanoc")?,
                    e(1, "Poniedziałek Wielkanocny")?,
                    f(5, 1, "Święto Pracy")?,
                    f(5, 3, "Święto Konstytucji 3 Maja")?,
                    e(49, "Zielone Świątki")?,
                    e(60, "Boże Ciało")?,
                    f(8, 15, "Wniebowzięcie Najświętszej Maryi Panny")?,
                    f(11, 1, "Wszystkich Świętych")?,
                    f(11, 11, "Narodowe Święto Niepodległości")?,
                    f(12, 25, "Boże Narodzenie (pierwszy dzień)")?,
                    f(12, 26, "Boże Narodzenie (drugi dzień)")?,
                ];
                if year >= 2025 {
                    v.push(f(12, 24, "Wigilia Bożego Narodzenia")?);
                }
                v
            }
            "GB" => {
                let new_year = substituted(day_of(year, 1, 1)?, &[])?;
                let christmas = substituted(day_of(year, 12, 25)?, &[])?;
                let boxing = substituted(day_of(year, 12, 26)?, &[christmas])?;
                vec![
                    Holiday { date: new_year, name: "New Year's Day" },
                    e(-2, "Good Friday")?,
                    e(1, "Easter Monday")?,
                    Holiday { date: nth_weekday(year, 5, Weekday::Monday, 1)?, name: "Early May bank holiday" },
                    Holiday { date: nth_weekday(year, 5, Weekday::Monday, -1)?, name: "Spring bank holiday" },
                    Holiday { date: nth_weekday(year, 8, Weekday::Monday, -1)?, name: "Summer bank holiday" },
                    Holiday { date: christmas, name: "Christmas Day" },
                    Holiday { date: boxing, name: "Boxing Day" },
                ]
            }
            _ => Vec::new(),
        };
        list.sort_by_key(|h| h.date);
        Ok(list)
    }

    /// The holiday on `day`, if any.
    pub fn holiday(&self, day: Date) -> Result<Option<Holiday>, Error> {
        Ok(self.holidays(day.year())?.into_iter().find(|h| h.date == day))
    }

    /// Neither a Saturday, a Sunday nor a public holiday (R1182 Art. 2(2)).
    pub fn is_working_day(&self, day: Date) -> Result<bool, Error> {
        Ok(!matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && self.holiday(day)?.is_none())
    }
}
