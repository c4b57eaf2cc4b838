//! `redress store …`, `redress backup`, `redress restore`.

use std::path::Path;

use redress_store::{NewKey, RestoreTarget, Store, SystemKeyring};

use crate::args::StoreAction;
use crate::error::CliError;
use crate::output::{print, print_json};
use crate::unlock::{StoreAccess, mode_label, new_passphrase};

pub fn run(access: &StoreAccess, action: StoreAction) -> Result<(), CliError> {
    match action {
        StoreAction::Init => {
            let store = Store::create(&access.path, access.new_key()?, &SystemKeyring)?;
            print(&format!(
                "Created an encrypted store at {}\nUnlocked by: {}\n",
                store.path().display(),
                mode_label(store.mode())
            ))
        }
        StoreAction::Status { json } => {
            let status = Store::status(&access.path)?;
            if json {
                return print_json(&status);
            }
            match status.mode {
                None => {
                    print(&format!("No store at {} yet (`redress store init` creates one).\n", status.path.display()))
                }
                Some(mode) => print(&format!("Store: {}\nUnlocked by: {}\n", status.path.display(), mode_label(mode))),
            }
        }
        StoreAction::UseKeyring => {
            let mut store = access.open()?;
            store.change_key(NewKey::Keyring, &SystemKeyring)?;
            print("The store's key is now kept in your system keyring; no passphrase is needed to open it.\n")
        }
        StoreAction::UsePassphrase { new_passphrase_file } => {
            let mut store = access.open()?;
            let p = new_passphrase(new_passphrase_file.as_deref(), "--new-passphrase-file", "store")?;
            store.change_key(NewKey::Passphrase(p), &SystemKeyring)?;
            print(
                "The store is now protected by the new passphrase. Keep it safe: without it the store cannot be opened.\n",
            )
        }
    }
}

pub fn backup(access: &StoreAccess, file: &Path, passphrase_file: Option<&Path>) -> Result<(), CliError> {
    let store = access.open()?;
    let p = new_passphrase(passphrase_file, "--backup-passphrase-file", "backup")?;
    let info = store.backup(file, &p, jiff::Timestamp::now())?;
    print(&format!(
        "Backup written to {} ({} bytes, backup id {}), encrypted and sealed with its own passphrase.\nRestore it with: redress restore {}\n",
        info.path.display(),
        info.bytes,
        info.backup_id,
        info.path.display()
    ))
}

pub fn restore(access: &StoreAccess, file: &Path, passphrase_file: Option<&Path>, force: bool) -> Result<(), CliError> {
    let p = match passphrase_file {
        Some(f) => crate::unlock::read_passphrase_file(f)?,
        None => crate::unlock::ask("Backup passphrase: ", "--backup-passphrase-file")?,
    };
    let target = RestoreTarget { path: access.path.clone(), new_key: access.new_key()?, overwrite: force };
    let (store, backup) = Store::restore_with_report(file, &p, target, &SystemKeyring)?;
    let n = store.profiles()?.len();
    // The person is the only one who can tell whether this is the backup they meant.
    let made = match &backup.backup_id {
        Some(id) => format!("The backup was made on {} (backup id {id}).", backup.created_at),
        None => format!("The backup says it was made on {}.", backup.created_at),
    };
    if !backup.authenticated {
        eprintln!(
            "warning: {} is an older backup (format 1) that cannot be checked for changes made after it was written; check what it restored, and make a new backup with `redress backup`",
            file.display()
        );
    }
    print(&format!(
        "Restored {} into {} ({n} profiles).\n{made}\nUnlocked by: {}\n",
        file.display(),
        store.path().display(),
        mode_label(store.mode())
    ))
}
