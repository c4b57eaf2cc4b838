//! Mailbox-scan benchmark: generates an mbox of marketing-like mail (multipart, HTML,
//! quoted-printable, base64 attachments, tracking links), scans it on one core and on all
//! cores, and compares with Python's `mailbox` + `email` parsing the same file.
//!
//! Run: `cargo run --release -p redress-mail --example scan_bench -- [SIZE_MB] [--keep PATH] [--no-python]`
//! (default 220 MB, written to a temporary folder and removed afterwards).

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use redress_core::registry::Registry;
use redress_mail::{Fingerprints, ScanOptions, plan_inputs, scan};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let size_mb: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(220);
    let keep = args.iter().position(|a| a == "--keep").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let python = !args.iter().any(|a| a == "--no-python");

    let dir = tempfile::tempdir()?;
    let path = keep.clone().unwrap_or_else(|| dir.path().join("bench.mbox"));
    let started = Instant::now();
    let messages = generate(&path, size_mb * 1024 * 1024)?;
    let bytes = std::fs::metadata(&path)?.len();
    let mb = bytes as f64 / 1e6;
    println!(
        "generated {messages} messages, {mb:.1} MB in {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        path.display()
    );

    let registry = Registry::builtin()?;
    let fingerprints = Fingerprints::builtin(&registry)?;
    let input = plan_inputs(std::slice::from_ref(&path))?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut single = 0.0;
    for threads in [1, cores] {
        let options = ScanOptions { threads, ..ScanOptions::default() };
        let started = Instant::now();
        let mut reported = 0usize;
        let summary = scan(&fingerprints, &input, &options, &|_| {}, |_| reported += 1);
        let secs = started.elapsed().as_secs_f64();
        if threads == 1 {
            single = secs;
        }
        println!(
            "redress scan, {threads} thread(s): {secs:.2} s, {:.0} MB/s, {:.0} messages/s; {} messages, {} with findings, {} problems, {} tools",
            mb / secs,
            summary.messages as f64 / secs,
            summary.messages,
            summary.messages_with_findings,
            summary.problems,
            summary.tools.len(),
        );
        assert_eq!(summary.messages, messages, "every generated message is read");
        assert!(reported > 0);
    }
    println!("peak memory (VmHWM): {}", peak_rss());
    if python {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/scan_bench_python.py");
        let started = Instant::now();
        let out = std::process::Command::new("python3").arg(&script).arg(&path).output()?;
        let secs = started.elapsed().as_secs_f64();
        if out.status.success() {
            print!("{}", String::from_utf8_lossy(&out.stdout));
            println!(
                "python mailbox+email: {secs:.2} s, {:.0} MB/s — redress on one core is {:.1}× faster",
                mb / secs,
                secs / single
            );
        } else {
            println!("python comparison failed: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    Ok(())
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// A tiny deterministic generator (xorshift), so every run scans the same mailbox.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SENDERS: &[(&str, &str)] = &[
    ("Julia from Acme Growth", "julia@acme-growth.example"),
    ("Kaspr", "news@kaspr.io"),
    ("Newsletter", "hello@weekly-digest.example"),
    ("Tom Baker", "tom@northwind-sales.example"),
    ("Lusha", "team@lusha.com"),
    ("Shop", "offers@shop.example"),
];
const LINK_HOSTS: &[&str] = &[
    "t.yesware.com",
    "email.mixmax.com",
    "www.weekly-digest.example",
    "click.example.net",
    "em.lemlist.com",
    "aplolinks.com",
    "shop.example",
    "app.outreach.io",
];
const WORDS: &[&str] = &[
    "growth",
    "pipeline",
    "quarter",
    "meeting",
    "demo",
    "offer",
    "team",
    "data",
    "leads",
    "réunion",
    "prospects",
    "Angebot",
    "calendar",
    "insights",
    "revenue",
    "intent",
    "contact",
    "résumé",
    "free",
    "trial",
];

fn generate(path: &PathBuf, target: u64) -> std::io::Result<usize> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut written = 0u64;
    let mut n = 0usize;
    while written < target {
        let msg = message(&mut rng, n);
        out.write_all(format!("From MAILER-DAEMON Mon Mar  2 10:00:{:02} 2026\n", n % 60).as_bytes())?;
        out.write_all(&msg)?;
        out.write_all(b"\n")?;
        written += msg.len() as u64 + 40;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

fn message(rng: &mut Rng, n: usize) -> Vec<u8> {
    let (name, address) = SENDERS[rng.below(SENDERS.len() as u64) as usize];
    let domain = address.split('@').nth(1).unwrap_or("example");
    let mut m = String::with_capacity(64 * 1024);
    m.push_str(&format!("Return-Path: <bounce-{n}@{domain}>\n"));
    m.push_str(&format!(
        "Received: from mail.{domain} (mail.{domain} [192.0.2.{}]) by mx.example.org; Mon, 2 Mar 2026 10:00:00 +0100\n",
        n % 250
    ));
    m.push_str(&format!(
        "DKIM-Signature: v=1; a=rsa-sha256; d={domain}; s=s1; h=from:to:subject; bh=abc{n}=; b=def{n}=\n"
    ));
    m.push_str(&format!("From: {name} <{address}>\nTo: Camille Martin <camille@example.org>\n"));
    m.push_str(&format!("Subject: =?UTF-8?Q?Quick_question_about_your_pipeline_=E2=80=94_{n}?=\n"));
    m.push_str(&format!("Date: Mon, {} Mar 2026 10:{:02}:00 +0100\n", 1 + n % 28, n % 60));
    m.push_str(&format!("Message-ID: <{n}.{}@{domain}>\n", rng.next()));
    m.push_str(&format!("List-Unsubscribe: <https://unsub.{domain}/u/{n}>, <mailto:unsubscribe@{domain}>\n"));
    m.push_str("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n--outer\n");
    m.push_str("Content-Type: multipart/alternative; boundary=\"alt\"\n\n--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
    let paragraphs = 4 + rng.below(20) as usize;
    let mut text = String::new();
    let mut html = String::from("<html><body><table width=3D\"100%\">");
    for p in 0..paragraphs {
        let words = 30 + rng.below(60) as usize;
        let para: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len() as u64) as usize]).collect();
        let para = para.join(" ");
        let host = LINK_HOSTS[rng.below(LINK_HOSTS.len() as u64) as usize];
        text.push_str(&para);
        text.push_str(&format!("\nhttps://{host}/c/{n}/{p}?utm_source=mail\n\n"));
        html.push_str(&format!(
            "<tr><td style=3D\"font-family:Arial\"><p>{para}</p><a href=3D\"https://{host}/c/{n}/{p}?u=\n=3D{}\">Read more</a></td></tr>",
            rng.next()
        ));
    }
    let pixel = LINK_HOSTS[rng.below(LINK_HOSTS.len() as u64) as usize];
    html.push_str(&format!(
        "</table><img src=3D\"https://{pixel}/o/{n}.gif\" width=3D\"1\" height=3D\"1\"></body></html>"
    ));
    m.push_str(&qp_wrap(&text));
    m.push_str("\n--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
    m.push_str(&qp_wrap(&html));
    m.push_str("\n--alt--\n");
    if rng.below(3) == 0 {
        let size = 20_000 + rng.below(200_000) as usize;
        m.push_str("--outer\nContent-Type: application/pdf; name=\"brochure.pdf\"\nContent-Disposition: attachment; filename=\"brochure.pdf\"\nContent-Transfer-Encoding: base64\n\n");
        let raw: Vec<u8> = (0..size).map(|_| rng.next() as u8).collect();
        let encoded = base64_lines(&raw);
        m.push_str(&encoded);
    }
    m.push_str("--outer--\n");
    m.into_bytes()
}

/// Soft line breaks every 76 characters, as quoted-printable writers do (the input is already
/// escaped where it matters: `=3D`).
fn qp_wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 70);
    for line in text.lines() {
        let mut count = 0;
        for c in line.chars() {
            if count >= 72 && c != '=' {
                out.push_str("=\n");
                count = 0;
            }
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("={b:02X}"));
                }
            }
            count += 1;
        }
        out.push('\n');
    }
    out
}

fn base64_lines(raw: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(raw.len() * 4 / 3 + raw.len() / 57 + 4);
    for line in raw.chunks(57) {
        for chunk in line.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((v >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out.push('\n');
    }
    out
}
