use serde_json::{json, Value};

pub const ACTIVITY_STREAMS: &str = "https://www.w3.org/ns/activitystreams";
pub const SECURITY_V1: &str = "https://w3id.org/security/v1";

/// The `@context` of actor documents: ActivityStreams, the security vocabulary for
/// `publicKey`, and the extension terms Mastodon reads on actors.
pub fn actor_context() -> Value {
    json!([
        ACTIVITY_STREAMS,
        SECURITY_V1,
        {
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "toot": "http://joinmastodon.org/ns#",
            "featured": { "@id": "toot:featured", "@type": "@id" },
            "discoverable": "toot:discoverable",
            "indexable": "toot:indexable",
            "attributionDomains": { "@id": "toot:attributionDomains", "@type": "@id" },
            "schema": "http://schema.org#",
            "PropertyValue": "schema:PropertyValue",
            "value": "schema:value"
        }
    ])
}

/// The plain ActivityStreams context, for collections and activities.
pub fn activity_streams() -> Value {
    Value::String(ACTIVITY_STREAMS.to_string())
}
