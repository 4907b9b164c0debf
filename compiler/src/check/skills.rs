//! Learning outcomes that link no ESCO skill: found in the syntax trees, noted (L0306),
//! and given to the editor's suggestions and `laurel suggest`.

use crate::diag::{codes, Diagnostic};
use crate::source::{FileId, Span};
use crate::syntax::ast::{Block, Field, Item, ItemKind, ParsedFile, Value, ValueKind};

/// An outcome statement where it is written.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeText<'a> {
    /// The statement.
    pub text: &'a str,
    /// Its language: its `@` tag, else the project's default language.
    pub language: &'a str,
    /// The title of the credential (or template) it is written in, if any.
    pub title: Option<&'a str>,
    /// The statement's value (`"..."`).
    pub value: &'a Value,
    /// The outcome's block, if it has one.
    pub block: Option<&'a Block>,
    /// True when the block has a `skill` line.
    pub links_skill: bool,
}

impl<'a> OutcomeText<'a> {
    /// The query for the skills this outcome suggests.
    pub fn query(&self) -> crate::vocab::suggest::OutcomeQuery<'a> {
        crate::vocab::suggest::OutcomeQuery {
            text: self.text,
            language: self.language,
            title: self.title,
        }
    }
}

/// The outcomes of `files` that link no ESCO skill, in source order.
pub fn bare_outcomes<'a>(
    files: &'a [ParsedFile],
    default_language: &'a str,
) -> Vec<OutcomeText<'a>> {
    let mut all = outcomes(files, default_language);
    all.retain(|o| !o.links_skill);
    all
}

/// The outcome whose block holds `offset` of `file`.
pub fn outcome_at<'a>(
    files: &'a [ParsedFile],
    file: FileId,
    offset: usize,
    default_language: &'a str,
) -> Option<OutcomeText<'a>> {
    outcomes(files, default_language).into_iter().find(|o| {
        o.block
            .is_some_and(|b| b.span.file == file && b.span.range().contains(&offset))
    })
}

/// The outcomes of `files` with a statement, in source order: outcome fields of
/// credentials and templates, and top-level outcomes.
pub fn outcomes<'a>(files: &'a [ParsedFile], default_language: &'a str) -> Vec<OutcomeText<'a>> {
    let mut out = Vec::new();
    for item in files.iter().flat_map(|f| f.items.iter()) {
        if item.broken {
            continue;
        }
        if item.kind == ItemKind::Outcome {
            if let Some(value) = &item.title {
                out.extend(outcome(value, item.body.as_ref(), None, default_language));
            }
            continue;
        }
        let Some(body) = &item.body else { continue };
        let title = credential_title(item);
        for field in body.fields("outcome") {
            if let [value] = field.values.as_slice() {
                out.extend(outcome(
                    value,
                    field.block.as_ref(),
                    title,
                    default_language,
                ));
            }
        }
    }
    out
}

/// The outcome of `value` (a text that is not blank) and `block`.
fn outcome<'a>(
    value: &'a Value,
    block: Option<&'a Block>,
    title: Option<&'a str>,
    default_language: &'a str,
) -> Option<OutcomeText<'a>> {
    let ValueKind::Text(text) = &value.kind else {
        return None;
    };
    if text.value.trim().is_empty() {
        return None;
    }
    Some(OutcomeText {
        text: &text.value,
        language: text
            .lang
            .as_ref()
            .map_or(default_language, |l| l.text.as_str()),
        title,
        value,
        block,
        links_skill: block.is_some_and(|b| b.fields("skill").next().is_some()),
    })
}

/// A credential's title: the text after its name, else its `title` field.
fn credential_title(item: &Item) -> Option<&str> {
    fn text(v: &Value) -> Option<&str> {
        match &v.kind {
            ValueKind::Text(t) => Some(&t.value),
            _ => None,
        }
    }
    item.title.as_ref().and_then(text).or_else(|| {
        let body = item.body.as_ref()?;
        let field: &Field = body.fields("title").next()?;
        text(field.values.first()?)
    })
}

/// The note on each outcome without a skill.
pub(super) fn notes(files: &[ParsedFile], default_language: &str) -> Vec<Diagnostic> {
    bare_outcomes(files, default_language)
        .into_iter()
        .map(|o| note(o.value.span))
        .collect()
}

fn note(span: Span) -> Diagnostic {
    Diagnostic::new(
        &codes::OUTCOME_WITHOUT_SKILL,
        span,
        "this learning outcome links no ESCO skill",
    )
    .with_label("no `skill` line")
    .with_help("the code actions \"Suggest ESCO skill: …\" (or `laurel suggest`) propose skills from the outcome's text; add the right ones as `skill esco \"...\"`")
}
