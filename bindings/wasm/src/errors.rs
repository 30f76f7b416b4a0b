//! Maps the core's `ValidationError` to a JavaScript `Error` named `ValidationError`.

use js_sys::{Array, Error, Object, Reflect};
use wasm_bindgen::JsValue;

/// A real `Error` (with a stack, `instanceof Error`) whose `name` is `"ValidationError"` and
/// whose `errors` is an array of `{field, code, message}`.
/// The class of the errors every function throws on invalid input, exported so that
/// `e instanceof ValidationError` works (and compiles in TypeScript). JavaScript never makes
/// one: the errors are real `Error`s (with a stack) whose prototype chain runs through this
/// class's prototype to `Error.prototype`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub struct ValidationError {
    _private: (),
}

thread_local! {
    static PROTOTYPE: std::cell::OnceCell<JsValue> = const { std::cell::OnceCell::new() };
}

/// `ValidationError.prototype`, made to inherit from `Error.prototype` the first time.
fn prototype() -> JsValue {
    PROTOTYPE.with(|p| {
        p.get_or_init(|| {
            let instance = JsValue::from(ValidationError { _private: () });
            let proto: JsValue = Object::get_prototype_of(&instance).into();
            let error_proto = Object::get_prototype_of(&Error::new(""));
            Object::set_prototype_of(&Object::from(proto.clone()), &error_proto);
            proto
        })
        .clone()
    })
}

pub fn to_js(err: &overgang::ValidationError) -> JsValue {
    let js = Error::new(&err.to_string());
    js.set_name("ValidationError");
    Object::set_prototype_of(&js, &Object::from(prototype()));
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
    // `summary`: the problems grouped by code, file and column (count and first few), as
    // `ValidationError.summary()` in Python; `summary.text` is what `overgang validate` prints.
    #[cfg(feature = "records")]
    set_summary(&js, err);
    js.into()
}

/// `summary`: the problems grouped by code, file and column (count and first few).
#[cfg(feature = "records")]
fn set_summary(js: &Error, err: &overgang::ValidationError) {
    let summary = err.summary();
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    if let Ok(v) = serde::Serialize::serialize(&summary, &serializer) {
        let _ = Reflect::set(&v, &"text".into(), &summary.to_string().into());
        let _ = Reflect::set(js, &"summary".into(), &v);
    }
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
