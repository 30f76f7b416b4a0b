//! Differencing warnings (issue 20): a report whose `as_of` or intervention bins differ from a
//! neighbouring choice by only a few people says so in its notes, in Danish and English, without
//! saying how many.

use overgang::cohort::Cohort;
use overgang::report::{read_options, Report, RECENT_DAYS};
use overgang::Language;
use serde_json::{json, Value};

fn person(i: usize, start: &str, interventions: usize) -> Value {
    let categories = [
        "counselling",
        "case_management",
        "accompaniment",
        "bridging",
        "group_therapy",
    ];
    let iv: Vec<Value> = categories[..interventions]
        .iter()
        .map(|c| json!({"category": c, "date": start}))
        .collect();
    json!({"id": format!("P{i}"), "gender": "woman", "age": 30, "start": start, "interventions": iv})
}

fn report(people: Vec<Value>, options: Value) -> Report {
    let doc = json!({"project": "P", "participants": people});
    let (options, _) = read_options(&options).unwrap();
    Cohort::from_value(&doc).unwrap().report(&options).unwrap()
}

fn codes(r: &Report) -> Vec<&str> {
    r.notes.iter().map(|n| n.code.as_str()).collect()
}

/// 20 people who started long ago with 1 intervention each.
fn settled() -> Vec<Value> {
    (0..20).map(|i| person(i, "2023-01-10", 1)).collect()
}

#[test]
fn one_start_the_day_before_the_report_date_is_a_warning() {
    let mut people = settled();
    people.push(person(20, "2024-05-30", 1));
    let r = report(people.clone(), json!({"as_of": "2024-05-31"}));
    assert!(codes(&r).contains(&"as_of_near_few"), "{:?}", codes(&r));
    // The same data a month later: nothing changed in the last days.
    let r = report(people.clone(), json!({"as_of": "2024-06-30"}));
    assert!(!codes(&r).contains(&"as_of_near_few"));
    // Just outside the window.
    let later = format!(
        "{}",
        time::Date::from_calendar_date(2024, time::Month::May, 30).unwrap()
            + time::Duration::days(RECENT_DAYS)
    );
    let r = report(people, json!({"as_of": later}));
    assert!(!codes(&r).contains(&"as_of_near_few"));
}

#[test]
fn many_recent_starts_are_no_warning() {
    let mut people = settled();
    for i in 20..26 {
        people.push(person(i, "2024-05-30", 1));
    }
    let r = report(people, json!({"as_of": "2024-05-31"}));
    assert!(!codes(&r).contains(&"as_of_near_few"), "{:?}", codes(&r));
}

#[test]
fn a_few_people_next_to_a_bin_edge_are_a_warning() {
    // Issue 20: --intervention-bins 2 against 3 recovers the people with exactly 2 and 3+.
    let mut people = settled();
    people.push(person(20, "2023-01-10", 3));
    let r = report(
        people.clone(),
        json!({"as_of": "2024-05-31", "intervention_bins": 2}),
    );
    assert!(codes(&r).contains(&"bins_near_few"), "{:?}", codes(&r));
    // 20 with one and 6 with three: every edge has none or many next to it.
    let mut people = settled();
    for i in 20..26 {
        people.push(person(i, "2023-01-10", 3));
    }
    let r = report(
        people,
        json!({"as_of": "2024-05-31", "intervention_bins": [0, 2, 5]}),
    );
    assert!(!codes(&r).contains(&"bins_near_few"), "{:?}", codes(&r));
}

#[test]
fn notes_are_in_both_languages_and_never_say_how_many() {
    let mut people = settled();
    people.push(person(20, "2024-05-30", 3));
    let r = report(
        people,
        json!({"as_of": "2024-05-31", "intervention_bins": 2}),
    );
    assert_eq!(codes(&r), ["as_of_near_few", "bins_near_few"]);
    for n in &r.notes {
        for lang in [Language::Da, Language::En] {
            let text = n.text(lang);
            assert!(text.len() > 40);
            assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
        }
        assert_ne!(n.text(Language::Da), n.text(Language::En));
    }
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["notes"][0]["code"], "as_of_near_few");
}

#[test]
fn no_notes_when_suppression_is_off() {
    let mut people = settled();
    people.push(person(20, "2024-05-30", 3));
    let r = report(
        people,
        json!({"as_of": "2024-05-31", "intervention_bins": 2, "min_cell": 0}),
    );
    assert!(r.notes.is_empty());
}

#[test]
fn notes_are_shown_in_every_human_format_in_the_chosen_language() {
    use overgang::report::{render, Format, RenderOptions};
    let mut people = settled();
    people.push(person(20, "2024-05-30", 1));
    let r = report(people, json!({"as_of": "2024-05-31"}));
    let note = &r.notes[0];
    for (lang, heading, text) in [
        (Language::Da, "Bemærkninger", &note.da),
        (Language::En, "Notes", &note.en),
    ] {
        for format in [Format::Md, Format::Html] {
            let out = render(&r, &RenderOptions::new(format, lang));
            assert!(out.contains(heading), "{format:?} {lang:?}");
            // HTML escapes; compare the first words.
            let words: String = text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(out.contains(&words), "{format:?} {lang:?}: {words}");
        }
    }
}
