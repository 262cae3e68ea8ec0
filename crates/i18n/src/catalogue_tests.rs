//! The catalogues against each other: same messages, same variables, every
//! message formats in every language, nothing left in English by mistake.

use crate::{Arg, Locale};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Message id → its words (the text outside placeables, for comparisons) and
/// the variables it uses, including those of the messages it names.
type Catalogue = BTreeMap<String, (String, BTreeSet<String>)>;

fn catalogue(locale: Locale) -> Catalogue {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale.catalogue().to_string());
    let mut direct: BTreeMap<String, (String, BTreeSet<String>, BTreeSet<String>)> =
        BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has no .ftl file", dir.display());
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        for entry in resource.body {
            match entry {
                Entry::Message(m) => {
                    let pattern = m.value.as_ref().unwrap_or_else(|| {
                        panic!("{}: {} has no value", path.display(), m.id.name)
                    });
                    let (mut vars, mut refs) = (BTreeSet::new(), BTreeSet::new());
                    pattern_names(pattern, &mut vars, &mut refs);
                    let mut text = String::new();
                    pattern_text(pattern, &mut text);
                    let previous = direct.insert(m.id.name.to_string(), (text, vars, refs));
                    assert!(
                        previous.is_none(),
                        "{}: {} is defined twice",
                        path.display(),
                        m.id.name
                    );
                }
                Entry::Term(t) => panic!("{}: term -{}: use messages", path.display(), t.id.name),
                Entry::Junk { content } => panic!("{}: junk {content:?}", path.display()),
                _ => {}
            }
        }
    }
    direct
        .keys()
        .map(|id| {
            let mut vars = BTreeSet::new();
            let mut seen = BTreeSet::new();
            let mut todo = vec![id.clone()];
            while let Some(next) = todo.pop() {
                if !seen.insert(next.clone()) {
                    continue;
                }
                let (_, v, refs) = direct
                    .get(&next)
                    .unwrap_or_else(|| panic!("{locale}: {id} names {next}, which does not exist"));
                vars.extend(v.iter().cloned());
                todo.extend(refs.iter().cloned());
            }
            (id.clone(), (direct[id].0.clone(), vars))
        })
        .collect()
}

fn pattern_text(p: &Pattern<&str>, out: &mut String) {
    for e in &p.elements {
        match e {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } => {
                for v in variants {
                    out.push('[');
                    pattern_text(&v.value, out);
                    out.push(']');
                }
            }
            PatternElement::Placeable { .. } => out.push_str("{}"),
        }
    }
}

fn pattern_names(p: &Pattern<&str>, vars: &mut BTreeSet<String>, refs: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_names(expression, vars, refs);
        }
    }
}

fn expression_names(
    e: &Expression<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    match e {
        Expression::Select { selector, variants } => {
            inline_names(selector, vars, refs);
            for v in variants {
                pattern_names(&v.value, vars, refs);
            }
        }
        Expression::Inline(i) => inline_names(i, vars, refs),
    }
}

fn inline_names(
    e: &InlineExpression<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    match e {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::MessageReference { id, .. } => {
            refs.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_names(a, vars, refs);
            }
            for a in &arguments.named {
                inline_names(&a.value, vars, refs);
            }
        }
        InlineExpression::Placeable { expression } => expression_names(expression, vars, refs),
        _ => {}
    }
}

/// A value for every variable a catalogue may use. A new variable name fails
/// the tests until it is given a sample here.
fn sample(var: &str) -> Arg<'static> {
    match var {
        "count" | "number" | "total" => 5.into(),
        "weekday" => 2.into(),
        "day" => 1.into(),
        "month" => 12.into(),
        "year" => "2026".into(),
        "dd" => "01".into(),
        "mm" => "12".into(),
        "hour" => "16".into(),
        "minute" => "00".into(),
        "size" => 1.5.into(),
        "date" | "updated" | "start-date" | "end-date" => "1 December 2026".into(),
        "time" | "start" | "end" | "when" => "16:00".into(),
        "author" | "actor" | "name" | "document" | "title" | "site" | "section" | "kind"
        | "place" | "city" | "handle" | "tag" | "value" | "error" | "url" | "zone" | "offset"
        | "version" | "licence" | "month-year" | "page" | "role" => "x".into(),
        "percent" => 44.into(),
        other => panic!("no sample value for ${other}: add one to `sample`"),
    }
}

#[test]
fn every_catalogue_has_the_messages_of_the_english_one_and_no_other() {
    let en = catalogue(Locale::En);
    assert!(en.len() > 150, "only {} English messages?", en.len());
    for &l in Locale::all() {
        let other = catalogue(l);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{l} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{l} has messages English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_message_takes_the_same_variables_in_every_language() {
    let en = catalogue(Locale::En);
    for &l in Locale::all() {
        for (id, (_, vars)) in catalogue(l) {
            assert_eq!(
                Some(&vars),
                en.get(&id).map(|(_, v)| v),
                "{l}: {id} takes {vars:?}"
            );
        }
    }
}

#[test]
fn every_message_formats_in_every_language() {
    for &l in Locale::all() {
        for (id, (_, vars)) in catalogue(l) {
            let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), sample(v))).collect();
            let out = l
                .formats(&id, &args)
                .unwrap_or_else(|e| panic!("{l}: {id}: {e}"));
            assert!(!out.trim().is_empty(), "{l}: {id} is empty");
            assert!(
                !out.contains(['\u{2068}', '\u{2069}']),
                "{l}: {id} has bidi isolation marks"
            );
            assert!(!out.contains('{'), "{l}: {id} = {out:?}");
            assert_eq!(out, out.trim(), "{l}: {id} has spaces at its ends");
        }
    }
}

#[test]
fn counted_messages_differ_only_in_their_number_from_two_on() {
    for &l in Locale::all() {
        for (id, (_, vars)) in catalogue(l)
            .iter()
            .filter(|(_, (_, v))| v.contains("count"))
        {
            let with = |n: i32| {
                let args: Vec<(&str, Arg)> = vars
                    .iter()
                    .map(|v| (v.as_str(), if v == "count" { n.into() } else { "x".into() }))
                    .collect();
                l.formats(id, &args).unwrap()
            };
            assert_eq!(with(2).replace('2', "5"), with(5), "{l}: {id}");
            assert_eq!(with(12).replace("12", "37"), with(37), "{l}: {id}");
            assert!(with(1).contains('1'), "{l}: {id} hides the count of 1");
        }
    }
}

/// Messages a language rightly words as English does; anything else equal to
/// English (in its words, not counting patterns with none) is a message
/// someone forgot to translate.
fn same_as_english(l: Locale) -> Vec<&'static str> {
    // "UTC" is international.
    // "Avatar" is the word in every language the admin speaks.
    const SHARED: &[&str] = &[
        "time-zone-offset",
        "admin-field-icon",
        "admin-media-use-icon",
    ];
    let own: &[&str] = match l {
        Locale::En => &[],
        Locale::Fr => &[
            "admin-field-contact",
            "admin-field-profile-summary",
            "admin-media-type",
            "admin-media-use-revision",
            "admin-col-actions",
            "admin-field-hero",
            "admin-field-version",
            "admin-col-question",
            "admin-federation-mode",
            "admin-field-license",
            "kind-document",
            "kind-document-plural",
            "nav-contact",
            "profile-contact",
            "ap-profile-contact",
            "document-version",
            "document-version-number",
            "document-licence",
            "document-revision-title",
            "pager-label",
            "pager-page",
            "nav-documents",
            "nav-consultations",
            "consultations-title",
            "consultation-kind",
        ],
        Locale::It => &[
            "admin-token-heading",
            "admin-nav-media",
            "admin-field-password",
            "admin-col-host",
            "nav-home",
            "kind-video",
            "kind-note",
            "search-tag",
            "event-online",
            "event-online-only",
            "ap-event-online",
            "ap-event-online-link",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
        Locale::Nl => &[
            "admin-token-heading",
            "admin-field-contact",
            "admin-field-website",
            "admin-media-type",
            "admin-nav-media",
            "admin-tokens-list",
            "admin-field-status",
            "admin-col-host",
            "consultations-open",
            "nav-home",
            "nav-contact",
            "nav-privacy",
            "kind-document",
            "kind-video",
            "event-online",
            "event-online-only",
            "ap-event-online",
            "ap-event-online-link",
            "profile-website",
            "ap-profile-website",
            "profile-contact",
            "ap-profile-contact",
            "size-bytes",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
        Locale::Ca => &[
            "admin-error-title",
            "admin-field-body",
            "admin-federation-mode",
            "kind-document",
            "kind-document-plural",
            "nav-documents",
            "size-bytes",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
        Locale::Es => &[
            "admin-token-heading",
            "admin-tokens-list",
            "admin-error-title",
            "size-bytes",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
        Locale::De => &[
            "admin-token-heading",
            "admin-field-website",
            "admin-tokens-list",
            "admin-field-name",
            "admin-nav-moderation",
            "admin-field-body",
            "admin-field-version",
            "admin-field-status",
            "admin-col-host",
            "kind-video",
            "kind-video-plural",
            "document-version",
            "document-version-number",
            "event-online",
            "event-online-only",
            "ap-event-online",
            "ap-event-online-link",
            "profile-website",
            "ap-profile-website",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
        Locale::Pt => &[
            "admin-token-heading",
            "admin-tokens-list",
            "event-online",
            "event-online-only",
            "ap-event-online",
            "ap-event-online-link",
            "size-bytes",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
        Locale::Sq => &[
            "admin-media-use-draft",
            "admin-nav-media",
            "admin-role-admin",
            "kind-video",
            "size-kilobytes",
            "size-megabytes",
            "size-gigabytes",
        ],
    };
    let shared = if l == Locale::En { &[][..] } else { SHARED };
    own.iter().chain(shared).copied().collect()
}

#[test]
fn nothing_is_left_in_english_by_mistake() {
    let en = catalogue(Locale::En);
    let mut problems = Vec::new();
    for &l in Locale::all().iter().filter(|l| **l != Locale::En) {
        let allowed = same_as_english(l);
        let theirs = catalogue(l);
        let same: Vec<&String> = theirs
            .iter()
            .filter(|(id, (text, _))| {
                en[*id].0 == *text
                    && text.chars().any(char::is_alphabetic)
                    && !allowed.contains(&id.as_str())
            })
            .map(|(id, _)| id)
            .collect();
        if !same.is_empty() {
            problems.push(format!("{l}: still in English: {same:?}"));
        }
        let needless: Vec<&&str> = allowed
            .iter()
            .filter(|id| theirs[**id].0 != en[**id].0)
            .collect();
        if !needless.is_empty() {
            problems.push(format!("{l}: translated after all: {needless:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn french_puts_no_break_spaces_before_high_punctuation() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/fr");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for (n, line) in source.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            for bad in [" :", " ;", " ?", " !", "« ", " »"] {
                assert!(
                    !line.contains(bad),
                    "{}:{}: an ordinary space in {bad:?}: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}
