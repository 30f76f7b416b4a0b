//! Critical Time Intervention courses (seed 004, pages 8 and 16-19): a contact period, then
//! three equally long phases (4 months each in the Danish exit programme, 3 in canonical CTI).
//!
//! ```
//! use overgang::cti::{Course, Phase};
//! use time::macros::date;
//! let course = Course::new(date!(2024 - 09 - 15), date!(2024 - 10 - 31), 4)?;
//! let starts: Vec<String> = course.schedule().iter().map(|p| p.start.to_string()).collect();
//! assert_eq!(starts, ["2024-09-15", "2024-10-31", "2025-02-28", "2025-06-30"]);
//! assert_eq!(course.planned_end().to_string(), "2025-10-31");
//! assert_eq!(course.phase_on(date!(2025 - 02 - 27)), Some(Phase::Planning));
//! assert_eq!(course.phase_on(date!(2025 - 02 - 28)), Some(Phase::TryOut));
//! assert_eq!(course.phase_on(date!(2025 - 10 - 31)), None);
//! # Ok::<(), overgang::ValidationError>(())
//! ```

mod ids;
mod plan;
mod reading;
mod recorded;

pub use ids::*;
pub use plan::*;
pub use recorded::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::add_months;
    use proptest::prelude::*;
    use time::Date;
    use time::Month;

    proptest! {
        #[test]
        fn schedule_is_contiguous_ordered_and_phase_on_agrees(
            contact in 0i64..400, gap in 0i64..90, months in 1u8..=12, probe in -30i64..1500
        ) {
            let base = Date::from_calendar_date(2023, Month::January, 1).unwrap();
            let c = Course::new(base + time::Duration::days(contact), base + time::Duration::days(contact + gap), months).unwrap();
            let s = c.schedule();
            prop_assert_eq!(s.len(), 4);
            for w in s.windows(2) {
                prop_assert_eq!(w[0].end, w[1].start);
                prop_assert!(w[0].start <= w[1].start);
            }
            let day = base + time::Duration::days(probe);
            let expected = s.iter().find(|p| p.start <= day && day < p.end).map(|p| p.phase);
            prop_assert_eq!(c.phase_on(day), expected);
        }
    }

    #[test]
    fn month_end_clamping_counts_from_phase_1_each_time() {
        let d = Date::from_calendar_date(2024, Month::October, 31).unwrap();
        assert_eq!(add_months(d, 4).to_string(), "2025-02-28");
        assert_eq!(add_months(d, 8).to_string(), "2025-06-30");
        assert_eq!(add_months(d, 12).to_string(), "2025-10-31");
        let leap = Date::from_calendar_date(2023, Month::October, 31).unwrap();
        assert_eq!(add_months(leap, 4).to_string(), "2024-02-29");
    }
}
