//! The fast path of reading one participant of a cohort document: serde straight from the text
//! into typed fields, then the same rules as the error-collecting reader ([`super::model`]'s
//! `member`), on the typed values. It accepts only what that reader accepts, with the same
//! result (a property test compares the two on valid and broken participants); anything else,
//! and every participant with a problem, returns `None`, and the caller runs the
//! error-collecting reader, which finds every problem with its path.
//!
//! Why: building a JSON value of every participant (a map per object, a string per key) was
//! most of the time and memory of loading a cohort.

use super::csv_json::Role;
use super::{measurement, Measurement, ParticipantRecord};
use crate::answer::{classify, RawAnswer};
use crate::intervention::{Category, InterventionRecord};
use crate::participant::{
    AgeBand, Gender, IntakeGoal, Participant, ParticipantId, ProstitutionForm,
};
use crate::questionnaire::Instrument;
use crate::ten_step::{Area, Step};
use crate::{cti, ten_step};
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use time::Date;

/// A participant object as the fast path reads it: every key a participant may have (an
/// unknown key fails the fast path). Keys whose reading depends on others (`participations`
/// sets `start` and `end`) or that are rare are taken as raw text and send the participant to
/// the error-collecting reader when present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Member<'a> {
    id: ParticipantId,
    #[serde(default)]
    gender: Option<Gender>,
    #[serde(default)]
    age: Option<u8>,
    #[serde(default)]
    age_band: Option<AgeBand>,
    #[serde(with = "crate::dates::iso_date")]
    start: Date,
    #[serde(default, with = "crate::dates::iso_date_opt")]
    end: Option<Date>,
    #[serde(default, borrow)]
    participations: Option<&'a RawValue>,
    #[serde(default, borrow)]
    municipality: Option<&'a RawValue>,
    #[serde(default)]
    challenges: Option<Vec<Area>>,
    #[serde(default, borrow)]
    sold_sex_last_month: Option<&'a RawValue>,
    #[serde(default)]
    forms: Option<Vec<ProstitutionForm>>,
    #[serde(default)]
    goal: Option<IntakeGoal>,
    #[serde(default)]
    anonymous: Option<bool>,
    #[serde(default)]
    anti_trafficking_referral: Option<bool>,
    #[serde(default)]
    referred_to_other_services: Option<bool>,
    #[serde(default)]
    programme: Option<String>,
    #[serde(default)]
    other_referrals: Option<Vec<String>>,
    #[serde(default)]
    interventions: Option<Vec<Intervention>>,
    #[serde(default)]
    who5: Option<Vec<Dated>>,
    #[serde(default)]
    gse: Option<Vec<Dated>>,
    #[serde(default)]
    ten_step: Option<Vec<Assessment>>,
    #[serde(default, borrow)]
    outcomes: Option<&'a RawValue>,
    #[serde(default, borrow)]
    cti: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Intervention {
    category: Category,
    #[serde(default, with = "crate::dates::iso_date_opt")]
    date: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Assessment {
    #[serde(with = "crate::dates::iso_date")]
    date: Date,
    #[serde(default)]
    ratings: Option<Ratings>,
}

/// Steps by area, each by [`Step::from_raw`]'s rule; an area given twice fails (a map would
/// keep the last one silently).
struct Ratings(BTreeMap<Area, Step>);

impl<'de> Deserialize<'de> for Ratings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ratings, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Ratings;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("ratings")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ratings, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((area, step)) = map.next_entry::<Area, u8>()? {
                    let step = Step::from_raw("", RawAnswer::Integer(i64::from(step)))
                        .map_err(|_| serde::de::Error::custom("step"))?;
                    if out.insert(area, step).is_some() {
                        return Err(serde::de::Error::custom("an area twice"));
                    }
                }
                Ok(Ratings(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dated {
    #[serde(with = "crate::dates::iso_date")]
    date: Date,
    #[serde(deserialize_with = "items")]
    items: Vec<Option<u8>>,
}

/// A questionnaire's answers, read into room for the longest questionnaire at once (a list
/// grown from empty was reallocated two or three times per questionnaire).
fn items<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Option<u8>>, D::Error> {
    struct Visit;
    impl<'de> serde::de::Visitor<'de> for Visit {
        type Value = Vec<Option<u8>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("answers")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut items = Vec::with_capacity(crate::gse::ITEMS);
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
    }
    d.deserialize_seq(Visit)
}

/// A participant's lists read straight from the rows of CSV long files, with the rules their
/// JSON text ([`super::csv_json`]) is read with here: a list of these is what that text's
/// list would deserialize to, and a row whose text would not deserialize is `None`. The
/// streamed CSV report uses it; `csv_stream`'s property test compares its reports with the
/// whole-file reader's, which reads the JSON text.
#[derive(Default)]
pub(super) struct Lists {
    who5: Vec<Dated>,
    gse: Vec<Dated>,
    ten_step: Vec<Assessment>,
    interventions: Vec<Intervention>,
}

impl Lists {
    /// Adds a row of the long file `key` (`who5`, `gse`, `ten_step`, `interventions`): its
    /// cells in canonical form with their columns and roles. `None` when the row is not plainly
    /// valid.
    pub(super) fn add<'c>(
        &mut self,
        key: &str,
        cells: impl Iterator<Item = ((&'c String, &'c str), &'c Role)>,
    ) -> Option<()> {
        let (mut date, mut category) = (None, None);
        let mut items = [None; crate::gse::ITEMS];
        let mut ratings = BTreeMap::new();
        for ((column, cell), role) in cells {
            match role {
                Role::Skip => {}
                // Written only when not empty: `date` or `category`; the row's object has no
                // other text keys.
                Role::Text if cell.is_empty() => {}
                Role::Text if column == "date" => {
                    date = Some(crate::dates::parse_date("", cell).ok()?)
                }
                Role::Text => category = Some(cell),
                Role::Item(i) => *items.get_mut(*i)? = answer(cell)?,
                Role::Rating { keep_empty, area } => {
                    if *keep_empty || !cell.is_empty() {
                        let area = (*area)?;
                        let step =
                            Step::from_raw("", RawAnswer::Integer(i64::from(answer(cell)??)))
                                .ok()?;
                        if ratings.insert(area, step).is_some() {
                            return None;
                        }
                    }
                }
            }
        }
        match key {
            "who5" | "gse" if category.is_none() => {
                let n = if key == "gse" {
                    crate::gse::ITEMS
                } else {
                    crate::who5::ITEMS
                };
                let mut answers = Vec::with_capacity(crate::gse::ITEMS);
                answers.extend_from_slice(items.get(..n)?);
                let list = if key == "gse" {
                    &mut self.gse
                } else {
                    &mut self.who5
                };
                list.push(Dated {
                    date: date?,
                    items: answers,
                });
            }
            "ten_step" if category.is_none() => self.ten_step.push(Assessment {
                date: date?,
                ratings: Some(Ratings(ratings)),
            }),
            "interventions" => self.interventions.push(Intervention {
                category: Category::deserialize(StrDeserializer::<ValueError>::new(category?))
                    .ok()?,
                date,
            }),
            _ => return None,
        }
        Some(())
    }
}

/// An answer or a step as its JSON number is read into `Option<u8>`: empty and `NA` are
/// `null`; a whole number from 0 to 255 is itself; anything else does not deserialize.
fn answer(cell: &str) -> Option<Option<u8>> {
    if let [digit @ b'0'..=b'9'] = cell.as_bytes() {
        return Some(Some(digit - b'0'));
    }
    match RawAnswer::from_text(cell) {
        RawAnswer::Missing => Some(None),
        RawAnswer::Integer(i) => u8::try_from(i).ok().map(Some),
        _ => None,
    }
}

/// The participant of the JSON text of their row of the participants file, with their lists
/// from the long files (interventions after those of the row), or `None` when anything about
/// them is not plainly valid.
#[cfg(test)]
pub(super) fn member_with(text: &str, lists: Lists) -> Option<ParticipantRecord> {
    with_lists(serde_json::from_str(text).ok()?, lists)
}

/// As [`member_with`], from the row's cells themselves (each with its column), read as their
/// JSON text would be ([`super::row_de`]).
pub(super) fn member_of_row<'a>(
    cells: impl Iterator<Item = (&'a String, &'a str)>,
    lists: Lists,
) -> Option<ParticipantRecord> {
    let row = super::row_de::RowDeserializer::new(cells);
    with_lists(Member::deserialize(row).ok()?, lists)
}

/// The participant of a participants file's row with their lists from the long files.
fn with_lists(mut m: Member<'_>, lists: Lists) -> Option<ParticipantRecord> {
    // A participants file has no column for these lists.
    if m.who5.is_some() || m.gse.is_some() || m.ten_step.is_some() {
        return None;
    }
    let given = |list: Vec<Dated>| (!list.is_empty()).then_some(list);
    m.who5 = given(lists.who5);
    m.gse = given(lists.gse);
    m.ten_step = (!lists.ten_step.is_empty()).then_some(lists.ten_step);
    if !lists.interventions.is_empty() {
        m.interventions
            .get_or_insert_with(Vec::new)
            .extend(lists.interventions);
    }
    record(m)
}

/// The participant in `text` (one element of `participants`), or `None` when anything about it
/// is not plainly valid.
pub(super) fn member(text: &str) -> Option<ParticipantRecord> {
    record(serde_json::from_str(text).ok()?)
}

/// As [`member`], from a JSON value (a participant built from CSV rows, a Python dict): the
/// keys taken as raw text (`cti`, `participations`, ...) cannot be read from a value, so a
/// participant with any of them returns `None` and goes to the error-collecting reader.
pub(super) fn member_value(value: &serde_json::Value) -> Option<ParticipantRecord> {
    record(Member::deserialize(value).ok()?)
}

fn record(m: Member<'_>) -> Option<ParticipantRecord> {
    let given = |raw: Option<&RawValue>| raw.is_some_and(|r| r.get() != "null");
    if given(m.participations)
        || given(m.municipality)
        || given(m.sold_sex_last_month)
        || given(m.outcomes)
    {
        return None;
    }
    let participant = Participant {
        id: m.id,
        gender: m.gender,
        age: m.age,
        age_band: m.age_band,
        start: m.start,
        end: m.end,
        participations: Vec::new(),
        municipality: None,
        challenges: m.challenges.unwrap_or_default(),
        sold_sex_last_month: Vec::new(),
        forms: m.forms.unwrap_or_default(),
        goal: m.goal,
        anonymous: m.anonymous.unwrap_or(false),
        anti_trafficking_referral: m.anti_trafficking_referral.unwrap_or(false),
        referred_to_other_services: m.referred_to_other_services.unwrap_or(false),
        programme: m.programme,
        other_referrals: m.other_referrals.unwrap_or_default(),
        interventions: m
            .interventions
            .unwrap_or_default()
            .into_iter()
            .map(|i| InterventionRecord {
                category: i.category,
                date: i.date,
            })
            .collect(),
    };
    // The rules the error-collecting reader applies beyond types: age range, age band, end
    // after start, programme id, free-text labels.
    participant.validate().ok()?;
    Some(ParticipantRecord {
        participant,
        who5: measurements(m.who5, Instrument::Who5)?,
        gse: measurements(m.gse, Instrument::Gse)?,
        ten_step: m
            .ten_step
            .unwrap_or_default()
            .into_iter()
            .map(|a| ten_step::Assessment {
                date: a.date,
                ratings: a.ratings.map(|r| r.0).unwrap_or_default(),
            })
            .collect(),
        outcomes: Vec::new(),
        cti: match m.cti {
            Some(raw) if raw.get() != "null" => {
                Some(cti::RecordedCourse::from_value(&value(raw)?).ok()?)
            }
            _ => None,
        },
    })
}

/// Measurements checked by the same rule as [`measurement::from_json`]: the answers' count,
/// and each answer by [`classify`] (the rule of `validate_answers`), without building the
/// answers again: the items read are kept as they are.
fn measurements(list: Option<Vec<Dated>>, instrument: Instrument) -> Option<Vec<Measurement>> {
    let (len, scale, _) = measurement::scale(instrument);
    let (lo, hi) = (*scale.start(), *scale.end());
    list.unwrap_or_default()
        .into_iter()
        .map(|d| {
            let valid = d.items.len() == len
                && d.items
                    .iter()
                    .all(|&a| classify(RawAnswer::from(a), lo, hi).is_ok_and(|v| v == a));
            valid.then_some(Measurement {
                date: d.date,
                items: d.items,
            })
        })
        .collect()
}

/// A raw part as a JSON value, with the document reader's rules (a key twice is refused; the
/// limits were checked on the whole text).
fn value(raw: &RawValue) -> Option<serde_json::Value> {
    crate::json::parse_checked(raw.get()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// The error-collecting reader's result for one participant's text.
    fn slow(text: &str) -> Option<ParticipantRecord> {
        ParticipantRecord::from_json(text).ok()
    }

    /// Values that break a field in every way the readers know (and some valid ones).
    fn hostile() -> Vec<Value> {
        vec![
            Value::Null,
            json!(-1),
            json!(0),
            json!(17),
            json!(18),
            json!(121),
            json!(300),
            json!(3.0),
            json!(2.5),
            json!(1e308),
            json!(""),
            json!("x"),
            json!("unknown"),
            json!("Kvinde"),
            json!("woman"),
            json!("010190-1234"),
            json!("2024-02-30"),
            json!("2024-01-15"),
            json!("1999-01-01"),
            json!(true),
            json!([]),
            json!({}),
            json!([null]),
            json!(["economy"]),
            json!(["economy", null]),
            json!(["street"]),
            json!("one_to_one"),
            json!("Anna J"),
            json!(["rådgivning"]),
            json!([{"category": "counselling"}]),
            json!([{"category": "counselling", "date": null, "x": 1}]),
            json!([{"date": "2024-01-15", "items": [3, 4, 2, 3, 4]}]),
            json!([{"date": "2024-01-15", "items": [3, 4, 2, 3, 9]}]),
            json!([{"date": "2024-01-15", "items": [3, 4, 2, 3]}]),
            json!([{"date": "2024-01-15", "items": [3, null, 2, 3, 4]}]),
            json!([{"date": "2024-01-15", "items": [3.0, 4, 2, 3, 4]}]),
            json!([{"date": "2024-01-15", "items": [3, 4, 2, 3, 4], "note": 1}]),
            json!([{"date": "2024-01-15", "ratings": {"economy": 3}}]),
            json!([{"date": "2024-01-15", "ratings": {"economy": 11}}]),
            json!([{"start": "2024-01-15"}]),
            json!(101),
            json!({"economy": 3}),
            json!({"economy": 11}),
            json!({"economy": 0}),
            json!({"economy": null}),
            json!({"economy": 3.0}),
            json!({"Economy": 3}),
        ]
    }

    /// Every key of a participant object, and two that are not keys.
    fn keys() -> Vec<&'static str> {
        crate::participant::KEYS
            .iter()
            .copied()
            .chain([
                "who5", "gse", "ten_step", "outcomes", "cti", "Gender", "note",
            ])
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever the fast path accepts, the error-collecting reader accepts with the same
        /// result; it never lets through what that reader refuses.
        #[test]
        fn the_fast_path_agrees_with_the_error_collecting_reader(
            seed in 0u64..500,
            changes in prop::collection::vec((0..keys().len(), 0..hostile().len(), any::<bool>()), 0..3),
            nested in prop::option::of((0..hostile().len(), 0usize..4)),
        ) {
            let mut p = crate::sample::generated(1, seed).next().unwrap_or(Value::Null);
            let keys = keys();
            for (k, v, remove) in changes {
                if remove && k > 0 {
                    p.as_object_mut().unwrap().remove(keys[k]);
                } else {
                    p[keys[k]] = hostile()[v].clone();
                }
            }
            // A change inside a list: an answer, an intervention's key, a CTI field.
            if let Some((v, which)) = nested {
                let value = hostile()[v].clone();
                let at = ["/who5/0/items/0", "/interventions/0/category", "/cti/plan", "/ten_step/0/ratings"][which];
                if let Some(slot) = p.pointer_mut(at) {
                    *slot = value;
                }
            }
            let text = p.to_string();
            if let Some(fast) = member(&text) {
                prop_assert_eq!(Some(fast), slow(&text), "{}", text);
            }
            if let Some(fast) = member_value(&p) {
                prop_assert_eq!(Some(fast), slow(&text), "{}", text);
            }
        }
    }

    #[test]
    fn generated_participants_take_the_fast_path_and_read_the_same() {
        let mut fast = 0;
        for p in crate::sample::generated(500, 9) {
            let text = p.to_string();
            let expected = slow(&text).unwrap();
            if let Some(m) = member(&text) {
                assert_eq!(m, expected);
                fast += 1;
            }
            // From a value, all but those with a CTI course (read as raw text).
            match member_value(&p) {
                Some(m) => assert_eq!(m, expected),
                None => assert!(p.get("cti").is_some(), "{text}"),
            }
        }
        // Every generated participant uses only keys the fast path reads itself or hands on.
        assert_eq!(fast, 500);
    }

    #[test]
    fn a_key_given_twice_is_left_to_the_error_collecting_reader() {
        let text = r#"{"id": "A-1", "start": "2024-01-15", "start": "2024-01-16"}"#;
        assert!(member(text).is_none());
        let text = r#"{"id": "A-1", "start": "2024-01-15", "ten_step": [{"date": "2024-01-15", "ratings": {"economy": 3, "economy": 4}}]}"#;
        assert!(member(text).is_none());
        assert!(slow(text).is_none());
    }
}
