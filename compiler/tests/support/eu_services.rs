//! A loopback stand-in (wiremock) for the EU's services `laurel vocab update` asks: the
//! ESCO API's pages of ESCO 1.2.0's member skills and occupations
//! (`compiler/eu-services/tests/data/esco-api/`), and the EU Vocabularies' SPARQL
//! endpoint answering for every ELM list.
//!
//! The lists are answered from the bundled ones (`stdlib/vocab/`), learning-setting from
//! the recorded-style answer of `compiler/eu-services/tests/data/eu-vocabularies/`, and
//! two labels are added that the bundled copy lacks: Polish labels of formal and
//! non-formal learning, so that a test sees a downloaded label reach the output.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The first page of ESCO 1.2.0's member skills.
pub const PAGE_0: &str = include_str!(
    "../../eu-services/tests/data/esco-api/constructed-resource-skill-member-skills-page0.json"
);
/// The second page of ESCO 1.2.0's member skills.
pub const PAGE_1: &str = include_str!(
    "../../eu-services/tests/data/esco-api/constructed-resource-skill-member-skills-page1.json"
);
/// The page of ESCO 1.2.0's occupations.
pub const OCCUPATIONS: &str = include_str!(
    "../../eu-services/tests/data/esco-api/constructed-resource-occupation-member-occupations-page0.json"
);
const LEARNING_SETTING: &str = include_str!(
    "../../eu-services/tests/data/eu-vocabularies/constructed-sparql-select-learning-setting.srj"
);

/// The Polish labels the stand-in adds: (concept, label).
pub const POLISH: [(&str, &str); 2] = [
    (
        "http://data.europa.eu/snb/learning-setting/6fd4685715",
        "uczenie się formalne",
    ),
    (
        "http://data.europa.eu/snb/learning-setting/e207a81fc7",
        "uczenie się pozaformalne",
    ),
];

/// The version every list carries.
pub const LIST_VERSION: &str = "20260601-0";

/// The services, on a loopback port, with the runtime that drives them.
pub struct Services {
    runtime: tokio::runtime::Runtime,
    /// The server.
    pub server: MockServer,
}

impl Services {
    /// ESCO's two pages and every list.
    pub fn start() -> Services {
        let services = Services::empty();
        services.esco_pages();
        services.lists();
        services
    }

    /// A server answering nothing yet.
    pub fn empty() -> Services {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let server = runtime.block_on(MockServer::start());
        Services { runtime, server }
    }

    /// Answers as `mock` says; mocks mounted first answer first.
    pub fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    /// Forgets every answer.
    pub fn reset(&self) {
        self.runtime.block_on(self.server.reset());
    }

    /// The ESCO API's address.
    pub fn esco_url(&self) -> String {
        self.server.uri()
    }

    /// The SPARQL endpoint's address.
    pub fn elm_url(&self) -> String {
        format!("{}/sparql", self.server.uri())
    }

    /// Answers page `offset` of ESCO 1.2.0's member skills with `answer`.
    pub fn esco_page(&self, offset: &str, answer: ResponseTemplate) {
        self.mount(
            Mock::given(method("GET"))
                .and(path("/resource/skill"))
                .and(query_param("offset", offset))
                .and(query_param("selectedVersion", "v1.2.0"))
                .respond_with(answer),
        );
    }

    /// The two pages of ESCO's skills, and the page of its occupations.
    pub fn esco_pages(&self) {
        self.esco_page("0", json_answer(PAGE_0, "application/json"));
        self.esco_page("1", json_answer(PAGE_1, "application/json"));
        self.occupations();
    }

    /// The page of ESCO 1.2.0's occupations (and an empty one after it).
    pub fn occupations(&self) {
        self.mount(
            Mock::given(method("GET"))
                .and(path("/resource/occupation"))
                .and(query_param("offset", "0"))
                .and(query_param("selectedVersion", "v1.2.0"))
                .respond_with(json_answer(OCCUPATIONS, "application/json")),
        );
    }

    /// The SPARQL endpoint, answering for every list.
    pub fn lists(&self) {
        self.mount(
            Mock::given(method("GET"))
                .and(path("/sparql"))
                .respond_with(Lists::bundled()),
        );
    }
}

/// A `200` answer of `body` as `media_type`.
pub fn json_answer(body: &str, media_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_string(), media_type)
}

/// One concept as the stand-in serves it.
#[derive(Debug, Clone, Default)]
struct Concept {
    identifier: String,
    labels: BTreeMap<String, String>,
    definitions: BTreeMap<String, String>,
}

/// Every list's concepts by scheme IRI, then by concept IRI.
struct Lists(BTreeMap<String, BTreeMap<String, Concept>>);

impl Lists {
    fn bundled() -> Lists {
        let stdlib = concat!(env!("CARGO_MANIFEST_DIR"), "/../stdlib/vocab");
        let mut schemes = BTreeMap::new();
        for entry in std::fs::read_dir(stdlib).expect("stdlib/vocab") {
            let path = entry.expect("an entry").path();
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.extension().is_none_or(|e| e != "tsv")
                || ["iso-codes", "esco-occupation"].contains(&slug.as_str())
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a list");
            let scheme = match slug.as_str() {
                "country" | "language" | "human-sex" => {
                    format!("http://publications.europa.eu/resource/authority/{slug}")
                }
                _ => format!("http://data.europa.eu/snb/{slug}/25831c2"),
            };
            let mut concepts = BTreeMap::new();
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
            for line in lines.filter(|l| !l.trim().is_empty()) {
                let cells: Vec<&str> = line.split('\t').collect();
                let cell = |name: &str| {
                    header
                        .iter()
                        .position(|h| *h == name)
                        .and_then(|i| cells.get(i))
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                };
                let uri = cell("uri").unwrap().to_string();
                let mut concept = Concept {
                    identifier: uri.rsplit('/').next().unwrap().to_string(),
                    ..Concept::default()
                };
                for lang in ["en", "de", "fr"] {
                    if let Some(label) = cell(&format!("prefLabel_{lang}")) {
                        concept.labels.insert(lang.into(), label.into());
                    }
                }
                if let Some(d) = cell("definition_en") {
                    concept.definitions.insert("en".into(), d.into());
                }
                concepts.insert(uri, concept);
            }
            schemes.insert(scheme, concepts);
        }
        // learning-setting as the recorded-style answer gives it, and in Polish too
        let setting = schemes
            .entry("http://data.europa.eu/snb/learning-setting/25831c2".into())
            .or_default();
        setting.clear();
        let answer: Value = serde_json::from_str(LEARNING_SETTING).unwrap();
        for row in answer["results"]["bindings"].as_array().unwrap() {
            let concept = setting
                .entry(row["concept"]["value"].as_str().unwrap().into())
                .or_default();
            concept.identifier = row["identifier"]["value"].as_str().unwrap().into();
            concept.labels.insert(
                row["label"]["xml:lang"].as_str().unwrap().into(),
                row["label"]["value"].as_str().unwrap().into(),
            );
        }
        for (uri, label) in POLISH {
            setting
                .get_mut(uri)
                .unwrap()
                .labels
                .insert("pl".into(), label.into());
        }
        Lists(schemes)
    }
}

impl Respond for Lists {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "query")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        // an ELM list is a graph, an authority table what is `skos:inScheme` it
        let scheme = ["FROM <", "skos:inScheme <", "WHERE { <"]
            .iter()
            .find_map(|clause| query.split_once(clause))
            .and_then(|(_, rest)| rest.split_once('>'))
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        let empty = BTreeMap::new();
        let concepts = self.0.get(&scheme).unwrap_or(&empty);
        let rows: Vec<Value> = if query.contains("COUNT(") {
            vec![json!({"n": {"type": "typed-literal", "value": concepts.len().to_string()}})]
        } else if query.contains("owl:versionInfo") {
            match concepts.is_empty() {
                true => vec![],
                false => vec![json!({"version": {"type": "literal", "value": LIST_VERSION}})],
            }
        } else {
            let (var, definitions) = match query.contains("skos:definition") {
                true => ("definition", true),
                false => ("label", false),
            };
            let wanted: Option<Vec<String>> = query.split_once("IN (").map(|(_, rest)| {
                rest.split(')')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|l| l.trim().trim_matches('"').to_string())
                    .collect()
            });
            let mut rows = Vec::new();
            for (uri, concept) in concepts {
                let texts = if definitions {
                    &concept.definitions
                } else {
                    &concept.labels
                };
                let texts: Vec<(&String, &String)> = texts
                    .iter()
                    .filter(|(l, _)| wanted.as_ref().is_none_or(|w| w.contains(l)))
                    .collect();
                let base = json!({
                    "concept": {"type": "uri", "value": uri},
                    "identifier": {"type": "literal", "value": concept.identifier},
                });
                if texts.is_empty() {
                    rows.push(base.clone());
                }
                for (lang, text) in texts {
                    let mut row = base.clone();
                    row[var] = json!({"type": "literal", "xml:lang": lang, "value": text});
                    rows.push(row);
                }
            }
            let (limit, offset) = paging(&query);
            rows.into_iter().skip(offset).take(limit).collect()
        };
        json_answer(
            &json!({"head": {"vars": []}, "results": {"bindings": rows}}).to_string(),
            "application/sparql-results+json",
        )
    }
}

/// The `LIMIT` and `OFFSET` of a query (everything without them).
fn paging(query: &str) -> (usize, usize) {
    let number = |word: &str| {
        query
            .split_once(word)
            .and_then(|(_, rest)| rest.split_whitespace().next()?.parse().ok())
    };
    (
        number("LIMIT ").unwrap_or(usize::MAX),
        number("OFFSET ").unwrap_or(0),
    )
}
