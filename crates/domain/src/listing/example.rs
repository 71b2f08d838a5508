//! Complete example drafts, one per delivery type, that the embedded pack accepts.
//!
//! WHY in the library and not only in tests: the rule tests break one field of a clean
//! draft at a time, the benchmark varies them by the thousand, and the editor's "new
//! draft of this type" can start from one. A sample that every rule accepts is also the
//! quickest proof that the pack does not contradict itself.

use crate::listing::image::{ImageFacts, ImageFormat};
use crate::listing::model::*;
use crate::listing::rules::Overrides;
use crate::money::{Currency, Money};
use crate::site::Site;

/// An image asset with the given measured facts (200 kB); its hash is a stand-in
/// derived from the name, not a real SHA-256.
pub fn image(name: &str, format: ImageFormat, width: u32, height: u32) -> Asset {
    Asset {
        hash: format!("sha256-{name}"),
        file_name: name.to_string(),
        bytes: 200_000,
        image: Some(ImageFacts {
            format,
            width,
            height,
            bytes: 200_000,
        }),
        problem: None,
    }
}

/// A non-image attachment (a document).
pub fn file(name: &str) -> Asset {
    Asset {
        hash: format!("sha256-{name}"),
        file_name: name.to_string(),
        bytes: 10_000,
        image: None,
        problem: None,
    }
}

fn spec(billing: BillingMode) -> Spec {
    Spec {
        name: "标准版".into(),
        billing,
        attributes: vec![
            Attribute::Quantity {
                name: "用户数".into(),
                unit: "个".into(),
                min: 1,
                max: 500,
            },
            Attribute::Enumeration {
                name: "部署区域".into(),
                values: vec!["华北".into(), "华南".into()],
            },
        ],
        skus: vec![Sku {
            code: "SKU-1".into(),
            price: Money::new(99_900, Currency::Cny),
            values: Default::default(),
        }],
        trial_days: None,
        purchase_limit: None,
    }
}

/// A complete draft of the given delivery that every rule of the embedded pack accepts.
pub fn clean_draft(delivery: Delivery) -> Draft {
    let ty = delivery.product_type();
    let sentence = "本产品帮助企业自动备份云上数据库，支持定时任务、增量备份与一键恢复，并提供完整的审计日志。";
    let traded = ty != ProductType::Consulting;
    let mut specs = Vec::new();
    if traded {
        let mut s = spec(match ty {
            ProductType::Image => BillingMode::Free,
            ProductType::Hardware => BillingMode::OneTime,
            _ => BillingMode::YearlyMonthly,
        });
        match s.billing {
            BillingMode::YearlyMonthly => s.trial_days = Some(30),
            BillingMode::Free => s.skus.iter_mut().for_each(|k| k.price.minor = 0),
            _ => {}
        }
        specs.push(s);
    }
    Draft {
        name: "Acme 数据库备份".into(),
        version: "V1.0".into(),
        delivery: delivery.clone(),
        labels: Vec::new(),
        sites: vec![Site::Cn, Site::Intl, Site::Eu],
        relation: None,
        sales_regions: vec!["cn-north-4".into()],
        locales: vec![Locale::ZhCn, Locale::En],
        logo: Some(image("logo.png", ImageFormat::Png, 120, 120)),
        main_images: vec![image("main.jpg", ImageFormat::Jpeg, 800, 600)],
        video: None,
        overview: "自动备份云数据库的工具。".into(),
        highlights: vec!["定时与增量备份".into(), "一键恢复".into()],
        description: format!("## 商品详情\n\n{}", sentence.repeat(10)),
        description_images: Vec::new(),
        customer_cases: Vec::new(),
        after_sales: AfterSales {
            service_time: ServiceTime {
                days_per_week: 5,
                hours_per_day: 8,
                time_zone: "GMT+08:00".into(),
            },
            content: "安装指导、故障排查".into(),
            hotline: "400-000-0000".into(),
            email: "support@acme.example".into(),
            languages: vec!["zh".into(), "en".into()],
        },
        user_guide: if ty == ProductType::Image {
            "用镜像创建云服务器后，在安全组中放通 443 端口，浏览器访问即可登录。".into()
        } else if traded {
            "购买后使用邮件中的账号登录控制台。".into()
        } else {
            String::new()
        },
        agreement: if traded {
            "本协议自买家在线确认时生效。我们依法保护您的个人信息与隐私。".into()
        } else {
            String::new()
        },
        copyright: Some(Copyright::Certificate {
            software_name: "Acme 数据库备份".into(),
            owner: "Acme".into(),
            file: None,
        }),
        prerequisites: Prerequisites::default(),
        delivery_template: delivery.is_supervised().then(|| file("acceptance.docx")),
        specs,
        delivery_days: matches!(ty, ProductType::License | ProductType::ManualService).then_some(7),
        auto_deploy_template: false,
        overrides: Overrides::default(),
        checked_with_pack: None,
    }
}

/// One delivery of every type and variant (SaaS general/offline/joint, both service flows).
pub fn all_deliveries() -> Vec<Delivery> {
    vec![
        Delivery::Saas {
            joint_operation: false,
            offline_delivery: false,
        },
        Delivery::Saas {
            joint_operation: false,
            offline_delivery: true,
        },
        Delivery::Saas {
            joint_operation: true,
            offline_delivery: false,
        },
        Delivery::License {
            asset_package_ref: Some("asset-123".into()),
        },
        Delivery::Image,
        Delivery::ManualService {
            flow: ServiceFlow::Standard,
        },
        Delivery::ManualService {
            flow: ServiceFlow::WebsiteBuilding,
        },
        Delivery::Consulting {
            seller_url: "https://acme.example".into(),
        },
        Delivery::Hardware,
        Delivery::Api {
            api_group: Some("group-1".into()),
        },
    ]
}

/// The smallest complete file of this format and size: a valid header, one block of
/// (undecoded) image data with correct checksums, and the format's end marker. Enough
/// for measuring and whole-file checks; not a picture anyone could view.
pub fn image_bytes(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    match format {
        ImageFormat::Png => {
            let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
            let mut ihdr = width.to_be_bytes().to_vec();
            ihdr.extend_from_slice(&height.to_be_bytes());
            ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
            png_chunk(&mut b, b"IHDR", &ihdr);
            png_chunk(&mut b, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
            png_chunk(&mut b, b"IEND", &[]);
            b
        }
        ImageFormat::Jpeg => {
            let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
            b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
            b.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
            b.extend_from_slice(&(height.min(u16::MAX as u32) as u16).to_be_bytes());
            b.extend_from_slice(&(width.min(u16::MAX as u32) as u16).to_be_bytes());
            b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
            // Start of scan, a few entropy-coded bytes (one stuffed 0xFF), end of image.
            b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]);
            b.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]);
            b
        }
        ImageFormat::Gif => {
            let mut b = b"GIF89a".to_vec();
            b.extend_from_slice(&(width.min(u16::MAX as u32) as u16).to_le_bytes());
            b.extend_from_slice(&(height.min(u16::MAX as u32) as u16).to_le_bytes());
            b.extend_from_slice(&[0, 0, 0]);
            // One image descriptor (no colour table), LZW code size, one data
            // sub-block and its terminator, then the trailer.
            b.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B]);
            b
        }
    }
}

/// Appends a PNG chunk: length, type, data and the CRC-32 of type and data.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32fast::hash(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}
