//! `redress demo -o DIR`: a fictional person's whole journey, written as files, with nothing
//! stored (the use case runs it on a throw-away store): letters to two vendors, an incomplete
//! answer, a missed deadline, reminders, and the two complaint files for the CNIL.

use std::fmt::Write;
use std::path::Path;

use redress_core::registry::Registry;
use redress_usecases::demo::write_demo;

use crate::error::CliError;
use crate::output::print;

pub fn run(registry: &Registry, dir: &Path, force: bool) -> Result<(), CliError> {
    if dir.exists() && !force && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(CliError::Usage(format!("{} is not empty (use --force to write into it anyway)", dir.display())));
    }
    let written = write_demo(registry, dir)?;
    let mut out = format!("Wrote a fictional example into {} (nothing was stored):\n", dir.display());
    for f in &written.files {
        let _ = writeln!(out, "  {}", f.display());
    }
    for (pdf, pages) in &written.complaints {
        let _ = writeln!(out, "  {} ({pages} pages)", pdf.display());
    }
    out.push_str(
        "Camille wrote to Kaspr and Lusha on 1 September 2026. Kaspr answered incompletely (no source, no\n\
         recipients, no copy); Lusha never answered. The reminders list what is missing; the complaints\n\
         (plainte-*.pdf, in French for the CNIL) gather the facts, the deadlines and every exhibit.\n",
    );
    print(&out)
}
