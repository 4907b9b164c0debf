//! Finding and loading a project: `Laurel.toml` and every `.laurel` file below it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::check::{self, Model, ProjectInfo};
use crate::diag::{codes, Diagnostic, Diagnostics};
use crate::files;
use crate::source::{FileId, Sources, Span};
use crate::syntax::{self, ast::ParsedFile};
use crate::vocab::{lists, store};

/// The manifest file name.
pub const MANIFEST: &str = "Laurel.toml";

/// A loaded project: settings and source texts.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `Laurel.toml` (or the single file's folder).
    pub root: PathBuf,
    /// Settings.
    pub info: ProjectInfo,
    /// The manifest (if any) and every `.laurel` file, manifest first.
    pub sources: Sources,
    /// Problems found in the manifest.
    pub manifest_diagnostics: Vec<Diagnostic>,
    /// Warning codes the manifest silences (`[lints] allow = ["L0301"]`).
    pub allowed: Vec<&'static crate::diag::Code>,
}

/// Why a project could not be loaded at all.
#[derive(Debug)]
pub enum LoadError {
    /// The path does not exist.
    NotFound(PathBuf),
    /// A file or folder could not be read.
    Io(PathBuf, std::io::Error),
    /// A folder without `Laurel.toml` (and none above it).
    NoManifest(PathBuf),
    /// A `.laurel` file that is a link to a file outside the project.
    Outside(PathBuf),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "`{}` does not exist", p.display()),
            LoadError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
            LoadError::Outside(p) => write!(
                f,
                "`{}` is a link to a file outside the project folder: Laurel reads only files inside the project (copy the file in instead)",
                p.display()
            ),
            LoadError::NoManifest(p) => write!(
                f,
                "`{}` is not a Laurel project: it has no {MANIFEST} (create one with `[project]` and `name = \"...\"`, or pass a single .laurel file)",
                p.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

impl Project {
    /// The errors of `Laurel.toml`, each "what is wrong (how to fix it)": with one, the
    /// project's settings (its pinned ESCO among them) are not what the file says.
    pub fn manifest_errors(&self) -> Vec<String> {
        self.manifest_diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .map(|d| match &d.help {
                Some(help) => format!("{} ({help})", d.message),
                None => d.message.clone(),
            })
            .collect()
    }

    /// Loads the project at `path`: a folder with `Laurel.toml`, a file inside such a
    /// folder (the whole project is loaded), or a lone `.laurel` file.
    pub fn load(path: &Path) -> Result<Project, LoadError> {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
            _ => LoadError::Io(path.to_path_buf(), e),
        })?;
        let start = if meta.is_dir() {
            path.to_path_buf()
        } else {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let root = find_root(&start);
        match root {
            Some(root) => Project::load_folder(&root),
            None if meta.is_dir() => Err(LoadError::NoManifest(path.to_path_buf())),
            None => {
                let text = read(path, files::Kind::Source)?;
                let name = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("laurel");
                let mut project = Project::from_sources(
                    start,
                    ProjectInfo {
                        name: crate::vocab::kebab(name),
                        ..ProjectInfo::default()
                    },
                    Sources::new(),
                );
                project.sources.add(path, text);
                Ok(project)
            }
        }
    }

    /// The project folder `root` with its `Laurel.toml` read and none of its `.laurel`
    /// files: its settings (the pinned ESCO among them) and the manifest's problems, for
    /// what needs nothing else.
    pub fn load_manifest(root: &Path) -> Result<Project, LoadError> {
        let manifest_path = root.join(MANIFEST);
        let manifest_text = read(&manifest_path, files::Kind::Manifest)?;
        let mut sources = Sources::new();
        let manifest_id = sources.add(&manifest_path, manifest_text);
        let (info, allowed, manifest_diagnostics) =
            parse_manifest(&sources, manifest_id, Some(root));
        let mut project = Project::from_sources(root.to_path_buf(), info, sources);
        project.manifest_diagnostics = manifest_diagnostics;
        project.allowed = allowed;
        Ok(project)
    }

    fn load_folder(root: &Path) -> Result<Project, LoadError> {
        let mut project = Project::load_manifest(root)?;
        let mut files = Vec::new();
        collect_laurel_files(root, &project.info.output, &mut files)?;
        files.sort();
        let folder = files::Folder::new(root);
        for file in files {
            if !folder.holds(&file) {
                return Err(LoadError::Outside(file));
            }
            let text = read(&file, files::Kind::Source)?;
            project.sources.add(file, text);
        }
        Ok(project)
    }

    /// A project from sources already in memory (tests, the language server).
    pub fn from_sources(root: PathBuf, info: ProjectInfo, sources: Sources) -> Project {
        Project {
            root,
            info,
            sources,
            manifest_diagnostics: Vec::new(),
            allowed: Vec::new(),
        }
    }

    /// Uses `text` for the file at `path` instead of what is on disk (an editor's unsaved
    /// buffer); adds the file when it is new. Returns its id.
    pub fn overlay(&mut self, path: &Path, text: impl Into<String>) -> FileId {
        match self.sources.find(path) {
            Some(id) => {
                self.sources.replace(id, text);
                id
            }
            None => self.sources.add(path, text),
        }
    }

    /// The ids of the `.laurel` files.
    pub fn laurel_files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.sources
            .iter()
            .filter(|(_, f)| f.path.extension().is_some_and(|e| e == "laurel"))
            .map(|(id, _)| id)
    }

    /// Parses and checks every file.
    pub fn compile(&self) -> Compilation {
        self.compile_with(None, Vec::new())
    }

    /// Parses and checks every file, together with items made elsewhere (the awards
    /// `laurel issue` reads from learner data) and the diagnostics found making them.
    /// The extra items come last, in `files` too.
    pub fn compile_with(&self, extra: Option<ParsedFile>, found: Vec<Diagnostic>) -> Compilation {
        self.compile_parsed(&self.parse(), extra, found)
    }

    /// Parses every `.laurel` file: what [`Project::compile_parsed`] checks, for a caller
    /// that checks the same files many times with different extra items.
    pub fn parse(&self) -> Parsed {
        let mut diagnostics = Vec::new();
        let mut files = Vec::new();
        for id in self.laurel_files() {
            let (file, diags) = syntax::parse(id, &self.sources.get(id).text);
            diagnostics.extend(diags);
            files.push(file);
        }
        Parsed { files, diagnostics }
    }

    /// Checks files parsed by [`Project::parse`] (of this project, unchanged since), as
    /// [`Project::compile_with`] does.
    pub fn compile_parsed(
        &self,
        parsed: &Parsed,
        extra: Option<ParsedFile>,
        found: Vec<Diagnostic>,
    ) -> Compilation {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(self.manifest_diagnostics.iter().cloned());
        diagnostics.extend(found);
        diagnostics.extend(parsed.diagnostics.iter().cloned());
        let mut files = parsed.files.clone();
        files.extend(extra);
        let (mut model, diags) = check::check(self.info.clone(), &files);
        self.read_logos(&mut model, &mut diagnostics);
        diagnostics.extend(
            diags
                .into_iter()
                .filter(|d| !self.allowed.iter().any(|a| std::ptr::eq(*a, d.code))),
        );
        Compilation {
            files,
            model,
            diagnostics: diagnostics.sorted(),
        }
    }

    /// Reads the organisations' logo files (relative to the project folder) into the model;
    /// reports the ones that cannot be read or are not PNG or JPEG images.
    fn read_logos(&self, model: &mut Model, diagnostics: &mut Diagnostics) {
        let folder = files::Folder::new(&self.root);
        for org in &mut model.organisations {
            let Some(logo) = &mut org.logo else { continue };
            let path = self.root.join(&logo.path);
            let problem = if !files::stays_inside(Path::new(&logo.path)) || !folder.holds(&path) {
                "is outside the project folder".to_string()
            } else {
                match files::read(&path, files::Kind::Image) {
                    Ok(bytes) => match check::Image::from_bytes(bytes) {
                        Ok(image) => {
                            logo.image = Some(image);
                            continue;
                        }
                        Err(problem) => problem.to_string(),
                    },
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        "does not exist".to_string()
                    }
                    Err(e) => format!("cannot be read: {e}"),
                }
            };
            diagnostics.push(
                Diagnostic::new(
                    &codes::UNUSABLE_LOGO,
                    logo.span,
                    format!("the logo `{}` {problem}", logo.path),
                )
                .with_label(format!("looked for {}", path.display()))
                .with_help("name a PNG or JPEG file, relative to the project folder"),
            );
        }
    }

    /// The output folder (`output` in the manifest, relative to the project root).
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.info.output)
    }
}

/// The `.laurel` files of a project, parsed, with the syntax errors found.
#[derive(Debug, Clone)]
pub struct Parsed {
    files: Vec<ParsedFile>,
    diagnostics: Vec<Diagnostic>,
}

/// The result of checking a project.
#[derive(Debug, Clone)]
pub struct Compilation {
    /// The syntax tree of each `.laurel` file (items that failed to parse are `broken`).
    pub files: Vec<crate::syntax::ast::ParsedFile>,
    /// The checked model (complete only when there are no errors).
    pub model: Model,
    /// Every diagnostic, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// How many diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .count()
    }
}

fn read(path: &Path, kind: files::Kind) -> Result<String, LoadError> {
    files::read_text(path, kind).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io(path.to_path_buf(), e),
    })
}

/// The nearest folder at or above `start` holding `Laurel.toml`: absolute when `start`
/// is, else relative to the working folder as `start` is (for readable paths).
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    };
    let absolute = std::fs::canonicalize(start).ok()?;
    let mut relative = start.to_path_buf();
    for dir in absolute.ancestors() {
        if dir.join(MANIFEST).is_file() {
            return Some(if start.is_absolute() {
                dir.to_path_buf()
            } else {
                relative
            });
        }
        relative = match relative.components().next_back() {
            Some(std::path::Component::Normal(_)) => match relative.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            _ => relative.join(".."),
        };
    }
    None
}

fn collect_laurel_files(dir: &Path, output: &str, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Io(dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::Io(dir.to_path_buf(), e))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let is_dir = entry
            .file_type()
            .map_err(|e| LoadError::Io(path.clone(), e))?
            .is_dir();
        if is_dir {
            if Path::new(output)
                .file_name()
                .is_some_and(|o| o.to_string_lossy() == name)
            {
                continue;
            }
            collect_laurel_files(&path, output, out)?;
        } else if path.extension().is_some_and(|e| e == "laurel") {
            out.push(path);
        }
    }
    Ok(())
}

/// Pins ESCO `version` in the `Laurel.toml` of the project at `root` (`esco = "1.2.0"`,
/// and `esco-languages` when `languages` are given), keeping the rest of the file as it
/// is (see [`pin`]).
pub fn pin_esco(root: &Path, version: &str, languages: Option<&[String]>) -> std::io::Result<()> {
    let mut values = vec![("esco", version.into())];
    if let Some(languages) = languages {
        let list: toml_edit::Array = languages.iter().map(String::as_str).collect();
        values.push(("esco-languages", list.into()));
    }
    pin(root, values)
}

/// Pins the EU vocabularies `release` in the `Laurel.toml` of the project at `root`
/// (`vocabularies = "2026-06"`; see [`pin`]).
pub fn pin_lists(root: &Path, release: &str) -> std::io::Result<()> {
    pin(root, vec![("vocabularies", release.into())])
}

/// Sets `values` in the `[project]` table of the `Laurel.toml` of the project at `root`,
/// keeping the rest of the file, its comments among it, as it is. The file is replaced
/// whole (written beside it, then renamed), and not at all when nothing changes.
fn pin(root: &Path, values: Vec<(&str, toml_edit::Value)>) -> std::io::Result<()> {
    let path = root.join(MANIFEST);
    let text = std::fs::read_to_string(&path)?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{e}")))?;
    let project = doc
        .entry("project")
        .or_insert_with(toml_edit::table)
        .as_table_like_mut()
        .ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "`project` is not a table")
        })?;
    for (key, value) in values {
        set_keeping_comment(project, key, value);
    }
    let new = doc.to_string();
    if new != text {
        crate::build::write_atomic(&path, new.as_bytes())?;
    }
    Ok(())
}

/// True for a name of a vocabulary folder (`2026-06`, `1.2.0`): letters, digits, `.`,
/// `_` and `-`, not starting with `.`.
pub fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Sets `key` to `value`, keeping the comment and spacing around the old value.
fn set_keeping_comment(
    table: &mut dyn toml_edit::TableLike,
    key: &str,
    mut value: toml_edit::Value,
) {
    match table.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(old) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        None => {
            table.insert(key, toml_edit::Item::Value(value));
        }
    }
}

type Allowed = Vec<&'static crate::diag::Code>;

/// A text of `Laurel.toml` and its place.
type Placed = (String, std::ops::Range<usize>);

/// The tables of `Laurel.toml` and the keys of each: what is read, and what an unknown
/// key is compared with for "did you mean".
const TABLES: &[(&str, &[&str])] = &[
    (
        "project",
        &[
            "name",
            "default-language",
            "output",
            "esco",
            "esco-languages",
            "vocabularies",
            "target",
        ],
    ),
    ("lints", &["allow"]),
    // read by `laurel seal` and friends from their own options; any keys
    ("seal", &[]),
];

/// A table of the manifest as parsed, with the place of every key and value.
type Table<'t> = toml::de::DeTable<'t>;

/// Reads `Laurel.toml`, reporting every problem in one go (syntax errors, unknown keys
/// with the closest known one, values of the wrong kind), each at its line. The pinned
/// ESCO is read from the project at `root` (none: only the bundled one can be used).
fn parse_manifest(
    sources: &Sources,
    id: FileId,
    root: Option<&Path>,
) -> (ProjectInfo, Allowed, Vec<Diagnostic>) {
    let text = &sources.get(id).text;
    let mut m = ManifestReader {
        id,
        root,
        diags: Vec::new(),
    };
    let (document, errors) = Table::parse_recoverable(text);
    // One diagnostic per problem and line: a value with thousands of bad escapes gets
    // one, which says how many more there are.
    let mut first: HashMap<(usize, &str), (usize, usize)> = HashMap::new();
    for e in &errors {
        let range = e.span().unwrap_or(0..text.len().min(1));
        let line = sources.get(id).line_of(range.start);
        let count = first
            .entry((line, e.message()))
            .or_insert((m.diags.len(), 0));
        count.1 += 1;
        if count.1 == 1 {
            m.error(
                range,
                format!("{MANIFEST} could not be read: {}", e.message()),
                MINIMAL_MANIFEST,
            );
        }
    }
    for (index, count) in first.into_values().filter(|&(_, n)| n > 1) {
        m.diags[index].message.push_str(&format!(
            " (here and {} more times on this line)",
            count - 1
        ));
    }
    let document = document.into_inner();
    let mut info = ProjectInfo::default();
    let mut allowed = Vec::new();
    m.unknown_keys(&document, None, TABLES.iter().map(|(t, _)| *t));
    for (table, keys) in TABLES {
        let Some(value) = document.get(*table) else {
            if *table == "project" && errors.is_empty() {
                m.error(
                    0..text.len().min(1),
                    format!("{MANIFEST} has no `[project]` table"),
                    MINIMAL_MANIFEST,
                );
            }
            continue;
        };
        let toml::de::DeValue::Table(entries) = value.get_ref() else {
            m.error(
                value.span(),
                format!("`{table}` is a table: write it as `[{table}]` on a line of its own"),
                MINIMAL_MANIFEST,
            );
            continue;
        };
        if !keys.is_empty() {
            m.unknown_keys(entries, Some(table), keys.iter().copied());
        }
        match *table {
            "project" => m.project(entries, value.span(), &mut info),
            "lints" => allowed = m.lints(entries),
            _ => {}
        }
    }
    (info, allowed, m.diags)
}

const MINIMAL_MANIFEST: &str =
    "a minimal manifest is:\n[project]\nname = \"my-credentials\"\ndefault-language = \"en\"";

/// Collects the manifest's problems.
struct ManifestReader<'r> {
    id: FileId,
    /// The project folder.
    root: Option<&'r Path>,
    diags: Vec<Diagnostic>,
}

impl ManifestReader<'_> {
    fn error(&mut self, range: std::ops::Range<usize>, message: String, help: impl Into<String>) {
        self.diags.push(
            Diagnostic::new(
                &codes::BAD_MANIFEST,
                Span::new(self.id, range.start, range.end),
                message,
            )
            .with_help(help),
        );
    }

    /// Reports the keys of `entries` that are not `known`, with the closest known key.
    fn unknown_keys<'k>(
        &mut self,
        entries: &Table<'_>,
        table: Option<&str>,
        known: impl Iterator<Item = &'k str> + Clone,
    ) {
        for (key, _) in entries.iter() {
            let name: &str = key.get_ref();
            if known.clone().any(|k| k == name) {
                continue;
            }
            let place = table.map_or("at the top of the file".to_string(), |t| {
                format!("in `[{t}]`")
            });
            let close = check::closest(name, known.clone());
            let help = match close.as_slice() {
                [] => {
                    let all: Vec<&str> = known.clone().collect();
                    format!("write one of {}", check::one_of(&all))
                }
                close => format!("did you mean {}?", check::one_of(close)),
            };
            self.error(
                key.span(),
                format!("`{name}` is not a key of {MANIFEST} {place}"),
                help,
            );
        }
    }

    /// The text value of `key`, or an error where it is not a text.
    fn text<'t>(
        &mut self,
        entries: &'t Table<'_>,
        key: &str,
    ) -> Option<(&'t str, std::ops::Range<usize>)> {
        let value = entries.get(key)?;
        match value.get_ref() {
            toml::de::DeValue::String(s) => Some((s.as_ref(), value.span())),
            _ => {
                self.error(
                    value.span(),
                    format!("`{key}` takes a text in quotes"),
                    format!("write `{key} = \"...\"`"),
                );
                None
            }
        }
    }

    fn project(
        &mut self,
        entries: &Table<'_>,
        span: std::ops::Range<usize>,
        info: &mut ProjectInfo,
    ) {
        match self.text(entries, "name") {
            Some((name, _)) => info.name = name.to_string(),
            None if entries.get("name").is_none() => self.error(
                span,
                "`[project]` has no `name`".into(),
                "add `name = \"my-credentials\"` (the project's name, used in credential ids)",
            ),
            None => {}
        }
        if let Some((lang, span)) = self.text(entries, "default-language") {
            let value = lang.to_ascii_lowercase();
            if crate::vocab::language_code_for_tag(&value).is_some() {
                info.default_language = value;
            } else {
                self.error(
                    span,
                    format!("`{value}` is not an ISO 639-1 language code"),
                    "use a two-letter code such as \"en\", \"de\" or \"fr\"",
                );
            }
        }
        self.esco(entries, info);
        self.vocabularies(entries, info);
        if let Some((target, span)) = self.text(entries, "target") {
            match crate::elm::Target::from_name(target) {
                Some(target) => info.target = target,
                None => {
                    let choices: Vec<String> = crate::elm::Target::ALL
                        .iter()
                        .map(|t| format!("`\"{}\"` ({})", t.name(), t.about()))
                        .collect();
                    self.error(
                        span,
                        format!("`target = \"{target}\"` is not a target Laurel writes for"),
                        format!("write one of {}", choices.join(", ")),
                    );
                }
            }
        }
        if let Some((output, span)) = self.text(entries, "output") {
            if files::stays_inside(Path::new(output)) {
                info.output = output.to_string();
            } else {
                self.error(
                    span,
                    format!("`output = \"{output}\"` is outside the project folder"),
                    "name a folder inside the project (`output = \"out\"`); to write elsewhere, say so on the command line: `laurel build --out DIR`",
                );
            }
        }
    }

    /// `vocabularies`: the release of the EU's controlled lists in the project's (or the
    /// shared cache's) `vocab/elm/`, else the bundled lists.
    fn vocabularies(&mut self, entries: &Table<'_>, info: &mut ProjectInfo) {
        let Some((release, span)) = self.text(entries, "vocabularies") else {
            return;
        };
        if !is_folder_name(release) {
            self.error(
                span,
                format!("`{release}` cannot name a folder of vocabularies"),
                "write the release's folder name in vocab/elm/, such as `vocabularies = \"2026-06\"`",
            );
            return;
        }
        let problem = match self.root {
            None => {
                self.error(
                    span,
                    format!("the EU vocabularies {release} are pinned, but this file is not in a project folder"),
                    format!("keep {MANIFEST} in the project folder, beside vocab/"),
                );
                return;
            }
            Some(root) => match lists::pinned_root(root, release) {
                None => lists::ListsProblem::Missing {
                    release: release.to_string(),
                },
                Some(root) => match lists::load_lists(&root, release) {
                    Ok(pinned) => {
                        info.lists = info.lists.with_release(pinned);
                        return;
                    }
                    Err(problem) => problem,
                },
            },
        };
        self.error(span, problem.to_string(), problem.fix());
    }

    /// `esco` and `esco-languages`: the bundled ESCO when neither asks for more, else the
    /// project's own copy, which must be there.
    fn esco(&mut self, entries: &Table<'_>, info: &mut ProjectInfo) {
        let version = self.text(entries, "esco");
        let languages = self.texts(entries, "esco-languages", "[\"en\", \"de\"]");
        let bundled = crate::vocab::ESCO_VERSION;
        let (version, span) = match (version, &languages) {
            (Some((v, span)), _) => (v.to_string(), span),
            (None, Some((_, span))) => (bundled.to_string(), span.clone()),
            (None, None) => return,
        };
        let languages: Vec<Placed> = languages
            .map(|(l, _)| {
                l.into_iter()
                    .map(|(l, at)| (l.to_ascii_lowercase(), at))
                    .collect()
            })
            .unwrap_or_default();
        for (lang, at) in &languages {
            if crate::vocab::language_code_for_tag(lang).is_none() {
                self.error(
                    at.clone(),
                    format!("`{lang}` is not an ISO 639-1 language code"),
                    "use two-letter codes such as \"en\", \"de\" or \"fr\"",
                );
                return;
            }
        }
        let languages: Vec<String> = languages.into_iter().map(|(l, _)| l).collect();
        let root = self.root.and_then(|r| store::pinned_root(r, &version));
        let fits_bundled = version == bundled
            && languages
                .iter()
                .all(|l| crate::vocab::esco::BUNDLED_LANGUAGES.contains(&l.as_str()));
        match root {
            None if fits_bundled => {}
            None if self.root.is_none() => self.error(
                span,
                format!("ESCO {version} is pinned, but this file is not in a project folder"),
                format!("keep {MANIFEST} in the project folder, beside vocab/"),
            ),
            None => {
                let problem = store::PinProblem::Missing { version, languages };
                self.error(span, problem.to_string(), problem.fix());
            }
            Some(root) => {
                let loaded = store::load_esco(&root, &version, &languages)
                    .and_then(|index| Ok((index, store::load_occupations(&root, &version)?)));
                match loaded {
                    Ok((index, occupations)) => {
                        info.esco = crate::vocab::ProjectEsco::pinned(index);
                        if let Some(occupations) = occupations {
                            info.lists = info.lists.with_occupations(occupations);
                        }
                    }
                    Err(problem) => self.error(span, problem.to_string(), problem.fix()),
                }
            }
        }
    }

    /// The list of texts of `key`, each with its place, and the list's place; or an
    /// error where it is not one.
    fn texts(
        &mut self,
        entries: &Table<'_>,
        key: &str,
        example: &str,
    ) -> Option<(Vec<Placed>, std::ops::Range<usize>)> {
        let value = entries.get(key)?;
        let list = match value.get_ref() {
            toml::de::DeValue::Array(list) => list
                .iter()
                .map(|v| match v.get_ref() {
                    toml::de::DeValue::String(s) => Some((s.to_string(), v.span())),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>(),
            _ => None,
        };
        if list.is_none() {
            self.error(
                value.span(),
                format!("`{key}` takes a list of texts in quotes"),
                format!("write `{key} = {example}`"),
            );
        }
        Some((list?, value.span()))
    }

    fn lints(&mut self, entries: &Table<'_>) -> Allowed {
        let mut allowed = Vec::new();
        let Some(value) = entries.get("allow") else {
            return allowed;
        };
        let toml::de::DeValue::Array(list) = value.get_ref() else {
            self.error(
                value.span(),
                "`allow` takes a list of codes".into(),
                "write `allow = [\"L0301\"]`",
            );
            return allowed;
        };
        for entry in list.iter() {
            let span = entry.span();
            let toml::de::DeValue::String(code) = entry.get_ref() else {
                self.error(
                    span,
                    "`allow` takes codes in quotes".into(),
                    "write `allow = [\"L0301\"]`",
                );
                continue;
            };
            match crate::diag::Code::find(code) {
                Some(code) if code.severity != crate::diag::Severity::Error => allowed.push(code),
                Some(code) => self.error(
                    span,
                    format!("{} is an error and cannot be allowed", code.id),
                    "only warnings and notes can be listed in `[lints] allow`",
                ),
                None => self.error(
                    span,
                    format!("`{code}` is not a Laurel diagnostic code"),
                    "`laurel explain` lists the codes",
                ),
            }
        }
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_root_walks_up_to_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join(MANIFEST), "[project]\nname = \"x\"\n").unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        assert_eq!(find_root(&root.join("a/b")), Some(root.clone()));
        assert_eq!(find_root(&root), Some(root.clone()));
    }

    /// The manifest's diagnostics: (line, message, help) each, in line order.
    fn manifest_problems(text: &str) -> Vec<(usize, String, String)> {
        let mut sources = Sources::new();
        let id = sources.add(Path::new(MANIFEST), text);
        let (_, _, diags) = parse_manifest(&sources, id, None);
        diags
            .iter()
            .map(|d| {
                let line = text[..d.span.start as usize].matches('\n').count() + 1;
                (line, d.message.clone(), d.help.clone().unwrap_or_default())
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    #[test]
    fn a_problem_repeated_on_a_line_is_reported_once_with_its_count() {
        let bad = "\\u{110000}".repeat(8_000);
        let text = format!("[project]\nname = \"{bad}\"\ndefault-language = \"{bad}x\\q\"\n");
        let problems = manifest_problems(&text);
        let lines: Vec<usize> = problems.iter().map(|p| p.0).collect();
        // line 2: one problem; line 3: the same one (counted apart), another, and the
        // value read despite them is no language code
        assert_eq!(lines, [2, 3, 3, 3], "{problems:#?}");
        assert!(
            problems[0]
                .1
                .ends_with("(here and 7999 more times on this line)"),
            "{}",
            problems[0].1
        );
        let repeated = problems
            .iter()
            .filter(|p| p.1.contains("7999 more"))
            .count();
        assert_eq!(repeated, 2, "{problems:#?}");
        assert!(problems
            .iter()
            .any(|p| p.1.contains("missing escaped value")));
    }

    #[test]
    fn a_pin_problem_is_at_the_value_that_has_it() {
        let text = "[project]\nname = \"x\"\nesco = \"1.2.0\"\nesco-languages = [\n  \"en\",\n  \"german\",\n]\nvocabularies = \"../up\"\n";
        let mut sources = Sources::new();
        let id = sources.add(Path::new(MANIFEST), text);
        let (_, _, diags) = parse_manifest(&sources, id, None);
        let at: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| (&text[d.span.range()], d.message.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("\"german\"", "`german` is not an ISO 639-1 language code"),
                ("\"../up\"", "`../up` cannot name a folder of vocabularies"),
            ]
        );
    }

    #[test]
    fn the_target_is_read_and_an_unknown_one_lists_the_targets() {
        let mut sources = Sources::new();
        let id = sources.add(
            Path::new(MANIFEST),
            "[project]\nname = \"x\"\ntarget = \"ebsi-vcdm2\"\n",
        );
        let (info, _, diags) = parse_manifest(&sources, id, None);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            info.target,
            crate::elm::Target::Ebsi(crate::validate::ebsi::Vcdm::V2_0)
        );
        let problems = manifest_problems("[project]\nname = \"x\"\ntarget = \"ebsy\"\n");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            problems[0].1,
            "`target = \"ebsy\"` is not a target Laurel writes for"
        );
        assert!(
            problems[0]
                .2
                .starts_with("write one of `\"edc\"` (the EU's EDC issuer")
                && problems[0].2.contains("`\"ebsi\"` (also EBSI wallets"),
            "{}",
            problems[0].2
        );
    }

    #[test]
    fn every_manifest_problem_is_reported_with_its_line() {
        let problems = manifest_problems(
            "[project]\nname = \"x\"\ndefualt-language = \"en\"\noutput = 3\nesco = \"1.0\"\n\n[lint]\nallow = [\"L0301\"]\n",
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, [3, 4, 5, 7], "{problems:#?}");
        assert_eq!(
            problems[0].1,
            "`defualt-language` is not a key of Laurel.toml in `[project]`"
        );
        assert_eq!(problems[0].2, "did you mean `default-language`?");
        assert_eq!(problems[1].1, "`output` takes a text in quotes");
        assert!(problems[2].1.starts_with("ESCO 1.0 is pinned"));
        assert_eq!(problems[3].2, "did you mean `lints`?");
        // syntax errors do not hide the other problems
        let problems = manifest_problems("[project]\nname = \"x\"\nouput = \"out\"\nesco = = 1\n");
        assert!(
            problems.iter().any(|p| p.2 == "did you mean `output`?"),
            "{problems:#?}"
        );
        assert!(problems
            .iter()
            .any(|p| p.0 == 4 && p.1.contains("could not be read")));
        // a clean manifest, and the missing parts
        assert_eq!(
            manifest_problems("[project]\nname = \"x\"\n[seal]\nkey = \"k\"\n"),
            []
        );
        let problems = manifest_problems("[project]\ndefault-language = \"en\"\n");
        assert_eq!(problems[0].1, "`[project]` has no `name`");
        let problems = manifest_problems("name = \"x\"\n");
        assert_eq!(problems[0].1, "Laurel.toml has no `[project]` table");
    }

    #[test]
    fn overlay_replaces_or_adds_a_buffer() {
        let mut project =
            Project::from_sources(PathBuf::from("/p"), ProjectInfo::default(), Sources::new());
        let a = project.overlay(Path::new("/p/a.laurel"), "organisation a {\n}\n");
        let again = project.overlay(Path::new("/p/a.laurel"), "organisation b {\n}\n");
        assert_eq!(a, again);
        assert_eq!(project.sources.get(a).text, "organisation b {\n}\n");
        assert_eq!(project.compile().files[0].items[0].name.text, "b");
    }
}
