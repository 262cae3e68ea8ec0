//! `civicpub news|event|document publish|update|delete`: command-line flags read
//! into the service's `ItemInput`, the same input the API takes, so that both
//! accept and refuse the same things.

use crate::config::Config;
use civicpub_domain::{ItemKind, MediaKind};
use civicpub_service::items::{ItemInput, MediaRef, PlaceInput, TextInput};
use civicpub_service::media::MediaInput;
use civicpub_service::{Node, ServiceError};
use std::path::{Path, PathBuf};

#[derive(clap::Subcommand)]
pub enum ItemCommand<K: clap::Args> {
    /// Publish a new item and print its URL
    Publish {
        /// The local actor that publishes it [default: the city]
        #[arg(long)]
        actor: Option<String>,
        #[command(flatten)]
        text: TextArgs,
        #[command(flatten)]
        kind: K,
    },
    /// Change an item (or add a translation with --lang) and print its URL
    Update {
        id: i64,
        #[command(flatten)]
        text: TextArgs,
        #[command(flatten)]
        kind: K,
    },
    /// Delete an item for good: its URL answers 410 Gone from then on
    Delete { id: i64 },
}

#[derive(clap::Args)]
pub struct TextArgs {
    /// Language of the texts given (BCP 47); the first language is the default
    #[arg(long)]
    lang: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    summary: Option<String>,
    /// Markdown file with the body
    #[arg(long, value_name = "FILE.md")]
    body_file: Option<PathBuf>,
    /// A hashtag, without '#' (repeatable; replaces the item's tags)
    #[arg(long = "tag")]
    tags: Vec<String>,
}

#[derive(clap::Args)]
pub struct NewsArgs {
    /// Hero image (PNG, JPEG, GIF or WebP)
    #[arg(long, value_name = "FILE")]
    hero: Option<PathBuf>,
    /// Text alternative of the hero image (required with --hero)
    #[arg(long)]
    hero_alt: Option<String>,
}

#[derive(clap::Args)]
pub struct EventArgs {
    /// Start, local time in --timezone: 2026-12-01T16:00 (a date alone for all-day events)
    #[arg(long)]
    starts: Option<String>,
    /// End, local time in --timezone
    #[arg(long)]
    ends: Option<String>,
    /// IANA time zone, e.g. Europe/Amsterdam
    #[arg(long)]
    timezone: Option<String>,
    /// The event lasts whole days (--starts and --ends are dates)
    #[arg(long)]
    all_day: bool,
    /// Name of the place
    #[arg(long)]
    place: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    latitude: Option<f64>,
    #[arg(long, allow_hyphen_values = true)]
    longitude: Option<f64>,
    /// Link to join online (webinars)
    #[arg(long)]
    online_url: Option<String>,
    /// scheduled, cancelled or postponed
    #[arg(long)]
    status: Option<String>,
}

#[derive(clap::Args)]
pub struct DocumentArgs {
    /// A file of the document, e.g. a PDF (repeatable; replaces the files)
    #[arg(long = "file", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Version label, e.g. 1.0; a new label makes a new revision
    #[arg(long)]
    version: Option<String>,
    /// SPDX licence id, e.g. CC-BY-4.0
    #[arg(long)]
    license: Option<String>,
    /// Date adopted, e.g. 2026-03-15 [default: today]
    #[arg(long)]
    adopted: Option<String>,
}

/// A file named on the command line, as an upload.
pub fn upload(path: &Path) -> Result<MediaInput, ServiceError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ServiceError::BadRequest(format!("cannot read {}: {e}", path.display())))?;
    let claimed = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(MediaKind::from_extension);
    Ok(MediaInput::Upload { bytes, claimed })
}

/// How a kind's flags change an input.
pub trait KindArgs: clap::Args {
    const KIND: ItemKind;
    fn apply(&self, input: &mut ItemInput) -> Result<(), ServiceError>;
}

impl KindArgs for NewsArgs {
    const KIND: ItemKind = ItemKind::News;

    fn apply(&self, input: &mut ItemInput) -> Result<(), ServiceError> {
        match (&self.hero, &self.hero_alt) {
            (Some(path), alt) => {
                input.hero = Some(MediaRef {
                    media: upload(path)?,
                    alt: alt.clone(),
                    name: None,
                })
            }
            (None, Some(alt)) => match &mut input.hero {
                Some(hero) => hero.alt = Some(alt.clone()),
                None => return Err(ServiceError::field("hero_alt", "--hero-alt needs --hero")),
            },
            (None, None) => {}
        }
        Ok(())
    }
}

impl KindArgs for EventArgs {
    const KIND: ItemKind = ItemKind::Event;

    fn apply(&self, input: &mut ItemInput) -> Result<(), ServiceError> {
        if self.all_day {
            input.all_day = true;
        }
        set(&mut input.starts, &self.starts);
        set(&mut input.ends, &self.ends);
        set(&mut input.timezone, &self.timezone);
        set(&mut input.online_url, &self.online_url);
        set(&mut input.status, &self.status);
        if let Some(name) = &self.place {
            input.place = Some(PlaceInput {
                name: name.clone(),
                ..Default::default()
            });
        }
        if self.address.is_some() || self.latitude.is_some() || self.longitude.is_some() {
            let place = input.place.as_mut().ok_or_else(|| {
                ServiceError::field("place", "--address and coordinates need --place")
            })?;
            if let Some(a) = &self.address {
                place.address = Some(a.clone());
            }
            place.latitude = self.latitude.or(place.latitude);
            place.longitude = self.longitude.or(place.longitude);
        }
        Ok(())
    }
}

impl KindArgs for DocumentArgs {
    const KIND: ItemKind = ItemKind::Document;

    fn apply(&self, input: &mut ItemInput) -> Result<(), ServiceError> {
        set(&mut input.version, &self.version);
        set(&mut input.license, &self.license);
        set(&mut input.adopted_on, &self.adopted);
        if !self.files.is_empty() {
            input.files = self
                .files
                .iter()
                .map(|path| {
                    Ok(MediaRef {
                        media: upload(path)?,
                        alt: None,
                        name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
                    })
                })
                .collect::<Result<_, ServiceError>>()?;
        }
        Ok(())
    }
}

fn set(field: &mut Option<String>, given: &Option<String>) {
    if given.is_some() {
        *field = given.clone();
    }
}

/// Applies the text flags to the language they name (the item's first when
/// none): a language the item lacks becomes a translation.
fn apply_text(
    text: &TextArgs,
    input: &mut ItemInput,
    default_lang: &str,
) -> Result<(), ServiceError> {
    let body = text
        .body_file
        .as_ref()
        .map(|p| {
            std::fs::read_to_string(p).map_err(|e| {
                ServiceError::BadRequest(format!("cannot read --body-file {}: {e}", p.display()))
            })
        })
        .transpose()?;
    let lang = text
        .lang
        .clone()
        .or_else(|| input.texts.first().map(|t| t.lang.clone()))
        .unwrap_or_else(|| default_lang.to_string());
    let t = match input.texts.iter_mut().position(|t| t.lang == lang) {
        Some(i) => &mut input.texts[i],
        None => {
            input.texts.push(TextInput {
                lang,
                ..Default::default()
            });
            input.texts.last_mut().expect("just pushed")
        }
    };
    if let Some(v) = &text.title {
        t.title = v.clone();
    }
    if let Some(v) = &text.summary {
        t.summary = v.clone();
    }
    if let Some(v) = body {
        t.body = v;
    }
    if !text.tags.is_empty() {
        input.tags = text.tags.clone();
    }
    Ok(())
}

/// Runs one publish/update/delete command; returns the URL to print.
pub async fn run<K: KindArgs>(
    cmd: ItemCommand<K>,
    config: &Config,
    node: &Node,
) -> Result<String, ServiceError> {
    let item = match cmd {
        ItemCommand::Publish { actor, text, kind } => {
            let actor = node.actor_or_city(actor.as_deref()).await?;
            let mut input = ItemInput::default();
            apply_text(&text, &mut input, &config.language)?;
            kind.apply(&mut input)?;
            node.publish(&actor, K::KIND, input).await?
        }
        ItemCommand::Update { id, text, kind } => {
            let (item, actor) = node.item_with_actor(K::KIND, id).await?;
            let draft = item.draft.as_ref().ok_or_else(|| {
                ServiceError::NotFound(format!("no {} {id} on this node", K::KIND.as_str()))
            })?;
            let mut input = ItemInput::from_draft(draft);
            apply_text(&text, &mut input, &config.language)?;
            kind.apply(&mut input)?;
            node.update_item(&actor, K::KIND, id, input).await?
        }
        ItemCommand::Delete { id } => {
            let (_, actor) = node.item_with_actor(K::KIND, id).await?;
            node.delete_item(&actor, K::KIND, id).await?
        }
    };
    Ok(config.base.url(&item.path()).to_string())
}
