//! Several processes on one node: what the CLI changes while `serve` runs shows
//! at once, with nothing cached past the change and nothing half written.

mod common;

use common::net::{wait_for, Node};
use std::time::Duration;

async fn get(url: &str, accept: &str) -> String {
    reqwest::Client::new()
        .get(url)
        .header("accept", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn what_the_cli_changes_shows_on_the_running_node_at_once() {
    let node = Node::start().await;
    let base = node.served.base.clone();

    // The actor document is cached by the server…
    let actor = format!("{base}/actors/city");
    assert!(!get(&actor, common::AP).await.contains("Renamed by the CLI"));
    // …and a change made by another process makes the cache stale within a
    // fraction of a second, not when the entry would have expired.
    node.cli(&["actor", "update", "city", "--name", "Renamed by the CLI"]);
    wait_for(
        "the new name in the actor document",
        Duration::from_millis(1000),
        || async { get(&actor, common::AP).await.contains("Renamed by the CLI") },
    )
    .await;

    // An item the CLI publishes is in the network views at once: the item and
    // its copy in the views are written together.
    node.cli(&[
        "news",
        "publish",
        "--title",
        "Published from the command line",
    ]);
    let page = get(&format!("{base}/network"), common::BROWSER).await;
    assert!(page.contains("Published from the command line"), "{page}");
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    let items = node
        .store
        .items(None, Some(city.id), None, 10)
        .await
        .unwrap();
    for item in items {
        let mirrored = node
            .store
            .network_items(&civicpub_store::NetworkQuery {
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .any(|n| n.local_item_id == Some(item.id));
        assert!(mirrored, "item {} has its copy in the views", item.id);
    }
}
