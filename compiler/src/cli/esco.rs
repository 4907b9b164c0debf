//! `laurel esco search`: the bundled ESCO skills, or a project's pinned ones, searched as
//! the editor's completion searches them.

use std::process::ExitCode;

use crate::ide::completion::escape;
use crate::syntax::schema::words;
use crate::vocab::{self, SkillMatch};

/// Arguments of `laurel esco`.
#[derive(Debug, clap::Args)]
pub struct EscoArgs {
    #[command(subcommand)]
    command: EscoCommand,
}

#[derive(Debug, clap::Subcommand)]
enum EscoCommand {
    /// Search ESCO skills by label and print the line to write in a .laurel file.
    Search {
        /// Words of the skill's label: `python`, `manage fin`, `pyhton` (typos are fine).
        text: String,
        /// Only skills with a label in this language, shown in it (en or fr, or a
        /// language of the project's pinned ESCO).
        #[arg(long, value_name = "xx")]
        lang: Option<String>,
        /// Search the ESCO this project pins in its Laurel.toml (default: the bundled one).
        #[arg(long, value_name = "PATH")]
        project: Option<std::path::PathBuf>,
        /// How many skills to show, best first.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
}

/// Runs `laurel esco`: exit 0 with hits, 1 without, 2 for a language the ESCO searched
/// has no labels in, or a project whose pin cannot be read.
pub fn run(args: EscoArgs) -> miette::Result<ExitCode> {
    let EscoCommand::Search {
        text,
        lang,
        limit,
        project,
    } = args.command;
    let limit = limit as usize;
    let index = match project {
        Some(path) => pinned(&path)?,
        None => vocab::esco(),
    };
    let lang = match lang {
        Some(l) => {
            let known = index.languages();
            let Some(&l) = known.iter().find(|k| k.eq_ignore_ascii_case(&l)) else {
                return Err(miette::miette!(
                    "{} has no labels in `{l}`: they are in {}",
                    index.name(),
                    vocab::language_names(known)
                ));
            };
            Some(l)
        }
        None => None,
    };
    // with a language, look further down the ranking for skills labelled in it
    let wanted = if lang.is_some() {
        limit.saturating_mul(5)
    } else {
        limit
    };
    let matches = index.search(&text, wanted);
    let mut hits: Vec<(&SkillMatch<'_>, &str)> = Vec::new();
    for m in &matches {
        let label = match lang {
            Some(l) => m.skill.pref_label(l),
            None => m.skill.pref_label(m.lang).or(Some(m.skill.pref_label_en)),
        };
        if let Some(label) = label {
            hits.push((m, label));
        }
        if hits.len() == limit {
            break;
        }
    }
    if hits.is_empty() {
        eprintln!("no ESCO skill matches `{text}`: try fewer or other words");
        return Ok(ExitCode::from(1));
    }
    for (m, label) in hits {
        let mut kind: Vec<&str> = Vec::new();
        kind.extend(m.skill.skill_type);
        kind.extend(m.skill.reuse_level);
        if kind.is_empty() {
            println!("{label}");
        } else {
            println!("{label} ({})", kind.join(", "));
        }
        if m.label != label {
            println!("  matched “{}” ({})", m.label, m.lang);
        }
        println!("  {}", m.skill.iri);
        println!("  skill {} \"{}\"", words::ESCO, escape(label));
    }
    println!();
    println!("{}", vocab::ESCO_ATTRIBUTION);
    Ok(ExitCode::SUCCESS)
}

/// The ESCO the project at `path` uses, or what is wrong with its `Laurel.toml`.
fn pinned(path: &std::path::Path) -> miette::Result<&'static vocab::EscoIndex> {
    let project = crate::project::Project::load(path).map_err(|e| miette::miette!("{e}"))?;
    let errors = project.manifest_errors();
    if errors.is_empty() {
        Ok(project.info.esco.index())
    } else {
        Err(miette::miette!("Laurel.toml: {}", errors.join("; ")))
    }
}
