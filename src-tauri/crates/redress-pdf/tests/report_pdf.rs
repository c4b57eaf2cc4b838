//! Renders reports (the complaint dossier, with merged PDF exhibits, e-mails, images, broken
//! files, a huge text) and checks the PDFs with real tools: `pdftotext`, `pdffonts`,
//! `pdfinfo`, `pdfimages` (poppler-utils) and `qpdf`. A missing tool fails the test and says
//! what to install.

mod pdf_tools;
mod report_data;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use pdf_tools::{path_str, tool};
use redress_core::report::{ExhibitContent, Report, ReportBlock, ReportSection};
use redress_pdf::{PdfMeta, ReportPdf, report_pdf};
use report_data::{
    SCAN_JPEG, corrupted_png, created, dossier, email, foreign_pdf, letter_exhibit, png, report, sections,
    test_exhibit, with_orientation,
};

const PAGE_WIDTH_PT: f64 = 595.28;
const PAGE_HEIGHT_PT: f64 = 841.89;
const PT_PER_MM: f64 = 72.0 / 25.4;
/// pdftotext prints boxes to six decimals from its own arithmetic.
const TOLERANCE_PT: f64 = 0.5;

#[derive(Debug, Clone, Copy)]
enum Pages {
    Exactly(usize),
    AtLeast(usize),
}

struct Case {
    name: &'static str,
    report: Report,
    pages: Pages,
    /// Must appear in `pdftotext -layout` output.
    text: Vec<String>,
    /// One per expected warning, in order: a part of it.
    warnings: Vec<&'static str>,
    /// Fonts other than our DejaVu subsets that may appear (from merged exhibits).
    foreign_fonts: &'static [&'static str],
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn cases() -> Vec<Case> {
    let huge_body: String =
        (1..=5000).map(|i| format!("Ligne {i} du journal d'accès : requête reçue, réponse envoyée.\n")).collect();
    vec![
        Case {
            name: "dossier",
            report: dossier(),
            pages: Pages::AtLeast(60),
            text: s(&[
                "Réclamation auprès de la CNIL — Kaspr SAS",
                "Organisme mis en cause : KASPR SAS (SIREN 123 456 789)",
                "Raison sociale",
                "27 rue du Faubourg Montmartre, 75009 Paris",
                "Délégué à la protection",
                "Premiers contacts",
                "• demande d'accès (article 15 du RGPD) le 3 mars 2026 ;",
                "Événement 1 : courriel reçu de l'éditeur",
                "Événement 60 : courriel reçu de l'éditeur",
                "Date",
                "Moyen",
                "Fait à Lyon, le 25 novembre 2026.",
                "Pièce n° 40 — Courriel de Kaspr n° 40",
                "SHA-256",
                "privacy@kaspr.example",
                "Re: Demande d'accès numéro 2",
                "« données » traitées",
                "Les 3 pages du document suivent.",
            ]),
            warnings: vec![],
            foreign_fonts: &[],
        },
        Case {
            name: "one exhibit of each kind, and a foreign pdf",
            report: report(
                vec![ReportSection {
                    title: "Exposé".into(),
                    new_page: false,
                    blocks: vec![ReportBlock::Paragraph { text: "Voir les pièces ci-après.".into() }],
                }],
                vec![
                    test_exhibit(1, "Lettre", ExhibitContent::Pdf { bytes: letter_exhibit(1, 12) }),
                    test_exhibit(2, "Courriel", email(2, 3)),
                    test_exhibit(3, "Capture PNG", ExhibitContent::Image { bytes: png(200, 120, true) }),
                    test_exhibit(4, "Scan JPEG", ExhibitContent::Image { bytes: SCAN_JPEG.to_vec() }),
                    test_exhibit(5, "Photo tournée", ExhibitContent::Image { bytes: with_orientation(SCAN_JPEG, 8) }),
                    test_exhibit(6, "Document d'un autre logiciel", ExhibitContent::Pdf { bytes: foreign_pdf() }),
                ],
            ),
            // Cover, section, 1 + 2 letter pages, e-mail, 3 images, 1 + 2 foreign pages.
            pages: Pages::Exactly(12),
            text: s(&[
                "Voir les pièces ci-après.",
                "Rotated page one",
                "Offset page two",
                "Les 2 pages du document suivent.",
            ]),
            warnings: vec![],
            foreign_fonts: &["Helvetica"],
        },
        Case {
            name: "broken exhibits",
            report: report(
                sections(3),
                vec![
                    test_exhibit(1, "Réponse de Kaspr", ExhibitContent::Pdf { bytes: b"%PDF-1.7 garbage".to_vec() }),
                    test_exhibit(2, "Capture abîmée", ExhibitContent::Image { bytes: corrupted_png() }),
                    test_exhibit(3, "Pas une image", ExhibitContent::Image { bytes: b"GIF89a....".to_vec() }),
                    test_exhibit(4, "Lettre lisible", ExhibitContent::Pdf { bytes: letter_exhibit(4, 2) }),
                ],
            ),
            pages: Pages::AtLeast(8),
            text: s(&["Ce fichier n'a pas pu être lu ; il est joint séparément.", "Demande d'accès numéro 4"]),
            warnings: vec![
                "exhibit 1 (Réponse de Kaspr) is not a readable PDF: ",
                "exhibit 2 (Capture abîmée) is not a readable image: damaged PNG image",
                "exhibit 3 (Pas une image) is not a readable image: not a PNG or JPEG image; a page says so in the dossier",
            ],
            foreign_fonts: &[],
        },
        Case {
            name: "exhibits rewritten by qpdf",
            report: report(
                vec![],
                vec![
                    test_exhibit(
                        1,
                        "Chiffrée sans mot de passe",
                        ExhibitContent::Pdf {
                            bytes: qpdf(
                                &letter_exhibit(1, 12),
                                &["--encrypt", "", "owner", "256", "--", "--object-streams=generate"],
                            ),
                        },
                    ),
                    test_exhibit(
                        2,
                        "Protégée par mot de passe",
                        ExhibitContent::Pdf {
                            bytes: qpdf(&letter_exhibit(2, 2), &["--encrypt", "user", "owner", "256", "--"]),
                        },
                    ),
                    test_exhibit(
                        3,
                        "Linéarisée",
                        ExhibitContent::Pdf { bytes: qpdf(&letter_exhibit(3, 12), &["--linearize"]) },
                    ),
                ],
            ),
            // Cover, 1 + 2 pages, the page standing for the protected file, 1 + 2 pages.
            pages: Pages::Exactly(8),
            text: s(&["Demande d'accès numéro 1", "Demande d'accès numéro 3"]),
            warnings: vec![
                "exhibit 2 (Protégée par mot de passe) is not a readable PDF: it is protected by a password",
            ],
            foreign_fonts: &[],
        },
        Case {
            name: "cover only",
            report: report(vec![], vec![]),
            pages: Pages::Exactly(1),
            text: s(&["Lyon, le 25 novembre 2026"]),
            warnings: vec![],
            foreign_fonts: &[],
        },
        Case {
            name: "huge text exhibit",
            report: report(
                vec![],
                vec![test_exhibit(
                    1,
                    "Journal d'accès",
                    ExhibitContent::Text { headers: vec![("Fichier".into(), "journal.txt".into())], body: huge_body },
                )],
            ),
            pages: Pages::AtLeast(80),
            text: s(&["Ligne 1 du journal d'accès", "Ligne 2500 du journal d'accès", "Ligne 5000 du journal d'accès"]),
            warnings: vec![],
            foreign_fonts: &[],
        },
    ]
}

/// `pdf` rewritten by `qpdf` with `args` (encryption, object streams, linearization).
fn qpdf(pdf: &[u8], args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.pdf"));
    std::fs::write(&input, pdf).expect("write");
    let mut all = vec![path_str(&input)];
    all.extend_from_slice(args);
    all.push(path_str(&output));
    tool("qpdf", &all);
    std::fs::read(&output).expect("read")
}

fn render(case: &Case) -> ReportPdf {
    report_pdf(&case.report, &PdfMeta::new(created())).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(format!("{}.pdf", name.replace([' ', ','], "-")));
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

/// The text of each page (pdftotext separates pages with form feeds).
fn page_texts(path: &Path, layout: bool) -> Vec<String> {
    let mut args = vec![path_str(path), "-"];
    if layout {
        args.insert(0, "-layout");
    }
    let text = tool("pdftotext", &args);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // The last page is followed by a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Outline entries from `qpdf --json`: (title, page from 1).
fn outline(path: &Path) -> Vec<(String, usize)> {
    let json: serde_json::Value =
        serde_json::from_str(&tool("qpdf", &["--json", "--json-key=outlines", path_str(path)])).expect("qpdf json");
    json["outlines"]
        .as_array()
        .expect("outlines array")
        .iter()
        .map(|o| {
            assert!(o["kids"].as_array().is_some_and(Vec::is_empty), "flat outline: {o}");
            let page = o["destpageposfrom1"].as_u64().expect("destination page");
            (o["title"].as_str().expect("title").to_owned(), usize::try_from(page).expect("page"))
        })
        .collect()
}

fn label(page: usize, of: usize) -> String {
    format!("Page {page} sur {of}")
}

/// Every word's box from `pdftotext -bbox`: (page, [xMin, yMin, xMax, yMax], text).
fn word_boxes(path: &Path) -> Vec<(usize, [f64; 4], String)> {
    let html = tool("pdftotext", &["-bbox", path_str(path), "-"]);
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
fn reports_render_as_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    for case in cases() {
        let name = case.name;
        let pdf = render(&case);
        let path = write(dir.path(), name, &pdf.bytes);
        let file = path_str(&path);

        // Structure and page count.
        let check = tool("qpdf", &["--check", file]);
        assert!(check.contains("No syntax or stream encoding errors"), "{name}: {check}");
        let n: usize = tool("qpdf", &["--show-npages", file]).trim().parse().expect("page count");
        assert_eq!(n, pdf.pages, "{name}: ReportPdf::pages");
        match case.pages {
            Pages::Exactly(expected) => assert_eq!(n, expected, "{name}"),
            Pages::AtLeast(expected) => assert!(n >= expected, "{name}: {n} pages"),
        }

        // Warnings.
        assert_eq!(pdf.warnings.len(), case.warnings.len(), "{name}: {:?}", pdf.warnings);
        for (warning, expected) in pdf.warnings.iter().zip(&case.warnings) {
            assert!(warning.contains(expected), "{name}: {warning:?} lacks {expected:?}");
            assert!(warning.ends_with("; a page says so in the dossier"), "{name}: {warning:?}");
        }

        // Text, page by page: the cover has no number, every other page has its own.
        let pages = page_texts(&path, true);
        assert_eq!(pages.len(), n, "{name}");
        // Compared with runs of spaces squeezed: lines wrap, and -layout aligns columns.
        let all = squeeze(&pages.concat());
        for expected in &case.text {
            assert!(all.contains(&squeeze(expected)), "{name}: {expected:?} missing");
        }
        assert!(squeeze(&pages[0]).contains(&case.report.title), "{name}: no title on the cover");
        assert!(!pages[0].contains("Page 1 sur"), "{name}: the cover is numbered");
        for (i, text) in pages.iter().enumerate().skip(1) {
            let label = label(i + 1, n);
            assert!(text.contains(&label), "{name}: no {label:?} on page {}:\n{text}", i + 1);
        }

        // Outline: one entry per section, then per exhibit, pointing at its heading's page.
        let entries = outline(&path);
        let mut expected: Vec<String> = case.report.sections.iter().map(|s| s.title.clone()).collect();
        expected.extend(case.report.exhibits.iter().map(|e| format!("Pièce n° {} — {}", e.number, e.title)));
        let titles: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(titles, expected, "{name}: outline");
        let mut previous = 0;
        for (title, page) in &entries {
            assert!(*page >= previous && *page >= 2 && *page <= n, "{name}: {title:?} -> page {page}");
            assert!(squeeze(&pages[page - 1]).contains(&squeeze(title)), "{name}: {title:?} not on page {page}");
            previous = *page;
        }

        // Merged PDF exhibits: after the page announcing them, each page has the text of the
        // source page (plus the dossier's number and the exhibit's).
        let mut merged_pages = BTreeSet::new();
        let plain = page_texts(&path, false);
        for (k, exhibit) in case.report.exhibits.iter().enumerate() {
            let ExhibitContent::Pdf { bytes } = &exhibit.content else { continue };
            if pdf.warnings.iter().any(|w| w.starts_with(&format!("exhibit {} (", exhibit.number))) {
                continue;
            }
            let source = write(dir.path(), &format!("{name}-source-{k}"), bytes);
            let source_pages = page_texts(&source, false);
            let cover = entries[case.report.sections.len() + k].1;
            for (j, source_text) in source_pages.iter().enumerate() {
                let page = cover + 1 + j;
                merged_pages.insert(page);
                let merged = squeeze(&plain[page - 1]);
                let (label, mark) = (label(page, n), format!("Pièce n° {}", exhibit.number));
                assert!(merged.contains(&label) && merged.contains(&mark), "{name}: no stamp on page {page}: {merged}");
                let stripped = squeeze(&merged.replace(&label, " ").replace(&mark, " "));
                assert_eq!(
                    stripped,
                    squeeze(source_text),
                    "{name}: page {page} is not page {} of exhibit {}",
                    j + 1,
                    k + 1
                );
            }
        }

        // Nothing outside the margins on our own pages: 25 mm left, 20 mm right, 20 mm top;
        // the page numbers sit in the bottom margin, 7 mm from the edge.
        let (left, right) = (25.0 * PT_PER_MM - TOLERANCE_PT, PAGE_WIDTH_PT - 20.0 * PT_PER_MM + TOLERANCE_PT);
        let (top, bottom) = (15.0 * PT_PER_MM, PAGE_HEIGHT_PT - 4.0 * PT_PER_MM);
        let words = word_boxes(&path);
        assert!(words.len() > 10, "{name}: only {} words", words.len());
        for (page, [x_min, y_min, x_max, y_max], word) in words.iter().filter(|w| !merged_pages.contains(&w.0)) {
            assert!(*x_min >= left && *x_max <= right, "{name}: {word:?} on page {page} spans x {x_min}..{x_max}");
            assert!(*y_min >= top && *y_max <= bottom, "{name}: {word:?} on page {page} spans y {y_min}..{y_max}");
        }

        // Fonts: ours embedded as subsets; others only as merged exhibits bring them.
        let fonts = tool("pdffonts", &[file]);
        let rows: Vec<Vec<&str>> = fonts.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
        assert!(rows.iter().filter(|r| r[0].contains("+DejaVuSans")).count() >= 2, "{name}:\n{fonts}");
        for row in rows {
            if case.foreign_fonts.contains(&row[0]) {
                continue;
            }
            let n = row.len();
            assert!(n >= 7 && row[0].contains("+DejaVuSans"), "{name}: {row:?}");
            assert_eq!((row[n - 5], row[n - 4], row[n - 3]), ("yes", "yes", "yes"), "{name}: {row:?}");
        }
    }
}

#[test]
fn images_are_embedded_without_recoding_jpegs() {
    let case = cases().into_iter().nth(1).expect("case");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "images", &render(&case).bytes);
    let list = tool("pdfimages", &["-list", path_str(&path)]);
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    let rows: Vec<Vec<&str>> = list.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    let kinds: Vec<(&str, &str, &str, &str)> = rows.iter().map(|r| (r[2], r[3], r[4], r[8])).collect();
    assert_eq!(
        kinds,
        [
            ("image", "200", "120", "image"),
            ("smask", "200", "120", "image"),
            ("image", "331", "468", "jpeg"),
            ("image", "331", "468", "jpeg"),
        ],
        "{list}"
    );
    // The JPEG's bytes are in the file as they are.
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.windows(SCAN_JPEG.len()).any(|w| w == SCAN_JPEG), "the JPEG was re-encoded");
}

#[test]
fn same_input_gives_the_same_bytes() {
    for case in cases().into_iter().take(3) {
        let meta = PdfMeta::new(created());
        let first = report_pdf(&case.report, &meta).expect("pdf");
        let second = report_pdf(&case.report, &meta).expect("pdf");
        assert!(first == second, "{}: two renderings differ", case.name);
        let later = PdfMeta::new(created() + jiff::SignedDuration::from_hours(1));
        assert!(
            report_pdf(&case.report, &later).expect("pdf").bytes != first.bytes,
            "{}: date not in the file",
            case.name
        );
    }
}

#[test]
fn metadata_has_title_author_date_and_producer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = cases().into_iter().nth(1).expect("case");
    let path = write(dir.path(), "meta", &render(&case).bytes);
    let info = tool("pdfinfo", &["-isodates", path_str(&path)]);
    assert!(info.contains("Title:           Réclamation auprès de la CNIL — Kaspr SAS"), "{info}");
    assert!(info.contains("Author:          Zoé Martin"), "{info}");
    assert!(info.contains("Producer:        Redress") && info.contains("Creator:         Redress"), "{info}");
    assert!(info.contains("CreationDate:    2026-11-25T09:30:00Z"), "{info}");

    let titled = PdfMeta { created: created(), title: Some("Dossier — Zoé".into()) };
    let path = write(dir.path(), "titled", &report_pdf(&case.report, &titled).expect("pdf").bytes);
    let info = tool("pdfinfo", &[path_str(&path)]);
    assert!(info.contains("Title:           Dossier — Zoé"), "{info}");
}

/// Truncated and bit-flipped copies of a PDF, a PNG and a JPEG never fail the report: each
/// either goes in or gets a page saying it could not be read (and a warning).
#[test]
fn damaged_copies_never_fail_the_report() {
    let originals = [letter_exhibit(1, 12), png(64, 48, true), SCAN_JPEG.to_vec()];
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut exhibits = Vec::new();
    for (kind, original) in originals.iter().enumerate() {
        for k in 0..20 {
            let mut bytes = original.clone();
            if k % 2 == 0 {
                bytes.truncate(next(bytes.len()));
            } else {
                for _ in 0..1 + k / 4 {
                    let at = next(bytes.len());
                    bytes[at] ^= 1 << next(8);
                }
            }
            let content = if kind == 0 { ExhibitContent::Pdf { bytes } } else { ExhibitContent::Image { bytes } };
            let number = u32::try_from(exhibits.len() + 1).expect("few");
            exhibits.push(test_exhibit(number, "Copie abîmée", content));
        }
    }
    let count = exhibits.len();
    let pdf = report_pdf(&report(vec![], exhibits), &PdfMeta::new(created())).expect("the report is produced");
    assert!(pdf.pages > count, "{} pages", pdf.pages);
    assert!(pdf.warnings.len() >= 20, "truncated copies are refused: {:?}", pdf.warnings);
    for warning in &pdf.warnings {
        assert!(warning.contains("is not a readable"), "{warning}");
    }
    assert!(!pdf.warnings.iter().any(|w| w.contains("ChunkType {")), "{:?}", pdf.warnings);
}

/// A PDF exhibit carrying JavaScript (on page open and behind a link), a launch action and a
/// form submission goes into the complaint without any of them; its text and its web link stay.
#[test]
fn active_content_of_an_exhibit_is_taken_out() {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let content =
        doc.add_object(Stream::new(dictionary! {}, b"BT /F1 14 Tf 72 700 Td (Reponse du fournisseur) Tj ET".to_vec()));
    let js =
        doc.add_object(dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert('evil-script')") });
    let launch = doc.add_object(dictionary! { "S" => "Launch", "F" => Object::string_literal("evil-launch.exe") });
    let submit = doc
        .add_object(dictionary! { "S" => "SubmitForm", "F" => Object::string_literal("https://evil-submit.example/") });
    let web = doc.add_object(dictionary! { "S" => "URI", "URI" => Object::string_literal("https://www.cnil.fr/") });
    let rect = || vec![72.into(), 600.into(), 300.into(), 620.into()];
    let annots = vec![
        doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(), "A" => js }).into(),
        doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(), "A" => launch }).into(),
        doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(), "A" => submit }).into(),
        doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(), "A" => web }).into(),
    ];
    let mut annots = annots;
    // The same kinds written inline, inside the annotation and inside nested dictionaries.
    annots.push(Object::Dictionary(dictionary! {
        "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(),
        "A" => dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert('evil-inline')"),
            "Next" => vec![Object::Dictionary(dictionary! { "S" => "Launch", "F" => Object::string_literal("evil-next.exe") })] },
        "AA" => dictionary! { "E" => dictionary! { "S" => "SubmitForm", "F" => Object::string_literal("https://evil-inline-submit.example/") } },
    }));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Annots" => annots,
        "AA" => dictionary! { "O" => js },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "OpenAction" => js });
    doc.trailer.set("Root", catalog);
    let mut hostile = Vec::new();
    doc.save_to(&mut hostile).expect("save");
    assert!(hostile.windows(11).any(|w| w == b"evil-script"));

    let exhibits = vec![test_exhibit(1, "Réponse piégée", ExhibitContent::Pdf { bytes: hostile })];
    let pdf = report_pdf(&report(vec![], exhibits), &PdfMeta::new(created())).expect("report");
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "defused.pdf", &pdf.bytes);
    // Uncompressed, so every dictionary can be searched.
    let plain =
        Command::new("qpdf").args(["--qdf", "--object-streams=disable", path_str(&path), "-"]).output().expect("qpdf");
    let plain = String::from_utf8_lossy(&plain.stdout);
    for gone in
        ["/JavaScript", "evil-script", "/Launch", "evil-launch", "/SubmitForm", "evil-submit", "/OpenAction", "/AA"]
    {
        assert!(!plain.contains(gone), "{gone} is still in the complaint");
    }
    assert!(plain.contains("https://www.cnil.fr/"), "a plain web link stays");
    assert!(squeeze(&page_texts(&path, false).join(" ")).contains("Reponse du fournisseur"));
}
