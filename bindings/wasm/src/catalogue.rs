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
