//! `laurel completions SHELL`: the shell's completion script for `laurel`, generated from
//! the command line's own definition.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Arguments of `laurel completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Install, for example:
  bash:  laurel completions bash > ~/.local/share/bash-completion/completions/laurel
  zsh:   laurel completions zsh > ~/.zfunc/_laurel   (with fpath+=~/.zfunc before compinit)
  fish:  laurel completions fish > ~/.config/fish/completions/laurel.fish")]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    shell: Shell,
}

/// Prints the completion script to standard output.
pub fn run(args: CompletionsArgs) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "laurel", &mut std::io::stdout());
    ExitCode::SUCCESS
}
