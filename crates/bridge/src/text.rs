//! Text clean-up shared by header matching and value parsing.
//!
//! Sellers' files come from Excel on Chinese Windows, from WPS, from the console's own
//! export and from hand edits, so the same header or number shows up in full-width forms
//! (`１２３．４５`, `（元）`), with no-break or ideographic spaces and with stray
//! zero-width characters. Folding these in one place keeps the header matcher and the
//! value parsers agreeing about what a cell "says".

/// Folds full-width ASCII (U+FF01–U+FF5E) to ASCII, the ideographic space and every
/// Unicode space variant to a plain space, the yen/yuan and minus look-alikes to their
/// ASCII forms, and drops zero-width characters and the BOM.
pub fn fold_width(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => out.push(' '),
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
            '\u{FFE5}' => out.push('¥'),
            '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => out.push('-'),
            _ => out.push(c),
        }
    }
    out
}

/// True when [`fold_width`] would change the character.
fn folds(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200D}' | '\u{202F}' | '\u{205F}')
        || matches!(
            c,
            '\u{FEFF}' | '\u{2060}' | '\u{FFE5}' | '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{FE63}'
        )
}

/// Folded and trimmed cell text. Most cells need neither; they are only trimmed.
pub fn clean(s: &str) -> String {
    if s.is_ascii() || !s.chars().any(folds) {
        return s.trim().to_string();
    }
    let folded = fold_width(s);
    folded.trim().to_string()
}

/// Header key for matching: folded, lower-cased, with spaces, underscores, dots, hyphens,
/// colons and asterisks (the "required" mark some templates add) removed. Slashes are
/// kept because they separate the parts of a two-row header ("金额/含税").
pub fn header_key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '.' | '-' | ':' | '*' | '#' | '"' | '\''))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a trailing bracketed unit off a header key: `结算金额(元)` → (`结算金额`, `元`).
/// Returns the key unchanged and `None` when there is no trailing bracket.
pub fn split_unit(key: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = key.strip_suffix(')') {
        if let Some(open) = stripped.rfind('(') {
            let base = &stripped[..open];
            if !base.is_empty() {
                return (base, Some(&stripped[open + 1..]));
            }
        }
    }
    (key, None)
}

/// Display width in terminal/Excel columns: CJK and full-width characters count as two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F => 2,
            0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}
