//! `redress board` (a person's exposure board) and `redress self-check` (what they saw on a
//! vendor's own page): the Discover screen's board, without a window.

use std::fmt::Write as _;

use redress_core::breach::BreachCatalogue;
use redress_core::exposure::{Exposure, SelfCheckOutcome, exposure_board, request_targets};
use redress_core::registry::Registry;
use serde::Serialize;

use crate::args::{BoardArgs, SelfCheckArgs};
use crate::error::CliError;
use crate::output::{clip, print, print_json};
use crate::unlock::StoreAccess;

fn label(status: Exposure) -> &'static str {
    match status {
        Exposure::Confirmed => "HAS YOUR DATA",
        Exposure::Likely => "likely",
        Exposure::Unknown => "unknown",
        Exposure::NotHeld => "says no data",
        Exposure::Erased => "erased",
    }
}

#[derive(Serialize)]
struct BoardJson<'a> {
    rows: &'a [redress_core::exposure::VendorExposure],
    request_targets: Vec<String>,
}

pub fn show(access: &StoreAccess, registry: &Registry, args: &BoardArgs) -> Result<(), CliError> {
    let store = access.open()?;
    let facts = store.exposure_facts(args.profile)?;
    let board = exposure_board(registry, &BreachCatalogue::builtin()?, &facts);
    if args.json {
        return print_json(&BoardJson { request_targets: request_targets(&board), rows: &board });
    }
    let mut out = String::new();
    let mut hidden = 0;
    for row in &board {
        if !args.all && row.status == Exposure::Unknown && row.reasons.is_empty() {
            hidden += 1;
            continue;
        }
        let case = row.case_id.map(|c| format!(" (case {c})")).unwrap_or_default();
        let _ = writeln!(out, "{:<14} {}{case}", label(row.status), row.name);
        for r in &row.reasons {
            let _ = writeln!(out, "               - {}", clip(r, 160));
        }
    }
    if hidden > 0 {
        let _ = writeln!(out, "\n{hidden} vendors with nothing recorded yet (--all lists them).");
    }
    let targets = request_targets(&board);
    if !targets.is_empty() {
        let _ = writeln!(
            out,
            "Ask the {} unknown and likely vendors: redress letter access --profile {} --vendor {}",
            targets.len(),
            args.profile,
            targets.join(" --vendor ")
        );
    }
    print(&out)
}

pub fn self_check(access: &StoreAccess, registry: &Registry, args: &SelfCheckArgs) -> Result<(), CliError> {
    let vendor = registry.require_vendor(&args.vendor)?;
    // The CLI's spelling is `not-found`; the code is `not_found`.
    let outcome = SelfCheckOutcome::parse(&args.outcome.replace('-', "_"))
        .ok_or_else(|| CliError::Usage(format!("--outcome {:?}: say found, not-found or unclear", args.outcome)))?;
    let screenshot = match &args.screenshot {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|source| redress_core::Error::Read { path: path.clone(), source })?;
            let name = path.file_name().map_or_else(|| "screenshot".into(), |n| n.to_string_lossy().into_owned());
            Some((name, bytes))
        }
        None => None,
    };
    let mut store = access.open()?;
    let now = jiff::Timestamp::now();
    let today = now.to_zoned(jiff::tz::TimeZone::system()).date();
    let shot = screenshot.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
    store.record_self_check(args.profile, vendor.id.as_str(), today, outcome, args.note.as_deref(), shot, now)?;
    print(&format!("Recorded for {}: see `redress board --profile {}`.\n", vendor.name, args.profile))
}
