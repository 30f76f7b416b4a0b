//! `compareCohorts(docs, options)`: projects side by side (seed 001 Table 1), one column per
//! cohort document.

use crate::cohort::options;
use crate::convert::{from_js_document, to_js_document};
use crate::errors::IntoJsResult;
use overgang::report::Comparison;
use overgang::ValidationError;
use wasm_bindgen::prelude::*;

/// Reads each document (JSON text or an object) and compares them under the same options.
fn comparison(
    docs: &JsValue,
    opts: &JsValue,
) -> Result<(Comparison, overgang::report::RenderOptions), ValidationError> {
    let (report, render) = options(opts)?;
    let list = from_js_document(docs)?;
    let items = list.as_array().cloned().unwrap_or_default();
    if !list.is_array() {
        return Err(ValidationError::single(
            "projects",
            overgang::ErrorCode::NotAList,
            "projects: expected a list of cohort documents",
        ));
    }
    let mut errors = Vec::new();
    let mut cohorts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // A document given as JSON text inside the list is read like a top-level one.
        let doc = match item {
            serde_json::Value::String(text) => overgang::json::parse_json(text),
            other => Ok(other.clone()),
        };
        match doc.and_then(|d| overgang::cohort::Cohort::from_value(&d)) {
            Ok(c) => cohorts.push(c),
            Err(e) => errors.extend(e.prefixed(&format!("projects[{i}].")).into_errors()),
        }
    }
    if !errors.is_empty() {
        return Err(ValidationError::new(errors));
    }
    Ok((overgang::cohort::compare(&cohorts, &report)?, render))
}

/// Projects side by side: `{projects: [{project, participants, mean_months, mean_age,
/// women_percent, who5_first_wave: {n, mean_index}}]}` with snake_case keys, suppression as in
/// the report. Options as `cohortReport`. Throws a `ValidationError`.
#[wasm_bindgen(js_name = compareCohorts, unchecked_return_type = "Comparison")]
pub fn compare_cohorts(
    #[wasm_bindgen(unchecked_param_type = "(string | object)[]")] docs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CohortReportOptions | undefined")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let (c, _) = comparison(&docs, &opts).into_js()?;
    to_js_document(&c)
}

/// The comparison rendered as text (`format`: "md", "html", "csv" or "json"; `lang`).
#[wasm_bindgen(js_name = compareRender)]
pub fn compare_render(
    #[wasm_bindgen(unchecked_param_type = "(string | object)[]")] docs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CohortReportOptions | undefined")] opts: JsValue,
) -> Result<String, JsValue> {
    let (c, render) = comparison(&docs, &opts).into_js()?;
    Ok(overgang::report::render_comparison(&c, &render))
}
