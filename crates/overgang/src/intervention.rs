//! Interventions: the thirteen categories the exit-package projects register (seed 001 figures
//! 1, 3, 5, 7 and tables 2, 13; seed 003), and the record of one given to a participant.
//!
//! A project's own catalogue is a subset of these categories (seed 001 §5.3).
//!
//! The referral to anti-trafficking services is not a category: it is a yes/no registration of
//! its own (seed 001 lines 1349-1353), the participant flag `anti_trafficking_referral`, as is
//! "visiteres til øvrige tilbud/indsatser" (`referred_to_other_services`).
//!
//! ```
//! use overgang::intervention::Category;
//! let c: Category = "group_therapy".parse()?;
//! assert_eq!(c.label(overgang::Language::Da), "Gruppeterapi");
//! assert!("yoga".parse::<Category>().unwrap_err().to_string().contains("allowed: counselling,"));
//! # Ok::<(), overgang::ValidationError>(())
//! ```

use crate::error::FieldError;
use crate::ids::id_enum;
use serde::{Deserialize, Serialize};
use time::Date;

id_enum! {
    /// An intervention category.
    pub enum Category ("category") {
        /// Counselling and guidance of the citizen.
        Counselling = "counselling", "Counselling and guidance", "Rådgivning og vejledning";
        /// Counselling of a professional about a citizen.
        ProfessionalAdvice = "professional_advice", "Advice to a professional", "Rådgivning til fagperson";
        /// Coordination course.
        CoordinationCourse = "coordination_course", "Coordination course", "Koordineringsforløb";
        /// Case management, including CTI courses.
        CaseManagement = "case_management", "Case management / CTI course", "Case management / CTI-forløb";
        /// Individual therapy.
        IndividualTherapy = "individual_therapy", "Individual therapy", "Individuel terapi";
        /// Group therapy, including psychoeducational and schema-therapy groups.
        GroupTherapy = "group_therapy", "Group therapy", "Gruppeterapi";
        /// Education- and employment-oriented course (job coaching, internships).
        EducationEmployment = "education_employment", "Education and employment course", "Uddannelses- og beskæftigelsesrettet forløb";
        /// Accompaniment to meetings.
        Accompaniment = "accompaniment", "Accompaniment to meetings", "Bisidning og følgeskab";
        /// Social activities (open café, shared meals, trips).
        SocialActivities = "social_activities", "Social activities", "Sociale aktiviteter";
        /// Outreach contact (clinics, escort ads, online, street).
        Outreach = "outreach", "Outreach contact", "Opsøgende kontakt";
        /// Health clinic, anonymous STI testing.
        HealthClinic = "health_clinic", "Health clinic", "Sundhedsklinik";
        /// Bridging to municipal services.
        Bridging = "bridging", "Bridging to municipal services", "Brobygning til kommunale tilbud";
        /// Material help (e.g. free clothes).
        MaterialHelp = "material_help", "Material help", "Materiel hjælp";
    }
}

/// What the report leaves out of "citizens by number of interventions" unless told otherwise:
/// material help (seed 001 line 439: 39 given free clothes stand outside Esbjerg's figure) and
/// outreach contact (seed 003 line 123: counted anonymously, not per citizen).
pub const NOT_IN_BINS_BY_DEFAULT: [Category; 2] = [Category::Outreach, Category::MaterialHelp];

/// The id that older input used for the referral to anti-trafficking services as a category.
pub const FORMER_REFERRAL_ID: &str = "anti_trafficking_referral";

/// Reads a category id at `field`; the former referral id gets an `unknown_value` error whose
/// message points to the participant flag (the input itself is never echoed).
///
/// ```
/// use overgang::intervention::{parse_category, Category};
/// assert_eq!(parse_category("x", "outreach").unwrap(), Category::Outreach);
/// let e = parse_category("x", "anti_trafficking_referral").unwrap_err();
/// assert_eq!(e.code.as_str(), "unknown_value");
/// assert!(e.message.contains("flag anti_trafficking_referral"));
/// ```
///
/// # Errors
/// `unknown_value` listing the categories.
pub fn parse_category(field: &str, text: &str) -> Result<Category, FieldError> {
    crate::ids::parse::<Category>(field, text).map_err(|mut e| {
        if text == FORMER_REFERRAL_ID {
            e.message = format!(
                "{field}: the referral to anti-trafficking services is not an intervention; \
                 set the participant flag anti_trafficking_referral: true instead"
            );
        }
        e
    })
}

/// One intervention given to a participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InterventionRecord {
    /// The category.
    pub category: Category,
    /// When it was given, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    #[serde(with = "crate::dates::iso_date_opt")]
    pub date: Option<Date>,
}
