//! Content negotiation: the same URL answers ActivityPub JSON to servers and an
//! HTML page to browsers (rule 4), chosen by the `Accept` header's q-values.

use axum::http::{header::ACCEPT, HeaderMap};

/// A representation a resource can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Representation {
    Html,
    ActivityJson,
}

impl Representation {
    fn name(self) -> &'static str {
        match self {
            Representation::Html => "text/html",
            Representation::ActivityJson => "application/activity+json",
        }
    }

    /// How specifically `range` names this representation (3 = exactly, 2 = a type
    /// wildcard or a close relative, 1 = `*/*`), or `None` when it does not.
    fn matches(self, range: &MediaRange<'_>) -> Option<u8> {
        let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        let (t, s) = (range.kind, range.subtype);
        if t == "*" && s == "*" {
            return Some(1);
        }
        match self {
            Representation::Html if is(t, "text") && is(s, "html") => Some(3),
            Representation::Html if is(t, "application") && is(s, "xhtml+xml") => Some(3),
            Representation::Html if is(t, "text") && s == "*" => Some(2),
            Representation::ActivityJson if is(t, "application") => {
                if is(s, "activity+json") {
                    Some(3)
                } else if is(s, "ld+json") {
                    // Any JSON-LD profile but another vocabulary's: ActivityStreams is the default.
                    match range.profile {
                        Some(p) if !p.contains("activitystreams") => None,
                        _ => Some(3),
                    }
                } else if is(s, "json") || s == "*" {
                    Some(2)
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

/// One media range of an `Accept` header, borrowed from the header.
struct MediaRange<'a> {
    kind: &'a str,
    subtype: &'a str,
    profile: Option<&'a str>,
    q: f32,
}

/// Calls `f` with each part of `s` between `sep`s outside double quotes.
fn split_unquoted<'a>(s: &'a str, sep: char, mut f: impl FnMut(&'a str)) {
    let (mut start, mut quoted) = (0, false);
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            f(&s[start..i]);
            start = i + 1;
        }
    }
    f(&s[start..]);
}

fn parse_range(item: &str) -> Option<MediaRange<'_>> {
    let mut range = None;
    let mut first = true;
    split_unquoted(item, ';', |p| {
        if first {
            first = false;
            range = p.trim().split_once('/').map(|(kind, subtype)| MediaRange {
                kind: kind.trim(),
                subtype: subtype.trim(),
                profile: None,
                q: 1.0,
            });
        } else if let (Some(r), Some((k, v))) = (range.as_mut(), p.split_once('=')) {
            let v = v.trim().trim_matches('"');
            let k = k.trim();
            if k.eq_ignore_ascii_case("q") {
                r.q = v.parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0);
            } else if k.eq_ignore_ascii_case("profile") {
                r.profile = Some(v);
            }
        }
    });
    range
}

/// Picks the best of `offers` (in the server's order of preference, at most four)
/// for the request's `Accept`; a missing header accepts anything. `Err` carries a
/// reason for a 406. Runs on every federation GET, so it does not allocate.
pub fn negotiate(headers: &HeaderMap, offers: &[Representation]) -> Result<Representation, String> {
    assert!(offers.len() <= 4, "at most four representations");
    let offered = || {
        offers
            .iter()
            .map(|o| o.name())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    // Per offer: the specificity of the best range naming it, and that range's q.
    let mut scores = [(0u8, 0f32); 4];
    let mut any = false;
    for value in headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
    {
        split_unquoted(value, ',', |item| {
            if item.trim().is_empty() {
                return;
            }
            any = true;
            let Some(range) = parse_range(item) else {
                return;
            };
            for (i, offer) in offers.iter().enumerate() {
                if let Some(spec) = offer.matches(&range) {
                    let (best_spec, best_q) = scores[i];
                    if spec > best_spec || (spec == best_spec && range.q > best_q) {
                        scores[i] = (spec, range.q);
                    }
                }
            }
        });
    }
    if !any {
        return offers.first().copied().ok_or_else(offered);
    }
    let mut best: Option<(Representation, f32)> = None;
    for (i, &offer) in offers.iter().enumerate() {
        let q = scores[i].1;
        if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
            best = Some((offer, q));
        }
    }
    best.map(|(r, _)| r).ok_or_else(|| {
        format!(
            "not acceptable: this resource is available as {}",
            offered()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Representation::*;

    fn pick(accept: Option<&str>) -> Result<Representation, String> {
        let mut h = HeaderMap::new();
        if let Some(a) = accept {
            h.insert(ACCEPT, a.parse().unwrap());
        }
        negotiate(&h, &[Html, ActivityJson])
    }

    #[test]
    fn servers_get_json() {
        assert_eq!(pick(Some("application/activity+json")), Ok(ActivityJson));
        assert_eq!(
            pick(Some(
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""
            )),
            Ok(ActivityJson)
        );
        // What Mastodon sends.
        assert_eq!(
            pick(Some("application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\", text/html;q=0.1")),
            Ok(ActivityJson)
        );
        assert_eq!(pick(Some("application/json")), Ok(ActivityJson));
    }

    #[test]
    fn browsers_and_curl_get_html() {
        assert_eq!(
            pick(Some(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
            )),
            Ok(Html)
        );
        assert_eq!(pick(Some("*/*")), Ok(Html));
        assert_eq!(pick(None), Ok(Html));
        assert_eq!(
            pick(Some("text/html;q=0.5, application/activity+json;q=0.9")),
            Ok(ActivityJson)
        );
    }

    #[test]
    fn refusals() {
        assert!(pick(Some("image/png"))
            .unwrap_err()
            .contains("text/html or application/activity+json"));
        assert!(pick(Some("application/activity+json;q=0, text/html;q=0")).is_err());
        assert!(pick(Some("application/ld+json; profile=\"https://schema.org\"")).is_err());
        assert!(pick(Some("garbage")).is_err());
    }
}
