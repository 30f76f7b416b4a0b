//! Human formats of a [`Report`]: Markdown, self-contained HTML (inline CSS and SVG) and CSV,
//! in Danish or English. Means are rounded here; the JSON keeps them unrounded.
//!
//! One table model ([`table`]) feeds Markdown and HTML; CSV lists the report's figures.

mod blocks;
mod chart;
mod csv;
pub(in crate::report) mod html;
mod markdown;
pub(in crate::report) mod table;

pub use csv::{figures, Figure};
pub(crate) use html::escape as escape_html;
pub(crate) use markdown::escape as escape_markdown;
pub use table::{tables, Block, Tables};

use super::model::Report;
use super::options::{Format, RenderOptions};

/// Renders a report in a format and language.
///
/// ```
/// use overgang::report::{render, Format, RenderOptions};
/// let report = overgang::cohort::Cohort::sample().report(&Default::default())?;
/// let md = render(&report, &RenderOptions::default());
/// assert!(md.starts_with("# "));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let lang = options.lang;
    // A document of outreach alone gets the outreach report of its own.
    if let (0, Some(o), false) = (
        report.participants.count,
        &report.outreach,
        options.format == Format::Json,
    ) {
        return super::outreach::render::render(o, options);
    }
    match options.format {
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default(),
        Format::Md => markdown::markdown(report, lang),
        Format::Html => html::html(report, lang),
        Format::Csv => csv::csv(report),
    }
}
