//! The EU's controlled lists as downloaded by `laurel vocab update` from the EU
//! Vocabularies: `vocab/elm/<release>/` in the project (or the shared cache), one folder
//! per release, named by the `vocabularies` pin of `Laurel.toml` (`"2026-06"`).
//!
//! A folder holds, for each list, `<slug>.tsv` (`uri`, `identifier`, `prefLabel_en`, then
//! `prefLabel_<language>` for every other language, and `definition_<language>` the same
//! way), rows sorted by IRI, read as the bundled files are (a concept the bundled copy
//! has keeps its notation, `eqf 5`, `isced-f 0613`); and `manifest.json`: the
//! source, the release, the languages, each list's scheme, `owl:versionInfo` and count,
//! and each file's rows and SHA-256. A list the folder lacks is the bundled one.

use std::path::{Path, PathBuf};

use laurel_eu_services::vocabularies::List;

use super::loaded::Loaded;
use super::store;
use super::{ConceptScheme, Scheme};

/// The lists `laurel vocab update` downloads: every bundled list but ESCO's occupations
/// (which come with ESCO).
pub fn downloadable() -> impl Iterator<Item = Scheme> {
    Scheme::ALL
        .iter()
        .copied()
        .filter(|s| *s != Scheme::EscoOccupation)
}

/// The folder of the lists of `release` in the project (or cache) at `root`.
pub fn lists_dir(root: &Path, release: &str) -> PathBuf {
    root.join("vocab").join("elm").join(release)
}

/// Where the pinned lists `release` of the project at `project` are: the project itself
/// when it holds them, else the shared cache when that does.
pub fn pinned_root(project: &Path, release: &str) -> Option<PathBuf> {
    store::root_holding(project, |root| lists_dir(root, release))
}

/// Puts the project's list folders as they were before a run that was interrupted.
pub fn recover_lists(root: &Path) -> std::io::Result<()> {
    store::recover(&root.join("vocab").join("elm"))
}

/// What [`write_lists`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLists {
    /// The folder.
    pub dir: PathBuf,
    /// Each list's slug and number of concepts.
    pub lists: Vec<(String, usize)>,
    /// The languages with a label somewhere.
    pub languages: Vec<String>,
}

/// Writes `lists`, downloaded from `source`, as the folder of `release` in the project
/// at `root`.
pub fn write_lists(
    root: &Path,
    release: &str,
    source: &str,
    lists: &[(Scheme, List)],
) -> std::io::Result<WrittenLists> {
    let target = lists_dir(root, release);
    let mut languages: Vec<String> = lists
        .iter()
        .flat_map(|(_, l)| &l.concepts)
        .flat_map(|c| c.labels.keys().chain(c.definitions.keys()))
        .cloned()
        .collect();
    languages.sort();
    languages.dedup();
    let mut files = Vec::new();
    let mut described = Vec::new();
    for (scheme, list) in lists {
        let rows = list.concepts.iter().map(|c| store::ListRow {
            uri: &c.uri,
            id: c.identifier.as_deref(),
            labels: &c.labels,
            definitions: &c.definitions,
        });
        files.push(store::list_file(
            &format!("{}.tsv", scheme.slug()),
            "identifier",
            &languages,
            rows,
        ));
        described.push(serde_json::json!({
            "list": scheme.slug(),
            "scheme": list.scheme,
            "version": list.version,
            "concepts": list.concepts.len(),
        }));
    }
    let manifest = serde_json::json!({
        "source": source,
        "vocabularies": release,
        "languages": languages,
        "lists": described,
    });
    store::write_folder(&target, files, manifest)?;
    Ok(WrittenLists {
        dir: target,
        lists: lists
            .iter()
            .map(|(s, l)| (s.slug().to_string(), l.concepts.len()))
            .collect(),
        languages,
    })
}

/// A release of the lists in the project, as its manifest describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentLists {
    /// The release (the folder's name).
    pub release: String,
    /// Each list's slug and number of concepts, by the manifest.
    pub lists: Vec<(String, u64)>,
    /// Languages, by the manifest.
    pub languages: Vec<String>,
    /// Where it came from, by the manifest.
    pub source: String,
    /// What does not match the manifest.
    pub problems: Vec<String>,
}

/// The releases of the lists in the project at `root`, each checked against its
/// manifest.
pub fn present_lists(root: &Path) -> std::io::Result<Vec<PresentLists>> {
    Ok(store::data_folders(&root.join("vocab").join("elm"))?
        .into_iter()
        .map(|(release, dir)| {
            let (manifest, problems) = store::check_folder(&dir);
            PresentLists {
                release,
                lists: manifest["lists"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|l| {
                        let slug = l["list"].as_str().unwrap_or_default().to_string();
                        (slug, l["concepts"].as_u64().unwrap_or(0))
                    })
                    .collect(),
                languages: store::manifest_languages(&manifest),
                source: manifest["source"].as_str().unwrap_or_default().to_string(),
                problems,
            }
        })
        .collect())
}

/// The lists of one release, read from its folder.
#[derive(Debug)]
pub struct Lists {
    release: String,
    /// By [`Scheme`] order; `None` for a list the folder lacks.
    schemes: Vec<Option<ConceptScheme>>,
}

impl Lists {
    /// The release's name (`2026-06`).
    pub fn release(&self) -> &str {
        &self.release
    }

    /// The release's copy of `scheme`, if it has one.
    pub fn scheme(&self, scheme: Scheme) -> Option<&ConceptScheme> {
        self.schemes.get(scheme.index())?.as_ref()
    }
}

/// Why pinned lists cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListsProblem {
    /// Neither the project nor the shared cache has the release's folder (or its
    /// manifest).
    Missing {
        /// The release pinned.
        release: String,
    },
    /// A file of the folder cannot be read, or its manifest is not one `laurel vocab`
    /// writes.
    Unreadable {
        /// The release pinned.
        release: String,
        /// The folder.
        dir: PathBuf,
        /// What is wrong.
        why: String,
    },
}

impl std::fmt::Display for ListsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListsProblem::Missing { release } => write!(
                f,
                "the EU vocabularies {release} are pinned but neither the project nor the shared cache has vocab/elm/{release}/"
            ),
            ListsProblem::Unreadable { release, dir, why } => write!(
                f,
                "the EU vocabularies {release} in {} cannot be read: {why}",
                dir.display()
            ),
        }
    }
}

impl ListsProblem {
    /// What brings the lists.
    pub fn fix(&self) -> String {
        let release = match self {
            ListsProblem::Missing { release } | ListsProblem::Unreadable { release, .. } => release,
        };
        format!(
            "bring vocab/elm/{release}/ from where it was downloaded (it is meant to be committed), or run `laurel vocab update --only elm --vocabularies {release}` to download today's lists under that name"
        )
    }
}

/// The lists of `release` in the project (or cache) at `root`, read once per process and
/// again when the folder's manifest changes. The checksums are not verified here
/// (`laurel vocab status` does).
pub fn load_lists(root: &Path, release: &str) -> Result<&'static Lists, ListsProblem> {
    static LOADED: Loaded<Lists> = Loaded::new();
    let dir = lists_dir(root, release);
    LOADED.get(
        &dir,
        &[],
        || ListsProblem::Missing {
            release: release.to_string(),
        },
        || read_lists(&dir, release),
    )
}

/// Reads the folder `dir` of `release` (see [`load_lists`]).
fn read_lists(dir: &Path, release: &str) -> Result<Lists, ListsProblem> {
    let unreadable = |why: String| ListsProblem::Unreadable {
        release: release.to_string(),
        dir: dir.to_path_buf(),
        why,
    };
    let manifest = store::read_manifest(dir).map_err(unreadable)?;
    if manifest["vocabularies"].as_str() != Some(release) {
        return Err(unreadable(
            "manifest.json does not describe this release".into(),
        ));
    }
    let mut schemes: Vec<Option<ConceptScheme>> = Scheme::ALL.iter().map(|_| None).collect();
    for listed in manifest["lists"].as_array().into_iter().flatten() {
        let slug = listed["list"].as_str().unwrap_or_default();
        let Some(scheme) = downloadable().find(|s| s.slug() == slug) else {
            return Err(unreadable(format!(
                "manifest.json names an unknown list `{slug}`"
            )));
        };
        let name = format!("{slug}.tsv");
        let text = std::fs::read_to_string(dir.join(&name))
            .map_err(|e| unreadable(format!("{name}: {e}")))?;
        let text: &'static str = Box::leak(text.into_boxed_str());
        let parsed = ConceptScheme::parse(scheme, text, Some(super::scheme(scheme)));
        if parsed.concepts.is_empty() {
            return Err(unreadable(format!("{name} has no concepts")));
        }
        if let Some(slot) = schemes.get_mut(scheme.index()) {
            *slot = Some(parsed);
        }
    }
    Ok(Lists {
        release: release.to_string(),
        schemes,
    })
}

/// The lists a project checks against: the release `Laurel.toml` pins
/// (`vocabularies`), and the occupations of the ESCO it pins; else the bundled ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProjectLists {
    release: Option<&'static Lists>,
    occupations: Option<&'static ConceptScheme>,
}

impl ProjectLists {
    /// These lists with the pinned release `lists`.
    pub fn with_release(self, lists: &'static Lists) -> ProjectLists {
        ProjectLists {
            release: Some(lists),
            ..self
        }
    }

    /// These lists with the pinned ESCO's `occupations`.
    pub fn with_occupations(self, occupations: &'static ConceptScheme) -> ProjectLists {
        ProjectLists {
            occupations: Some(occupations),
            ..self
        }
    }

    /// The project's copy of `scheme`: the pinned ESCO's occupations, the pinned
    /// release's list, else the bundled one.
    pub fn scheme(self, scheme: Scheme) -> &'static ConceptScheme {
        let pinned = match scheme {
            Scheme::EscoOccupation => self.occupations,
            _ => self.release.and_then(|lists| lists.scheme(scheme)),
        };
        pinned.unwrap_or_else(|| super::scheme(scheme))
    }

    /// The pinned release, if one is.
    pub fn release(self) -> Option<&'static str> {
        self.release.map(|l| l.release.as_str())
    }
}

impl PartialEq for ProjectLists {
    fn eq(&self, other: &ProjectLists) -> bool {
        fn same<T>(a: Option<&T>, b: Option<&T>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => std::ptr::eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
        }
        same(self.release, other.release) && same(self.occupations, other.occupations)
    }
}
