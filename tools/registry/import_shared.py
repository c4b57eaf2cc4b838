#!/usr/bin/env python3
"""Build Redress's registry file from the team's research data.

Maintainer tool, not needed by users or CI: it reads the research files
(`vendors.json`, `authorities.json` as compiled on 2026-11-22, see
`src-tauri/crates/redress-core/data/SOURCES.md`) and writes
`src-tauri/crates/redress-core/data/registry.json` in the project's own
format (documented in docs/registry-format.md).

Rules kept from the research data: a null stays null (unknown is never
guessed), every record keeps all its evidence, notes are kept verbatim.

Usage: python3 tools/registry/import_shared.py SHARED_DATA_DIR
"""
import json
import re
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parents[2] / "src-tauri/crates/redress-core/data/registry.json"

# datenanfragen's category labels, normalised to the registry's kebab-case.
UPSTREAM_CATEGORY = {
    "addresses": "address-or-data-broker",
    "ads": "advertising",
    "credit agency": "credit-agency",
    "social media": "social-media",
    "telecommunication": "telecommunication",
    "finance": "finance",
    "collection agency": "collection-agency",
    "entertainment": "entertainment",
    "travel": "travel",
    "commerce": "commerce",
}


def categories(raw):
    out = []
    for c in raw:
        if c.startswith("datenanfragen:"):
            c = UPSTREAM_CATEGORY[c.split(":", 1)[1]]
        if c not in out:
            out.append(c)
    return out


def evidence(raw):
    out = []
    for e in raw:
        item = {"ref": e["ref"], "supports": e["supports"]}
        item["source_date"] = e.get("source_date")
        out.append(item)
    return out


def vendor(v):
    rep = v["eu_representative"]
    return {
        "id": v["id"],
        "name": v["name"],
        "legal_entity": v["legal_name"],
        "siren": v["siren"],
        "country": v["country"],
        "address": v["address"],
        "contacts": {
            "privacy_email": v["privacy_email"],
            "dpo_email": v["dpo_email"],
            "request_form_url": v["opt_out_url"],
            "self_check_url": None,
            "privacy_policy_url": v["privacy_policy_url"],
            "website": v["web"],
        },
        "eu_representative": None if rep is None else {
            "name": rep["name"], "email": rep["email"], "address": rep["address"],
        },
        "lead_authority": v["lead_authority"],
        "stated_data_sources": v["sources_stated"],
        "api_offered": v["api"],
        "known_breaches": v["hibp_breaches"],
        "categories": categories(v["categories"]),
        "domains": domains(v),
        "relevant_countries": v["relevant_countries"],
        "notes": v["notes"],
        "evidence": evidence(v["evidence"]),
        "last_verified": v["last_verified"],
    }


# Two-label public suffixes the research's mechanical "last two labels" rule mistook for a
# registrable domain (e.g. "co.uk" for www.acxiom.co.uk). Matching e-mails against "co.uk" would
# point every British sender at these vendors.
PUBLIC_SUFFIXES = {"co.uk", "org.uk", "com.au", "co.jp", "co.nz", "co.za", "com.br", "co.in", "com.cn"}


def domains(v):
    """The record's domains, with a bare public suffix replaced by the registrable domains
    (three labels) of the record's own sourced URLs and e-mail addresses under it."""
    texts = [v.get("privacy_email") or "", v.get("dpo_email") or "", v.get("privacy_policy_url") or "",
             v.get("opt_out_url") or "", v.get("web") or ""] + [e["ref"] for e in v["evidence"]]
    out = []
    for d in v["domains"]:
        if d not in PUBLIC_SUFFIXES:
            candidates = [d]
        else:
            candidates = []
            for t in texts:
                for host in re.findall(r"(?:@|//)([a-z0-9.-]+)", t.lower()):
                    if host.endswith("." + d):
                        candidates.append(".".join(host.split(".")[-3:]))
        for c in candidates:
            if c not in out:
                out.append(c)
    return out


def authority(a):
    return {
        "id": a["id"],
        "name": a["name"],
        "country": a["country"],
        "address": a["address"],
        "email": a["email"],
        "phone": a["phone"],
        "fax": a["fax"],
        "complaint_url": a["complaint_url"],
        "website": a["web"],
        "languages": a["languages"],
        "notes": a["notes"],
        "evidence": evidence(a["evidence"]),
        "last_verified": a["last_verified"],
    }


def main():
    src = pathlib.Path(sys.argv[1])
    vendors = json.loads((src / "vendors.json").read_text())
    authorities = json.loads((src / "authorities.json").read_text())
    doc = {
        "format": "redress-registry",
        "format_version": 1,
        "published": "2026-11-22",
        "vendors": [vendor(v) for v in vendors],
        "authorities": [authority(a) for a in authorities],
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {OUT}: {len(doc['vendors'])} vendors, {len(doc['authorities'])} authorities")


if __name__ == "__main__":
    main()
