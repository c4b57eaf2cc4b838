#!/usr/bin/env python3
"""Build Redress's list of mail providers from Mozilla Thunderbird's ISPDB.

Maintainer tool, not needed by users, the build or CI. It reads a copy of the
ISPDB folder (`ispdb/` of github.com/thunderbird/autoconfig: one
`<domain>.xml` per provider, plus the `LICENSE` and a `SOURCE` file holding
"<commit> <date>") and writes, in Redress's own format:

  src-tauri/crates/redress-core/data/mail_providers.json
  src-tauri/crates/redress-core/data/LICENSE-ispdb-MPL-2.0   (the ISPDB's licence)

Usage:  python3 tools/ispdb-import/import_ispdb.py ISPDB_DIR [--check]

With --check nothing is written: the tool exits 1 when the committed files are
not what it would write.

Why Python and not a Rust example: the other maintainer import
(tools/registry/import_shared.py) is Python too, and Python's standard library
reads XML, where a Rust example would add an XML crate to the workspace (and
to cargo-deny's review) for a tool the product never runs.

What is kept, and why (everything else in the XML is dropped):
- IMAP and SMTP servers only, in the ISPDB's order (first = the ISPDB's
  preference). POP3, Exchange, EWS, Graph and webmail entries are dropped:
  Redress reads and sends through IMAP and SMTP only. Servers with a plain
  socket are kept, marked `plain`; Redress never chooses them.
- A provider whose only incoming servers are POP3 is kept with no IMAP server
  and `"pop3_only": true`, so that its addresses are told "this provider offers
  no IMAP" rather than "unknown provider".
- `oauth2_only`: the protocols for which every server the ISPDB lists accepts
  OAuth2 and nothing else (no password method, no "none"). The XML is the
  only evidence used; no server in this copy says more (see SOURCES.md).
- `app_password_page`: a documentation link whose address or title speaks of
  an app (application-specific) password, if the provider has one.
- The provider id is the file name without `.xml`: the ISPDB's own
  `emailProvider id` attribute is not unique (five Zoho files say "zoho.com").

The tool refuses (exit 2, naming the file) anything it does not know how to
map: an unknown socket type, authentication method or username placeholder, a
domain that is not lower-case ASCII after folding, a domain listed by two
providers. The output is deterministic: providers sorted by id, domains sorted,
pretty JSON with a final newline.
"""
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

CORE = pathlib.Path(__file__).resolve().parents[2] / "src-tauri/crates/redress-core"
OUT_JSON = CORE / "data/mail_providers.json"
OUT_LICENSE = CORE / "data/LICENSE-ispdb-MPL-2.0"

SECURITY = {"SSL": "tls", "STARTTLS": "starttls", "plain": "plain"}
AUTH = {
    "password-cleartext": "password-cleartext",
    "password-encrypted": "password-encrypted",
    "OAuth2": "oauth2",
    "none": "none",
}
USERNAME = {"%EMAILADDRESS%": "address", "%EMAILLOCALPART%": "local-part"}
USERNAME_PLACEHOLDERS = {"%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%"}
HOST_PLACEHOLDERS = {"%EMAILDOMAIN%"}
PLACEHOLDER = re.compile(r"%[A-Z]+%")
APP_PASSWORD = re.compile(
    r"app[-_ ]?pass|app(lication)?[-_ ]specific|anwendungspass|mot[-_ ]de[-_ ]passe[-_ ]d.application",
    re.IGNORECASE,
)
DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
HOST = re.compile(r"^[a-z0-9.-]+$")


class Refused(Exception):
    pass


def text(el, tag):
    """The stripped text of `el`'s first `tag` child, or None."""
    found = el.find(tag)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def in_english(elements):
    """The text of the element written in English (no lang, or en*), else the first one."""
    elements = [e for e in elements if e.text and e.text.strip()]
    for e in elements:
        if e.get("lang") is None or e.get("lang", "").lower().startswith("en"):
            return e.text.strip()
    return elements[0].text.strip() if elements else None


def server(el, where):
    # Lower-cased, except placeholders (`mail.%EMAILDOMAIN%`: Redress fills in the address's domain).
    host = "".join(part if PLACEHOLDER.fullmatch(part) else part.lower()
                   for part in re.split(r"(%[A-Z]+%)", text(el, "hostname") or ""))
    placeholders = set(PLACEHOLDER.findall(host))
    if not host or not HOST.match(PLACEHOLDER.sub("x", host)) or not placeholders <= HOST_PLACEHOLDERS:
        raise Refused(f"{where}: host {host!r} is not a host name")
    port = int(text(el, "port") or "0")
    if not 1 <= port <= 65535:
        raise Refused(f"{where}: port {port} is out of range")
    socket = text(el, "socketType")
    if socket not in SECURITY:
        raise Refused(f"{where}: unknown socketType {socket!r}")
    username = text(el, "username")
    if username is None:
        form = "not-given"
    elif username in USERNAME:
        form = USERNAME[username]
    elif set(PLACEHOLDER.findall(username)) <= USERNAME_PLACEHOLDERS and username.count("%") % 2 == 0:
        form = {"other": username}
    else:
        raise Refused(f"{where}: unknown username form {username!r}")
    auth = []
    for a in el.findall("authentication"):
        method = (a.text or "").strip()
        if method not in AUTH:
            raise Refused(f"{where}: unknown authentication {method!r}")
        if AUTH[method] not in auth:
            auth.append(AUTH[method])
    if not auth:
        raise Refused(f"{where}: no authentication method")
    out = {"host": host, "port": port, "security": SECURITY[socket], "username": form, "auth": auth}
    if text(el, "restriction") == "client-IP-address":
        out["isp_network_only"] = True
    return out


def only_oauth2(servers):
    return bool(servers) and all(s["auth"] == ["oauth2"] for s in servers)


def provider(path):
    root = ET.parse(path).getroot()
    providers = root.findall("emailProvider")
    if len(providers) != 1:
        raise Refused(f"{path.name}: {len(providers)} emailProvider elements, expected 1")
    p = providers[0]
    pid = path.name.removesuffix(".xml")
    domains = set()
    for d in p.findall("domain"):
        name = (d.text or "").strip().lower().rstrip(".")
        if not DOMAIN.match(name):
            raise Refused(f"{path.name}: domain {name!r} is not a lower-case ASCII domain name")
        domains.add(name)
    if not domains:
        raise Refused(f"{path.name}: no domain")
    # Two providers are named `%EMAILDOMAIN%` (one name per domain they serve): kept, Redress fills it in.
    name = text(p, "displayName") or text(p, "displayShortName") or pid
    if not set(PLACEHOLDER.findall(name)) <= HOST_PLACEHOLDERS:
        raise Refused(f"{path.name}: unknown placeholder in the name {name!r}")
    imap, smtp, pop3 = [], [], 0
    for i, el in enumerate(p.findall("incomingServer")):
        kind = el.get("type")
        if kind == "imap":
            imap.append(server(el, f"{path.name}: incoming server {i + 1}"))
        elif kind == "pop3":
            pop3 += 1
    for i, el in enumerate(p.findall("outgoingServer")):
        if el.get("type") == "smtp":
            smtp.append(server(el, f"{path.name}: outgoing server {i + 1}"))
    if not smtp:
        raise Refused(f"{path.name}: no SMTP server")
    if not imap and not pop3:
        raise Refused(f"{path.name}: neither IMAP nor POP3 server")

    documentation = []
    # <documentation url> and <instruction url> (Fastmail, ipax) are both links to the provider's help.
    for el in p.findall("documentation") + p.findall("instruction"):
        url = (el.get("url") or "").strip()
        if not url:
            continue
        doc = {"url": url}
        title = in_english(el.findall("descr"))
        if title:
            doc["title"] = " ".join(title.split())
        documentation.append(doc)
    app_password = next(
        (d["url"] for d in documentation if APP_PASSWORD.search(d["url"] + " " + d.get("title", ""))), None
    )

    out = {"id": pid, "name": name, "domains": sorted(domains), "imap": imap, "smtp": smtp}
    if not imap:
        out["pop3_only"] = True
    oauth2_only = [proto for proto, servers in (("imap", imap), ("smtp", smtp)) if only_oauth2(servers)]
    if oauth2_only:
        out["oauth2_only"] = oauth2_only
    if app_password:
        out["app_password_page"] = app_password
    # <enable> (a step the person must take first) sits inside emailProvider or beside it.
    enable = p.find("enable")
    if enable is None:
        enable = root.find("enable")
    if enable is not None and enable.get("visiturl"):
        out["enable"] = {"url": enable.get("visiturl").strip()}
        instruction = in_english(enable.findall("instruction"))
        if instruction:
            out["enable"]["instruction"] = " ".join(instruction.split())
    if documentation:
        out["documentation"] = documentation
    return out


def build(src):
    commit, date = (src / "SOURCE").read_text().split()
    if not re.fullmatch(r"[0-9a-f]{40}", commit) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise Refused(f"{src / 'SOURCE'}: expected '<40-hex commit> <YYYY-MM-DD>'")
    licence = (src / "LICENSE").read_text()
    if not licence.startswith("Mozilla Public License Version 2.0"):
        raise Refused(f"{src / 'LICENSE'}: not the MPL 2.0")
    providers = [provider(path) for path in sorted(src.glob("*.xml"))]
    providers.sort(key=lambda p: p["id"])
    owner = {}
    for p in providers:
        for d in p["domains"]:
            if d in owner:
                raise Refused(f"domain {d} is listed by both {owner[d]} and {p['id']}")
            owner[d] = p["id"]
    doc = {
        "format": "redress-mail-providers",
        "format_version": 1,
        "generated_by": "tools/ispdb-import/import_ispdb.py (do not edit by hand: regenerate, see data/SOURCES.md)",
        "source": {
            "name": "Mozilla Thunderbird ISPDB",
            "repository": "https://github.com/thunderbird/autoconfig",
            "path": "ispdb",
            "commit": commit,
            "date": date,
            "licence": "MPL-2.0",
        },
        "providers": providers,
    }
    return pretty(doc) + "\n", licence


def pretty(value, level=0, inline=False):
    """Indented JSON, but each server, documentation link and list of words on one line: a
    change to one server is a one-line diff, and the file stays about half the size."""
    if inline or not isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, list):
        if not value:
            return "[]"
        # Providers (level 1) are spread out; the servers and links inside them are one line each.
        items = [pretty(v, level + 1, inline=level >= 3 and isinstance(v, dict)) for v in value]
        return "[\n" + ",\n".join(inner + i for i in items) + "\n" + pad + "]"
    items = []
    for k, v in value.items():
        words = isinstance(v, list) and k != "domains" and all(isinstance(x, str) for x in v)
        items.append(f"{inner}{json.dumps(k)}: {pretty(v, level + 1, inline=words)}")
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def main(argv):
    args = [a for a in argv[1:] if a != "--check"]
    if len(args) != 1:
        print("usage: python3 tools/ispdb-import/import_ispdb.py ISPDB_DIR [--check]", file=sys.stderr)
        return 2
    try:
        data, licence = build(pathlib.Path(args[0]))
    except (Refused, OSError, ET.ParseError, ValueError) as e:
        print(f"import_ispdb: {e}", file=sys.stderr)
        return 2
    if "--check" in argv:
        stale = [p for p, want in ((OUT_JSON, data), (OUT_LICENSE, licence))
                 if not p.exists() or p.read_text() != want]
        for p in stale:
            print(f"import_ispdb: {p} is not what the ISPDB copy gives; regenerate it", file=sys.stderr)
        return 1 if stale else 0
    OUT_JSON.write_text(data)
    OUT_LICENSE.write_text(licence)
    providers = json.loads(data)["providers"]
    print(f"wrote {OUT_JSON}: {len(providers)} providers, {sum(len(p['domains']) for p in providers)} domains, "
          f"{len(data.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
