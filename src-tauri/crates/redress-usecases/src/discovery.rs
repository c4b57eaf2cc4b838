//! Finding out who holds a person's data: a scan of exported mail kept for the person, what
//! they saw on a vendor's own page, the Have I Been Pwned check (with their own key, kept in the
//! system keyring), a company's answer naming its source, and the exposure board that sums it up.
//!
//! The scan and the online check are the slow steps; they take no store, so the app keeps the
//! store usable while they run: read what they need ([`own_addresses`]), run them, then record.

use std::path::{Path, PathBuf};

use redress_core::breach::{Breach, BreachCatalogue};
use redress_core::exposure::{SelfCheckOutcome, VendorExposure, exposure_board, request_targets};
use redress_core::registry::Registry;
use redress_mail::{
    EXAMPLES_PER_TOOL, Fingerprints, MessageReport, ScanExamples, ScanOptions, ScanSummary, VendorMention,
    mailbox_label, plan_inputs, read_reply_file, scan, vendors_named,
};
use redress_online::{HibpBreach, HibpClient, OnlineError};
use redress_store::{
    BreachCheckRecord, HIBP_API_KEY_ACCOUNT, MAX_SCREENSHOT_BYTES, MailScanRecord, Passphrase, ProfileId,
    SelfCheckRecord, Store, SystemKeyring, TextVault, VaultError,
};

use crate::clock::Clock;
use crate::error::{Refusal, Result};

/// How many worker threads a scan asked for `requested` runs: capped at the computer's cores
/// (front ends say so when the cap applies).
pub fn scan_threads(requested: usize) -> usize {
    redress_mail::worker_threads(requested)
}

/// What to scan.
#[derive(Debug, Clone, Default)]
pub struct ScanRequest {
    /// Mailbox files and folders (.mbox, Maildir, .eml).
    pub paths: Vec<PathBuf>,
    /// The person's own addresses: what they sent is skipped.
    pub own_addresses: Vec<String>,
    /// Fingerprint files of the person's own, as (name, bytes).
    pub extra_fingerprints: Vec<(String, Vec<u8>)>,
    /// Worker threads; `None`: every core.
    pub threads: Option<usize>,
}

/// A finished scan, ready to be kept for a person.
#[derive(Debug, Clone)]
pub struct MailScan {
    pub label: String,
    pub summary: ScanSummary,
    pub examples: Vec<MessageReport>,
}

/// The addresses of `profile`, which a scan for them skips as the sender.
pub fn own_addresses(store: &Store, profile: ProfileId) -> Result<Vec<String>> {
    Ok(store.profile(profile)?.fields.emails)
}

/// Scans the mail. `progress` gets the bytes read so far; `on_report` every message report in
/// mailbox order. Refuses when no mail is found among the paths.
pub fn scan_mail(
    registry: &Registry,
    request: &ScanRequest,
    progress: &(dyn Fn(u64) + Sync),
    mut on_report: impl FnMut(&MessageReport),
) -> Result<MailScan> {
    let fingerprints = Fingerprints::load(registry, &request.extra_fingerprints)?;
    let input = plan_inputs(&request.paths)?;
    if input.files.is_empty() {
        let places: Vec<String> = request.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Refusal::NoMail { places: places.join(", "), skipped: input.skipped_files as u64 }.into());
    }
    let mut options = ScanOptions { own_addresses: request.own_addresses.clone(), ..ScanOptions::default() };
    if let Some(threads) = request.threads {
        if threads == 0 {
            return Err(Refusal::NoThreads.into());
        }
        options.threads = threads;
    }
    let mut examples = ScanExamples::new(EXAMPLES_PER_TOOL);
    let summary = scan(&fingerprints, &input, &options, progress, |report| {
        examples.offer(report);
        on_report(report);
    });
    Ok(MailScan { label: mailbox_label(&request.paths), summary, examples: examples.into_vec() })
}

/// The total size of the mail a request would scan (to decide whether to show progress).
pub fn mail_size(paths: &[PathBuf]) -> Result<u64> {
    Ok(plan_inputs(paths)?.total_bytes())
}

/// Keeps a scan for `profile` (its board then counts it).
pub fn record_scan(
    store: &mut Store,
    profile: ProfileId,
    scan: &MailScan,
    clock: &dyn Clock,
) -> Result<MailScanRecord> {
    Ok(store.record_mail_scan(profile, &scan.label, &scan.summary, &scan.examples, clock.timestamp())?)
}

/// What the person saw on a vendor's own page.
#[derive(Debug, Clone)]
pub struct SelfCheckRequest {
    pub profile: ProfileId,
    pub vendor: String,
    pub outcome: SelfCheckOutcome,
    pub note: Option<String>,
    /// A PNG or JPEG screenshot of the page.
    pub screenshot: Option<PathBuf>,
}

/// Records a self-check, dated today, with its screenshot kept in the store.
pub fn record_self_check(
    store: &mut Store,
    registry: &Registry,
    clock: &dyn Clock,
    request: &SelfCheckRequest,
) -> Result<SelfCheckRecord> {
    let vendor = registry.require_vendor(&request.vendor)?;
    let screenshot = request.screenshot.as_deref().map(read_named).transpose()?;
    let shot = screenshot.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
    Ok(store.record_self_check(
        request.profile,
        vendor.id.as_str(),
        clock.today(),
        request.outcome,
        request.note.as_deref(),
        shot,
        clock.timestamp(),
    )?)
}

/// A screenshot's name and bytes (at most as many as the store keeps).
pub(crate) fn read_named(path: &Path) -> Result<(String, Vec<u8>)> {
    let bytes = redress_core::limited_read::read_limited(path, MAX_SCREENSHOT_BYTES as u64, "a screenshot")?;
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    Ok((name, bytes))
}

/// A person's exposure board with everything behind it.
#[derive(Debug, Clone)]
pub struct Board {
    pub rows: Vec<VendorExposure>,
    /// The vendors worth an access request (unknown and likely ones).
    pub request_targets: Vec<String>,
    pub scans: Vec<MailScanRecord>,
    pub breach_checks: Vec<BreachCheckRecord>,
    pub self_checks: Vec<SelfCheckRecord>,
    pub catalogue: BreachCatalogue,
}

pub fn board(store: &Store, registry: &Registry, profile: ProfileId) -> Result<Board> {
    let catalogue = BreachCatalogue::builtin()?;
    let rows = exposure_board(registry, &catalogue, &store.exposure_facts(profile)?);
    Ok(Board {
        request_targets: request_targets(&rows),
        rows,
        scans: store.mail_scans(profile)?,
        breach_checks: store.breach_checks(profile)?,
        self_checks: store.self_checks(profile)?,
        catalogue,
    })
}

fn keyring_refusal(e: VaultError) -> Refusal {
    match e {
        VaultError::Missing => Refusal::NoHibpKey,
        VaultError::Unavailable(why) => Refusal::KeyringUnavailable { why },
    }
}

/// The HIBP API key saved in the system keyring.
pub fn saved_hibp_key() -> Result<Passphrase> {
    Ok(SystemKeyring.get_text(HIBP_API_KEY_ACCOUNT).map_err(keyring_refusal)?)
}

/// Whether an HIBP API key is saved (the key itself is not returned).
pub fn hibp_key_saved() -> Result<bool> {
    match SystemKeyring.get_text(HIBP_API_KEY_ACCOUNT) {
        Ok(_) => Ok(true),
        Err(VaultError::Missing) => Ok(false),
        Err(e) => Err(keyring_refusal(e).into()),
    }
}

/// Checks the key's form and keeps it in the system keyring (never the store or a file).
pub fn save_hibp_key(key: &str) -> Result<()> {
    let key = redress_online::api_key(key)?.to_owned();
    Ok(SystemKeyring.set_text(HIBP_API_KEY_ACCOUNT, &Passphrase::new(key)).map_err(keyring_refusal)?)
}

pub fn forget_hibp_key() -> Result<()> {
    Ok(SystemKeyring.delete_text(HIBP_API_KEY_ACCOUNT).map_err(keyring_refusal)?)
}

/// One address's answer.
#[derive(Debug, Clone)]
pub struct AddressBreaches {
    pub email: String,
    /// Every breach HIBP lists for the address.
    pub breaches: Vec<HibpBreach>,
}

impl AddressBreaches {
    /// The breaches from the B2B data trade (in Redress's catalogue).
    pub fn b2b<'c>(&self, catalogue: &'c BreachCatalogue) -> Vec<&'c Breach> {
        catalogue.relevant(&self.names())
    }

    pub fn names(&self) -> Vec<String> {
        self.breaches.iter().map(|b| b.name.clone()).collect()
    }
}

/// The answers of a check: an address that fails stops it, and the answers received before
/// are kept with the failure.
#[derive(Debug)]
pub struct BreachCheck {
    pub answers: Vec<AddressBreaches>,
    pub failure: Option<OnlineError>,
}

/// Asks Have I Been Pwned about each address, with `key`. The only network call Redress makes,
/// on the person's request. Tests point it at a local stand-in (`REDRESS_HIBP_URL`, honoured only
/// with `REDRESS_TEST_MODE=1` and only to this computer).
pub fn check_breaches(key: &Passphrase, emails: &[String]) -> Result<BreachCheck> {
    if emails.is_empty() {
        return Err(Refusal::NoEmailToCheck.into());
    }
    let client = HibpClient::from_env()?;
    let (answers, failure) = client.check_addresses(key.expose().trim(), emails);
    let answers =
        answers.into_iter().map(|(email, breaches)| AddressBreaches { email: email.to_owned(), breaches }).collect();
    Ok(BreachCheck { answers, failure })
}

/// Keeps the answers received for `profile` (a failure, if the check had one, is the caller's
/// to report after them).
pub fn record_breach_check(
    store: &mut Store,
    profile: ProfileId,
    check: &BreachCheck,
    clock: &dyn Clock,
) -> Result<()> {
    let now = clock.timestamp();
    for answer in &check.answers {
        store.record_breach_check(profile, &answer.email, &answer.names(), now)?;
    }
    Ok(())
}

/// The registry vendors a company's answer (to a source inquiry) names, with the sentence.
/// Nothing is stored: the case, once opened, keeps its own evidence.
pub fn vendors_named_in_answer(registry: &Registry, path: &Path) -> Result<Vec<VendorMention>> {
    let (reply, _) = read_reply_file(path)?;
    let text = reply.text.ok_or_else(|| Refusal::NoText { file: reply.file_name.clone() })?;
    let text = format!("{}\n{text}", reply.subject.unwrap_or_default());
    Ok(vendors_named(&text, registry))
}
