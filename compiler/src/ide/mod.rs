//! Editor features as pure functions over an analysed project: completion, hover,
//! navigation, symbols, code actions, inlay hints, semantic tokens, compiled documents. The language server
//! (`lsp/`) only converts positions and protocol types; every rule lives here or in the
//! compiler proper.
//!
//! Offsets are byte offsets into a file's text ([`crate::source::SourceFile::text`]).

pub mod actions;
pub mod compiled;
pub mod completion;
pub mod hover;
pub mod inlay;
pub mod navigation;
pub mod symbols;
pub mod tokens;

use std::ops::Range;

use crate::project::{Compilation, Project};
use crate::source::FileId;

/// A project and its compilation as the editor sees it (unsaved buffers included).
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The sources.
    pub project: Project,
    /// Syntax trees, model and diagnostics.
    pub compilation: Compilation,
}

impl Analysis {
    /// Compiles the project.
    pub fn new(project: Project) -> Analysis {
        let compilation = project.compile();
        Analysis {
            project,
            compilation,
        }
    }
}

/// A replacement of a byte range of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// The file.
    pub file: FileId,
    /// The bytes replaced.
    pub range: Range<usize>,
    /// The new text.
    pub new_text: String,
}
