//! Writing a checked project's ELM documents to disk, atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::{Award, CredentialId, Model, Moment};
use crate::elm;
use crate::output::Output;
use crate::render::PageImages;

/// What a build wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Specification files written.
    pub specifications: Vec<PathBuf>,
    /// Credential files written.
    pub credentials: Vec<PathBuf>,
    /// Files an earlier build wrote and this one did not, removed.
    pub removed: Vec<PathBuf>,
}

/// How credentials are written.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Lowering options (`--issued`).
    pub elm: elm::Options,
    /// Put each credential's page images in it (`displayParameter.individualDisplay`,
    /// required by the strict EDC 1.1.0 shapes).
    pub images: bool,
    /// Seal each credential (`--seal`); specifications are not sealed.
    pub seal: Option<std::sync::Arc<crate::seal::Sealer>>,
    /// Write documents without checking them against the EDC shapes first
    /// (`--no-validate`).
    pub skip_validation: bool,
}

impl Options {
    /// Checks a document about to be written against the EDC 1.2.0 shapes, unless
    /// `skip_validation`: a result is a fault in Laurel ([`crate::validate::output`]),
    /// returned as the error's inner [`crate::validate::output::OutputViolation`].
    pub fn check_output(&self, document: &serde_json::Value) -> std::io::Result<()> {
        if self.skip_validation {
            return Ok(());
        }
        crate::validate::output::check_output(document).map_err(std::io::Error::other)
    }

    /// The page templates of `credentials`, when images are wanted.
    pub fn page_images(
        &self,
        model: &Model,
        credentials: impl IntoIterator<Item = CredentialId>,
    ) -> std::io::Result<Option<PageImages>> {
        if !self.images {
            return Ok(None);
        }
        PageImages::new(model, credentials)
            .map(Some)
            .map_err(std::io::Error::other)
    }
}

/// The credential of `award` as it is written: with its page images when `images` is
/// given (the page shows the `--issued` date when there is one).
pub fn credential_document(
    model: &Model,
    award: &Award,
    options: &elm::Options,
    images: Option<&PageImages>,
) -> std::io::Result<serde_json::Value> {
    let Some(images) = images else {
        return Ok(elm::credential(model, award, options));
    };
    let pages = match &options.issued {
        Some(issued) => {
            let mut shown = award.clone();
            shown.date = Some(Moment::DateTime(issued.clone()));
            images.render(&shown)
        }
        None => images.render(award),
    }
    .map_err(std::io::Error::other)?;
    Ok(elm::credential_with_pages(model, award, options, &pages))
}

/// The text a credential is written as: sealed when sealing was asked for, else pretty
/// JSON.
pub fn credential_text(doc: serde_json::Value, options: &Options) -> std::io::Result<String> {
    match &options.seal {
        Some(sealer) => sealer.seal_value(doc).map_err(std::io::Error::other),
        None => Ok(to_text(&doc)),
    }
}

/// One document to write: its path below the output folder and what to lower.
enum Job<'m> {
    Specification(usize),
    Credential(&'m Award),
}

/// The documents of a model, as (relative path, JSON text) pairs, in a stable order:
/// `<credential>/specification.jsonld` and `<credential>/awards/<learner-key>.jsonld`.
/// Lowering (and drawing pages) runs on all cores; the order does not depend on it.
pub fn documents(model: &Model, options: &Options) -> std::io::Result<Vec<(PathBuf, String)>> {
    let jobs: Vec<Job<'_>> = (0..model.credentials.len())
        .map(Job::Specification)
        .chain(model.awards.iter().map(Job::Credential))
        .collect();
    let images = options.page_images(model, model.awards.iter().map(|a| a.credential))?;
    par_map(&jobs, available_cores(), |job| match job {
        Job::Specification(id) => {
            let doc = elm::specification(model, *id);
            options.check_output(&doc)?;
            Ok((
                specification_path(&model.credentials[*id].name),
                to_text(&doc),
            ))
        }
        Job::Credential(award) => {
            let name = &model.credentials[award.credential].name;
            let doc = credential_document(model, award, &options.elm, images.as_ref())?;
            options.check_output(&doc)?;
            Ok((credential_path(name, award), credential_text(doc, options)?))
        }
    })
    .into_iter()
    .collect()
}

/// `<credential>/specification.jsonld`: where a micro-credential's specification goes.
pub fn specification_path(credential: &str) -> PathBuf {
    Path::new(credential).join("specification.jsonld")
}

/// `<credential>/awards/<learner-key>.jsonld`: where an award's credential goes.
pub fn credential_path(credential: &str, award: &Award) -> PathBuf {
    let file = format!("{}.jsonld", award.key());
    Path::new(credential).join("awards").join(file)
}

/// How many threads lowering and writing use by default: one per core.
pub fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on `threads` threads, results in input order.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if threads < 2 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Pretty JSON with a final newline.
pub fn to_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// What [`build`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Built {
    /// Nothing was written: the project has this many errors.
    Refused {
        /// How many errors.
        errors: usize,
    },
    /// Every document was written.
    Written(BuildReport),
}

/// `laurel build`: writes every document of a compiled project below `out`, or nothing
/// at all when it has errors.
pub fn build(
    compilation: &crate::project::Compilation,
    out: &Path,
    options: &Options,
) -> std::io::Result<Built> {
    if compilation.has_errors() {
        return Ok(Built::Refused {
            errors: compilation.error_count(),
        });
    }
    write(&compilation.model, out, options).map(Built::Written)
}

/// What to tell a user whose build or issue could not write to `out`: a document the
/// EDC shapes refuse (a fault in Laurel, said as such), else the I/O error.
pub fn write_failure(out: &Path, e: &std::io::Error) -> String {
    match crate::validate::output::violation_in(e) {
        Some(violation) => violation.to_string(),
        None => format!("cannot write to `{}`: {e}", out.display()),
    }
}

/// The scope of `laurel build` in the output folder's manifest.
pub const BUILD_SCOPE: &str = "build";

/// Writes every document of the model below `out`, which the build owns: what an earlier
/// build wrote and this one does not is removed, files Laurel did not write are kept, and
/// readers see the old set or the new one, never a mix ([`crate::output`]).
pub fn write(model: &Model, out: &Path, options: &Options) -> std::io::Result<BuildReport> {
    let documents = documents(model, options)?;
    let output = Output::begin(out, BUILD_SCOPE)?;
    par_map(&documents, available_cores(), |(relative, text)| {
        output.write(relative, text.as_bytes())
    })
    .into_iter()
    .collect::<std::io::Result<()>>()?;
    let committed = output.commit()?;
    let mut report = BuildReport {
        removed: committed.removed,
        ..BuildReport::default()
    };
    for (relative, _) in &documents {
        let path = out.join(relative);
        if relative.components().any(|c| c.as_os_str() == "awards") {
            report.credentials.push(path);
        } else {
            report.specifications.push(path);
        }
    }
    Ok(report)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename:
/// readers and an interrupted run never see a partial file. The temporary file is
/// created new with an unpredictable name, so nothing planted beside `path` can redirect
/// the write; it takes the permissions of the file it replaces. (No fsync per file: it
/// made a 1,000-credential build 10 times slower.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".laurel-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_checked_unless_told_not_to() {
        let sample =
            include_bytes!("../../tests/data/elm-examples/authored/minimal-microcredential.jsonld");
        let mut refused: serde_json::Value = serde_json::from_slice(sample).unwrap();
        refused.as_object_mut().unwrap().remove("credentialSubject");
        let checked = Options::default();
        let error = checked.check_output(&refused).unwrap_err();
        assert!(crate::validate::output::violation_in(&error).is_some());
        let unchecked = Options {
            skip_validation: true,
            ..Options::default()
        };
        assert!(unchecked.check_output(&refused).is_ok());
    }

    #[test]
    fn an_atomic_write_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_keeps_the_replaced_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("course.laurel");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A new file is an ordinary one, not private to its owner.
        let fresh = dir.path().join("fresh.jsonld");
        write_atomic(&fresh, b"{}").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "{mode:o}");
    }
}
