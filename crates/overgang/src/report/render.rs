//! Human formats of a [`Report`]: Markdown, self-contained HTML (inline CSS and SVG) and CSV,
//! in Danish or English. Means are rounded here; the JSON keeps them unrounded.

use super::cells::Cell;
use super::compute::Report;
use crate::questionnaire::Language;
use std::fmt::Write;

/// Output format of a rendered report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown tables.
    Md,
    /// JSON with the documented keys (unrounded means).
    Json,
    /// A self-contained, printable HTML page.
    Html,
    /// One CSV row per figure.
    Csv,
}

impl std::str::FromStr for Format {
    type Err = crate::ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "md" | "markdown" => Ok(Format::Md),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            _ => Err(crate::unknown_id("format", &["md", "json", "html", "csv"])),
        }
    }
}

/// Renders a report in a format and language.
///
/// ```
/// use overgang::report::{render, Format};
/// use overgang::Language;
/// let report = overgang::cohort::Cohort::sample().report(&Default::default())?;
/// let md = render(&report, Format::Md, Language::En);
/// assert!(md.starts_with("# "));
/// # Ok::<(), overgang::ValidationError>(())
/// ```
pub fn render(report: &Report, format: Format, lang: Language) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default(),
        Format::Md => markdown(report, lang),
        Format::Html => html(report, lang),
        Format::Csv => csv(report),
    }
}

/// A block of the report: a heading, a note and a table (header and rows of cells).
struct Block {
    heading: String,
    note: Option<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn t(lang: Language, en: &str, da: &str) -> String {
    match lang {
        Language::Da => da.to_string(),
        _ => en.to_string(),
    }
}

/// A count as shown in a table: the number, or `hidden` (e.g. `<5`) for a suppressed cell.
fn count(c: &Cell, hidden: &str) -> String {
    if c.suppressed {
        hidden.to_string()
    } else {
        c.count.map_or_else(|| "-".into(), |v| v.to_string())
    }
}

fn percent(c: &Cell) -> String {
    c.percent.map_or_else(|| "-".into(), |p| format!("{p} %"))
}

fn decimal(v: Option<f64>, places: usize) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.places$}"))
}

/// Danish writes a decimal comma.
fn localise(text: String, lang: Language) -> String {
    match lang {
        Language::Da => text.replace('.', ","),
        _ => text,
    }
}

fn blocks(r: &Report, lang: Language) -> Vec<Block> {
    let l = |kind: &str, id: &str| crate::labels::label(kind, id, lang);
    let decimal = |v: Option<f64>, places: usize| localise(decimal(v, places), lang);
    let hidden = format!("<{}", r.options.min_cell);
    let cnt = |c: &Cell| count(c, &hidden);
    let mut out = Vec::new();
    let known = |n: u64| {
        Some(format!(
            "n = {n} {}",
            t(lang, "with a known value", "med kendt værdi")
        ))
    };
    out.push(Block {
        heading: t(lang, "Age", "Alder"),
        note: known(r.age_bands.n),
        header: vec![
            t(lang, "Age band", "Aldersgruppe"),
            t(lang, "Count", "Antal"),
            t(lang, "Share", "Andel"),
        ],
        rows: r
            .age_bands
            .rows
            .iter()
            .map(|row| vec![l("age_band", &row.band), cnt(&row.cell), percent(&row.cell)])
            .collect(),
    });
    out.push(Block {
        heading: t(lang, "Gender", "Køn"),
        note: known(r.gender.n),
        header: vec![
            t(lang, "Gender", "Køn"),
            t(lang, "Count", "Antal"),
            t(lang, "Share", "Andel"),
        ],
        rows: r
            .gender
            .rows
            .iter()
            .map(|row| vec![l("gender", &row.gender), cnt(&row.cell), percent(&row.cell)])
            .collect(),
    });
    let p = &r.participation;
    out.push(Block {
        heading: t(lang, "Participation", "Deltagelse"),
        note: Some(t(
            lang,
            &format!(
                "Participations shorter than one day are left out ({} left out).",
                p.excluded_short
            ),
            &format!(
                "Forløb under én dag er udeladt ({} udeladt).",
                p.excluded_short
            ),
        )),
        header: vec![
            t(lang, "Participations", "Forløb"),
            t(lang, "Mean months", "Gennemsnitlige måneder"),
        ],
        rows: vec![vec![p.n.to_string(), decimal(p.mean_months, 1)]],
    });
    let i = &r.interventions;
    let mut rows: Vec<Vec<String>> = i
        .by_category
        .iter()
        .map(|row| {
            vec![
                l("intervention", &row.category),
                cnt(&row.cell),
                percent(&row.cell),
            ]
        })
        .collect();
    rows.push(vec![
        t(
            lang,
            "Referred to anti-trafficking services",
            "Henvist til indsatser mod menneskehandel",
        ),
        cnt(&i.anti_trafficking_referrals),
        percent(&i.anti_trafficking_referrals),
    ]);
    out.push(Block {
        heading: t(lang, "Interventions received", "Modtagne indsatser"),
        note: Some(t(
            lang,
            "Citizens per category; a citizen may receive several.",
            "Borgere pr. kategori; en borger kan modtage flere.",
        )),
        header: vec![
            t(lang, "Intervention", "Indsats"),
            t(lang, "Citizens", "Borgere"),
            t(lang, "Share", "Andel"),
        ],
        rows,
    });
    out.push(Block {
        heading: t(
            lang,
            "Citizens by number of interventions",
            "Borgere fordelt på antal indsatser",
        ),
        note: None,
        header: vec![
            t(lang, "Interventions", "Indsatser"),
            t(lang, "Citizens", "Borgere"),
            t(lang, "Share", "Andel"),
        ],
        rows: i
            .by_count
            .iter()
            .map(|row| {
                vec![
                    row.interventions.clone(),
                    cnt(&row.cell),
                    percent(&row.cell),
                ]
            })
            .collect(),
    });
    let w = &r.who5;
    out.push(Block {
        heading: t(lang, "WHO-5 wellbeing by measurement wave", "WHO-5 trivsel pr. måling"),
        note: Some(t(
            lang,
            &format!("A wave is shown when at least {} answered. Bands: 0-35 high risk, 36-50 risk, 51-100 no immediate risk.", r.options.min_wave),
            &format!("En måling vises, når mindst {} har svaret. Grupper: 0-35 stor risiko, 36-50 risiko, 51-100 ingen umiddelbar risiko.", r.options.min_wave),
        )),
        header: vec![
            t(lang, "Wave", "Måling"),
            "n".into(),
            t(lang, "Mean index", "Gns. indeks"),
            l("who5_band", "high_risk"),
            l("who5_band", "risk"),
            l("who5_band", "no_immediate_risk"),
        ],
        rows: w
            .waves
            .iter()
            .map(|x| vec![x.wave.to_string(), x.n.to_string(), decimal(Some(x.mean_index), 0), percent(&x.bands.high_risk), percent(&x.bands.risk), percent(&x.bands.no_immediate_risk)])
            .collect(),
    });
    let yes_no = |b: Option<bool>| match b {
        Some(true) => t(lang, "yes", "ja"),
        Some(false) => t(lang, "no", "nej"),
        None => "-".into(),
    };
    out.push(Block {
        heading: t(
            lang,
            "WHO-5 change over paired respondents",
            "WHO-5 udvikling for parrede besvarelser",
        ),
        note: Some(t(
            lang,
            "A change of 10 points or more is clinically significant.",
            "En ændring på mindst 10 point er klinisk signifikant.",
        )),
        header: vec![
            t(lang, "Waves", "Målinger"),
            "n".into(),
            t(lang, "Mean before", "Gns. før"),
            t(lang, "Mean after", "Gns. efter"),
            t(lang, "Change", "Ændring"),
            t(lang, "Significant", "Signifikant"),
        ],
        rows: w
            .paired
            .iter()
            .map(|p| {
                vec![
                    format!("{} → {}", p.from_wave, p.to_wave),
                    p.n.to_string(),
                    decimal(Some(p.mean_from), 0),
                    decimal(Some(p.mean_to), 0),
                    format!("{:+.0}", p.change),
                    yes_no(p.clinically_significant),
                ]
            })
            .collect(),
    });
    out.push(Block {
        heading: t(
            lang,
            "WHO-5 risk zone (index 50 or below)",
            "WHO-5 risikozone (indeks 50 eller derunder)",
        ),
        note: Some(format!(
            "n = {} {}",
            w.risk_zone.n,
            t(
                lang,
                "with two or more measurements",
                "med to eller flere målinger"
            )
        )),
        header: vec![
            t(lang, "Measurement", "Måling"),
            t(lang, "Citizens", "Borgere"),
            t(lang, "Share", "Andel"),
        ],
        rows: vec![
            vec![
                t(lang, "First", "Første"),
                cnt(&w.risk_zone.first),
                percent(&w.risk_zone.first),
            ],
            vec![
                t(lang, "Latest", "Seneste"),
                cnt(&w.risk_zone.latest),
                percent(&w.risk_zone.latest),
            ],
        ],
    });
    out.push(Block {
        heading: t(
            lang,
            "General Self-Efficacy Scale by wave",
            "Generel mestring (GSE) pr. måling",
        ),
        note: None,
        header: vec![
            t(lang, "Wave", "Måling"),
            "n".into(),
            t(lang, "Mean score (10-40)", "Gns. score (10-40)"),
        ],
        rows: r
            .gse
            .waves
            .iter()
            .map(|x| {
                vec![
                    x.wave.to_string(),
                    x.n.to_string(),
                    decimal(Some(x.mean_score), 1),
                ]
            })
            .collect(),
    });
    out.push(Block {
        heading: t(
            lang,
            "GSE change over paired respondents",
            "GSE udvikling for parrede besvarelser",
        ),
        note: None,
        header: vec![
            t(lang, "Waves", "Målinger"),
            "n".into(),
            t(lang, "Mean before", "Gns. før"),
            t(lang, "Mean after", "Gns. efter"),
            t(lang, "Change", "Ændring"),
        ],
        rows: r
            .gse
            .paired
            .iter()
            .map(|p| {
                vec![
                    format!("{} → {}", p.from_wave, p.to_wave),
                    p.n.to_string(),
                    decimal(Some(p.mean_from), 1),
                    decimal(Some(p.mean_to), 1),
                    format!("{:+.1}", p.change),
                ]
            })
            .collect(),
    });
    out.push(Block {
        heading: t(lang, "Ten-step scale: positive development per area", "Ti-trinsskala: positiv udvikling pr. område"),
        note: Some(t(lang, "Participants with two or more ratings of the area; positive when the latest step is higher than the first.", "Borgere med mindst to vurderinger af området; positiv når seneste trin er højere end første.")),
        header: vec![t(lang, "Area", "Område"), "n".into(), t(lang, "Positive", "Positiv"), t(lang, "Share", "Andel"), t(lang, "Target", "Mål"), t(lang, "Met", "Nået")],
        rows: r
            .ten_step
            .areas
            .iter()
            .map(|a| vec![l("ten_step_area", &a.area), a.n.to_string(), cnt(&a.positive), percent(&a.positive), a.target_percent.map_or_else(|| "-".into(), |t| format!("{t} %")), yes_no(a.meets_target)])
            .collect(),
    });
    let c = &r.cti;
    out.push(Block {
        heading: t(
            lang,
            "CTI courses by status",
            "CTI-forløb fordelt på status",
        ),
        note: Some(format!("{} {}", c.courses, t(lang, "courses", "forløb"))),
        header: vec![
            t(lang, "Status", "Status"),
            t(lang, "Courses", "Forløb"),
            t(lang, "Share", "Andel"),
        ],
        rows: c
            .by_status
            .iter()
            .map(|s| vec![l("cti_status", &s.status), cnt(&s.cell), percent(&s.cell)])
            .collect(),
    });
    out.push(Block {
        heading: t(lang, "CTI: months per phase", "CTI: måneder pr. fase"),
        note: Some(t(
            lang,
            "Mean months spent in each phase, over the courses that reached it.",
            "Gennemsnitlige måneder i hver fase for de forløb, der nåede den.",
        )),
        header: vec![
            t(lang, "Phase", "Fase"),
            t(lang, "Courses", "Forløb"),
            t(lang, "Mean months", "Gns. måneder"),
        ],
        rows: c
            .mean_months_per_phase
            .iter()
            .map(|p| {
                vec![
                    l("cti_phase", &p.phase),
                    p.n.to_string(),
                    decimal(p.mean_months, 1),
                ]
            })
            .collect(),
    });
    out
}

fn title(r: &Report, lang: Language) -> String {
    format!(
        "{}: {}",
        t(lang, "Cohort report", "Kohorterapport"),
        r.project
    )
}

fn subtitle(r: &Report, lang: Language) -> String {
    let suppression = if r.options.min_cell > 1 {
        t(
            lang,
            &format!(
                "Counts below {} are hidden (shown as <{}).",
                r.options.min_cell, r.options.min_cell
            ),
            &format!(
                "Antal under {} er skjult (vist som <{}).",
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

fn markdown(r: &Report, lang: Language) -> String {
    let mut s = format!("# {}\n\n{}\n", title(r, lang), subtitle(r, lang));
    for b in blocks(r, lang) {
        let _ = write!(s, "\n## {}\n\n", b.heading);
        if let Some(note) = &b.note {
            let _ = write!(s, "{note}\n\n");
        }
        if b.rows.is_empty() {
            let _ = writeln!(
                s,
                "{}",
                t(
                    lang,
                    "_Not enough data to show._",
                    "_For få data til at vise._"
                )
            );
            continue;
        }
        let _ = writeln!(s, "| {} |", b.header.join(" | "));
        let _ = writeln!(
            s,
            "|{}",
            b.header
                .iter()
                .enumerate()
                .map(|(i, _)| if i == 0 { " --- |" } else { " ---: |" })
                .collect::<String>()
        );
        for row in &b.rows {
            let _ = writeln!(s, "| {} |", row.join(" | "));
        }
    }
    s
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CSS: &str = "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2733;max-width:60rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #d6dde5;padding-bottom:.25rem}\
p.sub,p.note{color:#4a5868}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{padding:.35rem .6rem;border-bottom:1px solid #e3e8ee;text-align:right}\
th:first-child,td:first-child{text-align:left}th{background:#f3f6f9;font-weight:600}tbody th{background:none;font-weight:500}svg{max-width:100%;height:auto}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}";

fn html(r: &Report, lang: Language) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1><p class=\"sub\">{}</p>\n",
        lang.as_str(),
        escape(&title(r, lang)),
        escape(&title(r, lang)),
        escape(&subtitle(r, lang))
    );
    for (i, b) in blocks(r, lang).into_iter().enumerate() {
        let _ = write!(s, "<section><h2>{}</h2>", escape(&b.heading));
        if let Some(note) = &b.note {
            let _ = write!(s, "<p class=\"note\">{}</p>", escape(note));
        }
        if i == 5 {
            s.push_str(&who5_chart(r, lang));
        }
        if b.rows.is_empty() {
            let _ = write!(
                s,
                "<p><em>{}</em></p>",
                t(lang, "Not enough data to show.", "For få data til at vise.")
            );
        } else {
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
        s.push_str("</section>\n");
    }
    s.push_str("</body></html>\n");
    s
}

/// An inline SVG line chart of the WHO-5 mean index per shown wave, over the band zones.
fn who5_chart(r: &Report, lang: Language) -> String {
    let waves = &r.who5.waves;
    if waves.is_empty() {
        return String::new();
    }
    let (w, h, left, top, bottom) = (600.0, 260.0, 40.0, 10.0, 30.0);
    let plot_h = h - top - bottom;
    let y = |index: f64| top + plot_h * (1.0 - index / 100.0);
    let last = waves.last().map_or(1, |x| x.wave).max(2) as f64;
    let x = |wave: usize| left + (w - left - 40.0) * (wave as f64 - 1.0) / (last - 1.0);
    let mut s = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\" font-family=\"system-ui,sans-serif\">",
        escape(&t(lang, "Mean WHO-5 index per wave", "Gennemsnitligt WHO-5 indeks pr. måling"))
    );
    for (lo, hi, colour) in [
        (0.0, 35.5, "#fbe3e1"),
        (35.5, 50.5, "#fdf1d8"),
        (50.5, 100.0, "#e3f2e6"),
    ] {
        let _ = write!(
            s,
            "<rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
            y(hi),
            w - left - 40.0,
            y(lo) - y(hi)
        );
    }
    for tick in [0, 25, 50, 75, 100] {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a5868\">{tick}</text>",
            left - 6.0,
            y(f64::from(tick)) + 4.0
        );
    }
    let points: Vec<String> = waves
        .iter()
        .map(|v| format!("{:.1},{:.1}", x(v.wave), y(v.mean_index)))
        .collect();
    let _ = write!(
        s,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2.5\"/>",
        points.join(" ")
    );
    for v in waves {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#1f5fa8\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.0}</text><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#4a5868\">{} {}</text>",
            x(v.wave), y(v.mean_index), x(v.wave), y(v.mean_index) - 9.0, v.mean_index, x(v.wave), h - 8.0, t(lang, "wave", "måling"), v.wave
        );
    }
    s.push_str("</svg>");
    s
}

fn csv(r: &Report) -> String {
    let mut s = String::from("section,key,wave,n,count,percent,mean,suppressed\n");
    let mut row = |section: &str,
                   key: &str,
                   wave: Option<usize>,
                   n: Option<u64>,
                   cell: Option<&Cell>,
                   mean: Option<f64>| {
        let opt = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
        let _ = writeln!(
            s,
            "{section},{key},{},{},{},{},{},{}",
            wave.map_or_else(String::new, |w| w.to_string()),
            opt(n),
            opt(cell.and_then(|c| c.count)),
            opt(cell.and_then(|c| c.percent)),
            mean.map_or_else(String::new, |m| m.to_string()),
            cell.is_some_and(|c| c.suppressed)
        );
    };
    row(
        "participants",
        "count",
        None,
        Some(r.participants.count),
        None,
        None,
    );
    for x in &r.age_bands.rows {
        row(
            "age_bands",
            &x.band,
            None,
            Some(r.age_bands.n),
            Some(&x.cell),
            None,
        );
    }
    for x in &r.gender.rows {
        row(
            "gender",
            &x.gender,
            None,
            Some(r.gender.n),
            Some(&x.cell),
            None,
        );
    }
    row(
        "participation",
        "mean_months",
        None,
        Some(r.participation.n),
        None,
        r.participation.mean_months,
    );
    row(
        "participation",
        "excluded_short",
        None,
        Some(r.participation.excluded_short),
        None,
        None,
    );
    for x in &r.interventions.by_category {
        row(
            "interventions.by_category",
            &x.category,
            None,
            Some(r.participants.count),
            Some(&x.cell),
            None,
        );
    }
    for x in &r.interventions.by_count {
        row(
            "interventions.by_count",
            &x.interventions,
            None,
            Some(r.participants.count),
            Some(&x.cell),
            None,
        );
    }
    row(
        "interventions",
        "anti_trafficking_referrals",
        None,
        Some(r.participants.count),
        Some(&r.interventions.anti_trafficking_referrals),
        None,
    );
    for w in &r.who5.waves {
        row(
            "who5.waves",
            "mean_index",
            Some(w.wave),
            Some(w.n),
            None,
            Some(w.mean_index),
        );
        for (k, c) in [
            ("high_risk", &w.bands.high_risk),
            ("risk", &w.bands.risk),
            ("no_immediate_risk", &w.bands.no_immediate_risk),
        ] {
            row("who5.waves", k, Some(w.wave), Some(w.n), Some(c), None);
        }
    }
    for p in r
        .who5
        .paired
        .iter()
        .map(|p| ("who5.paired", p))
        .chain(r.gse.paired.iter().map(|p| ("gse.paired", p)))
    {
        row(
            p.0,
            "mean_from",
            Some(p.1.to_wave),
            Some(p.1.n),
            None,
            Some(p.1.mean_from),
        );
        row(
            p.0,
            "mean_to",
            Some(p.1.to_wave),
            Some(p.1.n),
            None,
            Some(p.1.mean_to),
        );
        row(
            p.0,
            "change",
            Some(p.1.to_wave),
            Some(p.1.n),
            None,
            Some(p.1.change),
        );
    }
    row(
        "who5.risk_zone",
        "first",
        None,
        Some(r.who5.risk_zone.n),
        Some(&r.who5.risk_zone.first),
        None,
    );
    row(
        "who5.risk_zone",
        "latest",
        None,
        Some(r.who5.risk_zone.n),
        Some(&r.who5.risk_zone.latest),
        None,
    );
    for w in &r.gse.waves {
        row(
            "gse.waves",
            "mean_score",
            Some(w.wave),
            Some(w.n),
            None,
            Some(w.mean_score),
        );
    }
    for a in &r.ten_step.areas {
        row(
            "ten_step.positive",
            &a.area,
            None,
            Some(a.n),
            Some(&a.positive),
            None,
        );
    }
    for x in &r.cti.by_status {
        row(
            "cti.by_status",
            &x.status,
            None,
            Some(r.cti.courses),
            Some(&x.cell),
            None,
        );
    }
    for p in &r.cti.mean_months_per_phase {
        row(
            "cti.mean_months",
            &p.phase,
            None,
            Some(p.n),
            None,
            p.mean_months,
        );
    }
    s
}
