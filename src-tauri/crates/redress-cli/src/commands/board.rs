//! `redress board` (a person's exposure board) and `redress self-check` (what they saw on a
//! vendor's own page): the Discover screen's board, without a window.

use std::fmt::Write as _;

use redress_core::exposure::Exposure;
use redress_core::registry::Registry;
use redress_usecases::discovery::{self, SelfCheckRequest};
use redress_usecases::front_end_clock;
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
    let board = discovery::board(&access.open()?, registry, args.profile)?;
    if args.json {
        return print_json(&BoardJson { request_targets: board.request_targets.clone(), rows: &board.rows });
    }
    let mut out = String::new();
    let mut hidden = 0;
    for row in &board.rows {
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
    let targets = &board.request_targets;
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
    let request = SelfCheckRequest {
        profile: args.profile,
        vendor: args.vendor.clone(),
        outcome: args.outcome,
        note: args.note.clone(),
        screenshot: args.screenshot.clone(),
    };
    discovery::record_self_check(&mut access.open()?, registry, front_end_clock(), &request)?;
    print(&format!("Recorded for {}: see `redress board --profile {}`.\n", vendor.name, args.profile))
}
