//! The table model every human format renders: blocks of heading, note, header and rows of
//! text, with the formatting of counts, shares and decimals in one place.

use crate::language::Language;
use crate::report::cells::Cell;
use crate::report::model::Report;

/// A block of the report: a heading, a note and a table (header and rows of cells).
pub(super) struct Block {
    pub heading: String,
    pub note: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub(super) fn t(lang: Language, en: &str, da: &str) -> String {
    match lang {
        Language::Da => da.to_string(),
        _ => en.to_string(),
    }
}

/// A count as shown in a table: the number, or `hidden` (e.g. `<5`) for a suppressed cell.
pub(super) fn count(c: &Cell, hidden: &str) -> String {
    if c.suppressed {
        hidden.to_string()
    } else {
        c.count.map_or_else(|| "-".into(), |v| v.to_string())
    }
}

pub(super) fn percent(c: &Cell) -> String {
    c.percent.map_or_else(|| "-".into(), |p| format!("{p} %"))
}

pub(super) fn decimal(v: Option<f64>, places: usize) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.places$}"))
}

/// Danish writes a decimal comma.
pub(super) fn localise(text: String, lang: Language) -> String {
    match lang {
        Language::Da => text.replace('.', ","),
        _ => text,
    }
}

pub(super) fn title(r: &Report, lang: Language) -> String {
    format!(
        "{}: {}",
        t(lang, "Cohort report", "Kohorterapport"),
        r.project
    )
}

pub(super) fn subtitle(r: &Report, lang: Language) -> String {
    let suppression = if r.options.min_cell > 1 {
        t(
            lang,
            &format!(
                "Counts below {} are hidden (shown as <{}): this library's safeguard, not the published report's practice.",
                r.options.min_cell, r.options.min_cell
            ),
            &format!(
                "Antal under {} er skjult (vist som <{}): bibliotekets egen beskyttelse, ikke den offentliggjorte rapports praksis.",
                r.options.min_cell, r.options.min_cell
            ),
        )
    } else {
        t(
            lang,
            "Small counts are not hidden.",
            "Små antal er ikke skjult.",
        )
    };
    format!(
        "{} {}. {}: {}. {}",
        t(lang, "As of", "Opgjort pr."),
        r.as_of,
        t(lang, "Participants", "Deltagere"),
        r.participants.count,
        suppression
    )
}
