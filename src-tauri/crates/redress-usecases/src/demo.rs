//! The demo: a fictional person's whole journey, run through the same use cases a real one
//! goes through (add the person, open the cases, write and send the requests, import the
//! answer, tick what it lacks, chase, build the complaint), on a throw-away store that is
//! deleted at the end. What it writes is what Redress writes for a real person.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::civil::{Date, date};
use redress_core::case::{AnswerKind, Channel, EventKind, ItemState, RequestKind};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::{AccessItem, LetterFormat, LetterKind};
use redress_core::registry::Registry;
use redress_store::{CaseId, Key, KeyVault, NewKey, ProfileId, Store, VaultError};

use crate::cases::{self, EventRecord, IncomingReply, OpenCase, Sending};
use crate::clock::{Clock, FixedClock};
use crate::complaint::{ComplaintRequest, ComplaintSource, prepare_complaint, save_complaint};
use crate::error::{Refusal, Result};
use crate::letters::{LetterRequest, LetterTarget, PersonRef, Recipients, compose_letters, save_letters};
use crate::people::add_person;

const SENT: Date = date(2026, 9, 1);
const ANSWERED: Date = date(2026, 9, 24);
const MARKED_OVERDUE: Date = date(2026, 10, 2);
const REMINDED: Date = date(2026, 10, 15);
const FILED: Date = date(2026, 11, 2);

/// The two vendors of the demo: the first answers incompletely, the second never answers.
const VENDORS: [(&str, bool); 2] = [("kaspr", true), ("lusha", false)];

/// What the demo wrote, relative to its folder, in the order it wrote them.
#[derive(Debug, Clone)]
pub struct DemoFiles {
    pub files: Vec<PathBuf>,
    /// Each complaint PDF with its page count.
    pub complaints: Vec<(PathBuf, usize)>,
}

/// Writes the demo into `dir` (created when missing). Nothing is kept: the store it works in
/// lives in a temporary folder, removed before returning, even on failure.
pub fn write_demo(registry: &Registry, dir: &Path) -> Result<DemoFiles> {
    let scratch = ScratchStore::new()?;
    // Declared after `scratch`, the store is closed before its folder is removed.
    let mut store = Store::create(&scratch.db(), NewKey::Keyring, &scratch.vault)?;
    run(&mut store, registry, dir)
}

fn run(store: &mut Store, registry: &Registry, dir: &Path) -> Result<DemoFiles> {
    // Every date of the journey is fixed, so the demo writes the same files on every run.
    let paris_autumn = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    let clock = FixedClock(FILED.at(10, 0, 0, 0).to_zoned(paris_autumn).expect("a date in range at a fixed offset"));
    let person = add_person(store, &clock, camille(), None)?.id;
    let mut out = DemoFiles { files: Vec::new(), complaints: Vec::new() };
    for (vendor, answers) in VENDORS {
        let case = cases::open_case(
            store,
            registry,
            &clock,
            &OpenCase { profile: person, vendor: vendor.into(), kind: RequestKind::Combined, holiday_country: None },
        )?
        .id;
        let request = write_letter(store, registry, &clock, person, Letter::Request(vendor), &dir.join("lettres"))?;
        let reference = Some(format!("<demo-{vendor}@example.org>"));
        let sending = Sending {
            channel: Channel::Email,
            on: Some(SENT),
            received_on: None,
            reference,
            proof: Some(request.clone()),
        };
        cases::mark_sent(store, &clock, case, sending)?;
        out.files.push(request);
        if answers {
            out.files.push(answer_incompletely(store, registry, &clock, case, vendor, &dir.join("reponses"))?);
        } else {
            let overdue = EventRecord { on: Some(MARKED_OVERDUE), ..EventRecord::new(EventKind::MarkedOverdue) };
            cases::record(store, &clock, case, overdue)?;
        }
        let reminder = write_letter(store, registry, &clock, person, Letter::Reminder(case), &dir.join("lettres"))?;
        cases::record(
            store,
            &clock,
            case,
            EventRecord { on: Some(REMINDED), ..EventRecord::new(EventKind::Reminded) },
        )?;
        out.files.push(reminder);
        let (pdf, pages, form) = file_complaint(store, registry, &clock, case, dir)?;
        out.complaints.push((pdf, pages));
        out.files.push(form);
    }
    for f in out.files.iter_mut().chain(out.complaints.iter_mut().map(|(p, _)| p)) {
        *f = f.strip_prefix(dir).map(Path::to_owned).unwrap_or_else(|_| f.clone());
    }
    Ok(out)
}

enum Letter<'a> {
    /// The first letter: access, objection and erasure.
    Request(&'a str),
    /// The reminder chasing a case.
    Reminder(CaseId),
}

/// Composes one letter as the Letters screen and `redress letter` do, and saves it as a PDF.
fn write_letter(
    store: &Store,
    registry: &Registry,
    clock: &dyn Clock,
    person: ProfileId,
    letter: Letter<'_>,
    folder: &Path,
) -> Result<PathBuf> {
    let mut request = match letter {
        Letter::Request(vendor) => {
            let mut r = LetterRequest::new(LetterKind::Combined);
            r.recipients = Recipients::Vendors(vec![vendor.into()]);
            r.date = Some(SENT);
            r
        }
        Letter::Reminder(case) => {
            let mut r = LetterRequest::new(LetterKind::Reminder);
            r.case_id = Some(case);
            r.date = Some(REMINDED);
            r
        }
    };
    request.person = Some(PersonRef::Profile(person));
    let batch = compose_letters(Some(store), registry, clock, &request)?;
    let saved = save_letters(&batch, LetterFormat::Pdf, &LetterTarget::Folder(folder.to_owned()), true, clock)?;
    Ok(saved.into_iter().next().ok_or(Refusal::NoRecipient)?.path)
}

/// The vendor's answer arrives as an e-mail: it is imported into its case as an incomplete
/// answer, and the person ticks what it lacks.
fn answer_incompletely(
    store: &mut Store,
    registry: &Registry,
    clock: &dyn Clock,
    case: CaseId,
    vendor: &str,
    folder: &Path,
) -> Result<PathBuf> {
    let from = registry.vendor(vendor).and_then(|v| v.request_email()).unwrap_or("privacy@example.com");
    let path = folder.join(format!("{vendor}-reponse.eml"));
    std::fs::create_dir_all(folder).map_err(|source| redress_core::Error::Write { path: folder.to_owned(), source })?;
    redress_core::atomic_file::write_atomically(&path, incomplete_answer(from, &camille().emails[0]).as_bytes())?;
    let reply = IncomingReply {
        path: path.clone(),
        case: Some(case),
        answer: Some(AnswerKind::Incomplete),
        on: Some(ANSWERED),
    };
    cases::import_reply(store, registry, clock, &reply)?;
    let missing = [AccessItem::Copy, AccessItem::Recipients, AccessItem::Source].map(|i| (i, Some(ItemState::Missing)));
    cases::set_checklist(store, clock, case, &missing)?;
    Ok(path)
}

/// The complaint for one case, as the Complaint screen and `redress dossier` build it.
fn file_complaint(
    store: &Store,
    registry: &Registry,
    clock: &dyn Clock,
    case: CaseId,
    dir: &Path,
) -> Result<(PathBuf, usize, PathBuf)> {
    let mut request = ComplaintRequest::new(ComplaintSource::Cases(vec![case]));
    request.never_informed = true;
    request.observations =
        vec!["Dossier de démonstration produit par Redress : la personne et les échanges décrits sont fictifs.".into()];
    request.date = Some(FILED);
    let complaint = prepare_complaint(Some(store), registry, clock, &request)?;
    let pdf = dir.join(format!("{}.pdf", complaint.file_stem));
    let form = dir.join(format!("formulaire-cnil-{}.txt", complaint.material.vendor_id));
    let saved = save_complaint(&complaint, &pdf, Some(&form), true, clock)?;
    Ok((saved.path, saved.pages, form))
}

fn camille() -> ProfileInput {
    ProfileInput {
        name: "Camille Exemple".into(),
        address: vec!["8 rue de l'Exemple".into(), "75011 Paris".into()],
        emails: vec!["camille.exemple@example.org".into()],
        phones: vec!["+33 6 00 00 00 01".into()],
        employer: Some("Exemple SARL".into()),
        linkedin_url: Some("https://www.linkedin.com/in/camille-exemple".into()),
        lang: Lang::Fr,
        notes: None,
        acting_for: false,
    }
}

/// The answer the first vendor sends: it confirms, but names no source and no recipient.
fn incomplete_answer(from: &str, to: &str) -> String {
    format!(
        "From: Privacy Team <{from}>\r\nTo: {to}\r\nSubject: =?utf-8?q?RE=3A_Demande_d=27acc=C3=A8s?=\r\n\
         Date: Thu, 24 Sep 2026 10:12:00 +0200\r\nMessage-ID: <demo-answer@example.com>\r\n\
         In-Reply-To: <demo-{}@example.org>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Bonjour,\r\n\r\nNous traitons votre adresse électronique professionnelle et votre numéro de téléphone.\r\n\
         Ces données proviennent de sources publiques.\r\nElles sont conservées 5 ans.\r\n\r\nCordialement,\r\n\
         L'équipe Privacy\r\n",
        VENDORS[0].0
    )
}

/// A store in a fresh temporary folder, keyed from memory; the folder goes when this is dropped.
struct ScratchStore {
    dir: PathBuf,
    vault: MemoryVault,
}

impl ScratchStore {
    fn new() -> Result<Self> {
        let nanos = jiff::Timestamp::now().as_nanosecond();
        let dir = std::env::temp_dir().join(format!("redress-demo-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|source| redress_core::Error::Write { path: dir.clone(), source })?;
        Ok(ScratchStore { dir, vault: MemoryVault::default() })
    }

    fn db(&self) -> PathBuf {
        self.dir.join("demo.db")
    }
}

impl Drop for ScratchStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Keys kept in memory only: the scratch store's key never reaches the system keyring.
#[derive(Default)]
struct MemoryVault(Mutex<HashMap<String, Key>>);

impl KeyVault for MemoryVault {
    fn get(&self, account: &str) -> std::result::Result<Key, VaultError> {
        let keys = self.0.lock().map_err(|_| VaultError::Unavailable("the demo's key was lost".into()))?;
        keys.get(account).cloned().ok_or(VaultError::Missing)
    }

    fn set(&self, account: &str, key: &Key) -> std::result::Result<(), VaultError> {
        let mut keys = self.0.lock().map_err(|_| VaultError::Unavailable("the demo's key was lost".into()))?;
        keys.insert(account.to_owned(), key.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> std::result::Result<(), VaultError> {
        let mut keys = self.0.lock().map_err(|_| VaultError::Unavailable("the demo's key was lost".into()))?;
        keys.remove(account);
        Ok(())
    }
}
