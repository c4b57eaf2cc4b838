//! `redress letter KIND …`: one letter, or one per vendor in a batch, in the format asked for.

use std::path::{Path, PathBuf};

use redress_core::identity::{ProfileInput, parse_identity};
use redress_core::letter::email::Attachment;
use redress_core::letter::{ContactEvent, LetterFormat, LetterKind, ObjectionGrounds};
use redress_core::limited_read::{ATTACHMENT_FILE_LIMIT, IDENTITY_FILE_LIMIT, read_limited};
use redress_core::registry::Registry;
use redress_usecases::front_end_clock;
use redress_usecases::letters::{
    CompanyRecipient, LetterBatch, LetterRequest, LetterTarget, PersonRef, Recipients, ReminderOverrides,
    compose_letters, refuse_existing, render_letter, save_letters,
};
use serde::Serialize;

use crate::args::LetterArgs;
use crate::error::CliError;
use crate::output::{print, print_json};
use crate::unlock::StoreAccess;

/// One letter the command wrote or printed, for `--json`.
#[derive(Debug, Serialize)]
struct Written {
    recipient: String,
    file: Option<PathBuf>,
    to_email: Option<String>,
    subject: String,
    notices: Vec<String>,
}

pub fn run(access: &StoreAccess, registry: &Registry, args: LetterArgs) -> Result<(), CliError> {
    let format = args.format;
    let request = request(&args, format)?;
    let store = if request.needs_store() { Some(access.open()?) } else { None };
    let batch = compose_letters(store.as_ref(), registry, front_end_clock(), &request)?;
    drop(store);
    for l in &batch.letters {
        for notice in &l.letter.notices {
            crate::output::eprintln(format_args!("note: {}: {notice}", l.recipient_id));
        }
    }
    let written = write(&args, &batch, format)?;
    if args.json {
        return print_json(&written);
    }
    match written.iter().filter_map(|w| w.file.as_ref()).collect::<Vec<_>>().as_slice() {
        [] => Ok(()),
        [one] => print(&format!("Wrote {}\n", one.display())),
        files => print(&format!(
            "Wrote {} letters to {}\n",
            files.len(),
            args.output.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_default()
        )),
    }
}

/// The command line as a letter request.
fn request(args: &LetterArgs, format: LetterFormat) -> Result<LetterRequest, CliError> {
    let kind = args.kind;
    let mut r = LetterRequest::new(kind);
    r.person = match (&args.identity, args.profile) {
        (Some(file), _) => Some(PersonRef::Given(Box::new(read_identity(file)?))),
        (None, id) => id.map(PersonRef::Profile),
    };
    r.agent = match (&args.agent, args.agent_profile) {
        (Some(file), _) => Some(PersonRef::Given(Box::new(read_identity(file)?))),
        (None, id) => id.map(PersonRef::Profile),
    };
    r.case_id = args.case_id;
    r.recipients = recipients(args);
    r.lang = args.lang;
    r.date = args.date;
    r.place = args.place.clone();
    r.registered = args.registered;
    r.objection = ObjectionGrounds { direct_marketing: !args.no_direct_marketing, situation: args.reasons.clone() };
    if args.contacted_on.is_some() || args.channel.is_some() || args.contacted_by.is_some() {
        r.contact = Some(ContactEvent {
            date: args.contacted_on,
            channel: args.channel.clone(),
            by: args.contacted_by.clone(),
        });
    }
    r.missing = args.missing.clone();
    r.reminder = ReminderOverrides {
        request: args.request,
        sent_on: args.sent_on,
        due_on: args.due_on,
        answered_on: args.answered_on,
        reference: args.reference.clone(),
    };
    if let Some(path) = &args.attach {
        if format != LetterFormat::Eml || kind == LetterKind::Mandate {
            return Err(CliError::Usage(
                "--attach works with --format eml only (attach the file yourself otherwise)".into(),
            ));
        }
        r.attachment = Some(attachment(path)?);
    }
    Ok(r)
}

fn recipients(args: &LetterArgs) -> Recipients {
    if let Some(name) = &args.company {
        return Recipients::Company(CompanyRecipient {
            name: name.clone(),
            email: args.company_email.clone(),
            address: args.company_address.clone(),
        });
    }
    match (&args.category, args.all_vendors) {
        (_, true) => Recipients::AllVendors,
        (Some(c), false) => Recipients::Category(c.clone()),
        (None, false) => Recipients::Vendors(args.vendors.clone()),
    }
}

fn attachment(path: &Path) -> Result<Attachment, CliError> {
    let bytes = read_limited(path, ATTACHMENT_FILE_LIMIT, "an attachment")?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or("attachment".into());
    let media_type = redress_core::media_type::sniff_media_type(&bytes).unwrap_or("application/octet-stream");
    Ok(Attachment { media_type: media_type.into(), file_name, bytes })
}

pub(super) fn read_identity(path: &Path) -> Result<ProfileInput, CliError> {
    let bytes = read_limited(path, IDENTITY_FILE_LIMIT, "an identity file")?;
    let text = String::from_utf8(bytes).map_err(|_| redress_core::Error::InvalidIdentity {
        path: path.to_owned(),
        message: "it is not UTF-8 text".into(),
    })?;
    Ok(parse_identity(&text, path)?)
}

/// Saves the batch where -o says, or prints the one letter when there is no -o.
fn write(args: &LetterArgs, batch: &LetterBatch, format: LetterFormat) -> Result<Vec<Written>, CliError> {
    let several = batch.letters.len() > 1;
    let written = |recipient: &str, file: Option<PathBuf>, l: &redress_core::letter::Letter| Written {
        recipient: recipient.to_owned(),
        file,
        to_email: l.to_email.clone(),
        subject: l.subject.clone(),
        notices: l.notices.clone(),
    };
    let Some(out) = &args.output else {
        if several {
            return Err(CliError::Usage("several letters: give -o FOLDER to write one file per vendor".into()));
        }
        if !format.is_printable() {
            return Err(CliError::Usage(format!(
                "a .{} file cannot be printed: give -o PATH (a file, or a folder)",
                format.extension()
            )));
        }
        let mut out = Vec::new();
        for l in &batch.letters {
            let bytes = render_letter(&l.letter, format, &front_end_clock().now(), batch.attachment.as_ref())?;
            print(&String::from_utf8_lossy(&bytes))?;
            out.push(written(&l.recipient_id, None, &l.letter));
        }
        return Ok(out);
    };
    let target = if several || out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/') {
        LetterTarget::Folder(out.clone())
    } else {
        LetterTarget::File(out.clone())
    };
    if !args.force {
        refuse_existing(&target.paths(batch, format))?;
    }
    let saved = save_letters(batch, format, &target, true, front_end_clock())?;
    Ok(saved.into_iter().zip(&batch.letters).map(|(s, l)| written(&s.recipient_id, Some(s.path), &l.letter)).collect())
}
