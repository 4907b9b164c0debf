//! Splits a file into top-level items before parsing, so that each item parses alone
//! and a syntax error in one never hides the others.

use super::ast::ItemKind;

/// A run of lines that forms one item (or stray text between items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The item kind, or `None` for text that is not an item.
    pub kind: Option<ItemKind>,
    /// Byte range of the item text (from its keyword up to the next item).
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// Text of the `///` lines just above the item.
    pub doc: Option<String>,
}

/// Splits `text` into chunks. Every byte that is not blank or a comment belongs to
/// exactly one chunk.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut doc_lines: Vec<&str> = Vec::new();
    let mut in_triple = false;
    // Brace depth of the open item, and whether its block has been opened.
    let mut depth = 0i32;
    let mut opened = false;
    let mut offset = 0;
    for line in lines(text) {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let starts_item = !in_triple && item_keyword(content).is_some();
        let (delta, ends_in_triple) = brace_delta(content, in_triple);
        in_triple = ends_in_triple;
        if starts_item {
            depth = delta;
            opened = delta > 0;
            close_last(&mut out, line_start, text);
            let doc = (!doc_lines.is_empty()).then(|| doc_lines.join("\n"));
            doc_lines.clear();
            out.push(Chunk {
                kind: item_keyword(content),
                start: line_start,
                end: text.len(),
                doc,
            });
            continue;
        }
        let trimmed = content.trim_start();
        if !in_triple && content.starts_with("///") {
            let doc = content.trim_start_matches('/');
            doc_lines.push(doc.strip_prefix(' ').unwrap_or(doc));
            continue;
        }
        doc_lines.clear();
        let open = out.last().is_some_and(|c| c.end == text.len());
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        let in_item = open && out.last().is_some_and(|c| c.kind.is_some());
        if in_item && !(opened && depth <= 0) {
            depth += delta;
            opened |= delta > 0 || depth > 0;
            continue;
        }
        if open && !in_item {
            continue;
        }
        // Stray text outside any item: its own chunk, up to the next item.
        close_last(&mut out, line_start, text);
        out.push(Chunk {
            kind: None,
            start: line_start + (content.len() - trimmed.len()),
            end: text.len(),
            doc: None,
        });
    }
    close_last(&mut out, text.len(), text);
    out
}

/// How much a line opens blocks (`{` minus `}` outside strings, text blocks and
/// comments), and whether it ends inside a `"""` text block, given whether it starts in
/// one. Looser than the grammar on purpose (a `"` left open hides the rest of its line),
/// so that a typo in a string does not end the item early; [`Braces`] reads as the
/// grammar does.
fn brace_delta(line: &str, in_text_block: bool) -> (i32, bool) {
    let bytes = line.as_bytes();
    let mut delta = 0;
    let mut inside = in_text_block;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if inside {
            match rest.windows(TRIPLE.len()).position(|w| w == TRIPLE) {
                Some(at) => {
                    i += at + TRIPLE.len();
                    inside = false;
                }
                None => break,
            }
            continue;
        }
        if rest.starts_with(TRIPLE) {
            inside = true;
            i += TRIPLE.len();
            continue;
        }
        match rest[0] {
            b'"' => {
                // to the closing quote, past escapes; an open one hides the rest
                let mut j = 1;
                while j < rest.len() && rest[j] != b'"' {
                    j += if rest[j] == b'\\' { 2 } else { 1 };
                }
                i += j + 1;
            }
            b'/' if rest.get(1) == Some(&b'/') => break,
            b'{' => {
                delta += 1;
                i += 1;
            }
            b'}' => {
                delta -= 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    (delta, inside)
}

/// The most levels of blocks an item may nest, its own block included. Real items
/// nest a handful (`micro-credential { assessment { grading { ... } } }`).
pub const MAX_DEPTH: usize = 32;

/// An item that nests blocks deeper than [`MAX_DEPTH`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TooDeep {
    /// Byte offset of the first `{` beyond the limit.
    pub at: usize,
    /// The deepest level the item reaches.
    pub depth: usize,
}

/// Whether `text` (one item) nests blocks deeper than [`MAX_DEPTH`]. Read before the
/// grammar sees the item, so that nothing recurses over a nesting it cannot take.
///
/// Braces in strings, IRIs and comments do not count. In a text block each `{` counts
/// and no `}` does: the grammar reads a text block's lines as fields when the field
/// it is in goes wrong after it, so its braces may still open blocks.
pub(super) fn too_deep(text: &str) -> Option<TooDeep> {
    let mut depth = 0usize;
    let mut found: Option<TooDeep> = None;
    for brace in Braces::new(text) {
        if !brace.open {
            if !brace.in_text_block {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            let deep = found.get_or_insert(TooDeep {
                at: brace.at,
                depth,
            });
            deep.depth = deep.depth.max(depth);
        }
    }
    found
}

/// A `{` or `}` that may open or close a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Brace {
    /// Its byte offset.
    at: usize,
    /// `{` rather than `}`.
    open: bool,
    /// Inside a `"""` text block.
    in_text_block: bool,
}

/// The braces of a text outside `"..."` strings, `<...>` IRIs and `//` comments, read
/// as the grammar reads those (a string with a bad escape or no closing quote is none);
/// braces in `"""` text blocks are marked as such.
struct Braces<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The end of the text block being read.
    text_block_end: Option<usize>,
    /// Before these offsets a `"` (first) or a `<` (second) starts no string or IRI:
    /// one read from further back ended there without being one.
    no_token_before: [usize; 2],
}

impl<'a> Braces<'a> {
    fn new(text: &'a str) -> Braces<'a> {
        Braces {
            bytes: text.as_bytes(),
            at: 0,
            text_block_end: None,
            no_token_before: [0; 2],
        }
    }
}

impl Iterator for Braces<'_> {
    type Item = Brace;

    fn next(&mut self) -> Option<Brace> {
        while self.at < self.bytes.len() {
            let at = self.at;
            let rest = &self.bytes[at..];
            if let Some(end) = self.text_block_end {
                if at >= end {
                    // Past the closing quotes.
                    self.at = (end + TRIPLE.len()).min(self.bytes.len());
                    self.text_block_end = None;
                    continue;
                }
                self.at += 1;
                if matches!(rest[0], b'{' | b'}') {
                    return Some(Brace {
                        at,
                        open: rest[0] == b'{',
                        in_text_block: true,
                    });
                }
                continue;
            }
            if rest.starts_with(b"//") {
                self.at += rest
                    .iter()
                    .position(|&b| matches!(b, b'\n' | b'\r'))
                    .unwrap_or(rest.len());
                continue;
            }
            if rest.starts_with(TRIPLE) {
                let end = rest[TRIPLE.len()..]
                    .windows(TRIPLE.len())
                    .position(|w| w == TRIPLE)
                    .map_or(self.bytes.len(), |i| at + TRIPLE.len() + i);
                self.at += TRIPLE.len();
                self.text_block_end = Some(end);
                continue;
            }
            if at >= self.no_token_before[usize::from(rest[0] == b'<')] {
                match token_len(rest) {
                    Ok(len) => {
                        self.at += len;
                        continue;
                    }
                    Err(read) => {
                        self.no_token_before[usize::from(rest[0] == b'<')] = at + read;
                    }
                }
            }
            self.at += 1;
            if matches!(rest[0], b'{' | b'}') {
                return Some(Brace {
                    at,
                    open: rest[0] == b'{',
                    in_text_block: false,
                });
            }
        }
        None
    }
}

/// The quotes around a text block.
const TRIPLE: &[u8] = b"\"\"\"";

/// The length of the `"..."` string or `<...>` IRI that `rest` starts with, as the
/// grammar reads them (`quoted`, `iri`): `Err` with the length read when it is not one
/// (no closing quote, a bad escape) or `rest` starts with neither. A `"` or `<` inside
/// the bytes read is not one either (it reads on to the same place).
fn token_len(rest: &[u8]) -> Result<usize, usize> {
    match rest.first() {
        Some(b'"') => {
            let mut i = 1;
            loop {
                match rest.get(i).ok_or(i)? {
                    b'"' => return Ok(i + 1),
                    b'\n' | b'\r' => return Err(i),
                    b'\\' => i += escape_len(&rest[i..]).ok_or(i)?,
                    _ => i += 1,
                }
            }
        }
        Some(b'<') => {
            let len = rest[1..]
                .iter()
                .position(|&b| matches!(b, b'>' | b'\n' | b'\r' | b' ' | b'\t'))
                .ok_or(rest.len())?;
            if len > 0 && rest[1 + len] == b'>' {
                Ok(len + 2)
            } else {
                Err(1 + len)
            }
        }
        _ => Err(0),
    }
}

/// The length of the valid escape `rest` starts with (`\"`, `\\`, `\n`, `\t`,
/// `\u{E9}`).
fn escape_len(rest: &[u8]) -> Option<usize> {
    match rest.get(1)? {
        b'"' | b'\\' | b'n' | b't' => Some(2),
        b'u' => {
            let digits = rest
                .iter()
                .skip(3)
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            (rest.get(2) == Some(&b'{')
                && (1..=6).contains(&digits)
                && rest.get(3 + digits) == Some(&b'}'))
            .then_some(4 + digits)
        }
        _ => None,
    }
}

/// The lines of `text`, each with its line break: `\n`, `\r\n` or a lone `\r`, as the
/// grammar's `NEWLINE` (so a comment ends where the parser ends it).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Ends the open chunk at `at`, trimming trailing blank and comment-only lines.
fn close_last(out: &mut [Chunk], at: usize, text: &str) {
    if let Some(last) = out.last_mut() {
        if last.end == text.len() {
            last.end = at;
        }
        // Doc comments belonging to the next item are not part of this one.
        let body = &text[last.start..last.end];
        let mut end = body.len();
        for line in lines(body).collect::<Vec<_>>().into_iter().rev() {
            let t = line.trim();
            if t.is_empty() || t.starts_with("///") {
                end -= line.len();
            } else {
                break;
            }
        }
        if end > 0 {
            last.end = last.start + end;
        }
    }
}

/// The item kind if `line` starts, at column 0, with an item keyword.
fn item_keyword(line: &str) -> Option<ItemKind> {
    let word_end = line
        .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
        .unwrap_or(line.len());
    let rest = &line[word_end..];
    let kind = ItemKind::from_keyword(&line[..word_end])?;
    (rest.is_empty() || rest.starts_with([' ', '\t', '{'])).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_the_grammar() {
        let split: Vec<&str> = lines("a\rb\r\nc\nd").collect();
        assert_eq!(split, ["a\r", "b\r\n", "c\n", "d"]);
        // So the comment ends at the `\r`, and what follows is text outside any item.
        let text = "// a\rb\norganisation x {\n  legal-name \"X\"\n}\n";
        let found = chunks(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].kind, None);
        assert_eq!(&text[found[0].start..found[0].end].trim_end(), &"b");
    }

    #[test]
    fn quotes_next_to_a_text_block_are_strings_not_more_blocks() {
        // `"a "` then an empty text block then `""`: the `{` opens the block
        assert_eq!(
            brace_delta(r#"  outcome "a " """""" "" "b" {"#, false),
            (1, false)
        );
        // braces in a text block do not count, those after it do
        assert_eq!(
            brace_delta(r#"  description """ { text""" }"#, false),
            (-1, false)
        );
        assert_eq!(brace_delta("  still { text", true), (0, true));
        let text = "micro-credential a {\n  outcome \"a \" \"\"\"\"\"\" \"\" \"b\" {\n  }\n}\norganisation o {\n}\n";
        let (_, diagnostics) = crate::syntax::parse(crate::source::FileId(0), text);
        let errors: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            !errors.iter().any(|m| m.contains("never closed")),
            "{errors:?}"
        );
    }

    #[test]
    fn splits_at_keywords_in_column_zero() {
        let text = "// c\norganisation a {\n  x 1\n}\n\n/// Doc\nmicro-credential b {\n  outcome \"t\"\n}\n";
        let cs = chunks(text);
        assert_eq!(cs.len(), 2);
        assert_eq!(
            &text[cs[0].start..cs[0].end],
            "organisation a {\n  x 1\n}\n"
        );
        assert_eq!(cs[1].kind, Some(ItemKind::MicroCredential));
        assert_eq!(cs[1].doc.as_deref(), Some("Doc"));
        assert!(text[cs[1].start..cs[1].end].starts_with("micro-credential b"));
    }

    #[test]
    fn indented_keyword_does_not_split() {
        let cs = chunks("micro-credential b {\n  outcome \"t\"\n}\n");
        assert_eq!(cs.len(), 1);
    }

    #[test]
    fn keyword_inside_text_block_does_not_split() {
        let text = "organisation a {\n  address \"\"\"\naward x\n\"\"\"\n}\n";
        assert_eq!(chunks(text).len(), 1);
    }

    #[test]
    fn stray_text_between_items_is_its_own_chunk() {
        let text = "organisation a {\n  x \"}\"\n}\nThis is a note.\norganisation b {\n}\n";
        let cs = chunks(text);
        assert_eq!(cs.len(), 3, "{cs:?}");
        assert_eq!(
            &text[cs[0].start..cs[0].end],
            "organisation a {\n  x \"}\"\n}\n"
        );
        assert_eq!(cs[1].kind, None);
        assert_eq!(&text[cs[1].start..cs[1].end], "This is a note.\n");
    }

    #[test]
    fn a_brace_in_a_string_left_open_does_not_end_the_item() {
        let text = "organisation a {\n  legal-name \"A }\n  country DEU\n}\n";
        let cs = chunks(text);
        assert_eq!(cs.len(), 1, "{cs:?}");
        assert_eq!(cs[0].end, text.len());
    }

    fn open_braces(text: &str) -> Vec<(usize, bool)> {
        Braces::new(text)
            .map(|b| (b.at, b.in_text_block))
            .filter(|&(at, _)| text.as_bytes()[at] == b'{')
            .collect()
    }

    #[test]
    fn braces_skip_strings_iris_and_comments_as_the_grammar_reads_them() {
        assert_eq!(open_braces(r#"a "{" <x{> { // {"#), [(11, false)]);
        assert_eq!(open_braces(r#"a "\"{" {"#), [(8, false)]);
        assert_eq!(open_braces(r#"a "\u{7B}{" {"#), [(12, false)]);
        // Not strings to the grammar: a bad escape, no closing quote, a space in `<>`.
        assert_eq!(open_braces(r#"a "\q{" {"#).len(), 2);
        assert_eq!(open_braces("a \"{\n\"{").len(), 2);
        assert_eq!(open_braces("a <x {>").len(), 1);
        assert_eq!(open_braces("a <> {").len(), 1);
        // `//` in an IRI is no comment.
        assert_eq!(open_braces("a <https://x> {"), [(14, false)]);
    }

    #[test]
    fn braces_in_text_blocks_are_marked() {
        let text = "a \"\"\"\n{ \"\n\"\"\" {";
        assert_eq!(open_braces(text), [(6, true), (14, false)]);
        // The closing quotes do not open another text block.
        assert_eq!(
            open_braces("x \"\"\"\"\"\" {\ny \"\"\"{"),
            [(9, false), (16, true)]
        );
    }

    #[test]
    fn depth_counts_levels_and_points_at_the_first_too_many() {
        let deep = |n: usize| format!("award a {{\n{}{}\n}}", "a{".repeat(n), "}".repeat(n));
        assert_eq!(too_deep(&deep(MAX_DEPTH - 1)), None);
        let text = deep(MAX_DEPTH + 9);
        let found = too_deep(&text).expect("too deep");
        assert_eq!(found.depth, MAX_DEPTH + 10);
        assert_eq!(text[..found.at].matches('{').count(), MAX_DEPTH);
        // Closed blocks do not add up.
        let wide = format!("award a {{\n{}}}", "a {}\n".repeat(1000));
        assert_eq!(too_deep(&wide), None);
        // In a text block `{` counts and `}` does not.
        let text_block = format!(
            "award a {{\n x \"\"\"\n{}\n\"\"\"\n}}",
            "{}".repeat(MAX_DEPTH)
        );
        assert!(too_deep(&text_block).is_some());
    }

    #[test]
    fn many_quotes_or_angles_read_in_linear_time() {
        let text = format!("{}{}{}", "<".repeat(200_000), "\"\\\"".repeat(100_000), "{");
        assert_eq!(Braces::new(&text).count(), 1);
    }

    #[test]
    fn stray_text_is_its_own_chunk() {
        let cs = chunks("hello\norganisation a {\n}\n");
        assert_eq!(cs[0].kind, None);
        assert_eq!(cs[1].kind, Some(ItemKind::Organisation));
    }
}
