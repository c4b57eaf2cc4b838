//! `redress dossier`: the complaint file, from the cases in the store to one PDF.

use redress_core::dossier::{DossierInput, compose_fr, form_text_fr};
use redress_core::registry::Registry;
use redress_core::report::{Exhibit, ExhibitContent};
use redress_store::{ExhibitSource, MaterialExhibit};

use super::cases::day;
use crate::args::DossierArgs;
use crate::error::CliError;
use crate::output::print;
use crate::unlock::StoreAccess;

pub fn run(access: &StoreAccess, registry: &Registry, args: DossierArgs) -> Result<(), CliError> {
    for path in std::iter::once(&args.output).chain(args.form_text.as_ref()) {
        if path.exists() && !args.force {
            return Err(CliError::Usage(format!("{} already exists (use --force to replace it)", path.display())));
        }
    }
    let date = day(args.date.as_deref(), "--date")?;
    let store = access.open()?;
    let agent = args.agent_profile.map(|id| store.profile(id)).transpose()?;
    let material = store.dossier_material(&args.cases, registry, agent.is_some())?;
    for note in &material.notes {
        eprintln!("note: {note}");
    }
    let vendor = registry.require_vendor(&material.vendor_id)?;
    let authority = match &args.authority {
        Some(id) => registry.authority(id).ok_or_else(|| redress_core::Error::UnknownAuthority { id: id.clone() })?,
        None => registry
            .lead_authority_of(vendor)
            .or_else(|| registry.authority("frcnil"))
            .ok_or_else(|| redress_core::Error::UnknownAuthority { id: "frcnil".into() })?,
    };
    if authority.id.as_str() != "frcnil" {
        eprintln!(
            "note: the dossier is written in French, the CNIL's language; {} may expect another language",
            authority.name
        );
    }
    let input = DossierInput {
        complainant: &material.person.fields,
        agent: agent.as_ref().map(|a| &a.fields),
        vendor,
        authority,
        cases: material.cases.clone(),
        exhibits: material.exhibits.iter().map(|e| e.entry.clone()).collect(),
        never_informed: args.never_informed,
        observations: args.observations.clone(),
        date,
    };
    let meta = redress_pdf::PdfMeta::new(jiff::Timestamp::now());
    let mut report = compose_fr(&input);
    report.exhibits = exhibits(&material.exhibits, &meta)?;
    let pdf = redress_pdf::report_pdf(&report, &meta)?;
    redress_core::atomic_file::write_atomically(&args.output, &pdf.bytes)?;
    for w in &pdf.warnings {
        eprintln!("warning: {w}");
    }
    let n = report.exhibits.len();
    let mut said = format!(
        "Wrote {} ({} pages, {n} exhibit{}).\n",
        args.output.display(),
        pdf.pages,
        if n == 1 { "" } else { "s" }
    );
    if let Some(path) = &args.form_text {
        let name = args.output.file_name().map_or("plainte.pdf".into(), |n| n.to_string_lossy().into_owned());
        redress_core::atomic_file::write_atomically(path, form_text_fr(&input, &name).as_bytes())?;
        said.push_str(&format!("Wrote the texts for the CNIL's online form to {}.\n", path.display()));
    }
    print(&said)
}

/// The exhibits ready for the PDF: reproduced requests are rendered as letters.
pub(super) fn exhibits(material: &[MaterialExhibit], meta: &redress_pdf::PdfMeta) -> Result<Vec<Exhibit>, CliError> {
    material
        .iter()
        .map(|m| {
            let content = match &m.content {
                ExhibitSource::Content(c) => c.clone(),
                ExhibitSource::Letter(letter) => ExhibitContent::Pdf { bytes: redress_pdf::letter_pdf(letter, meta)? },
            };
            Ok(Exhibit { number: m.entry.number, title: m.entry.title.clone(), source: m.source.clone(), content })
        })
        .collect()
}
