//! `laurel verify`: checks sealed credentials.

use std::path::PathBuf;
use std::process::ExitCode;

use super::OutputFormat;
use crate::seal;

/// Arguments of `laurel verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Sealed credentials (JAdES, JWS JSON serialization).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Check as of this time (`2026-01-12T09:00:00Z`, or a date) instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    at: Option<i64>,
    /// How to print the report (`json`: one object per file with its checks).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
}

/// Runs `laurel verify`: exit 0 when every check performed on every file passed, 1
/// otherwise, 2 when a file cannot be read.
pub fn run(args: VerifyArgs) -> miette::Result<ExitCode> {
    let at = args.at.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let mut all = true;
    let mut reports = Vec::new();
    for file in &args.files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| miette::miette!("cannot read `{}`: {e}", file.display()))?;
        let checks = seal::verify(&text, at);
        let passed = seal::all_passed(&checks);
        all &= passed;
        match args.format {
            OutputFormat::Json => reports.push(serde_json::json!({
                "file": file.display().to_string(),
                "passed": passed,
                "checks": checks.iter().map(|c| serde_json::json!({
                    "check": c.name,
                    "status": c.status.as_str(),
                    "detail": c.detail,
                })).collect::<Vec<_>>(),
            })),
            OutputFormat::Human | OutputFormat::Github => {
                println!(
                    "{}: {}",
                    file.display(),
                    if passed { "valid" } else { "NOT VALID" }
                );
                for c in &checks {
                    println!("  {:<8} {:<22} {}", c.status.as_str(), c.name, c.detail);
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

fn parse_time(text: &str) -> Result<i64, String> {
    seal::unix_seconds(text).ok_or_else(|| {
        format!("`{text}` is not a date (2026-01-12) or a date and time (2026-01-12T09:00:00Z)")
    })
}
