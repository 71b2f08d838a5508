//! Invoice types, the greyed e-invoice option and postage (S-CN-AB, S-CN-AA, S-CN-AD).

use super::*;
use crate::money::{Currency, Money};

const PAPER_SPECIAL: InvoiceKind = InvoiceKind::new(InvoiceType::VatSpecial, Medium::Paper);
const E_SPECIAL: InvoiceKind = InvoiceKind::new(InvoiceType::VatSpecial, Medium::Electronic);
const E_ORDINARY: InvoiceKind = InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Electronic);

#[test]
fn every_type_on_every_medium_exists_under_the_current_rules() {
    assert_eq!(
        InvoiceKind::ALL.len(),
        6,
        "ordinary and special, each on paper, electronic and 数电"
    );
    for kind in InvoiceKind::ALL {
        assert_eq!(
            buyer_option(kind, &InvoiceKind::ALL),
            BuyerOption::Selectable,
            "{} can be enabled",
            kind.label_en()
        );
    }
}

#[test]
fn an_option_the_seller_has_not_enabled_is_greyed_with_the_reason() {
    let supported = [PAPER_SPECIAL, E_ORDINARY];
    assert_eq!(buyer_option(E_ORDINARY, &supported), BuyerOption::Selectable);
    let BuyerOption::Greyed(reason) = buyer_option(E_SPECIAL, &supported) else {
        panic!("an electronic special invoice the seller does not support must be greyed");
    };
    let en = reason.explanation_en();
    assert!(
        en.contains("not enabled") && en.contains("设置发票类型"),
        "names the seller's setting: {en}"
    );
    assert!(
        en.contains("older invoice rules") && en.contains("paper"),
        "explains the old paper-only rule: {en}"
    );
    let zh = reason.explanation_zh();
    assert!(
        zh.contains("未在") && zh.contains("纸质专票"),
        "zh-CN explains both: {zh}"
    );

    let BuyerOption::Greyed(ordinary) = buyer_option(E_ORDINARY, &[PAPER_SPECIAL]) else {
        panic!("not enabled means greyed");
    };
    assert!(
        !ordinary.explanation_en().contains("older"),
        "the old rule concerned only VAT special invoices"
    );
}

#[test]
fn under_cny_100_the_buyer_pays_the_postage() {
    let paper = InvoiceKind::new(InvoiceType::VatOrdinary, Medium::Paper);
    let cny = |fen| Money::new(fen, Currency::Cny);
    assert_eq!(
        postage(paper, cny(9999)),
        Ok(Postage::BuyerPaysOnDelivery),
        "CNY 99.99 is under 100: the buyer pays"
    );
    assert_eq!(
        postage(paper, cny(10_000)),
        Ok(Postage::SellerPays),
        "CNY 100.00 is the seller's"
    );
    assert_eq!(
        postage(E_ORDINARY, cny(500)),
        Ok(Postage::NotPosted),
        "electronic invoices are not posted"
    );
    let usd = Money::new(5000, Currency::Usd);
    let err = postage(paper, usd).unwrap_err();
    assert!(
        err.message_en().contains("USD") && err.message_zh().contains("人民币"),
        "other currencies are refused in words"
    );
}
