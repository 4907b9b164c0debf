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
    match format {
        Format::Human => human(sources, diagnostics, color),
        Format::Json => json(sources, diagnostics),
        Format::Github => github(sources, diagnostics),
        Format::Sarif => super::sarif::diagnostics(sources, diagnostics),
    }
}

/// The most diagnostics the human format shows (each shows its source lines, cut to a
/// window around its places on long lines). The other formats list every one.
pub const MAX_SHOWN: usize = 200;

fn human(sources: &Sources, diagnostics: &[Diagnostic], color: bool) -> String {
    let config = term::Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for d in diagnostics.iter().take(MAX_SHOWN) {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let spans: Vec<_> = std::iter::once(d.span)
            .chain(d.related.iter().map(|l| l.span))
            .collect();
        let (files, places) = Excerpts::new(sources, &spans);
        let mut labels = Vec::new();
        for (i, (file, range)) in places.into_iter().enumerate() {
            labels.push(match i.checked_sub(1) {
                None => cs::Label::primary(file, range)
                    .with_message(d.label.as_deref().unwrap_or_default()),
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
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    if let Some(hidden) = diagnostics.len().checked_sub(MAX_SHOWN).filter(|&n| n > 0) {
        out.push_str(&format!(
            "... and {hidden} more diagnostic(s) not shown: fix the ones above first, or see them all with `--format json`\n"
        ));
    }
    out
}

fn json(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
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
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// GitHub workflow commands: `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message`.
fn github(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let file = sources.get(d.span.file);
        let (line, column) = file.line_col(d.span.start as usize);
        let (end_line, end_column) = file.line_col(d.span.end as usize);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&workflow_command(
            d.severity.as_str(),
            &[
                ("file", file.path.display().to_string()),
                ("line", line.to_string()),
                ("col", column.to_string()),
                ("endLine", end_line.to_string()),
                ("endColumn", end_column.to_string()),
                ("title", d.code.id.to_string()),
            ],
            &message,
        ));
    }
    out
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
