//! The ActivityPub side of a civicpub node: its key pairs and the documents it
//! serves about itself (actors, WebFinger descriptors, NodeInfo, collections).
//!
//! Built beside `activitypub_federation`: documents here are plain functions from
//! domain types to wire types, so that the web layer can cache and serve them
//! without a database round trip.

pub mod documents;
pub mod http;
pub mod ingest;
pub mod keys;
pub mod objects;
pub mod signatures;

pub use documents::{actor_document, instance_actor_document, nodeinfo, webfinger_for};
pub use keys::{generate_key_pair, KeyError, KeyPair};
