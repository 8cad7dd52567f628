//! The domain core: plain Rust, no UI or browser crates (checked by a test in tests/domain_purity.rs).
//! One file per concept of the report; see ARCHITECTURE.md for the map.

pub mod accountability;
pub mod audit;
pub mod catalogue_csv;
pub mod command;
pub mod delegation;
pub mod delegation_metrics;
pub mod delegation_rules;
pub mod development;
pub mod entrustment;
pub mod finding;
pub mod inspection;
pub mod institution;
pub mod integration;
pub mod meta;
pub mod metrics;
pub mod migrate;
pub mod org;
pub mod parameters;
pub mod power;
pub mod rectification;
pub mod rules;
pub mod sample;
pub mod sample_supervision;
pub mod service;
pub mod service_rules;
pub mod snapshot;
pub mod supervision_metrics;
pub mod supervision_rules;
pub mod territory;
pub mod text;
pub mod transition;
pub mod workspace;
