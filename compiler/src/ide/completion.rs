//! Completion that knows where the cursor is.
//!
//! The context comes from the text, so that it works in a file that is being edited
//! and does not parse: the block the cursor is in is found by scanning the item's lines
//! and following braces outside strings and comments (an item keyword in column 0 starts
//! a new item, as for the parser), and the cursor's line is split into tokens. The
//! project's syntax trees only supply the names of items.
//!
//! | where | what is offered |
//! |---|---|
//! | column 0 | item keywords (`organisation`, `micro-credential`, ...) |
//! | `award ▮`, `micro-credential x from ▮` | micro-credentials, templates (and `from`) |
//! | start of a line in a block | the block's fields, missing Annex I fields first; snippets for nested blocks |
//! | after a vocabulary field (`mode`, `type`, `eqf`, `field`, `country`, `language`, `supervision` ...) | every concept of the scheme, label and IRI as detail; `eqf` also `none` |
//! | after `awarding-body`, `by`, `issuer`, `quality-assurance`, `includes`, `stackable-into`, `outcome` | the project's organisations, credentials, qualifications, outcomes (and `stand-alone`) |
//! | after a workload or validity number | its units |
//! | `period DATE ▮`, `national-id "…" ▮` | `to`, `country` |
//! | inside `skill esco "▮"` | ESCO skills by label (fuzzy, English and French), inserting the preferred label; with nothing typed yet, the skills suggested for the outcome's statement (`vocab::suggest`) |
//! | after `skill <▮` | ESCO skills, inserting the IRI |
//!
//! Offsets are byte offsets into the file's text; an offset past the end or inside a
//! character is moved back to the nearest character boundary.

pub use crate::syntax::escape;
use std::ops::Range;

use super::actions::SUGGESTED_SKILLS;
use super::Analysis;
use crate::check::skills::{outcome_at, OutcomeText};
use crate::source::FileId;
use crate::syntax::ast::{Item, ItemKind, ValueKind};
use crate::syntax::schema::{words, BlockKind, FieldSpec, Shape};
use crate::vocab::{self, Concept, Scheme};

/// How many ESCO skills a completion list shows.
const SKILL_LIMIT: usize = 50;

/// How many concepts of a large scheme (the ~8,000 languages) a list shows at most.
const CONCEPT_LIMIT: usize = 100;

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// What the list shows.
    pub label: String,
    /// What kind of thing it is (the editor's icon).
    pub kind: CompletionKind,
    /// One line next to the label: a field's doc, a concept's label and IRI, a skill's
    /// type, reuse level and IRI.
    pub detail: Option<String>,
    /// Longer text (Markdown): examples, definitions, the ESCO description.
    pub documentation: Option<String>,
    /// The text that replaces [`CompletionItem::replace`]. Plain text, except for
    /// [`CompletionKind::Snippet`] items, which use the LSP snippet syntax (`$1`,
    /// `${1:placeholder}`, `$0`). Lines after the first are indented relative to the
    /// cursor's line (LSP `InsertTextMode.adjustIndentation`).
    pub insert_text: String,
    /// The bytes replaced (on the cursor's line; contains the cursor).
    pub replace: Range<usize>,
    /// Sort key: the list is meant to be shown in this order.
    pub sort_text: Option<String>,
    /// What the editor filters on while the user types, when not the label. ESCO items
    /// carry the text typed so far, so that the editor keeps the server's fuzzy ranking.
    pub filter_text: Option<String>,
}

/// The kinds of proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    /// A keyword: item keywords, `from`, `none`, `stand-alone`, `esco`, `to`, `country`.
    Keyword,
    /// A field name.
    Field,
    /// A vocabulary value or a unit.
    Value,
    /// The name of an item of the project.
    Reference,
    /// An ESCO skill (label or IRI).
    Skill,
    /// A block skeleton; its insert text uses the LSP snippet syntax.
    Snippet,
}

/// A completion list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompletionList {
    /// The proposals, in the intended order (see [`CompletionItem::sort_text`]).
    pub items: Vec<CompletionItem>,
    /// True when the list depends on more than the prefix the editor can filter on (ESCO
    /// search, truncated language list): the editor should ask again as the user types
    /// (LSP `isIncomplete`).
    pub incomplete: bool,
}

/// The proposals at `offset` in `file` (empty when there is nothing to propose or the
/// file is unknown).
pub fn complete(analysis: &Analysis, file: FileId, offset: usize) -> Vec<CompletionItem> {
    complete_list(analysis, file, offset).items
}

/// [`complete`], with whether the list is incomplete.
pub fn complete_list(analysis: &Analysis, file: FileId, offset: usize) -> CompletionList {
    let Some(source) = analysis
        .project
        .sources
        .iter()
        .find(|(id, _)| *id == file)
        .map(|(_, f)| f)
    else {
        return CompletionList::default();
    };
    let text = source.text.as_str();
    let offset = floor_char_boundary(text, offset);
    let names = ProjectNames::of(analysis);
    let start = line_start(text, offset);
    let mut place = place_at(text, start);
    if item_keyword(text.get(start..line_end(text, offset)).unwrap_or("")).is_some() {
        // a new item starts on the cursor's line
        place.header.clear();
    }
    let language = &analysis.project.info.default_language;
    Completer {
        text,
        offset,
        names: &names,
        place,
        esco: analysis.project.info.esco.index(),
        lists: analysis.project.info.lists,
        language,
        outcome: outcome_at(&analysis.compilation.files, file, offset, language),
    }
    .run()
}

/// The largest character boundary at or before `offset` (clamped to the text).
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// ---- tokens ---------------------------------------------------------------------

/// A token of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Names, vocabulary words, numbers, dates.
    Word,
    /// `"..."` (with its language tag, if any).
    Str { closed: bool },
    /// `"""..."""`; an unclosed one runs on over the next lines.
    Triple { closed: bool },
    /// `<...>`.
    Iri { closed: bool },
    /// `{`
    Open,
    /// `}`
    Close,
    /// `// ...` to the end of the line.
    Comment,
}

/// A token with its byte range in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub(crate) kind: TokKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Splits `text[start..end]` (one line, without its newline) into tokens.
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let line = text.get(start..end).unwrap_or("");
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let tok = |kind, a: usize, b: usize| Tok {
        kind,
        start: start + a,
        end: start + b,
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        if bytes[i..].starts_with(b"//") {
            out.push(tok(TokKind::Comment, i, bytes.len()));
            break;
        }
        if bytes[i..].starts_with(b"\"\"\"") {
            match line.get(i + 3..).and_then(|rest| rest.find("\"\"\"")) {
                Some(j) => {
                    let e = lang_tag_end(line, i + 3 + j + 3);
                    out.push(tok(TokKind::Triple { closed: true }, i, e));
                    i = e;
                }
                None => {
                    out.push(tok(TokKind::Triple { closed: false }, i, bytes.len()));
                    break;
                }
            }
            continue;
        }
        match b {
            b'"' => {
                let mut j = i + 1;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes[j] {
                        b'\\' => j += 2,
                        b'"' => {
                            closed = true;
                            j += 1;
                            break;
                        }
                        _ => j += 1,
                    }
                }
                // an escape may have skipped into a character: move to its end
                let mut j = j.min(bytes.len());
                while !line.is_char_boundary(j) {
                    j += 1;
                }
                let e = if closed { lang_tag_end(line, j) } else { j };
                out.push(tok(TokKind::Str { closed }, i, e));
                i = e;
            }
            b'<' => {
                let mut j = i + 1;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes[j] {
                        b'>' => {
                            closed = true;
                            j += 1;
                            break;
                        }
                        b' ' | b'\t' => break,
                        _ => j += 1,
                    }
                }
                out.push(tok(TokKind::Iri { closed }, i, j));
                i = j;
            }
            b'{' => {
                out.push(tok(TokKind::Open, i, i + 1));
                i += 1;
            }
            b'}' => {
                out.push(tok(TokKind::Close, i, i + 1));
                i += 1;
            }
            _ => {
                let mut j = i;
                while j < bytes.len() {
                    let c = bytes[j];
                    if matches!(c, b' ' | b'\t' | b'\r' | b'"' | b'<' | b'{' | b'}')
                        || bytes[j..].starts_with(b"//")
                    {
                        break;
                    }
                    j += 1;
                }
                // stay on a character boundary (j only stops at ASCII bytes or the end)
                out.push(tok(TokKind::Word, i, j));
                i = j;
            }
        }
    }
    out
}

/// The end of a `@tag` right after a closing quote at `at` (or `at`).
fn lang_tag_end(line: &str, at: usize) -> usize {
    let Some(rest) = line.get(at..) else {
        return at.min(line.len());
    };
    if !rest.starts_with('@') {
        return at;
    }
    let n = rest[1..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    at + 1 + n
}

// ---- blocks -----------------------------------------------------------------------

/// An open block at the cursor.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// Its kind, when known (`None` for a block of an unknown field).
    pub(crate) kind: Option<BlockKind>,
    /// Field names written in it, with the offset of their line.
    pub(crate) keys: Vec<(String, usize)>,
}

/// What the lines before the cursor say about where it is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    /// Open blocks, outermost first.
    pub(crate) stack: Vec<Frame>,
    /// The header tokens' text of the current item (`micro-credential x from t`).
    pub(crate) header: Vec<String>,
    /// True when the cursor's line starts inside a `"""` text.
    pub(crate) in_triple: bool,
    /// Where the tokens of the cursor's line start (after a `"""` that ends on it).
    pub(crate) line_code_start: usize,
}

/// The block kind an item keyword opens.
pub(crate) fn item_block(word: &str) -> Option<BlockKind> {
    ItemKind::from_keyword(word).map(super::navigation::item_block)
}

/// The item keyword a line starts with in column 0 (as the parser's chunker reads it).
pub(crate) fn item_keyword(line: &str) -> Option<ItemKind> {
    let end = line
        .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
        .unwrap_or(line.len());
    let rest = &line[end..];
    let kind = ItemKind::from_keyword(&line[..end])?;
    (rest.is_empty() || rest.starts_with([' ', '\t', '{'])).then_some(kind)
}

/// Byte ranges of the lines of `text` (without their `\n`).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let s = start;
        start += l.len();
        let content = l.strip_suffix('\n').unwrap_or(l);
        s..s + content.len()
    })
}

/// The start of the line holding `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The end of the line holding `offset` (before its `\n`).
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i)
}

/// Follows the blocks from the start of the file to the start of `line_at` (a line
/// start).
pub(crate) fn place_at(text: &str, line_at: usize) -> Place {
    let mut place = Place::default();
    let mut in_triple = false;
    for range in lines(text) {
        if range.start >= line_at {
            break;
        }
        let line = text.get(range.clone()).unwrap_or("");
        let mut from = range.start;
        if in_triple {
            match line.find("\"\"\"") {
                Some(i) => {
                    in_triple = false;
                    from = lang_tag_end(line, i + 3) + range.start;
                }
                None => continue,
            }
        } else if item_keyword(line).is_some() {
            place.stack.clear();
            place.header.clear();
        }
        let toks = tokenize(text, from, range.end);
        let at_item_line = from == range.start && item_keyword(line).is_some();
        if at_item_line {
            place.header = toks
                .iter()
                .take_while(|t| t.kind == TokKind::Word)
                .filter_map(|t| text.get(t.start..t.end))
                .map(str::to_string)
                .collect();
        }
        // the field this line writes, in the block open at its start
        let first_word = toks
            .first()
            .filter(|t| t.kind == TokKind::Word && from == range.start)
            .and_then(|t| text.get(t.start..t.end));
        if let (Some(word), Some(frame)) = (first_word, place.stack.last_mut()) {
            frame.keys.push((word.to_string(), range.start));
        }
        for t in &toks {
            match t.kind {
                TokKind::Open => {
                    let kind = match (place.stack.last(), first_word) {
                        (None, Some(w)) if at_item_line => item_block(w),
                        (Some(parent), Some(w)) => {
                            parent.kind.and_then(|k| k.field(w)).and_then(|f| f.block)
                        }
                        _ => None,
                    };
                    place.stack.push(Frame {
                        kind,
                        keys: Vec::new(),
                    });
                }
                TokKind::Close => {
                    place.stack.pop();
                }
                TokKind::Triple { closed: false } => in_triple = true,
                _ => {}
            }
        }
    }
    place.in_triple = in_triple;
    place.line_code_start = line_at;
    if in_triple {
        let end = line_end(text, line_at);
        if let Some(i) = text.get(line_at..end).and_then(|l| l.find("\"\"\"")) {
            place.in_triple = false;
            place.line_code_start = line_at + i + 3;
        }
    }
    place
}

/// Keys written in the innermost block after the cursor's line, up to its `}`.
pub(crate) fn keys_after(text: &str, after_line: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut in_triple = false;
    for range in lines(text) {
        if range.start < after_line {
            continue;
        }
        let line = text.get(range.clone()).unwrap_or("");
        let mut from = range.start;
        if in_triple {
            match line.find("\"\"\"") {
                Some(i) => {
                    in_triple = false;
                    from = range.start + i + 3;
                }
                None => continue,
            }
        } else if item_keyword(line).is_some() {
            break;
        }
        let toks = tokenize(text, from, range.end);
        if depth == 0 {
            if let Some(t) = toks.first().filter(|t| t.kind == TokKind::Word) {
                out.extend(text.get(t.start..t.end).map(str::to_string));
            }
        }
        for t in &toks {
            match t.kind {
                TokKind::Open => depth += 1,
                TokKind::Close if depth == 0 => return out,
                TokKind::Close => depth -= 1,
                TokKind::Triple { closed: false } => in_triple = true,
                _ => {}
            }
        }
    }
    out
}

// ---- project names ---------------------------------------------------------------

/// An item of the project that can be referred to.
#[derive(Debug, Clone)]
pub(crate) struct NamedItem {
    pub(crate) kind: ItemKind,
    pub(crate) name: String,
    /// Its legal name or title.
    pub(crate) title: Option<String>,
    /// Its `///` doc.
    pub(crate) doc: Option<String>,
    /// For an organisation: has `accreditation` records.
    pub(crate) accredited: bool,
    /// Field names of its body (for templates).
    pub(crate) keys: Vec<String>,
}

/// The named items of every file of the project.
#[derive(Debug, Default)]
pub(crate) struct ProjectNames {
    pub(crate) items: Vec<NamedItem>,
}

impl ProjectNames {
    pub(crate) fn of(analysis: &Analysis) -> ProjectNames {
        let mut items: Vec<NamedItem> = Vec::new();
        for file in &analysis.compilation.files {
            for item in &file.items {
                if item.kind == ItemKind::Award
                    || item.name.text.is_empty()
                    || items.iter().any(|i| i.name == item.name.text)
                {
                    continue;
                }
                items.push(NamedItem {
                    kind: item.kind,
                    name: item.name.text.clone(),
                    title: item_title(item),
                    doc: item.doc.clone(),
                    accredited: item
                        .body
                        .as_ref()
                        .is_some_and(|b| b.fields("accreditation").next().is_some()),
                    keys: item
                        .body
                        .iter()
                        .flat_map(|b| b.fields.iter())
                        .map(|f| f.key.text.clone())
                        .collect(),
                });
            }
        }
        ProjectNames { items }
    }

    fn of_kind(&self, kinds: &[ItemKind]) -> impl Iterator<Item = &NamedItem> {
        let kinds = kinds.to_vec();
        self.items.iter().filter(move |i| kinds.contains(&i.kind))
    }
}

/// The legal name or title of an item, as written first.
fn item_title(item: &Item) -> Option<String> {
    let text_of = |v: &crate::syntax::ast::Value| match &v.kind {
        ValueKind::Text(t) => Some(t.value.clone()),
        _ => None,
    };
    if let Some(t) = item.title.as_ref().and_then(text_of) {
        return Some(t);
    }
    let body = item.body.as_ref()?;
    ["legal-name", "title"]
        .iter()
        .find_map(|k| body.fields(k).next())
        .and_then(|f| f.values.first())
        .and_then(text_of)
}

// ---- the completer -----------------------------------------------------------------

struct Completer<'a> {
    text: &'a str,
    offset: usize,
    names: &'a ProjectNames,
    /// The blocks open at the start of the cursor's line.
    place: Place,
    /// The project's ESCO.
    esco: &'static vocab::EscoIndex,
    /// The project's controlled lists.
    lists: vocab::ProjectLists,
    /// The language of untagged texts.
    language: &'a str,
    /// The outcome whose block the cursor is in.
    outcome: Option<OutcomeText<'a>>,
}

/// The word (or nothing) the cursor is in: its range, and the part before the cursor.
struct Partial {
    range: Range<usize>,
    typed: String,
}

impl Completer<'_> {
    /// The concepts of the project's copy of the list `scheme`.
    fn vocab_items(&self, scheme: Scheme, partial: &Partial, with_none: bool) -> CompletionList {
        vocab_items(self.lists.scheme(scheme), self.language, partial, with_none)
    }

    fn run(&self) -> CompletionList {
        let text = self.text;
        let start = line_start(text, self.offset);
        let end = line_end(text, self.offset);
        let place = &self.place;
        if place.in_triple || self.offset < place.line_code_start {
            return CompletionList::default();
        }
        let toks = tokenize(text, place.line_code_start, end);
        // Nothing inside a comment.
        if toks
            .iter()
            .any(|t| t.kind == TokKind::Comment && t.start < self.offset)
        {
            return CompletionList::default();
        }
        // The token the cursor is in or right after; and the tokens before it.
        let current = toks
            .iter()
            .position(|t| t.start < self.offset && self.offset <= t.end);
        let before: Vec<Tok> = toks
            .iter()
            .copied()
            .take_while(|t| t.end < self.offset || (t.end == self.offset && current.is_none()))
            .collect();
        let current_tok = current.and_then(|i| toks.get(i).copied());
        // Nothing after a `{` or `}` on the line.
        if before
            .iter()
            .any(|t| matches!(t.kind, TokKind::Open | TokKind::Close))
        {
            return CompletionList::default();
        }
        let column0 = start == place.line_code_start
            && !text
                .get(start..self.offset)
                .unwrap_or("")
                .starts_with([' ', '\t']);
        let word = |t: &Tok| text.get(t.start..t.end).unwrap_or("");
        let partial = match current_tok {
            Some(t) if t.kind == TokKind::Word => Partial {
                range: t.start..t.end,
                typed: text.get(t.start..self.offset).unwrap_or("").to_string(),
            },
            _ => Partial {
                range: self.offset..self.offset,
                typed: String::new(),
            },
        };
        let cursor_in_word = current_tok.is_none_or(|t| t.kind == TokKind::Word);

        // An item header: at column 0 with an item keyword, or outside every block.
        let header_line = column0 && item_keyword(text.get(start..end).unwrap_or("")).is_some();
        if before.is_empty() && cursor_in_word {
            let mut list = CompletionList::default();
            if column0 {
                list.items.extend(keywords(&partial));
            }
            if let Some(frame) = place.stack.last() {
                if !header_line {
                    list.items
                        .extend(self.fields(frame, place, start, &partial, end));
                }
            }
            return list;
        }
        if header_line || (place.stack.is_empty() && column0) {
            return self.header(&before, word, &partial, cursor_in_word);
        }
        let Some(frame) = place.stack.last() else {
            return CompletionList::default();
        };
        let Some(kind) = frame.kind else {
            return CompletionList::default();
        };
        let Some(key_tok) = before.first().filter(|t| t.kind == TokKind::Word) else {
            return CompletionList::default();
        };
        let key = word(key_tok);
        let Some(spec) = kind.field(key) else {
            return CompletionList::default();
        };
        let values = before.get(1..).unwrap_or(&[]);
        match current_tok.map(|t| t.kind) {
            Some(TokKind::Str { closed }) if key == "skill" => {
                let is_esco = values.len() == 1 && word(&values[0]) == words::ESCO;
                match current_tok {
                    Some(t) if is_esco => self.skills_by_label(t, closed),
                    _ => CompletionList::default(),
                }
            }
            _ if key == "skill"
                && toks.get(1).is_some_and(|t| {
                    matches!(t.kind, TokKind::Iri { .. }) && t.start < self.offset
                }) =>
            {
                // `skill <` then words to search for (spaces allowed until `>`)
                let Some(open) = toks.get(1) else {
                    return CompletionList::default();
                };
                let rest = text.get(open.start..end).unwrap_or("");
                let (close, closed) = match rest.find('>') {
                    Some(i) => (open.start + i, true),
                    None => (open.start + rest.trim_end().len(), false),
                };
                if self.offset > close {
                    return CompletionList::default();
                }
                self.skills_by_iri(open.start + 1..close, closed)
            }
            Some(TokKind::Word) | None => self.values(kind, spec, values, word, &partial),
            _ => CompletionList::default(),
        }
    }

    /// `award ▮`, `micro-credential x ▮`, `micro-credential x from ▮`.
    fn header<'t>(
        &self,
        before: &[Tok],
        word: impl Fn(&Tok) -> &'t str,
        partial: &Partial,
        cursor_in_word: bool,
    ) -> CompletionList {
        if !cursor_in_word {
            return CompletionList::default();
        }
        let words: Vec<&str> = before.iter().map(&word).collect();
        let items = match words.as_slice() {
            ["award"] => self.references(&ItemKind::AWARDED, partial, None),
            ["micro-credential" | "credential", _] => {
                vec![keyword(words::FROM, "use a template's fields", partial, 0)]
            }
            ["micro-credential" | "credential", _, words::FROM] => {
                self.references(&[ItemKind::Template], partial, None)
            }
            _ => Vec::new(),
        };
        CompletionList {
            items,
            incomplete: false,
        }
    }

    /// The fields of the block, missing Annex I ones first.
    fn fields(
        &self,
        frame: &Frame,
        place: &Place,
        line_at: usize,
        partial: &Partial,
        line_end_at: usize,
    ) -> Vec<CompletionItem> {
        let Some(kind) = frame.kind else {
            return Vec::new();
        };
        let next_line = (line_end_at + 1).min(self.text.len());
        let mut present: Vec<String> = frame
            .keys
            .iter()
            .filter(|(_, at)| *at != line_at)
            .map(|(k, _)| k.clone())
            .collect();
        if line_end_at < self.text.len() {
            present.extend(keys_after(self.text, next_line));
        }
        // fields a credential takes from its template
        if place.stack.len() == 1 && kind == BlockKind::MicroCredential {
            if let [_, _, from, template, ..] = place.header.as_slice() {
                if from == words::FROM {
                    if let Some(t) = self
                        .names
                        .items
                        .iter()
                        .find(|i| i.kind == ItemKind::Template && i.name == *template)
                    {
                        present.extend(t.keys.iter().cloned());
                    }
                }
            }
        }
        let has = |k: &str| present.iter().any(|p| p == k);
        let covered = |spec: &FieldSpec| {
            spec.annex.is_some_and(|a| {
                kind.fields()
                    .iter()
                    .any(|f| f.annex == Some(a) && has(f.key))
            })
        };
        let mut out = Vec::new();
        for (i, spec) in kind.fields().iter().enumerate() {
            if !spec.repeatable && has(spec.key) {
                continue;
            }
            let mandatory = spec.annex.is_some_and(|a| a.part() == "mandatory");
            let group = if has(spec.key) {
                3
            } else if mandatory && !covered(spec) {
                0
            } else if spec.annex.is_some() && !covered(spec) {
                1
            } else {
                2
            };
            out.push(field_item(spec, partial, group, i));
            if let Some(snippet) = block_snippet(spec, partial, group, i) {
                out.push(snippet);
            }
        }
        out
    }

    /// Values after `key`: vocabulary, names, units, keywords.
    fn values<'t>(
        &self,
        kind: BlockKind,
        spec: &FieldSpec,
        values: &[Tok],
        word: impl Fn(&Tok) -> &'t str,
        partial: &Partial,
    ) -> CompletionList {
        let key = spec.key;
        let n = values.len();
        let list = |items| CompletionList {
            items,
            incomplete: false,
        };
        match (spec.shape, n) {
            (Shape::Vocab(s) | Shape::VocabOrText(s), 0) => self.vocab_items(s, partial, false),
            (Shape::Level, 0) => self.vocab_items(Scheme::Eqf, partial, true),
            (Shape::Words(words), 0) => list(
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| keyword(w, spec.doc, partial, i))
                    .collect(),
            ),
            (Shape::Name, 0) => {
                let kinds: &[ItemKind] = match key {
                    "includes" => &ItemKind::INCLUDED,
                    _ => &[ItemKind::Organisation],
                };
                list(self.references(kinds, partial, None))
            }
            (Shape::NameOrText, 0) => list(self.references(
                &[ItemKind::Organisation],
                partial,
                Some(|i: &NamedItem| i.accredited),
            )),
            (Shape::Stackability, 0) => {
                let mut items = self.references(&[ItemKind::Qualification], partial, None);
                let mut alone = keyword(
                    words::STAND_ALONE,
                    "the credential does not stack into a larger one",
                    partial,
                    0,
                );
                alone.sort_text = Some("9".into());
                items.push(alone);
                list(items)
            }
            (Shape::TitledBlock, 0) if key == "outcome" && kind != BlockKind::Outcome => {
                list(self.references(&[ItemKind::Outcome], partial, None))
            }
            (Shape::Quantity(units), 1) if values[0].kind == TokKind::Word => {
                let number = word(&values[0]);
                if number.parse::<f64>().is_err() {
                    return CompletionList::default();
                }
                list(
                    units
                        .iter()
                        .enumerate()
                        .map(|(i, u)| CompletionItem {
                            label: (*u).to_string(),
                            kind: CompletionKind::Value,
                            detail: Some(unit_doc(u).to_string()),
                            documentation: None,
                            insert_text: (*u).to_string(),
                            replace: partial.range.clone(),
                            sort_text: Some(format!("{i:04}")),
                            filter_text: None,
                        })
                        .collect(),
                )
            }
            (Shape::Skill, 0) => list(vec![keyword(
                words::ESCO,
                "an ESCO skill by its label: esco \"...\"",
                partial,
                0,
            )]),
            (Shape::Period, 1) => list(vec![keyword(
                words::TO,
                "the end of the period",
                partial,
                0,
            )]),
            (Shape::TextInCountry, 1)
                if matches!(values[0].kind, TokKind::Str { closed: true }) =>
            {
                list(vec![keyword(
                    words::COUNTRY,
                    "the country that issued the identifier",
                    partial,
                    0,
                )])
            }
            (Shape::TextInCountry, 2) if word(&values[1]) == words::COUNTRY => {
                self.vocab_items(Scheme::Country, partial, false)
            }
            _ => CompletionList::default(),
        }
    }

    /// Names of items of these kinds; `first` ones sort before the others.
    fn references(
        &self,
        kinds: &[ItemKind],
        partial: &Partial,
        first: Option<fn(&NamedItem) -> bool>,
    ) -> Vec<CompletionItem> {
        let mut out = Vec::new();
        let own = self.place.header.get(1);
        for item in self.names.of_kind(kinds) {
            if own == Some(&item.name) {
                continue;
            }
            let rank = u8::from(!first.is_some_and(|f| f(item)));
            let what = item.kind.keyword();
            out.push(CompletionItem {
                label: item.name.clone(),
                kind: CompletionKind::Reference,
                detail: Some(match &item.title {
                    Some(t) => format!("{what} · {t}"),
                    None => what.to_string(),
                }),
                documentation: item.doc.clone(),
                insert_text: item.name.clone(),
                replace: partial.range.clone(),
                sort_text: Some(format!("{rank}{}", item.name)),
                filter_text: None,
            });
        }
        out
    }

    /// `skill esco "▮"`: skills by label, in the text's language (its `@de`, else the
    /// project's) first; replaces the whole text between the quotes.
    fn skills_by_label(&self, tok: Tok, closed: bool) -> CompletionList {
        let content_start = tok.start + 1;
        let token = self.text.get(tok.start..tok.end).unwrap_or("");
        let mut language = self.language;
        let content_end = if closed {
            // before the closing quote (and any language tag)
            let quote = token.rfind('"').unwrap_or(token.len()).max(1);
            if let Some(tag) = token.get(quote + 1..).and_then(|t| t.strip_prefix('@')) {
                language = tag;
            }
            tok.start + quote
        } else {
            tok.end
        };
        if self.offset < content_start || self.offset > content_end {
            return CompletionList::default();
        }
        let typed = self
            .text
            .get(content_start..content_end)
            .unwrap_or("")
            .to_string();
        let matches = match self.outcome {
            Some(outcome) if typed.trim().is_empty() => self.suggested(&outcome),
            _ => self.esco.search_in(&typed, language, SKILL_LIMIT),
        };
        skill_list(
            self.esco,
            matches,
            content_start..content_end,
            &typed,
            |_, label| {
                let mut insert = escape(label);
                if !closed {
                    insert.push('"');
                }
                insert
            },
        )
    }

    /// The skills suggested for `outcome`'s statement, labelled in its language.
    fn suggested(&self, outcome: &OutcomeText) -> Vec<vocab::SkillMatch<'static>> {
        (self.esco.suggest_skills(&outcome.query(), SUGGESTED_SKILLS))
            .into_iter()
            .map(|s| vocab::SkillMatch {
                skill: s.skill,
                label: s.label(),
                lang: s.language,
                preferred: true,
                score: 0,
            })
            .collect()
    }

    /// `skill <▮`: skills by label or IRI; inserts the IRI in place of `content`.
    fn skills_by_iri(&self, content: Range<usize>, closed: bool) -> CompletionList {
        let (content_start, content_end) = (content.start, content.end);
        let typed = self
            .text
            .get(content_start..content_end)
            .unwrap_or("")
            .to_string();
        let index = self.esco;
        let looks_like_iri = typed.starts_with("http") || typed.contains('/');
        let matches: Vec<vocab::SkillMatch<'_>> = if looks_like_iri || typed.is_empty() {
            let t = typed.trim();
            index
                .skills()
                .iter()
                .filter(|s| {
                    !t.is_empty()
                        && (s.iri.starts_with(t)
                            || t.strip_prefix("https://").is_some_and(|r| {
                                s.iri
                                    .strip_prefix("http://")
                                    .is_some_and(|i| i.starts_with(r))
                            }))
                })
                .take(SKILL_LIMIT)
                .map(|s| vocab::SkillMatch {
                    skill: s,
                    label: s.pref_label_en,
                    lang: "en",
                    preferred: true,
                    score: 0,
                })
                .collect()
        } else {
            index.search_in(&typed, self.language, SKILL_LIMIT)
        };
        skill_list(
            index,
            matches,
            content_start..content_end,
            &typed,
            |m, _| {
                let mut insert = m.skill.iri.to_string();
                if !closed {
                    insert.push('>');
                }
                insert
            },
        )
    }
}

/// Completion items for ESCO search hits, best first, showing each skill's preferred label
/// in the language that matched; `insert` gives the text from the hit and that label.
fn skill_list(
    index: &vocab::EscoIndex,
    matches: Vec<vocab::SkillMatch<'_>>,
    replace: Range<usize>,
    typed: &str,
    insert: impl Fn(&vocab::SkillMatch<'_>, &str) -> String,
) -> CompletionList {
    let items = matches
        .iter()
        .enumerate()
        .map(|(rank, m)| {
            let label = m
                .skill
                .pref_label(m.lang)
                .unwrap_or(m.skill.pref_label_en)
                .to_string();
            let text = insert(m, &label);
            skill_item(index, label, m, text, replace.clone(), rank, typed)
        })
        .collect();
    CompletionList {
        items,
        incomplete: true,
    }
}

/// A proposal for an ESCO skill.
fn skill_item(
    index: &vocab::EscoIndex,
    label: String,
    m: &vocab::SkillMatch<'_>,
    insert_text: String,
    replace: Range<usize>,
    rank: usize,
    typed: &str,
) -> CompletionItem {
    let skill = m.skill;
    let mut detail = Vec::new();
    detail.extend(skill.skill_type);
    detail.extend(skill.reuse_level);
    detail.push(skill.iri);
    let mut doc = String::new();
    if let Some((_, d)) = index.description_in(skill.iri, m.lang) {
        doc.push_str(d);
        doc.push_str("\n\n");
    }
    if !m.preferred || m.label != label {
        doc.push_str(&format!(
            "Matched {} label “{}” ({}).\n\n",
            if m.preferred {
                "the preferred"
            } else {
                "the alternative"
            },
            m.label,
            m.lang
        ));
    }
    doc.push_str(&format!(
        "ESCO {} · {}",
        index.version(),
        vocab::ESCO_ATTRIBUTION
    ));
    CompletionItem {
        label,
        kind: CompletionKind::Skill,
        detail: Some(detail.join(" · ")),
        documentation: Some(doc),
        insert_text,
        replace,
        sort_text: Some(format!("{rank:04}")),
        filter_text: Some(typed.to_string()),
    }
}

fn keyword(word: &str, detail: &str, partial: &Partial, rank: usize) -> CompletionItem {
    CompletionItem {
        label: word.to_string(),
        kind: CompletionKind::Keyword,
        detail: Some(detail.to_string()),
        documentation: None,
        insert_text: word.to_string(),
        replace: partial.range.clone(),
        sort_text: Some(format!("{rank:04}{word}")),
        filter_text: None,
    }
}

/// The item keywords.
fn keywords(partial: &Partial) -> Vec<CompletionItem> {
    ItemKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let detail = match k {
                ItemKind::Organisation => "an awarding body, issuer or accreditation agency",
                ItemKind::MicroCredential => "a micro-credential (Annex I)",
                ItemKind::Credential => {
                    "a credential that is not a micro-credential (a certificate of participation)"
                }
                ItemKind::Qualification => "a larger credential that micro-credentials stack into",
                ItemKind::Template => "fields shared by several micro-credentials",
                ItemKind::Outcome => "a learning outcome shared by several credentials",
                ItemKind::Award => "a credential awarded to one learner",
            };
            let mut item = keyword(k.keyword(), detail, partial, i);
            item.insert_text.push(' ');
            item.sort_text = Some(format!("0{i}"));
            item
        })
        .collect()
}

/// A field-name proposal.
fn field_item(spec: &FieldSpec, partial: &Partial, group: u8, index: usize) -> CompletionItem {
    let mut doc = format!("{}\n\nExample: `{} {}`", spec.doc, spec.key, spec.example);
    if let Some(a) = spec.annex {
        doc.push_str(&format!("\n\nAnnex I ({}): {}", a.part(), a.title()));
    }
    if spec.repeatable {
        doc.push_str("\n\nMay be repeated.");
    }
    let detail = match spec.annex {
        Some(a) if group == 0 => format!("{} · missing Annex I element: {}", spec.doc, a.title()),
        _ => spec.doc.to_string(),
    };
    CompletionItem {
        label: spec.key.to_string(),
        kind: CompletionKind::Field,
        detail: Some(detail),
        documentation: Some(doc),
        insert_text: format!("{} ", spec.key),
        replace: partial.range.clone(),
        sort_text: Some(format!("1{group}{index:03}")),
        filter_text: None,
    }
}

/// The fields a new block of this kind is written with.
pub(crate) fn skeleton_fields(kind: BlockKind) -> &'static [&'static str] {
    match kind {
        BlockKind::Accreditation => &["type", "title", "by"],
        BlockKind::Outcome => &["skill"],
        BlockKind::Activity => &["type", "mode", "workload"],
        BlockKind::Assessment => &["type"],
        BlockKind::Grading => &["url"],
        BlockKind::RelatedSkill => &["iri", "framework"],
        BlockKind::Identifier => &["scheme"],
        BlockKind::Alliance => &["email"],
        BlockKind::Entitlement => &["type", "status"],
        BlockKind::Document => &["url"],
        BlockKind::Result => &["grade"],
        BlockKind::Region => &["iri"],
        BlockKind::Learner => &["given-name", "family-name", "student-id"],
        _ => &[],
    }
}

/// A skeleton for a field with a block (`assessment "$1" {\n  type $2\n}`).
fn block_snippet(
    spec: &FieldSpec,
    partial: &Partial,
    group: u8,
    index: usize,
) -> Option<CompletionItem> {
    let inner = spec.block?;
    let mut n = 1;
    let mut text = spec.key.to_string();
    if spec.shape == Shape::TitledBlock {
        text.push_str(&format!(" \"${{{n}:...}}\""));
        n += 1;
    }
    text.push_str(" {\n");
    for key in skeleton_fields(inner) {
        let Some(f) = inner.field(key) else { continue };
        text.push_str(&format!(
            "  {} ${{{n}:{}}}\n",
            f.key,
            snippet_escape(f.example)
        ));
        n += 1;
    }
    text.push_str("}$0");
    Some(CompletionItem {
        label: format!("{} {{ … }}", spec.key),
        kind: CompletionKind::Snippet,
        detail: Some(format!("{} block", spec.key)),
        documentation: Some(format!(
            "{}\n\n```laurel\n{}\n```",
            spec.doc,
            strip_snippet(&text)
        )),
        insert_text: text,
        replace: partial.range.clone(),
        sort_text: Some(format!("1{group}{index:03}~")),
        filter_text: Some(spec.key.to_string()),
    })
}

/// Escapes `$`, `}` and `\` for the snippet syntax.
fn snippet_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A snippet as the text it inserts (placeholders replaced by their defaults).
fn strip_snippet(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                }
            }
            '$' => {
                while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    chars.next();
                }
            }
            '}' => {}
            c => out.push(c),
        }
    }
    out
}

fn unit_doc(unit: &str) -> &'static str {
    match unit {
        "ects" => "ECTS credits (1 ECTS = 25 to 30 hours of work)",
        "hours" => "hours of notional learning time",
        "years" => "years after the award date",
        "months" => "months after the award date",
        _ => "unit",
    }
}

/// Every concept of a list in the order completion lists them: levels and fields of
/// education in the order of their codes, the others by English name.
pub fn in_list_order(table: &'static vocab::ConceptScheme) -> Vec<&'static Concept> {
    let mut concepts: Vec<&Concept> = table.concepts().iter().collect();
    if !matches!(table.scheme(), Scheme::Eqf | Scheme::IscedF) {
        concepts.sort_by_cached_key(|c| c.label_en.to_lowercase());
    }
    concepts
}

/// The concepts of the project's copy of a list, with their labels in German, French
/// and the document's language (and `none` for the EQF level).
fn vocab_items(
    table: &'static vocab::ConceptScheme,
    language: &str,
    partial: &Partial,
    with_none: bool,
) -> CompletionList {
    let scheme = table.scheme();
    let typed = partial.typed.to_lowercase();
    let large = table.concepts().len() > 500;
    let mut concepts: Vec<&Concept> = in_list_order(table)
        .into_iter()
        .filter(|c| {
            if !large {
                return true;
            }
            // a large list (the ~8,000 languages, the 3,007 ESCO occupations): those
            // whose English name or word holds what is typed; with nothing typed, only
            // the languages with a two-letter code
            let iso = scheme == Scheme::Language
                && c.notation
                    .as_deref()
                    .is_some_and(|n| vocab::language_tag_for_code(n).is_some());
            if typed.is_empty() {
                iso
            } else {
                !c.label_en.is_empty()
                    && (c.label_en.to_lowercase().contains(&typed)
                        || c.notation
                            .as_deref()
                            .is_some_and(|n| n.to_lowercase().starts_with(&typed))
                        || table.word(c).contains(&typed))
            }
        })
        .collect();
    // the other languages are found by typing: ask again as the user types
    let incomplete = large;
    if large {
        // what the user typed as a code first, then names starting with it
        concepts.sort_by_cached_key(|c| {
            let word = table.word(c).to_lowercase();
            let label = c.label_en.to_lowercase();
            u8::from(word != typed) + u8::from(!label.starts_with(&typed))
        });
        if !typed.is_empty() {
            concepts.truncate(CONCEPT_LIMIT);
        }
    }
    let mut items: Vec<CompletionItem> = concepts
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let word = table.word(c);
            let label_en = if c.label_en.is_empty() {
                c.notation.as_deref().unwrap_or(&c.iri)
            } else {
                &c.label_en
            };
            let mut doc = String::new();
            if let Some(d) = &c.definition {
                doc.push_str(d);
                doc.push_str("\n\n");
            }
            for (lang, l) in c.labels_shown(language) {
                doc.push_str(&format!("{lang}: {l}  \n"));
            }
            doc.push_str(&format!("{}: <{}>", scheme.name(), c.iri));
            CompletionItem {
                label: word.clone(),
                kind: CompletionKind::Value,
                detail: Some(format!("{label_en} · {}", c.iri)),
                documentation: Some(doc),
                filter_text: Some(format!("{word} {}", c.kebab())),
                insert_text: word,
                replace: partial.range.clone(),
                sort_text: Some(format!("{i:05}")),
            }
        })
        .collect();
    if with_none {
        items.push(keyword(
            words::NONE,
            "no EQF level applies (Annex I: level, if applicable)",
            partial,
            99_999,
        ));
    }
    CompletionList { items, incomplete }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ProjectInfo;
    use crate::project::Project;
    use crate::source::Sources;

    /// Organisations, a template, a qualification and a shared outcome, in another file.
    const LIBRARY: &str = r#"organisation academy {
  legal-name "Example Academy"
  country DEU
  accreditation {
    type institutional-quality-assurance
    by agency
  }
}

organisation agency {
  legal-name "Example Agency"
  country DEU
}

template online-course {
  awarding-body academy
  mode online
  language en
}

qualification rds-certificate {
  title "Certificate in Research Data Stewardship"
  awarding-body academy
  includes rdm
}

/// Shared by several credentials.
outcome fair-data "Apply the FAIR principles" {
  skill esco "manage findable accessible interoperable and reusable data"
}
"#;

    /// The project with `LIBRARY` and `text` (cursor marker `|` removed); the cursor.
    fn project(text: &str) -> (Analysis, FileId, usize) {
        let offset = text.find('|').expect("cursor marker");
        let clean = format!("{}{}", &text[..offset], &text[offset + 1..]);
        let mut sources = Sources::new();
        sources.add("/p/library.laurel", LIBRARY);
        let file = sources.add("/p/main.laurel", clean);
        let project = Project::from_sources("/p".into(), ProjectInfo::default(), sources);
        (Analysis::new(project), file, offset)
    }

    fn at(text: &str) -> CompletionList {
        let (analysis, file, offset) = project(text);
        complete_list(&analysis, file, offset)
    }

    fn labels(text: &str) -> Vec<String> {
        sorted(at(text).items)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    fn sorted(mut items: Vec<CompletionItem>) -> Vec<CompletionItem> {
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text).then(a.label.cmp(&b.label)));
        items
    }

    fn find(list: &CompletionList, label: &str) -> CompletionItem {
        list.items
            .iter()
            .find(|i| i.label == label)
            .cloned()
            .unwrap_or_else(|| {
                panic!(
                    "no {label:?} in {:?}",
                    list.items.iter().map(|i| &i.label).collect::<Vec<_>>()
                )
            })
    }

    /// Applies an item to the text (cursor marker removed).
    fn apply(text: &str, item: &CompletionItem) -> String {
        let offset = text.find('|').unwrap();
        let mut clean = format!("{}{}", &text[..offset], &text[offset + 1..]);
        clean.replace_range(item.replace.clone(), &item.insert_text);
        clean
    }

    const CRED: &str = "micro-credential rdm from online-course {\n  title \"RDM\"\n  eqf 5\n  |\n  workload 3 ects\n}\n";

    #[test]
    fn item_keywords_at_column_zero() {
        let l = labels("|");
        assert_eq!(
            l,
            [
                "organisation",
                "micro-credential",
                "credential",
                "qualification",
                "template",
                "outcome",
                "award"
            ]
        );
        let list = at("mic|\n");
        let item = find(&list, "micro-credential");
        assert_eq!(item.kind, CompletionKind::Keyword);
        assert_eq!(item.replace, 0..3);
        assert_eq!(apply("mic|\n", &item), "micro-credential \n");
        // not on an indented line outside blocks
        assert!(labels("  |").is_empty());
    }

    #[test]
    fn fields_of_the_block_missing_annex_first() {
        let list = at(CRED);
        let items = sorted(list.items.clone());
        let fields: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == CompletionKind::Field)
            .map(|i| i.label.as_str())
            .collect();
        // `eqf` is written and not repeatable; `mode`, `awarding-body`, `language` come
        // from the template; `workload` is written after the cursor
        assert!(!fields.contains(&"eqf"));
        assert!(!fields.contains(&"setting") || fields.contains(&"setting"));
        // the first ones are the missing mandatory Annex I elements
        let first: Vec<&str> = fields.iter().take(3).copied().collect();
        assert_eq!(
            first,
            ["quality-assurance", "outcome", "outcomes-summary"],
            "{fields:?}"
        );
        assert!(
            fields.iter().position(|f| *f == "assessment")
                < fields.iter().position(|f| *f == "description")
        );
        // fields written here or in the template come last
        let mut last: Vec<&str> = fields.iter().rev().take(3).copied().collect();
        last.sort_unstable();
        assert_eq!(last, ["language", "mode", "workload"]);
        let title = find(&list, "title");
        assert_eq!(
            title.detail.as_deref(),
            Some("Title of the micro-credential, once per language.")
        );
        assert!(title
            .documentation
            .as_deref()
            .unwrap()
            .contains("Annex I (mandatory): Title"));
        let qa = find(&list, "quality-assurance");
        assert!(qa.detail.unwrap().contains("missing Annex I element"));
        assert_eq!(
            apply(CRED, &find(&list, "type")).lines().nth(3),
            Some("  type ")
        );
        // a snippet per nested block
        let snippet = find(&list, "assessment { … }");
        assert_eq!(snippet.kind, CompletionKind::Snippet);
        assert_eq!(
            snippet.insert_text,
            "assessment \"${1:...}\" {\n  type ${2:written-examination}\n}$0"
        );
    }

    #[test]
    fn fields_while_typing_a_key() {
        let text = "organisation x {\n  legal-name \"X\"\n  cou|\n}\n";
        let list = at(text);
        let item = find(&list, "country");
        assert_eq!(
            apply(text, &item),
            "organisation x {\n  legal-name \"X\"\n  country \n}\n"
        );
        assert!(list
            .items
            .iter()
            .all(|i| i.label != "legal-name" || i.sort_text.as_deref().unwrap().starts_with("13")));
        // keywords only at column 0
        assert!(list.items.iter().all(|i| i.kind != CompletionKind::Keyword));
    }

    #[test]
    fn fields_of_nested_blocks() {
        let assessment = labels("micro-credential x {\n  assessment \"Exam\" {\n    |\n  }\n}\n");
        assert!(assessment.contains(&"supervision".to_string()));
        assert!(assessment.contains(&"grading".to_string()));
        assert!(!assessment.contains(&"workload".to_string()));
        let learner = labels("award x {\n  learner {\n    given-name \"A\"\n    |\n  }\n}\n");
        assert!(learner.contains(&"family-name".to_string()));
        assert!(!learner.contains(&"given-name".to_string()));
        let accreditation = labels("organisation o {\n  accreditation {\n    |\n");
        assert_eq!(&accreditation[..3], ["type", "title", "by"]);
        // a block of an unknown field has no fields to offer
        assert!(labels("micro-credential x {\n  nonsense {\n    |\n  }\n}\n").is_empty());
        // after the nested block closed, the outer block again
        let outer = labels("micro-credential x {\n  assessment \"Exam\" {\n    type oral-examination\n  }\n  |\n}\n");
        assert!(outer.contains(&"title".to_string()));
    }

    #[test]
    fn vocabulary_values() {
        let mode = at("micro-credential x {\n  mode |\n}\n");
        let online = find(&mode, "online");
        assert_eq!(online.kind, CompletionKind::Value);
        assert!(online
            .detail
            .as_deref()
            .unwrap()
            .starts_with("Online · http://data.europa.eu/snb/learning-assessment/"));
        let eqf = labels("micro-credential x {\n  eqf |\n}\n");
        assert_eq!(eqf, ["1", "2", "3", "4", "5", "6", "7", "8", "none"]);
        let exam = labels("micro-credential x {\n  assessment \"E\" {\n    type |\n  }\n}\n");
        assert!(exam.contains(&"written-examination".to_string()));
        let activity = labels("micro-credential x {\n  activity \"E\" {\n    type e-l|\n  }\n}\n");
        assert!(activity.contains(&"e-learning-coursework".to_string()));
        let supervision =
            labels("micro-credential x {\n  assessment \"E\" {\n    supervision |\n  }\n}\n");
        assert!(supervision.contains(&"supervised-with-id-verification".to_string()));
        let country = at("organisation o {\n  country |\n}\n");
        let deu = find(&country, "DEU");
        assert!(deu.detail.unwrap().starts_with("Germany · "));
        assert!(deu.filter_text.unwrap().contains("germany"));
        let field = labels("micro-credential x {\n  field 06|\n}\n");
        assert!(field.contains(&"0613".to_string()));
        let reuse = labels("outcome o \"t\" {\n  reuse |\n}\n");
        assert!(reuse.contains(&"transversal".to_string()));
        let setting = labels("template t {\n  setting |\n}\n");
        assert_eq!(setting.len(), 2);
    }

    #[test]
    fn languages_by_code_and_name() {
        let list = at("micro-credential x {\n  language |\n}\n");
        // the languages with a two-letter code; the others by typing
        assert!(
            (150..250).contains(&list.items.len()),
            "{}",
            list.items.len()
        );
        assert!(list.incomplete);
        let en = find(&list, "en");
        assert!(en.detail.unwrap().starts_with("English · "));
        let typed = at("micro-credential x {\n  language ger|\n}\n");
        assert!(
            typed.items.iter().any(|i| i.label == "de"),
            "{:?}",
            typed.items.iter().map(|i| &i.label).collect::<Vec<_>>()
        );
        let by_code = sorted(at("micro-credential x {\n  language fr|\n}\n").items);
        assert_eq!(by_code[0].label, "fr");
        assert_eq!(
            {
                let table = vocab::scheme(Scheme::Language);
                table.word(table.resolve("ron").unwrap())
            },
            "ro"
        );
    }

    #[test]
    fn occupations_by_their_label() {
        let typed = at(
            "micro-credential x {\n  entitlement \"Work\" {\n    occupation data-sci|\n  }\n}\n",
        );
        assert!(typed.incomplete);
        let item = find(&typed, "data-scientist");
        assert!(
            item.detail
                .as_deref()
                .unwrap()
                .starts_with("data scientist · http://data.europa.eu/esco/occupation/"),
            "{:?}",
            item.detail
        );
        // a word with a leading digit is still one word of the language
        let table = vocab::scheme(Scheme::EscoOccupation);
        let animator = table.resolve("3d-animator").expect("an occupation");
        assert_eq!(table.word(animator), "3d-animator");
    }

    #[test]
    fn every_proposed_concept_word_resolves_to_its_concept() {
        for &scheme in Scheme::ALL {
            if scheme == Scheme::Language {
                continue;
            }
            let table = vocab::scheme(scheme);
            for c in table.concepts() {
                let word = table.word(c);
                assert_eq!(
                    table.resolve(&word).map(|r| &r.iri),
                    Ok(&c.iri),
                    "{scheme:?} {word}"
                );
            }
        }
    }

    #[test]
    fn names_of_the_project() {
        let orgs = at("micro-credential x {\n  awarding-body |\n}\n");
        assert_eq!(
            sorted(orgs.items.clone())
                .iter()
                .map(|i| i.label.as_str())
                .collect::<Vec<_>>(),
            ["academy", "agency"]
        );
        assert_eq!(
            find(&orgs, "academy").detail.as_deref(),
            Some("organisation · Example Academy")
        );
        assert_eq!(
            labels("organisation o {\n  accreditation {\n    by |\n  }\n}\n"),
            ["academy", "agency"]
        );
        assert_eq!(
            labels("micro-credential x {\n  issuer ag|\n}\n"),
            ["academy", "agency"]
        );
        // quality assurance: accredited organisations first
        assert_eq!(
            labels("micro-credential x {\n  quality-assurance |\n}\n"),
            ["academy", "agency"]
        );
        let fair = find(&at("micro-credential x {\n  outcome |\n}\n"), "fair-data");
        assert_eq!(
            fair.documentation.as_deref(),
            Some("Shared by several credentials.")
        );
        assert_eq!(
            labels("micro-credential x {\n  stackable-into |\n}\n"),
            ["rds-certificate", "stand-alone"]
        );
        assert_eq!(
            labels("qualification q {\n  includes |\n}\n\nmicro-credential m {\n}\n"),
            ["m", "rds-certificate"]
        );
        assert_eq!(labels("micro-credential x from |"), ["online-course"]);
        assert_eq!(labels("micro-credential x |"), ["from"]);
        assert_eq!(labels("micro-credential rdm {\n}\n\naward |"), ["rdm"]);
        // not inside an outcome block (there `outcome` is not a field)
        assert!(labels("outcome o \"t\" {\n  skill |\n}\n").contains(&"esco".to_string()));
    }

    #[test]
    fn units_after_a_number() {
        let text = "micro-credential x {\n  workload 3 |\n}\n";
        assert_eq!(labels(text), ["ects", "ecvet", "hours", "days", "weeks"]);
        assert_eq!(
            labels("micro-credential x {\n  workload 3 ec|\n}\n"),
            ["ects", "ecvet", "hours", "days", "weeks"]
        );
        assert_eq!(
            labels("micro-credential x {\n  activity \"A\" {\n    workload 75 |\n  }\n}\n"),
            ["hours", "days", "weeks"]
        );
        assert_eq!(
            labels("micro-credential x {\n  valid-for 5 |\n}\n"),
            ["years", "months"]
        );
        // not before the number
        assert!(labels("micro-credential x {\n  workload |\n}\n").is_empty());
        assert_eq!(labels("award a {\n  period 2025-01-01 |\n}\n"), ["to"]);
        assert_eq!(
            labels("award a {\n  learner {\n    national-id \"X\" |\n  }\n}\n"),
            ["country"]
        );
        assert!(
            labels("award a {\n  learner {\n    national-id \"X\" country P|\n  }\n}\n")
                .contains(&"POL".to_string())
        );
    }

    const FAIR: &str = "manage findable accessible interoperable and reusable data";

    #[test]
    fn esco_skills_by_label() {
        let text = "outcome o \"t\" {\n  skill esco \"manage fin|\"\n}\n";
        let list = at(text);
        assert!(list.incomplete);
        let items = sorted(list.items);
        let at = items
            .iter()
            .position(|i| i.label == FAIR)
            .expect("FAIR skill");
        assert!(
            at <= 2,
            "{:?}",
            items.iter().map(|i| &i.label).collect::<Vec<_>>()
        );
        let item = &items[at];
        assert_eq!(item.kind, CompletionKind::Skill);
        assert_eq!(item.filter_text.as_deref(), Some("manage fin"));
        let detail = item.detail.as_deref().unwrap();
        assert!(
            detail
                .starts_with("skill/competence · cross-sector · http://data.europa.eu/esco/skill/"),
            "{detail}"
        );
        assert!(item.documentation.as_deref().unwrap().contains("ESCO"));
        assert_eq!(
            apply(text, item),
            format!("outcome o \"t\" {{\n  skill esco \"{FAIR}\"\n}}\n")
        );
        // the cursor in the middle of existing text: the whole text is replaced
        let text = "outcome o \"t\" {\n  skill esco \"pyt|hon comp\"\n}\n";
        let items = sorted(at_(text).items);
        assert_eq!(items[0].label, "Python (computer programming)");
        assert_eq!(
            apply(text, &items[0]),
            "outcome o \"t\" {\n  skill esco \"Python (computer programming)\"\n}\n"
        );
        // an unclosed string gets its closing quote
        let text = "outcome o \"t\" {\n  skill esco \"pyhton|\n}\n";
        let items = sorted(at_(text).items);
        assert_eq!(
            apply(text, &items[0]),
            "outcome o \"t\" {\n  skill esco \"Python (computer programming)\"\n}\n"
        );
        // French labels insert the French preferred label
        let text = "micro-credential x {\n  outcome \"t\" {\n    skill esco \"gérer le personnel mus|\"\n  }\n}\n";
        let items = sorted(at_(text).items);
        assert_eq!(items[0].label, "gérer le personnel musical");
        // a result of the completion compiles without an ESCO diagnostic
        let (analysis, _, _) = project(&apply(text, &items[0]).replace("gérer", "|gérer"));
        assert!(!analysis
            .compilation
            .diagnostics
            .iter()
            .any(|d| d.code.id.starts_with("L003")));
    }

    fn at_(text: &str) -> CompletionList {
        at(text)
    }

    #[test]
    fn esco_skills_by_iri() {
        let text = "outcome o \"t\" {\n  skill <manage musical st|\n}\n";
        let items = sorted(at(text).items);
        assert_eq!(items[0].label, "manage musical staff");
        assert_eq!(
            apply(text, &items[0]),
            "outcome o \"t\" {\n  skill <http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab>\n}\n"
        );
        let text = "outcome o \"t\" {\n  skill <http://data.europa.eu/esco/skill/0005c|>\n}\n";
        let items = sorted(at(text).items);
        assert_eq!(items.len(), 1);
        assert!(items[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("sector-specific"));
        assert_eq!(
            apply(text, &items[0]),
            "outcome o \"t\" {\n  skill <http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab>\n}\n"
        );
    }

    #[test]
    fn nothing_in_comments_texts_and_after_braces() {
        assert!(labels("micro-credential x {\n  // mode |\n}\n").is_empty());
        assert!(labels("micro-credential x {\n  title \"mo|\"\n}\n").is_empty());
        assert!(
            labels("micro-credential x {\n  description \"\"\"\n  mode |\n  \"\"\"\n}\n")
                .is_empty()
        );
        assert!(labels("micro-credential x { |").is_empty());
        assert!(labels("// |").is_empty());
        // after a text block closes, fields again
        let l = labels("micro-credential x {\n  description \"\"\"\n  text\n  \"\"\"\n  |\n}\n");
        assert!(l.contains(&"title".to_string()));
    }

    #[test]
    fn broken_files_still_complete() {
        // the previous item is never closed; the new item starts at column 0
        let l = labels("organisation a {\n  legal-name \"A\n\nmicro-credential b {\n  mode |");
        assert!(l.contains(&"online".to_string()), "{l:?}");
        // junk lines and an unknown field before the cursor
        let l = labels("micro-credential b {\n  ??? !!\n  nonsense 1 2 3\n  eqf |\n");
        assert!(l.contains(&"none".to_string()));
        // a multi-byte character right before a word (found by the property test below)
        for offset in 0..60 {
            let (analysis, file, _) = project(&format!("¡{}", CRED));
            let _ = complete(&analysis, file, offset);
        }
        // unknown file, offsets past the end and inside characters
        let (analysis, _, _) = project("|");
        assert!(complete(&analysis, FileId(99), 0).is_empty());
        let (analysis, file, _) = project("micro-credential é {\n  titlé|");
        for offset in 0..200 {
            let _ = complete(&analysis, file, offset);
        }
    }

    #[test]
    fn snapshot_of_assessment_fields() {
        let items = sorted(at("micro-credential x {\n  assessment \"E\" {\n    type written-examination\n    |\n  }\n}\n").items);
        let text: Vec<String> = items
            .iter()
            .map(|i| {
                format!(
                    "{:?} {} — {}",
                    i.kind,
                    i.label,
                    i.detail.as_deref().unwrap_or("")
                )
            })
            .collect();
        insta::assert_snapshot!(text.join("\n"), @r"
        Field supervision — Supervision and identity verification during assessment.
        Field grading — The grading scheme, with an optional conversion table.
        Snippet grading { … } — grading block
        Field title — The assessment's title in another language.
        Field mode — Mode of assessment: online, presential ...
        Field description — What the assessment is, once per language.
        Field language — Language the assessment is held in.
        Field assessed-by — The organisation that assesses the learners.
        ");
    }

    #[test]
    fn snapshot_of_mode_values() {
        let items = sorted(at("micro-credential x {\n  mode |\n}\n").items);
        let text: Vec<String> = items
            .iter()
            .map(|i| format!("{} — {}", i.label, i.detail.as_deref().unwrap_or("")))
            .collect();
        insta::assert_snapshot!(text.join("\n"), @r"
        blended — Blended · http://data.europa.eu/snb/learning-assessment/e92d221e4d
        hybrid — Hybrid · http://data.europa.eu/snb/learning-assessment/c_3a90b26d
        online — Online · http://data.europa.eu/snb/learning-assessment/920fbb3cbe
        presential — Presential · http://data.europa.eu/snb/learning-assessment/9191af2ed9
        project-based — Project based · http://data.europa.eu/snb/learning-assessment/7813801c77
        research-lab-based — Research-Lab based · http://data.europa.eu/snb/learning-assessment/ed4c557045
        workbased — Workbased · http://data.europa.eu/snb/learning-assessment/729f3bed4b
        ");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn never_panics_on_random_offsets(offset in 0usize..400, pick in 0usize..4, cut in 0usize..400, junk in "\\PC{0,12}") {
            let base = [LIBRARY, CRED, "award x {\n  learner {\n    national-id \"é\" country \n", "outcome o \"t\" {\n  skill esco \"ma\n  skill <http\n}\n"][pick];
            // mutate: insert junk somewhere (on a character boundary)
            let at = floor_char_boundary(base, cut);
            let text = format!("{}{}{}", &base[..at], junk, &base[at..]);
            let mut sources = Sources::new();
            let file = sources.add("/p/main.laurel", text);
            let analysis = Analysis::new(Project::from_sources("/p".into(), ProjectInfo::default(), sources));
            for o in [offset, offset / 2, offset + 1] {
                for item in complete(&analysis, file, o) {
                    let len = analysis.project.sources.get(file).text.len();
                    proptest::prop_assert!(item.replace.start <= item.replace.end && item.replace.end <= len);
                }
            }
        }
    }
}
