//! Discover commands: scan mail the user chose, the exposure board, self-checks, and the Have
//! I Been Pwned check (the app's only network call, made only when the user presses the button).

use redress_core::breach::BreachCatalogue;
use redress_core::evidence::{
    EXAMPLES_PER_TOOL, Fingerprints, ScanExamples, ScanOptions, mailbox_label, plan_inputs, scan,
};
use redress_core::exposure::{exposure_board, request_targets};
use redress_online::HibpClient;
use redress_store::{HIBP_API_KEY_ACCOUNT, Passphrase, SystemKeyring, TextVault, VaultError};
use tauri::State;

use super::store::blocking;
use crate::ipc::dto::{
    BreachCheckDto, BreachDto, DiscoverBoardDto, ExposureRowDto, ScanDto, SelfCheckDto, VendorMentionDto, parse_outcome,
};
use crate::ipc::error::IpcError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, IpcError>;

/// Runs `work` on a blocking thread without taking the store (scans and network calls).
async fn background<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::internal(format!("a background task failed: {e}")))?
}

/// Scans the files and folders the user chose or dropped (.mbox, Maildir, .eml) for `profile_id`,
/// keeps the result in the store and returns it. The store stays usable while the scan runs.
#[tauri::command]
#[specta::specta]
pub async fn discover_scan(state: State<'_, AppState>, profile_id: i64, paths: Vec<String>) -> Result<ScanDto> {
    if paths.is_empty() {
        return Err(IpcError::invalid("choose at least one mailbox file or folder"));
    }
    let registry = state.registry_snapshot()?;
    let own: Vec<String> = blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        Ok(store.profile(profile_id)?.fields.emails)
    })
    .await?;
    let paths: Vec<std::path::PathBuf> = paths.into_iter().map(Into::into).collect();
    let label = mailbox_label(&paths);
    let (summary, examples) = background(move || {
        let fingerprints = Fingerprints::builtin(&registry)?;
        let input = plan_inputs(&paths)?;
        if input.files.is_empty() {
            return Err(IpcError::invalid(format!(
                "no mailbox or e-mail file was found there ({} other files skipped): export your mail as .mbox or .eml first",
                input.skipped_files
            )));
        }
        let options = ScanOptions { own_addresses: own, ..ScanOptions::default() };
        let mut examples = ScanExamples::new(EXAMPLES_PER_TOOL);
        let summary = scan(&fingerprints, &input, &options, &|_| {}, |r| examples.offer(r));
        Ok((summary, examples.into_vec()))
    })
    .await?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let record = store.record_mail_scan(profile_id, &label, &summary, &examples, jiff::Timestamp::now())?;
        Ok(ScanDto::from(&record))
    })
    .await
}

/// The exposure board of one person, with the scans, checks and self-checks behind it.
#[tauri::command]
#[specta::specta]
pub async fn discover_board(state: State<'_, AppState>, profile_id: i64) -> Result<DiscoverBoardDto> {
    let registry = state.registry_snapshot()?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        let catalogue = BreachCatalogue::builtin()?;
        let facts = store.exposure_facts(profile_id)?;
        let board = exposure_board(&registry, &catalogue, &facts);
        Ok(DiscoverBoardDto {
            request_targets: request_targets(&board),
            rows: board.into_iter().map(ExposureRowDto::from).collect(),
            scans: store.mail_scans(profile_id)?.iter().map(ScanDto::from).collect(),
            breach_checks: store
                .breach_checks(profile_id)?
                .iter()
                .map(|c| BreachCheckDto::new(c, &catalogue))
                .collect(),
            self_checks: store.self_checks(profile_id)?.iter().map(SelfCheckDto::from).collect(),
            catalogue: catalogue.breaches().iter().map(BreachDto::from).collect(),
        })
    })
    .await
}

/// Records what the person saw on a vendor's own page, with an optional screenshot chosen in
/// the file dialog.
#[tauri::command]
#[specta::specta]
pub async fn discover_self_check(
    state: State<'_, AppState>,
    profile_id: i64,
    vendor_id: String,
    outcome: String,
    note: Option<String>,
    screenshot_path: Option<String>,
) -> Result<()> {
    let registry = state.registry_snapshot()?;
    registry.require_vendor(&vendor_id)?;
    let outcome = parse_outcome(&outcome)?;
    let screenshot = match screenshot_path {
        Some(path) => {
            let path = std::path::PathBuf::from(path);
            let bytes = std::fs::read(&path)
                .map_err(|source| IpcError::from(redress_core::Error::Read { path: path.clone(), source }))?;
            let name = path.file_name().map_or_else(|| "screenshot".into(), |n| n.to_string_lossy().into_owned());
            Some((name, bytes))
        }
        None => None,
    };
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let now = jiff::Timestamp::now();
        let today = now.to_zoned(jiff::tz::TimeZone::system()).date();
        let shot = screenshot.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
        store.record_self_check(profile_id, &vendor_id, today, outcome, note.as_deref(), shot, now)?;
        Ok(())
    })
    .await
}

fn keyring_error(e: VaultError) -> IpcError {
    match e {
        VaultError::Missing => IpcError::invalid(
            "no Have I Been Pwned API key is saved: get one at https://haveibeenpwned.com/API/Key and save it here first",
        ),
        VaultError::Unavailable(why) => IpcError {
            code: crate::ipc::error::IpcErrorCode::KeyringUnavailable,
            message: format!("the system keyring cannot be used ({why}), so the API key cannot be kept"),
        },
    }
}

/// Whether an HIBP API key is in the keyring (the key itself never crosses to the window).
#[tauri::command]
#[specta::specta]
pub async fn hibp_key_status() -> Result<bool> {
    background(|| match SystemKeyring.get_text(HIBP_API_KEY_ACCOUNT) {
        Ok(_) => Ok(true),
        Err(VaultError::Missing) => Ok(false),
        Err(e) => Err(keyring_error(e)),
    })
    .await
}

/// Keeps the user's HIBP API key in the system keyring.
#[tauri::command]
#[specta::specta]
pub async fn hibp_set_key(key: String) -> Result<()> {
    let key = redress_online::api_key(&key).map_err(|e| IpcError::invalid(e.to_string()))?.to_owned();
    background(move || SystemKeyring.set_text(HIBP_API_KEY_ACCOUNT, &Passphrase::new(key)).map_err(keyring_error)).await
}

#[tauri::command]
#[specta::specta]
pub async fn hibp_forget_key() -> Result<()> {
    background(|| SystemKeyring.delete_text(HIBP_API_KEY_ACCOUNT).map_err(keyring_error)).await
}

/// Checks each of the person's addresses against Have I Been Pwned and keeps the answers.
/// The only network call the app makes, on the user's press of the button.
#[tauri::command]
#[specta::specta]
pub async fn hibp_check(state: State<'_, AppState>, profile_id: i64) -> Result<Vec<BreachCheckDto>> {
    let emails: Vec<String> = blocking(state.store.clone(), move |slot| {
        let store = slot.as_ref().ok_or_else(IpcError::locked)?;
        Ok(store.profile(profile_id)?.fields.emails)
    })
    .await?;
    if emails.is_empty() {
        return Err(IpcError::invalid("this person has no e-mail address to check: add one on the People screen"));
    }
    let (answers, failure) = background(move || {
        let key = SystemKeyring.get_text(HIBP_API_KEY_ACCOUNT).map_err(keyring_error)?;
        // Tests point the check at a local stand-in; anything but HTTPS or this computer is refused.
        let client = HibpClient::from_env().map_err(|e| IpcError::invalid(e.to_string()))?;
        // An address that fails stops the check; the answers already received are kept.
        let (answers, failure) = client.check_addresses(key.expose(), &emails);
        let answers: Vec<(String, Vec<String>)> = answers
            .into_iter()
            .map(|(email, breaches)| (email.to_owned(), breaches.into_iter().map(|b| b.name).collect()))
            .collect();
        Ok((answers, failure.map(|e| IpcError::invalid(e.to_string()))))
    })
    .await?;
    blocking(state.store.clone(), move |slot| {
        let store = slot.as_mut().ok_or_else(IpcError::locked)?;
        let now = jiff::Timestamp::now();
        for (email, names) in &answers {
            store.record_breach_check(profile_id, email, names, now)?;
        }
        if let Some(e) = failure {
            return Err(e);
        }
        let catalogue = BreachCatalogue::builtin()?;
        Ok(store.breach_checks(profile_id)?.iter().map(|c| BreachCheckDto::new(c, &catalogue)).collect())
    })
    .await
}

/// Reads a company's answer to a source inquiry (the file chosen in the dialog) and names the
/// registry vendors it mentions, so a case against the next one is one click away. Nothing is
/// stored: the case, once opened, keeps its own evidence.
#[tauri::command]
#[specta::specta]
pub async fn discover_read_answer(state: State<'_, AppState>, path: String) -> Result<Vec<VendorMentionDto>> {
    let registry = state.registry_snapshot()?;
    background(move || {
        let (reply, _) = redress_core::evidence::read_reply_file(std::path::Path::new(&path))?;
        let text = reply.text.ok_or_else(|| {
            IpcError::invalid(format!(
                "{} has no text Redress can read (a PDF or a scan): read it yourself and open a case on the Cases screen",
                reply.file_name
            ))
        })?;
        let text = format!("{}\n{text}", reply.subject.unwrap_or_default());
        Ok(redress_core::evidence::vendors_named(&text, &registry)
            .into_iter()
            .map(|m| VendorMentionDto { vendor: m.vendor, name: m.name, excerpt: m.excerpt })
            .collect())
    })
    .await
}
