//! `laurel verify`: checks sealed credentials.

use std::path::PathBuf;
use std::process::ExitCode;

use super::seal::parse_time;
use super::OutputFormat;
use crate::build;
use crate::diag::workflow_command;
use crate::seal::{self, TrustAnchors, VerifyOptions};
use crate::source::SourceFile;

/// Arguments of `laurel verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Sealed credentials (JAdES, JWS JSON serialization).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Trust anchors (PEM certificates) the seal certificate must chain to, at sealing
    /// and at the time of checking. Needed unless --no-trust.
    #[arg(long, value_name = "ANCHORS.pem")]
    trust: Option<PathBuf>,
    /// Accept seals whose certificate is not checked against trust anchors: the
    /// signature is checked, but not who made it (anyone can make a certificate with
    /// any organisation's name).
    #[arg(long, conflicts_with = "trust")]
    no_trust: bool,
    /// Check as of this time (`2026-01-12T09:00:00Z`, or a date) instead of now.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    at: Option<i64>,
    /// How to print the report (`json`: one object per file with its checks; `sarif`: a
    /// SARIF 2.1.0 log with a result on the file for each failed or warning check).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
}

/// Runs `laurel verify`: exit 0 when every check performed on every file passed (warnings
/// allowed) and the chain was checked against trust anchors (or --no-trust accepts that
/// it was not), 1 otherwise, 2 when a file or the trust anchors cannot be read.
pub fn run(args: VerifyArgs) -> miette::Result<ExitCode> {
    let anchors = match &args.trust {
        Some(path) => {
            let pem = crate::files::read(path, crate::files::Kind::Certificate)
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
        crate::files::read_text(file, crate::files::Kind::Credential)
            .map(|text| {
                let checks = untrusted(seal::verify(&text, &options), args.no_trust);
                (SourceFile::new(file, text), checks)
            })
            .map_err(|e| miette::miette!("cannot read `{}`: {e}", file.display()))
    });
    let results = results.into_iter().collect::<miette::Result<Vec<_>>>()?;
    let all = results.iter().all(|(_, checks)| seal::all_passed(checks));
    if matches!(args.format, OutputFormat::Sarif) {
        let reports: Vec<(&SourceFile, &[seal::Check])> = results
            .iter()
            .map(|(file, checks)| (file, checks.as_slice()))
            .collect();
        print!("{}", seal::verify::sarif(&reports));
    }
    let mut reports = Vec::new();
    for (file, checks) in &results {
        let file = &file.path;
        let passed = seal::all_passed(checks);
        match args.format {
            OutputFormat::Sarif => {}
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
                    (true, true) => {
                        "valid seal, but the issuer's identity was not checked (--no-trust: no trust anchors)"
                    }
                    (true, false) => "valid",
                };
                println!("{}: {verdict}", file.display());
                for c in checks {
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

/// The checks with the chain check, skipped for want of trust anchors, failed unless
/// `accepted` (`--no-trust`): a self-made certificate can carry any organisation's name.
fn untrusted(mut checks: Vec<seal::Check>, accepted: bool) -> Vec<seal::Check> {
    for check in checks
        .iter_mut()
        .filter(|c| c.name == "chain" && c.status == seal::Status::Skipped)
    {
        (check.status, check.detail) = if accepted {
            (
                seal::Status::Skipped,
                "not checked (--no-trust): the seal certificate's names are not proven, anyone can make a certificate with them; the EU tools check the chain against the EU trusted lists".to_string(),
            )
        } else {
            (
                seal::Status::Failed,
                "not checked: no trust anchors given, and anyone can make a certificate with any organisation's name; give the CA certificates you trust (--trust ANCHORS.pem), or --no-trust to accept a seal without knowing who made it".to_string(),
            )
        };
    }
    checks
}
