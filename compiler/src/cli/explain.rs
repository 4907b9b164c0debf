//! `laurel explain`: what a diagnostic code means, or what a field means and which
//! values it takes.

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::check::{closest, listed, one_of};
use crate::diag::{self, Code};
use crate::ide::completion::in_list_order;
use crate::ide::hover::value_words;
use crate::syntax::schema::{words, BlockKind, FieldSpec, Shape, RESPELLINGS};
use crate::vocab::{self, Scheme};

/// `laurel explain [CODE | FIELD]`: exit 0, or 2 for a name that is neither.
pub fn run(name: Option<&str>) -> ExitCode {
    let Some(name) = name else {
        for c in diag::CODES {
            println!("{}  {:<8} {}", c.id, c.severity.as_str(), c.name);
        }
        println!(
            "`laurel explain FIELD` explains a field and lists its values (`laurel explain mode`)."
        );
        return ExitCode::SUCCESS;
    };
    if let Some(text) = field(name) {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    match Code::find(name) {
        Some(c) => {
            print!("{}", c.explanation());
            ExitCode::SUCCESS
        }
        None => {
            let fields = BlockKind::ALL
                .iter()
                .flat_map(|k| k.fields())
                .map(|f| f.key);
            let codes = diag::CODES.iter().map(|c| c.id);
            let close = closest(name, fields.chain(codes));
            let hint = match close.as_slice() {
                [] => String::new(),
                close => format!("did you mean {}? ", one_of(close)),
            };
            eprintln!(
                "`{name}` is neither a field nor a diagnostic code: {hint}`laurel explain` lists the diagnostic codes, and the language reference in README.md lists the fields of each block"
            );
            ExitCode::from(2)
        }
    }
}

/// The explanation of field `name` (or of a field written another way, `level` →
/// `eqf`): per meaning, the blocks, Annex I element, example and value; then the
/// allowed words of each vocabulary it takes. `None` when no block has the field.
fn field(name: &str) -> Option<String> {
    let respelt = RESPELLINGS.iter().find(|r| r.written == name);
    let key = respelt.map_or(name, |r| r.key);
    // the same field in several blocks: one section per distinct meaning
    let mut meanings: Vec<(&'static FieldSpec, Vec<BlockKind>)> = Vec::new();
    for kind in BlockKind::ALL {
        let Some(spec) = kind.field(key) else {
            continue;
        };
        match meanings.iter_mut().find(|(s, _)| same_meaning(s, spec)) {
            Some((_, kinds)) => kinds.push(kind),
            None => meanings.push((spec, vec![kind])),
        }
    }
    if meanings.is_empty() {
        return None;
    }
    // paragraphs, printed with a blank line between them
    let mut sections: Vec<String> = Vec::new();
    if let Some(r) = respelt {
        let unit = r.unit.map(|u| format!(" ... {u}")).unwrap_or_default();
        sections.push(format!(
            "`{name}` is written `{}{unit}` in Laurel.\n",
            r.key
        ));
    }
    let mut schemes: Vec<Scheme> = Vec::new();
    for (spec, kinds) in &meanings {
        let blocks: Vec<String> = kinds.iter().map(|k| block_words(*k).to_string()).collect();
        let annex = match spec.annex {
            Some(a) => format!("{} ({} element)", a.title(), a.part()),
            None => "not an Annex I element".into(),
        };
        sections.push(format!(
            "{key}: in {}\n  {}\n  Annex I:  {annex}\n  Example:  {} {}\n  Value:    {}\n",
            listed(&blocks, "and"),
            spec.doc,
            spec.key,
            spec.example,
            value_words(spec)
        ));
        if let Shape::Vocab(s) | Shape::VocabOrText(s) = spec.shape {
            if !schemes.contains(&s) {
                schemes.push(s);
            }
        }
        if spec.shape == Shape::Level && !schemes.contains(&Scheme::Eqf) {
            schemes.push(Scheme::Eqf);
        }
    }
    if meanings.iter().any(|(spec, _)| spec.shape == Shape::Skill) {
        sections.push(
            "Find ESCO skills and the line to write with `laurel esco search TEXT` (`laurel esco search python`).\n".into(),
        );
    }
    sections.extend(schemes.into_iter().map(|scheme| values(scheme, key)));
    Some(sections.join("\n"))
}

/// Whether two rows of the field table say the same (so their blocks share a section).
fn same_meaning(a: &FieldSpec, b: &FieldSpec) -> bool {
    a.doc == b.doc
        && a.shape == b.shape
        && a.repeatable == b.repeatable
        && a.annex == b.annex
        && a.example == b.example
}

/// Every allowed word of a vocabulary with its English label, in completion's order.
fn values(scheme: Scheme, key: &str) -> String {
    let concepts = in_list_order(vocab::scheme(scheme));
    let (named, unnamed): (Vec<_>, Vec<_>) =
        concepts.into_iter().partition(|c| !c.label_en.is_empty());
    let table = vocab::scheme(scheme);
    let words: Vec<(String, &str)> = named
        .iter()
        .map(|c| (table.word(c), c.label_en.as_str()))
        .collect();
    let none = (scheme == Scheme::Eqf).then_some(words::NONE);
    let width = words
        .iter()
        .map(|(w, _)| w.len())
        .chain(none.map(str::len))
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "Values of the {} list ({}; write the word after `{key}`):\n",
        scheme.name(),
        words.len()
    );
    for (word, label) in &words {
        let _ = writeln!(out, "  {word:<width$}  {label}");
    }
    if let Some(none) = none {
        let _ = writeln!(out, "  {none:<width$}  no EQF level applies");
    }
    if !unnamed.is_empty() {
        let _ = writeln!(
            out,
            "  ... and {} more without an English name, written by their code",
            unnamed.len()
        );
    }
    out
}

/// How a block is written: `micro-credential NAME { }`.
fn block_words(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Organisation => "`organisation NAME { }`",
        BlockKind::Accreditation => "`accreditation { }`",
        BlockKind::MicroCredential => {
            "`micro-credential NAME { }` (and `credential NAME { }`, `template NAME { }`)"
        }
        BlockKind::Template => "`template NAME { }`",
        BlockKind::Qualification => "`qualification NAME { }`",
        BlockKind::Outcome => "`outcome \"...\" { }`",
        BlockKind::Activity => "`activity \"...\" { }`",
        BlockKind::Assessment => "`assessment \"...\" { }`",
        BlockKind::Grading => "`grading \"...\" { }`",
        BlockKind::RelatedSkill => "`related-skill \"...\" { }`",
        BlockKind::Identifier => "`identifier \"...\" { }`",
        BlockKind::Alliance => "`member-of \"...\" { }`",
        BlockKind::Entitlement => "`entitlement \"...\" { }`",
        BlockKind::Document => "`document \"...\" { }`",
        BlockKind::Result => "`result \"...\" { }`",
        BlockKind::Region => "`region \"...\" { }` and `jurisdiction \"...\" { }`",
        BlockKind::Award => "`award CREDENTIAL { }`",
        BlockKind::Learner => "`learner { }`",
    }
}
