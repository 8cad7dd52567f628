//! 督查: the inspection group's workbench (report S7.1; shared/domain.md §4.E, §8.3) — campaigns
//! with their scope, the check workspace (signals as hints, methods, evidence, verdict, reason),
//! findings, rectification orders with their allowed steps, history and the overdue and yellow
//! card markers of the as-of date, accountability with the deductions that go into the annual
//! assessment, the metrics with the campaign comparison and the department red/black list, and
//! the group itself with its parameters. Every change is a domain command.

use leptos::prelude::*;

use super::page_title;
use super::powers::AsOfControl;
use crate::domain::accountability::{
    self, AccountTarget, AccountabilityActionData, AccountabilityForm, AccountabilityStatus,
    AccountabilityStep,
};
use crate::domain::command::{Act, Command};
use crate::domain::delegation::Verdict;
use crate::domain::finding::{
    FindingCategory, FindingData, FindingSeverity, FindingStatus, FindingStep, Motive,
};
use crate::domain::inspection::*;
use crate::domain::meta::{DocRef, Period};
use crate::domain::org::OrgKind;
use crate::domain::parameters::{self, ParametersData};
use crate::domain::rectification::{self, Overdue, RectAction, RectificationStatus, Urgency};
use crate::domain::rules::{Severity, Violation};
use crate::domain::supervision_metrics as sm;
use crate::domain::text::{Lang, Text};
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Campaigns,
    Checks,
    Findings,
    Orders,
    Accountability,
    Metrics,
    Team,
}

impl Tab {
    const ALL: [Tab; 7] = [
        Tab::Campaigns,
        Tab::Checks,
        Tab::Findings,
        Tab::Orders,
        Tab::Accountability,
        Tab::Metrics,
        Tab::Team,
    ];
    fn id(self) -> &'static str {
        match self {
            Tab::Campaigns => "tab-campaigns",
            Tab::Checks => "tab-checks",
            Tab::Findings => "tab-findings",
            Tab::Orders => "tab-orders",
            Tab::Accountability => "tab-accountability",
            Tab::Metrics => "tab-metrics",
            Tab::Team => "tab-team",
        }
    }
}

/// What the tabs share: the open tab, the campaign being worked on, and the date steps are
/// recorded for.
#[derive(Clone, Copy)]
struct Sup {
    tab: RwSignal<Tab>,
    campaign: RwSignal<String>,
    act_date: RwSignal<String>,
}

fn use_sup() -> Sup {
    expect_context::<Sup>()
}

/// The step date the forms use; a bad value reads as "missing" and the domain refuses it.
fn act_on(sup: Sup) -> Option<chrono::NaiveDate> {
    parse_date(&sup.act_date.get_untracked())
}

fn missing_date() -> Violation {
    local_error(
        "on",
        "请先在页首填写办理日期",
        "Enter the date of the step at the top of the page first",
    )
}

/// The newest campaign by start date.
fn latest_campaign(app: AppState) -> String {
    app.desk.with_untracked(|d| {
        d.ws()
            .inspection_campaigns
            .iter_live()
            .max_by_key(|c| (c.data.period.from, c.meta.id.clone()))
            .map(|c| c.meta.id.clone())
            .unwrap_or_default()
    })
}

fn campaign_options(
    app: AppState,
    all: Option<&'static str>,
) -> impl Fn() -> Options + Send + Sync {
    move || {
        let mut v: Options = all
            .map(|a| vec![(String::new(), a.to_string())])
            .unwrap_or_default();
        app.desk.with(|d| {
            let mut list: Vec<_> = d.ws().inspection_campaigns.iter_live().collect();
            list.sort_by_key(|c| std::cmp::Reverse((c.data.period.from, c.meta.id.clone())));
            v.extend(
                list.into_iter()
                    .map(|c| (c.meta.id.clone(), c.data.title.clone())),
            );
        });
        v
    }
}

/// Departments, park committees and other org units that can answer for a problem.
const RESPONSIBLE: &[OrgKind] = &[
    OrgKind::Department,
    OrgKind::CountyGovernment,
    OrgKind::CityGovernment,
    OrgKind::ParkMgmtCommittee,
    OrgKind::ParkPartyCommittee,
];

#[component]
pub fn Supervision() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    page_title(move || t_string!(i18n, nav_supervision).to_string());
    let today = crate::ui::browser::today();
    let sup = Sup {
        tab: RwSignal::new(Tab::Campaigns),
        campaign: RwSignal::new(latest_campaign(app)),
        act_date: RwSignal::new(date_string(Some(app.as_of.get_untracked().min(today)))),
    };
    provide_context(sup);
    let tab_label = move |t: Tab| -> String {
        match t {
            Tab::Campaigns => t_string!(i18n, sup_tab_campaigns).to_string(),
            Tab::Checks => t_string!(i18n, sup_tab_checks).to_string(),
            Tab::Findings => t_string!(i18n, sup_tab_findings).to_string(),
            Tab::Orders => t_string!(i18n, sup_tab_orders).to_string(),
            Tab::Accountability => t_string!(i18n, sup_tab_accountability).to_string(),
            Tab::Metrics => t_string!(i18n, sup_tab_metrics).to_string(),
            Tab::Team => t_string!(i18n, sup_tab_team).to_string(),
        }
    };
    view! {
        <section class="page" id="page-supervision">
            <h1>{t!(i18n, nav_supervision)}</h1>
            <p class="lead">{t!(i18n, sup_lead)}</p>
            <div class="toolbar">
                <AsOfControl />
                <div class="field field-inline">
                    <label for="act-date">{t!(i18n, sup_act_date)}</label>
                    <input id="act-date" type="date" prop:value=move || sup.act_date.get()
                        on:input=move |ev| sup.act_date.set(event_target_value(&ev)) />
                </div>
                <PrintButton id="sup-print" />
            </div>
            <p class="hint no-print">{t!(i18n, sup_dates_hint)}</p>
            <div class="tabs" role="tablist" aria-label=move || t_string!(i18n, nav_supervision).to_string()>
                {Tab::ALL.into_iter().map(|t| view! {
                    <button type="button" role="tab" class="tab" id=t.id()
                        aria-selected=move || (sup.tab.get() == t).to_string()
                        class:tab-active=move || sup.tab.get() == t
                        on:click=move |_| sup.tab.set(t)>{move || tab_label(t)}</button>
                }).collect_view()}
            </div>
            <div class="print-head">{move || format!("{} · {}", tab_label(sup.tab.get()), date_string(Some(app.as_of.get())))}</div>
            {move || match sup.tab.get() {
                Tab::Campaigns => view! { <CampaignsTab /> }.into_any(),
                Tab::Checks => view! { <ChecksTab /> }.into_any(),
                Tab::Findings => view! { <FindingsTab /> }.into_any(),
                Tab::Orders => view! { <OrdersTab /> }.into_any(),
                Tab::Accountability => view! { <AccountabilityTab /> }.into_any(),
                Tab::Metrics => view! { <MetricsTab /> }.into_any(),
                Tab::Team => view! { <TeamTab /> }.into_any(),
            }}
        </section>
    }
}

/// A state-change history as a table (date, from → to, reason, when recorded).
fn history_table(
    history: Vec<crate::domain::transition::StateChange>,
    label: fn(&str) -> (&'static str, &'static str),
) -> impl IntoView {
    let lang = use_lang();
    let name = move |code: &str| {
        let (zh, en) = label(code);
        if lang() == Lang::Zh { zh } else { en }
    };
    view! {
        <table class="table table-compact history">
            <tbody>
                {history.into_iter().map(|c| {
                    let (from, to) = (c.from.clone(), c.to.clone());
                    let step = move || if from == to { name(&to).to_string() } else { format!("{} → {}", name(&from), name(&to)) };
                    view! {
                        <tr>
                            <td class="nowrap">{c.on.to_string()}</td>
                            <td>{step}</td>
                            <td>{c.reason.clone()}</td>
                            <td class="small nowrap" title="登记时间 / recorded">{c.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn code_label<E: Copy + 'static>(
    from: fn(&str) -> Option<E>,
    zh: fn(E) -> &'static str,
    en: fn(E) -> &'static str,
    code: &str,
) -> (&'static str, &'static str) {
    from(code).map(|e| (zh(e), en(e))).unwrap_or(("", ""))
}

// ---------------------------------------------------------------- campaigns

#[component]
fn CampaignsTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let edit = RwSignal::new(Editing::Closed);
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let rows = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut done: std::collections::HashMap<&str, (usize, usize)> = Default::default();
            for c in ws.inspection_checks.iter_live() {
                let e = done.entry(c.data.campaign_id.as_str()).or_default();
                e.1 += 1;
                if c.data.is_done() {
                    e.0 += 1;
                }
            }
            let mut list: Vec<_> = ws.inspection_campaigns.iter_live().collect();
            list.sort_by_key(|c| std::cmp::Reverse((c.data.period.from, c.meta.id.clone())));
            list.into_iter()
                .map(|c| {
                    let parks = c
                        .data
                        .scope_parks
                        .iter()
                        .map(|p| ws.label_of(Kind::Park, p))
                        .collect::<Vec<_>>()
                        .join("、");
                    (
                        c.clone(),
                        parks,
                        done.get(c.id()).copied().unwrap_or_default(),
                        sm::department_coverage(ws, c.id(), day),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let step = move |id: String, rev: u32, to: CampaignStatus| {
        let Some(on) = act_on(sup) else {
            errors.set(vec![missing_date()]);
            return;
        };
        run(
            app,
            Command::Act {
                id,
                act: Act::Campaign(CampaignStep {
                    to,
                    on,
                    reason: String::new(),
                }),
                base_rev: Some(rev),
            },
            errors,
        );
    };
    view! {
        <section class="block" id="campaigns">
            <div class="block-head">
                <h2>{t!(i18n, sup_campaigns)}</h2>
                <button class="btn btn-primary" id="campaign-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, sup_campaign_new)}</button>
            </div>
            <p class="hint">{t!(i18n, sup_campaigns_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <CampaignForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <CampaignForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <ErrorSummary errors />
            <table class="table" id="campaign-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sup_title)}</th>
                    <th scope="col">{t!(i18n, f_period)}</th>
                    <th scope="col">{t!(i18n, sup_scope_parks)}</th>
                    <th scope="col">{t!(i18n, sup_aspects)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, sup_checks_done)}</th>
                    <th scope="col">{t!(i18n, sup_dept_coverage)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.2, r.3.num, r.3.den) let:r>
                        {
                            let (c, parks, (done, total), coverage) = r;
                            let id = c.meta.id.clone();
                            let rev = c.meta.rev;
                            let status = c.data.status;
                            let aspects = c.data.aspects.clone();
                            let next: Vec<CampaignStatus> = CampaignStatus::ALL.iter().copied().filter(|s| status.can_become(*s)).collect();
                            let (id_open, id_edit, id_step) = (id.clone(), id.clone(), id.clone());
                            view! {
                                <tr data-id=id.clone() data-status=status.code()>
                                    <th scope="row">{c.data.title.clone()} " " <ProvenanceBadge provenance=c.meta.provenance /></th>
                                    <td class="nowrap">{c.data.period.from.to_string()} " – " {date_string(c.data.period.to)}</td>
                                    <td>{parks}</td>
                                    <td>{move || aspects.iter().map(|a| a.label(lang())).collect::<Vec<_>>().join("、")}</td>
                                    <td class="nowrap">{move || status.label(lang())}</td>
                                    <td class="num">{done} " / " {total}</td>
                                    <td class="num">{pct(coverage)}</td>
                                    <td>{record_issues(app, Kind::InspectionCampaign, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="workspace" on:click=move |_| { sup.campaign.set(id_open.clone()); sup.tab.set(Tab::Checks); }>{t!(i18n, sup_workspace)}</button>
                                        " " <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        {next.into_iter().map(|s| { let id = id_step.clone(); view! { " " <button class="btn btn-small" data-next-status=s.code() on:click=move |_| step(id.clone(), rev, s)>{move || s.label(lang())}</button> } }).collect_view()}
                                        " " <DeleteButton kind=Kind::InspectionCampaign id=id.clone() />
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn CampaignForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().inspection_campaigns.live(id).map(|r| r.data.clone()))
    });
    let (all_parks, team) = app.desk.with_untracked(|d| {
        (
            d.ws()
                .parks
                .iter_live()
                .map(|p| p.meta.id.clone())
                .collect::<Vec<_>>(),
            d.ws()
                .inspection_teams
                .iter_live()
                .next()
                .map(|t| t.meta.id.clone()),
        )
    });
    let c = current.unwrap_or(InspectionCampaignData {
        team_id: team,
        title: String::new(),
        period: Period {
            from: app.as_of.get_untracked(),
            to: None,
        },
        scope_parks: all_parks,
        scope_depts: Vec::new(),
        aspects: InspectionAspect::ALL.to_vec(),
        status: CampaignStatus::Planned,
        report: None,
        history: Vec::new(),
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let title = RwSignal::new(c.title.clone());
    let from = RwSignal::new(date_string(Some(c.period.from)));
    let to = RwSignal::new(date_string(c.period.to));
    let team = RwSignal::new(c.team_id.clone().unwrap_or_default());
    let parks = RwSignal::new(c.scope_parks.clone());
    let depts = RwSignal::new(c.scope_depts.clone());
    let aspects = RwSignal::new(
        c.aspects
            .iter()
            .map(|a| a.code().to_string())
            .collect::<Vec<_>>(),
    );
    let doc = c.report.clone().unwrap_or_default();
    let doc_no = RwSignal::new(doc.doc_no.clone().unwrap_or_default());
    let doc_title = RwSignal::new(doc.title.clone());
    let doc_date = RwSignal::new(date_string(doc.issued_on));
    let keep = StoredValue::new((c.status, c.history.clone()));
    let team_opts = move || {
        let mut v: Options = vec![(String::new(), "—".into())];
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .inspection_teams
                    .iter_live()
                    .map(|t| (t.meta.id.clone(), t.data.name.clone())),
            )
        });
        v
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(start) = parse_date(&from.get_untracked()) else {
            errors.set(vec![local_error(
                "period",
                "请填写开始日期",
                "Enter the start date",
            )]);
            return;
        };
        let t = team.get_untracked();
        let title_doc = doc_title.get_untracked().trim().to_string();
        let no = doc_no.get_untracked().trim().to_string();
        let (status, history) = keep.get_value();
        let data = InspectionCampaignData {
            team_id: (!t.is_empty()).then_some(t),
            title: title.get_untracked().trim().to_string(),
            period: Period {
                from: start,
                to: parse_date(&to.get_untracked()),
            },
            scope_parks: parks.get_untracked(),
            scope_depts: depts.get_untracked(),
            aspects: aspects
                .get_untracked()
                .iter()
                .filter_map(|a| InspectionAspect::from_code(a))
                .collect(),
            status,
            report: (!title_doc.is_empty()).then(|| DocRef {
                doc_no: (!no.is_empty()).then_some(no),
                title: title_doc,
                issued_on: parse_date(&doc_date.get_untracked()),
            }),
            history,
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::InspectionCampaign(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="campaign-form" on:submit=submit novalidate>
            <h3>{t!(i18n, sup_campaign_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("campaign-title", t!(i18n, sup_title), title, errors, "title", "text")}
                {input("campaign-from", t!(i18n, f_from), from, errors, "period", "date")}
                {input("campaign-to", t!(i18n, f_to), to, errors, "period_to", "date")}
                {select("campaign-team", t!(i18n, sup_team), team, team_opts, errors, "team_id")}
                {check_group("campaign-parks", t!(i18n, sup_scope_parks), parks, park_options(app, None), errors, "scope_parks")}
                {check_group("campaign-aspects", t!(i18n, sup_aspects), aspects, enum_options(InspectionAspect::ALL, InspectionAspect::code, InspectionAspect::label, lang), errors, "aspects")}
                {check_group("campaign-depts", t!(i18n, sup_scope_depts), depts, org_kind_options(app, None, &[OrgKind::Department, OrgKind::CountyGovernment, OrgKind::CityGovernment]), errors, "scope_depts")}
                {input("campaign-doc-no", t!(i18n, sup_report_no), doc_no, errors, "report_no", "text")}
                {input("campaign-doc-title", t!(i18n, sup_report_title), doc_title, errors, "report", "text")}
                {input("campaign-doc-date", t!(i18n, f_doc_date), doc_date, errors, "report_date", "date")}
            </div>
            <FormButtons prefix="campaign" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- check workspace

#[derive(Clone, Copy, Debug, PartialEq)]
enum CheckFilter {
    All,
    Pending,
    Done,
    Problems,
}

#[component]
fn ChecksTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let filter = RwSignal::new(CheckFilter::All);
    let park = RwSignal::new(String::new());
    let open = RwSignal::new(None::<String>);
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let missing = move || {
        let day = app.as_of.get();
        let cid = sup.campaign.get();
        app.desk.with(|d| missing_checks(d.ws(), &cid, day).len())
    };
    let generate = move |_| {
        let day = app.as_of.get_untracked();
        let cid = sup.campaign.get_untracked();
        let items = app
            .desk
            .with_untracked(|d| missing_checks(d.ws(), &cid, day));
        let n = items.len();
        run(
            app,
            Command::CreateMany {
                items,
                summary: Text::new(
                    format!("为 {n} 项应督查的赋权事项生成核查记录"),
                    format!("Created checks for {n} due delegations"),
                ),
            },
            errors,
        );
    };
    let rows = move || {
        let cid = sup.campaign.get();
        let f = filter.get();
        let p = park.get();
        let checks = app.checks.get();
        let mut list = app.desk.with(|d| {
            let ws = d.ws();
            let findings: std::collections::HashMap<&str, (FindingCategory, FindingStatus)> = ws
                .findings
                .iter_live()
                .flat_map(|x| {
                    x.data
                        .check_ids
                        .iter()
                        .map(move |c| (c.as_str(), (x.data.category, x.data.status)))
                })
                .collect();
            ws.inspection_checks
                .iter_live()
                .filter(|c| c.data.campaign_id == cid)
                .filter_map(|c| {
                    let (subject, park_id, signals) = match &c.data.target {
                        CheckTarget::Delegation { delegation_id } => {
                            let dlg = ws.delegations.live(delegation_id)?;
                            let n = checks
                                .of(Kind::Delegation, delegation_id)
                                .filter(|v| v.severity == Severity::Signal)
                                .count();
                            (
                                ws.label_of(Kind::PowerItem, &dlg.data.power_item_id),
                                Some(dlg.data.park_id.clone()),
                                n,
                            )
                        }
                        CheckTarget::Department { org_id } => {
                            (ws.label_of(Kind::OrgUnit, org_id), None, 0)
                        }
                        CheckTarget::Park { park_id } => {
                            (ws.label_of(Kind::Park, park_id), Some(park_id.clone()), 0)
                        }
                    };
                    if !p.is_empty() && park_id.as_deref() != Some(p.as_str()) {
                        return None;
                    }
                    let finding = findings.get(c.id()).copied();
                    let keep = match f {
                        CheckFilter::All => true,
                        CheckFilter::Pending => !c.data.is_done(),
                        CheckFilter::Done => c.data.is_done(),
                        CheckFilter::Problems => finding.is_some(),
                    };
                    keep.then(|| {
                        let park_name = park_id
                            .map(|p| ws.label_of(Kind::Park, &p))
                            .unwrap_or_default();
                        let issues = checks
                            .of(Kind::InspectionCheck, c.id())
                            .filter(|v| v.severity != Severity::Info)
                            .count();
                        (c.clone(), subject, park_name, signals, finding, issues)
                    })
                })
                .collect::<Vec<_>>()
        });
        // Delegations first, by park and item; then parks and departments by name and aspect.
        list.sort_by_cached_key(|r| {
            let kind = match r.0.data.target {
                CheckTarget::Delegation { .. } => 0,
                CheckTarget::Park { .. } => 1,
                CheckTarget::Department { .. } => 2,
            };
            (kind, r.2.clone(), r.1.clone(), r.0.data.aspect)
        });
        list
    };
    let count = move || rows().len();
    view! {
        <section class="block" id="check-workspace">
            <div class="block-head">
                <h2>{t!(i18n, sup_check_workspace)} " (" <span id="check-count">{count}</span> ")"</h2>
            </div>
            <p class="hint">{t!(i18n, sup_checks_hint)}</p>
            <div class="toolbar no-print">
                {select("check-campaign", t!(i18n, sup_campaign), sup.campaign, campaign_options(app, None), errors, "campaign")}
                <div class="field field-inline">
                    <label for="check-filter">{t!(i18n, sup_show)}</label>
                    <select id="check-filter" on:change=move |ev| filter.set(match event_target_value(&ev).as_str() {
                        "PENDING" => CheckFilter::Pending, "DONE" => CheckFilter::Done, "PROBLEMS" => CheckFilter::Problems, _ => CheckFilter::All })>
                        <option value="ALL">{t!(i18n, pw_all)}</option>
                        <option value="PENDING">{t!(i18n, sup_pending)}</option>
                        <option value="DONE">{t!(i18n, sup_done)}</option>
                        <option value="PROBLEMS">{t!(i18n, sup_problems)}</option>
                    </select>
                </div>
                {select("check-park", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park")}
                <button class="btn btn-primary" id="generate-checks" disabled=move || missing() == 0 on:click=generate>
                    {t!(i18n, sup_generate)} " (" <span id="missing-count">{missing}</span> ")"
                </button>
            </div>
            <ErrorSummary errors />
            <AddTargetCheck />
            <table class="table" id="check-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sup_target)}</th>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, sup_aspect)}</th>
                    <th scope="col">{t!(i18n, sup_signals)}</th>
                    <th scope="col">{t!(i18n, sup_checked_on)}</th>
                    <th scope="col">{t!(i18n, pw_verdict)}</th>
                    <th scope="col">{t!(i18n, sup_evidence_n)}</th>
                    <th scope="col">{t!(i18n, sup_finding)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.3, r.4, r.5) let:r>
                        {
                            let (c, subject, park_name, signals, finding, issues) = r;
                            let id = c.meta.id.clone();
                            let id2 = id.clone();
                            let d = c.data.clone();
                            let verdict_code = d.verdict.map(|v| v.code()).or(d.result.map(|x| x.code())).unwrap_or("");
                            view! {
                                <tr data-id=id.clone() data-verdict=verdict_code>
                                    <th scope="row">{subject} " " <ProvenanceBadge provenance=c.meta.provenance /></th>
                                    <td>{park_name}</td>
                                    <td>{move || d.aspect.label(lang())}</td>
                                    <td class="num">{(signals > 0).then(|| view! { <span class="badge badge-signal" title="计算信号 / computed signals">{signals}</span> })}</td>
                                    <td class="nowrap">{date_string(d.checked_on)}</td>
                                    <td class="nowrap">{move || d.verdict.map(|v| v.label(lang())).or(d.result.map(|x| x.label(lang()))).unwrap_or("—")}</td>
                                    <td class="num">{d.evidence.len()}</td>
                                    <td class="nowrap">{move || finding.map(|(c, s)| format!("{}（{}）", c.label(lang()), s.label(lang()))).unwrap_or_default()}</td>
                                    <td class="num">{issues}</td>
                                    <td class="actions"><button class="btn btn-small" data-action="open-check" on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(id2.as_str()) { None } else { Some(id2.clone()) })>{t!(i18n, sup_check_open)}</button>
                                        " " <DeleteButton kind=Kind::InspectionCheck id=id.clone() /></td>
                                </tr>
                                <Show when={ let id = id.clone(); move || open.get().as_deref() == Some(id.as_str()) }>
                                    <tr class="detail-row"><td colspan="10"><CheckEditor id=id.clone() /></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// Adds a support or service check of a department or a park to the open campaign.
#[component]
fn AddTargetCheck() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let target = RwSignal::new(String::new());
    let aspect = RwSignal::new(InspectionAspect::Support.code().to_string());
    let targets = move || {
        let mut v: Options = vec![(String::new(), "—".into())];
        app.desk.with(|d| {
            let ws = d.ws();
            v.extend(
                ws.org_units
                    .iter_live()
                    .filter(|o| o.data.kind == OrgKind::Department)
                    .map(|o| (format!("D:{}", o.meta.id), o.data.name.clone())),
            );
            v.extend(
                ws.parks
                    .iter_live()
                    .map(|p| (format!("P:{}", p.meta.id), p.data.name_zh.clone())),
            );
        });
        v
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = target.get_untracked();
        let target = match t.split_once(':') {
            Some(("D", id)) => CheckTarget::Department {
                org_id: id.to_string(),
            },
            Some(("P", id)) => CheckTarget::Park {
                park_id: id.to_string(),
            },
            _ => {
                errors.set(vec![local_error(
                    "target",
                    "请选择核查的部门或园区",
                    "Choose the department or park to check",
                )]);
                return;
            }
        };
        let check = InspectionCheckData {
            target,
            aspect: InspectionAspect::from_code(&aspect.get_untracked())
                .unwrap_or(InspectionAspect::Support),
            ..InspectionCheckData::pending(&sup.campaign.get_untracked(), "")
        };
        run(
            app,
            Command::Save {
                id: None,
                data: Data::InspectionCheck(check),
                base_rev: None,
            },
            errors,
        );
    };
    view! {
        <details class="editor no-print">
            <summary>{t!(i18n, sup_add_target_check)}</summary>
            <form class="form form-inline" id="target-check-form" on:submit=add novalidate>
                {select("target-check-target", t!(i18n, sup_target), target, targets, errors, "target")}
                {select("target-check-aspect", t!(i18n, sup_aspect), aspect, enum_options(InspectionAspect::ALL, InspectionAspect::code, InspectionAspect::label, lang), errors, "aspect")}
                <button type="submit" class="btn btn-primary" id="target-check-add">{t!(i18n, sup_add)}</button>
                <ErrorSummary errors />
            </form>
        </details>
    }
}

/// Evidence typed one per line: "description｜source｜file name" (the last two optional).
fn parse_evidence(text: &str) -> Vec<Evidence> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut parts = l.split(['｜', '|']).map(str::trim);
            let description = parts.next().unwrap_or_default().to_string();
            let source = parts.next().unwrap_or_default().to_string();
            let file_name = parts.next().filter(|f| !f.is_empty()).map(str::to_string);
            Evidence {
                description,
                source,
                file_name,
            }
        })
        .collect()
}

fn evidence_text(list: &[Evidence]) -> String {
    list.iter()
        .map(|e| {
            let mut s = e.description.clone();
            if !e.source.is_empty() || e.file_name.is_some() {
                s.push('｜');
                s.push_str(&e.source);
            }
            if let Some(f) = &e.file_name {
                s.push('｜');
                s.push_str(f);
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One check: the delegation's computed signals as hints beside the verdict, the methods,
/// evidence, verdict (or result), reason and responsible unit.
#[component]
fn CheckEditor(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let Some(rec) = app
        .desk
        .with_untracked(|d| d.ws().inspection_checks.live(&id).cloned())
    else {
        return ().into_any();
    };
    let c = rec.data.clone();
    let base_rev = rec.meta.rev;
    let is_delegation = c.target.delegation().map(str::to_string);
    let (facts, source) = app.desk.with_untracked(|d| {
        let ws = d.ws();
        match &is_delegation {
            Some(did) => {
                let dl = ws.delegations.live(did);
                let facts = dl.map(|r| {
                    (
                        ws.label_of(Kind::Delegation, did),
                        r.data.lifecycle,
                        r.data.reception,
                        r.data
                            .retained_links
                            .iter()
                            .map(|l| l.zh())
                            .collect::<Vec<_>>()
                            .join("、"),
                        r.data.added_preconditions.join("；"),
                    )
                });
                (facts, dl.and_then(|r| source_dept(ws, &r.data).cloned()))
            }
            None => (None, None),
        }
    });
    let signals = {
        let did = is_delegation.clone();
        Signal::derive(move || {
            did.as_ref()
                .map(|d| {
                    app.checks.with(|c| {
                        c.of(Kind::Delegation, d)
                            .filter(|v| matches!(v.severity, Severity::Signal | Severity::Warn))
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    };
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let on = RwSignal::new(date_string(c.checked_on.or_else(|| act_on(sup))));
    let methods = RwSignal::new(
        c.methods
            .iter()
            .map(|m| m.code().to_string())
            .collect::<Vec<_>>(),
    );
    let evidence = RwSignal::new(evidence_text(&c.evidence));
    let verdict = RwSignal::new(c.verdict.map(|v| v.code().to_string()).unwrap_or_default());
    let result = RwSignal::new(c.result.map(|v| v.code().to_string()).unwrap_or_default());
    let reason = RwSignal::new(c.verdict_reason.clone());
    let responsible = RwSignal::new(c.responsible_org_id.clone().unwrap_or_default());
    let inspectors = RwSignal::new(c.inspectors.join("、"));
    // Choosing a verdict that keeps the power proposes the item's source department (visible, and
    // changeable) as the responsible unit BR-E4 asks for.
    Effect::new(move |_| {
        let v = Verdict::from_code(&verdict.get());
        if v.is_some_and(Verdict::is_withholding)
            && responsible.get_untracked().is_empty()
            && let Some(s) = &source
        {
            responsible.set(s.clone());
        }
    });
    let verdict_opts = move || {
        let mut v: Options = vec![(
            String::new(),
            if lang() == Lang::Zh {
                "未认定".into()
            } else {
                "Not decided".into()
            },
        )];
        v.extend(
            Verdict::ALL
                .iter()
                .map(|x| (x.code().to_string(), x.label(lang()).to_string())),
        );
        v
    };
    let result_opts = move || {
        let mut v: Options = vec![(
            String::new(),
            if lang() == Lang::Zh {
                "未认定".into()
            } else {
                "Not decided".into()
            },
        )];
        v.extend(
            AspectResult::ALL
                .iter()
                .map(|x| (x.code().to_string(), x.label(lang()).to_string())),
        );
        v
    };
    let id2 = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = app
            .desk
            .with_untracked(|d| d.ws().inspection_checks.live(&id2).cloned())
        else {
            return;
        };
        let r = responsible.get_untracked();
        let data = InspectionCheckData {
            checked_on: parse_date(&on.get_untracked()),
            methods: methods
                .get_untracked()
                .iter()
                .filter_map(|m| CheckMethod::from_code(m))
                .collect(),
            evidence: parse_evidence(&evidence.get_untracked()),
            verdict: Verdict::from_code(&verdict.get_untracked()),
            result: AspectResult::from_code(&result.get_untracked()),
            verdict_reason: reason.get_untracked().trim().to_string(),
            responsible_org_id: (!r.is_empty()).then_some(r),
            inspectors: split_list(&inspectors.get_untracked()),
            ..current.data.clone()
        };
        run(
            app,
            Command::Save {
                id: Some(id2.clone()),
                data: Data::InspectionCheck(data),
                base_rev: Some(base_rev),
            },
            errors,
        );
    };
    let delegation_check = is_delegation.is_some();
    view! {
        <div class="detail check-detail">
            {facts.map(|(label, life, recep, kept, pre)| view! {
                <dl class="facts">
                    <dt>{t!(i18n, pw_item)}</dt><dd>{label}</dd>
                    <dt>{t!(i18n, pw_lifecycle)}</dt><dd>{move || life.label(lang())} " · " {move || recep.label(lang())}</dd>
                    <dt>{t!(i18n, pw_links_kept)}</dt><dd>{if kept.is_empty() { "—".to_string() } else { kept }}</dd>
                    <dt>{t!(i18n, pw_preconditions)}</dt><dd>{if pre.is_empty() { "—".to_string() } else { pre }}</dd>
                </dl>
            })}
            {delegation_check.then(|| view! {
                <h4>{t!(i18n, sup_hints)}</h4>
                <p class="hint">{t!(i18n, sup_hints_text)}</p>
                <div id="check-hints"><ViolationList items=signals /></div>
            })}
            <form class="form" id="check-form" on:submit=submit novalidate>
                <ErrorSummary errors />
                <div class="form-grid">
                    {input("check-date", t!(i18n, sup_checked_on), on, errors, "checked_on", "date")}
                    {if delegation_check {
                        select("check-verdict", t!(i18n, pw_verdict), verdict, verdict_opts, errors, "verdict").into_any()
                    } else {
                        select("check-result", t!(i18n, sup_result), result, result_opts, errors, "result").into_any()
                    }}
                    {select("check-responsible", t!(i18n, sup_responsible), responsible, org_kind_options(app, Some("—"), RESPONSIBLE), errors, "responsible_org_id")}
                    {input("check-inspectors", t!(i18n, sup_inspectors), inspectors, errors, "inspectors", "text")}
                    {check_group("check-methods", t!(i18n, sup_methods), methods, enum_options(CheckMethod::ALL, CheckMethod::code, CheckMethod::label, lang), errors, "methods")}
                    {textarea("check-reason", t!(i18n, sup_reason), reason, errors, "verdict_reason")}
                    <div class="field field-wide">
                        <label for="check-evidence">{t!(i18n, sup_evidence)}</label>
                        <textarea id="check-evidence" rows="3" placeholder=move || t_string!(i18n, sup_evidence_hint).to_string() prop:value=move || evidence.get() on:input=move |ev| evidence.set(event_target_value(&ev)) aria-invalid=invalid(errors, "evidence")></textarea>
                        <FieldError errors field="evidence" />
                    </div>
                </div>
                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="check-save">{t!(i18n, save)}</button></div>
            </form>
            <h4>{t!(i18n, col_issues)}</h4>
            {record_issues(app, Kind::InspectionCheck, id.clone())}
        </div>
    }
    .into_any()
}

// ---------------------------------------------------------------- findings

#[component]
fn FindingsTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let campaign = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let open = RwSignal::new(None::<String>);
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let proposals = move || app.desk.with(|d| accountability::proposals(d.ws()).len());
    let propose = move |_| {
        let items: Vec<Data> = app.desk.with_untracked(|d| {
            accountability::proposals(d.ws())
                .into_iter()
                .map(Data::AccountabilityAction)
                .collect()
        });
        let n = items.len();
        run(
            app,
            Command::CreateMany {
                items,
                summary: Text::new(
                    format!("对 {n} 个重复发生的问题启动责任追究（线索）"),
                    format!("Proposed accountability for {n} repeat findings"),
                ),
            },
            errors,
        );
    };
    let rows = move || {
        let cid = campaign.get();
        let st = status.get();
        let checks = app.checks.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let repeats = crate::domain::finding::repeat_counts(ws);
            let mut orders: std::collections::HashMap<&str, Vec<&str>> = Default::default();
            for o in ws.rectification_orders.iter_live() {
                for f in &o.data.finding_ids {
                    orders
                        .entry(f.as_str())
                        .or_default()
                        .push(o.data.notice_no.as_str());
                }
            }
            ws.findings
                .iter_live()
                .filter(|f| st.is_empty() || f.data.status.code() == st)
                .filter(|f| {
                    cid.is_empty()
                        || f.data
                            .check_ids
                            .first()
                            .and_then(|c| ws.inspection_checks.live(c))
                            .is_some_and(|c| c.data.campaign_id == cid)
                })
                .map(|f| {
                    let unit = f
                        .data
                        .lead_responsible_org_id
                        .as_ref()
                        .map(|o| ws.label_of(Kind::OrgUnit, o))
                        .unwrap_or_else(|| "—".into());
                    let notices = orders.get(f.id()).map(|v| v.join("、")).unwrap_or_default();
                    let issues = checks
                        .of(Kind::Finding, f.id())
                        .filter(|v| v.severity != Severity::Info)
                        .count();
                    (
                        f.clone(),
                        unit,
                        repeats.get(f.id()).copied().unwrap_or(0),
                        notices,
                        issues,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let status_opts = move || {
        let mut v: Options = vec![(
            String::new(),
            if lang() == Lang::Zh {
                "全部".into()
            } else {
                "All".into()
            },
        )];
        v.extend(
            FindingStatus::ALL
                .iter()
                .map(|s| (s.code().to_string(), s.label(lang()).to_string())),
        );
        v
    };
    view! {
        <section class="block" id="findings">
            <div class="block-head">
                <h2>{t!(i18n, sup_findings)} " (" <span id="finding-count">{move || rows().len()}</span> ")"</h2>
                <button class="btn" id="propose-accountability" disabled=move || proposals() == 0 on:click=propose>
                    {t!(i18n, sup_propose)} " (" {proposals} ")"
                </button>
            </div>
            <p class="hint">{t!(i18n, sup_findings_hint)}</p>
            <div class="toolbar no-print">
                {select("finding-campaign", t!(i18n, sup_campaign), campaign, campaign_options(app, Some("—")), errors, "campaign")}
                {select("finding-status", t!(i18n, col_status), status, status_opts, errors, "status")}
            </div>
            <ErrorSummary errors />
            <table class="table" id="finding-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sup_category)}</th>
                    <th scope="col">{t!(i18n, sup_description)}</th>
                    <th scope="col">{t!(i18n, sup_responsible)}</th>
                    <th scope="col">{t!(i18n, sup_severity)}</th>
                    <th scope="col">{t!(i18n, sup_motives)}</th>
                    <th scope="col">{t!(i18n, sup_repeats)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, sup_tab_orders)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.2, r.3.clone(), r.4) let:r>
                        {
                            let (f, unit, repeats, notices, issues) = r;
                            let id = f.meta.id.clone();
                            let id2 = id.clone();
                            let d = f.data.clone();
                            let motives = d.motives.clone();
                            view! {
                                <tr data-id=id.clone() data-category=d.category.code() data-status=d.status.code()>
                                    <td class="nowrap">{move || d.category.label(lang())}</td>
                                    <th scope="row">{d.description.clone()} " " <ProvenanceBadge provenance=f.meta.provenance /></th>
                                    <td>{unit}</td>
                                    <td class="nowrap">{move || d.severity.label(lang())}</td>
                                    <td>{move || motives.iter().map(|m| m.label(lang())).collect::<Vec<_>>().join("、")}</td>
                                    <td class="num">{(repeats > 0).then(|| view! { <span class="badge badge-problem">{repeats}</span> })}</td>
                                    <td class="nowrap">{move || d.status.label(lang())}</td>
                                    <td class="small">{notices}</td>
                                    <td class="num">{issues}</td>
                                    <td class="actions"><button class="btn btn-small" data-action="open-finding" on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(id2.as_str()) { None } else { Some(id2.clone()) })>{t!(i18n, pw_detail)}</button></td>
                                </tr>
                                <Show when={ let id = id.clone(); move || open.get().as_deref() == Some(id.as_str()) }>
                                    <tr class="detail-row"><td colspan="10"><FindingDetail id=id.clone() /></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn FindingDetail(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let Some(rec) = app
        .desk
        .with_untracked(|d| d.ws().findings.live(&id).cloned())
    else {
        return ().into_any();
    };
    let f = rec.data.clone();
    let base_rev = rec.meta.rev;
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let description = RwSignal::new(f.description.clone());
    let severity = RwSignal::new(f.severity.code().to_string());
    let motives = RwSignal::new(
        f.motives
            .iter()
            .map(|m| m.code().to_string())
            .collect::<Vec<_>>(),
    );
    let lead = RwSignal::new(f.lead_responsible_org_id.clone().unwrap_or_default());
    let co = RwSignal::new(f.co_responsible_org_ids.clone());
    let reason = RwSignal::new(String::new());
    let id2 = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = app
            .desk
            .with_untracked(|d| d.ws().findings.live(&id2).cloned())
        else {
            return;
        };
        let l = lead.get_untracked();
        let data = FindingData {
            description: description.get_untracked().trim().to_string(),
            severity: FindingSeverity::from_code(&severity.get_untracked())
                .unwrap_or(current.data.severity),
            motives: motives
                .get_untracked()
                .iter()
                .filter_map(|m| Motive::from_code(m))
                .collect(),
            lead_responsible_org_id: (!l.is_empty()).then_some(l),
            co_responsible_org_ids: co.get_untracked(),
            ..current.data.clone()
        };
        run(
            app,
            Command::Save {
                id: Some(id2.clone()),
                data: Data::Finding(data),
                base_rev: Some(base_rev),
            },
            errors,
        );
    };
    // Copy, so each step button can hold it.
    let key = StoredValue::new(id.clone());
    let step = move |to: FindingStatus| {
        let Some(on) = act_on(sup) else {
            errors.set(vec![missing_date()]);
            return;
        };
        let id = key.get_value();
        let rev = app
            .desk
            .with_untracked(|d| d.ws().findings.live(&id).map(|r| r.meta.rev));
        run(
            app,
            Command::Act {
                id,
                act: Act::Finding(FindingStep {
                    to,
                    on,
                    reason: reason.get_untracked(),
                }),
                base_rev: rev,
            },
            errors,
        );
    };
    let next: Vec<FindingStatus> = FindingStatus::ALL
        .iter()
        .copied()
        .filter(|s| f.status.can_become(*s))
        .collect();
    let history = f.history.clone();
    view! {
        <div class="detail">
            <form class="form" id="finding-form" on:submit=submit novalidate>
                <ErrorSummary errors />
                <div class="form-grid">
                    {select("finding-severity", t!(i18n, sup_severity), severity, enum_options(FindingSeverity::ALL, FindingSeverity::code, FindingSeverity::label, lang), errors, "severity")}
                    {select("finding-lead", t!(i18n, sup_responsible), lead, org_kind_options(app, Some("—"), RESPONSIBLE), errors, "lead_responsible_org_id")}
                    {check_group("finding-motives", t!(i18n, sup_motives), motives, enum_options(Motive::ALL, Motive::code, Motive::label, lang), errors, "motives")}
                    {textarea("finding-description", t!(i18n, sup_description), description, errors, "description")}
                    {check_group("finding-co", t!(i18n, sup_co_responsible), co, org_kind_options(app, None, &[OrgKind::Department, OrgKind::ParkMgmtCommittee]), errors, "co_responsible_org_ids")}
                </div>
                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="finding-save">{t!(i18n, save)}</button></div>
            </form>
            <div class="steps">
                <span>{t!(i18n, sup_next_steps)}</span>
                {next.into_iter().map(|s| view! { " " <button class="btn btn-small" data-next-status=s.code() on:click=move |_| step(s)>{move || s.label(lang())}</button> }).collect_view()}
                " " <input type="text" class="reason-input" aria-label=move || t_string!(i18n, sup_reason).to_string() placeholder=move || t_string!(i18n, sup_reason).to_string() prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            </div>
            <h4>{t!(i18n, col_issues)}</h4>
            {record_issues(app, Kind::Finding, id.clone())}
            <h4>{t!(i18n, pw_history)}</h4>
            {history_table(history, |c| code_label(FindingStatus::from_code, FindingStatus::zh, FindingStatus::en, c))}
        </div>
    }
    .into_any()
}

// ---------------------------------------------------------------- rectification orders

/// Orders sort by the numbers in their notice number (year, then number), so 〔2013〕10号
/// comes after 〔2013〕9号.
fn notice_key(no: &str) -> (Vec<u64>, String) {
    let nums = no
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    (nums, no.to_string())
}

fn overdue_code(o: Overdue) -> &'static str {
    match o {
        Overdue::No => "NO",
        Overdue::Overdue => "OVERDUE",
        Overdue::Second => "SECOND",
    }
}

#[component]
fn OrdersTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let filter = RwSignal::new("ALL".to_string());
    let open = RwSignal::new(None::<String>);
    let rows = move || {
        let day = app.as_of.get();
        let f = filter.get();
        let checks = app.checks.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let second = parameters::of(ws).second_overdue_days;
            let mut list: Vec<_> = ws
                .rectification_orders
                .iter_live()
                .map(|o| {
                    let status = o.data.status_on(day);
                    let overdue = o.data.overdue_on(day, second);
                    (o.clone(), status, overdue, o.data.carded_by(day))
                })
                .filter(|(_, s, od, _)| match f.as_str() {
                    "OPEN" => s.is_open(),
                    "OVERDUE" => *od != Overdue::No,
                    "CLOSED" => *s == RectificationStatus::Closed,
                    "DRAFT" => *s == RectificationStatus::Draft,
                    _ => true,
                })
                .map(|(o, s, od, card)| {
                    let lead = o
                        .data
                        .lead_org_id
                        .as_ref()
                        .map(|x| ws.label_of(Kind::OrgUnit, x))
                        .unwrap_or_else(|| "—".into());
                    let issues = checks
                        .of(Kind::RectificationOrder, o.id())
                        .filter(|v| v.severity != Severity::Info)
                        .count();
                    let deadline = o.data.deadline_on(day);
                    let about = o
                        .data
                        .finding_ids
                        .iter()
                        .map(|f| ws.label_of(Kind::Finding, f))
                        .collect::<Vec<_>>()
                        .join("；");
                    (o, s, od, card, (lead, about), deadline, issues)
                })
                .collect();
            list.sort_by(|a, b| {
                notice_key(&a.0.data.notice_no)
                    .cmp(&notice_key(&b.0.data.notice_no))
                    .then(a.0.meta.id.cmp(&b.0.meta.id))
            });
            list
        })
    };
    let counts = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            let f = sm::rectification_figures(d.ws(), day);
            (f.open, f.overdue, f.second_overdue, f.yellow_cards)
        })
    };
    view! {
        <section class="block" id="orders">
            <div class="block-head">
                <h2>{t!(i18n, sup_orders)} " (" <span id="order-count">{move || rows().len()}</span> ")"</h2>
            </div>
            <p class="hint">{t!(i18n, sup_orders_hint)}</p>
            <p class="order-summary" id="order-summary">
                {t!(i18n, sup_open)} " " <strong>{move || counts().0}</strong> " · "
                {t!(i18n, sup_overdue)} " " <strong class="warn-text" id="overdue-count">{move || counts().1}</strong> " · "
                {t!(i18n, sup_second_overdue)} " " <strong class="warn-text">{move || counts().2}</strong> " · "
                {t!(i18n, sup_yellow_cards)} " " <strong>{move || counts().3}</strong>
            </p>
            <div class="toolbar no-print">
                <ReportTools key="rectifications" report=crate::reports::people::rectifications />
                <div class="field field-inline">
                    <label for="order-filter">{t!(i18n, sup_show)}</label>
                    <select id="order-filter" on:change=move |ev| filter.set(event_target_value(&ev))>
                        <option value="ALL">{t!(i18n, pw_all)}</option>
                        <option value="OPEN">{t!(i18n, sup_open)}</option>
                        <option value="OVERDUE">{t!(i18n, sup_overdue)}</option>
                        <option value="DRAFT">{t!(i18n, sup_drafts)}</option>
                        <option value="CLOSED">{t!(i18n, sup_closed)}</option>
                    </select>
                </div>
            </div>
            <table class="table" id="order-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sup_notice_no)}</th>
                    <th scope="col">{t!(i18n, sup_finding)}</th>
                    <th scope="col">{t!(i18n, sup_lead_unit)}</th>
                    <th scope="col">{t!(i18n, sup_issued_on)}</th>
                    <th scope="col">{t!(i18n, sup_deadline)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, sup_overdue)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.1, r.2, r.3, r.5, r.6) let:r>
                        {
                            let (o, status, overdue, card, (lead, about), deadline, issues) = r;
                            let current = o.data.status;
                            let id = o.meta.id.clone();
                            let id2 = id.clone();
                            view! {
                                <tr data-id=id.clone() data-notice=o.data.notice_no.clone() data-status=status.code() data-current=o.data.status.code() data-overdue=overdue_code(overdue) data-card=card.to_string()
                                    class:row-overdue=overdue != Overdue::No>
                                    <th scope="row" class="nowrap">{o.data.notice_no.clone()} " " <ProvenanceBadge provenance=o.meta.provenance /></th>
                                    <td class="small">{about}</td>
                                    <td>{lead}</td>
                                    <td class="nowrap">{date_string(o.data.issued_on)}</td>
                                    <td class="nowrap">{date_string(deadline)}</td>
                                    <td class="nowrap">{move || status.label(lang())}
                                        // Steps dated after the view's as-of date show as "now".
                                        {(current != status).then(|| view! { <span class="small now-status">{move || format!("（{}{}）", if lang() == Lang::Zh { "现为：" } else { "now: " }, current.label(lang()))}</span> })}
                                    </td>
                                    <td class="nowrap">
                                        {match overdue {
                                            Overdue::No => None,
                                            Overdue::Overdue => Some(view! { <span class="badge badge-overdue">{t!(i18n, sup_overdue)}</span> }.into_any()),
                                            Overdue::Second => Some(view! { <span class="badge badge-problem">{t!(i18n, sup_second_overdue)}</span> }.into_any()),
                                        }}
                                        {card.then(|| view! { " " <span class="badge badge-card">{t!(i18n, sup_yellow_card)}</span> })}
                                    </td>
                                    <td class="num">{issues}</td>
                                    <td class="actions"><button class="btn btn-small" data-action="open-order" on:click=move |_| open.update(|x| *x = if x.as_deref() == Some(id2.as_str()) { None } else { Some(id2.clone()) })>{t!(i18n, pw_detail)}</button></td>
                                </tr>
                                <Show when={ let id = id.clone(); move || open.get().as_deref() == Some(id.as_str()) }>
                                    <tr class="detail-row"><td colspan="9"><OrderDetail id=id.clone() /></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// Labels of the order steps offered in the detail, by the codes of `allowed_actions`.
fn action_label(code: &str, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        "ASSIGN" => ("交办", "Assign"),
        "ACKNOWLEDGE" => ("领办", "Acknowledge"),
        "REMIND" => ("催办", "Send a reminder"),
        "REQUEST_EXTENSION" => ("申请延期", "Request an extension"),
        "DECIDE_EXTENSION" => ("审批延期", "Decide the extension"),
        "SUBMIT" => ("整改反馈", "Submit feedback"),
        "REVIEW" => ("复核", "Review"),
        "SUSPEND" => ("中止", "Suspend"),
        "YELLOW_CARD" => ("黄牌警告", "Yellow card"),
        _ => ("", ""),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// One order: facts, the steps the state machine allows now (with their fields), the draft's
/// editable fields, and everything recorded so far.
#[component]
fn OrderDetail(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let action = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let second_text = RwSignal::new(String::new());
    let flag = RwSignal::new(true);
    let reviewer = RwSignal::new(String::new());
    let id_rec = id.clone();
    let rec = move || {
        app.desk
            .with(|d| d.ws().rectification_orders.live(&id_rec).cloned())
    };
    let id_act = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(on) = act_on(sup) else {
            errors.set(vec![missing_date()]);
            return;
        };
        let t = text.get_untracked();
        let act = match action.get_untracked().as_str() {
            "ASSIGN" => RectAction::Assign {
                on,
                deadline: parse_date(&deadline.get_untracked()),
            },
            "ACKNOWLEDGE" => RectAction::Acknowledge { on },
            "REMIND" => RectAction::Remind { on },
            "REQUEST_EXTENSION" => match parse_date(&deadline.get_untracked()) {
                Some(nd) => RectAction::RequestExtension {
                    on,
                    new_deadline: nd,
                    reason: t,
                },
                None => {
                    errors.set(vec![local_error(
                        "deadline",
                        "请填写申请延至的日期",
                        "Enter the new deadline requested",
                    )]);
                    return;
                }
            },
            "DECIDE_EXTENSION" => RectAction::DecideExtension {
                on,
                approve: flag.get_untracked(),
                comment: t,
            },
            "SUBMIT" => RectAction::Submit {
                on,
                measures: t,
                evidence: split_list(&second_text.get_untracked()),
                self_assessment: String::new(),
            },
            "REVIEW" => RectAction::Review {
                on,
                reviewer: reviewer.get_untracked(),
                pass: flag.get_untracked(),
                comment: t,
            },
            "SUSPEND" => RectAction::Suspend { on, reason: t },
            "YELLOW_CARD" => RectAction::YellowCard { on, reason: t },
            _ => {
                errors.set(vec![local_error(
                    "action",
                    "请选择办理步骤",
                    "Choose a step",
                )]);
                return;
            }
        };
        let rev = app.desk.with_untracked(|d| {
            d.ws()
                .rectification_orders
                .live(&id_act)
                .map(|r| r.meta.rev)
        });
        if run(
            app,
            Command::Act {
                id: id_act.clone(),
                act: Act::Rectification(act),
                base_rev: rev,
            },
            errors,
        ) {
            action.set(String::new());
            text.set(String::new());
            second_text.set(String::new());
        }
    };
    let day = app.as_of;
    view! {
        {move || rec().map(|r| {
            let o = r.data.clone();
            let allowed = rectification::allowed_actions(o.status);
            let draft = o.status == RectificationStatus::Draft;
            let (findings, lead, assist) = app.desk.with_untracked(|d| {
                let ws = d.ws();
                (
                    o.finding_ids.iter().map(|f| ws.label_of(Kind::Finding, f)).collect::<Vec<_>>(),
                    o.lead_org_id.as_ref().map(|x| ws.label_of(Kind::OrgUnit, x)).unwrap_or_else(|| "—".into()),
                    o.assist_org_ids.iter().map(|x| ws.label_of(Kind::OrgUnit, x)).collect::<Vec<_>>().join("、"),
                )
            });
            let history = o.history.clone();
            let extensions = o.extensions.clone();
            let feedbacks = o.feedbacks.clone();
            let reviews = o.reviews.clone();
            let reminders = o.reminders.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("、");
            let card = o.yellow_card.clone();
            let urgency = o.urgency;
            let proposed = o.deadline;
            let o_deadline = o.clone();
            let moved = (o.final_deadline() != o.deadline).then(|| format!("（原 {} / was {}）", date_string(o.deadline), date_string(o.deadline)));
            view! {
                <div class="detail order-detail">
                    <dl class="facts">
                        <dt>{t!(i18n, sup_findings)}</dt><dd>{findings.join("；")}</dd>
                        <dt>{t!(i18n, sup_lead_unit)}</dt><dd>{lead}</dd>
                        <dt>{t!(i18n, sup_assist_units)}</dt><dd>{assist}</dd>
                        <dt>{t!(i18n, sup_requirements)}</dt><dd>{o.requirements.clone()}</dd>
                        <dt>{t!(i18n, sup_urgency)}</dt><dd>{move || urgency.label(lang())} {o.is_major.then_some(" · 重大 / major")}</dd>
                        <dt>{t!(i18n, sup_deadline)}</dt><dd>{move || date_string(o_deadline.deadline_on(day.get()))} {moved}</dd>
                        <dt>{t!(i18n, sup_reminders)}</dt><dd>{if reminders.is_empty() { "—".into() } else { reminders }}</dd>
                        <dt>{t!(i18n, sup_yellow_card)}</dt><dd>{card.map(|c| format!("{} {}", c.on, c.reason)).unwrap_or_else(|| "—".into())}</dd>
                    </dl>
                    {(!allowed.is_empty()).then(|| {
                        let allowed2 = allowed.clone();
                        view! {
                            <form class="form" id="order-step-form" on:submit=submit.clone() novalidate>
                                <h4>{t!(i18n, sup_next_steps)}</h4>
                                <ErrorSummary errors />
                                <div class="form-grid">
                                    <div class="field">
                                        <label for="order-action">{t!(i18n, sup_step)}</label>
                                        <select id="order-action" on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            if v == "ASSIGN" {
                                                // Offer the draft's proposed deadline, or the default period from the step date.
                                                let on = act_on(sup);
                                                let days = app.desk.with_untracked(|d| parameters::of(d.ws()).rectification_days);
                                                let dflt = on.map(|x| x + chrono::Duration::days(i64::from(days)));
                                                deadline.set(date_string(proposed.filter(|p| on.is_none_or(|x| *p > x)).max(dflt)));
                                            }
                                            action.set(v);
                                        }>
                                            <option value="">"—"</option>
                                            {allowed2.into_iter().map(|a| view! { <option value=a selected=move || action.get() == a>{move || action_label(a, lang())}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <Show when=move || matches!(action.get().as_str(), "ASSIGN" | "REQUEST_EXTENSION")>
                                        <div class="field"><label for="order-deadline">{t!(i18n, sup_deadline)}</label>
                                            <input id="order-deadline" type="date" prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev)) /></div>
                                    </Show>
                                    <Show when=move || action.get() == "REVIEW">
                                        <div class="field"><label for="order-reviewer">{t!(i18n, sup_reviewer)}</label>
                                            <input id="order-reviewer" type="text" prop:value=move || reviewer.get() on:input=move |ev| reviewer.set(event_target_value(&ev)) /></div>
                                    </Show>
                                    <Show when=move || matches!(action.get().as_str(), "REVIEW" | "DECIDE_EXTENSION")>
                                        <div class="field field-check"><input id="order-pass" type="checkbox" prop:checked=move || flag.get() on:change=move |ev| flag.set(event_target_checked(&ev)) />
                                            <label for="order-pass">{t!(i18n, sup_pass)}</label></div>
                                    </Show>
                                    <Show when=move || !matches!(action.get().as_str(), "" | "ACKNOWLEDGE" | "REMIND" | "ASSIGN")>
                                        <div class="field field-wide"><label for="order-text">{move || if action.get() == "SUBMIT" { t_string!(i18n, sup_measures).to_string() } else { t_string!(i18n, sup_reason).to_string() }}</label>
                                            <textarea id="order-text" rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea></div>
                                    </Show>
                                    <Show when=move || action.get() == "SUBMIT">
                                        <div class="field field-wide"><label for="order-evidence">{t!(i18n, sup_evidence)}</label>
                                            <input id="order-evidence" type="text" prop:value=move || second_text.get() on:input=move |ev| second_text.set(event_target_value(&ev)) /></div>
                                    </Show>
                                </div>
                                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="order-act">{t!(i18n, sup_do_step)}</button></div>
                            </form>
                        }
                    })}
                    {draft.then(|| view! { <details class="editor"><summary>{t!(i18n, pw_edit)}</summary><OrderDraftEditor id=r.meta.id.clone() /></details> })}
                    <h4>{t!(i18n, col_issues)}</h4>
                    {record_issues(app, Kind::RectificationOrder, r.meta.id.clone())}
                    <h4>{t!(i18n, pw_history)}</h4>
                    {history_table(history, |c| code_label(RectificationStatus::from_code, RectificationStatus::zh, RectificationStatus::en, c))}
                    {(!extensions.is_empty()).then(|| view! {
                        <h4>{t!(i18n, sup_extensions)}</h4>
                        <ul class="plain">{extensions.into_iter().map(|e| view! { <li>{format!("{} → {}：{}（{}）", e.requested_on, e.new_deadline, e.reason, match e.approved { Some(true) => "批准 / approved", Some(false) => "未批准 / refused", None => "待审批 / pending" })}</li> }).collect_view()}</ul>
                    })}
                    {(!feedbacks.is_empty()).then(|| view! {
                        <h4>{t!(i18n, sup_feedbacks)}</h4>
                        <ul class="plain">{feedbacks.into_iter().map(|f| view! { <li>{format!("{}：{}（{}）", f.on, f.measures, f.evidence.join("、"))}</li> }).collect_view()}</ul>
                    })}
                    {(!reviews.is_empty()).then(|| view! {
                        <h4>{t!(i18n, sup_reviews)}</h4>
                        <ul class="plain">{reviews.into_iter().map(|x| view! { <li>{format!("{} {}：{} {}", x.on, x.reviewer, if x.pass { "通过 / passed" } else { "驳回 / rejected" }, x.comment)}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
        })}
    }
}

/// What can still be changed on a draft order: lead and assisting units, requirements, urgency,
/// major item, proposed deadline.
#[component]
fn OrderDraftEditor(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let Some(rec) = app
        .desk
        .with_untracked(|d| d.ws().rectification_orders.live(&id).cloned())
    else {
        return ().into_any();
    };
    let o = rec.data.clone();
    let base_rev = rec.meta.rev;
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let lead = RwSignal::new(o.lead_org_id.clone().unwrap_or_default());
    let assist = RwSignal::new(o.assist_org_ids.clone());
    let requirements = RwSignal::new(o.requirements.clone());
    let urgency = RwSignal::new(o.urgency.code().to_string());
    let major = RwSignal::new(o.is_major);
    let deadline = RwSignal::new(date_string(o.deadline));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lead.get_untracked();
        let mut data = o.clone();
        data.lead_org_id = (!l.is_empty()).then_some(l);
        data.assist_org_ids = assist.get_untracked();
        data.requirements = requirements.get_untracked().trim().to_string();
        data.urgency = Urgency::from_code(&urgency.get_untracked()).unwrap_or(Urgency::Normal);
        data.is_major = major.get_untracked();
        data.deadline = parse_date(&deadline.get_untracked());
        run(
            app,
            Command::Save {
                id: Some(id.clone()),
                data: Data::RectificationOrder(data),
                base_rev: Some(base_rev),
            },
            errors,
        );
    };
    view! {
        <form class="form" id="order-draft-form" on:submit=submit novalidate>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("order-lead", t!(i18n, sup_lead_unit), lead, org_kind_options(app, Some("—"), RESPONSIBLE), errors, "lead_org_id")}
                {select("order-urgency", t!(i18n, sup_urgency), urgency, enum_options(Urgency::ALL, Urgency::code, Urgency::label, lang), errors, "urgency")}
                {input("order-proposed-deadline", t!(i18n, sup_deadline), deadline, errors, "deadline", "date")}
                {checkbox("order-major", t!(i18n, sup_major), major)}
                {textarea("order-requirements", t!(i18n, sup_requirements), requirements, errors, "requirements")}
                {check_group("order-assist", t!(i18n, sup_assist_units), assist, org_kind_options(app, None, &[OrgKind::Department, OrgKind::ParkMgmtCommittee]), errors, "assist_org_ids")}
            </div>
            <div class="form-buttons"><button type="submit" class="btn btn-primary" id="order-draft-save">{t!(i18n, save)}</button></div>
        </form>
    }
    .into_any()
}

// ---------------------------------------------------------------- accountability

#[component]
fn AccountabilityTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let open = RwSignal::new(None::<String>);
    let rows = move || {
        let checks = app.checks.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.accountability_actions
                .iter_live()
                .map(|a| {
                    let who = match &a.data.target {
                        AccountTarget::Org { org_id } => ws.label_of(Kind::OrgUnit, org_id),
                        AccountTarget::Person { name, post, org_id } => format!(
                            "{name}（{}{post}）",
                            org_id
                                .as_ref()
                                .map(|o| ws.label_of(Kind::OrgUnit, o))
                                .unwrap_or_default()
                        ),
                    };
                    let findings = a
                        .data
                        .finding_ids
                        .iter()
                        .map(|f| ws.label_of(Kind::Finding, f))
                        .collect::<Vec<_>>()
                        .join("；");
                    let issues = checks
                        .of(Kind::AccountabilityAction, a.id())
                        .filter(|v| v.severity != Severity::Info)
                        .count();
                    (a.clone(), who, findings, issues)
                })
                .collect::<Vec<_>>()
        })
    };
    let deductions = move || {
        app.desk.with(|d| {
            let ws = d.ws();
            accountability::deductions_by_unit_year(ws)
                .into_iter()
                .map(|((unit, year), points)| (ws.label_of(Kind::OrgUnit, &unit), year, points))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="accountability">
            <div class="block-head">
                <h2>{t!(i18n, sup_accountability)}</h2>
                <button class="btn btn-primary" id="action-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, sup_action_new)}</button>
            </div>
            <p class="hint">{t!(i18n, sup_accountability_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <ActionForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <ActionForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="action-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sup_account_target)}</th>
                    <th scope="col">{t!(i18n, sup_form)}</th>
                    <th scope="col">{t!(i18n, sup_findings)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, sup_decided_on)}</th>
                    <th scope="col">{t!(i18n, sup_deduction)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.3) let:r>
                        {
                            let (a, who, findings, issues) = r;
                            let id = a.meta.id.clone();
                            let (id_edit, id_open) = (id.clone(), id.clone());
                            let rev = a.meta.rev;
                            let d = a.data.clone();
                            view! {
                                <tr data-id=id.clone() data-status=d.status.code()>
                                    <th scope="row">{who} " " <ProvenanceBadge provenance=a.meta.provenance /></th>
                                    <td class="nowrap">{move || d.form.label(lang())}</td>
                                    <td class="small">{findings}</td>
                                    <td class="nowrap">{move || d.status.label(lang())}</td>
                                    <td class="nowrap">{date_string(d.decided_on)}</td>
                                    <td class="num">{d.assessment_deduction.map(|p| format!("{p}")).unwrap_or_default()}</td>
                                    <td class="num">{issues}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <button class="btn btn-small" data-action="open-action" on:click=move |_| open.update(|x| *x = if x.as_deref() == Some(id_open.as_str()) { None } else { Some(id_open.clone()) })>{t!(i18n, pw_detail)}</button>
                                        " " <DeleteButton kind=Kind::AccountabilityAction id=id.clone() />
                                    </td>
                                </tr>
                                <Show when={ let id = id.clone(); move || open.get().as_deref() == Some(id.as_str()) }>
                                    <tr class="detail-row"><td colspan="8"><ActionDetail id=id.clone() /></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <h3>{t!(i18n, sup_deductions)}</h3>
            <p class="hint">{t!(i18n, sup_deductions_hint)}</p>
            <table class="table table-compact" id="deduction-table">
                <thead><tr><th scope="col">{t!(i18n, sup_unit)}</th><th scope="col">{t!(i18n, sup_year)}</th><th scope="col">{t!(i18n, sup_deduction)}</th></tr></thead>
                <tbody>
                    {move || deductions().into_iter().map(|(unit, year, points)| view! {
                        <tr><th scope="row">{unit}</th><td class="num">{year}</td><td class="num">{format!("{points}")}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn ActionDetail(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let reason = RwSignal::new(String::new());
    let id_rec = id.clone();
    let rec = move || {
        app.desk
            .with(|d| d.ws().accountability_actions.live(&id_rec).cloned())
    };
    let key = StoredValue::new(id.clone());
    let step = move |to: AccountabilityStatus| {
        let Some(on) = act_on(sup) else {
            errors.set(vec![missing_date()]);
            return;
        };
        let id = key.get_value();
        let rev = app
            .desk
            .with_untracked(|d| d.ws().accountability_actions.live(&id).map(|r| r.meta.rev));
        run(
            app,
            Command::Act {
                id,
                act: Act::Accountability(AccountabilityStep {
                    to,
                    on,
                    reason: reason.get_untracked(),
                }),
                base_rev: rev,
            },
            errors,
        );
    };
    view! {
        {move || rec().map(|r| {
            let status = r.data.status;
            let next: Vec<AccountabilityStatus> = AccountabilityStatus::ALL.iter().copied().filter(|s| status.can_become(*s)).collect();
            let d = r.data.clone();
            view! {
                <div class="detail">
                    <dl class="facts">
                        <dt>{t!(i18n, sup_basis)}</dt><dd>{d.basis.clone()}</dd>
                        <dt>{t!(i18n, f_basis)}</dt><dd>{d.doc.as_ref().map(|x| format!("{} {}", x.doc_no.clone().unwrap_or_default(), x.title)).unwrap_or_default()}</dd>
                        <dt>{t!(i18n, sup_transferred)}</dt><dd>{if d.transferred_to_discipline { "是 / yes" } else { "否 / no" }}</dd>
                    </dl>
                    <ErrorSummary errors />
                    <div class="steps">
                        <span>{t!(i18n, sup_next_steps)}</span>
                        {next.into_iter().map(|s| view! { " " <button class="btn btn-small" data-next-status=s.code() on:click=move |_| step(s)>{move || s.label(lang())}</button> }).collect_view()}
                        " " <input type="text" class="reason-input" aria-label=move || t_string!(i18n, sup_reason).to_string() placeholder=move || t_string!(i18n, sup_reason).to_string() prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                    </div>
                    <h4>{t!(i18n, col_issues)}</h4>
                    {record_issues(app, Kind::AccountabilityAction, r.meta.id.clone())}
                    <h4>{t!(i18n, pw_history)}</h4>
                    {history_table(d.history.clone(), |c| code_label(AccountabilityStatus::from_code, AccountabilityStatus::zh, AccountabilityStatus::en, c))}
                </div>
            }
        })}
    }
}

#[component]
fn ActionForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk.with_untracked(|d| {
            d.ws()
                .accountability_actions
                .live(id)
                .map(|r| r.data.clone())
        })
    });
    let a = current.unwrap_or(AccountabilityActionData {
        finding_ids: Vec::new(),
        target: AccountTarget::Org {
            org_id: String::new(),
        },
        form: AccountabilityForm::CircularCriticism,
        basis: String::new(),
        decided_by_org_id: None,
        decided_on: None,
        doc: None,
        assessment_deduction: None,
        transferred_to_discipline: false,
        status: AccountabilityStatus::Lead,
        history: Vec::new(),
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let finding = RwSignal::new(a.finding_ids.first().cloned().unwrap_or_default());
    let (kind0, org0, name0, post0) = match &a.target {
        AccountTarget::Org { org_id } => ("ORG", org_id.clone(), String::new(), String::new()),
        AccountTarget::Person { name, post, org_id } => (
            "PERSON",
            org_id.clone().unwrap_or_default(),
            name.clone(),
            post.clone(),
        ),
    };
    let target_kind = RwSignal::new(kind0.to_string());
    let org = RwSignal::new(org0);
    let name = RwSignal::new(name0);
    let post = RwSignal::new(post0);
    let form = RwSignal::new(a.form.code().to_string());
    let basis = RwSignal::new(a.basis.clone());
    let decided_by = RwSignal::new(a.decided_by_org_id.clone().unwrap_or_default());
    let doc = a.doc.clone().unwrap_or_default();
    let doc_no = RwSignal::new(doc.doc_no.clone().unwrap_or_default());
    let doc_title = RwSignal::new(doc.title.clone());
    let deduction = RwSignal::new(
        a.assessment_deduction
            .map(|p| p.to_string())
            .unwrap_or_default(),
    );
    let transferred = RwSignal::new(a.transferred_to_discipline);
    let keep = StoredValue::new(a.clone());
    let finding_opts = move || {
        let mut v: Options = vec![(String::new(), "—".into())];
        app.desk.with(|d| {
            let ws = d.ws();
            v.extend(
                ws.findings
                    .iter_live()
                    .filter(|f| f.data.status != FindingStatus::Withdrawn)
                    .map(|f| (f.meta.id.clone(), ws.label_of(Kind::Finding, f.id()))),
            );
        });
        v
    };
    let kind_opts = move || -> Options {
        vec![
            (
                "ORG".into(),
                if lang() == Lang::Zh {
                    "单位".into()
                } else {
                    "Unit".into()
                },
            ),
            (
                "PERSON".into(),
                if lang() == Lang::Zh {
                    "个人".into()
                } else {
                    "Person".into()
                },
            ),
        ]
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let points = match parse_opt::<f64>(&deduction.get_untracked()) {
            Ok(p) => p,
            Err(()) => {
                errors.set(vec![local_error(
                    "assessment_deduction",
                    "考核扣分请填写数字，如 2 或 0.5",
                    "Enter the deduction as a number, e.g. 2 or 0.5",
                )]);
                return;
            }
        };
        let base = keep.get_value();
        let f = finding.get_untracked();
        let mut findings = base.finding_ids.clone();
        if !f.is_empty() {
            if findings.is_empty() {
                findings.push(f);
            } else {
                findings[0] = f;
            }
        }
        let o = org.get_untracked();
        let target = if target_kind.get_untracked() == "PERSON" {
            AccountTarget::Person {
                name: name.get_untracked().trim().to_string(),
                post: post.get_untracked().trim().to_string(),
                org_id: (!o.is_empty()).then_some(o),
            }
        } else {
            AccountTarget::Org { org_id: o }
        };
        let by = decided_by.get_untracked();
        let t = doc_title.get_untracked().trim().to_string();
        let no = doc_no.get_untracked().trim().to_string();
        let data = AccountabilityActionData {
            finding_ids: findings,
            target,
            form: AccountabilityForm::from_code(&form.get_untracked()).unwrap_or(base.form),
            basis: basis.get_untracked().trim().to_string(),
            decided_by_org_id: (!by.is_empty()).then_some(by),
            doc: (!t.is_empty()).then(|| DocRef {
                doc_no: (!no.is_empty()).then_some(no),
                title: t,
                issued_on: None,
            }),
            assessment_deduction: points,
            transferred_to_discipline: transferred.get_untracked(),
            ..base
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::AccountabilityAction(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="action-form" on:submit=submit novalidate>
            <h3>{t!(i18n, sup_action_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("action-finding", t!(i18n, sup_finding), finding, finding_opts, errors, "finding_ids")}
                {select("action-target-kind", t!(i18n, sup_target_kind), target_kind, kind_opts, errors, "target_kind")}
                {select("action-org", t!(i18n, sup_unit), org, org_kind_options(app, Some("—"), RESPONSIBLE), errors, "target")}
                {input("action-name", t!(i18n, sup_person), name, errors, "target_name", "text")}
                {input("action-post", t!(i18n, sup_post), post, errors, "target_post", "text")}
                {select("action-form-kind", t!(i18n, sup_form), form, enum_options(AccountabilityForm::ALL, AccountabilityForm::code, AccountabilityForm::label, lang), errors, "form")}
                {input("action-deduction", t!(i18n, sup_deduction), deduction, errors, "assessment_deduction", "text")}
                {select("action-decided-by", t!(i18n, sup_decided_by), decided_by, org_kind_options(app, Some("—"), &[]), errors, "decided_by_org_id")}
                {input("action-doc-no", t!(i18n, f_doc_no), doc_no, errors, "doc_no", "text")}
                {input("action-doc-title", t!(i18n, f_doc_title), doc_title, errors, "doc", "text")}
                {checkbox("action-transferred", t!(i18n, sup_transferred), transferred)}
                {textarea("action-basis", t!(i18n, sup_basis), basis, errors, "basis")}
            </div>
            <FormButtons prefix="action" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- metrics

#[component]
fn MetricsTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let sup = use_sup();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let campaign_figures = move || {
        let day = app.as_of.get();
        let cid = sup.campaign.get();
        app.desk.with(|d| {
            let ws = d.ws();
            (
                sm::department_coverage(ws, &cid, day),
                sm::aspect_coverage(ws, &cid, day),
                sm::problem_rate(ws, &cid),
                sm::verdict_mix(ws, &cid),
                sm::finding_counts(ws, Some(&cid)),
            )
        })
    };
    let rect = move || {
        let day = app.as_of.get();
        app.desk.with(|d| sm::rectification_figures(d.ws(), day))
    };
    let acc = move || {
        let day = app.as_of.get();
        app.desk.with(|d| sm::accountability_counts(d.ws(), day))
    };
    let rates = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            sm::campaign_rates(d.ws(), day)
                .into_iter()
                .map(|r| (d.ws().label_of(Kind::InspectionCampaign, &r.campaign_id), r))
                .collect::<Vec<_>>()
        })
    };
    let list = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            sm::red_black_list(d.ws(), day)
                .into_iter()
                .map(|x| (d.ws().label_of(Kind::OrgUnit, &x.dept_id), x))
                .collect::<Vec<_>>()
        })
    };
    // Set through the CSSOM (style:width), which the CSP allows; a style attribute it would not.
    let bar = |r: crate::domain::metrics::Ratio| format!("{:.1}%", r.percent().unwrap_or(0.0));
    view! {
        <section class="block" id="campaign-compare">
            <h2>{t!(i18n, sup_compare)}</h2>
            <p class="hint">{t!(i18n, sup_compare_hint)}</p>
            <table class="table" id="campaign-compare-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sup_campaign)}</th>
                    <th scope="col">{t!(i18n, sup_as_of_end)}</th>
                    <th scope="col">{t!(i18n, pw_rate_strict)}</th>
                    <th scope="col">{t!(i18n, pw_rate_lenient)}</th>
                    <th scope="col">{t!(i18n, sup_change)}</th>
                </tr></thead>
                <tbody>
                    {move || rates().into_iter().map(|(title, r)| view! {
                        <tr data-campaign=r.campaign_id.clone()>
                            <th scope="row">{title}</th>
                            <td class="nowrap">{r.end.to_string()}</td>
                            <td><div class="bar"><span class="bar-fill" style:width=bar(r.strict)></span></div><span class="rate-strict">{pct(r.strict)}</span> " " <span class="small">{format!("{}/{}", r.strict.num, r.strict.den)}</span></td>
                            <td><div class="bar"><span class="bar-fill bar-lenient" style:width=bar(r.lenient)></span></div>{pct(r.lenient)}</td>
                            <td class="num change">{r.change_strict.map(|c| format!("{c:+.1} / {:+.1}", r.change_lenient.unwrap_or(0.0))).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="block" id="red-black-list">
            <h2>{t!(i18n, sup_red_black)}</h2>
            <p class="hint">{t!(i18n, sup_red_black_hint)}</p>
            <table class="table" id="red-black">
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">{t!(i18n, pw_department)}</th>
                    <th scope="col">{t!(i18n, sup_list)}</th>
                    <th scope="col">{t!(i18n, pw_weighted)}</th>
                    <th scope="col">{t!(i18n, pw_inspected)}</th>
                    <th scope="col">{t!(i18n, sup_verdict_mix)}</th>
                    <th scope="col">{t!(i18n, sup_motives)}</th>
                </tr></thead>
                <tbody>
                    {move || list().into_iter().enumerate().map(|(i, (name, x))| {
                        let colour = match x.colour { sm::ListColour::Red => "RED", sm::ListColour::Black => "BLACK", sm::ListColour::Neither => "" };
                        let verdicts = x.verdicts.clone();
                        let motives = x.motives.clone();
                        view! {
                            <tr data-list=colour>
                                <td class="num">{i + 1}</td>
                                <th scope="row">{name}</th>
                                <td>{match x.colour {
                                    sm::ListColour::Red => Some(view! { <span class="badge badge-red">{t!(i18n, sup_red)}</span> }.into_any()),
                                    sm::ListColour::Black => Some(view! { <span class="badge badge-black">{t!(i18n, sup_black)}</span> }.into_any()),
                                    sm::ListColour::Neither => None,
                                }}</td>
                                <td class="num">{format!("{:.3}", f64::from(x.score_permille) / 1000.0)}</td>
                                <td class="num">{x.rated}</td>
                                <td class="small">{move || verdicts.iter().filter(|(_, n)| *n > 0).map(|(v, n)| format!("{} {n}", v.label(lang()))).collect::<Vec<_>>().join("、")}</td>
                                <td class="small">{move || motives.iter().map(|(m, n)| format!("{} {n}", m.label(lang()))).collect::<Vec<_>>().join("、")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="block" id="sup-metrics">
            <h2>{t!(i18n, sup_metrics_campaign)}</h2>
            <div class="toolbar no-print">
                {select("metrics-campaign", t!(i18n, sup_campaign), sup.campaign, campaign_options(app, None), errors, "campaign")}
            </div>
            <div class="cards">
                <div class="card"><div class="card-label">{t!(i18n, sup_dept_coverage)}</div><div class="card-value" id="sup-dept-coverage">{move || pct(campaign_figures().0)}</div><div class="card-note">{move || { let r = campaign_figures().0; format!("{} / {}", r.num, r.den) }} " · BR-E1"</div></div>
                {move || campaign_figures().1.into_iter().map(|(a, r)| view! {
                    <div class="card"><div class="card-label">{t!(i18n, sup_aspect_coverage)} "：" {move || a.label(lang())}</div><div class="card-value" data-aspect=a.code()>{pct(r)}</div><div class="card-note">{format!("{} / {}", r.num, r.den)}</div></div>
                }).collect_view()}
                <div class="card"><div class="card-label">{t!(i18n, sup_problem_rate)}</div><div class="card-value" id="sup-problem-rate">{move || pct(campaign_figures().2)}</div><div class="card-note">{move || { let r = campaign_figures().2; format!("{} / {}", r.num, r.den) }}</div></div>
            </div>
            <table class="table table-compact" id="verdict-mix">
                <caption>{t!(i18n, sup_verdict_mix)}</caption>
                <thead><tr>{Verdict::ALL.iter().map(|v| { let v = *v; view! { <th scope="col">{move || v.label(lang())}</th> } }).collect_view()}</tr></thead>
                <tbody><tr>{move || campaign_figures().3.into_iter().map(|(v, n)| view! { <td class="num" data-verdict=v.code()>{n}</td> }).collect_view()}</tr></tbody>
            </table>
            <table class="table table-compact" id="finding-classes">
                <caption>{t!(i18n, sup_findings_by_class)}</caption>
                <tbody>
                    {move || campaign_figures().4.by_category.into_iter().map(|(c, n)| view! { <tr><th scope="row">{move || c.label(lang())}</th><td class="num">{n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="block" id="sup-rectification-metrics">
            <h2>{t!(i18n, sup_metrics_rect)}</h2>
            <div class="cards">
                <div class="card"><div class="card-label">{t!(i18n, sup_on_time)}</div><div class="card-value" id="sup-on-time">{move || pct(rect().on_time)}</div><div class="card-note">{move || { let r = rect().on_time; format!("{} / {}", r.num, r.den) }}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, sup_overdue)}</div><div class="card-value" id="sup-overdue">{move || rect().overdue}</div><div class="card-note">{move || pct(rect().overdue_rate)} " · " {t!(i18n, sup_second_overdue)} " " {move || rect().second_overdue}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, sup_avg_days)}</div><div class="card-value" id="sup-avg-days">{move || rect().average_days.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into())}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, sup_rejection)}</div><div class="card-value" id="sup-rejection">{move || pct(rect().rejection)}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, sup_yellow_cards)}</div><div class="card-value" id="sup-yellow">{move || rect().yellow_cards}</div></div>
                <div class="card"><div class="card-label">{t!(i18n, sup_accountability)}</div><div class="card-value" id="sup-accountability">{move || acc().decided}</div>
                    <div class="card-note">{t!(i18n, sup_units)} " " {move || acc().units} " · " {t!(i18n, sup_persons)} " " {move || acc().persons} " · " {t!(i18n, sup_deduction)} " " {move || format!("{}", acc().deduction_points)}</div></div>
            </div>
            <table class="table table-compact" id="accountability-forms">
                <caption>{t!(i18n, sup_by_form)}</caption>
                <tbody>{move || acc().by_form.into_iter().map(|(f, n)| view! { <tr><th scope="row">{move || f.label(lang())}</th><td class="num">{n}</td></tr> }).collect_view()}</tbody>
            </table>
        </section>
    }
}

// ---------------------------------------------------------------- team and parameters

#[component]
fn TeamTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk.with(|d| {
            d.ws()
                .inspection_teams
                .iter_live()
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="teams">
            <div class="block-head">
                <h2>{t!(i18n, sup_team)}</h2>
                <button class="btn btn-primary" id="team-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, sup_team_new)}</button>
            </div>
            <p class="hint">{t!(i18n, sup_team_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <TeamForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <TeamForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="team-table">
                <thead><tr><th scope="col">{t!(i18n, col_name)}</th><th scope="col">{t!(i18n, sup_lead_org)}</th><th scope="col">{t!(i18n, sup_members)}</th><th scope="col">{t!(i18n, col_actions)}</th></tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.meta.id.clone(), r.meta.rev) let:r>
                        {
                            let id = r.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = r.meta.rev;
                            let lead = app.desk.with_untracked(|d| r.data.lead_org_id.as_ref().map(|o| d.ws().label_of(Kind::OrgUnit, o)));
                            let members = r.data.members.clone();
                            view! {
                                <tr data-id=id.clone()>
                                    <th scope="row">{r.data.name.clone()} " " <ProvenanceBadge provenance=r.meta.provenance /></th>
                                    <td>{lead.unwrap_or_else(|| "未定（报告未载明） / not stated in the report".into())}</td>
                                    <td class="small">{move || members.iter().map(|m| format!("{}（{}）", m.name, m.role.label(lang()))).collect::<Vec<_>>().join("、")}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::InspectionTeam id=id.clone() />
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
        <ParametersForm />
    }
}

/// Members typed one per line: "name，organ，role" (role as its Chinese or English label).
fn parse_members(text: &str) -> Result<Vec<TeamMember>, Violation> {
    let mut out = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split([',', '，', '\t']).map(str::trim).collect();
        let role = match parts.get(2) {
            None | Some(&"") => MemberRole::Member,
            Some(r) => match MemberRole::ALL
                .iter()
                .find(|x| x.zh() == *r || x.en().eq_ignore_ascii_case(r) || x.code() == *r)
            {
                Some(x) => *x,
                None => {
                    return Err(local_error(
                        "members",
                        &format!("成员第 {} 行的角色应为 组长、副组长、成员 或 联络员", n + 1),
                        &format!(
                            "Member line {}: the role must be leader, deputy leader, member or liaison",
                            n + 1
                        ),
                    ));
                }
            },
        };
        out.push(TeamMember {
            name: parts[0].to_string(),
            org: parts.get(1).unwrap_or(&"").to_string(),
            role,
        });
    }
    Ok(out)
}

#[component]
fn TeamForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().inspection_teams.live(id).map(|r| r.data.clone()))
    });
    let t = current.unwrap_or(InspectionTeamData {
        name: String::new(),
        lead_org_id: None,
        members: Vec::new(),
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let name = RwSignal::new(t.name.clone());
    let lead = RwSignal::new(t.lead_org_id.clone().unwrap_or_default());
    let members = RwSignal::new(
        t.members
            .iter()
            .map(|m| format!("{}，{}，{}", m.name, m.org, m.role.zh()))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list = match parse_members(&members.get_untracked()) {
            Ok(l) => l,
            Err(v) => {
                errors.set(vec![v]);
                return;
            }
        };
        let l = lead.get_untracked();
        let data = InspectionTeamData {
            name: name.get_untracked().trim().to_string(),
            lead_org_id: (!l.is_empty()).then_some(l),
            members: list,
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::InspectionTeam(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="team-form" on:submit=submit novalidate>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("team-name", t!(i18n, col_name), name, errors, "name", "text")}
                {select("team-lead", t!(i18n, sup_lead_org), lead, org_kind_options(app, Some("未定 / not stated"), &[]), errors, "lead_org_id")}
                {textarea("team-members", t!(i18n, sup_members_hint), members, errors, "members")}
            </div>
            <FormButtons prefix="team" edit errors />
        </form>
    }
}

/// The parameters of Appendix C that supervision uses (one record; defaults until saved).
#[component]
fn ParametersForm() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let p = app.desk.with_untracked(|d| parameters::of(d.ws()));
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let days = RwSignal::new(p.rectification_days.to_string());
    let second = RwSignal::new(p.second_overdue_days.to_string());
    let red = RwSignal::new(p.red_list_min_permille.to_string());
    let black = RwSignal::new(p.black_list_below_permille.to_string());
    let edit = RwSignal::new(Editing::Closed);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let num = |s: RwSignal<String>, f: &'static str| {
            s.get_untracked()
                .trim()
                .parse::<u32>()
                .map_err(|_| local_error(f, "请填写非负整数", "Enter a whole number"))
        };
        let parsed = (
            num(days, "rectification_days"),
            num(second, "second_overdue_days"),
            num(red, "red_list_min_permille"),
            num(black, "black_list_below_permille"),
        );
        let (Ok(a), Ok(b), Ok(c), Ok(dd)) = parsed.clone() else {
            errors.set(
                [
                    parsed.0.err(),
                    parsed.1.err(),
                    parsed.2.err(),
                    parsed.3.err(),
                ]
                .into_iter()
                .flatten()
                .collect(),
            );
            return;
        };
        // The one parameters record, updated in place (created on the first save).
        let (id, current) = app.desk.with_untracked(|d| {
            (
                d.ws()
                    .parameters
                    .iter_live()
                    .next()
                    .map(|r| r.meta.id.clone()),
                parameters::of(d.ws()),
            )
        });
        let data = ParametersData {
            rectification_days: a,
            second_overdue_days: b,
            red_list_min_permille: c,
            black_list_below_permille: dd,
            ..current
        };
        save(app, id, None, Data::Parameters(data), errors, edit);
    };
    view! {
        <section class="block no-print" id="sup-parameters">
            <h2>{t!(i18n, sup_parameters)}</h2>
            <p class="hint">{t!(i18n, sup_parameters_hint)}</p>
            <form class="form" id="parameters-form" on:submit=submit novalidate>
                <ErrorSummary errors />
                <div class="form-grid">
                    {input("param-days", t!(i18n, sup_param_days), days, errors, "rectification_days", "text")}
                    {input("param-second", t!(i18n, sup_param_second), second, errors, "second_overdue_days", "text")}
                    {input("param-red", t!(i18n, sup_param_red), red, errors, "red_list_min_permille", "text")}
                    {input("param-black", t!(i18n, sup_param_black), black, errors, "black_list_below_permille", "text")}
                </div>
                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="parameters-save">{t!(i18n, save)}</button></div>
            </form>
        </section>
    }
}
