//! Renders 128 letters (a different sender each, a body of about a page and a half) and prints
//! the total and per-letter time.
//!
//! ```text
//! cargo run -p redress-pdf --example pdf_bench [--release] [-- --write DIR]
//! ```
//!
//! With `--write DIR` the first letter of each language is also written there, to look at.

use std::time::Instant;

use redress_core::identity::Lang;
use redress_core::letter::{Block, Letter, LetterKind};
use redress_pdf::{PdfMeta, letter_pdf};

const LETTERS: usize = 128;

const FIRST_NAMES: [&str; 8] = ["Zoé", "Jürgen", "Anaïs", "Bartholomew", "Łucja", "François", "Ines", "Søren"];
const LAST_NAMES: [&str; 8] = ["Martin", "Müller", "Nguyễn", "O'Brien", "Dąbrowska", "Lefèvre", "García", "Ødegaard"];

fn letter(i: usize) -> Letter {
    let name = format!("{} {}", FIRST_NAMES[i % 8], LAST_NAMES[(i / 8) % 8]);
    let lang = [Lang::Fr, Lang::En, Lang::De][i % 3];
    let mut body = vec![Block::Paragraph("Madame, Monsieur,".into())];
    body.push(Block::Paragraph(
        "En application de l'article 15 du Règlement général sur la protection des données (RGPD), je vous \
         demande de me communiquer l'ensemble des données à caractère personnel me concernant que vous traitez, \
         ainsi que les informations suivantes :"
            .into(),
    ));
    for item in [
        "les finalités du traitement et les catégories de données concernées ;",
        "les destinataires ou catégories de destinataires auxquels les données ont été ou seront communiquées, \
         en particulier les clients auxquels vous avez vendu ou loué mes coordonnées ;",
        "la durée de conservation envisagée ou, à défaut, les critères utilisés pour la déterminer ;",
        "la source exacte des données (« toute information disponible quant à leur source », article 15.1.g) ;",
        "l'existence d'une prise de décision automatisée, y compris un profilage.",
    ] {
        body.push(Block::Item(item.into()));
    }
    for _ in 0..6 {
        body.push(Block::Paragraph(
            "Je vous rappelle que vous disposez d'un délai d'un mois à compter de la réception de la présente \
             demande pour y répondre (article 12.3 du RGPD). À défaut de réponse dans ce délai, je me réserve le \
             droit de saisir la Commission nationale de l'informatique et des libertés (CNIL) d'une réclamation."
                .into(),
        ));
    }
    body.push(Block::Heading("Opposition à la prospection".into()));
    body.push(Block::Paragraph(
        "Je m'oppose par ailleurs, sur le fondement de l'article 21.2 du RGPD, à tout traitement de mes données \
         à des fins de prospection commerciale, y compris le profilage lié à une telle prospection."
            .into(),
    ));
    body.push(Block::Paragraph(
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.".into(),
    ));
    Letter {
        kind: LetterKind::Combined,
        lang,
        sender: vec![name.clone(), "12 rue de la République".into(), "69002 Lyon".into(), "zoe@example.fr".into()],
        recipient: vec![
            "Kaspr SAS".into(),
            "À l'attention du délégué à la protection des données".into(),
            "27 rue du Faubourg Montmartre".into(),
            "75009 Paris".into(),
        ],
        to_email: Some("privacy@kaspr.io".into()),
        from_email: Some("zoe@example.fr".into()),
        place_date: "Lyon, le 25 novembre 2026".into(),
        registered_line: Some("Lettre recommandée avec avis de réception".into()),
        subject: "Demande d'accès, d'opposition et d'effacement (articles 15, 17 et 21 du RGPD)".into(),
        body,
        signature: vec![name],
        notices: vec![],
        file_stem: format!("kaspr-combined-{i}"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let write_dir = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1));
    let letters: Vec<Letter> = (0..LETTERS).map(letter).collect();
    let meta = PdfMeta::new("2026-11-25T09:30:00Z".parse()?);

    // The first letter also parses the fonts, once per process.
    let start = Instant::now();
    letter_pdf(&letters[0], &meta)?;
    println!("first letter (includes parsing the fonts): {:.1} ms", start.elapsed().as_secs_f64() * 1e3);

    let start = Instant::now();
    let mut bytes = 0;
    let mut outputs = Vec::new();
    for letter in &letters {
        let pdf = letter_pdf(letter, &meta)?;
        bytes += pdf.len();
        if outputs.len() < 3 {
            outputs.push(pdf);
        }
    }
    let total = start.elapsed();
    println!(
        "{LETTERS} letters in {:.1} ms: {:.2} ms per letter, {} KiB per PDF on average",
        total.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / LETTERS as f64,
        bytes / LETTERS / 1024
    );

    if let Some(dir) = write_dir {
        std::fs::create_dir_all(dir)?;
        for (pdf, lang) in outputs.iter().zip(["fr", "en", "de"]) {
            let path = std::path::Path::new(dir).join(format!("letter-{lang}.pdf"));
            std::fs::write(&path, pdf)?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
