//! The safeguards for special-category data that every module shares: CPR numbers are refused
//! wherever text is accepted, and free text follows one rule.
//!
//! Messages built here never contain the text they judge.

use crate::error::{ErrorCode, FieldError};
use crate::limits::MAX_TEXT_CHARS;

/// Separators a CPR number may be written with between its groups.
const SEPARATORS: &[u8] = b"- ._/";

/// Whether `text` contains a CPR number: `DDMMYY` and four digits, not part of a longer run of
/// digits, where DDMM is a real day and month (29 February is allowed, since the century is
/// not known). The groups may be written together or split by one separator (space, `-`, `.`,
/// `_`, `/`) after the date and between day, month and year.
///
/// ```
/// use overgang::privacy::contains_cpr;
/// assert!(contains_cpr("010190-1234"));
/// assert!(contains_cpr("0101901234"));
/// assert!(contains_cpr("AAR 010190 1234"));
/// assert!(contains_cpr("01-01-90-1234"));
/// assert!(contains_cpr("010190.1234") && contains_cpr("010190_1234") && contains_cpr("01/01/90/1234"));
/// assert!(!contains_cpr("AAR-0001"));
/// assert!(!contains_cpr("3102901234")); // 31 February is not a date
/// ```
pub fn contains_cpr(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // Reads `n` digits at `*at`, then skips one separator when `sep` allows it.
    let group = |at: &mut usize, n: usize, sep: bool| -> Option<u32> {
        if !(*at..*at + n).all(digit) {
            return None;
        }
        let v = b[*at..*at + n]
            .iter()
            .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
        *at += n;
        if sep && b.get(*at).is_some_and(|c| SEPARATORS.contains(c)) && digit(*at + 1) {
            *at += 1;
        }
        Some(v)
    };
    (0..b.len()).any(|i| {
        if (i > 0 && digit(i - 1)) || !digit(i) {
            return false;
        }
        let mut at = i;
        let (Some(day), Some(month), Some(_year), Some(_serial)) = (
            group(&mut at, 2, true),
            group(&mut at, 2, true),
            group(&mut at, 2, true),
            group(&mut at, 4, false),
        ) else {
            return false;
        };
        !digit(at) && real_day_month(day, month)
    })
}

fn real_day_month(day: u32, month: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The error for text containing a CPR number. It never includes the text.
pub fn cpr_error(field: &str) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::ContainsCpr,
        format!("{field}: contains what looks like a CPR number; use the project's pseudonymous ID, never a CPR number"),
    )
}

/// The one rule for free text (a project's name, a label, a handover's recipient): 1 to
/// [`MAX_TEXT_CHARS`] characters, not only spaces, no control characters (line breaks and NUL
/// bytes would reshape rendered reports), and no CPR number. The text is never echoed.
///
/// ```
/// use overgang::privacy::free_text;
/// assert!(free_text("project", "Exit Aarhus").is_ok());
/// let codes = |t: &str| free_text("project", t).unwrap_err().code.as_str();
/// assert_eq!(codes(""), "missing");
/// assert_eq!(codes("Maria 010190-1234"), "contains_cpr");
/// assert_eq!(codes("a\nb"), "invalid_format");
/// assert_eq!(codes(&"x".repeat(201)), "too_long");
/// ```
///
/// # Errors
/// On `field`: `contains_cpr`, `missing` (empty or only spaces), `too_long`, `invalid_format`
/// (control characters), in that order of precedence.
pub fn free_text(field: &str, text: &str) -> Result<(), FieldError> {
    if contains_cpr(text) {
        return Err(cpr_error(field));
    }
    if text.trim().is_empty() {
        return Err(FieldError::new(
            field,
            ErrorCode::Missing,
            format!("{field} is missing; text of 1 to {MAX_TEXT_CHARS} characters is required"),
        )
        .with_max_length(MAX_TEXT_CHARS as u64));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::new(
            field,
            ErrorCode::TooLong,
            format!("{field}: longer than {MAX_TEXT_CHARS} characters"),
        )
        .with_max_length(MAX_TEXT_CHARS as u64));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            ErrorCode::InvalidFormat,
            format!("{field}: contains a line break or another control character; write one line of plain text"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_real_date_with_four_digits_is_found(day in 1u32..=28, month in 1u32..=12, year in 0u32..100, serial in 0u32..10_000, sep in prop::sample::select(vec!["", "-", " ", ".", "_", "/"]), split in any::<bool>(), prefix in "[A-Z]{0,3}") {
            let inner = if split { sep } else { "" };
            let text = format!("{prefix}{day:02}{inner}{month:02}{inner}{year:02}{sep}{serial:04}");
            prop_assert!(contains_cpr(&text));
            prop_assert_eq!(free_text("f", &text).unwrap_err().code, ErrorCode::ContainsCpr);
        }

        #[test]
        fn longer_digit_runs_are_not_cpr_numbers(n in 100_000_000_000u64..999_999_999_999) {
            prop_assert!(!contains_cpr(&n.to_string()));
        }
    }
}
