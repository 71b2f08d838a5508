//! A console-bridge CSV (any encoding, any delimiter) through the whole import preview:
//! reading, header finding, mapping, value parsing, totals.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: gallerist_fuzz::init(gallerist_fuzz::seeds::table_csv()),
    |data: &[u8]| {
        let _ = gallerist_bridge::read_table(data, "bill.csv", None);
        let _ = gallerist_bridge::preview(data, "bill.csv", None);
    }
);
