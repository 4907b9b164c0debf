//! An output folder that a run owns: it writes the new set of files and removes what an
//! earlier run of the same kind wrote and this one did not, in one step, so that a reader
//! of the folder sees the old set or the new one and never a mix.
//!
//! A run stages its files in a fresh hidden folder beside the output folder, adds to it
//! every file it must keep (files Laurel did not write, and files another kind of run
//! wrote), then swaps the two folders with one atomic rename (`renameat2` with
//! `RENAME_EXCHANGE` on Linux, `renamex_np` with `RENAME_SWAP` on macOS; elsewhere the old
//! folder is moved aside first, so a reader may briefly find no folder, never a mixed one).
//! What Laurel wrote is listed in the folder's [`MANIFEST`], each file with the kind of
//! run that wrote it (its scope); a file not listed there is never deleted.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::files;

/// The list of files Laurel wrote, inside the output folder.
pub const MANIFEST: &str = ".laurel-output.json";

/// The manifest's format version.
const MANIFEST_VERSION: u64 = 1;

/// What a committed run changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Committed {
    /// How many files this run wrote.
    pub written: usize,
    /// Files an earlier run of this scope wrote that this run did not: removed.
    pub removed: Vec<PathBuf>,
    /// Files kept as they were: not written by Laurel, or by a run of another scope.
    pub kept: usize,
}

/// A run writing into an output folder. Files written with [`Output::write`] become
/// visible together at [`Output::commit`]; dropping it without committing leaves the
/// folder as it was.
pub struct Output {
    /// The output folder (symbolic links resolved).
    folder: PathBuf,
    /// Who is writing: `build`, or `issue:<credential>`.
    scope: String,
    /// The fresh folder the new set is written to; removed on drop.
    staging: tempfile::TempDir,
    /// Files written so far, as the manifest lists them (`/`-separated, relative).
    written: Mutex<Vec<String>>,
    /// Held while the run lasts: one run at a time per parent folder.
    _lock: Option<File>,
}

impl Output {
    /// Starts a run of `scope` (`build`, `issue:<credential>`) into `folder`, which need
    /// not exist yet. Waits for another run into the same parent folder to finish.
    pub fn begin(folder: &Path, scope: &str) -> io::Result<Output> {
        let folder = resolve(folder)?;
        let parent = folder
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = folder
            .file_name()
            .ok_or_else(|| {
                io::Error::other(format!("`{}` is not a folder name", folder.display()))
            })?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(&parent)?;
        let lock = lock(&parent);
        let prefix = staging_prefix(&name);
        remove_leftovers(&parent, &prefix);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        {
            // As an ordinary new folder (the umask applies), not private to the user.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o777));
        }
        let staging = builder.tempdir_in(&parent)?;
        Ok(Output {
            folder,
            scope: scope.to_string(),
            staging,
            written: Mutex::new(Vec::new()),
            _lock: lock,
        })
    }

    /// The output folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Writes `bytes` as `relative` (a path inside the folder, such as
    /// `course/awards/ada.jsonld`). Safe to call from several threads. The file is created
    /// new in a folder only this run uses, so nothing planted there can redirect it.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> io::Result<()> {
        if !files::is_plain_relative(relative) || relative == Path::new(MANIFEST) {
            return Err(io::Error::other(format!(
                "`{}` is not a file name inside the output folder",
                relative.display()
            )));
        }
        let path = self.staging.path().join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut file = File::create_new(&path)?;
        file.write_all(bytes)?;
        self.written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(manifest_key(relative));
        Ok(())
    }

    /// Makes the new set the folder's content: keeps what is not this scope's, drops
    /// what this scope wrote before and not now, and swaps the folders in one step.
    pub fn commit(self) -> io::Result<Committed> {
        let written = std::mem::take(
            &mut *self
                .written
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        let exists = fs::symlink_metadata(&self.folder).is_ok_and(|m| m.is_dir());
        let old = if exists {
            read_manifest(&self.folder)?
        } else {
            BTreeMap::new()
        };
        let mut committed = Committed {
            written: written.len(),
            ..Committed::default()
        };
        // Each entry borrows its scope: this run's, or the old manifest's.
        let mut manifest: BTreeMap<String, &str> = written
            .into_iter()
            .map(|key| (key, self.scope.as_str()))
            .collect();
        if exists {
            let mut carry = Carry {
                from: &self.folder,
                to: self.staging.path(),
                scope: &self.scope,
                old: &old,
                manifest: &mut manifest,
                committed: &mut committed,
            };
            carry.folder(Path::new(""))?;
        }
        write_manifest(self.staging.path(), &manifest)?;
        if exists {
            fs::set_permissions(
                self.staging.path(),
                fs::metadata(&self.folder)?.permissions(),
            )?;
        }
        swap(self.staging.path(), &self.folder, exists)?;
        // The staging path now holds the old folder (or nothing); the TempDir removes it.
        Ok(committed)
    }
}

/// The folder with a symbolic link to it resolved, so that the swap replaces the folder
/// the link points to, not the link.
fn resolve(folder: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(folder) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(folder),
        Ok(meta) if !meta.is_dir() => Err(io::Error::other(format!(
            "`{}` is a file, not a folder",
            folder.display()
        ))),
        _ => Ok(folder.to_path_buf()),
    }
}

/// `.<name>.laurel-staging-`: the beginning of a staging folder's name.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.laurel-staging-")
}

/// Removes staging folders that an interrupted earlier run left (only folders with this
/// output folder's staging prefix; the lock is held).
fn remove_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// An exclusive lock on the parent folder while a run lasts, where the platform allows
/// locking a folder; `None` where it does not (runs are then not serialised).
fn lock(parent: &Path) -> Option<File> {
    let handle = File::open(parent).ok()?;
    handle.lock().ok()?;
    Some(handle)
}

/// A path as it is listed in the manifest: `/`-separated.
fn manifest_key(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The manifest of `folder`: relative path → scope. An absent manifest is empty (every
/// file is then kept); a damaged one is an error, since deleting on a guess is worse.
fn read_manifest(folder: &Path) -> io::Result<BTreeMap<String, String>> {
    let path = folder.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e),
    };
    let damaged = || {
        io::Error::other(format!(
            "`{}`, the list of the files Laurel wrote there, is damaged: delete it and run again (the files already there are then kept)",
            path.display()
        ))
    };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|_| damaged())?;
    let files = value
        .get("files")
        .and_then(|f| f.as_object())
        .ok_or_else(damaged)?;
    files
        .iter()
        .map(|(file, scope)| {
            let scope = scope
                .get("by")
                .and_then(|s| s.as_str())
                .ok_or_else(damaged)?;
            Ok((file.clone(), scope.to_string()))
        })
        .collect()
}

/// Writes the manifest (sorted, so the same run gives the same bytes).
/// Writes the manifest, one line per file, sorted (so the same run gives the same bytes),
/// without building it in memory first.
fn write_manifest(folder: &Path, manifest: &BTreeMap<String, &str>) -> io::Result<()> {
    let quoted = |s: &str| serde_json::to_string(s).map_err(io::Error::other);
    let mut out = io::BufWriter::new(File::create_new(folder.join(MANIFEST))?);
    writeln!(out, "{{")?;
    writeln!(out, "  \"laurel-output\": {MANIFEST_VERSION},")?;
    writeln!(
        out,
        "  \"about\": \"the files Laurel wrote in this folder; others are never deleted\","
    )?;
    write!(out, "  \"files\": {{")?;
    for (i, (file, scope)) in manifest.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        write!(
            out,
            "{comma}\n    {}: {{ \"by\": {} }}",
            quoted(file)?,
            quoted(scope)?
        )?;
    }
    let end = if manifest.is_empty() { "" } else { "\n  " };
    writeln!(out, "{end}}}\n}}")?;
    out.flush()
}

/// Copies what must be kept from the old folder into the staging folder.
struct Carry<'a, 's> {
    from: &'a Path,
    to: &'a Path,
    scope: &'s str,
    old: &'s BTreeMap<String, String>,
    manifest: &'a mut BTreeMap<String, &'s str>,
    committed: &'a mut Committed,
}

impl Carry<'_, '_> {
    /// Walks the old folder's `relative` subfolder.
    fn folder(&mut self, relative: &Path) -> io::Result<()> {
        let mut entries: Vec<_> =
            fs::read_dir(self.from.join(relative))?.collect::<io::Result<Vec<_>>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = relative.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if self
                    .manifest
                    .get(&manifest_key(&path))
                    .is_some_and(|s| *s == self.scope)
                {
                    return Err(io::Error::other(format!(
                        "`{}` is in the way: it is a folder where Laurel must write a file; move it elsewhere",
                        self.from.join(&path).display()
                    )));
                }
                // A folder is recreated when something in it is kept, or when it is
                // empty (then it is not Laurel's).
                let target = self.to.join(&path);
                let empty = fs::read_dir(entry.path())?.next().is_none();
                if empty {
                    fs::create_dir_all(&target)?;
                }
                self.folder(&path)?;
            } else {
                self.file(&path, &entry.path(), kind)?;
            }
        }
        Ok(())
    }

    /// Keeps or drops one old file.
    fn file(&mut self, relative: &Path, source: &Path, kind: fs::FileType) -> io::Result<()> {
        let key = manifest_key(relative);
        if key == MANIFEST || self.manifest.get(&key).is_some_and(|s| *s == self.scope) {
            return Ok(()); // the manifest, or written anew by this run
        }
        match self.old.get(&key) {
            Some(scope) if scope == self.scope => {
                self.committed.removed.push(relative.to_path_buf());
                return Ok(());
            }
            Some(scope) => {
                self.manifest.insert(key, scope);
            }
            None => {}
        }
        let target = self.to.join(relative);
        if fs::symlink_metadata(&target).is_ok() {
            return Err(io::Error::other(format!(
                "`{}` is in the way: it is a file where Laurel must make a folder; move it elsewhere",
                source.display()
            )));
        }
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        keep(source, &target, kind)?;
        self.committed.kept += 1;
        Ok(())
    }
}

/// Puts `source` at `target` without changing it: a hard link (the same file), a copy
/// where links are not possible, and a symbolic link as a link to the same place.
fn keep(source: &Path, target: &Path, kind: fs::FileType) -> io::Result<()> {
    if kind.is_symlink() {
        let points_to = fs::read_link(source)?;
        #[cfg(unix)]
        return std::os::unix::fs::symlink(points_to, target);
        #[cfg(not(unix))]
        return fs::copy(source, target).map(|_| drop(points_to));
    }
    if !kind.is_file() {
        return Err(io::Error::other(format!(
            "`{}` is neither a file nor a folder: move it out of the output folder",
            source.display()
        )));
    }
    fs::hard_link(source, target).or_else(|_| fs::copy(source, target).map(|_| ()))
}

/// Makes `staging` the content at `folder`. When `folder` exists the two are exchanged
/// (the old content is then at `staging`).
fn swap(staging: &Path, folder: &Path, exists: bool) -> io::Result<()> {
    if !exists {
        return fs::rename(staging, folder);
    }
    match exchange(staging, folder) {
        Ok(()) => Ok(()),
        Err(e) if exchange_unsupported(&e) => {
            // Move the old folder aside, the new one in, and the old one to `staging`
            // (which the caller removes).
            let aside = staging.with_extension("old");
            fs::rename(folder, &aside)?;
            if let Err(e) = fs::rename(staging, folder) {
                let _ = fs::rename(&aside, folder);
                return Err(e);
            }
            fs::rename(&aside, staging)
        }
        Err(e) => Err(e),
    }
}

/// Whether `exchange` failed only because the platform or file system cannot do it.
fn exchange_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || matches!(error.raw_os_error(), Some(code) if is_unsupported_code(code))
}

#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
))]
fn is_unsupported_code(code: i32) -> bool {
    code == libc::EINVAL || code == libc::ENOSYS || code == libc::ENOTSUP
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
)))]
fn is_unsupported_code(_: i32) -> bool {
    false
}

/// Swaps two paths in one atomic step.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD makes them relative to the
    // working folder.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Swaps two paths in one atomic step.
#[cfg(any(target_os = "macos", target_os = "ios"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both are valid NUL-terminated paths.
    let result = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Swapping two paths atomically is not available here.
#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
)))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
))]
fn c_path(path: &Path) -> io::Result<std::ffi::CString> {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(folder: &Path, scope: &str, files: &[(&str, &str)]) -> Committed {
        let output = Output::begin(folder, scope).expect("begins");
        for (name, text) in files {
            output
                .write(Path::new(name), text.as_bytes())
                .expect("writes");
        }
        output.commit().expect("commits")
    }

    fn listing(folder: &Path) -> Vec<String> {
        let mut names = Vec::new();
        let mut stack = vec![PathBuf::new()];
        while let Some(relative) = stack.pop() {
            for entry in fs::read_dir(folder.join(&relative)).expect("lists") {
                let entry = entry.expect("entry");
                let path = relative.join(entry.file_name());
                if entry.file_type().expect("type").is_dir() {
                    stack.push(path);
                } else {
                    names.push(manifest_key(&path));
                }
            }
        }
        names.sort();
        names
    }

    #[test]
    fn a_second_run_removes_what_it_no_longer_writes_and_keeps_foreign_files() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        run(
            &out,
            "build",
            &[("c/awards/ada.jsonld", "1"), ("c/spec.jsonld", "s")],
        );
        fs::write(out.join("notes.txt"), "mine").expect("foreign file");
        fs::write(out.join("c/awards/README"), "mine too").expect("foreign file");
        let second = run(
            &out,
            "build",
            &[("c/awards/bob.jsonld", "2"), ("c/spec.jsonld", "t")],
        );
        assert_eq!(second.removed, vec![PathBuf::from("c/awards/ada.jsonld")]);
        assert_eq!(second.kept, 2);
        assert_eq!(
            listing(&out),
            [
                MANIFEST,
                "c/awards/README",
                "c/awards/bob.jsonld",
                "c/spec.jsonld",
                "notes.txt"
            ]
        );
        assert_eq!(fs::read_to_string(out.join("c/spec.jsonld")).unwrap(), "t");
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        // Nothing is left beside the folder.
        let beside: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(beside.len(), 1, "{beside:?}");
    }

    #[test]
    fn runs_of_other_scopes_keep_each_others_files() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        run(&out, "build", &[("a/x.jsonld", "b")]);
        run(&out, "issue:c", &[("c/awards/1.jsonld", "i")]);
        let again = run(&out, "build", &[("a/y.jsonld", "b")]);
        assert_eq!(again.removed, vec![PathBuf::from("a/x.jsonld")]);
        assert_eq!(listing(&out), [MANIFEST, "a/y.jsonld", "c/awards/1.jsonld"]);
        let manifest = read_manifest(&out).unwrap();
        assert_eq!(manifest["c/awards/1.jsonld"], "issue:c");
        assert_eq!(manifest["a/y.jsonld"], "build");
    }

    #[test]
    fn an_abandoned_run_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        run(&out, "build", &[("a.jsonld", "old")]);
        let output = Output::begin(&out, "build").unwrap();
        output.write(Path::new("b.jsonld"), b"new").unwrap();
        drop(output);
        assert_eq!(listing(&out), [MANIFEST, "a.jsonld"]);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_same_run_gives_the_same_manifest() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        run(&out, "build", &[("b", "1"), ("a/c", "2")]);
        let first = fs::read(out.join(MANIFEST)).unwrap();
        run(&out, "build", &[("a/c", "2"), ("b", "1")]);
        assert_eq!(first, fs::read(out.join(MANIFEST)).unwrap());
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let output = Output::begin(&dir.path().join("out"), "build").unwrap();
        for bad in ["../x", "/etc/x", "", "a/../../x", MANIFEST] {
            assert!(output.write(Path::new(bad), b"x").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_damaged_manifest_stops_the_run_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        run(&out, "build", &[("a", "1")]);
        fs::write(out.join(MANIFEST), "{not json").unwrap();
        let output = Output::begin(&out, "build").unwrap();
        output.write(Path::new("b"), b"2").unwrap();
        let error = output.commit().unwrap_err().to_string();
        assert!(error.contains("is damaged"), "{error}");
        assert_eq!(listing(&out), [MANIFEST, "a"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_folder_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp");
        let real = dir.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = dir.path().join("out");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        run(&link, "build", &[("a", "1")]);
        run(&link, "build", &[("b", "2")]);
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(listing(&real), [MANIFEST, "b"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o751)).unwrap();
        run(&out, "build", &[("a", "1")]);
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o751);
        let fresh = dir.path().join("fresh");
        run(&fresh, "build", &[("a", "1")]);
        let mode = fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o055, 0, "a new folder is not private: {mode:o}");
    }

    #[cfg(unix)]
    #[test]
    fn kept_files_are_the_same_files_not_copies() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("big.bin"), "data").unwrap();
        let before = fs::metadata(out.join("big.bin")).unwrap().ino();
        run(&out, "build", &[("a", "1")]);
        assert_eq!(fs::metadata(out.join("big.bin")).unwrap().ino(), before);
    }
}
