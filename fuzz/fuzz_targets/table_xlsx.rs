//! A console-bridge xlsx as raw bytes (zip container, XML parts) through the import
//! preview. Mutations mostly exercise the container checks; `xlsx_parts` reaches the
//! XML readers behind them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: gallerist_fuzz::init(gallerist_fuzz::seeds::table_xlsx()),
    |data: &[u8]| {
        let _ = gallerist_bridge::read_table(data, "bill.xlsx", None);
        let _ = gallerist_bridge::preview(data, "bill.xlsx", None);
    }
);
