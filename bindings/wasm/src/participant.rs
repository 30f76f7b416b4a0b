//! Participants: IDs, pseudonyms and their keys, age bands, registrations and records.

use crate::convert::raw_answer;
#[cfg(feature = "records")]
use crate::convert::{from_js_document, to_js_document};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// Returns the ID when it is a valid pseudonymous ID; throws a ValidationError (field `id`,
/// code `contains_cpr` for a CPR number, which is never repeated).
#[wasm_bindgen(js_name = validateId)]
pub fn validate_id(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    let text = text.as_string().unwrap_or_else(|| "\u{0}".into()); // non-text: refused by the format rule
    overgang::participant::ParticipantId::new(&text)
        .map(|id| id.as_str().to_string())
        .into_js()
}

#[cfg(feature = "records")]
/// A keyed, deterministic pseudonym `PREFIX-<16 base32 characters>` (HMAC-SHA256).
#[wasm_bindgen(js_name = pseudonym)]
pub fn pseudonym(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] local_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
) -> Result<String, JsValue> {
    let key: Vec<u8> = match key.as_string() {
        Some(s) => s.into_bytes(),
        None => key
            .dyn_into::<js_sys::Uint8Array>()
            .map(|a| a.to_vec())
            .unwrap_or_default(),
    };
    overgang::participant::pseudonym(
        &key,
        &local_id.as_string().unwrap_or_default(),
        &prefix.as_string().unwrap_or_default(),
    )
    .map(|id| id.as_str().to_string())
    .into_js()
}

/// The report's age band of an age in years (18 or more).
#[wasm_bindgen(js_name = ageBand)]
pub fn age_band(
    #[wasm_bindgen(unchecked_param_type = "number")] age: JsValue,
) -> Result<String, JsValue> {
    overgang::participant::age_band_of(raw_answer(&age))
        .map(|b| b.as_str().to_string())
        .into_js()
}

#[cfg(feature = "records")]
/// Validates a participant (JSON text or object); returns it with its JSON keys.
#[wasm_bindgen(js_name = participantFromJson, unchecked_return_type = "Participant")]
pub fn participant_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    let p = overgang::participant::Participant::from_value(&value).into_js()?;
    to_js_document(&p)
}

#[cfg(feature = "records")]
/// Validates a participant (object or JSON text) and returns it as JSON text.
#[wasm_bindgen(js_name = participantToJson)]
pub fn participant_to_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<String, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    overgang::participant::Participant::from_value(&value)
        .map(|p| p.to_json())
        .into_js()
}

#[cfg(feature = "records")]
/// Validates a participant record as the cohort report reads it (registration plus `who5`,
/// `gse`, `ten_step`, `outcomes`, `cti`); returns it with its JSON keys. This is what a form
/// downloads and loads again.
#[wasm_bindgen(js_name = recordFromJson, unchecked_return_type = "Participant & Record<string, unknown>")]
pub fn record_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    let m = overgang::cohort::ParticipantRecord::from_value(&value).into_js()?;
    to_js_document(&m)
}

#[cfg(feature = "records")]
#[wasm_bindgen]
extern "C" {
    // Web Crypto: `globalThis.crypto` in browsers and Node 20.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

#[cfg(feature = "records")]
/// A new random 32-byte key for `pseudonym` (Web Crypto). Keep it secret and apart from the
/// data; keys shorter than 16 bytes are refused (`weak_key`).
#[wasm_bindgen(js_name = newPseudonymKey)]
pub fn new_pseudonym_key() -> Result<Vec<u8>, JsValue> {
    let mut key = vec![0u8; overgang::participant::NEW_KEY_BYTES];
    get_random_values(&mut key)?;
    Ok(key)
}
