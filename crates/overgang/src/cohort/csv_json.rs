//! A participant's JSON text built from their CSV rows: their row of the participants file and
//! their rows of the long files, cells already in canonical form. The cohort built with every
//! problem placed reads it, so a participant from CSV is read by the same typed fast path and
//! the same error-collecting reader as one from a document. The report read as the files
//! stream reads the same rows as this text would be read, without writing it
//! ([`super::row_de`], [`super::fast::Lists`]).
//!
//! Why text and not a `serde_json::Value`: a map per object and a string per key were most of
//! the time and memory of reading a large export.

use super::csv::Grid;
use crate::RawAnswer;

/// Rows of CSV cells under a header (a file read whole, or a part of a streamed file).
pub(crate) trait Rows {
    /// The cells of row `r`, with their columns.
    fn row(&self, r: usize) -> impl Iterator<Item = (&String, &str)>;
}

impl Rows for Grid {
    fn row(&self, r: usize) -> impl Iterator<Item = (&String, &str)> {
        Grid::row(self, r)
    }
}

/// What a long file's column is in a participant's object (see [`roles`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Not written (`id`, an item beyond the questionnaire's).
    Skip,
    /// `date` or `category`: text, when not empty.
    Text,
    /// A questionnaire's item (0-based), `null` when empty.
    Item(usize),
    /// A ten-step area's rating; `keep_empty`: written as `null` when empty. `area`: the
    /// column's area, as its key is read (`None`: not an area, so not read).
    Rating {
        keep_empty: bool,
        area: Option<crate::ten_step::Area>,
    },
}

/// The role of each column of a long file (`key`: which), worked out once per file.
pub(crate) fn roles(key: &str, header: &[String]) -> Vec<Role> {
    let n_items = if key == "gse" { 10 } else { 5 };
    header
        .iter()
        .map(|h| {
            let item = h.strip_prefix("item").and_then(|i| i.parse::<usize>().ok());
            match (h.as_str(), item) {
                ("id", _) => Role::Skip,
                ("date" | "category", _) => Role::Text,
                (_, Some(i)) if matches!(key, "who5" | "gse") => i
                    .checked_sub(1)
                    .filter(|&i| i < n_items)
                    .map_or(Role::Skip, Role::Item),
                (_, item) if key == "ten_step" => Role::Rating {
                    keep_empty: item.is_some(),
                    area: area_of(h),
                },
                _ => Role::Skip,
            }
        })
        .collect()
}

/// A ten-step column's area, as the key of its rating is read.
fn area_of(column: &str) -> Option<crate::ten_step::Area> {
    use serde::de::value::{Error, StrDeserializer};
    serde::Deserialize::deserialize(StrDeserializer::<Error>::new(column)).ok()
}

/// The rows of one long file that belong to a participant: the file's key in the document
/// (`who5`, `gse`, `ten_step`, `interventions`), its cells and their [`roles`], and the
/// participant's rows in it in the file's order.
pub(crate) struct LongRows<'a, R> {
    pub(crate) key: &'a str,
    pub(crate) grid: &'a R,
    pub(crate) roles: &'a [Role],
    pub(crate) rows: &'a [u32],
}

/// Writes the participant of row `r` of `people` with their long rows, as the JSON object the
/// document reader reads: the row's non-empty cells in the header's order, then each long file
/// with rows as a list, in the order given. Interventions of the participants file's
/// `interventions` column come first in their list, then those of the interventions file.
pub(crate) fn write_participant<R: Rows>(
    out: &mut Vec<u8>,
    people: &R,
    r: usize,
    long: &[LongRows<'_, R>],
) {
    let long_interventions = long.iter().find(|l| l.key == "interventions");
    let mut merged = false;
    out.push(b'{');
    let mut first = true;
    for (h, cell) in people.row(r) {
        if cell.is_empty() {
            continue;
        }
        key_str(out, &mut first, h);
        match h.as_str() {
            "forms" | "other_referrals" => {
                list(out, cell, string);
            }
            "interventions" => {
                out.push(b'[');
                let mut any = false;
                for item in items(cell) {
                    comma(out, &mut any);
                    out.extend_from_slice(b"{\"category\":");
                    string(out, item);
                    out.push(b'}');
                }
                if let Some(l) = long_interventions {
                    for &row in l.rows {
                        comma(out, &mut any);
                        write_entry(out, l, row as usize);
                    }
                }
                out.push(b']');
                merged = true;
            }
            "anonymous" | "anti_trafficking_referral" | "referred_to_other_services" => {
                match cell {
                    "true" | "false" => out.extend_from_slice(cell.as_bytes()),
                    // Other text is kept, so validation reports it at its cell.
                    _ => string(out, cell),
                }
            }
            "age" => number(out, cell),
            _ => string(out, cell),
        }
    }
    for l in long {
        if l.rows.is_empty() || (l.key == "interventions" && merged) {
            continue;
        }
        key_str(out, &mut first, l.key);
        out.push(b'[');
        let mut any = false;
        for &row in l.rows {
            comma(out, &mut any);
            write_entry(out, l, row as usize);
        }
        out.push(b']');
    }
    out.push(b'}');
}

/// How many interventions the participants file's `interventions` cell of row `r` lists (the
/// interventions file's rows follow them in the participant's list).
pub(crate) fn row_interventions<R: Rows>(people: &R, r: usize) -> usize {
    people
        .row(r)
        .find(|(h, _)| h.as_str() == "interventions")
        .map_or(0, |(_, cell)| items(cell).count())
}

/// A row of a long file as a questionnaire, assessment or intervention object: `date` and
/// `category` as text, a questionnaire's `items` (every item, `null` when empty) or an
/// assessment's `ratings` (the areas rated), as [`roles`] says.
fn write_entry<R: Rows>(out: &mut Vec<u8>, long: &LongRows<'_, R>, r: usize) {
    let questionnaire = matches!(long.key, "who5" | "gse");
    let mut items = [""; 10];
    let n_items = if long.key == "gse" { 10 } else { 5 };
    out.push(b'{');
    let mut first = true;
    for ((h, cell), role) in long.grid.row(r).zip(long.roles) {
        match role {
            Role::Text if !cell.is_empty() => {
                key_str(out, &mut first, h);
                string(out, cell);
            }
            Role::Item(i) => {
                if let Some(slot) = items.get_mut(*i) {
                    *slot = cell;
                }
            }
            _ => {}
        }
    }
    if questionnaire {
        key_str(out, &mut first, "items");
        out.push(b'[');
        for (i, cell) in items.iter().take(n_items).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            number(out, cell);
        }
        out.push(b']');
    } else if long.key == "ten_step" {
        key_str(out, &mut first, "ratings");
        out.push(b'{');
        let mut first_rating = true;
        for ((h, cell), role) in long.grid.row(r).zip(long.roles) {
            if let Role::Rating { keep_empty, .. } = role {
                if *keep_empty || !cell.is_empty() {
                    key_str(out, &mut first_rating, h);
                    number(out, cell);
                }
            }
        }
        out.push(b'}');
    }
    out.push(b'}');
}

/// The elements of a list cell (`forms`, `interventions`, `other_referrals`): `;`- or
/// `|`-separated, trimmed, empty ones left out.
pub(super) fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn list(out: &mut Vec<u8>, cell: &str, each: impl Fn(&mut Vec<u8>, &str)) {
    out.push(b'[');
    let mut any = false;
    for item in items(cell) {
        comma(out, &mut any);
        each(out, item);
    }
    out.push(b']');
}

fn comma(out: &mut Vec<u8>, any: &mut bool) {
    if *any {
        out.push(b',');
    }
    *any = true;
}

fn key_str(out: &mut Vec<u8>, first: &mut bool, name: &str) {
    if !*first {
        out.push(b',');
    }
    *first = false;
    string(out, name);
    out.push(b':');
}

/// A JSON string, escaped as serde_json writes it.
fn string(out: &mut Vec<u8>, text: &str) {
    // Most cells (ids, dates, ids of closed sets) need no escaping.
    if !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

/// A number cell: an answer or a step, with the same reading as everywhere
/// ([`RawAnswer::from_text`]); text that is not a number is kept as text, so the reader reports
/// `not_a_number` (or out of range) at its cell.
fn number(out: &mut Vec<u8>, cell: &str) {
    // Most cells are one digit, written as they are.
    if let [digit @ b'0'..=b'9'] = cell.as_bytes() {
        out.push(*digit);
        return;
    }
    match RawAnswer::from_text(cell) {
        RawAnswer::Missing => out.extend_from_slice(b"null"),
        RawAnswer::Integer(i) => {
            let _ = serde_json::to_writer(&mut *out, &i);
        }
        RawAnswer::Float(f) => {
            let _ = serde_json::to_writer(&mut *out, &f);
        }
        _ => string(out, cell),
    }
}
