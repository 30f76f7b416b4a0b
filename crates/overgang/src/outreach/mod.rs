//! Outreach and mapping (issue 18): a register of venues (the mapping, kortlægning) and
//! anonymous counts of outreach visits and online sessions, read from the cohort document's
//! `venues`, `outreach_visits` and `outreach_targets` keys, and their report.
//!
//! Seed 000 (Reden International's outreach health project) keeps the mapping of clinics in
//! Excel and aims at contact with 250 women nationally; seed 003 aims at 150 contacts a year in
//! clinic and escort prostitution in Copenhagen, 75 of whom take up counselling, counted
//! "without personally sensitive information". Nothing here describes a person: a visit holds
//! counts, a venue holds the project's own code. The report is
//! [`crate::report::outreach`] (the report layer).
//!
//! ```
//! use overgang::outreach::Outreach;
//! let doc = serde_json::json!({
//!   "venues": [{"id": "KBH-017", "form": "clinic", "municipality": 101, "first_seen": "2024-01-10"}],
//!   "outreach_visits": [
//!     {"date": "2024-02-01", "venue": "KBH-017", "women_met": 6, "new_contacts": 5, "counselled": 2},
//!     {"date": "2024-02-03", "form": "online", "women_met": 3, "new_contacts": 3}],
//!   "outreach_targets": {"new_contacts": 150, "counselled": 75}});
//! let o = Outreach::from_value(&doc)?;
//! assert_eq!((o.venues.len(), o.visits.len()), (1, 2));
//!
//! let bad = serde_json::json!({"outreach_visits": [
//!   {"date": "2024-02-01", "venue": "KBH-999", "women_met": 2, "new_contacts": 3}]});
//! let err = Outreach::from_value(&bad).unwrap_err();
//! let got: Vec<(&str, &str)> = err.errors().iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
//! assert_eq!(got, [("outreach_visits[0].venue", "unknown_value"),
//!                  ("outreach_visits[0].new_contacts", "inconsistent")]);
//! # Ok::<(), overgang::ValidationError>(())
//! ```

mod country;
pub mod csv;
mod form;
mod venue;
mod visit;

pub use country::{CountryCode, COUNTRIES};
pub use form::{form_options, parse_form, OUTREACH_FORMS};
pub use venue::{Venue, VenueId, VENUE_KEYS};
pub use visit::{Health, OutreachVisit, MAX_PER_VISIT, VISIT_KEYS};

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::json;
use crate::RawAnswer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Yearly outreach targets (`outreach_targets`), e.g. 150 new contacts and 75 counselled (seed
/// 003 line 145) or 250 contacts for a national project (seed 000 line 13).
///
/// ```
/// let o = overgang::outreach::Outreach::from_value(&serde_json::json!({"outreach_targets": {"new_contacts": 250}}))?;
/// assert_eq!(o.targets.map(|t| (t.new_contacts, t.counselled)), Some((Some(250), None)));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Targets {
    /// Women to contact (new contacts) a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_contacts: Option<u64>,
    /// Women to counsel a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counselled: Option<u64>,
}

impl Targets {
    /// Targets of new contacts and counselled a year.
    ///
    /// ```
    /// let t = overgang::outreach::Targets::new(Some(150), Some(75));
    /// assert_eq!(t.new_contacts, Some(150));
    /// ```
    pub fn new(new_contacts: Option<u64>, counselled: Option<u64>) -> Targets {
        Targets {
            new_contacts,
            counselled,
        }
    }
}

/// The outreach part of a document: the venues, the visits and the yearly targets, validated
/// together (a visit's venue must be mapped, its date within the venue's seen period).
///
/// Read it with [`Outreach::from_value`], [`Outreach::from_json`] or [`Outreach::read`]; it
/// serialises to the same keys, but does not deserialise, so that nothing skips validation.
///
/// ```
/// use overgang::outreach::Outreach;
/// let o = Outreach::from_json(r#"{"outreach_visits": [{"date": "2024-05-02", "form": "online", "women_met": 2}]}"#)?;
/// let back = serde_json::to_value(&o).unwrap();
/// assert_eq!(back["outreach_visits"][0]["health"]["sti_tests"], 0);
/// assert_eq!(Outreach::from_value(&back)?, o);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Outreach {
    /// The mapping.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub venues: Vec<Venue>,
    /// Visits and online sessions (`outreach_visits` in documents).
    #[serde(
        default,
        rename = "outreach_visits",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub visits: Vec<OutreachVisit>,
    /// Yearly targets (`outreach_targets`).
    #[serde(
        default,
        rename = "outreach_targets",
        skip_serializing_if = "Option::is_none"
    )]
    pub targets: Option<Targets>,
}

/// The document keys the outreach part owns (a cohort document's reader adds them to its own).
///
/// ```
/// assert_eq!(overgang::outreach::KEYS, ["venues", "outreach_visits", "outreach_targets"]);
/// ```
pub const KEYS: [&str; 3] = ["venues", "outreach_visits", "outreach_targets"];

/// Largest target accepted (a typing-error guard).
///
/// ```
/// let doc = serde_json::json!({"outreach_targets": {"new_contacts": 2_000_000}});
/// let err = overgang::outreach::Outreach::from_value(&doc).unwrap_err();
/// assert_eq!(err.errors()[0].code.as_str(), "out_of_range");
/// ```
pub const MAX_TARGET: u64 = 1_000_000;

impl Outreach {
    /// Reads and validates an outreach document from JSON text.
    ///
    /// ```
    /// let err = overgang::outreach::Outreach::from_json("{\"venues\": [").unwrap_err();
    /// assert_eq!(err.errors()[0].code.as_str(), "invalid_json");
    /// ```
    ///
    /// # Errors
    /// Every problem, with field paths.
    pub fn from_json(text: &str) -> Result<Outreach, ValidationError> {
        Outreach::from_value(&json::parse_json(text)?)
    }

    /// Validates a document holding only the outreach keys ([`KEYS`]).
    ///
    /// ```
    /// let err = overgang::outreach::Outreach::from_value(&serde_json::json!({"participants": []})).unwrap_err();
    /// assert_eq!(err.errors()[0].code.as_str(), "unknown_field");
    /// ```
    ///
    /// # Errors
    /// Every problem, with field paths (`outreach_visits[3].date`); unknown keys are refused.
    pub fn from_value(value: &Value) -> Result<Outreach, ValidationError> {
        let mut errors = Vec::new();
        let Some(obj) = json::object(
            value,
            "",
            "an object {venues, outreach_visits, outreach_targets}",
            &mut errors,
        ) else {
            return Err(ValidationError::new(errors));
        };
        json::refuse_unknown_keys(obj, &KEYS, "", &mut errors);
        let out = Outreach::read(obj, &mut errors);
        ValidationError::check(errors, || out)
    }

    /// Reads the outreach keys of a larger document (a cohort document), recording every
    /// problem in `errors` and ignoring the other keys (the caller refuses unknown ones). What
    /// is returned is only meaningful when no error was recorded.
    ///
    /// ```
    /// let doc = serde_json::json!({"project": "X", "venues": [], "outreach_visits": []});
    /// let mut errors = Vec::new();
    /// let o = overgang::outreach::Outreach::read(doc.as_object().unwrap(), &mut errors);
    /// assert!(errors.is_empty() && o.is_empty());
    /// ```
    pub fn read(obj: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Outreach {
        // Each venue read keeps its index in the input, so errors name the right element.
        let mut index = 0;
        let read: Vec<(usize, Venue)> = json::list(
            obj.get("venues"),
            "venues",
            "venues",
            errors,
            |v, at, errors| {
                index += 1;
                venue::read(v, &format!("{at}."), errors).map(|v| (index - 1, v))
            },
        );
        // Duplicate codes: the second and later are errors, at their own index.
        let mut by_id: HashMap<&str, &Venue> = HashMap::new();
        for (i, v) in &read {
            if by_id.insert(v.id.as_str(), v).is_some() {
                let at = format!("venues[{i}].id");
                errors.push(FieldError::new(
                    at.clone(),
                    ErrorCode::Duplicate,
                    format!("{at}: the venue code is used twice; each venue has one code"),
                ));
            }
        }
        let visits = json::list(
            obj.get("outreach_visits"),
            "outreach_visits",
            "visits",
            errors,
            |v, at, errors| visit::read(v, &format!("{at}."), &by_id, errors),
        );
        let targets = match obj.get("outreach_targets") {
            None | Some(Value::Null) => None,
            Some(v) => targets(v, errors),
        };
        Outreach {
            venues: read.into_iter().map(|(_, v)| v).collect(),
            visits,
            targets,
        }
    }

    /// Whether there is nothing of outreach (no venue, no visit, no target).
    ///
    /// ```
    /// assert!(overgang::outreach::Outreach::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.venues.is_empty() && self.visits.is_empty() && self.targets.is_none()
    }
}

fn targets(value: &Value, errors: &mut Vec<FieldError>) -> Option<Targets> {
    let path = "outreach_targets";
    let obj = json::object(value, path, "an object {new_contacts, counselled}", errors)?;
    json::refuse_unknown_keys(
        obj,
        &["new_contacts", "counselled"],
        "outreach_targets.",
        errors,
    );
    let mut one =
        |key: &str| -> Option<u64> {
            let at = format!("{path}.{key}");
            match obj.get(key) {
                None | Some(Value::Null) => None,
                Some(v) => match crate::answer::count(&at, RawAnswer::from(v)) {
                    Ok(n) if (1..=MAX_TARGET).contains(&n) => Some(n),
                    Ok(_) => {
                        errors.push(FieldError::new(
                        at.clone(),
                        ErrorCode::OutOfRange,
                        format!("{at}: a yearly target is a whole number from 1 to {MAX_TARGET}"),
                    ).with_range(1.0, MAX_TARGET as f64));
                        None
                    }
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
            }
        };
    let new_contacts = one("new_contacts");
    let counselled = one("counselled");
    Some(Targets {
        new_contacts,
        counselled,
    })
}
