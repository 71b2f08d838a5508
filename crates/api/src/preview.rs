//! The product page preview: the draft's Markdown description as sanitized HTML.
//!
//! WHY render in the core: the preview HTML is inserted into the app's own page, so
//! it must be safe whatever a seller (or an imported pack) wrote — no scripts, event
//! handlers, frames, styles or remote fetches. The Markdown is rendered with
//! pulldown-cmark and then cleaned with ammonia's allow-list; images resolve only to
//! files attached to the draft (inlined as `data:` URLs once sanitizing is done), so
//! the preview never reaches the network. The text is bounded before parsing
//! (`preview_bounds.rs`: size and nesting) and an image too large to display becomes
//! a note with the reason; both are reported in `notes` and shown above the preview.

#[path = "preview_bounds.rs"]
pub mod bounds;

use crate::{assets, ApiError, Core};
use gallerist_domain::codes::Locale;
use gallerist_domain::listing::Draft;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

/// The placeholder scheme attached images carry through the sanitizer.
const ASSET_SCHEME: &str = "gallerist-asset";

#[derive(Debug, Clone, Deserialize)]
pub struct PreviewDraft {
    pub draft: Draft,
}

#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub html: String,
    /// What the preview left out or changed, in words (also shown above the HTML).
    pub notes: Vec<String>,
}

/// What an image target in the Markdown resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// An attached file, by hash: shown.
    Attached(String),
    /// An attached file that is not shown, and why.
    Withheld(String),
}

/// Renders `markdown` to safe HTML. `image` maps an image target (file name or hash)
/// to an attached file; other images become their alt text. Returns the HTML and the
/// notes on what was bounded or withheld.
pub fn render(markdown: &str, image: impl Fn(&str) -> Option<Inline>, locale: Locale) -> (String, Vec<String>) {
    let (text, mut notes) = bounds::bound(markdown, locale);
    let mut dropped_image = false;
    let mut events = Vec::new();
    for ev in Parser::new_ext(&text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match image(&dest_url) {
                Some(Inline::Attached(hash)) => events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(format!("{ASSET_SCHEME}:{hash}")),
                    title,
                    id,
                })),
                Some(Inline::Withheld(why)) => {
                    // The alt text stays; the reason follows it in place of the picture.
                    dropped_image = true;
                    let note = format!("{dest_url}: {why}");
                    events.push(Event::Text(CowStr::from(format!("[{note}] "))));
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                }
                None => {
                    // Not an attached file: show the alt text, fetch nothing.
                    dropped_image = true;
                }
            },
            Event::End(pulldown_cmark::TagEnd::Image) if dropped_image => dropped_image = false,
            // Raw HTML in Markdown is shown as text, never interpreted.
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            other => events.push(other),
        }
    }
    let mut raw = String::new();
    for note in &notes {
        raw.push_str("<p class=\"preview-note\" role=\"note\">");
        for c in note.chars() {
            match c {
                '&' => raw.push_str("&amp;"),
                '<' => raw.push_str("&lt;"),
                '>' => raw.push_str("&gt;"),
                '"' => raw.push_str("&quot;"),
                c => raw.push(c),
            }
        }
        raw.push_str("</p>\n");
    }
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    let html = ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto", ASSET_SCHEME]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_generic_attributes(["role"])
        .add_allowed_classes("p", ["preview-note"])
        .clean(&raw)
        .to_string();
    (html, notes)
}

/// The preview of a draft's description with its attached images inlined.
pub fn preview_draft(core: &Core, args: PreviewDraft) -> Result<Preview, ApiError> {
    let draft = &args.draft;
    let locale = core.locale();
    // Each referenced file is read and judged once: shown as a data URL, or withheld.
    let urls: RefCell<BTreeMap<String, Result<String, String>>> = RefCell::default();
    let lookup = |target: &str| {
        let asset = draft
            .description_images
            .iter()
            .find(|a| a.file_name == target || a.hash == target)?;
        let mut urls = urls.borrow_mut();
        let url = urls
            .entry(asset.hash.clone())
            .or_insert_with(|| match core.assets.get(&asset.hash) {
                Ok(bytes) => assets::data_url(&bytes, locale),
                // A file missing or damaged on disk shows as a broken image, not an error page.
                Err(_) => Ok(String::new()),
            });
        Some(match url {
            Ok(_) => Inline::Attached(asset.hash.clone()),
            Err(why) => Inline::Withheld(why.clone()),
        })
    };
    let (mut html, notes) = render(&draft.description, lookup, locale);
    for (hash, url) in urls.into_inner() {
        if let Ok(url) = url {
            html = html.replace(&format!("{ASSET_SCHEME}:{hash}"), &url);
        }
    }
    Ok(Preview { html, notes })
}

#[cfg(test)]
mod tests {
    use super::{bounds, render, Inline, Locale};

    fn none(_: &str) -> Option<Inline> {
        None
    }

    #[test]
    fn markdown_becomes_html_and_scripts_handlers_and_frames_do_not_survive() {
        let md = "## 功能\n\n**快**\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src=\"https://e.example\"></iframe>\n\n[x](javascript:alert(1))";
        let (html, notes) = render(md, none, Locale::En);
        assert!(notes.is_empty(), "{notes:?}");
        assert!(html.contains("<h2>功能</h2>"), "headings render: {html}");
        assert!(html.contains("<strong>快</strong>"), "emphasis renders: {html}");
        for bad in ["<script", "<img", "<iframe", "href=\"javascript:"] {
            assert!(
                !html.contains(bad),
                "'{bad}' must not reach the preview as markup: {html}"
            );
        }
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text, so the seller sees what they typed: {html}"
        );
    }

    #[test]
    fn only_attached_images_are_shown_and_remote_ones_become_their_alt_text() {
        let md = "![架构图](arch.png) ![远程](https://tracker.example/p.gif)";
        let (html, _) = render(
            md,
            |t| (t == "arch.png").then(|| Inline::Attached("ab".repeat(32))),
            Locale::En,
        );
        assert!(
            html.contains(&format!("src=\"gallerist-asset:{}\"", "ab".repeat(32))),
            "the attached image keeps a placeholder for its data URL: {html}"
        );
        assert!(
            !html.contains("tracker.example"),
            "a remote image is never fetched: {html}"
        );
        assert!(html.contains("远程"), "its alt text stays readable: {html}");
    }

    #[test]
    fn a_withheld_image_becomes_its_alt_text_and_the_reason() {
        let md = "![巨图](huge.png)";
        let (html, notes) = render(md, |_| Some(Inline::Withheld("too many pixels <b>".into())), Locale::En);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("巨图") && html.contains("huge.png: too many pixels &lt;b&gt;"),
            "{html}"
        );
        assert_eq!(notes, vec!["huge.png: too many pixels <b>".to_string()]);
        assert!(
            html.contains("<p class=\"preview-note\" role=\"note\">"),
            "the note is shown: {html}"
        );
    }

    #[test]
    fn links_cannot_reach_the_opener() {
        let (html, _) = render("[官网](https://acme.example)", none, Locale::En);
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "links are isolated: {html}"
        );
    }

    // Before the bound these two took 8 s and more than 120 s; what is asserted is the
    // work-independent part: the nesting was flattened and the note says so.
    #[test]
    fn eight_kilobytes_of_nested_quotes_and_lists_are_flattened_with_a_note() {
        let md = "> - ".repeat(2048);
        let (html, notes) = render(&md, none, Locale::En);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("more than 16 levels"), "{notes:?}");
        assert!(
            html.matches("<blockquote>").count() <= bounds::MAX_NESTING,
            "nesting is bounded"
        );
    }

    #[test]
    fn a_hundred_kilobytes_of_quote_marks_are_cut_and_flattened_with_notes() {
        let md = ">".repeat(100 * 1024);
        let (html, notes) = render(&md, none, Locale::En);
        assert!(
            notes.iter().any(|n| n.contains("longer than 65,536 bytes")),
            "{notes:?}"
        );
        assert!(notes.iter().any(|n| n.contains("flattened")), "{notes:?}");
        assert!(html.matches("<blockquote>").count() <= bounds::MAX_NESTING);
    }
}
