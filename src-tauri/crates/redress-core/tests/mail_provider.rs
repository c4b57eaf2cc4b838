//! The mail provider list: what an address's lookup gives (checked against the ISPDB's XML for
//! each provider named here), bad addresses, and the invariants of `data/mail_providers.json`.

use std::collections::HashSet;

use redress_core::Error;
use redress_core::domain_name::{DomainProblem, normalise_mail_domain};
use redress_core::mail_provider::{
    AddressProblem, AuthMethod, Lookup, Protocol, ProviderList, Security, Shortfall, for_address,
};
use redress_core::spelling::Spelled;
use serde_json::Value;

const JSON: &str = include_str!("../data/mail_providers.json");

/// A server as a lookup should give it: host, port, security, login.
type Server = (&'static str, u16, Security, &'static str);

#[derive(Debug)]
enum Expect {
    /// Provider id, IMAP, SMTP, and the protocols that sign in with OAuth2 only.
    Found(&'static str, Server, Server, &'static [Protocol]),
    Unusable(&'static str, Shortfall),
    NotFound(&'static str),
    Bad(AddressProblem),
}

use Expect::{Bad, Found, NotFound, Unusable};
use Protocol::{Imap, Smtp};
use Security::{StartTls, Tls};

fn check(input: &str, expect: Expect) {
    let got = for_address(input);
    match (&expect, got) {
        (Found(id, imap, smtp, oauth), Ok(Lookup::Found(found))) => {
            assert_eq!(found.provider.id, *id, "{input}");
            let endpoint =
                |e: &redress_core::mail_provider::Endpoint<'_>| (e.host.clone(), e.port, e.security, e.login.clone());
            let owned = |s: &Server| (s.0.to_owned(), s.1, s.2, s.3.to_owned());
            assert_eq!(endpoint(&found.imap), owned(imap), "{input}: IMAP");
            assert_eq!(endpoint(&found.smtp), owned(smtp), "{input}: SMTP");
            let protocols = found.needs_oauth2.as_ref().map_or(&[][..], |o| o.protocols);
            assert_eq!(protocols, *oauth, "{input}: OAuth2 only");
        }
        (Unusable(id, shortfall), Ok(Lookup::Unusable(u))) => {
            assert_eq!((u.provider.id.as_str(), u.shortfall), (*id, *shortfall), "{input}");
        }
        (NotFound(domain), Ok(Lookup::NotFound { domain: got })) => assert_eq!(got, *domain, "{input}"),
        (Bad(problem), Err(Error::InvalidAddress { address, problem: got })) => {
            assert_eq!((address.as_str(), got), (input, *problem), "{input}");
        }
        (_, got) => panic!("{input}: expected {expect:?}, got {got:?}"),
    }
}

#[test]
fn addresses_find_their_provider_servers() {
    // Each expectation is what the provider's ISPDB file says (orange.fr.xml, googlemail.com.xml…).
    let orange: Server = ("imap.orange.fr", 993, Tls, "zoe@orange.fr");
    let orange_smtp: Server = ("smtp.orange.fr", 465, Tls, "zoe@orange.fr");
    let outlook = |login| (("outlook.office365.com", 993, Tls, login), ("smtp-mail.outlook.com", 587, StartTls, login));
    for (input, expect) in [
        ("zoe@orange.fr", Found("orange.fr", orange, orange_smtp, &[])),
        (
            "zoe@wanadoo.fr",
            Found(
                "orange.fr",
                ("imap.orange.fr", 993, Tls, "zoe@wanadoo.fr"),
                ("smtp.orange.fr", 465, Tls, "zoe@wanadoo.fr"),
                &[],
            ),
        ),
        // Google lists OAuth2 and password-cleartext: a (app) password still signs in.
        (
            "max.muster@gmail.com",
            Found(
                "googlemail.com",
                ("imap.gmail.com", 993, Tls, "max.muster@gmail.com"),
                ("smtp.gmail.com", 465, Tls, "max.muster@gmail.com"),
                &[],
            ),
        ),
        (
            "max@googlemail.com",
            Found(
                "googlemail.com",
                ("imap.gmail.com", 993, Tls, "max@googlemail.com"),
                ("smtp.gmail.com", 465, Tls, "max@googlemail.com"),
                &[],
            ),
        ),
        // gmx.net.xml serves gmx.de; TLS is listed before STARTTLS for both.
        (
            "max@gmx.de",
            Found("gmx.net", ("imap.gmx.net", 993, Tls, "max@gmx.de"), ("mail.gmx.net", 465, Tls, "max@gmx.de"), &[]),
        ),
        // web.de, free.fr and La Poste sign in with the part before the @.
        ("max@web.de", Found("web.de", ("imap.web.de", 993, Tls, "max"), ("smtp.web.de", 465, Tls, "max"), &[])),
        ("zoe@free.fr", Found("free.fr", ("imap.free.fr", 993, Tls, "zoe"), ("smtp.free.fr", 465, Tls, "zoe"), &[])),
        (
            "zoe@laposte.net",
            Found("laposte.net", ("imap.laposte.net", 993, Tls, "zoe"), ("smtp.laposte.net", 465, Tls, "zoe"), &[]),
        ),
        // yahoo.com.xml serves yahoo.fr; imap.mail.yahoo.com comes before export.imap.mail.yahoo.com.
        (
            "zoe@yahoo.fr",
            Found(
                "yahoo.com",
                ("imap.mail.yahoo.com", 993, Tls, "zoe@yahoo.fr"),
                ("smtp.mail.yahoo.com", 465, Tls, "zoe@yahoo.fr"),
                &[],
            ),
        ),
        // Outlook.com and Microsoft 365: OAuth2 is the only method for IMAP and SMTP.
        ("zoe@outlook.com", {
            let (i, s) = outlook("zoe@outlook.com");
            Found("hotmail.com", i, s, &[Imap, Smtp])
        }),
        ("zoe@hotmail.com", {
            let (i, s) = outlook("zoe@hotmail.com");
            Found("hotmail.com", i, s, &[Imap, Smtp])
        }),
        ("zoe@hotmail.fr", {
            let (i, s) = outlook("zoe@hotmail.fr");
            Found("hotmail.com", i, s, &[Imap, Smtp])
        }),
        ("zoe@live.com", {
            let (i, s) = outlook("zoe@live.com");
            Found("hotmail.com", i, s, &[Imap, Smtp])
        }),
        (
            "zoe@office365.com",
            Found(
                "office365.com",
                ("outlook.office365.com", 993, Tls, "zoe@office365.com"),
                ("smtp.office365.com", 587, StartTls, "zoe@office365.com"),
                &[Imap, Smtp],
            ),
        ),
        // MIT: IMAP on Microsoft 365 (OAuth2 only), its own SMTP with a password and the local part.
        (
            "zoe@mit.edu",
            Found(
                "mit.edu",
                ("outlook.office365.com", 993, Tls, "zoe@mit.edu"),
                ("outgoing.mit.edu", 465, Tls, "zoe"),
                &[Imap],
            ),
        ),
        // Hosts and names filled in from the domain (inbox.lv.xml: mail.%EMAILDOMAIN%).
        (
            "zoe@inbox.lt",
            Found(
                "inbox.lv",
                ("mail.inbox.lt", 993, Tls, "zoe@inbox.lt"),
                ("mail.inbox.lt", 465, Tls, "zoe@inbox.lt"),
                &[],
            ),
        ),
        // teol.net.xml gives no SMTP user name: the IMAP login is used.
        (
            "zoe@teol.net",
            Found(
                "teol.net",
                ("imap.teol.net", 993, Tls, "zoe@teol.net"),
                ("smtp.teol.net", 465, Tls, "zoe@teol.net"),
                &[],
            ),
        ),
        // alice.it lists STARTTLS only: that is the choice, never refused.
        (
            "zoe@alice.it",
            Found(
                "alice.it",
                ("in.alice.it", 143, StartTls, "zoe@alice.it"),
                ("out.alice.it", 587, StartTls, "zoe@alice.it"),
                &[],
            ),
        ),
        // Upper case, a trailing dot and surrounding blanks: the domain is normalised, the local part kept.
        (
            "Zoe@ORANGE.FR.",
            Found(
                "orange.fr",
                ("imap.orange.fr", 993, Tls, "Zoe@orange.fr"),
                ("smtp.orange.fr", 465, Tls, "Zoe@orange.fr"),
                &[],
            ),
        ),
        ("  zoe@Orange.Fr  ", Found("orange.fr", orange, orange_smtp, &[])),
        (
            "\"zoe@home\"@orange.fr",
            Found(
                "orange.fr",
                ("imap.orange.fr", 993, Tls, "\"zoe@home\"@orange.fr"),
                ("smtp.orange.fr", 465, Tls, "\"zoe@home\"@orange.fr"),
                &[],
            ),
        ),
        // Known, but nothing Redress can use.
        ("taro@ocn.ne.jp", Unusable("ocn.ne.jp", Shortfall::Pop3Only)),
        ("zoe@peoplepc.com", Unusable("peoplepc.com", Shortfall::NoEncryptedImap)),
        // Not in the list: the person gives their servers. Exact domains only, no parents.
        ("zoe@example.org", NotFound("example.org")),
        ("zoe@Example.ORG.", NotFound("example.org")),
        ("zoe@mail.orange.fr", NotFound("mail.orange.fr")),
        ("zoé@bücher.de", NotFound("bücher.de")),
        // Not addresses.
        ("", Bad(AddressProblem::Empty)),
        ("   ", Bad(AddressProblem::Empty)),
        ("zoe", Bad(AddressProblem::NoAt)),
        ("zoe.orange.fr", Bad(AddressProblem::NoAt)),
        ("@orange.fr", Bad(AddressProblem::EmptyLocalPart)),
        ("zoe@@orange.fr", Bad(AddressProblem::MoreThanOneAt)),
        ("zoe@home@orange.fr", Bad(AddressProblem::MoreThanOneAt)),
        ("Zoe <zoe@orange.fr>", Bad(AddressProblem::SpaceOrControl)),
        ("zoe@orange.fr\nBcc: max@web.de", Bad(AddressProblem::SpaceOrControl)),
        ("zoe\u{0}@orange.fr", Bad(AddressProblem::SpaceOrControl)),
        ("zoe@", Bad(AddressProblem::Domain(DomainProblem::Empty))),
        ("zoe@orange", Bad(AddressProblem::Domain(DomainProblem::NoDot))),
        ("zoe@orange..fr", Bad(AddressProblem::Domain(DomainProblem::EmptyLabel))),
        ("zoe@orange.fr..", Bad(AddressProblem::Domain(DomainProblem::EmptyLabel))),
        ("zoe@-orange.fr", Bad(AddressProblem::Domain(DomainProblem::HyphenAtEdge))),
        ("zoe@orange_fr.fr", Bad(AddressProblem::Domain(DomainProblem::BadCharacter('_')))),
        ("zoe@[192.0.2.1]", Bad(AddressProblem::Domain(DomainProblem::BadCharacter('[')))),
    ] {
        check(input, expect);
    }
    let long = format!("{}@orange.fr", "z".repeat(65));
    check(&long, Bad(AddressProblem::LocalPartTooLong));
}

#[test]
fn a_bad_address_says_what_is_wrong_and_what_to_do() {
    for (input, message) in [
        ("zoe", "\"zoe\" is not an e-mail address: it has no @; type the whole address, for example zoe@example.org"),
        (
            "zoe@orange",
            "\"zoe@orange\" is not an e-mail address: the part after the @ has no dot (a mail domain looks like example.com); type the whole address, for example zoe@example.org",
        ),
        (
            "@orange.fr",
            "\"@orange.fr\" is not an e-mail address: there is nothing before the @; type the whole address, for example zoe@example.org",
        ),
    ] {
        let err = for_address(input).expect_err("not an address");
        assert_eq!(err.to_string(), message);
        assert!(err.is_user_error(), "{input}: the person can fix it");
    }
}

#[test]
fn the_lookup_carries_the_providers_help() {
    let Ok(Lookup::Found(gmail)) = for_address("max@gmail.com") else { panic!("gmail.com is known") };
    let enable = gmail.provider.enable.as_ref().expect("googlemail.com.xml has an <enable> step");
    assert_eq!(enable.instruction.as_deref(), Some("You need to enable IMAP access"));
    assert_eq!(gmail.imap.settings.auth, [AuthMethod::OAuth2, AuthMethod::PasswordCleartext]);

    // What the ISPDB says for Outlook.com: OAuth2 only, one documentation link, no app-password page.
    let Ok(Lookup::Found(outlook)) = for_address("zoe@outlook.com") else { panic!("outlook.com is known") };
    let oauth = outlook.needs_oauth2.expect("OAuth2 only");
    assert_eq!(oauth.provider, "Outlook.com (Microsoft)");
    assert_eq!(oauth.app_password_page, None);
    assert_eq!(outlook.imap.settings.auth, [AuthMethod::OAuth2]);
    assert_eq!(outlook.smtp.settings.auth, [AuthMethod::OAuth2]);
    let docs: Vec<_> = outlook.provider.documentation.iter().map(|d| d.url.as_str()).collect();
    assert_eq!(
        docs,
        [
            "https://support.office.com/article/pop-imap-and-smtp-settings-for-outlook-com-d088b986-291d-42b8-9564-9c414e2aa040"
        ]
    );

    // o2.pl's SMTP servers only take clients on o2's own network.
    let Ok(Lookup::Found(o2)) = for_address("jan@o2.pl") else { panic!("o2.pl is known") };
    assert!(o2.smtp.settings.isp_network_only);
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is a string in {v}"))
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The file is generated from the ISPDB, which is not in the repository, so the test checks
/// what any correct generation gives, reading the JSON as plain values rather than through the
/// types that would hide a stray field or a wrong number.
#[test]
fn the_provider_file_keeps_its_invariants() {
    assert!(JSON.ends_with("}\n") && !JSON.contains('\r'), "pretty JSON with one final newline");
    assert!(JSON.lines().all(|l| l == l.trim_end()), "no trailing blanks");
    let doc: Value = serde_json::from_str(JSON).expect("JSON");
    assert_eq!((text(&doc, "format"), doc["format_version"].as_u64()), ("redress-mail-providers", Some(1)));
    let source = &doc["source"];
    let commit = text(source, "commit");
    assert!(commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit()), "{commit}");
    assert_eq!(text(source, "licence"), "MPL-2.0");
    let sources = include_str!("../data/SOURCES.md");
    assert!(sources.contains(commit) && sources.contains(text(source, "date")), "SOURCES.md names the commit and date");
    assert!(include_str!("../data/LICENSE-ispdb-MPL-2.0").starts_with("Mozilla Public License Version 2.0"));

    let providers = list(&doc, "providers");
    let ids: Vec<&str> = providers.iter().map(|p| text(p, "id")).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "providers sorted by id, ids unique");
    let mut seen = HashSet::new();
    for p in providers {
        let id = text(p, "id");
        let domains: Vec<&str> = list(p, "domains").iter().map(|d| d.as_str().expect("domain")).collect();
        assert!(!domains.is_empty(), "{id}: at least one domain");
        assert!(domains.windows(2).all(|w| w[0] < w[1]), "{id}: domains sorted");
        for d in &domains {
            assert_eq!(normalise_mail_domain(d).as_deref(), Ok(*d), "{id}: {d} is a lower-case domain");
            assert!(d.is_ascii(), "{id}: {d}");
            assert!(seen.insert(*d), "{d} belongs to two providers");
        }
        let (imap, smtp) = (list(p, "imap"), list(p, "smtp"));
        let pop3_only = p.get("pop3_only").and_then(Value::as_bool).unwrap_or(false);
        assert!(!smtp.is_empty(), "{id}: an SMTP server");
        assert_eq!(imap.is_empty(), pop3_only, "{id}: an IMAP server, or marked pop3_only");
        let oauth2_only: Vec<&str> = list(p, "oauth2_only").iter().map(|v| v.as_str().expect("protocol")).collect();
        for (protocol, servers) in [("imap", imap), ("smtp", smtp)] {
            let mut only_oauth2 = Vec::new();
            for s in servers {
                let port = s["port"].as_u64().expect("port");
                assert!((1..=65535).contains(&port), "{id}: port {port}");
                text(s, "security").parse::<Security>().expect("security");
                assert!(!text(s, "host").is_empty(), "{id}: host");
                let auth: Vec<AuthMethod> =
                    list(s, "auth").iter().map(|a| a.as_str().expect("auth").parse().expect("method")).collect();
                assert!(!auth.is_empty(), "{id}: authentication methods");
                only_oauth2.push(auth == [AuthMethod::OAuth2]);
            }
            // All servers of a protocol agree, so the mark holds whichever server is chosen.
            assert!(only_oauth2.iter().all(|&o| o == only_oauth2[0]) || servers.is_empty(), "{id} {protocol}");
            let marked = oauth2_only.contains(&protocol);
            assert_eq!(marked, only_oauth2.first() == Some(&true), "{id}: oauth2_only {protocol}");
        }
        let urls = list(p, "documentation").iter().map(|d| text(d, "url"));
        let urls = urls.chain(p.get("app_password_page").and_then(Value::as_str));
        for url in urls.chain(p.get("enable").map(|e| text(e, "url"))) {
            assert!(url.starts_with("https://") || url.starts_with("http://"), "{id}: {url}");
        }
    }
    assert!(
        providers.len() > 150 && seen.len() > 900,
        "the whole ISPDB copy: {} providers, {} domains",
        providers.len(),
        seen.len()
    );
}

/// Every domain of the list finds its own provider, a chosen server is never plain, and
/// `needs_oauth2` is set exactly for the providers marked OAuth2-only.
#[test]
fn every_domain_looks_up_its_own_provider() {
    let providers = ProviderList::builtin().expect("the built-in list is valid");
    assert_eq!(providers.source().commit, "c6ad79659b5fc321d1593ec4c277815b83e5dec5");
    for p in providers.providers() {
        for d in &p.domains {
            match providers.lookup(&format!("someone@{d}")).expect("an address") {
                Lookup::Found(found) => {
                    assert_eq!(found.provider.id, p.id);
                    assert!(found.imap.security != Security::Plain && found.smtp.security != Security::Plain, "{d}");
                    assert!(!found.imap.host.contains('%') && !found.name.contains('%'), "{d}: placeholders filled");
                    assert_eq!(found.needs_oauth2.is_some(), !p.oauth2_only.is_empty(), "{d}");
                }
                Lookup::Unusable(u) => assert_eq!(u.provider.id, p.id),
                Lookup::NotFound { domain } => panic!("{domain} is in the list"),
            }
        }
    }
}

#[test]
fn security_is_spelled_as_the_data_spells_it() {
    assert_eq!(Security::codes(), ["tls", "starttls", "plain"]);
    assert_eq!("STARTTLS".parse::<Security>(), Ok(Security::StartTls));
    assert_eq!(
        "ssl".parse::<Security>().expect_err("not a spelling").to_string(),
        "\"ssl\" is not a connection security: use tls, starttls or plain"
    );
}
