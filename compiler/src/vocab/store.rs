//! The project's own copy of ESCO, downloaded by `laurel vocab update`:
//! `vocab/esco/<version>/` in the project, one folder per version, meant to be committed
//! so that every CI run sees the same data.
//!
//! A folder holds, for each language, `skills_<lang>.tsv` (the bundled file's columns:
//! `conceptUri`, `preferredLabel`, `altLabels` joined by `|`, `skillType`, `reuseLevel`)
//! and `descriptions_<lang>.tsv` (`conceptUri`, `description`); `broader.tsv`
//! (`conceptUri`, `broader`); `occupations.tsv`, ESCO's occupations for learning
//! entitlements, in the columns of a downloaded list ([`super::lists`]: `uri`, `code`,
//! `prefLabel_<lang>`, `definition_<lang>`, the description); and `manifest.json`: the
//! source, the version, the languages and each file's rows and SHA-256. Rows are sorted by IRI, so the same data gives the
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

use laurel_eu_services::esco::{Occupation, Skill};
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
    root_holding(project, |root| esco_dir(root, version))
}

/// The first of the project at `project` and the shared cache whose data folder
/// `folder(root)` is there: where a pinned folder is looked up.
pub(super) fn root_holding(project: &Path, folder: impl Fn(&Path) -> PathBuf) -> Option<PathBuf> {
    std::iter::once(project.to_path_buf())
        .chain(cache_root())
        .find(|root| folder(root).is_dir())
}

/// Puts the project's ESCO folders as they were before a run that was interrupted (see
/// [`write_esco`]); nothing when there are none.
pub fn recover_esco(root: &Path) -> std::io::Result<()> {
    recover(&root.join("vocab").join("esco"))
}

/// Puts the data folders in `dir` as they were before a run that was interrupted.
pub(super) fn recover(dir: &Path) -> std::io::Result<()> {
    match dir.is_dir() {
        true => clear_interrupted(dir),
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

/// Writes `skills` and `occupations` of ESCO `version`, downloaded from `source`, as the
/// folder of that version in the project at `root`, with the labels and descriptions in
/// `languages` (every language the skills have when it is empty; English always).
pub fn write_esco(
    root: &Path,
    version: &str,
    source: &str,
    languages: &[String],
    skills: &[Skill],
    occupations: &[Occupation],
) -> std::io::Result<Written> {
    let target = esco_dir(root, version);
    let mut labelled: BTreeMap<String, usize> = BTreeMap::new();
    for skill in skills {
        for lang in skill.preferred.keys() {
            if languages.is_empty() || lang == "en" || languages.contains(lang) {
                *labelled.entry(lang.clone()).or_default() += 1;
            }
        }
    }
    let mut files: Vec<DataFile> = Vec::new();
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
        files.push(DataFile {
            name: format!("skills_{lang}.tsv"),
            header: "conceptUri\tpreferredLabel\taltLabels\tskillType\treuseLevel".into(),
            rows,
        });
        let rows = skills
            .iter()
            .filter_map(|s| Some(format!("{}\t{}", s.uri, cell(s.description.get(lang)?))))
            .collect();
        files.push(DataFile {
            name: format!("descriptions_{lang}.tsv"),
            header: "conceptUri\tdescription".into(),
            rows,
        });
    }
    let rows = skills
        .iter()
        .filter(|s| !s.broader.is_empty())
        .map(|s| format!("{}\t{}", s.uri, s.broader.join("|")))
        .collect();
    files.push(DataFile {
        name: BROADER_FILE.into(),
        header: "conceptUri\tbroader".into(),
        rows,
    });
    if !occupations.is_empty() {
        files.push(occupations_file(occupations, &labelled));
    }
    let manifest = serde_json::json!({
        "source": source,
        "esco": version,
        "languages": labelled.keys().collect::<Vec<_>>(),
        "skills": skills.len(),
        "occupations": occupations.len(),
    });
    write_folder(&target, files, manifest)?;
    Ok(Written {
        dir: target,
        skills: skills.len(),
        labelled,
    })
}

/// `occupations.tsv`: the occupations with their labels and descriptions in the
/// languages of `labelled`.
fn occupations_file(occupations: &[Occupation], labelled: &BTreeMap<String, usize>) -> DataFile {
    let languages: Vec<String> = labelled.keys().cloned().collect();
    let rows = occupations.iter().map(|o| ListRow {
        uri: &o.uri,
        id: o.code.as_deref(),
        labels: &o.preferred,
        definitions: &o.description,
    });
    list_file(OCCUPATIONS_FILE, "code", &languages, rows)
}

/// One concept of a list file.
pub(super) struct ListRow<'a> {
    /// The concept's IRI.
    pub uri: &'a str,
    /// Its identifier or code.
    pub id: Option<&'a str>,
    /// Its preferred label by language.
    pub labels: &'a BTreeMap<String, String>,
    /// Its definition by language.
    pub definitions: &'a BTreeMap<String, String>,
}

/// A list file as [`super::ConceptScheme`] reads one: `uri`, `id_column`, then
/// `prefLabel_<lang>` and `definition_<lang>` for each of `languages` (English first).
pub(super) fn list_file<'a>(
    name: &str,
    id_column: &str,
    languages: &[String],
    rows: impl Iterator<Item = ListRow<'a>>,
) -> DataFile {
    let mut languages: Vec<&String> = languages.iter().collect();
    languages.sort_by_key(|l| *l != "en");
    let mut header = vec!["uri".to_string(), id_column.to_string()];
    header.extend(languages.iter().map(|l| format!("prefLabel_{l}")));
    header.extend(languages.iter().map(|l| format!("definition_{l}")));
    let rows = rows
        .map(|r| {
            let mut row = vec![cell(r.uri), r.id.map(cell).unwrap_or_default()];
            for texts in [r.labels, r.definitions] {
                row.extend(
                    languages
                        .iter()
                        .map(|l| texts.get(*l).map(|t| cell(t)).unwrap_or_default()),
                );
            }
            row.join("\t")
        })
        .collect();
    DataFile {
        name: name.to_string(),
        header: header.join("\t"),
        rows,
    }
}

/// The file of a version's occupations.
pub const OCCUPATIONS_FILE: &str = "occupations.tsv";

/// The file of a data folder with each skill's broader skills and groups.
pub const BROADER_FILE: &str = "broader.tsv";

/// The occupations of ESCO `version` in the project (or cache) at `root`, as a list for
/// learning entitlements; `None` when the folder has none (one written before
/// occupations were downloaded). Read once per process and again when the manifest
/// changes.
pub fn load_occupations(
    root: &Path,
    version: &str,
) -> Result<Option<&'static super::ConceptScheme>, PinProblem> {
    static LOADED: super::loaded::Loaded<Option<super::ConceptScheme>> =
        super::loaded::Loaded::new();
    let dir = esco_dir(root, version);
    let path = dir.join(OCCUPATIONS_FILE);
    let read = || match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(super::ConceptScheme::parse(
            super::Scheme::EscoOccupation,
            Box::leak(text.into_boxed_str()),
            Some(super::scheme(super::Scheme::EscoOccupation)),
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(PinProblem::Unreadable {
            version: version.to_string(),
            why: format!("{OCCUPATIONS_FILE}: {e}"),
        }),
    };
    let missing = || PinProblem::Missing {
        version: version.to_string(),
        languages: Vec::new(),
    };
    LOADED.get(&dir, &[], missing, read).map(Option::as_ref)
}

/// One file of a data folder: its name, header row and rows.
pub(super) struct DataFile {
    /// The file's name in the folder.
    pub name: String,
    /// The header row.
    pub header: String,
    /// The rows, in the order written.
    pub rows: Vec<String>,
}

/// Writes `files` and `manifest.json` (`manifest`, an object, with each file's name,
/// rows and SHA-256 added as `files`) as the folder `target`: written beside it, then
/// swapped in whole; the folder it replaces goes only once the new one is in place.
pub(super) fn write_folder(
    target: &Path,
    files: Vec<DataFile>,
    mut manifest: serde_json::Value,
) -> std::io::Result<()> {
    let parent = target.parent().expect("a data folder has a parent");
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::fs::create_dir_all(parent)?;
    clear_interrupted(parent)?;
    let staging = tempfile::Builder::new()
        .prefix(DOWNLOAD_PREFIX)
        .tempdir_in(parent)?;
    let mut listed = Vec::new();
    for file in files {
        let mut text = file.header;
        text.push('\n');
        for row in &file.rows {
            text.push_str(row);
            text.push('\n');
        }
        std::fs::write(staging.path().join(&file.name), &text)?;
        listed.push(serde_json::json!({
            "name": file.name,
            "rows": file.rows.len(),
            "sha256": hex(&Sha256::digest(text.as_bytes())),
        }));
    }
    if let Some(map) = manifest.as_object_mut() {
        map.insert("files".into(), serde_json::Value::Array(listed));
    }
    let mut manifest = serde_json::to_string_pretty(&manifest).expect("JSON values serialise");
    manifest.push('\n');
    std::fs::write(staging.path().join("manifest.json"), manifest)?;
    // the swap: the old folder aside, the new one in, the old one gone
    let staged = staging.keep();
    let old = parent.join(format!("{DOWNLOAD_PREFIX}old-{name}"));
    if target.exists() {
        std::fs::rename(target, &old)?;
    }
    if let Err(e) = std::fs::rename(&staged, target) {
        if old.exists() {
            std::fs::rename(&old, target)?;
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// A version of ESCO in the project, as its manifest describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Present {
    /// The version (the folder's name).
    pub version: String,
    /// Skills, by the manifest.
    pub skills: u64,
    /// Occupations, by the manifest.
    pub occupations: u64,
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
    Ok(data_folders(&root.join("vocab").join("esco"))?
        .into_iter()
        .map(|(version, dir)| check_version(&dir, version))
        .collect())
}

/// The data folders in `dir` (none when it is not there), by name: every folder but the
/// hidden ones a download is writing.
pub(super) fn data_folders(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.file_type()?.is_dir() {
            continue;
        }
        out.push((name, entry.path()));
    }
    out.sort();
    Ok(out)
}

/// One version folder against its manifest.
fn check_version(dir: &Path, version: String) -> Present {
    let (manifest, problems) = check_folder(dir);
    let text = |key: &str| manifest[key].as_str().unwrap_or_default().to_string();
    Present {
        version,
        skills: manifest["skills"].as_u64().unwrap_or(0),
        occupations: manifest["occupations"].as_u64().unwrap_or(0),
        languages: manifest_languages(&manifest),
        source: text("source"),
        problems,
    }
}

/// The languages a data folder's manifest names.
pub(super) fn manifest_languages(manifest: &serde_json::Value) -> Vec<String> {
    manifest["languages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect()
}

/// The `manifest.json` of the data folder `dir`, or why it cannot be read.
pub(super) fn read_manifest(dir: &Path) -> Result<serde_json::Value, String> {
    std::fs::read(dir.join("manifest.json"))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
        .map_err(|why| format!("manifest.json cannot be read: {why}"))
}

/// A data folder's manifest (`null` when it cannot be read) and what does not match it:
/// a file missing, changed or not in it; or the manifest itself unreadable.
pub(super) fn check_folder(dir: &Path) -> (serde_json::Value, Vec<String>) {
    let mut problems = Vec::new();
    let manifest = match read_manifest(dir) {
        Ok(m) => m,
        Err(why) => {
            problems.push(why);
            return (serde_json::Value::Null, problems);
        }
    };
    let mut listed = vec!["manifest.json".to_string()];
    for file in manifest["files"].as_array().into_iter().flatten() {
        let name = file["name"].as_str().unwrap_or_default();
        listed.push(name.to_string());
        match std::fs::read(dir.join(name)) {
            Err(_) => problems.push(format!("{name} is missing")),
            Ok(bytes) => {
                if file["sha256"].as_str() != Some(hex(&Sha256::digest(&bytes)).as_str()) {
                    problems.push(format!("{name} was changed after it was written"));
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
            problems.push(format!("{name} is not in the manifest"));
        }
    }
    (manifest, problems)
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
pub(super) fn cell(text: &str) -> String {
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
                "the pinned ESCO {version} has no labels in {} (it has {})",
                languages.join(", "),
                present.join(", ")
            ),
            PinProblem::Unreadable { version, why } => {
                write!(f, "the pinned ESCO {version} cannot be read: {why}")
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
    static LOADED: super::loaded::Loaded<crate::vocab::EscoIndex> = super::loaded::Loaded::new();
    let dir = esco_dir(root, version);
    let missing = || PinProblem::Missing {
        version: version.to_string(),
        languages: languages.to_vec(),
    };
    LOADED.get(&dir, languages, missing, || {
        read_esco(&dir, version, languages)
    })
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
    let manifest = read_manifest(dir).map_err(unreadable)?;
    let present = manifest_languages(&manifest);
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
        broader: Some(dir.join(BROADER_FILE))
            .filter(|path| path.is_file())
            .map(EscoFile::OnDisk),
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
