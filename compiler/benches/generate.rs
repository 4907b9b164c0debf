//! A generated project of N micro-credentials with one award each, for benchmarks.
//! Shared by `benches/build.rs` and `examples/generate_project.rs` (through `#[path]`).

/// `(file name, text)` pairs of a project with `n` micro-credentials, 100 per file.
pub fn project_files(n: usize) -> Vec<(String, String)> {
    let mut files = vec![(
        "organisations.laurel".to_string(),
        ORGANISATIONS.to_string(),
    )];
    for chunk in 0..n.div_ceil(100) {
        let mut text = String::new();
        for i in chunk * 100..((chunk + 1) * 100).min(n) {
            text.push_str(&credential(i));
        }
        files.push((format!("credentials-{chunk:03}.laurel"), text));
    }
    files
}

/// The manifest of the generated project.
pub const MANIFEST: &str =
    "[project]\nname = \"bench\"\ndefault-language = \"en\"\noutput = \"out\"\nesco = \"1.1.1\"\n";

const ORGANISATIONS: &str = r#"organisation uni {
  legal-name "Bench University"
  legal-name "Bench-Universität"@de
  legal-id "DE100000000"
  eidas-id "VATDE-100000000"
  country DEU
  address "Campus 1, 10115 Berlin"
  accreditation {
    type institutional-quality-assurance
    title "Institutional accreditation"
    by agency
  }
}

organisation agency {
  legal-name "Bench Agency"
  legal-id "DE200000000"
  country DEU
}
"#;

const SKILLS: [&str; 4] = [
    "manage findable accessible interoperable and reusable data",
    "Python (computer programming)",
    "use spreadsheets software",
    "think critically",
];

fn credential(i: usize) -> String {
    let skill = SKILLS[i % SKILLS.len()];
    format!(
        r#"/// Generated credential {i}.
micro-credential course-{i} {{
  title "Course {i}"
  title "Kurs {i}"@de
  awarding-body uni
  type short-learning-programme
  language en
  field 0613
  workload 3 ects
  workload 80 hours
  eqf 5
  mode online
  setting non-formal-learning
  quality-assurance uni
  outcome "Outcome one of course {i}" {{
    skill esco "{skill}"
  }}
  outcome "Outcome two of course {i}"
  activity "Online course {i}" {{
    type e-learning-coursework
    workload 80 hours
  }}
  assessment "Exam {i}" {{
    type written-examination
    supervision supervised-with-id-verification
    grading "Pass/fail"
  }}
}}

award course-{i} {{
  learner {{
    given-name "Learner"
    family-name "Number {i}"
    student-id "S-{i:06}"
  }}
  date 2025-03-14
  grade "Pass"
}}

"#
    )
}
