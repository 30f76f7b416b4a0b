//! What the report needs of each participant ([`Subject`]), taken from a record as of the
//! report date; and [`Fact`], what a report read straight from a document keeps of each
//! participant (their facts, not their record).

use super::members::Keyed;
use super::record::ParticipantRecord;
use crate::intervention::Category;
use crate::participant::ParticipantId;
use crate::report::{CtiFacts, Subject};
use crate::{cti, gse, who5};
use time::Date;

/// What a report read from a document keeps of one participant.
pub(super) struct Fact {
    id: ParticipantId,
    /// The report's facts; `None` when they start after the report date.
    pub(super) subject: Option<Subject>,
    /// Their interventions' categories, in order (checked against the catalogue at the end,
    /// which may come after the participants in the document).
    pub(super) categories: Box<[Category]>,
}

impl Keyed for Fact {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Fact {
    /// The facts of a record as of `as_of`; the record is dropped.
    pub(super) fn new(m: ParticipantRecord, as_of: Date) -> Fact {
        let subject = (m.participant.start <= as_of).then(|| {
            let mut s = subject(&m, as_of);
            s.compact();
            s
        });
        Fact {
            categories: m
                .participant
                .interventions
                .iter()
                .map(|i| i.category)
                .collect(),
            subject,
            id: m.participant.id,
        }
    }
}

/// What the report needs of one member, as of a date.
pub(super) fn subject(m: &ParticipantRecord, as_of: Date) -> Subject {
    let p = &m.participant;
    let mut categories: Vec<Category> = p
        .interventions
        .iter()
        .filter(|i| i.date.is_none_or(|d| d <= as_of))
        .map(|i| i.category)
        .collect();
    categories.sort_unstable();
    categories.dedup();
    let known = |d: Date| d <= as_of;
    let (mut who5_indices, mut who5_unscored) = (Vec::with_capacity(m.who5.len()), 0u64);
    for x in m.who5.iter().filter(|x| known(x.date)) {
        match who5::score(&x.items) {
            Ok(s) => who5_indices.push((x.date, s.index)),
            Err(_) => who5_unscored += 1,
        }
    }
    let (mut gse_scores, mut gse_unscored) = (Vec::with_capacity(m.gse.len()), 0u64);
    for x in m.gse.iter().filter(|x| known(x.date)) {
        match gse::score(&x.items) {
            Ok(s) => gse_scores.push((x.date, s.score)),
            Err(_) => gse_unscored += 1,
        }
    }
    // Collected with exact room: a large report keeps these for every participant.
    let known_assessments = || m.ten_step.iter().filter(|a| known(a.date));
    let mut ten_step = Vec::with_capacity(known_assessments().map(|a| a.ratings.len()).sum());
    ten_step.extend(known_assessments().flat_map(|a| {
        a.ratings
            .iter()
            .map(move |(area, step)| (*area, a.date, step.get()))
    }));
    let cti = m.cti.as_ref().map(|c| Box::new(cti_facts(m, c, as_of)));
    Subject {
        gender: p.gender,
        age_band: p.age_band(),
        age: p.age,
        start: Some(p.start),
        end: p.end,
        periods: p.participations.iter().map(|x| (x.start, x.end)).collect(),
        challenges: p.challenges.clone(),
        municipality: p.municipality,
        anti_trafficking_referral: p.anti_trafficking_referral,
        // The flag, or any other referral written down by name (an assumption: a label means
        // the citizen was referred).
        referred_to_other_services: p.referred_to_other_services || !p.other_referrals.is_empty(),
        programme: p.programme.clone(),
        interventions: categories,
        who5: who5_indices,
        who5_unscored,
        gse_unscored,
        gse: gse_scores,
        ten_step,
        cti,
    }
}

/// What the report needs of one CTI course and of the participant's values around it.
fn cti_facts(m: &ParticipantRecord, c: &cti::RecordedCourse, as_of: Date) -> CtiFacts {
    let known = |d: Date| d <= as_of;
    CtiFacts {
        status: c.status(as_of).group(),
        months_per_phase: c.months_per_phase(as_of).into_iter().collect(),
        start: c.phases.first().map(|t| t.date).filter(|d| known(*d)),
        end: c.end.as_ref().map(|e| e.date).filter(|d| known(*d)),
        sold_sex_last_month: m
            .participant
            .sold_sex_last_month
            .iter()
            .filter(|a| known(a.date))
            .map(|a| (a.date, a.value))
            .collect(),
        life_situation: m
            .outcomes
            .iter()
            .filter(|r| known(r.date))
            .map(|r| {
                let ratings = r.ratings.iter().map(|(a, v)| (*a, v.get())).collect();
                (r.date, ratings)
            })
            .collect(),
    }
}
