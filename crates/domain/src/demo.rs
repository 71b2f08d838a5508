//! Demo orders for the embedded sandbox account: a plausible year of a small seller.
//!
//! A new user should open Gallerist and see a working shop, not an empty one. The
//! generator is pure (random source and "now" passed in) so the app's local seed and
//! the sandbox's order store, given the same seed, describe the same orders.

use crate::clock::month_start;
use crate::money::{Currency, Money};
use crate::order::{Buyer, ChargingMode, Order, OrderLine, OrderType};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;

struct DemoProduct {
    id: &'static str,
    name: &'static str,
    mode: ChargingMode,
    period: Option<&'static str>,
    price_minor: i64,
}

const PRODUCTS: &[DemoProduct] = &[
    DemoProduct {
        id: "OFFI900000000000000001",
        name: "智能客服 SaaS 标准版",
        mode: ChargingMode::Period,
        period: Some("month"),
        price_minor: 39_900,
    },
    DemoProduct {
        id: "OFFI900000000000000002",
        name: "智能客服 SaaS 企业版（年付）",
        mode: ChargingMode::Period,
        period: Some("year"),
        price_minor: 399_000,
    },
    DemoProduct {
        id: "OFFI900000000000000003",
        name: "数据库审计系统 License",
        mode: ChargingMode::OneTime,
        period: None,
        price_minor: 1_280_000,
    },
    DemoProduct {
        id: "OFFI900000000000000004",
        name: "Web 应用防护镜像（鲲鹏）",
        mode: ChargingMode::OnDemand,
        period: None,
        price_minor: 6_800,
    },
    DemoProduct {
        id: "OFFI900000000000000005",
        name: "企业官网建站服务",
        mode: ChargingMode::OneTime,
        period: None,
        price_minor: 500_000,
    },
    DemoProduct {
        id: "OFFI900000000000000006",
        name: "API 调用次数包 10 万次",
        mode: ChargingMode::OnDemandPkg,
        period: None,
        price_minor: 19_900,
    },
];

const CITIES: &[&str] = &["杭州", "深圳", "成都", "苏州", "西安", "南京", "武汉", "厦门"];
const NAMES: &[&str] = &["云图", "星河", "数智", "启明", "青禾", "远帆", "卓越", "知行"];
const KINDS: &[&str] = &["科技有限公司", "信息技术有限公司", "网络科技有限公司"];

fn pick_type(rng: &mut impl Rng) -> OrderType {
    match rng.gen_range(0..100) {
        0..=54 => OrderType::New,
        55..=79 => OrderType::Renew,
        80..=87 => OrderType::Trial,
        88..=92 => OrderType::TrialToFormal,
        93..=96 => OrderType::Change,
        _ => OrderType::Unsubscribe,
    }
}

fn buyer(rng: &mut impl Rng, n: usize) -> Buyer {
    let name = format!(
        "{}{}{}",
        CITIES[n % CITIES.len()],
        NAMES[(n / CITIES.len()) % NAMES.len()],
        KINDS[rng.gen_range(0..KINDS.len())]
    );
    Buyer {
        customer_id: Some(format!("{:032x}", 0x9a11_0000_u64 + n as u64)),
        customer_name: Some(format!("buyer_{n:04}")),
        customer_real_name: Some(name),
        customer_type: Some(1),
        email: None,
        mobile_phone: Some(format!("13{}****{:04}", rng.gen_range(0..10), rng.gen_range(0..10_000))),
    }
}

/// Orders from the start of the month `months` months ago until `now`, growing
/// gently month over month. Deterministic for a given `rng` state and `now`.
pub fn demo_orders(rng: &mut impl Rng, now: DateTime<Utc>, months: u32, currency: Currency) -> Vec<Order> {
    let buyer_pool: Vec<Buyer> = (0..64).map(|n| buyer(rng, n)).collect();
    let mut orders = Vec::new();
    for back in (0..=months).rev() {
        let start = month_start(now, back);
        let end = if back == 0 { now } else { month_start(now, back - 1) };
        let span = (end - start).num_seconds().max(1);
        let count = 18 + (months - back) as usize * 2 + rng.gen_range(0..8);
        let mut month_orders: Vec<Order> = (0..count)
            .map(|_| {
                let created = start + Duration::seconds(rng.gen_range(0..span));
                one_order(rng, created, &buyer_pool, currency)
            })
            .collect();
        month_orders.sort_by_key(|o| o.create_time);
        orders.extend(month_orders);
    }
    orders
}

fn one_order(rng: &mut impl Rng, created: DateTime<Utc>, buyers: &[Buyer], currency: Currency) -> Order {
    let order_type = pick_type(rng);
    let product = &PRODUCTS[rng.gen_range(0..PRODUCTS.len())];
    let order_id = format!("CS{}{:05}", created.format("%y%m%d%H%M"), rng.gen_range(0..100_000));
    let units = if product.mode == ChargingMode::OnDemand {
        rng.gen_range(1..40)
    } else {
        1
    };
    let list = product.price_minor * units;
    let free = matches!(order_type, OrderType::Trial | OrderType::Unsubscribe);
    let paid = if free {
        0
    } else {
        list - list * rng.gen_range(0..3) * 5 / 100
    };
    let expire_time = product.period.map(|p| match p {
        "year" => created + Duration::days(365),
        _ => created + Duration::days(30),
    });
    Order {
        order_id: order_id.clone(),
        order_type,
        create_time: created,
        lines: vec![OrderLine {
            order_line_id: format!("{order_id}-000001"),
            charging_mode: product.mode,
            period_type: product.period.map(str::to_string),
            period_number: product.period.map(|_| 1),
            expire_time,
            product_id: product.id.to_string(),
            product_name: product.name.to_string(),
            sku_code: format!(
                "{}-sku-{}",
                &product.id[14..],
                product.mode.as_str().to_ascii_lowercase()
            ),
            linear_value: None,
            amount: Money::new(if free { 0 } else { list }, currency),
            amount_after_discount: Money::new(paid, currency),
        }],
        buyer: Some(buyers[rng.gen_range(0..buyers.len())].clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rand::{rngs::StdRng, SeedableRng};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 4, 0, 0).unwrap()
    }

    #[test]
    fn covers_every_one_of_the_last_twelve_months_and_never_the_future() {
        let orders = demo_orders(&mut StdRng::seed_from_u64(7), now(), 12, Currency::Cny);
        for back in 0..=12 {
            let (start, end) = (
                month_start(now(), back),
                if back == 0 { now() } else { month_start(now(), back - 1) },
            );
            let n = orders
                .iter()
                .filter(|o| o.create_time >= start && o.create_time < end)
                .count();
            assert!(
                n >= 18,
                "month {back} back should have at least 18 demo orders, has {n}"
            );
        }
        assert!(
            orders.iter().all(|o| o.create_time <= now()),
            "no demo order lies in the future"
        );
    }

    #[test]
    fn same_seed_same_orders_different_seed_different_orders() {
        let a = demo_orders(&mut StdRng::seed_from_u64(1), now(), 12, Currency::Cny);
        let b = demo_orders(&mut StdRng::seed_from_u64(1), now(), 12, Currency::Cny);
        let c = demo_orders(&mut StdRng::seed_from_u64(2), now(), 12, Currency::Cny);
        assert_eq!(
            a, b,
            "the app's seed and the sandbox's seed must describe the same orders"
        );
        assert_ne!(a, c);
    }

    #[test]
    fn trials_and_unsubscribes_cost_nothing_and_discounts_never_raise_prices() {
        for o in demo_orders(&mut StdRng::seed_from_u64(3), now(), 12, Currency::Cny) {
            let line = &o.lines[0];
            if matches!(o.order_type, OrderType::Trial | OrderType::Unsubscribe) {
                assert_eq!(line.amount_after_discount.minor, 0, "{} is free", o.order_id);
            }
            assert!(
                line.amount_after_discount.minor <= line.amount.minor,
                "{} discount raised price",
                o.order_id
            );
        }
    }

    #[test]
    fn months_are_cut_at_midnight_beijing_time() {
        // 2026-11-28 04:00 UTC is 12:00 in UTC+8; the month began 2026-10-31 16:00 UTC.
        assert_eq!(
            month_start(now(), 0),
            Utc.with_ymd_and_hms(2026, 10, 31, 16, 0, 0).unwrap()
        );
        assert_eq!(
            month_start(now(), 11),
            Utc.with_ymd_and_hms(2025, 11, 30, 16, 0, 0).unwrap()
        );
    }
}
