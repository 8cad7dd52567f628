//! 考核 section (issue #5; report S6.1–S6.4): schemes with their indicator tree and state
//! machine, the score entry grid, ranking with grades and the quota, the bonus allocation
//! proposal, and the use of results. Tabs share the selected scheme and pool; every scheme is
//! evaluated once per change (`Outcomes`) and read by all tabs.

use std::sync::Arc;

use leptos::prelude::*;

use super::page_title;
use super::powers::AsOfControl;
use crate::domain::assessment::Component;
use crate::domain::assessment::*;
use crate::domain::assessment_results::Outcomes;
use crate::domain::command::{Act, Command};
use crate::domain::meta::{Provenance, Role};
use crate::domain::org::OrgKind;
use crate::domain::scoring::centi_text;
use crate::domain::text::{Lang, Text};
use crate::domain::workspace::{Data, Kind, Record};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Schemes,
    Scores,
    Ranking,
    Bonus,
    Use,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Schemes,
        Tab::Scores,
        Tab::Ranking,
        Tab::Bonus,
        Tab::Use,
    ];
    fn id(self) -> &'static str {
        match self {
            Tab::Schemes => "asm-tab-schemes",
            Tab::Scores => "asm-tab-scores",
            Tab::Ranking => "asm-tab-ranking",
            Tab::Bonus => "asm-tab-bonus",
            Tab::Use => "asm-tab-use",
        }
    }
}

/// What the tabs share.
#[derive(Clone, Copy)]
pub struct Asm {
    pub tab: RwSignal<Tab>,
    /// The selected scheme (scores, ranking, use of results).
    pub scheme: RwSignal<String>,
    /// The selected bonus pool.
    pub pool: RwSignal<String>,
    /// Every scheme evaluated once per change.
    pub outcomes: Memo<Arc<Outcomes>>,
    /// The date state steps take effect.
    pub act_date: RwSignal<String>,
}

pub fn use_asm() -> Asm {
    expect_context::<Asm>()
}

/// The scheme to open first: one still being scored, else the newest.
fn first_scheme(app: AppState) -> String {
    app.desk.with_untracked(|d| {
        let ws = d.ws();
        let mut all: Vec<_> = ws.assessment_schemes.iter_live().collect();
        all.sort_by_key(|s| (std::cmp::Reverse(s.data.year), s.data.title.clone()));
        all.iter()
            .find(|s| {
                matches!(
                    s.data.status,
                    SchemeStatus::Collecting | SchemeStatus::Scoring
                )
            })
            .or(all.first())
            .map(|s| s.meta.id.clone())
            .unwrap_or_default()
    })
}

#[component]
pub fn Assessment() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    page_title(move || t_string!(i18n, nav_assessment).to_string());
    let today = crate::ui::browser::today();
    let outcomes = Memo::new(move |_| app.desk.with(|d| Arc::new(Outcomes::of(d.ws()))));
    let first_pool = app.desk.with_untracked(|d| {
        d.ws()
            .bonus_pools
            .iter_live()
            .next()
            .map(|p| p.meta.id.clone())
            .unwrap_or_default()
    });
    let asm = Asm {
        tab: RwSignal::new(Tab::Schemes),
        scheme: RwSignal::new(first_scheme(app)),
        pool: RwSignal::new(first_pool),
        outcomes,
        act_date: RwSignal::new(date_string(Some(app.as_of.get_untracked().min(today)))),
    };
    provide_context(asm);
    let tab_label = move |t: Tab| -> String {
        match t {
            Tab::Schemes => t_string!(i18n, asm_tab_schemes).to_string(),
            Tab::Scores => t_string!(i18n, asm_tab_scores).to_string(),
            Tab::Ranking => t_string!(i18n, asm_tab_ranking).to_string(),
            Tab::Bonus => t_string!(i18n, asm_tab_bonus).to_string(),
            Tab::Use => t_string!(i18n, asm_tab_use).to_string(),
        }
    };
    view! {
        <section class="page" id="page-assessment" class:read-only=move || read_only(app) data-read-only=move || read_only(app).to_string()>
            <h1>{t!(i18n, nav_assessment)}</h1>
            <p class="lead">{t!(i18n, asm_lead)}</p>
            <div class="toolbar">
                <AsOfControl />
                <div class="field field-inline">
                    <label for="asm-act-date">{t!(i18n, asm_act_date)}</label>
                    <input id="asm-act-date" type="date" prop:value=move || asm.act_date.get()
                        on:input=move |ev| asm.act_date.set(event_target_value(&ev)) />
                </div>
                <PrintButton id="asm-print" />
            </div>
            <div class="tabs" role="tablist" aria-label=move || t_string!(i18n, nav_assessment).to_string()>
                {Tab::ALL.into_iter().map(|t| view! {
                    <button type="button" role="tab" class="tab" id=t.id()
                        aria-selected=move || (asm.tab.get() == t).to_string()
                        class:tab-active=move || asm.tab.get() == t
                        on:click=move |_| asm.tab.set(t)>{move || tab_label(t)}</button>
                }).collect_view()}
            </div>
            <div class="print-head">{move || format!("{} · {}", tab_label(asm.tab.get()), date_string(Some(app.as_of.get())))}</div>
            {move || match asm.tab.get() {
                Tab::Schemes => view! { <SchemesTab /> }.into_any(),
                Tab::Scores => view! { <super::assessment_scores::ScoresTab /> }.into_any(),
                Tab::Ranking => view! { <super::assessment_scores::RankingTab /> }.into_any(),
                Tab::Bonus => view! { <super::bonus::BonusTab /> }.into_any(),
                Tab::Use => view! { <super::bonus::UseTab /> }.into_any(),
            }}
        </section>
    }
}

// ---------------------------------------------------------------- shared pieces

/// A short text in the current language (tooltips).
pub fn zh_en(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh { zh } else { en }
}

/// A visitor office sees the section without its editing controls (BR-F3): they carry the class
/// `edit-only`, which the page hides under `.read-only`, and the grid's cells are read-only.
pub fn read_only(app: AppState) -> bool {
    // Tracked (unlike `AppState::read_only`), so the controls follow a change of office or showcase.
    app.showcase.get() || app.office.with(|o| o.role == Role::Visitor)
}

/// The scheme record (rev, data) if live.
pub fn scheme(app: AppState, id: &str) -> Option<(u32, AssessmentSchemeData, Provenance)> {
    app.desk
        .with(|d| match d.ws().get(Kind::AssessmentScheme, id) {
            Some(Record::AssessmentScheme(r)) if !r.meta.deleted => {
                Some((r.meta.rev, r.data, r.meta.provenance))
            }
            _ => None,
        })
}

/// A select of the schemes (those `keep` accepts), bound to `asm.scheme`.
#[component]
pub fn SchemePicker(#[prop(optional)] individual_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let asm = use_asm();
    let options = move || {
        app.desk.with(|d| {
            let mut v: Vec<_> = d
                .ws()
                .assessment_schemes
                .iter_live()
                .filter(|s| !individual_only || s.data.assessee_kind == AssesseeKind::Individual)
                .map(|s| {
                    (
                        (std::cmp::Reverse(s.data.year), s.data.title.clone()),
                        s.meta.id.clone(),
                        format!("{} · {}", s.data.title, s.data.status.zh()),
                    )
                })
                .collect();
            v.sort();
            v.into_iter().map(|(_, id, l)| (id, l)).collect::<Vec<_>>()
        })
    };
    // Keep a valid selection when the list changes (a scheme deleted, the filter).
    Effect::new(move |_| {
        let opts = options();
        let cur = asm.scheme.get();
        if !opts.iter().any(|(id, _)| *id == cur)
            && let Some((id, _)) = opts.first()
        {
            asm.scheme.set(id.clone());
        }
    });
    view! {
        <div class="field field-inline">
            <label for="asm-scheme">{t!(i18n, asm_scheme)}</label>
            <select id="asm-scheme" on:change=move |ev| asm.scheme.set(event_target_value(&ev))>
                {move || options().into_iter().map(|(id, label)| {
                    let selected = id == asm.scheme.get();
                    view! { <option value=id selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The act date typed in the toolbar, if valid.
pub fn act_on(asm: Asm) -> Option<chrono::NaiveDate> {
    parse_date(&asm.act_date.get_untracked())
}

pub fn status_label(code: &str) -> (&'static str, &'static str) {
    SchemeStatus::from_code(code)
        .map(|s| (s.zh(), s.en()))
        .unwrap_or(("", ""))
}

/// A grade as text in the scheme's scale.
pub fn grade_text(scale: GradeScale, level: Option<u8>, lang: Lang) -> String {
    level
        .map(|l| scale.grade(l).get(lang).to_string())
        .unwrap_or_default()
}

/// The assessee's name (a person's staff number and name, or the unit).
pub fn assessee_name(app: AppState, a: &Assessee) -> String {
    app.desk.with_untracked(|d| d.ws().assessee_label(a))
}

// ---------------------------------------------------------------- schemes

#[component]
fn SchemesTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk.with(|d| {
            let ws = d.ws();
            let mut n: std::collections::HashMap<&str, usize> = Default::default();
            for r in ws.assessment_results.iter_live() {
                *n.entry(r.data.scheme_id.as_str()).or_default() += 1;
            }
            let mut v: Vec<_> = ws
                .assessment_schemes
                .iter_live()
                .map(|s| {
                    (
                        s.meta.id.clone(),
                        s.meta.rev,
                        s.data.clone(),
                        s.data
                            .park_id
                            .as_ref()
                            .map(|p| ws.label_of(Kind::Park, p))
                            .unwrap_or_default(),
                        n.get(s.id()).copied().unwrap_or(0),
                        s.meta.provenance,
                    )
                })
                .collect();
            v.sort_by_key(|r| {
                (
                    std::cmp::Reverse(r.2.year),
                    r.2.assessee_kind,
                    r.2.title.clone(),
                )
            });
            v
        })
    };
    view! {
        <section class="block" id="schemes">
            <div class="block-head">
                <h2>{t!(i18n, asm_schemes)}</h2>
                <button class="btn btn-primary no-print edit-only" id="scheme-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, asm_scheme_new)}</button>
            </div>
            <p class="hint">{t!(i18n, asm_schemes_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <SchemeForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <SchemeForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table table-compact" id="scheme-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, asm_year)}</th>
                    <th scope="col">{t!(i18n, asm_title)}</th>
                    <th scope="col">{t!(i18n, asm_kind)}</th>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col" class="num">{t!(i18n, asm_assessees)}</th>
                    <th scope="col" class="num">{t!(i18n, asm_records)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(id, rev, s, park, n, prov)| {
                        let open = id.clone();
                        let edit_id = id.clone();
                        let selected = {
                            let id = id.clone();
                            move || asm.scheme.get() == id
                        };
                        let kind = s.assessee_kind;
                        let status = s.status;
                        view! {
                            <tr data-id=id.clone() data-kind=kind.code() data-status=status.code() class:row-selected=selected>
                                <td>{s.year}</td>
                                <th scope="row">{s.title.clone()} " " <ProvenanceBadge provenance=prov /></th>
                                <td class="small">{move || kind.label(lang())}</td>
                                <td class="small">{park}</td>
                                <td class="num">{s.assessees.len()}</td>
                                <td class="num">{n}</td>
                                <td class="nowrap"><span class="status">{move || status.label(lang())}</span></td>
                                <td>{record_issues(app, Kind::AssessmentScheme, id.clone())}</td>
                                <td class="actions">
                                    <button class="btn btn-small" data-action="open" on:click=move |_| asm.scheme.set(open.clone())>{t!(i18n, asm_open)}</button>
                                    " "
                                    <button class="btn btn-small edit-only" data-action="edit" on:click=move |_| edit.set(Editing::Edit(edit_id.clone(), rev))>{t!(i18n, edit)}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {move || {
            let id = asm.scheme.get();
            (!id.is_empty()).then(|| view! { <SchemeDetail id /> })
        }}
    }
}

/// The selected scheme: its state and next steps, history, and the indicator tree (read-only).
#[component]
fn SchemeDetail(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let reason = RwSignal::new(String::new());
    let id2 = id.clone();
    let current = Memo::new(move |_| scheme(app, &id2));
    let go = {
        let id = id.clone();
        move |to: SchemeStatus| {
            let Some((rev, _, _)) = current.get_untracked() else {
                return;
            };
            let Some(on) = act_on(asm) else {
                errors.set(vec![local_error(
                    "status",
                    "请填写办理日期",
                    "Enter the date of the step",
                )]);
                return;
            };
            if run(
                app,
                Command::Act {
                    id: id.clone(),
                    act: Act::Scheme(SchemeStep {
                        to,
                        on,
                        reason: reason.get_untracked(),
                    }),
                    base_rev: Some(rev),
                },
                errors,
            ) {
                reason.set(String::new());
            }
        }
    };
    view! {
        <section class="block" id="scheme-detail">
            {move || current.get().map(|(_, s, prov)| {
                let status = s.status;
                let next = status.next();
                let back = status.previous();
                let go_next = go.clone();
                let go_back = go.clone();
                let problems = s.publish_problems();
                let tree: Vec<(usize, Indicator)> = s.tree().into_iter().map(|(d, i)| (d, i.clone())).collect();
                let leaves: std::collections::HashSet<String> = s.leaves().into_iter().map(|i| i.id.clone()).collect();
                view! {
                    <div class="block-head">
                        <h2>{s.title.clone()} " " <ProvenanceBadge provenance=prov /></h2>
                    </div>
                    <p>
                        <span class="status" id="scheme-status" data-status=status.code()>{move || status.label(lang())}</span>
                        " " <span class="small muted">{move || s.assessee_kind.label(lang())} " · " {move || s.scale.label(lang())}
                        " · " {t!(i18n, asm_thresholds)} " " {format!("{} / {} / {}", s.thresholds.top, s.thresholds.second, s.thresholds.third)}
                        " · " {move || s.quota.as_ref().map(|q| format!("{} {}%", t_string!(i18n, asm_quota), f64::from(q.effective_permille()) / 10.0)).unwrap_or_default()}</span>
                    </p>
                    <ol class="steps small" id="scheme-steps">
                        {SchemeStatus::ALL.iter().map(|st| {
                            let st = *st;
                            view! { <li class:done=st.step() < status.step() class:here=st == status>{move || st.label(lang())}</li> }
                        }).collect_view()}
                    </ol>
                    <div class="form-inline no-print edit-only">
                        <div class="field"><label for="scheme-reason">{t!(i18n, asm_step_reason)}</label>
                            <input id="scheme-reason" type="text" class="reason-input" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) /></div>
                        {next.map(|n| view! {
                            <button class="btn btn-primary" id="scheme-next" data-next=n.code() on:click=move |_| go_next(n)>
                                {t!(i18n, asm_next)} "：" {move || n.label(lang())}
                            </button>
                        })}
                        {back.map(|b| view! {
                            <button class="btn" id="scheme-back" data-back=b.code() on:click=move |_| go_back(b)>
                                {t!(i18n, asm_back)} "：" {move || b.label(lang())}
                            </button>
                        })}
                    </div>
                    {(status == SchemeStatus::Draft && !problems.is_empty()).then(|| view! {
                        <div class="callout callout-warn" id="publish-problems">
                            <strong>{t!(i18n, asm_publish_blockers)}</strong>
                            <ul>{problems.into_iter().map(|p| view! { <li>{text_view(p)}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <ErrorSummary errors />
                    {record_issues(app, Kind::AssessmentScheme, id.clone())}
                    <h3>{t!(i18n, asm_indicators)}</h3>
                    <table class="table table-compact indicator-table" id="indicator-view">
                        <thead><tr>
                            <th scope="col">{t!(i18n, asm_code)}</th><th scope="col">{t!(i18n, asm_indicator)}</th>
                            <th scope="col">{t!(i18n, asm_category)}</th><th scope="col" class="num">{t!(i18n, asm_points)}</th>
                            <th scope="col">{t!(i18n, asm_method)}</th>
                        </tr></thead>
                        <tbody>
                            {tree.into_iter().map(|(depth, ind)| {
                                let leaf = leaves.contains(&ind.id);
                                let m = ind.method.kind();
                                let cat = ind.category;
                                let bonus = ind.method == ScoringMethod::BonusItem;
                                view! {
                                    <tr data-indicator=ind.id.clone() class=format!("depth-{}", depth.min(3))>
                                        <td class="nowrap">{ind.code.clone()}</td>
                                        <th scope="row" class="indent">{ind.name.clone()} {ind.lower_is_better.then(|| view! { " " <span class="badge">{t!(i18n, asm_lower_better)}</span> })}</th>
                                        <td class="small">{move || cat.label(lang())}</td>
                                        <td class="num">{format!("{:.2}", ind.points)}{bonus.then(|| view! { " " <span class="badge" title=move || zh_en(lang(), "加分项，不计入总分", "bonus item, outside the total")>"+"</span> })}</td>
                                        <td class="small">{leaf.then(|| view! { {move || m.label(lang())} " " <span class="muted">{params_text(&ind.method)}</span> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(!s.veto_items.is_empty()).then(|| view! {
                        <h3>{t!(i18n, asm_veto_items)}</h3>
                        <ul class="plain" id="veto-list">{s.veto_items.iter().map(|v| {
                            let e = v.effect;
                            view! { <li><code>{v.code.clone()}</code> " " {v.name.clone()} " — " {move || e.label(lang())}</li> }
                        }).collect_view()}</ul>
                    })}
                    <p class="small">{t!(i18n, asm_components)} "：" {s.components.iter().map(|c| format!("{} {}%", c.name, f64::from(c.weight_permille) / 10.0)).collect::<Vec<_>>().join(" + ")}</p>
                    <details class="small">
                        <summary>{t!(i18n, asm_history)}</summary>
                        <table class="table table-compact history" id="scheme-history"><tbody>
                            {s.history.iter().map(|h| {
                                let (f, t) = (status_label(&h.from), status_label(&h.to));
                                view! { <tr>
                                    <td class="nowrap">{h.on.to_string()}</td>
                                    <td>{move || if lang() == Lang::Zh { format!("{} → {}", f.0, t.0) } else { format!("{} → {}", f.1, t.1) }}</td>
                                    <td>{h.reason.clone()}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody></table>
                    </details>
                }
            })}
        </section>
    }
}

/// A method's parameters as the compact text the editor reads back.
pub fn params_text(m: &ScoringMethod) -> String {
    match m {
        ScoringMethod::CompletionLinear { cap } => format!("{cap}"),
        ScoringMethod::BasePlusIncrement {
            base_share,
            step_pct,
            step_points,
            max_bonus_share,
        } => format!("{base_share}/{step_pct}/{step_points}/{max_bonus_share}"),
        ScoringMethod::RatioToBest | ScoringMethod::BonusItem => String::new(),
        ScoringMethod::EfficacyCoefficient { floor, span } => format!("{floor}/{span}"),
        ScoringMethod::Deduction { per_event } => {
            per_event.map(|p| p.to_string()).unwrap_or_default()
        }
        ScoringMethod::Qualitative { levels } => levels
            .iter()
            .map(|l| format!("{}={}", l.label, l.share))
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// Reads a method from its kind and the compact parameter text; `Err` names the format.
pub fn parse_method(kind: MethodKind, params: &str) -> Result<ScoringMethod, Text> {
    let p = params.trim();
    let nums = |n: usize| -> Option<Vec<f64>> {
        let v: Option<Vec<f64>> = p
            .split(['/', '／'])
            .map(|x| x.trim().parse().ok())
            .collect();
        v.filter(|v| v.len() == n)
    };
    let bad =
        |zh: &str, en: &str| Text::new(format!("参数格式：{zh}"), format!("Parameters: {en}"));
    Ok(match kind {
        MethodKind::CompletionLinear => ScoringMethod::CompletionLinear {
            cap: if p.is_empty() {
                1.2
            } else {
                p.parse()
                    .map_err(|_| bad("封顶系数，如 1.2", "the cap, e.g. 1.2"))?
            },
        },
        MethodKind::BasePlusIncrement => {
            if p.is_empty() {
                ScoringMethod::default_of(kind)
            } else {
                let v = nums(4).ok_or_else(|| {
                    bad(
                        "基数得分比例/每档百分比/每档加分/加分上限比例，如 0.8/5/1/0.5",
                        "base share/step %/points per step/bonus cap share, e.g. 0.8/5/1/0.5",
                    )
                })?;
                ScoringMethod::BasePlusIncrement {
                    base_share: v[0],
                    step_pct: v[1],
                    step_points: v[2],
                    max_bonus_share: v[3],
                }
            }
        }
        MethodKind::RatioToBest => ScoringMethod::RatioToBest,
        MethodKind::BonusItem => ScoringMethod::BonusItem,
        MethodKind::EfficacyCoefficient => {
            if p.is_empty() {
                ScoringMethod::default_of(kind)
            } else {
                let v = nums(2)
                    .ok_or_else(|| bad("基础分/区间，如 60/40", "floor/span, e.g. 60/40"))?;
                ScoringMethod::EfficacyCoefficient {
                    floor: v[0],
                    span: v[1],
                }
            }
        }
        MethodKind::Deduction => ScoringMethod::Deduction {
            per_event: if p.is_empty() {
                None
            } else {
                Some(p.parse().map_err(|_| {
                    bad(
                        "每次扣分（空白表示直接录入扣分数）",
                        "points per event (empty: deductions are entered as points)",
                    )
                })?)
            },
        },
        MethodKind::Qualitative => {
            if p.is_empty() {
                ScoringMethod::default_of(kind)
            } else {
                let levels: Option<Vec<RatingLevel>> = p
                    .split([',', '，', ';', '；'])
                    .map(|x| {
                        let (l, s) = x.split_once(['=', '＝'])?;
                        Some(RatingLevel {
                            label: l.trim().to_string(),
                            share: s.trim().parse().ok()?,
                        })
                    })
                    .collect();
                ScoringMethod::Qualitative {
                    levels: levels.ok_or_else(|| {
                        bad(
                            "等级=得分比例，逗号分隔，如 好=1,较好=0.85,一般=0.7,较差=0.5",
                            "level=share, comma separated, e.g. 好=1,较好=0.85,一般=0.7,较差=0.5",
                        )
                    })?,
                }
            }
        }
    })
}

/// One indicator row of the editor.
#[derive(Clone, Copy)]
struct IndRow {
    key: u32,
    id: RwSignal<String>,
    parent: RwSignal<String>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    category: RwSignal<String>,
    unit: RwSignal<String>,
    points: RwSignal<String>,
    method: RwSignal<String>,
    params: RwSignal<String>,
    lower: RwSignal<bool>,
    evidence: RwSignal<bool>,
}

impl IndRow {
    fn from(key: u32, i: &Indicator) -> Self {
        IndRow {
            key,
            id: RwSignal::new(i.id.clone()),
            parent: RwSignal::new(i.parent.clone().unwrap_or_default()),
            code: RwSignal::new(i.code.clone()),
            name: RwSignal::new(i.name.clone()),
            category: RwSignal::new(i.category.code().to_string()),
            unit: RwSignal::new(i.unit.clone()),
            points: RwSignal::new(format!("{}", i.points)),
            method: RwSignal::new(i.method.kind().code().to_string()),
            params: RwSignal::new(params_text(&i.method)),
            lower: RwSignal::new(i.lower_is_better),
            evidence: RwSignal::new(i.evidence_required),
        }
    }

    /// The indicator, leniently (for the live points check) or strictly (for saving).
    fn read(&self, strict: bool) -> Result<Indicator, Text> {
        let name = self.name.get();
        let points = match self.points.get().trim().replace(',', "").parse::<f64>() {
            Ok(p) => p,
            Err(_) if !strict => 0.0,
            Err(_) => {
                return Err(Text::new(
                    format!("指标“{name}”的分值须为数字"),
                    format!("Indicator “{name}”: points must be a number"),
                ));
            }
        };
        let kind =
            MethodKind::from_code(&self.method.get()).unwrap_or(MethodKind::CompletionLinear);
        let method = match parse_method(kind, &self.params.get()) {
            Ok(m) => m,
            Err(_) if !strict => ScoringMethod::default_of(kind),
            Err(e) => {
                return Err(Text::new(
                    format!("指标“{name}”：{}", e.zh),
                    format!("Indicator “{name}”: {}", e.en),
                ));
            }
        };
        let parent = self.parent.get();
        Ok(Indicator {
            id: self.id.get(),
            parent: (!parent.is_empty()).then_some(parent),
            code: self.code.get().trim().to_string(),
            name: name.trim().to_string(),
            category: IndicatorCategory::from_code(&self.category.get())
                .unwrap_or(IndicatorCategory::Other),
            unit: self.unit.get().trim().to_string(),
            points,
            method,
            lower_is_better: self.lower.get(),
            data_source_org_id: None,
            evidence_required: self.evidence.get(),
        })
    }
}

/// One component row of the editor.
#[derive(Clone, Copy)]
struct CompRow {
    key: u32,
    code: RwSignal<String>,
    name: RwSignal<String>,
    weight: RwSignal<String>,
    source: RwSignal<String>,
}

/// One veto item row.
#[derive(Clone, Copy)]
struct VetoRow {
    key: u32,
    code: RwSignal<String>,
    name: RwSignal<String>,
    effect: RwSignal<String>,
}

/// Candidate assessees of a group in a park on a date (the units, or the in-quota staff working
/// in the park system with the unit they are assessed in).
fn candidates(
    ws: &crate::domain::workspace::Workspace,
    kind: AssesseeKind,
    park: &str,
    day: chrono::NaiveDate,
) -> Vec<Assessee> {
    let systems = crate::domain::org::ParkSystems::on(ws, day);
    let in_park =
        |org: &str| park.is_empty() || systems.park_of(org).map(String::as_str) == Some(park);
    let unit = |o: &str| Assessee {
        org_id: o.to_string(),
        person_id: None,
    };
    let mut out: Vec<Assessee> = match kind {
        AssesseeKind::ParkLeadership => ws
            .org_units
            .iter_live()
            .filter(|o| o.data.kind == OrgKind::ParkMgmtCommittee && o.data.is_active())
            .map(|o| unit(o.id()))
            .collect(),
        AssesseeKind::CountyLeadership => ws
            .org_units
            .iter_live()
            .filter(|o| {
                matches!(
                    o.data.kind,
                    OrgKind::CountyGovernment | OrgKind::CountyPartyCommittee
                )
            })
            .map(|o| unit(o.id()))
            .collect(),
        AssesseeKind::Department => ws
            .org_units
            .iter_live()
            .filter(|o| o.data.kind == OrgKind::Department && o.data.is_active())
            .map(|o| unit(o.id()))
            .collect(),
        AssesseeKind::InternalBody => ws
            .org_units
            .iter_live()
            .filter(|o| {
                matches!(
                    o.data.kind,
                    OrgKind::InternalBody
                        | OrgKind::UnifiedEnforcement
                        | OrgKind::ParkPublicInstitution
                ) && o.data.is_active()
                    && in_park(o.id())
            })
            .map(|o| unit(o.id()))
            .collect(),
        AssesseeKind::EntrustedBody => ws
            .org_units
            .iter_live()
            .filter(|o| o.data.kind == OrgKind::TownshipGov && in_park(o.id()))
            .map(|o| unit(o.id()))
            .collect(),
        AssesseeKind::Individual => ws
            .persons
            .iter_live()
            .filter_map(|p| {
                let pl = p.data.placement_on(day)?;
                if pl.status != crate::domain::person::PersonStatus::Active || pl.seat.is_none() {
                    return None;
                }
                let work = pl.work_org_id.clone()?;
                if !in_park(&work) {
                    return None;
                }
                // Township stations and the Party committee answer in the township government.
                let org = ws.org_units.live(&work)?;
                let unit = if org.data.kind.is_township_body() {
                    ws.org_units
                        .iter_live()
                        .find(|o| {
                            o.data.kind == OrgKind::TownshipGov
                                && o.data.township_id == org.data.township_id
                        })
                        .map(|o| o.meta.id.clone())
                        .unwrap_or(work)
                } else if org.data.kind == OrgKind::ParkPartyCommittee {
                    ws.org_units
                        .iter_live()
                        .find(|o| {
                            o.data.kind == OrgKind::ParkMgmtCommittee
                                && o.data.park_id == org.data.park_id
                        })
                        .map(|o| o.meta.id.clone())
                        .unwrap_or(work)
                } else {
                    work
                };
                Some(Assessee {
                    org_id: unit,
                    person_id: Some(p.meta.id.clone()),
                })
            })
            .collect(),
    };
    out.sort();
    out
}

#[component]
fn SchemeForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let current = id.as_ref().and_then(|id| scheme(app, id)).map(|s| s.1);
    let year_now = chrono::Datelike::year(&app.as_of.get_untracked());
    let s = current
        .clone()
        .unwrap_or_else(|| AssessmentSchemeData::draft(year_now, "", AssesseeKind::InternalBody));
    let locked = s.status != SchemeStatus::Draft;
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let year = RwSignal::new(s.year.to_string());
    let title = RwSignal::new(s.title.clone());
    let kind = RwSignal::new(s.assessee_kind.code().to_string());
    let park = RwSignal::new(s.park_id.clone().unwrap_or_default());
    let assessor = RwSignal::new(s.assessor_org_id.clone().unwrap_or_default());
    let cycle = RwSignal::new(s.cycle.code().to_string());
    let total = RwSignal::new(format!("{}", s.total_points));
    let scale = RwSignal::new(s.scale.code().to_string());
    let t_top = RwSignal::new(format!("{}", s.thresholds.top));
    let t_second = RwSignal::new(format!("{}", s.thresholds.second));
    let t_third = RwSignal::new(format!("{}", s.thresholds.third));
    let has_quota = RwSignal::new(s.quota.is_some());
    let quota_share = RwSignal::new(s.quota.as_ref().map_or("20".to_string(), |q| {
        format!("{}", f64::from(q.share_permille) / 10.0)
    }));
    let rounding = RwSignal::new(
        s.quota
            .as_ref()
            .map_or(QuotaRounding::Floor, |q| q.rounding)
            .code()
            .to_string(),
    );
    let (doc_no, doc_title, doc_date) = doc_signals(s.basis.as_ref());
    let next_key = RwSignal::new(0u32);
    let key = move || {
        let k = next_key.get_untracked() + 1;
        next_key.set(k);
        k
    };
    let inds: RwSignal<Vec<IndRow>> = RwSignal::new(
        s.indicators
            .iter()
            .map(|i| IndRow::from(key(), i))
            .collect(),
    );
    let comps: RwSignal<Vec<CompRow>> = RwSignal::new(
        s.components
            .iter()
            .map(|c| CompRow {
                key: key(),
                code: RwSignal::new(c.code.clone()),
                name: RwSignal::new(c.name.clone()),
                weight: RwSignal::new(format!("{}", f64::from(c.weight_permille) / 10.0)),
                source: RwSignal::new(c.source.code().to_string()),
            })
            .collect(),
    );
    let vetoes: RwSignal<Vec<VetoRow>> = RwSignal::new(
        s.veto_items
            .iter()
            .map(|v| VetoRow {
                key: key(),
                code: RwSignal::new(v.code.clone()),
                name: RwSignal::new(v.name.clone()),
                effect: RwSignal::new(v.effect.code().to_string()),
            })
            .collect(),
    );
    let assessees: RwSignal<Vec<Assessee>> = RwSignal::new(s.assessees.clone());
    let quota_keep = s.quota.clone();
    let status = s.status;
    let history = s.history.clone();
    // The indicators as the form stands (lenient), for the live points check.
    let draft_indicators = move || -> Vec<Indicator> {
        inds.with(|v| v.iter().filter_map(|r| r.read(false).ok()).collect())
    };
    let check = Memo::new(move |_| {
        let d = AssessmentSchemeData {
            total_points: total.get().trim().parse().unwrap_or(0.0),
            indicators: draft_indicators(),
            ..AssessmentSchemeData::draft(2013, "", AssesseeKind::InternalBody)
        };
        let top: i64 = d
            .top_level()
            .iter()
            .map(|i| {
                if d.is_leaf(&i.id) && i.method == ScoringMethod::BonusItem {
                    0
                } else {
                    crate::domain::scoring::centi(i.points)
                }
            })
            .sum();
        (top, d.points_problems())
    });
    let add_indicator = move |parent: Option<String>| {
        let ids: Vec<String> =
            inds.with_untracked(|v| v.iter().map(|r| r.id.get_untracked()).collect());
        let probe = AssessmentSchemeData {
            indicators: ids
                .iter()
                .map(|id| Indicator {
                    id: id.clone(),
                    parent: None,
                    code: String::new(),
                    name: String::new(),
                    category: IndicatorCategory::Other,
                    unit: String::new(),
                    points: 0.0,
                    method: ScoringMethod::RatioToBest,
                    lower_is_better: false,
                    data_source_org_id: None,
                    evidence_required: false,
                })
                .collect(),
            ..AssessmentSchemeData::draft(2013, "", AssesseeKind::InternalBody)
        };
        let new = Indicator {
            id: probe.next_indicator_id(),
            parent: parent.clone(),
            code: String::new(),
            name: String::new(),
            category: IndicatorCategory::Economy,
            unit: String::new(),
            points: 0.0,
            method: ScoringMethod::default_of(MethodKind::CompletionLinear),
            lower_is_better: false,
            data_source_org_id: None,
            evidence_required: false,
        };
        let row = IndRow::from(key(), &new);
        inds.update(|v| {
            // A child goes after its parent's last descendant; a top-level one at the end.
            let at = parent
                .and_then(|p| {
                    let mut last = v.iter().position(|r| r.id.get_untracked() == p)?;
                    let mut family = vec![p];
                    for (i, r) in v.iter().enumerate().skip(last + 1) {
                        if family.contains(&r.parent.get_untracked()) {
                            family.push(r.id.get_untracked());
                            last = i;
                        }
                    }
                    Some(last + 1)
                })
                .unwrap_or(v.len());
            v.insert(at, row);
        });
    };
    let save_click = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut errs = Vec::new();
            let year_v = year.get_untracked().trim().parse::<i32>();
            let total_v = total.get_untracked().trim().parse::<f64>();
            let th = (
                t_top.get_untracked().trim().parse::<f64>(),
                t_second.get_untracked().trim().parse::<f64>(),
                t_third.get_untracked().trim().parse::<f64>(),
            );
            if year_v.is_err() {
                errs.push(local_error(
                    "year",
                    "年度须为四位数字",
                    "The year must be four digits",
                ));
            }
            if total_v.is_err() {
                errs.push(local_error(
                    "total_points",
                    "总分须为数字",
                    "Total points must be a number",
                ));
            }
            if th.0.is_err() || th.1.is_err() || th.2.is_err() {
                errs.push(local_error(
                    "thresholds",
                    "分数线须为数字",
                    "Thresholds must be numbers",
                ));
            }
            let mut indicators = Vec::new();
            for r in inds.get_untracked() {
                match r.read(true) {
                    Ok(i) => indicators.push(i),
                    Err(e) => errs.push(local_error("indicators", &e.zh, &e.en)),
                }
            }
            let mut components = Vec::new();
            for c in comps.get_untracked() {
                match c.weight.get_untracked().trim().parse::<f64>() {
                    Ok(w) if (0.0..=100.0).contains(&w) => components.push(Component {
                        code: c.code.get_untracked().trim().to_string(),
                        name: c.name.get_untracked().trim().to_string(),
                        weight_permille: (w * 10.0).round() as u32,
                        source: ComponentSource::from_code(&c.source.get_untracked())
                            .unwrap_or(ComponentSource::Entered),
                    }),
                    _ => errs.push(local_error(
                        "components",
                        "构成权重须为 0–100 的百分数",
                        "Component weights are percentages from 0 to 100",
                    )),
                }
            }
            let share = quota_share.get_untracked().trim().parse::<f64>();
            if has_quota.get_untracked() && share.is_err() {
                errs.push(local_error(
                    "quota",
                    "优秀比例须为百分数",
                    "The top-grade share is a percentage",
                ));
            }
            if !errs.is_empty() {
                errors.set(errs);
                return;
            }
            let quota = has_quota.get_untracked().then(|| TopQuota {
                share_permille: (share.clone().unwrap_or(20.0) * 10.0).round() as u32,
                rounding: QuotaRounding::from_code(&rounding.get_untracked())
                    .unwrap_or(QuotaRounding::Floor),
                approval: quota_keep.as_ref().and_then(|q| q.approval.clone()),
            });
            let park_v = park.get_untracked();
            let assessor_v = assessor.get_untracked();
            let data = AssessmentSchemeData {
                year: year_v.unwrap_or(year_now),
                title: title.get_untracked().trim().to_string(),
                assessor_org_id: (!assessor_v.is_empty()).then_some(assessor_v),
                assessee_kind: AssesseeKind::from_code(&kind.get_untracked())
                    .unwrap_or(AssesseeKind::InternalBody),
                park_id: (!park_v.is_empty()).then_some(park_v),
                cycle: Cycle::from_code(&cycle.get_untracked()).unwrap_or(Cycle::Annual),
                assessees: assessees.get_untracked(),
                total_points: total_v.unwrap_or(100.0),
                components,
                indicators,
                veto_items: vetoes
                    .get_untracked()
                    .iter()
                    .map(|v| VetoItem {
                        code: v.code.get_untracked().trim().to_string(),
                        name: v.name.get_untracked().trim().to_string(),
                        effect: VetoEffect::from_code(&v.effect.get_untracked())
                            .unwrap_or(VetoEffect::ForceLowest),
                    })
                    .collect(),
                scale: GradeScale::from_code(&scale.get_untracked()).unwrap_or(GradeScale::Generic),
                thresholds: Thresholds {
                    top: th.0.unwrap_or(90.0),
                    second: th.1.unwrap_or(80.0),
                    third: th.2.unwrap_or(60.0),
                },
                quota,
                basis: doc_value(doc_no, doc_title, doc_date),
                status,
                history: history.clone(),
            };
            let is_new = id.is_none();
            match app.dispatch(Command::Save {
                id: id.clone(),
                data: Data::AssessmentScheme(data),
                base_rev,
            }) {
                Ok(out) => {
                    errors.set(Vec::new());
                    edit.set(Editing::Closed);
                    if is_new && let Some(new) = out.id.clone() {
                        asm.scheme.set(new);
                    }
                    app.toast.set(Some(out.summary));
                }
                Err(crate::domain::command::CommandError::Rejected(v)) => errors.set(v),
                Err(e) => app.toast.set(Some(e.text())),
            }
        }
    };
    let kind_opts = enum_options(
        AssesseeKind::ALL,
        AssesseeKind::code,
        AssesseeKind::label,
        lang,
    );
    let cycle_opts = enum_options(Cycle::ALL, Cycle::code, Cycle::label, lang);
    let scale_opts = enum_options(GradeScale::ALL, GradeScale::code, GradeScale::label, lang);
    let round_opts = enum_options(
        QuotaRounding::ALL,
        QuotaRounding::code,
        QuotaRounding::label,
        lang,
    );
    let assessor_opts = org_kind_options(
        app,
        Some("—"),
        &[
            OrgKind::CityPartyCommittee,
            OrgKind::CityGovernment,
            OrgKind::ParkPartyCommittee,
            OrgKind::ParkMgmtCommittee,
            OrgKind::CountyPartyCommittee,
            OrgKind::CountyGovernment,
        ],
    );
    let add_all = move |_| {
        let k =
            AssesseeKind::from_code(&kind.get_untracked()).unwrap_or(AssesseeKind::InternalBody);
        let day = app.as_of.get_untracked();
        let p = park.get_untracked();
        let list = app.desk.with_untracked(|d| candidates(d.ws(), k, &p, day));
        assessees.update(|v| {
            for a in list {
                if !v.contains(&a) {
                    v.push(a);
                }
            }
        });
    };
    view! {
        <form class="form block" id="scheme-form" on:submit=save_click>
            <h3>{t!(i18n, asm_scheme_form)}</h3>
            {locked.then(|| view! { <p class="callout callout-warn">{t!(i18n, asm_structure_locked)}</p> })}
            <fieldset disabled=locked class="plain-fieldset">
            <div class="form-grid">
                {input("scheme-year", t!(i18n, asm_year), year, errors, "year", "text")}
                {input("scheme-title", t!(i18n, asm_title), title, errors, "title", "text")}
                {select("scheme-kind", t!(i18n, asm_kind), kind, kind_opts, errors, "assessee_kind")}
                {select("scheme-park", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park_id")}
                {select("scheme-assessor", t!(i18n, asm_assessor), assessor, assessor_opts, errors, "assessor_org_id")}
                {select("scheme-cycle", t!(i18n, asm_cycle), cycle, cycle_opts, errors, "cycle")}
                {input("scheme-total", t!(i18n, asm_total_points), total, errors, "total_points", "text")}
                {select("scheme-scale", t!(i18n, asm_scale), scale, scale_opts, errors, "scale")}
                {input("scheme-t1", t!(i18n, asm_threshold_top), t_top, errors, "thresholds", "text")}
                {input("scheme-t2", t!(i18n, asm_threshold_second), t_second, errors, "thresholds", "text")}
                {input("scheme-t3", t!(i18n, asm_threshold_third), t_third, errors, "thresholds", "text")}
                {checkbox("scheme-has-quota", t!(i18n, asm_has_quota), has_quota)}
                {input("scheme-quota", t!(i18n, asm_quota_share), quota_share, errors, "quota", "text")}
                {select("scheme-rounding", t!(i18n, asm_rounding), rounding, round_opts, errors, "quota")}
                {doc_fields(["scheme-doc-no", "scheme-doc-title", "scheme-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <h4>{t!(i18n, asm_components)}</h4>
            <table class="table table-compact" id="component-editor">
                <thead><tr><th scope="col">{t!(i18n, asm_code)}</th><th scope="col">{t!(i18n, col_name)}</th><th scope="col">{t!(i18n, asm_weight_pct)}</th><th scope="col">{t!(i18n, asm_source)}</th><th scope="col">{t!(i18n, col_actions)}</th></tr></thead>
                <tbody>
                    <For each=move || comps.get() key=|c| c.key let:c>
                        <tr>
                            <td><input type="text" class="short" aria-label=move || t_string!(i18n, asm_code).to_string() prop:value=move || c.code.get() on:input=move |ev| c.code.set(event_target_value(&ev)) /></td>
                            <td><input type="text" aria-label=move || t_string!(i18n, col_name).to_string() prop:value=move || c.name.get() on:input=move |ev| c.name.set(event_target_value(&ev)) /></td>
                            <td><input type="text" class="short" aria-label=move || t_string!(i18n, asm_weight_pct).to_string() prop:value=move || c.weight.get() on:input=move |ev| c.weight.set(event_target_value(&ev)) /></td>
                            <td><select aria-label=move || t_string!(i18n, asm_source).to_string() on:change=move |ev| c.source.set(event_target_value(&ev))>
                                {ComponentSource::ALL.iter().map(|s| {
                                    let s = *s;
                                    view! { <option value=s.code() selected=move || c.source.get() == s.code()>{move || s.label(lang())}</option> }
                                }).collect_view()}
                            </select></td>
                            <td><button type="button" class="btn btn-small" on:click=move |_| comps.update(|v| v.retain(|x| x.key != c.key))>{t!(i18n, delete)}</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <button type="button" class="btn btn-small" id="component-add" on:click=move |_| {
                let k = key();
                comps.update(|v| v.push(CompRow { key: k, code: RwSignal::new(format!("C{k}")), name: RwSignal::new("民主测评".into()), weight: RwSignal::new("20".into()), source: RwSignal::new(ComponentSource::Entered.code().into()) }));
            }>{t!(i18n, asm_component_add)}</button>
            <h4>{t!(i18n, asm_indicators)}</h4>
            <p class="hint">{t!(i18n, asm_indicators_hint)}</p>
            <p id="points-check" data-ok=move || check.with(|c| c.1.is_empty()).to_string() class=move || if check.with(|c| c.1.is_empty()) { "check-ok" } else { "check-bad" }>
                {t!(i18n, asm_top_sum)} " " {move || check.with(|c| centi_text(c.0))} " / " {move || total.get()}
                {move || check.with(|c| c.1.is_empty()).then_some(" ✓")}
            </p>
            <ul class="violations" id="points-problems">
                {move || check.with(|c| c.1.clone()).into_iter().map(|(_, t)| view! { <li class="sev sev-warn" data-rule="BR-D3">{text_view(t)}</li> }).collect_view()}
            </ul>
            <div class="scroll-x">
            <table class="table table-compact indicator-editor" id="indicator-editor">
                <thead><tr>
                    <th scope="col">{t!(i18n, asm_code)}</th><th scope="col">{t!(i18n, asm_indicator)}</th><th scope="col">{t!(i18n, asm_parent)}</th>
                    <th scope="col">{t!(i18n, asm_category)}</th><th scope="col">{t!(i18n, asm_unit)}</th><th scope="col">{t!(i18n, asm_points)}</th>
                    <th scope="col">{t!(i18n, asm_method)}</th><th scope="col">{t!(i18n, asm_params)}</th><th scope="col">{t!(i18n, asm_lower_better)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || inds.get() key=|r| r.key let:r>
                        {
                            let depth = move || {
                                inds.with(|v| {
                                    let mut d = 0;
                                    let mut p = r.parent.get();
                                    while !p.is_empty() && d < 4 {
                                        d += 1;
                                        p = v.iter().find(|x| x.id.get() == p).map(|x| x.parent.get()).unwrap_or_default();
                                    }
                                    d
                                })
                            };
                            let parent_opts = move || {
                                let mut o = vec![(String::new(), "—".to_string())];
                                inds.with(|v| o.extend(v.iter().filter(|x| x.key != r.key).map(|x| (x.id.get(), format!("{} {}", x.code.get(), x.name.get())))));
                                o
                            };
                            let label = move || format!("{} {}", r.code.get(), r.name.get());
                            view! {
                                <tr data-indicator=move || r.id.get() class=move || format!("depth-{}", depth().min(3))>
                                    <td><input type="text" class="short" aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_code)) prop:value=move || r.code.get() on:input=move |ev| r.code.set(event_target_value(&ev)) /></td>
                                    <td class="indent"><input type="text" data-field="name" aria-label=move || format!("{} {}", label(), t_string!(i18n, col_name)) prop:value=move || r.name.get() on:input=move |ev| r.name.set(event_target_value(&ev)) /></td>
                                    <td><select aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_parent)) on:change=move |ev| r.parent.set(event_target_value(&ev))>
                                        {move || parent_opts().into_iter().map(|(v, l)| { let sel = v == r.parent.get(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                                    </select></td>
                                    <td><select aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_category)) on:change=move |ev| r.category.set(event_target_value(&ev))>
                                        {IndicatorCategory::ALL.iter().map(|c| { let c = *c; view! { <option value=c.code() selected=move || r.category.get() == c.code()>{move || c.label(lang())}</option> } }).collect_view()}
                                    </select></td>
                                    <td><input type="text" class="short" aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_unit)) prop:value=move || r.unit.get() on:input=move |ev| r.unit.set(event_target_value(&ev)) /></td>
                                    <td><input type="text" class="short" data-field="points" aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_points)) prop:value=move || r.points.get() on:input=move |ev| r.points.set(event_target_value(&ev)) /></td>
                                    <td><select data-field="method" aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_method)) on:change=move |ev| { r.method.set(event_target_value(&ev)); r.params.set(String::new()); }>
                                        {MethodKind::ALL.iter().map(|m| { let m = *m; view! { <option value=m.code() selected=move || r.method.get() == m.code()>{move || m.label(lang())}</option> } }).collect_view()}
                                    </select></td>
                                    <td><input type="text" data-field="params" aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_params)) placeholder=move || params_text(&ScoringMethod::default_of(MethodKind::from_code(&r.method.get()).unwrap_or(MethodKind::CompletionLinear))) prop:value=move || r.params.get() on:input=move |ev| r.params.set(event_target_value(&ev)) /></td>
                                    <td><input type="checkbox" aria-label=move || format!("{} {}", label(), t_string!(i18n, asm_lower_better)) prop:checked=move || r.lower.get() on:change=move |ev| r.lower.set(event_target_checked(&ev)) /></td>
                                    <td class="nowrap">
                                        <button type="button" class="btn btn-small" data-action="add-child" on:click=move |_| add_indicator(Some(r.id.get_untracked()))>{t!(i18n, asm_add_child)}</button>
                                        " "
                                        <button type="button" class="btn btn-small" data-action="remove" on:click=move |_| {
                                            let gone = r.id.get_untracked();
                                            inds.update(|v| { v.retain(|x| x.key != r.key); for x in v.iter() { if x.parent.get_untracked() == gone { x.parent.set(String::new()); } } });
                                        }>{t!(i18n, delete)}</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            </div>
            <button type="button" class="btn btn-small" id="indicator-add" on:click=move |_| add_indicator(None)>{t!(i18n, asm_indicator_add)}</button>
            <p class="hint small">{t!(i18n, asm_params_hint)}</p>
            <h4>{t!(i18n, asm_veto_items)}</h4>
            <table class="table table-compact" id="veto-editor">
                <thead><tr><th scope="col">{t!(i18n, asm_code)}</th><th scope="col">{t!(i18n, col_name)}</th><th scope="col">{t!(i18n, asm_effect)}</th><th scope="col">{t!(i18n, col_actions)}</th></tr></thead>
                <tbody>
                    <For each=move || vetoes.get() key=|v| v.key let:v>
                        <tr>
                            <td><input type="text" class="short" aria-label=move || t_string!(i18n, asm_code).to_string() prop:value=move || v.code.get() on:input=move |ev| v.code.set(event_target_value(&ev)) /></td>
                            <td><input type="text" aria-label=move || t_string!(i18n, col_name).to_string() prop:value=move || v.name.get() on:input=move |ev| v.name.set(event_target_value(&ev)) /></td>
                            <td><select aria-label=move || t_string!(i18n, asm_effect).to_string() on:change=move |ev| v.effect.set(event_target_value(&ev))>
                                {VetoEffect::ALL.iter().map(|e| { let e = *e; view! { <option value=e.code() selected=move || v.effect.get() == e.code()>{move || e.label(lang())}</option> } }).collect_view()}
                            </select></td>
                            <td><button type="button" class="btn btn-small" on:click=move |_| vetoes.update(|x| x.retain(|y| y.key != v.key))>{t!(i18n, delete)}</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <button type="button" class="btn btn-small" id="veto-add" on:click=move |_| {
                let k = key();
                vetoes.update(|v| v.push(VetoRow { key: k, code: RwSignal::new(format!("V{}", v.len() + 1)), name: RwSignal::new(String::new()), effect: RwSignal::new(VetoEffect::ForceLowest.code().into()) }));
            }>{t!(i18n, asm_veto_add)}</button>
            <h4>{t!(i18n, asm_assessees)} " (" {move || assessees.with(Vec::len)} ")"</h4>
            <p class="hint">{t!(i18n, asm_assessees_hint)}</p>
            <button type="button" class="btn btn-small" id="assessees-add-all" on:click=add_all>{t!(i18n, asm_add_all)}</button>
            " "
            <button type="button" class="btn btn-small" id="assessees-clear" on:click=move |_| assessees.set(Vec::new())>{t!(i18n, asm_clear)}</button>
            <ul class="assessee-list" id="assessee-list">
                {move || {
                    let list = assessees.get();
                    let n = list.len();
                    let items = list.into_iter().take(60).map(|a| {
                        let name = assessee_name(app, &a);
                        let a2 = a.clone();
                        view! { <li>{name} " " <button type="button" class="btn-close" aria-label=move || t_string!(i18n, delete).to_string() on:click=move |_| assessees.update(|v| v.retain(|x| *x != a2))>"×"</button></li> }
                    }).collect_view();
                    let more = (n > 60).then(|| view! { <li class="muted">{format!("… +{}", n - 60)}</li> });
                    view! { {items} {more} }
                }}
            </ul>
            </fieldset>
            <ErrorSummary errors />
            <FormButtons prefix="scheme" edit errors />
        </form>
    }
}
