//! `laurel-lsp`: the Laurel language server.
//!
//! The protocol server itself is not here yet; this binary already answers `--version`
//! and `--about`, and refuses to pretend to be a server.

use std::process::ExitCode;

/// Text shown by `--about` (and, later, the server's about message).
pub const ABOUT: &str = concat!(
    "laurel-lsp ",
    env!("CARGO_PKG_VERSION"),
    ": language server for Laurel, a language for European micro-credentials.\n",
    "This service uses the ESCO classification of the European Commission."
);

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("--version") => {
            println!("laurel-lsp {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--about") => {
            println!("{ABOUT}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{ABOUT}\n\nThe language server protocol is not implemented in this version; use `laurel check` for diagnostics.");
            ExitCode::from(2)
        }
    }
}
