//! The public site under load, with 10,000 items: the home page, an item's
//! page and the network news page, each served to 32 keep-alive connections
//! and reported against the actor document's rate in the same run (the
//! cheapest thing a node serves; target: each page at least half of it). Then
//! the cost of a page after a change: an item is published, and the first
//! request of each page renders it again (p50 and p99; target: p99 under
//! 20 ms). Run with:
//!
//!     cargo bench --bench pages
//!     CIVICPUB_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench pages
//!
//! BENCH_ITEMS (default 10000) sets the number of items, BENCH_SECONDS
//! (default 3) each round's length (three rounds, medians reported),
//! BENCH_PUBLISHES (default 200) the cold renders measured.

#[path = "load.rs"]
mod load;

use civicpub::config::Options;
use civicpub_domain::ItemKind;
use civicpub_service::items::{ItemInput, MediaRef, PlaceInput, TextInput};
use civicpub_service::media::MediaInput;
use civicpub_store::testing::TestDatabase;
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 32;
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn text(n: usize, lang: &str) -> TextInput {
    TextInput {
        lang: lang.into(),
        title: format!("Item {n}: the council's plans for the neighbourhood"),
        summary: "What changes for residents, and how to take part in the decision.".into(),
        body: format!(
            "The council met on {n} occasions.\n\n## What changes\n\n- Buses stop in Via Roma.\n\
             - Residents reach their garages.\n\nRead the **full plan** at the town hall."
        ),
    }
}

/// Item `n` of the mix: mostly news, then events, then documents.
fn input(n: usize) -> (ItemKind, ItemInput) {
    let mut i = ItemInput {
        texts: vec![text(n, "en"), text(n, "it")],
        tags: vec![format!("tag{}", n % 20)],
        ..Default::default()
    };
    match n % 10 {
        0..=5 => (ItemKind::News, i),
        6..=8 => {
            let day = 1 + n % 28;
            i.starts = Some(format!("2031-03-{day:02}T18:00"));
            i.ends = Some(format!("2031-03-{day:02}T20:00"));
            i.timezone = Some("Europe/Rome".into());
            i.place = Some(PlaceInput {
                name: "Sala consiliare".into(),
                address: Some("Piazza del Municipio 1".into()),
                latitude: Some(44.49),
                longitude: Some(11.34),
            });
            (ItemKind::Event, i)
        }
        _ => {
            i.version = Some("1.0".into());
            i.license = Some("CC-BY-4.0".into());
            i.adopted_on = Some("2026-03-15".into());
            i.files = vec![MediaRef {
                media: MediaInput::Upload {
                    bytes: PDF.to_vec(),
                    claimed: None,
                },
                alt: None,
                name: Some("plan.pdf".into()),
            }];
            (ItemKind::Document, i)
        }
    }
}

fn env(k: &str, d: usize) -> usize {
    std::env::var(k)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(d)
}

fn main() {
    let count = env("BENCH_ITEMS", 10_000);
    let seconds = env("BENCH_SECONDS", 3) as u64;
    let publishes = env("BENCH_PUBLISHES", 200);
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    let (db, state, addr, domain, item_path) = server_rt.block_on(async {
        let db = TestDatabase::new().await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let domain = addr.to_string();
        let config = Options {
            domain: Some(domain.clone()),
            database_url: Some(db.url.clone()),
            data_dir: Some(db.scratch_dir()),
            city_name: Some("Città di Prova".into()),
            ..Default::default()
        }
        .resolve()
        .unwrap();
        let store = civicpub::node::open(&config).await.unwrap();
        let state = civicpub::node::app_state(&config, &store).await.unwrap();
        let city = state.node.publishing_actor("city").await.unwrap();
        let started = Instant::now();
        let mut item_path = String::new();
        for n in 0..count {
            let (kind, input) = input(n);
            let item = state.node.publish(&city, kind, input).await.unwrap();
            if n == count / 2 {
                item_path = item.path();
            }
        }
        println!(
            "backend {}: {count} items published in {:.1} s",
            store.backend().name(),
            started.elapsed().as_secs_f64()
        );
        let app = civicpub_web::app(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (db, state, addr, domain, item_path)
    });

    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let targets = [
        (
            "actor document",
            load::get("/actors/city", &domain, "application/activity+json"),
        ),
        ("network news", load::get("/network", &domain, browser)),
        ("item page", load::get(&item_path, &domain, browser)),
        ("home page", load::get("/", &domain, browser)),
    ];
    let duration = Duration::from_secs(seconds);
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); targets.len()];
    client_rt.block_on(async {
        for (_, req) in &targets {
            load::run(addr, req.clone(), 200, CONNECTIONS, Duration::from_secs(1)).await;
        }
        for round in 1..=3 {
            let mut line = format!("round {round}:");
            for (i, (name, req)) in targets.iter().enumerate() {
                let r = load::run(addr, req.clone(), 200, CONNECTIONS, duration).await;
                assert_eq!(r.errors, 0, "{name}: unexpected statuses");
                line.push_str(&format!("  {name} {:.0}/s", r.per_second()));
                rates[i].push(r.per_second());
            }
            println!("{line}");
        }
    });
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let medians: Vec<f64> = rates.iter_mut().map(median).collect();
    let actor = medians[0];
    println!(
        "\nbackend: {}, {count} items, {CONNECTIONS} connections",
        db.backend.name()
    );
    println!("GET actor document (the reference): {actor:>9.0} req/s");
    let mut all_ok = true;
    for (i, (name, req)) in targets.iter().enumerate().skip(1) {
        let ratio = 100.0 * medians[i] / actor;
        all_ok &= ratio >= 50.0;
        println!(
            "GET {:<30} {:>9.0} req/s  {ratio:>5.1}% of the actor document (target: at least 50%)",
            format!("{name} ({})", req.split(' ').nth(1).unwrap_or("")),
            medians[i]
        );
    }

    // The first request of each page after a publish renders it again.
    let city = server_rt
        .block_on(state.node.publishing_actor("city"))
        .unwrap();
    let mut cold: Vec<Vec<Duration>> = vec![Vec::new(); targets.len() - 1];
    for n in 0..publishes {
        let (kind, input) = input(count + n);
        server_rt
            .block_on(state.node.publish(&city, kind, input))
            .unwrap();
        client_rt.block_on(async {
            for (i, (_, req)) in targets.iter().enumerate().skip(1) {
                let lat = load::latencies(addr, std::slice::from_ref(req), 200).await;
                cold[i - 1].push(lat[0]);
            }
        });
    }
    println!("\ncold render after a publish ({publishes} publishes):");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (i, lat) in cold.iter_mut().enumerate() {
        lat.sort();
        let (p50, p99) = (load::percentile(lat, 50.0), load::percentile(lat, 99.0));
        all_ok &= p99 < Duration::from_millis(20);
        println!(
            "  {:<14} p50 {:>6.2} ms   p99 {:>6.2} ms (target: p99 under 20 ms)",
            targets[i + 1].0,
            ms(p50),
            ms(p99)
        );
    }
    println!("\nall targets met: {}", if all_ok { "yes" } else { "NO" });
}
