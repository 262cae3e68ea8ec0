//! Another server on a 127.0.0.1 port, as simple as the test needs: it serves
//! the documents it is given, answers POSTs with 202, and remembers every
//! request (with its `Signature` header) for the test to look at.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
    Router,
};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    /// Path and query.
    pub target: String,
    /// The `Signature` header, if any.
    pub signature: Option<String>,
    pub user_agent: Option<String>,
    pub body: Value,
}

#[derive(Default)]
struct Shared {
    docs: Mutex<HashMap<String, Value>>,
    seen: Mutex<Vec<Seen>>,
}

pub struct Remote {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// `127.0.0.1:PORT`
    pub host: String,
    shared: Arc<Shared>,
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let target = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    shared.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        target: target.clone(),
        signature: headers
            .get("signature")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        user_agent: headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
    if method == Method::POST {
        return StatusCode::ACCEPTED.into_response();
    }
    match shared.docs.lock().unwrap().get(&target) {
        Some(doc) => (
            [("content-type", "application/activity+json")],
            doc.to_string(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

impl Remote {
    pub async fn start() -> Remote {
        let shared = Arc::new(Shared::default());
        let app = Router::new().fallback(answer).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Remote {
            base: format!("http://{addr}"),
            host: addr.to_string(),
            shared,
        }
    }

    /// The absolute URL of `path` here.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Serves `doc` at `path` (with its query, if any).
    pub fn serve(&self, path: &str, doc: Value) {
        self.shared
            .docs
            .lock()
            .unwrap()
            .insert(path.to_string(), doc);
    }

    /// Serves a `Person` at `/users/{name}`, its key `public_key_pem`, its
    /// outbox at `/users/{name}/outbox`; returns its id.
    pub fn person(&self, name: &str, public_key_pem: &str) -> String {
        let id = self.url(&format!("/users/{name}"));
        self.serve(
            &format!("/users/{name}"),
            json!({
                "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                "id": id,
                "type": "Person",
                "preferredUsername": name,
                "inbox": format!("{id}/inbox"),
                "outbox": format!("{id}/outbox"),
                "endpoints": { "sharedInbox": self.url("/inbox") },
                "publicKey": {
                    "id": format!("{id}#main-key"),
                    "owner": id,
                    "publicKeyPem": public_key_pem,
                },
            }),
        );
        id
    }

    /// Every request received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }

    /// The bodies POSTed to `path`.
    pub fn posted_to(&self, path: &str) -> Vec<Value> {
        self.seen()
            .into_iter()
            .filter(|s| s.method == Method::POST && s.target == path)
            .map(|s| s.body)
            .collect()
    }
}
