//! `redress authorities` and `redress authority show`.

use std::fmt::Write;

use redress_core::registry::Registry;

use crate::error::CliError;
use crate::output::{Table, clip, or_unknown, print, print_json};

pub fn list(registry: &Registry, country: Option<&str>, json: bool) -> Result<(), CliError> {
    let hits: Vec<_> = registry
        .authorities()
        .iter()
        .filter(|a| country.is_none_or(|c| a.country.as_str().eq_ignore_ascii_case(c)))
        .collect();
    if json {
        return print_json(&hits);
    }
    let mut table = Table::new(vec!["ID", "COUNTRY", "NAME", "E-MAIL"]);
    for a in &hits {
        table.row(vec![a.id.to_string(), a.country.to_string(), clip(&a.name, 60), or_unknown(a.email.as_deref())]);
    }
    print(&table.render())
}

pub fn show(registry: &Registry, id: &str, json: bool) -> Result<(), CliError> {
    let a = registry.authority(id).ok_or_else(|| redress_core::Error::UnknownAuthority { id: id.to_owned() })?;
    if json {
        return print_json(a);
    }
    let mut out = format!("{} ({})\n", a.name, a.id);
    let mut field = |label: &str, value: String| {
        let _ = writeln!(out, "  {label:<15} {value}");
    };
    field("Country", a.country.to_string());
    field("Address", or_unknown(a.address.as_ref().map(|l| l.join(", ")).as_deref()));
    field("E-mail", or_unknown(a.email.as_deref()));
    field("Phone", or_unknown(a.phone.as_deref()));
    field("Complaints", or_unknown(a.complaint_url.as_deref()));
    field("Website", or_unknown(a.website.as_deref()));
    field("Languages", a.languages.join(", "));
    field("Last verified", a.last_verified.to_string());
    out.push_str("\nEvidence:\n");
    for (i, e) in a.evidence.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {} — {}", i + 1, e.reference, e.supports);
    }
    print(&out)
}
