//! What a complete answer to an access request contains (Art. 15 GDPR, read with the CJEU and
//! the CNIL). The same list drives the access letter's reminder, the completeness check of an
//! answer and, later, the complaint.

use serde::{Deserialize, Serialize};

use crate::identity::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum AccessItem {
    /// Art. 15(1), first limb.
    Confirmation,
    /// Art. 15(3); CJEU C-487/21: a faithful, intelligible reproduction.
    Copy,
    /// Art. 15(1)(a).
    Purposes,
    /// Art. 14(1)(c) and, for legitimate interest, 14(2)(b).
    LegalBasis,
    /// Art. 15(1)(b).
    Categories,
    /// Art. 15(1)(c); CJEU C-154/21: the actual recipients, by name.
    Recipients,
    /// Art. 15(1)(d), with Art. 5(1)(e) (KASPR: renewal on every update).
    Retention,
    /// Art. 15(1)(g), 14(2)(f): the actual source of each datum, not "public sources".
    Source,
    /// Art. 15(1)(h).
    AutomatedDecisions,
    /// Art. 15(2).
    Transfers,
    /// Art. 15(1)(e) and (f).
    Rights,
}

crate::spelled!(AccessItem, "Art. 15 item", {
    Confirmation => "confirmation",
    Copy => "copy",
    Purposes => "purposes",
    LegalBasis => "legal-basis",
    Categories => "categories",
    Recipients => "recipients",
    Retention => "retention",
    Source => "source",
    AutomatedDecisions => "automated-decisions",
    Transfers => "transfers",
    Rights => "rights",
});

impl AccessItem {
    /// The provision that requires the item, as cited in every language.
    pub fn article(self) -> &'static str {
        match self {
            AccessItem::Confirmation => "15(1)",
            AccessItem::Copy => "15(3)",
            AccessItem::Purposes => "15(1)(a)",
            AccessItem::LegalBasis => "14(1)(c)",
            AccessItem::Categories => "15(1)(b)",
            AccessItem::Recipients => "15(1)(c)",
            AccessItem::Retention => "15(1)(d)",
            AccessItem::Source => "15(1)(g)",
            AccessItem::AutomatedDecisions => "15(1)(h)",
            AccessItem::Transfers => "15(2)",
            AccessItem::Rights => "15(1)(e)-(f)",
        }
    }

    /// The provision cited the way each language cites it: "Art. 15(1)(g)",
    /// "art. 15, § 1, g)", "Art. 15 Abs. 1 lit. g".
    pub fn citation(self, lang: Lang) -> String {
        cite(self.article(), lang)
    }

    /// A short description of what is missing, for the reminder and the complaint.
    pub fn label(self, lang: Lang) -> &'static str {
        use AccessItem as I;
        match (lang, self) {
            (Lang::En, I::Confirmation) => "confirmation whether you process personal data about me",
            (Lang::En, I::Copy) => "a complete copy of my personal data (a faithful reproduction, not a summary)",
            (Lang::En, I::Purposes) => "the purposes of the processing",
            (Lang::En, I::LegalBasis) => "the legal basis and, for legitimate interest, the interests pursued",
            (Lang::En, I::Categories) => "the categories of personal data concerned",
            (Lang::En, I::Recipients) => "the identity of each recipient (each customer) my data was disclosed to",
            (Lang::En, I::Retention) => "the retention period, and whether updates restart it",
            (Lang::En, I::Source) => "the actual source of each item of my data, not merely \"public sources\"",
            (Lang::En, I::AutomatedDecisions) => "whether automated decision-making or profiling takes place",
            (Lang::En, I::Transfers) => "transfers outside the EEA and the safeguards used",
            (Lang::En, I::Rights) => "my rights and the right to lodge a complaint",
            (Lang::Fr, I::Confirmation) => "la confirmation que vous traitez ou non des données me concernant",
            (Lang::Fr, I::Copy) => "une copie complète de mes données (une reproduction fidèle, et non un résumé)",
            (Lang::Fr, I::Purposes) => "les finalités du traitement",
            (Lang::Fr, I::LegalBasis) => {
                "la base juridique et, s'il s'agit de l'intérêt légitime, les intérêts poursuivis"
            }
            (Lang::Fr, I::Categories) => "les catégories de données concernées",
            (Lang::Fr, I::Recipients) => {
                "l'identité de chaque destinataire (chaque client) à qui mes données ont été communiquées"
            }
            (Lang::Fr, I::Retention) => "la durée de conservation, et si une mise à jour la fait repartir",
            (Lang::Fr, I::Source) => {
                "la source précise de chacune de mes données, et non la seule mention de « sources publiques »"
            }
            (Lang::Fr, I::AutomatedDecisions) => "l'existence d'une prise de décision automatisée ou d'un profilage",
            (Lang::Fr, I::Transfers) => "les transferts hors de l'EEE et les garanties appropriées",
            (Lang::Fr, I::Rights) => "mes droits et le droit d'introduire une réclamation",
            (Lang::De, I::Confirmation) => {
                "die Bestätigung, ob Sie mich betreffende personenbezogene Daten verarbeiten"
            }
            (Lang::De, I::Copy) => {
                "eine vollständige Kopie meiner Daten (eine originalgetreue Reproduktion, keine Zusammenfassung)"
            }
            (Lang::De, I::Purposes) => "die Verarbeitungszwecke",
            (Lang::De, I::LegalBasis) => {
                "die Rechtsgrundlage und, bei berechtigtem Interesse, die verfolgten Interessen"
            }
            (Lang::De, I::Categories) => "die Kategorien der verarbeiteten Daten",
            (Lang::De, I::Recipients) => {
                "die Identität jedes Empfängers (jedes Kunden), dem meine Daten offengelegt wurden"
            }
            (Lang::De, I::Retention) => "die Speicherdauer und ob eine Aktualisierung sie neu beginnen lässt",
            (Lang::De, I::Source) => {
                "die konkrete Herkunft jedes einzelnen Datums, nicht nur der Hinweis auf „öffentliche Quellen“"
            }
            (Lang::De, I::AutomatedDecisions) => {
                "ob eine automatisierte Entscheidungsfindung oder ein Profiling stattfindet"
            }
            (Lang::De, I::Transfers) => "Übermittlungen außerhalb des EWR und die geeigneten Garantien",
            (Lang::De, I::Rights) => "meine Rechte und das Beschwerderecht",
        }
    }
}

/// Rewrites an English-style reference ("15(1)(g)", "15(1)(e)-(f)") in a language's style.
fn cite(article: &str, lang: Lang) -> String {
    // Split "15(1)(g)" into "15", ["1", "g"].
    let (head, tail) = article.split_once('(').map_or((article, ""), |(h, _)| (h, &article[h.len()..]));
    let parts: Vec<&str> = tail.split(['(', ')']).filter(|p| !p.is_empty()).collect();
    match lang {
        Lang::En => format!("Art. {article}"),
        Lang::Fr => {
            let mut out = format!("art. {head}");
            let mut joined = false;
            for (i, p) in parts.iter().enumerate() {
                if *p == "-" {
                    out.push_str(" et");
                    joined = true;
                } else if i == 0 && p.chars().all(|c| c.is_ascii_digit()) {
                    out.push_str(&format!(", § {p}"));
                } else if joined {
                    out.push_str(&format!(" {p})"));
                } else {
                    out.push_str(&format!(", {p})"));
                }
            }
            out
        }
        Lang::De => {
            let mut out = format!("Art. {head}");
            let mut joined = false;
            for (i, p) in parts.iter().enumerate() {
                if *p == "-" {
                    out.push_str(" und");
                    joined = true;
                } else if i == 0 && p.chars().all(|c| c.is_ascii_digit()) {
                    out.push_str(&format!(" Abs. {p}"));
                } else if joined {
                    out.push_str(&format!(" {p}"));
                } else {
                    out.push_str(&format!(" lit. {p}"));
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_follow_each_language() {
        let cases = [
            ("15(1)(g)", Lang::En, "Art. 15(1)(g)"),
            ("15(1)(g)", Lang::Fr, "art. 15, § 1, g)"),
            ("15(1)(g)", Lang::De, "Art. 15 Abs. 1 lit. g"),
            ("15(3)", Lang::Fr, "art. 15, § 3"),
            ("15(3)", Lang::De, "Art. 15 Abs. 3"),
            ("15(1)", Lang::De, "Art. 15 Abs. 1"),
            ("15(1)(e)-(f)", Lang::Fr, "art. 15, § 1, e) et f)"),
            ("15(1)(e)-(f)", Lang::De, "Art. 15 Abs. 1 lit. e und f"),
        ];
        for (article, lang, expect) in cases {
            assert_eq!(cite(article, lang), expect, "{article} {lang:?}");
        }
    }

    #[test]
    fn every_item_has_a_label_in_every_language() {
        for &item in AccessItem::ALL {
            for lang in [Lang::En, Lang::Fr, Lang::De] {
                assert!(item.label(lang).len() > 10);
            }
        }
    }
}
