//! Typed-array batch scoring: `scoreWho5Batch(cells, rows)`, `scoreGseBatch(cells, rows)`, as
//! Python's `score_who5_array`: one row per questionnaire, results as typed-array columns and a
//! per-row error code instead of an exception, so one bad row does not stop a batch. The rules
//! are the core's (`overgang::batch`).

use crate::errors::IntoJsResult;
use js_sys::{Float64Array, Int8Array, Object, Reflect, Uint8Array};
use overgang::{ErrorCode, RawAnswer, ValidationError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH: &'static str = r#"
/** Row-major answers, `rows × items` cells: a `Uint8Array` (every answer given) or a
 *  `Float64Array` (`NaN` = missing). */
export type BatchCells = Uint8Array | Float64Array;
/** WHO-5 results, one element per row. Where `error[i] != 0` the row has no score: `raw` and
 *  `index` are 0 and `band` is -1. Booleans are 0/1. */
export interface Who5Batch {
  raw: Uint8Array;
  index: Uint8Array;
  /** 0 `high_risk`, 1 `risk`, 2 `no_immediate_risk`, -1 no score (see `batchBands()`). */
  band: Int8Array;
  /** Raw below 13. */
  poorWellbeing: Uint8Array;
  /** Raw below 13 or any item 0 or 1. */
  depressionTestAdvised: Uint8Array;
  likelyDepression: Uint8Array;
  /** 0 = valid, otherwise an error number (see `batchErrorCodes()`). */
  error: Uint8Array;
}
/** GSE results, one element per row; `score` and `mean` are NaN where `error[i] != 0`. */
export interface GseBatch {
  score: Float64Array;
  mean: Float64Array;
  answered: Uint8Array;
  imputed: Uint8Array;
  error: Uint8Array;
}
"#;

/// The cells of a typed array, and whether they are integers (`Uint8Array`) or floats.
enum Cells {
    Int(Vec<u8>),
    Float(Vec<f64>),
}

fn cells(
    data: &JsValue,
    rows: &JsValue,
    what: &str,
    items: usize,
) -> Result<Cells, ValidationError> {
    let cells = if let Some(a) = data.dyn_ref::<Uint8Array>() {
        Cells::Int(a.to_vec())
    } else if let Some(a) = data.dyn_ref::<Float64Array>() {
        Cells::Float(a.to_vec())
    } else {
        return Err(ValidationError::single(
            "items",
            ErrorCode::NotANumber,
            format!("items: {what} batch scoring needs a Uint8Array or a Float64Array of answers"),
        ));
    };
    let len = match &cells {
        Cells::Int(v) => v.len(),
        Cells::Float(v) => v.len(),
    };
    let rows = match rows.as_f64() {
        Some(r) if r >= 0.0 && r.fract() == 0.0 && r <= u32::MAX as f64 => r as usize,
        _ => {
            return Err(ValidationError::single(
                "rows",
                ErrorCode::NotAnInteger,
                "rows: the number of rows must be a whole number, 0 or more",
            ))
        }
    };
    if rows.checked_mul(items) != Some(len) {
        return Err(ValidationError::single(
            "items",
            ErrorCode::WrongLength,
            format!("items: {what} needs rows × {items} cells; got {len} cells for {rows} rows"),
        ));
    }
    Ok(cells)
}

fn set(o: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), value);
}

fn bools(v: &[bool]) -> Uint8Array {
    let bytes: Vec<u8> = v.iter().map(|&b| u8::from(b)).collect();
    Uint8Array::from(&bytes[..])
}

/// Scores `rows` WHO-5 questionnaires from row-major cells (answers 0-5). A bad row gets an
/// error number; only a wrong type or shape throws a `ValidationError`.
#[wasm_bindgen(js_name = scoreWho5Batch, unchecked_return_type = "Who5Batch")]
pub fn score_who5_batch(
    #[wasm_bindgen(unchecked_param_type = "BatchCells")] cells_: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let out = match cells(&cells_, &rows, "WHO-5", overgang::who5::ITEMS).into_js()? {
        Cells::Int(v) => overgang::batch::who5_rows(&v, |x| RawAnswer::Integer(i64::from(x))),
        Cells::Float(v) => overgang::batch::who5_rows(&v, RawAnswer::Float),
    };
    let o = Object::new();
    set(&o, "raw", &Uint8Array::from(&out.raw[..]));
    set(&o, "index", &Uint8Array::from(&out.index[..]));
    set(&o, "band", &Int8Array::from(&out.band[..]));
    set(&o, "poorWellbeing", &bools(&out.poor_wellbeing));
    set(
        &o,
        "depressionTestAdvised",
        &bools(&out.depression_test_advised),
    );
    set(&o, "likelyDepression", &bools(&out.likely_depression));
    set(&o, "error", &Uint8Array::from(&out.error[..]));
    Ok(o.into())
}

/// Scores `rows` GSE questionnaires from row-major cells (answers 1-4, at most 3 missing as
/// `NaN`). A bad row gets an error number; only a wrong type or shape throws.
#[wasm_bindgen(js_name = scoreGseBatch, unchecked_return_type = "GseBatch")]
pub fn score_gse_batch(
    #[wasm_bindgen(unchecked_param_type = "BatchCells")] cells_: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let out = match cells(&cells_, &rows, "GSE", overgang::gse::ITEMS).into_js()? {
        Cells::Int(v) => overgang::batch::gse_rows(&v, |x| RawAnswer::Integer(i64::from(x))),
        Cells::Float(v) => overgang::batch::gse_rows(&v, RawAnswer::Float),
    };
    let o = Object::new();
    set(&o, "score", &Float64Array::from(&out.score[..]));
    set(&o, "mean", &Float64Array::from(&out.mean[..]));
    set(&o, "answered", &Uint8Array::from(&out.answered[..]));
    set(&o, "imputed", &bools(&out.imputed));
    set(&o, "error", &Uint8Array::from(&out.error[..]));
    Ok(o.into())
}

/// The numbers of the batch `error` column: `{0: "valid", 1: "missing", ...}`, every code.
#[wasm_bindgen(js_name = batchErrorCodes, unchecked_return_type = "Record<number, string>")]
pub fn batch_error_codes() -> JsValue {
    let o = Object::new();
    set(&o, "0", &JsValue::from_str("valid"));
    for (n, code) in overgang::batch::error_numbers() {
        set(&o, &n.to_string(), &JsValue::from_str(code));
    }
    o.into()
}

/// The band numbers of `Who5Batch.band`: `{0: "high_risk", 1: "risk", 2: "no_immediate_risk"}`.
#[wasm_bindgen(js_name = batchBands, unchecked_return_type = "Record<number, string>")]
pub fn batch_bands() -> JsValue {
    let o = Object::new();
    for band in overgang::who5::Who5Band::ALL {
        set(
            &o,
            &band.code().to_string(),
            &JsValue::from_str(band.as_str()),
        );
    }
    o.into()
}
