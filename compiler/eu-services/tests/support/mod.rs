//! The loopback server (wiremock) the clients are tested against.

// each test file uses what it needs of the server
#![allow(dead_code)]

use std::time::Duration;

use laurel_eu_services::{Client, Options};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A loopback server and a runtime to drive it (the client under test blocks).
pub struct Server {
    runtime: tokio::runtime::Runtime,
    /// The server.
    pub server: MockServer,
}

impl Server {
    /// A server answering nothing yet.
    pub fn start() -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(MockServer::start());
        Server { runtime, server }
    }

    /// Answers as `mock` says; mocks mounted first answer first.
    pub fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    /// A client of this server: three tries, 10 ms apart at first, 2 s to answer.
    pub fn client(&self) -> Client {
        let mut options = Options::new(&self.server.uri());
        options.attempts = 3;
        options.first_pause = Duration::from_millis(10);
        options.timeout = Duration::from_secs(2);
        Client::new(options).unwrap()
    }

    /// The `query` parameter of every request the server received.
    pub fn queries(&self) -> Vec<String> {
        self.runtime
            .block_on(self.server.received_requests())
            .unwrap_or_default()
            .iter()
            .filter_map(|r| {
                r.url
                    .query_pairs()
                    .find(|(k, _)| k == "query")
                    .map(|(_, v)| v.into_owned())
            })
            .collect()
    }

    /// The requests the server received.
    pub fn requests(&self) -> usize {
        self.runtime
            .block_on(self.server.received_requests())
            .map_or(0, |r| r.len())
    }
}

/// A `200` answer of `body` as `media_type`.
pub fn answer(body: &str, media_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_string(), media_type)
}
