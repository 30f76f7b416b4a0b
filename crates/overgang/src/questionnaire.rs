//! Questionnaire texts for forms: items and answer labels, by language.
//!
//! WHO-5 is available in Danish (`da`, the original version, as seed 001 quotes it) and English
//! (`en`). GSE is available in English only: item texts in other languages are data a user can
//! supply, and this library does not invent translations. A request for a language that is not
//! available falls back to English, and the result says so ([`Questionnaire::language`],
//! [`Questionnaire::fallback`]).
//!
//! ```
//! use overgang::{questionnaire, Instrument};
//! let q = questionnaire(Instrument::Gse, overgang::Language::Da);
//! assert_eq!((q.language.as_str(), q.fallback), ("en", true));
//! assert_eq!(q.items.len(), 10);
//! ```

use crate::error::ValidationError;
use crate::ids::id_enum;
pub use crate::language::Language;
use serde::{Deserialize, Serialize};

id_enum! {
    /// A self-reported instrument.
    pub enum Instrument ("id") {
        /// WHO-5 Well-Being Index.
        Who5 = "who5", "WHO-5 Well-Being Index", "WHO-5 Trivselsindeks";
        /// General Self-Efficacy Scale.
        Gse = "gse", "General Self-Efficacy Scale", "Generel self-efficacy-skala";
    }
}

/// One answer option: the value recorded and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    /// The value that is scored.
    pub value: u8,
    /// The label shown to the respondent.
    pub label: String,
}

/// A questionnaire's texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Questionnaire {
    /// The instrument.
    pub id: Instrument,
    /// The language of the texts (English when the requested one is not available).
    pub language: Language,
    /// The language that was asked for.
    pub requested_language: Language,
    /// Whether the texts fell back to English because the requested language is not available.
    pub fallback: bool,
    /// The instrument's name.
    pub title: String,
    /// The instruction shown above the items.
    pub stem: String,
    /// The item texts, in order (`item1` first).
    pub items: Vec<String>,
    /// The answer options, from the first shown to the last.
    pub answers: Vec<AnswerOption>,
    /// The lowest answer value.
    pub min_answer: u8,
    /// The highest answer value.
    pub max_answer: u8,
    /// How many items must be answered for a score (WHO-5: all 5; GSE: 7 of 10).
    pub min_answered: usize,
}

const WHO5_ITEMS_DA: [&str; 5] = [
    "Jeg har været glad og i godt humør",
    "Jeg har følt mig rolig og afslappet",
    "Jeg har følt mig aktiv og energisk",
    "Jeg er vågnet frisk og udhvilet",
    "Min dagligdag har været fyldt med ting der interesserer mig",
];
const WHO5_ITEMS_EN: [&str; 5] = [
    "I have felt cheerful and in good spirits",
    "I have felt calm and relaxed",
    "I have felt active and vigorous",
    "I woke up feeling fresh and rested",
    "My daily life has been filled with things that interest me",
];
const WHO5_ANSWERS_DA: [(u8, &str); 6] = [
    (5, "Hele tiden"),
    (4, "Det meste af tiden"),
    (3, "Lidt mere end halvdelen af tiden"),
    (2, "Lidt mindre end halvdelen af tiden"),
    (1, "Lidt af tiden"),
    (0, "På intet tidspunkt"),
];
const WHO5_ANSWERS_EN: [(u8, &str); 6] = [
    (5, "All of the time"),
    (4, "Most of the time"),
    (3, "More than half of the time"),
    (2, "Less than half of the time"),
    (1, "Some of the time"),
    (0, "At no time"),
];
const GSE_ITEMS_EN: [&str; 10] = [
    "I can always manage to solve difficult problems if I try hard enough.",
    "If someone opposes me, I can find the means and ways to get what I want.",
    "It is easy for me to stick to my aims and accomplish my goals.",
    "I am confident that I could deal efficiently with unexpected events.",
    "Thanks to my resourcefulness, I know how to handle unforeseen situations.",
    "I can solve most problems if I invest the necessary effort.",
    "I can remain calm when facing difficulties because I can rely on my coping abilities.",
    "When I am confronted with a problem, I can usually find several solutions.",
    "If I am in trouble, I can usually think of a solution.",
    "I can usually handle whatever comes my way.",
];
const GSE_ANSWERS_EN: [(u8, &str); 4] = [
    (1, "Not at all true"),
    (2, "Hardly true"),
    (3, "Moderately true"),
    (4, "Exactly true"),
];

/// One language's texts: language, title, stem, items, answer options.
type Texts = (
    Language,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(u8, &'static str)],
);

/// The texts of `instrument` in `language`, falling back to English where the instrument has
/// no texts in it (GSE in Danish), and the scale: answer range and how many items must be
/// answered, so that forms restate no number.
pub fn questionnaire(instrument: Instrument, language: Language) -> Questionnaire {
    let requested = Some(language);
    let (lang, title, stem, items, answers): Texts = match (instrument, requested) {
        (Instrument::Who5, Some(Language::Da)) => (
            Language::Da,
            "WHO-5 Trivselsindeks",
            "I de sidste to uger",
            &WHO5_ITEMS_DA,
            &WHO5_ANSWERS_DA,
        ),
        (Instrument::Who5, _) => (
            Language::En,
            "WHO-5 Well-Being Index",
            "Over the last two weeks",
            &WHO5_ITEMS_EN,
            &WHO5_ANSWERS_EN,
        ),
        (Instrument::Gse, _) => (
            Language::En,
            "General Self-Efficacy Scale",
            "How true is each statement for you?",
            &GSE_ITEMS_EN,
            &GSE_ANSWERS_EN,
        ),
    };
    let scale = match instrument {
        Instrument::Who5 => (
            crate::who5::MIN_ANSWER,
            crate::who5::MAX_ANSWER,
            crate::who5::ITEMS,
        ),
        Instrument::Gse => (
            crate::gse::MIN_ANSWER,
            crate::gse::MAX_ANSWER,
            crate::gse::ITEMS - crate::gse::MAX_MISSING,
        ),
    };
    Questionnaire {
        id: instrument,
        language: lang,
        requested_language: language,
        fallback: requested != Some(lang),
        title: title.to_string(),
        stem: stem.to_string(),
        items: items.iter().map(|s| s.to_string()).collect(),
        answers: answers
            .iter()
            .map(|&(value, label)| AnswerOption {
                value,
                label: label.to_string(),
            })
            .collect(),
        min_answer: scale.0,
        max_answer: scale.1,
        min_answered: scale.2,
    }
}

/// Like [`questionnaire`], with the instrument given by its id (`who5` or `gse`) and the
/// language by its tag (see [`Language::parse`]).
///
/// # Errors
/// `unknown_value` on field `id` for any other id, and on `lang` for an unknown language.
pub fn questionnaire_by_id(id: &str, lang: &str) -> Result<Questionnaire, ValidationError> {
    let instrument = crate::ids::parse::<Instrument>("id", id);
    let language = Language::from_tag("lang", lang);
    match (instrument, language) {
        (Ok(i), Ok(l)) => Ok(questionnaire(i, l)),
        (i, l) => Err(ValidationError::new(
            [i.err(), l.err()].into_iter().flatten().collect(),
        )),
    }
}
