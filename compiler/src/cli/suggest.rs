//! `laurel suggest`: for each learning outcome without a `skill` line, the ESCO skills its
//! text suggests (`vocab::suggest`, as the editor's code action), listed or written in.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::check::skills::{bare_outcomes, OutcomeText};
use crate::ide::actions::{add_to_outcome, skill_line};
use crate::ide::{Analysis, TextEdit};
use crate::source::FileId;
use crate::vocab::suggest::SuggestedSkill;

/// Arguments of `laurel suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// A project folder (with Laurel.toml) or a .laurel file.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// How many skills to list per outcome, best first.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    limit: u32,
    /// Write the best N skills into each outcome (as `skill esco "…"` lines), changing
    /// nothing else in the files.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10))]
    apply: Option<u32>,
    /// How to print the suggestions.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Human)]
    format: SuggestFormat,
}

/// How `laurel suggest` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SuggestFormat {
    /// One block per outcome: its place and text, then the skills.
    Human,
    /// A JSON array of outcomes, each with its skills.
    Json,
}

/// One outcome and its skills.
struct Suggested<'a> {
    outcome: OutcomeText<'a>,
    skills: Vec<SuggestedSkill<'static>>,
}

/// Runs `laurel suggest`: exit 0 (also when every outcome has skills), 2 when the project
/// cannot be read or a file cannot be written.
pub fn run(args: SuggestArgs) -> miette::Result<ExitCode> {
    let project = super::load(&args.path)?;
    let analysis = Analysis::new(project);
    let info = &analysis.project.info;
    let index = info.esco.index();
    let limit = args.limit.max(args.apply.unwrap_or(0)) as usize;
    let suggested: Vec<Suggested> =
        bare_outcomes(&analysis.compilation.files, &info.default_language)
            .into_iter()
            .map(|outcome| Suggested {
                skills: index.suggest_skills(&outcome.query(), limit),
                outcome,
            })
            .collect();
    match args.apply {
        Some(n) => apply(&analysis, &suggested, n as usize)?,
        None => match args.format {
            SuggestFormat::Human => print_human(&analysis, &suggested, args.limit as usize),
            SuggestFormat::Json => print_json(&analysis, &suggested, args.limit as usize),
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// The path, line and column of an outcome's statement.
fn place(analysis: &Analysis, outcome: &OutcomeText) -> (String, usize, usize) {
    let span = outcome.value.span;
    let file = analysis.project.sources.get(span.file);
    let (line, column) = file.line_col(span.start as usize);
    (file.path.display().to_string(), line, column)
}

fn print_human(analysis: &Analysis, suggested: &[Suggested], limit: usize) {
    let index = analysis.project.info.esco.index();
    if suggested.is_empty() {
        eprintln!("every learning outcome links an ESCO skill");
        return;
    }
    for s in suggested {
        let (path, line, column) = place(analysis, &s.outcome);
        println!("{path}:{line}:{column}: “{}”", s.outcome.text);
        if s.skills.is_empty() {
            println!("  no ESCO skill shares a word with this outcome");
        }
        for (rank, skill) in s.skills.iter().take(limit).enumerate() {
            let kind = skill.skill.skill_type.unwrap_or("skill");
            println!(
                "  {}. {}  ({kind}; matched: {})",
                rank + 1,
                skill_line(index, skill.skill, s.outcome.language),
                skill.matched.join(", ")
            );
        }
        println!();
    }
    eprintln!(
        "{} outcome(s) without a skill; `laurel suggest --apply 1` writes the first suggestion into each",
        suggested.len()
    );
}

fn print_json(analysis: &Analysis, suggested: &[Suggested], limit: usize) {
    let index = analysis.project.info.esco.index();
    let outcomes: Vec<serde_json::Value> = suggested
        .iter()
        .map(|s| {
            let (path, line, column) = place(analysis, &s.outcome);
            let skills: Vec<serde_json::Value> = s
                .skills
                .iter()
                .take(limit)
                .map(|m| {
                    json!({
                        "iri": m.skill.iri,
                        "label": m.label(),
                        "language": m.language,
                        "type": m.skill.skill_type,
                        "score": (f64::from(m.score) * 1000.0).round() / 1000.0,
                        "matched": m.matched,
                        "line": skill_line(index, m.skill, s.outcome.language),
                    })
                })
                .collect();
            json!({
                "file": path,
                "line": line,
                "column": column,
                "outcome": s.outcome.text,
                "language": s.outcome.language,
                "skills": skills,
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&outcomes).unwrap_or_else(|_| "[]".into());
    println!("{text}");
}

/// Writes the best `n` skills of each outcome into its file. A file that was laid out as
/// `laurel fmt` lays it out is laid out again after the insertion (which changes only the
/// new lines); any other file gets the lines indented like their block, and nothing else
/// changes.
fn apply(analysis: &Analysis, suggested: &[Suggested], n: usize) -> miette::Result<()> {
    let index = analysis.project.info.esco.index();
    let mut by_file: Vec<(FileId, Vec<TextEdit>)> = Vec::new();
    let mut added = 0;
    for s in suggested {
        let lines: Vec<String> = (s.skills.iter().take(n))
            .map(|m| skill_line(index, m.skill, s.outcome.language))
            .collect();
        let count = lines.len();
        if count == 0 {
            continue;
        }
        let Some(edit) = add_to_outcome(analysis, &s.outcome, lines) else {
            continue;
        };
        added += count;
        match by_file.iter_mut().find(|(f, _)| *f == edit.file) {
            Some((_, edits)) => edits.push(edit),
            None => by_file.push((edit.file, vec![edit])),
        }
    }
    for (id, edits) in &mut by_file {
        let file = analysis.project.sources.get(*id);
        let written = file.written();
        let bom = written
            .get(..written.len() - file.text.len())
            .unwrap_or_default();
        let mut text = file.text.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits.iter() {
            if text.is_char_boundary(e.range.start) {
                text.insert_str(e.range.start, &e.new_text);
            }
        }
        let mut new = format!("{bom}{text}");
        let was_formatted = crate::fmt::format_file(*id, &written).is_ok_and(|t| t == *written);
        if was_formatted {
            if let Ok(formatted) = crate::fmt::format_file(*id, &new) {
                new = formatted;
            }
        }
        crate::build::write_atomic(&file.path, new.as_bytes())
            .map_err(|e| miette::miette!("cannot write `{}`: {e}", file.path.display()))?;
        println!("{}", file.path.display());
    }
    eprintln!(
        "added {added} skill(s) to {} outcome(s) in {} file(s)",
        suggested.iter().filter(|s| !s.skills.is_empty()).count(),
        by_file.len()
    );
    Ok(())
}
