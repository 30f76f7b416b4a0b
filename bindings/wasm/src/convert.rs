//! JavaScript values to the core's input types, and core results to plain JS objects.

use overgang::RawAnswer;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Classifies one JS value as an answer. JS has one number type: an integral number is an
/// integer, anything else a float (the core refuses fractions).
pub fn raw_answer(v: &JsValue) -> RawAnswer {
    if v.is_null() || v.is_undefined() {
        RawAnswer::Missing
    } else if let Some(f) = v.as_f64() {
        if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0 {
            RawAnswer::Integer(f as i64)
        } else {
            RawAnswer::Float(f)
        }
    } else if let Some(b) = v.as_bool() {
        RawAnswer::Bool(b)
    } else if v.is_string() {
        RawAnswer::Text
    } else {
        RawAnswer::Other
    }
}

/// Classifies an array of answers; `None` when `v` is not an array.
/// The answers of a JS array; `Ok(None)` for anything else. An array longer than the core's
/// limit is refused by its length before any element is read (`new Array(5e8)` costs nothing).
pub fn raw_answers(v: &JsValue) -> Result<Option<Vec<RawAnswer>>, overgang::ValidationError> {
    let Some(array) = v.dyn_ref::<js_sys::Array>() else {
        return Ok(None);
    };
    if array.length() as usize > overgang::limits::MAX_ANSWERS {
        return Err(overgang::answer::too_many_answers());
    }
    Ok(Some(array.iter().map(|item| raw_answer(&item)).collect()))
}

/// Serialises a core value to a plain JS object, with object keys in camelCase. The keys are
/// renamed on the JS values (no `serde_json` in between: the form's small build has none).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    camel_case_keys(to_js_document(value)?)
}

/// The value with the keys of its plain objects (recursively, in order) in camelCase.
fn camel_case_keys(value: JsValue) -> Result<JsValue, JsValue> {
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        return Ok(array
            .iter()
            .map(camel_case_keys)
            .collect::<Result<js_sys::Array, _>>()?
            .into());
    }
    if !value.is_object() {
        return Ok(value);
    }
    let object: &js_sys::Object = value.unchecked_ref();
    let out = js_sys::Object::new();
    for key in js_sys::Object::keys(object).iter() {
        let item = camel_case_keys(js_sys::Reflect::get(object, &key)?)?;
        let name = camel(&key.as_string().unwrap_or_default());
        js_sys::Reflect::set(&out, &name.into(), &item)?;
    }
    Ok(out.into())
}

/// `snake_case` to `camelCase`.
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(feature = "records")]
/// A document given as JSON text or as a JS object, as a JSON value. Objects go through
/// `JSON.stringify`, so the core's size and depth limits apply to both, and cycles, functions
/// or BigInts give a ValidationError instead of a trap.
pub fn from_js_document(v: &JsValue) -> Result<serde_json::Value, overgang::ValidationError> {
    let text = match v.as_string() {
        Some(text) => text,
        None if !within_size(v) => {
            return Err(overgang::ValidationError::single(
                "",
                overgang::ErrorCode::TooLarge,
                format!(
                    "the document is larger than the {} MB limit",
                    overgang::limits::MAX_INPUT_BYTES / 1_000_000
                ),
            ))
        }
        None => js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).ok_or_else(|| {
            overgang::ValidationError::single(
                "",
                overgang::ErrorCode::InvalidFormat,
                "expected a JSON document: text, or an object of plain values (no cycles or BigInts)",
            )
        })?,
    };
    overgang::json::parse_json(&text)
}

/// Whether an object's JSON text could be within the size limit, judged by its arrays'
/// lengths and objects' keys before `JSON.stringify` materialises it: n elements take at least
/// 2n + 1 bytes, and no list of a document is longer than the participant limit, so
/// `new Array(1e8)` is refused at once instead of becoming 200 MB of `null`s.
/// Reads through `Reflect` (which catches a throwing getter or proxy: left to `stringify`).
#[cfg(feature = "records")]
fn within_size(v: &JsValue) -> bool {
    fn walk(v: &JsValue, depth: usize, budget: &mut f64) -> bool {
        if depth > overgang::limits::MAX_JSON_DEPTH || !v.is_object() {
            return true; // deeper nesting is refused by the depth limit after stringify
        }
        if js_sys::Array::is_array(v) {
            let len = js_sys::Reflect::get(v, &JsValue::from_str("length"))
                .ok()
                .and_then(|l| l.as_f64())
                .unwrap_or(0.0);
            // No list of a document is longer than the participant limit.
            *budget -= 2.0 * len + 1.0;
            if *budget < 0.0 || len > overgang::limits::MAX_PARTICIPANTS as f64 {
                return false;
            }
            (0..len as u32).all(|i| {
                let c = js_sys::Reflect::get_u32(v, i).unwrap_or(JsValue::NULL);
                walk(&c, depth + 1, budget)
            })
        } else {
            let Ok(keys) = js_sys::Reflect::own_keys(v) else {
                return true;
            };
            *budget -= 2.0 * f64::from(keys.length()) + 1.0;
            if *budget < 0.0 {
                return false;
            }
            keys.iter().all(|k| {
                let c = js_sys::Reflect::get(v, &k).unwrap_or(JsValue::NULL);
                walk(&c, depth + 1, budget)
            })
        }
    }
    let mut budget = overgang::limits::MAX_INPUT_BYTES as f64;
    walk(v, 0, &mut budget)
}

/// Serialises a document with its own (snake_case) JSON keys, as the cohort report reads them.
pub fn to_js_document<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

#[cfg(feature = "records")]
/// Object keys from camelCase (JS options) to snake_case (the core's JSON keys).
pub fn snake_case_keys(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let mut out = String::with_capacity(k.len() + 4);
                    for c in k.chars() {
                        if c.is_ascii_uppercase() {
                            out.push('_');
                            out.push(c.to_ascii_lowercase());
                        } else {
                            out.push(c);
                        }
                    }
                    (out, snake_case_keys(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(snake_case_keys).collect()),
        other => other,
    }
}

#[cfg(feature = "records")]
/// Error fields renamed to the camelCase keys a JS caller used (`phase1_start` -> `phase1Start`),
/// in the field and where the message begins with it.
pub fn camel_case_fields(err: overgang::ValidationError) -> overgang::ValidationError {
    overgang::ValidationError::new(
        err.into_errors()
            .into_iter()
            .map(|mut e| {
                let camel_field = camel(&e.field);
                if e.message.starts_with(&e.field) {
                    e.message = format!("{camel_field}{}", &e.message[e.field.len()..]);
                }
                e.field = camel_field;
                e
            })
            .collect(),
    )
}
