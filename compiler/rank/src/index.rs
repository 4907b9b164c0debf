//! An inverted index over documents with a fixed number of fields, scored with BM25F
//! (Robertson and Zaragoza: per-field term frequencies, each weighted and normalised by
//! its field's length, summed before one saturation).

use std::collections::HashMap;

/// A document's number: documents are numbered by the caller, from 0.
pub type DocId = u32;
/// A term's number in one index.
pub type TermId = u32;

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: DocId,
    field: u8,
    frequency: u16,
}

/// Collects the terms of each document's fields.
#[derive(Debug)]
pub struct IndexBuilder {
    fields: usize,
    term_ids: HashMap<Box<str>, TermId>,
    postings: Vec<Vec<Posting>>,
    /// Per field, per document: the number of terms.
    lengths: Vec<Vec<u32>>,
    counts: HashMap<TermId, u16>,
}

impl IndexBuilder {
    /// A builder for documents of `fields` fields (at most 256).
    pub fn new(fields: usize) -> IndexBuilder {
        let fields = fields.clamp(1, 256);
        IndexBuilder {
            fields,
            term_ids: HashMap::new(),
            postings: Vec::new(),
            lengths: vec![Vec::new(); fields],
            counts: HashMap::new(),
        }
    }

    /// Adds `terms` to field `field` of document `doc` (a field out of range is
    /// ignored). A field may be added to more than once; documents are best added in
    /// ascending order, which keeps [`IndexBuilder::build`] from sorting.
    pub fn add<'t>(&mut self, doc: DocId, field: usize, terms: impl IntoIterator<Item = &'t str>) {
        let Some(lengths) = self.lengths.get_mut(field) else {
            return;
        };
        let Ok(field) = u8::try_from(field) else {
            return;
        };
        let mut length = 0u32;
        self.counts.clear();
        for term in terms {
            length = length.saturating_add(1);
            let id = match self.term_ids.get(term) {
                Some(&id) => id,
                None => {
                    let Ok(id) = TermId::try_from(self.postings.len()) else {
                        continue;
                    };
                    self.term_ids.insert(term.into(), id);
                    self.postings.push(Vec::new());
                    id
                }
            };
            let count = self.counts.entry(id).or_insert(0);
            *count = count.saturating_add(1);
        }
        let slot = doc as usize;
        if lengths.len() <= slot {
            lengths.resize(slot + 1, 0);
        }
        if let Some(l) = lengths.get_mut(slot) {
            *l = l.saturating_add(length);
        }
        for (&term, &frequency) in &self.counts {
            if let Some(list) = self.postings.get_mut(term as usize) {
                list.push(Posting {
                    doc,
                    field,
                    frequency,
                });
            }
        }
    }

    /// The index.
    pub fn build(self) -> Index {
        let docs = self.lengths.iter().map(Vec::len).max().unwrap_or(0);
        let mut lengths = self.lengths;
        for field in &mut lengths {
            field.resize(docs, 0);
        }
        let average = lengths
            .iter()
            .map(|field| {
                let total: u64 = field.iter().map(|&l| u64::from(l)).sum();
                (total as f64 / docs.max(1) as f64).max(1.0) as f32
            })
            .collect();
        let mut frequencies = Vec::with_capacity(self.postings.len());
        let postings: Vec<Box<[Posting]>> = self
            .postings
            .into_iter()
            .map(|mut list| {
                if !list.is_sorted_by_key(|p| (p.doc, p.field)) {
                    list.sort_by_key(|p| (p.doc, p.field));
                }
                let mut distinct = 0u32;
                let mut last = None;
                for p in &list {
                    if last != Some(p.doc) {
                        distinct += 1;
                        last = Some(p.doc);
                    }
                }
                frequencies.push(distinct);
                list.into_boxed_slice()
            })
            .collect();
        Index {
            fields: self.fields,
            docs: u32::try_from(docs).unwrap_or(u32::MAX),
            term_ids: self.term_ids,
            postings,
            frequencies,
            lengths,
            average,
        }
    }
}

/// The weight and length normalisation of one field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldParams {
    /// How much one occurrence in this field counts.
    pub weight: f32,
    /// Length normalisation, 0 (none) to 1 (full).
    pub b: f32,
}

/// BM25F's parameters: the saturation `k1` and each field's [`FieldParams`] (fields
/// without an entry do not count).
#[derive(Debug, Clone, PartialEq)]
pub struct Bm25f {
    /// Term frequency saturation (1.2 is usual).
    pub k1: f32,
    /// Per field, in the index's field order.
    pub fields: Vec<FieldParams>,
}

/// One term of a query with its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueryTerm {
    /// The term.
    pub term: TermId,
    /// How much it counts (1 for an ordinary word).
    pub weight: f32,
}

/// The index.
#[derive(Debug)]
pub struct Index {
    fields: usize,
    docs: u32,
    term_ids: HashMap<Box<str>, TermId>,
    postings: Vec<Box<[Posting]>>,
    /// Per term, the number of documents that have it.
    frequencies: Vec<u32>,
    lengths: Vec<Vec<u32>>,
    average: Vec<f32>,
}

impl Index {
    /// The number of terms of `doc` in `field`.
    pub fn length(&self, doc: DocId, field: usize) -> u32 {
        (self.lengths.get(field))
            .and_then(|l| l.get(doc as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The number of documents (one past the highest document number added).
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// The number of fields.
    pub fn fields(&self) -> usize {
        self.fields
    }

    /// The number of a term, if any document has it.
    pub fn term(&self, term: &str) -> Option<TermId> {
        self.term_ids.get(term).copied()
    }

    /// The number of documents that have the term.
    pub fn doc_frequency(&self, term: TermId) -> u32 {
        self.frequencies.get(term as usize).copied().unwrap_or(0)
    }

    /// The term's inverse document frequency, `ln(1 + (N − n + 0.5) / (n + 0.5))`.
    pub fn idf(&self, term: TermId) -> f32 {
        let n = self.doc_frequency(term) as f32;
        let total = self.docs as f32;
        (1.0 + (total - n + 0.5) / (n + 0.5)).ln()
    }

    /// The fields of `doc` that have `term`, as a bit set (bit `f` for field `f`, up to
    /// 64 fields).
    pub fn fields_with(&self, doc: DocId, term: TermId) -> u64 {
        let list = self.postings_of(term);
        let from = list.partition_point(|p| p.doc < doc);
        list.get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|p| p.doc == doc)
            .fold(0, |bits, p| {
                bits | 1u64.checked_shl(u32::from(p.field)).unwrap_or(0)
            })
    }

    fn postings_of(&self, term: TermId) -> &[Posting] {
        self.postings.get(term as usize).map_or(&[], |list| list)
    }

    /// Adds each document's BM25F score for `query` to `scores`.
    pub fn score_into(&self, query: &[QueryTerm], params: &Bm25f, scores: &mut Scores) {
        for q in query {
            let idf = self.idf(q.term) * q.weight;
            let list = self.postings_of(q.term);
            let mut k = 0;
            while let Some(first) = list.get(k) {
                let doc = first.doc;
                let mut frequency = 0.0f32;
                while let Some(p) = list.get(k).filter(|p| p.doc == doc) {
                    frequency += self.weighted(p, params);
                    k += 1;
                }
                if frequency > 0.0 {
                    scores.add(doc, idf * frequency / (params.k1 + frequency));
                }
            }
        }
    }

    /// One posting's weighted, length-normalised frequency.
    fn weighted(&self, p: &Posting, params: &Bm25f) -> f32 {
        let field = usize::from(p.field);
        let Some(f) = params.fields.get(field) else {
            return 0.0;
        };
        let length = self.length(p.doc, field) as f32;
        let average = self.average.get(field).copied().unwrap_or(1.0);
        f.weight * f32::from(p.frequency) / (1.0 - f.b + f.b * length / average)
    }
}

/// Scores per document, for one query at a time.
#[derive(Debug, Clone)]
pub struct Scores {
    values: Vec<f32>,
    touched: Vec<DocId>,
}

impl Scores {
    /// All zero, for `docs` documents.
    pub fn new(docs: u32) -> Scores {
        Scores {
            values: vec![0.0; docs as usize],
            touched: Vec::new(),
        }
    }

    /// Adds `score` to `doc` (a document out of range is ignored).
    pub fn add(&mut self, doc: DocId, score: f32) {
        if let Some(v) = self.values.get_mut(doc as usize) {
            if *v == 0.0 {
                self.touched.push(doc);
            }
            *v += score;
        }
    }

    /// Multiplies the score of `doc` by `factor`.
    pub fn scale(&mut self, doc: DocId, factor: f32) {
        if let Some(v) = self.values.get_mut(doc as usize) {
            *v *= factor;
        }
    }

    /// The score of `doc`.
    pub fn get(&self, doc: DocId) -> f32 {
        self.values.get(doc as usize).copied().unwrap_or(0.0)
    }

    /// The documents with a score, in the order they got it.
    pub fn touched(&self) -> &[DocId] {
        &self.touched
    }

    /// The `k` best documents, best first (ties: lower number first); documents whose
    /// score is not above zero are left out.
    pub fn top(&self, k: usize) -> Vec<(DocId, f32)> {
        let mut all: Vec<(DocId, f32)> = self
            .touched
            .iter()
            .map(|&d| (d, self.get(d)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        let order = |a: &(DocId, f32), b: &(DocId, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if all.len() > k {
            all.select_nth_unstable_by(k, order);
            all.truncate(k);
        }
        all.sort_unstable_by(order);
        all
    }

    /// Every score back to zero.
    pub fn clear(&mut self) {
        for &d in &self.touched {
            if let Some(v) = self.values.get_mut(d as usize) {
                *v = 0.0;
            }
        }
        self.touched.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: usize = 0;
    const BODY: usize = 1;

    fn index() -> Index {
        let mut b = IndexBuilder::new(2);
        b.add(0, TITLE, ["network", "secur"]);
        b.add(0, BODY, ["protect", "network", "firewal"]);
        b.add(1, TITLE, ["bake", "bread"]);
        b.add(1, BODY, ["network", "of", "baker"]);
        b.add(2, TITLE, ["manag", "budget"]);
        b.build()
    }

    fn params(title: f32, body: f32) -> Bm25f {
        Bm25f {
            k1: 1.2,
            fields: vec![
                FieldParams {
                    weight: title,
                    b: 0.5,
                },
                FieldParams {
                    weight: body,
                    b: 0.5,
                },
            ],
        }
    }

    fn ranked(index: &Index, words: &[&str], params: &Bm25f) -> Vec<DocId> {
        let query: Vec<QueryTerm> = words
            .iter()
            .filter_map(|w| index.term(w))
            .map(|term| QueryTerm { term, weight: 1.0 })
            .collect();
        let mut scores = Scores::new(index.docs());
        index.score_into(&query, params, &mut scores);
        scores.top(10).into_iter().map(|(d, _)| d).collect()
    }

    #[test]
    fn a_term_in_a_heavier_field_ranks_its_document_first() {
        let index = index();
        assert_eq!(ranked(&index, &["network"], &params(3.0, 1.0)), [0, 1]);
        // both have it in the body; only the title weight separates them
        assert_eq!(ranked(&index, &["network"], &params(0.0, 1.0)).len(), 2);
    }

    #[test]
    fn rarer_terms_weigh_more() {
        let index = index();
        let network = index.term("network").expect("indexed");
        let firewall = index.term("firewal").expect("indexed");
        assert!(index.idf(firewall) > index.idf(network));
        assert_eq!(index.doc_frequency(network), 2);
    }

    #[test]
    fn documents_without_a_query_term_have_no_score() {
        let index = index();
        assert_eq!(ranked(&index, &["budget"], &params(1.0, 1.0)), [2]);
        assert!(ranked(&index, &["unknown"], &params(1.0, 1.0)).is_empty());
    }

    #[test]
    fn fields_with_names_the_fields_of_a_match() {
        let index = index();
        let network = index.term("network").expect("indexed");
        assert_eq!(index.fields_with(0, network), 0b11);
        assert_eq!(index.fields_with(1, network), 0b10);
        assert_eq!(index.fields_with(2, network), 0);
    }

    #[test]
    fn documents_out_of_order_are_sorted_and_scores_clear() {
        let mut b = IndexBuilder::new(1);
        b.add(3, 0, ["a"]);
        b.add(1, 0, ["a", "a"]);
        let index = b.build();
        assert_eq!(index.docs(), 4);
        let term = index.term("a").expect("indexed");
        let mut scores = Scores::new(index.docs());
        index.score_into(
            &[QueryTerm { term, weight: 1.0 }],
            &params(1.0, 0.0),
            &mut scores,
        );
        assert_eq!(scores.top(1)[0].0, 1);
        scores.clear();
        assert!(scores.top(5).is_empty());
    }
}
