//! The seller → Huawei invoice against the invoicing list (S-CN-S, S-CN-T, S-CN-AV).

use super::*;
use crate::money::{Currency, Money};

fn list() -> InvoicingList {
    InvoicingList {
        payment_request: "SF202602000123".into(),
        huawei_entity: "华为云计算技术有限公司".into(),
        amount: Money::new(1_060_000, Currency::Cny),
        tax_rate_bp: 600,
    }
}

fn certified() -> CertifiedIdentity {
    CertifiedIdentity {
        company_name: "杭州示例软件有限公司".into(),
        taxpayer_id: "91330100MA2ABCDE1X".into(),
    }
}

fn invoice(number: &str, fen: i64) -> SellerInvoice {
    SellerInvoice {
        number: number.into(),
        invoice_type: InvoiceType::VatSpecial,
        buyer_name: "华为云计算技术有限公司".into(),
        amount: Money::new(fen, Currency::Cny),
        tax_rate_bp: 600,
        payment_requests: vec!["SF202602000123".into()],
        seller_name: "杭州示例软件有限公司".into(),
        seller_taxpayer_id: "91330100ma2abcde1x".into(),
    }
}

#[test]
fn matching_invoices_pass_and_one_request_may_have_several() {
    assert_eq!(
        precheck(&list(), &[invoice("001", 1_060_000)], &certified()),
        vec![],
        "one matching invoice passes"
    );
    let split = [invoice("001", 600_000), invoice("002", 460_000)];
    assert_eq!(
        precheck(&list(), &split, &certified()),
        vec![],
        "two invoices adding up to the list pass"
    );
    assert_eq!(
        precheck(&list(), &[], &certified()),
        vec![Mismatch::NoInvoices],
        "no invoice is reported"
    );
}

#[test]
fn every_mismatch_is_reported_in_words() {
    let bad = SellerInvoice {
        number: "009".into(),
        invoice_type: InvoiceType::VatOrdinary,
        buyer_name: "华为软件技术有限公司".into(),
        amount: Money::new(1_060_000, Currency::Usd),
        tax_rate_bp: 1300,
        payment_requests: vec!["SF202602000123".into(), "SF202602000124".into()],
        seller_name: "杭州示例软件公司".into(),
        seller_taxpayer_id: "91330100MA2ABCDE2X".into(),
    };
    let found = precheck(&list(), &[bad], &certified());
    let kinds: Vec<String> = found
        .iter()
        .map(|m| format!("{m:?}").split([' ', '{']).next().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "NotVatSpecial",
            "SeveralPaymentRequests",
            "Currency",
            "Entity",
            "TaxRate",
            "SellerName",
            "TaxpayerId"
        ],
        "each rule reports its own mismatch"
    );
    let en: Vec<String> = found.iter().map(Mismatch::message_en).collect();
    assert!(
        en[1].contains("SF202602000123, SF202602000124"),
        "names the payment requests: {}",
        en[1]
    );
    assert!(
        en[4].contains("13%") && en[4].contains("6%"),
        "names both tax rates: {}",
        en[4]
    );
    assert!(
        en[3].contains("华为软件技术有限公司") && en[3].contains("华为云计算技术有限公司"),
        "names both entities: {}",
        en[3]
    );
    for m in &found {
        assert!(
            m.message_zh().contains("发票 009"),
            "the zh-CN message names the invoice: {}",
            m.message_zh()
        );
    }
}

#[test]
fn amounts_must_add_up_to_the_list_and_belong_to_its_payment_request() {
    let short = [invoice("001", 600_000), invoice("002", 459_999)];
    assert_eq!(
        precheck(&list(), &short, &certified()),
        vec![Mismatch::Total {
            expected: Money::new(1_060_000, Currency::Cny),
            found: Money::new(1_059_999, Currency::Cny)
        }],
        "one fen short is a mismatch"
    );
    let mut other = invoice("003", 1_060_000);
    other.payment_requests = vec!["SF202602000999".into()];
    let found = precheck(&list(), &[other], &certified());
    assert_eq!(
        found,
        vec![Mismatch::OtherPaymentRequest {
            invoice: "003".into(),
            expected: "SF202602000123".into()
        }],
        "an invoice for another payment request is reported"
    );
    assert!(found[0].message_en().contains("not for payment request SF202602000123"));
}

#[test]
fn tax_rates_are_shown_as_percentages() {
    let mut odd = invoice("004", 1_060_000);
    odd.tax_rate_bp = 650;
    let found = precheck(&list(), &[odd], &certified());
    assert!(
        found[0].message_en().contains("6.5%"),
        "650 bp is 6.5%: {}",
        found[0].message_en()
    );
}
