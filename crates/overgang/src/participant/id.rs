//! Pseudonymous participant IDs, and the refusal of CPR numbers anywhere in them.

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::privacy::{contains_cpr, cpr_error};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Longest ID, in characters.
pub const MAX_ID_LEN: usize = 64;

/// The characters an ID may contain (ranges and single characters): the `characters` of an ID
/// error's context, with [`MAX_ID_LEN`] as its `max_length`.
pub const ID_CHARACTERS: &[&str] = &["A-Z", "a-z", "0-9", ".", "_", "-"];

/// A project-unique pseudonymous ID: 1-64 characters of `A-Za-z0-9._-`, never containing a
/// CPR number. Validated on construction and on deserialisation.
///
/// ```
/// use overgang::participant::ParticipantId;
/// assert_eq!(ParticipantId::new("AAR-0001")?.as_str(), "AAR-0001");
/// let err = ParticipantId::new("010190-1234").unwrap_err();
/// assert_eq!(err.errors()[0].code.as_str(), "contains_cpr");
/// assert!(!err.to_string().contains("010190"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ParticipantId(String);

impl ParticipantId {
    /// Validates an ID.
    ///
    /// # Errors
    /// On field `id`: `contains_cpr` (checked first, and never echoed), `missing` for an
    /// empty ID, `too_long` over 64 characters, `invalid_format` for other characters; the
    /// last three with the allowed characters and [`MAX_ID_LEN`] as context.
    ///
    /// ```
    /// use overgang::participant::ParticipantId;
    /// let err = ParticipantId::new("Anna Hansen").unwrap_err();
    /// let ctx = err.errors()[0].context.clone().unwrap();
    /// assert_eq!((ctx.characters.unwrap().len(), ctx.max_length), (6, Some(64)));
    /// ```
    pub fn new(text: &str) -> Result<ParticipantId, ValidationError> {
        check("id", text).map_err(|e| ValidationError::new(vec![e]))?;
        Ok(ParticipantId(text.to_string()))
    }

    /// The ID as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks an ID for `field`; see [`ParticipantId::new`].
pub(crate) fn check(field: &str, text: &str) -> Result<(), FieldError> {
    if contains_cpr(text) {
        return Err(cpr_error(field));
    }
    let rule = |e: FieldError| {
        e.with_characters(ID_CHARACTERS)
            .with_max_length(MAX_ID_LEN as u64)
    };
    if text.is_empty() {
        return Err(rule(FieldError::new(field, ErrorCode::Missing, format!("{field} is missing; an ID of 1-64 characters A-Z, a-z, 0-9, '.', '_' or '-' is required"))));
    }
    if text.chars().count() > MAX_ID_LEN {
        return Err(rule(FieldError::new(
            field,
            ErrorCode::TooLong,
            format!("{field}: the ID is longer than {MAX_ID_LEN} characters"),
        )));
    }
    if !text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(rule(FieldError::new(
            field,
            ErrorCode::InvalidFormat,
            format!("{field}: an ID may only contain A-Z, a-z, 0-9, '.', '_' and '-' (no spaces, names or other characters)"),
        )));
    }
    Ok(())
}

impl AsRef<str> for ParticipantId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ParticipantId {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ParticipantId::new(s)
    }
}

impl<'de> Deserialize<'de> for ParticipantId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // serde's error carries only our message, which never echoes the value.
        ParticipantId::new(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ParticipantId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ParticipantId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "description": "Pseudonymous ID; never a name or a CPR number (refused)"})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_real_date_with_four_digits_is_refused(day in 1u32..=28, month in 1u32..=12, year in 0u32..100, serial in 0u32..10_000, sep in prop::sample::select(vec!["", "-", " "]), prefix in "[A-Z]{0,3}") {
            let text = format!("{prefix}{day:02}{month:02}{year:02}{sep}{serial:04}");
            prop_assert!(contains_cpr(&text));
            let err = ParticipantId::new(&text).unwrap_err();
            prop_assert_eq!(err.errors()[0].code, ErrorCode::ContainsCpr);
            prop_assert!(!err.to_string().contains(&text));
        }

        #[test]
        fn valid_ids_round_trip(id in "[A-Za-z0-9._-]{1,64}") {
            prop_assume!(!contains_cpr(&id));
            let parsed = ParticipantId::new(&id).unwrap();
            prop_assert_eq!(parsed.as_str(), id.as_str());
        }
    }

    #[test]
    fn longer_digit_runs_are_not_cpr_numbers() {
        assert!(!contains_cpr("10101901234")); // 11 digits
        assert!(!contains_cpr("01019012345"));
        assert!(contains_cpr("x0101901234x"));
    }
}
