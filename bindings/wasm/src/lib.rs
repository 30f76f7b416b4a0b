//! WebAssembly bindings of overgang: convert JavaScript values, call the core crate, map errors.
//!
//! Results are plain objects with camelCase keys (`poorWellbeing`); ids stay `snake_case`
//! strings (`"no_immediate_risk"`). Errors are real `Error`s named `ValidationError` with an
//! `errors` array of `{field, code, message}`.

#[cfg(feature = "report")]
mod cohort;
#[cfg(feature = "report")]
mod compare;
mod convert;
mod domain;
mod errors;

use convert::{raw_answer, raw_answers, to_js};
use errors::IntoJsResult;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A missing answer is `null` or `undefined`. */
export type Answer = number | null | undefined;
export type Who5Band = "high_risk" | "risk" | "no_immediate_risk";
export type Who5Change = "improved" | "worsened" | "no_significant_change";
export interface Who5Score { raw: number; index: number; band: Who5Band; poorWellbeing: boolean; depressionTestAdvised: boolean; likelyDepression: boolean; }
export interface GseScore { score: number; mean: number; answered: number; imputed: boolean; }
export interface AnswerOption { value: number; label: string; }
export interface Questionnaire { id: "who5" | "gse"; language: "da" | "en"; requestedLanguage: string; fallback: boolean; title: string; stem: string; items: string[]; answers: AnswerOption[]; }
export interface FieldError { field: string; code: string; message: string; location?: { file: string; line: number; column?: string }; }
export interface IdLabel { id: string; label: string; }
export interface Participant { id: string; gender?: "woman" | "man" | "non_binary"; age?: number; age_band?: string; start: string; end?: string; forms?: string[]; goal?: string; anonymous: boolean; anti_trafficking_referral: boolean; referred_to_other_services: boolean; programme?: string; other_referrals?: string[]; interventions?: { category: string; date?: string }[]; }
export interface TenStepDimensions { health: number | null; relations: number | null; mentalWellbeing: number | null; optionsForAction: number | null; }
export interface Assessment { date: string; ratings: Record<string, number>; }
export interface AreaDevelopment { area: string; ratings: number; first: number; latest: number; change: number; positive: boolean | null; }
export interface CourseInput { contactStart: string; phase1Start: string; phaseMonths?: number; }
export interface PlannedPhase { phase: "contact" | "planning" | "try_out" | "transfer"; start: string; end: string; }
export interface TargetOption { percent: number; programmes?: string[]; measures?: string[]; }
export interface CohortReportOptions { asOf?: string; minCell?: number; minWave?: number; interventionBins?: number | number[]; offered?: string[]; binsExclude?: string[]; waveGapDays?: "any" | [number, number | null]; target?: number | TargetOption; format?: "md" | "json" | "html" | "csv"; lang?: "da" | "en"; }
/** Projects side by side (seed 001 Table 1), snake_case keys. */
export interface Comparison { projects: { project: string; participants: number; mean_months: number | null; mean_age: number | null; women_percent: number | null; who5_first_wave: { n: number; mean_index: number } | null }[]; }
/** The cohort report with its documented snake_case JSON keys (docs/report.md). */
export type CohortReport = Record<string, any>;
/** Thrown by every function on invalid input: `name` is `"ValidationError"`. */
export interface ValidationError extends Error { name: "ValidationError"; errors: FieldError[]; }
"#;

/// Scores five WHO-5 answers (0-5; `null`/`undefined` = missing). Throws a `ValidationError`.
#[wasm_bindgen(js_name = scoreWho5, unchecked_return_type = "Who5Score")]
pub fn score_who5(
    #[wasm_bindgen(unchecked_param_type = "Answer[]")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    let answers = raw_answers(&answers)
        .ok_or_else(overgang::answer::not_a_list)
        .into_js()?;
    to_js(&overgang::who5::score_answers(&answers).into_js()?)
}

/// Scores ten GSE answers (1-4; at most 3 missing). Throws a `ValidationError`.
#[wasm_bindgen(js_name = scoreGse, unchecked_return_type = "GseScore")]
pub fn score_gse(
    #[wasm_bindgen(unchecked_param_type = "Answer[]")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    let answers = raw_answers(&answers)
        .ok_or_else(overgang::answer::not_a_list)
        .into_js()?;
    to_js(&overgang::gse::score_answers(&answers).into_js()?)
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

/// The texts of a questionnaire (`"who5"` or `"gse"`) in a language (default Danish; GSE falls
/// back to English and says so), with its scale (`minAnswer`, `maxAnswer`, `minAnswered`).
#[wasm_bindgen(js_name = questionnaire, unchecked_return_type = "Questionnaire")]
pub fn questionnaire(
    #[wasm_bindgen(unchecked_param_type = "\"who5\" | \"gse\"")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] lang: JsValue,
) -> Result<JsValue, JsValue> {
    // Non-text ids and languages are passed on as "" so the core reports them its own way.
    let lang = if lang.is_undefined() || lang.is_null() {
        overgang::Language::default().as_str().to_string()
    } else {
        lang.as_string().unwrap_or_default()
    };
    let id = id.as_string().unwrap_or_default();
    let q = overgang::questionnaire::questionnaire_by_id(&id, &lang).into_js()?;
    to_js(&q)
}

/// Every error code the library can produce.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "string[]")]
pub fn error_codes() -> JsValue {
    overgang::ErrorCode::ALL
        .iter()
        .map(|c| JsValue::from_str(c.as_str()))
        .collect::<js_sys::Array>()
        .into()
}
