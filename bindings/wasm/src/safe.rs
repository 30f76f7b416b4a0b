//! Non-throwing forms for forms: `safeScoreWho5(answers)` and the like return
//! `{ok: true, value}` or `{ok: false, errors}` (the `errors` of the `ValidationError` the
//! throwing form would raise), as zod's `safeParse`, so a form needs no try/catch.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SAFE: &'static str = r#"
/** The result of a `safe*` function: the value, or every problem with the input. */
export type SafeResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
"#;

/// `{ok: true, value}` for a value; `{ok: false, errors}` for a thrown `ValidationError`; any
/// other thrown value (a bug, not bad input) is thrown on.
fn safe(result: Result<JsValue, JsValue>) -> Result<JsValue, JsValue> {
    let o = Object::new();
    match result {
        Ok(value) => {
            Reflect::set(&o, &"ok".into(), &JsValue::TRUE)?;
            Reflect::set(&o, &"value".into(), &value)?;
        }
        Err(err) => {
            let errors = Reflect::get(&err, &"errors".into()).unwrap_or(JsValue::UNDEFINED);
            if !Array::is_array(&errors) {
                return Err(err);
            }
            Reflect::set(&o, &"ok".into(), &JsValue::FALSE)?;
            Reflect::set(&o, &"errors".into(), &errors)?;
        }
    }
    Ok(o.into())
}

/// `scoreWho5` without throwing: `{ok: true, value: Who5Score}` or `{ok: false, errors}`.
#[wasm_bindgen(js_name = safeScoreWho5, unchecked_return_type = "SafeResult<Who5Score>")]
pub fn safe_score_who5(
    #[wasm_bindgen(unchecked_param_type = "Answer[]")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::who5::score_who5(answers))
}

/// `scoreGse` without throwing: `{ok: true, value: GseScore}` or `{ok: false, errors}`.
#[wasm_bindgen(js_name = safeScoreGse, unchecked_return_type = "SafeResult<GseScore>")]
pub fn safe_score_gse(
    #[wasm_bindgen(unchecked_param_type = "Answer[]")] answers: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::gse::score_gse(answers))
}

/// `who5Band` without throwing.
#[wasm_bindgen(js_name = safeWho5Band, unchecked_return_type = "SafeResult<Who5Band>")]
pub fn safe_who5_band(
    #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::who5::who5_band(index))
}

/// `who5Change` without throwing.
#[wasm_bindgen(js_name = safeWho5Change, unchecked_return_type = "SafeResult<Who5Change>")]
pub fn safe_who5_change(
    #[wasm_bindgen(unchecked_param_type = "number")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] after: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::who5::who5_change(before, after))
}

/// `validateId` without throwing: `{ok: true, value: id}` or `{ok: false, errors}` (a CPR
/// number is refused and never repeated).
#[wasm_bindgen(js_name = safeValidateId, unchecked_return_type = "SafeResult<string>")]
pub fn safe_validate_id(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::participant::validate_id(text).map(JsValue::from))
}

#[cfg(feature = "records")]
/// `participantFromJson` without throwing.
#[wasm_bindgen(js_name = safeParticipantFromJson, unchecked_return_type = "SafeResult<Participant>")]
pub fn safe_participant_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::participant::participant_from_json(doc))
}

#[cfg(feature = "records")]
/// `validateRecord` without throwing.
#[wasm_bindgen(js_name = safeRecordFromJson, unchecked_return_type = "SafeResult<Participant & Record<string, unknown>>")]
pub fn safe_record_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | object")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    safe(crate::participant::record_from_json(doc))
}
