//! `laurel import`: European Digital Credentials (in every form `laurel validate` reads)
//! into a Laurel project that builds back to the same credentials.
//!
//! Each file is read by [`read`] (the inverse of [`crate::elm`]), taking every property
//! it imports; whatever is left is reported ([`json::Finding`]) and written as a
//! comment where it would go. Awards whose specifications read the same are one
//! micro-credential; their learners go to `learners/<credential>.csv` in the columns
//! `laurel issue --learners` reads (an award a cell cannot hold goes to `awards.laurel`).
//! Nothing here touches the disk: [`import`] returns the project's files.

pub mod json;
mod read;
mod text;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use crate::build::{available_cores, par_map};
use crate::syntax::schema::BlockKind;
use crate::validate::document;
pub use json::Finding;
use read::{sort_by_schema, Importer, Read};
use text::{quoted, Block, Item};

/// One input file: the name it is shown by and its text.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as given (or found in a folder given).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// A project made by an import: its files and what the import says about them.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The project's files: (path relative to the project, contents), in a stable order.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// What was imported and what was not.
    pub report: Report,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files read.
    pub files: usize,
    /// Micro-credentials written.
    pub credentials: usize,
    /// Other credentials written (`credential`: no learning outcomes, so not held to
    /// Annex I).
    pub other_credentials: usize,
    /// Awards written, to learner data.
    pub awards_in_learner_data: usize,
    /// Awards written to `awards.laurel` (values a cell cannot hold).
    pub awards_in_source: usize,
    /// Organisations written.
    pub organisations: usize,
    /// Properties imported.
    pub imported: usize,
    /// What could not be imported: (file, property), in file order.
    pub unexpressed: Vec<(String, Finding)>,
    /// Values of no bundled list imported by their IRI alone: (file, value), in file
    /// order. Each is a warning, here and when the project is checked (L0035).
    pub kept_as_iri: Vec<(String, Finding)>,
}

impl fmt::Display for Report {
    /// One line per value kept as its IRI (a warning) and per property not imported
    /// (those that repeat in every file of a course once, with the number of files), then
    /// the count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_findings(f, "warning", &self.kept_as_iri)?;
        let seen = write_findings(f, "not imported", &self.unexpressed)?;
        let mut properties: Vec<&str> = seen.iter().map(|(u, _)| u.property.as_str()).collect();
        properties.dedup();
        let mut unique: Vec<&str> = Vec::new();
        for p in properties {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
        let count = |n: usize, one: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {one}s"),
        };
        write!(
            f,
            "{}: {}{}, {} ({} in learner data, {} in awards.laurel), {}\n{} imported, {} not expressible",
            count(self.files, "file"),
            count(self.credentials, "micro-credential"),
            match self.other_credentials {
                0 => String::new(),
                n => format!(", {}", count(n, "other credential")),
            },
            count(self.awards_in_learner_data + self.awards_in_source, "award"),
            self.awards_in_learner_data,
            self.awards_in_source,
            count(self.organisations, "organisation"),
            count(self.imported, "property").replace("propertys", "properties"),
            self.unexpressed.len(),
        )?;
        if !unique.is_empty() {
            write!(f, ": {}", unique.join(", "))?;
        }
        match self.kept_as_iri.len() {
            0 => {}
            1 => write!(f, "; 1 value of no bundled list kept as its IRI")?,
            n => write!(f, "; {n} values of no bundled list kept as their IRI")?,
        }
        Ok(())
    }
}

/// Writes one `label: FILE: PATH (property): why` line per finding, a finding that repeats
/// in several files once (with the number of files); returns the findings written.
fn write_findings<'r>(
    f: &mut fmt::Formatter<'_>,
    label: &str,
    findings: &'r [(String, Finding)],
) -> Result<Vec<(&'r Finding, Vec<&'r str>)>, fmt::Error> {
    let mut seen: Vec<(&Finding, Vec<&str>)> = Vec::new();
    for (file, u) in findings {
        match seen.iter_mut().find(|(x, _)| *x == u) {
            Some((_, files)) => files.push(file),
            None => seen.push((u, vec![file])),
        }
    }
    for (u, files) in &seen {
        let place = match files.as_slice() {
            [one] => (*one).to_string(),
            [first, rest @ ..] => format!("{first} and {} more files", rest.len()),
            [] => String::new(),
        };
        writeln!(
            f,
            "{label}: {place}: {} ({}): {}",
            u.path, u.property, u.why
        )?;
    }
    Ok(seen)
}

/// Why nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// No file to import.
    NoInput,
    /// Files that are not credentials Laurel reads: (file, why), every one found.
    Refused(Vec<(String, String)>),
    /// Files that disagree about the same organisation.
    Conflicts(Vec<String>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NoInput => f.write_str("no credential file to import: name files, or folders holding `.json` or `.jsonld` files"),
            ImportError::Refused(files) => {
                let lines: Vec<String> = files.iter().map(|(file, why)| format!("`{file}`: {why}")).collect();
                write!(f, "{} cannot be imported, so nothing was written:\n{}", if files.len() == 1 { "a file" } else { "some files" }, lines.join("\n"))
            }
            ImportError::Conflicts(lines) => write!(f, "the files disagree, so nothing was written:\n{}", lines.join("\n")),
        }
    }
}

impl std::error::Error for ImportError {}

/// How many files are parsed together.
const PARSE_CHUNK: usize = 256;

/// Imports `inputs` into a project named `project` (the name of its `Laurel.toml`).
pub fn import(inputs: &[Input], project: &str) -> Result<Imported, ImportError> {
    if inputs.is_empty() {
        return Err(ImportError::NoInput);
    }
    // Files are parsed a chunk at a time on every core and read in order, so that only a
    // chunk's JSON is held at once.
    let mut refused = Vec::new();
    let mut importer: Option<Importer> = None;
    let mut report = Report {
        files: inputs.len(),
        ..Report::default()
    };
    let mut reads: Vec<(&str, Read)> = Vec::new();
    for chunk in inputs.chunks(PARSE_CHUNK) {
        let parsed = par_map(chunk, available_cores(), |input| {
            document::parse(&input.text).map_err(|e| e.to_string())
        });
        for (input, doc) in chunk.iter().zip(parsed) {
            let name = input.name.as_str();
            let doc = match doc {
                Ok(doc) => doc.credential,
                Err(why) => {
                    refused.push((input.name.clone(), why));
                    continue;
                }
            };
            let importer = importer.get_or_insert_with(|| {
                Importer::new(&read::main_language(&doc).unwrap_or_else(|| "en".to_string()))
            });
            match read::read(importer, name, &doc) {
                Ok((read, walk)) => {
                    report.imported += walk.imported;
                    report
                        .unexpressed
                        .extend(walk.unexpressed.into_iter().map(|u| (name.to_string(), u)));
                    report
                        .kept_as_iri
                        .extend(walk.kept_as_iri.into_iter().map(|u| (name.to_string(), u)));
                    reads.push((name, read));
                }
                Err(why) => refused.push((name.to_string(), why)),
            }
        }
    }
    let mut importer = importer.unwrap_or_else(|| Importer::new("en"));
    if !refused.is_empty() {
        return Err(ImportError::Refused(refused));
    }
    if !importer.conflicts.is_empty() {
        return Err(ImportError::Conflicts(importer.conflicts));
    }
    let files = write_project(&mut importer, project, reads, &mut report);
    Ok(Imported { files, report })
}

/// One micro-credential of the project: its reads' common fields and its awards.
struct Course<'r> {
    name: String,
    spec: &'r Block,
    claim: &'r Block,
    title: &'r crate::check::LangText,
    stacks_into: &'r [usize],
    awards: Vec<&'r read::Award>,
    /// Only a specification was read: written as a template (it lacks what awards say).
    template: bool,
    target: crate::elm::Target,
    fingerprint: &'r str,
}

impl<'r> Course<'r> {
    /// The course of what `read` gave, without awards yet and its name still to give.
    fn of(read: &'r Read, template: bool) -> Course<'r> {
        Course {
            name: String::new(),
            spec: &read.spec,
            claim: &read.claim,
            title: &read.title,
            stacks_into: &read.stacks_into,
            awards: Vec::new(),
            template,
            target: read.target,
            fingerprint: &read.fingerprint,
        }
    }
}

fn write_project(
    importer: &mut Importer,
    project: &str,
    reads: Vec<(&str, Read)>,
    report: &mut Report,
) -> Vec<(PathBuf, Vec<u8>)> {
    let lang = importer.lang.clone();
    let mut courses: Vec<Course<'_>> = Vec::new();
    let mut by_content: HashMap<(&Block, &Block), usize> = HashMap::new();
    for (_, read) in reads.iter().filter(|(_, r)| r.award.is_some()) {
        let at = *by_content
            .entry((&read.spec, &read.claim))
            .or_insert_with(|| {
                courses.push(Course::of(read, false));
                courses.len() - 1
            });
        courses[at].awards.extend(read.award.as_ref());
    }
    for (_, read) in reads.iter().filter(|(_, r)| r.award.is_none()) {
        let same = |c: &&Course<'_>| c.fingerprint == read.fingerprint || c.spec == &read.spec;
        if !courses.iter().any(|c| same(&c)) {
            courses.push(Course::of(read, true));
        }
    }
    for course in &mut courses {
        course.name = importer.name(course.title.first().unwrap_or_default(), "credential");
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let target = courses
        .first()
        .map(|c| c.target)
        .filter(|t| courses.iter().all(|c| c.target == *t));
    files.push((
        "Laurel.toml".into(),
        manifest(project, &lang, target).into_bytes(),
    ));
    // Organisations, each with its logo beside it.
    let mut orgs = Vec::new();
    for org in &importer.organisations {
        let mut body = org.body.clone();
        if let Some((bytes, ext)) = &org.logo {
            let path = format!("logos/{}.{ext}", org.name);
            body.field("logo", quoted(&path));
            files.push((path.into(), bytes.clone()));
        }
        for acc in &org.accreditations {
            body.nested("accreditation", "", acc.clone());
        }
        sort_by_schema(&mut body, BlockKind::Organisation);
        orgs.push(Item {
            keyword: "organisation",
            name: org.name.clone(),
            from: None,
            comments: vec![format!("First read from {}.", org.file)],
            body,
        });
    }
    report.organisations = orgs.len();
    files.push((
        "organisations.laurel".into(),
        text::file("Organisations of the imported credentials.", &orgs).into_bytes(),
    ));
    // Qualifications the credentials stack into.
    if !importer.qualifications.is_empty() {
        let mut items = Vec::new();
        for (q, qual) in importer.qualifications.iter().enumerate() {
            let mut body = Block::default();
            body.texts("title", &qual.title, &lang);
            let including: Vec<&Course<'_>> = courses
                .iter()
                .filter(|c| !c.template && c.stacks_into.contains(&q))
                .collect();
            let awarding = qual.awarding_body.clone().or_else(|| {
                including
                    .iter()
                    .find_map(|c| c.claim.first("awarding-body").map(str::to_string))
            });
            if let Some(org) = awarding {
                body.field("awarding-body", org);
            }
            if let Some(ects) = &qual.ects {
                body.field("workload", format!("{ects} ects"));
            }
            for c in &including {
                body.field("includes", c.name.clone());
            }
            items.push(Item {
                keyword: "qualification",
                name: qual.name.clone(),
                from: None,
                comments: vec!["Named by the credentials' stackability notes: only its title and ECTS are known.".into()],
                body,
            });
        }
        files.push((
            "qualifications.laurel".into(),
            text::file(
                "Qualifications the imported credentials count towards.",
                &items,
            )
            .into_bytes(),
        ));
    }
    // One file per micro-credential, learners beside it; what the credentials of one
    // awarding body write alike in a template they share.
    let mut bodies: Vec<Block> = courses
        .iter()
        .map(|course| {
            let mut body = course.spec.clone();
            body.lines.extend(course.claim.lines.iter().cloned());
            sort_by_schema(&mut body, BlockKind::MicroCredential);
            body
        })
        .collect();
    let (templates, made_from) = shared_templates(importer, &courses, &mut bodies);
    if !templates.is_empty() {
        files.push((
            "templates.laurel".into(),
            text::file(
                "What the imported credentials of one awarding body say alike.",
                &templates,
            )
            .into_bytes(),
        ));
    }
    let mut awards_in_source: Vec<Item> = Vec::new();
    for ((course, body), from) in courses.iter().zip(bodies).zip(made_from) {
        // Annex I asks every micro-credential for its learning outcomes: a credential
        // that states none is another kind (a certificate of participation, of enrolment).
        let micro = ["outcome", "outcomes-summary"]
            .iter()
            .any(|k| course.spec.first(k).is_some());
        let (keyword, comment) = match (course.template, micro) {
            (true, _) => ("template", "Only its specification was imported: a micro-credential made from it (`micro-credential NAME from TEMPLATE`) adds its awarding body and assessments."),
            (false, true) => ("micro-credential", ""),
            (false, false) => ("credential", "It states no learning outcomes, so it is a credential, not a micro-credential: `micro-credential` would hold it to Annex I."),
        };
        let item = Item {
            keyword,
            name: course.name.clone(),
            from,
            comments: if comment.is_empty() {
                vec![]
            } else {
                vec![comment.to_string()]
            },
            body,
        };
        files.push((
            format!("{}.laurel", course.name).into(),
            text::file("Imported by `laurel import`.", &[item]).into_bytes(),
        ));
        match (course.template, micro) {
            (true, _) => {}
            (false, true) => report.credentials += 1,
            (false, false) => report.other_credentials += 1,
        }
        let (rows, source) = learner_rows(course, &lang);
        report.awards_in_learner_data += rows.len();
        report.awards_in_source += source.len();
        if !rows.is_empty() {
            files.push((
                format!("learners/{}.csv", course.name).into(),
                csv(&rows).into_bytes(),
            ));
        }
        awards_in_source.extend(source);
    }
    if !awards_in_source.is_empty() {
        files.push(("awards.laurel".into(), text::file("Awards whose values learner data cannot hold (a language tag, several countries, a grade per assessment, a comment).", &awards_in_source).into_bytes()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The fewest fields credentials share for a template of them to be written.
const MIN_SHARED_FIELDS: usize = 3;

/// Templates of what the credentials of one awarding body say alike: each field whose
/// lines are the same in every one of them (titles apart) moves from their bodies to the
/// template. A field moves whole, so that each credential compiles to the same output
/// (its own fields and the template's merge by field). Returns the templates and, per
/// course, the template it is made from.
fn shared_templates(
    importer: &mut Importer,
    courses: &[Course<'_>],
    bodies: &mut [Block],
) -> (Vec<Item>, Vec<Option<String>>) {
    let mut made_from = vec![None; courses.len()];
    let mut templates = Vec::new();
    let mut families: Vec<(Vec<text::Line>, Vec<usize>)> = Vec::new();
    for (i, _) in courses.iter().enumerate().filter(|(_, c)| !c.template) {
        let bodies_of = bodies[i].field_lines("awarding-body");
        match families.iter_mut().find(|(b, _)| *b == bodies_of) {
            Some((_, members)) => members.push(i),
            None => families.push((bodies_of, vec![i])),
        }
    }
    for (_, members) in families.into_iter().filter(|(_, m)| m.len() > 1) {
        let first = &bodies[members[0]];
        let mut keys: Vec<&'static str> = Vec::new();
        for line in &first.lines {
            if let text::Line::Field { key, .. } = line {
                if *key != "title" && !keys.contains(key) {
                    keys.push(key);
                }
            }
        }
        keys.retain(|k| {
            members
                .iter()
                .all(|&m| bodies[m].field_lines(k) == first.field_lines(k))
        });
        if keys.len() < MIN_SHARED_FIELDS {
            continue;
        }
        let body = Block {
            lines: first
                .lines
                .iter()
                .filter(|l| matches!(l, text::Line::Field { key, .. } if keys.contains(key)))
                .cloned()
                .collect(),
        };
        let org = first.first("awarding-body").unwrap_or_default().to_string();
        let name = importer.name(&format!("common {}", org.replace('-', " ")), "common");
        for &m in &members {
            bodies[m]
                .lines
                .retain(|l| !matches!(l, text::Line::Field { key, .. } if keys.contains(key)));
            made_from[m] = Some(name.clone());
        }
        let names: Vec<&str> = members.iter().map(|&m| courses[m].name.as_str()).collect();
        templates.push(Item {
            keyword: "template",
            name,
            from: None,
            comments: vec![format!("Shared by {}.", names.join(", "))],
            body,
        });
    }
    (templates, made_from)
}

/// `Laurel.toml`.
fn manifest(project: &str, lang: &str, target: Option<crate::elm::Target>) -> String {
    let mut out = format!(
        "[project]\nname = \"{}\"\ndefault-language = \"{lang}\"\noutput = \"out\"\nesco = \"1.1.1\"\n",
        project.replace(['"', '\\'], "-")
    );
    if let Some(t) = target.filter(|t| *t != crate::elm::Target::Edc) {
        out.push_str(&format!("target = \"{}\"\n", t.name()));
    }
    out
}

/// A course's awards as learner-data rows (column, cell) and, for those a row cannot
/// hold, as `award` items.
/// One row of learner data: (column, cell) pairs.
type Row = Vec<(&'static str, String)>;

fn learner_rows(course: &Course<'_>, lang: &str) -> (Vec<Row>, Vec<Item>) {
    let mut rows = Vec::new();
    let mut items = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    for award in &course.awards {
        let seen = keys.entry(award.key.to_ascii_lowercase()).or_insert(0);
        *seen += 1;
        let key = (*seen > 1).then(|| format!("{}-{seen}", award.key));
        let mut extra: Vec<(&'static str, String)> = Vec::new();
        if let Some(d) = &award.date {
            extra.push(("date", d.clone()));
        }
        let grade_cell = match award.grade.0.as_slice() {
            [] => Some(None),
            [(l, g)] if l == lang => Some(Some(g.clone())),
            _ => None,
        };
        if let Some(Some(g)) = &grade_cell {
            extra.push(("grade", g.clone()));
        }
        if let Some((s, e)) = &award.period {
            extra.push(("period-start", s.clone()));
            extra.push(("period-end", e.clone()));
        }
        if let Some(v) = &award.valid_from {
            extra.push(("valid-from", v.clone()));
        }
        if let Some(k) = &key {
            extra.push(("key", k.clone()));
        }
        if let Some(n) = &award.number {
            extra.push(("number", n.clone()));
        }
        if let Some(id) = &award.credential_id {
            extra.push(("credential-id", id.clone()));
        }
        let cells = award
            .cells
            .as_ref()
            .filter(|_| grade_cell.is_some() && award.results.is_empty() && award.notes.is_empty());
        let fits = cells.is_some_and(|c| {
            c.iter()
                .chain(extra.iter())
                .all(|(_, v)| !v.chars().any(crate::issue::is_hidden) && v.trim() == v)
        });
        match (cells, fits) {
            (Some(cells), true) => rows.push(cells.iter().cloned().chain(extra).collect()),
            _ => items.push(award_item(course, award, key, lang)),
        }
    }
    (rows, items)
}

/// An award as an `award` item.
fn award_item(course: &Course<'_>, award: &read::Award, key: Option<String>, lang: &str) -> Item {
    let mut body = Block::default();
    let mut learner = Block::default();
    for (k, v) in &award.learner {
        learner.field(k, v.clone());
    }
    body.nested("learner", "", learner);
    if let Some(d) = &award.date {
        body.field("date", d.clone());
    }
    body.texts("grade", &award.grade, lang);
    for (title, grade) in &award.results {
        let mut r = Block::default();
        r.texts("grade", grade, lang);
        body.nested("result", quoted(title), r);
    }
    if let Some((s, e)) = &award.period {
        body.field(
            "period",
            format!("{s} {} {e}", crate::syntax::schema::words::TO),
        );
    }
    if let Some(v) = &award.valid_from {
        body.field("valid-from", v.clone());
    }
    if let Some(k) = key {
        body.field("key", quoted(&k));
    }
    if let Some(n) = &award.number {
        body.field("number", quoted(n));
    }
    if let Some(id) = &award.credential_id {
        body.field("credential-id", quoted(id));
    }
    body.lines.extend(award.notes.lines.iter().cloned());
    Item {
        keyword: "award",
        name: course.name.clone(),
        from: None,
        comments: Vec::new(),
        body,
    }
}

/// Learner data as CSV: the columns any row fills, in the documented order.
fn csv(rows: &[Row]) -> String {
    let columns: Vec<&str> = crate::issue::column_names()
        .into_iter()
        .filter(|c| rows.iter().any(|r| r.iter().any(|(k, _)| k == c)))
        .collect();
    let cell = |v: &str| {
        if v.contains([',', '"', ';', '\t', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_string()
        }
    };
    let mut out = columns.join(",");
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| {
                row.iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| cell(v))
                    .unwrap_or_default()
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
