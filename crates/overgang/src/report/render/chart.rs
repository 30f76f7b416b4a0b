//! The WHO-5 chart of the HTML report: the mean index per shown wave over the band zones.

use super::html::escape;
use super::table::t;
use crate::language::Language;
use crate::report::model::Report;
use crate::who5::Who5Band;
use std::fmt::Write;

/// An inline SVG line chart of the WHO-5 mean index per shown wave, over the band zones.
pub(super) fn who5_chart(r: &Report, lang: Language) -> String {
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
    for (band, colour) in Who5Band::ALL.iter().zip(["#fbe3e1", "#fdf1d8", "#e3f2e6"]) {
        // Zones meet half-way between the last index of one band and the first of the next.
        let (lo, hi) = band.range();
        let lo = if lo == 0 { 0.0 } else { f64::from(lo) - 0.5 };
        let hi = if hi >= 100 {
            100.0
        } else {
            f64::from(hi) + 0.5
        };
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
