//! DTOs of the store and profile commands.

use redress_core::identity::{Lang, ProfileInput};
use redress_store::{BackupInfo, Profile, StoreStatus, UnlockMode};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum UnlockModeDto {
    Keyring,
    Passphrase,
}

impl From<UnlockMode> for UnlockModeDto {
    fn from(m: UnlockMode) -> Self {
        match m {
            UnlockMode::Keyring => UnlockModeDto::Keyring,
            UnlockMode::Passphrase => UnlockModeDto::Passphrase,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StoreStatusDto {
    pub path: String,
    pub exists: bool,
    pub mode: Option<UnlockModeDto>,
    pub unlocked: bool,
}

impl StoreStatusDto {
    pub fn new(status: StoreStatus, unlocked: bool) -> Self {
        StoreStatusDto {
            path: status.path.display().to_string(),
            exists: status.exists,
            mode: status.mode.map(Into::into),
            unlocked,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum LangDto {
    En,
    Fr,
    De,
}

impl From<Lang> for LangDto {
    fn from(l: Lang) -> Self {
        match l {
            Lang::En => LangDto::En,
            Lang::Fr => LangDto::Fr,
            Lang::De => LangDto::De,
        }
    }
}

impl From<LangDto> for Lang {
    fn from(l: LangDto) -> Self {
        match l {
            LangDto::En => Lang::En,
            LangDto::Fr => Lang::Fr,
            LangDto::De => Lang::De,
        }
    }
}

/// What the profile form sends.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInputDto {
    pub name: String,
    pub address: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub employer: Option<String>,
    pub linkedin_url: Option<String>,
    pub lang: LangDto,
    pub notes: Option<String>,
    pub acting_for: bool,
}

impl From<ProfileInputDto> for ProfileInput {
    fn from(d: ProfileInputDto) -> Self {
        ProfileInput {
            name: d.name,
            address: d.address,
            emails: d.emails,
            phones: d.phones,
            employer: d.employer,
            linkedin_url: d.linkedin_url,
            lang: d.lang.into(),
            notes: d.notes,
            acting_for: d.acting_for,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MandateDto {
    pub file_name: String,
    pub media_type: String,
    pub bytes: u64,
    pub added_at: String,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDto {
    pub id: i64,
    pub name: String,
    pub address: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub employer: Option<String>,
    pub linkedin_url: Option<String>,
    pub lang: LangDto,
    pub notes: Option<String>,
    pub acting_for: bool,
    pub mandate: Option<MandateDto>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<Profile> for ProfileDto {
    fn from(p: Profile) -> Self {
        let f = p.fields;
        ProfileDto {
            id: p.id,
            name: f.name,
            address: f.address,
            emails: f.emails,
            phones: f.phones,
            employer: f.employer,
            linkedin_url: f.linkedin_url,
            lang: f.lang.into(),
            notes: f.notes,
            acting_for: f.acting_for,
            mandate: p.mandate.map(|m| MandateDto {
                file_name: m.file_name,
                media_type: m.media_type,
                bytes: m.bytes,
                added_at: m.added_at,
            }),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfoDto {
    pub path: String,
    pub bytes: u64,
    pub created_at: String,
}

impl From<BackupInfo> for BackupInfoDto {
    fn from(b: BackupInfo) -> Self {
        BackupInfoDto { path: b.path.display().to_string(), bytes: b.bytes, created_at: b.created_at }
    }
}
