//! `laurel validate`: checks any European Digital Credential file against the EU's EDC
//! SHACL shapes and the Europass EDC JSON Schema (EBSI), offline.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::OutputFormat;
use crate::build;
use crate::diag::{self, Format, Rendered, Severity};
use crate::source::Sources;
use crate::validate::run::{self, Options};
use crate::validate::shapes::{Profile, ShapesVersion};

/// Which shapes versions to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShapesChoice {
    /// EDC application profile 1.1.0 (strict, with the controlled lists).
    #[value(name = "1.1.0")]
    V1_1_0,
    /// EDC application profile 1.2.0 (current).
    #[value(name = "1.2.0")]
    V1_2_0,
    /// Both.
    Both,
}

/// Arguments of `laurel validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Credential files (JSON-LD, the EU issuer's upload form, or sealed), or folders:
    /// every `.json` and `.jsonld` file below a folder.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The EDC shapes versions to check against.
    #[arg(long, value_enum, default_value_t = ShapesChoice::Both)]
    shapes: ShapesChoice,
    /// Check against this profile instead of the ones the credential names
    /// (generic, accredited, converted, diploma-supplement, issued-by-mandate).
    #[arg(long, value_name = "NAME", value_parser = parse_profile)]
    profile: Option<Profile>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
}

fn parse_profile(name: &str) -> Result<Profile, String> {
    Profile::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
        format!("no profile `{name}`: the profiles are {}", names.join(", "))
    })
}

/// The files `paths` stand for: each file as given, and every `.json`/`.jsonld` file
/// below each folder (sorted; hidden files and folders skipped).
pub(super) fn files(paths: &[PathBuf]) -> miette::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)
                .map_err(|e| miette::miette!("cannot read the folder `{}`: {e}", path.display()))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let kind = entry.file_type()?;
        if hidden {
            // `.laurel-output.json` and other tools' files
            continue;
        }
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "jsonld")
            )
        {
            out.push(path);
        }
    }
    Ok(())
}

/// What is kept of one file once it is checked.
struct Outcome {
    unreadable: bool,
    /// Whether it has a violation.
    failed: bool,
    warnings: usize,
    rendered: Rendered,
}

/// Runs `laurel validate`: exit 0 when every file conforms (warnings allowed), 1 when a
/// file has a violation, 2 when a file cannot be read as a credential.
pub fn run(args: ValidateArgs) -> miette::Result<ExitCode> {
    let files = files(&args.paths)?;
    if files.is_empty() {
        return Err(miette::miette!(
            "no `.json` or `.jsonld` file in {}",
            args.paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let options = Options {
        versions: match args.shapes {
            ShapesChoice::V1_1_0 => vec![ShapesVersion::V1_1_0],
            ShapesChoice::V1_2_0 => vec![ShapesVersion::V1_2_0],
            ShapesChoice::Both => ShapesVersion::ALL.to_vec(),
        },
        profile: args.profile,
    };
    let format: Format = args.format.into();
    let color = format == Format::Human
        && std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    // Each file is read, checked and its findings rendered on its own thread, with only
    // its own text, which is dropped there: a folder of 10,000 credentials is never held.
    let outcomes: Vec<Outcome> = build::par_map(&files, build::available_cores(), |file| {
        let mut sources = Sources::new();
        let validated = run::validate_file(file, &options, &mut sources);
        let count = |severity| {
            validated
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        Outcome {
            unreadable: validated.unreadable,
            failed: count(Severity::Error) > 0,
            warnings: count(Severity::Warning),
            rendered: Rendered::new(format, &sources, &validated.diagnostics, color),
        }
    });
    let unreadable = outcomes.iter().filter(|o| o.unreadable).count();
    let failed = outcomes.iter().filter(|o| o.failed).count();
    let warnings: usize = outcomes.iter().map(|o| o.warnings).sum();
    let text = diag::join(format, outcomes.into_iter().map(|o| o.rendered));
    match format {
        Format::Human => {
            eprint!("{text}");
            let conforming = files.len() - failed;
            eprintln!(
                "{}: {} file(s) validated, {conforming} conform, {failed} do not, {warnings} warning(s)",
                if failed == 0 { "ok" } else { "failed" },
                files.len()
            );
        }
        _ => print!("{text}"),
    }
    Ok(ExitCode::from(if unreadable > 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }))
}
