//! Activities: the envelope every activity shares, typed by what its `object`
//! holds, and [`Incoming`], every activity an inbox handles, decoded once.

use crate::object::Object;
use crate::values::{
    id_in, lenient, lenient_addresses, lenient_string, HasId, IdRef, ObjectRef, OneOrMany,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// The activity types the node sends or handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityType {
    Follow,
    Accept,
    Reject,
    Undo,
    Create,
    Update,
    Delete,
    Announce,
    Like,
    Flag,
    Move,
}

impl ActivityType {
    pub const ALL: [ActivityType; 11] = [
        ActivityType::Follow,
        ActivityType::Accept,
        ActivityType::Reject,
        ActivityType::Undo,
        ActivityType::Create,
        ActivityType::Update,
        ActivityType::Delete,
        ActivityType::Announce,
        ActivityType::Like,
        ActivityType::Flag,
        ActivityType::Move,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityType::Follow => "Follow",
            ActivityType::Accept => "Accept",
            ActivityType::Reject => "Reject",
            ActivityType::Undo => "Undo",
            ActivityType::Create => "Create",
            ActivityType::Update => "Update",
            ActivityType::Delete => "Delete",
            ActivityType::Announce => "Announce",
            ActivityType::Like => "Like",
            ActivityType::Flag => "Flag",
            ActivityType::Move => "Move",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// An activity whose `object` is an `O`: an id ([`IdRef`]), an object, or
/// another activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "O: DeserializeOwned"))]
pub struct Activity<O> {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: ActivityType,
    /// Who did it (the first actor, when a server lists several).
    pub actor: IdRef,
    pub object: O,
    /// Where a `Move` goes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub target: Option<IdRef>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_addresses"
    )]
    pub to: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_addresses"
    )]
    pub cc: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub published: Option<String>,
    /// A `Flag`'s comment.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_string"
    )]
    pub content: Option<String>,
}

impl<O> Activity<O> {
    /// An activity of `kind` by `actor`, unaddressed, with no context.
    pub fn new(kind: ActivityType, id: Url, actor: Url, object: O) -> Self {
        Activity {
            context: None,
            id,
            kind,
            actor: IdRef(actor),
            object,
            target: None,
            to: Vec::new(),
            cc: Vec::new(),
            published: None,
            content: None,
        }
    }

    pub fn with_context(mut self, context: Value) -> Self {
        self.context = Some(context);
        self
    }

    pub fn addressed(mut self, to: Vec<String>, cc: Vec<String>) -> Self {
        self.to = to;
        self.cc = cc;
        self
    }

    /// Where a `Move` goes.
    pub fn with_target(mut self, target: Url) -> Self {
        self.target = Some(IdRef(target));
        self
    }

    pub fn published(mut self, at: String) -> Self {
        self.published = Some(at);
        self
    }
}

/// The envelope of an activity, apart from its object.
struct Head<'a> {
    id: &'a Url,
    kind: &'a str,
    actor: &'a Url,
}

impl<O> Activity<O> {
    fn head(&self) -> Head<'_> {
        Head {
            id: &self.id,
            kind: self.kind.as_str(),
            actor: self.actor.url(),
        }
    }
}

impl<O> HasId for Activity<O> {
    fn id(&self) -> &Url {
        &self.id
    }
}

/// What an `Announce` shares: an object, or (from Lemmy and other group
/// software) an activity about one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Announced {
    Activity(Box<Incoming>),
    Object(Box<Object>),
}

impl<'de> Deserialize<'de> for Announced {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if type_of(&v).and_then(ActivityType::parse).is_some() {
            Incoming::decode(&v)
                .map(|a| Announced::Activity(Box::new(a)))
                .map_err(serde::de::Error::custom)
        } else {
            serde_json::from_value(v)
                .map(|o| Announced::Object(Box::new(o)))
                .map_err(serde::de::Error::custom)
        }
    }
}

impl HasId for Announced {
    fn id(&self) -> &Url {
        match self {
            Announced::Activity(a) => a.id(),
            Announced::Object(o) => &o.id,
        }
    }
}

/// An activity of a type the node does not handle: kept only as far as the
/// replay guard and the log need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unhandled {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: IdRef,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub object: Option<IdRef>,
}

/// Every activity an inbox takes, decoded once from its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Incoming {
    /// Follow the `object` actor.
    Follow(Activity<IdRef>),
    /// Accept the follow request with this id.
    Accept(Activity<IdRef>),
    /// Reject the follow request with this id.
    Reject(Activity<IdRef>),
    /// Take back a follow, a boost or a like: inlined, or by its id.
    Undo(Activity<ObjectRef<Incoming>>),
    Create(Activity<ObjectRef<Object>>),
    Update(Activity<ObjectRef<Object>>),
    Delete(Activity<ObjectRef<Object>>),
    Announce(Activity<ObjectRef<Announced>>),
    Like(Activity<IdRef>),
    /// A report: the objects (and accounts) flagged, and a comment in `content`.
    Flag(Activity<OneOrMany<IdRef>>),
    /// The `object` account moved to the `target` account.
    Move(Activity<IdRef>),
    Unhandled(Unhandled),
}

/// Why an activity could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

fn type_of(v: &Value) -> Option<&str> {
    match v.get("type")? {
        Value::String(s) => Some(s),
        Value::Array(a) => a.first()?.as_str(),
        _ => None,
    }
}

fn typed<O: DeserializeOwned>(v: &Value) -> Result<Activity<O>, DecodeError> {
    serde_json::from_value(v.clone()).map_err(|e| DecodeError(e.to_string()))
}

impl Incoming {
    /// Reads an activity by its `type`; an unknown type is [`Incoming::Unhandled`],
    /// not an error, so that the inbox can answer 202 and move on.
    pub fn decode(v: &Value) -> Result<Incoming, DecodeError> {
        if !v.is_object() {
            return Err(DecodeError("an activity is a JSON object".into()));
        }
        let kind = type_of(v).ok_or_else(|| DecodeError("the activity has no type".into()))?;
        let name = |e: DecodeError| DecodeError(format!("invalid {kind}: {}", e.0));
        let decoded = match ActivityType::parse(kind) {
            Some(ActivityType::Follow) => Incoming::Follow(typed(v).map_err(name)?),
            Some(ActivityType::Accept) => Incoming::Accept(typed(v).map_err(name)?),
            Some(ActivityType::Reject) => Incoming::Reject(typed(v).map_err(name)?),
            Some(ActivityType::Undo) => Incoming::Undo(typed(v).map_err(name)?),
            Some(ActivityType::Create) => Incoming::Create(typed(v).map_err(name)?),
            Some(ActivityType::Update) => Incoming::Update(typed(v).map_err(name)?),
            Some(ActivityType::Delete) => Incoming::Delete(typed(v).map_err(name)?),
            Some(ActivityType::Announce) => Incoming::Announce(typed(v).map_err(name)?),
            Some(ActivityType::Like) => Incoming::Like(typed(v).map_err(name)?),
            Some(ActivityType::Flag) => Incoming::Flag(typed(v).map_err(name)?),
            Some(ActivityType::Move) => Incoming::Move(typed(v).map_err(name)?),
            None => Incoming::Unhandled(
                serde_json::from_value(v.clone()).map_err(|e| DecodeError(e.to_string()))?,
            ),
        };
        Ok(decoded)
    }

    /// What every activity has, whatever its object.
    fn head(&self) -> Head<'_> {
        match self {
            Incoming::Follow(a)
            | Incoming::Accept(a)
            | Incoming::Reject(a)
            | Incoming::Like(a)
            | Incoming::Move(a) => a.head(),
            Incoming::Undo(a) => a.head(),
            Incoming::Create(a) | Incoming::Update(a) | Incoming::Delete(a) => a.head(),
            Incoming::Announce(a) => a.head(),
            Incoming::Flag(a) => a.head(),
            Incoming::Unhandled(u) => Head {
                id: &u.id,
                kind: &u.kind,
                actor: u.actor.url(),
            },
        }
    }

    /// Its `type`.
    pub fn kind(&self) -> &str {
        self.head().kind
    }

    /// Who did it.
    pub fn actor(&self) -> &Url {
        self.head().actor
    }

    /// The id of what it is about (the first, for a `Flag` of several).
    pub fn object_id(&self) -> Option<&Url> {
        Some(match self {
            Incoming::Follow(a)
            | Incoming::Accept(a)
            | Incoming::Reject(a)
            | Incoming::Like(a)
            | Incoming::Move(a) => a.object.url(),
            Incoming::Undo(a) => a.object.id(),
            Incoming::Create(a) | Incoming::Update(a) | Incoming::Delete(a) => a.object.id(),
            Incoming::Announce(a) => a.object.id(),
            Incoming::Flag(a) => a.object.first()?.url(),
            Incoming::Unhandled(u) => u.object.as_ref()?.url(),
        })
    }
}

impl HasId for Incoming {
    fn id(&self) -> &Url {
        self.head().id
    }
}

impl<'de> Deserialize<'de> for Incoming {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Incoming::decode(&Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The id a JSON reference names, for callers holding raw JSON (a collection's
/// entries before they are decoded).
pub fn reference(v: &Value) -> Option<Url> {
    id_in(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_type_decodes_into_its_variant() {
        let follow = json!({"id":"https://b.example/f/1","type":"Follow",
            "actor":"https://b.example/u/x","object":"https://a.example/actors/city"});
        let Incoming::Follow(f) = Incoming::decode(&follow).unwrap() else {
            panic!()
        };
        assert_eq!(f.object.url().as_str(), "https://a.example/actors/city");

        // Mastodon inlines the Follow it accepts; Pleroma gives its id.
        for object in [follow.clone(), json!("https://b.example/f/1")] {
            let accept = json!({"id":"https://a.example/a/1","type":"Reject",
                "actor":"https://a.example/actors/city","object": object});
            let Incoming::Reject(r) = Incoming::decode(&accept).unwrap() else {
                panic!()
            };
            assert_eq!(r.object.url().as_str(), "https://b.example/f/1");
        }

        let undo = json!({"id":"https://b.example/u/1","type":"Undo",
            "actor":"https://b.example/u/x","object": follow});
        let Incoming::Undo(u) = Incoming::decode(&undo).unwrap() else {
            panic!()
        };
        assert!(matches!(u.object.object(), Some(Incoming::Follow(_))));

        let lemmy = json!({"id":"https://l.example/an/1","type":"Announce",
            "actor":"https://l.example/c/x","object":{"id":"https://l.example/cr/1","type":"Create",
            "actor":"https://l.example/u/y","object":{"id":"https://l.example/post/1","type":"Page"}}});
        let Incoming::Announce(a) = Incoming::decode(&lemmy).unwrap() else {
            panic!()
        };
        assert!(matches!(a.object.object(), Some(Announced::Activity(_))));

        let flag = json!({"id":"https://b.example/fl/1","type":"Flag","actor":"https://b.example/actor",
            "object":["https://a.example/actors/city","https://a.example/news/1"],"content":"spam"});
        let Incoming::Flag(f) = Incoming::decode(&flag).unwrap() else {
            panic!()
        };
        assert_eq!(f.object.iter().count(), 2);
        assert_eq!(f.content.as_deref(), Some("spam"));

        let odd = json!({"id":"https://b.example/x/1","type":"EmojiReact",
            "actor":"https://b.example/u/x","object":"https://a.example/news/1"});
        let decoded = Incoming::decode(&odd).unwrap();
        assert_eq!(decoded.kind(), "EmojiReact");
        assert!(matches!(decoded, Incoming::Unhandled(_)));
    }

    #[test]
    fn what_cannot_be_read_says_why() {
        for (bad, why) in [
            (json!([1]), "JSON object"),
            (json!({"id":"https://b.example/1"}), "no type"),
            (
                json!({"id":"https://b.example/1","type":"Follow","actor":"https://b.example/u"}),
                "invalid Follow",
            ),
            (
                json!({"id":"nope","type":"Like","actor":"https://b.example/u","object":"https://a.example/1"}),
                "invalid Like",
            ),
        ] {
            let e = Incoming::decode(&bad).unwrap_err();
            assert!(e.0.contains(why), "{e} for {bad}");
        }
    }

    #[test]
    fn outgoing_activities_are_exact() {
        let a = Activity::new(
            ActivityType::Follow,
            Url::parse("https://a.example/actors/city#follows/x").unwrap(),
            Url::parse("https://a.example/actors/city").unwrap(),
            IdRef(Url::parse("https://b.example/users/y").unwrap()),
        )
        .with_context(json!(crate::context::ACTIVITY_STREAMS));
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            json!({"@context":"https://www.w3.org/ns/activitystreams",
                   "id":"https://a.example/actors/city#follows/x","type":"Follow",
                   "actor":"https://a.example/actors/city","object":"https://b.example/users/y"})
        );
    }
}
