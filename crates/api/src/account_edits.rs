//! Adding, editing and removing marketplace accounts with their keys.
//!
//! The row (name, site, base URL, public access key id) goes to SQLite; the secret
//! key and the production-interface key go to the [`Vault`](crate::vault::Vault)
//! only. If the keychain refuses, the account is not created — a half-made
//! account whose key went nowhere would fail later with a worse message.

use crate::vault::SecretKind;
use crate::{ApiError, Core};
use gallerist_domain::Site;
use gallerist_store::accounts::{self, Account, AccountEdit, NewAccount};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddAccount {
    pub name: String,
    pub site: String,
    pub base_url: Option<String>,
    pub access_key_id: String,
    pub secret_key: String,
    pub production_key: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateAccount {
    pub account_id: i64,
    pub name: Option<String>,
    pub base_url: Option<String>,
    pub access_key_id: Option<String>,
    /// Replaces the stored secret key; the old one is never shown.
    pub secret_key: Option<String>,
    pub production_key: Option<String>,
}

fn secret(value: &str, what: &str) -> Result<String, ApiError> {
    let v = value.trim();
    if v.is_empty() || v.chars().any(char::is_whitespace) {
        return Err(ApiError::invalid(format!("the {what} is empty or contains spaces")));
    }
    Ok(v.to_string())
}

fn base_url(site: Site, given: Option<&str>) -> Result<String, ApiError> {
    let given = given.map(str::trim).filter(|u| !u.is_empty());
    let url = match (given, site.default_base_url()) {
        (Some(u), _) => u.trim_end_matches('/').to_string(),
        (None, Some(default)) => default.to_string(),
        (None, None) => {
            return Err(ApiError::invalid(
                "a custom site needs a base URL such as https://example.com",
            ))
        }
    };
    let host = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match host {
        Some(h) if !h.is_empty() && !h.contains(char::is_whitespace) => Ok(url),
        _ => Err(ApiError::invalid(format!("'{url}' is not an http(s) URL"))),
    }
}

pub fn add_account(core: &Core, args: AddAccount) -> Result<Account, ApiError> {
    let site = Site::parse(&args.site)
        .filter(|s| *s != Site::Sandbox)
        .ok_or_else(|| ApiError::invalid(format!("'{}' is not a site; use cn, intl, eu or custom", args.site)))?;
    let new = NewAccount {
        name: args.name.trim().to_string(),
        site,
        base_url: base_url(site, args.base_url.as_deref())?,
        access_key_id: Some(secret(&args.access_key_id, "access key id")?),
    };
    let sk = secret(&args.secret_key, "secret key")?;
    let production = args
        .production_key
        .as_deref()
        .map(|k| secret(k, "production-interface key"))
        .transpose()?;
    let now = core.clock.now();
    let account = core.store.write(|tx| accounts::insert(tx, &new, now))?;
    let stored = core
        .vault
        .put(&core.secret(account.id, SecretKind::SecretKey), &sk)
        .and_then(|()| match &production {
            Some(key) => core.vault.put(&core.secret(account.id, SecretKind::ProductionKey), key),
            None => Ok(()),
        });
    if let Err(e) = stored {
        let _ = core.vault.delete(&core.secret(account.id, SecretKind::SecretKey));
        core.store.write(|tx| accounts::remove(tx, account.id))?;
        return Err(e.into());
    }
    core.store
        .write(|tx| accounts::mark_secrets(tx, account.id, Some(true), Some(production.is_some())))?;
    Ok(accounts::get(&*core.store.conn()?, account.id)?)
}

pub fn update_account(core: &Core, args: UpdateAccount) -> Result<Account, ApiError> {
    let current = accounts::get(&*core.store.conn()?, args.account_id)?;
    if current.is_sandbox {
        return Err(ApiError::invalid("the built-in Sandbox account cannot be edited"));
    }
    let edit = AccountEdit {
        name: args.name,
        base_url: args
            .base_url
            .as_deref()
            .map(|u| base_url(current.site, Some(u)))
            .transpose()?,
        access_key_id: args
            .access_key_id
            .as_deref()
            .map(|k| secret(k, "access key id"))
            .transpose()?,
    };
    let sk = args
        .secret_key
        .as_deref()
        .map(|k| secret(k, "secret key"))
        .transpose()?;
    let production = args
        .production_key
        .as_deref()
        .map(|k| secret(k, "production-interface key"))
        .transpose()?;
    if let Some(sk) = &sk {
        core.vault.put(&core.secret(current.id, SecretKind::SecretKey), sk)?;
    }
    if let Some(key) = &production {
        core.vault
            .put(&core.secret(current.id, SecretKind::ProductionKey), key)?;
    }
    Ok(core.store.write(|tx| {
        accounts::mark_secrets(
            tx,
            current.id,
            sk.as_ref().map(|_| true),
            production.as_ref().map(|_| true),
        )?;
        accounts::update(tx, current.id, &edit)
    })?)
}

/// Removes the account, its orders and its keys. The keys go first: if the
/// keychain cannot delete them, the account stays so nothing is orphaned.
pub fn remove_account(core: &Core, args: crate::accounts::AccountArg) -> Result<(), ApiError> {
    let account = accounts::get(&*core.store.conn()?, args.account_id)?;
    if account.is_sandbox {
        return Err(ApiError::invalid("the built-in Sandbox account cannot be removed"));
    }
    core.vault.delete(&core.secret(account.id, SecretKind::SecretKey))?;
    core.vault.delete(&core.secret(account.id, SecretKind::ProductionKey))?;
    Ok(core.store.write(|tx| accounts::remove(tx, account.id))?)
}
