//! Feeds for readers and calendar apps: RSS 2.0 and Atom per kind, an iCalendar
//! (RFC 5545) feed of all events and one `.ics` per event, each with the
//! VTIMEZONE definitions its times need.

use crate::{AppState, WebError};
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use civicpub_domain::{EventDetails, Item, ItemDetails, ItemKind, Timestamp};
use civicpub_federation::documents::escape_html as xml;
use civicpub_federation::objects::{event_in_words, markdown_to_html};

const FEED_SIZE: i64 = 50;

fn kind_from_file(file: &str, ext: &str) -> Result<ItemKind, WebError> {
    file.strip_suffix(ext)
        .and_then(ItemKind::from_path)
        .ok_or_else(|| WebError::NotFound(format!("no feed '{file}'")))
}

async fn feed_items(state: &AppState, kind: ItemKind) -> Result<Vec<Item>, WebError> {
    Ok(state.store.items(Some(kind), None, None, FEED_SIZE).await?)
}

fn summary_text(item: &Item) -> String {
    let Some(draft) = &item.draft else {
        return String::new();
    };
    let mut lines = match &draft.details {
        ItemDetails::Event(e) => event_in_words(e),
        _ => Vec::new(),
    };
    if let Some(t) = draft.texts.first() {
        if !t.summary.trim().is_empty() {
            lines.push(t.summary.trim().to_string());
        }
    }
    lines.join("\n")
}

/// `/feeds/{news,events,documents}.rss` and `.atom`.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    if file.ends_with(".rss") {
        let kind = kind_from_file(&file, ".rss")?;
        let items = feed_items(&state, kind).await?;
        Ok((
            [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
            rss(&state, kind, &file, &items),
        )
            .into_response())
    } else if file.ends_with(".atom") {
        let kind = kind_from_file(&file, ".atom")?;
        let items = feed_items(&state, kind).await?;
        Ok((
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            atom(&state, kind, &file, &items),
        )
            .into_response())
    } else if file == "events.ics" {
        let items = state
            .store
            .items(Some(ItemKind::Event), None, None, 500)
            .await?;
        Ok(calendar_response(&state, &items, "events"))
    } else {
        Err(WebError::NotFound(format!("no feed '{file}'")))
    }
}

fn rss(state: &AppState, kind: ItemKind, file: &str, items: &[Item]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    out += &format!(
        "<title>{} – {}</title>\n<link>{}</link>\n<description>{} from {}</description>\n<language>{}</language>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&state.site.node_name),
        kind.label(),
        state.base.url(&format!("/{}", kind.path())),
        kind.label(),
        xml(&state.site.node_name),
        xml(&state.site.language),
        state.base.url(&format!("/feeds/{file}")),
    );
    if let Some(first) = items.first() {
        out += &format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            first.updated_at.to_datetime().to_rfc2822()
        );
    }
    for item in items {
        let Some(draft) = &item.draft else { continue };
        let text = &draft.texts[0];
        let url = state.base.url(&item.path());
        out += &format!(
            "<item>\n<title>{}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n",
            xml(&text.title),
            item.published_at.to_datetime().to_rfc2822(),
            xml(&summary_text(item)),
        );
        for tag in &draft.tags {
            out += &format!("<category>{}</category>\n", xml(tag));
        }
        if let ItemDetails::Document(d) = &draft.details {
            if let Some(f) = d.files.first() {
                out += &format!(
                    "<enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>\n",
                    state.base.url(&f.media.path()),
                    f.media.size,
                    xml(&f.media.media_type)
                );
            }
        }
        out += "</item>\n";
    }
    out += "</channel>\n</rss>\n";
    out
}

fn atom(state: &AppState, kind: ItemKind, file: &str, items: &[Item]) -> String {
    let self_url = state.base.url(&format!("/feeds/{file}"));
    let updated = items.first().map_or(Timestamp(0), |i| i.updated_at);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>{self_url}</id>\n<title>{} – {}</title>\n<updated>{}</updated>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<author><name>{}</name></author>\n<generator>civicpub</generator>\n",
        xml(&state.site.language),
        xml(&state.site.node_name),
        kind.label(),
        updated.to_rfc3339(),
        state.base.url(&format!("/{}", kind.path())),
        xml(&state.site.node_name),
    );
    for item in items {
        let Some(draft) = &item.draft else { continue };
        let text = &draft.texts[0];
        let url = state.base.url(&item.path());
        out += &format!(
            "<entry xml:lang=\"{}\">\n<id>{url}</id>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n",
            xml(&text.lang),
            xml(&text.title),
            item.published_at.to_rfc3339(),
            item.updated_at.to_rfc3339(),
            xml(&summary_text(item)),
            xml(&markdown_to_html(&text.body)),
        );
        for tag in &draft.tags {
            out += &format!("<category term=\"{}\"/>\n", xml(tag));
        }
        if let ItemDetails::Document(d) = &draft.details {
            for f in &d.files {
                out += &format!(
                    "<link rel=\"enclosure\" type=\"{}\" length=\"{}\" href=\"{}\"/>\n",
                    xml(&f.media.media_type),
                    f.media.size,
                    state.base.url(&f.media.path())
                );
            }
        }
        out += "</entry>\n";
    }
    out += "</feed>\n";
    out
}

/// `/events/{id}/calendar.ics`: one event for a calendar app.
pub async fn event_ics(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (item, _) = crate::items::load(&state, ItemKind::Event, &id).await?;
    if item.deleted_at.is_some() {
        return Err(WebError::NotFound(format!("event {id} was deleted")));
    }
    Ok(calendar_response(&state, &[item], &format!("event-{id}")))
}

fn calendar_response(state: &AppState, items: &[Item], name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}.ics\""),
            ),
        ],
        calendar(state, items),
    )
        .into_response()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub(crate) fn ical_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, without splitting a UTF-8 character.
pub(crate) fn fold(line: &str) -> String {
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

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

pub fn calendar(state: &AppState, items: &[Item]) -> String {
    let events: Vec<(&Item, &EventDetails)> = items
        .iter()
        .filter_map(|i| match &i.draft.as_ref()?.details {
            ItemDetails::Event(e) => Some((i, e)),
            _ => None,
        })
        .collect();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//civicpub//civicpub {}//EN",
            civicpub_domain::SOFTWARE_VERSION
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            ical_text(&format!("{} – Events", state.site.node_name))
        ),
    ];
    // One VTIMEZONE per zone, covering the years the events fall in.
    let mut zones: Vec<(Tz, i32, i32)> = Vec::new();
    for (_, e) in &events {
        let (Some(tz), false) = (e.tz(), e.all_day) else {
            continue;
        };
        let (y0, y1) = (e.starts.year(), e.ends.year());
        match zones.iter_mut().find(|(z, _, _)| *z == tz) {
            Some(z) => {
                z.1 = z.1.min(y0);
                z.2 = z.2.max(y1);
            }
            None => zones.push((tz, y0, y1)),
        }
    }
    for (tz, from, to) in zones {
        lines.extend(vtimezone(tz, from, to));
    }
    for (item, e) in events {
        let draft = item.draft.as_ref().expect("live event");
        let text = &draft.texts[0];
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", state.base.url(&item.path())));
        lines.push(format!("DTSTAMP:{}", utc(item.updated_at.to_datetime())));
        lines.push(format!("CREATED:{}", utc(item.published_at.to_datetime())));
        lines.push(format!(
            "LAST-MODIFIED:{}",
            utc(item.updated_at.to_datetime())
        ));
        if e.all_day {
            lines.push(format!(
                "DTSTART;VALUE=DATE:{}",
                e.starts.date().format("%Y%m%d")
            ));
            // DTEND of an all-day event is the day after the last day.
            lines.push(format!(
                "DTEND;VALUE=DATE:{}",
                (e.ends.date() + Duration::days(1)).format("%Y%m%d")
            ));
        } else {
            lines.push(format!("DTSTART;TZID={}:{}", e.timezone, local(e.starts)));
            lines.push(format!("DTEND;TZID={}:{}", e.timezone, local(e.ends)));
        }
        lines.push(format!("SUMMARY:{}", ical_text(&text.title)));
        if !text.summary.trim().is_empty() {
            lines.push(format!("DESCRIPTION:{}", ical_text(text.summary.trim())));
        }
        if let Some(p) = &e.place {
            let place = match &p.address {
                Some(a) => format!("{}, {a}", p.name),
                None => p.name.clone(),
            };
            lines.push(format!("LOCATION:{}", ical_text(&place)));
            if let (Some(lat), Some(lon)) = (p.latitude, p.longitude) {
                lines.push(format!("GEO:{lat};{lon}"));
            }
        } else if let Some(u) = &e.online_url {
            lines.push(format!("LOCATION:{}", ical_text(u.as_str())));
        }
        lines.push(format!("URL:{}", state.base.url(&item.path())));
        lines.push(format!("STATUS:{}", e.status.ical()));
        if !draft.tags.is_empty() {
            lines.push(format!(
                "CATEGORIES:{}",
                draft
                    .tags
                    .iter()
                    .map(|t| ical_text(t))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
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
        assert_eq!(ical_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
