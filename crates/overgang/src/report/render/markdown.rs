//! Markdown: a heading per table, pipe tables with numbers right-aligned.

use super::table::{subtitle, t, title};
use crate::language::Language;
use crate::report::model::Report;

pub(super) fn markdown(r: &Report, lang: Language) -> String {
    let mut s = format!("# {}\n\n{}\n", escape(&title(r, lang)), subtitle(r, lang));
    let empty = t(lang, "Not enough data to show.", "For få data til at vise.");
    super::table::markdown_blocks(&mut s, &super::blocks::blocks(r, lang), 2, &empty);
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
