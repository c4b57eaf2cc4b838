//! One function per subcommand; each loads what it needs and calls into `redress-core`.

mod authorities;
mod board;
mod breaches;
mod cases;
mod deadline;
mod demo;
mod dossier;
mod letters;
mod mail;
mod profiles;
mod scan;
mod store;
mod vendors;

use redress_core::registry::Registry;
use redress_usecases::DataPaths;

use crate::args::{AuthorityAction, Cli, Command, VendorAction, VendorsAction};
use crate::error::CliError;
use crate::unlock::StoreAccess;

pub fn run(cli: Cli) -> Result<(), CliError> {
    let paths = DataPaths::resolve(cli.global.data_dir, cli.global.store).map_err(|_| CliError::NoDataDir)?;
    let imports = paths.imports;
    let access = StoreAccess { path: paths.store, passphrase_file: cli.global.passphrase_file };
    match cli.command {
        Command::Vendors(args) => match args.action {
            None => vendors::list(&load(&imports)?, &args.list),
            Some(VendorsAction::Import { file, json }) => vendors::import(&imports, &file, json),
            Some(VendorsAction::ResetImports) => vendors::reset_imports(&imports),
            Some(VendorsAction::Categories { json }) => vendors::categories(&load(&imports)?, json),
        },
        Command::Vendor { action: VendorAction::Show { id, json } } => vendors::show(&load(&imports)?, &id, json),
        Command::Authorities(args) => authorities::list(&load(&imports)?, args.country.as_deref(), args.json),
        Command::Authority { action: AuthorityAction::Show { id, json } } => {
            authorities::show(&load(&imports)?, &id, json)
        }
        Command::Deadline { received, country, extended, json } => deadline::run(received, &country, extended, json),
        Command::Case { action } => cases::run(&access, &load(&imports)?, action),
        Command::Store { action } => store::run(&access, action),
        Command::Demo { output, force } => demo::run(&load(&imports)?, &output, force),
        Command::Dossier(args) => dossier::run(&access, &load(&imports)?, args),
        Command::Letter(args) => letters::run(&access, &load(&imports)?, *args),
        Command::Mail { action } => mail::run(&access, &load(&imports)?, action),
        Command::Profile { action } => profiles::run(&access, action),
        Command::Scan(args) => scan::run(&access, &load(&imports)?, &args),
        Command::Board(args) => board::show(&access, &load(&imports)?, &args),
        Command::SelfCheck(args) => board::self_check(&access, &load(&imports)?, &args),
        Command::Breaches { json } => breaches::list(&load(&imports)?, json),
        Command::Hibp { action } => breaches::hibp(&access, action),
        Command::Backup { file, backup_passphrase_file } => {
            store::backup(&access, &file, backup_passphrase_file.as_deref())
        }
        Command::Restore { file, backup_passphrase_file, force } => {
            store::restore(&access, &file, backup_passphrase_file.as_deref(), force)
        }
    }
}

/// The registry with the user's imports. Broken saved imports are reported, and the built-in
/// registry is used so the command still works; the file is left for the user to inspect.
fn load(imports: &std::path::Path) -> Result<Registry, CliError> {
    let loaded = redress_usecases::load_registry(imports)?;
    if let Some(e) = loaded.ignored_imports {
        crate::output::eprintln(format_args!("warning: ignoring your imported registry records: {e}"));
        crate::output::eprintln(format_args!(
            "hint: run `redress vendors reset-imports` to forget them, or import a corrected file"
        ));
    }
    Ok(loaded.registry)
}
