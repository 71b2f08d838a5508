//! Secrets in the OS keychain, and nowhere else.
//!
//! AK/SK secret keys and production-interface keys go to the macOS Keychain, the
//! Windows Credential Manager or the Linux Secret Service through the `keyring`
//! crate. When no keychain answers, storing fails with a `keychain` error that says
//! how to fix it; there is deliberately no fallback file. Debug builds use their
//! own service name so development never touches a seller's real entries.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// The SK of an AK/SK pair for the Open API.
    SecretKey,
    /// The key bound to the production interfaces (Seller Center → Key Management).
    ProductionKey,
}

impl SecretKind {
    fn slug(self) -> &'static str {
        match self {
            SecretKind::SecretKey => "secret-key",
            SecretKind::ProductionKey => "production-key",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    #[error(
        "No system keychain is available ({0}). On Linux, Gallerist keeps keys in the Secret Service: install and \
         unlock GNOME Keyring or KWallet (for example, log in to a desktop session). On macOS and Windows, unlock \
         the keychain. The key was not stored anywhere."
    )]
    Unavailable(String),
    #[error("the keychain refused: {0}")]
    Refused(String),
}

/// Which secret: one kind, of one account, of one database. The namespace is a
/// random id kept in that database's settings, so two data folders (a test, or a
/// seller who keeps two) never overwrite each other's "account 2".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretName {
    pub namespace: String,
    pub account_id: i64,
    pub kind: SecretKind,
}

impl SecretName {
    /// The keychain entry's user name, e.g. `3f9c…:account-2-secret-key`.
    pub fn entry(&self) -> String {
        format!("{}:account-{}-{}", self.namespace, self.account_id, self.kind.slug())
    }
}

/// Where secrets live. `Keychain` in the app; `MemoryVault` in tests.
pub trait Vault: Send + Sync {
    fn put(&self, name: &SecretName, secret: &str) -> Result<(), VaultError>;
    fn get(&self, name: &SecretName) -> Result<Option<String>, VaultError>;
    /// Removing what is not there is not an error.
    fn delete(&self, name: &SecretName) -> Result<(), VaultError>;
}

/// The OS keychain under one service name.
pub struct Keychain {
    service: String,
}

impl Keychain {
    /// `gallerist` for release builds, `gallerist-dev` for development builds.
    pub fn for_this_build() -> Self {
        let service = if cfg!(debug_assertions) {
            "gallerist-dev"
        } else {
            "gallerist"
        };
        Keychain {
            service: service.to_string(),
        }
    }

    pub fn with_service(service: &str) -> Self {
        Keychain {
            service: service.to_string(),
        }
    }

    fn entry(&self, name: &SecretName) -> Result<keyring::Entry, VaultError> {
        keyring::Entry::new(&self.service, &name.entry()).map_err(map_err)
    }
}

fn map_err(e: keyring::Error) -> VaultError {
    match e {
        keyring::Error::NoStorageAccess(inner) => VaultError::Unavailable(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => VaultError::Unavailable(inner.to_string()),
        other => VaultError::Refused(other.to_string()),
    }
}

impl Vault for Keychain {
    fn put(&self, name: &SecretName, secret: &str) -> Result<(), VaultError> {
        self.entry(name)?.set_password(secret).map_err(map_err)
    }

    fn get(&self, name: &SecretName) -> Result<Option<String>, VaultError> {
        match self.entry(name)?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn delete(&self, name: &SecretName) -> Result<(), VaultError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}

/// Secrets held in this process only; for tests. Nothing reaches the disk.
#[derive(Default)]
pub struct MemoryVault(Mutex<HashMap<String, String>>);

impl MemoryVault {
    /// How many secrets are held (for tests that check removal).
    pub fn len(&self) -> usize {
        self.0.lock().expect("vault lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Vault for MemoryVault {
    fn put(&self, name: &SecretName, secret: &str) -> Result<(), VaultError> {
        self.0
            .lock()
            .expect("vault lock")
            .insert(name.entry(), secret.to_string());
        Ok(())
    }

    fn get(&self, name: &SecretName) -> Result<Option<String>, VaultError> {
        Ok(self.0.lock().expect("vault lock").get(&name.entry()).cloned())
    }

    fn delete(&self, name: &SecretName) -> Result<(), VaultError> {
        self.0.lock().expect("vault lock").remove(&name.entry());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_namespaced_per_database() {
        let a = SecretName {
            namespace: "aaaa".into(),
            account_id: 2,
            kind: SecretKind::SecretKey,
        };
        let b = SecretName {
            namespace: "bbbb".into(),
            ..a.clone()
        };
        assert_ne!(a.entry(), b.entry(), "account 2 of two databases are two entries");
        assert_eq!(a.entry(), "aaaa:account-2-secret-key");
    }

    #[test]
    fn keychain_errors_become_plain_words_with_the_fix() {
        let unavailable = map_err(keyring::Error::NoStorageAccess("no D-Bus session".into()));
        assert!(matches!(unavailable, VaultError::Unavailable(_)));
        let text = unavailable.to_string();
        assert!(
            text.contains("Secret Service") && text.contains("not stored anywhere"),
            "{text}"
        );
    }

    #[test]
    fn the_mock_keychain_maps_missing_and_failing_entries() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        let keychain = Keychain::with_service("gallerist-test");
        let name = |account_id, kind| SecretName {
            namespace: "ns".into(),
            account_id,
            kind,
        };
        let missing = name(2, SecretKind::ProductionKey);
        assert_eq!(
            keychain.get(&missing),
            Ok(None),
            "a missing entry is None, not an error"
        );
        assert_eq!(keychain.delete(&missing), Ok(()), "deleting nothing is fine");
        let entry = keychain.entry(&name(1, SecretKind::SecretKey)).unwrap();
        let mock: &keyring::mock::MockCredential = entry.get_credential().downcast_ref().unwrap();
        mock.set_error(keyring::Error::PlatformFailure("locked".into()));
        let failed = entry.set_password("x").map_err(map_err);
        assert!(
            matches!(failed, Err(VaultError::Unavailable(_))),
            "a locked keychain is unavailable: {failed:?}"
        );
    }
}
