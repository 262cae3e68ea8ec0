//! Accounts that move: a node's actor moves to another account (`alsoKnownAs`
//! on the target, `movedTo` on the mover, `Move` to its followers), and a node
//! that follows a moving account follows the new one, only when the new one
//! names the old. Real `civicpub serve` processes on 127.0.0.1 ports.

mod common;

use civicpub_store::FollowState;
use common::citizens::Citizens;
use common::net::{wait_until, Node};
use common::AP;
use serde_json::{json, Value};
use std::time::Duration;

async fn actor_doc(node: &Node, username: &str) -> Value {
    let (status, body) = node.get(&format!("/actors/{username}"), AP).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The accounts `node`'s city follows, and how each stands.
async fn following(node: &Node) -> Vec<(String, FollowState)> {
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    node.store
        .following(city.id)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.target_uri, f.state))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_follows_an_account_to_where_it_moved() {
    let a = Node::start().await;
    let b = Node::start().await;
    let a_city = a.url("/actors/city");
    let x = b.url("/actors/city");
    let y = b.url("/actors/townhall");

    // A follows X on B.
    a.cli(&["follow", &x]);
    wait_until("B accepts A's follow of X", || async {
        following(&a).await == vec![(x.clone(), FollowState::Accepted)]
    })
    .await;

    // Y does not name X yet: the move is refused and nothing changes.
    b.cli(&["actor", "create", "townhall", "--name", "Town hall"]);
    let refused = b.cli_fails(&["actor", "move", "city", &y]);
    assert!(refused.contains("alsoKnownAs"), "{refused}");
    assert!(actor_doc(&b, "city").await.get("movedTo").is_none());

    // Y names X; X moves to Y.
    let aliases = b.cli(&["actor", "alias", "townhall", &x]);
    assert_eq!(aliases.trim(), x);
    // (The serving process sees a change the CLI made within 250 ms.)
    wait_until("Y's document names X", || async {
        actor_doc(&b, "townhall").await["alsoKnownAs"] == json!([x])
    })
    .await;
    b.cli(&["actor", "move", "city", &y]);
    wait_until("X's document says it moved to Y", || async {
        actor_doc(&b, "city").await["movedTo"] == json!(y)
    })
    .await;

    // A received the Move, checked Y, followed Y and left X.
    wait_until("A follows Y instead of X", || async {
        following(&a).await == vec![(y.clone(), FollowState::Accepted)]
    })
    .await;
    let townhall = b
        .store
        .actor_by_username("townhall")
        .await
        .unwrap()
        .unwrap();
    let city_b = b.store.actor_by_username("city").await.unwrap().unwrap();
    wait_until("B lists A as Y's follower and no longer X's", || async {
        let of_y = b.store.followers(townhall.id, true).await.unwrap();
        let of_x = b.store.followers(city_b.id, true).await.unwrap();
        of_y.iter().any(|f| f.follower_uri == a_city) && of_x.is_empty()
    })
    .await;
    let moves: Vec<Value> = a
        .received()
        .await
        .into_iter()
        .filter(|v| v["type"] == "Move")
        .collect();
    assert_eq!(moves.len(), 1, "{moves:?}");
    assert_eq!(moves[0]["object"], json!(x));
    assert_eq!(moves[0]["target"], json!(y));
}

/// A `Move` as Mastodon sends one.
fn move_of(citizens: &Citizens, from: &str, to: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": citizens.id("/moves"),
        "type": "Move",
        "actor": from,
        "object": from,
        "target": to,
    })
}

/// What the node sent to the citizens' server of `kind` about `object` (an
/// `Undo` counts by the object of what it takes back).
fn sent(citizens: &Citizens, kind: &str, object: &str) -> usize {
    citizens
        .server
        .seen()
        .iter()
        .filter(|s| s.method == axum::http::Method::POST)
        .map(|s| &s.body)
        .filter(|a| {
            a["type"] == kind
                && (a["object"] == json!(object) || a["object"]["object"] == json!(object))
        })
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_move_the_target_does_not_confirm_changes_nothing() {
    let city = Node::start().await;
    let citizens = Citizens::start().await;
    let inbox = city.url("/inbox");
    let x = citizens.account("xavier", "Xavier");
    // Y does not name X; Z does; W is an account nobody here follows.
    let y = citizens.account("yves", "Yves");
    let z = citizens.account_with("zoe", "Zoé", json!({ "alsoKnownAs": [x] }));
    let w = citizens.account("walter", "Walter");
    city.cli(&["follow", &x]);
    assert_eq!(following(&city).await.len(), 1);

    // Refused: the target does not name X. Acknowledged, and nothing changes.
    let (status, body) = citizens.post(&x, &inbox, &move_of(&citizens, &x, &y)).await;
    assert_eq!(status, 202, "{body}");
    // Refused: an account moving someone else.
    let (status, body) = citizens.post(&w, &inbox, &move_of(&citizens, &x, &z)).await;
    assert!(status == 202 || status == 401, "{status} {body}");
    // Refused: a Move of an account nobody follows.
    let (status, _) = citizens.post(&w, &inbox, &move_of(&citizens, &w, &z)).await;
    assert_eq!(status, 202);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        following(&city).await,
        vec![(x.clone(), FollowState::Pending)]
    );
    assert_eq!(sent(&citizens, "Follow", &y), 0);
    assert_eq!(sent(&citizens, "Follow", &z), 0);
    assert_eq!(sent(&citizens, "Undo", &x), 0);

    // Z names X: the city follows Z and takes back its follow of X, once,
    // however often the Move comes.
    for _ in 0..2 {
        let (status, body) = citizens.post(&x, &inbox, &move_of(&citizens, &x, &z)).await;
        assert_eq!(status, 202, "{body}");
    }
    wait_until("the city follows Z and sent Follow and Undo", || async {
        sent(&citizens, "Follow", &z) == 1 && sent(&citizens, "Undo", &x) == 1
    })
    .await;
    assert_eq!(
        following(&city).await,
        vec![(z.clone(), FollowState::Pending)]
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sent(&citizens, "Follow", &z), 1);
    assert_eq!(sent(&citizens, "Undo", &x), 1);
}
