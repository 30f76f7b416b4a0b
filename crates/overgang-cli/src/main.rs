//! `overgang`: score questionnaires and report on cohorts from the command line.
//!
//! Errors in input go to stderr with file, line and column, and the exit code is 2; a report is
//! written whole or not at all (to a temporary file, then renamed).

mod audit;
mod output;
mod progress;
mod validate;
mod workbook;

use clap::{Args, Parser, Subcommand, ValueEnum};
use overgang::cohort::{compare, Cohort};
use overgang::report::{read_options, render, render_comparison, ReportOptions};
use overgang::{gse, who5, RawAnswer, ValidationError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Validated scoring and reporting for exit-from-prostitution social work in Denmark.
#[derive(Parser)]
#[command(name = "overgang", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score one questionnaire. Answers in item order; `NA` or `-` marks a missing answer.
    ///
    /// Example: overgang score who5 3 4 2 3 4
    Score {
        /// The instrument.
        instrument: InstrumentArg,
        /// The answers, in item order (WHO-5: five answers 0-5; GSE: ten answers 1-4).
        #[arg(allow_hyphen_values = true, num_args = 0..)]
        answers: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Audit a report (JSON, as `report --format json` writes it): list every figure that could
    /// be worked out from its other figures. Exit code 0 when there is none, 1 otherwise.
    Audit {
        /// The report.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Report on a cohort: the exit-package report's tables.
    ///
    /// FILE is a cohort document (.json) or CSV files: a participants file plus optional long
    /// files for WHO-5 (id,date,item1..item5), GSE (id,date,item1..item10), ten-step
    /// assessments (id,date,<areas>) and interventions (id,category[,date]), recognised by their
    /// header. Workbooks (.xlsx, .xlsm, .xls, .ods) are read sheet by sheet: every sheet whose
    /// header is recognised, date cells as dates. With no file, reports on the built-in
    /// synthetic sample cohort.
    Report {
        /// Input files (none: the built-in sample cohort).
        files: Vec<PathBuf>,
        #[command(flatten)]
        options: OptionArgs,
        /// Write to FILE (atomically: a temporary file renamed into place) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Project name for CSV input.
        #[arg(long, default_value = "Projekt")]
        project: String,
        #[command(flatten)]
        input: validate::InputArgs,
    },
    /// Check input files without reporting: every problem, grouped by code, file and column,
    /// with a count and the first rows of each group (exit code 2 when there are problems).
    ///
    /// Example: overgang validate deltagere.csv who5.csv --columns q1=item1,q2=item2
    Validate {
        /// Input files: a cohort document (.json) or CSV files, as for `report`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Project name for CSV input.
        #[arg(long, default_value = "Projekt")]
        project: String,
        #[command(flatten)]
        input: validate::InputArgs,
    },
    /// Write the built-in synthetic sample cohort as files to try everything on: participants.csv,
    /// who5.csv, gse.csv, ten_step.csv and interventions.csv in the formats `report` reads, or
    /// one workbook, sample.xlsx (the registration workbook of `template`, filled in). Its CTI
    /// courses have no file format and are left out.
    ///
    /// Example: overgang sample --format csv -o eksempel
    Sample {
        /// csv: one file per kind; xlsx: one workbook.
        #[arg(long, value_enum, default_value_t = SampleFormat::Csv)]
        format: SampleFormat,
        /// The folder to write into (created when missing; files of the same names are replaced).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Language of the workbook's sheet names and labels.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
    },
    /// Write the registration workbook (xlsx) a project fills in: a sheet per kind
    /// (participants, WHO-5, GSE, ten-step, interventions) with the headers `report` reads,
    /// drop-down lists of the offered interventions and of every closed set, checks of whole
    /// numbers and date-formatted date columns. Filled in, it goes straight into `report`.
    ///
    /// Example: overgang template --offered counselling,group_therapy -o registrering.xlsx
    Template {
        /// The intervention categories the project offers (comma-separated ids; default: all).
        #[arg(long, value_name = "A,B,C")]
        offered: Option<String>,
        /// Language of the sheet names and the drop-down lists.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Write to FILE (atomically); without it, to stdout when that is not a terminal.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Projects side by side (seed 001 Table 1): participants, mean months of participation,
    /// mean age, share of women and the WHO-5 first wave, one column per project.
    ///
    /// Each PROJECT is a cohort document (.json), a workbook (.xlsx, .xlsm, .xls, .ods) or a
    /// folder of CSV files and workbooks (as `report` reads them; the folder's name is the
    /// project's name).
    ///
    /// Example: overgang compare aarhus.json esbjerg.json --min-cell 0
    Compare {
        /// The projects, at least one.
        #[arg(required = true, value_name = "PROJECT")]
        projects: Vec<PathBuf>,
        #[command(flatten)]
        options: OptionArgs,
        /// Write to FILE (atomically) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The report options, mapped onto the core's one option reader.
#[derive(Args)]
struct OptionArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Report date (YYYY-MM-DD); default: the latest date in the data.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Counts from 1 to N-1 are suppressed (this library's safeguard, not the published
    /// report's practice); 0 turns suppression off.
    #[arg(long, value_name = "N", default_value_t = 5)]
    min_cell: u64,
    /// A measurement wave is shown only when at least N answered.
    #[arg(long, value_name = "N", default_value_t = 10)]
    min_wave: u64,
    /// Bins of "citizens by number of interventions": a top bin (4 gives 0, 1, 2, 3, 4+) or
    /// lower edges (0,1,2,4 gives 0, 1, 2-3, 4+).
    #[arg(long, value_name = "N|EDGES", default_value = "4")]
    intervention_bins: String,
    /// The project's catalogue: the intervention categories it offers (comma-separated).
    #[arg(long, value_name = "A,B,C")]
    offered: Option<String>,
    /// Categories not counted in the bins (default: outreach,material_help; "" counts all).
    #[arg(long, value_name = "A,B")]
    bins_exclude: Option<String>,
    /// Spacing of questionnaire waves in days: MIN-MAX (default 46-106), MIN- (no maximum) or
    /// `any` (every scored answer is the next wave).
    #[arg(long, value_name = "MIN-MAX")]
    wave_gap: Option<String>,
    /// A target share of positive development, in percent (e.g. 75); computes `targets`.
    #[arg(long, value_name = "PERCENT")]
    target: Option<u64>,
    /// A programme the target applies to (repeatable; none: everyone).
    #[arg(long = "target-programme", value_name = "ID")]
    target_programmes: Vec<String>,
    /// Language of the human formats.
    #[arg(long, value_enum, default_value_t = LangArg::Da)]
    lang: LangArg,
    /// Add citizens per municipality of residence (suppressed like every other count).
    #[arg(long)]
    by_municipality: bool,
}

/// A number if the text is one, else the text (for the core to refuse without echoing it).
fn number_or_text(text: &str) -> serde_json::Value {
    text.trim()
        .parse::<u64>()
        .map_or_else(|_| serde_json::json!(text), |n| serde_json::json!(n))
}

/// A comma-separated list of ids ("" is the empty list).
fn id_list(text: &str) -> serde_json::Value {
    serde_json::json!(text
        .split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>())
}

impl OptionArgs {
    /// The options as the named object the core reads (the same keys as Python and JSON).
    fn named(&self) -> serde_json::Value {
        use serde_json::{json, Value};
        let bins = if self.intervention_bins.contains(',') {
            Value::Array(
                self.intervention_bins
                    .split(',')
                    .map(number_or_text)
                    .collect(),
            )
        } else {
            number_or_text(&self.intervention_bins)
        };
        let wave_gap = self.wave_gap.as_deref().map(|g| match g.split_once('-') {
            _ if g == "any" => json!("any"),
            Some((min, "")) => json!([number_or_text(min), null]),
            Some((min, max)) => json!([number_or_text(min), number_or_text(max)]),
            None => json!(g),
        });
        let target = match (self.target, self.target_programmes.is_empty()) {
            (None, true) => Value::Null,
            (percent, _) => json!({"percent": percent, "programmes": self.target_programmes}),
        };
        json!({
            "as_of": self.as_of,
            "min_cell": self.min_cell,
            "min_wave": self.min_wave,
            "intervention_bins": bins,
            "offered": self.offered.as_deref().map(id_list),
            "bins_exclude": self.bins_exclude.as_deref().map(id_list),
            "wave_gap_days": wave_gap,
            "target": target,
            "by_municipality": self.by_municipality,
            // xlsx is written here, from the core's tables; the core renders the rest.
            "format": (self.format != ReportFormat::Xlsx).then(|| id(self.format)),
            "lang": id(self.lang),
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum InstrumentArg {
    Who5,
    Gse,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ScoreFormat {
    Text,
    Json,
}

/// The core's formats (`report::Format`), and `xlsx`, a workbook the command writes itself
/// (binary: the library's renderers return text).
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ReportFormat {
    Md,
    Json,
    Html,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum SampleFormat {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Da,
    En,
}

/// Parses the command line; a usage error is described by its kind and the argument's name,
/// never by the value given (it may be a CPR number typed in the wrong place).
fn parse_args() -> Result<Cli, ExitCode> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            let argument = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::String(a)) => Some(a.clone()),
                _ => None,
            };
            let allowed = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => format!("; allowed: {}", v.join(", ")),
                _ => String::new(),
            };
            let what = match e.kind() {
                ErrorKind::InvalidValue => "a value that is not allowed",
                ErrorKind::ValueValidation => {
                    "a value of the wrong kind (a whole number or a date is expected)"
                }
                ErrorKind::UnknownArgument => "an argument this command does not have",
                ErrorKind::MissingRequiredArgument => "a required argument is missing",
                ErrorKind::InvalidSubcommand => {
                    "a command that does not exist; commands: report, compare, validate, sample, template, audit, score"
                }
                ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
                    "the wrong number of values"
                }
                ErrorKind::ArgumentConflict => "arguments that cannot be used together",
                _ => "a usage error",
            };
            match argument {
                Some(arg) if e.kind() != ErrorKind::UnknownArgument => {
                    eprintln!("error: {arg}: {what}{allowed}")
                }
                _ => eprintln!("error: {what}{allowed}"),
            }
            eprintln!("Run `overgang --help` for usage.");
            Err(ExitCode::from(2))
        }
    }
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Command::Score {
            instrument,
            answers,
            format,
        } => score(instrument, &answers, format),
        Command::Validate {
            files,
            project,
            input,
        } => validate::run(&files, &project, &input),
        Command::Audit { file, format } => audit::run(&file, format == ScoreFormat::Json),
        Command::Report {
            files,
            options: args,
            output,
            project,
            input,
        } => {
            // The core reads every option, so the CLI, Python and JavaScript cannot disagree.
            let (options, render_options) = match read_options(&args.named()) {
                Ok(o) => o,
                Err(e) => return invalid(&e),
            };
            match report(&files, &project, options, &input) {
                Ok(r) if args.format == ReportFormat::Xlsx => {
                    let tables = overgang::report::tables(&r, render_options.lang);
                    match workbook::report(&tables, render_options.lang) {
                        Ok(bytes) => output::write_bytes(output.as_deref(), &bytes, Some("xlsx")),
                        Err(e) => workbook_failed(&e),
                    }
                }
                Ok(r) => output::write(output.as_deref(), &render(&r, &render_options)),
                Err(failure) => fail(failure),
            }
        }
        Command::Sample {
            format,
            output,
            lang,
        } => sample(format, &output, &id(lang)),
        Command::Template {
            offered,
            lang,
            output,
        } => template(offered.as_deref(), &id(lang), output.as_deref()),
        Command::Compare {
            projects,
            options,
            output,
        } => {
            if options.format == ReportFormat::Xlsx {
                eprintln!(
                    "error: format: compare is not written as xlsx; allowed: md, json, html, csv"
                );
                return ExitCode::from(2);
            }
            let (options, render_options) = match read_options(&options.named()) {
                Ok(o) => o,
                Err(e) => return invalid(&e),
            };
            let cohorts: Result<Vec<Cohort>, Failure> = projects.iter().map(project).collect();
            let result = cohorts.and_then(|c| Ok(compare(&c, &options)?));
            match result {
                Ok(c) => output::write(output.as_deref(), &render_comparison(&c, &render_options)),
                Err(failure) => fail(failure),
            }
        }
    }
}

fn workbook_failed(e: &rust_xlsxwriter::XlsxError) -> ExitCode {
    eprintln!("error: could not make the workbook: {e}");
    ExitCode::FAILURE
}

/// The offered categories (all by default) and the language, read by the core's option reader.
fn template_options(
    offered: Option<&str>,
    lang: &str,
) -> Result<(Vec<overgang::ids::IdLabel>, overgang::Language), ValidationError> {
    let (options, render) = read_options(&serde_json::json!({
        "offered": offered.map(id_list),
        "lang": lang,
    }))?;
    let all = overgang::ids::options::<overgang::intervention::Category>(render.lang);
    let offered = match options.offered {
        Some(list) => all
            .into_iter()
            .filter(|x| list.iter().any(|c| c.as_str() == x.id))
            .collect(),
        None => all,
    };
    Ok((offered, render.lang))
}

/// `overgang template`: the registration workbook.
fn template(offered: Option<&str>, lang: &str, output: Option<&std::path::Path>) -> ExitCode {
    let (offered, lang) = match template_options(offered, lang) {
        Ok(o) => o,
        Err(e) => return invalid(&e),
    };
    match workbook::template(&offered, lang).and_then(|mut b| b.save_to_buffer()) {
        Ok(bytes) => output::write_bytes(output, &bytes, Some("xlsx")),
        Err(e) => workbook_failed(&e),
    }
}

/// `overgang sample`: the sample cohort as CSV files or as the filled-in registration workbook.
fn sample(format: SampleFormat, dir: &std::path::Path, lang: &str) -> ExitCode {
    use overgang::cohort::sheet::{tables, to_csv};
    let tables = tables(&overgang::sample::cohort());
    let files: Vec<(String, Vec<u8>)> = match format {
        SampleFormat::Csv => tables
            .iter()
            .map(|t| (format!("{}.csv", t.kind.as_str()), to_csv(t).into_bytes()))
            .collect(),
        SampleFormat::Xlsx => {
            let (offered, lang) = match template_options(None, lang) {
                Ok(o) => o,
                Err(e) => return invalid(&e),
            };
            let book = workbook::template(&offered, lang).and_then(|mut b| {
                workbook::fill(&mut b, &tables, lang)?;
                b.save_to_buffer()
            });
            match book {
                Ok(bytes) => vec![("sample.xlsx".to_string(), bytes)],
                Err(e) => return workbook_failed(&e),
            }
        }
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Err(e) = output::atomic_write(&path, bytes) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    println!("{}: {}", dir.display(), names.join(", "));
    ExitCode::SUCCESS
}

fn fail(failure: Failure) -> ExitCode {
    match failure {
        Failure::Invalid(e) => invalid(&e),
        Failure::Io(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// One project of `compare`: a cohort document, a workbook, or a folder of CSV files and
/// workbooks.
fn project(path: &PathBuf) -> Result<Cohort, Failure> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                    || overgang::cohort::sheet::is_workbook(&p.to_string_lossy())
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Failure::Io(format!(
                "{}: no CSV files or workbooks in the folder",
                path.display()
            )));
        }
        let name = path.file_name().map_or_else(
            || "Projekt".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        load(&files, &name)
    } else {
        load(std::slice::from_ref(path), "Projekt")
    }
}

pub(crate) enum Failure {
    Invalid(ValidationError),
    Io(String),
}

impl From<ValidationError> for Failure {
    fn from(e: ValidationError) -> Self {
        Failure::Invalid(e)
    }
}

/// The id a clap value stands for (its name on the command line is the core's id).
fn id(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

fn report(
    files: &[PathBuf],
    project: &str,
    options: ReportOptions,
    input: &validate::InputArgs,
) -> Result<overgang::report::Report, Failure> {
    if let Some(document) = validate::one_document(files) {
        // The CSV options are checked even though a document does not use them.
        input.options()?;
        return progress::report(document, &options);
    }
    if validate::all_tables(files) {
        return validate::report_tables(files, project, &options, input);
    }
    if !files.is_empty() {
        let (cohort, excluded) = validate::load(files, project, input)?;
        let mut report = cohort.into_report(&options)?;
        report.set_excluded(excluded);
        return Ok(report);
    }
    let cohort = Cohort::sample();
    Ok(cohort.report(&options)?)
}

/// A project's cohort, read the way `report` reads its files (one reader for both commands).
fn load(files: &[PathBuf], project: &str) -> Result<Cohort, Failure> {
    validate::load(files, project, &validate::InputArgs::default()).map(|(cohort, _)| cohort)
}

pub(crate) fn read(path: &std::path::Path) -> Result<String, Failure> {
    String::from_utf8(read_bytes(path)?).map_err(|_| {
        Failure::Io(format!(
            "{}: the file is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" in Excel)",
            path.display()
        ))
    })
}

fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let limit = overgang::limits::MAX_INPUT_BYTES as u64;
    let too_large = || {
        Failure::Io(format!(
            "{}: the input is larger than the {} MB limit",
            path.display(),
            limit / 1_000_000
        ))
    };
    let file =
        std::fs::File::open(path).map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?;
    if file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() > limit)
    {
        return Err(too_large());
    }
    // The limit applies to the bytes read, so pipes, /dev/stdin and /dev/zero stop at it too.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn score(instrument: InstrumentArg, answers: &[String], format: ScoreFormat) -> ExitCode {
    let answers: Vec<RawAnswer> = answers.iter().map(|a| RawAnswer::from_text(a)).collect();
    let result = match instrument {
        InstrumentArg::Who5 => who5::score_answers(&answers).map(|s| {
            let text = format!(
                "WHO-5\n  raw score                {}\n  index                    {}\n  band                     {}\n  poor wellbeing           {}\n  depression test advised  {}\n  likely depression        {}",
                s.raw,
                s.index,
                s.band,
                yes_no(s.poor_wellbeing),
                yes_no(s.depression_test_advised),
                yes_no(s.likely_depression)
            );
            (serde_json::to_string(&s), text)
        }),
        InstrumentArg::Gse => gse::score_answers(&answers).map(|s| {
            let text = format!(
                "General Self-Efficacy Scale\n  score     {:.1} (10-40)\n  mean      {:.2} (1-4)\n  answered  {} of 10{}",
                s.score,
                s.mean,
                s.answered,
                if s.imputed { " (missing answers imputed with the mean)" } else { "" }
            );
            (serde_json::to_string(&s), text)
        }),
    };
    match result {
        Ok((json, text)) => {
            match (format, json) {
                (ScoreFormat::Text, _) => println!("{text}"),
                (ScoreFormat::Json, Ok(v)) => println!("{v}"),
                (ScoreFormat::Json, Err(e)) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => invalid(&e),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Every problem, one per line, with its location when known (grouped by code and column when
/// there are many, as `overgang validate` prints them); exit code 2.
fn invalid(e: &ValidationError) -> ExitCode {
    if e.errors().len() > 2 * overgang::error::SHOWN_IN_TEXT {
        eprint!("invalid input: {}", e.summary());
        return ExitCode::from(2);
    }
    eprintln!(
        "invalid input ({} problem{}):",
        e.errors().len(),
        if e.errors().len() == 1 { "" } else { "s" }
    );
    for err in e.errors() {
        match &err.location {
            Some(at) => eprintln!("  {at}: {} [{}]", err.message, err.code),
            None => eprintln!("  {} [{}]", err.message, err.code),
        }
    }
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_formats_are_the_cores_and_xlsx() {
        let cli: Vec<String> = ReportFormat::value_variants()
            .iter()
            .map(|f| id(*f))
            .collect();
        let mut core: Vec<String> = overgang::ids::ids::<overgang::report::Format>()
            .iter()
            .map(|s| s.to_string())
            .collect();
        core.push("xlsx".into());
        assert_eq!(cli, core);
    }
}
