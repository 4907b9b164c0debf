//! Reading input files safely: only regular files (a pipe would wait forever, a device
//! such as `/dev/zero` never ends), and at most a size limit per kind of file, checked
//! before reading and while reading (a file that grows is cut off, not followed).

use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The kinds of files Laurel reads, each with its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `.laurel` file.
    Source,
    /// `Laurel.toml`.
    Manifest,
    /// Learner data (CSV or JSON) for `laurel issue`.
    Learners,
    /// A logo (PNG, JPEG or SVG).
    Image,
    /// A key, a certificate or a bundle of them (PEM, DER, PKCS#12).
    Certificate,
    /// A credential to seal or verify.
    Credential,
}

impl Kind {
    /// The largest file of this kind Laurel reads, in bytes.
    pub const fn limit(self) -> u64 {
        const MIB: u64 = 1 << 20;
        match self {
            Kind::Source => 8 * MIB,
            Kind::Manifest => MIB,
            Kind::Learners => 1024 * MIB,
            Kind::Image => 20 * MIB,
            Kind::Certificate => 16 * MIB,
            Kind::Credential => 256 * MIB,
        }
    }

    /// What the file is, for messages.
    fn what(self) -> &'static str {
        match self {
            Kind::Source => "a Laurel file",
            Kind::Manifest => "Laurel.toml",
            Kind::Learners => "learner data",
            Kind::Image => "an image",
            Kind::Certificate => "a key or certificate file",
            Kind::Credential => "a credential",
        }
    }
}

/// The bytes of the regular file at `path` (symbolic links followed), if it is at most
/// `kind`'s limit. Errors say what is wrong in words (`InvalidInput` for something that
/// is not a file, `InvalidData` for a file too large).
pub fn read(path: &Path, kind: Kind) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "a device or pipe"
        };
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {what}, not a file"),
        ));
    }
    let limit = kind.limit();
    if meta.len() > limit {
        return Err(too_large(meta.len(), kind));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, kind));
    }
    Ok(bytes)
}

/// [`read`] as UTF-8 text.
pub fn read_text(path: &Path, kind: Kind) -> io::Result<String> {
    String::from_utf8(read(path, kind)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "it is not UTF-8 text (save it as UTF-8)",
        )
    })
}

fn too_large(size: u64, kind: Kind) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "it is {}, more than Laurel reads for {} ({})",
            human_size(size),
            kind.what(),
            human_size(kind.limit())
        ),
    )
}

/// `8 MB`, `1.5 GB`, `900 bytes`.
fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if value.fract() == 0.0 {
                format!("{value:.0} {unit}")
            } else {
                format!("{value:.1} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// A relative path that stays inside the folder it is joined to: not absolute, and no
/// `..` above its start (`a/../b` stays, `../b` does not). For paths people write.
pub fn stays_inside(relative: &Path) -> bool {
    let mut depth = 0usize;
    for part in relative.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            _ => return false,
        }
    }
    true
}

/// A relative path of plain names only (no `.`, `..`, root or prefix), and at least one:
/// the form of the paths Laurel itself lists, so that one path has one spelling.
pub fn is_plain_relative(relative: &Path) -> bool {
    relative.components().next().is_some()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// A folder that paths are checked to be inside once symbolic links are followed (its
/// own real path is worked out once).
#[derive(Debug, Clone)]
pub struct Folder {
    real: Option<PathBuf>,
}

impl Folder {
    /// The folder at `root` (which may not exist: then everything counts as inside, and
    /// the missing files are reported where they are read).
    pub fn new(root: &Path) -> Folder {
        Folder {
            real: std::fs::canonicalize(root).ok(),
        }
    }

    /// Whether `path`, with symbolic links followed, is inside the folder (a path that
    /// cannot be resolved counts as inside: it is reported where it is read).
    pub fn holds(&self, path: &Path) -> bool {
        match (&self.real, std::fs::canonicalize(path)) {
            (Some(root), Ok(path)) => path.starts_with(root),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_paths_stay_inside_unless_they_climb_out_or_are_absolute() {
        for inside in ["a.png", "./img/a.png", "img/../a.png", "", "."] {
            assert!(stays_inside(Path::new(inside)), "{inside}");
        }
        for outside in ["../a.png", "img/../../a.png", "/etc/passwd"] {
            assert!(!stays_inside(Path::new(outside)), "{outside}");
        }
    }

    #[test]
    fn plain_relative_paths_have_names_only() {
        assert!(is_plain_relative(Path::new("data/a.jsonld")));
        for not_plain in ["", "./a", "a/../b", "../a", "/a"] {
            assert!(!is_plain_relative(Path::new(not_plain)), "{not_plain}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_holds_what_resolves_inside_it_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let (root, away) = (dir.path().join("project"), dir.path().join("away"));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&away).unwrap();
        std::fs::write(root.join("in.png"), "").unwrap();
        std::fs::write(away.join("out.png"), "").unwrap();
        std::os::unix::fs::symlink(away.join("out.png"), root.join("link.png")).unwrap();
        let folder = Folder::new(&root);
        assert!(folder.holds(&root.join("in.png")));
        assert!(!folder.holds(&root.join("link.png")));
        assert!(!folder.holds(&root.join("../away/out.png")));
        assert!(
            folder.holds(&root.join("missing.png")),
            "reported where it is read"
        );
    }

    #[test]
    fn a_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.laurel");
        std::fs::write(&path, "organisation a {}\n").unwrap();
        assert_eq!(
            read_text(&path, Kind::Source).unwrap(),
            "organisation a {}\n"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_both_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Laurel.toml");
        std::fs::write(&path, vec![b'#'; (Kind::Manifest.limit() + 10) as usize]).unwrap();
        let e = read(&path, Kind::Manifest).unwrap_err().to_string();
        assert_eq!(
            e,
            "it is 1.0 MB, more than Laurel reads for Laurel.toml (1 MB)"
        );
    }

    #[test]
    fn folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path(), Kind::Source).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(e.to_string(), "it is a folder, not a file");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        let e = read(Path::new("/dev/zero"), Kind::Image).unwrap_err();
        assert_eq!(e.to_string(), "it is a device or pipe, not a file");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read(&fifo, Kind::Learners).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(900), "900 bytes");
        assert_eq!(human_size(8 << 20), "8 MB");
        assert_eq!(human_size(3 << 29), "1.5 GB");
    }
}
