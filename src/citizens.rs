//! `civicpub consultation …`, `civicpub moderation …` and `civicpub messages`:
//! flags read into the same service commands the API calls.

use civicpub_domain::{Comment, ConsultationText};
use civicpub_service::consultations::{results_csv, ConsultationInput};
use civicpub_service::{Node, ServiceError};
use std::io::Write;
use std::path::PathBuf;

/// Prints a line; a reader that went away (`| head`) ends the listing quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            return Ok(());
        }
    };
}

#[derive(clap::Subcommand)]
pub enum ConsultationCommand {
    /// Ask citizens a question: it goes out as a poll they can vote on from
    /// Mastodon and elsewhere. Prints its URL
    Publish {
        /// The local actor that asks [default: the city]
        #[arg(long)]
        actor: Option<String>,
        #[command(flatten)]
        text: ConsultationTextArgs,
        /// Several options may be chosen
        #[arg(long)]
        multiple: bool,
        /// When voting ends, e.g. 2026-12-20T18:00:00+01:00
        #[arg(
            long,
            conflicts_with = "duration",
            required_unless_present = "duration"
        )]
        ends: Option<String>,
        /// Or how long voting lasts: 90m, 36h, 14d
        #[arg(long = "for", value_name = "DURATION")]
        duration: Option<String>,
        /// How replies are moderated: open, approve or closed [default: the node's default]
        #[arg(long)]
        moderation: Option<String>,
    },
    /// Add (or replace) the consultation's text in another language: the
    /// question and the same options, in the same order
    Translate {
        id: i64,
        #[command(flatten)]
        text: ConsultationTextArgs,
    },
    /// List the consultations, newest first
    List,
    /// The running totals (who voted is never shown)
    Results {
        id: i64,
        /// As CSV: number, option, votes, percent
        #[arg(long)]
        csv: bool,
    },
    /// Delete a consultation and its votes for good
    Delete { id: i64 },
}

#[derive(clap::Args)]
pub struct ConsultationTextArgs {
    /// Language of the texts given (BCP 47) [default: the node's language]
    #[arg(long)]
    lang: Option<String>,
    /// The question
    #[arg(long)]
    question: String,
    /// An option (repeat it for each, 2 to 10)
    #[arg(long = "option", value_name = "OPTION", required = true)]
    options: Vec<String>,
    /// Markdown file saying what the consultation is about
    #[arg(long, value_name = "FILE.md")]
    body_file: Option<PathBuf>,
}

impl ConsultationTextArgs {
    fn text(&self, node: &Node) -> Result<ConsultationText, ServiceError> {
        let body = match &self.body_file {
            Some(path) => std::fs::read_to_string(path).map_err(|e| {
                ServiceError::field("body_file", format!("cannot read {}: {e}", path.display()))
            })?,
            None => String::new(),
        };
        Ok(ConsultationText {
            lang: self.lang.clone().unwrap_or_else(|| node.language.clone()),
            question: self.question.clone(),
            body,
            options: self.options.clone(),
        })
    }
}

pub async fn consultation(cmd: ConsultationCommand, node: &Node) -> Result<(), ServiceError> {
    match cmd {
        ConsultationCommand::Publish {
            actor,
            text,
            multiple,
            ends,
            duration,
            moderation,
        } => {
            let actor = node.actor_or_city(actor.as_deref()).await?;
            let input = ConsultationInput {
                texts: vec![text.text(node)?],
                multiple,
                ends_at: ends,
                duration,
                moderation,
            };
            let c = node.publish_consultation(&actor, input).await?;
            out!("{}", node.base.url(&c.path()));
        }
        ConsultationCommand::Translate { id, text } => {
            let (_, actor) = node.consultation(id).await?;
            let c = node
                .translate_consultation(&actor, id, text.text(node)?)
                .await?;
            out!("{}", node.base.url(&c.path()));
        }
        ConsultationCommand::List => {
            for c in node.consultations(1000).await? {
                let Some(d) = &c.draft else { continue };
                let tally = node.tally(&c).await?;
                out!(
                    "{}\t{}\t{} voters\tends {}\t{}",
                    c.id,
                    node.base.url(&c.path()),
                    tally.voters,
                    d.ends_at.to_rfc3339(),
                    d.main().question
                );
            }
        }
        ConsultationCommand::Results { id, csv } => {
            let (c, _) = node.consultation(id).await?;
            let draft = c
                .draft
                .as_ref()
                .ok_or_else(|| ServiceError::Gone(format!("consultation {id} was deleted")))?;
            let tally = node.tally(&c).await?;
            if csv {
                if write!(
                    std::io::stdout(),
                    "{}",
                    results_csv(draft, &tally, &draft.main().lang)
                )
                .is_err()
                {
                    return Ok(());
                }
            } else {
                out!("{}", draft.main().question);
                for (i, option) in draft.main().options.iter().enumerate() {
                    out!(
                        "{:>6} votes {:>4}%  {option}",
                        tally.votes[i],
                        tally.percent(i)
                    );
                }
                out!("{} voters", tally.voters);
            }
        }
        ConsultationCommand::Delete { id } => {
            let (_, actor) = node.consultation(id).await?;
            node.delete_consultation(&actor, id).await?;
        }
    }
    Ok(())
}

#[derive(clap::Subcommand)]
pub enum ModerationCommand {
    /// Replies waiting for approval, oldest first
    Queue {
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Show a reply on its page and in its object's replies
    Approve { comment: i64 },
    /// Keep a reply off the pages
    Reject { comment: i64 },
    /// Block a reply's author: everything they said and did here goes, and
    /// nothing more of theirs is taken
    BlockAuthor { comment: i64 },
    /// Block the server of a reply's author (the federation policy becomes a
    /// blocklist if it was open)
    BlockDomain { comment: i64 },
    /// Block an account (@user@host or its URL)
    Block { account: String },
    /// Hear a blocked account again
    Unblock { account: String },
    /// The blocked accounts
    Blocked,
    /// How replies are moderated for each kind (open, approve or closed), or
    /// set it for one kind
    Default {
        /// news, event, document or consultation
        kind: Option<String>,
        /// open, approve or closed
        moderation: Option<String>,
    },
    /// Set how replies to one object are moderated (or `default`: as its kind)
    Set {
        /// news, event, document or consultation
        kind: String,
        id: i64,
        /// open, approve, closed or default
        moderation: String,
    },
    /// Reports (Flag) from other servers, oldest first
    Reports {
        /// Those already dealt with
        #[arg(long)]
        resolved: bool,
    },
    /// Mark a report as dealt with
    Resolve { report: i64 },
}

fn excerpt(c: &Comment) -> String {
    let text = civicpub_domain::plain_text(&c.content);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(119).collect::<String>())
    } else {
        text
    }
}

pub async fn moderation(cmd: ModerationCommand, node: &Node) -> Result<(), ServiceError> {
    match cmd {
        ModerationCommand::Queue { limit } => {
            for c in node.moderation_queue(limit).await? {
                out!(
                    "{}\t{}\t{}\t{}",
                    c.id,
                    c.object_uri.as_deref().unwrap_or("-"),
                    c.author.handle,
                    excerpt(&c)
                );
            }
        }
        ModerationCommand::Approve { comment } => {
            let c = node.approve_comment(comment).await?;
            out!("approved {} on {}", c.id, c.object_uri.unwrap_or_default());
        }
        ModerationCommand::Reject { comment } => {
            let c = node.reject_comment(comment).await?;
            out!("rejected {}", c.id);
        }
        ModerationCommand::BlockAuthor { comment } => {
            let account = node.block_author(comment).await?;
            out!("blocked {account}");
        }
        ModerationCommand::BlockDomain { comment } => {
            let domain = node.block_author_domain(comment).await?;
            out!("blocked {domain}");
        }
        ModerationCommand::Block { account } => {
            let account = node.block_account(&account).await?;
            out!("blocked {account}");
        }
        ModerationCommand::Unblock { account } => {
            let account = node.unblock_account(&account).await?;
            out!("unblocked {account}");
        }
        ModerationCommand::Blocked => {
            for (uri, at) in node.store.blocked_accounts().await? {
                out!("{uri}\t{}", at.to_rfc3339());
            }
        }
        ModerationCommand::Default { kind, moderation } => match (kind, moderation) {
            (Some(kind), Some(m)) => {
                let m = node.set_default_moderation(&kind, &m).await?;
                out!("{kind}\t{}", m.as_str());
            }
            (Some(kind), None) => {
                return Err(ServiceError::field(
                    "moderation",
                    format!("say how replies to {kind} are moderated: open, approve or closed"),
                ))
            }
            _ => {
                for kind in civicpub_domain::Commentable::ALL {
                    let m = node.default_moderation(kind).await?;
                    out!("{}\t{}", kind.as_str(), m.as_str());
                }
            }
        },
        ModerationCommand::Set {
            kind,
            id,
            moderation,
        } => {
            let object = node.commentable(&kind, id).await?;
            let m = node.set_moderation(&object, &moderation).await?;
            out!("{}\t{}", node.base.url(&object.path()), m.as_str());
        }
        ModerationCommand::Reports { resolved } => {
            for r in node.reports(resolved, 1000).await? {
                out!(
                    "{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.received_at.to_rfc3339(),
                    r.actor_uri,
                    r.objects.join(" "),
                    r.comment.replace(['\n', '\t'], " ")
                );
            }
        }
        ModerationCommand::Resolve { report } => {
            node.resolve_report(report).await?;
            out!("resolved {report}");
        }
    }
    Ok(())
}

/// `civicpub messages`: what editors read, newest first.
pub async fn messages(node: &Node, limit: u32) -> Result<(), ServiceError> {
    for c in node.editors_inbox(limit).await? {
        let on = c.object_uri.as_deref().unwrap_or("(to the city)");
        out!(
            "{}\t{}\t{}\t{}\t{}\n\t{}",
            c.id,
            c.received_at.to_rfc3339(),
            c.author.handle,
            on,
            c.link(),
            excerpt(&c)
        );
    }
    Ok(())
}
