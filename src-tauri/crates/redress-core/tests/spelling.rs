//! One spelling per value: `code()`, serde, `FromStr` and the error listing the valid values
//! agree for every value the front ends exchange, and the older `snake_case` spellings that
//! stores and case bundles hold are still read.

use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, EventKind, ItemState, RequestKind};
use redress_core::exposure::{Exposure, SelfCheckOutcome};
use redress_core::identity::Lang;
use redress_core::letter::{AccessItem, LetterFormat, LetterKind};
use redress_core::mail_provider::{AuthMethod, Protocol, Security};
use redress_core::spelling::Spelled;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// `snake_before`: serde wrote the value in `snake_case` before, so stores and bundles hold it.
fn check<T>(snake_before: bool)
where
    T: Spelled
        + Serialize
        + DeserializeOwned
        + std::str::FromStr<Err = redress_core::spelling::UnknownValue>
        + PartialEq
        + std::fmt::Debug,
{
    for &v in T::ALL {
        let code = v.code();
        assert_eq!(
            serde_json::to_value(v).expect("spelling"),
            serde_json::Value::String(code.into()),
            "{} {v:?}",
            T::WHAT
        );
        assert_eq!(code.parse::<T>().expect("spelling"), v);
        assert_eq!(
            format!(" {} ", code.to_uppercase()).parse::<T>().expect("spelling"),
            v,
            "blanks and case are ignored"
        );
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{code}: lower case, digits (oauth2) and -"
        );
        // What a store or a bundle written before the one-spelling rule holds.
        let old = code.replace('-', "_");
        if snake_before {
            assert_eq!(
                serde_json::from_value::<T>(serde_json::Value::String(old.clone())).expect("spelling"),
                v,
                "{old}"
            );
        }
        assert_eq!(old.parse::<T>().expect("spelling"), v);
    }
    let err = "no-such-value".parse::<T>().expect_err("no such value");
    let message = err.to_string();
    assert!(message.starts_with(&format!("\"no-such-value\" is not a {}: use ", T::WHAT)), "{message}");
    for code in T::codes() {
        assert!(message.contains(code), "{message} lists {code}");
    }
}

#[test]
fn every_value_has_one_spelling() {
    check::<RequestKind>(true);
    check::<Channel>(true);
    check::<AnswerKind>(true);
    check::<ItemState>(true);
    check::<Lang>(true);
    check::<LetterKind>(false);
    check::<LetterFormat>(false);
    check::<AccessItem>(false);
    check::<Exposure>(true);
    check::<SelfCheckOutcome>(true);
    check::<EventKind>(false);
    check::<Security>(false);
    check::<AuthMethod>(false);
    check::<Protocol>(false);
}

#[test]
fn errors_read_as_a_sentence() {
    let err = "email ".parse::<AnswerKind>().expect_err("no such value");
    assert_eq!(
        err.to_string(),
        "\"email \" is not a kind of answer: use complete, incomplete, no-data-held or refused"
    );
}

#[test]
fn events_and_statuses_are_spelled_the_same_and_read_the_old_way() {
    let on = jiff::civil::date(2026, 9, 1);
    let event = CaseEvent::MarkedOverdue { on };
    assert_eq!(serde_json::to_value(&event).expect("spelling")["event"], "marked-overdue");
    let old: CaseEvent = serde_json::from_str(r#"{"event": "marked_overdue", "on": "2026-09-01"}"#).expect("spelling");
    assert_eq!(old, event);
    let old: CaseEvent =
        serde_json::from_str(r#"{"event": "extension_announced", "on": "2026-09-01"}"#).expect("spelling");
    assert_eq!(old, CaseEvent::ExtensionAnnounced { on });
    let old: CaseEvent =
        serde_json::from_str(r#"{"event": "answered", "kind": "no_data_held", "on": "2026-09-01"}"#).expect("spelling");
    assert_eq!(old, CaseEvent::Answered { kind: AnswerKind::NoDataHeld, on });
    let sent: CaseEvent =
        serde_json::from_str(r#"{"event": "sent", "channel": "registered_post", "on": "2026-09-01", "received_on": null, "reference": null}"#)
            .expect("spelling");
    assert_eq!(serde_json::to_value(&sent).expect("spelling")["channel"], "registered-post");
    for event in [event, old, sent, CaseEvent::Closed { on, note: None }] {
        assert_eq!(serde_json::to_value(&event).expect("spelling")["event"], event.kind().code(), "kind() is the tag");
    }
    let status = serde_json::to_value(CaseStatus::Answered(AnswerKind::NoDataHeld)).expect("spelling");
    assert_eq!(status, serde_json::json!({"status": "answered", "answer": "no-data-held"}));
}
