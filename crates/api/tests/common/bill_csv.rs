//! A console bill export of `lines` rows, generated (no large files in the repository).
//! Shared by the responsiveness tests and the `import_store` bench.

/// Each row is one order of a demo SaaS at 13 % fee; amounts vary, ids are unique.
pub fn bill_csv(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 120);
    out.push_str("账单编号,账期,订单号,商品名称,商品类型,币种,不含税金额,平台服务费比例,平台服务费,结算金额\n");
    for i in 0..lines {
        let sales = 1_000 + (i as i64 * 7_919) % 5_000_000;
        let fee = sales * 13 / 100;
        out.push_str(&format!(
            "B202610-{:03},2026-10,CS26100{i:09},Gallerist Demo SaaS,SaaS,CNY,{}.{:02},13%,{}.{:02},{}.{:02}\n",
            i % 997,
            sales / 100,
            sales % 100,
            fee / 100,
            fee % 100,
            (sales - fee) / 100,
            (sales - fee) % 100
        ));
    }
    out
}
