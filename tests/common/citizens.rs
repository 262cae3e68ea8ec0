//! A citizens' server on a 127.0.0.1 port: accounts with names, avatars and
//! keys, served as a Mastodon server serves them, that post signed activities
//! to a node's inbox over real HTTP and receive what the node sends back.

use super::remote::Remote;
use civicpub_transport::keys::parse_private_key;
use civicpub_transport::signatures::{http_date, sign_cavage};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

pub struct Citizens {
    pub server: Remote,
    key: aws_lc_rs::rsa::KeyPair,
    public_key_pem: String,
    http: reqwest::Client,
    counter: AtomicU64,
}

impl Citizens {
    pub async fn start() -> Citizens {
        let server = Remote::start().await;
        // One key for every account here: each is still its own key id and owner.
        let pair = civicpub_transport::generate_key_pair().unwrap();
        Citizens {
            server,
            key: parse_private_key(&pair.private_key_pem).unwrap(),
            public_key_pem: pair.public_key_pem,
            http: reqwest::Client::new(),
            counter: AtomicU64::new(0),
        }
    }

    /// Serves an account `/users/{name}` with a display name and an avatar;
    /// returns its id.
    pub fn account(&self, name: &str, display_name: &str) -> String {
        self.account_with(name, display_name, json!({}))
    }

    /// An account as [`Citizens::account`] serves it, with the fields of
    /// `extra` (an object) added or replaced: `alsoKnownAs`, `movedTo`…
    pub fn account_with(&self, name: &str, display_name: &str, extra: Value) -> String {
        let id = self.server.url(&format!("/users/{name}"));
        let mut doc = json!({
                "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                "id": id,
                "type": "Person",
                "preferredUsername": name,
                "name": display_name,
                "url": self.server.url(&format!("/@{name}")),
                "icon": {"type": "Image", "mediaType": "image/png",
                         "url": self.server.url(&format!("/avatars/{name}.png"))},
                "inbox": format!("{id}/inbox"),
                "outbox": format!("{id}/outbox"),
                "followers": format!("{id}/followers"),
                "endpoints": { "sharedInbox": self.server.url("/inbox") },
                "publicKey": {
                    "id": format!("{id}#main-key"),
                    "owner": id,
                    "publicKeyPem": self.public_key_pem,
                },
        });
        if let (Some(doc), Some(extra)) = (doc.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                doc.insert(k.clone(), v.clone());
            }
        }
        self.server.serve(&format!("/users/{name}"), doc);
        id
    }

    /// A fresh id on this server.
    pub fn id(&self, path: &str) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        self.server.url(&format!("{path}/{n}"))
    }

    /// POSTs `activity` to `inbox` (`http://host:port/inbox`), signed by the
    /// account `actor` (its id); returns the status and the body.
    pub async fn post(&self, actor: &str, inbox: &str, activity: &Value) -> (u16, String) {
        let url = url::Url::parse(inbox).unwrap();
        let host = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
        let body = serde_json::to_vec(activity).unwrap();
        let headers = sign_cavage(
            &self.key,
            &format!("{actor}#main-key"),
            "POST",
            url.path(),
            &host,
            Some(&body),
            &http_date(chrono::Utc::now().timestamp()),
        )
        .unwrap();
        let mut req = self
            .http
            .post(inbox)
            .header("content-type", "application/activity+json");
        for (k, v) in headers {
            req = req.header(k, v);
        }
        let res = req.body(body).send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.text().await.unwrap_or_default())
    }

    /// A public reply by `actor` to `in_reply_to`, mentioning `mention` when
    /// given, as Mastodon writes one.
    pub fn reply(
        &self,
        actor: &str,
        in_reply_to: &str,
        content: &str,
        mention: Option<&str>,
    ) -> Value {
        let id = format!(
            "{actor}/statuses/{}",
            self.counter.fetch_add(1, Ordering::Relaxed)
        );
        let mut cc = vec![format!("{actor}/followers")];
        let mut tag = Vec::new();
        if let Some(m) = mention {
            cc.push(m.to_string());
            tag.push(json!({"type": "Mention", "href": m, "name": "@city"}));
        }
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{id}/activity"),
            "type": "Create",
            "actor": actor,
            "published": "2026-12-01T10:00:00Z",
            "to": [PUBLIC],
            "cc": cc,
            "object": {
                "id": id,
                "type": "Note",
                "attributedTo": actor,
                "inReplyTo": in_reply_to,
                "content": content,
                "contentMap": {"en": content},
                "url": format!("{id}/page"),
                "published": "2026-12-01T10:00:00Z",
                "to": [PUBLIC],
                "cc": cc,
                "tag": tag,
            }
        })
    }

    /// A vote by `actor` for `option` on `question`, as Mastodon sends one.
    pub fn vote(&self, actor: &str, question: &str, city: &str, option: &str) -> Value {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{actor}#votes/{n}/activity"),
            "type": "Create",
            "actor": actor,
            "to": city,
            "object": {
                "id": format!("{actor}#votes/{n}"),
                "type": "Note",
                "name": option,
                "attributedTo": actor,
                "to": city,
                "inReplyTo": question,
            }
        })
    }

    /// An activity of `kind` by `actor` about `object` (a Like, an Announce, a
    /// Follow…).
    pub fn activity(&self, actor: &str, kind: &str, object: Value) -> Value {
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": self.id(&format!("/activities/{}", kind.to_ascii_lowercase())),
            "type": kind,
            "actor": actor,
            "to": [PUBLIC],
            "object": object,
        })
    }
}
