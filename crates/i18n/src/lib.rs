//! civicpub's interface languages.
//!
//! Every string a page shows, and every line the node writes into an item's
//! ActivityPub text, lives in a Fluent message catalogue under `locales/<tag>/`
//! (embedded in the binary at compile time). [`Locale`] is one of the languages
//! the catalogues cover; it translates messages ([`Locale::t`],
//! [`Locale::t_with`], [`Locale::t_html`]) and writes dates, times, numbers and
//! file sizes the way that language writes them ([`Locale::long_date`] and
//! friends). [`negotiate`] picks a page's language from the URL, the browser
//! and the node's default.
//!
//! A message that a catalogue lacks falls back to English; an id that no
//! catalogue has comes back as the id itself (the tests make sure none is
//! missing). Nothing here panics or logs.
//!
//! ```
//! use civicpub_i18n::{negotiate, Locale};
//!
//! let fr = negotiate(None, Some("fr-BE,fr;q=0.9,en;q=0.5"), Locale::En);
//! assert_eq!(fr, Locale::Fr);
//! assert_eq!(fr.t("nav-news"), "Actualités");
//! assert_eq!(fr.t_with("search-results", &[("count", 2.into())]), "2 résultats");
//! let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
//! assert_eq!(fr.long_date(d), "mardi 1er décembre 2026");
//! ```

#[cfg(test)]
mod catalogue_tests;
mod format;
mod message;

pub use format::EventTime;
pub use message::Arg;

use std::fmt;
use std::str::FromStr;

/// A language the interface is available in.
///
/// `as_str()` is the tag used in URLs (`?lang=fr`) and `<html lang>`; its
/// [`Display`](fmt::Display) is the same, so a template can write
/// `<html lang="{{ lang }}">`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    En,
    Fr,
    It,
    Nl,
    Ca,
    Es,
    De,
    Pt,
    Sq,
}

impl Locale {
    /// Every language, in the order a language switcher lists them.
    pub const ALL: [Locale; 9] = [
        Locale::En,
        Locale::Fr,
        Locale::It,
        Locale::Nl,
        Locale::Ca,
        Locale::Es,
        Locale::De,
        Locale::Pt,
        Locale::Sq,
    ];

    /// Every language, in the order a language switcher lists them.
    pub fn all() -> &'static [Locale] {
        &Self::ALL
    }

    /// The language of a BCP 47 tag, by its primary subtag: `fr-BE` is French,
    /// `pt_BR` Portuguese, `EN` English. `None` for a language with no catalogue.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Self::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(primary))
    }

    /// The language's tag: `en`, `fr`, `it`, `nl`, `ca`, `es`, `de`, `pt`, `sq`.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::It => "it",
            Locale::Nl => "nl",
            Locale::Ca => "ca",
            Locale::Es => "es",
            Locale::De => "de",
            Locale::Pt => "pt",
            Locale::Sq => "sq",
        }
    }

    /// The language's name in that language, for a language switcher
    /// (mark it up with `lang="{{ l }}"`).
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
            Locale::It => "Italiano",
            Locale::Nl => "Nederlands",
            Locale::Ca => "Català",
            Locale::Es => "Español",
            Locale::De => "Deutsch",
            Locale::Pt => "Português",
            Locale::Sq => "Shqip",
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language tag for which there is no catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tags: Vec<&str> = Locale::ALL.iter().map(|l| l.as_str()).collect();
        write!(
            f,
            "no interface language '{}' (there are: {})",
            self.0,
            tags.join(", ")
        )
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Locale {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::parse(s).ok_or_else(|| UnknownLanguage(s.to_string()))
    }
}

/// The language of a page: the `?lang=` of the URL when it names one we have,
/// else the first language of the browser's `Accept-Language` we have (by
/// q-value, then order; `q=0` and `*` are skipped, region tags count for their
/// language), else the node's `default`.
pub fn negotiate(query: Option<&str>, accept_language: Option<&str>, default: Locale) -> Locale {
    if let Some(l) = query.and_then(Locale::parse) {
        return l;
    }
    let mut wanted: Vec<(f32, Locale)> = accept_language
        .unwrap_or("")
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    k.trim()
                        .eq_ignore_ascii_case("q")
                        .then(|| v.trim().parse::<f32>().ok())
                        .flatten()
                })
                .unwrap_or(1.0);
            (q > 0.0 && q.is_finite())
                .then(|| Locale::parse(tag))
                .flatten()
                .map(|l| (q, l))
        })
        .collect();
    // A stable sort keeps the browser's order among equal q-values.
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    wanted.first().map_or(default, |(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_by_their_primary_language() {
        assert_eq!(Locale::parse("fr-BE"), Some(Locale::Fr));
        assert_eq!(Locale::parse("pt_BR"), Some(Locale::Pt));
        assert_eq!(Locale::parse(" EN "), Some(Locale::En));
        assert_eq!(Locale::parse("sq-AL"), Some(Locale::Sq));
        assert_eq!(Locale::parse("ca-ES-valencia"), Some(Locale::Ca));
        assert_eq!(Locale::parse("gsw"), None);
        assert_eq!(Locale::parse("fra"), None);
        assert_eq!(Locale::parse(""), None);
        assert_eq!(Locale::parse("*"), None);
        assert_eq!("nl".parse::<Locale>(), Ok(Locale::Nl));
        assert!("xx"
            .parse::<Locale>()
            .unwrap_err()
            .to_string()
            .contains("en, fr, it, nl, ca, es, de, pt, sq"));
        for l in Locale::all() {
            assert_eq!(Locale::parse(l.as_str()), Some(*l));
            assert_eq!(l.to_string(), l.as_str());
        }
    }

    #[test]
    fn names_are_in_their_own_language() {
        let names: Vec<&str> = Locale::all().iter().map(|l| l.name()).collect();
        assert_eq!(
            names,
            [
                "English",
                "Français",
                "Italiano",
                "Nederlands",
                "Català",
                "Español",
                "Deutsch",
                "Português",
                "Shqip"
            ]
        );
    }

    #[test]
    fn the_url_wins() {
        assert_eq!(negotiate(Some("it"), Some("de"), Locale::En), Locale::It);
        assert_eq!(negotiate(Some("it-CH"), Some("de"), Locale::En), Locale::It);
    }

    #[test]
    fn an_unsupported_url_language_falls_through_to_the_browser() {
        assert_eq!(negotiate(Some("ja"), Some("de"), Locale::En), Locale::De);
        assert_eq!(negotiate(Some(""), None, Locale::Sq), Locale::Sq);
    }

    #[test]
    fn accept_language_honours_q_values() {
        assert_eq!(
            negotiate(None, Some("en;q=0.5, nl;q=0.8, fr;q=0.1"), Locale::Ca),
            Locale::Nl
        );
        // Equal q-values keep the browser's order; no q means 1.
        assert_eq!(negotiate(None, Some("es, ca"), Locale::En), Locale::Es);
        assert_eq!(
            negotiate(None, Some("de;q=0.9, pt"), Locale::En),
            Locale::Pt
        );
        // q=0 means "not this one".
        assert_eq!(
            negotiate(None, Some("fr;q=0, it;q=0.2"), Locale::En),
            Locale::It
        );
        assert_eq!(negotiate(None, Some("fr;q=0"), Locale::Sq), Locale::Sq);
        // Spaces and upper case are allowed.
        assert_eq!(
            negotiate(None, Some("ja ;Q=0.9 , CA-es ; q = 0.8"), Locale::En),
            Locale::Ca
        );
    }

    #[test]
    fn accept_language_skips_what_we_lack_and_reads_region_tags() {
        assert_eq!(
            negotiate(None, Some("ja-JP, zh;q=0.9, fr-CA;q=0.8"), Locale::En),
            Locale::Fr
        );
        assert_eq!(negotiate(None, Some("pt-BR"), Locale::En), Locale::Pt);
        assert_eq!(negotiate(None, Some("*"), Locale::De), Locale::De);
        assert_eq!(negotiate(None, Some("ja, ko"), Locale::De), Locale::De);
    }

    #[test]
    fn nothing_usable_means_the_default() {
        assert_eq!(negotiate(None, None, Locale::Sq), Locale::Sq);
        assert_eq!(negotiate(None, Some(""), Locale::It), Locale::It);
        assert_eq!(negotiate(None, Some(";;,,q=1"), Locale::It), Locale::It);
        assert_eq!(
            negotiate(None, Some("fr;q=abc, de;q=NaN"), Locale::It),
            Locale::Fr
        );
    }
}
