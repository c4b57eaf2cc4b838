//! The database schema, as an ordered list of migrations (tracked in `PRAGMA user_version`).
//! Never edit a released migration: add a new one.

use rusqlite_migration::{M, Migrations};

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            "CREATE TABLE profiles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '[]',
            emails TEXT NOT NULL DEFAULT '[]',
            phones TEXT NOT NULL DEFAULT '[]',
            employer TEXT,
            linkedin_url TEXT,
            lang TEXT NOT NULL,
            notes TEXT,
            acting_for INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE mandates (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        );",
        ),
        M::up(
            "CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE RESTRICT,
            vendor_id TEXT NOT NULL,
            holiday_country TEXT NOT NULL,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX cases_profile ON cases(profile_id);
        CREATE TABLE case_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            recorded_at TEXT NOT NULL,
            event TEXT NOT NULL
        );
        CREATE INDEX case_events_case ON case_events(case_id, id);
        -- The timeline is a record of what happened: it is added to, never rewritten.
        CREATE TRIGGER case_events_append_only BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'the case timeline is append-only'); END;",
        ),
        M::up(
            "CREATE TABLE case_files (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            from_address TEXT,
            subject TEXT,
            dated TEXT,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX case_files_case ON case_files(case_id, id);
        -- Evidence is kept as received: a file is added, never rewritten.
        CREATE TRIGGER case_files_append_only BEFORE UPDATE ON case_files
        BEGIN SELECT RAISE(ABORT, 'case files are kept as received'); END;
        CREATE TABLE case_checklist (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            item TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (case_id, item)
        );",
        ),
        M::up(
            "CREATE TABLE mail_scans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            scanned_at TEXT NOT NULL,
            label TEXT NOT NULL,
            summary TEXT NOT NULL,
            examples TEXT NOT NULL
        );
        CREATE INDEX mail_scans_profile ON mail_scans(profile_id, id);
        CREATE TABLE breach_checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            breaches TEXT NOT NULL
        );
        CREATE INDEX breach_checks_profile ON breach_checks(profile_id, email, id);
        CREATE TABLE self_checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            vendor_id TEXT NOT NULL,
            checked_on TEXT NOT NULL,
            outcome TEXT NOT NULL,
            note TEXT,
            screenshot_name TEXT,
            screenshot_sha256 TEXT,
            screenshot BLOB,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX self_checks_profile ON self_checks(profile_id, id);",
        ),
        M::up(
            "CREATE TABLE mail_accounts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL UNIQUE REFERENCES profiles(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            login TEXT NOT NULL,
            imap_host TEXT NOT NULL,
            imap_port INTEGER NOT NULL,
            imap_security TEXT NOT NULL,
            smtp_host TEXT NOT NULL,
            smtp_port INTEGER NOT NULL,
            smtp_security TEXT NOT NULL,
            ca_pem BLOB,
            sent_folder TEXT,
            -- Only in passphrase mode; in keyring mode the password is in the OS keyring.
            password TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES mail_accounts(id) ON DELETE RESTRICT,
            message_id TEXT NOT NULL UNIQUE,
            sender TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            message BLOB NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            accepted TEXT,
            queued_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX outbox_case ON outbox(case_id, id);",
        ),
        M::up(
            "-- The folders mail sync (purpose 'sync') and the mailbox scan ('scan') read, and where each
        -- stopped in each (RFC 3501 UIDVALIDITY and UID).
        CREATE TABLE mail_folders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose IN ('sync', 'scan')),
            folder TEXT NOT NULL,
            uid_validity INTEGER,
            last_uid INTEGER,
            synced_at TEXT,
            added_at TEXT NOT NULL,
            UNIQUE (account_id, purpose, folder)
        );",
        ),
    ])
}

/// The schema version this build writes.
pub(crate) fn latest_version() -> usize {
    6
}
