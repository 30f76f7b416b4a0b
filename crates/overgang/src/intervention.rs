//! Interventions: the fourteen categories the exit-package projects register (seed 001 figures
//! 1, 3, 5, 7 and tables 2, 13; seed 003), and the record of one given to a participant.
//!
//! A project's own catalogue is a subset of these categories (seed 001 §5.3).
//!
//! ```
//! use overgang::intervention::Category;
//! let c: Category = "group_therapy".parse()?;
//! assert_eq!(c.label(overgang::Language::Da), "Gruppeterapi");
//! assert!("yoga".parse::<Category>().unwrap_err().to_string().contains("allowed: counselling,"));
//! # Ok::<(), overgang::ValidationError>(())
//! ```

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
        /// Referral to anti-trafficking services.
        AntiTraffickingReferral = "anti_trafficking_referral", "Referral to anti-trafficking services", "Henvisning til indsatser mod menneskehandel";
        /// Material help (e.g. free clothes).
        MaterialHelp = "material_help", "Material help", "Materiel hjælp";
    }
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
