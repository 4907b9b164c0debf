//! The project's own copy of ESCO, downloaded by `laurel vocab update`:
//! `vocab/esco/<version>/` in the project, one folder per version, meant to be committed
//! so that every CI run sees the same data.
//!
//! A folder holds, for each language, `skills_<lang>.tsv` (the bundled file's columns:
//! `conceptUri`, `preferredLabel`, `altLabels` joined by `|`, `skillType`, `reuseLevel`)
//! and `descriptions_<lang>.tsv` (`conceptUri`, `description`); `broader.tsv`
//! (`conceptUri`, `broader`); and `manifest.json`: the source, the version, the languages
//! and each file's rows and SHA-256. Rows are sorted by IRI, so the same data gives the
//! same bytes.
//!
//! The same folders can live in a cache shared by the projects of one machine
//! ([`cache_root`], `laurel vocab update --cache`): a pinned version is looked up in the
//! project first, then there ([`pinned_root`]).
//!
//! A folder is written beside the one it replaces (`.download-*`) and renamed into place
//! only when every file is written: an interrupted or failed download leaves the old
//! data as it was, and the next run first clears what an interrupted one left.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use laurel_eu_services::esco::Skill;
use sha2::{Digest, Sha256};

use crate::vocab::esco::EscoFile;

/// The folder of ESCO `version` in the project (or cache) at `root`.
pub fn esco_dir(root: &Path, version: &str) -> PathBuf {
    root.join("vocab").join("esco").join(version)
}

/// The shared cache, laid out as a project's `vocab/`: `$XDG_CACHE_HOME/laurel`, else
/// `~/.cache/laurel`; `None` when neither variable gives an absolute path.
pub fn cache_root() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .map(|cache| cache.join("laurel"))
}

/// Where the pinned ESCO `version` of the project at `project` is: the project itself
/// when it holds the version, else the shared cache when that does.
pub fn pinned_root(project: &Path, version: &str) -> Option<PathBuf> {
    std::iter::once(project.to_path_buf())
        .chain(cache_root())
        .find(|root| esco_dir(root, version).is_dir())
}

/// Puts the project's ESCO folders as they were before a run that was interrupted (see
/// [`write_esco`]); nothing when there are none.
pub fn recover_esco(root: &Path) -> std::io::Result<()> {
    let dir = root.join("vocab").join("esco");
    match dir.is_dir() {
        true => clear_interrupted(&dir),
        false => Ok(()),
    }
}

/// What [`write_esco`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The folder.
    pub dir: PathBuf,
    /// Skills.
    pub skills: usize,
    /// Skills with a preferred label, by language.
    pub labelled: BTreeMap<String, usize>,
}

/// Writes `skills` of ESCO `version`, downloaded from `source`, as the folder of that
/// version in the project at `root`, with the labels and descriptions in `languages`
/// (every language the skills have when it is empty; English always).
pub fn write_esco(
    root: &Path,
    version: &str,
    source: &str,
    languages: &[String],
    skills: &[Skill],
) -> std::io::Result<Written> {
    let target = esco_dir(root, version);
    let parent = target.parent().expect("a version folder has a parent");
    std::fs::create_dir_all(parent)?;
    clear_interrupted(parent)?;
    let mut labelled: BTreeMap<String, usize> = BTreeMap::new();
    for skill in skills {
        for lang in skill.preferred.keys() {
            if languages.is_empty() || lang == "en" || languages.contains(lang) {
                *labelled.entry(lang.clone()).or_default() += 1;
            }
        }
    }
    let staging = tempfile::Builder::new()
        .prefix(DOWNLOAD_PREFIX)
        .tempdir_in(parent)?;
    let mut files: Vec<(String, usize, String)> = Vec::new();
    let mut put = |name: String, header: &str, rows: Vec<String>| -> std::io::Result<()> {
        let mut text = String::from(header);
        text.push('\n');
        for row in &rows {
            text.push_str(row);
            text.push('\n');
        }
        std::fs::write(staging.path().join(&name), &text)?;
        files.push((name, rows.len(), hex(&Sha256::digest(text.as_bytes()))));
        Ok(())
    };
    for lang in labelled.keys() {
        let rows = skills
            .iter()
            .filter_map(|s| {
                let label = s.preferred.get(lang)?;
                let alternative = s.alternative.get(lang).map_or(Vec::new(), |a| {
                    a.iter().map(|l| cell(l)).collect::<Vec<_>>()
                });
                Some(format!(
                    "{}\t{}\t{}\t{}\t{}",
                    s.uri,
                    cell(label),
                    alternative.join("|"),
                    skill_type(s),
                    tail(s.reuse_level.as_deref(), "/skill-reuse-level/"),
                ))
            })
            .collect();
        put(
            format!("skills_{lang}.tsv"),
            "conceptUri\tpreferredLabel\taltLabels\tskillType\treuseLevel",
            rows,
        )?;
        let rows = skills
            .iter()
            .filter_map(|s| Some(format!("{}\t{}", s.uri, cell(s.description.get(lang)?))))
            .collect();
        put(
            format!("descriptions_{lang}.tsv"),
            "conceptUri\tdescription",
            rows,
        )?;
    }
    let rows = skills
        .iter()
        .filter(|s| !s.broader.is_empty())
        .map(|s| format!("{}\t{}", s.uri, s.broader.join("|")))
        .collect();
    put("broader.tsv".into(), "conceptUri\tbroader", rows)?;
    let manifest = serde_json::json!({
        "source": source,
        "esco": version,
        "languages": labelled.keys().collect::<Vec<_>>(),
        "skills": skills.len(),
        "files": files
            .iter()
            .map(|(name, rows, sha256)| serde_json::json!({"name": name, "rows": rows, "sha256": sha256}))
            .collect::<Vec<_>>(),
    });
    let mut manifest = serde_json::to_string_pretty(&manifest).expect("JSON values serialise");
    manifest.push('\n');
    std::fs::write(staging.path().join("manifest.json"), manifest)?;
    // the swap: the old folder aside, the new one in, the old one gone
    let staged = staging.keep();
    let old = parent.join(format!("{DOWNLOAD_PREFIX}old-{version}"));
    if target.exists() {
        std::fs::rename(&target, &old)?;
    }
    if let Err(e) = std::fs::rename(&staged, &target) {
        if old.exists() {
            std::fs::rename(&old, &target)?;
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(Written {
        dir: target,
        skills: skills.len(),
        labelled,
    })
}

/// A version of ESCO in the project, as its manifest describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Present {
    /// The version (the folder's name).
    pub version: String,
    /// Skills, by the manifest.
    pub skills: u64,
    /// Languages, by the manifest.
    pub languages: Vec<String>,
    /// Where it came from, by the manifest.
    pub source: String,
    /// What does not match the manifest: a file missing, changed or not in it; or the
    /// manifest itself unreadable.
    pub problems: Vec<String>,
}

/// The versions of ESCO in the project at `root`, by version, each checked against its
/// manifest (every file's rows and SHA-256).
pub fn present_esco(root: &Path) -> std::io::Result<Vec<Present>> {
    let dir = root.join("vocab").join("esco");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.file_type()?.is_dir() {
            continue;
        }
        out.push(check_version(&entry.path(), name));
    }
    out.sort_by(|a, b| a.version.cmp(&b.version));
    Ok(out)
}

/// One version folder against its manifest.
fn check_version(dir: &Path, version: String) -> Present {
    let mut present = Present {
        version,
        skills: 0,
        languages: Vec::new(),
        source: String::new(),
        problems: Vec::new(),
    };
    let manifest: serde_json::Value = match std::fs::read(dir.join("manifest.json"))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(m) => m,
        Err(why) => {
            present
                .problems
                .push(format!("manifest.json cannot be read: {why}"));
            return present;
        }
    };
    present.skills = manifest["skills"].as_u64().unwrap_or(0);
    present.source = manifest["source"].as_str().unwrap_or_default().to_string();
    present.languages = manifest["languages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect();
    let mut listed = vec!["manifest.json".to_string()];
    for file in manifest["files"].as_array().into_iter().flatten() {
        let name = file["name"].as_str().unwrap_or_default();
        listed.push(name.to_string());
        match std::fs::read(dir.join(name)) {
            Err(_) => present.problems.push(format!("{name} is missing")),
            Ok(bytes) => {
                if file["sha256"].as_str() != Some(hex(&Sha256::digest(&bytes)).as_str()) {
                    present
                        .problems
                        .push(format!("{name} was changed after it was written"));
                }
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut extra: Vec<String> = entries
            .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
            .filter(|n| !listed.contains(n))
            .collect();
        extra.sort();
        for name in extra {
            present
                .problems
                .push(format!("{name} is not in the manifest"));
        }
    }
    present
}

/// The start of the name of a folder being written, or of an old one being replaced.
const DOWNLOAD_PREFIX: &str = ".download-";

/// Removes what an interrupted run left in `dir`: folders being written; an old folder
/// set aside whose replacement is not in place goes back.
fn clear_interrupted(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(DOWNLOAD_PREFIX) else {
            continue;
        };
        match rest.strip_prefix("old-") {
            Some(version) if !dir.join(version).exists() => {
                std::fs::rename(entry.path(), dir.join(version))?
            }
            _ => std::fs::remove_dir_all(entry.path())?,
        }
    }
    Ok(())
}

/// The skill type as ESCO's CSV files and the bundled data write it.
fn skill_type(skill: &Skill) -> &'static str {
    match tail(skill.skill_type.as_deref(), "/skill-type/") {
        "skill" => "skill/competence",
        "knowledge" => "knowledge",
        _ => "",
    }
}

/// The last part of a concept IRI after `marker` (`…/skill-reuse-level/transversal` →
/// `transversal`); empty without one.
fn tail<'a>(iri: Option<&'a str>, marker: &str) -> &'a str {
    iri.and_then(|i| i.split_once(marker))
        .map_or("", |(_, t)| t)
}

/// A text as a cell: no tab, no line break, and no `|` (which separates labels): a `|` is
/// written `/`.
fn cell(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ").replace('|', "/")
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Why a pinned ESCO cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinProblem {
    /// The version's folder (or its manifest) is not in the project.
    Missing {
        /// The version pinned.
        version: String,
        /// The languages pinned (none: every language).
        languages: Vec<String>,
    },
    /// The folder lacks labels in some of the languages pinned.
    MissingLanguages {
        /// The version pinned.
        version: String,
        /// The languages pinned that the folder has no labels in.
        languages: Vec<String>,
        /// The languages it has.
        present: Vec<String>,
    },
    /// A file of the folder cannot be read, or its manifest is not one `laurel vocab`
    /// writes.
    Unreadable {
        /// The version pinned.
        version: String,
        /// What is wrong.
        why: String,
    },
}

impl std::fmt::Display for PinProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PinProblem::Missing { version, .. } => write!(
                f,
                "ESCO {version} is pinned but neither the project nor the shared cache has vocab/esco/{version}/"
            ),
            PinProblem::MissingLanguages {
                version,
                languages,
                present,
            } => write!(
                f,
                "the project's ESCO {version} has no labels in {} (it has {})",
                languages.join(", "),
                present.join(", ")
            ),
            PinProblem::Unreadable { version, why } => {
                write!(f, "the project's ESCO {version} cannot be read: {why}")
            }
        }
    }
}

impl PinProblem {
    /// The command that brings what is missing.
    pub fn fix(&self) -> String {
        match self {
            PinProblem::Missing { version, languages } => {
                let others: Vec<&str> = languages
                    .iter()
                    .map(String::as_str)
                    .filter(|l| *l != "en")
                    .collect();
                let languages = if others.is_empty() {
                    String::new()
                } else {
                    format!(" --languages {}", others.join(","))
                };
                format!(
                    "run `laurel vocab update --esco {version}{languages}` in the project (`--cache` to keep it in the shared cache), or `laurel vocab import` with the ESCO portal's CSV packages"
                )
            }
            PinProblem::Unreadable { version, .. } => format!(
                "run `laurel vocab update --esco {version}` in the project (or `laurel vocab import` with the ESCO portal's CSV packages)"
            ),
            PinProblem::MissingLanguages {
                version, languages, ..
            } => format!(
                "run `laurel vocab update --esco {version} --languages {}`, or remove them from `esco-languages`",
                languages.join(",")
            ),
        }
    }
}

/// The index of ESCO `version` in the project at `root`, with the labels in `languages`
/// (English always; every language of the folder when empty).
///
/// Each folder is read once per process and kept: a second call for the same folder and
/// languages returns the same index unless the folder's manifest changed since (a new
/// download). The manifest's checksums are not verified here (`laurel vocab status`
/// does), and with more than 3 languages only the English labels are read now, each
/// other language's when first needed (see [`crate::vocab::EscoIndex::lookup_label`]):
/// loading stays fast.
pub fn load_esco(
    root: &Path,
    version: &str,
    languages: &[String],
) -> Result<&'static crate::vocab::EscoIndex, PinProblem> {
    type Key = (PathBuf, Vec<String>);
    type Loaded = (std::time::SystemTime, u64, &'static crate::vocab::EscoIndex);
    static LOADED: std::sync::OnceLock<std::sync::Mutex<BTreeMap<Key, Loaded>>> =
        std::sync::OnceLock::new();
    let dir = esco_dir(root, version);
    let manifest_path = dir.join("manifest.json");
    let missing = || PinProblem::Missing {
        version: version.to_string(),
        languages: languages.to_vec(),
    };
    let stamp = std::fs::metadata(&manifest_path).map_err(|_| missing())?;
    let stamp = (
        stamp.modified().unwrap_or(std::time::UNIX_EPOCH),
        stamp.len(),
    );
    let key = (dir.clone(), languages.to_vec());
    let mut loaded = LOADED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&(modified, len, index)) = loaded.get(&key) {
        if (modified, len) == stamp {
            return Ok(index);
        }
    }
    // a folder replaced by a new download is read again; the old index is kept alive, as
    // what was checked against it may still refer to it
    let index: &'static crate::vocab::EscoIndex =
        Box::leak(Box::new(read_esco(&dir, version, languages)?));
    loaded.insert(key, (stamp.0, stamp.1, index));
    Ok(index)
}

/// Reads the folder `dir` of ESCO `version` (see [`load_esco`]).
fn read_esco(
    dir: &Path,
    version: &str,
    languages: &[String],
) -> Result<crate::vocab::EscoIndex, PinProblem> {
    let unreadable = |why: String| PinProblem::Unreadable {
        version: version.to_string(),
        why,
    };
    let manifest: serde_json::Value = std::fs::read(dir.join("manifest.json"))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
        .map_err(|why| unreadable(format!("manifest.json: {why}")))?;
    let present: Vec<String> = manifest["languages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect();
    if manifest["esco"].as_str() != Some(version) || !present.iter().any(|l| l == "en") {
        return Err(unreadable(
            "manifest.json does not describe this version with English labels".into(),
        ));
    }
    let mut wanted: Vec<String> = vec!["en".into()];
    let asked = if languages.is_empty() {
        &present
    } else {
        languages
    };
    for lang in asked {
        let lang = lang.to_ascii_lowercase();
        if !wanted.contains(&lang) {
            wanted.push(lang);
        }
    }
    let lacking: Vec<String> = wanted
        .iter()
        .filter(|l| !present.contains(l))
        .cloned()
        .collect();
    if !lacking.is_empty() {
        return Err(PinProblem::MissingLanguages {
            version: version.to_string(),
            languages: lacking,
            present,
        });
    }
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    // the labels the index reads at once are read here; every other file is opened, so
    // that one missing or unreadable is reported now, and read when first needed
    let read_now = if wanted.len() <= crate::vocab::esco::READ_TOGETHER_UP_TO {
        wanted.len()
    } else {
        1
    };
    let labels_file = |k: usize, name: String| -> Result<EscoFile, PinProblem> {
        let path = dir.join(&name);
        let found = if k < read_now {
            std::fs::read_to_string(&path).map(|text| EscoFile::Text(leak(text)))
        } else {
            std::fs::File::open(&path).map(|_| EscoFile::OnDisk(path))
        };
        found.map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => unreadable(format!("{name} is missing")),
            _ => unreadable(format!("{name}: {e}")),
        })
    };
    let mut texts = crate::vocab::esco::EscoTexts {
        version: leak(version.to_string()),
        labels: Vec::new(),
        descriptions: Vec::new(),
    };
    for (k, lang) in wanted.into_iter().enumerate() {
        let code = leak(lang.clone());
        let labels = labels_file(k, format!("skills_{lang}.tsv"))?;
        texts.labels.push((code, labels));
        let descriptions = dir.join(format!("descriptions_{lang}.tsv"));
        if descriptions.is_file() {
            texts
                .descriptions
                .push((code, EscoFile::OnDisk(descriptions)));
        }
    }
    Ok(crate::vocab::EscoIndex::from_texts(texts))
}
