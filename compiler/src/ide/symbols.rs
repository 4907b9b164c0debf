//! Document symbols (the outline of a file) and workspace symbols (items of the project
//! found by name or title).

use crate::source::{FileId, Span};
use crate::syntax::ast::{Field, Item, ItemKind, ValueKind};
use crate::syntax::schema::{BlockKind, Shape};

use super::navigation;
use super::Analysis;

/// What a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// A top-level item.
    Item(ItemKind),
    /// A block inside an item (outcome, activity, assessment, grading, accreditation,
    /// learner).
    Block(BlockKind),
}

/// One symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    /// The name shown: an item's name, a block's title.
    pub name: String,
    /// Extra text shown next to it (an item's title, a block's kind).
    pub detail: Option<String>,
    /// What it is.
    pub kind: SymbolKind,
    /// The whole item or block.
    pub span: Span,
    /// The part to select (the name or title).
    pub selection: Span,
    /// Nested blocks.
    pub children: Vec<Symbol>,
}

/// The outline of one file: its items, each with its titled blocks.
pub fn document_symbols(analysis: &Analysis, file: FileId) -> Vec<Symbol> {
    let Some(parsed) = navigation::parsed(analysis, file) else {
        return Vec::new();
    };
    parsed
        .items
        .iter()
        .filter(|i| !i.name.text.is_empty())
        .map(|item| {
            let mut symbol = item_symbol(item);
            if let Some(body) = &item.body {
                symbol.children = block_symbols(&body.fields, navigation::item_block(item.kind));
            }
            symbol
        })
        .collect()
}

/// The items of the project whose name or title matches `query` (case-insensitive,
/// the query's characters in order; an empty query matches everything), best first.
pub fn workspace_symbols(analysis: &Analysis, query: &str) -> Vec<Symbol> {
    let query = query.to_lowercase();
    let mut scored: Vec<(u32, Symbol)> = analysis
        .compilation
        .files
        .iter()
        .flat_map(|f| f.items.iter())
        .filter(|i| !i.name.text.is_empty())
        .filter_map(|item| {
            let symbol = item_symbol(item);
            let by_name = score(&symbol.name.to_lowercase(), &query);
            let by_title = symbol
                .detail
                .as_deref()
                .and_then(|d| score(&d.to_lowercase(), &query))
                .map(|s| s / 2);
            let best = by_name.max(by_title)?;
            Some((best, symbol))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored.into_iter().map(|(_, s)| s).collect()
}

/// How well `query` matches `text`: a substring beats a subsequence, earlier beats later.
fn score(text: &str, query: &str) -> Option<u32> {
    if query.is_empty() {
        return Some(1);
    }
    if let Some(at) = text.find(query) {
        return Some(10_000 - (at as u32).min(9_000) + if at == 0 { 5_000 } else { 0 });
    }
    let mut chars = text.chars();
    query.chars().all(|q| chars.any(|c| c == q)).then_some(100)
}

fn item_symbol(item: &Item) -> Symbol {
    let detail = match item.kind {
        ItemKind::Award => learner_name(item).map(|n| format!("award to {n}")),
        _ => item
            .title
            .as_ref()
            .and_then(|v| text_of(&v.kind))
            .or_else(|| {
                first_text(
                    item.body.as_ref().map(|b| b.fields.as_slice()),
                    navigation::item_block(item.kind),
                )
            }),
    };
    Symbol {
        name: item.name.text.clone(),
        detail,
        kind: SymbolKind::Item(item.kind),
        span: item.span,
        selection: item.name.span,
        children: Vec::new(),
    }
}

fn block_symbols(fields: &[Field], block: BlockKind) -> Vec<Symbol> {
    let mut out = Vec::new();
    for field in fields {
        let Some(spec) = block.field(&field.key.text) else {
            continue;
        };
        let (Some(kind), Some(nested)) = (spec.block, &field.block) else {
            continue;
        };
        let (name, selection) = match field.values.first() {
            Some(v) => (
                text_of(&v.kind).unwrap_or_else(|| field.key.text.clone()),
                v.span,
            ),
            None => (
                if kind == BlockKind::Learner {
                    learner_from(&nested.fields)
                } else {
                    first_text(Some(&nested.fields), kind)
                }
                .unwrap_or_else(|| field.key.text.clone()),
                field.key.span,
            ),
        };
        out.push(Symbol {
            name,
            detail: Some(field.key.text.clone()),
            kind: SymbolKind::Block(kind),
            span: field.span,
            selection,
            children: block_symbols(&nested.fields, kind),
        });
    }
    out
}

fn text_of(kind: &ValueKind) -> Option<String> {
    match kind {
        ValueKind::Text(t) => Some(t.value.lines().next().unwrap_or("").to_string()),
        _ => None,
    }
}

/// The first untagged (else any) value of the block's first text field in schema order
/// (`title`, `legal-name` ...).
fn first_text(fields: Option<&[Field]>, block: BlockKind) -> Option<String> {
    let fields = fields?;
    let spec = block
        .fields()
        .iter()
        .filter(|s| s.shape == Shape::Text)
        .find(|s| fields.iter().any(|f| f.key.text == s.key))?;
    let texts: Vec<&crate::syntax::ast::Text> = fields
        .iter()
        .filter(|f| f.key.text == spec.key)
        .filter_map(|f| match f.values.as_slice() {
            [v] => match &v.kind {
                ValueKind::Text(t) => Some(t),
                _ => None,
            },
            _ => None,
        })
        .collect();
    texts
        .iter()
        .find(|t| t.lang.is_none())
        .or(texts.first())
        .map(|t| t.value.lines().next().unwrap_or("").to_string())
}

fn learner_name(item: &Item) -> Option<String> {
    let learner = item
        .body
        .as_ref()?
        .fields
        .iter()
        .find(|f| f.key.text == "learner")?;
    learner_from(&learner.block.as_ref()?.fields)
}

fn learner_from(fields: &[Field]) -> Option<String> {
    let get = |key: &str| {
        fields
            .iter()
            .find(|f| f.key.text == key)
            .and_then(|f| f.values.first())
            .and_then(|v| text_of(&v.kind))
    };
    match (get("given-name"), get("family-name"), get("full-name")) {
        (_, _, Some(full)) => Some(full),
        (Some(g), Some(f), _) => Some(format!("{g} {f}")),
        (g, f, _) => g.or(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::navigation::test_support::analysis;

    const TEXT: &str = "organisation academy {\n  legal-name \"Akademie\"@de\n  legal-name \"Academy\"\n}\n\nmicro-credential rdm {\n  title \"Research Data\"\n  outcome \"Plan\" {\n    type skill\n  }\n  assessment \"Exam\" {\n    grading \"Pass/fail\" {\n    }\n  }\n}\n\naward rdm {\n  learner {\n    given-name \"Mira\"\n    family-name \"K\"\n  }\n}\n";

    #[test]
    fn outline_of_a_file() {
        let a = analysis(&[("c.laurel", TEXT)]);
        let symbols = document_symbols(&a, FileId(0));
        let names: Vec<_> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["academy", "rdm", "rdm"]);
        assert_eq!(symbols[0].detail.as_deref(), Some("Academy"));
        assert_eq!(symbols[1].detail.as_deref(), Some("Research Data"));
        let children: Vec<_> = symbols[1]
            .children
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(children, ["Plan", "Exam"]);
        assert_eq!(symbols[1].children[1].children[0].name, "Pass/fail");
        assert_eq!(symbols[2].detail.as_deref(), Some("award to Mira K"));
        assert_eq!(symbols[2].children[0].name, "Mira K");
    }

    #[test]
    fn workspace_search() {
        let a = analysis(&[("c.laurel", TEXT)]);
        let found = workspace_symbols(&a, "acad");
        assert_eq!(found[0].name, "academy");
        let found = workspace_symbols(&a, "research");
        assert_eq!(found[0].name, "rdm");
        assert_eq!(workspace_symbols(&a, "").len(), 3);
        assert!(workspace_symbols(&a, "zzz").is_empty());
    }
}
