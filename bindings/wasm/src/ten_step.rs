//! The ten-step scale: stages, dimensions, development, assessments.

use crate::convert::raw_answer;
#[cfg(feature = "records")]
use crate::convert::{from_js_document, snake_case_keys, to_js, to_js_document};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The stage of a ten-step step 1-10: "survival", "stabilisation" or "integration".
#[wasm_bindgen(js_name = tenStepStage)]
pub fn ten_step_stage(
    #[wasm_bindgen(unchecked_param_type = "number")] step: JsValue,
) -> Result<String, JsValue> {
    overgang::ten_step::stage_of(raw_answer(&step))
        .map(|s| s.as_str().to_string())
        .into_js()
}

#[cfg(feature = "records")]
/// Dimension values `{health, relations, mentalWellbeing, optionsForAction}` (means of rated
/// areas, `null` when none is rated) of `{area: step}`, under the default or a given mapping.
#[wasm_bindgen(js_name = tenStepDimensions, unchecked_return_type = "TenStepDimensions")]
pub fn ten_step_dimensions(
    #[wasm_bindgen(unchecked_param_type = "Record<string, number>")] ratings: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string[]>")] mapping: JsValue,
) -> Result<JsValue, JsValue> {
    let ratings = from_js_document(&ratings).into_js()?;
    let mapping = if mapping.is_undefined() || mapping.is_null() {
        None
    } else {
        Some(snake_case_keys(from_js_document(&mapping).into_js()?))
    };
    to_js(&overgang::ten_step::dimensions_of(&ratings, mapping.as_ref()).into_js()?)
}

#[cfg(feature = "records")]
/// Development per area over assessments `[{date, ratings}]`.
#[wasm_bindgen(js_name = tenStepDevelopment, unchecked_return_type = "AreaDevelopment[]")]
pub fn ten_step_development(
    #[wasm_bindgen(unchecked_param_type = "Assessment[]")] assessments: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&assessments).into_js()?;
    to_js(&overgang::ten_step::development_of(&value).into_js()?)
}

#[cfg(feature = "records")]
/// Validates a ten-step assessment `{date, ratings}`; returns it with its JSON keys.
#[wasm_bindgen(js_name = assessmentFromJson, unchecked_return_type = "Assessment")]
pub fn assessment_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    to_js_document(&overgang::ten_step::Assessment::from_value(&value).into_js()?)
}
