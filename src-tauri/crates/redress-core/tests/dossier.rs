//! The complaint dossier: grievances follow the recorded facts, never more; the report and the
//! form texts carry the dates, deadlines, articles and decisions, in French for the CNIL and in
//! English or German for other authorities, with nothing French left in those.

use jiff::civil::date;
use redress_core::case::{AnswerKind, CaseEvent, CaseStatus, Channel, RequestKind, replay};
use redress_core::deadline::Calendar;
use redress_core::dossier::{
    DossierCase, DossierInput, ExhibitEntry, compose, compose_fr, dossier_lang, form_text, form_text_fr, grievances,
    grievances_in,
};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::AccessItem;
use redress_core::registry::Registry;
use redress_core::report::{Report, ReportBlock};

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

    let found = grievances(&input).expect("the templates render");
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

    let report = compose_fr(&input).expect("the templates render");
    assert_eq!(report.title, "Plainte auprès de la CNIL");
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Résumé", "Les parties", "Chronologie", "Manquements allégués", "Demandes", "Liste des pièces", "Signature"]
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

    let form = form_text_fr(&input, "plainte-kaspr.pdf").expect("the templates render");
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
    let found = grievances(&input(vec![waiting])).expect("the templates render");
    assert!(found.iter().all(|g| !g.title.contains("délai")), "the deadline (7 April) has not passed: {found:?}");
    let complete = case(
        1,
        RequestKind::Combined,
        vec![sent(date(2025, 3, 5)), CaseEvent::Answered { kind: AnswerKind::Complete, on: date(2025, 3, 18) }],
        vec![],
    );
    assert!(grievances(&input(vec![complete])).expect("the templates render").is_empty());
    let mut stated = input(vec![]);
    stated.never_informed = true;
    assert_eq!(
        grievances(&stated).expect("the templates render")[0].article,
        "Articles 12, 14 et 21, paragraphe 4, du RGPD"
    );
}

/// The cases of the first test: an incomplete access answer (recipients and source missing) and
/// an objection that got no answer, then a reminder.
fn access_and_objection() -> Vec<DossierCase> {
    vec![
        case(
            1,
            RequestKind::Access,
            vec![sent(date(2025, 3, 5)), CaseEvent::Answered { kind: AnswerKind::Incomplete, on: date(2025, 4, 1) }],
            vec![AccessItem::Recipients, AccessItem::Source],
        ),
        case(
            2,
            RequestKind::Objection,
            vec![
                sent(date(2025, 3, 5)),
                CaseEvent::MarkedOverdue { on: date(2025, 4, 8) },
                CaseEvent::Reminded { on: date(2025, 4, 20) },
            ],
            vec![],
        ),
    ]
}

fn exhibits(first: &str, second: &str) -> Vec<ExhibitEntry> {
    vec![
        ExhibitEntry { number: 1, title: first.into(), case_id: Some(1), dated: Some(date(2025, 3, 5)) },
        ExhibitEntry { number: 2, title: second.into(), case_id: Some(1), dated: Some(date(2025, 4, 1)) },
    ]
}

/// Everything a reader sees: title, cover, section titles and text, the layout's words.
fn everything(report: &Report) -> String {
    let mut all = vec![report.title.clone(), report.cover_lines.join("\n")];
    for s in &report.sections {
        all.push(s.title.clone());
        all.push(text_of(&s.blocks));
    }
    all.extend([report.words.page.clone(), report.words.of.clone(), report.words.exhibit.clone()]);
    all.push(report.words.exhibit_unreadable.clone());
    all.join("\n")
}

/// French words that must not appear in an English or German dossier.
fn assert_no_french(text: &str) {
    for word in
        ["RGPD", "pièce", "Pièce", "délai", "dossier n°", "société", "Plainte", "plainte", "article 1", "CJUE", " : "]
    {
        assert!(!text.contains(word), "French {word:?} leaked into:\n{text}");
    }
}

#[test]
fn the_same_complaint_in_english_for_an_english_speaking_authority() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    let ireland = registry.authority("iedpc").expect("iedpc");
    assert_eq!(dossier_lang(ireland), Lang::En);
    let input = DossierInput {
        complainant: &person,
        agent: None,
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: ireland,
        cases: access_and_objection(),
        exhibits: exhibits("Access request of 5 March 2025", "Reply of 1 April 2025"),
        never_informed: false,
        observations: vec![],
        date: date(2025, 6, 2),
    };

    let found = grievances_in(&input, Lang::En).expect("the templates render");
    let titles: Vec<&str> = found.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "No reply within one month",
            "Incomplete reply to my access request",
            "Objection to direct marketing with no confirmation that it was acted on",
        ]
    );
    assert_eq!(found[0].article, "Article 12(3) and (4) GDPR");
    assert!(found[0].facts[0].contains("expired on 7 April 2025"), "{:?}", found[0].facts);
    assert!(found[0].facts.iter().any(|f| f.contains("reminder on 20 April 2025")));
    assert!(found[1].facts.iter().any(|f| f.contains("(Art. 15(1)(g) GDPR)")), "{:?}", found[1].facts);
    assert!(found[1].facts.iter().any(|f| f.contains("(Art. 15(1)(c) GDPR)")));
    assert!(found[1].precedents.iter().any(|p| p.starts_with(
        "CNIL restricted committee, deliberation SAN-2024-020 of 5 December 2024 (KASPR), fine of EUR 240,000: "
    )));
    assert!(found[1].precedents.iter().any(|p| p.starts_with("CJEU, 12 January 2023, C-154/21: ")));
    assert_eq!(found[2].article, "Article 21(2) and (3) GDPR");

    let report = compose(&input, Lang::En).expect("the templates render");
    assert_eq!(report.title, "Complaint to the Irish Data Protection Commission");
    assert_eq!(report.lang, "en");
    assert_eq!((report.words.page.as_str(), report.words.of.as_str()), ("Page", "of"));
    assert_eq!(report.words.exhibit, "Exhibit");
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Summary", "The parties", "Chronology", "Alleged infringements", "Requests", "List of exhibits", "Signature"]
    );
    let all = everything(&report);
    for expected in [
        "I, Zoé Martin, hereby lodge a complaint against KASPR SAS (SIREN 843 898 396)",
        "Its reply of 1 April 2025 is incomplete (2 items are missing).",
        "Legal name: KASPR SAS",
        "the day of receipt is not counted",
        "7 April 2025 | End of the period for a reply (Monday 7 April 2025) (case no. 2) | one month from receipt; \
         Article 12(3) GDPR; Regulation No 1182/71",
        "5 March 2025 | Sent my access request (Article 15 GDPR) by email (case no. 1) | ref. <req@example.fr> | Exhibit 1",
        "1 April 2025 | Incomplete reply from the company (case no. 1) |  | Exhibit 2",
        "I ask the supervisory authority to:",
        "investigate my complaint and, if the infringements are established, exercise the powers provided for in Article 58(2) GDPR;",
        "order the company to answer my access request in full",
        "order the company to stop all processing of my data for direct marketing purposes;",
        "keep me informed of the progress and outcome of my complaint (Article 77(2) GDPR).",
        "No. 2 | Reply of 1 April 2025",
        "I certify that the information above is accurate. Signed on 2 June 2025.",
    ] {
        assert!(all.contains(expected), "{expected:?} missing from:\n{all}");
    }
    assert_no_french(&all);

    let form = form_text(&input, Lang::En, "complaint-kaspr.pdf").expect("the templates render");
    assert!(form.starts_with("Texts for the supervisory authority's complaint form or letter\n"), "{form}");
    assert!(form.contains("== Organisation concerned ==\nKASPR SAS\nSIREN: 843 898 396"), "{form}");
    assert!(form.contains("== Steps taken with the organisation ==\n- 5 March 2025: Sent my access request"));
    assert!(form.contains("- Exhibit 2: Reply of 1 April 2025"));
    assert!(form.contains("== By post ==\nIrish Data Protection Commission\n21 Fitzwilliam Square South"), "{form}");
    assert!(!form.contains("cnil.fr"), "the CNIL's form is only for the French text: {form}");
    assert_no_french(&form);
}

#[test]
fn the_same_complaint_in_german_for_a_german_authority() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    let bfdi = registry.authority("debfdi").expect("debfdi");
    assert_eq!(dossier_lang(bfdi), Lang::De);
    let input = DossierInput {
        complainant: &person,
        agent: None,
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: bfdi,
        cases: access_and_objection(),
        exhibits: exhibits("Auskunftsersuchen vom 5. März 2025", "Antwort vom 1. April 2025"),
        never_informed: false,
        observations: vec!["Ich wurde mehrfach von Kunden des Unternehmens angerufen.".into()],
        date: date(2025, 6, 2),
    };

    let found = grievances_in(&input, Lang::De).expect("the templates render");
    let titles: Vec<&str> = found.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Keine Antwort innerhalb eines Monats",
            "Unvollständige Antwort auf mein Auskunftsersuchen",
            "Widerspruch gegen Direktwerbung ohne bestätigte Umsetzung",
        ]
    );
    assert_eq!(found[0].article, "Art. 12 Abs. 3 und 4 DSGVO");
    assert!(found[0].facts[0].contains("am 7. April 2025"), "{:?}", found[0].facts);
    assert!(found[0].facts.iter().any(|f| f.contains("Am 20. April 2025 habe ich das Unternehmen")));
    assert!(found[1].facts.iter().any(|f| f.contains("(Art. 15 Abs. 1 lit. g DSGVO)")), "{:?}", found[1].facts);
    assert!(found[1].facts.iter().any(|f| f.contains("(Art. 15 Abs. 1 lit. c DSGVO)")));
    assert!(found[1].precedents.iter().any(|p| {
        p.starts_with("Beschluss SAN-2024-020 der CNIL vom 5. Dezember 2024 (KASPR), Geldbuße von 240.000 Euro: ")
    }));
    assert!(found[1].precedents.iter().any(|p| p.starts_with("EuGH, Urteil vom 12. Januar 2023, C-154/21: ")));
    assert_eq!(found[2].article, "Art. 21 Abs. 2 und 3 DSGVO");

    let report = compose(&input, Lang::De).expect("the templates render");
    assert_eq!(report.title, "Beschwerde nach Art. 77 DSGVO");
    assert!(report.cover_lines.contains(
        &"Aufsichtsbehörde: Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit".to_owned()
    ));
    assert_eq!(report.lang, "de");
    assert_eq!((report.words.page.as_str(), report.words.of.as_str()), ("Seite", "von"));
    assert_eq!(report.words.exhibit, "Anlage");
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Zusammenfassung",
            "Beteiligte",
            "Zeitlicher Ablauf",
            "Geltend gemachte Verstöße",
            "Ergänzende Hinweise",
            "Anträge",
            "Anlagenverzeichnis",
            "Unterschrift"
        ]
    );
    let all = everything(&report);
    for expected in [
        "Hiermit lege ich, Zoé Martin, Beschwerde gegen KASPR SAS (SIREN 843 898 396) ein",
        "Die Antwort vom 1. April 2025 ist unvollständig (es fehlen 2 Angaben).",
        "Firma: KASPR SAS",
        "Der Tag des Eingangs wird nicht mitgerechnet",
        "7. April 2025 | Ende der Antwortfrist (Montag, 7. April 2025) (Vorgang Nr. 2) | ein Monat ab Eingang; \
         Art. 12 Abs. 3 DSGVO; Verordnung Nr. 1182/71",
        "5. März 2025 | Auskunftsersuchen (Art. 15 DSGVO) per E-Mail übermittelt (Vorgang Nr. 1) | \
         Referenz <req@example.fr> | Anlage 1",
        "1. April 2025 | Unvollständige Antwort des Unternehmens (Vorgang Nr. 1) |  | Anlage 2",
        "Ich bitte die Aufsichtsbehörde,",
        "meine Beschwerde zu untersuchen und, sofern sich die Verstöße bestätigen, von den Befugnissen nach Art. 58 Abs. 2 DSGVO Gebrauch zu machen;",
        "das Unternehmen anzuweisen, mein Auskunftsersuchen vollständig zu beantworten",
        "das Unternehmen anzuweisen, jede Verarbeitung meiner Daten zum Zwecke der Direktwerbung einzustellen;",
        "mich über den Stand und das Ergebnis meiner Beschwerde zu unterrichten (Art. 77 Abs. 2 DSGVO).",
        "Nr. 2 | Antwort vom 1. April 2025",
        "Ich wurde mehrfach von Kunden des Unternehmens angerufen.",
        "Erstellt am 2. Juni 2025.",
    ] {
        assert!(all.contains(expected), "{expected:?} missing from:\n{all}");
    }
    assert!(!all.contains("Article"), "German cites \"Art. … Abs. …\": {all}");
    assert_no_french(&all);

    let form = form_text(&input, Lang::De, "beschwerde-kaspr.pdf").expect("the templates render");
    assert!(form.contains("== Betroffenes Unternehmen ==\nKASPR SAS\nSIREN: 843 898 396"), "{form}");
    assert!(form.contains("- Anlage 2: Antwort vom 1. April 2025"));
    assert!(form.contains("== Per Post ==\nDie Bundesbeauftragte für den Datenschutz und die Informationsfreiheit\n"));
    assert!(form.contains("Graurheindorfer Str. 153"), "{form}");
    assert!(!form.contains("cnil.fr"), "{form}");
    assert_no_french(&form);
}

#[test]
fn a_refusal_an_agent_and_unstated_information_in_german_and_english() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    let agent = ProfileInput { name: "Verein Datenrecht e. V.".into(), ..Default::default() };
    let combined = case(
        3,
        RequestKind::Combined,
        vec![
            CaseEvent::Sent {
                channel: Channel::RegisteredPost,
                on: date(2025, 1, 27),
                received_on: Some(date(2025, 1, 31)),
                reference: Some("RR 1234 5678 9DE".into()),
            },
            CaseEvent::ExtensionAnnounced { on: date(2025, 2, 20) },
            CaseEvent::Answered { kind: AnswerKind::Refused, on: date(2025, 5, 12) },
        ],
        vec![],
    );
    let input = DossierInput {
        complainant: &person,
        agent: Some(&agent),
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: registry.authority("debaylda").expect("debaylda"),
        cases: vec![combined],
        exhibits: vec![],
        never_informed: true,
        observations: vec![],
        date: date(2025, 6, 2),
    };
    assert_eq!(dossier_lang(input.authority), Lang::De);

    let de = everything(&compose(&input, Lang::De).expect("the templates render"));
    for expected in [
        "30. April 2025 | Ende der Antwortfrist (Mittwoch, 30. April 2025) | verlängerte Frist;",
        "Art. 15, 21 und 17 DSGVO) per Einschreiben mit Rückschein übermittelt | zugegangen am 31. Januar 2025; \
         Referenz RR 1234 5678 9DE",
        "12. Mai 2025 | Das Unternehmen lehnt den Antrag ab | nach Fristablauf",
        "Verweigerung der Auskunft (Art. 12 und 15 DSGVO)",
        "EuGH, Urteil vom 26. Oktober 2023, C-307/22",
        "Löschung verlangt, aber nicht bestätigt (Art. 17 und 19 DSGVO)",
        "Keine Information der betroffenen Person (Art. 12, 14 und 21 Abs. 4 DSGVO)",
        "das Unternehmen anzuweisen, die Personen zu informieren, deren Daten es erhebt (Art. 14 DSGVO);",
        "Die von der betroffenen Person unterzeichnete Vollmacht ist beigefügt (Art. 80 Abs. 1 DSGVO).",
        "Verein Datenrecht e. V., im Namen von Zoé Martin",
        "Keine Anlagen.",
    ] {
        assert!(de.contains(expected), "{expected:?} missing from:\n{de}");
    }
    // The answer came after the extended deadline (30 April), which the grievance says.
    assert!(de.contains("Keine Antwort innerhalb der verlängerten Frist (Art. 12 Abs. 3 und 4 DSGVO)"), "{de}");
    assert!(de.contains("um zwei Monate verlängerte Antwortfrist endete daher"), "{de}");
    assert!(!de.contains("Monatsfrist"), "{de}");
    assert_no_french(&de);

    let en = everything(&compose(&input, Lang::En).expect("the templates render"));
    for expected in [
        "30 April 2025 | End of the period for a reply (Wednesday 30 April 2025) | extended period;",
        "by registered letter with acknowledgement of receipt | received on 31 January 2025",
        "Refusal to act on my access request (Articles 12 and 15 GDPR)",
        "CJEU, 26 October 2023, C-307/22",
        "No reply within the extended period (Article 12(3) and (4) GDPR)",
        "The company did not reply until 12 May 2025, after that period had expired.",
        "Erasure requested but not confirmed (Articles 17 and 19 GDPR)",
        "Failure to inform the data subject (Articles 12, 14 and 21(4) GDPR)",
        "order the company to inform the people whose data it collects (Article 14 GDPR);",
        "Verein Datenrecht e. V., on behalf of Zoé Martin",
        "No exhibits.",
    ] {
        assert!(en.contains(expected), "{expected:?} missing from:\n{en}");
    }
    assert_no_french(&en);
}

#[test]
fn the_french_functions_are_the_french_language() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    let cnil = registry.authority("frcnil").expect("cnil");
    assert_eq!(dossier_lang(cnil), Lang::Fr);
    let input = DossierInput {
        complainant: &person,
        agent: None,
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: cnil,
        cases: access_and_objection(),
        exhibits: exhibits("Demande d'accès du 5 mars 2025", "Réponse du 1er avril 2025"),
        never_informed: true,
        observations: vec![],
        date: date(2025, 6, 2),
    };
    assert_eq!(
        compose_fr(&input).expect("the templates render"),
        compose(&input, Lang::Fr).expect("the templates render")
    );
    assert_eq!(
        form_text_fr(&input, "p.pdf").expect("the templates render"),
        form_text(&input, Lang::Fr, "p.pdf").expect("the templates render")
    );
    assert_eq!(
        grievances(&input).expect("the templates render"),
        grievances_in(&input, Lang::Fr).expect("the templates render")
    );
    assert_eq!(compose(&input, Lang::Fr).expect("the templates render").lang, "fr");
    // The CNIL in English, if a user asks for it: still "the CNIL".
    assert_eq!(compose(&input, Lang::En).expect("the templates render").title, "Complaint to the CNIL");
    assert_eq!(compose(&input, Lang::De).expect("the templates render").title, "Beschwerde bei der CNIL");
}

#[test]
fn the_dossier_language_follows_the_authority() {
    let registry = Registry::builtin().expect("registry");
    let lang = |id: &str| dossier_lang(registry.authority(id).unwrap_or_else(|| panic!("{id} in the registry")));
    // The CNIL takes complaints in French only.
    assert_eq!(lang("frcnil"), Lang::Fr);
    // German federal and Land authorities, Austria: "de".
    for id in ["debfdi", "debaylda", "deberlbdi", "atdsb"] {
        assert_eq!(lang(id), Lang::De, "{id}");
    }
    // "en" listed, or a language Redress does not write (Italian): English.
    for id in ["iedpc", "mtidpc", "itgpdp"] {
        assert_eq!(lang(id), Lang::En, "{id}");
    }
    // No languages in the registry: a German-only country gives German; Belgium, with three
    // official languages and none recorded, gets English.
    let belgium = registry.authority("beapd").expect("beapd");
    assert!(belgium.languages.is_empty(), "the registry now lists {:?} for beapd", belgium.languages);
    assert_eq!(lang("beapd"), Lang::En);
    let broadcasting = registry.authority("derf").expect("derf");
    assert!(broadcasting.languages.is_empty());
    assert_eq!(lang("derf"), Lang::De);
}

/// An announced extension moves the deadline, and the complaint says the extended period passed.
#[test]
fn an_extended_period_is_named_as_such() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    let extended = case(
        1,
        RequestKind::Access,
        vec![
            sent(date(2025, 1, 31)),
            CaseEvent::ExtensionAnnounced { on: date(2025, 2, 10) },
            CaseEvent::MarkedOverdue { on: date(2025, 5, 2) },
        ],
        vec![],
    );
    let input = DossierInput {
        complainant: &person,
        agent: None,
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: registry.authority("frcnil").expect("cnil"),
        cases: vec![extended],
        exhibits: vec![],
        never_informed: false,
        observations: vec![],
        date: date(2025, 6, 2),
    };
    let found = grievances(&input).expect("the templates render");
    assert_eq!(found[0].title, "Absence de réponse dans le délai prolongé");
    assert!(
        found[0].facts[0].contains("prolongé de deux mois") && found[0].facts[0].contains("30 avril 2025"),
        "{:?}",
        found[0].facts
    );
    assert!(!found[0].facts.iter().any(|f| f.contains("ni d'une prolongation")), "an extension was announced");
}

/// The CNIL turns a complaint away while the vendor's period still runs: each request's
/// grievance exists from the day after its deadline, or from a refusal or a short answer.
#[test]
fn a_request_can_be_complained_of_only_once_it_is_ripe() {
    use redress_core::dossier::Ripeness;
    let due = date(2025, 4, 7); // sent Wed 5 March 2025; 5 April is a Saturday (Reg. 1182/71, Art. 3(4))
    let answered = |kind, on| CaseEvent::Answered { kind, on };
    let waiting = Ripeness::From { due, from: date(2025, 4, 8) };
    /// What happened, the events, the missing items, the day asked about, and the answer.
    type Row = (&'static str, Vec<CaseEvent>, Vec<AccessItem>, jiff::civil::Date, Ripeness);
    let table: Vec<Row> = vec![
        ("the day after sending", vec![sent(date(2025, 3, 5))], vec![], date(2025, 3, 6), waiting),
        ("on the last day of the period", vec![sent(date(2025, 3, 5))], vec![], due, waiting),
        ("the day after the period", vec![sent(date(2025, 3, 5))], vec![], date(2025, 4, 8), Ripeness::Ripe),
        (
            "refused within the period",
            vec![sent(date(2025, 3, 5)), answered(AnswerKind::Refused, date(2025, 3, 10))],
            vec![],
            date(2025, 3, 11),
            Ripeness::Ripe,
        ),
        (
            "answered short, the missing items ticked",
            vec![sent(date(2025, 3, 5)), answered(AnswerKind::Incomplete, date(2025, 3, 10))],
            vec![AccessItem::Source],
            date(2025, 3, 11),
            Ripeness::Ripe,
        ),
        (
            "answered short, nothing ticked yet",
            vec![sent(date(2025, 3, 5)), answered(AnswerKind::Incomplete, date(2025, 3, 10))],
            vec![],
            date(2025, 3, 11),
            waiting,
        ),
        (
            "answered in full in time",
            vec![sent(date(2025, 3, 5)), answered(AnswerKind::Complete, date(2025, 3, 20))],
            vec![],
            date(2025, 6, 1),
            Ripeness::AnsweredInTime { on: date(2025, 3, 20) },
        ),
        (
            "answered in full, late",
            vec![sent(date(2025, 3, 5)), answered(AnswerKind::Complete, date(2025, 4, 20))],
            vec![],
            date(2025, 6, 1),
            Ripeness::Ripe,
        ),
        ("never sent", vec![], vec![], date(2025, 6, 1), Ripeness::NotSent),
    ];
    for (what, events, missing, today, expected) in table {
        let c = case(1, RequestKind::Combined, events, missing);
        assert_eq!(c.ripeness(today), expected, "{what}");
    }
}

#[test]
fn a_complaint_the_day_after_the_request_alleges_nothing() {
    let registry = Registry::builtin().expect("registry");
    let person = zoe();
    for kind in RequestKind::ALL.iter().copied() {
        let c = case(1, kind, vec![sent(date(2025, 3, 5))], vec![]);
        let input = DossierInput {
            complainant: &person,
            agent: None,
            vendor: registry.vendor("kaspr").expect("kaspr"),
            authority: registry.authority("frcnil").expect("cnil"),
            cases: vec![c],
            exhibits: vec![],
            never_informed: false,
            observations: vec![],
            date: date(2025, 3, 6),
        };
        let found = grievances(&input).expect("the templates render");
        assert!(found.is_empty(), "{kind:?}: {:?}", found.iter().map(|g| &g.title).collect::<Vec<_>>());
        let later = DossierInput { date: date(2025, 4, 8), ..input };
        assert!(!grievances(&later).expect("render").is_empty(), "{kind:?}: nothing alleged after the deadline");
    }
}

#[test]
fn a_reminder_period_ends_two_weeks_after_the_reminder() {
    let c = case(
        1,
        RequestKind::Access,
        vec![
            sent(date(2025, 3, 5)),
            CaseEvent::MarkedOverdue { on: date(2025, 4, 8) },
            CaseEvent::Reminded { on: date(2025, 4, 20) },
        ],
        vec![],
    );
    assert_eq!(c.reminder_period_end(), Some(date(2025, 5, 4)));
}
