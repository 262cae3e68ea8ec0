//! Content objects: what a node publishes (`Article`, `Event`, `Tombstone`) and
//! what it reads from others (`Note`, `Page`, `Video`, Mobilizon events, ...).
//!
//! One [`Object`] type serves both ways: every field is optional and read
//! leniently (an odd shape becomes `None`, not an error), and only the fields
//! that are set are written.

use crate::actor::ImageRef;
use crate::values::{
    lenient, lenient_addresses, lenient_list, lenient_string, HasId, IdRef, LanguageMap, OneOrMany,
    UrlOrLink,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// An ActivityPub object with content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Object {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    /// `Article`, `Event`, `Note`, ...; a few servers send a list.
    #[serde(rename = "type")]
    pub kind: OneOrMany<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub attributed_to: Option<OneOrMany<AttributedTo>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "LanguageMap::is_empty")]
    pub name_map: LanguageMap,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "LanguageMap::is_empty")]
    pub summary_map: LanguageMap,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "LanguageMap::is_empty")]
    pub content_map: LanguageMap,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub media_type: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub url: Option<OneOrMany<UrlOrLink>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub published: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub updated: Option<String>,
    #[serde(default, deserialize_with = "lenient_addresses")]
    pub to: Vec<String>,
    #[serde(default, deserialize_with = "lenient_addresses")]
    pub cc: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_addresses"
    )]
    pub bto: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_addresses"
    )]
    pub audience: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub in_reply_to: Option<IdRef>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub sensitive: Option<bool>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub tag: Vec<Tag>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub image: Option<OneOrMany<ImageRef>>,
    /// A video's thumbnails (PeerTube).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub icon: Option<OneOrMany<ImageRef>>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub attachment: Vec<Attachment>,
    // Events.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub start_time: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub end_time: Option<String>,
    /// IANA time zone (Mobilizon's extension).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub timezone: Option<String>,
    #[serde(
        rename = "ical:status",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub ical_status: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub location: Option<OneOrMany<Place>>,
    // Policy documents.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_scalar"
    )]
    pub version: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_scalar"
    )]
    pub license: Option<String>,
    /// PeerTube's language: a tag, or `{identifier, name}`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub language: Option<Language>,
    // Polls (`Question`).
    /// The options when one may be chosen.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub one_of: Vec<PollOption>,
    /// The options when several may be chosen.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub any_of: Vec<PollOption>,
    /// How many accounts voted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub voters_count: Option<u64>,
    /// When voting ended.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub closed: Option<String>,
    // What others said and did about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub replies: Option<Counted>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub likes: Option<Counted>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub shares: Option<Counted>,
}

/// A collection given by its size (and, when it lists anything, where its
/// first page is): an object's `replies`, `likes` and `shares`, a poll
/// option's votes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counted {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: crate::collection::CollectionType,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub total_items: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub first: Option<IdRef>,
}

impl Counted {
    /// A `Collection` that says only how many it holds.
    pub fn total(id: Option<Url>, total: u64) -> Self {
        Counted {
            id,
            kind: crate::collection::CollectionType::Collection,
            total_items: Some(total),
            first: None,
        }
    }
}

/// An option of a poll: a `Note` with a `name`, and its votes counted in
/// `replies.totalItems` (Mastodon's shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollOption {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient_string")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "LanguageMap::is_empty")]
    pub name_map: LanguageMap,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub replies: Option<Counted>,
}

impl HasId for Object {
    fn id(&self) -> &Url {
        &self.id
    }
}

impl Object {
    /// An object of `kind` with nothing but its id.
    pub fn new(id: Url, kind: &str) -> Self {
        Object {
            context: None,
            id,
            kind: OneOrMany::One(kind.to_string()),
            attributed_to: None,
            name: None,
            name_map: LanguageMap::default(),
            summary: None,
            summary_map: LanguageMap::default(),
            content: None,
            content_map: LanguageMap::default(),
            media_type: None,
            url: None,
            published: None,
            updated: None,
            to: Vec::new(),
            cc: Vec::new(),
            bto: Vec::new(),
            audience: Vec::new(),
            in_reply_to: None,
            sensitive: None,
            tag: Vec::new(),
            image: None,
            icon: None,
            attachment: Vec::new(),
            start_time: None,
            end_time: None,
            timezone: None,
            ical_status: None,
            location: None,
            version: None,
            license: None,
            language: None,
            one_of: Vec::new(),
            any_of: Vec::new(),
            voters_count: None,
            closed: None,
            replies: None,
            likes: None,
            shares: None,
        }
    }

    /// Its types, as listed.
    pub fn types(&self) -> impl Iterator<Item = &str> {
        self.kind.iter().map(String::as_str)
    }

    pub fn is_a(&self, kind: &str) -> bool {
        self.types().any(|t| t == kind)
    }

    /// The account that published it: the first listed actor that is a person
    /// or an organisation, else the first listed at all.
    pub fn author(&self) -> Option<&Url> {
        let listed = self.attributed_to.as_ref()?;
        listed
            .iter()
            .find(|a| a.is_account())
            .or_else(|| listed.first())
            .and_then(AttributedTo::id)
    }

    /// Whether it is addressed to the public. An object that names no
    /// recipients at all (some forum software leaves `to` out) counts as public:
    /// anything private has to say whom it is for.
    pub fn is_public(&self) -> bool {
        if self.to.is_empty() && self.cc.is_empty() && self.bto.is_empty() {
            return true;
        }
        self.to
            .iter()
            .chain(&self.cc)
            .chain(&self.audience)
            .any(|a| is_public_address(a))
    }
}

/// The public collection, in any of the forms JSON-LD compaction gives it.
pub fn is_public_address(a: &str) -> bool {
    matches!(a, crate::PUBLIC | "as:Public" | "Public")
}

/// An entry of `attributedTo`: an actor's id, or the actor inlined (PeerTube
/// lists the account and its channel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttributedTo {
    Id(Url),
    Actor {
        id: Url,
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        kind: Option<OneOrMany<String>>,
    },
    Other(Value),
}

impl AttributedTo {
    pub fn id(&self) -> Option<&Url> {
        match self {
            AttributedTo::Id(u) | AttributedTo::Actor { id: u, .. } => Some(u),
            AttributedTo::Other(_) => None,
        }
    }

    /// A bare id, or an inlined person, organisation or service.
    fn is_account(&self) -> bool {
        match self {
            AttributedTo::Id(_) => true,
            AttributedTo::Actor { kind, .. } => kind.as_ref().is_some_and(|k| {
                k.iter()
                    .any(|t| matches!(t.as_str(), "Person" | "Organization" | "Service"))
            }),
            AttributedTo::Other(_) => false,
        }
    }
}

/// A hashtag, mention or emoji in `tag`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "type", default, deserialize_with = "lenient_string")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub href: Option<Url>,
}

impl Tag {
    pub fn hashtag(name: &str, href: Url) -> Self {
        Tag {
            kind: Some("Hashtag".into()),
            name: Some(format!("#{name}")),
            href: Some(href),
        }
    }
}

/// A file or link attached to an object: an `Image`, a `Document` (a PDF), a
/// `Link` (an event's online address), or a profile field some servers put here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[serde(rename = "type", default, deserialize_with = "lenient")]
    pub kind: Option<OneOrMany<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub media_type: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub url: Option<OneOrMany<UrlOrLink>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub href: Option<Url>,
    /// What it is called, or an image's alt text.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub size: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub digest_multibase: Option<String>,
}

impl Attachment {
    pub fn is_a(&self, kind: &str) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| k.iter().any(|t| t == kind))
    }

    /// An attachment of `kind` at `url`.
    pub fn new(kind: &str, url: Url) -> Self {
        Attachment {
            kind: Some(OneOrMany::One(kind.to_string())),
            media_type: None,
            url: Some(OneOrMany::One(UrlOrLink::Url(url))),
            href: None,
            name: None,
            size: None,
            digest_multibase: None,
        }
    }
}

/// Where an event happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(rename = "type", default = "place_type")]
    pub kind: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub address: Option<Address>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub latitude: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub longitude: Option<f64>,
}

fn place_type() -> String {
    "Place".into()
}

/// A place's address: words, or a schema.org `PostalAddress`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Address {
    Text(String),
    Postal(PostalAddress),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    #[serde(rename = "type", default = "postal_type")]
    pub kind: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub street_address: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_scalar"
    )]
    pub postal_code: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub address_locality: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub address_region: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub address_country: Option<String>,
}

fn postal_type() -> String {
    "PostalAddress".into()
}

impl Address {
    /// The address in words, its parts joined by commas.
    pub fn in_words(&self) -> String {
        match self {
            Address::Text(s) => s.trim().to_string(),
            Address::Postal(a) => [
                &a.street_address,
                &a.postal_code,
                &a.address_locality,
                &a.address_region,
                &a.address_country,
            ]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        }
    }
}

/// PeerTube's `language`: a tag, or `{ identifier, name }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Language {
    Tag(String),
    Described { identifier: String },
}

impl Language {
    pub fn tag(&self) -> &str {
        match self {
            Language::Tag(t) | Language::Described { identifier: t } => t,
        }
    }
}

/// A deleted object (interop rule 18): served with 410 in its place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tombstone {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: TombstoneType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TombstoneType {
    Tombstone,
}

/// A string, or a number written as one (some servers send `"version": 2`).
fn lenient_scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_fields_do_not_reject_the_object() {
        let o: Object = serde_json::from_str(
            r##"{"id":"https://a.example/1","type":["Note","Other"],"name":null,
                "summary":{"x":1},"url":"/relative","location":{"type":"Place","address":"Main st 1"},
                "tag":[{"type":"Hashtag","name":"#x","href":"https://a.example/t/x"},7],
                "attributedTo":[{"type":"Group","id":"https://a.example/g"},
                                {"type":"Person","id":"https://a.example/p"}],
                "version":2,"to":"as:Public"}"##,
        )
        .unwrap();
        assert!(o.is_a("Note"));
        assert_eq!(o.name, None);
        assert_eq!(o.summary, None);
        assert_eq!(o.url, None);
        assert_eq!(o.tag.len(), 1);
        assert_eq!(o.author().unwrap().as_str(), "https://a.example/p");
        assert_eq!(o.version.as_deref(), Some("2"));
        assert!(o.is_public());
        let place = o.location.unwrap();
        assert_eq!(
            place.first().unwrap().address.as_ref().unwrap().in_words(),
            "Main st 1"
        );
    }

    #[test]
    fn private_objects_name_their_audience() {
        let o: Object = serde_json::from_str(
            r#"{"id":"https://a.example/1","type":"Note","to":["https://a.example/followers"]}"#,
        )
        .unwrap();
        assert!(!o.is_public());
        let o: Object =
            serde_json::from_str(r#"{"id":"https://a.example/1","type":"Note"}"#).unwrap();
        assert!(o.is_public());
    }
}
