//! The XML inside an xlsx: the fuzzer writes the worksheet, shared strings and workbook
//! parts (separated by 0xFF) and the harness packs them into a valid workbook, so
//! every input reaches the sheet reader, the shared-string table and merged cells.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: gallerist_fuzz::init(gallerist_fuzz::seeds::xlsx_parts()),
    |data: &[u8]| {
        let xlsx = gallerist_fuzz::workbook::from_parts(data);
        let _ = gallerist_bridge::preview(&xlsx, "bill.xlsx", None);
    }
);
