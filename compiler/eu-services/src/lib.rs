//! A client of the EU's public web services for vocabularies, knowing nothing of the
//! program that uses it: the ESCO API ([`esco`]) and the EU Vocabularies' SPARQL endpoint
//! ([`vocabularies`]).
//!
//! One [`Client`] holds the HTTP connection pool, the services' base address (a mirror,
//! or a test's loopback server) and how hard to try: a request that fails for a reason
//! that may pass (no connection, a timeout, `429`, `500`, `502`, `503`, `504`) is tried
//! again after a growing pause (a numeric `Retry-After` is honoured), up to
//! [`Options::attempts`] times; any other answer is an [`Error`] at once, with the
//! service's own message where it gives one.

pub mod esco;
pub mod vocabularies;

use std::fmt;
use std::time::Duration;

use serde_json::Value;

/// How a [`Client`] talks to a service.
#[derive(Debug, Clone)]
pub struct Options {
    /// The service's base address, without a trailing `/`
    /// (`https://ec.europa.eu/esco/api`).
    pub base_url: String,
    /// The longest wait for one whole answer.
    pub timeout: Duration,
    /// The longest wait for a connection.
    pub connect_timeout: Duration,
    /// How many times one request is tried in all (at least once).
    pub attempts: u32,
    /// The pause before the second try; it doubles before each further one.
    pub first_pause: Duration,
    /// The `User-Agent` sent.
    pub user_agent: String,
}

impl Options {
    /// The options for a service at `base_url`: 60 s per answer, 10 s to connect, five
    /// tries with pauses of 1, 2, 4 and 8 s.
    pub fn new(base_url: &str) -> Options {
        Options {
            base_url: base_url.trim_end_matches('/').to_string(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            attempts: 5,
            first_pause: Duration::from_secs(1),
            user_agent: format!("laurel-eu-services/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// Why a request or a download failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The service answered with an error status (after the tries allowed, for one that
    /// may pass); `message` is the service's own, when its body gives one.
    Status {
        /// The address asked.
        url: String,
        /// The HTTP status.
        status: u16,
        /// What the service said.
        message: Option<String>,
        /// How many times it was asked.
        attempts: u32,
    },
    /// No answer: no connection, or none in time (after the tries allowed).
    Transport {
        /// The address asked.
        url: String,
        /// What went wrong.
        why: String,
        /// How many times it was asked.
        attempts: u32,
    },
    /// An answer that is not the JSON the service sends (cut short, not JSON).
    Body {
        /// The address asked.
        url: String,
        /// What is wrong with it.
        why: String,
    },
    /// Answers that do not add up (a page missing before the end, a total that changes,
    /// a server that counts `offset` in items).
    Inconsistent(String),
    /// The HTTP client could not be set up.
    Setup(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tries = |n: u32| match n {
            1 => String::new(),
            n => format!(" (asked {n} times)"),
        };
        match self {
            Error::Status {
                url,
                status,
                message,
                attempts,
            } => {
                write!(f, "{url} answered {status}{}", tries(*attempts))?;
                if let Some(message) = message {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
            Error::Transport { url, why, attempts } => {
                write!(f, "no answer from {url}{}: {why}", tries(*attempts))
            }
            Error::Body { url, why } => {
                write!(f, "{url} sent an answer that cannot be read: {why}")
            }
            Error::Inconsistent(why) => write!(f, "the answers do not add up: {why}"),
            Error::Setup(why) => write!(f, "cannot set up the HTTP client: {why}"),
        }
    }
}

impl std::error::Error for Error {}

/// A connection to one service.
#[derive(Debug)]
pub struct Client {
    http: reqwest::blocking::Client,
    options: Options,
}

impl Client {
    /// A client with `options`; proxies come from the usual environment variables
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`).
    pub fn new(options: Options) -> Result<Client, Error> {
        let http = reqwest::blocking::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .user_agent(options.user_agent.clone())
            .build()
            .map_err(|e| Error::Setup(e.to_string()))?;
        Ok(Client { http, options })
    }

    /// The JSON answer to `GET base/path?query`, tried again as [`Options`] says.
    pub fn get_json(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, Error> {
        self.get_json_as(path, query, "application/json")
    }

    /// [`Client::get_json`] asking for the JSON media type `accept`
    /// (`application/sparql-results+json`).
    pub fn get_json_as(
        &self,
        path: &str,
        query: &[(&str, &str)],
        accept: &str,
    ) -> Result<Value, Error> {
        let url = format!("{}{path}", self.options.base_url);
        let shown = shown_url(&url, query);
        let mut pause = self.options.first_pause;
        let attempts = self.options.attempts.max(1);
        for attempt in 1..=attempts {
            let last = attempt == attempts;
            let answer = self
                .http
                .get(&url)
                .query(query)
                .header("Accept", accept)
                .send();
            let wait = match answer {
                Err(e) if last => {
                    return Err(Error::Transport {
                        url: shown,
                        why: transport_why(&e),
                        attempts,
                    })
                }
                Err(_) => pause,
                Ok(response) => {
                    let status = response.status().as_u16();
                    let retry_after = response
                        .headers()
                        .get("Retry-After")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    match response.text() {
                        Ok(body) if (200..300).contains(&status) => {
                            return serde_json::from_str(&body).map_err(|e| Error::Body {
                                url: shown,
                                why: e.to_string(),
                            })
                        }
                        Ok(body) if !may_pass(status) || last => {
                            return Err(Error::Status {
                                url: shown,
                                status,
                                message: service_message(&body),
                                attempts: attempt,
                            })
                        }
                        Ok(_) => retry_after.unwrap_or(pause),
                        Err(e) if last => {
                            return Err(Error::Transport {
                                url: shown,
                                why: transport_why(&e),
                                attempts,
                            })
                        }
                        Err(_) => pause,
                    }
                }
            };
            std::thread::sleep(wait);
            pause = pause.saturating_mul(2);
        }
        unreachable!("the last attempt returns")
    }
}

/// True for an error status that may pass if asked again.
fn may_pass(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// The `message` of an error body (`{"logref", "status", "message", "_links"}`).
fn service_message(body: &str) -> Option<String> {
    let value: Value = serde_json::from_str(body).ok()?;
    value.get("message")?.as_str().map(str::to_string)
}

/// What a transport error was, in words.
fn transport_why(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "no answer in time".to_string()
    } else if e.is_connect() {
        "cannot connect".to_string()
    } else {
        let mut why = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            why = format!("{why}: {s}");
            source = s.source();
        }
        why
    }
}

/// The address with its query, as messages show it.
fn shown_url(url: &str, query: &[(&str, &str)]) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{url}?{}", pairs.join("&"))
}
