//! Diagnostics: one type that the CLI renders, the language server converts and CI formats
//! (JSON, GitHub annotations, SARIF).

pub mod codes;
mod excerpt;
mod render;
pub mod sarif;

pub use codes::{AnnexElement, Code, CODES};
pub use render::{join, render, workflow_command, Format, Rendered, MAX_SHOWN};

use crate::source::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, not a problem (an outcome that links no ESCO skill).
    Note,
    /// Compiles, but worth a look.
    Warning,
    /// Stops the build.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"note"` (SARIF's levels).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place a diagnostic points at (e.g. the first definition of a duplicate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One finding about the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `L0021`.
    pub code: &'static Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// The main place.
    pub span: Span,
    /// Text under the main place.
    pub label: Option<String>,
    /// Other places that help understand it.
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: &'static Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity,
            message: message.into(),
            span,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// The same diagnostic with every place in `file` (for a diagnostic made against a
    /// `Sources` of one file, moved into a larger one).
    pub fn in_file(mut self, file: crate::source::FileId) -> Diagnostic {
        self.span.file = file;
        for label in &mut self.related {
            label.span.file = file;
        }
        self
    }

    /// Sets the text under the main place.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The Annex I element this diagnostic enforces, if any.
    pub fn annex(&self) -> Option<AnnexElement> {
        self.code.annex
    }
}

/// Collected diagnostics.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when any error was reported.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All, in the order reported.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Sorted by file and position (stable for equal positions), for output.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by_key(|d| (d.span.file, d.span.start, d.span.end, d.code.id));
        self.items.dedup();
        self.items
    }

    /// Number of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.items.len() - errors)
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        self.items.extend(iter);
    }
}
