//! The legal items every letter must carry, in every language. A table per (kind, language) lists
//! the strings the postal text must contain (every article, judgment and decision the English
//! letter cites, in the citation style of the language) and the article each subject must name.
//! A second test composes the French and German letters with many combinations of options and
//! checks their typography: no glued words, list punctuation, French spacing, German lower case
//! after the salutation.

use jiff::civil::date;
use redress_core::case::RequestKind;
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::{
    AccessItem, Block, ContactEvent, Letter, LetterInput, LetterKind, LetterOptions, ObjectionGrounds, Recipient,
    ReminderFacts, compose,
};
use redress_core::registry::Registry;

const LANGS: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

const SITUATION: &str = "I receive several unsolicited calls a week at work.";
const AUTHORITY: &str = "Commission Nationale de l'Informatique et des Libertés – CNIL";
const MISSING: [AccessItem; 2] = [AccessItem::Source, AccessItem::Recipients];

fn zoe() -> ProfileInput {
    ProfileInput {
        name: "Zoé Martin".into(),
        address: vec!["12 rue de la République".into(), "69002 Lyon".into()],
        emails: vec!["zoe.martin@example.fr".into()],
        phones: vec!["+33 6 12 34 56 78".into()],
        employer: Some("Acme SA".into()),
        linkedin_url: Some("https://www.linkedin.com/in/zoe-martin".into()),
        lang: Lang::Fr,
        notes: None,
        acting_for: false,
    }
}

fn malik() -> ProfileInput {
    ProfileInput {
        name: "Malik Benali".into(),
        address: vec!["Association Données Libres".into(), "3 place Bellecour".into(), "69002 Lyon".into()],
        emails: vec!["malik@donnees-libres.example".into()],
        employer: Some("Association Données Libres".into()),
        ..Default::default()
    }
}

fn registry() -> Registry {
    Registry::builtin().expect("builtin registry")
}

fn kaspr(registry: &Registry) -> Recipient {
    Recipient::vendor(registry.vendor("kaspr").expect("kaspr"), registry)
}

/// The options each kind is composed with (the same as the snapshot test's).
fn options_for(kind: LetterKind) -> LetterOptions {
    let mut options = LetterOptions { place: Some("Lyon".into()), ..Default::default() };
    match kind {
        LetterKind::Objection | LetterKind::Combined => {
            options.objection = ObjectionGrounds { direct_marketing: true, situation: vec![SITUATION.into()] };
        }
        LetterKind::Erasure => options.registered_post = true,
        LetterKind::SourceInquiry => {
            options.contact = Some(ContactEvent {
                date: Some(date(2026, 11, 2)),
                channel: Some("phone call to +33 6 12 34 56 78".into()),
                by: Some("Jean Dupont".into()),
            });
        }
        LetterKind::Reminder => {
            options.reminder = Some(ReminderFacts {
                request: RequestKind::Access,
                sent_on: date(2026, 9, 1),
                due_on: Some(date(2026, 10, 1)),
                answered_on: Some(date(2026, 9, 28)),
                missing: MISSING.to_vec(),
                reference: Some("REQ-42".into()),
            });
        }
        LetterKind::Mandate => {
            options.agent = Some(malik());
            options.mandate_scope = vec!["KASPR SAS".into(), "Lusha Systems Ltd".into()];
        }
        LetterKind::Access => {}
    }
    options
}

fn compose_with(
    kind: LetterKind,
    lang: Lang,
    person: &ProfileInput,
    recipient: Recipient,
    options: LetterOptions,
) -> Letter {
    let mut input = LetterInput::new(kind, lang, person, recipient, date(2026, 11, 25));
    input.options = options;
    compose(&input).unwrap_or_else(|e| panic!("{kind:?} {lang:?}: {e}"))
}

fn letter(registry: &Registry, kind: LetterKind, lang: Lang) -> Letter {
    compose_with(kind, lang, &zoe(), kaspr(registry), options_for(kind))
}

/// Whitespace collapsed, so that an item the text wraps across two lines is still found.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The required strings that `text` lacks.
fn missing<'a>(text: &str, required: &'a [String]) -> Vec<&'a str> {
    let text = normalized(text);
    required.iter().map(String::as_str).filter(|r| !text.contains(&normalized(r))).collect()
}

// ---------------------------------------------------------------------------------------------
// The tables. Each group is the wording of one shared part of the templates (`parts.txt`).

const IDENTIFIERS: &[&str] =
    &["Zoé Martin", "zoe.martin@example.fr", "+33 6 12 34 56 78", "Acme SA", "https://www.linkedin.com/in/zoe-martin"];

const EN_ACCESS: &[&str] = &[
    "Article 15 of the General Data Protection Regulation (GDPR)",
    "(Art. 15(3))",
    "faithful and intelligible reproduction",
    "CJEU, C-487/21",
    "Art. 14(2)(f) and 15(1)(g)",
    "\"public sources\"",
    "SAN-2024-020 of 5 December 2024, KASPR",
    "LinkedIn",
    "visibility",
    "Art. 15(1)(c); CJEU, C-154/21",
    "Art. 15(1)(a)",
    "Art. 14(1)(c)",
    "Art. 6(1)(f)",
    "Art. 14(2)(b)",
    "balancing",
    "Art. 15(1)(b)",
    "Art. 15(1)(d) and 5(1)(e)",
    "start again",
    "Art. 15(1)(h)",
    "Art. 15(2)",
    "Art. 15(1)(e) and (f)",
    "free of charge",
    "need not give reasons",
    "Art. 12(5) and 15(3) GDPR; CJEU, C-307/22",
    "commonly used electronic form",
];
const EN_DIRECT_MARKETING: &[&str] = &["Article 21(2) GDPR", "direct marketing", "needs no reasons", "(Art. 21(3))"];
const EN_SITUATION: &[&str] =
    &["Article 21(1) GDPR", "particular situation", SITUATION, "compelling legitimate grounds", "(Art. 21(1))"];
const EN_ERASURE: &[&str] = &[
    "Under Article 17 GDPR",
    "Art. 17(1)(c)",
    "without any balancing of interests",
    "(Art. 17(1)(d))",
    "Article 14 GDPR",
    "(Art. 19 GDPR)",
    "(Art. 21(3) GDPR)",
    "next update",
];
const EN_OBJECTION_REQUESTS: &[&str] = &["Article 17(1)(c) GDPR", "(Art. 19 GDPR)", "every product, extension, API"];
const EN_CLOSING: &[&str] = &[
    "Dear Sir or Madam,",
    "within one month of receipt of this letter (Art. 12(3) GDPR)",
    "reasonable doubts",
    "(Art. 12(6) GDPR)",
    "competent supervisory authority (Art. 77 GDPR)",
    AUTHORITY,
    "Yours faithfully,",
];
const EN_COMBINED: &[&str] = &[
    "1. Access (Article 15 GDPR)",
    "2. Objection (Article 21 GDPR)",
    "3. Erasure (Article 17 GDPR)",
    "do not erase my data before you have done so",
    "(Art. 18(1)(d) GDPR)",
];
const EN_SOURCE_INQUIRY: &[&str] = &[
    "On 2 November 2026, Jean Dupont of Kaspr",
    "phone call to +33 6 12 34 56 78",
    "Article 14 GDPR",
    "Art. 14(2)(f) and 15(1)(g)",
    "Art. 15(1) and 15(3)",
    "Art. 15(1)(a) and (d), 14(1)(c)",
    "(Art. 15(1)(c))",
    "Article 21(2) GDPR",
    "direct marketing",
];
const EN_REMINDER: &[&str] = &[
    "On 1 September 2026",
    "REQ-42",
    "Your answer of 28 September 2026 is incomplete",
    "Article 12(3)",
    "one month",
    "by 1 October 2026",
    "two weeks",
    "(Art. 77 GDPR)",
    AUTHORITY,
];
const EN_MANDATE: &[&str] = &[
    "Zoé Martin",
    "Malik Benali",
    "KASPR SAS",
    "Lusha Systems Ltd",
    "(Art. 15 GDPR)",
    "(Art. 21 GDPR)",
    "(Art. 17 and 18 GDPR)",
    "(Art. 77 GDPR)",
    "Article 80(1) GDPR",
    "not-for-profit",
    "zoe.martin@example.fr",
    "+33 6 12 34 56 78",
    "revoke",
    "25 November 2026",
];

const FR_ACCESS: &[&str] = &[
    "article 15 du règlement général sur la protection des données (RGPD)",
    "(article 15, § 3, du RGPD)",
    "reproduction fidèle et intelligible",
    "CJUE, C-487/21",
    "art. 14, § 2, f), et art. 15, § 1, g), du RGPD",
    "« sources publiques »",
    "formation restreinte de la CNIL",
    "délibération SAN-2024-020 du 5 décembre 2024, KASPR",
    "LinkedIn",
    "visibilité",
    "art. 15, § 1, c), du RGPD ; CJUE, C-154/21",
    "art. 15, § 1, a), du RGPD",
    "art. 14, § 1, c), du RGPD",
    "art. 6, § 1, f), du RGPD",
    "art. 14, § 2, b), du RGPD",
    "mise en balance",
    "art. 15, § 1, b), du RGPD",
    "art. 15, § 1, d), et art. 5, § 1, e), du RGPD",
    "fait courir à nouveau",
    "art. 15, § 1, h), du RGPD",
    "art. 15, § 2, du RGPD",
    "art. 15, § 1, e) et f), du RGPD",
    "La première copie est gratuite",
    "je n'ai pas à motiver ma demande",
    "art. 12, § 5, et art. 15, § 3, du RGPD ; CJUE, C-307/22",
    "forme électronique d'usage courant",
];
const FR_DIRECT_MARKETING: &[&str] = &[
    "article 21, § 2, du RGPD",
    "à des fins de prospection commerciale",
    "n'a pas à être motivée",
    "(article 21, § 3, du RGPD)",
];
const FR_SITUATION: &[&str] = &[
    "article 21, § 1, du RGPD",
    "raisons tenant à ma situation particulière",
    SITUATION,
    "motifs légitimes et impérieux",
    "(article 21, § 1, du RGPD)",
];
const FR_ERASURE: &[&str] = &[
    "En application de l'article 17 du RGPD",
    "dans les meilleurs délais",
    "article 17, § 1, c), du RGPD",
    "sans aucune mise en balance des intérêts",
    "(art. 17, § 1, d), du RGPD)",
    "article 14 du RGPD",
    "(article 19 du RGPD)",
    "(art. 21, § 3, du RGPD)",
    "prochaine mise à jour",
];
const FR_OBJECTION_REQUESTS: &[&str] =
    &["article 17, § 1, c), du RGPD", "(article 19 du RGPD)", "produits, extensions, API et exports"];
const FR_CLOSING: &[&str] = &[
    "Madame, Monsieur,",
    "dans un délai d'un mois à compter de la réception de la présente lettre (article 12, § 3, du RGPD)",
    "doutes raisonnables",
    "(article 12, § 6, du RGPD)",
    "réclamation auprès de l'autorité de contrôle compétente",
    "article 77 du RGPD",
    AUTHORITY,
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
];
const FR_COMBINED: &[&str] = &[
    "1. Droit d'accès (article 15 du RGPD)",
    "2. Opposition (article 21 du RGPD)",
    "3. Effacement (article 17 du RGPD)",
    "de ne pas effacer mes données avant d'y avoir répondu",
    "(art. 18, § 1, d), du RGPD)",
];
const FR_SOURCE_INQUIRY: &[&str] = &[
    "Le 2 novembre 2026, Jean Dupont, de la société Kaspr,",
    "phone call to +33 6 12 34 56 78",
    "article 14 du RGPD",
    "art. 14, § 2, f), et art. 15, § 1, g), du RGPD",
    "art. 15, §§ 1 et 3, du RGPD",
    "art. 15, § 1, a) et d), et art. 14, § 1, c), du RGPD",
    "(art. 15, § 1, c), du RGPD)",
    "article 21, § 2, du RGPD",
    "prospection commerciale",
];
const FR_REMINDER: &[&str] = &[
    "Le 1er septembre 2026",
    "REQ-42",
    "Votre réponse du 28 septembre 2026 est incomplète",
    "article 12, § 3",
    "un mois",
    "au plus tard le 1er octobre 2026",
    "deux semaines",
    "article 77 du RGPD",
    AUTHORITY,
];
const FR_MANDATE: &[&str] = &[
    "Je soussigné(e) Zoé Martin",
    "donne mandat à Malik Benali",
    "- KASPR SAS ;",
    "- Lusha Systems Ltd.",
    "(article 15 du RGPD)",
    "(article 21 du RGPD)",
    "(articles 17 et 18 du RGPD)",
    "(article 77 du RGPD)",
    "article 80, § 1, du RGPD",
    "but non lucratif",
    "zoe.martin@example.fr",
    "+33 6 12 34 56 78",
    "révoquer",
    "Fait le 25 novembre 2026.",
];

const DE_ACCESS: &[&str] = &[
    "Art. 15 der Datenschutz-Grundverordnung (DSGVO)",
    "(Art. 15 Abs. 3 DSGVO)",
    "originalgetreue und verständliche Reproduktion",
    "EuGH, C-487/21",
    "Art. 14 Abs. 2 lit. f und Art. 15 Abs. 1 lit. g DSGVO",
    "„öffentliche Quellen“",
    "Beschluss SAN-2024-020 vom 5. Dezember 2024, KASPR",
    "LinkedIn",
    "Sichtbarkeitseinstellung",
    "Art. 15 Abs. 1 lit. c DSGVO; EuGH, C-154/21",
    "Art. 15 Abs. 1 lit. a DSGVO",
    "Art. 14 Abs. 1 lit. c DSGVO",
    "Art. 6 Abs. 1 lit. f DSGVO",
    "Art. 14 Abs. 2 lit. b DSGVO",
    "Abwägung",
    "Art. 15 Abs. 1 lit. b DSGVO",
    "Art. 15 Abs. 1 lit. d und Art. 5 Abs. 1 lit. e DSGVO",
    "neu beginnen",
    "Art. 15 Abs. 1 lit. h DSGVO",
    "Art. 15 Abs. 2 DSGVO",
    "Art. 15 Abs. 1 lit. e und f DSGVO",
    "Die erste Kopie ist unentgeltlich",
    "nicht begründen",
    "Art. 12 Abs. 5 und Art. 15 Abs. 3 DSGVO; EuGH, C-307/22",
    "gängigen elektronischen Format",
];
const DE_DIRECT_MARKETING: &[&str] =
    &["Art. 21 Abs. 2 DSGVO", "zum Zwecke der Direktwerbung", "keiner Begründung", "(Art. 21 Abs. 3 DSGVO)"];
const DE_SITUATION: &[&str] = &[
    "Art. 21 Abs. 1 DSGVO",
    "aus meiner besonderen Situation ergeben",
    SITUATION,
    "zwingende schutzwürdige Gründe",
    "(Art. 21 Abs. 1 DSGVO)",
];
const DE_ERASURE: &[&str] = &[
    "Gemäß Art. 17 DSGVO",
    "unverzügliche Löschung",
    "Art. 17 Abs. 1 lit. c DSGVO",
    "ohne dass es einer Interessenabwägung bedarf",
    "(Art. 17 Abs. 1 lit. d DSGVO)",
    "Art. 14 DSGVO",
    "(Art. 19 DSGVO)",
    "(Art. 21 Abs. 3 DSGVO)",
    "nächsten Aktualisierung",
];
const DE_OBJECTION_REQUESTS: &[&str] =
    &["Art. 17 Abs. 1 lit. c DSGVO", "(Art. 19 DSGVO)", "Produkten, Browser-Erweiterungen, Schnittstellen (APIs)"];
const DE_CLOSING: &[&str] = &[
    "Sehr geehrte Damen und Herren,",
    "innerhalb eines Monats nach Eingang dieses Schreibens (Art. 12 Abs. 3 DSGVO)",
    "begründete Zweifel",
    "(Art. 12 Abs. 6 DSGVO)",
    "gemäß Art. 77 DSGVO Beschwerde bei der zuständigen Aufsichtsbehörde",
    AUTHORITY,
    "Mit freundlichen Grüßen",
];
const DE_COMBINED: &[&str] = &[
    "1. Auskunft (Art. 15 DSGVO)",
    "2. Widerspruch (Art. 21 DSGVO)",
    "3. Löschung (Art. 17 DSGVO)",
    "löschen Sie meine Daten nicht vorher",
    "(Art. 18 Abs. 1 lit. d DSGVO)",
];
const DE_SOURCE_INQUIRY: &[&str] = &[
    "am 2. November 2026 hat mich Jean Dupont von Kaspr kontaktiert",
    "phone call to +33 6 12 34 56 78",
    "Art. 14 DSGVO",
    "Art. 14 Abs. 2 lit. f und Art. 15 Abs. 1 lit. g DSGVO",
    "Art. 15 Abs. 1 und 3 DSGVO",
    "Art. 15 Abs. 1 lit. a und d, Art. 14 Abs. 1 lit. c DSGVO",
    "(Art. 15 Abs. 1 lit. c DSGVO)",
    "Art. 21 Abs. 2 DSGVO",
    "Direktwerbung",
];
const DE_REMINDER: &[&str] = &[
    "am 1. September 2026",
    "REQ-42",
    "Ihre Antwort vom 28. September 2026 ist unvollständig",
    "Art. 12 Abs. 3 DSGVO",
    "innerhalb eines Monats",
    "bis zum 1. Oktober 2026",
    "zwei Wochen",
    "gemäß Art. 77 DSGVO",
    AUTHORITY,
];
const DE_MANDATE: &[&str] = &[
    "Ich, Zoé Martin",
    "bevollmächtige hiermit Malik Benali",
    "- KASPR SAS;",
    "- Lusha Systems Ltd.",
    "(Art. 15 DSGVO)",
    "(Art. 21 DSGVO)",
    "(Art. 17 und 18 DSGVO)",
    "(Art. 77 DSGVO)",
    "Art. 80 Abs. 1 DSGVO",
    "ohne Gewinnerzielungsabsicht",
    "zoe.martin@example.fr",
    "+33 6 12 34 56 78",
    "widerrufen",
    "Erteilt am 25. November 2026.",
];

/// The parts of one language, in the order `parts.txt` has them.
struct Parts {
    access: &'static [&'static str],
    direct_marketing: &'static [&'static str],
    situation: &'static [&'static str],
    erasure: &'static [&'static str],
    objection_requests: &'static [&'static str],
    closing: &'static [&'static str],
    combined: &'static [&'static str],
    source_inquiry: &'static [&'static str],
    reminder: &'static [&'static str],
    mandate: &'static [&'static str],
}

fn parts(lang: Lang) -> Parts {
    match lang {
        Lang::En => Parts {
            access: EN_ACCESS,
            direct_marketing: EN_DIRECT_MARKETING,
            situation: EN_SITUATION,
            erasure: EN_ERASURE,
            objection_requests: EN_OBJECTION_REQUESTS,
            closing: EN_CLOSING,
            combined: EN_COMBINED,
            source_inquiry: EN_SOURCE_INQUIRY,
            reminder: EN_REMINDER,
            mandate: EN_MANDATE,
        },
        Lang::Fr => Parts {
            access: FR_ACCESS,
            direct_marketing: FR_DIRECT_MARKETING,
            situation: FR_SITUATION,
            erasure: FR_ERASURE,
            objection_requests: FR_OBJECTION_REQUESTS,
            closing: FR_CLOSING,
            combined: FR_COMBINED,
            source_inquiry: FR_SOURCE_INQUIRY,
            reminder: FR_REMINDER,
            mandate: FR_MANDATE,
        },
        Lang::De => Parts {
            access: DE_ACCESS,
            direct_marketing: DE_DIRECT_MARKETING,
            situation: DE_SITUATION,
            erasure: DE_ERASURE,
            objection_requests: DE_OBJECTION_REQUESTS,
            closing: DE_CLOSING,
            combined: DE_COMBINED,
            source_inquiry: DE_SOURCE_INQUIRY,
            reminder: DE_REMINDER,
            mandate: DE_MANDATE,
        },
    }
}

/// What the subject of each kind must name (the key article; for the reminder, also the request
/// chased and its date).
fn subject_items(kind: LetterKind, lang: Lang) -> &'static [&'static str] {
    use LetterKind as K;
    match (lang, kind) {
        (Lang::En, K::Access) => &["Article 15 GDPR", "Zoé Martin"],
        (Lang::En, K::Objection) => &["Article 21 GDPR", "direct marketing", "Zoé Martin"],
        (Lang::En, K::Erasure) => &["Article 17 GDPR", "Zoé Martin"],
        (Lang::En, K::Combined) => &["Art. 15", "Art. 21", "Art. 17", "Zoé Martin"],
        (Lang::En, K::SourceInquiry) => &["Articles 14 and 15 GDPR", "Zoé Martin"],
        (Lang::En, K::Reminder) => &["Reminder", "Article 15 GDPR", "1 September 2026", "Zoé Martin"],
        (Lang::En, K::Mandate) => &["Mandate", "GDPR"],
        (Lang::Fr, K::Access) => &["Demande d'accès", "article 15 du RGPD", "Zoé Martin"],
        (Lang::Fr, K::Objection) => &["Opposition", "prospection commerciale", "article 21 du RGPD", "Zoé Martin"],
        (Lang::Fr, K::Erasure) => &["Demande d'effacement", "article 17 du RGPD", "Zoé Martin"],
        (Lang::Fr, K::Combined) => &["articles 15, 21 et 17 du RGPD", "Zoé Martin"],
        (Lang::Fr, K::SourceInquiry) => &["origine", "articles 14 et 15 du RGPD", "Zoé Martin"],
        (Lang::Fr, K::Reminder) => &["Relance :", "article 15 du RGPD", "1er septembre 2026", "Zoé Martin"],
        (Lang::Fr, K::Mandate) => &["Mandat", "RGPD"],
        (Lang::De, K::Access) => &["Auskunftsersuchen nach Art. 15 DSGVO", "Zoé Martin"],
        (Lang::De, K::Objection) => &["Widerspruch gemäß Art. 21 DSGVO", "Direktwerbung", "Zoé Martin"],
        (Lang::De, K::Erasure) => &["Antrag auf Löschung gemäß Art. 17 DSGVO", "Zoé Martin"],
        (Lang::De, K::Combined) => &["Art. 15, 21 und 17 DSGVO", "Zoé Martin"],
        (Lang::De, K::SourceInquiry) => &["Herkunft", "Art. 14 und 15 DSGVO", "Zoé Martin"],
        (Lang::De, K::Reminder) => &["Erinnerung:", "Art. 15 DSGVO", "1. September 2026", "Zoé Martin"],
        (Lang::De, K::Mandate) => &["Vollmacht", "DSGVO"],
    }
}

/// Everything the body of `kind` in `lang` must contain, composed with [`options_for`].
fn body_items(kind: LetterKind, lang: Lang) -> Vec<String> {
    let p = parts(lang);
    let groups: Vec<&[&str]> = match kind {
        LetterKind::Access => vec![p.access, IDENTIFIERS, p.closing],
        LetterKind::Objection => {
            vec![p.direct_marketing, p.situation, p.objection_requests, IDENTIFIERS, p.closing]
        }
        // Composed with the default grounds: direct marketing only.
        LetterKind::Erasure => vec![p.direct_marketing, p.erasure, IDENTIFIERS, p.closing],
        LetterKind::Combined => {
            vec![p.combined, p.access, p.direct_marketing, p.situation, p.erasure, IDENTIFIERS, p.closing]
        }
        LetterKind::SourceInquiry => vec![p.source_inquiry, IDENTIFIERS, p.closing],
        LetterKind::Reminder => vec![p.reminder, IDENTIFIERS],
        LetterKind::Mandate => vec![p.mandate],
    };
    let mut items: Vec<String> = groups.into_iter().flatten().map(|s| (*s).to_owned()).collect();
    if kind == LetterKind::Reminder {
        // The items the answer lacked, as the core words and cites them, each with its list mark.
        let stop = if lang == Lang::Fr { "\u{a0};" } else { ";" };
        for (i, item) in MISSING.iter().enumerate() {
            let end = if i + 1 == MISSING.len() { "." } else { stop };
            items.push(format!("- {} ({}){end}", item.label(lang), item.citation(lang)));
        }
    }
    items
}

#[test]
fn every_letter_carries_its_legal_items_in_every_language() {
    let registry = registry();
    let mut failures = Vec::new();
    for &kind in LetterKind::ALL {
        for lang in LANGS {
            let l = letter(&registry, kind, lang);
            let text = l.postal_text();
            let subject: Vec<String> = subject_items(kind, lang).iter().map(|s| (*s).to_owned()).collect();
            for item in missing(&l.subject, &subject) {
                failures.push(format!("{kind:?}/{lang:?} subject {:?} lacks {item:?}", l.subject));
            }
            for item in missing(&text, &body_items(kind, lang)) {
                failures.push(format!("{kind:?}/{lang:?} lacks {item:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "missing legal items:\n{}", failures.join("\n"));
}

#[test]
fn the_combined_letter_keeps_access_objection_erasure_in_that_order() {
    let registry = registry();
    for lang in LANGS {
        let text = normalized(&letter(&registry, LetterKind::Combined, lang).postal_text());
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{lang:?}: no {s:?}"));
        let headings = parts(lang).combined;
        let (access, objection, erasure) = (at(headings[0]), at(headings[1]), at(headings[2]));
        assert!(access < objection && objection < erasure, "{lang:?}: the parts are out of order");
        // Each part's own wording sits under its heading.
        assert!(at(parts(lang).access[1]) > access && at(parts(lang).access[1]) < objection, "{lang:?}");
        assert!(at(parts(lang).erasure[0]) > erasure, "{lang:?}");
    }
}

#[test]
fn the_check_fails_when_an_item_is_removed() {
    let registry = registry();
    let required = body_items(LetterKind::Access, Lang::Fr);
    let text = letter(&registry, LetterKind::Access, Lang::Fr).postal_text();
    assert!(missing(&text, &required).is_empty());
    for removed in ["C-154/21", "SAN-2024-020", "§ 3", "LinkedIn"] {
        let cut = normalized(&text).replace(removed, "");
        assert!(!missing(&cut, &required).is_empty(), "removing {removed:?} went unnoticed");
    }
}

#[test]
fn every_reminder_names_the_request_it_chases() {
    let registry = registry();
    let requests = [
        (RequestKind::Access, ["Article 15 GDPR", "article 15 du RGPD", "Art. 15 DSGVO"]),
        (RequestKind::Objection, ["Article 21 GDPR", "article 21 du RGPD", "Art. 21 DSGVO"]),
        (RequestKind::Erasure, ["Article 17 GDPR", "article 17 du RGPD", "Art. 17 DSGVO"]),
        (
            RequestKind::Combined,
            ["Articles 15, 21 and 17 GDPR", "articles 15, 21 et 17 du RGPD", "Art. 15, 21 und 17 DSGVO"],
        ),
        (RequestKind::SourceInquiry, ["Articles 14 and 15 GDPR", "articles 14 et 15 du RGPD", "Art. 14 und 15 DSGVO"]),
    ];
    for (request, cites) in requests {
        for (lang, cite) in LANGS.into_iter().zip(cites) {
            let mut options = options_for(LetterKind::Reminder);
            if let Some(r) = options.reminder.as_mut() {
                r.request = request;
                r.answered_on = None;
                r.missing.clear();
            }
            let l = compose_with(LetterKind::Reminder, lang, &zoe(), kaspr(&registry), options);
            assert!(l.subject.contains(cite), "{request:?}/{lang:?}: subject {:?} lacks {cite:?}", l.subject);
            let text = normalized(&l.postal_text());
            assert!(text.contains(cite), "{request:?}/{lang:?}: body lacks {cite:?}");
            let (art_3, art_4) = match lang {
                Lang::En => ("12(3)", "12(4)"),
                Lang::Fr => ("art. 12, §§ 3 et 4", "art. 12, §§ 3 et 4"),
                Lang::De => ("Art. 12 Abs. 3 und 4", "Art. 12 Abs. 3 und 4"),
            };
            assert!(text.contains(art_3) && text.contains(art_4), "{request:?}/{lang:?}: no Art. 12(3)/(4)");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Typography of the French and German letters over many combinations of options.

fn agent_without_email() -> ProfileInput {
    ProfileInput {
        name: "Léa Petit".into(),
        address: vec!["5 quai Rambaud".into(), "69002 Lyon".into()],
        ..Default::default()
    }
}

/// (label, kind, person, whether to write to the registry vendor, options)
fn variants() -> Vec<(String, LetterKind, ProfileInput, bool, LetterOptions)> {
    let people = [
        ("full", zoe()),
        (
            "email-only",
            ProfileInput { name: "Zoé Martin".into(), emails: vec!["z@example.fr".into()], ..Default::default() },
        ),
        ("name-only", ProfileInput { name: "Zoé Martin".into(), ..Default::default() }),
    ];
    let agents = [None, Some(malik()), Some(agent_without_email())];
    let grounds = [
        ObjectionGrounds { direct_marketing: true, situation: vec![] },
        ObjectionGrounds { direct_marketing: false, situation: vec!["Para one.".into(), "Para two.".into()] },
        ObjectionGrounds { direct_marketing: true, situation: vec![SITUATION.into()] },
    ];
    let contacts = [
        None,
        Some(ContactEvent {
            date: Some(date(2026, 12, 1)),
            channel: Some("appel au 06 12 34 56 78".into()),
            by: Some("Jean Dupont".into()),
        }),
        Some(ContactEvent { date: Some(date(2026, 12, 1)), ..Default::default() }),
        Some(ContactEvent { by: Some("Jean Dupont".into()), ..Default::default() }),
        Some(ContactEvent { channel: Some("e-mail".into()), ..Default::default() }),
        Some(ContactEvent::default()),
    ];
    let requests = [
        RequestKind::Access,
        RequestKind::Objection,
        RequestKind::Erasure,
        RequestKind::Combined,
        RequestKind::SourceInquiry,
    ];
    let mut out = Vec::new();
    for (who, person) in &people {
        for vendor in [true, false] {
            for (a, agent) in agents.iter().enumerate() {
                let base = LetterOptions { agent: agent.clone(), ..Default::default() };
                let mut push = |label: String, kind: LetterKind, options: LetterOptions| {
                    out.push((
                        format!("{who}/vendor={vendor}/agent={a}/{label}"),
                        kind,
                        person.clone(),
                        vendor,
                        options,
                    ));
                };
                push("access".into(), LetterKind::Access, base.clone());
                for (g, ground) in grounds.iter().enumerate() {
                    for kind in [LetterKind::Objection, LetterKind::Erasure, LetterKind::Combined] {
                        push(format!("grounds={g}"), kind, LetterOptions { objection: ground.clone(), ..base.clone() });
                    }
                }
                for (c, contact) in contacts.iter().enumerate() {
                    let options = LetterOptions { contact: contact.clone(), ..base.clone() };
                    push(format!("contact={c}"), LetterKind::SourceInquiry, options);
                }
                for request in requests {
                    for state in 0..3 {
                        for reference in [None, Some("REQ-42".to_owned())] {
                            for due_on in [None, Some(date(2026, 10, 1))] {
                                let reminder = ReminderFacts {
                                    request,
                                    sent_on: date(2026, 9, 1),
                                    due_on,
                                    answered_on: (state > 0).then(|| date(2026, 9, 28)),
                                    missing: if state == 2 { AccessItem::ALL[..3].to_vec() } else { vec![] },
                                    reference: reference.clone(),
                                };
                                let options = LetterOptions { reminder: Some(reminder), ..base.clone() };
                                push(format!("{request:?}/state={state}"), LetterKind::Reminder, options);
                            }
                        }
                    }
                }
                if agent.is_some() {
                    for scope in [vec![], vec!["KASPR SAS".to_owned(), "Lusha Systems Ltd".to_owned()]] {
                        let options = LetterOptions { mandate_scope: scope, ..base.clone() };
                        push("mandate".into(), LetterKind::Mandate, options);
                    }
                }
            }
        }
    }
    out
}

fn block_text(block: &Block) -> &str {
    match block {
        Block::Paragraph(t) | Block::Item(t) | Block::Heading(t) => t,
    }
}

/// The typographic faults of one text (a block or the subject).
fn text_faults(text: &str, lang: Lang) -> Vec<String> {
    let mut faults = Vec::new();
    // French spaces before : ; ? ! and inside « » must be no-break spaces, so a line never
    // starts with the punctuation; the checks below then treat them as ordinary spaces.
    if lang == Lang::Fr {
        for bad in [" :", " ;", " ?", " !", " »", "« "] {
            if text.contains(bad) {
                faults.push(format!("breakable space in {bad:?}"));
            }
        }
    }
    let text = &text.replace('\u{a0}', " ");
    let chars: Vec<char> = text.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        // "soussigné(e)" is the one word that may carry a bracket.
        let inclusive = chars.get(i + 2..i + 4) == Some(&['e', ')'][..]);
        if a.is_alphanumeric() && b == '(' && !inclusive {
            faults.push(format!("glued before '(' at {i}"));
        }
        if a == ')' && b.is_alphanumeric() {
            faults.push(format!("glued after ')' at {i}"));
        }
        if a == ' ' && matches!(b, ' ' | ',' | '.' | ')') {
            faults.push(format!("stray space before {b:?} at {i}"));
        }
        if a == '(' && b == ' ' {
            faults.push(format!("stray space after '(' at {i}"));
        }
        let french = lang == Lang::Fr;
        if french && ((a == '«' && b != ' ') || (b == '»' && a != ' ')) {
            faults.push(format!("guillemets without their spaces at {i}"));
        }
        if !french && ((a == '„' && b == ' ') || (b == '“' && a == ' ')) {
            faults.push(format!("German quotes with a space inside at {i}"));
        }
    }
    for word in text.split(' ') {
        if word.contains("://") || word.contains('@') {
            continue;
        }
        let w: Vec<char> = word.chars().collect();
        match lang {
            // French: « x », and a space before : ; ? ! (so none of them may touch the word before).
            Lang::Fr => {
                if w.len() > 1 && (w.contains(&':') || w.contains(&';') || w.contains(&'?') || w.contains(&'!')) {
                    faults.push(format!("no space before the punctuation in {word:?}"));
                }
            }
            // German: no space before : ; ? !
            Lang::De => {
                if matches!(word, ":" | ";" | "?" | "!") {
                    faults.push(format!("space before {word:?}"));
                }
            }
            Lang::En => {}
        }
    }
    faults
}

/// The faults of a whole French or German letter.
fn letter_faults(l: &Letter, kind: LetterKind, lang: Lang) -> Vec<String> {
    let mut faults: Vec<String> = text_faults(&l.subject, lang).into_iter().map(|f| format!("subject: {f}")).collect();
    for (i, block) in l.body.iter().enumerate() {
        let text = block_text(block);
        faults.extend(text_faults(text, lang).into_iter().map(|f| format!("block {i} {text:?}: {f}")));
        if text.contains("{{") || text.contains("{%") || text.contains("}}") {
            faults.push(format!("block {i}: template syntax leaked: {text:?}"));
        }
    }
    // Salutation, then the first paragraph: French starts it with a capital, German in lower case.
    if kind != LetterKind::Mandate {
        let (salutation, closing) = match lang {
            Lang::Fr => (
                "Madame, Monsieur,",
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
            ),
            _ => ("Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen"),
        };
        if l.body.first().map(block_text) != Some(salutation) {
            faults.push(format!("does not open with {salutation:?}"));
        }
        if l.body.last().map(block_text) != Some(closing) {
            faults.push(format!("does not close with {closing:?}"));
        }
    }
    for (i, block) in l.body.iter().enumerate() {
        let Block::Paragraph(text) = block else { continue };
        let Some(first) = text.chars().next() else {
            faults.push(format!("block {i} is empty"));
            continue;
        };
        let user_text = text.starts_with("Para ") || text == SITUATION;
        if lang == Lang::De && i == 1 && kind != LetterKind::Mandate {
            // After "Sehr geehrte Damen und Herren," German goes on in lower case, nouns and names
            // apart ("Kaspr hat mich kontaktiert").
            let word = text.split(' ').next().unwrap_or_default();
            let lead_words = ["Hiermit", "Mit", "Am", "Vor", "Ich", "Gemäß", "Darüber", "Bitte", "Sie"];
            if lead_words.contains(&word) {
                faults.push(format!("block {i} should start in lower case: {text:?}"));
            }
        } else if !user_text && !first.is_uppercase() {
            faults.push(format!("block {i} starts in lower case: {text:?}"));
        }
    }
    // Lists: every item ends with ";" (" ;" in French) but the last, which ends with "."; the
    // identifiers ("Name: value") are a table, not a sentence, and carry no punctuation.
    let stop = if lang == Lang::Fr { "\u{a0};" } else { ";" };
    let mut i = 0;
    while i < l.body.len() {
        if !matches!(l.body[i], Block::Item(_)) {
            i += 1;
            continue;
        }
        let start = i;
        while i < l.body.len() && matches!(l.body[i], Block::Item(_)) {
            i += 1;
        }
        let run: Vec<&str> = l.body[start..i].iter().map(block_text).collect();
        if run[0].starts_with("Nom\u{a0}: ") || run[0].starts_with("Name: ") {
            continue;
        }
        for (n, item) in run.iter().enumerate() {
            let ok = if n + 1 == run.len() {
                item.ends_with('.') && !item.ends_with(" .")
            } else {
                item.ends_with(stop) && !(lang == Lang::Fr && item.ends_with("  ;"))
            };
            if !ok {
                faults.push(format!("list item {item:?} is badly punctuated"));
            }
        }
    }
    faults
}

#[test]
fn french_and_german_letters_are_clean_with_every_combination_of_options() {
    let registry = registry();
    let company = Recipient::company("Acme Leads", None, &[]).expect("company");
    let mut failures = Vec::new();
    let mut count = 0;
    for (label, kind, person, vendor, options) in variants() {
        for lang in [Lang::Fr, Lang::De] {
            let recipient = if vendor { kaspr(&registry) } else { company.clone() };
            let l = compose_with(kind, lang, &person, recipient, options.clone());
            count += 1;
            for f in letter_faults(&l, kind, lang) {
                failures.push(format!("{lang:?} {kind:?} {label}: {f}"));
            }
            // With an agent, the opening says so and where to answer.
            if let (Some(agent), true) = (&options.agent, kind != LetterKind::Mandate) {
                let opening = l.body.get(1).map(block_text).unwrap_or_default();
                let said = opening.contains(&agent.name)
                    && match agent.emails.first() {
                        Some(e) => opening.contains(e.as_str()),
                        None => opening.contains("mandataire") || opening.contains("Bevollmächtigten"),
                    };
                if !said {
                    failures
                        .push(format!("{lang:?} {kind:?} {label}: the opening does not name the agent: {opening:?}"));
                }
            }
        }
    }
    assert!(count > 1000, "only {count} letters composed");
    failures.truncate(40);
    assert!(failures.is_empty(), "typographic faults:\n{}", failures.join("\n"));
}

#[test]
fn the_combined_letter_says_the_objection_takes_effect_at_once_only_for_direct_marketing() {
    let registry = registry();
    let at_once = ["takes effect at once", "prend effet immédiatement", "wirkt sofort"];
    for (lang, words) in LANGS.into_iter().zip(at_once) {
        for direct_marketing in [true, false] {
            let mut options = options_for(LetterKind::Combined);
            options.objection.direct_marketing = direct_marketing;
            let l = compose_with(LetterKind::Combined, lang, &zoe(), kaspr(&registry), options);
            let text = normalized(&l.postal_text());
            assert_eq!(
                text.contains(words),
                direct_marketing,
                "{lang:?}, direct marketing {direct_marketing}: {words:?} (Art. 21(3) applies to direct marketing only)"
            );
        }
    }
}

#[test]
fn reminder_templates_say_the_period_the_complaint_waits_for() {
    assert_eq!(redress_core::letter::REMINDER_PERIOD_DAYS, 14, "the templates say two weeks");
    let registry = registry();
    for (lang, words) in LANGS.into_iter().zip(["within two weeks", "délai de deux semaines", "von zwei Wochen"]) {
        let l = compose_with(LetterKind::Reminder, lang, &zoe(), kaspr(&registry), options_for(LetterKind::Reminder));
        assert!(normalized(&l.postal_text()).contains(words), "{lang:?}: the reminder does not give {words:?}");
    }
}
