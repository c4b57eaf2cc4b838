//! Vendor replies built to carry active content into the complaint (scripts, attachments,
//! forms), merged by the real report code and checked with real tools: `pdfinfo -js` prints no
//! script, `pdfdetach -list` finds no file, `qpdf --check` accepts the file, and `qpdf --json`
//! shows no action and no annotation outside the allow-lists. A missing tool fails the test and
//! says what to install.
//!
//! With `REDRESS_FUZZ_SEEDS=DIR`, each hostile file is also written to DIR (the seeds in
//! `tools/fuzz/corpus/pdf` were made so).

mod pdf_tools;
mod report_data;

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
use pdf_tools::{path_str, tool};
use redress_core::report::ExhibitContent;
use redress_pdf::{PdfMeta, ReportPdf, report_pdf};
use report_data::{created, report, test_exhibit};
use serde_json::Value;

/// Actions the complaint may keep, and the annotations (ISO 32000-2 names).
const KEPT_ACTIONS: &[&str] = &["/GoTo", "/URI"];
const ACTIONS: &[&str] = &[
    "/GoTo",
    "/GoToR",
    "/GoToE",
    "/GoToDp",
    "/Launch",
    "/Thread",
    "/URI",
    "/Sound",
    "/Movie",
    "/Hide",
    "/Named",
    "/SubmitForm",
    "/ResetForm",
    "/ImportData",
    "/JavaScript",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
    "/RichMediaExecute",
];
const KEPT_ANNOTATIONS: &[&str] = &[
    "/Link",
    "/Text",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Caret",
    "/Ink",
    "/Popup",
    "/Stamp",
];
const GONE_KEYS: &[&str] =
    &["/JS", "/AA", "/OpenAction", "/JavaScript", "/EmbeddedFiles", "/EF", "/AcroForm", "/XFA", "/Names"];

/// A one-page PDF reply saying "Reponse du fournisseur", to which a test adds its traps.
struct Hostile {
    doc: Document,
    pages: ObjectId,
    page: ObjectId,
    annots: Vec<Object>,
    page_extra: Dictionary,
    catalog_extra: Dictionary,
}

impl Hostile {
    fn new() -> Self {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.new_object_id();
        Hostile {
            doc,
            pages,
            page,
            annots: Vec::new(),
            page_extra: Dictionary::new(),
            catalog_extra: Dictionary::new(),
        }
    }

    fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        self.doc.add_object(object)
    }

    /// A link annotation (inline) running `action`.
    fn link(&mut self, action: impl Into<Object>) {
        self.annots.push(Object::Dictionary(dictionary! {
            "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(), "A" => action.into(),
        }));
    }

    fn finish(mut self, name: &str) -> Vec<u8> {
        let font = self.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let content =
            self.add(Stream::new(dictionary! {}, b"BT /F1 14 Tf 72 700 Td (Reponse du fournisseur) Tj ET".to_vec()));
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => self.pages, "Contents" => content, "Annots" => self.annots,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        };
        page.extend(&self.page_extra);
        self.doc.objects.insert(self.page, Object::Dictionary(page));
        self.doc.objects.insert(
            self.pages,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![self.page.into()], "Count" => 1 }),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => self.pages };
        catalog.extend(&self.catalog_extra);
        let catalog = self.doc.add_object(catalog);
        self.doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        self.doc.save_to(&mut bytes).expect("save");
        if let Some(dir) = std::env::var_os("REDRESS_FUZZ_SEEDS") {
            std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &bytes).expect("write seed");
        }
        bytes
    }
}

fn rect() -> Vec<Object> {
    vec![72.into(), 600.into(), 300.into(), 620.into()]
}

fn js(marker: &str) -> Dictionary {
    dictionary! { "S" => "JavaScript", "JS" => Object::string_literal(format!("app.alert('{marker}')")) }
}

/// The complaint with `hostile` as its only exhibit, written to a file.
fn merged(dir: &Path, name: &str, hostile: Vec<u8>) -> (ReportPdf, PathBuf) {
    let exhibits = vec![test_exhibit(1, "Réponse piégée", ExhibitContent::Pdf { bytes: hostile })];
    let pdf = report_pdf(&report(vec![], exhibits), &PdfMeta::new(created())).expect("report");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &pdf.bytes).expect("write");
    (pdf, path)
}

/// Every check of the module doc on the merged complaint at `path`; `markers` are strings of
/// the hostile file that must not survive anywhere in it.
fn assert_defused(path: &Path, markers: &[&str]) {
    let info = tool("pdfinfo", &["-js", path_str(path)]);
    for marker in markers.iter().chain(&["app.alert"]) {
        assert!(!info.contains(marker), "pdfinfo -js still shows {marker}:\n{info}");
    }
    let attached = tool("pdfdetach", &["-list", path_str(path)]);
    assert!(attached.trim() == "0 embedded files", "pdfdetach -list: {attached}");
    tool("qpdf", &["--check", path_str(path)]);

    let plain = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", path_str(path), "-"])
        .output()
        .expect("qpdf (install qpdf)");
    let plain = String::from_utf8_lossy(&plain.stdout);
    for marker in markers {
        assert!(!plain.contains(marker), "{marker} is still in the complaint");
    }

    let json: Value =
        serde_json::from_str(&tool("qpdf", &["--json=2", "--json-key=qpdf", path_str(path)])).expect("json");
    walk(&json, &mut |dict| {
        for key in GONE_KEYS {
            assert!(!dict.contains_key(*key), "{key} is still in the complaint: {dict:?}");
        }
        if let Some(s) = dict.get("/S") {
            let s = s.as_str().unwrap_or_default();
            assert!(s.starts_with('/'), "an /S that is not a direct name: {dict:?}");
            assert!(!ACTIONS.contains(&s) || KEPT_ACTIONS.contains(&s), "action {s} kept: {dict:?}");
            if KEPT_ACTIONS.contains(&s) {
                assert!(!dict.contains_key("/Next"), "an action chain kept: {dict:?}");
            }
        }
        if dict.get("/Type").and_then(Value::as_str) == Some("/Action") {
            let s = dict.get("/S").and_then(Value::as_str).unwrap_or_default();
            assert!(KEPT_ACTIONS.contains(&s), "action {s} kept: {dict:?}");
        }
        if dict.contains_key("/Rect") || dict.get("/Type").and_then(Value::as_str) == Some("/Annot") {
            let subtype = dict.get("/Subtype").and_then(Value::as_str).unwrap_or_default();
            assert!(KEPT_ANNOTATIONS.contains(&subtype), "annotation {subtype} kept: {dict:?}");
        }
    });
}

/// Calls `check` on every PDF dictionary in `qpdf --json` output.
fn walk(value: &Value, check: &mut dyn FnMut(&serde_json::Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            if map.keys().any(|k| k.starts_with('/')) {
                check(map);
            }
            map.values().for_each(|v| walk(v, check));
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, check)),
        _ => {}
    }
}

fn page_text(path: &Path) -> String {
    tool("pdftotext", &[path_str(path), "-"]).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_action_whose_type_is_a_reference_is_taken_out() {
    let mut hostile = Hostile::new();
    let name = hostile.add(Object::Name(b"JavaScript".to_vec()));
    let launch = hostile.add(Object::Name(b"Launch".to_vec()));
    hostile.link(dictionary! { "S" => name, "JS" => Object::string_literal("app.alert('evil-indirect')") });
    let action = hostile.add(dictionary! { "S" => launch, "F" => Object::string_literal("evil-indirect-launch.exe") });
    hostile.link(action);
    // A reference to a reference to the name.
    let again = hostile.add(Object::Reference(name));
    hostile.link(dictionary! { "S" => again, "JS" => Object::string_literal("app.alert('evil-twice')") });
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, path) = merged(dir.path(), "indirect", hostile.finish("action-type-by-reference"));
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    assert_defused(&path, &["evil-indirect", "evil-twice", "evil-indirect-launch", "/Launch", "/JavaScript"]);
    assert!(page_text(&path).contains("Reponse du fournisseur"));
}

#[test]
fn javascript_at_the_end_of_a_70_deep_next_chain_is_taken_out() {
    let mut hostile = Hostile::new();
    // Written inline, 70 levels deep, behind a harmless web link…
    let mut chain = js("evil-deep-inline");
    for i in 0..70 {
        chain = dictionary! {
            "S" => "URI", "URI" => Object::string_literal(format!("https://example.com/{i}")), "Next" => chain,
        };
    }
    hostile.link(chain);
    // …and as 70 objects of their own.
    let mut next = hostile.add(js("evil-deep-objects"));
    let page = hostile.page;
    for i in 0..70 {
        next = hostile.add(dictionary! {
            "S" => "GoTo", "D" => vec![page.into(), "Fit".into()], "Next" => next,
            "Comment" => Object::string_literal(format!("link {i}")),
        });
    }
    hostile.link(next);
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path) = merged(dir.path(), "chain", hostile.finish("javascript-after-70-next"));
    assert_defused(&path, &["evil-deep-inline", "evil-deep-objects", "/JavaScript"]);
    // The first link of each chain still works: to the web, and to the page itself.
    let plain = tool("qpdf", &["--qdf", "--object-streams=disable", path_str(&path), "-"]);
    assert!(plain.contains("https://example.com/69"), "the web link stays");
    assert!(plain.contains("/GoTo"), "the link within the exhibit stays");
}

#[test]
fn javascript_in_a_stream_is_taken_out() {
    let mut hostile = Hostile::new();
    let script = hostile.add(Stream::new(dictionary! {}, b"app.alert('evil-stream')".to_vec()));
    hostile.link(dictionary! { "S" => "JavaScript", "JS" => script });
    // With no /S at all, and on the page's open trigger.
    hostile.link(dictionary! { "Type" => "Action", "JS" => script });
    let on_open = hostile.add(dictionary! { "S" => "JavaScript", "JS" => script });
    hostile.page_extra.set("AA", dictionary! { "O" => on_open });
    hostile.catalog_extra.set("OpenAction", on_open);
    let tree = hostile.add(dictionary! { "Names" => vec![Object::string_literal("startup"), on_open.into()] });
    hostile.catalog_extra.set("Names", dictionary! { "JavaScript" => tree });
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path) = merged(dir.path(), "stream", hostile.finish("javascript-in-a-stream"));
    assert_defused(&path, &["evil-stream", "/JavaScript"]);
}

#[test]
fn attached_files_are_taken_out() {
    let mut hostile = Hostile::new();
    let payload = hostile.add(Stream::new(dictionary! { "Type" => "EmbeddedFile" }, b"MZ evil-payload".to_vec()));
    let spec = hostile.add(dictionary! {
        "Type" => "Filespec", "F" => Object::string_literal("invoice.pdf.exe"),
        "UF" => Object::string_literal("invoice.pdf.exe"), "EF" => dictionary! { "F" => payload },
    });
    hostile.annots.push(Object::Dictionary(dictionary! {
        "Type" => "Annot", "Subtype" => "FileAttachment", "Rect" => rect(), "FS" => spec,
        "Contents" => Object::string_literal("evil-attachment"),
    }));
    // The same file without /Type, hidden in a note's unknown key.
    let untyped = hostile
        .add(dictionary! { "F" => Object::string_literal("invoice.pdf.exe"), "EF" => dictionary! { "F" => payload } });
    hostile.annots.push(Object::Dictionary(dictionary! {
        "Type" => "Annot", "Subtype" => "Text", "Rect" => rect(), "Contents" => Object::string_literal("a note"),
        "FS" => untyped, "Hidden" => untyped,
    }));
    let tree = hostile.add(dictionary! { "Names" => vec![Object::string_literal("invoice.pdf.exe"), spec.into()] });
    hostile.catalog_extra.set("Names", dictionary! { "EmbeddedFiles" => tree });
    hostile.page_extra.set("Names", dictionary! { "EmbeddedFiles" => tree });
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path) = merged(dir.path(), "attached", hostile.finish("attached-files"));
    assert_defused(&path, &["invoice.pdf.exe", "evil-payload", "evil-attachment", "/FileAttachment"]);
    let plain = tool("qpdf", &["--qdf", "--object-streams=disable", path_str(&path), "-"]);
    assert!(plain.contains("a note"), "the plain note stays");
}

#[test]
fn form_fields_xfa_and_other_annotations_are_taken_out() {
    let mut hostile = Hostile::new();
    let field = hostile.add(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => Object::string_literal("evil-field"),
        "Rect" => rect(), "AA" => dictionary! { "K" => js("evil-keystroke") },
    });
    hostile.annots.push(field.into());
    for subtype in ["Screen", "Movie", "Sound", "RichMedia", "3D", "Redact", "Projection", "FutureKind"] {
        hostile.annots.push(Object::Dictionary(dictionary! {
            "Subtype" => subtype, "Rect" => rect(), "A" => js("evil-screen"),
        }));
    }
    let xfa = hostile.add(Stream::new(dictionary! {}, b"<xdp:xdp><script>evil-xfa</script></xdp:xdp>".to_vec()));
    hostile.catalog_extra.set("AcroForm", dictionary! { "Fields" => vec![field.into()], "XFA" => xfa });
    // Kept: a highlight, with its /A taken away.
    hostile.annots.push(Object::Dictionary(dictionary! {
        "Type" => "Annot", "Subtype" => "Highlight", "Rect" => rect(), "QuadPoints" => rect(),
        "A" => js("evil-highlight"), "Contents" => Object::string_literal("kept highlight"),
    }));
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path) = merged(dir.path(), "forms", hostile.finish("form-fields-and-xfa"));
    assert_defused(
        &path,
        &["evil-field", "evil-keystroke", "evil-screen", "evil-xfa", "evil-highlight", "/Widget", "/Screen"],
    );
    let plain = tool("qpdf", &["--qdf", "--object-streams=disable", path_str(&path), "-"]);
    assert!(plain.contains("kept highlight"));
}

#[test]
fn links_outside_the_allow_list_are_taken_out() {
    let mut hostile = Hostile::new();
    for uri in ["javascript:app.alert('evil-uri')", "file:///etc/evil-file", "smb://evil-share/x"] {
        hostile.link(dictionary! { "S" => "URI", "URI" => Object::string_literal(uri) });
    }
    hostile.link(dictionary! { "S" => "GoToR", "F" => Object::string_literal("evil-remote.pdf"), "D" => vec![0.into(), "Fit".into()] });
    hostile.link(dictionary! { "S" => "Named", "N" => "Print" });
    // A link to a page that is not in the exhibit.
    let elsewhere = hostile.add(dictionary! { "Type" => "Page", "Comment" => Object::string_literal("evil-orphan") });
    hostile.link(dictionary! { "S" => "GoTo", "D" => vec![elsewhere.into(), "Fit".into()] });
    hostile.link(dictionary! { "S" => "URI", "URI" => Object::string_literal("MAILTO:dpo@kaspr.example") });
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, path) = merged(dir.path(), "links", hostile.finish("links-outside-the-allow-list"));
    assert_defused(&path, &["evil-uri", "evil-file", "evil-share", "evil-remote", "/GoToR", "/Named", "evil-orphan"]);
    let plain = tool("qpdf", &["--qdf", "--object-streams=disable", path_str(&path), "-"]);
    assert!(plain.contains("MAILTO:dpo@kaspr.example"), "a mail link stays");
}

/// Parts nested past the depth Redress checks are not kept unchecked: they are removed, and the
/// page announcing the exhibit says so (as a page says so for an unreadable file).
#[test]
fn parts_nested_too_deep_are_removed_and_the_complaint_says_so() {
    let mut hostile = Hostile::new();
    // 43 levels: past Redress's 32, within the PDF reader's 100.
    let mut nested = js("evil-too-deep");
    for _ in 0..20 {
        nested = dictionary! { "Nest" => vec![Object::Dictionary(nested)] };
    }
    hostile.annots.push(Object::Dictionary(dictionary! {
        "Type" => "Annot", "Subtype" => "Text", "Rect" => rect(), "Contents" => Object::string_literal("deep note"),
        "AP" => nested,
    }));
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, path) = merged(dir.path(), "deep", hostile.finish("nested-too-deep"));
    assert_defused(&path, &["evil-too-deep"]);
    assert!(pdf.warnings.len() == 1 && pdf.warnings[0].contains("nested deeper"), "{:?}", pdf.warnings);
    let text = page_text(&path);
    assert!(text.contains("imbriquée trop profondément pour être vérifiée, a été retirée"), "{text}");
    assert!(text.contains("Reponse du fournisseur"), "the page itself is merged");
}

/// The stack the nesting tests render on: a quarter of the 2 MiB of the blocking threads the app
/// renders complaints on (the CLI's main thread has 8 MiB). Following 100,000 levels one call
/// each would take tens of megabytes; the PDF reader's own 100 levels take about 300 KiB in a
/// debug build.
const SMALL_STACK: usize = 512 * 1024;

/// `f` on a thread with [`SMALL_STACK`]: a stack overflow aborts the whole test run.
fn on_a_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(SMALL_STACK).spawn(f).expect("spawn").join().expect("the report thread")
}

/// A one-page PDF whose page holds, under `/X`, `open` repeated `depth` times, then `inner`, then
/// `close` as many times, with a correct cross-reference table: written by hand, since lopdf
/// would refuse to write it.
fn nested_pdf(depth: usize, open: &[u8], inner: &[u8], close: &[u8]) -> Vec<u8> {
    let mut page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /X ".to_vec();
    for _ in 0..depth {
        page.extend(open);
    }
    page.extend(inner);
    for _ in 0..depth {
        page.extend(close);
    }
    page.extend(b" >>");
    let objects: [&[u8]; 3] =
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", &page];
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend(format!("{} 0 obj\n", n + 1).as_bytes());
        bytes.extend(*object);
        bytes.extend(b"\nendobj\n");
    }
    let xref = bytes.len();
    bytes.extend(b"xref\n0 4\n0000000000 65535 f \n");
    for offset in offsets {
        bytes.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    bytes.extend(format!("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    bytes
}

/// Files nested far deeper than any reader accepts, in arrays and in dictionaries, are refused
/// by the PDF reader (a page says so): the report is still produced, on a small stack, so
/// nothing follows the nesting level by level.
#[test]
fn an_exhibit_nested_100000_deep_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, open, close) in [("arrays", &b"["[..], &b"]"[..]), ("dictionaries", b"<< /A ", b" >>")] {
        let bytes = nested_pdf(depth, open, b"", close);
        if let Some(seeds) = std::env::var_os("REDRESS_FUZZ_SEEDS") {
            let seed = if name == "arrays" {
                "nested-100000-deep.pdf".to_owned()
            } else {
                format!("nested-100000-deep-{name}.pdf")
            };
            std::fs::write(Path::new(&seeds).join(seed), &bytes).expect("write seed");
        }
        let exhibits = vec![test_exhibit(1, "Réponse piégée", ExhibitContent::Pdf { bytes })];
        let pdf =
            on_a_small_stack(move || report_pdf(&report(vec![], exhibits), &PdfMeta::new(created())).expect("report"));
        assert!(
            pdf.warnings.len() == 1 && pdf.warnings[0].contains("is not a readable PDF"),
            "{name}: {:?}",
            pdf.warnings
        );
        let path = dir.path().join(format!("very-deep-{name}.pdf"));
        std::fs::write(&path, &pdf.bytes).expect("write");
        tool("qpdf", &["--check", path_str(&path)]);
    }
}

/// Nesting the PDF reader still accepts (99 levels) reaches Redress's own steps, which stop at
/// their depth: the part is removed and said so, on a small stack, and the script inside is gone.
#[test]
fn an_exhibit_nested_99_deep_is_cut_at_redress_depth_on_a_small_stack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = b"<< /S /JavaScript /JS (app.alert('evil-99-deep')) >>";
    for (name, open, close) in [("arrays", &b"["[..], &b"]"[..]), ("dictionaries", b"<< /A ", b" >>")] {
        let bytes = nested_pdf(97, open, script, close);
        let exhibits = vec![test_exhibit(1, "Réponse piégée", ExhibitContent::Pdf { bytes })];
        let pdf =
            on_a_small_stack(move || report_pdf(&report(vec![], exhibits), &PdfMeta::new(created())).expect("report"));
        assert!(pdf.warnings.len() == 1 && pdf.warnings[0].contains("nested deeper"), "{name}: {:?}", pdf.warnings);
        let path = dir.path().join(format!("deep-{name}.pdf"));
        std::fs::write(&path, &pdf.bytes).expect("write");
        assert_defused(&path, &["evil-99-deep"]);
    }
}
