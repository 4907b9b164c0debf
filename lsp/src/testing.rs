//! A small protocol client, as an editor would talk to the server: for the tests in
//! `lsp/tests/` and the protocol benchmark in `lsp/examples/bench.rs`. It answers the
//! server's own requests (capability registration) with `null`.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, Mutex};

type Writer = Arc<Mutex<Box<dyn AsyncWrite + Unpin + Send>>>;

/// A protocol client over a byte stream pair.
pub struct Client {
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages received while waiting for something else.
    backlog: VecDeque<Value>,
    next_id: i64,
    /// How long to wait for an answer before giving up.
    pub timeout: Duration,
}

/// `file://` URI of a path.
pub fn uri(path: &Path) -> String {
    crate::server::file_uri(path)
        .map(|u| u.as_str().to_string())
        .unwrap_or_else(|| format!("file://{}", path.display()))
}

async fn write_message(writer: &Writer, message: &Value) -> std::io::Result<()> {
    let body = message.to_string();
    let mut w = writer.lock().await;
    w.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
        .await?;
    w.flush().await
}

async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length:") {
            length = n.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    /// A client talking to a server that reads `to_server` and writes `from_server`.
    pub fn new<R, W>(from_server: R, to_server: W) -> Client
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: Writer = Arc::new(Mutex::new(Box::new(to_server)));
        let (tx, incoming) = mpsc::unbounded_channel();
        let answer = writer.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(from_server);
            while let Some(message) = read_message(&mut reader).await {
                if message.get("method").is_some() {
                    if let Some(id) = message.get("id") {
                        let reply = json!({ "jsonrpc": "2.0", "id": id, "result": null });
                        let _ = write_message(&answer, &reply).await;
                    }
                }
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            writer,
            incoming,
            backlog: VecDeque::new(),
            next_id: 0,
            timeout: Duration::from_secs(20),
        }
    }

    /// A client with the server running in this process (on the current runtime).
    pub fn in_process() -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        tokio::spawn(crate::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_end);
        Client::new(client_read, client_write)
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        write_message(&self.writer, &message)
            .await
            .map_err(|e| json!({ "message": e.to_string() }))?;
        let response = self
            .wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .await
            .ok_or_else(|| json!({ "message": format!("no answer to {method} in time") }))?;
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Sends a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        let _ = write_message(&self.writer, &message).await;
    }

    /// Sends bytes as they are, framed or not (to test a broken stream).
    pub async fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await?;
        w.flush().await
    }

    /// Ends the server's input (what follows is not sent).
    pub async fn close_input(&mut self) {
        let mut w = self.writer.lock().await;
        let _ = w.shutdown().await;
        *w = Box::new(tokio::io::sink());
    }

    /// The first message (received before or after this call) that `matches`.
    pub async fn wait_for(&mut self, matches: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(i);
        }
        let deadline = tokio::time::Instant::now() + self.timeout;
        loop {
            let message = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .ok()??;
            if matches(&message) {
                return Some(message);
            }
            self.backlog.push_back(message);
        }
    }

    /// Waits for diagnostics of `uri` (at `version`, when given); returns the params.
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Option<Value> {
        let uri = uri.to_string();
        self.wait_for(move |m| {
            m.get("method") == Some(&json!("textDocument/publishDiagnostics"))
                && m["params"]["uri"] == json!(uri)
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        })
        .await
        .map(|m| m["params"].clone())
    }

    /// Messages received and not consumed yet (dropping them).
    pub fn take_backlog(&mut self) -> Vec<Value> {
        while let Ok(m) = self.incoming.try_recv() {
            self.backlog.push_back(m);
        }
        self.backlog.drain(..).collect()
    }

    /// `initialize` + `initialized` with a workspace folder; returns the result.
    pub async fn initialize(&mut self, root: Option<&Path>) -> Result<Value, Value> {
        let folders = root.map(|r| json!([{ "uri": uri(r), "name": "root" }]));
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root.map(uri),
                    "workspaceFolders": folders,
                    "capabilities": {
                        "general": { "positionEncodings": ["utf-16"] },
                        "textDocument": { "hover": { "contentFormat": ["markdown"] } },
                        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                    }
                }),
            )
            .await?;
        self.notify("initialized", json!({})).await;
        Ok(result)
    }

    /// `textDocument/didOpen`.
    pub async fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "laurel", "version": version, "text": text } }),
        )
        .await;
    }

    /// `textDocument/didChange` with the full new text.
    pub async fn change(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        )
        .await;
    }

    /// `shutdown` + `exit`.
    pub async fn shutdown(&mut self) {
        let _ = self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}

/// The UTF-16 position of a byte offset in `text` (for building requests in tests).
pub fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}
