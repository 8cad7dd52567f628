//! UI translations from `locales/{zh,en}.json`, checked at compile time by leptos_i18n.
//!
//! The proc-macro loader is marked deprecated in favour of a build script (leptos_i18n_build). We
//! keep the macro on purpose: a build script would compile the ICU data crates for every native
//! test build as well, which costs minutes on the 2-core machines this project runs on.
#![allow(deprecated)]

leptos_i18n::load_locales!();
