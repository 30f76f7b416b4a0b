//! The forms of prostitution that outreach meets: the participant catalogue's forms
//! ([`ProstitutionForm`], seed 004) without grey-zone exchange, which has no venue to visit.

use crate::error::{ErrorCode, FieldError};
use crate::ids::IdLabel;
use crate::language::Language;
use crate::participant::ProstitutionForm;
use serde_json::Value;

/// The forms a venue or visit may have, in display order: clinic/massage, escort,
/// private/discreet, street, bar, online (the issue's catalogue; seed 004 names the first five,
/// seeds 001 and 003 add online outreach).
///
/// ```
/// use overgang::outreach::OUTREACH_FORMS;
/// let ids: Vec<&str> = OUTREACH_FORMS.iter().map(|f| f.as_str()).collect();
/// assert_eq!(ids, ["clinic", "escort", "private", "street", "bar", "online"]);
/// ```
pub const OUTREACH_FORMS: [ProstitutionForm; 6] = [
    ProstitutionForm::Clinic,
    ProstitutionForm::Escort,
    ProstitutionForm::Private,
    ProstitutionForm::Street,
    ProstitutionForm::Bar,
    ProstitutionForm::Online,
];

/// The outreach forms with their labels, for forms and the catalogue (`[{id, label}]`).
///
/// ```
/// let list = overgang::outreach::form_options(overgang::Language::Da);
/// assert_eq!((list[0].id.as_str(), list[0].label.as_str()), ("clinic", "Massageklinik"));
/// assert_eq!(list.len(), 6);
/// ```
pub fn form_options(lang: Language) -> Vec<IdLabel> {
    OUTREACH_FORMS
        .iter()
        .map(|f| IdLabel {
            id: f.as_str().to_string(),
            label: f.label(lang).to_string(),
        })
        .collect()
}

/// Reads an outreach form from text.
///
/// ```
/// use overgang::{outreach::parse_form, participant::ProstitutionForm};
/// assert_eq!(parse_form("form", "escort")?, ProstitutionForm::Escort);
/// assert_eq!(parse_form("form", "grey_zone").unwrap_err().code.as_str(), "unknown_value");
/// # Ok::<(), overgang::FieldError>(())
/// ```
///
/// # Errors
/// `unknown_value` on `field`, listing the six forms; the text is never echoed.
pub fn parse_form(field: &str, text: &str) -> Result<ProstitutionForm, FieldError> {
    OUTREACH_FORMS
        .iter()
        .copied()
        .find(|f| f.as_str() == text.trim())
        .ok_or_else(|| unknown(field))
}

fn unknown(field: &str) -> FieldError {
    let allowed: Vec<&str> = OUTREACH_FORMS.iter().map(|f| f.as_str()).collect();
    FieldError::new(
        field,
        ErrorCode::UnknownValue,
        format!(
            "{field}: unknown form of prostitution; allowed: {}",
            allowed.join(", ")
        ),
    )
    .with_allowed(&allowed)
}

/// An optional form at `path` (absent or `null`: `None`).
pub(crate) fn optional(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<ProstitutionForm> {
    match value {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => parse_form(path, s).map_err(|e| errors.push(e)).ok(),
        Some(_) => {
            errors.push(unknown(path));
            None
        }
    }
}

/// A required form at `path`.
pub(crate) fn required(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<ProstitutionForm> {
    if matches!(value, None | Some(Value::Null)) {
        let allowed: Vec<&str> = OUTREACH_FORMS.iter().map(|f| f.as_str()).collect();
        errors.push(
            FieldError::new(
                path,
                ErrorCode::Missing,
                format!("{path} is missing; one of: {}", allowed.join(", ")),
            )
            .with_allowed(&allowed),
        );
        return None;
    }
    optional(value, path, errors)
}
