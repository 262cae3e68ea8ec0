//! The domain of a civicpub node: local actors, the node's identity (its base URL),
//! media, and the rules they obey. No I/O lives here; the store, federation and web
//! crates build on these types.

mod actor;
mod comment;
mod consultation;
mod content;
mod media;
mod network;
mod node;
mod policy;
mod text;
mod time;

pub use actor::{
    ActorKind, LocalActor, NewActor, ProfileField, ProfileUpdate, Username, UsernameError,
};
pub use comment::{
    Author, Comment, CommentState, Commentable, Moderation, ReactionKind, Reactions, Report,
    ReportState,
};
pub use consultation::{Consultation, ConsultationDraft, ConsultationText, Tally};
pub use content::{
    is_language_tag, DocumentDetails, DocumentFile, Draft, EventDetails, EventStatus, FieldError,
    Item, ItemDetails, ItemKind, Place, Revision, Text,
};
pub use media::{Media, MediaError, MediaKind};
pub use network::{NetworkAttachment, NetworkItem, NetworkKind, NetworkText};
pub use node::{authority, NodeBase, NodeBaseError};
pub use policy::{parse_domain, DomainRule, FederationMode, FederationPolicy};
pub use text::{escape_html, plain_text, plain_text_to_html};
pub use time::Timestamp;

/// Version of the software, as reported by NodeInfo and in the `User-Agent`.
pub const SOFTWARE_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Name of the software, as reported by NodeInfo.
pub const SOFTWARE_NAME: &str = "civicpub";
