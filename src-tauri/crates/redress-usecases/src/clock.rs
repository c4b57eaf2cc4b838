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
