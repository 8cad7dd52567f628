//! 展示模式 | Showcase for visiting delegations (shared/domain.md §8.5): read-only, full-screen on
//! request, large type, seven slides — the reform in one page, the three pilots, delegation,
//! people, supervision, project results, the four goals — advanced by keyboard (→ ← space
//! PageUp/PageDown Home End, Esc leaves) or click, with a progress indicator and a live zh/en
//! switch. Figures are city-wide for the app's as-of date (the dashboard's [`Dash`]); persons
//! appear only as aggregates (BR-F3); every figure resting on sample records is badged
//! 示例 SAMPLE (BR-F1), and public facts carry their [P] tag.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use super::overview::{
    Dash, campaign_chart, goal_class, kpi_bars, l, rect_chart, staffing_chart, trend_chart,
};
use crate::domain::meta::Provenance;
use crate::domain::metrics::{Ratio, Scope};
use crate::domain::power::PowerCategory;
use crate::domain::text::Lang;
use crate::ui::charts;
use crate::ui::state::use_app;
use crate::ui::widgets::{ProvenanceBadge, pct, pct_opt};
use crate::ui::{Base, set_lang, use_lang};

const SLIDES: usize = 7;

fn slide_title(i: usize, lang: Lang) -> String {
    let (zh, en) = match i {
        0 => ("改革全景", "The reform in one page"),
        1 => ("三个试点园区", "The three pilot parks"),
        2 => ("权力下放：放得下、接得住", "Delegating powers"),
        3 => ("机构编制：小机构、大服务", "People and posts"),
        4 => ("督促检查：查处与整改", "Inspection and rectification"),
        5 => ("项目建设成效", "Project results"),
        _ => ("四化目标", "The four goals"),
    };
    l(lang, zh, en)
}

/// Figures the slides need beyond the dashboard: the model's counts and the pilots.
#[derive(Clone, Debug, PartialEq)]
struct Extra {
    bodies: usize,
    entities: usize,
    townships: usize,
    by_category: Vec<(PowerCategory, usize)>,
    parks: Vec<Pilot>,
    approved: u32,
    occupied: u32,
}

#[derive(Clone, Debug, PartialEq)]
struct Pilot {
    zh: String,
    en: String,
    provenance: Provenance,
    kind_zh: &'static str,
    kind_en: &'static str,
    towns: usize,
    projects: usize,
    funds: Option<f64>,
}

/// Public context facts with their tags (shared/domain.md §0.4, §7.7); never figures.
fn public_facts(name_zh: &str, lang: Lang) -> Vec<(String, &'static str)> {
    match name_zh {
        "保山工贸园区" => vec![(
            l(
                lang,
                "2012 年起建设，市里决定对其实行实体化管理",
                "Built from 2012; the city placed it under substantive management",
            ),
            "P1",
        )],
        "高黎贡山旅游度假区" => vec![
            (
                l(
                    lang,
                    "2012 年设立，总面积约 850 平方公里",
                    "Established 2012, about 850 km²",
                ),
                "P3",
            ),
            (
                l(
                    lang,
                    "“一山一江一坝”：高黎贡山、怒江、潞江坝",
                    "“One mountain, one river, one valley”: Gaoligong, Nu River, Lujiang",
                ),
                "P3",
            ),
        ],
        _ => vec![(
            l(
                lang,
                "未找到公开资料；以下信息均为占位示例",
                "No public material found; everything below is a placeholder",
            ),
            "—",
        )],
    }
}

fn extra(ws: &crate::domain::workspace::Workspace, day: chrono::NaiveDate) -> Extra {
    use crate::domain::staffing::View;
    let bodies = ws
        .org_units
        .iter_live()
        .filter(|o| o.data.kind.is_committee_body() && o.data.is_active())
        .count();
    let due = crate::domain::delegation_metrics::due(
        ws,
        day,
        &crate::domain::delegation_metrics::DelegationScope::City,
    );
    let by_category = PowerCategory::ALL
        .iter()
        .map(|c| {
            (
                *c,
                due.iter()
                    .filter(|d| {
                        ws.power_items
                            .live(&d.data.power_item_id)
                            .is_some_and(|i| i.data.category == *c)
                    })
                    .count(),
            )
        })
        .collect();
    let parks = ws
        .parks
        .iter_live()
        .map(|p| {
            let scope = Scope::Park(p.meta.id.clone());
            let k = crate::domain::outcome_metrics::kpis(
                ws,
                day,
                &crate::domain::outcome_metrics::ProjectScope::from(&scope),
            );
            Pilot {
                zh: p.data.name_zh.clone(),
                en: p.data.name_en.clone(),
                provenance: p.meta.provenance,
                kind_zh: p.data.kind.zh(),
                kind_en: p.data.kind.en(),
                towns: crate::domain::metrics::entrusted_townships(ws, day, &scope).len(),
                projects: k.projects,
                funds: k.funds_rate.percent(),
            }
        })
        .collect();
    let total =
        crate::domain::staffing_metrics::system_ledger(ws, day, &Scope::City, View::ByQuota)
            .total();
    Extra {
        bodies,
        entities: ws.development_entities.count_live(),
        townships: crate::domain::metrics::entrusted_townships(ws, day, &Scope::City).len(),
        by_category,
        parks,
        approved: total.approved,
        occupied: total.occupied,
    }
}

fn sample_badge(on: bool) -> impl IntoView {
    on.then(|| view! { <ProvenanceBadge provenance=Provenance::Sample /> })
}

/// A big figure with its label (and the SAMPLE badge when it rests on sample records).
fn big(id: &'static str, label: String, value: String, sample: bool) -> impl IntoView {
    view! {
        <div class="big-figure" id=id>
            <span class="big-value">{value}</span>
            <span class="big-label">{label} " " {sample_badge(sample)}</span>
        </div>
    }
}

fn change(before: Ratio, after: Ratio, lang: Lang) -> String {
    match (before.percent(), after.percent()) {
        (Some(a), Some(b)) => format!(
            "{} {:+.1} {}",
            l(lang, "提高", "up"),
            b - a,
            l(lang, "个百分点", "points")
        ),
        _ => String::new(),
    }
}

fn slide_model(d: &Dash, x: &Extra, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample;
    view! {
        <div class="model">
            <p class="model-quote">
                {l(lang, "构建“精简、高效、统一，小机构、大服务”的管理体制和“职能完整、决策自主、工作独立”的运行机制",
                    "A lean, efficient, unified system — small bodies, broad service — that is complete in its functions, decides for itself and works independently")}
                <span class="tag">"S0.1"</span>
            </p>
            <div class="model-grid">
                <div class="model-box model-grantors">
                    <h3>{l(lang, "市、县（区）", "City and counties")}</h3>
                    <ul>
                        <li>{l(lang, "授予经济管理权限：发改、工信、规划、建设、环保、商务、招商合作", "Grant economic powers: development, industry, planning, construction, environment, commerce, investment")} <span class="tag">"S2.1"</span></li>
                        <li>{l(lang, "委托社会管理职能：教育、卫生、民政、社保、“三农”……", "Entrust social functions: education, health, civil affairs, social security, agriculture…")} <span class="tag">"S2.2"</span></li>
                        <li>{l(lang, "委托行政执法权：土地、规划、环保、城管、安监……，统一执法", "Entrust enforcement: land, planning, environment, urban management, safety… under one enforcement body")} <span class="tag">"S2.2 S3.3"</span></li>
                    </ul>
                </div>
                <div class="model-arrow" aria-hidden="true">"→"</div>
                <div class="model-box model-core">
                    <h3>{l(lang, "园区党工委 · 管委会", "Park Party Working Committee · Management Committee")}</h3>
                    <p>{l(lang, "对园区及托管乡镇统一领导、统一管理", "Lead and manage the park and its entrusted townships as one")} <span class="tag">"S1.3"</span></p>
                    <p class="model-figure"><strong>{x.bodies}</strong> " " {l(lang, "个大部制内设机构（三园区合计）", "broad-remit internal bodies (three parks)")} " " {sample_badge(s.staffing || s.territory)} <span class="tag">"S3.1"</span></p>
                </div>
                <div class="model-sep" aria-hidden="true"></div>
                <div class="model-box model-company">
                    <h3>{l(lang, "开发建设公司", "Development companies")}</h3>
                    <p>{l(lang, "行政管理主体与开发建设主体相分离", "Administration kept apart from development")} <span class="tag">"S4.1"</span></p>
                    <p class="model-figure"><strong>{x.entities}</strong> " " {l(lang, "家", "companies")} " " {sample_badge(s.projects || s.supervision)}</p>
                </div>
                <div class="model-box model-towns">
                    <h3>{l(lang, "园区 + 托管乡镇", "Parks + entrusted townships")}</h3>
                    <p>{l(lang, "乡镇由县区政府成建制委托园区管理；“区镇合一”，干部职务一身兼", "Whole townships entrusted by the county; park and township run as one, leaders hold both posts")} <span class="tag">"S1.2 S1.4"</span></p>
                    <p class="model-figure"><strong>{x.townships}</strong> " " {l(lang, "个托管乡镇", "entrusted townships")} " · " {l(lang, "区镇合一覆盖率", "integration")} " " <strong>{pct(d.integration)}</strong> " " {sample_badge(s.territory)}</p>
                </div>
            </div>
        </div>
    }
}

fn slide_parks(d: &Dash, x: &Extra, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample;
    view! {
        <p class="slide-lead">{l(lang, "在水长、工贸、高黎贡山 3 个园区（度假区）先行试点", "Piloted first in three parks: Shuichang, Gongmao (Industrial & Trade) and Gaoligongshan")} <span class="tag">"S0.2"</span></p>
        <div class="pilot-grid">
            {x.parks.iter().map(|p| {
                let facts = public_facts(&p.zh, lang);
                let name = if lang == Lang::En && !p.en.is_empty() { p.en.clone() } else { p.zh.clone() };
                let kind = if lang == Lang::En { p.kind_en } else { p.kind_zh };
                view! {
                    <article class="pilot">
                        <h3>{name}</h3>
                        <p class="pilot-kind">{kind} " " <ProvenanceBadge provenance=p.provenance /></p>
                        <ul class="facts">
                            {facts.into_iter().map(|(t, tag)| view! { <li>{t} " " <span class="tag tag-public">{format!("[{tag}]")}</span></li> }).collect_view()}
                        </ul>
                        <dl class="pilot-figures">
                            <div><dt>{l(lang, "托管乡镇", "Entrusted townships")}</dt><dd>{p.towns} " " {sample_badge(s.territory)}</dd></div>
                            <div><dt>{l(lang, "项目", "Projects")}</dt><dd>{p.projects} " " {sample_badge(s.projects)}</dd></div>
                            <div><dt>{l(lang, "资金到位率", "Funds in place")}</dt><dd>{pct_opt(p.funds)} " " {sample_badge(s.projects)}</dd></div>
                        </dl>
                    </article>
                }
            }).collect_view()}
        </div>
    }
}

fn slide_delegation(d: &Dash, x: &Extra, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample;
    let first = d.campaigns.first().map(|c| c.strict).unwrap_or_default();
    let last = d.campaigns.last().map(|c| c.strict).unwrap_or_default();
    let two = d.campaigns.len() >= 2;
    view! {
        <div class="slide-cols">
            <div class="slide-col-figures">
                <p class="slide-lead">{l(lang, "督查各部门下放的权力是否放到位、放到实处", "The inspection group checks whether the powers were really handed over")} <span class="tag">"S7.1"</span></p>
                {two.then(|| view! {
                    <div class="before-after" id="show-before-after">
                        <div><span class="ba-label">{l(lang, "首次督查", "First inspection")}</span><span class="ba-value">{pct(first)}</span></div>
                        <div class="ba-arrow" aria-hidden="true">"→"</div>
                        <div><span class="ba-label">{l(lang, "最近一次督查", "Latest inspection")}</span><span class="ba-value ba-after">{pct(last)}</span></div>
                    </div>
                    <p class="ba-change">{l(lang, "放权到位率（严格口径）", "Powers in place (strict)")} " " {change(first, last, lang)} " " {sample_badge(s.delegation)}</p>
                })}
                <ul class="cat-list">
                    {x.by_category.iter().map(|(c, n)| view! {
                        <li><span class="cat-n">{*n}</span> " " {l(lang, &format!("项{}权限已到期下放", c.zh()), &format!("{} powers due", c.en().to_lowercase()))}</li>
                    }).collect_view()}
                    <li class="hint">{sample_badge(s.delegation)}</li>
                </ul>
            </div>
            <div class="slide-col-chart">{campaign_chart("show-chart-campaigns", d, lang)}</div>
        </div>
    }
}

fn slide_people(d: &Dash, x: &Extra, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample.staffing;
    view! {
        <div class="slide-cols">
            <div class="slide-col-figures">
                <p class="slide-lead">{l(lang, "少机构、宽职能；园区与乡镇人员编制共享，职务一身兼", "Few bodies with broad remits; park and townships share staff quotas, leaders hold both posts")} <span class="tag">"S3.1 S3.2 S5.0"</span></p>
                <div class="big-grid">
                    {big("show-approved", l(lang, "核定编制", "Approved quota"), x.approved.to_string(), s)}
                    {big("show-occupied", l(lang, "实有人员", "In post"), x.occupied.to_string(), s)}
                    {big("show-sharing", l(lang, "编制共享度", "Shared quota"), pct(d.sharing), s)}
                    {big("show-saving", l(lang, "职务一身兼节约职数", "Posts saved by holding both"), d.saving.saving().to_string(), s)}
                </div>
                <p class="hint">{l(lang, "人员仅以汇总数字展示，不显示姓名", "People are shown only as totals, never by name")} " · BR-F3"</p>
            </div>
            <div class="slide-col-chart">{staffing_chart("show-chart-staffing", d, lang)}</div>
        </div>
    }
}

fn slide_supervision(d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample.supervision;
    view! {
        <div class="slide-cols">
            <div class="slide-col-figures">
                <p class="slide-lead">{l(lang, "对抱着权力不放、明放暗不放、打折放权的单位和部门查处和责任追究", "Units that cling to powers, release them in name only or hand them over in part are investigated and held to account")} <span class="tag">"S7.1"</span></p>
                <div class="big-grid">
                    {big("show-issued", l(lang, "整改督办单", "Rectification orders"), d.rect.issued.to_string(), s)}
                    {big("show-closed", l(lang, "已销号", "Closed"), d.rect.closed.to_string(), s)}
                    {big("show-closure", l(lang, "整改销号率", "Closure rate"), pct(d.rect.closure()), s)}
                    {big("show-overdue", l(lang, "逾期未办结", "Overdue"), d.rect.overdue.to_string(), s)}
                </div>
            </div>
            <div class="slide-col-chart">{rect_chart("show-chart-rect", d, lang)}</div>
        </div>
    }
}

fn slide_results(d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample.projects;
    let y = d.day.format("%Y").to_string();
    let prev = d.last_year.clone();
    let now = d.kpis.clone();
    view! {
        <p class="slide-lead">{l(lang, "招商引资、基础设施建设、项目建设呈现出千帆竞发、百舸争流的可喜局面", "Investment attraction, infrastructure and project construction all moved ahead")} <span class="tag">"S7.4"</span> " " {sample_badge(s)}</p>
        <div class="slide-cols">
            <div class="slide-col-figures">
                <table class="table ba-table" id="show-kpi-table">
                    <caption>{l(lang, "上年末与当前对比", "End of last year and now")}</caption>
                    <thead><tr>
                        <th scope="col">{l(lang, "指标", "Indicator")}</th>
                        <th scope="col" class="num">{l(lang, "上年末", "Last year-end")}</th>
                        <th scope="col" class="num">{format!("{y} {}", l(lang, "当前", "now"))}</th>
                    </tr></thead>
                    <tbody>
                        <tr><th scope="row">{l(lang, "签约项目", "Signed projects")}</th><td class="num">{prev.signed}</td><td class="num">{now.signed}</td></tr>
                        <tr><th scope="row">{l(lang, "资金到位率", "Funds in place")}</th><td class="num">{pct_opt(prev.funds_rate.percent())}</td><td class="num">{pct_opt(now.funds_rate.percent())}</td></tr>
                        <tr><th scope="row">{l(lang, "开工率", "Start rate")}</th><td class="num">{pct(prev.start_rate)}</td><td class="num">{pct(now.start_rate)}</td></tr>
                        <tr><th scope="row">{l(lang, "投产率", "Production rate")}</th><td class="num">{pct(prev.production_rate)}</td><td class="num">{pct(now.production_rate)}</td></tr>
                    </tbody>
                </table>
                {kpi_bars("show-chart-kpis", &d.kpis, lang)}
            </div>
            <div class="slide-col-chart">{trend_chart("show-chart-trend", d, lang)}</div>
        </div>
    }
}

fn slide_goals(d: &Dash, lang: Lang) -> impl IntoView + use<> {
    let s = d.sample.any();
    view! {
        <p class="slide-lead">{l(lang, "基本达到了“园区管理实体化、开发建设市场化、行政服务高效化、公共服务社会化”的目标", "The four goals were broadly met: substantive management, market-based development, efficient administrative services, socialised public services")} <span class="tag">"S7.2"</span></p>
        <div class="goal-show">
            {d.goals.iter().enumerate().map(|(i, g)| {
                let v = g.value();
                view! {
                    <article class="goal-show-card" data-goal=g.goal.code()>
                        {charts::ring(v, goal_class(i), l(lang, "数据不足", "No data"))}
                        <h3>{g.goal.label(lang)}</h3>
                        <p class="goal-show-value">{v.map(|v| format!("{v:.1}")).unwrap_or_else(|| l(lang, "数据不足，不计算", "Not enough data"))} " " {sample_badge(s)}</p>
                        <ul class="goal-parts">
                            {g.components.iter().map(|c| view! {
                                <li><span>{c.label.get(lang).to_string()}</span> <strong>{pct_opt(c.value())}</strong></li>
                            }).collect_view()}
                        </ul>
                    </article>
                }
            }).collect_view()}
        </div>
        <p class="hint">{l(lang, "指数为本系统的设计方案 [D]：各组成项的平均值（0–100），任一项缺数据即不计算；报告本身未给出量化指标", "The indices are this product's design [D]: the mean of their components (0–100), not computed when one lacks data; the report gives no figures of its own")}</p>
    }
}

#[component]
pub fn Showcase() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let base = expect_context::<Base>();
    let navigate = use_navigate();
    let current = RwSignal::new(0usize);
    super::page_title(move || {
        format!(
            "{} · {}",
            l(lang(), "展示模式", "Showcase"),
            slide_title(current.get(), lang())
        )
    });
    // Read-only while open (BR-F3): every command is refused.
    app.showcase.set(true);
    on_cleanup(move || app.showcase.set(false));

    let dash = Memo::new(move |_| {
        let day = app.as_of.get();
        app.desk.with(|d| Dash::compute(d.ws(), day, &Scope::City))
    });
    let extra = Memo::new(move |_| {
        let day = app.as_of.get();
        app.desk.with(|d| extra(d.ws(), day))
    });
    let next = move || current.update(|c| *c = (*c + 1).min(SLIDES - 1));
    let prev = move || current.update(|c| *c = c.saturating_sub(1));
    let home = base.href("/");
    let leave = {
        let navigate = navigate.clone();
        let home = home.clone();
        move || {
            if let Some(doc) = web_sys::window().and_then(|w| w.document())
                && doc.fullscreen_element().is_some()
            {
                doc.exit_fullscreen();
            }
            navigate(&home, Default::default());
        }
    };
    let leave_key = leave.clone();
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " | "Spacebar" => next(),
            "ArrowLeft" | "PageUp" => prev(),
            "Home" => current.set(0),
            "End" => current.set(SLIDES - 1),
            "Escape" => leave_key(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    let fullscreen = move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if doc.fullscreen_element().is_some() {
                doc.exit_fullscreen();
            } else if let Some(root) = doc.document_element() {
                let _ = root.request_fullscreen();
            }
        }
    };
    // A click on the slide (not on a control in it) advances.
    let on_stage_click = move |ev: web_sys::MouseEvent| {
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| {
                el.closest("button, a, summary, details, select, input, table")
                    .ok()
            })
            .flatten()
            .is_some();
        if !on_control {
            next();
        }
    };
    let any_sample = move || dash.with(|d| d.sample.any());

    view! {
        <div class="showcase" id="showcase" data-slide=move || current.get().to_string()>
            <header class="show-top">
                <div class="show-brand">
                    <span class="show-brand-zh">{move || l(lang(), "保山市园区管理体制与运行机制创新", "Baoshan: a new way to run its parks")}</span>
                    <span class="show-brand-en">{move || l(lang(), "园区改革工作台 · 展示", "ParkDesk · showcase")}</span>
                </div>
                <nav class="show-progress" aria-label=move || l(lang(), "幻灯片", "Slides")>
                    <span class="show-count" id="show-count" aria-live="polite">{move || format!("{} / {SLIDES}", current.get() + 1)}</span>
                    {(0..SLIDES).map(|i| view! {
                        <button type="button" class="show-dot" class:show-dot-on=move || current.get() == i
                            aria-current=move || (current.get() == i).then_some("step")
                            aria-label=move || format!("{} {}：{}", l(lang(), "第", "Slide"), i + 1, slide_title(i, lang()))
                            on:click=move |_| current.set(i)></button>
                    }).collect_view()}
                </nav>
                <div class="show-actions">
                    <button type="button" class="btn show-btn" id="show-lang" lang=move || if lang() == Lang::Zh { "en" } else { "zh" }
                        on:click=move |_| set_lang(if lang() == Lang::Zh { Lang::En } else { Lang::Zh })>
                        {move || if lang() == Lang::Zh { "English" } else { "中文" }}
                    </button>
                    <button type="button" class="btn show-btn" id="show-fullscreen" on:click=fullscreen>{move || l(lang(), "全屏", "Full screen")}</button>
                    <button type="button" class="btn show-btn" id="show-exit" on:click={ let leave = leave.clone(); move |_| leave() }>{move || l(lang(), "退出展示（Esc）", "Leave (Esc)")}</button>
                </div>
            </header>
            <div class="show-stage" id="show-stage" on:click=on_stage_click>
                {move || {
                    let i = current.get();
                    let lang = lang();
                    let d = dash.get();
                    let x = extra.get();
                    let body = match i {
                        0 => slide_model(&d, &x, lang).into_any(),
                        1 => slide_parks(&d, &x, lang).into_any(),
                        2 => slide_delegation(&d, &x, lang).into_any(),
                        3 => slide_people(&d, &x, lang).into_any(),
                        4 => slide_supervision(&d, lang).into_any(),
                        5 => slide_results(&d, lang).into_any(),
                        _ => slide_goals(&d, lang).into_any(),
                    };
                    view! {
                        <section class="slide" id=format!("slide-{}", i + 1) aria-roledescription=l(lang, "幻灯片", "slide")
                            aria-label=format!("{} / {SLIDES}：{}", i + 1, slide_title(i, lang))>
                            <h1 class="slide-title"><span class="slide-no">{format!("{:02}", i + 1)}</span> {slide_title(i, lang)}</h1>
                            {body}
                        </section>
                    }
                }}
            </div>
            <footer class="show-foot">
                <button type="button" class="btn show-btn" id="show-prev" on:click=move |_| prev() disabled=move || current.get() == 0>{move || l(lang(), "← 上一页", "← Previous")}</button>
                <span class="show-note">
                    {move || any_sample().then(|| view! { <span class="show-sample">{l(lang(), "示例数据 SAMPLE — 非保山实际数据", "Sample data — not actual Baoshan figures")}</span> })}
                    " "
                    {move || format!("{} {}", l(lang(), "数据截至", "As of"), app.as_of.get().format("%Y-%m-%d"))}
                    " · "
                    {move || l(lang(), "方向键、空格或单击翻页", "Arrow keys, space or click to move on")}
                </span>
                <button type="button" class="btn show-btn show-next" id="show-next" on:click=move |_| next() disabled=move || current.get() + 1 == SLIDES>{move || l(lang(), "下一页 →", "Next →")}</button>
            </footer>
        </div>
    }
}
