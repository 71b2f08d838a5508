//! The rows and headers of each exportable settlement view, in the seller's language.
//!
//! WHY apart from the writer: each view's columns are a small contract with whoever
//! opens the file (an accountant's sheet, a reconciliation macro); keeping them in one
//! place makes a changed column visible in review.

use super::export::{ExportArg, View};
use super::reconcile::{reconcile_bills, ReconcileArg};
use super::AccountArg;
use crate::{ApiError, Core};
use gallerist_bridge::ExportCell;
use gallerist_store::bill_figures::{self, Totals};
use gallerist_store::bills::{self, LineRow};

fn money(minor: i64, currency: &str) -> ExportCell {
    ExportCell::Amount {
        minor,
        currency: currency.into(),
    }
}

fn text(s: impl Into<String>) -> ExportCell {
    ExportCell::Text(s.into())
}

fn totals_table(rows: &[Totals], key: &str, zh: bool) -> (Vec<String>, Vec<Vec<ExportCell>>) {
    let h = |en: &str, cn: &str| if zh { cn.to_string() } else { en.to_string() };
    let headers = vec![
        key.to_string(),
        h("Currency", "币种"),
        h("Gross", "销售金额"),
        h("Platform fee", "平台服务费"),
        h("Tax", "税费"),
        h("Net", "结算金额"),
        h("Lines", "明细行数"),
    ];
    let body = rows
        .iter()
        .map(|t| {
            vec![
                text(t.key.clone()),
                text(t.currency.clone()),
                money(t.gross_minor, &t.currency),
                money(t.fee_minor, &t.currency),
                money(t.tax_minor, &t.currency),
                money(t.net_minor, &t.currency),
                ExportCell::Number {
                    value: t.lines,
                    scale: 0,
                },
            ]
        })
        .collect();
    (headers, body)
}

/// The rows of a view: built (small views), or a bill's lines read one at a time as
/// they are written (a bill can have a million).
pub(super) enum Body {
    Rows(Vec<Vec<ExportCell>>),
    BillLines(String),
}

/// One bill line as export cells.
pub(super) fn line_cells(l: LineRow) -> Vec<ExportCell> {
    let c = l.currency.clone();
    vec![
        text(l.order_id),
        text(l.order_line.unwrap_or_default()),
        text(l.period),
        text(l.product_name),
        text(l.product_type),
        text(l.currency),
        money(l.gross_minor, &c),
        money(l.customer_wht_minor, &c),
        l.fee_rate_ppm
            .map_or(ExportCell::Empty, |ppm| ExportCell::Percent { ppm }),
        money(l.fee_minor, &c),
        money(l.seller_wht_minor, &c),
        money(l.dst_minor, &c),
        money(l.net_minor, &c),
    ]
}

/// A view to export: its file name stem, sheet name, headers and rows.
pub(super) struct ViewTable {
    pub name: String,
    pub sheet_name: String,
    pub headers: Vec<String>,
    pub body: Body,
}

pub(super) fn table(core: &Core, args: &ExportArg, zh: bool) -> Result<ViewTable, ApiError> {
    let h = |en: &str, cn: &str| if zh { cn.to_string() } else { en.to_string() };
    let conn = core.store.conn()?;
    let account = args.account_id;
    let need_bill = || {
        args.bill_id
            .clone()
            .ok_or_else(|| ApiError::invalid("this view needs a bill (billId)"))
    };
    let (name, headers, rows) = match args.view {
        View::Bills => {
            let headers = [
                "Bill",
                "账单编号",
                "Period",
                "账期",
                "Run date",
                "出账日期",
                "Stage",
                "状态",
                "Currency",
                "币种",
            ];
            let mut headers: Vec<String> = headers.chunks(2).map(|p| h(p[0], p[1])).collect();
            headers.extend([
                h("Gross", "销售金额"),
                h("Platform fee", "平台服务费"),
                h("Tax", "税费"),
                h("Net", "结算金额"),
                h("Lines", "明细行数"),
                h("Source", "来源"),
            ]);
            let rows = bills::bills(&conn, account)?
                .into_iter()
                .map(|b| {
                    vec![
                        text(b.bill_id),
                        text(b.period),
                        text(b.run_date.unwrap_or_default()),
                        text(b.stage),
                        text(b.currency.clone()),
                        money(b.gross_minor, &b.currency),
                        money(b.fee_minor, &b.currency),
                        money(b.tax_minor, &b.currency),
                        money(b.net_minor, &b.currency),
                        ExportCell::Number {
                            value: b.line_count,
                            scale: 0,
                        },
                        text(b.source),
                    ]
                })
                .collect();
            ("bills".to_string(), headers, Body::Rows(rows))
        }
        View::BillLines => {
            let bill = need_bill()?;
            let pairs = [
                ("Order", "订单号"),
                ("Order line", "订单明细"),
                ("Period", "账期"),
                ("Product", "商品名称"),
                ("Type", "商品类型"),
                ("Currency", "币种"),
                ("Gross", "销售金额"),
                ("Customer WHT", "客户预提税"),
                ("Fee rate", "平台服务费比例"),
                ("Platform fee", "平台服务费"),
                ("Seller WHT", "预提税"),
                ("DST", "数字服务税"),
                ("Net", "结算金额"),
            ];
            let headers = pairs.iter().map(|(en, cn)| h(en, cn)).collect();
            let rows = Body::BillLines(bill.clone());
            (format!("bill-{bill}"), headers, rows)
        }
        View::Months => {
            let (headers, rows) = totals_table(&bill_figures::monthly(&conn, account)?, &h("Month", "月份"), zh);
            ("monthly".to_string(), headers, Body::Rows(rows))
        }
        View::ByProduct | View::ByType => {
            let by_type = args.view == View::ByType;
            let key = if by_type {
                h("Type", "商品类型")
            } else {
                h("Product", "商品")
            };
            let (headers, rows) = totals_table(&bill_figures::breakdown(&conn, account, by_type, None)?, &key, zh);
            (
                if by_type { "by-type" } else { "by-product" }.to_string(),
                headers,
                Body::Rows(rows),
            )
        }
        View::Held => {
            drop(conn);
            let orders = super::why::settlement_orders(core, AccountArg { account_id: account })?;
            let pairs = [
                ("Order", "订单号"),
                ("Product", "商品名称"),
                ("Amount", "金额"),
                ("Billed in", "所在账单"),
                ("Held by", "未满足条件"),
                ("Expected run", "预计出账日"),
            ];
            let headers = pairs.iter().map(|(en, cn)| h(en, cn)).collect();
            let rows = orders
                .into_iter()
                .map(|o| {
                    vec![
                        text(o.order_id),
                        text(o.product_name),
                        o.amount
                            .map_or(ExportCell::Empty, |m| money(m.minor, m.currency.code())),
                        text(o.billed_in.unwrap_or_default()),
                        text(
                            o.held_by
                                .map(|c| if zh { c.label.zh } else { c.label.en })
                                .unwrap_or_default(),
                        ),
                        text(o.run_date.map(|d| d.to_string()).unwrap_or_default()),
                    ]
                })
                .collect();
            ("settlement-orders".to_string(), headers, Body::Rows(rows))
        }
        View::Reconcile => {
            drop(conn);
            let r = reconcile_bills(
                core,
                ReconcileArg {
                    account_id: account,
                    bill_id: args.bill_id.clone(),
                    limit: None,
                },
            )?;
            let pairs = [
                ("Order", "订单号"),
                ("Product", "商品名称"),
                ("Bill", "账单编号"),
                ("Cause", "差异原因"),
                ("Expected period", "预期账期"),
                ("Billed period", "账单账期"),
                ("Expected", "预期金额"),
                ("Billed", "账单金额"),
                ("Difference", "差额"),
            ];
            let headers = pairs.iter().map(|(en, cn)| h(en, cn)).collect();
            let rows = r
                .variances
                .into_iter()
                .map(|v| {
                    let c = v.currency.clone();
                    vec![
                        text(v.order_id),
                        text(v.product_name),
                        text(v.bill_id.unwrap_or_default()),
                        text(if zh { v.label.zh } else { v.label.en }),
                        text(v.expected_period.unwrap_or_default()),
                        text(v.actual_period.unwrap_or_default()),
                        money(v.expected_minor, &c),
                        money(v.actual_minor, &c),
                        money(v.difference_minor, &c),
                    ]
                })
                .collect();
            let suffix = args.bill_id.as_deref().map(|b| format!("-{b}")).unwrap_or_default();
            (format!("reconciliation{suffix}"), headers, Body::Rows(rows))
        }
    };
    Ok(ViewTable {
        sheet_name: name.chars().take(31).collect(),
        name,
        headers,
        body: rows,
    })
}
