//! News, events and policy documents: the commands that publish, change, pin
//! and delete items, each writing the activity that tells followers and the
//! item's copy in the network views with it. What staff submit is read in
//! [`input`].

use crate::convert::item::{item_object, public_activity, tombstone};
use crate::{Node, Result, ServiceError};
use civicpub_domain::{Item, ItemKind, LocalActor};
use civicpub_protocol::activity::ActivityType;
use civicpub_store::{ItemChange, NewActivity};
use url::Url;

mod drafts;
mod input;

pub use input::{ItemInput, MediaRef, PlaceInput, TextInput, MAX_ACTIVITY_BYTES};

impl Node {
    /// Publishes a new item of `actor`.
    pub async fn publish(
        &self,
        actor: &LocalActor,
        kind: ItemKind,
        input: ItemInput,
    ) -> Result<Item> {
        let draft = self.draft(actor, kind, input).await?;
        let item = self
            .store
            .insert_item(actor.id, &draft, |item| {
                self.change(actor, item, ActivityType::Create)
            })
            .await?;
        self.changed().await;
        Ok(item)
    }

    /// Replaces a live item's content (a document whose version label changes
    /// gets a new revision).
    pub async fn update_item(
        &self,
        actor: &LocalActor,
        kind: ItemKind,
        id: i64,
        input: ItemInput,
    ) -> Result<Item> {
        self.owned_item(actor, kind, id).await?;
        let draft = self.draft(actor, kind, input).await?;
        let item = self
            .store
            .update_item(id, &draft, |item| {
                self.change(actor, item, ActivityType::Update)
            })
            .await?;
        self.changed().await;
        Ok(item)
    }

    /// Deletes an item for good: its id answers 410 from then on.
    pub async fn delete_item(&self, actor: &LocalActor, kind: ItemKind, id: i64) -> Result<Item> {
        self.owned_item(actor, kind, id).await?;
        let item = self
            .store
            .delete_item(id, |item| self.change(actor, item, ActivityType::Delete))
            .await?;
        self.changed().await;
        Ok(item)
    }

    /// Pins an item to its actor's profile (the `featured` collection), or unpins it.
    pub async fn pin(
        &self,
        actor: &LocalActor,
        kind: ItemKind,
        id: i64,
        pinned: bool,
    ) -> Result<Item> {
        self.owned_item(actor, kind, id).await?;
        self.store.set_pinned(id, pinned).await?;
        self.changed().await;
        self.owned_item(actor, kind, id).await
    }

    /// A live item of `kind` of `actor`'s; another actor's item is as good as missing.
    pub async fn owned_item(&self, actor: &LocalActor, kind: ItemKind, id: i64) -> Result<Item> {
        match self.store.item(id).await? {
            Some(item)
                if item.kind == kind && item.actor_id == actor.id && item.deleted_at.is_none() =>
            {
                Ok(item)
            }
            _ => Err(ServiceError::NotFound(format!(
                "no {} {id} on this node",
                kind.as_str()
            ))),
        }
    }

    /// An item of `kind` (live or deleted) and the actor that published it.
    pub async fn item_with_actor(&self, kind: ItemKind, id: i64) -> Result<(Item, LocalActor)> {
        let not_found =
            || ServiceError::NotFound(format!("no {} {id} on this node", kind.as_str()));
        let item = self
            .store
            .item(id)
            .await?
            .filter(|i| i.kind == kind)
            .ok_or_else(not_found)?;
        let actor = self
            .store
            .actor_by_id(item.actor_id)
            .await?
            .ok_or_else(|| ServiceError::internal(format!("item {id} has no actor")))?;
        Ok((item, actor))
    }

    /// The city's own item as the network views show it beside the gathered
    /// ones: read from its ActivityPub form exactly as a follower reads it.
    fn mirror(&self, actor: &LocalActor, item: &Item) -> Option<civicpub_domain::NetworkItem> {
        let object = item_object(&self.base, actor, item, self.locale())?;
        let actor_url = self.actor_url(actor);
        match crate::convert::ingest::ingest_object(&object, actor_url.as_str()) {
            Ok(ingested) => {
                let mut mirrored = ingested.item;
                mirrored.local_item_id = Some(item.id);
                Some(mirrored)
            }
            Err(e) => {
                tracing::warn!(item = item.id, error = %e, "not shown in the network views");
                None
            }
        }
    }

    /// Puts live local items that the network views lack into them: items
    /// published before the views existed (an upgrade).
    pub async fn mirror_missing(&self) -> Result<usize> {
        let missing = self.store.unmirrored_items().await?;
        for id in &missing {
            let Some(item) = self.store.item(*id).await? else {
                continue;
            };
            let Some(actor) = self.store.actor_by_id(item.actor_id).await? else {
                continue;
            };
            if let Some(mirrored) = self.mirror(&actor, &item) {
                self.store.upsert_network_item(&mirrored, &[]).await?;
            }
        }
        Ok(missing.len())
    }

    /// What a change to `item` writes beside it: the activity that tells
    /// followers (its id says which change: `/activity` for the Create,
    /// `#updates/{ms}` for each Update, `#delete`, so that none is minted
    /// twice), and the item's copy in the network views.
    fn change(&self, actor: &LocalActor, item: &Item, kind: ActivityType) -> ItemChange {
        ItemChange {
            activity: self.activity(actor, item, kind),
            mirror: self.mirror(actor, item),
        }
    }

    /// The activity that tells followers of a change to `item`.
    fn activity(&self, actor: &LocalActor, item: &Item, kind: ActivityType) -> NewActivity {
        let object_id = self.base.url(&item.path());
        let id = match kind {
            ActivityType::Create => format!("{object_id}/activity"),
            ActivityType::Delete => format!("{object_id}#delete"),
            _ => format!("{object_id}#updates/{}", item.updated_at.millis()),
        };
        let id = Url::parse(&id).expect("an item's URL takes a path or a fragment");
        let body = match item_object(&self.base, actor, item, self.locale()) {
            Some(object) => serde_json::to_string(&public_activity(
                &self.base,
                actor,
                kind,
                id.clone(),
                object,
                item.updated_at,
            )),
            None => serde_json::to_string(&public_activity(
                &self.base,
                actor,
                kind,
                id.clone(),
                tombstone(&self.base, item),
                item.updated_at,
            )),
        }
        .expect("activities serialise");
        NewActivity {
            activity_id: id.to_string(),
            kind: kind.as_str().to_string(),
            object_id: object_id.to_string(),
            body,
        }
    }
}
