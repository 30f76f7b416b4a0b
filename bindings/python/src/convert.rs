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

/// Classifies a sequence of answers; `None` when `obj` is not a list-like sequence
/// (strings, bytes and dicts are refused even though Python can iterate over them).
pub fn raw_answers(obj: &Bound<'_, PyAny>) -> Option<Vec<RawAnswer>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return None;
    }
    let iter = obj.try_iter().ok()?;
    let mut out = Vec::new();
    for item in iter {
        out.push(raw_answer(&item.ok()?));
    }
    Some(out)
}
