//! The blank a new draft starts from, one per delivery type.
//!
//! WHY not an empty struct: a seller who picks "License" should see the fields that
//! type needs already shaped the way KooGallery expects — version `V1.0`, the CN site
//! and zh-CN, after-sales support at the 5×8 minimum with its time zone, and one
//! specification in the billing mode the type uses — so the first issues they see are
//! about what only they can write (name, description, images), not about structure.

use crate::listing::model::*;
use crate::listing::rules::Overrides;
use crate::money::{Currency, Money};
use crate::site::Site;

/// The billing mode a new specification of this type starts with.
pub fn default_billing(ty: ProductType) -> BillingMode {
    match ty {
        ProductType::Image => BillingMode::Free,
        ProductType::Hardware | ProductType::ManualService => BillingMode::OneTime,
        ProductType::Api => BillingMode::PerUse,
        _ => BillingMode::YearlyMonthly,
    }
}

/// The delivery facts of a type with its optional parts left empty for the seller.
pub fn blank_delivery(ty: ProductType, flow: ServiceFlow) -> Delivery {
    match ty {
        ProductType::Saas => Delivery::Saas {
            joint_operation: false,
            offline_delivery: false,
        },
        ProductType::SaasJoint => Delivery::Saas {
            joint_operation: true,
            offline_delivery: false,
        },
        ProductType::License => Delivery::License {
            asset_package_ref: None,
        },
        ProductType::Image => Delivery::Image,
        ProductType::ManualService => Delivery::ManualService { flow },
        ProductType::Consulting => Delivery::Consulting {
            seller_url: String::new(),
        },
        ProductType::Hardware => Delivery::Hardware,
        ProductType::Api => Delivery::Api { api_group: None },
    }
}

/// A new draft of the given delivery: structure filled, the seller's text empty.
pub fn blank_draft(delivery: Delivery) -> Draft {
    let ty = delivery.product_type();
    let specs = if ty == ProductType::Consulting {
        // Consulting products are shown only; there is nothing to buy on KooGallery.
        Vec::new()
    } else {
        vec![Spec {
            name: String::new(),
            billing: default_billing(ty),
            attributes: Vec::new(),
            skus: vec![Sku {
                code: "SKU-1".into(),
                price: Money::new(0, Currency::Cny),
                values: Default::default(),
            }],
            trial_days: None,
            purchase_limit: None,
        }]
    };
    Draft {
        name: String::new(),
        version: "V1.0".into(),
        delivery,
        labels: Vec::new(),
        sites: vec![Site::Cn],
        relation: None,
        sales_regions: Vec::new(),
        locales: vec![Locale::ZhCn],
        logo: None,
        main_images: Vec::new(),
        video: None,
        overview: String::new(),
        highlights: Vec::new(),
        description: String::new(),
        description_images: Vec::new(),
        customer_cases: Vec::new(),
        after_sales: AfterSales {
            service_time: ServiceTime {
                days_per_week: 5,
                hours_per_day: 8,
                time_zone: "GMT+08:00".into(),
            },
            ..AfterSales::default()
        },
        user_guide: String::new(),
        agreement: String::new(),
        copyright: None,
        prerequisites: Prerequisites::default(),
        delivery_template: None,
        specs,
        delivery_days: None,
        auto_deploy_template: false,
        overrides: Overrides::default(),
        checked_with_pack: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::example::all_deliveries;
    use crate::listing::Pack;

    #[test]
    fn every_type_has_a_blank_whose_issues_are_about_the_sellers_own_content() {
        let pack = Pack::embedded();
        for delivery in all_deliveries() {
            let ty = delivery.product_type();
            let draft = blank_draft(delivery);
            assert_eq!(draft.product_type(), ty, "the blank keeps the chosen type");
            let report = pack.check(&draft, &Overrides::default());
            let fields: Vec<&str> = report.issues.iter().map(|i| i.field.as_str()).collect();
            assert!(
                fields.contains(&"name"),
                "a blank {ty:?} draft should ask for a name first, got {fields:?}"
            );
            for structural in ["version", "after_sales.service_time"] {
                assert!(
                    !fields.contains(&structural),
                    "a blank {ty:?} draft should already satisfy {structural}, got {fields:?}"
                );
            }
        }
    }

    #[test]
    fn consulting_starts_without_specs_and_the_rest_with_one_in_their_billing_mode() {
        let consulting = blank_draft(blank_delivery(ProductType::Consulting, ServiceFlow::Standard));
        assert!(consulting.specs.is_empty(), "consulting is not traded on KooGallery");
        let image = blank_draft(blank_delivery(ProductType::Image, ServiceFlow::Standard));
        assert_eq!(
            image.specs[0].billing,
            BillingMode::Free,
            "an image starts as a free image"
        );
        let license = blank_draft(blank_delivery(ProductType::License, ServiceFlow::Standard));
        assert_eq!(license.specs[0].billing, BillingMode::YearlyMonthly);
    }
}
