//! Compiled shapes as bytes: what [`Shapes::load`] computes from shapes documents, kept so
//! that a program bundling its shapes reads them in about a millisecond instead of
//! parsing and compiling tens of thousands of triples at start-up.
//!
//! The form: a magic line, a table of every text (IRIs, blank node labels, literal
//! values, language tags) written once, then the shapes and the target-class index, each
//! number a LEB128 varint and each text an index into the table. Reading checks
//! everything: a damaged or foreign file is refused ([`CompiledError`]), never trusted
//! (every IRI, blank node label and language tag is checked again, every shape index is
//! in range, and `sh:property` does not loop).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use oxrdf::{BlankNode, Literal, NamedNode, Term};

use crate::load::{Check, Shape};
use crate::{NodeKind, Severity, Shapes};

/// The first bytes of compiled shapes (the version of the form is in it).
const MAGIC: &[u8] = b"laurel-shacl compiled shapes 1\n";

/// Why bytes are not compiled shapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledError {
    /// Where in the bytes reading stopped.
    pub offset: usize,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for CompiledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not compiled shapes (at byte {}): {}",
            self.offset, self.message
        )
    }
}

impl std::error::Error for CompiledError {}

impl Shapes {
    /// These shapes as bytes that [`Shapes::from_compiled`] reads back; the same shapes
    /// give the same bytes.
    pub fn to_compiled(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.number(self.shapes.len() as u64);
        for shape in &self.shapes {
            w.shape(shape);
        }
        let targets: BTreeMap<&String, &Vec<usize>> = self.by_target_class.iter().collect();
        w.number(targets.len() as u64);
        for (class, shapes) in targets {
            w.text(class);
            w.indices(shapes);
        }
        let mut out = MAGIC.to_vec();
        let mut table = Vec::new();
        put_number(&mut table, w.texts.len() as u64);
        for text in &w.texts {
            put_number(&mut table, text.len() as u64);
            table.extend_from_slice(text.as_bytes());
        }
        out.extend(table);
        out.extend(w.body);
        out
    }

    /// Reads shapes written by [`Shapes::to_compiled`].
    pub fn from_compiled(bytes: &[u8]) -> Result<Shapes, CompiledError> {
        let mut r = Reader {
            bytes,
            at: 0,
            texts: Vec::new(),
            named: HashMap::new(),
        };
        if !bytes.starts_with(MAGIC) {
            return Err(r.error("it does not start as compiled shapes do"));
        }
        r.at = MAGIC.len();
        let count = r.count()?;
        for _ in 0..count {
            let len = r.count()?;
            let raw = r.take(len)?;
            let text = std::str::from_utf8(raw).map_err(|_| r.error("a text is not UTF-8"))?;
            r.texts.push(text);
        }
        let count = r.count()?;
        let mut shapes = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            shapes.push(r.shape()?);
        }
        let mut by_target_class = HashMap::new();
        for _ in 0..r.count()? {
            let class = r.text()?.to_string();
            by_target_class.insert(class, r.indices()?);
        }
        if r.at != bytes.len() {
            return Err(r.error("bytes follow the shapes"));
        }
        let in_range = |i: &usize| *i < shapes.len();
        let indices_ok = shapes.iter().all(|s| {
            s.properties.iter().all(in_range)
                && s.checks.iter().all(|c| match c {
                    Check::Or(list) => list.iter().all(in_range),
                    Check::Node(i) => in_range(i),
                    _ => true,
                })
        }) && by_target_class.values().flatten().all(in_range);
        if !indices_ok {
            return Err(r.error("a shape refers to a shape that is not there"));
        }
        if let Err(shape) = crate::load::properties_acyclic(&shapes) {
            return Err(r.error(&format!("{} is its own sh:property", shape.id)));
        }
        Ok(Shapes {
            shapes,
            by_target_class,
        })
    }
}

fn put_number(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[derive(Default)]
struct Writer {
    texts: Vec<String>,
    index: HashMap<String, u64>,
    body: Vec<u8>,
}

impl Writer {
    fn number(&mut self, n: u64) {
        put_number(&mut self.body, n);
    }

    fn byte(&mut self, b: u8) {
        self.body.push(b);
    }

    fn text(&mut self, text: &str) {
        let next = self.texts.len() as u64;
        let i = *self.index.entry(text.to_string()).or_insert(next);
        if i == next {
            self.texts.push(text.to_string());
        }
        self.number(i);
    }

    fn indices(&mut self, list: &[usize]) {
        self.number(list.len() as u64);
        for &i in list {
            self.number(i as u64);
        }
    }

    fn literal(&mut self, l: &Literal) {
        match l.language() {
            Some(lang) => {
                self.byte(1);
                self.text(l.value());
                self.text(lang);
            }
            None => {
                self.byte(0);
                self.text(l.value());
                self.text(l.datatype().as_str());
            }
        }
    }

    fn literals(&mut self, list: &[Literal]) {
        self.number(list.len() as u64);
        for l in list {
            self.literal(l);
        }
    }

    fn term(&mut self, t: &Term) {
        match t {
            Term::NamedNode(n) => {
                self.byte(0);
                self.text(n.as_str());
            }
            Term::BlankNode(b) => {
                self.byte(1);
                self.text(b.as_str());
            }
            Term::Literal(l) => {
                self.byte(2);
                self.literal(l);
            }
        }
    }

    fn shape(&mut self, s: &Shape) {
        self.term(&s.id);
        match &s.path {
            Some(p) => {
                self.byte(1);
                self.text(p.as_str());
            }
            None => self.byte(0),
        }
        self.byte(u8::from(s.deactivated));
        match &s.severity {
            Severity::Violation => self.byte(0),
            Severity::Warning => self.byte(1),
            Severity::Info => self.byte(2),
            Severity::Other(iri) => {
                self.byte(3);
                self.text(iri.as_str());
            }
        }
        self.literals(&s.messages);
        self.literals(&s.names);
        self.literals(&s.descriptions);
        self.number(s.checks.len() as u64);
        for check in &s.checks {
            match check {
                Check::Class(c) => {
                    self.byte(0);
                    self.text(c.as_str());
                }
                Check::Datatype(d) => {
                    self.byte(1);
                    self.text(d.as_str());
                }
                Check::NodeKind(k) => {
                    self.byte(2);
                    let i = NodeKind::ALL.iter().position(|(n, _)| n == k).unwrap_or(0);
                    self.byte(i as u8);
                }
                Check::MinCount(n) => {
                    self.byte(3);
                    self.number(*n);
                }
                Check::MaxCount(n) => {
                    self.byte(4);
                    self.number(*n);
                }
                Check::Or(list) => {
                    self.byte(5);
                    self.indices(list);
                }
                Check::UniqueLang => self.byte(6),
                Check::Node(i) => {
                    self.byte(7);
                    self.number(*i as u64);
                }
                Check::HasValue(t) => {
                    self.byte(8);
                    self.term(t);
                }
                Check::MaxInclusive(l) => {
                    self.byte(9);
                    self.literal(l);
                }
            }
        }
        self.indices(&s.properties);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    texts: Vec<&'a str>,
    /// IRIs already checked, by text index.
    named: HashMap<usize, NamedNode>,
}

impl<'a> Reader<'a> {
    fn error(&self, message: &str) -> CompiledError {
        CompiledError {
            offset: self.at,
            message: message.to_string(),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CompiledError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error("the bytes end too early"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, CompiledError> {
        Ok(self.take(1)?[0])
    }

    fn number(&mut self) -> Result<u64, CompiledError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.error("a number is too long"))
    }

    /// A count or index: a number that fits the machine.
    fn count(&mut self) -> Result<usize, CompiledError> {
        let n = self.number()?;
        usize::try_from(n).map_err(|_| self.error("a number is too large"))
    }

    fn text_index(&mut self) -> Result<usize, CompiledError> {
        let i = self.count()?;
        if i < self.texts.len() {
            Ok(i)
        } else {
            Err(self.error("a text index is out of range"))
        }
    }

    fn text(&mut self) -> Result<&'a str, CompiledError> {
        let i = self.text_index()?;
        Ok(self.texts[i])
    }

    fn named(&mut self) -> Result<NamedNode, CompiledError> {
        let i = self.text_index()?;
        if let Some(n) = self.named.get(&i) {
            return Ok(n.clone());
        }
        let n = NamedNode::new(self.texts[i]).map_err(|e| self.error(&e.to_string()))?;
        self.named.insert(i, n.clone());
        Ok(n)
    }

    fn indices(&mut self) -> Result<Vec<usize>, CompiledError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            out.push(self.count()?);
        }
        Ok(out)
    }

    fn literal(&mut self) -> Result<Literal, CompiledError> {
        match self.byte()? {
            0 => {
                let value = self.text()?;
                Ok(Literal::new_typed_literal(value, self.named()?))
            }
            1 => {
                let value = self.text()?;
                let lang = self.text()?;
                Literal::new_language_tagged_literal(value, lang)
                    .map_err(|e| self.error(&e.to_string()))
            }
            _ => Err(self.error("unknown kind of literal")),
        }
    }

    fn literals(&mut self) -> Result<Vec<Literal>, CompiledError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            out.push(self.literal()?);
        }
        Ok(out)
    }

    fn term(&mut self) -> Result<Term, CompiledError> {
        match self.byte()? {
            0 => Ok(self.named()?.into()),
            1 => {
                let label = self.text()?;
                BlankNode::new(label)
                    .map(Term::from)
                    .map_err(|e| self.error(&e.to_string()))
            }
            2 => Ok(self.literal()?.into()),
            _ => Err(self.error("unknown kind of term")),
        }
    }

    fn shape(&mut self) -> Result<Shape, CompiledError> {
        let id = self.term()?;
        let path = match self.byte()? {
            0 => None,
            1 => Some(self.named()?),
            _ => return Err(self.error("unknown kind of path")),
        };
        let deactivated = match self.byte()? {
            0 => false,
            1 => true,
            _ => return Err(self.error("sh:deactivated is neither true nor false")),
        };
        let severity = match self.byte()? {
            0 => Severity::Violation,
            1 => Severity::Warning,
            2 => Severity::Info,
            3 => Severity::Other(self.named()?),
            _ => return Err(self.error("unknown severity")),
        };
        let messages = self.literals()?;
        let names = self.literals()?;
        let descriptions = self.literals()?;
        let n = self.count()?;
        let mut checks = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            checks.push(match self.byte()? {
                0 => Check::Class(self.named()?),
                1 => Check::Datatype(self.named()?),
                2 => {
                    let i = usize::from(self.byte()?);
                    let (kind, _) = NodeKind::ALL
                        .get(i)
                        .ok_or_else(|| self.error("unknown node kind"))?;
                    Check::NodeKind(*kind)
                }
                3 => Check::MinCount(self.number()?),
                4 => Check::MaxCount(self.number()?),
                5 => Check::Or(self.indices()?),
                6 => Check::UniqueLang,
                7 => Check::Node(self.count()?),
                8 => Check::HasValue(self.term()?),
                9 => Check::MaxInclusive(self.literal()?),
                _ => return Err(self.error("unknown constraint")),
            });
        }
        let properties = self.indices()?;
        Ok(Shape {
            id,
            path,
            deactivated,
            severity,
            messages,
            names,
            descriptions,
            checks,
            properties,
        })
    }
}
