//! Browser end-to-end tests for ParkDesk live in `tests/`; this crate has no library code of its own.
