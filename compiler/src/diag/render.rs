//! Turning diagnostics into text: for people (codespan-reporting), JSON, GitHub annotations
//! and SARIF.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor::Buffer};

use super::excerpt::Excerpts;
use super::{Diagnostic, Severity};
use crate::source::Sources;

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Source excerpts with labels, for a terminal.
    #[default]
    Human,
    /// A JSON array of objects (code, severity, message, file, line, column, ...).
    Json,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
    /// A SARIF 2.1.0 log (GitHub code scanning, editors' SARIF viewers).
    Sarif,
}

/// Renders diagnostics in the given format; `color` applies to [`Format::Human`] only.
pub fn render(
    format: Format,
    sources: &Sources,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    join(format, [Rendered::new(format, sources, diagnostics, color)])
}

/// Diagnostics rendered one by one, without the text of their files: a part of the
/// output [`join`] puts together. Files rendered apart (each with only its own text, on
/// its own thread) and joined in order give what [`render`] gives for all of them.
#[derive(Debug, Default)]
pub struct Rendered {
    items: Vec<Item>,
    /// How many diagnostics the part has (the human format renders only [`MAX_SHOWN`]).
    total: usize,
}

#[derive(Debug)]
enum Item {
    /// Human and GitHub: the diagnostic's text.
    Text(String),
    /// JSON: the diagnostic's object; SARIF: its result.
    Json(serde_json::Value),
}

impl Rendered {
    /// Renders `diagnostics`, whose spans are in `sources`.
    pub fn new(
        format: Format,
        sources: &Sources,
        diagnostics: &[Diagnostic],
        color: bool,
    ) -> Rendered {
        let items = match format {
            Format::Human => diagnostics
                .iter()
                .take(MAX_SHOWN)
                .map(|d| Item::Text(human(sources, d, color)))
                .collect(),
            Format::Json => diagnostics
                .iter()
                .map(|d| Item::Json(json(sources, d)))
                .collect(),
            Format::Github => diagnostics
                .iter()
                .map(|d| Item::Text(github(sources, d)))
                .collect(),
            Format::Sarif => super::sarif::results(sources, diagnostics)
                .into_iter()
                .map(Item::Json)
                .collect(),
        };
        Rendered {
            items,
            total: diagnostics.len(),
        }
    }
}

/// The output of `parts`, in order, as one text in `format`.
pub fn join(format: Format, parts: impl IntoIterator<Item = Rendered>) -> String {
    let mut texts = String::new();
    let mut values = Vec::new();
    let (mut total, mut shown) = (0, 0);
    for part in parts {
        total += part.total;
        for item in part.items {
            match item {
                Item::Text(_) if format == Format::Human && shown == MAX_SHOWN => {}
                Item::Text(text) => {
                    texts.push_str(&text);
                    shown += 1;
                }
                Item::Json(value) => values.push(value),
            }
        }
    }
    match format {
        Format::Human => {
            if let Some(hidden) = total.checked_sub(shown).filter(|&n| n > 0) {
                texts.push_str(&format!(
                    "... and {hidden} more diagnostic(s) not shown: fix the ones above first, or see them all with `--format json`\n"
                ));
            }
            texts
        }
        Format::Github => texts,
        Format::Json => {
            let mut out = serde_json::to_string_pretty(&values).unwrap_or_else(|_| "[]".into());
            out.push('\n');
            out
        }
        Format::Sarif => super::sarif::diagnostics_log(values),
    }
}

/// The most diagnostics the human format shows (each shows its source lines, cut to a
/// window around its places on long lines). The other formats list every one.
pub const MAX_SHOWN: usize = 200;

fn human(sources: &Sources, d: &Diagnostic, color: bool) -> String {
    let config = term::Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let spans: Vec<_> = std::iter::once(d.span)
        .chain(d.related.iter().map(|l| l.span))
        .collect();
    let (files, places) = Excerpts::new(sources, &spans);
    let mut labels = Vec::new();
    for (i, (file, range)) in places.into_iter().enumerate() {
        labels.push(match i.checked_sub(1) {
            None => {
                cs::Label::primary(file, range).with_message(d.label.as_deref().unwrap_or_default())
            }
            Some(r) => cs::Label::secondary(file, range).with_message(&d.related[r].message),
        });
    }
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(annex) = d.annex() {
        notes.push(format!("Annex I ({}): {}", annex.part(), annex.title()));
    }
    let diagnostic = cs::Diagnostic::new(severity)
        .with_code(d.code.id)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes);
    // Rendering only fails for places outside their excerpt, which are never made.
    let _ = term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn json(sources: &Sources, d: &Diagnostic) -> serde_json::Value {
    let file = sources.get(d.span.file);
    let (line, column) = file.line_col(d.span.start as usize);
    let (end_line, end_column) = file.line_col(d.span.end as usize);
    serde_json::json!({
        "code": d.code.id,
        "severity": d.severity.as_str(),
        "message": d.message,
        "file": file.path.display().to_string(),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "help": d.help,
        "annex": d.annex().map(|a| a.title()),
        "related": d.related.iter().map(|l| {
            let f = sources.get(l.span.file);
            let (line, column) = f.line_col(l.span.start as usize);
            serde_json::json!({
                "message": l.message,
                "file": f.path.display().to_string(),
                "line": line,
                "column": column,
            })
        }).collect::<Vec<_>>(),
    })
}

/// A GitHub workflow command: `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message`.
fn github(sources: &Sources, d: &Diagnostic) -> String {
    let file = sources.get(d.span.file);
    let (line, column) = file.line_col(d.span.start as usize);
    let (end_line, end_column) = file.line_col(d.span.end as usize);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let level = match d.severity {
        Severity::Note => "notice",
        other => other.as_str(),
    };
    workflow_command(
        level,
        &[
            ("file", file.path.display().to_string()),
            ("line", line.to_string()),
            ("col", column.to_string()),
            ("endLine", end_line.to_string()),
            ("endColumn", end_column.to_string()),
            ("title", d.code.id.to_string()),
        ],
        &message,
    )
}

/// One GitHub workflow command, `::LEVEL NAME=VALUE,...::MESSAGE` and a line break,
/// with the properties and the message escaped.
pub fn workflow_command(level: &str, properties: &[(&str, String)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(name, value)| format!("{name}={}", escape_property(value)))
        .collect();
    format!(
        "::{level} {}::{}\n",
        properties.join(","),
        escape_data(message)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::source::Span;

    /// Two files' diagnostics; `per_file` of them in each.
    fn two_files(per_file: usize) -> (Sources, Vec<Diagnostic>) {
        let mut sources = Sources::new();
        let mut diagnostics = Vec::new();
        for name in ["a.json", "b/c.json"] {
            let text = "{\n  \"x\": 1,\n  \"y\": \"é\"\n}\n".repeat(per_file);
            let file = sources.add(name, text);
            for i in 0..per_file {
                let at = i * 26 + 4;
                diagnostics.push(
                    Diagnostic::new(&codes::SHAPE_VIOLATION, Span::new(file, at, at + 3), "x")
                        .with_label("here")
                        .with_help("do y"),
                );
            }
        }
        (sources, diagnostics)
    }

    #[test]
    fn files_rendered_apart_join_as_rendered_together() {
        for per_file in [1, 3, MAX_SHOWN / 2 + 1] {
            let (sources, diagnostics) = two_files(per_file);
            for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
                let together = render(format, &sources, &diagnostics, false);
                // each file with only its own text, as `laurel validate` renders them
                let parts = sources.iter().map(|(id, file)| {
                    let mut own = Sources::new();
                    let new_id = own.add(file.path.clone(), file.text.clone());
                    let mine: Vec<Diagnostic> = diagnostics
                        .iter()
                        .filter(|d| d.span.file == id)
                        .map(|d| d.clone().in_file(new_id))
                        .collect();
                    Rendered::new(format, &own, &mine, false)
                });
                assert_eq!(
                    join(format, parts),
                    together,
                    "{format:?}, {per_file} a file"
                );
            }
        }
    }

    #[test]
    fn the_human_format_shows_at_most_max_shown() {
        let (sources, diagnostics) = two_files(MAX_SHOWN / 2 + 1);
        let text = render(Format::Human, &sources, &diagnostics, false);
        assert_eq!(
            text.matches("error[L").count() + text.matches("warning[L").count(),
            MAX_SHOWN
        );
        assert!(text.ends_with("... and 2 more diagnostic(s) not shown: fix the ones above first, or see them all with `--format json`\n"), "{text}");
    }
}
