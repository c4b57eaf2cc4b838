//! `redress demo -o DIR`: a fictional person's whole journey, written as files, with nothing
//! stored: letters to two vendors, an incomplete answer, a missed deadline, reminders, and the
//! two complaint files for the CNIL.

use std::path::Path;

use jiff::civil::{Date, date};
use redress_core::case::{AnswerKind, CaseEvent, Channel, RequestKind, replay};
use redress_core::deadline::Calendar;
use redress_core::dossier::{DossierCase, DossierInput, ExhibitEntry, compose_fr, form_text_fr};
use redress_core::identity::{Lang, ProfileInput};
use redress_core::letter::{AccessItem, LetterInput, LetterKind, Recipient, ReminderFacts, compose, long_date};
use redress_core::registry::{Registry, Vendor};
use redress_core::report::{Exhibit, ExhibitContent};

use crate::error::CliError;
use crate::output::print;
use redress_mail::exhibit_content;

const SENT: Date = date(2026, 9, 1);
const ANSWERED: Date = date(2026, 9, 24);
const REMINDED: Date = date(2026, 10, 15);
const FILED: Date = date(2026, 11, 2);

fn camille() -> ProfileInput {
    ProfileInput {
        name: "Camille Exemple".into(),
        address: vec!["8 rue de l'Exemple".into(), "75011 Paris".into()],
        emails: vec!["camille.exemple@example.org".into()],
        phones: vec!["+33 6 00 00 00 01".into()],
        employer: Some("Exemple SARL".into()),
        linkedin_url: Some("https://www.linkedin.com/in/camille-exemple".into()),
        lang: Lang::Fr,
        notes: None,
        acting_for: false,
    }
}

/// The answer the demo's first vendor sends: it confirms, but names no source and no recipient.
fn incomplete_answer(vendor: &Vendor, to: &str) -> String {
    let from = vendor.request_email().unwrap_or("privacy@example.com");
    format!(
        "From: Privacy Team <{from}>\r\nTo: {to}\r\nSubject: =?utf-8?q?RE=3A_Demande_d=27acc=C3=A8s?=\r\n\
         Date: Thu, 24 Sep 2026 10:12:00 +0200\r\nMessage-ID: <demo-answer@example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Bonjour,\r\n\r\nNous traitons votre adresse électronique professionnelle et votre numéro de téléphone.\r\n\
         Ces données proviennent de sources publiques.\r\nElles sont conservées 5 ans.\r\n\r\nCordialement,\r\n\
         L'équipe Privacy\r\n"
    )
}

pub fn run(registry: &Registry, dir: &Path, force: bool) -> Result<(), CliError> {
    if dir.exists() && !force && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(CliError::Usage(format!("{} is not empty (use --force to write into it anyway)", dir.display())));
    }
    let write = |name: &str, bytes: &[u8]| redress_core::atomic_file::write_atomically(&dir.join(name), bytes);
    let person = camille();
    let cnil =
        registry.authority("frcnil").ok_or_else(|| redress_core::Error::UnknownAuthority { id: "frcnil".into() })?;
    let meta = redress_pdf::PdfMeta::new(jiff::Timestamp::now());
    let calendar = Calendar::for_country("FR").ok_or_else(|| CliError::Usage("no French calendar".into()))?;
    let mut written = Vec::new();

    for (id, answered) in [("kaspr", true), ("lusha", false)] {
        let vendor = registry.require_vendor(id)?;
        let recipient = || Recipient::vendor(vendor, registry);
        // The request.
        let request = compose(&LetterInput::new(LetterKind::Combined, Lang::Fr, &person, recipient(), SENT))?;
        let request_pdf = redress_pdf::letter_pdf(&request, &meta)?;
        let name = format!("lettres/{}.pdf", request.file_stem);
        write(&name, &request_pdf)?;
        written.push(name);

        let sent = CaseEvent::Sent {
            channel: Channel::Email,
            on: SENT,
            received_on: None,
            reference: Some(format!("<demo-{id}@example.org>")),
        };
        let mut events = vec![sent];
        let mut exhibits = vec![(
            ExhibitEntry {
                number: 1,
                title: format!("Ma demande du {}", long_date(SENT, Lang::Fr)),
                case_id: Some(1),
                dated: Some(SENT),
            },
            format!("{}.pdf", request.file_stem),
            ExhibitContent::Pdf { bytes: request_pdf },
        )];
        let missing =
            if answered { vec![AccessItem::Copy, AccessItem::Recipients, AccessItem::Source] } else { vec![] };
        if answered {
            let eml = incomplete_answer(vendor, &person.emails[0]);
            let name = format!("reponses/{id}-reponse.eml");
            write(&name, eml.as_bytes())?;
            written.push(name.clone());
            events.push(CaseEvent::Answered { kind: AnswerKind::Incomplete, on: ANSWERED });
            exhibits.push((
                ExhibitEntry {
                    number: 2,
                    title: format!("Réponse de la société du {}", long_date(ANSWERED, Lang::Fr)),
                    case_id: Some(1),
                    dated: Some(ANSWERED),
                },
                name,
                exhibit_content("reponse.eml", eml.as_bytes(), Lang::Fr),
            ));
        } else {
            events.push(CaseEvent::MarkedOverdue { on: date(2026, 10, 2) });
        }
        let (_, deadline) = replay(&events, &calendar).map_err(|e| CliError::Usage(e.to_string()))?;
        // The reminder.
        let mut input = LetterInput::new(LetterKind::Reminder, Lang::Fr, &person, recipient(), REMINDED);
        input.options.reminder = Some(ReminderFacts {
            request: RequestKind::Combined,
            sent_on: SENT,
            due_on: deadline.as_ref().map(|d| d.due),
            answered_on: answered.then_some(ANSWERED),
            missing: missing.clone(),
            reference: Some(format!("<demo-{id}@example.org>")),
        });
        let reminder = compose(&input)?;
        let reminder_pdf = redress_pdf::letter_pdf(&reminder, &meta)?;
        let name = format!("lettres/{}.pdf", reminder.file_stem);
        write(&name, &reminder_pdf)?;
        written.push(name);
        events.push(CaseEvent::Reminded { on: REMINDED });
        let number = u32::try_from(exhibits.len()).unwrap_or(0) + 1;
        exhibits.push((
            ExhibitEntry {
                number,
                title: format!("Ma relance du {}", long_date(REMINDED, Lang::Fr)),
                case_id: Some(1),
                dated: Some(REMINDED),
            },
            format!("{}.pdf", reminder.file_stem),
            ExhibitContent::Pdf { bytes: reminder_pdf },
        ));
        let (status, deadline) = replay(&events, &calendar).map_err(|e| CliError::Usage(e.to_string()))?;

        // The complaint.
        let dossier = DossierInput {
            complainant: &person,
            agent: None,
            vendor,
            authority: cnil,
            cases: vec![DossierCase {
                id: 1,
                kind: RequestKind::Combined,
                status,
                timeline: events,
                deadline,
                missing,
            }],
            exhibits: exhibits.iter().map(|(e, _, _)| e.clone()).collect(),
            never_informed: true,
            observations: vec![
                "Dossier de démonstration produit par Redress : la personne et les échanges décrits sont fictifs."
                    .into(),
            ],
            date: FILED,
        };
        let mut report = compose_fr(&dossier)?;
        report.exhibits = exhibits
            .into_iter()
            .map(|(e, source, content)| Exhibit { number: e.number, title: e.title, source, content })
            .collect();
        let pdf = redress_pdf::report_pdf(&report, &meta)?;
        let name = format!("plainte-{id}.pdf");
        write(&name, &pdf.bytes)?;
        written.push(format!("{name} ({} pages)", pdf.pages));
        let form = format!("formulaire-cnil-{id}.txt");
        write(&form, form_text_fr(&dossier, &name)?.as_bytes())?;
        written.push(form);
    }
    let mut out = format!("Wrote a fictional example into {} (nothing was stored):\n", dir.display());
    for w in &written {
        out.push_str(&format!("  {w}\n"));
    }
    out.push_str(
        "Camille wrote to Kaspr and Lusha on 1 September 2026. Kaspr answered incompletely (no source, no\n\
         recipients, no copy); Lusha never answered. The reminders list what is missing; the complaints\n\
         (plainte-*.pdf, in French for the CNIL) gather the facts, the deadlines and every exhibit.\n",
    );
    print(&out)
}
