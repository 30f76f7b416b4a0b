//! Markdown: a heading per table, pipe tables with numbers right-aligned.

use super::table::{subtitle, t, title};
use crate::language::Language;
use crate::report::model::Report;
use std::fmt::Write;

pub(super) fn markdown(r: &Report, lang: Language) -> String {
    let mut s = format!("# {}\n\n{}\n", escape(&title(r, lang)), subtitle(r, lang));
    for b in super::blocks::blocks(r, lang) {
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
    if let Some(o) = &r.outreach {
        s.push('\n');
        s.push_str(&crate::report::outreach::render::markdown_section(
            o, lang, 2,
        ));
    }
    s
}

/// Markdown-escapes text that comes from the input (the project's name), so it cannot add
/// headings, links, tables or HTML to the report.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Emphasis, code, links, tables and strike-through; `(`, `-` and `#` mid-line are
            // plain text (the title never starts a line with the input).
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn input_text_cannot_shape_the_markdown() {
        assert_eq!(escape("<img onerror=x>"), "&lt;img onerror=x&gt;");
        assert_eq!(
            escape("A | b\nc [x](y) (z-1)"),
            "A \\| b c \\[x\\](y) (z-1)"
        );
    }
}
