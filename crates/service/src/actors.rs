//! The node's own actors: the city and its channels, their keys and profiles.

use crate::media::{MediaInput, MediaUse};
use crate::outbox::mint_id;
use crate::{Node, Problems, Result, ServiceError};
use civicpub_domain::{ActorKind, LocalActor, NewActor, ProfileField, ProfileUpdate, Username};
use civicpub_protocol::activity::{Activity, ActivityType};
use civicpub_store::{Audience, Store};
use url::Url;

/// Most profile fields beside the website and contact: Mastodon shows four
/// in all by default.
pub const MAX_FIELDS: usize = 4;

/// A change to an actor's profile as staff give it; `None` leaves a field as
/// it is, an empty `website` or `contact` removes it.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub website: Option<String>,
    pub contact: Option<String>,
    /// A new avatar and its text alternative.
    pub icon: Option<(MediaInput, String)>,
    /// A new header image (the profile's banner) and its text alternative.
    pub header: Option<(MediaInput, String)>,
    /// The profile fields beyond website and contact, as name and value
    /// pairs (all of them: `Some(vec![])` removes them); empty pairs are
    /// left out.
    pub fields: Option<Vec<(String, String)>>,
    pub manually_approves_followers: Option<bool>,
    pub discoverable: Option<bool>,
}

impl Node {
    /// A local actor that publishes (not the instance actor), by username.
    pub async fn publishing_actor(&self, username: &str) -> Result<LocalActor> {
        self.store
            .actor_by_username(username)
            .await?
            .filter(|a| !a.is_instance_actor())
            .ok_or_else(|| ServiceError::NotFound(format!("no actor '{username}' on this node")))
    }

    /// A publishing actor by username, or the city actor made at setup when
    /// no username is given: what commands act on by default.
    pub async fn actor_or_city(&self, username: Option<&str>) -> Result<LocalActor> {
        match username {
            Some(u) => self.publishing_actor(u).await,
            None => {
                let city = crate::setup::city_actor(&self.store)
                    .await?
                    .ok_or_else(|| ServiceError::Config("the node has no city actor".into()))?;
                self.publishing_actor(&city).await
            }
        }
    }

    /// The actors that publish, in creation order.
    pub async fn publishing_actors(&self) -> Result<Vec<LocalActor>> {
        Ok(self.store.publishing_actors().await?)
    }

    /// Adds an actor (a channel such as `news` or `events`) with a fresh key pair.
    pub async fn create_actor(&self, username: &str, profile: ProfileInput) -> Result<LocalActor> {
        let mut problems = Problems::default();
        let username = match Username::parse(username) {
            Ok(u) => Some(u),
            Err(e) => {
                problems.add("username", format!("'{username}': {e}"));
                None
            }
        };
        if let Some(u) = &username {
            if self.store.actor_by_username(u.as_str()).await?.is_some() {
                problems.add("username", format!("the actor '{u}' already exists"));
            }
        }
        let update = self.profile_update(&profile, problems).await?;
        let username = username.expect("checked above");
        let name = profile.name.clone().unwrap_or_else(|| username.to_string());
        let actor = create_actor(&self.store, username, ActorKind::Organization, name).await?;
        let actor = self
            .store
            .update_profile(actor.username.as_str(), &update)
            .await?;
        self.changed().await;
        Ok(actor)
    }

    /// Changes an actor's public profile.
    pub async fn update_profile(
        &self,
        username: &str,
        profile: ProfileInput,
    ) -> Result<LocalActor> {
        let actor = self.publishing_actor(username).await?;
        let update = self.profile_update(&profile, Problems::default()).await?;
        let actor = self
            .store
            .update_profile(actor.username.as_str(), &update)
            .await?;
        self.send_actor_update(&actor).await?;
        Ok(actor)
    }

    /// Tells the actor's followers its new profile: an `Update` of the actor
    /// document, as Mastodon sends, to the followers (and public).
    async fn send_actor_update(&self, actor: &LocalActor) -> Result<()> {
        let me = self.actor_url(actor);
        let mut document = crate::convert::actor::actor_document(&self.base, actor);
        let context = document
            .context
            .take()
            .unwrap_or_else(civicpub_protocol::context::actor_context);
        let activity = Activity::new(
            ActivityType::Update,
            mint_id(&me, ActivityType::Update),
            me.clone(),
            document,
        )
        .addressed(
            vec![civicpub_protocol::PUBLIC.to_string()],
            vec![crate::convert::actor::ActorUrls::new(&self.base, actor)
                .followers
                .to_string()],
        )
        .with_context(context);
        self.record(actor, &activity, me.as_str(), &Audience::Followers, None)
            .await
    }

    /// Checks every field of a profile change, adding to `problems`; stores the
    /// icon only once everything is valid.
    async fn profile_update(
        &self,
        p: &ProfileInput,
        mut problems: Problems,
    ) -> Result<ProfileUpdate> {
        if let Some(name) = &p.name {
            if name.trim().is_empty() || name.chars().count() > 200 {
                problems.add("name", "a display name of 1 to 200 characters is required");
            }
        }
        if p.summary.as_ref().is_some_and(|s| s.len() > 5000) {
            problems.add("summary", "at most 5000 bytes");
        }
        let website = match p.website.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(w) => {
                let url = Url::parse(w)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
                if url.is_none() {
                    problems.add("website", format!("'{w}' is not an http(s) URL"));
                }
                Some(url)
            }
        };
        let contact = match p.contact.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(c) if c.chars().count() > 500 => {
                problems.add("contact", "at most 500 characters");
                None
            }
            Some(c) => Some(Some(c.to_string())),
        };
        let icon = match &p.icon {
            Some((media, alt)) => {
                if alt.trim().is_empty() {
                    problems.add(
                        "icon_alt",
                        "describe the image for people who cannot see it",
                    );
                }
                self.check_media(media, MediaUse::Icon, "icon", &mut problems)
                    .await?
                    .map(|c| (c, alt.trim().to_string()))
            }
            None => None,
        };
        let header = match &p.header {
            Some((media, alt)) => {
                if alt.trim().is_empty() {
                    problems.add(
                        "header_alt",
                        "describe the image for people who cannot see it",
                    );
                }
                // A header is held to an avatar's limits: 2 MB, a picture.
                self.check_media(media, MediaUse::Icon, "header", &mut problems)
                    .await?
                    .map(|c| (c, alt.trim().to_string()))
            }
            None => None,
        };
        let fields = p.fields.as_ref().map(|pairs| {
            // Numbered as given (from 1), so that a problem names its row.
            let given: Vec<(usize, ProfileField)> = pairs
                .iter()
                .enumerate()
                .map(|(i, (n, v))| {
                    let field = ProfileField {
                        name: n.trim().to_string(),
                        value: v.trim().to_string(),
                    };
                    (i + 1, field)
                })
                .filter(|(_, f)| !(f.name.is_empty() && f.value.is_empty()))
                .collect();
            if given.len() > MAX_FIELDS {
                problems.add(
                    "fields",
                    format!("at most {MAX_FIELDS} fields beside the website and contact"),
                );
            }
            for (at, f) in &given {
                if f.name.is_empty() || f.name.chars().count() > 255 {
                    problems.add(
                        format!("fields.{at}.name"),
                        "a field needs a name of 1 to 255 characters",
                    );
                }
                if f.value.is_empty() || f.value.chars().count() > 2048 {
                    problems.add(
                        format!("fields.{at}.value"),
                        "a field needs a value of 1 to 2048 characters",
                    );
                }
            }
            given.into_iter().map(|(_, f)| f).collect::<Vec<_>>()
        });
        problems.or(())?;
        let icon = match icon {
            Some((checked, alt)) => Some((self.store_media(checked).await?, alt)),
            None => None,
        };
        let header = match header {
            Some((checked, alt)) => Some((self.store_media(checked).await?, alt)),
            None => None,
        };
        Ok(ProfileUpdate {
            display_name: p.name.clone(),
            summary: p.summary.clone(),
            website,
            contact,
            icon,
            header,
            fields,
            manually_approves_followers: p.manually_approves_followers,
            discoverable: p.discoverable,
        })
    }
}

/// Creates a local actor with a fresh RSA-2048 key pair (made by aws-lc-rs, off
/// the async threads).
pub(crate) async fn create_actor(
    store: &Store,
    username: Username,
    kind: ActorKind,
    display_name: String,
) -> Result<LocalActor> {
    let keys = tokio::task::spawn_blocking(civicpub_transport::generate_key_pair)
        .await
        .map_err(ServiceError::internal)?
        .map_err(ServiceError::internal)?;
    Ok(store
        .insert_actor(&NewActor {
            username,
            kind,
            display_name,
            summary: String::new(),
            website: None,
            contact: None,
            public_key_pem: keys.public_key_pem,
            private_key_pem: keys.private_key_pem,
        })
        .await?)
}
