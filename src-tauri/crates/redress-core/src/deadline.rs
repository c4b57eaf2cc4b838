//! GDPR deadlines, counted the way the law counts them.
//!
//! Art. 12(3) GDPR gives a controller one month from *receipt* of a request, extendable by two
//! further months. Periods in EU law are counted under Regulation (EEC, Euratom) No 1182/71
//! (EDPB Guidelines 01/2022 on the right of access, v2.1, ¶160–161):
//!
//! - Art. 3(1): the day of the event (receipt) is not counted;
//! - Art. 3(2)(c): a period in months ends on the day of the last month with the same date as
//!   the day of the event (CJEU C-171/03: receipt on the 5th ends on the 5th), or on the last
//!   day of that month if it has no such date;
//! - Art. 3(4): if the last day is a Saturday, Sunday or public holiday, the period ends on the
//!   next working day; Art. 2(1): the public holidays of the Member State where action is to be
//!   taken, read here as the controller's country.
//!
//! ```
//! use redress_core::deadline::{Calendar, one_month};
//! let received = jiff::civil::date(2025, 3, 5); // a Wednesday
//! let d = one_month(received, &Calendar::for_country("FR").unwrap()).unwrap();
//! assert_eq!(d.due, jiff::civil::date(2025, 4, 7)); // 5 April is a Saturday
//! ```
//!
//! Every count is fallible: a receipt date outside 1900-01-01 ..= 2199-12-31
//! (`crate::date_range`) is refused with a message rather than counted.

mod calendar;
mod count;

pub use calendar::{Calendar, Holiday, SUPPORTED_COUNTRIES, easter_sunday};
pub use count::{Deadline, Step, extended, one_month};
