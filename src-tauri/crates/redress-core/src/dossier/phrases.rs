//! The small phrases the dossier is assembled from, in each language: requests, channels,
//! answers, chronology events, labels. The French wording is the CNIL dossier's; English and
//! German are written for the authorities that work in those languages.

use jiff::civil::{Date, Weekday};

use crate::case::{AnswerKind, Channel, RequestKind};
use crate::identity::Lang;
use crate::letter::long_date;

/// The same text in each language.
pub(super) fn pick(lang: Lang, fr: &'static str, en: &'static str, de: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
        Lang::De => de,
    }
}

/// "lundi 7 avril 2025", "Monday 7 April 2025", "Montag, 7. April 2025".
pub(super) fn day_and_date(d: Date, lang: Lang) -> String {
    use Weekday as W;
    let i = match d.weekday() {
        W::Monday => 0,
        W::Tuesday => 1,
        W::Wednesday => 2,
        W::Thursday => 3,
        W::Friday => 4,
        W::Saturday => 5,
        W::Sunday => 6,
    };
    let date = long_date(d, lang);
    match lang {
        Lang::Fr => {
            format!("{} {date}", ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][i])
        }
        Lang::En => {
            format!("{} {date}", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i])
        }
        Lang::De => {
            format!("{}, {date}", ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][i])
        }
    }
}

/// The request with its possessive, as the object of "sent": "ma demande d'accès", "my access
/// request", "mein Auskunftsersuchen" (German accusative).
pub(super) fn request(kind: RequestKind, lang: Lang) -> &'static str {
    use RequestKind as K;
    match (lang, kind) {
        (Lang::Fr, K::Access) => "ma demande d'accès (article 15 du RGPD)",
        (Lang::Fr, K::Objection) => "mon opposition (article 21 du RGPD)",
        (Lang::Fr, K::Erasure) => "ma demande d'effacement (article 17 du RGPD)",
        (Lang::Fr, K::Combined) => {
            "ma demande d'accès, mon opposition et ma demande d'effacement (articles 15, 21 et 17 du RGPD)"
        }
        (Lang::Fr, K::SourceInquiry) => "ma demande relative à la source de mes données (articles 14 et 15 du RGPD)",
        (Lang::En, K::Access) => "my access request (Article 15 GDPR)",
        (Lang::En, K::Objection) => "my objection (Article 21 GDPR)",
        (Lang::En, K::Erasure) => "my erasure request (Article 17 GDPR)",
        (Lang::En, K::Combined) => "my access request, objection and erasure request (Articles 15, 21 and 17 GDPR)",
        (Lang::En, K::SourceInquiry) => "my request about the source of my data (Articles 14 and 15 GDPR)",
        (Lang::De, K::Access) => "mein Auskunftsersuchen (Art. 15 DSGVO)",
        (Lang::De, K::Objection) => "meinen Widerspruch (Art. 21 DSGVO)",
        (Lang::De, K::Erasure) => "meinen Löschantrag (Art. 17 DSGVO)",
        (Lang::De, K::Combined) => {
            "mein Auskunftsersuchen, meinen Widerspruch und meinen Löschantrag (Art. 15, 21 und 17 DSGVO)"
        }
        (Lang::De, K::SourceInquiry) => "meine Anfrage zur Herkunft meiner Daten (Art. 14 und 15 DSGVO)",
    }
}

/// A chronology row for sending: "Envoi de ma demande d'accès (…) par courrier électronique".
pub(super) fn sent_event(kind: RequestKind, channel: Channel, lang: Lang) -> String {
    use RequestKind as K;
    let how = match (lang, channel) {
        (Lang::Fr, Channel::Email) => "par courrier électronique",
        (Lang::Fr, Channel::RegisteredPost) => "par lettre recommandée avec avis de réception",
        (Lang::Fr, Channel::WebForm) => "par le formulaire en ligne de la société",
        (Lang::En, Channel::Email) => "by email",
        (Lang::En, Channel::RegisteredPost) => "by registered letter with acknowledgement of receipt",
        (Lang::En, Channel::WebForm) => "through the company's online form",
        (Lang::De, Channel::Email) => "per E-Mail",
        (Lang::De, Channel::RegisteredPost) => "per Einschreiben mit Rückschein",
        (Lang::De, Channel::WebForm) => "über das Online-Formular des Unternehmens",
    };
    match lang {
        Lang::Fr => format!("Envoi de {} {how}", request(kind, lang)),
        Lang::En => format!("Sent {} {how}", request(kind, lang)),
        // A table row reads best without the possessive: "Auskunftsersuchen (…) per E-Mail übermittelt".
        Lang::De => {
            let what = match kind {
                K::Access => "Auskunftsersuchen (Art. 15 DSGVO)",
                K::Objection => "Widerspruch (Art. 21 DSGVO)",
                K::Erasure => "Löschantrag (Art. 17 DSGVO)",
                K::Combined => "Auskunftsersuchen, Widerspruch und Löschantrag (Art. 15, 21 und 17 DSGVO)",
                K::SourceInquiry => "Anfrage zur Herkunft meiner Daten (Art. 14 und 15 DSGVO)",
            };
            format!("{what} {how} übermittelt")
        }
    }
}

/// An answer, as a chronology event.
pub(super) fn answer(kind: AnswerKind, lang: Lang) -> &'static str {
    use AnswerKind as A;
    match (lang, kind) {
        (Lang::Fr, A::Complete) => "Réponse de la société (jugée complète)",
        (Lang::Fr, A::Incomplete) => "Réponse incomplète de la société",
        (Lang::Fr, A::NoDataHeld) => "La société déclare ne détenir aucune donnée me concernant",
        (Lang::Fr, A::Refused) => "La société refuse de faire droit à la demande",
        (Lang::En, A::Complete) => "Reply from the company (considered complete)",
        (Lang::En, A::Incomplete) => "Incomplete reply from the company",
        (Lang::En, A::NoDataHeld) => "The company states that it holds no data about me",
        (Lang::En, A::Refused) => "The company refuses to act on the request",
        (Lang::De, A::Complete) => "Antwort des Unternehmens (als vollständig bewertet)",
        (Lang::De, A::Incomplete) => "Unvollständige Antwort des Unternehmens",
        (Lang::De, A::NoDataHeld) => "Das Unternehmen erklärt, keine Daten zu meiner Person zu speichern",
        (Lang::De, A::Refused) => "Das Unternehmen lehnt den Antrag ab",
    }
}

/// An answer other than an incomplete one, as a sentence of the summary.
pub(super) fn answer_sentence(kind: AnswerKind, on: Date, lang: Lang) -> String {
    use AnswerKind as A;
    let on_ = long_date(on, lang);
    match (lang, kind) {
        (Lang::Fr, _) => format!("Le {on_} : {}.", answer(kind, lang)),
        (Lang::En, A::Complete | A::Incomplete) => format!("On {on_}, the company sent a reply I consider complete."),
        (Lang::En, A::NoDataHeld) => format!("On {on_}, the company stated that it holds no data about me."),
        (Lang::En, A::Refused) => format!("On {on_}, the company refused to act on the request."),
        (Lang::De, A::Complete | A::Incomplete) => {
            format!("Am {on_} hat das Unternehmen geantwortet; die Antwort halte ich für vollständig.")
        }
        (Lang::De, A::NoDataHeld) => {
            format!("Am {on_} hat das Unternehmen erklärt, keine Daten zu meiner Person zu speichern.")
        }
        (Lang::De, A::Refused) => format!("Am {on_} hat das Unternehmen abgelehnt, dem Antrag nachzukommen."),
    }
}

/// " (dossier n° 2)": which case a line belongs to.
pub(super) fn which_case(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(" (dossier n° {id})"),
        Lang::En => format!(" (case no. {id})"),
        Lang::De => format!(" (Vorgang Nr. {id})"),
    }
}

/// "pièce n° 2", "pièces n° 2 et 3"; "Exhibit 2", "Exhibits 2 and 3"; "Anlage 2", "Anlagen 2 und 3".
pub(super) fn exhibit_refs(numbers: &[String], lang: Lang) -> String {
    let (one, many, and) = match lang {
        Lang::Fr => ("pièce n°", "pièces n°", "et"),
        Lang::En => ("Exhibit", "Exhibits", "and"),
        Lang::De => ("Anlage", "Anlagen", "und"),
    };
    match numbers {
        [] => String::new(),
        [n] => format!("{one} {n}"),
        [init @ .., last] => format!("{many} {} {and} {last}", init.join(", ")),
    }
}

/// The labels of a person's fields.
pub(super) struct PersonLabels {
    pub name: &'static str,
    pub address: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub employer: &'static str,
    pub linkedin: &'static str,
}

pub(super) fn person_labels(lang: Lang) -> PersonLabels {
    match lang {
        Lang::Fr => PersonLabels {
            name: "Nom",
            address: "Adresse",
            email: "Adresse électronique",
            phone: "Téléphone",
            employer: "Employeur",
            linkedin: "Profil LinkedIn",
        },
        Lang::En => PersonLabels {
            name: "Name",
            address: "Address",
            email: "Email",
            phone: "Telephone",
            employer: "Employer",
            linkedin: "LinkedIn profile",
        },
        Lang::De => PersonLabels {
            name: "Name",
            address: "Anschrift",
            email: "E-Mail",
            phone: "Telefon",
            employer: "Arbeitgeber",
            linkedin: "LinkedIn-Profil",
        },
    }
}
