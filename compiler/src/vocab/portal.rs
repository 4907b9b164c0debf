//! ESCO from the ESCO portal's CSV download packages (one zip per language), for
//! `laurel vocab import`: the same skills `laurel vocab update` reads from the ESCO API,
//! for institutions whose CI cannot reach the network.
//!
//! A package holds `skills_<lang>.csv` (columns by name: `conceptType`, `conceptUri`,
//! `skillType`, `reuseLevel`, `preferredLabel`, `altLabels` one per line, `status`,
//! `description`), `occupations_<lang>.csv` (`conceptType`, `conceptUri`, `code`,
//! `preferredLabel`, `altLabels`, `status`, `description`) and, in some,
//! `broaderRelationsSkillPillar_<lang>.csv` (`conceptUri`, `broaderUri`). Skills are the
//! released `KnowledgeSkillCompetence` rows, occupations the released `Occupation` ones.

use std::collections::BTreeMap;
use std::io::Read;

use laurel_eu_services::esco::{clean, Occupation, Skill};

/// One package's name and bytes.
#[derive(Debug, Clone)]
pub struct Package {
    /// The file name, for messages.
    pub name: String,
    /// The zip file.
    pub bytes: Vec<u8>,
}

/// What the packages hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Esco {
    /// The skills, sorted by IRI.
    pub skills: Vec<Skill>,
    /// The occupations, sorted by IRI.
    pub occupations: Vec<Occupation>,
}

/// What a file of a package holds.
enum Role {
    Skills,
    Occupations,
    Broader,
}

/// The skills and occupations of `packages`, with the labels and descriptions of every
/// language they hold; the English package is needed.
pub fn read_packages(packages: &[Package]) -> Result<Esco, String> {
    let mut skills: BTreeMap<String, Skill> = BTreeMap::new();
    let mut occupations: BTreeMap<String, Occupation> = BTreeMap::new();
    let mut broader: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut languages = Vec::new();
    for package in packages {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&package.bytes))
            .map_err(|e| format!("`{}` is not a zip file: {e}", package.name))?;
        let mut found = false;
        for i in 0..archive.len() {
            let mut file = archive
                .by_index(i)
                .map_err(|e| format!("`{}`: {e}", package.name))?;
            let name = file
                .name()
                .map_err(|e| format!("`{}`: {e}", package.name))?
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            let role = [
                ("skills_", Role::Skills),
                ("occupations_", Role::Occupations),
                ("broaderRelationsSkillPillar_", Role::Broader),
            ]
            .into_iter()
            .find_map(|(prefix, role)| Some((csv_language(&name, prefix)?, role)));
            let Some((lang, role)) = role else {
                continue;
            };
            let mut text = String::new();
            file.read_to_string(&mut text)
                .map_err(|e| format!("`{}`: `{name}` cannot be read: {e}", package.name))?;
            let place = format!("`{}`: `{name}`", package.name);
            match role {
                Role::Broader => read_broader(&text, &place, &mut broader)?,
                Role::Occupations => read_occupations(&text, &lang, &place, &mut occupations)?,
                Role::Skills => {
                    read_skills(&text, &lang, &place, &mut skills)?;
                    languages.push(lang);
                    found = true;
                }
            }
        }
        if !found {
            return Err(format!(
                "`{}` holds no `skills_<language>.csv`: it is not one of the ESCO portal's CSV packages",
                package.name
            ));
        }
    }
    if !languages.iter().any(|l| l == "en") {
        return Err("the English package is needed (every skill's English label): add ESCO's `en` CSV package".into());
    }
    let mut out = Vec::with_capacity(skills.len());
    for (uri, mut skill) in skills {
        if !skill.preferred.contains_key("en") {
            return Err(format!("{uri} has no English label in the English package"));
        }
        if let Some(b) = broader.remove(&uri) {
            skill.broader = b;
        }
        out.push(skill);
    }
    Ok(Esco {
        skills: out,
        occupations: occupations
            .into_values()
            .filter(|o| o.preferred.contains_key("en"))
            .collect(),
    })
}

/// `de` for `skills_de.csv` with `prefix` `skills_`.
fn csv_language(name: &str, prefix: &str) -> Option<String> {
    let lang = name.strip_prefix(prefix)?.strip_suffix(".csv")?;
    (lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase())).then(|| lang.to_string())
}

/// The rows of a CSV text as maps of column name to value.
fn rows(text: &str, place: &str) -> Result<Vec<BTreeMap<String, String>>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{place}: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{place}: {e}"))?;
        out.push(
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(out)
}

fn read_skills(
    text: &str,
    lang: &str,
    place: &str,
    skills: &mut BTreeMap<String, Skill>,
) -> Result<(), String> {
    for row in rows(text, place)? {
        let get = |key: &str| row.get(key).map(|v| clean(v)).unwrap_or_default();
        if get("conceptType") != "KnowledgeSkillCompetence" || get("status") != "released" {
            continue;
        }
        let uri = get("conceptUri");
        if !uri.starts_with("http://data.europa.eu/esco/skill/") {
            return Err(format!("{place}: `{uri}` is not an ESCO skill IRI"));
        }
        let skill = skills.entry(uri.clone()).or_insert_with(|| Skill {
            uri,
            preferred: BTreeMap::new(),
            alternative: BTreeMap::new(),
            description: BTreeMap::new(),
            skill_type: None,
            reuse_level: None,
            broader: Vec::new(),
        });
        add_texts(
            &row,
            lang,
            (
                &mut skill.preferred,
                &mut skill.alternative,
                &mut skill.description,
            ),
        );
        let kind = match get("skillType").as_str() {
            "skill/competence" => Some("skill"),
            "knowledge" => Some("knowledge"),
            _ => None,
        };
        if let Some(kind) = kind {
            skill.skill_type = Some(format!("http://data.europa.eu/esco/skill-type/{kind}"));
        }
        let reuse = get("reuseLevel");
        if !reuse.is_empty() {
            skill.reuse_level = Some(format!(
                "http://data.europa.eu/esco/skill-reuse-level/{reuse}"
            ));
        }
    }
    Ok(())
}

/// The labels and description in `lang` of a row.
type TextsOf<'a> = (
    &'a mut BTreeMap<String, String>,
    &'a mut BTreeMap<String, Vec<String>>,
    &'a mut BTreeMap<String, String>,
);

/// Adds the row's preferred label, alternative labels (one per line) and description in
/// `lang` to `preferred`, `alternative` and `description`.
fn add_texts(
    row: &BTreeMap<String, String>,
    lang: &str,
    (preferred, alternative, description): TextsOf<'_>,
) {
    let get = |key: &str| row.get(key).map(|v| clean(v)).unwrap_or_default();
    let label = get("preferredLabel");
    if !label.is_empty() {
        preferred.insert(lang.to_string(), label);
    }
    let alternatives: Vec<String> = row
        .get("altLabels")
        .map(|v| v.lines().map(clean).filter(|l| !l.is_empty()).collect())
        .unwrap_or_default();
    if !alternatives.is_empty() {
        alternative.insert(lang.to_string(), alternatives);
    }
    let text = get("description");
    if !text.is_empty() {
        description.insert(lang.to_string(), text);
    }
}

fn read_occupations(
    text: &str,
    lang: &str,
    place: &str,
    occupations: &mut BTreeMap<String, Occupation>,
) -> Result<(), String> {
    for row in rows(text, place)? {
        let get = |key: &str| row.get(key).map(|v| clean(v)).unwrap_or_default();
        if get("conceptType") != "Occupation" || get("status") != "released" {
            continue;
        }
        let uri = get("conceptUri");
        if !uri.starts_with("http://data.europa.eu/esco/occupation/") {
            return Err(format!("{place}: `{uri}` is not an ESCO occupation IRI"));
        }
        let code = Some(get("code")).filter(|c| !c.is_empty());
        let occupation = occupations
            .entry(uri.clone())
            .or_insert_with(|| Occupation {
                uri,
                ..Occupation::default()
            });
        if occupation.code.is_none() {
            occupation.code = code;
        }
        add_texts(
            &row,
            lang,
            (
                &mut occupation.preferred,
                &mut occupation.alternative,
                &mut occupation.description,
            ),
        );
    }
    Ok(())
}

fn read_broader(
    text: &str,
    place: &str,
    broader: &mut BTreeMap<String, Vec<String>>,
) -> Result<(), String> {
    for row in rows(text, place)? {
        let (Some(uri), Some(up)) = (row.get("conceptUri"), row.get("broaderUri")) else {
            continue;
        };
        let list = broader.entry(clean(uri)).or_default();
        let up = clean(up);
        if !list.contains(&up) {
            list.push(up);
            list.sort();
        }
    }
    Ok(())
}
