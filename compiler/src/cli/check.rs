//! What `laurel check` takes: a project folder or a `.laurel` file, not learner data.

use std::path::Path;

/// The extensions of the learner data files `laurel issue` reads.
const LEARNER_DATA: &[&str] = &["csv", "json"];

/// Refuses a learner data file (`.csv`, `.json`) given to `laurel check`, and says how
/// such a file is checked.
pub fn refuse_learner_data(path: &Path) -> miette::Result<()> {
    let is_data = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| LEARNER_DATA.iter().any(|d| e.eq_ignore_ascii_case(d)));
    if !is_data || path.is_dir() {
        return Ok(());
    }
    let file = path.display();
    Err(miette::miette!(
        help = format!(
            "learner data is checked against the micro-credential it awards: laurel issue -c CREDENTIAL -l {file} --dry-run"
        ),
        "`laurel check` checks projects (a folder with Laurel.toml) and .laurel files, and `{file}` is learner data"
    ))
}
