//! The closed sets of a CTI course: phases, focus areas, end reasons, support roles and the
//! report's status groups.

use crate::ids::id_enum;

id_enum! {
    /// A period of a course.
    pub enum Phase ("phase") {
        /// Contact establishment (kontaktetablering), before phase 1.
        Contact = "contact", "Contact period", "Kontaktetablering";
        /// Phase 1: planning and initiation.
        Planning = "planning", "Phase 1: planning and initiation", "Fase 1: planlægning og igangsættelse";
        /// Phase 2: try-out and adjustment.
        TryOut = "try_out", "Phase 2: try-out and adjustment", "Fase 2: afprøvning og tilpasning";
        /// Phase 3: transfer of responsibility and anchoring.
        Transfer = "transfer", "Phase 3: transfer of responsibility", "Fase 3: overdragelse af ansvar og forankring";
    }
}

id_enum! {
    /// The eight focus areas of seed 004, table 2.
    pub enum FocusArea ("focus_area") {
        /// Economy.
        Economy = "economy", "Economy", "Økonomi";
        /// Housing.
        Housing = "housing", "Housing", "Bolig";
        /// Network.
        Network = "network", "Network", "Netværk";
        /// Daily activities.
        DailyActivities = "daily_activities", "Daily activities", "Daglige aktiviteter";
        /// Physical health.
        PhysicalHealth = "physical_health", "Physical health", "Fysisk helbred";
        /// Mental health.
        MentalHealth = "mental_health", "Mental health", "Psykisk helbred";
        /// Substance use.
        SubstanceUse = "substance_use", "Substance use", "Misbrug";
        /// Education and labour-market skills.
        EducationEmployment = "education_employment", "Education and labour-market skills", "Uddannelses- og arbejdsmarkedskompetencer";
    }
}

id_enum! {
    /// Why a course was interrupted (ended before phase 3, or in phase 3 with neither a handover
    /// nor phase 3 run to its planned end).
    pub enum EndReason ("reason") {
        /// The citizen chose to stop.
        DroppedOut = "dropped_out", "Dropped out", "Faldet fra";
        /// Contact was lost.
        ContactLost = "contact_lost", "Contact lost", "Mistet kontakt";
        /// The citizen moved away.
        Moved = "moved", "Moved", "Fraflyttet";
        /// Referred to another service.
        ReferredElsewhere = "referred_elsewhere", "Referred elsewhere", "Henvist til andet tilbud";
        /// The goals were met early (the course still counts as interrupted: all three phases
        /// must be run, seed 004 line 209).
        GoalsMet = "goals_met", "Goals met", "Mål nået";
        /// Another reason.
        Other = "other", "Other", "Andet";
    }
}

id_enum! {
    /// A role in the support network: roles, never persons' names.
    pub enum SupportRole ("role") {
        /// A mentor.
        Mentor = "mentor", "Mentor", "Mentor";
        /// Family.
        Family = "family", "Family", "Familie";
        /// A friend.
        Friend = "friend", "Friend", "Ven";
        /// The municipal caseworker.
        MunicipalCaseworker = "municipal_caseworker", "Municipal caseworker", "Kommunal sagsbehandler";
        /// A health professional.
        HealthProfessional = "health_professional", "Health professional", "Sundhedsperson";
        /// A volunteer.
        Volunteer = "volunteer", "Volunteer", "Frivillig";
        /// A peer.
        Peer = "peer", "Peer", "Ligemand";
        /// A housing-support worker (bostøttemedarbejder, seed 004 line 615).
        HousingSupportWorker = "housing_support_worker", "Housing-support worker", "Bostøttemedarbejder";
        /// A support contact person (støttekontaktperson, SKP; seed 004 line 615).
        SupportContactPerson = "support_contact_person", "Support contact person", "Støttekontaktperson (SKP)";
        /// Staff at the citizen's education institution (seed 004 lines 609 and 615).
        EducationInstitution = "education_institution", "Education institution", "Uddannelsesinstitution";
        /// The job centre (seed 004 line 615).
        JobCentre = "job_centre", "Job centre", "Jobcenter";
        /// An NGO's offer, e.g. talk groups or social activities (seed 004 line 615).
        NgoOffer = "ngo_offer", "NGO offer", "Tilbud hos en NGO";
        /// Another role.
        Other = "other", "Other", "Andet";
    }
}

id_enum! {
    /// A course's status as the cohort report groups courses: running courses by phase.
    pub enum StatusGroup ("status") {
        /// Recorded, but no phase has begun yet (so the rows sum to all courses).
        NotStarted = "not_started", "Not started", "Ikke startet";
        /// Running, in the contact period.
        RunningContact = "running_contact", "Running: contact period", "I gang: kontaktetablering";
        /// Running, in phase 1.
        RunningPlanning = "running_planning", "Running: phase 1, planning", "I gang: fase 1, planlægning";
        /// Running, in phase 2.
        RunningTryOut = "running_try_out", "Running: phase 2, try-out", "I gang: fase 2, afprøvning";
        /// Running, in phase 3.
        RunningTransfer = "running_transfer", "Running: phase 3, transfer", "I gang: fase 3, overdragelse";
        /// Ended after running all three phases: phase 3 reached and a handover recorded, or phase
        /// 3 run to its planned end.
        Completed = "completed", "Completed", "Gennemført";
        /// Ended otherwise.
        Interrupted = "interrupted", "Interrupted", "Afbrudt";
    }
}

/// Default phase length in months in the Danish exit programme.
pub const DEFAULT_PHASE_MONTHS: u8 = 4;
