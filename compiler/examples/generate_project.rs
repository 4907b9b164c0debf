//! Writes the benchmark project to a folder, to time the real `laurel` command on it:
//!
//! ```text
//! cargo run --release -p laurel --example generate_project -- /tmp/bench 1000
//! hyperfine 'target/release/laurel check /tmp/bench' 'target/release/laurel build /tmp/bench'
//! ```

#[path = "../benches/generate.rs"]
mod generate;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "bench-project".into()));
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("Laurel.toml"), generate::MANIFEST)?;
    for (name, text) in generate::project_files(n) {
        std::fs::write(dir.join(name), text)?;
    }
    println!(
        "wrote a project of {n} micro-credentials to {}",
        dir.display()
    );
    Ok(())
}
