//! `civicpub news|event|document …` and `civicpub pin`.

use super::{open, Failure};
use civicpub::config::Config;
use civicpub::publish::{self as publishing, ItemCommand};

pub(super) async fn item<K: publishing::KindArgs>(
    cmd: ItemCommand<K>,
    config: &Config,
) -> Result<(), Failure> {
    let node = open(config).await?;
    let url = publishing::run(cmd, config, &node).await?;
    out!("{url}");
    Ok(())
}

pub(super) async fn pin(id: i64, unpin: bool, config: &Config) -> Result<(), Failure> {
    let node = open(config).await?;
    let item = node
        .store
        .item(id)
        .await?
        .filter(|i| i.deleted_at.is_none())
        .ok_or_else(|| Failure::Usage(format!("no item {id}")))?;
    let (_, actor) = node.item_with_actor(item.kind, id).await?;
    let item = node.pin(&actor, item.kind, id, !unpin).await?;
    out!("{}", config.base.url(&item.path()));
    Ok(())
}
