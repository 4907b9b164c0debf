//! `fuzz`: mutates the repository's own inputs and runs them through the compiler, the
//! formatter, the editor features, learner data checking, seal verification and the
//! language server, each case with a time and memory bound. A failing input is written
//! to `tests/fuzz/found/` (replayed by `tests/tests/fuzz_replay.rs`).
//!
//! ```text
//! cargo run --release -p laurel-conformance --bin fuzz -- --seconds 120 [--target fmt] [--seed N]
//! cargo run --release -p laurel-conformance --bin fuzz -- --target fmt --case N
//! cargo run --release -p laurel-conformance --bin fuzz -- --replay tests/fuzz/found/FILE
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use laurel_conformance::fuzz::{self, Rng, Target};

/// Counts the bytes allocated; an allocation beyond [`MEMORY_LIMIT`] waits for the
/// watchdog to save the case and end the process.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static MEMORY_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static OVER_MEMORY: AtomicBool = AtomicBool::new(false);
/// Set by the watchdog while it saves a case: allocations are no longer bounded.
static SAVING: AtomicBool = AtomicBool::new(false);
/// A saved case is being replayed: a failure is shown, not saved again.
static REPLAYING: AtomicBool = AtomicBool::new(false);

impl Counting {
    fn admit(size: usize) {
        let now = ALLOCATED.fetch_add(size, Ordering::Relaxed) + size;
        if now > MEMORY_LIMIT.load(Ordering::Relaxed) && !SAVING.load(Ordering::Relaxed) {
            OVER_MEMORY.store(true, Ordering::Relaxed);
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

// SAFETY: every call is passed on to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Counting::admit(layout.size());
        // SAFETY: the caller's layout, as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Counting::admit(layout.size());
        // SAFETY: the caller's layout, as received.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's pointer and layout, as received.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            Counting::admit(new_size - layout.size());
        } else {
            ALLOCATED.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: the caller's pointer, layout and size, as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The case being run, for the watchdog.
struct Current {
    target: Target,
    seed: PathBuf,
    bytes: Arc<Vec<u8>>,
    reproduce: String,
    started: Instant,
}

type Shared = Arc<Mutex<Option<Current>>>;

/// Reports a case over its time or memory bound: saves it and ends the process.
fn watchdog(current: Shared, timeout: Duration) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(20));
        let over_memory = OVER_MEMORY.load(Ordering::Relaxed);
        let guard = current.lock().unwrap_or_else(|e| e.into_inner());
        let Some(case) = guard.as_ref() else {
            if over_memory {
                SAVING.store(true, Ordering::Relaxed);
                eprintln!("fuzz: over the memory bound between cases (in the harness itself)");
                std::process::exit(1);
            }
            continue;
        };
        let over_time = case.started.elapsed() > timeout;
        if !over_memory && !over_time {
            continue;
        }
        SAVING.store(true, Ordering::Relaxed);
        let why = if over_memory {
            format!(
                "over the memory bound ({} MiB)",
                MEMORY_LIMIT.load(Ordering::Relaxed) >> 20
            )
        } else {
            format!("over the time bound ({} s)", timeout.as_secs())
        };
        report(case.target, &case.seed, &case.bytes, &why, &case.reproduce);
        std::process::exit(1);
    });
}

fn report(target: Target, seed: &Path, bytes: &[u8], why: &str, reproduce: &str) {
    let why = format!("{why}\n{reproduce}");
    if REPLAYING.load(Ordering::Relaxed) {
        eprintln!("FAILURE [{}] from {}: {why}", target.name(), seed.display());
        return;
    }
    match fuzz::save(target, seed, bytes, &why) {
        Ok(file) => {
            let shown = file.strip_prefix(fuzz::repo_root()).unwrap_or(&file);
            eprintln!("FAILURE [{}] from {}: {why}", target.name(), seed.display());
            eprintln!(
                "  saved {}; replay: cargo run --release -p laurel-conformance --bin fuzz -- --replay {}",
                shown.display(),
                shown.display()
            );
        }
        Err(e) => eprintln!("FAILURE [{}] (not saved: {e}): {why}", target.name()),
    }
}

struct Args {
    seconds: u64,
    targets: Vec<Target>,
    seed: u64,
    case: Option<u64>,
    replay: Option<PathBuf>,
    timeout: Duration,
    memory_mib: usize,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        seconds: 60,
        targets: Target::ALL.to_vec(),
        seed: 1,
        case: None,
        replay: None,
        timeout: Duration::from_secs(10),
        memory_mib: 2048,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--seconds" => args.seconds = number(value()?)?,
            "--seed" => args.seed = number(value()?)?,
            "--case" => args.case = Some(number(value()?)?),
            "--timeout" => args.timeout = Duration::from_secs(number(value()?)?),
            "--memory-mib" => args.memory_mib = number(value()?)? as usize,
            "--replay" => args.replay = Some(PathBuf::from(value()?)),
            "--target" => {
                let name = value()?;
                args.targets = vec![Target::from_name(&name).ok_or(format!(
                    "unknown target {name} (laurel, fmt, ide, issue, verify, lsp)"
                ))?];
            }
            _ => {
                return Err(format!(
                    "unknown option {flag}; options: --seconds N, --target laurel|fmt|ide|issue|verify|validate|lsp, --seed N, --case N, --replay FILE, --timeout SECONDS, --memory-mib N"
                ))
            }
        }
    }
    Ok(args)
}

/// The case seed of case `index` of a run: every case is reproducible from it alone.
fn case_seed(run: u64, target: Target, index: u64) -> u64 {
    let mut rng = Rng::new(run ^ (index.wrapping_mul(0x100_0000_01B3)) ^ ((target as u64) << 56));
    rng.next_u64()
}

/// The seed file and input of a case.
fn case(seeds: &[(PathBuf, Vec<u8>)], case_seed: u64) -> (PathBuf, Vec<u8>) {
    let mut rng = Rng::new(case_seed);
    let (seed, bytes) = &seeds[rng.below(seeds.len())];
    let (_, other) = &seeds[rng.below(seeds.len())];
    (seed.clone(), fuzz::mutate(bytes, other, &mut rng))
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    fuzz::install_panic_hook();
    let current: Shared = Arc::new(Mutex::new(None));
    watchdog(current.clone(), args.timeout);
    MEMORY_LIMIT.store(args.memory_mib << 20, Ordering::Relaxed);

    let run_one = |target: Target, seed: &Path, bytes: Vec<u8>, reproduce: String| {
        let bytes = Arc::new(bytes);
        *current.lock().unwrap_or_else(|e| e.into_inner()) = Some(Current {
            target,
            seed: seed.to_path_buf(),
            bytes: bytes.clone(),
            reproduce: reproduce.clone(),
            started: Instant::now(),
        });
        let result = fuzz::run(target, seed, &bytes);
        *current.lock().unwrap_or_else(|e| e.into_inner()) = None;
        if let Err(why) = &result {
            report(target, seed, &bytes, why, &reproduce);
        }
        result.is_ok()
    };

    if let Some(file) = &args.replay {
        REPLAYING.store(true, Ordering::Relaxed);
        let dir = file.parent().unwrap_or(Path::new("."));
        let cases = match fuzz::saved(dir) {
            Ok(cases) => cases,
            Err(e) => {
                eprintln!("fuzz: {e}");
                return ExitCode::from(2);
            }
        };
        let name = file.file_name();
        let Some(saved) = cases.into_iter().find(|c| c.file.file_name() == name) else {
            eprintln!(
                "fuzz: {} is not a saved case (an input with a .seed file beside it)",
                file.display()
            );
            return ExitCode::from(2);
        };
        let ok = run_one(
            saved.target,
            &saved.seed,
            saved.bytes,
            format!("replay {}", file.display()),
        );
        println!(
            "{}: {}",
            file.display(),
            if ok { "passes" } else { "fails" }
        );
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }

    let mut failed = false;
    let share = Duration::from_secs(args.seconds) / args.targets.len() as u32;
    for &target in &args.targets {
        let seeds: Vec<(PathBuf, Vec<u8>)> = target
            .seed_paths()
            .into_iter()
            .map(|p| {
                let bytes = fuzz::seed_bytes(&p);
                (p, bytes)
            })
            .collect();
        if seeds.is_empty() {
            eprintln!("[{}] no seeds found", target.name());
            failed = true;
            continue;
        }
        if let Some(n) = args.case {
            let (seed, bytes) = case(&seeds, n);
            let reproduce = format!("--target {} --case {n}", target.name());
            failed |= !run_one(target, &seed, bytes, reproduce);
            continue;
        }
        let start = Instant::now();
        let (mut cases, mut failures) = (0u64, 0u64);
        // The seeds as they are first, then mutations until the time is up.
        for (seed, bytes) in &seeds {
            let reproduce = format!("the seed {} unchanged", seed.display());
            cases += 1;
            failures += u64::from(!run_one(target, seed, bytes.clone(), reproduce));
        }
        let mut index = 0;
        while start.elapsed() < share {
            let n = case_seed(args.seed, target, index);
            index += 1;
            let (seed, bytes) = case(&seeds, n);
            let reproduce = format!(
                "reproduce: cargo run --release -p laurel-conformance --bin fuzz -- --target {} --case {n}",
                target.name()
            );
            cases += 1;
            failures += u64::from(!run_one(target, &seed, bytes, reproduce));
        }
        println!(
            "[{}] {cases} cases in {:.0} s from {} seeds: {failures} failure(s)",
            target.name(),
            start.elapsed().as_secs_f64(),
            seeds.len()
        );
        failed |= failures > 0;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
