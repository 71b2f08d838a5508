//! Listing drafts and KooGallery's listing standards as a versioned rule pack.
//!
//! WHY a module of its own: this is the part of Gallerist a seller uses before the
//! marketplace sees anything — a draft is checked offline against the same standards
//! KooGallery's reviewers apply, so a rejection three working days later becomes an
//! issue on the right field now. Everything here is pure: bytes, pack text and drafts
//! come in as values; nothing reads files or the clock.

pub mod blank;
pub mod checks;
pub mod example;
mod fields;
pub mod image;
mod image_body;
pub mod lifecycle;
pub mod model;
mod offer_checks;
pub mod pack;
mod params;
mod quote;
pub mod rules;
pub mod scan;
pub mod spec;
pub mod text;

#[cfg(test)]
mod image_damage_tests;
#[cfg(test)]
mod image_tests;
#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod pack_tests;
#[cfg(test)]
mod quote_tests;
#[cfg(test)]
mod rule_fixtures;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod site_rules_tests;
#[cfg(test)]
mod stated_rules_tests;

pub use model::{Delivery, Draft, Label, ProductType, ServiceFlow};
pub use rules::{Issue, Override, Overrides, Pack, PackError, Report, Severity};
