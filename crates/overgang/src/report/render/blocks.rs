//! The report's tables as blocks of text in one language, in the order the report shows them.

use super::table::{count, decimal, localise, percent, t, Block};
use crate::gse;
use crate::language::Language;
use crate::report::cells::Cell;
use crate::report::model::Report;
use crate::who5::{Who5Band, CLINICALLY_SIGNIFICANT_CHANGE, RISK_ZONE_MAX};

/// "0-35 high risk, 36-50 risk, 51-100 no immediate risk", from the bands' own ranges.
fn band_ranges(lang: Language) -> String {
    Who5Band::ALL
        .iter()
        .map(|b| {
            let (lo, hi) = b.range();
            format!("{lo}-{hi} {}", b.label(lang).to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn blocks(r: &Report, lang: Language) -> Vec<Block> {
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
            .map(|row| {
                vec![
                    row.band.label(lang).to_string(),
                    cnt(&row.cell),
                    percent(&row.cell),
                ]
            })
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
            .map(|row| {
                vec![
                    row.gender.label(lang).to_string(),
                    cnt(&row.cell),
                    percent(&row.cell),
                ]
            })
            .collect(),
    });
    let p = &r.participation;
    let left_out = p
        .excluded_short
        .map_or_else(|| hidden.clone(), |v| v.to_string());
    out.push(Block {
        heading: t(lang, "Participation", "Deltagelse"),
        note: Some(t(
            lang,
            &format!("Participations shorter than one day are left out ({left_out} left out)."),
            &format!("Forløb under én dag er udeladt ({left_out} udeladt)."),
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
                row.category.label(lang).to_string(),
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
        heading: t(
            lang,
            "WHO-5 wellbeing by measurement wave",
            "WHO-5 trivsel pr. måling",
        ),
        note: Some(t(
            lang,
            &format!(
                "A wave is shown when at least {} answered. Bands: {}.",
                r.options.min_wave,
                band_ranges(Language::En)
            ),
            &format!(
                "En måling vises, når mindst {} har svaret. Grupper: {}.",
                r.options.min_wave,
                band_ranges(Language::Da)
            ),
        )),
        header: vec![
            t(lang, "Wave", "Måling"),
            "n".into(),
            t(lang, "Mean index", "Gns. indeks"),
            Who5Band::HighRisk.label(lang).to_string(),
            Who5Band::Risk.label(lang).to_string(),
            Who5Band::NoImmediateRisk.label(lang).to_string(),
        ],
        rows: w
            .waves
            .iter()
            .map(|x| {
                vec![
                    x.wave.to_string(),
                    x.n.to_string(),
                    decimal(Some(x.mean_index), 0),
                    percent(&x.bands.high_risk),
                    percent(&x.bands.risk),
                    percent(&x.bands.no_immediate_risk),
                ]
            })
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
            &format!("A change of {CLINICALLY_SIGNIFICANT_CHANGE} points or more is clinically significant."),
            &format!("En ændring på mindst {CLINICALLY_SIGNIFICANT_CHANGE} point er klinisk signifikant."),
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
            &format!("WHO-5 risk zone (index {RISK_ZONE_MAX} or below)"),
            &format!("WHO-5 risikozone (indeks {RISK_ZONE_MAX} eller derunder)"),
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
            t(
                lang,
                &format!("Mean score ({}-{})", gse::MIN_SCORE, gse::MAX_SCORE),
                &format!("Gns. score ({}-{})", gse::MIN_SCORE, gse::MAX_SCORE),
            ),
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
            .map(|a| vec![a.area.label(lang).to_string(), a.n.to_string(), cnt(&a.positive), percent(&a.positive), a.target_percent.map_or_else(|| "-".into(), |t| format!("{t} %")), yes_no(a.meets_target)])
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
            .map(|s| {
                vec![
                    s.status.label(lang).to_string(),
                    cnt(&s.cell),
                    percent(&s.cell),
                ]
            })
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
                    p.phase.label(lang).to_string(),
                    p.n.to_string(),
                    decimal(p.mean_months, 1),
                ]
            })
            .collect(),
    });
    let x = &c.results;
    let start_end = |label: String, v: &crate::report::model::StartEnd| {
        vec![
            label,
            v.n.to_string(),
            cnt(&v.start),
            percent(&v.start),
            cnt(&v.end),
            percent(&v.end),
        ]
    };
    out.push(Block {
        heading: t(lang, "CTI: results from the course's start to its end", "CTI: resultater fra forløbets start til afslutning"),
        note: Some(t(lang, "Courses that have started and ended, with a value within two months of the first and the last day (seed 004).", "Forløb, der er startet og afsluttet, med en værdi inden for to måneder fra første og sidste dag (seed 004).")),
        header: vec![t(lang, "Result", "Resultat"), "n".into(), t(lang, "At start", "Ved start"), t(lang, "Share", "Andel"), t(lang, "At end", "Ved afslutning"), t(lang, "Share", "Andel")],
        rows: vec![
            start_end(t(lang, &format!("WHO-5 risk zone (index {RISK_ZONE_MAX} or below)"), &format!("WHO-5 risikozone (indeks {RISK_ZONE_MAX} eller under)")), &x.risk_zone),
            start_end(t(lang, "Sold sex in the last month", "Solgt sex inden for den seneste måned"), &x.sold_sex_last_month),
        ],
    });
    out.push(Block {
        heading: t(lang, "CTI: progression across life-situation areas", "CTI: progression på tværs af livsområder"),
        note: Some(t(lang, "Completed courses; moderate or large when the mean distance travelled over the areas read at both ends is +2 steps or more.", "Gennemførte forløb; moderat eller stor, når den gennemsnitlige udvikling over de områder, der er vurderet ved begge ender, er +2 trin eller mere.")),
        header: vec![t(lang, "Courses", "Forløb"), t(lang, "Moderate or large", "Moderat eller stor"), t(lang, "Share", "Andel")],
        rows: vec![vec![x.progression.n.to_string(), cnt(&x.progression.moderate_or_large), percent(&x.progression.moderate_or_large)]],
    });
    if let Some(c) = &r.participation.returning {
        out.push(Block {
            heading: t(lang, "Returning citizens", "Borgere, der er vendt tilbage"),
            note: Some(t(
                lang,
                "Citizens with more than one participation period, of all participants.",
                "Borgere med mere end ét forløb, af alle deltagere.",
            )),
            header: vec![
                t(lang, "Participants", "Deltagere"),
                t(lang, "Returned", "Vendt tilbage"),
                t(lang, "Share", "Andel"),
            ],
            rows: vec![vec![r.participants.count.to_string(), cnt(c), percent(c)]],
        });
    }
    if let Some(ch) = &r.challenges {
        out.push(Block {
            heading: t(
                lang,
                "Challenges citizens got help with",
                "Udfordringer, borgerne har fået hjælp til",
            ),
            note: known(ch.n),
            header: vec![
                t(lang, "Area", "Område"),
                t(lang, "Citizens", "Borgere"),
                t(lang, "Share", "Andel"),
            ],
            rows: ch
                .rows
                .iter()
                .map(|x| {
                    vec![
                        x.area.label(lang).to_string(),
                        cnt(&x.cell),
                        percent(&x.cell),
                    ]
                })
                .collect(),
        });
    }
    if let Some(m) = &r.municipalities {
        out.push(Block {
            heading: t(lang, "Municipality of residence", "Bopælskommune"),
            note: known(m.n),
            header: vec![
                t(lang, "Municipality", "Kommune"),
                t(lang, "Citizens", "Borgere"),
                t(lang, "Share", "Andel"),
            ],
            rows: m
                .rows
                .iter()
                .filter(|x| x.cell.count != Some(0))
                .map(|x| {
                    vec![
                        format!("{} ({})", x.municipality.name(), x.municipality),
                        cnt(&x.cell),
                        percent(&x.cell),
                    ]
                })
                .collect(),
        });
    }
    out
}
