//! Bounding a description before the Markdown parser sees it.
//!
//! WHY: pulldown-cmark's work grows with the square of the nesting of block quotes
//! and lists — 8 KB of `> - ` took 8 s and 100 KB of `>` more than two minutes,
//! pinning a core after the seller had long moved on. A real product description is
//! a few kilobytes nested two or three levels. So the text is cut at
//! [`MAX_BYTES`] and every line's container markers beyond [`MAX_NESTING`] are
//! dropped (the words stay) in one linear pass, and each change is reported as a
//! note the preview shows, so nothing is lost silently.

use crate::assets::grouped;
use gallerist_domain::codes::Locale;
use std::borrow::Cow;

/// The most of a description the preview renders.
pub const MAX_BYTES: usize = 64 * 1024;
/// The deepest nesting of block quotes and list items the preview keeps.
pub const MAX_NESTING: usize = 16;

/// Ends of the block-quote and list markers that open `line`, in order.
fn container_markers(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut ends = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let blank_after = |j: usize| j >= b.len() || b[j] == b' ' || b[j] == b'\t';
        let end = match b.get(i) {
            Some(b'>') => i + 1,
            Some(b'-' | b'*' | b'+') if blank_after(i + 1) => i + 1,
            Some(c) if c.is_ascii_digit() => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let j = i + digits;
                if digits <= 9 && matches!(b.get(j), Some(b'.' | b')')) && blank_after(j + 1) {
                    j + 1
                } else {
                    break;
                }
            }
            _ => break,
        };
        ends.push(end);
        i = end;
    }
    ends
}

/// The text the parser may see, and what was changed, in words.
/// The notes are in `locale`, the language the preview is shown in.
pub fn bound(markdown: &str, locale: Locale) -> (Cow<'_, str>, Vec<String>) {
    let mut notes = Vec::new();
    let mut text = markdown;
    if text.len() > MAX_BYTES {
        let cut = (0..=MAX_BYTES).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text = &text[..cut];
        let limit = grouped(MAX_BYTES as u64);
        notes.push(match locale {
            Locale::En => {
                format!("The description is longer than {limit} bytes; the preview shows its first {limit} bytes.")
            }
            Locale::ZhCn => format!("描述超过 {limit} 字节，预览只显示前 {limit} 字节。"),
        });
    }
    let mut flattened = Vec::new();
    let mut out = String::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let ends = container_markers(line);
        if ends.len() > MAX_NESTING {
            flattened.push(n + 1);
            out.push_str(&line[..ends[MAX_NESTING - 1]]);
            out.push(' ');
            out.push_str(line[ends[ends.len() - 1]..].trim_start_matches([' ', '\t']));
        } else {
            out.push_str(line);
        }
    }
    if flattened.is_empty() {
        return (Cow::Borrowed(text), notes);
    }
    let first = flattened[0];
    notes.push(match (locale, flattened.len()) {
        (Locale::En, 1) => format!(
            "Quotes and lists nested more than {MAX_NESTING} levels deep are shown flattened to {MAX_NESTING} levels (line {first})."
        ),
        (Locale::En, n) => format!(
            "Quotes and lists nested more than {MAX_NESTING} levels deep are shown flattened to {MAX_NESTING} levels ({n} lines, the first at line {first})."
        ),
        (Locale::ZhCn, 1) => format!("引用和列表嵌套超过 {MAX_NESTING} 层，预览按 {MAX_NESTING} 层显示（第 {first} 行）。"),
        (Locale::ZhCn, n) => {
            format!("引用和列表嵌套超过 {MAX_NESTING} 层，预览按 {MAX_NESTING} 层显示（共 {n} 行，首处在第 {first} 行）。")
        }
    });
    (Cow::Owned(out), notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nesting_is_left_alone() {
        let md = "> 引用\n> - 列表\n>   1. 第一\n\n- a\n  - b\n\n2024. year-like\n-not a list\n";
        let (text, notes) = bound(md, Locale::En);
        assert_eq!(text, md);
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn deep_markers_are_dropped_but_the_words_stay() {
        let md = format!("{}深处的字\n普通\n", "> - ".repeat(40));
        let (text, notes) = bound(&md, Locale::En);
        assert_eq!(container_markers(&text).len(), MAX_NESTING, "{text}");
        assert!(text.contains("深处的字") && text.contains("普通"), "{text}");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("more than 16 levels") && notes[0].contains("line 1"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_seller_working_in_chinese_reads_the_notes_in_chinese() {
        let long = format!("{}\n{}", "> ".repeat(40), "字".repeat(MAX_BYTES));
        let (_, notes) = bound(&long, Locale::ZhCn);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].contains("字节") && notes[1].contains("16 层") && notes[1].contains("第 1 行"),
            "{notes:?}"
        );
        assert!(
            notes.iter().all(|n| !n.contains("preview")),
            "no English left: {notes:?}"
        );
    }
}
