//! Prints the evaluation of ESCO skill suggestions as the table of BENCHMARKS.md:
//! `cargo run --release -p laurel-conformance --bin suggest-eval`. With `--misses`, also
//! each outcome whose primary skill the full ranking does not put in its first 5: the
//! skill, where it came, and what came first.

use laurel::vocab::suggest::Ranking;
use laurel_conformance::suggest::{cases, evaluate, methods, ranked, Method};

fn main() {
    let cases = cases();
    let esco = laurel::vocab::esco();
    println!("| ranking | language | outcomes | recall@1 | recall@5 | recall@10 | MRR |");
    println!("|---|---|---|---|---|---|---|");
    for (name, method) in methods() {
        for (language, m) in evaluate(esco, method, &cases) {
            println!(
                "| {name} | {language} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                m.cases, m.recall_1, m.recall_5, m.recall_10, m.mrr
            );
        }
    }
    if !std::env::args().any(|a| a == "--misses") {
        return;
    }
    let label = |iri: &str| esco.by_iri(iri).map_or("?", |s| s.pref_label_en);
    for case in &cases {
        let ranking = ranked(esco, Method::Laurel(Ranking::FULL), case);
        let rank = ranking.iter().position(|iri| *iri == case.primary);
        if rank.is_some_and(|r| r < 5) {
            continue;
        }
        let rank = rank.map_or("-".to_string(), |r| (r + 1).to_string());
        println!(
            "\n{} {}\n  wanted ({rank}): {}",
            case.id,
            case.outcome,
            label(&case.primary)
        );
        for iri in ranking.iter().take(3) {
            println!("  got: {}", label(iri));
        }
    }
}
