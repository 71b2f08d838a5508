//! The product-description preview: Markdown to sanitized HTML.
//!
//! Beyond "no panic": whatever the Markdown, the HTML has no active element, no
//! inline event handler, and images point only at attached files.
#![no_main]

use gallerist_api::preview::Inline;
use libfuzzer_sys::fuzz_target;

/// The tags of `html` as (name, attribute text outside quoted values, whole tag), lower case.
fn tags(html: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for chunk in html.split('<').skip(1) {
        let Some((inside, _)) = chunk.split_once('>') else {
            continue;
        };
        let inside = inside.to_ascii_lowercase();
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        let mut outside_quotes = String::new();
        let mut quote = None;
        for c in inside[name.len()..].chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, c) => outside_quotes.push(c),
                _ => {}
            }
        }
        found.push((name, outside_quotes, inside));
    }
    found
}

const ACTIVE: [&str; 7] = ["script", "iframe", "style", "object", "embed", "form", "svg"];

fuzz_target!(
    init: gallerist_fuzz::init(gallerist_fuzz::seeds::preview_markdown()),
    |data: &[u8]| {
        let Ok(markdown) = std::str::from_utf8(data) else {
            return;
        };
        // Targets starting with "a" are attached files, "w" attached but withheld (too
        // large to show); anything else is not attached.
        let (html, _notes) = gallerist_api::preview::render(markdown, |target| match target.chars().next() {
            Some('a') => Some(Inline::Attached("0".repeat(64))),
            Some('w') => Some(Inline::Withheld("too many pixels <b>".into())),
            _ => None,
        }, gallerist_domain::codes::Locale::ZhCn);
        for (name, attributes, tag) in tags(&html) {
            assert!(!ACTIVE.contains(&name.trim_start_matches('/')), "<{name}> in the preview: {html}");
            let handler = attributes.split_whitespace().any(|a| a.starts_with("on"));
            assert!(!handler, "event handler on <{name}> in the preview: {html}");
            if name == "img" && attributes.contains(" src=") {
                assert!(tag.contains(" src=\"gallerist-asset:"), "an image not attached: {html}");
            }
        }
    }
);
