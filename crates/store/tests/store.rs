//! The store on the backend under test (`CIVICPUB_TEST_DATABASE_URL`, else SQLite).

use civicpub_domain::{ActorKind, MediaKind, NewActor, ProfileUpdate, Username};
use civicpub_store::{
    testing::{test_backend, TestDatabase},
    Backend, MediaFiles, StoreError,
};
use sqlx::Row;

fn new_actor(name: &str) -> NewActor {
    NewActor {
        username: Username::parse(name).unwrap(),
        kind: ActorKind::Organization,
        display_name: name.to_uppercase(),
        summary: String::new(),
        website: None,
        contact: None,
        public_key_pem: "pub".into(),
        private_key_pem: "priv".into(),
    }
}

#[tokio::test]
async fn runs_on_the_backend_under_test_in_a_database_of_its_own() {
    let db = TestDatabase::new().await.unwrap();
    let store = db.store().await.unwrap();
    assert_eq!(store.backend(), test_backend());
    if store.backend() == Backend::Postgres {
        let schema: String = sqlx::query("SELECT CAST(current_schema() AS TEXT)")
            .fetch_one(store.pool())
            .await
            .unwrap()
            .get(0);
        assert!(schema.starts_with("civicpub_test_"), "{schema}");
    }
    // Migrating twice is harmless.
    store.migrate().await.unwrap();
}

#[tokio::test]
async fn actors_round_trip_and_usernames_are_unique() {
    let db = TestDatabase::new().await.unwrap();
    let store = db.store().await.unwrap();
    let a = store.insert_actor(&new_actor("news")).await.unwrap();
    assert_eq!(a.username.as_str(), "news");
    assert_eq!(a.display_name, "NEWS");
    assert!(!a.manually_approves_followers);
    assert!(a.discoverable && a.indexable);
    match store.insert_actor(&new_actor("news")).await {
        Err(StoreError::Conflict(what)) => assert!(what.contains("news")),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let updated = store
        .update_profile(
            "news",
            &ProfileUpdate {
                manually_approves_followers: Some(true),
                discoverable: Some(false),
                website: Some(Some(url::Url::parse("https://city.example/").unwrap())),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(updated.updated_at > a.updated_at);
    let read = store.actor_by_username("news").await.unwrap().unwrap();
    assert_eq!(read, updated);
    assert!(read.manually_approves_followers);
    assert!(!read.discoverable && !read.indexable);
    assert!(matches!(
        store
            .update_profile("nobody", &ProfileUpdate::default())
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.count_publishing_actors().await.unwrap(), 1);
    assert_eq!(store.publishing_actors().await.unwrap().len(), 1);
}

#[tokio::test]
async fn settings_keep_their_first_value() {
    let db = TestDatabase::new().await.unwrap();
    let store = db.store().await.unwrap();
    assert_eq!(store.setting("base_url").await.unwrap(), None);
    assert_eq!(
        store
            .setting_or_insert("base_url", "https://a.example/")
            .await
            .unwrap(),
        "https://a.example/"
    );
    assert_eq!(
        store
            .setting_or_insert("base_url", "https://b.example/")
            .await
            .unwrap(),
        "https://a.example/"
    );
    store.set_setting("x", "1").await.unwrap();
    store.set_setting("x", "2").await.unwrap();
    assert_eq!(store.setting("x").await.unwrap().as_deref(), Some("2"));
}

#[tokio::test]
async fn media_is_checked_stored_once_and_addressed_by_content() {
    let db = TestDatabase::new().await.unwrap();
    let store = db.store().await.unwrap();
    let files = MediaFiles::new(&db.scratch_dir());
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let m = files
        .save(&store, &pdf, Some(MediaKind::Pdf), 1024)
        .await
        .unwrap();
    assert_eq!(m.media_type, "application/pdf");
    assert_eq!(m.size, pdf.len() as i64);
    assert_eq!(m.sha256.len(), 64);
    assert_eq!(std::fs::read(files.path(&m.sha256)).unwrap(), pdf);
    let again = files.save(&store, &pdf, None, 1024).await.unwrap();
    assert_eq!(again, m);
    assert_eq!(store.media(&m.sha256).await.unwrap(), Some(m.clone()));

    let too_big = files.save(&store, &pdf, None, 10).await.unwrap_err();
    assert!(too_big.to_string().contains("limit"), "{too_big}");
    let liar = files
        .save(&store, b"GIF89a....", Some(MediaKind::Png), 1024)
        .await
        .unwrap_err();
    assert!(liar.to_string().contains("image/gif"), "{liar}");
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM media")
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 1, "refused files leave nothing behind");
}

/// The remote-media cache keeps what was shown last and evicts the least
/// recently shown beyond its size; only URLs some gathered item shows are known.
#[tokio::test]
async fn the_remote_media_cache_evicts_the_least_recently_shown() {
    use civicpub_domain::{NetworkText, Timestamp};
    let db = TestDatabase::new().await.unwrap();
    let store = db.store().await.unwrap();
    let item = note(
        1,
        NetworkText {
            lang: "en".into(),
            title: String::new(),
            summary_html: String::new(),
            content_html: "<p>Pictures</p>".into(),
        },
        Timestamp(1_700_000_000_000),
    );
    let urls: Vec<String> = (1..=3)
        .map(|n| format!("https://b.example/{n}.png"))
        .collect();
    store.upsert_network_item(&item, &urls).await.unwrap();
    assert!(store
        .remote_media("https://evil.example/x.png")
        .await
        .unwrap()
        .is_none());
    let mut ids = Vec::new();
    for url in &urls {
        let m = store.remote_media(url).await.unwrap().unwrap();
        store
            .remote_media_fetched(m.id, Some(("image/png", 100)))
            .await
            .unwrap();
        ids.push(m.id);
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    // The first is shown again: the second is now the least recently shown.
    store.remote_media_used(ids[0]).await.unwrap();
    assert!(store.evict_remote_media(300).await.unwrap().is_empty());
    assert_eq!(
        store.evict_remote_media(150).await.unwrap(),
        [ids[1], ids[2]]
    );
    let second = store.remote_media(&urls[1]).await.unwrap().unwrap();
    assert_eq!((second.size, second.fetched_at), (0, None));
    assert_eq!(
        store.remote_media(&urls[0]).await.unwrap().unwrap().size,
        100
    );
}

/// A search for a word most items have walks the date index on SQLite instead
/// of sorting every match; both ways must give the same pages, including when
/// the word's items are all old (the walk stops and FTS5 answers).
#[tokio::test]
async fn searches_give_the_newest_matches_whichever_way_they_are_found() {
    use civicpub_domain::{NetworkItem, NetworkText, Timestamp};
    use civicpub_store::{Cursor, NetworkQuery};
    const ITEMS: usize = 2_100;
    let db = TestDatabase::new().await.unwrap();
    let store = db.store().await.unwrap();
    // Inserted out of date order, so that ids do not follow dates.
    for i in 0..ITEMS {
        let n = (i * 7919) % ITEMS;
        let mut words = vec![format!("word{n}")];
        if !n.is_multiple_of(3) {
            words.push("common".into());
        }
        if n < 300 {
            words.push("bygone".into());
        }
        let at = Timestamp(1_700_000_000_000 + n as i64 * 60_000);
        let item = note(
            n,
            NetworkText {
                lang: if n.is_multiple_of(2) { "en" } else { "it" }.into(),
                title: format!("Item {n}"),
                summary_html: String::new(),
                content_html: format!("<p>{}</p>", words.join(" ")),
            },
            at,
        );
        store.upsert_network_item(&item, &[]).await.unwrap();
    }
    let search = |text: &str, lang: Option<&str>, before: Option<Cursor>| NetworkQuery {
        text: Some(text.into()),
        language: lang.map(str::to_string),
        before,
        limit: 20,
        ..Default::default()
    };
    let titles = |items: &[NetworkItem]| -> Vec<String> {
        items.iter().map(|i| i.title().to_string()).collect()
    };
    let expected = |keep: &dyn Fn(usize) -> bool, below: usize| -> Vec<String> {
        (0..below)
            .rev()
            .filter(|n| keep(*n))
            .take(20)
            .map(|n| format!("Item {n}"))
            .collect()
    };

    let q = search("common", None, None);
    let page = store.network_items(&q).await.unwrap();
    assert_eq!(titles(&page), expected(&|n| n % 3 != 0, ITEMS));
    if store.backend() == Backend::Sqlite {
        let plan = store.explain_network_items(&q).await.unwrap();
        assert!(
            plan.contains("network_items_by_date (published_at>?)"),
            "a common word walks the date index: {plan}"
        );
    }
    // The next page, from the last item of this one.
    let last = page.last().unwrap();
    let next = store
        .network_items(&search("common", None, Some(Cursor::after(last))))
        .await
        .unwrap();
    let below: usize = last.title().trim_start_matches("Item ").parse().unwrap();
    assert_eq!(titles(&next), expected(&|n| n % 3 != 0, below));
    // Near the oldest items: fewer items are left than a walk's window, and
    // then fewer matches than a page.
    for below in [200, 10] {
        let at = store
            .network_item_by_uri(&format!("https://b.example/notes/{below}"))
            .await
            .unwrap()
            .unwrap();
        let page = store
            .network_items(&search("common", None, Some(Cursor::after(&at))))
            .await
            .unwrap();
        assert_eq!(
            titles(&page),
            expected(&|n| n % 3 != 0, below),
            "below {below}"
        );
    }
    // With a filter that is indexed as a token too.
    let italian = store
        .network_items(&search("common", Some("it"), None))
        .await
        .unwrap();
    assert_eq!(
        titles(&italian),
        expected(&|n| n % 3 != 0 && n % 2 == 1, ITEMS)
    );
    // A word that only old items have: the newest of those.
    let bygone = store
        .network_items(&search("bygone", None, None))
        .await
        .unwrap();
    assert_eq!(titles(&bygone), expected(&|n| n < 300, ITEMS));
    // And a rare word.
    let one = store
        .network_items(&search("word1234", None, None))
        .await
        .unwrap();
    assert_eq!(titles(&one), ["Item 1234"]);
}

/// A public note from b.example, number `n`, with one text, published at `at`.
fn note(
    n: usize,
    text: civicpub_domain::NetworkText,
    at: civicpub_domain::Timestamp,
) -> civicpub_domain::NetworkItem {
    civicpub_domain::NetworkItem {
        id: 0,
        uri: format!("https://b.example/notes/{n}"),
        url: format!("https://b.example/notes/{n}"),
        actor_uri: "https://b.example/users/a".into(),
        host: "b.example".into(),
        kind: civicpub_domain::NetworkKind::Note,
        object_type: "Note".into(),
        texts: vec![text],
        tags: vec![],
        starts_at: None,
        ends_at: None,
        timezone: None,
        place: None,
        image: None,
        attachments: vec![],
        published_at: at,
        updated_at: at,
        announced_by: None,
        local_item_id: None,
    }
}
