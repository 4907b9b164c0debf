//! Writes a CSV of learners, to time `laurel issue` on it:
//!
//! ```text
//! cargo run --release -p laurel --example generate_learners -- /tmp/learners.csv 10000
//! target/release/laurel issue examples/university --credential data-analysis-python \
//!     --learners /tmp/learners.csv --out /tmp/issued
//! ```
//!
//! Names, birth dates and grades vary with the row number (no randomness: the same file
//! every time); some names are not ASCII.

use std::fmt::Write as _;

const GIVEN: [&str; 8] = [
    "Lena",
    "Tomasz",
    "Siobhán",
    "Ελένη",
    "Jonas",
    "Inês",
    "Mátyás",
    "Aino",
];
const FAMILY: [&str; 8] = [
    "Hoffmann",
    "Wiśniewski",
    "Ní Bhriain",
    "Παπαδοπούλου",
    "Berg",
    "Gonçalves",
    "Kovács",
    "Virtanen",
];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "learners.csv".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let mut csv = String::from(
        "student-id,given-name,family-name,birth-date,email,date,grade,period-start,period-end\n",
    );
    for i in 0..n {
        let (given, family) = (GIVEN[i % 8], FAMILY[(i / 8) % 8]);
        let _ = writeln!(
            csv,
            "HR-{i:07},{given},\"{family}\",{}-{:02}-{:02},learner{i}@example.org,2025-07-25,{}.{},2025-04-14,2025-07-11",
            1970 + i % 35,
            1 + i % 12,
            1 + i % 28,
            1 + i % 4,
            i % 10
        );
    }
    std::fs::write(&path, csv)?;
    println!("wrote {n} learners to {path}");
    Ok(())
}
