//! The node's actors as ActivityPub documents, their WebFinger descriptors, and
//! the node's NodeInfo.

use civicpub_domain::{
    escape_html, plain_text_to_html, LocalActor, NodeBase, SOFTWARE_NAME, SOFTWARE_VERSION,
};
use civicpub_protocol::{
    actor::{Actor, Endpoints, Image, ImageRef, PropertyValue, PropertyValueType, PublicKey},
    context,
    nodeinfo::{Metadata, NodeInfo, Services, Software, Usage, Users},
    values::{OneOrMany, UrlOrLink},
    webfinger::{Jrd, JrdLink},
    ACTIVITY_JSON,
};
use url::Url;

/// The URLs of an actor's endpoints, all derived from its id.
pub struct ActorUrls {
    pub id: Url,
    pub inbox: Url,
    pub outbox: Url,
    pub followers: Url,
    pub following: Url,
    pub featured: Url,
    pub key_id: Url,
}

impl ActorUrls {
    pub fn new(base: &NodeBase, actor: &LocalActor) -> Self {
        let id = if actor.is_instance_actor() {
            base.instance_actor_url()
        } else {
            base.actor_url(actor.username.as_str())
        };
        let sub = |s: &str| Url::parse(&format!("{id}/{s}")).expect("actor id joins");
        ActorUrls {
            inbox: sub("inbox"),
            outbox: sub("outbox"),
            followers: sub("followers"),
            following: sub("following"),
            featured: sub("featured"),
            key_id: Url::parse(&format!("{id}#main-key")).expect("actor id joins"),
            id,
        }
    }
}

/// The ActivityPub document of a local actor (an `Organization`, or the instance
/// actor's `Application`), meeting Mastodon's rules 1 and 2.
pub fn actor_document(base: &NodeBase, actor: &LocalActor) -> Actor {
    let urls = ActorUrls::new(base, actor);
    let mut attachment = Vec::new();
    if let Some(website) = &actor.website {
        attachment.push(property(
            "Website",
            link_html(website.as_str(), &display_url(website)),
        ));
    }
    if let Some(contact) = &actor.contact {
        attachment.push(property("Contact", contact_html(contact)));
    }
    for field in &actor.fields {
        attachment.push(property(&field.name, contact_html(&field.value)));
    }
    let icon = actor.icon.as_ref().map(|m| {
        OneOrMany::One(ImageRef::Image(Image {
            kind: "Image".into(),
            url: Some(OneOrMany::One(UrlOrLink::Url(base.url(&m.path())))),
            media_type: Some(m.media_type.clone()),
            name: actor.icon_alt.clone(),
        }))
    });
    let mut attribution_domains = vec![base.host().to_string()];
    if let Some(host) = actor.website.as_ref().and_then(Url::host_str) {
        if !attribution_domains.iter().any(|d| d == host) {
            attribution_domains.push(host.to_string());
        }
    }
    Actor {
        context: Some(context::actor_context()),
        kind: actor.kind.as_str().to_string(),
        preferred_username: Some(actor.username.to_string()),
        name: Some(actor.display_name.clone()),
        summary: Some(plain_text_to_html(&actor.summary)),
        url: Some(OneOrMany::One(UrlOrLink::Url(urls.id.clone()))),
        inbox: Some(urls.inbox),
        outbox: Some(urls.outbox),
        followers: Some(urls.followers),
        following: Some(urls.following),
        featured: (!actor.is_instance_actor()).then_some(urls.featured),
        endpoints: Some(Endpoints {
            shared_inbox: Some(base.url("/inbox")),
        }),
        public_key: Some(PublicKey {
            id: urls.key_id,
            owner: urls.id.clone(),
            public_key_pem: actor.public_key_pem.clone(),
        }),
        icon,
        image: actor.header.as_ref().map(|m| {
            OneOrMany::One(ImageRef::Image(Image {
                kind: "Image".into(),
                url: Some(OneOrMany::One(UrlOrLink::Url(base.url(&m.path())))),
                media_type: Some(m.media_type.clone()),
                name: actor.header_alt.clone(),
            }))
        }),
        attachment: attachment
            .into_iter()
            .map(civicpub_protocol::actor::Attachment::PropertyValue)
            .collect(),
        manually_approves_followers: Some(actor.manually_approves_followers),
        discoverable: Some(actor.discoverable),
        indexable: Some(actor.indexable),
        published: Some(actor.created_at.to_rfc3339()),
        also_known_as: actor.also_known_as.clone(),
        moved_to: actor.moved_to.clone(),
        attribution_domains: if actor.is_instance_actor() {
            Vec::new()
        } else {
            attribution_domains
        },
        assertion_method: Vec::new(),
        id: urls.id,
    }
}

/// The instance actor's document: an `Application` that signs the node's own
/// requests, fetchable without a signature so others can verify it (rule 8).
pub fn instance_actor_document(base: &NodeBase, actor: &LocalActor) -> Actor {
    let mut doc = actor_document(base, actor);
    doc.summary = None;
    doc
}

fn property(name: &str, value: String) -> PropertyValue {
    PropertyValue {
        kind: PropertyValueType::PropertyValue,
        name: name.to_string(),
        value,
    }
}

fn display_url(url: &Url) -> String {
    let s = url.as_str();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    s.trim_end_matches('/').to_string()
}

fn link_html(href: &str, text: &str) -> String {
    format!(
        "<a href=\"{}\" target=\"_blank\" rel=\"nofollow noopener noreferrer me\">{}</a>",
        escape_html(href),
        escape_html(text)
    )
}

fn contact_html(contact: &str) -> String {
    if let Ok(url) = Url::parse(contact) {
        if matches!(url.scheme(), "http" | "https") {
            return link_html(url.as_str(), &display_url(&url));
        }
    }
    if contact.contains('@') && !contact.contains(char::is_whitespace) {
        return format!("<a href=\"mailto:{0}\">{0}</a>", escape_html(contact));
    }
    escape_html(contact)
}

/// The WebFinger descriptor of a local actor (rule 3).
pub fn webfinger_for(base: &NodeBase, actor: &LocalActor) -> Jrd {
    let id = ActorUrls::new(base, actor).id;
    Jrd {
        subject: format!("acct:{}@{}", actor.username, base.domain()),
        aliases: vec![id.to_string()],
        links: vec![
            JrdLink {
                rel: "self".into(),
                kind: Some(ACTIVITY_JSON.into()),
                href: Some(id.to_string()),
                template: None,
            },
            JrdLink {
                rel: "http://webfinger.net/rel/profile-page".into(),
                kind: Some("text/html".into()),
                href: Some(id.to_string()),
                template: None,
            },
        ],
    }
}

/// The NodeInfo 2.1 document.
pub fn nodeinfo(node_name: &str, users: u64, local_posts: u64) -> NodeInfo {
    NodeInfo {
        version: "2.1".into(),
        software: Software {
            name: SOFTWARE_NAME.into(),
            version: SOFTWARE_VERSION.into(),
            repository: Some(env!("CARGO_PKG_REPOSITORY").into()),
            homepage: Some(env!("CARGO_PKG_REPOSITORY").into()),
        },
        protocols: vec!["activitypub".into()],
        services: Services::default(),
        open_registrations: false,
        usage: Usage {
            users: Users {
                total: users,
                active_month: Some(users),
                active_halfyear: Some(users),
            },
            local_posts: Some(local_posts),
        },
        metadata: Metadata {
            node_name: Some(node_name.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_become_links_when_they_can() {
        assert_eq!(
            contact_html("press@city.example"),
            "<a href=\"mailto:press@city.example\">press@city.example</a>"
        );
        assert!(contact_html("https://city.example/contact")
            .contains("href=\"https://city.example/contact\""));
        assert_eq!(contact_html("Town hall, desk 3"), "Town hall, desk 3");
        assert_eq!(contact_html("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;");
    }
}
