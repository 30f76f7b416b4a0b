//! Vectorised scoring of numpy arrays: `score_who5_array(a)`, `score_gse_array(a)`.
//!
//! C-contiguous float64 and int64 arrays are read in place (no copy); the thin Python wrapper
//! (`overgang/_array.py`) fills masked values with NaN and converts other dtypes or layouts
//! with one copy. The GIL is released while the core scores.

use numpy::{PyArray1, PyReadonlyArray2, PyUntypedArrayMethods};
use overgang::{ErrorCode, RawAnswer, ValidationError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn shape_error(py: Python<'_>, what: &str, cols: usize, shape: &[usize]) -> PyErr {
    crate::errors::to_py(
        py,
        ValidationError::single(
            "items",
            ErrorCode::WrongLength,
            format!("items: {what} needs a 2-D array of shape (n, {cols}); got shape {shape:?}"),
        ),
    )
}

/// The cells of a 2-D array, in place when contiguous: float64 or int64.
enum Cells<'py> {
    Float(PyReadonlyArray2<'py, f64>),
    Int(PyReadonlyArray2<'py, i64>),
}

fn cells<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    what: &str,
    cols: usize,
) -> PyResult<Cells<'py>> {
    let cells = if let Ok(f) = a.extract::<PyReadonlyArray2<'py, f64>>() {
        Cells::Float(f)
    } else if let Ok(i) = a.extract::<PyReadonlyArray2<'py, i64>>() {
        Cells::Int(i)
    } else {
        return Err(crate::errors::to_py(
            py,
            ValidationError::single(
                "items",
                ErrorCode::NotANumber,
                format!("items: {what} needs a 2-D numeric numpy array (float64 or int64)"),
            ),
        ));
    };
    let shape = match &cells {
        Cells::Float(f) => f.shape().to_vec(),
        Cells::Int(i) => i.shape().to_vec(),
    };
    if shape.len() != 2 || shape[1] != cols {
        return Err(shape_error(py, what, cols, &shape));
    }
    Ok(cells)
}

fn columns<'py, T: numpy::Element>(
    py: Python<'py>,
    d: &Bound<'py, PyDict>,
    name: &str,
    v: Vec<T>,
) -> PyResult<()> {
    d.set_item(name, PyArray1::from_vec(py, v))
}

/// Scores an (n, 5) array; returns a dict of numpy arrays (see `overgang.Who5Arrays`).
#[pyfunction]
fn _score_who5_array<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let out = match cells(py, a, "WHO-5", overgang::who5::ITEMS)? {
        Cells::Float(f) => {
            let data = f
                .as_slice()
                .map_err(|_| shape_error(py, "WHO-5", 5, f.shape()))?;
            py.detach(|| overgang::batch::who5_rows(data, RawAnswer::Float))
        }
        Cells::Int(i) => {
            let data = i
                .as_slice()
                .map_err(|_| shape_error(py, "WHO-5", 5, i.shape()))?;
            py.detach(|| overgang::batch::who5_rows(data, RawAnswer::Integer))
        }
    };
    let d = PyDict::new(py);
    columns(py, &d, "raw", out.raw)?;
    columns(py, &d, "index", out.index)?;
    columns(py, &d, "band", out.band)?;
    columns(py, &d, "poor_wellbeing", out.poor_wellbeing)?;
    columns(
        py,
        &d,
        "depression_test_advised",
        out.depression_test_advised,
    )?;
    columns(py, &d, "likely_depression", out.likely_depression)?;
    columns(py, &d, "error", out.error)?;
    Ok(d)
}

/// Scores an (n, 10) array; returns a dict of numpy arrays (see `overgang.GseArrays`).
#[pyfunction]
fn _score_gse_array<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let out = match cells(py, a, "GSE", overgang::gse::ITEMS)? {
        Cells::Float(f) => {
            let data = f
                .as_slice()
                .map_err(|_| shape_error(py, "GSE", 10, f.shape()))?;
            py.detach(|| overgang::batch::gse_rows(data, RawAnswer::Float))
        }
        Cells::Int(i) => {
            let data = i
                .as_slice()
                .map_err(|_| shape_error(py, "GSE", 10, i.shape()))?;
            py.detach(|| overgang::batch::gse_rows(data, RawAnswer::Integer))
        }
    };
    let d = PyDict::new(py);
    columns(py, &d, "score", out.score)?;
    columns(py, &d, "mean", out.mean)?;
    columns(py, &d, "answered", out.answered)?;
    columns(py, &d, "imputed", out.imputed)?;
    columns(py, &d, "error", out.error)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_score_who5_array, m)?)?;
    m.add_function(wrap_pyfunction!(_score_gse_array, m)?)?;
    m.add("ARRAY_ERRORS", overgang::batch::error_numbers())?;
    Ok(())
}
