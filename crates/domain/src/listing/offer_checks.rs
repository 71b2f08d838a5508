//! Checks on what is offered and how: specifications, prices, delivery duration,
//! support languages, sales regions and the copyright files.
//!
//! WHY a file of its own: these checks read the commercial part of a draft (specs,
//! SKUs, after-sales terms) rather than its page text and images, and they grow as
//! KooGallery's pricing and delivery rules do; `checks.rs` dispatches to them.

use crate::listing::checks::Check;
use crate::listing::model::{Asset, Attribute, BillingMode, Copyright, Delivery, Draft};
use crate::listing::scan;

impl Check {
    /// [`Check::run`] for the offer checks; other checks pass here.
    pub(crate) fn run_offer(&self, d: &Draft) -> Vec<String> {
        let one = |bad: bool, path: &str| if bad { vec![path.to_string()] } else { Vec::new() };
        match self {
            Check::AttributeLimits { max_quantity, max_enum } => d
                .specs
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    let q = s
                        .attributes
                        .iter()
                        .filter(|a| matches!(a, Attribute::Quantity { .. }))
                        .count();
                    q > *max_quantity || s.attributes.len() - q > *max_enum
                })
                .map(|(i, _)| format!("specs[{i}].attributes"))
                .collect(),
            Check::Trial { min_days, max_days } => d
                .specs
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.trial_days
                        .is_some_and(|t| s.billing != BillingMode::YearlyMonthly || t < *min_days || t > *max_days)
                })
                .map(|(i, _)| format!("specs[{i}].trial_days"))
                .collect(),
            Check::PurchaseLimitMode => d
                .specs
                .iter()
                .enumerate()
                .filter(|(_, s)| s.purchase_limit.is_some() && s.billing == BillingMode::PayPerUse)
                .map(|(i, _)| format!("specs[{i}].purchase_limit"))
                .collect(),
            Check::BillingModes { allowed } => {
                let ty = d.product_type();
                let Some((_, modes)) = allowed.iter().find(|(t, _)| *t == ty) else {
                    return Vec::new();
                };
                d.specs
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| !modes.contains(&s.billing))
                    .map(|(i, _)| format!("specs[{i}].billing"))
                    .collect()
            }
            Check::FreeModePrice => d
                .specs
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    let free_priced = s.skus.iter().all(|k| k.price.minor == 0);
                    (s.billing == BillingMode::Free) != free_priced
                })
                .map(|(i, _)| format!("specs[{i}].billing"))
                .collect(),
            Check::SpecNameLength { max_chars } => spec_names(d, |n| n.chars().count() > *max_chars),
            Check::SpecNameTerms { terms } => spec_names(d, |n| scan::contains_any(n, terms)),
            Check::SpecNamePhone { min_digits } => spec_names(d, |n| scan::contains_phone(n, *min_digits)),
            Check::ConsultingLink => match &d.delivery {
                Delivery::Consulting { seller_url } => {
                    let url = seller_url.trim();
                    one(
                        !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 12,
                        "delivery.consulting.seller_url",
                    )
                }
                _ => Vec::new(),
            },
            Check::NoPrices => d
                .specs
                .iter()
                .enumerate()
                .filter(|(_, s)| s.skus.iter().any(|k| k.price.minor != 0))
                .map(|(i, _)| format!("specs[{i}].skus"))
                .collect(),
            Check::SupportLanguage { languages, words } => {
                let a = &d.after_sales;
                let ok = if a.languages.is_empty() {
                    scan::contains_any(&a.content, words)
                } else {
                    a.languages
                        .iter()
                        .any(|l| languages.iter().any(|w| w.eq_ignore_ascii_case(l.trim())))
                };
                one(!ok, "after_sales.languages")
            }
            Check::DeliveryDays { max_days } => {
                one(d.delivery_days.is_none_or(|n| n == 0 || n > *max_days), "delivery_days")
            }
            Check::CopyrightFileType { extensions } => copyright_files(d, |a| {
                let ext = a.file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
                !ext.is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(&e)))
            }),
            Check::CopyrightFileBytes { max_bytes } => copyright_files(d, |a| a.bytes > *max_bytes),
            Check::RegionsWithin { allowed } => d
                .sales_regions
                .iter()
                .enumerate()
                .filter(|(_, r)| !allowed.iter().any(|a| a.eq_ignore_ascii_case(r.trim())))
                .map(|(i, _)| format!("sales_regions[{i}]"))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// `specs[i].name` for each spec whose (trimmed) name `bad` objects to.
fn spec_names(d: &Draft, bad: impl Fn(&str) -> bool) -> Vec<String> {
    d.specs
        .iter()
        .enumerate()
        .filter(|(_, s)| bad(s.name.trim()))
        .map(|(i, _)| format!("specs[{i}].name"))
        .collect()
}

/// `copyright.file` when the certificate or declaration letter's file is one `bad` objects to.
fn copyright_files(d: &Draft, bad: impl Fn(&Asset) -> bool) -> Vec<String> {
    let file = match &d.copyright {
        Some(Copyright::Certificate { file, .. }) | Some(Copyright::DeclarationLetter { file }) => file.as_ref(),
        None => None,
    };
    match file {
        Some(a) if bad(a) => vec!["copyright.file".to_string()],
        _ => Vec::new(),
    }
}
