//! The product page preview: the draft's Markdown description as sanitized HTML.
//!
//! WHY render in the core: the preview HTML is inserted into the app's own page, so
//! it must be safe whatever a seller (or an imported pack) wrote — no scripts, event
//! handlers, frames, styles or remote fetches. The Markdown is rendered with
//! pulldown-cmark and then cleaned with ammonia's allow-list; images resolve only to
//! files attached to the draft (inlined as `data:` URLs once sanitizing is done), so
//! the preview never reaches the network.

use crate::{assets, ApiError, Core};
use gallerist_domain::listing::Draft;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use serde::{Deserialize, Serialize};
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
}

/// Renders `markdown` to safe HTML. `image_hash` maps an image target (file name or
/// hash) to an attached file's hash; other images become their alt text.
pub fn render(markdown: &str, image_hash: impl Fn(&str) -> Option<String>) -> String {
    let mut dropped_image = false;
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).filter_map(|ev| {
        match ev {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match image_hash(&dest_url) {
                Some(hash) => Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(format!("{ASSET_SCHEME}:{hash}")),
                    title,
                    id,
                })),
                None => {
                    // Not an attached file: show the alt text, fetch nothing.
                    dropped_image = true;
                    None
                }
            },
            Event::End(pulldown_cmark::TagEnd::Image) if dropped_image => {
                dropped_image = false;
                None
            }
            // Raw HTML in Markdown is shown as text, never interpreted.
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            other => Some(other),
        }
    });
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto", ASSET_SCHEME]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// The preview of a draft's description with its attached images inlined.
pub fn preview_draft(core: &Core, args: PreviewDraft) -> Result<Preview, ApiError> {
    let draft = &args.draft;
    let lookup = |target: &str| {
        draft
            .description_images
            .iter()
            .find(|a| a.file_name == target || a.hash == target)
            .map(|a| a.hash.clone())
    };
    let mut html = render(&draft.description, lookup);
    let mut urls = BTreeMap::new();
    for asset in &draft.description_images {
        if html.contains(&format!("{ASSET_SCHEME}:{}", asset.hash)) && !urls.contains_key(&asset.hash) {
            // A file missing or damaged on disk shows as a broken image, not an error page.
            let url = core.assets.get(&asset.hash).ok().and_then(|b| assets::data_url(&b));
            urls.insert(asset.hash.clone(), url.unwrap_or_default());
        }
    }
    for (hash, url) in urls {
        html = html.replace(&format!("{ASSET_SCHEME}:{hash}"), &url);
    }
    Ok(Preview { html })
}

#[cfg(test)]
mod tests {
    use super::render;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn markdown_becomes_html_and_scripts_handlers_and_frames_do_not_survive() {
        let md = "## 功能\n\n**快**\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src=\"https://e.example\"></iframe>\n\n[x](javascript:alert(1))";
        let html = render(md, none);
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
        let html = render(md, |t| (t == "arch.png").then(|| "ab".repeat(32)));
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
    fn links_cannot_reach_the_opener() {
        let html = render("[官网](https://acme.example)", none);
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "links are isolated: {html}"
        );
    }
}
