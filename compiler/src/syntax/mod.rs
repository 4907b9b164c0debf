//! Source text to syntax tree, with item-level error recovery.
//!
//! 1. [`chunk::chunks`] splits the file at item keywords in column 0.
//! 2. Each chunk is parsed with the pest rule `item` (grammar/laurel.pest).
//! 3. Lines inside blocks that are not fields parse as `junk`; each is re-parsed alone
//!    to explain what is wrong with it, and the rest of the block is kept.

pub mod ast;
mod chunk;
pub mod date;
mod lower;
pub mod schema;

use pest::Parser as _;

use crate::diag::{codes, Diagnostic};
use crate::source::{FileId, Span};
use ast::{Ident, Item, ParsedFile};

#[allow(missing_docs)]
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/laurel.pest"]
    pub struct LaurelParser;
}

pub use chunk::MAX_DEPTH;
pub(crate) use grammar::{LaurelParser, Rule};

/// Upper bound on parser steps for one item, so hostile input cannot hang the compiler.
const CALL_LIMIT: usize = 5_000_000;

/// Parses one file. Always returns every item it could find; problems come as diagnostics.
pub fn parse(file: FileId, text: &str) -> (ParsedFile, Vec<Diagnostic>) {
    pest::set_call_limit(std::num::NonZeroUsize::new(CALL_LIMIT));
    let mut diagnostics = Vec::new();
    let mut items = Vec::new();
    for chunk in chunk::chunks(text) {
        let span = Span::new(file, chunk.start, chunk.end);
        let Some(kind) = chunk.kind else {
            let first_line_end = text[chunk.start..chunk.end]
                .find('\n')
                .map_or(chunk.end, |i| chunk.start + i);
            diagnostics.push(
                Diagnostic::new(
                    &codes::TOP_LEVEL_TEXT,
                    Span::new(file, chunk.start, first_line_end),
                    "this text is not part of any item",
                )
                .with_label("expected an item keyword here")
                .with_help("start each item at the beginning of a line with `organisation`, `micro-credential`, `qualification`, `template`, `outcome` or `award`"),
            );
            continue;
        };
        let source = &text[chunk.start..chunk.end];
        let parsed = match chunk::too_deep(source) {
            Some(deep) => {
                diagnostics.push(too_deep(file, chunk.start, deep));
                None
            }
            None => parse_item(file, chunk.start, source, &mut diagnostics),
        };
        match parsed {
            Some(mut item) => {
                item.doc = chunk.doc;
                items.push(item);
            }
            None => items.push(Item {
                kind,
                name: header_name(file, chunk.start, source),
                from: None,
                title: None,
                body: None,
                doc: chunk.doc,
                span,
                broken: true,
            }),
        }
    }
    (ParsedFile { file, items }, diagnostics)
}

/// Reads `text`, found at `offset` of `file`, as one Laurel value (a date, a number, a
/// bare word, an IRI ...): `None` when it is not one. Problems with the value itself
/// (a date not in the calendar) come as diagnostics, as in source.
pub fn parse_value(
    file: FileId,
    offset: usize,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ast::Value> {
    let mut pairs = LaurelParser::parse(Rule::cell, text).ok()?;
    let value = pairs.next()?.into_inner().next()?;
    lower::value(value, &lower::Ctx { file, offset }, diagnostics)
}

/// The error for an item that nests blocks deeper than [`MAX_DEPTH`] (found at `offset`
/// of `file`): it is not parsed at all, so nothing recurses over its nesting.
fn too_deep(file: FileId, offset: usize, deep: chunk::TooDeep) -> Diagnostic {
    Diagnostic::new(
        &codes::TOO_DEEP,
        Span::new(file, offset + deep.at, offset + deep.at + 1),
        format!(
            "this item nests blocks {} levels deep; Laurel allows at most {MAX_DEPTH}",
            deep.depth
        ),
    )
    .with_label(format!("block level {} opens here", MAX_DEPTH + 1))
    .with_help("close the blocks you opened: a `}` is missing, or a `{` is one too many")
}

/// Parses one item's text; on failure reports it and returns `None`.
fn parse_item(
    file: FileId,
    offset: usize,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let lower = |pairs: pest::iterators::Pairs<'_, Rule>, diags: &mut Vec<Diagnostic>| {
        lower::item(pairs, &lower::Ctx { file, offset }, diags)
    };
    match LaurelParser::parse(Rule::item, source) {
        Ok(pairs) => lower(pairs, diagnostics),
        Err(error) => {
            let at = error_offset(&error);
            // `{` on the line after the item's header: say so, and read on as if it were not.
            let header_end = source.find('\n').unwrap_or(source.len());
            let gap_end = source[header_end..]
                .find(|c: char| !c.is_whitespace())
                .map(|i| header_end + i);
            if let Some(brace) = gap_end
                .filter(|&i| source[i..].starts_with('{') && !source[..header_end].contains('{'))
            {
                let joined: String = source[..brace].replace(['\n', '\r'], " ") + &source[brace..];
                if let Ok(pairs) = LaurelParser::parse(Rule::item, &joined) {
                    diagnostics.push(
                        Diagnostic::new(
                            &codes::SYNTAX,
                            Span::new(file, offset + brace, offset + brace + 1),
                            "the `{` must be on the same line as the item's name",
                        )
                        .with_label("move this `{` up")
                        .with_help(
                            "put `{` at the end of the first line, e.g. `organisation academy {`",
                        ),
                    );
                    return lower(pairs, diagnostics);
                }
            }
            // A block left open: report it at the opening line and parse on as if closed.
            if at >= source.trim_end().len() {
                let closed = format!("{source}\n}}");
                if let Ok(pairs) = LaurelParser::parse(Rule::item, &closed) {
                    let header_end = source.find('\n').unwrap_or(source.len());
                    diagnostics.push(
                        Diagnostic::new(
                            &codes::UNCLOSED_BLOCK,
                            Span::new(file, offset, offset + header_end),
                            "this block is never closed",
                        )
                        .with_label("the `{` opened here has no matching `}`")
                        .with_help("add `}` on its own line at the end of the block"),
                    );
                    let mut item = lower(pairs, diagnostics)?;
                    let end = offset + source.len();
                    clamp_spans(&mut item, end);
                    return Some(item);
                }
            }
            diagnostics.push(explain_error(file, offset, source, &error, true));
            None
        }
    }
}

/// Spans computed on the text with an added `}` may point one byte past the chunk.
fn clamp_spans(item: &mut Item, end: usize) {
    let end = end as u32;
    item.span.end = item.span.end.min(end);
    if let Some(body) = &mut item.body {
        body.span.end = body.span.end.min(end);
    }
}

/// The name in an item's header line, for items that failed to parse.
fn header_name(file: FileId, offset: usize, source: &str) -> Ident {
    let header = source.lines().next().unwrap_or("");
    let mut words = header.split_whitespace();
    words.next();
    let name = words.next().map(|w| w.trim_end_matches('{')).unwrap_or("");
    let start = header.find(name).filter(|_| !name.is_empty()).unwrap_or(0);
    Ident {
        text: name.to_string(),
        span: Span::new(file, offset + start, offset + start + name.len()),
    }
}

fn error_offset(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// Turns a pest error into a plain-words diagnostic.
fn explain_error(
    file: FileId,
    offset: usize,
    source: &str,
    error: &pest::error::Error<Rule>,
    whole_item: bool,
) -> Diagnostic {
    let at = error_offset(error).min(source.len());
    let end = source[at..]
        .find(|c: char| c.is_whitespace())
        .map_or(source.len(), |i| at + i)
        .max((at + 1).min(source.len()));
    let span = Span::new(file, offset + at, offset + end.max(at));
    let what = if whole_item { "item" } else { "line" };
    let expected = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => describe_rules(positives),
        // The grammar has no errors of its own: this is the parser's limit on steps
        // (blocks left open at many levels, a very large item) or on native stack (only
        // on a very small stack: the nesting limit comes first).
        pest::error::ErrorVariant::CustomError { message } => {
            let why = if message.contains("stack") {
                "it nests too deep to read"
            } else {
                "it takes too many steps to read"
            };
            return Diagnostic::new(
                &codes::SYNTAX,
                span,
                format!("could not read this {what}: {why}"),
            )
            .with_label("the parser gave up here")
            .with_help("check that every `{` has its `}`: blocks left open make an item slow to read; a very large item can also be split into several");
        }
    };
    let found = source[at..]
        .split_whitespace()
        .next()
        .map(|w| format!("`{}`", w.chars().take(30).collect::<String>()))
        .unwrap_or_else(|| "the end of the item".to_string());
    let message = format!("could not read this {what}: expected {expected}, found {found}");
    Diagnostic::new(&codes::SYNTAX, span, message).with_label(format!("expected {expected}"))
}

/// Plain words for the grammar rules pest expected.
fn describe_rules(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules
        .iter()
        .map(|r| match r {
            Rule::name | Rule::key => "a name (lower case, words joined by `-`)",
            Rule::block => "`{`",
            Rule::from_clause | Rule::kw_from => "`from`",
            Rule::string | Rule::quoted => "a quoted text",
            Rule::text_block | Rule::triple => "a text block",
            Rule::lang_tag => "a language tag such as `@de`",
            Rule::number => "a number",
            Rule::date | Rule::loose_date => "a date (YYYY-MM-DD)",
            Rule::datetime => "a date and time",
            Rule::iri => "an IRI in `<...>`",
            Rule::word => "a word",
            Rule::field => "a field",
            Rule::EOI => "the end of the item",
            Rule::item => "an item",
            _ => "something else",
        })
        .collect();
    let mut seen = Vec::new();
    words.retain(|w| {
        let new = !seen.contains(w);
        seen.push(*w);
        new
    });
    match words.as_slice() {
        [] => "something else".into(),
        [one] => (*one).into(),
        [rest @ .., last] => format!("{} or {}", rest.join(", "), last),
    }
}

/// Explains a `junk` line: a line inside a block that is not a valid field.
fn explain_junk(file: FileId, offset: usize, line: &str) -> Diagnostic {
    let span_of = |start: usize, end: usize| Span::new(file, offset + start, offset + end);
    let trimmed = line.trim_end();
    if let Some(bad) = bad_escape(trimmed) {
        // The backslash and the character after it (which may be wider than one byte).
        let end = trimmed[bad + 1..]
            .chars()
            .next()
            .map_or(bad + 1, |c| bad + 1 + c.len_utf8());
        return Diagnostic::new(
            &codes::BAD_ESCAPE,
            span_of(bad, end),
            "this backslash does not start a valid escape",
        )
        .with_label("unknown escape")
        .with_help("write `\\\\` for a backslash, `\\\"` for a quote, `\\n` for a new line");
    }
    if let Some(open) = unclosed_quote(trimmed) {
        return Diagnostic::new(
            &codes::SYNTAX,
            span_of(open, trimmed.len()),
            "this text is not closed",
        )
        .with_label("the quote opened here has no closing `\"`")
        .with_help("add a `\"` at the end of the text; for text over several lines use `\"\"\"`");
    }
    let first = trimmed.chars().next().unwrap_or(' ');
    if !first.is_ascii_lowercase() {
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        return Diagnostic::new(
            &codes::SYNTAX,
            span_of(0, end.max(1).min(trimmed.len())),
            "a line in a block must start with a field name",
        )
        .with_label("expected a field name here")
        .with_help(
            "field names are lower case with `-` between words, for example `legal-name \"...\"`",
        );
    }
    match LaurelParser::parse(Rule::field_line, trimmed) {
        Err(error) => explain_error(file, offset, trimmed, &error, false),
        // Parses alone but not in place: something follows on the same line.
        Ok(_) => Diagnostic::new(
            &codes::SYNTAX,
            span_of(0, trimmed.len()),
            "could not read this line",
        )
        .with_help("put each field on its own line"),
    }
}

/// Byte offset of a backslash inside a string that starts no valid escape.
fn bad_escape(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => match chars.next() {
                Some((_, '"' | '\\' | 'n' | 't')) => {}
                Some((_, 'u')) if line[i + 2..].starts_with('{') => {}
                _ => return Some(i),
            },
            '/' if !in_string && line[i..].starts_with("//") => return None,
            _ => {}
        }
    }
    None
}

/// Byte offset of a quote that is never closed on its line.
fn unclosed_quote(line: &str) -> Option<usize> {
    let mut open = None;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if open.is_some() => open = None,
            '"' => open = Some(i),
            '\\' if open.is_some() => {
                chars.next();
            }
            '/' if open.is_none() && line[i..].starts_with("//") => return None,
            _ => {}
        }
    }
    open
}

/// A text escaped for a Laurel string (`"` `\\` and control characters; the quotes are
/// not added): what the parser reads back as the same text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
