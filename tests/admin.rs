//! The web admin's rules and the acceptance points of issue 14 that need no
//! browser: staff accounts and sessions (argon2id, rate-limited logins,
//! disabling ends sessions, CSRF on every form), drafts that nothing public
//! shows, scheduled publishing that happens once even with several
//! processes, and a session shared by two `serve` processes on one database.
//! Every test runs on SQLite, and on PostgreSQL with CIVICPUB_TEST_DATABASE_URL.

mod common;

use axum::body::Body;
use axum::http::Request;
use civicpub_domain::{ItemKind, Timestamp};
use civicpub_service::ServiceError;
use common::{civicpub, free_port, news, Reply, ServedNode, TestNode, AP, BROWSER};
use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test]
async fn staff_accounts_have_rules_and_logins_are_limited() {
    let node = TestNode::new("admin.example").await;
    let n = &node.state.node;

    // Bad input: every problem at once, nothing created.
    match n.create_staff_user("Anna Rossi", "boss", "short").await {
        Err(ServiceError::Invalid(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["name", "role", "password"], "{errors:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(n.staff_users().await.unwrap().is_empty());

    let anna = n
        .create_staff_user("anna", "editor", PASSWORD)
        .await
        .unwrap();
    assert_eq!(anna.role, "editor");
    assert!(matches!(
        n.create_staff_user("anna", "admin", PASSWORD).await,
        Err(ServiceError::Conflict(_))
    ));
    // Only an argon2id hash is stored.
    let (_, hash) = node
        .store
        .staff_user_by_name("anna")
        .await
        .unwrap()
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$") && !hash.contains(PASSWORD),
        "{hash}"
    );

    // A session, and its CSRF token.
    let session = n.log_in("anna", PASSWORD, "192.0.2.1").await.unwrap();
    let staff = n.staff_session(&session.secret).await.unwrap();
    assert_eq!(staff.user.name, "anna");
    assert!(!staff.is_admin());
    assert!(staff.csrf_matches(&session.staff.csrf_token));
    assert!(!staff.csrf_matches(""));
    assert!(!staff.csrf_matches("forged"));
    assert!(matches!(
        n.staff_session("not a session").await,
        Err(ServiceError::Unauthorized(_))
    ));

    // Wrong passwords and unknown names get the same answer…
    for _ in 0..5 {
        assert!(matches!(
            n.log_in("anna", "wrong password!", "192.0.2.2").await,
            Err(ServiceError::Unauthorized(_))
        ));
    }
    assert!(matches!(
        n.log_in("nobody", PASSWORD, "192.0.2.3").await,
        Err(ServiceError::Unauthorized(_))
    ));
    // …and after five failures the account is locked for a while, even with
    // the right password, from any address.
    assert!(matches!(
        n.log_in("anna", PASSWORD, "192.0.2.9").await,
        Err(ServiceError::TooMany(_, _))
    ));
    // One address trying many names is limited too.
    for i in 0..20 {
        let _ = n.log_in(&format!("guess{i}"), "x", "198.51.100.7").await;
    }
    n.create_staff_user("bruno", "admin", PASSWORD)
        .await
        .unwrap();
    assert!(matches!(
        n.log_in("bruno", PASSWORD, "198.51.100.7").await,
        Err(ServiceError::TooMany(_, _))
    ));
    let bruno = n.log_in("bruno", PASSWORD, "203.0.113.5").await.unwrap();
    assert!(bruno.staff.is_admin());

    // Disabling ends the sessions at once, and refuses logins.
    n.set_staff_disabled("bruno", true).await.unwrap();
    assert!(matches!(
        n.staff_session(&bruno.secret).await,
        Err(ServiceError::Unauthorized(_))
    ));
    assert!(matches!(
        n.log_in("bruno", PASSWORD, "203.0.113.5").await,
        Err(ServiceError::Unauthorized(_))
    ));
    n.set_staff_disabled("bruno", false).await.unwrap();
    let again = n.log_in("bruno", PASSWORD, "203.0.113.5").await.unwrap();
    // A new password ends the sessions too.
    n.set_staff_password("bruno", "another long password")
        .await
        .unwrap();
    assert!(n.staff_session(&again.secret).await.is_err());
    assert!(n
        .log_in("bruno", "another long password", "203.0.113.5")
        .await
        .is_ok());
}

#[tokio::test]
async fn drafts_are_nowhere_public_and_are_published_once() {
    let node = TestNode::new("drafts.example").await;
    let n = &node.state.node;
    let city = n.actor_or_city(None).await.unwrap();

    let draft = n
        .save_draft(
            &city,
            ItemKind::News,
            None,
            news("Secret budget draft"),
            None,
        )
        .await
        .unwrap();
    assert!(draft.publish_at.is_none());
    // Nothing public shows it: pages, the outbox, feeds, the network views.
    for (path, accept) in [
        ("/", BROWSER),
        ("/news", BROWSER),
        ("/network", BROWSER),
        ("/actors/city/outbox?page=true", AP),
        ("/feeds/news.rss", "application/rss+xml"),
    ] {
        let page = node.get(path, Some(accept)).await.text();
        assert!(!page.contains("Secret budget draft"), "{path}: {page}");
    }
    assert!(node
        .store
        .items(None, None, None, 10)
        .await
        .unwrap()
        .is_empty());

    // A draft is read with the rules of publishing.
    assert!(matches!(
        n.save_draft(&city, ItemKind::News, None, news(""), None)
            .await,
        Err(ServiceError::Invalid(_))
    ));
    // A schedule is in the future.
    assert!(matches!(
        n.save_draft(
            &city,
            ItemKind::News,
            Some(draft.id),
            news("x"),
            Some(Timestamp::now())
        )
        .await,
        Err(ServiceError::Invalid(_))
    ));

    // Published, it is an item, and the draft is gone: a second attempt
    // (another process that found it due) publishes nothing.
    let item = n.publish_draft(draft.id).await.unwrap();
    assert!(matches!(
        n.publish_draft(draft.id).await,
        Err(ServiceError::NotFound(_))
    ));
    let page = node.get(&item.path(), Some(BROWSER)).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Secret budget draft"));
    assert_eq!(
        node.store.items(None, None, None, 10).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn scheduled_drafts_are_published_when_due_exactly_once() {
    let node = TestNode::new("schedule.example").await;
    let n = node.state.node.clone();
    let city = n.actor_or_city(None).await.unwrap();
    let soon = Timestamp(Timestamp::now().millis() + 700);
    n.save_draft(&city, ItemKind::News, None, news("On the hour"), Some(soon))
        .await
        .unwrap();
    assert_eq!(n.publish_due_drafts().await.unwrap(), 0, "not due yet");
    tokio::time::sleep(Duration::from_millis(900)).await;
    // Several publishers at once (as several processes would be): one wins.
    let (a, b, c) = tokio::join!(
        n.publish_due_drafts(),
        n.publish_due_drafts(),
        n.publish_due_drafts()
    );
    assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), 1);
    let items = node.store.items(None, None, None, 10).await.unwrap();
    assert_eq!(items.len(), 1);
    assert!(n.saved_drafts().await.unwrap().is_empty());
}

/// The login form's token and cookie, from GET /admin/login.
fn login_token(reply: &Reply) -> (String, String) {
    let body = reply.text();
    let token = body
        .split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the login form has a token")
        .to_string();
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civicpub_login="))
        .and_then(|c| c.split(';').next())
        .expect("the login cookie")
        .to_string();
    (token, cookie)
}

fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civicpub_admin=") && !c.starts_with("civicpub_admin=;"))
        .map(|c| c.to_string())
}

fn form(uri: &str, cookie: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .header("accept", BROWSER)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn the_admin_logs_in_checks_csrf_and_publishes() {
    let node = TestNode::new("web.example").await;
    let n = &node.state.node;
    n.create_staff_user("anna", "editor", PASSWORD)
        .await
        .unwrap();

    // Without a session: to the login page.
    let r = node.get("/admin", Some(BROWSER)).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/admin/login");
    assert_eq!(
        node.get("/login", Some(BROWSER)).await.header("location"),
        "/admin/login"
    );

    let page = node.get("/admin/login", Some(BROWSER)).await;
    assert_eq!(page.status, 200);
    let (token, login_cookie) = login_token(&page);

    // A wrong password, and a login without the form's token, are refused.
    let r = node
        .send(form(
            "/admin/login",
            &login_cookie,
            &[
                ("token", &token),
                ("name", "anna"),
                ("password", "wrong one!"),
            ],
        ))
        .await;
    assert_eq!(r.status, 401);
    assert!(session_cookie(&r).is_none());
    let r = node
        .send(form(
            "/admin/login",
            "",
            &[("token", &token), ("name", "anna"), ("password", PASSWORD)],
        ))
        .await;
    assert_eq!(r.status, 403);
    assert!(session_cookie(&r).is_none());

    let r = node
        .send(form(
            "/admin/login",
            &login_cookie,
            &[("token", &token), ("name", "anna"), ("password", PASSWORD)],
        ))
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let set = session_cookie(&r).expect("a session cookie");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/admin"] {
        assert!(set.contains(part), "{set}");
    }
    // The node's base URL is https: the cookie never travels in clear text.
    assert!(set.contains("; Secure"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();

    let mut req = Request::get("/admin")
        .header("cookie", &cookie)
        .header("accept", BROWSER);
    req = req.header("accept-language", "en");
    let r = node.send(req.body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-store");
    let dashboard = r.text();
    assert!(dashboard.contains("anna (editor)"), "{dashboard}");
    let csrf = dashboard
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();

    // A form without the session's CSRF token changes nothing.
    let publish = |csrf: &str| {
        form(
            "/admin/content/news/new",
            &cookie,
            &[
                ("csrf", csrf),
                ("actor", "city"),
                ("texts.en.title", "From the admin"),
                ("texts.en.body", "Hello **city**."),
                ("action", "publish"),
            ],
        )
    };
    assert_eq!(node.send(publish("")).await.status, 403);
    assert_eq!(node.send(publish("forged")).await.status, 403);
    assert!(node
        .store
        .items(None, None, None, 5)
        .await
        .unwrap()
        .is_empty());

    let r = node.send(publish(&csrf)).await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), "/admin/content/news?done=published");
    let items = node.store.items(None, None, None, 5).await.unwrap();
    assert_eq!(items.len(), 1);

    // A refused form comes back with the problem beside its field.
    let r = node
        .send(form(
            "/admin/content/events/new",
            &cookie,
            &[
                ("csrf", &csrf),
                ("actor", "city"),
                ("texts.en.title", "No time"),
                ("action", "publish"),
            ],
        ))
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    assert!(page.contains("id=\"f-starts-error\""), "{page}");
    assert!(
        page.contains("aria-describedby=\"f-starts-error\""),
        "{page}"
    );

    // Editors do not manage users.
    let r = node
        .send(form(
            "/admin/users",
            &cookie,
            &[
                ("csrf", &csrf),
                ("name", "eve"),
                ("role", "admin"),
                ("password", PASSWORD),
            ],
        ))
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(n.staff_users().await.unwrap().len(), 1);

    // Logging out ends the session.
    let r = node
        .send(form("/admin/logout", &cookie, &[("csrf", &csrf)]))
        .await;
    assert_eq!(r.status, 303);
    let req = Request::get("/admin")
        .header("cookie", &cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(node.send(req).await.status, 303);
}

/// Runs the CLI on a served node's database, `stdin` given.
fn cli(db_url: &str, domain: &str, data: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut all = vec![
        "--domain",
        domain,
        "--database-url",
        db_url,
        "--data-dir",
        data,
    ];
    all.extend(args);
    let mut child = civicpub(&all)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_holds_across_serve_processes_until_the_user_is_disabled() {
    let db = civicpub_store::testing::TestDatabase::new().await.unwrap();
    let data = db.scratch_dir();
    let first = ServedNode::start(&db, data.clone(), &[]);
    let domain = format!("127.0.0.1:{}", first.port);
    let dir = data.display().to_string();

    // The CLI takes the password from stdin when it is not a terminal.
    let out = cli(
        &db.url,
        &domain,
        &dir,
        &["user", "create", "anna", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(
        &db.url,
        &domain,
        &dir,
        &["user", "create", "x y", "--role", "editor"],
        "short\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&db.url, &domain, &dir, &["user", "list"], "");
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        listed.contains("anna") && listed.contains("admin") && !listed.contains("x y"),
        "{listed}"
    );

    // A second serve process on the same database.
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut second = civicpub(&[
        "--listen",
        &listen,
        "--domain",
        &domain,
        "--database-url",
        &db.url,
        "--data-dir",
        &dir,
        "serve",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::inherit())
    .spawn()
    .unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let second_base = format!("http://{listen}");
    let mut up = false;
    for _ in 0..600 {
        if client
            .get(format!("{second_base}/admin/login"))
            .send()
            .await
            .is_ok()
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the second serve process answers");

    // Log in on the first process.
    let page = client
        .get(format!("{}/admin/login", first.base))
        .send()
        .await
        .unwrap();
    let login_cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civicpub_login="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let body = page.text().await.unwrap();
    let token = body
        .split("name=\"token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("token", token), ("name", "anna"), ("password", PASSWORD)])
        .finish();
    let res = client
        .post(format!("{}/admin/login", first.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &login_cookie)
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let set = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civicpub_admin="))
        .unwrap()
        .to_string();
    // An http:// node (here, tests on 127.0.0.1) cannot set Secure cookies.
    assert!(!set.contains("Secure"), "{set}");
    let session = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civicpub_admin="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();

    let dashboard = |base: String| {
        let client = client.clone();
        let session = session.clone();
        async move {
            client
                .get(format!("{base}/admin"))
                .header("cookie", session)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // Accepted by both processes…
    assert_eq!(dashboard(first.base.clone()).await, 200);
    assert_eq!(dashboard(second_base.clone()).await, 200);

    // …and refused by both once the user is disabled.
    let out = cli(&db.url, &domain, &dir, &["user", "disable", "anna"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(dashboard(first.base.clone()).await, 303);
    assert_eq!(dashboard(second_base.clone()).await, 303);

    // Failed logins from one address count in every process: twenty on the
    // second, and a good password on the first is refused for a while.
    let out = cli(
        &db.url,
        &domain,
        &dir,
        &["user", "create", "bea", "--role", "editor"],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success());
    for i in 0..20 {
        let status = log_in(
            &client,
            &second_base,
            &format!("ghost{i}"),
            "wrong password",
        )
        .await;
        assert_eq!(status, 401);
    }
    assert_eq!(log_in(&client, &first.base, "bea", PASSWORD).await, 429);

    let _ = second.kill();
    let _ = second.wait();
}

/// Logs in on a served node through its form; the answer's status.
async fn log_in(client: &reqwest::Client, base: &str, name: &str, password: &str) -> u16 {
    let page = client
        .get(format!("{base}/admin/login"))
        .send()
        .await
        .unwrap();
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("civicpub_login="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let body = page.text().await.unwrap();
    let token = body
        .split("name=\"token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("token", token), ("name", name), ("password", password)])
        .finish();
    client
        .post(format!("{base}/admin/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Logs `name` in through the login form; the session cookie and the CSRF
/// token its pages carry.
async fn session(node: &TestNode, name: &str) -> (String, String) {
    let page = node.get("/admin/login", Some(BROWSER)).await;
    let (token, login_cookie) = login_token(&page);
    let r = node
        .send(form(
            "/admin/login",
            &login_cookie,
            &[("token", &token), ("name", name), ("password", PASSWORD)],
        ))
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let cookie = session_cookie(&r)
        .expect("a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let dashboard = page_of(node, "/admin", &cookie).await;
    let csrf = dashboard
        .text()
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    (cookie, csrf)
}

/// GETs an admin page with a session, as a browser speaking English.
async fn page_of(node: &TestNode, uri: &str, cookie: &str) -> Reply {
    let req = Request::get(uri)
        .header("cookie", cookie)
        .header("accept", BROWSER)
        .header("accept-language", "en")
        .body(Body::empty())
        .unwrap();
    node.send(req).await
}

/// A multipart form: `(name, value)` fields and `(name, file name, type, bytes)` files.
fn multipart(
    uri: &str,
    cookie: &str,
    pairs: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> Request<Body> {
    let boundary = "civicpub-test-boundary";
    let mut body = Vec::new();
    for (k, v) in pairs {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, file, kind, bytes) in files {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{file}\"\r\n\
                 Content-Type: {kind}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("cookie", cookie)
        .header("accept", BROWSER)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn api_tokens_are_made_once_listed_without_secrets_and_revoked_at_once() {
    let node = TestNode::new("tokens.example").await;
    let n = &node.state.node;
    n.create_staff_user("root", "admin", PASSWORD)
        .await
        .unwrap();
    n.create_staff_user("ed", "editor", PASSWORD).await.unwrap();
    let (cookie, csrf) = session(&node, "root").await;

    let r = page_of(&node, "/admin/tokens", &cookie).await;
    assert_eq!(r.status, 200);
    assert!(r
        .text()
        .contains("href=\"/admin/tokens\" aria-current=\"page\""));

    // No scope: refused beside the field, nothing made.
    let r = node
        .send(form(
            "/admin/tokens",
            &cookie,
            &[("csrf", &csrf), ("actor", "city")],
        ))
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    assert!(page.contains("id=\"f-token-scopes-error\""), "{page}");
    assert!(page.contains("aria-describedby=\"f-token-scopes-error\""));
    assert!(n.tokens().await.unwrap().is_empty());
    // Without the session's CSRF token: nothing either.
    let r = node
        .send(form(
            "/admin/tokens",
            &cookie,
            &[("actor", "city"), ("scope.read", "on")],
        ))
        .await;
    assert_eq!(r.status, 403);
    assert!(n.tokens().await.unwrap().is_empty());

    // The secret is on the page that answers the form, and only there.
    let r = node
        .send(form(
            "/admin/tokens",
            &cookie,
            &[
                ("csrf", &csrf),
                ("actor", "city"),
                ("scope.read", "on"),
                ("scope.write", "on"),
            ],
        ))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let secret = r
        .text()
        .split("value=\"cpub_")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|s| format!("cpub_{s}"))
        .expect("the new secret is shown");
    let listed = n.tokens().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].actor, "city");
    assert_eq!(listed[0].scopes, ["read", "write"]);
    assert!(listed[0].last_used_at.is_none());

    assert_eq!(
        common::api(&node, "GET", "/api/v1/news", &secret, None)
            .await
            .status,
        200
    );
    assert!(n.tokens().await.unwrap()[0].last_used_at.is_some());
    let list = page_of(&node, "/admin/tokens", &cookie).await.text();
    assert!(!list.contains(&secret), "the list never shows a secret");
    assert!(!list.contains("Never"), "the use is listed: {list}");
    assert!(list.contains(&format!("/admin/tokens/{}/revoke", listed[0].id)));

    // Editors do not see or touch tokens (nor profiles).
    let (ed_cookie, ed_csrf) = session(&node, "ed").await;
    assert!(!page_of(&node, "/admin", &ed_cookie)
        .await
        .text()
        .contains("/admin/tokens"));
    for uri in ["/admin/tokens", "/admin/profile", "/admin/profile/city"] {
        assert_eq!(page_of(&node, uri, &ed_cookie).await.status, 403, "{uri}");
    }
    let revoke = format!("/admin/tokens/{}/revoke", listed[0].id);
    let r = node
        .send(form(&revoke, &ed_cookie, &[("csrf", &ed_csrf)]))
        .await;
    assert_eq!(r.status, 403);
    let r = node
        .send(form(
            "/admin/profile/city",
            &ed_cookie,
            &[("csrf", &ed_csrf), ("name", "Taken over")],
        ))
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(n.tokens().await.unwrap().len(), 1);

    // Revoked: the API refuses it on the next request.
    let r = node.send(form(&revoke, &cookie, &[("csrf", &csrf)])).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/admin/tokens?done=revoked");
    assert_eq!(
        common::api(&node, "GET", "/api/v1/news", &secret, None)
            .await
            .status,
        401
    );
    assert!(n.tokens().await.unwrap().is_empty());

    // The CLI: the same commands.
    let out = node.cli(&["token", "create", "--scopes", "read"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli_secret = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let out = node.cli(&["token", "list"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("city") && text.contains("never"), "{text}");
    assert!(!text.contains(&cli_secret));
    let id = n.tokens().await.unwrap()[0].id.to_string();
    let out = node.cli(&["token", "revoke", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        common::api(&node, "GET", "/api/v1/news", &cli_secret, None)
            .await
            .status,
        401
    );
    assert_eq!(node.cli(&["token", "revoke", &id]).status.code(), Some(2));
}

#[tokio::test]
async fn the_media_library_shows_where_files_are_used_and_deletes_only_unused_ones() {
    use civicpub_service::items::MediaRef;
    use civicpub_service::media::{MediaInput, MediaUse};
    let node = TestNode::new("media.example").await;
    let n = &node.state.node;
    n.create_staff_user("ed", "editor", PASSWORD).await.unwrap();
    let hero = n
        .upload(
            common::PNG,
            Some(civicpub_domain::MediaKind::Png),
            MediaUse::Image,
        )
        .await
        .unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    let spare = n.upload(pdf, None, MediaUse::Any).await.unwrap();
    let city = n.actor_or_city(None).await.unwrap();
    let mut input = news("Bridge reopens");
    input.hero = Some(MediaRef {
        media: MediaInput::Stored(hero.sha256.clone()),
        alt: Some("The bridge at dawn".into()),
        name: None,
    });
    let item = n.publish(&city, ItemKind::News, input).await.unwrap();

    let (cookie, csrf) = session(&node, "ed").await;
    let r = page_of(&node, "/admin/media", &cookie).await;
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(
        page.contains(&format!("<img class=\"thumb\" src=\"{}\"", hero.path())),
        "{page}"
    );
    assert!(
        page.contains("The bridge at dawn"),
        "the alt text is listed"
    );
    assert!(page.contains(&format!("href=\"/admin/content/news/{}\"", item.id)));
    assert!(page.contains("Bridge reopens"));
    assert!(page.contains(&spare.sha256));
    assert!(page.contains("Not used anywhere."));

    // In use: refused, beside its button, and nothing deleted.
    let r = node
        .send(form(
            &format!("/admin/media/{}/delete", hero.sha256),
            &cookie,
            &[("csrf", &csrf)],
        ))
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    let error = format!("id=\"delete-{}-error\"", hero.sha256);
    assert!(page.contains(&error), "{page}");
    assert!(page.contains(&format!(
        "aria-describedby=\"delete-{}-error\"",
        hero.sha256
    )));
    assert!(
        page.contains(&format!("news {}", item.id)),
        "names where: {page}"
    );
    assert!(node.store.media(&hero.sha256).await.unwrap().is_some());
    assert!(n.media.path(&hero.sha256).exists());
    match n.delete_media(&hero.sha256).await {
        Err(ServiceError::Invalid(e)) => assert_eq!(e[0].field, "media"),
        other => panic!("{other:?}"),
    }

    // Unused: the row and the file go.
    let r = node
        .send(form(
            &format!("/admin/media/{}/delete", spare.sha256),
            &cookie,
            &[("csrf", &csrf)],
        ))
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), "/admin/media?done=media-deleted");
    assert!(node.store.media(&spare.sha256).await.unwrap().is_none());
    assert!(!n.media.path(&spare.sha256).exists());
    assert!(!page_of(&node, "/admin/media", &cookie)
        .await
        .text()
        .contains(&spare.sha256));

    // Once the item is gone, its picture can go too.
    n.delete_item(&city, ItemKind::News, item.id).await.unwrap();
    n.delete_media(&hero.sha256).await.unwrap();
    assert!(!n.media.path(&hero.sha256).exists());
}

#[tokio::test]
async fn profiles_are_edited_in_the_admin_and_followers_get_an_update() {
    use civicpub_store::Follower;
    let node = TestNode::new("profile.example").await;
    let n = &node.state.node;
    n.create_staff_user("root", "admin", PASSWORD)
        .await
        .unwrap();
    let city = n.actor_or_city(None).await.unwrap();
    node.store
        .change_follows(&civicpub_store::FollowChange::AddFollower(Follower {
            actor_id: city.id,
            follower_uri: "https://tirana.example/actors/city".into(),
            inbox: "https://tirana.example/inbox".into(),
            follow_id: "https://tirana.example/actors/city#follows/1".into(),
            accepted: true,
            created_at: Timestamp::now(),
        }))
        .await
        .unwrap();
    let (cookie, csrf) = session(&node, "root").await;

    let list = page_of(&node, "/admin/profile", &cookie).await;
    assert_eq!(list.status, 200);
    assert!(list.text().contains("href=\"/admin/profile/city\""));
    let r = page_of(&node, "/admin/profile/city", &cookie).await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("enctype=\"multipart/form-data\""));

    // Bad input: told beside the field, nothing changed, nothing sent.
    let before = node.store.queue_stats().await.unwrap().pending;
    let r = node
        .send(multipart(
            "/admin/profile/city",
            &cookie,
            &[
                ("csrf", &csrf),
                ("name", "City of Profiles"),
                ("website", "not a web address"),
                ("fields.2.value", "A value without a name"),
            ],
            &[],
        ))
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    assert!(page.contains("id=\"f-profile-website-error\""), "{page}");
    assert!(page.contains("aria-describedby=\"f-profile-website-error\""));
    assert!(
        page.contains("id=\"f-profile-fields-2-name-error\""),
        "{page}"
    );
    assert!(
        page.contains("value=\"City of Profiles\""),
        "what was typed stays"
    );
    let doc = node.get("/actors/city", Some(AP)).await.json();
    assert_ne!(doc["name"], "City of Profiles");
    assert_eq!(node.store.queue_stats().await.unwrap().pending, before);

    let r = node
        .send(multipart(
            "/admin/profile/city",
            &cookie,
            &[
                ("csrf", &csrf),
                ("name", "City of Profiles"),
                ("summary", "News from the town hall."),
                ("website", "https://www.profile.example/"),
                ("contact", "info@profile.example"),
                ("icon_alt", "The city's coat of arms"),
                ("header_alt", "The river at night"),
                ("fields.1.name", "Opening hours"),
                ("fields.1.value", "Mon-Fri 9-17"),
                ("discoverable", "on"),
            ],
            &[
                ("icon", "arms.png", "image/png", common::PNG),
                ("header", "river.png", "image/png", common::PNG),
            ],
        ))
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), "/admin/profile/city?done=profile");

    let doc = node.get("/actors/city", Some(AP)).await.json();
    assert_eq!(doc["name"], "City of Profiles");
    assert!(doc["summary"]
        .as_str()
        .unwrap()
        .contains("News from the town hall."));
    assert_eq!(doc["icon"]["name"], "The city's coat of arms");
    assert!(doc["icon"]["url"].as_str().unwrap().ends_with(".png"));
    assert!(doc["attachment"]
        .to_string()
        .contains("www.profile.example"));
    assert_eq!(doc["attachment"][2]["name"], "Opening hours");
    assert_eq!(doc["attachment"][2]["value"], "Mon-Fri 9-17");
    assert_eq!(doc["image"]["name"], "The river at night");
    assert_eq!(doc["manuallyApprovesFollowers"], false);

    // An Update of the actor, queued for the follower's inbox.
    let activities = node.store.activities(city.id, 5).await.unwrap();
    let update: serde_json::Value = serde_json::from_str(&activities[0].1).unwrap();
    assert_eq!(update["type"], "Update");
    assert_eq!(update["object"]["id"], doc["id"]);
    assert_eq!(update["object"]["name"], "City of Profiles");
    assert!(update["cc"].to_string().contains("/followers"));
    assert_eq!(node.store.queue_stats().await.unwrap().pending, before + 1);

    // Only the text of the avatar changes: the same picture, the new text.
    let r = node
        .send(multipart(
            "/admin/profile/city",
            &cookie,
            &[
                ("csrf", &csrf),
                // The whole form, as a browser sends it.
                ("name", "City of Profiles"),
                ("summary", "News from the town hall."),
                ("website", "https://www.profile.example/"),
                ("contact", "info@profile.example"),
                ("discoverable", "on"),
                ("icon_alt", "Coat of arms of the city"),
                ("header_alt", "The river at night"),
                ("fields.1.name", "Opening hours"),
                ("fields.1.value", "Mon-Fri 9-17"),
            ],
            &[],
        ))
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let again = node.get("/actors/city", Some(AP)).await.json();
    assert_eq!(again["icon"]["url"], doc["icon"]["url"]);
    assert_eq!(again["icon"]["name"], "Coat of arms of the city");
    assert_eq!(again["image"]["url"], doc["image"]["url"]);
    assert_eq!(again["attachment"], doc["attachment"]);

    // The media library names the avatar's use.
    let media = page_of(&node, "/admin/media", &cookie).await.text();
    assert!(media.contains("href=\"/admin/profile/city\""), "{media}");
}

#[tokio::test]
async fn moderation_shows_blocks_and_new_events_start_in_the_nodes_time_zone() {
    let node = TestNode::from_options(civicpub::config::Options {
        domain: Some("moderation.example".into()),
        city_timezone: Some("Europe/Tirane".into()),
        ..Default::default()
    })
    .await;
    let n = &node.state.node;
    assert_eq!(n.timezone, "Europe/Tirane");
    n.create_staff_user("ed", "editor", PASSWORD).await.unwrap();
    n.block_domain("spam.example").await.unwrap();
    let (cookie, _) = session(&node, "ed").await;
    let page = page_of(&node, "/admin/moderation", &cookie).await.text();
    assert!(page.contains("Blocked servers"), "{page}");
    assert!(page.contains("spam.example"));
    assert!(page.contains("id=\"inbox-heading\""));

    let page = page_of(&node, "/admin/content/events/new", &cookie)
        .await
        .text();
    assert!(
        page.contains("name=\"timezone\" type=\"text\" value=\"Europe/Tirane\""),
        "{page}"
    );
    assert!(page.contains("name=\"schedule_tz\" type=\"text\" value=\"Europe/Tirane\""));
}
