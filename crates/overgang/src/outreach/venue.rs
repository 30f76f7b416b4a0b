//! Venues of the mapping (kortlægning): the project's own code for a clinic, an escort ad, a
//! street or a site, its form of prostitution, its municipality, and when it was seen.

use super::form;
use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::json;
use crate::municipality::MunicipalityCode;
use crate::participant::ParticipantId;
use crate::participant::ProstitutionForm;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::fmt;
use time::Date;

/// A venue's code: the project's own pseudonymous code, under the participant ID rules (1-64
/// characters `A-Za-z0-9._-`, no CPR number) and two more, because a venue's name, address or
/// phone number would identify the women working there:
/// - no phone number: no run of 8 or more digits, also when split by `-`, `.` or `_`
///   (`2233-4455`, `22.33.44.55`);
/// - no name or address: at least one digit, letters only in groups of at most 4, each group
///   all upper or all lower case (`KBH-017`, `ode.c12`; not `Anna-1` or `Vesterbrogade-12`).
///
/// The rules make a name, address or phone number hard to enter by accident; they cannot
/// recognise every name. Codes are never shown in reports.
///
/// ```
/// use overgang::outreach::VenueId;
/// assert_eq!(VenueId::new("KBH-017")?.as_str(), "KBH-017");
/// for bad in ["22334455", "2233-4455", "Vesterbrogade-12", "Anna-1", "KLINIK", "010190-1234"] {
///     let err = VenueId::new(bad).unwrap_err();
///     assert!(!err.to_string().contains(bad));
/// }
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct VenueId(String);

impl VenueId {
    /// Validates a venue code (errors on field `id`).
    ///
    /// ```
    /// let err = overgang::outreach::VenueId::new("KBH 22334455").unwrap_err();
    /// assert_eq!((err.errors()[0].field.as_str(), err.errors()[0].code.as_str()), ("id", "invalid_format"));
    /// ```
    ///
    /// # Errors
    /// `contains_cpr`, `missing`, `too_long`, `invalid_format` (other characters, a phone
    /// number, a name or address); the code is never echoed.
    pub fn new(text: &str) -> Result<VenueId, ValidationError> {
        VenueId::check("id", text)
            .map(|()| VenueId(text.to_string()))
            .map_err(|e| ValidationError::new(vec![e]))
    }

    /// The code as text.
    ///
    /// ```
    /// assert_eq!(overgang::outreach::VenueId::new("AAL-3")?.as_str(), "AAL-3");
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks a venue code for `field`.
    pub(crate) fn check(field: &str, text: &str) -> Result<(), FieldError> {
        // The participant ID rules first (CPR, length, characters), renamed to this field.
        if let Err(e) = ParticipantId::new(text) {
            if let Some(mut e) = e.into_errors().into_iter().next() {
                // Its messages begin with the field's name, `id`.
                let rest = e
                    .message
                    .strip_prefix("id")
                    .unwrap_or(&e.message)
                    .to_string();
                e.message = format!("{field}{rest}");
                e.field = field.to_string();
                return Err(e);
            }
        }
        if looks_like_phone(text) {
            return Err(FieldError::new(
                field,
                ErrorCode::InvalidFormat,
                format!("{field}: looks like a phone number; use the project's own venue code, e.g. KBH-017, never a phone number"),
            ));
        }
        if looks_like_name(text) {
            return Err(FieldError::new(
                field,
                ErrorCode::InvalidFormat,
                format!("{field}: looks like a name or an address; a venue code has at least one digit and letters only in groups of at most 4 in one case, e.g. KBH-017"),
            ));
        }
        Ok(())
    }
}

/// 8 or more digits in a run that may be split by single `-`, `.` or `_` (Danish phone
/// numbers have 8 digits, written whole or in pairs or fours).
fn looks_like_phone(text: &str) -> bool {
    let mut digits = 0;
    let mut last_sep = false;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            digits += 1;
            last_sep = false;
        } else if matches!(b, b'-' | b'.' | b'_') && digits > 0 && !last_sep {
            last_sep = true;
        } else {
            digits = 0;
            last_sep = false;
        }
        if digits >= 8 {
            return true;
        }
    }
    false
}

/// No digit, a letter group longer than 4, or a group mixing cases (`Anna`).
fn looks_like_name(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|g| !g.is_empty())
        .any(|g| {
            g.len() > 4
                || !(g.bytes().all(|b| b.is_ascii_uppercase())
                    || g.bytes().all(|b| b.is_ascii_lowercase()))
        })
}

impl fmt::Display for VenueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for VenueId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // Our messages never hold the code, so serde's error is safe to show.
        VenueId::new(&s).map_err(serde::de::Error::custom)
    }
}

/// One venue of the mapping.
///
/// ```
/// use overgang::{outreach::Venue, participant::ProstitutionForm};
/// let v = Venue::from_value(&serde_json::json!({
///     "id": "KBH-017", "form": "clinic", "municipality": 101,
///     "first_seen": "2024-01-10", "last_seen": "2024-11-30"}))?;
/// assert_eq!(v.form, ProstitutionForm::Clinic);
/// assert_eq!(v.municipality.map(|m| m.name()), Some("København"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Venue {
    /// The project's code for the venue.
    pub id: VenueId,
    /// The form of prostitution at the venue.
    pub form: ProstitutionForm,
    /// Where it is; `None` only for an online venue (an ad site, a platform).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<MunicipalityCode>,
    /// When the mapping first saw it.
    #[serde(with = "crate::dates::iso_date")]
    pub first_seen: Date,
    /// When the mapping last saw it; `None` while it is still seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::dates::iso_date_opt")]
    pub last_seen: Option<Date>,
}

/// The keys of a venue object.
///
/// ```
/// assert_eq!(overgang::outreach::VENUE_KEYS.len(), 5);
/// ```
pub const VENUE_KEYS: [&str; 5] = ["id", "form", "municipality", "first_seen", "last_seen"];

impl Venue {
    /// Validates a venue given as a JSON value (field paths relative to it).
    ///
    /// ```
    /// let err = overgang::outreach::Venue::from_value(&serde_json::json!(
    ///     {"id": "ESB-3", "form": "street", "first_seen": "2024-01-01"})).unwrap_err();
    /// assert_eq!(err.errors()[0].field, "municipality");
    /// ```
    ///
    /// # Errors
    /// Every problem: `id` under [`VenueId`]'s rules, `form` one of the outreach forms,
    /// `municipality` a municipality code (required unless the form is `online`), `first_seen`
    /// a date, `last_seen` not before `first_seen`.
    pub fn from_value(value: &Value) -> Result<Venue, ValidationError> {
        let mut errors = Vec::new();
        let venue = read(value, "", &mut errors);
        match venue {
            Some(v) if errors.is_empty() => Ok(v),
            _ => Err(ValidationError::new(errors)),
        }
    }
}

/// Reads a venue at `path` (`""` or `venues[3].`), recording every problem.
pub(crate) fn read(value: &Value, prefix: &str, errors: &mut Vec<FieldError>) -> Option<Venue> {
    let at = |k: &str| format!("{prefix}{k}");
    let whole = prefix.trim_end_matches('.');
    let obj = json::object(
        value,
        whole,
        "a venue object {id, form, municipality, first_seen, last_seen}",
        errors,
    )?;
    json::refuse_unknown_keys(obj, &VENUE_KEYS, prefix, errors);
    let id = match obj.get("id") {
        Some(Value::String(s)) => VenueId::check(&at("id"), s)
            .map(|()| VenueId(s.clone()))
            .map_err(|e| errors.push(e))
            .ok(),
        None | Some(Value::Null) => {
            errors.push(FieldError::new(
                at("id"),
                ErrorCode::Missing,
                format!(
                    "{} is missing; the project's own venue code is required, e.g. KBH-017",
                    at("id")
                ),
            ));
            None
        }
        Some(_) => {
            errors.push(FieldError::new(
                at("id"),
                ErrorCode::InvalidFormat,
                format!("{}: expected text, e.g. KBH-017", at("id")),
            ));
            None
        }
    };
    let form = form::required(obj.get("form"), &at("form"), errors);
    let municipality = optional_municipality(obj.get("municipality"), &at("municipality"), errors);
    if municipality.is_none()
        && form.is_some_and(|f| f != ProstitutionForm::Online)
        && is_absent(obj.get("municipality"))
    {
        errors.push(FieldError::new(
            at("municipality"),
            ErrorCode::Missing,
            format!("{} is missing; a municipality code is required for every venue that is not online, e.g. 101", at("municipality")),
        ));
    }
    let first_seen = json::date(obj.get("first_seen"), &at("first_seen"), errors);
    let last_seen = json::optional_date(obj.get("last_seen"), &at("last_seen"), errors);
    if let (Some(f), Some(l)) = (first_seen, last_seen) {
        if l < f {
            errors.push(FieldError::new(
                at("last_seen"),
                ErrorCode::Inconsistent,
                format!("{}: last seen before first seen", at("last_seen")),
            ));
        }
    }
    Some(Venue {
        id: id?,
        form: form?,
        municipality,
        first_seen: first_seen?,
        last_seen,
    })
}

fn is_absent(v: Option<&Value>) -> bool {
    matches!(v, None | Some(Value::Null))
}

/// An optional municipality code at `path`.
pub(crate) fn optional_municipality(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<MunicipalityCode> {
    match value {
        None | Some(Value::Null) => None,
        Some(v) => MunicipalityCode::from_value(path, v)
            .map_err(|e| errors.push(e))
            .ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_accepted_and_refused() {
        for good in [
            "KBH-017",
            "ode.c12",
            "AAR-0001",
            "V1",
            "ESB_2024_03",
            "KBH-2024-1",
        ] {
            assert!(VenueId::new(good).is_ok(), "{good}");
        }
        for (bad, code) in [
            ("22334455", "invalid_format"),
            ("+4522334455", "invalid_format"),
            ("22-33-44-55", "invalid_format"),
            ("KBH-2233.4455", "invalid_format"),
            ("Anna-1", "invalid_format"),
            ("Vesterbrogade-12", "invalid_format"),
            ("KLINIK", "invalid_format"),
            ("010190-1234", "contains_cpr"),
            ("", "missing"),
            ("KBH 017", "invalid_format"),
        ] {
            let e = VenueId::new(bad).unwrap_err();
            assert_eq!(e.errors()[0].code.as_str(), code, "{bad}");
            assert_eq!(e.errors()[0].field, "id");
            assert!(
                e.errors()[0].message.starts_with("id"),
                "{}",
                e.errors()[0].message
            );
        }
    }

    #[test]
    fn cpr_errors_are_renamed_to_the_path() {
        let mut errors = Vec::new();
        read(
            &serde_json::json!({"id": "010190-1234", "form": "clinic", "municipality": 101, "first_seen": "2024-01-01"}),
            "venues[2].",
            &mut errors,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "venues[2].id");
        assert!(
            errors[0].message.starts_with("venues[2].id: contains"),
            "{}",
            errors[0].message
        );
    }

    proptest! {
        #[test]
        fn eight_digit_phone_numbers_are_refused(n in 20_000_000u32..99_999_999, sep in prop::sample::select(vec!["", "-", ".", "_"]), prefix in "[A-Z]{0,3}") {
            let s = n.to_string();
            let text = format!("{prefix}{}{sep}{}", &s[..4], &s[4..]);
            let e = VenueId::new(&text).unwrap_err();
            prop_assert!(!e.to_string().contains(&s[..4]));
        }
    }
}
