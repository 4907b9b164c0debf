//! Searching ESCO skills by a fragment of a label, for editor completion.

use super::esco::{EscoIndex, Skill};

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

impl EscoIndex {
    /// The best matches for `query`, best first, at most `limit`, one per skill.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SkillMatch<'_>> {
        self.search_linear(query, limit)
    }

    /// The naive baseline: a case-insensitive substring scan over every label, preferred
    /// labels and earlier positions first. Kept to measure [`EscoIndex::search`] against.
    pub fn search_linear(&self, query: &str, limit: usize) -> Vec<SkillMatch<'_>> {
        let query = query.trim().to_lowercase();
        let mut hits: Vec<SkillMatch<'_>> = Vec::new();
        for skill in self.skills() {
            let labels = skill
                .pref_labels
                .iter()
                .map(|(l, s)| (*l, s.as_str(), true))
                .chain(
                    skill
                        .alt_labels
                        .iter()
                        .map(|(l, s)| (*l, s.as_str(), false)),
                );
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
