//! Calendar dates as the library reads and writes them (`YYYY-MM-DD`, by hand: time's
//! format-description parser is a large part of the browser build for this one format), month
//! arithmetic, and the length of a month used for durations.

use crate::error::{ErrorCode, FieldError};
use time::{Date, Month};

/// The written form of a date, as a pattern: the `format` of a date error's context.
pub const DATE_FORMAT: &str = "YYYY-MM-DD";

/// Days per month used for durations: the mean Gregorian month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// Parses an ISO 8601 calendar date (`YYYY-MM-DD`).
///
/// ```
/// use overgang::dates::parse_date;
/// assert_eq!(parse_date("start", "2024-02-29").unwrap().to_string(), "2024-02-29");
/// let e = parse_date("start", "29-02-2024").unwrap_err();
/// assert_eq!(e.code.as_str(), "invalid_format");
/// assert_eq!(e.context.unwrap().format.as_deref(), Some("YYYY-MM-DD"));
/// ```
///
/// # Errors
/// `invalid_format` on `field` for anything else, with [`DATE_FORMAT`] as the context's
/// `format` (the text is not echoed).
pub fn parse_date(field: &str, text: &str) -> Result<Date, FieldError> {
    // Exactly `YYYY-MM-DD` (four-digit year), checked by hand: time's format-description parser
    // is a large part of the browser build for this one format.
    let b = text.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0')))
    };
    let parsed = match (b.len(), b.get(4), b.get(7)) {
        (10, Some(b'-'), Some(b'-')) => digits(0..4).zip(digits(5..7)).zip(digits(8..10)),
        _ => None,
    };
    parsed
        .and_then(|((y, m), d)| {
            let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
            Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
        })
        .ok_or_else(|| {
            FieldError::new(
                field,
                ErrorCode::InvalidFormat,
                format!("{field}: not a valid date; expected YYYY-MM-DD, e.g. 2024-03-01"),
            )
            .with_format(DATE_FORMAT)
        })
}

/// The error for a spreadsheet or CSV cell that is not a date: it says every form accepted
/// (the context's `format` is [`DATE_FORMAT`], the form every reader takes).
///
/// ```
/// let e = overgang::dates::date_cell_error("start");
/// assert!(e.message.contains("DD-MM-YYYY"));
/// assert_eq!(e.context.unwrap().format.as_deref(), Some("YYYY-MM-DD"));
/// ```
pub fn date_cell_error(field: &str) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::InvalidFormat,
        format!(
            "{field}: not a valid date; expected YYYY-MM-DD or day first DD-MM-YYYY (also with . or /), e.g. 2024-03-01 or 01-03-2024"
        ),
    )
    .with_format(DATE_FORMAT)
}

/// Parses a date as spreadsheets write it (the CSV and spreadsheet readers; JSON documents
/// stay strict with [`parse_date`]): ISO `YYYY-MM-DD`, or **day first** `dd-mm-yyyy`,
/// `dd.mm.yyyy` or `dd/mm/yyyy` (one or two digits for day and month, four for the year; a
/// date is never read month first), each optionally followed by a midnight time part
/// (`00:00`, `00:00:00`, `00:00:00.000`, after a space or `T`), as Excel and pandas write dates.
///
/// ```
/// use overgang::dates::parse_date_cell;
/// for text in ["2023-02-10", "10-02-2023", "10.02.2023", "10/2/2023", "2023-02-10 00:00:00", "10-02-2023 00:00"] {
///     assert_eq!(parse_date_cell("start", text).unwrap().to_string(), "2023-02-10");
/// }
/// assert!(parse_date_cell("start", "2023-02-10 13:45:00").is_err()); // a time of day is not a date
/// assert!(parse_date_cell("start", "31-02-2023").is_err());
/// assert!(parse_date_cell("start", "02-10-23").is_err()); // two-digit years are ambiguous
/// ```
///
/// # Errors
/// `invalid_format` on `field` (the text is not echoed).
pub fn parse_date_cell(field: &str, text: &str) -> Result<Date, FieldError> {
    let invalid = || date_cell_error(field);
    let text = text.trim();
    let (day_part, time_part) = match text.find([' ', 'T']) {
        Some(i) => (&text[..i], Some(text[i + 1..].trim())),
        None => (text, None),
    };
    if let Some(t) = time_part {
        let midnight = !t.is_empty()
            && t.split([':', '.'])
                .all(|p| !p.is_empty() && p.bytes().all(|b| b == b'0'))
            && t.contains(':');
        if !midnight {
            return Err(invalid());
        }
    }
    if let Ok(d) = parse_date(field, day_part) {
        return Ok(d);
    }
    let sep = match day_part.bytes().find(|b| matches!(b, b'-' | b'.' | b'/')) {
        Some(s) => s as char,
        None => return Err(invalid()),
    };
    let parts: Vec<&str> = day_part.split(sep).collect();
    let number = |p: &str, max_len: usize| -> Option<u32> {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 => {
            let (d, m, y) = (number(d, 2), number(m, 2), number(y, 4));
            d.zip(m)
                .zip(y)
                .and_then(|((d, m), y)| {
                    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
                    Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?)
                        .ok()
                })
                .ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

/// A date as `YYYY-MM-DD`.
///
/// ```
/// let d = overgang::dates::parse_date("d", "2024-03-01").unwrap();
/// assert_eq!(overgang::dates::format_date(d), "2024-03-01");
/// ```
pub fn format_date(date: Date) -> String {
    // Written digit by digit: `format!` is a large part of reading a long file's date cells.
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return format!(
            "{:04}-{:02}-{:02}",
            year,
            u8::from(date.month()),
            date.day()
        );
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (y, m, d) = (
        year as u32,
        u32::from(u8::from(date.month())),
        u32::from(date.day()),
    );
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(d / 10),
        digit(d),
    ]
    .into_iter()
    .collect()
}

/// `date` plus `months` calendar months, clamped to the month's last day.
///
/// ```
/// use overgang::dates::{add_months, parse_date};
/// let d = parse_date("d", "2024-01-31").unwrap();
/// assert_eq!(add_months(d, 1).to_string(), "2024-02-29");
/// ```
pub fn add_months(date: Date, months: u32) -> Date {
    let total = date.year() * 12 + i32::from(date.month() as u8) - 1 + months as i32;
    let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let month = Month::try_from(month).unwrap_or(Month::December);
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// Whole months between two dates as a decimal: days / [`DAYS_PER_MONTH`].
///
/// ```
/// use overgang::dates::{months_between, parse_date};
/// let (a, b) = (parse_date("a", "2024-01-01").unwrap(), parse_date("b", "2025-01-01").unwrap());
/// assert!((months_between(a, b) - 12.0246).abs() < 1e-3);
/// ```
pub fn months_between(from: Date, to: Date) -> f64 {
    (to - from).whole_days() as f64 / DAYS_PER_MONTH
}

/// serde for a `Date` as `YYYY-MM-DD`, by hand (see [`parse_date`]): the same text as time's
/// ISO format, without its format-description machinery in the browser build.
pub mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ))
    }

    /// Reads `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_date("date", &text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// [`iso_date`] for an optional date.
pub mod iso_date_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    /// Writes `YYYY-MM-DD` or null.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::iso_date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD` or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
            Some(text) => super::parse_date("date", &text)
                .map(Some)
                .map_err(|e| serde::de::Error::custom(e.message)),
            None => Ok(None),
        }
    }
}
