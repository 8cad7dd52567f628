//! The domain core: plain Rust, no UI or browser crates (checked by a test in tests/domain_purity.rs).
//! One file per concept of the report; see ARCHITECTURE.md for the map.

pub mod audit;
pub mod catalogue_csv;
pub mod command;
pub mod delegation;
pub mod delegation_metrics;
pub mod delegation_rules;
pub mod entrustment;
pub mod institution;
pub mod integration;
pub mod kind_tables;
pub mod merge;
pub mod meta;
pub mod metrics;
pub mod migrate;
pub mod org;
pub mod power;
pub mod rules;
pub mod sample;
pub mod sample_exchange;
pub mod scope;
pub mod snapshot;
pub mod territory;
pub mod text;
pub mod workspace;
