//! The exposure board: each kind of fact gives the status and reason it should, the strongest
//! fact wins, and the request action picks the right vendors.

use jiff::civil::date;
use redress_core::breach::BreachCatalogue;
use redress_core::case::{AnswerKind, RequestKind};
use redress_core::exposure::{
    BreachHit, CaseAnswer, Exposure, ExposureFacts, MailEvidence, SelfCheck, SelfCheckOutcome, exposure_board,
    request_targets,
};
use redress_core::registry::Registry;
use redress_core::tool::{Confidence, ToolKind};

fn mail(vendor: &str, kind: ToolKind, confidence: Confidence) -> MailEvidence {
    MailEvidence {
        vendor: vendor.into(),
        tool_name: vendor.into(),
        kind,
        confidence,
        messages: 3,
        last_date: Some(date(2026, 3, 2)),
    }
}

fn answer(vendor: &str, request: RequestKind, answer: AnswerKind) -> CaseAnswer {
    CaseAnswer { vendor: vendor.into(), case_id: 7, request, answer, on: date(2026, 4, 1) }
}

fn self_check(vendor: &str, outcome: SelfCheckOutcome) -> SelfCheck {
    SelfCheck {
        vendor: vendor.into(),
        on: date(2026, 5, 1),
        outcome,
        note: Some("searched by e-mail".into()),
        screenshot: None,
    }
}

fn hit(breach: &str) -> BreachHit {
    BreachHit { breach: breach.into(), email: "camille@example.org".into(), checked_on: date(2026, 6, 1) }
}

#[test]
fn each_fact_gives_its_status_and_says_why() {
    let registry = Registry::builtin().expect("registry");
    let catalogue = BreachCatalogue::builtin().expect("catalogue");
    let cases: Vec<(&str, ExposureFacts, &str, Exposure, &str)> = vec![
        ("nothing known", ExposureFacts::default(), "kaspr", Exposure::Unknown, ""),
        (
            "vendor e-mailed",
            ExposureFacts {
                mail: vec![mail("kaspr", ToolKind::ContactDataVendor, Confidence::High)],
                ..Default::default()
            },
            "kaspr",
            Exposure::Confirmed,
            "e-mailed you (3 message(s), last on 2026-03-02)",
        ),
        (
            "only linked",
            ExposureFacts {
                mail: vec![mail("zoominfo", ToolKind::ContactDataVendor, Confidence::Low)],
                ..Default::default()
            },
            "zoominfo",
            Exposure::Unknown,
            "only link to",
        ),
        (
            "its tool was used",
            ExposureFacts {
                mail: vec![mail("lemlist", ToolKind::SalesEngagement, Confidence::High)],
                ..Default::default()
            },
            "lemlist",
            Exposure::Likely,
            "the vendor's own tool",
        ),
        (
            "answered with data",
            ExposureFacts {
                answers: vec![answer("lusha", RequestKind::Access, AnswerKind::Incomplete)],
                ..Default::default()
            },
            "lusha",
            Exposure::Confirmed,
            "answered your request with data (case 7, 2026-04-01)",
        ),
        (
            "no data held",
            ExposureFacts {
                answers: vec![answer("lusha", RequestKind::Access, AnswerKind::NoDataHeld)],
                ..Default::default()
            },
            "lusha",
            Exposure::NotHeld,
            "holds no data",
        ),
        (
            "erasure confirmed",
            ExposureFacts {
                answers: vec![answer("cognism", RequestKind::Combined, AnswerKind::Complete)],
                ..Default::default()
            },
            "cognism",
            Exposure::Erased,
            "asked for erasure",
        ),
        (
            "vendor breach",
            ExposureFacts { breaches: vec![hit("Apollo")], ..Default::default() },
            "apollo",
            Exposure::Confirmed,
            "in the Apollo breach of Apollo.io (2018-07-23)",
        ),
        (
            "self-check found",
            ExposureFacts { self_checks: vec![self_check("kaspr", SelfCheckOutcome::Found)], ..Default::default() },
            "kaspr",
            Exposure::Confirmed,
            "“searched by e-mail”",
        ),
        (
            "self-check empty",
            ExposureFacts { self_checks: vec![self_check("kaspr", SelfCheckOutcome::NotFound)], ..Default::default() },
            "kaspr",
            Exposure::NotHeld,
            "showed nothing",
        ),
        // Erased, then it e-mailed again: what happened last counts.
        (
            "erased then mailed again",
            ExposureFacts {
                answers: vec![answer("kaspr", RequestKind::Erasure, AnswerKind::Complete)],
                mail: vec![MailEvidence {
                    last_date: Some(date(2026, 9, 1)),
                    ..mail("kaspr", ToolKind::ContactDataVendor, Confidence::High)
                }],
                ..Default::default()
            },
            "kaspr",
            Exposure::Confirmed,
            "asked for erasure",
        ),
        // Erased after the last e-mail: erased.
        (
            "mailed then erased",
            ExposureFacts {
                answers: vec![answer("kaspr", RequestKind::Erasure, AnswerKind::Complete)],
                mail: vec![mail("kaspr", ToolKind::ContactDataVendor, Confidence::High)],
                ..Default::default()
            },
            "kaspr",
            Exposure::Erased,
            "e-mailed you",
        ),
        // A contradiction: the vendor said "no data" but e-mailed the person. Confirmed wins, both shown.
        (
            "contradiction",
            ExposureFacts {
                answers: vec![answer("kaspr", RequestKind::Access, AnswerKind::NoDataHeld)],
                mail: vec![mail("kaspr", ToolKind::ContactDataVendor, Confidence::High)],
                ..Default::default()
            },
            "kaspr",
            Exposure::Confirmed,
            "holds no data",
        ),
    ];
    for (name, facts, vendor, status, reason) in cases {
        let board = exposure_board(&registry, &catalogue, &facts);
        assert_eq!(board.len(), registry.vendors().len(), "{name}: every vendor has a row");
        let row = board.iter().find(|r| r.vendor == vendor).expect("vendor row");
        assert_eq!(row.status, status, "{name}: {:?}", row.reasons);
        assert!(row.reasons.join(" ").contains(reason), "{name}: {:?}", row.reasons);
    }
}

#[test]
fn a_linkedin_scrape_makes_vendors_that_collect_from_linkedin_likely() {
    let registry = Registry::builtin().expect("registry");
    let catalogue = BreachCatalogue::builtin().expect("catalogue");
    let board = exposure_board(
        &registry,
        &catalogue,
        &ExposureFacts { breaches: vec![hit("LinkedInScrape")], ..Default::default() },
    );
    let likely: Vec<&str> = board.iter().filter(|r| r.status == Exposure::Likely).map(|r| r.vendor.as_str()).collect();
    assert!(!likely.is_empty());
    for id in &likely {
        let v = registry.vendor(id).expect("vendor");
        assert!(v.stated_data_sources.iter().any(|s| s.to_lowercase().contains("linkedin")), "{id}");
    }
    // An unrelated breach name changes nothing.
    let board =
        exposure_board(&registry, &catalogue, &ExposureFacts { breaches: vec![hit("Adobe")], ..Default::default() });
    assert!(board.iter().all(|r| r.status == Exposure::Unknown));
}

#[test]
fn the_board_puts_action_first_and_the_request_action_skips_vendors_already_asked() {
    let registry = Registry::builtin().expect("registry");
    let catalogue = BreachCatalogue::builtin().expect("catalogue");
    let facts = ExposureFacts {
        mail: vec![
            mail("kaspr", ToolKind::ContactDataVendor, Confidence::High),
            mail("lemlist", ToolKind::SalesEngagement, Confidence::High),
        ],
        answers: vec![answer("lusha", RequestKind::Access, AnswerKind::NoDataHeld)],
        open_cases: vec![("lusha".into(), 7), ("lemlist".into(), 8)],
        ..Default::default()
    };
    let board = exposure_board(&registry, &catalogue, &facts);
    assert_eq!(board[0].vendor, "kaspr");
    assert_eq!(board[1].vendor, "lemlist");
    assert_eq!(board.last().map(|r| r.status), Some(Exposure::NotHeld));
    let targets = request_targets(&board);
    assert!(!targets.contains(&"kaspr".to_owned()), "confirmed vendors have their own action");
    assert!(!targets.contains(&"lemlist".to_owned()), "a request is under way");
    assert!(!targets.contains(&"lusha".to_owned()));
    assert!(targets.contains(&"zoominfo".to_owned()));
    assert_eq!(targets.len(), registry.vendors().len() - 3);
    assert_eq!(
        board.iter().find(|r| r.vendor == "apollo").map(|r| r.vendor_breaches.clone()),
        Some(vec!["Apollo".to_owned()])
    );
}
