//! Sending through the person's own mailbox, against a real Dovecot and Postfix on 127.0.0.1
//! (tests/mail-servers): connect checks both servers before saving, a letter arrives byte for
//! byte and marks its case sent with its Message-ID, nothing is sent twice, refusals carry the
//! server's words; sync brings the answers, bounces and automatic replies back to their cases.

#[path = "../../../../tests/mail-servers/harness.rs"]
mod mail_servers;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use mail_servers::{MailServers, lf};
use redress_core::case::{CaseEvent, CaseStatus, Channel, RequestKind};
use redress_core::identity::ProfileInput;
use redress_core::mail_provider::Security;
use redress_core::registry::Registry;
use redress_online::OnlineError;
use redress_store::{NewKey, NoKeyring, Passphrase, PasswordPlace, ServerRecord, Store, TextVault, VaultError};
use redress_usecases::cases::{self, OpenCase};
use redress_usecases::discovery::{self, ScanRequest};
use redress_usecases::imap_scan::{self, ImapScanRequest};
use redress_usecases::mail_sync::{self, Arrival, MatchedBy, SyncRequest};
use redress_usecases::mailbox::{self, ConnectRequest, SendRequest, SendResult};
use redress_usecases::{Error, FixedClock};

/// A keyring that must not be used: the store is in passphrase mode.
#[derive(Debug)]
struct UnusedVault;

impl TextVault for UnusedVault {
    fn get_text(&self, _: &str) -> Result<Passphrase, VaultError> {
        panic!("passphrase mode keeps the password in the store")
    }
    fn set_text(&self, _: &str, _: &Passphrase) -> Result<(), VaultError> {
        panic!("passphrase mode keeps the password in the store")
    }
    fn delete_text(&self, _: &str) -> Result<(), VaultError> {
        panic!("passphrase mode keeps the password in the store")
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    registry: Registry,
    clock: FixedClock,
    profile: i64,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("tempdir");
    let imports = dir.path().join("imports.json");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/cli/fixtures/mail-vendors.json");
    let (_, registry) = redress_core::registry::import_file(&imports, &fixture).expect("import the test vendors");
    let mut store = Store::create(
        &dir.path().join("mail.db"),
        NewKey::Passphrase(Passphrase::new("mailbox flows".into())),
        &NoKeyring,
    )
    .expect("store");
    let clock = FixedClock("2026-11-25T10:00[Europe/Paris]".parse().expect("zoned"));
    let person =
        ProfileInput { name: "Zoé Martin".into(), emails: vec!["person@redress.test".into()], ..Default::default() };
    let profile = store.add_profile(person, clock.0.timestamp()).expect("profile").id;
    World { _dir: dir, store, registry, clock, profile }
}

fn connect_request(servers: &MailServers, profile: i64, password: &str) -> ConnectRequest {
    let (address, _) = servers.user("PERSON");
    ConnectRequest {
        profile,
        address,
        imap: Some(ServerRecord {
            host: servers.host().into(),
            port: servers.port("IMAPS_PORT"),
            security: Security::Tls,
        }),
        smtp: Some(ServerRecord {
            host: servers.host().into(),
            port: servers.port("SUBMISSION_STARTTLS_PORT"),
            security: Security::StartTls,
        }),
        login: None,
        password: Passphrase::new(password.into()),
        ca_pem: Some(servers.ca_pem()),
    }
}

fn open(w: &mut World, vendor: &str) -> i64 {
    let request =
        OpenCase { profile: w.profile, vendor: vendor.into(), kind: RequestKind::Access, holiday_country: None };
    cases::open_case(&mut w.store, &w.registry, &w.clock, &request).expect("case").id
}

#[test]
fn a_mailbox_is_saved_only_once_both_servers_accept_the_login() {
    let servers = MailServers::start();
    let mut w = world();
    let (_, password) = servers.user("PERSON");

    let wrong =
        mailbox::connect_mailbox(&mut w.store, &UnusedVault, &w.clock, &connect_request(&servers, w.profile, "wrong"));
    assert!(matches!(wrong, Err(Error::Online(OnlineError::LoginRefused { .. }))), "{wrong:?}");
    assert!(w.store.mail_account(w.profile).expect("read").is_none(), "nothing saved on a wrong password");

    // A server whose certificate the system does not trust is refused without the private CA.
    let mut untrusted = connect_request(&servers, w.profile, &password);
    untrusted.ca_pem = None;
    let refused = mailbox::connect_mailbox(&mut w.store, &UnusedVault, &w.clock, &untrusted);
    assert!(matches!(refused, Err(Error::Online(OnlineError::Tls { .. }))), "{refused:?}");

    // Nothing listens on the wrong port.
    let mut wrong_port = connect_request(&servers, w.profile, &password);
    wrong_port.imap.as_mut().expect("imap").port = 1;
    let unreachable = mailbox::connect_mailbox(&mut w.store, &UnusedVault, &w.clock, &wrong_port);
    assert!(matches!(unreachable, Err(Error::Online(OnlineError::Connect { .. }))), "{unreachable:?}");
    assert!(w.store.mail_account(w.profile).expect("read").is_none());

    let connected = mailbox::connect_mailbox(
        &mut w.store,
        &UnusedVault,
        &w.clock,
        &connect_request(&servers, w.profile, &password),
    )
    .expect("connect");
    assert_eq!(connected.account.password_in, PasswordPlace::Store);
    assert_eq!(connected.account.sent_folder.as_deref(), Some("Sent"));
    assert!(connected.imap_capabilities.iter().any(|c| c.contains("IMAP4")), "{:?}", connected.imap_capabilities);
    assert!(!format!("{:?}", connected.account).contains(&password), "the account never shows its password");
}

#[test]
fn a_sent_letter_arrives_byte_for_byte_and_marks_its_case_sent_once() {
    let servers = MailServers::start();
    let mut w = world();
    let (_, password) = servers.user("PERSON");
    mailbox::connect_mailbox(&mut w.store, &UnusedVault, &w.clock, &connect_request(&servers, w.profile, &password))
        .expect("connect");
    let to_dpo = open(&mut w, "mailtest-kaspr");
    let refusing = open(&mut w, "mailtest-refuses");
    let by_form = open(&mut w, "mailtest-webform");

    let request = SendRequest { cases: vec![to_dpo, refusing, by_form], from: None, pace: Duration::ZERO };
    let mut seen = Vec::new();
    let outcomes = mailbox::send_letters(
        &mut w.store,
        &w.registry,
        &UnusedVault,
        &w.clock,
        &request,
        &mut |p| seen.push(format!("{p:?}")),
        &AtomicBool::new(false),
    )
    .expect("send");
    let result = |case| outcomes.iter().find(|o| o.case == case).map(|o| o.result.clone()).expect("an outcome");

    let SendResult::Sent { message_id, accepted } = result(to_dpo) else { panic!("{outcomes:?}") };
    assert!(accepted.starts_with("250"), "{accepted}");
    let case = w.store.case(to_dpo).expect("case");
    assert_eq!(case.status, CaseStatus::Sent);
    assert!(case.timeline.iter().any(|t| matches!(&t.event,
        CaseEvent::Sent { channel: Channel::Email, reference: Some(r), .. } if *r == message_id)));
    let proof = case.files.iter().find(|f| f.file_name.ends_with(".eml")).expect("the proof of sending");
    let kept = w.store.case_file_content(proof.id).expect("proof bytes");
    // The vendor's mailbox holds exactly what the case keeps (after the headers servers add).
    let delivered = servers.messages("DPO", "INBOX");
    assert_eq!(delivered.len(), 1);
    assert!(lf(&delivered[0]).ends_with(&lf(&kept)), "delivered bytes differ from the proof");
    let text = String::from_utf8_lossy(&kept);
    assert!(text.contains(&format!("Message-ID: {message_id}")) && !text.contains("X-Unsent"), "{text}");
    assert!(text.contains("From: ") && text.contains("person@redress.test"));
    // A copy is filed in the person's Sent folder.
    assert_eq!(servers.messages("PERSON", "Sent").len(), 1);

    let SendResult::Refused { says } = result(refusing) else { panic!("{outcomes:?}") };
    assert!(says.contains("550") || says.contains("5.1"), "the server's words: {says}");
    assert_eq!(w.store.case(refusing).expect("case").status, CaseStatus::Draft, "a refused letter marks nothing");
    assert!(matches!(result(by_form), SendResult::NotByEmail { web_form: Some(_) }));

    // Sending again sends nothing.
    let again = mailbox::send_letters(
        &mut w.store,
        &w.registry,
        &UnusedVault,
        &w.clock,
        &SendRequest { cases: vec![to_dpo], from: None, pace: Duration::ZERO },
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("send again");
    assert_eq!(again[0].result, SendResult::AlreadySent);
    assert_eq!(servers.messages("DPO", "INBOX").len(), 1, "nothing was sent twice");
    assert!(seen.iter().any(|s| s.contains("Sending")), "{seen:?}");
}

fn sync(w: &mut World) -> Vec<mail_sync::Matched> {
    let synced = mail_sync::sync_mail(
        &mut w.store,
        &w.registry,
        &UnusedVault,
        &w.clock,
        &SyncRequest::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("sync");
    assert_eq!(synced.len(), 1);
    synced.into_iter().next().map(|s| s.matched).unwrap_or_default()
}

fn message(from: &str, subject: &str, answers: Option<&str>, extra: &str, body: &str) -> Vec<u8> {
    let mut m = format!(
        "From: {from}\r\nTo: person@redress.test\r\nSubject: {subject}\r\nDate: Wed, 25 Nov 2026 09:00:00 +0100\r\nMessage-ID: <{:x}@sender.test>\r\n",
        subject.len() * 7919 + body.len()
    );
    if let Some(id) = answers {
        m.push_str(&format!("In-Reply-To: {id}\r\nReferences: {id}\r\n"));
    }
    m.push_str(extra);
    m.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
    m.push_str(body);
    m.push_str("\r\n");
    m.into_bytes()
}

#[test]
fn sync_files_answers_bounces_and_auto_replies_with_their_cases_and_nothing_else() {
    let servers = MailServers::start();
    let mut w = world();
    let (person, password) = servers.user("PERSON");
    mailbox::connect_mailbox(&mut w.store, &UnusedVault, &w.clock, &connect_request(&servers, w.profile, &password))
        .expect("connect");
    let kaspr = open(&mut w, "mailtest-kaspr");
    let gone = open(&mut w, "mailtest-gone");
    let lusha = open(&mut w, "mailtest-lusha");
    let outcomes = mailbox::send_letters(
        &mut w.store,
        &w.registry,
        &UnusedVault,
        &w.clock,
        &SendRequest { cases: vec![kaspr, gone], from: None, pace: Duration::ZERO },
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("send");
    let id_of = |case| match outcomes.iter().find(|o| o.case == case).map(|o| &o.result) {
        Some(SendResult::Sent { message_id, .. }) => message_id.clone(),
        other => panic!("{other:?}"),
    };
    let kaspr_id = id_of(kaspr);
    id_of(gone);
    // Lusha's letter went by post; its answer comes by e-mail, with nothing to thread it.
    cases::mark_sent(
        &mut w.store,
        &w.clock,
        lusha,
        cases::Sending {
            channel: Channel::RegisteredPost,
            on: None,
            received_on: Some(w.clock.0.date()),
            reference: None,
            proof: None,
        },
    )
    .expect("mark sent");

    // Postfix bounces the letter to gone@: wait for its report in the person's INBOX.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while servers.messages("PERSON", "INBOX").is_empty() {
        assert!(std::time::Instant::now() < deadline, "no failure report from Postfix");
        std::thread::sleep(Duration::from_millis(200));
    }
    let ack = message(
        "Kaspr DPO <dpo@kaspr.test>",
        "Accusé de réception",
        Some(&kaspr_id),
        "Auto-Submitted: auto-replied\r\n",
        "Nous avons bien reçu votre demande.",
    );
    let answer =
        message("Kaspr DPO <dpo@kaspr.test>", "Re: Demande d'accès", Some(&kaspr_id), "", "Voici vos données.");
    let from_lusha = message(
        "Lusha Privacy <privacy@lusha.test>",
        "Your request to Mailtest Lusha",
        None,
        "",
        "We hold no data about you.",
    );
    let newsletter = message("News <news@example.test>", "Our December offers", None, "", "Buy now.");
    let own = message(&person, "Re: Demande d'accès", Some(&kaspr_id), "", "A note to myself.");
    for m in [&ack, &answer, &from_lusha, &newsletter, &own] {
        servers.deliver("sender@example.test", &person, m);
    }

    let matched = sync(&mut w);
    let on_case =
        |case| matched.iter().filter(|m| m.case == case).map(|m| (m.by.clone(), m.arrival.clone())).collect::<Vec<_>>();
    assert_eq!(
        on_case(kaspr),
        vec![(MatchedBy::MessageId, Arrival::AutoReply { acknowledged: true }), (MatchedBy::MessageId, Arrival::Reply)]
    );
    let bounced = on_case(gone);
    assert!(
        matches!(bounced.as_slice(), [(MatchedBy::MessageId, Arrival::NotDelivered { reason, marked: true })] if reason.contains("5.1.1") && reason.contains("gone@vendor.test")),
        "{bounced:?}"
    );
    assert_eq!(on_case(lusha), vec![(MatchedBy::Sender, Arrival::Reply)]);
    assert_eq!(matched.len(), 4, "the newsletter and the person's own message are not imported: {matched:?}");

    let kaspr_case = w.store.case(kaspr).expect("case");
    assert_eq!(kaspr_case.status, CaseStatus::Acknowledged, "an automatic reply is no answer");
    assert_eq!(kaspr_case.files.iter().filter(|f| f.role == redress_store::FileRole::Reply).count(), 2);
    let gone_case = w.store.case(gone).expect("case");
    assert_eq!(gone_case.status, CaseStatus::NotDelivered);
    assert_eq!(gone_case.deadline, None, "no deadline runs for a letter that came back");
    assert_eq!(w.store.case(lusha).expect("case").status, CaseStatus::Sent, "the kind of answer is the person's call");

    // Read-only: nothing is marked read (Maildir flags after ":2,"), moved or deleted.
    let inbox = std::path::PathBuf::from(servers.get("MAILDIR_PERSON"));
    for sub in ["new", "cur"] {
        for f in std::fs::read_dir(inbox.join(sub)).into_iter().flatten().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            let flags = name.rsplit_once(":2,").map(|(_, f)| f.to_owned()).unwrap_or_default();
            assert!(!flags.contains('S') && !flags.contains('T'), "{name} was marked");
        }
    }
    assert_eq!(servers.messages("PERSON", "INBOX").len(), 6);

    // The next sync reads only what is new.
    assert_eq!(sync(&mut w), vec![]);
    let later = message("Kaspr DPO <dpo@kaspr.test>", "Re: Demande d'accès", Some(&kaspr_id), "", "Le complément.");
    servers.deliver("sender@example.test", &person, &later);
    let next = sync(&mut w);
    assert_eq!(next.len(), 1, "{next:?}");
    assert_eq!((next[0].case, next[0].arrival.clone()), (kaspr, Arrival::Reply));
    let status = mailbox::mail_status(&w.store).expect("status");
    assert!(status.folders.iter().any(|f| f.folder == "INBOX" && f.last_uid == Some(7)), "{:?}", status.folders);
}

#[test]
fn a_letter_caught_mid_send_is_looked_up_in_sent_and_never_sent_twice() {
    let servers = MailServers::start();
    let mut w = world();
    let (_, password) = servers.user("PERSON");
    let account = mailbox::connect_mailbox(
        &mut w.store,
        &UnusedVault,
        &w.clock,
        &connect_request(&servers, w.profile, &password),
    )
    .expect("connect")
    .account;
    let went_out = open(&mut w, "mailtest-kaspr");
    let never_left = open(&mut w, "mailtest-kaspr");
    // Queued, then cancelled before its turn: nothing sent yet.
    let send = |w: &mut World, cancel: bool| {
        mailbox::send_letters(
            &mut w.store,
            &w.registry,
            &UnusedVault,
            &w.clock,
            &SendRequest { cases: vec![went_out, never_left], from: None, pace: Duration::ZERO },
            &mut |_| {},
            &AtomicBool::new(cancel),
        )
        .expect("send")
    };
    let waiting = send(&mut w, true);
    assert!(waiting.iter().all(|o| matches!(o.result, SendResult::Waiting { .. })), "{waiting:?}");
    assert!(servers.messages("DPO", "INBOX").is_empty());

    // A crash after the server took the first letter and its copy was filed, before Redress
    // recorded it; the second was being handed over when the crash came, and never arrived.
    let entries = w.store.outbox().expect("outbox");
    let first = entries.iter().find(|e| e.case_id == went_out).expect("queued");
    let second = entries.iter().find(|e| e.case_id == never_left).expect("queued");
    let bytes = w.store.outbox_message(first.id).expect("bytes");
    let server =
        |r: &ServerRecord| redress_online::MailServer { host: r.host.clone(), port: r.port, security: r.security };
    let login = redress_online::Login::new(account.login.clone(), zeroize::Zeroizing::new(password.clone()));
    let trust = redress_online::Trust { extra_ca_pem: Some(servers.ca_pem()) };
    redress_online::submit(
        &server(&account.smtp),
        &login,
        &trust,
        &first.sender,
        std::slice::from_ref(&first.recipient),
        &bytes,
    )
    .expect("the server takes it");
    redress_online::append(&server(&account.imap), &login, &trust, "Sent", &bytes).expect("copy filed");
    w.store.outbox_sending(first.id, w.clock.0.timestamp()).expect("sending");
    w.store.outbox_sending(second.id, w.clock.0.timestamp()).expect("sending");

    let resumed = send(&mut w, false);
    let result = |case| resumed.iter().find(|o| o.case == case).map(|o| o.result.clone()).expect("an outcome");
    assert_eq!(result(went_out), SendResult::FoundInSent { message_id: first.message_id.clone() });
    assert!(matches!(result(never_left), SendResult::Sent { .. }), "{resumed:?}");
    let delivered = servers.messages("DPO", "INBOX");
    assert_eq!(delivered.len(), 2, "each letter arrived exactly once");
    for entry in [first, second] {
        let with_id = delivered.iter().filter(|m| String::from_utf8_lossy(m).contains(&entry.message_id)).count();
        assert_eq!(with_id, 1, "{}", entry.message_id);
    }
    for case in [went_out, never_left] {
        assert_eq!(w.store.case(case).expect("case").status, CaseStatus::Sent);
    }
}

/// What a scan found, comparable between a mailbox file and IMAP: per tool, its messages.
fn found(summary: &redress_mail::ScanSummary) -> Vec<(String, usize)> {
    let mut tools: Vec<(String, usize)> = summary.tools.iter().map(|t| (t.tool.clone(), t.messages)).collect();
    tools.sort();
    tools
}

#[test]
fn the_imap_scan_finds_what_the_file_scan_finds_and_reads_only_new_mail_next_time() {
    let servers = MailServers::start();
    let mut w = world();
    let (person, password) = servers.user("PERSON");
    mailbox::connect_mailbox(&mut w.store, &UnusedVault, &w.clock, &connect_request(&servers, w.profile, &password))
        .expect("connect");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../redress-mail/tests/fixtures/mail");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures).expect("fixtures").flatten().map(|e| e.path()).collect();
    names.sort();
    for path in &names {
        servers.deliver("sender@example.test", &person, &std::fs::read(path).expect("fixture"));
    }
    let from_files = discovery::scan_mail(
        &w.registry,
        &ScanRequest { paths: vec![fixtures.clone()], own_addresses: vec![person.clone()], ..ScanRequest::default() },
        &|_| {},
        |_| {},
    )
    .expect("file scan");
    assert!(!from_files.summary.tools.is_empty(), "the fixtures show tools");

    let request = ImapScanRequest { profile: w.profile, ..ImapScanRequest::default() };
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |p: &imap_scan::ImapScanProgress| seen.lock().expect("lock").push(format!("{p:?}"));
    let first = imap_scan::scan_imap(
        &mut w.store,
        &w.registry,
        &UnusedVault,
        &w.clock,
        &request,
        &progress,
        &AtomicBool::new(false),
        |_| {},
    )
    .expect("imap scan");
    assert_eq!(first.this_run.messages, names.len());
    assert_eq!(found(&first.scan.summary), found(&from_files.summary), "IMAP and the files find the same");
    let companies =
        |s: &redress_mail::ScanSummary| s.companies.iter().map(|c| (c.domain.clone(), c.messages)).collect::<Vec<_>>();
    assert_eq!(companies(&first.scan.summary), companies(&from_files.summary));
    assert!(first.folders.iter().any(|f| f.folder == "INBOX" && f.messages == names.len()), "{:?}", first.folders);
    assert!(
        seen.lock().expect("lock").iter().any(|p| p.contains("Folders") && p.contains("Sent")),
        "every folder is listed"
    );

    // One more message: the next scan reads only it, and the board counts the mailbox once.
    let kaspr = names.iter().find(|p| p.to_string_lossy().contains("kaspr")).expect("a kaspr fixture");
    let again = String::from_utf8(std::fs::read(kaspr).expect("fixture")).expect("utf-8").replacen(
        "Message-ID: <",
        "Message-ID: <again-",
        1,
    );
    servers.deliver("sender@example.test", &person, again.as_bytes());
    let second = imap_scan::scan_imap(
        &mut w.store,
        &w.registry,
        &UnusedVault,
        &w.clock,
        &request,
        &|_| {},
        &AtomicBool::new(false),
        |_| {},
    )
    .expect("second scan");
    assert_eq!(second.this_run.messages, 1, "only the new message is read");
    assert_eq!(second.scan.summary.messages, names.len() + 1);
    let tool_of =
        |s: &redress_mail::ScanSummary, t: &str| s.tools.iter().find(|x| x.tool == t).map_or(0, |x| x.messages);
    let kaspr_tool = second.this_run.tools.first().expect("the new message names a tool").tool.clone();
    assert_eq!(tool_of(&second.scan.summary, &kaspr_tool), tool_of(&first.scan.summary, &kaspr_tool) + 1);
    let scans = w.store.mail_scans(w.profile).expect("scans");
    assert!(scans.iter().all(|s| s.label == format!("IMAP {person}")));

    // Read-only: nothing is marked read.
    let inbox = std::path::PathBuf::from(servers.get("MAILDIR_PERSON"));
    for f in std::fs::read_dir(inbox.join("cur")).into_iter().flatten().flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        assert!(!name.rsplit_once(":2,").is_some_and(|(_, flags)| flags.contains('S')), "{name} was marked read");
    }
}
