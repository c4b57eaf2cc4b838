//! Renders a table of letters and checks the PDFs with real tools: `pdftotext` and `pdffonts`
//! (poppler-utils) and `qpdf`. A missing tool fails the test and says what to install.

mod pdf_tools;

use std::path::{Path, PathBuf};

use pdf_tools::tool;
use redress_core::identity::Lang;
use redress_core::letter::{Block, Letter, LetterKind};
use redress_pdf::{PdfMeta, letter_pdf};

const PAGE_WIDTH_PT: f64 = 595.28;
const PAGE_HEIGHT_PT: f64 = 841.89;
const PT_PER_MM: f64 = 72.0 / 25.4;
/// pdftotext prints boxes to six decimals from its own arithmetic.
const TOLERANCE_PT: f64 = 0.5;

fn created() -> jiff::Timestamp {
    "2026-11-25T09:30:00Z".parse().expect("timestamp")
}

fn base_letter(lang: Lang) -> Letter {
    Letter {
        kind: LetterKind::Access,
        lang,
        sender: vec![
            "Zoé Martin".into(),
            "12 rue de la République".into(),
            "69002 Lyon".into(),
            "zoe@example.fr".into(),
            "+33 6 12 34 56 78".into(),
        ],
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
        subject: "Demande d'accès à mes données personnelles (article 15 du RGPD)".into(),
        body: vec![
            Block::Paragraph("Madame, Monsieur,".into()),
            Block::Paragraph(
                "Je vous demande, en application de l'article 15 du RGPD, « toute information disponible \
                 quant à leur source » et la liste des destinataires de mes données."
                    .into(),
            ),
            Block::Heading("Informations demandées".into()),
            Block::Item("les finalités du traitement ;".into()),
            Block::Item("les catégories de données concernées ;".into()),
            Block::Paragraph("Caractères : é è à ç ü ß € „Anführungszeichen“".into()),
            Block::Paragraph("Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.".into()),
        ],
        signature: vec!["Zoé Martin".into()],
        notices: vec!["NOTICE-NOT-PRINTED: no e-mail address known".into()],
        file_stem: "kaspr-access-fr".into(),
    }
}

fn long_letter(lang: Lang, paragraphs: usize) -> Letter {
    let mut letter = base_letter(lang);
    letter.body = (1..=paragraphs)
        .map(|i| {
            Block::Paragraph(format!(
                "Paragraph {i}. The controller shall provide a copy of the personal data undergoing \
                 processing, and the information listed in Article 15(1), within one month."
            ))
        })
        .collect();
    letter
}

const LONG_NAME: &str = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen\
    schafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeindewelchevoralternzwolf\
    tausendjahresvorandieerscheinenvanderersteerdemenschderraumschiffgenacht";

fn long_url() -> String {
    let url = format!("https://privacy.example.com/requests/{}?ref=gdpr&lang=fr", "a1b2c3d4e5".repeat(26));
    assert!(url.len() >= 300);
    url
}

fn hostile_letter() -> Letter {
    assert!(LONG_NAME.chars().count() >= 200);
    let mut letter = base_letter(Lang::En);
    letter.sender[0] = LONG_NAME.into();
    letter.signature = vec![LONG_NAME.into(), "محمد بن سلمان 🦀".into()];
    letter.recipient = vec![
        "شركة البيانات المحدودة".into(),
        "לכבוד ממונה הגנת הפרטיות".into(),
        LONG_NAME.into(),
        "🏢🏢🏢 Tower 👩‍💻 Floor\u{FE0F}\u{200D} 42".into(),
    ];
    letter.place_date = format!("{LONG_NAME}, 25 November 2026");
    letter.registered_line = Some(format!("Registered letter {LONG_NAME}"));
    letter.subject = format!("Access request 😀🔥 {LONG_NAME} {}", long_url());
    letter.body = vec![
        Block::Paragraph(format!("See {} for the form.", long_url())),
        Block::Item(long_url()),
        Block::Item(format!("{LONG_NAME}{LONG_NAME}")),
        Block::Heading(format!("عنوان {LONG_NAME}")),
        Block::Paragraph("مرحبا، أطلب الوصول إلى بياناتي الشخصية وفقًا للمادة ١٥. שלום עולם 👋🏽 e\u{301}\u{302}".into()),
        Block::Paragraph(String::new()),
        Block::Paragraph("   ".into()),
        Block::Paragraph(format!("{}{}", "x".repeat(2000), " word".repeat(300))),
    ];
    letter
}

fn mandate_without_recipient() -> Letter {
    let mut letter = base_letter(Lang::De);
    letter.kind = LetterKind::Mandate;
    letter.recipient = vec![];
    letter.registered_line = None;
    letter.subject = "Vollmacht".into();
    letter.place_date = "Berlin, 25. November 2026".into();
    letter
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pages {
    One,
    /// More than one, each numbered "Page i of N" in the letter's language.
    Numbered {
        at_least: usize,
    },
}

struct Case {
    name: &'static str,
    letter: Letter,
    pages: Pages,
    /// Must appear in `pdftotext -layout` output.
    text: Vec<String>,
    /// Must appear with all whitespace removed: long words and URLs broken across lines lose
    /// nothing.
    unbroken: Vec<String>,
    /// Must not appear.
    absent: Vec<String>,
}

fn cases() -> Vec<Case> {
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        Case {
            name: "french letter with accents and guillemets",
            letter: base_letter(Lang::Fr),
            pages: Pages::One,
            text: s(&[
                "Zoé Martin",
                "12 rue de la République",
                "69002 Lyon",
                "zoe@example.fr",
                "Kaspr SAS",
                "27 rue du Faubourg Montmartre",
                "75009 Paris",
                "Lyon, le 25 novembre 2026",
                "Lettre recommandée avec avis de réception",
                "Objet : Demande d'accès",
                "« toute information disponible",
                "é è à ç ü ß €",
                "„Anführungszeichen“",
                "• les finalités du traitement ;",
                "Informations demandées",
            ]),
            unbroken: vec![],
            absent: s(&["NOTICE-NOT-PRINTED", "privacy@kaspr.io", "Page 1"]),
        },
        Case {
            name: "english letter",
            letter: base_letter(Lang::En),
            pages: Pages::One,
            text: s(&["Subject: Demande d'accès"]),
            unbroken: vec![],
            absent: s(&["Objet", "Page 1"]),
        },
        Case {
            name: "long french letter",
            letter: long_letter(Lang::Fr, 60),
            pages: Pages::Numbered { at_least: 3 },
            text: s(&["Paragraph 1.", "Paragraph 60."]),
            unbroken: vec![],
            absent: vec![],
        },
        Case {
            name: "long english letter",
            letter: long_letter(Lang::En, 60),
            pages: Pages::Numbered { at_least: 3 },
            text: vec![],
            unbroken: vec![],
            absent: vec![],
        },
        Case {
            name: "long german letter",
            letter: long_letter(Lang::De, 60),
            pages: Pages::Numbered { at_least: 3 },
            text: vec![],
            unbroken: vec![],
            absent: s(&["Betreff"]),
        },
        Case {
            name: "hostile values",
            letter: hostile_letter(),
            pages: Pages::Numbered { at_least: 2 },
            // Right-to-left words are drawn in visual order, so extraction gives them back in
            // logical order.
            text: s(&["Tower", "Floor 42", "לכבוד ממונה הגנת הפרטיות", "محمد بن سلمان", "שלום עולם"]),
            unbroken: vec![LONG_NAME.to_string(), long_url(), format!("{LONG_NAME}{LONG_NAME}"), "x".repeat(2000)],
            absent: vec![],
        },
        Case {
            name: "mandate without recipient",
            letter: mandate_without_recipient(),
            pages: Pages::One,
            text: s(&["Berlin, 25. November 2026", "Vollmacht", "Zoé Martin"]),
            unbroken: vec![],
            absent: s(&["Kaspr"]),
        },
    ]
}

fn write_pdf(dir: &Path, name: &str, letter: &Letter) -> PathBuf {
    let bytes = letter_pdf(letter, &PdfMeta::new(created())).unwrap_or_else(|e| panic!("{name}: {e}"));
    let path = dir.join(format!("{}.pdf", name.replace(' ', "-")));
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

fn page_label(lang: Lang, page: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Page {page} of {of}"),
        Lang::Fr => format!("Page {page} sur {of}"),
        Lang::De => format!("Seite {page} von {of}"),
    }
}

/// Every word's box from `pdftotext -bbox`: (page, xMin, yMin, xMax, yMax, text).
fn word_boxes(path: &str) -> Vec<(usize, [f64; 4], String)> {
    let html = tool("pdftotext", &["-bbox", path, "-"]);
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else { continue };
        let attr = |name: &str| -> f64 {
            let start = rest.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
            let end = start + rest[start..].find('"').expect("quote");
            rest[start..end].parse().expect("number")
        };
        let text = rest.split_once('>').map_or("", |(_, t)| t.trim_end_matches("</word>"));
        words.push((page, [attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")], text.to_string()));
    }
    words
}

#[test]
fn letters_render_as_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    for case in cases() {
        let name = case.name;
        let path = write_pdf(dir.path(), name, &case.letter);
        let path = path.to_str().expect("utf-8 path");

        let check = tool("qpdf", &["--check", path]);
        assert!(check.contains("No syntax or stream encoding errors"), "{name}: {check}");

        let pages: usize = tool("qpdf", &["--show-npages", path]).trim().parse().expect("page count");
        let text = tool("pdftotext", &["-layout", path, "-"]);
        match case.pages {
            Pages::One => assert_eq!(pages, 1, "{name}"),
            Pages::Numbered { at_least } => {
                assert!(pages >= at_least, "{name}: {pages} pages");
                for page in 1..=pages {
                    let n = page.to_string();
                    let page_text = tool("pdftotext", &["-layout", "-f", &n, "-l", &n, path, "-"]);
                    let label = page_label(case.letter.lang, page, pages);
                    assert!(page_text.contains(&label), "{name}: no {label:?} on page {page}:\n{page_text}");
                }
            }
        }
        for expected in &case.text {
            assert!(text.contains(expected.as_str()), "{name}: {expected:?} missing from:\n{text}");
        }
        for absent in &case.absent {
            assert!(!text.contains(absent.as_str()), "{name}: {absent:?} should not be printed:\n{text}");
        }
        // Page numbers sit between the last line of a page and the first of the next.
        let raw = tool("pdftotext", &["-raw", path, "-"]);
        let is_label = |l: &str| (1..=pages).any(|p| l.trim() == page_label(case.letter.lang, p, pages));
        let squeezed: String =
            raw.lines().filter(|l| !is_label(l)).flat_map(str::chars).filter(|c| !c.is_whitespace()).collect();
        for expected in &case.unbroken {
            assert!(squeezed.contains(expected.as_str()), "{name}: {expected:?} lost from:\n{raw}");
        }

        // Nothing outside the margins: 25 mm left, 20 mm right; the page numbers sit in the
        // bottom margin, 12 mm from the edge.
        let (left, right) = (25.0 * PT_PER_MM - TOLERANCE_PT, PAGE_WIDTH_PT - 20.0 * PT_PER_MM + TOLERANCE_PT);
        let (top, bottom) = (15.0 * PT_PER_MM, PAGE_HEIGHT_PT - 10.0 * PT_PER_MM);
        let words = word_boxes(path);
        assert!(words.len() > 20, "{name}: only {} words", words.len());
        for (page, [x_min, y_min, x_max, y_max], word) in &words {
            assert!(*x_min >= left && *x_max <= right, "{name}: {word:?} on page {page} spans x {x_min}..{x_max}");
            assert!(*y_min >= top && *y_max <= bottom, "{name}: {word:?} on page {page} spans y {y_min}..{y_max}");
        }
    }
}

#[test]
fn every_font_is_embedded_as_a_subset() {
    let dir = tempfile::tempdir().expect("tempdir");
    for case in cases() {
        let path = write_pdf(dir.path(), case.name, &case.letter);
        let fonts = tool("pdffonts", &[path.to_str().expect("utf-8 path")]);
        // name, type..., encoding, emb, sub, uni, object, generation: read from the right, the
        // type ("CID TrueType") has a space in it.
        let rows: Vec<Vec<&str>> = fonts.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
        assert!(!rows.is_empty(), "{}: no fonts:\n{fonts}", case.name);
        for row in rows {
            let n = row.len();
            assert!(n >= 7, "{}: {row:?}", case.name);
            let (emb, sub, uni) = (row[n - 5], row[n - 4], row[n - 3]);
            assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{}: {row:?}", case.name);
            assert!(row[0].contains("+DejaVuSans"), "{}: {row:?}", case.name);
        }
    }
}

#[test]
fn same_input_gives_the_same_bytes() {
    for case in cases() {
        let meta = PdfMeta::new(created());
        let first = letter_pdf(&case.letter, &meta).expect("pdf");
        let second = letter_pdf(&case.letter, &meta).expect("pdf");
        assert!(first == second, "{}: two renderings differ", case.name);
        let later = PdfMeta::new(created() + jiff::SignedDuration::from_hours(1));
        assert!(letter_pdf(&case.letter, &later).expect("pdf") != first, "{}: date not in the file", case.name);
    }
}

#[test]
fn metadata_has_title_date_and_producer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let letter = base_letter(Lang::Fr);
    let path = write_pdf(dir.path(), "meta", &letter);
    let info = tool("pdfinfo", &["-isodates", path.to_str().expect("utf-8 path")]);
    assert!(info.contains("Title:           Demande d'accès à mes données personnelles"), "{info}");
    assert!(info.contains("Producer:        Redress") && info.contains("Creator:         Redress"), "{info}");
    assert!(info.contains("CreationDate:    2026-11-25T09:30:00Z"), "{info}");
    assert!(!info.contains("PDF/A") && !info.contains("PDF/X"), "{info}");

    let titled = PdfMeta { created: created(), title: Some("Zoé — accès".into()) };
    let path = dir.path().join("titled.pdf");
    std::fs::write(&path, letter_pdf(&letter, &titled).expect("pdf")).expect("write");
    let info = tool("pdfinfo", &[path.to_str().expect("utf-8 path")]);
    assert!(info.contains("Title:           Zoé — accès"), "{info}");
}
