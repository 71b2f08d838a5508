//! For every rule of the embedded pack: a draft it accepts and the edit that breaks it.
//!
//! WHY a table: the pack grows by adding a rule and a row here; a test fails when a
//! rule of the pack has no row, so no rule ships without a passing and failing case.

use super::example::{clean_draft, file, image, image_bytes};
use super::image::ImageFormat;
use super::model::*;

pub(crate) fn saas() -> Draft {
    clean_draft(Delivery::Saas {
        joint_operation: false,
        offline_delivery: false,
    })
}

pub(crate) fn license() -> Draft {
    clean_draft(Delivery::License {
        asset_package_ref: Some("asset-123".into()),
    })
}

pub(crate) fn labelled(label: Label) -> Draft {
    let mut d = saas();
    d.labels.push(label);
    match label {
        Label::Kunpeng => d.prerequisites.kunpeng_certificate = Some(KunpengGrade::HuaweiCompatible),
        Label::HybridCloud => {
            d.prerequisites.hcs_certificate = Some(file("hcs.pdf"));
            d.overview = "支持混合云（Huawei Cloud Stack）部署的备份工具。".into();
            d.description.push_str("\n\n## 混合云\n\n可部署在客户的混合云环境中。");
            rename(&mut d, "Acme Backup (HCS Version)");
        }
        Label::Iot => {
            d.overview = "面向物联网设备数据的备份工具。".into();
            d.description.push_str("\n\n## 物联网\n\n采集物联网设备数据并备份。");
        }
    }
    d
}

/// The SaaS edition of a product already sold as a licence, named by the pattern.
pub(crate) fn related_saas() -> Draft {
    let mut d = saas();
    d.relation = Some(Relation {
        kind: RelationKind::SaasEdition,
        related_product: "Acme 备份".into(),
    });
    rename(&mut d, "Acme 备份 SaaS");
    d
}

pub(crate) fn rename(d: &mut Draft, name: &str) {
    d.name = name.into();
    d.copyright = Some(Copyright::Certificate {
        software_name: name.into(),
        owner: "Acme".into(),
        file: None,
    });
}

pub(crate) fn with_description_images(d: &mut Draft, images: Vec<Asset>) {
    d.description = images.iter().map(|a| format!("![图]({})\n", a.file_name)).collect();
    d.description_images = images;
}

pub(crate) fn consulting() -> Draft {
    clean_draft(Delivery::Consulting {
        seller_url: "https://acme.example".into(),
    })
}

/// A SaaS draft whose copyright certificate comes with its file.
pub(crate) fn with_certificate_file() -> Draft {
    let mut d = saas();
    if let Some(Copyright::Certificate { file: f, .. }) = &mut d.copyright {
        *f = Some(file("certificate.pdf"));
    }
    d
}

fn certificate_file(d: &mut Draft) -> &mut Asset {
    match &mut d.copyright {
        Some(Copyright::Certificate { file: Some(f), .. }) => f,
        _ => panic!("the fixture has a certificate file"),
    }
}

pub(crate) type Fixture = (&'static str, fn() -> Draft, fn(&mut Draft));

/// (rule id, a draft the rule accepts, what breaks it).
pub(crate) fn fixtures() -> Vec<Fixture> {
    vec![
        ("name.required", saas, |d| d.name.clear()),
        ("name.no-huawei-cloud", saas, |d| rename(d, "华为云 Acme 备份")),
        ("name.no-price", saas, |d| rename(d, "Acme 备份 99元")),
        ("name.relation-pattern", related_saas, |d| rename(d, "Acme 备份云")),
        ("name.edition-words", saas, |d| rename(d, "Acme 备份 企业版")),
        (
            "name.no-version",
            || labelled(Label::HybridCloud),
            |d| rename(d, "Acme Backup V2 (HCS Version)"),
        ),
        ("name.no-phone", saas, |d| rename(d, "Acme 备份 400-123-4567")),
        ("name.no-marketing-words", saas, |d| rename(d, "Acme Backup Free")),
        (
            "name.hcs-version",
            || labelled(Label::HybridCloud),
            |d| rename(d, "Acme Backup"),
        ),
        ("version.required", saas, |d| d.version.clear()),
        ("version.format", saas, |d| d.version = "V1".into()),
        ("version.refused", saas, |d| d.version = "v0.1".into()),
        ("logo.required", saas, |d| d.logo = None),
        ("images.readable", saas, |d| {
            let png = image_bytes(ImageFormat::Png, 120, 120);
            d.logo = Some(Asset::from_bytes("logo.png", &png[..png.len() - 1]))
        }),
        ("logo.format", saas, |d| {
            d.logo = Some(image("logo.png", ImageFormat::Jpeg, 120, 120))
        }),
        ("logo.dimensions", saas, |d| {
            d.logo = Some(image("logo.png", ImageFormat::Png, 100, 100))
        }),
        ("logo.size", saas, |d| d.logo.as_mut().unwrap().bytes = 6 * 1024 * 1024),
        ("main-images.present", saas, |d| d.main_images.clear()),
        ("main-images.format", saas, |d| d.main_images.push(file("main.webp"))),
        ("main-images.dimensions", saas, |d| {
            d.main_images.push(image("b.png", ImageFormat::Png, 1024, 768))
        }),
        ("main-images.size", saas, |d| {
            d.main_images[0].bytes = 5 * 1024 * 1024 + 1
        }),
        ("overview.required", saas, |d| d.overview = "  ".into()),
        ("highlights.required", saas, |d| d.highlights.clear()),
        ("description.text-length", saas, |d| {
            d.description = "**简短**的说明。".into()
        }),
        (
            "description.image-format",
            || {
                let mut d = saas();
                with_description_images(&mut d, vec![image("a.png", ImageFormat::Png, 1000, 900)]);
                d
            },
            |d| d.description_images[0].image.as_mut().unwrap().format = ImageFormat::Gif,
        ),
        (
            "description.image-dimensions",
            || {
                let mut d = saas();
                with_description_images(&mut d, vec![image("a.png", ImageFormat::Png, 1200, 800)]);
                d
            },
            |d| with_description_images(d, vec![image("b.png", ImageFormat::Png, 1201, 800)]),
        ),
        (
            "description.image-count",
            || {
                let mut d = saas();
                with_description_images(
                    &mut d,
                    (0..5)
                        .map(|i| image(&format!("{i}.png"), ImageFormat::Png, 1000, 900))
                        .collect(),
                );
                d
            },
            |d| {
                with_description_images(
                    d,
                    (0..6)
                        .map(|i| image(&format!("{i}.png"), ImageFormat::Png, 1000, 900))
                        .collect(),
                )
            },
        ),
        ("content.absolute-words", saas, |d| {
            d.overview.push_str("国家级备份方案")
        }),
        ("content.superlatives", saas, |d| d.highlights.push("顶级服务".into())),
        ("content.off-platform-pricing", saas, |d| {
            d.description.push_str("\n商务申请或详细价格请咨询销售。")
        }),
        ("after-sales.complete", saas, |d| d.after_sales.email.clear()),
        ("after-sales.service-time", saas, |d| {
            d.after_sales.service_time.time_zone = "北京时间".into()
        }),
        ("user-guide.required", saas, |d| d.user_guide.clear()),
        ("agreement.required", saas, |d| d.agreement.clear()),
        ("agreement.no-blanks", saas, |d| d.agreement.push_str("甲方：______")),
        ("agreement.no-seal-clause", saas, |d| {
            d.agreement.push_str("本协议经双方盖章生效。")
        }),
        ("agreement.privacy-clause", saas, |d| {
            d.agreement = "本协议自买家在线确认时生效。".into()
        }),
        ("copyright.present", saas, |d| d.copyright = None),
        ("copyright.name-matches", saas, |d| d.name = "Acme 备份大师".into()),
        ("license.asset-package", license, |d| {
            d.delivery = Delivery::License {
                asset_package_ref: None,
            }
        }),
        (
            "kunpeng.certificate",
            || labelled(Label::Kunpeng),
            |d| d.prerequisites.kunpeng_certificate = None,
        ),
        (
            "hybrid-cloud.hcs-certificate",
            || labelled(Label::HybridCloud),
            |d| d.prerequisites.hcs_certificate = None,
        ),
        (
            "hybrid-cloud.mentioned",
            || labelled(Label::HybridCloud),
            |d| d.overview = "备份工具。".into(),
        ),
        (
            "iot.mentioned",
            || labelled(Label::Iot),
            |d| d.overview = "备份工具。".into(),
        ),
        ("delivery-template.required", license, |d| d.delivery_template = None),
        ("specs.present", saas, |d| d.specs.clear()),
        ("sku.attribute-limits", saas, |d| {
            d.specs[0].attributes.push(Attribute::Quantity {
                name: "存储".into(),
                unit: "GB".into(),
                min: 1,
                max: 9,
            })
        }),
        ("sku.trial", saas, |d| d.specs[0].trial_days = Some(181)),
        ("sku.purchase-limit-mode", saas, |d| {
            d.specs[0].billing = BillingMode::PayPerUse;
            d.specs[0].trial_days = None;
            d.specs[0].purchase_limit = Some(PurchaseLimit {
                max_count: 1,
                until_resource_expiry: false,
            });
        }),
        ("sku.billing-mode", license, |d| {
            d.specs[0].billing = BillingMode::PerUse
        }),
        (
            "sku.billing-mode-image",
            || clean_draft(Delivery::Image),
            |d| {
                d.specs[0].billing = BillingMode::YearlyMonthly;
                d.specs[0].skus[0].price.minor = 100;
            },
        ),
        (
            "sku.free-image-price",
            || clean_draft(Delivery::Image),
            |d| d.specs[0].skus[0].price.minor = 100,
        ),
        ("spec.name-length", saas, |d| d.specs[0].name = "标".repeat(51)),
        ("spec.name-no-huawei-cloud", saas, |d| {
            d.specs[0].name = "华为云备份 标准版".into()
        }),
        ("spec.name-no-consult", saas, |d| {
            d.specs[0].name = "定制版（详情请咨询）".into()
        }),
        ("spec.name-no-phone", saas, |d| {
            d.specs[0].name = "标准版 400-123-4567".into()
        }),
        ("consulting.seller-link", consulting, |d| {
            d.delivery = Delivery::Consulting { seller_url: " ".into() }
        }),
        ("consulting.no-prices", consulting, |d| d.specs = saas().specs),
        (
            "kunpeng.image-regions",
            || {
                let mut d = labelled(Label::Kunpeng);
                d.delivery = Delivery::Image;
                d.specs = clean_draft(Delivery::Image).specs;
                d.user_guide = clean_draft(Delivery::Image).user_guide;
                d.sales_regions = vec!["cn-north-4".into(), "华南-广州".into()];
                d
            },
            |d| d.sales_regions.push("ap-southeast-1".into()),
        ),
        ("delivery.average-days", license, |d| d.delivery_days = None),
        ("auto-deploy.delegation", license, |d| d.auto_deploy_template = true),
        ("after-sales.english-intl", saas, |d| {
            d.after_sales.languages = vec!["zh".into()]
        }),
        ("after-sales.language-eu", saas, |d| {
            d.after_sales.languages = vec!["zh".into()]
        }),
        ("copyright.file-type", with_certificate_file, |d| {
            certificate_file(d).file_name = "certificate.jpg".into()
        }),
        ("copyright.file-size", with_certificate_file, |d| {
            certificate_file(d).bytes = 20 * 1024 * 1024 + 1
        }),
        (
            "image.user-guide-ports",
            || clean_draft(Delivery::Image),
            |d| d.user_guide = "用镜像创建云服务器后即可登录使用。".into(),
        ),
        ("description.images-attached", saas, |d| {
            d.description.push_str("\n![架构](missing.png)")
        }),
    ]
}
