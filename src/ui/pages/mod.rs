//! One module per section of the navigation.

pub mod assessment;
pub mod assessment_scores;
pub mod bonus;
pub mod data;
pub mod org;
pub mod overview;
pub mod parks;
pub mod people;
pub mod powers;
pub mod projects;
pub mod selection;
pub mod services;
pub mod showcase;
pub mod supervision;

use leptos::prelude::*;

use super::i18n::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
        </section>
    }
}

/// Keeps the document title in step with the page and language.
pub fn page_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        super::browser::set_title(&format!("{} · ParkDesk 园区改革工作台", title()))
    });
}
