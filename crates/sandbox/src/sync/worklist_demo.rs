//! The demo shop's worklist: cases at every kind of node, invoice requests at several
//! distances from their deadline, Huawei invoicing lists and a complete seller profile.
//!
//! WHY dated relative to now: a new seller opening the app sees a case that may be
//! appealed today, an invoice due within 24 hours and a hardware case counting down to
//! its automatic acceptance — the situations the worklist exists for. Past steps are
//! applied through the domain at their past times, so every demo case is one the state
//! machine could have produced.

use super::buyers::{self, BuyerProfile};
use super::errors::SyncError;
use super::invoices::{self, NewInvoiceRequest};
use super::store;
use super::worklist_wire::{InvoicingListEntity, SellerProfile, SupervisionCase, PROFILE_ID};
use super::SyncState;
use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use gallerist_domain::contacts::{Contact, ContactRole, ContactSettings, PreSalesExtension, Reception};
use gallerist_domain::invoice::{CertifiedIdentity, InvoiceKind, InvoiceType, InvoicingList, Medium};
use gallerist_domain::money::{Currency, Money};
use gallerist_domain::supervision::{Actor, Case, Delivery, Flow, Op};
use rusqlite::Connection;
use serde::Deserialize;

/// What a new case needs (the control `POST /_sandbox/v1/cases` takes this as JSON).
#[derive(Debug, Clone, Deserialize)]
pub struct NewCase {
    pub flow: Flow,
    pub product_name: String,
    #[serde(default)]
    pub profile: BuyerProfile,
    pub amount: Money,
    /// Hardware: the recipient phone on the order.
    pub order_phone: Option<String>,
    /// When the order was paid; now when left out.
    pub opened_at: Option<DateTime<Utc>>,
}

/// Opens a case (and its order) and schedules its buyer; returns the stored entity.
pub(crate) fn open_case(
    conn: &Connection,
    sync: &SyncState,
    new: &NewCase,
    steps: &[(Actor, Op, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<SupervisionCase, SyncError> {
    let n = store::next(conn, "case")?;
    let opened = new.opened_at.unwrap_or(now);
    let mut case = match (&new.flow, &new.order_phone) {
        (Flow::Hardware, Some(phone)) => Case::hardware(phone, opened),
        (flow, _) => Case::open(*flow, opened),
    };
    for (actor, op, at) in steps {
        case.apply(*actor, op.clone(), *at)?;
    }
    let entity = SupervisionCase {
        id: format!("case-{n}"),
        revision: 1,
        updated_at: case.last_change(),
        order_id: format!("CS2611{:06}", 300 + n),
        product_name: new.product_name.clone(),
        buyer: format!("hw_{:04}***", (n * 4001) % 10_000),
        amount: new.amount,
        case,
        files: Vec::new(),
    };
    buyers::set_profile(conn, &entity.id, new.profile)?;
    buyers::schedule(conn, sync, &entity, now)?;
    store::put(conn, &entity)?;
    Ok(entity)
}

fn delivery(note: &str, at: DateTime<Utc>) -> Op {
    Op::Deliver(Delivery {
        acceptance_document: note.into(),
        attachments: Vec::new(),
        actual_start: Some(at - Duration::days(1)),
    })
}

fn profile(now: DateTime<Utc>) -> SellerProfile {
    let weekdays = vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
    let window = |from: u32, to: u32| Reception {
        days: weekdays.clone(),
        from: NaiveTime::from_hms_opt(from, 0, 0).unwrap_or_default(),
        to: NaiveTime::from_hms_opt(to, 0, 0).unwrap_or_default(),
    };
    let contact = |role, name: &str, email: &str, phone: Option<&str>| Contact {
        role,
        name: name.into(),
        email: email.into(),
        phone: phone.map(str::to_string),
    };
    SellerProfile {
        id: PROFILE_ID.into(),
        revision: 1,
        updated_at: now,
        settings: ContactSettings {
            contacts: vec![
                contact(
                    ContactRole::Business,
                    "王磊",
                    "bd@demo-seller.example",
                    Some("13800138000"),
                ),
                contact(
                    ContactRole::Finance,
                    "李娜",
                    "finance@demo-seller.example",
                    Some("021-61234567"),
                ),
                contact(
                    ContactRole::CustomerService,
                    "客服中心",
                    "service@demo-seller.example",
                    None,
                ),
                contact(ContactRole::AfterSales, "售后团队", "support@demo-seller.example", None),
            ],
            pre_sales: Some(PreSalesExtension {
                extension: "6021".into(),
                bound_phone: "13800138001".into(),
                reception: window(9, 18),
            }),
            tickets: Some(window(9, 18)),
        },
        invoice_kinds: vec![
            InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Electronic),
            InvoiceKind::new(InvoiceType::VatOrdinary, Medium::AllDigital),
            InvoiceKind::new(InvoiceType::VatSpecial, Medium::Paper),
        ],
        certified: CertifiedIdentity {
            company_name: "上海画廊软件有限公司".into(),
            taxpayer_id: "91310115MA1H8XXXXK".into(),
        },
    }
}

/// Seeds the worklist once (a second call changes nothing).
pub(crate) fn seed(conn: &Connection, sync: &SyncState, now: DateTime<Utc>) -> Result<(), SyncError> {
    if store::get::<SellerProfile>(conn, PROFILE_ID)?.is_some() {
        return Ok(());
    }
    store::put(conn, &profile(now))?;
    let days = Duration::days;
    let cny = |yuan: i64| Money::new(yuan * 100, Currency::Cny);
    let case = |flow, name: &str, profile, yuan, opened: Duration| NewCase {
        flow,
        product_name: name.into(),
        profile,
        amount: cny(yuan),
        order_phone: None,
        opened_at: Some(now - opened),
    };
    let reqs = || Op::SubmitRequirements {
        documents: vec!["需求说明书.docx：迁移 3 套 MySQL 到 RDS，停机窗口周六 22:00–02:00".into()],
    };
    // Waiting for the seller to confirm requirements.
    let c = case(
        Flow::ManualService,
        "数据迁移实施服务",
        BuyerProfile::Prompt,
        12_000,
        days(2),
    );
    open_case(conn, sync, &c, &[(Actor::Buyer, reqs(), now - days(1))], now)?;
    // Delivered 6 days ago to a slow buyer: the seller may appeal.
    let c = case(
        Flow::ManualService,
        "等保测评咨询服务",
        BuyerProfile::Slow,
        30_000,
        days(20),
    );
    let steps = [
        (Actor::Buyer, reqs(), now - days(18)),
        (Actor::Seller, Op::ConfirmRequirements, now - days(17)),
        (
            Actor::Seller,
            delivery("等保测评报告（终稿）已交付，验收标准见交付模板第 3 节。", now - days(6)),
            now - days(6),
        ),
    ];
    open_case(conn, sync, &c, &steps, now)?;
    // A picky buyer's case waiting for the seller's delivery.
    let c = case(Flow::ManualService, "网站建设服务", BuyerProfile::Picky, 8_800, days(4));
    let steps = [
        (Actor::Buyer, reqs(), now - days(3)),
        (
            Actor::Seller,
            Op::ConfirmRequirements,
            now - days(3) + Duration::hours(2),
        ),
    ];
    open_case(conn, sync, &c, &steps, now)?;
    // A License to deliver, delivered only 2 days ago elsewhere: appeal not yet possible.
    let c = case(Flow::License, "企业网盘 License", BuyerProfile::Slow, 5_600, days(5));
    open_case(
        conn,
        sync,
        &c,
        &[(
            Actor::Seller,
            delivery("License 密钥与安装手册已交付。", now - days(2)),
            now - days(2),
        )],
        now,
    )?;
    let c = case(
        Flow::License,
        "备份一体机 License",
        BuyerProfile::Prompt,
        16_000,
        days(1),
    );
    open_case(conn, sync, &c, &[], now)?;
    // Hardware signed off 8 days ago: accepted automatically in 2 days.
    let mut hw = case(Flow::Hardware, "边缘计算网关", BuyerProfile::Slow, 4_200, days(12));
    hw.order_phone = Some("13911112222".into());
    let ship = Op::Ship {
        courier: "顺丰速运".into(),
        tracking_number: "SF1400283319875".into(),
        recipient_phone: "139 1111 2222".into(),
    };
    let steps = [
        (Actor::Seller, ship, now - days(10)),
        (
            Actor::Platform,
            Op::RecordSignOff {
                signed_at: now - days(8),
            },
            now - days(8),
        ),
    ];
    open_case(conn, sync, &hw, &steps, now)?;
    // A joint-operation License waiting for the auth-code activation.
    let c = case(
        Flow::JointLicense {
            enablement_cloud: false,
        },
        "联营 CRM License",
        BuyerProfile::Prompt,
        22_000,
        days(3),
    );
    open_case(conn, sync, &c, &[(Actor::Buyer, Op::ConfirmOrder, now - days(2))], now)?;
    // A completed case (its order can be billed).
    let c = case(
        Flow::ManualService,
        "云上安全加固服务",
        BuyerProfile::Prompt,
        6_000,
        days(40),
    );
    let steps = [
        (Actor::Buyer, reqs(), now - days(39)),
        (Actor::Seller, Op::ConfirmRequirements, now - days(38)),
        (
            Actor::Seller,
            delivery("加固报告已交付。", now - days(30)),
            now - days(30),
        ),
        (Actor::Buyer, Op::Accept, now - days(29)),
    ];
    open_case(conn, sync, &c, &steps, now)?;

    let kind = InvoiceKind::new;
    let requests = [
        (
            "数据迁移实施服务",
            "上海云启信息科技有限公司",
            kind(InvoiceType::VatOrdinary, Medium::Electronic),
            128_000,
            days(6),
        ),
        (
            "企业网盘 License",
            "北京数桥软件有限公司",
            kind(InvoiceType::VatSpecial, Medium::Paper),
            8_000,
            days(2),
        ),
        (
            "Gallerist Demo SaaS",
            "深圳星河数据服务有限公司",
            kind(InvoiceType::VatOrdinary, Medium::AllDigital),
            1_990_000,
            Duration::hours(3),
        ),
    ];
    for (product, title, kind, fen, ago) in requests {
        let new = NewInvoiceRequest {
            order_id: None,
            product_name: product.into(),
            title: title.into(),
            kind,
            amount: Money::new(fen, Currency::Cny),
            requested_at: Some(now - ago),
        };
        invoices::raise(conn, &new, now)?;
    }
    for (i, (entity, fen, rate)) in [
        ("华为云计算技术有限公司", 1_696_000, 600),
        ("华为软件技术有限公司", 452_000, 1300),
    ]
    .into_iter()
    .enumerate()
    {
        let list = InvoicingListEntity {
            id: format!("pr-{}", 202610 + i),
            revision: 1,
            updated_at: now,
            bill_period: "2026-10".into(),
            list: InvoicingList {
                payment_request: format!("SFD20261105{:04}", 17 + i),
                huawei_entity: entity.into(),
                amount: Money::new(fen, Currency::Cny),
                tax_rate_bp: rate,
            },
            mailbox: "invoice-receive@huawei.example".into(),
        };
        store::put(conn, &list)?;
    }
    Ok(())
}
