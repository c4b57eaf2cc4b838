//! Each flow of the use-case layer once, against the real encrypted store, with the refusals a
//! person meets on the way: what the app's screens and the CLI's commands both call.

use std::path::{Path, PathBuf};

use redress_core::case::{AnswerKind, CaseStatus, Channel, EventKind, ItemState, RequestKind};
use redress_core::dossier::Ripeness;
use redress_core::exposure::{Exposure, SelfCheckOutcome};
use redress_core::identity::ProfileInput;
use redress_core::letter::{AccessItem, LetterFormat, LetterKind};
use redress_core::registry::Registry;
use redress_store::{NewKey, NoKeyring, Passphrase, Store, StoreError};
use redress_usecases::cases::{self, EventRecord, IncomingReply, OpenCase, Sending};
use redress_usecases::complaint::{ComplaintRequest, ComplaintSource, prepare_complaint, save_complaint};
use redress_usecases::discovery::{self, SelfCheckRequest};
use redress_usecases::letters::{LetterRequest, LetterTarget, PersonRef, Recipients, compose_letters, save_letters};
use redress_usecases::people::{self, MandateChange};
use redress_usecases::{Error, FixedClock, Refusal};

struct World {
    dir: tempfile::TempDir,
    store: Store,
    registry: Registry,
    clock: FixedClock,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::create(
        &dir.path().join("flows.db"),
        NewKey::Passphrase(Passphrase::new("use case flows".into())),
        &NoKeyring,
    )
    .expect("create the store");
    let clock = FixedClock("2026-11-25T10:00[Europe/Paris]".parse().expect("zoned"));
    World { dir, store, registry: Registry::builtin().expect("registry"), clock }
}

impl World {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn zoe(&mut self) -> i64 {
        let input = ProfileInput {
            name: "Zoé Martin".into(),
            emails: vec!["zoe@example.fr".into()],
            address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
            ..Default::default()
        };
        people::add_person(&mut self.store, &self.clock, input, None).expect("add").id
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write fixture");
}

#[test]
fn people_are_added_edited_and_removed_and_a_missing_mandate_is_said() {
    let mut w = world();
    let id = w.zoe();
    let edited = people::update_person(
        &mut w.store,
        &w.clock,
        id,
        |mut p| {
            p.employer = Some("Données Libres".into());
            Ok(p)
        },
        MandateChange::Keep,
    )
    .expect("edit");
    assert_eq!(edited.fields.employer.as_deref(), Some("Données Libres"));
    assert_eq!(w.store.profile(id).expect("read back").fields.employer.as_deref(), Some("Données Libres"));
    let copy = w.path("mandate.pdf");
    assert_eq!(refusal(people::save_mandate_copy(&w.store, id, &copy)), Refusal::NoMandate { id });
    assert!(!copy.exists(), "nothing written");
    people::remove_person(&mut w.store, id).expect("remove");
    assert!(matches!(w.store.profile(id), Err(StoreError::UnknownProfile { .. })));
}

#[test]
fn letters_are_composed_for_a_profile_and_saved_all_or_nothing() {
    let mut w = world();
    let id = w.zoe();
    let mut request = LetterRequest::new(LetterKind::Access);
    assert_eq!(refusal(compose_letters(Some(&w.store), &w.registry, &w.clock, &request)), Refusal::NoPerson);
    request.person = Some(PersonRef::Profile(id));
    assert_eq!(refusal(compose_letters(Some(&w.store), &w.registry, &w.clock, &request)), Refusal::NoRecipient);
    request.recipients = Recipients::Vendors(vec!["kaspr".into(), "lusha".into()]);
    let batch = compose_letters(Some(&w.store), &w.registry, &w.clock, &request).expect("compose");
    assert_eq!(batch.letters.len(), 2);
    assert_eq!(batch.letters[0].letter.to_email.as_deref(), Some("privacy@kaspr.io"));
    let folder = LetterTarget::Folder(w.path("letters"));
    let saved = save_letters(&batch, LetterFormat::Eml, &folder, false, &w.clock).expect("save");
    assert_eq!(saved.len(), 2);
    let eml = std::fs::read_to_string(&saved[0].path).expect("saved");
    assert!(eml.contains("Zoé") || eml.contains("=?utf-8?"), "{eml}");
    // A second save without overwrite refuses and writes nothing.
    std::fs::remove_file(&saved[1].path).expect("remove one");
    assert!(matches!(
        refusal(save_letters(&batch, LetterFormat::Eml, &folder, false, &w.clock)),
        Refusal::FilesExist { .. }
    ));
    assert!(!saved[1].path.exists(), "a refused batch writes none of its files");
    // A reminder needs a case that was sent.
    let opened = cases::open_case(
        &mut w.store,
        &w.registry,
        &w.clock,
        &OpenCase { profile: id, vendor: "kaspr".into(), kind: RequestKind::Access, holiday_country: None },
    )
    .expect("open");
    let mut reminder = LetterRequest::new(LetterKind::Reminder);
    reminder.person = Some(PersonRef::Profile(id));
    reminder.case_id = Some(opened.id);
    assert_eq!(
        refusal(compose_letters(Some(&w.store), &w.registry, &w.clock, &reminder)),
        Refusal::CaseNotSent { case: opened.id }
    );
}

#[test]
fn a_case_goes_from_draft_to_answered_and_refuses_what_cannot_follow() {
    let mut w = world();
    let id = w.zoe();
    let open = |vendor: &str| OpenCase {
        profile: id,
        vendor: vendor.into(),
        kind: RequestKind::Access,
        holiday_country: None,
    };
    assert!(cases::open_case(&mut w.store, &w.registry, &w.clock, &open("no-such-vendor")).is_err());
    let case = cases::open_case(&mut w.store, &w.registry, &w.clock, &open("kaspr")).expect("open").id;
    // Answered before sent: refused by the state machine, nothing written.
    let answered = EventRecord { answer: Some(AnswerKind::Incomplete), ..EventRecord::new(EventKind::Answered) };
    assert!(cases::record(&mut w.store, &w.clock, case, answered.clone()).is_err());
    assert!(w.store.case(case).expect("case").timeline.is_empty());
    // An event without what it needs names it.
    assert!(matches!(
        refusal(cases::record(&mut w.store, &w.clock, case, EventRecord::new(EventKind::Sent))),
        Refusal::EventNeeds { event: EventKind::Sent, .. }
    ));
    let proof = w.path("sent.eml");
    write(
        &proof,
        "From: zoe@example.fr\r\nTo: privacy@kaspr.io\r\nSubject: Demande\r\nMessage-ID: <req-1@example.fr>\r\n\r\nDemande d'accès.\r\n",
    );
    let sending = Sending {
        channel: Channel::Email,
        on: Some(jiff::civil::date(2026, 9, 1)),
        received_on: None,
        reference: Some("<req-1@example.fr>".into()),
        proof: Some(proof),
    };
    let sent = cases::mark_sent(&mut w.store, &w.clock, case, sending).expect("sent");
    assert_eq!(sent.status, CaseStatus::Sent);
    assert_eq!(sent.deadline.as_ref().map(|d| d.due), Some(jiff::civil::date(2026, 10, 1)));
    assert_eq!(sent.files.len(), 1, "the proof is kept");
    // The vendor's reply, matched by In-Reply-To, recorded as incomplete.
    let reply_path = w.path("reply.eml");
    write(
        &reply_path,
        "From: Privacy <privacy@kaspr.io>\r\nTo: zoe@example.fr\r\nSubject: Re: Demande\r\n\
         Date: Tue, 22 Sep 2026 10:00:00 +0200\r\nIn-Reply-To: <req-1@example.fr>\r\n\r\n\
         Vos données proviennent de sources publiques.\r\n",
    );
    let reply = IncomingReply { path: reply_path, case: None, answer: Some(AnswerKind::Incomplete), on: None };
    let imported = cases::import_reply(&mut w.store, &w.registry, &w.clock, &reply).expect("import");
    assert_eq!(imported.case.id, case);
    assert_eq!(imported.case.status, CaseStatus::Answered(AnswerKind::Incomplete));
    let missing = [(AccessItem::Source, Some(ItemState::Missing)), (AccessItem::Recipients, Some(ItemState::Missing))];
    let ticked = cases::set_checklist(&mut w.store, &w.clock, case, &missing).expect("checklist");
    assert_eq!(ticked.checklist.len(), 2);
    // The calendar holds only cases awaiting an answer: none now.
    assert_eq!(cases::write_calendar(&w.store, &w.registry, &w.clock, &w.path("d.ics")).expect("ics"), 0);
    // Handed over as a bundle and taken back in as a new case with its files.
    let bundle_path = w.path("case.json");
    cases::export_case(&w.store, &w.clock, case, &bundle_path).expect("export");
    let bundle = cases::read_bundle(&w.registry, &bundle_path).expect("read bundle");
    let copy = cases::import_bundle(&mut w.store, &w.clock, &bundle, Some(id)).expect("import bundle");
    assert_ne!(copy.id, case);
    assert_eq!((copy.status, copy.files.len()), (ticked.status, 2));
}

/// The calendar and a case bundle replace what was there by a rename (a hard link to the old
/// file still sees the old content: nothing was written through it) and are 0600 whatever the
/// old file's mode; no temporary file is left beside them.
#[cfg(unix)]
#[test]
fn calendar_and_bundle_exports_are_written_atomically_and_private() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mut w = world();
    let id = w.zoe();
    let open = OpenCase { profile: id, vendor: "kaspr".into(), kind: RequestKind::Access, holiday_country: None };
    let case = cases::open_case(&mut w.store, &w.registry, &w.clock, &open).expect("open").id;
    let folder = w.path("exports");
    std::fs::create_dir(&folder).expect("folder");
    let ics = folder.join("deadlines.ics");
    let bundle = folder.join("case.json");
    for path in [&ics, &bundle] {
        write(path, "old content");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        std::fs::hard_link(path, path.with_extension("old")).expect("link");
    }
    cases::write_calendar(&w.store, &w.registry, &w.clock, &ics).expect("ics");
    cases::export_case(&w.store, &w.clock, case, &bundle).expect("export");
    for path in [&ics, &bundle] {
        let meta = std::fs::metadata(path).expect("meta");
        assert_eq!(meta.mode() & 0o777, 0o600, "{} is private", path.display());
        assert_ne!(std::fs::read_to_string(path).expect("read"), "old content");
        let old = path.with_extension("old");
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "old content", "not written in place");
        assert_ne!(meta.ino(), std::fs::metadata(&old).expect("meta").ino());
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["case.json", "case.old", "deadlines.ics", "deadlines.old"]);
    // A folder that does not exist yet is made, as before.
    let nested = w.path("new/folder/deadlines.ics");
    cases::write_calendar(&w.store, &w.registry, &w.clock, &nested).expect("ics in a new folder");
    assert_eq!(std::fs::metadata(&nested).expect("meta").mode() & 0o777, 0o600);
}

#[test]
fn a_complaint_is_prepared_from_the_store_and_saved_once() {
    let mut w = world();
    let id = w.zoe();
    let request = ComplaintRequest::new(ComplaintSource::Cases(vec![]));
    assert_eq!(refusal(prepare_complaint(Some(&w.store), &w.registry, &w.clock, &request)), Refusal::NoCase);
    let case = cases::open_case(
        &mut w.store,
        &w.registry,
        &w.clock,
        &OpenCase { profile: id, vendor: "lusha".into(), kind: RequestKind::Combined, holiday_country: None },
    )
    .expect("open")
    .id;
    let sending = Sending {
        channel: Channel::Email,
        on: Some(jiff::civil::date(2026, 9, 1)),
        received_on: None,
        reference: None,
        proof: None,
    };
    cases::mark_sent(&mut w.store, &w.clock, case, sending).expect("sent");
    let request = ComplaintRequest::new(ComplaintSource::Cases(vec![case]));
    let complaint = prepare_complaint(Some(&w.store), &w.registry, &w.clock, &request).expect("prepare");
    assert_eq!(complaint.material.exhibits.len(), 1, "the request, reproduced: no proof was kept");
    assert!(complaint.material.exhibits[0].entry.title.starts_with("Ma demande du 1er septembre 2026"));
    let pdf = w.path("plainte.pdf");
    let saved = save_complaint(&complaint, &pdf, None, false, &w.clock).expect("save");
    assert!(saved.pages >= 3 && std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    assert!(matches!(refusal(save_complaint(&complaint, &pdf, None, false, &w.clock)), Refusal::FilesExist { .. }));
}

/// The reproducer: a complaint the day after the request, alleging an objection "restée sans
/// effet" though the company still had its month. Refused, with the date it becomes possible.
#[test]
fn a_complaint_before_any_deadline_has_passed_is_refused_with_the_date_it_becomes_possible() {
    let mut w = world();
    let id = w.zoe();
    let open = OpenCase { profile: id, vendor: "kaspr".into(), kind: RequestKind::Combined, holiday_country: None };
    let case = cases::open_case(&mut w.store, &w.registry, &w.clock, &open).expect("open").id;
    let yesterday = jiff::civil::date(2026, 11, 24);
    let sending =
        Sending { channel: Channel::Email, on: Some(yesterday), received_on: None, reference: None, proof: None };
    cases::mark_sent(&mut w.store, &w.clock, case, sending).expect("sent");
    let request = ComplaintRequest::new(ComplaintSource::Cases(vec![case]));
    let refused = refusal(prepare_complaint(Some(&w.store), &w.registry, &w.clock, &request));
    let due = jiff::civil::date(2026, 12, 24);
    let from = jiff::civil::date(2026, 12, 25);
    assert_eq!(refused, Refusal::NothingRipe { cases: vec![(case, Ripeness::From { due, from })] });
    assert!(refused.to_string().contains("a complaint becomes possible from 2026-12-25"), "{refused}");

    // With the Art. 14 statement there is a ripe grievance; the request's is left out, and said.
    let mut request = request;
    request.never_informed = true;
    let complaint = prepare_complaint(Some(&w.store), &w.registry, &w.clock, &request).expect("prepare");
    assert!(
        complaint.material.notes.iter().any(|n| n.contains("alleges nothing about this request before 2026-12-25"))
    );
    let said = format!("{:?}", complaint.report);
    assert!(!said.contains("sans effet") && !said.contains("Effacement"), "no objection or erasure grievance yet");

    // A complaint cannot be dated after today to get round it.
    let mut ahead = ComplaintRequest::new(ComplaintSource::Cases(vec![case]));
    ahead.date = Some(jiff::civil::date(2027, 2, 1));
    assert!(matches!(
        refusal(prepare_complaint(Some(&w.store), &w.registry, &w.clock, &ahead)),
        Refusal::DateNotAccepted { field: "complaint date", .. }
    ));
}

#[test]
fn a_self_check_moves_the_vendor_on_the_board() {
    let mut w = world();
    let id = w.zoe();
    let before = discovery::board(&w.store, &w.registry, id).expect("board");
    let status = |b: &discovery::Board| b.rows.iter().find(|r| r.vendor == "lusha").map(|r| r.status);
    assert_eq!(status(&before), Some(Exposure::Unknown));
    let check = SelfCheckRequest {
        profile: id,
        vendor: "lusha".into(),
        outcome: SelfCheckOutcome::Found,
        note: Some("my work number".into()),
        screenshot: None,
    };
    discovery::record_self_check(&mut w.store, &w.registry, &w.clock, &check).expect("self-check");
    assert_eq!(status(&discovery::board(&w.store, &w.registry, id).expect("board")), Some(Exposure::Confirmed));
    let unknown = SelfCheckRequest { vendor: "no-such-vendor".into(), ..check };
    assert!(discovery::record_self_check(&mut w.store, &w.registry, &w.clock, &unknown).is_err());
}
