//! SARIF 2.1.0 logs (OASIS Static Analysis Results Interchange Format), the one writer
//! behind every `--format sarif`: a [`Log`] of rules and results, written by
//! [`Log::to_json`]. [`results`] and [`diagnostics_log`] make the log of `laurel check`, `build` and
//! `issue` (a rule per diagnostic code); `laurel verify` makes its own from its checks.
//!
//! Conventions: file paths become URI references relative to the working folder (base id
//! `%SRCROOT%`), or `file://` URIs when the path is absolute; lines are 1-based and
//! columns count UTF-16 code units (`columnKind`), as GitHub code scanning and VS Code
//! expect; a region's end column is one past its last character. No time stamps, so the
//! same input gives the same bytes.

use std::fmt::Write as _;
use std::path::{Component, Path};

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::{Diagnostic, Severity, CODES};
use crate::source::{SourceFile, Sources};

/// The schema a log names (the OASIS errata 01 schema, bundled in `tests/data/sarif/`).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The URI base id relative artifact locations are resolved against: the working folder.
pub const SRCROOT: &str = "%SRCROOT%";

/// A rule results refer to.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id (`L0021`, `verify/signature`).
    pub id: String,
    /// Short kebab-case name.
    pub name: String,
    /// One sentence.
    pub summary: String,
    /// What it checks, in full.
    pub description: String,
    /// How to act on its results (what `laurel explain` prints for a code).
    pub help: String,
    /// The level of its results unless a result says otherwise.
    pub level: Severity,
}

/// A place in a text file: a byte range of it.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The file (its path as shown, and its text).
    pub file: &'a SourceFile,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One result.
#[derive(Debug, Clone)]
pub struct Finding<'a> {
    /// Index of its rule in [`Log::rules`].
    pub rule: usize,
    /// Error or warning.
    pub level: Severity,
    /// What was found.
    pub message: String,
    /// Where.
    pub place: Place<'a>,
    /// What the main place holds, if anything is said about it.
    pub label: Option<String>,
    /// Other places that help understand it.
    pub related: Vec<(Place<'a>, String)>,
}

/// A SARIF log with one run of `laurel`.
#[derive(Debug, Clone, Default)]
pub struct Log<'a> {
    /// Every rule of the run, in a stable order.
    pub rules: Vec<Rule>,
    /// The results, in the order given.
    pub results: Vec<Finding<'a>>,
}

impl Log<'_> {
    /// The log as pretty-printed JSON, ending with a line break.
    pub fn to_json(&self) -> String {
        let ids: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
        log_json(&self.rules, result_values(&ids, &self.results))
    }
}

/// The log of `rules` and `results` (from [`result_values`]) as pretty-printed JSON,
/// ending with a line break.
fn log_json(rules: &[Rule], results: Vec<Value>) -> String {
    let rules: Vec<Value> = rules.iter().map(rule_json).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "laurel",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "originalUriBaseIds": {
                SRCROOT: {
                    "description": { "text": "The folder laurel was run in: relative paths are relative to it." }
                }
            },
            "defaultEncoding": "utf-8",
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// The results' JSON; `rule_ids[i]` is the id of rule `i`. The fingerprints number equal
/// results within these findings, so the findings of one file are made together.
fn result_values(rule_ids: &[&str], findings: &[Finding<'_>]) -> Vec<Value> {
    let mut seen = std::collections::HashMap::new();
    let mut columns = Columns::default();
    findings
        .iter()
        .map(|f| {
            result_json(
                rule_ids.get(f.rule).copied().unwrap_or(""),
                f,
                &mut seen,
                &mut columns,
            )
        })
        .collect()
}

fn result_json(
    rule_id: &str,
    f: &Finding<'_>,
    seen: &mut std::collections::HashMap<String, usize>,
    columns: &mut Columns,
) -> Value {
    let mut location = Map::new();
    location.insert("physicalLocation".into(), physical(f.place, columns));
    if let Some(label) = &f.label {
        location.insert("message".into(), json!({ "text": label }));
    }
    let mut result = Map::new();
    result.insert("ruleId".into(), json!(rule_id));
    result.insert("ruleIndex".into(), json!(f.rule));
    result.insert("level".into(), json!(f.level.as_str()));
    result.insert("message".into(), json!({ "text": f.message }));
    result.insert("locations".into(), json!([location]));
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, (place, message))| {
                json!({
                    "id": i + 1,
                    "physicalLocation": physical(*place, columns),
                    "message": { "text": message },
                })
            })
            .collect();
        result.insert("relatedLocations".into(), Value::Array(related));
    }
    // The rule, the file and the text at the place (not its line: the result keeps
    // its fingerprint when lines are added above it), numbered among equal ones.
    let place = f.place;
    let text = place.file.text.get(place.start..place.end).unwrap_or("");
    let key = format!("{rule_id}\0{}\0{text}", uri(&place.file.path));
    let n = seen.entry(key.clone()).or_insert(0);
    *n += 1;
    let digest = Sha256::digest(format!("{key}\0{n}").as_bytes());
    let mut hex = String::new();
    for byte in &digest[..16] {
        let _ = write!(hex, "{byte:02x}");
    }
    result.insert("partialFingerprints".into(), json!({ "laurel/v1": hex }));
    Value::Object(result)
}

fn rule_json(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.description },
        "help": { "text": rule.help },
        "defaultConfiguration": { "level": rule.level.as_str() },
    })
}

fn physical(place: Place<'_>, columns: &mut Columns) -> Value {
    let file = place.file;
    let (start_line, start_column) = columns.position(file, place.start);
    let (end_line, end_column) = columns.position(file, place.end.max(place.start));
    let path = &file.path;
    let location = if path.is_absolute() {
        json!({ "uri": uri(path) })
    } else {
        json!({ "uri": uri(path), "uriBaseId": SRCROOT })
    };
    json!({
        "artifactLocation": location,
        "region": {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        }
    })
}

/// Positions computed so far (file, line, byte offset, column), latest first: the
/// column of an offset further on the same line counts on from the nearest of them, so
/// thousands of results on one long line cost one pass over it, not one each.
#[derive(Default)]
struct Columns(Vec<(*const SourceFile, usize, usize, usize)>);

impl Columns {
    const KEPT: usize = 4;

    /// The 1-based line and 1-based UTF-16 column of a byte offset. SARIF counts a line
    /// break as part of the line it ends, so the end of a file that ends with one is at
    /// the end of its last line, not on a line after it.
    fn position(&mut self, file: &SourceFile, offset: usize) -> (usize, usize) {
        let text = &file.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = file.line_starts();
        let mut line = file.line_of(offset);
        if line > 0 && starts[line] == text.len() {
            line -= 1;
        }
        let id: *const SourceFile = file;
        let (from, units) = self
            .0
            .iter()
            .filter(|&&(f, l, o, _)| f == id && l == line && o <= offset)
            .map(|&(_, _, o, c)| (o, c))
            .max()
            .unwrap_or((starts[line], 0));
        let column = units + text[from..offset].encode_utf16().count();
        self.0.insert(0, (id, line, offset, column));
        self.0.truncate(Self::KEPT);
        (line + 1, column + 1)
    }
}

/// A path as a URI reference: relative paths stay relative (`./` dropped, `/` between
/// segments), absolute ones become `file://` URIs; every byte but the unreserved
/// characters and `!$&'()*+,;=@` is percent-encoded.
pub fn uri(path: &Path) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut prefix = String::new();
    for part in path.components() {
        match part {
            Component::Prefix(p) => {
                prefix = format!("/{}", p.as_os_str().to_string_lossy().replace('\\', "/"))
            }
            Component::RootDir => {}
            Component::CurDir => {}
            Component::ParentDir => segments.push("..".into()),
            Component::Normal(name) => segments.push(encode(&name.to_string_lossy())),
        }
    }
    let joined = segments.join("/");
    if path.is_absolute() {
        format!("file://{prefix}/{joined}")
    } else if joined.is_empty() {
        ".".into()
    } else {
        joined
    }
}

fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The SARIF results of diagnostics (their help in the message), each naming its code's
/// rule in [`diagnostics_log`].
pub fn results(sources: &Sources, diagnostics: &[Diagnostic]) -> Vec<Value> {
    let place = |span: crate::source::Span| Place {
        file: sources.get(span.file),
        start: span.start as usize,
        end: span.end as usize,
    };
    let findings: Vec<Finding<'_>> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            Finding {
                rule: CODES
                    .iter()
                    .position(|c| c.id == d.code.id)
                    .unwrap_or_default(),
                level: d.severity,
                message,
                place: place(d.span),
                label: d.label.clone(),
                related: d
                    .related
                    .iter()
                    .map(|l| (place(l.span), l.message.clone()))
                    .collect(),
            }
        })
        .collect();
    let ids: Vec<&str> = CODES.iter().map(|c| c.id).collect();
    result_values(&ids, &findings)
}

/// The log of diagnostics' [`results`]: a rule per registered code, in the registry's
/// order.
pub fn diagnostics_log(results: Vec<Value>) -> String {
    let rules: Vec<Rule> = CODES
        .iter()
        .map(|c| Rule {
            id: c.id.to_string(),
            name: c.name.to_string(),
            summary: c.summary().to_string(),
            description: c.explain.to_string(),
            help: c.explanation(),
            level: c.severity,
        })
        .collect();
    log_json(&rules, results)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(file: &SourceFile, offset: usize) -> (usize, usize) {
        Columns::default().position(file, offset)
    }

    #[test]
    fn positions_counted_on_from_earlier_ones_are_the_same() {
        let file = SourceFile::new("a.laurel", "a𝄞é b c\nd𝄞 e\n");
        let mut columns = Columns::default();
        for offset in [3, 9, 1, 12, 7, 0, 13, 5, 10, 16, 15] {
            assert_eq!(
                columns.position(&file, offset),
                position(&file, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn columns_count_utf16_code_units_and_lines_end_with_their_break() {
        // `é` is one UTF-16 unit in two bytes, `𝄞` two units in four bytes.
        let file = SourceFile::new("a.laurel", "é𝄞x\nab\n");
        assert_eq!(position(&file, 0), (1, 1));
        assert_eq!(position(&file, 2), (1, 2));
        assert_eq!(position(&file, 6), (1, 4));
        assert_eq!(position(&file, 7), (1, 5));
        assert_eq!(position(&file, 8), (2, 1));
        // the end of the file is the end of line 2, after its line break
        assert_eq!(position(&file, 11), (2, 4));
        // inside a character: its start
        assert_eq!(position(&file, 4), (1, 2));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri(Path::new("./Laurel.toml")), "Laurel.toml");
        assert_eq!(
            uri(Path::new("examples/a b/über#1.laurel")),
            "examples/a%20b/%C3%BCber%231.laurel"
        );
        assert_eq!(uri(Path::new("../x/c:d.laurel")), "../x/c%3Ad.laurel");
        assert_eq!(uri(Path::new(".")), ".");
        #[cfg(unix)]
        assert_eq!(uri(Path::new("/srv/p/a.laurel")), "file:///srv/p/a.laurel");
    }

    #[test]
    fn summaries_are_whole_first_sentences() {
        for code in CODES {
            let summary = code.summary();
            assert!(summary.ends_with('.'), "{}: {summary}", code.id);
            assert_eq!(
                summary.matches('`').count() % 2,
                0,
                "{}: {summary}",
                code.id
            );
            assert!(code.explain.starts_with(summary));
        }
    }
}
