//! ESCO skills index: preferred and alternative labels by language, lookup by IRI and by
//! exact label, close-match suggestions, and descriptions.
//!
//! The bundled data (ESCO v1.1.1, English and French labels, English descriptions) is
//! embedded from `stdlib/esco/`, parsed on the first call to [`esco()`]. A project's own
//! copy (`vocab/esco/<version>/`, see [`super::store`]) is read into an index of the same
//! kind by [`EscoIndex::from_texts`]. In both, the word index used for suggestions is
//! built on the first unknown label and each language's descriptions are parsed on the
//! first description asked for in it.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::text::{self, FxMap};

/// The attribution ESCO asks every service using it to show.
pub const ESCO_ATTRIBUTION: &str =
    "This service uses the ESCO classification of the European Commission.";

/// The notation the EU's credential tools give every ESCO skill concept (knowledge ones
/// too): the pillar's, not the skill's own.
pub const SKILL_NOTATION: &str = "Skill";

/// The bundled ESCO version.
pub const ESCO_VERSION: &str = "1.1.1";

/// The languages of the bundled ESCO labels.
pub const BUNDLED_LANGUAGES: &[&str] = &["en", "fr"];

const SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";
const SKILL_PREFIX_HTTPS: &str = "https://data.europa.eu/esco/skill/";

const SKILLS_EN: &str = include_str!("../../../stdlib/esco/skills_en.tsv");
const SKILLS_FR: &str = include_str!("../../../stdlib/esco/skills_fr.tsv");
const DESCRIPTIONS_EN: &str = include_str!("../../../stdlib/esco/skills_en_descriptions.tsv");

/// Maximum number of suggestions for an unknown label.
const MAX_SUGGESTIONS: usize = 5;

/// True for an IRI of the form of ESCO's skills, `http://data.europa.eu/esco/skill/` and a
/// hyphenated UUID, whether or not the bundled ESCO has the skill.
pub fn is_skill_iri(iri: &str) -> bool {
    iri.strip_prefix(SKILL_PREFIX)
        .is_some_and(|id| id.len() == 36 && uuid::Uuid::try_parse(id).is_ok())
}

/// One ESCO skill (or knowledge concept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// `http://data.europa.eu/esco/skill/<uuid>`.
    pub iri: &'static str,
    /// English preferred label.
    pub pref_label_en: &'static str,
    /// Preferred labels by language, English first, then the index's other languages in
    /// order, where known.
    pub pref_labels: Vec<(&'static str, &'static str)>,
    /// Alternative labels by language (duplicates of the preferred label removed).
    pub alt_labels: Vec<(&'static str, &'static str)>,
    /// `"skill/competence"` or `"knowledge"`; `None` for the 6 skills without a type.
    pub skill_type: Option<&'static str>,
    /// `"transversal"`, `"cross-sector"`, `"sector-specific"` or `"occupation-specific"`;
    /// `None` for the 5 skills without a reuse level.
    pub reuse_level: Option<&'static str>,
}

impl Skill {
    /// The preferred label in `lang` (`"en"`, `"fr"`), if the index has it.
    pub fn pref_label(&self, lang: &str) -> Option<&str> {
        self.pref_labels
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(lang))
            .map(|(_, s)| *s)
    }
}

/// Result of [`EscoIndex::lookup_label`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EscoLookup<'a> {
    /// Exactly one skill carries the label (or it is the only preferred-label match).
    Found(&'a Skill),
    /// Several distinct skills carry the label with equal standing.
    Ambiguous(Vec<&'a Skill>),
    /// No skill carries the label; up to 5 close skills, best first.
    Unknown {
        /// Close matches, best first (may be empty).
        suggestions: Vec<&'a Skill>,
    },
}

/// The label and description files an index is read from: each a TSV text with a header
/// row, in the columns of `stdlib/esco/` (see [`super::store`]).
#[derive(Debug, Clone)]
pub struct EscoTexts {
    /// The ESCO version.
    pub version: &'static str,
    /// `(language, skills file)`: `conceptUri`, `preferredLabel`, `altLabels` joined by
    /// `|`, and (read from the first file only) `skillType`, `reuseLevel`. The first is
    /// English: it lists the skills, the others only add labels to them.
    pub labels: Vec<(&'static str, &'static str)>,
    /// `(language, descriptions file)`: `conceptUri`, `description`.
    pub descriptions: Vec<(&'static str, DescriptionsFile)>,
}

/// A descriptions file: in the binary, or on disk and read on first use (a project's
/// ESCO in 28 languages has some 190 MB of descriptions; hover needs one language's).
#[derive(Debug, Clone)]
pub enum DescriptionsFile {
    /// Compiled into the binary.
    Embedded(&'static str),
    /// A file of a project's ESCO folder. One that cannot be read when first needed
    /// gives no descriptions.
    OnDisk(std::path::PathBuf),
}

impl DescriptionsFile {
    /// The file's text. A file on disk is read at each call and its text kept for the
    /// rest of the process: the index calls this once per file, when it first parses it.
    fn text(&self) -> &'static str {
        match self {
            DescriptionsFile::Embedded(text) => text,
            DescriptionsFile::OnDisk(path) => {
                std::fs::read_to_string(path).map_or("", |text| Box::leak(text.into_boxed_str()))
            }
        }
    }
}

impl EscoTexts {
    /// The data bundled in the binary.
    pub fn bundled() -> EscoTexts {
        EscoTexts {
            version: ESCO_VERSION,
            labels: BUNDLED_LANGUAGES
                .iter()
                .copied()
                .zip([SKILLS_EN, SKILLS_FR])
                .collect(),
            descriptions: vec![("en", DescriptionsFile::Embedded(DESCRIPTIONS_EN))],
        }
    }
}

/// The ESCO skills index.
#[derive(Debug)]
pub struct EscoIndex {
    texts: EscoTexts,
    languages: Vec<&'static str>,
    skills: Vec<Skill>,
    by_uuid: FxMap<&'static str, u32>,
    /// `(hash of normalised label, skill index << 1 | is preferred)`, sorted; a hash hit is
    /// confirmed against the skill's labels, so collisions cannot give wrong answers.
    label_hashes: Vec<(u64, u32)>,
    /// UUID → description, per language of `texts.descriptions`, parsed on first use.
    descriptions: Vec<OnceLock<FxMap<&'static str, &'static str>>>,
    pub(super) searches: super::search::Searches,
    suggest: OnceLock<SuggestIndex>,
    /// The close skills already found for an unknown label: a file that repeats one
    /// unknown label (and every editor feature that reads it) searches once.
    suggested: std::sync::Mutex<HashMap<String, Vec<u32>>>,
}

/// At most this many unknown labels keep their close skills; past it the memory starts
/// again empty.
const MAX_SUGGESTED: usize = 1024;

impl EscoIndex {
    /// All skills, in file order (13,896 in ESCO v1.1.1).
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// The ESCO version.
    pub fn version(&self) -> &'static str {
        self.texts.version
    }

    /// The languages of the labels, English first (`["en", "fr"]` for the bundled data).
    pub fn languages(&self) -> &[&'static str] {
        &self.languages
    }

    /// True for the index of the data bundled in the binary.
    pub fn is_bundled(&self) -> bool {
        std::ptr::eq(self, esco())
    }

    /// How messages name this data: "Laurel's copy of ESCO 1.1.1" for the bundled data,
    /// "the project's ESCO 1.2.0" for a project's pinned folder.
    pub fn name(&self) -> String {
        if self.is_bundled() {
            format!("Laurel's copy of ESCO {}", self.version())
        } else {
            format!("the project's ESCO {}", self.version())
        }
    }

    /// The skill with this IRI (`http://data.europa.eu/esco/skill/<uuid>`, also `https`,
    /// in `<…>`, or the bare UUID).
    pub fn by_iri(&self, iri: &str) -> Option<&Skill> {
        let uuid = skill_uuid(iri)?;
        let &i = self.by_uuid.get(uuid)?;
        self.skills.get(i as usize)
    }

    /// Exact label match, case-insensitive and whitespace-normalised, on preferred or
    /// alternative labels in any bundled language. If several skills share the label, a
    /// preferred-label match wins over alternative-label matches; if that still leaves
    /// several, the result is [`EscoLookup::Ambiguous`]. A skill IRI is accepted too.
    /// Otherwise [`EscoLookup::Unknown`] with up to 5 close skills (word overlap, word
    /// prefixes and small typos; accent-insensitive).
    pub fn lookup_label(&self, label: &str) -> EscoLookup<'_> {
        let key = text::normalize_label(label);
        if key.is_empty() {
            return EscoLookup::Unknown {
                suggestions: Vec::new(),
            };
        }
        let (pref, alt) = self.exact_matches(&key);
        let chosen = if pref.is_empty() { alt } else { pref };
        match chosen.as_slice() {
            [] => {}
            [one] => return EscoLookup::Found(one),
            _ => return EscoLookup::Ambiguous(chosen),
        }
        if let Some(skill) = self.by_iri(label) {
            return EscoLookup::Found(skill);
        }
        EscoLookup::Unknown {
            suggestions: self.suggestions(label),
        }
    }

    /// Skills with a preferred label, and skills with only an alternative label, whose
    /// normalised form is `key` (each list in file order, without repeats).
    fn exact_matches(&self, key: &str) -> (Vec<&Skill>, Vec<&Skill>) {
        let h = text::label_hash(key.as_bytes());
        let start = self.label_hashes.partition_point(|&(x, _)| x < h);
        let mut pref: Vec<&Skill> = Vec::new();
        let mut alt: Vec<&Skill> = Vec::new();
        let mut buf = Vec::new();
        let mut same = |l: &str| {
            text::normalize_label_bytes(l, &mut buf);
            buf == key.as_bytes()
        };
        let hits = self.label_hashes.get(start..).unwrap_or(&[]);
        for &(_, code) in hits.iter().take_while(|&&(x, _)| x == h) {
            let Some(skill) = self.skills.get((code >> 1) as usize) else {
                continue;
            };
            if pref
                .iter()
                .chain(alt.iter())
                .any(|s| std::ptr::eq(*s, skill))
            {
                continue;
            }
            if skill.pref_labels.iter().any(|(_, l)| same(l)) {
                pref.push(skill);
            } else if skill.alt_labels.iter().any(|(_, l)| same(l)) {
                alt.push(skill);
            }
        }
        (pref, alt)
    }

    /// English description of the skill with this IRI.
    pub fn description(&self, iri: &str) -> Option<&str> {
        self.description_in(iri, "en").map(|(_, d)| d)
    }

    /// The description of the skill with this IRI in `lang`, else in English, with its
    /// language (each language's file is parsed on first use).
    pub fn description_in(&self, iri: &str, lang: &str) -> Option<(&'static str, &'static str)> {
        let uuid = skill_uuid(iri)?;
        [lang, "en"].into_iter().find_map(|wanted| {
            let (i, (l, _)) = (self.texts.descriptions.iter().enumerate())
                .find(|(_, (l, _))| l.eq_ignore_ascii_case(wanted))?;
            Some((*l, *self.descriptions_of(i).get(uuid)?))
        })
    }

    /// The descriptions of the `i`-th description file.
    fn descriptions_of(&self, i: usize) -> &FxMap<&'static str, &'static str> {
        static NONE: OnceLock<FxMap<&'static str, &'static str>> = OnceLock::new();
        match (self.descriptions.get(i), self.texts.descriptions.get(i)) {
            (Some(cell), Some((_, file))) => cell.get_or_init(|| parse_descriptions(file.text())),
            _ => NONE.get_or_init(|| text::fx_map(0)),
        }
    }

    /// Parses the descriptions in `lang` and in English now rather than on first use (a
    /// language server calls this while starting up, with the project's language).
    pub fn prepare_descriptions_in(&self, lang: &str) {
        for (i, (l, _)) in self.texts.descriptions.iter().enumerate() {
            if l.eq_ignore_ascii_case(lang) || *l == "en" {
                let _ = self.descriptions_of(i);
            }
        }
    }

    /// Up to 5 skills close to `label`, best first.
    fn remembered(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<u32>>> {
        self.suggested
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn suggestions(&self, label: &str) -> Vec<&Skill> {
        let remembered = self.remembered().get(label).cloned();
        let found = match remembered {
            Some(found) => found,
            None => {
                let index = self
                    .suggest
                    .get_or_init(|| SuggestIndex::build(&self.skills));
                let found = index.suggest(label, &self.skills);
                let mut remembered = self.remembered();
                if remembered.len() >= MAX_SUGGESTED {
                    remembered.clear();
                }
                remembered.insert(label.to_string(), found.clone());
                found
            }
        };
        found
            .into_iter()
            .filter_map(|s| self.skills.get(s as usize))
            .collect()
    }

    /// The index of `texts`. The skill records and the label map are built by two
    /// independent passes over the same rows, run on two threads where threads are
    /// available (sequentially otherwise).
    pub fn from_texts(texts: EscoTexts) -> EscoIndex {
        let (skills, by_uuid, label_hashes) = std::thread::scope(|scope| {
            let label_pass = std::thread::Builder::new()
                .name("laurel-esco-labels".into())
                .spawn_scoped(scope, || build_label_hashes(&texts));
            let (skills, by_uuid) = build_skills(&texts);
            let label_hashes = match label_pass {
                Ok(handle) => handle.join().unwrap_or_else(|_| build_label_hashes(&texts)),
                Err(_) => build_label_hashes(&texts),
            };
            (skills, by_uuid, label_hashes)
        });
        let languages: Vec<&'static str> = texts.labels.iter().map(|(l, _)| *l).collect();
        EscoIndex {
            descriptions: texts.descriptions.iter().map(|_| OnceLock::new()).collect(),
            searches: super::search::Searches::new(&languages),
            languages,
            texts,
            skills,
            by_uuid,
            label_hashes,
            suggest: OnceLock::new(),
            suggested: std::sync::Mutex::default(),
        }
    }
}

/// A row handed out by [`walk_rows`].
enum Row {
    English(EnglishRow),
    Other(OtherRow),
}

/// One row of the English skills file, as accepted by [`walk_rows`].
struct EnglishRow {
    uri: &'static str,
    pref: &'static str,
    alts: &'static str,
    skill_type: &'static str,
    reuse: &'static str,
}

/// One row of another language's skills file for a known skill, as accepted by
/// [`walk_rows`].
struct OtherRow {
    lang: &'static str,
    /// the preferred label, if this is the first row with one for the skill
    new_pref: Option<&'static str>,
    /// the row's preferred label (for de-duplicating its alternative labels)
    pref: &'static str,
    alts: &'static str,
}

/// Walks the English rows (numbering the skills) and then each other language's rows,
/// so that every pass sees the same skill indices. Returns the UUID → index map.
fn walk_rows(texts: &EscoTexts, mut on_row: impl FnMut(u32, Row)) -> FxMap<&'static str, u32> {
    let Some(((_, english), others)) = texts.labels.split_first() else {
        return text::fx_map(0);
    };
    let mut by_uuid: FxMap<&'static str, u32> = text::fx_map(english.len() / 350);
    let mut count: u32 = 0;
    for line in text::data_lines(english) {
        let [uri, pref, alts, skill_type, reuse] = text::fields::<5>(line);
        let (Some(uri), Some(pref)) = (text::non_empty(uri), text::non_empty(pref)) else {
            continue;
        };
        let Some(uuid) = data_uuid(uri) else {
            continue;
        };
        match by_uuid.entry(uuid) {
            Entry::Occupied(_) => continue,
            Entry::Vacant(v) => v.insert(count),
        };
        on_row(
            count,
            Row::English(EnglishRow {
                uri,
                pref,
                alts,
                skill_type,
                reuse,
            }),
        );
        count = count.saturating_add(1);
    }
    for &(lang, rows) in others {
        let mut has_pref = vec![false; count as usize];
        for line in text::data_lines(rows) {
            let [uri, pref, alts] = text::fields::<3>(line);
            let Some(&i) = data_uuid(uri).and_then(|u| by_uuid.get(u)) else {
                continue;
            };
            let pref = text::non_empty(pref).unwrap_or("");
            let mut new_pref = None;
            if let Some(seen) = has_pref.get_mut(i as usize) {
                if !pref.is_empty() && !*seen {
                    *seen = true;
                    new_pref = Some(pref);
                }
            }
            on_row(
                i,
                Row::Other(OtherRow {
                    lang,
                    new_pref,
                    pref,
                    alts,
                }),
            );
        }
    }
    by_uuid
}

/// The skill records, and the UUID → index map.
fn build_skills(texts: &EscoTexts) -> (Vec<Skill>, FxMap<&'static str, u32>) {
    let first_len = texts.labels.first().map_or(0, |(_, t)| t.len());
    let mut skills: Vec<Skill> = Vec::with_capacity(first_len / 350);
    let languages = texts.labels.len();
    let by_uuid = walk_rows(texts, |i, row| match row {
        Row::English(row) => {
            let mut alt_labels = Vec::with_capacity(row.alts.matches('|').count() + 1);
            push_alts(&mut alt_labels, "en", row.alts, row.pref);
            skills.push(Skill {
                iri: row.uri,
                pref_label_en: row.pref,
                pref_labels: {
                    let mut v = Vec::with_capacity(languages);
                    v.push(("en", row.pref));
                    v
                },
                alt_labels,
                skill_type: text::non_empty(row.skill_type),
                reuse_level: text::non_empty(row.reuse),
            });
        }
        Row::Other(row) => {
            if let Some(skill) = skills.get_mut(i as usize) {
                if let Some(p) = row.new_pref {
                    skill.pref_labels.push((row.lang, p));
                }
                push_alts(&mut skill.alt_labels, row.lang, row.alts, row.pref);
            }
        }
    });
    (skills, by_uuid)
}

/// The sorted `(label hash, skill << 1 | pref)` list (see `EscoIndex::label_hashes`).
fn build_label_hashes(texts: &EscoTexts) -> Vec<(u64, u32)> {
    let total: usize = texts.labels.iter().map(|(_, t)| t.len()).sum();
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(total / 40);
    let mut buf = Vec::new();
    let mut add = |label: &str, i: u32, pref: bool| {
        let normalized: &[u8] = if text::is_normalized_ascii(label) {
            label.as_bytes()
        } else {
            text::normalize_label_bytes(label, &mut buf);
            &buf
        };
        if !normalized.is_empty() {
            out.push((text::label_hash(normalized), (i << 1) | u32::from(pref)));
        }
    };
    walk_rows(texts, |i, row| {
        let (pref, alts) = match row {
            Row::English(row) => (Some(row.pref), row.alts),
            Row::Other(row) => (row.new_pref, row.alts),
        };
        if let Some(p) = pref {
            add(p, i, true);
        }
        for a in alts.split('|').filter_map(text::non_empty) {
            add(a, i, false);
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds the `|`-separated alternative labels `alts` in `lang` to `out`, skipping blanks,
/// copies of `pref` and duplicates.
fn push_alts(
    out: &mut Vec<(&'static str, &'static str)>,
    lang: &'static str,
    alts: &'static str,
    pref: &str,
) {
    for alt in alts.split('|') {
        let Some(alt) = text::non_empty(alt) else {
            continue;
        };
        // a language's labels are added together, so they are the last ones in `out`
        let mut same_language = out.iter().rev().take_while(|(l, _)| *l == lang);
        if alt == pref || same_language.any(|(_, a)| *a == alt) {
            continue;
        }
        out.push((lang, alt));
    }
}

/// [`skill_uuid`] with a fast path for the clean IRIs of the bundled files.
fn data_uuid(uri: &str) -> Option<&str> {
    match uri.strip_prefix(SKILL_PREFIX) {
        Some(uuid) if !uuid.is_empty() && !uuid.contains(['/', ':', ' ']) => Some(uuid),
        _ => skill_uuid(uri),
    }
}

/// The UUID part of a skill IRI (or a bare UUID); `None` for other IRIs.
fn skill_uuid(iri: &str) -> Option<&str> {
    let s = iri.trim();
    let s = s
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or(s)
        .trim()
        .trim_end_matches('/');
    let uuid = s
        .strip_prefix(SKILL_PREFIX)
        .or_else(|| s.strip_prefix(SKILL_PREFIX_HTTPS))
        .unwrap_or(s);
    if uuid.is_empty() || uuid.contains(['/', ':', ' ']) {
        None
    } else {
        Some(uuid)
    }
}

/// UUID → description, borrowed from a descriptions file.
fn parse_descriptions(rows: &'static str) -> FxMap<&'static str, &'static str> {
    let mut map = text::fx_map(rows.len() / 200);
    for line in text::data_lines(rows) {
        let [uri, description] = text::fields::<2>(line);
        if let (Some(uuid), Some(d)) = (data_uuid(uri), text::non_empty(description)) {
            map.insert(uuid, d);
        }
    }
    map
}

/// Uncached loaders, for the load-time benchmark only (`benches/vocab.rs`).
#[doc(hidden)]
pub mod bench_support {
    use super::*;

    /// Parses the English and French label files into a fresh index.
    pub fn load_labels() -> EscoIndex {
        EscoIndex::from_texts(EscoTexts::bundled())
    }

    /// The skill-record pass alone; returns the number of skills.
    pub fn skills_pass() -> usize {
        build_skills(&EscoTexts::bundled()).0.len()
    }

    /// The label-hash pass alone; returns the number of label entries.
    pub fn label_pass() -> usize {
        build_label_hashes(&EscoTexts::bundled()).len()
    }

    /// Builds the suggestion word index of `index` afresh; returns its number of words.
    pub fn build_suggestion_index(index: &EscoIndex) -> usize {
        SuggestIndex::build(&index.skills).tokens.len()
    }

    /// Builds the search index of `index` afresh; returns its number of words.
    pub fn build_search_index(index: &EscoIndex) -> usize {
        crate::vocab::search::index_words(&index.skills, &index.languages)
    }

    /// Decodes the bundled search index afresh; returns its number of words.
    pub fn load_search_index(index: &EscoIndex) -> usize {
        crate::vocab::search::bundled_index_words(&index.skills, &index.languages)
    }

    /// Parses the description file afresh; returns its number of entries.
    pub fn load_descriptions() -> usize {
        parse_descriptions(DESCRIPTIONS_EN).len()
    }
}

/// The ESCO a project uses: the bundled one (the default), or the project's own copy
/// (`esco = "1.2.0"` in `Laurel.toml`, read by [`super::store::load_esco`]).
#[derive(Clone, Copy, Default)]
pub struct ProjectEsco(Option<&'static EscoIndex>);

impl ProjectEsco {
    /// The project's own copy.
    pub fn pinned(index: &'static EscoIndex) -> ProjectEsco {
        ProjectEsco(Some(index))
    }

    /// The index (the bundled one is loaded on first use).
    pub fn index(self) -> &'static EscoIndex {
        self.0.unwrap_or_else(esco)
    }
}

impl PartialEq for ProjectEsco {
    fn eq(&self, other: &ProjectEsco) -> bool {
        match (self.0, other.0) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl std::fmt::Debug for ProjectEsco {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            None => write!(f, "ESCO {ESCO_VERSION} (bundled)"),
            Some(index) => write!(
                f,
                "ESCO {} ({})",
                index.version(),
                index.languages().join(", ")
            ),
        }
    }
}

/// The ESCO skills index, built from the embedded labels on first use and cached.
pub fn esco() -> &'static EscoIndex {
    static INDEX: OnceLock<EscoIndex> = OnceLock::new();
    INDEX.get_or_init(|| EscoIndex::from_texts(EscoTexts::bundled()))
}

/// Words too common to say anything about a skill (English and French, accent-folded);
/// a query may have them where the label does not (`manage of staff`).
pub(crate) fn is_stopword(t: &str) -> bool {
    t.len() <= 5
        && matches!(
            t,
            "a" | "an"
                | "and"
                | "as"
                | "at"
                | "au"
                | "aux"
                | "by"
                | "d"
                | "dans"
                | "de"
                | "des"
                | "du"
                | "en"
                | "et"
                | "for"
                | "in"
                | "l"
                | "la"
                | "le"
                | "les"
                | "of"
                | "on"
                | "or"
                | "par"
                | "pour"
                | "sur"
                | "the"
                | "to"
                | "un"
                | "une"
                | "with"
        )
}

/// Word index over every label, built lazily for suggestions.
#[derive(Debug)]
struct SuggestIndex {
    token_ids: FxMap<Box<str>, u32>,
    tokens: Vec<Box<str>>,
    /// token id → skill indices (ascending, unique)
    postings: Vec<Vec<u32>>,
    /// token ids in the order of their texts: the tokens a word begins are one range
    by_text: Vec<u32>,
    /// byte length → the ids of the tokens that long (ascending): a word's typo
    /// candidates are a few lengths, not every token
    by_len: Vec<Vec<u32>>,
}

/// How many of the best-scoring skills are re-ranked in detail.
const RERANK: usize = 200;

impl SuggestIndex {
    fn build(skills: &[Skill]) -> SuggestIndex {
        let mut idx = SuggestIndex {
            token_ids: text::fx_map(32_768),
            tokens: Vec::with_capacity(32_768),
            postings: Vec::with_capacity(32_768),
            by_text: Vec::new(),
            by_len: Vec::new(),
        };
        let mut buf = String::new();
        for (i, skill) in skills.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            let labels = skill
                .pref_labels
                .iter()
                .chain(skill.alt_labels.iter())
                .map(|(_, l)| *l);
            for label in labels {
                // lower-case ASCII labels (most of them) need no folding: split in place
                let folded: &str = if label
                    .bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
                {
                    label
                } else {
                    text::fold_into(label, &mut buf);
                    &buf
                };
                for t in folded.split(|c: char| !c.is_alphanumeric()) {
                    if t.is_empty() || is_stopword(t) {
                        continue;
                    }
                    let id = match idx.token_ids.get(t) {
                        Some(&id) => id,
                        None => {
                            let Ok(id) = u32::try_from(idx.tokens.len()) else {
                                continue;
                            };
                            idx.token_ids.insert(t.into(), id);
                            idx.tokens.push(t.into());
                            idx.postings.push(Vec::new());
                            id
                        }
                    };
                    if let Some(p) = idx.postings.get_mut(id as usize) {
                        if p.last() != Some(&i) {
                            p.push(i);
                        }
                    }
                }
            }
        }
        let ids = 0..u32::try_from(idx.tokens.len()).unwrap_or(u32::MAX);
        let mut by_text: Vec<u32> = ids.clone().collect();
        by_text.sort_unstable_by(|&a, &b| idx.token(a).cmp(idx.token(b)));
        idx.by_text = by_text;
        for id in ids {
            let len = idx.token(id).len();
            if idx.by_len.len() <= len {
                idx.by_len.resize_with(len + 1, Vec::new);
            }
            if let Some(bucket) = idx.by_len.get_mut(len) {
                bucket.push(id);
            }
        }
        idx
    }

    /// The text of a token id (empty for an id out of range).
    fn token(&self, id: u32) -> &str {
        self.tokens.get(id as usize).map_or("", |t| t)
    }

    /// Skill indices close to `label`, best first, at most [`MAX_SUGGESTIONS`].
    ///
    /// Each query word (accent-folded, stop words dropped) matches index words exactly,
    /// as a prefix, or with one or two typos; a skill scores the IDF-weighted sum of its
    /// best match per query word. The best [`RERANK`] skills are then ordered by: a label
    /// equal to the query up to accents and punctuation first, then score, then the label
    /// closest in length to the query.
    fn suggest(&self, label: &str, skills: &[Skill]) -> Vec<u32> {
        let n_skills = skills.len();
        let mut q_folded = String::new();
        text::fold_into(label, &mut q_folded);
        let mut content: Vec<&str> = q_folded
            .split(' ')
            .filter(|t| !t.is_empty() && !is_stopword(t))
            .collect();
        content.sort_unstable();
        content.dedup();
        let mut score = vec![0f32; n_skills];
        let mut stamp = vec![u16::MAX; n_skills];
        let mut contrib = vec![0f32; n_skills];
        let mut touched: Vec<u32> = Vec::new();
        let n = n_skills.max(1) as f32;
        for (qi, qt) in content.iter().take(32).enumerate() {
            let qi = qi as u16;
            for (tid, weight) in self.matching_tokens(qt) {
                let Some(post) = self.postings.get(tid as usize) else {
                    continue;
                };
                let idf = (1.0 + n / post.len().max(1) as f32).ln();
                let v = weight * idf;
                for &s in post {
                    let si = s as usize;
                    let (Some(st), Some(c), Some(sc)) =
                        (stamp.get_mut(si), contrib.get_mut(si), score.get_mut(si))
                    else {
                        continue;
                    };
                    if *st != qi {
                        if *st == u16::MAX {
                            touched.push(s);
                        }
                        *st = qi;
                        *c = v;
                        *sc += v;
                    } else if v > *c {
                        *sc += v - *c;
                        *c = v;
                    }
                }
            }
        }
        let score_of = |s: u32| score.get(s as usize).copied().unwrap_or(0.0);
        let by_score = |a: &u32, b: &u32| score_of(*b).total_cmp(&score_of(*a)).then(a.cmp(b));
        if touched.len() > RERANK {
            touched.select_nth_unstable_by(RERANK - 1, by_score);
            touched.truncate(RERANK);
        }
        // detailed keys for the short list
        let q_len = q_folded.chars().count();
        let mut buf = String::new();
        let mut ranked: Vec<(bool, f32, usize, u32)> = touched
            .iter()
            .filter_map(|&s| {
                let skill = skills.get(s as usize)?;
                let mut exact = false;
                let mut gap = usize::MAX;
                for (_, l) in skill.pref_labels.iter().chain(skill.alt_labels.iter()) {
                    text::fold_into(l, &mut buf);
                    exact |= buf == q_folded;
                    gap = gap.min(buf.chars().count().abs_diff(q_len));
                }
                Some((exact, score_of(s), gap, s))
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        ranked
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(.., s)| s)
            .collect()
    }

    /// Index tokens matching query token `qt`, with a weight: exact 1.0, longer word with
    /// `qt` as prefix 0.8, one or two typos 0.6 / 0.4 (only when there is no exact match).
    fn matching_tokens(&self, qt: &str) -> Vec<(u32, f32)> {
        let mut out = Vec::new();
        let exact = self.token_ids.get(qt).copied();
        if let Some(id) = exact {
            out.push((id, 1.0));
        }
        let qn = qt.chars().count();
        let max_typos = match qn {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        let begins = |t: &str| qn >= 3 && t.starts_with(qt);
        if qn >= 3 {
            let start = self.by_text.partition_point(|&id| self.token(id) < qt);
            let range = self.by_text.get(start..).unwrap_or(&[]);
            for &id in range.iter().take_while(|&&id| begins(self.token(id))) {
                if Some(id) != exact {
                    out.push((id, 0.8));
                }
            }
        }
        if exact.is_none() && max_typos > 0 {
            let lengths = qt.len().saturating_sub(max_typos)..=qt.len() + max_typos;
            let candidates = lengths.flat_map(|len| self.by_len.get(len).into_iter().flatten());
            for &id in candidates {
                let t = self.token(id);
                if begins(t) {
                    continue;
                }
                // cheap pre-filter: typos rarely hit both the first and the second letter
                let (mut qb, mut tb) = (qt.bytes(), t.bytes());
                let (q0, q1, t0, t1) = (qb.next(), qb.next(), tb.next(), tb.next());
                if q0 != t0 && q1 != t1 && q0 != t1 {
                    continue;
                }
                let d = text::distance(qt, t);
                if d <= max_typos {
                    out.push((id, if d <= 1 { 0.6 } else { 0.4 }));
                }
            }
        }
        // in id order, as the scores are summed in that order
        out.sort_unstable_by_key(|&(id, _)| id);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`SuggestIndex::matching_tokens`] by its definition, over every token.
    fn matching_by_definition(index: &SuggestIndex, qt: &str) -> Vec<(u32, f32)> {
        let qn = qt.chars().count();
        let exact = index.token_ids.get(qt).copied();
        let max_typos = match qn {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        let mut out = Vec::new();
        for (id, t) in index.tokens.iter().enumerate() {
            let id = id as u32;
            if Some(id) == exact {
                out.push((id, 1.0));
            } else if qn >= 3 && t.starts_with(qt) {
                out.push((id, 0.8));
            } else if exact.is_none() && max_typos > 0 && t.len().abs_diff(qt.len()) <= max_typos {
                let (mut qb, mut tb) = (qt.bytes(), t.bytes());
                let (q0, q1, t0, t1) = (qb.next(), qb.next(), tb.next(), tb.next());
                let d = text::distance(qt, t);
                if (q0 == t0 || q1 == t1 || q0 == t1) && d <= max_typos {
                    out.push((id, if d <= 1 { 0.6 } else { 0.4 }));
                }
            }
        }
        out
    }

    fn index() -> &'static SuggestIndex {
        let esco = esco();
        esco.suggest
            .get_or_init(|| SuggestIndex::build(&esco.skills))
    }

    #[test]
    fn close_skills_of_an_unknown_label_are_found_once_and_remembered() {
        let label = "ensure infkrmation security (remembered)";
        let names = |l: EscoLookup<'_>| match l {
            EscoLookup::Unknown { suggestions } => {
                suggestions.iter().map(|s| s.iri).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        let first = names(esco().lookup_label(label));
        assert!(!first.is_empty());
        assert!(esco().remembered().contains_key(label));
        assert_eq!(names(esco().lookup_label(label)), first);
    }

    #[test]
    fn matching_tokens_of_real_words_are_those_of_the_definition() {
        for qt in [
            "data",
            "manage",
            "manag",
            "mange",
            "datta",
            "interoperable",
            "ab",
            "zzzz",
            "élève",
        ] {
            assert_eq!(
                index().matching_tokens(qt),
                matching_by_definition(index(), qt),
                "{qt}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn matching_tokens_are_those_of_the_definition(qt in "[a-eé]{1,9}") {
            prop_assert_eq!(index().matching_tokens(&qt), matching_by_definition(index(), &qt));
        }
    }
}
