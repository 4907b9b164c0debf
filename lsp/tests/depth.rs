//! A document that nests blocks thousands of levels deep is one diagnostic (L0005), and
//! the server keeps answering: nothing recurses over the nesting.

mod common;

use common::{codes, Fixture, CREDENTIAL, ORGS};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deeply_nested_document_is_one_error_and_the_server_goes_on() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS), ("rdm.laurel", CREDENTIAL)]).await;
    // About 6 KB: `award rdm {` and 3,000 nested blocks on one line.
    let deep = format!(
        "{CREDENTIAL}\naward rdm {{\n  {}{}\n}}\n",
        "a{".repeat(3_000),
        "}".repeat(3_000)
    );
    let d = f.open("rdm.laurel", &deep).await;
    assert_eq!(codes(&d), ["L0005"], "{d}");
    let uri = f.uri("rdm.laurel");
    let last_line = deep.lines().count() as u32 - 2;
    for (method, params) in [
        (
            "textDocument/hover",
            json!({ "position": { "line": last_line, "character": 100 } }),
        ),
        (
            "textDocument/completion",
            json!({ "position": { "line": last_line, "character": 100 } }),
        ),
        ("textDocument/documentSymbol", json!({})),
        ("textDocument/semanticTokens/full", json!({})),
        (
            "textDocument/formatting",
            json!({ "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
    ] {
        let mut params = params;
        params["textDocument"] = json!({ "uri": uri });
        let answer = f.client.request(method, params).await;
        assert!(answer.is_ok(), "{method}: {answer:?}");
    }
    // Still the same server: the document is fixed and checks clean.
    f.client.change(&uri, CREDENTIAL, 2).await;
    let d = f.client.diagnostics(&uri, Some(2)).await.unwrap();
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    f.client.shutdown().await;
}
