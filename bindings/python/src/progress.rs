//! Progress of a long read, reported to a Python callable or a tqdm bar. The core calls back
//! after each participant without the GIL; the GIL is taken only when a megabyte more has been
//! read, so a progress bar costs next to nothing.

use overgang::cohort::ReadProgress;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Bytes between two reports.
const EVERY_BYTES: u64 = 1 << 20;

/// Where progress goes.
enum Target {
    None,
    /// `progress(bytes_read, total_bytes, participants)`.
    Callable(Py<PyAny>),
    /// A tqdm bar counting bytes (`update(delta)`).
    Tqdm(Py<PyAny>),
}

/// Reports progress to the target chosen by the `progress` argument.
pub struct Reporter {
    target: Target,
    total: u64,
    shown: AtomicU64,
    /// The first exception the callable raised, raised again when the read is over.
    failed: Mutex<Option<PyErr>>,
}

impl Reporter {
    /// `progress`: `None`/`False` (quiet), `True` (tqdm when installed) or a callable.
    pub fn new(py: Python<'_>, progress: Option<&Bound<'_, PyAny>>, total: u64) -> PyResult<Self> {
        let target = match progress {
            None => Target::None,
            Some(p) if p.is_instance_of::<PyBool>() => {
                if p.extract::<bool>()? {
                    tqdm(py, total).map_or(Target::None, Target::Tqdm)
                } else {
                    Target::None
                }
            }
            Some(p) if p.is_callable() => Target::Callable(p.clone().unbind()),
            Some(_) => {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "progress: expected a callable progress(bytes_read, total_bytes, participants), True or None",
                ))
            }
        };
        Ok(Reporter {
            target,
            total,
            shown: AtomicU64::new(0),
            failed: Mutex::new(None),
        })
    }

    /// Called by the core after each participant (without the GIL).
    pub fn update(&self, p: ReadProgress) {
        if matches!(self.target, Target::None) {
            return;
        }
        let shown = self.shown.load(Ordering::Relaxed);
        if p.bytes < shown + EVERY_BYTES && p.bytes < self.total {
            return;
        }
        self.shown.store(p.bytes, Ordering::Relaxed);
        Python::attach(|py| self.report(py, p.bytes, shown, p.participants));
    }

    fn report(&self, py: Python<'_>, bytes: u64, shown: u64, participants: usize) {
        let result = match &self.target {
            Target::None => Ok(()),
            Target::Callable(f) => f.call1(py, (bytes, self.total, participants)).map(drop),
            Target::Tqdm(bar) => bar
                .call_method1(py, "update", (bytes.saturating_sub(shown),))
                .map(drop),
        };
        if let Err(e) = result {
            if let Ok(mut failed) = self.failed.lock() {
                failed.get_or_insert(e);
            }
        }
    }

    /// Ends the report (closes a tqdm bar) and raises what the callable raised, if anything.
    pub fn close(self, py: Python<'_>) -> PyResult<()> {
        if let Target::Tqdm(bar) = &self.target {
            bar.call_method0(py, "close")?;
        }
        match self.failed.into_inner() {
            Ok(Some(e)) => Err(e),
            _ => Ok(()),
        }
    }
}

/// A tqdm bar over `total` bytes, or `None` when tqdm is not installed.
fn tqdm(py: Python<'_>, total: u64) -> Option<Py<PyAny>> {
    let module = py.import("tqdm").ok()?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("total", total).ok()?;
    kwargs.set_item("unit", "B").ok()?;
    kwargs.set_item("unit_scale", true).ok()?;
    kwargs.set_item("desc", "overgang").ok()?;
    module
        .call_method("tqdm", (), Some(&kwargs))
        .ok()
        .map(Bound::unbind)
}
