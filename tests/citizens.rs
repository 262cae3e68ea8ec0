//! Citizens answer from their own servers: replies become moderated comments,
//! likes and boosts are counted, reports reach staff, blocked servers are not
//! heard, and consultations count votes and tell followers the totals.
//! The city is a real `civicpub serve` process; the citizens' server is another
//! process-local HTTP server on 127.0.0.1 that signs what it posts.

mod common;

use common::citizens::{Citizens, PUBLIC};
use common::net::{wait_until, Node};
use common::AP;
use serde_json::{json, Value};

const HTML: &str = "text/html";

/// The number at the end of a URL the CLI printed.
fn id_of(url: &str) -> String {
    url.trim().rsplit('/').next().unwrap().to_string()
}

async fn comments(city: &Node) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) FROM comments")
        .fetch_one(city.store.pool())
        .await
        .unwrap()
        .get(0)
}

async fn replies_listed(city: &Node, path: &str) -> Vec<String> {
    let (status, body) = city.get(&format!("{path}/replies?page=1"), AP).await;
    assert_eq!(status, 200, "{body}");
    let page: Value = serde_json::from_str(&body).unwrap();
    page["orderedItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// Likes and boosts of an object, as its collections count them (never list).
async fn counts(city: &Node, path: &str) -> (u64, u64) {
    let (_, likes) = city.get(&format!("{path}/likes"), AP).await;
    let (_, shares) = city.get(&format!("{path}/shares"), AP).await;
    let likes: Value = serde_json::from_str(&likes).unwrap();
    let shares: Value = serde_json::from_str(&shares).unwrap();
    assert!(likes.get("items").is_none() && likes.get("orderedItems").is_none());
    (
        likes["totalItems"].as_u64().unwrap(),
        shares["totalItems"].as_u64().unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn replies_are_moderated_threaded_and_counted() {
    let city = Node::start().await;
    let citizens = Citizens::start().await;
    let inbox = city.url("/inbox");
    let city_actor = city.url("/actors/city");
    let alice = citizens.account("alice", "Alice Aalders");
    let bob = citizens.account("bob", "Bob <b>Bold</b>");

    let news_url = city.cli(&["news", "publish", "--title", "Bridge works start"]);
    let news_path = format!("/news/{}", id_of(&news_url));
    let news = city.url(&news_path);
    // Approve first, for this item.
    city.cli(&["moderation", "set", "news", &id_of(&news_url), "approve"]);

    // A reply that mentions the city: pending, in the queue and the editors' inbox.
    let first = citizens.reply(
        &alice,
        &news,
        "<p>Will the ferry run?</p>",
        Some(&city_actor),
    );
    let (status, body) = citizens.post(&alice, &inbox, &first).await;
    assert_eq!(status, 202, "{body}");
    let first_id = first["object"]["id"].as_str().unwrap().to_string();
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(
        !page.contains("Will the ferry run?"),
        "shown before approval"
    );
    assert!(replies_listed(&city, &news_path).await.is_empty());
    let queue = city.cli(&["moderation", "queue"]);
    assert!(queue.contains("Will the ferry run?"), "{queue}");
    assert!(
        queue.contains(&format!("@alice@{}", citizens.server.host)),
        "{queue}"
    );
    let messages = city.cli(&["messages"]);
    assert!(messages.contains("Will the ferry run?"), "{messages}");
    let comment_id = queue.split('\t').next().unwrap().to_string();
    city.cli(&["moderation", "approve", &comment_id]);

    // Approved: on the page, with its author, and in the replies collection.
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(page.contains("Will the ferry run?"), "{page}");
    assert!(page.contains("Alice Aalders"));
    assert!(page.contains(&format!("@alice@{}", citizens.server.host)));
    assert!(
        page.contains(&format!("{}/@alice", citizens.server.base)),
        "links to the profile"
    );
    assert_eq!(
        replies_listed(&city, &news_path).await,
        vec![first_id.clone()]
    );

    // A reply to the reply threads under it (approved too).
    let second = citizens.reply(&bob, &first_id, "<p>Yes, every 20 minutes.</p>", None);
    let (status, _) = citizens.post(&bob, &inbox, &second).await;
    assert_eq!(status, 202);
    let queue = city.cli(&["moderation", "queue"]);
    let second_comment = queue.split('\t').next().unwrap().to_string();
    city.cli(&["moderation", "approve", &second_comment]);
    let (_, page) = city.get(&news_path, HTML).await;
    let alice_at = page.find("Will the ferry run?").unwrap();
    let bob_at = page.find("every 20 minutes").unwrap();
    assert!(bob_at > alice_at);
    let nested = &page[alice_at..bob_at];
    assert!(
        nested.contains("<ol>"),
        "the answer is nested under the reply: {nested}"
    );
    assert!(
        !page.contains("<b>Bold</b>"),
        "display names are plain text"
    );
    assert_eq!(replies_listed(&city, &news_path).await.len(), 2);
    let (_, object) = city.get(&news_path, AP).await;
    let object: Value = serde_json::from_str(&object).unwrap();
    assert_eq!(object["replies"]["totalItems"], 2);

    // An edit under approve-first waits for approval again.
    let mut edited = second.clone();
    edited["type"] = json!("Update");
    edited["id"] = json!(format!("{}#edit", second["object"]["id"].as_str().unwrap()));
    edited["object"]["content"] = json!("<p>Every 30 minutes, sorry.</p>");
    edited["object"]["contentMap"] = json!({"en": "<p>Every 30 minutes, sorry.</p>"});
    edited["object"]["updated"] = json!("2026-12-01T11:00:00Z");
    assert_eq!(citizens.post(&bob, &inbox, &edited).await.0, 202);
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(!page.contains("every 20 minutes") && !page.contains("30 minutes"));
    city.cli(&["moderation", "approve", &second_comment]);
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(page.contains("Every 30 minutes"));

    // Likes and boosts go up, and down with Undo.
    let like_a = citizens.activity(&alice, "Like", json!(news));
    let like_b = citizens.activity(&bob, "Like", json!(news));
    let boost = citizens.activity(&alice, "Announce", json!(news));
    for (who, a) in [(&alice, &like_a), (&bob, &like_b), (&alice, &boost)] {
        assert_eq!(citizens.post(who, &inbox, a).await.0, 202);
    }
    // A second like from the same account counts once.
    let again = citizens.activity(&alice, "Like", json!(news));
    assert_eq!(citizens.post(&alice, &inbox, &again).await.0, 202);
    assert_eq!(counts(&city, &news_path).await, (2, 1));
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(
        page.contains("2 likes") && page.contains("1 boost"),
        "{page}"
    );
    let undo_like = citizens.activity(&bob, "Undo", like_b.clone());
    let undo_boost = citizens.activity(&alice, "Undo", json!(boost["id"]));
    assert_eq!(citizens.post(&bob, &inbox, &undo_like).await.0, 202);
    assert_eq!(citizens.post(&alice, &inbox, &undo_boost).await.0, 202);
    assert_eq!(counts(&city, &news_path).await, (1, 0));
    let (_, object) = city.get(&news_path, AP).await;
    let object: Value = serde_json::from_str(&object).unwrap();
    assert_eq!(object["likes"]["totalItems"], 1);
    assert_eq!(object["shares"]["totalItems"], 0);

    // A report reaches the queue with its comment and what it flags.
    let flag = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": citizens.id("/flags"),
        "type": "Flag",
        "actor": alice,
        "object": [city_actor, news],
        "content": "The date in this item is wrong",
    });
    assert_eq!(citizens.post(&alice, &inbox, &flag).await.0, 202);
    let reports = city.cli(&["moderation", "reports"]);
    assert!(
        reports.contains("The date in this item is wrong"),
        "{reports}"
    );
    assert!(reports.contains(&news), "{reports}");

    // Deleting a reply removes it.
    let delete = citizens.activity(
        &alice,
        "Delete",
        json!({"id": first_id, "type": "Tombstone"}),
    );
    assert_eq!(citizens.post(&alice, &inbox, &delete).await.0, 202);
    assert_eq!(replies_listed(&city, &news_path).await.len(), 1);
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(!page.contains("Will the ferry run?"));
    assert!(
        page.contains("Every 30 minutes"),
        "the answer stays, now at the top"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_blocked_and_hostile_replies_are_refused_or_cleaned() {
    let city = Node::start().await;
    let citizens = Citizens::start().await;
    let evil = Citizens::start().await;
    let inbox = city.url("/inbox");
    let carol = citizens.account("carol", "Carol");
    let mallory = evil.account("mallory", "Mallory");
    let news_url = city.cli(&["news", "publish", "--title", "Open for replies"]);
    let news_path = format!("/news/{}", id_of(&news_url));
    let news = city.url(&news_path);
    let pdf = city.served.data_dir.join("charter.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n").unwrap();
    let doc_url = city.cli(&[
        "document",
        "publish",
        "--title",
        "Charter",
        "--file",
        pdf.to_str().unwrap(),
        "--version",
        "1.0",
        "--license",
        "CC-BY-4.0",
    ]);
    let doc_path = format!("/documents/{}", id_of(&doc_url));
    city.cli(&["moderation", "set", "document", &id_of(&doc_url), "closed"]);

    // Closed: refused, nothing stored.
    let closed = citizens.reply(&carol, &city.url(&doc_path), "<p>Hello</p>", None);
    let (status, body) = citizens.post(&carol, &inbox, &closed).await;
    assert_eq!(status, 202);
    assert!(body.contains("closed"), "{body}");
    assert_eq!(comments(&city).await, 0);

    // Hostile HTML is cleaned (news are open: shown at once).
    let hostile = citizens.reply(
        &carol,
        &news,
        "<p onclick=\"steal()\">Hi<script>alert(1)</script> <a href=\"javascript:alert(2)\">x</a> \
         <img src=x onerror=alert(3)><iframe src=\"https://evil.example\"></iframe>\
         <a href=\"https://ok.example/\" style=\"color:red\">ok</a></p>",
        None,
    );
    assert_eq!(citizens.post(&carol, &inbox, &hostile).await.0, 202);
    let (_, page) = city.get(&news_path, HTML).await;
    let at = page.find("conversation").unwrap();
    let replies = &page[at..];
    for bad in [
        "<script",
        "alert(",
        "javascript:",
        "onclick",
        "onerror",
        "<iframe",
        "<img src=\"x\"",
        "style=",
    ] {
        assert!(!replies.contains(bad), "{bad} reached the page: {replies}");
    }
    assert!(
        replies.contains("href=\"https://ok.example/\""),
        "{replies}"
    );
    assert!(replies.contains("rel=\"nofollow noopener noreferrer ugc\""));

    // 100 KB of text, a reply to nothing, an author on another server: refused.
    let huge = citizens.reply(
        &carol,
        &news,
        &format!("<p>{}</p>", "a".repeat(100 * 1024)),
        None,
    );
    let (status, body) = citizens.post(&carol, &inbox, &huge).await;
    assert_eq!(status, 202);
    assert!(body.contains("KB"), "{body}");
    let nowhere = citizens.reply(&carol, &city.url("/news/999"), "<p>Hello?</p>", None);
    let (status, body) = citizens.post(&carol, &inbox, &nowhere).await;
    assert_eq!(status, 202);
    assert!(body.contains("not an object of this node"), "{body}");
    let mut forged = citizens.reply(&carol, &news, "<p>I am Mallory</p>", None);
    forged["object"]["attributedTo"] = json!(mallory);
    let (status, body) = citizens.post(&carol, &inbox, &forged).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(comments(&city).await, 1, "only the cleaned reply is kept");

    // A blocked domain: its reply is refused and nothing of it is stored.
    let first = evil.reply(&mallory, &news, "<p>Spam</p>", None);
    assert_eq!(evil.post(&mallory, &inbox, &first).await.0, 202);
    let queue: Vec<String> = city
        .cli(&["moderation", "queue"])
        .lines()
        .map(str::to_string)
        .collect();
    assert!(queue.is_empty(), "news are open: {queue:?}");
    use sqlx::Row;
    let spam_id: i64 = sqlx::query("SELECT id FROM comments WHERE author_uri = $1")
        .bind(&mallory)
        .fetch_one(city.store.pool())
        .await
        .unwrap()
        .get(0);
    let out = city.cli(&["moderation", "block-domain", &spam_id.to_string()]);
    assert!(out.contains(&evil.server.host), "{out}");
    // The serving process sees another process's change within a quarter second.
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(!page.contains("Spam"), "what the domain said goes");
    let before = city.store.inbox_activities(1000).await.unwrap().len();
    let second = evil.reply(&mallory, &news, "<p>More spam</p>", None);
    let (status, _) = evil.post(&mallory, &inbox, &second).await;
    assert_eq!(status, 403);
    let like = evil.activity(&mallory, "Like", json!(news));
    assert_eq!(evil.post(&mallory, &inbox, &like).await.0, 403);
    assert_eq!(
        city.store.inbox_activities(1000).await.unwrap().len(),
        before,
        "nothing of it is stored"
    );
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM comments WHERE author_host = $1")
        .bind(&evil.server.host)
        .fetch_one(city.store.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored, 0);

    // A blocked account (on an allowed server) likewise.
    city.cli(&["moderation", "block", &carol]);
    let (_, page) = city.get(&news_path, HTML).await;
    assert!(
        !page.contains("ok.example"),
        "the blocked account's reply goes"
    );
    let again = citizens.reply(&carol, &news, "<p>Let me back in</p>", None);
    assert_eq!(citizens.post(&carol, &inbox, &again).await.0, 403);
    assert_eq!(comments(&city).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_consultation_counts_each_account_once_and_tells_followers() {
    let city = Node::start_with(&["--consultation-update-seconds", "5"]).await;
    let citizens = Citizens::start().await;
    let inbox = city.url("/inbox");
    let city_actor = city.url("/actors/city");

    // A follower, to receive the totals.
    let follower = citizens.account("follower", "Follower");
    let follow = citizens.activity(&follower, "Follow", json!(city_actor));
    assert_eq!(citizens.post(&follower, &inbox, &follow).await.0, 202);

    let url = city.cli(&[
        "consultation",
        "publish",
        "--question",
        "Which square gets trees first?",
        "--option",
        "Market Square",
        "--option",
        "Station Square",
        "--option",
        "Harbour Square",
        "--for",
        "7d",
    ]);
    let id = id_of(&url);
    let path = format!("/consultations/{id}");
    let question = city.url(&path);
    wait_until("the follower received the Question", || async {
        citizens
            .server
            .posted_to("/inbox")
            .iter()
            .any(|a| a["type"] == "Create" && a["object"]["type"] == "Question")
    })
    .await;

    let voters: Vec<String> = (0..10)
        .map(|i| citizens.account(&format!("voter{i}"), &format!("Voter {i}")))
        .collect();
    let choices = [0, 0, 0, 0, 1, 1, 1, 2, 2];
    let names = ["Market Square", "Station Square", "Harbour Square"];
    for (voter, choice) in voters.iter().zip(choices) {
        let v = citizens.vote(voter, &question, &city_actor, names[choice]);
        let (status, body) = citizens.post(voter, &inbox, &v).await;
        assert_eq!(status, 202, "{body}");
        assert!(!body.contains("ignored"), "{body}");
    }
    // Voter 8 votes again, for the same option and another: neither counts.
    for name in ["Harbour Square", "Market Square"] {
        let v = citizens.vote(&voters[8], &question, &city_actor, name);
        let (status, body) = citizens.post(&voters[8], &inbox, &v).await;
        assert_eq!(status, 202);
        assert!(body.contains("already voted"), "{body}");
    }
    // Voting ends; voter 9 is too late.
    common::end_consultation(&city.store, id.parse().unwrap()).await;
    let late = citizens.vote(&voters[9], &question, &city_actor, "Station Square");
    let (status, body) = citizens.post(&voters[9], &inbox, &late).await;
    assert_eq!(status, 202);
    assert!(body.contains("ended"), "{body}");

    let results = city.cli(&["consultation", "results", &id]);
    assert!(results.contains("9 voters"), "{results}");
    let csv = city.cli(&["consultation", "results", &id, "--csv"]);
    assert_eq!(
        csv,
        "number,option,votes,percent\r\n1,Market Square,4,44\r\n2,Station Square,3,33\r\n3,Harbour Square,2,22\r\n"
    );
    let (status, web_csv) = city.get(&format!("{path}/results.csv"), "text/csv").await;
    assert_eq!(status, 200);
    assert_eq!(web_csv, csv, "the page's CSV is the CLI's");
    let (_, page) = city.get(&path, HTML).await;
    for (name, votes, percent) in [
        ("Market Square", 4, 44),
        ("Station Square", 3, 33),
        ("Harbour Square", 2, 22),
    ] {
        let at = page
            .find(name)
            .unwrap_or_else(|| panic!("{name} not on the page"));
        let row = &page[at..at + 600];
        assert!(
            row.contains(&format!("{percent}% ({votes} votes)")),
            "{name}: {row}"
        );
    }
    assert!(page.contains("9 people voted"), "{page}");
    for v in &voters {
        assert!(!page.contains(v.as_str()), "a voter is named on the page");
        assert!(!web_csv.contains(v.as_str()));
    }

    // Followers (and voters) got an Update with the totals.
    wait_until("the follower received the final totals", || async {
        citizens.server.posted_to("/inbox").iter().any(|a| {
            a["type"] == "Update"
                && a["object"]["votersCount"] == 9
                && a["object"]["oneOf"][0]["replies"]["totalItems"] == 4
                && a["object"]["oneOf"][1]["replies"]["totalItems"] == 3
                && a["object"]["oneOf"][2]["replies"]["totalItems"] == 2
                && a["object"]["closed"].is_string()
        })
    })
    .await;
    let updates = citizens
        .server
        .posted_to("/inbox")
        .into_iter()
        .filter(|a| a["type"] == "Update")
        .count();
    assert!(
        updates <= 3,
        "{updates} updates for 9 votes: at most one per 5 s, and the final one"
    );
    let (_, object) = city.get(&path, AP).await;
    let object: Value = serde_json::from_str(&object).unwrap();
    assert_eq!(object["type"], "Question");
    assert_eq!(object["votersCount"], 9);
    assert_eq!(object["to"], json!([PUBLIC]));
}

/// A reply or a vote from the fixtures, as its author's server would send it:
/// in a `Create` (bare objects are wrapped), pointed at `target`.
fn repointed(doc: &Value, target: &str) -> Option<(Value, Value)> {
    let mut activity = if doc["type"] == "Create" {
        doc.clone()
    } else if doc["type"] == "Note" {
        let actor = doc["attributedTo"].clone();
        json!({"id": format!("{}#create", doc["id"].as_str()?), "type": "Create",
               "actor": actor, "object": doc})
    } else {
        return None;
    };
    let object = activity.get_mut("object")?;
    if !object.is_object() || object["type"] != "Note" || object.get("inReplyTo").is_none() {
        return None;
    }
    object["inReplyTo"] = json!(target);
    let object = object.clone();
    Some((activity, object))
}

fn is_public(o: &Value) -> bool {
    ["to", "cc"].iter().any(|k| match &o[*k] {
        Value::String(s) => s == PUBLIC,
        Value::Array(a) => a.iter().any(|v| v == PUBLIC),
        _ => false,
    })
}

/// The sender of a fixture, as if its key had been fetched and checked.
async fn sender(store: &civicpub_store::Store, actor: &str) -> civicpub_store::RemoteActor {
    let url = url::Url::parse(actor).unwrap();
    let remote = civicpub_store::RemoteActor {
        uri: actor.to_string(),
        host: civicpub_domain::authority(&url),
        username: "someone".into(),
        inbox: format!("{actor}/inbox"),
        shared_inbox: None,
        key_id: format!("{actor}#main-key"),
        public_key_pem: String::new(),
        document: json!({"id": actor, "type": "Person", "preferredUsername": "someone",
                         "name": "Some One"})
        .to_string(),
        fetched_at: civicpub_domain::Timestamp::now(),
    };
    store.upsert_remote_actor(&remote).await.unwrap();
    remote
}

#[tokio::test]
async fn real_replies_and_votes_are_taken_with_their_author_and_cleaned() {
    use civicpub_domain::{plain_text, ConsultationText};
    use civicpub_protocol::fixtures;
    use civicpub_service::consultations::ConsultationInput;
    use civicpub_service::inbox::Received;

    let node = common::TestNode::new("city.example").await;
    let n = &node.state.node;
    let city = n.actor_or_city(None).await.unwrap();
    let item = n
        .publish(
            &city,
            civicpub_domain::ItemKind::News,
            common::news("Bridge works"),
        )
        .await
        .unwrap();
    let news = format!("https://city.example/news/{}", item.id);
    let consultation = |options: &[&str], multiple: bool| ConsultationInput {
        texts: vec![ConsultationText {
            lang: "en".into(),
            question: "Which?".into(),
            body: String::new(),
            options: options.iter().map(|o| o.to_string()).collect(),
        }],
        multiple,
        duration: Some("7d".into()),
        ..Default::default()
    };
    let squares = n
        .publish_consultation(
            &city,
            consultation(
                &["Market Square", "Station Square", "Harbour Square"],
                false,
            ),
        )
        .await
        .unwrap();
    // Mastodon's documented poll (anyOf: several may be chosen).
    let fruit = n
        .publish_consultation(&city, consultation(&["apple", "orange", "banana"], true))
        .await
        .unwrap();

    let mut docs: Vec<(String, Value)> = fixtures::own()
        .into_iter()
        .filter(|(name, _)| name.starts_with("reply-") || name.starts_with("vote-"))
        .collect();
    assert_eq!(docs.len(), 5);
    if let Some(corpus) = fixtures::corpus() {
        docs.extend(corpus);
    }
    let (mut replies, mut votes) = (0, 0);
    for (name, doc) in &docs {
        let is_vote = doc["object"]["name"].is_string() && doc["object"].get("content").is_none();
        let target = if !is_vote {
            news.clone()
        } else if doc["object"]["name"].as_str().unwrap().contains("Square") {
            format!("https://city.example/consultations/{}", squares.id)
        } else {
            format!("https://city.example/consultations/{}", fruit.id)
        };
        let Some((activity, object)) = repointed(doc, &target) else {
            continue;
        };
        let actor = activity["actor"].as_str().unwrap();
        let from = sender(&node.store, actor).await;
        let got = n.receive(&from, &activity).await;
        if matches!(&got, Ok(Received::Ignored(why)) if why.contains("received before")) {
            continue; // Two fixtures, one activity (edited copies of one document).
        }
        if is_vote {
            assert_eq!(got.unwrap(), Received::Stored, "{name}");
            votes += 1;
            continue;
        }
        if !is_public(&object) {
            assert!(matches!(got, Ok(Received::Ignored(_))), "{name}: {got:?}");
            continue;
        }
        assert_eq!(got.unwrap(), Received::Stored, "{name}");
        replies += 1;
        let id = url::Url::parse(object["id"].as_str().unwrap()).unwrap();
        let comment = node.store.comment(id.as_str()).await.unwrap().expect(name);
        assert_eq!(comment.author.uri, actor, "{name}");
        assert_eq!(comment.object_uri.as_deref(), Some(news.as_str()), "{name}");
        let original = object["content"]
            .as_str()
            .or_else(|| object["contentMap"].as_object()?.values().next()?.as_str())
            .unwrap();
        let words: String = plain_text(original)
            .split_whitespace()
            .filter(|w| w.chars().all(char::is_alphanumeric))
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let kept = plain_text(&comment.content);
        let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in words.split(' ') {
            assert!(kept.contains(w), "{name}: '{w}' lost from {kept}");
        }
        for bad in [
            "<script",
            "onerror",
            "onmouseover",
            "javascript:",
            "style=",
            "<iframe",
            "class=",
        ] {
            assert!(
                !comment.content.contains(bad),
                "{name}: {bad} kept in {}",
                comment.content
            );
        }
    }
    let tally = n
        .tally(&n.consultation(squares.id).await.unwrap().0)
        .await
        .unwrap();
    assert_eq!(tally.votes, vec![1, 0, 1], "Mastodon's and Misskey's votes");
    if fixtures::corpus().is_some() {
        let tally = n
            .tally(&n.consultation(fruit.id).await.unwrap().0)
            .await
            .unwrap();
        assert_eq!(tally.votes, vec![0, 1, 1], "the documented votes");
        assert_eq!(tally.voters, 1, "one account voted for two options");
        assert!(replies >= 12, "{replies} replies from the corpus and ours");
        assert_eq!(votes, 4);
    } else {
        assert_eq!((replies, votes), (3, 2));
    }
}

#[tokio::test]
async fn staff_run_consultations_and_moderation_through_the_api() {
    use common::api;
    let node = common::TestNode::new("city.example").await;
    let n = &node.state.node;
    let token = n.create_token("city", "read,write,admin").await.unwrap();
    let reader = n.create_token("city", "read").await.unwrap();

    // Every problem at once, by field, and nothing published.
    let bad = api(
        &node,
        "POST",
        "/api/v1/consultations",
        &token,
        Some(json!({
            "texts": [{"lang": "en", "question": "", "options": ["Only one"]}],
            "duration": "forever"
        })),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.text());
    let fields: Vec<String> = bad.json()["fields"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        fields,
        ["duration", "texts.en.options", "texts.en.question"]
    );
    let unknown = api(
        &node,
        "POST",
        "/api/v1/consultations",
        &token,
        Some(json!({
            "texts": [], "duration": "1d", "colour": "red"
        })),
    )
    .await;
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    assert!(n.consultations(10).await.unwrap().is_empty());
    let denied = api(
        &node,
        "POST",
        "/api/v1/consultations",
        &reader,
        Some(
            json!({"texts": [{"lang": "en", "question": "Q?", "options": ["A", "B"]}],
                    "duration": "1d"}),
        ),
    )
    .await;
    assert_eq!(denied.status, 403);

    let made = api(&node, "POST", "/api/v1/consultations", &token, Some(json!({
        "texts": [{"lang": "en", "question": "Car-free Sundays?", "body": "In the **old town**.",
                   "options": ["Yes", "No", "Only in summer"]}],
        "duration": "14d",
        "moderation": "closed"
    })))
    .await;
    assert_eq!(made.status, 201, "{}", made.text());
    let c = made.json();
    let id = c["id"].as_i64().unwrap();
    assert_eq!(made.header("location"), c["url"].as_str().unwrap());
    assert_eq!(c["votes"], json!([0, 0, 0]));
    assert_eq!(c["moderation"], "closed");
    let fr = api(&node, "POST", &format!("/api/v1/consultations/{id}/translations"), &token,
        Some(json!({"lang": "fr", "question": "Dimanches sans voiture ?", "options": ["Oui", "Non"]})))
    .await;
    assert_eq!(
        fr.status,
        422,
        "two options where there are three: {}",
        fr.text()
    );
    let fr = api(
        &node,
        "POST",
        &format!("/api/v1/consultations/{id}/translations"),
        &token,
        Some(json!({"lang": "fr", "question": "Dimanches sans voiture ?",
                    "options": ["Oui", "Non", "Seulement l'été"]})),
    )
    .await;
    assert_eq!(fr.status, 200, "{}", fr.text());
    assert_eq!(fr.json()["texts"][1]["lang"], "fr");
    let page = node
        .send(
            axum::http::Request::get(format!("/consultations/{id}"))
                .header("accept", "text/html")
                .header("accept-language", "fr")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        page.text().contains("Dimanches sans voiture"),
        "{}",
        page.text()
    );
    let question = node
        .get(&format!("/consultations/{id}"), Some(AP))
        .await
        .json();
    assert_eq!(question["contentMap"].as_object().unwrap().len(), 2);
    assert_eq!(question["oneOf"][2]["nameMap"]["fr"], "Seulement l'été");
    let listed = api(&node, "GET", "/api/v1/consultations", &reader, None).await;
    assert_eq!(listed.json()["consultations"].as_array().unwrap().len(), 1);
    let json = node
        .get(&format!("/consultations/{id}/results.json"), None)
        .await
        .json();
    assert_eq!(json["voters"], 0);
    assert_eq!(json["options"][2]["name"], "Only in summer");

    // Replies: a queue, decided through the API.
    let news = n
        .publish(
            &n.actor_or_city(None).await.unwrap(),
            civicpub_domain::ItemKind::News,
            common::news("Market day"),
        )
        .await
        .unwrap();
    let set = api(
        &node,
        "PUT",
        &format!("/api/v1/moderation/news/{}", news.id),
        &token,
        Some(json!({"moderation": "approve"})),
    )
    .await;
    assert_eq!(set.json()["moderation"], "approve");
    let actor = "https://m.example/users/zoe";
    let from = sender(&node.store, actor).await;
    let reply = json!({"id": "https://m.example/users/zoe/statuses/1/activity", "type": "Create",
        "actor": actor, "object": {"id": "https://m.example/users/zoe/statuses/1", "type": "Note",
        "attributedTo": actor, "to": [PUBLIC], "content": "<p>See you there</p>",
        "inReplyTo": format!("https://city.example/news/{}", news.id)}});
    n.receive(&from, &reply).await.unwrap();
    let queue = api(&node, "GET", "/api/v1/comments", &reader, None)
        .await
        .json();
    let comment = queue["comments"][0]["id"].as_i64().unwrap();
    assert_eq!(
        queue["comments"][0]["author"]["handle"],
        "@someone@m.example"
    );
    assert_eq!(queue["comments"][0]["state"], "pending");
    let nope = api(
        &node,
        "POST",
        &format!("/api/v1/comments/{comment}/publish"),
        &token,
        None,
    )
    .await;
    assert_eq!(nope.status, 404);
    assert!(nope.json()["error"].as_str().unwrap().contains("publish"));
    let ok = api(
        &node,
        "POST",
        &format!("/api/v1/comments/{comment}/approve"),
        &token,
        None,
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let approved = api(
        &node,
        "GET",
        "/api/v1/comments?state=approved",
        &reader,
        None,
    )
    .await
    .json();
    assert_eq!(approved["comments"].as_array().unwrap().len(), 1);
    let odd = api(&node, "GET", "/api/v1/comments?state=lost", &reader, None).await;
    assert_eq!(odd.status, 400);

    // Blocks: the account goes, and what it said with it.
    let blocked = api(
        &node,
        "POST",
        "/api/v1/blocks",
        &token,
        Some(json!({"account": actor})),
    )
    .await;
    assert_eq!(blocked.status, 201, "{}", blocked.text());
    let approved = api(
        &node,
        "GET",
        "/api/v1/comments?state=approved",
        &reader,
        None,
    )
    .await
    .json();
    assert!(approved["comments"].as_array().unwrap().is_empty());
    let refused = n.receive(&from, &reply).await;
    assert!(
        matches!(refused, Err(civicpub_service::ServiceError::Forbidden(_))),
        "{refused:?}"
    );
    let blocks = api(&node, "GET", "/api/v1/blocks", &reader, None)
        .await
        .json();
    assert_eq!(blocks["blocks"][0]["account"], actor);
    let gone = api(
        &node,
        "DELETE",
        "/api/v1/blocks",
        &token,
        Some(json!({"account": actor})),
    )
    .await;
    assert_eq!(gone.status, 204);
    let again = api(
        &node,
        "DELETE",
        "/api/v1/blocks",
        &token,
        Some(json!({"account": actor})),
    )
    .await;
    assert_eq!(again.status, 404);

    // Defaults per kind.
    let defaults = api(&node, "GET", "/api/v1/moderation", &reader, None)
        .await
        .json();
    assert_eq!(
        defaults,
        json!({"news": "open", "event": "open", "document": "approve",
                                "consultation": "approve"})
    );
    let wrong = api(
        &node,
        "PUT",
        "/api/v1/moderation/news",
        &token,
        Some(json!({"moderation": "sometimes"})),
    )
    .await;
    assert_eq!(wrong.status, 422);
    let closed = api(
        &node,
        "PUT",
        "/api/v1/moderation/event",
        &token,
        Some(json!({"moderation": "closed"})),
    )
    .await;
    assert_eq!(closed.json()["moderation"], "closed");
    let by_writer = api(
        &node,
        "PUT",
        "/api/v1/moderation/event",
        &reader,
        Some(json!({"moderation": "open"})),
    )
    .await;
    assert_eq!(by_writer.status, 403);

    // Deleting a consultation: 410 from then on.
    let del = api(
        &node,
        "DELETE",
        &format!("/api/v1/consultations/{id}"),
        &token,
        None,
    )
    .await;
    assert_eq!(del.status, 204);
    assert_eq!(
        node.get(&format!("/consultations/{id}"), Some(AP))
            .await
            .status,
        410
    );
}

#[tokio::test]
async fn a_citizen_is_sent_to_their_own_server_to_reply_or_follow() {
    use common::remote::Remote;
    let node = common::TestNode::with("127.0.0.1:9", true).await;
    let home = Remote::start().await;
    let resource =
        |user: &str| format!("/.well-known/webfinger?resource=acct:{user}@{}", home.host);
    home.serve(&resource("ada"), json!({
        "subject": format!("acct:ada@{}", home.host),
        "links": [
            {"rel": "self", "type": "application/activity+json", "href": home.url("/users/ada")},
            {"rel": "http://ostatus.org/schema/1.0/subscribe",
             "template": home.url("/authorize_interaction?uri={uri}")}
        ]
    }));
    home.serve(
        &resource("old"),
        json!({"subject": "acct:old@x", "links": [
        {"rel": "self", "type": "application/activity+json", "href": home.url("/users/old")}]}),
    );
    home.serve(&resource("evil"), json!({"subject": "acct:evil@x", "links": [
        {"rel": "http://ostatus.org/schema/1.0/subscribe", "template": "javascript:alert('{uri}')"}]}));
    let target = "http://127.0.0.1:9/actors/city";
    let q = |handle: &str| {
        format!(
            "/interact?uri={}&handle={}",
            url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>(),
            url::form_urlencoded::byte_serialize(handle.as_bytes()).collect::<String>()
        )
    };

    let go = node
        .get(&q(&format!("@ada@{}", home.host)), Some(HTML))
        .await;
    assert_eq!(go.status, 303, "{}", go.text());
    assert_eq!(
        go.header("location"),
        home.url("/authorize_interaction?uri=http%3A%2F%2F127.0.0.1%3A9%2Factors%2Fcity")
    );
    let form = node.get(&q(""), Some(HTML)).await;
    assert_eq!(form.status, 200);
    assert!(form.text().contains("name=\"handle\""));
    for (handle, why) in [
        (format!("@old@{}", home.host), "does not say where"),
        (format!("@evil@{}", home.host), "cannot be used"),
        (format!("@nobody@{}", home.host), "could be found"),
        ("not a handle".to_string(), "@name@server"),
    ] {
        let r = node.get(&q(&handle), Some(HTML)).await;
        assert_eq!(r.status, 422, "{handle}");
        assert!(r.text().contains(why), "{handle}: {}", r.text());
        assert!(r.text().contains("aria-invalid=\"true\""));
    }
    let elsewhere = node
        .get(
            "/interact?uri=https%3A%2F%2Fother.example%2Fx&handle=a%40b.example",
            Some(HTML),
        )
        .await;
    assert_eq!(elsewhere.status, 400);
    // Every item page and the profile offer it, for what they show.
    let n = &node.state.node;
    let news = n
        .publish(
            &n.actor_or_city(None).await.unwrap(),
            civicpub_domain::ItemKind::News,
            common::news("Assembly"),
        )
        .await
        .unwrap();
    let page = node
        .get(&format!("/news/{}", news.id), Some(HTML))
        .await
        .text();
    assert!(page.contains("action=\"/interact\""), "{page}");
    assert!(page.contains(&format!("value=\"http://127.0.0.1:9/news/{}\"", news.id)));
    let profile = node.get("/actors/city", Some(HTML)).await.text();
    assert!(
        profile.contains(&format!("value=\"{target}\"")),
        "{profile}"
    );
}
