//! The `civicpub` binary: one command runs a node; configuration mistakes exit 2
//! with one clear line; CLI commands act on the same node as `serve`.

mod common;

use civicpub_store::testing::TestDatabase;
use common::{civicpub, output, ServedNode, AP};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Arguments that point the binary at `db` and a data dir, with `domain`.
fn node_args(db: &TestDatabase, domain: &str) -> Vec<String> {
    vec![
        "--domain".into(),
        domain.into(),
        "--database-url".into(),
        db.url.clone(),
        "--data-dir".into(),
        db.scratch_dir().display().to_string(),
    ]
}

fn run(db: &TestDatabase, domain: &str, args: &[&str]) -> Output {
    let mut all = node_args(db, domain);
    all.extend(args.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    output(civicpub(&refs))
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_answers_discovery_over_http() {
    let db = TestDatabase::new().await.unwrap();
    let node = ServedNode::start(
        &db,
        db.scratch_dir(),
        &["--city", "amsterdam", "--city-name", "Amsterdam"],
    );
    let http = reqwest::Client::new();
    let domain = format!("127.0.0.1:{}", node.port);

    let wf = http
        .get(format!(
            "{}/.well-known/webfinger?resource=acct:amsterdam@{domain}",
            node.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(wf.status(), 200);
    let jrd: serde_json::Value = wf.json().await.unwrap();
    let actor_id = jrd["links"][0]["href"].as_str().unwrap().to_string();
    assert_eq!(actor_id, format!("{}/actors/amsterdam", node.base));

    let actor = http
        .get(&actor_id)
        .header("accept", AP)
        .send()
        .await
        .unwrap();
    assert_eq!(actor.status(), 200);
    assert_eq!(actor.headers()["content-type"], AP);
    let doc: serde_json::Value = actor.json().await.unwrap();
    assert_eq!(doc["id"], actor_id);
    assert_eq!(doc["name"], "Amsterdam");
    assert_eq!(doc["type"], "Organization");

    let page = http
        .get(&actor_id)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("<h1>Amsterdam</h1>"));

    let info: serde_json::Value = http
        .get(format!("{}/nodeinfo/2.1", node.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["software"]["name"], "civicpub");
    assert_eq!(info["usage"]["users"]["total"], 1);

    // The CLI acts on the same node while it runs: a new channel is served at once.
    let created = run(
        &db,
        &domain,
        &["actor", "create", "news", "--name", "Amsterdam News"],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    assert_eq!(
        stdout(&created).trim(),
        format!("{}/actors/news", node.base)
    );
    let news = http
        .get(format!("{}/actors/news", node.base))
        .header("accept", AP)
        .send()
        .await
        .unwrap();
    assert_eq!(news.status(), 200);
}

#[test]
fn bad_configuration_exits_2_naming_the_setting() {
    let dir = std::env::temp_dir().join(format!("civicpub-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad_toml = dir.join("bad.toml");
    std::fs::write(&bad_toml, "listen = [1, 2]\n").unwrap();
    let unknown_key = dir.join("unknown.toml");
    std::fs::write(&unknown_key, "domian = \"x.example\"\n").unwrap();
    let data = dir.join("data").display().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--listen".into(), "nowhere".into()], "--listen"),
        (
            vec!["--domain".into(), "https://city.example/".into()],
            "--domain",
        ),
        (
            vec!["--database-url".into(), "mysql://localhost/x".into()],
            "--database-url",
        ),
        (vec!["--city".into(), "Not A Username".into()], "--city"),
        (
            vec!["--language".into(), "klingon language".into()],
            "--language",
        ),
        (vec!["--insecure-dev=perhaps".into()], "--insecure-dev"),
        (
            vec!["--config".into(), bad_toml.display().to_string()],
            "bad.toml",
        ),
        (
            vec!["--config".into(), unknown_key.display().to_string()],
            "domian",
        ),
        (
            vec![
                "--config".into(),
                dir.join("missing.toml").display().to_string(),
            ],
            "missing.toml",
        ),
    ];
    for (args, needle) in cases {
        let mut all = vec!["--data-dir".to_string(), data.clone()];
        all.extend(args.clone());
        all.push("serve".into());
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let o = output(civicpub(&refs));
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(needle), "{args:?}: {err}");
        if !args[0].starts_with("--insecure") {
            assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
        }
    }
    // Environment variables are read too, with the same checks.
    let o = output({
        let mut c = civicpub(&["--data-dir", &data, "serve"]);
        c.env("CIVICPUB_LISTEN", "not-an-address");
        c
    });
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("CIVICPUB_LISTEN"));
    assert!(
        !dir.join("data").exists(),
        "nothing was created by a refused start"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_domain_is_fixed_at_setup() {
    let db = TestDatabase::new().await.unwrap();
    assert!(run(&db, "bordeaux.example", &["init"]).status.success());
    let first = run(&db, "bordeaux.example", &["actor", "list"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("https://bordeaux.example/actors/city"));
    let other = run(&db, "other.example", &["actor", "list"]);
    assert_eq!(other.status.code(), Some(2));
    let err = stderr(&other);
    assert!(err.contains("https://bordeaux.example/"), "{err}");
    assert!(err.contains("--domain bordeaux.example"), "{err}");
    // The same domain works again.
    assert!(run(&db, "bordeaux.example", &["actor", "list"])
        .status
        .success());
}

#[tokio::test]
async fn actor_commands_create_list_update_and_refuse_bad_input() {
    let db = TestDatabase::new().await.unwrap();
    let d = "tirana.example";
    assert!(run(&db, d, &["init"]).status.success());
    let o = run(
        &db,
        d,
        &[
            "actor",
            "create",
            "events",
            "--name",
            "Tirana Events",
            "--summary",
            "Webinars and assemblies",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "https://tirana.example/actors/events");

    let list = stdout(&run(&db, d, &["actor", "list"]));
    assert!(list.contains("city"), "{list}");
    assert!(list.contains("Tirana Events"), "{list}");
    assert!(!list.contains("instance.actor"), "{list}");

    let dup = run(&db, d, &["actor", "create", "events"]);
    assert_eq!(dup.status.code(), Some(2));
    assert!(stderr(&dup).contains("already exists"));

    for bad in ["Events", "instance.actor", "a b", ""] {
        let o = run(&db, d, &["actor", "create", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("username"), "{bad}: {}", stderr(&o));
    }

    // An icon that is not what it claims is refused, and no actor is made.
    let fake = db.scratch_dir().join("fake.png");
    std::fs::write(&fake, b"%PDF-1.4 not a picture").unwrap();
    let o = run(
        &db,
        d,
        &[
            "actor",
            "create",
            "press",
            "--icon",
            fake.to_str().unwrap(),
            "--icon-alt",
            "Logo",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("application/pdf"), "{}", stderr(&o));
    assert!(!stdout(&run(&db, d, &["actor", "list"])).contains("press"));
    let o = run(
        &db,
        d,
        &["actor", "create", "press", "--icon", fake.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "an icon needs its alt text");

    let png = db.scratch_dir().join("logo.png");
    std::fs::write(&png, common::PNG).unwrap();
    let o = run(
        &db,
        d,
        &[
            "actor",
            "update",
            "events",
            "--website",
            "https://tirana.example/events",
            "--icon",
            png.to_str().unwrap(),
            "--icon-alt",
            "Tirana logo",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let store = db.store().await.unwrap();
    let events = store.actor_by_username("events").await.unwrap().unwrap();
    assert_eq!(
        events.website.unwrap().as_str(),
        "https://tirana.example/events"
    );
    assert_eq!(events.icon_alt.as_deref(), Some("Tirana logo"));
    assert_eq!(events.icon.unwrap().media_type, "image/png");

    let o = run(
        &db,
        d,
        &["actor", "update", "events", "--website", "ftp://x"],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(&db, d, &["actor", "update", "nobody", "--name", "X"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nobody"));
}

#[tokio::test]
async fn migrate_runs_alone() {
    let db = TestDatabase::new().await.unwrap();
    let o = run(&db, "milan.example", &["migrate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("up to date"));
    let store = db.store().await.unwrap();
    assert!(
        store.setting("base_url").await.unwrap().is_none(),
        "migrate sets nothing up"
    );
}

#[tokio::test]
async fn flags_beat_environment_beats_file() {
    let db = TestDatabase::new().await.unwrap();
    let file = db.scratch_dir().join("civicpub.toml");
    std::fs::write(&file, "city = \"fromfile\"\ncity_name = \"File City\"\n").unwrap();
    let mut args = node_args(&db, "barcelona.example");
    args.extend(["--config".into(), file.display().to_string()]);
    let with = |command: &[&str]| {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(command);
        let mut cmd = civicpub(&all);
        cmd.env("CIVICPUB_CITY", "fromenv");
        output(cmd)
    };
    // The city is named at setup.
    let o = with(&["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = with(&["actor", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&o);
    assert!(
        list.contains("fromenv"),
        "the environment beats the file: {list}"
    );
    assert!(
        list.contains("File City"),
        "the file fills what nothing else gave: {list}"
    );

    let db2 = TestDatabase::new().await.unwrap();
    let mut args = node_args(&db2, "barcelona.example");
    args.extend(["--city".into(), "fromflag".into()]);
    let with = |command: &[&str]| {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(command);
        let mut cmd = civicpub(&all);
        cmd.env("CIVICPUB_CITY", "fromenv");
        output(cmd)
    };
    assert!(with(&["init"]).status.success());
    let list = stdout(&with(&["actor", "list"]));
    assert!(
        list.contains("fromflag") && !list.contains("fromenv"),
        "{list}"
    );
}
