//! How a civicpub node talks to other servers: its RSA key pairs, HTTP
//! signatures (draft-cavage and RFC 9421 verified, cavage made with aws-lc-rs),
//! and the outgoing HTTP client that never reaches private addresses.
//!
//! Built beside `activitypub_federation` (its validating DNS resolver checks
//! every address a name resolves to).

pub mod http;
pub mod keys;
pub mod signatures;

pub use keys::{generate_key_pair, KeyError, KeyPair};
