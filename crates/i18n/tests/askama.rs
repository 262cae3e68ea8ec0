//! How the web crate's askama templates use the catalogue: a `Locale` field in
//! the template struct, and calls on it.

use askama::Template;
use civicpub_i18n::{Arg, Locale};

#[derive(Template)]
#[template(
    ext = "html",
    source = r##"<html lang="{{ lang }}">
<a href="#main">{{ lang.t("site-skip-to-content") }}</a>
<nav aria-label="{{ lang.t("site-nav-label") }}"><a href="/news?lang={{ lang }}">{{ lang.t("nav-news") }}</a></nav>
<p>{{ lang.t_with("search-results", [("count", count.into())]) }}</p>
<p>{{ lang.t_with("network-read-on", [("city", city.into())]) }}</p>
<p>{{ lang.t_html("profile-follow-how", [("handle", Arg::html(handle_html.as_str()))])|safe }}</p>
<ul>{% for l in Locale::all() %}<li><a href="?lang={{ l }}" lang="{{ l }}" hreflang="{{ l }}">{{ l.name() }}</a></li>{% endfor %}</ul>
<h2>{{ lang.day_heading(*day) }}</h2>
</html>"##
)]
struct Page<'a> {
    lang: Locale,
    count: usize,
    city: &'a str,
    handle_html: String,
    day: chrono::NaiveDate,
}

#[test]
fn a_template_speaks_its_page_s_language() {
    let page = Page {
        lang: Locale::Fr,
        count: 3,
        city: "<lyon>",
        handle_html: "<strong>@actualites@ville.example</strong>".into(),
        day: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    let html = page.render().unwrap();
    assert!(html.starts_with("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains("<a href=\"#main\">Aller au contenu</a>"),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Menu principal\""), "{html}");
    assert!(
        html.contains("<a href=\"/news?lang=fr\">Actualités</a>"),
        "{html}"
    );
    assert!(html.contains("<p>3 résultats</p>"), "{html}");
    // Text is escaped by askama…
    assert!(html.contains("<p>Lire sur &#60;lyon&#62;</p>"), "{html}");
    // …HTML arguments of t_html are not.
    assert!(
        html.contains("<p>Recherchez <strong>@actualites@ville.example</strong> dans Mastodon"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"?lang=sq\" lang=\"sq\" hreflang=\"sq\">Shqip</a>"),
        "{html}"
    );
    assert!(html.contains("<h2>Mardi 1er décembre</h2>"), "{html}");
}
