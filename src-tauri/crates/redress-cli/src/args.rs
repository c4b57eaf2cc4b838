//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use redress_core::case::{AnswerKind, Channel, EventKind, RequestKind};
use redress_core::exposure::SelfCheckOutcome;
use redress_core::identity::Lang;
use redress_core::letter::{AccessItem, LetterFormat, LetterKind};

/// A date option: YYYY-MM-DD from 1900-01-01 to 2199-12-31, read by the one date parser every
/// front end uses ([`redress_core::date_range::parse_date`]).
fn date(text: &str) -> Result<Date, String> {
    redress_core::date_range::parse_date(text).map_err(|e| e.to_string())
}

/// Find out which B2B contact-data vendors hold your phone number and e-mail, and use your
/// GDPR rights against them (access, objection, erasure, complaint).
#[derive(Debug, Parser)]
#[command(name = "redress", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 success, 1 a problem with your input, 2 an internal failure.\nJSON output (--json) is documented in docs/cli-json.md."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Folder for Redress's files (imported registry, …). Default: the platform data folder.
    #[arg(long, global = true, env = "REDRESS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The encrypted store file. Default: redress.db in the data folder.
    #[arg(long, global = true, env = "REDRESS_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Unlock (or create) a passphrase-protected store with the passphrase in FILE (first line),
    /// instead of typing it. Also selects passphrase mode for `store init` and `restore`.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List and search the vendors in the registry, or import a registry file.
    Vendors(VendorsArgs),
    /// Show one vendor.
    Vendor {
        #[command(subcommand)]
        action: VendorAction,
    },
    /// List the data-protection authorities where a complaint can be lodged.
    Authorities(AuthoritiesArgs),
    /// Show one authority.
    Authority {
        #[command(subcommand)]
        action: AuthorityAction,
    },
    /// When a vendor must answer: one month from receipt (Art. 12(3) GDPR), counted under
    /// Regulation 1182/71 with the controller's country's public holidays.
    Deadline {
        /// The day the request reached the vendor (e-mail: the day sent; registered post: the
        /// date on the delivery receipt), as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        received: Date,
        /// The controller's country, whose public holidays count (AT BE DE ES FR GB IE IT LU NL PL).
        #[arg(long, value_name = "CC")]
        country: String,
        /// The vendor announced, within the first month, that it extends by two further months.
        #[arg(long)]
        extended: bool,
        #[arg(long)]
        json: bool,
    },
    /// Requests and what became of them: one person × one vendor × one request.
    Case {
        #[command(subcommand)]
        action: CaseAction,
    },
    /// Create the encrypted store, see how it is unlocked, or change that.
    Store {
        #[command(subcommand)]
        action: StoreAction,
    },
    /// Write a letter (access, objection, erasure, combined, source-inquiry, reminder, mandate)
    /// to one vendor, several, or all of them, as text, e-mail, PDF or mailto link.
    Letter(Box<LetterArgs>),
    /// Build the complaint file for the CNIL from one or more cases against the same vendor:
    /// a PDF in French with the summary, parties, chronology, grievances, requests and every
    /// exhibit (requests, proofs, replies, mandate) merged in.
    Dossier(DossierArgs),
    /// Write a complete, fictional example into DIR: a person's letters to two vendors, one
    /// answer that is incomplete, one that never came, the reminders and both complaint files.
    /// Nothing is stored; it is the quickest way to see what Redress produces.
    Demo {
        /// The folder to write into (created; must be empty unless --force).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Look through exported mail (.mbox files, Maildir folders, .eml files) for signs of
    /// contact-data vendors and prospecting tools: senders, tracking links and pixels,
    /// unsubscribe targets, tell-tale headers. Everything happens on this computer.
    Scan(ScanArgs),
    /// Which vendors hold a person's data: one status per vendor (has your data, likely,
    /// unknown, says no data, erased) from their scans, breach checks, self-checks and answers.
    Board(BoardArgs),
    /// Record what you saw on a vendor's own lookup or opt-out page.
    SelfCheck(SelfCheckArgs),
    /// Breaches that came from contact-data vendors, lead lists and profile scrapes (offline
    /// catalogue from Have I Been Pwned's public list).
    Breaches {
        #[arg(long)]
        json: bool,
    },
    /// Check your addresses against Have I Been Pwned with your own API key (the only command,
    /// with registry updates, that goes online; it sends the address to HIBP).
    Hibp {
        #[command(subcommand)]
        action: HibpAction,
    },
    /// Your own mailbox: connect it, send letters through it, see the outbox. Goes online only
    /// to your mail servers, and only for these commands.
    Mail {
        #[command(subcommand)]
        action: MailAction,
    },
    /// The people Redress acts for: you, or the people who gave you a mandate.
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// Write the whole store to one encrypted file, restorable on another computer.
    Backup {
        /// The backup file to write.
        file: PathBuf,
        /// The backup's own passphrase, first line of FILE (otherwise asked for).
        #[arg(long, value_name = "FILE")]
        backup_passphrase_file: Option<PathBuf>,
    },
    /// Restore a backup into the store (refuses to replace an existing store without --force).
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        backup_passphrase_file: Option<PathBuf>,
        /// Replace an existing store; the old one is kept beside it as *.before-restore-*.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum StoreAction {
    /// Create the store: keyring mode, or passphrase mode with --passphrase-file.
    Init,
    /// Where the store is and how it is unlocked.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Keep the key in the system keyring from now on (no passphrase to type).
    UseKeyring,
    /// Protect the store with a (new) passphrase from now on; also changes the passphrase.
    UsePassphrase {
        /// The new passphrase, first line of FILE (otherwise asked for).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ProfileFields {
    /// Full name, as the vendors know you.
    #[arg(long)]
    pub name: Option<String>,
    /// An e-mail address (repeat for several).
    #[arg(long = "email", value_name = "E")]
    pub emails: Vec<String>,
    /// A phone number (repeat for several).
    #[arg(long = "phone", value_name = "P")]
    pub phones: Vec<String>,
    /// A line of the postal address (repeat, in order).
    #[arg(long = "address", value_name = "LINE")]
    pub address: Vec<String>,
    #[arg(long)]
    pub employer: Option<String>,
    /// LinkedIn profile address (https://www.linkedin.com/in/…).
    #[arg(long)]
    pub linkedin: Option<String>,
    /// Letter language.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    #[arg(long)]
    pub notes: Option<String>,
    /// You act on this person's behalf (an advocate's client).
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "true|false")]
    pub acting_for: Option<bool>,
    /// The signed mandate (PDF, PNG or JPEG), kept inside the encrypted store.
    #[arg(long, value_name = "FILE")]
    pub mandate: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ProfileAction {
    /// Add a person.
    Add {
        #[command(flatten)]
        fields: ProfileFields,
        #[arg(long)]
        json: bool,
    },
    /// List everyone.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one person.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Change fields; a repeated option (--email, --phone, --address) replaces the whole list.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: ProfileFields,
        /// Delete the stored mandate.
        #[arg(long, conflicts_with = "mandate")]
        remove_mandate: bool,
        #[arg(long)]
        json: bool,
    },
    /// Delete a person and their mandate (asks first; --yes to skip the question).
    Remove {
        id: i64,
        #[arg(long)]
        yes: bool,
    },
    /// Save a person's stored mandate to a file.
    Mandate {
        id: i64,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct VendorsArgs {
    #[command(subcommand)]
    pub action: Option<VendorsAction>,
    #[command(flatten)]
    pub list: VendorListArgs,
}

#[derive(Debug, Args)]
pub struct VendorListArgs {
    /// Text to look for in names, legal entities, domains and e-mail addresses.
    #[arg(long, short = 's', value_name = "TEXT")]
    pub search: Option<String>,
    /// Only vendors in this category (for example b2b-contact-data; see `redress vendors categories`).
    #[arg(long, short = 'c', value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Only vendors whose registered office is in this country (FR, DE, …, or "unknown").
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Print JSON (an array of vendor records) instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum VendorsAction {
    /// Import a registry file (newer or extra records); it is checked first, and a file with
    /// any problem changes nothing.
    Import {
        /// The registry file (JSON, format "redress-registry", see docs/registry-format.md).
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Forget every imported record and use the built-in registry alone.
    ResetImports,
    /// List the categories in use, with how many vendors each has.
    Categories {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum VendorAction {
    /// Show everything the registry knows about a vendor, with sources.
    Show {
        /// The vendor's id (see `redress vendors`).
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AuthoritiesArgs {
    /// Only authorities of this country (FR, DE, …).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuthorityAction {
    /// Show one authority's contacts and complaint page.
    Show {
        /// The authority's id (see `redress authorities`), e.g. frcnil.
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseAction {
    /// Open a case (a draft until you mark it sent).
    Open {
        /// The person asking (see `redress profile list`).
        #[arg(long)]
        profile: i64,
        /// The vendor asked (see `redress vendors`).
        #[arg(long)]
        vendor: String,
        /// What the letter asks for.
        #[arg(long, value_enum, default_value_t = RequestKind::Combined)]
        kind: RequestKind,
        /// Whose public holidays count for the deadline; default: the vendor's country when
        /// Redress knows its holidays, else FR.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List cases, with days left.
    List {
        /// Only cases whose deadline has passed without an answer.
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show a case, its deadline (and how it was counted) and its timeline.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Record that the request was sent.
    Sent {
        id: i64,
        /// How it was sent.
        #[arg(long, value_enum)]
        channel: Channel,
        /// The day it was sent (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<Date>,
        /// The day the vendor received it (registered post: the date on the delivery receipt).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        received: Option<Date>,
        /// The e-mail's Message-ID, the registered-letter number or the web-form confirmation.
        #[arg(long)]
        reference: Option<String>,
        /// Keep a proof of sending with the case: the sent e-mail (.eml), the registered-letter
        /// receipt (PDF or scan), a screenshot of the form's confirmation.
        #[arg(long, value_name = "FILE")]
        proof: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Import the vendor's reply (.eml, PDF, text, PNG or JPEG scan) into a case. Without ID, an
    /// e-mail is matched to the case it answers (the request it replies to, the sender's domain).
    Response {
        /// The reply file.
        file: PathBuf,
        /// The case it answers (optional for e-mails).
        #[arg(long = "case", value_name = "ID")]
        id: Option<i64>,
        /// Also record the answer.
        #[arg(long, value_enum)]
        answer: Option<AnswerKind>,
        /// The day the answer came (default: the e-mail's date, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// What an access answer contained (Art. 15), item by item; the missing items go into the
    /// reminder (`redress letter reminder --case ID`) and the complaint.
    Checklist {
        id: i64,
        /// Items the answer contains, comma-separated (confirmation, copy, purposes, legal-basis,
        /// categories, recipients, retention, source, automated-decisions, transfers, rights).
        #[arg(long, value_enum, value_delimiter = ',', value_name = "ITEMS")]
        present: Vec<AccessItem>,
        /// Items the answer lacks, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "ITEMS")]
        missing: Vec<AccessItem>,
        /// Items to forget (not checked), comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "ITEMS")]
        clear: Vec<AccessItem>,
        #[arg(long)]
        json: bool,
    },
    /// Write a case, its person, mandate and timeline to one JSON file (docs/case-bundle.md).
    Export {
        id: i64,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Add a case from a bundle file; its person is added too unless --profile names one.
    Import {
        file: std::path::PathBuf,
        /// Attach the case to this existing person instead of adding the bundle's.
        #[arg(long)]
        profile: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Write the deadlines of cases still awaiting an answer as a calendar file (.ics).
    Ics {
        #[arg(long, short = 'o', value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Record what happened next (`sent` has its own command, `redress case sent`).
    Status {
        id: i64,
        #[arg(value_enum)]
        event: EventKind,
        /// The day it happened (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<Date>,
        /// With `answered`: what kind of answer.
        #[arg(long, value_enum)]
        answer: Option<AnswerKind>,
        /// With `closed`: why.
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `redress letter KIND …`
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  redress letter access --vendor kaspr --identity me.json --lang fr --format pdf -o kaspr.pdf\n  redress letter combined --all-vendors --profile 1 --format eml -o letters/\n  redress letter reminder --case 3 --missing source,recipients --format txt\n\nThe identity file format is described in docs/identity.md (JSON Schema: docs/identity.schema.json)."
)]
pub struct LetterArgs {
    /// What the letter is.
    #[arg(value_enum)]
    pub kind: LetterKind,
    /// A vendor id from the registry (repeat for several; see `redress vendors`).
    #[arg(long = "vendor", value_name = "ID")]
    pub vendors: Vec<String>,
    /// Every vendor in the registry: one letter each.
    #[arg(long, conflicts_with = "vendors")]
    pub all_vendors: bool,
    /// Every vendor of a category (see `redress vendors categories`).
    #[arg(long, value_name = "CATEGORY", conflicts_with_all = ["vendors", "all_vendors"])]
    pub category: Option<String>,
    /// A company outside the registry (one that contacted you): its name.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["vendors", "all_vendors", "category"])]
    pub company: Option<String>,
    /// The company's e-mail address.
    #[arg(long, value_name = "ADDRESS", requires = "company")]
    pub company_email: Option<String>,
    /// A line of the company's postal address (repeat for each line).
    #[arg(long, value_name = "LINE", requires = "company")]
    pub company_address: Vec<String>,
    /// The person whose data it is: a profile in the store (see `redress profile list`).
    #[arg(long, value_name = "ID", conflicts_with = "identity")]
    pub profile: Option<i64>,
    /// The person whose data it is, from a JSON file (no store needed; docs/identity.md).
    #[arg(long, value_name = "FILE.json")]
    pub identity: Option<PathBuf>,
    /// An advocate acting for the person: a profile in the store.
    #[arg(long, value_name = "ID", conflicts_with = "agent")]
    pub agent_profile: Option<i64>,
    /// An advocate acting for the person, from a JSON file in the identity format.
    #[arg(long, value_name = "FILE.json")]
    pub agent: Option<PathBuf>,
    /// For a reminder: the case it chases (takes the person, vendor, dates and reference from it).
    #[arg(long = "case", value_name = "ID")]
    pub case_id: Option<i64>,
    /// The letter's language. Default: the person's language.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// The file format.
    #[arg(long, value_enum, default_value_t = LetterFormat::Txt)]
    pub format: LetterFormat,
    /// Where to write: a file, or a folder (one file per vendor, named VENDOR-KIND-LANG.EXT).
    /// Without it, a single text letter or mailto link is printed.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
    /// The letter's date. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<Date>,
    /// The town written before the date.
    #[arg(long, value_name = "TOWN")]
    pub place: Option<String>,
    /// Say on the letter that it goes by registered post with acknowledgement of receipt.
    #[arg(long)]
    pub registered: bool,
    /// Object only on the grounds given with --reason (Art. 21(1)), not to direct marketing.
    #[arg(long)]
    pub no_direct_marketing: bool,
    /// Your reasons for an objection under Art. 21(1) (repeat for several paragraphs).
    #[arg(long = "reason", value_name = "TEXT")]
    pub reasons: Vec<String>,
    /// For a reminder: the request it chases.
    #[arg(long, value_enum)]
    pub request: Option<RequestKind>,
    /// For a reminder: when the request was sent.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub sent_on: Option<Date>,
    /// For a reminder: when the answer was due. Default: computed from --sent-on.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub due_on: Option<Date>,
    /// For a reminder: when an incomplete answer arrived.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub answered_on: Option<Date>,
    /// For a reminder: what the answer lacked, comma-separated: confirmation, copy, purposes,
    /// legal-basis, categories, recipients, retention, source, automated-decisions, transfers, rights.
    #[arg(long, value_enum, value_name = "ITEMS", value_delimiter = ',')]
    pub missing: Vec<AccessItem>,
    /// For a reminder: the request's reference.
    #[arg(long, value_name = "REF")]
    pub reference: Option<String>,
    /// For a source inquiry: when the company contacted you.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub contacted_on: Option<Date>,
    /// For a source inquiry: how ("phone call", "e-mail to me@example.org").
    #[arg(long, value_name = "TEXT")]
    pub channel: Option<String>,
    /// For a source inquiry: who called or wrote.
    #[arg(long, value_name = "NAME")]
    pub contacted_by: Option<String>,
    /// For .eml: attach this file (the signed mandate). Default with --profile: the profile's mandate.
    #[arg(long, value_name = "FILE")]
    pub attach: Option<PathBuf>,
    /// Print what was written as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `redress dossier …`
#[derive(Debug, Args)]
pub struct DossierArgs {
    /// A case to include (repeat for several; all against the same vendor, for the same person).
    #[arg(long = "case", value_name = "ID", required_unless_present = "case_files")]
    pub cases: Vec<i64>,
    /// A case bundle (from `redress case export`) to include instead of a case in the store;
    /// repeat for several. No store is opened.
    #[arg(long = "case-file", value_name = "FILE.json", conflicts_with_all = ["cases", "agent_profile"])]
    pub case_files: Vec<PathBuf>,
    /// With --case-file: an advocate files for the person (identity JSON, docs/identity.md);
    /// the bundle's mandate is attached.
    #[arg(long, value_name = "FILE.json", requires = "case_files")]
    pub agent: Option<PathBuf>,
    /// The authority it goes to (default: the vendor's lead authority, else the CNIL). The
    /// dossier is written in French.
    #[arg(long, value_name = "ID")]
    pub authority: Option<String>,
    /// An advocate filing for the person: their profile (the person's mandate is attached).
    #[arg(long, value_name = "ID")]
    pub agent_profile: Option<i64>,
    /// State that the vendor never told you it held your data (Art. 14). Only you know this.
    #[arg(long)]
    pub never_informed: bool,
    /// Something else the authority should know (repeat for several paragraphs).
    #[arg(long = "observation", value_name = "TEXT")]
    pub observations: Vec<String>,
    /// The dossier's date. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<Date>,
    /// The PDF to write.
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: PathBuf,
    /// Also write the texts for the CNIL's online form (field by field) to this file.
    #[arg(long, value_name = "FILE.txt")]
    pub form_text: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// .mbox files, Maildir or export folders, .eml files.
    #[arg(required_unless_present = "imap", conflicts_with = "imap", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan the connected mailbox over IMAP instead (read-only, without exporting it); the
    /// next scan reads only what arrived since. Needs `redress mail connect` first.
    #[arg(long)]
    pub imap: bool,
    /// With --imap: only this folder (repeat for several); default: every folder.
    #[arg(long = "folder", value_name = "NAME", requires = "imap")]
    pub folders: Vec<String>,
    /// One JSON object per line: each message with findings, then the summary (docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
    /// Your own addresses: messages you sent are skipped (your tools are not a vendor's).
    #[arg(long = "me", value_name = "ADDRESS")]
    pub own_addresses: Vec<String>,
    /// Extra fingerprint files (format: docs/fingerprints.md).
    #[arg(long = "fingerprints", value_name = "FILE")]
    pub fingerprints: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Only the summary, not each message.
    #[arg(long, conflicts_with = "json")]
    pub summary: bool,
    /// Keep the result in the store for this person (their exposure board: `redress board`);
    /// their e-mail addresses also count as --me.
    #[arg(long, value_name = "ID")]
    pub profile: Option<i64>,
}

#[derive(Debug, Args)]
pub struct BoardArgs {
    /// The person whose board to show.
    #[arg(long, value_name = "ID")]
    pub profile: i64,
    /// Also list vendors nothing is known about yet.
    #[arg(long)]
    pub all: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SelfCheckArgs {
    /// The vendor whose page you looked at (see `redress vendor show ID` for its page).
    pub vendor: String,
    #[arg(long, value_name = "ID")]
    pub profile: i64,
    /// What you saw.
    #[arg(long, value_enum)]
    pub outcome: SelfCheckOutcome,
    /// What exactly you saw.
    #[arg(long)]
    pub note: Option<String>,
    /// A PNG or JPEG screenshot, kept in the store.
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum HibpAction {
    /// Keep your HIBP API key (https://haveibeenpwned.com/API/Key) in the system keyring.
    SetKey {
        /// Read the key from the first line of FILE instead of asking for it.
        #[arg(long, value_name = "FILE")]
        key_file: Option<PathBuf>,
    },
    /// Remove the key from the keyring.
    ForgetKey,
    /// Which breaches each address appears in, and which of them came from the B2B data trade.
    Check {
        #[arg(required = true, value_name = "EMAIL")]
        emails: Vec<String>,
        /// Use the key in FILE (first line) instead of the keyring.
        #[arg(long, value_name = "FILE")]
        key_file: Option<PathBuf>,
        /// Keep the answers in the store for this person (their exposure board).
        #[arg(long, value_name = "ID")]
        profile: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailAction {
    /// Connect a sender profile's mailbox: both servers are checked (login, capabilities)
    /// before anything is saved. Server names come from the provider list when left out.
    Connect {
        /// The profile that sends (yours, or an advocate's own).
        #[arg(long, value_name = "ID")]
        profile: i64,
        /// The mailbox's address (zoe@orange.fr).
        #[arg(long, value_name = "ADDR")]
        address: String,
        /// The IMAP server, when the provider list does not know it.
        #[arg(long, value_name = "HOST:PORT", requires = "smtp")]
        imap: Option<String>,
        /// The SMTP submission server, when the provider list does not know it.
        #[arg(long, value_name = "HOST:PORT", requires = "imap")]
        smtp: Option<String>,
        /// The login, when it is not the address.
        #[arg(long, value_name = "USER")]
        login: Option<String>,
        /// The password (or app password), first line of FILE (otherwise asked for).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// How the given servers are secured: tls (993/465), starttls (143/587), or plain
        /// (only to this computer, for a local bridge). Default: from the port.
        #[arg(long, value_enum, requires = "imap")]
        security: Option<MailSecurity>,
        /// A private certificate authority (PEM) to trust besides the system's.
        #[arg(long, value_name = "FILE")]
        ca_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Send the letters of these cases through the mailbox of their person (or --from's):
    /// paced, resumable, each case marked sent when the server accepts its letter.
    Send {
        #[arg(required = true, value_name = "CASE_ID")]
        cases: Vec<i64>,
        /// Seconds between two letters (decimals allowed; 0: no wait).
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = pace_seconds)]
        pace: f64,
        /// The sender profile whose mailbox sends (an advocate's); default: each case's person.
        #[arg(long, value_name = "ID")]
        from: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Read new mail (read-only) and file with their cases the replies, failure reports and
    /// automatic replies to the letters; unmatched mail is left alone.
    Sync {
        /// The sender profile whose mailbox to read; default: every connected mailbox.
        #[arg(long, value_name = "ID")]
        profile: Option<i64>,
        /// Also follow this folder from now on, besides INBOX (repeat for several).
        #[arg(long = "folder", value_name = "NAME")]
        folders: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The connected mailboxes (never their passwords), the outbox, and the last sync of each
    /// folder.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MailSecurity {
    Tls,
    Starttls,
    Plain,
}

/// A pace in seconds: a number from 0 to one hour.
fn pace_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if (0.0..=3600.0).contains(&s) => Ok(s),
        _ => Err(format!(
            "{text:?} is not a pace: give the seconds between two letters, from 0 to 3600 (e.g. 10 or 0.5)"
        )),
    }
}
