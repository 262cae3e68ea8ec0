//! The one iCalendar (RFC 5545) writer, for the node's events and the
//! network's: calendars, events, and the VTIMEZONE definitions their local
//! times need.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use civicpub_domain::{EventStatus, Timestamp};

/// When an event happens.
pub enum When {
    /// Wall-clock times in an IANA zone (the node's own events).
    Local {
        starts: NaiveDateTime,
        ends: NaiveDateTime,
        zone: Tz,
    },
    /// Instants (gathered events, whose zone may be unknown).
    Utc { starts: Timestamp, ends: Timestamp },
    /// Whole days, the last one included.
    AllDay { first: NaiveDate, last: NaiveDate },
}

pub struct Event {
    pub uid: String,
    pub stamp: Timestamp,
    pub created: Option<Timestamp>,
    pub last_modified: Option<Timestamp>,
    pub when: When,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub geo: Option<(f64, f64)>,
    pub url: String,
    pub status: Option<EventStatus>,
    pub categories: Vec<String>,
    /// (display name, URI) of who organises it.
    pub organizer: Option<(String, String)>,
}

/// A calendar of `events`, named `name`.
pub fn write(name: &str, events: &[Event]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//civicpub//civicpub {}//EN",
            civicpub_domain::SOFTWARE_VERSION
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(name)),
    ];
    // One VTIMEZONE per zone, covering the years the events fall in.
    let mut zones: Vec<(Tz, i32, i32)> = Vec::new();
    for e in events {
        if let When::Local { starts, ends, zone } = &e.when {
            let (y0, y1) = (starts.year(), ends.year());
            match zones.iter_mut().find(|(z, _, _)| z == zone) {
                Some(z) => {
                    z.1 = z.1.min(y0);
                    z.2 = z.2.max(y1);
                }
                None => zones.push((*zone, y0, y1)),
            }
        }
    }
    for (tz, from, to) in zones {
        lines.extend(vtimezone(tz, from, to));
    }
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}", utc(e.stamp)));
        if let Some(t) = e.created {
            lines.push(format!("CREATED:{}", utc(t)));
        }
        if let Some(t) = e.last_modified {
            lines.push(format!("LAST-MODIFIED:{}", utc(t)));
        }
        match &e.when {
            When::Local { starts, ends, zone } => {
                lines.push(format!("DTSTART;TZID={}:{}", zone.name(), local(*starts)));
                lines.push(format!("DTEND;TZID={}:{}", zone.name(), local(*ends)));
            }
            When::Utc { starts, ends } => {
                lines.push(format!("DTSTART:{}", utc(*starts)));
                lines.push(format!("DTEND:{}", utc(*ends)));
            }
            When::AllDay { first, last } => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")));
                // DTEND of an all-day event is the day after the last day.
                lines.push(format!(
                    "DTEND;VALUE=DATE:{}",
                    (*last + Duration::days(1)).format("%Y%m%d")
                ));
            }
        }
        lines.push(format!("SUMMARY:{}", text(&e.summary)));
        if let Some(d) = &e.description {
            lines.push(format!("DESCRIPTION:{}", text(d)));
        }
        if let Some(l) = &e.location {
            lines.push(format!("LOCATION:{}", text(l)));
        }
        if let Some((lat, lon)) = e.geo {
            lines.push(format!("GEO:{lat};{lon}"));
        }
        lines.push(format!("URL:{}", e.url));
        if let Some(s) = e.status {
            lines.push(format!("STATUS:{}", s.ical()));
        }
        if !e.categories.is_empty() {
            lines.push(format!(
                "CATEGORIES:{}",
                e.categories
                    .iter()
                    .map(|c| text(c))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        if let Some((name, uri)) = &e.organizer {
            lines.push(format!("ORGANIZER;CN={}:{uri}", param(name)));
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// A parameter value (§3.2): quoted when it holds `:`, `;` or `,`, which would
/// otherwise end it; double quotes, which cannot appear at all, are dropped.
fn param(s: &str) -> String {
    let s: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    if s.contains([':', ';', ',']) {
        format!("\"{s}\"")
    } else {
        s
    }
}

/// Folds a content line at 75 octets, without splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc(t: Timestamp) -> String {
    t.to_datetime().format("%Y%m%dT%H%M%SZ").to_string()
}

fn offset_str(secs: i32) -> String {
    let (sign, s) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// A VTIMEZONE with the zone's actual transitions from `from` to `to` (years),
/// found by scanning chrono-tz's offsets: every observance is listed with its own
/// DTSTART, which RFC 5545 allows and every calendar app reads.
fn vtimezone(tz: Tz, from: i32, to: i32) -> Vec<String> {
    let start = Utc
        .with_ymd_and_hms(from - 1, 12, 1, 0, 0, 0)
        .single()
        .expect("valid date");
    let end = Utc
        .with_ymd_and_hms(to + 1, 1, 1, 0, 0, 0)
        .single()
        .expect("valid date");
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let mut observances = Vec::new();
    let mut t = start;
    let mut prev = offset_at(t);
    while t < end {
        let next = t + Duration::hours(6);
        let off = offset_at(next);
        if off.fix() != prev.fix() {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(mid).fix() == prev.fix() {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            observances.push((hi, prev, off));
            prev = off;
        }
        t = next;
    }
    if observances.is_empty() {
        let off = offset_at(start);
        let secs = off.fix().local_minus_utc();
        lines.push("BEGIN:STANDARD".into());
        lines.push("DTSTART:19700101T000000".into());
        lines.push(format!("TZOFFSETFROM:{}", offset_str(secs)));
        lines.push(format!("TZOFFSETTO:{}", offset_str(secs)));
        if let Some(name) = off.abbreviation() {
            lines.push(format!("TZNAME:{name}"));
        }
        lines.push("END:STANDARD".into());
    }
    for (at, before, after) in observances {
        let from_secs = before.fix().local_minus_utc();
        let to_secs = after.fix().local_minus_utc();
        let component = if after.dst_offset().num_seconds() != 0 {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        lines.push(format!("BEGIN:{component}"));
        // DTSTART is the local time just before the change, in the old offset.
        lines.push(format!(
            "DTSTART:{}",
            local(at.naive_utc() + Duration::seconds(from_secs as i64))
        ));
        lines.push(format!("TZOFFSETFROM:{}", offset_str(from_secs)));
        lines.push(format!("TZOFFSETTO:{}", offset_str(to_secs)));
        if let Some(name) = after.abbreviation() {
            lines.push(format!("TZNAME:{name}"));
        }
        lines.push(format!("END:{component}"));
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let long = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn amsterdam_has_two_transitions_a_year() {
        let v = vtimezone("Europe/Amsterdam".parse().unwrap(), 2026, 2026);
        let v = v.join("\n");
        assert!(v.contains("BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST"), "{v}");
        assert!(v.contains("BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET"), "{v}");
        let tokyo = vtimezone("Asia/Tokyo".parse().unwrap(), 2026, 2026).join("\n");
        assert!(tokyo.contains("TZOFFSETTO:+0900"), "{tokyo}");
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn parameters_with_colons_are_quoted() {
        assert_eq!(param("127.0.0.1:8080"), "\"127.0.0.1:8080\"");
        assert_eq!(param("Città di \"Prova\""), "Città di Prova");
    }
}
