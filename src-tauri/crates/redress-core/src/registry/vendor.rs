//! A vendor record.

use serde::{Deserialize, Serialize};

use super::ids::{AuthorityId, CountryCode, VendorId};

/// One B2B contact-data, enrichment or data-broker company. `None` and empty lists mean
/// "not known from any source", never "does not exist".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    pub id: VendorId,
    /// The trading name people know ("Kaspr").
    pub name: String,
    /// The controller's legal entity ("KASPR SAS").
    pub legal_entity: Option<String>,
    /// French SIREN (9 digits) of the legal entity, from its own legal notice.
    pub siren: Option<String>,
    /// Country of the registered office.
    pub country: Option<CountryCode>,
    /// Postal address of the registered office, one line per element.
    pub address: Option<Vec<String>>,
    pub contacts: Contacts,
    /// Art. 27 GDPR representative of a vendor established outside the EU.
    pub eu_representative: Option<EuRepresentative>,
    /// Lead supervisory authority (Art. 56), inferred from the registered office or EU
    /// establishment. `None` where there is no one-stop-shop or it is not mapped yet.
    pub lead_authority: Option<AuthorityId>,
    /// Where the vendor says its data comes from.
    pub stated_data_sources: Vec<String>,
    /// Whether the vendor sells API access to its data; `None` = unknown.
    pub api_offered: Option<bool>,
    /// Have I Been Pwned breach names tied to this vendor.
    pub known_breaches: Vec<String>,
    pub categories: Vec<String>,
    /// Registrable domains of the vendor, for matching e-mails and links.
    pub domains: Vec<String>,
    /// Countries whose residents the vendor mainly covers, lowercase; `["all"]` = worldwide.
    pub relevant_countries: Option<Vec<String>>,
    pub notes: Option<String>,
    /// Where each fact comes from. Never empty.
    pub evidence: Vec<Evidence>,
    /// The day the record was last checked against its sources.
    pub last_verified: jiff::civil::Date,
}

/// How to reach a vendor about personal data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    pub privacy_email: Option<String>,
    pub dpo_email: Option<String>,
    /// A web form where the vendor takes privacy requests (access, opt-out, erasure).
    pub request_form_url: Option<String>,
    /// A page where a person can look up whether the vendor holds their data.
    pub self_check_url: Option<String>,
    pub privacy_policy_url: Option<String>,
    pub website: Option<String>,
}

/// An Art. 27 GDPR representative in the Union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EuRepresentative {
    pub name: String,
    pub email: Option<String>,
    pub address: Option<Vec<String>>,
}

/// A source for a record: a URL or a citation, and what it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// A URL (`https://…`) or a citation such as `datenanfragen/data@0a29c3d6feee:companies/kaspr.json`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Which facts of the record this source supports.
    pub supports: String,
    /// When the source was published or captured: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub source_date: Option<String>,
}

impl Vendor {
    /// The address to write to: the privacy address, else the DPO's.
    pub fn request_email(&self) -> Option<&str> {
        self.contacts.privacy_email.as_deref().or(self.contacts.dpo_email.as_deref())
    }
}

impl Evidence {
    /// Whether the reference is a web address that can be opened in a browser.
    pub fn is_web_link(&self) -> bool {
        self.reference.starts_with("https://") || self.reference.starts_with("http://")
    }
}
