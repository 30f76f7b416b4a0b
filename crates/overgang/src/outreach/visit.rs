//! Outreach visits and online sessions: anonymous counts, never a person (seed 003 line 123:
//! counted "without personally sensitive information").

use super::country::CountryCode;
use super::form;
use super::venue::{optional_municipality, Venue, VenueId};
use crate::error::{ErrorCode, FieldError};
use crate::json;
use crate::municipality::MunicipalityCode;
use crate::participant::ProstitutionForm;
use crate::RawAnswer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use time::Date;

/// Largest count accepted on one visit (a typing-error guard: no outreach visit meets a
/// thousand women).
///
/// ```
/// assert_eq!(overgang::outreach::MAX_PER_VISIT, 1000);
/// ```
pub const MAX_PER_VISIT: u64 = 1000;

/// Health work on a visit (seed 000: STI testing and health clinics; seed 003: a nurse joins).
///
/// ```
/// let o = overgang::outreach::Outreach::from_value(&serde_json::json!({"outreach_visits": [{"date": "2024-03-01",
///     "form": "online", "women_met": 4, "health": {"sti_tests": 2}}]}))?;
/// assert_eq!((o.visits[0].health.sti_tests, o.visits[0].health.referred_to_clinic), (2, 0));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Health {
    /// Women tested for sexually transmitted infections.
    pub sti_tests: u64,
    /// Women referred to a health clinic.
    pub referred_to_clinic: u64,
}

/// One outreach visit or online session, as counts.
///
/// ```
/// use overgang::outreach::Outreach;
/// let doc = serde_json::json!({
///   "venues": [{"id": "KBH-017", "form": "clinic", "municipality": 101, "first_seen": "2024-01-10"}],
///   "outreach_visits": [{"date": "2024-02-01", "venue": "KBH-017", "women_met": 4,
///     "new_contacts": 2, "counselled": 1, "health": {"sti_tests": 1, "referred_to_clinic": 0},
///     "nationalities": {"TH": 3, "RO": 1}}]});
/// let o = Outreach::from_value(&doc)?;
/// let v = &o.visits[0];
/// assert_eq!((v.women_met, v.form.as_str(), v.municipality.map(|m| m.code())), (4, "clinic", Some(101)));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OutreachVisit {
    /// Date of the visit or session.
    #[serde(with = "crate::dates::iso_date")]
    pub date: Date,
    /// The venue visited, when the visit was to a mapped venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<VenueId>,
    /// The form of prostitution met (the venue's when not given).
    pub form: ProstitutionForm,
    /// Where (the venue's when not given); `None` only for online work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<MunicipalityCode>,
    /// Women met.
    pub women_met: u64,
    /// Of those, women met for the first time.
    #[serde(default)]
    pub new_contacts: u64,
    /// Of those, women who received counselling.
    #[serde(default)]
    pub counselled: u64,
    /// Health work.
    #[serde(default)]
    pub health: Health,
    /// Women met by nationality (ISO 3166-1 alpha-2); the rest is not recorded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub nationalities: BTreeMap<CountryCode, u64>,
}

/// The keys of a visit object.
///
/// ```
/// assert!(overgang::outreach::VISIT_KEYS.contains(&"nationalities"));
/// ```
pub const VISIT_KEYS: [&str; 9] = [
    "date",
    "venue",
    "form",
    "municipality",
    "women_met",
    "new_contacts",
    "counselled",
    "health",
    "nationalities",
];

/// Reads a visit at `prefix` (`outreach_visits[3].`), checking it against the venues read.
pub(crate) fn read(
    value: &Value,
    prefix: &str,
    venues: &HashMap<&str, &Venue>,
    errors: &mut Vec<FieldError>,
) -> Option<OutreachVisit> {
    let at = |k: &str| format!("{prefix}{k}");
    let obj = json::object(
        value,
        prefix.trim_end_matches('.'),
        "a visit object {date, venue, form, municipality, women_met, ...}",
        errors,
    )?;
    json::refuse_unknown_keys(obj, &VISIT_KEYS, prefix, errors);
    let date = json::date(obj.get("date"), &at("date"), errors);
    let venue = match obj.get("venue") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match VenueId::check(&at("venue"), s) {
            Err(e) => {
                errors.push(e);
                None
            }
            Ok(()) => match venues.get(s.as_str()) {
                Some(v) => Some(*v),
                None => {
                    errors.push(FieldError::new(
                        at("venue"),
                        ErrorCode::UnknownValue,
                        format!(
                            "{}: not a venue of the mapping; add the venue to venues first",
                            at("venue")
                        ),
                    ));
                    None
                }
            },
        },
        Some(_) => {
            errors.push(FieldError::new(
                at("venue"),
                ErrorCode::InvalidFormat,
                format!(
                    "{}: expected a venue code as text, e.g. KBH-017",
                    at("venue")
                ),
            ));
            None
        }
    };
    let given_form = form::optional(obj.get("form"), &at("form"), errors);
    let given_place = optional_municipality(obj.get("municipality"), &at("municipality"), errors);
    // A visit naming a venue that could not be read takes nothing from it and is not asked
    // for a form or place on top of the venue's error.
    let named = !matches!(obj.get("venue"), None | Some(Value::Null));
    let form = resolve_form(
        venue,
        named,
        given_form,
        obj.get("form"),
        &at("form"),
        errors,
    );
    let municipality = resolve_place(
        venue,
        named,
        given_place,
        form,
        obj.get("municipality"),
        &at("municipality"),
        errors,
    );
    if let (Some(v), Some(d)) = (venue, date) {
        if d < v.first_seen || v.last_seen.is_some_and(|l| d > l) {
            errors.push(FieldError::new(
                at("date"),
                ErrorCode::Inconsistent,
                format!("{}: outside the period the venue was seen (first_seen to last_seen); correct the date or the venue's period", at("date")),
            ));
        }
    }
    let women_met = match obj.get("women_met") {
        None | Some(Value::Null) => {
            errors.push(FieldError::new(
                at("women_met"),
                ErrorCode::Missing,
                format!(
                    "{} is missing; the number of women met is required (0 or more)",
                    at("women_met")
                ),
            ));
            None
        }
        v => count(v, &at("women_met"), errors),
    };
    let new_contacts = count(obj.get("new_contacts"), &at("new_contacts"), errors);
    let counselled = count(obj.get("counselled"), &at("counselled"), errors);
    let health = health(obj.get("health"), &at("health"), errors);
    let nationalities = nationalities(obj.get("nationalities"), &at("nationalities"), errors);
    // Each part is a part of the women met; the rule runs whatever else is wrong.
    if let Some(met) = women_met {
        let mut part = |name: &str, n: Option<u64>| {
            if n.is_some_and(|n| n > met) {
                errors.push(FieldError::new(
                    at(name),
                    ErrorCode::Inconsistent,
                    format!(
                        "{}: larger than women_met; it counts some of the women met",
                        at(name)
                    ),
                ));
            }
        };
        part("new_contacts", new_contacts);
        part("counselled", counselled);
        part("health.sti_tests", health.map(|h| h.sti_tests));
        part(
            "health.referred_to_clinic",
            health.map(|h| h.referred_to_clinic),
        );
        part(
            "nationalities",
            nationalities.as_ref().map(|n| n.values().sum()),
        );
    }
    Some(OutreachVisit {
        date: date?,
        venue: venue.map(|v| v.id.clone()),
        form: form?,
        municipality,
        women_met: women_met?,
        new_contacts: new_contacts?,
        counselled: counselled?,
        health: health?,
        nationalities: nationalities?,
    })
}

/// The visit's form: given, or the venue's; both given must agree.
fn resolve_form(
    venue: Option<&Venue>,
    named: bool,
    given: Option<ProstitutionForm>,
    raw: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<ProstitutionForm> {
    match (venue, given) {
        (Some(v), Some(g)) if v.form != g => {
            errors.push(FieldError::new(
                path,
                ErrorCode::Inconsistent,
                format!("{path}: differs from the venue's form; leave it out to use the venue's"),
            ));
            None
        }
        (Some(v), None) if matches!(raw, None | Some(Value::Null)) => Some(v.form),
        (None, None) if !named && matches!(raw, None | Some(Value::Null)) => {
            form::required(raw, path, errors)
        }
        (_, g) => g,
    }
}

/// The visit's municipality: given, or the venue's; both given must agree; required unless
/// the work was online.
fn resolve_place(
    venue: Option<&Venue>,
    named: bool,
    given: Option<MunicipalityCode>,
    form: Option<ProstitutionForm>,
    raw: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<MunicipalityCode> {
    let absent = matches!(raw, None | Some(Value::Null));
    match (venue, given) {
        (Some(v), Some(g)) if v.municipality.is_some_and(|m| m != g) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::Inconsistent,
                format!("{path}: differs from the venue's municipality; leave it out to use the venue's"),
            ));
            None
        }
        (Some(v), None) if absent => v.municipality,
        (None, None) if !named && absent && form.is_some_and(|f| f != ProstitutionForm::Online) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::Missing,
                format!("{path} is missing; a municipality code is required for work that is not online, e.g. 101"),
            ));
            None
        }
        (_, g) => g,
    }
}

/// An optional count at `path` (absent or `null`: 0), 0 to [`MAX_PER_VISIT`].
fn count(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> Option<u64> {
    let raw = value.map_or(RawAnswer::Missing, RawAnswer::from);
    if raw == RawAnswer::Missing {
        return Some(0);
    }
    match crate::answer::count(path, raw) {
        Ok(n) if n <= MAX_PER_VISIT => Some(n),
        Ok(_) => {
            errors.push(FieldError::new(
                path,
                ErrorCode::OutOfRange,
                format!("{path}: more than {MAX_PER_VISIT} on one visit; expected a whole number from 0 to {MAX_PER_VISIT}"),
            ).with_range(0.0, MAX_PER_VISIT as f64));
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn health(value: Option<&Value>, path: &str, errors: &mut Vec<FieldError>) -> Option<Health> {
    if matches!(value, None | Some(Value::Null)) {
        return Some(Health::default());
    }
    let obj = json::object(
        value?,
        path,
        "an object {sti_tests, referred_to_clinic}",
        errors,
    )?;
    let prefix = format!("{path}.");
    json::refuse_unknown_keys(obj, &["sti_tests", "referred_to_clinic"], &prefix, errors);
    let sti_tests = count(obj.get("sti_tests"), &format!("{prefix}sti_tests"), errors);
    let referred = count(
        obj.get("referred_to_clinic"),
        &format!("{prefix}referred_to_clinic"),
        errors,
    );
    Some(Health {
        sti_tests: sti_tests?,
        referred_to_clinic: referred?,
    })
}

/// `{code: count}`; a key that is not an assigned code is refused without naming it.
fn nationalities(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<BTreeMap<CountryCode, u64>> {
    if matches!(value, None | Some(Value::Null)) {
        return Some(BTreeMap::new());
    }
    let obj = json::object(
        value?,
        path,
        "an object {ISO 3166-1 alpha-2 code: count}, e.g. {\"TH\": 3}",
        errors,
    )?;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (key, v) in obj {
        let Ok(code) = CountryCode::parse(path, key) else {
            errors.push(FieldError::new(
                path,
                ErrorCode::UnknownValue,
                format!("{path}: a key is not an ISO 3166-1 alpha-2 country code; expected two letters such as TH, RO or NG"),
            ));
            ok = false;
            continue;
        };
        // A valid code is vocabulary, so it may name the field.
        let at = format!("{path}.{code}");
        match count(Some(v), &at, errors) {
            Some(n) => {
                if out.insert(code, n).is_some() {
                    errors.push(FieldError::new(
                        at.clone(),
                        ErrorCode::Duplicate,
                        format!("{at}: the country is given twice (in upper and lower case)"),
                    ));
                    ok = false;
                }
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}
