//! Reading input files safely: only regular files (a pipe would wait forever, a device
//! such as `/dev/zero` never ends), and at most a size limit per kind of file, checked
//! before reading and while reading (a file that grows is cut off, not followed).

use std::io::{self, Read};
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

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
