//! CTI courses: `Course(contact_start, phase1_start, phase_months=4)`.

use crate::convert::document;
use crate::errors::IntoPyResult;
use overgang::{ErrorCode, ValidationError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict};
use time::Date;

/// A date from `datetime.date` (or anything with `isoformat()`) or ISO text, for `field`.
fn date(py: Python<'_>, field: &str, value: &Bound<'_, PyAny>) -> PyResult<Date> {
    let text: Option<String> = value.extract::<String>().ok().or_else(|| {
        if value.is_instance_of::<PyDate>() {
            // `datetime` and `pandas.Timestamp` too (at midnight).
            crate::convert::date_text(value).ok()
        } else {
            None
        }
    });
    match text {
        Some(t) => overgang::dates::parse_date(field, &t)
            .map_err(|e| ValidationError::new(vec![e]))
            .into_py_result(py),
        None => Err(ValidationError::single(
            field,
            ErrorCode::InvalidFormat,
            format!("{field}: expected a datetime.date or text YYYY-MM-DD"),
        ))
        .into_py_result(py),
    }
}

fn py_date<'py>(py: Python<'py>, d: Date) -> PyResult<Bound<'py, PyDate>> {
    PyDate::new(py, d.year(), d.month() as u8, d.day())
}

/// A planned CTI course: a contact period, then three phases of `phase_months` months.
#[pyclass(name = "Course", module = "overgang.cti", frozen)]
pub struct Course(overgang::cti::Course);

#[pymethods]
impl Course {
    #[new]
    #[pyo3(signature = (contact_start, phase1_start, phase_months = None))]
    fn new(
        py: Python<'_>,
        contact_start: &Bound<'_, PyAny>,
        phase1_start: &Bound<'_, PyAny>,
        phase_months: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Course> {
        let contact = date(py, "contact_start", contact_start);
        let phase1 = date(py, "phase1_start", phase1_start);
        let months = match phase_months {
            None => Ok(u64::from(overgang::cti::DEFAULT_PHASE_MONTHS)),
            Some(m) => overgang::answer::count("phase_months", crate::convert::raw_answer(m))
                .map_err(|e| ValidationError::new(vec![e]))
                .into_py_result(py),
        };
        let (contact, phase1, months) = (contact?, phase1?, months?);
        overgang::cti::Course::with_months(contact, phase1, months)
            .map(Course)
            .into_py_result(py)
    }

    /// The planned periods: a list of {phase, start, end} with datetime.date values, contact first.
    fn schedule<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .schedule()
            .into_iter()
            .map(|p| {
                let d = PyDict::new(py);
                d.set_item("phase", p.phase.as_str())?;
                d.set_item("start", py_date(py, p.start)?)?;
                d.set_item("end", py_date(py, p.end)?)?;
                Ok(d)
            })
            .collect()
    }

    /// The planned phase id on a date, or None before the contact start and from the planned end.
    fn phase_on(&self, py: Python<'_>, day: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        let d = date(py, "date", day)?;
        Ok(self.0.phase_on(d).map(|p| p.as_str()))
    }

    /// The first day after phase 3.
    fn planned_end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.0.planned_end())
    }

    #[getter]
    fn contact_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.0.contact_start)
    }
    #[getter]
    fn phase1_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.0.phase1_start)
    }
    #[getter]
    fn phase_months(&self) -> u8 {
        self.0.phase_months
    }

    /// Reads `{contact_start, phase1_start, phase_months}` (JSON text or a dict).
    #[staticmethod]
    fn from_json(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<Course> {
        let value = document(py, doc)?;
        overgang::cti::Course::from_value(&value)
            .map(Course)
            .into_py_result(py)
    }

    /// The course as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!(
            "Course(contact_start={}, phase1_start={}, phase_months={})",
            self.0.contact_start, self.0.phase1_start, self.0.phase_months
        )
    }
}

/// Validates a recorded course; returns {"course": dict, "warnings": [{field, code, message}],
/// "status": {status, phase?, reason?}} with the status on `status_on` (default: the course's
/// own last date; today's date is never assumed).
#[pyfunction]
#[pyo3(signature = (doc, status_on = None))]
fn course_from_json<'py>(
    py: Python<'py>,
    doc: &Bound<'py, PyAny>,
    status_on: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = document(py, doc)?;
    let course = overgang::cti::RecordedCourse::from_value(&value).into_py_result(py)?;
    let on = match status_on {
        Some(d) => date(py, "status_on", d)?,
        None => course
            .dates()
            .into_iter()
            .max()
            .unwrap_or(course.plan.contact_start),
    };
    let warnings = course.warnings();
    let status = course.status(on);
    Ok(pythonize::pythonize(
        py,
        &serde_json::json!({"course": course, "warnings": warnings, "status": status}),
    )?)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Course>()?;
    m.add_function(wrap_pyfunction!(course_from_json, m)?)?;
    Ok(())
}
