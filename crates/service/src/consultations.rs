//! Consultations: the city asks, citizens vote from wherever their account is
//! (Mastodon shows a consultation as a poll), and the running totals go to the
//! city's followers and the voters at a bounded rate. Who voted is never
//! published; only the totals are.

use crate::convert::consultation::{question, tombstone};
use crate::convert::item::public_activity;
use crate::inbox::Received;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{
    Consultation, ConsultationDraft, ConsultationText, LocalActor, Moderation, Tally, Timestamp,
};
use civicpub_protocol::activity::ActivityType;
use civicpub_protocol::object::Object;
use civicpub_protocol::values::HasId;
use civicpub_store::{NewActivity, NewVote, RemoteActor, VoteRefused};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// What staff submit to publish a consultation, from the CLI or the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationInput {
    /// The texts, the default language first.
    pub texts: Vec<ConsultationText>,
    /// Several options may be chosen.
    #[serde(default)]
    pub multiple: bool,
    /// When voting ends: RFC 3339 with its offset (2026-12-20T18:00:00+01:00).
    pub ends_at: Option<String>,
    /// Or how long voting lasts from now: 90m, 36h, 14d.
    pub duration: Option<String>,
    /// How replies are moderated: open, approve or closed [default: the node's
    /// default for consultations].
    pub moderation: Option<String>,
}

/// A duration such as `90m`, `36h` or `14d`.
fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    let (n, unit) = s.split_at(s.len().checked_sub(1)?);
    let n: i64 = n.trim().parse().ok().filter(|n| *n > 0)?;
    let unit = match unit {
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    n.checked_mul(unit)
}

impl ConsultationInput {
    /// The draft this input asks for at `now`, or every problem with it.
    fn draft(&self, now: Timestamp) -> Result<(ConsultationDraft, Option<Moderation>)> {
        let mut problems = crate::Problems::default();
        let ends_at = match (&self.ends_at, &self.duration) {
            (Some(_), Some(_)) => {
                problems.add("ends_at", "give an end time or a duration, not both");
                None
            }
            (Some(t), None) => match chrono::DateTime::parse_from_rfc3339(t.trim()) {
                Ok(t) => Some(Timestamp(t.timestamp_millis())),
                Err(_) => {
                    problems.add(
                        "ends_at",
                        format!("'{t}' is not a time such as 2026-12-20T18:00:00+01:00"),
                    );
                    None
                }
            },
            (None, Some(d)) => match parse_duration(d) {
                Some(ms) => Some(Timestamp(now.millis() + ms)),
                None => {
                    problems.add(
                        "duration",
                        format!("'{d}' is not a duration such as 90m, 36h or 14d"),
                    );
                    None
                }
            },
            (None, None) => {
                problems.add("ends_at", "an end time (or a duration) is required");
                None
            }
        };
        let moderation = match self.moderation.as_deref().map(str::trim) {
            None | Some("default") => None,
            Some(m) => match Moderation::parse(m) {
                Some(m) => Some(m),
                None => {
                    problems.add(
                        "moderation",
                        format!("'{m}' is not one of {}, default", Moderation::choices()),
                    );
                    None
                }
            },
        };
        let texts: Vec<ConsultationText> = self
            .texts
            .iter()
            .map(|t| ConsultationText {
                lang: t.lang.trim().to_string(),
                question: t.question.trim().to_string(),
                body: t.body.trim().to_string(),
                options: t.options.iter().map(|o| o.trim().to_string()).collect(),
            })
            .collect();
        let draft = ConsultationDraft {
            texts,
            multiple: self.multiple,
            ends_at: ends_at.unwrap_or(now),
        };
        for e in draft.validate(now) {
            if ends_at.is_some() || e.field != "ends_at" {
                problems.0.push(e);
            }
        }
        if problems.0.is_empty() {
            Ok((draft, moderation))
        } else {
            Err(ServiceError::Invalid(problems.0))
        }
    }
}

impl Node {
    /// Publishes a consultation: its `Question` goes to the actor's followers.
    pub async fn publish_consultation(
        &self,
        actor: &LocalActor,
        input: ConsultationInput,
    ) -> Result<Consultation> {
        let now = Timestamp::now();
        let (draft, moderation) = input.draft(now)?;
        let c = self
            .store
            .insert_consultation(actor.id, &draft, moderation, |c| {
                self.consultation_activity(actor, c, &Tally::default(), ActivityType::Create, now)
            })
            .await?;
        self.changed().await;
        Ok(c)
    }

    /// Adds a translation (or replaces one) of a consultation that is not the
    /// default language: the same options, in the same order.
    pub async fn translate_consultation(
        &self,
        actor: &LocalActor,
        id: i64,
        text: ConsultationText,
    ) -> Result<Consultation> {
        let (c, _) = self.owned_consultation(actor, id).await?;
        let mut draft = c
            .draft
            .clone()
            .ok_or_else(|| ServiceError::Gone(format!("consultation {id} was deleted")))?;
        let text = ConsultationText {
            lang: text.lang.trim().to_string(),
            question: text.question.trim().to_string(),
            body: text.body.trim().to_string(),
            options: text.options.iter().map(|o| o.trim().to_string()).collect(),
        };
        if draft.main().lang == text.lang {
            return Err(ServiceError::field(
                "lang",
                "the default language cannot change once people vote: publish a new consultation",
            ));
        }
        match draft.texts.iter_mut().find(|t| t.lang == text.lang) {
            Some(t) => *t = text,
            None => draft.texts.push(text),
        }
        let now = Timestamp::now();
        // The end time was checked when it was published; only the texts are now.
        let problems: Vec<_> = draft
            .validate(Timestamp(draft.ends_at.millis() - 60_000))
            .into_iter()
            .filter(|e| e.field != "ends_at")
            .collect();
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let tally = self.store.tally(id, draft.options()).await?;
        let c = self
            .store
            .update_consultation(id, &draft, |c| {
                self.consultation_activity(actor, c, &tally, ActivityType::Update, now)
            })
            .await?;
        self.changed().await;
        Ok(c)
    }

    /// Deletes a consultation and its votes; its id answers 410 from then on.
    pub async fn delete_consultation(&self, actor: &LocalActor, id: i64) -> Result<Consultation> {
        self.owned_consultation(actor, id).await?;
        let now = Timestamp::now();
        let c = self
            .store
            .delete_consultation(id, |c| {
                self.consultation_activity(actor, c, &Tally::default(), ActivityType::Delete, now)
            })
            .await?;
        self.changed().await;
        Ok(c)
    }

    async fn owned_consultation(
        &self,
        actor: &LocalActor,
        id: i64,
    ) -> Result<(Consultation, LocalActor)> {
        let (c, owner) = self.consultation(id).await?;
        if c.actor_id != actor.id {
            return Err(ServiceError::Forbidden(format!(
                "consultation {id} belongs to another actor"
            )));
        }
        if c.deleted_at.is_some() {
            return Err(ServiceError::Gone(format!("consultation {id} was deleted")));
        }
        Ok((c, owner))
    }

    /// A consultation (deleted ones too) and the actor who asks.
    pub async fn consultation(&self, id: i64) -> Result<(Consultation, LocalActor)> {
        let c =
            self.store.consultation(id).await?.ok_or_else(|| {
                ServiceError::NotFound(format!("no consultation {id} on this node"))
            })?;
        let actor = self
            .store
            .actor_by_id(c.actor_id)
            .await?
            .ok_or_else(|| ServiceError::internal(format!("consultation {id} has no actor")))?;
        Ok((c, actor))
    }

    /// Consultations not deleted, newest first.
    pub async fn consultations(&self, limit: u32) -> Result<Vec<Consultation>> {
        Ok(self.store.consultations(limit).await?)
    }

    /// The running totals of a live consultation.
    pub async fn tally(&self, c: &Consultation) -> Result<Tally> {
        let options = c.draft.as_ref().map_or(0, ConsultationDraft::options);
        Ok(self.store.tally(c.id, options).await?)
    }

    /// The `Question` of a live consultation as it stands now.
    pub async fn question(&self, c: &Consultation, actor: &LocalActor) -> Result<Option<Object>> {
        let tally = self.tally(c).await?;
        Ok(question(&self.base, actor, c, &tally, Timestamp::now()))
    }

    /// The activity that tells followers of a consultation and its totals.
    fn consultation_activity(
        &self,
        actor: &LocalActor,
        c: &Consultation,
        tally: &Tally,
        kind: ActivityType,
        at: Timestamp,
    ) -> NewActivity {
        let object_id = self.base.url(&c.path());
        let id = match kind {
            ActivityType::Create => format!("{object_id}/activity"),
            ActivityType::Delete => format!("{object_id}#delete"),
            _ => crate::outbox::mint_id(&object_id, ActivityType::Update).to_string(),
        };
        let id = Url::parse(&id).expect("a consultation's URL takes a path or a fragment");
        let body = match question(&self.base, actor, c, tally, at) {
            Some(o) => {
                serde_json::to_string(&public_activity(&self.base, actor, kind, id.clone(), o, at))
            }
            None => serde_json::to_string(&public_activity(
                &self.base,
                actor,
                kind,
                id.clone(),
                tombstone(&self.base, c),
                at,
            )),
        }
        .expect("an activity serialises");
        NewActivity {
            activity_id: id.to_string(),
            kind: kind.as_str().to_string(),
            object_id: object_id.to_string(),
            body,
        }
    }

    /// A vote from `sender` on `c` (a post answering it that names an option):
    /// counted once per account and option (once per account when one option
    /// may be chosen), refused once voting has ended.
    pub(crate) async fn vote(
        &self,
        sender: &RemoteActor,
        c: &Consultation,
        object: &Object,
    ) -> Result<Received> {
        let Some(draft) = c.draft.as_ref() else {
            return Ok(Received::Ignored(format!(
                "consultation {} was deleted",
                c.id
            )));
        };
        let now = Timestamp::now();
        if c.closed_at(now) {
            return Ok(Received::Ignored(format!(
                "voting on consultation {} ended at {}",
                c.id,
                draft.ends_at.to_rfc3339()
            )));
        }
        let name = object.name.as_deref().unwrap_or_default();
        let Some(choice) = draft.choice_named(name) else {
            return Ok(Received::Ignored(format!(
                "consultation {} has no option '{}'",
                c.id,
                name.chars().take(100).collect::<String>()
            )));
        };
        let ballot = if draft.multiple {
            format!("{}\n{choice}", sender.uri)
        } else {
            sender.uri.clone()
        };
        let vote = NewVote {
            consultation_id: c.id,
            choice,
            voter_uri: sender.uri.clone(),
            voter_host: sender.host.clone(),
            voter_inbox: sender
                .shared_inbox
                .clone()
                .unwrap_or_else(|| sender.inbox.clone()),
            uri: object.id().to_string(),
        };
        let send_by = Timestamp(now.millis() + self.totals_every.as_millis() as i64);
        match self.store.cast_vote(&vote, &ballot, send_by).await? {
            Ok(()) => {
                self.changed().await;
                Ok(Received::Stored)
            }
            Err(VoteRefused::AlreadyVoted) => Ok(Received::Ignored(if draft.multiple {
                format!("this account already voted for '{name}'")
            } else {
                format!("this account already voted on consultation {}", c.id)
            })),
        }
    }

    /// Sends the totals of every consultation whose totals are due (after new
    /// votes, at most once per `totals_every`; and once more when voting ends).
    /// Returns how many were sent.
    pub async fn send_due_totals(&self) -> Result<usize> {
        let now = Timestamp::now();
        let mut sent = 0;
        for id in self.store.consultation_updates_due(now).await? {
            let Some(c) = self.store.consultation(id).await? else {
                continue;
            };
            let Some(actor) = self.store.actor_by_id(c.actor_id).await? else {
                continue;
            };
            if self
                .store
                .send_consultation_update(id, now, |c, tally| {
                    self.consultation_activity(&actor, c, tally, ActivityType::Update, now)
                })
                .await?
            {
                sent += 1;
            }
        }
        if sent > 0 {
            self.changed().await;
        }
        Ok(sent)
    }

    /// Sends due totals every `every` until the process ends (serve and
    /// worker both do; one of them sends each update).
    pub async fn send_totals_loop(self: Arc<Self>, every: Duration) {
        loop {
            if let Err(e) = self.send_due_totals().await {
                tracing::warn!(error = %e.detail(), "cannot send consultation totals");
            }
            tokio::time::sleep(every).await;
        }
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break; a leading `=`, `+`, `-` or `@` is escaped so that no spreadsheet
/// takes the text for a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The totals as CSV, one row per option in `lang` (the default language when
/// it has no text in `lang`): number, option, votes, percent of the votes.
pub fn results_csv(draft: &ConsultationDraft, tally: &Tally, lang: &str) -> String {
    let text = draft
        .texts
        .iter()
        .find(|t| t.lang == lang)
        .unwrap_or_else(|| draft.main());
    let mut csv = String::from("number,option,votes,percent\r\n");
    for (i, option) in text.options.iter().enumerate() {
        csv.push_str(&format!(
            "{},{},{},{}\r\n",
            i + 1,
            csv_field(option),
            tally.votes.get(i).copied().unwrap_or(0),
            tally.percent(i)
        ));
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(csv_field("North"), "North");
        assert_eq!(csv_field("Parks, gardens"), "\"Parks, gardens\"");
        assert_eq!(csv_field("say \"yes\""), "\"say \"\"yes\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn durations_read() {
        assert_eq!(parse_duration("90m"), Some(90 * 60_000));
        assert_eq!(parse_duration("14d"), Some(14 * 86_400_000));
        for bad in ["", "d", "0d", "-1h", "3w", "1.5h"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn input_problems_are_all_told() {
        let input = ConsultationInput {
            texts: vec![ConsultationText {
                lang: "en".into(),
                question: " ".into(),
                body: String::new(),
                options: vec!["Yes".into()],
            }],
            ends_at: Some("tomorrow".into()),
            moderation: Some("maybe".into()),
            ..Default::default()
        };
        let Err(ServiceError::Invalid(problems)) = input.draft(Timestamp::now()) else {
            panic!("accepted")
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "ends_at",
                "moderation",
                "texts.en.question",
                "texts.en.options"
            ]
        );
    }
}
