//! The EU Vocabularies client against a loopback server (wiremock) that answers SPARQL
//! queries as the Cellar endpoint does (`tests/data/eu-vocabularies/`, see its README).

use laurel_eu_services::vocabularies::{self, List};
use laurel_eu_services::Error;
use serde_json::json;
use wiremock::matchers::{header, method, query_param_contains};
use wiremock::{Mock, ResponseTemplate};

mod support;
use support::Server;

const LEARNING_SETTING: &str = "http://data.europa.eu/snb/learning-setting/25831c2";
const LABELS: &str =
    include_str!("data/eu-vocabularies/constructed-sparql-select-learning-setting.srj");
const VERSION: &str =
    include_str!("data/eu-vocabularies/constructed-sparql-select-versioninfo.srj");
const EMPTY: &str = include_str!("data/eu-vocabularies/constructed-sparql-select-empty.srj");

fn results(body: &str) -> ResponseTemplate {
    support::answer(body, "application/sparql-results+json")
}

/// An answer of `rows`, each a map of variable to binding.
fn rows(rows: &[serde_json::Value]) -> ResponseTemplate {
    results(&json!({"head": {"vars": []}, "results": {"bindings": rows}}).to_string())
}

/// The count query's answer.
fn counted(n: usize) -> ResponseTemplate {
    rows(&[
        json!({"n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": n.to_string()}}),
    ])
}

/// Answers the queries whose text contains every one of `parts` with `answer`.
fn on_query(server: &Server, parts: &[&str], answer: ResponseTemplate) {
    let mut mock =
        Mock::given(method("GET")).and(header("Accept", "application/sparql-results+json"));
    for part in parts {
        mock = mock.and(query_param_contains("query", *part));
    }
    server.mount(mock.respond_with(answer));
}

/// The learning-setting scheme as the fixtures give it: labels, no definitions, two
/// concepts, a version.
fn learning_setting(server: &Server) {
    let scheme = format!("FROM <{LEARNING_SETTING}>");
    on_query(server, &[&scheme, "skos:prefLabel"], results(LABELS));
    on_query(server, &[&scheme, "skos:definition"], results(EMPTY));
    on_query(server, &[&scheme, "COUNT"], counted(2));
    on_query(server, &[&scheme, "owl:versionInfo"], results(VERSION));
}

fn read(server: &Server, page_rows: usize) -> Result<List, Error> {
    vocabularies::list(&server.client(), LEARNING_SETTING, &[], page_rows)
}

#[test]
fn a_scheme_comes_with_its_labels_in_every_language_and_its_version() {
    let server = Server::start();
    learning_setting(&server);
    let list = read(&server, 5000).unwrap();
    assert_eq!(list.scheme, LEARNING_SETTING);
    assert_eq!(list.version.as_deref(), Some("20240101-0"));
    let uris: Vec<&str> = list.concepts.iter().map(|c| c.uri.as_str()).collect();
    assert_eq!(
        uris,
        [
            "http://data.europa.eu/snb/learning-setting/6fd4685715",
            "http://data.europa.eu/snb/learning-setting/e207a81fc7"
        ]
    );
    let formal = &list.concepts[0];
    assert_eq!(formal.identifier.as_deref(), Some("6fd4685715"));
    assert_eq!(formal.labels["en"], "formal learning");
    assert_eq!(formal.labels["de"], "Formales Lernen");
    assert_eq!(formal.labels["fr"], "Apprentissage formel");
    assert!(formal.definitions.is_empty());
    // labels, definitions, count, version: one page each
    assert_eq!(server.requests(), 4);
}

#[test]
fn a_page_of_exactly_the_limit_is_followed_by_the_next() {
    let server = Server::start();
    let label = |uri: &str, lang: &str, text: &str| {
        json!({
            "concept": {"type": "uri", "value": format!("http://data.europa.eu/snb/eqf/{uri}")},
            "label": {"type": "literal", "xml:lang": lang, "value": text},
        })
    };
    let scheme = "FROM <http://data.europa.eu/snb/eqf/25831c2>";
    on_query(
        &server,
        &[scheme, "skos:prefLabel", "OFFSET 0"],
        rows(&[label("1", "en", "Level 1"), label("1", "pl", "Poziom 1")]),
    );
    on_query(
        &server,
        &[scheme, "skos:prefLabel", "OFFSET 2"],
        rows(&[label("2", "en", "Level 2"), label("2", "pl", "Poziom 2")]),
    );
    on_query(
        &server,
        &[scheme, "skos:prefLabel", "OFFSET 4"],
        results(EMPTY),
    );
    on_query(&server, &[scheme, "skos:definition"], results(EMPTY));
    on_query(&server, &[scheme, "COUNT"], counted(2));
    on_query(&server, &[scheme, "owl:versionInfo"], results(EMPTY));
    let list = vocabularies::list(
        &server.client(),
        "http://data.europa.eu/snb/eqf/25831c2",
        &["en".into(), "pl".into()],
        2,
    )
    .unwrap();
    assert_eq!(list.concepts.len(), 2);
    assert_eq!(list.concepts[1].labels["pl"], "Poziom 2");
    assert_eq!(list.version, None);
    // three label pages (the third empty), one definitions page, count, version
    assert_eq!(server.requests(), 6);
}

#[test]
fn only_the_languages_asked_for_are_asked_for() {
    let server = Server::start();
    on_query(
        &server,
        &[
            "skos:prefLabel",
            "FILTER (LANG(?label) IN (\"en\", \"de\"))",
        ],
        results(LABELS),
    );
    on_query(
        &server,
        &[
            "skos:definition",
            "FILTER (LANG(?definition) IN (\"en\", \"de\"))",
        ],
        results(EMPTY),
    );
    on_query(&server, &["COUNT"], counted(2));
    on_query(&server, &["owl:versionInfo"], results(VERSION));
    let list = vocabularies::list(
        &server.client(),
        LEARNING_SETTING,
        &["en".into(), "de".into()],
        100,
    )
    .unwrap();
    assert_eq!(list.concepts.len(), 2);
}

#[test]
fn an_unknown_scheme_is_an_empty_graph_and_an_error() {
    let server = Server::start();
    on_query(&server, &["skos:"], results(EMPTY));
    on_query(&server, &["COUNT"], counted(0));
    let err = read(&server, 100).unwrap_err();
    assert!(
        matches!(&err, Error::Inconsistent(why) if why.contains("has no concepts")),
        "{err}"
    );
}

#[test]
fn a_count_that_does_not_match_the_concepts_read_fails() {
    let server = Server::start();
    let scheme = format!("FROM <{LEARNING_SETTING}>");
    on_query(&server, &[&scheme, "skos:prefLabel"], results(LABELS));
    on_query(&server, &[&scheme, "skos:definition"], results(EMPTY));
    on_query(&server, &[&scheme, "COUNT"], counted(3));
    let err = read(&server, 5000).unwrap_err();
    assert!(
        matches!(&err, Error::Inconsistent(why) if why.contains("counts 3 concepts, but 2")),
        "{err}"
    );
}

#[test]
fn a_busy_endpoint_is_asked_again_and_a_cut_answer_is_refused() {
    let server = Server::start();
    server.mount(
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1),
    );
    learning_setting(&server);
    assert_eq!(read(&server, 5000).unwrap().concepts.len(), 2);

    let server = Server::start();
    on_query(
        &server,
        &["skos:prefLabel"],
        results(&LABELS[..LABELS.len() / 2]),
    );
    let err = read(&server, 5000).unwrap_err();
    assert!(matches!(err, Error::Body { .. }), "{err}");
}

#[test]
fn an_authority_table_is_what_is_in_its_scheme() {
    let server = Server::start();
    let table = "http://publications.europa.eu/resource/authority/human-sex";
    let member = format!("?concept skos:inScheme <{table}>");
    let female = json!({
        "concept": {"type": "uri", "value": format!("{table}/FEMALE")},
        "identifier": {"type": "literal", "value": "FEMALE"},
        "label": {"type": "literal", "xml:lang": "en", "value": "female"},
    });
    on_query(&server, &[&member, "skos:prefLabel"], rows(&[female]));
    on_query(&server, &[&member, "skos:definition"], results(EMPTY));
    on_query(&server, &[&member, "COUNT"], counted(1));
    on_query(&server, &["owl:versionInfo"], results(VERSION));
    let list = vocabularies::list(&server.client(), table, &[], 100).unwrap();
    assert_eq!(list.concepts[0].labels["en"], "female");
    let asked = server.queries();
    assert_eq!(asked.len(), 4);
    assert!(asked.iter().all(|q| !q.contains("FROM <")), "{asked:#?}");
}
