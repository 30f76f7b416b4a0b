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

impl JsonSchema for crate::participant::ParticipantId {
    fn schema_name() -> Cow<'static, str> {
        "ParticipantId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "description": "Pseudonymous ID; never a name or a CPR number (refused)"})
    }
}

impl JsonSchema for crate::ten_step::Step {
    fn schema_name() -> Cow<'static, str> {
        "Step".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "integer", "minimum": 1, "maximum": 10})
    }
}

impl JsonSchema for crate::outcomes::Rating {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "integer", "minimum": 1, "maximum": 10})
    }
}
