//! Searching ESCO skills by a fragment of a label, for editor completion.
//!
//! [`EscoIndex::search`] works on a word index built on first use (about 130,000 English
//! and French labels, folded to lower-case ASCII words: `Gérer l'équipe` → `gerer l
//! equipe`):
//!
//! * every distinct word once, sorted, each with its *postings* (the labels it occurs
//!   in and at which word), so that the labels with a word starting with `fin` are one
//!   binary search away;
//! * the words of each label, as word ids, to check the other words of a query.
//!
//! A query is folded the same way and matched in tiers, each tier only run while the
//! stronger ones have found fewer skills than asked for:
//!
//! 1. **exact** (the whole label), **prefix** (the label starts with the query) and
//!    **word prefix** (the query starts at a word of the label: `fin data` in `manage
//!    findable data`): from the postings of the query's first word;
//! 2. **words**: every query word starts some word of the label, in any order (`man fin`);
//! 3. **substring**: the query occurs inside the label (`gineer` in `engineering`);
//! 4. **fuzzy**: every query word starts a label word with at most one typo (two for
//!    words of 8 letters or more), fewest typos first (`pyhton`, `managment`).
//!
//! Within a tier a preferred label ranks above an alternative label and a shorter label
//! above a longer one, with one refinement for the prefix tiers: among the preferred (or
//! the alternative) labels, the best label for each distinct completion of the last
//! query word comes first (`manage fin` shows `manage financial risk` and `manage
//! findable accessible interoperable and reusable data` before a second `manage
//! financ…`), so that every way the word can go is on screen. Each skill appears once,
//! with its best-matching label.

use std::sync::OnceLock;

use super::esco::{is_stopword, EscoIndex, LanguageLabels, Skill};
use super::text;

/// One search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillMatch<'a> {
    /// The skill.
    pub skill: &'a Skill,
    /// The label that matched (preferred or alternative).
    pub label: &'a str,
    /// Language of that label.
    pub lang: &'static str,
    /// True when `label` is a preferred label.
    pub preferred: bool,
    /// Higher is better.
    pub score: u32,
}

/// The search indexes of an [`EscoIndex`], one per language of its labels, each made on
/// first use: decoded from `stdlib/esco/search-index.bin` for the bundled data, built
/// from the labels otherwise.
#[derive(Debug)]
pub(crate) struct Searches {
    by_language: Vec<LanguageSearch>,
}

/// The search indexes of one language.
#[derive(Debug)]
struct LanguageSearch {
    lang: &'static str,
    /// Its labels.
    own: OnceLock<SearchIndex>,
    /// The labels of every language but this one and English, in one index: where
    /// [`EscoIndex::search_in`] looks when neither has the query well (made when two or
    /// more languages are left).
    others: OnceLock<SearchIndex>,
}

impl Searches {
    /// No index made yet for any of `languages`.
    pub(crate) fn new(languages: &[&'static str]) -> Searches {
        let by_language = (languages.iter())
            .map(|&lang| LanguageSearch {
                lang,
                own: OnceLock::new(),
                others: OnceLock::new(),
            })
            .collect();
        Searches { by_language }
    }
}

impl EscoIndex {
    /// The best matches for `query`, best first, at most `limit`, one per skill.
    ///
    /// Case- and accent-insensitive, over preferred and alternative labels in every
    /// language of the index. Ranking: the whole label, then the label's start, then the
    /// start of a word inside it (`fin data`), then every query word starting some label
    /// word in any order (`man fin`), then the query inside a word (`gineer`), then
    /// words with typos (`pyhton`); within each, preferred labels before alternative
    /// ones and shorter before longer (for the prefix matches, the best label for each
    /// way the last word can end comes first). An empty query finds nothing. Each
    /// language's index is made on its first search (see [`EscoIndex::prepare_search`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<SkillMatch<'_>> {
        let mut hits: Vec<SkillMatch<'_>> = Vec::new();
        for i in 0..self.searches.by_language.len() {
            hits.extend(self.search_language(i, query, limit));
        }
        // stable: on equal scores, the order of the languages
        hits.sort_by_key(|m| std::cmp::Reverse(m.score));
        one_per_skill(hits, limit)
    }

    /// The best matches for `query` among the labels in `lang` and in English:
    /// completion in the document's language. Matches are ranked by how well they match
    /// (exact, prefix, words, ..., and typos), the document's language first among
    /// equally good ones, then English. When neither has a label with every query word at
    /// a word's start (only a substring or a typo matches), the other languages are
    /// searched too (in one index of them all, made on first use): a label typed in
    /// another language is still found. In a language the index does not have,
    /// [`EscoIndex::search`].
    pub fn search_in(&self, query: &str, lang: &str, limit: usize) -> Vec<SkillMatch<'_>> {
        let Some(first) = self.language_index(lang) else {
            return self.search(query, limit);
        };
        let english = self.language_index("en").filter(|&e| e != first);
        // (0 the document's language, 1 English, 2 another; the match)
        let mut hits: Vec<(u8, SkillMatch<'_>)> = Vec::new();
        let mut searched = vec![(first, 0)];
        searched.extend(english.map(|e| (e, 1)));
        for &(i, rank) in &searched {
            let found = self.search_language(i, query, limit);
            hits.extend(found.into_iter().map(|m| (rank, m)));
        }
        let words = score_of(Tier::Words, 7, false, 0x7fff);
        if hits.iter().all(|(_, m)| m.score < words) {
            let others: Vec<usize> = (0..self.searches.by_language.len())
                .filter(|&i| i != first && Some(i) != english)
                .collect();
            let found = match others.as_slice() {
                [] => Vec::new(),
                &[other] => self.search_language(other, query, limit),
                _ => self.search_languages(first, &others, query, limit),
            };
            hits.extend(found.into_iter().map(|m| (2, m)));
        }
        hits.sort_by_key(|(rank, m)| {
            (
                std::cmp::Reverse(m.score >> MATCH_QUALITY_SHIFT),
                *rank,
                std::cmp::Reverse(m.score),
            )
        });
        one_per_skill(hits.into_iter().map(|(_, m)| m).collect(), limit)
    }

    /// Makes the search index of every language now rather than on the first
    /// [`EscoIndex::search`] (a language server calls this while starting up).
    pub fn prepare_search(&self) {
        for i in 0..self.searches.by_language.len() {
            let _ = self.search_index(i);
        }
    }

    /// Makes the search index of `lang` now (see [`EscoIndex::prepare_search`]).
    pub fn prepare_search_in(&self, lang: &str) {
        if let Some(i) = self.language_index(lang) {
            let _ = self.search_index(i);
        }
    }

    /// The position of `lang` among the index's languages.
    fn language_index(&self, lang: &str) -> Option<usize> {
        self.searches
            .by_language
            .iter()
            .position(|l| l.lang.eq_ignore_ascii_case(lang))
    }

    /// The languages at `positions`, with their labels (read now if they were not yet).
    fn languages_at(&self, positions: &[usize]) -> Vec<(&'static str, &LanguageLabels)> {
        (positions.iter())
            .filter_map(|&i| {
                let lang = self.searches.by_language.get(i)?.lang;
                Some((lang, self.labels_in(lang)?))
            })
            .collect()
    }

    /// The best matches for `query` among the labels of the `i`-th language.
    fn search_language(&self, i: usize, query: &str, limit: usize) -> Vec<SkillMatch<'_>> {
        let languages = self.languages_at(&[i]);
        self.search_index(i)
            .search(self.skills(), &languages, query, limit)
    }

    /// The best matches for `query` among the labels of the languages at `others` (every
    /// one but the `first`-th and English), in their index.
    fn search_languages(
        &self,
        first: usize,
        others: &[usize],
        query: &str,
        limit: usize,
    ) -> Vec<SkillMatch<'_>> {
        let Some(search) = self.searches.by_language.get(first) else {
            return Vec::new();
        };
        let languages = self.languages_at(others);
        let labels: Vec<&LanguageLabels> = languages.iter().map(|(_, l)| *l).collect();
        search
            .others
            .get_or_init(|| SearchIndex::build(&labels))
            .search(self.skills(), &languages, query, limit)
    }

    /// The search index of the `i`-th language, made on first use (its labels are read
    /// first if they were not yet).
    fn search_index(&self, i: usize) -> &SearchIndex {
        static EMPTY: OnceLock<SearchIndex> = OnceLock::new();
        let Some(search) = self.searches.by_language.get(i) else {
            return EMPTY.get_or_init(|| SearchIndex::build(&[]));
        };
        search.own.get_or_init(|| {
            let Some(labels) = self.labels_in(search.lang) else {
                return SearchIndex::build(&[]);
            };
            let bundled = (self.is_bundled())
                .then(|| {
                    let fingerprint = fingerprint(self.skills(), labels);
                    SearchIndex::decode(BUNDLED, fingerprint, search.lang)
                })
                .flatten();
            bundled.unwrap_or_else(|| SearchIndex::build(&[labels]))
        })
    }

    /// The naive baseline: a case-insensitive substring scan over every label, preferred
    /// labels and earlier positions first. Kept to measure [`EscoIndex::search`] against.
    pub fn search_linear(&self, query: &str, limit: usize) -> Vec<SkillMatch<'_>> {
        let query = query.trim().to_lowercase();
        let mut hits: Vec<SkillMatch<'_>> = Vec::new();
        for skill in self.skills() {
            let labels = (skill.pref_labels().map(|(l, s)| (l, s, true)))
                .chain(skill.alt_labels().map(|(l, s)| (l, s, false)));
            let best = labels
                .filter_map(|(lang, label, preferred)| {
                    let at = label.to_lowercase().find(&query)?;
                    let score =
                        1_000_000 - (at as u32).min(999) * 1000 - (label.len() as u32).min(999)
                            + if preferred { 1_000_000 } else { 0 };
                    Some(SkillMatch {
                        skill,
                        label,
                        lang,
                        preferred,
                        score,
                    })
                })
                .max_by_key(|m| m.score);
            hits.extend(best);
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.label.cmp(b.label)));
        hits.truncate(limit);
        hits
    }
}

/// `hits` without a second match of one skill (the first is kept), at most `limit`.
fn one_per_skill(hits: Vec<SkillMatch<'_>>, limit: usize) -> Vec<SkillMatch<'_>> {
    let mut seen: text::FxMap<&str, ()> = text::fx_map(hits.len());
    hits.into_iter()
        .filter(|m| seen.insert(m.skill.iri, ()).is_none())
        .take(limit)
        .collect()
}

/// The search indexes of the bundled skills, one per language, as [`encode_all`] writes
/// them: checked in, so that starting costs a decode rather than a build. A unit test fails when it is
/// not the index of the bundled data; `LAUREL_BLESS=1 cargo test -p laurel --lib
/// vocab::search` writes it anew.
const BUNDLED: &[u8] = include_bytes!("../../../stdlib/esco/search-index.bin");

/// First bytes of an encoded index (the number is the format's version).
const MAGIC: &[u8; 8] = b"LAURSI03";

/// Builds the search index of every language of `index` afresh (for the load-time
/// benchmark); returns their number of words.
pub(crate) fn index_words(index: &EscoIndex) -> usize {
    (index.languages().iter())
        .filter_map(|l| index.labels_in(l))
        .map(|labels| SearchIndex::build(&[labels]).words.len())
        .sum()
}

/// Decodes the bundled search indexes (for the load-time benchmark); returns their number
/// of words, 0 for a language whose index does not fit `index`.
pub(crate) fn bundled_index_words(index: &EscoIndex) -> usize {
    (index.languages().iter())
        .filter_map(|l| {
            let labels = index.labels_in(l)?;
            SearchIndex::decode(BUNDLED, fingerprint(index.skills(), labels), l)
        })
        .map(|i| i.words.len())
        .sum()
}

/// What an encoded index must say about the skills it indexes: their number and the
/// number of their labels in its language.
fn fingerprint(skills: &[Skill], labels: &LanguageLabels) -> [u32; 2] {
    [skills.len(), labels.count()].map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// The search index of each language of `index`, as bytes: [`MAGIC`], the number of
/// languages, and for each its code and its index ([`SearchIndex::encode`]).
#[cfg(test)]
fn encode_all(index: &EscoIndex) -> Vec<u8> {
    let languages = index.languages();
    let mut out = MAGIC.to_vec();
    put(&mut out, u32::try_from(languages.len()).unwrap_or(u32::MAX));
    for lang in languages {
        let labels = index.labels_in(lang).unwrap_or_else(|| unreachable!());
        let section = SearchIndex::build(&[labels]).encode(fingerprint(index.skills(), labels));
        for part in [lang.as_bytes(), &section] {
            put(&mut out, u32::try_from(part.len()).unwrap_or(u32::MAX));
            out.extend_from_slice(part);
        }
    }
    out
}

/// Appends `v` as LEB128.
#[cfg(test)]
fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a count and then each value.
#[cfg(test)]
fn put_all(out: &mut Vec<u8>, values: impl ExactSizeIterator<Item = u32>) {
    put(out, u32::try_from(values.len()).unwrap_or(u32::MAX));
    for v in values {
        put(out, v);
    }
}

/// Reads what [`put`] and [`put_all`] wrote; `None` past the end or on a malformed value.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn get(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A count, no more than there are bytes left (every value takes one at least).
    fn count(&mut self) -> Option<usize> {
        let n = self.get()? as usize;
        (n <= self.bytes.len()).then_some(n)
    }

    fn all(&mut self) -> Option<Vec<u32>> {
        let n = self.count()?;
        (0..n).map(|_| self.get()).collect()
    }

    fn text(&mut self) -> Option<&'a str> {
        let n = self.count()?;
        let (text, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        std::str::from_utf8(text).ok()
    }
}

/// How a label matched; a higher tier always ranks above a lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Fuzzy = 1,
    Substring = 2,
    Words = 3,
    WordPrefix = 4,
    Prefix = 5,
    Exact = 6,
}

/// Score layout (higher is better): tier in bits 28-30, 7 − typos in 25-27, preferred
/// in bit 24, "best label for its completion" in bit 23, 0x7fff − length in 8-22.
const DIVERSE_BIT: u32 = 1 << 23;

/// The score shifted by this many bits is the match's quality: its tier and typos.
const MATCH_QUALITY_SHIFT: u32 = 25;

fn score_of(tier: Tier, typos: u32, preferred: bool, len: usize) -> u32 {
    let len = u32::try_from(len).unwrap_or(u32::MAX).min(0x7fff);
    ((tier as u32) << 28)
        | ((7 - typos.min(7)) << MATCH_QUALITY_SHIFT)
        | (u32::from(preferred) << 24)
        | ((0x7fff - len) << 8)
}

/// No group: the hit is not diversified.
const NO_GROUP: u32 = u32::MAX;

/// One folded label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// Length of the folded label, in bytes.
    len: u32,
    /// Its words' ids in `SearchIndex::entry_words`.
    words_start: u32,
    words_len: u32,
    /// The skill (index in `EscoIndex::skills`).
    skill: u32,
    /// Which of the index's languages the label is in (0 in the index of one).
    lang: u16,
    /// 0 for the skill's preferred label, else the index in its alternative labels (in
    /// the index's language).
    label: u32,
    preferred: bool,
}

/// The word index (see the module documentation).
#[derive(Debug, PartialEq, Eq)]
struct SearchIndex {
    entries: Vec<Entry>,
    /// Distinct words, sorted (byte order).
    words: Vec<Box<str>>,
    /// Word id → range in `postings` (`posting_starts[w]..posting_starts[w + 1]`).
    posting_starts: Vec<u32>,
    /// `entry << 8 | word position in the label (at most 255)`; for each word, the
    /// postings at position 0 (labels starting with the word) come first.
    postings: Vec<u32>,
    /// Word id → end of its position-0 postings in `postings`.
    initial_ends: Vec<u32>,
    /// Word ids of each label, in order.
    entry_words: Vec<u32>,
    /// The word ids in the order of the words read backwards: the words ending with a
    /// given text are one range.
    reversed: Vec<u32>,
    /// Each word's [`byte_set`]: most words cannot be a query word with a typo or two,
    /// and this says so without comparing them.
    byte_sets: Vec<u64>,
}

impl SearchIndex {
    /// The index of the labels of `languages` (one, or several in one index).
    fn build(languages: &[&LanguageLabels]) -> SearchIndex {
        let mut entries: Vec<Entry> = Vec::with_capacity(140_000);
        let mut ids: text::FxMap<Box<str>, u32> = text::fx_map(32_768);
        let mut words: Vec<Box<str>> = Vec::with_capacity(32_768);
        let mut postings: Vec<Vec<u32>> = Vec::with_capacity(32_768);
        let mut entry_words: Vec<u32> = Vec::with_capacity(600_000);
        let mut buf = String::new();
        let languages = (0..).zip(languages.iter().take(usize::from(u16::MAX)));
        let labels = languages
            .flat_map(|(lang, labels)| (0..labels.skills()).map(move |si| (lang, si, *labels)));
        'skills: for (lang, si, labels) in labels {
            let pref = labels.pref_of(si);
            let lists = [(true, pref.as_slice()), (false, labels.alts_of(si))];
            for (preferred, list) in lists {
                for (li, label) in list.iter().enumerate() {
                    text::fold_into(label, &mut buf);
                    let e = entries.len();
                    let skill = si;
                    let (Ok(e32), Ok(len), Ok(words_start), Ok(label)) = (
                        u32::try_from(e),
                        u32::try_from(buf.len()),
                        u32::try_from(entry_words.len()),
                        u32::try_from(li),
                    ) else {
                        break 'skills;
                    };
                    if buf.is_empty() {
                        continue;
                    }
                    if e32 >= 1 << 24 {
                        break 'skills;
                    }
                    let mut n_words = 0u32;
                    for (wi, w) in buf.split(' ').enumerate() {
                        let id = match ids.get(w) {
                            Some(&id) => id,
                            None => {
                                let Ok(id) = u32::try_from(words.len()) else {
                                    break 'skills;
                                };
                                ids.insert(w.into(), id);
                                words.push(w.into());
                                postings.push(Vec::new());
                                id
                            }
                        };
                        if let Some(p) = postings.get_mut(id as usize) {
                            p.push((e32 << 8) | wi.min(255) as u32);
                        }
                        entry_words.push(id);
                        n_words += 1;
                    }
                    entries.push(Entry {
                        len,
                        words_start,
                        words_len: n_words,
                        skill,
                        lang,
                        label,
                        preferred,
                    });
                }
            }
        }
        // Renumber the words in sorted order.
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| words.get(a as usize).cmp(&words.get(b as usize)));
        let mut new_id = vec![0u32; words.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_id.get_mut(old as usize) {
                *slot = new as u32;
            }
        }
        for w in &mut entry_words {
            *w = new_id.get(*w as usize).copied().unwrap_or(0);
        }
        let mut sorted_words = Vec::with_capacity(words.len());
        let mut posting_starts = Vec::with_capacity(words.len() + 1);
        let mut initial_ends = Vec::with_capacity(words.len());
        let mut flat = Vec::with_capacity(entry_words.len());
        for &old in &order {
            let word = std::mem::take(words.get_mut(old as usize).unwrap_or(&mut Box::from("")));
            sorted_words.push(word);
            posting_starts.push(flat.len() as u32);
            if let Some(p) = postings.get(old as usize) {
                flat.extend(p.iter().filter(|&&x| x & 0xff == 0));
                initial_ends.push(flat.len() as u32);
                flat.extend(p.iter().filter(|&&x| x & 0xff != 0));
            } else {
                initial_ends.push(flat.len() as u32);
            }
        }
        posting_starts.push(flat.len() as u32);
        let mut reversed: Vec<u32> = (0..sorted_words.len() as u32).collect();
        reversed.sort_unstable_by(|&a, &b| {
            backwards(&sorted_words, a).cmp(backwards(&sorted_words, b))
        });
        SearchIndex {
            entries,
            byte_sets: byte_sets(&sorted_words),
            words: sorted_words,
            posting_starts,
            postings: flat,
            initial_ends,
            entry_words,
            reversed,
        }
    }

    /// The index as bytes: the fingerprint of its skills and labels, the sorted words, the entries
    /// (their word ranges follow one another), the words of each entry, the postings of
    /// each word (the ones at position 0 first, each part as differences), and the order
    /// of the reversed words. Every number is LEB128. (Run by the test that writes the
    /// bundled file.)
    #[cfg(test)]
    fn encode(&self, fingerprint: [u32; 2]) -> Vec<u8> {
        let mut out = Vec::new();
        for n in fingerprint {
            put(&mut out, n);
        }
        let dict: String = self.words.iter().flat_map(|w| [w, "\n"]).collect();
        put(&mut out, u32::try_from(dict.len()).unwrap_or(u32::MAX));
        out.extend_from_slice(dict.as_bytes());
        let entries = self.entries.iter().flat_map(|e| {
            let label = (e.label << 1) | u32::from(e.preferred);
            [e.len, e.words_len, e.skill, label]
        });
        put_all(&mut out, entries.collect::<Vec<u32>>().into_iter());
        put_all(&mut out, self.entry_words.iter().copied());
        for w in 0..self.words.len() as u32 {
            let (first, inner) = self.postings_split(w);
            for part in [first, inner] {
                let deltas = part.iter().scan(0u32, |prev, &p| {
                    let d = p.wrapping_sub(*prev);
                    *prev = p;
                    Some(d)
                });
                put_all(&mut out, deltas.collect::<Vec<u32>>().into_iter());
            }
        }
        put_all(&mut out, self.reversed.iter().copied());
        out
    }

    /// The index of `lang` in what [`encode_all`] wrote; `None` when `bytes` are not
    /// such indexes, have none for `lang` or were written for skills and labels of
    /// another [`fingerprint`].
    fn decode(bytes: &[u8], fingerprint: [u32; 2], lang: &str) -> Option<SearchIndex> {
        let mut all = Reader {
            bytes: bytes.strip_prefix(MAGIC)?,
        };
        let mut section = None;
        for _ in 0..all.count()? {
            let code = all.text()?;
            let n = all.count()?;
            let (bytes, rest) = all.bytes.split_at_checked(n)?;
            all.bytes = rest;
            if code == lang {
                section = Some(bytes);
            }
        }
        if !all.bytes.is_empty() {
            return None;
        }
        let mut r = Reader { bytes: section? };
        if [r.get()?, r.get()?] != fingerprint {
            return None;
        }
        let dict = r.text()?;
        let words: Vec<Box<str>> = dict
            .strip_suffix('\n')
            .map_or(Vec::new(), |d| d.split('\n').map(Box::from).collect());
        let flat = r.all()?;
        let mut entries = Vec::with_capacity(flat.len() / 4);
        let mut words_start = 0u32;
        for e in flat.chunks_exact(4) {
            let &[len, words_len, skill, label] = e else {
                return None;
            };
            entries.push(Entry {
                len,
                words_start,
                words_len,
                skill,
                lang: 0,
                label: label >> 1,
                preferred: label & 1 == 1,
            });
            words_start = words_start.checked_add(words_len)?;
        }
        let entry_words = r.all()?;
        let mut postings = Vec::with_capacity(entry_words.len());
        let mut posting_starts = Vec::with_capacity(words.len() + 1);
        let mut initial_ends = Vec::with_capacity(words.len());
        for _ in &words {
            posting_starts.push(u32::try_from(postings.len()).ok()?);
            for part in 0..2 {
                let n = r.count()?;
                let mut p = 0u32;
                for _ in 0..n {
                    p = p.wrapping_add(r.get()?);
                    postings.push(p);
                }
                if part == 0 {
                    initial_ends.push(u32::try_from(postings.len()).ok()?);
                }
            }
        }
        posting_starts.push(u32::try_from(postings.len()).ok()?);
        let reversed = r.all()?;
        if reversed.len() != words.len() || reversed.iter().any(|&id| id as usize >= words.len()) {
            return None;
        }
        if !r.bytes.is_empty() {
            return None;
        }
        Some(SearchIndex {
            entries,
            byte_sets: byte_sets(&words),
            words,
            posting_starts,
            postings,
            initial_ends,
            entry_words,
            reversed,
        })
    }

    fn word_ids(&self, e: &Entry) -> &[u32] {
        self.entry_words
            .get(e.words_start as usize..(e.words_start + e.words_len) as usize)
            .unwrap_or(&[])
    }

    fn postings_of(&self, word: u32) -> &[u32] {
        let (Some(&a), Some(&b)) = (
            self.posting_starts.get(word as usize),
            self.posting_starts.get(word as usize + 1),
        ) else {
            return &[];
        };
        self.postings.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The postings of a word split into those at the start of a label and the others.
    fn postings_split(&self, word: u32) -> (&[u32], &[u32]) {
        let all = self.postings_of(word);
        let (Some(&a), Some(&mid)) = (
            self.posting_starts.get(word as usize),
            self.initial_ends.get(word as usize),
        ) else {
            return (&[], all);
        };
        all.split_at((mid.saturating_sub(a) as usize).min(all.len()))
    }

    /// Word ids of the words starting with `prefix`: a range, since words are sorted.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let lo = self
            .words
            .partition_point(|w| w.as_bytes() < prefix.as_bytes());
        let rest = self.words.get(lo..).unwrap_or(&[]);
        let n = rest.partition_point(|w| w.starts_with(prefix));
        lo as u32..(lo + n) as u32
    }

    /// The id of exactly this word.
    fn word_id(&self, word: &str) -> Option<u32> {
        self.words
            .binary_search_by(|w| (**w).cmp(word))
            .ok()
            .map(|i| i as u32)
    }

    /// Ids of the words containing `part` other than at their start (a match at the
    /// start was found by the prefix tiers), ascending. Only the words with every byte
    /// of `part` are looked into.
    fn words_containing(&self, part: &str) -> Vec<u32> {
        let needed = byte_set(part.as_bytes());
        (0..)
            .zip(self.words.iter().zip(&self.byte_sets))
            .filter(|(_, (word, &set))| {
                needed & !set == 0 && word.match_indices(part).any(|(at, _)| at > 0)
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// Ids of the words that end with `part` and are longer, ascending.
    fn words_ending_with(&self, part: &str) -> Vec<u32> {
        let rev = || part.chars().rev();
        let n = part.chars().count();
        let lo = (self.reversed).partition_point(|&id| backwards(&self.words, id).lt(rev()));
        let mut out: Vec<u32> = (self.reversed.get(lo..).unwrap_or(&[]).iter())
            .take_while(|&&id| backwards(&self.words, id).take(n).eq(rev()))
            .filter(|&&id| {
                self.words
                    .get(id as usize)
                    .is_some_and(|w| w.len() > part.len())
            })
            .copied()
            .collect();
        out.sort_unstable();
        out
    }

    fn postings_total(&self, range: &std::ops::Range<u32>) -> usize {
        let a = self.posting_starts.get(range.start as usize).copied();
        let b = self.posting_starts.get(range.end as usize).copied();
        match (a, b) {
            (Some(a), Some(b)) => b.saturating_sub(a) as usize,
            _ => 0,
        }
    }

    /// The best matches for `query`; `languages` are those this index was built from,
    /// with their labels.
    fn search<'s>(
        &self,
        skills: &'s [Skill],
        languages: &[(&'static str, &'s LanguageLabels)],
        query: &str,
        limit: usize,
    ) -> Vec<SkillMatch<'s>> {
        let mut q = String::new();
        text::fold_into(query, &mut q);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let tokens: Vec<&str> = q.split(' ').filter(|t| !t.is_empty()).take(16).collect();
        let mut hits = Hits::new(skills.len());

        self.contiguous(&tokens, limit, &mut hits);
        if hits.found.len() < limit && tokens.len() > 1 {
            self.all_words(&tokens, &mut hits);
        }
        if hits.found.len() < limit {
            self.substring(&tokens, &mut hits);
        }
        if hits.found.len() < limit {
            self.fuzzy(&tokens, false, &mut hits);
        }
        if hits.found.is_empty() {
            self.fuzzy(&tokens, true, &mut hits);
        }
        self.finish(skills, languages, hits, limit)
    }

    /// Tier 1: the query at the start of a word (exact, prefix, word prefix).
    fn contiguous(&self, tokens: &[&str], limit: usize, hits: &mut Hits) {
        let Some((&last, init)) = tokens.split_last() else {
            return;
        };
        if init.is_empty() {
            // Labels starting with the word first: when they are enough, a word inside a
            // label (a lower tier) cannot make the cut.
            let range = self.prefix_range(last);
            for initial in [true, false] {
                if !initial && hits.found.len() >= limit {
                    break;
                }
                for w in range.clone() {
                    let (first, inner) = self.postings_split(w);
                    for &p in if initial { first } else { inner } {
                        let Some(e) = self.entries.get((p >> 8) as usize) else {
                            continue;
                        };
                        let tier = match (p & 0xff, e.len as usize == last.len()) {
                            (0, true) => Tier::Exact,
                            (0, false) => Tier::Prefix,
                            _ => Tier::WordPrefix,
                        };
                        let score = score_of(tier, 0, e.preferred, e.len as usize);
                        hits.offer(p >> 8, e, score, w);
                    }
                }
            }
            return;
        }
        // Several words: all but the last are whole words of the label, one after the
        // other, and the last starts the next word.
        let mut sets: Vec<WordSet> = Vec::with_capacity(tokens.len());
        for t in init {
            match self.word_id(t) {
                Some(id) => sets.push(WordSet::Range(id..id + 1)),
                None => return,
            }
        }
        sets.push(WordSet::Range(self.prefix_range(last)));
        self.find_runs(&sets, |e_id, e, wi, end| {
            let tier = if wi > 0 {
                Tier::WordPrefix
            } else if e.words_len as usize == sets.len()
                && self.words.get(end as usize).is_some_and(|w| **w == *last)
            {
                Tier::Exact
            } else {
                Tier::Prefix
            };
            let score = score_of(tier, 0, e.preferred, e.len as usize);
            hits.offer(e_id, e, score, end);
        });
    }

    /// Calls `found(entry id, entry, position, last word)` for each run of consecutive
    /// label words, the first in `sets[0]`, the next in `sets[1]` and so on. Walks the
    /// postings of the set with the fewest.
    fn find_runs(&self, sets: &[WordSet], mut found: impl FnMut(u32, &Entry, usize, u32)) {
        let n = sets.len();
        let Some((j, driver)) = sets
            .iter()
            .enumerate()
            .min_by_key(|(_, set)| set.iter().map(|w| self.postings_of(w).len()).sum::<usize>())
        else {
            return;
        };
        for w in driver.iter() {
            for &p in self.postings_of(w) {
                let e_id = p >> 8;
                let Some(e) = self.entries.get(e_id as usize) else {
                    continue;
                };
                let ids = self.word_ids(e);
                let recorded = (p & 0xff) as usize;
                // Word positions past 255 are not recorded exactly: try them all.
                let positions = if recorded == 255 {
                    255..ids.len()
                } else {
                    recorded..recorded + 1
                };
                for at in positions {
                    let Some(wi) = at.checked_sub(j) else {
                        continue;
                    };
                    let Some(run) = ids.get(wi..wi + n) else {
                        continue;
                    };
                    if run.iter().zip(sets).all(|(id, set)| set.contains(*id)) {
                        found(e_id, e, wi, run.last().copied().unwrap_or(NO_GROUP));
                    }
                }
            }
        }
    }

    /// Tier 2: every query word starts a word of the label, in any order.
    fn all_words(&self, tokens: &[&str], hits: &mut Hits) {
        let ranges: Vec<std::ops::Range<u32>> =
            tokens.iter().map(|t| self.prefix_range(t)).collect();
        if ranges.iter().any(|r| r.is_empty()) {
            return;
        }
        let Some(driver) = ranges.iter().min_by_key(|r| self.postings_total(r)) else {
            return;
        };
        for e_id in self.entries_of(driver.clone()) {
            let Some(e) = self.entries.get(e_id as usize) else {
                continue;
            };
            let ids = self.word_ids(e);
            if ranges.iter().all(|r| ids.iter().any(|id| r.contains(id))) {
                let score = score_of(Tier::Words, 0, e.preferred, e.len as usize);
                hits.offer(e_id, e, score, NO_GROUP);
            }
        }
    }

    /// Tier 3: the query anywhere in the label. One query word: the words that contain
    /// it other than at their start. Several: the first query word ends a longer label
    /// word (else tier 1 had it), the next ones follow as in tier 1.
    fn substring(&self, tokens: &[&str], hits: &mut Hits) {
        let Some((&first, rest)) = tokens.split_first() else {
            return;
        };
        let mut offer = |e_id: u32, e: &Entry| {
            let score = score_of(Tier::Substring, 0, e.preferred, e.len as usize);
            hits.offer(e_id, e, score, NO_GROUP);
        };
        let Some((&last, mids)) = rest.split_last() else {
            for w in self.words_containing(first) {
                for &p in self.postings_of(w) {
                    if let Some(e) = self.entries.get((p >> 8) as usize) {
                        offer(p >> 8, e);
                    }
                }
            }
            return;
        };
        let mut sets: Vec<WordSet> = Vec::with_capacity(tokens.len());
        sets.push(WordSet::List(self.words_ending_with(first)));
        for t in mids {
            match self.word_id(t) {
                Some(id) => sets.push(WordSet::Range(id..id + 1)),
                None => return,
            }
        }
        sets.push(WordSet::Range(self.prefix_range(last)));
        self.find_runs(&sets, |e_id, e, _, _| offer(e_id, e));
    }

    /// Tier 4: every query word starts a label word, allowing typos; a function word of
    /// the query ("of", "de") may be missing, at the cost of two typos. With `partial`,
    /// half of the other words may be missing too (at the same cost): the last resort
    /// when nothing matched.
    fn fuzzy(&self, tokens: &[&str], partial: bool, hits: &mut Hits) {
        let n_words = self.words.len();
        // Per query word: the cost (typos) of each dictionary word (255 = no match), and
        // whether the word may be missing.
        let mut costs: Vec<(Vec<u8>, bool)> = Vec::with_capacity(tokens.len());
        // The matching words of each word that must match, with their postings count.
        let mut required: Vec<(usize, Vec<u32>)> = Vec::with_capacity(tokens.len());
        for (i, &t) in tokens.iter().enumerate() {
            let is_last = i + 1 == tokens.len();
            let mut cost = vec![u8::MAX; n_words];
            let mut matched = Vec::new();
            for w in self.prefix_range(t) {
                if let Some(c) = cost.get_mut(w as usize) {
                    *c = 0;
                    matched.push(w);
                }
            }
            let max = max_typos(t);
            let query_bytes = byte_set(t.as_bytes());
            if max > 0 {
                for w in self.typo_candidates(t) {
                    if cost.get(w as usize).is_some_and(|&c| c == 0) {
                        continue;
                    }
                    // (see `typos`: a word missing more of the query's bytes is too far)
                    let set = self.byte_sets.get(w as usize).copied().unwrap_or(u64::MAX);
                    if (query_bytes & !set).count_ones() as usize > max {
                        continue;
                    }
                    let Some(word) = self.words.get(w as usize) else {
                        continue;
                    };
                    if let Some(d) = typos(t, word, max, is_last) {
                        if let Some(c) = cost.get_mut(w as usize) {
                            *c = d as u8;
                            matched.push(w);
                        }
                    }
                }
            }
            let optional = is_stopword(t);
            if !optional {
                let n: usize = matched.iter().map(|&w| self.postings_of(w).len()).sum();
                required.push((n, matched));
            }
            costs.push((cost, optional));
        }
        if required.is_empty() || (partial && required.len() < 2) {
            return;
        }
        // A label must match at least `need` of the required words, so it has a posting
        // of one of the `required.len() - need + 1` rarest.
        let need = if partial {
            required.len().div_ceil(2)
        } else {
            required.len()
        };
        required.sort_by_key(|(n, _)| *n);
        let mut candidates: Vec<u32> = required
            .iter()
            .take(required.len() - need + 1)
            .flat_map(|(_, ws)| ws.iter())
            .flat_map(|&w| self.postings_of(w).iter().map(|p| p >> 8))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for e_id in candidates {
            let Some(e) = self.entries.get(e_id as usize) else {
                continue;
            };
            let ids = self.word_ids(e);
            let mut total = 0u32;
            let mut missing = 0usize;
            for (cost, optional) in &costs {
                let best = ids
                    .iter()
                    .filter_map(|&id| cost.get(id as usize).copied())
                    .min()
                    .unwrap_or(u8::MAX);
                match best {
                    u8::MAX if *optional => total += 2,
                    u8::MAX => {
                        missing += 1;
                        total += 2;
                    }
                    d => total += u32::from(d),
                }
            }
            if required.len() - missing.min(required.len()) >= need {
                let score = score_of(Tier::Fuzzy, total, e.preferred, e.len as usize);
                hits.offer(e_id, e, score, NO_GROUP);
            }
        }
    }

    /// The words that may be `t` with a typo: those with the same first letter, or with
    /// the first two letters swapped (a typo in the first letter is not looked for).
    fn typo_candidates(&self, t: &str) -> impl Iterator<Item = u32> {
        let mut chars = t.char_indices();
        let first = chars.next().map(|(_, c)| c);
        let second = chars.next().map(|(_, c)| c);
        let same = first.map(|c| self.prefix_range(c.encode_utf8(&mut [0; 4])));
        let swapped = match (first, second) {
            (Some(a), Some(b)) if a != b => Some(self.prefix_range(&format!("{b}{a}"))),
            _ => None,
        };
        same.into_iter()
            .flatten()
            .chain(swapped.into_iter().flatten())
    }

    /// The entries with a posting in a range of words, without repeats.
    fn entries_of(&self, words: std::ops::Range<u32>) -> Vec<u32> {
        let mut out: Vec<u32> = words
            .flat_map(|w| self.postings_of(w).iter().map(|p| p >> 8))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Diversifies, ranks and turns the best hits into matches.
    fn finish<'s>(
        &self,
        skills: &'s [Skill],
        languages: &[(&'static str, &'s LanguageLabels)],
        hits: Hits,
        limit: usize,
    ) -> Vec<SkillMatch<'s>> {
        let Hits {
            score,
            entry,
            group,
            found,
        } = hits;
        // The best skill of each completion group gets the diversity bit.
        let mut group_best: text::FxMap<u32, (u32, u32)> = text::fx_map(64);
        for &s in &found {
            let (Some(&g), Some(&sc)) = (group.get(s as usize), score.get(s as usize)) else {
                continue;
            };
            if g == NO_GROUP {
                continue;
            }
            let slot = group_best.entry(g).or_insert((sc, s));
            if sc > slot.0 || (sc == slot.0 && s < slot.1) {
                *slot = (sc, s);
            }
        }
        let mut ranked: Vec<(u32, u32)> = found
            .iter()
            .filter_map(|&s| {
                let sc = *score.get(s as usize)?;
                let g = *group.get(s as usize)?;
                let diverse = g == NO_GROUP || group_best.get(&g).is_some_and(|b| b.1 == s);
                Some((if diverse { sc | DIVERSE_BIT } else { sc }, s))
            })
            .collect();
        let key = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, key);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(key);
        ranked
            .into_iter()
            .filter_map(|(sc, s)| {
                let e = self.entries.get(*entry.get(s as usize)? as usize)?;
                let skill = skills.get(e.skill as usize)?;
                let &(lang, labels) = languages.get(usize::from(e.lang))?;
                let label = if e.preferred {
                    labels.pref_of(e.skill)?
                } else {
                    labels.alts_of(e.skill).get(e.label as usize)?
                };
                Some(SkillMatch {
                    skill,
                    label,
                    lang,
                    preferred: e.preferred,
                    score: sc,
                })
            })
            .collect()
    }
}

/// A set of word ids: a range of the sorted words (a prefix), or a sorted list.
enum WordSet {
    Range(std::ops::Range<u32>),
    List(Vec<u32>),
}

impl WordSet {
    fn contains(&self, id: u32) -> bool {
        match self {
            WordSet::Range(r) => r.contains(&id),
            WordSet::List(l) => l.binary_search(&id).is_ok(),
        }
    }

    fn iter(&self) -> Box<dyn Iterator<Item = u32> + '_> {
        match self {
            WordSet::Range(r) => Box::new(r.clone()),
            WordSet::List(l) => Box::new(l.iter().copied()),
        }
    }
}

/// The best hit so far per skill.
struct Hits {
    /// Per skill: best score (0 = not found), its entry, its completion group.
    score: Vec<u32>,
    entry: Vec<u32>,
    group: Vec<u32>,
    /// Skills found, in the order found.
    found: Vec<u32>,
}

impl Hits {
    fn new(n: usize) -> Hits {
        Hits {
            score: vec![0; n],
            entry: vec![0; n],
            group: vec![NO_GROUP; n],
            found: Vec::new(),
        }
    }

    fn offer(&mut self, e_id: u32, e: &Entry, score: u32, group: u32) {
        let s = e.skill as usize;
        let (Some(best), Some(entry), Some(g)) = (
            self.score.get_mut(s),
            self.entry.get_mut(s),
            self.group.get_mut(s),
        ) else {
            return;
        };
        if *best == 0 {
            self.found.push(e.skill);
        }
        if score > *best {
            *best = score;
            *entry = e_id;
            *g = group;
        }
    }
}

/// Typos allowed in a query word: none up to 3 letters, one up to 7, then two.
fn max_typos(t: &str) -> usize {
    match t.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Typos between query word `t` and dictionary word `word`, when at most `max`: the
/// whole word, or (for the last query word, which may be unfinished) its start.
fn typos(t: &str, word: &str, max: usize, is_last: bool) -> Option<usize> {
    let (tb, wb) = (t.as_bytes(), word.as_bytes());
    let whole_possible = wb.len().abs_diff(tb.len()) <= max;
    let start_possible = is_last && wb.len() > tb.len();
    if !whole_possible && !start_possible {
        return None;
    }
    // typos rarely hit both of the first two letters
    let (t0, t1) = (tb.first(), tb.get(1));
    let (w0, w1) = (wb.first(), wb.get(1));
    if t0 != w0 && t1 != w1 && t0 != w1 {
        return None;
    }
    // for the start of a longer word, the columns past the query's length plus `max`
    // cannot matter
    let cols = if whole_possible {
        wb.len()
    } else {
        wb.len().min(tb.len() + max + 1)
    };
    let compared = wb.get(..cols)?;
    // each byte of the query missing from the compared part costs an edit at least
    if (byte_set(tb) & !byte_set(compared)).count_ones() as usize > max {
        return None;
    }
    let last_row = osa_last_row(tb, compared, max)?;
    let at = |j: usize| last_row.get(j).copied().map(usize::from);
    let mut best = if whole_possible && cols == wb.len() {
        at(cols)
    } else {
        None
    };
    if start_possible {
        // an unfinished word: its start, one letter shorter or longer than the query
        for j in tb.len().saturating_sub(1).max(1)..=tb.len() + 1 {
            if j < wb.len() {
                best = match (best, at(j)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
    }
    best.filter(|&d| d <= max)
}

/// The characters of word `id` of `words`, last first.
fn backwards(words: &[Box<str>], id: u32) -> std::iter::Rev<std::str::Chars<'_>> {
    words.get(id as usize).map_or("", |w| w).chars().rev()
}

/// The [`byte_set`] of each word.
fn byte_sets(words: &[Box<str>]) -> Vec<u64> {
    words.iter().map(|w| byte_set(w.as_bytes())).collect()
}

/// The bytes of `bytes`, each as bit `byte % 64` (two bytes may share a bit).
fn byte_set(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |set, &b| set | 1 << (b % 64))
}

/// Longest word compared for typos (longer words are left to the other tiers).
const MAX_WORD: usize = 47;

/// The last row of the optimal-string-alignment table of `a` against `b` (the distance
/// from `a` to each prefix of `b`), or `None` when every cell of some row exceeds `max`
/// (then no prefix of `b` is within `max`) or a word is longer than [`MAX_WORD`]. Only
/// the band `|i - j| <= max` is computed; cells outside it read as `max + 1`.
fn osa_last_row(a: &[u8], b: &[u8], max: usize) -> Option<[u8; MAX_WORD + 1]> {
    let n = b.len();
    if n > MAX_WORD || a.len() > MAX_WORD || max >= MAX_WORD {
        return None;
    }
    let far = max as u8 + 1;
    let mut prev2 = [far; MAX_WORD + 1];
    let mut prev = [far; MAX_WORD + 1];
    let mut cur = [far; MAX_WORD + 1];
    for (j, cell) in prev.iter_mut().enumerate().take(n.min(max) + 1) {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(n);
        cur[0] = if i <= max { i as u8 } else { far };
        if lo > 1 {
            cur[lo - 1] = far;
        }
        let mut row_min = cur[0];
        for j in lo..=hi {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            let v = v.min(far);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < n {
            cur[hi + 1] = far;
        }
        if usize::from(row_min) > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    Some(prev)
}

/// Optimal-string-alignment distance between byte strings, `None` when above `max`.
#[cfg(test)]
fn bounded_osa(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let row = osa_last_row(a, b, max)?;
    let d = usize::from(*row.get(b.len())?);
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::super::esco::esco;
    use super::*;

    fn labels(query: &str, n: usize) -> Vec<String> {
        esco()
            .search(query, n)
            .into_iter()
            .map(|m| m.label.to_string())
            .collect()
    }

    fn rank_of(query: &str, pref_en: &str, n: usize) -> Option<usize> {
        esco()
            .search(query, n)
            .iter()
            .position(|m| m.skill.pref_label_en == pref_en)
    }

    const FAIR: &str = "manage findable accessible interoperable and reusable data";

    #[test]
    fn exact_label_first() {
        let hits = esco().search("manage musical staff", 10);
        assert_eq!(hits[0].label, "manage musical staff");
        assert!(hits[0].preferred);
        assert_eq!(hits[0].lang, "en");
    }

    #[test]
    fn word_prefixes_find_the_fair_skill_near_the_top() {
        let at = rank_of("manage fin", FAIR, 50).expect("found");
        assert!(
            at <= 2,
            "FAIR skill at {at}: {:?}",
            labels("manage fin", 10)
        );
        assert_eq!(rank_of("manage findable", FAIR, 50), Some(0));
        // a word prefix in the middle of the label, and abbreviated words in any order
        assert!(rank_of("findable acc", FAIR, 10).is_some());
        assert!(rank_of("fin reus", FAIR, 10).is_some());
        assert_eq!(
            rank_of("reusable data", FAIR, 50).map(|r| r < 10),
            Some(true)
        );
    }

    #[test]
    fn prefix_beats_word_prefix_beats_substring() {
        let hits = esco().search("data", 200);
        let tier = |m: &SkillMatch<'_>| m.score >> 28;
        // scores never increase
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        let first_word_prefix = hits.iter().position(|m| tier(m) == Tier::WordPrefix as u32);
        let last_prefix = hits.iter().rposition(|m| tier(m) >= Tier::Prefix as u32);
        if let (Some(a), Some(b)) = (first_word_prefix, last_prefix) {
            assert!(b < a);
        }
        for m in &hits {
            let folded = {
                let mut s = String::new();
                text::fold_into(m.label, &mut s);
                s
            };
            match tier(m) {
                6 => assert_eq!(folded, "data"),
                5 => assert!(folded.starts_with("data")),
                4 => assert!(folded.contains(" data")),
                t => panic!("tier {t} for {:?}", m.label),
            }
        }
        // "gineer" is never at a word start: substring tier
        let hits = esco().search("gineer", 5);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|m| m.score >> 28 == Tier::Substring as u32
            && m.label.to_lowercase().contains("gineer")));
    }

    #[test]
    fn preferred_above_alternative_and_shorter_above_longer() {
        let folded_len = |l: &str| {
            let mut f = String::new();
            text::fold_into(l, &mut f);
            f.len()
        };
        for q in [
            "manage", "gérer", "apply", "data", "teach", "sofware", "gineer",
        ] {
            let hits = esco().search(q, 50);
            for w in hits.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                if a.score >> 25 == b.score >> 25 {
                    // same tier and typos: preferred first
                    assert!(a.preferred >= b.preferred, "{q}: {a:?} / {b:?}");
                }
                if a.score >> 23 == b.score >> 23 {
                    // and the same diversity: shorter first
                    assert!(
                        folded_len(a.label) <= folded_len(b.label),
                        "{q}: {a:?} / {b:?}"
                    );
                }
            }
        }
        // the exact word as an alternative label still beats longer preferred labels
        let hits = esco().search("python", 5);
        assert_eq!(hits[0].skill.pref_label_en, "Python (computer programming)");
    }

    #[test]
    fn one_hit_per_skill() {
        for q in ["a", "manage", "données", "pyhton"] {
            let hits = esco().search(q, 200);
            let mut iris: Vec<&str> = hits.iter().map(|m| m.skill.iri).collect();
            let n = iris.len();
            iris.sort_unstable();
            iris.dedup();
            assert_eq!(n, iris.len(), "{q}");
        }
    }

    #[test]
    fn case_and_accent_insensitive_in_every_language() {
        let a = labels("GERER LE PERSONNEL MUSICAL", 3);
        assert_eq!(
            a.first().map(String::as_str),
            Some("gérer le personnel musical")
        );
        assert_eq!(labels("gérer le personnel musical", 3), a);
        let fr = esco().search("gérer le person", 10);
        assert!(fr.iter().any(|m| m.lang == "fr"));
    }

    #[test]
    fn typos_are_tolerated() {
        assert_eq!(
            rank_of("pyhton", "Python (computer programming)", 10),
            Some(0),
            "{:?}",
            labels("pyhton", 10)
        );
        let hits = esco().search("mange of musical staf", 10);
        assert!(
            hits.iter()
                .any(|m| m.skill.pref_label_en == "manage musical staff"),
            "{:?}",
            labels("mange of musical staf", 10)
        );
        assert!(!esco().search("finadble", 10).is_empty());
    }

    #[test]
    fn short_queries_fill_the_limit_with_diverse_words() {
        let hits = esco().search("a", 50);
        assert_eq!(hits.len(), 50);
        let firsts: std::collections::HashSet<&str> = hits
            .iter()
            .map(|m| m.label.split(' ').next().unwrap_or(""))
            .collect();
        assert!(firsts.len() > 20, "{firsts:?}");
    }

    #[test]
    fn empty_and_odd_queries() {
        assert!(esco().search("", 10).is_empty());
        assert!(esco().search("  ()  ", 10).is_empty());
        assert!(esco().search("data", 0).is_empty());
        assert!(esco().search("zzzzqqqxxx", 10).is_empty());
        for q in [
            "\"",
            "a b c d e f g h i j k l m n o p q r s",
            "ǅ",
            "\u{0}",
            "é",
        ] {
            let _ = esco().search(q, 10);
        }
    }

    #[test]
    fn agrees_with_the_linear_scan_on_what_contains_the_query() {
        // every skill the baseline finds for a plain word is found too (limit permitting)
        for q in ["ornitholog", "sommelier"] {
            let fast: Vec<&str> = esco().search(q, 1000).iter().map(|m| m.skill.iri).collect();
            for m in esco().search_linear(q, 1000) {
                assert!(fast.contains(&m.skill.iri), "{q}: {}", m.label);
            }
        }
    }

    #[test]
    fn the_bundled_index_is_the_index_of_the_bundled_skills() {
        let skills = esco().skills();
        let languages = esco().languages();
        let encoded = encode_all(esco());
        if std::env::var_os("LAUREL_BLESS").is_some() && encoded != BUNDLED {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../stdlib/esco/search-index.bin"
            );
            std::fs::write(path, &encoded).expect("write the bundled index");
        } else {
            assert!(
                encoded == BUNDLED,
                "stdlib/esco/search-index.bin is not the index of the bundled skills: \
                 write it anew with LAUREL_BLESS=1 cargo test -p laurel --lib vocab::search"
            );
        }
        for lang in languages {
            let labels = esco().labels_in(lang).expect("a language of the index");
            let built = SearchIndex::build(&[labels]);
            assert!(!built.entries.is_empty(), "{lang}");
            let [count, entries] = fingerprint(skills, labels);
            assert_eq!(
                SearchIndex::decode(&encoded, [count, entries], lang).as_ref(),
                Some(&built)
            );
            // for other skills or labels it is refused
            assert!(SearchIndex::decode(&encoded, [count - 1, entries], lang).is_none());
            assert!(SearchIndex::decode(&encoded, [count, entries + 1], lang).is_none());
        }
        let english = fingerprint(skills, esco().labels_in("en").expect("English"));
        assert!(SearchIndex::decode(&encoded, english, "de").is_none());
    }

    #[test]
    fn a_damaged_index_is_refused() {
        let english = fingerprint(esco().skills(), esco().labels_in("en").expect("English"));
        assert!(SearchIndex::decode(&[], english, "en").is_none());
        assert!(SearchIndex::decode(MAGIC, english, "en").is_none());
        for cut in [9, 100, BUNDLED.len() / 2, BUNDLED.len() - 1] {
            let part = BUNDLED.get(..cut).unwrap_or(&[]);
            assert!(SearchIndex::decode(part, english, "en").is_none(), "{cut}");
        }
        let mut longer = BUNDLED.to_vec();
        longer.push(0);
        assert!(SearchIndex::decode(&longer, english, "en").is_none());
    }

    #[test]
    fn a_search_in_a_language_offers_its_labels_first_then_english_ones() {
        let fr = esco().search_in("gérer le person", "fr", 10);
        assert!(!fr.is_empty());
        assert!(fr.iter().all(|m| m.lang == "fr"), "{fr:?}");
        // a French label typed in an English document is found when no English one
        // has the words
        let typed = esco().search_in("gérer le personnel mus", "en", 10);
        assert_eq!(typed[0].label, "gérer le personnel musical");
        // an English label typed in a French document is still offered
        let en = esco().search_in("manage musical staff", "fr", 50);
        assert!(en
            .iter()
            .any(|m| m.lang == "en" && m.label == "manage musical staff"));
        let first_english = en.iter().position(|m| m.lang == "en").unwrap_or(en.len());
        assert!(
            en.iter().skip(first_english).all(|m| m.lang == "en"),
            "{en:?}"
        );
        // English only in an English document, when English labels have the words
        let only = esco().search_in("manage musical", "en", 10);
        assert!(only.iter().all(|m| m.lang == "en"), "{only:?}");
        // a language the index lacks searches them all
        assert_eq!(
            esco().search_in("gérer le person", "pl", 10),
            esco().search("gérer le person", 10)
        );
    }

    #[test]
    fn osa_bounds() {
        assert_eq!(bounded_osa(b"pyhton", b"python", 1), Some(1));
        assert_eq!(bounded_osa(b"abc", b"abc", 0), Some(0));
        assert_eq!(bounded_osa(b"abc", b"xyz", 2), None);
        assert_eq!(bounded_osa(b"", b"ab", 2), Some(2));
        assert_eq!(typos("finad", "findable", 1, true), Some(1));
        assert_eq!(typos("finad", "findable", 1, false), None);
    }

    proptest::proptest! {
        #[test]
        fn banded_osa_agrees_with_strsim(a in "[abc]{0,9}", b in "[abc]{0,9}", max in 0usize..3) {
            let d = strsim::osa_distance(&a, &b);
            let want = (d <= max).then_some(d);
            proptest::prop_assert_eq!(bounded_osa(a.as_bytes(), b.as_bytes(), max), want);
        }

        #[test]
        fn decoding_any_bytes_is_total(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let mut bytes = MAGIC.to_vec();
            put(&mut bytes, 1);
            put(&mut bytes, 2);
            bytes.extend_from_slice(b"en");
            put(&mut bytes, u32::try_from(tail.len()).unwrap_or(0));
            bytes.extend(tail);
            let english = fingerprint(esco().skills(), esco().labels_in("en").expect("English"));
            let _ = SearchIndex::decode(&bytes, english, "en");
        }

        #[test]
        fn search_is_total(query in "\\PC{0,30}", limit in 0usize..60) {
            let hits = esco().search(&query, limit);
            proptest::prop_assert!(hits.len() <= limit);
            proptest::prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}
