//! The EU Vocabularies (Publications Office, Cellar) through their SPARQL endpoint
//! (`https://publications.europa.eu/webapi/rdf/sparql`): the concepts of one concept
//! scheme, with their preferred labels and definitions in every language asked for.
//!
//! Each ELM scheme is its own named graph, named by the scheme's IRI, so a query reads
//! `FROM <scheme>` (as the EU's issuer asks); the concepts of an EU authority table
//! (`…/resource/authority/country`) are those `skos:inScheme` it. The labels are read in pages of [`PAGE_ROWS`] rows with a stable
//! `ORDER BY`, and the next page is asked for until one comes back short (a page of
//! exactly `LIMIT` rows may have a successor). Concepts marked `at:deprecated "true"`
//! are left out, as the EU's own issuer leaves them out. The concepts read are checked
//! against the scheme's count of the same concepts, and at least one must be there (an
//! unknown or misspelt scheme is an empty graph, not an error, to the endpoint).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::{Client, Error};

/// The endpoint's public address.
pub const SPARQL_URL: &str = "https://publications.europa.eu/webapi/rdf/sparql";

/// Rows asked for per page (Virtuoso endpoints cap an answer, often at 10,000 rows).
pub const PAGE_ROWS: usize = 5000;

/// The media type of a SPARQL `SELECT` answer in JSON.
const RESULTS_JSON: &str = "application/sparql-results+json";

/// One concept of a scheme, as the endpoint gives it, its texts trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concept {
    /// The concept's IRI (`http://data.europa.eu/snb/learning-setting/6fd4685715`).
    pub uri: String,
    /// Its `dc:identifier` (`6fd4685715`, `DEU`), when it has one.
    pub identifier: Option<String>,
    /// Preferred label by language.
    pub labels: BTreeMap<String, String>,
    /// Definition by language.
    pub definitions: BTreeMap<String, String>,
}

/// One concept scheme, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The scheme's IRI.
    pub scheme: String,
    /// The scheme's `owl:versionInfo` (`20240101-0`), when it carries one.
    pub version: Option<String>,
    /// The concepts, sorted by IRI.
    pub concepts: Vec<Concept>,
}

/// The concepts of `scheme` with their labels and definitions in `languages` (every
/// language when it is empty), read in pages of `page_rows` rows.
pub fn list(
    client: &Client,
    scheme: &str,
    languages: &[String],
    page_rows: usize,
) -> Result<List, Error> {
    if scheme.contains(['<', '>', '"', ' ', '\n']) {
        return Err(Error::Inconsistent(format!(
            "`{scheme}` cannot be a concept scheme's IRI"
        )));
    }
    let mut concepts: BTreeMap<String, Concept> = BTreeMap::new();
    for (property, var) in [
        ("skos:prefLabel", "label"),
        ("skos:definition", "definition"),
    ] {
        let query = texts_query(scheme, property, var, languages);
        for row in paged(client, &query, page_rows)? {
            let Some(uri) = row.uri("concept") else {
                continue;
            };
            let concept = concepts.entry(uri.to_string()).or_insert_with(|| Concept {
                uri: uri.to_string(),
                ..Concept::default()
            });
            if let Some(identifier) = row.literal("identifier") {
                concept
                    .identifier
                    .get_or_insert_with(|| identifier.to_string());
            }
            let (Some(text), Some(lang)) = (row.literal(var), row.language(var)) else {
                continue;
            };
            let text = crate::esco::clean(text);
            if text.is_empty() {
                continue;
            }
            let texts = match var {
                "label" => &mut concept.labels,
                _ => &mut concept.definitions,
            };
            texts.entry(lang.to_ascii_lowercase()).or_insert(text);
        }
    }
    let counted = count(client, scheme)?;
    if counted == 0 || concepts.is_empty() {
        return Err(Error::Inconsistent(format!(
            "the scheme <{scheme}> has no concepts: is its IRI right?"
        )));
    }
    if concepts.len() != counted {
        return Err(Error::Inconsistent(format!(
            "the scheme <{scheme}> counts {counted} concepts, but {} came with their labels; run again",
            concepts.len()
        )));
    }
    Ok(List {
        scheme: scheme.to_string(),
        version: version(client, scheme)?,
        concepts: concepts.into_values().collect(),
    })
}

const PREFIXES: &str = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
PREFIX dc: <http://purl.org/dc/elements/1.1/>\n\
PREFIX at: <http://publications.europa.eu/ontology/authority/>\n\
PREFIX owl: <http://www.w3.org/2002/07/owl#>\n";

/// The concepts that count: not deprecated.
const CURRENT: &str = "?concept a skos:Concept .\n  \
OPTIONAL { ?concept at:deprecated ?deprecated }\n  \
FILTER (COALESCE(STR(?deprecated), \"false\") = \"false\")\n";

/// Where a query finds the concepts of `scheme`: its dataset clause and the pattern that
/// ties a concept to it.
fn scope(scheme: &str) -> (String, String) {
    match scheme.starts_with("http://publications.europa.eu/resource/authority/") {
        true => (
            String::new(),
            format!("?concept skos:inScheme <{scheme}> .\n  "),
        ),
        false => (format!("FROM <{scheme}>\n"), String::new()),
    }
}

/// Every current concept of `scheme` with its identifier and its texts of `property`
/// (as `?var`) in `languages` (a concept without any still comes, once, so the count
/// holds).
fn texts_query(scheme: &str, property: &str, var: &str, languages: &[String]) -> String {
    let filter = match languages {
        [] => String::new(),
        some => {
            let quoted: Vec<String> = some
                .iter()
                .filter(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .map(|l| format!("\"{l}\""))
                .collect();
            format!(" FILTER (LANG(?{var}) IN ({}))", quoted.join(", "))
        }
    };
    let (from, member) = scope(scheme);
    format!(
        "{PREFIXES}SELECT ?concept ?identifier ?{var}\n{from}WHERE {{\n  {member}{CURRENT}  \
OPTIONAL {{ ?concept dc:identifier ?identifier }}\n  \
OPTIONAL {{ ?concept {property} ?{var}{filter} }}\n}}\nORDER BY ?concept LANG(?{var}) ?{var}"
    )
}

/// How many current concepts `scheme` has.
fn count(client: &Client, scheme: &str) -> Result<usize, Error> {
    let (from, member) = scope(scheme);
    let query = format!(
        "{PREFIXES}SELECT (COUNT(DISTINCT ?concept) AS ?n)\n{from}WHERE {{\n  {member}{CURRENT}}}"
    );
    let rows = select(client, &query)?;
    let n = rows.first().and_then(|r| r.literal("n"));
    match n {
        None => Ok(0),
        Some(n) => n.trim().parse().map_err(|_| {
            Error::Inconsistent(format!("the count of <{scheme}> is `{n}`, not a number"))
        }),
    }
}

/// The `owl:versionInfo` of `scheme`, when it has one.
fn version(client: &Client, scheme: &str) -> Result<Option<String>, Error> {
    let (from, _) = scope(scheme);
    let query =
        format!("{PREFIXES}SELECT ?version\n{from}WHERE {{ <{scheme}> owl:versionInfo ?version }}");
    let rows = select(client, &query)?;
    Ok(rows
        .first()
        .and_then(|r| r.literal("version"))
        .map(|v| v.trim().to_string()))
}

/// Every row of `query`, read in pages of `page_rows` (`LIMIT`/`OFFSET`) until a page
/// comes back short.
fn paged(client: &Client, query: &str, page_rows: usize) -> Result<Vec<Row>, Error> {
    let page_rows = page_rows.max(1);
    let mut rows = Vec::new();
    for page in 0usize.. {
        let paged = format!(
            "{query}\nLIMIT {page_rows} OFFSET {}",
            page.saturating_mul(page_rows)
        );
        let answer = select(client, &paged)?;
        let short = answer.len() < page_rows;
        rows.extend(answer);
        if short {
            break;
        }
    }
    Ok(rows)
}

/// One row of a `SELECT` answer: each variable's value.
#[derive(Debug, Clone)]
struct Row(serde_json::Map<String, Value>);

impl Row {
    fn value(&self, var: &str, kind: &str) -> Option<&str> {
        let binding = self.0.get(var)?;
        let is = binding.get("type").and_then(Value::as_str)?;
        let matches = match kind {
            "literal" => matches!(is, "literal" | "typed-literal"),
            _ => is == kind,
        };
        binding
            .get("value")
            .and_then(Value::as_str)
            .filter(|_| matches)
    }

    fn uri(&self, var: &str) -> Option<&str> {
        self.value(var, "uri")
    }

    fn literal(&self, var: &str) -> Option<&str> {
        self.value(var, "literal")
    }

    fn language(&self, var: &str) -> Option<&str> {
        self.0.get(var)?.get("xml:lang")?.as_str()
    }
}

/// The rows of the answer to `query`.
fn select(client: &Client, query: &str) -> Result<Vec<Row>, Error> {
    let answer = client.get_json_as("", &[("query", query)], RESULTS_JSON)?;
    let bindings = answer
        .get("results")
        .and_then(|r| r.get("bindings"))
        .and_then(Value::as_array)
        .ok_or_else(|| {
            Error::Inconsistent("a SPARQL answer without `results.bindings`".to_string())
        })?;
    Ok(bindings
        .iter()
        .filter_map(|b| b.as_object().cloned().map(Row))
        .collect())
}
