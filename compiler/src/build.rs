//! Writing a checked project's ELM documents to disk, atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::Model;
use crate::elm;

/// What a build wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Specification files written.
    pub specifications: Vec<PathBuf>,
    /// Credential files written.
    pub credentials: Vec<PathBuf>,
}

/// The documents of a model, as (relative path, JSON text) pairs, in a stable order:
/// `<credential>/specification.jsonld` and `<credential>/awards/<learner-key>.jsonld`.
pub fn documents(model: &Model, options: &elm::Options) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for (id, cred) in model.credentials.iter().enumerate() {
        let spec = elm::specification(model, id);
        out.push((
            Path::new(&cred.name).join("specification.jsonld"),
            to_text(&spec),
        ));
    }
    for award in &model.awards {
        let cred = &model.credentials[award.credential];
        let doc = elm::credential(model, award, options);
        let file = format!("{}.jsonld", award.learner.key());
        out.push((
            Path::new(&cred.name).join("awards").join(file),
            to_text(&doc),
        ));
    }
    out
}

/// Pretty JSON with a final newline.
pub fn to_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes every document of the model below `out`. Each file is written to a temporary
/// file beside it and renamed into place, so no reader ever sees half a file.
pub fn write(model: &Model, out: &Path, options: &elm::Options) -> std::io::Result<BuildReport> {
    let mut report = BuildReport::default();
    for (relative, text) in documents(model, options) {
        let path = out.join(&relative);
        write_atomic(&path, text.as_bytes())?;
        if relative.components().any(|c| c.as_os_str() == "awards") {
            report.credentials.push(path);
        } else {
            report.specifications.push(path);
        }
    }
    Ok(report)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename:
/// readers and an interrupted build never see a partial file. (No fsync per file: it
/// made a 1,000-credential build 10 times slower.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
