//! The HIBP client against a local server on 127.0.0.1 that answers like HIBP does: found,
//! not found, a refused key, rate limiting with retry-after, and a server that is not HIBP.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use redress_online::{BreachCheck, HibpClient, OnlineError};

/// One canned answer: status, extra headers, body.
type Answer = (u16, Vec<(&'static str, String)>, String);

/// Serves `answers` in order, one per connection, and records each request's first line and headers.
fn server(answers: Vec<Answer>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for (status, headers, body) in answers {
            let Ok((mut stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                request.push_str(&line);
            }
            log.lock().expect("log").push(request);
            let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    (base, seen)
}

const FOUND: &str = r#"[{"Name":"Apollo","Title":"Apollo","Domain":"apollo.io","BreachDate":"2018-07-23","AddedDate":"2018-10-05T19:14:11Z","PwnCount":125929660,"Description":"…","DataClasses":["Email addresses","Employers","Job titles","Names","Phone numbers"],"IsVerified":true,"IsFabricated":false,"IsSensitive":false,"IsRetired":false,"IsSpamList":false,"LogoPath":"x.png"},
{"Name":"LinkedInScrape","Title":"LinkedIn Scraped Data","Domain":"linkedin.com","BreachDate":"2021-04-08","AddedDate":"2021-10-02T21:39:21Z","PwnCount":125698496,"DataClasses":["Email addresses","Job titles"],"IsVerified":true,"IsFabricated":false,"IsSensitive":false,"IsRetired":false,"IsSpamList":false}]"#;

fn client(base: &str) -> HibpClient {
    HibpClient::new(base, "Redress-test/0.1")
}

#[test]
fn found_breaches_are_read_and_the_request_carries_key_agent_and_encoded_address() {
    let (base, seen) = server(vec![(200, vec![], FOUND.into())]);
    let check = client(&base).breached_account("k-123", "camille+b2b@example.org").expect("check");
    let BreachCheck::Found(breaches) = check else { panic!("expected breaches") };
    assert_eq!(breaches.len(), 2);
    assert_eq!(breaches[0].name, "Apollo");
    assert_eq!(breaches[0].pwn_count, 125_929_660);
    assert_eq!(breaches[0].breach_date.as_deref(), Some("2018-07-23"));
    assert!(breaches[0].data_classes.contains(&"Phone numbers".to_owned()));
    let request = seen.lock().expect("log")[0].to_ascii_lowercase();
    assert!(
        request.starts_with("get /api/v3/breachedaccount/camille%2bb2b%40example%2eorg?truncateresponse=false "),
        "{request}"
    );
    assert!(request.contains("hibp-api-key: k-123"), "{request}");
    assert!(request.contains("user-agent: redress-test/0.1"), "{request}");
}

#[test]
fn not_found_is_a_clean_answer() {
    let (base, _) = server(vec![(404, vec![], String::new())]);
    assert_eq!(client(&base).breached_account("k", "nobody@example.org"), Ok(BreachCheck::NotFound));
}

#[test]
fn a_refused_key_says_what_to_do_and_never_shows_the_key() {
    let (base, _) = server(vec![(
        401,
        vec![],
        r#"{"statusCode":401,"message":"Access denied due to invalid hibp-api-key."}"#.into(),
    )]);
    let err = client(&base).breached_account("secret-key-987", "a@example.org").expect_err("401");
    assert_eq!(err, OnlineError::Unauthorized);
    let text = err.to_string();
    assert!(text.contains("haveibeenpwned.com/API/Key") && !text.contains("secret-key-987"), "{text}");
}

#[test]
fn rate_limiting_waits_as_asked_then_succeeds() {
    let (base, seen) = server(vec![
        (
            429,
            vec![("retry-after", "3".into())],
            r#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 3 seconds."}"#.into(),
        ),
        (200, vec![], FOUND.into()),
    ]);
    let waits = Arc::new(Mutex::new(Vec::new()));
    let record = waits.clone();
    let check = client(&base)
        .with_sleep(move |d| record.lock().expect("waits").push(d))
        .breached_account("k", "a@example.org")
        .expect("second try succeeds");
    assert!(matches!(check, BreachCheck::Found(_)));
    assert_eq!(*waits.lock().expect("waits"), vec![Duration::from_secs(3)]);
    assert_eq!(seen.lock().expect("log").len(), 2);
}

#[test]
fn a_long_or_repeated_rate_limit_is_reported_not_slept_through() {
    let (base, _) = server(vec![(429, vec![("retry-after", "3600".into())], String::new())]);
    let err = client(&base).with_sleep(|_| panic!("must not wait an hour")).breached_account("k", "a@example.org");
    assert_eq!(err, Err(OnlineError::RateLimited { seconds: 3600 }));

    let limited = || (429, vec![("retry-after", "1".into())], String::new());
    let (base, seen) = server(vec![limited(), limited(), limited(), limited()]);
    let err = client(&base).with_sleep(|_| {}).breached_account("k", "a@example.org");
    assert_eq!(err, Err(OnlineError::RateLimited { seconds: 1 }));
    assert_eq!(seen.lock().expect("log").len(), 3, "one try and two retries");
}

#[test]
fn other_failures_are_explained() {
    let (base, _) = server(vec![(200, vec![], "<html>captive portal</html>".into())]);
    assert!(matches!(client(&base).breached_account("k", "a@example.org"), Err(OnlineError::BadAnswer(_))));
    let (base, _) = server(vec![(403, vec![], String::new())]);
    let err = client(&base).breached_account("k", "a@example.org").expect_err("403").to_string();
    assert!(err.contains("user agent"), "{err}");
    assert!(matches!(client(&base).breached_account("k", "not-an-address"), Err(OnlineError::InvalidAddress(_))));
    // Nothing listens on port 9 of 127.0.0.1.
    let err = client("http://127.0.0.1:9").breached_account("k", "a@example.org").expect_err("closed port");
    assert!(matches!(err, OnlineError::Network(_)), "{err:?}");
}

#[test]
fn an_override_with_the_userinfo_trick_is_refused() {
    use redress_online::checked_base_url;
    // (override, the base the client is given): rebuilt from the parsed host, port and path.
    for (ok, base) in [
        ("http://127.0.0.1:4010", "http://127.0.0.1:4010"),
        ("http://127.0.0.1:4010/", "http://127.0.0.1:4010"),
        ("https://127.0.0.1:4010/hibp/", "https://127.0.0.1:4010/hibp"),
        ("http://localhost:80", "http://localhost"),
        ("http://LOCALHOST:8080", "http://localhost:8080"),
        ("http://[::1]:9", "http://[::1]:9"),
        ("http://127.1:9", "http://127.0.0.1:9"),
    ] {
        assert_eq!(checked_base_url(ok).as_deref(), Ok(base), "{ok}");
    }
    for bad in [
        // The reproducer: the host is 192.0.2.2, "127.0.0.1:1" is a user name and password.
        "http://127.0.0.1:1@192.0.2.2:8099",
        "http://127.0.0.1@evil.example",
        "http://[::1]@evil.example",
        "http://localhost:80@evil.example/",
        "http://evil.example#@127.0.0.1",
        "http://evil.example?@127.0.0.1",
        "http://evil.example\\@127.0.0.1",
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example",
        "http://127.0.0.1:4010/?x=1",
        "https://haveibeenpwned.com",
        "https://mirror.example/",
        "http://haveibeenpwned.com",
        "http://192.0.2.2",
        "http://[::ffff:192.0.2.2]",
        "http://0.0.0.0:80",
        "ftp://127.0.0.1",
        "file:///etc/passwd",
        "127.0.0.1:4010",
        "",
    ] {
        assert!(checked_base_url(bad).is_err(), "{bad} was accepted as {:?}", checked_base_url(bad));
    }
}

#[test]
fn an_override_without_the_test_mode_flag_is_refused() {
    use redress_online::{BASE_URL_ENV, TEST_MODE_ENV, base_url_override};
    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }
    assert_eq!(base_url_override(env(&[])), Ok(None));
    assert_eq!(base_url_override(env(&[(TEST_MODE_ENV, "1")])), Ok(None));
    let refused = base_url_override(env(&[(BASE_URL_ENV, "http://127.0.0.1:4010")])).expect_err("no flag");
    assert!(refused.to_string().contains("REDRESS_TEST_MODE=1"), "{refused}");
    assert!(base_url_override(env(&[(BASE_URL_ENV, "http://127.0.0.1:4010"), (TEST_MODE_ENV, "yes")])).is_err());
    assert_eq!(
        base_url_override(env(&[(BASE_URL_ENV, "http://127.0.0.1:4010"), (TEST_MODE_ENV, "1")])),
        Ok(Some("http://127.0.0.1:4010".to_owned()))
    );
    let tricked = [(BASE_URL_ENV, "http://127.0.0.1:1@192.0.2.2:8099"), (TEST_MODE_ENV, "1")];
    let refused = base_url_override(env(&tricked)).expect_err("userinfo");
    assert!(refused.to_string().contains("user name or password"), "{refused}");
}

#[test]
fn several_addresses_stop_at_the_first_failure_and_keep_the_answers_before_it() {
    let (base, seen) = server(vec![(200, vec![], FOUND.into()), (401, vec![], String::new())]);
    let emails = vec!["a@example.org".to_owned(), "b@example.org".to_owned(), "c@example.org".to_owned()];
    let (answers, failure) = client(&base).check_addresses("k", &emails);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].0, "a@example.org");
    assert_eq!(answers[0].1.len(), 2);
    assert_eq!(failure, Some(OnlineError::Unauthorized));
    assert_eq!(seen.lock().expect("log").len(), 2, "the third address is not sent");
}

#[test]
fn an_api_key_is_trimmed_and_must_look_like_one() {
    use redress_online::api_key;
    assert_eq!(api_key("  0123456789abcdef0123456789abcdef\n"), Ok("0123456789abcdef0123456789abcdef"));
    for bad in ["", "short", "0123456789 abcdef0123456789abcdef"] {
        assert_eq!(api_key(bad), Err(OnlineError::InvalidKey), "{bad:?}");
    }
}
