//! Semantic tokens: item names (by the kind of item they name), vocabulary values, ESCO
//! labels, plus keywords, field names and units. Strings, numbers and comments are left
//! to the editor's grammar.

use std::collections::HashMap;
use std::ops::Range;

use crate::source::FileId;
use crate::syntax::ast::ItemKind;
use crate::syntax::schema::words;

use super::hover::{meaning, Meaning};
use super::navigation;
use super::Analysis;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An item keyword, `from`, `esco`, `to`, `country` in a national id.
    Keyword,
    /// A field name.
    Field,
    /// The name of an item of this kind (a definition or a reference).
    Name(ItemKind),
    /// A value of a controlled vocabulary (`online`, `0613`, `DEU`, `none` after `eqf`).
    Vocabulary,
    /// An ESCO skill: a label in `skill esco "..."`, or a skill IRI.
    EscoSkill,
    /// A unit (`ects`, `hours`, `years`).
    Unit,
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Bytes (one line: Laurel tokens never span lines).
    pub range: Range<usize>,
    /// What it is.
    pub kind: TokenKind,
    /// True for the name in an item's header (declaration).
    pub definition: bool,
}

/// Every token of `file`, sorted, without overlaps.
pub fn semantic_tokens(analysis: &Analysis, file: FileId) -> Vec<Token> {
    let mut out = Vec::new();
    let Some(parsed) = navigation::parsed(analysis, file) else {
        return out;
    };
    let text = &analysis.project.sources.get(file).text;
    // Name -> kind, for references (the first definition wins, as in the checker).
    let mut kinds: HashMap<&str, ItemKind> = HashMap::new();
    for f in &analysis.compilation.files {
        for item in &f.items {
            if item.kind != ItemKind::Award {
                kinds.entry(item.name.text.as_str()).or_insert(item.kind);
            }
        }
    }
    let mut push = |range: Range<usize>, kind: TokenKind, definition: bool| {
        if range.start < range.end && range.end <= text.len() {
            out.push(Token {
                range,
                kind,
                definition,
            });
        }
    };
    for item in &parsed.items {
        let start = item.span.start as usize;
        let keyword = item.kind.keyword();
        if text.get(start..start + keyword.len()) == Some(keyword) {
            push(start..start + keyword.len(), TokenKind::Keyword, false);
        }
        if let Some(from) = &item.from {
            let gap = item.name.span.end as usize..from.span.start as usize;
            if let Some(rel) = text.get(gap.clone()).and_then(|g| g.find(words::FROM)) {
                push(
                    gap.start + rel..gap.start + rel + words::FROM.len(),
                    TokenKind::Keyword,
                    false,
                );
            }
        }
        for occurrence in navigation::occurrences_in(item) {
            if let Some(kind) = kinds.get(occurrence.name) {
                push(
                    occurrence.span.range(),
                    TokenKind::Name(*kind),
                    occurrence.is_definition(),
                );
            }
        }
        for at in navigation::fields(item) {
            if at.spec.is_some() {
                push(at.field.key.span.range(), TokenKind::Field, false);
            }
            for (index, value) in at.field.values.iter().enumerate() {
                let kind = match meaning(&at, index, &analysis.project.info) {
                    Some(Meaning::Concept(..) | Meaning::NoLevel) => TokenKind::Vocabulary,
                    Some(Meaning::Skill(_)) => TokenKind::EscoSkill,
                    Some(Meaning::EscoKeyword | Meaning::Keyword) => TokenKind::Keyword,
                    Some(Meaning::Unit(_)) => TokenKind::Unit,
                    Some(Meaning::Amount(..)) | None => continue,
                };
                let range = value.span.range();
                // A multi-line text is never an ESCO label; keep tokens on one line.
                if text.get(range.clone()).is_some_and(|s| !s.contains('\n')) {
                    push(range, kind, false);
                }
            }
        }
    }
    out.sort_by_key(|t| (t.range.start, t.range.end));
    out.dedup_by(|b, a| b.range.start < a.range.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::navigation::test_support::analysis;

    #[test]
    fn names_vocabulary_and_esco() {
        let text = "organisation a {\n  country DEU\n}\n\nmicro-credential c {\n  awarding-body a\n  mode online\n  workload 3 ects\n  outcome \"x\" {\n    skill esco \"manage research data\"\n  }\n}\n";
        let a = analysis(&[("c.laurel", text)]);
        let tokens = semantic_tokens(&a, FileId(0));
        let seen: Vec<(&str, TokenKind, bool)> = tokens
            .iter()
            .map(|t| (&text[t.range.clone()], t.kind, t.definition))
            .collect();
        assert!(seen.contains(&("a", TokenKind::Name(ItemKind::Organisation), true)));
        assert!(seen.contains(&("a", TokenKind::Name(ItemKind::Organisation), false)));
        assert!(seen.contains(&("DEU", TokenKind::Vocabulary, false)));
        assert!(seen.contains(&("online", TokenKind::Vocabulary, false)));
        assert!(seen.contains(&("ects", TokenKind::Unit, false)));
        assert!(seen.contains(&("esco", TokenKind::Keyword, false)));
        assert!(seen.contains(&("\"manage research data\"", TokenKind::EscoSkill, false)));
        assert!(seen.contains(&("micro-credential", TokenKind::Keyword, false)));
        assert!(tokens
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start));
    }
}
