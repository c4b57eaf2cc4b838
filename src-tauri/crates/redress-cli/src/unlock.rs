//! Getting a store open from the command line: its path, and a passphrase from a file or the
//! terminal. Passphrases are never read from arguments or the environment, where other local
//! users and shell history could see them.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use redress_core::limited_read::{SECRET_FILE_LIMIT, read_limited_or_pipe_into};
use redress_store::{NewKey, Passphrase, Store, StoreError, SystemKeyring, UnlockMode};
use zeroize::Zeroizing;

use crate::error::CliError;

/// The first line of `file`, without its line ending. The file is read into one buffer, made
/// large enough up front so it is never reallocated, and wiped when done.
pub fn read_passphrase_file(file: &Path) -> Result<Passphrase, CliError> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(SECRET_FILE_LIMIT as usize + 1));
    read_limited_or_pipe_into(file, SECRET_FILE_LIMIT, "a passphrase or key file", &mut bytes).map_err(
        |e| match e {
            redress_core::Error::Read { source, .. } => {
                CliError::Usage(format!("failed to read the passphrase file {}: {source}", file.display()))
            }
            other => other.into(),
        },
    )?;
    let line = Passphrase::first_line(&bytes)
        .ok_or_else(|| CliError::Usage(format!("the passphrase file {} is not UTF-8 text", file.display())))?;
    if line.expose().is_empty() {
        return Err(CliError::Usage(format!("the passphrase file {} is empty", file.display())));
    }
    Ok(line)
}

/// Asks on the terminal; refuses when there is none (scripts must pass a file).
pub fn ask(prompt: &str, option: &str) -> Result<Passphrase, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "a passphrase is needed and there is no terminal to ask on: pass {option} FILE"
        )));
    }
    rpassword::prompt_password(prompt)
        .map(Passphrase::new)
        .map_err(|e| CliError::Usage(format!("could not read the passphrase: {e}")))
}

/// A new passphrase: from `file`, or typed twice.
pub fn new_passphrase(file: Option<&Path>, option: &str, what: &str) -> Result<Passphrase, CliError> {
    if let Some(f) = file {
        return read_passphrase_file(f);
    }
    let first = ask(&format!("New {what} passphrase: "), option)?;
    let second = ask(&format!("Repeat the {what} passphrase: "), option)?;
    if first != second {
        return Err(CliError::Usage("the two passphrases differ; nothing was changed".into()));
    }
    Ok(first)
}

pub struct StoreAccess {
    pub path: PathBuf,
    pub passphrase_file: Option<PathBuf>,
}

impl StoreAccess {
    /// Opens the store, asking for the passphrase on the terminal when it needs one and no
    /// --passphrase-file was given.
    pub fn open(&self) -> Result<Store, CliError> {
        let given = self.passphrase_file.as_deref().map(read_passphrase_file).transpose()?;
        match Store::open(&self.path, given.as_ref(), &SystemKeyring) {
            Err(StoreError::PassphraseRequired { .. }) if given.is_none() && std::io::stdin().is_terminal() => {
                let typed = ask("Store passphrase: ", "--passphrase-file")?;
                Ok(Store::open(&self.path, Some(&typed), &SystemKeyring)?)
            }
            other => Ok(other?),
        }
    }

    /// Opens the store, creating it on first use (keyring mode, or passphrase mode with
    /// --passphrase-file) and saying so on stderr. An existing store is never re-created.
    pub fn open_or_create(&self) -> Result<Store, CliError> {
        if self.path.exists() {
            return self.open();
        }
        let store = Store::create(&self.path, self.new_key()?, &SystemKeyring)?;
        crate::output::eprintln(format_args!(
            "Created an encrypted store at {} (unlocked by {}).",
            store.path().display(),
            mode_label(store.mode())
        ));
        Ok(store)
    }

    /// The key setup for a new store: a passphrase when one was given, else the keyring.
    pub fn new_key(&self) -> Result<NewKey, CliError> {
        Ok(match &self.passphrase_file {
            Some(f) => NewKey::Passphrase(read_passphrase_file(f)?),
            None => NewKey::Keyring,
        })
    }
}

pub fn mode_label(mode: UnlockMode) -> &'static str {
    match mode {
        UnlockMode::Keyring => "keyring (the key is in your system keyring)",
        UnlockMode::Passphrase => "passphrase (Argon2id-derived key)",
    }
}
