//! From facts to grievances: which article each failure breaks, with the decisions that support
//! it, in the dossier's language. Only facts recorded in the cases (or stated by the user) are
//! alleged. Sources: GDPR Arts 12, 14, 15, 17, 19, 21; CNIL SAN-2024-020 (KASPR), SAN-2021-021
//! (Free Mobile), SAN-2020-008 (Carrefour France); CJEU C-154/21, C-487/21, C-307/22 — see the
//! fact sheet behind docs/ and the letters.

use jiff::civil::Date;
use serde::Serialize;

use super::facts::{DossierCase, DossierInput};
use crate::case::{AnswerKind, RequestKind};
use crate::identity::Lang;
use crate::letter::{AccessItem, long_date};

/// One failure, as the complaint states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grievance {
    /// "Article 12, paragraphe 3, du RGPD", "Article 12(3) GDPR", "Art. 12 Abs. 3 DSGVO".
    pub article: String,
    /// "Absence de réponse dans le délai d'un mois".
    pub title: String,
    /// The facts, one paragraph each.
    pub facts: Vec<String>,
    /// Decisions that support it.
    pub precedents: Vec<String>,
}

fn asks_access(kind: RequestKind) -> bool {
    matches!(kind, RequestKind::Access | RequestKind::Combined | RequestKind::SourceInquiry)
}

fn objects(kind: RequestKind) -> bool {
    !matches!(kind, RequestKind::Access)
}

fn asks_erasure(kind: RequestKind) -> bool {
    matches!(kind, RequestKind::Erasure | RequestKind::Combined)
}

/// Whether the vendor gave effect to the request: a complete answer, or "no data held".
fn satisfied(c: &DossierCase) -> bool {
    matches!(c.answer(), Some((AnswerKind::Complete | AnswerKind::NoDataHeld, _)))
}

/// The same text in each language.
fn pick(lang: Lang, fr: &str, en: &str, de: &str) -> String {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
        Lang::De => de,
    }
    .to_owned()
}

/// The grievances the recorded facts support, most fundamental first, in French (for the CNIL).
pub fn grievances(input: &DossierInput<'_>) -> Vec<Grievance> {
    grievances_in(input, Lang::Fr)
}

/// The grievances the recorded facts support, most fundamental first, in `lang`.
pub fn grievances_in(input: &DossierInput<'_>, lang: Lang) -> Vec<Grievance> {
    let d = |date: Date| long_date(date, lang);
    let mut out = Vec::new();
    let today = input.date;

    for c in &input.cases {
        let Some((sent, received)) = c.sent() else { continue };
        let Some(deadline) = &c.deadline else { continue };
        if !c.late(today) {
            continue;
        }
        let received = received.unwrap_or(sent);
        let (id, sent, received, due) = (c.id, d(sent), d(received), d(deadline.due));
        let mut facts = vec![match lang {
            Lang::Fr if c.extended() => format!(
                "Ma demande du {sent} (dossier n° {id}) a été reçue par la société le {received}. Le délai de réponse, \
                 prolongé de deux mois en application de l'article 12, paragraphe 3, du RGPD, expirait le {due}, \
                 compte tenu des samedis, dimanches et jours fériés (règlement (CEE, Euratom) n° 1182/71)."
            ),
            Lang::Fr => format!(
                "Ma demande du {sent} (dossier n° {id}) a été reçue par la société le {received}. Le délai d'un mois \
                 prévu par l'article 12, paragraphe 3, du RGPD expirait le {due}, compte tenu des samedis, dimanches \
                 et jours fériés (règlement (CEE, Euratom) n° 1182/71)."
            ),
            Lang::En if c.extended() => format!(
                "My request of {sent} (case no. {id}) reached the company on {received}. The period for a reply, \
                 extended by two further months under Article 12(3) GDPR, therefore expired on {due}, taking \
                 Saturdays, Sundays and public holidays into account (Regulation (EEC, Euratom) No 1182/71)."
            ),
            Lang::En => format!(
                "My request of {sent} (case no. {id}) reached the company on {received}. The one-month period under \
                 Article 12(3) GDPR therefore expired on {due}, taking Saturdays, Sundays and public holidays into \
                 account (Regulation (EEC, Euratom) No 1182/71)."
            ),
            Lang::De if c.extended() => format!(
                "Mein Schreiben vom {sent} (Vorgang Nr. {id}) ist dem Unternehmen am {received} zugegangen. Die nach \
                 Art. 12 Abs. 3 DSGVO um zwei Monate verlängerte Antwortfrist endete daher unter Berücksichtigung \
                 von Samstagen, Sonntagen und Feiertagen (Verordnung (EWG, Euratom) Nr. 1182/71) am {due}."
            ),
            Lang::De => format!(
                "Mein Schreiben vom {sent} (Vorgang Nr. {id}) ist dem Unternehmen am {received} zugegangen. Die \
                 Monatsfrist nach Art. 12 Abs. 3 DSGVO endete daher unter Berücksichtigung von Samstagen, Sonntagen \
                 und Feiertagen (Verordnung (EWG, Euratom) Nr. 1182/71) am {due}."
            ),
        }];
        match c.answer() {
            Some((_, on)) => facts.push(match lang {
                Lang::Fr => format!("La société n'a répondu que le {}, après l'expiration de ce délai.", d(on)),
                Lang::En => format!("The company did not reply until {}, after that period had expired.", d(on)),
                Lang::De => {
                    format!("Das Unternehmen hat erst am {} und damit nach Ablauf der Frist geantwortet.", d(on))
                }
            }),
            None => facts.push(match lang {
                Lang::Fr => format!("À la date de la présente plainte ({}), je n'ai reçu aucune réponse.", d(today)),
                Lang::En => format!("As at the date of this complaint ({}), I have received no reply.", d(today)),
                Lang::De => format!("Bis zum Tag dieser Beschwerde ({}) habe ich keine Antwort erhalten.", d(today)),
            }),
        }
        if let Some(on) = c.reminded_on() {
            facts.push(match lang {
                Lang::Fr => format!("Je lui ai adressé une relance le {}.", d(on)),
                Lang::En => format!("I sent the company a reminder on {}.", d(on)),
                Lang::De => format!("Am {} habe ich das Unternehmen an mein Schreiben erinnert.", d(on)),
            });
        }
        if !c.extended() {
            facts.push(pick(
                lang,
                "La société ne m'a informé(e) ni d'une prolongation du délai et de ses motifs, ni des motifs de son \
                 inaction (article 12, paragraphes 3 et 4, du RGPD).",
                "The company informed me neither of any extension of the period and the reasons for it, nor of the \
                 reasons for not taking action (Article 12(3) and (4) GDPR).",
                "Das Unternehmen hat mich weder über eine Verlängerung der Frist und deren Gründe noch über die Gründe \
                 für sein Untätigbleiben unterrichtet (Art. 12 Abs. 3 und 4 DSGVO).",
            ));
        }
        out.push(Grievance {
            article: pick(
                lang,
                "Article 12, paragraphes 3 et 4, du RGPD",
                "Article 12(3) and (4) GDPR",
                "Art. 12 Abs. 3 und 4 DSGVO",
            ),
            title: if c.extended() {
                pick(
                    lang,
                    "Absence de réponse dans le délai prolongé",
                    "No reply within the extended period",
                    "Keine Antwort innerhalb der verlängerten Frist",
                )
            } else {
                pick(
                    lang,
                    "Absence de réponse dans le délai d'un mois",
                    "No reply within one month",
                    "Keine Antwort innerhalb eines Monats",
                )
            },
            facts,
            precedents: vec![pick(
                lang,
                "CNIL, formation restreinte, délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile) : sanction \
                 notamment pour des demandes d'accès non traitées dans les délais.",
                "CNIL restricted committee, deliberation SAN-2021-021 of 28 December 2021 (Free Mobile): fine imposed \
                 in particular for access requests that were not dealt with in time.",
                "Beschluss SAN-2021-021 der CNIL vom 28. Dezember 2021 (Free Mobile): Geldbuße unter anderem wegen \
                 nicht fristgerecht bearbeiteter Auskunftsersuchen.",
            )],
        });
    }

    for c in input.cases.iter().filter(|c| asks_access(c.kind)) {
        match c.answer() {
            Some((AnswerKind::Incomplete, on)) if !c.missing.is_empty() => {
                let (on, id) = (d(on), c.id);
                let mut facts = vec![match lang {
                    Lang::Fr => format!(
                        "La réponse de la société du {on} à ma demande d'accès (dossier n° {id}) est incomplète. \
                         Elle ne comporte pas :"
                    ),
                    Lang::En => format!(
                        "The company's reply of {on} to my access request (case no. {id}) is incomplete. It does not \
                         include:"
                    ),
                    Lang::De => format!(
                        "Die Antwort des Unternehmens vom {on} auf mein Auskunftsersuchen (Vorgang Nr. {id}) ist \
                         unvollständig. Es fehlen:"
                    ),
                }];
                let law = match lang {
                    Lang::Fr => "",
                    Lang::En => " GDPR",
                    Lang::De => " DSGVO",
                };
                facts.extend(c.missing.iter().map(|i| format!("{} ({}{law})", i.label(lang), i.citation(lang))));
                let mut precedents = Vec::new();
                if c.missing.contains(&AccessItem::Source) {
                    precedents.push(pick(
                        lang,
                        "CNIL, formation restreinte, délibération SAN-2024-020 du 5 décembre 2024 (KASPR), amende de \
                         240 000 euros : manquement à l'article 15 pour avoir répondu aux demandes d'accès sans les \
                         informations disponibles sur la source des données ; une mention générale de « sources \
                         publiques » a été jugée insuffisante.",
                        "CNIL restricted committee, deliberation SAN-2024-020 of 5 December 2024 (KASPR), fine of \
                         EUR 240,000: infringement of Article 15 for answering access requests without the available \
                         information on the source of the data; a general reference to \"public sources\" was held to \
                         be insufficient.",
                        "Beschluss SAN-2024-020 der CNIL vom 5. Dezember 2024 (KASPR), Geldbuße von 240.000 Euro: \
                         Verstoß gegen Art. 15 DSGVO, weil Auskunftsersuchen ohne die verfügbaren Informationen über \
                         die Herkunft der Daten beantwortet wurden; ein allgemeiner Hinweis auf „öffentliche Quellen“ \
                         genügte nicht.",
                    ));
                }
                if c.missing.contains(&AccessItem::Recipients) {
                    precedents.push(pick(
                        lang,
                        "CJUE, 12 janvier 2023, C-154/21 : la personne concernée a le droit de connaître l'identité \
                         des destinataires effectifs de ses données.",
                        "CJEU, 12 January 2023, C-154/21: the data subject is entitled to know the identity of the \
                         actual recipients of their data.",
                        "EuGH, Urteil vom 12. Januar 2023, C-154/21: Die betroffene Person hat das Recht, die \
                         Identität der konkreten Empfänger ihrer Daten zu erfahren.",
                    ));
                }
                if c.missing.contains(&AccessItem::Copy) {
                    precedents.push(pick(
                        lang,
                        "CJUE, 4 mai 2023, C-487/21 : la copie doit être une reproduction fidèle et intelligible de \
                         l'ensemble des données.",
                        "CJEU, 4 May 2023, C-487/21: the copy must be a faithful and intelligible reproduction of all \
                         the data.",
                        "EuGH, Urteil vom 4. Mai 2023, C-487/21: Die Kopie muss eine originalgetreue und verständliche \
                         Reproduktion sämtlicher Daten sein.",
                    ));
                }
                out.push(Grievance {
                    article: pick(lang, "Article 15 du RGPD", "Article 15 GDPR", "Art. 15 DSGVO"),
                    title: pick(
                        lang,
                        "Réponse incomplète à ma demande d'accès",
                        "Incomplete reply to my access request",
                        "Unvollständige Antwort auf mein Auskunftsersuchen",
                    ),
                    facts,
                    precedents,
                });
            }
            Some((AnswerKind::Refused, on)) => out.push(Grievance {
                article: pick(lang, "Articles 12 et 15 du RGPD", "Articles 12 and 15 GDPR", "Art. 12 und 15 DSGVO"),
                title: pick(
                    lang,
                    "Refus de faire droit à ma demande d'accès",
                    "Refusal to act on my access request",
                    "Verweigerung der Auskunft",
                ),
                facts: vec![match lang {
                    Lang::Fr => format!(
                        "Le {}, la société a refusé de faire droit à ma demande d'accès (dossier n° {}). Le droit \
                         d'accès n'a pas à être motivé et la première copie est gratuite (article 12, paragraphe 5, et \
                         article 15, paragraphe 3, du RGPD ; CJUE, 26 octobre 2023, C-307/22) ; c'est au responsable \
                         du traitement de démontrer le caractère manifestement infondé ou excessif d'une demande.",
                        d(on),
                        c.id
                    ),
                    Lang::En => format!(
                        "On {}, the company refused to act on my access request (case no. {}). The right of access \
                         requires no reasons and the first copy is free of charge (Article 12(5) and Article 15(3) \
                         GDPR; CJEU, 26 October 2023, C-307/22); it is for the controller to demonstrate that a \
                         request is manifestly unfounded or excessive.",
                        d(on),
                        c.id
                    ),
                    Lang::De => format!(
                        "Am {} hat das Unternehmen mein Auskunftsersuchen (Vorgang Nr. {}) abgelehnt. Das \
                         Auskunftsrecht bedarf keiner Begründung, und die erste Kopie ist unentgeltlich (Art. 12 \
                         Abs. 5 und Art. 15 Abs. 3 DSGVO; EuGH, Urteil vom 26. Oktober 2023, C-307/22); dass ein \
                         Antrag offenkundig unbegründet oder exzessiv ist, muss der Verantwortliche nachweisen.",
                        d(on),
                        c.id
                    ),
                }],
                precedents: Vec::new(),
            }),
            _ => {}
        }
    }

    for c in input.cases.iter().filter(|c| objects(c.kind) && !satisfied(c)) {
        let Some((sent, _)) = c.sent() else { continue };
        let (sent, id) = (d(sent), c.id);
        out.push(Grievance {
            article: pick(
                lang,
                "Article 21, paragraphes 2 et 3, du RGPD",
                "Article 21(2) and (3) GDPR",
                "Art. 21 Abs. 2 und 3 DSGVO",
            ),
            title: pick(
                lang,
                "Opposition à la prospection restée sans effet confirmé",
                "Objection to direct marketing with no confirmation that it was acted on",
                "Widerspruch gegen Direktwerbung ohne bestätigte Umsetzung",
            ),
            facts: vec![match lang {
                Lang::Fr => format!(
                    "Le {sent} (dossier n° {id}), je me suis opposé(e) au traitement de mes données à des fins de \
                     prospection commerciale. Cette opposition n'a pas à être motivée et impose l'arrêt de ce \
                     traitement (article 21, paragraphe 3, du RGPD). La société ne m'a pas confirmé y avoir donné suite."
                ),
                Lang::En => format!(
                    "On {sent} (case no. {id}), I objected to the processing of my data for direct marketing purposes. \
                     Such an objection requires no reasons, and the data may then no longer be processed for those \
                     purposes (Article 21(3) GDPR). The company has not confirmed that it has complied."
                ),
                Lang::De => format!(
                    "Am {sent} (Vorgang Nr. {id}) habe ich der Verarbeitung meiner Daten zum Zwecke der \
                     Direktwerbung widersprochen. Der Widerspruch bedarf keiner Begründung; die Daten dürfen danach \
                     nicht mehr für diese Zwecke verarbeitet werden (Art. 21 Abs. 3 DSGVO). Das Unternehmen hat mir \
                     nicht bestätigt, dem Widerspruch nachgekommen zu sein."
                ),
            }],
            precedents: vec![pick(
                lang,
                "CNIL, formation restreinte, délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile) : sanction \
                 notamment pour ne pas avoir tenu compte de l'opposition de personnes à la prospection.",
                "CNIL restricted committee, deliberation SAN-2021-021 of 28 December 2021 (Free Mobile): fine imposed \
                 in particular for disregarding people's objections to direct marketing.",
                "Beschluss SAN-2021-021 der CNIL vom 28. Dezember 2021 (Free Mobile): Geldbuße unter anderem, weil \
                 Widersprüche gegen Direktwerbung nicht beachtet wurden.",
            )],
        });
    }

    for c in input.cases.iter().filter(|c| asks_erasure(c.kind) && !satisfied(c)) {
        let Some((sent, _)) = c.sent() else { continue };
        let (sent, id) = (d(sent), c.id);
        out.push(Grievance {
            article: pick(lang, "Articles 17 et 19 du RGPD", "Articles 17 and 19 GDPR", "Art. 17 und 19 DSGVO"),
            title: pick(
                lang,
                "Effacement demandé et non confirmé",
                "Erasure requested but not confirmed",
                "Löschung verlangt, aber nicht bestätigt",
            ),
            facts: vec![match lang {
                Lang::Fr => format!(
                    "Le {sent} (dossier n° {id}), j'ai demandé l'effacement de mes données, qui s'impose à la suite de \
                     mon opposition (article 17, paragraphe 1, point c), du RGPD), ainsi que la notification de cet \
                     effacement à chaque destinataire (article 19). La société ne m'a pas confirmé l'effacement."
                ),
                Lang::En => format!(
                    "On {sent} (case no. {id}), I asked for my data to be erased, as my objection requires (Article \
                     17(1)(c) GDPR), and for the erasure to be communicated to each recipient (Article 19 GDPR). The \
                     company has not confirmed the erasure."
                ),
                Lang::De => format!(
                    "Am {sent} (Vorgang Nr. {id}) habe ich die Löschung meiner Daten verlangt, die nach meinem \
                     Widerspruch geboten ist (Art. 17 Abs. 1 lit. c DSGVO), sowie die Mitteilung der Löschung an \
                     jeden Empfänger (Art. 19 DSGVO). Das Unternehmen hat mir die Löschung nicht bestätigt."
                ),
            }],
            precedents: vec![pick(
                lang,
                "CNIL, formation restreinte, délibération SAN-2020-008 du 18 novembre 2020 (Carrefour France) : \
                 manquements notamment aux articles 15, 17 et 21.",
                "CNIL restricted committee, deliberation SAN-2020-008 of 18 November 2020 (Carrefour France): \
                 infringements of, among others, Articles 15, 17 and 21.",
                "Beschluss SAN-2020-008 der CNIL vom 18. November 2020 (Carrefour France): Verstöße unter anderem \
                 gegen Art. 15, 17 und 21 DSGVO.",
            )],
        });
    }

    if input.never_informed {
        let who = input.vendor.legal_entity.as_deref().unwrap_or(&input.vendor.name);
        out.push(Grievance {
            article: pick(
                lang,
                "Articles 12, 14 et 21, paragraphe 4, du RGPD",
                "Articles 12, 14 and 21(4) GDPR",
                "Art. 12, 14 und 21 Abs. 4 DSGVO",
            ),
            title: pick(
                lang,
                "Défaut d'information de la personne concernée",
                "Failure to inform the data subject",
                "Keine Information der betroffenen Person",
            ),
            facts: vec![match lang {
                Lang::Fr => format!(
                    "Mes données n'ont pas été collectées auprès de moi. Or {who} ne m'a jamais informé(e) de cette \
                     collecte, de la source de mes données, des finalités du traitement ni de mon droit de m'y \
                     opposer, alors que l'article 14 du RGPD l'impose au plus tard dans un délai d'un mois."
                ),
                Lang::En => format!(
                    "My data was not obtained from me. Yet {who} never informed me that it had obtained it, of the \
                     source of my data, of the purposes of the processing or of my right to object, although Article \
                     14 GDPR requires this within one month at the latest."
                ),
                Lang::De => format!(
                    "Meine Daten wurden nicht bei mir erhoben. Dennoch hat mich {who} weder über diese Erhebung noch \
                     über die Herkunft meiner Daten, die Zwecke der Verarbeitung oder mein Widerspruchsrecht \
                     informiert, obwohl Art. 14 DSGVO dies spätestens innerhalb eines Monats verlangt."
                ),
            }],
            precedents: vec![pick(
                lang,
                "CNIL, formation restreinte, délibération SAN-2024-020 du 5 décembre 2024 (KASPR) : manquement aux \
                 articles 12 et 14, les personnes n'ayant été informées que tardivement, en anglais, et par la seule \
                 mention de « sources publiquement accessibles ».",
                "CNIL restricted committee, deliberation SAN-2024-020 of 5 December 2024 (KASPR): infringement of \
                 Articles 12 and 14, as the people concerned were informed only belatedly, in English only, and were \
                 told no more than that the data came from \"publicly accessible sources\".",
                "Beschluss SAN-2024-020 der CNIL vom 5. Dezember 2024 (KASPR): Verstoß gegen Art. 12 und 14 DSGVO, \
                 weil die betroffenen Personen erst verspätet, nur auf Englisch und lediglich mit dem Hinweis auf \
                 „öffentlich zugängliche Quellen“ informiert wurden.",
            )],
        });
    }
    out
}
