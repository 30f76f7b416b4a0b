//! The languages texts and labels are available in, and the one policy for reading a language
//! tag: a BCP 47 tag means its primary language (`da-DK` is `da`), case does not matter, and an
//! unknown language is an error, never a silent fallback.
//!
//! This is the one closed set not declared with `id_enum!`: every other set's labels are written
//! in these languages, so it sits below them.

use crate::error::{ErrorCode, FieldError, ValidationError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A language texts are available in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Danish, the default: the reports and forms are Danish first.
    #[default]
    Da,
    /// English.
    En,
}

impl Language {
    /// Every language, in display order.
    pub const ALL: &'static [Language] = &[Language::Da, Language::En];
    /// Every language's code, in display order.
    pub const IDS: [&'static str; 2] = ["da", "en"];

    /// The ISO 639-1 code.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::En => "en",
        }
    }

    /// The language's name in `lang`.
    pub const fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Language::Da, Language::Da) => "dansk",
            (Language::Da, Language::En) => "Danish",
            (Language::En, Language::Da) => "engelsk",
            (Language::En, Language::En) => "English",
        }
    }

    /// Reads a language tag: `da`, `en`, or a tag with a region or script (`da-DK`, `en_GB`),
    /// case-insensitive; `None` for any other language.
    ///
    /// ```
    /// use overgang::Language;
    /// assert_eq!(Language::parse("da-DK"), Some(Language::Da));
    /// assert_eq!(Language::parse("EN"), Some(Language::En));
    /// assert_eq!(Language::parse("de"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .iter()
            .copied()
            .find(|l| l.as_str().eq_ignore_ascii_case(primary))
    }

    /// [`Language::parse`] with an error for an unknown tag.
    ///
    /// ```
    /// use overgang::Language;
    /// let err = Language::from_tag("lang", "de").unwrap_err();
    /// assert_eq!(err.message, "lang: unknown value; allowed: da, en");
    /// ```
    ///
    /// # Errors
    /// `unknown_value` on `field`, listing the languages (the tag is not echoed).
    pub fn from_tag(field: &str, tag: &str) -> Result<Language, FieldError> {
        Language::parse(tag).ok_or_else(|| {
            FieldError::new(
                field,
                ErrorCode::UnknownValue,
                format!(
                    "{field}: unknown value; allowed: {}",
                    Language::IDS.join(", ")
                ),
            )
            .with_allowed(&Language::IDS)
        })
    }
}

impl std::str::FromStr for Language {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_tag("lang", s).map_err(|e| ValidationError::new(vec![e]))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
