//! The framing layer between the client's byte stream and tower-lsp-server.
//!
//! tower-lsp-server stops reading at the first frame it cannot decode (a body that is not
//! JSON, a header it cannot read), and then the server ends. So the server runs behind
//! this layer: it reads the client's frames itself, hands tower-lsp-server only frames
//! whose body is a JSON-RPC message, and for the rest logs to stderr what was wrong and
//! goes on:
//!
//! - a body that is not JSON is answered with a parse error (`-32700`, `"id": null`), a
//!   JSON body that is not a request, notification or response with an invalid-request
//!   error (`-32600`);
//! - a header it cannot read (no `Content-Length`, one that is not a whole number, a line
//!   that is not a header) is skipped up to the next `Content-Length:`;
//! - a `Content-Length` above [`MAX_BODY`] is refused without reading the body into
//!   memory, and the stream is searched for the next `Content-Length:` as well.
//!
//! The server's own frames and these error responses are written to the output one whole
//! frame at a time. The end of the input still ends the server.

use std::fmt;
use std::future::Future;
use std::io::Write;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// The largest message body the server takes, in bytes (64 MiB).
pub const MAX_BODY: usize = 64 << 20;

/// The longest header part the server waits for before it gives up on it, in bytes.
const MAX_HEADER: usize = 8 << 10;

/// Where the next frame starts when the stream is out of step.
const MARKER: &[u8] = b"Content-Length:";

/// Buffer size of the pipes to and from tower-lsp-server, and of each read.
const CHUNK: usize = 64 << 10;

/// What the decoder found in the stream.
#[derive(Debug, PartialEq)]
enum Event {
    /// The body of a frame.
    Frame(Vec<u8>),
    /// Bytes that are not a frame, skipped.
    Problem(Problem),
}

/// Why bytes of the stream were skipped.
#[derive(Debug, PartialEq)]
enum Problem {
    /// A line of the header part that is not `Name: value`.
    NotAHeader(String),
    /// A header part without `Content-Length`.
    NoLength,
    /// A `Content-Length` that is not a whole number of bytes.
    BadLength(String),
    /// A `Content-Length` above the limit.
    TooLong(String),
    /// A header part longer than [`MAX_HEADER`] without its end.
    HeaderTooLong,
    /// The input ended inside a frame.
    Truncated,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NEXT: &str = "looking for the next `Content-Length:` header";
        match self {
            Problem::NotAHeader(line) => {
                write!(f, "`{line}` is not a message header (`Name: value`); skipped it, {NEXT}")
            }
            Problem::NoLength => write!(f, "a message header has no `Content-Length`; skipped it, {NEXT}"),
            Problem::BadLength(value) => write!(
                f,
                "`Content-Length: {value}` is not a whole number of bytes; skipped it, {NEXT}"
            ),
            Problem::TooLong(value) => write!(
                f,
                "`Content-Length: {value}` is over the limit of {MAX_BODY} bytes ({} MiB): \
                 refused the message without reading it, {NEXT}",
                MAX_BODY >> 20
            ),
            Problem::HeaderTooLong => write!(
                f,
                "a message header is longer than {MAX_HEADER} bytes without its end (an empty line); skipped it, {NEXT}"
            ),
            Problem::Truncated => write!(f, "the input ended in the middle of a message"),
        }
    }
}

/// Where the decoder is in the stream.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// At the start of a header part.
    Header,
    /// Out of step: looking for [`MARKER`].
    Resync,
    /// Waiting for a body of this many bytes.
    Body(usize),
}

/// An incremental decoder of `Content-Length` frames: bytes are pushed as they arrive,
/// events pulled. It never holds more than one frame (at most its body limit) and one
/// header part.
struct Decoder {
    buffer: Vec<u8>,
    state: State,
    max_body: usize,
}

impl Decoder {
    /// A decoder refusing bodies longer than `max_body`.
    fn new(max_body: usize) -> Decoder {
        Decoder {
            buffer: Vec::new(),
            state: State::Header,
            max_body,
        }
    }

    /// Adds bytes read from the stream.
    fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next frame or problem in what was pushed, or `None` when more bytes are needed.
    fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Body(length) => {
                    if self.buffer.len() < length {
                        return None;
                    }
                    let body = self.buffer.drain(..length).collect();
                    self.state = State::Header;
                    return Some(Event::Frame(body));
                }
                State::Resync => match find(&self.buffer, MARKER) {
                    Some(at) => {
                        self.buffer.drain(..at);
                        self.state = State::Header;
                    }
                    None => {
                        // Keep what could be the start of a marker cut by the read.
                        let keep = MARKER.len() - 1;
                        self.buffer.drain(..self.buffer.len().saturating_sub(keep));
                        return None;
                    }
                },
                State::Header => match self.skip_blank_lines().header()? {
                    Ok((used, length)) => {
                        self.buffer.drain(..used);
                        self.state = State::Body(length);
                    }
                    Err(problem) => {
                        // Skip at least one byte, so a marker at the start is not found again.
                        self.buffer.drain(..1.min(self.buffer.len()));
                        self.state = State::Resync;
                        return Some(Event::Problem(problem));
                    }
                },
            }
        }
    }

    /// At the end of the input: whether it ended inside a frame.
    fn finish(&self) -> Option<Problem> {
        let inside = match self.state {
            State::Body(_) => true,
            State::Header => self.buffer.iter().any(|b| !b.is_ascii_whitespace()),
            State::Resync => false,
        };
        inside.then_some(Problem::Truncated)
    }

    /// Drops the blank lines at the start of the buffer (some clients end a body with one).
    fn skip_blank_lines(&mut self) -> &Self {
        let mut blank = 0;
        while let Some(eol) = [&b"\n"[..], b"\r\n"]
            .into_iter()
            .find(|eol| self.buffer[blank..].starts_with(eol))
        {
            blank += eol.len();
        }
        self.buffer.drain(..blank);
        self
    }

    /// Reads the header part at the start of the buffer: `None` while it is incomplete,
    /// else its length in bytes and the body's, or what is wrong with it.
    fn header(&self) -> Option<Result<(usize, usize), Problem>> {
        let mut start = 0;
        let mut length = None;
        loop {
            let Some(end) = self.buffer[start..].iter().position(|&b| b == b'\n') else {
                return (self.buffer.len() > MAX_HEADER).then_some(Err(Problem::HeaderTooLong));
            };
            let next = start + end + 1;
            let line = &self.buffer[start..start + end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                return Some(length.map(|l| (next, l)).ok_or(Problem::NoLength));
            }
            if next > MAX_HEADER {
                return Some(Err(Problem::HeaderTooLong));
            }
            let Some((name, value)) = split_header(line) else {
                return Some(Err(Problem::NotAHeader(excerpt(line))));
            };
            if name.eq_ignore_ascii_case(b"Content-Length") {
                match parse_length(value, self.max_body) {
                    Ok(l) => length = Some(l),
                    Err(problem) => return Some(Err(problem)),
                }
            }
            start = next;
        }
    }
}

/// `Name: value` split at the colon, the value trimmed; `None` if the line is not one.
fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let token = |b: &u8| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(b);
    (!name.is_empty() && name.iter().all(token)).then_some((name, value.trim_ascii()))
}

/// The body length of a `Content-Length` value, at most `max`.
fn parse_length(value: &[u8], max: usize) -> Result<usize, Problem> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(Problem::BadLength(excerpt(value)));
    }
    // Digits only: a value that does not fit is too long as well.
    std::str::from_utf8(value)
        .ok()
        .and_then(|digits| digits.parse::<usize>().ok())
        .filter(|&l| l <= max)
        .ok_or_else(|| Problem::TooLong(excerpt(value)))
}

/// The first 60 characters of `bytes`, for a log line.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String = text.chars().take(60).flat_map(char::escape_debug).collect();
    if text.chars().count() > 60 {
        shown.push('…');
    }
    shown
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A frame with `body`, as the protocol sends it.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Whether `body` is a message tower-lsp-server takes (a request, a notification or a
/// response), or the error to answer it with.
fn check(body: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(body).map_err(|e| {
        error(
            ErrorCode::ParseError,
            format!("the message body is not UTF-8 text ({e})"),
        )
    })?;
    let Err(e) = serde_json::from_str::<Request>(text) else {
        return Ok(());
    };
    if !e.is_data() {
        let what = format!("the message body is not JSON ({e})");
        return Err(error(ErrorCode::ParseError, what));
    }
    if serde_json::from_str::<Response>(text).is_ok() {
        return Ok(());
    }
    let what = "the message is JSON but not a JSON-RPC 2.0 request, notification or response \
                (it needs `\"jsonrpc\": \"2.0\"` and a `method`, or an `id` with a `result` or an `error`)";
    Err(error(ErrorCode::InvalidRequest, what.to_string()))
}

/// The body of the response to a message that is not one: `error` with a null `id`.
fn answer(error: Error) -> Vec<u8> {
    serde_json::to_vec(&Response::from_error(Id::Null, error)).unwrap_or_default()
}

/// A protocol error of `code` whose message is `what`.
fn error(code: ErrorCode, what: String) -> Error {
    Error {
        code,
        message: format!("{}: {what}", code.description()).into(),
        data: None,
    }
}

/// Writes a line to stderr, the server's log (a closed stderr is ignored).
fn log(what: impl fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "laurel-lsp: {what}");
}

/// Runs `server` (tower-lsp-server's loop, given its input and output) behind the framing
/// layer, reading the client's frames from `input` and writing to `output`, until the
/// server ends.
pub(crate) async fn serve<I, O, F, S>(input: I, output: O, server: F)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    F: FnOnce(DuplexStream, DuplexStream) -> S,
    S: Future<Output = ()>,
{
    let (to_server, server_input) = tokio::io::duplex(CHUNK);
    let (server_output, from_server) = tokio::io::duplex(CHUNK);
    let (errors_tx, errors_rx) = mpsc::channel(16);
    let run = server(server_input, server_output);
    let write = write_output(from_server, output, errors_rx);
    let work = async { tokio::join!(run, write) };
    tokio::pin!(work);
    tokio::select! {
        _ = &mut work => {}
        _ = read_input(input, to_server, errors_tx) => { work.await; }
    }
}

/// Reads the client's frames: messages go to the server, error responses to the output.
/// At the end of the input, closes the server's input.
async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    mut to_server: DuplexStream,
    errors: mpsc::Sender<Vec<u8>>,
) {
    let mut decoder = Decoder::new(MAX_BODY);
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                log(format_args!("cannot read the input, stopping: {e}"));
                break;
            }
        };
        decoder.push(&chunk[..n]);
        while let Some(event) = decoder.next_event() {
            match event {
                Event::Frame(body) => match check(&body) {
                    Ok(()) => {
                        if to_server.write_all(&frame(&body)).await.is_err() {
                            return;
                        }
                    }
                    Err(error) => {
                        log(format_args!("answered a message with: {}", error.message));
                        let _ = errors.send(frame(&answer(error))).await;
                    }
                },
                Event::Problem(problem) => log(problem),
            }
        }
    }
    if let Some(problem) = decoder.finish() {
        log(problem);
    }
    let _ = to_server.shutdown().await;
}

/// Writes the server's frames and the error responses to `output`, one whole frame at a
/// time, until the server's output ends.
async fn write_output<O: AsyncWrite>(
    mut from_server: DuplexStream,
    output: O,
    mut errors: mpsc::Receiver<Vec<u8>>,
) {
    tokio::pin!(output);
    // The server's frames are well formed; no limit applies to what it sends.
    let mut decoder = Decoder::new(usize::MAX);
    let mut chunk = vec![0; CHUNK];
    loop {
        let mut frames = Vec::new();
        tokio::select! {
            read = from_server.read(&mut chunk) => match read {
                Ok(n) if n > 0 => {
                    decoder.push(&chunk[..n]);
                    while let Some(event) = decoder.next_event() {
                        if let Event::Frame(body) = event {
                            frames.push(frame(&body));
                        }
                    }
                }
                _ => break,
            },
            Some(error) = errors.recv() => frames.push(error),
        }
        if !write_frames(&mut output, &frames).await {
            return;
        }
    }
    let mut frames = Vec::new();
    while let Ok(error) = errors.try_recv() {
        frames.push(error);
    }
    write_frames(&mut output, &frames).await;
}

/// Writes and flushes `frames`; `false` if the output is closed.
async fn write_frames<O: AsyncWrite + Unpin>(output: &mut O, frames: &[Vec<u8>]) -> bool {
    for frame in frames {
        if output.write_all(frame).await.is_err() {
            return false;
        }
    }
    output.flush().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The JSON of the error answer to `body`, if it is not a message.
    fn answered(body: &[u8]) -> Option<Value> {
        serde_json::from_slice(&answer(check(body).err()?)).ok()
    }

    /// All events of `input` pushed in one piece.
    fn events(input: &[u8]) -> Vec<Event> {
        let mut decoder = Decoder::new(1000);
        decoder.push(input);
        std::iter::from_fn(|| decoder.next_event()).collect()
    }

    fn body(text: &str) -> Event {
        Event::Frame(text.as_bytes().to_vec())
    }

    #[test]
    fn frames_are_decoded_whole_or_byte_by_byte() {
        let input = b"Content-Length: 2\r\n\r\n{}Content-Length: 4\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\nnull";
        assert_eq!(events(input), vec![body("{}"), body("null")]);
        let mut decoder = Decoder::new(1000);
        let mut seen = Vec::new();
        for byte in input {
            decoder.push(&[*byte]);
            seen.extend(std::iter::from_fn(|| decoder.next_event()));
        }
        assert_eq!(seen, vec![body("{}"), body("null")]);
        assert_eq!(decoder.finish(), None);
    }

    #[test]
    fn header_names_ignore_case_and_blank_lines_between_frames_are_skipped() {
        let input = b"\r\ncontent-length:2\n\n{}\r\n\r\nContent-Length: 1\r\n\r\n1";
        assert_eq!(events(input), vec![body("{}"), body("1")]);
    }

    #[test]
    fn a_line_that_is_not_a_header_is_skipped_up_to_the_next_content_length() {
        let input = b"hello world\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(
            events(input),
            vec![
                Event::Problem(Problem::NotAHeader("hello world".into())),
                body("{}")
            ]
        );
        // Garbage glued to the header's start: an unknown header, then no length.
        let input = b"xyzContent-Length: 2\r\n\r\n{}";
        assert_eq!(
            events(input),
            vec![Event::Problem(Problem::NoLength), body("{}")]
        );
    }

    #[test]
    fn a_length_that_is_not_a_whole_number_is_skipped() {
        for value in ["-5", "abc", "", "1.5", "0x10"] {
            let input = format!("Content-Length: {value}\r\n\r\nxContent-Length: 2\r\n\r\n{{}}");
            assert_eq!(
                events(input.as_bytes()),
                vec![Event::Problem(Problem::BadLength(value.into())), body("{}")],
                "{value}"
            );
        }
    }

    #[test]
    fn a_length_above_the_limit_is_refused_without_reading_the_body() {
        for value in ["1001", "99999999999", "999999999999999999999999999"] {
            let input = format!("Content-Length: {value}\r\n\r\n{{}}Content-Length: 2\r\n\r\n{{}}");
            let mut decoder = Decoder::new(1000);
            decoder.push(input.as_bytes());
            let seen: Vec<_> = std::iter::from_fn(|| decoder.next_event()).collect();
            assert_eq!(
                seen,
                vec![Event::Problem(Problem::TooLong(value.into())), body("{}")],
                "{value}"
            );
            assert!(decoder.buffer.capacity() < 1000, "{value}");
        }
        assert!(Problem::TooLong("99999999999".into())
            .to_string()
            .contains("is over the limit of 67108864 bytes (64 MiB)"));
    }

    #[test]
    fn resynchronising_keeps_a_marker_cut_between_reads() {
        let mut decoder = Decoder::new(1000);
        decoder.push(b"garbage\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxContent-Len");
        assert!(matches!(
            decoder.next_event(),
            Some(Event::Problem(Problem::NotAHeader(_)))
        ));
        assert_eq!(decoder.next_event(), None);
        assert!(decoder.buffer.len() < MARKER.len());
        decoder.push(b"gth: 2\r\n\r\n{}");
        assert_eq!(decoder.next_event(), Some(body("{}")));
    }

    #[test]
    fn blank_lines_are_dropped_as_they_come() {
        let mut decoder = Decoder::new(1000);
        for _ in 0..MAX_HEADER {
            decoder.push(b"\r\n");
            assert_eq!(decoder.next_event(), None);
        }
        assert!(decoder.buffer.is_empty());
        decoder.push(b"Content-Length: 2\r\n\r\n{}");
        assert_eq!(decoder.next_event(), Some(body("{}")));
    }

    #[test]
    fn a_header_without_an_end_is_given_up() {
        let mut decoder = Decoder::new(1000);
        decoder.push(&[b'a'; MAX_HEADER + 1]);
        assert_eq!(
            decoder.next_event(),
            Some(Event::Problem(Problem::HeaderTooLong))
        );
        assert_eq!(decoder.next_event(), None);
        assert!(decoder.buffer.len() < MARKER.len());
    }

    #[test]
    fn the_end_of_the_input_inside_a_frame_is_reported() {
        let mut decoder = Decoder::new(1000);
        decoder.push(b"Content-Length: 10\r\n\r\n{}");
        assert_eq!(decoder.next_event(), None);
        assert_eq!(decoder.finish(), Some(Problem::Truncated));
        let mut decoder = Decoder::new(1000);
        decoder.push(b"Content-Length: 2\r\n\r\n{}\r\n");
        assert_eq!(decoder.next_event(), Some(body("{}")));
        assert_eq!(decoder.finish(), None);
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error_with_a_null_id() {
        for bad in [
            &b"{\"jsonrpc\": \"2.0\", \"method\":"[..],
            b"",
            b"hello",
            b"\xff\xfe",
        ] {
            let answer = answered(bad).expect("an error");
            assert_eq!(answer["jsonrpc"], "2.0");
            assert_eq!(answer["id"], Value::Null);
            assert_eq!(answer["error"]["code"], -32700, "{answer}");
            let message = answer["error"]["message"].as_str().unwrap_or_default();
            assert!(
                message.starts_with("Parse error: the message body is not"),
                "{message}"
            );
        }
    }

    #[test]
    fn json_that_is_not_a_message_is_an_invalid_request() {
        for bad in [
            "[]",
            "42",
            "{\"id\": 1}",
            "{\"jsonrpc\": \"1.0\", \"method\": \"x\"}",
        ] {
            let answer = answered(bad.as_bytes()).expect("an error");
            assert_eq!(answer["error"]["code"], -32600, "{bad}: {answer}");
            assert_eq!(answer["id"], Value::Null);
        }
    }

    #[test]
    fn messages_pass() {
        for good in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized"}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":null}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#,
        ] {
            assert_eq!(check(good.as_bytes()), Ok(()), "{good}");
        }
    }
}
