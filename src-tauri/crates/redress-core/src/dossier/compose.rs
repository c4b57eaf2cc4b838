//! The dossier as a report — summary, parties, chronology, grievances, requests, exhibits,
//! signature — and the texts for an authority's complaint form, in French (for the CNIL),
//! English or German. Rust lays out one structure and decides what goes in it; every sentence and
//! label comes from the templates under `complaint/<lang>/` (see [`super::template`]).

use std::fmt::Write;

use jiff::civil::Date;

use super::facts::{DossierCase, DossierInput};
use super::grievances::{Grievance, grievances_in};
use super::phrases::{answer, answer_sentence, day_and_date, exhibit_refs, joined, request, sent_event, which_case};
use super::template::{Wording, say};
use crate::Error;
use crate::case::{AnswerKind, CaseEvent, RequestKind};
use crate::identity::{Lang, ProfileInput};
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

/// The controller with its SIREN, if known: "KASPR SAS (SIREN 843 898 396)".
fn controller_with_siren(w: Wording, input: &DossierInput<'_>) -> Result<String, Error> {
    say!(w, "phrases", "controller", controller = controller(input), siren = input.vendor.siren.as_deref().map(siren))
}

/// The exhibits of a case dated `on`: "pièce n° 2", "Exhibits 2 and 3", "Anlage 2".
fn exhibits_for(w: Wording, input: &DossierInput<'_>, case: i64, on: Date) -> Result<String, Error> {
    let numbers: Vec<String> = input
        .exhibits
        .iter()
        .filter(|e| e.case_id == Some(case) && e.dated == Some(on))
        .map(|e| e.number.to_string())
        .collect();
    exhibit_refs(w, &numbers)
}

/// Rows of [date, event, details, exhibits], in date order.
fn chronology(w: Wording, input: &DossierInput<'_>) -> Result<Vec<(Date, Vec<String>)>, Error> {
    let d = |date: Date| long_date(date, w.lang());
    let mut rows: Vec<(Date, Vec<String>)> = Vec::new();
    let several = input.cases.len() > 1;
    for c in &input.cases {
        // With several cases, the lines that could belong to any of them say which one.
        let which = if several { Some(which_case(w, c.id)?) } else { None };
        let tagged = |event: String| match &which {
            Some(which) => format!("{event} {which}"),
            None => event,
        };
        for e in &c.timeline {
            let on = e.on();
            let (event, note) = match e {
                CaseEvent::Sent { channel, received_on, reference, .. } => {
                    let mut details = Vec::new();
                    if let Some(r) = received_on {
                        details.push(say!(w, "chronology", "received", on = d(*r))?);
                    }
                    if let Some(r) = reference {
                        details.push(say!(w, "chronology", "reference", reference = r.as_str())?);
                    }
                    (tagged(sent_event(w, c.kind, *channel)?), joined(w, details)?)
                }
                CaseEvent::Acknowledged { .. } => (say!(w, "chronology", "acknowledged")?, String::new()),
                CaseEvent::ExtensionAnnounced { .. } => {
                    (say!(w, "chronology", "extension")?, say!(w, "chronology", "extension_note")?)
                }
                CaseEvent::Answered { kind, .. } => {
                    let late = c.deadline.as_ref().is_some_and(|d| on > d.due);
                    let note = if late { say!(w, "chronology", "after_expiry")? } else { String::new() };
                    (tagged(answer(w, *kind)?), note)
                }
                CaseEvent::MarkedOverdue { .. } => (tagged(say!(w, "chronology", "overdue")?), String::new()),
                CaseEvent::Reminded { .. } => (tagged(say!(w, "chronology", "reminded")?), String::new()),
                CaseEvent::Escalated { .. } => (say!(w, "chronology", "escalated")?, String::new()),
                CaseEvent::Closed { note, .. } => (say!(w, "chronology", "closed")?, note.clone().unwrap_or_default()),
                CaseEvent::NotDelivered { reason, .. } => {
                    (tagged(say!(w, "chronology", "not_delivered")?), reason.clone())
                }
            };
            rows.push((on, vec![d(on), event, note, exhibits_for(w, input, c.id, on)?]));
        }
        if let Some(due) = &c.deadline {
            let due = due.due;
            let event = tagged(say!(w, "chronology", "deadline", day = day_and_date(w, due)?)?);
            let note = say!(w, "chronology", "deadline_note", extended = c.extended())?;
            rows.push((due, vec![d(due), event, note, String::new()]));
        }
    }
    rows.sort_by_key(|(d, _)| *d);
    Ok(rows)
}

fn summary(w: Wording, input: &DossierInput<'_>, found: &[Grievance]) -> Result<String, Error> {
    let d = |date: Date| long_date(date, w.lang());
    let mut sentences = vec![say!(
        w,
        "summary",
        "opening",
        complainant = input.complainant.name.as_str(),
        controller = controller_with_siren(w, input)?
    )?];
    for c in &input.cases {
        let Some((sent, _)) = c.sent() else { continue };
        sentences.push(say!(w, "summary", "sent", on = d(sent), request = request(w, c.kind)?)?);
        sentences.push(match (c.answer(), &c.deadline) {
            (None, Some(due)) if input.date > due.due => say!(w, "summary", "expired_no_reply", due = d(due.due))?,
            (None, _) => say!(w, "summary", "no_reply_yet")?,
            (Some((AnswerKind::Incomplete, on)), _) => {
                say!(w, "summary", "incomplete", on = d(on), missing = c.missing.len())?
            }
            (Some((kind, on)), _) => answer_sentence(w, kind, on)?,
        });
    }
    if !found.is_empty() {
        let articles: Vec<String> = found.iter().map(|g| g.article.clone()).collect();
        sentences.push(say!(w, "summary", "infringements", articles = articles)?);
    }
    Ok(sentences.join(" "))
}

fn remedies(w: Wording, input: &DossierInput<'_>) -> Result<Vec<String>, Error> {
    let kinds: Vec<RequestKind> = input.cases.iter().map(|c| c.kind).collect();
    let unsatisfied =
        |c: &&DossierCase| !matches!(c.answer(), Some((AnswerKind::Complete | AnswerKind::NoDataHeld, _)));
    let mut out = vec![say!(w, "requests", "find_infringements")?];
    if input
        .cases
        .iter()
        .filter(unsatisfied)
        .any(|c| matches!(c.kind, RequestKind::Access | RequestKind::Combined | RequestKind::SourceInquiry))
    {
        out.push(say!(w, "requests", "answer_access")?);
    }
    if kinds.iter().any(|k| *k != RequestKind::Access) && input.cases.iter().filter(unsatisfied).count() > 0 {
        out.push(say!(w, "requests", "stop_marketing")?);
    }
    if kinds.iter().any(|k| matches!(k, RequestKind::Erasure | RequestKind::Combined)) {
        out.push(say!(w, "requests", "erase")?);
    }
    // Only the complainant's statement supports the Art. 14 grievance.
    if input.never_informed {
        out.push(say!(w, "requests", "inform")?);
    }
    out.push(say!(w, "requests", "keep_informed")?);
    Ok(out)
}

fn person_rows(w: Wording, p: &ProfileInput) -> Result<Vec<(String, String)>, Error> {
    let mut rows = vec![(say!(w, "parties", "name")?, p.name.clone())];
    if !p.address.is_empty() {
        rows.push((say!(w, "parties", "address")?, p.address.join(", ")));
    }
    if !p.emails.is_empty() {
        rows.push((say!(w, "parties", "email")?, p.emails.join(", ")));
    }
    if !p.phones.is_empty() {
        rows.push((say!(w, "parties", "phone")?, p.phones.join(", ")));
    }
    if let Some(e) = &p.employer {
        rows.push((say!(w, "parties", "employer")?, e.clone()));
    }
    if let Some(u) = &p.linkedin_url {
        rows.push((say!(w, "parties", "linkedin")?, u.clone()));
    }
    Ok(rows)
}

fn vendor_rows(w: Wording, input: &DossierInput<'_>) -> Result<Vec<(String, String)>, Error> {
    let v = input.vendor;
    let mut org = vec![
        (say!(w, "parties", "legal_name")?, controller(input)),
        (say!(w, "parties", "trading_name")?, v.name.clone()),
    ];
    if let Some(s) = &v.siren {
        org.push((say!(w, "parties", "siren")?, siren(s)));
    }
    if let Some(a) = &v.address {
        org.push((say!(w, "parties", "company_address")?, a.join(", ")));
    }
    if let Some(e) = v.request_email() {
        org.push((say!(w, "parties", "privacy_contact")?, e.to_owned()));
    }
    if let Some(c) = &v.country {
        org.push((say!(w, "parties", "country")?, c.as_str().to_owned()));
    }
    if let Some(r) = &v.eu_representative {
        org.push((say!(w, "parties", "eu_representative")?, r.name.clone()));
    }
    if let Some(web) = &v.contacts.website {
        org.push((say!(w, "parties", "website")?, web.clone()));
    }
    Ok(org)
}

/// The dossier as a report in French, for the CNIL. Same as [`compose`] with [`Lang::Fr`].
pub fn compose_fr(input: &DossierInput<'_>) -> Result<Report, Error> {
    compose(input, Lang::Fr)
}

/// The dossier as a report in `lang` (see [`super::dossier_lang`] for the authority's). Its
/// `exhibits` are empty: the caller adds the files, in the order of `input.exhibits`, whose
/// titles it writes in the same language. Fails only if a complaint template is broken, a bug
/// the crate's tests catch.
pub fn compose(input: &DossierInput<'_>, lang: Lang) -> Result<Report, Error> {
    let w = Wording::new(lang);
    let found = grievances_in(input, lang)?;
    let mut sections = Vec::new();

    sections.push(ReportSection {
        title: say!(w, "sections", "summary")?,
        new_page: false,
        blocks: vec![
            ReportBlock::Paragraph { text: summary(w, input, &found)? },
            ReportBlock::Paragraph { text: say!(w, "summary", "prior_steps")? },
        ],
    });

    let mut parties = vec![
        ReportBlock::Subheading { text: say!(w, "parties", "complainant_heading")? },
        ReportBlock::Fields { rows: person_rows(w, input.complainant)? },
    ];
    if let Some(agent) = input.agent {
        parties.push(ReportBlock::Subheading { text: say!(w, "parties", "agent_heading")? });
        parties.push(ReportBlock::Fields { rows: person_rows(w, agent)? });
        parties.push(ReportBlock::Paragraph { text: say!(w, "parties", "mandate")? });
    }
    parties.push(ReportBlock::Subheading { text: say!(w, "parties", "controller_heading")? });
    parties.push(ReportBlock::Fields { rows: vendor_rows(w, input)? });
    sections.push(ReportSection { title: say!(w, "sections", "parties")?, new_page: false, blocks: parties });

    let rows: Vec<Vec<String>> = chronology(w, input)?.into_iter().map(|(_, r)| r).collect();
    let header = vec![
        say!(w, "chronology", "column_date")?,
        say!(w, "chronology", "column_event")?,
        say!(w, "chronology", "column_details")?,
        say!(w, "chronology", "column_exhibit")?,
    ];
    sections.push(ReportSection {
        title: say!(w, "sections", "chronology")?,
        new_page: true,
        blocks: vec![
            ReportBlock::Paragraph { text: say!(w, "chronology", "method")? },
            ReportBlock::Table { header, widths: vec![18, 42, 26, 14], rows },
        ],
    });

    let mut blocks = Vec::new();
    if found.is_empty() {
        blocks.push(ReportBlock::Paragraph { text: say!(w, "grievances", "none_found")? });
    }
    for (i, g) in found.iter().enumerate() {
        blocks.push(ReportBlock::Subheading {
            text: say!(
                w,
                "grievances",
                "heading",
                number = i + 1,
                title = g.title.as_str(),
                article = g.article.as_str()
            )?,
        });
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
            blocks.push(ReportBlock::Paragraph { text: say!(w, "grievances", "see", precedent = p.as_str())? });
        }
    }
    sections.push(ReportSection { title: say!(w, "sections", "grievances")?, new_page: true, blocks });

    if !input.observations.is_empty() {
        sections.push(ReportSection {
            title: say!(w, "sections", "observations")?,
            new_page: false,
            blocks: input.observations.iter().map(|o| ReportBlock::Paragraph { text: o.clone() }).collect(),
        });
    }

    let mut asks = vec![ReportBlock::Paragraph { text: say!(w, "requests", "intro")? }];
    asks.extend(remedies(w, input)?.into_iter().map(|text| ReportBlock::Item { text }));
    sections.push(ReportSection { title: say!(w, "sections", "requests")?, new_page: false, blocks: asks });

    let exhibit_blocks = if input.exhibits.is_empty() {
        vec![ReportBlock::Paragraph { text: say!(w, "exhibits", "no_exhibits")? }]
    } else {
        let mut rows = Vec::new();
        for e in &input.exhibits {
            rows.push(vec![say!(w, "exhibits", "row_number", number = e.number)?, e.title.clone()]);
        }
        vec![ReportBlock::Table {
            header: vec![say!(w, "exhibits", "column_number")?, say!(w, "exhibits", "column_document")?],
            widths: vec![15, 85],
            rows,
        }]
    };
    sections.push(ReportSection { title: say!(w, "sections", "exhibits")?, new_page: false, blocks: exhibit_blocks });

    let date = long_date(input.date, lang);
    let complainant = &input.complainant.name;
    let signed_by = match input.agent {
        Some(a) => say!(w, "signature", "on_behalf", agent = a.name.as_str(), complainant = complainant.as_str())?,
        None => complainant.clone(),
    };
    sections.push(ReportSection {
        title: say!(w, "sections", "signature")?,
        new_page: false,
        blocks: vec![
            ReportBlock::Paragraph { text: say!(w, "signature", "certify", date = date.as_str())? },
            ReportBlock::Paragraph { text: signed_by },
        ],
    });

    let titles: Vec<String> = found.iter().map(|g| g.title.clone()).collect();
    let subject = say!(w, "form", "subject", titles = titles)?;
    let authority = authority_short(input, lang);
    let cnil = input.authority.id.as_str() == "frcnil";
    let title = say!(w, "cover", "title", authority = authority.as_str(), cnil = cnil)?;
    let cover_lines: Vec<String> = [
        say!(w, "cover", "complainant_line", complainant = complainant.as_str())?,
        say!(w, "cover", "controller_line", controller = controller_with_siren(w, input)?)?,
        say!(w, "cover", "authority_line", authority = authority.as_str())?,
        say!(w, "cover", "subject_line", subject = subject)?,
        say!(w, "cover", "date_line", date = date.as_str())?,
        say!(w, "cover", "exhibits_line", count = input.exhibits.len())?,
    ]
    .into_iter()
    // A language may leave a line out (French: the title already names the authority).
    .filter(|l| !l.is_empty())
    .collect();

    let words = ReportWords {
        page: say!(w, "cover", "page")?,
        of: say!(w, "cover", "of")?,
        exhibit: say!(w, "exhibits", "page_label")?,
        exhibit_unreadable: say!(w, "exhibits", "unreadable")?,
    };

    Ok(Report {
        title,
        cover_lines,
        author: input.agent.unwrap_or(input.complainant).name.clone(),
        lang: lang.code().into(),
        words,
        sections,
        exhibits: Vec::new(),
    })
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
pub fn form_text_fr(input: &DossierInput<'_>, pdf_name: &str) -> Result<String, Error> {
    form_text(input, Lang::Fr, pdf_name)
}

/// The texts for the authority's complaint form or letter, field by field, and the attachments
/// to add. In French they are the CNIL's online form's (which publishes no length limits, so the
/// description is kept short and refers to the PDF); in English and German they are generic.
/// Fails only if a complaint template is broken, a bug the crate's tests catch.
pub fn form_text(input: &DossierInput<'_>, lang: Lang, pdf_name: &str) -> Result<String, Error> {
    let w = Wording::new(lang);
    let found = grievances_in(input, lang)?;
    let v = input.vendor;
    let mut out = format!("{}\n{}\n\n", say!(w, "form", "title")?, say!(w, "form", "instructions")?);
    if let Some(url) = &input.authority.complaint_url {
        // The French text leaves it out: it is for the CNIL's own form.
        let line = say!(w, "form", "complaint_page", url = url.as_str())?;
        if !line.is_empty() {
            let _ = writeln!(out, "{line}\n");
        }
    }
    let _ = writeln!(out, "== {} ==\n{}", say!(w, "form", "organisation_heading")?, controller(input));
    if let Some(s) = &v.siren {
        let _ = writeln!(out, "{}", say!(w, "form", "siren", value = siren(s))?);
    }
    if let Some(a) = &v.address {
        let _ = writeln!(out, "{}", say!(w, "form", "address", value = a.join(", "))?);
    }
    if let Some(web) = &v.contacts.website {
        let _ = writeln!(out, "{}", say!(w, "form", "website", value = web.as_str())?);
    }
    let titles: Vec<String> = found.iter().map(|g| g.title.clone()).collect();
    let _ = writeln!(
        out,
        "\n== {} ==\n{}",
        say!(w, "form", "subject_heading")?,
        say!(w, "form", "subject", titles = titles)?
    );
    let _ = writeln!(out, "\n== {} ==\n{}", say!(w, "form", "description_heading")?, summary(w, input, &found)?);
    let _ = writeln!(out, "{}", say!(w, "form", "attached", pdf_name = pdf_name)?);
    let _ = writeln!(out, "\n== {} ==", say!(w, "form", "steps_heading")?);
    for (_, row) in chronology(w, input)? {
        let step = say!(w, "form", "step", date = row[0].as_str(), event = row[1].as_str(), note = row[2].as_str())?;
        let _ = writeln!(out, "- {step}");
    }
    let _ = writeln!(out, "\n== {} ==", say!(w, "form", "attachments_heading")?);
    let _ = writeln!(out, "- {}", say!(w, "form", "pdf_attachment", pdf_name = pdf_name)?);
    for e in &input.exhibits {
        let _ = writeln!(out, "- {}", say!(w, "form", "exhibit", number = e.number, title = e.title.as_str())?);
    }
    if let Some(address) = &input.authority.address {
        let name = native_name(&input.authority.name);
        let _ = writeln!(
            out,
            "\n== {} ==\n{name}\n{}\n{}",
            say!(w, "form", "by_post_heading")?,
            address.join("\n"),
            say!(w, "form", "enclose_printed")?,
        );
    }
    Ok(out)
}
