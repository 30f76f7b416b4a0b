//! A participant's row of CSV cells read by serde as the JSON text [`super::csv_json`] writes
//! for it is read: the same keys (the non-empty cells' columns, in order) and the same values
//! (a list cell as a list, a yes/no cell as a boolean, `age` as a number, the rest as text).
//! The streamed report ([`super::csv_stream`]) reads its participants so, without writing and
//! parsing their text; a test holds the two equal on hostile cells in every column.

use super::csv_json::items;
use crate::RawAnswer;
use serde::de::value::{BorrowedStrDeserializer, Error, MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

/// A participants file's row: each cell with its column.
pub(super) struct RowDeserializer<I> {
    cells: I,
}

impl<'de, I: Iterator<Item = (&'de String, &'de str)>> RowDeserializer<I> {
    pub(super) fn new(cells: I) -> Self {
        RowDeserializer { cells }
    }
}

impl<'de, I: Iterator<Item = (&'de String, &'de str)>> Deserializer<'de> for RowDeserializer<I> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Row {
            cells: self.cells,
            value: None,
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// The row as a map: the non-empty cells, keyed by their columns.
struct Row<'de, I> {
    cells: I,
    value: Option<Cell<'de>>,
}

impl<'de, I: Iterator<Item = (&'de String, &'de str)>> MapAccess<'de> for Row<'de, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for (column, cell) in self.cells.by_ref() {
            if cell.is_empty() {
                continue;
            }
            self.value = Some(Cell::of(column, cell));
            let key = BorrowedStrDeserializer::<Error>::new(column.as_str());
            return seed.deserialize(key).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let cell = self
            .value
            .take()
            .ok_or_else(|| serde::de::Error::custom("a value without its key"))?;
        seed.deserialize(cell)
    }
}

/// A cell's value, as its column's JSON value is written ([`super::csv_json`]).
enum Cell<'de> {
    /// `forms`, `other_referrals`: a list of texts.
    Texts(&'de str),
    /// `interventions`: a list of `{"category": ...}`.
    Interventions(&'de str),
    Bool(bool),
    /// `age` as a whole number (JSON reads a number from 0 as unsigned, below 0 as signed).
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    /// An empty `age` written as `null`.
    Null,
    Text(&'de str),
}

impl<'de> Cell<'de> {
    fn of(column: &str, cell: &'de str) -> Cell<'de> {
        match column {
            "forms" | "other_referrals" => Cell::Texts(cell),
            "interventions" => Cell::Interventions(cell),
            "anonymous" | "anti_trafficking_referral" | "referred_to_other_services" => {
                match cell {
                    "true" => Cell::Bool(true),
                    "false" => Cell::Bool(false),
                    _ => Cell::Text(cell),
                }
            }
            "age" => match RawAnswer::from_text(cell) {
                RawAnswer::Missing => Cell::Null,
                RawAnswer::Integer(i) => u64::try_from(i).map_or(Cell::Signed(i), Cell::Unsigned),
                RawAnswer::Float(f) => Cell::Float(f),
                _ => Cell::Text(cell),
            },
            _ => Cell::Text(cell),
        }
    }
}

impl<'de> Deserializer<'de> for Cell<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Cell::Texts(cell) => {
                let texts = items(cell).map(BorrowedStrDeserializer::<Error>::new);
                visitor.visit_seq(SeqDeserializer::new(texts))
            }
            Cell::Interventions(cell) => {
                // Each `{"category": item}`.
                let entries = items(cell).map(|item| {
                    MapDeserializer::<_, Error>::new(std::iter::once(("category", item)))
                });
                visitor.visit_seq(SeqDeserializer::new(entries))
            }
            Cell::Bool(b) => visitor.visit_bool(b),
            Cell::Unsigned(n) => visitor.visit_u64(n),
            Cell::Signed(n) => visitor.visit_i64(n),
            Cell::Float(f) => visitor.visit_f64(f),
            Cell::Null => visitor.visit_unit(),
            Cell::Text(text) => visitor.visit_borrowed_str(text),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Cell::Null => visitor.visit_none(),
            cell => visitor.visit_some(cell),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            // A JSON string is a unit variant.
            Cell::Text(text) => BorrowedStrDeserializer::<Error>::new(text)
                .deserialize_enum(name, variants, visitor),
            cell => cell.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::super::csv_json::{write_participant, Rows};
    use super::super::fast::{member_of_row, member_with, Lists};
    use proptest::prelude::*;

    /// One participants file's row.
    struct OneRow {
        header: Vec<String>,
        cells: Vec<String>,
    }

    impl Rows for OneRow {
        fn row(&self, _: usize) -> impl Iterator<Item = (&String, &str)> {
            self.header
                .iter()
                .zip(self.cells.iter().map(String::as_str))
        }
    }

    /// Cells that break a participant's value in every way the readers know, and valid ones.
    const CELLS: [&str; 32] = [
        "",
        " ",
        "true",
        "false",
        "Ja",
        "0",
        "3",
        "17",
        "18",
        "34",
        "-1",
        "300",
        "2.5",
        "1e3",
        "99999999999999999999",
        "NA",
        "woman",
        "Kvinde",
        "unknown",
        "2023-02-10",
        "2023-02-31",
        "2024-06-30",
        "x",
        "counselling",
        "counselling; street",
        "street|online",
        "economy",
        "a;;b",
        "\"quoted\"",
        "line\nbreak",
        "\u{1}",
        "010190-1234",
    ];

    /// The participant's keys, and columns that are not keys.
    fn columns() -> Vec<&'static str> {
        crate::participant::KEYS
            .iter()
            .copied()
            .chain(["who5", "cti", "outcomes", "note", "Gender"])
            .collect()
    }

    fn via_text(row: &OneRow) -> Option<crate::cohort::ParticipantRecord> {
        let mut text = Vec::new();
        write_participant(&mut text, row, 0, &[]);
        member_with(std::str::from_utf8(&text).ok()?, Lists::default())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// A row read from its cells is the row read from its JSON text: the same participant,
        /// or neither.
        #[test]
        fn a_row_reads_as_its_json_text(
            changes in prop::collection::vec((0..columns().len(), 0..CELLS.len()), 0..6),
        ) {
            let mut row = OneRow {
                header: vec!["id".into(), "start".into()],
                cells: vec!["A-1".into(), "2023-01-10".into()],
            };
            for (c, v) in changes {
                let column = columns()[c].to_string();
                match row.header.iter().position(|h| *h == column) {
                    Some(at) => row.cells[at] = CELLS[v].into(),
                    None => {
                        row.header.push(column);
                        row.cells.push(CELLS[v].into());
                    }
                }
            }
            let direct = member_of_row(row.row(0), Lists::default());
            prop_assert_eq!(direct, via_text(&row), "{:?}", row.header);
        }
    }

    #[test]
    fn a_plain_row_is_read() {
        let row = OneRow {
            header: [
                "id",
                "start",
                "gender",
                "age",
                "forms",
                "interventions",
                "anonymous",
            ]
            .map(String::from)
            .to_vec(),
            cells: [
                "A-1",
                "2023-01-10",
                "woman",
                "34",
                "street; online",
                "counselling",
                "true",
            ]
            .map(String::from)
            .to_vec(),
        };
        let record = member_of_row(row.row(0), Lists::default());
        assert!(record.is_some());
        assert_eq!(record, via_text(&row));
    }
}
