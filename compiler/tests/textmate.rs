//! The TextMate grammar of the VS Code extension, generated from the compiler's tables.
//!
//! `editors/vscode/syntaxes/laurel.tmLanguage.json` is built here from the item keywords
//! ([`ItemKind`]) and the field schema ([`BlockKind`], [`FieldSpec`], [`Shape`]): the table
//! the checker, the language server and the docs read. The test compares the result with
//! the committed file (like rust-analyzer's sourcegen tests) and fails when they differ;
//! after a change to the schema, run `LAUREL_BLESS=1 cargo test -p laurel --test textmate`
//! and commit the new grammar. `editors/vscode/test/grammar/` holds its tests (a
//! vscode-tmgrammar-test fixture, and a Node test that compares it with the server's
//! semantic tokens over every example).
//!
//! # Structure
//!
//! * One rule per item keyword, at column 0. Its first line scopes the keyword and the
//!   item's name; its `{` opens the block of the item's kind. The item ends after its
//!   block's `}`, at the end of its line when it has no block, or (broken files) when the
//!   next item keyword starts at column 0, as the compiler's recovery splits items there.
//! * One rule per block kind: `{`, then the fields of that kind, up to `}` or the next item
//!   keyword at column 0. Templates share the micro-credential's field table.
//! * One rule per field of a block: `key` at the start of a line (or just after a `{`, for
//!   blocks written on one line) up to the end of the line or a `}`. Its values are scoped
//!   by the field's [`Shape`]; a field whose schema has a block opens a block of that kind.
//!   A `"""` text may run over lines.
//! * A key the block does not take is still a field; everything else falls back to the
//!   generic values (strings, numbers, dates, IRIs).
//!
//! # Scopes
//!
//! The names fixed by the extension (its README and end-to-end test rely on them) are in
//! [`scope`]. Those chosen here, by TextMate conventions:
//!
//! | what                                  | scope                                         |
//! |---------------------------------------|-----------------------------------------------|
//! | the whole file                        | `source.laurel`                               |
//! | an item, from its keyword to its `}`  | `meta.item.<keyword>.laurel`                  |
//! | a block of a kind                     | `meta.block.<kind>.laurel` (`grading` ...)    |
//! | a block after a field that takes none | `meta.block.laurel`                           |
//! | a key the block does not take         | `variable.other.unknown.laurel`               |
//! | `//` and `///` themselves             | `punctuation.definition.comment.laurel`       |
//!
//! A language tag is part of its string's value, so `storage.modifier.language-tag.laurel`
//! sits inside the string's scope (`"""` texts and ESCO labels included); an ESCO label is
//! `string.quoted.double.laurel` and `string.quoted.double.esco.laurel`; a vocabulary IRI
//! is `constant.language.vocabulary.laurel` and `markup.underline.link.laurel`.
//!
//! Bare words of unknown fields and of fields whose shape gives them no meaning get no
//! scope of their own.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use laurel::ide::navigation::item_block;
use laurel::syntax::ast::ItemKind;
use laurel::syntax::schema::{words as word, BlockKind, FieldSpec, Shape};

/// The scope names.
mod scope {
    pub const SOURCE: &str = "source.laurel";
    pub const COMMENT: &str = "comment.line.double-slash.laurel";
    pub const DOC_COMMENT: &str = "comment.line.documentation.laurel";
    pub const COMMENT_PUNCTUATION: &str = "punctuation.definition.comment.laurel";
    pub const ITEM_KEYWORD: &str = "keyword.declaration.item.laurel";
    pub const FROM: &str = "keyword.other.from.laurel";
    pub const DEFINITION: &str = "entity.name.type.definition.laurel";
    pub const REFERENCE: &str = "entity.name.type.reference.laurel";
    pub const FIELD: &str = "variable.other.property.laurel";
    pub const UNKNOWN_FIELD: &str = "variable.other.unknown.laurel";
    pub const VOCABULARY: &str = "constant.language.vocabulary.laurel";
    pub const NUMBER: &str = "constant.numeric.laurel";
    pub const UNIT: &str = "keyword.other.unit.laurel";
    pub const DATE: &str = "constant.numeric.date.laurel";
    pub const RANGE: &str = "keyword.operator.range.laurel";
    pub const ESCO: &str = "keyword.other.esco.laurel";
    pub const ESCO_LABEL: &str = "string.quoted.double.esco.laurel";
    pub const LINK: &str = "markup.underline.link.laurel";
    pub const STRING: &str = "string.quoted.double.laurel";
    pub const TRIPLE: &str = "string.quoted.triple.laurel";
    pub const STRING_BEGIN: &str = "punctuation.definition.string.begin.laurel";
    pub const STRING_END: &str = "punctuation.definition.string.end.laurel";
    pub const ESCAPE: &str = "constant.character.escape.laurel";
    pub const BAD_ESCAPE: &str = "invalid.illegal.escape.laurel";
    pub const LANGUAGE_TAG: &str = "storage.modifier.language-tag.laurel";
    pub const COUNTRY: &str = "keyword.other.country.laurel";
    pub const BLOCK_BEGIN: &str = "punctuation.section.block.begin.laurel";
    pub const BLOCK_END: &str = "punctuation.section.block.end.laurel";
}

/// Regular expressions (Oniguruma) for the atoms of `grammar/laurel.pest`.
mod re {
    /// A character of a bare word (`word`): a letter, a digit, `-` or `_`.
    pub const WORD_CHAR: &str = r"[\p{L}\p{N}_\-]";
    /// A bare word (`word`): a vocabulary notation, a unit, a name ...
    pub const WORD: &str = r"[\p{L}\p{N}][\p{L}\p{N}_\-]*";
    /// A bare word that can be a name: it starts with a letter.
    pub const NAME_WORD: &str = r"\p{L}[\p{L}\p{N}_\-]*";
    /// An item name (`name`), in a header.
    pub const NAME: &str = "[a-z][a-z0-9-]*";
    /// An IRI (`iri`).
    pub const IRI: &str = r"<[^> \t]+>";
    /// A number (`number`): not the start of a word.
    pub const NUMBER: &str = r"(?>\d+(?:\.\d+)?)(?![A-Za-z_\-])";
    /// A date (`date`).
    pub const DATE: &str = r"\d{4}-\d{2}-\d{2}(?![A-Za-z0-9:\-])";
    /// A date and time (`datetime`).
    pub const DATETIME: &str =
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:\d{2})";
    /// A language tag (`lang_tag`).
    pub const LANGUAGE_TAG: &str = r"@[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*";
    /// A valid escape in a string (`escape`).
    pub const ESCAPE: &str = r#"\\(?:["\\nt]|u\{[0-9A-Fa-f]{1,6}\})"#;
    /// Any other backslash.
    pub const BAD_ESCAPE: &str = r"\\.?";
    /// What follows an item keyword (the compiler's line scanner, `syntax/chunk.rs`).
    pub const AFTER_KEYWORD: &str = r"(?=[ \t{]|$)";
    /// Where a field's key may start: a line's start, or just after a block's `{`.
    pub const KEY_START: &str = r"(?:^|(?<=\{))[ \t]*";
}

/// What the grammar file says about itself.
const NOTICE: [&str; 2] = [
    "Generated from the compiler's field schema (compiler/src/syntax/schema.rs) \
     by compiler/tests/textmate.rs: do not edit.",
    "After changing the schema or the generator, \
     run `LAUREL_BLESS=1 cargo test -p laurel --test textmate`.",
];

/// The grammar, as JSON.
fn grammar() -> Value {
    json!({
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "information_for_contributors": NOTICE,
        "name": "Laurel",
        "scopeName": scope::SOURCE,
        "fileTypes": ["laurel"],
        "patterns": top_level_patterns(),
        "repository": repository(),
    })
}

/// What may stand outside any item: comments, items and (stray) values.
fn top_level_patterns() -> Vec<Value> {
    let mut patterns = vec![include("comments")];
    patterns.extend(
        ItemKind::ALL
            .iter()
            .map(|kind| include(&item_rule_name(*kind))),
    );
    patterns.push(include("values"));
    patterns
}

/// Every named rule, in a fixed order: lexical rules, items, blocks, fields.
fn repository() -> Map<String, Value> {
    let mut rules = Map::new();
    let mut add = |name: String, rule: Value| {
        assert!(
            rules.insert(name.clone(), rule).is_none(),
            "two rules named {name}"
        );
    };
    for (name, rule) in lexical_rules() {
        add(name.to_string(), rule);
    }
    for kind in ItemKind::ALL {
        add(item_rule_name(kind), item_rule(kind));
    }
    for kind in block_kinds() {
        add(block_rule_name(Some(kind)), block_rule(kind));
    }
    add(block_rule_name(None), unknown_block_rule());
    for owner in table_owners() {
        add(fields_rule_name(owner), fields_rule(owner));
        for spec in owner.fields() {
            add(field_rule_name(owner, spec.key), field_rule(spec));
        }
    }
    add("field-unknown".into(), unknown_field_rule());
    rules
}

// ---- lexical rules ---------------------------------------------------------------

/// The rules that do not depend on the schema: comments, the generic values and the
/// value patterns that shapes share.
fn lexical_rules() -> Vec<(&'static str, Value)> {
    vec![
        ("comments", comments()),
        ("values", values()),
        ("text-block", text_block()),
        ("string", string_rule(scope::STRING)),
        ("string-escapes", string_escapes()),
        ("vocabulary", vocabulary()),
        (
            "name-reference",
            matched(&bounded(re::NAME_WORD), scope::REFERENCE),
        ),
        ("esco-skill", esco_skill()),
        (
            "esco-label",
            string_rule(&format!("{} {}", scope::STRING, scope::ESCO_LABEL)),
        ),
    ]
}

/// `///` at column 0 (a doc comment, as the compiler reads it) and `//` anywhere.
fn comments() -> Value {
    let comment = |regex: &str, name: &str| {
        let mut rule = matched(regex, name);
        rule["captures"] = captures(&[scope::COMMENT_PUNCTUATION]);
        rule
    };
    json!({ "patterns": [
        comment("^(///).*", scope::DOC_COMMENT),
        comment("(//).*", scope::COMMENT),
    ]})
}

/// The values any field may hold, whatever its shape (`value` in the pest grammar). A bare
/// word is matched whole, without a scope, so that digits inside it are not a number.
fn values() -> Value {
    json!({ "patterns": [
        include("text-block"),
        include("string"),
        matched(re::IRI, scope::LINK),
        matched(re::DATETIME, scope::DATE),
        matched(re::DATE, scope::DATE),
        matched(re::NUMBER, scope::NUMBER),
        json!({ "match": re::WORD }),
    ]})
}

/// A `"..."` string named `name`, with its escapes and language tag (the tag is part of
/// the value, as in the compiler). An unterminated string ends with its line.
fn string_rule(name: &str) -> Value {
    json!({
        "name": name,
        "begin": "\"",
        "beginCaptures": captures_from_zero(scope::STRING_BEGIN),
        "end": format!("(\")({})?|$", re::LANGUAGE_TAG),
        "endCaptures": captures(&[scope::STRING_END, scope::LANGUAGE_TAG]),
        "patterns": [include("string-escapes")],
    })
}

/// `\"`, `\\`, `\n`, `\t`, `\u{...}`; any other backslash is an error.
fn string_escapes() -> Value {
    json!({ "patterns": [
        matched(re::ESCAPE, scope::ESCAPE),
        matched(re::BAD_ESCAPE, scope::BAD_ESCAPE),
    ]})
}

/// A `"""` text: no escapes, may run over lines.
fn text_block() -> Value {
    json!({
        "name": scope::TRIPLE,
        "begin": "\"\"\"",
        "beginCaptures": captures_from_zero(scope::STRING_BEGIN),
        "end": format!("(\"\"\")({})?", re::LANGUAGE_TAG),
        "endCaptures": captures(&[scope::STRING_END, scope::LANGUAGE_TAG]),
    })
}

/// A vocabulary value: a bare word (notation or label, digits included: `eqf 5`,
/// `field 0613`, `eqf none`) or a concept's IRI.
fn vocabulary() -> Value {
    json!({ "patterns": [
        json!({
            "match": re::IRI,
            "name": scope::VOCABULARY,
            "captures": captures_from_zero(scope::LINK),
        }),
        matched(&bounded(re::WORD), scope::VOCABULARY),
    ]})
}

/// `esco "label"`: the keyword, then the label (scoped as an ESCO label) if one follows.
/// The rule ends right after the label, or at once when no string follows `esco`.
fn esco_skill() -> Value {
    json!({
        "begin": format!("({})[ \\t]*", bounded_word(word::ESCO)),
        "beginCaptures": captures(&[scope::ESCO]),
        "end": "\\G(?!\")|(?!\\G)",
        "patterns": [include("esco-label")],
    })
}

// ---- items ----------------------------------------------------------------------

/// What the name in an item's header is, and whether `from NAME` may follow it
/// (`grammar/laurel.pest`, and which names are definitions in `ide/navigation.rs`).
fn header(kind: ItemKind) -> (&'static str, bool) {
    match kind {
        ItemKind::MicroCredential | ItemKind::Credential => (scope::DEFINITION, true),
        ItemKind::Organisation
        | ItemKind::Qualification
        | ItemKind::Template
        | ItemKind::Outcome => (scope::DEFINITION, false),
        // `award CREDENTIAL`: the name of the credential awarded.
        ItemKind::Award => (scope::REFERENCE, false),
    }
}

fn item_rule_name(kind: ItemKind) -> String {
    format!("item-{}", kind.keyword())
}

/// An item: the keyword at column 0 and the name, then the rest of the first line (for
/// an outcome its title, for a micro-credential `from TEMPLATE`) and the block.
fn item_rule(kind: ItemKind) -> Value {
    let keyword = regex_word(kind.keyword());
    let (name_scope, takes_from) = header(kind);
    let mut patterns = vec![include("comments")];
    if takes_from {
        patterns.push(json!({
            "match": format!("({})(?:[ \\t]+({}))?", bounded_word(word::FROM), re::NAME),
            "captures": captures(&[scope::FROM, scope::REFERENCE]),
        }));
    }
    patterns.push(include(&block_rule_name(Some(item_block(kind)))));
    patterns.push(include("values"));
    json!({
        "name": format!("meta.item.{keyword}.laurel"),
        "begin": format!("^({keyword}){}(?:[ \\t]+({}))?", re::AFTER_KEYWORD, re::NAME),
        "beginCaptures": captures(&[scope::ITEM_KEYWORD, name_scope]),
        "end": format!("(?<=\\}})|$|{}", next_item()),
        "patterns": patterns,
    })
}

/// Lookahead for an item keyword at column 0: where the compiler starts a new item, so
/// where an unclosed item or block of a broken file ends.
fn next_item() -> String {
    let keywords: Vec<String> = ItemKind::ALL
        .iter()
        .map(|k| regex_word(k.keyword()))
        .collect();
    format!("(?=^(?:{}){})", keywords.join("|"), re::AFTER_KEYWORD)
}

// ---- blocks ---------------------------------------------------------------------

/// Every block kind an item or a field opens, in the order met walking the schema.
fn block_kinds() -> Vec<BlockKind> {
    fn visit(kind: BlockKind, out: &mut Vec<BlockKind>) {
        if out.contains(&kind) {
            return;
        }
        out.push(kind);
        for nested in kind.fields().iter().filter_map(|f| f.block) {
            visit(nested, out);
        }
    }
    let mut out = Vec::new();
    for kind in ItemKind::ALL {
        visit(item_block(kind), &mut out);
    }
    out
}

/// The kinds with a field table of their own ([`BlockKind::ALL`]).
fn table_owners() -> Vec<BlockKind> {
    BlockKind::ALL.to_vec()
}

/// The kind whose field table `kind` uses (a template uses the micro-credential's).
fn table_owner(kind: BlockKind) -> BlockKind {
    let table = |k: BlockKind| -> Vec<_> {
        k.fields()
            .iter()
            .map(|f| (f.key, f.shape, f.block))
            .collect()
    };
    table_owners()
        .into_iter()
        .find(|owner| table(*owner) == table(kind))
        .unwrap_or_else(|| panic!("{kind:?} has no field table among BlockKind::ALL"))
}

/// `micro-credential`, `grading` ...: the kind in kebab case.
fn kind_slug(kind: BlockKind) -> String {
    let mut slug = String::new();
    for c in format!("{kind:?}").chars() {
        if c.is_ascii_uppercase() && !slug.is_empty() {
            slug.push('-');
        }
        slug.push(c.to_ascii_lowercase());
    }
    slug
}

/// `block-<kind>`, or `block-unknown` for a block the schema gives no kind.
fn block_rule_name(kind: Option<BlockKind>) -> String {
    match kind {
        Some(kind) => format!("block-{}", kind_slug(kind)),
        None => "block-unknown".into(),
    }
}

/// `{ ... }` of a kind: its fields, up to `}` or the next item.
fn block_rule(kind: BlockKind) -> Value {
    let fields = include(&fields_rule_name(table_owner(kind)));
    braces(&format!("meta.block.{}.laurel", kind_slug(kind)), fields)
}

/// `{ ... }` after a field that takes no block: kept balanced, its lines still fields.
fn unknown_block_rule() -> Value {
    braces("meta.block.laurel", include("field-unknown"))
}

/// A block named `name` whose lines are `fields`.
fn braces(name: &str, fields: Value) -> Value {
    json!({
        "name": name,
        "begin": "\\{",
        "beginCaptures": captures_from_zero(scope::BLOCK_BEGIN),
        "end": format!("\\}}|{}", next_item()),
        "endCaptures": captures_from_zero(scope::BLOCK_END),
        "patterns": [include("comments"), fields, include("values")],
    })
}

// ---- fields ---------------------------------------------------------------------

fn fields_rule_name(owner: BlockKind) -> String {
    format!("fields-{}", kind_slug(owner))
}

fn field_rule_name(owner: BlockKind, key: &str) -> String {
    format!("field-{}-{key}", kind_slug(owner))
}

/// The fields of a table: the schema's, then any other key.
fn fields_rule(owner: BlockKind) -> Value {
    let mut patterns: Vec<Value> = owner
        .fields()
        .iter()
        .map(|spec| include(&field_rule_name(owner, spec.key)))
        .collect();
    patterns.push(include("field-unknown"));
    json!({ "patterns": patterns })
}

/// One field of the schema: its key, the values its shape gives meaning, its block.
fn field_rule(spec: &FieldSpec) -> Value {
    field(
        &regex_word(spec.key),
        scope::FIELD,
        shape_patterns(spec),
        block_rule_name(spec.block),
    )
}

/// A key no block takes: a field with generic values.
fn unknown_field_rule() -> Value {
    field(
        re::NAME,
        scope::UNKNOWN_FIELD,
        Vec::new(),
        block_rule_name(None),
    )
}

/// A field line: `key` (a regex), the patterns for its values, the block it may open.
/// It ends with its line, before the `}` of a block written on one line, or (when its
/// block was left open) at the next item.
fn field(key: &str, key_scope: &str, values: Vec<Value>, block: String) -> Value {
    let mut patterns = vec![include("comments")];
    patterns.extend(values);
    patterns.push(include(&block));
    patterns.push(include("values"));
    json!({
        "begin": format!("{}({key})(?![a-z0-9-])", re::KEY_START),
        "beginCaptures": captures(&[key_scope]),
        "end": format!("$|(?=\\}})|{}", next_item()),
        "patterns": patterns,
    })
}

/// The patterns that give a field's values their meaning, by its shape (as
/// `ide/hover.rs` and `ide/navigation.rs` read values), tried before the generic values.
fn shape_patterns(spec: &FieldSpec) -> Vec<Value> {
    match spec.shape {
        Shape::Text | Shape::PlainText | Shape::Date | Shape::DateOrDateTime | Shape::Block => {
            Vec::new()
        }
        Shape::Vocab(_) | Shape::VocabOrText(_) | Shape::Level => vec![include("vocabulary")],
        Shape::Name | Shape::NameOrText => vec![include("name-reference")],
        Shape::Stackability => vec![
            matched(&bounded_word(word::STAND_ALONE), scope::VOCABULARY),
            include("name-reference"),
        ],
        Shape::Quantity(units) => vec![matched(&bounded_any(units), scope::UNIT)],
        Shape::Words(words) => vec![matched(&bounded_any(words), scope::VOCABULARY)],
        Shape::Period => vec![matched(&bounded_word(word::TO), scope::RANGE)],
        Shape::Skill => vec![include("esco-skill")],
        Shape::TextInCountry => vec![
            matched(&bounded_word(word::COUNTRY), scope::COUNTRY),
            include("vocabulary"),
        ],
        Shape::TitledBlock if names_an_item(spec) => vec![include("name-reference")],
        Shape::TitledBlock => Vec::new(),
    }
}

/// True when the field's block is also the body of a top-level item, so that the field
/// may name such an item instead of writing a block (`outcome fair-data`).
fn names_an_item(spec: &FieldSpec) -> bool {
    spec.block
        .is_some_and(|block| ItemKind::ALL.iter().any(|kind| item_block(*kind) == block))
}

// ---- JSON and regex helpers -----------------------------------------------------

/// `{ "include": "#name" }`.
fn include(name: &str) -> Value {
    json!({ "include": format!("#{name}") })
}

/// A rule giving `name` to each match of `regex`.
fn matched(regex: &str, name: &str) -> Value {
    json!({ "match": regex, "name": name })
}

/// Captures `1..` named by `names`.
fn captures(names: &[&str]) -> Value {
    let map: Map<String, Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| ((i + 1).to_string(), json!({ "name": name })))
        .collect();
    Value::Object(map)
}

/// The whole match (capture 0) named `name`.
fn captures_from_zero(name: &str) -> Value {
    json!({ "0": { "name": name } })
}

/// A fixed word of the syntax as a regex (such words are kebab-case).
fn regex_word(word: &str) -> String {
    assert!(
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{word:?} would need escaping in a regex"
    );
    word.to_string()
}

/// `regex` standing alone: not part of a longer bare word.
fn bounded(regex: &str) -> String {
    format!("(?<!{w})(?:{regex})(?!{w})", w = re::WORD_CHAR)
}

/// The fixed `word` standing alone.
fn bounded_word(word: &str) -> String {
    bounded(&regex_word(word))
}

/// Any of `words` standing alone.
fn bounded_any(words: &[&str]) -> String {
    let alternatives: Vec<String> = words.iter().map(|w| regex_word(w)).collect();
    bounded(&alternatives.join("|"))
}

// ---- the tests ------------------------------------------------------------------

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the compiler crate sits in the repository")
        .to_path_buf()
}

/// The committed grammar.
fn grammar_path() -> PathBuf {
    repo().join("editors/vscode/syntaxes/laurel.tmLanguage.json")
}

/// The generated grammar as the file should read: pretty, 2 spaces, final newline.
fn generated() -> String {
    let mut text = serde_json::to_string_pretty(&grammar()).expect("the grammar serialises");
    text.push('\n');
    text
}

/// The first line where `a` and `b` differ: (line number, line of a, line of b).
fn first_difference<'a>(a: &'a str, b: &'a str) -> Option<(usize, &'a str, &'a str)> {
    let (mut left, mut right) = (a.lines(), b.lines());
    let mut line = 0;
    loop {
        line += 1;
        match (left.next(), right.next()) {
            (None, None) => return None,
            (l, r) if l == r => {}
            (l, r) => {
                let end = "<end of file>";
                return Some((line, l.unwrap_or(end), r.unwrap_or(end)));
            }
        }
    }
}

#[test]
fn committed_grammar_is_generated_from_the_schema() {
    let path = grammar_path();
    let expected = generated();
    if std::env::var_os("LAUREL_BLESS").is_some() {
        std::fs::write(&path, &expected)
            .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        let detail = match first_difference(&committed, &expected) {
            Some((line, old, new)) => {
                format!("first difference at line {line}:\n  committed: {old}\n  generated: {new}")
            }
            None => "they differ in line endings".to_string(),
        };
        panic!(
            "{} is not what the field schema generates (compiler/src/syntax/schema.rs, \
             compiler/tests/textmate.rs).\n{detail}\nIf the schema change is intended, run \
             `LAUREL_BLESS=1 cargo test -p laurel --test textmate`, then \
             `npm run test:grammar` and `node --test test/` in editors/vscode, \
             and commit the grammar.",
            path.display()
        );
    }
}

#[test]
fn every_block_kind_is_reachable_from_an_item() {
    let reachable = block_kinds();
    for kind in BlockKind::ALL {
        assert!(
            reachable.contains(&kind),
            "{kind:?} is neither an item's body nor a field's block: the grammar never opens it"
        );
    }
}

#[test]
fn every_include_names_a_rule_and_every_rule_is_used() {
    fn includes(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("include") {
                    out.insert(name.trim_start_matches('#').to_string());
                }
                map.values().for_each(|v| includes(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| includes(v, out)),
            _ => {}
        }
    }
    let grammar = grammar();
    let mut used = BTreeSet::new();
    includes(&grammar, &mut used);
    let defined: HashSet<String> = grammar["repository"]
        .as_object()
        .expect("a repository")
        .keys()
        .cloned()
        .collect();
    for name in &used {
        assert!(
            defined.contains(name),
            "#{name} is included but not defined"
        );
    }
    for name in &defined {
        assert!(used.contains(name), "#{name} is defined but never included");
    }
}

#[test]
fn every_field_of_every_block_has_its_rule() {
    let grammar = grammar();
    for kind in block_kinds() {
        let owner = table_owner(kind);
        let fields = grammar["repository"][fields_rule_name(owner)]["patterns"].to_string();
        for spec in kind.fields() {
            let rule = field_rule_name(owner, spec.key);
            assert!(
                fields.contains(&format!("\"#{rule}\"")),
                "{kind:?}: no rule for `{}`",
                spec.key
            );
        }
    }
}
