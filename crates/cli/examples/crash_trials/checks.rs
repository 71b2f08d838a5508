//! The verdicts, apart from the IO that gathers their facts.
//!
//! WHY apart: a checker that can never say "lost" proves nothing, so each verdict is a
//! plain function with tests that feed it a loss, a half import and a double effect.

use serde_json::Value;
use std::collections::BTreeMap;

/// What the store holds of a draft after recovery: its revision and its name.
pub type DraftNow = (i64, String);

/// Whether an acknowledged save (draft, revision, name) is still there: the draft is at
/// that revision with that body, or a later save moved it on.
pub fn save_survives(now: Option<&DraftNow>, revision: i64, name: &str) -> bool {
    match now {
        Some((r, n)) => *r > revision || (*r == revision && n == name),
        None => false,
    }
}

/// How many acknowledged saves, in the order they were acknowledged, are gone. A save
/// acknowledged at revision r is lost if a later save of the same draft was made from a
/// revision before r (its editor never saw it: the number was used again), or if the
/// draft ends below r or at r with another body.
pub fn lost_saves(saves: &[(i64, i64, String)], now: &BTreeMap<i64, DraftNow>) -> usize {
    let mut lowest_later: BTreeMap<i64, i64> = BTreeMap::new();
    let mut lost = 0;
    for (id, revision, name) in saves.iter().rev() {
        let reused = lowest_later.get(id).is_some_and(|later| later <= revision);
        if reused || !save_survives(now.get(id), *revision, name) {
            lost += 1;
        }
        let low = lowest_later.entry(*id).or_insert(*revision);
        *low = (*low).min(*revision);
    }
    lost
}

/// How one generated import stands after a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The import record, every line and the bill's line count.
    Whole,
    /// None of them.
    Absent,
    /// Anything between: what a crash must never leave.
    Partial,
}

/// `record`: the import record's imported count; `lines`: the file's stored lines;
/// `bill`: the bill's line count; `rows`: the file's rows.
pub fn standing(record: Option<i64>, lines: i64, bill: Option<i64>, rows: i64) -> Standing {
    match (record, lines, bill) {
        (Some(n), l, Some(b)) if n == rows && l == rows && b == rows => Standing::Whole,
        (None, 0, None) => Standing::Absent,
        _ => Standing::Partial,
    }
}

/// From the sandbox's effects (`{"by_key": {key: count}}`): how many of our keys took
/// effect at all, and how many more than once.
pub fn effects(answer: &Value, prefix: &str) -> Result<(usize, usize), String> {
    let by_key = answer["by_key"]
        .as_object()
        .ok_or("the sandbox's effects have no by_key")?;
    let ours: Vec<u64> = by_key
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(k, n)| n.as_u64().ok_or(format!("effect count of {k} is not a number")))
        .collect::<Result<_, _>>()?;
    Ok((ours.len(), ours.iter().filter(|n| **n > 1).count()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_save_rolled_back_or_overwritten_at_its_revision_is_lost() {
        let at = |r: i64, n: &str| Some((r, n.to_string()));
        assert!(save_survives(at(5, "edit 5").as_ref(), 5, "edit 5"));
        assert!(
            save_survives(at(7, "edit 7").as_ref(), 5, "edit 5"),
            "moved on by a later save"
        );
        assert!(!save_survives(at(4, "edit 4").as_ref(), 5, "edit 5"), "rolled back");
        assert!(
            !save_survives(at(5, "other").as_ref(), 5, "edit 5"),
            "another body at its revision"
        );
        assert!(!save_survives(None, 5, "edit 5"), "the draft is gone");
    }

    #[test]
    fn a_save_whose_revision_a_later_editor_reused_is_lost_even_after_the_draft_moved_on() {
        let save = |id: i64, r: i64, n: &str| (id, r, n.to_string());
        let now = BTreeMap::from([(1, (7, "w2 7".to_string())), (2, (3, "w1 3".to_string()))]);
        let kept = [
            save(1, 5, "w1 5"),
            save(2, 3, "w1 3"),
            save(1, 6, "w2 6"),
            save(1, 7, "w2 7"),
        ];
        assert_eq!(lost_saves(&kept, &now), 0);
        let reused = [
            save(1, 5, "w1 5"),
            save(2, 3, "w1 3"),
            save(1, 5, "w2 5"),
            save(1, 7, "w2 7"),
        ];
        assert_eq!(lost_saves(&reused, &now), 1, "w1's revision 5 was written again by w2");
    }

    #[test]
    fn an_import_is_whole_or_absent_and_anything_between_is_partial() {
        assert_eq!(standing(Some(10), 10, Some(10), 10), Standing::Whole);
        assert_eq!(standing(None, 0, None, 10), Standing::Absent);
        assert_eq!(standing(Some(10), 9, Some(10), 10), Standing::Partial, "a line missing");
        assert_eq!(
            standing(None, 10, Some(10), 10),
            Standing::Partial,
            "lines without a record"
        );
        assert_eq!(
            standing(Some(10), 10, None, 10),
            Standing::Partial,
            "lines without their bill"
        );
        assert_eq!(
            standing(Some(10), 10, Some(3), 10),
            Standing::Partial,
            "a stale bill total"
        );
        assert_eq!(standing(Some(0), 0, None, 10), Standing::Partial, "an empty record");
    }

    #[test]
    fn a_key_applied_twice_is_a_duplicate_and_other_keys_do_not_count() {
        let answer = json!({ "total": 5, "by_key": { "crash-1": 1, "crash-2": 2, "demo-1": 2 } });
        assert_eq!(effects(&answer, "crash-").unwrap(), (2, 1));
        assert!(effects(&json!({}), "crash-").is_err(), "a changed answer is named");
    }
}
