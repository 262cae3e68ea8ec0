//! Likes and boosts of the node's objects, counted (one of each per account)
//! and taken back by `Undo`; and reports (`Flag`) from other servers, kept for
//! staff.

use crate::comments::LocalObject;
use crate::inbox::Received;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{plain_text, ReactionKind, Reactions, Report, ReportState};
use civicpub_protocol::activity::Activity;
use civicpub_protocol::values::{IdRef, OneOrMany};
use civicpub_store::{NewReport, RemoteActor};
use url::Url;

/// A report's comment is kept up to this many characters.
const MAX_REPORT_COMMENT: usize = 5_000;
/// And this many flagged ids.
const MAX_REPORT_OBJECTS: usize = 100;

impl Node {
    /// A like or a boost of `object` by `sender`; `None` when `object` is not
    /// one of the node's objects.
    pub(crate) async fn on_reaction(
        &self,
        sender: &RemoteActor,
        activity_id: &Url,
        object: &Url,
        kind: ReactionKind,
    ) -> Result<Option<Received>> {
        let Some(local) = self.local_object(object).await? else {
            return Ok(None);
        };
        let uri = self.base.url(&local.path());
        if self
            .store
            .add_reaction(
                uri.as_str(),
                kind,
                &sender.uri,
                &sender.host,
                activity_id.as_str(),
            )
            .await?
        {
            self.changed().await;
        }
        Ok(Some(Received::Stored))
    }

    /// A like or a boost taken back; `None` when `object` is not one of the
    /// node's objects.
    pub(crate) async fn on_reaction_undone(
        &self,
        sender: &RemoteActor,
        object: &Url,
        kind: ReactionKind,
    ) -> Result<Option<Received>> {
        let Some(local) = self.local_object(object).await? else {
            return Ok(None);
        };
        let uri = self.base.url(&local.path());
        if self
            .store
            .remove_reaction(uri.as_str(), kind, &sender.uri)
            .await?
        {
            self.changed().await;
        }
        Ok(Some(Received::Stored))
    }

    /// Likes, boosts and approved replies of one of the node's objects.
    pub async fn reactions(&self, object: &LocalObject) -> Result<Reactions> {
        Ok(self
            .store
            .reactions(self.base.url(&object.path()).as_str())
            .await?)
    }

    /// A report from another server: kept for staff with its comment and the
    /// ids it flags.
    pub(crate) async fn on_flag(
        &self,
        sender: &RemoteActor,
        flag: &Activity<OneOrMany<IdRef>>,
    ) -> Result<Received> {
        let objects: Vec<String> = flag
            .object
            .iter()
            .take(MAX_REPORT_OBJECTS)
            .map(|o| o.url().to_string())
            .collect();
        if !objects.iter().any(|o| {
            Url::parse(o)
                .map(|u| self.base.is_local(&u))
                .unwrap_or(false)
        }) {
            return Ok(Received::Ignored(
                "the report names nothing of this node".into(),
            ));
        }
        let comment: String = plain_text(flag.content.as_deref().unwrap_or(""))
            .trim()
            .chars()
            .take(MAX_REPORT_COMMENT)
            .collect();
        self.store
            .insert_report(&NewReport {
                activity_id: flag.id.to_string(),
                actor_uri: sender.uri.clone(),
                actor_host: sender.host.clone(),
                comment,
                objects,
            })
            .await?;
        tracing::info!(from = %sender.uri, "a report arrived");
        Ok(Received::Stored)
    }

    /// Reports not yet dealt with (or dealt with, `resolved`), oldest first.
    pub async fn reports(&self, resolved: bool, limit: u32) -> Result<Vec<Report>> {
        let state = if resolved {
            ReportState::Resolved
        } else {
            ReportState::Open
        };
        Ok(self.store.reports(state, limit).await?)
    }

    /// Marks a report as dealt with.
    pub async fn resolve_report(&self, id: i64) -> Result<()> {
        if self.store.resolve_report(id).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound(format!("no report {id}")))
        }
    }
}
