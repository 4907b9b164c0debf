//! ESCO skills for a learning outcome, from its text: each language's labels,
//! alternative labels, descriptions and the labels of each skill's broader skills and
//! groups in a BM25F index (`laurel-rank`), built on first use; a query made of the
//! outcome's words (the words every outcome statement has weighing little), its two-word
//! phrases and the credential's title; then what the outcome's first verb says of the kind
//! of skill, how much of a label the outcome covers, and a lower weight for skills of one
//! occupation.
//!
//! Each step can be turned off ([`Ranking`]), so that each is measured
//! (`tests/suggest/`, BENCHMARKS.md).

use std::collections::HashSet;
use std::sync::OnceLock;

use laurel_rank::{Analyzer, Bm25f, FieldParams, Index, IndexBuilder, QueryTerm, Scores, Token};

use super::esco::{EscoIndex, Skill};

/// The outcome, and what else is known of the credential it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeQuery<'a> {
    /// The outcome's text.
    pub text: &'a str,
    /// Its language (`"en"`, `"de"`); a language the index has no labels in is matched
    /// against the English labels.
    pub language: &'a str,
    /// The credential's title, if any.
    pub title: Option<&'a str>,
}

/// One suggested skill.
#[derive(Debug, Clone)]
pub struct SuggestedSkill<'a> {
    /// The skill.
    pub skill: &'a Skill,
    /// Its score (higher is better; comparable within one query only).
    pub score: f32,
    /// The outcome's words that matched the skill, in the outcome's order.
    pub matched: Vec<String>,
    /// The language of the labels matched.
    pub language: &'static str,
}

impl SuggestedSkill<'_> {
    /// The skill's preferred label in the language matched, else in English.
    pub fn label(&self) -> &'static str {
        self.skill
            .pref_label(self.language)
            .unwrap_or(self.skill.pref_label_en)
    }
}

/// What a ranking takes into account. [`Ranking::FULL`] is what Laurel uses;
/// [`Ranking::BM25F`] is the plain lexical baseline; each flag is one step measured on
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranking {
    /// The skills' descriptions are a field (else labels only).
    pub descriptions: bool,
    /// Two words in a row that are two words in a row of a label count extra.
    pub phrases: bool,
    /// Words every outcome statement has ("able", "demonstrate", "basic") count little.
    pub outcome_words: bool,
    /// The credential's title counts a little.
    pub title: bool,
    /// A skill whose preferred label the outcome covers counts more.
    pub coverage: bool,
    /// An outcome that starts with "explain", "describe", ... favours knowledge, any
    /// other verb skills.
    pub skill_type: bool,
    /// Each skill's broader skills and skill groups lend it their labels.
    pub hierarchy: bool,
    /// Skills specific to one occupation count less (outcomes of short courses are
    /// rarely about one occupation's own skills).
    pub reuse_level: bool,
}

impl Ranking {
    /// BM25F over labels, alternative labels and descriptions, nothing else.
    pub const BM25F: Ranking = Ranking {
        descriptions: true,
        phrases: false,
        outcome_words: false,
        title: false,
        coverage: false,
        skill_type: false,
        hierarchy: false,
        reuse_level: false,
    };

    /// Everything.
    pub const FULL: Ranking = Ranking {
        descriptions: true,
        phrases: true,
        outcome_words: true,
        title: true,
        coverage: true,
        skill_type: true,
        hierarchy: true,
        reuse_level: true,
    };
}

const PREF: usize = 0;
const ALT: usize = 1;
const DESCRIPTION: usize = 2;
const PHRASE: usize = 3;
const BROADER: usize = 4;
const FIELDS: usize = 5;

/// How much a title word counts against an outcome word.
const TITLE_WEIGHT: f32 = 0.25;
/// How much a word every outcome has counts.
const OUTCOME_WORD_WEIGHT: f32 = 0.2;
/// How much a two-word phrase counts against one word.
const PHRASE_WEIGHT: f32 = 0.6;
/// The most a fully covered preferred label adds to a skill's score, as a share of it.
const COVERAGE_BOOST: f32 = 0.35;
/// The reuse level of skills specific to one occupation, and their factor.
const OCCUPATION_SPECIFIC: &str = "occupation-specific";
const OCCUPATION_SPECIFIC_FACTOR: f32 = 0.7;
/// The factor of a skill of the kind the outcome's verb asks for.
const SKILL_TYPE_BOOST: f32 = 1.12;

/// The indexes of each language of one ESCO index, built on first use.
#[derive(Debug)]
pub(crate) struct SuggestIndexes {
    by_language: Vec<OnceLock<LanguageIndex>>,
}

impl SuggestIndexes {
    pub(crate) fn new(languages: usize) -> SuggestIndexes {
        SuggestIndexes {
            by_language: (0..languages).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// One language's fields of every skill.
#[derive(Debug)]
struct LanguageIndex {
    language: &'static str,
    analyzer: Analyzer,
    index: Index,
    /// The terms of each skill's preferred label (for coverage).
    pref_terms: Vec<Box<[Box<str>]>>,
    outcome_words: HashSet<String>,
    knowledge_verbs: HashSet<String>,
}

impl LanguageIndex {
    fn build(esco: &EscoIndex, language: &'static str) -> LanguageIndex {
        let analyzer = Analyzer::new(language);
        let mut builder = IndexBuilder::new(FIELDS);
        let mut pref_terms = Vec::with_capacity(esco.skills().len());
        let mut add = |doc: u32, field: usize, text: &str| -> Vec<Token> {
            let tokens = analyzer.tokens(text);
            builder.add(doc, field, tokens.iter().map(|t| t.term.as_str()));
            if field == PREF || field == ALT {
                builder.add(doc, PHRASE, phrases(&tokens).iter().map(String::as_str));
            }
            tokens
        };
        for (doc, skill) in (0u32..).zip(esco.skills()) {
            let pref = skill.pref_label(language).map(|l| add(doc, PREF, l));
            pref_terms.push(
                pref.unwrap_or_default()
                    .into_iter()
                    .map(|t| t.term.into())
                    .collect(),
            );
            for alt in skill.alt_labels_in(language) {
                add(doc, ALT, alt);
            }
            if let Some((l, description)) = esco.description_in(skill.iri, language) {
                if l.eq_ignore_ascii_case(language) {
                    add(doc, DESCRIPTION, description);
                }
            }
            for broader in esco.broader_of(skill.iri) {
                if let Some(label) = esco.concept_label(broader, language) {
                    add(doc, BROADER, label);
                }
            }
        }
        let terms_of = |words: &[&str]| -> HashSet<String> {
            words
                .iter()
                .flat_map(|w| analyzer.tokens(w))
                .map(|t| t.term)
                .collect()
        };
        let outcome_words = terms_of(outcome_words(language));
        let knowledge_verbs = terms_of(knowledge_verbs(language));
        LanguageIndex {
            language,
            index: builder.build(),
            pref_terms,
            outcome_words,
            knowledge_verbs,
            analyzer,
        }
    }

    fn params(ranking: Ranking) -> Bm25f {
        let on = |flag: bool, weight: f32| if flag { weight } else { 0.0 };
        let field = |weight: f32, b: f32| FieldParams { weight, b };
        Bm25f {
            k1: 1.2,
            fields: vec![
                field(3.0, 0.6),
                field(1.5, 0.6),
                field(on(ranking.descriptions, 2.0), 0.75),
                field(on(ranking.phrases, 1.0), 0.3),
                field(on(ranking.hierarchy, 0.5), 0.5),
            ],
        }
    }

    /// The query's terms, weighted, and the outcome's tokens.
    fn query(&self, q: &OutcomeQuery, ranking: Ranking) -> (Vec<QueryTerm>, Vec<Token>) {
        let tokens = self.analyzer.tokens(q.text);
        let mut weights: Vec<(String, f32)> = Vec::new();
        let mut add = |term: &str, weight: f32| match weights.iter_mut().find(|(t, _)| t == term) {
            Some((_, w)) => *w = w.max(weight),
            None => weights.push((term.to_string(), weight)),
        };
        for t in &tokens {
            let common = ranking.outcome_words && self.outcome_words.contains(&t.term);
            add(&t.term, if common { OUTCOME_WORD_WEIGHT } else { 1.0 });
        }
        if ranking.phrases {
            for p in phrases(&tokens) {
                add(&p, PHRASE_WEIGHT);
            }
        }
        if let (true, Some(title)) = (ranking.title, q.title) {
            for t in self.analyzer.tokens(title) {
                if !self.outcome_words.contains(&t.term) {
                    add(&t.term, TITLE_WEIGHT);
                }
            }
        }
        let terms = weights
            .into_iter()
            .filter_map(|(term, weight)| {
                let term = self.index.term(&term)?;
                Some(QueryTerm { term, weight })
            })
            .collect();
        (terms, tokens)
    }

    /// The skills for `q`, best first.
    fn rank<'e>(
        &self,
        esco: &'e EscoIndex,
        q: &OutcomeQuery,
        ranking: Ranking,
        limit: usize,
    ) -> Vec<SuggestedSkill<'e>> {
        let (terms, tokens) = self.query(q, ranking);
        self.scores(esco, &terms, &tokens, ranking)
            .top(limit)
            .into_iter()
            .filter_map(|(doc, score)| {
                let skill = esco.skills().get(doc as usize)?;
                Some(SuggestedSkill {
                    skill,
                    score,
                    matched: self.matched_words(doc, q.text, &tokens),
                    language: self.language,
                })
            })
            .collect()
    }

    /// Every skill's score for `terms`, with the factors of `ranking`.
    fn scores(
        &self,
        esco: &EscoIndex,
        terms: &[QueryTerm],
        tokens: &[Token],
        ranking: Ranking,
    ) -> Scores {
        let mut scores = Scores::new(self.index.docs());
        self.index
            .score_into(terms, &Self::params(ranking), &mut scores);
        let knowledge = ranking.skill_type.then(|| self.asks_knowledge(tokens));
        let outcome: HashSet<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        let touched: Vec<u32> = scores.touched().to_vec();
        for doc in touched {
            let mut factor = 1.0;
            if ranking.coverage {
                factor += COVERAGE_BOOST * self.coverage(doc, &outcome);
            }
            if let (Some(knowledge), Some(skill)) = (knowledge, esco.skills().get(doc as usize)) {
                let is_knowledge = skill.skill_type == Some("knowledge");
                if is_knowledge == knowledge {
                    factor *= SKILL_TYPE_BOOST;
                }
            }
            let skill = esco.skills().get(doc as usize);
            if ranking.reuse_level
                && skill.is_some_and(|s| s.reuse_level == Some(OCCUPATION_SPECIFIC))
            {
                factor *= OCCUPATION_SPECIFIC_FACTOR;
            }
            scores.scale(doc, factor);
        }
        scores
    }

    /// The share of the preferred label's terms that the outcome has.
    fn coverage(&self, doc: u32, outcome: &HashSet<&str>) -> f32 {
        let Some(terms) = self.pref_terms.get(doc as usize) else {
            return 0.0;
        };
        if terms.is_empty() {
            return 0.0;
        }
        let covered = terms.iter().filter(|t| outcome.contains(&***t)).count();
        covered as f32 / terms.len() as f32
    }

    /// True when the outcome's first word is a verb of knowing ("explain", "describe").
    fn asks_knowledge(&self, tokens: &[Token]) -> bool {
        tokens
            .iter()
            .find(|t| {
                !self.outcome_words.contains(&t.term) || self.knowledge_verbs.contains(&t.term)
            })
            .is_some_and(|t| self.knowledge_verbs.contains(&t.term))
    }

    /// The outcome's words whose terms the skill has, each once, in order.
    fn matched_words(&self, doc: u32, text: &str, tokens: &[Token]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in tokens {
            let hit = self
                .index
                .term(&t.term)
                .is_some_and(|term| self.index.fields_with(doc, term) & 0b111 != 0);
            let word = text.get(t.start..t.end).unwrap_or_default();
            if hit && !out.iter().any(|w| w == word) {
                out.push(word.to_string());
            }
        }
        out
    }
}

/// The two-term phrases of a run of tokens: terms of words next to each other.
fn phrases(tokens: &[Token]) -> Vec<String> {
    tokens
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if b.position == a.position + 1 => Some(format!("{} {}", a.term, b.term)),
            _ => None,
        })
        .collect()
}

impl EscoIndex {
    /// Up to `limit` skills for a learning outcome, best first, by [`Ranking::FULL`].
    pub fn suggest_skills(&self, q: &OutcomeQuery, limit: usize) -> Vec<SuggestedSkill<'_>> {
        self.suggest_skills_with(q, limit, Ranking::FULL)
    }

    /// Like [`EscoIndex::suggest_skills`], by the given ranking. The labels are those of
    /// the outcome's language when the index has them, else English's.
    pub fn suggest_skills_with(
        &self,
        q: &OutcomeQuery,
        limit: usize,
        ranking: Ranking,
    ) -> Vec<SuggestedSkill<'_>> {
        match self.outcome_index(q.language) {
            Some(index) => index.rank(self, q, ranking, limit),
            None => Vec::new(),
        }
    }

    /// Builds the index behind [`EscoIndex::suggest_skills`] for outcomes in `language`
    /// now rather than on the first suggestion (half a second for English: a language
    /// server calls this after starting up).
    pub fn prepare_outcome_suggestions(&self, language: &str) {
        let _ = self.outcome_index(language);
    }

    /// The suggestion index of `language`, else English's, built on first use.
    fn outcome_index(&self, language: &str) -> Option<&LanguageIndex> {
        let languages = self.languages();
        let k = (languages.iter())
            .position(|l| l.eq_ignore_ascii_case(language))
            .unwrap_or(0);
        let (&language, cell) = (languages.get(k)?, self.outcome_indexes.by_language.get(k)?);
        Some(cell.get_or_init(|| LanguageIndex::build(self, language)))
    }
}

/// Words of outcome statements that say little about which skill: how an outcome is
/// phrased ("the learner is able to"), verbs of any outcome, vague qualifiers.
fn outcome_words(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &[
            "able",
            "ability",
            "learner",
            "learners",
            "student",
            "students",
            "participant",
            "participants",
            "will",
            "can",
            "demonstrate",
            "understand",
            "understanding",
            "knowledge",
            "know",
            "skill",
            "skills",
            "use",
            "using",
            "apply",
            "applying",
            "explain",
            "describe",
            "identify",
            "basic",
            "basics",
            "principle",
            "principles",
            "relevant",
            "appropriate",
            "including",
            "various",
            "different",
            "key",
            "main",
            "given",
            "simple",
            "complex",
            "range",
            "context",
            "contexts",
            "effectively",
            "correctly",
            "independently",
            "successfully",
            "based",
            "according",
        ],
        "fr" => &[
            "capable",
            "capacité",
            "apprenant",
            "apprenants",
            "étudiant",
            "étudiants",
            "participant",
            "participants",
            "être",
            "savoir",
            "pouvoir",
            "démontrer",
            "comprendre",
            "connaître",
            "connaissance",
            "connaissances",
            "compétence",
            "compétences",
            "utiliser",
            "appliquer",
            "expliquer",
            "décrire",
            "identifier",
            "base",
            "bases",
            "principe",
            "principes",
            "pertinent",
            "approprié",
            "différents",
            "divers",
            "notions",
            "situation",
            "contexte",
            "selon",
            "manière",
            "efficace",
        ],
        "de" => &[
            "studierende",
            "studierenden",
            "teilnehmende",
            "teilnehmenden",
            "lernende",
            "lernenden",
            "können",
            "kann",
            "sind",
            "sein",
            "in",
            "lage",
            "fähig",
            "fähigkeit",
            "verstehen",
            "kennen",
            "kenntnisse",
            "wissen",
            "anwenden",
            "nutzen",
            "erklären",
            "beschreiben",
            "grundlagen",
            "grundlegende",
            "grundlegenden",
            "prinzipien",
            "relevanten",
            "geeignete",
            "geeigneten",
            "verschiedene",
            "verschiedenen",
            "einfache",
            "einfachen",
            "selbstständig",
            "eigenständig",
            "sicher",
            "gemäß",
        ],
        _ => &[],
    }
}

/// Verbs that open an outcome about knowing rather than doing.
fn knowledge_verbs(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &[
            "explain",
            "describe",
            "understand",
            "know",
            "identify",
            "recognise",
            "recognize",
            "outline",
            "summarise",
            "summarize",
            "define",
            "discuss",
            "list",
            "name",
            "distinguish",
            "compare",
        ],
        "fr" => &[
            "expliquer",
            "décrire",
            "comprendre",
            "connaître",
            "identifier",
            "reconnaître",
            "définir",
            "distinguer",
            "citer",
            "comparer",
        ],
        "de" => &[
            "erklären",
            "beschreiben",
            "verstehen",
            "kennen",
            "benennen",
            "erläutern",
            "unterscheiden",
            "vergleichen",
            "nennen",
        ],
        _ => &[],
    }
}
