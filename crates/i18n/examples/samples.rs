//! Every date, time, range, size and count format in every language, to read
//! through when reviewing a catalogue: `cargo run -p civicpub-i18n --example samples`.

use chrono::NaiveDate;
use civicpub_i18n::{EventTime, Locale};
fn main() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let a = NaiveDate::from_ymd_opt(2026, 4, 11).unwrap();
    for l in Locale::all() {
        println!("== {l} {}", l.name());
        println!("long   {} | {}", l.long_date(d), l.long_date(a));
        println!("date   {} | {}", l.date(d), l.date(a));
        println!("short  {}", l.short_date(d));
        println!("head   {}", l.day_heading(d));
        println!("month  {} | {}", l.month_year(d), l.month_year(a));
        println!("time   {}", l.time(d.and_hms_opt(16, 0, 0).unwrap().time()));
        println!("dt     {}", l.date_time(d.and_hms_opt(16, 5, 0).unwrap()));
        println!("wk     {:?}", l.weekdays_short());
        println!("wk     {:?}", l.weekdays());
        let e = EventTime {
            starts: d.and_hms_opt(16, 0, 0).unwrap(),
            ends: d.and_hms_opt(18, 0, 0).unwrap(),
            all_day: false,
            zone: Some("Europe/Paris"),
            utc_offset: Some(3600),
        };
        println!("ev1    {}", l.event_time(&e));
        let e2 = EventTime {
            ends: d.succ_opt().unwrap().and_hms_opt(12, 0, 0).unwrap(),
            ..e
        };
        println!("ev2    {}", l.event_time(&e2));
        let e3 = EventTime {
            all_day: true,
            ends: e.starts,
            ..e
        };
        println!("ev3    {}", l.event_time(&e3));
        let e4 = EventTime {
            all_day: true,
            ..e2
        };
        println!("ev4    {}", l.event_time(&e4));
        println!(
            "sizes  {} | {} | {} | {} | {}",
            l.file_size(0),
            l.file_size(1),
            l.file_size(850),
            l.file_size(348_160),
            l.file_size(1_258_291)
        );
        println!(
            "sizes  {} | {}",
            l.file_size(3_435_973_837),
            l.file_size(1024)
        );
        println!(
            "num    {} | {} | {}",
            l.number(1234),
            l.number(12345),
            l.number(-1234567)
        );
        for n in [0, 1, 2, 5, 1234] {
            print!(
                "{} / {} / {} || ",
                l.t_with("search-results", &[("count", n.into())]),
                l.t_with("profile-followers", &[("count", n.into())]),
                l.t_with("calendar-events", &[("count", n.into())])
            );
        }
        println!();
        println!(
            "ap     {}",
            l.t_with(
                "ap-document-summary",
                &[
                    ("version", "2".into()),
                    ("licence", "CC-BY-4.0".into()),
                    ("date", l.date(a).into())
                ]
            )
        );
    }
}
