//! Values that real servers send in more than one shape: one or many, a URL or a
//! `Link`, a reference or the object itself, language maps. Lenient readers for
//! fields whose odd shapes should not reject a whole document.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use url::Url;

/// A property that servers send either as one value or as a list. (A list is
/// tried first: some single values would also read from a list.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
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

impl Link {
    /// A link to an HTML page.
    pub fn html(href: Url) -> Self {
        Link {
            kind: link_type(),
            href,
            media_type: Some("text/html".into()),
            rel: None,
            name: None,
        }
    }
}

/// Picks the URL a person should open: the first `text/html` (or untyped) entry,
/// as Mastodon does (interop rule 14).
pub fn html_url(urls: &OneOrMany<UrlOrLink>) -> Option<&Url> {
    urls.iter()
        .find(|u| u.media_type().is_none_or(|m| m == "text/html"))
        .map(UrlOrLink::href)
}

/// A reference to an object: its id, or the object inlined.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ObjectRef<T> {
    Id(Url),
    Object(Box<T>),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for ObjectRef<T> {
    /// A string is an id; anything else must read as the object. The error says
    /// why the object did not read, instead of serde's "no variant matched".
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Url::parse(&s)
                .map(ObjectRef::Id)
                .map_err(|_| serde::de::Error::custom(format!("'{s}' is not a URL"))),
            other => serde_json::from_value(other)
                .map(|o| ObjectRef::Object(Box::new(o)))
                .map_err(serde::de::Error::custom),
        }
    }
}

impl<T: HasId> ObjectRef<T> {
    /// The id, whether given alone or inside the object.
    pub fn id(&self) -> &Url {
        match self {
            ObjectRef::Id(u) => u,
            ObjectRef::Object(o) => o.id(),
        }
    }
}

impl<T> ObjectRef<T> {
    /// The object, when it was inlined.
    pub fn object(&self) -> Option<&T> {
        match self {
            ObjectRef::Id(_) => None,
            ObjectRef::Object(o) => Some(o),
        }
    }
}

/// Anything with an ActivityPub id.
pub trait HasId {
    fn id(&self) -> &Url;
}

/// A URL read from a bare string or from an object's `id` (or a `Link`'s
/// `href`): how servers refer to an actor or an object they do not inline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdRef(pub Url);

impl IdRef {
    pub fn url(&self) -> &Url {
        &self.0
    }
}

impl From<Url> for IdRef {
    fn from(u: Url) -> Self {
        IdRef(u)
    }
}

impl std::fmt::Display for IdRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for IdRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for IdRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        id_in(&v)
            .map(IdRef)
            .ok_or_else(|| serde::de::Error::custom("expected a URL or an object with an id"))
    }
}

/// The URL a JSON value refers to: the string itself, an object's `id`, a
/// `Link`'s `href`, or the first of a list.
pub fn id_in(v: &Value) -> Option<Url> {
    match v {
        Value::String(s) => Url::parse(s).ok(),
        Value::Object(o) => o
            .get("id")
            .or_else(|| o.get("href"))
            .and_then(Value::as_str)
            .and_then(|s| Url::parse(s).ok()),
        Value::Array(a) => a.iter().find_map(id_in),
        _ => None,
    }
}

/// Texts per language (`nameMap`, `summaryMap`, `contentMap`), in the order the
/// publisher gave them: the first is its default language (interop rule 15).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LanguageMap(pub Vec<(String, String)>);

impl LanguageMap {
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(l, _)| l.as_str())
    }

    /// The publisher's default language and its text.
    pub fn first(&self) -> Option<(&str, &str)> {
        self.0.first().map(|(l, t)| (l.as_str(), t.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a text, leaving out empty ones.
    pub fn push(&mut self, lang: &str, text: String) {
        if !text.is_empty() {
            self.0.push((lang.to_string(), text));
        }
    }
}

impl Serialize for LanguageMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (l, t) in &self.0 {
            map.serialize_entry(l, t)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for LanguageMap {
    /// Keeps the entries whose value is a string, in document order.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Object(m) => LanguageMap(
                m.into_iter()
                    .filter_map(|(l, v)| Some((l, v.as_str()?.to_string())))
                    .collect(),
            ),
            _ => LanguageMap::default(),
        })
    }
}

/// A value that some servers send in a shape we cannot use (a relative URL for
/// an icon, say): `None` rather than rejecting the whole document.
pub fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Option::<Value>::deserialize(d)?;
    Ok(v.and_then(|v| serde_json::from_value(v).ok()))
}

/// A list that some servers send as one item or with items of unknown shape:
/// keeps the items that parse and drops the rest.
pub fn lenient_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(listed(d)?
        .into_iter()
        .filter_map(|i| serde_json::from_value(i).ok())
        .collect())
}

/// A value that may be absent, one, or a list, as a list.
fn listed<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(one) => vec![one],
    })
}

/// Addressing (`to`, `cc`, `audience`): each entry's id as written, so that the
/// compact forms of the public collection (`as:Public`, `Public`) are kept.
pub fn lenient_addresses<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(listed(d)?
        .iter()
        .filter_map(|i| match i {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
        .collect())
}

/// A string read from a string, or nothing from any other shape.
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        _ => None,
    })
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

    #[test]
    fn language_maps_keep_the_publishers_order() {
        let m: LanguageMap =
            serde_json::from_str(r#"{"nl":"Hallo","en":"Hello","xx":3,"it":"Ciao"}"#).unwrap();
        assert_eq!(m.languages().collect::<Vec<_>>(), ["nl", "en", "it"]);
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"nl":"Hallo","en":"Hello","it":"Ciao"}"#
        );
    }

    #[test]
    fn references_read_from_strings_objects_and_links() {
        for json in [
            r#""https://a.example/x""#,
            r#"{"id":"https://a.example/x","type":"Person"}"#,
            r#"{"type":"Link","href":"https://a.example/x"}"#,
            r#"["https://a.example/x","https://b.example/y"]"#,
        ] {
            let r: IdRef = serde_json::from_str(json).unwrap();
            assert_eq!(r.url().as_str(), "https://a.example/x", "{json}");
        }
        assert!(serde_json::from_str::<IdRef>("42").is_err());
    }
}
