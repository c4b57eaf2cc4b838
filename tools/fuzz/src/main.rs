//! A small mutation fuzzer for the code that reads files a stranger may have written: e-mails
//! and mailboxes, registry imports, case bundles, identity files, PDF exhibits, backups and
//! unlock files. It needs no nightly toolchain: each target takes bytes, must never panic (a
//! panic is caught, the input saved and the run fails), and is fed mutations of the committed
//! seed corpus (`tools/fuzz/corpus/<target>/`): bit flips, interesting bytes, insertions,
//! deletions, duplicated chunks, splices of two seeds, truncations.
//!
//! `cargo run --release -p redress-fuzz -- TARGET|all [--seconds N] [--seed S]`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod targets;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let target = args.first().cloned().unwrap_or_else(|| "all".into());
    let value =
        |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok());
    let seconds: u64 = value("--seconds").unwrap_or(10);
    let seed: u64 = value("--seed").unwrap_or(0x005E_ED0F_2026);
    let names: Vec<&str> = if target == "all" { targets::NAMES.to_vec() } else { vec![target.as_str()] };
    let corpus_root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for name in names {
        let Some(run) = targets::by_name(name) else {
            eprintln!("unknown target {name:?}; targets: {}", targets::NAMES.join(", "));
            return std::process::ExitCode::from(2);
        };
        let seeds = read_corpus(&corpus_root.join(name));
        if seeds.is_empty() {
            eprintln!("no seeds in {}", corpus_root.join(name).display());
            return std::process::ExitCode::from(2);
        }
        match fuzz(name, run, &seeds, Duration::from_secs(seconds), seed) {
            Ok(stats) => println!(
                "{name}: {} inputs in {seconds} s ({:.0}/s), no panic",
                stats,
                stats as f64 / seconds.max(1) as f64
            ),
            Err(saved) => {
                eprintln!("{name}: PANIC — input saved to {}", saved.display());
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}

fn read_corpus(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// xorshift64*: reproducible from `--seed`.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

const INTERESTING: &[u8] = b"\0\xff\x7f\x80\"'{}[]:,<>\n\r\t=@/\\%#;- 0123456789";

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let len = data.len();
        match rng.below(8) {
            0 if len > 0 => {
                let at = rng.below(len);
                data[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                data[at] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| INTERESTING[rng.below(INTERESTING.len())]).collect();
                data.splice(at..at, bytes);
            }
            3 if len > 1 => {
                let at = rng.below(len);
                let end = (at + 1 + rng.below(64)).min(len);
                data.drain(at..end);
            }
            4 if len > 1 => {
                // Duplicate a chunk somewhere else (repeated headers, nested structures).
                let at = rng.below(len);
                let end = (at + 1 + rng.below(256)).min(len);
                let chunk = data[at..end].to_vec();
                let to = rng.below(len + 1);
                data.splice(to..to, chunk);
            }
            5 => {
                // Splice: the head of this input with the tail of another seed.
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            6 if len > 0 => data.truncate(rng.below(len)),
            _ => {
                let at = rng.below(len + 1);
                data.insert(at, rng.next() as u8);
            }
        }
        if data.len() > 4 * 1024 * 1024 {
            data.truncate(4 * 1024 * 1024);
        }
    }
    data
}

fn fuzz(name: &str, run: fn(&[u8]), seeds: &[Vec<u8>], budget: Duration, seed: u64) -> Result<u64, PathBuf> {
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let started = Instant::now();
    let mut count = 0u64;
    // The seeds themselves first.
    let mut inputs: Box<dyn Iterator<Item = Vec<u8>>> = Box::new(seeds.iter().cloned());
    loop {
        let input = match inputs.next() {
            Some(i) => i,
            None => {
                if started.elapsed() >= budget {
                    break;
                }
                inputs = Box::new(std::iter::once(mutate(&mut rng, seeds)));
                continue;
            }
        };
        count += 1;
        if std::panic::catch_unwind(|| run(&input)).is_err() {
            let _ = std::panic::take_hook();
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crashes");
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(format!("{name}-{count}.bin"));
            let _ = std::fs::write(&path, &input);
            // Run it again with the default hook so the panic message is shown.
            let _ = std::panic::catch_unwind(|| run(&input));
            return Err(path);
        }
    }
    let _ = std::panic::take_hook();
    Ok(count)
}
