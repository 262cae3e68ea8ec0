//! Staff write Markdown; pages and objects carry it as safe HTML.

/// Markdown from staff, as safe HTML: rendered by pulldown-cmark, then cleaned
/// by ammonia so that raw HTML in the source cannot carry scripts or styles.
pub fn markdown_to_html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer"))
        .clean(&html)
        .to_string()
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
}
