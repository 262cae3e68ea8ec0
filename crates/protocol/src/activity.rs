use crate::values::OneOrMany;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// The envelope every activity shares. `object` stays raw JSON here: which shape it
/// has depends on the activity's type, and is read by the code that handles it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: OneOrMany<ActorRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<OneOrMany<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc: Option<OneOrMany<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// The actor of an activity: its id, or (rarely) the actor inlined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ActorRef {
    Id(Url),
    Object { id: Url },
}

impl ActorRef {
    pub fn id(&self) -> &Url {
        match self {
            ActorRef::Id(u) | ActorRef::Object { id: u } => u,
        }
    }
}

impl Activity {
    /// The activity's actor (the first, when a server lists several).
    pub fn actor_id(&self) -> Option<&Url> {
        self.actor.first().map(ActorRef::id)
    }

    /// The id of the activity's object, whether given as a URL or inlined.
    pub fn object_id(&self) -> Option<Url> {
        match self.object.as_ref()? {
            Value::String(s) => Url::parse(s).ok(),
            Value::Object(o) => o.get("id")?.as_str().and_then(|s| Url::parse(s).ok()),
            _ => None,
        }
    }
}
