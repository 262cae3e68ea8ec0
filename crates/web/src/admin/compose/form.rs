//! The compose form as a model: what each control holds, read from an item
//! or a draft (`fill`) or from what was submitted (`refill`), turned into the
//! service's `ItemInput` (`input`), and the service's refusals placed next to
//! their controls (`refused`). The handlers in `compose` only load, call a
//! command and render this.

use super::super::{escape, AdminPage, Fields};
use askama::Template;
use axum::response::Response;
use civicpub_domain::{ItemKind, Timestamp};
use civicpub_i18n::Locale;
use civicpub_service::items::{ItemInput, MediaRef, PlaceInput, TextInput};
use civicpub_service::media::MediaInput;
use civicpub_service::ServiceError;

/// One language's fields.
pub struct TextFields {
    pub lang: String,
    pub lang_name: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The body as the site will show it, after "Preview".
    pub preview: Option<String>,
}

impl TextFields {
    /// The name of this language's control `part` (title, summary, body).
    pub fn field(&self, part: &str) -> String {
        format!("texts.{}.{part}", self.lang)
    }
}

/// The form as shown: what was written, and what is wrong with it.
#[derive(Template)]
#[template(path = "admin/compose.html")]
pub struct ComposeView<'a> {
    pub page: &'a AdminPage,
    pub kind: ItemKind,
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    /// Editing a published item (it is updated, not scheduled).
    pub live: bool,
    /// Its public page, when live.
    pub public: Option<String>,
    /// Editing a saved draft: its discard form.
    pub draft_id: Option<i64>,
    pub actors: Vec<(String, String)>,
    pub actor: String,
    pub texts: Vec<TextFields>,
    pub tags: String,
    pub hero_current: Option<(String, String)>,
    pub hero_alt: String,
    pub starts: String,
    pub ends: String,
    pub timezone: String,
    pub all_day: bool,
    pub place: String,
    pub address: String,
    pub online_url: String,
    pub status: String,
    pub version: String,
    pub license: String,
    pub adopted_on: String,
    pub file_name: String,
    pub files_current: Vec<(String, String)>,
    pub publish_at: String,
    pub schedule_tz: String,
    /// The node's time zone (`--timezone`): what a new event and a schedule
    /// start from.
    pub default_tz: String,
    pub errors: Vec<(String, String)>,
}

impl ComposeView<'_> {
    /// The message of the problem with control `name`.
    pub fn error(&self, name: impl AsRef<str>) -> Option<&str> {
        let name = name.as_ref();
        self.errors
            .iter()
            .find(|(c, _)| c == name)
            .map(|(_, m)| m.as_str())
    }

    /// `aria-invalid` and `aria-describedby` of a control (a hint's id too).
    pub fn described(&self, name: impl AsRef<str>, hint: impl std::borrow::Borrow<bool>) -> String {
        let (name, hint) = (name.as_ref(), *hint.borrow());
        let id = control_id(name);
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        let mut out = String::new();
        if self.error(name).is_some() {
            ids.push(format!("{id}-error"));
            out.push_str(" aria-invalid=\"true\"");
        }
        if !ids.is_empty() {
            out.push_str(&format!(" aria-describedby=\"{}\"", ids.join(" ")));
        }
        out
    }

    /// The problem shown next to control `name`.
    pub fn error_html(&self, name: impl AsRef<str>) -> String {
        let name = name.as_ref();
        match self.error(name) {
            Some(m) => format!(
                "<p class=\"field-error\" id=\"{}-error\">{}</p>",
                control_id(name),
                escape(m)
            ),
            None => String::new(),
        }
    }

    pub fn id(&self, name: impl AsRef<str>) -> String {
        control_id(name.as_ref())
    }

    /// The label of control `name`, for the summary of problems.
    pub fn label(&self, name: impl AsRef<str>) -> String {
        let name = name.as_ref();
        if let Some(rest) = name.strip_prefix("texts.") {
            let (lang, part) = rest.rsplit_once('.').unwrap_or((rest, "title"));
            let id = match part {
                "summary" => "admin-field-summary",
                "body" => "admin-field-body",
                _ => "admin-field-title",
            };
            return format!("{} ({})", self.page.t(id), language_name(lang));
        }
        let id = match name {
            "tags" => "admin-field-tags",
            "hero" => "admin-field-image-file",
            "hero_alt" => "admin-field-hero-alt",
            "starts" => "admin-field-starts",
            "ends" => "admin-field-ends",
            "timezone" => "admin-field-timezone",
            "place" => "admin-field-place",
            "online_url" => "admin-field-online",
            "status" => "admin-field-status",
            "file" => "admin-field-file",
            "version" => "admin-field-version",
            "license" => "admin-field-license",
            "adopted_on" => "admin-field-adopted",
            "publish_at" => "admin-field-publish-at",
            "schedule_tz" => "admin-field-schedule-tz",
            "actor" => "admin-field-actor",
            _ => return name.to_string(),
        };
        self.page.t(id)
    }

    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    pub fn status_selected(&self, s: impl AsRef<str>) -> &'static str {
        let s = s.as_ref();
        if self.status == s || (s == "scheduled" && self.status.is_empty()) {
            " selected"
        } else {
            ""
        }
    }

    pub fn actor_selected(&self, a: impl AsRef<str>) -> &'static str {
        let a = a.as_ref();
        if self.actor == a {
            " selected"
        } else {
            ""
        }
    }
}

/// The HTML id of the control named `name`.
fn control_id(name: &str) -> String {
    format!("f-{}", name.replace(['.', '_'], "-"))
}

/// The control that a service field's problem belongs to.
fn control_of(field: &str, texts: &[TextFields]) -> String {
    if field == "texts" {
        return texts
            .first()
            .map_or("tags".into(), |t| format!("texts.{}.title", t.lang));
    }
    if let Some(rest) = field.strip_prefix("texts.") {
        if rest.split('.').count() == 1 {
            return format!("texts.{rest}.title");
        }
        return field.to_string();
    }
    if field.starts_with("tags") {
        return "tags".into();
    }
    if field.starts_with("files") {
        return "file".into();
    }
    match field {
        "place" | "place.name" => "place".into(),
        other => other.to_string(),
    }
}

/// The languages the form offers: the node's, then those its site is
/// written in, then those of the item being edited.
pub(super) fn offered(page: &AdminPage, extra: &[String]) -> Vec<String> {
    let mut langs = vec![page.site.data.default.as_str().to_string()];
    let written = page.site.data.pages.iter().map(|p| p.language.clone());
    for l in written.chain(extra.iter().cloned()) {
        if !langs.iter().any(|x| x.eq_ignore_ascii_case(&l)) {
            langs.push(l);
        }
    }
    langs
}

pub(super) fn language_name(tag: &str) -> String {
    Locale::parse(tag).map_or_else(|| tag.to_string(), |l| l.name().to_string())
}

/// Which action a button asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    Publish,
    Draft,
    Schedule,
    Preview,
}

pub(super) fn action_of(fields: &Fields) -> Action {
    match fields.get("action") {
        "draft" => Action::Draft,
        "schedule" => Action::Schedule,
        "preview" => Action::Preview,
        _ => Action::Publish,
    }
}

impl<'a> ComposeView<'a> {
    /// An empty form; times are offered in `timezone`, the node's.
    pub(super) fn blank(
        page: &'a AdminPage,
        kind: ItemKind,
        action: String,
        heading: String,
        timezone: &str,
    ) -> Self {
        ComposeView {
            page,
            kind,
            heading,
            action,
            live: false,
            public: None,
            draft_id: None,
            actors: Vec::new(),
            actor: String::new(),
            texts: Vec::new(),
            tags: String::new(),
            hero_current: None,
            hero_alt: String::new(),
            starts: String::new(),
            ends: String::new(),
            timezone: timezone.to_string(),
            all_day: false,
            place: String::new(),
            address: String::new(),
            online_url: String::new(),
            status: String::new(),
            version: String::new(),
            license: String::new(),
            adopted_on: String::new(),
            file_name: String::new(),
            files_current: Vec::new(),
            publish_at: String::new(),
            schedule_tz: timezone.to_string(),
            default_tz: timezone.to_string(),
            errors: Vec::new(),
        }
    }

    /// Fills the form from an input (an item or a draft being edited).
    pub(super) fn fill(&mut self, input: &ItemInput) {
        let langs: Vec<String> = input.texts.iter().map(|t| t.lang.clone()).collect();
        self.texts = offered(self.page, &langs)
            .into_iter()
            .map(|lang| {
                let t = input
                    .texts
                    .iter()
                    .find(|t| t.lang.eq_ignore_ascii_case(&lang));
                TextFields {
                    lang_name: language_name(&lang),
                    title: t.map(|t| t.title.clone()).unwrap_or_default(),
                    summary: t.map(|t| t.summary.clone()).unwrap_or_default(),
                    body: t.map(|t| t.body.clone()).unwrap_or_default(),
                    lang,
                    preview: None,
                }
            })
            .collect();
        self.tags = input.tags.join(", ");
        if let Some(h) = &input.hero {
            if let MediaInput::Stored(sha) = &h.media {
                self.hero_current = Some((sha.clone(), h.alt.clone().unwrap_or_default()));
            }
            self.hero_alt = h.alt.clone().unwrap_or_default();
        }
        let local = |s: &Option<String>| {
            s.clone()
                .unwrap_or_default()
                .chars()
                .take(16)
                .collect::<String>()
        };
        self.starts = local(&input.starts);
        self.ends = local(&input.ends);
        if let Some(tz) = &input.timezone {
            self.timezone = tz.clone();
        }
        self.all_day = input.all_day;
        if input.all_day {
            self.starts = self.starts.chars().take(10).collect::<String>() + "T00:00";
            self.ends = self.ends.chars().take(10).collect::<String>() + "T00:00";
        }
        if let Some(p) = &input.place {
            self.place = p.name.clone();
            self.address = p.address.clone().unwrap_or_default();
        }
        self.online_url = input.online_url.clone().unwrap_or_default();
        self.status = input.status.clone().unwrap_or_default();
        self.version = input.version.clone().unwrap_or_default();
        self.license = input.license.clone().unwrap_or_default();
        self.adopted_on = input.adopted_on.clone().unwrap_or_default();
        self.files_current = input
            .files
            .iter()
            .filter_map(|f| match &f.media {
                MediaInput::Stored(sha) => Some((sha.clone(), f.name.clone().unwrap_or_default())),
                MediaInput::Upload { .. } => None,
            })
            .collect();
    }

    /// Fills the form from what was submitted, to show it again.
    pub(super) fn refill(&mut self, fields: &Fields) {
        let langs: Vec<String> = self.texts.iter().map(|t| t.lang.clone()).collect();
        let langs = if langs.is_empty() {
            offered(self.page, &[])
        } else {
            langs
        };
        self.texts = langs
            .into_iter()
            .map(|lang| TextFields {
                lang_name: language_name(&lang),
                title: fields.get(&format!("texts.{lang}.title")).to_string(),
                summary: fields.get(&format!("texts.{lang}.summary")).to_string(),
                body: fields.get(&format!("texts.{lang}.body")).to_string(),
                lang,
                preview: None,
            })
            .collect();
        self.actor = fields.get("actor").to_string();
        self.tags = fields.get("tags").to_string();
        self.hero_alt = fields.get("hero_alt").to_string();
        self.hero_current = fields
            .opt("hero_keep")
            .map(|sha| (sha, fields.get("hero_alt").to_string()));
        self.starts = fields.get("starts").to_string();
        self.ends = fields.get("ends").to_string();
        self.timezone = fields.get("timezone").to_string();
        self.all_day = fields.checked("all_day");
        self.place = fields.get("place").to_string();
        self.address = fields.get("address").to_string();
        self.online_url = fields.get("online_url").to_string();
        self.status = fields.get("status").to_string();
        self.version = fields.get("version").to_string();
        self.license = fields.get("license").to_string();
        self.adopted_on = fields.get("adopted_on").to_string();
        self.file_name = fields.get("file_name").to_string();
        self.files_current = fields
            .opt("files_keep")
            .map(|sha| vec![(sha, fields.get("files_keep_name").to_string())])
            .unwrap_or_default();
        self.publish_at = fields.get("publish_at").to_string();
        self.schedule_tz = fields
            .opt("schedule_tz")
            .unwrap_or_else(|| self.default_tz.clone());
    }

    /// The submitted form as the service's input.
    pub(super) fn input(&self, fields: &Fields) -> ItemInput {
        let mut input = ItemInput {
            texts: self
                .texts
                .iter()
                .filter(|t| {
                    !(t.title.trim().is_empty()
                        && t.summary.trim().is_empty()
                        && t.body.trim().is_empty())
                })
                .map(|t| TextInput {
                    lang: t.lang.clone(),
                    title: t.title.trim().to_string(),
                    summary: t.summary.trim().to_string(),
                    body: t.body.clone(),
                })
                .collect(),
            tags: self
                .tags
                .split(',')
                .map(|t| t.trim().trim_start_matches('#').to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            ..Default::default()
        };
        match self.kind {
            ItemKind::News => {
                let alt = Some(self.hero_alt.trim().to_string());
                input.hero = match (fields.file("hero"), &self.hero_current) {
                    (Some(upload), _) => Some(MediaRef {
                        media: upload.media_input(),
                        alt,
                        name: None,
                    }),
                    (None, Some((sha, _))) => Some(MediaRef {
                        media: MediaInput::Stored(sha.clone()),
                        alt,
                        name: None,
                    }),
                    (None, None) => None,
                };
            }
            ItemKind::Event => {
                // An all-day event takes the dates of what the pickers say.
                let when = |s: &str| {
                    let s = s.trim();
                    if self.all_day {
                        s.split('T').next().unwrap_or(s).to_string()
                    } else {
                        s.to_string()
                    }
                };
                input.starts = Some(when(&self.starts));
                input.ends = Some(when(&self.ends));
                input.timezone = Some(self.timezone.trim().to_string());
                input.all_day = self.all_day;
                input.place = (!self.place.trim().is_empty()).then(|| PlaceInput {
                    name: self.place.trim().to_string(),
                    address: Some(self.address.trim().to_string()).filter(|a| !a.is_empty()),
                    latitude: None,
                    longitude: None,
                });
                input.online_url =
                    Some(self.online_url.trim().to_string()).filter(|u| !u.is_empty());
                input.status = Some(self.status.clone()).filter(|s| !s.is_empty());
            }
            ItemKind::Document => {
                input.version = Some(self.version.trim().to_string());
                input.license = Some(self.license.trim().to_string());
                input.adopted_on = Some(self.adopted_on.trim().to_string());
                let name = Some(self.file_name.trim().to_string()).filter(|n| !n.is_empty());
                input.files = match fields.file("file") {
                    Some(upload) => vec![MediaRef {
                        media: upload.media_input(),
                        alt: None,
                        name,
                    }],
                    None => self
                        .files_current
                        .iter()
                        .map(|(sha, n)| MediaRef {
                            media: MediaInput::Stored(sha.clone()),
                            alt: None,
                            name: Some(n.clone()).filter(|n| !n.is_empty()),
                        })
                        .collect(),
                };
            }
        }
        input
    }

    /// Shows what a command refused, each problem next to its control.
    pub(super) fn refused(&mut self, e: ServiceError) -> Result<(), Response> {
        match e {
            ServiceError::Invalid(errors) => {
                self.errors = errors
                    .into_iter()
                    .map(|e| (control_of(&e.field, &self.texts), e.message))
                    .collect();
                Ok(())
            }
            other => Err(super::super::fail(self.page, other)),
        }
    }

    pub(super) fn preview(&mut self) {
        for t in &mut self.texts {
            if !t.body.trim().is_empty() {
                t.preview = Some(civicpub_service::convert::markdown::markdown_to_html(
                    &t.body,
                ));
            }
        }
    }

    /// The scheduled time, read in its time zone.
    pub(super) fn publish_at(&mut self) -> Option<Timestamp> {
        let raw = self.publish_at.trim();
        let problem = |m: &str| ("publish_at".to_string(), m.to_string());
        if raw.is_empty() {
            self.errors.push(problem("is required to schedule"));
            return None;
        }
        let Ok(tz) = self.schedule_tz.trim().parse::<chrono_tz::Tz>() else {
            self.errors.push((
                "schedule_tz".into(),
                "not an IANA time zone such as Europe/Rome, or UTC".into(),
            ));
            return None;
        };
        let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| chrono::NaiveDateTime::parse_from_str(raw, f).ok());
        let Some(local) = local else {
            self.errors
                .push(problem("not a time like 2026-12-01T16:00"));
            return None;
        };
        match local.and_local_timezone(tz).earliest() {
            Some(t) => Some(Timestamp(t.timestamp_millis())),
            None => {
                self.errors
                    .push(problem("does not exist in that time zone (clocks skip it)"));
                None
            }
        }
    }
}
