//! Python values to the core's input types. Only says what type a value is; the core decides
//! what is accepted.

use overgang::RawAnswer;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyString};

/// Classifies one Python value as an answer.
pub fn raw_answer(obj: &Bound<'_, PyAny>) -> RawAnswer {
    if obj.is_none() {
        return RawAnswer::Missing;
    }
    // bool before int: `True` is an `int` in Python, but never a valid answer.
    if let Ok(b) = obj.cast::<PyBool>() {
        return RawAnswer::Bool(b.is_true());
    }
    if obj.is_instance_of::<PyInt>() {
        return obj
            .extract::<i64>()
            .map_or(RawAnswer::HugeInteger, RawAnswer::Integer);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return RawAnswer::Float(f.value());
    }
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return RawAnswer::Text;
    }
    // numpy and other integer-like scalars implement __index__; float-like ones __float__.
    if obj.hasattr("__index__").unwrap_or(false) {
        if let Ok(i) = obj.call_method0("__index__") {
            return i
                .extract::<i64>()
                .map_or(RawAnswer::HugeInteger, RawAnswer::Integer);
        }
    }
    if obj.hasattr("__float__").unwrap_or(false) {
        if let Ok(f) = obj
            .call_method0("__float__")
            .and_then(|f| f.extract::<f64>())
        {
            return RawAnswer::Float(f);
        }
    }
    RawAnswer::Other
}

/// Classifies a sequence of answers: `Ok(None)` when `obj` is not a list-like sequence
/// (strings, bytes and dicts are refused even though Python can iterate over them). A sequence
/// longer than the core's limit is refused by its length before any element is read; one
/// without a length is read up to the limit only.
pub fn raw_answers(
    obj: &Bound<'_, PyAny>,
) -> Result<Option<Vec<RawAnswer>>, overgang::ValidationError> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return Ok(None);
    }
    let max = overgang::limits::MAX_ANSWERS;
    match obj.len() {
        Ok(n) if n > max => return Err(overgang::answer::too_many_answers()),
        // `len(range(2**64))` overflows: certainly too long.
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(obj.py()) => {
            return Err(overgang::answer::too_many_answers())
        }
        _ => {}
    }
    let Ok(iter) = obj.try_iter() else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for item in iter {
        if out.len() == max {
            return Err(overgang::answer::too_many_answers());
        }
        match item {
            Ok(item) => out.push(raw_answer(&item)),
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// A document given as JSON text or as Python objects (dicts, lists, `datetime.date`), as a
/// JSON value within the core's size and depth limits. Objects go through `json.dumps` (dates
/// as ISO text), so hostile nesting or unsupported types give a ValidationError, not a crash.
pub fn document(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    use crate::errors::IntoPyResult;
    let text = document_text(py, obj)?;
    // Parsing runs without the GIL: other Python threads go on while a large document is read.
    py.detach(|| overgang::json::parse_json(&text))
        .into_py_result(py)
}

/// The JSON text of a document given as text, bytes (UTF-8, a byte-order mark allowed) or
/// Python objects (through `json.dumps`).
pub fn document_text(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    use crate::errors::IntoPyResult;
    let text: String = if obj.is_instance_of::<PyString>() {
        text(py, "", obj)?
    } else if let Ok(bytes) = obj.cast::<PyBytes>() {
        // UTF-8, with or without a byte-order mark.
        let raw = bytes.as_bytes();
        let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok(t) => t.to_string(),
            Err(_) => {
                return Err(overgang::ValidationError::single(
                    "",
                    overgang::ErrorCode::InvalidFormat,
                    "the document is not valid UTF-8 text",
                ))
                .into_py_result(py)
            }
        }
    } else {
        match py.import("overgang._convert").and_then(|m| m.getattr("to_json_text")).and_then(|f| f.call1((obj,))).and_then(|t| t.extract()) {
            Ok(t) => t,
            Err(_) => {
                return Err(overgang::ValidationError::single(
                    "",
                    overgang::ErrorCode::InvalidFormat,
                    "expected a JSON document: text, or dicts and lists of text, numbers, booleans, None and dates",
                ))
                .into_py_result(py)
            }
        }
    };
    Ok(text)
}

/// A language tag by the core's one policy (`da-DK` is Danish; unknown tags are errors; no
/// tag is the default language).
pub fn language(py: Python<'_>, lang: Option<&Bound<'_, PyAny>>) -> PyResult<overgang::Language> {
    use crate::errors::IntoPyResult;
    match optional_text(py, "lang", lang)? {
        None => Ok(overgang::Language::default()),
        Some(tag) => overgang::Language::from_tag("lang", &tag)
            .map_err(|e| overgang::ValidationError::new(vec![e]))
            .into_py_result(py),
    }
}

/// A text argument for `field`: refuses non-text and text that is not valid Unicode (an
/// unpaired surrogate) with a ValidationError, instead of Python's TypeError or
/// UnicodeEncodeError, and never replaces characters silently.
pub fn text(py: Python<'_>, field: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    use crate::errors::IntoPyResult;
    let Ok(s) = obj.cast::<PyString>() else {
        return Err(overgang::ValidationError::single(
            field,
            overgang::ErrorCode::InvalidFormat,
            format!(
                "{}: expected text",
                if field.is_empty() {
                    "the document"
                } else {
                    field
                }
            ),
        ))
        .into_py_result(py);
    };
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned()),
        Err(_) => Err(overgang::ValidationError::single(
            field,
            overgang::ErrorCode::InvalidFormat,
            format!(
                "{}: not valid Unicode text (it contains an unpaired surrogate)",
                if field.is_empty() {
                    "the document"
                } else {
                    field
                }
            ),
        ))
        .into_py_result(py),
    }
}

/// An optional text argument (`None` stays `None`).
pub fn optional_text(
    py: Python<'_>,
    field: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<String>> {
    match obj {
        Some(o) if !o.is_none() => text(py, field, o).map(Some),
        _ => Ok(None),
    }
}

/// A keyword argument as a JSON value for the core's option reader (numbers, text, booleans);
/// anything else is a ValidationError naming the option, never its value.
pub fn json_value(
    py: Python<'_>,
    field: &str,
    obj: &Bound<'_, PyAny>,
) -> PyResult<serde_json::Value> {
    use crate::errors::IntoPyResult;
    if obj.is_instance_of::<PyString>() {
        return text(py, field, obj).map(serde_json::Value::String);
    }
    match raw_answer(obj) {
        RawAnswer::Integer(i) => Ok(serde_json::Value::from(i)),
        RawAnswer::Float(f) => Ok(serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number)),
        RawAnswer::Bool(b) => Ok(serde_json::Value::Bool(b)),
        RawAnswer::Missing => Ok(serde_json::Value::Null),
        RawAnswer::HugeInteger => Err(overgang::ValidationError::single(
            field,
            overgang::ErrorCode::OutOfRange,
            format!("{field}: the number is out of range"),
        ))
        .into_py_result(py),
        _ => Err(overgang::ValidationError::single(
            field,
            overgang::ErrorCode::InvalidFormat,
            format!("{field}: expected a number or text"),
        ))
        .into_py_result(py),
    }
}

/// A date as `YYYY-MM-DD` from `datetime.date`, `datetime.datetime` or `pandas.Timestamp`
/// (subclasses of `date`): its date, when its time of day is midnight (the core's
/// [`overgang::dates::parse_date_cell`]); an error otherwise (never echoing the value).
pub fn date_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if !value.is_instance_of::<pyo3::types::PyDate>() {
        return Err(pyo3::exceptions::PyTypeError::new_err("not a date"));
    }
    let iso: String = value.call_method0("isoformat")?.extract()?;
    overgang::dates::parse_date_cell("date", &iso)
        .map(overgang::dates::format_date)
        .map_err(|_| pyo3::exceptions::PyValueError::new_err("not a date at midnight"))
}
