//! A self-contained, printable HTML page: inline CSS, the WHO-5 chart as inline SVG, every
//! text escaped.

use super::table::{subtitle, t, title};
use crate::language::Language;
use crate::report::model::Report;
use std::fmt::Write;

/// Text safe inside HTML elements and attributes.
pub(crate) fn escape(text: &str) -> String {
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

/// The index of the WHO-5 waves table among the blocks: the chart goes under its heading.
const WHO5_WAVES_BLOCK: usize = 6;

pub(super) fn html(r: &Report, lang: Language) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1><p class=\"sub\">{}</p>\n",
        lang.as_str(),
        escape(&title(r, lang)),
        escape(&title(r, lang)),
        escape(&subtitle(r, lang))
    );
    for (i, b) in super::blocks::blocks(r, lang).into_iter().enumerate() {
        let _ = write!(s, "<section><h2>{}</h2>", escape(&b.heading));
        if let Some(note) = &b.note {
            let _ = write!(s, "<p class=\"note\">{}</p>", escape(note));
        }
        if i == WHO5_WAVES_BLOCK {
            s.push_str(&super::chart::who5_chart(r, lang));
        }
        super::table::html_table(
            &mut s,
            &b,
            &t(lang, "Not enough data to show.", "For få data til at vise."),
        );
        s.push_str("</section>\n");
    }
    if let Some(o) = &r.outreach {
        s.push_str(&crate::report::outreach::render::html_section(o, lang));
    }
    s.push_str("</body></html>\n");
    s
}
