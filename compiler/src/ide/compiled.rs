//! "Show compiled credential": the ELM JSON-LD that `laurel build --no-images` writes for
//! the item at the cursor: the credential of an award, or the specification of a
//! micro-credential. (The page images are left out: a screenful of base64 helps nobody.)

use std::path::PathBuf;

use crate::build;
use crate::elm;
use crate::source::FileId;
use crate::syntax::ast::ItemKind;

use super::navigation;
use super::Analysis;

/// One compiled document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledDocument {
    /// Where `laurel build` writes it, relative to the output folder.
    pub path: PathBuf,
    /// The JSON-LD text, byte for byte what `laurel build --no-images` writes.
    pub text: String,
}

/// Why there is nothing to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCompiled {
    /// The project has errors: nothing compiles until they are fixed.
    Errors(usize),
    /// The cursor is not in an award or a micro-credential.
    NoItem,
}

impl std::fmt::Display for NotCompiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotCompiled::Errors(1) => {
                f.write_str("the project has 1 error; fix it first (see Problems)")
            }
            NotCompiled::Errors(n) => {
                write!(
                    f,
                    "the project has {n} errors; fix them first (see Problems)"
                )
            }
            NotCompiled::NoItem => f.write_str(
                "put the cursor in an `award` or a `micro-credential` to see what it compiles to",
            ),
        }
    }
}

/// The document compiled from the award or micro-credential at `offset` of `file`.
pub fn compiled_at(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
) -> Result<CompiledDocument, NotCompiled> {
    let item = navigation::parsed(analysis, file)
        .and_then(|parsed| {
            parsed
                .items
                .iter()
                .find(|item| navigation::touches(item.span, file, offset))
        })
        .filter(|item| {
            matches!(
                item.kind,
                ItemKind::Award | ItemKind::MicroCredential | ItemKind::Credential
            )
        })
        .ok_or(NotCompiled::NoItem)?;
    let compilation = &analysis.compilation;
    if compilation.has_errors() {
        return Err(NotCompiled::Errors(compilation.error_count()));
    }
    let model = &compilation.model;
    let options = elm::Options::default();
    let (path, doc) = match item.kind {
        ItemKind::Award => {
            let award = model
                .awards
                .iter()
                .find(|award| award.span == item.name.span)
                .ok_or(NotCompiled::NoItem)?;
            let name = &model.credentials[award.credential].name;
            (
                build::credential_path(name, award),
                elm::credential(model, award, &options),
            )
        }
        _ => {
            let id = model
                .credentials
                .iter()
                .position(|c| c.span == item.name.span)
                .ok_or(NotCompiled::NoItem)?;
            (
                build::specification_path(&model.credentials[id].name),
                elm::specification(model, id),
            )
        }
    };
    Ok(CompiledDocument {
        path,
        text: build::to_text(&doc),
    })
}
