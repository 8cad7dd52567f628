//! ParkDesk 园区改革工作台: the park-reform workbench of a city's 编办, running entirely in the browser.
//!
//! - [`domain`]: entities, rules, metrics, commands, snapshots — plain Rust, tested natively.
//! - [`reports`]: office reports (Excel, CSV, print) as one table model per report.
//! - [`persist`]: saving to browser storage behind a small trait, so its rules are tested natively too.
//! - [`list_window`]: which rows of a long list are drawn (the virtual lists' arithmetic).
//! - `ui`: the Leptos app (wasm32 only).

pub mod domain;
pub mod list_window;
pub mod persist;
pub mod reports;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Version written into exported snapshots.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
