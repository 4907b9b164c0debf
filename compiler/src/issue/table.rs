//! Learner data as a table: CSV (comma, semicolon or tab separated, RFC 4180 quoting, an
//! optional UTF-8 byte order mark) or JSON (an array of flat objects). Every header and
//! cell keeps its place in the file, so that a problem can be shown where it is.

use crate::diag::{codes, Diagnostic};
use crate::source::{strip_bom, FileId, Span};

/// A table read from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The column names, as written, in order.
    pub header: Vec<Header>,
    /// The data rows, in order.
    pub rows: Vec<Row>,
}

/// A column name and where it is written (for JSON, its first occurrence).
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The name.
    pub name: String,
    /// Where.
    pub span: Span,
}

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based number of the row among the data rows (the header is not counted).
    pub number: usize,
    /// The whole row (a CSV record, a JSON object).
    pub span: Span,
    /// Its cells, by column index; `None` where the row has no value for the column.
    pub cells: Vec<Option<Cell>>,
    /// A problem with the row's shape (more cells than columns, a value that is not a
    /// text or a number), already as a diagnostic: the row cannot be used.
    pub problem: Option<Diagnostic>,
}

impl Table {
    /// The row that `span` lies within. Rows are in file order, so this is a binary
    /// search: diagnostics of 10,000 rows are placed without scanning them all.
    pub fn row_at(&self, span: Span) -> Option<&Row> {
        let after = self.rows.partition_point(|r| r.span.start <= span.start);
        let row = self.rows.get(after.checked_sub(1)?)?;
        row.holds(span).then_some(row)
    }
}

impl Row {
    /// True when `span` lies within this row.
    pub fn holds(&self, span: Span) -> bool {
        span.file == self.span.file && self.span.start <= span.start && span.end <= self.span.end
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The value, unquoted and unescaped.
    pub text: String,
    /// Where its text is (inside the quotes for a quoted value).
    pub span: Span,
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-, semicolon- or tab-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

impl Format {
    /// `.json` files are JSON; everything else is read as CSV.
    pub fn of(path: &std::path::Path) -> Format {
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

/// The rows of a file, read one at a time: the whole file is read once first, so that a
/// problem anywhere in it (L0501) is found before any row is used, and the header is
/// complete (JSON objects may bring new keys up to the last one).
pub struct Rows<'t> {
    /// The column names, as written, in order.
    pub header: Vec<Header>,
    /// How many data rows there are.
    pub len: usize,
    source: Source<'t>,
    number: usize,
}

enum Source<'t> {
    Csv(CsvReader<'t>),
    Json(JsonScanner<'t>, bool),
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let number = self.number + 1;
        let row = match &mut self.source {
            Source::Csv(reader) => csv_row(reader, &self.header, number)?.ok()?,
            Source::Json(scanner, done) => {
                if *done {
                    return None;
                }
                let row = scanner.next_object(&mut self.header, number);
                *done = row.is_none() || !scanner.eat(',');
                row?
            }
        };
        self.number = number;
        Some(row)
    }
}

/// Reads a table. A file that cannot be read as a whole gives one diagnostic (L0501).
pub fn read(file: FileId, text: &str, format: Format) -> Result<Rows<'_>, Diagnostic> {
    let mut rows = match format {
        Format::Csv => csv(file, text)?,
        Format::Json => json(file, text)?,
    };
    let start = rows.fresh();
    let mut len = 0;
    match &mut rows.source {
        Source::Csv(reader) => {
            while let Some(row) = csv_row(reader, &rows.header, len + 1) {
                row?;
                len += 1;
            }
        }
        Source::Json(scanner, _) => {
            let mut header = std::mem::take(&mut rows.header);
            let read = scanner.read_all(&mut header, &mut len);
            rows.header = header;
            read.ok_or_else(|| {
                let at = scanner.pos.min(text.len());
                unreadable(
                    Span::new(file, at, at),
                    "the learner data is not an array of objects",
                    JSON_HELP,
                )
            })?;
        }
    }
    rows.len = len;
    rows.source = start;
    Ok(rows)
}

impl<'t> Rows<'t> {
    /// The same source, at the first row.
    fn fresh(&self) -> Source<'t> {
        match &self.source {
            Source::Csv(reader) => Source::Csv(*reader),
            Source::Json(scanner, done) => Source::Json(*scanner, *done),
        }
    }
}

fn unreadable(span: Span, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(&codes::BAD_LEARNER_FILE, span, message).with_help(help)
}

// ---- CSV -------------------------------------------------------------------------

/// The separator of a CSV file: the most frequent of `,`, `;` and tab in its first line
/// (outside quotes); a comma when there is none.
fn separator(first_line: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first_line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(s, _)| *s == c) {
                entry.1 += 1;
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(s, n)| (*n, *s == ','))
        .map_or(',', |(s, _)| *s)
}

/// A CSV reader over a file's text, keeping byte offsets.
#[derive(Clone, Copy)]
struct CsvReader<'t> {
    file: FileId,
    text: &'t str,
    pos: usize,
    separator: char,
}

/// One record: its cells and its place.
struct Record {
    cells: Vec<Cell>,
    span: Span,
}

impl<'t> CsvReader<'t> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// Skips a line break (`\n` or `\r\n`); true when there was one.
    fn line_break(&mut self) -> bool {
        let rest = &self.text[self.pos..];
        if rest.starts_with("\r\n") {
            self.pos += 2;
            true
        } else if rest.starts_with('\n') || rest.starts_with('\r') {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// The next record, or `None` at the end of the text. Blank lines are skipped.
    fn record(&mut self) -> Option<Result<Record, Diagnostic>> {
        while !self.at_end() && self.line_break() {}
        if self.at_end() {
            return None;
        }
        let start = self.pos;
        let mut cells = Vec::new();
        loop {
            match self.cell() {
                Ok(cell) => cells.push(cell),
                Err(d) => return Some(Err(d)),
            }
            if self.peek() == Some(self.separator) {
                self.pos += self.separator.len_utf8();
                continue;
            }
            let end = self.pos;
            self.line_break();
            return Some(Ok(Record {
                cells,
                span: self.span(start, end),
            }));
        }
    }

    /// One cell, quoted or not, up to (not including) the separator or line break.
    fn cell(&mut self) -> Result<Cell, Diagnostic> {
        let rest = &self.text[self.pos..];
        let leading = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[leading..].starts_with('"') {
            self.pos += leading;
            return self.quoted();
        }
        let start = self.pos;
        let end = rest
            .find([self.separator, '\n', '\r'])
            .map_or(self.text.len(), |i| start + i);
        self.pos = end;
        let raw = &self.text[start..end];
        let trimmed = raw.trim_matches([' ', '\t']);
        let at = start + (raw.len() - raw.trim_start_matches([' ', '\t']).len());
        Ok(Cell {
            text: trimmed.to_string(),
            span: self.span(at, at + trimmed.len()),
        })
    }

    /// A quoted cell: `"..."` with `""` for a quote; it may span lines.
    fn quoted(&mut self) -> Result<Cell, Diagnostic> {
        let open = self.pos;
        let start = open + 1;
        let mut text = String::new();
        let mut from = start;
        loop {
            let Some(i) = self.text[from..].find('"') else {
                let line_end = self.text[open..]
                    .find('\n')
                    .map_or(self.text.len(), |i| open + i);
                return Err(unreadable(
                    self.span(open, line_end),
                    "this quoted value is never closed",
                    "close the value with a `\"`; a quote inside a value is written twice: `\"\"`",
                ));
            };
            let quote = from + i;
            text.push_str(&self.text[from..quote]);
            if self.text[quote + 1..].starts_with('"') {
                text.push('"');
                from = quote + 2;
                continue;
            }
            self.pos = quote + 1;
            let rest = &self.text[self.pos..];
            let after = rest.trim_start_matches([' ', '\t']);
            let next = after.chars().next();
            if next.is_some_and(|c| c != self.separator && c != '\n' && c != '\r') {
                let at = self.pos + (rest.len() - after.len());
                return Err(unreadable(
                    self.span(at, at + next.map_or(0, char::len_utf8)),
                    "text after the closing quote of a value",
                    "put the whole value inside the quotes; a quote inside a value is written twice: `\"\"`",
                ));
            }
            self.pos += rest.len() - after.len();
            return Ok(Cell {
                text,
                span: self.span(start, quote),
            });
        }
    }
}

fn csv(file: FileId, text: &str) -> Result<Rows<'_>, Diagnostic> {
    let start = text.len() - strip_bom(text).0.len();
    let first_line = text[start..].lines().next().unwrap_or("");
    let mut reader = CsvReader {
        file,
        text,
        pos: start,
        separator: separator(first_line),
    };
    let header = match reader.record() {
        Some(record) => record?,
        None => {
            return Err(unreadable(
                Span::new(file, 0, 0),
                "the learner data is empty",
                "write a header row with the column names (`given-name,family-name,student-id,date`), then one row per learner",
            ))
        }
    };
    let header: Vec<Header> = header
        .cells
        .into_iter()
        .map(|c| Header {
            name: c.text,
            span: c.span,
        })
        .collect();
    Ok(Rows {
        header,
        len: 0,
        source: Source::Csv(reader),
        number: 0,
    })
}

/// The next CSV record as row `number`.
fn csv_row(
    reader: &mut CsvReader<'_>,
    header: &[Header],
    number: usize,
) -> Option<Result<Row, Diagnostic>> {
    let record = match reader.record()? {
        Ok(record) => record,
        Err(d) => return Some(Err(d)),
    };
    let problem = (record.cells.len() > header.len()).then(|| {
        unreadable(
            record.cells[header.len()].span,
            format!(
                "row {number} has {} values, but the header names {} columns",
                record.cells.len(),
                header.len()
            ),
            "remove the extra values, or quote a value that holds the separator",
        )
    });
    let mut cells: Vec<Option<Cell>> = record
        .cells
        .into_iter()
        .take(header.len())
        .map(|c| (!c.text.is_empty()).then_some(c))
        .collect();
    cells.resize(header.len(), None);
    Some(Ok(Row {
        number,
        span: record.span,
        cells,
        problem,
    }))
}

// ---- JSON ------------------------------------------------------------------------

const JSON_HELP: &str = "write an array of objects, one per learner: `[{\"given-name\": \"Ana\", \"family-name\": \"Silva\", \"date\": \"2025-06-30\"}]`";

fn json(file: FileId, text: &str) -> Result<Rows<'_>, Diagnostic> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let at = offset_of(text, e.line(), e.column());
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        return Err(unreadable(
            Span::new(file, at, end),
            format!("the learner data is not valid JSON: {e}"),
            JSON_HELP,
        ));
    }
    Ok(Rows {
        header: Vec::new(),
        len: 0,
        source: Source::Json(JsonScanner { file, text, pos: 0 }, false),
        number: 0,
    })
}

/// The byte offset of a 1-based line and column (as serde_json counts them).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let column_bytes: usize = text[line_start..]
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    (line_start + column_bytes).min(text.len())
}

/// Walks a JSON text that serde_json has already accepted, keeping offsets.
#[derive(Clone, Copy)]
struct JsonScanner<'t> {
    file: FileId,
    text: &'t str,
    pos: usize,
}

impl JsonScanner<'_> {
    fn skip_space(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.text[self.pos..].starts_with(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// The end of the JSON value starting at `self.pos` (already valid JSON).
    fn value_end(&self) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        let mut depth = 0usize;
        let mut in_string = false;
        while i < bytes.len() {
            let b = bytes[i];
            if in_string {
                match b {
                    b'\\' => i += 1,
                    b'"' => {
                        in_string = false;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth == 0 => return i,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    b',' if depth == 0 => return i,
                    b if depth == 0 && b.is_ascii_whitespace() => return i,
                    _ => {}
                }
            }
            i += 1;
        }
        bytes.len()
    }

    /// Reads `[ {..}, {..} ]` through, counting the objects in `len` and adding their keys
    /// to `header`; `None` when it is not an array of objects.
    fn read_all(&mut self, header: &mut Vec<Header>, len: &mut usize) -> Option<()> {
        if !self.eat('[') {
            return None;
        }
        if self.eat(']') {
            return Some(());
        }
        loop {
            self.read_object(header, *len + 1)?;
            *len += 1;
            if self.eat(',') {
                continue;
            }
            return self.eat(']').then_some(());
        }
    }

    /// The next object of an array that [`JsonScanner::read_all`] has read: after the
    /// opening `[` or a `,`.
    fn next_object(&mut self, header: &mut Vec<Header>, number: usize) -> Option<Row> {
        if self.pos == 0 && (!self.eat('[') || self.eat(']')) {
            return None;
        }
        self.read_object(header, number)
    }

    /// One object: its values become the row's cells; new keys become columns.
    fn read_object(&mut self, header: &mut Vec<Header>, number: usize) -> Option<Row> {
        self.skip_space();
        let start = self.pos;
        if !self.eat('{') {
            return None;
        }
        let mut cells: Vec<Option<Cell>> = vec![None; header.len()];
        let mut seen: Vec<usize> = Vec::new();
        let mut problem = None;
        if !self.eat('}') {
            loop {
                self.skip_space();
                let key_start = self.pos;
                self.pos = self.value_end();
                let key_span = Span::new(self.file, key_start, self.pos);
                let key: String = serde_json::from_str(&self.text[key_start..self.pos]).ok()?;
                if !self.eat(':') {
                    return None;
                }
                self.skip_space();
                let value_start = self.pos;
                self.pos = self.value_end();
                let raw = &self.text[value_start..self.pos];
                let column = match header.iter().position(|h| h.name == key) {
                    Some(i) => i,
                    None => {
                        header.push(Header {
                            name: key,
                            span: key_span,
                        });
                        cells.push(None);
                        header.len() - 1
                    }
                };
                let span = Span::new(self.file, value_start, self.pos);
                if seen.contains(&column) {
                    let twice = Diagnostic::new(
                        &codes::DUPLICATE_COLUMN,
                        key_span,
                        format!(
                            "the key `{}` appears twice in this object",
                            header[column].name
                        ),
                    )
                    .with_label("second time")
                    .with_help("keep one of the two values: a learner has one value per key");
                    problem = problem.or(Some(twice));
                }
                seen.push(column);
                match cell_of(raw, span) {
                    Ok(Some(cell)) => cells[column] = Some(cell),
                    Ok(None) => {}
                    Err(d) => problem = problem.or(Some(d)),
                }
                if self.eat(',') {
                    continue;
                }
                if self.eat('}') {
                    break;
                }
                return None;
            }
        }
        cells.resize(header.len(), None);
        Some(Row {
            number,
            span: Span::new(self.file, start, self.pos),
            cells,
            problem,
        })
    }
}

/// A JSON value as a cell: a string (its span inside the quotes) or a number (as
/// written); `null` and `""` are no value; anything else is a problem.
fn cell_of(raw: &str, span: Span) -> Result<Option<Cell>, Diagnostic> {
    if raw == "null" {
        return Ok(None);
    }
    if raw.starts_with('"') {
        let inner = Span::new(span.file, span.start as usize + 1, span.end as usize - 1);
        let Ok(text) = serde_json::from_str::<String>(raw) else {
            // The whole file parsed, so only a lone surrogate (`\ud800`) fails here.
            let at = lone_surrogate(raw).map_or(inner, |r| {
                Span::new(
                    span.file,
                    span.start as usize + r.start,
                    span.start as usize + r.end,
                )
            });
            return Err(Diagnostic::new(
                &codes::BROKEN_TEXT,
                at,
                "this text holds half of a character, so it cannot be read",
            )
            .with_label("half of a character pair (often an emoji cut in two)")
            .with_help("correct the value where it comes from and export the file again: Laurel never leaves out a value it cannot read"));
        };
        return Ok((!text.is_empty()).then_some(Cell { text, span: inner }));
    }
    if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(Some(Cell {
            text: raw.to_string(),
            span,
        }));
    }
    Err(unreadable(
        span,
        "this value is not a text or a number",
        "write each value as a text (`\"2025-06-30\"`) or a number; leave it out or write `null` when there is none",
    ))
}

/// Where in a JSON string literal a `\\uD800`–`\\uDFFF` escape stands without its other
/// half, as a byte range of `raw`.
fn lone_surrogate(raw: &str) -> Option<std::ops::Range<usize>> {
    let bytes = raw.as_bytes();
    let escape_at = |i: usize| -> Option<u16> {
        let hex = raw.get(i + 2..i + 6)?;
        (bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'u'))
            .then(|| u16::from_str_radix(hex, 16).ok())
            .flatten()
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            match escape_at(i) {
                Some(0xD800..=0xDBFF) => match escape_at(i + 6) {
                    Some(0xDC00..=0xDFFF) => i += 12,
                    _ => return Some(i..i + 6),
                },
                Some(0xDC00..=0xDFFF) => return Some(i..i + 6),
                Some(_) => i += 6,
                None => i += 2,
            }
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole table at once.
    fn read(file: FileId, text: &str, format: Format) -> Result<Table, Diagnostic> {
        let rows = super::read(file, text, format)?;
        let header = rows.header.clone();
        let rows: Vec<Row> = rows.collect();
        Ok(Table { header, rows })
    }

    fn texts(table: &Table) -> Vec<Vec<Option<String>>> {
        table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.as_ref().map(|c| c.text.clone()))
                    .collect()
            })
            .collect()
    }

    fn at(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn csv_with_quotes_separators_and_line_breaks() {
        let text = "\u{feff}given-name;family-name;note\r\n\"Ana\";\"Ní \"\"Bhriain\"\"\";\"a;b\nc\"\r\n\r\n Tom ; ;x\n";
        let table = read(FileId(0), text, Format::Csv).unwrap();
        let names: Vec<&str> = table.header.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["given-name", "family-name", "note"]);
        assert_eq!(
            texts(&table),
            [
                vec![
                    Some("Ana".into()),
                    Some("Ní \"Bhriain\"".into()),
                    Some("a;b\nc".into())
                ],
                vec![Some("Tom".into()), None, Some("x".into())],
            ]
        );
        let cell = table.rows[1].cells[0].as_ref().unwrap();
        assert_eq!(at(text, cell.span), "Tom");
        assert_eq!(at(text, table.header[2].span), "note");
        assert_eq!(table.rows[1].number, 2);
    }

    #[test]
    fn a_span_finds_its_row() {
        let text = "a,b\n1,2\n3,4\n";
        let table = read(FileId(0), text, Format::Csv).unwrap();
        let cell = |row: usize, col: usize| table.rows[row].cells[col].as_ref().unwrap().span;
        assert_eq!(table.row_at(cell(0, 1)).map(|r| r.number), Some(1));
        assert_eq!(table.row_at(cell(1, 0)).map(|r| r.number), Some(2));
        assert_eq!(table.row_at(table.header[0].span), None);
        assert_eq!(table.row_at(Span::new(FileId(1), 5, 6)), None);
    }

    #[test]
    fn csv_problems_are_placed() {
        let unclosed = read(FileId(0), "a,b\n\"x,y\n", Format::Csv).unwrap_err();
        assert_eq!(unclosed.code.id, "L0501");
        assert_eq!(unclosed.span.start, 4);
        let after = read(FileId(0), "a\n\"x\"y\n", Format::Csv).unwrap_err();
        assert!(after.message.contains("after the closing quote"));
        let table = read(FileId(0), "a,b\n1,2,3\n", Format::Csv).unwrap();
        let problem = table.rows[0].problem.as_ref().unwrap();
        assert!(problem.message.contains("3 values"), "{}", problem.message);
        assert!(read(FileId(0), "", Format::Csv).is_err());
    }

    #[test]
    fn separator_is_sniffed_from_the_header() {
        assert_eq!(separator("a;b;c"), ';');
        assert_eq!(separator("a,b"), ',');
        assert_eq!(separator("a\tb\tc"), '\t');
        assert_eq!(separator("\"x;y\",b"), ',');
        assert_eq!(separator("name"), ',');
    }

    #[test]
    fn json_objects_become_rows() {
        let text = r#"[
  {"given-name": "Ana", "student-id": 1234, "email": null},
  {"family-name": "Ní \"B\"", "given-name": ""}
]"#;
        let table = read(FileId(0), text, Format::Json).unwrap();
        let names: Vec<&str> = table.header.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["given-name", "student-id", "email", "family-name"]);
        assert_eq!(
            texts(&table),
            [
                vec![Some("Ana".into()), Some("1234".into()), None, None],
                vec![None, None, None, Some("Ní \"B\"".into())],
            ]
        );
        let ana = table.rows[0].cells[0].as_ref().unwrap();
        assert_eq!(at(text, ana.span), "Ana");
        assert_eq!(at(text, table.header[3].span), "\"family-name\"");
    }

    /// Every span of a table lies on character boundaries of the text.
    fn spans_are_in(text: &str, table: &Table) {
        let ok = |span: Span| text.get(span.range()).is_some();
        assert!(table.header.iter().all(|h| ok(h.span)));
        for row in &table.rows {
            assert!(ok(row.span));
            assert!(row.cells.iter().flatten().all(|c| ok(c.span)));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in r#"[a-zé,;\t"\r\n\[\]{}:0-9 ]{0,80}"#) {
            for format in [Format::Csv, Format::Json] {
                match read(FileId(0), &text, format) {
                    Ok(table) => spans_are_in(&text, &table),
                    Err(d) => proptest::prop_assert!(text.get(d.span.range()).is_some()),
                }
            }
        }

        #[test]
        fn json_arrays_of_objects_read_back(
            rows in proptest::collection::vec(proptest::collection::btree_map("[a-z]{1,4}", r#"[a-zé"\\ ]{0,6}"#, 0..4), 0..4)
        ) {
            let text = serde_json::to_string_pretty(&rows).unwrap();
            let table = read(FileId(0), &text, Format::Json).unwrap();
            spans_are_in(&text, &table);
            proptest::prop_assert_eq!(table.rows.len(), rows.len());
            for (row, expected) in table.rows.iter().zip(&rows) {
                for (header, cell) in table.header.iter().zip(&row.cells) {
                    let want = expected.get(&header.name).filter(|v| !v.is_empty());
                    proptest::prop_assert_eq!(cell.as_ref().map(|c| &c.text), want);
                }
            }
        }
    }

    #[test]
    fn a_key_twice_in_one_object_is_a_problem_of_its_row() {
        let text = r#"[{"given-name": "Ana", "given-name": "Eva"}, {"given-name": "Rui"}]"#;
        let table = read(FileId(0), text, Format::Json).unwrap();
        let problem = table.rows[0].problem.as_ref().expect("a problem");
        assert_eq!(problem.code.id, "L0503");
        assert_eq!(at(text, problem.span), "\"given-name\"");
        assert_eq!(problem.span.start, 23);
        assert!(table.rows[1].problem.is_none());
    }

    #[test]
    fn half_a_character_is_a_problem_never_an_empty_value() {
        for (text, half) in [
            (r#"[{"family-name": "Si\ud800lva"}]"#, r"\ud800"),
            (r#"[{"family-name": "\udc00"}]"#, r"\udc00"),
            (r#"[{"family-name": "x\ud83d\u0041"}]"#, r"\ud83d"),
        ] {
            let table = read(FileId(0), text, Format::Json).unwrap();
            let problem = table.rows[0].problem.as_ref().expect(text);
            assert_eq!(problem.code.id, "L0505", "{text}");
            assert_eq!(at(text, problem.span), half, "{text}");
        }
        // A whole pair (an emoji) reads.
        let text = r#"[{"given-name": "Rui \ud83d\ude00"}]"#;
        let table = read(FileId(0), text, Format::Json).unwrap();
        assert!(table.rows[0].problem.is_none());
        assert_eq!(table.rows[0].cells[0].as_ref().unwrap().text, "Rui 😀");
    }

    #[test]
    fn json_problems_are_placed() {
        let bad = read(FileId(0), "[{\"a\": 1,}]", Format::Json).unwrap_err();
        assert_eq!(bad.code.id, "L0501");
        assert!(bad.message.contains("not valid JSON"));
        let not_array = read(FileId(0), "{\"a\": 1}", Format::Json).unwrap_err();
        assert!(not_array.message.contains("array of objects"));
        let nested = read(FileId(0), "[{\"a\": {\"b\": 1}}]", Format::Json).unwrap();
        assert!(nested.rows[0].problem.is_some());
        assert_eq!(read(FileId(0), "[]", Format::Json).unwrap().rows.len(), 0);
    }
}
