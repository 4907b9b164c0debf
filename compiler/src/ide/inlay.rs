//! Inlay hints: short grey text the editor shows inside a line.
//!
//! - after an ESCO IRI (`skill <http://data.europa.eu/esco/skill/...>`): the preferred label;
//! - after an ESCO alternative label: the preferred label it stands for;
//! - after an ECTS workload (`workload 3 ects`): the hours it stands for (75–90 h);
//! - after a vocabulary code (`field 0613`, `country DE`, `language en`): its label.

use std::ops::Range;

use crate::source::FileId;
use crate::syntax::ast::ValueKind;
use crate::vocab;

use super::hover::{hours_for_ects, meaning, number, Meaning, HOURS_PER_ECTS};
use super::navigation;
use super::Analysis;

/// What a hint is about (editors style them differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlayKind {
    /// A label for a code or an IRI.
    Label,
    /// A converted quantity.
    Equivalent,
}

/// One inlay hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Byte offset the hint is shown at (just after the value it explains).
    pub offset: usize,
    /// The text shown.
    pub label: String,
    /// What it is about.
    pub kind: InlayKind,
    /// Longer text on hover, if any.
    pub tooltip: Option<String>,
}

/// The hints for the values in `range` of `file`, in source order.
pub fn inlay_hints(analysis: &Analysis, file: FileId, range: Range<usize>) -> Vec<InlayHint> {
    let mut out = Vec::new();
    let Some(parsed) = navigation::parsed(analysis, file) else {
        return out;
    };
    let text = &analysis.project.sources.get(file).text;
    for item in &parsed.items {
        let span = item.span.range();
        if span.end < range.start || span.start > range.end {
            continue;
        }
        for at in navigation::fields(item) {
            for (index, value) in at.field.values.iter().enumerate() {
                let end = value.span.end as usize;
                if end < range.start || value.span.start as usize > range.end {
                    continue;
                }
                let Some(meaning) = meaning(&at, index, &analysis.project.info) else {
                    continue;
                };
                let written = text.get(value.span.range()).unwrap_or("");
                let hint = match (meaning, &value.kind) {
                    (Meaning::Skill(skill), ValueKind::Iri(_)) => Some((
                        skill.pref_label_en.to_string(),
                        InlayKind::Label,
                        Some(format!("ESCO skill: {}", skill.pref_label_en)),
                    )),
                    (Meaning::Skill(skill), ValueKind::Text(t))
                        if !skill
                            .pref_labels()
                            .any(|(_, l)| vocab::kebab(l) == vocab::kebab(&t.value)) =>
                    {
                        Some((
                            format!("= {}", skill.pref_label_en),
                            InlayKind::Label,
                            Some(format!(
                                "\"{}\" is an alternative label of the ESCO skill \"{}\"",
                                t.value, skill.pref_label_en
                            )),
                        ))
                    }
                    (Meaning::Unit("ects"), _) => match at.field.values.first().map(|v| &v.kind) {
                        Some(ValueKind::Number { value: n, .. }) => {
                            let (lo, hi) = hours_for_ects(*n);
                            Some((
                                format!("≈ {}–{} h", number(lo), number(hi)),
                                InlayKind::Equivalent,
                                Some(format!(
                                    "1 ECTS credit = {}–{} hours of work (ECTS Users' Guide)",
                                    number(HOURS_PER_ECTS.0),
                                    number(HOURS_PER_ECTS.1)
                                )),
                            ))
                        }
                        _ => None,
                    },
                    (
                        Meaning::Concept(_, concept),
                        ValueKind::Word(_) | ValueKind::Number { .. },
                    ) => concept.label("en").and_then(|label| {
                        let k = vocab::kebab(label);
                        let w = written.to_ascii_lowercase();
                        let says_it = k == w
                            || k.ends_with(&format!("-{w}"))
                            || k.starts_with(&format!("{w}-"));
                        (!says_it).then(|| (label.to_string(), InlayKind::Label, None))
                    }),
                    _ => None,
                };
                if let Some((label, kind, tooltip)) = hint {
                    out.push(InlayHint {
                        offset: end,
                        label,
                        kind,
                        tooltip,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::navigation::test_support::analysis;

    #[test]
    fn esco_iri_ects_and_codes() {
        let iri = vocab::esco().lookup_label("manage research data").clone();
        let vocab::EscoLookup::Found(skill) = iri else {
            panic!("no skill")
        };
        let text = format!(
            "micro-credential c {{\n  workload 3 ects\n  field 0613\n  mode online\n  outcome \"x\" {{\n    skill <{}>\n  }}\n}}\n",
            skill.iri
        );
        let a = analysis(&[("c.laurel", &text)]);
        let hints = inlay_hints(&a, FileId(0), 0..text.len());
        let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels[0], "≈ 75–90 h");
        assert!(labels[1].to_lowercase().contains("software"), "{labels:?}");
        assert_eq!(labels.len(), 3, "{labels:?}");
        assert_eq!(labels[2], "manage research data");
        assert_eq!(hints[0].offset, text.find(" ects").unwrap() + 5);
    }
}
