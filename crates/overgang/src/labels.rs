//! Display labels of ids, in Danish and English, for rendered reports and forms.
//!
//! Each domain module owns its labels; this module only dispatches on the kind of id, so the
//! renderers need no knowledge of every module. An unknown id is shown as itself.

use crate::ids::IdSet;
use crate::questionnaire::Language;

/// The label of `id` of a kind (`gender`, `age_band`, `intervention`, `ten_step_area`,
/// `who5_band`, `cti_phase`, `cti_status`) in `lang`, or `id` itself when none is known.
///
/// ```
/// use overgang::{labels::label, Language};
/// assert_eq!(label("who5_band", "high_risk", Language::Da), "Stor risiko");
/// assert_eq!(label("who5_band", "nonsense", Language::En), "nonsense");
/// ```
pub fn label(kind: &str, id: &str, lang: Language) -> String {
    let pair: Option<(&str, &str)> = match (kind, id) {
        ("who5_band", "high_risk") => Some(("High risk", "Stor risiko")),
        ("who5_band", "risk") => Some(("Risk", "Risiko")),
        ("who5_band", "no_immediate_risk") => {
            Some(("No immediate risk", "Ingen umiddelbar risiko"))
        }
        ("cti_status", "completed") => Some(("Completed", "Gennemført")),
        ("cti_status", "interrupted") => Some(("Interrupted", "Afbrudt")),
        ("cti_status", "running_contact") => {
            Some(("Running: contact period", "I gang: kontaktetablering"))
        }
        ("cti_status", "running_planning") => {
            Some(("Running: phase 1, planning", "I gang: fase 1, planlægning"))
        }
        ("cti_status", "running_try_out") => {
            Some(("Running: phase 2, try-out", "I gang: fase 2, afprøvning"))
        }
        ("cti_status", "running_transfer") => {
            Some(("Running: phase 3, transfer", "I gang: fase 3, overdragelse"))
        }
        _ => None,
    };
    match (pair, lang) {
        (Some((_, da)), Language::Da) => da.to_string(),
        (Some((en, _)), _) => en.to_string(),
        (None, _) => domain_label(kind, id, lang).unwrap_or_else(|| id.to_string()),
    }
}

/// Labels owned by the domain modules.
fn domain_label(kind: &str, id: &str, lang: Language) -> Option<String> {
    fn find<T: IdSet>(id: &str, lang: Language) -> Option<String> {
        T::ALL
            .iter()
            .find(|m| m.id() == id)
            .map(|m| m.label(lang).to_string())
    }
    match kind {
        "gender" => find::<crate::participant::Gender>(id, lang),
        "age_band" => find::<crate::participant::AgeBand>(id, lang),
        "intervention" => find::<crate::intervention::Category>(id, lang),
        "ten_step_area" => find::<crate::ten_step::Area>(id, lang),
        "ten_step_stage" => find::<crate::ten_step::Stage>(id, lang),
        "life_area" => find::<crate::outcomes::LifeArea>(id, lang),
        "cti_phase" => find::<crate::cti::Phase>(id, lang),
        "focus_area" => find::<crate::cti::FocusArea>(id, lang),
        _ => None,
    }
}
