//! "Validate credential file" through the protocol: the `laurel/validateCredential`
//! request and the `laurel-lsp.validateCredential` command on European Digital Credential
//! files (a broken one from the diagnostics fixtures, the credentials a Laurel build
//! writes, a sealed file of the EU issuer), with the server in this process.

mod common;

use std::path::{Path, PathBuf};

use common::{codes, slice, Fixture};
use serde_json::{json, Value};

/// A credential whose awarding process has no awarding body (a violation of both shapes
/// versions), and whose `type` lacks what the EBSI schema wants (warnings).
const BROKEN: &str = include_str!("../../compiler/tests/diagnostics/L0603-shape-violation.jsonld");
/// A file that is JSON but has the key `type` twice.
const UNREADABLE: &str =
    include_str!("../../compiler/tests/diagnostics/L0601-unreadable-credential.jsonld");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn params(uri: &str, text: Option<&str>) -> Value {
    let mut p = json!({ "textDocument": { "uri": uri } });
    if let Some(text) = text {
        p["text"] = json!(text);
    }
    p
}

/// The 0-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    text[..at].matches('\n').count() as u64
}

fn diagnostics(published: &Value) -> &Vec<Value> {
    published["diagnostics"].as_array().expect("a list")
}

fn count(published: &Value, severity: u64) -> usize {
    diagnostics(published)
        .iter()
        .filter(|d| d["severity"] == severity)
        .count()
}

/// Checks the broken credential's diagnostics (published for `uri`, text `BROKEN`) and
/// the answer.
fn assert_broken(published: &Value, answer: &Value, uri: &str) {
    assert_eq!(published["uri"], uri);
    let found = diagnostics(published);
    let violation = found
        .iter()
        .find(|d| d["code"] == "L0603")
        .unwrap_or_else(|| panic!("no L0603 in {published}"));
    // The awarding process is named by its `id`: the place of the violation.
    assert_eq!(
        violation["range"]["start"]["line"],
        line_of(BROKEN, "\"id\": \"urn:epass:awardingProcess:1\"")
    );
    assert_eq!(
        slice(BROKEN, &violation["range"]),
        "\"urn:epass:awardingProcess:1\""
    );
    assert_eq!(violation["severity"], 1);
    assert_eq!(violation["source"], "laurel");
    let message = violation["message"].as_str().unwrap_or_default();
    assert!(message.contains("awarding body"), "{message}");
    assert!(
        message.contains("help: shape <http://data.europa.eu/snb/model/ap/"),
        "{message}"
    );
    assert_eq!(violation["data"]["name"], "shape-violation");
    // The EBSI schema's findings on `type` are warnings on its line.
    let on_type: Vec<&Value> = found.iter().filter(|d| d["code"] == "L0604").collect();
    assert!(!on_type.is_empty(), "{published}");
    assert!(on_type.iter().all(|d| d["severity"] == 2), "{published}");
    assert!(on_type
        .iter()
        .any(|d| d["range"]["start"]["line"] == line_of(BROKEN, "\"type\": [")));

    assert_eq!(answer["uri"], uri);
    assert_eq!(answer["conforms"], false);
    assert_eq!(answer["readable"], true);
    assert_eq!(answer["form"], "credential");
    assert_eq!(answer["errors"], count(published, 1));
    assert_eq!(answer["warnings"], count(published, 2));
    assert_eq!(answer["errors"], 1);
    // The credential names the generic profile; both shapes versions ran by default.
    assert_eq!(answer["profiles"], json!(["generic"]));
    assert_eq!(answer["shapes"], json!(["1.1.0", "1.2.0"]));
    let message = answer["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("does not conform"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsaved_text_is_validated_then_the_saved_file_replaces_the_results() {
    let mut f = Fixture::new(&[]).await;
    let uri = f.uri("credential.jsonld");
    // Nothing on disk: the editor's text is what is checked.
    let answer = f
        .client
        .request("laurel/validateCredential", params(&uri, Some(BROKEN)))
        .await
        .unwrap();
    let published = f.client.diagnostics(&uri, None).await.unwrap();
    assert_broken(&published, &answer, &uri);
    assert_eq!(answer["source"], "editor");

    // Without text the file is read from disk; re-validating replaces the results.
    let fixed = BROKEN.replace(
        "\"id\": \"urn:epass:awardingProcess:1\",",
        "\"id\": \"urn:epass:awardingProcess:1\",\n        \"awardingBody\": [\"urn:epass:org:1\"],",
    );
    std::fs::write(f.path("credential.jsonld"), &fixed).unwrap();
    let answer = f
        .client
        .request("laurel/validateCredential", params(&uri, None))
        .await
        .unwrap();
    let published = f.client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(answer["source"], "disk");
    assert!(
        !codes(&published).contains(&"L0603".to_string()),
        "{published}"
    );
    assert_eq!(answer["errors"], 0, "{answer}");
    assert_eq!(answer["conforms"], true, "{answer}");
    assert_eq!(answer["warnings"], count(&published, 2));
    f.client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_takes_the_same_path_and_closing_clears_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = laurel_lsp::testing::Client::in_process();
    let init = client.initialize(Some(&root)).await.unwrap();
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!(["laurel-lsp.validateCredential"])
    );
    let uri = laurel_lsp::testing::uri(&root.join("broken.json"));
    let answer = client
        .request(
            "workspace/executeCommand",
            json!({
                "command": "laurel-lsp.validateCredential",
                "arguments": [params(&uri, Some(BROKEN))],
            }),
        )
        .await
        .unwrap();
    let published = client.diagnostics(&uri, None).await.unwrap();
    assert_broken(&published, &answer, &uri);

    // Closing the file clears what was published for it.
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let cleared = client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(cleared["diagnostics"], json!([]));

    // Another command, or no argument, is refused.
    let unknown = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "laurel.validateCredential", "arguments": [] }),
        )
        .await
        .unwrap_err();
    assert_eq!(unknown["code"], -32602);
    let bare = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "laurel-lsp.validateCredential", "arguments": [] }),
        )
        .await
        .unwrap_err();
    assert_eq!(bare["code"], -32602);
    client.shutdown().await;
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn jsonld_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            jsonld_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "jsonld") {
            out.push(path);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_laurel_build_writes_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let project = std::fs::canonicalize(dir.path()).unwrap().join("mooc");
    copy_dir(&repo().join("examples/mooc-platform"), &project);
    let mut client = laurel_lsp::testing::Client::in_process();
    client.initialize(Some(&project)).await.unwrap();
    let manifest = laurel_lsp::testing::uri(&project.join("Laurel.toml"));
    let built = client
        .request("laurel/build", json!({ "uri": manifest }))
        .await
        .unwrap();
    assert_eq!(built["built"], true, "{built}");
    let mut files = Vec::new();
    jsonld_files(Path::new(built["outputDir"].as_str().unwrap()), &mut files);
    files.sort();
    let specifications: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.ends_with("specification.jsonld"))
        .collect();
    let credentials: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.parent().is_some_and(|d| d.ends_with("awards")))
        .collect();
    assert!(
        !specifications.is_empty() && !credentials.is_empty(),
        "{files:?}"
    );
    // A specification alone: no shape result and no schema (it is no credential).
    let uri = laurel_lsp::testing::uri(specifications[0]);
    let answer = client
        .request("laurel/validateCredential", params(&uri, None))
        .await
        .unwrap();
    let published = client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    assert_eq!(answer["conforms"], true);
    assert_eq!(answer["errors"], 0);
    assert_eq!(answer["warnings"], 0);
    assert!(answer["message"].as_str().unwrap().starts_with("conforms"));
    // A credential conforms to the shapes; the EBSI schema's wishes are warnings.
    let uri = laurel_lsp::testing::uri(credentials[0]);
    let answer = client
        .request("laurel/validateCredential", params(&uri, None))
        .await
        .unwrap();
    let published = client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(answer["conforms"], true, "{answer}\n{published}");
    assert!(
        diagnostics(&published)
            .iter()
            .all(|d| d["severity"] == 2 && d["code"] == "L0604"),
        "{published}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sealed_file_is_checked_on_its_payload() {
    let mut f = Fixture::new(&[]).await;
    let sealed = repo().join("tests/data/seal/elm-v3_Sample-MC-Annex1-signed.jsonld");
    let text = std::fs::read_to_string(&sealed).unwrap();
    let uri = f.uri("sealed.jsonld");
    let answer = f
        .client
        .request("laurel/validateCredential", params(&uri, Some(&text)))
        .await
        .unwrap();
    let published = f.client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(answer["form"], "sealed", "{answer}");
    assert_eq!(answer["readable"], true, "{answer}");
    // The Commission's sample conforms; the EBSI schema's wishes are warnings.
    assert_eq!(answer["conforms"], true, "{answer}");
    assert_eq!(answer["warnings"], count(&published, 2));
    // Places in the payload are not places in the file: each finding is on the payload.
    let payload_line = line_of(&text, "\"payload\"");
    assert!(!diagnostics(&published).is_empty());
    for d in diagnostics(&published) {
        assert_eq!(d["range"]["start"]["line"], payload_line, "{d}");
        let shown = slice(&text, &d["range"]);
        assert!(shown.starts_with('"') && shown.ends_with('"'), "{d}");
    }
    f.client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_files_and_wrong_requests() {
    let mut f = Fixture::new(&[]).await;
    let uri = f.uri("twice.json");
    let answer = f
        .client
        .request("laurel/validateCredential", params(&uri, Some(UNREADABLE)))
        .await
        .unwrap();
    let published = f.client.diagnostics(&uri, None).await.unwrap();
    assert_eq!(codes(&published), ["L0601"], "{published}");
    assert_eq!(
        published["diagnostics"][0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    assert!(published["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("two `type` members"));
    assert_eq!(answer["readable"], false);
    assert_eq!(answer["conforms"], false);
    assert_eq!(answer["form"], Value::Null);

    // A missing file says why.
    let missing = f.uri("missing.jsonld");
    let answer = f
        .client
        .request("laurel/validateCredential", params(&missing, None))
        .await
        .unwrap();
    assert_eq!(answer["readable"], false);
    assert!(answer["message"]
        .as_str()
        .unwrap()
        .contains("cannot read it"));

    // A Laurel file is not a credential; unknown options are refused.
    let laurel = f.uri("a.laurel");
    let refused = f
        .client
        .request("laurel/validateCredential", params(&laurel, Some("")))
        .await
        .unwrap_err();
    assert_eq!(refused["code"], -32602);
    let mut wrong = params(&uri, Some(BROKEN));
    wrong["profile"] = json!("nonsense");
    let refused = f
        .client
        .request("laurel/validateCredential", wrong)
        .await
        .unwrap_err();
    assert!(
        refused["message"].as_str().unwrap().contains("generic"),
        "{refused}"
    );

    // One shapes version asked for: only it runs.
    let mut one = params(&uri, Some(BROKEN));
    one["shapes"] = json!("1.2.0");
    let answer = f
        .client
        .request("laurel/validateCredential", one)
        .await
        .unwrap();
    assert_eq!(answer["shapes"], json!(["1.2.0"]));
    let published = f.client.diagnostics(&uri, None).await.unwrap();
    let violation = diagnostics(&published)
        .iter()
        .find(|d| d["code"] == "L0603")
        .unwrap_or_else(|| panic!("{published}"));
    assert!(violation["message"]
        .as_str()
        .unwrap()
        .contains("(EDC shapes 1.2.0)"));
    f.client.shutdown().await;
}
