//! The General Self-Efficacy Scale.

use crate::convert::{raw_answers, to_js};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// Scores ten GSE answers (1-4; at most 3 missing). Throws a `ValidationError`.
#[wasm_bindgen(js_name = scoreGse, unchecked_return_type = "GseScore")]
pub fn score_gse(
    #[wasm_bindgen(unchecked_param_type = "Answer[]")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    let answers = raw_answers(&answers)
        .and_then(|a| a.ok_or_else(overgang::answer::not_a_list))
        .into_js()?;
    to_js(&overgang::gse::score_answers(&answers).into_js()?)
}
