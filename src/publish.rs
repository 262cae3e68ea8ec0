//! `civicpub news|event|document publish|update|delete` and `civicpub token create`:
//! the same publishing logic as the API, acting on the node's database.

use crate::config::Config;
use chrono::{NaiveDate, NaiveDateTime};
use civicpub_domain::{
    DocumentDetails, DocumentFile, Draft, EventDetails, EventStatus, ItemDetails, ItemKind,
    LocalActor, MediaKind, Place, Text,
};
use civicpub_service::{PublishError, Publisher};
use civicpub_store::{MediaFiles, Store};
use std::path::PathBuf;
use url::Url;

/// Largest file the CLI and the API accept (images and PDFs).
pub const UPLOAD_LIMIT: u64 = 25 * 1024 * 1024;

#[derive(clap::Subcommand)]
pub enum ItemCommand<K: clap::Args> {
    /// Publish a new item and print its URL
    Publish {
        /// The local actor that publishes it
        #[arg(long)]
        actor: String,
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

/// A CLI failure: its message, and whether the input was at fault (exit 2) or not (exit 1).
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub usage: bool,
}

fn usage(msg: impl Into<String>) -> CliError {
    CliError {
        message: msg.into(),
        usage: true,
    }
}

fn runtime(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        usage: false,
    }
}

impl From<PublishError> for CliError {
    fn from(e: PublishError) -> Self {
        match e {
            PublishError::Invalid(errors) => usage(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            PublishError::NotFound(m) | PublishError::Conflict(m) => usage(m),
            PublishError::Store(e) => runtime(e),
        }
    }
}

/// How a kind's arguments change a draft.
pub trait KindArgs: clap::Args {
    const KIND: ItemKind;
    /// The details for a new item.
    fn new_details(
        &self,
        ctx: &Ctx<'_>,
    ) -> impl std::future::Future<Output = Result<ItemDetails, CliError>>;
    /// Applies what was given to existing details.
    fn apply(
        &self,
        ctx: &Ctx<'_>,
        details: &mut ItemDetails,
    ) -> impl std::future::Future<Output = Result<(), CliError>>;
}

pub struct Ctx<'a> {
    pub store: &'a Store,
    pub config: &'a Config,
}

impl Ctx<'_> {
    async fn upload(
        &self,
        path: &PathBuf,
        want_image: bool,
    ) -> Result<civicpub_domain::Media, CliError> {
        let bytes = std::fs::read(path)
            .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
        let claimed = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(MediaKind::from_extension);
        let kind = MediaKind::check(&bytes, claimed)
            .map_err(|e| usage(format!("{}: {e}", path.display())))?;
        if want_image && !kind.is_image() {
            return Err(usage(format!("{}: not an image", path.display())));
        }
        MediaFiles::new(&self.config.data_dir)
            .save(self.store, &bytes, Some(kind), UPLOAD_LIMIT)
            .await
            .map_err(|e| usage(format!("{}: {e}", path.display())))
    }
}

impl KindArgs for NewsArgs {
    const KIND: ItemKind = ItemKind::News;

    async fn new_details(&self, ctx: &Ctx<'_>) -> Result<ItemDetails, CliError> {
        let mut d = ItemDetails::News { hero: None };
        self.apply(ctx, &mut d).await?;
        Ok(d)
    }

    async fn apply(&self, ctx: &Ctx<'_>, details: &mut ItemDetails) -> Result<(), CliError> {
        let ItemDetails::News { hero } = details else {
            unreachable!()
        };
        match (&self.hero, &self.hero_alt) {
            (Some(path), alt) => {
                let alt = alt.clone().unwrap_or_default();
                if alt.trim().is_empty() {
                    return Err(usage("hero_alt: alt text is required: describe the image for people who cannot see it"));
                }
                *hero = Some((ctx.upload(path, true).await?, alt));
            }
            (None, Some(alt)) => match hero {
                Some((_, a)) => *a = alt.clone(),
                None => return Err(usage("--hero-alt needs --hero")),
            },
            (None, None) => {}
        }
        Ok(())
    }
}

fn parse_local(s: &str, all_day: bool, end: bool) -> Result<NaiveDateTime, String> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if all_day {
            let t = if end {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            };
            return t.ok_or_else(|| "invalid date".into());
        }
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| {
            format!(
                "'{s}' is not a local time like 2026-12-01T16:00{}",
                if all_day { " or a date" } else { "" }
            )
        })
}

impl KindArgs for EventArgs {
    const KIND: ItemKind = ItemKind::Event;

    async fn new_details(&self, ctx: &Ctx<'_>) -> Result<ItemDetails, CliError> {
        let (Some(starts), Some(ends), Some(tz)) = (&self.starts, &self.ends, &self.timezone)
        else {
            return Err(usage("an event needs --starts, --ends and --timezone"));
        };
        let mut d = ItemDetails::Event(EventDetails {
            starts: parse_local(starts, self.all_day, false)
                .map_err(|e| usage(format!("starts: {e}")))?,
            ends: parse_local(ends, self.all_day, true).map_err(|e| usage(format!("ends: {e}")))?,
            timezone: tz.clone(),
            all_day: self.all_day,
            place: None,
            online_url: None,
            status: EventStatus::Scheduled,
        });
        self.apply(ctx, &mut d).await?;
        Ok(d)
    }

    async fn apply(&self, _ctx: &Ctx<'_>, details: &mut ItemDetails) -> Result<(), CliError> {
        let ItemDetails::Event(e) = details else {
            unreachable!()
        };
        if self.all_day {
            e.all_day = true;
        }
        if let Some(s) = &self.starts {
            e.starts =
                parse_local(s, e.all_day, false).map_err(|m| usage(format!("starts: {m}")))?;
        }
        if let Some(s) = &self.ends {
            e.ends = parse_local(s, e.all_day, true).map_err(|m| usage(format!("ends: {m}")))?;
        }
        if let Some(tz) = &self.timezone {
            e.timezone = tz.clone();
        }
        if let Some(name) = &self.place {
            e.place = Some(Place {
                name: name.clone(),
                address: None,
                latitude: None,
                longitude: None,
            });
        }
        if self.address.is_some() || self.latitude.is_some() || self.longitude.is_some() {
            let p = e
                .place
                .as_mut()
                .ok_or_else(|| usage("place: --address and coordinates need --place"))?;
            if let Some(a) = &self.address {
                p.address = Some(a.clone());
            }
            p.latitude = self.latitude.or(p.latitude);
            p.longitude = self.longitude.or(p.longitude);
        }
        if let Some(u) = &self.online_url {
            e.online_url =
                Some(Url::parse(u).map_err(|_| usage(format!("online_url: '{u}' is not a URL")))?);
        }
        if let Some(s) = &self.status {
            e.status = EventStatus::parse(s).ok_or_else(|| {
                usage(format!(
                    "status: '{s}' is not scheduled, cancelled or postponed"
                ))
            })?;
        }
        Ok(())
    }
}

impl KindArgs for DocumentArgs {
    const KIND: ItemKind = ItemKind::Document;

    async fn new_details(&self, ctx: &Ctx<'_>) -> Result<ItemDetails, CliError> {
        let (Some(_), Some(_)) = (&self.version, &self.license) else {
            return Err(usage("a document needs --version and --license"));
        };
        let mut d = ItemDetails::Document(DocumentDetails {
            version: String::new(),
            license: String::new(),
            adopted_on: chrono::Utc::now().date_naive(),
            files: Vec::new(),
        });
        self.apply(ctx, &mut d).await?;
        Ok(d)
    }

    async fn apply(&self, ctx: &Ctx<'_>, details: &mut ItemDetails) -> Result<(), CliError> {
        let ItemDetails::Document(d) = details else {
            unreachable!()
        };
        if let Some(v) = &self.version {
            d.version = v.clone();
        }
        if let Some(l) = &self.license {
            d.license = l.clone();
        }
        if let Some(a) = &self.adopted {
            d.adopted_on = NaiveDate::parse_from_str(a, "%Y-%m-%d")
                .map_err(|_| usage(format!("adopted: '{a}' is not a date like 2026-03-15")))?;
        }
        if !self.files.is_empty() {
            let mut files = Vec::new();
            for path in &self.files {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                files.push(DocumentFile {
                    media: ctx.upload(path, false).await?,
                    name,
                });
            }
            d.files = files;
        }
        Ok(())
    }
}

fn read_body(text: &TextArgs) -> Result<Option<String>, CliError> {
    text.body_file
        .as_ref()
        .map(|p| {
            std::fs::read_to_string(p)
                .map_err(|e| usage(format!("cannot read --body-file {}: {e}", p.display())))
        })
        .transpose()
}

async fn actor_named(store: &Store, username: &str) -> Result<LocalActor, CliError> {
    store
        .actor_by_username(username)
        .await
        .map_err(runtime)?
        .filter(|a| !a.is_instance_actor())
        .ok_or_else(|| usage(format!("no actor '{username}' on this node")))
}

/// Runs one publish/update/delete command; returns the URL to print.
pub async fn run<K: KindArgs>(
    cmd: ItemCommand<K>,
    config: &Config,
    store: &Store,
) -> Result<String, CliError> {
    let ctx = Ctx { store, config };
    let publisher = Publisher {
        store,
        base: &config.base,
    };
    match cmd {
        ItemCommand::Publish { actor, text, kind } => {
            let actor = actor_named(store, &actor).await?;
            let body = read_body(&text)?.unwrap_or_default();
            let draft = Draft {
                texts: vec![Text {
                    lang: text.lang.clone().unwrap_or_else(|| config.language.clone()),
                    title: text.title.clone().unwrap_or_default(),
                    summary: text.summary.clone().unwrap_or_default(),
                    body,
                }],
                tags: text.tags.clone(),
                details: kind.new_details(&ctx).await?,
            };
            let item = publisher.publish(&actor, draft).await?;
            Ok(config.base.url(&item.path()).to_string())
        }
        ItemCommand::Update { id, text, kind } => {
            let item = store.item(id).await.map_err(runtime)?;
            let item = item
                .filter(|i| i.kind == K::KIND && i.deleted_at.is_none())
                .ok_or_else(|| usage(format!("no {} {id} on this node", K::KIND.as_str())))?;
            let actor = store
                .actor_by_id(item.actor_id)
                .await
                .map_err(runtime)?
                .ok_or_else(|| usage("the item's actor is gone"))?;
            let mut draft = item.draft.clone().expect("live item has content");
            let lang = text
                .lang
                .clone()
                .unwrap_or_else(|| draft.texts[0].lang.clone());
            let body = read_body(&text)?;
            match draft.texts.iter_mut().find(|t| t.lang == lang) {
                Some(t) => {
                    if let Some(v) = &text.title {
                        t.title = v.clone();
                    }
                    if let Some(v) = &text.summary {
                        t.summary = v.clone();
                    }
                    if let Some(v) = body {
                        t.body = v;
                    }
                }
                None => draft.texts.push(Text {
                    lang,
                    title: text.title.clone().unwrap_or_default(),
                    summary: text.summary.clone().unwrap_or_default(),
                    body: body.unwrap_or_default(),
                }),
            }
            if !text.tags.is_empty() {
                draft.tags = text.tags.clone();
            }
            kind.apply(&ctx, &mut draft.details).await?;
            let item = publisher.update(&actor, id, draft).await?;
            Ok(config.base.url(&item.path()).to_string())
        }
        ItemCommand::Delete { id } => {
            let item = store
                .item(id)
                .await
                .map_err(runtime)?
                .filter(|i| i.kind == K::KIND && i.deleted_at.is_none())
                .ok_or_else(|| usage(format!("no {} {id} on this node", K::KIND.as_str())))?;
            let actor = store
                .actor_by_id(item.actor_id)
                .await
                .map_err(runtime)?
                .ok_or_else(|| usage("the item's actor is gone"))?;
            let item = publisher.delete(&actor, id).await?;
            Ok(config.base.url(&item.path()).to_string())
        }
    }
}
