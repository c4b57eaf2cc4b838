//! DTOs of the registry commands.

use redress_core::registry::{Authority, Facet, ImportReport, Registry, Vendor, VendorQuery};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorQueryDto {
    pub text: Option<String>,
    pub category: Option<String>,
    /// An ISO country code, or "unknown".
    pub country: Option<String>,
}

impl From<VendorQueryDto> for VendorQuery {
    fn from(q: VendorQueryDto) -> Self {
        let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        VendorQuery {
            text: non_empty(q.text),
            category: non_empty(q.category),
            country: non_empty(q.country).as_deref().map(redress_core::registry::CountryFilter::parse),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorSummaryDto {
    pub id: String,
    pub name: String,
    pub legal_entity: Option<String>,
    pub country: Option<String>,
    pub request_email: Option<String>,
    pub categories: Vec<String>,
    pub imported: bool,
}

impl VendorSummaryDto {
    pub fn new(registry: &Registry, v: &Vendor) -> Self {
        VendorSummaryDto {
            id: v.id.to_string(),
            name: v.name.clone(),
            legal_entity: v.legal_entity.clone(),
            country: v.country.as_ref().map(ToString::to_string),
            request_email: v.request_email().map(str::to_owned),
            categories: v.categories.clone(),
            imported: registry.is_imported_vendor(v.id.as_str()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceDto {
    pub reference: String,
    pub supports: String,
    pub source_date: Option<String>,
    /// Whether `reference` is an http(s) address the system browser can open.
    pub is_link: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EuRepresentativeDto {
    pub name: String,
    pub email: Option<String>,
    pub address: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorDetailDto {
    pub id: String,
    pub name: String,
    pub legal_entity: Option<String>,
    pub siren: Option<String>,
    pub country: Option<String>,
    pub address: Option<Vec<String>>,
    pub privacy_email: Option<String>,
    pub dpo_email: Option<String>,
    pub request_form_url: Option<String>,
    pub self_check_url: Option<String>,
    pub privacy_policy_url: Option<String>,
    pub website: Option<String>,
    pub eu_representative: Option<EuRepresentativeDto>,
    /// The lead authority's id even when the registry lacks its record.
    pub lead_authority_id: Option<String>,
    pub lead_authority: Option<AuthorityDto>,
    pub stated_data_sources: Vec<String>,
    pub api_offered: Option<bool>,
    pub known_breaches: Vec<String>,
    pub categories: Vec<String>,
    pub domains: Vec<String>,
    pub notes: Option<String>,
    pub evidence: Vec<EvidenceDto>,
    pub last_verified: String,
    pub imported: bool,
}

impl VendorDetailDto {
    pub fn new(registry: &Registry, v: &Vendor) -> Self {
        VendorDetailDto {
            id: v.id.to_string(),
            name: v.name.clone(),
            legal_entity: v.legal_entity.clone(),
            siren: v.siren.clone(),
            country: v.country.as_ref().map(ToString::to_string),
            address: v.address.clone(),
            privacy_email: v.contacts.privacy_email.clone(),
            dpo_email: v.contacts.dpo_email.clone(),
            request_form_url: v.contacts.request_form_url.clone(),
            self_check_url: v.contacts.self_check_url.clone(),
            privacy_policy_url: v.contacts.privacy_policy_url.clone(),
            website: v.contacts.website.clone(),
            eu_representative: v.eu_representative.as_ref().map(|r| EuRepresentativeDto {
                name: r.name.clone(),
                email: r.email.clone(),
                address: r.address.clone(),
            }),
            lead_authority_id: v.lead_authority.as_ref().map(ToString::to_string),
            lead_authority: registry.lead_authority_of(v).map(AuthorityDto::from),
            stated_data_sources: v.stated_data_sources.clone(),
            api_offered: v.api_offered,
            known_breaches: v.known_breaches.clone(),
            categories: v.categories.clone(),
            domains: v.domains.clone(),
            notes: v.notes.clone(),
            evidence: v
                .evidence
                .iter()
                .map(|e| EvidenceDto {
                    reference: e.reference.clone(),
                    supports: e.supports.clone(),
                    source_date: e.source_date.clone(),
                    is_link: e.is_web_link(),
                })
                .collect(),
            last_verified: v.last_verified.to_string(),
            imported: registry.is_imported_vendor(v.id.as_str()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuthorityDto {
    pub id: String,
    pub name: String,
    pub country: String,
    pub address: Option<Vec<String>>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub complaint_url: Option<String>,
    pub website: Option<String>,
    pub languages: Vec<String>,
}

impl From<&Authority> for AuthorityDto {
    fn from(a: &Authority) -> Self {
        AuthorityDto {
            id: a.id.to_string(),
            name: a.name.clone(),
            country: a.country.to_string(),
            address: a.address.clone(),
            email: a.email.clone(),
            phone: a.phone.clone(),
            complaint_url: a.complaint_url.clone(),
            website: a.website.clone(),
            languages: a.languages.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct FacetDto {
    pub value: String,
    pub count: u32,
}

impl From<Facet> for FacetDto {
    fn from(f: Facet) -> Self {
        FacetDto { value: f.value, count: u32::try_from(f.count).unwrap_or(u32::MAX) }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct FacetsDto {
    pub categories: Vec<FacetDto>,
    pub countries: Vec<FacetDto>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RegistryInfoDto {
    /// When the built-in registry was compiled (YYYY-MM-DD).
    pub published: String,
    pub vendors: u32,
    pub authorities: u32,
    pub imported_vendors: u32,
    pub imported_authorities: u32,
    /// A problem with the saved imports found at start, if any.
    pub warning: Option<String>,
}

impl RegistryInfoDto {
    pub fn new(registry: &Registry, warning: Option<String>) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        RegistryInfoDto {
            published: registry.published().to_string(),
            vendors: count(registry.vendors().len()),
            authorities: count(registry.authorities().len()),
            imported_vendors: count(registry.imports().map_or(0, |i| i.vendors)),
            imported_authorities: count(registry.imports().map_or(0, |i| i.authorities)),
            warning,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReportDto {
    pub vendors_added: Vec<String>,
    pub vendors_updated: Vec<String>,
    pub vendors_unchanged: Vec<String>,
    pub authorities_added: Vec<String>,
    pub authorities_updated: Vec<String>,
    pub info: RegistryInfoDto,
}

impl ImportReportDto {
    pub fn new(report: ImportReport, registry: &Registry) -> Self {
        ImportReportDto {
            vendors_added: report.vendors_added,
            vendors_updated: report.vendors_updated,
            vendors_unchanged: report.vendors_unchanged,
            authorities_added: report.authorities_added,
            authorities_updated: report.authorities_updated,
            info: RegistryInfoDto::new(registry, None),
        }
    }
}
