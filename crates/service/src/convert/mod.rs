//! Between the domain and the wire: each domain value becomes its ActivityPub
//! document here, and each remote document its domain value, in one place per type.

pub mod actor;
pub mod consultation;
pub mod ingest;
pub mod item;
pub mod markdown;
pub mod reply;

pub use markdown::{item_body_html, markdown_to_html};
