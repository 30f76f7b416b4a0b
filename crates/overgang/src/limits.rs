//! Limits on input, so that a wrong file or a huge paste fails early with a clear error
//! instead of exhausting memory in an analyst's notebook or a citizen's browser tab.

/// Largest input read whole into memory, in bytes: a CSV file, a single record, a report
/// (200 MB: a CSV export of about 500 000 participants fits within it).
pub const MAX_INPUT_BYTES: usize = 200_000_000;

/// Largest total of a workbook's parts once unzipped, as its archive declares them (and as the
/// archive's reader then holds them to): a workbook within [`MAX_INPUT_BYTES`] that would
/// unzip to more (a decompression bomb) is refused before it is read. 100 000 participants'
/// workbook is 23 MB zipped and 195 MB unzipped; a workbook at the 200 MB limit of a file
/// holds about 1.7 GB.
pub const MAX_UNZIPPED_BYTES: u64 = 2_000_000_000;

/// Largest cohort document, in bytes (4 GB). Cohort documents are read participant by
/// participant ([`crate::cohort::Cohort::from_reader`]), so memory grows with the participants
/// kept, not with the text: 1 000 000 participants with years of measurements, pretty-printed,
/// fit within it. Checked on the bytes as they are read, so pipes and `/dev/zero` stop at it.
pub const MAX_DOCUMENT_BYTES: u64 = 4_000_000_000;

/// Longest text value in a JSON document, in bytes (no field is near it; a longer one is junk,
/// refused before it is held in memory).
pub const MAX_STRING_BYTES: usize = 65_536;

/// Largest single record of a document (one participant, one venue), in bytes: bounds the
/// memory one element takes while it is validated.
pub const MAX_RECORD_BYTES: usize = 8_000_000;

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

/// The version of the document and report formats this library writes (`schema_version`).
/// A document of a newer version is refused with a message saying so, never half read.
pub const SCHEMA_VERSION: u64 = 1;
