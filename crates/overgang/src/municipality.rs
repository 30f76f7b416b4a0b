//! The 98 Danish municipalities (kommuner) with their official three-digit codes
//! (kommunekoder, Danmarks Statistik / DAGI) and the five regions they belong to.
//!
//! A municipality code gives the region, so data carries only the code. The list is public data
//! and fixed since the 2007 reform; Christiansø (code 411) is not a municipality and is refused.
//!
//! ```
//! use overgang::municipality::{MunicipalityCode, Region};
//! let aarhus = MunicipalityCode::new(751)?;
//! assert_eq!(aarhus.name(), "Aarhus");
//! assert_eq!(aarhus.region(), Region::Midtjylland);
//! assert_eq!(aarhus.region().code(), 1082);
//! assert_eq!(overgang::municipality::MUNICIPALITIES.len(), 98);
//! # Ok::<(), overgang::ValidationError>(())
//! ```

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::ids::{id_enum, IdLabel};
use crate::language::Language;
use crate::RawAnswer;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

id_enum! {
    /// The five regions (regioner), in the order Danmarks Statistik lists them.
    ///
    /// ```
    /// use overgang::{municipality::Region, Language};
    /// assert_eq!(Region::ALL.len(), 5);
    /// assert_eq!((Region::Sjaelland.as_str(), Region::Sjaelland.label(Language::Da)), ("sjaelland", "Region Sjælland"));
    /// ```
    pub enum Region ("region") {
        /// Region Hovedstaden (code 1084).
        Hovedstaden = "hovedstaden", "Capital Region of Denmark", "Region Hovedstaden";
        /// Region Sjælland (code 1085).
        Sjaelland = "sjaelland", "Region Zealand", "Region Sjælland";
        /// Region Syddanmark (code 1083).
        Syddanmark = "syddanmark", "Region of Southern Denmark", "Region Syddanmark";
        /// Region Midtjylland (code 1082).
        Midtjylland = "midtjylland", "Central Denmark Region", "Region Midtjylland";
        /// Region Nordjylland (code 1081).
        Nordjylland = "nordjylland", "North Denmark Region", "Region Nordjylland";
    }
}

impl Region {
    /// The region's official four-digit code (regionskode).
    ///
    /// ```
    /// use overgang::municipality::Region;
    /// assert_eq!(Region::Hovedstaden.code(), 1084);
    /// assert_eq!(Region::Nordjylland.code(), 1081);
    /// ```
    pub const fn code(self) -> u16 {
        match self {
            Region::Nordjylland => 1081,
            Region::Midtjylland => 1082,
            Region::Syddanmark => 1083,
            Region::Hovedstaden => 1084,
            Region::Sjaelland => 1085,
        }
    }
}

/// One municipality: its code, its Danish name and its region.
///
/// ```
/// let m = overgang::municipality::by_code(101).unwrap();
/// assert_eq!((m.code, m.name, m.region.code()), (101, "København", 1084));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Municipality {
    /// The official three-digit code (kommunekode), e.g. 101.
    pub code: u16,
    /// The official Danish name without "Kommune", e.g. "København".
    pub name: &'static str,
    /// The region the municipality belongs to.
    pub region: Region,
}

const fn m(code: u16, name: &'static str, region: Region) -> Municipality {
    Municipality { code, name, region }
}

use Region::{
    Hovedstaden as H, Midtjylland as M, Nordjylland as N, Sjaelland as S, Syddanmark as D,
};

/// All 98 municipalities, ordered by code (checked against Danmarks Statistik's list of
/// kommunekoder; the regions are those of the 2007 reform).
///
/// ```
/// use overgang::municipality::{MUNICIPALITIES, Region};
/// let n = |r: Region| MUNICIPALITIES.iter().filter(|m| m.region == r).count();
/// assert_eq!([n(Region::Hovedstaden), n(Region::Sjaelland), n(Region::Syddanmark),
///             n(Region::Midtjylland), n(Region::Nordjylland)], [29, 17, 22, 19, 11]);
/// ```
pub const MUNICIPALITIES: [Municipality; 98] = [
    m(101, "København", H),
    m(147, "Frederiksberg", H),
    m(151, "Ballerup", H),
    m(153, "Brøndby", H),
    m(155, "Dragør", H),
    m(157, "Gentofte", H),
    m(159, "Gladsaxe", H),
    m(161, "Glostrup", H),
    m(163, "Herlev", H),
    m(165, "Albertslund", H),
    m(167, "Hvidovre", H),
    m(169, "Høje-Taastrup", H),
    m(173, "Lyngby-Taarbæk", H),
    m(175, "Rødovre", H),
    m(183, "Ishøj", H),
    m(185, "Tårnby", H),
    m(187, "Vallensbæk", H),
    m(190, "Furesø", H),
    m(201, "Allerød", H),
    m(210, "Fredensborg", H),
    m(217, "Helsingør", H),
    m(219, "Hillerød", H),
    m(223, "Hørsholm", H),
    m(230, "Rudersdal", H),
    m(240, "Egedal", H),
    m(250, "Frederikssund", H),
    m(253, "Greve", S),
    m(259, "Køge", S),
    m(260, "Halsnæs", H),
    m(265, "Roskilde", S),
    m(269, "Solrød", S),
    m(270, "Gribskov", H),
    m(306, "Odsherred", S),
    m(316, "Holbæk", S),
    m(320, "Faxe", S),
    m(326, "Kalundborg", S),
    m(329, "Ringsted", S),
    m(330, "Slagelse", S),
    m(336, "Stevns", S),
    m(340, "Sorø", S),
    m(350, "Lejre", S),
    m(360, "Lolland", S),
    m(370, "Næstved", S),
    m(376, "Guldborgsund", S),
    m(390, "Vordingborg", S),
    m(400, "Bornholm", H),
    m(410, "Middelfart", D),
    m(420, "Assens", D),
    m(430, "Faaborg-Midtfyn", D),
    m(440, "Kerteminde", D),
    m(450, "Nyborg", D),
    m(461, "Odense", D),
    m(479, "Svendborg", D),
    m(480, "Nordfyns", D),
    m(482, "Langeland", D),
    m(492, "Ærø", D),
    m(510, "Haderslev", D),
    m(530, "Billund", D),
    m(540, "Sønderborg", D),
    m(550, "Tønder", D),
    m(561, "Esbjerg", D),
    m(563, "Fanø", D),
    m(573, "Varde", D),
    m(575, "Vejen", D),
    m(580, "Aabenraa", D),
    m(607, "Fredericia", D),
    m(615, "Horsens", M),
    m(621, "Kolding", D),
    m(630, "Vejle", D),
    m(657, "Herning", M),
    m(661, "Holstebro", M),
    m(665, "Lemvig", M),
    m(671, "Struer", M),
    m(706, "Syddjurs", M),
    m(707, "Norddjurs", M),
    m(710, "Favrskov", M),
    m(727, "Odder", M),
    m(730, "Randers", M),
    m(740, "Silkeborg", M),
    m(741, "Samsø", M),
    m(746, "Skanderborg", M),
    m(751, "Aarhus", M),
    m(756, "Ikast-Brande", M),
    m(760, "Ringkøbing-Skjern", M),
    m(766, "Hedensted", M),
    m(773, "Morsø", N),
    m(779, "Skive", M),
    m(787, "Thisted", N),
    m(791, "Viborg", M),
    m(810, "Brønderslev", N),
    m(813, "Frederikshavn", N),
    m(820, "Vesthimmerlands", N),
    m(825, "Læsø", N),
    m(840, "Rebild", N),
    m(846, "Mariagerfjord", N),
    m(849, "Jammerbugt", N),
    m(851, "Aalborg", N),
    m(860, "Hjørring", N),
];

/// The municipality with an official code, if there is one.
///
/// ```
/// use overgang::municipality::by_code;
/// assert_eq!(by_code(461).map(|m| m.name), Some("Odense"));
/// assert_eq!(by_code(411), None); // Christiansø is not a municipality
/// ```
pub fn by_code(code: u16) -> Option<&'static Municipality> {
    MUNICIPALITIES
        .binary_search_by_key(&code, |m| m.code)
        .ok()
        .and_then(|i| MUNICIPALITIES.get(i))
}

/// Every municipality as `{id: "101", label: "København"}`, ordered by code, for forms. The
/// names are Danish in both languages (they are proper names).
///
/// ```
/// let list = overgang::municipality::options();
/// assert_eq!((list[0].id.as_str(), list[0].label.as_str()), ("101", "København"));
/// assert_eq!(list.len(), 98);
/// ```
pub fn options() -> Vec<IdLabel> {
    MUNICIPALITIES
        .iter()
        .map(|m| IdLabel {
            id: format!("{:03}", m.code),
            label: m.name.to_string(),
        })
        .collect()
}

/// A valid municipality code: one of the 98 in [`MUNICIPALITIES`]. Serialised as a number
/// (`101`); read from a whole number or a string of three digits (`"101"`, or four with a
/// leading zero, `"0101"`, as DAGI and CVR write them).
///
/// ```
/// use overgang::municipality::MunicipalityCode;
/// let kbh: MunicipalityCode = serde_json::from_str("\"101\"").unwrap();
/// assert_eq!(kbh.name(), "København");
/// assert_eq!(serde_json::to_string(&kbh).unwrap(), "101");
/// assert!(serde_json::from_str::<MunicipalityCode>("999").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MunicipalityCode(u16);

/// What a municipality code stands for, as the bindings return it:
/// `{code, name, region, region_code}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct MunicipalityFacts {
    /// The three-digit code.
    pub code: u16,
    /// The municipality's name.
    pub name: &'static str,
    /// Its region.
    pub region: Region,
    /// The region's code (1081-1085).
    pub region_code: u16,
}

impl MunicipalityCode {
    /// The code, name and region.
    ///
    /// ```
    /// let f = overgang::municipality::MunicipalityCode::new(751)?.facts();
    /// assert_eq!((f.name, f.region_code), ("Aarhus", 1082));
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn facts(self) -> MunicipalityFacts {
        MunicipalityFacts {
            code: self.code(),
            name: self.name(),
            region: self.region(),
            region_code: self.region().code(),
        }
    }

    /// Validates a code given as a number.
    ///
    /// ```
    /// use overgang::municipality::MunicipalityCode;
    /// assert!(MunicipalityCode::new(147).is_ok());
    /// assert_eq!(MunicipalityCode::new(100).unwrap_err().errors()[0].code.as_str(), "unknown_value");
    /// ```
    ///
    /// # Errors
    /// `unknown_value` on field `municipality` for a number that is not a municipality's code.
    pub fn new(code: u16) -> Result<MunicipalityCode, ValidationError> {
        by_code(code)
            .map(|m| MunicipalityCode(m.code))
            .ok_or_else(|| ValidationError::new(vec![unknown("municipality")]))
    }

    /// The three-digit code.
    ///
    /// ```
    /// assert_eq!(overgang::municipality::MunicipalityCode::new(851)?.code(), 851);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn code(self) -> u16 {
        self.0
    }

    /// The municipality (name and region).
    ///
    /// ```
    /// let m = overgang::municipality::MunicipalityCode::new(561)?.municipality();
    /// assert_eq!(m.name, "Esbjerg");
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn municipality(self) -> &'static Municipality {
        // Only built from a code found in the list; the fallback is never reached.
        by_code(self.0).unwrap_or(&MUNICIPALITIES[0])
    }

    /// The Danish name.
    ///
    /// ```
    /// assert_eq!(overgang::municipality::MunicipalityCode::new(147)?.name(), "Frederiksberg");
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn name(self) -> &'static str {
        self.municipality().name
    }

    /// The region.
    ///
    /// ```
    /// use overgang::municipality::{MunicipalityCode, Region};
    /// assert_eq!(MunicipalityCode::new(400)?.region(), Region::Hovedstaden); // Bornholm
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    pub fn region(self) -> Region {
        self.municipality().region
    }

    /// Reads a code written as text (a CSV cell, a form field): three digits, or four with a
    /// leading zero. Surrounding spaces are ignored.
    ///
    /// ```
    /// use overgang::municipality::MunicipalityCode;
    /// assert_eq!(MunicipalityCode::from_text("municipality", " 0461 ")?.name(), "Odense");
    /// let err = MunicipalityCode::from_text("municipality", "Odense").unwrap_err();
    /// assert_eq!(err.code.as_str(), "invalid_format");
    /// assert!(!err.message.contains("Odense"));
    /// # Ok::<(), overgang::FieldError>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_format` on `field` when the text is not three digits, `unknown_value` when the
    /// digits are not a municipality's code. The text is never echoed.
    pub fn from_text(field: &str, text: &str) -> Result<MunicipalityCode, FieldError> {
        let t = text.trim();
        let digits = match t.len() {
            3 => t,
            4 if t.starts_with('0') => &t[1..],
            _ => return Err(format_error(field)),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format_error(field));
        }
        let code: u16 = digits.parse().map_err(|_| format_error(field))?;
        by_code(code)
            .map(|m| MunicipalityCode(m.code))
            .ok_or_else(|| unknown(field))
    }

    /// Reads a code from a JSON value: a whole number or text as in
    /// [`MunicipalityCode::from_text`].
    ///
    /// ```
    /// use overgang::municipality::MunicipalityCode;
    /// use serde_json::json;
    /// assert_eq!(MunicipalityCode::from_value("municipality", &json!(101))?.name(), "København");
    /// assert_eq!(MunicipalityCode::from_value("municipality", &json!(101.5)).unwrap_err().code.as_str(), "not_an_integer");
    /// # Ok::<(), overgang::FieldError>(())
    /// ```
    ///
    /// # Errors
    /// `missing` for null, `not_an_integer` for a fraction, `invalid_format` for text that is
    /// not three digits or another type, `unknown_value` for a number that is not a code.
    pub fn from_value(field: &str, value: &Value) -> Result<MunicipalityCode, FieldError> {
        match value {
            Value::String(s) => MunicipalityCode::from_text(field, s),
            Value::Null => Err(FieldError::new(
                field,
                ErrorCode::Missing,
                format!("{field} is missing; {ALLOWED}"),
            )),
            Value::Number(_) => {
                // A whole number; the count reader refuses fractions and negatives without
                // echoing long numbers (a CPR number typed into the wrong field).
                let n = crate::answer::count(field, RawAnswer::from(value)).map_err(|e| {
                    if e.code == ErrorCode::NotAnInteger {
                        FieldError::new(
                            field,
                            ErrorCode::NotAnInteger,
                            format!("{field}: not a whole number; {ALLOWED}"),
                        )
                    } else {
                        unknown(field)
                    }
                })?;
                u16::try_from(n)
                    .ok()
                    .and_then(by_code)
                    .map(|m| MunicipalityCode(m.code))
                    .ok_or_else(|| unknown(field))
            }
            _ => Err(format_error(field)),
        }
    }
}

/// What a municipality code may be, for messages.
const ALLOWED: &str =
    "expected one of the 98 Danish municipality codes (kommunekoder), three digits, e.g. 101 or 751";

fn format_error(field: &str) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::InvalidFormat,
        format!("{field}: not a municipality code; {ALLOWED}"),
    )
    .with_allowed(&codes().iter().map(String::as_str).collect::<Vec<_>>())
}

fn unknown(field: &str) -> FieldError {
    FieldError::new(
        field,
        ErrorCode::UnknownValue,
        format!("{field}: not a Danish municipality's code; {ALLOWED}"),
    )
    .with_allowed(&codes().iter().map(String::as_str).collect::<Vec<_>>())
}

/// The 98 codes as three-digit text, for the error context that forms list choices from.
fn codes() -> Vec<String> {
    MUNICIPALITIES
        .iter()
        .map(|m| format!("{:03}", m.code))
        .collect()
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl Serialize for MunicipalityCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for MunicipalityCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        // The message never holds the value, so serde's error is safe to show.
        MunicipalityCode::from_value("municipality", &v)
            .map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// A region's label, by its id, as the renderers need it.
///
/// ```
/// use overgang::{municipality::region_label, Language};
/// assert_eq!(region_label("sjaelland", Language::Da), Some("Region Sjælland"));
/// ```
pub fn region_label(id: &str, lang: Language) -> Option<&'static str> {
    Region::ALL
        .iter()
        .find(|r| r.as_str() == id)
        .map(|r| r.label(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ninety_eight_distinct_sorted_codes() {
        assert_eq!(MUNICIPALITIES.len(), 98);
        assert!(MUNICIPALITIES.windows(2).all(|w| w[0].code < w[1].code));
        let mut names: Vec<&str> = MUNICIPALITIES.iter().map(|m| m.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 98);
    }

    #[test]
    fn errors_carry_the_98_codes_as_context() {
        let e = MunicipalityCode::from_text("municipality", "999").unwrap_err();
        let allowed = e.context.and_then(|c| c.allowed).unwrap_or_default();
        assert_eq!((allowed.len(), allowed[0].as_str()), (98, "101"));
    }

    #[test]
    fn the_big_cities_and_their_regions() {
        for (code, name, region) in [
            (101, "København", Region::Hovedstaden),
            (147, "Frederiksberg", Region::Hovedstaden),
            (751, "Aarhus", Region::Midtjylland),
            (561, "Esbjerg", Region::Syddanmark),
            (851, "Aalborg", Region::Nordjylland),
            (461, "Odense", Region::Syddanmark),
            (265, "Roskilde", Region::Sjaelland),
        ] {
            let m = by_code(code).unwrap();
            assert_eq!((m.name, m.region), (name, region));
        }
    }

    #[test]
    fn codes_read_from_numbers_and_text_never_echo() {
        assert_eq!(
            MunicipalityCode::from_value("m", &json!("101"))
                .unwrap()
                .code(),
            101
        );
        assert_eq!(
            MunicipalityCode::from_value("m", &json!(101.0))
                .unwrap()
                .code(),
            101
        );
        for (bad, code) in [
            (json!(411), "unknown_value"),
            (json!(-101), "unknown_value"),
            (json!(101.5), "not_an_integer"),
            (json!("1010"), "invalid_format"),
            (json!("10a"), "invalid_format"),
            (json!("010190-1234"), "invalid_format"),
            (json!(true), "invalid_format"),
            (json!(null), "missing"),
            (json!(1_801_901_234u64), "unknown_value"),
        ] {
            let e = MunicipalityCode::from_value("municipality", &bad).unwrap_err();
            assert_eq!(e.code.as_str(), code, "{bad}");
            assert!(e.message.starts_with("municipality"));
            assert!(!e.message.contains("1234") && !e.message.contains("10a"));
        }
    }
}
