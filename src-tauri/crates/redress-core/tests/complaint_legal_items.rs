//! The legal items every complaint must carry, in every language, now that its words live in
//! templates (`complaint/<lang>/*.txt`). A table per (grievance, language) lists what the
//! complaint must say when the facts support that grievance: its article, the provisions and
//! decisions its facts cite, and the deadline Redress computed, written out. The requests, the
//! mandate, the chronology's method and the form texts have their own items. A second test
//! composes every kind of case in every language and checks that every placeholder was filled:
//! no template syntax, no "none" or "undefined", no private marks, no stray spaces.

use jiff::civil::{Date, date};
use redress_core::case::{AnswerKind, CaseEvent, Channel, RequestKind, replay};
use redress_core::deadline::Calendar;
use redress_core::dossier::{DossierCase, DossierInput, ExhibitEntry, compose, form_text};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::{AccessItem, long_date};
use redress_core::registry::Registry;
use redress_core::report::{Report, ReportBlock};

const LANGS: [Lang; 3] = [Lang::Fr, Lang::En, Lang::De];
const SENT: Date = date(2025, 3, 3);

fn zoe() -> ProfileInput {
    ProfileInput {
        name: "Zoé Martin".into(),
        address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
        emails: vec!["zoe.martin@example.fr".into()],
        phones: vec!["+33 6 12 34 56 78".into()],
        employer: Some("Acme SA".into()),
        linkedin_url: Some("https://www.linkedin.com/in/zoe-martin".into()),
        lang: Lang::Fr,
        ..Default::default()
    }
}

fn malik() -> ProfileInput {
    ProfileInput { name: "Malik Benali".into(), emails: vec!["malik@example.org".into()], ..Default::default() }
}

/// A case with these events after the sending, its deadline counted from the sending and any
/// extension. The dossier takes the timeline as recorded; the lifecycle's own rules are tested
/// with the cases.
fn case(kind: RequestKind, later: Vec<CaseEvent>, missing: Vec<AccessItem>) -> DossierCase {
    let mut timeline = vec![CaseEvent::Sent {
        channel: Channel::RegisteredPost,
        on: SENT,
        received_on: Some(date(2025, 3, 5)),
        reference: Some("1A 234 567 8901 2".into()),
    }];
    timeline.extend(later);
    let counted: Vec<CaseEvent> = timeline
        .iter()
        .filter(|e| matches!(e, CaseEvent::Sent { .. } | CaseEvent::ExtensionAnnounced { .. }))
        .cloned()
        .collect();
    let (status, deadline) = replay(&counted, &Calendar::for_country("FR").expect("FR")).expect("legal timeline");
    DossierCase { id: 7, kind, status, timeline, deadline, missing }
}

/// A set of facts that supports one grievance (and, for erasure, the objection it follows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grievance {
    Late,
    LateExtended,
    Incomplete,
    Refused,
    Objection,
    Erasure,
    NeverInformed,
}

const GRIEVANCES: [Grievance; 7] = [
    Grievance::Late,
    Grievance::LateExtended,
    Grievance::Incomplete,
    Grievance::Refused,
    Grievance::Objection,
    Grievance::Erasure,
    Grievance::NeverInformed,
];

/// The case and the complaint's date that make `g` (and only what follows from it) apply.
fn facts(g: Grievance) -> (DossierCase, Date, bool) {
    let answered = |kind| CaseEvent::Answered { kind, on: date(2025, 3, 25) };
    match g {
        Grievance::Late => (case(RequestKind::Access, vec![], vec![]), date(2025, 6, 2), false),
        Grievance::LateExtended => (
            case(RequestKind::Access, vec![CaseEvent::ExtensionAnnounced { on: date(2025, 3, 20) }], vec![]),
            date(2025, 7, 15),
            false,
        ),
        Grievance::Incomplete => (
            case(RequestKind::Access, vec![answered(AnswerKind::Incomplete)], AccessItem::ALL.to_vec()),
            date(2025, 3, 30),
            false,
        ),
        Grievance::Refused => {
            (case(RequestKind::Access, vec![answered(AnswerKind::Refused)], vec![]), date(2025, 3, 30), false)
        }
        // An objection or an erasure left without effect is alleged only once its period has run.
        Grievance::Objection => (case(RequestKind::Objection, vec![], vec![]), date(2025, 4, 15), false),
        Grievance::Erasure => (case(RequestKind::Erasure, vec![], vec![]), date(2025, 4, 15), false),
        Grievance::NeverInformed => {
            (case(RequestKind::Access, vec![answered(AnswerKind::Complete)], vec![]), date(2025, 3, 30), true)
        }
    }
}

/// Every text of the report, one per line.
fn report_text(report: &Report) -> String {
    let mut lines = vec![report.title.clone()];
    lines.extend(report.cover_lines.iter().cloned());
    for section in &report.sections {
        lines.push(section.title.clone());
        for block in &section.blocks {
            match block {
                ReportBlock::Paragraph { text } | ReportBlock::Item { text } | ReportBlock::Subheading { text } => {
                    lines.push(text.clone());
                }
                ReportBlock::Fields { rows } => lines.extend(rows.iter().flat_map(|(k, v)| [k.clone(), v.clone()])),
                ReportBlock::Table { header, rows, .. } => {
                    lines.extend(header.iter().cloned());
                    lines.extend(rows.iter().flatten().cloned());
                }
            }
        }
    }
    lines.join("\n")
}

/// The required items `text` lacks.
fn missing<'a>(text: &str, required: &'a [String]) -> Vec<&'a str> {
    required.iter().filter(|r| !text.contains(r.as_str())).map(String::as_str).collect()
}

/// What the complaint must say when the facts support `g`, in `lang`. `due` is the end of the
/// response period Redress computed; the grievance must state it.
fn grievance_items(g: Grievance, lang: Lang, due: Date) -> Vec<String> {
    let due = long_date(due, lang);
    let items: Vec<String> = match (g, lang) {
        (Grievance::Late, Lang::Fr) => vec![
            "Absence de réponse dans le délai d'un mois (Article 12, paragraphes 3 et 4, du RGPD)".into(),
            format!("Le délai d'un mois prévu par l'article 12, paragraphe 3, du RGPD expirait le {due}"),
            "(règlement (CEE, Euratom) n° 1182/71)".into(),
            "ni des motifs de son inaction (article 12, paragraphes 3 et 4, du RGPD)".into(),
            "délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile)".into(),
        ],
        (Grievance::Late, Lang::En) => vec![
            "No reply within one month (Article 12(3) and (4) GDPR)".into(),
            format!("The one-month period under Article 12(3) GDPR therefore expired on {due}"),
            "(Regulation (EEC, Euratom) No 1182/71)".into(),
            "nor of the reasons for not taking action (Article 12(3) and (4) GDPR)".into(),
            "deliberation SAN-2021-021 of 28 December 2021 (Free Mobile)".into(),
        ],
        (Grievance::Late, Lang::De) => vec![
            "Keine Antwort innerhalb eines Monats (Art. 12 Abs. 3 und 4 DSGVO)".into(),
            "Die Monatsfrist nach Art. 12 Abs. 3 DSGVO endete".into(),
            format!("(Verordnung (EWG, Euratom) Nr. 1182/71) am {due}."),
            "Gründe für sein Untätigbleiben unterrichtet (Art. 12 Abs. 3 und 4 DSGVO)".into(),
            "Beschluss SAN-2021-021 der CNIL vom 28. Dezember 2021 (Free Mobile)".into(),
        ],
        (Grievance::LateExtended, Lang::Fr) => vec![
            "Absence de réponse dans le délai prolongé (Article 12, paragraphes 3 et 4, du RGPD)".into(),
            format!("prolongé de deux mois en application de l'article 12, paragraphe 3, du RGPD, expirait le {due}"),
            "(règlement (CEE, Euratom) n° 1182/71)".into(),
            "délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile)".into(),
        ],
        (Grievance::LateExtended, Lang::En) => vec![
            "No reply within the extended period (Article 12(3) and (4) GDPR)".into(),
            format!("extended by two further months under Article 12(3) GDPR, therefore expired on {due}"),
            "(Regulation (EEC, Euratom) No 1182/71)".into(),
            "deliberation SAN-2021-021 of 28 December 2021 (Free Mobile)".into(),
        ],
        (Grievance::LateExtended, Lang::De) => vec![
            "Keine Antwort innerhalb der verlängerten Frist (Art. 12 Abs. 3 und 4 DSGVO)".into(),
            "Die nach Art. 12 Abs. 3 DSGVO um zwei Monate verlängerte Antwortfrist endete".into(),
            format!("(Verordnung (EWG, Euratom) Nr. 1182/71) am {due}."),
            "Beschluss SAN-2021-021 der CNIL vom 28. Dezember 2021 (Free Mobile)".into(),
        ],
        (Grievance::Incomplete, Lang::Fr) => vec![
            "Réponse incomplète à ma demande d'accès (Article 15 du RGPD)".into(),
            "délibération SAN-2024-020 du 5 décembre 2024 (KASPR), amende de 240 000 euros".into(),
            "manquement à l'article 15".into(),
            "CJUE, 12 janvier 2023, C-154/21".into(),
            "CJUE, 4 mai 2023, C-487/21".into(),
        ],
        (Grievance::Incomplete, Lang::En) => vec![
            "Incomplete reply to my access request (Article 15 GDPR)".into(),
            "deliberation SAN-2024-020 of 5 December 2024 (KASPR), fine of EUR 240,000".into(),
            "infringement of Article 15".into(),
            "CJEU, 12 January 2023, C-154/21".into(),
            "CJEU, 4 May 2023, C-487/21".into(),
        ],
        (Grievance::Incomplete, Lang::De) => vec![
            "Unvollständige Antwort auf mein Auskunftsersuchen (Art. 15 DSGVO)".into(),
            "Beschluss SAN-2024-020 der CNIL vom 5. Dezember 2024 (KASPR), Geldbuße von 240.000 Euro".into(),
            "Verstoß gegen Art. 15 DSGVO".into(),
            "EuGH, Urteil vom 12. Januar 2023, C-154/21".into(),
            "EuGH, Urteil vom 4. Mai 2023, C-487/21".into(),
        ],
        (Grievance::Refused, Lang::Fr) => vec![
            "Refus de faire droit à ma demande d'accès (Articles 12 et 15 du RGPD)".into(),
            "(article 12, paragraphe 5, et article 15, paragraphe 3, du RGPD ; CJUE, 26 octobre 2023, C-307/22)".into(),
        ],
        (Grievance::Refused, Lang::En) => vec![
            "Refusal to act on my access request (Articles 12 and 15 GDPR)".into(),
            "(Article 12(5) and Article 15(3) GDPR; CJEU, 26 October 2023, C-307/22)".into(),
        ],
        (Grievance::Refused, Lang::De) => vec![
            "Verweigerung der Auskunft (Art. 12 und 15 DSGVO)".into(),
            "(Art. 12 Abs. 5 und Art. 15 Abs. 3 DSGVO; EuGH, Urteil vom 26. Oktober 2023, C-307/22)".into(),
        ],
        (Grievance::Objection, Lang::Fr) => vec![
            "Opposition à la prospection restée sans effet confirmé (Article 21, paragraphes 2 et 3, du RGPD)".into(),
            "impose l'arrêt de ce traitement (article 21, paragraphe 3, du RGPD)".into(),
            "délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile)".into(),
        ],
        (Grievance::Objection, Lang::En) => vec![
            "Objection to direct marketing with no confirmation that it was acted on (Article 21(2) and (3) GDPR)"
                .into(),
            "no longer be processed for those purposes (Article 21(3) GDPR)".into(),
            "deliberation SAN-2021-021 of 28 December 2021 (Free Mobile)".into(),
        ],
        (Grievance::Objection, Lang::De) => vec![
            "Widerspruch gegen Direktwerbung ohne bestätigte Umsetzung (Art. 21 Abs. 2 und 3 DSGVO)".into(),
            "nicht mehr für diese Zwecke verarbeitet werden (Art. 21 Abs. 3 DSGVO)".into(),
            "Beschluss SAN-2021-021 der CNIL vom 28. Dezember 2021 (Free Mobile)".into(),
        ],
        (Grievance::Erasure, Lang::Fr) => vec![
            "Effacement demandé et non confirmé (Articles 17 et 19 du RGPD)".into(),
            "(article 17, paragraphe 1, point c), du RGPD)".into(),
            "à chaque destinataire (article 19)".into(),
            "délibération SAN-2020-008 du 18 novembre 2020 (Carrefour France)".into(),
            "(articles 17 et 19 du RGPD)".into(),
        ],
        (Grievance::Erasure, Lang::En) => vec![
            "Erasure requested but not confirmed (Articles 17 and 19 GDPR)".into(),
            "(Article 17(1)(c) GDPR)".into(),
            "to each recipient (Article 19 GDPR)".into(),
            "deliberation SAN-2020-008 of 18 November 2020 (Carrefour France)".into(),
            "(Articles 17 and 19 GDPR)".into(),
        ],
        (Grievance::Erasure, Lang::De) => vec![
            "Löschung verlangt, aber nicht bestätigt (Art. 17 und 19 DSGVO)".into(),
            "(Art. 17 Abs. 1 lit. c DSGVO)".into(),
            "jeden Empfänger (Art. 19 DSGVO)".into(),
            "Beschluss SAN-2020-008 der CNIL vom 18. November 2020 (Carrefour France)".into(),
            "(Art. 17 und 19 DSGVO)".into(),
        ],
        (Grievance::NeverInformed, Lang::Fr) => vec![
            "Défaut d'information de la personne concernée (Articles 12, 14 et 21, paragraphe 4, du RGPD)".into(),
            "À ma connaissance, KASPR SAS ne m'a adressé aucune information".into(),
            "ni dans le mois (art. 14, § 3, a)), ni lors de la première communication à un destinataire (art. 14, § 3, c))"
                .into(),
            "délibération SAN-2024-020 du 5 décembre 2024 (KASPR) : manquement aux articles 12 et 14".into(),
            "(article 14 du RGPD)".into(),
        ],
        (Grievance::NeverInformed, Lang::En) => vec![
            "Failure to inform the data subject (Articles 12, 14 and 21(4) GDPR)".into(),
            "To my knowledge, KASPR SAS sent me no information".into(),
            "neither within one month (Article 14(3)(a) GDPR) nor at the first disclosure to a recipient (Article 14(3)(c) GDPR)"
                .into(),
            "deliberation SAN-2024-020 of 5 December 2024 (KASPR): infringement of Articles 12 and 14".into(),
            "(Article 14 GDPR)".into(),
        ],
        (Grievance::NeverInformed, Lang::De) => vec![
            "Keine Information der betroffenen Person (Art. 12, 14 und 21 Abs. 4 DSGVO)".into(),
            "Meines Wissens hat mir KASPR SAS keinerlei Information".into(),
            "weder innerhalb eines Monats (Art. 14 Abs. 3 lit. a DSGVO) noch bei der ersten Offenlegung gegenüber einem Empfänger (Art. 14 Abs. 3 lit. c DSGVO)"
                .into(),
            "Beschluss SAN-2024-020 der CNIL vom 5. Dezember 2024 (KASPR): Verstoß gegen Art. 12 und 14 DSGVO".into(),
            "(Art. 14 DSGVO)".into(),
        ],
    };
    items
}

/// What every complaint says, whatever the grievances: how periods are counted, the end of the
/// period (with its weekday) in the chronology, the right to be kept informed.
fn common_items(lang: Lang) -> Vec<String> {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect();
    match lang {
        Lang::Fr => s(&[
            "Les délais sont calculés selon l'article 12, paragraphe 3, du RGPD et le règlement (CEE, Euratom) n° \
             1182/71",
            "article 12, paragraphe 3, du RGPD ; règlement n° 1182/71",
            "(article 77, paragraphe 2, du RGPD)",
            "Manquements allégués",
            "Ces faits me paraissent constitutifs de manquements aux dispositions suivantes",
            "instruire ma plainte et, si les manquements sont établis, faire usage des pouvoirs prévus à l'article 58, \
             paragraphe 2, du RGPD",
        ]),
        Lang::En => s(&[
            "Periods are calculated under Article 12(3) GDPR and Regulation (EEC, Euratom) No 1182/71",
            "Article 12(3) GDPR; Regulation No 1182/71",
            "(Article 77(2) GDPR)",
            "Alleged infringements",
            "In my view, these facts amount to infringements of the following provisions",
            "investigate my complaint and, if the infringements are established, exercise the powers provided for in \
             Article 58(2) GDPR",
        ]),
        Lang::De => s(&[
            "Die Fristen sind nach Art. 12 Abs. 3 DSGVO und der Verordnung (EWG, Euratom) Nr. 1182/71 berechnet",
            "Art. 12 Abs. 3 DSGVO; Verordnung Nr. 1182/71",
            "(Art. 77 Abs. 2 DSGVO)",
            "Geltend gemachte Verstöße",
            "Diese Tatsachen begründen meines Erachtens Verstöße gegen folgende Vorschriften",
            "von den Befugnissen nach Art. 58 Abs. 2 DSGVO Gebrauch zu machen",
        ]),
    }
}

/// What a complaint filed by a representative says about the mandate.
fn mandate_item(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Le mandat signé par la personne concernée est joint (article 80, paragraphe 1, du RGPD).",
        Lang::En => "The mandate signed by the data subject is attached (Article 80(1) GDPR).",
        Lang::De => "Die von der betroffenen Person unterzeichnete Vollmacht ist beigefügt (Art. 80 Abs. 1 DSGVO).",
    }
}

/// The end of the response period as the chronology names it: "Fin du délai de réponse (lundi 7
/// avril 2025)".
fn deadline_row(due: Date, lang: Lang) -> String {
    let (fr, en, de) = (
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    );
    let i = usize::try_from(due.weekday().to_monday_zero_offset()).expect("weekday");
    let d = long_date(due, lang);
    match lang {
        Lang::Fr => format!("Fin du délai de réponse ({} {d})", fr[i]),
        Lang::En => format!("End of the period for a reply ({} {d})", en[i]),
        Lang::De => format!("Ende der Antwortfrist ({}, {d})", de[i]),
    }
}

struct Composed {
    report: String,
    form: String,
    due: Date,
}

fn composed(g: Grievance, lang: Lang, agent: bool) -> Composed {
    let registry = Registry::builtin().expect("registry");
    let (case, today, never_informed) = facts(g);
    let due = case.deadline.as_ref().expect("a deadline").due;
    let (person, representative) = (zoe(), malik());
    let input = DossierInput {
        complainant: &person,
        agent: agent.then_some(&representative),
        vendor: registry.vendor("kaspr").expect("kaspr"),
        authority: registry.authority("frcnil").expect("cnil"),
        exhibits: vec![ExhibitEntry {
            number: 1,
            title: "Ma demande".into(),
            case_id: Some(case.id),
            dated: Some(SENT),
        }],
        cases: vec![case],
        never_informed,
        observations: vec![],
        date: today,
    };
    let report = compose(&input, lang).unwrap_or_else(|e| panic!("{g:?} {lang:?}: {e}"));
    let form = form_text(&input, lang, "plainte.pdf").unwrap_or_else(|e| panic!("{g:?} {lang:?}: {e}"));
    Composed { report: report_text(&report), form, due }
}

#[test]
fn every_grievance_carries_its_legal_items_in_every_language() {
    let mut faults = Vec::new();
    for g in GRIEVANCES {
        for lang in LANGS {
            let c = composed(g, lang, false);
            let mut required = grievance_items(g, lang, c.due);
            required.extend(common_items(lang));
            required.push(deadline_row(c.due, lang));
            for item in missing(&c.report, &required) {
                faults.push(format!("{g:?} {lang:?}: the report lacks {item:?}"));
            }
            // The form repeats the chronology, deadline included.
            if !c.form.contains(&deadline_row(c.due, lang)) {
                faults.push(format!("{g:?} {lang:?}: the form texts lack the end of the period"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_summary_names_every_article_the_grievances_invoke() {
    // French lowers the article's first letter in the middle of the sentence.
    let expect = [
        (Lang::Fr, Grievance::Erasure, "article 21, paragraphes 2 et 3, du RGPD ; articles 17 et 19 du RGPD."),
        (Lang::En, Grievance::Erasure, "Article 21(2) and (3) GDPR; Articles 17 and 19 GDPR."),
        (Lang::De, Grievance::Erasure, "Art. 21 Abs. 2 und 3 DSGVO; Art. 17 und 19 DSGVO."),
        (Lang::Fr, Grievance::Late, "suivantes : article 12, paragraphes 3 et 4, du RGPD."),
    ];
    for (lang, g, sentence) in expect {
        let c = composed(g, lang, false);
        assert!(c.report.contains(sentence), "{g:?} {lang:?}: no {sentence:?} in\n{}", c.report);
    }
}

#[test]
fn a_representative_cites_the_mandate_and_the_cnil_form_its_address() {
    for lang in LANGS {
        let c = composed(Grievance::Late, lang, true);
        assert!(c.report.contains(mandate_item(lang)), "{lang:?}:\n{}", c.report);
    }
    let fr = composed(Grievance::Late, Lang::Fr, false);
    assert!(fr.form.contains("https://www.cnil.fr/fr/plaintes"), "{}", fr.form);
}

#[test]
fn the_check_fails_when_an_item_is_removed() {
    let c = composed(Grievance::Incomplete, Lang::Fr, false);
    let required = grievance_items(Grievance::Incomplete, Lang::Fr, c.due);
    assert!(missing(&c.report, &required).is_empty());
    let without = c.report.replace("C-487/21", "C-000/00");
    assert_eq!(missing(&without, &required), ["CJUE, 4 mai 2023, C-487/21"]);
    let late = composed(Grievance::Late, Lang::En, false);
    let required = grievance_items(Grievance::Late, Lang::En, date(2025, 4, 8));
    assert_eq!(missing(&late.report, &required).len(), 1, "a wrong deadline is caught");
}

/// What a filled template never leaves: its own syntax, an unset value, the marks that keep a
/// fact's spacing while lines are joined, doubled or dangling spaces.
fn leftovers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for mark in ["{{", "}}", "{%", "%}", "{#", "#}", "undefined", "\u{E000}", "\u{E001}", "\u{E002}"] {
        if text.contains(mark) {
            out.push(format!("{mark:?}"));
        }
    }
    if text.split(|c: char| !c.is_alphanumeric()).any(|w| w == "none" || w == "None") {
        out.push("\"none\"".into());
    }
    for line in text.lines() {
        if line.contains("  ") || line.starts_with(' ') || line.ends_with(' ') {
            out.push(format!("stray space in {line:?}"));
        }
    }
    out
}

#[test]
fn every_placeholder_is_filled_for_every_kind_of_case_in_every_language() {
    let registry = Registry::builtin().expect("registry");
    let kinds = [
        RequestKind::Access,
        RequestKind::Objection,
        RequestKind::Erasure,
        RequestKind::Combined,
        RequestKind::SourceInquiry,
    ];
    let answers = [
        None,
        Some(AnswerKind::Complete),
        Some(AnswerKind::Incomplete),
        Some(AnswerKind::NoDataHeld),
        Some(AnswerKind::Refused),
    ];
    let (person, representative) = (zoe(), malik());
    let mut checked = 0;
    let mut faults = Vec::new();
    for kind in kinds {
        for answer in answers {
            let mut later = vec![
                CaseEvent::Acknowledged { on: date(2025, 3, 6) },
                CaseEvent::ExtensionAnnounced { on: date(2025, 3, 20) },
            ];
            later.extend(answer.map(|kind| CaseEvent::Answered { kind, on: date(2025, 7, 1) }));
            later.push(CaseEvent::Reminded { on: date(2025, 7, 2) });
            later.push(CaseEvent::Escalated { on: date(2025, 7, 3) });
            later.push(CaseEvent::Closed { on: date(2025, 7, 4), note: Some("Note de l'utilisateur".into()) });
            let first = case(kind, later, vec![AccessItem::Source]);
            let mut second = case(kind, vec![], vec![]);
            second.id = 8;
            for authority in ["frcnil", "iedpc", "debfdi"] {
                for lang in LANGS {
                    let input = DossierInput {
                        complainant: &person,
                        agent: Some(&representative),
                        vendor: registry.vendor("kaspr").expect("kaspr"),
                        authority: registry.authority(authority).expect("authority"),
                        cases: vec![first.clone(), second.clone()],
                        exhibits: vec![
                            ExhibitEntry { number: 1, title: "Mandat".into(), case_id: None, dated: None },
                            ExhibitEntry { number: 2, title: "Demande".into(), case_id: Some(7), dated: Some(SENT) },
                            ExhibitEntry { number: 3, title: "Preuve".into(), case_id: Some(7), dated: Some(SENT) },
                        ],
                        never_informed: true,
                        observations: vec!["Une remarque.".into()],
                        date: date(2025, 9, 1),
                    };
                    let what = format!("{kind:?} {answer:?} {authority} {lang:?}");
                    let report = compose(&input, lang).unwrap_or_else(|e| panic!("{what}: {e}"));
                    let form = form_text(&input, lang, "plainte.pdf").unwrap_or_else(|e| panic!("{what}: {e}"));
                    for fault in leftovers(&report_text(&report)).into_iter().chain(leftovers(&form)) {
                        faults.push(format!("{what}: {fault}"));
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 5 * 3 * 3);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_leftover_check_sees_what_an_unfilled_template_leaves() {
    for bad in ["Objet : {{ subject }}", "Le none, je lui ai adressé", "a  b", "fin ", "\u{E000}"] {
        assert!(!leftovers(bad).is_empty(), "{bad:?} passed");
    }
    assert!(leftovers("Le 3 mars 2025, je lui ai adressé ma demande.\nAucune pièce.").is_empty());
}
