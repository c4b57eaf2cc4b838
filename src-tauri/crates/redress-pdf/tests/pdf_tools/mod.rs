//! The command-line PDF tools (poppler-utils, qpdf) the PDF tests check their output with.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs a tool and returns its stdout; a missing tool is a failure that says what to install.
pub fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{program}` ({e}): install poppler-utils and qpdf (apt-get install poppler-utils qpdf)")
    });
    assert!(
        output.status.success(),
        "`{program} {}` failed: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}
