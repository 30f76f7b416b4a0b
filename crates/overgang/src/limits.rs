//! Limits on input, so that a wrong file or a huge paste fails early with a clear error
//! instead of exhausting memory in an analyst's notebook or a citizen's browser tab.

/// Largest JSON or CSV input accepted, in bytes (200 MB: a cohort of about 100 000
/// participants with years of measurements fits well within it).
pub const MAX_INPUT_BYTES: usize = 200_000_000;

/// Deepest nesting of JSON arrays and objects accepted. A cohort document needs 6.
pub const MAX_JSON_DEPTH: usize = 32;

/// Most participants in one cohort.
pub const MAX_PARTICIPANTS: usize = 1_000_000;

/// Longest free-text value (a referral label, a reason), in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// Longest list of answers a binding converts (an instrument has at most 10 items): a longer
/// list is refused by its length, before any element is read, so a hostile `range(2**62)` or
/// `new Array(5e8)` costs nothing.
pub const MAX_ANSWERS: usize = 1_000;
