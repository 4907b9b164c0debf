//! `laurel verify`: checks sealed credentials.

use std::path::PathBuf;
use std::process::ExitCode;

use super::seal::parse_time;
use super::OutputFormat;
use crate::build;
use crate::diag::workflow_command;
use crate::seal::{self, TrustAnchors, VerifyOptions};

/// Arguments of `laurel verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Sealed credentials (JAdES, JWS JSON serialization).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Trust anchors (PEM certificates) the seal certificate must chain to, at sealing
    /// and at the time of checking. Without them the chain is reported as skipped.
    #[arg(long, value_name = "ANCHORS.pem")]
    trust: Option<PathBuf>,
    /// Check as of this time (`2026-01-12T09:00:00Z`, or a date) instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    at: Option<i64>,
    /// How to print the report (`json`: one object per file with its checks).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
}

/// Runs `laurel verify`: exit 0 when every check performed on every file passed (warnings
/// allowed), 1 otherwise, 2 when a file or the trust anchors cannot be read.
pub fn run(args: VerifyArgs) -> miette::Result<ExitCode> {
    let anchors = match &args.trust {
        Some(path) => {
            let pem = std::fs::read(path)
                .map_err(|e| miette::miette!("cannot read `{}`: {e}", path.display()))?;
            Some(
                TrustAnchors::from_pem(&pem)
                    .map_err(|e| miette::miette!("{}: {e}", path.display()))?,
            )
        }
        None => None,
    };
    let options = VerifyOptions {
        at: args.at.unwrap_or_else(seal::now),
        anchors: anchors.as_ref(),
    };
    let results = build::par_map(&args.files, build::available_cores(), |file| {
        std::fs::read_to_string(file)
            .map(|text| seal::verify(&text, &options))
            .map_err(|e| miette::miette!("cannot read `{}`: {e}", file.display()))
    });
    let mut all = true;
    let mut reports = Vec::new();
    for (file, result) in args.files.iter().zip(results) {
        let checks = result?;
        let passed = seal::all_passed(&checks);
        all &= passed;
        match args.format {
            OutputFormat::Json => reports.push(serde_json::json!({
                "file": file.display().to_string(),
                "passed": passed,
                "checks": checks.iter().map(|c| {
                    let (label, id) = c.eu_check();
                    serde_json::json!({
                        "check": c.name,
                        "status": c.status.as_str(),
                        "detail": c.detail,
                        "euCheck": { "id": id, "label": label },
                    })
                }).collect::<Vec<_>>(),
            })),
            OutputFormat::Human | OutputFormat::Github => {
                let github = matches!(args.format, OutputFormat::Github);
                let chain_skipped = checks
                    .iter()
                    .any(|c| c.name == "chain" && c.status == seal::Status::Skipped);
                let verdict = match (passed, chain_skipped) {
                    (false, _) => "NOT VALID",
                    (true, true) => "valid, but not checked against trust anchors (--trust)",
                    (true, false) => "valid",
                };
                println!("{}: {verdict}", file.display());
                for c in &checks {
                    println!("  {:<8} {:<22} {}", c.status.as_str(), c.name, c.detail);
                }
                // In GitHub Actions, failures and warnings also become annotations.
                for c in checks.iter().filter(|_| github) {
                    let level = match c.status {
                        seal::Status::Failed => "error",
                        seal::Status::Warning => "warning",
                        _ => continue,
                    };
                    let file = ("file", file.display().to_string());
                    let title = ("title", format!("verify {}", c.name));
                    print!("{}", workflow_command(level, &[file, title], &c.detail));
                }
            }
        }
    }
    if matches!(args.format, OutputFormat::Json) {
        println!("{}", serde_json::Value::Array(reports));
    }
    Ok(if all {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
