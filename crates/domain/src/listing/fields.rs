//! The parts of a draft a check can point at, and how each is read.
//!
//! WHY a fixed list: a pack names fields as strings ("overview", "main_images"), and
//! each must resolve to exactly one place in the draft and one field path in an issue,
//! so the editor can jump to it. Keeping the mapping here means a renamed draft field
//! breaks the build instead of silently emptying a rule.

use crate::listing::model::{Asset, Draft};
use crate::listing::text;
use std::borrow::Cow;

/// Free-text fields a check can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Name,
    Version,
    Overview,
    Highlights,
    Description,
    CustomerCases,
    UserGuide,
    Agreement,
    AfterSalesContent,
}

impl TextField {
    pub(crate) fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "name" => TextField::Name,
            "version" => TextField::Version,
            "overview" => TextField::Overview,
            "highlights" => TextField::Highlights,
            "description" => TextField::Description,
            "customer_cases" => TextField::CustomerCases,
            "user_guide" => TextField::UserGuide,
            "agreement" => TextField::Agreement,
            "after_sales.content" => TextField::AfterSalesContent,
            _ => return None,
        })
    }

    pub(crate) fn path(self) -> &'static str {
        match self {
            TextField::Name => "name",
            TextField::Version => "version",
            TextField::Overview => "overview",
            TextField::Highlights => "highlights",
            TextField::Description => "description",
            TextField::CustomerCases => "customer_cases",
            TextField::UserGuide => "user_guide",
            TextField::Agreement => "agreement",
            TextField::AfterSalesContent => "after_sales.content",
        }
    }

    /// The field's text; list fields are joined by line breaks.
    pub(crate) fn read(self, d: &Draft) -> Cow<'_, str> {
        match self {
            TextField::Name => Cow::Borrowed(&d.name),
            TextField::Version => Cow::Borrowed(&d.version),
            TextField::Overview => Cow::Borrowed(&d.overview),
            TextField::Highlights => Cow::Owned(d.highlights.join("\n")),
            TextField::Description => Cow::Borrowed(&d.description),
            TextField::CustomerCases => Cow::Owned(d.customer_cases.join("\n")),
            TextField::UserGuide => Cow::Borrowed(&d.user_guide),
            TextField::Agreement => Cow::Borrowed(&d.agreement),
            TextField::AfterSalesContent => Cow::Borrowed(&d.after_sales.content),
        }
    }
}

/// Image slots an image check can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSlot {
    Logo,
    MainImages,
    DescriptionImages,
}

impl ImageSlot {
    pub(crate) fn assets(self, d: &Draft) -> Vec<(String, &Asset)> {
        match self {
            ImageSlot::Logo => d.logo.iter().map(|a| ("logo".to_string(), a)).collect(),
            ImageSlot::MainImages => d
                .main_images
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("main_images[{i}]"), a))
                .collect(),
            ImageSlot::DescriptionImages => described_images(d),
        }
    }
}

/// The description's `![](target)` images resolved to attached assets (by file name or hash).
fn described_images(d: &Draft) -> Vec<(String, &Asset)> {
    let refs = text::extract(&d.description).images;
    refs.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let asset = d
                .description_images
                .iter()
                .find(|a| a.file_name == r.target || a.hash == r.target)?;
            Some((format!("description.images[{i}]"), asset))
        })
        .collect()
}

/// Whether [`is_filled`] knows `field` (checked when the pack loads).
pub(crate) fn is_requirable(field: &str) -> bool {
    matches!(field, "logo" | "main_images" | "highlights" | "specs" | "agreement") || TextField::parse(field).is_some()
}

/// Whether a required field holds something: non-blank text, an image, a list entry.
pub(crate) fn is_filled(d: &Draft, field: &str) -> bool {
    match field {
        "logo" => d.logo.is_some(),
        "main_images" => !d.main_images.is_empty(),
        "highlights" => d.highlights.iter().any(|h| !h.trim().is_empty()),
        "specs" => !d.specs.is_empty(),
        "agreement" => !d.agreement.trim().is_empty(),
        other => TextField::parse(other).is_some_and(|f| !f.read(d).trim().is_empty()),
    }
}
