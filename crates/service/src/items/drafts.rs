//! Drafts and publishing at a chosen time. A draft is read with the rules of
//! publishing (so one that is kept can be published, and its files are
//! stored) and kept apart from the items, so nothing public shows it. A
//! scheduled draft is published by whichever `serve` or `worker` process
//! finds it due first ([`Node::publish_due_loop`]); the store deletes it in
//! the transaction that writes the item, so it is published once.

use super::ItemInput;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{Item, ItemKind, LocalActor, Timestamp};
use civicpub_protocol::activity::ActivityType;
use civicpub_store::SavedDraft;
use std::sync::Arc;
use std::time::Duration;

impl Node {
    /// Keeps `input` as a draft of `kind` by `actor` (a new one when `id` is
    /// `None`), to be published at `publish_at` when given.
    pub async fn save_draft(
        &self,
        actor: &LocalActor,
        kind: ItemKind,
        id: Option<i64>,
        input: ItemInput,
        publish_at: Option<Timestamp>,
    ) -> Result<SavedDraft> {
        if publish_at.is_some_and(|t| t <= Timestamp::now()) {
            return Err(ServiceError::field("publish_at", "must be in the future"));
        }
        if let Some(id) = id {
            let existing = self.saved_draft(id).await?;
            if existing.kind != kind {
                return Err(ServiceError::NotFound(format!(
                    "no {} draft {id}",
                    kind.as_str()
                )));
            }
        }
        let content = self.draft(actor, kind, input).await?;
        let title = content
            .texts
            .first()
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let json = serde_json::to_string(&ItemInput::from_draft(&content))
            .map_err(ServiceError::internal)?;
        let id = self
            .store
            .save_draft(id, actor.id, kind, &title, &json, publish_at)
            .await?;
        self.saved_draft(id).await
    }

    pub async fn saved_draft(&self, id: i64) -> Result<SavedDraft> {
        self.store
            .saved_draft(id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no draft {id}")))
    }

    /// Every draft: scheduled ones first, soonest first.
    pub async fn saved_drafts(&self) -> Result<Vec<SavedDraft>> {
        Ok(self.store.saved_drafts().await?)
    }

    /// What a draft holds, to edit it.
    pub fn draft_input(&self, draft: &SavedDraft) -> Result<ItemInput> {
        serde_json::from_str(&draft.input).map_err(|e| {
            ServiceError::internal(format!("draft {} holds no item input: {e}", draft.id))
        })
    }

    pub async fn discard_draft(&self, id: i64) -> Result<()> {
        Ok(self.store.delete_draft(id).await?)
    }

    /// Publishes a draft now, as [`Node::publish`] does; `NotFound` when it
    /// is gone (published meanwhile by another process, or discarded).
    pub async fn publish_draft(&self, id: i64) -> Result<Item> {
        let saved = self.saved_draft(id).await?;
        let actor = self
            .store
            .actor_by_id(saved.actor_id)
            .await?
            .ok_or_else(|| ServiceError::internal(format!("draft {id} has no actor")))?;
        let input = self.draft_input(&saved)?;
        let content = self.draft(&actor, saved.kind, input).await?;
        let item = self
            .store
            .insert_item_from_draft(id, actor.id, &content, |item| {
                self.change(&actor, item, ActivityType::Create)
            })
            .await?;
        self.changed().await;
        Ok(item)
    }

    /// Publishes the scheduled drafts that are due; one that fails is kept,
    /// unscheduled, with the reason. Returns how many were published here.
    pub async fn publish_due_drafts(&self) -> Result<usize> {
        let mut published = 0;
        for id in self.store.due_drafts(Timestamp::now()).await? {
            match self.publish_draft(id).await {
                Ok(item) => {
                    tracing::info!(draft = id, item = item.id, "published on schedule");
                    published += 1;
                }
                // Another process published it first.
                Err(ServiceError::NotFound(_)) => {}
                Err(e @ ServiceError::Internal(_)) => {
                    tracing::error!(draft = id, error = %e.detail(), "cannot publish a scheduled draft");
                }
                Err(e) => {
                    tracing::warn!(draft = id, error = %e, "a scheduled draft could not be published");
                    self.store.draft_failed(id, &e.to_string()).await?;
                }
            }
        }
        Ok(published)
    }

    /// Publishes scheduled drafts as they fall due, checking every `every`.
    /// Runs in every `serve` and `worker` process until it ends; what was
    /// scheduled before a restart is published after it.
    pub async fn publish_due_loop(self: Arc<Self>, every: Duration) {
        loop {
            if let Err(e) = self.publish_due_drafts().await {
                tracing::warn!(error = %e.detail(), "cannot look for scheduled drafts");
            }
            tokio::time::sleep(every).await;
        }
    }
}
