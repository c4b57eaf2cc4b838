//! The dossier in French, for the CNIL: the report's sections and the texts for its online form.

use std::fmt::Write;

use jiff::civil::{Date, Weekday};

use super::facts::{DossierCase, DossierInput};
use super::grievances::{Grievance, grievances};
use crate::case::{AnswerKind, CaseEvent, Channel, RequestKind};
use crate::identity::Lang;
use crate::letter::long_date;
use crate::report::{Report, ReportBlock, ReportSection, ReportWords};

fn fr(d: Date) -> String {
    long_date(d, Lang::Fr)
}

/// "lundi 7 avril 2025".
fn fr_day(d: Date) -> String {
    let day = match d.weekday() {
        Weekday::Monday => "lundi",
        Weekday::Tuesday => "mardi",
        Weekday::Wednesday => "mercredi",
        Weekday::Thursday => "jeudi",
        Weekday::Friday => "vendredi",
        Weekday::Saturday => "samedi",
        Weekday::Sunday => "dimanche",
    };
    format!("{day} {}", fr(d))
}

/// The request with its possessive ("ma demande d'accès", "mon opposition").
fn request_fr(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => "ma demande d'accès (article 15 du RGPD)",
        RequestKind::Objection => "mon opposition (article 21 du RGPD)",
        RequestKind::Erasure => "ma demande d'effacement (article 17 du RGPD)",
        RequestKind::Combined => {
            "ma demande d'accès, mon opposition et ma demande d'effacement (articles 15, 21 et 17 du RGPD)"
        }
        RequestKind::SourceInquiry => "ma demande relative à la source de mes données (articles 14 et 15 du RGPD)",
    }
}

fn channel_fr(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "par courrier électronique",
        Channel::RegisteredPost => "par lettre recommandée avec avis de réception",
        Channel::WebForm => "par le formulaire en ligne de la société",
    }
}

fn answer_fr(kind: AnswerKind) -> &'static str {
    match kind {
        AnswerKind::Complete => "Réponse de la société (jugée complète)",
        AnswerKind::Incomplete => "Réponse incomplète de la société",
        AnswerKind::NoDataHeld => "La société déclare ne détenir aucune donnée me concernant",
        AnswerKind::Refused => "La société refuse de faire droit à la demande",
    }
}

fn controller(input: &DossierInput<'_>) -> String {
    input.vendor.legal_entity.clone().unwrap_or_else(|| input.vendor.name.clone())
}

/// "843 898 396" from "843898396".
fn siren(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 9 { format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..]) } else { s.to_owned() }
}

/// The exhibits of a case dated `on`, as "pièce n° 2" / "pièces n° 2 et 3".
fn exhibits_for(input: &DossierInput<'_>, case: i64, on: Date) -> String {
    let numbers: Vec<String> = input
        .exhibits
        .iter()
        .filter(|e| e.case_id == Some(case) && e.dated == Some(on))
        .map(|e| e.number.to_string())
        .collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => format!("pièce n° {one}"),
        [init @ .., last] => format!("pièces n° {} et {last}", init.join(", ")),
    }
}

fn chronology(input: &DossierInput<'_>) -> Vec<(Date, Vec<String>)> {
    let mut rows: Vec<(Date, Vec<String>)> = Vec::new();
    let several = input.cases.len() > 1;
    for c in &input.cases {
        let what = request_fr(c.kind);
        // With several cases, each line says which one it belongs to.
        let which = if several { format!(" (dossier n° {})", c.id) } else { String::new() };
        for e in &c.timeline {
            let on = e.on();
            let (event, note) = match e {
                CaseEvent::Sent { channel, received_on, reference, .. } => (
                    format!("Envoi de {what} {}{which}", channel_fr(*channel)),
                    [
                        received_on.map(|r| format!("reçue le {}", fr(r))),
                        reference.as_ref().map(|r| format!("réf. {r}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ; "),
                ),
                CaseEvent::Acknowledged { .. } => ("Accusé de réception de la société".into(), String::new()),
                CaseEvent::ExtensionAnnounced { .. } => (
                    "La société annonce une prolongation du délai de deux mois".into(),
                    "article 12, paragraphe 3, du RGPD".into(),
                ),
                CaseEvent::Answered { kind, .. } => {
                    let late = c.deadline.as_ref().is_some_and(|d| on > d.due);
                    (
                        format!("{}{which}", answer_fr(*kind)),
                        if late { "après l'expiration du délai".into() } else { String::new() },
                    )
                }
                CaseEvent::MarkedOverdue { .. } => {
                    (format!("Constat : aucune réponse dans le délai{which}"), String::new())
                }
                CaseEvent::Reminded { .. } => (format!("Relance adressée à la société{which}"), String::new()),
                CaseEvent::Escalated { .. } => ("Plainte auprès d'une autorité de contrôle".into(), String::new()),
                CaseEvent::Closed { note, .. } => ("Dossier clos".into(), note.clone().unwrap_or_default()),
            };
            rows.push((on, vec![fr(on), event, note, exhibits_for(input, c.id, on)]));
        }
        if let Some(d) = &c.deadline {
            let base = if c.extended() { "délai prolongé" } else { "un mois à compter de la réception" };
            rows.push((
                d.due,
                vec![
                    fr(d.due),
                    format!("Fin du délai de réponse ({}){which}", fr_day(d.due)),
                    format!("{base} ; article 12, paragraphe 3, du RGPD ; règlement n° 1182/71"),
                    String::new(),
                ],
            ));
        }
    }
    rows.sort_by_key(|(d, _)| *d);
    rows
}

fn summary(input: &DossierInput<'_>, found: &[Grievance]) -> String {
    let who = &input.complainant.name;
    let mut s = format!(
        "Je soussigné(e) {who} dépose plainte contre la société {}{} pour non-respect de mes droits au titre du \
         règlement général sur la protection des données (RGPD).",
        controller(input),
        input.vendor.siren.as_deref().map(|n| format!(" (SIREN {})", siren(n))).unwrap_or_default()
    );
    for c in &input.cases {
        let Some((sent, _)) = c.sent() else { continue };
        let _ = write!(s, " Le {}, je lui ai adressé {}.", fr(sent), request_fr(c.kind));
        match (c.answer(), &c.deadline) {
            (None, Some(d)) if input.date > d.due => {
                let _ = write!(s, " Le délai de réponse expirait le {} ; je n'ai reçu aucune réponse.", fr(d.due));
            }
            (None, _) => s.push_str(" Je n'ai pas encore reçu de réponse."),
            (Some((AnswerKind::Incomplete, on)), _) => {
                let _ =
                    write!(s, " Sa réponse du {} est incomplète ({} élément(s) manquant(s)).", fr(on), c.missing.len());
            }
            (Some((kind, on)), _) => {
                let _ = write!(s, " Le {} : {}.", fr(on), answer_fr(kind));
            }
        }
    }
    if !found.is_empty() {
        let articles: Vec<String> = found.iter().map(|g| lower_first(&g.article)).collect();
        let _ = write!(
            s,
            " Ces faits caractérisent des manquements aux dispositions suivantes : {}.",
            articles.join(" ; ")
        );
    }
    s
}

fn remedies(input: &DossierInput<'_>, found: &[Grievance]) -> Vec<String> {
    let kinds: Vec<RequestKind> = input.cases.iter().map(|c| c.kind).collect();
    let unsatisfied =
        |c: &&DossierCase| !matches!(c.answer(), Some((AnswerKind::Complete | AnswerKind::NoDataHeld, _)));
    let mut out = vec!["constater les manquements exposés ci-dessus ;".to_owned()];
    if input
        .cases
        .iter()
        .filter(unsatisfied)
        .any(|c| matches!(c.kind, RequestKind::Access | RequestKind::Combined | RequestKind::SourceInquiry))
    {
        out.push(
            "enjoindre à la société de répondre de manière complète à ma demande d'accès, en indiquant notamment la \
             source précise de chacune de mes données et l'identité des destinataires auxquels elles ont été \
             communiquées ;"
                .into(),
        );
    }
    if kinds.iter().any(|k| *k != RequestKind::Access) && input.cases.iter().filter(unsatisfied).count() > 0 {
        out.push("enjoindre à la société de cesser tout traitement de mes données à des fins de prospection ;".into());
    }
    if kinds.iter().any(|k| matches!(k, RequestKind::Erasure | RequestKind::Combined)) {
        out.push(
            "enjoindre à la société d'effacer mes données et de notifier cet effacement à chacun des destinataires \
             (articles 17 et 19 du RGPD), après avoir répondu à ma demande d'accès ;"
                .into(),
        );
    }
    if found.iter().any(|g| g.article.contains("14")) {
        out.push(
            "enjoindre à la société d'informer les personnes dont elle collecte les données (article 14 du RGPD) ;"
                .into(),
        );
    }
    out.push(
        "me tenir informé(e) de l'état d'avancement et de l'issue de ma plainte (article 77, paragraphe 2, du RGPD)."
            .into(),
    );
    out
}

fn person_rows(p: &crate::identity::ProfileInput) -> Vec<(String, String)> {
    let mut rows = vec![("Nom".to_owned(), p.name.clone())];
    if !p.address.is_empty() {
        rows.push(("Adresse".into(), p.address.join(", ")));
    }
    if !p.emails.is_empty() {
        rows.push(("Adresse électronique".into(), p.emails.join(", ")));
    }
    if !p.phones.is_empty() {
        rows.push(("Téléphone".into(), p.phones.join(", ")));
    }
    if let Some(e) = &p.employer {
        rows.push(("Employeur".into(), e.clone()));
    }
    if let Some(l) = &p.linkedin_url {
        rows.push(("Profil LinkedIn".into(), l.clone()));
    }
    rows
}

/// The dossier as a report in French. Its `exhibits` are empty: the caller adds the files, in
/// the order of `input.exhibits`.
pub fn compose_fr(input: &DossierInput<'_>) -> Report {
    let found = grievances(input);
    let v = input.vendor;
    let mut sections = Vec::new();

    sections.push(ReportSection {
        title: "Résumé".into(),
        new_page: false,
        blocks: vec![
            ReportBlock::Paragraph { text: summary(input, &found) },
            ReportBlock::Paragraph {
                text: "Conformément à ce que demande la CNIL, j'ai exercé mes droits auprès de la société avant de \
                       la saisir ; les copies de mes demandes, des preuves d'envoi et des réponses reçues sont jointes \
                       (voir la liste des pièces)."
                    .into(),
            },
        ],
    });

    let mut parties = vec![
        ReportBlock::Subheading { text: "Plaignant(e)".into() },
        ReportBlock::Fields { rows: person_rows(input.complainant) },
    ];
    if let Some(agent) = input.agent {
        parties.push(ReportBlock::Subheading { text: "Mandataire".into() });
        parties.push(ReportBlock::Fields { rows: person_rows(agent) });
        parties.push(ReportBlock::Paragraph {
            text: "Le mandat signé par la personne concernée est joint (article 80, paragraphe 1, du RGPD).".into(),
        });
    }
    let mut org = vec![("Raison sociale".to_owned(), controller(input)), ("Nom commercial".into(), v.name.clone())];
    if let Some(s) = &v.siren {
        org.push(("SIREN".into(), siren(s)));
    }
    if let Some(a) = &v.address {
        org.push(("Adresse".into(), a.join(", ")));
    }
    if let Some(e) = v.request_email() {
        org.push(("Contact données personnelles".into(), e.to_owned()));
    }
    if let Some(c) = &v.country {
        org.push(("Pays".into(), c.as_str().to_owned()));
    }
    if let Some(r) = &v.eu_representative {
        org.push(("Représentant dans l'UE (article 27)".into(), r.name.clone()));
    }
    if let Some(w) = &v.contacts.website {
        org.push(("Site internet".into(), w.clone()));
    }
    parties.push(ReportBlock::Subheading { text: "Organisme mis en cause".into() });
    parties.push(ReportBlock::Fields { rows: org });
    sections.push(ReportSection { title: "Les parties".into(), new_page: false, blocks: parties });

    let rows: Vec<Vec<String>> = chronology(input).into_iter().map(|(_, r)| r).collect();
    sections.push(ReportSection {
        title: "Chronologie".into(),
        new_page: true,
        blocks: vec![
            ReportBlock::Paragraph {
                text: "Les délais sont calculés selon l'article 12, paragraphe 3, du RGPD et le règlement (CEE, \
                       Euratom) n° 1182/71 : le jour de la réception n'est pas compté, le délai expire le même \
                       quantième du mois suivant (ou le dernier jour de ce mois) et, s'il tombe un samedi, un dimanche \
                       ou un jour férié, le jour ouvrable suivant."
                    .into(),
            },
            ReportBlock::Table {
                header: vec!["Date".into(), "Événement".into(), "Précisions".into(), "Pièce".into()],
                widths: vec![18, 42, 26, 14],
                rows,
            },
        ],
    });

    let mut blocks = Vec::new();
    if found.is_empty() {
        blocks.push(ReportBlock::Paragraph {
            text: "Les faits enregistrés ne font pas encore apparaître de manquement caractérisé (délai non expiré ou \
                   réponse jugée complète)."
                .into(),
        });
    }
    for (i, g) in found.iter().enumerate() {
        blocks.push(ReportBlock::Subheading { text: format!("{}. {} ({})", i + 1, g.title, g.article) });
        let mut facts = g.facts.iter();
        if let Some(first) = facts.next() {
            blocks.push(ReportBlock::Paragraph { text: first.clone() });
        }
        // After "ne comporte pas :", the missing items read as a list.
        let listed = g.facts.first().is_some_and(|f| f.ends_with(':'));
        for f in facts {
            blocks.push(if listed {
                ReportBlock::Item { text: f.clone() }
            } else {
                ReportBlock::Paragraph { text: f.clone() }
            });
        }
        for p in &g.precedents {
            blocks.push(ReportBlock::Paragraph { text: format!("Voir : {p}") });
        }
    }
    sections.push(ReportSection { title: "Manquements constatés".into(), new_page: true, blocks });

    if !input.observations.is_empty() {
        sections.push(ReportSection {
            title: "Observations complémentaires".into(),
            new_page: false,
            blocks: input.observations.iter().map(|o| ReportBlock::Paragraph { text: o.clone() }).collect(),
        });
    }

    let mut asks = vec![ReportBlock::Paragraph { text: "Je demande à la CNIL de bien vouloir :".into() }];
    asks.extend(remedies(input, &found).into_iter().map(|text| ReportBlock::Item { text }));
    sections.push(ReportSection { title: "Demandes".into(), new_page: false, blocks: asks });

    sections.push(ReportSection {
        title: "Liste des pièces".into(),
        new_page: false,
        blocks: if input.exhibits.is_empty() {
            vec![ReportBlock::Paragraph { text: "Aucune pièce.".into() }]
        } else {
            vec![ReportBlock::Table {
                header: vec!["Pièce".into(), "Document".into()],
                widths: vec![15, 85],
                rows: input.exhibits.iter().map(|e| vec![format!("n° {}", e.number), e.title.clone()]).collect(),
            }]
        },
    });

    sections.push(ReportSection {
        title: "Signature".into(),
        new_page: false,
        blocks: vec![
            ReportBlock::Paragraph {
                text: format!("Je certifie l'exactitude des informations ci-dessus. Fait le {}.", fr(input.date)),
            },
            ReportBlock::Paragraph {
                text: input.agent.map_or(input.complainant.name.clone(), |a| {
                    format!("{}, pour le compte de {}", a.name, input.complainant.name)
                }),
            },
        ],
    });

    Report {
        title: format!("Plainte auprès de la {}", authority_short(input)),
        cover_lines: vec![
            format!("Plaignant(e) : {}", input.complainant.name),
            format!(
                "Organisme mis en cause : {}{}",
                controller(input),
                v.siren.as_deref().map(|n| format!(" (SIREN {})", siren(n))).unwrap_or_default()
            ),
            format!("Objet : {}", found.iter().map(|g| g.title.as_str()).collect::<Vec<_>>().join(" ; ")),
            format!("Date : {}", fr(input.date)),
            format!("{} pièce(s) jointe(s)", input.exhibits.len()),
        ],
        author: input.agent.unwrap_or(input.complainant).name.clone(),
        lang: "fr".into(),
        words: ReportWords {
            page: "Page".into(),
            of: "sur".into(),
            exhibit: "Pièce n°".into(),
            exhibit_unreadable: "Cette pièce n'a pas pu être reproduite ici ; le fichier original est conservé \
                                 par le plaignant et peut être transmis sur demande."
                .into(),
        },
        sections,
        exhibits: Vec::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// "CNIL" for the CNIL, else the authority's name.
fn authority_short(input: &DossierInput<'_>) -> String {
    if input.authority.id.as_str() == "frcnil" { "CNIL".into() } else { input.authority.name.clone() }
}

/// The texts to paste into the CNIL's online complaint form (cnil.fr/fr/plaintes), field by
/// field, and the attachments to add. The CNIL publishes no length limits for its fields, so
/// the description is kept short and refers to the PDF.
pub fn form_text_fr(input: &DossierInput<'_>, pdf_name: &str) -> String {
    let found = grievances(input);
    let v = input.vendor;
    let mut out = String::from(
        "Textes pour le formulaire de plainte en ligne de la CNIL (https://www.cnil.fr/fr/plaintes)\n\
         Copiez chaque partie dans le champ correspondant. La CNIL n'indique pas de longueur maximale : \
         si un champ refuse le texte, raccourcissez-le et renvoyez au PDF joint.\n\n",
    );
    let _ = writeln!(out, "== Organisme concerné ==\n{}", controller(input));
    if let Some(s) = &v.siren {
        let _ = writeln!(out, "SIREN : {}", siren(s));
    }
    if let Some(a) = &v.address {
        let _ = writeln!(out, "Adresse : {}", a.join(", "));
    }
    if let Some(w) = &v.contacts.website {
        let _ = writeln!(out, "Site : {w}");
    }
    let _ = writeln!(
        out,
        "\n== Objet de la plainte ==\n{}",
        found.iter().map(|g| g.title.as_str()).collect::<Vec<_>>().join(" ; ")
    );
    let _ = writeln!(out, "\n== Description ==\n{}", summary(input, &found));
    let _ = writeln!(
        out,
        "Le dossier complet, avec la chronologie, les manquements et les pièces, est joint : {pdf_name}."
    );
    out.push_str("\n== Démarches effectuées auprès de l'organisme ==\n");
    for (_, row) in chronology(input) {
        let note = if row[2].is_empty() { String::new() } else { format!(" ({})", row[2]) };
        let _ = writeln!(out, "- {} : {}{note}", row[0], row[1]);
    }
    out.push_str("\n== Pièces jointes ==\n");
    let _ = writeln!(out, "- {pdf_name} (plainte et toutes les pièces ci-dessous, réunies dans un seul fichier)");
    for e in &input.exhibits {
        let _ = writeln!(out, "- Pièce n° {} : {}", e.number, e.title);
    }
    if let Some(address) = &input.authority.address {
        let name = crate::letter::native_name(&input.authority.name);
        let _ = writeln!(out, "\n== Par courrier ==\n{name}\n{}\n(joindre le PDF imprimé)", address.join("\n"));
    }
    out
}
