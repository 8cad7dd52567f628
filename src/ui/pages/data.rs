//! 数据: the office profile, export, import (file picker or drag-and-drop anywhere) with a preview
//! before anything changes, the pre-import backup, other backups, and the audit log.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::page_title;
use crate::domain::meta::{Office, Role};
use crate::domain::text::{Lang, Text};
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

#[component]
fn OfficeProfile() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let office = app.office.get_untracked();
    let name = RwSignal::new(office.name.clone());
    let role = RwSignal::new(office.role.code().to_string());
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
        app.save_office(Office {
            id: current.id,
            name: n,
            role: Role::from_code(&role.get_untracked()).unwrap_or(Role::Bianban),
        });
        app.toast.set(Some(Text::new(
            "已保存本机单位信息",
            "Office profile saved",
        )));
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
                <button type="submit" class="btn" id="office-save">{t!(i18n, save)}</button>
            </form>
        </section>
    }
}

#[component]
fn ExportBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let export = move |_| match app.export() {
        Ok(name) => app.toast.set(Some(Text::new(
            format!("已导出 {name}"),
            format!("Exported {name}"),
        ))),
        Err(t) => app.toast.set(Some(t)),
    };
    view! {
        <section class="block" id="export">
            <h2>{t!(i18n, export_title)}</h2>
            <p class="hint">{t!(i18n, export_hint)}</p>
            <button class="btn btn-primary" id="export-button" on:click=export>{t!(i18n, export_button)}</button>
        </section>
    }
}

#[component]
fn ImportBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            match crate::ui::browser::read_text(file).await {
                Ok(text) => app.check_import(name, &text),
                Err(e) => app.import.set(ImportStage::Failed {
                    file: name,
                    error: Text::new(
                        format!("无法读取文件：{e}"),
                        format!("Cannot read the file: {e}"),
                    ),
                    details: Vec::new(),
                }),
            }
        });
    };
    view! {
        <section class="block" id="import">
            <h2>{t!(i18n, import_title)}</h2>
            <p class="hint">{t!(i18n, import_hint)}</p>
            <div class="field">
                <label for="import-file">{t!(i18n, import_choose)}</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            {move || match app.import.get() {
                ImportStage::Idle => None,
                ImportStage::Done(t) => Some(view! { <div class="notice notice-ok" id="import-done" role="status">{text_view(t)}</div> }.into_any()),
                ImportStage::Failed { file, error, details } => Some(view! {
                    <div class="notice notice-bad" id="import-error" role="alert">
                        <p><strong>{file}</strong> " — " {text_view(error)}</p>
                        <ul class="error-details">{details.into_iter().map(|d| view! { <li>{text_view(d)}</li> }).collect_view()}</ul>
                        <p>{t!(i18n, import_nothing_changed)}</p>
                    </div>
                }.into_any()),
                ImportStage::Checked { file, checked } => {
                    let p = checked.preview.clone();
                    Some(view! {
                        <div class="notice" id="import-preview">
                            <h3>{t!(i18n, import_preview_title)} " " <code>{file}</code></h3>
                            <p>{t!(i18n, import_from_office)} " " <strong>{p.office.name.clone()}</strong> " (" {move || p.office.role.label(lang())} ") · "
                               {t!(i18n, import_exported_at)} " " {p.exported_at.format("%Y-%m-%d %H:%M UTC").to_string()}</p>
                            {(p.from_schema < u64::from(crate::domain::snapshot::SCHEMA_VERSION)).then(|| view! {
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
                            {(p.samples > 0).then(|| view! { <p><ProvenanceBadge provenance=crate::domain::meta::Provenance::Sample /> " " {p.samples} " " {t!(i18n, import_samples)}</p> })}
                            <p class="warn-text">{t!(i18n, import_replace_warning)}</p>
                            <button class="btn btn-primary" id="import-confirm" on:click=move |_| app.confirm_import()>{t!(i18n, import_confirm)}</button>
                            " "
                            <button class="btn" id="import-cancel" on:click=move |_| app.import.set(ImportStage::Idle)>{t!(i18n, cancel)}</button>
                        </div>
                    }.into_any())
                }
            }}
        </section>
    }
}

#[component]
fn BackupBlock() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    // Re-read when data changes (an import creates the backup).
    let has_backup = move || {
        app.desk.track();
        app.has_import_backup()
    };
    let keys = move || {
        app.desk.track();
        crate::persist::backup_keys(&crate::persist::local::LocalStore)
    };
    let is_empty = move || app.desk.with(|d| d.ws().is_empty());
    let used = move || {
        app.save.track();
        crate::persist::local::used_units()
    };
    view! {
        <section class="block" id="backups">
            <h2>{t!(i18n, backups_title)}</h2>
            <p>
                <button class="btn" id="restore-backup" disabled=move || !has_backup() on:click=move |_| {
                    match app.restore_import_backup() {
                        Ok(()) => app.toast.set(Some(Text::new("已恢复导入前的数据（可撤销）", "Restored the data from before the import (undoable)"))),
                        Err(t) => app.toast.set(Some(t)),
                    }
                }>{t!(i18n, restore_backup)}</button>
                " "
                <Show when=is_empty>
                    <button class="btn" id="load-demo" on:click=move |_| if let Err(t) = app.load_demo() { app.toast.set(Some(t)) }>{t!(i18n, load_demo)}</button>
                </Show>
            </p>
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
                        view! { <tr><td class="nowrap">{local}</td><td>{a.office_name.clone()}</td><td>{a.action.label(lang())}</td><td>{if lang() == Lang::Zh { a.summary.zh.clone() } else { a.summary.en.clone() }}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
