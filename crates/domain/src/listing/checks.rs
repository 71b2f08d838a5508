//! The checks a rule can name, with their parameters, and how each judges a draft.
//!
//! WHY a closed set: a pack can only combine checks this build knows, so a pack typo
//! is a load error ("`check` has the value \"name_phone\", which is not a known check")
//! instead of a rule that silently never fires. Each check returns the field paths it
//! objects to; an empty list is a pass. Wording, severity and scope stay in the pack.

use crate::listing::fields::{is_filled, ImageSlot, TextField};
use crate::listing::image::ImageFormat;
use crate::listing::model::{BillingMode, Copyright, Draft, ProductType, RelationKind};
use crate::listing::rules::Rule;
use crate::listing::{scan, text};

#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// The field is filled (text non-blank, image or list present).
    Required {
        field: String,
    },
    /// None of `terms` occurs in any of `fields`.
    ForbidTerms {
        fields: Vec<TextField>,
        terms: Vec<String>,
    },
    /// At least one of `terms` occurs in one of `fields`, or with `each` in every
    /// one of them (a page that asks the overview *and* the description to say it).
    RequireTerms {
        fields: Vec<TextField>,
        terms: Vec<String>,
        each: bool,
    },
    NamePrice {
        signs: Vec<String>,
        units: Vec<String>,
    },
    NamePhone {
        min_digits: usize,
    },
    NameVersion {
        words: Vec<String>,
        allow: Vec<String>,
    },
    /// Not the V1.0 style (V, then dot-separated numbers).
    VersionFormat,
    /// The forms KooGallery's page names as wrong: a lower-case `v` prefix (v0.1) or
    /// words without a number (First Version, 初始版本).
    VersionRefused,
    ImageFormats {
        slot: ImageSlot,
        formats: Vec<ImageFormat>,
    },
    /// Files in these slots that are images gone wrong (cut off, damaged, refused).
    ImagesReadable {
        slots: Vec<ImageSlot>,
    },
    ImageExactSize {
        slot: ImageSlot,
        width: u32,
        height: u32,
    },
    ImageWidthRange {
        slot: ImageSlot,
        min_width: u32,
        max_width: u32,
        min_height: u32,
    },
    FileBytes {
        slot: ImageSlot,
        max_bytes: u64,
    },
    DescriptionText {
        min_chars: usize,
    },
    DescriptionImageCount {
        max: usize,
    },
    AfterSalesComplete,
    ServiceTime {
        min_days: u8,
        min_hours: u8,
    },
    CopyrightPresent,
    CopyrightNameMatches,
    AssetPackage,
    KunpengCertificate,
    HcsCertificate,
    DeliveryTemplate,
    AttributeLimits {
        max_quantity: usize,
        max_enum: usize,
    },
    Trial {
        min_days: u16,
        max_days: u16,
    },
    PurchaseLimitMode,
    /// Billing modes allowed per product type; types not listed are not constrained.
    BillingModes {
        allowed: Vec<(ProductType, Vec<BillingMode>)>,
    },
    /// A $0 image uses the free mode, and the free mode has no price.
    FreeModePrice,
    /// Every `![](target)` in the description names an attached image.
    DescriptionImagesAttached,
    /// Spec names longer than `max_chars` characters (Unicode scalar values).
    SpecNameLength {
        max_chars: usize,
    },
    /// Spec names containing any of `terms` (by the rules of `scan::contains_any`).
    SpecNameTerms {
        terms: Vec<String>,
    },
    /// Spec names containing a phone number.
    SpecNamePhone {
        min_digits: usize,
    },
    /// Every sales region is one of `allowed` (region ids or names, any case).
    RegionsWithin {
        allowed: Vec<String>,
    },
    /// A consulting product links to the seller's own site (an http(s) URL).
    ConsultingLink,
    /// The product is not sold on KooGallery, so no specification carries a price.
    NoPrices,
    /// Support is given in one of `languages` (ISO codes), or, when the seller listed
    /// none, the after-sales content names one of `words` ("English", "英文").
    SupportLanguage {
        languages: Vec<String>,
        words: Vec<String>,
    },
    /// The average delivery duration is filled in, between 1 and `max_days` days.
    DeliveryDays {
        max_days: u16,
    },
    /// Copyright files (certificate or declaration letter) have one of `extensions`.
    CopyrightFileType {
        extensions: Vec<String>,
    },
    /// Copyright files are at most `max_bytes`.
    CopyrightFileBytes {
        max_bytes: u64,
    },
    /// The draft says it is sold with an auto-deployment template: a checklist item
    /// (the agency its availability test needs), not a fault.
    AutoDeployTemplate,
    /// A related product's name ends with the suffix its relation calls for.
    NameRelation {
        suffixes: Vec<(RelationKind, Vec<String>)>,
    },
}

impl Check {
    /// The field paths this check objects to in `draft`; empty means it passes.
    pub fn run(&self, d: &Draft, rule: &Rule) -> Vec<String> {
        let one = |bad: bool, path: &str| if bad { vec![path.to_string()] } else { Vec::new() };
        match self {
            Check::Required { field } => one(!is_filled(d, field), field),
            Check::ForbidTerms { fields, terms } => fields
                .iter()
                .filter(|f| scan::contains_any(&f.read(d), terms))
                .map(|f| f.path().to_string())
                .collect(),
            Check::RequireTerms { fields, terms, each } => {
                // A blank field is the `required` rules' business, not this one's.
                let filled: Vec<_> = fields.iter().filter(|f| !f.read(d).trim().is_empty()).collect();
                if filled.is_empty() {
                    return Vec::new();
                }
                if *each {
                    return filled
                        .into_iter()
                        .filter(|f| !scan::contains_any(&f.read(d), terms))
                        .map(|f| f.path().to_string())
                        .collect();
                }
                let found = filled.iter().any(|f| scan::contains_any(&f.read(d), terms));
                one(!found, &rule.field)
            }
            Check::NamePrice { signs, units } => one(scan::contains_price(&d.name, signs, units), "name"),
            Check::NamePhone { min_digits } => one(scan::contains_phone(&d.name, *min_digits), "name"),
            Check::NameVersion { words, allow } => {
                let mut name = d.name.to_ascii_lowercase();
                for phrase in allow {
                    name = name.replace(&phrase.to_ascii_lowercase(), " ");
                }
                one(scan::contains_version(&name, words), "name")
            }
            Check::VersionFormat => one(
                !d.version.trim().is_empty() && !scan::is_standard_version(d.version.trim()),
                "version",
            ),
            Check::VersionRefused => one(scan::is_refused_version(d.version.trim()), "version"),
            Check::ImageFormats { slot, formats } => slot
                .assets(d)
                .into_iter()
                // A damaged image is `images.readable`'s to report, once.
                .filter(|(_, a)| a.problem.is_none() && !a.image.is_some_and(|i| formats.contains(&i.format)))
                .map(|(p, _)| p)
                .collect(),
            Check::ImagesReadable { slots } => slots
                .iter()
                .flat_map(|s| s.assets(d))
                .filter(|(_, a)| a.problem.is_some())
                .map(|(p, _)| p)
                .collect(),
            Check::ImageExactSize { slot, width, height } => slot
                .assets(d)
                .into_iter()
                .filter(|(_, a)| a.image.is_some_and(|i| (i.width, i.height) != (*width, *height)))
                .map(|(p, _)| p)
                .collect(),
            Check::ImageWidthRange {
                slot,
                min_width,
                max_width,
                min_height,
            } => slot
                .assets(d)
                .into_iter()
                .filter(|(_, a)| {
                    a.image
                        .is_some_and(|i| i.width < *min_width || i.width > *max_width || i.height < *min_height)
                })
                .map(|(p, _)| p)
                .collect(),
            Check::FileBytes { slot, max_bytes } => slot
                .assets(d)
                .into_iter()
                .filter(|(_, a)| a.bytes > *max_bytes)
                .map(|(p, _)| p)
                .collect(),
            Check::DescriptionText { min_chars } => {
                let content = text::extract(&d.description);
                one(
                    content.images.is_empty() && content.char_count() < *min_chars,
                    "description",
                )
            }
            Check::DescriptionImageCount { max } => {
                one(text::extract(&d.description).images.len() > *max, "description")
            }
            Check::AfterSalesComplete => {
                let a = &d.after_sales;
                let mut out = Vec::new();
                for (blank, path) in [
                    (
                        a.service_time.days_per_week == 0 || a.service_time.hours_per_day == 0,
                        "after_sales.service_time",
                    ),
                    (a.content.trim().is_empty(), "after_sales.content"),
                    (a.hotline.trim().is_empty(), "after_sales.hotline"),
                    (!a.email.contains('@'), "after_sales.email"),
                ] {
                    if blank {
                        out.push(path.to_string());
                    }
                }
                out
            }
            Check::ServiceTime { min_days, min_hours } => {
                let t = &d.after_sales.service_time;
                let mut out = one(
                    t.days_per_week < *min_days || t.hours_per_day < *min_hours,
                    "after_sales.service_time",
                );
                out.extend(one(
                    !scan::is_utc_offset(&t.time_zone),
                    "after_sales.service_time.time_zone",
                ));
                out
            }
            Check::CopyrightPresent => one(d.copyright.is_none(), "copyright"),
            Check::CopyrightNameMatches => match &d.copyright {
                Some(Copyright::Certificate { software_name, .. }) => {
                    one(software_name.trim() != d.name.trim(), "copyright.software_name")
                }
                _ => Vec::new(),
            },
            Check::AssetPackage => match &d.delivery {
                crate::listing::model::Delivery::License { asset_package_ref } => one(
                    asset_package_ref.as_deref().is_none_or(|r| r.trim().is_empty()),
                    "delivery.license.asset_package_ref",
                ),
                _ => Vec::new(),
            },
            Check::KunpengCertificate => one(
                d.prerequisites.kunpeng_certificate.is_none(),
                "prerequisites.kunpeng_certificate",
            ),
            Check::HcsCertificate => one(
                d.prerequisites.hcs_certificate.is_none(),
                "prerequisites.hcs_certificate",
            ),
            Check::DeliveryTemplate => one(
                d.delivery.is_supervised() && d.delivery_template.is_none(),
                "delivery_template",
            ),
            Check::AttributeLimits { .. }
            | Check::Trial { .. }
            | Check::PurchaseLimitMode
            | Check::BillingModes { .. }
            | Check::FreeModePrice
            | Check::SpecNameLength { .. }
            | Check::SpecNameTerms { .. }
            | Check::SpecNamePhone { .. }
            | Check::ConsultingLink
            | Check::NoPrices
            | Check::SupportLanguage { .. }
            | Check::DeliveryDays { .. }
            | Check::CopyrightFileType { .. }
            | Check::CopyrightFileBytes { .. }
            | Check::RegionsWithin { .. } => self.run_offer(d),
            Check::AutoDeployTemplate => one(d.auto_deploy_template, "auto_deploy_template"),
            Check::DescriptionImagesAttached => text::extract(&d.description)
                .images
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    !d.description_images
                        .iter()
                        .any(|a| a.file_name == r.target || a.hash == r.target)
                })
                .map(|(i, _)| format!("description.images[{i}]"))
                .collect(),
            Check::NameRelation { suffixes } => {
                let (Some(relation), false) = (&d.relation, d.name.trim().is_empty()) else {
                    return Vec::new();
                };
                let name = d.name.trim().to_lowercase();
                let wanted = suffixes.iter().find(|(k, _)| *k == relation.kind).map(|(_, s)| s);
                let ok = wanted.is_none_or(|s| s.iter().any(|suffix| name.ends_with(&suffix.to_lowercase())));
                one(!ok, "name")
            }
        }
    }
}
