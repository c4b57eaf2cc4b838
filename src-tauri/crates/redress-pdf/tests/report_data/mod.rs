//! Reports and exhibit files for the report tests and the report benchmark
//! (`examples/report_bench.rs` includes this file).

#![allow(dead_code)]

use redress_core::identity::Lang;
use redress_core::letter::{Block, Letter, LetterKind};
use redress_core::report::{Exhibit, ExhibitContent, Report, ReportBlock, ReportSection, ReportWords};
use redress_pdf::{PdfMeta, letter_pdf};

/// A page of a letter, scanned at 40 dpi by `pdftoppm -jpeg` (RGB, 331 x 467).
pub const SCAN_JPEG: &[u8] = include_bytes!("../fixtures/letter-scan.jpg");

pub fn created() -> jiff::Timestamp {
    "2026-11-25T09:30:00Z".parse().expect("timestamp")
}

pub fn words() -> ReportWords {
    ReportWords {
        page: "Page".into(),
        of: "sur".into(),
        exhibit: "Pièce n°".into(),
        exhibit_unreadable: "Ce fichier n'a pas pu être lu ; il est joint séparément.".into(),
    }
}

pub fn report(sections: Vec<ReportSection>, exhibits: Vec<Exhibit>) -> Report {
    Report {
        title: "Réclamation auprès de la CNIL — Kaspr SAS".into(),
        cover_lines: vec![
            "Plaignante : Zoé Martin, 12 rue de la République, 69002 Lyon".into(),
            "Organisme mis en cause : KASPR SAS (SIREN 123 456 789)".into(),
            "Lyon, le 25 novembre 2026".into(),
        ],
        author: "Zoé Martin".into(),
        lang: "fr".into(),
        words: words(),
        sections,
        exhibits,
    }
}

fn p(text: &str) -> ReportBlock {
    ReportBlock::Paragraph { text: text.into() }
}

fn item(text: &str) -> ReportBlock {
    ReportBlock::Item { text: text.into() }
}

fn sub(text: &str) -> ReportBlock {
    ReportBlock::Subheading { text: text.into() }
}

const LOREM: &str = "Le responsable du traitement n'a pas répondu dans le délai d'un mois prévu à l'article 12.3 \
    du RGPD, alors que la demande d'accès lui a été adressée par lettre recommandée et par courrier électronique, \
    et qu'il a continué à vendre mes coordonnées professionnelles à ses clients.";

/// A table of `rows` dated events, with a long cell now and then.
pub fn events_table(rows: usize) -> ReportBlock {
    ReportBlock::Table {
        header: vec!["Date".into(), "Événement".into(), "Pièce".into(), "Moyen".into()],
        widths: vec![2, 6, 1, 2],
        rows: (1..=rows)
            .map(|i| {
                let event = if i % 7 == 0 {
                    format!("Événement {i} : relance après silence ; {LOREM}")
                } else {
                    format!("Événement {i} : courriel reçu de l'éditeur")
                };
                vec![
                    format!("{:02}/{:02}/2026", 1 + i % 28, 1 + i % 12),
                    event,
                    format!("{}", 1 + i % 40),
                    "courriel".into(),
                ]
            })
            .collect(),
    }
}

/// Ten sections: paragraphs, lists, sub-headings, fields, a `table_rows`-row table.
pub fn sections(table_rows: usize) -> Vec<ReportSection> {
    let section =
        |title: &str, new_page: bool, blocks: Vec<ReportBlock>| ReportSection { title: title.into(), new_page, blocks };
    vec![
        section(
            "1. Identité de la plaignante",
            false,
            vec![ReportBlock::Fields {
                rows: vec![
                    ("Nom".into(), "Zoé Martin".into()),
                    ("Adresse".into(), "12 rue de la République, 69002 Lyon, France".into()),
                    ("Courriel".into(), "zoe.martin@example.fr".into()),
                    ("Qualité".into(), "Personne concernée, agissant en son nom propre".into()),
                ],
            }],
        ),
        section(
            "2. Organisme mis en cause",
            false,
            vec![ReportBlock::Fields {
                rows: vec![
                    ("Raison sociale".into(), "KASPR SAS".into()),
                    ("SIREN".into(), "123 456 789".into()),
                    ("Siège".into(), "27 rue du Faubourg Montmartre, 75009 Paris".into()),
                    ("Délégué à la protection des données".into(), "dpo@kaspr.example — aucune réponse".into()),
                ],
            }],
        ),
        section("3. Exposé des faits", true, vec![p(LOREM), p(LOREM), sub("Premiers contacts"), p(LOREM)]),
        section(
            "4. Demandes adressées",
            false,
            vec![
                p("Les demandes suivantes ont été adressées à l'organisme :"),
                item("demande d'accès (article 15 du RGPD) le 3 mars 2026 ;"),
                item("opposition à la prospection (article 21.2) le 3 mars 2026 ;"),
                item("demande d'effacement (article 17) le 4 avril 2026, restée sans réponse malgré deux relances."),
            ],
        ),
        section("5. Chronologie", true, vec![p("Chronologie des échanges :"), events_table(table_rows)]),
        section("6. Manquements allégués", true, vec![sub("Article 12.3"), p(LOREM), sub("Article 14"), p(LOREM)]),
        section("7. Préjudice", false, vec![p(LOREM), p(LOREM)]),
        section(
            "8. Mesures demandées",
            false,
            vec![item("enjoindre à l'organisme de répondre ;"), item("prononcer une sanction proportionnée.")],
        ),
        section(
            "9. Liste des pièces",
            true,
            vec![p("Les pièces jointes sont numérotées dans l'ordre de leur citation.")],
        ),
        section("10. Signature", false, vec![p("Fait à Lyon, le 25 novembre 2026."), p("Zoé Martin")]),
    ]
}

/// A letter as a PDF: `paragraphs` paragraphs (one page up to about 8).
pub fn letter_exhibit(i: usize, paragraphs: usize) -> Vec<u8> {
    let letter = Letter {
        kind: LetterKind::Access,
        lang: Lang::Fr,
        sender: vec![format!("Zoé Martin {i}"), "12 rue de la République".into(), "69002 Lyon".into()],
        recipient: vec!["Kaspr SAS".into(), "27 rue du Faubourg Montmartre".into(), "75009 Paris".into()],
        to_email: None,
        from_email: None,
        place_date: "Lyon, le 3 mars 2026".into(),
        registered_line: Some("Lettre recommandée avec avis de réception".into()),
        subject: format!("Demande d'accès numéro {i}"),
        body: (1..=paragraphs).map(|k| Block::Paragraph(format!("Paragraphe {k} de la lettre {i}. {LOREM}"))).collect(),
        signature: vec!["Zoé Martin".into()],
        notices: vec![],
        file_stem: format!("letter-{i}"),
    };
    letter_pdf(&letter, &PdfMeta::new(created())).expect("letter pdf")
}

/// An e-mail with headers and a body of `lines` lines.
pub fn email(i: usize, lines: usize) -> ExhibitContent {
    let mut body = String::from("Bonjour,\n\nNous accusons réception de votre demande.\n\n");
    for k in 1..=lines {
        body.push_str(&format!("Ligne {k} du courriel {i} : « données » traitées conformément à la politique.\n"));
    }
    body.push_str("\n-- \nService conformité, Kaspr SAS\n");
    ExhibitContent::Text {
        headers: vec![
            ("De".into(), "privacy@kaspr.example".into()),
            ("À".into(), "zoe.martin@example.fr".into()),
            ("Date".into(), format!("{} mars 2026 10:{:02}", 1 + i % 28, i % 60)),
            ("Objet".into(), format!("Re: Demande d'accès numéro {i}")),
        ],
        body,
    }
}

/// A `w` x `h` PNG: a colour gradient, with a varying alpha channel if `alpha`.
pub fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
    let channels = if alpha { 4 } else { 3 };
    let mut pixels = Vec::with_capacity((w * h) as usize * channels);
    for y in 0..h {
        for x in 0..w {
            pixels.extend_from_slice(&[(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 160]);
            if alpha {
                pixels.push(if (x / 16 + y / 16) % 2 == 0 { 255 } else { 96 });
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(if alpha { png::ColorType::Rgba } else { png::ColorType::Rgb });
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("png header");
    writer.write_image_data(&pixels).expect("png data");
    writer.finish().expect("png end");
    out
}

/// `jpeg` with an EXIF block saying it is to be shown with `orientation` (1 to 8).
pub fn with_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    let tiff = [b"MM\0\x2a\0\0\0\x08\0\x01".as_slice(), &[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]].concat();
    let app1 = [b"Exif\0\0".as_slice(), &tiff].concat();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(app1.len() + 2).expect("short").to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A PDF from another producer: two pages, the first US Letter turned a quarter (`/Rotate 90`),
/// the second A5 with its media box away from the origin; resources and media box inherited
/// from the page tree; the standard Helvetica font, not embedded.
pub fn foreign_pdf() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let content = |text: &str, x: i64, y: i64| {
        Stream::new(dictionary! {}, format!("BT /F1 18 Tf {x} {y} Td ({text}) Tj ET").into_bytes())
    };
    let c1 = doc.add_object(content("Rotated page one", 72, 500));
    let c2 = doc.add_object(content("Offset page two", 100, 400));
    let p1 = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => c1, "Rotate" => 90 });
    let p2 = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => c2,
        "MediaBox" => vec![50.into(), 50.into(), 470.into(), 645.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![p1.into(), p2.into()], "Count" => 2,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// A PNG whose image data has been damaged (the chunk checksum no longer matches).
pub fn corrupted_png() -> Vec<u8> {
    let mut file = png(40, 30, false);
    let n = file.len();
    file[n - 20] ^= 0x5A;
    file
}

fn exhibit(number: u32, title: &str, content: ExhibitContent) -> Exhibit {
    Exhibit {
        number,
        title: title.into(),
        source: format!("piece-{number}.bin — SHA-256 {}", format!("{number:02x}").repeat(32)),
        content,
    }
}

/// The benchmark dossier: ten sections (a 60-row table among them) and 40 exhibits: 15 letter
/// PDFs, 15 e-mails, 10 images (PNG with and without alpha, JPEG, JPEG turned by EXIF).
pub fn dossier() -> Report {
    let mut exhibits = Vec::new();
    for i in 0..40u32 {
        let n = i + 1;
        let content = match i % 8 {
            0 | 3 | 6 => ExhibitContent::Pdf { bytes: letter_exhibit(n as usize, 2 + (i as usize % 4) * 6) },
            1 | 4 | 7 => email(n as usize, 10 + (i as usize % 5) * 15),
            _ => ExhibitContent::Image {
                bytes: match (i / 8 + if i % 8 == 5 { 2 } else { 0 }) % 4 {
                    0 => png(640, 400, false),
                    1 => png(300, 500, true),
                    2 => SCAN_JPEG.to_vec(),
                    _ => with_orientation(SCAN_JPEG, 6),
                },
            },
        };
        let title = match &content {
            ExhibitContent::Pdf { .. } | ExhibitContent::Letter(_) => format!("Lettre recommandée n° {n}"),
            ExhibitContent::Text { .. } => format!("Courriel de Kaspr n° {n}"),
            ExhibitContent::Image { .. } => format!("Capture d'écran n° {n}"),
        };
        exhibits.push(exhibit(n, &title, content));
    }
    report(sections(60), exhibits)
}

/// Exhibits for the tests: a letter PDF, an e-mail, a PNG, a JPEG, a foreign PDF, and broken
/// files.
pub fn test_exhibit(number: u32, title: &str, content: ExhibitContent) -> Exhibit {
    exhibit(number, title, content)
}
