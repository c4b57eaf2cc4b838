//! Time, passed in: every use case that dates something asks its clock, so tests (and the
//! byte-identical comparison of the app's and the CLI's output) can fix it.

use jiff::Zoned;
use jiff::civil::Date;

/// Where "now" comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current moment in the person's time zone.
    fn now(&self) -> Zoned;

    /// Today, in the person's time zone.
    fn today(&self) -> Date {
        self.now().date()
    }

    fn timestamp(&self) -> jiff::Timestamp {
        self.now().timestamp()
    }
}

/// The computer's clock and time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Zoned {
        Zoned::now()
    }
}

/// A clock that always says the same moment (tests).
#[derive(Debug, Clone)]
pub struct FixedClock(pub Zoned);

impl Clock for FixedClock {
    fn now(&self) -> Zoned {
        self.0.clone()
    }
}

/// The clock the front ends use: the computer's, unless the environment variable `REDRESS_NOW`
/// holds a moment (`2026-11-02T10:00:00+01:00[Europe/Paris]`, RFC 9557), which then stands
/// still. That makes every date a letter or a complaint carries, and a PDF's timestamps,
/// reproducible: the tests use it to check that the app and the CLI write the same bytes. A
/// value that is not such a moment is ignored.
pub fn front_end_clock() -> &'static dyn Clock {
    static CLOCK: std::sync::OnceLock<Box<dyn Clock>> = std::sync::OnceLock::new();
    CLOCK
        .get_or_init(|| match std::env::var("REDRESS_NOW").ok().and_then(|v| v.parse::<Zoned>().ok()) {
            Some(now) => Box::new(FixedClock(now)),
            None => Box::new(SystemClock),
        })
        .as_ref()
}
