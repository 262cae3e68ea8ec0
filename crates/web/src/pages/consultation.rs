//! Consultations as pages: one with its question, its results drawn as bars
//! (SVG, no script), how to vote, and its replies; and the list of them.

use super::conversation::Conversation;
use super::{html, ActorCard, PageRequest};
use crate::site::{Frame, Section};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use civicpub_domain::{Consultation, Timestamp};
use civicpub_i18n::Arg;
use civicpub_protocol::ACTIVITY_JSON;
use civicpub_service::comments::LocalObject;
use civicpub_service::convert::item_body_html;

/// A consultation's option with its result.
pub struct OptionView {
    pub name: String,
    pub percent: u64,
    /// "44% (4 votes)".
    pub result: String,
}

#[derive(Template)]
#[template(path = "consultation.html")]
struct ConsultationPage<'a> {
    site: &'a Frame,
    actor: ActorCard,
    url: String,
    path: String,
    activity_json: &'a str,
    /// The text's language, when it is not the page's.
    text_lang: Option<String>,
    question: String,
    body_html: String,
    byline: String,
    /// (link, tag, name) of its other languages.
    translations: Vec<(String, String, String)>,
    options: Vec<OptionView>,
    multiple: bool,
    closed: bool,
    voters: String,
    votes: String,
    conversation: Conversation,
    counts: Vec<String>,
}

/// When voting ends (or ended), in the page's language, in UTC.
fn when(site: &Frame, t: Timestamp) -> Arg<'static> {
    let esc = civicpub_domain::escape_html;
    let text = site.t_with(
        "time-zone",
        &[
            (
                "time",
                site.lang.date_time(t.to_datetime().naive_utc()).into(),
            ),
            ("zone", "UTC".into()),
        ],
    );
    Arg::html(format!(
        "<time datetime=\"{}\">{}</time>",
        t.to_rfc3339(),
        esc(&text)
    ))
}

/// The page of a live consultation.
pub async fn page(state: &AppState, req: PageRequest, id: String) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Consultations);
    req.render(state, || async move {
        let (c, actor) = crate::consultations::load(state, &id).await?;
        let draft = c.draft.as_ref().ok_or_else(|| {
            WebError::Service(civicpub_service::ServiceError::Gone(format!(
                "consultation {id} was deleted"
            )))
        })?;
        let langs: Vec<&str> = draft.texts.iter().map(|t| t.lang.as_str()).collect();
        let text = &draft.texts[site.choose_text(&langs)];
        let tally = state.node.tally(&c).await?;
        let object = LocalObject::Consultation(c.clone());
        let conversation = Conversation::of(state, &site, &object).await?;
        let closed = c.closed_at(Timestamp::now());
        let actor = ActorCard::new(state, &actor);
        let esc = civicpub_domain::escape_html;
        let author = format!(
            "<a href=\"{}\">{}</a>",
            esc(&site.link(&actor.path)),
            esc(&actor.name)
        );
        let byline = [
            site.t_html("consultation-asked-by", &[("author", Arg::html(author))]),
            if closed {
                site.t_html(
                    "consultation-ended-at",
                    &[("date", when(&site, draft.ends_at))],
                )
            } else {
                site.t_html(
                    "consultation-open-until",
                    &[("date", when(&site, draft.ends_at))],
                )
            },
        ]
        .join(" · ");
        let options = text
            .options
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let votes = tally.votes.get(i).copied().unwrap_or(0) as i64;
                OptionView {
                    name: name.clone(),
                    percent: tally.percent(i),
                    result: site.t_with(
                        "consultation-option-result",
                        &[
                            ("percent", (tally.percent(i) as i64).into()),
                            ("count", votes.into()),
                        ],
                    ),
                }
            })
            .collect();
        let counts = conversation.counts(&site);
        let page = ConsultationPage {
            text_lang: (text.lang != site.lang.as_str()).then(|| text.lang.clone()),
            url: state.base.url(&c.path()).to_string(),
            path: c.path(),
            activity_json: ACTIVITY_JSON,
            question: text.question.clone(),
            body_html: item_body_html(&text.body, &state.base),
            byline,
            translations: draft
                .texts
                .iter()
                .filter(|t| t.lang != text.lang)
                .map(|t| {
                    (
                        format!("{}?lang={}", c.path(), t.lang),
                        t.lang.clone(),
                        super::language_name(&t.lang),
                    )
                })
                .collect(),
            options,
            multiple: draft.multiple,
            closed,
            voters: site.t_with(
                "consultation-voters",
                &[("count", (tally.voters as i64).into())],
            ),
            votes: site.t_with(
                "consultation-votes-in-all",
                &[("count", (tally.total() as i64).into())],
            ),
            actor,
            conversation,
            counts,
            site: &site,
        };
        // Replies and votes change the page without changing the consultation:
        // the ETag alone says whether it changed.
        html(page, None)
    })
    .await
}

/// A consultation in the list.
pub struct ConsultationRow {
    pub path: String,
    pub question: String,
    /// The text's language, when it is not the page's.
    pub lang: Option<String>,
    pub meta: String,
}

#[derive(Template)]
#[template(path = "consultations.html")]
struct ConsultationsPage<'a> {
    site: &'a Frame,
    open: Vec<ConsultationRow>,
    ended: Vec<ConsultationRow>,
}

fn row(site: &Frame, c: &Consultation, voters: u64, closed: bool) -> Option<ConsultationRow> {
    let draft = c.draft.as_ref()?;
    let langs: Vec<&str> = draft.texts.iter().map(|t| t.lang.as_str()).collect();
    let text = &draft.texts[site.choose_text(&langs)];
    let date = site.date(&draft.ends_at);
    let meta = [
        site.t_with(
            if closed {
                "consultations-ended-on"
            } else {
                "consultations-until"
            },
            &[("date", date.into())],
        ),
        site.t_with("consultation-voters", &[("count", (voters as i64).into())]),
    ]
    .join(" · ");
    Some(ConsultationRow {
        path: c.path(),
        question: text.question.clone(),
        lang: (text.lang != site.lang.as_str()).then(|| text.lang.clone()),
        meta,
    })
}

/// `/consultations`: the open ones first, then those that ended.
pub async fn list(State(state): State<AppState>, req: PageRequest) -> Result<Response, WebError> {
    let site = req.site.clone().in_section(Section::Consultations);
    let state = &state;
    req.render(state, || async move {
        let now = Timestamp::now();
        let (mut open, mut ended) = (Vec::new(), Vec::new());
        for c in state.node.consultations(200).await? {
            let closed = c.closed_at(now);
            let voters = state.node.tally(&c).await?.voters;
            if let Some(r) = row(&site, &c, voters, closed) {
                if closed {
                    ended.push(r)
                } else {
                    open.push(r)
                }
            }
        }
        html(
            ConsultationsPage {
                site: &site,
                open,
                ended,
            },
            None,
        )
    })
    .await
}
