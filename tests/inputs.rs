//! The CLI and the API read items with the same rules: one table of inputs,
//! each given to both, each accepted by both or refused by both, naming the
//! same fields. Refused input stores nothing.

mod common;

use common::{api, TestNode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const DOMAIN: &str = "rules.example";
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// One input: its kind, the CLI's flags, the API's JSON, and the fields both
/// must name (none: accepted).
struct Case {
    what: &'static str,
    kind: &'static str,
    cli: Vec<&'static str>,
    api: Value,
    refused: &'static [&'static str],
}

fn event(
    cli: &[&'static str],
    api: Value,
    refused: &'static [&'static str],
) -> (Vec<&'static str>, Value, &'static [&'static str]) {
    (cli.to_vec(), api, refused)
}

fn cases() -> Vec<Case> {
    let text = json!([{ "lang": "en", "title": "Assembly" }]);
    let mut out = vec![
        Case {
            what: "a plain news item",
            kind: "news",
            cli: vec!["--title", "Hello"],
            api: json!({ "texts": [{ "lang": "en", "title": "Hello" }] }),
            refused: &[],
        },
        Case {
            what: "a blank title",
            kind: "news",
            cli: vec!["--title", " "],
            api: json!({ "texts": [{ "lang": "en", "title": " " }] }),
            refused: &["texts.en.title"],
        },
        Case {
            what: "a language that is not a tag, and a bad hashtag",
            kind: "news",
            cli: vec!["--lang", "EN", "--title", "Hello", "--tag", "#bad"],
            api: json!({ "texts": [{ "lang": "EN", "title": "Hello" }], "tags": ["#bad"] }),
            refused: &["texts.EN", "tags.#bad"],
        },
    ];
    for (what, (cli, api, refused)) in [
        (
            "an event at a local time with a T",
            event(
                &[
                    "--starts",
                    "2026-12-01T16:00",
                    "--ends",
                    "2026-12-01T17:30",
                    "--timezone",
                    "Europe/Amsterdam",
                ],
                json!({ "starts": "2026-12-01T16:00", "ends": "2026-12-01T17:30", "timezone": "Europe/Amsterdam" }),
                &[],
            ),
        ),
        (
            "an event at a local time with a space",
            event(
                &[
                    "--starts",
                    "2026-12-01 16:00",
                    "--ends",
                    "2026-12-01 17:30:00",
                    "--timezone",
                    "Europe/Amsterdam",
                ],
                json!({ "starts": "2026-12-01 16:00", "ends": "2026-12-01 17:30:00", "timezone": "Europe/Amsterdam" }),
                &[],
            ),
        ),
        (
            "an event that ends before it starts",
            event(
                &[
                    "--starts",
                    "2026-12-01T16:00",
                    "--ends",
                    "2026-12-01T15:00",
                    "--timezone",
                    "Europe/Rome",
                ],
                json!({ "starts": "2026-12-01T16:00", "ends": "2026-12-01T15:00", "timezone": "Europe/Rome" }),
                &["ends"],
            ),
        ),
        (
            "an event without a start, in no real zone, with an unknown status and a bad link",
            event(
                &[
                    "--ends",
                    "2026-12-01T15:00",
                    "--timezone",
                    "Mars/Olympus",
                    "--status",
                    "maybe",
                    "--online-url",
                    "not a url",
                ],
                json!({ "ends": "2026-12-01T15:00", "timezone": "Mars/Olympus", "status": "maybe", "online_url": "not a url" }),
                &["starts", "timezone", "status", "online_url"],
            ),
        ),
        (
            "an all-day event given dates",
            event(
                &[
                    "--all-day",
                    "--starts",
                    "2026-12-01",
                    "--ends",
                    "2026-12-02",
                    "--timezone",
                    "Europe/Tirane",
                ],
                json!({ "all_day": true, "starts": "2026-12-01", "ends": "2026-12-02", "timezone": "Europe/Tirane" }),
                &[],
            ),
        ),
        (
            "an all-day event given times",
            event(
                &[
                    "--all-day",
                    "--starts",
                    "2026-12-01T10:00",
                    "--ends",
                    "2026-12-01T12:00",
                    "--timezone",
                    "Europe/Tirane",
                ],
                json!({ "all_day": true, "starts": "2026-12-01T10:00", "ends": "2026-12-01T12:00", "timezone": "Europe/Tirane" }),
                &["starts", "ends"],
            ),
        ),
        (
            "a timed event given a date only",
            event(
                &[
                    "--starts",
                    "2026-12-01",
                    "--ends",
                    "2026-12-01T12:00",
                    "--timezone",
                    "Europe/Tirane",
                ],
                json!({ "starts": "2026-12-01", "ends": "2026-12-01T12:00", "timezone": "Europe/Tirane" }),
                &["starts"],
            ),
        ),
        (
            "a place with one coordinate",
            event(
                &[
                    "--starts",
                    "2026-12-01T10:00",
                    "--ends",
                    "2026-12-01T12:00",
                    "--timezone",
                    "Europe/Paris",
                    "--place",
                    "Hôtel de Ville",
                    "--latitude",
                    "44.8",
                ],
                json!({ "starts": "2026-12-01T10:00", "ends": "2026-12-01T12:00", "timezone": "Europe/Paris", "place": { "name": "Hôtel de Ville", "latitude": 44.8 } }),
                &["place.coordinates"],
            ),
        ),
    ] {
        let mut body = api;
        body["texts"] = text.clone();
        let mut flags = vec!["--title", "Assembly"];
        flags.extend(cli);
        out.push(Case {
            what,
            kind: "event",
            cli: flags,
            api: body,
            refused,
        });
    }
    out
}

/// The fields a refusal names: the API's `fields`, the CLI's `field: message` lines.
fn api_fields(body: &Value) -> BTreeSet<String> {
    body["fields"]
        .as_object()
        .map(|f| f.keys().cloned().collect())
        .unwrap_or_default()
}

fn cli_fields(stderr: &str) -> BTreeSet<String> {
    stderr
        .lines()
        .map(|l| l.trim_start_matches("civicpub: error: "))
        .filter_map(|l| l.split_once(": ").map(|(f, _)| f.to_string()))
        .collect()
}

#[tokio::test]
async fn the_cli_and_the_api_accept_and_refuse_the_same_inputs() {
    let node = TestNode::new(DOMAIN).await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    let mut checked = 0;
    for case in cases() {
        let before = node.store.count_items(None).await.unwrap();
        let r = api(
            &node,
            "POST",
            &format!(
                "/api/v1/{}",
                if case.kind == "event" {
                    "events"
                } else {
                    "news"
                }
            ),
            &token,
            Some(case.api.clone()),
        )
        .await;
        let mut args = vec![case.kind, "publish"];
        args.extend(case.cli.iter().copied());
        let o = node.cli(&args);
        let stderr = String::from_utf8_lossy(&o.stderr).to_string();
        let stored = node.store.count_items(None).await.unwrap() - before;
        if case.refused.is_empty() {
            assert_eq!(r.status, 201, "{}: API {}", case.what, r.text());
            assert!(o.status.success(), "{}: CLI {stderr}", case.what);
            assert_eq!(stored, 2, "{}: both stored", case.what);
        } else {
            let want: BTreeSet<String> = case.refused.iter().map(|f| f.to_string()).collect();
            assert_eq!(r.status, 422, "{}: API {}", case.what, r.text());
            assert_eq!(api_fields(&r.json()), want, "{}: API fields", case.what);
            assert_eq!(o.status.code(), Some(2), "{}: CLI {stderr}", case.what);
            assert_eq!(
                cli_fields(&stderr),
                want,
                "{}: CLI fields in {stderr}",
                case.what
            );
            assert_eq!(stored, 0, "{}: nothing stored", case.what);
        }
        checked += 1;
    }
    assert_eq!(checked, 11);
}

/// Documents: the same rules for the version, the licence, the adoption date
/// and the files, whether the file comes with the command or was uploaded.
#[tokio::test]
async fn documents_are_read_alike_from_the_cli_and_the_api() {
    let node = TestNode::new(DOMAIN).await;
    let token = node
        .state
        .node
        .create_token("city", "read,write")
        .await
        .unwrap();
    let pdf = node.db.scratch_dir().join("charter.pdf");
    std::fs::write(&pdf, PDF).unwrap();
    let pdf = pdf.display().to_string();
    let upload = node
        .send(
            axum::http::Request::post("/api/v1/media")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/pdf")
                .body(axum::body::Body::from(PDF.to_vec()))
                .unwrap(),
        )
        .await
        .json();
    let media = upload["id"].as_str().unwrap().to_string();
    for (what, cli, api_body, refused) in [
        (
            "a whole document",
            vec![
                "--version",
                "1.0",
                "--license",
                "CC-BY-4.0",
                "--adopted",
                "2026-03-15",
                "--file",
                pdf.as_str(),
            ],
            json!({ "version": "1.0", "license": "CC-BY-4.0", "adopted_on": "2026-03-15", "files": [{ "media": media }] }),
            vec![],
        ),
        (
            "no version, a licence that is no SPDX id, a date that is none, no file",
            vec!["--license", "not a licence", "--adopted", "15/03/2026"],
            json!({ "license": "not a licence", "adopted_on": "15/03/2026" }),
            vec!["version", "license", "adopted_on", "files"],
        ),
    ] {
        let mut body = api_body;
        body["texts"] = json!([{ "lang": "en", "title": "Charter" }]);
        let r = api(&node, "POST", "/api/v1/documents", &token, Some(body)).await;
        let mut args = vec!["document", "publish", "--title", "Charter"];
        args.extend(cli.iter().copied());
        let o = node.cli(&args);
        let stderr = String::from_utf8_lossy(&o.stderr).to_string();
        if refused.is_empty() {
            assert_eq!(r.status, 201, "{what}: {}", r.text());
            assert!(o.status.success(), "{what}: {stderr}");
        } else {
            let want: BTreeSet<String> = refused.iter().map(|f| f.to_string()).collect();
            assert_eq!(r.status, 422, "{what}");
            assert_eq!(api_fields(&r.json()), want, "{what}: API");
            assert_eq!(o.status.code(), Some(2), "{what}");
            assert_eq!(cli_fields(&stderr), want, "{what}: CLI {stderr}");
        }
    }
}
