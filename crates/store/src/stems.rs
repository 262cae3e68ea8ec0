//! Word forms for search: a citizen who types `bike` wants "bikes", one who
//! types `digitale` wants "digitali". Each text is indexed with the Snowball
//! stems of its words in its own language (SQLite), or under its language's
//! text-search configuration (PostgreSQL); a search's words are stemmed in
//! every language that has a stemmer, since a search box does not say which
//! language it is typed in.
//!
//! Stemmed: English, French, Italian, Dutch, Spanish, German and Portuguese on
//! both backends; Catalan on PostgreSQL only (it has a Catalan configuration,
//! the Rust stemmers do not). Albanian has no Snowball stemmer: its words, like
//! every word, are also indexed as written.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

/// The languages with a stemmer here: (BCP 47 primary tag, Snowball algorithm).
const STEMMED: [(&str, Algorithm); 7] = [
    ("en", Algorithm::English),
    ("fr", Algorithm::French),
    ("it", Algorithm::Italian),
    ("nl", Algorithm::Dutch),
    ("es", Algorithm::Spanish),
    ("de", Algorithm::German),
    ("pt", Algorithm::Portuguese),
];

static STEMMERS: LazyLock<Vec<(&'static str, Stemmer)>> = LazyLock::new(|| {
    STEMMED
        .iter()
        .map(|(tag, algorithm)| (*tag, Stemmer::create(*algorithm)))
        .collect()
});

/// PostgreSQL's text-search configuration for each language it stems, in the
/// order of the `search` vector's arguments (see [`postgres_texts`]).
pub(crate) const POSTGRES_CONFIGS: [(&str, &str); 8] = [
    ("en", "english"),
    ("fr", "french"),
    ("it", "italian"),
    ("nl", "dutch"),
    ("ca", "catalan"),
    ("es", "spanish"),
    ("de", "german"),
    ("pt", "portuguese"),
];

/// The primary subtag of a language tag, lowercased: `pt` for `pt-BR`.
fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn stemmer(lang: &str) -> Option<&'static Stemmer> {
    let p = primary(lang);
    STEMMERS.iter().find(|(t, _)| *t == p).map(|(_, s)| s)
}

/// The words of a text, lowercased: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The stems of `text`'s words in `lang` that differ from the words themselves,
/// each once, space-separated (empty for a language without a stemmer). Added
/// to SQLite's index beside the words.
pub fn stems_of(text: &str, lang: &str) -> String {
    let Some(stemmer) = stemmer(lang) else {
        return String::new();
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for w in words(text) {
        let stem = stemmer.stem(&w);
        if stem != w && seen.insert(stem.to_string()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&stem);
        }
    }
    out
}

/// A word of a search, and its stems in the languages asked (`None`: every
/// language with a stemmer), each once, the word itself first.
pub fn word_forms(word: &str, lang: Option<&str>) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    for (tag, stemmer) in STEMMERS.iter() {
        if lang.is_some_and(|l| primary(l) != *tag) {
            continue;
        }
        let stem = stemmer.stem(word).into_owned();
        if !stem.is_empty() && !forms.contains(&stem) {
            forms.push(stem);
        }
    }
    forms
}

/// Each of PostgreSQL's configurations' share of an item: the plain text of
/// its texts in that language (empty when it has none), in the order of
/// [`POSTGRES_CONFIGS`]. Accents are folded, as SQLite's index does, so that
/// `election` finds "élections" there too.
pub(crate) fn postgres_texts(item: &civicpub_domain::NetworkItem) -> Vec<String> {
    POSTGRES_CONFIGS
        .iter()
        .map(|(tag, _)| {
            item.texts
                .iter()
                .filter(|t| primary(&t.lang) == *tag)
                .map(|t| {
                    fold(
                        &format!(
                            "{}\n{}\n{}",
                            t.title,
                            civicpub_domain::plain_text(&t.summary_html),
                            civicpub_domain::plain_text(&t.content_html)
                        )
                        .to_lowercase(),
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// Folds lowercased text the way SQLite's index does (`remove_diacritics`):
/// for PostgreSQL's index and queries, and for comparing words when
/// highlighting what a search matched.
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ť' => 't',
            'ď' => 'd',
            c => c,
        })
        .collect()
}

/// Tells which words of a text a search matched, to highlight them.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Every form of every word searched, folded.
    forms: Vec<String>,
}

impl Matcher {
    /// For the search `text`, stemmed in `lang` when the search was limited to
    /// one language, else in every language with a stemmer.
    pub fn new(text: &str, lang: Option<&str>) -> Matcher {
        let mut forms: Vec<String> = crate::search_words(text)
            .iter()
            .flat_map(|w| word_forms(w, lang))
            .map(|f| fold(&f))
            .collect();
        forms.sort();
        forms.dedup();
        Matcher { forms }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Whether `word` (as written in a text in `lang`) is one the search found.
    pub fn matches(&self, word: &str, lang: &str) -> bool {
        let lower = word.to_lowercase();
        if self.forms.binary_search(&fold(&lower)).is_ok() {
            return true;
        }
        let langs: Vec<&str> = match stemmer(lang) {
            Some(_) => vec![lang],
            None => STEMMED.iter().map(|(t, _)| *t).collect(),
        };
        langs.iter().any(|l| {
            stemmer(l).is_some_and(|s| self.forms.binary_search(&fold(&s.stem(&lower))).is_ok())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_in_the_text_s_language() {
        assert_eq!(stems_of("Bikes and cities", "en"), "bike citi");
        assert_eq!(stems_of("servizi digitali", "it-IT"), "serviz digital");
        assert_eq!(
            stems_of("Les élections municipales", "fr"),
            "le élect municipal"
        );
        // No stemmer: nothing added, the words are indexed as written.
        assert_eq!(stems_of("zgjedhjet vendore", "sq"), "");
        assert_eq!(stems_of("eleccions municipals", "ca"), "");
    }

    #[test]
    fn a_search_word_in_every_language() {
        let forms = word_forms("digitale", None);
        assert_eq!(forms[0], "digitale");
        assert!(forms.contains(&"digital".to_string()), "{forms:?}");
        assert_eq!(word_forms("bikes", Some("en")), ["bikes", "bike"]);
    }

    #[test]
    fn the_matcher_finds_other_forms_and_folds_accents() {
        let m = Matcher::new("élection bike", None);
        assert!(m.matches("Elections", "fr"));
        assert!(m.matches("bikes", "en"));
        assert!(m.matches("Bike", "it"));
        assert!(!m.matches("bicycle", "en"));
        assert!(!Matcher::new("", None).matches("x", "en"));
    }
}
