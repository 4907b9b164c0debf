//! The `laurel` command.

fn main() -> std::process::ExitCode {
    laurel::cli::main()
}
