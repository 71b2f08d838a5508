//! Reading `listing.toml` with bounded nesting and short error messages.
//!
//! WHY: the TOML comes from outside. A file of 100,000 `[` would drive a recursive
//! reader deep into the stack, and a parse error on a 400 KB line used to be echoed
//! whole to the terminal, the JSON output and the app. So nesting is counted in one
//! cheap pass before parsing and refused beyond [`MAX_DEPTH`], and an error names its
//! line and column and quotes at most [`EXCERPT_CHARS`] characters around it.

use gallerist_domain::listing::model::Draft;

/// Arrays and inline tables nested deeper than this are refused; a listing needs 3.
pub const MAX_DEPTH: usize = 32;
/// The most characters of the file quoted in an error (and of the reader's message).
pub const EXCERPT_CHARS: usize = 200;

#[derive(Clone, Copy, PartialEq)]
enum In {
    Value,
    Basic,
    Literal,
    MultiBasic,
    MultiLiteral,
    Comment,
}

/// The byte offset where nesting first exceeds [`MAX_DEPTH`], if it does.
fn too_deep_at(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut state, mut depth, mut i) = (In::Value, 0usize, 0usize);
    while i < b.len() {
        let c = b[i];
        match state {
            In::Value => match c {
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'#' => state = In::Comment,
                b'"' if b[i..].starts_with(b"\"\"\"") => {
                    state = In::MultiBasic;
                    i += 2;
                }
                b'\'' if b[i..].starts_with(b"'''") => {
                    state = In::MultiLiteral;
                    i += 2;
                }
                b'"' => state = In::Basic,
                b'\'' => state = In::Literal,
                _ => {}
            },
            In::Comment if c == b'\n' => state = In::Value,
            In::Basic | In::MultiBasic if c == b'\\' => i += 1,
            In::Basic if c == b'"' || c == b'\n' => state = In::Value,
            In::Literal if c == b'\'' || c == b'\n' => state = In::Value,
            In::MultiBasic if b[i..].starts_with(b"\"\"\"") => {
                state = In::Value;
                i += 2;
            }
            In::MultiLiteral if b[i..].starts_with(b"'''") => {
                state = In::Value;
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// At most `max` characters of `text`, with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// "line 3, column 7, near `…`": where `offset` is, quoting a short excerpt.
fn place(text: &str, offset: usize) -> String {
    let offset = (0..=offset.min(text.len()))
        .rev()
        .find(|o| text.is_char_boundary(*o))
        .unwrap_or(0);
    let line_start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |p| offset + p);
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    let half = EXCERPT_CHARS / 2;
    let before: String = {
        let chars: Vec<char> = text[line_start..offset].chars().rev().take(half + 1).collect();
        let cut = chars.len() > half;
        let kept: String = chars
            .into_iter()
            .take(half)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if cut {
            format!("…{kept}")
        } else {
            kept
        }
    };
    let after = clip(&text[offset..line_end], half);
    format!(
        "line {line}, column {column}, near `{}`",
        format!("{before}{after}").trim()
    )
}

/// Parses a listing, or says in words (briefly) why not.
pub fn parse(text: &str) -> Result<Draft, String> {
    if let Some(at) = too_deep_at(text) {
        return Err(format!(
            "{}: arrays or tables are nested more than {MAX_DEPTH} levels deep; a listing needs only a few",
            place(text, at)
        ));
    }
    toml::from_str(text).map_err(|e| {
        let message = clip(e.message().trim(), EXCERPT_CHARS);
        match e.span() {
            Some(span) => format!("{message} ({})", place(text, span.start)),
            None => message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deeply_nested_listing_is_refused_by_its_depth_with_a_short_message() {
        let text = format!("name = {}", "[".repeat(100_000));
        let err = parse(&text).unwrap_err();
        assert!(err.contains("more than 32 levels"), "{err}");
        assert!(err.contains("line 1, column 40"), "the place is named: {err}");
        assert!(err.chars().count() < 400, "{} characters: {err}", err.chars().count());
    }

    #[test]
    fn an_error_on_a_huge_line_quotes_only_an_excerpt() {
        let text = format!(
            "version = \"V1.0\"\nname = 5\noverview = \"{}\" x\n",
            "长".repeat(400_000)
        );
        let err = parse(&text).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(
            err.chars().count() < 2 * EXCERPT_CHARS + 100,
            "{} characters",
            err.chars().count()
        );
        let wrong_type = format!("logo = \"{}\"\n", "x".repeat(400_000));
        let err = parse(&wrong_type).unwrap_err();
        assert!(
            err.chars().count() < 2 * EXCERPT_CHARS + 100,
            "{} characters",
            err.chars().count()
        );
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count_as_nesting() {
        let text = format!(
            "a = \"{0}\"\nb = '{0}'\nc = \"\"\"\n{0}\n\"\"\"\n# {0}\nd = [[1], [2]]\n",
            "[".repeat(100)
        );
        assert_eq!(too_deep_at(&text), None);
    }
}
