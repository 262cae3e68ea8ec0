//! WebFinger (RFC 7033), host-meta (RFC 6415) and NodeInfo 2.1: how other
//! servers find the node's actors and learn what the node is.

use crate::{AppState, WebError};
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
    Json,
};
use civicpub_domain::{LocalActor, Username};
use civicpub_protocol::nodeinfo::{NodeInfoLink, NodeInfoLinks, CONTENT_TYPE_2_1, SCHEMA_2_1};
use civicpub_protocol::webfinger::{HostMeta, JrdLink};
use civicpub_service::convert::actor::webfinger_for;
use serde::Deserialize;
use url::Url;

#[derive(Deserialize)]
pub struct WebfingerQuery {
    resource: Option<String>,
}

/// What a WebFinger resource names, once parsed.
#[derive(Debug, PartialEq, Eq)]
enum Resource {
    Actor(String),
    InstanceActor,
    Elsewhere,
}

fn parse_resource(resource: &str, state: &AppState) -> Result<Resource, WebError> {
    let resource = resource.trim();
    let bad = |why: &str| WebError::bad_request(format!("malformed resource '{resource}': {why}"));
    if resource.starts_with("http://") || resource.starts_with("https://") {
        let url = Url::parse(resource).map_err(|_| bad("not a valid URL"))?;
        if !state.base.is_local(&url) {
            return Ok(Resource::Elsewhere);
        }
        let path = url.path().trim_end_matches('/');
        if path.is_empty() || path == "/actor" {
            return Ok(Resource::InstanceActor);
        }
        return match path.strip_prefix("/actors/") {
            Some(name) if !name.contains('/') => Ok(Resource::Actor(name.to_string())),
            _ => Ok(Resource::Elsewhere),
        };
    }
    let acct = resource.strip_prefix("acct:").unwrap_or(resource);
    let acct = acct.strip_prefix('@').unwrap_or(acct);
    let (user, host) = acct
        .rsplit_once('@')
        .ok_or_else(|| bad("expected acct:user@host or an actor URL"))?;
    if user.is_empty() || host.is_empty() {
        return Err(bad("expected acct:user@host or an actor URL"));
    }
    let user = user.to_ascii_lowercase();
    Username::parse_any(&user).map_err(|e| bad(&e.to_string()))?;
    if !host.eq_ignore_ascii_case(state.base.domain()) {
        return Ok(Resource::Elsewhere);
    }
    if user == Username::INSTANCE {
        return Ok(Resource::InstanceActor);
    }
    Ok(Resource::Actor(user))
}

pub async fn webfinger(
    State(state): State<AppState>,
    Query(q): Query<WebfingerQuery>,
) -> Result<Response, WebError> {
    let resource = q
        .resource
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| WebError::bad_request("the 'resource' query parameter is required"))?;
    let actor: Option<LocalActor> = match parse_resource(&resource, &state)? {
        Resource::Actor(name) => state
            .store
            .actor_by_username(&name)
            .await?
            .filter(|a| !a.is_instance_actor()),
        Resource::InstanceActor => state.store.instance_actor().await?,
        Resource::Elsewhere => {
            return Err(WebError::not_found(format!(
                "'{resource}' is not an account on {}",
                state.base.domain()
            )))
        }
    };
    let actor =
        actor.ok_or_else(|| WebError::not_found(format!("no account '{resource}' here")))?;
    let jrd = webfinger_for(&state.base, &actor);
    Ok((
        [
            (header::CONTENT_TYPE, "application/jrd+json; charset=utf-8"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        serde_json::to_string(&jrd).map_err(WebError::internal)?,
    )
        .into_response())
}

pub async fn host_meta(State(state): State<AppState>) -> Response {
    let template = webfinger_template(&state);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n  \
         <Link rel=\"lrdd\" template=\"{}\"/>\n</XRD>\n",
        civicpub_domain::escape_html(&template)
    );
    (
        [
            (header::CONTENT_TYPE, "application/xrd+xml; charset=utf-8"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        xml,
    )
        .into_response()
}

pub async fn host_meta_json(State(state): State<AppState>) -> Response {
    let body = HostMeta {
        links: vec![JrdLink {
            rel: "lrdd".into(),
            kind: None,
            href: None,
            template: Some(webfinger_template(&state)),
        }],
    };
    ([(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], Json(body)).into_response()
}

fn webfinger_template(state: &AppState) -> String {
    format!(
        "{}.well-known/webfinger?resource={{uri}}",
        state.base.as_str()
    )
}

pub async fn nodeinfo_links(State(state): State<AppState>) -> Response {
    let links = NodeInfoLinks {
        links: vec![NodeInfoLink {
            rel: SCHEMA_2_1.into(),
            href: state.base.url("/nodeinfo/2.1").to_string(),
        }],
    };
    ([(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], Json(links)).into_response()
}

pub async fn nodeinfo(State(state): State<AppState>) -> Result<Response, WebError> {
    let users = state.store.count_publishing_actors().await?;
    let local_posts = state.store.count_items(None).await?;
    let doc = civicpub_service::convert::actor::nodeinfo(&state.site.node_name, users, local_posts);
    Ok((
        [
            (header::CONTENT_TYPE, CONTENT_TYPE_2_1),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        serde_json::to_string(&doc).map_err(WebError::internal)?,
    )
        .into_response())
}
