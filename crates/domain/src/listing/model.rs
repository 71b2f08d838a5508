//! The listing draft: what a seller fills in before KooGallery's review.
//!
//! WHY this shape: the draft must round-trip through a `listing.toml` the seller can
//! edit and keep in their own repository, so every type here is plain serde data with
//! TOML-friendly enums (snake_case strings, externally tagged tables). Images are held
//! by content hash plus the facts measured from their bytes (format, size, pixels), so
//! the rule engine stays pure: the bytes are read once, elsewhere, and never again.
//! Prices are exact minor units (`Money`), as everywhere else in Gallerist.

use crate::listing::image::{self, ImageError, ImageFacts};
use crate::listing::rules::Bilingual;
use crate::site::Site;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::listing::spec::{Attribute, BillingMode, PurchaseLimit, Sku, Spec};

/// How the product reaches the buyer (接入类型), with the facts each type needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// SaaS on Huawei Cloud IaaS. `offline_delivery` makes it a supervised type.
    Saas {
        joint_operation: bool,
        offline_delivery: bool,
    },
    /// Commercial licence; the software package must first be an Asset Center asset.
    License { asset_package_ref: Option<String> },
    /// A private image asset; the buyer creates an ECS from it.
    Image,
    /// Manual / professional service with its service-flow template.
    ManualService { flow: ServiceFlow },
    /// Shown in the catalogue only; links to the seller's own site, no trade.
    Consulting { seller_url: String },
    /// Physical goods shipped by the seller.
    Hardware,
    /// An API published through the API gateway.
    Api { api_group: Option<String> },
}

/// The manual-service flow template KooGallery offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceFlow {
    Standard,
    WebsiteBuilding,
}

/// The delivery type as a plain key, used by rules to say what they apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductType {
    Saas,
    SaasJoint,
    License,
    Image,
    ManualService,
    Consulting,
    Hardware,
    Api,
}

impl ProductType {
    pub const ALL: [ProductType; 8] = [
        ProductType::Saas,
        ProductType::SaasJoint,
        ProductType::License,
        ProductType::Image,
        ProductType::ManualService,
        ProductType::Consulting,
        ProductType::Hardware,
        ProductType::Api,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProductType::Saas => "saas",
            ProductType::SaasJoint => "saas_joint",
            ProductType::License => "license",
            ProductType::Image => "image",
            ProductType::ManualService => "manual_service",
            ProductType::Consulting => "consulting",
            ProductType::Hardware => "hardware",
            ProductType::Api => "api",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

impl Delivery {
    pub fn product_type(&self) -> ProductType {
        match self {
            Delivery::Saas {
                joint_operation: true, ..
            } => ProductType::SaasJoint,
            Delivery::Saas { .. } => ProductType::Saas,
            Delivery::License { .. } => ProductType::License,
            Delivery::Image => ProductType::Image,
            Delivery::ManualService { .. } => ProductType::ManualService,
            Delivery::Consulting { .. } => ProductType::Consulting,
            Delivery::Hardware => ProductType::Hardware,
            Delivery::Api { .. } => ProductType::Api,
        }
    }

    /// Whether orders go through service supervision (reference §2, S-CN-V): License,
    /// manual service, hardware and SaaS with offline delivery.
    pub fn is_supervised(&self) -> bool {
        match self {
            Delivery::Saas { offline_delivery, .. } => *offline_delivery,
            Delivery::License { .. } | Delivery::ManualService { .. } | Delivery::Hardware => true,
            Delivery::Image | Delivery::Consulting { .. } | Delivery::Api { .. } => false,
        }
    }
}

/// How this product relates to one the seller already sells; KooGallery's naming
/// conventions depend on it (reference §1, S-EU-NAME / S-EN-REL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A professional service around a software product: "xxxx Service".
    ServiceForSoftware,
    /// The SaaS edition of something sold as an image or licence: "xxx SaaS".
    SaasEdition,
    /// The licence edition of something sold as an image or SaaS: "xxx Independent Deployment".
    LicenseEdition,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] = [
        RelationKind::ServiceForSoftware,
        RelationKind::SaasEdition,
        RelationKind::LicenseEdition,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::ServiceForSoftware => "service_for_software",
            RelationKind::SaasEdition => "saas_edition",
            RelationKind::LicenseEdition => "license_edition",
        }
    }
}

/// The related product and how this one relates to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub kind: RelationKind,
    #[serde(default)]
    pub related_product: String,
}

/// Certification labels that can sit on any product type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Kunpeng,
    HybridCloud,
    Iot,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Kunpeng, Label::HybridCloud, Label::Iot];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Kunpeng => "kunpeng",
            Label::HybridCloud => "hybrid_cloud",
            Label::Iot => "iot",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

/// The two listing languages KooGallery shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Locale {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

/// A file the draft refers to: its SHA-256 (hex), the name it was uploaded under, and
/// what was measured from its bytes. `image` is `None` for non-image files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    pub hash: String,
    pub file_name: String,
    pub bytes: u64,
    pub image: Option<ImageFacts>,
    /// Why a file that is a PNG, JPEG or GIF cannot be used as one (cut off, damaged,
    /// refused, renamed), in both languages. Reported once, by the `images.readable`
    /// rule; the format and size rules then leave the file alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Bilingual>,
}

impl Asset {
    /// Hashes and measures a file's bytes (the caller read them). A file that is not
    /// an image, or whose header is refused, gets `image: None`; use [`Asset::image`]
    /// where an image is expected, to get the reason in words.
    pub fn from_bytes(file_name: &str, bytes: &[u8]) -> Asset {
        match image::inspect(file_name, bytes) {
            Ok(facts) => Asset::measured(file_name, bytes, Some(facts)),
            Err(e) => {
                let mut asset = Asset::measured(file_name, bytes, None);
                asset.problem = e.is_damage().then(|| Bilingual {
                    zh_cn: e.zh_cn(),
                    en: e.to_string(),
                });
                asset
            }
        }
    }

    /// Like [`Asset::from_bytes`] for an image slot: refuses a non-image, a truncated or
    /// oversized header, or an extension that names another format, saying which.
    pub fn image(file_name: &str, bytes: &[u8]) -> Result<Asset, ImageError> {
        let facts = image::inspect(file_name, bytes)?;
        Ok(Asset::measured(file_name, bytes, Some(facts)))
    }

    fn measured(file_name: &str, bytes: &[u8], image: Option<ImageFacts>) -> Asset {
        Asset {
            hash: hex::encode(Sha256::digest(bytes)),
            file_name: file_name.to_string(),
            bytes: bytes.len() as u64,
            image,
            problem: None,
        }
    }
}

/// After-sales support (服务与支持); service time is structured so it can be checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterSales {
    pub service_time: ServiceTime,
    pub content: String,
    pub hotline: String,
    pub email: String,
    /// Languages support is given in, as ISO 639-1 codes ("zh", "en", "de"); the
    /// international site asks for English, the EU site English or the local language.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// "Mon–Fri 09:00–18:00 (GMT+08:00)" as numbers plus the time zone text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTime {
    pub days_per_week: u8,
    pub hours_per_day: u8,
    /// e.g. "GMT+08:00"; checked for a GMT/UTC offset.
    pub time_zone: String,
}

/// Software copyright: the certificate's software name and owner, or a declaration letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Copyright {
    Certificate {
        software_name: String,
        owner: String,
        file: Option<Asset>,
    },
    DeclarationLetter {
        file: Option<Asset>,
    },
}

/// Kunpeng compatibility certificate grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KunpengGrade {
    HuaweiCompatible,
    HuaweiEnabled,
}

/// Certificates that labels require (reference §2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prerequisites {
    pub kunpeng_certificate: Option<KunpengGrade>,
    pub hcs_certificate: Option<Asset>,
}

/// A listing draft: the product's facts and the seller's text. The text fields hold
/// one language; `locales` lists the languages the listing is published in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub version: String,
    pub delivery: Delivery,
    #[serde(default)]
    pub labels: Vec<Label>,
    pub sites: Vec<Site>,
    /// Set when this product is another edition of, or a service for, a product the
    /// seller already sells.
    #[serde(default)]
    pub relation: Option<Relation>,
    #[serde(default)]
    pub sales_regions: Vec<String>,
    pub locales: Vec<Locale>,
    pub logo: Option<Asset>,
    #[serde(default)]
    pub main_images: Vec<Asset>,
    pub video: Option<Asset>,
    pub overview: String,
    #[serde(default)]
    pub highlights: Vec<String>,
    /// Markdown; images are written `![alt](file-name-or-hash)` and resolved against
    /// `description_images`.
    pub description: String,
    #[serde(default)]
    pub description_images: Vec<Asset>,
    #[serde(default)]
    pub customer_cases: Vec<String>,
    pub after_sales: AfterSales,
    pub user_guide: String,
    pub agreement: String,
    pub copyright: Option<Copyright>,
    #[serde(default)]
    pub prerequisites: Prerequisites,
    /// The acceptance-criteria document for supervised types.
    pub delivery_template: Option<Asset>,
    #[serde(default)]
    pub specs: Vec<Spec>,
    /// Average delivery duration in calendar days (License and professional services).
    #[serde(default)]
    pub delivery_days: Option<u16>,
    /// Sold with an auto-deployment template (image and License products): KooGallery
    /// tests the template's availability through an agency the seller must authorise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto_deploy_template: bool,
    /// Seller overrides that travel with this draft.
    #[serde(default)]
    pub overrides: crate::listing::rules::Overrides,
    /// The rule-pack version that last checked this draft.
    pub checked_with_pack: Option<String>,
}

impl Draft {
    pub fn product_type(&self) -> ProductType {
        self.delivery.product_type()
    }

    /// Records which pack version checked this draft (the report carries it).
    pub fn record_check(&mut self, report: &crate::listing::rules::Report) {
        self.checked_with_pack = Some(report.pack_version.clone());
    }
}
