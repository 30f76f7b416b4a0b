//! Participants of a cohort document read one at a time, on any thread: each validated into a
//! typed record (the fast path of [`super::fast`], or the error-collecting reader for anything
//! it does not take), then kept by the calling thread in the document's order with what is
//! needed to report repeated IDs.

use super::record::{member, record_keys, ParticipantRecord};
use crate::error::{ErrorCode, FieldError};
use crate::json as doc;
use serde_json::Value;

/// What is kept of a participant has its ID (to find one used twice).
pub(super) trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for ParticipantRecord {
    fn key(&self) -> &str {
        self.participant.id.as_str()
    }
}

/// One participant as read: what is kept of them (when they could be read), and their
/// problems.
pub(super) struct Read<T> {
    pub(super) kept: Option<T>,
    pub(super) errors: Vec<FieldError>,
}

impl<T> Read<T> {
    /// What is kept, made into something else.
    pub(super) fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        Read {
            kept: self.kept.map(f),
            errors: self.errors,
        }
    }
}

/// What reads a participant from its text, on any thread (see [`read_text`]).
pub(super) type Work<'w, T> =
    &'w (dyn Fn(usize, &str) -> Result<Read<T>, serde_json::Error> + Sync);

/// Reads the `i`th participant from its text.
///
/// # Errors
/// serde_json's error (relative to `text`) when the text is not JSON: the whole document is
/// then refused at that position.
pub(super) fn read_text(
    i: usize,
    text: &str,
) -> Result<Read<ParticipantRecord>, serde_json::Error> {
    if let Some(m) = super::fast::member(text) {
        return Ok(Read {
            kept: Some(m),
            errors: Vec::new(),
        });
    }
    match doc::parse_part(text) {
        Ok(value) => Ok(read_value(i, &value)),
        Err(e) if doc::is_duplicate_key(&e) => {
            let path = doc::indexed("participants", i);
            let message = format!("{path}: {}", doc::DUPLICATE_KEY_PROBLEM);
            Ok(Read {
                kept: None,
                errors: vec![FieldError::new(path, ErrorCode::Duplicate, message)],
            })
        }
        Err(e) => Err(e),
    }
}

/// Reads the `i`th participant from its JSON value.
pub(super) fn read_value(i: usize, value: &Value) -> Read<ParticipantRecord> {
    if let Some(m) = super::fast::member_value(value) {
        return Read {
            kept: Some(m),
            errors: Vec::new(),
        };
    }
    let mut errors = Vec::new();
    let kept = member(
        value,
        &format!("participants[{i}]"),
        &record_keys(),
        &mut errors,
    );
    Read { kept, errors }
}

/// Participants as read, in the document's order.
pub(super) struct Members<T> {
    kept: Vec<T>,
    positions: Vec<u32>,
    errors: Vec<FieldError>,
}

impl<T: Keyed> Members<T> {
    pub(super) fn new() -> Self {
        Members {
            kept: Vec::new(),
            positions: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Keeps the `i`th participant as read.
    pub(super) fn take(&mut self, i: usize, read: Read<T>) {
        self.errors.extend(read.errors);
        let Some(m) = read.kept else { return };
        // A record is several hundred bytes: grow by a quarter, not double, so a large cohort
        // does not hold up to twice the room it needs.
        if self.kept.len() == self.kept.capacity() {
            let more = (self.kept.len() / 4).max(1024);
            self.kept.reserve_exact(more);
            self.positions.reserve_exact(more);
        }
        self.kept.push(m);
        self.positions.push(u32::try_from(i).unwrap_or(u32::MAX));
    }

    /// What is kept, and every problem (a repeated ID reported at each later position).
    pub(super) fn finish(mut self) -> (Vec<T>, Vec<FieldError>) {
        let kept = &self.kept;
        let mut order: Vec<usize> = (0..kept.len()).collect();
        order.sort_unstable_by(|&a, &b| kept[a].key().cmp(kept[b].key()).then(a.cmp(&b)));
        let mut repeated: Vec<u32> = order
            .windows(2)
            .filter(|w| kept[w[0]].key() == kept[w[1]].key())
            .map(|w| self.positions[w[1]])
            .collect();
        repeated.sort_unstable();
        self.errors.extend(repeated.into_iter().map(|i| {
            let path = format!("participants[{i}]");
            FieldError::new(
                format!("{path}.id"),
                ErrorCode::Duplicate,
                format!("{path}.id: the same id is used by an earlier participant"),
            )
        }));
        (self.kept, self.errors)
    }
}
