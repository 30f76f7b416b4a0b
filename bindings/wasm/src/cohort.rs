//! `cohortReport(json, options)`: the report of a cohort document, computed in the browser.

use crate::convert::{from_js_document, to_js_document};
use crate::errors::IntoJsResult;
use overgang::report::{read_options, RenderOptions, ReportOptions};
use overgang::ValidationError;
use wasm_bindgen::prelude::*;

/// Report and render options (`{asOf, minCell, minWave, interventionBins, format, lang}`), read
/// by the core's one reader; unknown keys are errors.
pub(crate) fn options(
    options: &JsValue,
) -> Result<(ReportOptions, RenderOptions), ValidationError> {
    if options.is_undefined() || options.is_null() {
        return read_options(&serde_json::Value::Null);
    }
    read_options(&from_js_document(options)?)
}

/// The report and render options in effect for an options object, defaults filled in, with
/// snake_case keys (`{as_of, min_cell, min_wave, intervention_bins, format, lang}`); throws a
/// ValidationError for unknown keys or values. The same reader as `cohortReport`.
#[wasm_bindgen(js_name = reportOptions)]
pub fn report_options(
    #[wasm_bindgen(unchecked_optional_param_type = "CohortReportOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let (report, render) = options(&opts).into_js()?;
    to_js_document(&overgang::report::options_json(&report, &render))
}

/// The report of a cohort document (JSON text or an object) as a plain object with the
/// documented snake_case JSON keys (docs/report.md). Options: `{asOf, minCell, minWave}`.
#[wasm_bindgen(js_name = cohortReport, unchecked_return_type = "CohortReport")]
pub fn cohort_report(
    #[wasm_bindgen(unchecked_param_type = "string | object")] cohort: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CohortReportOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let (options, _) = options(&opts).into_js()?;
    let doc = from_js_document(&cohort).into_js()?;
    let cohort = overgang::cohort::Cohort::from_value(&doc).into_js()?;
    let report = cohort.report(&options).into_js()?;
    to_js_document(&report)
}

/// The report rendered as text: options `{format: "md"|"html"|"csv"|"json", lang: "da"|"en", asOf, minCell, minWave, interventionBins}`; the defaults are Markdown in Danish, as in Python and the CLI.
#[wasm_bindgen(js_name = cohortRender)]
pub fn cohort_render(
    #[wasm_bindgen(unchecked_param_type = "string | object")] cohort: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CohortReportOptions")] opts: JsValue,
) -> Result<String, JsValue> {
    let (options, render) = options(&opts).into_js()?;
    let doc = from_js_document(&cohort).into_js()?;
    let cohort = overgang::cohort::Cohort::from_value(&doc).into_js()?;
    let report = cohort.report(&options).into_js()?;
    Ok(overgang::report::render(&report, &render))
}

/// The disclosure auditor: every figure of a report (an object or JSON text, as
/// `cohortReport` gives it) that could be worked out from its other figures, as
/// `[{figure, code, value, from}]`. Empty when the report is safe.
#[wasm_bindgen(js_name = audit)]
pub fn audit(
    #[wasm_bindgen(unchecked_param_type = "CohortReport | string")] report: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&report).into_js()?;
    let report = overgang::report::Report::from_value(&value).into_js()?;
    to_js_document(&overgang::report::audit(&report))
}

/// The built-in synthetic sample cohort as a JSON document (text).
#[wasm_bindgen(js_name = sampleCohort)]
pub fn sample_cohort() -> String {
    overgang::cohort::Cohort::sample().to_json()
}
