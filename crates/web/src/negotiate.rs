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
    fn matches(self, range: &MediaRange) -> Option<u8> {
        let (t, s) = (range.kind.as_str(), range.subtype.as_str());
        match (self, t, s) {
            (_, "*", "*") => Some(1),
            (Representation::Html, "text", "html") => Some(3),
            (Representation::Html, "application", "xhtml+xml") => Some(3),
            (Representation::Html, "text", "*") => Some(2),
            (Representation::ActivityJson, "application", "activity+json") => Some(3),
            (Representation::ActivityJson, "application", "ld+json") => {
                // Any JSON-LD profile but another vocabulary's: ActivityStreams is the default.
                match &range.profile {
                    Some(p) if !p.contains("activitystreams") => None,
                    _ => Some(3),
                }
            }
            (Representation::ActivityJson, "application", "json") => Some(2),
            (Representation::ActivityJson, "application", "*") => Some(2),
            _ => None,
        }
    }
}

#[derive(Debug)]
struct MediaRange {
    kind: String,
    subtype: String,
    profile: Option<String>,
    q: f32,
}

/// Splits on `sep` outside double quotes.
fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&s[start..i]);
            start = i + 1;
        }
    }
    parts.push(&s[start..]);
    parts
}

fn parse_accept(value: &str) -> Vec<MediaRange> {
    split_unquoted(value, ',')
        .into_iter()
        .filter_map(|item| {
            let mut params = split_unquoted(item, ';').into_iter();
            let (kind, subtype) = params.next()?.trim().split_once('/')?;
            let mut range = MediaRange {
                kind: kind.trim().to_ascii_lowercase(),
                subtype: subtype.trim().to_ascii_lowercase(),
                profile: None,
                q: 1.0,
            };
            for p in params {
                let Some((k, v)) = p.split_once('=') else {
                    continue;
                };
                let v = v.trim().trim_matches('"');
                match k.trim().to_ascii_lowercase().as_str() {
                    "q" => range.q = v.parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0),
                    "profile" => range.profile = Some(v.to_string()),
                    _ => {}
                }
            }
            Some(range)
        })
        .collect()
}

/// Picks the best of `offers` (in the server's order of preference) for the
/// request's `Accept`; a missing header accepts anything. `Err` carries a reason
/// for a 406.
pub fn negotiate(headers: &HeaderMap, offers: &[Representation]) -> Result<Representation, String> {
    let accept = headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let offered = || {
        offers
            .iter()
            .map(|o| o.name())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if accept.trim().is_empty() {
        return offers.first().copied().ok_or_else(offered);
    }
    let ranges = parse_accept(&accept);
    let mut best: Option<(Representation, f32)> = None;
    for &offer in offers {
        // The most specific range that names the offer sets its quality.
        let q = ranges
            .iter()
            .filter_map(|r| offer.matches(r).map(|spec| (spec, r.q)))
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .map(|(_, q)| q)
            .unwrap_or(0.0);
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
