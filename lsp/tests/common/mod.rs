//! Shared helpers for the protocol tests: a project folder in a temporary directory, a
//! server in this process, and `$` cursor markers in fixture text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use laurel_lsp::testing::{self, Client};
use serde_json::{json, Value};

/// A project on disk and a client connected to a fresh server.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub client: Client,
}

pub const MANIFEST: &str = "[project]\nname = \"fixture\"\ndefault-language = \"en\"\n";

/// Organisations used by most fixtures.
pub const ORGS: &str = "/// Our awarding body.\norganisation academy {\n  legal-name \"Example Academy\"\n  legal-id \"DE123456789\"\n  eidas-id \"VATDE-123456789\"\n  country DEU\n  accreditation {\n    type institutional-quality-assurance\n    title \"Institutional accreditation\"\n    by qa-agency\n  }\n}\n\norganisation qa-agency {\n  legal-name \"Example Quality Assurance Agency\"\n  country DEU\n}\n";

/// A complete micro-credential (no diagnostics with `ORGS`).
pub const CREDENTIAL: &str = "micro-credential rdm {\n  title \"Research Data Management\"\n  awarding-body academy\n  workload 3 ects\n  eqf 5\n  mode online\n  quality-assurance academy\n  outcome \"Write a data management plan\" {\n    skill esco \"manage research data\"\n  }\n  assessment \"Final examination\" {\n    type written-examination\n  }\n}\n";

impl Fixture {
    /// Writes the files (a `Laurel.toml` is added unless given) and starts a server
    /// with the folder as workspace.
    pub async fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        if !files.iter().any(|(n, _)| *n == "Laurel.toml") {
            std::fs::write(dir.path().join("Laurel.toml"), MANIFEST).expect("write");
        }
        for (name, text) in files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(path, text).expect("write");
        }
        let mut client = Client::in_process();
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        client.initialize(Some(&root)).await.expect("initialize");
        Fixture { dir, client }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        std::fs::canonicalize(self.dir.path())
            .expect("canonical")
            .join(name)
    }

    pub fn uri(&self, name: &str) -> String {
        testing::uri(&self.path(name))
    }

    /// Opens `name` with `text` (version 1) and returns its first diagnostics.
    pub async fn open(&mut self, name: &str, text: &str) -> Value {
        let uri = self.uri(name);
        self.client.open(&uri, text, 1).await;
        self.client
            .diagnostics(&uri, Some(1))
            .await
            .expect("diagnostics after didOpen")
    }

    /// Sends a request at the `$` of `marked` (the file must be open with the text
    /// without the marker).
    pub async fn at(
        &mut self,
        method: &str,
        name: &str,
        marked: &str,
        extra: Value,
    ) -> Result<Value, Value> {
        let (text, offset) = cursor(marked);
        let mut params = json!({
            "textDocument": { "uri": self.uri(name) },
            "position": testing::position(&text, offset),
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        self.client.request(method, params).await
    }
}

/// The text without its `$` cursor marker, and the marker's byte offset.
pub fn cursor(marked: &str) -> (String, usize) {
    let offset = marked.find('$').expect("a `$` cursor marker");
    (marked.replacen('$', "", 1), offset)
}

/// Codes of a publishDiagnostics params value.
pub fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The text a protocol range covers (UTF-16 positions).
pub fn slice<'a>(text: &'a str, range: &Value) -> &'a str {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let character = p["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let line_text = &text[start..];
        for (i, c) in line_text.char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    &text[offset(&range["start"])..offset(&range["end"])]
}

pub fn path_of(uri: &str) -> &Path {
    Path::new(uri.strip_prefix("file://").unwrap_or(uri))
}
