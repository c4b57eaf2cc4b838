//! `redress breaches` and `redress hibp`: the offline catalogue, and the online check against a
//! local server on 127.0.0.1 standing in for Have I Been Pwned (REDRESS_HIBP_URL).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

use serde_json::Value;

use super::redress;

/// Answers each connection with the next (status, headers, body); returns the base URL.
fn hibp_server(answers: Vec<(u16, &'static str, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for (status, headers, body) in answers {
            let Ok((mut stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let head =
                format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    base
}

const APOLLO_AND_ADOBE: &str = r#"[{"Name":"Apollo","Title":"Apollo","Domain":"apollo.io","BreachDate":"2018-07-23","PwnCount":125929660,"DataClasses":["Email addresses","Employers"]},{"Name":"Adobe","Title":"Adobe","Domain":"adobe.com","BreachDate":"2013-10-04","PwnCount":152445165,"DataClasses":["Email addresses","Passwords"]}]"#;

fn key_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("hibp.key");
    std::fs::write(&path, "0123456789abcdef0123456789abcdef\n").expect("write key");
    path
}

#[test]
fn the_breach_catalogue_lists_vendor_leaks_offline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = redress(dir.path()).arg("breaches").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("Apollo") && text.contains("Apollo.io (apollo)") && text.contains("125,929,660"), "{text}");
    assert!(text.contains("LinkedInScrape") && text.contains("scraped profiles"), "{text}");
    let out = redress(dir.path()).args(["breaches", "--json"]).assert().success().get_output().stdout.clone();
    let json: Value = serde_json::from_slice(&out).expect("json");
    let pdl = json.as_array().expect("array").iter().find(|b| b["name"] == "PDL").expect("PDL");
    assert_eq!(pdl["vendor"], "people-data-labs");
    assert_eq!(pdl["kind"], "vendor");
}

#[test]
fn hibp_check_tells_b2b_breaches_from_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = key_file(dir.path());
    let base = hibp_server(vec![(200, "", APOLLO_AND_ADOBE.into()), (404, "", String::new())]);
    let out = redress(dir.path())
        .env("REDRESS_HIBP_URL", &base)
        .env("REDRESS_TEST_MODE", "1")
        .args(["hibp", "check", "camille@example.org", "clean@example.org", "--key-file"])
        .arg(&key)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("camille@example.org: in 2 breach(es), 1 from the B2B data trade."), "{text}");
    assert!(text.contains("! Apollo (2018-07-23) — vendor apollo: send it an access request"), "{text}");
    assert!(text.contains("other breaches: Adobe"), "{text}");
    assert!(text.contains("clean@example.org: in no breach known to Have I Been Pwned."), "{text}");

    let base = hibp_server(vec![(200, "", APOLLO_AND_ADOBE.into())]);
    let out = redress(dir.path())
        .env("REDRESS_HIBP_URL", &base)
        .env("REDRESS_TEST_MODE", "1")
        .args(["hibp", "check", "camille@example.org", "--json", "--key-file"])
        .arg(&key)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(json[0]["b2b"][0]["vendor"], "apollo");
    assert_eq!(json[0]["breaches"].as_array().expect("array").len(), 2);
}

#[test]
fn hibp_failures_are_user_errors_that_say_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = key_file(dir.path());
    let cases = [
        ((401, "", r#"{"statusCode":401}"#.to_owned()), "refused the API key"),
        ((429, "retry-after: 7200\r\n", String::new()), "wait 7200 s"),
    ];
    for (answer, expected) in cases {
        let base = hibp_server(vec![answer]);
        let assert = redress(dir.path())
            .env("REDRESS_HIBP_URL", &base)
            .env("REDRESS_TEST_MODE", "1")
            .args(["hibp", "check", "a@example.org", "--key-file"])
            .arg(&key)
            .assert()
            .code(1);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("utf-8");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("0123456789abcdef"), "the key never shows: {stderr}");
    }
}

/// The key kept in a real Secret Service (the session scripts/test-all.sh prepares).
#[test]
fn hibp_key_in_the_keyring_is_used_and_forgotten() {
    if std::env::var("REDRESS_KEYRING_EXPECT").as_deref() != Ok("available") {
        eprintln!("skipped: needs the keyring session prepared by scripts/test-all.sh");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let key = key_file(dir.path());
    redress(dir.path()).args(["hibp", "set-key", "--key-file"]).arg(&key).assert().success();
    let base = hibp_server(vec![(404, "", String::new())]);
    redress(dir.path())
        .env("REDRESS_HIBP_URL", &base)
        .env("REDRESS_TEST_MODE", "1")
        .args(["hibp", "check", "a@example.org"])
        .assert()
        .success()
        .stdout(predicates::str::contains("in no breach"));
    redress(dir.path()).args(["hibp", "forget-key"]).assert().success();
    let assert = redress(dir.path()).args(["hibp", "check", "a@example.org"]).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("utf-8");
    assert!(stderr.contains("no HIBP API key is stored"), "{stderr}");
}

#[test]
fn hibp_answers_kept_for_a_person_feed_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = key_file(dir.path());
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "hibp board passphrase\n").expect("write");
    let run = |args: &[&str]| {
        let mut cmd = redress(dir.path());
        cmd.arg("--passphrase-file").arg(&pass).args(args);
        cmd
    };
    run(&["store", "init"]).assert().success();
    run(&["profile", "add", "--name", "Camille Martin", "--email", "camille@example.org"]).assert().success();
    let base = hibp_server(vec![(200, "", APOLLO_AND_ADOBE.into())]);
    run(&["hibp", "check", "camille@example.org", "--profile", "1", "--key-file"])
        .arg(&key)
        .env("REDRESS_HIBP_URL", &base)
        .env("REDRESS_TEST_MODE", "1")
        .assert()
        .success();
    let out = run(&["board", "--profile", "1"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("HAS YOUR DATA  Apollo.io"), "{text}");
    assert!(text.contains("Your address camille@example.org is in the Apollo breach"), "{text}");
    // Another computer is refused before anything is sent, tricks included, and so is the
    // override without the test-mode flag.
    for (url, flag, says) in [
        ("http://hibp.example", "1", "its host is not this computer"),
        ("http://127.0.0.1:1@192.0.2.2:8099", "1", "user name or password"),
        (base.as_str(), "0", "only honoured by tests"),
    ] {
        let assert = run(&["hibp", "check", "camille@example.org", "--key-file"])
            .arg(&key)
            .env("REDRESS_HIBP_URL", url)
            .env("REDRESS_TEST_MODE", flag)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains(says), "{url}: {stderr}");
    }
}
