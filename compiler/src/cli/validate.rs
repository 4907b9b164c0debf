//! `laurel validate`: checks any European Digital Credential file against the EU's EDC
//! SHACL shapes and the Europass EDC JSON Schema (EBSI), offline.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::OutputFormat;
use crate::build;
use crate::diag::{self, Format, Severity};
use crate::source::Sources;
use crate::validate::run::{self, Options, Validated};
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
fn files(paths: &[PathBuf]) -> miette::Result<Vec<PathBuf>> {
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
    // Each file is read and checked on its own thread, into a `Sources` holding just
    // that file; the files with findings are then moved into one `Sources`, in the order
    // given (the text of a file that conforms is not kept).
    let results: Vec<(Sources, Validated)> =
        build::par_map(&files, build::available_cores(), |file| {
            let mut sources = Sources::new();
            let validated = run::validate_file(file, &options, &mut sources);
            if validated.diagnostics.is_empty() {
                sources = Sources::new();
            }
            (sources, validated)
        });
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let (mut unreadable, mut failed) = (0usize, 0usize);
    for (own, validated) in results {
        // the file's text moves, not copied: a folder of 10,000 credentials is held once
        let moved = sources.append(own);
        diagnostics.extend(
            validated
                .diagnostics
                .iter()
                .map(|d| d.clone().in_file(moved(d.span.file))),
        );
        unreadable += usize::from(validated.unreadable);
        failed += usize::from(
            validated
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
        );
    }
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let format: Format = args.format.into();
    let color = format == Format::Human
        && std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = diag::render(format, &sources, &diagnostics, color);
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
