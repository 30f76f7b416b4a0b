//! Id lists with labels for forms, from the core's one catalogue, and the language policy.

use crate::convert::to_js;
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

/// Ids and labels for a form: `options("interventions", "da")` -> [{id, label}].
#[wasm_bindgen(js_name = options, unchecked_return_type = "IdLabel[]")]
pub fn options(
    kind: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] lang: JsValue,
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
            #[wasm_bindgen(unchecked_optional_param_type = "string")] lang: JsValue,
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
option_list!("outcomesAreas", outcomes_areas, "life_situation_areas");
option_list!("outcomesStages", outcomes_stages, "journey_stages");
option_list!("tenStepStages", ten_step_stages, "ten_step_stages");
option_list!(
    "tenStepDimensionList",
    ten_step_dimension_list,
    "ten_step_dimensions"
);
option_list!("endReasons", end_reasons, "end_reasons");
option_list!("outreachForms", outreach_forms, "outreach_forms");
option_list!("regions", regions, "regions");
option_list!("municipalities", municipalities, "municipalities");
option_list!("supportRoles", support_roles, "support_roles");
option_list!("focusAreas", focus_areas, "focus_areas");
option_list!("ctiPhases", cti_phases, "cti_phases");

/// The message of one problem (an element of a `ValidationError`'s `errors`) in a language,
/// from its code and context (the core's `catalogue::message`): what a form shows beside the
/// field, without restating a rule. `errorMessage({code: "out_of_range", context: {min: 18,
/// max: 120}, ...}, "da")` is "Skal være mellem 18 og 120.".
///
/// In the builds with `records` only: the messages of every code in two languages are too large
/// for the web form's first module, which loads the second when it has an error to show.
#[cfg(feature = "records")]
#[wasm_bindgen(js_name = errorMessage)]
pub fn error_message(
    #[wasm_bindgen(unchecked_param_type = "FieldError")] error: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] lang: JsValue,
) -> Result<String, JsValue> {
    let lang = language(&lang)?;
    let error = field_error(&error).ok_or_else(|| {
        crate::errors::to_js(&overgang::ValidationError::single(
            "error",
            overgang::ErrorCode::InvalidFormat,
            "error: expected a problem as a ValidationError's errors hold it: {field, code, message, context?}",
        ))
    })?;
    Ok(overgang::catalogue::message(&error, lang))
}

/// A problem as the bindings give it (`{field, code, message, context?}`), read by hand
/// (serde's reader of it is large); `None` when it is not one.
#[cfg(feature = "records")]
fn field_error(value: &JsValue) -> Option<overgang::FieldError> {
    use js_sys::Reflect;
    let get = |o: &JsValue, k: &str| {
        Reflect::get(o, &k.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let code = get(value, "code")?.as_string()?;
    let code = *overgang::ErrorCode::ALL
        .iter()
        .find(|c| c.as_str() == code)?;
    let field = get(value, "field")
        .and_then(|f| f.as_string())
        .unwrap_or_default();
    let message = get(value, "message")
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    let mut e = overgang::FieldError::new(field, code, message);
    let Some(ctx) = get(value, "context") else {
        return Some(e);
    };
    let texts = |k: &str| -> Option<Vec<String>> {
        let list = get(&ctx, k)?;
        js_sys::Array::is_array(&list).then(|| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|x| x.as_string())
                .collect()
        })
    };
    let number = |k: &str| get(&ctx, k).and_then(|v| v.as_f64());
    let c = e.context.get_or_insert_with(Box::default);
    c.min = number("min");
    c.max = number("max");
    c.allowed = texts("allowed");
    c.characters = texts("characters");
    c.max_length = number("max_length").map(|n| n as u64);
    c.min_length = number("min_length").map(|n| n as u64);
    c.format = get(&ctx, "format").and_then(|v| v.as_string());
    Some(e)
}
