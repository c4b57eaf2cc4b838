//! The use cases refuse dates outside 1900-01-01 ..= 2199-12-31 before they read or write
//! anything, naming the field, so the app's forms are answered as the CLI's flags are.

use jiff::civil::{Date, date};
use redress_core::case::EventKind;
use redress_core::case::{AnswerKind, CaseStatus, Channel, RequestKind};
use redress_core::identity::ProfileInput;
use redress_core::letter::ContactEvent;
use redress_core::letter::LetterKind;
use redress_core::registry::Registry;
use redress_store::{NewKey, NoKeyring, Passphrase, Store};
use redress_usecases::cases::{
    EventRecord, IncomingReply, OpenCase, Sending, import_reply, mark_sent, open_case, record,
};
use redress_usecases::letters::{LetterRequest, PersonRef, Recipients, compose_letters};
use redress_usecases::{Clock, Error, FixedClock, Refusal};

const RANGE: &str = "is out of range: Redress accepts dates from 1900-01-01 to 2199-12-31";

fn clock() -> FixedClock {
    FixedClock("2026-11-25T10:00[Europe/Paris]".parse().expect("zoned"))
}

/// `Ok(())`, or the field and message of a date refusal; any other error fails the test.
fn refusal(result: Result<(), Error>) -> Result<(), (&'static str, String)> {
    match result {
        Ok(()) => Ok(()),
        Err(Error::Refused(Refusal::DateNotAccepted { field, reason })) => {
            let message = Error::Refused(Refusal::DateNotAccepted { field, reason }).to_string();
            Err((field, message))
        }
        Err(other) => panic!("not a date refusal: {other}"),
    }
}

fn check(what: &str, got: Result<(), (&'static str, String)>, want: Result<(), (&str, &str)>) {
    match (got, want) {
        (Ok(()), Ok(())) => {}
        (Err((field, message)), Err((want_field, want_date))) => {
            assert_eq!(field, want_field, "{what}");
            assert_eq!(message, format!("{want_field}: \"{want_date}\" {RANGE}"), "{what}");
        }
        (got, want) => panic!("{what}: got {got:?}, wanted {want:?}"),
    }
}

#[test]
fn letters_refuse_dates_out_of_range_and_name_the_field() {
    let registry = Registry::builtin().expect("registry");
    let person =
        ProfileInput { name: "Zoé Martin".into(), emails: vec!["zoe@example.fr".into()], ..Default::default() };
    let letter = |set: &dyn Fn(&mut LetterRequest)| {
        let mut request = LetterRequest::new(LetterKind::Reminder);
        request.person = Some(PersonRef::Given(Box::new(person.clone())));
        request.recipients = Recipients::Vendors(vec!["kaspr".into()]);
        request.reminder.sent_on = Some(date(2025, 3, 5));
        set(&mut request);
        compose_letters(None, &registry, &clock(), &request).map(|_| ())
    };
    type Set = fn(&mut LetterRequest, Date);
    let fields: [(&str, Set); 4] = [
        ("letter date", |r, d| r.date = Some(d)),
        ("sent on", |r, d| r.reminder.sent_on = Some(d)),
        ("due on", |r, d| r.reminder.due_on = Some(d)),
        ("answered on", |r, d| r.reminder.answered_on = Some(d)),
    ];
    let dates = [
        (date(1900, 1, 1), true),
        (date(2199, 12, 31), true),
        (date(1899, 12, 31), false),
        (date(2200, 1, 1), false),
        (date(9999, 12, 31), false),
        (Date::MIN, false),
    ];
    for (field, set) in fields {
        for (d, accepted) in dates {
            let text = d.to_string();
            let want = if accepted { Ok(()) } else { Err((field, text.as_str())) };
            check(&format!("{field} = {d}"), refusal(letter(&|r| set(r, d))), want);
        }
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    reply: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::create(
        &dir.path().join("s.db"),
        NewKey::Passphrase(Passphrase::new("use case dates".into())),
        &NoKeyring,
    )
    .expect("create");
    let reply = dir.path().join("reply.eml");
    std::fs::write(
        &reply,
        "From: privacy@kaspr.io\r\nTo: zoe@example.fr\r\nSubject: Re: your request\r\n\
         Date: Mon, 24 Mar 2025 10:00:00 +0100\r\nMessage-ID: <r1@kaspr.io>\r\n\r\nHere is your data.\r\n",
    )
    .expect("reply");
    Fixture { _dir: dir, store, reply }
}

/// Regression (issue 13): a sending dated 9999-12-31 was written, then every replay panicked.
/// The use case refuses it first; the case stays a draft and takes a good date afterwards.
#[test]
fn a_sending_out_of_range_is_refused_and_nothing_is_written() {
    let registry = Registry::builtin().expect("registry");
    // `_dir` is bound, not `_`: the folder lives until the test ends.
    let Fixture { _dir, mut store, reply } = fixture();
    let clock = clock();
    let profile = store.add_profile(ProfileInput { name: "Zoé".into(), ..Default::default() }, clock.timestamp());
    let profile = profile.expect("profile").id;
    let request = OpenCase { profile, vendor: "kaspr".into(), kind: RequestKind::Access, holiday_country: None };
    let case = open_case(&mut store, &registry, &clock, &request).expect("case").id;
    let sending = |on: Date, received_on: Option<Date>| Sending {
        channel: Channel::RegisteredPost,
        on: Some(on),
        received_on,
        reference: None,
        proof: None,
    };
    let refused = [
        (sending(date(9999, 12, 31), None), ("sent on", "9999-12-31")),
        (sending(date(1899, 12, 31), None), ("sent on", "1899-12-31")),
        (sending(date(2025, 3, 5), Some(date(2200, 1, 1))), ("received on", "2200-01-01")),
    ];
    for (s, want) in refused {
        let what = format!("{s:?}");
        check(&what, refusal(mark_sent(&mut store, &clock, case, s).map(|_| ())), Err(want));
        let now = store.case(case).expect("still readable");
        assert_eq!((now.status, now.timeline.len()), (CaseStatus::Draft, 0), "{what}: nothing written");
    }
    // The last day Redress counts in is in range, but after today (issue 17): refused too.
    let got = refusal(mark_sent(&mut store, &clock, case, sending(date(2199, 12, 31), None)).map(|_| ()));
    assert!(got.as_ref().is_err_and(|(f, m)| *f == "sent on" && m.contains("is after today")), "{got:?}");
    let sent = mark_sent(&mut store, &clock, case, sending(clock.today(), None)).expect("today");
    assert_eq!(sent.status, CaseStatus::Sent);

    // An answer dated out of range is refused before the reply is stored with the case.
    let incoming =
        IncomingReply { path: reply, case: Some(case), answer: Some(AnswerKind::Complete), on: Some(date(2200, 1, 1)) };
    let got = refusal(import_reply(&mut store, &registry, &clock, &incoming).map(|_| ()));
    check("answered on 2200-01-01", got, Err(("answered on", "2200-01-01")));
    let now = store.case(case).expect("case");
    assert_eq!((now.status, now.files.len()), (CaseStatus::Sent, 0), "neither the answer nor the file was kept");
}

/// Issue 17: events after today (the injected clock) or before the request was sent, and a
/// company's contact after today, were accepted. Each is refused, naming the field, and nothing
/// is written.
#[test]
fn an_event_dated_9999_12_31_for_a_2025_case_is_refused() {
    let registry = Registry::builtin().expect("registry");
    let Fixture { _dir, mut store, reply } = fixture();
    let clock = clock(); // 2026-11-25
    let profile = store.add_profile(ProfileInput { name: "Zoé".into(), ..Default::default() }, clock.timestamp());
    let profile = profile.expect("profile").id;
    let request = OpenCase { profile, vendor: "kaspr".into(), kind: RequestKind::Access, holiday_country: None };
    let case = open_case(&mut store, &registry, &clock, &request).expect("case").id;
    let sending = Sending {
        channel: Channel::Email,
        on: Some(date(2025, 3, 5)),
        received_on: None,
        reference: None,
        proof: None,
    };
    mark_sent(&mut store, &clock, case, sending).expect("sent in 2025");
    let event = |kind: EventKind, on: Date| EventRecord {
        on: Some(on),
        answer: Some(AnswerKind::Complete),
        ..EventRecord::new(kind)
    };
    // (event, the field and what its refusal says)
    let refused = [
        (event(EventKind::Closed, date(9999, 12, 31)), "on: \"9999-12-31\" is out of range"),
        (event(EventKind::Answered, date(2199, 12, 31)), "on: \"2199-12-31\" is after today (2026-11-25)"),
        (event(EventKind::Acknowledged, date(2026, 11, 26)), "on: \"2026-11-26\" is after today (2026-11-25)"),
        (
            event(EventKind::Acknowledged, date(2025, 3, 4)),
            "on: \"2025-03-04\" is before the request was sent (2025-03-05)",
        ),
        (event(EventKind::Closed, date(2024, 1, 1)), "on: \"2024-01-01\" is before the request was sent (2025-03-05)"),
    ];
    for (e, says) in refused {
        let what = format!("{e:?}");
        let err = record(&mut store, &clock, case, e).expect_err(&what).to_string();
        assert!(err.starts_with(says), "{what}: {err}");
        assert_eq!(store.case(case).expect("case").timeline.len(), 1, "{what}: nothing written");
    }
    // The day of the sending and today are fine.
    record(&mut store, &clock, case, event(EventKind::Acknowledged, date(2025, 3, 5))).expect("the day it was sent");
    // A reply's answer dated tomorrow is refused before the file is kept.
    let incoming = IncomingReply {
        path: reply,
        case: Some(case),
        answer: Some(AnswerKind::Complete),
        on: Some(date(2026, 11, 26)),
    };
    let err = import_reply(&mut store, &registry, &clock, &incoming).expect_err("tomorrow").to_string();
    assert!(err.starts_with("answered on: \"2026-11-26\" is after today"), "{err}");
    assert_eq!(store.case(case).expect("case").files.len(), 0);
    record(&mut store, &clock, case, event(EventKind::Closed, clock.today())).expect("today");

    // "contacted me in 9999": a source inquiry's contact date after today.
    let person =
        ProfileInput { name: "Zoé Martin".into(), emails: vec!["zoe@example.fr".into()], ..Default::default() };
    for (on, accepted) in [(date(2026, 11, 25), true), (date(2026, 11, 26), false), (date(2199, 12, 31), false)] {
        let mut request = LetterRequest::new(LetterKind::SourceInquiry);
        request.person = Some(PersonRef::Given(Box::new(person.clone())));
        request.recipients = Recipients::Vendors(vec!["kaspr".into()]);
        request.contact = Some(ContactEvent { date: Some(on), channel: Some("phone call".into()), by: None });
        let got = compose_letters(None, &registry, &clock, &request).map(|_| ());
        match (got, accepted) {
            (Ok(()), true) => {}
            (Err(e), false) => {
                assert!(e.to_string().starts_with(&format!("contacted on: \"{on}\" is after today")), "{e}")
            }
            (got, _) => panic!("contact on {on}: {got:?}"),
        }
    }
}
