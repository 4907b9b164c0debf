//! The tokens of a parsed file, in order, as the parser saw them.
//!
//! Names, values and braces come from the syntax tree (so a brace or `//` inside a
//! string or an IRI is never mistaken for structure); the text between them holds only
//! what the grammar skips: spaces, tabs, line breaks and comments (and the `from` of a
//! `micro-credential NAME from TEMPLATE` header).

use crate::syntax::ast::{Block, ParsedFile, Value};

/// One token of the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    /// A keyword, name or single-line value, as written.
    Atom(&'a str),
    /// A `"""` text block (with its language tag), as written.
    TextBlock(&'a str),
    /// `{`.
    Open,
    /// `}`.
    Close,
    /// `// ...` up to the end of the line, trailing whitespace removed.
    Comment(&'a str),
    /// A line break (`\n`, `\r\n` or a lone `\r`).
    Newline,
}

/// The tokens of `text`, whose syntax tree is `parsed` (parsed without errors).
pub(super) fn tokens<'a>(text: &'a str, parsed: &ParsedFile) -> Result<Vec<Tok<'a>>, String> {
    let mut anchored: Vec<(usize, usize, Tok<'a>)> = Vec::new();
    for item in &parsed.items {
        let start = item.span.start as usize;
        let keyword = item.kind.keyword();
        anchored.push((start, start + keyword.len(), Tok::Atom(keyword)));
        anchored.push(span_tok(text, item.name.span.range(), false)?);
        if let Some(from) = &item.from {
            anchored.push(span_tok(text, from.span.range(), false)?);
        }
        if let Some(title) = &item.title {
            anchored.push(value_tok(text, title)?);
        }
        if let Some(body) = &item.body {
            block_toks(text, body, &mut anchored)?;
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, tok) in anchored {
        let gap = text
            .get(at..start)
            .ok_or_else(|| format!("tokens out of order at byte {start}"))?;
        gap_toks(gap, &mut out);
        if let Tok::Atom(word) = tok {
            if text.get(start..end) != Some(word) {
                return Err(format!("expected `{word}` at byte {start}"));
            }
        }
        out.push(tok);
        at = end;
    }
    gap_toks(text.get(at..).unwrap_or(""), &mut out);
    Ok(out)
}

/// The comments, in order.
pub(super) fn comments<'a>(toks: &[Tok<'a>]) -> Vec<&'a str> {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Comment(c) => Some(*c),
            _ => None,
        })
        .collect()
}

fn block_toks<'a>(
    text: &'a str,
    block: &Block,
    out: &mut Vec<(usize, usize, Tok<'a>)>,
) -> Result<(), String> {
    let (start, end) = (block.span.start as usize, block.span.end as usize);
    if text.get(start..start + 1) != Some("{") || end == 0 || text.get(end - 1..end) != Some("}") {
        return Err(format!("no block braces at bytes {start}..{end}"));
    }
    out.push((start, start + 1, Tok::Open));
    for field in &block.fields {
        out.push(span_tok(text, field.key.span.range(), false)?);
        for value in &field.values {
            out.push(value_tok(text, value)?);
        }
        if let Some(nested) = &field.block {
            block_toks(text, nested, out)?;
        }
    }
    out.push((end - 1, end, Tok::Close));
    Ok(())
}

fn value_tok<'a>(text: &'a str, value: &Value) -> Result<(usize, usize, Tok<'a>), String> {
    let range = value.span.range();
    let raw = text.get(range.clone()).unwrap_or("");
    span_tok(text, range, raw.starts_with("\"\"\""))
}

fn span_tok(
    text: &str,
    range: std::ops::Range<usize>,
    text_block: bool,
) -> Result<(usize, usize, Tok<'_>), String> {
    let raw = text
        .get(range.clone())
        .filter(|r| !r.is_empty())
        .ok_or_else(|| format!("no token at bytes {range:?}"))?;
    let tok = if text_block {
        Tok::TextBlock(raw)
    } else {
        Tok::Atom(raw)
    };
    Ok((range.start, range.end, tok))
}

/// Splits the text between two tokens: whitespace, line breaks, comments, and any other
/// run of characters as an atom (only `from` in a file that parsed).
fn gap_toks<'a>(gap: &'a str, out: &mut Vec<Tok<'a>>) {
    let mut rest = gap;
    while let Some(c) = rest.chars().next() {
        match c {
            ' ' | '\t' => rest = &rest[1..],
            '\n' => {
                out.push(Tok::Newline);
                rest = &rest[1..];
            }
            '\r' => {
                out.push(Tok::Newline);
                rest = rest.strip_prefix("\r\n").unwrap_or(&rest[1..]);
            }
            _ if rest.starts_with("//") => {
                let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                out.push(Tok::Comment(rest[..end].trim_end()));
                rest = &rest[end..];
            }
            _ => {
                let end = rest
                    .char_indices()
                    .find(|&(i, c)| {
                        matches!(c, ' ' | '\t' | '\n' | '\r') || rest[i..].starts_with("//")
                    })
                    .map_or(rest.len(), |(i, _)| i);
                let end = end.max(c.len_utf8());
                out.push(Tok::Atom(&rest[..end]));
                rest = &rest[end..];
            }
        }
    }
}
