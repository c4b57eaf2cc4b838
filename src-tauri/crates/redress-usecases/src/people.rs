//! The people Redress acts for: the person using it, and those an advocate files for, each
//! with their signed mandate kept inside the encrypted store.

use std::path::Path;

use redress_core::identity::ProfileInput;
use redress_store::{Profile, ProfileId, Store};

use crate::clock::Clock;
use crate::error::{Refusal, Result};

/// What happens to a person's mandate when their profile is saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MandateChange<'a> {
    #[default]
    Keep,
    /// Store this signed mandate (PDF, PNG or JPEG).
    Set(&'a Path),
    Remove,
}

/// Adds a person, with their mandate when one is given.
pub fn add_person(
    store: &mut Store,
    clock: &dyn Clock,
    input: ProfileInput,
    mandate: Option<&Path>,
) -> Result<Profile> {
    let added = store.add_profile(input, clock.timestamp())?;
    match mandate {
        Some(file) => Ok(store.set_mandate(added.id, file, clock.timestamp())?),
        None => Ok(added),
    }
}

/// Changes a person's fields: `edit` gets the current ones and returns the new ones.
pub fn update_person(
    store: &mut Store,
    clock: &dyn Clock,
    id: ProfileId,
    edit: impl FnOnce(ProfileInput) -> Result<ProfileInput>,
    mandate: MandateChange<'_>,
) -> Result<Profile> {
    let input = edit(store.profile(id)?.fields)?;
    let updated = store.update_profile(id, input, clock.timestamp())?;
    match mandate {
        MandateChange::Keep => Ok(updated),
        change => change_mandate(store, clock, id, change),
    }
}

/// Stores or removes a person's signed mandate; their fields stay as they are.
pub fn change_mandate(
    store: &mut Store,
    clock: &dyn Clock,
    id: ProfileId,
    change: MandateChange<'_>,
) -> Result<Profile> {
    Ok(match change {
        MandateChange::Keep => store.profile(id)?,
        MandateChange::Set(file) => store.set_mandate(id, file, clock.timestamp())?,
        MandateChange::Remove => store.remove_mandate(id)?,
    })
}

/// Removes a person (refused while they have cases). Returns what was removed.
pub fn remove_person(store: &mut Store, id: ProfileId) -> Result<Profile> {
    Ok(store.remove_profile(id)?)
}

/// Writes a copy of the person's stored mandate to `path`.
pub fn save_mandate_copy(store: &Store, id: ProfileId, path: &Path) -> Result<()> {
    let bytes = store.mandate_content(id)?.ok_or(Refusal::NoMandate { id })?;
    redress_core::atomic_file::write_atomically(path, &bytes)?;
    Ok(())
}
