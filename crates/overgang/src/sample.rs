//! A synthetic, realistic sample cohort, so a new user sees a real report at once and the
//! benchmarks have data of any size. Nobody in it exists.
//!
//! The shape follows the exit-package report's projects (seed 001): mostly women, ages spread
//! over the five bands, participation of a few days to two years, about a third with only a
//! first contact of less than a day, interventions from the fourteen categories, WHO-5 about
//! every second month with drop-out, GSE and ten-step assessments for some, CTI courses for a
//! few. Deterministic: the same seed always gives the same cohort.

use serde_json::{json, Map, Value};
use time::{Date, Duration, Month};

/// A small deterministic generator (SplitMix64): no dependency, same output on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Picks an index by weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len() - 1
    }
}

const INTERVENTIONS: [(&str, u32); 13] = [
    ("counselling", 80),
    ("professional_advice", 15),
    ("coordination_course", 20),
    ("case_management", 25),
    ("individual_therapy", 20),
    ("group_therapy", 25),
    ("education_employment", 35),
    ("accompaniment", 30),
    ("social_activities", 30),
    ("outreach", 20),
    ("health_clinic", 15),
    ("bridging", 20),
    ("material_help", 15),
];
const FORMS: [&str; 7] = [
    "clinic",
    "escort",
    "private",
    "street",
    "bar",
    "online",
    "grey_zone",
];
const TEN_STEP_AREAS: [&str; 9] = [
    "substance_use",
    "physical_health",
    "housing",
    "mental_illness",
    "prostitution",
    "economy",
    "network",
    "employment",
    "violence",
];

/// The built-in sample cohort: 80 participants over 2022-2023, as a cohort document.
pub fn cohort() -> Value {
    generate(80, 2022)
}

/// A generated cohort document of `participants` people (any size, for benchmarks and tests).
///
/// ```
/// let doc = overgang::sample::generate(5, 7);
/// assert_eq!(doc["participants"].as_array().unwrap().len(), 5);
/// assert_eq!(doc, overgang::sample::generate(5, 7)); // deterministic
/// ```
pub fn generate(participants: usize, seed: u64) -> Value {
    let people: Vec<Value> = generated(participants, seed).collect();
    json!({
        "project": GENERATED_PROJECT,
        "as_of": generated_as_of().to_string(),
        "participants": people,
    })
}

/// The project name of generated cohorts.
pub const GENERATED_PROJECT: &str = "Eksempelprojekt (syntetiske data)";

/// The report date of generated cohorts (the end of their two years).
pub fn generated_as_of() -> Date {
    Date::from_calendar_date(2023, Month::December, 31).unwrap_or(Date::MIN)
}

/// The participants of [`generate`], one at a time (a cohort of a million is generated
/// without holding a million JSON values).
///
/// ```
/// let doc = overgang::sample::generate(3, 7);
/// let one_by_one: Vec<_> = overgang::sample::generated(3, 7).collect();
/// assert_eq!(doc["participants"].as_array().unwrap(), &one_by_one);
/// ```
pub fn generated(participants: usize, seed: u64) -> impl Iterator<Item = Value> {
    let mut rng = Rng(seed);
    let first = Date::from_calendar_date(2022, Month::January, 1).unwrap_or(Date::MIN);
    let as_of = generated_as_of();
    let span = (as_of - first).whole_days();
    (0..participants).map(move |i| participant(&mut rng, i, first, span, as_of))
}

fn participant(rng: &mut Rng, i: usize, first: Date, span: i64, as_of: Date) -> Value {
    let start = first + Duration::days(rng.below(span as u64 * 9 / 10) as i64);
    let one_contact = rng.chance(0.3);
    let end = if one_contact {
        Some(start)
    } else if rng.chance(0.45) {
        let days = 30 + rng.below(500) as i64;
        Some((start + Duration::days(days)).min(as_of))
    } else {
        None
    };
    let last = end.unwrap_or(as_of);
    let mut p = Map::new();
    p.insert("id".into(), json!(format!("EKS-{:04}", i + 1)));
    let gender = ["woman", "man", "non_binary"][rng.weighted(&[93, 5, 1])];
    if rng.chance(0.95) {
        p.insert("gender".into(), json!(gender));
    }
    if rng.chance(0.85) {
        let age = [
            18 + rng.below(8),
            26 + rng.below(5),
            31 + rng.below(5),
            36 + rng.below(10),
            46 + rng.below(20),
        ][rng.weighted(&[25, 22, 15, 20, 18])];
        p.insert("age".into(), json!(age));
    }
    p.insert("start".into(), json!(start.to_string()));
    if let Some(end) = end {
        p.insert("end".into(), json!(end.to_string()));
    }
    let forms: Vec<&str> = FORMS.iter().copied().filter(|_| rng.chance(0.25)).collect();
    p.insert("forms".into(), json!(forms));
    p.insert(
        "goal".into(),
        json!(if rng.chance(0.5) {
            "exit"
        } else {
            "improve_situation"
        }),
    );
    p.insert("anonymous".into(), json!(rng.chance(0.1)));
    let trafficking = rng.chance(0.04);
    p.insert("anti_trafficking_referral".into(), json!(trafficking));
    let how_many = if one_contact {
        rng.weighted(&[60, 40])
    } else {
        rng.weighted(&[8, 35, 30, 17, 10]) + usize::from(rng.chance(0.2))
    };
    let mut categories: Vec<&str> = Vec::new();
    while categories.len() < how_many {
        let c = INTERVENTIONS[rng.weighted(&INTERVENTIONS.map(|(_, w)| w))].0;
        if !categories.contains(&c) {
            categories.push(c);
        }
    }
    let interventions: Vec<Value> = categories
        .iter()
        .map(|c| json!({"category": c, "date": start.to_string()}))
        .collect();
    p.insert("interventions".into(), json!(interventions));
    // Derived without drawing, so the rest of the sample stays as it was: referred on when
    // three or more kinds of help were given; a one-to-one course for those in case management.
    p.insert(
        "referred_to_other_services".into(),
        json!(categories.len() >= 3),
    );
    if categories.contains(&"case_management") {
        p.insert("programme".into(), json!("one_to_one"));
    }
    if !one_contact {
        let level = 25.0 + rng.unit() * 35.0;
        let trend = rng.unit() * 2.0 - 0.3; // index points per month
        p.insert(
            "who5".into(),
            json!(series(rng, start, last, 61, 0.8, |rng, months| who5_items(
                rng,
                level + trend * months
            ))),
        );
        if rng.chance(0.6) {
            let level = 1.8 + rng.unit() * 1.4;
            p.insert(
                "gse".into(),
                json!(series(rng, start, last, 91, 0.75, |rng, months| gse_items(
                    rng,
                    level + 0.03 * months
                ))),
            );
        }
        if rng.chance(0.3) {
            p.insert("cti".into(), cti(rng, start, last, end.is_some()));
        }
        if rng.chance(0.5) {
            let base: Vec<i64> = TEN_STEP_AREAS
                .iter()
                .map(|_| 1 + rng.below(6) as i64)
                .collect();
            p.insert("ten_step".into(), json!(ten_step(rng, start, last, &base)));
        }
    }
    Value::Object(p)
}

/// Measurements from `start` every `every` days (+/- a week) until `last`, each taken with
/// probability `keep` after the first (drop-out), built by `items(rng, months since start)`.
fn series(
    rng: &mut Rng,
    start: Date,
    last: Date,
    every: i64,
    keep: f64,
    items: impl Fn(&mut Rng, f64) -> Value,
) -> Vec<Value> {
    let mut out = Vec::new();
    let mut date = start + Duration::days(rng.below(14) as i64);
    while date <= last {
        if out.is_empty() || rng.chance(keep) {
            let months = (date - start).whole_days() as f64 / 30.4375;
            out.push(json!({"date": date.to_string(), "items": items(rng, months)}));
        } else {
            break;
        }
        date += Duration::days(every - 7 + rng.below(15) as i64);
    }
    out
}

fn who5_items(rng: &mut Rng, index: f64) -> Value {
    let per_item = (index / 20.0).clamp(0.0, 5.0);
    let items: Vec<Value> = (0..5)
        .map(|_| {
            let v = (per_item + rng.unit() * 2.0 - 1.0).round().clamp(0.0, 5.0) as i64;
            if rng.chance(0.01) {
                Value::Null
            } else {
                json!(v)
            }
        })
        .collect();
    Value::Array(items)
}

fn gse_items(rng: &mut Rng, level: f64) -> Value {
    let items: Vec<Value> = (0..10)
        .map(|_| {
            let v = (level + rng.unit() * 1.6 - 0.8).round().clamp(1.0, 4.0) as i64;
            if rng.chance(0.04) {
                Value::Null
            } else {
                json!(v)
            }
        })
        .collect();
    Value::Array(items)
}

fn ten_step(rng: &mut Rng, start: Date, last: Date, base: &[i64]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut date = start + Duration::days(7);
    let mut steps = base.to_vec();
    while date <= last && out.len() < 8 {
        let ratings: Map<String, Value> = TEN_STEP_AREAS
            .iter()
            .zip(&steps)
            .filter(|_| rng.chance(0.9))
            .map(|(a, &s)| ((*a).to_string(), json!(s)))
            .collect();
        out.push(json!({"date": date.to_string(), "ratings": ratings}));
        for s in &mut steps {
            *s = (*s + rng.weighted(&[1, 3, 3, 2]) as i64 - 1).clamp(1, 10);
        }
        date += Duration::days(80 + rng.below(30) as i64);
    }
    out
}

/// A CTI course from `start`: contact period, then 4-month phases as far as `last` allows;
/// an ended participation ends the course (completed when phase 3 was reached).
fn cti(rng: &mut Rng, start: Date, last: Date, ended: bool) -> Value {
    const FOCUS: [&str; 8] = [
        "economy",
        "housing",
        "network",
        "daily_activities",
        "physical_health",
        "mental_health",
        "substance_use",
        "education_employment",
    ];
    let phase1 = start + Duration::days(14 + rng.below(30) as i64);
    let mut phases = vec![json!({"phase": "contact", "date": start.to_string()})];
    for (k, phase) in ["planning", "try_out", "transfer"].iter().enumerate() {
        let date = crate::dates::add_months(phase1, 4 * k as u32);
        if date > last {
            break;
        }
        phases.push(json!({"phase": phase, "date": date.to_string()}));
    }
    let reached_transfer = phases.len() == 4;
    let focus: Vec<&str> = FOCUS
        .iter()
        .copied()
        .filter(|_| rng.chance(0.5))
        .take(5)
        .collect();
    let focus = if focus.is_empty() {
        vec!["housing"]
    } else {
        focus
    };
    let mut course = json!({
        "contact_start": start.to_string(),
        "phase1_start": phase1.to_string(),
        "phase_months": 4,
        "phases": phases,
        "focus_areas": {"planning": focus},
        "support_network": ["municipal_caseworker", "mentor"],
    });
    let planned_end = crate::dates::add_months(phase1, 12);
    if reached_transfer && last >= planned_end {
        course["end"] = json!({"date": planned_end.to_string()});
    } else if ended && last >= phase1 {
        let reason =
            ["dropped_out", "contact_lost", "moved", "referred_elsewhere"][rng.below(4) as usize];
        course["end"] = if reached_transfer {
            json!({"date": last.to_string()})
        } else {
            json!({"date": last.to_string(), "reason": reason})
        };
    }
    course
}
