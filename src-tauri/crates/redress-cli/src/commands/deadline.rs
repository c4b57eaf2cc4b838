//! `redress deadline`.

use std::fmt::Write;

use jiff::civil::Date;
use redress_core::deadline::{Calendar, SUPPORTED_COUNTRIES, Step, extended, one_month};

use crate::error::CliError;
use crate::output::{print, print_json};

pub fn run(day: Date, country: &str, is_extended: bool, json: bool) -> Result<(), CliError> {
    let calendar = Calendar::for_country(country).ok_or_else(|| {
        CliError::Usage(format!(
            "--country {country:?}: Redress knows the public holidays of {}; for another country use the closest one and check the date",
            SUPPORTED_COUNTRIES.join(", ")
        ))
    })?;
    let dl = if is_extended { extended(day, &calendar)? } else { one_month(day, &calendar)? };
    if json {
        let steps: Vec<serde_json::Value> = dl
            .steps
            .iter()
            .map(|s| {
                let mut v = serde_json::to_value(s).expect("steps serialise");
                v["explanation"] = serde_json::Value::String(s.explain());
                v
            })
            .collect();
        return print_json(&serde_json::json!({
            "received": dl.received.to_string(),
            "country": dl.country,
            "extended": is_extended,
            "nominal_end": dl.nominal_end.to_string(),
            "due": dl.due.to_string(),
            "steps": steps,
        }));
    }
    let mut out = String::new();
    let due = Step::Due { due: dl.due }.explain();
    let _ = writeln!(out, "{due}");
    let _ = writeln!(
        out,
        "{} for a controller in {} (public holidays of that country).\n\nHow it was counted:",
        if is_extended {
            "Extended deadline (Art. 12(3): two further months, announced within the first month)"
        } else {
            "One month from receipt (Art. 12(3) GDPR)"
        },
        dl.country
    );
    for (i, s) in dl.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, s.explain());
    }
    print(&out)
}
