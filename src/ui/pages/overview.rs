//! 总览: the reform's dashboard for an as-of date, city-wide or for one park — the four goals
//! with their drill-down, 放权到位率 over the inspection campaigns, delegation states, outcome
//! KPIs and their trend, staffing use, integration coverage, rectification progress — and every
//! open rule violation with the report sentence it comes from. The same figures feed the
//! showcase (`showcase.rs`) through [`Dash`].

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::page_title;
use crate::domain::delegation::DisplayStatus;
use crate::domain::goals::{GoalIndex, Measure, goal_indices};
use crate::domain::meta::Provenance;
use crate::domain::metrics::{self, Ratio, Scope};
use crate::domain::outcome_metrics::{
    self as om, OutcomeKpis, ProjectScope, RectProgress, ScopedCampaignRate,
};
use crate::domain::project::money_text;
use crate::domain::rules::Severity;
use crate::domain::staffing::{Cell, QuotaType, View};
use crate::domain::staffing_metrics::{self as stm, PostSaving};
use crate::domain::text::Lang;
use crate::domain::workspace::{Kind, Workspace};
use crate::ui::Base;
use crate::ui::charts::{self, Series, TableLabels, Value};
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::use_app;
use crate::ui::use_lang;
use crate::ui::widgets::{ProvenanceBadge, ViolationList, pct, pct_opt};

/// A label in the current language.
pub(crate) fn l(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Which parts of the figures rest on sample records (badged 示例 SAMPLE, BR-F1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SampleFlags {
    pub territory: bool,
    pub delegation: bool,
    pub staffing: bool,
    pub supervision: bool,
    pub projects: bool,
}

fn any_sample<T>(t: &crate::domain::workspace::Table<T>) -> bool {
    t.iter_live()
        .any(|r| r.meta.provenance == Provenance::Sample)
}

impl SampleFlags {
    fn of(ws: &Workspace) -> Self {
        SampleFlags {
            territory: any_sample(&ws.entrustments) || any_sample(&ws.townships),
            delegation: any_sample(&ws.delegations) || any_sample(&ws.inspection_checks),
            staffing: any_sample(&ws.persons) || any_sample(&ws.staffing_quotas),
            supervision: any_sample(&ws.rectification_orders) || any_sample(&ws.findings),
            projects: any_sample(&ws.projects),
        }
    }
    pub fn any(self) -> bool {
        self.territory || self.delegation || self.staffing || self.supervision || self.projects
    }
}

/// Every figure of the dashboard for one scope and date, computed once per change.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Dash {
    pub day: NaiveDate,
    pub parks: usize,
    pub entrusted: usize,
    pub whole: Ratio,
    pub integration: Ratio,
    pub goals: Vec<GoalIndex>,
    pub campaigns: Vec<ScopedCampaignRate>,
    pub states: Vec<(DisplayStatus, usize)>,
    pub kpis: OutcomeKpis,
    pub last_year: OutcomeKpis,
    pub trend: Vec<(NaiveDate, OutcomeKpis)>,
    pub staffing: Vec<(QuotaType, Cell)>,
    pub staffing_total: Cell,
    pub sharing: Ratio,
    pub saving: PostSaving,
    pub rect: RectProgress,
    pub sample: SampleFlags,
}

impl Dash {
    pub fn compute(ws: &Workspace, day: NaiveDate, scope: &Scope) -> Dash {
        let ps = ProjectScope::from(scope);
        let ledger = stm::system_ledger(ws, day, scope, View::ByQuota);
        let prev_end = NaiveDate::from_ymd_opt(day.year() - 1, 12, 31).unwrap_or(day);
        Dash {
            day,
            parks: match scope {
                Scope::City => ws.parks.count_live(),
                Scope::Park(_) => 1,
            },
            entrusted: metrics::entrusted_townships(ws, day, scope).len(),
            whole: metrics::whole_township_rate(ws, day, scope),
            integration: metrics::integration_coverage(ws, day, scope),
            goals: goal_indices(ws, day, scope),
            campaigns: om::campaign_rates(ws, day, scope),
            states: om::delegation_states(ws, day, scope),
            kpis: om::kpis(ws, day, &ps),
            last_year: om::kpis(ws, prev_end, &ps),
            trend: om::kpi_trend(ws, day, &ps, 9),
            staffing: ledger.totals.iter().map(|(t, c)| (*t, *c)).collect(),
            staffing_total: ledger.total(),
            sharing: stm::sharing_ratio(ws, day, scope),
            saving: stm::post_saving(ws, day, scope),
            rect: om::rectification_progress(ws, day, scope),
            sample: SampleFlags::of(ws),
        }
    }
}

pub(crate) fn table_labels(lang: Lang) -> TableLabels {
    TableLabels {
        item: l(lang, "项目", "Item"),
        show: l(lang, "数据表", "Data table"),
        hide: l(lang, "隐藏数据表", "Hide table"),
    }
}

/// "2013Q4" for a quarter end, the date itself otherwise.
pub(crate) fn quarter_label(d: NaiveDate) -> String {
    let q = d.month0() / 3 + 1;
    let end_of_quarter = d
        .succ_opt()
        .is_some_and(|n| n.month0() / 3 + 1 != q || n.year() != d.year());
    if end_of_quarter {
        format!("{}Q{q}", d.year())
    } else {
        d.format("%m-%d").to_string()
    }
}

pub(crate) fn status_class(s: DisplayStatus) -> &'static str {
    match s {
        DisplayStatus::InForce => "c-ok",
        DisplayStatus::InProgress => "c2",
        DisplayStatus::Problem => "c-bad",
        DisplayStatus::CannotReceive | DisplayStatus::HandoverOverdue => "c-warn",
        DisplayStatus::Ended => "c-grey",
    }
}

pub(crate) fn campaign_chart(id: &'static str, d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let cats: Vec<String> = d
        .campaigns
        .iter()
        .map(|c| format!("{} {}", l(lang, "截至", "to"), c.end.format("%Y-%m")))
        .collect();
    let strict = Series {
        name: l(lang, "放权到位率（严格）", "In place (strict)"),
        class: "c1",
        values: d
            .campaigns
            .iter()
            .map(|c| Value::pct(c.strict.percent()))
            .collect(),
    };
    let lenient = Series {
        name: l(lang, "含基本到位（宽口径）", "Incl. mostly in place"),
        class: "c2",
        values: d
            .campaigns
            .iter()
            .map(|c| Value::pct(c.lenient.percent()))
            .collect(),
    };
    charts::column_chart(
        id,
        l(
            lang,
            "放权到位率：历次督查对比",
            "Powers in place, campaign by campaign",
        ),
        cats,
        vec![strict, lenient],
        100.0,
        table_labels(lang),
    )
}

pub(crate) fn kpi_bars(id: &'static str, k: &OutcomeKpis, lang: Lang) -> impl IntoView + use<> {
    charts::bar_chart(
        id,
        l(lang, "项目成效指标", "Project outcome indicators"),
        vec![
            (
                l(lang, "资金到位率", "Funds in place"),
                Value::pct(k.funds_rate.percent()),
                "c1",
            ),
            (
                l(lang, "项目开工率", "Start rate"),
                Value::pct(k.start_rate.percent()),
                "c2",
            ),
            (
                l(lang, "项目投产率", "Production rate"),
                Value::pct(k.production_rate.percent()),
                "c3",
            ),
            (
                l(lang, "基础设施完工率", "Infrastructure completed"),
                Value::pct(k.completion_rate.percent()),
                "c4",
            ),
            (
                l(lang, "年度投资完成率", "Annual investment done"),
                Value::pct(k.investment_completion.percent()),
                "c5",
            ),
        ],
        100.0,
        table_labels(lang),
    )
}

pub(crate) fn trend_chart(id: &'static str, d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let xs: Vec<String> = d.trend.iter().map(|(t, _)| quarter_label(*t)).collect();
    let series = vec![
        Series {
            name: l(lang, "资金到位率", "Funds in place"),
            class: "c1",
            values: d
                .trend
                .iter()
                .map(|(_, k)| Value::pct(k.funds_rate.percent()))
                .collect(),
        },
        Series {
            name: l(lang, "开工率", "Start rate"),
            class: "c2",
            values: d
                .trend
                .iter()
                .map(|(_, k)| Value::pct(k.start_rate.percent()))
                .collect(),
        },
        Series {
            name: l(lang, "投产率", "Production rate"),
            class: "c3",
            values: d
                .trend
                .iter()
                .map(|(_, k)| Value::pct(k.production_rate.percent()))
                .collect(),
        },
    ];
    charts::line_chart(
        id,
        l(lang, "项目指标按季度走势", "Project indicators by quarter"),
        xs,
        series,
        100.0,
        table_labels(lang),
    )
}

pub(crate) fn staffing_chart(id: &'static str, d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let items = d
        .staffing
        .iter()
        .map(|(t, c)| {
            (
                format!("{}（{}/{}）", t.label(lang), c.occupied, c.approved),
                Value::pct(c.usage().percent()),
                if c.over() > 0 { "c-warn" } else { "c1" },
            )
        })
        .collect();
    charts::bar_chart(
        id,
        l(lang, "编制使用率（编制口径）", "Quota use (by quota seat)"),
        items,
        100.0,
        table_labels(lang),
    )
}

pub(crate) fn rect_chart(id: &'static str, d: &Dash, lang: Lang) -> impl IntoView + use<> {
    charts::bar_chart(
        id,
        l(lang, "整改进度", "Rectification progress"),
        vec![
            (
                l(lang, "整改销号率", "Orders closed"),
                Value::pct(d.rect.closure().percent()),
                "c-ok",
            ),
            (
                l(lang, "按期整改率", "Closed on time"),
                Value::pct(d.rect.on_time.percent()),
                "c2",
            ),
        ],
        100.0,
        table_labels(lang),
    )
}

pub(crate) fn states_chart(id: &'static str, d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let max = d.states.iter().map(|(_, n)| *n).max().unwrap_or(0) as f64;
    charts::bar_chart(
        id,
        l(lang, "赋权事项状态", "Delegations by state"),
        d.states
            .iter()
            .map(|(s, n)| {
                (
                    s.label(lang).to_string(),
                    Value::count(*n),
                    status_class(*s),
                )
            })
            .collect(),
        max,
        table_labels(lang),
    )
}

pub(crate) fn goal_class(i: usize) -> &'static str {
    ["c1", "c2", "c3", "c4"][i % 4]
}

pub(crate) fn measure_text(m: Measure, lang: Lang) -> String {
    match m {
        Measure::Count(r) => format!("{} / {}", r.num, r.den),
        Measure::Money(r) => format!("{} / {}", money_text(r.num, lang), money_text(r.den, lang)),
        Measure::Half { full, half, den } => {
            format!("({full} + ½ × {half}) / {den}")
        }
    }
}

/// A goal card: the ring, the value, and the drill-down (components, formula, records).
#[component]
fn GoalCard(goal: GoalIndex, i: usize, sample: bool) -> impl IntoView {
    let lang = use_lang();
    let app = use_app();
    let code = goal.goal.code();
    let value = goal.value();
    let g = goal.clone();
    view! {
        <article class="goal-card" data-goal=code id=format!("goal-{code}")>
            {move || {
                let lang = lang();
                let no_data = l(lang, "数据不足", "No data");
                view! {
                    <div class="goal-head">
                        {charts::ring(value, goal_class(i), no_data)}
                        <div>
                            <h3>{g.goal.label(lang)}</h3>
                            <div class="goal-value" data-value=value.map(|v| format!("{v:.1}")).unwrap_or_default()>
                                {match value {
                                    Some(v) => format!("{v:.1}"),
                                    None => l(lang, "数据不足，不计算", "Not enough data"),
                                }}
                            </div>
                            {sample.then(|| view! { <ProvenanceBadge provenance=Provenance::Sample /> })}
                            <div class="card-note">"S7.2 · [D]"</div>
                        </div>
                    </div>
                }
            }}
            <details class="drill" id=format!("drill-{code}")>
                <summary>{move || l(lang(), "怎么算的、依据哪些记录", "How it is computed, from which records")}</summary>
                <p class="hint">{move || g.formula.get(lang()).to_string()}</p>
                <table class="table table-compact">
                    <thead><tr>
                        <th scope="col">{move || l(lang(), "组成项", "Component")}</th>
                        <th scope="col" class="num">{move || l(lang(), "数值", "Value")}</th>
                        <th scope="col">{move || l(lang(), "计算", "Figures")}</th>
                        <th scope="col">{move || l(lang(), "公式", "Formula")}</th>
                        <th scope="col">{move || l(lang(), "依据记录", "Records")}</th>
                    </tr></thead>
                    <tbody>
                        {goal.components.into_iter().map(|c| {
                            let labels: Vec<String> = app.desk.with_untracked(|d| {
                                c.records.iter().take(12).map(|(k, id)| format!("{}：{}", k.zh(), d.ws().label_of(*k, id))).collect()
                            });
                            let more = c.records.len().saturating_sub(12);
                            let kinds: Vec<Kind> = {
                                let mut k: Vec<Kind> = c.records.iter().map(|(k, _)| *k).collect();
                                k.sort();
                                k.dedup();
                                k
                            };
                            let c2 = c.clone();
                            view! {
                                <tr data-component=c.code>
                                    <th scope="row">{move || c2.label.get(lang()).to_string()} <span class="source">{c.source}</span></th>
                                    <td class="num" data-role="value">{pct_opt(c.value())}</td>
                                    <td class="nowrap">{move || measure_text(c.measure, lang())}</td>
                                    <td class="small">{move || c.formula.get(lang()).to_string()}</td>
                                    <td class="small">
                                        <span data-role="record-count">{c.records.len()}</span>
                                        {move || format!(" {}", kinds.iter().map(|k| k.label(lang())).collect::<Vec<_>>().join("、"))}
                                        <ul class="record-list" tabindex="0" aria-label=move || l(lang(), "依据记录", "Records behind the figure")>{labels.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                                        {(more > 0).then(|| view! { <span class="hint">{move || l(lang(), &format!("另有 {more} 条"), &format!("and {more} more"))}</span> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </article>
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let base = expect_context::<Base>();
    page_title(move || t_string!(i18n, nav_overview).to_string());
    let as_of = app.as_of;
    let scope_key = RwSignal::new("CITY".to_string());
    let scope = move || {
        let k = scope_key.get();
        if k == "CITY" {
            Scope::City
        } else {
            Scope::Park(k)
        }
    };
    let dash = Memo::new(move |_| {
        let day = as_of.get();
        let s = scope();
        app.desk.with(|d| Dash::compute(d.ws(), day, &s))
    });
    let city_dash = Memo::new(move |_| {
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
    });
    let park_options = move || {
        app.desk.with(|d| {
            d.ws()
                .parks
                .iter_live()
                .map(|p| {
                    let name = if lang() == Lang::En && !p.data.name_en.is_empty() {
                        p.data.name_en.clone()
                    } else {
                        p.data.name_zh.clone()
                    };
                    (p.meta.id.clone(), name)
                })
                .collect::<Vec<_>>()
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
                    let k = om::kpis(ws, day, &ProjectScope::from(&scope));
                    (
                        p.meta.id.clone(),
                        p.data.name_zh.clone(),
                        p.data.name_en.clone(),
                        p.meta.provenance,
                        metrics::entrusted_townships(ws, day, &scope).len(),
                        metrics::whole_township_rate(ws, day, &scope),
                        metrics::integration_coverage(ws, day, &scope),
                        k.funds_rate.percent(),
                        k.start_rate,
                        k.production_rate,
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
    let badge =
        move |on: bool| on.then(|| view! { <ProvenanceBadge provenance=Provenance::Sample /> });
    let showcase_href = base.href("/showcase");
    let projects_href = base.href("/projects");

    view! {
        <section class="page" id="page-overview">
            <div class="page-head">
                <div>
                    <h1>{t!(i18n, nav_overview)}</h1>
                    <p class="lead">{t!(i18n, overview_lead)}</p>
                </div>
                <a class="btn btn-primary btn-big" id="enter-showcase" href=showcase_href>{move || l(lang(), "进入展示模式", "Showcase mode")}</a>
            </div>
            <div class="toolbar">
                <super::powers::AsOfControl />
                <div class="field field-inline">
                    <label for="dash-scope">{move || l(lang(), "范围", "Scope")}</label>
                    <select id="dash-scope" on:change=move |ev| scope_key.set(event_target_value(&ev))>
                        <option value="CITY" selected=move || scope_key.get() == "CITY">{move || l(lang(), "全市", "City-wide")}</option>
                        {move || park_options().into_iter().map(|(id, name)| {
                            let sel = id.clone();
                            view! { <option value=id selected=move || scope_key.get() == sel>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <span class="report-tools-label">{move || l(lang(), "成效指标报表：", "Outcome report:")}</span>
                <ReportTools key="outcomes" report=crate::reports::outcomes::outcome_kpis />
            </div>
            <div class="cards">
                <div class="card"><div class="card-label">{t!(i18n, metric_parks)}</div><div class="card-value" id="metric-parks">{move || city_dash.get().0}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, metric_entrusted)}</div><div class="card-value" id="metric-entrusted">{move || city_dash.get().1}</div></div>
                <div class="card">
                    <div class="card-label">{t!(i18n, metric_whole_rate)}</div>
                    <div class="card-value" id="metric-whole-rate">{move || pct(city_dash.get().2)}</div>
                    <div class="card-note">{move || { let r = city_dash.get().2; format!("{} / {}", r.num, r.den) }} " · S1.2"</div>
                </div>
                <div class="card">
                    <div class="card-label">{t!(i18n, metric_integration)}</div>
                    <div class="card-value" id="metric-integration">{move || pct(city_dash.get().3)}</div>
                    <div class="card-note">{move || { let r = city_dash.get().3; format!("{} / {}", r.num, r.den) }} " · S1.4, S3.2"</div>
                </div>
            </div>

            <section class="block" id="dash-goals" aria-labelledby="dash-goals-h">
                <div class="block-head">
                    <h2 id="dash-goals-h">{move || l(lang(), "四化目标指数", "The four goals")}</h2>
                    <span class="hint">{move || l(lang(), "报告 S7.2 · 指数为设计方案 [D]：各组成项均有数据时取平均（0–100），缺数据则不计算", "Report S7.2 · the indices are a design proposal [D]: the mean of their components (0–100) when all have data, otherwise none")}</span>
                </div>
                <div class="goal-grid">
                    {move || {
                        let d = dash.get();
                        let sample = d.sample.any();
                        d.goals.into_iter().enumerate().map(|(i, g)| view! { <GoalCard goal=g i=i sample=sample /> }).collect_view()
                    }}
                </div>
            </section>

            <div class="dash-grid">
                <section class="block" id="dash-delegation" aria-labelledby="dash-delegation-h">
                    <h2 id="dash-delegation-h">{move || l(lang(), "权力下放与督查", "Delegation and inspection")} " " {move || badge(dash.get().sample.delegation)}</h2>
                    {move || { let d = dash.get(); campaign_chart("chart-campaigns", &d, lang()) }}
                    {move || { let d = dash.get(); states_chart("chart-states", &d, lang()) }}
                </section>
                <section class="block" id="dash-outcomes" aria-labelledby="dash-outcomes-h">
                    <div class="block-head">
                        <h2 id="dash-outcomes-h">{move || l(lang(), "项目成效", "Project outcomes")} " " {move || badge(dash.get().sample.projects)}</h2>
                        <a href=projects_href id="dash-projects-link">{move || l(lang(), "项目清单 →", "Project list →")}</a>
                    </div>
                    <div class="mini-cards">
                        <div><span class="mini-label">{move || l(lang(), "签约项目", "Signed projects")}</span><span class="mini-value" id="kpi-signed">{move || dash.get().kpis.signed}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "协议投资", "Agreed investment")}</span><span class="mini-value" id="kpi-agreed">{move || money_text(dash.get().kpis.agreed_fen, lang())}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "实际到位资金", "Funds in place")}</span><span class="mini-value" id="kpi-funds">{move || money_text(dash.get().kpis.funds_fen, lang())}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "资金到位率", "Funds in place rate")}</span><span class="mini-value" id="kpi-funds-rate">{move || pct_opt(dash.get().kpis.funds_rate.percent())}</span></div>
                    </div>
                    {move || { let d = dash.get(); kpi_bars("chart-kpis", &d.kpis, lang()) }}
                    {move || { let d = dash.get(); trend_chart("chart-trend", &d, lang()) }}
                </section>
                <section class="block" id="dash-people" aria-labelledby="dash-people-h">
                    <h2 id="dash-people-h">{move || l(lang(), "机构编制与区镇合一", "Staffing and integration")} " " {move || badge(dash.get().sample.staffing)}</h2>
                    <div class="mini-cards">
                        <div><span class="mini-label">{move || l(lang(), "编制使用率", "Quota use")}</span><span class="mini-value" id="staff-usage">{move || pct(dash.get().staffing_total.usage())}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "编制共享度", "Shared quota")}</span><span class="mini-value" id="staff-sharing">{move || pct(dash.get().sharing)}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "职数节约", "Posts saved")}</span><span class="mini-value" id="staff-saving">{move || dash.get().saving.saving()}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "区镇合一覆盖率", "Integration coverage")}</span><span class="mini-value" id="dash-integration">{move || pct(dash.get().integration)}</span></div>
                    </div>
                    {move || { let d = dash.get(); staffing_chart("chart-staffing", &d, lang()) }}
                </section>
                <section class="block" id="dash-supervision" aria-labelledby="dash-supervision-h">
                    <h2 id="dash-supervision-h">{move || l(lang(), "督查整改", "Rectification")} " " {move || badge(dash.get().sample.supervision)}</h2>
                    <div class="mini-cards">
                        <div><span class="mini-label">{move || l(lang(), "已交办", "Issued")}</span><span class="mini-value" id="rect-issued">{move || dash.get().rect.issued}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "已销号", "Closed")}</span><span class="mini-value" id="rect-closed">{move || dash.get().rect.closed}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "逾期", "Overdue")}</span><span class="mini-value" id="rect-overdue">{move || dash.get().rect.overdue}</span></div>
                        <div><span class="mini-label">{move || l(lang(), "黄牌", "Yellow cards")}</span><span class="mini-value" id="rect-yellow">{move || dash.get().rect.yellow_cards}</span></div>
                    </div>
                    {move || { let d = dash.get(); rect_chart("chart-rect", &d, lang()) }}
                </section>
            </div>

            <h2>{t!(i18n, per_park)}</h2>
            <table class="table" id="park-metrics">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, metric_entrusted)}</th>
                    <th scope="col">{t!(i18n, metric_whole_rate)}</th>
                    <th scope="col">{t!(i18n, metric_integration)}</th>
                    <th scope="col">{move || l(lang(), "资金到位率", "Funds in place")}</th>
                    <th scope="col">{move || l(lang(), "开工率", "Start rate")}</th>
                    <th scope="col">{move || l(lang(), "投产率", "Production rate")}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| format!("{r:?}") let:r>
                        <tr>
                            <th scope="row">{move || if lang() == Lang::En && !r.2.is_empty() { r.2.clone() } else { r.1.clone() }} " " <ProvenanceBadge provenance=r.3 /></th>
                            <td class="num">{r.4}</td>
                            <td class="num">{pct(r.5)}</td>
                            <td class="num">{pct(r.6)}</td>
                            <td class="num">{pct_opt(r.7)}</td>
                            <td class="num">{pct(r.8)}</td>
                            <td class="num">{pct(r.9)}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <h2>{t!(i18n, open_issues)} " (" <span id="violation-count">{move || violations.get().len()}</span> ")"</h2>
            <ViolationList items=violations name_records=true />
        </section>
    }
}
