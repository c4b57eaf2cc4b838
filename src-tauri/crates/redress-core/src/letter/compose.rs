//! From people, a recipient and options to a [`Letter`]: cleans every value, fills the template
//! for the kind and language, and adds the parts every letter has (sender, recipient, date).

use jiff::civil::Date;
use serde::Serialize;

use super::access_item::AccessItem;
use super::dates::long_date;
use super::kind::LetterKind;
use super::model::Letter;
use super::template;
use crate::Error;
use crate::case::RequestKind;
use crate::identity::{Lang, ProfileInput};
use crate::registry::{Registry, Vendor, is_email};

/// Who the letter goes to: a vendor from the registry, or a company that contacted the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// File-name-safe identifier: the vendor id, or a slug of the company's name.
    pub id: String,
    /// The trading name people know ("Kaspr").
    pub name: String,
    /// The company that is the controller ("KASPR SAS"), when known.
    pub legal_entity: Option<String>,
    pub address: Vec<String>,
    /// The privacy or DPO address requests go to.
    pub email: Option<String>,
    /// The vendor's own request form, when it has one.
    pub form_url: Option<String>,
    /// The supervisory authority that leads for this vendor ("Commission nationale de …").
    pub authority: Option<String>,
    /// The vendor's EU representative (Art. 27), for vendors outside the EU.
    pub eu_representative: Option<String>,
}

impl Recipient {
    /// A vendor from the registry, with its lead authority's name.
    pub fn vendor(vendor: &Vendor, registry: &Registry) -> Recipient {
        Recipient {
            id: vendor.id.as_str().to_owned(),
            name: vendor.name.clone(),
            legal_entity: vendor.legal_entity.clone(),
            address: vendor.address.clone().unwrap_or_default(),
            email: vendor.request_email().map(str::to_owned),
            form_url: vendor.contacts.request_form_url.clone(),
            authority: registry.lead_authority_of(vendor).map(|a| native_name(&a.name)),
            eu_representative: vendor.eu_representative.as_ref().map(|r| match &r.email {
                Some(email) => format!("{} <{email}>", r.name),
                None => r.name.clone(),
            }),
        }
    }

    /// A company outside the registry (one that called or e-mailed the person).
    pub fn company(name: &str, email: Option<&str>, address: &[String]) -> Result<Recipient, Error> {
        let name = clean(name);
        if name.is_empty() {
            return Err(Error::InvalidLetterInput {
                field: "company".into(),
                message: "the company's name is empty".into(),
            });
        }
        let email = email.map(clean).filter(|e| !e.is_empty());
        if let Some(e) = &email
            && !is_email(e)
        {
            return Err(Error::InvalidLetterInput {
                field: "company e-mail".into(),
                message: format!("{e:?} is not a well-formed e-mail address (expected name@example.com)"),
            });
        }
        Ok(Recipient {
            id: slug(&name),
            name,
            legal_entity: None,
            address: address.iter().map(|l| clean(l)).filter(|l| !l.is_empty()).collect(),
            email,
            form_url: None,
            authority: None,
            eu_representative: None,
        })
    }
}

/// The grounds of an objection (Art. 21). Direct marketing needs no reason; the particular
/// situation does, and the user writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionGrounds {
    /// Art. 21(2): object to direct marketing (and the related profiling).
    pub direct_marketing: bool,
    /// Art. 21(1): the person's reasons, one paragraph each. Empty: no 21(1) objection.
    pub situation: Vec<String>,
}

impl Default for ObjectionGrounds {
    fn default() -> Self {
        ObjectionGrounds { direct_marketing: true, situation: Vec::new() }
    }
}

/// What a reminder refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderFacts {
    /// The request being chased.
    pub request: RequestKind,
    pub sent_on: Date,
    /// When the answer was due (from the deadline engine), if known.
    pub due_on: Option<Date>,
    /// When an (incomplete) answer arrived, if one did.
    pub answered_on: Option<Date>,
    /// What the answer lacked; empty for "no answer at all".
    pub missing: Vec<AccessItem>,
    /// The vendor's or the user's reference for the request.
    pub reference: Option<String>,
}

/// How a company contacted the person (for the source inquiry).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactEvent {
    pub date: Option<Date>,
    /// "phone call", "e-mail to zoe@example.fr", …
    pub channel: Option<String>,
    /// Who called or wrote.
    pub by: Option<String>,
}

/// Choices that change the letter's wording.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LetterOptions {
    /// The town written before the date ("Lyon, le 25 novembre 2026").
    pub place: Option<String>,
    /// Sent by registered post with acknowledgement of receipt: adds the line that says so.
    pub registered_post: bool,
    pub objection: ObjectionGrounds,
    /// Required for a reminder.
    pub reminder: Option<ReminderFacts>,
    /// For the source inquiry: how the company reached the person.
    pub contact: Option<ContactEvent>,
    /// An advocate writing on the person's behalf; required for a mandate.
    pub agent: Option<ProfileInput>,
    /// For the mandate: the organisations it covers (names). Empty: the recipient alone.
    pub mandate_scope: Vec<String>,
}

/// Everything a letter is made from.
#[derive(Debug, Clone)]
pub struct LetterInput<'a> {
    pub kind: LetterKind,
    pub lang: Lang,
    /// The person whose data it is.
    pub person: &'a ProfileInput,
    pub recipient: Recipient,
    /// The letter's date (passed in: the core reads no clock).
    pub date: Date,
    pub options: LetterOptions,
}

impl<'a> LetterInput<'a> {
    pub fn new(kind: LetterKind, lang: Lang, person: &'a ProfileInput, recipient: Recipient, date: Date) -> Self {
        LetterInput { kind, lang, person, recipient, date, options: LetterOptions::default() }
    }
}

/// Composes the letter. Refuses an invalid identity (with each field's problem), a mandate or
/// reminder without the facts it needs, and an objection without any ground.
pub fn compose(input: &LetterInput<'_>) -> Result<Letter, Error> {
    check_person("identity", input.person)?;
    if let Some(agent) = &input.options.agent {
        check_person("agent", agent)?;
    }
    let kind = input.kind;
    if kind == LetterKind::Mandate && input.options.agent.is_none() {
        return Err(Error::InvalidLetterInput {
            field: "agent".into(),
            message:
                "a mandate names who acts for the person: give the advocate's profile (--agent-profile or --agent)"
                    .into(),
        });
    }
    if kind == LetterKind::Reminder && input.options.reminder.is_none() {
        return Err(Error::InvalidLetterInput {
            field: "reminder".into(),
            message: "a reminder needs the request it chases: which kind and when it was sent (--request, --sent-on)"
                .into(),
        });
    }
    let objects = matches!(kind, LetterKind::Objection | LetterKind::Erasure | LetterKind::Combined);
    let grounds = &input.options.objection;
    let situation: Vec<String> = grounds.situation.iter().map(|p| clean(p)).filter(|p| !p.is_empty()).collect();
    if objects && !grounds.direct_marketing && situation.is_empty() {
        return Err(Error::InvalidLetterInput {
            field: "objection".into(),
            message: "an objection needs a ground: direct marketing (Art. 21(2)) or your reasons (Art. 21(1))".into(),
        });
    }

    let lang = input.lang;
    let person = PersonView::new(input.person);
    let agent = input.options.agent.as_ref().map(PersonView::new);
    let recipient = &input.recipient;
    let reminder = input.options.reminder.as_ref().map(|r| ReminderView {
        request: r.request.code(),
        sent_on: long_date(r.sent_on, lang),
        due_on: r.due_on.map(|d| long_date(d, lang)),
        answered_on: r.answered_on.map(|d| long_date(d, lang)),
        missing: r.missing.iter().map(|i| format!("{} ({})", i.label(lang), i.citation(lang))).collect(),
        reference: r.reference.as_deref().map(clean).filter(|s| !s.is_empty()),
    });
    let contact = input.options.contact.as_ref().map(|c| ContactView {
        date: c.date.map(|d| long_date(d, lang)),
        channel: c.channel.as_deref().map(clean).filter(|s| !s.is_empty()),
        by: c.by.as_deref().map(clean).filter(|s| !s.is_empty()),
    });
    let mut scope: Vec<String> =
        input.options.mandate_scope.iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect();
    if scope.is_empty() {
        scope.push(recipient_name(recipient));
    }
    let context = Context {
        lang: lang.code(),
        date: long_date(input.date, lang),
        person: &person,
        agent: agent.as_ref(),
        recipient: RecipientView {
            name: clean(&recipient.name),
            controller: recipient_name(recipient),
            email: recipient.email.clone(),
            form_url: recipient.form_url.clone(),
            authority: recipient.authority.clone(),
        },
        registered: input.options.registered_post,
        objection: ObjectionView { direct_marketing: grounds.direct_marketing, situation },
        reminder,
        contact,
        mandate_scope: scope,
    };
    let rendered = template::render(lang, kind, &context)?;

    // A mandate is the principal's document; every other letter comes from whoever sends it.
    let sender =
        if kind == LetterKind::Mandate { sender_block(&person, None) } else { sender_block(&person, agent.as_ref()) };
    let recipient_block = if kind == LetterKind::Mandate {
        Vec::new()
    } else {
        let mut block = vec![recipient_name(recipient)];
        block.push(attention_line(lang).to_owned());
        block.extend(recipient.address.iter().map(|l| clean(l)).filter(|l| !l.is_empty()));
        block
    };
    let signature = match &agent {
        // The mandate carries its own signature lines for both parties.
        _ if kind == LetterKind::Mandate => Vec::new(),
        Some(agent) => vec![agent.name.clone(), format!("{} {}", on_behalf_of(lang), person.name)],
        None => vec![person.name.clone()],
    };
    let file_stem = match kind {
        LetterKind::Mandate => format!("mandate-{}-{}", slug(&person.name), lang.code()),
        _ => format!("{}-{}-{}", slug(&recipient.id), kind.code(), lang.code()),
    };
    let to_email = if kind == LetterKind::Mandate { None } else { recipient.email.clone() };
    Ok(Letter {
        kind,
        lang,
        from_email: agent.as_ref().unwrap_or(&person).emails.first().cloned(),
        sender,
        recipient: recipient_block,
        notices: notices(kind, recipient),
        to_email,
        place_date: place_date(input.options.place.as_deref().map(clean).filter(|p| !p.is_empty()), input.date, lang),
        registered_line: (input.options.registered_post && kind != LetterKind::Mandate)
            .then(|| registered_line(lang).to_owned()),
        subject: rendered.subject,
        body: rendered.body,
        signature,
        file_stem,
    })
}

fn check_person(what: &str, person: &ProfileInput) -> Result<(), Error> {
    let problems = person.problems();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidLetterInput {
            field: what.into(),
            message: problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        })
    }
}

fn recipient_name(r: &Recipient) -> String {
    clean(r.legal_entity.as_deref().unwrap_or(&r.name))
}

fn sender_block(person: &PersonView, agent: Option<&PersonView>) -> Vec<String> {
    let who = agent.unwrap_or(person);
    let mut block = vec![who.name.clone()];
    if agent.is_some()
        && let Some(org) = &who.employer
    {
        block.push(org.clone());
    }
    block.extend(who.address.iter().cloned());
    block.extend(who.emails.first().cloned());
    block.extend(who.phones.first().cloned());
    block
}

fn notices(kind: LetterKind, r: &Recipient) -> Vec<String> {
    let mut out = Vec::new();
    if kind == LetterKind::Mandate {
        return out;
    }
    if r.email.is_none() {
        let mut n = format!("No e-mail address is known for {}'s privacy requests: send this letter by post", r.name);
        if let Some(url) = &r.form_url {
            n.push_str(&format!(" or through its request form ({url})"));
        }
        n.push('.');
        out.push(n);
    }
    if r.address.is_empty() {
        out.push(format!(
            "No postal address is known for {}: write it on the letter by hand before posting it.",
            r.name
        ));
    }
    if let Some(rep) = &r.eu_representative {
        out.push(format!("{} has an EU representative (Art. 27 GDPR) you may also write to: {rep}.", r.name));
    }
    out
}

fn place_date(place: Option<String>, date: Date, lang: Lang) -> String {
    let date = long_date(date, lang);
    match (place, lang) {
        (Some(p), Lang::Fr) => format!("{p}, le {date}"),
        (Some(p), _) => format!("{p}, {date}"),
        (None, Lang::Fr) => format!("Le {date}"),
        (None, _) => date,
    }
}

fn registered_line(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "By registered post with acknowledgement of receipt",
        Lang::Fr => "Lettre recommandée avec avis de réception",
        Lang::De => "Per Einschreiben mit Rückschein",
    }
}

fn attention_line(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "For the attention of the Data Protection Officer",
        Lang::Fr => "À l'attention du délégué à la protection des données",
        Lang::De => "z. Hd. der/des Datenschutzbeauftragten",
    }
}

fn on_behalf_of(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "on behalf of",
        Lang::Fr => "pour le compte de",
        Lang::De => "im Auftrag von",
    }
}

/// An authority's own name without the English gloss the registry adds in brackets:
/// "Agencia Española de Protección de Datos (Spanish Agency …)" -> "Agencia Española …".
pub fn native_name(name: &str) -> String {
    match name.trim_end().strip_suffix(')').and_then(|rest| rest.rfind(" (").map(|i| &name[..i])) {
        Some(native) if !native.trim().is_empty() => native.trim().to_owned(),
        _ => name.trim().to_owned(),
    }
}

/// Makes a value safe for a single-line slot: control characters (CR, LF, tab, …) and the
/// invisible bidirectional controls that can make text display in another order become spaces,
/// and runs of whitespace collapse. This is what stops "\r\nBcc:" from reaching a header.
pub(crate) fn clean(s: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let spaced: String = s.chars().map(|c| if c.is_control() || bidi(c) { ' ' } else { c }).collect();
    // No-break spaces stay: French typography puts them before « : ; » in subjects.
    let breakable = |c: char| c.is_whitespace() && !super::model::NO_BREAK.contains(&c);
    spaced.split(breakable).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A file-name-safe, lowercase ASCII form of a name: "Zoé Martin" -> "zoe-martin".
pub(crate) fn slug(s: &str) -> String {
    let folded = crate::text::fold(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() { "unnamed".to_owned() } else { out }
}

/// A person as the templates see it: every value cleaned.
#[derive(Debug, Serialize)]
struct PersonView {
    name: String,
    address: Vec<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    employer: Option<String>,
    linkedin: Option<String>,
}

impl PersonView {
    fn new(p: &ProfileInput) -> PersonView {
        let list = |v: &[String]| v.iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect();
        let opt = |v: &Option<String>| v.as_deref().map(clean).filter(|s| !s.is_empty());
        PersonView {
            name: clean(&p.name),
            address: list(&p.address),
            emails: list(&p.emails),
            phones: list(&p.phones),
            employer: opt(&p.employer),
            linkedin: opt(&p.linkedin_url),
        }
    }
}

#[derive(Debug, Serialize)]
struct RecipientView {
    /// Trading name.
    name: String,
    /// Legal entity, else the trading name.
    controller: String,
    email: Option<String>,
    form_url: Option<String>,
    authority: Option<String>,
}

#[derive(Debug, Serialize)]
struct ObjectionView {
    direct_marketing: bool,
    situation: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ReminderView {
    request: &'static str,
    sent_on: String,
    due_on: Option<String>,
    answered_on: Option<String>,
    missing: Vec<String>,
    reference: Option<String>,
}

#[derive(Debug, Serialize)]
struct ContactView {
    date: Option<String>,
    channel: Option<String>,
    by: Option<String>,
}

/// What every template receives.
#[derive(Debug, Serialize)]
pub(super) struct Context<'a> {
    lang: &'static str,
    date: String,
    person: &'a PersonView,
    agent: Option<&'a PersonView>,
    recipient: RecipientView,
    registered: bool,
    objection: ObjectionView,
    reminder: Option<ReminderView>,
    contact: Option<ContactView>,
    mandate_scope: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_line_breaks_and_bidi_controls() {
        let cases = [
            ("Zoé\r\nBcc: evil@example.com", "Zoé Bcc: evil@example.com"),
            ("  a\tb  ", "a b"),
            ("abc\u{202E}fed", "abc fed"),
            ("محمد", "محمد"),
            ("Zoë 🌸", "Zoë 🌸"),
        ];
        for (input, expect) in cases {
            assert_eq!(clean(input), expect);
        }
    }

    #[test]
    fn authority_names_lose_their_english_gloss() {
        let cases = [
            (
                "Agencia Española de Protección de Datos (Spanish Agency for Data Protection)",
                "Agencia Española de Protección de Datos",
            ),
            ("Irish Data Protection Commission", "Irish Data Protection Commission"),
            ("(Odd)", "(Odd)"),
        ];
        for (input, expect) in cases {
            assert_eq!(native_name(input), expect);
        }
    }

    #[test]
    fn slugs_are_file_name_safe() {
        let cases =
            [("Zoé Martin", "zoe-martin"), ("../etc/passwd", "etc-passwd"), ("محمد", "unnamed"), ("A  B", "a-b")];
        for (input, expect) in cases {
            assert_eq!(slug(input), expect);
        }
    }
}
