//! Looking messages up in the catalogues.

use crate::Locale;
use fluent_templates::fluent_bundle::types::FluentNumber;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::LanguageIdentifier;
use std::borrow::Cow;
use std::collections::HashMap;

// No bidi isolation marks (U+2068, U+2069) around arguments: every language
// here is written left to right, and the marks would end up in HTML and in
// ActivityPub text. Numbers are written the language's way.
fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(crate::format::number_value));
        },
    };
}

/// A value for a message's variable: text, a number (which also picks plural
/// forms), or, for [`Locale::t_html`], a fragment of HTML.
///
/// Numbers and strings convert with `.into()`:
/// `lang.t_with("search-results", &[("count", n.into())])`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    /// HTML that [`Locale::t_html`] puts in unescaped (a link, a `<time>`).
    /// [`Locale::t_with`] puts it in as it is.
    Html(Cow<'a, str>),
}

impl<'a> Arg<'a> {
    /// A fragment of HTML, trusted by the caller, for [`Locale::t_html`].
    pub fn html(s: impl Into<Cow<'a, str>>) -> Self {
        Arg::Html(s.into())
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// Marks the place of the n-th HTML argument while the message is formatted and
/// escaped; private-use characters, which no catalogue and no escaping uses.
const HTML_OPEN: char = '\u{e000}';
const HTML_CLOSE: char = '\u{e001}';

impl Locale {
    /// The catalogue (folder under `locales/`) of this language. European
    /// Portuguese has its own plural rules (0 is plural), hence `pt-PT`.
    pub(crate) fn catalogue(self) -> LanguageIdentifier {
        use fluent_templates::langid;
        match self {
            Locale::En => langid!("en"),
            Locale::Fr => langid!("fr"),
            Locale::It => langid!("it"),
            Locale::Nl => langid!("nl"),
            Locale::Ca => langid!("ca"),
            Locale::Es => langid!("es"),
            Locale::De => langid!("de"),
            Locale::Pt => langid!("pt-PT"),
            Locale::Sq => langid!("sq"),
        }
    }

    /// The message `id`, e.g. `lang.t("nav-news")`.
    pub fn t(&self, id: &str) -> String {
        self.lookup(id, None).unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with its variables, e.g.
    /// `lang.t_with("search-results", &[("count", 12.into())])`.
    pub fn t_with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.lookup(id, Some(&fluent_args(args, |_, s| s.into())))
            .unwrap_or_else(|| id.to_string())
    }

    /// The message `id` as HTML: the message and its text arguments escaped,
    /// its [`Arg::Html`] arguments put in as they are. For sentences with a
    /// link or a `<time>` inside, whose word order differs between languages:
    ///
    /// ```
    /// # use civicpub_i18n::{Arg, Locale};
    /// let html = Locale::De.t_html(
    ///     "profile-follow-how",
    ///     &[("handle", Arg::html("<strong>@news@city.example</strong>"))],
    /// );
    /// assert_eq!(html, "Suchen Sie in Mastodon oder einer anderen Fediverse-App nach \
    ///     <strong>@news@city.example</strong>, um diesem Konto zu folgen.");
    /// ```
    pub fn t_html(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        // Text cannot smuggle in a marker and with it an HTML argument.
        let unmarked: Vec<(&str, Arg)> = args
            .iter()
            .map(|(k, v)| match v {
                Arg::Text(t) if t.contains([HTML_OPEN, HTML_CLOSE]) => {
                    (*k, Arg::Text(t.replace([HTML_OPEN, HTML_CLOSE], "").into()))
                }
                other => (*k, other.clone()),
            })
            .collect();
        let marked = fluent_args(&unmarked, |i, _| {
            format!("{HTML_OPEN}{i}{HTML_CLOSE}").into()
        });
        let Some(text) = self.lookup(id, Some(&marked)) else {
            return escape_html(id);
        };
        let escaped = escape_html(&text);
        let mut out = String::with_capacity(escaped.len());
        let mut rest = escaped.as_str();
        while let Some(start) = rest.find(HTML_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + HTML_OPEN.len_utf8()..];
            let Some(end) = after.find(HTML_CLOSE) else {
                rest = after;
                continue;
            };
            if let Some(Arg::Html(h)) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| args.get(i))
                .map(|(_, a)| a)
            {
                out.push_str(h);
            }
            rest = &after[end + HTML_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }

    /// A message with numbers already made Fluent values (fraction digits set).
    pub(crate) fn t_values(&self, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let map: HashMap<&str, FluentValue> = args.iter().map(|(k, v)| (*k, v.clone())).collect();
        self.lookup(id, Some(&map))
            .unwrap_or_else(|| id.to_string())
    }

    /// This language's message, else English's; `None` if neither formats.
    fn lookup(&self, id: &str, args: Option<&HashMap<&str, FluentValue>>) -> Option<String> {
        let own = self.catalogue();
        CATALOGUES
            .lookup_single_language(&own, id, args)
            .ok()
            .or_else(|| {
                let en = Locale::En.catalogue();
                (own != en)
                    .then(|| CATALOGUES.lookup_single_language(&en, id, args).ok())
                    .flatten()
            })
    }

    /// Whether this language's own catalogue formats `id` with `args` without
    /// error, for the tests.
    #[cfg(test)]
    pub(crate) fn formats(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Result<String, String> {
        CATALOGUES
            .lookup_single_language(
                &self.catalogue(),
                id,
                Some(&fluent_args(args, |_, s| s.into())),
            )
            .map_err(|e| e.to_string())
    }
}

/// Fluent arguments from ours; `html(index, html)` decides what an HTML
/// argument becomes.
fn fluent_args<'a>(
    args: &'a [(&'a str, Arg<'a>)],
    html: impl Fn(usize, &'a str) -> Cow<'a, str>,
) -> HashMap<&'a str, FluentValue<'a>> {
    args.iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let value = match v {
                Arg::Text(s) => FluentValue::String(Cow::Borrowed(s.as_ref())),
                Arg::Number(n) => FluentValue::Number(FluentNumber::from(*n)),
                Arg::Html(h) => FluentValue::String(html(i, h)),
            };
            (*k, value)
        })
        .collect()
}

pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::*;

    fn counted(l: Locale, id: &str) -> [String; 4] {
        [0, 1, 2, 5].map(|n| l.t_with(id, &[("count", n.into())]))
    }

    #[test]
    fn plural_forms_for_0_1_2_5() {
        for (l, results, followers) in [
            (
                En,
                ["No results", "1 result", "2 results", "5 results"],
                ["0 followers", "1 follower", "2 followers", "5 followers"],
            ),
            // French: 0 takes the singular.
            (
                Fr,
                ["Aucun résultat", "1 résultat", "2 résultats", "5 résultats"],
                ["0 abonné", "1 abonné", "2 abonnés", "5 abonnés"],
            ),
            (
                It,
                [
                    "Nessun risultato",
                    "1 risultato",
                    "2 risultati",
                    "5 risultati",
                ],
                ["0 follower", "1 follower", "2 follower", "5 follower"],
            ),
            (
                Nl,
                [
                    "Geen resultaten",
                    "1 resultaat",
                    "2 resultaten",
                    "5 resultaten",
                ],
                ["0 volgers", "1 volger", "2 volgers", "5 volgers"],
            ),
            (
                Ca,
                ["Cap resultat", "1 resultat", "2 resultats", "5 resultats"],
                ["0 seguidors", "1 seguidor", "2 seguidors", "5 seguidors"],
            ),
            (
                Es,
                [
                    "Ningún resultado",
                    "1 resultado",
                    "2 resultados",
                    "5 resultados",
                ],
                ["0 seguidores", "1 seguidor", "2 seguidores", "5 seguidores"],
            ),
            (
                De,
                [
                    "Keine Ergebnisse",
                    "1 Ergebnis",
                    "2 Ergebnisse",
                    "5 Ergebnisse",
                ],
                ["0 Follower", "1 Follower", "2 Follower", "5 Follower"],
            ),
            // European Portuguese: 0 takes the plural (Brazilian would say "0 seguidor").
            (
                Pt,
                [
                    "Nenhum resultado",
                    "1 resultado",
                    "2 resultados",
                    "5 resultados",
                ],
                ["0 seguidores", "1 seguidor", "2 seguidores", "5 seguidores"],
            ),
            (
                Sq,
                ["Asnjë rezultat", "1 rezultat", "2 rezultate", "5 rezultate"],
                ["0 ndjekës", "1 ndjekës", "2 ndjekës", "5 ndjekës"],
            ),
        ] {
            assert_eq!(counted(l, "search-results"), results, "{l}");
            assert_eq!(counted(l, "profile-followers"), followers, "{l}");
        }
        assert_eq!(
            counted(Fr, "network-delivery-waiting"),
            [
                "0 envoi en attente",
                "1 envoi en attente",
                "2 envois en attente",
                "5 envois en attente"
            ]
        );
        assert_eq!(
            counted(Sq, "network-delivery-failed"),
            [
                "0 dërgime të dështuara",
                "1 dërgim i dështuar",
                "2 dërgime të dështuara",
                "5 dërgime të dështuara"
            ]
        );
    }

    #[test]
    fn messages_and_arguments() {
        assert_eq!(En.t("nav-news"), "News");
        assert_eq!(De.t("nav-news"), "Aktuelles");
        assert_eq!(Sq.t("site-skip-to-content"), "Kalo te përmbajtja");
        assert_eq!(
            Nl.t_with("network-read-on", &[("city", "gent.example".into())]),
            "Lezen op gent.example"
        );
        let date = Fr.date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(
            Fr.t_with("document-adopted-on", &[("date", date.into())]),
            "Adopté le 1er janvier 2026"
        );
        // French puts a no-break space before a colon.
        assert_eq!(Fr.t("event-when"), "Quand\u{a0}:");
    }

    #[test]
    fn no_bidi_isolation_marks() {
        for l in Locale::all() {
            let out = l.t_with(
                "item-byline",
                &[
                    ("author", "A".into()),
                    ("handle", "@a@b".into()),
                    ("date", "d".into()),
                ],
            );
            assert!(!out.contains(['\u{2068}', '\u{2069}']), "{l}: {out:?}");
            assert!(out.contains("A (@a@b)"), "{l}: {out:?}");
        }
    }

    #[test]
    fn a_missing_id_comes_back_as_it_is() {
        assert_eq!(Fr.t("no-such-message"), "no-such-message");
        assert_eq!(
            It.t_with("no-such-message", &[("count", 1.into())]),
            "no-such-message"
        );
        assert_eq!(Sq.t_html("no-<such>", &[]), "no-&lt;such&gt;");
    }

    #[test]
    fn html_messages_escape_text_and_keep_html_arguments() {
        let out = En.t_html(
            "item-byline",
            &[
                (
                    "author",
                    Arg::html("<a href=\"/actors/news\">News &amp; notices</a>"),
                ),
                ("handle", "@news@<city>.example".into()),
                (
                    "date",
                    Arg::html("<time datetime=\"2026-12-01\">1 December 2026</time>"),
                ),
            ],
        );
        assert_eq!(
            out,
            "By <a href=\"/actors/news\">News &amp; notices</a> (@news@&lt;city&gt;.example) \
             · published <time datetime=\"2026-12-01\">1 December 2026</time>"
        );
        // Word order that differs from English.
        let out = De.t_html(
            "document-revision-of",
            &[
                ("number", 2.into()),
                (
                    "document",
                    Arg::html("<a href=\"/documents/7\">dieses Dokuments</a>"),
                ),
                ("date", "1. Dezember 2026".into()),
            ],
        );
        assert_eq!(
            out,
            "Version 2 <a href=\"/documents/7\">dieses Dokuments</a> vom 1. Dezember 2026."
        );
        // Text from the catalogue is escaped too (French quotes stay as they are).
        assert_eq!(
            Fr.t_html("error-bad-date", &[("value", "<b>".into())]),
            "«\u{a0}&lt;b&gt;\u{a0}» n’est pas une date\u{a0}: écrivez-la sous la forme AAAA-MM-JJ."
        );
        // Text cannot pose as an HTML argument.
        assert_eq!(
            En.t_html(
                "item-byline",
                &[
                    ("author", "\u{e000}1\u{e001}".into()),
                    ("handle", Arg::html("<b>h</b>")),
                    ("date", "d".into()),
                ],
            ),
            "By 1 (<b>h</b>) · published d"
        );
        // An HTML argument in plain `t_with` goes in as it is.
        assert_eq!(
            En.t_with("network-shared-by", &[("actor", Arg::html("<b>x</b>"))]),
            "shared by <b>x</b>"
        );
    }
}
