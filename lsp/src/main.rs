//! `laurel-lsp`: the Laurel language server, over stdio.
//!
//! `laurel-lsp` (or `laurel-lsp --stdio`) serves the Language Server Protocol on
//! standard input and output; `--help`, `--version` and `--about` print and exit; any
//! other option is an error (exit status 2).

use std::process::ExitCode;

use laurel_lsp::ABOUT;

/// What `--help` prints.
const USAGE: &str = "\
usage: laurel-lsp [--stdio]

Serves the Language Server Protocol on standard input and output: start it from your
editor (command `laurel-lsp`, file type `laurel`, root marker `Laurel.toml`).

options:
  --stdio                talk over standard input and output (the default)
  --clientProcessId=PID  accepted and ignored (sent by some editors)
  -h, --help             print this help and exit
  -V, --version          print the version and exit
  --about                print what the server is and the ESCO attribution, and exit";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Serve,
    Help,
    Version,
    About,
}

/// Reads the arguments (without the program name); `Err` names the first one not
/// understood.
fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut command = Command::Serve;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stdio" => {}
            "--clientProcessId" => {
                let _ = args.next();
            }
            a if a.starts_with("--clientProcessId=") => {}
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => command = Command::Version,
            "--about" => command = Command::About,
            _ => return Err(arg),
        }
    }
    Ok(command)
}

fn main() -> ExitCode {
    let command = match parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(arg) => {
            let what = if arg.starts_with('-') {
                "unknown option"
            } else {
                "unexpected argument"
            };
            eprintln!("laurel-lsp: {what} `{arg}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{ABOUT}\n\n{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("laurel-lsp {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::About => {
            println!("{ABOUT}");
            ExitCode::SUCCESS
        }
        Command::Serve => {
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
            // After `exit` a read of the still open stdin may be pending on a blocking
            // thread, which cannot be cancelled: do not wait for it.
            runtime.shutdown_background();
            ExitCode::SUCCESS
        }
    }
}
