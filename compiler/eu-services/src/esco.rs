//! The ESCO API (`https://ec.europa.eu/esco/api`): every skill and every occupation of one
//! ESCO version, with their labels and descriptions in every language the API has.
//!
//! The skills are read by paging the scheme of member skills,
//! `GET /resource/skill?isInScheme=…/member-skills&language=en&limit=L&offset=P&selectedVersion=vX.Y.Z&viewObsolete=false`,
//! the occupations the same way (`/resource/occupation`, `…/member-occupations`),
//! where `offset` is a page number, not an item number. Each answer carries every
//! language's labels, whatever `language` says, so one pass reads them all. The pages are
//! checked as they come: the total must not change, page 1 must not repeat page 0 (a
//! server counting items), and no page may be empty before the total is reached.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::{Client, Error};

/// The ESCO API's public address.
pub const BASE_URL: &str = "https://ec.europa.eu/esco/api";

/// The scheme of ESCO's skills without the skill groups.
pub const MEMBER_SKILLS: &str = "http://data.europa.eu/esco/concept-scheme/member-skills";

/// The scheme of ESCO's occupations without the ISCO groups.
pub const MEMBER_OCCUPATIONS: &str = "http://data.europa.eu/esco/concept-scheme/member-occupations";

/// The start of every ESCO skill IRI.
const SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";

/// The start of every ESCO occupation IRI.
const OCCUPATION_PREFIX: &str = "http://data.europa.eu/esco/occupation/";

/// One ESCO skill as the API gives it, its texts trimmed (a no-break space made a space).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skill {
    /// `http://data.europa.eu/esco/skill/<uuid>`.
    pub uri: String,
    /// Preferred label by language.
    pub preferred: BTreeMap<String, String>,
    /// Alternative labels by language, in the API's order.
    pub alternative: BTreeMap<String, Vec<String>>,
    /// Description by language.
    pub description: BTreeMap<String, String>,
    /// The skill type's IRI (`http://data.europa.eu/esco/skill-type/knowledge`).
    pub skill_type: Option<String>,
    /// The reuse level's IRI (`http://data.europa.eu/esco/skill-reuse-level/transversal`).
    pub reuse_level: Option<String>,
    /// The broader skills' and skill groups' IRIs, sorted.
    pub broader: Vec<String>,
}

/// One ESCO occupation as the API gives it, its texts trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occupation {
    /// `http://data.europa.eu/esco/occupation/<uuid>`.
    pub uri: String,
    /// Preferred label by language.
    pub preferred: BTreeMap<String, String>,
    /// Alternative labels by language, in the API's order.
    pub alternative: BTreeMap<String, Vec<String>>,
    /// Description by language.
    pub description: BTreeMap<String, String>,
    /// The ESCO code (`2511.4`), an ISCO unit group and the place below it.
    pub code: Option<String>,
}

/// How far a download has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Pages read.
    pub pages: usize,
    /// Concepts (skills, occupations) read.
    pub items: usize,
    /// Concepts the service says there are.
    pub total: usize,
}

/// Every skill of ESCO `version` (`1.2.0` or `v1.2.0`), sorted by IRI, read in pages of
/// `page_size`; `progress` hears after each page.
pub fn skills(
    client: &Client,
    version: &str,
    page_size: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Skill>, Error> {
    let kind = Kind {
        path: "/resource/skill",
        scheme: MEMBER_SKILLS,
        class: "Skill",
        prefix: SKILL_PREFIX,
        what: "skills",
    };
    members(client, &kind, version, page_size, progress, skill_of)
}

/// Every occupation of ESCO `version`, sorted by IRI, read in pages of `page_size`;
/// `progress` hears after each page.
pub fn occupations(
    client: &Client,
    version: &str,
    page_size: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Occupation>, Error> {
    let kind = Kind {
        path: "/resource/occupation",
        scheme: MEMBER_OCCUPATIONS,
        class: "Occupation",
        prefix: OCCUPATION_PREFIX,
        what: "occupations",
    };
    members(client, &kind, version, page_size, progress, occupation_of)
}

/// What kind of concept a scheme of members holds, and where the API serves it.
struct Kind {
    /// The resource path (`/resource/skill`).
    path: &'static str,
    /// The scheme paged.
    scheme: &'static str,
    /// The `className` of its members (others, such as groups, are skipped).
    class: &'static str,
    /// The start of its members' IRIs.
    prefix: &'static str,
    /// Its members, in words (`skills`).
    what: &'static str,
}

/// Every member of the scheme of `kind` in ESCO `version`, each read by `read_item` from its
/// item (released members only), sorted by IRI.
fn members<T>(
    client: &Client,
    kind: &Kind,
    version: &str,
    page_size: usize,
    progress: &mut dyn FnMut(Progress),
    read_item: fn(&str, &Value, Texts) -> T,
) -> Result<Vec<T>, Error> {
    let what = kind.what;
    let selected = format!("v{}", version.trim_start_matches('v'));
    let limit = page_size.max(1).to_string();
    let mut read: BTreeSet<String> = BTreeSet::new();
    let mut members: BTreeMap<String, T> = BTreeMap::new();
    let mut first_page: Vec<String> = Vec::new();
    let mut expected_total = None;
    for page in 0usize.. {
        let offset = page.to_string();
        let answer = client.get_json(
            kind.path,
            &[
                ("isInScheme", kind.scheme),
                ("language", "en"),
                ("limit", &limit),
                ("offset", &offset),
                ("selectedVersion", &selected),
                ("viewObsolete", "false"),
            ],
        )?;
        let (total, items) = page_of(&answer, page)?;
        match expected_total {
            None => expected_total = Some(total),
            Some(t) if t != total => {
                return Err(Error::Inconsistent(format!(
                    "the total changed from {t} to {total} {what} at page {page}; run again"
                )))
            }
            Some(_) => {}
        }
        if items.is_empty() {
            if read.len() < total {
                return Err(Error::Inconsistent(format!(
                    "page {page} is empty, but only {} of {total} {what} came before it",
                    read.len()
                )));
            }
            break;
        }
        let uris: Vec<String> = items.keys().cloned().collect();
        if page == 1 && uris.iter().any(|u| first_page.contains(u)) {
            return Err(Error::Inconsistent(
                "page 1 repeats page 0: the server counts `offset` in items, not in pages".into(),
            ));
        }
        let before = read.len();
        for (uri, item) in items {
            if read.insert(uri.clone()) {
                if let Some(texts) = released(kind, uri, item)? {
                    members.insert(uri.clone(), read_item(uri, item, texts));
                }
            }
        }
        if read.len() == before {
            return Err(Error::Inconsistent(format!(
                "page {page} holds only {what} of earlier pages"
            )));
        }
        if page == 0 {
            first_page = uris;
        }
        progress(Progress {
            pages: page + 1,
            items: members.len(),
            total,
        });
        if read.len() >= total {
            break;
        }
    }
    Ok(members.into_values().collect())
}

/// A page's `total` and its items by IRI.
fn page_of(answer: &Value, page: usize) -> Result<(usize, &Map<String, Value>), Error> {
    let bad = |why: &str| Error::Inconsistent(format!("page {page}: {why}"));
    let total = answer
        .get("total")
        .and_then(Value::as_u64)
        .ok_or_else(|| bad("no `total`"))?;
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    let items = match answer.get("_embedded") {
        None => EMPTY.get_or_init(Map::new),
        Some(Value::Object(items)) => items,
        Some(_) => return Err(bad("`_embedded` is not an object")),
    };
    Ok((total as usize, items))
}

/// The labels and descriptions of an item.
struct Texts {
    preferred: BTreeMap<String, String>,
    alternative: BTreeMap<String, Vec<String>>,
    description: BTreeMap<String, String>,
}

/// The texts of one item of `kind`; `None` for what is not a released member (a group,
/// an obsolete concept).
fn released(kind: &Kind, uri: &str, item: &Value) -> Result<Option<Texts>, Error> {
    let class = item.get("className").and_then(Value::as_str);
    let status = item.get("status").and_then(Value::as_str);
    if class != Some(kind.class) || status.is_some_and(|s| s != "released") {
        return Ok(None);
    }
    if !uri.starts_with(kind.prefix) {
        return Err(Error::Inconsistent(format!(
            "{uri} is not an ESCO {} IRI",
            kind.class.to_lowercase()
        )));
    }
    let texts = |key: &str| -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (lang, v) in item
            .get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let text = v
                .as_str()
                .or_else(|| v.get("literal").and_then(Value::as_str));
            if let Some(text) = text.map(clean).filter(|t| !t.is_empty()) {
                out.insert(lang.clone(), text);
            }
        }
        out
    };
    let preferred = texts("preferredLabel");
    if !preferred.contains_key("en") {
        return Err(Error::Inconsistent(format!("{uri} has no English label")));
    }
    let mut alternative = BTreeMap::new();
    for (lang, labels) in item
        .get("alternativeLabel")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let labels: Vec<String> = labels
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(clean)
            .filter(|l| !l.is_empty())
            .collect();
        if !labels.is_empty() {
            alternative.insert(lang.clone(), labels);
        }
    }
    Ok(Some(Texts {
        preferred,
        alternative,
        description: texts("description"),
    }))
}

/// The IRIs an item links to under `key` (`broaderSkill`).
fn link_uris(item: &Value, key: &str) -> Vec<String> {
    item.get("_links")
        .and_then(|l| l.get(key))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l.get("uri").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

/// The skill of one released item.
fn skill_of(uri: &str, item: &Value, texts: Texts) -> Skill {
    let mut broader = link_uris(item, "broaderSkill");
    broader.extend(link_uris(item, "broaderHierarchyConcept"));
    broader.sort();
    broader.dedup();
    Skill {
        uri: uri.to_string(),
        preferred: texts.preferred,
        alternative: texts.alternative,
        description: texts.description,
        skill_type: link_uris(item, "hasSkillType").into_iter().next(),
        reuse_level: link_uris(item, "hasReuseLevel").into_iter().next(),
        broader,
    }
}

/// The occupation of one released item.
fn occupation_of(uri: &str, item: &Value, texts: Texts) -> Occupation {
    Occupation {
        uri: uri.to_string(),
        preferred: texts.preferred,
        alternative: texts.alternative,
        description: texts.description,
        code: item
            .get("code")
            .and_then(Value::as_str)
            .map(clean)
            .filter(|c| !c.is_empty()),
    }
}

/// A text trimmed, its no-break spaces made spaces and its runs of white space (line
/// breaks and tabs among them) one space: how the API's labels and descriptions are kept.
pub fn clean(text: &str) -> String {
    text.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
