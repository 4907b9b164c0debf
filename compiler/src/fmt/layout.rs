//! Lays the tokens out in the canonical style (see the module documentation of
//! [`crate::fmt`]).

use super::tokens::Tok;

/// What to do with `"""` text blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextBlocks {
    /// Re-indent the content as a whole where that provably keeps the text.
    Reindent,
    /// Keep the lines exactly as written.
    Verbatim,
}

/// Spaces per block level.
const INDENT: usize = 2;

/// The column (counted in characters from 0) where trailing comments start, unless the
/// code is longer: then one space after it.
pub(super) const COMMENT_COLUMN: usize = 38;

/// One output line (a text block makes it several physical lines).
#[derive(Debug, Default)]
struct Line {
    /// Block level.
    depth: usize,
    /// The code, tokens joined by single spaces; empty for a comment on its own line.
    code: String,
    /// A comment at the end of the line, or the comment of a comment line.
    comment: Option<String>,
    /// The line ends with `{`.
    opens: bool,
    /// The line is a `}`.
    closes: bool,
}

impl Line {
    fn new(depth: usize) -> Line {
        Line {
            depth,
            ..Line::default()
        }
    }

    fn push_code(&mut self, code: &str) {
        if !self.code.is_empty() {
            self.code.push(' ');
        }
        self.code.push_str(code);
    }

    /// Width in characters of the (last physical) line before its trailing comment.
    fn width(&self) -> usize {
        match self.code.rsplit_once('\n') {
            Some((_, last)) => last.chars().count(),
            None => self.depth * INDENT + self.code.chars().count(),
        }
    }
}

enum Row {
    Blank,
    Line(Line),
}

/// The rows built so far, and whether a blank line was seen since the last one.
#[derive(Default)]
struct Rows {
    rows: Vec<Row>,
    blank: bool,
}

impl Rows {
    fn last_line(&self) -> Option<&Line> {
        self.rows.iter().rev().find_map(|r| match r {
            Row::Line(l) => Some(l),
            Row::Blank => None,
        })
    }

    /// Adds a line, with a blank line before it where the style wants one.
    fn push(&mut self, line: Line) {
        let blank = match self.last_line() {
            None => false,
            Some(_) if line.closes => false,
            Some(prev) if prev.opens => false,
            // After the end of a top-level item (its `}`, or an outcome without a block).
            Some(prev) if prev.depth == 0 && !prev.code.is_empty() => true,
            Some(_) => self.blank,
        };
        if blank {
            self.rows.push(Row::Blank);
        }
        self.rows.push(Row::Line(line));
        self.blank = false;
    }
}

/// The formatted text.
pub(super) fn render(toks: &[Tok<'_>], mode: TextBlocks) -> String {
    let mut rows = Rows::default();
    let mut current: Option<Line> = None;
    // The current line ended with `{` or `}`: the next code starts a new line.
    let mut closed = false;
    let mut depth = 0usize;
    let mut at_line_start = true;
    for tok in toks {
        match *tok {
            Tok::Newline => {
                match current.take() {
                    Some(line) => rows.push(line),
                    None if at_line_start => rows.blank = true,
                    None => {}
                }
                closed = false;
                at_line_start = true;
                continue;
            }
            Tok::Comment(text) => {
                let mut line = current.take().unwrap_or_else(|| Line::new(depth));
                line.comment = Some(text.to_string());
                rows.push(line);
                closed = false;
            }
            Tok::Atom(text) | Tok::TextBlock(text) => {
                if closed {
                    if let Some(line) = current.take() {
                        rows.push(line);
                    }
                    closed = false;
                }
                let line = current.get_or_insert_with(|| Line::new(depth));
                if let Tok::TextBlock(_) = tok {
                    let target = (line.depth + 1) * INDENT;
                    line.push_code(&text_block(text, target, mode));
                } else {
                    line.push_code(text);
                }
                line.opens = false;
            }
            Tok::Open => {
                if closed {
                    if let Some(line) = current.take() {
                        rows.push(line);
                    }
                }
                let line = current.get_or_insert_with(|| Line::new(depth));
                line.push_code("{");
                line.opens = true;
                depth += 1;
                closed = true;
            }
            Tok::Close => {
                if let Some(line) = current.take() {
                    rows.push(line);
                }
                depth = depth.saturating_sub(1);
                let mut line = Line::new(depth);
                line.code.push('}');
                line.closes = true;
                current = Some(line);
                closed = true;
            }
        }
        at_line_start = false;
    }
    if let Some(line) = current.take() {
        rows.push(line);
    }
    print(&rows.rows)
}

/// Prints the rows.
fn print(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let Row::Line(line) = row else {
            out.push('\n');
            continue;
        };
        out.extend(std::iter::repeat_n(' ', line.depth * INDENT));
        out.push_str(&line.code);
        if let Some(comment) = &line.comment {
            if !line.code.is_empty() {
                let pad = COMMENT_COLUMN.saturating_sub(line.width()).max(1);
                out.extend(std::iter::repeat_n(' ', pad));
            }
            out.push_str(comment);
        }
        out.push('\n');
    }
    out
}

/// A `"""` text block for a line whose content goes `target` spaces deep.
fn text_block(raw: &str, target: usize, mode: TextBlocks) -> String {
    // `\r\n` to `\n` keeps the text (the compiler reads the block line by line), unless a
    // lone `\r` is around, which it keeps inside a line.
    if raw.replace("\r\n", "").contains('\r') {
        return raw.to_string();
    }
    let raw = raw.replace("\r\n", "\n");
    match mode {
        TextBlocks::Reindent => reindent(&raw, target).unwrap_or(raw),
        TextBlocks::Verbatim => raw,
    }
}

/// Moves the content of a text block so that its common indentation is `target` spaces,
/// or `None` when that could change the text. The compiler's reading of a block (see
/// `syntax::lower::dedent`): drop the line break after the opening quotes, cut the
/// smallest indentation (in bytes, over lines that are not blank) off every line (a line
/// too short for the cut, or cut inside a character, becomes empty when blank), then
/// drop trailing blank lines. Replacing the first `indent` bytes of each line by
/// `target` spaces keeps every line's remainder, and so the text.
pub(super) fn reindent(raw: &str, target: usize) -> Option<String> {
    let rest = raw.strip_prefix("\"\"\"")?;
    let close = rest.find("\"\"\"")?;
    let (inner, tail) = (&rest[..close], &rest[close + 3..]);
    let body = inner.strip_prefix('\n')?;
    let mut lines: Vec<&str> = body.split('\n').collect();
    let last = lines.pop()?;
    let closing_on_own_line = last.trim().is_empty();
    if closing_on_own_line {
        // Trailing blank lines are dropped by the compiler.
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
    } else {
        lines.push(last);
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let pad = " ".repeat(target);
    let mut out = String::from("\"\"\"\n");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let remainder = line.get(indent..);
        if line.trim().is_empty() {
            // A blank line keeps only the spaces beyond the common indentation.
            if let Some(r) = remainder.filter(|r| !r.is_empty()) {
                out.push_str(&pad);
                out.push_str(r);
            }
        } else {
            out.push_str(&pad);
            out.push_str(remainder?);
        }
    }
    if closing_on_own_line {
        if !lines.is_empty() {
            out.push('\n');
        }
        out.push_str(&pad);
    }
    out.push_str("\"\"\"");
    out.push_str(tail);
    Some(out)
}
