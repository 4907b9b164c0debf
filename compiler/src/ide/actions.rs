//! Code actions: quick fixes for the compilation's diagnostics, and refactors of
//! `skill` lines.
//!
//! | diagnostic | fix |
//! |---|---|
//! | L0101–L0111 (missing Annex I element) | insert the missing field(s) at the end of the item's block, ready to fill (`title "..."`, `workload 3 ects`, `assessment "..." { type written-examination }` ...); with several missing, also all at once |
//! | L0103, L0112 (organisation without country / legal name) | insert `country DEU` / `legal-name "..."` into the organisation |
//! | L0111 on an organisation without accreditation | insert an `accreditation { ... }` block into it |
//! | L0010, L0021, L0030, L0035 (unknown field, name, vocabulary word; an IRI the bundled list lacks) | replace the word with each suggestion of the diagnostic; a field written differently gets the language's line (`ects 2` → `workload 2 ects`) |
//! | L0011 on a date written another way (`15.03.1990`) | write it year-month-day (`1990-03-15`; day first when it could be read both ways) |
//! | L0013 (two texts in one language) | tag the untagged one with each language the project's other texts are tagged with |
//! | L0031 (unknown ESCO label) | replace the label with a close ESCO skill's preferred label |
//! | L0032 (ambiguous ESCO label) | write the IRI of each candidate |
//!
//! On an outcome without a `skill` line (L0306, a note): "Suggest ESCO skill: …", one
//! action for each of the best [`SUGGESTED_SKILLS`] skills for its text
//! (`vocab::suggest`), inserting `skill esco "…"` into the outcome.
//!
//! Refactors on a `skill` line: `skill <IRI>` → `skill esco "preferred label"` and back,
//! and an alternative label → the preferred label.

use std::ops::Range;

use super::completion::{escape, floor_char_boundary, line_end, line_start, skeleton_fields};
use super::{Analysis, TextEdit};
use crate::check::skills::{bare_outcomes, OutcomeText};
use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::ast::{Block, Field, Item, ItemKind, ValueKind};
use crate::syntax::date;
use crate::syntax::schema::{words, BlockKind, Shape};
use crate::vocab::{self, EscoLookup};

/// One action the editor can offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    /// What it does, for the menu.
    pub title: String,
    /// Quick fix or refactor.
    pub kind: CodeActionKind,
    /// The edits, applied together (they may touch other files of the project).
    pub edits: Vec<TextEdit>,
    /// The code of the diagnostic it fixes (`"L0109"`), if any.
    pub diagnostic: Option<&'static str>,
}

/// The kinds of actions (LSP `quickfix`, `refactor.rewrite`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeActionKind {
    /// Fixes a diagnostic.
    QuickFix,
    /// Rewrites working code another way.
    Refactor,
}

/// The unknown skills of one range whose replacements are searched in ESCO (a few
/// milliseconds each): a selection over hundreds of them gets the first ones' fixes
/// instead of a menu of thousands computed for seconds.
pub const MAX_SKILLS_SEARCHED: usize = 10;

/// How many skills are suggested for an outcome without one.
pub const SUGGESTED_SKILLS: usize = 5;

/// The actions for `range` of `file` (an empty range is the cursor): fixes for the
/// diagnostics that overlap it, then refactors of the `skill` lines it touches.
pub fn code_actions(analysis: &Analysis, file: FileId, range: Range<usize>) -> Vec<CodeAction> {
    let Some(text) = analysis
        .project
        .sources
        .iter()
        .find(|(id, _)| *id == file)
        .map(|(_, f)| f.text.as_str())
    else {
        return Vec::new();
    };
    let (a, b) = (
        floor_char_boundary(text, range.start),
        floor_char_boundary(text, range.end),
    );
    let range = a.min(b)..a.max(b);
    let ctx = Ctx {
        analysis,
        file,
        text,
    };
    let mut out: Vec<CodeAction> = Vec::new();
    let diagnostics: Vec<&Diagnostic> = analysis
        .compilation
        .diagnostics
        .iter()
        .filter(|d| d.span.file == file && overlaps(d.span.range(), &range))
        .collect();
    let mut missing: Vec<(&Diagnostic, Insertion)> = Vec::new();
    let mut skills_searched = 0;
    for d in &diagnostics {
        match d.code.id {
            "L0010" | "L0021" | "L0030" | "L0035" | "L0036" => {
                out.extend(ctx.replace_with_suggestions(d))
            }
            "L0031" if skills_searched < MAX_SKILLS_SEARCHED => {
                skills_searched += 1;
                out.extend(ctx.skill_suggestions(d));
            }
            "L0032" => out.extend(ctx.skill_candidates(d)),
            "L0013" => out.extend(ctx.tag_language(d)),
            "L0011" => out.extend(ctx.write_date(d)),
            _ => {
                for (title, insertion) in ctx.missing_fields(d) {
                    out.push(CodeAction {
                        title,
                        kind: CodeActionKind::QuickFix,
                        edits: vec![insertion.edit()],
                        diagnostic: Some(d.code.id),
                    });
                    if d.severity == crate::diag::Severity::Error
                        && !missing.iter().any(|(m, _)| m.code.id == d.code.id)
                    {
                        missing.push((d, insertion));
                    }
                }
            }
        }
    }
    out.extend(all_missing(&missing));
    out.extend(ctx.suggested_skills(&range));
    out.extend(ctx.skill_refactors(&range));
    let mut seen: Vec<String> = Vec::new();
    out.retain(|a| {
        let new = !seen.contains(&a.title);
        seen.push(a.title.clone());
        new
    });
    out
}

/// The edit that adds `lines` (`skill esco "…"`) to `outcome`: into its block, or in a
/// new block after its statement.
pub fn add_to_outcome(
    analysis: &Analysis,
    outcome: &OutcomeText,
    lines: Vec<String>,
) -> Option<TextEdit> {
    let file = outcome.value.span.file;
    let text = analysis
        .project
        .sources
        .iter()
        .find(|(id, _)| *id == file)
        .map(|(_, f)| f.text.as_str())?;
    let ctx = Ctx {
        analysis,
        file,
        text,
    };
    if let Some(block) = outcome.block {
        return Some(ctx.insertion(block, lines)?.edit());
    }
    let end = outcome.value.span.end as usize;
    let indent = indentation(text, line_start(text, end.min(text.len())));
    let mut new_text = String::from(" {\n");
    for line in lines {
        new_text.push_str(&format!("{indent}  {line}\n"));
    }
    new_text.push_str(&indent);
    new_text.push('}');
    Some(TextEdit {
        file,
        range: end..end,
        new_text,
    })
}

/// The line that links `skill`: `skill esco "label"` with its preferred label in
/// `language` (else in English) when that label names only it, else `skill <IRI>`.
pub fn skill_line(index: &vocab::EscoIndex, skill: &vocab::Skill, language: &str) -> String {
    match [skill.pref_label(language), Some(skill.pref_label_en)]
        .into_iter()
        .flatten()
        .find(|label| names_only(index, skill, label))
    {
        Some(label) => format!("skill {} \"{}\"", words::ESCO, escape(label)),
        None => format!("skill <{}>", skill.iri),
    }
}

fn overlaps(span: Range<usize>, range: &Range<usize>) -> bool {
    span.start <= range.end && range.start <= span.end
}

struct Ctx<'a> {
    analysis: &'a Analysis,
    file: FileId,
    text: &'a str,
}

/// Lines to insert at one place of a block, with the indentation worked out.
#[derive(Debug, Clone)]
struct Insertion {
    /// The file and offset.
    file: FileId,
    at: usize,
    /// Put before the lines (a newline when the `}` is on the same line).
    before: String,
    /// Indentation of the block's fields.
    indent: String,
    /// Put after the lines (the `}`'s indentation when it stays on the line).
    after: String,
    /// The lines, relative to the fields' indentation.
    lines: Vec<String>,
}

impl Insertion {
    fn new_text(&self) -> String {
        let mut out = self.before.clone();
        for line in &self.lines {
            for l in line.split('\n') {
                out.push_str(&self.indent);
                out.push_str(l);
                out.push('\n');
            }
        }
        out.push_str(&self.after);
        out
    }

    fn edit(&self) -> TextEdit {
        TextEdit {
            file: self.file,
            range: self.at..self.at,
            new_text: self.new_text(),
        }
    }
}

/// One action adding the fields of all missing-element errors of an item at once.
fn all_missing(missing: &[(&Diagnostic, Insertion)]) -> Vec<CodeAction> {
    let mut out = Vec::new();
    let mut done: Vec<(FileId, usize)> = Vec::new();
    for (_, first) in missing {
        if done.contains(&(first.file, first.at)) {
            continue;
        }
        done.push((first.file, first.at));
        let same: Vec<&Insertion> = missing
            .iter()
            .filter(|(_, i)| i.at == first.at && i.file == first.file)
            .map(|(_, i)| i)
            .collect();
        if same.len() < 2 {
            continue;
        }
        let mut all = first.clone();
        all.lines = same.iter().flat_map(|i| i.lines.iter().cloned()).collect();
        out.push(CodeAction {
            title: format!("Add the {} missing Annex I fields", same.len()),
            kind: CodeActionKind::QuickFix,
            edits: vec![all.edit()],
            diagnostic: None,
        });
    }
    out
}

impl Ctx<'_> {
    /// The project's ESCO.
    fn esco(&self) -> &'static vocab::EscoIndex {
        self.analysis.project.info.esco.index()
    }

    fn items(&self) -> impl Iterator<Item = &Item> {
        self.analysis
            .compilation
            .files
            .iter()
            .filter(move |f| f.file == self.file)
            .flat_map(|f| f.items.iter())
    }

    /// The item whose name `span` is (or that contains it), in the span's file.
    fn item_at(&self, span: Span) -> Option<&Item> {
        let items = || {
            self.analysis
                .compilation
                .files
                .iter()
                .filter(move |f| f.file == span.file)
                .flat_map(|f| f.items.iter())
        };
        items()
            .find(|i| i.name.span == span)
            .or_else(|| items().find(|i| i.span.range().contains(&(span.start as usize))))
    }

    /// The text of a file of the project.
    fn text_of(&self, file: FileId) -> Option<&str> {
        if file == self.file {
            return Some(self.text);
        }
        self.analysis
            .project
            .sources
            .iter()
            .find(|(id, _)| *id == file)
            .map(|(_, f)| f.text.as_str())
    }

    /// Where new lines go in `block`: before its `}`, indented like its fields.
    fn insertion(&self, block: &Block, lines: Vec<String>) -> Option<Insertion> {
        let file = block.span.file;
        let text = self.text_of(file)?;
        let open = block.span.start as usize;
        let end = (block.span.end as usize).min(text.len());
        let header_indent = indentation(text, line_start(text, open));
        let indent = block
            .fields
            .first()
            .map(|f| indentation(text, line_start(text, f.key.span.start as usize)))
            .filter(|i| f_on_own_line(text, block, i))
            .unwrap_or_else(|| format!("{header_indent}  "));
        let close = end
            .checked_sub(1)
            .filter(|&c| text.as_bytes().get(c) == Some(&b'}'));
        Some(match close {
            Some(close) => {
                let ls = line_start(text, close);
                if text.get(ls..close).is_some_and(|s| s.trim().is_empty()) && ls > open {
                    Insertion {
                        file,
                        at: ls,
                        before: String::new(),
                        indent,
                        after: String::new(),
                        lines,
                    }
                } else {
                    Insertion {
                        file,
                        at: close,
                        before: "\n".into(),
                        indent,
                        after: header_indent,
                        lines,
                    }
                }
            }
            // a block never closed: add at its end
            None => Insertion {
                file,
                at: end,
                before: if text.get(..end).is_some_and(|t| t.ends_with('\n')) {
                    String::new()
                } else {
                    "\n".into()
                },
                indent,
                after: String::new(),
                lines,
            },
        })
    }

    /// "Suggest ESCO skill: …" for the outcome without skills that `range` touches (its
    /// line or its block).
    fn suggested_skills(&self, range: &Range<usize>) -> Vec<CodeAction> {
        let info = &self.analysis.project.info;
        let files = &self.analysis.compilation.files;
        let touched = bare_outcomes(files, &info.default_language)
            .into_iter()
            .find(|o| {
                let value = o.value.span.range();
                let lines = line_start(self.text, value.start)..line_end(self.text, value.end);
                o.value.span.file == self.file
                    && (overlaps(lines, range)
                        || o.block.is_some_and(|b| overlaps(b.span.range(), range)))
            });
        let Some(outcome) = touched else {
            return Vec::new();
        };
        let index = self.esco();
        index
            .suggest_skills(&outcome.query(), SUGGESTED_SKILLS)
            .into_iter()
            .filter_map(|s| {
                let line = skill_line(index, s.skill, outcome.language);
                let edit = add_to_outcome(self.analysis, &outcome, vec![line.clone()])?;
                Some(CodeAction {
                    title: format!("Suggest ESCO skill: {line}"),
                    kind: CodeActionKind::QuickFix,
                    edits: vec![edit],
                    diagnostic: Some(crate::diag::codes::OUTCOME_WITHOUT_SKILL.id),
                })
            })
            .collect()
    }

    /// Fixes for a missing Annex I element: (title, lines to insert).
    fn missing_fields(&self, d: &Diagnostic) -> Vec<(String, Insertion)> {
        let Some(item) = self.item_at(d.span) else {
            return Vec::new();
        };
        let Some(body) = &item.body else {
            return Vec::new();
        };
        let add = |lines: Vec<String>, what: &str| -> Option<(String, Insertion)> {
            let insertion = self.insertion(body, lines)?;
            Some((format!("Add {what}"), insertion))
        };
        let field = |key: &str| -> Option<(String, Insertion)> {
            let line = self.field_line(super::navigation::item_block(item.kind), key)?;
            add(vec![line.clone()], &format!("`{line}`"))
        };
        let out: Vec<Option<(String, Insertion)>> = match d.code.id {
            "L0101" => vec![self.learner_fix(body)],
            "L0102" => vec![field("title")],
            "L0103" => vec![field("country")],
            "L0104" => vec![field("awarding-body")],
            "L0105" => vec![field("date")],
            "L0106" => vec![field("outcome"), field("outcomes-summary")],
            "L0107" => vec![field("workload")],
            "L0108" => vec![
                add(vec!["eqf 5".into()], "`eqf 5`"),
                add(vec!["eqf none".into()], "`eqf none` (no level applies)"),
            ],
            "L0109" => vec![self.assessment_fix(body)],
            "L0110" => vec![field("mode")],
            "L0111" if item.kind == ItemKind::MicroCredential => {
                if body.fields("quality-assurance").next().is_some() {
                    return self.accreditation_fix(d);
                }
                let accredited = self
                    .analysis
                    .compilation
                    .files
                    .iter()
                    .flat_map(|f| f.items.iter())
                    .find(|i| {
                        i.kind == ItemKind::Organisation
                            && i.body
                                .as_ref()
                                .is_some_and(|b| b.fields("accreditation").next().is_some())
                    });
                let mut fixes = Vec::new();
                if let Some(org) = accredited {
                    let line = format!("quality-assurance {}", org.name.text);
                    fixes.push(add(vec![line.clone()], &format!("`{line}`")));
                }
                fixes.push(add(
                    vec!["quality-assurance \"...\"".into()],
                    "`quality-assurance \"...\"` (described in words)",
                ));
                fixes
            }
            "L0112" => vec![field("legal-name")],
            _ => Vec::new(),
        };
        out.into_iter().flatten().collect()
    }

    /// `key value` as a new field line: texts as `"..."`, names of the project where
    /// there are some, the schema's example otherwise.
    fn field_line(&self, kind: BlockKind, key: &str) -> Option<String> {
        let spec = kind.field(key)?;
        let value = match spec.shape {
            Shape::Text | Shape::PlainText | Shape::TitledBlock => "\"...\"".to_string(),
            Shape::Name | Shape::NameOrText => self
                .analysis
                .compilation
                .files
                .iter()
                .flat_map(|f| f.items.iter())
                .find(|i| i.kind == ItemKind::Organisation && !i.name.text.is_empty())
                .map_or(spec.example.to_string(), |i| i.name.text.clone()),
            _ => self
                .analysis
                .compilation
                .model
                .examples
                .example(spec.key, spec.example),
        };
        Some(format!("{key} {value}"))
    }

    /// A block `key [title] {` with the skeleton's fields, `}`, as one multi-line entry.
    fn block_lines(&self, kind: BlockKind, key: &str) -> Option<String> {
        let spec = kind.field(key)?;
        let inner = spec.block?;
        let mut out = if spec.shape == Shape::TitledBlock {
            format!("{key} \"...\" {{")
        } else {
            format!("{key} {{")
        };
        for k in skeleton_fields(inner) {
            if let Some(line) = self.field_line(inner, k) {
                out.push_str(&format!("\n  {line}"));
            }
        }
        out.push_str("\n}");
        Some(out)
    }

    /// L0109: an `assessment` block; or a `type` in the first assessment without one.
    fn assessment_fix(&self, body: &Block) -> Option<(String, Insertion)> {
        let first = body.fields("assessment").next();
        match first {
            None => {
                let block = self.block_lines(BlockKind::MicroCredential, "assessment")?;
                let insertion = self.insertion(body, vec![block])?;
                Some((
                    "Add an `assessment \"...\" { type written-examination }` block".into(),
                    insertion,
                ))
            }
            Some(field) => {
                let line = self.field_line(BlockKind::Assessment, "type")?;
                let insertion = match &field.block {
                    Some(block) => self.insertion(block, vec![line.clone()])?,
                    None => {
                        // `assessment "Exam"` without a block: open one
                        let at = field.span.end as usize;
                        let indent = indentation(self.text, line_start(self.text, at));
                        Insertion {
                            file: self.file,
                            at,
                            before: " {\n".into(),
                            indent: format!("{indent}  "),
                            after: format!("{indent}}}"),
                            lines: vec![line.clone()],
                        }
                    }
                };
                Some((format!("Add `{line}` to the assessment"), insertion))
            }
        }
    }

    /// L0101: a `learner` block, or the names in one without them.
    fn learner_fix(&self, body: &Block) -> Option<(String, Insertion)> {
        match body.fields("learner").next() {
            None => {
                let block = self.block_lines(BlockKind::Award, "learner")?;
                Some((
                    "Add a `learner { ... }` block".into(),
                    self.insertion(body, vec![block])?,
                ))
            }
            Some(field) => {
                let block = field.block.as_ref()?;
                let lines = ["given-name", "family-name"]
                    .iter()
                    .filter_map(|k| self.field_line(BlockKind::Learner, k))
                    .collect();
                Some((
                    "Add `given-name` and `family-name` to the learner".into(),
                    self.insertion(block, lines)?,
                ))
            }
        }
    }

    /// L0111 on `quality-assurance ORG` without accreditation: add a record to `ORG`.
    fn accreditation_fix(&self, d: &Diagnostic) -> Vec<(String, Insertion)> {
        let Some(org_span) = d.related.first().map(|r| r.span) else {
            return Vec::new();
        };
        let Some(org) = self.item_at(org_span) else {
            return Vec::new();
        };
        let Some(body) = &org.body else {
            return Vec::new();
        };
        let Some(block) = self.block_lines(BlockKind::Organisation, "accreditation") else {
            return Vec::new();
        };
        self.insertion(body, vec![block])
            .map(|i| {
                (
                    format!(
                        "Add an `accreditation {{ ... }}` block to `{}`",
                        org.name.text
                    ),
                    i,
                )
            })
            .into_iter()
            .collect()
    }

    /// L0010, L0021, L0030, L0035: one replacement per suggested word (or line, for a
    /// field written differently).
    fn replace_with_suggestions(&self, d: &Diagnostic) -> Vec<CodeAction> {
        let Some(help) = &d.help else {
            return Vec::new();
        };
        let words = backticked(help);
        let listed = help.starts_with("did you mean");
        // a whole list ("write one of ...", "the project has: ...") only when short
        if !listed && words.len() > 8 {
            return Vec::new();
        }
        let old = self.text.get(d.span.range()).unwrap_or("");
        // a suggestion of several words replaces several (`ects 2` → `workload 2 ects`)
        let fits = |w: &str| old.contains(' ') || !w.contains(char::is_whitespace);
        words
            .into_iter()
            .filter(|w| *w != old && !w.is_empty() && fits(w))
            .map(|w| CodeAction {
                title: format!("Replace `{old}` with `{w}`"),
                kind: CodeActionKind::QuickFix,
                edits: vec![TextEdit {
                    file: self.file,
                    range: d.span.range(),
                    new_text: w.to_string(),
                }],
                diagnostic: Some(d.code.id),
            })
            .collect()
    }

    /// L0011 on a date written another way than year-month-day: its year-month-day form.
    fn write_date(&self, d: &Diagnostic) -> Option<CodeAction> {
        let old = self.text.get(d.span.range())?;
        let iso = date::loose(old)?.date().iso();
        Some(CodeAction {
            title: format!("Write `{iso}`"),
            kind: CodeActionKind::QuickFix,
            edits: vec![TextEdit {
                file: self.file,
                range: d.span.range(),
                new_text: iso,
            }],
            diagnostic: Some(d.code.id),
        })
    }

    /// L0013: tag the untagged one of the two texts with each language the project's
    /// other texts are tagged with (`"..."` → `"..."@pl`).
    fn tag_language(&self, d: &Diagnostic) -> Vec<CodeAction> {
        let texts: Vec<&crate::syntax::ast::Value> = self
            .analysis
            .compilation
            .files
            .iter()
            .flat_map(|f| f.items.iter())
            .flat_map(Item::values)
            .collect();
        let places = std::iter::once(d.span).chain(d.related.iter().map(|r| r.span));
        let Some(untagged) = places.filter(|span| span.file == self.file).find(|span| {
            texts.iter().any(|v| {
                v.span == *span && matches!(&v.kind, ValueKind::Text(t) if t.lang.is_none())
            })
        }) else {
            return Vec::new();
        };
        let examples = &self.analysis.compilation.model.examples;
        let tags = match examples.other_languages.as_slice() {
            [] => vec![examples.other_language().to_string()],
            known => known.to_vec(),
        };
        tags.into_iter()
            .map(|tag| CodeAction {
                title: format!("Tag the text as `@{tag}`"),
                kind: CodeActionKind::QuickFix,
                edits: vec![TextEdit {
                    file: self.file,
                    range: untagged.end as usize..untagged.end as usize,
                    new_text: format!("@{tag}"),
                }],
                diagnostic: Some(d.code.id),
            })
            .collect()
    }

    /// L0031: the close ESCO skills, by preferred label.
    fn skill_suggestions(&self, d: &Diagnostic) -> Vec<CodeAction> {
        let Some(label) = string_content(self.text.get(d.span.range()).unwrap_or("")) else {
            return Vec::new();
        };
        let index = self.esco();
        let mut skills: Vec<&vocab::Skill> = match index.lookup_label(&label) {
            EscoLookup::Unknown { suggestions } => suggestions,
            _ => Vec::new(),
        };
        for m in index.search(&label, 5) {
            if skills.len() >= 5 {
                break;
            }
            if !skills.iter().any(|s| s.iri == m.skill.iri) {
                skills.push(m.skill);
            }
        }
        skills
            .into_iter()
            .filter_map(|s| {
                let pref = unambiguous_label(index, s)?;
                Some(CodeAction {
                    title: format!("Use the ESCO skill “{pref}”"),
                    kind: CodeActionKind::QuickFix,
                    edits: vec![TextEdit {
                        file: self.file,
                        range: d.span.range(),
                        new_text: format!("\"{}\"", escape(pref)),
                    }],
                    diagnostic: Some(d.code.id),
                })
            })
            .collect()
    }

    /// L0032: `skill esco "label"` → `skill <IRI>` for each candidate.
    fn skill_candidates(&self, d: &Diagnostic) -> Vec<CodeAction> {
        let Some(label) = string_content(self.text.get(d.span.range()).unwrap_or("")) else {
            return Vec::new();
        };
        let EscoLookup::Ambiguous(candidates) = self.esco().lookup_label(&label) else {
            return Vec::new();
        };
        let Some(field) = self.skill_field_with_value(d.span) else {
            return Vec::new();
        };
        let Some(values) = values_range(field) else {
            return Vec::new();
        };
        candidates
            .into_iter()
            .map(|s| CodeAction {
                title: format!("Use <{}> ({})", s.iri, s.pref_label_en),
                kind: CodeActionKind::QuickFix,
                edits: vec![TextEdit {
                    file: self.file,
                    range: values.clone(),
                    new_text: format!("<{}>", s.iri),
                }],
                diagnostic: Some(d.code.id),
            })
            .collect()
    }

    /// Every field of the file's items, nested ones included.
    fn fields(&self) -> Vec<&Field> {
        fn walk<'f>(block: &'f Block, out: &mut Vec<&'f Field>) {
            for f in &block.fields {
                out.push(f);
                if let Some(b) = &f.block {
                    walk(b, out);
                }
            }
        }
        let mut out = Vec::new();
        for item in self.items() {
            if let Some(b) = &item.body {
                walk(b, &mut out);
            }
        }
        out
    }

    fn skill_field_with_value(&self, span: Span) -> Option<&Field> {
        self.fields()
            .into_iter()
            .find(|f| f.key.text == "skill" && f.values.iter().any(|v| v.span == span))
    }

    /// IRI ↔ label on the `skill` lines the range touches.
    fn skill_refactors(&self, range: &Range<usize>) -> Vec<CodeAction> {
        let index = self.esco();
        let mut out = Vec::new();
        for field in self.fields() {
            if field.key.text != "skill" || !overlaps(field.span.range(), range) {
                continue;
            }
            let Some(values) = values_range(field) else {
                continue;
            };
            let edit = |new_text: String| TextEdit {
                file: self.file,
                range: values.clone(),
                new_text,
            };
            match field.values.as_slice() {
                [v] => {
                    let ValueKind::Iri(iri) = &v.kind else {
                        continue;
                    };
                    let Some(skill) = index.by_iri(iri) else {
                        continue;
                    };
                    if let Some(label) = unambiguous_label(index, skill) {
                        out.push(CodeAction {
                            title: format!("Write the skill as its label: esco \"{label}\""),
                            kind: CodeActionKind::Refactor,
                            edits: vec![edit(format!("esco \"{}\"", escape(label)))],
                            diagnostic: None,
                        });
                    }
                }
                [w, v] if matches!(&w.kind, ValueKind::Word(e) if e == words::ESCO) => {
                    let ValueKind::Text(t) = &v.kind else {
                        continue;
                    };
                    let EscoLookup::Found(skill) = index.lookup_label(&t.value) else {
                        continue;
                    };
                    out.push(CodeAction {
                        title: format!("Write the skill as its IRI: <{}>", skill.iri),
                        kind: CodeActionKind::Refactor,
                        edits: vec![edit(format!("<{}>", skill.iri))],
                        diagnostic: None,
                    });
                    let preferred = unambiguous_label(index, skill);
                    let is_preferred = skill
                        .pref_labels()
                        .any(|(_, l)| l.eq_ignore_ascii_case(t.value.trim()));
                    if let (Some(label), false) = (preferred, is_preferred) {
                        out.push(CodeAction {
                            title: format!("Use the preferred label “{label}”"),
                            kind: CodeActionKind::Refactor,
                            edits: vec![TextEdit {
                                file: self.file,
                                range: v.span.range(),
                                new_text: format!("\"{}\"", escape(label)),
                            }],
                            diagnostic: None,
                        });
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// The leading spaces and tabs of the line starting at `start`.
fn indentation(text: &str, start: usize) -> String {
    text.get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// Whether the block's first field starts its own line (so its indentation is the
/// fields' indentation).
fn f_on_own_line(text: &str, block: &Block, indent: &str) -> bool {
    block.fields.first().is_some_and(|f| {
        let start = f.key.span.start as usize;
        line_start(text, start) + indent.len() == start
    })
}

/// The words in backticks in a help text.
fn backticked(help: &str) -> Vec<&str> {
    help.split('`').skip(1).step_by(2).collect()
}

/// The text of a `"..."` value as written (escapes resolved; language tag dropped).
fn string_content(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let inner = raw.strip_prefix('"')?;
    let end = inner.rfind('"')?;
    let inner = inner.get(..end)?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The byte range from a field's first value to its last.
fn values_range(field: &Field) -> Option<Range<usize>> {
    let first = field.values.first()?;
    let last = field.values.last()?;
    Some(first.span.start as usize..last.span.end as usize)
}

/// A preferred label of the skill that names it and nothing else in `index` (English
/// first).
fn unambiguous_label<'s>(index: &vocab::EscoIndex, skill: &'s vocab::Skill) -> Option<&'s str> {
    skill
        .pref_labels()
        .map(|(_, l)| l)
        .find(|l| names_only(index, skill, l))
}

/// True when `label` looks up `skill` and no other.
fn names_only(index: &vocab::EscoIndex, skill: &vocab::Skill, label: &str) -> bool {
    matches!(index.lookup_label(label), EscoLookup::Found(s) if s.iri == skill.iri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ProjectInfo;
    use crate::project::Project;
    use crate::source::Sources;

    const ACADEMY: &str = "organisation academy {\n  legal-name \"Example Academy\"\n  legal-id \"DE1\"\n  eidas-id \"VATDE-1\"\n  country DEU\n  accreditation {\n    type institutional-quality-assurance\n    title \"Accreditation\"\n    by academy\n  }\n}\n";

    const FAIR: &str = "manage findable accessible interoperable and reusable data";
    const FAIR_IRI: &str = "http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11";

    fn analysis(text: &str) -> (Analysis, FileId) {
        let mut sources = Sources::new();
        let file = sources.add("/p/main.laurel", text);
        let project = Project::from_sources("/p".into(), ProjectInfo::default(), sources);
        (Analysis::new(project), file)
    }

    fn codes_of(text: &str) -> Vec<&'static str> {
        analysis(text)
            .0
            .compilation
            .diagnostics
            .iter()
            .map(|d| d.code.id)
            .collect()
    }

    /// The actions at the first occurrence of `at` in `text`.
    fn actions_at(text: &str, at: &str) -> Vec<CodeAction> {
        let (analysis, file) = analysis(text);
        let offset = text.find(at).expect("marker");
        code_actions(&analysis, file, offset..offset + at.len())
    }

    fn apply(text: &str, action: &CodeAction) -> String {
        let mut edits = action.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.range, &e.new_text);
        }
        out
    }

    fn titled<'a>(actions: &'a [CodeAction], part: &str) -> &'a CodeAction {
        actions
            .iter()
            .find(|a| a.title.contains(part))
            .unwrap_or_else(|| {
                panic!(
                    "no action with {part:?} in {:?}",
                    actions.iter().map(|a| &a.title).collect::<Vec<_>>()
                )
            })
    }

    fn bare() -> String {
        format!("{ACADEMY}\nmicro-credential bare {{\n  title \"Bare\"\n}}\n")
    }

    #[test]
    fn each_missing_annex_field_is_fixed_alone() {
        let text = bare();
        let before = codes_of(&text);
        for code in [
            "L0104", "L0106", "L0107", "L0108", "L0109", "L0110", "L0111",
        ] {
            assert!(before.contains(&code), "{code} in {before:?}");
        }
        let actions = actions_at(&text, "bare");
        for code in [
            "L0104", "L0106", "L0107", "L0108", "L0109", "L0110", "L0111",
        ] {
            let fixes: Vec<&CodeAction> = actions
                .iter()
                .filter(|a| a.diagnostic == Some(code))
                .collect();
            assert!(!fixes.is_empty(), "no fix for {code}");
            for fix in fixes {
                assert_eq!(fix.kind, CodeActionKind::QuickFix);
                let fixed = apply(&text, fix);
                let after = codes_of(&fixed);
                assert!(
                    !after.contains(&code),
                    "{code} after {:?}:\n{fixed}",
                    fix.title
                );
                assert!(
                    !after
                        .iter()
                        .any(|c| matches!(*c, "L0001" | "L0002" | "L0010" | "L0011")),
                    "{after:?}\n{fixed}"
                );
            }
        }
    }

    #[test]
    fn assessment_block_is_ready_to_fill() {
        let text = bare();
        let actions = actions_at(&text, "bare");
        let fix = titled(&actions, "assessment");
        assert_eq!(fix.diagnostic, Some("L0109"));
        assert!(apply(&text, fix).ends_with(
            "micro-credential bare {\n  title \"Bare\"\n  assessment \"...\" {\n    type written-examination\n  }\n}\n"
        ));
        // the names of the project are used: `awarding-body academy`
        assert!(
            apply(&text, titled(&actions, "awarding-body")).contains("  awarding-body academy\n}")
        );
        assert!(apply(&text, titled(&actions, "quality-assurance academy"))
            .contains("  quality-assurance academy\n}"));
    }

    #[test]
    fn all_missing_fields_at_once() {
        let text = bare();
        let actions = actions_at(&text, "bare");
        let all = titled(&actions, "missing Annex I fields");
        assert_eq!(all.title, "Add the 6 missing Annex I fields");
        let fixed = apply(&text, all);
        let (a, _) = analysis(&fixed);
        assert!(
            !a.compilation.has_errors(),
            "{:#?}\n{fixed}",
            a.compilation.diagnostics
        );
        assert!(fixed.ends_with(
            "micro-credential bare {\n  title \"Bare\"\n  awarding-body academy\n  outcome \"...\"\n  workload 3 ects\n  assessment \"...\" {\n    type written-examination\n  }\n  mode online\n  quality-assurance academy\n}\n"
        ), "{fixed}");
    }

    #[test]
    fn missing_title_and_level() {
        let text = format!("{ACADEMY}\nmicro-credential c {{\n  awarding-body academy\n}}\n");
        let actions = actions_at(&text, "micro-credential c");
        let fixed = apply(&text, titled(&actions, "`title"));
        assert!(fixed.contains("  awarding-body academy\n  title \"...\"\n}"));
        assert!(!codes_of(&fixed).contains(&"L0102"));
        let none = titled(&actions, "eqf none");
        assert_eq!(none.diagnostic, Some("L0108"));
        assert!(apply(&text, none).contains("  eqf none\n}"));
    }

    #[test]
    fn organisation_fixes_and_braces_on_one_line() {
        let text = "organisation partner {}\n\nmicro-credential c {\n  awarding-body partner\n}\n";
        let codes = codes_of(text);
        assert!(
            codes.contains(&"L0103") && codes.contains(&"L0112"),
            "{codes:?}"
        );
        let actions = actions_at(text, "partner");
        let country = titled(&actions, "country");
        assert_eq!(country.diagnostic, Some("L0103"));
        let fixed = apply(text, country);
        assert!(
            fixed.starts_with("organisation partner {\n  country DEU\n}\n"),
            "{fixed}"
        );
        assert!(!codes_of(&fixed).contains(&"L0103"));
        let name = titled(&actions, "legal-name");
        assert_eq!(name.diagnostic, Some("L0112"));
        let fixed = apply(text, name);
        assert!(!codes_of(&fixed).contains(&"L0112"));
        // both at once
        let all = titled(&actions, "missing Annex I fields");
        let fixed = apply(text, all);
        assert!(
            fixed.starts_with("organisation partner {\n  country DEU\n  legal-name \"...\"\n}\n")
        );
    }

    #[test]
    fn accreditation_for_quality_assurance() {
        let text = "organisation o {\n  legal-name \"O\"\n  country DEU\n}\n\nmicro-credential c {\n  awarding-body o\n  quality-assurance o\n}\n";
        let actions = actions_at(text, "micro-credential c");
        let fix = titled(&actions, "accreditation");
        let fixed = apply(text, fix);
        assert!(fixed.starts_with("organisation o {\n  legal-name \"O\"\n  country DEU\n  accreditation {\n    type institutional-quality-assurance\n    title \"...\"\n    by o\n  }\n}\n"), "{fixed}");
        assert!(!codes_of(&fixed).contains(&"L0111"));
    }

    #[test]
    fn fixes_may_edit_another_file() {
        let mut sources = Sources::new();
        let orgs = sources.add(
            "/p/orgs.laurel",
            "organisation o {\n  legal-name \"O\"\n  country DEU\n}\n",
        );
        let main_text = "micro-credential c {\n  awarding-body o\n  quality-assurance o\n}\n";
        let main = sources.add("/p/main.laurel", main_text);
        let project = Project::from_sources("/p".into(), ProjectInfo::default(), sources);
        let analysis = Analysis::new(project);
        let actions = code_actions(&analysis, main, 17..18);
        let fix = titled(&actions, "accreditation");
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(fix.edits[0].file, orgs);
        let org_text = &analysis.project.sources.get(orgs).text;
        let fixed = apply(org_text, fix);
        assert!(fixed.ends_with("  country DEU\n  accreditation {\n    type institutional-quality-assurance\n    title \"...\"\n    by o\n  }\n}\n"), "{fixed}");
    }

    #[test]
    fn award_fixes() {
        let text = format!("{ACADEMY}\nmicro-credential c {{\n  title \"C\"\n}}\n\naward c {{\n  grade \"A\"\n}}\n");
        let codes = codes_of(&text);
        assert!(codes.contains(&"L0101") && codes.contains(&"L0105"));
        let actions = actions_at(&text, "award c");
        let learner = apply(&text, titled(&actions, "learner"));
        assert!(learner.contains("award c {\n  grade \"A\"\n  learner {\n    given-name \"...\"\n    family-name \"...\"\n    student-id \"...\"\n  }\n}"), "{learner}");
        assert!(!codes_of(&learner).contains(&"L0101"));
        let date = apply(&text, titled(&actions, "date"));
        assert!(date.contains("  date 2025-03-14\n}"));
        assert!(!codes_of(&date).contains(&"L0105"));
        // a learner without a name
        let text = format!("{ACADEMY}\nmicro-credential c {{\n  title \"C\"\n}}\n\naward c {{\n  learner {{\n    student-id \"1\"\n  }}\n  date 2025-01-01\n}}\n");
        let actions = actions_at(&text, "award c");
        let fixed = apply(&text, titled(&actions, "given-name"));
        assert!(fixed.contains("  learner {\n    student-id \"1\"\n    given-name \"...\"\n    family-name \"...\"\n  }"));
        assert!(!codes_of(&fixed).contains(&"L0101"));
    }

    #[test]
    fn assessment_without_type() {
        for (text, want) in [
            (
                "micro-credential c {\n  assessment \"Exam\"\n}\n",
                "micro-credential c {\n  assessment \"Exam\" {\n    type written-examination\n  }\n}\n",
            ),
            (
                "micro-credential c {\n  assessment \"Exam\" {\n    mode online\n  }\n}\n",
                "micro-credential c {\n  assessment \"Exam\" {\n    mode online\n    type written-examination\n  }\n}\n",
            ),
        ] {
            let actions = actions_at(text, "c {");
            let fixed = apply(text, titled(&actions, "type written-examination"));
            assert_eq!(fixed, want);
            assert!(!codes_of(&fixed).contains(&"L0109"));
        }
    }

    #[test]
    fn dates_written_another_way_are_written_year_month_day() {
        let base = |date: &str| {
            format!("{ACADEMY}\nmicro-credential c {{\n  title \"C\"\n}}\n\naward c {{\n  learner {{\n    given-name \"A\"\n    family-name \"B\"\n    student-id \"1\"\n    birth-date {date}\n  }}\n  date 2025-06-30\n}}\n")
        };
        for (written, iso) in [
            ("15.03.1990", "1990-03-15"),
            ("2025/06/20", "2025-06-20"),
            ("31-12-2027", "2027-12-31"),
            ("06/20/2025", "2025-06-20"),
            ("03/04/2025", "2025-04-03"),
        ] {
            let text = base(written);
            assert!(
                codes_of(&text).contains(&"L0011"),
                "{written}: {:?}",
                codes_of(&text)
            );
            let actions = actions_at(&text, written);
            let fix = titled(&actions, &format!("Write `{iso}`"));
            assert_eq!(fix.kind, CodeActionKind::QuickFix);
            let fixed = apply(&text, fix);
            assert!(fixed.contains(&format!("birth-date {iso}\n")), "{fixed}");
            assert!(!codes_of(&fixed).contains(&"L0011"), "{fixed}");
        }
        // a date not in the calendar has no fix to offer
        let text = base("31.02.2025");
        assert!(codes_of(&text).contains(&"L0011"));
        assert!(actions_at(&text, "31.02.2025")
            .iter()
            .all(|a| a.diagnostic != Some("L0011")));
    }

    #[test]
    fn unknown_words_are_replaced_by_suggestions() {
        let base = |body: &str| format!("{ACADEMY}\nmicro-credential c {{\n{body}}}\n");
        for (body, at, want, code) in [
            ("  mode onlin\n", "onlin", "  mode online\n", "L0030"),
            ("  titel \"C\"\n", "titel", "  title \"C\"\n", "L0010"),
            (
                "  awarding-body acadmy\n",
                "acadmy",
                "  awarding-body academy\n",
                "L0021",
            ),
            (
                "  assessment \"E\" {\n    type writen-examination\n  }\n",
                "writen",
                "    type written-examination\n",
                "L0030",
            ),
            (
                "  setting <http://data.europa.eu/snb/learning-setting/0a1b2c3d4e>\n",
                "learning-setting/0a1b",
                "  setting formal-learning\n",
                "L0035",
            ),
        ] {
            let text = base(body);
            assert!(
                codes_of(&text).contains(&code),
                "{code}: {:?}",
                codes_of(&text)
            );
            let actions = actions_at(&text, at);
            let fix = actions
                .iter()
                .find(|a| a.diagnostic == Some(code))
                .unwrap_or_else(|| panic!("{code}: {actions:?}"));
            assert!(fix.title.starts_with("Replace `"));
            let fixed = apply(&text, fix);
            assert!(fixed.contains(want), "{fixed}");
            assert!(!codes_of(&fixed).contains(&code));
        }
    }

    #[test]
    fn fields_written_differently_become_the_language_s_line() {
        let base = |body: &str| format!("{ACADEMY}\nmicro-credential c {{\n{body}}}\n");
        // (line, where, fixed line, the missing-element code it must not also raise)
        for (body, at, want, not_also) in [
            ("  ects 2\n", "ects", "  workload 2 ects\n", "L0107"),
            ("  credits 5\n", "credits", "  workload 5 ects\n", "L0107"),
            ("  hours 40\n", "hours", "  workload 40 hours\n", "L0107"),
            ("  level 6\n", "level", "  eqf 6\n", "L0108"),
            ("  eqf-level 6\n", "eqf-level", "  eqf 6\n", "L0108"),
            (
                "  activity \"Course\" {\n    hours 40\n  }\n",
                "hours",
                "    workload 40 hours\n",
                "L0010",
            ),
        ] {
            let text = base(body);
            let (a, _) = analysis(&text);
            let d = a
                .compilation
                .diagnostics
                .iter()
                .find(|d| d.code.id == "L0010")
                .unwrap_or_else(|| panic!("{body}: {:?}", codes_of(&text)));
            let line = want.trim();
            assert_eq!(
                d.help.as_deref(),
                Some(format!("did you mean `{line}`?").as_str())
            );
            // one mistake, one diagnostic: the workload or level is not also missing
            let codes = codes_of(&text);
            assert_eq!(
                codes.iter().filter(|c| **c == not_also).count(),
                usize::from(not_also == "L0010"),
                "{codes:?}"
            );
            let actions = actions_at(&text, at);
            let fix = titled(&actions, &format!("with `{line}`"));
            assert_eq!(fix.diagnostic, Some("L0010"));
            let fixed = apply(&text, fix);
            assert!(fixed.contains(want), "{fixed}");
            assert!(!codes_of(&fixed).contains(&"L0010"), "{fixed}");
        }
        // without a value to carry over, only the field's name is replaced
        let text = base("  ects\n");
        let actions = actions_at(&text, "ects");
        assert_eq!(
            apply(&text, titled(&actions, "with `workload`")),
            base("  workload\n")
        );
        assert!(
            actions.iter().all(|a| !a.title.contains("3 ects")),
            "{actions:?}"
        );
    }

    #[test]
    fn stackable_into_none_becomes_stand_alone() {
        let text =
            format!("{ACADEMY}\nmicro-credential c {{\n  title \"C\"\n  stackable-into none\n}}\n");
        let actions = actions_at(&text, "none");
        let fix = titled(&actions, "Replace `none` with `stand-alone`");
        assert_eq!(fix.diagnostic, Some("L0021"));
        let fixed = apply(&text, fix);
        assert!(fixed.contains("  stackable-into stand-alone\n"), "{fixed}");
        assert!(!codes_of(&fixed).contains(&"L0021"));
    }

    #[test]
    fn an_untagged_second_text_is_tagged_with_a_language_of_the_project() {
        let text = format!("{ACADEMY}\nmicro-credential c {{\n  title \"Welding\"\n  title \"Spawanie\"\n  description \"Kurs\"@pl\n}}\n");
        assert!(codes_of(&text).contains(&"L0013"));
        let actions = actions_at(&text, "Spawanie");
        let fix = titled(&actions, "Tag the text as `@pl`");
        assert_eq!(fix.diagnostic, Some("L0013"));
        let fixed = apply(&text, fix);
        assert!(fixed.contains("  title \"Spawanie\"@pl\n"), "{fixed}");
        assert!(!codes_of(&fixed).contains(&"L0013"));
    }

    #[test]
    fn an_untagged_text_is_offered_the_language_of_the_awarding_bodys_country() {
        // A Polish centre whose texts carry no tag yet: Polish is offered all the same.
        let text = ACADEMY.replace("country DEU", "country POL")
            + "\nmicro-credential c {\n  title \"Welding\"\n  title \"Spawanie\"\n}\n";
        let (analysis, _) = analysis(&text);
        let d = analysis
            .compilation
            .diagnostics
            .iter()
            .find(|d| d.code.id == "L0013")
            .expect("L0013");
        assert!(
            d.help.iter().any(|h| h.contains("`\"...\"@pl`")),
            "{:?}",
            d.help
        );
        let actions = actions_at(&text, "Spawanie");
        let fix = titled(&actions, "Tag the text as `@pl`");
        assert!(apply(&text, fix).contains("  title \"Spawanie\"@pl\n"));
    }

    #[test]
    fn an_inserted_country_is_the_projects() {
        let academy = ACADEMY.replace("  country DEU\n", "");
        let text = format!("{academy}\norganisation centre {{\n  legal-name \"Centrum\"\n  country POL\n}}\n\nmicro-credential c {{\n  title \"C\"\n  awarding-body academy\n}}\n");
        let actions = actions_at(&text, "academy {");
        let fix = titled(&actions, "country");
        let fixed = apply(&text, fix);
        assert!(fixed.contains("country POL"), "{fixed}");
        assert!(!fixed.contains("country DEU"), "{fixed}");
    }

    #[test]
    fn a_range_over_many_unknown_skills_searches_esco_for_the_first_ones() {
        // real labels with a letter too many: each has its own close skill (fix titles differ)
        let lines: String = vocab::esco()
            .skills()
            .iter()
            .step_by(97)
            .take(3 * MAX_SKILLS_SEARCHED)
            .map(|skill| format!("  skill esco \"{}x\"\n", skill.pref_label_en))
            .collect();
        let text = format!("outcome o \"t\" {{\n{lines}}}\n");
        let (analysis, file) = analysis(&text);
        let actions = code_actions(&analysis, file, 0..text.len());
        let fixed_lines: std::collections::BTreeSet<usize> = actions
            .iter()
            .filter(|a| a.diagnostic == Some("L0031"))
            .map(|a| text[..a.edits[0].range.start].lines().count())
            .collect();
        // line 1 is the outcome's header: the skills are lines 2, 3, ...
        assert_eq!(
            fixed_lines,
            (2..2 + MAX_SKILLS_SEARCHED).collect(),
            "{actions:#?}"
        );
    }

    #[test]
    fn unknown_and_ambiguous_skills() {
        let text = "outcome o \"t\" {\n  skill esco \"manage findable reusable data\"\n}\n";
        assert!(codes_of(text).contains(&"L0031"));
        let actions = actions_at(text, "findable");
        let fix = titled(&actions, FAIR);
        assert_eq!(fix.diagnostic, Some("L0031"));
        let fixed = apply(text, fix);
        assert_eq!(
            fixed,
            format!("outcome o \"t\" {{\n  skill esco \"{FAIR}\"\n}}\n")
        );
        assert!(!codes_of(&fixed).iter().any(|c| c.starts_with("L003")));

        let text = "outcome o \"t\" {\n  skill esco \"advise customers\"\n}\n";
        assert!(codes_of(text).contains(&"L0032"));
        let actions = actions_at(text, "advise");
        let fixes: Vec<&CodeAction> = actions
            .iter()
            .filter(|a| a.diagnostic == Some("L0032"))
            .collect();
        assert_eq!(fixes.len(), 2);
        let fixed = apply(text, fixes[0]);
        assert!(
            fixed.contains("  skill <http://data.europa.eu/esco/skill/"),
            "{fixed}"
        );
        assert!(!codes_of(&fixed).iter().any(|c| c.starts_with("L003")));
    }

    #[test]
    fn skill_iri_to_label_and_back() {
        let iri = format!("outcome o \"t\" {{\n  skill <{FAIR_IRI}>\n}}\n");
        let actions = actions_at(&iri, "skill");
        let to_label = titled(&actions, "as its label");
        assert_eq!(to_label.kind, CodeActionKind::Refactor);
        let label = apply(&iri, to_label);
        assert_eq!(
            label,
            format!("outcome o \"t\" {{\n  skill esco \"{FAIR}\"\n}}\n")
        );
        assert!(codes_of(&label).iter().all(|c| !c.starts_with("L003")));
        // and back, at a cursor anywhere on the line
        let (analysis, file) = analysis(&label);
        let at = label.find("findable").unwrap();
        let actions = code_actions(&analysis, file, at..at);
        assert_eq!(apply(&label, titled(&actions, "as its IRI")), iri);
        // an alternative label becomes the preferred one
        let alt = "outcome o \"t\" {\n  skill esco \"manage music staff\"\n}\n";
        let actions = actions_at(alt, "music");
        let fixed = apply(alt, titled(&actions, "preferred label"));
        assert_eq!(
            fixed,
            "outcome o \"t\" {\n  skill esco \"manage musical staff\"\n}\n"
        );
        // nothing on other lines
        assert!(actions_at(alt, "outcome")
            .iter()
            .all(|a| a.kind != CodeActionKind::Refactor));
    }

    #[test]
    fn nothing_for_unknown_files_and_odd_ranges() {
        let text = bare();
        let (analysis, file) = analysis(&text);
        assert!(code_actions(&analysis, FileId(7), 0..10).is_empty());
        let reversed = std::ops::Range {
            start: 10_000,
            end: 5,
        };
        let _ = code_actions(&analysis, file, reversed);
        let _ = code_actions(&analysis, file, 5..10_000);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        #[test]
        fn never_panics_and_edits_stay_in_the_file(
            a in 0usize..600,
            b in 0usize..600,
            cut in 0usize..600,
            junk in "\\PC{0,10}",
        ) {
            let base = format!("{}\nmicro-credential bare {{\n  mode onlin\n  outcome \"t\" {{\n    skill esco \"advise customers\"\n    skill <{FAIR_IRI}>\n  }}\n}}\n\naward bare {{\n}}\n", bare());
            let at = crate::ide::completion::floor_char_boundary(&base, cut);
            let text = format!("{}{}{}", &base[..at], junk, &base[at..]);
            let (analysis, file) = analysis(&text);
            for action in code_actions(&analysis, file, a..b) {
                for e in &action.edits {
                    let len = analysis.project.sources.get(e.file).text.len();
                    proptest::prop_assert!(e.range.start <= e.range.end && e.range.end <= len);
                    proptest::prop_assert!(text.is_char_boundary(e.range.start) || e.file != file);
                }
            }
        }
    }
}
