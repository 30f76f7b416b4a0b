//! Life-situation areas: journey stages, distance travelled, readings.

use crate::convert::{from_js_document, raw_answer, to_js, to_js_document};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The journey-of-change stage of a life-situation rating 1-10.
#[wasm_bindgen(js_name = outcomesStage)]
pub fn outcomes_stage(
    #[wasm_bindgen(unchecked_param_type = "number")] rating: JsValue,
) -> Result<String, JsValue> {
    overgang::outcomes::stage_of(raw_answer(&rating))
        .map(|s| s.as_str().to_string())
        .into_js()
}

/// Distance travelled between two ratings: `{steps, class}`.
#[wasm_bindgen(js_name = outcomesDistance, unchecked_return_type = "{steps: number, class: string}")]
pub fn outcomes_distance(
    #[wasm_bindgen(unchecked_param_type = "number")] first: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] latest: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&overgang::outcomes::distance_of(raw_answer(&first), raw_answer(&latest)).into_js()?)
}

/// Validates a life-situation reading `{date, ratings}`; returns it with its JSON keys.
#[wasm_bindgen(js_name = readingFromJson, unchecked_return_type = "Assessment")]
pub fn reading_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    to_js_document(&overgang::outcomes::Reading::from_value(&value).into_js()?)
}
