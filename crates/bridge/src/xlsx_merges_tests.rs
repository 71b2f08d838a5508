//! The merged-region fast path must agree with calamine, or step aside.

use super::*;
use calamine::{Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

fn workbook_with_merges() -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明 & notes").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("账单 <明细>").unwrap();
    let f = Format::new();
    sheet.merge_range(0, 0, 0, 4, "title", &f).unwrap();
    sheet.merge_range(1, 1, 1, 3, "金额", &f).unwrap();
    sheet.merge_range(1, 27, 2, 27, "AB", &f).unwrap();
    for r in 3..200 {
        sheet.write_number(r, 0, f64::from(r)).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn merges_match_what_calamine_reads() {
    let bytes = workbook_with_merges();
    let fast = merges(&bytes, "账单 <明细>", 10)
        .unwrap()
        .expect("the sheet is found through the workbook relationships");
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice())).unwrap();
    let slow: Vec<Merge> = wb
        .merge_cells_by_sheet_name("账单 <明细>")
        .unwrap()
        .into_iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect();
    assert_eq!(fast, slow, "the byte search finds the same regions as calamine");
    assert_eq!(fast.len(), 3, "three regions were merged");
    assert_eq!(
        merges(&bytes, "账单 <明细>", 2),
        Err(TooMany),
        "a cap of two stops at the third"
    );
    assert_eq!(
        merges(&bytes, "说明 & notes", 10),
        Ok(Some(vec![])),
        "an escaped sheet name with no merges gives none"
    );
    assert_eq!(
        merges(&bytes, "missing", 10),
        Ok(None),
        "an unknown sheet falls back to calamine"
    );
}

#[test]
fn cell_references_convert_to_zero_based_positions() {
    assert_eq!(cell_ref("A1"), Some((0, 0)), "A1 is the origin");
    assert_eq!(cell_ref("AB12"), Some((11, 27)), "two-letter columns");
    assert_eq!(cell_ref("a1"), None, "lower case is not a reference");
    assert_eq!(cell_ref("A0"), None, "row 0 does not exist");
}

#[test]
fn references_past_excels_grid_are_not_positions_and_cannot_overflow() {
    assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)), "the last cell");
    assert_eq!(cell_ref("XFE1"), None, "column 16,385");
    assert_eq!(cell_ref("A1048577"), None, "row 1,048,577");
    assert_eq!(
        cell_ref("AAAAAAAAAAAAAAAA1"),
        None,
        "16 letters overflowed before (fuzz)"
    );
    assert_eq!(cell_ref("A99999999999999999999999"), None);
}
