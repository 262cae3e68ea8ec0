//! JSON-LD contexts of the documents the node serves.

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
            "alsoKnownAs": { "@id": "as:alsoKnownAs", "@type": "@id" },
            "movedTo": { "@id": "as:movedTo", "@type": "@id" },
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

/// The `@context` of content objects and the activities carrying them: the
/// terms for hashtags, places, time zones, event status, document files and
/// poll totals.
pub fn object_context() -> Value {
    json!([
        ACTIVITY_STREAMS,
        {
            "Hashtag": "as:Hashtag",
            "sensitive": "as:sensitive",
            "toot": "http://joinmastodon.org/ns#",
            "votersCount": "toot:votersCount",
            "schema": "http://schema.org#",
            "PostalAddress": "schema:PostalAddress",
            "streetAddress": "schema:streetAddress",
            "timezone": { "@id": "https://joinmobilizon.org/ns#timezone", "@type": "schema:Text" },
            "ical": "http://www.w3.org/2002/12/cal/ical#",
            "digestMultibase": "https://w3id.org/security#digestMultibase",
            "size": "https://schema.org/contentSize",
            "version": "https://schema.org/version",
            "license": { "@id": "https://schema.org/license", "@type": "@id" }
        }
    ])
}

/// The plain ActivityStreams context, for collections and activities.
pub fn activity_streams() -> Value {
    Value::String(ACTIVITY_STREAMS.to_string())
}
