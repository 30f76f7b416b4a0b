//! Outreach: municipality codes, venue codes, country codes and outreach documents.

use crate::convert::{from_js_document, to_js, to_js_document};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// A Danish municipality code (a number or three-digit text) as `{code, name, region,
/// regionCode}`. Throws a ValidationError for anything else.
#[wasm_bindgen(js_name = municipality)]
pub fn municipality(
    #[wasm_bindgen(unchecked_param_type = "number | string")] code: JsValue,
) -> Result<JsValue, JsValue> {
    // Any JS value as JSON of its kind, so the core names a wrong type by its own rule. Only
    // the kind of an array or object is kept: converting it whole (serde_wasm_bindgen) recursed
    // once per nesting level and overflowed the wasm stack on deep nesting, corrupting memory.
    let value = if let Some(n) = code.as_f64() {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    } else if let Some(t) = code.as_string() {
        serde_json::Value::String(t)
    } else if let Some(b) = code.as_bool() {
        serde_json::Value::Bool(b)
    } else if js_sys::Array::is_array(&code) {
        serde_json::Value::Array(Vec::new())
    } else if code.is_object() {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        serde_json::Value::Null
    };
    let m = overgang::municipality::MunicipalityCode::from_value("municipality", &value)
        .map_err(|e| overgang::ValidationError::new(vec![e]))
        .into_js()?;
    to_js(&m.facts())
}

/// Returns a venue's code when it is valid (the project's own code; never an address, a name
/// or a phone number).
#[wasm_bindgen(js_name = validateVenueId)]
pub fn validate_venue_id(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<String, JsValue> {
    let code = code.as_string().unwrap_or_else(|| "\u{0}".into());
    overgang::outreach::VenueId::new(&code)
        .map(|v| v.as_str().to_string())
        .into_js()
}

/// An ISO 3166-1 alpha-2 country code (any case), upper-cased.
#[wasm_bindgen(js_name = country)]
pub fn country(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<String, JsValue> {
    let code = code.as_string().unwrap_or_default();
    overgang::outreach::CountryCode::parse("nationalities", &code)
        .map(|c| c.as_str().to_string())
        .map_err(|e| overgang::ValidationError::new(vec![e]))
        .into_js()
}

/// Validates an outreach document `{venues, outreach_visits, outreach_targets}`; returns it
/// with its JSON keys.
#[wasm_bindgen(js_name = outreachFromJson)]
pub fn outreach_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    to_js_document(&overgang::outreach::Outreach::from_value(&value).into_js()?)
}
