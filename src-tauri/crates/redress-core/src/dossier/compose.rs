//! The dossier as a report — summary, parties, chronology, grievances, requests, exhibits,
//! signature — and the texts for an authority's complaint form, in French (for the CNIL),
//! English or German. One structure; the words come from [`super::phrases`] and the grievances.

use std::fmt::Write;

use jiff::civil::Date;

use super::facts::{DossierCase, DossierInput};
use super::grievances::{Grievance, grievances_in};
use super::phrases::{
    answer, answer_sentence, day_and_date, exhibit_refs, person_labels, pick, request, sent_event, which_case,
};
use crate::case::{AnswerKind, CaseEvent, RequestKind};
use crate::identity::Lang;
use crate::letter::{long_date, native_name};
use crate::report::{Report, ReportBlock, ReportSection, ReportWords};

fn controller(input: &DossierInput<'_>) -> String {
    input.vendor.legal_entity.clone().unwrap_or_else(|| input.vendor.name.clone())
}

/// "843 898 396" from "843898396".
fn siren(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 9 { format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..]) } else { s.to_owned() }
}

/// " (SIREN 843 898 396)", or nothing.
fn siren_note(input: &DossierInput<'_>) -> String {
    input.vendor.siren.as_deref().map(|n| format!(" (SIREN {})", siren(n))).unwrap_or_default()
}

/// The exhibits of a case dated `on`: "pièce n° 2", "Exhibits 2 and 3", "Anlage 2".
fn exhibits_for(input: &DossierInput<'_>, case: i64, on: Date, lang: Lang) -> String {
    let numbers: Vec<String> = input
        .exhibits
        .iter()
        .filter(|e| e.case_id == Some(case) && e.dated == Some(on))
        .map(|e| e.number.to_string())
        .collect();
    exhibit_refs(&numbers, lang)
}

/// Rows of [date, event, details, exhibits], in date order.
fn chronology(input: &DossierInput<'_>, lang: Lang) -> Vec<(Date, Vec<String>)> {
    let d = |date: Date| long_date(date, lang);
    let mut rows: Vec<(Date, Vec<String>)> = Vec::new();
    let several = input.cases.len() > 1;
    for c in &input.cases {
        // With several cases, each line says which one it belongs to.
        let which = if several { which_case(c.id, lang) } else { String::new() };
        for e in &c.timeline {
            let on = e.on();
            let (event, note) = match e {
                CaseEvent::Sent { channel, received_on, reference, .. } => (
                    format!("{}{which}", sent_event(c.kind, *channel, lang)),
                    [
                        received_on.map(|r| match lang {
                            Lang::Fr => format!("reçue le {}", d(r)),
                            Lang::En => format!("received on {}", d(r)),
                            Lang::De => format!("zugegangen am {}", d(r)),
                        }),
                        reference.as_ref().map(|r| match lang {
                            Lang::Fr => format!("réf. {r}"),
                            Lang::En => format!("ref. {r}"),
                            Lang::De => format!("Referenz {r}"),
                        }),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(pick(lang, " ; ", "; ", "; ")),
                ),
                CaseEvent::Acknowledged { .. } => (
                    pick(
                        lang,
                        "Accusé de réception de la société",
                        "Acknowledgement of receipt from the company",
                        "Eingangsbestätigung des Unternehmens",
                    )
                    .into(),
                    String::new(),
                ),
                CaseEvent::ExtensionAnnounced { .. } => (
                    pick(
                        lang,
                        "La société annonce une prolongation du délai de deux mois",
                        "The company announces a two-month extension of the period",
                        "Das Unternehmen kündigt eine Fristverlängerung um zwei Monate an",
                    )
                    .into(),
                    pick(lang, "article 12, paragraphe 3, du RGPD", "Article 12(3) GDPR", "Art. 12 Abs. 3 DSGVO")
                        .into(),
                ),
                CaseEvent::Answered { kind, .. } => {
                    let late = c.deadline.as_ref().is_some_and(|d| on > d.due);
                    (
                        format!("{}{which}", answer(*kind, lang)),
                        if late {
                            pick(
                                lang,
                                "après l'expiration du délai",
                                "after the period had expired",
                                "nach Fristablauf",
                            )
                            .into()
                        } else {
                            String::new()
                        },
                    )
                }
                CaseEvent::MarkedOverdue { .. } => (
                    format!(
                        "{}{which}",
                        pick(
                            lang,
                            "Constat : aucune réponse dans le délai",
                            "Noted: no reply within the period",
                            "Festgestellt: keine Antwort innerhalb der Frist",
                        )
                    ),
                    String::new(),
                ),
                CaseEvent::Reminded { .. } => (
                    format!(
                        "{}{which}",
                        pick(
                            lang,
                            "Relance adressée à la société",
                            "Reminder sent to the company",
                            "Erinnerung an das Unternehmen"
                        )
                    ),
                    String::new(),
                ),
                CaseEvent::Escalated { .. } => (
                    pick(
                        lang,
                        "Plainte auprès d'une autorité de contrôle",
                        "Complaint to a supervisory authority",
                        "Beschwerde bei einer Aufsichtsbehörde",
                    )
                    .into(),
                    String::new(),
                ),
                CaseEvent::Closed { note, .. } => (
                    pick(lang, "Dossier clos", "Case closed", "Vorgang abgeschlossen").into(),
                    note.clone().unwrap_or_default(),
                ),
            };
            rows.push((on, vec![d(on), event, note, exhibits_for(input, c.id, on, lang)]));
        }
        if let Some(due) = &c.deadline {
            let due = due.due;
            let (event, note) = match lang {
                Lang::Fr => (
                    format!("Fin du délai de réponse ({}){which}", day_and_date(due, lang)),
                    format!(
                        "{} ; article 12, paragraphe 3, du RGPD ; règlement n° 1182/71",
                        if c.extended() { "délai prolongé" } else { "un mois à compter de la réception" }
                    ),
                ),
                Lang::En => (
                    format!("End of the period for a reply ({}){which}", day_and_date(due, lang)),
                    format!(
                        "{}; Article 12(3) GDPR; Regulation No 1182/71",
                        if c.extended() { "extended period" } else { "one month from receipt" }
                    ),
                ),
                Lang::De => (
                    format!("Ende der Antwortfrist ({}){which}", day_and_date(due, lang)),
                    format!(
                        "{}; Art. 12 Abs. 3 DSGVO; Verordnung Nr. 1182/71",
                        if c.extended() { "verlängerte Frist" } else { "ein Monat ab Eingang" }
                    ),
                ),
            };
            rows.push((due, vec![d(due), event, note, String::new()]));
        }
    }
    rows.sort_by_key(|(d, _)| *d);
    rows
}

fn summary(input: &DossierInput<'_>, found: &[Grievance], lang: Lang) -> String {
    let d = |date: Date| long_date(date, lang);
    let who = &input.complainant.name;
    let (org, siren) = (controller(input), siren_note(input));
    let mut s = match lang {
        Lang::Fr => format!(
            "Je soussigné(e) {who} dépose plainte contre la société {org}{siren} pour non-respect de mes droits au \
             titre du règlement général sur la protection des données (RGPD)."
        ),
        Lang::En => format!(
            "I, {who}, hereby lodge a complaint against {org}{siren} for infringing my rights under the General Data \
             Protection Regulation (GDPR)."
        ),
        Lang::De => format!(
            "Hiermit lege ich, {who}, Beschwerde gegen {org}{siren} ein, weil meine Rechte aus der \
             Datenschutz-Grundverordnung (DSGVO) verletzt wurden."
        ),
    };
    for c in &input.cases {
        let Some((sent, _)) = c.sent() else { continue };
        let what = request(c.kind, lang);
        let _ = match lang {
            Lang::Fr => write!(s, " Le {}, je lui ai adressé {what}.", d(sent)),
            Lang::En => write!(s, " On {}, I sent the company {what}.", d(sent)),
            Lang::De => write!(s, " Am {} habe ich dem Unternehmen {what} übermittelt.", d(sent)),
        };
        match (c.answer(), &c.deadline) {
            (None, Some(due)) if input.date > due.due => {
                let due = d(due.due);
                let _ = match lang {
                    Lang::Fr => write!(s, " Le délai de réponse expirait le {due} ; je n'ai reçu aucune réponse."),
                    Lang::En => write!(s, " The period for a reply expired on {due}; I have received no reply."),
                    Lang::De => write!(s, " Die Antwortfrist endete am {due}; eine Antwort habe ich nicht erhalten."),
                };
            }
            (None, _) => s.push_str(pick(
                lang,
                " Je n'ai pas encore reçu de réponse.",
                " I have not yet received a reply.",
                " Eine Antwort liegt mir noch nicht vor.",
            )),
            (Some((AnswerKind::Incomplete, on)), _) => {
                let (on, n) = (d(on), c.missing.len());
                let _ = match lang {
                    Lang::Fr => write!(s, " Sa réponse du {on} est incomplète ({n} élément(s) manquant(s))."),
                    Lang::En if n == 1 => write!(s, " Its reply of {on} is incomplete (1 item is missing)."),
                    Lang::En => write!(s, " Its reply of {on} is incomplete ({n} items are missing)."),
                    Lang::De if n == 1 => write!(s, " Die Antwort vom {on} ist unvollständig (es fehlt eine Angabe)."),
                    Lang::De => write!(s, " Die Antwort vom {on} ist unvollständig (es fehlen {n} Angaben)."),
                };
            }
            (Some((kind, on)), _) => {
                s.push(' ');
                s.push_str(&answer_sentence(kind, on, lang));
            }
        }
    }
    if !found.is_empty() {
        let articles: Vec<String> = match lang {
            // In the middle of a French sentence, "Article 15 du RGPD" becomes "article 15 du RGPD".
            Lang::Fr => found.iter().map(|g| lower_first(&g.article)).collect(),
            Lang::En | Lang::De => found.iter().map(|g| g.article.clone()).collect(),
        };
        let _ = match lang {
            Lang::Fr => write!(
                s,
                " Ces faits caractérisent des manquements aux dispositions suivantes : {}.",
                articles.join(" ; ")
            ),
            Lang::En => {
                write!(s, " These facts amount to infringements of the following provisions: {}.", articles.join("; "))
            }
            Lang::De => {
                write!(s, " Diese Tatsachen begründen Verstöße gegen folgende Vorschriften: {}.", articles.join("; "))
            }
        };
    }
    s
}

fn remedies(input: &DossierInput<'_>, lang: Lang) -> Vec<String> {
    let kinds: Vec<RequestKind> = input.cases.iter().map(|c| c.kind).collect();
    let unsatisfied =
        |c: &&DossierCase| !matches!(c.answer(), Some((AnswerKind::Complete | AnswerKind::NoDataHeld, _)));
    let mut out = vec![pick(
        lang,
        "constater les manquements exposés ci-dessus ;",
        "find that the infringements set out above have occurred;",
        "die oben dargelegten Verstöße festzustellen;",
    )];
    if input
        .cases
        .iter()
        .filter(unsatisfied)
        .any(|c| matches!(c.kind, RequestKind::Access | RequestKind::Combined | RequestKind::SourceInquiry))
    {
        out.push(pick(
            lang,
            "enjoindre à la société de répondre de manière complète à ma demande d'accès, en indiquant notamment la \
             source précise de chacune de mes données et l'identité des destinataires auxquels elles ont été \
             communiquées ;",
            "order the company to answer my access request in full, stating in particular the specific source of \
             each item of my data and the identity of the recipients to whom it was disclosed;",
            "das Unternehmen anzuweisen, mein Auskunftsersuchen vollständig zu beantworten, insbesondere unter \
             Angabe der konkreten Herkunft jedes einzelnen meiner Daten und der Identität der Empfänger, denen sie \
             offengelegt wurden;",
        ));
    }
    if kinds.iter().any(|k| *k != RequestKind::Access) && input.cases.iter().filter(unsatisfied).count() > 0 {
        out.push(pick(
            lang,
            "enjoindre à la société de cesser tout traitement de mes données à des fins de prospection ;",
            "order the company to stop all processing of my data for direct marketing purposes;",
            "das Unternehmen anzuweisen, jede Verarbeitung meiner Daten zum Zwecke der Direktwerbung einzustellen;",
        ));
    }
    if kinds.iter().any(|k| matches!(k, RequestKind::Erasure | RequestKind::Combined)) {
        out.push(pick(
            lang,
            "enjoindre à la société d'effacer mes données et de notifier cet effacement à chacun des destinataires \
             (articles 17 et 19 du RGPD), après avoir répondu à ma demande d'accès ;",
            "order the company, once it has answered my access request, to erase my data and to communicate the \
             erasure to each recipient (Articles 17 and 19 GDPR);",
            "das Unternehmen anzuweisen, nach Beantwortung meines Auskunftsersuchens meine Daten zu löschen und die \
             Löschung jedem Empfänger mitzuteilen (Art. 17 und 19 DSGVO);",
        ));
    }
    // Only the complainant's statement supports the Art. 14 grievance.
    if input.never_informed {
        out.push(pick(
            lang,
            "enjoindre à la société d'informer les personnes dont elle collecte les données (article 14 du RGPD) ;",
            "order the company to inform the people whose data it collects (Article 14 GDPR);",
            "das Unternehmen anzuweisen, die Personen zu informieren, deren Daten es erhebt (Art. 14 DSGVO);",
        ));
    }
    out.push(pick(
        lang,
        "me tenir informé(e) de l'état d'avancement et de l'issue de ma plainte (article 77, paragraphe 2, du RGPD).",
        "keep me informed of the progress and outcome of my complaint (Article 77(2) GDPR).",
        "mich über den Stand und das Ergebnis meiner Beschwerde zu unterrichten (Art. 77 Abs. 2 DSGVO).",
    ));
    out.into_iter().map(str::to_owned).collect()
}

fn person_rows(p: &crate::identity::ProfileInput, lang: Lang) -> Vec<(String, String)> {
    let l = person_labels(lang);
    let mut rows = vec![(l.name.to_owned(), p.name.clone())];
    if !p.address.is_empty() {
        rows.push((l.address.into(), p.address.join(", ")));
    }
    if !p.emails.is_empty() {
        rows.push((l.email.into(), p.emails.join(", ")));
    }
    if !p.phones.is_empty() {
        rows.push((l.phone.into(), p.phones.join(", ")));
    }
    if let Some(e) = &p.employer {
        rows.push((l.employer.into(), e.clone()));
    }
    if let Some(u) = &p.linkedin_url {
        rows.push((l.linkedin.into(), u.clone()));
    }
    rows
}

fn vendor_rows(input: &DossierInput<'_>, lang: Lang) -> Vec<(String, String)> {
    let v = input.vendor;
    let label = |fr, en, de| pick(lang, fr, en, de).to_owned();
    let mut org = vec![
        (label("Raison sociale", "Legal name", "Firma"), controller(input)),
        (label("Nom commercial", "Trading name", "Handelsname"), v.name.clone()),
    ];
    if let Some(s) = &v.siren {
        org.push((
            label("SIREN", "SIREN (French company number)", "SIREN (französische Unternehmensnummer)"),
            siren(s),
        ));
    }
    if let Some(a) = &v.address {
        org.push((label("Adresse", "Address", "Anschrift"), a.join(", ")));
    }
    if let Some(e) = v.request_email() {
        org.push((
            label("Contact données personnelles", "Data protection contact", "Datenschutzkontakt"),
            e.to_owned(),
        ));
    }
    if let Some(c) = &v.country {
        org.push((label("Pays", "Country", "Land"), c.as_str().to_owned()));
    }
    if let Some(r) = &v.eu_representative {
        org.push((
            label(
                "Représentant dans l'UE (article 27)",
                "EU representative (Article 27 GDPR)",
                "Vertreter in der Union (Art. 27 DSGVO)",
            ),
            r.name.clone(),
        ));
    }
    if let Some(w) = &v.contacts.website {
        org.push((label("Site internet", "Website", "Website"), w.clone()));
    }
    org
}

/// The dossier as a report in French, for the CNIL. Same as [`compose`] with [`Lang::Fr`].
pub fn compose_fr(input: &DossierInput<'_>) -> Report {
    compose(input, Lang::Fr)
}

/// The dossier as a report in `lang` (see [`super::dossier_lang`] for the authority's). Its
/// `exhibits` are empty: the caller adds the files, in the order of `input.exhibits`, whose
/// titles it writes in the same language.
pub fn compose(input: &DossierInput<'_>, lang: Lang) -> Report {
    let found = grievances_in(input, lang);
    let mut sections = Vec::new();

    sections.push(ReportSection {
        title: pick(lang, "Résumé", "Summary", "Zusammenfassung").into(),
        new_page: false,
        blocks: vec![
            ReportBlock::Paragraph { text: summary(input, &found, lang) },
            ReportBlock::Paragraph {
                text: pick(
                    lang,
                    "Conformément à ce que demande la CNIL, j'ai exercé mes droits auprès de la société avant de la \
                     saisir ; les copies de mes demandes, des preuves d'envoi et des réponses reçues sont jointes \
                     (voir la liste des pièces).",
                    "Before turning to the supervisory authority, I exercised my rights with the company. Copies of my \
                     requests, the proof that they were sent and the replies received are attached (see the list of \
                     exhibits).",
                    "Bevor ich mich an die Aufsichtsbehörde wende, habe ich meine Rechte gegenüber dem Unternehmen \
                     geltend gemacht. Kopien meiner Schreiben, die Versandnachweise und die erhaltenen Antworten sind \
                     beigefügt (siehe Anlagenverzeichnis).",
                )
                .into(),
            },
        ],
    });

    let mut parties = vec![
        ReportBlock::Subheading { text: pick(lang, "Plaignant(e)", "Complainant", "Beschwerdeführer/in").into() },
        ReportBlock::Fields { rows: person_rows(input.complainant, lang) },
    ];
    if let Some(agent) = input.agent {
        parties.push(ReportBlock::Subheading { text: pick(lang, "Mandataire", "Representative", "Vertretung").into() });
        parties.push(ReportBlock::Fields { rows: person_rows(agent, lang) });
        parties.push(ReportBlock::Paragraph {
            text: pick(
                lang,
                "Le mandat signé par la personne concernée est joint (article 80, paragraphe 1, du RGPD).",
                "The mandate signed by the data subject is attached (Article 80(1) GDPR).",
                "Die von der betroffenen Person unterzeichnete Vollmacht ist beigefügt (Art. 80 Abs. 1 DSGVO).",
            )
            .into(),
        });
    }
    parties.push(ReportBlock::Subheading {
        text: pick(
            lang,
            "Organisme mis en cause",
            "Controller complained about",
            "Verantwortlicher (Beschwerdegegner)",
        )
        .into(),
    });
    parties.push(ReportBlock::Fields { rows: vendor_rows(input, lang) });
    sections.push(ReportSection {
        title: pick(lang, "Les parties", "The parties", "Beteiligte").into(),
        new_page: false,
        blocks: parties,
    });

    let rows: Vec<Vec<String>> = chronology(input, lang).into_iter().map(|(_, r)| r).collect();
    let header: [&str; 4] = match lang {
        Lang::Fr => ["Date", "Événement", "Précisions", "Pièce"],
        Lang::En => ["Date", "Event", "Details", "Exhibit"],
        Lang::De => ["Datum", "Ereignis", "Einzelheiten", "Anlage"],
    };
    sections.push(ReportSection {
        title: pick(lang, "Chronologie", "Chronology", "Zeitlicher Ablauf").into(),
        new_page: true,
        blocks: vec![
            ReportBlock::Paragraph {
                text: pick(
                    lang,
                    "Les délais sont calculés selon l'article 12, paragraphe 3, du RGPD et le règlement (CEE, \
                     Euratom) n° 1182/71 : le jour de la réception n'est pas compté, le délai expire le même \
                     quantième du mois suivant (ou le dernier jour de ce mois) et, s'il tombe un samedi, un dimanche \
                     ou un jour férié, le jour ouvrable suivant.",
                    "Periods are calculated under Article 12(3) GDPR and Regulation (EEC, Euratom) No 1182/71: the \
                     day of receipt is not counted; the period ends on the same date of the following month (or on \
                     the last day of that month if it has no such date); and if that day is a Saturday, a Sunday or \
                     a public holiday, the period ends on the next working day.",
                    "Die Fristen sind nach Art. 12 Abs. 3 DSGVO und der Verordnung (EWG, Euratom) Nr. 1182/71 \
                     berechnet: Der Tag des Eingangs wird nicht mitgerechnet; die Frist endet mit Ablauf des Tages \
                     des folgenden Monats, der dieselbe Zahl trägt (fehlt dieser Tag, mit Ablauf des letzten Tages \
                     dieses Monats); fällt das Fristende auf einen Samstag, Sonntag oder Feiertag, endet die Frist \
                     mit Ablauf des nächsten Werktages.",
                )
                .into(),
            },
            ReportBlock::Table { header: header.map(String::from).to_vec(), widths: vec![18, 42, 26, 14], rows },
        ],
    });

    let mut blocks = Vec::new();
    if found.is_empty() {
        blocks.push(ReportBlock::Paragraph {
            text: pick(
                lang,
                "Les faits enregistrés ne font pas encore apparaître de manquement caractérisé (délai non expiré ou \
                 réponse jugée complète).",
                "The recorded facts do not yet show a clear infringement (the period has not expired, or the reply \
                 was considered complete).",
                "Die erfassten Tatsachen lassen noch keinen eindeutigen Verstoß erkennen (die Frist ist nicht \
                 abgelaufen oder die Antwort wurde als vollständig bewertet).",
            )
            .into(),
        });
    }
    let see = pick(lang, "Voir : ", "See: ", "Vgl. ");
    for (i, g) in found.iter().enumerate() {
        blocks.push(ReportBlock::Subheading { text: format!("{}. {} ({})", i + 1, g.title, g.article) });
        let mut facts = g.facts.iter();
        if let Some(first) = facts.next() {
            blocks.push(ReportBlock::Paragraph { text: first.clone() });
        }
        // After "ne comporte pas :" ("does not include:", "Es fehlen:"), the missing items read as a list.
        let listed = g.facts.first().is_some_and(|f| f.ends_with(':'));
        for f in facts {
            blocks.push(if listed {
                ReportBlock::Item { text: f.clone() }
            } else {
                ReportBlock::Paragraph { text: f.clone() }
            });
        }
        for p in &g.precedents {
            blocks.push(ReportBlock::Paragraph { text: format!("{see}{p}") });
        }
    }
    sections.push(ReportSection {
        title: pick(lang, "Manquements constatés", "Infringements", "Verstöße").into(),
        new_page: true,
        blocks,
    });

    if !input.observations.is_empty() {
        sections.push(ReportSection {
            title: pick(lang, "Observations complémentaires", "Further observations", "Ergänzende Hinweise").into(),
            new_page: false,
            blocks: input.observations.iter().map(|o| ReportBlock::Paragraph { text: o.clone() }).collect(),
        });
    }

    let mut asks = vec![ReportBlock::Paragraph {
        text: match lang {
            Lang::Fr => "Je demande à la CNIL de bien vouloir :".to_owned(),
            Lang::En => "I ask the supervisory authority to:".into(),
            Lang::De => "Ich bitte die Aufsichtsbehörde,".into(),
        },
    }];
    asks.extend(remedies(input, lang).into_iter().map(|text| ReportBlock::Item { text }));
    sections.push(ReportSection {
        title: pick(lang, "Demandes", "Requests", "Anträge").into(),
        new_page: false,
        blocks: asks,
    });

    let (exhibit_col, number) = match lang {
        Lang::Fr => ("Pièce", "n°"),
        Lang::En => ("Exhibit", "No."),
        Lang::De => ("Anlage", "Nr."),
    };
    sections.push(ReportSection {
        title: pick(lang, "Liste des pièces", "List of exhibits", "Anlagenverzeichnis").into(),
        new_page: false,
        blocks: if input.exhibits.is_empty() {
            vec![ReportBlock::Paragraph { text: pick(lang, "Aucune pièce.", "No exhibits.", "Keine Anlagen.").into() }]
        } else {
            vec![ReportBlock::Table {
                header: vec![exhibit_col.into(), pick(lang, "Document", "Document", "Dokument").into()],
                widths: vec![15, 85],
                rows: input.exhibits.iter().map(|e| vec![format!("{number} {}", e.number), e.title.clone()]).collect(),
            }]
        },
    });

    let date = long_date(input.date, lang);
    let complainant = &input.complainant.name;
    sections.push(ReportSection {
        title: pick(lang, "Signature", "Signature", "Unterschrift").into(),
        new_page: false,
        blocks: vec![
            ReportBlock::Paragraph {
                text: match lang {
                    Lang::Fr => format!("Je certifie l'exactitude des informations ci-dessus. Fait le {date}."),
                    Lang::En => format!("I certify that the information above is accurate. Signed on {date}."),
                    Lang::De => {
                        format!("Ich versichere, dass die vorstehenden Angaben richtig sind. Erstellt am {date}.")
                    }
                },
            },
            ReportBlock::Paragraph {
                text: input.agent.map_or(complainant.clone(), |a| match lang {
                    Lang::Fr => format!("{}, pour le compte de {complainant}", a.name),
                    Lang::En => format!("{}, on behalf of {complainant}", a.name),
                    Lang::De => format!("{}, im Namen von {complainant}", a.name),
                }),
            },
        ],
    });

    let subject = found.iter().map(|g| g.title.as_str()).collect::<Vec<_>>().join(pick(lang, " ; ", "; ", "; "));
    let n = input.exhibits.len();
    let org = format!("{}{}", controller(input), siren_note(input));
    let authority = authority_short(input, lang);
    let (title, cover_lines) = match lang {
        Lang::Fr => (
            format!("Plainte auprès de la {authority}"),
            vec![
                format!("Plaignant(e) : {complainant}"),
                format!("Organisme mis en cause : {org}"),
                format!("Objet : {subject}"),
                format!("Date : {date}"),
                format!("{n} pièce(s) jointe(s)"),
            ],
        ),
        Lang::En => (
            match authority.strip_prefix("The ") {
                Some(rest) => format!("Complaint to the {rest}"),
                None => format!("Complaint to the {authority}"),
            },
            vec![
                format!("Complainant: {complainant}"),
                format!("Controller: {org}"),
                format!("Supervisory authority: {authority}"),
                format!("Subject: {subject}"),
                format!("Date: {date}"),
                match n {
                    0 => "No exhibits".to_owned(),
                    1 => "1 exhibit attached".to_owned(),
                    _ => format!("{n} exhibits attached"),
                },
            ],
        ),
        Lang::De => (
            // German declines the authority's name after "bei" ("beim Hessischen Beauftragten"), which
            // cannot be done reliably from the registry's name: only the CNIL's is written out.
            if input.authority.id.as_str() == "frcnil" {
                "Beschwerde bei der CNIL".to_owned()
            } else {
                "Beschwerde nach Art. 77 DSGVO".to_owned()
            },
            vec![
                format!("Beschwerdeführer/in: {complainant}"),
                format!("Verantwortlicher: {org}"),
                format!("Aufsichtsbehörde: {authority}"),
                format!("Betreff: {subject}"),
                format!("Datum: {date}"),
                match n {
                    0 => "Keine Anlagen".to_owned(),
                    1 => "1 Anlage".to_owned(),
                    _ => format!("{n} Anlagen"),
                },
            ],
        ),
    };

    let words = match lang {
        Lang::Fr => ReportWords {
            page: "Page".into(),
            of: "sur".into(),
            exhibit: "Pièce n°".into(),
            exhibit_unreadable: "Cette pièce n'a pas pu être reproduite ici ; le fichier original est conservé par \
                                 le plaignant et peut être transmis sur demande."
                .into(),
        },
        Lang::En => ReportWords {
            page: "Page".into(),
            of: "of".into(),
            exhibit: "Exhibit".into(),
            exhibit_unreadable: "This exhibit could not be reproduced here; the complainant keeps the original file \
                                 and can provide it on request."
                .into(),
        },
        Lang::De => ReportWords {
            page: "Seite".into(),
            of: "von".into(),
            exhibit: "Anlage".into(),
            exhibit_unreadable: "Diese Anlage konnte hier nicht wiedergegeben werden; die Originaldatei liegt der \
                                 beschwerdeführenden Person vor und kann auf Anfrage übermittelt werden."
                .into(),
        },
    };

    Report {
        title,
        cover_lines,
        author: input.agent.unwrap_or(input.complainant).name.clone(),
        lang: lang.code().into(),
        words,
        sections,
        exhibits: Vec::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// "CNIL" for the CNIL; for the French dossier the registry's name as it is, otherwise its
/// name in its own language (`native_name`).
fn authority_short(input: &DossierInput<'_>, lang: Lang) -> String {
    match lang {
        _ if input.authority.id.as_str() == "frcnil" => "CNIL".into(),
        Lang::Fr => input.authority.name.clone(),
        Lang::En | Lang::De => native_name(&input.authority.name),
    }
}

/// The texts to paste into the CNIL's online complaint form (cnil.fr/fr/plaintes), in French.
/// Same as [`form_text`] with [`Lang::Fr`].
pub fn form_text_fr(input: &DossierInput<'_>, pdf_name: &str) -> String {
    form_text(input, Lang::Fr, pdf_name)
}

/// The texts for the authority's complaint form or letter, field by field, and the attachments
/// to add. In French they are the CNIL's online form's (which publishes no length limits, so the
/// description is kept short and refers to the PDF); in English and German they are generic.
pub fn form_text(input: &DossierInput<'_>, lang: Lang, pdf_name: &str) -> String {
    let found = grievances_in(input, lang);
    let v = input.vendor;
    // "SIREN : …" in French typography, "SIREN: …" otherwise.
    let colon = pick(lang, " : ", ": ", ": ");
    let mut out = String::from(pick(
        lang,
        "Textes pour le formulaire de plainte en ligne de la CNIL (https://www.cnil.fr/fr/plaintes)\n\
         Copiez chaque partie dans le champ correspondant. La CNIL n'indique pas de longueur maximale : \
         si un champ refuse le texte, raccourcissez-le et renvoyez au PDF joint.\n\n",
        "Texts for the supervisory authority's complaint form or letter\n\
         Copy each part into the matching field of the authority's complaint form, or use the texts in a letter. \
         If a field does not accept the text, shorten it and refer to the attached PDF.\n\n",
        "Texte für das Beschwerdeformular der Aufsichtsbehörde oder für ein Schreiben\n\
         Kopieren Sie jeden Teil in das passende Feld des Beschwerdeformulars oder verwenden Sie die Texte in einem \
         Schreiben. Nimmt ein Feld den Text nicht an, kürzen Sie ihn und verweisen Sie auf die beigefügte PDF-Datei.\n\n",
    ));
    if lang != Lang::Fr
        && let Some(url) = &input.authority.complaint_url
    {
        let _ = writeln!(out, "{}{colon}{url}\n", pick(lang, "", "Complaint page", "Beschwerdeseite"));
    }
    let _ = writeln!(
        out,
        "== {} ==\n{}",
        pick(lang, "Organisme concerné", "Organisation concerned", "Betroffenes Unternehmen"),
        controller(input)
    );
    if let Some(s) = &v.siren {
        let _ = writeln!(out, "SIREN{colon}{}", siren(s));
    }
    if let Some(a) = &v.address {
        let _ = writeln!(out, "{}{colon}{}", pick(lang, "Adresse", "Address", "Anschrift"), a.join(", "));
    }
    if let Some(w) = &v.contacts.website {
        let _ = writeln!(out, "{}{colon}{w}", pick(lang, "Site", "Website", "Website"));
    }
    let _ = writeln!(
        out,
        "\n== {} ==\n{}",
        pick(lang, "Objet de la plainte", "Subject of the complaint", "Gegenstand der Beschwerde"),
        found.iter().map(|g| g.title.as_str()).collect::<Vec<_>>().join(pick(lang, " ; ", "; ", "; "))
    );
    let _ = writeln!(
        out,
        "\n== {} ==\n{}",
        pick(lang, "Description", "Description", "Beschreibung"),
        summary(input, &found, lang)
    );
    let _ = match lang {
        Lang::Fr => writeln!(
            out,
            "Le dossier complet, avec la chronologie, les manquements et les pièces, est joint : {pdf_name}."
        ),
        Lang::En => writeln!(
            out,
            "The full complaint, with the chronology, the infringements and the exhibits, is attached: {pdf_name}."
        ),
        Lang::De => writeln!(
            out,
            "Die vollständige Beschwerde mit zeitlichem Ablauf, Verstößen und Anlagen ist beigefügt: {pdf_name}."
        ),
    };
    let _ = writeln!(
        out,
        "\n== {} ==",
        pick(
            lang,
            "Démarches effectuées auprès de l'organisme",
            "Steps taken with the organisation",
            "Bisherige Schritte gegenüber dem Unternehmen",
        )
    );
    for (_, row) in chronology(input, lang) {
        let note = if row[2].is_empty() { String::new() } else { format!(" ({})", row[2]) };
        let _ = writeln!(out, "- {}{colon}{}{note}", row[0], row[1]);
    }
    let _ = writeln!(out, "\n== {} ==", pick(lang, "Pièces jointes", "Attachments", "Anlagen"));
    let _ = writeln!(
        out,
        "- {pdf_name} ({})",
        pick(
            lang,
            "plainte et toutes les pièces ci-dessous, réunies dans un seul fichier",
            "the complaint and all the exhibits below, in a single file",
            "Beschwerde und alle folgenden Anlagen in einer Datei",
        )
    );
    let exhibit = pick(lang, "Pièce n°", "Exhibit", "Anlage");
    for e in &input.exhibits {
        let _ = writeln!(out, "- {exhibit} {}{colon}{}", e.number, e.title);
    }
    if let Some(address) = &input.authority.address {
        let name = native_name(&input.authority.name);
        let _ = writeln!(
            out,
            "\n== {} ==\n{name}\n{}\n({})",
            pick(lang, "Par courrier", "By post", "Per Post"),
            address.join("\n"),
            pick(lang, "joindre le PDF imprimé", "enclose the printed PDF", "die ausgedruckte PDF-Datei beilegen"),
        );
    }
    out
}
