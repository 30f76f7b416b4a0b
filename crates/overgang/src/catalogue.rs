//! The one catalogue of closed sets: the only module that names every kind of id, so that forms
//! and bindings can ask for a list by name (`genders`, `interventions`, ...) and renderers can
//! look a label up. Each set itself is declared, with its labels, in the domain module that owns
//! it.

use crate::error::ValidationError;
use crate::ids::{options as list, unknown_id, IdLabel};
use crate::language::Language;
use crate::{cti, intervention, outcomes, participant, questionnaire, ten_step, who5};

/// The kinds of id lists, by name, in the order the documentation lists them.
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
    "cti_statuses",
    "focus_areas",
    "end_reasons",
    "support_roles",
    "who5_bands",
    "who5_changes",
    "instruments",
    "languages",
    "outreach_forms",
    "regions",
    "municipalities",
];

/// The list of `kind` in `lang`; `None` for an unknown kind.
fn with_kind(kind: &str, lang: Language) -> Option<Vec<IdLabel>> {
    Some(match kind {
        "genders" => list::<participant::Gender>(lang),
        "age_bands" => list::<participant::AgeBand>(lang),
        "prostitution_forms" => list::<participant::ProstitutionForm>(lang),
        "intake_goals" => list::<participant::IntakeGoal>(lang),
        "interventions" => list::<intervention::Category>(lang),
        "ten_step_areas" => list::<ten_step::Area>(lang),
        "ten_step_stages" => list::<ten_step::Stage>(lang),
        "ten_step_dimensions" => list::<ten_step::Dimension>(lang),
        "life_situation_areas" => list::<outcomes::LifeArea>(lang),
        "journey_stages" => list::<outcomes::JourneyStage>(lang),
        "cti_phases" => list::<cti::Phase>(lang),
        "cti_statuses" => list::<cti::StatusGroup>(lang),
        "focus_areas" => list::<cti::FocusArea>(lang),
        "end_reasons" => list::<cti::EndReason>(lang),
        "support_roles" => list::<cti::SupportRole>(lang),
        "who5_bands" => list::<who5::Who5Band>(lang),
        "who5_changes" => list::<who5::Who5Change>(lang),
        "instruments" => list::<questionnaire::Instrument>(lang),
        "languages" => Language::ALL
            .iter()
            .map(|l| IdLabel {
                id: l.as_str().to_string(),
                label: l.label(lang).to_string(),
            })
            .collect(),
        "outreach_forms" => crate::outreach::form_options(lang),
        "regions" => list::<crate::municipality::Region>(lang),
        // Municipality names are proper nouns: the same in every language.
        "municipalities" => crate::municipality::options(),
        _ => return None,
    })
}

/// Every id of a kind with its label in `lang`, in display order, for forms.
///
/// ```
/// use overgang::{catalogue::options, Language};
/// let areas = options("ten_step_areas", Language::Da)?;
/// assert_eq!((areas[0].id.as_str(), areas[0].label.as_str()), ("substance_use", "Misbrug"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `unknown_value` on `kind`, listing the kinds.
pub fn options(kind: &str, lang: Language) -> Result<Vec<IdLabel>, ValidationError> {
    with_kind(kind, lang).ok_or_else(|| unknown_id("kind", KINDS))
}

/// The label of `id` of a kind in `lang`; `None` for an unknown kind or id.
///
/// ```
/// use overgang::{catalogue::label, Language};
/// assert_eq!(label("who5_bands", "high_risk", Language::Da).as_deref(), Some("Stor risiko"));
/// assert_eq!(label("who5_bands", "nonsense", Language::En), None);
/// ```
pub fn label(kind: &str, id: &str, lang: Language) -> Option<String> {
    with_kind(kind, lang)?
        .into_iter()
        .find(|o| o.id == id)
        .map(|o| o.label)
}
