//! `redress case …`.

use std::fmt::Write;

use jiff::civil::Date;
use redress_core::case::{AnswerKind, CaseEvent, Channel, RequestKind, deadlines_ics};
use redress_core::deadline::Calendar;
use redress_core::registry::Registry;
use redress_store::{Case, CaseBundle};

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
                None => v
                    .country
                    .as_ref()
                    .and_then(|c| Calendar::for_country(c.as_str()))
                    .map_or("FR", |c| c.country())
                    .to_owned(),
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
        CaseAction::Sent { id, channel, on, received, reference, json } => {
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
            let mut store = access.open()?;
            let case = store.record_event(id, CaseEvent::Sent { channel, on, received_on, reference }, now)?;
            show(&case, registry, json)
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
    print(&out)
}
