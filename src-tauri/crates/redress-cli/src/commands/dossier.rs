//! `redress dossier`: the complaint file, from the cases in the store to one PDF.

use redress_core::dossier::{DossierInput, compose, dossier_lang, form_text};
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
    // The authority decides the dossier's language, so it is chosen from the first case's
    // vendor before anything is gathered. From bundles no store is needed.
    let authority_for = |vendor_id: &str| -> Result<_, CliError> {
        let vendor = registry.require_vendor(vendor_id)?;
        Ok(registry.complaint_authority(vendor, args.authority.as_deref())?)
    };
    let (material, agent, authority) = if args.case_files.is_empty() {
        let store = access.open()?;
        let first = store.case(*args.cases.first().ok_or_else(|| CliError::Usage("give --case ID".into()))?)?;
        let authority = authority_for(&first.vendor_id)?;
        let agent = args.agent_profile.map(|id| store.profile(id)).transpose()?.map(|p| p.fields);
        (store.dossier_material(&args.cases, registry, agent.is_some(), dossier_lang(authority))?, agent, authority)
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
        let agent = args.agent.as_deref().map(super::letters::read_identity).transpose()?;
        let first = bundles.first().ok_or_else(|| CliError::Usage("give --case-file FILE".into()))?;
        let authority = authority_for(&first.case.vendor_id)?;
        let material = DossierMaterial::from_bundles(&bundles, registry, agent.is_some(), dossier_lang(authority))?;
        (material, agent, authority)
    };
    for note in &material.notes {
        eprintln!("note: {note}");
    }
    let vendor = registry.require_vendor(&material.vendor_id)?;
    let lang = dossier_lang(authority);
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
    let mut report = compose(&input, lang);
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
        redress_core::atomic_file::write_atomically(path, form_text(&input, lang, &name).as_bytes())?;
        said.push_str(&format!("Wrote the texts for the authority's complaint form to {}.\n", path.display()));
    }
    print(&said)
}
