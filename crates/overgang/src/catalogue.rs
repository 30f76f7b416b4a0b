//! The one catalogue of closed sets: the only module that names every kind of id, so that forms
//! and bindings can ask for a list by name (`genders`, `interventions`, ...) and renderers can
//! look a label up. Each set itself is declared, with its labels, in the domain module that owns
//! it.

use crate::error::{ErrorCode, ErrorContext, FieldError, ValidationError};
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

/// The message of a problem in `lang`, for a person filling in a form: one sentence built
/// from the error's code and its [`context`](crate::FieldError::context) (the allowed range,
/// ids, characters, length or written form), so that a page never restates a rule. It names
/// neither the field (the form shows it beside the field) nor the value. Dates' patterns are
/// written as the language writes them (`ÅÅÅÅ-MM-DD` in Danish).
///
/// ```
/// use overgang::{catalogue::message, participant::ParticipantId, Language};
/// let err = ParticipantId::new("Anna Hansen").unwrap_err();
/// assert_eq!(message(&err.errors()[0], Language::Da), "Må kun indeholde A-Z, a-z, 0-9, '.', '_' og '-' (højst 64 tegn, ingen mellemrum).");
/// let e = overgang::dates::parse_date("start", "1/3/2024").unwrap_err();
/// assert_eq!(message(&e, Language::Da), "Ugyldig dato: skriv ÅÅÅÅ-MM-DD.");
/// assert_eq!(message(&e, Language::En), "Not a valid date: write YYYY-MM-DD.");
/// let e = overgang::FieldError::new("age", overgang::ErrorCode::OutOfRange, "").with_range(18.0, 120.0);
/// assert_eq!(message(&e, Language::Da), "Skal være mellem 18 og 120.");
/// ```
pub fn message(error: &FieldError, lang: Language) -> String {
    let da = lang == Language::Da;
    let none = ErrorContext::default();
    let c = error.context.as_deref().unwrap_or(&none);
    // Numbers by hand (whole, or up to six decimals) and every sentence a template filled in
    // one place: float formatting and many `format!` calls are a large part of the form's
    // small wasm module.
    let num = |x: f64| {
        let sign = if x < 0.0 { "-" } else { "" };
        let scaled = (x.abs() * 1e6).round();
        if !scaled.is_finite() || scaled >= 9e15 {
            return "?".to_string();
        }
        let scaled = scaled as u64;
        let (whole, mut frac) = (scaled / 1_000_000, scaled % 1_000_000);
        if frac == 0 {
            return format!("{sign}{whole}");
        }
        let mut digits = 6;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let point = if da { ',' } else { '.' };
        format!("{sign}{whole}{point}{frac:0digits$}")
    };
    let list = |xs: &[String], quote: bool| {
        let xs: Vec<String> = xs
            .iter()
            .map(
                |x| match quote && !x.bytes().any(|b| b.is_ascii_alphanumeric()) {
                    true => format!("'{x}'"),
                    false => x.clone(),
                },
            )
            .collect();
        match xs.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                let and = if da { " og " } else { " and " };
                rest.join(", ") + and + last
            }
            _ => xs.concat(),
        }
    };
    let field = error.field.as_str();
    let ends = |name: &str| {
        field
            .strip_suffix(name)
            .is_some_and(|head| head.is_empty() || head.ends_with('.'))
    };
    let n = |x: Option<u64>| x.map(|x| x.to_string()).unwrap_or_default();
    let chars = c.characters.as_deref().map(|xs| list(xs, true));
    let chars_rule = || {
        let limit = match c.max_length {
            Some(_) => fill(
                tr(da, ("højst {0} tegn, ", "at most {0} characters, ")),
                &[n(c.max_length)],
            ),
            None => String::new(),
        };
        fill(
            tr(
                da,
                (
                    "Må kun indeholde {0} ({1}ingen mellemrum).",
                    "May only contain {0} ({1}no spaces).",
                ),
            ),
            &[chars.clone().unwrap_or_default(), limit],
        )
    };
    let (text, args): ((&str, &str), Vec<String>) = match error.code {
        ErrorCode::Missing if chars.is_some() => {
            (("Skal udfyldes. {0}", "Required. {0}"), vec![chars_rule()])
        }
        ErrorCode::Missing => (("Skal udfyldes.", "Required."), vec![]),
        ErrorCode::OutOfRange => match (c.min, c.max) {
            (Some(lo), Some(hi)) => (
                (
                    "Skal være mellem {0} og {1}.",
                    "Must be between {0} and {1}.",
                ),
                vec![num(lo), num(hi)],
            ),
            (Some(lo), None) => (
                ("Skal være mindst {0}.", "Must be at least {0}."),
                vec![num(lo)],
            ),
            (None, Some(hi)) => (
                ("Må højst være {0}.", "Must be at most {0}."),
                vec![num(hi)],
            ),
            (None, None) => (
                ("Uden for det tilladte område.", "Out of the allowed range."),
                vec![],
            ),
        },
        ErrorCode::InvalidFormat => match &c.format {
            Some(f) if f.contains("YYYY") => {
                let f = if da { f.replace('Y', "Å") } else { f.clone() };
                (
                    ("Ugyldig dato: skriv {0}.", "Not a valid date: write {0}."),
                    vec![f],
                )
            }
            Some(f) => (
                (
                    "Ugyldigt format: skriv {0}.",
                    "Not in the expected format: write {0}.",
                ),
                vec![f.clone()],
            ),
            None if chars.is_some() => (("{0}", "{0}"), vec![chars_rule()]),
            None => (("Ugyldigt format.", "Not in the expected format."), vec![]),
        },
        ErrorCode::TooLong => match c.max_length {
            Some(_) if ends("items") => (
                (
                    "For mange svar: højst {0}.",
                    "Too many answers: at most {0}.",
                ),
                vec![n(c.max_length)],
            ),
            Some(_) => (
                (
                    "For langt: højst {0} tegn.",
                    "Too long: at most {0} characters.",
                ),
                vec![n(c.max_length)],
            ),
            None => (("For langt.", "Too long."), vec![]),
        },
        ErrorCode::TooLarge => match c.max_length {
            Some(_) => (
                ("For mange: højst {0}.", "Too many: at most {0}."),
                vec![n(c.max_length)],
            ),
            None => (("For stort.", "Too large."), vec![]),
        },
        ErrorCode::WeakKey => match c.min_length {
            Some(_) => (
                (
                    "Nøglen er for svag: mindst {0} tegn eller bytes.",
                    "The key is too weak: at least {0} characters or bytes.",
                ),
                vec![n(c.min_length)],
            ),
            None => (("Nøglen er for svag.", "The key is too weak."), vec![]),
        },
        ErrorCode::UnknownValue => match &c.allowed {
            Some(ids) if !ids.is_empty() && ids.len() <= 30 => (
                (
                    "Ukendt værdi. Tilladt: {0}.",
                    "Unknown value. Allowed: {0}.",
                ),
                vec![list(ids, false)],
            ),
            _ => (("Ukendt værdi.", "Unknown value."), vec![]),
        },
        ErrorCode::TooManyMissing => match c.min {
            Some(lo) => (
                (
                    "For mange manglende svar: mindst {0} skal være besvaret.",
                    "Too many missing answers: at least {0} must be answered.",
                ),
                vec![num(lo)],
            ),
            None => (
                ("For mange manglende svar.", "Too many missing answers."),
                vec![],
            ),
        },
        ErrorCode::Inconsistent if ends("end") => (
            (
                "Slutdatoen ligger før startdatoen.",
                "The end date is before the start date.",
            ),
            vec![],
        ),
        ErrorCode::Inconsistent if ends("age_band") => (
            (
                "Aldersgruppen passer ikke med alderen.",
                "The age band does not contain the age.",
            ),
            vec![],
        ),
        ErrorCode::Inconsistent => (
            (
                "Passer ikke med de andre oplysninger.",
                "Does not agree with the other values.",
            ),
            vec![],
        ),
        ErrorCode::NotANumber => (("Skal være et tal.", "Must be a number."), vec![]),
        ErrorCode::NotAnInteger => (
            ("Skal være et helt tal.", "Must be a whole number."),
            vec![],
        ),
        ErrorCode::NotAList => (("Skal være en liste.", "Must be a list."), vec![]),
        ErrorCode::WrongLength => (("Forkert antal svar.", "Wrong number of answers."), vec![]),
        ErrorCode::Duplicate => (
            ("Findes allerede (dublet).", "Appears twice (a duplicate)."),
            vec![],
        ),
        ErrorCode::UnknownField => (("Ukendt felt.", "Unknown field."), vec![]),
        ErrorCode::TooDeep => (
            (
                "Filen er for dybt indlejret.",
                "The file is nested too deeply.",
            ),
            vec![],
        ),
        ErrorCode::InvalidJson => (
            ("Filen er ikke gyldig JSON.", "The file is not valid JSON."),
            vec![],
        ),
        ErrorCode::ContainsCpr => (
            (
                "Dette ligner et CPR-nummer. Brug projektets pseudonyme ID.",
                "This looks like a CPR number. Use the project's pseudonymous ID.",
            ),
            vec![],
        ),
        ErrorCode::OutOfOrder => (("Står i forkert rækkefølge.", "Out of order."), vec![]),
    };
    fill(tr(da, text), &args)
}

/// The Danish or the English of a pair.
fn tr(da: bool, (d, e): (&'static str, &'static str)) -> &'static str {
    if da {
        d
    } else {
        e
    }
}

/// `template` with `{0}`, `{1}`, ... replaced by `args`.
fn fill(template: &str, args: &[String]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let arg = rest
            .as_bytes()
            .get(i + 1)
            .map(|b| usize::from(b.wrapping_sub(b'0')));
        out.push_str(arg.and_then(|a| args.get(a)).map_or("", String::as_str));
        rest = rest.get(i + 3..).unwrap_or("");
    }
    out.push_str(rest);
    out
}
