//! Small shared pieces: provenance badges, violation lists, form fields.

use leptos::prelude::*;

use super::use_lang;
use crate::domain::meta::Provenance;
use crate::domain::rules::{Severity, Violation};
use crate::domain::text::Text;

/// 示例 / 报告 / 公开资料 badge; SAMPLE is always visible (BR-F1).
#[component]
pub fn ProvenanceBadge(provenance: Provenance) -> impl IntoView {
    let lang = use_lang();
    let class = match provenance {
        Provenance::Sample => "badge badge-sample",
        Provenance::SourceReport => "badge badge-report",
        Provenance::Public => "badge badge-public",
        Provenance::UserEntered => "badge badge-user",
    };
    let label = move || match provenance {
        Provenance::Sample => "示例 SAMPLE".to_string(),
        p => p.label(lang()).to_string(),
    };
    (provenance != Provenance::UserEntered)
        .then(|| view! { <span class=class data-provenance=provenance.code()>{label}</span> })
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Block => "sev sev-block",
        Severity::Warn => "sev sev-warn",
        Severity::Info => "sev sev-info",
        Severity::Signal => "sev sev-signal",
    }
}

/// One violation: severity, rule, the report sentence it comes from, and the message.
#[component]
pub fn ViolationItem(v: Violation, #[prop(optional)] subject: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let sev = v.severity;
    let rule = v.rule;
    let source = v.source;
    let msg = v.message.clone();
    view! {
        <li class=severity_class(sev) data-rule=rule>
            <span class="sev-label">{move || sev.label(lang())}</span>
            " "
            <code class="rule">{rule}</code>
            {source.map(|s| view! { " " <span class="source" title="报告句 / report sentence">{s}</span> })}
            " "
            {subject.filter(|s| !s.is_empty()).map(|s| view! { <strong class="subject">{s}</strong> "：" })}
            <span class="msg">{move || msg.get(lang()).to_string()}</span>
        </li>
    }
}

#[component]
/// A list of violations. With `name_records`, each line also names its record, for lists that
/// gather violations from many records (the overview).
pub fn ViolationList(
    #[prop(into)] items: Signal<Vec<Violation>>,
    #[prop(optional)] name_records: bool,
) -> impl IntoView {
    let app = crate::ui::state::use_app();
    view! {
        <ul class="violations">
            <For each=move || items.get() key=|v| format!("{}{:?}{}{:?}{}", v.rule, v.kind, v.id, v.field, v.message.en) let:v>
                {
                    let subject = name_records.then(|| app.desk.with_untracked(|d| d.ws().label_of(v.kind, &v.id)));
                    view! { <ViolationItem v=v subject=subject.unwrap_or_default() /> }
                }
            </For>
        </ul>
    }
}

/// Messages for one field of a form.
#[component]
pub fn FieldError(errors: RwSignal<Vec<Violation>>, field: &'static str) -> impl IntoView {
    let lang = use_lang();
    let msgs = move || {
        errors.with(|e| {
            e.iter()
                .filter(|v| v.field == Some(field))
                .map(|v| v.message.get(lang()).to_string())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !msgs().is_empty()>
            <div class="field-error" role="alert" data-field=field>{move || msgs().join("；")}</div>
        </Show>
    }
}

/// A message in the current language.
pub fn text_view(t: Text) -> impl IntoView {
    let lang = use_lang();
    move || t.get(lang()).to_string()
}

pub fn local_error(field: &'static str, zh: &str, en: &str) -> Violation {
    Violation {
        rule: "FIELD",
        severity: Severity::Block,
        source: None,
        kind: crate::domain::workspace::Kind::Park,
        id: String::new(),
        field: Some(field),
        message: Text::new(zh, en),
    }
}

/// Parses an optional number typed by a clerk ("" → None).
pub fn parse_opt<T: std::str::FromStr>(s: &str) -> Result<Option<T>, ()> {
    let s = s.trim().replace(',', "");
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse().map(Some).map_err(|_| ())
    }
}

pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub fn date_string(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Splits a list typed with 、，, ; or new lines.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', ';', '；', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// A rate as "12.5%", or "—" when there is nothing to divide by.
pub fn pct(r: crate::domain::metrics::Ratio) -> String {
    pct_opt(r.percent())
}

pub fn pct_opt(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".into())
}

/// A tab's label in the current language.
pub type TabLabel = Box<dyn Fn() -> String + Send + Sync>;

/// A row of tabs (real buttons) switching the panel a page shows.
pub fn tab_bar(
    id: &'static str,
    current: RwSignal<&'static str>,
    items: Vec<(&'static str, TabLabel)>,
) -> impl IntoView {
    view! {
        <div class="tabs no-print" role="tablist" id=id>
            {items.into_iter().map(|(key, label)| {
                let selected = move || current.get() == key;
                view! {
                    <button type="button" role="tab" class="tab" id=format!("{id}-{key}") class:tab-active=selected
                        aria-selected=move || selected().to_string() on:click=move |_| current.set(key)>
                        {label}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// A number with one decimal, or "—".
pub fn dec1(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into())
}
/// Prints the page; the print style sheet keeps the lists and drops navigation, forms and buttons.
#[component]
pub fn PrintButton(id: &'static str) -> impl IntoView {
    use crate::ui::i18n::*;
    let i18n = use_i18n();
    view! {
        <button type="button" class="btn btn-small btn-print" id=id on:click=move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }>{t!(i18n, sup_print)}</button>
    }
}
