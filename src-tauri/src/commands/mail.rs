//! Mailbox commands: the servers proposed for an address, connect a sender's mailbox (both
//! servers checked before anything is saved), send cases' letters through it with progress
//! and a Cancel, and the accounts and outbox. The network is used only by `mail_connect` and
//! `mail_send`, on the person's press of a button.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use redress_store::{Passphrase, SystemKeyring};
use redress_usecases::front_end_clock;
use redress_usecases::mailbox::{self as usecase, ConnectRequest, DEFAULT_PACE, SendRequest};
use tauri::State;
use tauri::ipc::Channel;

use super::store::{background, with_store};
use crate::ipc::dto::{
    ConnectInputDto, MailAccountDto, MailProposalDto, MailStatusDto, SendOutcomeDto, SendProgressDto, connect_failure,
    send_failure,
};
use crate::ipc::error::IpcError;
use crate::state::{AppState, SendControl};

type Result<T> = std::result::Result<T, IpcError>;

/// A private CA certificate is small; anything bigger is not one.
const CA_FILE_LIMIT: u64 = 1024 * 1024;

/// The servers the provider list gives for `address`, or why a password will not do.
#[tauri::command]
#[specta::specta]
pub async fn mail_proposal(address: String) -> Result<MailProposalDto> {
    MailProposalDto::new(usecase::proposed_servers(address.trim()))
}

/// Checks both servers with the login and only then saves the account of `input.profileId`
/// (the password to the keyring in keyring mode, into the store otherwise).
#[tauri::command]
#[specta::specta]
pub async fn mail_connect(
    state: State<'_, AppState>,
    input: ConnectInputDto,
    password: String,
) -> Result<MailAccountDto> {
    let password = Passphrase::new(password);
    let ca_pem = match input.ca_file.clone() {
        Some(path) => Some(background(move || read_ca(&path)).await?),
        None => None,
    };
    let (imap, smtp) = (input.imap.to_record(), input.smtp.to_record());
    let request = ConnectRequest {
        profile: input.profile_id,
        address: input.address,
        imap: Some(imap.clone()),
        smtp: Some(smtp.clone()),
        login: input.login.filter(|l| !l.trim().is_empty()),
        password,
        ca_pem,
    };
    with_store(&state, move |store| {
        let connected = usecase::connect_mailbox(store, &SystemKeyring, front_end_clock(), &request)
            .map_err(|e| connect_failure(e, &imap, &smtp))?;
        Ok(MailAccountDto::from(&connected.account))
    })
    .await
}

fn read_ca(path: &str) -> Result<Vec<u8>> {
    Ok(redress_core::limited_read::read_limited(Path::new(path), CA_FILE_LIMIT, "a certificate file")?)
}

/// The connected accounts and every letter of the outbox.
#[tauri::command]
#[specta::specta]
pub async fn mail_status(state: State<'_, AppState>) -> Result<MailStatusDto> {
    with_store(&state, |store| {
        let status = usecase::mail_status(store)?;
        Ok(MailStatusDto {
            accounts: status.accounts.iter().map(Into::into).collect(),
            outbox: status.outbox.iter().map(Into::into).collect(),
        })
    })
    .await
}

/// Clears the running flag when a batch ends, however it ends.
struct Running(Arc<SendControl>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

/// Sends the letters of `caseIds` from the mailbox of `fromProfileId` (null: each case's
/// person's), paced, reporting each step on `onProgress`; `mail_send_cancel` stops the batch
/// before its next letter. One batch at a time.
#[tauri::command]
#[specta::specta]
pub async fn mail_send(
    state: State<'_, AppState>,
    case_ids: Vec<i64>,
    from_profile_id: Option<i64>,
    on_progress: Channel<SendProgressDto>,
) -> Result<Vec<SendOutcomeDto>> {
    let control = state.sending.clone();
    if control.running.swap(true, Ordering::SeqCst) {
        return Err(IpcError::invalid("letters are being sent already: wait for that batch to end, or cancel it"));
    }
    let running = Running(control.clone());
    control.cancel.store(false, Ordering::SeqCst);
    let registry = state.registry_snapshot()?;
    let request = SendRequest { cases: case_ids, from: from_profile_id, pace: DEFAULT_PACE };
    with_store(&state, move |store| {
        let _running = running;
        let mut report = |p: &usecase::SendProgress| {
            // A window that went away stops listening; the batch goes on and is kept in the outbox.
            let _ = on_progress.send(SendProgressDto::from(p));
        };
        let outcomes = usecase::send_letters(
            store,
            &registry,
            &SystemKeyring,
            front_end_clock(),
            &request,
            &mut report,
            &control.cancel,
        )
        .map_err(send_failure)?;
        Ok(outcomes.iter().map(Into::into).collect())
    })
    .await
}

/// Stops the batch being sent before its next letter; the rest stays in the outbox.
#[tauri::command]
#[specta::specta]
pub async fn mail_send_cancel(state: State<'_, AppState>) -> Result<bool> {
    state.sending.cancel.store(true, Ordering::SeqCst);
    Ok(state.sending.running.load(Ordering::SeqCst))
}
