//! `redress dossier`: the complaint file, from the cases in the store (or handed-over case
//! bundles) to one PDF, and the texts for the authority's online form.

use redress_core::registry::Registry;
use redress_usecases::cases::read_bundle;
use redress_usecases::complaint::{ComplaintRequest, ComplaintSource, prepare_complaint, save_complaint};
use redress_usecases::front_end_clock;
use redress_usecases::letters::PersonRef;

use crate::args::DossierArgs;
use crate::error::CliError;
use crate::output::print;
use crate::unlock::StoreAccess;

pub fn run(access: &StoreAccess, registry: &Registry, args: DossierArgs) -> Result<(), CliError> {
    let from_bundles = !args.case_files.is_empty();
    let source = if from_bundles {
        ComplaintSource::Bundles(args.case_files.iter().map(|f| read_bundle(registry, f)).collect::<Result<_, _>>()?)
    } else {
        ComplaintSource::Cases(args.cases.clone())
    };
    let mut request = ComplaintRequest::new(source);
    request.agent = match (&args.agent, args.agent_profile) {
        (Some(file), _) => Some(PersonRef::Given(Box::new(super::letters::read_identity(file)?))),
        (None, id) => id.map(PersonRef::Profile),
    };
    request.authority = args.authority.clone();
    request.never_informed = args.never_informed;
    request.observations = args.observations.clone();
    request.date = args.date;
    request.pdf_name = args.output.file_name().map(|n| n.to_string_lossy().into_owned());
    // From bundles no store is needed.
    let store = if from_bundles { None } else { Some(access.open()?) };
    let complaint = prepare_complaint(store.as_ref(), registry, front_end_clock(), &request)?;
    drop(store);
    for note in &complaint.material.notes {
        crate::output::eprintln(format_args!("note: {note}"));
    }
    let saved = save_complaint(&complaint, &args.output, args.form_text.as_deref(), args.force, front_end_clock())?;
    for w in &saved.warnings {
        crate::output::eprintln(format_args!("warning: {w}"));
    }
    let n = saved.exhibits;
    let mut said = format!(
        "Wrote {} ({} pages, {n} exhibit{}).\n",
        saved.path.display(),
        saved.pages,
        if n == 1 { "" } else { "s" }
    );
    if let Some(path) = &saved.form_text_path {
        said.push_str(&format!("Wrote the texts for the authority's complaint form to {}.\n", path.display()));
    }
    print(&said)
}
