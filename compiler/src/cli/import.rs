//! `laurel import FILE|DIR... --out PROJECT`: European Digital Credentials into a new
//! Laurel project ([`crate::import`]), written only when every file could be read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::files::{self, Kind};
use crate::import::{import, Input};

/// Arguments of `laurel import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Credential files (unsigned, the issuer's upload form, or sealed), or folders of
    /// them (every `.json` and `.jsonld` file below).
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// The project folder to write (refused when it exists and is not empty, unless
    /// `--force`).
    #[arg(long, value_name = "PROJECT")]
    out: PathBuf,
    /// Write into an existing folder that is not empty (files of the same name are
    /// replaced; no other file is touched).
    #[arg(long)]
    force: bool,
}

/// Runs `laurel import`: exit 0 when the project was written, 2 when nothing was.
pub fn run(args: ImportArgs) -> miette::Result<ExitCode> {
    let out = &args.out;
    let occupied = std::fs::read_dir(out).is_ok_and(|mut e| e.next().is_some());
    if occupied && !args.force {
        return Err(miette::miette!(
            "`{}` already exists and is not empty: choose another folder, or add --force to write into it",
            out.display()
        ));
    }
    let paths = super::validate::files(&args.paths)?;
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for path in &paths {
        match files::read_text(path, Kind::Credential) {
            Ok(text) => inputs.push(Input {
                name: path.display().to_string(),
                text,
            }),
            Err(e) => unreadable.push(format!("`{}`: cannot read it: {e}", path.display())),
        }
    }
    if !unreadable.is_empty() {
        return Err(miette::miette!(
            "nothing was written, {} cannot be read:\n{}",
            if unreadable.len() == 1 {
                "a file"
            } else {
                "some files"
            },
            unreadable.join("\n")
        ));
    }
    let project = project_name(out);
    let imported = import(&inputs, &project).map_err(|e| miette::miette!("{e}"))?;
    write(out, &imported.files)
        .map_err(|e| miette::miette!("cannot write the project to `{}`: {e}", out.display()))?;
    eprintln!("{}", imported.report);
    eprintln!(
        "wrote the project `{project}` to {}: next, laurel check {0}",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The project's name: the folder's name in kebab-case.
fn project_name(out: &Path) -> String {
    let name = std::path::absolute(out)
        .ok()
        .and_then(|p| {
            p.file_name()
                .map(|n| crate::vocab::kebab(&n.to_string_lossy()))
        })
        .unwrap_or_default();
    if name.is_empty() {
        "imported".to_string()
    } else {
        name
    }
}

/// Writes the files: a new folder is filled beside its place and moved there whole, so
/// that a failure leaves nothing; into an existing folder each file is written
/// atomically.
fn write(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> std::io::Result<()> {
    let fill = |dir: &Path| -> std::io::Result<()> {
        for (path, bytes) in files {
            let at = dir.join(path);
            if let Some(parent) = at.parent() {
                std::fs::create_dir_all(parent)?;
            }
            crate::build::write_atomic(&at, bytes)?;
        }
        Ok(())
    };
    if out.exists() {
        return fill(out);
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let staging = tempfile::Builder::new()
        .prefix(".laurel-import-")
        .tempdir_in(&parent)?;
    fill(staging.path())?;
    std::fs::rename(staging.path(), out)?;
    // the folder was moved: nothing is left for the guard to remove
    let _ = staging.keep();
    Ok(())
}
