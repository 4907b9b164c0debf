//! The `laurel` command.

/// Lowering builds many small JSON maps: mimalloc makes `laurel build` and
/// `laurel issue` about a third faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    restore_broken_pipe_default();
    laurel::cli::main()
}

/// `laurel verify *.jsonld | head` should stop quietly when `head` has read enough, as
/// Unix tools do, rather than panic in `println!`: Rust ignores SIGPIPE; take the
/// default back.
fn restore_broken_pipe_default() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread starts; setting a signal's
    // disposition to its default has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
