//! The federation part of the API: follow requests, the queue, the policy.

mod common;

use civicpub_domain::Timestamp;
use civicpub_store::{Follower, RemoteActor};
use common::{api, TestNode};
use serde_json::json;

#[tokio::test]
async fn follow_requests_queue_and_policy_through_the_api() {
    let node = TestNode::new("milan.example").await;
    let city = node.store.actor_by_username("city").await.unwrap().unwrap();
    let token = |scopes: &'static str| {
        let node = node.state.node.clone();
        async move { node.create_token("city", scopes).await.unwrap() }
    };
    let writer = token("read,write").await;
    let admin = token("read,admin").await;

    // A pending request from a known remote actor.
    let follower = "https://tirana.example/actors/city";
    node.store
        .upsert_remote_actor(&RemoteActor {
            uri: follower.into(),
            host: "tirana.example".into(),
            username: "city".into(),
            inbox: format!("{follower}/inbox"),
            shared_inbox: Some("https://tirana.example/inbox".into()),
            key_id: format!("{follower}#main-key"),
            public_key_pem: civicpub_transport::generate_key_pair()
                .unwrap()
                .public_key_pem,
            document: "{}".into(),
            fetched_at: Timestamp::now(),
        })
        .await
        .unwrap();
    node.store
        .change_follows(&civicpub_store::FollowChange::AddFollower(Follower {
            actor_id: city.id,
            follower_uri: follower.into(),
            inbox: "https://tirana.example/inbox".into(),
            follow_id: format!("{follower}#follows/1"),
            accepted: false,
            created_at: Timestamp::now(),
        }))
        .await
        .unwrap();
    let list = api(&node, "GET", "/api/v1/followers", &writer, None)
        .await
        .json();
    assert_eq!(list["pending"][0]["actor"], follower);
    assert_eq!(list["followers"], json!([]));

    let r = api(
        &node,
        "POST",
        "/api/v1/followers/accept",
        &writer,
        Some(json!({ "follower": follower })),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let list = api(&node, "GET", "/api/v1/followers", &writer, None)
        .await
        .json();
    assert_eq!(list["followers"][0]["actor"], follower);
    let r = api(
        &node,
        "POST",
        "/api/v1/followers/accept",
        &writer,
        Some(json!({ "follower": follower })),
    )
    .await;
    assert_eq!(r.status, 404, "nothing pending any more");

    // The Accept waits in the queue.
    let q = api(&node, "GET", "/api/v1/deliveries", &writer, None)
        .await
        .json();
    assert_eq!(q["pending"], 1);

    // The policy is node-wide: only an admin token changes it.
    let r = api(
        &node,
        "PUT",
        "/api/v1/federation",
        &writer,
        Some(json!({ "mode": "allowlist" })),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = api(
        &node,
        "PUT",
        "/api/v1/federation",
        &admin,
        Some(json!({ "mode": "sometimes" })),
    )
    .await;
    assert_eq!(r.status, 422);
    let r = api(
        &node,
        "PUT",
        "/api/v1/federation",
        &admin,
        Some(json!({ "mode": "allowlist" })),
    )
    .await;
    assert_eq!(r.status, 200);
    let r = api(
        &node,
        "PUT",
        "/api/v1/federation/domains/Bordeaux.example",
        &admin,
        Some(json!({ "rule": "allow" })),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({ "mode": "allowlist", "domains": [{ "domain": "bordeaux.example", "rule": "allow" }] })
    );
    assert!(node
        .state
        .node
        .host_allowed("bordeaux.example")
        .await
        .unwrap());
    assert!(
        !node
            .state
            .node
            .host_allowed("tirana.example")
            .await
            .unwrap(),
        "not on the allowlist"
    );
    let r = api(
        &node,
        "DELETE",
        "/api/v1/federation/domains/bordeaux.example",
        &admin,
        None,
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        api(&node, "GET", "/api/v1/federation", &writer, None)
            .await
            .json()["domains"],
        json!([])
    );
}
