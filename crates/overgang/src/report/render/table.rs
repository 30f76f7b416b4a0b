//! The table model every human format renders: blocks of heading, note, header and rows of
//! text, with the formatting of counts, shares and decimals in one place.

use crate::language::Language;
use crate::report::cells::Cell;
use crate::report::model::Report;

/// A table of a report as its human formats show it, in one language: a heading, a note, a
/// header and rows of text (hidden counts as `<5`, shares as `35 %`, Danish decimal commas).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Block {
    /// The table's heading.
    pub heading: String,
    /// A note under the heading (what is counted, what was left out).
    pub note: Option<String>,
    /// The column headings.
    pub header: Vec<String>,
    /// The rows: a label and its cells.
    pub rows: Vec<Vec<String>>,
}

/// A report's tables as its human formats show them ([`tables`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tables {
    /// The report's title (with the project's name).
    pub title: String,
    /// The line under the title: date, participants and the suppression rule.
    pub subtitle: String,
    /// The tables, in the order the report shows them (outreach last).
    pub blocks: Vec<Block>,
}

/// The report's tables in `lang`, as Markdown and HTML show them (the one table model of the
/// human formats, for other formats such as workbooks).
///
/// ```
/// use overgang::report::tables;
/// let r = overgang::cohort::Cohort::sample().report(&Default::default())?;
/// let t = tables(&r, overgang::Language::En);
/// assert!(t.title.starts_with("Cohort report"));
/// assert_eq!(t.blocks[0].heading, "Age");
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn tables(r: &Report, lang: Language) -> Tables {
    if let (0, Some(o)) = (r.participants.count, &r.outreach) {
        // A document of outreach alone: the outreach report's own tables.
        let (title, subtitle) = crate::report::outreach::render::titles(o, lang);
        return Tables {
            title,
            subtitle,
            blocks: crate::report::outreach::render::blocks(o, lang),
        };
    }
    let mut blocks = super::blocks::blocks(r, lang);
    if let Some(o) = &r.outreach {
        blocks.extend(crate::report::outreach::render::blocks(o, lang));
    }
    Tables {
        title: title(r, lang),
        subtitle: subtitle(r, lang),
        blocks,
    }
}

pub(in crate::report) fn t(lang: Language, en: &str, da: &str) -> String {
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

pub(in crate::report) fn percent(c: &Cell) -> String {
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

/// Writes blocks as Markdown: a heading at `level` (2 gives `##`), the note, and a pipe table
/// with numbers right-aligned, or `empty` in italics when a block has no rows.
pub(in crate::report) fn markdown_blocks(
    s: &mut String,
    blocks: &[Block],
    level: usize,
    empty: &str,
) {
    use std::fmt::Write;
    let hashes = "#".repeat(level.clamp(1, 6));
    for b in blocks {
        let _ = write!(s, "\n{hashes} {}\n\n", b.heading);
        if let Some(note) = &b.note {
            let _ = write!(s, "{note}\n\n");
        }
        if b.rows.is_empty() {
            let _ = writeln!(s, "_{empty}_");
            continue;
        }
        let _ = writeln!(s, "| {} |", b.header.join(" | "));
        let align: String = (0..b.header.len())
            .map(|i| if i == 0 { " --- |" } else { " ---: |" })
            .collect();
        let _ = writeln!(s, "|{align}");
        for row in &b.rows {
            let _ = writeln!(s, "| {} |", row.join(" | "));
        }
    }
}

/// Writes one block as an HTML table (row headers in the first column), every text escaped, or
/// `empty` when it has no rows.
pub(in crate::report) fn html_table(s: &mut String, b: &Block, empty: &str) {
    use std::fmt::Write;
    let escape = super::html::escape;
    if b.rows.is_empty() {
        let _ = write!(s, "<p><em>{}</em></p>", escape(empty));
        return;
    }
    s.push_str("<table><thead><tr>");
    for h in &b.header {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &b.rows {
        s.push_str("<tr>");
        for (j, cell) in row.iter().enumerate() {
            let tag = if j == 0 { "th scope=\"row\"" } else { "td" };
            let _ = write!(s, "<{tag}>{}</{}>", escape(cell), &tag[..2]);
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
}
