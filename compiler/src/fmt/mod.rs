//! `laurel fmt`: one canonical layout for `.laurel` files.
//!
//! [`format()`] rewrites the whitespace of a file and nothing else. The layout:
//!
//! - Items start at column 0, with exactly one blank line after each item (before the
//!   next item, or before the comments above it). Elsewhere at the top level, runs of
//!   blank lines become one; blank lines at the start and end of the file go.
//! - Two spaces of indentation per block level; one space between the tokens of a line;
//!   `{` ends the item or field line, `}` stands on its own line. A block written on one
//!   line (`accreditation { type x }`) is spread over lines, one field per line.
//! - Inside blocks, fields keep their order; runs of blank lines become one, and there is
//!   none right after `{` or right before `}`.
//! - Every comment is kept, its text unchanged (trailing whitespace aside, also on `///`
//!   lines). A comment on its own line is indented to the level of the block it stands
//!   in; `///` doc comments stay right above their item. A trailing comment stays on its
//!   line and starts at column 38 (counted from 0, the column the examples use), or one
//!   space after the code when the code is longer. A fixed column, unlike alignment
//!   across neighbouring lines, keeps each line's layout independent of its neighbours,
//!   so an edit never re-aligns other lines.
//! - Strings, language tags, IRIs, numbers, dates and words are copied byte for byte.
//! - `"""` text blocks: the content moves as a whole so that its common indentation is
//!   one level deeper than the field line, a closing `"""` on its own line sits at that
//!   level too, and blank lines at the end of the block go. The compiler removes the
//!   common indentation and those blank lines, so the text stays the same. Where that
//!   cannot be shown (text right after the opening `"""`, a common indentation that cuts
//!   through a multi-byte space character, a lone carriage return) the block is kept
//!   exactly as written. Trailing spaces inside a block are part of its text and stay.
//! - Lines end as most lines of the file end: in `\r\n` when more lines end so than in a
//!   bare `\n`, else in `\n`. No line ends in whitespace (except inside a text block),
//!   and a non-empty file ends with exactly one line break.
//! - A byte order mark at the start of the file stays there.
//!
//! Safety: a file with syntax errors is never formatted (the parser's diagnostics come
//! back in [`FormatError::Syntax`]). Every result is checked before it is returned: it
//! must parse without errors to the same syntax tree (spans aside) with the same
//! comments in the same order; otherwise [`FormatError::Unverified`] says why and the
//! caller keeps the original. Nothing here panics on any input.

mod layout;
mod tokens;

use crate::diag::{Diagnostic, Severity};
use crate::source::{strip_bom, FileId, Span, BOM};
use crate::syntax::{self, ast};

/// Why a text was not formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The text has syntax errors (the parser's diagnostics, errors only, in file order).
    Syntax(Vec<Diagnostic>),
    /// The formatted text could not be shown to mean the same as the original (a bug
    /// in the formatter: the original must be kept). The text says what differed.
    Unverified(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Syntax(diagnostics) => {
                write!(f, "not formatted: {} syntax error(s)", diagnostics.len())?;
                for d in diagnostics {
                    write!(f, "\n  {} at byte {}: {}", d.code.id, d.span.start, d.message)?;
                }
                Ok(())
            }
            FormatError::Unverified(why) => write!(
                f,
                "not formatted: the formatter could not keep the meaning of the file ({why}); this is a bug in `laurel fmt`"
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// Formats the text of one `.laurel` file in the canonical layout (see the module
/// documentation). Diagnostics in a [`FormatError::Syntax`] point into `FileId(0)`.
pub fn format(text: &str) -> Result<String, FormatError> {
    format_file(FileId(0), text)
}

/// [`format()`], with diagnostics pointing into `file` (so they can be rendered with the
/// caller's [`crate::source::Sources`]: offsets count from after a byte order mark).
pub fn format_file(file: FileId, text: &str) -> Result<String, FormatError> {
    let (body, bom) = strip_bom(text);
    let bom = if bom { BOM } else { "" };
    format_body(file, body).map(|out| format!("{bom}{out}"))
}

/// Formats a text without byte order mark.
fn format_body(file: FileId, text: &str) -> Result<String, FormatError> {
    let (parsed, diagnostics) = syntax::parse(file, text);
    let mut errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        errors.sort_by_key(|d| (d.span.start, d.span.end));
        return Err(FormatError::Syntax(errors));
    }
    let toks = tokens::tokens(text, &parsed).map_err(FormatError::Unverified)?;
    let comments = tokens::comments(&toks);
    let mut why = String::new();
    let crlf = mostly_crlf(text);
    for mode in [layout::TextBlocks::Reindent, layout::TextBlocks::Verbatim] {
        let out = layout::render(&toks, mode);
        let out = if crlf { crlf_endings(&out) } else { out };
        if out == text {
            return Ok(out);
        }
        match verify(file, &parsed, &comments, &out) {
            Ok(()) => return Ok(out),
            Err(e) => why = e,
        }
    }
    Err(FormatError::Unverified(why))
}

/// True when more lines of `text` end in `\r\n` than in a bare `\n`.
fn mostly_crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    crlf > text.matches('\n').count() - crlf
}

/// `text` (laid out with `\n`) with every line break a `\r\n`; those already so (inside a
/// text block kept as written) stay as they are.
fn crlf_endings(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// True when `text` is already in the canonical layout.
pub fn is_formatted(text: &str) -> Result<bool, FormatError> {
    format(text).map(|out| out == text)
}

/// Checks that `out` parses cleanly to the same tree and comments as the original.
fn verify(
    file: FileId,
    original: &ast::ParsedFile,
    comments: &[&str],
    out: &str,
) -> Result<(), String> {
    let (parsed, diagnostics) = syntax::parse(file, out);
    if let Some(d) = diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(format!("the result has a syntax error: {}", d.message));
    }
    let before = erase(&original.items);
    let after = erase(&parsed.items);
    if before.len() != after.len() {
        return Err(format!("{} item(s) became {}", before.len(), after.len()));
    }
    if let Some((a, _)) = before.iter().zip(&after).find(|(a, b)| a != b) {
        return Err(format!("{} `{}` changed", a.kind.keyword(), a.name.text));
    }
    let toks = tokens::tokens(out, &parsed)?;
    if tokens::comments(&toks) != comments {
        return Err("the comments changed".into());
    }
    Ok(())
}

/// The items with every span set to zero (and trailing whitespace removed from doc
/// comments), for comparing trees of different layouts.
fn erase(items: &[ast::Item]) -> Vec<ast::Item> {
    items
        .iter()
        .cloned()
        .map(|mut item| {
            item.span = NOWHERE;
            item.name.span = NOWHERE;
            // Comments lose their trailing whitespace, doc comments included.
            item.doc = item.doc.map(|doc| {
                doc.lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            if let Some(from) = &mut item.from {
                from.span = NOWHERE;
            }
            if let Some(title) = &mut item.title {
                erase_value(title);
            }
            if let Some(body) = &mut item.body {
                erase_block(body);
            }
            item
        })
        .collect()
}

const NOWHERE: Span = Span {
    file: FileId(0),
    start: 0,
    end: 0,
};

fn erase_block(block: &mut ast::Block) {
    block.span = NOWHERE;
    for field in &mut block.fields {
        field.span = NOWHERE;
        field.key.span = NOWHERE;
        field.values.iter_mut().for_each(erase_value);
        if let Some(nested) = &mut field.block {
            erase_block(nested);
        }
    }
}

fn erase_value(value: &mut ast::Value) {
    value.span = NOWHERE;
    if let ast::ValueKind::Text(text) = &mut value.kind {
        if let Some(lang) = &mut text.lang {
            lang.span = NOWHERE;
        }
    }
}

#[cfg(test)]
mod tests;
