//! Dates, times, numbers and file sizes, the way each language writes them.
//!
//! The words and their order come from the catalogues (`time.ftl`: month and
//! weekday names, date patterns, time ranges, size units), so that a language
//! is added without touching this file; only the digits' separators are here,
//! in [`Locale::number_style`].

use crate::Locale;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use fluent_templates::fluent_bundle::memoizer::MemoizerKind;
use fluent_templates::fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_templates::fluent_bundle::FluentValue;
use std::borrow::Cow;

/// When an event takes place, for [`Locale::event_time`]. Times are local to
/// the event's zone; an all-day event's `ends` is its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTime<'a> {
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub all_day: bool,
    /// The IANA zone, e.g. `Europe/Paris`; said for events with a time of day.
    pub zone: Option<&'a str>,
    /// The zone's offset from UTC at the start, in seconds east of UTC.
    pub utc_offset: Option<i32>,
}

type Values = Vec<(&'static str, FluentValue<'static>)>;

fn text(s: impl Into<Cow<'static, str>>) -> FluentValue<'static> {
    FluentValue::String(s.into())
}

fn number(n: f64) -> FluentValue<'static> {
    FluentValue::Number(FluentNumber::from(n))
}

/// A date's parts as the `date-*` messages take them. `$year`, `$dd` and `$mm`
/// are text (no digit grouping, zero-padded); `$day`, `$month` and `$weekday`
/// (1 = Monday) are numbers, for selectors.
fn date_values(d: NaiveDate) -> Values {
    vec![
        ("weekday", number(d.weekday().number_from_monday().into())),
        ("day", number(d.day().into())),
        ("month", number(d.month().into())),
        ("year", text(d.year().to_string())),
        ("dd", text(format!("{:02}", d.day()))),
        ("mm", text(format!("{:02}", d.month()))),
    ]
}

fn capitalise_first(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

impl Locale {
    /// A date with its weekday: "Tuesday 1 December 2026", "mardi 1er décembre
    /// 2026", "Dienstag, 1. Dezember 2026", "e martë, 1 dhjetor 2026".
    pub fn long_date(&self, d: NaiveDate) -> String {
        self.t_values("date-long", &date_values(d))
    }

    /// A date: "1 December 2026", "1 de desembre de 2026", "1. Dezember 2026".
    pub fn date(&self, d: NaiveDate) -> String {
        self.t_values("date-medium", &date_values(d))
    }

    /// A date in digits: "01/12/2026", "01-12-2026", "01.12.2026".
    pub fn short_date(&self, d: NaiveDate) -> String {
        self.t_values("date-short", &date_values(d))
    }

    /// A day as the heading of a calendar's day, capitalised: "Tuesday
    /// 1 December", "Mardi 1er décembre", "Dinsdag 1 december".
    pub fn day_heading(&self, d: NaiveDate) -> String {
        capitalise_first(self.t_values("date-day-heading", &date_values(d)))
    }

    /// The month of `d` and its year, as in running text: "December 2026",
    /// "décembre 2026", "desembre de 2026".
    pub fn month_year(&self, d: NaiveDate) -> String {
        self.t_values("date-month-year", &date_values(d))
    }

    /// The name of a month (1 = January) on its own: "décembre", "desembre".
    pub fn month_name(&self, month: u32) -> String {
        self.t_values("month-name", &[("month", number(month.into()))])
    }

    /// The weekdays' names, Monday first, for a month grid.
    pub fn weekdays(&self) -> [String; 7] {
        self.weekday_names("weekday-name")
    }

    /// The weekdays' abbreviations, Monday first, for a month grid.
    pub fn weekdays_short(&self) -> [String; 7] {
        self.weekday_names("weekday-short")
    }

    fn weekday_names(&self, id: &str) -> [String; 7] {
        std::array::from_fn(|i| self.t_values(id, &[("weekday", number(i as f64 + 1.0))]))
    }

    /// A time of day: "16:00".
    pub fn time(&self, t: NaiveTime) -> String {
        self.t_values(
            "time-of-day",
            &[
                ("hour", text(format!("{:02}", t.hour()))),
                ("minute", text(format!("{:02}", t.minute()))),
            ],
        )
    }

    /// A date with its weekday, and a time: "Tuesday 1 December 2026, 16:00",
    /// "dinsdag 1 december 2026 om 16:00".
    pub fn date_time(&self, t: NaiveDateTime) -> String {
        self.t_values(
            "date-at-time",
            &[
                ("date", text(self.long_date(t.date()))),
                ("time", text(self.time(t.time()))),
            ],
        )
    }

    /// When an event takes place, in words: "Tuesday 1 December 2026,
    /// 16:00–18:00 (Europe/Paris, UTC+01:00)", "mardi 1er décembre 2026
    /// (toute la journée)".
    pub fn event_time(&self, e: &EventTime<'_>) -> String {
        let (start_day, end_day) = (e.starts.date(), e.ends.date());
        let range = match (e.all_day, start_day == end_day) {
            (true, true) => self.t_values(
                "time-range-all-day",
                &[("date", text(self.long_date(start_day)))],
            ),
            (true, false) => self.t_values(
                "time-range-all-days",
                &[
                    ("start-date", text(self.long_date(start_day))),
                    ("end-date", text(self.long_date(end_day))),
                ],
            ),
            (false, true) => self.t_values(
                "time-range-same-day",
                &[
                    ("date", text(self.long_date(start_day))),
                    ("start", text(self.time(e.starts.time()))),
                    ("end", text(self.time(e.ends.time()))),
                ],
            ),
            (false, false) => self.t_values(
                "time-range-days",
                &[
                    ("start-date", text(self.long_date(start_day))),
                    ("start", text(self.time(e.starts.time()))),
                    ("end-date", text(self.long_date(end_day))),
                    ("end", text(self.time(e.ends.time()))),
                ],
            ),
        };
        let Some(zone) = e.zone.filter(|_| !e.all_day) else {
            return range;
        };
        let zone = match e.utc_offset {
            Some(secs) => {
                let (sign, secs) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
                self.t_values(
                    "time-zone-offset",
                    &[
                        ("zone", text(zone.to_string())),
                        (
                            "offset",
                            text(format!("{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)),
                        ),
                    ],
                )
            }
            None => zone.to_string(),
        };
        self.t_values("time-zone", &[("time", text(range)), ("zone", text(zone))])
    }

    /// A file's size: "850 bytes", "340 kB", "1.2 MB", "2 MB"; "1,2 Mo" in
    /// French. Units of 1024, as the web pages counted so far.
    pub fn file_size(&self, bytes: u64) -> String {
        const K: f64 = 1024.0;
        let b = bytes as f64;
        let (id, value, digits) = match bytes {
            0..1024 => return self.t_values("size-bytes", &[("count", number(b))]),
            1024..1_048_576 => ("size-kilobytes", (b / K).round(), 0),
            1_048_576..1_073_741_824 => ("size-megabytes", b / (K * K), 1),
            _ => ("size-gigabytes", b / (K * K * K), 1),
        };
        let size = FluentNumber::new(
            value,
            FluentNumberOptions {
                maximum_fraction_digits: Some(digits),
                ..Default::default()
            },
        );
        self.t_values(id, &[("size", FluentValue::Number(size))])
    }

    /// A whole number with the language's digit grouping: "12,345", "12 345",
    /// "12.345"; Spanish and Portuguese group from five digits on.
    pub fn number(&self, n: i64) -> String {
        self.format_number(&FluentNumber::from(n))
    }

    /// The digit group separator, the decimal separator, and CLDR's
    /// `minimumGroupingDigits` (2: no separator in 4-digit numbers).
    pub(crate) fn number_style(self) -> (char, char, usize) {
        match self {
            Locale::En => (',', '.', 1),
            Locale::Fr => ('\u{202f}', ',', 1),
            Locale::It | Locale::Nl | Locale::Ca | Locale::De => ('.', ',', 1),
            Locale::Es => ('.', ',', 2),
            Locale::Pt => ('\u{a0}', ',', 2),
            Locale::Sq => ('\u{a0}', ',', 1),
        }
    }

    fn format_number(self, n: &FluentNumber) -> String {
        let (group, decimal, min_grouping) = self.number_style();
        let o = &n.options;
        if !n.value.is_finite() {
            return n.value.to_string();
        }
        let mut s = match o.maximum_fraction_digits {
            Some(max) => format!("{:.*}", max, n.value),
            None => n.value.to_string(),
        };
        let min_fraction = o.minimum_fraction_digits.unwrap_or(0);
        if let Some(dot) = s.find('.') {
            while s.len() - dot - 1 > min_fraction && s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        let (sign, digits) = match s.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", s.as_str()),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let mut frac = frac.to_string();
        while frac.len() < min_fraction {
            frac.push('0');
        }
        let mut int = int.to_string();
        while int.len() < o.minimum_integer_digits.unwrap_or(0) {
            int.insert(0, '0');
        }
        if o.use_grouping && int.len() >= 3 + min_grouping && int.len() > 3 {
            let first = int.len() % 3;
            let mut grouped = String::with_capacity(int.len() + int.len() / 3 * 3);
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (i + 3 - first) % 3 == 0 {
                    grouped.push(group);
                }
                grouped.push(c);
            }
            int = grouped;
        }
        let mut out = format!("{sign}{int}");
        if !frac.is_empty() {
            out.push(decimal);
            out.push_str(&frac);
        }
        out
    }
}

/// Which language a Fluent bundle formats for, memoized per bundle.
struct NumberStyle(Locale);

impl intl_memoizer::Memoizable for NumberStyle {
    type Args = ();
    type Error = std::convert::Infallible;

    fn construct(lang: fluent_templates::LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        Ok(NumberStyle(
            Locale::parse(lang.language.as_str()).unwrap_or(Locale::En),
        ))
    }
}

/// The catalogues' number formatter: numbers in messages (counts, sizes) get
/// the language's separators.
pub(crate) fn number_value<M: MemoizerKind>(v: &FluentValue, intls: &M) -> Option<String> {
    let FluentValue::Number(n) = v else {
        return None;
    };
    intls
        .with_try_get_threadsafe::<NumberStyle, _, _>((), |s| s.0.format_number(n))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        d.and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn long_dates() {
        let d = day(2026, 12, 1);
        for (l, want) in [
            (En, "Tuesday 1 December 2026"),
            (Fr, "mardi 1er décembre 2026"),
            (It, "martedì 1 dicembre 2026"),
            (Nl, "dinsdag 1 december 2026"),
            (Ca, "dimarts, 1 de desembre de 2026"),
            (Es, "martes, 1 de diciembre de 2026"),
            (De, "Dienstag, 1. Dezember 2026"),
            (Pt, "terça-feira, 1 de dezembro de 2026"),
            (Sq, "e martë, 1 dhjetor 2026"),
        ] {
            assert_eq!(l.long_date(d), want, "{l}");
        }
        // Catalan elides "de" before a vowel; French's "1er" is for the 1st only.
        assert_eq!(
            Ca.long_date(day(2026, 4, 11)),
            "dissabte, 11 d’abril de 2026"
        );
        assert_eq!(Ca.long_date(day(2026, 8, 2)), "diumenge, 2 d’agost de 2026");
        assert_eq!(Fr.long_date(day(2026, 4, 11)), "samedi 11 avril 2026");
        assert_eq!(Fr.long_date(day(2026, 3, 21)), "samedi 21 mars 2026");
    }

    #[test]
    fn dates_and_short_dates() {
        let d = day(2026, 3, 5);
        for (l, date, short) in [
            (En, "5 March 2026", "05/03/2026"),
            (Fr, "5 mars 2026", "05/03/2026"),
            (It, "5 marzo 2026", "05/03/2026"),
            (Nl, "5 maart 2026", "05-03-2026"),
            (Ca, "5 de març de 2026", "05/03/2026"),
            (Es, "5 de marzo de 2026", "05/03/2026"),
            (De, "5. März 2026", "05.03.2026"),
            (Pt, "5 de março de 2026", "05/03/2026"),
            (Sq, "5 mars 2026", "05.03.2026"),
        ] {
            assert_eq!(l.date(d), date, "{l}");
            assert_eq!(l.short_date(d), short, "{l}");
        }
        assert_eq!(Fr.date(day(2026, 10, 1)), "1er octobre 2026");
        // Years are not grouped like numbers.
        assert_eq!(En.date(day(12026, 1, 1)), "1 January 12026");
    }

    #[test]
    fn months_and_years_in_running_text() {
        let d = day(2026, 12, 19);
        for (l, want) in [
            (En, "December 2026"),
            (Fr, "décembre 2026"),
            (It, "dicembre 2026"),
            (Nl, "december 2026"),
            (Ca, "desembre de 2026"),
            (Es, "diciembre de 2026"),
            (De, "Dezember 2026"),
            (Pt, "dezembro de 2026"),
            (Sq, "dhjetor 2026"),
        ] {
            assert_eq!(l.month_year(d), want, "{l}");
        }
        assert_eq!(Ca.month_year(day(2026, 4, 1)), "abril de 2026");
        assert_eq!(Ca.month_name(10), "octubre");
    }

    #[test]
    fn month_and_weekday_names_follow_each_language_s_capitalisation() {
        for l in Locale::all() {
            let months: Vec<String> = (1..=12).map(|m| l.month_name(m)).collect();
            let names = l.weekdays();
            let capitalised = matches!(l, En | De);
            for name in months.iter().chain(&names) {
                let first = name.chars().next().unwrap();
                assert_eq!(first.is_uppercase(), capitalised, "{l}: {name}");
            }
            let unique: std::collections::BTreeSet<_> = months.iter().collect();
            assert_eq!(unique.len(), 12, "{l}: {months:?}");
        }
    }

    #[test]
    fn weekdays_start_on_monday() {
        for (l, first, last, short) in [
            (En, "Monday", "Sunday", "Mon"),
            (Fr, "lundi", "dimanche", "lun."),
            (It, "lunedì", "domenica", "lun"),
            (Nl, "maandag", "zondag", "ma"),
            (Ca, "dilluns", "diumenge", "dl."),
            (Es, "lunes", "domingo", "lun."),
            (De, "Montag", "Sonntag", "Mo."),
            (Pt, "segunda-feira", "domingo", "seg."),
            (Sq, "e hënë", "e diel", "hën"),
        ] {
            let names = l.weekdays();
            assert_eq!((names[0].as_str(), names[6].as_str()), (first, last), "{l}");
            assert_eq!(l.weekdays_short()[0], short, "{l}");
        }
    }

    #[test]
    fn day_headings_are_capitalised() {
        let d = day(2026, 12, 1);
        for (l, want) in [
            (En, "Tuesday 1 December"),
            (Fr, "Mardi 1er décembre"),
            (It, "Martedì 1 dicembre"),
            (Nl, "Dinsdag 1 december"),
            (Ca, "Dimarts, 1 de desembre"),
            (Es, "Martes, 1 de diciembre"),
            (De, "Dienstag, 1. Dezember"),
            (Pt, "Terça-feira, 1 de dezembro"),
            (Sq, "E martë, 1 dhjetor"),
        ] {
            assert_eq!(l.day_heading(d), want, "{l}");
        }
    }

    #[test]
    fn times() {
        let t = at(day(2026, 12, 1), 9, 5);
        for (l, time, date_time) in [
            (En, "09:05", "Tuesday 1 December 2026, 09:05"),
            (Fr, "09:05", "mardi 1er décembre 2026 à 09:05"),
            (It, "09:05", "martedì 1 dicembre 2026, ore 09:05"),
            (Nl, "09:05", "dinsdag 1 december 2026 om 09:05 uur"),
            (Ca, "09.05 h", "dimarts, 1 de desembre de 2026, 09.05 h"),
            (Es, "09:05", "martes, 1 de diciembre de 2026, a las 09:05"),
            (De, "09:05", "Dienstag, 1. Dezember 2026, 09:05 Uhr"),
            (Pt, "09:05", "terça-feira, 1 de dezembro de 2026, às 09:05"),
            (Sq, "09:05", "e martë, 1 dhjetor 2026, ora 09:05"),
        ] {
            assert_eq!(l.time(t.time()), time, "{l}");
            assert_eq!(l.date_time(t), date_time, "{l}");
        }
    }

    fn event(starts: NaiveDateTime, ends: NaiveDateTime, all_day: bool) -> EventTime<'static> {
        EventTime {
            starts,
            ends,
            all_day,
            zone: Some("Europe/Paris"),
            utc_offset: Some(3600),
        }
    }

    #[test]
    fn event_on_one_day() {
        let d = day(2026, 12, 1);
        let e = event(at(d, 16, 0), at(d, 18, 0), false);
        for (l, want) in [
            (
                En,
                "Tuesday 1 December 2026, 16:00–18:00 (Europe/Paris, UTC+01:00)",
            ),
            (
                Fr,
                "mardi 1er décembre 2026, de 16:00 à 18:00 (Europe/Paris, UTC+01:00)",
            ),
            (
                It,
                "martedì 1 dicembre 2026, dalle 16:00 alle 18:00 (Europe/Paris, UTC+01:00)",
            ),
            (
                Nl,
                "dinsdag 1 december 2026, van 16:00 tot 18:00 uur (Europe/Paris, UTC+01:00)",
            ),
            (
                Ca,
                "dimarts, 1 de desembre de 2026, 16.00 h – 18.00 h (Europe/Paris, UTC+01:00)",
            ),
            (
                Es,
                "martes, 1 de diciembre de 2026, de 16:00 a 18:00 (Europe/Paris, UTC+01:00)",
            ),
            (
                De,
                "Dienstag, 1. Dezember 2026, 16:00–18:00 Uhr (Europe/Paris, UTC+01:00)",
            ),
            (
                Pt,
                "terça-feira, 1 de dezembro de 2026, das 16:00 às 18:00 (Europe/Paris, UTC+01:00)",
            ),
            (
                Sq,
                "e martë, 1 dhjetor 2026, ora 16:00–18:00 (Europe/Paris, UTC+01:00)",
            ),
        ] {
            assert_eq!(l.event_time(&e), want, "{l}");
        }
    }

    #[test]
    fn event_over_several_days() {
        let e = event(
            at(day(2026, 12, 1), 16, 0),
            at(day(2026, 12, 2), 12, 30),
            false,
        );
        for (l, want) in [
            (En, "Tuesday 1 December 2026, 16:00 to Wednesday 2 December 2026, 12:30"),
            (Fr, "du mardi 1er décembre 2026 à 16:00 au mercredi 2 décembre 2026 à 12:30"),
            (It, "da martedì 1 dicembre 2026, ore 16:00, a mercoledì 2 dicembre 2026, ore 12:30"),
            (Nl, "van dinsdag 1 december 2026 om 16:00 uur tot woensdag 2 december 2026 om 12:30 uur"),
            (Ca, "des del dimarts, 1 de desembre de 2026, 16.00 h, fins al dimecres, 2 de desembre de 2026, 12.30 h"),
            (Es, "del martes, 1 de diciembre de 2026, a las 16:00, al miércoles, 2 de diciembre de 2026, a las 12:30"),
            (De, "von Dienstag, 1. Dezember 2026, 16:00 Uhr, bis Mittwoch, 2. Dezember 2026, 12:30 Uhr"),
            (Pt, "de terça-feira, 1 de dezembro de 2026, às 16:00, a quarta-feira, 2 de dezembro de 2026, às 12:30"),
            (Sq, "e martë, 1 dhjetor 2026, ora 16:00 – e mërkurë, 2 dhjetor 2026, ora 12:30"),
        ] {
            assert_eq!(
                l.event_time(&e),
                format!("{want} (Europe/Paris, UTC+01:00)"),
                "{l}"
            );
        }
    }

    #[test]
    fn all_day_events_say_no_time_zone() {
        let (d1, d3) = (day(2026, 7, 1), day(2026, 7, 3));
        let one = event(at(d1, 0, 0), at(d1, 0, 0), true);
        let three = event(at(d1, 0, 0), at(d3, 0, 0), true);
        for (l, one_day, three_days) in [
            (En, "Wednesday 1 July 2026 (all day)", "Wednesday 1 July 2026 to Friday 3 July 2026 (all day)"),
            (Fr, "mercredi 1er juillet 2026 (toute la journée)", "du mercredi 1er juillet 2026 au vendredi 3 juillet 2026 (journées entières)"),
            (It, "mercoledì 1 luglio 2026 (tutto il giorno)", "da mercoledì 1 luglio 2026 a venerdì 3 luglio 2026 (giornate intere)"),
            (Nl, "woensdag 1 juli 2026 (hele dag)", "van woensdag 1 juli 2026 tot en met vrijdag 3 juli 2026 (hele dagen)"),
            (Ca, "dimecres, 1 de juliol de 2026 (tot el dia)", "des del dimecres, 1 de juliol de 2026 fins al divendres, 3 de juliol de 2026 (dies sencers)"),
            (Es, "miércoles, 1 de julio de 2026 (todo el día)", "del miércoles, 1 de julio de 2026 al viernes, 3 de julio de 2026 (días completos)"),
            (De, "Mittwoch, 1. Juli 2026 (ganztägig)", "von Mittwoch, 1. Juli 2026 bis Freitag, 3. Juli 2026 (ganztägig)"),
            (Pt, "quarta-feira, 1 de julho de 2026 (todo o dia)", "de quarta-feira, 1 de julho de 2026 a sexta-feira, 3 de julho de 2026 (dias inteiros)"),
            (Sq, "e mërkurë, 1 korrik 2026 (gjithë ditën)", "e mërkurë, 1 korrik 2026 – e premte, 3 korrik 2026 (ditë të plota)"),
        ] {
            assert_eq!(l.event_time(&one), one_day, "{l}");
            assert_eq!(l.event_time(&three), three_days, "{l}");
        }
    }

    #[test]
    fn event_zones_and_offsets() {
        let d = day(2026, 3, 1);
        let mut e = event(at(d, 10, 0), at(d, 11, 0), false);
        e.zone = Some("America/St_Johns");
        e.utc_offset = Some(-(3 * 3600 + 1800));
        assert_eq!(
            En.event_time(&e),
            "Sunday 1 March 2026, 10:00–11:00 (America/St_Johns, UTC-03:30)"
        );
        e.utc_offset = None;
        assert_eq!(
            En.event_time(&e),
            "Sunday 1 March 2026, 10:00–11:00 (America/St_Johns)"
        );
        e.zone = None;
        assert_eq!(En.event_time(&e), "Sunday 1 March 2026, 10:00–11:00");
    }

    #[test]
    fn file_sizes() {
        for (l, sizes) in [
            (
                En,
                [
                    "0 bytes",
                    "1 byte",
                    "850 bytes",
                    "340 kB",
                    "1.2 MB",
                    "3.2 GB",
                ],
            ),
            (
                Fr,
                [
                    "0 octet",
                    "1 octet",
                    "850 octets",
                    "340 ko",
                    "1,2 Mo",
                    "3,2 Go",
                ],
            ),
            (
                It,
                ["0 byte", "1 byte", "850 byte", "340 kB", "1,2 MB", "3,2 GB"],
            ),
            (
                Nl,
                [
                    "0 bytes",
                    "1 byte",
                    "850 bytes",
                    "340 kB",
                    "1,2 MB",
                    "3,2 GB",
                ],
            ),
            (
                Ca,
                [
                    "0 bytes",
                    "1 byte",
                    "850 bytes",
                    "340 kB",
                    "1,2 MB",
                    "3,2 GB",
                ],
            ),
            (
                Es,
                [
                    "0 bytes",
                    "1 byte",
                    "850 bytes",
                    "340 kB",
                    "1,2 MB",
                    "3,2 GB",
                ],
            ),
            (
                De,
                ["0 Byte", "1 Byte", "850 Byte", "340 kB", "1,2 MB", "3,2 GB"],
            ),
            (
                Pt,
                [
                    "0 bytes",
                    "1 byte",
                    "850 bytes",
                    "340 kB",
                    "1,2 MB",
                    "3,2 GB",
                ],
            ),
            (
                Sq,
                ["0 bajt", "1 bajt", "850 bajt", "340 kB", "1,2 MB", "3,2 GB"],
            ),
        ] {
            let got: Vec<String> = [0, 1, 850, 348_160, 1_258_291, 3_435_973_837]
                .into_iter()
                .map(|b| l.file_size(b))
                .collect();
            assert_eq!(got, sizes, "{l}");
        }
        // No ".0"; kilobytes are whole.
        assert_eq!(En.file_size(2 * 1024 * 1024), "2 MB");
        assert_eq!(
            Fr.file_size(2 * 1024 * 1024 + 1024 * 1024 / 10 * 9),
            "2,9 Mo"
        );
        assert_eq!(En.file_size(1024), "1 kB");
        assert_eq!(En.file_size(1535), "1 kB");
        assert_eq!(En.file_size(1536), "2 kB");
    }

    #[test]
    fn numbers_are_grouped_the_language_s_way() {
        for (l, small, large) in [
            (En, "1,234", "-1,234,567"),
            (Fr, "1\u{202f}234", "-1\u{202f}234\u{202f}567"),
            (It, "1.234", "-1.234.567"),
            (Nl, "1.234", "-1.234.567"),
            (Ca, "1.234", "-1.234.567"),
            (Es, "1234", "-1.234.567"),
            (De, "1.234", "-1.234.567"),
            (Pt, "1234", "-1\u{a0}234\u{a0}567"),
            (Sq, "1\u{a0}234", "-1\u{a0}234\u{a0}567"),
        ] {
            assert_eq!(l.number(1234), small, "{l}");
            assert_eq!(l.number(-1_234_567), large, "{l}");
            assert_eq!(l.number(999), "999");
            assert_eq!(l.number(0), "0");
        }
        assert_eq!(Es.number(12_345), "12.345");
        assert_eq!(En.number(100_000), "100,000");
        assert_eq!(
            En.t_with("search-results", &[("count", 1_234_567.into())]),
            "1,234,567 results"
        );
    }
}
