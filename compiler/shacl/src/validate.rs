//! Validation of a data graph against compiled [`Shapes`].

use std::collections::{HashMap, HashSet};

use oxrdf::vocab::{rdf, rdfs};
use oxrdf::{NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef};

use crate::data::DataGraph;
use crate::lexical;
use crate::load::Check;
use crate::{Report, Shapes, ValidationResult};

/// How deep `sh:node` / `sh:or` may nest on one value before the shapes are taken as
/// recursive (SHACL leaves recursive shapes undefined; here they conform).
const MAX_DEPTH: usize = 64;

struct Run<'a> {
    shapes: &'a Shapes,
    data: &'a DataGraph,
    /// Whether the data graph has any `rdfs:subClassOf` (else instances are `rdf:type` only).
    subclasses: bool,
    /// (shape, focus) pairs being checked further up (`sh:node`/`sh:or` recursion).
    stack: Vec<(usize, TermRef<'a>)>,
    /// `sh:node` / `sh:or` verdicts already computed.
    conforms: HashMap<(usize, TermRef<'a>), bool>,
}

fn subject(term: TermRef<'_>) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        TermRef::NamedNode(n) => Some(n.into()),
        TermRef::BlankNode(b) => Some(b.into()),
        TermRef::Literal(_) => None,
    }
}

impl<'a> Run<'a> {
    /// `class` and its superclasses (`rdfs:subClassOf*` in the data graph).
    fn superclasses(&self, class: TermRef<'a>) -> Vec<TermRef<'a>> {
        let mut out = vec![class];
        if !self.subclasses {
            return out;
        }
        let mut seen: HashSet<TermRef<'a>> = out.iter().copied().collect();
        let mut i = 0;
        while i < out.len() {
            if let Some(s) = subject(out[i]) {
                for sup in self.data.objects(s, rdfs::SUB_CLASS_OF) {
                    if seen.insert(sup) {
                        out.push(sup);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// SHACL instance: `value rdf:type/rdfs:subClassOf* class`.
    fn is_instance(&self, value: TermRef<'a>, class: NamedNodeRef<'_>) -> bool {
        let Some(s) = subject(value) else {
            return false;
        };
        self.data
            .objects(s, rdf::TYPE)
            .any(|t| self.superclasses(t).contains(&class.into()))
    }

    /// Whether `focus` conforms to shape `i` (results not kept).
    fn conforms(&mut self, i: usize, focus: TermRef<'a>) -> bool {
        if let Some(&known) = self.conforms.get(&(i, focus)) {
            return known;
        }
        if self.stack.len() >= MAX_DEPTH || self.stack.contains(&(i, focus)) {
            return true;
        }
        self.stack.push((i, focus));
        let mut scratch = Vec::new();
        self.check(i, focus, &mut scratch);
        self.stack.pop();
        let ok = scratch.is_empty();
        self.conforms.insert((i, focus), ok);
        ok
    }

    /// The results of shape `i` on `focus` (none when it is being checked further up).
    fn details(&mut self, i: usize, focus: TermRef<'a>) -> Vec<ValidationResult> {
        let mut out = Vec::new();
        if self.stack.len() < MAX_DEPTH && !self.stack.contains(&(i, focus)) {
            self.stack.push((i, focus));
            self.check(i, focus, &mut out);
            self.stack.pop();
        }
        out
    }

    /// Checks `focus` against shape `i`, adding its results to `out`.
    fn check(&mut self, i: usize, focus: TermRef<'a>, out: &mut Vec<ValidationResult>) {
        let shapes = self.shapes;
        let shape = &shapes.shapes[i];
        if shape.deactivated {
            return;
        }
        let values: Vec<TermRef<'a>> = match &shape.path {
            None => vec![focus],
            Some(p) => match subject(focus) {
                Some(s) => self.data.objects(s, p.as_ref()).collect(),
                None => Vec::new(),
            },
        };
        for check in &shape.checks {
            let mut fail_with = |value: Option<TermRef<'_>>, details: Vec<ValidationResult>| {
                out.push(ValidationResult {
                    focus_node: focus.into_owned(),
                    path: shape.path.clone(),
                    value: value.map(TermRef::into_owned),
                    constraint: shapes.constraint(check),
                    source_shape: shape.id.clone(),
                    severity: shape.severity.clone(),
                    messages: shape.messages.clone(),
                    names: shape.names.clone(),
                    descriptions: shape.descriptions.clone(),
                    details,
                })
            };
            let mut fail = |value: Option<TermRef<'_>>| fail_with(value, Vec::new());
            match check {
                Check::Class(c) => {
                    for &v in &values {
                        if !self.is_instance(v, c.as_ref()) {
                            fail(Some(v));
                        }
                    }
                }
                Check::Datatype(d) => {
                    for &v in &values {
                        let ok = match v {
                            TermRef::Literal(l) => lexical::matches(l, d.as_ref()),
                            _ => false,
                        };
                        if !ok {
                            fail(Some(v));
                        }
                    }
                }
                Check::NodeKind(k) => {
                    for &v in &values {
                        if !k.matches(v) {
                            fail(Some(v));
                        }
                    }
                }
                Check::MinCount(n) => {
                    if (values.len() as u64) < *n {
                        fail(None);
                    }
                }
                Check::MaxCount(n) => {
                    if (values.len() as u64) > *n {
                        fail(None);
                    }
                }
                Check::Or(members) => {
                    for &v in &values {
                        if !members.iter().any(|&m| self.conforms(m, v)) {
                            fail(Some(v));
                        }
                    }
                }
                Check::Node(n) => {
                    for &v in &values {
                        if !self.conforms(*n, v) {
                            let details = self.details(*n, v);
                            fail_with(Some(v), details);
                        }
                    }
                }
                Check::HasValue(t) => {
                    if !values.contains(&t.as_ref()) {
                        fail(None);
                    }
                }
                Check::UniqueLang => {
                    // One result per language tag (case-insensitive) used more than once.
                    let mut seen = HashSet::new();
                    let mut duplicated = HashSet::new();
                    for v in &values {
                        if let TermRef::Literal(l) = v {
                            if let Some(lang) = l.language() {
                                let lang = lang.to_ascii_lowercase();
                                if !seen.insert(lang.clone()) && duplicated.insert(lang) {
                                    fail(None);
                                }
                            }
                        }
                    }
                }
                Check::MaxInclusive(max) => {
                    for &v in &values {
                        let ok = match v {
                            TermRef::Literal(l) => {
                                lexical::less_or_equal(l, max.as_ref()) == Some(true)
                            }
                            _ => false,
                        };
                        if !ok {
                            fail(Some(v));
                        }
                    }
                }
            }
        }
        for &p in &shape.properties {
            self.check(p, focus, out);
        }
    }
}

/// The order of results: focus node, path, component, source shape, value.
type SortKey = (String, String, crate::Component, String, String, String);

fn sort_key(r: &ValidationResult) -> SortKey {
    (
        r.focus_node.to_string(),
        r.path
            .as_ref()
            .map(NamedNode::to_string)
            .unwrap_or_default(),
        r.component(),
        r.source_shape.to_string(),
        r.value.as_ref().map(Term::to_string).unwrap_or_default(),
        format!("{:?}", r.constraint),
    )
}

impl Shapes {
    /// Validates `data`: every shape with a target on each of its focus nodes.
    pub fn validate(&self, data: &DataGraph) -> Report {
        let mut run = Run {
            shapes: self,
            data,
            subclasses: data.with_predicate(rdfs::SUB_CLASS_OF).next().is_some(),
            stack: Vec::new(),
            conforms: HashMap::new(),
        };
        let mut focus: Vec<(usize, TermRef<'_>)> = Vec::new();
        let mut classes: HashMap<TermRef<'_>, Vec<usize>> = HashMap::new();
        for t in data.with_predicate(rdf::TYPE) {
            let targeted = classes.entry(t.object).or_insert_with(|| {
                run.superclasses(t.object)
                    .into_iter()
                    .filter_map(|c| match c {
                        TermRef::NamedNode(c) => self.by_target_class.get(c.as_str()),
                        _ => None,
                    })
                    .flatten()
                    .copied()
                    .collect()
            });
            focus.extend(targeted.iter().map(|&i| (i, TermRef::from(t.subject))));
        }
        let mut seen = HashSet::new();
        focus.retain(|pair| seen.insert(*pair));

        let mut results = Vec::new();
        for (i, node) in focus {
            run.check(i, node, &mut results);
        }
        let mut keyed: Vec<_> = results.into_iter().map(|r| (sort_key(&r), r)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.1 == b.1);
        let results: Vec<ValidationResult> = keyed.into_iter().map(|(_, r)| r).collect();
        Report {
            conforms: results.is_empty(),
            results,
        }
    }
}
