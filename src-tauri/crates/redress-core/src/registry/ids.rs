//! Identifier newtypes, so a vendor id is never passed where an authority id is expected.

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// A vendor's registry id: lowercase letters, digits and hyphens (`kaspr`, `dd-abis`).
    VendorId
);
string_id!(
    /// A supervisory authority's registry id (`frcnil`, `debfdi`), as datenanfragen names them.
    AuthorityId
);
string_id!(
    /// An ISO 3166-1 alpha-2 country code in upper case (`FR`, `DE`).
    CountryCode
);
