//! `laurel-lsp`: the Laurel language server, over stdio.
//!
//! `laurel-lsp` (or `laurel-lsp --stdio`) serves the Language Server Protocol on
//! standard input and output; `--version` and `--about` print and exit.

use std::process::ExitCode;

use laurel_lsp::ABOUT;

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
        None | Some("--stdio") => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("laurel-lsp")
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    eprintln!("laurel-lsp: cannot start: {e}");
                    return ExitCode::FAILURE;
                }
            };
            runtime.block_on(laurel_lsp::serve(tokio::io::stdin(), tokio::io::stdout()));
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("{ABOUT}\n\nunknown argument `{other}`\nusage: laurel-lsp [--stdio | --version | --about]");
            ExitCode::from(2)
        }
    }
}
