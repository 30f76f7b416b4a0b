//! ISO 3166-1 alpha-2 country codes: the 249 officially assigned codes, with English names
//! and Danish names (the names and their Danish translations as Debian's `iso-codes` 4.15
//! package publishes them; a name without a Danish translation there is shown in English).
//!
//! Nationalities in outreach counts are keyed by these codes, so the keys are vocabulary and
//! never free text.

use crate::error::{ErrorCode, FieldError};
use crate::language::Language;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Every officially assigned alpha-2 code, sorted, with its English and Danish name.
///
/// ```
/// use overgang::outreach::COUNTRIES;
/// assert_eq!(COUNTRIES.len(), 249);
/// assert!(COUNTRIES.contains(&("DK", "Denmark", "Danmark")));
/// ```
pub const COUNTRIES: [(&str, &str, &str); 249] = [
    ("AD", "Andorra", "Andorra"),
    ("AE", "United Arab Emirates", "Forenede Arabiske Emirater"),
    ("AF", "Afghanistan", "Afghanistan"),
    ("AG", "Antigua and Barbuda", "Antigua og Barbuda"),
    ("AI", "Anguilla", "Anguilla"),
    ("AL", "Albania", "Albanien"),
    ("AM", "Armenia", "Armenien"),
    ("AO", "Angola", "Angola"),
    ("AQ", "Antarctica", "Antarktis"),
    ("AR", "Argentina", "Argentina"),
    ("AS", "American Samoa", "Amerikansk Samoa"),
    ("AT", "Austria", "Østrig"),
    ("AU", "Australia", "Australien"),
    ("AW", "Aruba", "Aruba"),
    ("AX", "Åland Islands", "Åland"),
    ("AZ", "Azerbaijan", "Aserbajdsjan"),
    ("BA", "Bosnia and Herzegovina", "Bosnien-Hercegovina"),
    ("BB", "Barbados", "Barbados"),
    ("BD", "Bangladesh", "Bangladesh"),
    ("BE", "Belgium", "Belgien"),
    ("BF", "Burkina Faso", "Burkina Faso"),
    ("BG", "Bulgaria", "Bulgarien"),
    ("BH", "Bahrain", "Bahrain"),
    ("BI", "Burundi", "Burundi"),
    ("BJ", "Benin", "Benin"),
    ("BL", "Saint Barthélemy", "Sankt Bartolomæus"),
    ("BM", "Bermuda", "Bermuda"),
    ("BN", "Brunei Darussalam", "Brunei"),
    ("BO", "Bolivia", "Bolivia, Den Plurinationale Stat"),
    (
        "BQ",
        "Bonaire, Sint Eustatius and Saba",
        "Bonaire, Sint Eustatius og Saba",
    ),
    ("BR", "Brazil", "Brasilien"),
    ("BS", "Bahamas", "Bahamas"),
    ("BT", "Bhutan", "Bhutan"),
    ("BV", "Bouvet Island", "Bouvet-øen"),
    ("BW", "Botswana", "Botswana"),
    ("BY", "Belarus", "Hviderusland"),
    ("BZ", "Belize", "Belize"),
    ("CA", "Canada", "Canada"),
    ("CC", "Cocos (Keeling) Islands", "Cocosøerne (Keelingøerne)"),
    (
        "CD",
        "Congo, The Democratic Republic of the",
        "Den Demokratiske Republik Congo",
    ),
    (
        "CF",
        "Central African Republic",
        "Centralafrikanske Republik",
    ),
    ("CG", "Congo", "Congo"),
    ("CH", "Switzerland", "Schweiz"),
    ("CI", "Côte d'Ivoire", "Elfenbenskysten"),
    ("CK", "Cook Islands", "Cookøerne"),
    ("CL", "Chile", "Chile"),
    ("CM", "Cameroon", "Cameroun"),
    ("CN", "China", "Kina"),
    ("CO", "Colombia", "Colombia"),
    ("CR", "Costa Rica", "Costa Rica"),
    ("CU", "Cuba", "Cuba"),
    ("CV", "Cabo Verde", "Kap Verde"),
    ("CW", "Curaçao", "Curaçao"),
    ("CX", "Christmas Island", "Juleøen"),
    ("CY", "Cyprus", "Cypern"),
    ("CZ", "Czechia", "Tjekkiet"),
    ("DE", "Germany", "Tyskland"),
    ("DJ", "Djibouti", "Djibouti"),
    ("DK", "Denmark", "Danmark"),
    ("DM", "Dominica", "Dominica"),
    ("DO", "Dominican Republic", "Dominikanske Republik"),
    ("DZ", "Algeria", "Algeriet"),
    ("EC", "Ecuador", "Ecuador"),
    ("EE", "Estonia", "Estland"),
    ("EG", "Egypt", "Egypten"),
    ("EH", "Western Sahara", "Vestsahara"),
    ("ER", "Eritrea", "Eritrea"),
    ("ES", "Spain", "Spanien"),
    ("ET", "Ethiopia", "Etiopien"),
    ("FI", "Finland", "Finland"),
    ("FJ", "Fiji", "Fiji"),
    (
        "FK",
        "Falkland Islands (Malvinas)",
        "Falklandsøerne (Malvinas)",
    ),
    (
        "FM",
        "Micronesia, Federated States of",
        "Mikronesiens Forenede Stater",
    ),
    ("FO", "Faroe Islands", "Færøerne"),
    ("FR", "France", "Frankrig"),
    ("GA", "Gabon", "Gabon"),
    ("GB", "United Kingdom", "Storbritannien"),
    ("GD", "Grenada", "Grenada"),
    ("GE", "Georgia", "Georgien"),
    ("GF", "French Guiana", "Fransk Guyana"),
    ("GG", "Guernsey", "Guernsey"),
    ("GH", "Ghana", "Ghana"),
    ("GI", "Gibraltar", "Gibraltar"),
    ("GL", "Greenland", "Grønland"),
    ("GM", "Gambia", "Gambia"),
    ("GN", "Guinea", "Guinea"),
    ("GP", "Guadeloupe", "Guadeloupe"),
    ("GQ", "Equatorial Guinea", "Ækvatorialguinea"),
    ("GR", "Greece", "Grækenland"),
    (
        "GS",
        "South Georgia and the South Sandwich Islands",
        "South Georgia og De Sydlige Sandwichøer",
    ),
    ("GT", "Guatemala", "Guatemala"),
    ("GU", "Guam", "Guam"),
    ("GW", "Guinea-Bissau", "Guinea-Bissau"),
    ("GY", "Guyana", "Guyana"),
    ("HK", "Hong Kong", "Hongkong"),
    (
        "HM",
        "Heard Island and McDonald Islands",
        "Heard-øen og McDonald-øerne",
    ),
    ("HN", "Honduras", "Honduras"),
    ("HR", "Croatia", "Kroatien"),
    ("HT", "Haiti", "Haiti"),
    ("HU", "Hungary", "Ungarn"),
    ("ID", "Indonesia", "Indonesien"),
    ("IE", "Ireland", "Irland"),
    ("IL", "Israel", "Israel"),
    ("IM", "Isle of Man", "Isle of Man"),
    ("IN", "India", "Indien"),
    (
        "IO",
        "British Indian Ocean Territory",
        "Det britiske territorium i Det Indiske Ocean",
    ),
    ("IQ", "Iraq", "Irak"),
    ("IR", "Iran", "Iran, Den Islamiske Republik"),
    ("IS", "Iceland", "Island"),
    ("IT", "Italy", "Italien"),
    ("JE", "Jersey", "Jersey"),
    ("JM", "Jamaica", "Jamaica"),
    ("JO", "Jordan", "Jordan"),
    ("JP", "Japan", "Japan"),
    ("KE", "Kenya", "Kenya"),
    ("KG", "Kyrgyzstan", "Kirgisistan"),
    ("KH", "Cambodia", "Cambodja"),
    ("KI", "Kiribati", "Kiribati"),
    ("KM", "Comoros", "Comorerne"),
    ("KN", "Saint Kitts and Nevis", "Sankt Kitts og Nevis"),
    ("KP", "North Korea", "Korea, Den Demokratiske Folkerepublik"),
    ("KR", "South Korea", "Korea, Republikken"),
    ("KW", "Kuwait", "Kuwait"),
    ("KY", "Cayman Islands", "Caymanøerne"),
    ("KZ", "Kazakhstan", "Kasakhstan"),
    ("LA", "Laos", "Lao, Folkets Demokratiske Republik"),
    ("LB", "Lebanon", "Libanon"),
    ("LC", "Saint Lucia", "Sankt Lucia"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("LK", "Sri Lanka", "Sri Lanka"),
    ("LR", "Liberia", "Liberia"),
    ("LS", "Lesotho", "Lesotho"),
    ("LT", "Lithuania", "Litauen"),
    ("LU", "Luxembourg", "Luxembourg"),
    ("LV", "Latvia", "Letland"),
    ("LY", "Libya", "Libyen"),
    ("MA", "Morocco", "Marokko"),
    ("MC", "Monaco", "Monaco"),
    ("MD", "Moldova", "Moldova, Republikken"),
    ("ME", "Montenegro", "Montenegro"),
    (
        "MF",
        "Saint Martin (French part)",
        "Sankt Martin (Fransk del)",
    ),
    ("MG", "Madagascar", "Madagaskar"),
    ("MH", "Marshall Islands", "Marshalløerne"),
    ("MK", "North Macedonia", "Nordmakedonien"),
    ("ML", "Mali", "Mali"),
    ("MM", "Myanmar", "Burma"),
    ("MN", "Mongolia", "Mongoliet"),
    ("MO", "Macao", "Macao"),
    ("MP", "Northern Mariana Islands", "Nordmarianerne"),
    ("MQ", "Martinique", "Martinique"),
    ("MR", "Mauritania", "Mauretanien"),
    ("MS", "Montserrat", "Montserrat"),
    ("MT", "Malta", "Malta"),
    ("MU", "Mauritius", "Mauritius"),
    ("MV", "Maldives", "Maldiverne"),
    ("MW", "Malawi", "Malawi"),
    ("MX", "Mexico", "Mexico"),
    ("MY", "Malaysia", "Malaysia"),
    ("MZ", "Mozambique", "Mocambique"),
    ("NA", "Namibia", "Namibia"),
    ("NC", "New Caledonia", "Ny Kaledonien"),
    ("NE", "Niger", "Niger"),
    ("NF", "Norfolk Island", "Norfolk Øen"),
    ("NG", "Nigeria", "Nigeria"),
    ("NI", "Nicaragua", "Nicaragua"),
    ("NL", "Netherlands", "Holland"),
    ("NO", "Norway", "Norge"),
    ("NP", "Nepal", "Nepal"),
    ("NR", "Nauru", "Nauru"),
    ("NU", "Niue", "Niue"),
    ("NZ", "New Zealand", "New Zealand"),
    ("OM", "Oman", "Oman"),
    ("PA", "Panama", "Panama"),
    ("PE", "Peru", "Peru"),
    ("PF", "French Polynesia", "Fransk Polynesien"),
    ("PG", "Papua New Guinea", "Papua Ny Guinea"),
    ("PH", "Philippines", "Filippinerne"),
    ("PK", "Pakistan", "Pakistan"),
    ("PL", "Poland", "Polen"),
    (
        "PM",
        "Saint Pierre and Miquelon",
        "Sankt Pierre og Miquelon",
    ),
    ("PN", "Pitcairn", "Pitcairn"),
    ("PR", "Puerto Rico", "Puerto Rico"),
    ("PS", "Palestine, State of", "Palæstina, staten"),
    ("PT", "Portugal", "Portugal"),
    ("PW", "Palau", "Palau"),
    ("PY", "Paraguay", "Paraguay"),
    ("QA", "Qatar", "Qatar"),
    ("RE", "Réunion", "Réunion"),
    ("RO", "Romania", "Rumænien"),
    ("RS", "Serbia", "Serbien"),
    ("RU", "Russian Federation", "Russiske føderation"),
    ("RW", "Rwanda", "Rwanda"),
    ("SA", "Saudi Arabia", "Saudi-Arabien"),
    ("SB", "Solomon Islands", "Salomonøerne"),
    ("SC", "Seychelles", "Seychellerne"),
    ("SD", "Sudan", "Sudan"),
    ("SE", "Sweden", "Sverige"),
    ("SG", "Singapore", "Singapore"),
    (
        "SH",
        "Saint Helena, Ascension and Tristan da Cunha",
        "Sankt Helena, Ascension og Tristan da Cunha",
    ),
    ("SI", "Slovenia", "Slovenien"),
    ("SJ", "Svalbard and Jan Mayen", "Svalbard og Jan Mayen"),
    ("SK", "Slovakia", "Slovakiet"),
    ("SL", "Sierra Leone", "Sierra Leone"),
    ("SM", "San Marino", "San Marino"),
    ("SN", "Senegal", "Senegal"),
    ("SO", "Somalia", "Somalia"),
    ("SR", "Suriname", "Surinam"),
    ("SS", "South Sudan", "Sydsudan"),
    ("ST", "Sao Tome and Principe", "São Tomé og Príncipe"),
    ("SV", "El Salvador", "El Salvador"),
    (
        "SX",
        "Sint Maarten (Dutch part)",
        "Sint Maarten (hollandsk del)",
    ),
    ("SY", "Syria", "Syriske Arabiske Republik"),
    ("SZ", "Eswatini", "Eswatini"),
    ("TC", "Turks and Caicos Islands", "Turks- og Caicosøerne"),
    ("TD", "Chad", "Tchad"),
    (
        "TF",
        "French Southern Territories",
        "Sydlige Franske Territorier",
    ),
    ("TG", "Togo", "Togo"),
    ("TH", "Thailand", "Thailand"),
    ("TJ", "Tajikistan", "Tadsjikistan"),
    ("TK", "Tokelau", "Tokelau"),
    ("TL", "Timor-Leste", "Timor-Leste"),
    ("TM", "Turkmenistan", "Turkmenistan"),
    ("TN", "Tunisia", "Tunesien"),
    ("TO", "Tonga", "Tonga"),
    ("TR", "Türkiye", "Türkiye"),
    ("TT", "Trinidad and Tobago", "Trinidad og Tobago"),
    ("TV", "Tuvalu", "Tuvalu"),
    ("TW", "Taiwan", "Taiwan, Den Kinesiske Provins"),
    ("TZ", "Tanzania", "Tanzania, Den Forenede Republik"),
    ("UA", "Ukraine", "Ukraine"),
    ("UG", "Uganda", "Uganda"),
    (
        "UM",
        "United States Minor Outlying Islands",
        "USA's ydre småøer",
    ),
    ("US", "United States", "USA"),
    ("UY", "Uruguay", "Uruguay"),
    ("UZ", "Uzbekistan", "Usbekistan"),
    ("VA", "Holy See (Vatican City State)", "Vatikanstaten"),
    (
        "VC",
        "Saint Vincent and the Grenadines",
        "Sankt Vincent og Grenadinerne",
    ),
    ("VE", "Venezuela", "Den Bolivariske Republik Venezuela"),
    ("VG", "Virgin Islands, British", "Britiske Jomfruøer, De"),
    ("VI", "Virgin Islands, U.S.", "Amerikanske Jomfruøer, De"),
    ("VN", "Vietnam", "Vietnam"),
    ("VU", "Vanuatu", "Vanuatu"),
    ("WF", "Wallis and Futuna", "Wallis og Futunaøerne"),
    ("WS", "Samoa", "Samoa"),
    ("YE", "Yemen", "Yemen"),
    ("YT", "Mayotte", "Mayotte"),
    ("ZA", "South Africa", "Sydafrika"),
    ("ZM", "Zambia", "Zambia"),
    ("ZW", "Zimbabwe", "Zimbabwe"),
];

/// An officially assigned ISO 3166-1 alpha-2 code, stored in upper case.
///
/// ```
/// use overgang::outreach::CountryCode;
/// let th = CountryCode::parse("nationalities", "th")?;
/// assert_eq!(th.as_str(), "TH");
/// assert_eq!(th.name(overgang::Language::Da), "Thailand");
/// assert!(CountryCode::parse("nationalities", "XX").is_err()); // not assigned
/// # Ok::<(), overgang::FieldError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode(u16);

impl CountryCode {
    /// Reads a code: two ASCII letters, either case, officially assigned.
    ///
    /// ```
    /// use overgang::outreach::CountryCode;
    /// assert_eq!(CountryCode::parse("nationalities", "bg")?.as_str(), "BG");
    /// let err = CountryCode::parse("nationalities", "Bulgaria").unwrap_err();
    /// assert!(!err.message.contains("Bulgaria"));
    /// # Ok::<(), overgang::FieldError>(())
    /// ```
    ///
    /// # Errors
    /// `unknown_value` on `field` for anything else; the text is never echoed.
    pub fn parse(field: &str, text: &str) -> Result<CountryCode, FieldError> {
        let upper = text.trim().to_ascii_uppercase();
        COUNTRIES
            .binary_search_by(|c| c.0.cmp(upper.as_str()))
            .ok()
            .and_then(|i| u16::try_from(i).ok())
            .map(CountryCode)
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    ErrorCode::UnknownValue,
                    format!("{field}: a key is not an ISO 3166-1 alpha-2 country code; expected two letters such as TH, RO or NG"),
                )
            })
    }

    fn entry(self) -> (&'static str, &'static str, &'static str) {
        // Only built from an index found in the list; the fallback is never reached.
        COUNTRIES
            .get(usize::from(self.0))
            .copied()
            .unwrap_or(("ZZ", "Unknown", "Ukendt"))
    }

    /// The code, e.g. `TH`.
    ///
    /// ```
    /// assert_eq!(overgang::outreach::CountryCode::parse("n", "ro")?.as_str(), "RO");
    /// # Ok::<(), overgang::FieldError>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        self.entry().0
    }

    /// The country's name in a language.
    ///
    /// ```
    /// use overgang::{outreach::CountryCode, Language};
    /// assert_eq!(CountryCode::parse("n", "RO")?.name(Language::Da), "Rumænien");
    /// assert_eq!(CountryCode::parse("n", "RO")?.name(Language::En), "Romania");
    /// # Ok::<(), overgang::FieldError>(())
    /// ```
    pub fn name(self, lang: Language) -> &'static str {
        let (_, en, da) = self.entry();
        match lang {
            Language::Da => da,
            _ => en,
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        CountryCode::parse("nationalities", &text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_249_assigned_codes_and_no_others() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES
            .iter()
            .all(|c| c.0.len() == 2 && c.0.bytes().all(|b| b.is_ascii_uppercase())));
        // user-assigned and reserved codes are refused
        for bad in [
            "XX", "ZZ", "EU", "UK", "AA", "QM", "XK", "", "T", "THA", "1A",
        ] {
            assert!(CountryCode::parse("n", bad).is_err(), "{bad}");
        }
        for good in ["DK", "TH", "RO", "NG", "BG", "SS", "AX", "dk"] {
            assert!(CountryCode::parse("n", good).is_ok(), "{good}");
        }
    }
}
