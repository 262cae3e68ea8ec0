//! Consultations: a question the city asks its citizens, with options, single
//! or multiple choice, open until an end time. It travels as an ActivityPub
//! `Question`, which Mastodon and others show as a poll people can vote on.

use crate::{is_language_tag, FieldError, Moderation, Timestamp};

/// A consultation's text in one language: the question, what it is about
/// (Markdown, may be empty), and the options in that language, in the same
/// order in every language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConsultationText {
    pub lang: String,
    pub question: String,
    #[serde(default)]
    pub body: String,
    pub options: Vec<String>,
}

/// What staff submit: the texts (the default language first), whether several
/// options may be chosen, and when voting ends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConsultationDraft {
    pub texts: Vec<ConsultationText>,
    pub multiple: bool,
    pub ends_at: Timestamp,
}

/// Mastodon's own limits for a poll's options, or near them.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_OPTION: usize = 100;
pub const MAX_QUESTION: usize = 500;
pub const MAX_CONSULTATION_BODY: usize = 20_000;
/// A consultation runs for five minutes at least and a year at most.
pub const MIN_DURATION_MS: i64 = 5 * 60 * 1000;
pub const MAX_DURATION_MS: i64 = 366 * 24 * 3600 * 1000;

impl ConsultationDraft {
    /// Checks every rule against the time `now`; all problems at once.
    pub fn validate(&self, now: Timestamp) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut err = |field: String, message: String| errors.push(FieldError { field, message });
        if self.texts.is_empty() {
            err("texts".into(), "at least one language is required".into());
        }
        let count = self.texts.first().map_or(0, |t| t.options.len());
        let mut seen: Vec<&str> = Vec::new();
        for t in &self.texts {
            let f = |name: &str| format!("texts.{}.{name}", t.lang);
            if !is_language_tag(&t.lang) {
                err(
                    format!("texts.{}", t.lang),
                    "not a language tag such as en, nl or pt-BR".into(),
                );
            }
            if seen.contains(&t.lang.as_str()) {
                err(
                    format!("texts.{}", t.lang),
                    "the language is given twice".into(),
                );
            }
            seen.push(&t.lang);
            let question = t.question.trim();
            if question.is_empty() {
                err(f("question"), "is required".into());
            } else if question.chars().count() > MAX_QUESTION {
                err(f("question"), format!("at most {MAX_QUESTION} characters"));
            }
            if t.body.chars().count() > MAX_CONSULTATION_BODY {
                err(
                    f("body"),
                    format!("at most {MAX_CONSULTATION_BODY} characters"),
                );
            }
            if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&t.options.len()) {
                err(
                    f("options"),
                    format!("between {MIN_OPTIONS} and {MAX_OPTIONS} options"),
                );
            } else if t.options.len() != count {
                err(
                    f("options"),
                    format!("{count} options in every language, in the same order"),
                );
            }
            let mut names: Vec<&str> = Vec::new();
            for (i, o) in t.options.iter().enumerate() {
                let o = o.trim();
                let field = format!("texts.{}.options.{}", t.lang, i + 1);
                if o.is_empty() {
                    err(field, "is empty".into());
                } else if o.chars().count() > MAX_OPTION {
                    err(field, format!("at most {MAX_OPTION} characters"));
                } else if names.contains(&o) {
                    err(field, format!("'{o}' is given twice"));
                }
                names.push(o);
            }
        }
        let left = self.ends_at.millis() - now.millis();
        if left < MIN_DURATION_MS {
            err(
                "ends_at".into(),
                "must be at least five minutes from now".into(),
            );
        } else if left > MAX_DURATION_MS {
            err("ends_at".into(), "must be within a year from now".into());
        }
        errors
    }

    /// The text in the default language.
    pub fn main(&self) -> &ConsultationText {
        &self.texts[0]
    }

    /// The option a vote names, in any of the consultation's languages.
    pub fn choice_named(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.texts
            .iter()
            .find_map(|t| t.options.iter().position(|o| o.trim() == name))
    }

    pub fn options(&self) -> usize {
        self.main().options.len()
    }
}

/// A published consultation as the store keeps it. A deleted one keeps its id
/// and answers with a tombstone; its texts and votes are gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub id: i64,
    pub actor_id: i64,
    /// `None` once deleted.
    pub draft: Option<ConsultationDraft>,
    /// How replies to it are moderated; `None`: the node's default for consultations.
    pub moderation: Option<Moderation>,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
    pub deleted_at: Option<Timestamp>,
}

impl Consultation {
    /// Its path on the node, and its ActivityPub id on the node's base.
    pub fn path(&self) -> String {
        format!("/consultations/{}", self.id)
    }

    /// Whether voting has ended at `now`.
    pub fn closed_at(&self, now: Timestamp) -> bool {
        self.draft.as_ref().is_none_or(|d| d.ends_at <= now)
    }
}

/// The running totals: votes per option (in the options' order), and how many
/// accounts voted. Who voted is never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Tally {
    pub votes: Vec<u64>,
    pub voters: u64,
}

impl Tally {
    pub fn total(&self) -> u64 {
        self.votes.iter().sum()
    }

    /// Each option's share of the votes, in whole percent (0 when none).
    pub fn percent(&self, option: usize) -> u64 {
        let total = self.total();
        if total == 0 {
            return 0;
        }
        (self.votes.get(option).copied().unwrap_or(0) * 100 + total / 2) / total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(options: &[&str]) -> ConsultationDraft {
        ConsultationDraft {
            texts: vec![ConsultationText {
                lang: "en".into(),
                question: "Where should the new park go?".into(),
                body: String::new(),
                options: options.iter().map(|s| s.to_string()).collect(),
            }],
            multiple: false,
            ends_at: Timestamp(Timestamp::now().millis() + 86_400_000),
        }
    }

    #[test]
    fn options_are_checked() {
        let now = Timestamp::now();
        assert!(draft(&["North", "South"]).validate(now).is_empty());
        let one = draft(&["North"]).validate(now);
        assert!(one[0].message.contains("between 2 and 10"), "{one:?}");
        let twice = draft(&["North", "North"]).validate(now);
        assert!(twice[0].message.contains("given twice"), "{twice:?}");
        let mut past = draft(&["North", "South"]);
        past.ends_at = now;
        assert_eq!(past.validate(now)[0].field, "ends_at");
    }

    #[test]
    fn every_language_has_the_same_options() {
        let mut d = draft(&["North", "South"]);
        d.texts.push(ConsultationText {
            lang: "fr".into(),
            question: "Où placer le nouveau parc ?".into(),
            body: String::new(),
            options: vec!["Nord".into()],
        });
        let errors = d.validate(Timestamp::now());
        assert!(
            errors.iter().any(|e| e.field == "texts.fr.options"),
            "{errors:?}"
        );
        d.texts[1].options.push("Sud".into());
        assert!(d.validate(Timestamp::now()).is_empty());
        assert_eq!(d.choice_named("Sud"), Some(1));
        assert_eq!(d.choice_named(" North "), Some(0));
        assert_eq!(d.choice_named("East"), None);
    }

    #[test]
    fn percentages_round() {
        let t = Tally {
            votes: vec![1, 2, 0],
            voters: 3,
        };
        assert_eq!((t.percent(0), t.percent(1), t.percent(2)), (33, 67, 0));
        assert_eq!(Tally::default().percent(0), 0);
    }
}
