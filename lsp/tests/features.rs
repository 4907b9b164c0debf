//! Every feature of the server through the protocol, with the server in this process.
//! Cursor positions are `$` markers in the fixture text.

mod common;

use common::{codes, cursor, slice, Fixture, CREDENTIAL, ORGS};
use serde_json::{json, Value};
use std::path::PathBuf;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_names_the_server_and_credits_esco() {
    let mut client = laurel_lsp::testing::Client::in_process();
    let result = client.initialize(None).await.unwrap();
    assert_eq!(result["serverInfo"]["name"], "laurel-lsp");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let log = client
        .wait_for(|m| m["method"] == "window/logMessage")
        .await
        .unwrap();
    assert!(log["params"]["message"]
        .as_str()
        .unwrap()
        .contains("This service uses the ESCO classification of the European Commission."));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_on_open_and_change_for_the_whole_project() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS), ("rdm.laurel", CREDENTIAL)]).await;
    let uri = f.uri("rdm.laurel");
    let first = f.open("rdm.laurel", CREDENTIAL).await;
    assert_eq!(codes(&first), Vec::<String>::new(), "{first}");

    // An unknown organisation: code, Annex-free message with help, related nothing.
    let broken = CREDENTIAL.replace("awarding-body academy", "awarding-body acadmy");
    f.client.change(&uri, &broken, 2).await;
    let d = f.client.diagnostics(&uri, Some(2)).await.unwrap();
    assert_eq!(codes(&d), ["L0021"], "{d}");
    let diag = &d["diagnostics"][0];
    assert_eq!(slice(&broken, &diag["range"]), "acadmy");
    assert_eq!(diag["severity"], 1);
    assert_eq!(diag["source"], "laurel");
    assert!(
        diag["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `academy`?"),
        "{diag}"
    );
    assert_eq!(diag["data"]["name"], "unknown-name");

    // An Annex I element missing: the message names the element.
    let no_mode = CREDENTIAL.replace("  mode online\n", "");
    f.client.change(&uri, &no_mode, 3).await;
    let d = f.client.diagnostics(&uri, Some(3)).await.unwrap();
    assert_eq!(codes(&d), ["L0110"], "{d}");
    assert!(d["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Annex I (mandatory element): Form of participation"));

    // Back to clean: an empty list is published.
    f.client.change(&uri, CREDENTIAL, 4).await;
    let d = f.client.diagnostics(&uri, Some(4)).await.unwrap();
    assert_eq!(d["diagnostics"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_files_of_the_project_get_diagnostics_and_related_places() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS), ("rdm.laurel", CREDENTIAL)]).await;
    // A second organisation `academy` in the open buffer: duplicate across files,
    // pointing at the first definition in orgs.laurel.
    let text =
        format!("{CREDENTIAL}\norganisation academy {{\n  legal-name \"Dup\"\n  country DEU\n}}\n");
    let d = f.open("rdm.laurel", &text).await;
    let dup = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L0020")
        .cloned()
        .unwrap_or_else(|| panic!("{d}"));
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], json!(f.uri("orgs.laurel")));
    assert_eq!(slice(ORGS, &related["location"]["range"]), "academy");

    // Breaking a reference in orgs.laurel through an unsaved buffer gives diagnostics
    // for that file (unsaved buffers win over the disk).
    let orgs = ORGS.replace("by qa-agency", "by nobody");
    let uri = f.uri("orgs.laurel");
    f.client.open(&uri, &orgs, 1).await;
    let d = f.client.diagnostics(&uri, Some(1)).await.unwrap();
    assert!(codes(&d).contains(&"L0021".to_string()), "{d}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_versions_are_ignored() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let uri = f.uri("rdm.laurel");
    f.open("rdm.laurel", CREDENTIAL).await;
    let broken = CREDENTIAL.replace("mode online", "mode onlin");
    f.client.change(&uri, &broken, 5).await;
    // A late, older version must not replace version 5.
    f.client.change(&uri, CREDENTIAL, 4).await;
    let d = f.client.diagnostics(&uri, Some(5)).await.unwrap();
    assert_eq!(codes(&d), ["L0030"], "{d}");
    let hover = f
        .at(
            "textDocument/hover",
            "rdm.laurel",
            &broken.replace("mode onlin", "mo$de onlin"),
            json!({}),
        )
        .await
        .unwrap();
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("**mode**"));
    let symbols = f
        .client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
        .unwrap();
    assert_eq!(symbols[0]["name"], "rdm");
    assert!(f
        .client
        .take_backlog()
        .iter()
        .all(|m| m["params"]["version"] != json!(4)));
}

async fn hover_text(f: &mut Fixture, marked: &str) -> String {
    let (text, _) = cursor(marked);
    let uri = f.uri("rdm.laurel");
    f.client.change(&uri, &text, next_version()).await;
    let h = f
        .at("textDocument/hover", "rdm.laurel", marked, json!({}))
        .await
        .unwrap();
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

fn next_version() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static V: AtomicI64 = AtomicI64::new(10);
    V.fetch_add(1, Ordering::SeqCst)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_skills_vocabulary_fields_and_references() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    f.open("rdm.laurel", CREDENTIAL).await;

    let h = hover_text(
        &mut f,
        &CREDENTIAL.replace("\"manage research data\"", "\"manage re$search data\""),
    )
    .await;
    assert!(h.contains("**manage research data** (ESCO skill)"), "{h}");
    assert!(h.contains("http://data.europa.eu/esco/skill/"), "{h}");
    assert!(
        h.contains("This service uses the ESCO classification"),
        "{h}"
    );

    let h = hover_text(
        &mut f,
        &CREDENTIAL.replace("type written-examination", "type written-exam$ination"),
    )
    .await;
    assert!(
        h.contains("IRI: <http://data.europa.eu/snb/assessment/"),
        "{h}"
    );

    let h = hover_text(
        &mut f,
        &CREDENTIAL.replace("quality-assurance academy", "quality-assur$ance academy"),
    )
    .await;
    assert!(
        h.contains("Annex I (mandatory element): *Type of quality assurance"),
        "{h}"
    );

    let h = hover_text(
        &mut f,
        &CREDENTIAL.replace("awarding-body academy", "awarding-body aca$demy"),
    )
    .await;
    assert!(h.contains("**organisation** `academy`"), "{h}");
    assert!(h.contains("Our awarding body."), "{h}");
    assert!(h.contains("Example Academy"), "{h}");

    let h = hover_text(
        &mut f,
        &CREDENTIAL.replace("workload 3 ects", "workload 3 ec$ts"),
    )
    .await;
    assert!(h.contains("25–30 hours"), "{h}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_references_and_rename_across_files() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    f.open("rdm.laurel", CREDENTIAL).await;
    let marked = CREDENTIAL.replace("quality-assurance academy", "quality-assurance acad$emy");

    let def = f
        .at("textDocument/definition", "rdm.laurel", &marked, json!({}))
        .await
        .unwrap();
    assert_eq!(def["uri"], json!(f.uri("orgs.laurel")), "{def}");
    assert_eq!(slice(ORGS, &def["range"]), "academy");

    let refs = f
        .at(
            "textDocument/references",
            "rdm.laurel",
            &marked,
            json!({ "context": { "includeDeclaration": true } }),
        )
        .await
        .unwrap();
    let refs = refs.as_array().unwrap();
    assert_eq!(refs.len(), 3, "{refs:?}"); // definition, awarding-body, quality-assurance

    let prepared = f
        .at(
            "textDocument/prepareRename",
            "rdm.laurel",
            &marked,
            json!({}),
        )
        .await
        .unwrap();
    assert_eq!(slice(CREDENTIAL, &prepared), "academy");

    let edit = f
        .at(
            "textDocument/rename",
            "rdm.laurel",
            &marked,
            json!({ "newName": "rheintal" }),
        )
        .await
        .unwrap();
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes[&f.uri("orgs.laurel")].as_array().unwrap().len(), 1);
    assert_eq!(changes[&f.uri("rdm.laurel")].as_array().unwrap().len(), 2);
    assert!(changes
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .all(|e| e["newText"] == "rheintal"));

    let refused = f
        .at(
            "textDocument/rename",
            "rdm.laurel",
            &marked,
            json!({ "newName": "qa-agency" }),
        )
        .await
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("already the name"),
        "{refused}"
    );

    let highlights = f
        .at(
            "textDocument/documentHighlight",
            "rdm.laurel",
            &marked,
            json!({}),
        )
        .await
        .unwrap();
    assert_eq!(highlights.as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_and_workspace_symbols() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS), ("rdm.laurel", CREDENTIAL)]).await;
    let uri = f.uri("rdm.laurel");
    f.open("rdm.laurel", CREDENTIAL).await;
    let symbols = f
        .client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
        .unwrap();
    assert_eq!(symbols[0]["name"], "rdm");
    assert_eq!(symbols[0]["detail"], "Research Data Management");
    let children: Vec<&Value> = symbols[0]["children"].as_array().unwrap().iter().collect();
    assert_eq!(children[0]["name"], "Write a data management plan");
    assert_eq!(children[1]["name"], "Final examination");

    let found = f
        .client
        .request("workspace/symbol", json!({ "query": "qa" }))
        .await
        .unwrap();
    assert_eq!(found[0]["name"], "qa-agency", "{found}");
    assert_eq!(found[0]["location"]["uri"], json!(f.uri("orgs.laurel")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_for_esco_iris_and_ects() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let iri = "http://data.europa.eu/esco/skill/";
    let skill = laurel::vocab::esco()
        .skills()
        .iter()
        .find(|s| s.pref_label_en == "manage research data")
        .unwrap();
    let text = CREDENTIAL.replace(
        "skill esco \"manage research data\"",
        &format!("skill <{}>", skill.iri),
    );
    assert!(text.contains(iri));
    let uri = f.uri("rdm.laurel");
    f.open("rdm.laurel", &text).await;
    let hints = f
        .client
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 100, "character": 0 } } }),
        )
        .await
        .unwrap();
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"≈ 75–90 h"), "{labels:?}");
    assert!(labels.contains(&"manage research data"), "{labels:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_for_names_vocabulary_and_esco() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let uri = f.uri("rdm.laurel");
    f.open("rdm.laurel", CREDENTIAL).await;
    let result = f
        .client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
        .unwrap();
    let data: Vec<u64> = result["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    // Decode to (text, type index).
    let lines: Vec<&str> = CREDENTIAL.lines().collect();
    let (mut line, mut start) = (0usize, 0usize);
    let mut tokens = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0] as usize;
            start = t[1] as usize;
        } else {
            start += t[1] as usize;
        }
        let text = &lines[line][start..start + t[2] as usize];
        tokens.push((text.to_string(), t[3], t[4]));
    }
    let types = laurel_lsp::TOKEN_TYPES;
    let of = |s: &str| {
        tokens
            .iter()
            .find(|t| t.0 == s)
            .map(|t| types[t.1 as usize].as_str().to_string())
    };
    assert_eq!(of("rdm").as_deref(), Some("class"));
    assert_eq!(of("academy").as_deref(), Some("namespace"));
    assert_eq!(of("online").as_deref(), Some("enumMember"));
    assert_eq!(of("\"manage research data\"").as_deref(), Some("string"));
    assert_eq!(of("micro-credential").as_deref(), Some("keyword"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_are_utf16() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    // Characters outside the BMP and accents before the error on the same line.
    let text = CREDENTIAL.replace(
        "title \"Research Data Management\"",
        "title \"Research Data Management\"\n  title \"Daten 😀 Übung\"@xx",
    );
    let d = f.open("rdm.laurel", &text).await;
    let tag = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L0034")
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(slice(&text, &tag["range"]), "xx", "{d}");
    assert_eq!(tag["range"]["start"]["character"], 25, "{d}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_byte_order_mark_keeps_positions_right() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    // The client's text starts with the mark: its positions count it (one UTF-16 unit).
    let text = format!(
        "\u{feff}{}",
        CREDENTIAL
            .replace(
                "micro-credential rdm {",
                "micro-credential rdm from nosuch {"
            )
            .replace("mode online", "mode onlin")
    );
    let d = f.open("rdm.laurel", &text).await;
    let mut found = codes(&d);
    found.sort();
    assert_eq!(found, ["L0021", "L0030"], "{d}");
    for diag in d["diagnostics"].as_array().unwrap() {
        let word = if diag["code"] == "L0021" {
            "nosuch"
        } else {
            "onlin"
        };
        assert_eq!(slice(&text, &diag["range"]), word, "{diag}");
    }
    let first = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L0021")
        .unwrap();
    assert_eq!(
        first["range"]["start"],
        json!({ "line": 0, "character": 27 })
    );
    // A cursor position maps back to the right place.
    let hover = f
        .at(
            "textDocument/hover",
            "rdm.laurel",
            &text.replace("mode onlin", "mo$de onlin"),
            json!({}),
        )
        .await
        .unwrap();
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("**mode**"));
}

async fn format_edit(f: &mut Fixture, name: &str, text: &str) -> String {
    let uri = f.uri(name);
    let edits = f
        .client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .await
        .unwrap();
    let mut out = text.to_string();
    for edit in edits.as_array().unwrap().iter().rev() {
        let before = slice(text, &edit["range"]);
        let start = before.as_ptr() as usize - text.as_ptr() as usize;
        out.replace_range(
            start..start + before.len(),
            edit["newText"].as_str().unwrap(),
        );
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_keeps_crlf_and_the_byte_order_mark() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let messy = CREDENTIAL
        .replace("  title", "      title")
        .replace('\n', "\r\n");
    f.open("rdm.laurel", &messy).await;
    let formatted = format_edit(&mut f, "rdm.laurel", &messy).await;
    assert_eq!(formatted, CREDENTIAL.replace('\n', "\r\n"));

    let marked = format!("\u{feff}{}", CREDENTIAL.replace("  title", "      title"));
    f.open("other.laurel", &marked.replace("rdm", "other"))
        .await;
    let marked = marked.replace("rdm", "other");
    let formatted = format_edit(&mut f, "other.laurel", &marked).await;
    assert_eq!(
        formatted,
        format!("\u{feff}{}", CREDENTIAL.replace("rdm", "other"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lone_files_and_untitled_buffers_work() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = laurel_lsp::testing::Client::in_process();
    client.initialize(Some(&root)).await.unwrap();
    let uri = laurel_lsp::testing::uri(&root.join("single.laurel"));
    client
        .open(&uri, "organisation a {\n  legal-name \"A\"\n}\n", 1)
        .await;
    let d = client.diagnostics(&uri, Some(1)).await.unwrap();
    assert!(codes(&d).contains(&"L0023".to_string()), "{d}");
    assert_eq!(d["diagnostics"][0]["tags"], json!([1]));

    let untitled = "untitled:Untitled-1";
    client
        .open(untitled, "micro-credential x {\n  mode onlin\n}\n", 1)
        .await;
    let d = client.diagnostics(untitled, Some(1)).await.unwrap();
    assert!(codes(&d).contains(&"L0030".to_string()), "{d}");
    let h = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": untitled }, "position": { "line": 1, "character": 3 } }),
        )
        .await
        .unwrap();
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("**mode**"));

    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let cleared = client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(cleared["diagnostics"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_uses_the_compiler_formatter() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let messy = CREDENTIAL
        .replace("  title", "      title")
        .replace("workload 3 ects", "workload   3   ects");
    let uri = f.uri("rdm.laurel");
    f.open("rdm.laurel", &messy).await;
    let edits = f
        .client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .await
        .unwrap();
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    let range = &edits[0]["range"];
    let before = slice(&messy, range);
    let start = before.as_ptr() as usize - messy.as_ptr() as usize;
    let formatted = format!(
        "{}{}{}",
        &messy[..start],
        edits[0]["newText"].as_str().unwrap(),
        &messy[start + before.len()..]
    );
    assert_eq!(formatted, laurel::fmt::format(&messy).unwrap());
    assert_eq!(formatted, CREDENTIAL);

    // A file with syntax errors is left alone.
    f.client
        .change(&uri, "micro-credential x {\n  \"oops\n}\n", 2)
        .await;
    let none = f
        .client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .await
        .unwrap();
    assert!(none.is_null() || none == json!([]), "{none}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_find_projects_below_the_workspace_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let project = root.join("credentials/academy");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join("Laurel.toml"), common::MANIFEST).unwrap();
    std::fs::write(project.join("orgs.laurel"), ORGS).unwrap();
    let mut client = laurel_lsp::testing::Client::in_process();
    client.initialize(Some(&root)).await.unwrap();
    let found = client
        .request("workspace/symbol", json!({ "query": "academy" }))
        .await
        .unwrap();
    assert_eq!(found[0]["name"], "academy", "{found}");
    assert_eq!(
        found[0]["location"]["uri"],
        json!(laurel_lsp::testing::uri(&project.join("orgs.laurel")))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_offers_esco_skills_and_vocabulary() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let marked = CREDENTIAL.replace(
        "    skill esco \"manage research data\"\n",
        "    skill esco \"manage research data\"\n    skill esco \"manage fin$\n",
    );
    let (text, _) = cursor(&marked);
    f.open("rdm.laurel", &text).await;
    let list = f
        .at("textDocument/completion", "rdm.laurel", &marked, json!({}))
        .await
        .unwrap();
    let items = list["items"].as_array().unwrap();
    let wanted = "manage findable accessible interoperable and reusable data";
    let item = items
        .iter()
        .find(|i| i["label"] == wanted)
        .unwrap_or_else(|| panic!("{wanted} not offered: {list}"));
    // The edit replaces what was typed inside the quotes, on the cursor's line.
    let edit = &item["textEdit"];
    assert_eq!(edit["range"]["start"]["line"], edit["range"]["end"]["line"]);
    assert!(
        slice(&text, &edit["range"]).starts_with("manage fin"),
        "{item}"
    );

    let marked = CREDENTIAL.replace("mode online", "mode $");
    let (text, _) = cursor(&marked);
    let uri = f.uri("rdm.laurel");
    f.client.change(&uri, &text, 2).await;
    let list = f
        .at("textDocument/completion", "rdm.laurel", &marked, json!({}))
        .await
        .unwrap();
    let labels: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"online"), "{labels:?}");
}

/// The code actions of `name` at a published diagnostic's range, for it.
async fn code_actions(f: &mut Fixture, name: &str, diagnostic: &Value) -> Value {
    let params = json!({
        "textDocument": { "uri": f.uri(name) },
        "range": diagnostic["range"],
        "context": { "diagnostics": [diagnostic] }
    });
    f.client
        .request("textDocument/codeAction", params)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_fix_diagnostics() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let text = CREDENTIAL.replace("mode online", "mode onlin");
    let d = f.open("rdm.laurel", &text).await;
    let diagnostic = d["diagnostics"][0].clone();
    assert_eq!(diagnostic["code"], "L0030", "{d}");
    let actions = code_actions(&mut f, "rdm.laurel", &diagnostic).await;
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .unwrap_or_else(|| panic!("no quick fix: {actions}"));
    assert_eq!(fix["diagnostics"][0]["code"], "L0030");
    let edits = &fix["edit"]["changes"][f.uri("rdm.laurel")];
    let edit = &edits[0];
    let replaced = slice(&text, &edit["range"]);
    let start = replaced.as_ptr() as usize - text.as_ptr() as usize;
    let fixed = format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[start + replaced.len()..]
    );
    assert_eq!(fixed, CREDENTIAL, "{fix}");
}

const AWARD: &str = "award rdm {\n  learner {\n    given-name \"Ada\"\n    family-name \"Lovelace\"\n    student-id \"S-1815\"\n  }\n  date 2025-03-14\n  grade \"very good\"\n}\n";

/// What `laurel build` writes for the fixture's project, as (relative path, text), with
/// the page images or without.
fn built_documents(f: &Fixture, images: bool) -> Vec<(String, String)> {
    let project = laurel::project::Project::load(&f.path("")).expect("load");
    let compilation = project.compile();
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    let options = laurel::build::Options {
        images,
        ..Default::default()
    };
    laurel::build::documents(&compilation.model, &options)
        .expect("lowers")
        .into_iter()
        .map(|(path, text)| (path.to_string_lossy().replace('\\', "/"), text))
        .collect()
}

async fn compiled(f: &mut Fixture, name: &str, line: u32) -> Value {
    let uri = f.uri(name);
    f.client
        .request(
            "laurel/compiled",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 2 } }),
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compiled_shows_what_build_writes_for_the_item_at_the_cursor() {
    let mut f = Fixture::new(&[
        ("orgs.laurel", ORGS),
        ("rdm.laurel", CREDENTIAL),
        ("awards.laurel", AWARD),
    ])
    .await;
    let expected = built_documents(&f, false);
    f.open("awards.laurel", AWARD).await;

    // In an award: its credential, byte for byte what `laurel build --no-images` writes.
    let award = compiled(&mut f, "awards.laurel", 3).await;
    let path = award["path"].as_str().expect("a path");
    assert!(path.starts_with("rdm/awards/"), "{award}");
    let (_, text) = expected.iter().find(|(p, _)| p == path).expect("built");
    assert_eq!(award["text"].as_str(), Some(text.as_str()));

    // In a micro-credential: its specification.
    let spec = compiled(&mut f, "rdm.laurel", 1).await;
    assert_eq!(spec["path"], "rdm/specification.jsonld");
    let (_, text) = expected
        .iter()
        .find(|(p, _)| p == "rdm/specification.jsonld")
        .unwrap();
    assert_eq!(spec["text"].as_str(), Some(text.as_str()));

    // Unsaved edits count.
    let edited = AWARD.replace("very good", "excellent");
    f.client.change(&f.uri("awards.laurel"), &edited, 2).await;
    let award = compiled(&mut f, "awards.laurel", 3).await;
    let text = award["text"].as_str().unwrap();
    assert!(
        text.contains("excellent") && !text.contains("very good"),
        "{text}"
    );

    // Elsewhere, or with errors: a message saying why.
    let org = compiled(&mut f, "orgs.laurel", 2).await;
    assert!(
        org["message"]
            .as_str()
            .unwrap()
            .contains("put the cursor in an `award`"),
        "{org}"
    );
    let broken = edited.replace("date 2025-03-14", "date 2025-13-14");
    f.client.change(&f.uri("awards.laurel"), &broken, 3).await;
    let award = compiled(&mut f, "awards.laurel", 3).await;
    assert_eq!(
        award["message"],
        "the project has 1 error; fix it first (see Problems)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn build_writes_the_project_as_the_cli_does() {
    let mut f = Fixture::new(&[
        ("orgs.laurel", ORGS),
        ("rdm.laurel", CREDENTIAL),
        ("awards.laurel", AWARD),
    ])
    .await;
    let uri = f.uri("rdm.laurel");
    let answer = f
        .client
        .request("laurel/build", json!({ "uri": uri }))
        .await
        .unwrap();
    assert_eq!(answer["built"], true, "{answer}");
    assert_eq!(answer["specifications"], 1);
    assert_eq!(answer["credentials"], 1);
    let out = PathBuf::from(answer["outputDir"].as_str().unwrap());
    assert_eq!(out, f.path("out"));
    for (path, text) in built_documents(&f, true) {
        assert_eq!(
            std::fs::read_to_string(out.join(&path)).unwrap(),
            text,
            "{path}"
        );
    }

    // With an error on disk nothing is written.
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::write(
        f.path("awards.laurel"),
        AWARD.replace("2025-03-14", "2025-13-14"),
    )
    .unwrap();
    let answer = f
        .client
        .request("laurel/build", json!({ "uri": uri }))
        .await
        .unwrap();
    assert_eq!(answer["built"], false, "{answer}");
    assert_eq!(answer["errors"], 1);
    assert!(answer["message"]
        .as_str()
        .unwrap()
        .starts_with("nothing was written"));
    assert!(!out.exists());

    // An untitled buffer cannot be built.
    let error = f
        .client
        .request("laurel/build", json!({ "uri": "untitled:Untitled-1" }))
        .await
        .unwrap_err();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("save the file first"),
        "{error}"
    );
}

/// The labels and documentation offered after `skill esco "TYPED` in `rdm.laurel` (the
/// credential's skill replaced by what is typed).
async fn skill_completion(f: &mut Fixture, typed: &str) -> Vec<(String, String)> {
    let marked = CREDENTIAL.replace(
        "skill esco \"manage research data\"",
        &format!("skill esco \"{typed}$"),
    );
    let (text, _) = cursor(&marked);
    f.open("rdm.laurel", &text).await;
    let list = f
        .at("textDocument/completion", "rdm.laurel", &marked, json!({}))
        .await
        .unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let doc = &i["documentation"];
            let doc = doc["value"].as_str().or(doc.as_str()).unwrap_or_default();
            (i["label"].as_str().unwrap().to_string(), doc.to_string())
        })
        .collect()
}

/// The first label offered after `skill esco "TYPED`.
async fn first_skill_offered(f: &mut Fixture, typed: &str) -> Option<String> {
    let items = skill_completion(f, typed).await;
    items.into_iter().next().map(|(label, _)| label)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_is_in_the_documents_language_bundled_french() {
    let manifest = "[project]\nname = \"fixture\"\ndefault-language = \"fr\"\n";
    let mut f = Fixture::new(&[("Laurel.toml", manifest), ("orgs.laurel", ORGS)]).await;
    for (typed, first) in [
        (
            "gérer des données de rech",
            "gérer des données de recherche",
        ),
        // an English label typed in the French project: its exact prefix beats the
        // French labels that only share words with it
        ("manage research da", "manage research data"),
    ] {
        let offered = first_skill_offered(&mut f, typed).await;
        assert_eq!(offered.as_deref(), Some(first), "{typed}");
    }
}

/// The files of the folder `folder` of the project at `root`, named from the project, as
/// a fixture's files.
fn folder_files(root: &std::path::Path, folder: &str) -> Vec<(String, String)> {
    std::fs::read_dir(root.join(folder))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_and_checks_use_the_projects_pinned_esco_in_german() {
    // the project's ESCO 1.2.0 in German and English, as `laurel vocab update` writes it
    // (the skill "write German" as the ESCO API gives it)
    let skill = laurel_eu_services::esco::Skill {
        uri: "http://data.europa.eu/esco/skill/52894650-9077-40f0-96d6-6f07d1a6cafa".into(),
        preferred: [("en", "write German"), ("de", "Deutsch schreiben")]
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .into(),
        alternative: [(
            "en".to_string(),
            vec!["show competency in written German".to_string()],
        )]
        .into(),
        description: [
            ("en", "Compose written texts in German."),
            ("de", "Verfassen schriftlicher Texte in deutscher Sprache."),
        ]
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .into(),
        skill_type: Some("http://data.europa.eu/esco/skill-type/skill".into()),
        reuse_level: Some("http://data.europa.eu/esco/skill-reuse-level/transversal".into()),
        broader: Vec::new(),
    };
    let data = tempfile::tempdir().unwrap();
    laurel::vocab::store::write_esco(
        data.path(),
        "1.2.0",
        "test",
        &["de".to_string()],
        &[skill],
        &[],
    )
    .unwrap();
    let mut files = folder_files(data.path(), "vocab/esco/1.2.0");
    files.push((
        "Laurel.toml".into(),
        "[project]\nname = \"fixture\"\ndefault-language = \"de\"\nesco = \"1.2.0\"\nesco-languages = [\"de\"]\n".into(),
    ));
    files.push(("orgs.laurel".into(), ORGS.into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut f = Fixture::new(&files).await;

    let items = skill_completion(&mut f, "Deutsch sch").await;
    let (label, doc) = items.first().unwrap_or_else(|| panic!("nothing offered"));
    assert_eq!(label, "Deutsch schreiben");
    assert!(
        doc.contains("Verfassen schriftlicher Texte in deutscher Sprache."),
        "{doc}"
    );
    assert!(doc.contains("ESCO 1.2.0"), "{doc}");
    // an English alternative label finds it too, offered by the English preferred label
    let offered = first_skill_offered(&mut f, "competency in written Ger").await;
    assert_eq!(offered.as_deref(), Some("write German"));
    // the German label checks clean; a bundled skill the pinned data lacks does not
    let text = CREDENTIAL.replace("manage research data", "Deutsch schreiben");
    let d = f.open("rdm.laurel", &text).await;
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    let d = f.open("rdm.laurel", CREDENTIAL).await;
    assert_eq!(codes(&d), ["L0031"], "{d}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_completion_and_checks_use_the_projects_pinned_lists_in_polish() {
    // the project's release of the ELM lists, as `laurel vocab update` writes it: the
    // learning settings with Polish labels
    use laurel_eu_services::vocabularies::{Concept, List};
    let concept = |id: &str, en: &str, pl: &str| Concept {
        uri: format!("http://data.europa.eu/snb/learning-setting/{id}"),
        identifier: Some(id.to_string()),
        labels: [("en", en), ("pl", pl)]
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .into(),
        definitions: Default::default(),
    };
    let list = List {
        scheme: "http://data.europa.eu/snb/learning-setting/25831c2".into(),
        version: Some("20260601-0".into()),
        concepts: vec![
            concept("6fd4685715", "formal learning", "uczenie się formalne"),
            concept(
                "e207a81fc7",
                "non-formal learning",
                "uczenie się pozaformalne",
            ),
        ],
    };
    let data = tempfile::tempdir().unwrap();
    let written = laurel::vocab::lists::write_lists(
        data.path(),
        "2026-06",
        "test",
        &[(laurel::vocab::Scheme::LearningSetting, list)],
    )
    .unwrap();
    assert_eq!(written.dir, data.path().join("vocab/elm/2026-06"));
    let mut files = folder_files(data.path(), "vocab/elm/2026-06");
    files.push((
        "Laurel.toml".into(),
        "[project]\nname = \"fixture\"\ndefault-language = \"pl\"\nvocabularies = \"2026-06\"\n"
            .into(),
    ));
    files.push(("orgs.laurel".into(), ORGS.into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut f = Fixture::new(&files).await;

    // a Polish word of the pinned list checks clean
    let text = CREDENTIAL.replace(
        "  mode online\n",
        "  mode online\n  setting uczenie-sie-formalne\n",
    );
    let d = f.open("rdm.laurel", &text).await;
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    // its hover gives the label in the document's language
    let h = hover_text(
        &mut f,
        &text.replace(
            "setting uczenie-sie-formalne",
            "setting uczenie-sie-for$malne",
        ),
    )
    .await;
    assert!(h.contains("**formal learning**"), "{h}");
    assert!(h.contains("pl: uczenie się formalne"), "{h}");
    // completion after `setting ` documents each concept in Polish
    let marked = text.replace("setting uczenie-sie-formalne", "setting $");
    let (plain, _) = cursor(&marked);
    f.client
        .change(&f.uri("rdm.laurel"), &plain, next_version())
        .await;
    let list = f
        .at("textDocument/completion", "rdm.laurel", &marked, json!({}))
        .await
        .unwrap();
    let items = list["items"]
        .as_array()
        .or_else(|| list.as_array())
        .unwrap();
    let formal = items
        .iter()
        .find(|i| i["label"] == "formal-learning")
        .unwrap_or_else(|| panic!("{list}"));
    let doc = formal["documentation"]["value"]
        .as_str()
        .or_else(|| formal["documentation"].as_str())
        .unwrap_or("");
    assert!(doc.contains("pl: uczenie się formalne"), "{formal}");
}

/// The credential with its outcome's skill taken out (and its statement about networks).
fn bare_outcome_credential() -> String {
    CREDENTIAL.replace(
        "  outcome \"Write a data management plan\" {\n    skill esco \"manage research data\"\n  }\n",
        "  outcome \"Configure and secure a small office network with a firewall\"\n",
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outcomes_without_skills_get_a_note_and_suggested_skills() {
    let mut f = Fixture::new(&[("orgs.laurel", ORGS)]).await;
    let text = bare_outcome_credential();
    let d = f.open("rdm.laurel", &text).await;
    let note = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L0306")
        .unwrap_or_else(|| panic!("no L0306 note: {d}"))
        .clone();
    // information, not a warning
    assert_eq!(note["severity"], 3, "{note}");
    let actions = code_actions(&mut f, "rdm.laurel", &note).await;
    let suggested: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Suggest ESCO skill: "))
        })
        .collect();
    assert_eq!(suggested.len(), 5, "{actions}");
    let firewall = suggested
        .iter()
        .find(|a| a["title"] == "Suggest ESCO skill: skill esco \"implement a firewall\"")
        .unwrap_or_else(|| panic!("no firewall skill: {actions}"));
    let edit = &firewall["edit"]["changes"][f.uri("rdm.laurel")][0];
    let at = slice(&text, &edit["range"]);
    assert!(at.is_empty(), "an insertion: {edit}");
    let start = at.as_ptr() as usize - text.as_ptr() as usize;
    let fixed = format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[start..]
    );
    assert!(
        fixed.contains("  outcome \"Configure and secure a small office network with a firewall\" {\n    skill esco \"implement a firewall\"\n  }\n"),
        "{fixed}"
    );
    // the fixed text has no note left, and compiles
    let uri = f.uri("rdm.laurel");
    f.client.change(&uri, &fixed, 2).await;
    let d = f
        .client
        .diagnostics(&uri, Some(2))
        .await
        .expect("diagnostics");
    assert!(codes(&d).is_empty(), "{d}");

    // an empty `skill esco ""` offers the same skills, labelled, with their descriptions
    let marked = fixed.replace(
        "    skill esco \"implement a firewall\"\n",
        "    skill esco \"$\"\n",
    );
    let (empty, _) = cursor(&marked);
    f.client.change(&uri, &empty, 3).await;
    let list = f
        .at("textDocument/completion", "rdm.laurel", &marked, json!({}))
        .await
        .unwrap();
    let items = list["items"].as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["label"] == "implement a firewall")
        .unwrap_or_else(|| panic!("not offered: {list}"));
    let doc = item["documentation"].to_string();
    assert!(doc.contains("network security system"), "{item}");
}
