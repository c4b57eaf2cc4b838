//! Mailbox accounts: the IMAP and SMTP servers a sender profile uses, and where its password
//! is kept. One account per profile: an advocate sends from the advocate's own account.
//!
//! The password is never in this table's readable columns or in any error: in keyring mode it
//! lives in the OS keyring (the account row says so), in passphrase mode in the encrypted
//! store itself, read only by [`Store::mail_password`] when a server asks for it.

use redress_core::mail_provider::Security;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use crate::error::StoreError;
use crate::profiles::ProfileId;
use crate::secret::Passphrase;
use crate::store::{Store, sql};

/// A server of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerRecord {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

/// Where an account's password is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PasswordPlace {
    /// In the OS keyring, under [`MailAccount::keyring_account`].
    Keyring,
    /// Inside the encrypted store.
    Store,
}

/// A saved mailbox account (never its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailAccount {
    pub id: i64,
    pub profile_id: ProfileId,
    pub address: String,
    pub login: String,
    pub imap: ServerRecord,
    pub smtp: ServerRecord,
    /// A private certificate authority the servers' certificates are checked against, besides
    /// the system's (PEM).
    #[serde(skip)]
    pub ca_pem: Option<Vec<u8>>,
    pub has_private_ca: bool,
    /// The folder a copy of each sent letter goes to; `None`: none found, no copy filed.
    pub sent_folder: Option<String>,
    pub password_in: PasswordPlace,
    pub created_at: String,
    pub updated_at: String,
}

impl MailAccount {
    /// The OS keyring entry of this account's password (keyring mode).
    pub fn keyring_account(&self) -> String {
        keyring_account(self.profile_id)
    }
}

/// The keyring entry of a profile's mailbox password.
pub fn keyring_account(profile: ProfileId) -> String {
    format!("mail-password-profile-{profile}")
}

/// What is saved once both servers accepted the login.
#[derive(Debug, Clone)]
pub struct NewMailAccount {
    pub profile_id: ProfileId,
    pub address: String,
    pub login: String,
    pub imap: ServerRecord,
    pub smtp: ServerRecord,
    pub ca_pem: Option<Vec<u8>>,
    pub sent_folder: Option<String>,
    /// `Some` when the password is kept in the store; `None` when the caller put it in the
    /// keyring.
    pub password: Option<Passphrase>,
}

const SELECT: &str = "SELECT id, profile_id, address, login, imap_host, imap_port, imap_security, smtp_host, smtp_port,
    smtp_security, ca_pem, sent_folder, password IS NOT NULL, created_at, updated_at FROM mail_accounts";

fn security(text: &str, column: usize) -> rusqlite::Result<Security> {
    text.parse().map_err(|e: redress_core::spelling::UnknownValue| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e.to_string().into())
    })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<MailAccount> {
    let ca_pem: Option<Vec<u8>> = r.get(10)?;
    Ok(MailAccount {
        id: r.get(0)?,
        profile_id: r.get(1)?,
        address: r.get(2)?,
        login: r.get(3)?,
        imap: ServerRecord { host: r.get(4)?, port: r.get(5)?, security: security(&r.get::<_, String>(6)?, 6)? },
        smtp: ServerRecord { host: r.get(7)?, port: r.get(8)?, security: security(&r.get::<_, String>(9)?, 9)? },
        has_private_ca: ca_pem.is_some(),
        ca_pem,
        sent_folder: r.get(11)?,
        password_in: if r.get::<_, bool>(12)? { PasswordPlace::Store } else { PasswordPlace::Keyring },
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

impl Store {
    /// Saves the profile's account, replacing the one it had.
    pub fn save_mail_account(&mut self, new: &NewMailAccount, now: jiff::Timestamp) -> Result<MailAccount, StoreError> {
        self.profile(new.profile_id)?;
        let now = now.to_string();
        self.conn
            .execute(
                "INSERT INTO mail_accounts (profile_id, address, login, imap_host, imap_port, imap_security, smtp_host,
                    smtp_port, smtp_security, ca_pem, sent_folder, password, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
                 ON CONFLICT (profile_id) DO UPDATE SET address = ?2, login = ?3, imap_host = ?4, imap_port = ?5,
                    imap_security = ?6, smtp_host = ?7, smtp_port = ?8, smtp_security = ?9, ca_pem = ?10,
                    sent_folder = ?11, password = ?12, updated_at = ?13",
                params![
                    new.profile_id,
                    new.address,
                    new.login,
                    new.imap.host,
                    new.imap.port,
                    new.imap.security.code(),
                    new.smtp.host,
                    new.smtp.port,
                    new.smtp.security.code(),
                    new.ca_pem,
                    new.sent_folder,
                    new.password.as_ref().map(Passphrase::expose),
                    now
                ],
            )
            .map_err(|e| sql(&self.path, e))?;
        self.mail_account(new.profile_id)?.ok_or(StoreError::UnknownProfile { id: new.profile_id })
    }

    /// The profile's account, if it has one.
    pub fn mail_account(&self, profile: ProfileId) -> Result<Option<MailAccount>, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE profile_id = ?1"), [profile], from_row)
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// Every account, by profile.
    pub fn mail_accounts(&self) -> Result<Vec<MailAccount>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("{SELECT} ORDER BY profile_id")).map_err(|e| sql(&self.path, e))?;
        let rows = stmt.query_map([], from_row).map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| sql(&self.path, e))
    }

    /// The password kept in the store for the account (`None` in keyring mode).
    pub fn mail_password(&self, account: &MailAccount) -> Result<Option<Passphrase>, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT password FROM mail_accounts WHERE id = ?1", [account.id], |r| r.get(0))
            .map_err(|e| sql(&self.path, e))?;
        Ok(text.map(Passphrase::new))
    }

    /// Forgets the profile's account (the caller removes a keyring password).
    pub fn remove_mail_account(&mut self, profile: ProfileId) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM mail_accounts WHERE profile_id = ?1", [profile])
            .map_err(|e| sql(&self.path, e))?;
        Ok(n > 0)
    }
}
