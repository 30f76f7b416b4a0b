//! WHO-5: scoring, change and bands.

use crate::convert::{raw_answer, raw_answers, to_js};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// Scores five WHO-5 answers (0-5; `null`/`undefined` = missing). Throws a `ValidationError`.
#[wasm_bindgen(js_name = scoreWho5, unchecked_return_type = "Who5Score")]
pub fn score_who5(
    #[wasm_bindgen(unchecked_param_type = "Answer[]")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    let answers = raw_answers(&answers)
        .and_then(|a| a.ok_or_else(overgang::answer::not_a_list))
        .into_js()?;
    to_js(&overgang::who5::score_answers(&answers).into_js()?)
}

/// Classifies the change between two WHO-5 indices: `improved` (>= +10), `worsened` (<= -10)
/// or `no_significant_change`. Throws a `ValidationError`.
#[wasm_bindgen(js_name = who5Change, unchecked_return_type = "Who5Change")]
pub fn who5_change(
    #[wasm_bindgen(unchecked_param_type = "number")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] after: JsValue,
) -> Result<JsValue, JsValue> {
    let change =
        overgang::who5::change_answers(raw_answer(&before), raw_answer(&after)).into_js()?;
    Ok(JsValue::from_str(change.as_str()))
}

/// The report's risk band of a WHO-5 index (a whole number 0-100). Throws a `ValidationError`.
#[wasm_bindgen(js_name = who5Band, unchecked_return_type = "Who5Band")]
pub fn who5_band(
    #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
) -> Result<JsValue, JsValue> {
    let band = overgang::who5::band_answer(raw_answer(&index)).into_js()?;
    Ok(JsValue::from_str(band.as_str()))
}
