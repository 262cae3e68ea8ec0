//! Wire types: ActivityPub actors, objects, activities and collections, WebFinger
//! and NodeInfo documents, as serde structs with no behaviour.
//!
//! Parsing is lenient where real servers differ (a value or a list, a URL or a
//! `Link`, `null` for absent); what a field must hold is checked where the
//! document is used, so that one odd field does not reject a whole document.
//! Writing is exact: only the fields that are set.

pub mod activity;
pub mod actor;
pub mod collection;
pub mod context;
pub mod fixtures;
pub mod nodeinfo;
pub mod object;
pub mod values;
pub mod webfinger;

/// `application/activity+json`, the content type of every ActivityPub document served.
pub const ACTIVITY_JSON: &str = "application/activity+json";
/// The JSON-LD form Mastodon and others also ask for.
pub const LD_JSON_AS: &str =
    "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
/// The public collection: addressing an object to it makes it public.
pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
