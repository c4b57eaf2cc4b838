//! From facts to grievances: which article each failure breaks, in French, with the decisions
//! that support it. Only facts recorded in the cases (or stated by the user) are alleged.
//! Sources: GDPR Arts 12, 14, 15, 17, 19, 21; CNIL SAN-2024-020 (KASPR), SAN-2021-021 (Free
//! Mobile); CJEU C-154/21, C-487/21 — see the fact sheet behind docs/ and the letters.

use serde::Serialize;

use super::facts::{DossierCase, DossierInput};
use crate::case::{AnswerKind, RequestKind};
use crate::identity::Lang;
use crate::letter::{AccessItem, long_date};

/// One failure, as the complaint states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grievance {
    /// "Article 12, paragraphe 3, du RGPD".
    pub article: String,
    /// "Absence de réponse dans le délai d'un mois".
    pub title: String,
    /// The facts, one paragraph each.
    pub facts: Vec<String>,
    /// Decisions that support it.
    pub precedents: Vec<String>,
}

fn fr(d: jiff::civil::Date) -> String {
    long_date(d, Lang::Fr)
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

/// The grievances the recorded facts support, most fundamental first.
pub fn grievances(input: &DossierInput<'_>) -> Vec<Grievance> {
    let mut out = Vec::new();
    let today = input.date;

    for c in &input.cases {
        let Some((sent, received)) = c.sent() else { continue };
        let Some(deadline) = &c.deadline else { continue };
        if !c.late(today) {
            continue;
        }
        let received = received.unwrap_or(sent);
        let mut facts = vec![format!(
            "Ma demande du {} (dossier n° {}) a été reçue par la société le {}. Le délai d'un mois prévu \
             par l'article 12, paragraphe 3, du RGPD expirait le {}, compte tenu des samedis, dimanches et \
             jours fériés (règlement (CEE, Euratom) n° 1182/71).",
            fr(sent),
            c.id,
            fr(received),
            fr(deadline.due)
        )];
        match c.answer() {
            Some((_, on)) => {
                facts.push(format!("La société n'a répondu que le {}, après l'expiration de ce délai.", fr(on)))
            }
            None => {
                facts.push(format!("À la date de la présente plainte ({}), je n'ai reçu aucune réponse.", fr(today)))
            }
        }
        if let Some(on) = c.reminded_on() {
            facts.push(format!("Je lui ai adressé une relance le {}.", fr(on)));
        }
        if !c.extended() {
            facts.push(
                "La société ne m'a informé(e) ni d'une prolongation du délai et de ses motifs, ni des motifs \
                 de son inaction (article 12, paragraphes 3 et 4, du RGPD)."
                    .into(),
            );
        }
        out.push(Grievance {
            article: "Article 12, paragraphes 3 et 4, du RGPD".into(),
            title: "Absence de réponse dans le délai d'un mois".into(),
            facts,
            precedents: vec![
                "CNIL, formation restreinte, délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile) : \
                 sanction notamment pour des demandes d'accès non traitées dans les délais."
                    .into(),
            ],
        });
    }

    for c in input.cases.iter().filter(|c| asks_access(c.kind)) {
        match c.answer() {
            Some((AnswerKind::Incomplete, on)) if !c.missing.is_empty() => {
                let mut facts = vec![format!(
                    "La réponse de la société du {} à ma demande d'accès (dossier n° {}) est incomplète. \
                     Elle ne comporte pas :",
                    fr(on),
                    c.id
                )];
                facts.extend(c.missing.iter().map(|i| format!("{} ({})", i.label(Lang::Fr), i.citation(Lang::Fr))));
                let mut precedents = Vec::new();
                if c.missing.contains(&AccessItem::Source) {
                    precedents.push(
                        "CNIL, formation restreinte, délibération SAN-2024-020 du 5 décembre 2024 (KASPR), \
                         amende de 240 000 euros : manquement à l'article 15 pour avoir répondu aux demandes \
                         d'accès sans les informations disponibles sur la source des données ; une mention \
                         générale de « sources publiques » a été jugée insuffisante."
                            .into(),
                    );
                }
                if c.missing.contains(&AccessItem::Recipients) {
                    precedents.push(
                        "CJUE, 12 janvier 2023, C-154/21 : la personne concernée a le droit \
                         de connaître l'identité des destinataires effectifs de ses données."
                            .into(),
                    );
                }
                if c.missing.contains(&AccessItem::Copy) {
                    precedents.push(
                        "CJUE, 4 mai 2023, C-487/21 : la copie doit être une \
                         reproduction fidèle et intelligible de l'ensemble des données."
                            .into(),
                    );
                }
                out.push(Grievance {
                    article: "Article 15 du RGPD".into(),
                    title: "Réponse incomplète à ma demande d'accès".into(),
                    facts,
                    precedents,
                });
            }
            Some((AnswerKind::Refused, on)) => out.push(Grievance {
                article: "Articles 12 et 15 du RGPD".into(),
                title: "Refus de faire droit à ma demande d'accès".into(),
                facts: vec![format!(
                    "Le {}, la société a refusé de faire droit à ma demande d'accès (dossier n° {}). Le droit \
                     d'accès n'a pas à être motivé et la première copie est gratuite (article 12, paragraphe 5, et \
                     article 15, paragraphe 3, du RGPD ; CJUE, 26 octobre 2023, C-307/22) ; c'est au \
                     responsable du traitement de démontrer le caractère manifestement infondé ou excessif d'une \
                     demande.",
                    fr(on),
                    c.id
                )],
                precedents: Vec::new(),
            }),
            _ => {}
        }
    }

    for c in input.cases.iter().filter(|c| objects(c.kind) && !satisfied(c)) {
        let Some((sent, _)) = c.sent() else { continue };
        out.push(Grievance {
            article: "Article 21, paragraphes 2 et 3, du RGPD".into(),
            title: "Opposition à la prospection restée sans effet confirmé".into(),
            facts: vec![format!(
                "Le {} (dossier n° {}), je me suis opposé(e) au traitement de mes données à des fins de \
                 prospection commerciale. Cette opposition n'a pas à être motivée et impose l'arrêt de ce \
                 traitement (article 21, paragraphe 3, du RGPD). La société ne m'a pas confirmé y avoir donné suite.",
                fr(sent),
                c.id
            )],
            precedents: vec![
                "CNIL, formation restreinte, délibération SAN-2021-021 du 28 décembre 2021 (Free Mobile) : \
                 sanction notamment pour ne pas avoir tenu compte de l'opposition de personnes à la prospection."
                    .into(),
            ],
        });
    }

    for c in input.cases.iter().filter(|c| asks_erasure(c.kind) && !satisfied(c)) {
        let Some((sent, _)) = c.sent() else { continue };
        out.push(Grievance {
            article: "Articles 17 et 19 du RGPD".into(),
            title: "Effacement demandé et non confirmé".into(),
            facts: vec![format!(
                "Le {} (dossier n° {}), j'ai demandé l'effacement de mes données, qui s'impose à la suite de mon \
                 opposition (article 17, paragraphe 1, point c), du RGPD), ainsi que la notification de cet \
                 effacement à chaque destinataire (article 19). La société ne m'a pas confirmé l'effacement.",
                fr(sent),
                c.id
            )],
            precedents: vec![
                "CNIL, formation restreinte, délibération SAN-2020-008 du 18 novembre 2020 (Carrefour France) : \
                 manquements notamment aux articles 15, 17 et 21."
                    .into(),
            ],
        });
    }

    if input.never_informed {
        out.push(Grievance {
            article: "Articles 12, 14 et 21, paragraphe 4, du RGPD".into(),
            title: "Défaut d'information de la personne concernée".into(),
            facts: vec![format!(
                "Mes données n'ont pas été collectées auprès de moi. Or {} ne m'a jamais informé(e) de cette \
                 collecte, de la source de mes données, des finalités du traitement ni de mon droit de m'y opposer, \
                 alors que l'article 14 du RGPD l'impose au plus tard dans un délai d'un mois.",
                input.vendor.legal_entity.as_deref().unwrap_or(&input.vendor.name)
            )],
            precedents: vec![
                "CNIL, formation restreinte, délibération SAN-2024-020 du 5 décembre 2024 (KASPR) : manquement aux \
                 articles 12 et 14, les personnes n'ayant été informées que tardivement, en anglais, et par la \
                 seule mention de « sources publiquement accessibles »."
                    .into(),
            ],
        });
    }
    out
}
