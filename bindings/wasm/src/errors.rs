//! Maps the core's `ValidationError` to a JavaScript `Error` named `ValidationError`.

use js_sys::{Array, Error, Object, Reflect};
use wasm_bindgen::JsValue;

/// A real `Error` (with a stack, `instanceof Error`) whose `name` is `"ValidationError"` and
/// whose `errors` is an array of `{field, code, message}`.
pub fn to_js(err: &overgang::ValidationError) -> JsValue {
    let js = Error::new(&err.to_string());
    js.set_name("ValidationError");
    let list: Array = err
        .errors()
        .iter()
        .map(|e| {
            let o = Object::new();
            let _ = Reflect::set(&o, &"field".into(), &e.field.as_str().into());
            let _ = Reflect::set(&o, &"code".into(), &e.code.as_str().into());
            let _ = Reflect::set(&o, &"message".into(), &e.message.as_str().into());
            if let Some(at) = &e.location {
                let loc = Object::new();
                let _ = Reflect::set(&loc, &"file".into(), &at.file.as_str().into());
                let _ = Reflect::set(&loc, &"line".into(), &JsValue::from_f64(at.line as f64));
                if let Some(c) = &at.column {
                    let _ = Reflect::set(&loc, &"column".into(), &c.as_str().into());
                }
                let _ = Reflect::set(&o, &"location".into(), &loc);
            }
            if let Some(ctx) = &e.context {
                let serializer = serde_wasm_bindgen::Serializer::json_compatible();
                if let Ok(v) = serde::Serialize::serialize(ctx, &serializer) {
                    let _ = Reflect::set(&o, &"context".into(), &v);
                }
            }
            JsValue::from(o)
        })
        .collect();
    let _ = Reflect::set(&js, &"errors".into(), &list);
    js.into()
}

/// `result.map_err(to_js)` as a method.
pub trait IntoJsResult<T> {
    /// Converts a core result into a wasm-bindgen result.
    fn into_js(self) -> Result<T, JsValue>;
}

impl<T> IntoJsResult<T> for Result<T, overgang::ValidationError> {
    fn into_js(self) -> Result<T, JsValue> {
        self.map_err(|e| to_js(&e))
    }
}

/// Every error code the library can produce.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = errorCodes, unchecked_return_type = "string[]")]
pub fn error_codes() -> JsValue {
    overgang::ErrorCode::ALL
        .iter()
        .map(|c| JsValue::from_str(c.as_str()))
        .collect::<js_sys::Array>()
        .into()
}
