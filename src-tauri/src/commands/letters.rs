//! Letter commands: preview one letter, save one or a batch (PDF, .eml, text).

use std::path::PathBuf;

use redress_core::identity::Lang;
use redress_core::letter::email::{EmailMeta, eml, mailto};
use redress_core::letter::{
    AccessItem, Block, Letter, LetterInput, LetterKind, LetterOptions, ObjectionGrounds, Recipient, compose,
};
use redress_core::registry::Registry;
use redress_store::Store;
use tauri::State;

use super::store::blocking;
use crate::ipc::dto::{AccessItemDto, LetterBlockDto, LetterPreviewDto, LetterRequestDto};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

/// Every letter the request makes, in registry order.
fn letters(store: &Store, registry: &Registry, request: &LetterRequestDto) -> Result<Vec<Letter>> {
    let kind = LetterKind::parse(&request.kind)
        .ok_or_else(|| IpcError::invalid(format!("unknown letter kind {:?}", request.kind)))?;
    let person = store.profile(request.profile_id)?.fields;
    let agent = request.agent_profile_id.map(|id| store.profile(id)).transpose()?.map(|p| p.fields);
    let lang = match &request.lang {
        Some(l) => {
            Lang::parse(l).ok_or_else(|| IpcError::invalid(format!("unknown language {l:?}: use en, fr or de")))?
        }
        None => person.lang,
    };
    let missing = request
        .missing
        .iter()
        .map(|m| AccessItem::parse(m).ok_or_else(|| IpcError::invalid(format!("unknown checklist item {m:?}"))))
        .collect::<Result<Vec<_>>>()?;
    let case = request.case_id.map(|id| store.case(id)).transpose()?;
    let recipients: Vec<Recipient> = if let Some(company) = &request.company {
        vec![Recipient::company(&company.name, company.email.as_deref(), &[])?]
    } else if request.all_vendors {
        registry.vendors().iter().map(|v| Recipient::vendor(v, registry)).collect()
    } else {
        let mut ids: Vec<&str> = request.vendor_ids.iter().map(String::as_str).collect();
        if ids.is_empty()
            && let Some(c) = &case
        {
            ids.push(c.vendor_id.as_str());
        }
        ids.iter()
            .map(|id| registry.require_vendor(id).map(|v| Recipient::vendor(v, registry)))
            .collect::<std::result::Result<_, _>>()?
    };
    if recipients.is_empty() {
        return Err(IpcError::invalid("choose at least one vendor"));
    }
    let mut options = LetterOptions {
        place: request.place.clone(),
        registered_post: request.registered,
        objection: ObjectionGrounds { direct_marketing: request.direct_marketing, situation: request.reasons.clone() },
        agent,
        ..Default::default()
    };
    if kind == LetterKind::Reminder {
        let case = case.ok_or_else(|| IpcError::invalid("a reminder chases a case: choose the case"))?;
        // Without a choice on the screen, the reminder lists what the case's checklist marks missing.
        let missing = if missing.is_empty() { redress_core::case::missing_items(&case.checklist) } else { missing };
        options.reminder = Some(case.reminder_facts(missing).ok_or_else(|| {
            IpcError::invalid("this case has not been sent yet: mark it sent on the Cases screen first")
        })?);
    }
    let date = jiff::Zoned::now().date();
    if kind == LetterKind::Mandate {
        options.mandate_scope = recipients.iter().map(|r| r.legal_entity.clone().unwrap_or(r.name.clone())).collect();
        let first = recipients.into_iter().next().ok_or_else(|| IpcError::invalid("choose at least one vendor"))?;
        return Ok(vec![compose(&LetterInput { kind, lang, person: &person, recipient: first, date, options })?]);
    }
    recipients
        .into_iter()
        .map(|recipient| {
            Ok(compose(&LetterInput { kind, lang, person: &person, recipient, date, options: options.clone() })?)
        })
        .collect()
}

/// The first letter of the request, and how many it makes.
#[tauri::command]
#[specta::specta]
pub async fn letter_preview(state: State<'_, AppState>, request: LetterRequestDto) -> Result<LetterPreviewDto> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let all = letters(store, &registry, &request)?;
        let count = u32::try_from(all.len()).unwrap_or(u32::MAX);
        let first = all.into_iter().next().ok_or_else(|| IpcError::invalid("choose at least one vendor"))?;
        let body = first
            .body
            .iter()
            .map(|b| {
                let (kind, text) = match b {
                    Block::Paragraph(t) => ("paragraph", t),
                    Block::Item(t) => ("item", t),
                    Block::Heading(t) => ("heading", t),
                };
                LetterBlockDto { kind: kind.to_owned(), text: text.clone() }
            })
            .collect();
        Ok(LetterPreviewDto {
            recipient_name: first.recipient.first().cloned().unwrap_or_default(),
            sender: first.sender.clone(),
            recipient: first.recipient.clone(),
            place_date: first.place_date.clone(),
            registered_line: first.registered_line.clone(),
            subject_label: first.subject_label().map(str::to_owned),
            body,
            signature: first.signature.clone(),
            subject: first.subject.clone(),
            text: first.postal_text(),
            mailto: first.to_email.as_ref().map(|_| mailto(&first)),
            to_email: first.to_email.clone(),
            notices: first.notices.clone(),
            file_stem: first.file_stem.clone(),
            count,
        })
    })
    .await
}

/// Saves the request's letters as `format` (pdf, eml or txt): to `path` when it makes one
/// letter, else into the folder `path`, one file per vendor. Returns the files written.
#[tauri::command]
#[specta::specta]
pub async fn letters_save(
    state: State<'_, AppState>,
    request: LetterRequestDto,
    format: String,
    path: String,
) -> Result<Vec<String>> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let all = letters(store, &registry, &request)?;
        let extension = match format.as_str() {
            "pdf" | "eml" | "txt" => format.as_str(),
            other => return Err(IpcError::invalid(format!("unknown format {other:?}: use pdf, eml or txt"))),
        };
        // Letters an advocate sends carry the person's signed mandate.
        let attachment = match request.agent_profile_id {
            Some(_) if extension == "eml" && request.kind != "mandate" => {
                store.mandate_attachment(request.profile_id)?
            }
            _ => None,
        };
        let target = PathBuf::from(&path);
        let now = jiff::Zoned::now();
        let mut written = Vec::new();
        for letter in &all {
            let file =
                if all.len() == 1 { target.clone() } else { target.join(format!("{}.{extension}", letter.file_stem)) };
            let bytes = match extension {
                "pdf" => redress_pdf::letter_pdf(letter, &redress_pdf::PdfMeta::new(now.timestamp()))
                    .map_err(|e| IpcError::internal(e.to_string()))?,
                "eml" => {
                    eml(letter, &EmailMeta { date: now.clone(), attachments: attachment.iter().cloned().collect() })
                        .into_bytes()
                }
                _ => letter.postal_text().into_bytes(),
            };
            redress_core::atomic_file::write_atomically(&file, &bytes)?;
            written.push(file.display().to_string());
        }
        Ok(written)
    })
    .await
}

/// The Art. 15 checklist, in the letter's language, for the reminder's "what was missing".
#[tauri::command]
#[specta::specta]
pub fn access_items(lang: String) -> Result<Vec<AccessItemDto>> {
    let lang = Lang::parse(&lang).unwrap_or_default();
    Ok(AccessItem::ALL
        .iter()
        .map(|i| AccessItemDto {
            code: i.code().to_owned(),
            label: i.label(lang).to_owned(),
            article: i.citation(lang),
        })
        .collect())
}
