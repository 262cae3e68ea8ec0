use crate::values::{lenient, lenient_list, HasId, OneOrMany, UrlOrLink};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// An actor document (`Person`, `Organization`, `Group`, `Service`, `Application`).
///
/// Every field but `id` and `type` is optional when parsing, because real servers
/// leave out or null what they do not use; [`Actor::check`] says whether the
/// document can be followed and verified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub url: Option<OneOrMany<UrlOrLink>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbox: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub following: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<PublicKey>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub icon: Option<OneOrMany<ImageRef>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub image: Option<OneOrMany<ImageRef>>,
    /// Profile fields (`PropertyValue`) and whatever else servers attach.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub attachment: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manually_approves_followers: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discoverable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub also_known_as: Vec<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<Url>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub attribution_domains: Vec<String>,
    /// Further keys, such as Ed25519 `Multikey`s (FEP-521a).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub assertion_method: Vec<Multikey>,
}

/// A key listed in `assertionMethod` (FEP-521a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Multikey {
    pub id: Url,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_multibase: Option<String>,
}

/// A key document fetched by its key id, when the key is not the actor itself:
/// it names its actor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct KeyDocument {
    #[serde(default, deserialize_with = "lenient")]
    pub owner: Option<Url>,
    #[serde(default, deserialize_with = "lenient")]
    pub controller: Option<Url>,
}

impl KeyDocument {
    pub fn actor(&self) -> Option<&Url> {
        self.owner.as_ref().or(self.controller.as_ref())
    }
}

pub const ACTOR_TYPES: [&str; 5] = ["Person", "Organization", "Group", "Service", "Application"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_inbox: Option<Url>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKey {
    pub id: Url,
    pub owner: Url,
    pub public_key_pem: String,
}

/// An icon or header: an `Image` object or, from some servers, a bare URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ImageRef {
    Url(Url),
    Image(Image),
}

impl ImageRef {
    pub fn url(&self) -> Option<&Url> {
        match self {
            ImageRef::Url(u) => Some(u),
            ImageRef::Image(i) => i.url.as_ref().and_then(|u| u.first()).map(UrlOrLink::href),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    #[serde(rename = "type", default = "image_type")]
    pub kind: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub url: Option<OneOrMany<UrlOrLink>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Alt text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

fn image_type() -> String {
    "Image".to_string()
}

/// An entry of an actor's `attachment`: profile fields are `PropertyValue`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Attachment {
    PropertyValue(PropertyValue),
    Other(Value),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyValue {
    #[serde(rename = "type")]
    pub kind: PropertyValueType,
    pub name: String,
    /// HTML.
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PropertyValueType {
    PropertyValue,
}

/// Why an actor document cannot be used for federation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorProblem {
    NotAnActor(String),
    Missing(&'static str),
    KeyNotOwned,
}

impl std::fmt::Display for ActorProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActorProblem::NotAnActor(t) => write!(f, "'{t}' is not an actor type"),
            ActorProblem::Missing(field) => write!(f, "the actor has no {field}"),
            ActorProblem::KeyNotOwned => {
                f.write_str("the actor's public key belongs to someone else")
            }
        }
    }
}

impl Actor {
    /// Checks what Mastodon requires of an actor (interop rule 2): a known type,
    /// `preferredUsername`, `inbox`, and a `publicKey` that the actor owns.
    pub fn check(&self) -> Result<(), ActorProblem> {
        if !ACTOR_TYPES.contains(&self.kind.as_str()) {
            return Err(ActorProblem::NotAnActor(self.kind.clone()));
        }
        if self.preferred_username.as_deref().unwrap_or("").is_empty() {
            return Err(ActorProblem::Missing("preferredUsername"));
        }
        if self.inbox.is_none() {
            return Err(ActorProblem::Missing("inbox"));
        }
        let key = self
            .public_key
            .as_ref()
            .ok_or(ActorProblem::Missing("publicKey"))?;
        if key.owner != self.id {
            return Err(ActorProblem::KeyNotOwned);
        }
        Ok(())
    }

    pub fn shared_inbox(&self) -> Option<&Url> {
        self.endpoints
            .as_ref()
            .and_then(|e| e.shared_inbox.as_ref())
    }

    pub fn property_values(&self) -> impl Iterator<Item = &PropertyValue> {
        self.attachment.iter().filter_map(|a| match a {
            Attachment::PropertyValue(p) => Some(p),
            Attachment::Other(_) => None,
        })
    }
}

impl HasId for Actor {
    fn id(&self) -> &Url {
        &self.id
    }
}
