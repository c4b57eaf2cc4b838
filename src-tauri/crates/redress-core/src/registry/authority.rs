//! A supervisory authority record.

use serde::{Deserialize, Serialize};

use super::ids::{AuthorityId, CountryCode};
use super::vendor::Evidence;

/// A data-protection supervisory authority (Art. 51 GDPR), where a complaint can be lodged (Art. 77).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub id: AuthorityId,
    pub name: String,
    pub country: CountryCode,
    pub address: Option<Vec<String>>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    /// The authority's complaint page or form.
    pub complaint_url: Option<String>,
    pub website: Option<String>,
    /// Languages the authority works in (ISO 639-1, lowercase).
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub evidence: Vec<Evidence>,
    pub last_verified: jiff::civil::Date,
}
