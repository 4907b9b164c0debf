//! ESCO skills index: preferred and alternative labels by language, lookup by IRI and by
//! exact label, close-match suggestions, and descriptions.
//!
//! The bundled data (ESCO v1.1.1, English and French labels, English descriptions) is
//! embedded from `stdlib/esco/`, parsed on the first call to [`esco()`]. A project's own
//! copy (`vocab/esco/<version>/`, see [`super::store`]) is read into an index of the same
//! kind by [`EscoIndex::from_texts`]; with more than 3 languages, only its English labels
//! are read then, and each other language's on first use (a search or a hover in it, a
//! label not found in the languages before it, every language's preferred labels). In
//! both, the word index used for suggestions is built on the first unknown label and each
//! language's descriptions are parsed on the first description asked for in it.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

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
const BROADER: &str = include_str!("../../../stdlib/esco/broader.tsv");
/// The skill groups' preferred labels (`conceptUri`, `preferredLabel`), by language.
const GROUPS: [(&str, &str); 2] = [
    (
        "en",
        include_str!("../../../stdlib/esco/skill_groups_en.tsv"),
    ),
    (
        "fr",
        include_str!("../../../stdlib/esco/skill_groups_fr.tsv"),
    ),
];

/// Maximum number of suggestions for an unknown label.
const MAX_SUGGESTIONS: usize = 5;

/// True for an IRI of the form of ESCO's skills, `http://data.europa.eu/esco/skill/` and a
/// hyphenated UUID, whether or not the bundled ESCO has the skill.
pub fn is_skill_iri(iri: &str) -> bool {
    iri.strip_prefix(SKILL_PREFIX)
        .is_some_and(|id| id.len() == 36 && uuid::Uuid::try_parse(id).is_ok())
}

/// One ESCO skill (or knowledge concept).
#[derive(Clone)]
pub struct Skill {
    /// `http://data.europa.eu/esco/skill/<uuid>`.
    pub iri: &'static str,
    /// English preferred label.
    pub pref_label_en: &'static str,
    /// `"skill/competence"` or `"knowledge"`; `None` for the 6 skills without a type.
    pub skill_type: Option<&'static str>,
    /// `"transversal"`, `"cross-sector"`, `"sector-specific"` or `"occupation-specific"`;
    /// `None` for the 5 skills without a reuse level.
    pub reuse_level: Option<&'static str>,
    /// Its number in the index (the order of the English file).
    position: u32,
    /// The labels of every skill of the index.
    labels: Arc<Labels>,
}

impl Skill {
    /// The preferred label in `lang` (`"en"`, `"fr"`), if the index has it (a language
    /// not read yet is read now).
    pub fn pref_label(&self, lang: &str) -> Option<&'static str> {
        let k = self.labels.position_of(lang)?;
        self.labels.language(k).pref_of(self.position)
    }

    /// Preferred labels by language, English first, then the index's other languages in
    /// order, where known. Each language is read when the iteration reaches it.
    pub fn pref_labels(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.labels
            .languages
            .iter()
            .enumerate()
            .filter_map(|(k, &lang)| {
                let label = self.labels.language(k).pref_of(self.position)?;
                Some((lang, label))
            })
    }

    /// Alternative labels by language, in the order of [`Skill::pref_labels`]
    /// (duplicates of the preferred label removed).
    pub fn alt_labels(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.labels
            .languages
            .iter()
            .enumerate()
            .flat_map(|(k, &lang)| {
                let labels = self.labels.language(k).alts_of(self.position);
                labels.iter().map(move |&label| (lang, label))
            })
    }

    /// The alternative labels in `lang` (none in a language the index does not have).
    pub fn alt_labels_in(&self, lang: &str) -> &[&'static str] {
        match self.labels.position_of(lang) {
            Some(k) => self.labels.language(k).alts_of(self.position),
            None => &[],
        }
    }
}

impl PartialEq for Skill {
    fn eq(&self, other: &Skill) -> bool {
        self.position == other.position
            && self.iri == other.iri
            && Arc::ptr_eq(&self.labels, &other.labels)
    }
}

impl Eq for Skill {}

impl std::fmt::Debug for Skill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Skill")
            .field("iri", &self.iri)
            .field("pref_label_en", &self.pref_label_en)
            .field("skill_type", &self.skill_type)
            .field("reuse_level", &self.reuse_level)
            .finish()
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
    pub labels: Vec<(&'static str, EscoFile)>,
    /// `(language, descriptions file)`: `conceptUri`, `description`.
    pub descriptions: Vec<(&'static str, EscoFile)>,
    /// The broader skills and skill groups of each skill: `conceptUri`, `broader` (IRIs
    /// joined by `|`), if known.
    pub broader: Option<EscoFile>,
}

/// A file of ESCO data: in the binary, or on disk and read on first use (a project's
/// ESCO in 28 languages has some 190 MB of descriptions and 110 MB of labels; an editor
/// needs one or two languages').
#[derive(Debug, Clone)]
pub enum EscoFile {
    /// In memory already: compiled into the binary, or read.
    Text(&'static str),
    /// A file of a project's ESCO folder. One that cannot be read when first needed
    /// gives no labels or descriptions.
    OnDisk(std::path::PathBuf),
}

impl EscoFile {
    /// The file's text. A file on disk is read at each call and its text kept for the
    /// rest of the process: the index calls this once per file, when it first parses it.
    fn text(&self) -> &'static str {
        match self {
            EscoFile::Text(text) => text,
            EscoFile::OnDisk(path) => {
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
                .zip([SKILLS_EN, SKILLS_FR].map(EscoFile::Text))
                .collect(),
            descriptions: vec![("en", EscoFile::Text(DESCRIPTIONS_EN))],
            broader: Some(EscoFile::Text(BROADER)),
        }
    }
}

/// With at most this many languages, every language's labels are read when the index is
/// made and a label is looked up in all of them at once; with more, English is read
/// first and each other language when first needed (see [`EscoIndex::lookup_label`]).
pub(crate) const READ_TOGETHER_UP_TO: usize = 3;

/// The labels of every skill, per language: the languages read when the index is made,
/// and each other one on first use.
#[derive(Debug)]
struct Labels {
    /// English first.
    languages: Vec<&'static str>,
    /// The skills file of each language.
    files: Vec<EscoFile>,
    /// UUID → skill number, from the English file.
    by_uuid: FxMap<&'static str, u32>,
    /// How many skills.
    count: u32,
    /// Each language's labels, read on first use.
    read: Vec<OnceLock<LanguageLabels>>,
    /// How many languages (the first ones) were read together when the index was made.
    together: usize,
}

/// The labels of one language.
#[derive(Debug, Default)]
pub(crate) struct LanguageLabels {
    /// Per skill, its preferred label (`""` where it has none).
    pref: Vec<&'static str>,
    /// Per skill, where its alternative labels start in `alts` (one more at the end).
    alt_starts: Vec<u32>,
    alts: Vec<&'static str>,
    /// `(hash of normalised label, skill << 1 | is preferred)`, sorted; a hash hit is
    /// confirmed against the skill's labels, so collisions cannot give wrong answers.
    hashes: Vec<(u64, u32)>,
}

impl LanguageLabels {
    /// The preferred label of skill `i`, if it has one in this language.
    pub(crate) fn pref_of(&self, i: u32) -> Option<&'static str> {
        self.pref.get(i as usize).copied().filter(|p| !p.is_empty())
    }

    /// The alternative labels of skill `i` in this language.
    pub(crate) fn alts_of(&self, i: u32) -> &[&'static str] {
        let i = i as usize;
        match (self.alt_starts.get(i), self.alt_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.alts.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// How many skills it has rows for (at most the index's).
    pub(crate) fn skills(&self) -> u32 {
        u32::try_from(self.pref.len()).unwrap_or(u32::MAX)
    }

    /// How many labels (preferred and alternative).
    pub(crate) fn count(&self) -> usize {
        self.pref.iter().filter(|p| !p.is_empty()).count() + self.alts.len()
    }

    /// The `(hash, skill << 1 | pref)` entries of `hash`.
    fn hits(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let start = self.hashes.partition_point(|&(x, _)| x < hash);
        let hits = self.hashes.get(start..).unwrap_or(&[]);
        hits.iter()
            .take_while(move |&&(x, _)| x == hash)
            .map(|&(_, code)| code)
    }
}

impl Labels {
    /// The position of `lang` among the languages.
    fn position_of(&self, lang: &str) -> Option<usize> {
        self.languages
            .iter()
            .position(|l| l.eq_ignore_ascii_case(lang))
    }

    /// The labels of the `k`-th language, read now if they were not yet.
    fn language(&self, k: usize) -> &LanguageLabels {
        static NONE: LanguageLabels = LanguageLabels {
            pref: Vec::new(),
            alt_starts: Vec::new(),
            alts: Vec::new(),
            hashes: Vec::new(),
        };
        match (self.read.get(k), self.files.get(k)) {
            (Some(cell), Some(file)) => cell.get_or_init(|| {
                let mut labels = LanguageBuilder::new(self.count);
                let mut hashes = HashBuilder::default();
                walk_language(file.text(), &self.by_uuid, self.count, |i, row| {
                    labels.add(i, row.new_pref, row.pref, row.alts);
                    hashes.add(i, row.new_pref, row.alts);
                });
                labels.finish(hashes.finish())
            }),
            _ => &NONE,
        }
    }

    /// The groups of languages a label is looked up in, in turn: those read together,
    /// then each other one.
    fn lookup_groups(&self) -> impl Iterator<Item = std::ops::Range<usize>> {
        let together = self.together.min(self.languages.len());
        std::iter::once(0..together).chain((together..self.languages.len()).map(|k| k..k + 1))
    }
}

/// The ESCO skills index.
#[derive(Debug)]
pub struct EscoIndex {
    texts: EscoTexts,
    skills: Vec<Skill>,
    labels: Arc<Labels>,
    /// UUID → description, per language of `texts.descriptions`, parsed on first use.
    descriptions: Vec<OnceLock<FxMap<&'static str, &'static str>>>,
    /// IRI → broader IRIs, parsed on first use.
    broader: OnceLock<FxMap<&'static str, Vec<&'static str>>>,
    pub(super) searches: super::search::Searches,
    suggest: OnceLock<SuggestIndex>,
    /// The indexes behind the skills suggested for a learning outcome, per language.
    pub(super) outcome_indexes: super::suggest::SuggestIndexes,
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
        &self.labels.languages
    }

    /// The labels in `lang`, read now if they were not yet; `None` for a language the
    /// index does not have.
    pub(crate) fn labels_in(&self, lang: &str) -> Option<&LanguageLabels> {
        let k = self.labels.position_of(lang)?;
        Some(self.labels.language(k))
    }

    /// True when the labels of every language have been read (always for the bundled
    /// data; for a project's ESCO in many languages, once something needed them all).
    pub fn every_language_read(&self) -> bool {
        self.labels.read.iter().all(|cell| cell.get().is_some())
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
        let &i = self.labels.by_uuid.get(uuid)?;
        self.skills.get(i as usize)
    }

    /// Exact label match, case-insensitive and whitespace-normalised, on preferred or
    /// alternative labels. If several skills share the label, a preferred-label match wins
    /// over alternative-label matches; if that still leaves several, the result is
    /// [`EscoLookup::Ambiguous`]. A skill IRI is accepted too. Otherwise
    /// [`EscoLookup::Unknown`] with up to 5 close skills (word overlap, word prefixes and
    /// small typos; accent-insensitive).
    ///
    /// The languages are looked at in groups, and the first group with the label
    /// answers: an index of up to 3 languages is one group; in a larger one (a project's
    /// ESCO in many languages), English is the first group and each other language, in
    /// the index's order, the next ones, read when the lookup reaches it. The answer
    /// depends on the label only, never on what was read before.
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
    /// normalised form is `key`, in the first group of languages that has any (each list
    /// in file order, without repeats).
    fn exact_matches(&self, key: &str) -> (Vec<&Skill>, Vec<&Skill>) {
        let hash = text::label_hash(key.as_bytes());
        let mut buf = Vec::new();
        let mut same = |l: &str| {
            text::normalize_label_bytes(l, &mut buf);
            buf == key.as_bytes()
        };
        for group in self.labels.lookup_groups() {
            let languages: Vec<&LanguageLabels> = group.map(|k| self.labels.language(k)).collect();
            let mut skills: Vec<u32> = languages
                .iter()
                .flat_map(|labels| labels.hits(hash).map(|code| code >> 1))
                .collect();
            skills.sort_unstable();
            skills.dedup();
            let mut pref: Vec<&Skill> = Vec::new();
            let mut alt: Vec<&Skill> = Vec::new();
            for i in skills {
                let Some(skill) = self.skills.get(i as usize) else {
                    continue;
                };
                if languages
                    .iter()
                    .any(|l| l.pref_of(i).is_some_and(&mut same))
                {
                    pref.push(skill);
                } else if languages
                    .iter()
                    .any(|l| l.alts_of(i).iter().any(|a| same(a)))
                {
                    alt.push(skill);
                }
            }
            if !pref.is_empty() || !alt.is_empty() {
                return (pref, alt);
            }
        }
        (Vec::new(), Vec::new())
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

    /// The IRIs of the broader skills and skill groups of the skill `iri` (none when the
    /// data has no hierarchy).
    pub fn broader_of(&self, iri: &str) -> &[&'static str] {
        let map = self.broader.get_or_init(|| {
            let text = self.texts.broader.as_ref().map_or("", EscoFile::text);
            let mut map = text::fx_map(16_384);
            for line in text.lines().skip(1) {
                if let Some((skill, broader)) = line.split_once('\t') {
                    map.insert(
                        skill,
                        broader.split('|').filter(|b| !b.is_empty()).collect(),
                    );
                }
            }
            map
        });
        map.get(iri).map_or(&[], Vec::as_slice)
    }

    /// The preferred label of the skill or skill group `iri` in `lang`: a skill's from the
    /// index, a group's from the bundled ESCO groups (English and French).
    pub fn concept_label(&self, iri: &str, lang: &str) -> Option<&'static str> {
        if let Some(skill) = self.by_iri(iri) {
            return skill.pref_label(lang);
        }
        static LABELS: [OnceLock<FxMap<&'static str, &'static str>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        let k = GROUPS
            .iter()
            .position(|(l, _)| l.eq_ignore_ascii_case(lang))?;
        let (cell, (_, text)) = (LABELS.get(k)?, GROUPS.get(k)?);
        let labels = cell.get_or_init(|| {
            (text.lines().skip(1))
                .filter_map(|line| line.split_once('\t'))
                .collect()
        });
        labels.get(iri).copied()
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

    /// Builds the word index behind the close skills of an unknown label now rather than
    /// on the first unknown label, when every language is read already (it indexes the
    /// labels of all of them; a language server calls this after starting up).
    pub fn prepare_suggestions(&self) {
        if self.every_language_read() {
            let _ = self.suggest_index();
        }
    }

    fn suggest_index(&self) -> &SuggestIndex {
        self.suggest
            .get_or_init(|| SuggestIndex::build(&self.skills))
    }

    fn remembered(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<u32>>> {
        self.suggested
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Up to 5 skills close to `label`, best first.
    fn suggestions(&self, label: &str) -> Vec<&Skill> {
        let remembered = self.remembered().get(label).cloned();
        let found = match remembered {
            Some(found) => found,
            None => {
                let found = self.suggest_index().suggest(label, &self.skills);
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

    /// The index of `texts`. With up to 3 languages every language is read now; with
    /// more, English now and each other language on first use. The labels and the label
    /// hashes of the languages read now are two independent passes over the same rows,
    /// run on two threads where threads are available (sequentially otherwise).
    pub fn from_texts(texts: EscoTexts) -> EscoIndex {
        let together = if texts.labels.len() <= READ_TOGETHER_UP_TO {
            texts.labels.len()
        } else {
            1
        };
        let now: Vec<(&'static str, &'static str)> = (texts.labels.iter().take(together))
            .map(|(lang, file)| (*lang, file.text()))
            .collect();
        let (facts, by_uuid, mut read) = std::thread::scope(|scope| {
            let hash_pass = std::thread::Builder::new()
                .name("laurel-esco-labels".into())
                .spawn_scoped(scope, || build_label_hashes(&now));
            let (facts, by_uuid, labels) = build_labels(&now);
            let hashes = match hash_pass {
                Ok(handle) => handle.join().unwrap_or_else(|_| build_label_hashes(&now)),
                Err(_) => build_label_hashes(&now),
            };
            let read: Vec<LanguageLabels> = labels
                .into_iter()
                .zip(hashes)
                .map(|(labels, hashes)| labels.finish(hashes))
                .collect();
            (facts, by_uuid, read)
        });
        read.resize_with(texts.labels.len(), LanguageLabels::default);
        let labels = Arc::new(Labels {
            languages: texts.labels.iter().map(|(l, _)| *l).collect(),
            files: texts.labels.iter().map(|(_, f)| f.clone()).collect(),
            count: u32::try_from(facts.len()).unwrap_or(u32::MAX),
            by_uuid,
            read: (read.into_iter().enumerate())
                .map(|(k, labels)| {
                    let cell = OnceLock::new();
                    if k < together {
                        let _ = cell.set(labels);
                    }
                    cell
                })
                .collect(),
            together,
        });
        let skills = (facts.into_iter().zip(0..))
            .map(|(row, position)| Skill {
                iri: row.uri,
                pref_label_en: row.pref,
                skill_type: text::non_empty(row.skill_type),
                reuse_level: text::non_empty(row.reuse),
                position,
                labels: Arc::clone(&labels),
            })
            .collect();
        EscoIndex {
            descriptions: texts.descriptions.iter().map(|_| OnceLock::new()).collect(),
            broader: OnceLock::new(),
            searches: super::search::Searches::new(&labels.languages),
            outcome_indexes: super::suggest::SuggestIndexes::new(labels.languages.len()),
            texts,
            skills,
            labels,
            suggest: OnceLock::new(),
            suggested: std::sync::Mutex::default(),
        }
    }
}

/// A row handed out by [`walk_rows`].
enum Row {
    English(EnglishRow),
    /// The language's position in the files walked, and the row.
    Other(usize, OtherRow),
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
/// [`walk_language`].
struct OtherRow {
    /// the preferred label, if this is the first row with one for the skill
    new_pref: Option<&'static str>,
    /// the row's preferred label (for de-duplicating its alternative labels)
    pref: &'static str,
    alts: &'static str,
}

/// Walks the English rows of `files` (numbering the skills) and then each other
/// language's rows, so that every pass sees the same skill indices. Returns the UUID →
/// index map.
fn walk_rows(
    files: &[(&'static str, &'static str)],
    mut on_row: impl FnMut(u32, Row),
) -> FxMap<&'static str, u32> {
    let Some(((_, english), others)) = files.split_first() else {
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
        let row = EnglishRow {
            uri,
            pref,
            alts,
            skill_type,
            reuse,
        };
        on_row(count, Row::English(row));
        count = count.saturating_add(1);
    }
    for (k, &(_, rows)) in others.iter().enumerate() {
        walk_language(rows, &by_uuid, count, |i, row| {
            on_row(i, Row::Other(k + 1, row))
        });
    }
    by_uuid
}

/// Walks the rows of a language other than English whose skill `by_uuid` knows (of
/// `count` skills).
fn walk_language(
    rows: &'static str,
    by_uuid: &FxMap<&'static str, u32>,
    count: u32,
    mut on_row: impl FnMut(u32, OtherRow),
) {
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
            OtherRow {
                new_pref,
                pref,
                alts,
            },
        );
    }
}

/// The labels of one language as its rows are read.
struct LanguageBuilder {
    pref: Vec<&'static str>,
    alts: Vec<Vec<&'static str>>,
}

impl LanguageBuilder {
    fn new(count: u32) -> LanguageBuilder {
        LanguageBuilder {
            pref: vec![""; count as usize],
            alts: vec![Vec::new(); count as usize],
        }
    }

    /// A row of skill `i`: its preferred label if it is the skill's first (`new_pref`),
    /// and the `|`-separated alternative labels `alts`, skipping blanks, copies of the
    /// row's preferred label `pref` and duplicates.
    fn add(&mut self, i: u32, new_pref: Option<&'static str>, pref: &str, alts: &'static str) {
        let i = i as usize;
        if self.pref.len() <= i {
            self.pref.resize(i + 1, "");
            self.alts.resize_with(i + 1, Vec::new);
        }
        if let (Some(p), Some(slot)) = (new_pref, self.pref.get_mut(i)) {
            *slot = p;
        }
        let Some(out) = self.alts.get_mut(i) else {
            return;
        };
        for alt in alts.split('|').filter_map(text::non_empty) {
            if alt != pref && !out.contains(&alt) {
                out.push(alt);
            }
        }
    }

    fn finish(self, hashes: Vec<(u64, u32)>) -> LanguageLabels {
        let total: usize = self.alts.iter().map(Vec::len).sum();
        let mut alt_starts = Vec::with_capacity(self.alts.len() + 1);
        let mut alts = Vec::with_capacity(total);
        for list in self.alts {
            alt_starts.push(u32::try_from(alts.len()).unwrap_or(u32::MAX));
            alts.extend(list);
        }
        alt_starts.push(u32::try_from(alts.len()).unwrap_or(u32::MAX));
        LanguageLabels {
            pref: self.pref,
            alt_starts,
            alts,
            hashes,
        }
    }
}

/// The label hashes of one language (see [`LanguageLabels::hashes`]) as its rows are
/// read.
#[derive(Default)]
struct HashBuilder {
    hashes: Vec<(u64, u32)>,
    buf: Vec<u8>,
}

impl HashBuilder {
    /// A row of skill `i`: its preferred label if it is the skill's first, and every
    /// alternative label of `alts`.
    fn add(&mut self, i: u32, new_pref: Option<&str>, alts: &str) {
        if let Some(p) = new_pref {
            self.add_label(p, i, true);
        }
        for a in alts.split('|').filter_map(text::non_empty) {
            self.add_label(a, i, false);
        }
    }

    fn add_label(&mut self, label: &str, i: u32, pref: bool) {
        let normalized: &[u8] = if text::is_normalized_ascii(label) {
            label.as_bytes()
        } else {
            text::normalize_label_bytes(label, &mut self.buf);
            &self.buf
        };
        if !normalized.is_empty() {
            let code = (i << 1) | u32::from(pref);
            self.hashes.push((text::label_hash(normalized), code));
        }
    }

    fn finish(mut self) -> Vec<(u64, u32)> {
        self.hashes.sort_unstable();
        self.hashes.dedup();
        self.hashes
    }
}

/// The English rows (one per skill), the UUID → index map, and the labels of each
/// language of `files` (without their hashes).
fn build_labels(
    files: &[(&'static str, &'static str)],
) -> (
    Vec<EnglishRow>,
    FxMap<&'static str, u32>,
    Vec<LanguageBuilder>,
) {
    let first_len = files.first().map_or(0, |(_, t)| t.len());
    let mut english: Vec<EnglishRow> = Vec::with_capacity(first_len / 350);
    let mut languages: Vec<LanguageBuilder> =
        files.iter().map(|_| LanguageBuilder::new(0)).collect();
    let by_uuid = walk_rows(files, |i, row| match row {
        Row::English(row) => {
            if let Some(labels) = languages.first_mut() {
                labels.add(i, Some(row.pref), row.pref, row.alts);
            }
            english.push(row);
        }
        Row::Other(k, row) => {
            if let Some(labels) = languages.get_mut(k) {
                labels.add(i, row.new_pref, row.pref, row.alts);
            }
        }
    });
    (english, by_uuid, languages)
}

/// The label hashes of each language of `files`.
fn build_label_hashes(files: &[(&'static str, &'static str)]) -> Vec<Vec<(u64, u32)>> {
    let mut languages: Vec<HashBuilder> = files.iter().map(|_| HashBuilder::default()).collect();
    walk_rows(files, |i, row| {
        let (k, new_pref, alts) = match row {
            Row::English(row) => (0, Some(row.pref), row.alts),
            Row::Other(k, row) => (k, row.new_pref, row.alts),
        };
        if let Some(hashes) = languages.get_mut(k) {
            hashes.add(i, new_pref, alts);
        }
    });
    languages.into_iter().map(HashBuilder::finish).collect()
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

    /// The bundled label files, as [`EscoIndex::from_texts`] reads them.
    fn bundled_files() -> Vec<(&'static str, &'static str)> {
        (EscoTexts::bundled().labels.iter())
            .map(|(lang, file)| (*lang, file.text()))
            .collect()
    }

    /// The label pass alone; returns the number of skills.
    pub fn skills_pass() -> usize {
        build_labels(&bundled_files()).0.len()
    }

    /// The label-hash pass alone; returns the number of label entries.
    pub fn label_pass() -> usize {
        build_label_hashes(&bundled_files())
            .iter()
            .map(Vec::len)
            .sum()
    }

    /// Builds the suggestion word index of `index` afresh; returns its number of words.
    pub fn build_suggestion_index(index: &EscoIndex) -> usize {
        SuggestIndex::build(&index.skills).tokens.len()
    }

    /// Builds the search index of `index` afresh; returns its number of words.
    pub fn build_search_index(index: &EscoIndex) -> usize {
        crate::vocab::search::index_words(index)
    }

    /// Decodes the bundled search index afresh; returns its number of words.
    pub fn load_search_index(index: &EscoIndex) -> usize {
        crate::vocab::search::bundled_index_words(index)
    }

    /// Parses the description file afresh; returns its number of entries.
    pub fn load_descriptions() -> usize {
        parse_descriptions(DESCRIPTIONS_EN).len()
    }

    /// ESCO's languages: English, French, German, then the others.
    pub const SYNTHETIC_LANGUAGES: [&str; 28] = [
        "en", "fr", "de", "bg", "cs", "da", "el", "es", "et", "fi", "ga", "hr", "hu", "is", "it",
        "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "uk", "ar",
    ];

    /// `text` with its ASCII letters moved `by` places along the alphabet.
    pub fn shifted(text: &str, by: u8) -> String {
        text.chars()
            .map(|c| match c {
                'a'..='z' => char::from(b'a' + (c as u8 - b'a' + by) % 26),
                'A'..='Z' => char::from(b'A' + (c as u8 - b'A' + by) % 26),
                _ => c,
            })
            .collect()
    }

    /// How far the letters of `lang`'s synthetic labels are shifted (0: real labels).
    pub fn shift_of(lang: &str) -> u8 {
        let position = SYNTHETIC_LANGUAGES.iter().position(|l| *l == lang);
        u8::try_from(position.unwrap_or(0).saturating_sub(1)).unwrap_or(0)
    }

    /// The bundled skills, labelled in every language of [`SYNTHETIC_LANGUAGES`]: English
    /// and French as bundled, each other language the English labels, alternative labels
    /// and descriptions shifted by [`shift_of`] (the number, length and word structure of
    /// real labels, not their text).
    pub fn synthetic_skills() -> Vec<laurel_eu_services::esco::Skill> {
        let bundled = esco();
        let skill = |s: &Skill| {
            let english_alternatives: Vec<String> = s
                .alt_labels_in("en")
                .iter()
                .map(|t| t.to_string())
                .collect();
            let description = bundled.description(s.iri).unwrap_or_default();
            let mut skill = laurel_eu_services::esco::Skill {
                uri: s.iri.to_string(),
                skill_type: s.skill_type.map(|t| {
                    let t = t.replace("/competence", "");
                    format!("http://data.europa.eu/esco/skill-type/{t}")
                }),
                reuse_level: (s.reuse_level)
                    .map(|r| format!("http://data.europa.eu/esco/skill-reuse-level/{r}")),
                ..Default::default()
            };
            skill.preferred.insert("en".into(), s.pref_label_en.into());
            skill
                .alternative
                .insert("en".into(), english_alternatives.clone());
            skill.description.insert("en".into(), description.into());
            if let Some(french) = s.pref_label("fr") {
                skill.preferred.insert("fr".into(), french.into());
            }
            for lang in SYNTHETIC_LANGUAGES.iter().skip(2) {
                let by = shift_of(lang);
                let alternatives = english_alternatives.iter().map(|a| shifted(a, by));
                (skill.preferred).insert(lang.to_string(), shifted(s.pref_label_en, by));
                (skill.alternative).insert(lang.to_string(), alternatives.collect());
                (skill.description).insert(lang.to_string(), shifted(description, by));
            }
            skill
        };
        bundled.skills().iter().map(skill).collect()
    }

    /// Writes a project at `root` pinned to ESCO 1.2.0 of `skills` in `languages` (as
    /// `laurel vocab update` writes it), whose language is `default_language`.
    pub fn synthetic_project(
        root: &std::path::Path,
        skills: &[laurel_eu_services::esco::Skill],
        languages: &[&str],
        default_language: &str,
    ) -> std::io::Result<()> {
        let others: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
        crate::vocab::store::write_esco(root, "1.2.0", "synthetic", &others, skills, &[])?;
        let list: Vec<String> = languages.iter().map(|l| format!("\"{l}\"")).collect();
        std::fs::write(
            root.join("Laurel.toml"),
            format!(
                "[project]\nname = \"bench\"\ndefault-language = \"{default_language}\"\n\
                 esco = \"1.2.0\"\nesco-languages = [{}]\n",
                list.join(", ")
            ),
        )
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
                .pref_labels()
                .chain(skill.alt_labels())
                .map(|(_, l)| l);
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
                for (_, l) in skill.pref_labels().chain(skill.alt_labels()) {
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

    const A: &str = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000000a";
    const B: &str = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000000b";

    /// Two skills in five languages (more than are read together): in German, B's
    /// preferred label is an English alternative label of A.
    fn five_languages() -> EscoTexts {
        let file = |rows: String| EscoFile::Text(Box::leak(rows.into_boxed_str()));
        let english = format!(
            "conceptUri\tpreferredLabel\taltLabels\tskillType\treuseLevel\n\
             {A}\twrite German\tgerman writing|schriftlich arbeiten\tskill/competence\ttransversal\n\
             {B}\twork in writing\t\tskill/competence\ttransversal\n"
        );
        let other = |rows: &[(&str, &str, &str)]| {
            let mut out = "conceptUri\tpreferredLabel\taltLabels\n".to_string();
            for (iri, pref, alts) in rows {
                out.push_str(&format!("{iri}\t{pref}\t{alts}\n"));
            }
            file(out)
        };
        EscoTexts {
            version: "test",
            labels: vec![
                ("en", file(english)),
                ("fr", other(&[(A, "écrire l'allemand", "")])),
                (
                    "de",
                    other(&[
                        (A, "Deutsch schreiben", "deutsche Texte verfassen"),
                        (B, "schriftlich arbeiten", ""),
                    ]),
                ),
                ("it", other(&[(A, "scrivere in tedesco", "")])),
                (
                    "es",
                    other(&[(A, "escribir en alemán", "redactar en alemán")]),
                ),
            ],
            descriptions: Vec::new(),
            broader: None,
        }
    }

    #[test]
    fn a_label_in_a_language_not_read_yet_resolves_and_reads_the_languages_before_it() {
        let index = EscoIndex::from_texts(five_languages());
        assert_eq!(index.languages(), ["en", "fr", "de", "it", "es"]);
        assert!(!index.every_language_read());
        let read = |k: usize| index.labels.read.get(k).is_some_and(|c| c.get().is_some());
        assert!(read(0) && !read(1) && !read(2));
        // an English label reads nothing more
        assert!(matches!(index.lookup_label("Write German"), EscoLookup::Found(s) if s.iri == A));
        assert!(!read(1));
        // a German one reads French and German, and no further
        let found = index.lookup_label("deutsch SCHREIBEN");
        assert!(
            matches!(found, EscoLookup::Found(s) if s.iri == A),
            "{found:?}"
        );
        assert!(read(1) && read(2) && !read(3) && !read(4));
        assert!(
            matches!(index.lookup_label("redactar en alemán"), EscoLookup::Found(s) if s.iri == A)
        );
        assert!(index.every_language_read());
    }

    #[test]
    fn the_answer_to_a_lookup_does_not_depend_on_what_was_read_before() {
        // English answers first: the German preferred label of B does not win over the
        // English alternative label of A, whether German is read or not
        let fresh = EscoIndex::from_texts(five_languages());
        let warm = EscoIndex::from_texts(five_languages());
        let _ = warm.lookup_label("no such skill anywhere");
        assert!(warm.every_language_read());
        for index in [&fresh, &warm] {
            let found = index.lookup_label("schriftlich arbeiten");
            assert!(
                matches!(found, EscoLookup::Found(s) if s.iri == A),
                "{found:?}"
            );
        }
        // and an unknown label gets the same close skills
        let close = |index: &EscoIndex| match index.lookup_label("scrivere in tedescco") {
            EscoLookup::Unknown { suggestions } => {
                suggestions.iter().map(|s| s.iri).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(close(&fresh), [A]);
        assert_eq!(close(&fresh), close(&warm));
    }

    #[test]
    fn a_skills_labels_in_every_language_are_there_when_asked_for() {
        let index = EscoIndex::from_texts(five_languages());
        let skill = index.by_iri(A).expect("skill A");
        assert_eq!(skill.pref_label("it"), Some("scrivere in tedesco"));
        assert_eq!(skill.alt_labels_in("es"), ["redactar en alemán"]);
        let languages: Vec<&str> = skill.pref_labels().map(|(l, _)| l).collect();
        assert_eq!(languages, ["en", "fr", "de", "it", "es"]);
        let alternatives: Vec<(&str, &str)> = skill.alt_labels().collect();
        assert_eq!(
            alternatives,
            [
                ("en", "german writing"),
                ("en", "schriftlich arbeiten"),
                ("de", "deutsche Texte verfassen"),
                ("es", "redactar en alemán")
            ]
        );
    }

    #[test]
    fn a_search_in_a_language_not_read_yet_finds_its_labels() {
        let index = EscoIndex::from_texts(five_languages());
        let hits = index.search_in("scrivere", "it", 10);
        assert_eq!(hits.first().map(|m| (m.skill.iri, m.lang)), Some((A, "it")));
        // Spanish typed in an Italian document: found through the other languages
        let hits = index.search_in("redactar en al", "it", 10);
        assert_eq!(
            hits.first().map(|m| (m.label, m.lang)),
            Some(("redactar en alemán", "es"))
        );
    }

    #[test]
    fn a_projects_folder_in_many_languages_reads_a_language_when_first_needed() {
        let languages = ["en", "de", "es", "fr", "it"];
        let mut skill = laurel_eu_services::esco::Skill {
            uri: A.to_string(),
            ..Default::default()
        };
        for (lang, label) in languages.iter().zip([
            "write German",
            "Deutsch schreiben",
            "escribir en alemán",
            "écrire l'allemand",
            "scrivere in tedesco",
        ]) {
            skill.preferred.insert(lang.to_string(), label.to_string());
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let others: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
        super::super::store::write_esco(dir.path(), "9.9.9", "test", &others, &[skill], &[])
            .expect("write the folder");
        let index = super::super::store::load_esco(dir.path(), "9.9.9", &[]).expect("load");
        assert!(!index.every_language_read());
        let found = index.lookup_label("Deutsch schreiben");
        assert!(
            matches!(found, EscoLookup::Found(s) if s.iri == A),
            "{found:?}"
        );
        let hits = index.search_in("scriv", "it", 5);
        assert_eq!(hits.first().map(|m| m.label), Some("scrivere in tedesco"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn matching_tokens_are_those_of_the_definition(qt in "[a-eé]{1,9}") {
            prop_assert_eq!(index().matching_tokens(&qt), matching_by_definition(index(), &qt));
        }
    }
}
