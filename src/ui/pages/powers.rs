//! 权力下放: the power catalogue, delegations with their three status dimensions, the park ×
//! category matrix, metrics as of a date, batch delegation by one document, and CSV import of a
//! catalogue (report S2.0–S2.2, S3.3, S7.1).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::page_title;
use crate::domain::catalogue_csv;
use crate::domain::command::{Command, CommandError};
use crate::domain::delegation::*;
use crate::domain::delegation_metrics::{self as dm, DelegationScope};
use crate::domain::meta::DocRef;
use crate::domain::power::{PowerCategory, PowerItemData};
use crate::domain::rules::{Severity, Violation};
use crate::domain::text::{Lang, Text};
use crate::domain::workspace::{Data, Kind, Rec};
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::virtual_list::{VirtualTable, filter_timed};
use crate::ui::widgets::*;

/// Filters of the delegation list, set by the matrix and the search box.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    park: Option<String>,
    category: Option<PowerCategory>,
    text: String,
}

#[component]
pub fn Powers() -> impl IntoView {
    let i18n = use_i18n();
    page_title(move || t_string!(i18n, nav_powers).to_string());
    let filter = RwSignal::new(Filter::default());
    let selected = RwSignal::new(Vec::<String>::new());
    view! {
        <section class="page" id="page-powers">
            <h1>{t!(i18n, nav_powers)}</h1>
            <p class="lead">{t!(i18n, pw_lead)}</p>
            <AsOfControl />
            <PowerMetrics />
            <Matrix filter />
            <DelegationList filter />
            <BatchForm selected />
            <Catalogue selected />
        </section>
    }
}

/// The as-of date every figure on the page is computed for.
#[component]
pub fn AsOfControl() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    view! {
        <div class="field field-inline">
            <label for="as-of">{t!(i18n, as_of_date)}</label>
            <input id="as-of" type="date" prop:value=move || date_string(Some(app.as_of.get()))
                on:change=move |ev| if let Some(d) = parse_date(&event_target_value(&ev)) { app.as_of.set(d) } />
        </div>
    }
}

/// A metric scope as a select value: "CITY", "PARK:<id>", "GRANTOR:CITY", "GRANTOR:<county>", "CAT:<code>".
fn parse_scope(v: &str) -> DelegationScope {
    match v.split_once(':') {
        Some(("PARK", id)) => DelegationScope::Park(id.to_string()),
        Some(("GRANTOR", "CITY")) => DelegationScope::Grantor(Grantor::City),
        Some(("GRANTOR", id)) => DelegationScope::Grantor(Grantor::County {
            county_id: id.to_string(),
        }),
        Some(("CAT", c)) => PowerCategory::from_code(c)
            .map(DelegationScope::Category)
            .unwrap_or(DelegationScope::City),
        _ => DelegationScope::City,
    }
}

#[component]
fn PowerMetrics() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let scope = RwSignal::new("CITY".to_string());
    let options = move || {
        let l = lang();
        let zh = l == Lang::Zh;
        let mut v = vec![(
            "CITY".to_string(),
            if zh { "全市" } else { "City-wide" }.to_string(),
        )];
        app.desk.with(|d| {
            let ws = d.ws();
            v.extend(ws.parks.iter_live().map(|p| {
                (
                    format!("PARK:{}", p.meta.id),
                    format!("{}{}", if zh { "园区：" } else { "Park: " }, p.data.name_zh),
                )
            }));
            v.push((
                "GRANTOR:CITY".into(),
                if zh {
                    "赋权主体：市政府".into()
                } else {
                    "Grantor: city government".into()
                },
            ));
            v.extend(ws.counties.iter_live().map(|c| {
                (
                    format!("GRANTOR:{}", c.meta.id),
                    format!(
                        "{}{}",
                        if zh { "赋权主体：" } else { "Grantor: " },
                        c.data.name
                    ),
                )
            }));
        });
        v.extend(PowerCategory::ALL.iter().map(|c| {
            (
                format!("CAT:{}", c.code()),
                format!("{}{}", if zh { "类别：" } else { "Category: " }, c.label(l)),
            )
        }));
        v
    };
    let figures = move || {
        let day = app.as_of.get();
        let s = parse_scope(&scope.get());
        app.desk.with(|d| {
            let ws = d.ws();
            (
                dm::due(ws, day, &s).len(),
                dm::in_place_rate(ws, day, &s, false),
                dm::in_place_rate(ws, day, &s, true),
                dm::inspection_coverage(ws, day, &s),
                dm::reception_rate(ws, day, &s),
                dm::mean_link_completeness(ws, day, &s),
                dm::zero_case_rate(ws, day, &s),
            )
        })
    };
    let ranking = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            dm::department_ranking(d.ws(), day)
                .into_iter()
                .map(|(dept, score, n)| (d.ws().label_of(Kind::OrgUnit, &dept), score, n))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="field field-inline">
            <label for="metric-scope">{t!(i18n, pw_scope)}</label>
            <select id="metric-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                {move || options().into_iter().map(|(v, l)| { let sel = v == scope.get_untracked(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
            </select>
        </div>
        <div class="cards">
            <div class="card"><div class="card-label">{t!(i18n, pw_due)}</div><div class="card-value" id="pw-due">{move || figures().0}</div></div>
            <div class="card"><div class="card-label">{t!(i18n, pw_rate_strict)}</div><div class="card-value" id="pw-rate-strict">{move || pct(figures().1)}</div><div class="card-note">{move || { let r = figures().1; format!("{} / {}", r.num, r.den) }} " · S7.1"</div></div>
            <div class="card"><div class="card-label">{t!(i18n, pw_rate_lenient)}</div><div class="card-value" id="pw-rate-lenient">{move || pct(figures().2)}</div></div>
            <div class="card"><div class="card-label">{t!(i18n, pw_coverage)}</div><div class="card-value" id="pw-coverage">{move || pct(figures().3)}</div></div>
            <div class="card"><div class="card-label">{t!(i18n, pw_reception)}</div><div class="card-value" id="pw-reception">{move || pct_opt(figures().4)}</div></div>
            <div class="card"><div class="card-label">{t!(i18n, pw_links)}</div><div class="card-value" id="pw-links">{move || pct_opt(figures().5)}</div></div>
            <div class="card"><div class="card-label">{t!(i18n, pw_zero)}</div><div class="card-value" id="pw-zero">{move || pct(figures().6)}</div></div>
        </div>
        <details class="block" id="ranking">
            <summary>{t!(i18n, pw_ranking)}</summary>
            <table class="table table-compact">
                <thead><tr><th scope="col">"#"</th><th scope="col">{t!(i18n, pw_department)}</th><th scope="col">{t!(i18n, pw_weighted)}</th><th scope="col">{t!(i18n, pw_inspected)}</th></tr></thead>
                <tbody>
                    {move || ranking().into_iter().enumerate().map(|(i, (name, score, n))| view! {
                        <tr><td class="num">{i + 1}</td><th scope="row">{name}</th><td class="num">{format!("{:.2}", score)}</td><td class="num">{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// Park × category: open delegations and how many of them show a problem.
#[component]
fn Matrix(filter: RwSignal<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let rows = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            // The inspection group's latest verdicts on the date, computed once for the table.
            let verdicts = crate::domain::inspection::latest_verdicts(ws, day);
            ws.parks
                .iter_live()
                .map(|p| {
                    let cells: Vec<(PowerCategory, usize, usize)> = PowerCategory::ALL
                        .iter()
                        .map(|c| {
                            let list: Vec<&Rec<DelegationData>> = ws
                                .delegations
                                .iter_live()
                                .filter(|r| {
                                    r.data.park_id == p.meta.id
                                        && r.data.lifecycle.is_open()
                                        && ws
                                            .power_items
                                            .live(&r.data.power_item_id)
                                            .is_some_and(|i| i.data.category == *c)
                                })
                                .collect();
                            let problems = list
                                .iter()
                                .filter(|r| {
                                    matches!(
                                        r.data.display_status(verdicts.get(r.id()).copied(), day),
                                        DisplayStatus::Problem
                                            | DisplayStatus::CannotReceive
                                            | DisplayStatus::HandoverOverdue
                                    )
                                })
                                .count();
                            (*c, list.len(), problems)
                        })
                        .collect();
                    (
                        p.meta.id.clone(),
                        p.data.name_zh.clone(),
                        p.data.name_en.clone(),
                        cells,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="matrix">
            <h2>{t!(i18n, pw_matrix)}</h2>
            <table class="table matrix">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    {PowerCategory::ALL.iter().map(|c| { let c = *c; view! { <th scope="col">{move || c.label(lang())}</th> } }).collect_view()}
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| format!("{r:?}") let:r>
                        <tr>
                            <th scope="row">{move || if lang() == Lang::En && !r.2.is_empty() { r.2.clone() } else { r.1.clone() }}</th>
                            {r.3.iter().map(|(c, n, bad)| {
                                let (c, n, bad, park) = (*c, *n, *bad, r.0.clone());
                                view! {
                                    <td class="num">
                                        <button class="link-button" data-category=c.code() on:click=move |_| filter.set(Filter { park: Some(park.clone()), category: Some(c), text: String::new() })>
                                            {n}
                                        </button>
                                        {(bad > 0).then(|| view! { " " <span class="badge badge-problem">{bad} " " {move || if lang() == Lang::Zh { "问题" } else { "issues" }}</span> })}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

fn grantor_label(app: AppState, g: &Grantor, lang: Lang) -> String {
    match g {
        Grantor::City => {
            if lang == Lang::Zh {
                "市政府".into()
            } else {
                "City government".into()
            }
        }
        Grantor::County { county_id } => {
            let name = app
                .desk
                .with_untracked(|d| d.ws().label_of(Kind::County, county_id));
            if lang == Lang::Zh {
                format!("{name}政府")
            } else {
                format!("{name} government")
            }
        }
    }
}

/// One line of the delegation list, with what the search box matches.
#[derive(Clone, Debug, PartialEq)]
struct DelegationRow {
    id: String,
    rev: u32,
    provenance: crate::domain::meta::Provenance,
    grantor: Grantor,
    mode: DelegationMode,
    lifecycle: Lifecycle,
    reception: Reception,
    item: String,
    park: String,
    status: DisplayStatus,
    issues: usize,
    verdict: Option<Verdict>,
    /// The delegation's label (item and park), as the search box has always matched it.
    search: String,
}

/// Height of a delegation row (rem); see `VirtualTable`.
const DELEGATION_ROW_REM: f64 = 2.6;

#[component]
fn DelegationList(filter: RwSignal<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let open = RwSignal::new(None::<String>);
    // The matrix's park and category (not the search text) choose the rows; built once per change
    // of the data, the date, the checks or that choice.
    let scope = Memo::new(move |_| filter.with(|f| (f.park.clone(), f.category)));
    let text = Memo::new(move |_| filter.with(|f| f.text.trim().to_string()));
    let all = Memo::new(move |_| {
        let (park, category) = scope.get();
        let day = app.as_of.get();
        let checks = app.checks.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let verdicts = crate::domain::inspection::latest_verdicts(ws, day);
            ws.delegations
                .iter_live()
                .filter(|r| park.as_ref().is_none_or(|p| &r.data.park_id == p))
                .filter(|r| {
                    category.is_none_or(|c| {
                        ws.power_items
                            .live(&r.data.power_item_id)
                            .is_some_and(|i| i.data.category == c)
                    })
                })
                .map(|r| {
                    let verdict = verdicts.get(r.id()).copied();
                    DelegationRow {
                        id: r.meta.id.clone(),
                        rev: r.meta.rev,
                        provenance: r.meta.provenance,
                        grantor: r.data.grantor.clone(),
                        mode: r.data.mode,
                        lifecycle: r.data.lifecycle,
                        reception: r.data.reception,
                        item: ws.label_of(Kind::PowerItem, &r.data.power_item_id),
                        park: ws.label_of(Kind::Park, &r.data.park_id),
                        status: r.data.display_status(verdict, day),
                        issues: checks
                            .of(Kind::Delegation, r.id())
                            .filter(|v| v.severity != Severity::Info)
                            .count(),
                        verdict,
                        search: ws.label_of(Kind::Delegation, r.id()),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    // Positions in `all` the search text keeps: the per-keystroke work, one scan.
    let shown = Memo::new(move |_| {
        text.with(|t| {
            all.with(|rows| {
                filter_timed(|| {
                    crate::list_window::matching(rows.iter().map(|r| r.search.as_str()), t)
                })
            })
        })
    });
    let window = move |range: std::ops::Range<usize>| {
        all.with(|rows| {
            shown.with(|s| {
                let end = range.end.min(s.len());
                s[range.start.min(end)..end]
                    .iter()
                    .filter_map(|&i| rows.get(i as usize).cloned())
                    .collect::<Vec<_>>()
            })
        })
    };
    let row = move |r: DelegationRow| {
        let id = r.id.clone();
        let id2 = id.clone();
        let id3 = id.clone();
        let g = r.grantor.clone();
        let (mode, lifecycle, reception, status, verdict) =
            (r.mode, r.lifecycle, r.reception, r.status, r.verdict);
        view! {
            <tr data-id=id.clone() data-status=status.code() class:row-selected=move || open.get().as_deref() == Some(id3.as_str())>
                <th scope="row" title=r.item.clone()>{r.item.clone()} " " <ProvenanceBadge provenance=r.provenance /></th>
                <td title=r.park.clone()>{r.park.clone()}</td>
                <td>{move || grantor_label(app, &g, lang())} " · " {move || mode.label(lang())}</td>
                <td>{move || lifecycle.label(lang())}</td>
                <td>{move || reception.label(lang())}</td>
                <td title="督查组最近一次核查的结论 / latest verdict of the inspection group">{move || verdict.map(|v| v.label(lang())).unwrap_or("—")}</td>
                <td><span class=format!("status status-{}", status.code().to_lowercase())>{move || status.label(lang())}</span></td>
                <td class="num">{r.issues}</td>
                <td class="actions"><button class="btn btn-small" data-action="detail" aria-controls="delegation-detail"
                    aria-expanded={ let id = id.clone(); move || (open.get().as_deref() == Some(id.as_str())).to_string() }
                    on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(id2.as_str()) { None } else { Some(id2.clone()) })>{t!(i18n, pw_detail)}</button></td>
            </tr>
        }
    };
    let filtered = move || filter.with(|f| f.park.is_some() || f.category.is_some());
    view! {
        <section class="block" id="delegations">
            <div class="block-head">
                <h2>{t!(i18n, pw_delegations)} " (" <span id="delegation-count">{move || shown.with(|s| s.len())}</span> ")"</h2>
                <ReportTools key="delegations" report=crate::reports::lists::delegations />
                <input type="search" id="delegation-search" aria-label=move || t_string!(i18n, pw_search).to_string() placeholder=move || t_string!(i18n, pw_search).to_string()
                    prop:value=move || filter.with(|f| f.text.clone()) on:input=move |ev| { let t = event_target_value(&ev); filter.update(|f| f.text = t); } />
            </div>
            <Show when=filtered>
                <p class="hint">{t!(i18n, pw_filtered)} " " <button class="btn btn-small" id="clear-filter" on:click=move |_| filter.set(Filter::default())>{t!(i18n, pw_show_all)}</button></p>
            </Show>
            <VirtualTable id="delegation-list" table_id="delegation-table" columns=9 row_rem=DELEGATION_ROW_REM
                label=Signal::derive(move || t_string!(i18n, pw_delegations).to_string())
                len=Signal::derive(move || shown.with(|s| s.len()))
                window key=|r: &DelegationRow| (r.id.clone(), r.rev, r.status, r.issues, r.verdict) row>
                <thead><tr>
                    <th scope="col">{t!(i18n, pw_item)}</th>
                    <th scope="col" style:width="8rem">{t!(i18n, col_park)}</th>
                    <th scope="col" style:width="10rem">{t!(i18n, pw_grantor)}</th>
                    <th scope="col" style:width="6rem">{t!(i18n, pw_lifecycle)}</th>
                    <th scope="col" style:width="6rem">{t!(i18n, pw_reception_col)}</th>
                    <th scope="col" style:width="6rem">{t!(i18n, pw_verdict)}</th>
                    <th scope="col" style:width="9rem">{t!(i18n, pw_status)}</th>
                    <th scope="col" class="num" style:width="4.5rem">{t!(i18n, col_issues)}</th>
                    <th scope="col" style:width="6rem">{t!(i18n, col_actions)}</th>
                </tr></thead>
            </VirtualTable>
            // The open delegation's detail, under the list (rows of a virtual list are all one
            // line high).
            <div id="delegation-detail">
                {move || open.get().map(|id| view! { <DelegationDetail id=id /> })}
            </div>
        </section>
    }
}

/// One delegation: rules and signals with their sources, the history, and the next steps the
/// state machine allows.
#[component]
fn DelegationDetail(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let id2 = id.clone();
    let rec = move || app.desk.with(|d| d.ws().delegations.live(&id2).cloned());
    let id3 = id.clone();
    let issues = Signal::derive(move || {
        app.checks.with(|c| {
            c.of(Kind::Delegation, &id3)
                .filter(|v| v.severity != Severity::Info)
                .cloned()
                .collect::<Vec<Violation>>()
        })
    });
    let errors = RwSignal::new(Vec::<Violation>::new());
    // Copy, so every button of every render can hold it.
    let key = StoredValue::new(id.clone());
    let step = move |next: Next| {
        let Some(r) = app
            .desk
            .with_untracked(|d| key.with_value(|k| d.ws().delegations.live(k).cloned()))
        else {
            return;
        };
        let mut data = r.data.clone();
        match next {
            Next::Lifecycle(l) => data.lifecycle = l,
            Next::Reception(r) => data.reception = r,
        }
        match app.dispatch(Command::Save {
            id: Some(r.meta.id.clone()),
            data: Data::Delegation(data),
            base_rev: Some(r.meta.rev),
        }) {
            Ok(out) => {
                errors.set(Vec::new());
                app.toast.set(Some(out.summary));
            }
            Err(CommandError::Rejected(v)) => errors.set(v),
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    view! {
        {move || rec().map(|r| {
            let d = r.data.clone();
            let next_life: Vec<Lifecycle> = Lifecycle::ALL.iter().copied().filter(|l| *l != d.lifecycle && d.lifecycle.can_become(*l)).collect();
            let next_rec: Vec<Reception> = Reception::ALL.iter().copied().filter(|l| *l != d.reception && d.reception.can_become(*l)).collect();
            let capacity = d.capacity.clone();
            let penalty = false;
            view! {
                <div class="detail">
                    <dl class="facts">
                        <dt>{t!(i18n, pw_territory)}</dt><dd>{app.desk.with_untracked(|w| match &d.territory {
                            Territory::WholePark => "全园区 / whole park".to_string(),
                            Territory::CoreZone => "核心区 / core zone".to_string(),
                            Territory::EntrustedTownships { township_ids } => township_ids.iter().map(|t| w.ws().label_of(Kind::Township, t)).collect::<Vec<_>>().join("、"),
                        })}</dd>
                        <dt>{t!(i18n, pw_effective)}</dt><dd>{date_string(d.effective_from)}</dd>
                        <dt>{t!(i18n, f_basis)}</dt><dd>{d.batch.as_ref().map(|b| format!("{} {}", b.doc_no.clone().unwrap_or_default(), b.title)).unwrap_or_default()}</dd>
                        <dt>{t!(i18n, pw_links_given)}</dt><dd>{d.delegated_links.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、")}
                            {(!d.retained_links.is_empty()).then(|| format!("（保留 / kept: {}）", d.retained_links.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、")))}</dd>
                        <dt>{t!(i18n, pw_capacity)}</dt><dd>{capacity.map(|c| format!("{:.0} · {}", c.total(), c.conclusion(penalty).label(lang()))).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!(i18n, pw_need)}</dt><dd>{d.need.as_ref().map(|n| n.rationale.clone()).unwrap_or_else(|| "—".into())}</dd>
                    </dl>
                    <h4>{t!(i18n, sup_checks_of_delegation)}</h4>
                    <table class="table table-compact" id="delegation-checks">
                        <tbody>
                            {app.desk.with_untracked(|w| {
                                let ws = w.ws();
                                let mut list: Vec<_> = ws.inspection_checks.iter_live()
                                    .filter(|c| c.data.target.delegation() == Some(r.meta.id.as_str()) && c.data.verdict.is_some())
                                    .map(|c| (c.data.checked_on, ws.label_of(Kind::InspectionCampaign, &c.data.campaign_id), c.data.verdict, c.data.verdict_reason.clone()))
                                    .collect();
                                list.sort_by_key(|x| std::cmp::Reverse(x.0));
                                list
                            }).into_iter().map(|(on, campaign, verdict, reason)| view! {
                                <tr><td class="nowrap">{date_string(on)}</td><td>{campaign}</td><td class="nowrap">{move || verdict.map(|v| v.label(lang())).unwrap_or("—")}</td><td class="small">{reason}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h4>{t!(i18n, pw_rules_signals)}</h4>
                    <ViolationList items=issues />
                    <div class="steps">
                        <span>{t!(i18n, pw_next_lifecycle)}</span>
                        {next_life.into_iter().map(|l| view! { " " <button class="btn btn-small" data-next-lifecycle=l.code() on:click=move |_| step(Next::Lifecycle(l))>{move || l.label(lang())}</button> }).collect_view()}
                    </div>
                    <div class="steps">
                        <span>{t!(i18n, pw_next_reception)}</span>
                        {next_rec.into_iter().map(|l| view! { " " <button class="btn btn-small" data-next-reception=l.code() on:click=move |_| step(Next::Reception(l))>{move || l.label(lang())}</button> }).collect_view()}
                    </div>
                    <Show when=move || errors.with(|e| !e.is_empty())>
                        <div class="error-summary" role="alert"><ViolationList items=Signal::derive(move || errors.get()) /></div>
                    </Show>
                    <details class="editor">
                        <summary>{t!(i18n, pw_edit)}</summary>
                        <DelegationEditor id=r.meta.id.clone() />
                    </details>
                    <h4>{t!(i18n, pw_history)}</h4>
                    <table class="table table-compact history">
                        <tbody>
                            {d.history.iter().map(|c| {
                                let label = |dim: &str, code: &str| match dim {
                                    "lifecycle" => Lifecycle::from_code(code).map(|x| x.zh()).unwrap_or(""),
                                    _ => Reception::from_code(code).map(|x| x.zh()).unwrap_or(""),
                                };
                                view! { <tr><td class="nowrap">{c.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()}</td><td>{label(&c.dimension, &c.from).to_string()} " → " {label(&c.dimension, &c.to).to_string()}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })}
    }
}

/// Delegates the selected catalogue items to one park by one document, all or none.
#[component]
fn BatchForm(selected: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let park = RwSignal::new(app.desk.with_untracked(|d| {
        d.ws()
            .parks
            .iter_live()
            .next()
            .map(|p| p.meta.id.clone())
            .unwrap_or_default()
    }));
    let grantor = RwSignal::new("CITY".to_string());
    let doc_no = RwSignal::new(String::new());
    let doc_title = RwSignal::new(String::new());
    let from = RwSignal::new(date_string(Some(app.as_of.get_untracked())));
    let stage = RwSignal::new("PROPOSED".to_string());
    let need = RwSignal::new(String::new());
    let score = RwSignal::new("4".to_string());
    let lang = use_lang();
    let errors = RwSignal::new(Vec::<Violation>::new());
    let park_opts = move || {
        app.desk.with(|d| {
            d.ws()
                .parks
                .iter_live()
                .map(|p| (p.meta.id.clone(), p.data.name_zh.clone()))
                .collect::<Vec<_>>()
        })
    };
    let grantor_opts = move || {
        let mut v = vec![("CITY".to_string(), "市政府 / City".to_string())];
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .counties
                    .iter_live()
                    .map(|c| (c.meta.id.clone(), format!("{}政府", c.data.name))),
            )
        });
        v
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let items = selected.get_untracked();
        if items.is_empty() {
            errors.set(vec![local_error(
                "items",
                "请先在下方目录中勾选要下放的事项",
                "First tick the items to delegate in the catalogue below",
            )]);
            return;
        }
        let Some(day) = parse_date(&from.get_untracked()) else {
            errors.set(vec![local_error(
                "from",
                "请填写生效日期",
                "Enter the effective date",
            )]);
            return;
        };
        let title = doc_title.get_untracked().trim().to_string();
        if title.is_empty() {
            errors.set(vec![local_error(
                "doc",
                "请填写下放决定文件的标题（一个文件下放这一批事项）",
                "Enter the title of the decision document (one document for the batch)",
            )]);
            return;
        }
        let park_id = park.get_untracked();
        let g = match grantor.get_untracked().as_str() {
            "CITY" => Grantor::City,
            id => Grantor::County {
                county_id: id.to_string(),
            },
        };
        let handed = stage.get_untracked() == "HANDED_OVER";
        let s: u8 = score.get_untracked().parse().unwrap_or(0).min(5);
        let rationale = need.get_untracked().trim().to_string();
        let batch: Vec<Data> = app.desk.with_untracked(|d| {
            let ws = d.ws();
            let towns: Vec<String> = ws
                .entrustments
                .iter_live()
                .filter(|e| e.data.park_id == park_id && e.data.in_force_on(day))
                .map(|e| e.data.township_id.clone())
                .collect();
            let body = ws.enforcement_body(&park_id).map(|o| o.meta.id.clone());
            items
                .iter()
                .filter_map(|i| ws.power_items.live(i))
                .map(|item| {
                    let economic = item.data.category == PowerCategory::Economic;
                    Data::Delegation(DelegationData {
                        power_item_id: item.meta.id.clone(),
                        park_id: park_id.clone(),
                        grantor: g.clone(),
                        mode: if economic {
                            DelegationMode::Authorise
                        } else {
                            DelegationMode::Entrust
                        },
                        territory: if economic {
                            Territory::WholePark
                        } else {
                            Territory::EntrustedTownships {
                                township_ids: towns.clone(),
                            }
                        },
                        recipient_org_id: if item.data.category == PowerCategory::Enforcement {
                            body.clone()
                        } else {
                            None
                        },
                        batch: Some(DocRef {
                            doc_no: Some(doc_no.get_untracked().trim().to_string())
                                .filter(|s| !s.is_empty()),
                            title: title.clone(),
                            issued_on: Some(day),
                        }),
                        effective_from: Some(day),
                        term_until: None,
                        delegated_links: if handed {
                            item.data.process_links.clone()
                        } else {
                            Vec::new()
                        },
                        retained_links: Vec::new(),
                        added_preconditions: Vec::new(),
                        need: (!rationale.is_empty()).then(|| Need {
                            requested_by_park: true,
                            expected_annual_cases: None,
                            rationale: rationale.clone(),
                        }),
                        capacity: handed.then(|| Capacity {
                            assessed_on: day,
                            scores: CapacityDimension::ALL
                                .iter()
                                .map(|d| DimensionScore {
                                    dimension: *d,
                                    score: s,
                                })
                                .collect(),
                            gaps: Vec::new(),
                        }),
                        override_reason: None,
                        approved_on: handed.then_some(day),
                        handover_by_source_on: handed.then_some(day),
                        handover_by_park_on: handed.then_some(day),
                        parallel: false,
                        lifecycle: if handed {
                            Lifecycle::HandedOver
                        } else {
                            Lifecycle::Proposed
                        },
                        reception: if handed {
                            Reception::Received
                        } else {
                            Reception::NotStarted
                        },
                        cases: Vec::new(),
                        history: Vec::new(),
                    })
                })
                .collect()
        });
        let n = batch.len();
        let summary = Text::new(
            format!("按《{title}》下放 {n} 项权限"),
            format!("Delegated {n} powers by “{title}”"),
        );
        match app.dispatch(Command::CreateMany {
            items: batch,
            summary,
        }) {
            Ok(out) => {
                errors.set(Vec::new());
                selected.set(Vec::new());
                app.toast.set(Some(out.summary));
            }
            Err(CommandError::Rejected(v)) => errors.set(v),
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    view! {
        <section class="block" id="batch">
            <h2>{t!(i18n, pw_batch)}</h2>
            <p class="hint">{t!(i18n, pw_batch_hint)} " " <strong id="batch-selected">{move || selected.with(Vec::len)}</strong></p>
            <form class="form" id="batch-form" on:submit=submit novalidate>
                <div class="form-grid">
                    <div class="field"><label for="batch-park">{t!(i18n, col_park)}</label>
                        <select id="batch-park" on:change=move |ev| park.set(event_target_value(&ev))>
                            {move || park_opts().into_iter().map(|(v, l)| { let sel = v == park.get_untracked(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                        </select></div>
                    <div class="field"><label for="batch-grantor">{t!(i18n, pw_grantor)}</label>
                        <select id="batch-grantor" on:change=move |ev| grantor.set(event_target_value(&ev))>
                            {move || grantor_opts().into_iter().map(|(v, l)| { let sel = v == grantor.get_untracked(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                        </select></div>
                    <div class="field"><label for="batch-doc-no">{t!(i18n, f_doc_no)}</label><input id="batch-doc-no" type="text" on:input=move |ev| doc_no.set(event_target_value(&ev)) /></div>
                    <div class="field"><label for="batch-doc-title">{t!(i18n, f_doc_title)}</label><input id="batch-doc-title" type="text" on:input=move |ev| doc_title.set(event_target_value(&ev)) /></div>
                    <div class="field"><label for="batch-from">{t!(i18n, pw_effective)}</label><input id="batch-from" type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) /></div>
                    <div class="field"><label for="batch-stage">{t!(i18n, pw_lifecycle)}</label>
                        <select id="batch-stage" on:change=move |ev| stage.set(event_target_value(&ev))>
                            <option value="PROPOSED" selected=true>{move || Lifecycle::Proposed.label(lang())}</option>
                            <option value="HANDED_OVER">{move || Lifecycle::HandedOver.label(lang())}</option>
                        </select></div>
                    <div class="field field-wide"><label for="batch-need">{t!(i18n, pw_need)}</label><textarea id="batch-need" rows="2" on:input=move |ev| need.set(event_target_value(&ev))></textarea></div>
                    <div class="field"><label for="batch-score">{t!(i18n, pw_score)}</label><input id="batch-score" type="number" min="0" max="5" prop:value=move || score.get() on:input=move |ev| score.set(event_target_value(&ev)) /></div>
                </div>
                <Show when=move || errors.with(|e| !e.is_empty())>
                    <div class="error-summary" role="alert" id="batch-errors"><strong>{t!(i18n, form_has_errors)}</strong><ViolationList items=Signal::derive(move || errors.get()) /></div>
                </Show>
                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="batch-save">{t!(i18n, pw_batch_save)}</button></div>
            </form>
        </section>
    }
}

/// The catalogue: search, filters, selection for a batch, and CSV import.
#[component]
fn Catalogue(selected: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let csv_state = RwSignal::new(None::<Result<Vec<PowerItemData>, Vec<Text>>>);
    let rows = move || {
        let t = text.get();
        let c = PowerCategory::from_code(&category.get());
        app.desk.with(|d| {
            let ws = d.ws();
            ws.power_items
                .iter_live()
                .filter(|i| {
                    t.trim().is_empty()
                        || i.data.name.contains(t.trim())
                        || i.data.item_code.contains(t.trim())
                })
                .filter(|i| c.is_none_or(|c| i.data.category == c))
                .map(|i| {
                    let parks: Vec<String> = ws
                        .delegations
                        .iter_live()
                        .filter(|d| d.data.power_item_id == i.meta.id && d.data.lifecycle.is_open())
                        .map(|d| ws.label_of(Kind::Park, &d.data.park_id))
                        .collect();
                    (i.clone(), parks.join("、"))
                })
                .collect::<Vec<_>>()
        })
    };
    let on_csv = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = match crate::ui::browser::read_text(file).await {
                Ok(t) => {
                    catalogue_csv::parse(&t).map_err(|errs| errs.iter().map(|e| e.text()).collect())
                }
                Err(e) => Err(vec![Text::new(
                    format!("无法读取文件：{e}"),
                    format!("Cannot read the file: {e}"),
                )]),
            };
            csv_state.set(Some(result));
        });
    };
    let confirm_csv = move |_| {
        let Some(Ok(items)) = csv_state.get_untracked() else {
            return;
        };
        let n = items.len();
        let summary = Text::new(
            format!("从 CSV 导入 {n} 个权力事项"),
            format!("Imported {n} power items from CSV"),
        );
        match app.dispatch(Command::CreateMany {
            items: items.into_iter().map(Data::PowerItem).collect(),
            summary,
        }) {
            Ok(out) => {
                csv_state.set(None);
                app.toast.set(Some(out.summary));
            }
            Err(CommandError::Rejected(v)) => csv_state.set(Some(Err(v
                .into_iter()
                .map(|v| {
                    Text::new(
                        format!(
                            "{}：{}",
                            app.desk.with_untracked(|d| d.ws().label_of(v.kind, &v.id)),
                            v.message.zh
                        ),
                        format!(
                            "{}: {}",
                            app.desk.with_untracked(|d| d.ws().label_of(v.kind, &v.id)),
                            v.message.en
                        ),
                    )
                })
                .collect()))),
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    view! {
        <section class="block" id="catalogue">
            <div class="block-head">
                <h2>{t!(i18n, pw_catalogue)} " (" <span id="catalogue-count">{move || rows().len()}</span> ")"</h2>
                <ReportTools key="catalogue" report=crate::reports::lists::catalogue />
            </div>
            <div class="form-inline">
                <div class="field"><label for="catalogue-search">{t!(i18n, pw_search)}</label><input id="catalogue-search" type="search" on:input=move |ev| text.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="catalogue-category">{t!(i18n, pw_category)}</label>
                    <select id="catalogue-category" on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, pw_all)}</option>
                        {PowerCategory::ALL.iter().map(|c| { let c = *c; view! { <option value=c.code()>{move || c.label(lang())}</option> } }).collect_view()}
                    </select></div>
                <div class="field"><label for="catalogue-csv">{t!(i18n, pw_csv)}</label><input id="catalogue-csv" type="file" accept=".csv,text/csv" on:change=on_csv /></div>
            </div>
            <p class="hint">{t!(i18n, pw_csv_hint)}</p>
            {move || csv_state.get().map(|r| match r {
                Ok(items) => view! {
                    <div class="notice" id="csv-preview">{items.len()} " " {t!(i18n, pw_csv_ready)} " "
                        <button class="btn btn-primary btn-small" id="csv-confirm" on:click=confirm_csv>{t!(i18n, import_confirm_add)}</button> " "
                        <button class="btn btn-small" on:click=move |_| csv_state.set(None)>{t!(i18n, cancel)}</button></div>
                }.into_any(),
                Err(errs) => view! {
                    <div class="notice notice-bad" id="csv-errors" role="alert"><p>{t!(i18n, pw_csv_errors)}</p>
                        <ul class="error-details">{errs.into_iter().map(|e| view! { <li>{text_view(e)}</li> }).collect_view()}</ul></div>
                }.into_any(),
            })}
            <table class="table table-compact" id="catalogue-table">
                <thead><tr>
                    <th scope="col"><span class="visually-hidden">{t!(i18n, pw_select)}</span></th>
                    <th scope="col">{t!(i18n, col_code)}</th>
                    <th scope="col">{t!(i18n, pw_item)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{t!(i18n, pw_category)}</th>
                    <th scope="col">{t!(i18n, pw_domain)}</th>
                    <th scope="col">{t!(i18n, pw_holder)}</th>
                    <th scope="col">{t!(i18n, pw_delegated_to)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.1.clone()) let:r>
                        {
                            let (item, parks) = r;
                            let id = item.meta.id.clone();
                            let id2 = id.clone();
                            let d = item.data.clone();
                            let dom = crate::domain::power::domain(&d.domain_id).map(|x| (x.zh, x.en)).unwrap_or(("", ""));
                            view! {
                                <tr data-code=d.item_code.clone()>
                                    <td><input type="checkbox" aria-label=d.name.clone() prop:checked=move || selected.with(|s| s.contains(&id))
                                        on:change=move |ev| { let on = event_target_checked(&ev); let id = id2.clone(); selected.update(|s| { s.retain(|x| *x != id); if on { s.push(id); } }); } /></td>
                                    <td><code>{d.item_code.clone()}</code></td>
                                    <th scope="row">{d.name.clone()} " " <ProvenanceBadge provenance=item.meta.provenance /></th>
                                    <td>{move || d.power_type.label(lang())}</td>
                                    <td>{move || d.category.label(lang())}</td>
                                    <td>{move || if lang() == Lang::Zh { dom.0 } else { dom.1 }}</td>
                                    <td>{move || d.holder_level.label(lang())}</td>
                                    <td class="small">{parks}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// A next state chosen with one button in the delegation detail.
#[derive(Clone, Copy)]
enum Next {
    Lifecycle(Lifecycle),
    Reception(Reception),
}

/// Edits what the 编办, the department and the park record about one delegation: need, capacity
/// per dimension, override reason, links, added preconditions, parallel processing and case
/// volumes. Saved as one command on the revision the editor opened.
#[component]
fn DelegationEditor(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let Some(rec) = app
        .desk
        .with_untracked(|d| d.ws().delegations.live(&id).cloned())
    else {
        return ().into_any();
    };
    let item_links = app.desk.with_untracked(|d| {
        d.ws()
            .power_items
            .live(&rec.data.power_item_id)
            .map(|i| i.data.process_links.clone())
            .unwrap_or_default()
    });
    let penalty = app.desk.with_untracked(|d| {
        d.ws()
            .power_items
            .live(&rec.data.power_item_id)
            .is_some_and(|i| i.data.power_type == crate::domain::power::PowerType::Penalty)
    });
    let d = rec.data.clone();
    let base_rev = rec.meta.rev;
    let errors = RwSignal::new(Vec::<Violation>::new());
    let rationale = RwSignal::new(
        d.need
            .as_ref()
            .map(|n| n.rationale.clone())
            .unwrap_or_default(),
    );
    let expected = RwSignal::new(
        d.need
            .as_ref()
            .and_then(|n| n.expected_annual_cases)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let assessed = RwSignal::new(date_string(
        d.capacity
            .as_ref()
            .map(|c| c.assessed_on)
            .or(Some(app.as_of.get_untracked())),
    ));
    let scores: Vec<(CapacityDimension, RwSignal<String>)> = CapacityDimension::ALL
        .iter()
        .map(|dim| {
            (
                *dim,
                RwSignal::new(
                    d.capacity
                        .as_ref()
                        .and_then(|c| c.scores.iter().find(|s| s.dimension == *dim))
                        .map(|s| s.score.to_string())
                        .unwrap_or_default(),
                ),
            )
        })
        .collect();
    let gaps = RwSignal::new(
        d.capacity
            .as_ref()
            .map(|c| c.gaps.join("、"))
            .unwrap_or_default(),
    );
    let override_reason = RwSignal::new(d.override_reason.clone().unwrap_or_default());
    let delegated = RwSignal::new(d.delegated_links.clone());
    let retained = RwSignal::new(d.retained_links.clone());
    let preconditions = RwSignal::new(d.added_preconditions.join("、"));
    let parallel = RwSignal::new(d.parallel);
    let cases = RwSignal::new(
        d.cases
            .iter()
            .map(|c| format!("{},{},{}", c.month, c.by_park, c.by_source))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let scores_for_total = scores.clone();
    let capacity_now = move || -> Option<Capacity> {
        let day = parse_date(&assessed.get())?;
        let list: Vec<DimensionScore> = scores_for_total
            .iter()
            .filter_map(|(dim, v)| {
                v.get()
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .map(|score| DimensionScore {
                        dimension: *dim,
                        score: score.min(5),
                    })
            })
            .collect();
        (!list.is_empty()).then(|| Capacity {
            assessed_on: day,
            scores: list,
            gaps: split_list(&gaps.get()),
        })
    };
    let cap2 = capacity_now.clone();
    let summary = move || {
        cap2()
            .map(|c| format!("{:.0} · {}", c.total(), c.conclusion(penalty).label(lang())))
            .unwrap_or_else(|| "—".into())
    };
    let id2 = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = Vec::new();
        let mut months = Vec::new();
        for (n, line) in cases.get_untracked().lines().enumerate() {
            let parts: Vec<&str> = line
                .split([',', '，', ' ', '\t'])
                .filter(|p| !p.trim().is_empty())
                .collect();
            if parts.is_empty() {
                continue;
            }
            let parsed = (parts.len() == 3).then(|| {
                (
                    parts[0].trim(),
                    parts[1].trim().parse::<u32>(),
                    parts[2].trim().parse::<u32>(),
                )
            });
            match parsed {
                Some((m, Ok(p), Ok(s))) if m.len() == 7 && m.as_bytes()[4] == b'-' => months.push(CaseMonth { month: m.to_string(), by_park: p, by_source: s }),
                _ => local.push(local_error("cases", &format!("办件量第 {} 行应为“年-月,园区件数,原部门件数”，如 2013-03,6,0", n + 1), &format!("Case line {} should read “year-month,park cases,department cases”, e.g. 2013-03,6,0", n + 1))),
            }
        }
        let exp = parse_opt::<u32>(&expected.get_untracked()).unwrap_or_else(|_| {
            local.push(local_error(
                "expected",
                "预计年办件量请填写整数",
                "Enter the expected annual cases as a whole number",
            ));
            None
        });
        if !local.is_empty() {
            errors.set(local);
            return;
        }
        let Some(current) = app
            .desk
            .with_untracked(|w| w.ws().delegations.live(&id2).cloned())
        else {
            return;
        };
        let mut data = current.data.clone();
        let r = rationale.get_untracked().trim().to_string();
        data.need = (!r.is_empty() || exp.is_some()).then(|| Need {
            requested_by_park: data.need.as_ref().is_some_and(|n| n.requested_by_park),
            expected_annual_cases: exp,
            rationale: r,
        });
        data.capacity = capacity_now();
        let o = override_reason.get_untracked().trim().to_string();
        data.override_reason = (!o.is_empty()).then_some(o);
        data.delegated_links = delegated.get_untracked();
        data.retained_links = retained.get_untracked();
        data.added_preconditions = split_list(&preconditions.get_untracked());
        data.parallel = parallel.get_untracked();
        data.cases = months;
        match app.dispatch(Command::Save {
            id: Some(id2.clone()),
            data: Data::Delegation(data),
            base_rev: Some(base_rev),
        }) {
            Ok(out) => {
                errors.set(Vec::new());
                app.toast.set(Some(out.summary));
            }
            Err(CommandError::Rejected(v)) => errors.set(v),
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    let link_boxes = move |list: RwSignal<Vec<crate::domain::power::ProcessLink>>,
                           prefix: &'static str| {
        item_links
            .iter()
            .copied()
            .map(|l| {
                let box_id = format!("{prefix}-{}", l.code());
                view! {
                    <span class="check-item">
                        <input type="checkbox" id=box_id.clone() prop:checked=move || list.with(|x| x.contains(&l))
                            on:change=move |ev| { let on = event_target_checked(&ev); list.update(|x| { x.retain(|y| *y != l); if on { x.push(l); } }); } />
                        <label for=box_id>{move || l.label(lang())}</label>
                    </span>
                }
            })
            .collect_view()
    };
    let delegated_boxes = link_boxes.clone()(delegated, "link-given");
    let retained_boxes = link_boxes(retained, "link-kept");
    view! {
        <form class="form" id="delegation-editor" on:submit=submit novalidate>
            <div class="form-grid">
                <div class="field field-wide"><label for="ed-need">{t!(i18n, pw_need)}</label><textarea id="ed-need" rows="2" prop:value=move || rationale.get() on:input=move |ev| rationale.set(event_target_value(&ev))></textarea></div>
                <div class="field"><label for="ed-expected">{t!(i18n, pw_expected)}</label><input id="ed-expected" type="text" prop:value=move || expected.get() on:input=move |ev| expected.set(event_target_value(&ev)) /><FieldError errors field="expected" /></div>
                <div class="field"><label for="ed-assessed">{t!(i18n, pw_assessed_on)}</label><input id="ed-assessed" type="date" prop:value=move || assessed.get() on:input=move |ev| assessed.set(event_target_value(&ev)) /></div>
            </div>
            <fieldset class="check-group capacity-grid">
                <legend>{t!(i18n, pw_capacity)} " — " <strong id="ed-capacity-total">{summary}</strong></legend>
                {scores.into_iter().map(|(dim, v)| {
                    let box_id = format!("cap-{}", dim.code());
                    view! {
                        <span class="field">
                            <label for=box_id.clone()>{move || format!("{}（{}）", dim.label(lang()), dim.weight())}</label>
                            <input id=box_id type="number" min="0" max="5" prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev)) />
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <div class="form-grid">
                <div class="field field-wide"><label for="ed-gaps">{t!(i18n, pw_gaps)}</label><input id="ed-gaps" type="text" prop:value=move || gaps.get() on:input=move |ev| gaps.set(event_target_value(&ev)) /></div>
                <div class="field field-wide"><label for="ed-override">{t!(i18n, pw_override)}</label><input id="ed-override" type="text" prop:value=move || override_reason.get() on:input=move |ev| override_reason.set(event_target_value(&ev)) /></div>
            </div>
            <fieldset class="check-group"><legend>{t!(i18n, pw_links_given)}</legend>{delegated_boxes}</fieldset>
            <fieldset class="check-group"><legend>{t!(i18n, pw_links_kept)}</legend>{retained_boxes}</fieldset>
            <div class="form-grid">
                <div class="field field-wide"><label for="ed-pre">{t!(i18n, pw_preconditions)}</label><input id="ed-pre" type="text" prop:value=move || preconditions.get() on:input=move |ev| preconditions.set(event_target_value(&ev)) /></div>
                <div class="field field-check"><input id="ed-parallel" type="checkbox" prop:checked=move || parallel.get() on:change=move |ev| parallel.set(event_target_checked(&ev)) /><label for="ed-parallel">{t!(i18n, pw_parallel)}</label></div>
                <div class="field field-wide"><label for="ed-cases">{t!(i18n, pw_cases)}</label><textarea id="ed-cases" rows="3" prop:value=move || cases.get() on:input=move |ev| cases.set(event_target_value(&ev))></textarea><FieldError errors field="cases" /></div>
            </div>
            <Show when=move || errors.with(|e| !e.is_empty())>
                <div class="error-summary" role="alert" id="editor-errors"><strong>{t!(i18n, form_has_errors)}</strong><ViolationList items=Signal::derive(move || errors.get()) /></div>
            </Show>
            <div class="form-buttons"><button type="submit" class="btn btn-primary" id="editor-save">{t!(i18n, save)}</button></div>
        </form>
    }
    .into_any()
}
