//! The ESCO client against a loopback server (wiremock) that answers with the API's pages
//! (`tests/data/esco-api/`, see its README): the whole download, and each way a service
//! or a network lets a download down.

use std::time::Duration;

use laurel_eu_services::esco::{self, Progress, Skill, MEMBER_SKILLS};
use laurel_eu_services::{Client, Error, Options};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

mod support;
use support::Server;

const PAGE_0: &str =
    include_str!("data/esco-api/constructed-resource-skill-member-skills-page0.json");
const PAGE_1: &str =
    include_str!("data/esco-api/constructed-resource-skill-member-skills-page1.json");
const BAD_REQUEST: &str = include_str!("data/esco-api/real-doc-error-400-bad-type.json");

/// Answers page `offset` of the member skills with `answer`, `times` times (all the
/// time for `None`); mocks mounted first answer first.
fn page(server: &Server, offset: usize, answer: ResponseTemplate, times: Option<u64>) {
    let mut mock = Mock::given(method("GET"))
        .and(path("/resource/skill"))
        .and(query_param("isInScheme", MEMBER_SKILLS))
        .and(query_param("language", "en"))
        .and(query_param("limit", "3"))
        .and(query_param("offset", offset.to_string()))
        .and(query_param("selectedVersion", "v1.2.0"))
        .and(query_param("viewObsolete", "false"))
        .respond_with(answer);
    if let Some(n) = times {
        mock = mock.up_to_n_times(n);
    }
    server.mount(mock);
}

/// The two pages of the fixtures, always.
fn both_pages(server: &Server) {
    page(server, 0, json(PAGE_0), None);
    page(server, 1, json(PAGE_1), None);
}

fn json(body: &str) -> ResponseTemplate {
    support::answer(body, "application/json")
}

fn download(server: &Server) -> (Result<Vec<Skill>, Error>, Vec<Progress>) {
    let mut heard = Vec::new();
    let result = esco::skills(&server.client(), "1.2.0", 3, &mut |p| heard.push(p));
    (result, heard)
}

#[test]
fn every_skill_comes_in_every_language_in_pages() {
    let server = Server::start();
    both_pages(&server);
    let (skills, heard) = download(&server);
    let skills = skills.unwrap();
    assert_eq!(skills.len(), 6);
    let uris: Vec<&str> = skills.iter().map(|s| s.uri.as_str()).collect();
    let mut sorted = uris.clone();
    sorted.sort();
    assert_eq!(uris, sorted, "sorted by IRI");
    assert_eq!(
        heard,
        [
            Progress {
                pages: 1,
                items: 3,
                total: 6
            },
            Progress {
                pages: 2,
                items: 6,
                total: 6
            },
        ]
    );
    // two pages, and no third: the total was reached
    assert_eq!(server.requests(), 2);
    let german = skills
        .iter()
        .find(|s| s.uri == "http://data.europa.eu/esco/skill/52894650-9077-40f0-96d6-6f07d1a6cafa")
        .unwrap();
    assert_eq!(german.preferred["en"], "write German");
    assert_eq!(german.preferred["de"], "Deutsch schreiben");
    assert_eq!(german.preferred.len(), 28, "{:?}", german.preferred.keys());
    assert_eq!(
        german.skill_type.as_deref(),
        Some("http://data.europa.eu/esco/skill-type/skill")
    );
    assert_eq!(
        german.reuse_level.as_deref(),
        Some("http://data.europa.eu/esco/skill-reuse-level/transversal")
    );
    assert_eq!(
        german.broader,
        ["http://data.europa.eu/esco/skill/4812a4ea-dc55-4dc6-b9b0-4a59bba2c647"]
    );
    let kilns = skills
        .iter()
        .find(|s| s.preferred["en"] == "kiln types")
        .unwrap();
    assert_eq!(kilns.preferred["de"], "Typen von Brennöfen");
    assert_eq!(
        kilns.skill_type.as_deref(),
        Some("http://data.europa.eu/esco/skill-type/knowledge")
    );
    assert!(kilns.description["en"].starts_with("Kiln characteristics, operation and types"));
    // texts are trimmed: the Ukrainian descriptions end in "\n\t" in the API's answers
    for skill in &skills {
        for text in skill.description.values().chain(skill.preferred.values()) {
            assert_eq!(text.trim(), text);
            assert!(!text.contains(['\n', '\t', '\u{a0}']), "{text:?}");
        }
    }
}

#[test]
fn too_many_requests_waits_and_asks_again() {
    let server = Server::start();
    page(
        &server,
        0,
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        Some(1),
    );
    both_pages(&server);
    let started = std::time::Instant::now();
    let (skills, _) = download(&server);
    assert_eq!(skills.unwrap().len(), 6);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(server.requests(), 3);
}

#[test]
fn a_server_error_is_asked_again_and_given_up_after_the_tries_allowed() {
    // once: the second try succeeds
    let server = Server::start();
    page(&server, 1, ResponseTemplate::new(500), Some(1));
    both_pages(&server);
    assert_eq!(download(&server).0.unwrap().len(), 6);
    // always: three tries, then the status
    let server = Server::start();
    page(&server, 0, json(PAGE_0), None);
    page(&server, 1, ResponseTemplate::new(500), None);
    let error = download(&server).0.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Status {
                status: 500,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.requests(), 4);
    assert!(
        error.to_string().contains("answered 500 (asked 3 times)"),
        "{error}"
    );
}

#[test]
fn a_bad_request_is_not_asked_again_and_says_the_services_message() {
    let server = Server::start();
    page(
        &server,
        0,
        ResponseTemplate::new(400).set_body_raw(BAD_REQUEST, "application/json"),
        None,
    );
    let error = download(&server).0.unwrap_err();
    assert_eq!(server.requests(), 1);
    let Error::Status {
        status,
        message,
        attempts,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!((*status, *attempts), (400, 1));
    let expected: serde_json::Value = serde_json::from_str(BAD_REQUEST).unwrap();
    assert_eq!(message.as_deref(), expected["message"].as_str());
}

#[test]
fn a_body_cut_short_is_an_error_not_fewer_skills() {
    let server = Server::start();
    page(&server, 0, json(&PAGE_0[..PAGE_0.len() / 2]), None);
    let error = download(&server).0.unwrap_err();
    assert!(matches!(error, Error::Body { .. }), "{error:?}");
}

#[test]
fn pages_that_do_not_add_up_are_refused() {
    // a total the pages do not reach: page 2 is empty after 6 of 9
    let server = Server::start();
    page(
        &server,
        0,
        json(&PAGE_0.replacen("\"total\": 6", "\"total\": 9", 1)),
        None,
    );
    page(
        &server,
        1,
        json(&PAGE_1.replacen("\"total\": 6", "\"total\": 9", 1)),
        None,
    );
    page(
        &server,
        2,
        json(r#"{"total": 9, "count": 0, "_embedded": {}}"#),
        None,
    );
    let error = download(&server).0.unwrap_err();
    assert_eq!(
        error,
        Error::Inconsistent("page 2 is empty, but only 6 of 9 skills came before it".into())
    );
    // a total that changes between pages
    let server = Server::start();
    page(&server, 0, json(PAGE_0), None);
    page(
        &server,
        1,
        json(&PAGE_1.replacen("\"total\": 6", "\"total\": 7", 1)),
        None,
    );
    let error = download(&server).0.unwrap_err();
    assert!(
        error.to_string().contains("the total changed from 6 to 7"),
        "{error}"
    );
    // a server that counts `offset` in items: page 1 starts inside page 0
    let server = Server::start();
    page(&server, 0, json(PAGE_0), None);
    page(&server, 1, json(PAGE_0), None);
    let error = download(&server).0.unwrap_err();
    assert!(
        error.to_string().contains("page 1 repeats page 0"),
        "{error}"
    );
}

#[test]
fn a_slow_server_is_given_up_after_the_timeout() {
    let server = Server::start();
    page(
        &server,
        0,
        json(PAGE_0).set_delay(Duration::from_secs(5)),
        None,
    );
    let mut options = Options::new(&server.server.uri());
    options.attempts = 2;
    options.first_pause = Duration::from_millis(10);
    options.timeout = Duration::from_millis(300);
    let client = Client::new(options).unwrap();
    let started = std::time::Instant::now();
    let error = esco::skills(&client, "1.2.0", 3, &mut |_| {}).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(
        matches!(&error, Error::Transport { why, attempts: 2, .. } if why == "no answer in time"),
        "{error:?}"
    );
}

#[test]
fn the_occupations_come_in_pages_of_the_member_occupations_too() {
    const OCCUPATIONS: &str =
        include_str!("data/esco-api/constructed-resource-occupation-member-occupations-page0.json");
    let server = Server::start();
    server.mount(
        Mock::given(method("GET"))
            .and(path("/resource/occupation"))
            .and(query_param("isInScheme", esco::MEMBER_OCCUPATIONS))
            .and(query_param("offset", "0"))
            .and(query_param("selectedVersion", "v1.2.0"))
            .respond_with(json(OCCUPATIONS)),
    );
    let mut heard = Vec::new();
    let occupations =
        esco::occupations(&server.client(), "1.2.0", 100, &mut |p| heard.push(p)).unwrap();
    assert_eq!(occupations.len(), 3);
    let scientist = occupations
        .iter()
        .find(|o| o.preferred["en"] == "data scientist")
        .unwrap();
    assert_eq!(scientist.code.as_deref(), Some("2511.4"));
    assert_eq!(scientist.preferred["de"], "Data Scientist/Data Scientistin");
    assert_eq!(scientist.alternative["en"], ["data science specialist"]);
    assert!(scientist.description["en"].starts_with("Data scientists"));
    assert_eq!(
        heard,
        [Progress {
            pages: 1,
            items: 3,
            total: 3
        }]
    );
    assert_eq!(server.requests(), 1);
}
