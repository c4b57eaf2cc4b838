//! One spelling per value. A request kind, a channel, an answer, a status… is written the same
//! way on the command line, in `--json` output, over IPC, in TypeScript and in the store:
//! lower case, words joined by `-` (`source-inquiry`, `registered-post`, `no-data-held`).
//!
//! [`spelled!`](crate::spelled) gives an enum its `ALL` list, its `code()` and a `FromStr`
//! whose error lists every valid value. Serde spells the same (`rename_all = "kebab-case"`; a
//! test checks each value), and reads the `snake_case` spellings that stores and case bundles
//! written before this rule hold (`#[serde(alias)]`, and `FromStr` accepts `_` for `-`).

/// A value with one spelling everywhere.
pub trait Spelled: Copy + Sized + 'static {
    /// What the value is, for messages: "request kind".
    const WHAT: &'static str;
    /// Every value, in the order they are listed to a person.
    const ALL: &'static [Self];
    /// The spelling: `source-inquiry`.
    fn code(self) -> &'static str;

    /// Every spelling, in [`Spelled::ALL`]'s order.
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.code()).collect()
    }

    /// Every spelling, as a sentence lists them: "email, registered-post or web-form".
    fn listed() -> String {
        list(&Self::codes())
    }

    /// The value spelled `s` (surrounding blanks and case ignored; the older `_` is read as
    /// `-`), or an error that lists every valid value.
    fn from_code(s: &str) -> Result<Self, UnknownValue> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL.iter().copied().find(|v| v.code() == wanted).ok_or_else(|| UnknownValue {
            what: Self::WHAT,
            given: s.to_owned(),
            valid: Self::codes(),
        })
    }
}

/// A spelling that names no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not a {what}: use {}", list(valid))]
pub struct UnknownValue {
    pub what: &'static str,
    pub given: String,
    pub valid: Vec<&'static str>,
}

/// "a, b or c".
fn list(valid: &[&str]) -> String {
    match valid {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Gives a unit enum its spellings: `ALL`, `code()`, [`Spelled`] and `FromStr`.
///
/// ```ignore
/// spelled!(Channel, "channel", { Email => "email", RegisteredPost => "registered-post" });
/// ```
#[macro_export]
macro_rules! spelled {
    ($ty:ident, $what:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order they are listed to a person.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The one spelling of the value (command line, JSON, IPC, TypeScript, store).
            pub fn code(self) -> &'static str {
                match self {
                    $($ty::$variant => $code),+
                }
            }
        }

        impl $crate::spelling::Spelled for $ty {
            const WHAT: &'static str = $what;
            const ALL: &'static [$ty] = $ty::ALL;
            fn code(self) -> &'static str {
                $ty::code(self)
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::spelling::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty as $crate::spelling::Spelled>::from_code(s)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::list;

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a or b");
        assert_eq!(list(&["a", "b", "c"]), "a, b or c");
    }
}
