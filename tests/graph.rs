//! Two JSON-LD credentials compared as RDF graphs: every triple one has and the other
//! lacks, as a readable line.
//!
//! Both documents are read with laurel-shacl's JSON-LD reader and the bundled contexts
//! ([`crate::context_loader`]; a document outside the compiled reader's part of JSON-LD
//! is read by the general reader). Blank nodes and IRIs starting with `urn:epass:` are
//! document-local ids (`urn:epass:org:1` is numbered per document), so both are
//! anonymous nodes; every other IRI, the credential's own `urn:credential:...` id
//! included, is compared as it is, and literals as RDF terms (lexical form, datatype and
//! language, no normalisation).
//!
//! Equality is decided by a canonical colouring of the anonymous nodes (colour
//! refinement over both graphs at once, see [`graph_difference`]). When the graphs
//! differ, the anonymous nodes of one are matched with those of the other, from the
//! shared IRIs outwards, so that only what really changed is listed.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt;

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The triples that differ between two graphs, one readable line each (sorted).
///
/// A line names the triple's subject by its path from the document's root through local
/// names of predicates (an anonymous node among several under the same predicate gets a
/// label, e.g. `learningOutcome[title="Write a plan"]`), an IRI subject by its IRI, then
/// the predicate and the object:
/// `credentialSubject/hasClaim/specifiedBy/learningOutcome[title="Write a plan"] dcType = <http://...>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphDiff {
    /// Triples of the expected graph that the actual graph lacks.
    pub missing: Vec<String>,
    /// Triples of the actual graph that the expected graph lacks.
    pub added: Vec<String>,
    /// Triples of either graph that the other states by value (its anonymous nodes taken
    /// by their content): one node that a graph shares between two properties
    /// (`registration` and `eIDASIdentifier` of one organisation) where the other has
    /// two equal nodes. Not counted in [`GraphDiff::is_empty`].
    pub copies: Vec<String>,
}

impl GraphDiff {
    /// True when the graphs are equal up to their anonymous nodes.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.added.is_empty()
    }
}

impl fmt::Display for GraphDiff {
    /// `- ` before each missing triple, `+ ` before each added one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "the graphs are equal");
        }
        writeln!(f, "{} triple(s) missing:", self.missing.len())?;
        for line in &self.missing {
            writeln!(f, "- {line}")?;
        }
        writeln!(f, "{} triple(s) added:", self.added.len())?;
        for line in &self.added {
            writeln!(f, "+ {line}")?;
        }
        Ok(())
    }
}

/// Triples of `expected` missing from `actual` and triples of `actual` not in `expected`,
/// each as a readable line; empty when the graphs are equal up to blank nodes and
/// `urn:epass:` ids. Panics when a document cannot be read as JSON-LD or gives no triple
/// (e.g. the upload form without `@context`, which would equal anything as empty); see
/// [`try_graph_difference`].
///
/// `ignore` holds full predicate IRIs (e.g.
/// `http://data.europa.eu/snb/model/elm/individualDisplay`): their triples, and every
/// node (anonymous or not) reached only through them, are left out of both graphs.
///
/// Equality is isomorphism over the anonymous nodes, decided by colour refinement: each
/// anonymous node is hashed (SHA-256) with the sorted multiset of (predicate, object
/// colour) of its outgoing triples and (predicate, subject colour) of its incoming ones,
/// over both graphs at once, until the partition into colours is stable; then the
/// multisets of triples, anonymous nodes replaced by their colour, are compared. This is
/// exact for trees and for trees with shared nodes like credentials, but not in general:
/// graphs whose anonymous nodes colour refinement cannot tell apart (automorphic or
/// regular structures, e.g. one anonymous 6-cycle against two 3-cycles with the same
/// predicate) compare equal.
///
/// Node sharing is no difference: where one graph has one node under two parents (or two
/// properties) and the other has a node for each, saying the same or one of them saying
/// more, the node left over is taken as the other's twin; what the twins say differently
/// is still listed, and the links that name the twin are [`GraphDiff::copies`].
pub fn graph_difference(expected: &Value, actual: &Value, ignore: &[&str]) -> GraphDiff {
    try_graph_difference(expected, actual, ignore).unwrap_or_else(|e| panic!("{e}"))
}

/// [`graph_difference`], or why a document could not be read (a context not served
/// offline, invalid JSON-LD, no triple).
pub fn try_graph_difference(
    expected: &Value,
    actual: &Value,
    ignore: &[&str],
) -> Result<GraphDiff, String> {
    let a = Side::read(expected, ignore).map_err(|e| format!("expected document: {e}"))?;
    let b = Side::read(actual, ignore).map_err(|e| format!("actual document: {e}"))?;
    let sides = [&a, &b];
    let full = refine(sides, true);
    if coloured(&a, &full[0]) == coloured(&b, &full[1]) {
        return Ok(GraphDiff::default());
    }
    let content = refine(sides, false);
    let matching = Matching::new(sides, &full, &content);
    let view_a = View::new(&a, &content[0]);
    let view_b = View::new(&b, &content[1]);
    let set_a: HashSet<&Stmt> = a.triples.iter().collect();
    let set_b: HashSet<&Stmt> = b.triples.iter().collect();
    // A triple the other graph states by value (its nodes by their content) is a copy:
    // one node shared by two properties on one side, two equal nodes on the other.
    let value_of = |t: &Stmt, colours: &[Colour]| {
        (
            colour_of(&t.s, colours),
            t.p.clone(),
            colour_of(&t.o, colours),
        )
    };
    let by_value = |side: &Side, colours: &[Colour]| -> HashSet<(Colour, String, Colour)> {
        side.triples.iter().map(|t| value_of(t, colours)).collect()
    };
    let (value_a, value_b) = (by_value(&a, &content[0]), by_value(&b, &content[1]));
    let mut copies = Vec::new();
    let mut split = |side: &Side,
                     view: &View,
                     colours: &[Colour],
                     map: &[Option<usize>],
                     other: &HashSet<&Stmt>,
                     other_values: &HashSet<(Colour, String, Colour)>| {
        let mut lines = Vec::new();
        for t in side
            .triples
            .iter()
            .filter(|t| translate(t, map).is_none_or(|t| !other.contains(&t)))
        {
            match other_values.contains(&value_of(t, colours)) {
                true => copies.push(view.line(side, t)),
                false => lines.push(view.line(side, t)),
            }
        }
        lines.sort();
        lines
    };
    let missing = split(&a, &view_a, &content[0], &matching.ab, &set_b, &value_b);
    let added = split(&b, &view_b, &content[1], &matching.ba, &set_a, &value_a);
    copies.sort();
    copies.dedup();
    Ok(GraphDiff {
        missing,
        added,
        copies,
    })
}

// ---------------------------------------------------------------------------------------
// The graphs
// ---------------------------------------------------------------------------------------

/// A term of one graph; `Anon(i)` is the graph's `i`-th anonymous node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Term {
    Anon(usize),
    Iri(String),
    Literal {
        value: String,
        datatype: String,
        language: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Stmt {
    s: Term,
    p: String,
    o: Term,
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// One document's graph, ignored predicates and what hangs only on them left out.
struct Side {
    /// The anonymous nodes' ids in the document (`_:b0`, `urn:epass:org:1`).
    names: Vec<String>,
    /// The document's top-level node, when it is a subject of the graph.
    root: Option<Term>,
    triples: Vec<Stmt>,
    /// Triple indexes by subject and by object.
    out: HashMap<Term, Vec<usize>>,
    inc: HashMap<Term, Vec<usize>>,
}

impl Side {
    fn read(document: &Value, ignore: &[&str]) -> Result<Side, String> {
        let graph = laurel_shacl::data_graph_of(document, &crate::context_loader())
            .map_err(|e| e.to_string())?;
        if graph.is_empty() {
            return Err("no triple (a document without `@context`?)".to_string());
        }
        let mut names = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut anon = |name: String| {
            let next = index.len();
            let i = *index.entry(name.clone()).or_insert(next);
            if i == names.len() {
                names.push(name);
            }
            Term::Anon(i)
        };
        let mut node = |iri: &str| {
            if iri.starts_with("urn:epass:") || iri.starts_with("_:") {
                anon(iri.to_string())
            } else {
                Term::Iri(iri.to_string())
            }
        };
        let mut triples = Vec::new();
        for t in graph.iter() {
            let s = match t.subject {
                oxrdf::NamedOrBlankNodeRef::NamedNode(n) => node(n.as_str()),
                oxrdf::NamedOrBlankNodeRef::BlankNode(b) => node(&b.to_string()),
            };
            let o = match t.object {
                oxrdf::TermRef::NamedNode(n) => node(n.as_str()),
                oxrdf::TermRef::BlankNode(b) => node(&b.to_string()),
                oxrdf::TermRef::Literal(l) => Term::Literal {
                    value: l.value().to_string(),
                    datatype: l.datatype().as_str().to_string(),
                    language: l.language().map(str::to_string),
                },
                #[allow(unreachable_patterns)]
                other => return Err(format!("unexpected RDF term {other}")),
            };
            triples.push(Stmt {
                s,
                p: t.predicate.as_str().to_string(),
                o,
            });
        }
        let root = document
            .get("id")
            .or_else(|| document.get("@id"))
            .and_then(Value::as_str)
            .map(|id| {
                if id.starts_with("urn:epass:") {
                    index
                        .get(id)
                        .map_or(Term::Iri(id.to_string()), |&i| Term::Anon(i))
                } else {
                    Term::Iri(id.to_string())
                }
            })
            .filter(|root| triples.iter().any(|t| &t.s == root));
        let triples = without_ignored(triples, ignore);
        let (mut out, mut inc): (HashMap<_, Vec<_>>, HashMap<_, Vec<_>>) = Default::default();
        for (i, t) in triples.iter().enumerate() {
            out.entry(t.s.clone()).or_default().push(i);
            if !matches!(t.o, Term::Literal { .. }) {
                inc.entry(t.o.clone()).or_default().push(i);
            }
        }
        Ok(Side {
            names,
            root,
            triples,
            out,
            inc,
        })
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    fn out(&self, t: &Term) -> impl Iterator<Item = &Stmt> {
        self.out
            .get(t)
            .into_iter()
            .flatten()
            .map(|&i| &self.triples[i])
    }

    fn inc(&self, t: &Term) -> impl Iterator<Item = &Stmt> {
        self.inc
            .get(t)
            .into_iter()
            .flatten()
            .map(|&i| &self.triples[i])
    }
}

/// `triples` without those of an `ignore`d predicate and without the triples of the
/// nodes reached only through them.
fn without_ignored(triples: Vec<Stmt>, ignore: &[&str]) -> Vec<Stmt> {
    let (dropped, kept): (Vec<Stmt>, Vec<Stmt>) = triples
        .into_iter()
        .partition(|t| ignore.contains(&t.p.as_str()));
    if dropped.is_empty() {
        return kept;
    }
    let mut children: HashMap<&Term, Vec<&Term>> = HashMap::new();
    for t in dropped.iter().chain(&kept) {
        children.entry(&t.s).or_default().push(&t.o);
    }
    // Nodes reached from an ignored triple's object, through any triple.
    let mut candidates: HashSet<&Term> = HashSet::new();
    let mut stack: Vec<&Term> = dropped.iter().map(|t| &t.o).collect();
    while let Some(n) = stack.pop() {
        if !matches!(n, Term::Literal { .. }) && candidates.insert(n) {
            stack.extend(children.get(n).into_iter().flatten());
        }
    }
    // Of those, the ones still reached from another node without the ignored triples.
    let mut kept_children: HashMap<&Term, Vec<&Term>> = HashMap::new();
    for t in &kept {
        kept_children.entry(&t.s).or_default().push(&t.o);
    }
    let mut reached: HashSet<&Term> = HashSet::new();
    let mut stack: Vec<&Term> = kept
        .iter()
        .map(|t| &t.s)
        .filter(|s| !candidates.contains(s))
        .collect();
    while let Some(n) = stack.pop() {
        for &c in kept_children.get(n).into_iter().flatten() {
            if candidates.contains(c) && reached.insert(c) {
                stack.push(c);
            }
        }
    }
    let gone: HashSet<Term> = candidates
        .into_iter()
        .filter(|n| !reached.contains(n))
        .cloned()
        .collect();
    kept.into_iter().filter(|t| !gone.contains(&t.s)).collect()
}

// ---------------------------------------------------------------------------------------
// Colour refinement
// ---------------------------------------------------------------------------------------

type Colour = [u8; 16];

fn hash(parts: &[&[u8]]) -> Colour {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    let digest = h.finalize();
    let mut colour = [0; 16];
    colour.copy_from_slice(&digest[..16]);
    colour
}

/// The colour of an IRI or literal: its term, hashed.
fn fixed_colour(t: &Term) -> Colour {
    match t {
        Term::Anon(_) => unreachable!("anonymous nodes are coloured by refinement"),
        Term::Iri(iri) => hash(&[b"iri", iri.as_bytes()]),
        Term::Literal {
            value,
            datatype,
            language,
        } => hash(&[
            b"literal",
            value.as_bytes(),
            datatype.as_bytes(),
            language.as_deref().unwrap_or("").as_bytes(),
        ]),
    }
}

fn colour_of(t: &Term, colours: &[Colour]) -> Colour {
    match t {
        Term::Anon(i) => colours[*i],
        other => fixed_colour(other),
    }
}

/// The anonymous nodes' colours of both graphs, refined together (so the colours of one
/// are comparable with the other's) until the partition is stable. With `incoming`, a
/// node's colour says what it points at and what points at it; without, only what it
/// points at (equal colours: equal content).
fn refine(sides: [&Side; 2], incoming: bool) -> [Vec<Colour>; 2] {
    let start = hash(&[b"anonymous"]);
    let mut colours = [vec![start; sides[0].len()], vec![start; sides[1].len()]];
    let distinct =
        |colours: &[Vec<Colour>; 2]| colours.iter().flatten().collect::<HashSet<_>>().len();
    let mut classes = distinct(&colours);
    // A partition of n nodes is refined at most n - 1 times.
    for _ in 0..=sides[0].len() + sides[1].len() {
        let next = [0, 1].map(|k| {
            let side = sides[k];
            (0..side.len())
                .map(|i| {
                    let node = Term::Anon(i);
                    let mut entries: Vec<(u8, &str, Colour)> = side
                        .out(&node)
                        .map(|t| (0, t.p.as_str(), colour_of(&t.o, &colours[k])))
                        .collect();
                    if incoming {
                        entries.extend(
                            side.inc(&node)
                                .map(|t| (1, t.p.as_str(), colour_of(&t.s, &colours[k]))),
                        );
                    }
                    entries.sort_unstable();
                    let mut bytes = colours[k][i].to_vec();
                    for (dir, p, c) in entries {
                        bytes.push(dir);
                        bytes.extend((p.len() as u64).to_le_bytes());
                        bytes.extend(p.as_bytes());
                        bytes.extend(c);
                    }
                    hash(&[&bytes])
                })
                .collect()
        });
        colours = next;
        let now = distinct(&colours);
        if now == classes {
            break;
        }
        classes = now;
    }
    colours
}

/// The multiset of a graph's triples, anonymous nodes replaced by their colour.
fn coloured<'a>(side: &'a Side, colours: &[Colour]) -> Vec<(Colour, &'a str, Colour)> {
    let mut out: Vec<_> = side
        .triples
        .iter()
        .map(|t| {
            (
                colour_of(&t.s, colours),
                t.p.as_str(),
                colour_of(&t.o, colours),
            )
        })
        .collect();
    out.sort_unstable();
    out
}

// ---------------------------------------------------------------------------------------
// Matching the anonymous nodes of two graphs that differ
// ---------------------------------------------------------------------------------------

/// A one-to-one matching of anonymous nodes: `ab[i]` is the node of the actual graph
/// matched with the expected graph's node `i`, `ba` the reverse.
struct Matching {
    ab: Vec<Option<usize>>,
    ba: Vec<Option<usize>>,
}

/// What a node says about itself: (predicate, object colour) of its outgoing triples,
/// an anonymous object by its content colour; sorted.
fn features(side: &Side, content: &[Colour], i: usize) -> Vec<(String, Colour)> {
    let mut out: Vec<_> = side
        .out(&Term::Anon(i))
        .map(|t| (t.p.clone(), colour_of(&t.o, content)))
        .collect();
    out.sort_unstable();
    out
}

/// Size of the intersection of two sorted multisets.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
        }
    }
    n
}

impl Matching {
    /// Matches from the IRIs both graphs share (and their roots) outwards: children through
    /// the same predicate first, then parents. Among candidates, nodes of equal colour go
    /// together first, then nodes of equal content, then the most similar.
    fn new(sides: [&Side; 2], full: &[Vec<Colour>; 2], content: &[Vec<Colour>; 2]) -> Matching {
        let features: [Vec<_>; 2] = [0, 1].map(|k| {
            (0..sides[k].len())
                .map(|i| features(sides[k], &content[k], i))
                .collect()
        });
        let mut m = Matching {
            ab: vec![None; sides[0].len()],
            ba: vec![None; sides[1].len()],
        };
        let mut queue: VecDeque<(Term, Term)> = VecDeque::new();
        let pair_up = |m: &mut Matching,
                       a: Vec<usize>,
                       b: Vec<usize>,
                       children: bool,
                       queue: &mut VecDeque<(Term, Term)>| {
            // One node on one side where the other has two (a node shared by two
            // parents, or written once for each): a child left over under a matched
            // parent, where the other side's children are all matched, goes with one
            // of them that says all it says or more, in one direction only, and its
            // own children are not matched through it.
            let (group_a, group_b) = (a.clone(), b.clone());
            let a: Vec<usize> = a.into_iter().filter(|&i| m.ab[i].is_none()).collect();
            let b: Vec<usize> = b.into_iter().filter(|&j| m.ba[j].is_none()).collect();
            // The twin on side `to` of node `x` of side `from`, among `group`.
            let twin = |from: usize, x: usize, to: usize, group: &[usize]| {
                let (fx, cx) = (&features[from][x], content[from][x]);
                group
                    .iter()
                    .copied()
                    .filter(|&y| {
                        common(fx, &features[to][y]) == fx.len().min(features[to][y].len())
                    })
                    .max_by_key(|&y| (cx == content[to][y], common(fx, &features[to][y])))
            };
            if children && b.is_empty() {
                for &i in &a {
                    m.ab[i] = twin(0, i, 1, &group_b);
                }
                return;
            }
            if children && a.is_empty() {
                for &j in &b {
                    m.ba[j] = twin(1, j, 0, &group_a);
                }
                return;
            }
            let mut pairs: Vec<((u8, usize), usize, usize)> = Vec::new();
            for &i in &a {
                for &j in &b {
                    let score = if full[0][i] == full[1][j] {
                        (2, 0)
                    } else if content[0][i] == content[1][j] {
                        (1, 0)
                    } else {
                        (0, common(&features[0][i], &features[1][j]))
                    };
                    pairs.push((score, i, j));
                }
            }
            pairs.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
            for (_, i, j) in pairs {
                if m.ab[i].is_none() && m.ba[j].is_none() {
                    m.ab[i] = Some(j);
                    m.ba[j] = Some(i);
                    queue.push_back((Term::Anon(i), Term::Anon(j)));
                }
            }
        };
        // Seeds: the IRIs of both graphs, roots first, and the anonymous roots.
        let nodes = |side: &Side| -> HashSet<Term> {
            side.out.keys().chain(side.inc.keys()).cloned().collect()
        };
        let (nodes_a, nodes_b) = (nodes(sides[0]), nodes(sides[1]));
        let mut shared: Vec<&Term> = nodes_a
            .iter()
            .filter(|t| matches!(t, Term::Iri(_)) && nodes_b.contains(t))
            .collect();
        shared.sort_by_key(|t| (sides[0].inc.contains_key(t), *t));
        queue.extend(shared.into_iter().map(|t| (t.clone(), t.clone())));
        let anon_roots = |side: &Side| -> Vec<usize> {
            (0..side.len())
                .filter(|&i| {
                    let t = Term::Anon(i);
                    side.out.contains_key(&t) && !side.inc.contains_key(&t)
                })
                .collect()
        };
        pair_up(
            &mut m,
            anon_roots(sides[0]),
            anon_roots(sides[1]),
            false,
            &mut queue,
        );
        let mut done: Vec<(Term, Term)> = Vec::new();
        let mut parents_done = 0;
        loop {
            while let Some((x, y)) = queue.pop_front() {
                let mut ga = neighbours(sides[0], &x, true);
                for (p, b) in neighbours(sides[1], &y, true) {
                    if let Some(a) = ga.remove(&p) {
                        pair_up(&mut m, a, b, true, &mut queue);
                    }
                }
                done.push((x, y));
            }
            // Then the parents of every pair matched so far.
            while parents_done < done.len() {
                let (x, y) = &done[parents_done];
                parents_done += 1;
                let mut ga = neighbours(sides[0], x, false);
                for (p, b) in neighbours(sides[1], y, false) {
                    if let Some(a) = ga.remove(&p) {
                        pair_up(&mut m, a, b, false, &mut queue);
                    }
                }
            }
            if queue.is_empty() {
                return m;
            }
        }
    }
}

/// The anonymous nodes `t` points at (`outgoing`) or that point at `t`, by predicate.
fn neighbours(side: &Side, t: &Term, outgoing: bool) -> BTreeMap<String, Vec<usize>> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let triples: Box<dyn Iterator<Item = &Stmt>> = if outgoing {
        Box::new(side.out(t))
    } else {
        Box::new(side.inc(t))
    };
    for s in triples {
        if let Term::Anon(i) = if outgoing { &s.o } else { &s.s } {
            groups.entry(s.p.clone()).or_default().push(*i);
        }
    }
    groups
}

/// A triple with its anonymous nodes replaced by their match in the other graph; `None`
/// when one has no match.
fn translate(t: &Stmt, map: &[Option<usize>]) -> Option<Stmt> {
    let term = |t: &Term| match t {
        Term::Anon(i) => map[*i].map(Term::Anon),
        other => Some(other.clone()),
    };
    Some(Stmt {
        s: term(&t.s)?,
        p: t.p.clone(),
        o: term(&t.o)?,
    })
}

// ---------------------------------------------------------------------------------------
// Readable lines
// ---------------------------------------------------------------------------------------

/// Longest literal shown in a line, in characters.
const LITERAL_CHARS: usize = 60;
/// Longest label shown in a path step.
const LABEL_CHARS: usize = 40;
/// Predicates (by local name) whose literal names a node in a path, first found wins.
const LABELS: &[&str] = &[
    "title",
    "prefLabel",
    "legalName",
    "fullName",
    "name",
    "notation",
    "noteLiteral",
    "familyName",
    "givenName",
];

/// How one graph's anonymous nodes are written: their path from the root and their label.
struct View {
    paths: Vec<Option<String>>,
    labels: Vec<Option<String>>,
    types: Vec<Option<String>>,
}

fn local_name(iri: &str) -> &str {
    let cut = iri.rfind(['#', '/', ':']).map_or(0, |i| i + 1);
    if cut < iri.len() {
        &iri[cut..]
    } else {
        iri
    }
}

fn truncate(text: &str, max: usize) -> String {
    let escaped: String = text.escape_debug().collect();
    if escaped.chars().count() <= max {
        escaped
    } else {
        let head: String = escaped.chars().take(max).collect();
        format!("{head}…")
    }
}

fn literal(value: &str, datatype: &str, language: Option<&str>, max: usize) -> String {
    let text = format!("\"{}\"", truncate(value, max));
    match language {
        Some(lang) if datatype == RDF_LANG_STRING => format!("{text}@{lang}"),
        Some(lang) => format!("{text}@{lang}^^<{datatype}>"),
        None if datatype == format!("{XSD}string") => text,
        None => match datatype.strip_prefix(XSD) {
            Some(local) => format!("{text}^^xsd:{local}"),
            None => format!("{text}^^<{datatype}>"),
        },
    }
}

impl View {
    fn new(side: &Side, content: &[Colour]) -> View {
        let labels = (0..side.len()).map(|i| label(side, i)).collect();
        let types = (0..side.len())
            .map(|i| {
                side.out(&Term::Anon(i))
                    .filter(|t| t.p == RDF_TYPE)
                    .filter_map(|t| match &t.o {
                        Term::Iri(iri) => Some(local_name(iri).to_string()),
                        _ => None,
                    })
                    .min()
            })
            .collect();
        let mut view = View {
            paths: vec![None; side.len()],
            labels,
            types,
        };
        // Sources, each read breadth first: the root, the other nodes nothing points at,
        // the IRIs, then whatever is left (anonymous nodes only on a cycle).
        let mut sources: Vec<(Term, String)> = Vec::new();
        if let Some(root) = &side.root {
            sources.push((root.clone(), String::new()));
        }
        let mut subjects: Vec<&Term> = side.out.keys().collect();
        subjects.sort();
        for s in &subjects {
            if !side.inc.contains_key(s) {
                sources.push(((*s).clone(), view.name(side, s)));
            }
        }
        for s in &subjects {
            if matches!(s, Term::Iri(_)) {
                sources.push(((*s).clone(), view.name(side, s)));
            }
        }
        for i in 0..side.len() {
            sources.push((Term::Anon(i), view.name(side, &Term::Anon(i))));
        }
        for (source, path) in sources {
            if let Term::Anon(i) = source {
                if view.paths[i].is_some() {
                    continue;
                }
                view.paths[i] = Some(path.clone());
            }
            let mut queue = VecDeque::from([(source, path)]);
            while let Some((node, path)) = queue.pop_front() {
                let mut edges: Vec<(&str, Colour, usize)> = side
                    .out(&node)
                    .filter_map(|t| match t.o {
                        Term::Anon(j) => Some((t.p.as_str(), content[j], j)),
                        _ => None,
                    })
                    .collect();
                edges.sort_unstable();
                for &(p, _, j) in &edges {
                    if view.paths[j].is_some() {
                        continue;
                    }
                    let mut step = local_name(p).to_string();
                    if edges.iter().filter(|e| e.0 == p).count() > 1 {
                        let tag = view.labels[j].clone().or_else(|| view.types[j].clone());
                        if let Some(tag) = tag {
                            step = format!("{step}[{tag}]");
                        }
                    }
                    let child = if path.is_empty() {
                        step
                    } else {
                        format!("{path}/{step}")
                    };
                    view.paths[j] = Some(child.clone());
                    queue.push_back((Term::Anon(j), child));
                }
            }
        }
        view
    }

    /// A node named by itself: an IRI, or an anonymous node by its id in the document.
    fn name(&self, side: &Side, t: &Term) -> String {
        match t {
            Term::Iri(iri) => format!("<{iri}>"),
            Term::Anon(i) => format!("({})", side.names[*i]),
            Term::Literal { .. } => unreachable!("a literal is no subject"),
        }
    }

    fn subject(&self, side: &Side, t: &Term) -> String {
        match t {
            Term::Anon(i) => self.paths[*i].clone().unwrap_or_else(|| self.name(side, t)),
            Term::Iri(_) if side.root.as_ref() == Some(t) => String::new(),
            other => self.name(side, other),
        }
    }

    fn object(&self, t: &Term) -> String {
        match t {
            Term::Iri(iri) => format!("<{iri}>"),
            Term::Literal {
                value,
                datatype,
                language,
            } => literal(value, datatype, language.as_deref(), LITERAL_CHARS),
            Term::Anon(i) => {
                let parts: Vec<&str> = [&self.types[*i], &self.labels[*i]]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                format!("[{}]", parts.join(" "))
            }
        }
    }

    fn line(&self, side: &Side, t: &Stmt) -> String {
        let subject = self.subject(side, &t.s);
        let predicate = local_name(&t.p);
        let object = self.object(&t.o);
        if subject.is_empty() {
            format!("{predicate} = {object}")
        } else {
            format!("{subject} {predicate} = {object}")
        }
    }
}

/// `title="..."`: a literal naming anonymous node `i`, English first; else its first
/// literal of any predicate.
fn label(side: &Side, i: usize) -> Option<String> {
    let literals: Vec<(&str, &str, Option<&str>)> = side
        .out(&Term::Anon(i))
        .filter_map(|t| match &t.o {
            Term::Literal {
                value, language, ..
            } => Some((local_name(&t.p), value.as_str(), language.as_deref())),
            _ => None,
        })
        .collect();
    let pick = |name: &str| {
        literals
            .iter()
            .filter(|l| l.0 == name)
            .min_by_key(|l| (l.2 != Some("en"), l.2, l.1))
    };
    let found = LABELS
        .iter()
        .find_map(|name| pick(name))
        .or_else(|| literals.iter().min());
    found.map(|(p, value, _)| format!("{p}=\"{}\"", truncate(value, LABEL_CHARS)))
}
