//! Shared by the language-server benchmarks (`benches/startup.rs`, `examples/bench.rs`).

use std::path::Path;
use std::process::Stdio;

use laurel_lsp::testing::Client;

/// Starts the `laurel-lsp` program at `server` as an editor does (JSON-RPC over its
/// stdin and stdout, stderr discarded), and a client talking to it. The process is killed
/// when the returned child is dropped.
pub fn spawn(server: &Path) -> (tokio::process::Child, Client) {
    let mut child = tokio::process::Command::new(server)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", server.display()));
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        panic!("no pipes to {}", server.display());
    };
    (child, Client::new(stdout, stdin))
}
