use crate::{Media, Timestamp};
use std::fmt;
use url::Url;

/// A local username, as it appears in `acct:username@domain` and in actor URLs.
///
/// Follows Mastodon's rule `[a-z0-9_]+([.-]+[a-z0-9_]+)*`, at most 30 characters,
/// so that every fediverse server can address it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UsernameError {
    #[error("a username needs 1 to 30 characters")]
    Length,
    #[error("a username may only use a-z, 0-9 and _, with . or - between them")]
    Characters,
    #[error("'{0}' is reserved by the node")]
    Reserved(String),
}

impl Username {
    /// The instance actor's username: it signs the node's own requests.
    pub const INSTANCE: &'static str = "instance.actor";

    /// Validates a username that staff chose for a new actor.
    pub fn parse(s: &str) -> Result<Self, UsernameError> {
        let u = Self::parse_any(s)?;
        if u.0 == Self::INSTANCE {
            return Err(UsernameError::Reserved(u.0));
        }
        Ok(u)
    }

    /// Validates a username's form, without refusing reserved names.
    pub fn parse_any(s: &str) -> Result<Self, UsernameError> {
        if s.is_empty() || s.len() > 30 {
            return Err(UsernameError::Length);
        }
        if !is_valid_username(s) {
            return Err(UsernameError::Characters);
        }
        Ok(Username(s.to_string()))
    }

    pub fn instance() -> Self {
        Username(Self::INSTANCE.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_valid_username(s: &str) -> bool {
    let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    let sep = |c: char| c == '.' || c == '-';
    let (first, last) = (s.chars().next(), s.chars().last());
    if !first.is_some_and(word) || !last.is_some_and(word) {
        return false;
    }
    s.chars().all(|c| word(c) || sep(c))
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of ActivityPub actor a local actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A city or one of its channels (news, events): Mastodon lists `Organization`s
    /// in discovery, unlike `Service`/`Application`.
    Organization,
    /// The instance actor, which signs the node's own fetches.
    Application,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Organization => "Organization",
            ActorKind::Application => "Application",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Organization" => Some(ActorKind::Organization),
            "Application" => Some(ActorKind::Application),
            _ => None,
        }
    }
}

/// An actor hosted on this node, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalActor {
    pub id: i64,
    pub username: Username,
    pub kind: ActorKind,
    pub display_name: String,
    /// Plain text; paragraphs are separated by blank lines.
    pub summary: String,
    pub website: Option<Url>,
    /// An e-mail address or a URL where citizens reach the city.
    pub contact: Option<String>,
    pub icon: Option<Media>,
    pub icon_alt: Option<String>,
    /// The banner across the top of the profile, and its text alternative.
    pub header: Option<Media>,
    pub header_alt: Option<String>,
    /// Profile fields beyond the website and contact, in order.
    pub fields: Vec<ProfileField>,
    pub public_key_pem: String,
    pub private_key_pem: String,
    pub manually_approves_followers: bool,
    pub discoverable: bool,
    pub indexable: bool,
    /// Other accounts this actor says it also is (`alsoKnownAs`): an account
    /// moving here must be named, so that its followers may follow.
    pub also_known_as: Vec<Url>,
    /// The account this actor moved to (`movedTo`), once it sent `Move`.
    pub moved_to: Option<Url>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl LocalActor {
    pub fn is_instance_actor(&self) -> bool {
        self.kind == ActorKind::Application
    }
}

/// What it takes to create a local actor; the key pair is made by the caller.
#[derive(Debug, Clone)]
pub struct NewActor {
    pub username: Username,
    pub kind: ActorKind,
    pub display_name: String,
    pub summary: String,
    pub website: Option<Url>,
    pub contact: Option<String>,
    pub public_key_pem: String,
    pub private_key_pem: String,
}

/// A name and value pair on a profile (ActivityPub's `PropertyValue`), in
/// plain text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProfileField {
    pub name: String,
    pub value: String,
}

/// A change to an actor's public profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub summary: Option<String>,
    pub website: Option<Option<Url>>,
    pub contact: Option<Option<String>>,
    pub icon: Option<(Media, String)>,
    pub header: Option<(Media, String)>,
    pub fields: Option<Vec<ProfileField>>,
    pub manually_approves_followers: Option<bool>,
    pub discoverable: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mastodon_usernames() {
        for ok in [
            "city",
            "news_2",
            "a",
            "amsterdam.events",
            "city-hall",
            "x_y.z-w",
        ] {
            assert!(Username::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_mastodon_cannot_address() {
        assert_eq!(Username::parse(""), Err(UsernameError::Length));
        assert_eq!(Username::parse(&"a".repeat(31)), Err(UsernameError::Length));
        for bad in [
            "City", ".city", "city.", "ci ty", "ci@ty", "ciTy", "été", "-x",
        ] {
            assert_eq!(
                Username::parse(bad),
                Err(UsernameError::Characters),
                "{bad}"
            );
        }
        assert!(matches!(
            Username::parse(Username::INSTANCE),
            Err(UsernameError::Reserved(_))
        ));
        assert!(Username::parse_any(Username::INSTANCE).is_ok());
    }
}
