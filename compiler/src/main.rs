//! The `laurel` command.

/// Lowering builds many small JSON maps: mimalloc makes `laurel build` and
/// `laurel issue` about a third faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    laurel::cli::main()
}
