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

/// Where secrets live. `Keychain` in the app; `MemoryVault` in tests.
pub trait Vault: Send + Sync {
    fn put(&self, account_id: i64, kind: SecretKind, secret: &str) -> Result<(), VaultError>;
    fn get(&self, account_id: i64, kind: SecretKind) -> Result<Option<String>, VaultError>;
    /// Removing what is not there is not an error.
    fn delete(&self, account_id: i64, kind: SecretKind) -> Result<(), VaultError>;
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

    fn entry(&self, account_id: i64, kind: SecretKind) -> Result<keyring::Entry, VaultError> {
        keyring::Entry::new(&self.service, &format!("account-{account_id}-{}", kind.slug())).map_err(map_err)
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
    fn put(&self, account_id: i64, kind: SecretKind, secret: &str) -> Result<(), VaultError> {
        self.entry(account_id, kind)?.set_password(secret).map_err(map_err)
    }

    fn get(&self, account_id: i64, kind: SecretKind) -> Result<Option<String>, VaultError> {
        match self.entry(account_id, kind)?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn delete(&self, account_id: i64, kind: SecretKind) -> Result<(), VaultError> {
        match self.entry(account_id, kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}

/// Secrets held in this process only; for tests. Nothing reaches the disk.
#[derive(Default)]
pub struct MemoryVault(Mutex<HashMap<(i64, SecretKind), String>>);

impl Vault for MemoryVault {
    fn put(&self, account_id: i64, kind: SecretKind, secret: &str) -> Result<(), VaultError> {
        self.0
            .lock()
            .expect("vault lock")
            .insert((account_id, kind), secret.to_string());
        Ok(())
    }

    fn get(&self, account_id: i64, kind: SecretKind) -> Result<Option<String>, VaultError> {
        Ok(self.0.lock().expect("vault lock").get(&(account_id, kind)).cloned())
    }

    fn delete(&self, account_id: i64, kind: SecretKind) -> Result<(), VaultError> {
        self.0.lock().expect("vault lock").remove(&(account_id, kind));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            keychain.get(2, SecretKind::ProductionKey),
            Ok(None),
            "a missing entry is None, not an error"
        );
        assert_eq!(
            keychain.delete(2, SecretKind::ProductionKey),
            Ok(()),
            "deleting nothing is fine"
        );
        let entry = keychain.entry(1, SecretKind::SecretKey).unwrap();
        let mock: &keyring::mock::MockCredential = entry.get_credential().downcast_ref().unwrap();
        mock.set_error(keyring::Error::PlatformFailure("locked".into()));
        let failed = entry.set_password("x").map_err(map_err);
        assert!(
            matches!(failed, Err(VaultError::Unavailable(_))),
            "a locked keychain is unavailable: {failed:?}"
        );
    }
}
