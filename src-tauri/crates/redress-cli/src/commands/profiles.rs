//! `redress profile …`.

use std::fmt::Write;
use std::io::IsTerminal;

use redress_core::identity::ProfileInput;
use redress_store::Profile;
use redress_usecases::front_end_clock;
use redress_usecases::people::{self, MandateChange};

use crate::args::{ProfileAction, ProfileFields};
use crate::error::CliError;
use crate::output::{self, Table, or_unknown, print, print_json};
use crate::unlock::StoreAccess;

pub fn run(access: &StoreAccess, action: ProfileAction) -> Result<(), CliError> {
    let clock = front_end_clock();
    match action {
        ProfileAction::Add { fields, json } => {
            let name =
                fields.name.clone().ok_or_else(|| CliError::Usage("--name is required to add a profile".into()))?;
            let input = apply(&fields, ProfileInput { name, ..Default::default() });
            let mut store = access.open_or_create()?;
            show(&people::add_person(&mut store, clock, input, fields.mandate.as_deref())?, json, "Added")
        }
        ProfileAction::List { json } => list(&access.open()?.profiles()?, json),
        ProfileAction::Show { id, json } => show(&access.open()?.profile(id)?, json, ""),
        ProfileAction::Edit { id, fields, remove_mandate, json } => {
            let mandate = match (&fields.mandate, remove_mandate) {
                (Some(file), _) => MandateChange::Set(file),
                (None, true) => MandateChange::Remove,
                (None, false) => MandateChange::Keep,
            };
            let edit = |current| Ok(apply(&fields, current));
            show(&people::update_person(&mut access.open()?, clock, id, edit, mandate)?, json, "Updated")
        }
        ProfileAction::Remove { id, yes } => {
            let mut store = access.open()?;
            let p = store.profile(id)?;
            if !yes && !confirm_removal(&p)? {
                return print("Nothing removed.\n");
            }
            people::remove_person(&mut store, id)?;
            print(&format!("Removed profile {} ({}).\n", p.id, p.fields.name))
        }
        ProfileAction::Mandate { id, output } => {
            people::save_mandate_copy(&access.open()?, id, &output)?;
            print(&format!("Mandate of profile {id} saved to {}\n", output.display()))
        }
    }
}

fn list(list: &[Profile], json: bool) -> Result<(), CliError> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        return print(
            "No profiles yet. Add yourself with: redress profile add --name \"Your Name\" --email you@example.org\n",
        );
    }
    let mut t = Table::new(vec!["ID", "NAME", "E-MAILS", "LANG", "MANDATE"]);
    for p in list {
        t.row(vec![
            p.id.to_string(),
            p.fields.name.clone(),
            p.fields.emails.join(", "),
            p.fields.lang.code().into(),
            if p.mandate.is_some() { "yes".into() } else { "-".into() },
        ]);
    }
    print(&t.render())
}

/// Asks on the terminal; without one, refuses and says to add --yes.
fn confirm_removal(p: &Profile) -> Result<bool, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "removing {} ({}) cannot be undone: add --yes to confirm",
            p.id, p.fields.name
        )));
    }
    let question =
        format!("Remove profile {} ({}) and its mandate? This cannot be undone. [y/N] ", p.id, p.fields.name);
    output::eprint_raw(&output::escape_controls(&question, output::Keep::Nothing));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(CliError::Output)?;
    Ok(answer.trim().eq_ignore_ascii_case("y"))
}

/// Lays the given options over `base`. A repeated list option replaces the whole list.
fn apply(f: &ProfileFields, mut base: ProfileInput) -> ProfileInput {
    if let Some(n) = &f.name {
        base.name = n.clone();
    }
    if !f.emails.is_empty() {
        base.emails = f.emails.clone();
    }
    if !f.phones.is_empty() {
        base.phones = f.phones.clone();
    }
    if !f.address.is_empty() {
        base.address = f.address.clone();
    }
    if let Some(e) = &f.employer {
        base.employer = Some(e.clone());
    }
    if let Some(l) = &f.linkedin {
        base.linkedin_url = Some(l.clone());
    }
    if let Some(l) = f.lang {
        base.lang = l;
    }
    if let Some(n) = &f.notes {
        base.notes = Some(n.clone());
    }
    if let Some(a) = f.acting_for {
        base.acting_for = a;
    }
    base
}

fn show(p: &Profile, json: bool, verb: &str) -> Result<(), CliError> {
    if json {
        return print_json(p);
    }
    let mut out = String::new();
    if !verb.is_empty() {
        let _ = writeln!(out, "{verb} profile {}.", p.id);
    }
    let _ = writeln!(out, "{} (id {})", p.fields.name, p.id);
    let mut field = |label: &str, value: String| {
        let _ = writeln!(out, "  {label:<12} {value}");
    };
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { v.join(", ") };
    field("E-mails", list(&p.fields.emails));
    field("Phones", list(&p.fields.phones));
    field("Address", if p.fields.address.is_empty() { "none".into() } else { p.fields.address.join(", ") });
    field("Employer", or_unknown(p.fields.employer.as_deref()));
    field("LinkedIn", or_unknown(p.fields.linkedin_url.as_deref()));
    field("Language", p.fields.lang.code().into());
    field(
        "Acting for",
        if p.fields.acting_for { "yes (you act on this person's behalf)".into() } else { "no (yourself)".into() },
    );
    field(
        "Mandate",
        p.mandate
            .as_ref()
            .map_or_else(|| "none".into(), |m| format!("{} ({}, {} bytes)", m.file_name, m.media_type, m.bytes)),
    );
    if let Some(n) = &p.fields.notes {
        field("Notes", n.clone());
    }
    print(&out)
}
