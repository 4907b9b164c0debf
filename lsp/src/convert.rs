//! Byte offsets ↔ protocol positions (UTF-16 by default, UTF-8 or UTF-32 when the client
//! offers them), and compiler values → protocol values.

use line_index::{LineCol, LineIndex, TextSize, WideEncoding, WideLineCol};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes.
    Utf8,
    /// UTF-16 code units (the protocol's default).
    #[default]
    Utf16,
    /// Code points.
    Utf32,
}

impl Encoding {
    /// The best encoding among those the client offers (UTF-8 is exact for byte
    /// offsets; UTF-16 is what every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF16) || offered.is_empty() {
            Encoding::Utf16
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol name.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn wide(self) -> Option<WideEncoding> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Utf16 => Some(WideEncoding::Utf16),
            Encoding::Utf32 => Some(WideEncoding::Utf32),
        }
    }
}

/// One file's text with its line index.
#[derive(Debug)]
pub struct LineMap {
    index: LineIndex,
    len: usize,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// Byte offsets that are not character boundaries (only for non-ASCII texts).
    ascii: bool,
    text_boundaries: Vec<usize>,
    /// Bytes of the indexed text before offset 0 (a byte order mark the compiler's copy
    /// of the file does not have).
    skip: usize,
}

impl LineMap {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineMap {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ascii = text.is_ascii();
        let text_boundaries = if ascii {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).collect()
        };
        LineMap {
            index: LineIndex::new(text),
            len: text.len(),
            starts,
            ascii,
            text_boundaries,
            skip: 0,
        }
    }

    /// Indexes a client's `text` of a file for offsets into the compiler's copy, which
    /// sets a leading byte order mark aside: positions stay those of the client's text.
    pub fn of_client(text: &str) -> LineMap {
        LineMap {
            skip: text.len() - laurel::source::strip_bom(text).0.len(),
            ..LineMap::new(text)
        }
    }

    /// The character boundary at or before `offset`, within the text.
    fn floor(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        if self.ascii || offset == self.len {
            return offset;
        }
        match self.text_boundaries.binary_search(&offset) {
            Ok(_) => offset,
            Err(i) => self
                .text_boundaries
                .get(i.wrapping_sub(1))
                .copied()
                .unwrap_or(0),
        }
    }

    /// The position of a byte offset (clamped to the text and to character boundaries).
    pub fn position(&self, enc: Encoding, offset: usize) -> Position {
        let offset = self.floor(offset.saturating_add(self.skip));
        let Some(lc) = u32::try_from(offset)
            .ok()
            .and_then(|o| self.index.try_line_col(TextSize::from(o)))
        else {
            return Position::new(0, 0);
        };
        match enc.wide() {
            None => Position::new(lc.line, lc.col),
            Some(w) => match self.index.to_wide(w, lc) {
                Some(wide) => Position::new(wide.line, wide.col),
                None => Position::new(lc.line, lc.col),
            },
        }
    }

    /// The range of a byte range.
    pub fn range(&self, enc: Encoding, range: std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(enc, range.start),
            self.position(enc, range.end),
        )
    }

    /// The byte offset of a position; columns past the end of a line give the line's
    /// end, lines past the end give the end of the text.
    pub fn offset(&self, enc: Encoding, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len - self.skip;
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.len, |next| next.saturating_sub(1));
        let col = match enc.wide() {
            None => position.character,
            Some(w) => self
                .index
                .to_utf8(
                    w,
                    WideLineCol {
                        line: position.line,
                        col: position.character,
                    },
                )
                .map_or(u32::MAX, |lc: LineCol| lc.col),
        };
        let offset = start.saturating_add(col as usize).min(end);
        self.floor(offset).saturating_sub(self.skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trip_outside_the_bmp() {
        let text = "title \"😀 Übung\"@de\n  x\n";
        let map = LineMap::new(text);
        let u = text.find('Ü').unwrap();
        let p = map.position(Encoding::Utf16, u);
        assert_eq!(p, Position::new(0, 10)); // `title "` = 7, 😀 = 2 units, space = 1
        assert_eq!(map.offset(Encoding::Utf16, p), u);
        assert_eq!(map.position(Encoding::Utf8, u), Position::new(0, u as u32));
        assert_eq!(map.position(Encoding::Utf32, u), Position::new(0, 9));
        // Inside a character: clamped to its start; past the line: its end.
        assert_eq!(map.position(Encoding::Utf16, u + 1), p);
        assert_eq!(
            map.offset(Encoding::Utf16, Position::new(0, 999)),
            text.find('\n').unwrap()
        );
        assert_eq!(map.offset(Encoding::Utf16, Position::new(9, 0)), text.len());
        assert_eq!(map.position(Encoding::Utf16, 10_000), Position::new(2, 0));
    }

    #[test]
    fn a_client_text_with_a_byte_order_mark_counts_it() {
        let map = LineMap::of_client("\u{feff}ab\ncd");
        // Offset 0 of the compiler's copy is after the mark: one UTF-16 unit.
        assert_eq!(map.position(Encoding::Utf16, 0), Position::new(0, 1));
        assert_eq!(map.position(Encoding::Utf16, 3), Position::new(1, 0));
        assert_eq!(map.offset(Encoding::Utf16, Position::new(0, 2)), 1);
        assert_eq!(map.offset(Encoding::Utf16, Position::new(0, 0)), 0);
        assert_eq!(map.offset(Encoding::Utf16, Position::new(5, 0)), 5);
        let plain = LineMap::of_client("ab\ncd");
        assert_eq!(plain.position(Encoding::Utf16, 3), Position::new(1, 0));
    }
}
