//! Is an access answer complete? The user ticks, item by item, what the answer contains (the
//! items of Art. 15, see [`AccessItem`]); Redress points at sentences that seem to cover an
//! item. The items marked missing feed the reminder and, later, the complaint.

use serde::{Deserialize, Serialize};

use super::lifecycle::RequestKind;
use crate::letter::AccessItem;
use crate::text::fold;

/// What the user found in the answer for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    Present,
    Missing,
}

crate::spelled!(ItemState, "checklist state", { Present => "present", Missing => "missing" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    pub item: AccessItem,
    pub state: ItemState,
}

/// Whether answers to this request are checked against Art. 15 (the requests that ask for access).
pub fn checklist_applies(kind: RequestKind) -> bool {
    matches!(kind, RequestKind::Access | RequestKind::Combined | RequestKind::SourceInquiry)
}

/// The items marked missing, in checklist order.
pub fn missing_items(entries: &[ChecklistEntry]) -> Vec<AccessItem> {
    AccessItem::ALL
        .iter()
        .copied()
        .filter(|i| entries.iter().any(|e| e.item == *i && e.state == ItemState::Missing))
        .collect()
}

/// A sentence of the reply that seems to cover an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hint {
    pub item: AccessItem,
    pub excerpt: String,
    /// The sentence only names "public sources": the CNIL held such wording too vague
    /// (SAN-2024-020), so it does not answer Art. 15(1)(g).
    pub vague: bool,
}

/// Words that suggest an item, in English, French and German, folded (lowercase, no accents).
const KEYWORDS: &[(AccessItem, &[&str])] = &[
    (
        AccessItem::Confirmation,
        &[
            "we hold",
            "we process",
            "we do not hold",
            "no data",
            "nous traitons",
            "nous detenons",
            "aucune donnee",
            "wir verarbeiten",
            "keine daten",
        ],
    ),
    (
        AccessItem::Copy,
        &["copy of", "attached", "export", "copie", "ci-joint", "vous trouverez", "kopie", "anbei", "im anhang"],
    ),
    (AccessItem::Purposes, &["purpose", "finalite", "zweck"]),
    (
        AccessItem::LegalBasis,
        &[
            "legal basis",
            "legitimate interest",
            "6(1)(f)",
            "base legale",
            "base juridique",
            "interet legitime",
            "rechtsgrundlage",
            "berechtigte",
        ],
    ),
    (AccessItem::Categories, &["categor", "kategorie"]),
    (
        AccessItem::Recipients,
        &[
            "recipient",
            "disclosed to",
            "shared with",
            "destinataire",
            "communique",
            "empfanger",
            "weitergegeben",
            "offengelegt",
        ],
    ),
    (
        AccessItem::Retention,
        &[
            "retention",
            "retain",
            "kept for",
            "stored for",
            "delete after",
            "conservation",
            "conserve",
            "speicherdauer",
            "aufbewahr",
            "gespeichert",
            "geloscht",
        ],
    ),
    (
        AccessItem::Source,
        &[
            "source",
            "obtained from",
            "collected from",
            "origine",
            "provenance",
            "collecte",
            "herkunft",
            "quelle",
            "erhoben",
        ],
    ),
    (AccessItem::AutomatedDecisions, &["automated", "profiling", "scoring", "automatis", "profilage", "automatisiert"]),
    (
        AccessItem::Transfers,
        &[
            "transfer",
            "third countr",
            "outside the eu",
            "outside the eea",
            "pays tiers",
            "hors de l'ue",
            "hors de l'union",
            "drittland",
            "ubermittl",
        ],
    ),
    (
        AccessItem::Rights,
        &[
            "right to",
            "complaint",
            "supervisory authority",
            "cnil",
            "droit d",
            "reclamation",
            "beschwerde",
            "aufsichtsbehorde",
            "recht auf",
        ],
    ),
];

const VAGUE_SOURCES: &[&str] = &[
    "public source",
    "publicly available source",
    "sources publiques",
    "source publique",
    "offentliche quelle",
    "offentlich zugangliche",
];

/// Sentences of `text` that seem to cover an item, at most three per item. A hint is a pointer
/// for the user, never a decision: only the user marks an item present or missing.
pub fn hints(text: &str) -> Vec<Hint> {
    let sentences: Vec<&str> =
        text.split(['.', '!', '?', '\n']).map(str::trim).filter(|s| s.chars().count() >= 8).collect();
    let mut out = Vec::new();
    for (item, words) in KEYWORDS {
        let mut found = 0;
        for sentence in &sentences {
            let folded = fold(sentence);
            if words.iter().any(|w| folded.contains(w)) {
                let vague = *item == AccessItem::Source && VAGUE_SOURCES.iter().any(|w| folded.contains(w));
                out.push(Hint { item: *item, excerpt: excerpt(sentence), vague });
                found += 1;
                if found == 3 {
                    break;
                }
            }
        }
    }
    out
}

fn excerpt(sentence: &str) -> String {
    let clean: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() <= 200 { clean } else { format!("{}…", clean.chars().take(200).collect::<String>()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_point_at_the_sentences_that_cover_an_item() {
        let text = "Dear Ms Martin,\nWe hold your professional e-mail and phone number. \
                    Your data was collected from public sources. It is kept for 5 years. \
                    Vos données ont été communiquées à nos clients. Die Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO.";
        let found = hints(text);
        let has = |item: AccessItem| found.iter().any(|h| h.item == item);
        assert!(has(AccessItem::Confirmation));
        assert!(has(AccessItem::Retention));
        assert!(has(AccessItem::Recipients));
        assert!(has(AccessItem::LegalBasis));
        assert!(!has(AccessItem::Transfers));
        let source = found.iter().find(|h| h.item == AccessItem::Source).expect("source hint");
        assert!(source.vague, "\"public sources\" is flagged as too vague");
        assert_eq!(source.excerpt, "Your data was collected from public sources");
    }

    #[test]
    fn missing_items_keep_the_checklist_order() {
        let entries = [
            ChecklistEntry { item: AccessItem::Source, state: ItemState::Missing },
            ChecklistEntry { item: AccessItem::Copy, state: ItemState::Present },
            ChecklistEntry { item: AccessItem::Recipients, state: ItemState::Missing },
        ];
        assert_eq!(missing_items(&entries), [AccessItem::Recipients, AccessItem::Source]);
    }
}
