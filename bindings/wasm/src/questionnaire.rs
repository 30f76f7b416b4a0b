//! Questionnaire texts and scales for forms.

use crate::convert::to_js;
use crate::errors::IntoJsResult;
use wasm_bindgen::prelude::*;

/// The texts of a questionnaire (`"who5"` or `"gse"`) in a language (default Danish; GSE falls
/// back to English and says so), with its scale (`minAnswer`, `maxAnswer`, `minAnswered`).
#[wasm_bindgen(js_name = questionnaire, unchecked_return_type = "Questionnaire")]
pub fn questionnaire(
    #[wasm_bindgen(unchecked_param_type = "\"who5\" | \"gse\"")] id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] lang: JsValue,
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
