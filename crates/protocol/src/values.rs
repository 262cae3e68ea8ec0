use serde::{Deserialize, Serialize};
use url::Url;

/// A property that servers send either as one value or as a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        match self {
            OneOrMany::One(t) => std::slice::from_ref(t).iter(),
            OneOrMany::Many(v) => v.iter(),
        }
    }

    pub fn first(&self) -> Option<&T> {
        self.iter().next()
    }
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

/// A reference that is a bare URL or a `Link` object (`{"type":"Link","href":...}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UrlOrLink {
    Url(Url),
    Link(Link),
}

impl UrlOrLink {
    pub fn href(&self) -> &Url {
        match self {
            UrlOrLink::Url(u) => u,
            UrlOrLink::Link(l) => &l.href,
        }
    }

    pub fn media_type(&self) -> Option<&str> {
        match self {
            UrlOrLink::Url(_) => None,
            UrlOrLink::Link(l) => l.media_type.as_deref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    #[serde(rename = "type", default = "link_type")]
    pub kind: String,
    pub href: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rel: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

fn link_type() -> String {
    "Link".to_string()
}

/// Picks the URL a person should open: the first `text/html` (or untyped) entry,
/// as Mastodon does (interop rule 14).
pub fn html_url(urls: &OneOrMany<UrlOrLink>) -> Option<&Url> {
    urls.iter()
        .find(|u| u.media_type().is_none_or(|m| m == "text/html"))
        .map(UrlOrLink::href)
}

/// A reference to an object: its id, or the object inlined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IdOrObject<T> {
    Id(Url),
    Object(Box<T>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_url_skips_non_html_links() {
        let v: OneOrMany<UrlOrLink> = serde_json::from_str(
            r#"[{"type":"Link","mediaType":"application/x-mpegURL","href":"https://a.example/v.m3u8"},
                {"type":"Link","mediaType":"text/html","href":"https://a.example/page"}]"#,
        )
        .unwrap();
        assert_eq!(html_url(&v).unwrap().as_str(), "https://a.example/page");
        let v: OneOrMany<UrlOrLink> = serde_json::from_str(r#""https://a.example/x""#).unwrap();
        assert_eq!(html_url(&v).unwrap().as_str(), "https://a.example/x");
    }
}
