//! Protocol benchmark: drives the `laurel-lsp` binary over stdio as an editor would.
//!
//! ```sh
//! cargo build --release -p laurel-lsp --examples
//! target/release/examples/bench            # uses target/release/laurel-lsp
//! target/release/examples/bench PATH/TO/laurel-lsp [EDITS]
//! ```
//!
//! Measures, against the targets of the language-server issue:
//! - start-up: process start + `initialize` until its response (target ≤ 300 ms);
//! - diagnostics after an edit in a 1,000-line file: `didChange` until the
//!   `publishDiagnostics` of that version (target ≤ 20 ms);
//! - resident memory with every vocabulary loaded (ELM lists, ESCO labels, descriptions
//!   and the suggestion index) after the edits (target ≤ 150 MB).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use laurel_lsp::testing::uri;
use serde_json::json;

#[path = "../benches/support/mod.rs"]
mod support;

const ORGS: &str = "organisation academy {\n  legal-name \"Example Academy of Applied Data Science\"\n  legal-id \"DE123456789\"\n  eidas-id \"VATDE-123456789\"\n  country DEU\n  accreditation {\n    type institutional-quality-assurance\n    title \"Institutional accreditation of Example Academy\"\n    by qa-agency\n  }\n}\n\norganisation qa-agency {\n  legal-name \"Example Quality Assurance Agency\"\n  legal-id \"DE987654321\"\n  country DEU\n}\n";

const SKILLS: &[&str] = &[
    "manage research data",
    "perform data analysis",
    "apply statistical analysis techniques",
    "Python (computer programming)",
    "machine learning",
    "manage findable accessible interoperable and reusable data",
];

/// A file of `n` micro-credentials of 40 lines each (25 make 1,000 lines).
fn credentials(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let skill = SKILLS[i % SKILLS.len()];
        let other = SKILLS[(i + 1) % SKILLS.len()];
        out.push_str(&format!(
            "/// Generated credential {i}.\nmicro-credential course-{i} {{\n  title \"Course {i}: Research Data\"\n  title \"Kurs {i}: Forschungsdaten\"@de\n  description \"A generated micro-credential for the benchmark.\"\n  awarding-body academy\n  type short-learning-programme\n  language en\n  field 0613\n  workload 3 ects\n  workload 80 hours\n  eqf 5\n  mode online\n  setting non-formal-learning\n  quality-assurance academy\n  prerequisites \"Bachelor degree or equivalent professional experience.\"\n  stackable-into stand-alone\n  further-information \"https://academy.example/course-{i}\"\n\n  outcome \"Outcome A of course {i}\" {{\n    skill esco \"{skill}\"\n    type skill\n    reuse transversal\n  }}\n  outcome \"Outcome B of course {i}\" {{\n    skill esco \"{other}\"\n  }}\n\n  activity \"Online course {i}\" {{\n    type e-learning-coursework\n    mode online\n    workload 80 hours\n  }}\n\n  assessment \"Final examination {i}\" {{\n    type written-examination\n    mode online\n    supervision supervised-with-id-verification\n  }}\n}}\n\n"
        ));
    }
    out
}

fn server_path() -> PathBuf {
    if let Some(p) = std::env::args().nth(1) {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap_or_default();
    // target/<profile>/examples/bench -> target/<profile>/laurel-lsp
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("laurel-lsp"))
        .unwrap_or_else(|| PathBuf::from("laurel-lsp"))
}

fn rss_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn stats(name: &str, mut samples: Vec<Duration>, target: Duration) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = samples.len();
    let median = samples[n / 2];
    let p95 = samples[(n * 95 / 100).min(n - 1)];
    println!(
        "{name}: n={n} min {:.2} ms, median {:.2} ms, p95 {:.2} ms, max {:.2} ms (target ≤ {:.0} ms: {})",
        ms(samples[0]),
        ms(median),
        ms(p95),
        ms(samples[n - 1]),
        ms(target),
        if p95 <= target { "met at p95" } else { "NOT met at p95" }
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let server = server_path();
    let edits: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::write(
        root.join("Laurel.toml"),
        "[project]\nname = \"bench\"\ndefault-language = \"en\"\n",
    )
    .expect("write");
    std::fs::write(root.join("organisations.laurel"), ORGS).expect("write");
    let text = credentials(25);
    let file = root.join("courses.laurel");
    std::fs::write(&file, &text).expect("write");
    println!(
        "server: {}\nfile: {} lines, {} bytes",
        server.display(),
        text.lines().count(),
        text.len()
    );

    // 1. Start-up: process start to the initialize response, fresh process each time.
    let mut startup = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let (mut child, mut client) = support::spawn(&server);
        client.initialize(Some(&root)).await.expect("initialize");
        startup.push(started.elapsed());
        client.shutdown().await;
        let _ = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
    }
    stats(
        "initialize (process start to response)",
        startup,
        Duration::from_millis(300),
    );

    // 2. Diagnostics after edits of the 1,000-line file.
    let (mut child, mut client) = support::spawn(&server);
    let pid = child.id().unwrap_or(0);
    client.initialize(Some(&root)).await.expect("initialize");
    let u = uri(&file);
    let opened = Instant::now();
    client.open(&u, &text, 1).await;
    let first = client
        .diagnostics(&u, Some(1))
        .await
        .expect("first diagnostics");
    println!(
        "first diagnostics after didOpen: {:.1} ms ({} diagnostics)",
        opened.elapsed().as_secs_f64() * 1000.0,
        first["diagnostics"].as_array().map_or(0, Vec::len)
    );
    let line = text.find("  mode online\n").expect("a mode line") + "  mode onlin".len();
    let mut samples = Vec::new();
    for i in 0..edits {
        // Alternate a vocabulary error in and out (a keystroke in the middle of a line).
        let edited = if i % 2 == 0 {
            format!("{}{}", &text[..line], &text[line + 1..])
        } else {
            text.clone()
        };
        let version = i as i64 + 2;
        let sent = Instant::now();
        client.change(&u, &edited, version).await;
        let d = client
            .diagnostics(&u, Some(version))
            .await
            .expect("diagnostics");
        samples.push(sent.elapsed());
        let n = d["diagnostics"].as_array().map_or(0, Vec::len);
        assert_eq!(n, if i % 2 == 0 { 1 } else { 0 }, "{d}");
        client.take_backlog();
    }
    stats(
        "diagnostics after an edit (1,000 lines)",
        samples,
        Duration::from_millis(20),
    );

    // A burst of keystrokes without waiting: only the last version must be answered.
    let burst = Instant::now();
    let mut typed = text.clone();
    for (k, c) in "  // typing a comment quickly".chars().enumerate() {
        typed.insert(line + 1 + k, c);
        client.change(&u, &typed, 1000 + k as i64).await;
    }
    let last = 1000 + "  // typing a comment quickly".chars().count() as i64 - 1;
    client
        .diagnostics(&u, Some(last))
        .await
        .expect("burst diagnostics");
    println!(
        "burst of 29 keystrokes sent at once: last version diagnosed after {:.1} ms",
        burst.elapsed().as_secs_f64() * 1000.0
    );

    // 3. Memory with everything loaded: vocabularies (the server warms them up after
    // `initialized`), ESCO descriptions (hover on a skill) and the suggestion index.
    let skill_at = text.find("manage research data").expect("skill") + 3;
    let before = &text[..skill_at];
    let position = json!({ "line": before.matches('\n').count(), "character": skill_at - before.rfind('\n').map_or(0, |i| i + 1) });
    let hover_started = Instant::now();
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": u }, "position": position }),
        )
        .await
        .expect("hover");
    println!(
        "hover on an ESCO skill: {:.1} ms ({} chars)",
        hover_started.elapsed().as_secs_f64() * 1000.0,
        hover["contents"]["value"].as_str().map_or(0, str::len)
    );
    // ESCO completion after typing `skill esco "manage fin` on a new line.
    let typed_line = "    skill esco \"manage fin";
    let insert_at = text.find("    skill esco").expect("a skill line");
    let with_typing = format!("{}{typed_line}\n{}", &text[..insert_at], &text[insert_at..]);
    client.change(&u, &with_typing, 5000).await;
    client
        .diagnostics(&u, Some(5000))
        .await
        .expect("diagnostics");
    let line_no = with_typing[..insert_at].matches('\n').count();
    let end_of_typing = json!({ "line": line_no, "character": typed_line.len() });
    let mut completion_times = Vec::new();
    let mut offered = 0;
    for _ in 0..20 {
        let asked = Instant::now();
        let completion = client
            .request(
                "textDocument/completion",
                json!({ "textDocument": { "uri": u }, "position": end_of_typing }),
            )
            .await;
        completion_times.push(asked.elapsed());
        offered = completion
            .ok()
            .and_then(|c| c["items"].as_array().map(Vec::len))
            .unwrap_or(0);
    }
    println!("ESCO completion offers {offered} items");
    stats(
        "ESCO completion (aim: p99 under 20 ms, anchors-tooling.md)",
        completion_times,
        Duration::from_millis(20),
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss = rss_kb(pid, "VmRSS:").unwrap_or(0);
    let hwm = rss_kb(pid, "VmHWM:").unwrap_or(0);
    println!(
        "memory with all vocabularies loaded: resident {:.1} MB, peak {:.1} MB (target ≤ 150 MB: {})",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0,
        if hwm <= 150 * 1024 { "met" } else { "NOT met" }
    );
    client.shutdown().await;
    let _ = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
}
