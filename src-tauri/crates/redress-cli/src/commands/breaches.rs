//! `redress breaches` (the offline catalogue) and `redress hibp` (the online check with the
//! user's own key, kept in the system keyring).

use std::fmt::Write as _;

use redress_core::breach::{BreachCatalogue, BreachKind};
use redress_core::registry::Registry;
use redress_online::HibpBreach;
use redress_usecases::discovery::{self, BreachCheck};
use redress_usecases::front_end_clock;
use serde::Serialize;

use crate::args::HibpAction;
use crate::error::CliError;
use crate::output::{Table, print, print_json};
use crate::unlock::{StoreAccess, ask, read_passphrase_file};

pub fn list(registry: &Registry, json: bool) -> Result<(), CliError> {
    let catalogue = BreachCatalogue::builtin()?;
    if json {
        return print_json(catalogue.breaches());
    }
    let mut table = Table::new(vec!["BREACH", "DATE", "ACCOUNTS", "FROM"]);
    for b in catalogue.breaches() {
        let from = match (&b.vendor, b.kind) {
            (Some(v), _) => registry.vendor(v).map_or_else(|| v.clone(), |x| format!("{} ({v})", x.name)),
            (None, BreachKind::Scrape) => "scraped profiles".into(),
            (None, _) => "lead list".into(),
        };
        table.row(vec![b.name.clone(), b.breach_date.to_string(), group_thousands(b.accounts), from]);
    }
    let mut out = table.render();
    let _ = writeln!(out, "\nSource: {}", catalogue.source);
    out.push_str("Check your own addresses online: redress hibp set-key, then redress hibp check EMAIL\n");
    print(&out)
}

pub fn hibp(access: &StoreAccess, action: HibpAction) -> Result<(), CliError> {
    match action {
        HibpAction::SetKey { key_file } => {
            let key = match key_file {
                Some(file) => read_passphrase_file(&file)?,
                None => ask("Have I Been Pwned API key: ", "--key-file")?,
            };
            discovery::save_hibp_key(key.expose())?;
            print("The API key is in the system keyring. Check an address with: redress hibp check EMAIL\n")
        }
        HibpAction::ForgetKey => {
            discovery::forget_hibp_key()?;
            print("The API key was removed from the keyring.\n")
        }
        HibpAction::Check { emails, key_file, profile, json } => {
            // With --profile, the store is opened first: a wrong passphrase fails before the check.
            let mut store = profile.map(|id| access.open().map(|s| (s, id))).transpose()?;
            if let Some((store, id)) = &store {
                store.profile(*id)?;
            }
            let key = match key_file {
                Some(file) => read_passphrase_file(&file)?,
                None => discovery::saved_hibp_key()?,
            };
            let check = discovery::check_breaches(&key, &emails)?;
            if let Some((store, id)) = &mut store {
                discovery::record_breach_check(store, *id, &check, front_end_clock())?;
            }
            present(&check, json)?;
            check.failure.map_or(Ok(()), |e| Err(e.into()))
        }
    }
}

#[derive(Serialize)]
struct AddressResult<'a> {
    email: &'a str,
    /// Every breach HIBP lists for the address.
    breaches: &'a [HibpBreach],
    /// Of those, the ones from the B2B data trade (in Redress's catalogue).
    b2b: Vec<B2bBreach>,
}

#[derive(Serialize)]
struct B2bBreach {
    name: String,
    kind: BreachKind,
    vendor: Option<String>,
    breach_date: jiff::civil::Date,
}

/// What the check found (the answers received, even when a later address failed).
fn present(check: &BreachCheck, json: bool) -> Result<(), CliError> {
    let catalogue = BreachCatalogue::builtin()?;
    let results: Vec<AddressResult<'_>> = check
        .answers
        .iter()
        .map(|a| AddressResult {
            email: &a.email,
            breaches: &a.breaches,
            b2b: a
                .b2b(&catalogue)
                .into_iter()
                .map(|b| B2bBreach {
                    name: b.name.clone(),
                    kind: b.kind,
                    vendor: b.vendor.clone(),
                    breach_date: b.breach_date,
                })
                .collect(),
        })
        .collect();
    if json {
        return print_json(&results);
    }
    let mut out = String::new();
    for r in &results {
        if r.breaches.is_empty() {
            let _ = writeln!(out, "{}: in no breach known to Have I Been Pwned.", r.email);
            continue;
        }
        let _ =
            writeln!(out, "{}: in {} breach(es), {} from the B2B data trade.", r.email, r.breaches.len(), r.b2b.len());
        for b in &r.b2b {
            let from = match (&b.vendor, b.kind) {
                (Some(v), _) => format!("vendor {v}: send it an access request (redress letter access --vendor {v})"),
                (None, BreachKind::Scrape) => "scraped professional profiles".into(),
                (None, _) => "a sales-lead list".into(),
            };
            let _ = writeln!(out, "  ! {} ({}) — {from}", b.name, b.breach_date);
        }
        let others: Vec<&str> =
            r.breaches.iter().filter(|b| !r.b2b.iter().any(|x| x.name == b.name)).map(|b| b.title.as_str()).collect();
        if !others.is_empty() {
            let _ = writeln!(out, "  other breaches: {}", others.join(", "));
        }
    }
    print(&out)
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
