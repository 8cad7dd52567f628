//! Shared pieces of the list-and-form sections: the editing state, labelled inputs bound to
//! signals with their field errors, option lists, the save path through a domain command, the
//! error summary, form buttons, delete with confirmation and the issues standing on a record.

use leptos::prelude::*;

use crate::domain::command::{Command, CommandError};
use crate::domain::rules::{Severity, Violation};
use crate::domain::text::{Lang, Text};
use crate::domain::workspace::{Data, Kind};
use crate::ui::i18n::*;
use crate::ui::state::{AppState, use_app};
use crate::ui::widgets::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    Closed,
    New,
    /// Record id and the revision the editor starts from.
    Edit(String, u32),
}

pub type FieldErrors = RwSignal<Vec<Violation>>;
pub type Options = Vec<(String, String)>;

pub fn invalid(
    errors: FieldErrors,
    field: &'static str,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        errors
            .with(|e| e.iter().any(|v| v.field == Some(field)))
            .to_string()
    }
}

pub fn input<L: IntoView + 'static>(
    id: &'static str,
    label: L,
    value: RwSignal<String>,
    errors: FieldErrors,
    field: &'static str,
    kind: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=field type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) aria-invalid=invalid(errors, field) />
            <FieldError errors field />
        </div>
    }
}

pub fn textarea<L: IntoView + 'static>(
    id: &'static str,
    label: L,
    value: RwSignal<String>,
    errors: FieldErrors,
    field: &'static str,
) -> impl IntoView {
    view! {
        <div class="field field-wide">
            <label for=id>{label}</label>
            <textarea id=id name=field rows="2" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) aria-invalid=invalid(errors, field)></textarea>
            <FieldError errors field />
        </div>
    }
}

pub fn select<L: IntoView + 'static>(
    id: &'static str,
    label: L,
    value: RwSignal<String>,
    options: impl Fn() -> Options + Send + Sync + 'static,
    errors: FieldErrors,
    field: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=field on:change=move |ev| value.set(event_target_value(&ev)) aria-invalid=invalid(errors, field)>
                {move || options().into_iter().map(|(v, l)| {
                    let selected = v == value.get();
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            <FieldError errors field />
        </div>
    }
}

pub fn checkbox<L: IntoView + 'static>(
    id: &'static str,
    label: L,
    value: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="field field-check">
            <input id=id type="checkbox" prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev)) />
            <label for=id>{label}</label>
        </div>
    }
}

/// A group of checkboxes over (value, label) options, holding the checked values.
pub fn check_group<L: IntoView + 'static>(
    id: &'static str,
    legend: L,
    value: RwSignal<Vec<String>>,
    options: impl Fn() -> Options + Send + Sync + 'static,
    errors: FieldErrors,
    field: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="field field-wide check-group" id=id>
            <legend>{legend}</legend>
            {move || options().into_iter().enumerate().map(|(i, (v, l))| {
                let box_id = format!("{id}-{i}");
                let v2 = v.clone();
                let checked = move || value.with(|xs| xs.contains(&v2));
                view! {
                    <span class="check-item">
                        <input type="checkbox" id=box_id.clone() value=v.clone() prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let v = v.clone();
                                value.update(|xs| { xs.retain(|x| *x != v); if on { xs.push(v); } });
                            } />
                        <label for=box_id>{l}</label>
                    </span>
                }
            }).collect_view()}
            <FieldError errors field />
        </fieldset>
    }
}

pub fn enum_options<E: Copy + Send + Sync + 'static>(
    all: &'static [E],
    code: fn(E) -> &'static str,
    label: fn(E, Lang) -> &'static str,
    lang: impl Fn() -> Lang + Send + Sync + 'static,
) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        all.iter()
            .map(|e| (code(*e).to_string(), label(*e, lang()).to_string()))
            .collect()
    }
}

pub fn county_options(app: AppState) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        app.desk.with(|d| {
            d.ws()
                .counties
                .iter_live()
                .map(|c| (c.meta.id.clone(), c.data.name.clone()))
                .collect()
        })
    }
}

pub fn park_options(
    app: AppState,
    none: Option<&'static str>,
) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        let mut v: Options = none
            .map(|n| vec![(String::new(), n.to_string())])
            .unwrap_or_default();
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .parks
                    .iter_live()
                    .map(|p| (p.meta.id.clone(), p.data.name_zh.clone())),
            )
        });
        v
    }
}

pub fn township_options(app: AppState) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        app.desk.with(|d| {
            let ws = d.ws();
            d.ws()
                .townships
                .iter_live()
                .map(|t| {
                    (
                        t.meta.id.clone(),
                        format!(
                            "{}（{}）",
                            t.data.name,
                            ws.label_of(Kind::County, &t.data.county_id)
                        ),
                    )
                })
                .collect()
        })
    }
}

/// Runs a Save command and reports the result on the form. `base_rev` is the revision the form
/// was opened on: if the record changed since (another tab, an import), the domain refuses the
/// save rather than overwrite that change.
pub fn save(
    app: AppState,
    id: Option<String>,
    base_rev: Option<u32>,
    data: Data,
    errors: FieldErrors,
    edit: RwSignal<Editing>,
) {
    match app.dispatch(Command::Save { id, data, base_rev }) {
        Ok(out) => {
            errors.set(Vec::new());
            edit.set(Editing::Closed);
            let n = out.warnings.len();
            let summary = if n == 0 {
                out.summary
            } else {
                Text::new(
                    format!("{}（{n} 条警示）", out.summary.zh),
                    format!("{} ({n} warnings)", out.summary.en),
                )
            };
            app.toast.set(Some(summary));
        }
        Err(CommandError::Rejected(v)) => errors.set(v),
        Err(e) => errors.set(vec![Violation {
            field: None,
            ..local_error("", &e.text().zh, &e.text().en)
        }]),
    }
}

/// The form's error summary, read out by screen readers.
#[component]
pub fn ErrorSummary(errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div class="error-summary" role="alert" id="form-errors">
                <strong>{t!(i18n, form_has_errors)}</strong>
                <ViolationList items=Signal::derive(move || errors.get()) />
            </div>
        </Show>
    }
}

#[component]
pub fn FormButtons(
    prefix: &'static str,
    edit: RwSignal<Editing>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-buttons">
            <button type="submit" class="btn btn-primary" id=format!("{prefix}-save")>{t!(i18n, save)}</button>
            " "
            <button type="button" class="btn" id=format!("{prefix}-cancel") on:click=move |_| { errors.set(Vec::new()); edit.set(Editing::Closed); }>{t!(i18n, cancel)}</button>
        </div>
    }
}

/// Delete with an inline confirmation step.
#[component]
pub fn DeleteButton(kind: Kind, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let asking = RwSignal::new(false);
    let id2 = id.clone();
    view! {
        <Show when=move || asking.get() fallback=move || view! {
            <button class="btn btn-small btn-danger" data-action="delete" on:click=move |_| asking.set(true)>{t!(i18n, delete)}</button>
        }>
            <span class="confirm">
                {t!(i18n, confirm_delete)} " "
                <button class="btn btn-small btn-danger" data-action="confirm-delete" on:click={
                    let id = id2.clone();
                    move |_| {
                        asking.set(false);
                        match app.dispatch(Command::Delete { kind, id: id.clone() }) {
                            Ok(out) => app.toast.set(Some(out.summary)),
                            Err(e) => app.toast.set(Some(e.text())),
                        }
                    }
                }>{t!(i18n, confirm)}</button>
                " "
                <button class="btn btn-small" on:click=move |_| asking.set(false)>{t!(i18n, cancel)}</button>
            </span>
        </Show>
    }
}

/// Warnings and blocks standing on one record, shown in its row.
pub fn record_issues(app: AppState, kind: Kind, id: String) -> impl IntoView {
    let items = Signal::derive(move || {
        app.checks.with(|c| {
            c.of(kind, &id)
                .filter(|v| v.severity != Severity::Info)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! { <ViolationList items=items /> }
}

/// Org units as options, labelled with their park or township, those `keep` accepts.
pub fn org_options(
    app: AppState,
    none: Option<&'static str>,
    keep: impl Fn(&crate::domain::org::OrgUnitData) -> bool + Send + Sync + 'static,
) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        let mut v: Options = none
            .map(|n| vec![(String::new(), n.to_string())])
            .unwrap_or_default();
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .org_units
                    .iter_live()
                    .filter(|o| keep(&o.data))
                    .map(|o| (o.meta.id.clone(), o.data.name.clone())),
            )
        });
        v
    }
}

/// Org units of the given kinds (all kinds when empty) as options.
pub fn org_kind_options(
    app: AppState,
    none: Option<&'static str>,
    kinds: &'static [crate::domain::org::OrgKind],
) -> impl Fn() -> Options + Send + Sync + 'static {
    org_options(app, none, move |o| {
        kinds.is_empty() || kinds.contains(&o.kind)
    })
}

/// A select over `options` plus a leading "—" (no value) option.
pub fn with_none(
    options: impl Fn() -> Options + Send + Sync + 'static,
) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        let mut v = vec![(String::new(), "—".to_string())];
        v.extend(options());
        v
    }
}

/// The document-reference inputs (number, title, date) as one group.
pub fn doc_fields(
    [id_no, id_title, id_date]: [&'static str; 3],
    no: RwSignal<String>,
    title: RwSignal<String>,
    date: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {input(id_no, t!(i18n, f_doc_no), no, errors, "doc_no", "text")}
        {input(id_title, t!(i18n, f_doc_title), title, errors, "basis", "text")}
        {input(id_date, t!(i18n, f_doc_date), date, errors, "issued_on", "date")}
    }
}

/// Reads the document inputs back: None when both number and title are empty.
pub fn doc_value(
    no: RwSignal<String>,
    title: RwSignal<String>,
    date: RwSignal<String>,
) -> Option<crate::domain::meta::DocRef> {
    let t = title.get_untracked().trim().to_string();
    let n = no.get_untracked().trim().to_string();
    (!t.is_empty() || !n.is_empty()).then(|| crate::domain::meta::DocRef {
        doc_no: (!n.is_empty()).then(|| n.clone()),
        title: if t.is_empty() { n } else { t },
        issued_on: parse_date(&date.get_untracked()),
    })
}

/// Signals for the document inputs, filled from an existing reference.
pub fn doc_signals(
    d: Option<&crate::domain::meta::DocRef>,
) -> (RwSignal<String>, RwSignal<String>, RwSignal<String>) {
    (
        RwSignal::new(d.and_then(|d| d.doc_no.clone()).unwrap_or_default()),
        RwSignal::new(d.map(|d| d.title.clone()).unwrap_or_default()),
        RwSignal::new(date_string(d.and_then(|d| d.issued_on))),
    )
}
/// Runs any command and reports refusals on a form's error list; the success summary becomes the
/// toast. Returns whether it went through.
pub fn run(app: AppState, cmd: Command, errors: FieldErrors) -> bool {
    match app.dispatch(cmd) {
        Ok(out) => {
            errors.set(Vec::new());
            let n = out.warnings.len();
            app.toast.set(Some(if n == 0 {
                out.summary
            } else {
                Text::new(
                    format!("{}（{n} 条提示）", out.summary.zh),
                    format!("{} ({n} notes)", out.summary.en),
                )
            }));
            true
        }
        Err(CommandError::Rejected(v)) => {
            errors.set(v);
            false
        }
        Err(e) => {
            app.toast.set(Some(e.text()));
            false
        }
    }
}
