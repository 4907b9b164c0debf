//! Source files, spans and positions.
//!
//! The compiler never reads the file system itself: callers hand it [`Sources`], so the
//! language server can pass unsaved editor buffers and tests can pass strings.

use std::path::{Path, PathBuf};

/// Index of a file in a [`Sources`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the range belongs to.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The byte range, for slicing the file text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// The UTF-8 byte order mark some editors (Windows Notepad, Excel's "CSV UTF-8") write
/// at the start of a file.
pub const BOM: &str = "\u{feff}";

/// `text` without its leading byte order mark, and whether it had one.
pub fn strip_bom(text: &str) -> (&str, bool) {
    match text.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (text, false),
    }
}

/// One source file: its path (as shown to users) and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown in diagnostics, relative to the project root where possible.
    pub path: PathBuf,
    /// Full text, without a byte order mark: spans, lines and columns count from the
    /// first character an editor shows.
    pub text: String,
    /// The file started with a byte order mark (kept by `laurel fmt`).
    bom: bool,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A file from its path and text; a leading byte order mark is set aside.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        let mut text = text.into();
        let bom = strip_bom(&text).1;
        if bom {
            text.drain(..BOM.len());
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            bom,
            line_starts,
        }
    }

    /// The text as the file holds it: with its byte order mark, if it had one.
    pub fn written(&self) -> std::borrow::Cow<'_, str> {
        if self.bom {
            std::borrow::Cow::Owned(format!("{BOM}{}", self.text))
        } else {
            std::borrow::Cow::Borrowed(&self.text)
        }
    }

    /// Byte offsets where each line starts.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Zero-based line index of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// One-based line and one-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, column + 1)
    }
}

/// The set of files the compiler works on.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(path, text));
        FileId(self.files.len() as u32 - 1)
    }

    /// Replaces the text of a file (an editor's unsaved buffer).
    pub fn replace(&mut self, id: FileId, text: impl Into<String>) {
        let path = self.files[id.0 as usize].path.clone();
        self.files[id.0 as usize] = SourceFile::new(path, text);
    }

    /// A file by id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The id of the file with this path, if present.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(i as u32))
    }

    /// All files with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).text.get(span.range()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_set_aside_and_kept_for_writing() {
        let file = SourceFile::new("a.laurel", "\u{feff}organisation a {\n}\n");
        assert_eq!(file.text, "organisation a {\n}\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(17), (2, 1));
        assert_eq!(file.written(), "\u{feff}organisation a {\n}\n");
        let plain = SourceFile::new("b.laurel", "organisation b {\n}\n");
        assert_eq!(plain.written(), plain.text);
        // Only one, and only at the start.
        assert_eq!(strip_bom("\u{feff}\u{feff}x"), ("\u{feff}x", true));
        assert_eq!(strip_bom("x\u{feff}"), ("x\u{feff}", false));
    }
}
