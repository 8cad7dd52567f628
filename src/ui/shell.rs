//! The frame around every section: header (save status, undo/redo, language), banners,
//! navigation, toast, and drag-and-drop import anywhere on the page.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use wasm_bindgen::JsCast;

use super::i18n::*;
use super::pages;
use super::state::{Banner, SaveState, use_app};
use super::widgets::text_view;
use super::{Base, set_lang, use_lang};
use crate::domain::meta::Provenance;
use crate::domain::text::Lang;

#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let base = expect_context::<Base>();
    let navigate = use_navigate();
    let dragging = RwSignal::new(false);

    // Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) outside text fields, where the browser's own undo applies.
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if in_field || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => app.redo(),
            "z" => app.undo(),
            "y" => app.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    let over = window_event_listener(leptos::ev::dragover, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev: web_sys::DragEvent| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let data_path = base.href("/data");
    let drop = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            navigate(&data_path, Default::default());
            app.import_file(file);
        }
    });
    on_cleanup(move || {
        keys.remove();
        over.remove();
        leave.remove();
        drop.remove();
    });

    let has_sample = move || {
        app.desk
            .with(|d| d.ws().provenance_count(Provenance::Sample) > 0)
    };
    let nav = [
        ("/", "nav-overview"),
        ("/parks", "nav-parks"),
        ("/projects", "nav-projects"),
        ("/powers", "nav-powers"),
        ("/org", "nav-org"),
        ("/people", "nav-people"),
        ("/assessment", "nav-assessment"),
        ("/supervision", "nav-supervision"),
        ("/services", "nav-services"),
        ("/data", "nav-data"),
    ];
    let nav_label = move |key: &str| -> String {
        match key {
            "nav-overview" => t_string!(i18n, nav_overview).to_string(),
            "nav-parks" => t_string!(i18n, nav_parks).to_string(),
            "nav-powers" => t_string!(i18n, nav_powers).to_string(),
            "nav-projects" => t_string!(i18n, nav_projects).to_string(),
            "nav-org" => t_string!(i18n, nav_org).to_string(),
            "nav-people" => t_string!(i18n, nav_people).to_string(),
            "nav-assessment" => t_string!(i18n, nav_assessment).to_string(),
            "nav-supervision" => t_string!(i18n, nav_supervision).to_string(),
            "nav-services" => t_string!(i18n, nav_services).to_string(),
            _ => t_string!(i18n, nav_data).to_string(),
        }
    };
    let location = leptos_router::hooks::use_location();
    let base_for_nav = base.clone();
    // The showcase fills the screen: no header, banners or navigation around it.
    let showcase = move || {
        location
            .pathname
            .get()
            .trim_end_matches('/')
            .ends_with("/showcase")
    };
    let chrome = move || !showcase();
    // `parkdesk:route:<path>`: from the click on the navigation (or the page's start, for the
    // first section shown) to the frame after the section's view was built.
    perf_routes(location.pathname);

    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_main)}</a>
        <Show when=chrome>
        <header class="topbar">
            <div class="brand">
                <span class="brand-zh">{t!(i18n, app_title)}</span>
                <span class="brand-en">"ParkDesk"</span>
            </div>
            <div class="topbar-actions">
                <SaveIndicator />
                <DebugPanic />
                <button id="undo" class="btn" on:click=move |_| app.undo()
                    disabled=move || app.desk.with(|d| d.undo_label().is_none())
                    title=move || app.desk.with(|d| d.undo_label().map(|l| l.get(lang()).to_string()).unwrap_or_default())>
                    {t!(i18n, undo)}
                </button>
                <button id="redo" class="btn" on:click=move |_| app.redo()
                    disabled=move || app.desk.with(|d| d.redo_label().is_none())
                    title=move || app.desk.with(|d| d.redo_label().map(|l| l.get(lang()).to_string()).unwrap_or_default())>
                    {t!(i18n, redo)}
                </button>
                <button id="lang-switch" class="btn btn-lang" lang=move || if lang() == Lang::Zh { "en" } else { "zh" }
                    on:click=move |_| set_lang(if lang() == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {move || if lang() == Lang::Zh { "English" } else { "中文" }}
                </button>
            </div>
        </header>
        <Banners />
        </Show>
        <Show when=move || has_sample() && chrome()>
            // A landmark, so that no content sits outside one (axe "region").
            <aside class="sample-notice" id="sample-notice" aria-label=move || t_string!(i18n, a11y_sample_label).to_string()>{t!(i18n, sample_notice)}</aside>
        </Show>
        <Show when=move || app.export_reminder_due() && chrome()>
            <div class="banner-line" id="banner-export-reminder" role="status">
                {move || t_string!(i18n, merge_export_reminder).replace("{days}", &app.reminder_days.get().to_string())}
                " " <a href=base.href("/data")>{t!(i18n, go_export)}</a>
            </div>
        </Show>
        <div class="layout" class:layout-showcase=showcase>
            <Show when=chrome>
            <nav class="sidenav" aria-label=move || t_string!(i18n, nav_label).to_string()>
                <ul>
                    {nav.into_iter().map(|(path, key)| {
                        let href = base_for_nav.href(path);
                        let target = base_for_nav.href(path);
                        let current = move || {
                            let p = location.pathname.get();
                            let here = if p.len() > 1 { p.trim_end_matches('/').to_string() } else { p };
                            let root = if target.is_empty() { "/".to_string() } else { target.clone() };
                            here == root || (path == "/" && (here.is_empty() || here == format!("{root}/").trim_end_matches('/')))
                        };
                        view! {
                            <li><a href=href id=key class:active=current.clone() aria-current=move || current().then_some("page")>{move || nav_label(key)}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
            </Show>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <pages::NotFound /> }>
                    <Route path=path!("/") view=pages::overview::Overview />
                    <Route path=path!("/parks") view=pages::parks::Parks />
                    <Route path=path!("/powers") view=pages::powers::Powers />
                    <Route path=path!("/projects") view=pages::projects::Projects />
                    <Route path=path!("/showcase") view=pages::showcase::Showcase />
                    <Route path=path!("/org") view=pages::org::Org />
                    <Route path=path!("/people") view=pages::people::People />
                    <Route path=path!("/assessment") view=pages::assessment::Assessment />
                    <Route path=path!("/supervision") view=pages::supervision::Supervision />
                    <Route path=path!("/services") view=pages::services::Services />
                    <Route path=path!("/data") view=pages::data::DataPage />
                </Routes>
            </main>
        </div>
        <Toast />
        <UpdatePrompt />
        <super::reports::PrintArea />
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">{t!(i18n, drop_to_import)}</div>
        </Show>
    }
}

fn perf_routes(pathname: Memo<String>) {
    super::perf::mark_nav_clicks();
    Effect::new(move |first: Option<()>| {
        let path = pathname.get();
        super::perf::on_next_frame(move || {
            let start = first.map(|_| "parkdesk:nav");
            super::perf::measure_once(&format!("parkdesk:route:{path}"), start);
        });
    });
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let class = move || match app.save.get() {
        SaveState::Saved(_) => "save save-ok",
        SaveState::Pending => "save save-pending",
        _ => "save save-bad",
    };
    let state = move || match app.save.get() {
        SaveState::Saved(_) => "saved",
        SaveState::Pending => "saving",
        SaveState::Failed(_) => "failed",
        SaveState::Off(_) => "off",
        SaveState::Conflict => "conflict",
    };
    let label = move || match app.save.get() {
        SaveState::Saved(_) => t_string!(i18n, save_saved).to_string(),
        SaveState::Pending => t_string!(i18n, save_saving).to_string(),
        SaveState::Failed(_) | SaveState::Off(_) => t_string!(i18n, save_not_saved).to_string(),
        SaveState::Conflict => t_string!(i18n, save_conflict).to_string(),
    };
    let title = move || match app.save.get() {
        SaveState::Failed(t) | SaveState::Off(t) => t.get(lang()).to_string(),
        _ => String::new(),
    };
    view! { <span id="save-status" class=class data-state=state title=title role="status" aria-live="polite">{label}</span> }
}

#[component]
fn Banners() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let base = expect_context::<Base>();
    view! {
        <div class="banners" role="region" aria-live="polite" aria-label=move || t_string!(i18n, a11y_notices).to_string()>
            <For each=move || app.banners.get() key=|b| format!("{b:?}") let:banner>
                {match banner {
                    Banner::Storage(t) => view! { <div class="banner banner-bad" id="banner-storage">{text_view(t)} " " <a href=base.href("/data")>{t!(i18n, go_export)}</a></div> }.into_any(),
                    Banner::Unreadable { error, kept_under } => view! {
                        <div class="banner banner-bad" id="banner-unreadable">
                            <p>{text_view(error)}</p>
                            <p>{match kept_under {
                                Some(k) => view! { {t!(i18n, unreadable_kept)} " " <code>{k}</code> }.into_any(),
                                None => view! { {t!(i18n, unreadable_not_kept)} }.into_any(),
                            }}</p>
                            <button class="btn" id="download-unreadable" on:click=move |_| {
                                if let Some(raw) = app.unreadable_raw() {
                                    let _ = super::browser::download("parkdesk-unreadable-backup.json", &raw, "application/json");
                                }
                            }>{t!(i18n, download_raw)}</button>
                        </div>
                    }.into_any(),
                    Banner::Conflict => view! {
                        <div class="banner banner-bad" id="banner-conflict">
                            <p>{t!(i18n, conflict_text)}</p>
                            <button class="btn" id="conflict-load" on:click=move |_| app.conflict_load_newest()>{t!(i18n, conflict_load)}</button>
                            " "
                            <button class="btn" id="conflict-keep" on:click=move |_| app.conflict_keep_mine()>{t!(i18n, conflict_keep)}</button>
                        </div>
                    }.into_any(),
                    Banner::Migrated(notes, kept) => view! {
                        <div class="banner banner-info" id="banner-migrated">
                            <p>{t!(i18n, migrated_text)}</p>
                            <ul>{notes.into_iter().map(|n| view! { <li>{text_view(n)}</li> }).collect_view()}</ul>
                            {kept.map(|k| view! { <p>{t!(i18n, migrated_kept)} " " <code>{k}</code></p> })}
                            <button class="btn" on:click=move |_| app.banners.update(|b| b.retain(|x| !matches!(x, Banner::Migrated(..))))>{t!(i18n, dismiss)}</button>
                        </div>
                    }.into_any(),
                }}
            </For>
        </div>
    }
}

#[component]
fn Toast() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let i18n = use_i18n();
    // Each toast disappears after a few seconds; a newer one replaces it.
    Effect::new(move |_| {
        if let Some(t) = app.toast.get() {
            gloo_timers::callback::Timeout::new(6000, move || {
                if app.toast.get_untracked().as_ref() == Some(&t) {
                    app.toast.set(None);
                }
            })
            .forget();
        }
    });
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || app.toast.get().map(|t| view! {
                <div class="toast" id="toast">
                    <span>{t.get(lang()).to_string()}</span>
                    <button class="btn-close" on:click=move |_| app.toast.set(None) aria-label=move || t_string!(i18n, dismiss).to_string()>"×"</button>
                </div>
            })}
        </div>
    }
}

/// "新版本可用，刷新": public/boot.js announces a new version installed by the service worker
/// (`parkdesk-update-ready`); reloading saves first, then asks the worker to take over.
#[component]
fn UpdatePrompt() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let ready = RwSignal::new(
        web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"parkdeskUpdateReady".into()).ok())
            .is_some_and(|v| v.is_truthy()),
    );
    let listener = window_event_listener_untyped("parkdesk-update-ready", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let apply = move |_| {
        app.flush();
        if let (Some(w), Ok(ev)) = (
            web_sys::window(),
            web_sys::Event::new("parkdesk-update-apply"),
        ) {
            let _ = w.dispatch_event(&ev);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-prompt" id="update-prompt" role="status">
                <span>{t!(i18n, upd_ready)}</span>
                " "
                <button class="btn btn-primary btn-small" id="update-reload" on:click=apply>{t!(i18n, upd_reload)}</button>
                " "
                <button class="btn btn-small" on:click=move |_| ready.set(false)>{t!(i18n, upd_later)}</button>
            </div>
        </Show>
    }
}

/// A button that panics, shown only with `?debug-panic` in the address, so the recovery screen
/// can be tried (and is tested) in a release build.
#[component]
fn DebugPanic() -> impl IntoView {
    let on = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("debug-panic"));
    on.then(|| {
        view! {
            <button class="btn" id="debug-panic" on:click=|_| panic!("debug-panic: a test of the recovery screen")>
                "触发测试错误 · Test panic"
            </button>
        }
    })
}
