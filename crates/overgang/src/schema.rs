//! JSON Schema pieces for types whose serde shape needs a hand-written schema (dates, IDs,
//! bounded numbers). Only with the `schema` feature.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// An ISO 8601 calendar date, `YYYY-MM-DD`.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "IsoDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "format": "date", "description": "ISO 8601 date, YYYY-MM-DD"})
    }
}
