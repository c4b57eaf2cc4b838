//! `redress`: find which contact-data vendors hold your data and exercise your GDPR rights,
//! without a window. Every command calls the same `redress-usecases` functions as the desktop app:
//! it parses, calls one use case and presents.
//!
//! Exit codes: 0 success, 1 the user can fix it (bad input, unknown id, unreadable file),
//! 2 internal failure (a bug, or the machine refused to write).

mod args;
mod commands;
mod error;
mod output;
mod unlock;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::error::CliError;

fn main() -> ExitCode {
    // First thing: a crash must not write an unlocked store's key or records to disk. Should the
    // system refuse, Redress runs as before.
    let _ = redress_store::disable_core_dumps();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are successes; every other parse error is the user's to fix.
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            crate::output::eprintln(format_args!("error: {e}"));
            if let Some(hint) = e.hint() {
                crate::output::eprintln(format_args!("hint: {hint}"));
            }
            ExitCode::from(e.exit_code())
        }
    }
}
