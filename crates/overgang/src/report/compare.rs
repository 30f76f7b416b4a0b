//! Projects side by side, as seed 001 Table 1 sets them (lines 80-88): participants, mean
//! months of participation, mean age, share of women and the WHO-5 first wave, one column per
//! project. Every figure comes from the project's own report, so it is counted (and suppressed)
//! exactly as there.

use super::model::Report;
use super::options::{Format, RenderOptions};
use crate::language::Language;
use crate::participant::Gender;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// Most projects compared at once.
pub const MAX_COMPARE_PROJECTS: usize = 50;

/// Projects side by side: `{"projects": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Comparison {
    /// One column per project, in the order given.
    pub projects: Vec<ProjectColumn>,
}

/// One project's column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProjectColumn {
    /// The project's name.
    pub project: String,
    /// Participants in the report.
    pub participants: u64,
    /// Mean months of participation (participations of a day or more), unrounded.
    pub mean_months: Option<f64>,
    /// Mean age over those with a recorded age, unrounded.
    pub mean_age: Option<f64>,
    /// Share of women among those with a known gender, whole percent; `None` when suppressed
    /// or no gender is known.
    pub women_percent: Option<u64>,
    /// The WHO-5 first wave; `None` when it is not shown (fewer than `min_wave` answered).
    pub who5_first_wave: Option<FirstWave>,
}

/// The first WHO-5 wave of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FirstWave {
    /// Participants who answered it.
    pub n: u64,
    /// Their mean index, unrounded.
    pub mean_index: f64,
}

impl ProjectColumn {
    /// The column of one report.
    pub fn of(r: &Report) -> ProjectColumn {
        let women = r.gender.rows.iter().find(|x| x.gender == Gender::Woman);
        ProjectColumn {
            project: r.project.clone(),
            participants: r.participants.count,
            mean_months: r.participation.mean_months,
            mean_age: r.age_bands.mean_age,
            women_percent: women.and_then(|w| w.cell.percent),
            who5_first_wave: r
                .who5
                .waves
                .first()
                .filter(|w| w.wave == 1)
                .map(|w| FirstWave {
                    n: w.n,
                    mean_index: w.mean_index,
                }),
        }
    }
}

/// Projects side by side from their reports (computed under the same options), one column
/// each; [`crate::cohort::compare`] computes the reports from cohorts.
///
/// ```
/// use overgang::{cohort::Cohort, report::compare_reports};
/// let report = Cohort::sample().report(&Default::default())?;
/// let c = compare_reports(&[report]);
/// assert_eq!(c.projects[0].participants, 80);
/// assert!(c.projects[0].mean_age.is_some());
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn compare_reports(reports: &[Report]) -> Comparison {
    Comparison {
        projects: reports.iter().map(ProjectColumn::of).collect(),
    }
}

fn t(lang: Language, en: &str, da: &str) -> String {
    match lang {
        Language::Da => da.to_string(),
        _ => en.to_string(),
    }
}

/// The table: a header row of project names, then one row per figure (rounded as Table 1).
fn rows(c: &Comparison, lang: Language) -> (Vec<String>, Vec<Vec<String>>) {
    let dec = |v: Option<f64>, places: usize| {
        let s = v.map_or_else(|| "-".to_string(), |v| format!("{v:.places$}"));
        match lang {
            Language::Da => s.replace('.', ","),
            _ => s,
        }
    };
    let mut header = vec![String::new()];
    header.extend(c.projects.iter().map(|p| p.project.clone()));
    let row = |label: String, f: &dyn Fn(&ProjectColumn) -> String| {
        let mut r = vec![label];
        r.extend(c.projects.iter().map(f));
        r
    };
    let rows = vec![
        row(t(lang, "Participants", "Antal borgere"), &|p| {
            p.participants.to_string()
        }),
        row(
            t(
                lang,
                "Mean participation (months)",
                "Gennemsnitlig deltagelse (mdr.)",
            ),
            &|p| dec(p.mean_months, 1),
        ),
        row(
            t(lang, "Mean age (years)", "Gennemsnitsalder (år)"),
            &|p| dec(p.mean_age, 0),
        ),
        row(t(lang, "Women", "Kvinder"), &|p| {
            p.women_percent
                .map_or_else(|| "-".into(), |w| format!("{w} %"))
        }),
        row(
            t(
                lang,
                "WHO-5 first wave, mean index",
                "WHO-5 første måling, gns. indeks",
            ),
            &|p| dec(p.who5_first_wave.as_ref().map(|w| w.mean_index), 0),
        ),
        row(
            t(lang, "WHO-5 first wave, n", "WHO-5 første måling, n"),
            &|p| {
                p.who5_first_wave
                    .as_ref()
                    .map_or_else(|| "-".into(), |w| w.n.to_string())
            },
        ),
    ];
    (header, rows)
}

/// Renders a comparison as Markdown, JSON, HTML or CSV.
///
/// ```
/// use overgang::{cohort::{compare, Cohort}, report::{render_comparison, Format, RenderOptions}};
/// let c = compare(&[Cohort::sample()], &Default::default())?;
/// let md = render_comparison(&c, &RenderOptions::new(Format::Md, overgang::Language::En));
/// assert!(md.contains("| Participants | 80 |"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn render_comparison(c: &Comparison, options: &RenderOptions) -> String {
    let lang = options.lang;
    let title = t(lang, "Projects side by side", "Projekterne side om side");
    let (header, rows) = rows(c, lang);
    let mut s = String::new();
    match options.format {
        Format::Json => s = serde_json::to_string_pretty(c).unwrap_or_default(),
        Format::Md => {
            // Project names come from the input: escaped so they cannot add Markdown.
            let header: Vec<String> = header
                .iter()
                .map(|h| super::render::escape_markdown(h))
                .collect();
            let _ = write!(s, "# {title}\n\n| {} |\n|", header.join(" | "));
            for i in 0..header.len() {
                s.push_str(if i == 0 { " --- |" } else { " ---: |" });
            }
            s.push('\n');
            for r in &rows {
                let _ = writeln!(s, "| {} |", r.join(" | "));
            }
        }
        Format::Html => {
            let e = super::render::escape_html;
            let _ = write!(
                s,
                "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n<h1>{}</h1><table><thead><tr>",
                lang.as_str(),
                e(&title),
                e(&title)
            );
            for h in &header {
                let _ = write!(s, "<th scope=\"col\">{}</th>", e(h));
            }
            s.push_str("</tr></thead><tbody>");
            for r in &rows {
                s.push_str("<tr>");
                for (j, cell) in r.iter().enumerate() {
                    let tag = if j == 0 { "th scope=\"row\"" } else { "td" };
                    let _ = write!(s, "<{tag}>{}</{}>", e(cell), &tag[..2]);
                }
                s.push_str("</tr>");
            }
            s.push_str("</tbody></table>\n</body></html>\n");
        }
        Format::Csv => {
            s.push_str("project,participants,mean_months,mean_age,women_percent,who5_first_wave_n,who5_first_wave_mean_index\n");
            let opt = |v: Option<String>| v.unwrap_or_default();
            for p in &c.projects {
                let _ = writeln!(
                    s,
                    "{},{},{},{},{},{},{}",
                    csv_text(&p.project),
                    p.participants,
                    opt(p.mean_months.map(|v| v.to_string())),
                    opt(p.mean_age.map(|v| v.to_string())),
                    opt(p.women_percent.map(|v| v.to_string())),
                    opt(p.who5_first_wave.as_ref().map(|w| w.n.to_string())),
                    opt(p.who5_first_wave.as_ref().map(|w| w.mean_index.to_string())),
                );
            }
        }
    }
    s
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
