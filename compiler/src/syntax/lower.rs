//! pest pairs to syntax tree. Never panics on the tree's shape: anything unexpected is
//! skipped (the grammar makes it unreachable).

use pest::iterators::{Pair, Pairs};

use super::ast::*;
use super::date;
use super::{explain_junk, Rule};
use crate::diag::{codes, Diagnostic};
use crate::source::{FileId, Span};

/// Where the parsed text sits in its file.
pub(super) struct Ctx {
    pub file: FileId,
    pub offset: usize,
}

impl Ctx {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.offset + s.start(), self.offset + s.end())
    }

    fn ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        Ident {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }
}

/// Lowers the pairs of `Rule::item`.
pub(super) fn item(
    mut pairs: Pairs<'_, Rule>,
    ctx: &Ctx,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let item = pairs
        .next()?
        .into_inner()
        .find(|p| p.as_rule() != Rule::EOI)?;
    let kind = match item.as_rule() {
        Rule::organisation => ItemKind::Organisation,
        Rule::micro_credential => ItemKind::MicroCredential,
        Rule::credential_item => ItemKind::Credential,
        Rule::qualification => ItemKind::Qualification,
        Rule::template => ItemKind::Template,
        Rule::outcome_item => ItemKind::Outcome,
        Rule::award => ItemKind::Award,
        _ => return None,
    };
    let span = ctx.span(&item);
    let mut name = None;
    let mut from = None;
    let mut title = None;
    let mut body = None;
    for part in item.into_inner() {
        match part.as_rule() {
            Rule::name => name = Some(ctx.ident(&part)),
            Rule::from_clause => {
                from = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::name)
                    .map(|p| ctx.ident(&p))
            }
            Rule::string => title = Some(value(part, ctx, diags)),
            Rule::block => body = Some(block(part, ctx, diags)),
            _ => {}
        }
    }
    Some(Item {
        kind,
        name: name?,
        from,
        title: title.flatten(),
        body,
        doc: None,
        span,
        broken: false,
    })
}

fn block(pair: Pair<'_, Rule>, ctx: &Ctx, diags: &mut Vec<Diagnostic>) -> Block {
    let span = ctx.span(&pair);
    let mut fields = Vec::new();
    let mut unreadable = Vec::new();
    for entry in pair.into_inner() {
        match entry.as_rule() {
            Rule::field => fields.push(field(entry, ctx, diags)),
            Rule::junk => {
                let start = ctx.offset + entry.as_span().start();
                diags.push(explain_junk(ctx.file, start, entry.as_str()));
                let key: String = entry
                    .as_str()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                if !key.is_empty() {
                    let end = start + key.len();
                    unreadable.push(Ident {
                        text: key,
                        span: Span::new(ctx.file, start, end),
                    });
                }
            }
            _ => {}
        }
    }
    Block {
        fields,
        unreadable,
        span,
    }
}

fn field(pair: Pair<'_, Rule>, ctx: &Ctx, diags: &mut Vec<Diagnostic>) -> Field {
    let span = ctx.span(&pair);
    let mut key = Ident {
        text: String::new(),
        span,
    };
    let mut values = Vec::new();
    let mut nested = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::key => key = ctx.ident(&part),
            Rule::block => nested = Some(block(part, ctx, diags)),
            _ => values.extend(value(part, ctx, diags)),
        }
    }
    Field {
        key,
        values,
        block: nested,
        span,
    }
}

pub(super) fn value(pair: Pair<'_, Rule>, ctx: &Ctx, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    let span = ctx.span(&pair);
    let raw = pair.as_str();
    let kind = match pair.as_rule() {
        Rule::string | Rule::text_block => {
            let mut text = String::new();
            let mut lang = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::quoted => text = unescape(part.as_str(), ctx.span(&part), diags),
                    Rule::triple => text = dedent(part.as_str()),
                    Rule::lang_tag => {
                        let s = ctx.span(&part);
                        lang = Some(Ident {
                            text: part.as_str().trim_start_matches('@').to_string(),
                            span: Span::new(s.file, s.start as usize + 1, s.end as usize),
                        })
                    }
                    _ => {}
                }
            }
            ValueKind::Text(Text { value: text, lang })
        }
        Rule::number => ValueKind::Number {
            value: raw.parse().unwrap_or(0.0),
            raw: raw.to_string(),
        },
        // a loose date (`15.03.1990`) is read to say how to write it
        Rule::date | Rule::loose_date => {
            read(date::read_date(raw).map(ValueKind::Date), raw, span, diags)
        }
        Rule::datetime => read(
            date::read_date_time(raw).map(|_| ValueKind::DateTime(raw.to_string())),
            raw,
            span,
            diags,
        ),
        Rule::iri => ValueKind::Iri(
            raw.trim_start_matches('<')
                .trim_end_matches('>')
                .to_string(),
        ),
        Rule::word => ValueKind::Word(raw.to_string()),
        _ => return None,
    };
    Some(Value { kind, span })
}

/// A date or date-time as read, or its problem reported (L0011) and the value kept as
/// invalid, so that the field it is in is not reported again.
fn read(
    read: Result<ValueKind, date::DateError>,
    raw: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> ValueKind {
    read.unwrap_or_else(|e| {
        diags.push(e.diagnostic(span));
        ValueKind::Invalid(raw.to_string())
    })
}

/// Resolves escapes in a `"..."` literal (quotes included in `raw`).
fn unescape(raw: &str, span: Span, diags: &mut Vec<Diagnostic>) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars
                    .by_ref()
                    .skip_while(|c| *c == '{')
                    .take_while(|c| *c != '}')
                    .collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => diags.push(
                        Diagnostic::new(
                            &codes::BAD_ESCAPE,
                            span,
                            format!("`\\u{{{hex}}}` is not a Unicode character"),
                        )
                        .with_help("use the hexadecimal number of a Unicode character, e.g. `\\u{E9}` for é"),
                    ),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The content of a `"""..."""` block: the first line break after the opening quotes
/// and the last one before the closing quotes are dropped, and the common leading
/// indentation is removed.
fn dedent(raw: &str) -> String {
    let inner = raw
        .strip_prefix("\"\"\"")
        .and_then(|s| s.strip_suffix("\"\"\""))
        .unwrap_or(raw);
    let inner = inner
        .strip_prefix("\r\n")
        .or_else(|| inner.strip_prefix('\n'))
        .unwrap_or(inner);
    let lines: Vec<&str> = inner.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    while body.last().is_some_and(|l| l.trim().is_empty()) {
        body.pop();
    }
    body.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedent_removes_common_indentation() {
        assert_eq!(dedent("\"\"\"\n    a\n      b\n    \"\"\""), "a\n  b");
    }

    #[test]
    fn unescape_handles_all_escapes() {
        let mut d = Vec::new();
        let span = Span::new(FileId(0), 0, 0);
        assert_eq!(
            unescape(r#""a\"b\\c\nd\u{E9}""#, span, &mut d),
            "a\"b\\c\nd\u{e9}"
        );
        assert!(d.is_empty());
        unescape(r#""\u{D800}""#, span, &mut d);
        assert_eq!(d.len(), 1);
    }
}
