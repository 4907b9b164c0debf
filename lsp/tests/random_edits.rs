//! Property tests: random edit sequences never crash the server or stop it answering,
//! and the editor-feature functions never panic at any offset of mangled text.

mod common;

use common::{Fixture, CREDENTIAL, ORGS};
use laurel_lsp::testing;
use proptest::prelude::*;
use serde_json::json;

/// Pieces of Laurel (and of trouble) that edits insert.
const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "\"",
    "\"\"\"",
    "\n",
    " ",
    "\t",
    "\\",
    "// ",
    "///",
    "@de",
    "@",
    "<",
    ">",
    "😀",
    "é",
    "Ü",
    "\r\n",
    "organisation ",
    "micro-credential x ",
    "template t ",
    "award rdm ",
    "outcome ",
    "from ",
    "qualification q {\n  includes rdm\n}\n",
    "skill esco \"manage fin",
    "skill <http://data.europa.eu/esco/skill/",
    "awarding-body ",
    "academy",
    "qa-agency",
    "workload 3 ects",
    "eqf none",
    "mode onlin",
    "stackable-into stand-alone",
    "0613",
    "2025-02-30",
    "national-id \"X\" country",
    "period 2025-01-01 to",
    "-",
    "x",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0.0..=1.0f64, prop::sample::select(SNIPPETS)).prop_map(|(p, s)| Edit::Insert(p, s.to_string())),
        1 => (0.0..=1.0f64, "[ -~]{1,6}").prop_map(|(p, s)| Edit::Insert(p, s)),
        2 => (0.0..=1.0f64, 1usize..40).prop_map(|(p, n)| Edit::Delete(p, n)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    match edit {
        Edit::Insert(p, s) => {
            let at = boundary(text, (*p * text.len() as f64) as usize);
            text.insert_str(at, s);
        }
        Edit::Delete(p, n) => {
            let at = boundary(text, (*p * text.len() as f64) as usize);
            let end = boundary(text, at + n);
            text.replace_range(at..end, "");
        }
    }
}

/// A request at a position that may be anywhere, also past the end or inside a
/// surrogate pair.
fn request_for(
    i: usize,
    uri: &str,
    line: u32,
    character: u32,
) -> (&'static str, serde_json::Value) {
    let td = json!({ "uri": uri });
    let pos = json!({ "line": line, "character": character });
    match i % 12 {
        0 => (
            "textDocument/hover",
            json!({ "textDocument": td, "position": pos }),
        ),
        1 => (
            "textDocument/definition",
            json!({ "textDocument": td, "position": pos }),
        ),
        2 => (
            "textDocument/references",
            json!({ "textDocument": td, "position": pos, "context": { "includeDeclaration": true } }),
        ),
        3 => ("textDocument/documentSymbol", json!({ "textDocument": td })),
        4 => (
            "textDocument/semanticTokens/full",
            json!({ "textDocument": td }),
        ),
        5 => (
            "textDocument/inlayHint",
            json!({ "textDocument": td, "range": { "start": { "line": 0, "character": 0 }, "end": pos } }),
        ),
        6 => (
            "textDocument/rename",
            json!({ "textDocument": td, "position": pos, "newName": "renamed" }),
        ),
        7 => ("workspace/symbol", json!({ "query": "a" })),
        8 => (
            "textDocument/completion",
            json!({ "textDocument": td, "position": pos }),
        ),
        9 => (
            "textDocument/codeAction",
            json!({ "textDocument": td, "range": { "start": { "line": 0, "character": 0 }, "end": pos }, "context": { "diagnostics": [] } }),
        ),
        10 => (
            "textDocument/formatting",
            json!({ "textDocument": td, "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
        _ => (
            "textDocument/documentHighlight",
            json!({ "textDocument": td, "position": pos }),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(16),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_edits_never_stop_the_server(
        edits in prop::collection::vec(edit(), 1..40),
        probes in prop::collection::vec((0usize..12, 0u32..40, 0u32..120), 1..40),
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
            let uri = f.uri("rdm.laurel");
            let mut text = CREDENTIAL.to_string();
            f.client.open(&uri, &text, 1).await;
            let mut version = 1;
            for (i, edit) in edits.iter().enumerate() {
                apply(&mut text, edit);
                version += 1;
                f.client.change(&uri, &text, version).await;
                // Edits arrive faster than compiles; ask something every other edit.
                if i % 2 == 0 {
                    let (kind, line, character) = probes[i % probes.len()];
                    let (method, params) = request_for(kind, &uri, line, character);
                    let answer = f.client.request(method, params).await;
                    // Errors are fine (a refused rename); silence is not.
                    if let Err(e) = &answer {
                        assert!(
                            !e["message"].as_str().unwrap_or("").contains("in time"),
                            "{method} unanswered after {edits:?}"
                        );
                        assert_ne!(e["code"], json!(-32603), "{method} failed: {e} after {edits:?}");
                    }
                }
            }
            // The last version gets its diagnostics, and the server still answers.
            let d = f.client.diagnostics(&uri, Some(version)).await;
            assert!(d.is_some(), "no diagnostics for the last version after {edits:?}");
            let symbols = f
                .client
                .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }))
                .await;
            assert!(symbols.is_ok(), "{symbols:?}");
            f.client.shutdown().await;
        });
    }

    #[test]
    fn feature_functions_never_panic(edits in prop::collection::vec(edit(), 0..30)) {
        let mut text = format!("{ORGS}\n{CREDENTIAL}");
        for e in &edits {
            apply(&mut text, e);
        }
        let mut sources = laurel::source::Sources::new();
        let file = sources.add("/p/a.laurel", text.clone());
        let analysis = laurel::ide::Analysis::new(laurel::project::Project::from_sources(
            "/p".into(),
            laurel::check::ProjectInfo::default(),
            sources,
        ));
        use laurel::ide::*;
        let _ = symbols::document_symbols(&analysis, file);
        let _ = symbols::workspace_symbols(&analysis, "a");
        let _ = tokens::semantic_tokens(&analysis, file);
        let _ = inlay::inlay_hints(&analysis, file, 0..text.len() + 10);
        let _ = actions::code_actions(&analysis, file, 0..text.len() + 10);
        for offset in 0..=text.len() + 1 {
            let _ = hover::hover(&analysis, file, offset);
            let _ = navigation::definition(&analysis, file, offset);
            let _ = navigation::references(&analysis, file, offset, true);
            let _ = navigation::rename(&analysis, file, offset, "renamed");
            let _ = completion::complete(&analysis, file, offset);
            let _ = actions::code_actions(&analysis, file, offset..offset);
        }
        // Positions of every offset convert back to a character boundary.
        let map = laurel_lsp::convert::LineMap::new(&text);
        for offset in 0..=text.len() {
            let p = map.position(laurel_lsp::convert::Encoding::Utf16, offset);
            let back = map.offset(laurel_lsp::convert::Encoding::Utf16, p);
            prop_assert!(text.is_char_boundary(back));
            prop_assert!(back <= offset);
        }
        let _ = testing::position(&text, text.len());
    }
}
