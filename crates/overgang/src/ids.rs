//! Closed sets of `snake_case` ids with Danish and English labels (genders, age bands,
//! intervention categories, areas, phases ...), declared once with [`id_enum!`].

use crate::questionnaire::Language;
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
/// assert_eq!(list.len(), 14);
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

/// The kinds of id lists a form can ask for, by name.
pub const KINDS: &[&str] = &[
    "genders",
    "age_bands",
    "prostitution_forms",
    "intake_goals",
    "interventions",
    "ten_step_areas",
    "ten_step_stages",
    "ten_step_dimensions",
    "life_situation_areas",
    "journey_stages",
    "cti_phases",
    "focus_areas",
    "end_reasons",
    "support_roles",
];

/// A list of ids with labels by its name (one of [`KINDS`]), for the bindings and forms.
///
/// ```
/// let areas = overgang::ids::options_of("ten_step_areas", overgang::Language::Da)?;
/// assert_eq!((areas[0].id.as_str(), areas[0].label.as_str()), ("substance_use", "Misbrug"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `unknown_value` on `kind`, listing the kinds.
pub fn options_of(kind: &str, lang: Language) -> Result<Vec<IdLabel>, crate::ValidationError> {
    use crate::{cti, intervention, outcomes, participant, ten_step};
    Ok(match kind {
        "genders" => options::<participant::Gender>(lang),
        "age_bands" => options::<participant::AgeBand>(lang),
        "prostitution_forms" => options::<participant::ProstitutionForm>(lang),
        "intake_goals" => options::<participant::IntakeGoal>(lang),
        "interventions" => options::<intervention::Category>(lang),
        "ten_step_areas" => options::<ten_step::Area>(lang),
        "ten_step_stages" => options::<ten_step::Stage>(lang),
        "ten_step_dimensions" => options::<ten_step::Dimension>(lang),
        "life_situation_areas" => options::<outcomes::LifeArea>(lang),
        "journey_stages" => options::<outcomes::JourneyStage>(lang),
        "cti_phases" => options::<cti::Phase>(lang),
        "focus_areas" => options::<cti::FocusArea>(lang),
        "end_reasons" => options::<cti::EndReason>(lang),
        "support_roles" => options::<cti::SupportRole>(lang),
        _ => return Err(crate::unknown_id("kind", KINDS)),
    })
}

/// Parses an id of a set; `unknown_value` on `field`, listing the allowed ids, otherwise.
pub fn parse<T: IdSet>(field: &str, text: &str) -> Result<T, crate::FieldError> {
    T::ALL
        .iter()
        .copied()
        .find(|m| m.id() == text)
        .ok_or_else(|| {
            let allowed: Vec<&str> = T::ALL.iter().map(|m| m.id()).collect();
            crate::FieldError::new(
                field,
                crate::ErrorCode::UnknownValue,
                format!("{field}: unknown value; allowed: {}", allowed.join(", ")),
            )
        })
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

            /// The stable `snake_case` id.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),* }
            }

            /// The label in Danish or English.
            pub const fn label(self, lang: $crate::Language) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, $crate::Language::Da) => $da, ($name::$variant, _) => $en, )*
                }
            }
        }

        impl $crate::ids::IdSet for $name {
            const ALL: &'static [Self] = $name::ALL;
            const FIELD: &'static str = $field;
            fn id(self) -> &'static str { self.as_str() }
            fn label(self, lang: $crate::Language) -> &'static str { $name::label(self, lang) }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::ids::parse::<$name>($field, s).map_err(|e| $crate::ValidationError::new(vec![e]))
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
