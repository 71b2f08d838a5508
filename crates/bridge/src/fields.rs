//! The canonical fields of a KooGallery bill line or transaction detail, with the header
//! texts that name them.
//!
//! The console's exact export headers are not documented (the reference lists only the
//! filters and the EN bill fields; the console itself renders them), so every field
//! carries a generous list of Chinese and English synonyms gathered from the help-centre
//! wording, the Partner Center tabs and what sellers' own sheets say. A wrong guess only
//! costs a mapping proposal the seller can correct in the wizard; a missing synonym
//! costs the same. Matching is on [`crate::text::header_key`] forms, so case, spaces,
//! full-width characters and bracketed units ("结算金额（元）") do not matter.

use crate::text::{header_key, split_unit};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One canonical column of a bill line / transaction detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    BillId,
    Period,
    OrderId,
    OrderLineId,
    ProductId,
    ProductName,
    ProductType,
    OrderKind,
    Customer,
    PaidTime,
    EffectiveTime,
    Currency,
    SalesAmount,
    AmountInclTax,
    Tax,
    CustomerWht,
    PlatformFeeRate,
    SellerShareRate,
    OperationsFeeRate,
    PlatformFee,
    SellerWht,
    Dst,
    SettlementAmount,
    SupervisionStatus,
    RepaymentStatus,
    BillStatus,
}

/// How a field's cells are parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text kept as written (trimmed).
    Text,
    /// An identifier: text, but a number that Excel rounded is an error.
    Id,
    /// Money, to exact minor units.
    Amount,
    /// A proportion, to parts per million.
    Rate,
    /// A date with an optional time.
    DateTime,
    /// A bill period: year and month.
    Period,
    /// An ISO 4217 code or its Chinese name.
    Currency,
}

/// A field's labels and synonyms.
#[derive(Debug)]
pub struct FieldSpec {
    pub field: Field,
    pub kind: FieldKind,
    pub zh: &'static str,
    pub en: &'static str,
    pub synonyms: &'static [&'static str],
}

macro_rules! spec {
    ($f:ident, $k:ident, $zh:literal, $en:literal, [$($s:literal),* $(,)?]) => {
        FieldSpec { field: Field::$f, kind: FieldKind::$k, zh: $zh, en: $en, synonyms: &[$zh, $en, $($s),*] }
    };
}

/// Every field in [`Field`] order. Synonyms beyond the two labels are guesses at what
/// console versions, the Partner Center and sellers' own sheets call the column.
#[rustfmt::skip]
pub static SPECS: &[FieldSpec] = &[
    spec!(BillId, Id, "账单编号", "Bill ID", ["账单号", "账单ID", "账单id", "分账单号", "对账单号", "Bill No", "Bill Number", "Statement ID"]),
    spec!(Period, Period, "账期", "Bill Period", ["账单周期", "出账周期", "结算周期", "账单月份", "账期月份", "分账周期", "Billing Period", "Billing Cycle", "Period", "Bill Month", "Settlement Period"]),
    spec!(OrderId, Id, "订单号", "Order ID", ["订单编号", "订单ID", "云商店订单号", "主订单号", "Order No", "Order Number"]),
    spec!(OrderLineId, Id, "订单明细", "Order Line ID", ["订单明细号", "订单明细ID", "订单明细编号", "订单行ID", "订单行号", "子订单号", "子订单ID", "订单项ID", "Order Line", "Order Item ID", "Order Detail ID", "Sub-order ID"]),
    spec!(ProductId, Id, "商品ID", "Product ID", ["商品编号", "商品编码", "产品ID", "Product Code", "Offering ID"]),
    spec!(ProductName, Text, "商品名称", "Product Name", ["商品", "产品名称", "Product", "Offering Name"]),
    spec!(ProductType, Text, "商品类型", "Product Type", ["接入类型", "交付类型", "商品交付类型", "产品类型", "Delivery Type", "Access Type", "Offering Type"]),
    spec!(OrderKind, Text, "订单类型", "Order Type", ["订购类型", "交易类型", "购买类型", "计费模式", "订单种类", "Order Kind", "Transaction Type", "Purchase Type", "Billing Mode"]),
    spec!(Customer, Text, "客户账号", "Customer Account", ["客户名称", "客户", "买家账号", "客户账号名", "用户账号", "购买账号", "Customer", "Customer Name", "Buyer Account", "Buyer"]),
    spec!(PaidTime, DateTime, "支付时间", "Payment Time", ["付款时间", "支付日期", "订单支付时间", "Paid Time", "Paid At", "Payment Date", "Pay Time"]),
    spec!(EffectiveTime, DateTime, "生效时间", "Effective Time", ["订单生效时间", "生效日期", "开通时间", "Effective Date", "Activation Time", "Effective At"]),
    spec!(Currency, Currency, "币种", "Currency", ["结算币种", "货币", "币别", "Settlement Currency", "Currency Code"]),
    // Sales amount is the order amount excluding tax, the base of the settlement formula.
    spec!(SalesAmount, Amount, "不含税金额", "Sales Amount", ["销售金额", "销售金额(不含税)", "订单金额(不含税)", "不含税订单金额", "金额(不含税)", "不含税", "交易金额(不含税)", "Amount Excl. Tax", "Amount Excluding Tax", "Price Excl. VAT", "Sales Amount Excl. Tax", "Net Sales"]),
    // CN buyers pay tax-inclusive prices, so a bare "订单金额" is read as including tax.
    spec!(AmountInclTax, Amount, "含税金额", "Amount Incl. Tax", ["订单金额", "交易金额", "实付金额", "支付金额", "金额(含税)", "含税", "订单金额(含税)", "Order Amount", "Amount Including Tax", "Paid Amount", "Transaction Amount"]),
    spec!(Tax, Amount, "税额", "Tax", ["税金", "增值税", "增值税额", "Tax Amount", "VAT"]),
    spec!(CustomerWht, Amount, "客户预提税", "Customer WHT", ["客户代扣税", "客户预扣税", "客户预提所得税", "Customer Withholding Tax"]),
    spec!(PlatformFeeRate, Rate, "平台服务费比例", "Platform Fee Rate", ["平台服务费率", "平台使用费比例", "华为分成比例", "平台分成比例", "平台费率", "Platform Fee Proportion", "Platform Service Fee Rate", "Platform Fee Ratio", "Huawei Share"]),
    // "分成比例" alone is the seller's (ISV's) share, e.g. 87 % for SaaS; the fee is 1 − share.
    spec!(SellerShareRate, Rate, "分成比例", "Share Ratio", ["伙伴分成比例", "ISV分成比例", "卖家分成比例", "成交价分成", "Seller Share", "Partner Share", "Revenue Share"]),
    spec!(OperationsFeeRate, Rate, "运营管理费比例", "Operations Fee Rate", ["运营管理费率", "Operation Management Fee Rate"]),
    spec!(PlatformFee, Amount, "平台服务费", "Platform Fee", ["平台服务费金额", "平台使用费", "平台服务费(元)", "平台费", "Platform Service Fee", "Platform Fee Amount"]),
    spec!(SellerWht, Amount, "预提税", "Withholding Tax", ["卖家预提税", "商家预提税", "预提所得税", "代扣代缴税", "WHT", "Seller WHT", "Seller Withholding Tax"]),
    spec!(Dst, Amount, "数字服务税", "Digital Services Tax", ["DST", "数字税", "Digital Service Tax"]),
    spec!(SettlementAmount, Amount, "结算金额", "Settlement Amount", ["应结算金额", "分账金额", "实际结算金额", "结算金额(元)", "净额", "Net Amount", "Settled Amount", "Payout Amount"]),
    spec!(SupervisionStatus, Text, "服务监管状态", "Supervision Status", ["监管状态", "服务监管", "Service Supervision Status"]),
    spec!(RepaymentStatus, Text, "后付费客户还款状态", "Repayment Status", ["客户还款状态", "还款状态", "后付费还款状态", "Customer Repayment Status"]),
    spec!(BillStatus, Text, "账单状态", "Bill Status", ["对账状态", "分账状态", "结算状态", "Settlement Status", "Statement Status"]),
];

impl Field {
    /// All fields, in display order.
    pub fn all() -> impl Iterator<Item = Field> {
        SPECS.iter().map(|s| s.field)
    }
    pub fn spec(self) -> &'static FieldSpec {
        // SPECS lists the fields in declaration order (a test pins it).
        &SPECS[self as usize]
    }
    pub fn kind(self) -> FieldKind {
        self.spec().kind
    }
    /// Chinese label, as the console would show it.
    pub fn zh(self) -> &'static str {
        self.spec().zh
    }
    /// English label.
    pub fn en(self) -> &'static str {
        self.spec().en
    }
    /// The serde name (`settlement_amount`), used in fingerprints.
    pub fn key(self) -> &'static str {
        KEYS[self as usize]
    }
}

#[rustfmt::skip]
const KEYS: [&str; 26] = [
    "bill_id", "period", "order_id", "order_line_id", "product_id", "product_name", "product_type", "order_kind",
    "customer", "paid_time", "effective_time", "currency", "sales_amount", "amount_incl_tax", "tax", "customer_wht",
    "platform_fee_rate", "seller_share_rate", "operations_fee_rate", "platform_fee", "seller_wht", "dst",
    "settlement_amount", "supervision_status", "repayment_status", "bill_status",
];

/// Groups of which a usable mapping needs at least one field each: something naming the
/// order, and some amount.
pub const REQUIRED: &[&[Field]] = &[
    &[Field::OrderId, Field::OrderLineId],
    &[Field::SalesAmount, Field::SettlementAmount, Field::AmountInclTax],
];

/// How a header was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchHow {
    /// The whole header (less a bracketed unit) is a synonym.
    Exact,
    /// The lower part of a two-row header is a synonym ("金额/含税" → 含税).
    SubHeader,
    /// A synonym occurs inside the header; the longest one wins.
    Contains,
}

/// A header recognised as a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMatch {
    pub field: Field,
    pub how: MatchHow,
    pub synonym: &'static str,
    /// The bracketed unit, if any ("元", "USD", "%").
    pub unit: Option<String>,
}

fn table() -> &'static [(String, Field, &'static str)] {
    static TABLE: OnceLock<Vec<(String, Field, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<_> = SPECS
            .iter()
            .flat_map(|s| s.synonyms.iter().map(move |syn| (header_key(syn), s.field, *syn)))
            .collect();
        // Longest first, so "平台服务费比例" wins over "平台服务费" in the contains pass.
        t.sort_by_key(|(k, _, _)| std::cmp::Reverse(k.chars().count()));
        t
    })
}

fn exact(key: &str) -> Option<(Field, &'static str)> {
    table().iter().find(|(k, _, _)| k == key).map(|(_, f, s)| (*f, *s))
}

/// Recognises a header text (possibly "parent/child" from a two-row header).
pub fn match_header(header: &str) -> Option<HeaderMatch> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    let (base, unit) = split_unit(&key);
    let unit = unit.map(str::to_string);
    let found = |(field, synonym): (Field, &'static str), how| HeaderMatch {
        field,
        how,
        synonym,
        unit: unit.clone(),
    };
    if let Some(hit) = exact(&key).or_else(|| exact(base)) {
        return Some(found(hit, MatchHow::Exact));
    }
    if let Some((_, child)) = key.rsplit_once('/') {
        let (child_base, _) = split_unit(child);
        if let Some(hit) = exact(child).or_else(|| exact(child_base)) {
            return Some(found(hit, MatchHow::SubHeader));
        }
    }
    table()
        .iter()
        .filter(|(k, _, _)| {
            let n = k.chars().count();
            if k.is_ascii() {
                n >= 4
            } else {
                n >= 2
            }
        })
        .find(|(k, _, _)| key.contains(k.as_str()))
        .map(|(_, f, s)| found((*f, *s), MatchHow::Contains))
}
