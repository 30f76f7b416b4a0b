//! Closed sets of `snake_case` ids with Danish and English labels (genders, age bands,
//! intervention categories, areas, phases ...), declared once with the crate-internal `id_enum!` macro.

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::language::Language;
use serde::{Deserialize, Serialize};

/// An id and its label in one language, as forms list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IdLabel {
    /// The stable id.
    pub id: String,
    /// The label.
    pub label: String,
}

/// A closed set of ids.
pub trait IdSet: Copy + Sized + 'static {
    /// Every member, in display order.
    const ALL: &'static [Self];
    /// The field name used in errors about this set.
    const FIELD: &'static str;
    /// The member's id.
    fn id(self) -> &'static str;
    /// The member's label.
    fn label(self, lang: Language) -> &'static str;
}

/// Every member of a set with its label, for forms (`[{id, label}]`).
///
/// ```
/// use overgang::{ids::options, intervention::Category, Language};
/// let list = options::<Category>(Language::Da);
/// assert_eq!(list[0].id, "counselling");
/// assert_eq!(list.len(), 13);
/// ```
pub fn options<T: IdSet>(lang: Language) -> Vec<IdLabel> {
    T::ALL
        .iter()
        .map(|m| IdLabel {
            id: m.id().to_string(),
            label: m.label(lang).to_string(),
        })
        .collect()
}

/// The ids of a set, in display order (for messages and forms).
pub fn ids<T: IdSet>() -> Vec<&'static str> {
    T::ALL.iter().map(|m| m.id()).collect()
}

/// Parses an id of a set; `unknown_value` on `field`, listing the allowed ids, otherwise.
pub fn parse<T: IdSet>(field: &str, text: &str) -> Result<T, FieldError> {
    T::ALL
        .iter()
        .copied()
        .find(|m| m.id() == text)
        .ok_or_else(|| {
            let allowed: Vec<&str> = T::ALL.iter().map(|m| m.id()).collect();
            unknown_value(field, &allowed)
        })
}

/// Parses a member of a set as people type it in spreadsheets: its id, or its Danish or English
/// label, in any case and with surrounding spaces (`"Kvinde"`, `"WOMAN"`, `" woman "`).
///
/// This is the one lenient reader of closed sets; the CSV and spreadsheet readers use it. JSON
/// documents stay strict and use [`parse`] (ids only).
///
/// ```
/// use overgang::{ids::parse_label, intervention::Category, participant::Gender};
/// assert_eq!(parse_label::<Gender>("gender", "Kvinde").unwrap(), Gender::Woman);
/// assert_eq!(parse_label::<Gender>("gender", " MAN ").unwrap(), Gender::Man);
/// assert_eq!(parse_label::<Category>("category", "rådgivning og vejledning").unwrap(), Category::Counselling);
/// assert_eq!(parse_label::<Gender>("gender", "kvindelig").unwrap_err().code.as_str(), "unknown_value");
/// ```
///
/// # Errors
/// `unknown_value` on `field`, listing the allowed ids; the text is never echoed.
pub fn parse_label<T: IdSet>(field: &str, text: &str) -> Result<T, FieldError> {
    find_label(text).ok_or_else(|| {
        let allowed: Vec<&str> = T::ALL.iter().map(|m| m.id()).collect();
        unknown_value(field, &allowed)
    })
}

/// The member whose id or Danish or English label is `text` in any case (as
/// [`parse_label`], without building an error; CSV imports call it for millions of cells).
pub(crate) fn find_label<T: IdSet>(text: &str) -> Option<T> {
    let text = text.trim();
    // Compared lower-cased char by char: no string is built for the comparison.
    let same = |a: &str| {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(text.chars().flat_map(char::to_lowercase))
    };
    T::ALL.iter().copied().find(|m| m.id() == text).or_else(|| {
        T::ALL
            .iter()
            .copied()
            .find(|m| same(m.id()) || same(m.label(Language::Da)) || same(m.label(Language::En)))
    })
}

/// An `unknown_value` error on `field` that lists the allowed ids (in the message and as
/// context) and never echoes the input.
///
/// ```
/// let e = overgang::ids::unknown_value("format", &["md", "json"]);
/// assert_eq!(e.message, "format: unknown value; allowed: md, json");
/// ```
pub fn unknown_value(field: &str, allowed: &[&str]) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::UnknownValue,
        format!("{field}: unknown value; allowed: {}", allowed.join(", ")),
    )
    .with_allowed(allowed)
}

/// [`unknown_value`] as a [`ValidationError`].
pub fn unknown_id(field: &str, allowed: &[&str]) -> ValidationError {
    ValidationError::new(vec![unknown_value(field, allowed)])
}

/// Declares an id enum: serde ids, `ALL`, `as_str`, `label`, `FromStr` and `Display`.
macro_rules! id_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($field:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, $en:literal, $da:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $variant, )*
        }

        impl $name {
            /// Every member, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Its place in [`Self::ALL`] (which lists the members in their declared order),
            /// for counting by member in an array.
            #[allow(dead_code)]
            pub(crate) const fn index(self) -> usize {
                self as usize
            }

            /// The stable `snake_case` id.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),* }
            }

            /// The label in Danish or English.
            pub const fn label(self, lang: $crate::language::Language) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, $crate::language::Language::Da) => $da, ($name::$variant, _) => $en, )*
                }
            }
        }

        impl $crate::ids::IdSet for $name {
            const ALL: &'static [Self] = $name::ALL;
            const FIELD: &'static str = $field;
            fn id(self) -> &'static str { self.as_str() }
            fn label(self, lang: $crate::language::Language) -> &'static str { $name::label(self, lang) }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::ids::parse::<$name>($field, s).map_err(|e| $crate::error::ValidationError::new(vec![e]))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use id_enum;
