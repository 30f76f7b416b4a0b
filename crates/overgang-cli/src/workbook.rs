//! Workbooks the command writes (rust_xlsxwriter): the registration workbook of `overgang
//! template`, the sample cohort filled into it (`overgang sample --format xlsx`), and the report
//! with one sheet per table (`overgang report --format xlsx`).
//!
//! Headers, closed sets, ranges and labels all come from the core (`cohort::sheet`,
//! `catalogue`, `report::tables`); nothing here restates a rule.

use overgang::catalogue;
use overgang::cohort::sheet::{CellKind, SheetKind, Table, YesNo};
use overgang::ids::IdLabel;
use overgang::report::Tables;
use overgang::Language;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, Formula,
    Workbook, Worksheet, XlsxError,
};

/// Rows below the header that get drop-down lists and checks.
const ROWS: u32 = 10_000;
/// How dates are shown: day first, as Danish Excel does.
const DATE_FORMAT: &str = "dd-mm-yyyy";

fn t(lang: Language, en: &str, da: &str) -> String {
    match lang {
        Language::Da => da.into(),
        _ => en.into(),
    }
}

/// The lists of the drop-downs, on a sheet of their own: one column per list.
struct Lists {
    sheet: String,
    /// (list name, labels)
    columns: Vec<(String, Vec<String>)>,
}

impl Lists {
    /// The formula of a list's cells (`='Lister'!$B$2:$B$4`), adding the list when new.
    fn formula(&mut self, name: &str, labels: impl FnOnce() -> Vec<String>) -> Formula {
        let i = match self.columns.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.columns.push((name.to_string(), labels()));
                self.columns.len() - 1
            }
        };
        let col = column_letter(i as u16);
        let last = self.columns[i].1.len().max(1) + 1;
        Formula::new(format!("='{}'!${col}$2:${col}${last}", self.sheet))
    }
}

/// `A`, `B`, ... `Z`, `AA` ...
fn column_letter(i: u16) -> String {
    let mut i = u32::from(i) + 1;
    let mut s = String::new();
    while i > 0 {
        let r = (i - 1) % 26;
        s.insert(0, char::from(b'A' + r as u8));
        i = (i - 1) / 26;
    }
    s
}

/// The labels of a catalogue kind in `lang`; for interventions, the offered ones only.
fn labels(kind: &str, lang: Language, offered: &[IdLabel]) -> Vec<String> {
    if kind == "interventions" {
        return offered.iter().map(|x| x.label.clone()).collect();
    }
    catalogue::options(kind, lang)
        .unwrap_or_default()
        .into_iter()
        .map(|x| x.label)
        .collect()
}

/// The registration workbook: a sheet per kind with the reader's headers, drop-down lists of
/// the offered interventions and of every closed set in `lang`, whole-number checks, date
/// formats; the lists on a hidden sheet of their own.
pub fn template(offered: &[IdLabel], lang: Language) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format(DATE_FORMAT);
    let text = Format::new().set_num_format("@");
    let mut lists = Lists {
        sheet: t(lang, "Lists", "Lister"),
        columns: Vec::new(),
    };
    for kind in SheetKind::ALL {
        let sheet = book.add_worksheet();
        sheet.set_name(kind.label(lang))?;
        for (c, column) in kind.columns().iter().enumerate() {
            let c = c as u16;
            sheet.write_string_with_format(0, c, &column.name, &bold)?;
            sheet.set_column_width(c, (column.name.len() + 4).max(14) as f64)?;
            let check = match column.kind {
                CellKind::Id | CellKind::Text => {
                    sheet.set_column_format(c, &text)?;
                    None
                }
                CellKind::Date => {
                    sheet.set_column_format(c, &date)?;
                    None
                }
                CellKind::WholeNumber { min, max } => Some(
                    DataValidation::new()
                        .allow_whole_number(DataValidationRule::Between(
                            i32::from(min),
                            i32::from(max),
                        ))
                        .set_error_message(format!(
                            "{} {min}-{max}",
                            t(lang, "A whole number", "Et helt tal")
                        ))?,
                ),
                CellKind::YesNo => Some(DataValidation::new().allow_list_formula(
                    lists.formula("yes_no", || {
                        YesNo::ALL.iter().map(|x| x.label(lang).into()).collect()
                    }),
                )),
                CellKind::Choice(k) => Some(
                    DataValidation::new()
                        .allow_list_formula(lists.formula(k, || labels(k, lang, offered))),
                ),
                // Several members separated by `;`: the list helps, other text is allowed.
                CellKind::Choices(k) => Some(
                    DataValidation::new()
                        .allow_list_formula(lists.formula(k, || labels(k, lang, offered)))
                        .set_error_style(DataValidationErrorStyle::Information)
                        .set_input_message(t(
                            lang,
                            "Several: separate them with ;",
                            "Flere: adskil dem med ;",
                        ))?,
                ),
                _ => None,
            };
            if let Some(check) = check {
                sheet.add_data_validation(1, c, ROWS, c, &check)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(&lists.sheet)?;
    for (c, (name, values)) in lists.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, name, &bold)?;
        for (r, v) in values.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c, v)?;
        }
        sheet.set_column_width(c, 30)?;
    }
    sheet.set_hidden(true);
    Ok(book)
}

/// Writes the tables' rows into the template's sheets: dates as date cells, numbers as numbers,
/// closed sets and yes/no as their labels in `lang`.
pub fn fill(book: &mut Workbook, tables: &[Table], lang: Language) -> Result<(), XlsxError> {
    let date = Format::new().set_num_format(DATE_FORMAT);
    for table in tables {
        let columns = table.kind.columns();
        let sheet = book.worksheet_from_name(table.kind.label(lang))?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for ((c, column), cell) in columns.iter().enumerate().zip(row) {
                write_cell(sheet, r, c as u16, column.kind, cell, &date, lang)?;
            }
        }
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    kind: CellKind,
    cell: &str,
    date: &Format,
    lang: Language,
) -> Result<(), XlsxError> {
    if cell.is_empty() {
        return Ok(());
    }
    let label = |k: &str, id: &str| catalogue::label(k, id, lang).unwrap_or_else(|| id.into());
    match kind {
        CellKind::Date => match overgang::dates::parse_date("date", cell) {
            Ok(d) => {
                let d = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day())?;
                sheet.write_datetime_with_format(r, c, &d, date)?;
            }
            Err(_) => {
                sheet.write_string(r, c, cell)?;
            }
        },
        CellKind::WholeNumber { .. } => match cell.parse::<f64>() {
            Ok(n) => {
                sheet.write_number(r, c, n)?;
            }
            Err(_) => {
                sheet.write_string(r, c, cell)?;
            }
        },
        CellKind::YesNo => {
            let yes_no = YesNo::ALL.iter().find(|x| x.as_str() == cell);
            sheet.write_string(r, c, yes_no.map_or(cell, |x| x.label(lang)))?;
        }
        CellKind::Choice(k) => {
            sheet.write_string(r, c, label(k, cell))?;
        }
        CellKind::Choices(k) => {
            let text: Vec<String> = cell.split(';').map(|id| label(k, id)).collect();
            sheet.write_string(r, c, text.join(";"))?;
        }
        _ => {
            sheet.write_string(r, c, cell)?;
        }
    }
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(heading: &str, taken: &mut Vec<String>) -> String {
    let clean: String = heading
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { ' ' } else { c })
        .collect();
    let base: String = clean.trim().chars().take(31).collect();
    let mut name = base.clone();
    let mut n = 2;
    while name.is_empty() || taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The report as a workbook: a first sheet with the title, the subtitle and a list of the
/// tables, then one sheet per table (heading, note, header, rows; whole numbers as numbers).
pub fn report(tables: &Tables, lang: Language) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let big = Format::new().set_bold().set_font_size(14);
    let mut taken = vec![t(lang, "Report", "Rapport")];
    let front = book.add_worksheet();
    front.set_name(&taken[0])?;
    front.write_string_with_format(0, 0, &tables.title, &big)?;
    front.write_string(1, 0, &tables.subtitle)?;
    front.set_column_width(0, 60)?;
    let names: Vec<String> = tables
        .blocks
        .iter()
        .map(|b| sheet_name(&b.heading, &mut taken))
        .collect();
    for (i, (b, name)) in tables.blocks.iter().zip(&names).enumerate() {
        front.write_string(i as u32 + 3, 0, &b.heading)?;
        front.write_string(i as u32 + 3, 1, name)?;
    }
    let empty = t(lang, "Not enough data to show.", "For få data til at vise.");
    for (b, name) in tables.blocks.iter().zip(&names) {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        sheet.write_string_with_format(0, 0, &b.heading, &bold)?;
        let mut r = 1;
        if let Some(note) = &b.note {
            sheet.write_string(r, 0, note)?;
            r += 1;
        }
        r += 1;
        if b.rows.is_empty() {
            sheet.write_string(r, 0, &empty)?;
            continue;
        }
        for (c, h) in b.header.iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, h, &bold)?;
        }
        for row in &b.rows {
            r += 1;
            for (c, cell) in row.iter().enumerate() {
                match cell.parse::<i64>() {
                    Ok(n) if c > 0 => sheet.write_number(r, c as u16, n as f64)?,
                    _ => sheet.write_string(r, c as u16, cell)?,
                };
            }
        }
        sheet.set_column_width(0, 40)?;
        for c in 1..b.header.len() {
            sheet.set_column_width(c as u16, 14)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{load, InputArgs};
    use overgang::cohort::sheet::{tables, to_csv};

    /// A report of files, as `overgang report` makes it.
    fn report_of(files: &[std::path::PathBuf]) -> serde_json::Value {
        let Ok((cohort, _)) = load(files, "P", &InputArgs::default()) else {
            panic!("the files do not read");
        };
        let (options, _) =
            overgang::report::read_options(&serde_json::json!({"min_cell": 0})).unwrap();
        serde_json::to_value(cohort.report(&options).unwrap()).unwrap()
    }

    #[test]
    fn a_filled_in_template_reports_like_the_same_rows_as_csv() {
        let dir = std::env::temp_dir().join(format!("overgang-template-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A project offering three categories, with only those given.
        let offered_ids = ["counselling", "group_therapy", "case_management"];
        let mut doc = overgang::sample::generate(60, 11);
        for p in doc["participants"].as_array_mut().unwrap() {
            if let Some(list) = p["interventions"].as_array_mut() {
                list.retain(|i| offered_ids.contains(&i["category"].as_str().unwrap()));
            }
        }
        let rows = tables(&doc);
        assert!(
            rows.iter().all(|t| !t.rows.is_empty()),
            "every sheet has rows"
        );
        let (offered, lang) = crate::template_options(Some(&offered_ids.join(",")), "da").unwrap();
        let mut book = template(&offered, lang).unwrap();
        fill(&mut book, &rows, lang).unwrap();
        let xlsx = dir.join("registrering.xlsx");
        std::fs::write(&xlsx, book.save_to_buffer().unwrap()).unwrap();
        let csv: Vec<_> = rows
            .iter()
            .map(|t| {
                let p = dir.join(format!("{}.csv", t.kind.as_str()));
                std::fs::write(&p, to_csv(t)).unwrap();
                p
            })
            .collect();
        let from_xlsx = report_of(std::slice::from_ref(&xlsx));
        assert_eq!(from_xlsx, report_of(&csv));
        assert!(from_xlsx["who5"]["waves"].as_array().unwrap().len() > 1);
        assert_eq!(
            from_xlsx["interventions"]["by_category"]
                .as_array()
                .unwrap()
                .len(),
            3
        );

        // The drop-down lists: the offered categories and the closed sets, in Danish, from the
        // catalogue; the sheets in Danish with the reader's headers.
        use calamine::{open_workbook_auto, Reader};
        let mut wb = open_workbook_auto(&xlsx).unwrap();
        assert_eq!(
            wb.sheet_names(),
            [
                "Deltagere",
                "WHO-5",
                "GSE",
                "Ti-trinsskala",
                "Indsatser",
                "Lister"
            ]
        );
        let header = |range: &calamine::Range<calamine::Data>| -> Vec<String> {
            let first = range.rows().next().unwrap();
            first.iter().map(|c| c.to_string()).collect()
        };
        let lists = wb.worksheet_range("Lister").unwrap();
        let column = |name: &str| -> Vec<String> {
            let c = header(&lists).iter().position(|h| h == name).unwrap();
            lists
                .rows()
                .skip(1)
                .map(|r| r[c].to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        assert_eq!(
            column("interventions"),
            [
                "Rådgivning og vejledning",
                "Case management / CTI-forløb",
                "Gruppeterapi"
            ]
        );
        assert_eq!(column("genders"), ["Kvinde", "Mand", "Non-binær"]);
        assert_eq!(column("yes_no"), ["Ja", "Nej"]);
        let people = wb.worksheet_range("Deltagere").unwrap();
        assert_eq!(header(&people)[..4], ["id", "gender", "age", "start"]);
        assert_eq!(people.rows().nth(1).unwrap()[1].to_string(), "Kvinde");
        // Dates are date cells.
        assert!(matches!(
            people.rows().nth(1).unwrap()[3],
            calamine::Data::DateTime(_)
        ));

        // The sheet's checks: a list from the lists sheet, whole numbers in range.
        let xml = sheet_xml(&xlsx, "xl/worksheets/sheet2.xml");
        assert!(
            xml.contains("<formula1>0</formula1><formula2>5</formula2>"),
            "{xml}"
        );
        let xml = sheet_xml(&xlsx, "xl/worksheets/sheet5.xml");
        assert!(xml.contains("'Lister'!$"), "{xml}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A part of an xlsx file (a zip archive), as text.
    fn sheet_xml(path: &std::path::Path, part: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut s = String::new();
        zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut taken = vec!["Rapport".to_string()];
        let long = "WHO-5: trivsel ved hver måling [n] / andel i risikozonen";
        let a = sheet_name(long, &mut taken);
        let b = sheet_name(long, &mut taken);
        assert!(a.chars().count() <= 31 && b.chars().count() <= 31);
        assert!(!a.contains(['[', ']', '/', ':']));
        assert_ne!(a, b);
        assert_eq!(sheet_name("rapport", &mut taken), "rapport (2)");
    }
}
