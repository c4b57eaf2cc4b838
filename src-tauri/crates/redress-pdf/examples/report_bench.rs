//! Renders a complaint dossier of about a hundred pages: ten sections (one with a 60-row
//! table) and 40 exhibits (15 letter PDFs merged page by page, 15 e-mails, 10 PNG and JPEG
//! images), and prints the time, the page count, the file size and the peak memory.
//!
//! ```text
//! cargo run -p redress-pdf --example report_bench [--release] [-- --write FILE]
//! ```

#[path = "../tests/report_data/mod.rs"]
mod report_data;

use std::time::Instant;

use redress_pdf::{PdfMeta, report_pdf};

const RUNS: usize = 5;

/// The process's peak resident memory, from Linux's /proc.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l["VmHWM:".len()..].trim().to_owned())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let write = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1));

    let start = Instant::now();
    let report = report_data::dossier();
    let inputs: usize = report
        .exhibits
        .iter()
        .map(|e| match &e.content {
            redress_core::report::ExhibitContent::Pdf { bytes }
            | redress_core::report::ExhibitContent::Image { bytes } => bytes.len(),
            redress_core::report::ExhibitContent::Text { body, .. } => body.len(),
            redress_core::report::ExhibitContent::Letter(_) => 0,
        })
        .sum();
    println!(
        "inputs: {} sections, {} exhibits ({} KiB), built in {:.1} ms",
        report.sections.len(),
        report.exhibits.len(),
        inputs / 1024,
        start.elapsed().as_secs_f64() * 1e3
    );
    let meta = PdfMeta::new("2026-11-25T09:30:00Z".parse()?);

    // The first run also parses the fonts, once per process.
    let start = Instant::now();
    let first = report_pdf(&report, &meta)?;
    println!("first report (includes parsing the fonts): {:.1} ms", start.elapsed().as_secs_f64() * 1e3);

    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let pdf = report_pdf(&report, &meta)?;
        times.push(start.elapsed().as_secs_f64() * 1e3);
        assert!(pdf.bytes == first.bytes, "output is not deterministic");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "report: {} pages, {} KiB, {} warnings; {RUNS} runs: median {:.1} ms, best {:.1} ms",
        first.pages,
        first.bytes.len() / 1024,
        first.warnings.len(),
        times[RUNS / 2],
        times[0]
    );
    if let Some(peak) = peak_memory() {
        println!("peak resident memory (VmHWM): {peak}");
    }
    if let Some(path) = write {
        std::fs::write(path, &first.bytes)?;
        println!("wrote {path}");
    }
    Ok(())
}
