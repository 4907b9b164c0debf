//! Go to definition, find references and rename for item names (organisations,
//! micro-credentials, qualifications, templates, outcomes) across a project's files,
//! plus the cursor lookup ([`at`]) that hover and the other features share.
//!
//! Which field values are names comes from the field schema, not from a list here: a
//! value is a reference when its field's [`Shape`] is `Name`, `NameOrText` (a bare word)
//! or `Stackability` (anything but `stand-alone`), or when the field is a titled block of
//! kind [`BlockKind::Outcome`] written with a bare word (`outcome fair-data`). The item
//! headers add `from TEMPLATE` and `award CREDENTIAL`.

use crate::project::Compilation;
use crate::source::{FileId, Span};
use crate::syntax::ast::{Field, Ident, Item, ItemKind, ParsedFile, Value, ValueKind};
use crate::syntax::schema::{words, BlockKind, FieldSpec, Shape};

use super::{Analysis, TextEdit};

/// The block kind of an item's body.
pub fn item_block(kind: ItemKind) -> BlockKind {
    match kind {
        ItemKind::Organisation => BlockKind::Organisation,
        ItemKind::MicroCredential | ItemKind::Credential => BlockKind::MicroCredential,
        ItemKind::Qualification => BlockKind::Qualification,
        ItemKind::Template => BlockKind::Template,
        ItemKind::Outcome => BlockKind::Outcome,
        ItemKind::Award => BlockKind::Award,
    }
}

/// A field seen while walking an item, with the block it stands in and its schema row
/// (`None` for a field the block does not take).
#[derive(Debug, Clone, Copy)]
pub struct FieldAt<'a> {
    /// The field.
    pub field: &'a Field,
    /// The kind of the block holding it.
    pub block: BlockKind,
    /// Its row in the schema.
    pub spec: Option<&'static FieldSpec>,
}

/// Every field of an item, nested blocks included, in source order.
pub fn fields(item: &Item) -> Vec<FieldAt<'_>> {
    fn walk<'a>(fields: &'a [Field], block: BlockKind, out: &mut Vec<FieldAt<'a>>) {
        for field in fields {
            // A short-form line (`stand-alone`) is the field it stands for.
            let spec = block.field(block.long_key(&field.key.text));
            out.push(FieldAt { field, block, spec });
            if let (Some(nested), Some(kind)) = (&field.block, spec.and_then(|s| s.block)) {
                walk(&nested.fields, kind, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(body) = &item.body {
        walk(&body.fields, item_block(item.kind), &mut out);
    }
    out
}

/// The values of a field that name an item, as the schema describes the field.
pub fn name_values<'a>(field: &'a Field, spec: &FieldSpec) -> Vec<&'a Value> {
    let words = || {
        field
            .values
            .iter()
            .filter(|v| matches!(v.kind, ValueKind::Word(_)))
    };
    match spec.shape {
        Shape::Name | Shape::NameOrText => words().collect(),
        Shape::Stackability => words()
            .filter(|v| !matches!(&v.kind, ValueKind::Word(w) if w == words::STAND_ALONE))
            .collect(),
        Shape::TitledBlock if spec.block == Some(BlockKind::Outcome) => {
            match field.values.as_slice() {
                [v @ Value {
                    kind: ValueKind::Word(_),
                    ..
                }] => vec![v],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// One place where an item name is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence<'a> {
    /// The name.
    pub name: &'a str,
    /// Where it is written.
    pub span: Span,
    /// The defining item, when this is the name in an item's header (not for awards).
    pub definition: Option<&'a Item>,
    /// The item in which the name is written.
    pub within: &'a Item,
    /// The field holding the reference (`None` for `from`, `award NAME` and definitions).
    pub field: Option<&'a Field>,
}

impl Occurrence<'_> {
    /// True for the name in an item's header.
    pub fn is_definition(&self) -> bool {
        self.definition.is_some()
    }
}

/// Every definition and reference of an item name in one parsed file, in source order.
pub fn file_occurrences(file: &ParsedFile) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    for item in &file.items {
        item_occurrences(item, &mut out);
    }
    out
}

/// Every definition and reference of an item name in the project.
pub fn occurrences(compilation: &Compilation) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    for file in &compilation.files {
        for item in &file.items {
            item_occurrences(item, &mut out);
        }
    }
    out
}

/// Every definition and reference of an item name within one item, in source order.
pub fn occurrences_in(item: &Item) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    item_occurrences(item, &mut out);
    out
}

fn item_occurrences<'a>(item: &'a Item, out: &mut Vec<Occurrence<'a>>) {
    let header = |ident: &'a Ident, definition: Option<&'a Item>| Occurrence {
        name: ident.text.as_str(),
        span: ident.span,
        definition,
        within: item,
        field: None,
    };
    if !item.name.text.is_empty() {
        let definition = (item.kind != ItemKind::Award).then_some(item);
        out.push(header(&item.name, definition));
    }
    if let Some(from) = &item.from {
        out.push(header(from, None));
    }
    for at in fields(item) {
        let Some(spec) = at.spec else { continue };
        for value in name_values(at.field, spec) {
            if let ValueKind::Word(w) = &value.kind {
                out.push(Occurrence {
                    name: w,
                    span: value.span,
                    definition: None,
                    within: item,
                    field: Some(at.field),
                });
            }
        }
    }
}

/// The items that define `name` (several only when the name is a duplicate).
pub fn definitions<'a>(compilation: &'a Compilation, name: &str) -> Vec<&'a Item> {
    compilation
        .files
        .iter()
        .flat_map(|f| f.items.iter())
        .filter(|i| i.kind != ItemKind::Award && i.name.text == name)
        .collect()
}

/// The parsed file with this id.
pub fn parsed(analysis: &Analysis, file: FileId) -> Option<&ParsedFile> {
    analysis.compilation.files.iter().find(|f| f.file == file)
}

/// True when `offset` touches `span` (its start, inside, or just after its end).
pub fn touches(span: Span, file: FileId, offset: usize) -> bool {
    span.file == file && span.start as usize <= offset && offset <= span.end as usize
}

/// The name occurrence at `offset` (a cursor just after a name still counts).
pub fn name_at(analysis: &Analysis, file: FileId, offset: usize) -> Option<Occurrence<'_>> {
    let parsed = parsed(analysis, file)?;
    let item = parsed
        .items
        .iter()
        .find(|i| touches(i.span, file, offset))?;
    let mut found = Vec::new();
    item_occurrences(item, &mut found);
    found.into_iter().find(|o| touches(o.span, file, offset))
}

/// Where the name at `offset` is defined. On a definition, the definition itself.
pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Vec<Span> {
    let Some(at) = name_at(analysis, file, offset) else {
        return Vec::new();
    };
    definitions(&analysis.compilation, at.name)
        .into_iter()
        .map(|i| i.name.span)
        .collect()
}

/// Every place the name at `offset` is written, across the project, in file order;
/// definitions only when `include_definition`.
pub fn references(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    include_definition: bool,
) -> Vec<Span> {
    let Some(at) = name_at(analysis, file, offset) else {
        return Vec::new();
    };
    let name = at.name.to_string();
    occurrences(&analysis.compilation)
        .into_iter()
        .filter(|o| o.name == name && (include_definition || !o.is_definition()))
        .map(|o| o.span)
        .collect()
}

/// Why a rename cannot be done, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameError(pub String);

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenameError {}

/// The name that a rename at `offset` would change.
pub fn prepare_rename(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
) -> Result<Span, RenameError> {
    let at = name_at(analysis, file, offset)
        .ok_or_else(|| RenameError("only the name of an item can be renamed here".into()))?;
    if definitions(&analysis.compilation, at.name).is_empty() {
        return Err(RenameError(format!(
            "there is no item named `{}` in the project",
            at.name
        )));
    }
    Ok(at.span)
}

/// True when `name` is a valid item name: `[a-z][a-z0-9-]*`.
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Renames the item whose name is at `offset`: its definition and every reference to
/// it in the project's files.
pub fn rename(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<Vec<TextEdit>, RenameError> {
    let span = prepare_rename(analysis, file, offset)?;
    let old = analysis.project.sources.slice(span).to_string();
    if !is_valid_name(new_name) {
        return Err(RenameError(format!(
            "`{new_name}` is not a valid name: use lower-case letters, digits and `-`, starting with a letter"
        )));
    }
    if new_name == words::STAND_ALONE {
        return Err(RenameError(format!(
            "`{}` is a reserved word of `stackable-into`",
            words::STAND_ALONE
        )));
    }
    if new_name == old {
        return Ok(Vec::new());
    }
    if let Some(other) = definitions(&analysis.compilation, new_name).first() {
        let path = &analysis.project.sources.get(other.name.span.file).path;
        let (line, _) = analysis
            .project
            .sources
            .get(other.name.span.file)
            .line_col(other.name.span.start as usize);
        return Err(RenameError(format!(
            "`{new_name}` is already the name of {} ({}:{line})",
            other.kind.with_article(),
            path.display()
        )));
    }
    Ok(occurrences(&analysis.compilation)
        .into_iter()
        .filter(|o| o.name == old)
        .map(|o| TextEdit {
            file: o.span.file,
            range: o.span.range(),
            new_text: new_name.to_string(),
        })
        .collect())
}

/// What the cursor is on.
#[derive(Debug, Clone)]
pub enum At<'a> {
    /// The keyword that starts an item (`organisation`, `from` ...).
    Keyword(&'a Item, Span),
    /// An item name: its definition or a reference to it.
    Name(Occurrence<'a>),
    /// A field name.
    Key(FieldAt<'a>),
    /// A value of a field (`index` into its values).
    Value(FieldAt<'a>, usize),
    /// The language tag of a text value.
    LangTag(FieldAt<'a>, &'a Ident),
    /// The title of a top-level outcome.
    OutcomeTitle(&'a Item),
}

/// What is at `offset` in `file`: the innermost thing whose span touches it.
pub fn at(analysis: &Analysis, file: FileId, offset: usize) -> Option<At<'_>> {
    if let Some(name) = name_at(analysis, file, offset) {
        return Some(At::Name(name));
    }
    let parsed = parsed(analysis, file)?;
    let item = parsed
        .items
        .iter()
        .find(|i| touches(i.span, file, offset))?;
    let text = &analysis.project.sources.get(file).text;
    let keyword = item.kind.keyword();
    let start = item.span.start as usize;
    if text.get(start..start + keyword.len()) == Some(keyword) && offset <= start + keyword.len() {
        return Some(At::Keyword(
            item,
            Span::new(file, start, start + keyword.len()),
        ));
    }
    if let Some(from) = &item.from {
        // `from` sits between the name and the template's name.
        let gap = item.name.span.end as usize..from.span.start as usize;
        if gap.contains(&offset) {
            if let Some(rel) = text.get(gap.clone()).and_then(|g| g.find(words::FROM)) {
                let s = gap.start + rel;
                let end = s + words::FROM.len();
                return Some(At::Keyword(item, Span::new(file, s, end)));
            }
        }
    }
    if let Some(title) = &item.title {
        if touches(title.span, file, offset) {
            return Some(At::OutcomeTitle(item));
        }
    }
    // The innermost field: later fields in the walk are nested deeper or come later.
    let fields = fields(item);
    let at = fields
        .iter()
        .rev()
        .find(|f| touches(field_line(f.field), file, offset))?;
    if touches(at.field.key.span, file, offset) {
        return Some(At::Key(*at));
    }
    for (i, value) in at.field.values.iter().enumerate() {
        if let ValueKind::Text(t) = &value.kind {
            if let Some(lang) = &t.lang {
                if touches(lang.span, file, offset) {
                    return Some(At::LangTag(*at, lang));
                }
            }
        }
        if touches(value.span, file, offset) {
            return Some(At::Value(*at, i));
        }
    }
    None
}

/// The span of a field without its block (its first line, roughly).
fn field_line(field: &Field) -> Span {
    let end = field
        .values
        .last()
        .map_or(field.key.span.end, |v| v.span.end);
    Span {
        end: end.max(field.key.span.end),
        ..field.key.span
    }
}

/// Helpers for the editor-feature tests: a project from strings, `$` as the cursor.
#[cfg(test)]
pub(crate) mod test_support {
    use std::path::PathBuf;

    use crate::check::ProjectInfo;
    use crate::ide::Analysis;
    use crate::project::Project;
    use crate::source::Sources;

    /// A project in `/p` with these files (ids in order, from 0).
    pub fn analysis(files: &[(&str, &str)]) -> Analysis {
        let mut sources = Sources::new();
        for (name, text) in files {
            sources.add(PathBuf::from("/p").join(name), *text);
        }
        Analysis::new(Project::from_sources(
            PathBuf::from("/p"),
            ProjectInfo::default(),
            sources,
        ))
    }

    /// The text without its `$` marker, and the marker's byte offset.
    pub fn cursor(marked: &str) -> (String, usize) {
        let offset = marked.find('$').expect("a `$` cursor marker");
        (marked.replacen('$', "", 1), offset)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{analysis, cursor};
    use super::*;

    const ORGS: &str = "organisation academy {\n  legal-name \"Academy\"\n  country DEU\n  accreditation {\n    by qa\n  }\n}\n\norganisation qa {\n  legal-name \"QA\"\n  country DEU\n}\n";

    #[test]
    fn definition_across_files() {
        let (text, offset) = cursor(
            "micro-credential c {\n  awarding-body acad$emy\n  quality-assurance \"ISO\"\n}\n",
        );
        let a = analysis(&[("orgs.laurel", ORGS), ("c.laurel", &text)]);
        let c = a.project.sources.find("/p/c.laurel".as_ref()).unwrap();
        let defs = definition(&a, c, offset);
        assert_eq!(defs.len(), 1);
        assert_eq!(a.project.sources.slice(defs[0]), "academy");
        assert_eq!(
            a.project.sources.get(defs[0].file).path,
            std::path::Path::new("/p/orgs.laurel")
        );
    }

    #[test]
    fn references_and_rename_follow_the_schema() {
        let text = "template t {\n  awarding-body qa\n}\n\nmicro-credential c from t {\n  awarding-body academy\n  quality-assurance qa\n  stackable-into stand-alone\n  outcome o\n}\n\noutcome o \"Do things\"\n\naward c {\n  date 2025-01-01\n}\n";
        let a = analysis(&[("orgs.laurel", ORGS), ("c.laurel", text)]);
        let orgs = a.project.sources.find("/p/orgs.laurel".as_ref()).unwrap();
        let qa_def = ORGS.find("organisation qa").unwrap() + "organisation ".len();
        let refs = references(&a, orgs, qa_def, true);
        let texts: Vec<_> = refs.iter().map(|s| a.project.sources.slice(*s)).collect();
        assert_eq!(texts, ["qa", "qa", "qa", "qa"], "{refs:?}");
        assert_eq!(references(&a, orgs, qa_def, false).len(), 3);

        let c = a.project.sources.find("/p/c.laurel".as_ref()).unwrap();
        let edits = rename(&a, c, text.find("from t").unwrap() + 5, "online").unwrap();
        assert_eq!(edits.len(), 2);
        let edits = rename(&a, c, text.find("outcome o").unwrap() + 8, "fair").unwrap();
        assert_eq!(edits.len(), 2);
        let award = text.find("award c").unwrap() + 6;
        assert_eq!(rename(&a, c, award, "d").unwrap().len(), 2);
        assert!(rename(&a, c, award, "Bad Name").is_err());
        assert!(rename(&a, c, award, "qa").is_err());
        assert!(prepare_rename(&a, c, text.find("stand-alone").unwrap() + 2).is_err());
    }

    #[test]
    fn cursor_lookup() {
        let text = "micro-credential c from t {\n  mode online\n  title \"T\"@de\n}\n";
        let a = analysis(&[("c.laurel", text)]);
        let f = FileId(0);
        assert!(matches!(at(&a, f, 3), Some(At::Keyword(..))));
        assert!(matches!(
            at(&a, f, text.find("from").unwrap() + 1),
            Some(At::Keyword(..))
        ));
        assert!(matches!(
            at(&a, f, text.find("mode").unwrap() + 1),
            Some(At::Key(_))
        ));
        assert!(matches!(
            at(&a, f, text.find("online").unwrap() + 1),
            Some(At::Value(_, 0))
        ));
        assert!(matches!(
            at(&a, f, text.find("@de").unwrap() + 2),
            Some(At::LangTag(..))
        ));
    }
}
