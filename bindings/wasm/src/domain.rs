//! Participants, id lists, the ten-step scale, life-situation areas and CTI courses.
//!
//! API results are plain objects with camelCase keys; documents (a participant, a course) keep
//! their snake_case JSON keys, so what a form downloads is what the cohort report reads.

use crate::convert::{from_js_document, raw_answer, snake_case_keys, to_js, to_js_document};
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// A language tag by the core's one policy (`da-DK` is Danish; unknown tags are errors; none
/// is the default language).
pub(crate) fn language(lang: &JsValue) -> Result<overgang::Language, JsValue> {
    if lang.is_undefined() || lang.is_null() {
        return Ok(overgang::Language::default());
    }
    let tag = lang.as_string().unwrap_or_default();
    overgang::Language::from_tag("lang", &tag)
        .map_err(|e| overgang::ValidationError::new(vec![e]))
        .into_js()
}

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

/// Validates a participant (JSON text or object); returns it with its JSON keys.
#[wasm_bindgen(js_name = participantFromJson, unchecked_return_type = "Participant")]
pub fn participant_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    let p = overgang::participant::Participant::from_value(&value).into_js()?;
    to_js_document(&p)
}

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

/// Ids and labels for a form: `options("interventions", "da")` -> [{id, label}].
#[wasm_bindgen(js_name = options, unchecked_return_type = "IdLabel[]")]
pub fn options(
    kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] lang: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(
        &overgang::catalogue::options(&kind.as_string().unwrap_or_default(), language(&lang)?)
            .into_js()?,
    )
}

macro_rules! option_list {
    ($js:literal, $rust:ident, $kind:literal) => {
        #[doc = concat!("`[{id, label}]` of the ", $kind, " list, for forms.")]
        #[wasm_bindgen(js_name = $js, unchecked_return_type = "IdLabel[]")]
        pub fn $rust(
            #[wasm_bindgen(unchecked_param_type = "string | undefined")] lang: JsValue,
        ) -> Result<JsValue, JsValue> {
            to_js(&overgang::catalogue::options($kind, language(&lang)?).into_js()?)
        }
    };
}
option_list!("interventions", interventions, "interventions");
option_list!("genders", genders, "genders");
option_list!("ageBands", age_bands, "age_bands");
option_list!(
    "prostitutionForms",
    prostitution_forms,
    "prostitution_forms"
);
option_list!("intakeGoals", intake_goals, "intake_goals");
option_list!("tenStepAreas", ten_step_areas, "ten_step_areas");
option_list!(
    "lifeSituationAreas",
    life_situation_areas,
    "life_situation_areas"
);
option_list!("focusAreas", focus_areas, "focus_areas");
option_list!("ctiPhases", cti_phases, "cti_phases");

/// The stage of a ten-step step 1-10: "survival", "stabilisation" or "integration".
#[wasm_bindgen(js_name = tenStepStage)]
pub fn ten_step_stage(
    #[wasm_bindgen(unchecked_param_type = "number")] step: JsValue,
) -> Result<String, JsValue> {
    overgang::ten_step::stage_of(raw_answer(&step))
        .map(|s| s.as_str().to_string())
        .into_js()
}

/// Dimension values `{health, relations, mentalWellbeing, optionsForAction}` (means of rated
/// areas, `null` when none is rated) of `{area: step}`, under the default or a given mapping.
#[wasm_bindgen(js_name = tenStepDimensions, unchecked_return_type = "TenStepDimensions")]
pub fn ten_step_dimensions(
    #[wasm_bindgen(unchecked_param_type = "Record<string, number>")] ratings: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string[]> | undefined")] mapping: JsValue,
) -> Result<JsValue, JsValue> {
    let ratings = from_js_document(&ratings).into_js()?;
    let mapping = if mapping.is_undefined() || mapping.is_null() {
        None
    } else {
        Some(snake_case_keys(from_js_document(&mapping).into_js()?))
    };
    to_js(&overgang::ten_step::dimensions_of(&ratings, mapping.as_ref()).into_js()?)
}

/// Development per area over assessments `[{date, ratings}]`.
#[wasm_bindgen(js_name = tenStepDevelopment, unchecked_return_type = "AreaDevelopment[]")]
pub fn ten_step_development(
    #[wasm_bindgen(unchecked_param_type = "Assessment[]")] assessments: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&assessments).into_js()?;
    to_js(&overgang::ten_step::development_of(&value).into_js()?)
}

/// The journey-of-change stage of a life-situation rating 1-10.
#[wasm_bindgen(js_name = outcomeStage)]
pub fn outcome_stage(
    #[wasm_bindgen(unchecked_param_type = "number")] rating: JsValue,
) -> Result<String, JsValue> {
    overgang::outcomes::stage_of(raw_answer(&rating))
        .map(|s| s.as_str().to_string())
        .into_js()
}

/// Distance travelled between two ratings: `{steps, class}`.
#[wasm_bindgen(js_name = outcomeDistance, unchecked_return_type = "{steps: number, class: string}")]
pub fn outcome_distance(
    #[wasm_bindgen(unchecked_param_type = "number")] first: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] latest: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&overgang::outcomes::distance_of(raw_answer(&first), raw_answer(&latest)).into_js()?)
}

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
#[wasm_bindgen(js_name = validateCourse, unchecked_return_type = "{course: object, warnings: FieldError[], status: {status: string, phase?: string, reason?: string}}")]
pub fn validate_course(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] status_on: JsValue,
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

/// Validates a participant record as the cohort report reads it (registration plus `who5`,
/// `gse`, `ten_step`, `outcomes`, `cti`); returns it with its JSON keys. This is what a form
/// downloads and loads again.
#[wasm_bindgen(js_name = validateRecord, unchecked_return_type = "Participant & Record<string, unknown>")]
pub fn validate_record(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    let m = overgang::cohort::Member::from_value(&value).into_js()?;
    to_js_document(&m)
}

/// Validates a ten-step assessment `{date, ratings}`; returns it with its JSON keys.
#[wasm_bindgen(js_name = assessmentFromJson, unchecked_return_type = "Assessment")]
pub fn assessment_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    to_js_document(&overgang::ten_step::Assessment::from_value(&value).into_js()?)
}

/// Validates a life-situation reading `{date, ratings}`; returns it with its JSON keys.
#[wasm_bindgen(js_name = readingFromJson, unchecked_return_type = "Assessment")]
pub fn reading_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js_document(&doc).into_js()?;
    to_js_document(&overgang::outcomes::Reading::from_value(&value).into_js()?)
}

#[wasm_bindgen]
extern "C" {
    // Web Crypto: `globalThis.crypto` in browsers and Node 20.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// A new random 32-byte key for `pseudonym` (Web Crypto). Keep it secret and apart from the
/// data; keys shorter than 16 bytes are refused (`weak_key`).
#[wasm_bindgen(js_name = newPseudonymKey)]
pub fn new_pseudonym_key() -> Result<Vec<u8>, JsValue> {
    let mut key = vec![0u8; overgang::participant::NEW_KEY_BYTES];
    get_random_values(&mut key)?;
    Ok(key)
}
