//! Letters: who writes to whom about what, composed once for both front ends, rendered in
//! every format, and saved all-or-nothing.
//!
//! A request names the person (a profile, or an identity given inline), the recipients (vendors,
//! every vendor, a category, a company outside the registry, or the vendor of a case), and the
//! options; [`compose_letters`] turns it into one letter per recipient (a mandate is one
//! document covering them all). [`render_letter`] writes a letter in a [`LetterFormat`], and
//! [`save_letters`] writes a batch to a file or a folder, checking every target before the
//! first byte is written.

use std::path::{Path, PathBuf};

use jiff::Zoned;
use jiff::civil::Date;
use redress_core::case::RequestKind;
use redress_core::deadline::{Calendar, one_month};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::email::{Attachment, EmailMeta, eml, mailto};
use redress_core::letter::{
    AccessItem, ContactEvent, Letter, LetterFormat, LetterInput, LetterKind, LetterOptions, ObjectionGrounds,
    Recipient, ReminderFacts, compose,
};
use redress_core::registry::{Registry, Vendor, VendorQuery};
use redress_store::{Case, CaseId, ProfileId, Store};

use crate::clock::Clock;
use crate::error::{Refusal, Result, accepted_date, accepted_past_date};

/// A person a letter is from or for.
#[derive(Debug, Clone)]
pub enum PersonRef {
    /// A profile in the store.
    Profile(ProfileId),
    /// Given as it is (an identity file), no store needed.
    Given(Box<ProfileInput>),
}

/// A company outside the registry (the one that prospected the person, for a source inquiry).
#[derive(Debug, Clone, Default)]
pub struct CompanyRecipient {
    pub name: String,
    pub email: Option<String>,
    pub address: Vec<String>,
}

/// Whom the letters go to.
#[derive(Debug, Clone, Default)]
pub enum Recipients {
    /// The vendor of the request's case.
    #[default]
    OfCase,
    /// These registry vendors, in the order given (repeats dropped). Empty: the case's vendor.
    Vendors(Vec<String>),
    AllVendors,
    /// Every vendor of a registry category.
    Category(String),
    Company(CompanyRecipient),
}

/// What the person states about the request a reminder chases, over what its case recorded.
#[derive(Debug, Clone, Default)]
pub struct ReminderOverrides {
    pub request: Option<RequestKind>,
    pub sent_on: Option<Date>,
    pub due_on: Option<Date>,
    pub answered_on: Option<Date>,
    pub reference: Option<String>,
}

/// Everything the person asks for when writing letters.
#[derive(Debug, Clone)]
pub struct LetterRequest {
    pub kind: LetterKind,
    /// `None`: the person of the case.
    pub person: Option<PersonRef>,
    /// An advocate writing for the person (a mandate names them; e-mails carry the mandate).
    pub agent: Option<PersonRef>,
    pub recipients: Recipients,
    /// The case a reminder chases (and whose vendor and person are the defaults).
    pub case_id: Option<CaseId>,
    /// `None`: the person's language.
    pub lang: Option<Lang>,
    /// The letter's date; `None`: today.
    pub date: Option<Date>,
    pub place: Option<String>,
    pub registered: bool,
    pub objection: ObjectionGrounds,
    /// For a source inquiry: how the company reached the person.
    pub contact: Option<ContactEvent>,
    /// For a reminder: what the answer lacked; empty: what the case's checklist marks missing.
    pub missing: Vec<AccessItem>,
    pub reminder: ReminderOverrides,
    /// A file the person chose to send with e-mails; without it, e-mails an advocate sends
    /// carry the person's signed mandate.
    pub attachment: Option<Attachment>,
}

impl LetterRequest {
    pub fn new(kind: LetterKind) -> Self {
        LetterRequest {
            kind,
            person: None,
            agent: None,
            recipients: Recipients::default(),
            case_id: None,
            lang: None,
            date: None,
            place: None,
            registered: false,
            objection: ObjectionGrounds::default(),
            contact: None,
            missing: Vec::new(),
            reminder: ReminderOverrides::default(),
            attachment: None,
        }
    }

    /// Whether composing needs the store (a profile or a case is named).
    pub fn needs_store(&self) -> bool {
        let profile = |p: &Option<PersonRef>| matches!(p, Some(PersonRef::Profile(_)));
        profile(&self.person) || profile(&self.agent) || self.case_id.is_some()
    }
}

/// One composed letter and the recipient it is for (a registry id, or the company's).
#[derive(Debug, Clone)]
pub struct ComposedLetter {
    pub recipient_id: String,
    pub letter: Letter,
}

/// The letters of one request, with what e-mails carry.
#[derive(Debug, Clone)]
pub struct LetterBatch {
    pub letters: Vec<ComposedLetter>,
    /// Attached to every e-mail of the batch (never to a mandate).
    pub attachment: Option<Attachment>,
}

impl LetterBatch {
    /// The batch's first letter.
    pub fn first(&self) -> Option<&Letter> {
        self.letters.first().map(|l| &l.letter)
    }
}

/// Composes every letter the request makes, in recipient order. Reads the store (profiles, the
/// case, the mandate) when the request names them; `store` may be `None` otherwise.
pub fn compose_letters(
    store: Option<&Store>,
    registry: &Registry,
    clock: &dyn Clock,
    request: &LetterRequest,
) -> Result<LetterBatch> {
    let stated = &request.reminder;
    for (field, d) in [
        ("letter date", request.date),
        ("sent on", stated.sent_on),
        ("due on", stated.due_on),
        ("answered on", stated.answered_on),
    ] {
        d.map(|d| accepted_date(field, d)).transpose()?;
    }
    // The company's call or e-mail has happened: a date after today is a typing mistake.
    if let Some(d) = request.contact.as_ref().and_then(|c| c.date) {
        accepted_past_date("contacted on", d, clock.today())?;
    }
    let case = match (request.case_id, store) {
        (Some(id), Some(store)) => Some(store.case(id)?),
        _ => None,
    };
    let (person, profile_id) = person(store, request.person.as_ref(), case.as_ref().map(|c| c.profile_id))?;
    let agent = match &request.agent {
        Some(agent) => Some(resolve(store, agent)?.0),
        None => None,
    };
    let lang = request.lang.unwrap_or(person.lang);
    let date = request.date.unwrap_or_else(|| clock.today());
    let mut recipients = recipients(registry, &request.recipients, case.as_ref())?;
    let mut options = LetterOptions {
        place: request.place.clone(),
        registered_post: request.registered,
        objection: request.objection.clone(),
        agent,
        ..Default::default()
    };
    if request.kind == LetterKind::SourceInquiry {
        options.contact = request.contact.clone();
    }
    // A mandate is one document covering every organisation named; every other kind is one
    // letter per recipient.
    if request.kind == LetterKind::Mandate {
        options.mandate_scope =
            recipients.iter().map(|(r, _)| r.legal_entity.clone().unwrap_or(r.name.clone())).collect();
        recipients.truncate(1);
    }
    let mut letters = Vec::with_capacity(recipients.len());
    for (recipient, vendor) in recipients {
        let mut options = options.clone();
        if request.kind == LetterKind::Reminder {
            options.reminder = Some(reminder_facts(request, case.as_ref(), vendor)?);
        }
        let recipient_id = recipient.id.clone();
        let input = LetterInput { kind: request.kind, lang, person: &person, recipient, date, options };
        letters.push(ComposedLetter { recipient_id, letter: compose(&input)? });
    }
    Ok(LetterBatch { letters, attachment: attachment(store, request, profile_id)? })
}

fn resolve(store: Option<&Store>, who: &PersonRef) -> Result<(ProfileInput, Option<ProfileId>)> {
    match (who, store) {
        (PersonRef::Given(p), _) => Ok(((**p).clone(), None)),
        (PersonRef::Profile(id), Some(store)) => Ok((store.profile(*id)?.fields, Some(*id))),
        (PersonRef::Profile(_), None) => Err(Refusal::NoPerson.into()),
    }
}

fn person(
    store: Option<&Store>,
    given: Option<&PersonRef>,
    case_profile: Option<ProfileId>,
) -> Result<(ProfileInput, Option<ProfileId>)> {
    match (given, case_profile) {
        (Some(who), _) => resolve(store, who),
        (None, Some(id)) => resolve(store, &PersonRef::Profile(id)),
        (None, None) => Err(Refusal::NoPerson.into()),
    }
}

fn recipients<'r>(
    registry: &'r Registry,
    wanted: &Recipients,
    case: Option<&Case>,
) -> Result<Vec<(Recipient, Option<&'r Vendor>)>> {
    let from_vendors = |vendors: Vec<&'r Vendor>| -> Vec<(Recipient, Option<&'r Vendor>)> {
        vendors.into_iter().map(|v| (Recipient::vendor(v, registry), Some(v))).collect()
    };
    let ids: Vec<&str> = match wanted {
        Recipients::Company(c) => {
            return Ok(vec![(Recipient::company(&c.name, c.email.as_deref(), &c.address)?, None)]);
        }
        Recipients::AllVendors => return Ok(from_vendors(registry.vendors().iter().collect())),
        Recipients::Category(category) => {
            let hits = registry.search(&VendorQuery { category: Some(category.clone()), ..Default::default() });
            if hits.is_empty() {
                return Err(Refusal::EmptyCategory { category: category.clone() }.into());
            }
            return Ok(from_vendors(hits));
        }
        Recipients::Vendors(ids) if !ids.is_empty() => ids.iter().map(String::as_str).collect(),
        Recipients::Vendors(_) | Recipients::OfCase => case.map(|c| c.vendor_id.as_str()).into_iter().collect(),
    };
    if ids.is_empty() {
        return Err(Refusal::NoRecipient.into());
    }
    let mut out: Vec<&'r Vendor> = Vec::new();
    for id in ids {
        let v = registry.require_vendor(id)?;
        if !out.iter().any(|seen| seen.id == v.id) {
            out.push(v);
        }
    }
    Ok(from_vendors(out))
}

/// What a reminder refers to: the case's record, or what the person states, the latter winning.
fn reminder_facts(request: &LetterRequest, case: Option<&Case>, vendor: Option<&Vendor>) -> Result<ReminderFacts> {
    let stated = &request.reminder;
    let mut facts = match (case, stated.sent_on) {
        (Some(case), None) => {
            // Without a choice, the reminder lists what the case's checklist marks missing.
            let missing = if request.missing.is_empty() {
                redress_core::case::missing_items(&case.checklist)
            } else {
                request.missing.clone()
            };
            case.reminder_facts(missing).ok_or(Refusal::CaseNotSent { case: case.id })?
        }
        (case, Some(sent_on)) => ReminderFacts {
            request: case.map_or(RequestKind::Access, |c| c.kind),
            sent_on,
            due_on: Some(default_due(sent_on, vendor)?),
            answered_on: None,
            missing: request.missing.clone(),
            reference: None,
        },
        (None, None) => return Err(Refusal::ReminderWithoutRequest.into()),
    };
    if let Some(r) = stated.request {
        facts.request = r;
    }
    if let Some(due) = stated.due_on {
        facts.due_on = Some(due);
    }
    if let Some(answered) = stated.answered_on {
        facts.answered_on = Some(answered);
    }
    if stated.reference.is_some() {
        facts.reference = stated.reference.clone();
    }
    Ok(facts)
}

/// The deadline counted from the day the request was sent (an e-mail arrives the day it is
/// sent), with the vendor's country's holidays, or France's when Redress does not know them.
fn default_due(sent_on: Date, vendor: Option<&Vendor>) -> Result<Date> {
    let country = vendor.and_then(|v| v.country.as_ref()).map(|c| c.as_str());
    Ok(one_month(sent_on, &Calendar::for_country_or_fr(country))?.due)
}

/// What e-mails carry: the file the person chose, or, when an advocate writes for a person in
/// the store, that person's signed mandate. A mandate itself carries nothing.
fn attachment(store: Option<&Store>, request: &LetterRequest, person: Option<ProfileId>) -> Result<Option<Attachment>> {
    if request.kind == LetterKind::Mandate {
        return Ok(None);
    }
    if let Some(file) = &request.attachment {
        return Ok(Some(file.clone()));
    }
    match (store, person, &request.agent) {
        (Some(store), Some(id), Some(_)) => Ok(store.mandate_attachment(id)?),
        _ => Ok(None),
    }
}

/// The letter written out in `format`. `now` dates the e-mail and the PDF's metadata;
/// `attachment` goes with an e-mail only.
pub fn render_letter(
    letter: &Letter,
    format: LetterFormat,
    now: &Zoned,
    attachment: Option<&Attachment>,
) -> Result<Vec<u8>> {
    Ok(match format {
        LetterFormat::Txt => letter.postal_text().into_bytes(),
        LetterFormat::Mailto => format!("{}\n", mailto(letter)).into_bytes(),
        LetterFormat::Eml => eml(
            letter,
            &EmailMeta { date: now.clone(), attachments: attachment.into_iter().cloned().collect(), sending: None },
        )
        .into_bytes(),
        LetterFormat::Pdf => redress_pdf::letter_pdf(letter, &redress_pdf::PdfMeta::new(now.timestamp()))?,
    })
}

/// Where a batch is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterTarget {
    /// One letter, to this file.
    File(PathBuf),
    /// One file per letter in this folder (created when missing), named after the letter.
    Folder(PathBuf),
}

impl LetterTarget {
    /// The file each letter of `batch` goes to.
    pub fn paths(&self, batch: &LetterBatch, format: LetterFormat) -> Vec<PathBuf> {
        match self {
            LetterTarget::File(path) => vec![path.clone()],
            LetterTarget::Folder(dir) => batch
                .letters
                .iter()
                .map(|l| dir.join(format!("{}.{}", l.letter.file_stem, format.extension())))
                .collect(),
        }
    }
}

/// One saved letter.
#[derive(Debug, Clone)]
pub struct SavedLetter {
    pub recipient_id: String,
    pub path: PathBuf,
}

/// Writes every letter of `batch` in `format`. Unless `overwrite`, refuses (writing nothing)
/// when any target exists, so a batch never stops half-way; each file is written atomically.
pub fn save_letters(
    batch: &LetterBatch,
    format: LetterFormat,
    target: &LetterTarget,
    overwrite: bool,
    clock: &dyn Clock,
) -> Result<Vec<SavedLetter>> {
    let paths = target.paths(batch, format);
    if !overwrite {
        refuse_existing(&paths)?;
    }
    if let LetterTarget::Folder(dir) = target {
        std::fs::create_dir_all(dir).map_err(|source| redress_core::Error::Write { path: dir.clone(), source })?;
    }
    let now = clock.now();
    let mut saved = Vec::with_capacity(paths.len());
    for (letter, path) in batch.letters.iter().zip(paths) {
        let bytes = render_letter(&letter.letter, format, &now, batch.attachment.as_ref())?;
        redress_core::atomic_file::write_atomically(&path, &bytes)?;
        saved.push(SavedLetter { recipient_id: letter.recipient_id.clone(), path });
    }
    Ok(saved)
}

/// Refuses when any of `paths` exists.
pub fn refuse_existing(paths: &[PathBuf]) -> Result<()> {
    let existing: Vec<PathBuf> = paths.iter().filter(|p| Path::exists(p)).cloned().collect();
    if existing.is_empty() { Ok(()) } else { Err(Refusal::FilesExist { paths: existing }.into()) }
}
