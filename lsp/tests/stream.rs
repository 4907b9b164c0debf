//! The binary on a broken stream: raw bytes written to its standard input, as a faulty
//! client or a corrupted pipe would send them. It answers what it can, logs the rest to
//! stderr, and keeps serving until the input ends.

use std::process::Stdio;
use std::time::Duration;

use laurel_lsp::testing::Client;
use proptest::prelude::*;
use serde_json::{json, Value};
use tokio::process::{Child, Command};

/// The binary, started, with a client on its standard input and output.
struct Server {
    child: Child,
    client: Client,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_laurel-lsp"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start laurel-lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take().expect("stdin");
        Server {
            child,
            client: Client::new(stdout, stdin),
        }
    }

    async fn send(&mut self, bytes: &[u8]) {
        self.client
            .send_raw(bytes)
            .await
            .expect("write to the server");
    }

    /// The server answers `initialize` (it is still serving).
    async fn still_serves(&mut self) {
        let answer = self.client.initialize(None).await;
        assert!(answer.is_ok(), "initialize: {answer:?}");
    }

    /// The error response with `code` the server sent.
    async fn error(&mut self, code: i64) -> Value {
        self.client
            .wait_for(|m| m["error"]["code"] == json!(code))
            .await
            .unwrap_or_else(|| panic!("no {code} response"))
    }

    /// Ends the input; the server must then exit with status 0. Returns its stderr.
    async fn finish(mut self) -> String {
        assert!(
            self.child.try_wait().expect("status").is_none(),
            "the server exited before the end of its input"
        );
        self.client.close_input().await;
        let output = tokio::time::timeout(Duration::from_secs(20), self.child.wait_with_output())
            .await
            .expect("the server ends when its input ends")
            .expect("wait for laurel-lsp");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{:?}: {stderr}", output.status);
        stderr
    }
}

/// A frame with `body`.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// A request frame with `id`.
fn request(id: i64, method: &str) -> String {
    json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": { "capabilities": {} } })
        .to_string()
}

#[tokio::test]
async fn a_body_that_is_not_json_is_answered_with_a_parse_error() {
    let mut server = Server::start();
    server
        .send(&frame(r#"{"jsonrpc": "2.0", "method": "#))
        .await;
    let error = server.error(-32700).await;
    assert_eq!(error["jsonrpc"], "2.0");
    assert_eq!(error["id"], Value::Null);
    assert!(
        error["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("not JSON")),
        "{error}"
    );
    server.still_serves().await;
    let log = server.finish().await;
    assert!(
        log.contains(
            "laurel-lsp: answered a message with: Parse error: the message body is not JSON"
        ),
        "{log}"
    );
}

#[tokio::test]
async fn json_that_is_not_a_message_is_an_invalid_request() {
    let mut server = Server::start();
    server.send(&frame("[1, 2]")).await;
    assert_eq!(server.error(-32600).await["id"], Value::Null);
    server.still_serves().await;
    server.finish().await;
}

#[tokio::test]
async fn a_header_it_cannot_read_is_skipped() {
    let mut server = Server::start();
    server
        .send(b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}")
        .await;
    server.still_serves().await;
    server.send(b"this is not a header\r\n").await;
    let answer = server.client.request("shutdown", Value::Null).await;
    assert_eq!(answer, Ok(Value::Null));
    let log = server.finish().await;
    assert!(log.contains("laurel-lsp: a message header has no `Content-Length`; skipped it, looking for the next `Content-Length:` header"), "{log}");
    assert!(
        log.contains("laurel-lsp: `this is not a header` is not a message header (`Name: value`)"),
        "{log}"
    );
}

#[tokio::test]
async fn a_negative_length_is_skipped() {
    let mut server = Server::start();
    server.send(b"Content-Length: -5\r\n\r\nhello").await;
    server.still_serves().await;
    let log = server.finish().await;
    assert!(
        log.contains("`Content-Length: -5` is not a whole number of bytes"),
        "{log}"
    );
}

#[tokio::test]
async fn a_huge_length_is_refused() {
    let mut server = Server::start();
    server.send(b"Content-Length: 99999999999\r\n\r\n{}").await;
    server.still_serves().await;
    let log = server.finish().await;
    let refused = format!(
        "laurel-lsp: `Content-Length: 99999999999` is over the limit of {} bytes (64 MiB): refused the message without reading it, looking for the next `Content-Length:` header",
        laurel_lsp::MAX_BODY
    );
    assert!(log.contains(&refused), "{log}");
}

#[tokio::test]
async fn a_frame_split_over_many_small_writes_is_read() {
    let mut server = Server::start();
    for piece in frame(&request(7, "initialize")).chunks(3) {
        server.send(piece).await;
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let answer = server.client.wait_for(|m| m["id"] == 7).await;
    assert!(answer.is_some_and(|a| a["result"]["capabilities"].is_object()));
    let log = server.finish().await;
    assert!(!log.contains("laurel-lsp: "), "{log}");
}

#[tokio::test]
async fn two_frames_in_one_write_are_both_answered() {
    let mut server = Server::start();
    let mut bytes = frame(&request(1, "initialize"));
    bytes.extend(frame(&request(2, "laurel/no-such-method")));
    server.send(&bytes).await;
    for id in [1, 2] {
        let answer = server.client.wait_for(|m| m["id"] == id).await;
        assert!(answer.is_some(), "no answer to {id}");
    }
    server.finish().await;
}

#[tokio::test]
async fn exit_ends_the_server_while_its_input_stays_open() {
    // Without capabilities the server asks the client nothing, so nothing more is sent.
    let mut server = Server::start();
    server.send(&frame(&request(100, "initialize"))).await;
    assert!(server.client.wait_for(|m| m["id"] == 100).await.is_some());
    server.client.notify("initialized", json!({})).await;
    let answer = server.client.request("shutdown", Value::Null).await;
    assert_eq!(answer, Ok(Value::Null));
    server.client.notify("exit", Value::Null).await;
    let status = tokio::time::timeout(Duration::from_secs(20), server.child.wait())
        .await
        .expect("the server ends after `exit`")
        .expect("wait for laurel-lsp");
    assert!(status.success(), "{status:?}");
}

/// Bytes a broken client could send: anything, or text that looks like headers.
fn garbage() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        "[ -~\r\n]{0,300}".prop_map(String::into_bytes),
        "((Content-Type|X|Content-Length)(: ?)?[-0-9a-z ]{0,12}(\r\n|\n)?){0,6}"
            .prop_filter("no complete length header", |s| !s
                .contains("Content-Length:"))
            .prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(32),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_stop_the_server(garbage in garbage()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let mut server = Server::start();
            server.send(&garbage).await;
            server.send(&frame(&request(1, "initialize"))).await;
            let answer = server.client.wait_for(|m| m["id"] == 1).await;
            assert!(answer.is_some(), "no answer after {:?}", String::from_utf8_lossy(&garbage));
            server.finish().await;
        });
    }
}
