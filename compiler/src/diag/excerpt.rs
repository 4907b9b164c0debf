//! The source a diagnostic shows in the human format: a copy of the lines its places are
//! on, each long line cut to a window around the places (`…` where cut), so a
//! diagnostic on a line of 68 KB prints a hundred columns, not the line. codespan-reporting
//! renders from the copy; the line and column numbers it prints come from the real file.

use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::source::{FileId, SourceFile, Sources, Span};

/// Lines longer than this (in characters) are cut.
pub const MAX_COLUMNS: usize = 120;

/// Characters shown on each side of a place when places on a line are too far apart to
/// share one window.
const MARGIN: usize = 20;

/// Lines this far from a place are kept: codespan-reporting shows a few lines after the
/// start and before the end of a place over several lines (`start_context_lines`,
/// `end_context_lines`, and one line to fill a gap of one). Lines further away are left
/// empty, as they are never shown.
const KEPT_LINES: usize = 6;

const CUT: &str = "…";

/// The excerpts of one diagnostic, one per file it points into.
pub struct Excerpts<'a> {
    files: Vec<Excerpt<'a>>,
}

struct Excerpt<'a> {
    file: &'a SourceFile,
    /// The file's id in the real files.
    id: FileId,
    /// The real line of the excerpt's first line.
    first_line: usize,
    text: String,
    line_starts: Vec<usize>,
    /// Per excerpt line, the copied stretches of the real line.
    pieces: Vec<Vec<Piece>>,
}

/// `len` bytes copied from the real file at `real` to the excerpt at `at`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    at: usize,
    real: usize,
    len: usize,
}

impl<'a> Excerpts<'a> {
    /// The excerpts showing `spans`, and each span's place in them (excerpt, byte range).
    pub fn new(sources: &'a Sources, spans: &[Span]) -> (Excerpts<'a>, Vec<(usize, Range<usize>)>) {
        let mut files: Vec<Excerpt<'a>> = Vec::new();
        for span in spans {
            if !files.iter().any(|e| e.id == span.file) {
                let same: Vec<Span> = spans
                    .iter()
                    .copied()
                    .filter(|s| s.file == span.file)
                    .collect();
                files.push(Excerpt::new(sources.get(span.file), span.file, &same));
            }
        }
        let places = spans
            .iter()
            .map(|span| {
                let id = files
                    .iter()
                    .position(|e| e.id == span.file)
                    .unwrap_or_default();
                let excerpt = &files[id];
                (
                    id,
                    excerpt.map(span.start as usize)..excerpt.map(span.end as usize),
                )
            })
            .collect();
        (Excerpts { files }, places)
    }
}

impl<'a> Excerpt<'a> {
    fn new(file: &'a SourceFile, id: FileId, spans: &[Span]) -> Excerpt<'a> {
        let text = &file.text;
        let mut anchors: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s.start as usize, s.end.max(s.start) as usize])
            .map(|o| o.min(text.len()))
            .collect();
        anchors.sort_unstable();
        anchors.dedup();
        let lines: Vec<usize> = anchors.iter().map(|&o| file.line_of(o)).collect();
        let first_line = lines.first().copied().unwrap_or_default();
        let last_line = lines.last().copied().unwrap_or_default();
        let starts = file.line_starts();
        let mut excerpt = Excerpt {
            file,
            id,
            first_line,
            text: String::new(),
            line_starts: Vec::new(),
            pieces: Vec::new(),
        };
        for line in first_line..=last_line {
            excerpt.line_starts.push(excerpt.text.len());
            let start = starts[line];
            let end = starts.get(line + 1).copied().unwrap_or(text.len());
            let near = lines.iter().any(|&l| l.abs_diff(line) <= KEPT_LINES);
            if !near {
                excerpt.text.push('\n');
                excerpt.pieces.push(Vec::new());
                continue;
            }
            let on_line: Vec<usize> = anchors
                .iter()
                .zip(&lines)
                .filter(|&(_, &l)| l == line)
                .map(|(&o, _)| o)
                .collect();
            let pieces = excerpt.copy_line(start..end, &on_line);
            excerpt.pieces.push(pieces);
        }
        excerpt
    }

    /// Copies the real line `range` (with its line break), cut around `anchors` when it
    /// is long; returns the copied pieces.
    fn copy_line(&mut self, range: Range<usize>, anchors: &[usize]) -> Vec<Piece> {
        let line = &self.file.text[range.clone()];
        let content = line.trim_end_matches('\n').trim_end_matches('\r');
        let at = self.text.len();
        if content.len() <= MAX_COLUMNS || content.chars().count() <= MAX_COLUMNS {
            self.text.push_str(line);
            return vec![Piece {
                at,
                real: range.start,
                len: line.len(),
            }];
        }
        // character boundaries of the content, its end included
        let bounds: Vec<usize> = content
            .char_indices()
            .map(|(i, _)| i)
            .chain([content.len()])
            .collect();
        let chars = bounds.len() - 1;
        let column = |offset: usize| {
            let byte = offset.saturating_sub(range.start).min(content.len());
            bounds.partition_point(|&b| b < byte)
        };
        let windows = windows(
            &anchors.iter().map(|&o| column(o)).collect::<Vec<_>>(),
            chars,
        );
        let mut pieces = Vec::new();
        let mut shown_to = 0;
        for (lo, hi) in windows {
            if lo > shown_to || (lo > 0 && pieces.is_empty()) {
                self.text.push_str(CUT);
            }
            let (from, to) = (bounds[lo], bounds[hi]);
            pieces.push(Piece {
                at: self.text.len(),
                real: range.start + from,
                len: to - from,
            });
            self.text.push_str(&content[from..to]);
            shown_to = hi;
        }
        let ending = &line[content.len()..];
        if shown_to < chars {
            self.text.push_str(CUT);
        } else if let Some(last) = pieces.last_mut() {
            // the line break belongs to the last piece: a place at the end of the line
            last.len += ending.len();
        }
        self.text.push_str(ending);
        pieces
    }

    /// The excerpt offset of real offset `offset` (on a character boundary).
    fn map(&self, offset: usize) -> usize {
        let line = self.file.line_of(offset.min(self.file.text.len()));
        let mapped = line
            .checked_sub(self.first_line)
            .and_then(|l| self.pieces.get(l))
            .and_then(|pieces| {
                pieces
                    .iter()
                    .find(|p| p.real <= offset && offset <= p.real + p.len)
            })
            .map_or(0, |p| p.at + offset - p.real);
        let mut mapped = mapped.min(self.text.len());
        while !self.text.is_char_boundary(mapped) {
            mapped -= 1;
        }
        mapped
    }

    /// The real offset of excerpt offset `offset` on excerpt line `line`.
    fn real(&self, line: usize, offset: usize) -> Option<usize> {
        self.pieces
            .get(line)?
            .iter()
            .find(|p| p.at <= offset && offset <= p.at + p.len)
            .map(|p| p.real + offset - p.at)
    }
}

/// The windows `(first, end)` of character columns to show of a line of `chars`
/// characters so that every anchor column is inside one: a single window of
/// [`MAX_COLUMNS`] when they fit in it, else one of [`MARGIN`] on each side of each group
/// of close anchors.
fn windows(anchors: &[usize], chars: usize) -> Vec<(usize, usize)> {
    let width = MAX_COLUMNS - 2; // room for the two `…`
    let (Some(&first), Some(&last)) = (anchors.iter().min(), anchors.iter().max()) else {
        return vec![(0, width.min(chars))];
    };
    if last - first <= width - 2 * MARGIN {
        let pad = (width - (last - first)) / 2;
        let mut lo = first.saturating_sub(pad);
        let hi = (lo + width).max(last).min(chars);
        lo = lo.min(hi.saturating_sub(width));
        return vec![(lo, hi)];
    }
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut sorted = anchors.to_vec();
    sorted.sort_unstable();
    for a in sorted {
        let (lo, hi) = (a.saturating_sub(MARGIN), (a + MARGIN).min(chars));
        match windows.last_mut() {
            Some(w) if lo <= w.1 + 1 => w.1 = w.1.max(hi),
            _ => windows.push((lo, hi)),
        }
    }
    windows
}

impl<'a> Files<'a> for Excerpts<'a> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, FilesError> {
        let e = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(e.file.path.display().to_string())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        let e = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(&e.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let e = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(e.line_starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let e = self.files.get(id).ok_or(FilesError::FileMissing)?;
        let start = *e
            .line_starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: e.line_starts.len().saturating_sub(1),
            })?;
        let end = e
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(e.text.len());
        Ok(start..end)
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, FilesError> {
        let e = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(e.first_line + line_index + 1)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let e = self.files.get(id).ok_or(FilesError::FileMissing)?;
        let real = e
            .real(line_index, byte_index)
            .ok_or(FilesError::IndexTooLarge {
                given: byte_index,
                max: e.text.len(),
            })?;
        Ok(e.file.line_col(real).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_hold_every_anchor_and_stay_narrow() {
        for (anchors, chars) in [
            (vec![0], 1000),
            (vec![999], 1000),
            (vec![500, 510], 1000),
            (vec![10, 900], 1000),
            (vec![10, 30, 60, 900, 1000], 1000),
        ] {
            let w = windows(&anchors, chars);
            for a in &anchors {
                assert!(
                    w.iter().any(|&(lo, hi)| lo <= *a && *a <= hi),
                    "{anchors:?}: {w:?}"
                );
            }
            let shown: usize = w.iter().map(|(lo, hi)| hi - lo).sum();
            assert!(shown <= MAX_COLUMNS * anchors.len(), "{anchors:?}: {w:?}");
            if anchors.len() == 1 {
                assert_eq!(shown, MAX_COLUMNS - 2, "{w:?}");
            }
        }
    }

    #[test]
    fn places_map_into_the_excerpt_and_back() {
        let long = format!("x = \"{}é{}\"\n", "a".repeat(500), "b".repeat(500));
        let text = format!("first\n{long}last\n");
        let mut sources = Sources::new();
        let id = sources.add("a.laurel", text.clone());
        let at = text.find('é').unwrap();
        let spans = [Span::new(id, at, at + 2), Span::new(id, 6, 7)];
        let (excerpts, places) = Excerpts::new(&sources, &spans);
        let excerpt = &excerpts.files[0];
        assert_eq!(&excerpt.text[places[0].1.clone()], "é");
        assert_eq!(&excerpt.text[places[1].1.clone()], "x");
        let lines: Vec<&str> = excerpt.text.lines().collect();
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("x = \"aaa") && lines[0].contains("…"),
            "{}",
            lines[0]
        );
        assert!(lines[0].chars().count() <= 2 * MAX_COLUMNS, "{}", lines[0]);
        let line = excerpts.line_index(0, places[0].1.start).unwrap();
        assert_eq!(excerpts.line_number(0, line).unwrap(), 2);
        assert_eq!(
            excerpts.column_number(0, line, places[0].1.start).unwrap(),
            sources.get(id).line_col(at).1
        );
    }
}
