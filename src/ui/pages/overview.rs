//! 总览: first metrics of the reform for an as-of date, per park and city-wide, and every open
//! rule violation with the report sentence it comes from.

use leptos::prelude::*;

use super::page_title;
use crate::domain::metrics::{self, Scope};
use crate::domain::rules::Severity;
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use crate::ui::use_lang;
use crate::ui::widgets::{ProvenanceBadge, ViolationList, pct};

#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    page_title(move || t_string!(i18n, nav_overview).to_string());
    let as_of = app.as_of;

    let city = move || {
        let day = as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            (
                ws.parks.count_live(),
                metrics::entrusted_townships(ws, day, &Scope::City).len(),
                metrics::whole_township_rate(ws, day, &Scope::City),
                metrics::integration_coverage(ws, day, &Scope::City),
            )
        })
    };
    let rows = move || {
        let day = as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.parks
                .iter_live()
                .map(|p| {
                    let scope = Scope::Park(p.meta.id.clone());
                    (
                        p.meta.id.clone(),
                        p.data.name_zh.clone(),
                        p.data.name_en.clone(),
                        p.meta.provenance,
                        metrics::entrusted_townships(ws, day, &scope).len(),
                        metrics::whole_township_rate(ws, day, &scope),
                        metrics::integration_coverage(ws, day, &scope),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let violations = Memo::new(move |_| {
        app.checks.with(|c| {
            let mut v: Vec<_> = c
                .all()
                .iter()
                .filter(|v| v.severity != Severity::Info)
                .cloned()
                .collect();
            v.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.rule.cmp(b.rule)));
            v
        })
    });

    view! {
        <section class="page" id="page-overview">
            <h1>{t!(i18n, nav_overview)}</h1>
            <p class="lead">{t!(i18n, overview_lead)}</p>
            <super::powers::AsOfControl />
            <div class="cards">
                <div class="card"><div class="card-label">{t!(i18n, metric_parks)}</div><div class="card-value" id="metric-parks">{move || city().0}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, metric_entrusted)}</div><div class="card-value" id="metric-entrusted">{move || city().1}</div></div>
                <div class="card">
                    <div class="card-label">{t!(i18n, metric_whole_rate)}</div>
                    <div class="card-value" id="metric-whole-rate">{move || pct(city().2)}</div>
                    <div class="card-note">{move || { let r = city().2; format!("{} / {}", r.num, r.den) }} " · S1.2"</div>
                </div>
                <div class="card">
                    <div class="card-label">{t!(i18n, metric_integration)}</div>
                    <div class="card-value" id="metric-integration">{move || pct(city().3)}</div>
                    <div class="card-note">{move || { let r = city().3; format!("{} / {}", r.num, r.den) }} " · S1.4, S3.2"</div>
                </div>
            </div>
            <h2>{t!(i18n, per_park)}</h2>
            <table class="table" id="park-metrics">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, metric_entrusted)}</th>
                    <th scope="col">{t!(i18n, metric_whole_rate)}</th>
                    <th scope="col">{t!(i18n, metric_integration)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| format!("{r:?}") let:r>
                        <tr>
                            <th scope="row">{move || if lang() == crate::domain::text::Lang::En && !r.2.is_empty() { r.2.clone() } else { r.1.clone() }} " " <ProvenanceBadge provenance=r.3 /></th>
                            <td class="num">{r.4}</td>
                            <td class="num">{pct(r.5)}</td>
                            <td class="num">{pct(r.6)}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <h2>{t!(i18n, open_issues)} " (" <span id="violation-count">{move || violations.get().len()}</span> ")"</h2>
            <ViolationList items=violations name_records=true />
        </section>
    }
}
