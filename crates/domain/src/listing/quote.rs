//! What an issue quotes: the word, value or file a check objected to.
//!
//! WHY apart from the checks: a check decides *whether* a field is wrong; a seller
//! fixing it needs to see *what* was found — 名称含“华为云”, version "1.0" — without
//! searching the text again. Keeping the quoting here leaves each check's verdict
//! readable on its own, and lets a check without anything to quote (a blank field, a
//! missing certificate) simply quote nothing. Values are language-neutral except file
//! problems, which come in both languages.

use crate::listing::checks::Check;
use crate::listing::fields::TextField;
use crate::listing::model::{Copyright, Delivery, Draft};
use crate::listing::rules::Bilingual;
use crate::listing::scan;

fn same(text: impl Into<String>) -> Option<Bilingual> {
    let text = text.into();
    Some(Bilingual {
        zh_cn: text.clone(),
        en: text,
    })
}

/// The index in a path like `specs[2].name` or `main_images[1]`.
fn index(path: &str, list: &str) -> Option<usize> {
    path.strip_prefix(list)?
        .strip_prefix('[')?
        .split(']')
        .next()?
        .parse()
        .ok()
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

impl Check {
    /// The value this check found at `path` (one of the paths [`Check::run`] returned).
    pub(crate) fn found(&self, d: &Draft, path: &str) -> Option<Bilingual> {
        let spec = || index(path, "specs").and_then(|i| d.specs.get(i));
        let text = || TextField::parse(path).map(|f| f.read(d).into_owned());
        match self {
            Check::ForbidTerms { terms, .. } => same(scan::find_any(&text()?, terms)?),
            Check::NamePrice { signs, units } => same(scan::find_price(&d.name, signs, units)?),
            Check::NamePhone { min_digits } => same(scan::find_phone(&d.name, *min_digits)?),
            Check::NameVersion { words, .. } => same(scan::find_version(&d.name, words)?),
            Check::VersionFormat | Check::VersionRefused => same(d.version.trim()),
            Check::NameRelation { .. } | Check::CopyrightNameMatches if path == "name" => same(d.name.trim()),
            Check::CopyrightNameMatches => match &d.copyright {
                Some(Copyright::Certificate { software_name, .. }) => same(software_name.trim()),
                _ => None,
            },
            Check::ImagesReadable { slots } => {
                let asset = slots.iter().flat_map(|s| s.assets(d)).find(|(p, _)| p == path)?.1;
                let problem = asset.problem.as_ref()?;
                Some(Bilingual {
                    zh_cn: format!("{}：{}", asset.file_name, problem.zh_cn),
                    en: format!("{}: {}", asset.file_name, problem.en),
                })
            }
            Check::ImageFormats { slot, .. }
            | Check::ImageExactSize { slot, .. }
            | Check::ImageWidthRange { slot, .. }
            | Check::FileBytes { slot, .. } => {
                let asset = slot.assets(d).into_iter().find(|(p, _)| p == path)?.1;
                match (self, asset.image) {
                    (Check::FileBytes { .. }, _) => same(format!("{} {}", asset.file_name, megabytes(asset.bytes))),
                    (Check::ImageFormats { .. }, Some(i)) => {
                        same(format!("{} ({})", asset.file_name, i.format.as_str().to_uppercase()))
                    }
                    (Check::ImageFormats { .. }, None) => same(asset.file_name.clone()),
                    (_, Some(i)) => same(format!("{} {}×{}", asset.file_name, i.width, i.height)),
                    (_, None) => None,
                }
            }
            Check::DescriptionText { .. } => {
                let n = crate::listing::text::extract(&d.description).char_count();
                Some(Bilingual {
                    zh_cn: format!("{n} 个字符"),
                    en: format!("{n} characters"),
                })
            }
            Check::DescriptionImageCount { .. } => {
                let n = crate::listing::text::extract(&d.description).images.len();
                Some(Bilingual {
                    zh_cn: format!("{n} 张图片"),
                    en: format!("{n} images"),
                })
            }
            Check::DescriptionImagesAttached => {
                let i = index(path, "description.images")?;
                same(
                    crate::listing::text::extract(&d.description)
                        .images
                        .get(i)?
                        .target
                        .clone(),
                )
            }
            Check::ServiceTime { .. } if path.ends_with("time_zone") => {
                same(d.after_sales.service_time.time_zone.trim())
            }
            Check::ServiceTime { .. } => {
                let t = &d.after_sales.service_time;
                Some(Bilingual {
                    zh_cn: format!("每周 {} 天、每天 {} 小时", t.days_per_week, t.hours_per_day),
                    en: format!("{} days × {} hours", t.days_per_week, t.hours_per_day),
                })
            }
            Check::Trial { .. } => same(format!("{}", spec()?.trial_days?)),
            Check::BillingModes { .. } | Check::FreeModePrice | Check::PurchaseLimitMode => {
                same(spec()?.billing.as_str())
            }
            Check::SpecNameLength { .. } => {
                let name = spec()?.name.trim();
                Some(Bilingual {
                    zh_cn: format!("{name}（{} 个字符）", name.chars().count()),
                    en: format!("{name} ({} characters)", name.chars().count()),
                })
            }
            Check::SpecNameTerms { terms } => same(scan::find_any(spec()?.name.trim(), terms)?),
            Check::SpecNamePhone { min_digits } => same(scan::find_phone(spec()?.name.trim(), *min_digits)?),
            Check::NoPrices => same(spec()?.skus.iter().find(|k| k.price.minor != 0)?.price.to_string()),
            Check::ConsultingLink => match &d.delivery {
                Delivery::Consulting { seller_url } if !seller_url.trim().is_empty() => same(seller_url.trim()),
                _ => None,
            },
            Check::SupportLanguage { .. } if !d.after_sales.languages.is_empty() => {
                same(d.after_sales.languages.join(", "))
            }
            Check::RegionsWithin { .. } => same(d.sales_regions.get(index(path, "sales_regions")?)?.trim()),
            Check::DeliveryDays { .. } => same(d.delivery_days?.to_string()),
            Check::CopyrightFileType { .. } | Check::CopyrightFileBytes { .. } => {
                let file = match &d.copyright {
                    Some(Copyright::Certificate { file, .. }) | Some(Copyright::DeclarationLetter { file }) => {
                        file.as_ref()?
                    }
                    None => return None,
                };
                match self {
                    Check::CopyrightFileBytes { .. } => same(format!("{} {}", file.file_name, megabytes(file.bytes))),
                    _ => same(file.file_name.clone()),
                }
            }
            _ => None,
        }
    }
}
