//! Writes a province-scale exchange file for the scale benchmark (issue #9, docs/performance.md):
//!
//!     cargo run --release --bin generate -- --size 1-10 --seed 1 --out target/scale/province-1-10.json
//!
//! Sizes: `full` (about 150 parks, 30,000 persons, 40,000 delegations), `1-10`, `1-100`. The same
//! size and seed always give the same file. Native only; the wasm build gets an empty `main`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(msg) => {
            println!("{msg}");
            std::process::ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("generate: {msg}");
            eprintln!("usage: generate --size full|1-10|1-100 [--seed N] [--out FILE]");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: Vec<String>) -> Result<String, String> {
    use parkdesk::domain::scale::{Size, generate};
    use parkdesk::domain::{sample, snapshot};

    let mut size = Size::Tenth;
    let mut seed = 1u64;
    let mut out = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--size" => {
                let v = value()?;
                size = Size::from_code(&v).ok_or(format!("unknown size {v}"))?;
            }
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| format!("the seed must be a number, not {v}"))?;
            }
            "--out" => out = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.unwrap_or_else(|| format!("target/scale/province-{}.json", size.code()));
    let ws = generate(size, seed);
    // A fixed export time keeps the file identical for the same size and seed.
    let at = chrono::DateTime::from_timestamp(1_388_448_000, 0).unwrap_or_default();
    let snap = snapshot::build(&ws, &sample::sample_office(), at, parkdesk::APP_VERSION);
    let json = snapshot::to_json(&snap).map_err(|e| e.to_string())?;
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &json).map_err(|e| format!("{out}: {e}"))?;
    let records: usize = ws.records().len();
    Ok(format!(
        "{out}: {records} records, {} bytes (size {}, seed {seed})",
        json.len(),
        size.code()
    ))
}

#[cfg(target_arch = "wasm32")]
fn main() {}
