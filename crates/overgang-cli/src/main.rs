//! `overgang`: score questionnaires from the command line.

use clap::{Parser, Subcommand, ValueEnum};
use overgang::{gse, who5, RawAnswer, ValidationError};
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
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum InstrumentArg {
    Who5,
    Gse,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Score {
            instrument,
            answers,
            format,
        } => {
            let answers: Vec<RawAnswer> = answers.iter().map(|a| RawAnswer::from_text(a)).collect();
            let result = match instrument {
                InstrumentArg::Who5 => who5::score_answers(&answers).map(|s| {
                    let text = format!(
                        "WHO-5\n  raw score          {}\n  index              {}\n  band               {}\n  poor wellbeing     {}\n  likely depression  {}",
                        s.raw, s.index, s.band, yes_no(s.poor_wellbeing), yes_no(s.likely_depression)
                    );
                    (serde_json::to_value(s), text)
                }),
                InstrumentArg::Gse => gse::score_answers(&answers).map(|s| {
                    let text = format!(
                        "General Self-Efficacy Scale\n  score     {:.1} (10-40)\n  mean      {:.2} (1-4)\n  answered  {} of 10{}",
                        s.score, s.mean, s.answered, if s.imputed { " (missing answers imputed with the mean)" } else { "" }
                    );
                    (serde_json::to_value(s), text)
                }),
            };
            match result {
                Ok((json, text)) => {
                    match format {
                        Format::Text => println!("{text}"),
                        Format::Json => match json {
                            Ok(v) => println!("{v}"),
                            Err(e) => {
                                eprintln!("error: {e}");
                                return ExitCode::FAILURE;
                            }
                        },
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => report_invalid(&e),
            }
        }
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn report_invalid(e: &ValidationError) -> ExitCode {
    eprintln!("invalid answers:");
    for err in e.errors() {
        eprintln!("  {} [{}]: {}", err.field, err.code, err.message);
    }
    ExitCode::from(2)
}
