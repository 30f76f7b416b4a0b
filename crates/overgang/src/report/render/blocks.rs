//! The report's tables as blocks of text in one language, in the order the report shows them.

use super::table::{count, decimal, localise, percent, t, Block};
use crate::gse;
use crate::language::Language;
use crate::report::cells::Cell;
use crate::report::model::{LeftOut, Report};
use crate::report::options::TargetMeasure;
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

/// "Waves are answers at least 46 and at most 106 days apart", from the options in effect.
fn spacing(r: &Report, lang: Language) -> String {
    let g = r.options.wave_gap_days;
    match (g.min(), g.max()) {
        (0, None) => t(lang, "Every scored answer is a wave.", "Hver besvarelse er en måling."),
        (min, None) => t(
            lang,
            &format!("Waves are answers at least {min} days apart."),
            &format!("Målinger er besvarelser med mindst {min} dages mellemrum."),
        ),
        (min, Some(max)) => t(
            lang,
            &format!("Waves are answers {min} to {max} days apart; a longer gap ends the series."),
            &format!("Målinger er besvarelser med {min}-{max} dages mellemrum; et længere mellemrum afslutter forløbet."),
        ),
    }
}

/// A note on answers left out of the waves, or nothing when none were (a hidden small count
/// shows as `<min_cell`).
fn left_out(l: &LeftOut, hidden: &str, lang: Language) -> String {
    let none = Some(0);
    if (l.unscorable, l.outside_participation, l.spacing) == (none, none, none) {
        return String::new();
    }
    let n = |v: Option<u64>| v.map_or_else(|| hidden.to_string(), |v| v.to_string());
    let (unscorable, outside, spacing) =
        (n(l.unscorable), n(l.outside_participation), n(l.spacing));
    t(
        lang,
        &format!(
            " Left out: {unscorable} that cannot be scored, {outside} dated outside participation, {spacing} by the spacing rule."
        ),
        &format!(
            " Udeladt: {unscorable} som ikke kan scores, {outside} dateret uden for deltagelsen, {spacing} efter reglen om mellemrum."
        ),
    )
}

/// The label of a target measure: the ten-step area's, or the instrument's.
fn measure_label(m: TargetMeasure, lang: Language) -> String {
    match m {
        TargetMeasure::TenStep(a) => {
            format!("{}: {}", t(lang, "Ten-step", "Ti-trin"), a.label(lang))
        }
        TargetMeasure::Who5 => t(lang, "Wellbeing (WHO-5)", "Trivsel (WHO-5)"),
        TargetMeasure::Gse => t(lang, "Mastery (GSE)", "Mestring (GSE)"),
    }
}

pub(super) fn blocks(r: &Report, lang: Language) -> Vec<Block> {
    let decimal = |v: Option<f64>, places: usize| localise(decimal(v, places), lang);
    let hidden = format!("<{}", r.options.min_cell);
    let cnt = |c: &Cell| count(c, &hidden);
    // One row of a table of labelled counts: label, count (or hidden), share.
    let count_row = |label: String, c: &Cell| vec![label, cnt(c), percent(c)];
    let mut out = Vec::new();
    let known = |n: u64| {
        Some(format!(
            "n = {n} {}",
            t(lang, "with a known value", "med kendt værdi")
        ))
    };
    let mean_age = match r.age_bands.mean_age {
        Some(m) => t(
            lang,
            &format!(
                "; mean age {} years over those with a recorded age",
                decimal(Some(m), 0)
            ),
            &format!(
                "; gennemsnitsalder {} år for dem med registreret alder",
                decimal(Some(m), 0)
            ),
        ),
        None => String::new(),
    };
    out.push(Block {
        heading: t(lang, "Age", "Alder"),
        note: known(r.age_bands.n).map(|k| k + &mean_age),
        header: vec![
            t(lang, "Age band", "Aldersgruppe"),
            t(lang, "Count", "Antal"),
            t(lang, "Share", "Andel"),
        ],
        rows: r
            .age_bands
            .rows
            .iter()
            .map(|row| count_row(row.band.label(lang).to_string(), &row.cell))
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
            .map(|row| count_row(row.gender.label(lang).to_string(), &row.cell))
            .collect(),
    });
    let p = &r.participation;
    let short = p
        .excluded_short
        .map_or_else(|| hidden.clone(), |v| v.to_string());
    out.push(Block {
        heading: t(lang, "Participation", "Deltagelse"),
        note: Some(t(
            lang,
            &format!("Participations shorter than one day are left out ({short} left out)."),
            &format!("Forløb under én dag er udeladt ({short} udeladt)."),
        )),
        header: vec![
            t(lang, "Participations", "Forløb"),
            t(lang, "Mean months", "Gennemsnitlige måneder"),
        ],
        rows: vec![vec![p.n.to_string(), decimal(p.mean_months, 1)]],
    });
    let i = &r.interventions;
    let rows: Vec<Vec<String>> = i
        .by_category
        .iter()
        .map(|row| count_row(row.category.label(lang).to_string(), &row.cell))
        .collect();
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
        note: Some(if r.options.bins_exclude.is_empty() {
            t(
                lang,
                "Every category counts.",
                "Alle kategorier tæller med.",
            )
        } else {
            let names: Vec<&str> = r
                .options
                .bins_exclude
                .iter()
                .map(|c| c.label(lang))
                .collect();
            t(
                lang,
                &format!("Not counted here: {}.", names.join(", ")),
                &format!("Tælles ikke med her: {}.", names.join(", ")),
            )
        }),
        header: vec![
            t(lang, "Interventions", "Indsatser"),
            t(lang, "Citizens", "Borgere"),
            t(lang, "Share", "Andel"),
        ],
        rows: i
            .by_count
            .iter()
            .map(|row| count_row(row.interventions.clone(), &row.cell))
            .collect(),
    });
    out.push(Block {
        heading: t(lang, "Referrals", "Henvisninger"),
        note: Some(t(
            lang,
            "Registered apart from the interventions received.",
            "Registreret for sig, ved siden af de modtagne indsatser.",
        )),
        header: vec![
            t(lang, "Referral", "Henvisning"),
            t(lang, "Citizens", "Borgere"),
            t(lang, "Share", "Andel"),
        ],
        rows: vec![
            vec![
                t(
                    lang,
                    "Referred to anti-trafficking services",
                    "Henvist til indsatser vedrørende bekæmpelse af menneskehandel",
                ),
                cnt(&i.anti_trafficking_referrals),
                percent(&i.anti_trafficking_referrals),
            ],
            vec![
                t(
                    lang,
                    "Referred to other services",
                    "Visiteret til øvrige tilbud/indsatser",
                ),
                cnt(&i.other_referrals),
                percent(&i.other_referrals),
            ],
        ],
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
                "A wave is shown when at least {} answered. {} Bands: {}.{}",
                r.options.min_wave,
                spacing(r, Language::En),
                band_ranges(Language::En),
                left_out(&w.left_out, &hidden, Language::En)
            ),
            &format!(
                "En måling vises, når mindst {} har svaret. {} Grupper: {}.{}",
                r.options.min_wave,
                spacing(r, Language::Da),
                band_ranges(Language::Da),
                left_out(&w.left_out, &hidden, Language::Da)
            ),
        )),
        header: vec![
            t(lang, "Wave", "Måling"),
            "n".into(),
            t(lang, "Mean index", "Gns. indeks"),
            t(lang, "Band of the mean", "Gruppe for gns."),
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
                    x.mean_band.label(lang).to_string(),
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
            "WHO-5 from the first wave (all respondents of each wave, not paired)",
            "WHO-5 fra første måling (alle besvarelser i hver måling, ikke parrede)",
        ),
        note: Some(t(
            lang,
            &format!("As the published report compares: the first wave's mean over all its respondents beside a later wave's mean over its respondents. A rise of {CLINICALLY_SIGNIFICANT_CHANGE} points or more is a clinically significant improvement."),
            &format!("Som i den offentliggjorte rapport: første målings gennemsnit for alle dens besvarelser ved siden af en senere målings gennemsnit. En stigning på mindst {CLINICALLY_SIGNIFICANT_CHANGE} point er en klinisk signifikant forøgelse."),
        )),
        header: vec![
            t(lang, "Waves", "Målinger"),
            t(lang, "n first", "n første"),
            t(lang, "Mean first", "Gns. første"),
            t(lang, "n later", "n senere"),
            t(lang, "Mean later", "Gns. senere"),
            t(lang, "Change", "Ændring"),
            t(lang, "Direction", "Retning"),
            t(lang, "Significant improvement", "Klinisk signifikant forøgelse"),
        ],
        rows: w
            .from_first_wave
            .iter()
            .map(|p| {
                vec![
                    format!("1 → {}", p.to_wave),
                    p.n_from.to_string(),
                    decimal(Some(p.mean_from), 0),
                    p.n_to.to_string(),
                    decimal(Some(p.mean_to), 0),
                    format!("{:+.0}", p.change),
                    p.direction.label(lang).to_string(),
                    yes_no(Some(p.significant_improvement)),
                ]
            })
            .collect(),
    });
    out.push(Block {
        heading: t(
            lang,
            "WHO-5 change over paired respondents (those who answered both waves)",
            "WHO-5 udvikling for parrede besvarelser (dem, der har besvaret begge målinger)",
        ),
        note: Some(t(
            lang,
            &format!("A rise of {CLINICALLY_SIGNIFICANT_CHANGE} points or more is a clinically significant improvement."),
            &format!("En stigning på mindst {CLINICALLY_SIGNIFICANT_CHANGE} point er en klinisk signifikant forøgelse."),
        )),
        header: vec![
            t(lang, "Waves", "Målinger"),
            "n".into(),
            t(lang, "Mean before", "Gns. før"),
            t(lang, "Mean after", "Gns. efter"),
            t(lang, "Change", "Ændring"),
            t(lang, "Direction", "Retning"),
            t(lang, "Significant improvement", "Klinisk signifikant forøgelse"),
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
                    p.direction.map_or_else(|| "-".into(), |d| d.label(lang).to_string()),
                    yes_no(p.significant_improvement),
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
        note: Some(format!(
            "{}{}",
            spacing(r, lang),
            left_out(&r.gse.left_out, &hidden, lang)
        )),
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
            "GSE change over paired respondents (those who answered both waves)",
            "GSE udvikling for parrede besvarelser (dem, der har besvaret begge målinger)",
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
        header: vec![t(lang, "Area", "Område"), "n".into(), t(lang, "Positive", "Positiv"), t(lang, "Share", "Andel")],
        rows: r
            .ten_step
            .areas
            .iter()
            .map(|a| vec![a.area.label(lang).to_string(), a.n.to_string(), cnt(&a.positive), percent(&a.positive)])
            .collect(),
    });
    if let Some(targets) = &r.targets {
        let pct = |p: Option<u64>| p.map_or_else(|| "-".into(), |p| format!("{p} %"));
        out.push(Block {
            heading: t(lang, "Targets: positive development", "Mål: positiv udvikling"),
            note: Some(t(
                lang,
                "In scope: everyone in the programmes; assessed: those with two or more ratings or scored answers; positive when the latest is higher than the first. The target is judged on the share of everyone in scope, so drop-outs count against it.",
                "I målgruppen: alle i forløbene; vurderet: dem med mindst to vurderinger eller besvarelser; positiv når den seneste er højere end den første. Målet vurderes på andelen af alle i målgruppen, så frafald tæller imod.",
            )),
            header: vec![
                t(lang, "Measure", "Mål for"),
                t(lang, "In scope", "I målgruppen"),
                t(lang, "Assessed", "Vurderet"),
                t(lang, "Positive", "Positiv"),
                t(lang, "Share of assessed", "Andel af vurderede"),
                t(lang, "Share of in scope", "Andel af målgruppen"),
                t(lang, "Target", "Mål"),
                t(lang, "Met", "Nået"),
            ],
            rows: targets
                .iter()
                .map(|x| {
                    vec![
                        measure_label(x.measure, lang),
                        x.in_scope.to_string(),
                        x.assessed.to_string(),
                        if x.suppressed { hidden.clone() } else { x.positive.map_or_else(|| "-".into(), |p| p.to_string()) },
                        pct(x.percent_of_assessed),
                        pct(x.percent_of_in_scope),
                        format!("{} %", x.target_percent),
                        yes_no(x.met),
                    ]
                })
                .collect(),
        });
    }
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
            .map(|s| count_row(s.status.label(lang).to_string(), &s.cell))
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
                .map(|x| count_row(x.area.label(lang).to_string(), &x.cell))
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
                    count_row(
                        format!("{} ({})", x.municipality.name(), x.municipality),
                        &x.cell,
                    )
                })
                .collect(),
        });
    }
    if let Some(x) = &r.excluded {
        // `Into<Option<u64>>`: a count is shown, or hidden when withheld.
        let n = |v: Option<u64>| v.map_or_else(|| hidden.clone(), |v| v.to_string());
        let (rows, people, with) = (
            n(x.rows.into()),
            n(x.participants.into()),
            n(x.with_participant.into()),
        );
        out.push(Block {
            heading: t(lang, "Rows left out of the input", "Rækker udeladt af inputtet"),
            note: Some(t(
                lang,
                &format!("Rows with problems were left out (on-error drop): {rows} rows, {people} of them participants, and {with} rows of those participants' registrations. Rows per problem code (a row with two kinds of problem counts under both)."),
                &format!("Rækker med fejl er udeladt (on-error drop): {rows} rækker, heraf {people} deltagere, og {with} rækker med disse deltageres registreringer. Rækker pr. fejlkode (en række med to slags fejl tæller under begge)."),
            )),
            header: vec![t(lang, "Problem code", "Fejlkode"), t(lang, "Rows", "Rækker")],
            rows: x
                .by_code
                .iter()
                .map(|(code, count)| vec![code.clone(), n((*count).into())])
                .collect(),
        });
    }
    if !r.notes.is_empty() {
        out.push(Block {
            heading: t(lang, "Notes", "Bemærkninger"),
            note: None,
            header: vec![t(lang, "Note", "Bemærkning")],
            rows: r
                .notes
                .iter()
                .map(|x| vec![t(lang, &x.en, &x.da)])
                .collect(),
        });
    }
    out
}
