//! The complaint dossier: grievances follow the recorded facts, never more; the French report
//! and the CNIL form texts carry the dates, deadlines, articles and decisions.

use jiff::civil::date;
use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, RequestKind, replay};
use redress_core::deadline::Calendar;
use redress_core::dossier::{DossierCase, DossierInput, ExhibitEntry, compose_fr, form_text_fr, grievances};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_core::report::ReportBlock;

fn zoe() -> ProfileInput {
    ProfileInput {
        name: "Zoé Martin".into(),
        address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
        emails: vec!["zoe.martin@example.fr".into()],
        lang: Lang::Fr,
        ..Default::default()
    }
}

fn case(id: i64, kind: RequestKind, events: Vec<CaseEvent>, missing: Vec<AccessItem>) -> DossierCase {
    let calendar = Calendar::for_country("FR").expect("FR");
    let (status, deadline) = replay(&events, &calendar).expect("legal timeline");
    DossierCase { id, kind, status, timeline: events, deadline, missing }
}

fn sent(on: jiff::civil::Date) -> CaseEvent {
    CaseEvent::Sent { channel: Channel::Email, on, received_on: None, reference: Some("<req@example.fr>".into()) }
}

fn text_of(blocks: &[ReportBlock]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            ReportBlock::Paragraph { text } | ReportBlock::Item { text } | ReportBlock::Subheading { text } => {
                text.clone()
            }
            ReportBlock::Fields { rows } => {
                rows.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")
            }
            ReportBlock::Table { rows, .. } => rows.iter().map(|r| r.join(" | ")).collect::<Vec<_>>().join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_incomplete_answer_and_an_ignored_objection_make_a_complaint() {
    let registry = Registry::builtin().expect("registry");
    let kaspr = registry.vendor("kaspr").expect("kaspr");
    let cnil = registry.authority("frcnil").expect("cnil");
    let person = zoe();
    let access = case(
        1,
        RequestKind::Access,
        vec![sent(date(2025, 3, 5)), CaseEvent::Answered { kind: AnswerKind::Incomplete, on: date(2025, 4, 1) }],
        vec![AccessItem::Recipients, AccessItem::Source],
    );
    let objection = case(
        2,
        RequestKind::Objection,
        vec![
            sent(date(2025, 3, 5)),
            CaseEvent::MarkedOverdue { on: date(2025, 4, 8) },
            CaseEvent::Reminded { on: date(2025, 4, 20) },
        ],
        vec![],
    );
    assert_eq!(objection.status, CaseStatus::Reminded);
    let input = DossierInput {
        complainant: &person,
        agent: None,
        vendor: kaspr,
        authority: cnil,
        cases: vec![access, objection],
        exhibits: vec![
            ExhibitEntry {
                number: 1,
                title: "Demande d'accès du 5 mars 2025".into(),
                case_id: Some(1),
                dated: Some(date(2025, 3, 5)),
            },
            ExhibitEntry {
                number: 2,
                title: "Réponse du 1er avril 2025".into(),
                case_id: Some(1),
                dated: Some(date(2025, 4, 1)),
            },
        ],
        never_informed: false,
        observations: vec![],
        date: date(2025, 6, 2),
    };

    let found = grievances(&input);
    let titles: Vec<&str> = found.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Absence de réponse dans le délai d'un mois",
            "Réponse incomplète à ma demande d'accès",
            "Opposition à la prospection restée sans effet confirmé",
        ],
        "the access answer came in time; the objection never got one; Art. 14 is not assumed"
    );
    let late = &found[0];
    assert!(late.facts[0].contains("expirait le 7 avril 2025"), "{:?}", late.facts);
    assert!(late.facts.iter().any(|f| f.contains("relance le 20 avril 2025")));
    let incomplete = &found[1];
    assert!(incomplete.facts.iter().any(|f| f.contains("art. 15, § 1, g)")));
    assert!(incomplete.precedents.iter().any(|p| p.contains("SAN-2024-020") && p.contains("240 000 euros")));
    assert!(incomplete.precedents.iter().any(|p| p.contains("C-154/21")));

    let report = compose_fr(&input);
    assert_eq!(report.title, "Plainte auprès de la CNIL");
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Résumé", "Les parties", "Chronologie", "Manquements constatés", "Demandes", "Liste des pièces", "Signature"]
    );
    let all: String = report.sections.iter().map(|s| text_of(&s.blocks)).collect::<Vec<_>>().join("\n");
    for expected in [
        "Je soussigné(e) Zoé Martin dépose plainte contre la société KASPR SAS (SIREN 843 898 396)",
        "Raison sociale: KASPR SAS",
        "7 avril 2025 | Fin du délai de réponse (lundi 7 avril 2025) (dossier n° 2)",
        "5 mars 2025 | Envoi de ma demande d'accès (article 15 du RGPD) par courrier électronique (dossier n° 1) | réf. <req@example.fr> | pièce n° 1",
        "5 mars 2025 | Envoi de mon opposition (article 21 du RGPD)",
        "1er avril 2025 | Réponse incomplète de la société (dossier n° 1) |  | pièce n° 2",
        "enjoindre à la société de répondre de manière complète à ma demande d'accès",
        "article 77, paragraphe 2, du RGPD",
    ] {
        assert!(all.contains(expected), "{expected:?} missing from:\n{all}");
    }

    let form = form_text_fr(&input, "plainte-kaspr.pdf");
    assert!(form.contains("== Organisme concerné ==\nKASPR SAS\nSIREN : 843 898 396"), "{form}");
    assert!(form.contains("- Pièce n° 2 : Réponse du 1er avril 2025"));
    assert!(form.contains("3 Place de Fontenoy"), "the CNIL's postal address comes from the registry: {form}");
}

#[test]
fn nothing_is_alleged_before_the_deadline_or_after_a_complete_answer() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    let input = |cases| DossierInput {
        complainant: &person,
        agent: None,
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: registry.authority("frcnil").expect("cnil"),
        cases,
        exhibits: vec![],
        never_informed: false,
        observations: vec![],
        date: date(2025, 3, 20),
    };
    let waiting = case(1, RequestKind::Combined, vec![sent(date(2025, 3, 5))], vec![]);
    let found = grievances(&input(vec![waiting]));
    assert!(found.iter().all(|g| !g.title.contains("délai")), "the deadline (7 April) has not passed: {found:?}");
    let complete = case(
        1,
        RequestKind::Combined,
        vec![sent(date(2025, 3, 5)), CaseEvent::Answered { kind: AnswerKind::Complete, on: date(2025, 3, 18) }],
        vec![],
    );
    assert!(grievances(&input(vec![complete])).is_empty());
    let mut stated = input(vec![]);
    stated.never_informed = true;
    assert_eq!(grievances(&stated)[0].article, "Articles 12, 14 et 21, paragraphe 4, du RGPD");
}
