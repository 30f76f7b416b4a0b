//! `overgang`: score questionnaires and report on cohorts from the command line.
//!
//! Errors in input go to stderr with file, line and column, and the exit code is 2; a report is
//! written whole or not at all (to a temporary file, then renamed).

mod audit;
mod output;
mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use overgang::cohort::Cohort;
use overgang::report::{read_options, render, ReportOptions};
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Report date (YYYY-MM-DD); default: the latest date in the data.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Counts from 1 to N-1 are suppressed; 0 turns suppression off.
        #[arg(long, value_name = "N", default_value_t = 5)]
        min_cell: u64,
        /// A measurement wave is shown only when at least N answered.
        #[arg(long, value_name = "N", default_value_t = 10)]
        min_wave: u64,
        /// Top bin of "citizens by number of interventions" (4 gives 0, 1, 2, 3, 4+).
        #[arg(long, value_name = "N", default_value_t = 4)]
        intervention_bins: usize,
        /// Add citizens per municipality of residence (suppressed like every other count).
        #[arg(long)]
        by_municipality: bool,
        /// Language of the human formats.
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
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

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Md,
    Json,
    Html,
    Csv,
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
                    "a command that does not exist; commands: report, score, validate"
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
            format,
            as_of,
            min_cell,
            min_wave,
            intervention_bins,
            by_municipality,
            lang,
            output,
            project,
            input,
        } => {
            // The core reads every option, so the CLI, Python and JavaScript cannot disagree.
            let named = serde_json::json!({
                "as_of": as_of,
                "min_cell": min_cell,
                "min_wave": min_wave,
                "intervention_bins": intervention_bins,
                "by_municipality": by_municipality,
                "format": id(format),
                "lang": id(lang),
            });
            let (options, render_options) = match read_options(&named) {
                Ok(o) => o,
                Err(e) => return invalid(&e),
            };
            match report(&files, &project, options, &input) {
                Ok(r) => output::write(output.as_deref(), &render(&r, &render_options)),
                Err(Failure::Invalid(e)) => invalid(&e),
                Err(Failure::Io(msg)) => {
                    eprintln!("error: {msg}");
                    ExitCode::from(2)
                }
            }
        }
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
    if !files.is_empty() {
        let (cohort, excluded) = validate::load(files, project, input)?;
        let mut report = cohort.report(&options)?;
        report.excluded = excluded;
        return Ok(report);
    }
    let cohort = Cohort::sample();
    Ok(cohort.report(&options)?)
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
                "WHO-5\n  raw score          {}\n  index              {}\n  band               {}\n  poor wellbeing     {}\n  likely depression  {}",
                s.raw,
                s.index,
                s.band,
                yes_no(s.poor_wellbeing),
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
