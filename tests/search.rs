//! Search finds what citizens type: other forms of a word, in the language of
//! each item (Snowball stems in SQLite's index, PostgreSQL's text-search
//! configurations), and not unrelated words. On the backend under test.

mod common;

use civicpub_domain::{NetworkItem, NetworkKind, NetworkText, Timestamp};
use civicpub_store::{NetworkQuery, Store};
use common::{TestNode, BROWSER};

fn item(n: i64, lang: &str, title: &str, body: &str) -> NetworkItem {
    let host = "bologna.example".to_string();
    NetworkItem {
        id: 0,
        uri: format!("https://{host}/items/{n}"),
        url: format!("https://{host}/items/{n}"),
        actor_uri: format!("https://{host}/actors/city"),
        host,
        kind: NetworkKind::News,
        object_type: "Article".into(),
        texts: vec![NetworkText {
            lang: lang.into(),
            title: title.into(),
            summary_html: String::new(),
            content_html: format!("<p>{body}</p>"),
        }],
        tags: Vec::new(),
        starts_at: None,
        ends_at: None,
        timezone: None,
        place: None,
        image: None,
        attachments: Vec::new(),
        published_at: Timestamp(1_760_000_000_000 + n * 60_000),
        updated_at: Timestamp(1_760_000_000_000 + n * 60_000),
        announced_by: None,
        local_item_id: None,
    }
}

/// The titles a search finds.
async fn found(store: &Store, words: &str) -> Vec<String> {
    let mut titles: Vec<String> = store
        .network_items(&NetworkQuery {
            text: Some(words.into()),
            limit: 20,
            ..Default::default()
        })
        .await
        .unwrap()
        .iter()
        .map(|i| i.title())
        .collect();
    titles.sort();
    titles
}

const BIKES: &str = "New bikes for every neighbourhood";
const DIGITAL: &str = "Servizi digitali per i cittadini";
const ELECTIONS: &str = "Les élections municipales approchent";

async fn seeded() -> TestNode {
    let node = TestNode::new("testville.example").await;
    for (n, lang, title, body) in [
        (
            1,
            "en",
            BIKES,
            "The city is buying three hundred shared bicycles.",
        ),
        (
            2,
            "it",
            DIGITAL,
            "Il comune apre lo sportello per l'identità digitale.",
        ),
        (
            3,
            "fr",
            ELECTIONS,
            "Les bureaux de vote ouvriront à huit heures.",
        ),
    ] {
        node.store
            .upsert_network_item(&item(n, lang, title, body), &[])
            .await
            .unwrap();
    }
    node
}

#[tokio::test]
async fn other_forms_of_a_word_find_items_in_their_own_language() {
    let node = seeded().await;
    let store = &node.store;
    // English: the singular finds the plural, and the other way round.
    assert_eq!(found(store, "bike").await, [BIKES]);
    assert_eq!(found(store, "neighbourhoods").await, [BIKES]);
    assert_eq!(found(store, "buy").await, [BIKES]);
    // Italian: "digitale" finds "digitali", "servizio" finds "servizi".
    assert_eq!(found(store, "digitale").await, [DIGITAL]);
    assert_eq!(found(store, "servizio").await, [DIGITAL]);
    assert_eq!(found(store, "cittadino").await, [DIGITAL]);
    // French: "élection" finds "élections"; without its accent too.
    assert_eq!(found(store, "élection").await, [ELECTIONS]);
    assert_eq!(found(store, "election municipale").await, [ELECTIONS]);
    assert_eq!(found(store, "bureau").await, [ELECTIONS]);
    // Every word must match, and unrelated words find nothing.
    for words in [
        "car",
        "biblioteca",
        "vélo",
        "bike digitale",
        "municipality tram",
    ] {
        assert_eq!(found(store, words).await, Vec::<String>::new(), "{words}");
    }
    // The same word as written still finds it.
    assert_eq!(found(store, "bicycles").await, [BIKES]);
}

#[tokio::test]
async fn the_search_page_counts_and_marks_what_it_found() {
    let node = seeded().await;
    let page = node.get("/network/search?q=bike", Some(BROWSER)).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("1 result"), "{html}");
    assert!(
        html.contains("New <mark>bikes</mark> for every neighbourhood"),
        "{html}"
    );
    let none = node
        .get("/network/search?q=tram", Some(BROWSER))
        .await
        .text();
    assert!(none.contains("No results"), "{none}");
    // Searches are not kept in the page cache, and say so to no one.
    assert!(
        node.get("/network/search?q=bike", Some(BROWSER))
            .await
            .header("etag")
            .len()
            > 2
    );
}

#[tokio::test]
async fn items_indexed_before_word_forms_are_indexed_again() {
    let node = TestNode::new("testville.example").await;
    node.store
        .upsert_network_item(&item(1, "it", DIGITAL, "Sportello."), &[])
        .await
        .unwrap();
    // As an index written before word forms were: the words alone.
    let plain = format!("{DIGITAL}\nSportello.\n");
    sqlx::query("UPDATE network_items SET search_text = $1")
        .bind(&plain)
        .execute(node.store.pool())
        .await
        .unwrap();
    if node.store.backend() == civicpub_store::Backend::Postgres {
        sqlx::query("UPDATE network_items SET search = to_tsvector('simple', search_text)")
            .execute(node.store.pool())
            .await
            .unwrap();
    }
    node.store.set_setting("search_index", "1").await.unwrap();
    assert_eq!(found(&node.store, "digitale").await, Vec::<String>::new());
    // What the next start does.
    node.store.migrate().await.unwrap();
    assert_eq!(found(&node.store, "digitale").await, [DIGITAL]);
    assert_eq!(
        node.store.reindex_search_if_needed().await.unwrap(),
        0,
        "once"
    );
}
