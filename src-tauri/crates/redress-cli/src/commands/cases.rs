//! `redress case …`.

use std::fmt::Write;

use jiff::civil::Date;
use redress_core::case::{Channel, Hint, ItemState, checklist_applies};
use redress_core::identity::Lang;
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_store::{Case, ReplyImport};
use redress_usecases::cases::{self, EventRecord, IncomingReply, OpenCase, Sending};
use redress_usecases::{Clock, front_end_clock};

use crate::args::CaseAction;
use crate::error::CliError;
use crate::output::{Table, print, print_json};
use crate::unlock::StoreAccess;

pub fn run(access: &StoreAccess, registry: &Registry, action: CaseAction) -> Result<(), CliError> {
    let clock = front_end_clock();
    match action {
        CaseAction::Open { profile, vendor, kind, country, json } => {
            registry.require_vendor(&vendor)?;
            let request = OpenCase { profile, vendor, kind, holiday_country: country };
            show(&cases::open_case(&mut access.open()?, registry, clock, &request)?, registry, clock, json)
        }
        CaseAction::List { overdue, json } => {
            let listed = cases::case_list(&access.open()?, clock, overdue)?;
            // Said on stderr, so the table and the JSON on stdout stay what they always were.
            for e in &listed.damaged {
                crate::output::eprintln(format_args!("warning: {e}"));
            }
            list(&listed.cases, clock.today(), overdue, json)
        }
        CaseAction::Show { id, json } => show(&access.open()?.case(id)?, registry, clock, json),
        CaseAction::Export { id, output } => {
            let bundle = cases::export_case(&access.open()?, clock, id, &output)?;
            print(&format!(
                "Case {id} written to {} (format {} version {}).\n",
                output.display(),
                bundle.format,
                bundle.format_version
            ))
        }
        CaseAction::Import { file, profile, json } => {
            let bundle = cases::read_bundle(registry, &file)?;
            show(&cases::import_bundle(&mut access.open_or_create()?, clock, &bundle, profile)?, registry, clock, json)
        }
        CaseAction::Ics { output } => {
            let n = cases::write_calendar(&access.open()?, registry, clock, &output)?;
            print(&format!("{n} deadline{} written to {}\n", if n == 1 { "" } else { "s" }, output.display()))
        }
        CaseAction::Sent { id, channel, on, received, reference, proof, json } => {
            let sending = Sending { channel, on, received_on: received, reference, proof };
            if channel == Channel::RegisteredPost && sending.received_on.is_none() {
                crate::output::eprintln(format_args!(
                    "note: the deadline counts from the delivery date on the receipt card; until you record it (--received), the sending day is used"
                ));
            }
            show(&cases::mark_sent(&mut access.open()?, clock, id, sending)?, registry, clock, json)
        }
        CaseAction::Response { file, id, answer, on, json } => {
            let reply = IncomingReply { path: file, case: id, answer, on };
            let imported = cases::import_reply(&mut access.open()?, registry, clock, &reply)?;
            response(&imported, reply.answer.is_some(), json)
        }
        CaseAction::Checklist { id, present, missing, clear, json } => {
            let state = |items: Vec<AccessItem>, state| items.into_iter().map(move |i| (i, state));
            let changes: Vec<_> = state(present, Some(ItemState::Present))
                .chain(state(missing, Some(ItemState::Missing)))
                .chain(state(clear, None))
                .collect();
            let case = cases::set_checklist(&mut access.open()?, clock, id, &changes)?;
            if !checklist_applies(case.kind) {
                crate::output::eprintln(format_args!(
                    "note: case {id} is not an access request; the checklist is for access answers"
                ));
            }
            if json {
                return print_json(&case.checklist);
            }
            print(&checklist_text(&case, &[]))
        }
        CaseAction::Status { id, event, on, answer, note, json } => {
            let record = EventRecord { on, answer, note, ..EventRecord::new(event) };
            show(&cases::record(&mut access.open()?, clock, id, record)?, registry, clock, json)
        }
    }
}

fn list(cases: &[Case], today: Date, overdue: bool, json: bool) -> Result<(), CliError> {
    if json {
        return print_json(cases);
    }
    if cases.is_empty() {
        return print(if overdue {
            "No overdue case.\n"
        } else {
            "No cases yet. Open one with: redress case open --profile ID --vendor ID\n"
        });
    }
    let mut t = Table::new(vec!["ID", "PERSON", "VENDOR", "KIND", "STATUS", "DUE", "DAYS LEFT"]);
    for c in cases {
        let status = if c.is_overdue(today) && c.status.awaiting_answer() {
            "OVERDUE".to_owned()
        } else {
            c.status.label().to_owned()
        };
        t.row(vec![
            c.id.to_string(),
            c.profile_id.to_string(),
            c.vendor_id.clone(),
            c.kind.label().into(),
            status,
            c.deadline.as_ref().map_or("-".into(), |d| d.due.to_string()),
            match (c.status.awaiting_answer(), c.days_left(today)) {
                (true, Some(n)) => n.to_string(),
                _ => "-".into(),
            },
        ]);
    }
    print(&t.render())
}

fn response(imported: &ReplyImport, answered: bool, json: bool) -> Result<(), CliError> {
    let case = &imported.case;
    if json {
        return print_json(&serde_json::json!({ "case": case, "link": imported.link, "hints": imported.hints }));
    }
    let file = &imported.file;
    let mut out = format!("Stored {} with case {} (SHA-256 {}).\n", file.file_name, case.id, file.sha256);
    if let Some(link) = &imported.link {
        let _ = writeln!(out, "Matched because {}.", link.reasons.join("; "));
    }
    if checklist_applies(case.kind) {
        out.push_str(&checklist_text(case, &imported.hints));
        let _ = writeln!(
            out,
            "\nRecord what it contains: redress case checklist {} --present ITEMS --missing ITEMS",
            case.id
        );
    }
    if !answered {
        let _ = writeln!(
            out,
            "Record the answer: redress case status {} answered --answer complete|incomplete|no-data-held|refused",
            case.id
        );
    }
    print(&out)
}

/// The Art. 15 checklist as the user ticked it, with the reply's hints under each item.
fn checklist_text(case: &Case, hints: &[Hint]) -> String {
    let mut out = String::from("\nWhat an access answer must contain (Art. 15):\n");
    for &item in AccessItem::ALL {
        let state = case.checklist.iter().find(|e| e.item == item).map(|e| e.state);
        let mark = match state {
            Some(ItemState::Present) => "[x]",
            Some(ItemState::Missing) => "[ ] MISSING",
            None => "[?]",
        };
        let _ = writeln!(out, "  {mark} {} ({}) — {}", item.code(), item.citation(Lang::En), item.label(Lang::En));
        for h in hints.iter().filter(|h| h.item == item) {
            let warn = if h.vague { "  (too vague: the CNIL sanctioned \"public sources\", SAN-2024-020)" } else { "" };
            let _ = writeln!(out, "        the reply says: \"{}\"{warn}", h.excerpt);
        }
    }
    out
}

fn show(c: &Case, registry: &Registry, clock: &dyn Clock, json: bool) -> Result<(), CliError> {
    if json {
        return print_json(c);
    }
    let vendor = registry.vendor(&c.vendor_id).map_or(c.vendor_id.clone(), |v| format!("{} ({})", v.name, v.id));
    let mut out = format!("Case {}: {} to {}\n", c.id, c.kind.label(), vendor);
    let _ = writeln!(out, "  Person       profile {}", c.profile_id);
    let _ = writeln!(out, "  Status       {}", c.status.label());
    match &c.deadline {
        Some(d) => {
            let _ = writeln!(out, "  Due          {} (holidays of {})", d.due.strftime("%A %-d %B %Y"), d.country);
            if c.status.awaiting_answer() {
                let left = c.days_left(clock.today()).unwrap_or(0);
                let _ = writeln!(
                    out,
                    "  Days left    {}",
                    if left < 0 { format!("{} days late", -left) } else { left.to_string() }
                );
            }
            out.push_str("\n  How the deadline was counted:\n");
            for s in &d.steps {
                let _ = writeln!(out, "    - {}", s.explain());
            }
        }
        None => out.push_str("  Due          not yet: mark the case sent (`redress case sent ID --channel email`)\n"),
    }
    out.push_str("\n  Timeline:\n");
    if c.timeline.is_empty() {
        let _ = writeln!(out, "    {}  opened", c.created_at);
    }
    for t in &c.timeline {
        let _ = writeln!(out, "    {}  {} (recorded {})", t.event.on(), t.event.name(), t.recorded_at);
    }
    if !c.files.is_empty() {
        out.push_str("\n  Files:\n");
        for f in &c.files {
            let from = f.from_address.as_deref().map(|a| format!(" from {a}")).unwrap_or_default();
            let _ =
                writeln!(out, "    {} {}{from}, {} bytes, SHA-256 {}", f.role.code(), f.file_name, f.size, f.sha256);
        }
    }
    if checklist_applies(c.kind) && !c.checklist.is_empty() {
        out.push_str(&checklist_text(c, &[]));
    }
    print(&out)
}
