//! 数据: the office profile and the offices it knows, export (full or partial, with the last
//! export and a reminder), import (file picker or drag-and-drop anywhere) as a reviewed merge or a
//! replace, rolling backups with restore, persistent storage, and the audit log.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::page_title;
use crate::domain::kind_tables::Area;
use crate::domain::merge::{self, Class, GroupState, Item, Side};
use crate::domain::meta::{Office, Role};
use crate::domain::snapshot::{Integrity, Scope, ScopeRoot};
use crate::domain::text::{Lang, Text};
use crate::domain::workspace::Kind;
use crate::ui::i18n::*;
use crate::ui::state::{ImportStage, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::{ProvenanceBadge, text_view};

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    page_title(move || t_string!(i18n, nav_data).to_string());
    view! {
        <section class="page" id="page-data">
            <h1>{t!(i18n, nav_data)}</h1>
            <OfficeProfile />
            <ExportBlock />
            <ImportBlock />
            <BackupBlock />
            <AuditBlock />
        </section>
    }
}

fn local_time(t: crate::domain::meta::Timestamp) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[component]
fn OfficeProfile() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let office = app.office.get_untracked();
    let name = RwSignal::new(office.name.clone());
    let role = RwSignal::new(office.role.code().to_string());
    let park = RwSignal::new(office.park_id.clone().unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            app.toast.set(Some(Text::new(
                "单位名称不能为空",
                "The office name is required",
            )));
            return;
        }
        let current = app.office.get_untracked();
        let role = Role::from_code(&role.get_untracked()).unwrap_or(Role::Bianban);
        let park = park.get_untracked();
        app.save_office(Office {
            name: n,
            role,
            park_id: (role == Role::Park && !park.is_empty()).then_some(park),
            ..current
        });
        app.toast.set(Some(Text::new(
            "已保存本机单位信息",
            "Office profile saved",
        )));
    };
    let others = move || {
        let me = app.office.get().id;
        app.directory
            .get()
            .into_iter()
            .filter(|o| o.id != me)
            .collect::<Vec<_>>()
    };
    view! {
        <section class="block" id="office">
            <h2>{t!(i18n, office_title)}</h2>
            <p class="hint">{t!(i18n, office_hint)}</p>
            <form class="form form-inline" on:submit=save>
                <div class="field">
                    <label for="office-name">{t!(i18n, office_name)}</label>
                    <input id="office-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="office-role">{t!(i18n, office_role)}</label>
                    <select id="office-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {move || Role::ALL.iter().map(|r| view! { <option value=r.code() selected=r.code() == role.get()>{r.label(lang())}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || role.get() == Role::Park.code()>
                    <div class="field">
                        <label for="office-park">{t!(i18n, merge_office_park)}</label>
                        <select id="office-park" on:change=move |ev| park.set(event_target_value(&ev))>
                            {move || crate::ui::form::park_options(app, Some("—"))().into_iter().map(|(id, label)| { let sel = id == park.get(); view! { <option value=id selected=sel>{label}</option> } }).collect_view()}
                        </select>
                    </div>
                </Show>
                <button type="submit" class="btn" id="office-save">{t!(i18n, save)}</button>
            </form>
            <p class="hint">{t!(i18n, merge_office_id)} " " <code id="office-id">{move || app.office.get().id}</code></p>
            <Show when=move || !others().is_empty()>
                <h3>{t!(i18n, merge_known_offices)}</h3>
                <table class="table table-compact" id="office-directory">
                    <thead><tr><th scope="col">{t!(i18n, office_name)}</th><th scope="col">{t!(i18n, office_role)}</th><th scope="col">"ID"</th></tr></thead>
                    <tbody>
                        {move || others().into_iter().map(|o| view! { <tr><th scope="row">{o.name.clone()}</th><td>{o.role.label(lang())}</td><td><code>{o.id.clone()}</code></td></tr> }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

#[component]
fn ExportBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let export = move |_| match app.export() {
        Ok(name) => app.toast.set(Some(Text::new(
            format!("已导出 {name}"),
            format!("Exported {name}"),
        ))),
        Err(t) => app.toast.set(Some(t)),
    };
    let set_days = move |ev: leptos::ev::Event| {
        if let Ok(d) = event_target_value(&ev).trim().parse::<u32>()
            && d > 0
        {
            app.set_reminder_days(d);
        }
    };
    let scope = RwSignal::new(String::new());
    let for_office = RwSignal::new(String::new());
    let scopes = move || {
        let mut v: Vec<(String, String)> = app.desk.with(|d| {
            d.ws()
                .parks
                .iter_live()
                .map(|p| {
                    (
                        format!("park:{}", p.meta.id),
                        format!("{}：{}", Kind::Park.label(lang()), p.data.name_zh),
                    )
                })
                .collect()
        });
        v.extend(Area::ALL.iter().map(|a| {
            (
                format!("area:{}", a.code()),
                format!(
                    "{}：{}",
                    if lang() == Lang::Zh { "领域" } else { "Area" },
                    if lang() == Lang::Zh { a.zh() } else { a.en() }
                ),
            )
        }));
        v
    };
    let export_partial = move |_| {
        let choice = scope.get_untracked();
        let choice = if choice.is_empty() {
            scopes().first().map(|s| s.0.clone()).unwrap_or_default()
        } else {
            choice
        };
        let who = for_office.get_untracked().trim().to_string();
        let ws = app.ws_untracked();
        let (records, label, tag, root, area) = if let Some(id) = choice.strip_prefix("park:") {
            let name = ws.label_of(Kind::Park, id);
            (
                crate::domain::scope::around(&ws, Kind::Park, id),
                format!("园区：{name}"),
                ws.parks
                    .get(id)
                    .map(|p| p.data.short_code.clone())
                    .unwrap_or_else(|| "park".into()),
                Some(ScopeRoot {
                    kind: Kind::Park,
                    id: id.to_string(),
                }),
                None,
            )
        } else if let Some(a) = choice.strip_prefix("area:").and_then(Area::from_code) {
            (
                crate::domain::scope::area(&ws, a),
                format!("领域：{}", a.zh()),
                a.code().to_lowercase(),
                None,
                Some(a),
            )
        } else {
            return;
        };
        let scope = Scope {
            root,
            area,
            label,
            for_office: (!who.is_empty()).then_some(who),
        };
        match app.export_partial(records, scope, &tag) {
            Ok(name) => app.toast.set(Some(Text::new(
                format!("已导出部分数据 {name}"),
                format!("Exported part of the data: {name}"),
            ))),
            Err(t) => app.toast.set(Some(t)),
        }
    };
    view! {
        <section class="block" id="export">
            <h2>{t!(i18n, export_title)}</h2>
            <p class="hint">{t!(i18n, export_hint)}</p>
            <p>
                <button class="btn btn-primary" id="export-button" on:click=export>{t!(i18n, export_button)}</button>
                " "
                <span id="last-exported">{t!(i18n, merge_last_exported)} " "
                    {move || app.last_export.get().map(local_time).unwrap_or_else(|| t_string!(i18n, merge_never_exported).to_string())}
                </span>
            </p>
            <Show when=move || app.export_reminder_due()>
                <div class="notice notice-bad" id="export-reminder" role="status">
                    {move || t_string!(i18n, merge_export_reminder).replace("{days}", &app.reminder_days.get().to_string())}
                </div>
            </Show>
            <div class="form form-inline">
                <div class="field">
                    <label for="reminder-days">{t!(i18n, merge_reminder_days)}</label>
                    <input id="reminder-days" type="number" min="1" max="365" prop:value=move || app.reminder_days.get().to_string() on:change=set_days />
                </div>
            </div>
            <h3>{t!(i18n, merge_partial_title)}</h3>
            <p class="hint">{t!(i18n, merge_partial_hint)}</p>
            <div class="form form-inline">
                <div class="field">
                    <label for="partial-scope">{t!(i18n, merge_partial_scope)}</label>
                    <select id="partial-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                        {move || scopes().into_iter().map(|(v, l)| { let sel = v == scope.get(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="partial-for">{t!(i18n, merge_partial_for)}</label>
                    <input id="partial-for" type="text" prop:value=move || for_office.get() on:input=move |ev| for_office.set(event_target_value(&ev)) />
                </div>
                <button class="btn" id="export-partial" on:click=export_partial>{t!(i18n, merge_partial_button)}</button>
            </div>
        </section>
    }
}

/// Which screen of the import is shown; the review keeps its DOM while decisions change, so
/// focus stays on the checkbox a keyboard user just toggled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Idle,
    Working,
    Checked,
    Review,
    Other,
}

#[component]
fn ImportBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        app.import_file(file);
    };
    // The demo can try a merge in one browser with a sample park office's file (§7.8).
    let has_sample = move || {
        app.desk.with(|d| {
            d.ws()
                .provenance_count(crate::domain::meta::Provenance::Sample)
                > 0
        })
    };
    let try_sample = move |_| {
        let file = crate::domain::sample_exchange::park_office_file();
        match crate::domain::snapshot::to_json(&file) {
            Ok(text) => app.check_import("示例交换文件-高黎贡山园区.json".into(), text),
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    // Read by reference: a checked province-scale file is too large to copy on every change.
    let screen = Memo::new(move |_| {
        app.import.with(|s| match s {
            ImportStage::Idle => Screen::Idle,
            ImportStage::Working { .. } => Screen::Working,
            ImportStage::Checked { .. } => Screen::Checked,
            ImportStage::Review { .. } => Screen::Review,
            _ => Screen::Other,
        })
    });
    view! {
        <section class="block" id="import">
            <h2>{t!(i18n, import_title)}</h2>
            <p class="hint">{t!(i18n, import_hint)}</p>
            <div class="field">
                <label for="import-file">{t!(i18n, import_choose)}</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            <Show when=has_sample>
                <p class="hint">{t!(i18n, merge_sample_hint)} " "
                    <button class="btn btn-small" id="load-sample-exchange" on:click=try_sample>{t!(i18n, merge_sample_button)}</button>
                </p>
            </Show>
            {move || match screen.get() {
                Screen::Idle => None,
                Screen::Working => Some(view! { <ImportProgress /> }.into_any()),
                Screen::Checked => Some(view! { <CheckedPanel /> }.into_any()),
                Screen::Review => Some(view! { <MergeReview /> }.into_any()),
                Screen::Other => Some(view! { <ResultPanel /> }.into_any()),
            }}
        </section>
    }
}

/// Files above this size get a note that parsing may hold the page for a while.
const LARGE_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// The import's steps while a file is being checked: done, current (with the time since the
/// import started) and to come. The page is painted before each step; a long single step (the
/// parse of a very large file) cannot update the clock while it runs, so it says so beforehand.
#[component]
fn ImportProgress() -> impl IntoView {
    use crate::ui::state::ImportStep;
    let i18n = use_i18n();
    let app = use_app();
    let tick = RwSignal::new(crate::ui::perf::now());
    let handle = set_interval_with_handle(
        move || tick.set(crate::ui::perf::now()),
        std::time::Duration::from_millis(200),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
    let state = move || {
        app.import.with(|s| match s {
            ImportStage::Working {
                file,
                step,
                started,
                bytes,
            } => Some((file.clone(), *step, *started, *bytes)),
            _ => None,
        })
    };
    let label = move |step: ImportStep| match step {
        ImportStep::Read => t_string!(i18n, scale_step_read).to_string(),
        ImportStep::Parse => t_string!(i18n, scale_step_parse).to_string(),
        ImportStep::Checksum => t_string!(i18n, scale_step_checksum).to_string(),
        ImportStep::Migrate => t_string!(i18n, scale_step_migrate).to_string(),
        ImportStep::Decode => t_string!(i18n, scale_step_decode).to_string(),
        ImportStep::Validate => t_string!(i18n, scale_step_validate).to_string(),
        ImportStep::Ready => t_string!(i18n, scale_step_ready).to_string(),
    };
    move || {
        let (file, step, started, bytes) = state()?;
        let now = ImportStep::ALL.iter().position(|s| *s == step).unwrap_or(0);
        let elapsed = format!("{:.1}", (tick.get().max(started) - started) / 1000.0);
        let mb = format!("{:.1}", bytes / 1024.0 / 1024.0);
        let large = bytes >= LARGE_FILE_BYTES;
        Some(view! {
            <div class="notice import-progress" id="import-progress" role="status" aria-live="polite" data-step=step.code()>
                <p><strong>{file}</strong> " (" {mb} " MB) — " {label(step)} "… "
                   <span id="import-elapsed">{t!(i18n, scale_elapsed)} " " {elapsed} " s"</span></p>
                <ol class="import-steps">
                    {ImportStep::ALL.iter().enumerate().map(|(n, s)| {
                        let state = if n < now { "done" } else if n == now { "current" } else { "todo" };
                        view! { <li data-state=state aria-current=(n == now).then_some("step")>{label(*s)}</li> }
                    }).collect_view()}
                </ol>
                {large.then(|| view! { <p class="hint" id="import-large">{t!(i18n, scale_large_file)}</p> })}
            </div>
        })
    }
}

#[component]
fn ResultPanel() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    move || {
        let stage = app.import.with(|s| match s {
            ImportStage::Done(_) | ImportStage::Merged { .. } | ImportStage::Failed { .. } => {
                Some(s.clone())
            }
            _ => None,
        })?;
        match stage {
        ImportStage::Done(t) => Some(view! { <div class="notice notice-ok" id="import-done" role="status">{text_view(t)}</div> }.into_any()),
        ImportStage::Merged { summary, left_out } => Some(view! {
            <div class="notice notice-ok" id="merge-done" role="status">
                <p>{text_view(summary)}</p>
                {(!left_out.is_empty()).then(|| view! {
                    <p>{t!(i18n, merge_left_out)}</p>
                    <ul id="merge-left-out">{left_out.into_iter().map(|(what, why)| view! { <li><strong>{what}</strong> "：" {text_view(why)}</li> }).collect_view()}</ul>
                })}
                <p class="hint">{t!(i18n, merge_done_hint)}</p>
                <button class="btn" id="merge-close" on:click=move |_| app.import.set(ImportStage::Idle)>{t!(i18n, dismiss)}</button>
            </div>
        }.into_any()),
        ImportStage::Failed { file, error, details } => Some(view! {
            <div class="notice notice-bad" id="import-error" role="alert">
                <p><strong>{file}</strong> " — " {text_view(error)}</p>
                <ul class="error-details">{details.into_iter().map(|d| view! { <li>{text_view(d)}</li> }).collect_view()}</ul>
                <p>{t!(i18n, import_nothing_changed)}</p>
            </div>
        }.into_any()),
        _ => None,
    }
    }
}

fn integrity_state(i: &Integrity) -> &'static str {
    match i {
        Integrity::Verified => "verified",
        Integrity::Missing => "missing",
        Integrity::Altered { .. } => "altered",
    }
}

/// Where a file comes from: office, time, checksum state, scope.
#[component]
fn Provenance(preview: crate::domain::snapshot::Preview, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let p = preview;
    let state = integrity_state(&p.integrity);
    let class = match state {
        "verified" => "integrity integrity-ok",
        "missing" => "integrity integrity-missing",
        _ => "integrity integrity-bad",
    };
    let role = p.office.role;
    view! {
        <div class="provenance" id=id>
            <p>{t!(i18n, import_from_office)} " " <strong>{p.office.name.clone()}</strong> " (" {move || role.label(lang())} ") · "
               {t!(i18n, import_exported_at)} " " {local_time(p.exported_at)}</p>
            <p class=class data-integrity=state>{text_view(p.integrity.text())}</p>
            {p.scope.clone().map(|s| view! {
                <p class="scope" data-scope="partial">{t!(i18n, merge_scope)} " " <strong>{s.label.clone()}</strong>
                    {s.for_office.clone().map(|o| view! { " · " {t!(i18n, merge_scope_for)} " " {o} })}</p>
            })}
        </div>
    }
}

#[component]
fn CheckedPanel() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let (file, p) = app.import.with_untracked(|s| match s {
        ImportStage::Checked { file, checked } => Some((file.clone(), checked.preview.clone())),
        _ => None,
    })?;
    let altered = matches!(p.integrity, Integrity::Altered { .. });
    let partial = p.scope.is_some();
    let confirmed = RwSignal::new(!altered);
    let has_data = app.desk.with_untracked(|d| !d.ws().is_empty());
    let role_of_file = p.office.role;
    let other_role = role_of_file != app.office.with_untracked(|o| o.role);
    Some(view! {
        <div class="notice" id="import-preview">
            <h3>{t!(i18n, import_preview_title)} " " <code>{file}</code></h3>
            <Provenance preview=p.clone() id="import-provenance" />
            {(p.from_schema < u64::from(crate::domain::snapshot::SCHEMA_VERSION) || !p.migration_notes.is_empty()).then(|| view! {
                <div class="notice-info"><p>{t!(i18n, import_migrated)}</p>
                <ul>{p.migration_notes.clone().into_iter().map(|n| view! { <li>{text_view(n)}</li> }).collect_view()}</ul></div>
            })}
            <table class="table table-compact" id="import-counts">
                <thead><tr><th scope="col">{t!(i18n, col_kind_of_data)}</th><th scope="col">{t!(i18n, import_in_file)}</th><th scope="col">{t!(i18n, import_current)}</th></tr></thead>
                <tbody>
                    {p.counts.iter().map(|(k, n)| {
                        let k = *k;
                        let now = app.desk.with_untracked(|d| d.ws().count_live(k));
                        view! { <tr data-kind=k.code()><th scope="row">{move || k.label(lang())}</th><td class="num">{*n}</td><td class="num">{now}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            {(!p.unknown.is_empty()).then(|| {
                let more = p.unknown.len().saturating_sub(20);
                view! {
                    <div class="notice-info" id="import-unknown"><p>{t!(i18n, import_unknown)}</p>
                    <ul>{p.unknown.iter().take(20).map(|u| view! { <li><code>{u.clone()}</code></li> }).collect_view()}</ul>
                    {(more > 0).then(|| view! { <p>{move || t_string!(i18n, import_unknown_more).replace("{n}", &more.to_string())}</p> })}</div>
                }
            })}
            {(p.samples > 0).then(|| view! { <p><ProvenanceBadge provenance=crate::domain::meta::Provenance::Sample /> " " {p.samples} " " {t!(i18n, import_samples)}</p> })}
            {altered.then(|| view! {
                <p class="field-check">
                    <input type="checkbox" id="import-altered-ok" on:change=move |ev| confirmed.set(event_target_checked(&ev)) />
                    " " <label for="import-altered-ok">{t!(i18n, merge_altered_confirm)}</label>
                </p>
            })}
            <p>{if has_data { t!(i18n, merge_mode_hint).into_any() } else { t!(i18n, merge_mode_hint_empty).into_any() }}</p>
            <div class="import-actions">
                <button class=if has_data { "btn btn-primary" } else { "btn" } id="merge-review" disabled=move || !confirmed.get()
                    on:click=move |_| app.start_merge()>{t!(i18n, merge_review_button)}</button>
                " "
                {(!partial).then(|| view! {
                    <button class=if has_data { "btn" } else { "btn btn-primary" } id="import-confirm" disabled=move || !confirmed.get()
                        on:click=move |_| app.confirm_import()>{t!(i18n, import_confirm)}</button>
                })}
                " "
                <button class="btn" id="import-cancel" on:click=move |_| app.import.set(ImportStage::Idle)>{t!(i18n, cancel)}</button>
            </div>
            {if partial { t!(i18n, merge_partial_only).into_any() } else { view! { <p class="warn-text">{t!(i18n, import_replace_warning)}</p> }.into_any() }}
            {(!partial && has_data && other_role).then(|| view! {
                <p class="warn-text" id="import-other-role">{move || t_string!(i18n, import_other_role).replace("{role}", role_of_file.label(lang()))}</p>
            })}
        </div>
    })
}

/// The offices known here plus those named in the file under review (for names of who changed
/// what).
fn review_directory() -> Vec<Office> {
    let app = use_app();
    let mut dir = app.directory.get_untracked();
    app.import.with_untracked(|s| {
        if let ImportStage::Review { checked, .. } = s {
            merge::merge_file_offices(
                &mut dir,
                &checked.snapshot.offices,
                &checked.snapshot.office,
            );
        }
    });
    dir
}

/// The item of the review with this kind and id (tracked).
fn review_item(kind: Kind, id: &str) -> Option<Item> {
    let app = use_app();
    app.import.with(|s| match s {
        // Items come in workspace order (kind, then id): a binary search keeps long reviews fast.
        ImportStage::Review { plan, .. } => plan
            .items
            .binary_search_by(|i| (i.kind, i.id.as_str()).cmp(&(kind, id)))
            .ok()
            .and_then(|n| plan.items.get(n))
            .or_else(|| plan.items.iter().find(|i| i.kind == kind && i.id == id))
            .cloned(),
        _ => None,
    })
}

/// Reads the plan under review without copying it.
fn with_plan<R: Default>(f: impl FnOnce(&merge::Plan) -> R) -> R {
    use_app().import.with(|s| match s {
        ImportStage::Review { plan, .. } => f(plan),
        _ => R::default(),
    })
}

/// Rows shown per group before "show all" (a large first exchange can hold thousands).
const ROWS_SHOWN: usize = 100;

#[component]
fn MergeReview() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let (file, preview) = app.import.with_untracked(|s| match s {
        ImportStage::Review { file, checked, .. } => Some((file.clone(), checked.preview.clone())),
        _ => None,
    })?;
    let counts = move || {
        with_plan(|p| {
            Class::ALL
                .iter()
                .map(|c| (*c, p.count(*c)))
                .collect::<Vec<_>>()
        })
    };
    let applying = move || with_plan(|p| p.items.iter().filter(|i| i.applies()).count());
    // The kinds with anything to review, in the workspace's order.
    let kinds = move || {
        with_plan(|p| {
            Kind::ALL
                .iter()
                .copied()
                .filter(|k| p.items.iter().any(|i| i.kind == *k))
                .collect::<Vec<_>>()
        })
    };
    let nothing = move || with_plan(|p| p.items.is_empty());
    Some(view! {
        <div class="notice merge-review" id="merge-review-screen">
            <h3>{t!(i18n, merge_review_title)} " " <code>{file}</code></h3>
            <Provenance preview=preview.clone() id="merge-provenance" />
            {move || {
                let claims = app.role_claims();
                let dir = app.directory.get_untracked();
                (!claims.is_empty()).then(|| view! {
                    <div class="notice notice-bad" id="role-claims"><p>{t!(i18n, merge_role_claims)}</p>
                    <ul>{claims.into_iter().map(|c| {
                        let (office, claimed) = (c.office.clone(), c.claimed);
                        view! { <li data-office=c.office.clone()>
                            <strong>{merge::office_name(&dir, &c.office)}</strong> "：" {c.known.label(lang())} " → " {claimed.label(lang())} " "
                            <button class="btn adopt-role" on:click=move |_| app.adopt_role(&office, claimed)>{t!(i18n, merge_role_adopt)}</button>
                        </li> }
                    }).collect_view()}</ul></div>
                })
            }}
            <table class="table table-compact merge-counts" id="merge-counts">
                <thead><tr>{move || counts().into_iter().map(|(c, _)| view! { <th scope="col">{c.label(lang())}</th> }).collect_view()}</tr></thead>
                <tbody><tr>{move || counts().into_iter().map(|(c, n)| view! { <td class="num" data-class=c.code()>{n}</td> }).collect_view()}</tr></tbody>
            </table>
            <p class="hint">{t!(i18n, merge_review_hint)}</p>
            <Show when=nothing>
                <p id="merge-nothing">{t!(i18n, merge_nothing)}</p>
            </Show>
            <For each=kinds key=|k| k.code() let:kind>
                <section class="merge-kind" data-kind=kind.code()>
                    <h4>{move || kind.label(lang())}
                        " " <span class="hint">{move || with_plan(|p| p.unchanged.get(&kind).copied()).map(|n| format!("（{} {n}）", Class::Unchanged.label(lang()))).unwrap_or_default()}</span></h4>
                    <For each=move || {
                            with_plan(|p| Class::ALL.iter().copied().filter(|c| p.items.iter().any(|i| i.kind == kind && i.class == *c)).collect::<Vec<_>>())
                        } key=|c| c.code() let:class>
                        <ClassGroup kind=kind class=class />
                    </For>
                </section>
            </For>
            <div class="import-actions">
                <button class="btn btn-primary" id="merge-apply" on:click=move |_| app.apply_merge()>
                    {move || t_string!(i18n, merge_apply).replace("{n}", &applying().to_string())}
                </button>
                " "
                <button class="btn" id="merge-cancel" on:click=move |_| app.import.set(ImportStage::Idle)>{t!(i18n, cancel)}</button>
            </div>
        </div>
    })
}

#[component]
fn ClassGroup(kind: Kind, class: Class) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let ids = move || {
        app.import.with(|s| match s {
            ImportStage::Review { plan, .. } => plan
                .items
                .iter()
                .filter(|i| i.kind == kind && i.class == class)
                .map(|i| i.id.clone())
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    let set_all = move |accept: bool| {
        app.decide(|d, plan| {
            for i in plan
                .items
                .iter()
                .filter(|i| i.kind == kind && i.class == class)
            {
                d.entry((kind, i.id.clone())).or_default().accept = Some(accept);
            }
        })
    };
    let group_id = format!("merge-group-{}-{}", kind.code(), class.code());
    let shown = RwSignal::new(ROWS_SHOWN);
    let total = move || ids().len();
    let visible = move || {
        let mut v = ids();
        v.truncate(shown.get());
        v
    };
    view! {
        <div class="merge-group" data-kind=kind.code() data-class=class.code() id=group_id>
            <div class="merge-group-head">
                <strong>{move || class.label(lang())}</strong> " " <span class="count">{move || ids().len()}</span>
                " " <button class="btn btn-small merge-all" on:click=move |_| set_all(true)>{t!(i18n, merge_select_all)}</button>
                " " <button class="btn btn-small merge-none" on:click=move |_| set_all(false)>{t!(i18n, merge_select_none)}</button>
            </div>
            <table class="table table-compact merge-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, merge_col_accept)}</th>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, merge_col_by)}</th>
                    <th scope="col">{t!(i18n, merge_col_details)}</th>
                </tr></thead>
                <tbody>
                    <For each=visible key=|id| id.clone() let:id>
                        <ItemRow kind=kind id=id />
                    </For>
                </tbody>
            </table>
            <Show when=move || { total() > shown.get() }>
                <button class="btn btn-small merge-more" on:click=move |_| shown.set(usize::MAX)>
                    {move || t_string!(i18n, merge_show_all).replace("{n}", &total().to_string())}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn ItemRow(kind: Kind, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let first = review_item(kind, &id)?;
    let id2 = id.clone();
    let item = Memo::new(move |_| review_item(kind, &id2));
    let accepted = move || item.with(|i| i.as_ref().is_some_and(|i| i.accepted));
    let refused = Memo::new(move |_| item.with(|i| i.as_ref().and_then(|i| i.refused.clone())));
    let id3 = id.clone();
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let id = id3.clone();
        app.decide(move |d, _| d.entry((kind, id)).or_default().accept = Some(on));
    };
    let by = merge::office_name(&review_directory(), &first.incoming_by);
    let label = first.label.clone();
    let check_id = format!("merge-accept-{id}");
    let aria = format!("{} {}", t_string!(i18n, merge_col_accept), label);
    let dup_of = first
        .duplicate_of
        .clone()
        .map(|d| app.desk.with_untracked(|x| x.ws().label_of(kind, &d)));
    let class = first.class;
    // SAMPLE records are badged here too (BR-F1).
    let provenance = first.result.as_ref().map(|r| r.meta().provenance);
    Some(view! {
        <tr data-id=id.clone() data-class=class.code() class:merge-refused=move || refused.with(Option::is_some)>
            <td><input type="checkbox" id=check_id prop:checked=accepted on:change=toggle aria-label=aria /></td>
            <th scope="row">{label} {provenance.map(|p| view! { " " <ProvenanceBadge provenance=p /> })}</th>
            <td>{by}</td>
            <td>
                {match class {
                    Class::New => Some(t!(i18n, merge_new_record).into_any()),
                    Class::Deleted => Some(t!(i18n, merge_deleted_record).into_any()),
                    Class::Duplicate => Some(view! { {t!(i18n, merge_duplicate_of)} " “" {dup_of.clone().unwrap_or_default()} "”。" {t!(i18n, merge_duplicate_hint)} }.into_any()),
                    _ => None,
                }}
                {first.groups.iter().map(|g| view! { <GroupView kind=kind id=id.clone() code=g.code /> }).collect_view()}
                {move || refused.get().map(|t| view! { <p class="merge-refused-reason" role="note">{t!(i18n, merge_refused)} " " {text_view(t)}</p> })}
            </td>
        </tr>
    })
}

#[component]
fn GroupView(kind: Kind, id: String, code: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let id2 = id.clone();
    let group =
        move || review_item(kind, &id2).and_then(|i| i.groups.into_iter().find(|g| g.code == code));
    let g = group()?;
    let chosen = {
        let id = id.clone();
        move || {
            let from_decision = app.import.with(|s| match s {
                ImportStage::Review { decisions, .. } => decisions
                    .get(&(kind, id.clone()))
                    .and_then(|d| d.sides.get(code).copied()),
                _ => None,
            });
            from_decision.unwrap_or(g.default_side)
        }
    };
    let conflict = g.state == GroupState::Conflict;
    let choice = conflict || !g.owned;
    let dir = review_directory();
    let name = |o: &Option<String>| {
        o.as_deref()
            .map(|x| merge::office_name(&dir, x))
            .unwrap_or_default()
    };
    let (ours_by, theirs_by) = (name(&g.local_author), name(&g.incoming_author));
    let ws = app.ws_untracked();
    let rows: Vec<(String, String, String)> = g
        .fields
        .iter()
        .map(|f| {
            let label = merge::field_label(&f.field)
                .map(|(zh, en)| if lang() == Lang::Zh { zh } else { en }.to_string())
                .unwrap_or_else(|| f.field.clone());
            (
                label,
                merge::display_value(&ws, kind, &f.field, &f.local, lang()),
                merge::display_value(&ws, kind, &f.field, &f.incoming, lang()),
            )
        })
        .collect();
    let radio = format!("merge-side-{id}-{code}");
    let pick = move |side: Side| {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            app.decide(move |d, _| {
                d.entry((kind, id))
                    .or_default()
                    .sides
                    .insert(code.to_string(), side);
            })
        }
    };
    let (zh, en) = (g.zh, g.en);
    let chosen2 = chosen.clone();
    Some(view! {
        <div class="merge-groupdiff" data-group=code data-state=if g.state == GroupState::Conflict { "conflict" } else { "incoming" } data-owned=g.owned.to_string()>
            <span class="group-label">{move || if lang() == Lang::Zh { zh } else { en }}</span>
            {(g.state == GroupState::Conflict).then(|| view! { " " <span class="badge badge-problem">{t!(i18n, merge_badge_conflict)}</span> })}
            {(!g.owned).then(|| view! { " " <span class="badge badge-warn" title="BR-F4">{t!(i18n, merge_badge_not_owned)}</span> })}
            <ul class="field-diffs">
                {rows.into_iter().map(|(l, a, b)| if conflict {
                    view! { <li><span class="field-name">{l}</span> "：" <span class="ours">{t!(i18n, merge_ours)} " " {a}</span> " ｜ " <span class="theirs">{t!(i18n, merge_theirs)} " " {b}</span></li> }.into_any()
                } else {
                    view! { <li><span class="field-name">{l}</span> "：" <span class="old">{a}</span> " → " <span class="new">{b}</span></li> }.into_any()
                }).collect_view()}
            </ul>
            {choice.then(|| view! {
                <fieldset class="side-choice">
                    <legend class="sr-only">{t!(i18n, merge_choose_side)}</legend>
                    <label><input type="radio" name=radio.clone() value="local" prop:checked=move || chosen() == Side::Local on:change=pick(Side::Local) />
                        " " {t!(i18n, merge_keep_local)} {(!ours_by.is_empty()).then(|| format!("（{ours_by}）"))}</label>
                    " "
                    <label><input type="radio" name=radio.clone() value="incoming" prop:checked=move || chosen2() == Side::Incoming on:change=pick(Side::Incoming) />
                        " " {t!(i18n, merge_take_incoming)} {(!theirs_by.is_empty()).then(|| format!("（{theirs_by}）"))}</label>
                </fieldset>
            })}
        </div>
    })
}

#[component]
fn BackupBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    // Re-read when data or backups change.
    let backups = move || {
        app.desk.track();
        app.backups_changed.track();
        crate::persist::list_backups(&crate::persist::local::LocalStore)
    };
    let has_backup = move || {
        app.desk.track();
        app.backups_changed.track();
        app.has_import_backup()
    };
    let keys = move || {
        app.desk.track();
        crate::persist::backup_keys(&crate::persist::local::LocalStore)
    };
    let is_empty = move || app.desk.with(|d| d.ws().is_empty());
    let used = move || {
        app.save.track();
        app.backups_changed.track();
        crate::persist::local::used_units()
    };
    let restored = move |r: Result<usize, Text>| match r {
        Ok(0) => app.toast.set(Some(Text::new(
            "已恢复备份（可撤销）",
            "Backup restored (undoable)",
        ))),
        Ok(n) => app.toast.set(Some(Text::new(
            format!("已按原样恢复备份（可撤销）；其中有 {n} 处阻止级规则问题，请逐一处理"),
            format!(
                "Backup restored as it was (undoable); it has {n} blocking rule problems to fix"
            ),
        ))),
        Err(t) => app.toast.set(Some(t)),
    };
    view! {
        <section class="block" id="backups">
            <h2>{t!(i18n, backups_title)}</h2>
            <p class="hint">{t!(i18n, merge_backups_hint)}</p>
            <p>
                <button class="btn" id="restore-backup" disabled=move || !has_backup() on:click=move |_| restored(app.restore_import_backup())>{t!(i18n, restore_backup)}</button>
                " "
                <Show when=is_empty>
                    <button class="btn" id="load-demo" on:click=move |_| if let Err(t) = app.load_demo() { app.toast.set(Some(t)) }>{t!(i18n, load_demo)}</button>
                </Show>
            </p>
            <table class="table table-compact" id="backup-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, audit_time)}</th>
                    <th scope="col">{t!(i18n, merge_backup_reason)}</th>
                    <th scope="col">{t!(i18n, merge_backup_records)}</th>
                    <th scope="col">{t!(i18n, merge_backup_size)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || backups().into_iter().rev().enumerate().map(|(n, b)| {
                        let key = b.key.clone();
                        let key2 = b.key.clone();
                        let reason = b.reason;
                        view! {
                            <tr data-reason=reason.code()>
                                <td class="nowrap">{local_time(b.at)}</td>
                                <td>{move || reason.label(lang())}</td>
                                <td class="num">{b.records}</td>
                                <td class="num">{format!("{:.1} KB", b.size as f64 * 2.0 / 1024.0)}</td>
                                <td>
                                    <button class="btn btn-small" id=format!("backup-restore-{n}") on:click=move |_| restored(app.restore_backup(&key))>{t!(i18n, merge_restore)}</button>
                                    " "
                                    <button class="btn btn-small" on:click=move |_| {
                                        if let Some(v) = app.backup_value(&key2) { let _ = crate::ui::browser::download(&format!("{key2}.json"), &v, "application/json"); }
                                    }>{t!(i18n, download)}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || !keys().is_empty()>
                <h3>{t!(i18n, other_backups)}</h3>
                <ul id="backup-keys">
                    {move || keys().into_iter().map(|k| {
                        let k2 = k.clone();
                        view! { <li><code>{k.clone()}</code> " " <button class="btn btn-small" on:click=move |_| {
                            if let Some(v) = app.backup_value(&k2) { let _ = crate::ui::browser::download(&format!("{k2}.json"), &v, "application/json"); }
                        }>{t!(i18n, download)}</button></li> }
                    }).collect_view()}
                </ul>
            </Show>
            <p class="hint">{t!(i18n, storage_used)} " " <span id="storage-used">{move || format!("{:.1} KB", used() as f64 * 2.0 / 1024.0)}</span></p>
            <p>
                <span id="storage-persisted" data-state=move || match app.persisted.get() { Some(true) => "granted", Some(false) => "denied", None => "unknown" }>
                    {move || match app.persisted.get() {
                        Some(true) => t_string!(i18n, merge_persist_granted).to_string(),
                        Some(false) => t_string!(i18n, merge_persist_denied).to_string(),
                        None => t_string!(i18n, merge_persist_unknown).to_string(),
                    }}
                </span>
                " "
                <Show when=move || app.persisted.get() != Some(true)>
                    <button class="btn btn-small" id="storage-persist" on:click=move |_| app.request_persist()>{t!(i18n, merge_persist_ask)}</button>
                </Show>
            </p>
        </section>
    }
}

#[component]
fn AuditBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let rows = move || {
        app.desk.with(|d| {
            d.audit()
                .iter()
                .rev()
                .take(200)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="audit">
            <h2>{t!(i18n, audit_title)}</h2>
            <table class="table table-compact" id="audit-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, audit_time)}</th>
                    <th scope="col">{t!(i18n, audit_office)}</th>
                    <th scope="col">{t!(i18n, audit_action)}</th>
                    <th scope="col">{t!(i18n, audit_summary)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|a| {
                        let local = a.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string();
                        view! { <tr data-action=a.action.code()><td class="nowrap">{local}</td><td>{a.office_name.clone()}</td><td>{a.action.label(lang())}</td><td>{if lang() == Lang::Zh { a.summary.zh.clone() } else { a.summary.en.clone() }}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
