//! Data read from a project's folder once per process and kept, read again only when the
//! folder's manifest changes (a new download).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

/// A folder and what else its data was read for (the languages asked for).
type Key = (PathBuf, Vec<String>);

/// The manifest's modification time and length when the data was read, and the data.
type Kept<T> = (SystemTime, u64, &'static T);

/// What was read from each folder.
pub(super) struct Loaded<T: 'static> {
    cells: OnceLock<Mutex<BTreeMap<Key, Kept<T>>>>,
}

impl<T: Sync> Loaded<T> {
    /// Nothing read yet.
    pub(super) const fn new() -> Loaded<T> {
        Loaded {
            cells: OnceLock::new(),
        }
    }

    /// The data of the folder `dir` read for `extra` (the languages asked for): the
    /// kept one while `dir/manifest.json` is unchanged, else `read()` kept.
    /// `missing()` when there is no manifest.
    ///
    /// A folder replaced by a new download is read again; the old data stays alive, as
    /// what was checked against it may still refer to it.
    pub(super) fn get<E>(
        &self,
        dir: &Path,
        extra: &[String],
        missing: impl FnOnce() -> E,
        read: impl FnOnce() -> Result<T, E>,
    ) -> Result<&'static T, E> {
        let Ok(stamp) = std::fs::metadata(dir.join("manifest.json")) else {
            return Err(missing());
        };
        let stamp = (
            stamp.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            stamp.len(),
        );
        let key = (dir.to_path_buf(), extra.to_vec());
        let mut loaded = self
            .cells
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(&(modified, len, data)) = loaded.get(&key) {
            if (modified, len) == stamp {
                return Ok(data);
            }
        }
        let data: &'static T = Box::leak(Box::new(read()?));
        loaded.insert(key, (stamp.0, stamp.1, data));
        Ok(data)
    }
}
