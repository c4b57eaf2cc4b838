//! `redress vendors …` and `redress vendor show`.

use std::fmt::Write;
use std::path::Path;

use redress_core::registry::{CountryFilter, Registry, Vendor, VendorQuery, import_file};

use crate::args::VendorListArgs;
use crate::error::CliError;
use crate::output::{Table, clip, or_unknown, print, print_json, wrap};

pub fn list(registry: &Registry, args: &VendorListArgs) -> Result<(), CliError> {
    let query = VendorQuery {
        text: args.search.clone(),
        category: args.category.clone(),
        country: args.country.as_deref().map(CountryFilter::parse),
    };
    let hits = registry.search(&query);
    if args.json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        crate::output::eprintln(format_args!(
            "no vendor matches; try a shorter --search, or list categories with `redress vendors categories`"
        ));
        return Ok(());
    }
    let mut table = Table::new(vec!["ID", "NAME", "COUNTRY", "REQUEST E-MAIL", "LEAD AUTHORITY"]);
    for v in &hits {
        table.row(vec![
            v.id.to_string(),
            clip(&v.name, 32),
            or_unknown(v.country.as_ref().map(|c| c.as_str())),
            or_unknown(v.request_email()),
            or_unknown(v.lead_authority.as_ref().map(|a| a.as_str())),
        ]);
    }
    let mut out = table.render();
    let _ = writeln!(out, "\n{} of {} vendors. Details: redress vendor show ID", hits.len(), registry.vendors().len());
    print(&out)
}

pub fn show(registry: &Registry, id: &str, json: bool) -> Result<(), CliError> {
    let v = registry.require_vendor(id)?;
    if json {
        return print_json(v);
    }
    print(&describe(registry, v))
}

pub fn categories(registry: &Registry, json: bool) -> Result<(), CliError> {
    let facets = registry.category_facets();
    if json {
        let list: Vec<_> =
            facets.iter().map(|f| serde_json::json!({"category": f.value, "vendors": f.count})).collect();
        return print_json(&list);
    }
    let mut table = Table::new(vec!["CATEGORY", "VENDORS"]);
    for f in facets {
        table.row(vec![f.value, f.count.to_string()]);
    }
    print(&table.render())
}

pub fn import(imports: &Path, file: &Path, json: bool) -> Result<(), CliError> {
    let (report, registry) = import_file(imports, file)?;
    if json {
        return print_json(&report);
    }
    let mut out = format!("Imported {}:\n", file.display());
    let mut line = |what: &str, ids: &[String]| {
        let _ = writeln!(
            out,
            "  {what:<20} {:>3}{}",
            ids.len(),
            if ids.is_empty() { String::new() } else { format!("  ({})", clip(&ids.join(", "), 60)) }
        );
    };
    line("vendors added", &report.vendors_added);
    line("vendors updated", &report.vendors_updated);
    line("vendors unchanged", &report.vendors_unchanged);
    line("authorities added", &report.authorities_added);
    line("authorities updated", &report.authorities_updated);
    let _ = writeln!(
        out,
        "The registry now has {} vendors and {} authorities.",
        registry.vendors().len(),
        registry.authorities().len()
    );
    print(&out)
}

pub fn reset_imports(imports: &Path) -> Result<(), CliError> {
    let removed = redress_core::registry::reset_imports(imports)?;
    print(if removed {
        "Imported records forgotten; the built-in registry is used alone.\n"
    } else {
        "There were no imported records.\n"
    })
}

/// The human-readable detail page of a vendor: every field, "unknown" where no source gives it.
fn describe(registry: &Registry, v: &Vendor) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}){}",
        v.name,
        v.id,
        if registry.is_imported_vendor(v.id.as_str()) { "  [imported]" } else { "" }
    );
    let mut field = |label: &str, value: String| {
        let _ = writeln!(out, "  {label:<18} {value}");
    };
    field("Legal entity", or_unknown(v.legal_entity.as_deref()));
    if let Some(siren) = &v.siren {
        field("SIREN", format!("{} {} {}", &siren[0..3], &siren[3..6], &siren[6..9]));
    }
    field("Country", or_unknown(v.country.as_ref().map(|c| c.as_str())));
    field("Address", or_unknown(v.address.as_ref().map(|a| a.join(", ")).as_deref()));
    field("Privacy e-mail", or_unknown(v.contacts.privacy_email.as_deref()));
    field("DPO e-mail", or_unknown(v.contacts.dpo_email.as_deref()));
    field("Request form", or_unknown(v.contacts.request_form_url.as_deref()));
    field("Self-check page", or_unknown(v.contacts.self_check_url.as_deref()));
    field("Privacy policy", or_unknown(v.contacts.privacy_policy_url.as_deref()));
    field("Website", or_unknown(v.contacts.website.as_deref()));
    let rep = v.eu_representative.as_ref().map(|r| {
        let mut s = r.name.clone();
        if let Some(e) = &r.email {
            let _ = write!(s, ", {e}");
        }
        if let Some(a) = &r.address {
            let _ = write!(s, ", {}", a.join(", "));
        }
        s
    });
    field("EU representative", rep.unwrap_or_else(|| "none known".to_owned()));
    let lead = match (&v.lead_authority, registry.lead_authority_of(v)) {
        (Some(id), Some(a)) => format!("{} ({id})", a.name),
        (Some(id), None) => format!("{id} (not in the registry)"),
        (None, _) => {
            "unknown (no EU establishment known: any EU authority, e.g. your own, can take a complaint)".to_owned()
        }
    };
    field("Lead authority", lead);
    field("Categories", v.categories.join(", "));
    field(
        "API offered",
        match v.api_offered {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        }
        .to_owned(),
    );
    field(
        "Known breaches",
        if v.known_breaches.is_empty() { "none listed".to_owned() } else { v.known_breaches.join(", ") },
    );
    field("Last verified", v.last_verified.to_string());
    out.push_str("\nData sources, as the vendor states them:\n");
    if v.stated_data_sources.is_empty() {
        out.push_str("  unknown\n");
    }
    for s in &v.stated_data_sources {
        out.push_str(&wrap(&format!("- {s}"), 86, 2));
    }
    if let Some(notes) = &v.notes {
        out.push_str("\nNotes:\n");
        out.push_str(&wrap(notes, 86, 2));
    }
    out.push_str("\nEvidence:\n");
    for (i, e) in v.evidence.iter().enumerate() {
        let date = e.source_date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        let _ = writeln!(out, "  [{}] {}{date}", i + 1, e.reference);
        out.push_str(&wrap(&format!("supports: {}", e.supports), 82, 6));
    }
    out
}
