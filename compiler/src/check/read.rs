//! Reading a block's fields against the field schema: unknown fields, repeats, value
//! shapes, language tags and vocabulary words are reported here, once.

use std::collections::HashMap;

use super::examples::Examples;
use super::model::{LangText, Moment, Term, TermOrText};
use crate::diag::{codes, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{Date, Field, Ident, Value, ValueKind};
use crate::syntax::schema::{BlockKind, FieldSpec, ShortForm};
use crate::vocab::{self, ConceptScheme, NotUnlisted, ProjectLists, Scheme};

/// Suggests the closest of `candidates` to `word` (up to three, closest first).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    scored(word, candidates)
        .into_iter()
        .map(|(_, c)| c)
        .collect()
}

/// The closest candidates (at most three) with their similarity, best first.
fn scored<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<(f64, &'a str)> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.truncate(3);
    scored
}

/// How much closer the likeliest candidate must be than the next for a misspelling to
/// stand for it (`titel` is `title`, not `subtitle`).
const CLEARLY_CLOSER: f64 = 0.1;

/// `a`, `a` or `b`, `a`, `b` or `c`, each in backticks.
pub fn one_of(words: &[&str]) -> String {
    listed(&quoted(words), "or")
}

/// `a`, `a` and `b`, `a`, `b` and `c`, each in backticks.
pub fn all_of(words: &[&str]) -> String {
    listed(&quoted(words), "and")
}

fn quoted(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| format!("`{w}`")).collect()
}

/// `a`, `a or b`, `a, b or c` (with `and` for `conjunction` "and").
pub fn listed(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// A suggested word in backticks, with the concept's English label when the word is a
/// code: `` `0713` (Electricity and energy) ``, `` `online` ``.
fn word_and_label(table: &vocab::ConceptScheme, word: &str) -> String {
    match table.concept(word) {
        Some(c) if c.notation.is_some() && c.kebab() != word && !c.label_en.is_empty() => {
            format!("`{word}` ({})", c.label_en)
        }
        _ => format!("`{word}`"),
    }
}

/// The fields of one block, checked against the schema of its kind.
pub struct Reader<'a> {
    kind: BlockKind,
    fields: Vec<&'a Field>,
    /// The fields that unknown fields stand for, with the unit where the spelling says
    /// it (`ects 2` is a `workload` in `ects`).
    respelt: Vec<(&'static str, Option<&'static str>)>,
    /// Lines in short form (`stand-alone`), with what they stand for.
    shorts: Vec<(&'static ShortForm, &'a Field)>,
    /// Example values fitted to the project (and its default language).
    examples: Examples,
    /// The controlled lists values are checked against.
    lists: ProjectLists,
}

impl<'a> Reader<'a> {
    /// Checks field names, repeats and nested blocks; unknown fields are dropped.
    pub fn new(
        kind: BlockKind,
        fields: Vec<&'a Field>,
        examples: &Examples,
        lists: ProjectLists,
        diags: &mut Vec<Diagnostic>,
    ) -> Reader<'a> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut kept = Vec::new();
        let mut respelt = Vec::new();
        let mut shorts = Vec::new();
        for field in fields {
            let key = field.key.text.as_str();
            if let Some(short) = kind.short_form(key) {
                if field.values.is_empty() && field.block.is_none() {
                    shorts.push((short, field));
                } else {
                    diags.push(
                        Diagnostic::new(
                            &codes::BAD_VALUE,
                            field.span,
                            format!("`{key}` stands alone on its line"),
                        )
                        .with_label(format!("short for `{} {}`", short.key, short.value))
                        .with_help(format!(
                            "write `{key}` alone, or `{} ...` with the value",
                            short.key
                        )),
                    );
                }
                continue;
            }
            let Some(spec) = kind.field(key) else {
                let (d, stands_for) = unknown_field(kind, field);
                respelt.extend(stands_for);
                diags.push(d);
                continue;
            };
            if !spec.repeatable {
                if let Some(first) = seen.get(key) {
                    diags.push(
                        Diagnostic::new(
                            &codes::DUPLICATE_FIELD,
                            field.key.span,
                            format!("`{key}` is given twice"),
                        )
                        .with_label("second value")
                        .with_related(*first, "first given here")
                        .with_help("keep one of them"),
                    );
                    continue;
                }
                seen.insert(spec.key, field.key.span);
            }
            match (spec.block, &field.block) {
                (None, Some(block)) => diags.push(
                    Diagnostic::new(
                        &codes::BLOCK_SHAPE,
                        block.span,
                        format!("`{key}` does not take a block"),
                    )
                    .with_help(format!(
                        "write `{key} {}` on one line",
                        examples.example(spec.key, spec.example)
                    )),
                ),
                (Some(_), None) if spec.shape == crate::syntax::schema::Shape::Block => diags.push(
                    Diagnostic::new(
                        &codes::BLOCK_SHAPE,
                        field.span,
                        format!("`{key}` needs a block `{{ ... }}`"),
                    )
                    .with_help(format!(
                        "write `{key} {{`, then its fields, one per line, then `}}`"
                    )),
                ),
                _ => {}
            }
            kept.push(field);
        }
        Reader {
            kind,
            fields: kept,
            respelt,
            shorts,
            examples: examples.clone(),
            lists,
        }
    }

    /// The fields with this key.
    pub fn all(&self, key: &'a str) -> impl Iterator<Item = &'a Field> + '_ {
        self.fields
            .iter()
            .copied()
            .filter(move |f| f.key.text == key)
    }

    /// Whether the block says something for this key: the field, or a line already
    /// reported as written differently (`ects 2` for `workload`), which is not reported
    /// again as missing.
    pub fn wrote(&self, key: &str) -> bool {
        self.one(key).is_some()
            || self.respelt.iter().any(|&(k, _)| k == key)
            || self.shorts.iter().any(|(s, _)| s.key == key)
    }

    /// Whether an unknown field stands for `key` in `unit` (`ects 2`: `workload` in
    /// `ects`), so that what it says is not reported as missing too.
    pub fn respelt_in(&self, key: &str, unit: &str) -> bool {
        self.respelt.contains(&(key, Some(unit)))
    }

    /// The values that short-form lines give `key`, each at its line: `stand-alone` for
    /// `stackable-into`.
    pub fn short_values(&self, key: &str) -> Vec<Ident> {
        self.shorts
            .iter()
            .filter(|(s, _)| s.key == key)
            .map(|(s, field)| Ident {
                text: s.value.to_string(),
                span: field.key.span,
            })
            .collect()
    }

    /// The first field with this key.
    pub fn one(&self, key: &str) -> Option<&'a Field> {
        self.fields.iter().copied().find(|f| f.key.text == key)
    }

    fn spec(&self, key: &str) -> Option<&'static FieldSpec> {
        self.kind.field(key)
    }

    /// Reports a value of the wrong shape.
    /// A reader of the block of `field` (`activity "..." { ... }`), as a block of `kind`.
    pub fn block(
        &self,
        kind: BlockKind,
        field: &'a Field,
        diags: &mut Vec<Diagnostic>,
    ) -> Reader<'a> {
        let fields = field.block.iter().flat_map(|b| b.fields.iter()).collect();
        Reader::new(kind, fields, &self.examples, self.lists, diags)
    }

    /// Reports that this block, the block of `field`, lacks the field `key` it needs
    /// ("a related skill needs its IRI"), pointing at the block's key, with the line to add
    /// (`key example`) and what it holds (`what`). Nothing when `key` is written (a
    /// value that is wrong is reported where it is read).
    pub fn require(
        &self,
        field: &Field,
        key: &str,
        needs: &str,
        example: &str,
        what: &str,
        diags: &mut Vec<Diagnostic>,
    ) {
        if self.one(key).is_none() {
            diags.push(
                Diagnostic::new(&codes::BAD_VALUE, field.key.span, needs.to_string())
                    .with_label(format!("no `{key}` in this block"))
                    .with_help(format!("add `{key} {example}`: {what}")),
            );
        }
    }

    /// A field that takes one of `words` (`qf-ehea first-cycle`): the word written.
    pub fn word(
        &self,
        key: &str,
        words: &'static [&'static str],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&'static str> {
        let field = self.one(key)?;
        let written = match field.values.as_slice() {
            [v] => v.kind.as_word(),
            _ => None,
        };
        if let Some(word) = written.and_then(|w| words.iter().find(|k| **k == w)) {
            return Some(word);
        }
        match written {
            Some(w) => {
                let help = match closest(w, words.iter().copied()).first() {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("write {}", one_of(words)),
                };
                diags.push(
                    Diagnostic::new(
                        &codes::BAD_VALUE,
                        field.values[0].span,
                        format!("`{w}` is not one of the words `{key}` takes"),
                    )
                    .with_help(help),
                );
            }
            None => self.bad_value(field, &format!("one of {}", one_of(words)), diags),
        }
        None
    }

    /// A `"text" [country CODE]` field: the text, and the country when one is given.
    pub fn text_in_country(
        &self,
        key: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(String, Option<Term>)> {
        let field = self.one(key)?;
        let text = |value: &Value, diags: &mut Vec<Diagnostic>| {
            let alone = Field {
                values: vec![value.clone()],
                ..field.clone()
            };
            plain_text(self, &alone, diags)
        };
        match field.values.as_slice() {
            [v] => text(v, diags).map(|t| (t, None)),
            [v, Value {
                kind: ValueKind::Word(w),
                ..
            }, country]
                if w == crate::syntax::schema::words::COUNTRY =>
            {
                let t = text(v, diags)?;
                Some((
                    t,
                    resolve_term(self.lists.scheme(Scheme::Country), country, diags),
                ))
            }
            _ => {
                self.bad_value(
                    field,
                    "a quoted text, optionally followed by `country CODE`",
                    diags,
                );
                None
            }
        }
    }

    /// A `"text" country CODE` field whose country is required: `what` ("a place of
    /// birth") names it in the message when the country is missing.
    pub fn text_in_a_country(
        &self,
        key: &str,
        what: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(String, Term)> {
        let (text, country) = self.text_in_country(key, diags)?;
        if country.is_none() {
            if let Some(f) = self.one(key) {
                diags.push(
                    Diagnostic::new(
                        &codes::BAD_VALUE,
                        f.span,
                        format!("{what} needs its country"),
                    )
                    .with_help(format!(
                        "add the country after it: `{key} \"{text}\" country {}`",
                        self.examples.country
                    )),
                );
            }
        }
        Some((text, country?))
    }

    pub fn bad_value(&self, field: &Field, expected: &str, diags: &mut Vec<Diagnostic>) {
        if field
            .values
            .iter()
            .any(|v| matches!(v.kind, ValueKind::Invalid(_)))
        {
            return; // already reported where the value was read
        }
        let example = self
            .spec(&field.key.text)
            .map_or(String::new(), |s| self.examples.example(s.key, s.example));
        let span = match (field.values.first(), field.values.last()) {
            (Some(a), Some(b)) => a.span.to(b.span),
            _ => field.key.span,
        };
        let found = match field.values.as_slice() {
            [] => "nothing".to_string(),
            [one] => one.kind.describe().to_string(),
            _ => format!("{} values", field.values.len()),
        };
        diags.push(
            Diagnostic::new(
                &codes::BAD_VALUE,
                span,
                format!(
                    "`{}` takes {expected}, but here it has {found}",
                    field.key.text
                ),
            )
            .with_label(format!("expected {expected}"))
            .with_help(format!("for example: `{} {example}`", field.key.text)),
        );
    }

    /// All texts of a key, one per language.
    pub fn texts(&self, key: &'a str, diags: &mut Vec<Diagnostic>) -> LangText {
        self.texts_of(self.all(key), diags)
    }

    /// Texts from the given fields (each one text value), one per language.
    pub fn texts_of(
        &self,
        fields: impl Iterator<Item = &'a Field>,
        diags: &mut Vec<Diagnostic>,
    ) -> LangText {
        self.texts_after(LangText::default(), None, fields, diags)
    }

    /// A titled block's title in every language: `main`, the text after the block's key
    /// (`activity "Online course" { ... }`, read from `header`), then the block's `title`
    /// lines. A `title` line in a language the main title already has is L0013, never
    /// dropped in silence.
    pub fn title_after(
        &self,
        main: LangText,
        header: &Value,
        diags: &mut Vec<Diagnostic>,
    ) -> LangText {
        self.texts_after(main, Some(header), self.all("title"), diags)
    }

    /// `out` (the text of `first`, when given) and then one text per further language
    /// from `fields`.
    fn texts_after(
        &self,
        mut out: LangText,
        first: Option<&Value>,
        fields: impl Iterator<Item = &'a Field>,
        diags: &mut Vec<Diagnostic>,
    ) -> LangText {
        // (language, place, untagged)
        let mut spans: Vec<(String, Span, bool)> = Vec::new();
        if let (Some(first), Some((lang, _))) = (first, out.0.first()) {
            let untagged = matches!(&first.kind, ValueKind::Text(t) if t.lang.is_none());
            spans.push((lang.clone(), first.span, untagged));
        }
        for field in fields {
            let Some(value) = self.single_text_value(field, diags) else {
                continue;
            };
            let untagged = matches!(&value.kind, ValueKind::Text(t) if t.lang.is_none());
            if let Some((lang, text)) = lang_text(value, &self.examples.default_language, diags) {
                if let Some((_, first, first_untagged)) = spans.iter().find(|(l, ..)| *l == lang) {
                    let help = if untagged || *first_untagged {
                        format!("a text without `@` tag is in the project's `default-language`, `{lang}` (set in Laurel.toml; `en` when not set): tag the one in another language with its code (`\"...\"@{}` ...), or remove one", self.examples.other_language())
                    } else {
                        format!(
                            "tag the other language, e.g. `\"...\"@{}`, or remove one",
                            self.examples.other_language()
                        )
                    };
                    diags.push(
                        Diagnostic::new(
                            &codes::DUPLICATE_LANGUAGE,
                            value.span,
                            format!("`{}` has two texts in language `{lang}`", field.key.text),
                        )
                        .with_label(if untagged {
                            "no `@` tag: in the default language"
                        } else {
                            "second text in this language"
                        })
                        .with_related(*first, "first one here")
                        .with_help(help),
                    );
                    continue;
                }
                spans.push((lang.clone(), value.span, untagged));
                out.0.push((lang, text));
            }
        }
        out
    }

    fn single_text_value(
        &self,
        field: &'a Field,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&'a Value> {
        match field.values.as_slice() {
            [v @ Value {
                kind: ValueKind::Text(_),
                ..
            }] => Some(v),
            _ => {
                self.bad_value(field, "a quoted text", diags);
                None
            }
        }
    }

    /// A text without language tag (identifiers, URLs).
    pub fn plain(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let field = self.one(key)?;
        plain_text(self, field, diags)
    }

    /// A vocabulary value.
    pub fn term(&self, key: &str, scheme: Scheme, diags: &mut Vec<Diagnostic>) -> Option<Term> {
        let field = self.one(key)?;
        self.term_of(field, scheme, diags)
    }

    /// All vocabulary values of a repeatable key.
    pub fn terms(&self, key: &'a str, scheme: Scheme, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
        let mut out: Vec<Term> = Vec::new();
        for field in self.all(key) {
            if let Some(t) = self.term_of(field, scheme, diags) {
                if !out.iter().any(|o| o.concept.iri == t.concept.iri) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// A value that is a word of `scheme`, or the issuer's own term in quotes, once per
    /// language on the line (`"Peer review" "Begutachtung"@de`; a language twice is
    /// L0013).
    pub fn term_or_text(
        &self,
        field: &Field,
        scheme: Scheme,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<TermOrText> {
        let texts = !field.values.is_empty()
            && field
                .values
                .iter()
                .all(|v| matches!(v.kind, ValueKind::Text(_)));
        if !texts {
            return self.term_of(field, scheme, diags).map(TermOrText::Term);
        }
        let mut out = LangText::default();
        for value in &field.values {
            let Some((lang, text)) = lang_text(value, &self.examples.default_language, diags)
            else {
                continue;
            };
            if out.get(&lang).is_some() {
                diags.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_LANGUAGE,
                        value.span,
                        format!("`{}` has two texts in language `{lang}`", field.key.text),
                    )
                    .with_help(format!(
                        "give each language once: `\"...\" \"...\"@{}`",
                        self.examples.other_language()
                    )),
                );
                continue;
            }
            out.0.push((lang, text));
        }
        (!out.is_empty()).then_some(TermOrText::Text(out))
    }

    /// The vocabulary value of one field.
    pub fn term_of(
        &self,
        field: &Field,
        scheme: Scheme,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Term> {
        match field.values.as_slice() {
            [value] => resolve_term(self.lists.scheme(scheme), value, diags),
            _ => {
                self.bad_value(field, &format!("one {} value", scheme.name()), diags);
                None
            }
        }
    }

    /// Names (references) of a key.
    pub fn names(&self, key: &'a str, diags: &mut Vec<Diagnostic>) -> Vec<Ident> {
        self.all(key)
            .filter_map(|f| self.name_of(f, diags))
            .collect()
    }

    /// The name (reference) in one field.
    pub fn name_of(&self, field: &Field, diags: &mut Vec<Diagnostic>) -> Option<Ident> {
        match field.values.as_slice() {
            [Value {
                kind: ValueKind::Word(w),
                span,
            }] => Some(Ident {
                text: w.clone(),
                span: *span,
            }),
            _ => {
                self.bad_value(field, "the name of an item", diags);
                None
            }
        }
    }

    /// `NUMBER UNIT` values of a key, with the unit checked.
    pub fn quantities(
        &self,
        key: &'a str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<(f64, String, Span)> {
        let units: &[&str] = match self.spec(key).map(|s| s.shape) {
            Some(crate::syntax::schema::Shape::Quantity(units)) => units,
            _ => &[],
        };
        let mut out: Vec<(f64, String, Span)> = Vec::new();
        for field in self.all(key) {
            match field.values.as_slice() {
                [Value {
                    kind: ValueKind::Number { value, .. },
                    span: s1,
                }, Value {
                    kind: ValueKind::Word(unit),
                    span: s2,
                }] => {
                    let unit_lower = unit.to_ascii_lowercase();
                    let canonical = match unit_lower.as_str() {
                        "hour" | "h" => "hours",
                        "day" => "days",
                        "week" => "weeks",
                        "year" => "years",
                        "month" => "months",
                        other => other,
                    };
                    if let Some((_, _, first)) = out.iter().find(|q| q.1 == canonical) {
                        diags.push(
                            Diagnostic::new(
                                &codes::DUPLICATE_FIELD,
                                s1.to(*s2),
                                format!("`{key}` gives {canonical} twice"),
                            )
                            .with_label("second figure")
                            .with_related(*first, "first given here")
                            .with_help(format!("keep one `{key} ... {canonical}` line")),
                        );
                    } else if units.contains(&canonical) {
                        out.push((*value, canonical.to_string(), s1.to(*s2)));
                    } else {
                        diags.push(
                            Diagnostic::new(
                                &codes::BAD_VALUE,
                                *s2,
                                format!("`{unit}` is not a unit of `{key}`"),
                            )
                            .with_label("unknown unit")
                            .with_help(format!("use {}", one_of(units))),
                        );
                    }
                }
                _ => self.bad_value(
                    field,
                    &format!("a number and a unit ({})", one_of(units)),
                    diags,
                ),
            }
        }
        out
    }

    /// A date, or a date with time (`2025-03-14` or `2025-03-14T09:00:00Z`).
    pub fn moment(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Moment> {
        let field = self.one(key)?;
        match field.values.as_slice() {
            [value] if moment(value).is_some() => moment(value),
            _ => {
                self.bad_value(field, "a date (YYYY-MM-DD) or a date and time", diags);
                None
            }
        }
    }

    /// A date.
    pub fn date(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<(Date, Span)> {
        let field = self.one(key)?;
        match field.values.as_slice() {
            [Value {
                kind: ValueKind::Date(d),
                span,
            }] => Some((*d, *span)),
            _ => {
                self.bad_value(field, "a date (YYYY-MM-DD)", diags);
                None
            }
        }
    }
}

/// L0010 for a field the block does not have, and the field it stands for, if that is
/// clear (a known respelling, or one close field). A known respelling gets the line as
/// Laurel writes it, over the whole line (`ects 2` → `workload 2 ects`); other names the
/// closest fields, or all of them. The field it stands for comes with the unit the
/// respelling gives.
fn unknown_field(
    kind: BlockKind,
    field: &Field,
) -> (Diagnostic, Option<(&'static str, Option<&'static str>)>) {
    let key = field.key.text.as_str();
    let d = Diagnostic::new(
        &codes::UNKNOWN_FIELD,
        field.key.span,
        format!("{} has no field `{key}`", kind.describe()),
    );
    if let Some(r) = kind.respelling(key) {
        let line = |value: &str| match r.unit {
            Some(unit) => format!("{} {value} {unit}", r.key),
            None => format!("{} {value}", r.key),
        };
        let written = match (field.values.as_slice(), r.unit) {
            (
                [v @ Value {
                    kind: ValueKind::Number { .. },
                    ..
                }],
                Some(_),
            )
            | ([v], None) => v.kind.as_word().map(|w| (w, v.span)),
            _ => None,
        };
        let d = match written {
            Some((value, span)) => Diagnostic {
                span: field.key.span.to(span),
                ..d
            }
            .with_label(format!("Laurel writes this with `{}`", r.key))
            .with_help(format!("did you mean `{}`?", line(value))),
            None => {
                let example = kind
                    .field(r.key)
                    .and_then(|spec| spec.example.split(' ').next())
                    .unwrap_or("1");
                d.with_label("unknown field").with_help(format!(
                    "did you mean `{}`? For example: `{}`",
                    r.key,
                    line(example)
                ))
            }
        };
        return (d, Some((r.key, r.unit)));
    }
    let close = scored(key, kind.fields().iter().map(|f| f.key));
    // A misspelling with one likely meaning (`titel`) is not also a missing `title`.
    let stands_for = match close.as_slice() {
        [(_, one)] => Some(*one),
        [(best, one), (next, _), ..] if best - next >= CLEARLY_CLOSER => Some(*one),
        _ => None,
    }
    .and_then(|one| kind.field(one))
    .map(|spec| (spec.key, None));
    let suggestions: Vec<&str> = close.into_iter().map(|(_, c)| c).collect();
    let d = d.with_label("unknown field");
    let d = if suggestions.is_empty() {
        d.with_help(format!(
            "the fields of {} are: {}",
            kind.describe(),
            kind.fields()
                .iter()
                .map(|f| f.key)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    } else {
        d.with_help(format!("did you mean {}?", one_of(&suggestions)))
    };
    (d, stands_for)
}

/// A date or date-time value as a [`Moment`].
pub fn moment(value: &Value) -> Option<Moment> {
    match &value.kind {
        ValueKind::Date(d) => Some(Moment::Date(*d)),
        ValueKind::DateTime(s) => Some(Moment::DateTime(s.clone())),
        _ => None,
    }
}

/// The text of a field holding one plain quoted text.
pub fn plain_text(
    reader: &Reader<'_>,
    field: &Field,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    match field.values.as_slice() {
        [Value {
            kind: ValueKind::Text(t),
            ..
        }] => {
            if let Some(lang) = &t.lang {
                diags.push(
                    Diagnostic::new(
                        &codes::BAD_VALUE,
                        lang.span,
                        format!("`{}` does not take a language tag", field.key.text),
                    )
                    .with_help("remove the `@` tag"),
                );
            }
            Some(t.value.clone())
        }
        _ => {
            reader.bad_value(field, "a quoted text", diags);
            None
        }
    }
}

/// The language and text of a text value; reports unknown language tags.
pub fn lang_text(
    value: &Value,
    default_language: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let ValueKind::Text(text) = &value.kind else {
        return None;
    };
    let lang = match &text.lang {
        None => default_language.to_string(),
        Some(tag) => {
            let lower = tag.text.to_ascii_lowercase();
            let primary = lower.split('-').next().unwrap_or("");
            if vocab::language_code_for_tag(primary).is_none() {
                diags.push(
                    Diagnostic::new(
                        &codes::UNKNOWN_LANGUAGE_TAG,
                        tag.span,
                        format!("`{}` is not a known language code", tag.text),
                    )
                    .with_label("unknown language")
                    .with_help("use a two-letter ISO 639-1 code such as `en`, `de`, `fr`, `pl`"),
                );
                return None;
            }
            primary.to_string()
        }
    };
    Some((lang, text.value.clone()))
}

/// Resolves a bare word, number or IRI in the list `table`; reports unknown words.
pub fn resolve_term(
    table: &'static ConceptScheme,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<Term> {
    let scheme = table.scheme();
    let (word, is_iri) = match &value.kind {
        ValueKind::Invalid(_) => return None,
        ValueKind::Iri(iri) => (iri.as_str(), true),
        other => match other.as_word() {
            Some(w) => (w, false),
            None => {
                diags.push(
                    Diagnostic::new(
                        &codes::BAD_VALUE,
                        value.span,
                        format!(
                            "expected a {} here, found {}",
                            scheme.name(),
                            other.describe()
                        ),
                    )
                    .with_label(format!("expected a {}", scheme.name()))
                    .with_help("write the value as a bare word, without quotes"),
                );
                return None;
            }
        },
    };
    match table.resolve(word) {
        Ok(concept) => Some(Term::listed(scheme, concept)),
        Err(suggestions) if is_iri => unlisted_term(table, word, &suggestions, value.span, diags),
        Err(suggestions) => {
            let mut d = Diagnostic::new(
                &codes::UNKNOWN_VOCABULARY,
                value.span,
                format!(
                    "`{word}` is not {} {}",
                    article(scheme.name()),
                    scheme.name()
                ),
            )
            .with_label(format!("this word is not in the {} list", scheme.name()));
            if !suggestions.is_empty() {
                let s: Vec<String> = suggestions
                    .iter()
                    .map(|w| word_and_label(table, w))
                    .collect();
                d = d.with_help(format!("did you mean {}?", listed(&s, "or")));
            } else if table.concepts().len() <= 20 {
                let words: Vec<String> = table
                    .concepts()
                    .iter()
                    .map(|c| c.notation.clone().unwrap_or_else(|| c.kebab()))
                    .collect();
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                d = d.with_help(format!("write one of {}", one_of(&words)));
            }
            diags.push(d);
            None
        }
    }
}

/// An IRI not in the list `table`: kept as a concept without labels, with a warning
/// (L0035), unless it is not an IRI (L0011) or a concept of another list (L0030).
fn unlisted_term(
    table: &ConceptScheme,
    iri: &str,
    suggestions: &[String],
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<Term> {
    let scheme = table.scheme();
    let name = scheme.name();
    let refused = match vocab::may_be_unlisted(scheme, iri) {
        Ok(()) => None,
        Err(NotUnlisted::NotAnIri) => Some(
            Diagnostic::new(&codes::BAD_VALUE, span, format!("<{iri}> is not an IRI"))
                .with_label(format!("expected {} {name}", article(name)))
                .with_help("give the full IRI, such as <http://data.europa.eu/snb/eqf/6>, or the value as a word"),
        ),
        Err(NotUnlisted::OfList(other)) => Some(
            Diagnostic::new(
                &codes::UNKNOWN_VOCABULARY,
                span,
                format!("<{iri}> is {} {}, not {} {name}", article(other.name()), other.name(), article(name)),
            )
            .with_label(format!("this IRI is not in the {name} list"))
            .with_help(format!("write {} {name} here", article(name))),
        ),
    };
    if let Some(refused) = refused {
        diags.push(refused);
        return None;
    }
    let help = match suggestions {
        [] => {
            "if the IRI is right, nothing needs changing: the credential carries it without labels"
                .to_string()
        }
        some => {
            let words: Vec<String> = some.iter().map(|w| word_and_label(table, w)).collect();
            format!("if you meant a listed one, write {}", listed(&words, "or"))
        }
    };
    diags.push(
        Diagnostic::new(
            &codes::UNLISTED_CONCEPT,
            span,
            format!("<{iri}> is not in Laurel's copy of the {name} list"),
        )
        .with_label("kept as written, without a label")
        .with_help(help),
    );
    Some(Term::unlisted(scheme, iri))
}

/// `a` or `an` before a word.
pub fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}
