//! The real OS keychain. On Linux this needs a Secret Service on the session bus;
//! `cargo xtask test` runs it inside `dbus-run-session` with gnome-keyring unlocked.

use gallerist_api::vault::{Keychain, SecretKind, SecretName, Vault};

#[test]
#[ignore = "needs a Secret Service; cargo xtask test runs it under dbus-run-session with gnome-keyring"]
fn stores_reads_and_deletes_a_key_in_the_system_keychain() {
    let keychain = Keychain::with_service("gallerist-e2e-test");
    let name = SecretName {
        namespace: format!("e2e{}", std::process::id()),
        account_id: 1,
        kind: SecretKind::SecretKey,
    };
    keychain
        .put(&name, "e2e-secret-value")
        .expect("the keychain stores the key");
    assert_eq!(
        keychain.get(&name).unwrap().as_deref(),
        Some("e2e-secret-value"),
        "it reads back"
    );
    keychain.put(&name, "e2e-secret-replaced").expect("replacing works");
    assert_eq!(keychain.get(&name).unwrap().as_deref(), Some("e2e-secret-replaced"));
    keychain.delete(&name).expect("the key is deleted");
    assert_eq!(keychain.get(&name).unwrap(), None, "a deleted key is gone");
}
