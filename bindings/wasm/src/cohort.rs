//! `cohortReport(json, options)`: the report of a cohort document, computed in the browser.

use crate::convert::from_js_document;
use crate::errors::IntoJsResult;
use overgang::report::{Format, ReportOptions};
use overgang::{ErrorCode, Language, ValidationError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn options(options: &JsValue) -> Result<(ReportOptions, Format, Language), ValidationError> {
    let mut out = ReportOptions::default();
    let (mut format, mut lang) = (Format::Json, Language::Da);
    if options.is_undefined() || options.is_null() {
        return Ok((out, format, lang));
    }
    let get = |key: &str| {
        js_sys::Reflect::get(options, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let mut errors = Vec::new();
    if let Some(v) = get("asOf") {
        match v
            .as_string()
            .map(|s| overgang::json::parse_date("asOf", &s))
        {
            Some(Ok(d)) => out.as_of = Some(d),
            Some(Err(e)) => errors.push(e),
            None => errors.push(overgang::FieldError::new(
                "asOf",
                ErrorCode::InvalidFormat,
                "asOf: expected a date as text YYYY-MM-DD",
            )),
        }
    }
    for (key, slot) in [
        ("minCell", &mut out.min_cell),
        ("minWave", &mut out.min_wave),
    ] {
        if let Some(v) = get(key) {
            match overgang::answer::count(key, crate::convert::raw_answer(&v)) {
                Ok(n) => *slot = n,
                Err(e) => errors.push(e),
            }
        }
    }
    if let Some(v) = get("interventionBins") {
        match overgang::answer::count("interventionBins", crate::convert::raw_answer(&v)) {
            Ok(n) => out.intervention_bins = usize::try_from(n).unwrap_or(usize::MAX),
            Err(e) => errors.push(e),
        }
    }
    if let Some(v) = get("format") {
        match v.as_string().map(|s| s.parse::<Format>()) {
            Some(Ok(f)) => format = f,
            _ => errors.push(overgang::FieldError::new(
                "format",
                ErrorCode::UnknownValue,
                "format: unknown value; allowed: md, json, html, csv",
            )),
        }
    }
    if let Some(v) = get("lang") {
        match v.as_string().as_deref().and_then(Language::parse) {
            Some(l) => lang = l,
            None => errors.push(overgang::FieldError::new(
                "lang",
                ErrorCode::UnknownValue,
                "lang: unknown value; allowed: da, en",
            )),
        }
    }
    if errors.is_empty() {
        Ok((out, format, lang))
    } else {
        Err(ValidationError::new(errors))
    }
}

/// The report of a cohort document (JSON text or an object) as a plain object with the
/// documented snake_case JSON keys (docs/report.md). Options: `{asOf, minCell, minWave}`.
#[wasm_bindgen(js_name = cohortReport, unchecked_return_type = "CohortReport")]
pub fn cohort_report(
    #[wasm_bindgen(unchecked_param_type = "string | object")] cohort: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CohortReportOptions | undefined")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let (options, _, _) = options(&opts).into_js()?;
    let doc = from_js_document(&cohort).into_js()?;
    let cohort = overgang::cohort::Cohort::from_value(&doc).into_js()?;
    let report = cohort.report(&options).into_js()?;
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// The report rendered as text: options `{format: "md"|"html"|"csv"|"json", lang: "da"|"en", asOf, minCell, minWave}`.
#[wasm_bindgen(js_name = cohortRender)]
pub fn cohort_render(
    #[wasm_bindgen(unchecked_param_type = "string | object")] cohort: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CohortReportOptions | undefined")] opts: JsValue,
) -> Result<String, JsValue> {
    let (options, format, lang) = options(&opts).into_js()?;
    let doc = from_js_document(&cohort).into_js()?;
    let cohort = overgang::cohort::Cohort::from_value(&doc).into_js()?;
    let report = cohort.report(&options).into_js()?;
    Ok(overgang::report::render(&report, format, lang))
}

/// The built-in synthetic sample cohort as a JSON document (text).
#[wasm_bindgen(js_name = sampleCohort)]
pub fn sample_cohort() -> String {
    overgang::cohort::Cohort::sample().to_json()
}
