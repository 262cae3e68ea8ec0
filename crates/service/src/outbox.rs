//! What the node's actors send: activities recorded with their deliveries in
//! one transaction, under ids that are never minted twice.

use crate::{Node, Result, ServiceError};
use civicpub_domain::{authority, LocalActor};
use civicpub_protocol::activity::{Activity, ActivityType};
use civicpub_store::{Audience, FollowChange, NewActivity};
use serde::Serialize;
use url::Url;

/// A fresh id for an activity of `kind` by `actor`: `{actor}#{kind}s/{random}`.
/// 128 random bits, so that no two ever meet, whatever the clock says.
pub(crate) fn mint_id(actor: &Url, kind: ActivityType) -> Url {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system has randomness");
    let random: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut id = actor.clone();
    id.set_fragment(Some(&format!(
        "{}s/{random}",
        kind.as_str().to_ascii_lowercase()
    )));
    id
}

impl Node {
    /// Records `activity` of `local`, to be delivered to `audience`, applying
    /// `change` to the follow tables in the same transaction; wakes the worker.
    pub(crate) async fn record<O: Serialize>(
        &self,
        local: &LocalActor,
        activity: &Activity<O>,
        object_id: &str,
        audience: &Audience,
        change: Option<&FollowChange>,
    ) -> Result<()> {
        let body = serde_json::to_string(activity).map_err(ServiceError::internal)?;
        let new = NewActivity {
            activity_id: activity.id.to_string(),
            kind: activity.kind.as_str().to_string(),
            object_id: object_id.to_string(),
            body,
        };
        self.store
            .record_activity(local.id, &new, audience, change)
            .await?;
        self.changed().await;
        Ok(())
    }

    /// Records `activity` of `local` for one remote inbox.
    pub(crate) async fn send_to<O: Serialize>(
        &self,
        local: &LocalActor,
        inbox: &str,
        activity: &Activity<O>,
        object_id: &str,
        change: Option<&FollowChange>,
    ) -> Result<()> {
        let url = Url::parse(inbox)
            .map_err(|_| ServiceError::BadRequest(format!("the inbox '{inbox}' is not a URL")))?;
        let audience = Audience::Inbox {
            inbox: inbox.to_string(),
            host: authority(&url),
        };
        self.record(local, activity, object_id, &audience, change)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_ids_are_distinct_even_in_one_instant() {
        let actor = Url::parse("https://city.example/actors/city").unwrap();
        let ids: std::collections::HashSet<Url> = (0..10_000)
            .map(|_| mint_id(&actor, ActivityType::Accept))
            .collect();
        assert_eq!(ids.len(), 10_000);
        let one = ids.iter().next().unwrap().as_str();
        assert!(
            one.starts_with("https://city.example/actors/city#accepts/"),
            "{one}"
        );
    }
}
