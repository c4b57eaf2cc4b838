//! `redress case …`.

use std::fmt::Write;

use jiff::civil::Date;
use redress_core::case::{
    AnswerKind, CaseEvent, Channel, Hint, ItemState, RequestKind, checklist_applies, deadlines_ics,
};
use redress_core::deadline::Calendar;
use redress_core::identity::Lang;
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_store::{Case, CaseBundle, FileRole};

use crate::args::CaseAction;
use crate::error::CliError;
use crate::output::{Table, print, print_json};
use crate::unlock::StoreAccess;

fn today() -> Date {
    jiff::Zoned::now().date()
}

pub(super) fn day(value: Option<&str>, option: &str) -> Result<Date, CliError> {
    match value {
        None => Ok(today()),
        Some(v) => {
            v.parse().map_err(|_| CliError::Usage(format!("{option} {v:?} is not a date: write it as YYYY-MM-DD")))
        }
    }
}

pub fn run(access: &StoreAccess, registry: &Registry, action: CaseAction) -> Result<(), CliError> {
    let now = jiff::Timestamp::now();
    match action {
        CaseAction::Open { profile, vendor, kind, country, json } => {
            let v = registry.require_vendor(&vendor)?;
            let kind = RequestKind::parse(&kind).ok_or_else(|| {
                CliError::Usage(format!("--kind {kind:?}: use access, objection, erasure, combined or source-inquiry"))
            })?;
            let country = match country {
                Some(c) => Calendar::for_country(&c)
                    .ok_or_else(|| {
                        CliError::Usage(format!(
                            "--country {c:?}: Redress knows the holidays of {}",
                            redress_core::deadline::SUPPORTED_COUNTRIES.join(", ")
                        ))
                    })?
                    .country()
                    .to_owned(),
                None => Calendar::for_country_or_fr(v.country.as_ref().map(|c| c.as_str())).country().to_owned(),
            };
            let mut store = access.open()?;
            let case = store.open_case(profile, v.id.as_str(), &country, kind, now)?;
            show(&case, registry, json)
        }
        CaseAction::List { overdue, json } => {
            let store = access.open()?;
            let today = today();
            let cases: Vec<Case> = store.cases()?.into_iter().filter(|c| !overdue || c.is_overdue(today)).collect();
            if json {
                return print_json(&cases);
            }
            if cases.is_empty() {
                return print(if overdue {
                    "No overdue case.\n"
                } else {
                    "No cases yet. Open one with: redress case open --profile ID --vendor ID\n"
                });
            }
            let mut t = Table::new(vec!["ID", "PERSON", "VENDOR", "KIND", "STATUS", "DUE", "DAYS LEFT"]);
            for c in &cases {
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
        CaseAction::Show { id, json } => show(&access.open()?.case(id)?, registry, json),
        CaseAction::Export { id, output } => {
            let bundle = access.open()?.export_case(id, now)?;
            std::fs::write(&output, bundle.to_json())
                .map_err(|e| CliError::Usage(format!("failed to write {}: {e}", output.display())))?;
            print(&format!(
                "Case {id} written to {} (format {} version {}).\n",
                output.display(),
                bundle.format,
                bundle.format_version
            ))
        }
        CaseAction::Import { file, profile, json } => {
            let bytes =
                std::fs::read(&file).map_err(|e| CliError::Usage(format!("failed to read {}: {e}", file.display())))?;
            let bundle = CaseBundle::parse(&bytes, &file)?;
            if registry.vendor(&bundle.case.vendor_id).is_none() {
                return Err(CliError::Usage(format!(
                    "the case is against vendor {:?}, which is not in your registry: import a registry file that has it (`redress vendors import`), then try again",
                    bundle.case.vendor_id
                )));
            }
            let case = access.open_or_create()?.import_case(&bundle, profile, now)?;
            show(&case, registry, json)
        }
        CaseAction::Ics { output } => {
            let entries = access.open()?.deadline_entries(registry)?;
            let text = deadlines_ics(&entries, now);
            std::fs::write(&output, text)
                .map_err(|e| CliError::Usage(format!("failed to write {}: {e}", output.display())))?;
            print(&format!(
                "{} deadline{} written to {}\n",
                entries.len(),
                if entries.len() == 1 { "" } else { "s" },
                output.display()
            ))
        }
        CaseAction::Sent { id, channel, on, received, reference, proof, json } => {
            let channel = Channel::parse(&channel).ok_or_else(|| {
                CliError::Usage(format!("--channel {channel:?}: use email, registered-post or web-form"))
            })?;
            let on = day(on.as_deref(), "--on")?;
            let received_on = received.as_deref().map(|r| day(Some(r), "--received")).transpose()?;
            if channel == Channel::RegisteredPost && received_on.is_none() {
                eprintln!(
                    "note: the deadline counts from the delivery date on the receipt card; until you record it (--received), the sending day is used"
                );
            }
            // Read the proof first: a bad file must not leave the case half recorded.
            let proof = proof.map(|p| redress_core::evidence::read_reply_file(&p)).transpose()?;
            let mut store = access.open()?;
            let mut case = store.record_event(id, CaseEvent::Sent { channel, on, received_on, reference }, now)?;
            if let Some((reply, bytes)) = proof {
                store.add_case_file(id, FileRole::Proof, &reply, &bytes, now)?;
                case = store.case(id)?;
            }
            show(&case, registry, json)
        }
        CaseAction::Response { file, id, answer, on, json } => {
            let answer = answer
                .as_deref()
                .map(|a| {
                    AnswerKind::parse(a).ok_or_else(|| {
                        CliError::Usage(format!("--answer {a:?}: use complete, incomplete, no-data-held or refused"))
                    })
                })
                .transpose()?;
            let (reply, bytes) = redress_core::evidence::read_reply_file(&file)?;
            let mut store = access.open()?;
            let imported = store.import_reply(id, &reply, &bytes, registry, now)?;
            let mut case = imported.case.clone();
            if let Some(kind) = answer {
                let on = match on.as_deref() {
                    Some(d) => day(Some(d), "--on")?,
                    None => reply.date.unwrap_or_else(today),
                };
                case = store.record_event(case.id, CaseEvent::Answered { kind, on }, now)?;
            }
            if json {
                return print_json(
                    &serde_json::json!({ "case": case, "link": imported.link, "hints": imported.hints }),
                );
            }
            let mut out = format!("Stored {} with case {} (SHA-256 {}).\n", reply.file_name, case.id, reply.sha256);
            if let Some(link) = &imported.link {
                let _ = writeln!(out, "Matched because {}.", link.reasons.join("; "));
            }
            if checklist_applies(case.kind) {
                out.push_str(&checklist_text(&case, &imported.hints));
                let _ = writeln!(
                    out,
                    "\nRecord what it contains: redress case checklist {} --present ITEMS --missing ITEMS",
                    case.id
                );
            }
            if answer.is_none() {
                let _ = writeln!(
                    out,
                    "Record the answer: redress case status {} answered --answer complete|incomplete|no-data-held|refused",
                    case.id
                );
            }
            print(&out)
        }
        CaseAction::Checklist { id, present, missing, clear, json } => {
            let parse =
                |list: &[String], state: Option<ItemState>| -> Result<Vec<(AccessItem, Option<ItemState>)>, CliError> {
                    list.iter()
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| {
                            AccessItem::parse(s).map(|i| (i, state)).ok_or_else(|| {
                                CliError::Usage(format!(
                                    "{s:?} is not a checklist item: use {}",
                                    AccessItem::ALL.map(AccessItem::code).join(", ")
                                ))
                            })
                        })
                        .collect()
                };
            let mut changes = parse(&present, Some(ItemState::Present))?;
            changes.extend(parse(&missing, Some(ItemState::Missing))?);
            changes.extend(parse(&clear, None)?);
            let mut store = access.open()?;
            let case = if changes.is_empty() { store.case(id)? } else { store.set_checklist(id, &changes, now)? };
            if !checklist_applies(case.kind) {
                eprintln!("note: case {id} is not an access request; the checklist is for access answers");
            }
            if json {
                return print_json(&case.checklist);
            }
            print(&checklist_text(&case, &[]))
        }
        CaseAction::Status { id, event, on, answer, note, json } => {
            let on = day(on.as_deref(), "--on")?;
            let event = match event.as_str() {
                "acknowledged" => CaseEvent::Acknowledged { on },
                "extended" => CaseEvent::ExtensionAnnounced { on },
                "answered" => {
                    let a = answer.as_deref().ok_or_else(|| {
                        CliError::Usage("answered needs --answer complete|incomplete|no-data-held|refused".into())
                    })?;
                    let kind = AnswerKind::parse(a).ok_or_else(|| {
                        CliError::Usage(format!("--answer {a:?}: use complete, incomplete, no-data-held or refused"))
                    })?;
                    CaseEvent::Answered { kind, on }
                }
                "overdue" => CaseEvent::MarkedOverdue { on },
                "reminded" => CaseEvent::Reminded { on },
                "escalated" => CaseEvent::Escalated { on },
                "closed" => CaseEvent::Closed { on, note },
                other => {
                    return Err(CliError::Usage(format!(
                        "{other:?} is not a case event: use acknowledged, extended, answered, overdue, reminded, escalated or closed"
                    )));
                }
            };
            let mut store = access.open()?;
            let case = store.record_event(id, event, now)?;
            show(&case, registry, json)
        }
    }
}

/// The Art. 15 checklist as the user ticked it, with the reply's hints under each item.
fn checklist_text(case: &Case, hints: &[Hint]) -> String {
    let mut out = String::from("\nWhat an access answer must contain (Art. 15):\n");
    for item in AccessItem::ALL {
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

fn show(c: &Case, registry: &Registry, json: bool) -> Result<(), CliError> {
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
                let left = c.days_left(today()).unwrap_or(0);
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
