use civicpub_domain::{Draft, FieldError, Item, LocalActor, NodeBase};
use civicpub_federation::objects::{activity, item_object, tombstone};
use civicpub_store::{NewActivity, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("invalid input: {}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for PublishError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => PublishError::NotFound(format!("{what} was not found")),
            StoreError::Conflict(what) => PublishError::Conflict(what),
            other => PublishError::Store(other),
        }
    }
}

/// Publishes, updates and deletes an actor's items, recording for each change the
/// activity (`Create`, `Update`, `Delete`) that announces it.
pub struct Publisher<'a> {
    pub store: &'a Store,
    pub base: &'a NodeBase,
}

impl Publisher<'_> {
    pub async fn publish(&self, actor: &LocalActor, draft: Draft) -> Result<Item, PublishError> {
        check(&draft)?;
        let (item, _) = self
            .store
            .insert_item(actor.id, &draft, |item| {
                self.announce(actor, item, "Create")
            })
            .await?;
        self.mirror(actor, &item).await?;
        Ok(item)
    }

    pub async fn update(
        &self,
        actor: &LocalActor,
        id: i64,
        draft: Draft,
    ) -> Result<Item, PublishError> {
        check(&draft)?;
        self.owned(actor, id).await?;
        let (item, _) = self
            .store
            .update_item(id, &draft, |item| self.announce(actor, item, "Update"))
            .await?;
        self.mirror(actor, &item).await?;
        Ok(item)
    }

    pub async fn delete(&self, actor: &LocalActor, id: i64) -> Result<Item, PublishError> {
        self.owned(actor, id).await?;
        let (item, _) = self
            .store
            .delete_item(id, |item| self.announce(actor, item, "Delete"))
            .await?;
        self.store.delete_local_network_item(item.id).await?;
        Ok(item)
    }

    /// A live item of `actor`'s; another actor's item is as good as missing.
    pub async fn owned(&self, actor: &LocalActor, id: i64) -> Result<Item, PublishError> {
        match self.store.item(id).await? {
            Some(item) if item.actor_id == actor.id && item.deleted_at.is_none() => Ok(item),
            _ => Err(PublishError::NotFound(format!("item {id} was not found"))),
        }
    }

    /// Puts the city's own item in the network views beside the gathered ones,
    /// read from its ActivityPub form exactly as a follower reads it.
    pub async fn mirror(&self, actor: &LocalActor, item: &Item) -> Result<(), PublishError> {
        let Some(object) = item_object(self.base, actor, item) else {
            return Ok(());
        };
        let actor_url = self.base.actor_url(actor.username.as_str());
        match civicpub_federation::ingest::ingest_object(&object, actor_url.as_str()) {
            Ok(ingested) => {
                let mut mirrored = ingested.item;
                mirrored.local_item_id = Some(item.id);
                self.store.upsert_network_item(&mirrored, &[]).await?;
            }
            Err(e) => tracing::warn!(item = item.id, error = %e, "not shown in the network views"),
        }
        Ok(())
    }

    fn announce(&self, actor: &LocalActor, item: &Item, kind: &str) -> NewActivity {
        let object_id = self.base.url(&item.path()).to_string();
        let (id, object) = match kind {
            "Create" => (
                format!("{object_id}/activity"),
                item_object(self.base, actor, item),
            ),
            "Update" => (
                format!("{object_id}#updates/{}", item.updated_at.millis()),
                item_object(self.base, actor, item),
            ),
            _ => (
                format!("{object_id}#delete"),
                Some(tombstone(self.base, item)),
            ),
        };
        let body = activity(
            self.base,
            actor,
            kind,
            id.clone(),
            object.unwrap_or_else(|| serde_json::json!(object_id)),
            item.updated_at,
        );
        NewActivity {
            activity_id: id,
            kind: kind.to_string(),
            object_id,
            body: body.to_string(),
        }
    }
}

fn check(draft: &Draft) -> Result<(), PublishError> {
    let errors = draft.validate();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(PublishError::Invalid(errors))
    }
}
