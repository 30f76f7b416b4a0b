//! Markdown: a heading per table, pipe tables with numbers right-aligned.

use super::blocks::blocks;
use super::table::{subtitle, t, title};
use crate::language::Language;
use crate::report::model::Report;
use std::fmt::Write;

pub(super) fn markdown(r: &Report, lang: Language) -> String {
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
