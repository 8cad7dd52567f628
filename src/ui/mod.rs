//! The Leptos app (wasm32 only). It reads the domain through [`state::AppState`] and changes it
//! only with domain commands.

mod browser;
mod charts;
mod form;
mod locale;
mod pages;
mod panic;
mod perf;
mod reports;
mod shell;
pub mod state;
mod virtual_list;
mod widgets;

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::domain::text::Lang;
use crate::persist::{KEY_LANG, Store};
use i18n::*;
pub use locale::i18n;

/// The path the app is served under; links are built from it.
#[derive(Clone, Debug)]
pub struct Base(pub String);

impl Base {
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.0, path)
    }
}

pub fn start() {
    // A panic shows a recovery screen with the data for download (see panic.rs).
    panic::install();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Root />
        </I18nContextProvider>
    }
}

#[component]
fn Root() -> impl IntoView {
    let i18n = use_i18n();
    // Chinese first; the user's last choice is remembered in this browser.
    let saved = crate::persist::local::LocalStore
        .get(KEY_LANG)
        .ok()
        .flatten();
    let initial = if saved.as_deref() == Some("en") {
        Locale::en
    } else {
        Locale::zh
    };
    // leptos_i18n's provider sets the browser's preferred language in an effect; this effect
    // runs after it, so the product stays Chinese-first unless the user chose English.
    Effect::new(move |_| i18n.set_locale(initial));
    // <html lang> follows the language, for screen readers and fonts.
    Effect::new(move |_| {
        browser::set_document_lang(match i18n.get_locale() {
            Locale::en => "en",
            Locale::zh => "zh-CN",
        })
    });
    let state = state::AppState::boot();
    panic::register(state);
    provide_context(state);
    provide_context(reports::PrintJob(RwSignal::new(None)));
    let base = browser::app_base();
    provide_context(Base(base.clone()));
    view! {
        <Router base=base>
            <shell::Shell />
        </Router>
    }
}

/// The current language as the domain knows it (tracked).
pub fn use_lang() -> impl Fn() -> Lang + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || match i18n.get_locale() {
        Locale::en => Lang::En,
        Locale::zh => Lang::Zh,
    }
}

pub fn set_lang(lang: Lang) {
    let i18n = use_i18n();
    i18n.set_locale(match lang {
        Lang::En => Locale::en,
        Lang::Zh => Locale::zh,
    });
    let _ = crate::persist::local::LocalStore.set(KEY_LANG, lang.code());
}
