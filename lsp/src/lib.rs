//! `laurel-lsp`: the Laurel language server (tower-lsp-server, stdio).
//!
//! Everything a feature knows comes from the compiler's library (`laurel::ide`,
//! `laurel::project`): this crate keeps the editor's documents, turns byte offsets into
//! protocol positions and back, and converts results to protocol types. It holds no
//! copy of any rule.
//!
//! Documents use full-document sync. A document is stored only when its version is newer
//! than the one held (handlers run concurrently, so a stale change can arrive late). Each
//! project (the folder of the nearest `Laurel.toml`, or a lone file) has a generation
//! counter bumped by every change; compiles of one project are serialised, a compile
//! whose generation is no longer current is dropped before it publishes, so several
//! quick edits cost one compile and no stale diagnostics reach the editor.

pub mod convert;
mod framing;
mod server;
pub mod testing;
pub mod validate;

pub use framing::MAX_BODY;
pub use server::{Backend, TOKEN_MODIFIERS, TOKEN_TYPES};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{ClientSocket, LspService, Server};

/// Text shown by `--about` and logged to the editor when the server starts.
pub const ABOUT: &str = concat!(
    "laurel-lsp ",
    env!("CARGO_PKG_VERSION"),
    ": language server for Laurel, a language for European micro-credentials.\n",
    "This service uses the ESCO classification of the European Commission."
);

/// The language service and the socket it talks to the client through.
///
/// Besides the standard protocol it answers three requests of its own, used by the VS
/// Code extension: `laurel/build` (what `laurel build` does), `laurel/compiled` (the
/// JSON-LD of the award or micro-credential at a position) and
/// `laurel/validateCredential` (what `laurel validate` does, for one credential file;
/// also the `workspace/executeCommand` command `laurel-lsp.validateCredential`).
pub fn service() -> (LspService<Backend>, ClientSocket) {
    LspService::build(Backend::new)
        .custom_method("laurel/build", Backend::build_project)
        .custom_method("laurel/compiled", Backend::compiled)
        .custom_method(validate::METHOD, Backend::validate_credential)
        .finish()
}

/// Serves the protocol over a byte stream pair (stdio in the binary, a pipe in tests)
/// until the client exits or the input ends.
///
/// A broken stream does not end it: a frame whose body is not JSON is answered with a
/// parse error (`-32700`, `"id": null`), a header it cannot read or a `Content-Length`
/// above [`MAX_BODY`] is skipped up to the next `Content-Length:`, and each is logged to
/// stderr.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = service();
    framing::serve(input, output, |input, output| {
        Server::new(input, output, socket).serve(service)
    })
    .await;
}
