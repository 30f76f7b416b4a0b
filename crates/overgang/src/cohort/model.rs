//! The cohort model (see the module docs of [`crate::cohort`]).

use super::facts::{self, Fact};
use super::members::{self, Members};
use super::{csv, ParticipantRecord};
use crate::json as doc;

use crate::error::{ErrorCode, FieldError, ValidationError};
use crate::intervention::Category;
use crate::limits;
use crate::outreach::Outreach;
use crate::report::outreach::OutreachOptions;
use crate::report::{self, Report, ReportOptions, Subject};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

/// A project's cohort.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cohort {
    /// The project's name.
    pub project: String,
    /// The report date given in the document, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IsoDate>"))]
    #[serde(with = "crate::dates::iso_date_opt")]
    pub as_of: Option<Date>,
    /// The project's catalogue: the intervention categories it offers (seed 001 line 1355);
    /// the report option `offered` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offered: Option<Vec<Category>>,
    /// The participants.
    pub participants: Vec<ParticipantRecord>,
    /// Outreach: the mapping of venues, visits with anonymous counts, yearly targets (document
    /// keys `venues`, `outreach_visits`, `outreach_targets`; written by [`Cohort::to_json`]).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub outreach: Outreach,
}

/// The keys of a cohort document.
const DOCUMENT_KEYS: [&str; 8] = [
    "schema_version",
    "project",
    "as_of",
    "offered",
    "participants",
    "venues",
    "outreach_visits",
    "outreach_targets",
];

impl Cohort {
    /// Reads and validates a cohort document, reporting every problem with its path
    /// (`participants[3].who5[1].item2`). Participants are validated one by one as the text is
    /// parsed, so memory grows with the cohort, not with the text's layout.
    ///
    /// # Errors
    /// A [`ValidationError`] listing every problem; `too_large` / `too_deep` when the text is
    /// over [`limits::MAX_DOCUMENT_BYTES`], nested deeper than [`limits::MAX_JSON_DEPTH`] or
    /// holds a value over [`limits::MAX_STRING_BYTES`].
    pub fn from_json(text: &str) -> Result<Cohort, ValidationError> {
        Cohort::from_json_bytes(text.as_bytes())
    }

    /// As [`Cohort::from_json`], from UTF-8 bytes (a file's content as read; a byte-order mark
    /// is accepted).
    ///
    /// # Errors
    /// As [`Cohort::from_json`]; `invalid_json` when the bytes are not UTF-8.
    pub fn from_json_bytes(text: &[u8]) -> Result<Cohort, ValidationError> {
        Cohort::from_reader(text)
    }

    /// Reads a cohort document from a reader (a file, a pipe) without holding its text: the
    /// bytes are parsed as they arrive and each participant is validated and kept as a typed
    /// record. The limits are checked on the bytes read, so an endless pipe stops at
    /// [`limits::MAX_DOCUMENT_BYTES`].
    ///
    /// ```
    /// use overgang::cohort::Cohort;
    /// let text = Cohort::sample().to_json();
    /// let cohort = Cohort::from_reader(text.as_bytes())?;
    /// assert_eq!(cohort, Cohort::sample());
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Cohort::from_json`]; a failing reader is `invalid_json` ("a read error").
    pub fn from_reader(reader: impl std::io::Read) -> Result<Cohort, ValidationError> {
        Cohort::from_reader_with_progress(reader, &mut |_| {})
    }

    /// As [`Cohort::from_reader`], calling `progress` as the bytes are read (every 64 KB, and
    /// once more when every participant is read) with the bytes read and the participants
    /// taken so far (for a progress bar; it should return quickly). Participants are read on
    /// several threads when there are cores for them (see `json::parallel`), and taken in the
    /// document's order: the result, errors included, is that of reading them one by one.
    ///
    /// # Errors
    /// As [`Cohort::from_reader`].
    pub fn from_reader_with_progress(
        reader: impl std::io::Read,
        progress: &mut dyn FnMut(ReadProgress),
    ) -> Result<Cohort, ValidationError> {
        let mut members = Members::new();
        let doc = read_members(
            reader,
            &members::read_text,
            &mut members,
            &mut |_| {},
            progress,
        )?;
        Cohort::from_document(doc, members)
    }

    /// Validates a cohort document already parsed into a JSON value.
    ///
    /// # Errors
    /// As [`Cohort::from_json`].
    pub fn from_value(value: &Value) -> Result<Cohort, ValidationError> {
        let Some(obj) = value.as_object() else {
            return Cohort::from_document(None, Members::new());
        };
        let mut members = Members::new();
        let list = match obj.get("participants") {
            None => doc::stream::List::Absent,
            Some(Value::Array(list)) if list.len() <= limits::MAX_PARTICIPANTS => {
                list.iter()
                    .enumerate()
                    .for_each(|(i, p)| members.take(i, members::read_value(i, p)));
                doc::stream::List::Streamed(list.len())
            }
            Some(Value::Array(_)) => {
                return Err(ValidationError::single(
                    "participants",
                    ErrorCode::TooLarge,
                    format!(
                        "participants: more than {} elements",
                        limits::MAX_PARTICIPANTS
                    ),
                ))
            }
            Some(other) => doc::stream::List::Other(other.clone()),
        };
        let doc = doc::stream::Document {
            rest: obj.clone(),
            list,
        };
        Cohort::from_document(Some(doc), members)
    }

    /// The document's own keys validated, with the participants already read.
    fn from_document(
        document: Option<doc::stream::Document>,
        members: Members<ParticipantRecord>,
    ) -> Result<Cohort, ValidationError> {
        let (header, mut errors) = Header::read(document)?;
        let (participants, member_errors) = members.finish();
        errors.extend(member_errors);
        ValidationError::check(errors, || Cohort {
            project: header.project,
            as_of: header.as_of,
            offered: header.offered,
            participants,
            outreach: header.outreach,
        })
    }
}

/// A cohort document's own keys (all but its participants), validated.
pub(super) struct Header {
    pub(super) project: String,
    pub(super) as_of: Option<Date>,
    pub(super) offered: Option<Vec<Category>>,
    pub(super) outreach: Outreach,
}

impl Header {
    /// The keys validated, with their problems; `Err` for a document that cannot be a cohort
    /// (not an object, or written by a newer version).
    pub(super) fn read(
        document: Option<doc::stream::Document>,
    ) -> Result<(Header, Vec<FieldError>), ValidationError> {
        let Some(document) = document else {
            return Err(ValidationError::single(
                "",
                ErrorCode::InvalidFormat,
                "the cohort document must be a JSON object {project, as_of, participants}",
            ));
        };
        let obj = &document.rest;
        let mut errors = Vec::new();
        doc::refuse_unknown_keys(obj, &DOCUMENT_KEYS, "", &mut errors);
        if let Some(v) = obj.get("schema_version") {
            let newest = limits::SCHEMA_VERSION;
            match crate::answer::ranged_count("schema_version", crate::answer::RawAnswer::from(v), 1, u64::MAX >> 11) {
                Ok(n) if n > newest => {
                    return Err(ValidationError::new(vec![FieldError::new(
                        "schema_version",
                        ErrorCode::OutOfRange,
                        format!("schema_version: the document was written by a newer version of overgang (format {n}); this version reads format {newest} and older: update overgang"),
                    )
                    .with_range(1.0, newest as f64)]))
                }
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
        let has_participants = !matches!(document.list, doc::stream::List::Absent);
        let project = match obj.get("project") {
            Some(Value::String(s)) => match crate::privacy::free_text("project", s) {
                Ok(()) => s.clone(),
                Err(e) => {
                    errors.push(e);
                    String::new()
                }
            },
            // A document of outreach alone may leave the project out.
            None if !has_participants
                && crate::outreach::KEYS.iter().any(|k| obj.contains_key(*k)) =>
            {
                String::new()
            }
            _ => {
                errors.push(FieldError::new(
                    "project",
                    ErrorCode::Missing,
                    "project is missing; the project's name (text) is required",
                ));
                String::new()
            }
        };
        let as_of = obj
            .get("as_of")
            .filter(|v| !v.is_null())
            .and_then(|v| doc::date(Some(v), "as_of", &mut errors));
        let offered = match obj.get("offered") {
            None | Some(Value::Null) => None,
            v => {
                let before = errors.len();
                let mut list = doc::list(
                    v,
                    "offered",
                    "category ids",
                    &mut errors,
                    |x, at, errors| match x.as_str() {
                        Some(t) => crate::intervention::parse_category(&at, t)
                            .map_err(|e| errors.push(e))
                            .ok(),
                        None => {
                            errors.push(crate::ids::unknown_value(
                                &at,
                                &crate::ids::ids::<Category>(),
                            ));
                            None
                        }
                    },
                );
                list.sort_unstable();
                list.dedup();
                (errors.len() == before).then_some(list)
            }
        };
        let outreach = Outreach::read(obj, &mut errors);
        match document.list {
            // A document of outreach alone has no participants.
            doc::stream::List::Absent if !outreach.is_empty() => {}
            doc::stream::List::Streamed(_) => {}
            _ => errors.push(FieldError::new(
                "participants",
                ErrorCode::NotAList,
                "participants: expected a list of participants",
            )),
        }
        let header = Header {
            project,
            as_of,
            offered,
            outreach,
        };
        Ok((header, errors))
    }
}

impl Cohort {
    /// Reads a CSV export (see [`csv`]): errors carry file, line and column.
    ///
    /// # Errors
    /// Every problem in every file.
    pub fn from_csv(project: &str, files: &csv::CsvFiles<'_>) -> Result<Cohort, ValidationError> {
        Cohort::from_csv_with(project, files, &csv::CsvOptions::default()).map(|(c, _)| c)
    }

    /// Reads a CSV export with options (column map, `on_error`); with
    /// [`csv::OnError::Drop`], rows with problems are left out and counted in the second value
    /// (put it in [`Report::excluded`]). Outreach sheets are always read strictly.
    ///
    /// ```
    /// use overgang::cohort::{csv::{CsvFile, CsvFiles, CsvOptions, OnError}, Cohort};
    /// let people = "id;køn;start\r\nA-1;Kvinde;10-02-2023\r\nA-2;Mand;31-02-2023\r\n";
    /// let who5 = "id;date;item1;item2;item3;item4;item5\r\nA-1;2023-02-10 00:00:00;3;4;2;3;4\r\nA-2;2023-03-01;1;1;1;1;1\r\n";
    /// let files = CsvFiles {
    ///     participants: Some(CsvFile { name: "deltagere.csv", text: people }),
    ///     who5: Some(CsvFile { name: "who5.csv", text: who5 }),
    ///     ..Default::default()
    /// };
    /// let options = CsvOptions::default().with_columns_text("køn=gender")?;
    /// let err = Cohort::from_csv_with("P", &files, &options).unwrap_err();
    /// assert_eq!(err.errors()[0].location.as_ref().unwrap().line, 3);
    /// let (cohort, excluded) = Cohort::from_csv_with("P", &files, &options.with_on_error(OnError::Drop))?;
    /// assert_eq!(cohort.participants.len(), 1);
    /// let excluded = excluded.unwrap();
    /// assert_eq!((excluded.rows, excluded.participants, excluded.with_participant), (2, 1, 1));
    /// assert_eq!(excluded.by_code["invalid_format"], 1);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// Every problem in every file; with `Drop`, the problems that are not in a row (headers,
    /// whole files, the outreach sheets).
    pub fn from_csv_with(
        project: &str,
        files: &csv::CsvFiles<'_>,
        options: &csv::CsvOptions,
    ) -> Result<(Cohort, Option<report::Excluded>), ValidationError> {
        if options.on_error == csv::OnError::Fail {
            return Cohort::from_csv_strict(project, files, options).map(|c| (c, None));
        }
        let outreach = csv::outreach(files, options)?;
        if files.participants.is_none() {
            return Cohort::from_csv_strict(project, files, options).map(|c| (c, None));
        }
        let mut skip = csv::Skip::default();
        let mut codes: std::collections::BTreeMap<(String, u64), Vec<&'static str>> =
            std::collections::BTreeMap::new();
        // Leaving rows out never adds a problem to another row, so this ends after a few rounds;
        // the bound only guards against a logic error.
        for _ in 0..8 {
            let (built, cohort) = Cohort::from_csv_rows(project, files, options, &skip)?;
            let mut errors = built.errors;
            match cohort {
                Ok(mut cohort) if errors.is_empty() => {
                    cohort.outreach = outreach;
                    let mut excluded = report::Excluded {
                        rows: (codes.len() + built.dependents.len()) as u64,
                        participants: codes
                            .keys()
                            .filter(|(f, _)| files.participants.is_some_and(|p| p.name == f))
                            .count() as u64,
                        with_participant: built.dependents.len() as u64,
                        ..Default::default()
                    };
                    for list in codes.values() {
                        let mut list = list.clone();
                        list.sort_unstable();
                        list.dedup();
                        for c in list {
                            *excluded.by_code.entry(c.to_string()).or_default() += 1;
                        }
                    }
                    return Ok((cohort, Some(excluded)));
                }
                Ok(_) => {}
                Err(e) => errors.extend(e.into_errors()),
            }
            let mut fatal = Vec::new();
            for e in errors {
                match &e.location {
                    Some(at) if at.line > 1 => {
                        let key = (at.file.clone(), at.line);
                        if let Some((_, _, id)) = built
                            .people
                            .iter()
                            .find(|(f, l, _)| *f == at.file && *l == at.line)
                        {
                            if !id.is_empty() {
                                skip.ids.insert(id.clone());
                            }
                        }
                        skip.rows.insert(key.clone());
                        codes.entry(key).or_default().push(e.code.as_str());
                    }
                    _ => fatal.push(e),
                }
            }
            if !fatal.is_empty() {
                return Err(ValidationError::new(fatal));
            }
        }
        Err(ValidationError::single(
            "participants",
            ErrorCode::Inconsistent,
            "participants: the rows with problems could not be left out",
        ))
    }

    fn from_csv_strict(
        project: &str,
        files: &csv::CsvFiles<'_>,
        options: &csv::CsvOptions,
    ) -> Result<Cohort, ValidationError> {
        let outreach = csv::outreach(files, options);
        if files.participants.is_none() && (files.venues.is_some() || files.visits.is_some()) {
            // Outreach alone: the document holds no participants.
            let doc = serde_json::json!({"project": project, "participants": []});
            let mut cohort = Cohort::from_value(&doc)?;
            cohort.outreach = outreach?;
            return Ok(cohort);
        }
        let (built, cohort) =
            Cohort::from_csv_rows(project, files, options, &csv::Skip::default())?;
        let mut errors = built.errors;
        let result = match cohort {
            Ok(cohort) if errors.is_empty() => Ok(cohort),
            Ok(_) => Err(ValidationError::new(errors)),
            Err(e) => {
                errors.extend(e.into_errors());
                Err(ValidationError::new(errors))
            }
        };
        match (result, outreach) {
            (Ok(mut cohort), Ok(o)) => {
                cohort.outreach = o;
                Ok(cohort)
            }
            (Ok(_), Err(e)) => Err(e),
            (Err(e), Ok(_)) => Err(e),
            (Err(e), Err(o)) => {
                let mut all = e.into_errors();
                all.extend(o.into_errors());
                Err(ValidationError::new(all))
            }
        }
    }

    /// A cohort from CSV files, built one participant at a time: each is validated as it is
    /// built and their problems are placed in the files (no document of the whole cohort is
    /// held). The files' own problems are in the `Built`.
    fn from_csv_rows(
        project: &str,
        files: &csv::CsvFiles<'_>,
        options: &csv::CsvOptions,
        skip: &csv::Skip,
    ) -> Result<(csv::Built, Result<Cohort, ValidationError>), ValidationError> {
        let mut members = Members::new();
        let built = csv::build(
            files,
            options,
            skip,
            &|i, text, origins| {
                // The text is written by the CSV reader, so it is JSON; were it not, the
                // participant is refused at its row.
                let mut read = members::read_text(i, text)
                    .unwrap_or_else(|_| members::read_value(i, &Value::Null));
                if !read.errors.is_empty() {
                    let errors = std::mem::take(&mut read.errors);
                    read.errors = origins().locate(ValidationError::new(errors)).into_errors();
                }
                read
            },
            &mut |i, read| members.take(i, read),
        )?;
        let mut rest = serde_json::Map::new();
        rest.insert("project".into(), Value::String(project.to_string()));
        rest.insert("participants".into(), Value::Null);
        let document = doc::stream::Document {
            rest,
            list: doc::stream::List::Streamed(built.people.len()),
        };
        let (header, mut errors) = Header::read(Some(document))?;
        let (participants, member_errors) = members.finish();
        // A repeated ID is placed at its row of the participants file.
        errors.extend(member_errors.into_iter().map(|e| {
            let row = e
                .field
                .strip_prefix("participants[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| built.people.get(i).map(|p| (i, p)));
            match row {
                Some((i, (file, line, _))) if e.location.is_none() => {
                    let mut origins = csv::Origins::default();
                    origins.add(format!("participants[{i}]"), file.clone(), *line);
                    origins
                        .locate(ValidationError::new(vec![e.clone()]))
                        .into_errors()
                        .pop()
                        .unwrap_or(e)
                }
                _ => e,
            }
        }));
        let cohort = ValidationError::check(errors, || Cohort {
            project: header.project,
            as_of: header.as_of,
            offered: header.offered,
            participants,
            outreach: header.outreach,
        });
        Ok((built, cohort))
    }

    /// The built-in synthetic sample cohort (80 participants over two years).
    pub fn sample() -> Cohort {
        // The generator only writes valid documents; a failure here is a bug caught by tests.
        Cohort::from_value(&crate::sample::cohort()).unwrap_or_else(|_| Cohort {
            project: "sample".into(),
            as_of: None,
            offered: None,
            participants: Vec::new(),
            outreach: Outreach::default(),
        })
    }

    /// A generated synthetic cohort of `participants` people (deterministic for a seed; see
    /// [`crate::sample::generate`]), built one participant at a time.
    ///
    /// ```
    /// let cohort = overgang::cohort::Cohort::generate(1_000, 3);
    /// assert_eq!(cohort.participants.len(), 1_000);
    /// ```
    pub fn generate(participants: usize, seed: u64) -> Cohort {
        let mut members = Members::new();
        crate::sample::generated(participants.min(limits::MAX_PARTICIPANTS), seed)
            .enumerate()
            .for_each(|(i, v)| members.take(i, members::read_value(i, &v)));
        // The generator writes only valid participants (tests read every size they make).
        let (participants, _) = members.finish();
        Cohort {
            project: crate::sample::GENERATED_PROJECT.to_string(),
            as_of: Some(crate::sample::generated_as_of()),
            offered: None,
            participants,
            outreach: Outreach::default(),
        }
    }

    /// The cohort as a JSON document, readable again by [`Cohort::from_json`]: compact, one
    /// participant per line (a 100 000-participant cohort is about 40 MB).
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail, and every value serialises (no maps with non-text keys).
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the document of [`Cohort::to_json`] to `out` participant by participant, without
    /// building it in memory first.
    ///
    /// ```
    /// use overgang::cohort::Cohort;
    /// let mut file = Vec::new();
    /// Cohort::sample().write_json(&mut file)?;
    /// assert_eq!(Cohort::from_json_bytes(&file)?, Cohort::sample());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The writer's errors.
    pub fn write_json(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut out = std::io::BufWriter::new(out);
        write!(
            out,
            "{{\"schema_version\":{},\"project\":",
            limits::SCHEMA_VERSION
        )?;
        serde_json::to_writer(&mut out, &self.project)?;
        if let Some(d) = &self.as_of {
            out.write_all(b",\"as_of\":")?;
            crate::dates::iso_date::serialize(d, &mut serde_json::Serializer::new(&mut out))?;
        }
        if let Some(offered) = &self.offered {
            out.write_all(b",\"offered\":")?;
            serde_json::to_writer(&mut out, offered)?;
        }
        out.write_all(b",\"participants\":[")?;
        for (i, m) in self.participants.iter().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, m)?;
        }
        out.write_all(b"\n]")?;
        if let Ok(Value::Object(outreach)) = serde_json::to_value(&self.outreach) {
            for (k, v) in outreach {
                out.write_all(b",\n")?;
                serde_json::to_writer(&mut out, &k)?;
                out.write_all(b":")?;
                serde_json::to_writer(&mut out, &v)?;
            }
        }
        out.write_all(b"}\n")?;
        out.flush()
    }

    /// The latest date anywhere in the data (the default report date).
    pub fn latest_date(&self) -> Option<Date> {
        self.participants
            .iter()
            .filter_map(ParticipantRecord::latest_date)
            .chain(outreach_latest_date(&self.outreach))
            .max()
    }

    /// Computes the report.
    ///
    /// Participants who start after the report date are not counted, and measurements dated
    /// after it are ignored, so a report "as of" a past date shows what was known then.
    ///
    /// ```
    /// use overgang::cohort::Cohort;
    /// let report = Cohort::sample().report(&Default::default())?;
    /// assert_eq!(report.participants.count, 80);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// `missing` on `as_of` when the cohort has no dates at all and none is given;
    /// `out_of_range`/`out_of_order` on `intervention_bins` (see
    /// [`report::InterventionBins::check`]); `unknown_value` on
    /// `participants[i].interventions[j].category` for an intervention outside the project's
    /// catalogue (`offered`), naming the category.
    pub fn report(&self, options: &ReportOptions) -> Result<Report, ValidationError> {
        let (as_of, options) = self.resolve(options)?;
        let subjects: Vec<Subject> = self
            .participants
            .iter()
            .filter(|m| m.participant.start <= as_of)
            .map(|m| facts::subject(m, as_of))
            .collect();
        Ok(self.finish(&subjects, as_of, &options))
    }

    /// As [`Cohort::report`], consuming the cohort: each participant's record is freed as soon
    /// as the report's facts are taken from it, so a large cohort is not held twice.
    ///
    /// ```
    /// use overgang::cohort::Cohort;
    /// let options = Default::default();
    /// assert_eq!(Cohort::sample().into_report(&options)?, Cohort::sample().report(&options)?);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Cohort::report`].
    pub fn into_report(mut self, options: &ReportOptions) -> Result<Report, ValidationError> {
        let (as_of, options) = self.resolve(options)?;
        let mut subjects: Vec<Subject> = std::mem::take(&mut self.participants)
            .into_iter()
            .filter(|m| m.participant.start <= as_of)
            .map(|m| {
                let mut s = facts::subject(&m, as_of);
                s.compact();
                s
            })
            .collect();
        subjects.shrink_to_fit();
        let report = self.finish(&subjects, as_of, &options);
        drop_aside(subjects);
        Ok(report)
    }

    /// The report from the subjects, with this cohort's project and outreach.
    fn finish(&self, subjects: &[Subject], as_of: Date, options: &ReportOptions) -> Report {
        finish_report(&self.project, &self.outreach, subjects, as_of, options)
    }

    /// The report on a cohort document read from `reader`, without keeping the participants'
    /// records: when the report date is known before the participants (the `as_of` option,
    /// or the document's `as_of` key written before its `participants`, as
    /// [`Cohort::write_json`] does), each participant's facts are taken as they are read, on
    /// several threads, and their record is dropped. Memory then grows with the report's facts,
    /// not with the records. Otherwise the cohort is read whole and reported on. The result,
    /// errors included, is that of [`Cohort::from_reader`] and [`Cohort::into_report`].
    ///
    /// ```
    /// use overgang::cohort::Cohort;
    /// let text = Cohort::sample().to_json();
    /// let options = Default::default();
    /// let report = Cohort::report_from_reader(text.as_bytes(), &options, &mut |_| {})?;
    /// assert_eq!(report, Cohort::sample().report(&options)?);
    /// # Ok::<(), overgang::ValidationError>(())
    /// ```
    ///
    /// # Errors
    /// Those of [`Cohort::from_reader`], then those of [`Cohort::report`].
    pub fn report_from_reader(
        reader: impl std::io::Read,
        options: &ReportOptions,
        progress: &mut dyn FnMut(ReadProgress),
    ) -> Result<Report, ValidationError> {
        // The report date, once the keys before the participants are seen: then the facts are
        // taken on the reading threads (`None`: the records are kept).
        let as_of = std::sync::OnceLock::<Option<Date>>::new();
        let work = |i: usize, text: &str| {
            let read = members::read_text(i, text)?;
            Ok(match as_of.get().copied().flatten() {
                Some(date) => read.map(|m| Kept::Fact(Fact::new(m, date))),
                None => read.map(|m| Kept::Record(Box::new(m))),
            })
        };
        let mut members = Members::new();
        let doc = read_members(
            reader,
            &work,
            &mut members,
            &mut |keys| {
                let early = options.as_of.or_else(|| {
                    let text = keys.get("as_of")?.as_str()?;
                    crate::dates::parse_date("as_of", text).ok()
                });
                let _ = as_of.set(early);
            },
            progress,
        )?;
        let (header, mut errors) = Header::read(doc)?;
        let (kept, member_errors) = members.finish();
        errors.extend(member_errors);
        ValidationError::check(errors, || ())?;
        let Some(date) = as_of.get().copied().flatten() else {
            let participants = kept.into_iter().filter_map(Kept::into_record).collect();
            let cohort = Cohort {
                project: header.project,
                as_of: header.as_of,
                offered: header.offered,
                participants,
                outreach: header.outreach,
            };
            return cohort.into_report(options);
        };
        let facts: Vec<Fact> = kept.into_iter().filter_map(Kept::into_fact).collect();
        let (as_of, options) = resolve(
            options,
            header.offered.as_ref(),
            facts.iter().map(|f| f.categories.iter().copied()),
            || Some(date),
            header.as_of,
        )?;
        let mut subjects: Vec<Subject> = facts.into_iter().filter_map(|f| f.subject).collect();
        subjects.shrink_to_fit();
        let report = finish_report(
            &header.project,
            &header.outreach,
            &subjects,
            as_of,
            &options,
        );
        drop_aside(subjects);
        Ok(report)
    }

    /// The checks before a report (bins, catalogue) and its date and options as resolved.
    fn resolve(&self, options: &ReportOptions) -> Result<(Date, ReportOptions), ValidationError> {
        resolve(
            options,
            self.offered.as_ref(),
            self.participants
                .iter()
                .map(|m| m.participant.interventions.iter().map(|x| x.category)),
            || self.latest_date(),
            self.as_of,
        )
    }
}

/// The latest date of the outreach sheets (visits, venues first and last seen).
pub(super) fn outreach_latest_date(outreach: &Outreach) -> Option<Date> {
    outreach
        .visits
        .iter()
        .map(|v| v.date)
        .chain(
            outreach
                .venues
                .iter()
                .flat_map(|v| std::iter::once(v.first_seen).chain(v.last_seen)),
        )
        .max()
}

/// Frees a large list on another thread when there is a core for it: freeing a hundred
/// thousand participants' facts takes a noticeable part of a report's time, and the caller
/// is waiting for the report, not for that.
pub(super) fn drop_aside<T: Send + 'static>(list: Vec<T>) {
    if crate::threads::helpers() == 0 || list.len() < 10_000 {
        return;
    }
    // When no thread can be started, the list is freed here, with the closure that held it.
    let _ = std::thread::Builder::new().spawn(move || drop(list));
}

/// What a report read from a document keeps of a participant (one kind for the whole list).
// Facts inline (they are what a large report keeps), records boxed.
#[allow(clippy::large_enum_variant)]
enum Kept {
    /// Boxed: a record is larger than a participant's facts, and a list holds room for its
    /// largest kind.
    Record(Box<ParticipantRecord>),
    Fact(Fact),
}

impl Kept {
    fn into_record(self) -> Option<ParticipantRecord> {
        match self {
            Kept::Record(m) => Some(*m),
            Kept::Fact(_) => None,
        }
    }
    fn into_fact(self) -> Option<Fact> {
        match self {
            Kept::Fact(f) => Some(f),
            Kept::Record(_) => None,
        }
    }
}

impl members::Keyed for Kept {
    fn key(&self) -> &str {
        match self {
            Kept::Record(m) => m.key(),
            Kept::Fact(f) => f.key(),
        }
    }
}

/// Reads a cohort document's participants with `work` (on several threads), keeping them in
/// `members`; `opens` is told the document's keys before the participants.
fn read_members<T: members::Keyed + Send>(
    reader: impl std::io::Read,
    work: members::Work<'_, T>,
    members: &mut Members<T>,
    opens: &mut dyn FnMut(&serde_json::Map<String, Value>),
    progress: &mut dyn FnMut(ReadProgress),
) -> Result<Option<doc::stream::Document>, ValidationError> {
    let count = std::cell::Cell::new(0);
    doc::stream::from_reader_parallel(
        reader,
        "participants",
        limits::MAX_PARTICIPANTS,
        doc::stream::Elements {
            work,
            take: &mut |i, read| {
                count.set(i + 1);
                members.take(i, read);
            },
            opens,
        },
        &mut |bytes| {
            progress(ReadProgress {
                bytes,
                participants: count.get(),
            })
        },
    )
}

/// The checks before a report (bins, catalogue) and its date and options as resolved:
/// `categories` are each participant's intervention categories (read only when there is a
/// catalogue), `latest` the latest date in the data (the date when none is given).
pub(super) fn resolve<C: IntoIterator<Item = Category>>(
    options: &ReportOptions,
    document_offered: Option<&Vec<Category>>,
    categories: impl Iterator<Item = C>,
    latest: impl FnOnce() -> Option<Date>,
    document_as_of: Option<Date>,
) -> Result<(Date, ReportOptions), ValidationError> {
    options
        .intervention_bins
        .check("intervention_bins")
        .map_err(|e| ValidationError::new(vec![e]))?;
    let offered = options
        .offered
        .clone()
        .or_else(|| document_offered.cloned());
    if let Some(offered) = &offered {
        let allowed: Vec<&str> = offered.iter().map(|c| c.as_str()).collect();
        let errors: Vec<FieldError> = categories
            .enumerate()
            .flat_map(|(i, list)| {
                list.into_iter()
                    .enumerate()
                    .filter(|(_, x)| !offered.contains(x))
                    .map(move |(j, x)| (i, j, x))
            })
            .map(|(i, j, category)| {
                let field = format!("participants[{i}].interventions[{j}].category");
                FieldError::new(
                    field.clone(),
                    ErrorCode::UnknownValue,
                    format!(
                        "{field}: {category} is not in the project's catalogue (offered: {})",
                        allowed.join(", ")
                    ),
                )
                .with_allowed(&allowed)
            })
            .collect();
        if !errors.is_empty() {
            return Err(ValidationError::new(errors));
        }
    }
    let as_of = options
        .as_of
        .or(document_as_of)
        .or_else(latest)
        .ok_or_else(|| {
            ValidationError::single(
                "as_of",
                ErrorCode::Missing,
                "as_of is missing; give a report date (the cohort has no dates)",
            )
        })?;
    let mut options = options.clone();
    options.as_of = Some(as_of);
    options.offered = offered;
    Ok((as_of, options))
}

/// The report from its facts, with the outreach tables when there is outreach.
pub(super) fn finish_report(
    project: &str,
    outreach: &Outreach,
    subjects: &[Subject],
    as_of: Date,
    options: &ReportOptions,
) -> Report {
    let mut report = report::compute(project, subjects, as_of, options);
    if !outreach.is_empty() {
        let outreach_options = OutreachOptions::from_report_options(options);
        report.outreach = Some(report::outreach::compute(outreach, &outreach_options));
    }
    report
}

/// Compares projects (seed 001 Table 1): each cohort's report under the same options, one
/// column each, suppression applied as in the report.
///
/// ```
/// use overgang::cohort::{compare, Cohort};
/// let sample = Cohort::sample();
/// let c = compare(&[sample.clone(), sample], &Default::default())?;
/// assert_eq!(c.projects.len(), 2);
/// assert_eq!(c.projects[0].participants, 80);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `missing` on `projects` for none, `too_large` over
/// [`report::compare::MAX_COMPARE_PROJECTS`] (with the limit as context), and every report
/// error prefixed with `projects[i].`.
pub fn compare(
    cohorts: &[Cohort],
    options: &ReportOptions,
) -> Result<report::Comparison, ValidationError> {
    use report::compare::MAX_COMPARE_PROJECTS;
    if cohorts.is_empty() {
        return Err(ValidationError::single(
            "projects",
            ErrorCode::Missing,
            "projects: give at least one cohort to compare",
        ));
    }
    if cohorts.len() > MAX_COMPARE_PROJECTS {
        return Err(ValidationError::new(vec![FieldError::new(
            "projects",
            ErrorCode::TooLarge,
            format!("projects: more than {MAX_COMPARE_PROJECTS} projects"),
        )
        .with_max_length(MAX_COMPARE_PROJECTS as u64)]));
    }
    let mut errors = Vec::new();
    let mut reports = Vec::with_capacity(cohorts.len());
    for (i, c) in cohorts.iter().enumerate() {
        match c.report(options) {
            Ok(r) => reports.push(r),
            Err(e) => errors.extend(e.prefixed(&format!("projects[{i}].")).into_errors()),
        }
    }
    ValidationError::check(errors, || report::compare_reports(&reports))
}

/// How far a read has come ([`Cohort::from_reader_with_progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadProgress {
    /// Bytes read.
    pub bytes: u64,
    /// Participants read.
    pub participants: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{render_comparison, Format, RenderOptions};
    use crate::Language;

    #[test]
    fn a_key_twice_in_a_participant_is_refused_at_that_participant() {
        let text = r#"{"project": "P", "participants": [{"id": "A-1", "start": "2024-01-15"},
            {"id": "A-2", "start": "2024-01-15", "Anna": 1, "Anna": 2}]}"#;
        for err in [
            Cohort::from_json(text).unwrap_err(),
            Cohort::from_reader(text.as_bytes()).unwrap_err(),
        ] {
            let e = &err.errors()[0];
            assert_eq!(
                (e.field.as_str(), e.code),
                ("participants[1]", ErrorCode::Duplicate)
            );
            assert!(!e.message.contains("Anna"));
        }
    }

    #[test]
    fn compare_without_projects_and_with_errors_prefixed() {
        let err = compare(&[], &ReportOptions::default()).unwrap_err();
        assert_eq!(err.errors()[0].code, ErrorCode::Missing);
        let bad = ReportOptions {
            intervention_bins: crate::report::InterventionBins::Top(0),
            ..Default::default()
        };
        let err = compare(&[Cohort::sample()], &bad).unwrap_err();
        assert_eq!(err.errors()[0].field, "projects[0].intervention_bins");
    }

    #[test]
    fn compare_renders_every_format_and_csv_quotes_names() {
        let mut s = Cohort::sample();
        s.project = "A, \"B\"".into();
        let c = compare(&[s], &ReportOptions::default()).unwrap();
        for f in [Format::Md, Format::Json, Format::Html, Format::Csv] {
            assert!(!render_comparison(&c, &RenderOptions::new(f, Language::Da)).is_empty());
        }
        let csv = render_comparison(&c, &RenderOptions::new(Format::Csv, Language::En));
        assert!(csv
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("\"A, \"\"B\"\"\",80,"));
    }
}
