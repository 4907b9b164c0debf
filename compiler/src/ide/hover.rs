//! Hover: what the thing under the cursor means, in Markdown.
//!
//! - a field name: its meaning, value form and the Annex I element it serves (schema);
//! - a vocabulary value: the concept's labels, notation, definition and IRI;
//! - an ESCO skill (`esco "label"` or `<IRI>`): description, labels, type, IRI;
//! - an item name or a reference to one: a summary of the item;
//! - a workload: the ECTS/hours equivalent; a language tag: the language.

use std::fmt::Write as _;
use std::ops::Range;

use crate::check::StudyTime;
use crate::source::{FileId, Span};
use crate::syntax::ast::{Item, ItemKind, Value, ValueKind};
use crate::syntax::schema::{words, FieldSpec, Shape};
use crate::vocab::{self, Concept, EscoLookup, Scheme, Skill};

use super::navigation::{self, At, FieldAt, Occurrence};
use super::Analysis;

pub use crate::check::HOURS_PER_ECTS;

/// A hover result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// The bytes the hover is about (highlighted by the editor).
    pub range: Range<usize>,
    /// The text, in Markdown.
    pub markdown: String,
}

/// What a field value stands for, as far as the editor features need to know.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Meaning<'a> {
    /// A concept of a controlled list.
    Concept(Scheme, &'static Concept),
    /// `eqf none`: no level applies.
    NoLevel,
    /// The word `esco` in `skill esco "..."`.
    EscoKeyword,
    /// An ESCO skill, written as a label or an IRI.
    Skill(&'static Skill),
    /// The number of a quantity (`3` in `workload 3 ects`) and its unit.
    Amount(f64, &'a str),
    /// The unit of a quantity.
    Unit(&'a str),
    /// A fixed word of the field's syntax (`to` in a period, `country` in a national id).
    Keyword,
}

/// What value `index` of a field means, from the field's shape in the schema (skills
/// and list values looked up in the `project`'s). `None` for texts, dates, names and
/// values that do not resolve.
pub fn meaning<'a>(
    at: &FieldAt<'a>,
    index: usize,
    project: &crate::check::ProjectInfo,
) -> Option<Meaning<'a>> {
    let esco = project.esco.index();
    let spec = at.spec?;
    let values = &at.field.values;
    let value = values.get(index)?;
    let concept = |scheme: Scheme, value: &Value| -> Option<Meaning<'a>> {
        let word = match &value.kind {
            ValueKind::Iri(iri) => iri.as_str(),
            other => other.as_word()?,
        };
        let concept = project.lists.scheme(scheme).concept(word)?;
        Some(Meaning::Concept(scheme, concept))
    };
    match spec.shape {
        Shape::Vocab(scheme) | Shape::VocabOrText(scheme) => concept(scheme, value),
        Shape::Level => match &value.kind {
            ValueKind::Word(w) if w == words::NONE => Some(Meaning::NoLevel),
            _ => concept(Scheme::Eqf, value),
        },
        Shape::TextInCountry => match (index, &value.kind) {
            (1, ValueKind::Word(w)) if w == words::COUNTRY => Some(Meaning::Keyword),
            (2, _) => concept(Scheme::Country, value),
            _ => None,
        },
        Shape::Period => match &value.kind {
            ValueKind::Word(w) if w == words::TO => Some(Meaning::Keyword),
            _ => None,
        },
        Shape::Quantity(units) => match (index, &value.kind, values.get(1)) {
            (
                0,
                ValueKind::Number { value: n, .. },
                Some(Value {
                    kind: ValueKind::Word(unit),
                    ..
                }),
            ) if units.contains(&unit.as_str()) => Some(Meaning::Amount(*n, unit)),
            (1, ValueKind::Word(unit), _) if units.contains(&unit.as_str()) => {
                Some(Meaning::Unit(unit))
            }
            _ => None,
        },
        Shape::Skill => match (index, &value.kind, values.first()) {
            (0, ValueKind::Word(w), _) if w == words::ESCO => Some(Meaning::EscoKeyword),
            (
                1,
                ValueKind::Text(t),
                Some(Value {
                    kind: ValueKind::Word(w),
                    ..
                }),
            ) if w == words::ESCO => match esco.lookup_label(&t.value) {
                EscoLookup::Found(skill) => Some(Meaning::Skill(skill)),
                _ => None,
            },
            (0, ValueKind::Iri(iri), _) => esco.by_iri(iri).map(Meaning::Skill),
            _ => None,
        },
        _ => None,
    }
}

/// The hover at `offset` in `file`, if there is anything to say.
pub fn hover(analysis: &Analysis, file: FileId, offset: usize) -> Option<Hover> {
    let found = navigation::at(analysis, file, offset)?;
    let (span, markdown) = match found {
        At::Name(occurrence) => (occurrence.span, name_hover(analysis, &occurrence)?),
        At::Keyword(item, span) => (span, keyword_hover(analysis, item, span)),
        At::Key(at) => {
            let spec = at.spec?;
            let mut text = String::new();
            if let Some(short) = at.block.short_form(&at.field.key.text) {
                let _ = write!(
                    text,
                    "`{}` alone on its line is short for `{} {}`.\n\n",
                    short.line, short.key, short.value
                );
            }
            text.push_str(&field_hover(spec));
            (at.field.key.span, text)
        }
        At::Value(at, index) => {
            let value = at.field.values.get(index)?;
            let project = &analysis.project.info;
            let esco = project.esco.index();
            let meaning = meaning(&at, index, project)?;
            // The whole `esco "label"` pair answers for the skill.
            let span = match (meaning, at.field.values.get(1)) {
                (Meaning::EscoKeyword, Some(label)) => value.span.to(label.span),
                _ => value.span,
            };
            let meaning = match meaning {
                Meaning::EscoKeyword => self::meaning(&at, 1, project).unwrap_or(meaning),
                other => other,
            };
            let language = match at.field.values.get(1).map(|v| &v.kind) {
                Some(ValueKind::Text(t)) => t.lang.as_ref().map(|l| l.text.as_str()),
                _ => None,
            };
            let language = language.unwrap_or(&analysis.project.info.default_language);
            (span, value_hover(meaning, esco, language)?)
        }
        At::LangTag(_, tag) => (tag.span, language_hover(&tag.text)?),
        At::OutcomeTitle(item) => (
            item.title.as_ref().map_or(item.name.span, |t| t.span),
            item_summary(analysis, item),
        ),
    };
    Some(Hover {
        range: span.range(),
        markdown,
    })
}

fn name_hover(analysis: &Analysis, occurrence: &Occurrence<'_>) -> Option<String> {
    let definitions = navigation::definitions(&analysis.compilation, occurrence.name);
    let mut out = String::new();
    match definitions.as_slice() {
        [] => return None,
        [one] => out.push_str(&item_summary(analysis, one)),
        many => {
            let _ = writeln!(
                out,
                "`{}` is defined {} times (names must be unique in the project):\n",
                occurrence.name,
                many.len()
            );
            for item in many {
                let _ = writeln!(out, "- {}", place(analysis, item.name.span));
            }
        }
    }
    Some(out)
}

fn keyword_hover(analysis: &Analysis, item: &Item, span: Span) -> String {
    let text = analysis.project.sources.slice(span);
    if text == words::FROM {
        return "**from** `TEMPLATE`: the credential takes the template's fields; its own fields replace the template's fields of the same name, and repeatable fields (outcomes, activities, assessments, titles in other languages) are added.".to_string();
    }
    let block = navigation::item_block(item.kind);
    let mut out = format!("**{}**: {}", item.kind.keyword(), block.describe());
    if item.kind == ItemKind::Award {
        out.push_str(", one learner's credential");
    }
    out.push_str("\n\nFields:\n");
    for spec in block.fields() {
        let _ = write!(out, "\n- `{}`: {}", spec.key, spec.doc);
        if let Some(element) = spec.annex {
            let _ = write!(out, " *(Annex I: {})*", element.title());
        }
    }
    out
}

/// The hover text of a field name: meaning, value form and Annex I element.
pub fn field_hover(spec: &FieldSpec) -> String {
    let mut out = format!("**{}**: {}\n\n", spec.key, spec.doc);
    let _ = writeln!(out, "```laurel\n{} {}\n```", spec.key, spec.example);
    let _ = write!(out, "\nValue: {}.", value_words(spec));
    match spec.annex {
        Some(element) => {
            let _ = write!(
                out,
                "\n\nAnnex I ({} element): *{}*",
                element.part(),
                element.title()
            );
        }
        None => out.push_str("\n\nNot an Annex I element."),
    }
    out
}

/// Plain words for a field's value: its shape, and whether it may be repeated.
pub fn value_words(spec: &FieldSpec) -> String {
    let mut out = shape_words(spec.shape);
    if spec.repeatable {
        out.push_str(match spec.shape {
            Shape::Text => "; once per language",
            _ => "; may be repeated",
        });
    }
    out
}

/// Plain words for a value shape.
fn shape_words(shape: Shape) -> String {
    match shape {
        Shape::Text => "a quoted text, optionally with a language tag (`\"...\"@de`)".into(),
        Shape::PlainText => "a quoted text".into(),
        Shape::Vocab(s) => format!("{} {} (a bare word)", article(s.name()), s.name()),
        Shape::VocabOrText(s) => format!(
            "{} {} (a bare word), or your own term in quotes",
            article(s.name()),
            s.name()
        ),
        Shape::Name => "the name of an item".into(),
        Shape::NameOrText => "the name of an organisation, or a quoted description".into(),
        Shape::Quantity(units) => format!(
            "a number and a unit ({})",
            units
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Shape::Date => "a date (`YYYY-MM-DD`)".into(),
        Shape::DateOrDateTime => "a date, or a date and time".into(),
        Shape::Period => "two dates: `START to END`".into(),
        Shape::Skill => "`esco \"label\"` or an ESCO skill IRI in `<...>`".into(),
        Shape::TitledBlock => "a quoted title, then a block `{ ... }`".into(),
        Shape::Block => "a block `{ ... }`".into(),
        Shape::Level => "an EQF level (1 to 8), or `none`".into(),
        Shape::Stackability => "the name of a qualification, or `stand-alone`".into(),
        Shape::TextInCountry => "a quoted text, optionally `country CODE`".into(),
        Shape::Words(words) => format!("one of {}", crate::check::one_of(words)),
    }
}

fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'E' | 'I') => "an",
        _ => "a",
    }
}

fn value_hover(meaning: Meaning<'_>, esco: &vocab::EscoIndex, language: &str) -> Option<String> {
    match meaning {
        Meaning::Concept(scheme, concept) => Some(concept_hover(scheme, concept, language)),
        Meaning::NoLevel => Some(
            "**none**: no EQF level applies to this learning experience (Annex I asks for the level *if applicable*). No level is written to the credential.".into(),
        ),
        Meaning::Skill(skill) => Some(skill_hover(skill, esco, language)),
        Meaning::Amount(n, unit) => Some(amount_hover(n, unit)),
        Meaning::Unit(unit) => Some(unit_hover(unit)),
        Meaning::EscoKeyword | Meaning::Keyword => None,
    }
}

/// Hover text of a vocabulary concept: labels (German, French and the document's
/// `language`), notation, definition and IRI.
pub fn concept_hover(scheme: Scheme, concept: &Concept, language: &str) -> String {
    let mut out = String::new();
    let label = concept
        .label("en")
        .unwrap_or_else(|| concept.notation.as_deref().unwrap_or(concept.iri.as_str()));
    let _ = write!(out, "**{label}**");
    if let Some(n) = &concept.notation {
        if n != label {
            let _ = write!(out, " (`{n}`)");
        }
    }
    let _ = write!(out, "\n\n{}", capitalise(scheme.name()));
    let others: Vec<String> = concept
        .labels_shown(language)
        .map(|(l, t)| format!("{l}: {t}"))
        .collect();
    if !others.is_empty() {
        let _ = write!(out, " · {}", others.join(" · "));
    }
    if let Some(definition) = &concept.definition {
        let _ = write!(out, "\n\n{definition}");
    }
    let _ = write!(out, "\n\nIRI: <{}>", concept.iri);
    out
}

/// With up to this many languages loaded (the bundled English and French, a project's
/// two or three), a skill's hover heads with its label in each; with more, only the
/// document's language and English.
const LABELS_IN_EVERY_LANGUAGE_UP_TO: usize = 3;

/// Hover text of an ESCO skill of `index`, in `language` where it has labels there:
/// preferred label (and the English one), description, alternative labels, type and IRI.
pub fn skill_hover(skill: &Skill, index: &vocab::EscoIndex, language: &str) -> String {
    let label = skill.pref_label(language).unwrap_or(skill.pref_label_en);
    let mut out = format!("**{label}** (ESCO skill)");
    if label != skill.pref_label_en {
        let _ = write!(out, " · en: {}", skill.pref_label_en);
    } else if index.languages().len() <= LABELS_IN_EVERY_LANGUAGE_UP_TO {
        for (lang, label) in skill.pref_labels() {
            if lang != "en" {
                let _ = write!(out, " · {lang}: {label}");
            }
        }
    }
    if let Some((_, description)) = index.description_in(skill.iri, language) {
        let _ = write!(out, "\n\n{description}");
    }
    let alt_language = if skill.pref_label(language).is_some() {
        language
    } else {
        "en"
    };
    let alt: Vec<&str> = (skill.alt_labels_in(alt_language).iter())
        .copied()
        .take(8)
        .collect();
    if !alt.is_empty() {
        let _ = write!(out, "\n\nAlso: {}", alt.join(" · "));
    }
    let facts: Vec<&str> = [skill.skill_type, skill.reuse_level]
        .into_iter()
        .flatten()
        .collect();
    if !facts.is_empty() {
        let _ = write!(out, "\n\n{}", facts.join(", "));
    }
    let _ = write!(
        out,
        "\n\nIRI: <{}>\n\n*ESCO {}. {}*",
        skill.iri,
        index.version(),
        vocab::ESCO_ATTRIBUTION
    );
    out
}

/// The range of hours that `ects` credits stand for.
pub fn hours_for_ects(ects: f64) -> (f64, f64) {
    (ects * HOURS_PER_ECTS.0, ects * HOURS_PER_ECTS.1)
}

/// A number without a trailing `.0`.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.1}");
        s.trim_end_matches(".0").to_string()
    }
}

fn amount_hover(n: f64, unit: &str) -> String {
    match unit {
        "ects" => {
            let (lo, hi) = hours_for_ects(n);
            format!(
                "**{} ECTS credits** ≈ {}–{} hours of work (1 ECTS = {}–{} hours, ECTS Users' Guide)",
                number(n),
                number(lo),
                number(hi),
                number(HOURS_PER_ECTS.0),
                number(HOURS_PER_ECTS.1)
            )
        }
        "hours" => format!(
            "**{} hours** ≈ {}–{} ECTS credits (1 ECTS = {}–{} hours). Annex I asks for the workload in ECTS wherever possible.{}",
            number(n),
            number(n / HOURS_PER_ECTS.1),
            number(n / HOURS_PER_ECTS.0),
            number(HOURS_PER_ECTS.0),
            number(HOURS_PER_ECTS.1),
            written_as(n, unit)
        ),
        other => format!("**{} {other}**{}", number(n), written_as(n, unit)),
    }
}

/// How a study time is written in the credential: `\n\nWritten as the duration `P3D` ...`.
fn written_as(n: f64, unit: &str) -> String {
    match StudyTime::of(n, unit) {
        Some(time) => format!(
            "\n\nWritten in the credential as the ISO 8601 duration `{}` (ELM `volumeOfLearning`){}.",
            time.duration(),
            if unit == "weeks" { ", in days: a duration has no weeks" } else { "" }
        ),
        None => String::new(),
    }
}

fn unit_hover(unit: &str) -> String {
    match unit {
        "ects" => format!(
            "**ects**: credits of the European Credit Transfer and Accumulation System; 1 ECTS = {}–{} hours of work",
            number(HOURS_PER_ECTS.0),
            number(HOURS_PER_ECTS.1)
        ),
        "hours" => "**hours**: hours of notional learning time".into(),
        "ecvet" => "**ecvet**: points of ECVET, the European credit system for vocational education and training".into(),
        "days" => "**days**: days of learning, written as a duration in days (`P3D`)".into(),
        "weeks" => "**weeks**: weeks of learning, written as a duration in days (`P14D`: an ISO 8601 duration in XSD has no weeks)".into(),
        other => format!("**{other}**"),
    }
}

fn language_hover(tag: &str) -> Option<String> {
    let code = vocab::language_code_for_tag(tag)?;
    let concept = vocab::scheme(Scheme::Language).concept(code)?;
    Some(format!(
        "**{}**: language tag `{tag}` ({})\n\nIRI: <{}>",
        concept.label("en").unwrap_or(code),
        code,
        concept.iri
    ))
}

/// `credentials.laurel:12`.
fn place(analysis: &Analysis, span: Span) -> String {
    let file = analysis.project.sources.get(span.file);
    let (line, _) = file.line_col(span.start as usize);
    let path = file
        .path
        .strip_prefix(&analysis.project.root)
        .unwrap_or(&file.path);
    format!("`{}:{line}`", path.display())
}

/// A short description of an item: kind and name, doc comment, title and main facts.
pub fn item_summary(analysis: &Analysis, item: &Item) -> String {
    let mut out = format!("**{}** `{}`", item.kind.keyword(), item.name.text);
    if let Some(from) = &item.from {
        let _ = write!(out, " from `{}`", from.text);
    }
    if item.broken {
        out.push_str(" *(could not be read: fix its syntax errors)*");
    }
    if let Some(doc) = &item.doc {
        let _ = write!(out, "\n\n{doc}");
    }
    let mut headline: Vec<String> = Vec::new();
    if let Some(Value {
        kind: ValueKind::Text(t),
        ..
    }) = &item.title
    {
        headline.push(t.value.clone());
    }
    let mut facts = Vec::new();
    let mut headline_key = None;
    for at in navigation::fields(item) {
        if at.block != navigation::item_block(item.kind) {
            continue;
        }
        let Some(spec) = at.spec else { continue };
        let field = at.field;
        match spec.shape {
            Shape::Text if headline_key.is_none_or(|k| k == spec.key) && item.title.is_none() => {
                if let [Value {
                    kind: ValueKind::Text(t),
                    ..
                }] = field.values.as_slice()
                {
                    headline_key = Some(spec.key);
                    headline.push(match &t.lang {
                        Some(lang) => format!("{} *({})*", t.value, lang.text),
                        None => t.value.clone(),
                    });
                }
            }
            Shape::Text | Shape::Block | Shape::TitledBlock | Shape::Skill => {}
            _ if facts.len() < 10 => {
                let words: Vec<String> = field
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let written = analysis.project.sources.slice(v.span).to_string();
                        match meaning(&at, i, &analysis.project.info) {
                            Some(Meaning::Concept(_, c)) => match c.label("en") {
                                Some(label) if label != written => format!("{written} ({label})"),
                                _ => written,
                            },
                            _ => written,
                        }
                    })
                    .collect();
                facts.push(format!("- {}: {}", spec.key, words.join(" ")));
            }
            _ => {}
        }
    }
    if let Some(first) = headline.first() {
        let _ = write!(out, "\n\n{first}");
        for other in &headline[1..] {
            let _ = write!(out, " · {other}");
        }
    }
    if item.kind == ItemKind::Outcome {
        let language = analysis.project.info.default_language.as_str();
        let skills: Vec<String> = navigation::fields(item)
            .iter()
            .filter(|at| at.spec.is_some_and(|s| s.shape == Shape::Skill))
            .filter_map(|at| {
                match meaning(
                    at,
                    at.field.values.len().saturating_sub(1),
                    &analysis.project.info,
                ) {
                    Some(Meaning::Skill(s)) => Some(format!(
                        "- ESCO: {}",
                        s.pref_label(language).unwrap_or(s.pref_label_en)
                    )),
                    _ => None,
                }
            })
            .collect();
        facts.extend(skills);
    }
    if !facts.is_empty() {
        let _ = write!(out, "\n\n{}", facts.join("\n"));
    }
    let _ = write!(out, "\n\nDefined in {}", place(analysis, item.name.span));
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::navigation::test_support::{analysis, cursor};

    fn hover_at(marked: &str) -> Option<Hover> {
        let (text, offset) = cursor(marked);
        let orgs = "/// Our awarding body.\norganisation academy {\n  legal-name \"Example Academy\"\n  country DEU\n}\n";
        let a = analysis(&[("c.laurel", &text), ("orgs.laurel", orgs)]);
        hover(&a, FileId(0), offset)
    }

    #[test]
    fn field_names_give_meaning_and_annex_element() {
        let h = hover_at("micro-credential c {\n  work$load 3 ects\n}\n").unwrap();
        assert!(h.markdown.contains("Notional workload"), "{}", h.markdown);
        assert!(
            h.markdown.contains("Annex I (mandatory element)"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn a_short_form_line_says_what_it_stands_for() {
        let h = hover_at("micro-credential c {\n  stand-al$one\n}\n").unwrap();
        assert!(
            h.markdown.starts_with(
                "`stand-alone` alone on its line is short for `stackable-into stand-alone`."
            ),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("**stackable-into**"), "{}", h.markdown);
    }

    #[test]
    fn vocabulary_values_give_label_and_iri() {
        let h = hover_at("micro-credential c {\n  mode onl$ine\n}\n").unwrap();
        assert!(
            h.markdown
                .contains("IRI: <http://data.europa.eu/snb/learning-assessment/"),
            "{}",
            h.markdown
        );
        let h = hover_at("micro-credential c {\n  field 06$13\n}\n").unwrap();
        assert!(h.markdown.contains("(`0613`)"), "{}", h.markdown);
        let h = hover_at("micro-credential c {\n  eqf no$ne\n}\n").unwrap();
        assert!(h.markdown.contains("no EQF level"), "{}", h.markdown);
    }

    #[test]
    fn skills_give_esco_description() {
        let h = hover_at(
            "micro-credential c {\n  outcome \"x\" {\n    skill esco \"manage research d$ata\"\n  }\n}\n",
        )
        .unwrap();
        assert!(
            h.markdown
                .starts_with("**manage research data** (ESCO skill)"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown
                .contains("IRI: <http://data.europa.eu/esco/skill/"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains(vocab::ESCO_ATTRIBUTION));
    }

    #[test]
    fn references_summarise_the_item() {
        let h = hover_at("micro-credential c {\n  awarding-body acad$emy\n}\n").unwrap();
        assert!(
            h.markdown.contains("**organisation** `academy`"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("Our awarding body."), "{}", h.markdown);
        assert!(h.markdown.contains("Example Academy"), "{}", h.markdown);
        assert!(
            h.markdown.contains("country: DEU (Germany)"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("`orgs.laurel:2`"), "{}", h.markdown);
    }

    #[test]
    fn workloads_give_the_equivalent() {
        let h = hover_at("micro-credential c {\n  workload $3 ects\n}\n").unwrap();
        assert!(h.markdown.contains("75–90 hours"), "{}", h.markdown);
    }

    #[test]
    fn a_study_time_says_the_duration_it_is_written_as() {
        let said = |line: &str| {
            hover_at(&format!("micro-credential c {{\n  workload ${line}\n}}\n"))
                .unwrap()
                .markdown
        };
        assert!(
            said("60 hours").contains("ISO 8601 duration `PT60H`"),
            "{}",
            said("60 hours")
        );
        assert!(
            said("3 days").contains("duration `P3D`"),
            "{}",
            said("3 days")
        );
        let weeks = said("2 weeks");
        assert!(weeks.contains("duration `P14D`"), "{weeks}");
        assert!(weeks.contains("a duration has no weeks"), "{weeks}");
    }
}
