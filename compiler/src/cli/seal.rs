//! `laurel seal`: JAdES-B-B seals on credentials, with a local key or in two steps with
//! a key held elsewhere (`--prepare`, then `--finish`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine as _;

use crate::build::write_atomic;
use crate::files;
use crate::seal::{self, Algorithm, SealCertificate, SealKey, Sealer};

/// The seal's key, certificate and options: what `laurel seal` and `laurel issue --seal`
/// share.
#[derive(Debug, clap::Args)]
pub struct KeyArgs {
    /// The seal's private key: PEM, PKCS#8 (RSA, P-256, P-384) or PKCS#1 (RSA); or a
    /// PKCS#12 file (.p12, .pfx) with its certificates.
    #[arg(long, value_name = "KEY")]
    key: Option<PathBuf>,
    /// The seal certificate, then the CA certificates above it, PEM (they go into `x5c`).
    /// Not needed with a PKCS#12 key, whose certificates are used.
    #[arg(long, value_name = "CHAIN.pem")]
    cert: Option<PathBuf>,
    /// The environment variable holding the PKCS#12 file's password (never on the
    /// command line).
    #[arg(long, value_name = "NAME", default_value = "LAUREL_KEY_PASSWORD")]
    key_password_env: String,
    /// Signature algorithm (default: RS256 for RSA keys, ES256 for P-256, ES384 for P-384).
    #[arg(long, value_enum, value_name = "ALG")]
    alg: Option<Algorithm>,
    /// Fill each credential's issuer (legal name, alternative name, eIDAS identifier and
    /// its country) from the seal certificate, as the EU issuer does.
    #[arg(long)]
    issuer_from_cert: bool,
    /// The sealing time written as `sigT` (default: now), e.g. 2026-01-12T09:00:00Z.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    sealed_at: Option<i64>,
}

impl KeyArgs {
    /// True when any of these options was given.
    pub fn given(&self) -> bool {
        self.key.is_some()
            || self.cert.is_some()
            || self.alg.is_some()
            || self.issuer_from_cert
            || self.sealed_at.is_some()
    }

    fn sealed_at(&self) -> i64 {
        self.sealed_at.unwrap_or_else(seal::now)
    }

    fn certificate(&self) -> miette::Result<SealCertificate> {
        let path = self.cert.as_ref().ok_or_else(|| {
            miette::miette!("sealing needs the seal certificate: --cert CHAIN.pem")
        })?;
        SealCertificate::from_pem(&read(path)?)
            .map_err(|e| miette::miette!("{}: {e}", path.display()))
    }

    /// The sealer of `--key` and `--cert` (or the key's PKCS#12 certificates), with its
    /// problems in plain words.
    pub fn sealer(&self) -> miette::Result<Sealer> {
        let path = self.key.as_ref().ok_or_else(|| {
            miette::miette!("sealing needs the seal's private key: --key KEY (or seal in two steps with --prepare and --finish)")
        })?;
        let bytes = read(path)?;
        let in_file = |e: seal::SealError| miette::miette!("{}: {e}", path.display());
        let (key, certificate) = if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
            (
                SealKey::from_pem(&bytes).map_err(in_file)?,
                self.certificate()?,
            )
        } else {
            let password = std::env::var(&self.key_password_env).unwrap_or_default();
            let (key, own) = SealKey::from_pkcs12(&bytes, &password).map_err(in_file)?;
            match self.cert {
                Some(_) => (key, self.certificate()?),
                None => (key, own),
            }
        };
        Sealer::new(
            key,
            certificate,
            self.alg,
            self.sealed_at(),
            self.issuer_from_cert,
        )
        .map_err(|e| miette::miette!("{e}"))
    }
}

/// Arguments of `laurel seal`.
#[derive(Debug, clap::Args)]
pub struct SealArgs {
    /// Credentials to seal (ELM JSON-LD, as `laurel build` writes them).
    files: Vec<PathBuf>,
    #[command(flatten)]
    key: KeyArgs,
    /// Where to write: a folder (the files keep their names), or a file when sealing
    /// one credential. Default: `<name>.sealed.jsonld` beside each credential
    /// (`<name>.tbs` with --prepare).
    #[arg(long, short = 'o', value_name = "PATH")]
    out: Option<PathBuf>,
    /// Replace the file --out names when it exists already.
    #[arg(long)]
    force: bool,
    /// Step 1 of sealing with a key held elsewhere (QSCD, HSM, remote signing): write
    /// the bytes to sign as `<name>.tbs` and print their SHA-256. Needs --cert, not --key.
    #[arg(long, conflicts_with_all = ["key", "finish"])]
    prepare: bool,
    /// Step 2: the sealed credential from a prepared `.tbs` file and --signature.
    #[arg(long, value_name = "PREPARED.tbs", requires = "signature", conflicts_with_all = ["cert", "alg", "issuer_from_cert", "sealed_at"])]
    finish: Option<PathBuf>,
    /// The signature over the prepared bytes: raw, base64, or DER for ECDSA (as
    /// `openssl dgst -sign` writes it).
    #[arg(long, value_name = "SIG", requires = "finish")]
    signature: Option<PathBuf>,
}

/// Runs `laurel seal`: exit 0 when every file was sealed (or prepared), 1 when a file
/// could not be, 2 for a key, certificate or usage problem.
pub fn run(args: SealArgs) -> miette::Result<ExitCode> {
    if let Some(prepared) = &args.finish {
        if !args.files.is_empty() {
            return Err(miette::miette!(
                "--finish takes the prepared file, not credentials: laurel seal --finish NAME.tbs --signature NAME.sig"
            ));
        }
        let out = args.out.as_deref();
        if let Some(out) = out {
            not_in_the_way(out, args.force)?;
        }
        return finish(prepared, args.signature.as_deref(), out);
    }
    if args.files.is_empty() {
        return Err(miette::miette!(
            "name the credentials to seal: laurel seal FILE... --key KEY.pem --cert CHAIN.pem"
        ));
    }
    let suffix = if args.prepare { "tbs" } else { "sealed.jsonld" };
    let targets = targets(&args.files, args.out.as_deref(), suffix, args.force)?;
    let jobs: Vec<(&PathBuf, &PathBuf)> = args.files.iter().zip(&targets).collect();
    let failed = if args.prepare {
        let certificate = args.key.certificate()?;
        let algorithm = certificate
            .algorithm(args.key.alg)
            .map_err(|e| miette::miette!("{e}"))?;
        let fill = args.key.issuer_from_cert.then(|| certificate.identity());
        if let Some(identity) = fill {
            identity
                .issuer_names()
                .map_err(|e| miette::miette!("--issuer-from-cert: {e}"))?;
        }
        let sealed_at = args.key.sealed_at();
        each_file(&jobs, |file, target| {
            let payload = seal::sign::payload(&read_text(file)?, fill)?;
            let bytes = seal::prepare(&payload, &certificate, Some(algorithm), sealed_at)?;
            write(target, &bytes)?;
            let digest = ring::digest::digest(&ring::digest::SHA256, &bytes);
            Ok(format!(
                "prepared {} → {}: sign its {} bytes with {} (SHA-256 {}, base64 {}), then: laurel seal --finish {} --signature SIGNATURE",
                file.display(),
                target.display(),
                bytes.len(),
                algorithm.name(),
                crate::issue::hex(digest.as_ref()),
                base64::engine::general_purpose::STANDARD.encode(digest.as_ref()),
                target.display()
            ))
        })
    } else {
        let sealer = args.key.sealer()?;
        each_file(&jobs, |file, target| {
            write(target, sealer.seal(&read_text(file)?)?.as_bytes())?;
            Ok(format!(
                "sealed {} → {} ({})",
                file.display(),
                target.display(),
                sealer.algorithm().name()
            ))
        })
    };
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} of {} file(s) not sealed", args.files.len());
        ExitCode::from(1)
    })
}

/// Runs `work` on every (credential, target) pair on all cores and reports each in
/// order: its message, or the file and what went wrong. Returns how many failed.
fn each_file(
    jobs: &[(&PathBuf, &PathBuf)],
    work: impl Fn(&Path, &Path) -> Result<String, seal::SealError> + Sync,
) -> usize {
    let results = crate::build::par_map(jobs, crate::build::available_cores(), |(file, target)| {
        work(file, target)
    });
    let mut failed = 0;
    for ((file, _), result) in jobs.iter().zip(results) {
        match result {
            Ok(message) => println!("{message}"),
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                failed += 1;
            }
        }
    }
    failed
}

/// `--finish`: the sealed file from the prepared bytes and their signature.
fn finish(
    prepared: &Path,
    signature: Option<&Path>,
    out: Option<&Path>,
) -> miette::Result<ExitCode> {
    let signature = signature
        .ok_or_else(|| miette::miette!("--finish needs the signature: --signature SIG"))?;
    let bytes = read(prepared)?;
    let sealed = seal::finish(&bytes, &read(signature)?)
        .map_err(|e| miette::miette!("{}: {e}", prepared.display()))?;
    let target = out.map_or_else(
        || prepared.with_extension("sealed.jsonld"),
        Path::to_path_buf,
    );
    write(&target, sealed.as_bytes()).map_err(|e| miette::miette!("{e}"))?;
    println!("sealed {} → {}", prepared.display(), target.display());
    Ok(ExitCode::SUCCESS)
}

/// Where each file goes: `out` as a file for one input ending in `.json`/`.jsonld`/`.tbs`
/// (refused when it exists, unless `force`), into the folder `out` keeping its name
/// (`<stem>.tbs` when preparing), or beside the input with `suffix`
/// (`<stem>.sealed.jsonld`, `<stem>.tbs`).
fn targets(
    files: &[PathBuf],
    out: Option<&Path>,
    suffix: &str,
    force: bool,
) -> miette::Result<Vec<PathBuf>> {
    let stem = |file: &PathBuf| {
        file.file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let Some(out) = out else {
        return Ok(files
            .iter()
            .map(|f| f.with_file_name(format!("{}.{suffix}", stem(f))))
            .collect());
    };
    let is_file = !out.is_dir()
        && out
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonld" || e == "tbs");
    if is_file {
        if files.len() > 1 {
            return Err(miette::miette!(
                "--out {} is a file, but there are {} credentials: give a folder",
                out.display(),
                files.len()
            ));
        }
        not_in_the_way(out, force)?;
        return Ok(vec![out.to_path_buf()]);
    }
    let targets: Vec<PathBuf> = files
        .iter()
        .map(|f| match suffix {
            "tbs" => out.join(format!("{}.tbs", stem(f))),
            _ => out.join(f.file_name().unwrap_or_default()),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = targets.iter().find(|t| !seen.insert(*t)) {
        return Err(miette::miette!(
            "two credentials would both be written to {}: seal files with the same name into different folders",
            twice.display()
        ));
    }
    Ok(targets)
}

/// Refuses to replace the file `--out` names unless `force` (`--force`).
fn not_in_the_way(out: &Path, force: bool) -> miette::Result<()> {
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(miette::miette!(
            "`{}` exists already: give another --out, or --force to replace it",
            out.display()
        ));
    }
    Ok(())
}

/// A key or certificate file.
fn read(path: &Path) -> miette::Result<Vec<u8>> {
    files::read(path, files::Kind::Certificate)
        .map_err(|e| miette::miette!("cannot read `{}`: {e}", path.display()))
}

/// A credential to seal.
fn read_text(path: &Path) -> Result<String, seal::SealError> {
    files::read_text(path, files::Kind::Credential)
        .map_err(|e| seal::SealError(format!("cannot read it: {e}")))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), seal::SealError> {
    write_atomic(path, bytes)
        .map_err(|e| seal::SealError(format!("cannot write `{}`: {e}", path.display())))
}

/// A `--at` or `--sealed-at` time: a date-time or a date.
pub fn parse_time(text: &str) -> Result<i64, String> {
    crate::syntax::date::read_instant(text)
        .map(seal::seconds_of)
        .map_err(|e| e.to_string())
}
