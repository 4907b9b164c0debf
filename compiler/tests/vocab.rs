//! `laurel vocab update` against a loopback ESCO API (wiremock) answering with the API's
//! pages (`compiler/eu-services/tests/data/esco-api/`): what it writes, that the same
//! answers give the same bytes, and that a failed download keeps the data there was.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use wiremock::ResponseTemplate;

#[path = "support/eu_services.rs"]
mod eu_services;
use eu_services::Services;

use eu_services::{OCCUPATIONS, PAGE_0, PAGE_1};
/// A cache folder that does not exist: the shared cache of whoever runs the tests is not
/// consulted.
const NO_CACHE: &str = "/nonexistent/laurel-tests-cache";

const BAD_REQUEST: &str =
    include_str!("../eu-services/tests/data/esco-api/real-doc-error-400-bad-type.json");

/// The services `laurel vocab update` asks, and how it is run against them.
struct Api(Services);

impl Api {
    fn start() -> Api {
        Api(Services::empty())
    }

    /// Answers page `offset` of ESCO 1.2.0's member skills with `answer`.
    fn page(&self, offset: &str, answer: ResponseTemplate) {
        self.0.esco_page(offset, answer);
    }

    fn serve_both_pages(&self) {
        self.0.esco_pages();
    }

    fn reset(&self) {
        self.0.reset();
    }

    /// `laurel vocab update --only esco` of `project`.
    fn update(&self, project: &Path, extra: &[&str]) -> Output {
        self.update_all(project, &[&["--only", "esco"], extra].concat())
    }

    /// `laurel vocab update` of `project`, ESCO and the lists.
    fn update_all(&self, project: &Path, extra: &[&str]) -> Output {
        Command::cargo_bin("laurel")
            .unwrap()
            .env("NO_COLOR", "1")
            .env("XDG_CACHE_HOME", NO_CACHE)
            .args(["vocab", "update"])
            .arg(project)
            .args(["--esco-url", &self.0.esco_url()])
            .args(["--elm-url", &self.0.elm_url()])
            .args(extra)
            .output()
            .unwrap()
    }
}

/// The standard output of a run that must have succeeded (else its standard error).
fn succeeded(run: &Output) -> String {
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

fn json(body: &str) -> ResponseTemplate {
    eu_services::json_answer(body, "application/json")
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Laurel.toml"), "[project]\nname = \"p\"\n").unwrap();
    dir
}

/// Every file below `dir`, relative, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_skills_come_in_the_languages_asked_for_and_the_same_answers_give_the_same_bytes() {
    let api = Api::start();
    api.serve_both_pages();
    let project = project();
    let run = api.update(project.path(), &["--languages", "de,fr"]);
    let stdout = succeeded(&run);
    assert!(
        stdout.contains(
            "ESCO 1.2.0: 6 skills and 3 occupations, labelled in 3 language(s) (de 6, en 6, fr 6)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("This service uses the ESCO classification of the European Commission.")
    );
    let dir = project.path().join("vocab/esco/1.2.0");
    let written = files(&dir);
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "broader.tsv",
            "descriptions_de.tsv",
            "descriptions_en.tsv",
            "descriptions_fr.tsv",
            "manifest.json",
            "occupations.tsv",
            "skills_de.tsv",
            "skills_en.tsv",
            "skills_fr.tsv",
        ]
    );
    let text = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let occupations = text("occupations.tsv");
    assert!(
        occupations.starts_with("uri\tcode\tprefLabel_en\tprefLabel_de\tprefLabel_fr\tdefinition_en\tdefinition_de\tdefinition_fr\n"),
        "{occupations}"
    );
    assert!(
        occupations.contains("/258e46f9-0075-4a2e-adae-1ff0477e0f30\t2511.4\tdata scientist\tData Scientist/Data Scientistin\tscientifique des données\t"),
        "{occupations}"
    );
    let german = text("skills_de.tsv");
    assert!(german.starts_with("conceptUri\tpreferredLabel\taltLabels\tskillType\treuseLevel\n"));
    assert!(
        german.contains("http://data.europa.eu/esco/skill/52894650-9077-40f0-96d6-6f07d1a6cafa\tDeutsch schreiben\t"),
        "{german}"
    );
    let english = text("skills_en.tsv");
    assert!(english.contains("\tkiln types\t"), "{english}");
    assert!(english.contains("\tknowledge\tcross-sector\n"), "{english}");
    assert_eq!(english.lines().count(), 7);
    // the manifest's counts and checksums are the files'
    let manifest: serde_json::Value = serde_json::from_str(&text("manifest.json")).unwrap();
    assert_eq!(manifest["esco"], "1.2.0");
    assert_eq!(manifest["skills"], 6);
    assert_eq!(manifest["occupations"], 3);
    assert_eq!(manifest["languages"], serde_json::json!(["de", "en", "fr"]));
    for file in manifest["files"].as_array().unwrap() {
        let name = file["name"].as_str().unwrap();
        let body = text(name);
        assert_eq!(file["rows"], body.lines().count() - 1, "{name}");
        use sha2::Digest;
        let digest = sha2::Sha256::digest(body.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(file["sha256"], hex, "{name}");
    }
    // again: the same bytes, and nothing left beside the folder
    assert!(api
        .update(project.path(), &["--languages", "de,fr"])
        .status
        .success());
    assert_eq!(files(&dir), written);
    let beside: Vec<String> = std::fs::read_dir(project.path().join("vocab/esco"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["1.2.0"]);
    // every language when none is named
    assert!(api.update(project.path(), &[]).status.success());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2 * 28 + 3);
}

#[test]
fn a_failed_download_keeps_the_data_there_was() {
    let api = Api::start();
    api.serve_both_pages();
    let project = project();
    assert!(api
        .update(project.path(), &["--languages", "de"])
        .status
        .success());
    let dir = project.path().join("vocab/esco/1.2.0");
    let before = files(&dir);
    // an answer cut short, and the service refusing the request (its 400 and message)
    for answer in [
        json(&PAGE_1[..PAGE_1.len() / 2]),
        ResponseTemplate::new(400).set_body_raw(BAD_REQUEST, "application/json"),
    ] {
        api.reset();
        api.page("0", json(PAGE_0));
        api.page("1", answer);
        let run = api.update(project.path(), &["--languages", "de"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("the download of ESCO 1.2.0 failed"),
            "{stderr}"
        );
        assert!(
            stderr.contains("vocab/esco/1.2.0 is kept as it was"),
            "{stderr}"
        );
        assert_eq!(files(&dir), before);
    }
    let expected: serde_json::Value = serde_json::from_str(BAD_REQUEST).unwrap();
    let run = api.update(project.path(), &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("answered 400"), "{stderr}");
    assert!(
        stderr.contains(expected["message"].as_str().unwrap()),
        "{stderr}"
    );
}

#[test]
fn what_an_interrupted_run_left_is_cleared_or_put_back() {
    let api = Api::start();
    api.serve_both_pages();
    let project = project();
    assert!(api
        .update(project.path(), &["--languages", "de"])
        .status
        .success());
    let esco = project.path().join("vocab/esco");
    let before = files(&esco.join("1.2.0"));
    // killed while writing: a half-written folder beside the data
    std::fs::create_dir_all(esco.join(".download-a1b2c3/")).unwrap();
    std::fs::write(esco.join(".download-a1b2c3/skills_en.tsv"), "conceptUri\n").unwrap();
    // killed between the two renames: the old data set aside, no new data in place
    std::fs::rename(esco.join("1.2.0"), esco.join(".download-old-1.2.0")).unwrap();
    api.reset();
    api.page(
        "0",
        ResponseTemplate::new(400).set_body_raw(BAD_REQUEST, "application/json"),
    );
    // the next run, even one whose download fails, first puts things as they were
    let run = api.update(project.path(), &["--languages", "de"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("vocab/esco/1.2.0 is kept as it was"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let beside: Vec<String> = std::fs::read_dir(&esco)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["1.2.0"]);
    assert_eq!(files(&esco.join("1.2.0")), before);
}

#[test]
fn a_folder_that_is_not_a_project_is_refused() {
    let api = Api::start();
    let dir = tempfile::tempdir().unwrap();
    let run = api.update(dir.path(), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not a Laurel project"));
}

const ITEMS: &str =
    include_str!("../eu-services/tests/data/esco-api/real-resource-skill-items-v1.2.0-subset.json");

/// The ESCO portal's CSV package of `lang` for the six real skills (`skills_<lang>.csv`,
/// and `broaderRelationsSkillPillar_<lang>.csv`) and the three occupations of the API's
/// pages (`occupations_<lang>.csv`), as a zip.
fn package(lang: &str) -> Vec<u8> {
    use std::io::Write;
    let items: Vec<serde_json::Value> = serde_json::from_str(ITEMS).unwrap();
    let tail = |item: &serde_json::Value, key: &str| -> String {
        item["_links"][key][0]["uri"]
            .as_str()
            .map(|u| u.rsplit('/').next().unwrap().to_string())
            .unwrap_or_default()
    };
    let mut skills = csv::Writer::from_writer(Vec::new());
    skills
        .write_record([
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "scopeNote",
            "definition",
            "inScheme",
            "description",
        ])
        .unwrap();
    let mut broader = csv::Writer::from_writer(Vec::new());
    broader
        .write_record(["conceptType", "conceptUri", "broaderType", "broaderUri"])
        .unwrap();
    for item in &items {
        let uri = item["uri"].as_str().unwrap();
        let alternative: Vec<&str> = item["alternativeLabel"][lang]
            .as_array()
            .map(|a| a.iter().filter_map(|l| l.as_str()).collect())
            .unwrap_or_default();
        let kind = match tail(item, "hasSkillType").as_str() {
            "skill" => "skill/competence".to_string(),
            other => other.to_string(),
        };
        skills
            .write_record([
                "KnowledgeSkillCompetence",
                uri,
                &kind,
                &tail(item, "hasReuseLevel"),
                item["preferredLabel"][lang].as_str().unwrap_or(""),
                &alternative.join("\n"),
                "",
                "released",
                "2023-11-14T10:00:00Z",
                "",
                "",
                "http://data.europa.eu/esco/concept-scheme/member-skills",
                item["description"][lang]["literal"].as_str().unwrap_or(""),
            ])
            .unwrap();
        for key in ["broaderSkill", "broaderHierarchyConcept"] {
            for up in item["_links"][key].as_array().into_iter().flatten() {
                broader
                    .write_record([
                        "KnowledgeSkillCompetence",
                        uri,
                        "SkillGroup",
                        up["uri"].as_str().unwrap(),
                    ])
                    .unwrap();
            }
        }
    }
    let mut occupations = csv::Writer::from_writer(Vec::new());
    occupations
        .write_record([
            "conceptType",
            "conceptUri",
            "iscoGroup",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "regulatedProfessionNote",
            "scopeNote",
            "definition",
            "inScheme",
            "description",
            "code",
        ])
        .unwrap();
    let page: serde_json::Value = serde_json::from_str(OCCUPATIONS).unwrap();
    for (uri, item) in page["_embedded"].as_object().unwrap() {
        let alternative: Vec<&str> = item["alternativeLabel"][lang]
            .as_array()
            .map(|a| a.iter().filter_map(|l| l.as_str()).collect())
            .unwrap_or_default();
        let code = item["code"].as_str().unwrap();
        occupations
            .write_record([
                "Occupation",
                uri,
                code.split('.').next().unwrap(),
                item["preferredLabel"][lang].as_str().unwrap_or(""),
                &alternative.join("\n"),
                "",
                "released",
                "2023-11-14T10:00:00Z",
                "",
                "",
                "",
                "http://data.europa.eu/esco/concept-scheme/member-occupations",
                item["description"][lang]["literal"].as_str().unwrap_or(""),
                code,
            ])
            .unwrap();
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file(format!("occupations_{lang}.csv"), options)
        .unwrap();
    zip.write_all(&occupations.into_inner().unwrap()).unwrap();
    zip.start_file(format!("skills_{lang}.csv"), options)
        .unwrap();
    zip.write_all(&skills.into_inner().unwrap()).unwrap();
    zip.start_file(format!("broaderRelationsSkillPillar_{lang}.csv"), options)
        .unwrap();
    zip.write_all(&broader.into_inner().unwrap()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn import(project: &Path, packages: &[&Path], extra: &[&str]) -> Output {
    Command::cargo_bin("laurel")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", NO_CACHE)
        .args(["vocab", "import"])
        .args(packages)
        .arg("--project")
        .arg(project)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_portals_csv_packages_give_what_the_api_gives() {
    let from_api = project();
    let api = Api::start();
    api.serve_both_pages();
    assert!(api
        .update(from_api.path(), &["--languages", "de"])
        .status
        .success());
    let from_csv = project();
    let en = from_csv
        .path()
        .join("ESCO dataset - v1.2.0 - classification - en - csv.zip");
    let de = from_csv
        .path()
        .join("ESCO dataset - v1.2.0 - classification - de - csv.zip");
    std::fs::write(&en, package("en")).unwrap();
    std::fs::write(&de, package("de")).unwrap();
    let run = import(from_csv.path(), &[&en, &de], &[]);
    let stdout = succeeded(&run);
    assert!(
        stdout.contains(
            "ESCO 1.2.0: 6 skills and 3 occupations, labelled in 2 language(s) (de 6, en 6)"
        ),
        "{stdout}"
    );
    // every file the same but the manifest's source
    let tsv = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files(&dir.join("vocab/esco/1.2.0"))
            .into_iter()
            .filter(|(name, _)| name.ends_with(".tsv"))
            .collect()
    };
    assert_eq!(tsv(from_csv.path()), tsv(from_api.path()));
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(from_csv.path().join("vocab/esco/1.2.0/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        manifest["source"],
        "ESCO portal CSV packages: ESCO dataset - v1.2.0 - classification - en - csv.zip, ESCO dataset - v1.2.0 - classification - de - csv.zip"
    );
}

#[test]
fn what_is_not_a_portal_package_is_refused_and_nothing_is_written() {
    let project = project();
    let de = project.path().join("de.zip");
    std::fs::write(&de, package("de")).unwrap();
    let not_zip = project.path().join("skills.zip");
    std::fs::write(&not_zip, "conceptUri\n").unwrap();
    let other = project.path().join("other.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&other).unwrap());
        zip.start_file(
            "occupations_en.csv",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.finish().unwrap();
    }
    for (packages, says) in [
        (vec![de.as_path()], "the English package is needed"),
        (vec![not_zip.as_path()], "is not a zip file"),
        (
            vec![other.as_path()],
            "is not one of the ESCO portal's CSV packages",
        ),
    ] {
        let run = import(project.path(), &packages, &["--esco", "1.2.0"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(says), "{says}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
    }
    // a version the names do not give must be said
    let run = import(project.path(), &[de.as_path()], &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--esco"));
    assert!(!project.path().join("vocab").exists());
}

#[test]
fn status_says_what_is_bundled_and_checks_what_the_project_holds() {
    let project = project();
    let status = |project: &Path| {
        Command::cargo_bin("laurel")
            .unwrap()
            .env("NO_COLOR", "1")
            .env("XDG_CACHE_HOME", NO_CACHE)
            .args(["vocab", "status"])
            .arg(project)
            .output()
            .unwrap()
    };
    let run = status(project.path());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    assert!(stdout.contains("bundled: ESCO 1.1.1 (en, fr)"), "{stdout}");
    assert!(stdout.contains("vocab/esco: none"), "{stdout}");
    let api = Api::start();
    api.serve_both_pages();
    assert!(api
        .update(project.path(), &["--languages", "de"])
        .status
        .success());
    let run = status(project.path());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "vocab/esco/1.2.0: 6 skills and 3 occupations in 2 language(s) (de, en), from {}",
            api.0.esco_url()
        )),
        "{stdout}"
    );
    // a file edited by hand, a file removed, a file added: each said, exit 1
    let dir = project.path().join("vocab/esco/1.2.0");
    std::fs::write(dir.join("skills_de.tsv"), "conceptUri\n").unwrap();
    std::fs::remove_file(dir.join("broader.tsv")).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let run = status(project.path());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    for said in [
        "skills_de.tsv was changed after it was written",
        "broader.tsv is missing",
        "notes.txt is not in the manifest",
    ] {
        assert!(stdout.contains(said), "{said}: {stdout}");
    }
}

fn laurel(args: &[&str], dir: &Path) -> Output {
    laurel_with_cache(args, dir, Path::new(NO_CACHE))
}

/// `laurel ARGS` in `dir` with `cache` as `XDG_CACHE_HOME`.
fn laurel_with_cache(args: &[&str], dir: &Path, cache: &Path) -> Output {
    Command::cargo_bin("laurel")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_project_pinned_to_downloaded_skills_checks_and_builds_with_their_labels() {
    let api = Api::start();
    api.serve_both_pages();
    let parent = tempfile::tempdir().unwrap();
    succeeded(&laurel(&["new", "p", "--lang", "de"], parent.path()));
    let project = parent.path().join("p");
    let stdout = succeeded(&api.update(&project, &["--languages", "de"]));
    assert!(
        stdout.contains("Laurel.toml: esco = \"1.2.0\", esco-languages = [\"de\", \"en\"]"),
        "{stdout}"
    );
    // the pin replaces the values and keeps the file's comments
    let manifest = std::fs::read_to_string(project.join("Laurel.toml")).unwrap();
    assert!(
        manifest.contains("esco = \"1.2.0\"                  # the ESCO version"),
        "{manifest}"
    );
    assert!(
        manifest.contains("esco-languages = [\"de\", \"en\"]"),
        "{manifest}"
    );
    assert!(
        manifest.contains("# where `laurel build` writes"),
        "{manifest}"
    );
    // the bundled skill of `laurel new` is not among the six downloaded ones
    let check = laurel(&["check", "."], &project);
    let stdout = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("no ESCO 1.2.0 skill has this label in English and German"),
        "{stdout}"
    );
    // the German labels of the pinned data are skills
    let credentials = project.join("credentials.laurel");
    let text = std::fs::read_to_string(&credentials)
        .unwrap()
        .replace(
            "skill esco \"manage findable accessible interoperable and reusable data\"",
            "skill esco \"Deutsch schreiben\"\n    skill esco \"Typen von Brennöfen\"",
        )
        // an occupation of the pinned ESCO, by its German label
        .replace(
            "  stand-alone\n",
            "  stand-alone\n  entitlement \"Zugang\" {\n    type occupation\n    status prospective\n    occupation data-scientist-data-scientistin\n  }\n",
        );
    std::fs::write(&credentials, text).unwrap();
    succeeded(&laurel(&["check", "."], &project));
    succeeded(&laurel(&["build", ".", "--no-validate"], &project));
    let spec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.join("out/first-course/specification.jsonld")).unwrap(),
    )
    .unwrap();
    let mut labels = Vec::new();
    collect_skill_labels(&spec, &mut labels);
    labels.sort();
    assert_eq!(
        labels,
        [
            ("Deutsch schreiben".to_string(), "write German".to_string()),
            ("Typen von Brennöfen".to_string(), "kiln types".to_string()),
        ]
    );
    let spec_text =
        std::fs::read_to_string(project.join("out/first-course/specification.jsonld")).unwrap();
    assert!(
        spec_text.contains("\"de\": \"Data Scientist/Data Scientistin\""),
        "the pinned ESCO's occupation with its German label: {spec_text}"
    );
    // the pinned folder gone: an error at the pin that names the command bringing it back
    std::fs::remove_dir_all(project.join("vocab")).unwrap();
    let check = laurel(&["check", "."], &project);
    let stdout = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("ESCO 1.2.0 is pinned but neither the project nor the shared cache has vocab/esco/1.2.0/"),
        "{stdout}"
    );
    assert!(
        stdout.contains("run `laurel vocab update --esco 1.2.0 --languages de` in the project"),
        "{stdout}"
    );
    assert!(stdout.contains("Laurel.toml:5:"), "{stdout}");
    let status = laurel(&["vocab", "status", "."], &project);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert_eq!(status.status.code(), Some(1), "{stdout}");
    assert!(
        stdout
            .contains("Laurel.toml: ESCO 1.2.0 is pinned but neither the project nor the shared cache has vocab/esco/1.2.0/"),
        "{stdout}"
    );
}

#[test]
fn suggestions_in_a_project_pinned_to_german_labels_are_german() {
    let api = Api::start();
    api.serve_both_pages();
    let parent = tempfile::tempdir().unwrap();
    succeeded(&laurel(&["new", "p", "--lang", "de"], parent.path()));
    let project = parent.path().join("p");
    succeeded(&api.update(&project, &["--languages", "de"]));
    let credentials = project.join("credentials.laurel");
    let text = std::fs::read_to_string(&credentials).unwrap().replace(
        "  outcome \"Einen Datenmanagementplan schreiben, der den Anforderungen der Förderer entspricht\" {\n    skill esco \"manage findable accessible interoperable and reusable data\"\n  }",
        "  outcome \"Geschäftsbriefe auf Deutsch schreiben\"",
    );
    std::fs::write(&credentials, text).unwrap();
    let found: serde_json::Value = serde_json::from_str(&succeeded(&laurel(
        &["suggest", "--format", "json", "."],
        &project,
    )))
    .unwrap();
    let outcome = &found[0];
    assert_eq!(outcome["language"], "de", "{found}");
    let best = &outcome["skills"][0];
    assert_eq!(
        (&best["label"], &best["language"], &best["line"]),
        (
            &serde_json::json!("Deutsch schreiben"),
            &serde_json::json!("de"),
            &serde_json::json!("skill esco \"Deutsch schreiben\"")
        ),
        "{found}"
    );
    assert_eq!(
        best["matched"],
        serde_json::json!(["Deutsch", "schreiben"]),
        "{found}"
    );
    succeeded(&laurel(&["suggest", "--apply", "1", "."], &project));
    let text = std::fs::read_to_string(&credentials).unwrap();
    assert!(
        text.contains("  outcome \"Geschäftsbriefe auf Deutsch schreiben\" {\n    skill esco \"Deutsch schreiben\"\n  }"),
        "{text}"
    );
    succeeded(&laurel(&["check", "."], &project));
}

#[test]
fn the_shared_cache_holds_the_data_for_every_project_of_the_machine() {
    let api = Api::start();
    api.serve_both_pages();
    let cache = tempfile::tempdir().unwrap();
    let parent = tempfile::tempdir().unwrap();
    succeeded(&laurel(&["new", "p", "--lang", "de"], parent.path()));
    let project = parent.path().join("p");
    let run = Command::cargo_bin("laurel")
        .unwrap()
        .env("XDG_CACHE_HOME", cache.path())
        .args([
            "vocab",
            "update",
            "--cache",
            "--only",
            "esco",
            "--languages",
            "de",
            "--esco-url",
        ])
        .arg(api.0.esco_url())
        .arg(&project)
        .output()
        .unwrap();
    let stdout = succeeded(&run);
    let folder = cache.path().join("laurel/vocab/esco/1.2.0");
    assert!(
        stdout.contains(&format!("written to {}", folder.display())),
        "{stdout}"
    );
    assert!(folder.join("skills_de.tsv").is_file());
    assert!(!project.join("vocab").exists());
    let manifest = std::fs::read_to_string(project.join("Laurel.toml")).unwrap();
    assert!(manifest.contains("esco = \"1.2.0\""), "{manifest}");
    // the project checks against the cache's skills
    let credentials = project.join("credentials.laurel");
    let text = std::fs::read_to_string(&credentials).unwrap().replace(
        "skill esco \"manage findable accessible interoperable and reusable data\"",
        "skill esco \"Deutsch schreiben\"",
    );
    std::fs::write(&credentials, text).unwrap();
    succeeded(&laurel_with_cache(&["check", "."], &project, cache.path()));
    let status = laurel_with_cache(&["vocab", "status", "."], &project, cache.path());
    let stdout = succeeded(&status);
    assert!(
        stdout.contains(&format!(
            "used: the pinned ESCO 1.2.0 (en, de) in {}",
            folder.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{} (shared cache): 6 skills", folder.display())),
        "{stdout}"
    );
    // a project folder of the version wins over the cache
    assert!(api
        .update(&project, &["--languages", "de"])
        .status
        .success());
    let status = laurel_with_cache(&["vocab", "status", "."], &project, cache.path());
    let stdout = succeeded(&status);
    assert!(
        stdout.contains("used: the pinned ESCO 1.2.0 (en, de) in ./vocab/esco/1.2.0"),
        "{stdout}"
    );
    // without the cache, the same project without its folder is told where to get it
    std::fs::remove_dir_all(project.join("vocab")).unwrap();
    let check = laurel(&["check", "."], &project);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("`--cache` to keep it in the shared cache")
    );
}

/// The German and English `prefLabel` of every ESCO skill in an ELM graph.
fn collect_skill_labels(node: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match node {
        serde_json::Value::Object(map) => {
            let is_skill = map
                .get("id")
                .and_then(|id| id.as_str())
                .is_some_and(|id| id.starts_with("http://data.europa.eu/esco/skill/"));
            if is_skill {
                let label = |lang: &str| map["prefLabel"][lang].as_str().unwrap_or("").to_string();
                out.push((label("de"), label("en")));
            }
            map.values().for_each(|v| collect_skill_labels(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_skill_labels(v, out)),
        _ => {}
    }
}

#[test]
fn a_project_pinned_to_downloaded_lists_checks_and_builds_with_their_labels() {
    let api = Api(Services::start());
    let parent = tempfile::tempdir().unwrap();
    succeeded(&laurel(&["new", "p", "--lang", "pl"], parent.path()));
    let project = parent.path().join("p");
    let run = api.update_all(
        &project,
        &[
            "--only",
            "elm",
            "--languages",
            "pl",
            "--vocabularies",
            "2026-06",
        ],
    );
    let stdout = succeeded(&run);
    assert!(
        stdout.contains(&format!(
            "learning-setting: 2 concepts, version {} (0 new, 0 gone against the bundled list)",
            eu_services::LIST_VERSION
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("Laurel.toml: vocabularies = \"2026-06\""),
        "{stdout}"
    );
    assert!(!project.join("vocab/esco").exists(), "--only elm");
    let dir = project.join("vocab/elm/2026-06");
    let setting = std::fs::read_to_string(dir.join("learning-setting.tsv")).unwrap();
    assert!(
        setting.starts_with(
            "uri\tidentifier\tprefLabel_en\tprefLabel_pl\tdefinition_en\tdefinition_pl\n"
        ),
        "only English and the language asked for: {setting}"
    );
    assert!(
        setting.contains("\tuczenie się pozaformalne\t"),
        "{setting}"
    );
    let manifest = std::fs::read_to_string(project.join("Laurel.toml")).unwrap();
    assert!(
        manifest.contains("vocabularies = \"2026-06\""),
        "{manifest}"
    );
    // the same answers give the same bytes
    let before = files(&dir);
    succeeded(&api.update_all(
        &project,
        &[
            "--only",
            "elm",
            "--languages",
            "pl",
            "--vocabularies",
            "2026-06",
        ],
    ));
    assert_eq!(files(&dir), before);

    // a Polish word of the downloaded list is a word of the language, and its label
    // reaches the credential
    let credentials = project.join("credentials.laurel");
    let text = std::fs::read_to_string(&credentials).unwrap();
    assert!(text.contains("setting non-formal-learning"), "{text}");
    std::fs::write(
        &credentials,
        text.replace(
            "setting non-formal-learning",
            "setting uczenie-sie-formalne",
        ),
    )
    .unwrap();
    succeeded(&laurel(&["check", "."], &project));
    succeeded(&laurel(&["build", ".", "--no-validate"], &project));
    let spec =
        std::fs::read_to_string(project.join("out/first-course/specification.jsonld")).unwrap();
    assert!(spec.contains("\"pl\": \"uczenie się formalne\""), "{spec}");
    // the editor's hover and completion show the label in the document's language
    let analysis = laurel::ide::Analysis::new(laurel::project::Project::load(&project).unwrap());
    let (file, source) = analysis
        .project
        .sources
        .iter()
        .find(|(_, f)| f.path.ends_with("credentials.laurel"))
        .unwrap();
    let at = source.text.find("uczenie-sie-formalne").unwrap();
    let hover = laurel::ide::hover::hover(&analysis, file, at + 2).unwrap();
    assert!(
        hover.markdown.contains("pl: uczenie się formalne"),
        "{}",
        hover.markdown
    );
    let after_setting = source.text.find("setting ").unwrap() + "setting ".len();
    let completion = laurel::ide::completion::complete_list(&analysis, file, after_setting);
    let formal = completion
        .items
        .iter()
        .find(|i| i.label == "formal-learning")
        .unwrap();
    assert!(
        formal
            .documentation
            .as_deref()
            .unwrap()
            .contains("pl: uczenie się formalne"),
        "{formal:?}"
    );
    // without the pin, the word is not one of the bundled list
    let pinned = std::fs::read_to_string(project.join("Laurel.toml")).unwrap();
    std::fs::write(
        project.join("Laurel.toml"),
        pinned.replace("vocabularies = \"2026-06\"", ""),
    )
    .unwrap();
    let check = laurel(&["check", "."], &project);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stderr)
            .contains("`uczenie-sie-formalne` is not a learning setting"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::write(project.join("Laurel.toml"), &pinned).unwrap();

    let status = succeeded(&laurel(&["vocab", "status", "."], &project));
    assert!(
        status.contains("lists: the pinned EU vocabularies 2026-06 in ./vocab/elm/2026-06"),
        "{status}"
    );
    assert!(status.contains("./vocab/elm/2026-06: 20 lists"), "{status}");

    // a failed download keeps the lists there were
    api.reset();
    api.0.mount(
        wiremock::Mock::given(wiremock::matchers::path("/sparql"))
            .respond_with(ResponseTemplate::new(500)),
    );
    let run = api.update_all(
        &project,
        &[
            "--only",
            "elm",
            "--vocabularies",
            "2026-06",
            "--timeout",
            "5",
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the download of the learning activity type list failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("the data in {} is kept as it was", dir.display())),
        "{stderr}"
    );
    assert_eq!(files(&dir), before);

    // the pinned folder gone: an error at the pin that says how to bring it back
    std::fs::remove_dir_all(project.join("vocab")).unwrap();
    let check = laurel(&["check", "."], &project);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the EU vocabularies 2026-06 are pinned but neither the project nor the shared cache has vocab/elm/2026-06/"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`laurel vocab update --only elm --vocabularies 2026-06`"),
        "{stderr}"
    );
}

#[test]
fn without_only_both_esco_and_the_lists_are_brought() {
    let api = Api(Services::start());
    let project = project();
    let stdout = succeeded(&api.update_all(project.path(), &["--vocabularies", "2026-06"]));
    assert!(stdout.contains("ESCO 1.2.0: 6 skills"), "{stdout}");
    assert!(
        stdout.contains("EU vocabularies 2026-06: 20 lists"),
        "{stdout}"
    );
    let manifest = std::fs::read_to_string(project.path().join("Laurel.toml")).unwrap();
    assert!(
        manifest.contains("esco = \"1.2.0\"") && manifest.contains("vocabularies = \"2026-06\""),
        "{manifest}"
    );
}

#[test]
fn a_skill_the_pinned_esco_dropped_has_a_quick_fix_to_the_skill_of_its_label() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diagnostics/L0036-skill-not-in-pinned-esco");
    let analysis = laurel::ide::Analysis::new(laurel::project::Project::load(&fixture).unwrap());
    let (file, source) = analysis
        .project
        .sources
        .iter()
        .find(|(_, f)| f.path.ends_with("credentials.laurel"))
        .unwrap();
    let old = "<http://data.europa.eu/esco/skill/08b04e53-ed25-41a2-9f90-0b9cd939ba3d>";
    let at = source.text.find(old).unwrap();
    let actions = laurel::ide::actions::code_actions(&analysis, file, at..at + 1);
    let fix = actions
        .iter()
        .find(|a| a.diagnostic == Some("L0036"))
        .expect("a quick fix for L0036");
    assert_eq!(
        fix.title,
        format!("Replace `{old}` with `<http://data.europa.eu/esco/skill/9a6f1c2e-3b4d-4e5f-8a7b-1c2d3e4f5a6b>`")
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.diagnostic == Some("L0036"))
            .count(),
        1
    );
}
