//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
