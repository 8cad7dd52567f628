//! The domain core: plain Rust, no UI or browser crates (checked by a test in tests/domain_purity.rs).
//! One file per concept of the report; see ARCHITECTURE.md for the map.

pub mod appointment;
pub mod appointment_rules;
pub mod audit;
pub mod authority;
pub mod catalogue_csv;
pub mod command;
pub mod delegation;
pub mod delegation_metrics;
pub mod delegation_rules;
pub mod entrustment;
pub mod institution;
pub mod integration;
pub mod meta;
pub mod metrics;
pub mod migrate;
pub mod org;
pub mod org_rules;
pub mod person;
pub mod power;
pub mod roster_csv;
pub mod rules;
pub mod sample;
pub mod sample_org;
pub mod selection;
pub mod selection_rules;
pub mod snapshot;
pub mod staffing;
pub mod staffing_metrics;
pub mod staffing_rules;
pub mod talent;
pub mod territory;
pub mod text;
pub mod workspace;
