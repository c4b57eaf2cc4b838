//! From facts to grievances: which failures the recorded facts show, and with which facts each
//! is stated. Only facts recorded in the cases (or stated by the user) are alleged. What each
//! grievance says — its article, title, facts and the decisions that support it (GDPR Arts 12,
//! 14, 15, 17, 19, 21; CNIL SAN-2024-020, SAN-2021-021, SAN-2020-008; CJEU C-154/21, C-487/21,
//! C-307/22) — is in `complaint/<lang>/grievances.txt`.

use jiff::civil::Date;
use serde::Serialize;

use super::facts::{DossierCase, DossierInput, Ripeness};
use super::template::{Wording, say};
use crate::Error;
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

/// An objection or an erasure the vendor left without effect, once its period has run (or it
/// refused): before that, the vendor may still confirm it, and no failure can be alleged.
fn left_without_effect(c: &DossierCase, today: Date) -> bool {
    !satisfied(c) && c.ripeness(today) == Ripeness::Ripe
}

/// The grievances the recorded facts support, most fundamental first, in French (for the CNIL).
pub fn grievances(input: &DossierInput<'_>) -> Result<Vec<Grievance>, Error> {
    grievances_in(input, Lang::Fr)
}

/// The grievances the recorded facts support, most fundamental first, in `lang`. Fails only if
/// a complaint template is broken, a bug the crate's tests catch.
pub fn grievances_in(input: &DossierInput<'_>, lang: Lang) -> Result<Vec<Grievance>, Error> {
    let w = Wording::new(lang);
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
        let extended = c.extended();
        let mut facts = vec![say!(
            w,
            "grievances",
            "late_period",
            id = c.id,
            sent = d(sent),
            received = d(received),
            due = d(deadline.due),
            extended = extended
        )?];
        facts.push(match c.answer() {
            Some((_, on)) => say!(w, "grievances", "late_answer", on = d(on))?,
            None => say!(w, "grievances", "late_no_answer", today = d(today))?,
        });
        if let Some(on) = c.reminded_on() {
            facts.push(say!(w, "grievances", "late_reminded", on = d(on))?);
        }
        if !extended {
            facts.push(say!(w, "grievances", "late_not_informed")?);
        }
        out.push(Grievance {
            article: say!(w, "grievances", "late_article")?,
            title: say!(w, "grievances", "late_title", extended = extended)?,
            facts,
            precedents: vec![say!(w, "grievances", "late_precedent")?],
        });
    }

    for c in input.cases.iter().filter(|c| asks_access(c.kind)) {
        match c.answer() {
            Some((AnswerKind::Incomplete, on)) if !c.missing.is_empty() => {
                let mut facts = vec![say!(w, "grievances", "incomplete_intro", on = d(on), id = c.id)?];
                for i in &c.missing {
                    facts.push(say!(
                        w,
                        "grievances",
                        "missing_item",
                        label = i.label(lang),
                        citation = i.citation(lang)
                    )?);
                }
                let mut precedents = Vec::new();
                if c.missing.contains(&AccessItem::Source) {
                    precedents.push(say!(w, "grievances", "precedent_source")?);
                }
                if c.missing.contains(&AccessItem::Recipients) {
                    precedents.push(say!(w, "grievances", "precedent_recipients")?);
                }
                if c.missing.contains(&AccessItem::Copy) {
                    precedents.push(say!(w, "grievances", "precedent_copy")?);
                }
                out.push(Grievance {
                    article: say!(w, "grievances", "incomplete_article")?,
                    title: say!(w, "grievances", "incomplete_title")?,
                    facts,
                    precedents,
                });
            }
            Some((AnswerKind::Refused, on)) => out.push(Grievance {
                article: say!(w, "grievances", "refused_article")?,
                title: say!(w, "grievances", "refused_title")?,
                facts: vec![say!(w, "grievances", "refused_fact", on = d(on), id = c.id)?],
                precedents: Vec::new(),
            }),
            _ => {}
        }
    }

    for c in input.cases.iter().filter(|c| objects(c.kind) && left_without_effect(c, today)) {
        let Some((sent, _)) = c.sent() else { continue };
        out.push(Grievance {
            article: say!(w, "grievances", "objection_article")?,
            title: say!(w, "grievances", "objection_title")?,
            facts: vec![say!(w, "grievances", "objection_fact", sent = d(sent), id = c.id)?],
            precedents: vec![say!(w, "grievances", "objection_precedent")?],
        });
    }

    for c in input.cases.iter().filter(|c| asks_erasure(c.kind) && left_without_effect(c, today)) {
        let Some((sent, _)) = c.sent() else { continue };
        out.push(Grievance {
            article: say!(w, "grievances", "erasure_article")?,
            title: say!(w, "grievances", "erasure_title")?,
            facts: vec![say!(w, "grievances", "erasure_fact", sent = d(sent), id = c.id)?],
            precedents: vec![say!(w, "grievances", "erasure_precedent")?],
        });
    }

    // Only the complainant's statement supports this one.
    if input.never_informed {
        let controller = input.vendor.legal_entity.as_deref().unwrap_or(&input.vendor.name);
        out.push(Grievance {
            article: say!(w, "grievances", "not_informed_article")?,
            title: say!(w, "grievances", "not_informed_title")?,
            facts: vec![say!(w, "grievances", "not_informed_fact", controller = controller)?],
            precedents: vec![say!(w, "grievances", "not_informed_precedent")?],
        });
    }
    Ok(out)
}
