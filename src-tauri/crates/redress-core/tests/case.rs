//! The case lifecycle: legal transitions, illegal ones refused with a clear error, deadlines
//! that follow the timeline.

use jiff::civil::{Date, date};
use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, apply, replay};
use redress_core::deadline::{Calendar, one_month};

fn fr() -> Calendar {
    Calendar::for_country("FR").expect("FR")
}

fn bounced(on: Date) -> CaseEvent {
    CaseEvent::NotDelivered { on, reason: "5.1.1 user unknown".into() }
}

fn sent(on: Date) -> CaseEvent {
    CaseEvent::Sent { channel: Channel::Email, on, received_on: None, reference: Some("<req-1@example.org>".into()) }
}

#[test]
fn the_usual_journeys() {
    let d = |m, day| date(2025, m, day);
    let journeys: Vec<(Vec<CaseEvent>, CaseStatus)> = vec![
        (vec![sent(d(3, 5))], CaseStatus::Sent),
        (vec![sent(d(3, 5)), CaseEvent::Acknowledged { on: d(3, 6) }], CaseStatus::Acknowledged),
        (
            vec![sent(d(3, 5)), CaseEvent::Answered { kind: AnswerKind::Complete, on: d(3, 20) }],
            CaseStatus::Answered(AnswerKind::Complete),
        ),
        (
            vec![
                sent(d(3, 5)),
                CaseEvent::MarkedOverdue { on: d(4, 8) },
                CaseEvent::Reminded { on: d(4, 9) },
                CaseEvent::Answered { kind: AnswerKind::Incomplete, on: d(4, 20) },
                CaseEvent::Escalated { on: d(5, 30) },
            ],
            CaseStatus::Escalated,
        ),
        (vec![sent(d(3, 5)), CaseEvent::Closed { on: d(3, 6), note: None }], CaseStatus::Closed),
        (vec![sent(d(3, 5)), bounced(d(3, 5))], CaseStatus::NotDelivered),
        // Sent again by post after the e-mail came back.
        (
            vec![
                sent(d(3, 5)),
                bounced(d(3, 6)),
                CaseEvent::Sent {
                    channel: Channel::RegisteredPost,
                    on: d(3, 7),
                    received_on: Some(d(3, 10)),
                    reference: None,
                },
            ],
            CaseStatus::Sent,
        ),
    ];
    for (events, expect) in journeys {
        let (status, _) = replay(&events, &fr()).expect("legal journey");
        assert_eq!(status, expect, "{events:?}");
    }
}

#[test]
fn illegal_transitions_are_refused_with_what_to_do() {
    let d = |m, day| date(2025, m, day);
    let cases: Vec<(Vec<CaseEvent>, &str)> = vec![
        (
            vec![CaseEvent::Answered { kind: AnswerKind::Complete, on: d(3, 1) }],
            "a case that is draft cannot be answered: it has not been sent yet: mark it sent first",
        ),
        (
            vec![sent(d(3, 5)), sent(d(3, 6))],
            "a case that is sent cannot be marked sent: it was already sent; record a reminder instead",
        ),
        (
            vec![sent(d(3, 5)), CaseEvent::MarkedOverdue { on: d(4, 7) }],
            "cannot be marked overdue: its deadline has not passed yet",
        ),
        (vec![sent(d(3, 5)), CaseEvent::ExtensionAnnounced { on: d(4, 8) }], "too late (Art. 12(3))"),
        (vec![sent(d(3, 5)), CaseEvent::Reminded { on: d(3, 10) }], "a reminder follows a missed deadline"),
        (
            vec![sent(d(3, 5)), CaseEvent::Closed { on: d(3, 6), note: None }, CaseEvent::Reminded { on: d(3, 7) }],
            "it is closed",
        ),
        (
            vec![CaseEvent::Sent {
                channel: Channel::RegisteredPost,
                on: d(3, 5),
                received_on: Some(d(3, 1)),
                reference: None,
            }],
            "it cannot be received before it was sent",
        ),
        (
            vec![
                sent(d(3, 5)),
                CaseEvent::Answered { kind: AnswerKind::NoDataHeld, on: d(3, 9) },
                CaseEvent::Answered { kind: AnswerKind::Refused, on: d(3, 10) },
            ],
            "already has a complete answer",
        ),
        (vec![bounced(d(3, 5))], "a case that is draft cannot be marked not delivered: it has not been sent yet"),
        (
            vec![sent(d(3, 5)), CaseEvent::Acknowledged { on: d(3, 6) }, bounced(d(3, 7))],
            "already acknowledged or answered it, so it was delivered",
        ),
        (
            vec![sent(d(3, 5)), bounced(d(3, 6)), CaseEvent::MarkedOverdue { on: d(5, 1) }],
            "only a request still awaiting an answer can become overdue",
        ),
    ];
    for (events, expect) in cases {
        let err = replay(&events, &fr()).expect_err("illegal").to_string();
        assert!(err.contains(expect), "{events:?}: {err}");
    }
}

#[test]
fn the_deadline_follows_the_timeline() {
    // E-mail: received the day it is sent.
    let (_, dl) = replay(&[sent(date(2025, 3, 5))], &fr()).expect("ok");
    assert_eq!(dl.expect("deadline").due, date(2025, 4, 7));
    // Registered post: the delivery date on the receipt card counts.
    let post = CaseEvent::Sent {
        channel: Channel::RegisteredPost,
        on: date(2025, 3, 3),
        received_on: Some(date(2025, 3, 5)),
        reference: Some("1A 234 567 8901 2".into()),
    };
    let (_, dl) = replay(&[post], &fr()).expect("ok");
    assert_eq!(dl.expect("deadline").due, date(2025, 4, 7));
    // An extension announced in time moves the deadline to the later reading of three months.
    let events = [sent(date(2025, 1, 31)), CaseEvent::ExtensionAnnounced { on: date(2025, 2, 20) }];
    let (status, dl) = replay(&events, &fr()).expect("ok");
    assert_eq!(status, CaseStatus::Sent);
    assert_eq!(dl.expect("deadline").due, date(2025, 4, 30));
    // A letter that came back starts no deadline; sending it again starts one from then.
    let (_, dl) = replay(&[sent(date(2025, 3, 5)), bounced(date(2025, 3, 5))], &fr()).expect("ok");
    assert_eq!(dl, None);
    let again =
        CaseEvent::Sent { channel: Channel::WebForm, on: date(2025, 3, 10), received_on: None, reference: None };
    let (_, dl) = replay(&[sent(date(2025, 3, 5)), bounced(date(2025, 3, 5)), again], &fr()).expect("ok");
    assert_eq!(dl.expect("deadline").due, date(2025, 4, 10));
    // Overdue only the day after the due date.
    let deadline = one_month(date(2025, 3, 5), &fr()).expect("in range");
    assert!(apply(CaseStatus::Sent, &CaseEvent::MarkedOverdue { on: date(2025, 4, 7) }, Some(&deadline)).is_err());
    assert_eq!(
        apply(CaseStatus::Sent, &CaseEvent::MarkedOverdue { on: date(2025, 4, 8) }, Some(&deadline)).expect("late"),
        CaseStatus::Overdue
    );
}

/// Regression: `redress case sent 1 --on 9999-12-31` was recorded, then every replay of the
/// case panicked. `apply` refuses any event dated outside the accepted range, whichever date
/// of the event it is, before the state machine is asked.
#[test]
fn events_dated_out_of_range_are_refused() {
    let in_range = date(2025, 3, 5);
    let deadline = one_month(in_range, &fr()).expect("in range");
    let cases: Vec<(CaseStatus, CaseEvent)> = vec![
        (CaseStatus::Draft, sent(date(9999, 12, 31))),
        (CaseStatus::Draft, sent(date(1899, 12, 31))),
        (CaseStatus::Draft, sent(date(2200, 1, 1))),
        (
            CaseStatus::Draft,
            CaseEvent::Sent {
                channel: Channel::RegisteredPost,
                on: in_range,
                received_on: Some(date(9999, 12, 31)),
                reference: None,
            },
        ),
        (CaseStatus::Sent, CaseEvent::Acknowledged { on: Date::MAX }),
        (CaseStatus::Sent, CaseEvent::ExtensionAnnounced { on: date(1899, 12, 31) }),
        (CaseStatus::Sent, CaseEvent::Answered { kind: AnswerKind::Complete, on: date(2200, 1, 1) }),
        (CaseStatus::Sent, CaseEvent::MarkedOverdue { on: date(9999, 12, 31) }),
        (CaseStatus::Overdue, CaseEvent::Reminded { on: Date::MIN }),
        (CaseStatus::Overdue, CaseEvent::Escalated { on: date(2200, 1, 1) }),
        (CaseStatus::Sent, CaseEvent::Closed { on: date(1899, 12, 31), note: None }),
    ];
    for (from, event) in cases {
        let err = apply(from, &event, Some(&deadline)).expect_err("out of range");
        assert!(matches!(err, redress_core::Error::DateOutOfRange { .. }), "{event:?}: {err}");
        assert!(err.is_user_error());
        assert!(err.to_string().ends_with("Redress accepts dates from 1900-01-01 to 2199-12-31"), "{err}");
    }
    // The edges themselves are accepted.
    for on in [date(1900, 1, 1), date(2199, 12, 31)] {
        assert_eq!(apply(CaseStatus::Draft, &sent(on), None).expect("in range"), CaseStatus::Sent);
    }
}

/// A timeline that already holds such an event (written by an older Redress) replays to an
/// error, not a panic, wherever the event sits.
#[test]
fn replaying_a_timeline_with_an_out_of_range_event_fails_cleanly() {
    let timelines = [
        vec![sent(date(9999, 12, 31))],
        vec![sent(date(9999, 12, 15)), CaseEvent::ExtensionAnnounced { on: date(9999, 12, 20) }],
        vec![sent(date(2025, 3, 5)), CaseEvent::Answered { kind: AnswerKind::Refused, on: date(9999, 1, 1) }],
        vec![sent(date(1000, 1, 1))],
    ];
    for events in timelines {
        let err = replay(&events, &fr()).expect_err("out of range");
        assert!(err.to_string().contains("is out of range: Redress accepts dates from 1900-01-01"), "{err}");
    }
}

#[test]
fn receipt_defaults_by_channel() {
    let on = date(2025, 3, 5);
    assert_eq!(Channel::Email.default_receipt(on), Some(on));
    assert_eq!(Channel::WebForm.default_receipt(on), Some(on));
    assert_eq!(Channel::RegisteredPost.default_receipt(on), None);
}
