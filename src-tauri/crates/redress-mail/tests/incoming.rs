//! Telling a failure report, an automatic reply and a written answer apart, on real and
//! derived messages (tests/fixtures/incoming/README.md says where each comes from).

use std::path::Path;

use redress_mail::{Incoming, classify};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incoming").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_kind_of_incoming_message_is_recognised() {
    let table: &[(&str, &str)] = &[
        ("postfix-bounce.eml", "failure"),
        ("headers-only-bounce.eml", "failure"),
        ("postfix-delayed.eml", "delayed"),
        ("auto-reply.eml", "auto-reply"),
        ("written-reply.eml", "written"),
    ];
    for (name, want) in table {
        let got = match classify(&fixture(name)) {
            Incoming::DeliveryFailure(_) => "failure",
            Incoming::DeliveryDelayed { .. } => "delayed",
            Incoming::AutoReply => "auto-reply",
            Incoming::Written => "written",
        };
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn a_failure_report_names_the_letter_the_recipient_and_the_servers_words() {
    for name in ["postfix-bounce.eml", "headers-only-bounce.eml"] {
        let Incoming::DeliveryFailure(failure) = classify(&fixture(name)) else { panic!("{name}: not a failure") };
        assert_eq!(failure.original_message_id.as_deref(), Some("<abc123def@redress.test>"), "{name}");
        assert_eq!(failure.recipients.len(), 1, "{name}");
        let r = &failure.recipients[0];
        assert_eq!(r.address, "gone@vendor.test");
        assert_eq!(r.status, "5.1.1");
        assert_eq!(r.diagnostic.as_deref(), Some("550 5.1.1 <gone@vendor.test> User doesn't exist: gone@vendor.test"));
        assert_eq!(
            failure.reason(),
            "gone@vendor.test: 5.1.1 (550 5.1.1 <gone@vendor.test> User doesn't exist: gone@vendor.test)"
        );
    }
    let Incoming::DeliveryDelayed { original_message_id } = classify(&fixture("postfix-delayed.eml")) else {
        panic!("not a delay")
    };
    assert_eq!(original_message_id.as_deref(), Some("<abc123def@redress.test>"));
}

#[test]
fn what_is_not_a_message_is_read_as_written_and_left_to_the_reply_reader() {
    assert_eq!(classify(b""), Incoming::Written);
    assert_eq!(classify(b"%PDF-1.7\n"), Incoming::Written);
    // A report-looking message whose status part is missing is not taken for a failure.
    let broken = b"From: x@y.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n";
    assert_eq!(classify(broken), Incoming::Written);
}
