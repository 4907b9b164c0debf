//! `laurel issue`: one credential per learner, from a CSV or JSON file.
//!
//! Each row becomes an `award` syntax tree whose values point into the learner file, and
//! is checked together with the project by the same checker as an `award` written in
//! source: the same rules, the same codes, shown on the row and cell they come from.
//! Rows are read, checked and handed on to be written a chunk at a time
//! ([`CHUNK_ROWS`]), so memory does not grow with the file beyond its text, the learner
//! keys and the manifest. The good rows are lowered and written on every core, each file
//! atomically, with a manifest of what was written.

mod table;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::build;
use crate::check::{closest, one_of, Award, CredentialId, Model, MAX_KEY_BYTES};
use crate::diag::{codes, Diagnostic, Diagnostics, Severity};
use crate::elm;
use crate::output::Output;
use crate::project::{Compilation, Project};
use crate::render::PageImages;
use crate::source::{strip_bom, FileId, Span, BOM};
use crate::syntax::ast::{Block, Field, Ident, Item, ItemKind, ParsedFile, Text, Value, ValueKind};
use crate::syntax::schema::{words, BlockKind, Shape};
use crate::syntax::{date, parse_value};
use crate::vocab;

pub use table::{Cell, Format, Header, Row, Table};

/// Every column of learner data, in the documented order (what `laurel import` writes).
pub fn column_names() -> Vec<&'static str> {
    Column::names()
}

/// A column of learner data: which field it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// A field of the `learner` block (`given-name`, `national-id` ...).
    Learner(&'static str),
    /// A field of the award (`date`, `grade`, `key`).
    Award(&'static str),
    /// The country of a `"text" country CODE` learner field: `country` for the
    /// `national-id`, `<field>-country` for any other (`place-of-birth-country`).
    CountryOf(&'static str),
    /// `period-start`, `period-end`: the two ends of `period`.
    PeriodStart,
    /// See [`Column::PeriodStart`].
    PeriodEnd,
}

impl Column {
    /// Every column name, in the documented order.
    fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for f in BlockKind::Learner.fields() {
            names.push(f.key);
            if f.shape == Shape::TextInCountry {
                names.push(country_column(f.key));
            }
        }
        for f in BlockKind::Award.fields() {
            match f.shape {
                Shape::Block => {}
                Shape::Period => names.extend(["period-start", "period-end"]),
                _ => names.push(f.key),
            }
        }
        names
    }

    fn of(name: &str) -> Option<Column> {
        if let Some((key, ..)) = COUNTRY_COLUMNS
            .iter()
            .find(|(_, column, _)| *column == name)
        {
            return Some(Column::CountryOf(key));
        }
        match name {
            "period-start" => return Some(Column::PeriodStart),
            "period-end" => return Some(Column::PeriodEnd),
            _ => {}
        }
        if let Some(f) = BlockKind::Learner.field(name) {
            return Some(Column::Learner(f.key));
        }
        BlockKind::Award
            .field(name)
            .filter(|f| !matches!(f.shape, Shape::Block | Shape::Period))
            .map(|f| Column::Award(f.key))
    }
}

/// The award items of `rows` (each row's problem, or the problems of its values, go to
/// `diagnostics`).
fn award_items(
    credential: &str,
    table: &Table,
    columns: &[Option<Column>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let mut items = Vec::new();
    for row in &table.rows {
        if let Some(problem) = &row.problem {
            diagnostics.push(problem.clone());
            continue;
        }
        items.push(award_item(
            credential,
            &table.header,
            columns,
            row,
            diagnostics,
        ));
    }
    items
}

/// The column of each header (normalised: `Given name` and `given_name` are
/// `given-name`); unknown and repeated columns are reported and ignored.
fn columns(header: &[Header], diagnostics: &mut Vec<Diagnostic>) -> Vec<Option<Column>> {
    let mut seen: HashMap<String, Span> = HashMap::new();
    header
        .iter()
        .map(|h| {
            let name = vocab::kebab(&h.name);
            let Some(column) = Column::of(&name) else {
                let names = Column::names();
                let suggestions = match alias(&name) {
                    Some(meant) => vec![meant],
                    None => closest(&name, names.iter().copied()),
                };
                let help = if suggestions.is_empty() {
                    format!("the columns are {}", one_of(&names))
                } else {
                    format!("did you mean {}?", one_of(&suggestions))
                };
                diagnostics.push(
                    Diagnostic::new(
                        &codes::UNKNOWN_COLUMN,
                        h.span,
                        format!("`{}` is not a column of learner data", h.name),
                    )
                    .with_label("unknown column")
                    .with_help(help),
                );
                return None;
            };
            if let Some(first) = seen.get(&name) {
                diagnostics.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_COLUMN,
                        h.span,
                        format!("the column `{name}` appears twice"),
                    )
                    .with_label("repeated column")
                    .with_related(*first, "first here")
                    .with_help("remove or rename one of the two columns"),
                );
                return None;
            }
            seen.insert(name, h.span);
            Some(column)
        })
        .collect()
}

/// The column usually meant by a common name from student records systems.
fn alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "first-name" | "firstname" | "forename" | "prenom" | "vorname" => "given-name",
        "last-name" | "lastname" | "surname" | "nom" | "nachname" => "family-name",
        "name" => "full-name",
        "date-of-birth" | "dob" | "birthday" | "geburtsdatum" => "birth-date",
        "e-mail" | "mail" | "email-address" => "email",
        "student-number" | "matriculation-number" | "matrikelnummer" | "id" => "student-id",
        "issue-date" | "date-of-issue" | "issued" | "award-date" => "date",
        "start" | "start-date" => "period-start",
        "end" | "end-date" => "period-end",
        _ => return None,
    })
}

/// A value as the field's shape reads it: texts as texts, everything else as the
/// Laurel value it spells (`2025-06-30` a date), else as a text for the checker to reject.
/// A date column's cell that is no date gets the date reader's message (with the
/// year-month-day form of `15.03.1990`), in cell values rather than Laurel lines.
fn value_of(cell: &Cell, shape: Shape, diagnostics: &mut Vec<Diagnostic>) -> Value {
    if let Some(hidden) = cell.text.chars().find(|&c| is_hidden(c)) {
        diagnostics.push(
            Diagnostic::new(
                &codes::HIDDEN_CHARACTER,
                cell.span,
                format!(
                    "this value holds {}, which is not shown but changes what a reader sees",
                    describe_hidden(hidden)
                ),
            )
            .with_label("hidden character in here")
            .with_help("remove it where the value comes from and export the file again"),
        );
        return Value {
            kind: ValueKind::Invalid(cell.text.clone()),
            span: cell.span,
        };
    }
    let text = || Value {
        kind: ValueKind::Text(Text {
            value: cell.text.clone(),
            lang: None,
        }),
        span: cell.span,
    };
    if matches!(shape, Shape::Text | Shape::PlainText | Shape::TextInCountry) {
        return text();
    }
    let value = parse_value(
        cell.span.file,
        cell.span.start as usize,
        &cell.text,
        diagnostics,
    );
    let read = |v: &Option<Value>| {
        let kind = v.as_ref().map(|v| &v.kind);
        match (shape, kind) {
            (_, Some(ValueKind::Invalid(_))) => Ok(()),
            (Shape::Date, Some(ValueKind::Date(_))) => Ok(()),
            (Shape::Date, _) => date::read_date(&cell.text).map(|_| ()),
            // each end of a period may carry a time, as in source
            (
                Shape::DateOrDateTime | Shape::Period,
                Some(ValueKind::Date(_) | ValueKind::DateTime(_)),
            ) => Ok(()),
            (Shape::DateOrDateTime | Shape::Period, _) => {
                date::read_instant(&cell.text).map(|_| ())
            }
            _ => Ok(()),
        }
    };
    match read(&value) {
        Ok(()) => value.unwrap_or_else(text),
        Err(e) => {
            diagnostics.push(e.diagnostic(cell.span));
            Value {
                kind: ValueKind::Invalid(cell.text.clone()),
                span: cell.span,
            }
        }
    }
}

/// A control character, or one that overrides or isolates the direction of the text
/// around it.
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A hidden character in words: "a line break", "U+202E (a direction override)".
fn describe_hidden(c: char) -> String {
    match c {
        '\n' | '\r' => "a line break".to_string(),
        '\t' => "a tab".to_string(),
        '\u{202A}'..='\u{202E}' => format!("U+{:04X} (a direction override)", c as u32),
        '\u{2066}'..='\u{2069}' => format!("U+{:04X} (a direction isolate)", c as u32),
        _ => format!("U+{:04X} (a control character)", c as u32),
    }
}

fn word(text: &str, span: Span) -> Value {
    Value {
        kind: ValueKind::Word(text.to_string()),
        span,
    }
}

fn field(key: &str, key_span: Span, values: Vec<Value>, span: Span) -> Field {
    Field {
        key: Ident {
            text: key.to_string(),
            span: key_span,
        },
        values,
        block: None,
        span,
    }
}

/// For each `"text" country CODE` learner field: the column of its country, and what
/// that country is (a unit test checks every such field has a row).
const COUNTRY_COLUMNS: &[(&str, &str, &str)] = &[
    (
        "national-id",
        "country",
        "the country that issued the national identifier",
    ),
    (
        "place-of-birth",
        "place-of-birth-country",
        "the country of the place of birth",
    ),
    ("address", "address-country", "the country of the address"),
];

/// The row of [`COUNTRY_COLUMNS`] for the learner field `key`.
fn country_row(key: &str) -> (&'static str, &'static str, &'static str) {
    COUNTRY_COLUMNS
        .iter()
        .find(|(field, ..)| *field == key)
        .copied()
        .unwrap_or(("", "country", "the country"))
}

/// The column that holds the country of the learner field `key`.
fn country_column(key: &str) -> &'static str {
    country_row(key).1
}

/// One row as `award CREDENTIAL { learner { ... } date ... grade ... period ... key ... }`.
fn award_item(
    credential: &str,
    header: &[Header],
    columns: &[Option<Column>],
    row: &Row,
    diagnostics: &mut Vec<Diagnostic>,
) -> Item {
    let cell_of = |wanted: Column| {
        columns
            .iter()
            .position(|c| *c == Some(wanted))
            .and_then(|i| Some((row.cells.get(i)?.as_ref()?, header.get(i)?.span)))
    };
    let mut learner = Vec::new();
    let mut award = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        let (Some(column), Some(Some(cell))) = (column, row.cells.get(i)) else {
            continue;
        };
        let key_span = header[i].span;
        match *column {
            Column::Learner(key) => {
                let shape = BlockKind::Learner
                    .field(key)
                    .map_or(Shape::Text, |f| f.shape);
                let mut values = vec![value_of(cell, shape, diagnostics)];
                if shape == Shape::TextInCountry {
                    if let Some((country, country_header)) = cell_of(Column::CountryOf(key)) {
                        values.push(word("country", country_header));
                        values.push(word(&country.text, country.span));
                    }
                }
                learner.push(field(key, key_span, values, cell.span));
            }
            Column::Award(key) => {
                let shape = BlockKind::Award.field(key).map_or(Shape::Text, |f| f.shape);
                let values = vec![value_of(cell, shape, diagnostics)];
                award.push(field(key, key_span, values, cell.span));
            }
            Column::CountryOf(key) => {
                if cell_of(Column::Learner(key)).is_none() {
                    let (_, column, what) = country_row(key);
                    diagnostics.push(incomplete(
                        cell.span,
                        &format!("`{column}` without `{key}`"),
                        &format!("{what} goes with a `{key}`"),
                    ));
                }
            }
            Column::PeriodStart => match cell_of(Column::PeriodEnd) {
                Some((end, _)) => {
                    let values = vec![
                        value_of(cell, Shape::Period, diagnostics),
                        word(words::TO, key_span),
                        value_of(end, Shape::Period, diagnostics),
                    ];
                    award.push(field("period", key_span, values, cell.span.to(end.span)));
                }
                None => diagnostics.push(incomplete(
                    cell.span,
                    "`period-start` without `period-end`",
                    "the participation period needs both ends",
                )),
            },
            Column::PeriodEnd => {
                if cell_of(Column::PeriodStart).is_none() {
                    diagnostics.push(incomplete(
                        cell.span,
                        "`period-end` without `period-start`",
                        "the participation period needs both ends",
                    ));
                }
            }
        }
    }
    let block = |fields: Vec<Field>| Block {
        fields,
        unreadable: Vec::new(),
        span: row.span,
    };
    if !learner.is_empty() {
        let mut learner_field = field("learner", row.span, Vec::new(), row.span);
        learner_field.block = Some(block(learner));
        award.insert(0, learner_field);
    }
    Item {
        kind: ItemKind::Award,
        name: Ident {
            text: credential.to_string(),
            span: row.span,
        },
        from: None,
        title: None,
        body: Some(block(award)),
        doc: None,
        span: row.span,
        broken: false,
    }
}

fn incomplete(span: Span, what: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::INCOMPLETE_COLUMNS,
        span,
        format!("{what} in this row"),
    )
    .with_label("the other value is missing")
    .with_help(format!("{why}: fill in both, or leave both empty"))
}

/// Says which row and column a diagnostic on the learner file is about, and gives the
/// fix in terms of columns where the source wording would talk about blocks.
fn locate(table: &Table, mut d: Diagnostic) -> Diagnostic {
    let Some(row) = table.row_at(d.span) else {
        return d;
    };
    let within = |cell: &Cell| cell.span.start <= d.span.start && d.span.end <= cell.span.end;
    let column = row
        .cells
        .iter()
        .zip(&table.header)
        .find(|(cell, _)| cell.as_ref().is_some_and(within))
        .map(|(_, h)| h.name.as_str());
    let place = match column {
        Some(name) => format!("row {}, column `{name}`", row.number),
        None => format!("row {}", row.number),
    };
    d.message = format!("{place}: {}", d.message);
    let help = match d.code.id {
        "L0101" => {
            Some("fill in `given-name` and `family-name` (or `full-name`), and `student-id`")
        }
        "L0105" => Some("add a `date` column with the date of issuing (YYYY-MM-DD)"),
        "L0203" => Some("check the `birth-date`, `period-start`, `period-end` and `date` columns"),
        _ => None,
    };
    if let Some(help) = help {
        d.help = Some(help.into());
    }
    d
}

/// Rows checked at a time by [`check`]: what `laurel issue` holds in memory grows with
/// it, not with the learner file.
pub const CHUNK_ROWS: usize = 4096;

/// A row with errors: its number and its line of `rejected.jsonl`.
#[derive(Debug, Clone)]
struct Rejected {
    number: usize,
    line: String,
}

/// Learner data checked together with its project.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The learner file in the project's sources.
    pub file: FileId,
    /// How many data rows the file has.
    pub rows: usize,
    /// The project checked (with the first rows' awards); its diagnostics are those of
    /// the project and of every row, which say which row and column.
    pub compilation: Compilation,
    /// The micro-credential awarded, if the project has one of that name.
    pub credential: Option<CredentialId>,
    rejected: Vec<Rejected>,
    blocking: usize,
}

/// The good rows of a few rows of the learner file, checked: what [`check_in_chunks`]
/// hands on to be written.
pub struct Chunk<'a> {
    /// The project with these rows' awards.
    pub model: &'a Model,
    /// The awards of the rows without errors, in row order.
    pub awards: Vec<&'a Award>,
    /// How many data rows the file has.
    pub rows: usize,
    /// How many rows so far (in this chunk and before) have errors.
    pub rejected: usize,
}

/// Reads learner data (`bytes` of the file at `path`) as awards of `credential` and
/// checks them with the project. The file joins the project's sources, so diagnostics
/// render with its lines.
pub fn check(project: &mut Project, path: &Path, bytes: Vec<u8>, credential: &str) -> Checked {
    let checked = check_in_chunks(project, path, bytes, credential, CHUNK_ROWS, |_| {
        Ok::<(), std::convert::Infallible>(())
    });
    match checked {
        Ok(checked) => checked,
        Err(never) => match never {},
    }
}

/// [`check`], `chunk_rows` rows at a time: each chunk's awards are checked with the
/// project, its good rows handed to `each` (unless the project, the file or its header
/// has errors, or the credential does not exist), and only what later rows need is kept
/// (the learner keys, for awards to the same learner; the diagnostics). The diagnostics
/// are the same whatever the chunk size.
pub fn check_in_chunks<E>(
    project: &mut Project,
    path: &Path,
    bytes: Vec<u8>,
    credential: &str,
    chunk_rows: usize,
    mut each: impl FnMut(Chunk<'_>) -> Result<(), E>,
) -> Result<Checked, E> {
    let (text, not_utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let bom = if strip_bom(&text).1 { BOM.len() } else { 0 };
    let file = project.overlay(path, text);
    let project: &Project = project;
    // The sources' copy, without byte order mark: spans are offsets into it.
    let source = project.sources.get(file);
    let mut found: Vec<Diagnostic> = Vec::new();
    let rows = match not_utf8.map(|at| at.saturating_sub(bom)) {
        Some(at) => {
            found.push(
                Diagnostic::new(
                    &codes::BAD_LEARNER_FILE,
                    Span::new(file, at, at),
                    "the learner data is not UTF-8 text",
                )
                .with_label("this byte is not UTF-8")
                .with_help("save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"),
            );
            None
        }
        None => match table::read(file, &source.text, Format::of(path)) {
            Ok(rows) => Some(rows),
            Err(d) => {
                found.push(d);
                None
            }
        },
    };
    let header = rows.as_ref().map(|r| r.header.clone()).unwrap_or_default();
    let total = rows.as_ref().map_or(0, |r| r.len);
    let columns = columns(&header, &mut found);
    let mut pending = found;
    let mut rows = rows.into_iter().flatten();
    let mut first: Option<Compilation> = None;
    let mut diagnostics = Diagnostics::default();
    let mut rejected: Vec<Rejected> = Vec::new();
    let mut blocking = 0;
    // The first award to each learner key: its place.
    let mut keys: HashMap<FoldedKey, Span> = HashMap::new();
    let parsed = project.parse();
    loop {
        let table = Table {
            header: header.clone(),
            rows: rows.by_ref().take(chunk_rows.max(1)).collect(),
        };
        if table.rows.is_empty() && first.is_some() {
            break;
        }
        // Problems of the file and its header go with the first chunk, except those in a
        // row (a JSON key first written in a later object), which go with their row's.
        let first_row = table.rows.first().map(|r| r.span.start);
        let (mut found, later): (Vec<Diagnostic>, Vec<Diagnostic>) =
            std::mem::take(&mut pending).into_iter().partition(|d| {
                table.row_at(d.span).is_some()
                    || (first.is_none()
                        && first_row
                            .is_none_or(|start| d.span.file != file || d.span.start < start))
            });
        pending = later;
        let items = award_items(credential, &table, &columns, &mut found);
        let mut compilation =
            project.compile_parsed(&parsed, Some(ParsedFile { file, items }), found.clone());
        let id = compilation
            .model
            .credentials
            .iter()
            .position(|c| c.name == credential);
        // An award to a learner of an earlier chunk: check again with that first award
        // in front, for the checker to report the second.
        let mut earlier: Vec<(Span, &str)> = Vec::new();
        for award in chunk_awards(&compilation.model, id, &table) {
            let key = FoldedKey(award.key().into());
            if let Some((first, span)) = keys.get_key_value(&key) {
                if !earlier.iter().any(|(s, _)| s == span) {
                    earlier.push((*span, &first.0));
                }
            }
        }
        let earlier: Vec<Span> = if earlier.is_empty() {
            Vec::new()
        } else {
            let mut items: Vec<Item> = earlier
                .iter()
                .map(|(span, key)| first_award(credential, *span, key))
                .collect();
            let ours = compilation.files.pop().filter(|f| f.file == file);
            items.extend(ours.into_iter().flat_map(|f| f.items));
            compilation = project.compile_parsed(&parsed, Some(ParsedFile { file, items }), found);
            earlier.into_iter().map(|(span, _)| span).collect()
        };
        for award in chunk_awards(&compilation.model, id, &table) {
            let key = award.key();
            if key.len() <= MAX_KEY_BYTES {
                keys.entry(FoldedKey(key.into())).or_insert(award.span);
            }
        }
        let ours = |d: &Diagnostic| {
            first.is_none()
                || (d.span.file == file
                    && !earlier
                        .iter()
                        .any(|e| e.start <= d.span.start && d.span.end <= e.end))
        };
        let chunk_diagnostics: Vec<Diagnostic> = std::mem::take(&mut compilation.diagnostics)
            .into_iter()
            .filter(ours)
            .map(|d| locate(&table, d))
            .collect();
        // `rejected.jsonl`: each rejected row with its errors, in row order.
        let mut by_row: BTreeMap<usize, (usize, Vec<serde_json::Value>)> = BTreeMap::new();
        for d in chunk_diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let Some(row) = table.row_at(d.span) else {
                blocking += 1;
                continue;
            };
            let line = || source.line_of(row.span.start as usize) + 1;
            by_row
                .entry(row.number)
                .or_insert_with(|| (line(), Vec::new()))
                .1
                .push(serde_json::json!({
                    "code": d.code.id,
                    "message": d.message,
                    "help": d.help,
                }));
        }
        let rejected_before = rejected.len();
        rejected.extend(by_row.into_iter().map(|(number, (line, errors))| {
            let line = serde_json::json!({ "row": number, "line": line, "errors": errors });
            Rejected {
                number,
                line: line.to_string(),
            }
        }));
        if blocking == 0 && id.is_some() {
            let bad = &rejected[rejected_before..];
            let awards = chunk_awards(&compilation.model, id, &table)
                .filter(|a| {
                    table
                        .row_at(a.span)
                        .is_some_and(|r| bad.binary_search_by_key(&r.number, |b| b.number).is_err())
                })
                .collect();
            each(Chunk {
                model: &compilation.model,
                awards,
                rows: total,
                rejected: rejected.len(),
            })?;
        }
        diagnostics.extend(chunk_diagnostics);
        if first.is_none() {
            first = Some(compilation);
        }
    }
    // Every problem of the file lies before its first row or in a row, so none is left
    // here; should one be, it still counts.
    blocking += pending
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    diagnostics.extend(pending);
    let mut compilation = first.unwrap_or_else(|| project.compile());
    compilation.diagnostics = diagnostics.sorted();
    let credential = compilation
        .model
        .credentials
        .iter()
        .position(|c| c.name == credential);
    Ok(Checked {
        file,
        rows: total,
        compilation,
        credential,
        rejected,
        blocking,
    })
}

/// A learner key, the same as another that differs only in case (as file names are on
/// Windows and macOS).
struct FoldedKey(Box<str>);

impl PartialEq for FoldedKey {
    fn eq(&self, other: &FoldedKey) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for FoldedKey {}

impl std::hash::Hash for FoldedKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
    }
}

/// The awards of `credential` from the rows of `table`, in row order.
fn chunk_awards<'m>(
    model: &'m Model,
    credential: Option<CredentialId>,
    table: &'m Table,
) -> impl Iterator<Item = &'m Award> + 'm {
    model
        .awards
        .iter()
        .filter(move |a| Some(a.credential) == credential && table.row_at(a.span).is_some())
}

/// An award of `credential` at `span` to the learner `key`, standing for the first award
/// to that learner when a later chunk is checked.
fn first_award(credential: &str, span: Span, key: &str) -> Item {
    let value = Value {
        kind: ValueKind::Text(Text {
            value: key.to_string(),
            lang: None,
        }),
        span,
    };
    Item {
        kind: ItemKind::Award,
        name: Ident {
            text: credential.to_string(),
            span,
        },
        from: None,
        title: None,
        body: Some(Block {
            fields: vec![field("key", span, vec![value], span)],
            unreadable: Vec::new(),
            span,
        }),
        doc: None,
        span,
        broken: false,
    }
}

impl Checked {
    /// The numbers of the rows with an error, sorted.
    pub fn rejected_rows(&self) -> Vec<usize> {
        self.rejected.iter().map(|r| r.number).collect()
    }

    /// `rejected.jsonl`: one line per rejected row with its errors, in row order.
    pub fn rejected_report(&self) -> String {
        let mut out = String::new();
        for r in &self.rejected {
            out.push_str(&r.line);
            out.push('\n');
        }
        out
    }

    /// Errors that no row owns (in the project's sources, the learner file's header or
    /// the file as a whole): with any of them nothing can be issued.
    pub fn blocking_errors(&self) -> usize {
        self.blocking
    }
}

/// One line of `manifest.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The learner's key.
    pub key: String,
    /// The file, relative to the credential's folder.
    pub file: PathBuf,
    /// The credential id (`urn:credential:...`).
    pub id: String,
    /// SHA-256 of the file's bytes, in hex.
    pub sha256: String,
}

impl Issued {
    /// As a JSON line (no line break).
    pub fn to_json_line(&self) -> String {
        serde_json::json!({
            "key": self.key,
            "file": self.file.to_string_lossy().replace('\\', "/"),
            "id": self.id,
            "sha256": self.sha256,
        })
        .to_string()
    }
}

/// Options of [`Writer`].
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// How each credential is written (`--issued`, page images, `--seal`).
    pub build: build::Options,
    /// Worker threads; `None` for every core.
    pub jobs: Option<usize>,
}

/// The scope of `laurel issue` for `credential` in the output folder's manifest: a run
/// replaces what the previous run for the same micro-credential wrote.
pub fn issue_scope(credential: &str) -> String {
    format!("issue:{credential}")
}

/// Writes credentials of one micro-credential into an [`Output`], a chunk of awards at a
/// time, below `<credential>/`: `awards/<key>.jsonld` each, the specification, and
/// `manifest.jsonl` (in the order written). Nothing is visible before the output is
/// committed.
pub struct Writer {
    out: Output,
    options: WriteOptions,
    /// The credential's name and page images, once the first award is written.
    started: Option<(String, Option<PageImages>)>,
    /// The manifest's lines so far, in a temporary file rather than in memory.
    manifest: BufWriter<File>,
    issued: usize,
}

impl Writer {
    /// A writer into `out`.
    pub fn new(out: Output, options: WriteOptions) -> std::io::Result<Writer> {
        Ok(Writer {
            out,
            options,
            started: None,
            manifest: BufWriter::new(tempfile::tempfile()?),
            issued: 0,
        })
    }

    /// Writes the credentials of `awards` (awards of `model`, all of the writer's
    /// micro-credential) on every core; `progress` is called once per credential
    /// written, from any thread.
    pub fn write(
        &mut self,
        model: &Model,
        awards: &[&Award],
        progress: &(dyn Fn() + Sync),
    ) -> std::io::Result<()> {
        let Some(first) = awards.first() else {
            return Ok(());
        };
        if self.started.is_none() {
            let credential = &model.credentials[first.credential].name;
            let spec = elm::specification(model, first.credential);
            self.options.build.check_output(&spec)?;
            self.out.write(
                &build::specification_path(credential),
                build::to_text(&spec).as_bytes(),
            )?;
            let images = self.options.build.page_images(model, [first.credential])?;
            self.started = Some((credential.clone(), images));
        }
        let Some((credential, images)) = &self.started else {
            return Ok(());
        };
        let (out, options) = (&self.out, &self.options);
        let threads = options.jobs.unwrap_or_else(build::available_cores);
        let issued: Vec<std::io::Result<Issued>> = build::par_map(awards, threads, |award| {
            let doc =
                build::credential_document(model, award, &options.build.elm, images.as_ref())?;
            options.build.check_output(&doc)?;
            let id = doc["id"].as_str().unwrap_or_default().to_string();
            let text = build::credential_text(doc, &options.build)?;
            let relative = build::credential_path(credential, award);
            out.write(&relative, text.as_bytes())?;
            progress();
            Ok(Issued {
                key: award.key(),
                file: relative
                    .strip_prefix(credential)
                    .unwrap_or(&relative)
                    .to_path_buf(),
                id,
                sha256: hex(&Sha256::digest(text.as_bytes())),
            })
        });
        for line in issued {
            writeln!(self.manifest, "{}", line?.to_json_line())?;
            self.issued += 1;
        }
        Ok(())
    }

    /// Writes the manifest; gives back the output, to commit, and how many credentials
    /// were written.
    pub fn finish(self) -> std::io::Result<(Output, usize)> {
        if let Some((credential, _)) = &self.started {
            let mut file = self.manifest.into_inner().map_err(|e| e.into_error())?;
            file.seek(SeekFrom::Start(0))?;
            let mut lines = Vec::new();
            file.read_to_end(&mut lines)?;
            self.out
                .write(&Path::new(credential).join("manifest.jsonl"), &lines)?;
        }
        Ok((self.out, self.issued))
    }
}

/// Bytes as lower-case hex (digests in manifests and messages).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_with_a_country_has_a_country_column() {
        for f in BlockKind::Learner.fields() {
            if f.shape == Shape::TextInCountry {
                assert!(
                    COUNTRY_COLUMNS.iter().any(|(key, ..)| *key == f.key),
                    "{}",
                    f.key
                );
                assert_eq!(
                    Column::of(country_column(f.key)),
                    Some(Column::CountryOf(f.key))
                );
            }
        }
    }
}
