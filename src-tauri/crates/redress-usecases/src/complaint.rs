//! The complaint file: cases (from the store, or handed over as bundles) → the material (the
//! person, one vendor, the exhibits in order) → the report in the authority's language → the PDF
//! with every exhibit merged in, and the texts for the authority's online form.
//!
//! [`prepare_complaint`] is the only step that reads the store; [`render_complaint`] and
//! [`save_complaint`] work on what it gathered, so the app renders without holding the store.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use redress_core::dossier::{DossierInput, Ripeness, compose, dossier_lang, form_text, grievances_in};
use redress_core::identity::Lang;
use redress_core::registry::{Authority, Registry, Vendor};
use redress_core::report::Report;
use redress_store::{CaseBundle, CaseId, DossierSources, Store};

use crate::clock::Clock;
use crate::dossier_material::{DossierMaterial, assemble};
use crate::error::{Refusal, Result, accepted_past_date};
use crate::letters::{PersonRef, refuse_existing};

/// Where the complaint's cases come from.
#[derive(Debug, Clone)]
pub enum ComplaintSource {
    /// Cases in the store, against one vendor, for one person.
    Cases(Vec<CaseId>),
    /// Case bundles an advocate was handed (no store needed).
    Bundles(Vec<CaseBundle>),
}

/// What the person asks for.
#[derive(Debug, Clone)]
pub struct ComplaintRequest {
    pub source: ComplaintSource,
    /// An advocate filing for the person: the person's mandate becomes the first exhibit.
    pub agent: Option<PersonRef>,
    /// The authority it goes to; `None`: the vendor's lead authority, else the CNIL. The
    /// complaint is written in that authority's language.
    pub authority: Option<String>,
    /// The person states the vendor never told them it held their data (Art. 14).
    pub never_informed: bool,
    /// Free paragraphs; blank ones are dropped.
    pub observations: Vec<String>,
    /// The complaint's date; `None`: today.
    pub date: Option<Date>,
    /// The PDF's file name as the form texts cite it; `None`: [`Complaint::file_stem`].pdf.
    pub pdf_name: Option<String>,
}

impl ComplaintRequest {
    pub fn new(source: ComplaintSource) -> Self {
        ComplaintRequest {
            source,
            agent: None,
            authority: None,
            never_informed: false,
            observations: Vec::new(),
            date: None,
            pdf_name: None,
        }
    }
}

/// A complaint ready to be rendered.
#[derive(Debug, Clone)]
pub struct Complaint {
    /// The report, its exhibits attached.
    pub report: Report,
    pub material: DossierMaterial,
    /// The texts for the authority's online form, field by field.
    pub form_text: String,
    pub lang: Lang,
    /// The authority's name in its own language.
    pub authority_name: String,
    /// "plainte-kaspr", "complaint-kaspr", "beschwerde-kaspr".
    pub file_stem: String,
}

/// Gathers the material and composes the complaint.
pub fn prepare_complaint(
    store: Option<&Store>,
    registry: &Registry,
    clock: &dyn Clock,
    request: &ComplaintRequest,
) -> Result<Complaint> {
    // A complaint dated ahead would make unripe requests look ripe.
    request.date.map(|d| accepted_past_date("complaint date", d, clock.today())).transpose()?;
    let agent = match (&request.agent, store) {
        (Some(PersonRef::Given(p)), _) => Some((**p).clone()),
        (Some(PersonRef::Profile(id)), Some(store)) => Some(store.profile(*id)?.fields),
        (Some(PersonRef::Profile(_)), None) | (None, _) => None,
    };
    // The authority decides the language, so it is chosen from the first case's vendor before
    // anything is gathered.
    let (vendor, authority) = match &request.source {
        ComplaintSource::Cases(ids) => {
            let (store, first) = match (store, ids.first()) {
                (Some(store), Some(first)) => (store, *first),
                _ => return Err(Refusal::NoCase.into()),
            };
            authority(registry, &store.case(first)?.vendor_id, request.authority.as_deref())?
        }
        ComplaintSource::Bundles(bundles) => {
            let first = bundles.first().ok_or(Refusal::NoCase)?;
            authority(registry, &first.case.vendor_id, request.authority.as_deref())?
        }
    };
    let lang = dossier_lang(authority);
    let material = match (&request.source, store) {
        (ComplaintSource::Cases(ids), Some(store)) => store.dossier_sources(ids)?,
        (ComplaintSource::Bundles(bundles), _) => DossierSources::from_bundles(bundles)?,
        (ComplaintSource::Cases(_), None) => return Err(Refusal::NoCase.into()),
    };
    let mut material = assemble(material, registry, agent.is_some(), lang)?;
    let date = request.date.unwrap_or_else(|| clock.today());
    material.notes.extend(ripeness_notes(&material, date));
    let file_stem = file_stem(vendor.id.as_str(), lang);
    let input = DossierInput {
        complainant: &material.person,
        agent: agent.as_ref(),
        vendor,
        authority,
        cases: material.cases.clone(),
        exhibits: material.exhibits.iter().map(|e| e.entry.clone()).collect(),
        never_informed: request.never_informed,
        observations: request.observations.iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect(),
        date,
    };
    if grievances_in(&input, lang)?.is_empty() {
        let cases = input.cases.iter().map(|c| (c.id, c.ripeness(date))).collect();
        return Err(Refusal::NothingRipe { cases }.into());
    }
    let pdf_name = request.pdf_name.clone().unwrap_or_else(|| format!("{file_stem}.pdf"));
    let form_text = form_text(&input, lang, &pdf_name)?;
    let mut report = compose(&input, lang)?;
    report.exhibits = material.report_exhibits();
    Ok(Complaint {
        report,
        form_text,
        lang,
        authority_name: redress_core::letter::native_name(&authority.name),
        file_stem,
        material,
    })
}

/// What the person should know about cases that allege nothing yet, and reminders whose period
/// has not run: the complaint goes ahead on the ripe grievances alone.
fn ripeness_notes(material: &DossierMaterial, date: Date) -> Vec<String> {
    let mut notes = Vec::new();
    for c in &material.cases {
        if let Ripeness::From { due, from } = c.ripeness(date) {
            notes.push(format!(
                "case {}: the company's period runs until {due}; the complaint alleges nothing about this request before {from}",
                c.id
            ));
        }
        if let Some(end) = c.reminder_period_end().filter(|end| *end >= date) {
            notes.push(format!(
                "case {}: the reminder gave the company until {end} to answer; the authority may expect you to wait until then",
                c.id
            ));
        }
    }
    notes
}

fn authority<'r>(registry: &'r Registry, vendor_id: &str, chosen: Option<&str>) -> Result<(&'r Vendor, &'r Authority)> {
    let vendor = registry.require_vendor(vendor_id)?;
    Ok((vendor, registry.complaint_authority(vendor, chosen)?))
}

/// "plainte-kaspr", "complaint-kaspr", "beschwerde-kaspr".
fn file_stem(vendor: &str, lang: Lang) -> String {
    let word = match lang {
        Lang::Fr => "plainte",
        Lang::En => "complaint",
        Lang::De => "beschwerde",
    };
    format!("{word}-{vendor}")
}

/// The complaint as a PDF, every exhibit merged in; `clock` dates its metadata.
pub fn render_complaint(complaint: &Complaint, clock: &dyn Clock) -> Result<redress_pdf::ReportPdf> {
    Ok(redress_pdf::report_pdf(&complaint.report, &redress_pdf::PdfMeta::new(clock.timestamp()))?)
}

/// What saving wrote.
#[derive(Debug, Clone)]
pub struct SavedComplaint {
    pub path: PathBuf,
    pub pages: usize,
    pub exhibits: usize,
    /// Exhibits that could not be merged as they are (and what was put in their place).
    pub warnings: Vec<String>,
    pub form_text_path: Option<PathBuf>,
}

/// Renders the complaint to `path` and, when asked, its form texts to `form_text_path`. Unless
/// `overwrite`, refuses (writing nothing) when either exists.
pub fn save_complaint(
    complaint: &Complaint,
    path: &Path,
    form_text_path: Option<&Path>,
    overwrite: bool,
    clock: &dyn Clock,
) -> Result<SavedComplaint> {
    if !overwrite {
        let targets: Vec<PathBuf> = std::iter::once(path).chain(form_text_path).map(Path::to_owned).collect();
        refuse_existing(&targets)?;
    }
    let pdf = render_complaint(complaint, clock)?;
    redress_core::atomic_file::write_atomically(path, &pdf.bytes)?;
    if let Some(form) = form_text_path {
        redress_core::atomic_file::write_atomically(form, complaint.form_text.as_bytes())?;
    }
    Ok(SavedComplaint {
        path: path.to_owned(),
        pages: pdf.pages,
        exhibits: complaint.report.exhibits.len(),
        warnings: pdf.warnings,
        form_text_path: form_text_path.map(Path::to_owned),
    })
}
