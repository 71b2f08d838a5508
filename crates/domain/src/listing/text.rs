//! Counting characters the way a reviewer reads them, and pulling text and image
//! references out of the Markdown description.
//!
//! WHY this definition: KooGallery asks for "≥ 400 characters" (≥ 400 字) of description
//! text but never says how it counts. Chinese reviewers count 字: each ideograph is one,
//! and so is each punctuation mark, while nobody counts Markdown markup or line breaks.
//! So a "character" here is one Unicode scalar value (`char`) of the *visible* text,
//! after removing Markdown markup and all whitespace. A CJK ideograph is one character,
//! as is a Latin letter or a full-width comma. This undercounts English relative to
//! words (a 400-character English text is ~70 words), which is the safe direction:
//! we never call a description long enough when a reviewer might not. Grapheme
//! clusters were not used because an emoji sequence or combining mark is rare in
//! listings and counting scalars needs no Unicode tables.

/// Unicode scalar values that are not whitespace.
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// An image written in the Markdown as `![alt](target)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub alt: String,
    pub target: String,
}

/// The visible text of the Markdown and the images it shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownContent {
    pub text: String,
    pub images: Vec<ImageRef>,
}

impl MarkdownContent {
    /// [`char_count`] of the visible text.
    pub fn char_count(&self) -> usize {
        char_count(&self.text)
    }
}

/// Extracts visible text and image references from a Markdown description.
///
/// Handled: ATX headings, block quotes, list markers, emphasis and code markers,
/// thematic breaks, inline links (their text stays, the URL goes), images (alt text
/// is *not* counted as description text; the image is listed), and HTML tags.
/// This is not a full CommonMark parser; it is enough to count what a reader sees.
pub fn extract(markdown: &str) -> MarkdownContent {
    let mut out = MarkdownContent::default();
    for line in markdown.lines() {
        let line = strip_block_markers(line);
        if is_thematic_break(line) || line.trim_start().starts_with("```") {
            continue;
        }
        inline(line, &mut out);
        out.text.push('\n');
    }
    out
}

fn strip_block_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        rest = rest.trim_start_matches('>').trim_start();
        if let Some(after) = rest.strip_prefix('#') {
            rest = after.trim_start_matches('#').trim_start();
        }
        for marker in ["- ", "* ", "+ "] {
            if let Some(after) = rest.strip_prefix(marker) {
                rest = after;
            }
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") ")) {
            rest = &rest[digits + 2..];
        }
        if rest == before {
            return rest;
        }
    }
}

fn is_thematic_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*') || t.chars().all(|c| c == '_'))
}

fn inline(line: &str, out: &mut MarkdownContent) {
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("![") {
            if let Some((alt, target, after)) = bracket_link(&rest[1..]) {
                out.images.push(ImageRef {
                    alt: alt.to_string(),
                    target: target.to_string(),
                });
                rest = after;
                continue;
            }
        }
        if c == '[' {
            if let Some((text, _, after)) = bracket_link(rest) {
                inline(text, out);
                rest = after;
                continue;
            }
        }
        // `<` opens a tag only before a letter, `/` or `!`; `a < b` stays text.
        if c == '<' && rest[1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') {
            if let Some(end) = rest.find('>') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if !matches!(c, '*' | '_' | '`' | '~') {
            out.text.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// Parses `[text](target "title")` at the start; returns text, target and the rest.
fn bracket_link(s: &str) -> Option<(&str, &str, &str)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    let after_paren = &s[close + 2..];
    let end = after_paren.find(')')?;
    let inner = after_paren[..end].trim();
    let target = inner.split_whitespace().next().unwrap_or("");
    let target = target.trim_start_matches('<').trim_end_matches('>');
    Some((text, target, &after_paren[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cjk_ideograph_and_its_punctuation_count_one_each() {
        assert_eq!(char_count("云商店，你好！"), 7, "5 ideographs + 2 full-width marks");
        assert_eq!(char_count("Hello world"), 10, "whitespace is not counted");
        assert_eq!(char_count(" \n\t "), 0, "whitespace only counts nothing");
    }

    #[test]
    fn markup_is_stripped_and_link_text_kept() {
        let md = "# 标题\n\n> **加粗** 与 _斜体_\n\n- 项目一\n1. 第二\n---\n[官网](https://example.com) `代码`";
        let content = extract(md);
        assert_eq!(
            content.char_count(),
            "标题加粗与斜体项目一第二官网代码".chars().count(),
            "{content:?}"
        );
        assert!(!content.text.contains("https"), "URLs are not visible text");
    }

    #[test]
    fn images_are_listed_and_their_alt_text_not_counted() {
        let content = extract("介绍 ![架构图](arch.png \"title\") 结束 <br/>");
        assert_eq!(
            content.images,
            vec![ImageRef {
                alt: "架构图".into(),
                target: "arch.png".into()
            }]
        );
        assert_eq!(content.char_count(), 4, "only 介绍 and 结束 are text");
        assert_eq!(extract("a < b > c").char_count(), 5, "a lone < is text, not a tag");
    }

    #[test]
    fn odd_markdown_never_panics_and_keeps_its_text() {
        for md in [
            "<",
            "![",
            "[",
            "](",
            "![a](",
            "[x](y",
            "1.",
            "#",
            "<中>",
            "😀<",
            "**",
            "> > >",
            "[中](文)",
        ] {
            let content = extract(md);
            assert!(content.char_count() <= char_count(md), "{md:?} gains no characters");
        }
        assert_eq!(extract("[中](文)").text.trim(), "中", "link text stays, target goes");
    }
}
