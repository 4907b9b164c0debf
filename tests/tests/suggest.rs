//! The quality of ESCO skill suggestions on the labelled outcomes of
//! `tests/suggest/outcomes.tsv` (how they were made: `tests/suggest/README.md`; the
//! numbers of each ranking step: BENCHMARKS.md).

use laurel::vocab::suggest::Ranking;
use std::collections::BTreeMap;

use laurel_conformance::suggest::{cases, evaluate, Method, Metrics};

#[test]
fn the_labelled_set_is_complete_and_names_known_skills() {
    let cases = cases();
    let count = |language: &str| cases.iter().filter(|c| c.language == language).count();
    assert!(cases.len() >= 150, "{} outcomes", cases.len());
    assert!(count("en") >= 100 && count("fr") >= 25 && count("de") >= 25);
    let esco = laurel::vocab::esco();
    for case in &cases {
        for iri in std::iter::once(&case.primary).chain(&case.also) {
            assert!(
                esco.by_iri(iri).is_some(),
                "{}: {iri} is not an ESCO skill",
                case.id
            );
        }
        assert!(!case.outcome.is_empty(), "{}", case.id);
    }
}

/// The naive baseline, BM25F and the full ranking, each evaluated once: the full ranking
/// finds the primary skill in its first 5 at least twice as often as the naive one
/// (overall and in English), BM25F and the full ranking keep the English recall@5 they
/// were measured at (BENCHMARKS.md: 0.391 and 0.464 on 138 English outcomes), and the
/// steps after BM25F add to it.
#[test]
fn suggestions_find_the_designers_skills_twice_as_often_as_shared_words() {
    let cases = cases();
    let esco = laurel::vocab::esco();
    let naive = evaluate(esco, Method::Naive, &cases);
    let bm25f = evaluate(esco, Method::Laurel(Ranking::BM25F), &cases);
    let full = evaluate(esco, Method::Laurel(Ranking::FULL), &cases);
    let recall_5 =
        |m: &BTreeMap<String, Metrics>, language: &str| m.get(language).map_or(0.0, |m| m.recall_5);
    for language in ["all", "en"] {
        let (naive, full) = (recall_5(&naive, language), recall_5(&full, language));
        assert!(
            full >= 2.0 * naive,
            "{language}: recall@5 {full:.3} against the naive {naive:.3}"
        );
    }
    let (bm25f, full) = (recall_5(&bm25f, "en"), recall_5(&full, "en"));
    assert!(bm25f >= 0.38, "BM25F recall@5 {bm25f:.3}");
    assert!(
        full >= 0.45 && full > bm25f,
        "full recall@5 {full:.3} (BM25F {bm25f:.3})"
    );
}
