use crate::{Store, StoreError};
use civicpub_domain::{ActorKind, LocalActor, Media, NewActor, ProfileUpdate, Timestamp, Username};
use sqlx::{any::AnyRow, Row};
use url::Url;

const ACTOR_COLUMNS: &str = "a.id, a.username, a.kind, a.display_name, a.summary, a.website, \
     a.contact, a.icon_sha256, a.icon_alt, a.public_key_pem, a.private_key_pem, \
     a.manually_approves_followers, a.discoverable, a.indexable, a.also_known_as, a.moved_to, \
     a.created_at, a.updated_at, \
     m.media_type AS icon_media_type, m.size AS icon_size, \
     a.header_sha256, a.header_alt, a.profile_fields, \
     h.media_type AS header_media_type, h.size AS header_size";

fn select_actors(filter: &str) -> String {
    format!(
        "SELECT {ACTOR_COLUMNS} FROM actors a LEFT JOIN media m ON m.sha256 = a.icon_sha256 \
         LEFT JOIN media h ON h.sha256 = a.header_sha256 {filter}"
    )
}

impl Store {
    /// Adds a local actor; a taken username is a [`StoreError::Conflict`].
    pub async fn insert_actor(&self, new: &NewActor) -> Result<LocalActor, StoreError> {
        let now = Timestamp::now().millis();
        let (discoverable, indexable) = match new.kind {
            ActorKind::Organization => (true, true),
            ActorKind::Application => (false, false),
        };
        let id: i64 = sqlx::query(
            "INSERT INTO actors (username, kind, display_name, summary, website, contact, \
             public_key_pem, private_key_pem, manually_approves_followers, discoverable, indexable, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(new.username.as_str())
        .bind(new.kind.as_str())
        .bind(&new.display_name)
        .bind(&new.summary)
        .bind(new.website.as_ref().map(Url::as_str))
        .bind(new.contact.as_deref())
        .bind(&new.public_key_pem)
        .bind(&new.private_key_pem)
        .bind(new.kind == ActorKind::Application)
        .bind(discoverable)
        .bind(indexable)
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(StoreError::on_unique(format!("the actor '{}'", new.username)))?
        .get(0);
        self.actor_by_id(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("actor {id}")))
    }

    pub async fn actor_by_id(&self, id: i64) -> Result<Option<LocalActor>, StoreError> {
        let row = sqlx::query(&select_actors("WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(actor_from_row).transpose()
    }

    pub async fn actor_by_username(
        &self,
        username: &str,
    ) -> Result<Option<LocalActor>, StoreError> {
        let row = sqlx::query(&select_actors("WHERE a.username = $1"))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(actor_from_row).transpose()
    }

    /// The instance actor, if the node has been set up.
    pub async fn instance_actor(&self) -> Result<Option<LocalActor>, StoreError> {
        self.actor_by_username(Username::INSTANCE).await
    }

    /// Local actors that publish (not the instance actor), in creation order.
    pub async fn publishing_actors(&self) -> Result<Vec<LocalActor>, StoreError> {
        let rows = sqlx::query(&select_actors(
            "WHERE a.kind = 'Organization' ORDER BY a.id",
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(actor_from_row).collect()
    }

    pub async fn count_publishing_actors(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query("SELECT COUNT(*) FROM actors WHERE kind = 'Organization'")
            .fetch_one(&self.pool)
            .await?
            .get(0);
        Ok(n as u64)
    }

    /// Applies a profile change; the actor's `updated_at` moves on.
    pub async fn update_profile(
        &self,
        username: &str,
        update: &ProfileUpdate,
    ) -> Result<LocalActor, StoreError> {
        let mut actor = self
            .actor_by_username(username)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("the actor '{username}'")))?;
        if let Some(v) = &update.display_name {
            actor.display_name = v.clone();
        }
        if let Some(v) = &update.summary {
            actor.summary = v.clone();
        }
        if let Some(v) = &update.website {
            actor.website = v.clone();
        }
        if let Some(v) = &update.contact {
            actor.contact = v.clone();
        }
        if let Some((media, alt)) = &update.icon {
            actor.icon = Some(media.clone());
            actor.icon_alt = Some(alt.clone());
        }
        if let Some((media, alt)) = &update.header {
            actor.header = Some(media.clone());
            actor.header_alt = Some(alt.clone());
        }
        if let Some(fields) = &update.fields {
            actor.fields = fields.clone();
        }
        if let Some(v) = update.manually_approves_followers {
            actor.manually_approves_followers = v;
        }
        if let Some(v) = update.discoverable {
            actor.discoverable = v;
            actor.indexable = v;
        }
        // Never move backwards, even if clocks differ between processes.
        actor.updated_at = Timestamp::now().max(Timestamp(actor.updated_at.millis() + 1));
        sqlx::query(
            "UPDATE actors SET display_name = $1, summary = $2, website = $3, contact = $4, \
             icon_sha256 = $5, icon_alt = $6, manually_approves_followers = $7, discoverable = $8, \
             indexable = $9, updated_at = $10, header_sha256 = $12, header_alt = $13, \
             profile_fields = $14 WHERE id = $11",
        )
        .bind(&actor.display_name)
        .bind(&actor.summary)
        .bind(actor.website.as_ref().map(Url::as_str))
        .bind(actor.contact.as_deref())
        .bind(actor.icon.as_ref().map(|m| m.sha256.as_str()))
        .bind(actor.icon_alt.as_deref())
        .bind(actor.manually_approves_followers)
        .bind(actor.discoverable)
        .bind(actor.indexable)
        .bind(actor.updated_at.millis())
        .bind(actor.id)
        .bind(actor.header.as_ref().map(|m| m.sha256.as_str()))
        .bind(actor.header_alt.as_deref())
        .bind(serde_json::to_string(&actor.fields).expect("profile fields serialise"))
        .execute(&self.pool)
        .await?;
        Ok(actor)
    }
}

impl Store {
    /// Sets the accounts an actor says it also is (`alsoKnownAs`).
    pub async fn set_also_known_as(
        &self,
        actor_id: i64,
        aliases: &[Url],
    ) -> Result<(), StoreError> {
        let joined: Vec<&str> = aliases.iter().map(Url::as_str).collect();
        sqlx::query("UPDATE actors SET also_known_as = $1, updated_at = $2 WHERE id = $3")
            .bind(joined.join("\n"))
            .bind(Timestamp::now().millis())
            .bind(actor_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records that an actor moved to `target`: its `movedTo` is set together
    /// with the `Move` queued for its followers, in one transaction.
    pub async fn record_move(
        &self,
        actor_id: i64,
        target: &Url,
        activity: &crate::NewActivity,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now();
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE actors SET moved_to = $1, updated_at = $2 WHERE id = $3")
            .bind(target.as_str())
            .bind(now.millis())
            .bind(actor_id)
            .execute(&mut *tx)
            .await?;
        crate::items::insert_activity(
            &mut tx,
            actor_id,
            activity,
            now,
            &crate::Audience::Followers,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The local actors that follow `target` (or asked to): whom a `Move` of
    /// `target` concerns.
    pub async fn local_followers_of(&self, target: &str) -> Result<Vec<i64>, StoreError> {
        let rows =
            sqlx::query("SELECT actor_id FROM following WHERE target_uri = $1 ORDER BY actor_id")
                .bind(target)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}

fn actor_from_row(r: &AnyRow) -> Result<LocalActor, StoreError> {
    let username: String = r.get("username");
    let kind: String = r.get("kind");
    let corrupt = |what: &str| StoreError::Corrupt(format!("actor '{username}': {what}"));
    let icon = r
        .get::<Option<String>, _>("icon_sha256")
        .map(|sha256| Media {
            sha256,
            media_type: r.get("icon_media_type"),
            size: r.get("icon_size"),
        });
    let header = r
        .get::<Option<String>, _>("header_sha256")
        .map(|sha256| Media {
            sha256,
            media_type: r.get("header_media_type"),
            size: r.get("header_size"),
        });
    let fields = serde_json::from_str(&r.get::<String, _>("profile_fields"))
        .map_err(|_| corrupt("profile fields are not JSON"))?;
    let website = match r.get::<Option<String>, _>("website") {
        Some(w) => Some(Url::parse(&w).map_err(|_| corrupt("website is not a URL"))?),
        None => None,
    };
    Ok(LocalActor {
        id: r.get("id"),
        username: Username::parse_any(&username).map_err(|e| corrupt(&e.to_string()))?,
        kind: ActorKind::parse(&kind).ok_or_else(|| corrupt("unknown kind"))?,
        display_name: r.get("display_name"),
        summary: r.get("summary"),
        website,
        contact: r.get("contact"),
        icon,
        icon_alt: r.get("icon_alt"),
        header,
        header_alt: r.get("header_alt"),
        fields,
        public_key_pem: r.get("public_key_pem"),
        private_key_pem: r.get("private_key_pem"),
        manually_approves_followers: crate::flag(r, "manually_approves_followers")?,
        discoverable: crate::flag(r, "discoverable")?,
        indexable: crate::flag(r, "indexable")?,
        also_known_as: r
            .get::<String, _>("also_known_as")
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| Url::parse(l).map_err(|_| corrupt("alsoKnownAs is not a URL")))
            .collect::<Result<_, _>>()?,
        moved_to: match r.get::<Option<String>, _>("moved_to") {
            Some(m) => Some(Url::parse(&m).map_err(|_| corrupt("movedTo is not a URL"))?),
            None => None,
        },
        created_at: Timestamp(r.get("created_at")),
        updated_at: Timestamp(r.get("updated_at")),
    })
}
