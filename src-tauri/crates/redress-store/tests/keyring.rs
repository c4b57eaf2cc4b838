//! Keyring mode against the real system keyring. `scripts/test-all.sh` runs this file twice:
//! inside `dbus-run-session` with an unlocked gnome-keyring (REDRESS_KEYRING_EXPECT=available),
//! and with no session bus at all (REDRESS_KEYRING_EXPECT=absent). Run without that variable
//! (plain `cargo test`), the tests say they were skipped: they need a prepared session.

use redress_core::identity::ProfileInput;
use redress_store::{NewKey, Passphrase, Store, StoreError, SystemKeyring, UnlockMode};

fn expect() -> Option<String> {
    let v = std::env::var("REDRESS_KEYRING_EXPECT").ok();
    if v.is_none() {
        eprintln!("skipped: set REDRESS_KEYRING_EXPECT (scripts/test-all.sh does) to run keyring tests");
    }
    v
}

#[test]
fn keyring_store_lifecycle() {
    if expect().as_deref() != Some("available") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let mut store = Store::create(&path, NewKey::Keyring, &SystemKeyring).expect("create in keyring mode");
    assert_eq!(store.mode(), UnlockMode::Keyring);
    store
        .add_profile(ProfileInput { name: "Malik".into(), ..Default::default() }, jiff::Timestamp::UNIX_EPOCH)
        .expect("add");
    drop(store);

    // Opens with nothing typed: the key comes from the Secret Service.
    let mut store = Store::open(&path, None, &SystemKeyring).expect("open from keyring");
    assert_eq!(store.profiles().expect("list").len(), 1);

    // Switch to a passphrase and back, losing nothing.
    let pass = Passphrase::new("switching passphrase".into());
    store.change_key(NewKey::Passphrase(pass.clone()), &SystemKeyring).expect("to passphrase");
    drop(store);
    let err = Store::open(&path, None, &SystemKeyring).expect_err("now needs the passphrase");
    assert!(matches!(err, StoreError::PassphraseRequired { .. }), "{err}");
    let mut store = Store::open(&path, Some(&pass), &SystemKeyring).expect("open with passphrase");
    store.change_key(NewKey::Keyring, &SystemKeyring).expect("back to keyring");
    drop(store);
    let store = Store::open(&path, None, &SystemKeyring).expect("keyring again");
    assert_eq!(store.profiles().expect("list").len(), 1);
    assert_eq!(store.integrity_check().expect("check"), "ok");
    store.destroy(&SystemKeyring).expect("destroy");
}

#[test]
fn no_keyring_gives_a_plain_answer_and_the_passphrase_path_works() {
    if expect().as_deref() != Some("absent") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("redress.db");
    let err = Store::create(&path, NewKey::Keyring, &SystemKeyring).expect_err("no keyring");
    assert!(matches!(err, StoreError::KeyringUnavailable { .. }), "{err}");
    assert!(err.to_string().contains("Use a passphrase instead"), "{err}");
    assert!(!path.exists());
    let pass = Passphrase::new("fallback passphrase".into());
    drop(Store::create(&path, NewKey::Passphrase(pass.clone()), &SystemKeyring).expect("passphrase store"));
    assert!(Store::open(&path, Some(&pass), &SystemKeyring).is_ok());
}

#[test]
fn an_api_key_lives_in_the_keyring_only() {
    use redress_store::{TextVault, VaultError};
    let account = "test-api-key-roundtrip";
    match expect().as_deref() {
        Some("available") => {
            SystemKeyring.delete_text(account).expect("clean start");
            assert_eq!(SystemKeyring.get_text(account).map(|_| ()), Err(VaultError::Missing));
            SystemKeyring.set_text(account, &Passphrase::new("0123456789abcdef".into())).expect("set");
            assert_eq!(SystemKeyring.get_text(account).expect("get").expose(), "0123456789abcdef");
            SystemKeyring.set_text(account, &Passphrase::new("replaced".into())).expect("replace");
            assert_eq!(SystemKeyring.get_text(account).expect("get").expose(), "replaced");
            SystemKeyring.delete_text(account).expect("delete");
            assert_eq!(SystemKeyring.get_text(account).map(|_| ()), Err(VaultError::Missing));
        }
        Some("absent") => {
            let err = SystemKeyring.set_text(account, &Passphrase::new("x".into())).expect_err("no keyring");
            assert!(matches!(err, VaultError::Unavailable(_)), "{err:?}");
        }
        _ => {}
    }
}
