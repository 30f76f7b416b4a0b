//! CTI courses: planned schedules and phases, recorded courses.

use crate::convert::{from_js_document, snake_case_keys, to_js, to_js_document};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

fn course(value: &JsValue) -> Result<overgang::cti::Course, JsValue> {
    let doc = snake_case_keys(from_js_document(value).into_js()?);
    // The JS caller wrote camelCase keys: name the fields as they wrote them.
    overgang::cti::Course::from_value(&doc)
        .map_err(crate::convert::camel_case_fields)
        .into_js()
}

/// The planned schedule of `{contactStart, phase1Start, phaseMonths}` (ISO dates): `[{phase, start, end}]`.
#[wasm_bindgen(js_name = ctiSchedule, unchecked_return_type = "PlannedPhase[]")]
pub fn cti_schedule(
    #[wasm_bindgen(unchecked_param_type = "CourseInput")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&course(&plan)?.schedule())
}

/// The planned phase on a date (ISO text), or `null`.
#[wasm_bindgen(js_name = ctiPhaseOn, unchecked_return_type = "string | null")]
pub fn cti_phase_on(
    #[wasm_bindgen(unchecked_param_type = "CourseInput")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
) -> Result<JsValue, JsValue> {
    let c = course(&plan)?;
    let d = overgang::dates::parse_date("date", &date.as_string().unwrap_or_default())
        .map_err(|e| overgang::ValidationError::new(vec![e]))
        .into_js()?;
    Ok(c.phase_on(d)
        .map_or(JsValue::NULL, |p| JsValue::from_str(p.as_str())))
}

/// Validates a recorded course (JSON keys); returns `{course, warnings, status}` with the
/// status on `statusOn` (ISO date; default: the course's last date).
#[wasm_bindgen(js_name = courseFromJson, unchecked_return_type = "{course: object, warnings: FieldError[], status: {status: string, phase?: string, reason?: string}}")]
pub fn course_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] status_on: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    let c = overgang::cti::RecordedCourse::from_value(&value).into_js()?;
    let on = match status_on.as_string() {
        Some(s) => overgang::dates::parse_date("statusOn", &s)
            .map_err(|e| overgang::ValidationError::new(vec![e]))
            .into_js()?,
        None => c.dates().into_iter().max().unwrap_or(c.plan.contact_start),
    };
    let warnings = c.warnings();
    let status = c.status(on);
    to_js_document(&serde_json::json!({"course": c, "warnings": warnings, "status": status}))
}
