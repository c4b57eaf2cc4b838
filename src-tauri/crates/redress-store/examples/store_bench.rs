//! Store benchmark: open time and the time to insert and list 10,000 profiles.
//!
//! `cargo run -p redress-store --example store_bench [--release]`
//! Uses a passphrase store in a temporary folder, so no keyring is needed.

use std::time::Instant;

use redress_core::identity::{Lang, ProfileInput};
use redress_store::{NewKey, NoKeyring, Passphrase, Store};

fn person(i: usize) -> ProfileInput {
    ProfileInput {
        name: format!("Person Number {i}"),
        address: vec![format!("{i} rue de la Paix"), "75002 Paris".into()],
        emails: vec![format!("person{i}@example.org")],
        phones: vec![format!("+33 6 {:02} {:02} {:02} {:02}", i % 100, (i / 100) % 100, 12, 34)],
        employer: Some("Example SA".into()),
        linkedin_url: None,
        lang: Lang::Fr,
        notes: None,
        acting_for: true,
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let pass = Passphrase::new("benchmark passphrase".into());
    let now = jiff::Timestamp::UNIX_EPOCH;

    let t = Instant::now();
    drop(Store::create(&path, NewKey::Passphrase(pass.clone()), &NoKeyring)?);
    println!("create (Argon2id 64 MiB/3 passes + schema): {:>8.1} ms", ms(t));

    let t = Instant::now();
    let mut store = Store::open(&path, Some(&pass), &NoKeyring)?;
    println!("open (Argon2id + key check + migrations):   {:>8.1} ms", ms(t));

    let t = Instant::now();
    let n = store.add_profiles((0..10_000).map(person).collect(), now)?;
    println!("insert {n} profiles, one transaction:    {:>8.1} ms", ms(t));

    let t = Instant::now();
    for i in 0..200 {
        store.add_profile(person(10_000 + i), now)?;
    }
    println!(
        "insert 200 profiles, one commit each:        {:>8.1} ms ({:.2} ms per durable commit)",
        ms(t),
        ms(t) / 200.0
    );

    let t = Instant::now();
    let all = store.profiles()?;
    println!("list {} profiles:                         {:>8.1} ms", all.len(), ms(t));

    drop(store);
    let size = std::fs::metadata(&path)?.len();
    println!("store file: {:.1} MiB", size as f64 / 1024.0 / 1024.0);
    Ok(())
}
