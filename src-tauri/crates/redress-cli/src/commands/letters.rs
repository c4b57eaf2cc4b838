//! `redress letter KIND …`: one letter, or one per vendor in a batch, in the format asked for.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use redress_core::case::RequestKind;
use redress_core::deadline::{Calendar, one_month};
use redress_core::identity::{Lang, ProfileInput, parse_identity};
use redress_core::letter::email::{Attachment, EmailMeta, eml, mailto};
use redress_core::letter::{
    AccessItem, ContactEvent, Letter, LetterInput, LetterKind, LetterOptions, ObjectionGrounds, Recipient,
    ReminderFacts, compose,
};
use redress_core::registry::{Registry, Vendor, VendorQuery};
use redress_store::Store;
use serde::Serialize;

use super::cases::day;
use crate::args::LetterArgs;
use crate::error::CliError;
use crate::output::{print, print_json};
use crate::unlock::StoreAccess;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Txt,
    Eml,
    Pdf,
    Mailto,
}

impl Format {
    fn parse(s: &str) -> Result<Format, CliError> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Txt),
            "eml" | "email" => Ok(Format::Eml),
            "pdf" => Ok(Format::Pdf),
            "mailto" => Ok(Format::Mailto),
            _ => Err(CliError::Usage(format!("--format {s:?}: use txt, eml, pdf or mailto"))),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Eml => "eml",
            Format::Pdf => "pdf",
            Format::Mailto => "mailto.txt",
        }
    }
}

/// One file the command wrote, for `--json`.
#[derive(Debug, Serialize)]
struct Written {
    recipient: String,
    file: Option<PathBuf>,
    to_email: Option<String>,
    subject: String,
    notices: Vec<String>,
}

pub fn run(access: &StoreAccess, registry: &Registry, args: LetterArgs) -> Result<(), CliError> {
    let kind = LetterKind::parse(&args.kind).ok_or_else(|| {
        CliError::Usage(format!(
            "unknown letter kind {:?}: use one of {}",
            args.kind,
            LetterKind::ALL.map(LetterKind::code).join(", ")
        ))
    })?;
    let format = Format::parse(&args.format)?;
    let needs_store = args.profile.is_some() || args.agent_profile.is_some() || args.case_id.is_some();
    let store = if needs_store { Some(access.open()?) } else { None };
    let case = match (args.case_id, &store) {
        (Some(id), Some(store)) => Some(store.case(id)?),
        _ => None,
    };

    let (person, profile_id) = person(&args, store.as_ref(), case.as_ref().map(|c| c.profile_id))?;
    let agent = match (&args.agent, args.agent_profile, &store) {
        (Some(file), _, _) => Some(read_identity(file)?),
        (None, Some(id), Some(store)) => Some(store.profile(id)?.fields),
        _ => None,
    };
    let lang = match &args.lang {
        Some(l) => Lang::parse(l).ok_or_else(|| CliError::Usage(format!("--lang {l:?}: use en, fr or de")))?,
        None => person.lang,
    };
    let date = day(args.date.as_deref(), "--date")?;
    let recipients = recipients(&args, registry, case.as_ref().map(|c| c.vendor_id.as_str()))?;

    let mut options = LetterOptions {
        place: args.place.clone(),
        registered_post: args.registered,
        objection: ObjectionGrounds { direct_marketing: !args.no_direct_marketing, situation: args.reasons.clone() },
        agent,
        ..Default::default()
    };
    if kind == LetterKind::SourceInquiry
        && (args.contacted_on.is_some() || args.channel.is_some() || args.contacted_by.is_some())
    {
        options.contact = Some(ContactEvent {
            date: args.contacted_on.as_deref().map(|d| day(Some(d), "--contacted-on")).transpose()?,
            channel: args.channel.clone(),
            by: args.contacted_by.clone(),
        });
    }
    let missing = args
        .missing
        .iter()
        .filter(|m| !m.trim().is_empty())
        .map(|m| {
            AccessItem::parse(m).ok_or_else(|| {
                CliError::Usage(format!("--missing {m:?}: use {}", AccessItem::ALL.map(AccessItem::code).join(", ")))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let attachment = attachment(&args, store.as_ref(), profile_id, kind, format)?;

    // A mandate is one document covering every organisation named; every other kind is one
    // letter per recipient.
    let batches: Vec<(Recipient, Option<&Vendor>)> = if kind == LetterKind::Mandate {
        let scope: Vec<String> =
            recipients.iter().map(|(r, _)| r.legal_entity.clone().unwrap_or(r.name.clone())).collect();
        options.mandate_scope = scope;
        recipients.into_iter().take(1).collect()
    } else {
        recipients
    };

    let mut letters = Vec::new();
    for (recipient, vendor) in batches {
        let mut options = options.clone();
        if kind == LetterKind::Reminder {
            options.reminder = Some(reminder_facts(&args, case.as_ref(), vendor, missing.clone())?);
        }
        let name = recipient.id.clone();
        let input = LetterInput { kind, lang, person: &person, recipient, date, options };
        letters.push((name, compose(&input)?));
    }

    let batch = letters.len() > 1;
    let targets = targets(&args, &letters, format, batch)?;
    let now = jiff::Zoned::now();
    let mut written = Vec::new();
    for ((recipient, letter), target) in letters.iter().zip(targets) {
        let bytes = render(letter, format, &now, attachment.as_ref())?;
        match &target {
            Some(path) => write_file(path, &bytes)?,
            None => print(&String::from_utf8_lossy(&bytes))?,
        }
        for notice in &letter.notices {
            eprintln!("note: {recipient}: {notice}");
        }
        written.push(Written {
            recipient: recipient.clone(),
            file: target,
            to_email: letter.to_email.clone(),
            subject: letter.subject.clone(),
            notices: letter.notices.clone(),
        });
    }
    if args.json {
        return print_json(&written);
    }
    if let Some(first) = written.first()
        && first.file.is_some()
    {
        let files = written.iter().filter(|w| w.file.is_some()).count();
        match (&first.file, files) {
            (Some(path), 1) => print(&format!("Wrote {}\n", path.display()))?,
            _ => print(&format!(
                "Wrote {files} letters to {}\n",
                args.output.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_default()
            ))?,
        }
    }
    Ok(())
}

pub(super) fn read_identity(path: &Path) -> Result<ProfileInput, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| redress_core::Error::Read { path: path.to_owned(), source })?;
    Ok(parse_identity(&text, path)?)
}

fn person(
    args: &LetterArgs,
    store: Option<&Store>,
    case_profile: Option<i64>,
) -> Result<(ProfileInput, Option<i64>), CliError> {
    if let Some(file) = &args.identity {
        return Ok((read_identity(file)?, None));
    }
    match (args.profile.or(case_profile), store) {
        (Some(id), Some(store)) => Ok((store.profile(id)?.fields, Some(id))),
        _ => Err(CliError::Usage(
            "who is the letter for? Give --profile ID (see `redress profile list`) or --identity FILE.json (docs/identity.md)"
                .into(),
        )),
    }
}

fn recipients<'r>(
    args: &LetterArgs,
    registry: &'r Registry,
    case_vendor: Option<&str>,
) -> Result<Vec<(Recipient, Option<&'r Vendor>)>, CliError> {
    let from_vendors = |vendors: Vec<&'r Vendor>| -> Vec<(Recipient, Option<&'r Vendor>)> {
        vendors.into_iter().map(|v| (Recipient::vendor(v, registry), Some(v))).collect()
    };
    if let Some(name) = &args.company {
        let r = Recipient::company(name, args.company_email.as_deref(), &args.company_address)?;
        return Ok(vec![(r, None)]);
    }
    if args.all_vendors {
        return Ok(from_vendors(registry.vendors().iter().collect()));
    }
    if let Some(category) = &args.category {
        let hits = registry.search(&VendorQuery { category: Some(category.clone()), ..Default::default() });
        if hits.is_empty() {
            return Err(CliError::Usage(format!(
                "no vendor in category {category:?} (list the categories with `redress vendors categories`)"
            )));
        }
        return Ok(from_vendors(hits));
    }
    let mut ids: Vec<&str> = args.vendors.iter().map(String::as_str).collect();
    if ids.is_empty()
        && let Some(v) = case_vendor
    {
        ids.push(v);
    }
    if ids.is_empty() {
        return Err(CliError::Usage(
            "to whom? Give --vendor ID (repeatable), --all-vendors, --category NAME or --company NAME".into(),
        ));
    }
    let mut out = Vec::new();
    for id in ids {
        let v = registry.require_vendor(id)?;
        if !out.iter().any(|(_, seen): &(Recipient, Option<&Vendor>)| seen.is_some_and(|s| s.id == v.id)) {
            out.push((Recipient::vendor(v, registry), Some(v)));
        }
    }
    Ok(out)
}

fn reminder_facts(
    args: &LetterArgs,
    case: Option<&redress_store::Case>,
    vendor: Option<&Vendor>,
    missing: Vec<AccessItem>,
) -> Result<ReminderFacts, CliError> {
    let optional_day = |v: &Option<String>, option: &str| v.as_deref().map(|d| day(Some(d), option)).transpose();
    let mut facts = match (case, optional_day(&args.sent_on, "--sent-on")?) {
        // Without --missing, the reminder lists what the case's checklist marks missing.
        (Some(case), None) => {
            let missing = if missing.is_empty() { redress_core::case::missing_items(&case.checklist) } else { missing };
            case.reminder_facts(missing).ok_or_else(|| {
                CliError::Usage(
                    "this case has not been marked as sent: record it with `redress case sent`, or give --sent-on"
                        .into(),
                )
            })?
        }
        (case, Some(sent_on)) => ReminderFacts {
            request: case.map_or(RequestKind::Access, |c| c.kind),
            sent_on,
            due_on: Some(default_due(sent_on, vendor)),
            answered_on: None,
            missing,
            reference: None,
        },
        (None, None) => {
            return Err(CliError::Usage(
                "a reminder needs the request it chases: give --case ID, or --sent-on YYYY-MM-DD (and --request KIND)"
                    .into(),
            ));
        }
    };
    // What the user states on the command line wins over what the case recorded.
    if let Some(r) = &args.request {
        facts.request = RequestKind::parse(r).ok_or_else(|| {
            CliError::Usage(format!("--request {r:?}: use access, objection, erasure, combined or source-inquiry"))
        })?;
    }
    if let Some(due) = optional_day(&args.due_on, "--due-on")? {
        facts.due_on = Some(due);
    }
    if let Some(answered) = optional_day(&args.answered_on, "--answered-on")? {
        facts.answered_on = Some(answered);
    }
    if args.reference.is_some() {
        facts.reference = args.reference.clone();
    }
    Ok(facts)
}

/// The deadline counted from the day the request was sent (an e-mail arrives the day it is
/// sent), with the vendor's country's holidays, or France's when Redress does not know them.
fn default_due(sent_on: Date, vendor: Option<&Vendor>) -> Date {
    let country = vendor.and_then(|v| v.country.as_ref()).map(|c| c.as_str());
    one_month(sent_on, &Calendar::for_country_or_fr(country)).due
}

fn attachment(
    args: &LetterArgs,
    store: Option<&Store>,
    profile: Option<i64>,
    kind: LetterKind,
    format: Format,
) -> Result<Option<Attachment>, CliError> {
    if format != Format::Eml || kind == LetterKind::Mandate {
        if args.attach.is_some() {
            return Err(CliError::Usage(
                "--attach works with --format eml only (attach the file yourself otherwise)".into(),
            ));
        }
        return Ok(None);
    }
    if let Some(path) = &args.attach {
        let bytes = std::fs::read(path).map_err(|source| redress_core::Error::Read { path: path.clone(), source })?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or("attachment".into());
        let media_type = redress_core::evidence::sniff_media_type(&bytes).unwrap_or("application/octet-stream");
        return Ok(Some(Attachment { media_type: media_type.into(), file_name, bytes }));
    }
    // Letters an advocate sends for someone carry that person's signed mandate.
    match (store, profile) {
        (Some(store), Some(id)) if args.agent.is_some() || args.agent_profile.is_some() => {
            Ok(store.mandate_attachment(id)?)
        }
        _ => Ok(None),
    }
}

/// Where each letter goes: `None` prints it. Checks everything before anything is written, so a
/// batch never stops half-way on an existing file.
fn targets(
    args: &LetterArgs,
    letters: &[(String, Letter)],
    format: Format,
    batch: bool,
) -> Result<Vec<Option<PathBuf>>, CliError> {
    let Some(out) = &args.output else {
        if batch {
            return Err(CliError::Usage("several letters: give -o FOLDER to write one file per vendor".into()));
        }
        if matches!(format, Format::Eml | Format::Pdf) {
            return Err(CliError::Usage(format!(
                "a .{} file cannot be printed: give -o PATH (a file, or a folder)",
                format.extension()
            )));
        }
        return Ok(vec![None]);
    };
    let into_folder = batch || out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/');
    let paths: Vec<PathBuf> = if into_folder {
        std::fs::create_dir_all(out).map_err(|source| redress_core::Error::Write { path: out.clone(), source })?;
        letters.iter().map(|(_, l)| out.join(format!("{}.{}", l.file_stem, format.extension()))).collect()
    } else {
        vec![out.clone()]
    };
    if !args.force {
        let existing: Vec<String> = paths.iter().filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
        if !existing.is_empty() {
            return Err(CliError::Usage(format!(
                "{} already exist{}: {} (use --force to replace)",
                if existing.len() == 1 { "this file" } else { "these files" },
                if existing.len() == 1 { "s" } else { "" },
                existing.join(", ")
            )));
        }
    }
    Ok(paths.into_iter().map(Some).collect())
}

fn render(
    letter: &Letter,
    format: Format,
    now: &jiff::Zoned,
    attachment: Option<&Attachment>,
) -> Result<Vec<u8>, CliError> {
    Ok(match format {
        Format::Txt => letter.postal_text().into_bytes(),
        Format::Mailto => format!("{}\n", mailto(letter)).into_bytes(),
        Format::Eml => {
            eml(letter, &EmailMeta { date: now.clone(), attachments: attachment.into_iter().cloned().collect() })
                .into_bytes()
        }
        Format::Pdf => redress_pdf::letter_pdf(letter, &redress_pdf::PdfMeta::new(now.timestamp()))?,
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    Ok(redress_core::atomic_file::write_atomically(path, bytes)?)
}
