//! Replays every saved fuzzing case through its target: the findings in
//! `tests/fuzz/found/` (so a crash the harness found stays fixed) and the committed
//! corpus of interesting inputs in `tests/fuzz/corpus/`.

use laurel_conformance::fuzz::{self, Target};

#[test]
fn saved_cases_pass_their_targets() {
    fuzz::install_panic_hook();
    let root = fuzz::repo_root();
    let mut failures = Vec::new();
    let mut count = 0;
    for dir in [fuzz::FOUND, fuzz::CORPUS] {
        let cases = fuzz::saved(&root.join(dir)).unwrap_or_else(|e| panic!("{dir}: {e}"));
        for case in cases {
            count += 1;
            if let Err(why) = fuzz::run(case.target, &case.seed, &case.bytes) {
                failures.push(format!("{}: {why}", case.file.display()));
            }
        }
    }
    assert!(count > 0, "no saved cases in {}", fuzz::CORPUS);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_target_has_seeds() {
    for target in Target::ALL {
        assert!(
            !target.seed_paths().is_empty(),
            "no seeds for {}",
            target.name()
        );
    }
}

#[test]
fn mutations_are_reproducible_from_their_seed() {
    let input = b"micro-credential a {\n  title \"A\"\n}\n";
    let make = |n| fuzz::mutate(input, b"other", &mut fuzz::Rng::new(n));
    assert_eq!(make(7), make(7));
    assert!((0..20).any(|n| make(n) != input.to_vec()));
}
