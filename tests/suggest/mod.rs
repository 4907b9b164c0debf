//! The evaluation of ESCO skill suggestions: the labelled outcomes of `outcomes.tsv`
//! (how they were made: `README.md` here), ranked by a naive baseline and by
//! `laurel::vocab::suggest`'s rankings, and the primary skill's recall@1, @5, @10 and
//! mean reciprocal rank, overall and per language. Run by `tests/tests/suggest.rs` (the
//! targets) and printed by `cargo run --release -p laurel-conformance --bin suggest-eval`.

use std::collections::{BTreeMap, HashMap, HashSet};

use laurel::vocab::esco::EscoIndex;
use laurel::vocab::suggest::{OutcomeQuery, Ranking};
use laurel_rank::Analyzer;

/// One labelled outcome.
#[derive(Debug, Clone)]
pub struct Case {
    /// `en-001`.
    pub id: String,
    /// `en`, `fr`, `de`.
    pub language: String,
    /// The outcome's text.
    pub outcome: String,
    /// The credential's title.
    pub title: String,
    /// The ESCO skill a designer would link first.
    pub primary: String,
    /// Other acceptable skills.
    pub also: Vec<String>,
}

/// The labelled outcomes.
pub fn cases() -> Vec<Case> {
    let text = include_str!("outcomes.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(id), Some(language), Some(outcome), Some(title), Some(primary), Some(also)) = (
        column("id"),
        column("language"),
        column("outcome"),
        column("title"),
        column("primary"),
        column("also"),
    ) else {
        return Vec::new();
    };
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |k: usize| cells.get(k).copied().unwrap_or_default().trim().to_string();
            Case {
                id: cell(id),
                language: cell(language),
                outcome: cell(outcome),
                title: cell(title),
                primary: cell(primary),
                also: cell(also)
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// How the skills are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The count of the outcome's words (stop words left out) that the preferred label
    /// has; ties to the shorter label, then file order.
    Naive,
    /// One of Laurel's rankings.
    Laurel(Ranking),
}

/// The measures of one method over some cases.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    /// The number of cases.
    pub cases: usize,
    /// Share of cases with the primary skill first.
    pub recall_1: f64,
    /// Share with the primary skill in the first 5.
    pub recall_5: f64,
    /// Share with the primary skill in the first 10.
    pub recall_10: f64,
    /// Mean of 1 / the primary skill's rank (0 past the first 100).
    pub mrr: f64,
}

/// How many skills each method ranks.
const DEPTH: usize = 100;

/// The IRIs `method` ranks first for `case`, best first.
pub fn ranked(esco: &EscoIndex, method: Method, case: &Case) -> Vec<&'static str> {
    match method {
        Method::Naive => naive(esco, &LabelWords::of(esco, &case.language), case),
        Method::Laurel(ranking) => {
            let query = OutcomeQuery {
                text: &case.outcome,
                language: &case.language,
                title: Some(&case.title)
                    .filter(|t| !t.is_empty())
                    .map(String::as_str),
            };
            esco.suggest_skills_with(&query, DEPTH, ranking)
                .into_iter()
                .map(|m| m.skill.iri)
                .collect()
        }
    }
}

/// The lower-cased words of `text`, stop words left out.
fn words(text: &str, analyzer: &Analyzer) -> HashSet<String> {
    laurel_rank::analyze::words(text)
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| !analyzer.is_stop_word(w))
        .collect()
}

/// The skills' preferred labels in one language (else English): each word → the skills
/// whose label has it, and each label's length.
pub struct LabelWords {
    analyzer: Analyzer,
    by_word: HashMap<String, Vec<usize>>,
    lengths: Vec<usize>,
}

impl LabelWords {
    fn of(esco: &EscoIndex, language: &str) -> LabelWords {
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut lengths = Vec::new();
        let analyzer = Analyzer::new(language);
        for (i, skill) in esco.skills().iter().enumerate() {
            let label = skill.pref_label(language).unwrap_or(skill.pref_label_en);
            lengths.push(label.len());
            for word in words(label, &analyzer) {
                by_word.entry(word).or_default().push(i);
            }
        }
        LabelWords {
            analyzer,
            by_word,
            lengths,
        }
    }
}

fn naive(esco: &EscoIndex, labels: &LabelWords, case: &Case) -> Vec<&'static str> {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for word in words(&case.outcome, &labels.analyzer) {
        for &i in labels.by_word.get(&word).map_or(&[][..], Vec::as_slice) {
            *shared.entry(i).or_default() += 1;
        }
    }
    let length = |i: usize| labels.lengths.get(i).copied().unwrap_or(usize::MAX);
    let mut scored: Vec<(usize, usize)> = shared.into_iter().collect();
    scored.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(length(a.0).cmp(&length(b.0)))
            .then(a.0.cmp(&b.0))
    });
    scored
        .into_iter()
        .take(DEPTH)
        .filter_map(|(i, _)| esco.skills().get(i).map(|s| s.iri))
        .collect()
}

/// The metrics of `method` over `cases`: `"all"` and each language.
pub fn evaluate(esco: &EscoIndex, method: Method, cases: &[Case]) -> BTreeMap<String, Metrics> {
    let mut sums: BTreeMap<String, Metrics> = BTreeMap::new();
    let mut labels: BTreeMap<&str, LabelWords> = BTreeMap::new();
    for case in cases {
        let ranking = match method {
            Method::Naive => {
                let labels = (labels.entry(&case.language))
                    .or_insert_with(|| LabelWords::of(esco, &case.language));
                naive(esco, labels, case)
            }
            Method::Laurel(_) => ranked(esco, method, case),
        };
        let rank = ranking.iter().position(|iri| *iri == case.primary);
        for key in ["all", case.language.as_str()] {
            let m = sums.entry(key.to_string()).or_default();
            m.cases += 1;
            if let Some(r) = rank {
                let hit = |k: usize| if r < k { 1.0 } else { 0.0 };
                m.recall_1 += hit(1);
                m.recall_5 += hit(5);
                m.recall_10 += hit(10);
                m.mrr += 1.0 / (r as f64 + 1.0);
            }
        }
    }
    for m in sums.values_mut() {
        let n = m.cases.max(1) as f64;
        m.recall_1 /= n;
        m.recall_5 /= n;
        m.recall_10 /= n;
        m.mrr /= n;
    }
    sums
}

/// The methods reported, with their names: the baseline, BM25F, each step added in
/// turn, and the full ranking.
pub fn methods() -> Vec<(&'static str, Method)> {
    let mut steps = Vec::new();
    let mut ranking = Ranking::BM25F;
    steps.push(("naive (shared words with the label)", Method::Naive));
    steps.push((
        "BM25F (labels, alt labels, descriptions)",
        Method::Laurel(ranking),
    ));
    ranking.outcome_words = true;
    steps.push(("+ outcome words weigh little", Method::Laurel(ranking)));
    ranking.phrases = true;
    steps.push(("+ two-word phrases", Method::Laurel(ranking)));
    ranking.coverage = true;
    steps.push(("+ label coverage", Method::Laurel(ranking)));
    ranking.skill_type = true;
    steps.push(("+ verb → skill type", Method::Laurel(ranking)));
    ranking.title = true;
    steps.push(("+ title", Method::Laurel(ranking)));
    ranking.hierarchy = true;
    steps.push((
        "+ broader skills' and groups' labels",
        Method::Laurel(ranking),
    ));
    ranking.reuse_level = true;
    steps.push((
        "+ occupation-specific skills count less",
        Method::Laurel(ranking),
    ));
    debug_assert_eq!(ranking, Ranking::FULL);
    steps
}
