//! ESCO v1.1.1 skills index: preferred and alternative labels (English and French),
//! lookup by IRI and by exact label, close-match suggestions, and English descriptions.
//!
//! The data is embedded from `stdlib/esco/`. Labels are parsed on the first call to
//! [`esco()`]; the word index used for suggestions is built on the first unknown label;
//! descriptions are parsed on the first call to [`EscoIndex::description`].

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use super::text::{self, FxMap};

/// The attribution ESCO asks every service using it to show.
pub const ESCO_ATTRIBUTION: &str =
    "This service uses the ESCO classification of the European Commission.";

/// The bundled ESCO version.
pub const ESCO_VERSION: &str = "1.1.1";

const SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";
const SKILL_PREFIX_HTTPS: &str = "https://data.europa.eu/esco/skill/";

const SKILLS_EN: &str = include_str!("../../../stdlib/esco/skills_en.tsv");
const SKILLS_FR: &str = include_str!("../../../stdlib/esco/skills_fr.tsv");
const DESCRIPTIONS_EN: &str = include_str!("../../../stdlib/esco/skills_en_descriptions.tsv");

const LANGUAGES: &[&str] = &["en", "fr"];

/// Maximum number of suggestions for an unknown label.
const MAX_SUGGESTIONS: usize = 5;

/// One ESCO skill (or knowledge concept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// `http://data.europa.eu/esco/skill/<uuid>`.
    pub iri: String,
    /// English preferred label.
    pub pref_label_en: String,
    /// Preferred labels by language, English first (`("en", …)`, then `("fr", …)` where known).
    pub pref_labels: Vec<(&'static str, String)>,
    /// Alternative labels by language (duplicates of the preferred label removed).
    pub alt_labels: Vec<(&'static str, String)>,
    /// `"skill/competence"` or `"knowledge"`; `None` for the 6 skills without a type.
    pub skill_type: Option<String>,
    /// `"transversal"`, `"cross-sector"`, `"sector-specific"` or `"occupation-specific"`;
    /// `None` for the 5 skills without a reuse level.
    pub reuse_level: Option<String>,
}

impl Skill {
    /// The preferred label in `lang` (`"en"`, `"fr"`), if bundled.
    pub fn pref_label(&self, lang: &str) -> Option<&str> {
        self.pref_labels
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(lang))
            .map(|(_, s)| s.as_str())
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

/// Skills carrying one normalised label: `(skill index, is preferred label)`.
/// Kept to 16 bytes (the rare shared label is boxed) so the 115,000-entry map stays small.
#[derive(Debug)]
enum Hits {
    One(u32, bool),
    Many(Box<Vec<(u32, bool)>>),
}

impl Hits {
    fn add(&mut self, skill: u32, pref: bool) {
        match self {
            Hits::One(s, p) if *s == skill => *p |= pref,
            Hits::One(s, p) => *self = Hits::Many(Box::new(vec![(*s, *p), (skill, pref)])),
            Hits::Many(v) => match v.iter_mut().find(|(s, _)| *s == skill) {
                Some((_, p)) => *p |= pref,
                None => v.push((skill, pref)),
            },
        }
    }

    /// Every `(skill, pref)` pair.
    fn pairs(&self) -> Vec<(u32, bool)> {
        match self {
            Hits::One(s, p) => vec![(*s, *p)],
            Hits::Many(v) => v.to_vec(),
        }
    }
}

/// The ESCO skills index.
#[derive(Debug)]
pub struct EscoIndex {
    skills: Vec<Skill>,
    by_uuid: FxMap<&'static str, u32>,
    labels: FxMap<Cow<'static, str>, Hits>,
    suggest: OnceLock<SuggestIndex>,
}

impl EscoIndex {
    /// All skills, in file order (13,896 in ESCO v1.1.1).
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// The bundled label languages: `["en", "fr"]`.
    pub fn languages(&self) -> &[&'static str] {
        LANGUAGES
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
        if let Some(hits) = self.labels.get(key.as_str()) {
            let pairs = hits.pairs();
            let pref: Vec<u32> = pairs.iter().filter(|(_, p)| *p).map(|(s, _)| *s).collect();
            let chosen: Vec<u32> = if pref.is_empty() {
                pairs.iter().map(|(s, _)| *s).collect()
            } else {
                pref
            };
            let skills: Vec<&Skill> = chosen
                .iter()
                .filter_map(|&s| self.skills.get(s as usize))
                .collect();
            return match skills.as_slice() {
                [one] => EscoLookup::Found(one),
                [] => EscoLookup::Unknown {
                    suggestions: Vec::new(),
                },
                _ => EscoLookup::Ambiguous(skills),
            };
        }
        if let Some(skill) = self.by_iri(label) {
            return EscoLookup::Found(skill);
        }
        EscoLookup::Unknown {
            suggestions: self.suggestions(label),
        }
    }

    /// English description of the skill with this IRI (parsed from a separate file on
    /// first use).
    pub fn description(&self, iri: &str) -> Option<&str> {
        let uuid = skill_uuid(iri)?;
        descriptions().get(uuid).copied()
    }

    /// Up to 5 skills close to `label`, best first.
    fn suggestions(&self, label: &str) -> Vec<&Skill> {
        let index = self.suggest.get_or_init(|| SuggestIndex::build(&self.skills));
        index
            .suggest(label, &self.skills)
            .into_iter()
            .filter_map(|s| self.skills.get(s as usize))
            .collect()
    }

    fn load() -> EscoIndex {
        let approx = SKILLS_EN.len() / 350;
        let mut skills: Vec<Skill> = Vec::with_capacity(approx);
        let mut by_uuid: FxMap<&'static str, u32> = text::fx_map(approx);
        let mut labels: FxMap<Cow<'static, str>, Hits> = text::fx_map(approx * 9);
        for line in text::data_lines(SKILLS_EN) {
            let [uri, pref, alts, skill_type, reuse] = text::fields::<5>(line);
            let (Some(uri), Some(pref)) = (text::non_empty(uri), text::non_empty(pref)) else {
                continue;
            };
            let Some(uuid) = skill_uuid(uri) else {
                continue;
            };
            let Ok(i) = u32::try_from(skills.len()) else {
                break;
            };
            match by_uuid.entry(uuid) {
                Entry::Occupied(_) => continue,
                Entry::Vacant(v) => v.insert(i),
            };
            add_label(&mut labels, pref, i, true);
            let mut alt_labels = Vec::new();
            push_alts(&mut alt_labels, "en", alts, pref, |a| {
                add_label(&mut labels, a, i, false)
            });
            skills.push(Skill {
                iri: uri.to_string(),
                pref_label_en: pref.to_string(),
                pref_labels: vec![("en", pref.to_string())],
                alt_labels,
                skill_type: text::non_empty(skill_type).map(str::to_string),
                reuse_level: text::non_empty(reuse).map(str::to_string),
            });
        }
        for line in text::data_lines(SKILLS_FR) {
            let [uri, pref, alts, ..] = text::fields::<6>(line);
            let Some(&i) = skill_uuid(uri).and_then(|u| by_uuid.get(u)) else {
                continue;
            };
            let Some(skill) = skills.get_mut(i as usize) else {
                continue;
            };
            let pref = text::non_empty(pref);
            if let Some(p) = pref {
                if skill.pref_label("fr").is_none() {
                    skill.pref_labels.push(("fr", p.to_string()));
                    add_label(&mut labels, p, i, true);
                }
            }
            let mut alt_labels = std::mem::take(&mut skill.alt_labels);
            push_alts(&mut alt_labels, "fr", alts, pref.unwrap_or(""), |a| {
                add_label(&mut labels, a, i, false)
            });
            skill.alt_labels = alt_labels;
        }
        EscoIndex {
            skills,
            by_uuid,
            labels,
            suggest: OnceLock::new(),
        }
    }
}

/// Records `label` (normalised) as a preferred or alternative label of skill `i`.
fn add_label(
    labels: &mut FxMap<Cow<'static, str>, Hits>,
    label: &'static str,
    i: u32,
    pref: bool,
) {
    let key = text::normalize_label_cow(label);
    if !key.is_empty() {
        labels
            .entry(key)
            .and_modify(|h| h.add(i, pref))
            .or_insert(Hits::One(i, pref));
    }
}

/// Adds the `|`-separated alternative labels `alts` in `lang` to `out`, skipping blanks,
/// copies of `pref` and duplicates; calls `on_new` for each one kept.
fn push_alts(
    out: &mut Vec<(&'static str, String)>,
    lang: &'static str,
    alts: &'static str,
    pref: &str,
    mut on_new: impl FnMut(&'static str),
) {
    for alt in alts.split('|') {
        let Some(alt) = text::non_empty(alt) else {
            continue;
        };
        if alt == pref || out.iter().any(|(l, a)| *l == lang && a == alt) {
            continue;
        }
        on_new(alt);
        out.push((lang, alt.to_string()));
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

fn descriptions() -> &'static FxMap<&'static str, &'static str> {
    static DESCRIPTIONS: OnceLock<FxMap<&'static str, &'static str>> = OnceLock::new();
    DESCRIPTIONS.get_or_init(parse_descriptions)
}

/// UUID → English description, borrowed from the embedded file.
fn parse_descriptions() -> FxMap<&'static str, &'static str> {
    let mut map = text::fx_map(DESCRIPTIONS_EN.len() / 200);
    for line in text::data_lines(DESCRIPTIONS_EN) {
        let [uri, description] = text::fields::<2>(line);
        if let (Some(uuid), Some(d)) = (skill_uuid(uri), text::non_empty(description)) {
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
        EscoIndex::load()
    }

    /// Builds the suggestion word index of `index` afresh; returns its number of words.
    pub fn build_suggestion_index(index: &EscoIndex) -> usize {
        SuggestIndex::build(&index.skills).tokens.len()
    }

    /// Parses the description file afresh; returns its number of entries.
    pub fn load_descriptions() -> usize {
        parse_descriptions().len()
    }
}

/// The ESCO skills index, built from the embedded labels on first use and cached.
pub fn esco() -> &'static EscoIndex {
    static INDEX: OnceLock<EscoIndex> = OnceLock::new();
    INDEX.get_or_init(EscoIndex::load)
}

/// Words too common to say anything about a skill (English and French, accent-folded).
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "au", "aux", "by", "d", "dans", "de", "des", "du", "en", "et",
    "for", "in", "l", "la", "le", "les", "of", "on", "or", "par", "pour", "sur", "the", "to",
    "un", "une", "with",
];

/// Word index over every label, built lazily for suggestions.
#[derive(Debug)]
struct SuggestIndex {
    token_ids: FxMap<Box<str>, u32>,
    tokens: Vec<Box<str>>,
    /// token id → skill indices (ascending, unique)
    postings: Vec<Vec<u32>>,
}

/// How many of the best-scoring skills are re-ranked in detail.
const RERANK: usize = 200;

impl SuggestIndex {
    fn build(skills: &[Skill]) -> SuggestIndex {
        let mut idx = SuggestIndex {
            token_ids: text::fx_map(32_768),
            tokens: Vec::with_capacity(32_768),
            postings: Vec::with_capacity(32_768),
        };
        let mut buf = String::new();
        for (i, skill) in skills.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            let labels = skill
                .pref_labels
                .iter()
                .chain(skill.alt_labels.iter())
                .map(|(_, l)| l.as_str());
            for label in labels {
                text::fold_into(label, &mut buf);
                for t in buf.split(' ') {
                    if t.is_empty() || STOPWORDS.contains(&t) {
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
        idx
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
            .filter(|t| !t.is_empty() && !STOPWORDS.contains(t))
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
        for (id, t) in self.tokens.iter().enumerate() {
            let Ok(id) = u32::try_from(id) else { break };
            if Some(id) == exact {
                continue;
            }
            if qn >= 3 && t.starts_with(qt) {
                out.push((id, 0.8));
                continue;
            }
            if exact.is_some() || max_typos == 0 {
                continue;
            }
            let tn = t.len();
            if tn.abs_diff(qt.len()) > max_typos {
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
        out
    }
}
