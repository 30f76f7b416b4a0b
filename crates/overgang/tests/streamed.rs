//! Reading a cohort document on several threads, and reporting on it as it is read
//! (`Cohort::report_from_reader`), give what reading it whole gives: the same cohort, the same
//! report and the same errors, wherever the reads cut the text and whatever is wrong in it.

mod common;

use overgang::cohort::Cohort;
use overgang::report::ReportOptions;
use proptest::prelude::*;
use serde_json::Value;
use std::io::Read;

/// A reader that hands out the text in pieces of the given sizes (cycled).
struct Pieces<'a> {
    text: &'a [u8],
    sizes: Vec<usize>,
    next: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self.sizes[self.next % self.sizes.len()].max(1);
        self.next += 1;
        let n = size.min(buf.len()).min(self.text.len());
        buf[..n].copy_from_slice(&self.text[..n]);
        self.text = &self.text[n..];
        Ok(n)
    }
}

/// What can be wrong with (or different in) a document.
#[derive(Debug, Clone)]
enum Change {
    /// A participant's start date broken.
    BadStart(usize),
    /// A participant's ID given to the next one too.
    RepeatedId(usize),
    /// A participant that is not JSON.
    NotJson(usize),
    /// A participant with a key given twice.
    KeyTwice(usize),
    /// An intervention outside the project's catalogue.
    NotOffered,
    /// The report date after the participants, or none at all.
    AsOfLast,
    AsOfAbsent,
    /// The report date given as an option.
    AsOfOption,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0usize..10_000).prop_map(Change::BadStart),
        (0usize..10_000).prop_map(Change::RepeatedId),
        (0usize..10_000).prop_map(Change::NotJson),
        (0usize..10_000).prop_map(Change::KeyTwice),
        Just(Change::NotOffered),
        Just(Change::AsOfLast),
        Just(Change::AsOfAbsent),
        Just(Change::AsOfOption),
    ]
}

/// The document's text, one participant per line, with the changes made.
fn document(n: usize, seed: u64, changes: &[Change]) -> (String, ReportOptions) {
    let cohort = Cohort::generate(n, seed);
    let mut people: Vec<Value> = cohort
        .participants
        .iter()
        .map(|p| serde_json::to_value(p).unwrap())
        .collect();
    let mut lines: Vec<Option<String>> = vec![None; n];
    let mut options = ReportOptions::default();
    let mut as_of = Some(format!("\"as_of\": \"{}\", ", cohort.as_of.unwrap()));
    let mut as_of_last = false;
    let mut offered = None;
    for c in changes {
        match *c {
            Change::BadStart(i) => people[i % n]["start"] = "2023-02-30".into(),
            Change::RepeatedId(i) if n > 1 => {
                let id = people[i % (n - 1)]["id"].clone();
                people[i % (n - 1) + 1]["id"] = id;
            }
            Change::NotJson(i) => lines[i % n] = Some("{\"id\": \"X-1\", tru}".to_string()),
            Change::KeyTwice(i) => {
                lines[i % n] = Some("{\"id\": \"X-2\", \"age\": 30, \"age\": 31}".to_string())
            }
            Change::NotOffered => offered = Some("\"offered\": [\"counselling\"], "),
            Change::AsOfLast => as_of_last = true,
            Change::AsOfAbsent => as_of = None,
            Change::AsOfOption => {
                options.as_of = cohort.as_of.map(|d| d - time::Duration::days(200))
            }
            Change::RepeatedId(_) => {}
        }
    }
    let body: Vec<String> = people
        .iter()
        .zip(lines)
        .map(|(p, line)| line.unwrap_or_else(|| p.to_string()))
        .collect();
    let as_of = as_of.unwrap_or_default();
    let (before, after) = if as_of_last {
        (String::new(), as_of.trim_end_matches(", ").to_string())
    } else {
        (as_of, String::new())
    };
    let text = format!(
        "{{\"project\": \"P\", {before}{}\"participants\": [\n{}\n]{}{after}}}",
        offered.unwrap_or(""),
        body.join(",\n"),
        if after.is_empty() { "" } else { ", " },
    );
    (text, options)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(12, 48)))]

    /// The streamed report is the report on the cohort read whole, errors included, and the
    /// cohort read on several threads in pieces is the cohort read from one slice.
    #[test]
    fn streamed_reading_and_reporting_agree_with_reading_whole(
        // Up to a few thousand participants: several batches, so helper threads are used.
        n in prop_oneof![1usize..40, 1500usize..4000],
        seed in 0u64..1000,
        changes in prop::collection::vec(change(), 0..3),
        sizes in prop::collection::vec(1usize..100_000, 1..4),
    ) {
        let (text, options) = document(n, seed, &changes);
        let whole = Cohort::from_json(&text);
        let pieces = Cohort::from_reader(Pieces { text: text.as_bytes(), sizes: sizes.clone(), next: 0 });
        prop_assert_eq!(&whole, &pieces);
        let expected = whole.and_then(|c| c.into_report(&options));
        let streamed = Cohort::report_from_reader(
            Pieces { text: text.as_bytes(), sizes, next: 0 },
            &options,
            &mut |_| {},
        );
        prop_assert_eq!(expected, streamed);
    }
}

#[test]
fn a_value_read_whole_is_the_cohort_read_in_pieces() {
    // The error-collecting reader over a parsed value, against the streamed reader.
    let (text, _) = document(2000, 7, &[Change::BadStart(3), Change::RepeatedId(1500)]);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(Cohort::from_value(&value), Cohort::from_json(&text));
    let (text, _) = document(2000, 8, &[]);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        Cohort::from_value(&value).unwrap(),
        Cohort::from_json(&text).unwrap()
    );
}
