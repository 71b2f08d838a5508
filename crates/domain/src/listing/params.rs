//! Reading a rule's `params` table into a typed [`Check`].
//!
//! WHY checked at load: a pack with a wrong or missing parameter must fail when it is
//! loaded, naming the rule and the key, rather than misjudge drafts later.

use crate::listing::checks::Check;
use crate::listing::fields::{is_requirable, ImageSlot, TextField};
use crate::listing::image::ImageFormat;
use crate::listing::model::{BillingMode, ProductType, RelationKind};
use crate::listing::pack::Keys;
use crate::listing::rules::PackError;

impl Check {
    /// The check called `name`, or `None` when this build knows no such check.
    pub(crate) fn parse(name: &str, p: &Keys<'_>) -> Result<Option<Check>, PackError> {
        let strings =
            |key: &str| -> Result<Vec<String>, PackError> { Ok(p.strs(key)?.into_iter().map(String::from).collect()) };
        let fields = || -> Result<Vec<TextField>, PackError> {
            p.strs("fields")?
                .into_iter()
                .map(|f| TextField::parse(f).ok_or_else(|| p.bad("fields", f, "a text field")))
                .collect()
        };
        let slot_named = |key: &str, name: &str| -> Result<ImageSlot, PackError> {
            match name {
                "logo" => Ok(ImageSlot::Logo),
                "main_images" => Ok(ImageSlot::MainImages),
                "description_images" => Ok(ImageSlot::DescriptionImages),
                other => Err(p.bad(key, other, "logo, main_images or description_images")),
            }
        };
        let slot = || -> Result<ImageSlot, PackError> { slot_named("slot", p.str("slot")?) };
        let u32_of = |key: &str| -> Result<u32, PackError> {
            let n = p.uint(key)?;
            u32::try_from(n).map_err(|_| p.bad(key, n, "a pixel count"))
        };
        let small = |key: &str| -> Result<u16, PackError> {
            let n = p.uint(key)?;
            u16::try_from(n).map_err(|_| p.bad(key, n, "below 65536"))
        };
        Ok(Some(match name {
            "required" => {
                let field = p.str("field")?;
                if !is_requirable(field) {
                    return Err(p.bad("field", field, "a field that can be required"));
                }
                Check::Required {
                    field: field.to_string(),
                }
            }
            "forbid_terms" => Check::ForbidTerms {
                fields: fields()?,
                terms: strings("terms")?,
            },
            "require_terms" => Check::RequireTerms {
                fields: fields()?,
                terms: strings("terms")?,
                each: match p.table.get("each") {
                    None => false,
                    Some(_) => p.bool("each")?,
                },
            },
            "name_price" => Check::NamePrice {
                signs: strings("signs")?,
                units: strings("units")?,
            },
            "name_phone" => Check::NamePhone {
                min_digits: p.uint("min_digits")? as usize,
            },
            "name_version" => Check::NameVersion {
                words: strings("words")?,
                allow: strings("allow")?,
            },
            "version_format" => Check::VersionFormat,
            "version_refused" => Check::VersionRefused,
            "spec_name_length" => Check::SpecNameLength {
                max_chars: p.uint("max_chars")? as usize,
            },
            "spec_name_terms" => Check::SpecNameTerms {
                terms: strings("terms")?,
            },
            "spec_name_phone" => Check::SpecNamePhone {
                min_digits: p.uint("min_digits")? as usize,
            },
            "consulting_link" => Check::ConsultingLink,
            "auto_deploy_template" => Check::AutoDeployTemplate,
            "regions_within" => Check::RegionsWithin {
                allowed: strings("allowed")?,
            },
            "no_prices" => Check::NoPrices,
            "support_language" => Check::SupportLanguage {
                languages: strings("languages")?,
                words: strings("words")?,
            },
            "delivery_days" => Check::DeliveryDays {
                max_days: small("max_days")?,
            },
            "copyright_file_type" => Check::CopyrightFileType {
                extensions: strings("extensions")?,
            },
            "copyright_file_bytes" => Check::CopyrightFileBytes {
                max_bytes: p.uint("max_bytes")?,
            },
            "images_readable" => Check::ImagesReadable {
                slots: p
                    .strs("slots")?
                    .into_iter()
                    .map(|n| slot_named("slots", n))
                    .collect::<Result<_, _>>()?,
            },
            "image_formats" => Check::ImageFormats {
                slot: slot()?,
                formats: p
                    .strs("formats")?
                    .into_iter()
                    .map(|f| ImageFormat::parse(f).ok_or_else(|| p.bad("formats", f, "png, jpeg or gif")))
                    .collect::<Result<_, _>>()?,
            },
            "image_exact_size" => Check::ImageExactSize {
                slot: slot()?,
                width: u32_of("width")?,
                height: u32_of("height")?,
            },
            "image_width_range" => Check::ImageWidthRange {
                slot: slot()?,
                min_width: u32_of("min_width")?,
                max_width: u32_of("max_width")?,
                min_height: u32_of("min_height")?,
            },
            "file_bytes" => Check::FileBytes {
                slot: slot()?,
                max_bytes: p.uint("max_bytes")?,
            },
            "description_text" => Check::DescriptionText {
                min_chars: p.uint("min_chars")? as usize,
            },
            "description_image_count" => Check::DescriptionImageCount {
                max: p.uint("max")? as usize,
            },
            "after_sales_complete" => Check::AfterSalesComplete,
            "service_time" => Check::ServiceTime {
                min_days: small("min_days")?.min(7) as u8,
                min_hours: small("min_hours")?.min(24) as u8,
            },
            "copyright_present" => Check::CopyrightPresent,
            "copyright_name_matches" => Check::CopyrightNameMatches,
            "asset_package" => Check::AssetPackage,
            "kunpeng_certificate" => Check::KunpengCertificate,
            "hcs_certificate" => Check::HcsCertificate,
            "delivery_template" => Check::DeliveryTemplate,
            "attribute_limits" => Check::AttributeLimits {
                max_quantity: p.uint("max_quantity")? as usize,
                max_enum: p.uint("max_enum")? as usize,
            },
            "trial" => Check::Trial {
                min_days: small("min_days")?,
                max_days: small("max_days")?,
            },
            "purchase_limit_mode" => Check::PurchaseLimitMode,
            "billing_modes" => Check::BillingModes {
                allowed: billing_modes(p)?,
            },
            "free_mode_price" => Check::FreeModePrice,
            "description_images_attached" => Check::DescriptionImagesAttached,
            "name_relation" => Check::NameRelation {
                suffixes: relation_suffixes(p)?,
            },
            _ => return Ok(None),
        }))
    }
}

/// `params = { saas_edition = ["SaaS"], … }`: accepted name endings per relation.
fn relation_suffixes(p: &Keys<'_>) -> Result<Vec<(RelationKind, Vec<String>)>, PackError> {
    if let Some(key) = p
        .table
        .keys()
        .find(|k| !RelationKind::ALL.iter().any(|r| r.as_str() == k.as_str()))
    {
        return Err(p.bad(
            key,
            key,
            "a relation (service_for_software, saas_edition, license_edition)",
        ));
    }
    RelationKind::ALL
        .into_iter()
        .filter(|r| p.table.contains_key(r.as_str()))
        .map(|r| Ok((r, p.strs(r.as_str())?.into_iter().map(String::from).collect())))
        .collect()
}

/// `params = { saas = ["yearly_monthly", …], license = […] }`: one list per product type.
fn billing_modes(p: &Keys<'_>) -> Result<Vec<(ProductType, Vec<BillingMode>)>, PackError> {
    if let Some(key) = p.table.keys().find(|k| ProductType::parse(k).is_none()) {
        return Err(p.bad(key, key, "a product type"));
    }
    ProductType::ALL
        .into_iter()
        .filter(|t| p.table.contains_key(t.as_str()))
        .map(|t| {
            let modes = p
                .strs(t.as_str())?
                .into_iter()
                .map(|m| BillingMode::parse(m).ok_or_else(|| p.bad(t.as_str(), m, "a billing mode")))
                .collect::<Result<_, _>>()?;
            Ok((t, modes))
        })
        .collect()
}
