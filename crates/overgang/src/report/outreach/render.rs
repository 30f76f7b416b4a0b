//! The outreach report as Markdown, self-contained HTML (with an inline SVG chart of new
//! contacts per month) and CSV, in Danish or English.
//!
//! A hidden count is shown as "hidden" / "skjult", not as "<5": a count hidden to protect
//! another (secondary suppression) may well be large.

use super::{Figures, KeyRow, OutreachReport};
use crate::language::Language;
use crate::municipality::Region;
use crate::outreach::CountryCode;
use crate::participant::ProstitutionForm;
use crate::report::render::html::escape;
use crate::report::render::table::{html_table, markdown_blocks, percent, t, Block};
use crate::report::{Cell, Format, RenderOptions};
use std::fmt::Write;

/// Renders the outreach report on its own (for a document that holds only outreach).
///
/// ```
/// use overgang::outreach::Outreach;
/// use overgang::report::outreach::{compute, render::render, OutreachOptions};
/// use overgang::{report::{Format, RenderOptions}, Language};
/// let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
///     {"date": "2024-03-01", "form": "street", "municipality": 751, "women_met": 7, "new_contacts": 6}]}))?;
/// let md = render(&compute(&o, &OutreachOptions::default()), &RenderOptions::new(Format::Md, Language::Da));
/// assert!(md.starts_with("# Opsøgende arbejde"));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn render(report: &OutreachReport, options: &RenderOptions) -> String {
    let lang = options.lang;
    match options.format {
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default(),
        Format::Md => format!(
            "# {}\n\n{}\n{}",
            title(lang),
            subtitle(report, lang),
            markdown_section(report, lang, 2)
        ),
        Format::Html => html_page(report, lang),
        Format::Csv => csv(report),
    }
}

/// The outreach blocks as Markdown with headings at `level` (2 gives `##`), to put into the
/// cohort report's Markdown.
///
/// ```
/// use overgang::outreach::Outreach;
/// use overgang::report::outreach::{compute, render::markdown_section, OutreachOptions};
/// let r = compute(&Outreach::default(), &OutreachOptions::default());
/// assert!(markdown_section(&r, overgang::Language::En, 3).contains("### Outreach per year"));
/// ```
pub fn markdown_section(report: &OutreachReport, lang: Language, level: usize) -> String {
    let mut s = String::new();
    markdown_blocks(
        &mut s,
        &blocks(report, lang),
        level,
        &t(lang, "No data.", "Ingen data."),
    );
    s
}

/// The outreach blocks as HTML `<section>`s (with the chart of new contacts per month), to put
/// into the cohort report's page.
///
/// ```
/// use overgang::outreach::Outreach;
/// use overgang::report::outreach::{compute, render::html_section, OutreachOptions};
/// let r = compute(&Outreach::default(), &OutreachOptions::default());
/// assert!(html_section(&r, overgang::Language::Da).contains("<section>"));
/// ```
pub fn html_section(report: &OutreachReport, lang: Language) -> String {
    let mut s = String::new();
    for (i, b) in blocks(report, lang).into_iter().enumerate() {
        let _ = write!(s, "<section><h2>{}</h2>", escape(&b.heading));
        if let Some(note) = &b.note {
            let _ = write!(s, "<p class=\"note\">{}</p>", escape(note));
        }
        if i == MONTH_BLOCK {
            s.push_str(&chart(report, lang));
        }
        html_table(&mut s, &b, &t(lang, "No data.", "Ingen data."));
        s.push_str("</section>\n");
    }
    s
}

/// The index of the "new contacts per month" block, where the HTML chart goes.
const MONTH_BLOCK: usize = 7;

fn count(c: &Cell, lang: Language) -> String {
    match (c.suppressed, c.count) {
        (true, _) => t(lang, "hidden", "skjult"),
        (false, Some(v)) => v.to_string(),
        (false, None) => "-".to_string(),
    }
}

/// The outreach report's title and subtitle.
pub(in crate::report) fn titles(r: &OutreachReport, lang: Language) -> (String, String) {
    (title(lang), subtitle(r, lang))
}

fn title(lang: Language) -> String {
    t(lang, "Outreach", "Opsøgende arbejde")
}

fn subtitle(r: &OutreachReport, lang: Language) -> String {
    let hidden_to = r.options.min_cell.saturating_sub(1);
    let rule = if hidden_to == 0 {
        t(
            lang,
            "No counts are hidden; venues are never named.",
            "Ingen tal er skjult; steder nævnes aldrig.",
        )
    } else {
        t(
            lang,
            &format!("Counts from 1 to {hidden_to} are hidden, with as many others as it takes to keep them hidden; venues are never named."),
            &format!("Tal fra 1 til {hidden_to} er skjult sammen med de tal, der ellers ville afsløre dem; steder nævnes aldrig."),
        )
    };
    let notes: String = r
        .notes
        .iter()
        .map(|n| match n.as_str() {
            "visits_after_as_of" => t(
                lang,
                " Visits after the report date are left out.",
                " Besøg efter opgørelsesdatoen er udeladt.",
            ),
            "venues_after_as_of" => t(
                lang,
                " Venues first seen after the report date are left out.",
                " Steder set første gang efter opgørelsesdatoen er udeladt.",
            ),
            _ => String::new(),
        })
        .collect();
    format!(
        "{} {:04}-{:02}-{:02}. {rule}{notes}",
        t(lang, "As of", "Opgjort pr."),
        r.as_of.year(),
        u8::from(r.as_of.month()),
        r.as_of.day(),
    )
}

fn key_label(kind: &str, key: &str, lang: Language) -> String {
    match kind {
        "form" => crate::outreach::OUTREACH_FORMS
            .iter()
            .find(|f| f.as_str() == key)
            .map_or_else(
                || key.to_string(),
                |f: &ProstitutionForm| f.label(lang).to_string(),
            ),
        "region" => Region::ALL.iter().find(|r| r.as_str() == key).map_or_else(
            || t(lang, "No municipality (online)", "Ingen kommune (online)"),
            |r| r.label(lang).to_string(),
        ),
        "country" => CountryCode::parse("country", key)
            .map_or_else(|_| key.to_string(), |c| c.name(lang).to_string()),
        _ => match (key, lang) {
            ("none", Language::Da) => "Intet besøg".into(),
            ("none", _) => "No visit".into(),
            ("one", Language::Da) => "Ét besøg".into(),
            ("one", _) => "One visit".into(),
            ("several", Language::Da) => "Flere besøg".into(),
            ("several", _) => "Several visits".into(),
            ("active", Language::Da) => "Aktive".into(),
            ("active", _) => "Active".into(),
            ("no_longer_active", Language::Da) => "Ikke længere aktive".into(),
            ("no_longer_active", _) => "No longer active".into(),
            _ => key.to_string(),
        },
    }
}

fn figure_rows(f: &Figures, lang: Language) -> [String; 7] {
    [
        count(&f.visits, lang),
        count(&f.venues_visited, lang),
        count(&f.women_met, lang),
        count(&f.new_contacts, lang),
        count(&f.counselled, lang),
        count(&f.sti_tests, lang),
        count(&f.referred_to_clinic, lang),
    ]
}

fn key_rows(kind: &str, rows: &[KeyRow], lang: Language) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                key_label(kind, &r.key, lang),
                count(&r.cell, lang),
                percent(&r.cell),
            ]
        })
        .collect()
}

pub(in crate::report) fn blocks(r: &OutreachReport, lang: Language) -> Vec<Block> {
    let share_header =
        |first: String| vec![first, t(lang, "Count", "Antal"), t(lang, "Share", "Andel")];
    let mut years: Vec<Vec<String>> = r
        .years
        .iter()
        .map(|y| {
            let mut row = vec![y.year.to_string()];
            row.extend(figure_rows(&y.figures, lang));
            row
        })
        .collect();
    if !years.is_empty() {
        let mut all = vec![t(lang, "All years", "Alle år")];
        all.extend(figure_rows(&r.total, lang));
        years.push(all);
    }
    let mut nat = key_rows("country", &r.nationalities.top, lang);
    if !nat.is_empty() || r.nationalities.other.count != Some(0) {
        nat.push(vec![
            t(lang, "Other countries", "Andre lande"),
            count(&r.nationalities.other, lang),
            percent(&r.nationalities.other),
        ]);
    }
    nat.push(vec![
        t(lang, "Not recorded", "Ikke registreret"),
        count(&r.nationalities.not_recorded, lang),
        percent(&r.nationalities.not_recorded),
    ]);
    if r.years.is_empty() {
        nat.clear();
    }
    vec![
        Block {
            heading: t(lang, "Outreach per year", "Opsøgende arbejde pr. år"),
            note: Some(t(
                lang,
                "Counts of contacts, not of people: a woman met on two visits counts twice.",
                "Antal kontakter, ikke personer: en kvinde mødt ved to besøg tælles to gange.",
            )),
            header: vec![
                t(lang, "Year", "År"),
                t(lang, "Visits", "Besøg"),
                t(lang, "Venues visited", "Steder besøgt"),
                t(lang, "Women met", "Kvinder mødt"),
                t(lang, "New contacts", "Nye kontakter"),
                t(lang, "Counselled", "Rådgivet"),
                t(lang, "STI tests", "Test for kønssygdomme"),
                t(lang, "Referred to a clinic", "Henvist til klinik"),
            ],
            rows: years,
        },
        Block {
            heading: t(lang, "Progress against yearly targets", "Målopfyldelse pr. år"),
            note: None,
            header: vec![
                t(lang, "Year", "År"),
                t(lang, "Measure", "Indikator"),
                t(lang, "Target", "Målsætning"),
                t(lang, "Achieved", "Opnået"),
                t(lang, "Of target", "Af målet"),
            ],
            rows: r
                .targets
                .iter()
                .map(|x| {
                    vec![
                        x.year.to_string(),
                        match x.measure.as_str() {
                            "counselled" => t(lang, "Counselled", "Rådgivet"),
                            _ => t(lang, "New contacts", "Nye kontakter"),
                        },
                        x.target.to_string(),
                        count(&x.achieved, lang),
                        x.percent_of_target.map_or_else(|| "-".into(), |p| format!("{p} %")),
                    ]
                })
                .collect(),
        },
        Block {
            heading: t(lang, "Venues by visits", "Steder efter antal besøg"),
            note: Some(format!(
                "{}: {}",
                t(lang, "Venues in the mapping", "Steder i kortlægningen"),
                count(&r.venues.count, lang)
            )),
            header: share_header(t(lang, "Visits", "Besøg")),
            rows: key_rows("visits", &r.venues.by_visits, lang),
        },
        Block {
            heading: t(lang, "Venues still active", "Steder stadig aktive"),
            note: Some(t(
                lang,
                &format!("No longer active: nothing seen of the venue for more than {} days before the report date.", r.options.inactive_after_days),
                &format!("Ikke længere aktiv: intet set til stedet i mere end {} dage før opgørelsesdatoen.", r.options.inactive_after_days),
            )),
            header: share_header(t(lang, "Status", "Status")),
            rows: key_rows("status", &r.venues.by_status, lang),
        },
        Block {
            heading: t(lang, "Active venues by form of prostitution", "Aktive steder efter prostitutionsform"),
            note: None,
            header: share_header(t(lang, "Form", "Form")),
            rows: key_rows("form", &r.venues.active_by_form, lang),
        },
        Block {
            heading: t(lang, "Active venues by region", "Aktive steder efter region"),
            note: None,
            header: share_header(t(lang, "Region", "Region")),
            rows: key_rows("region", &r.venues.active_by_region, lang),
        },
        Block {
            heading: t(lang, "Women met by nationality", "Kvinder mødt efter nationalitet"),
            note: Some(t(
                lang,
                "All years; countries with fewer than the smallest count shown are grouped.",
                "Alle år; lande med færre end det mindste viste antal er samlet.",
            )),
            header: share_header(t(lang, "Country", "Land")),
            rows: nat,
        },
        Block {
            heading: t(lang, "New contacts per month", "Nye kontakter pr. måned"),
            note: None,
            header: vec![t(lang, "Month", "Måned"), t(lang, "New contacts", "Nye kontakter")],
            rows: r
                .contacts_per_month
                .iter()
                .map(|m| vec![m.month.clone(), count(&m.new_contacts, lang)])
                .collect(),
        },
    ]
}

fn html_page(r: &OutreachReport, lang: Language) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1><p class=\"sub\">{}</p>\n{}</body></html>\n",
        lang.as_str(),
        escape(&title(lang)),
        escape(&title(lang)),
        escape(&subtitle(r, lang)),
        html_section(r, lang)
    )
}

const CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;color:#1d2733;max-width:60rem;margin:2rem auto;padding:0 1rem}\
h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #d6dde5}p.sub,p.note{color:#4a5868}\
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .6rem;border-bottom:1px solid #e3e8ee;text-align:right}\
th:first-child,td:first-child{text-align:left}svg{max-width:100%;height:auto}";

/// An inline SVG bar chart of new contacts per month. A hidden month has no bar, only a mark,
/// so its height gives nothing away.
fn chart(r: &OutreachReport, lang: Language) -> String {
    let months = &r.contacts_per_month;
    if months.is_empty() {
        return String::new();
    }
    let max = months
        .iter()
        .filter_map(|m| m.new_contacts.count)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (w, h, left, bottom) = (640.0, 220.0, 36.0, 28.0);
    let slot = (w - left - 8.0) / months.len() as f64;
    let plot = h - bottom - 16.0;
    let mut s = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\" font-family=\"system-ui,sans-serif\">",
        escape(&t(lang, "New contacts per month", "Nye kontakter pr. måned"))
    );
    for (i, m) in months.iter().enumerate() {
        let x = left + slot * i as f64;
        match m.new_contacts.count {
            Some(c) => {
                let bh = plot * c as f64 / max;
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#1f5fa8\"><title>{} {c}</title></rect>",
                    x + slot * 0.15,
                    h - bottom - bh,
                    slot * 0.7,
                    m.month
                );
            }
            None => {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#8a96a3\">·<title>{} {}</title></text>",
                    x + slot / 2.0,
                    h - bottom - 4.0,
                    m.month,
                    escape(&t(lang, "hidden", "skjult"))
                );
            }
        }
        if months.len() <= 24 || i % 3 == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4a5868\">{}</text>",
                x + slot / 2.0,
                h - 10.0,
                m.month.get(2..).unwrap_or(&m.month)
            );
        }
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"14\" text-anchor=\"end\" fill=\"#4a5868\">{max}</text></svg>",
        left - 4.0
    );
    s
}

/// One CSV row per figure: `section,key,year,count,percent,suppressed`.
/// Every published outreach figure as `(section, key, year, cell)`, in report order: what the
/// CSV lists, and what the cohort report's CSV adds under `outreach.`.
pub fn figures(r: &OutreachReport) -> Vec<(String, String, Option<i32>, Cell)> {
    let mut out = Vec::new();
    let mut row = |section: &str, key: &str, year: Option<i32>, c: &Cell| {
        out.push((section.to_string(), key.to_string(), year, *c));
    };
    let figures = |f: &Figures| f.named();
    for y in &r.years {
        for (k, c) in figures(&y.figures) {
            row("year", k, Some(y.year), &c);
        }
    }
    for (k, c) in figures(&r.total) {
        row("total", k, None, &c);
    }
    row("venues", "count", None, &r.venues.count);
    for (section, rows) in [
        ("venues_by_visits", &r.venues.by_visits),
        ("venues_by_status", &r.venues.by_status),
        ("active_venues_by_form", &r.venues.active_by_form),
        ("active_venues_by_region", &r.venues.active_by_region),
        ("nationalities", &r.nationalities.top),
    ] {
        for x in rows {
            row(section, &x.key, None, &x.cell);
        }
    }
    row("nationalities", "other", None, &r.nationalities.other);
    row(
        "nationalities",
        "not_recorded",
        None,
        &r.nationalities.not_recorded,
    );
    for x in &r.targets {
        row(
            &format!("target_{}", x.measure),
            "achieved",
            Some(x.year),
            &x.achieved,
        );
    }
    for m in &r.contacts_per_month {
        row("new_contacts_per_month", &m.month, None, &m.new_contacts);
    }
    out
}

fn csv(r: &OutreachReport) -> String {
    let mut s = String::from("section,key,year,count,percent,suppressed\n");
    let opt = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
    for (section, key, year, c) in figures(r) {
        let _ = writeln!(
            s,
            "{section},{key},{},{},{},{}",
            year.map_or_else(String::new, |y| y.to_string()),
            opt(c.count),
            opt(c.percent),
            c.suppressed
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::{compute, OutreachOptions};
    use super::*;
    use crate::outreach::Outreach;

    fn report(as_of: &str, min_cell: u64) -> OutreachReport {
        let o = Outreach::from_value(&serde_json::json!({"outreach_visits": [
            {"date": "2024-03-01", "form": "bar", "municipality": 101, "women_met": 7, "new_contacts": 6},
            {"date": "2024-09-01", "form": "bar", "municipality": 101, "women_met": 2}]}))
        .unwrap();
        let date = crate::dates::parse_date("as_of", as_of).unwrap();
        compute(&o, &OutreachOptions::new(Some(date), min_cell))
    }

    #[test]
    fn notes_and_the_suppression_rule_are_said_in_both_languages() {
        let r = report("2024-06-30", 0);
        let da = render(&r, &RenderOptions::new(Format::Md, Language::Da));
        let en = render(&r, &RenderOptions::new(Format::Md, Language::En));
        assert!(da.contains("Ingen tal er skjult") && da.contains("Besøg efter opgørelsesdatoen"));
        assert!(en.contains("No counts are hidden") && en.contains("Visits after the report date"));
    }

    #[test]
    fn hidden_counts_say_hidden_not_a_bound() {
        let r = report("2024-12-31", 5);
        let md = render(&r, &RenderOptions::new(Format::Md, Language::En));
        assert!(md.contains("hidden") && !md.contains("<5"));
        let html = render(&r, &RenderOptions::new(Format::Html, Language::Da));
        assert!(
            html.starts_with("<!doctype html>") && html.contains("<svg") && html.contains("skjult")
        );
        let csv = render(&r, &RenderOptions::new(Format::Csv, Language::En));
        assert!(csv.lines().all(|l| l.split(',').count() == 6));
    }
}
