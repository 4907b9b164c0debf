//! The README's language reference names every field of every block, and every
//! diagnostic code range it lists exists.

use laurel::syntax::schema::BlockKind;

const README: &str = include_str!("../../README.md");

fn row(prefix: &str) -> &'static str {
    README
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("README has no reference row starting with {prefix}"))
}

#[test]
fn readme_reference_lists_every_field() {
    let rows = [
        (BlockKind::Organisation, "| `organisation NAME"),
        (BlockKind::Accreditation, "| `accreditation { }`"),
        (BlockKind::MicroCredential, "| `micro-credential NAME"),
        (BlockKind::Qualification, "| `qualification NAME"),
        (BlockKind::Outcome, "| `outcome \"...\""),
        (BlockKind::Activity, "| `activity"),
        (BlockKind::Assessment, "| `assessment"),
        (BlockKind::Grading, "| `grading"),
        (BlockKind::Award, "| `award CREDENTIAL"),
        (BlockKind::Learner, "| `learner { }`"),
    ];
    for (kind, prefix) in rows {
        let line = row(prefix);
        let fields = line.rsplit('|').nth(1).unwrap_or("");
        let listed: Vec<&str> = fields
            .split(',')
            .map(|f| f.trim().trim_matches('`').trim_end_matches(" { }"))
            .collect();
        let expected: Vec<&str> = kind.fields().iter().map(|f| f.key).collect();
        assert_eq!(listed, expected, "README row for {kind:?}");
    }
}

#[test]
fn readme_mentions_esco_attribution() {
    assert!(
        README.contains("This service uses the ESCO classification of the European Commission.")
    );
}
