//! A sheet's merged regions, indexed so that asking "which region holds this cell?" does
//! not scan them all.
//!
//! WHY: header detection asks that question for every cell of the first rows, and the
//! data rows need the regions that start in them, in order. A linear search made a
//! workbook with a million merge ranges take minutes. Regions are kept sorted by their
//! first row (a binary search finds those starting at or after a row), and the rows a
//! header can be in ([`HEAD_ROWS`]) get their own list sorted by first column, so a
//! lookup there is a binary search. How many regions a sheet may have is capped by the
//! reader ([`MAX_MERGES`]).

use crate::header::SCAN_ROWS;
use crate::table::Merge;

/// Merged regions read from one sheet; more are refused. A console export merges a
/// title and a two-row header; a seller's copy may merge a bill ID over each bill's
/// lines, a few thousand regions at most.
pub const MAX_MERGES: usize = 200_000;
/// Rows where a header can be found (and the row below it).
pub const HEAD_ROWS: usize = SCAN_ROWS + 1;

/// Merged regions, sorted by (first row, first column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeIndex {
    all: Vec<Merge>,
    /// For each of the first [`HEAD_ROWS`] rows, the regions crossing it, by first column.
    head: Vec<Vec<u32>>,
}

impl MergeIndex {
    pub fn new(mut all: Vec<Merge>) -> MergeIndex {
        all.sort_by_key(|m| (m.first_row, m.first_col));
        let mut head: Vec<Vec<u32>> = vec![Vec::new(); HEAD_ROWS];
        for (i, m) in all.iter().enumerate().take_while(|(_, m)| m.first_row < HEAD_ROWS) {
            for ids in &mut head[m.first_row..=m.last_row.min(HEAD_ROWS - 1)] {
                ids.push(i as u32);
            }
        }
        for row in &mut head {
            row.sort_by_key(|&i| all[i as usize].first_col);
        }
        MergeIndex { all, head }
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Every region, by first row.
    pub fn all(&self) -> &[Merge] {
        &self.all
    }

    /// The regions whose first row is `row` or later, by first row.
    pub fn starting_from(&self, row: usize) -> &[Merge] {
        &self.all[self.all.partition_point(|m| m.first_row < row)..]
    }

    /// The region holding (row, col), if any: a binary search in the header rows, a scan
    /// of the regions starting at or above `row` below them.
    pub fn at(&self, row: usize, col: usize) -> Option<&Merge> {
        if let Some(ids) = self.head.get(row) {
            let after = ids.partition_point(|&i| self.all[i as usize].first_col <= col);
            return ids[..after]
                .iter()
                .rev()
                .map(|&i| &self.all[i as usize])
                .find(|m| m.contains(row, col));
        }
        let above = self.all.partition_point(|m| m.first_row <= row);
        self.all[..above].iter().find(|m| m.contains(row, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(first_row: usize, first_col: usize, last_row: usize, last_col: usize) -> Merge {
        Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        }
    }

    #[test]
    fn lookups_find_the_region_holding_a_cell() {
        let index = MergeIndex::new(vec![
            merge(1, 1, 1, 3),
            merge(0, 0, 0, 4),
            merge(1, 27, 2, 27),
            merge(40, 0, 45, 0),
        ]);
        assert_eq!(index.at(0, 3), Some(&merge(0, 0, 0, 4)), "inside the title");
        assert_eq!(index.at(1, 2), Some(&merge(1, 1, 1, 3)), "inside a parent header");
        assert_eq!(index.at(1, 0), None, "left of the parent header");
        assert_eq!(
            index.at(2, 27),
            Some(&merge(1, 27, 2, 27)),
            "the lower half of a tall header"
        );
        assert_eq!(
            index.at(42, 0),
            Some(&merge(40, 0, 45, 0)),
            "a data region below the header rows"
        );
        assert_eq!(
            index.starting_from(2),
            &[merge(40, 0, 45, 0)],
            "regions starting at or below row 3"
        );
    }
}
