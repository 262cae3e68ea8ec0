//! Staff write Markdown; pages and objects carry it as safe HTML.

use civicpub_domain::NodeBase;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use url::Url;

fn render(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Markdown as safe HTML: rendered by pulldown-cmark, then cleaned by ammonia
/// so that raw HTML in the source cannot carry scripts or styles. For remote
/// Markdown (PeerTube's descriptions), whose images the ingest then proxies.
pub fn markdown_to_html(markdown: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer"))
        .clean(&render(markdown))
        .to_string()
}

/// An item's Markdown body as HTML, as the node's pages, feeds and objects
/// carry it: like [`markdown_to_html`], and an image only when it is on this
/// node (at its absolute address, which readers elsewhere need). An image of
/// another site never reaches a page: it would tell that site who reads.
pub fn item_body_html(markdown: &str, base: &NodeBase) -> String {
    let base = base.clone();
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer"))
        .attribute_filter(move |element, attribute, value| {
            if (element, attribute) != ("img", "src") {
                return Some(value.into());
            }
            let url = base.as_url().join(value).ok()?;
            (base.is_local(&url) && url.path().starts_with("/media/"))
                .then(|| url.to_string().into())
        })
        .clean(&render(markdown))
        .to_string()
}

/// The images a Markdown body shows (in Markdown or in raw HTML), as written,
/// that are not on this node.
pub fn foreign_images(markdown: &str, base: &NodeBase) -> Vec<String> {
    let found = Arc::new(Mutex::new(Vec::new()));
    let seen = found.clone();
    let base = base.clone();
    ammonia::Builder::default()
        .attribute_filter(move |element, attribute, value| {
            if (element, attribute) == ("img", "src") {
                let local = base
                    .as_url()
                    .join(value)
                    .is_ok_and(|u| base.is_local(&u) && u.path().starts_with("/media/"));
                if !local {
                    seen.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(value.to_string());
                }
            }
            Some(value.into())
        })
        .clean(&render(markdown));
    let mut images = std::mem::take(&mut *found.lock().unwrap_or_else(|e| e.into_inner()));
    let mut unique = HashSet::new();
    images.retain(|i| unique.insert(i.clone()));
    images
}

/// An image's address as a URL to fetch it from, if it names another site.
pub fn image_url(src: &str) -> Option<Url> {
    Url::parse(src)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_cleaned() {
        let html =
            markdown_to_html("# Hi\n\n**bold** <script>alert(1)</script> [x](https://a.example)");
        assert!(html.contains("<h1>Hi</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(html.contains("rel=\"nofollow noopener noreferrer\""));
    }

    #[test]
    fn an_item_shows_only_this_nodes_images() {
        let base = NodeBase::new("city.example", false).unwrap();
        let md = "![a](https://evil.example/t.png) ![b](/media/ab.png) \
                  <img src=\"https://evil.example/p.gif\"> ![c](https://city.example/media/cd.jpg)";
        let html = item_body_html(md, &base);
        assert!(!html.contains("evil.example"), "{html}");
        assert!(
            html.contains("src=\"https://city.example/media/ab.png\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://city.example/media/cd.jpg\""),
            "{html}"
        );
        assert_eq!(
            foreign_images(md, &base),
            ["https://evil.example/t.png", "https://evil.example/p.gif"]
        );
    }
}
