//! Writes the test reports to a directory, to look at.
//!
//! ```text
//! cargo run -p redress-pdf --example report_look -- DIR
//! ```

#[path = "../tests/report_data/mod.rs"]
mod report_data;

use redress_core::report::{ExhibitContent, ReportBlock, ReportSection};
use redress_pdf::{PdfMeta, report_pdf};
use report_data::{
    SCAN_JPEG, corrupted_png, created, email, foreign_pdf, letter_exhibit, png, report, sections, test_exhibit,
    with_orientation,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/report-look".into());
    std::fs::create_dir_all(&dir)?;
    let mixed = report(
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
    );
    let broken = report(
        sections(3),
        vec![
            test_exhibit(1, "Réponse de Kaspr", ExhibitContent::Pdf { bytes: b"%PDF-1.7 garbage".to_vec() }),
            test_exhibit(2, "Capture abîmée", ExhibitContent::Image { bytes: corrupted_png() }),
        ],
    );
    for (name, report) in [("mixed", mixed), ("broken", broken)] {
        let pdf = report_pdf(&report, &PdfMeta::new(created()))?;
        let path = std::path::Path::new(&dir).join(format!("{name}.pdf"));
        std::fs::write(&path, &pdf.bytes)?;
        println!("wrote {} ({} pages, warnings: {:?})", path.display(), pdf.pages, pdf.warnings);
    }
    Ok(())
}
