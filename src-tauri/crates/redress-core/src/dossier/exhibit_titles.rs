//! The titles of a complaint's exhibits, in the complaint's language: the mandate, a request
//! reproduced from its case when no proof of sending is kept, a proof of sending, a reply.

use jiff::civil::Date;

use crate::identity::Lang;
use crate::letter::long_date;

/// "Mandat signé par Zoé Martin".
pub fn mandate(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Fr => format!("Mandat signé par {name}"),
        Lang::En => format!("Mandate signed by {name}"),
        Lang::De => format!("Von {name} unterzeichnete Vollmacht"),
    }
}

/// The request, reproduced by Redress from case `case` because no proof of it is kept.
pub fn reproduced_request(lang: Lang, on: Date, case: i64) -> String {
    let d = long_date(on, lang);
    match lang {
        Lang::Fr => format!("Ma demande du {d} (texte reproduit par Redress à partir du dossier n° {case})"),
        Lang::En => format!("My request of {d} (text reproduced by Redress from case no. {case})"),
        Lang::De => format!("Mein Schreiben vom {d} (von Redress aus Vorgang Nr. {case} wiedergegeben)"),
    }
}

/// Where a reproduced request comes from, for the list of exhibits.
pub fn reproduced_request_source(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "texte de la demande reproduit par Redress",
        Lang::En => "text of the request reproduced by Redress",
        Lang::De => "von Redress wiedergegebener Text des Schreibens",
    }
}

/// A proof that the request dated `dated` was sent.
pub fn proof_of_sending(lang: Lang, dated: Option<Date>) -> String {
    match (lang, dated.map(|d| long_date(d, lang))) {
        (Lang::Fr, Some(d)) => format!("Preuve de l'envoi de ma demande du {d}"),
        (Lang::Fr, None) => "Preuve de l'envoi de ma demande".into(),
        (Lang::En, Some(d)) => format!("Proof of sending of my request of {d}"),
        (Lang::En, None) => "Proof of sending of my request".into(),
        (Lang::De, Some(d)) => format!("Versandnachweis für mein Schreiben vom {d}"),
        (Lang::De, None) => "Versandnachweis für mein Schreiben".into(),
    }
}

/// The company's reply dated `dated`.
pub fn reply(lang: Lang, dated: Option<Date>) -> String {
    match (lang, dated.map(|d| long_date(d, lang))) {
        (Lang::Fr, Some(d)) => format!("Réponse de la société du {d}"),
        (Lang::Fr, None) => "Réponse de la société".into(),
        (Lang::En, Some(d)) => format!("Reply from the company of {d}"),
        (Lang::En, None) => "Reply from the company".into(),
        (Lang::De, Some(d)) => format!("Antwort des Unternehmens vom {d}"),
        (Lang::De, None) => "Antwort des Unternehmens".into(),
    }
}
