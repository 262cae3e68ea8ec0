//! The network views with 100,000 gathered items: the network news page, a page
//! deep in it, a city filter, and full-text searches (a rare word, a common word
//! with filters), each asked over HTTP of a real node, one request at a time,
//! with p50 and p99. A trivial axum handler is measured with the same client in
//! the same run as the floor. The database's query plans are printed and checked
//! for indexes. Run with:
//!
//!     cargo bench --bench network
//!     CIVICPUB_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench network
//!
//! BENCH_ITEMS (default 100000) sets the number of items, BENCH_REQUESTS
//! (default 300) the requests per query.

#[path = "load.rs"]
mod load;

use axum::{routing::get, Router};
use civicpub::config::Options;
use civicpub_domain::{NetworkItem, NetworkKind, NetworkText, Timestamp};
use civicpub_store::{testing::TestDatabase, Backend, NetworkQuery, Store};
use std::time::{Duration, Instant};

const CITIES: usize = 20;
const LANGS: [&str; 6] = ["en", "it", "fr", "es", "nl", "sq"];

/// A deterministic vocabulary of made-up words, so that word frequencies are known.
fn vocabulary() -> Vec<String> {
    let syllables = [
        "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo", "ka",
        "lu", "mo", "ne", "pi", "ta",
    ];
    // 40,000 words: texts in several languages have large vocabularies, with a
    // long tail of rare words (which is what the databases' statistics expect).
    let mut words = Vec::new();
    for a in syllables {
        for b in syllables {
            for c in syllables {
                for d in ["", "n", "r", "s", "l"] {
                    words.push(format!("{a}{b}{c}{d}"));
                }
            }
        }
    }
    words
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn item(n: usize, rng: &mut Rng, words: &[String]) -> NetworkItem {
    // Zipf-like: low word indexes are common, high ones rare.
    let word = |rng: &mut Rng| {
        let r = rng.below(words.len()) as f64 / words.len() as f64;
        words[((r * r * r) * words.len() as f64) as usize].clone()
    };
    let city = n % CITIES;
    let lang = LANGS[n % LANGS.len()];
    let kind = match n % 10 {
        0 | 1 => NetworkKind::Event,
        2 | 3 => NetworkKind::Document,
        4..=6 => NetworkKind::Note,
        _ => NetworkKind::News,
    };
    let title: Vec<String> = (0..6).map(|_| word(rng)).collect();
    let mut body: Vec<String> = (0..80).map(|_| word(rng)).collect();
    if n % 25_000 == 7 {
        // A word only four items have: the hardest case for a date-ordered scan.
        body.push("quattuorvirate".into());
    }
    let published = Timestamp(1_700_000_000_000 + n as i64 * 60_000);
    let host = format!("city{city}.example");
    NetworkItem {
        id: 0,
        uri: format!("https://{host}/items/{n}"),
        url: format!("https://{host}/items/{n}"),
        actor_uri: format!("https://{host}/actors/city"),
        host,
        kind,
        object_type: "Article".into(),
        texts: vec![NetworkText {
            lang: lang.into(),
            title: title.join(" "),
            summary_html: format!("<p>{}</p>", body[..12].join(" ")),
            content_html: format!("<p>{}</p>", body.join(" ")),
        }],
        tags: vec![format!("tag{}", n % 50)],
        starts_at: (kind == NetworkKind::Event)
            .then_some(Timestamp(published.millis() + 86_400_000 * 30)),
        ends_at: None,
        timezone: None,
        place: None,
        image: None,
        attachments: Vec::new(),
        published_at: published,
        updated_at: published,
        announced_by: None,
        local_item_id: None,
    }
}

/// Loads `count` items in batches, in one transaction per batch (the node's own
/// path takes one transaction per item, which is not what is measured here).
async fn load_items(store: &Store, count: usize) {
    let words = vocabulary();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let batch = 500;
    let mut n = 0;
    while n < count {
        let items: Vec<NetworkItem> = (n..(n + batch).min(count))
            .map(|i| item(i, &mut rng, &words))
            .collect();
        let mut tx = store.pool().begin().await.unwrap();
        let mut sql = String::from(
            "INSERT INTO network_items (uri, actor_uri, host, kind, language, title, data, \
             search_text, starts_at, published_at, updated_at, received_at) VALUES ",
        );
        for (i, _) in items.iter().enumerate() {
            let b = i * 11;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9,
                b + 10,
                b + 10,
                b + 11
            ));
        }
        let mut q = sqlx::query(&sql);
        for it in &items {
            q = q
                .bind(it.uri.clone())
                .bind(it.actor_uri.clone())
                .bind(it.host.clone())
                .bind(it.kind.as_str())
                .bind(it.language().map(str::to_string))
                .bind(it.title())
                .bind(civicpub_store::network_item_data(it).unwrap())
                .bind(civicpub_store::indexed_text(it))
                .bind(it.starts_at.map(Timestamp::millis))
                .bind(it.published_at.millis())
                .bind(it.published_at.millis());
        }
        q.execute(&mut *tx).await.unwrap();
        let tag_sql = "INSERT INTO network_item_tags (tag, item_id) \
                       SELECT $1, id FROM network_items WHERE uri = $2";
        for it in &items {
            sqlx::query(
                "INSERT INTO network_item_languages (language, item_id) \
                 SELECT $1, id FROM network_items WHERE uri = $2",
            )
            .bind(civicpub_store::item_languages(it)[0].clone())
            .bind(it.uri.clone())
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query(tag_sql)
                .bind(it.tags[0].clone())
                .bind(it.uri.clone())
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        n += batch;
    }
    // PostgreSQL's search vector is written by the node with each row (see
    // store::search); rows loaded in bulk get theirs here.
    if store.backend() == Backend::Postgres {
        store.reindex_search().await.unwrap();
    }
    // What autovacuum (PostgreSQL) would have done by then; SQLite's planner uses
    // the statistics too.
    sqlx::query("ANALYZE").execute(store.pool()).await.unwrap();
}

/// How many items contain `word`, found by scanning (not by the index under test).
async fn frequency(store: &Store, word: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) FROM network_items WHERE search_text LIKE $1")
        .bind(format!("%{word}%"))
        .fetch_one(store.pool())
        .await
        .unwrap()
        .get(0)
}

fn uses_index(backend: Backend, plan: &str) -> bool {
    match backend {
        Backend::Sqlite => {
            !plan
                .lines()
                .any(|l| l.contains("SCAN n") && !l.contains("USING"))
                && (plan.contains("USING") || plan.contains("VIRTUAL TABLE INDEX"))
        }
        Backend::Postgres => plan.contains("Index Scan") || plan.contains("Bitmap Index Scan"),
    }
}

fn main() {
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let count = env("BENCH_ITEMS", 100_000);
    let requests = env("BENCH_REQUESTS", 300);
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let (_db, store, node_addr, trivial_addr, domain) = server_rt.block_on(async {
        let db = TestDatabase::new().await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let domain = addr.to_string();
        let config = Options {
            domain: Some(domain.clone()),
            database_url: Some(db.url.clone()),
            data_dir: Some(db.scratch_dir()),
            ..Default::default()
        }
        .resolve()
        .unwrap();
        let store = civicpub::node::open(&config).await.unwrap();
        let started = Instant::now();
        load_items(&store, count).await;
        println!(
            "backend {}: {count} items loaded in {:.1} s",
            store.backend().name(),
            started.elapsed().as_secs_f64()
        );
        let state = civicpub::node::app_state(&config, &store).await.unwrap();
        tokio::spawn(async move { axum::serve(listener, civicpub_web::app(state)).await });
        let trivial_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let trivial_addr = trivial_listener.local_addr().unwrap();
        let trivial = Router::new().route("/", get(|| async { "ok" }));
        tokio::spawn(async move { axum::serve(trivial_listener, trivial).await });
        (db, store, addr, trivial_addr, domain)
    });

    // Words by frequency: a rare one and a common one, with their counts.
    let words = vocabulary();
    let (rare, common) = (words[words.len() - 3].clone(), words[1].clone());
    let (rare_n, common_n) = server_rt.block_on(async {
        (
            frequency(&store, &rare).await,
            frequency(&store, &common).await,
        )
    });
    println!("search words: '{rare}' in ~{rare_n} items, '{common}' in ~{common_n} items");

    // (label, path, the store query it runs)
    let deep = server_rt.block_on(async {
        let page = store
            .network_items(&NetworkQuery {
                limit: 1,
                before: Some(civicpub_store::Cursor {
                    published_at: 1_700_000_000_000 + (count as i64 / 2) * 60_000,
                    id: i64::MAX,
                }),
                ..Default::default()
            })
            .await
            .unwrap();
        civicpub_store::Cursor {
            published_at: page[0].published_at.millis(),
            id: page[0].id,
        }
    });
    let cases: Vec<(&str, String, NetworkQuery)> = vec![
        (
            "network news, first page",
            "/network".into(),
            NetworkQuery {
                limit: 20,
                ..Default::default()
            },
        ),
        (
            "network news, halfway down",
            format!("/network?before={deep}"),
            NetworkQuery {
                limit: 20,
                before: Some(deep),
                ..Default::default()
            },
        ),
        (
            "one city's items (JSON)",
            "/api/v1/network/items?city=city7.example".into(),
            NetworkQuery {
                limit: 20,
                host: Some("city7.example".into()),
                ..Default::default()
            },
        ),
        (
            "search, rare word",
            format!("/network/search?q={rare}"),
            NetworkQuery {
                limit: 20,
                text: Some(rare.clone()),
                ..Default::default()
            },
        ),
        (
            "search, a word in four items",
            "/network/search?q=quattuorvirate".into(),
            NetworkQuery {
                limit: 20,
                text: Some("quattuorvirate".into()),
                ..Default::default()
            },
        ),
        (
            "search, common word alone",
            format!("/network/search?q={common}"),
            NetworkQuery {
                limit: 20,
                text: Some(common.clone()),
                ..Default::default()
            },
        ),
        (
            "search, common word + kind + language (JSON)",
            format!("/api/v1/network/items?q={common}&kind=document&lang=it"),
            NetworkQuery {
                limit: 20,
                text: Some(common.clone()),
                kinds: vec![NetworkKind::Document],
                language: Some("it".into()),
                ..Default::default()
            },
        ),
    ];

    let trivial_req = vec![load::get("/", &trivial_addr.to_string(), "*/*"); requests];
    let trivial = client_rt.block_on(async {
        load::latencies(trivial_addr, &trivial_req[..50.min(requests)], 200).await;
        load::latencies(trivial_addr, &trivial_req, 200).await
    });
    let (t50, t99) = (
        load::percentile(&trivial, 50.0),
        load::percentile(&trivial, 99.0),
    );
    println!(
        "\ntrivial axum handler (floor): p50 {:.3} ms, p99 {:.3} ms\n",
        t50.as_secs_f64() * 1e3,
        t99.as_secs_f64() * 1e3
    );
    let mut all_indexed = true;
    for (label, path, query) in &cases {
        let req = vec![load::get(path, &domain, "text/html,application/json"); requests];
        let lat = client_rt.block_on(async {
            load::latencies(node_addr, &req[..20.min(requests)], 200).await;
            load::latencies(node_addr, &req, 200).await
        });
        let (p50, p99) = (load::percentile(&lat, 50.0), load::percentile(&lat, 99.0));
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{label}: GET {path}\n  p50 {:.2} ms, p99 {:.2} ms ({:.0}× / {:.0}× the floor)",
            ms(p50),
            ms(p99),
            ms(p50) / ms(t50),
            ms(p99) / ms(t99)
        );
        let plan = server_rt
            .block_on(store.explain_network_items(query))
            .unwrap();
        let indexed = uses_index(store.backend(), &plan);
        all_indexed &= indexed;
        println!(
            "  plan ({}):\n    {}",
            if indexed { "uses indexes" } else { "NO INDEX" },
            plan.replace('\n', "\n    ")
        );
    }
    println!(
        "\nall queries use indexes: {}",
        if all_indexed { "yes" } else { "NO" }
    );
    if !all_indexed {
        std::process::exit(1);
    }
}
