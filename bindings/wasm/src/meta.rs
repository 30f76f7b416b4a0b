//! What a caller asks of the package itself: its version, and the kinds of option lists.

use wasm_bindgen::prelude::*;

/// The package version (the Rust crates' version, e.g. `"0.1.0"`), as Python's `__version__`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The kinds `options(kind, lang)` accepts, as Python's `OPTION_KINDS`.
#[wasm_bindgen(js_name = optionKinds, unchecked_return_type = "string[]")]
pub fn option_kinds() -> JsValue {
    overgang::catalogue::KINDS
        .iter()
        .map(|k| JsValue::from_str(k))
        .collect::<js_sys::Array>()
        .into()
}
