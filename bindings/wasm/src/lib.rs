//! WebAssembly bindings of overgang: convert JavaScript values, call the core crate, map errors.
//!
//! Results are plain objects with camelCase keys (`poorWellbeing`); ids stay `snake_case`
//! strings (`"no_immediate_risk"`). Errors are real `Error`s named `ValidationError` with an
//! `errors` array of `{field, code, message}`.

//!
//! One file per core module (`who5.rs` beside the core's `who5.rs`), each calling the core;
//! `batch.rs` (typed-array scoring), `safe.rs` (non-throwing forms) and `meta.rs` (version,
//! option kinds) add what JavaScript callers need on top.

//!
//! Features select what is compiled: without any (`--no-default-features`, the web form's first
//! module, `pkg-web/`) scoring, questionnaire texts, option lists, ID checks and ten-step stages;
//! `records` adds whole documents (participants, records, assessments, CTI, outcomes, outreach,
//! batch scoring); `report` adds the cohort report. The default (Node, `pkg/`, and the page's
//! second module `pkg-web-report/`) is everything. docs/wasm-size.md has the sizes.

#[cfg(feature = "records")]
mod batch;
mod catalogue;
#[cfg(feature = "report")]
mod cohort;
#[cfg(feature = "report")]
mod compare;
mod convert;
#[cfg(feature = "report")]
mod csv;
#[cfg(feature = "records")]
mod cti;
mod errors;
mod gse;
mod meta;
#[cfg(feature = "records")]
mod outcomes;
#[cfg(feature = "records")]
mod outreach;
mod participant;
mod questionnaire;
mod safe;
mod schema_types;
mod ten_step;
mod who5;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A missing answer is `null` or `undefined`. */
export type Answer = number | null | undefined;
export type Who5Change = "improved" | "worsened" | "no_significant_change";
export interface Who5Score { raw: number; index: number; band: Who5Band; poorWellbeing: boolean; depressionTestAdvised: boolean; likelyDepression: boolean; }
export interface GseScore { score: number; mean: number; answered: number; imputed: boolean; }
export interface AnswerOption { value: number; label: string; }
export interface Questionnaire { id: "who5" | "gse"; language: "da" | "en"; requestedLanguage: string; fallback: boolean; title: string; stem: string; items: string[]; answers: AnswerOption[]; }
export interface FieldError { field: string; code: string; message: string; location?: { file: string; line: number; column?: string }; context?: ErrorContext; }
/** What a rule allows, as data: a form writes its message from it (or asks `errorMessage`). */
export interface ErrorContext { min?: number; max?: number; allowed?: string[]; max_length?: number; min_length?: number; format?: string; characters?: string[]; }
export interface IdLabel { id: string; label: string; }
export interface TenStepDimensions { health: number | null; relations: number | null; mentalWellbeing: number | null; optionsForAction: number | null; }
export interface AreaDevelopment { area: string; ratings: number; first: number; latest: number; change: number; positive: boolean | null; }
export interface CourseInput { contactStart: string; phase1Start: string; phaseMonths?: number; }
export interface PlannedPhase { phase: "contact" | "planning" | "try_out" | "transfer"; start: string; end: string; }
export interface TargetOption { percent: number; programmes?: string[]; measures?: string[]; }
export interface CohortReportOptions { byMunicipality?: boolean; asOf?: string; minCell?: number; minWave?: number; interventionBins?: number | number[]; offered?: string[]; binsExclude?: string[]; waveGapDays?: "any" | [number, number | null]; target?: number | TargetOption; format?: "md" | "json" | "html" | "csv"; lang?: "da" | "en"; }
/** CSV files by kind for `cohortFromCsv`: each text, bytes (decoded by `encoding`) or `{name, text}` (the name is used in problems' locations). */
export interface CsvFiles { participants?: CsvText; who5?: CsvText; gse?: CsvText; tenStep?: CsvText; interventions?: CsvText; venues?: CsvText; visits?: CsvText; }
export type CsvText = string | Uint8Array | { name: string; text: string | Uint8Array };
/** How CSV files are read: `onError: "drop"` leaves out rows with problems and counts them in `excluded`. */
export interface CsvOptions { project?: string; encoding?: "auto" | "utf-8" | "windows-1252"; columns?: Record<string, string> | [string, string][]; onError?: "fail" | "drop"; }
/** A cohort read from CSV: the cohort document (snake_case keys) and, with `onError: "drop"`, what was left out. */
/** What `onError: "drop"` left out: rows in all, participants, rows left out with their participant, rows per error code. */
export interface Excluded { rows: number; participants: number; with_participant: number; by_code: Record<string, number>; }
export interface CohortFromCsv { cohort: Cohort; excluded: Excluded | null; }
/** Projects side by side (seed 001 Table 1), snake_case keys. */
export interface Comparison { projects: { project: string; participants: number; mean_months: number | null; mean_age: number | null; women_percent: number | null; who5_first_wave: { n: number; mean_index: number } | null }[]; }
/** The cohort report with its documented snake_case JSON keys (docs/report.md). */
export type CohortReport = Report;
/** Thrown by every function on invalid input: `name` is `"ValidationError"`. */
export interface ValidationError extends Error { name: "ValidationError"; errors: FieldError[]; summary: ErrorSummary; }
/** The problems grouped by code, file and column, each group with its count and first few. */
export interface ErrorSummary { total: number; groups: { code: string; file?: string; column: string; count: number; first: FieldError[] }[]; text: string; }
"#;
