//! `redress dossier`: the complaint file, from the cases in the store to one PDF.

use redress_core::dossier::{DossierInput, compose_fr, form_text_fr};
use redress_core::registry::Registry;

use redress_store::{CaseBundle, DossierMaterial};

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
    // From bundles no store is needed; from cases, the store is opened.
    let (material, agent) = if args.case_files.is_empty() {
        let store = access.open()?;
        let agent = args.agent_profile.map(|id| store.profile(id)).transpose()?.map(|p| p.fields);
        (store.dossier_material(&args.cases, registry, agent.is_some())?, agent)
    } else {
        let bundles = args
            .case_files
            .iter()
            .map(|path| {
                let bytes =
                    std::fs::read(path).map_err(|source| redress_core::Error::Read { path: path.clone(), source })?;
                Ok(CaseBundle::parse(&bytes, path)?)
            })
            .collect::<Result<Vec<_>, CliError>>()?;
        let agent = match &args.agent {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|source| redress_core::Error::Read { path: path.clone(), source })?;
                Some(redress_core::identity::parse_identity(&text, path)?)
            }
            None => None,
        };
        (DossierMaterial::from_bundles(&bundles, registry, agent.is_some())?, agent)
    };
    for note in &material.notes {
        eprintln!("note: {note}");
    }
    let vendor = registry.require_vendor(&material.vendor_id)?;
    let authority = registry.complaint_authority(vendor, args.authority.as_deref())?;
    if authority.id.as_str() != "frcnil" {
        eprintln!(
            "note: the dossier is written in French, the CNIL's language; {} may expect another language",
            authority.name
        );
    }
    let input = DossierInput {
        complainant: &material.person,
        agent: agent.as_ref(),
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
    report.exhibits = material.report_exhibits();
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
