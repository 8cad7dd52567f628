//! 机构编制: each park's bodies in 大部制 style with their indices (S3.1), the bodies of its
//! entrusted townships, staffing quotas and leadership-post quotas (S3.2, S5.0), and the
//! staffing ledger in both 口径 with park-system totals for the as-of date, printable and
//! exportable as CSV (S7.3). Every change is a domain command.

use leptos::prelude::*;

use super::page_title;
use crate::domain::meta::Period;
use crate::domain::metrics::{self, Scope};
use crate::domain::org::*;
use crate::domain::rules::Severity;
use crate::domain::staffing::{LeadershipQuotaData, PostRank, QuotaType, StaffingQuotaData, View};
use crate::domain::staffing_metrics as sm;
use crate::domain::text::Lang;
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

/// The page's park filter: "" for all parks.
#[derive(Clone, Copy)]
pub struct ParkFilter(pub RwSignal<String>);

impl ParkFilter {
    pub fn scope(self) -> Scope {
        let p = self.0.get();
        if p.is_empty() {
            Scope::City
        } else {
            Scope::Park(p)
        }
    }
}

/// Whether a unit belongs to the parks in the filter on the as-of date (or is listed apart).
pub fn in_filter(app: AppState, filter: ParkFilter) -> impl Fn(&str) -> bool {
    let day = app.as_of.get();
    let park = filter.0.get();
    let systems = app.desk.with(|d| ParkSystems::on(d.ws(), day));
    move |org: &str| match systems.park_of(org) {
        Some(p) => park.is_empty() || *p == park,
        None => false,
    }
}

/// The park filter control (all parks or one).
#[component]
pub fn ParkFilterControl(filter: ParkFilter, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    view! {
        <div class="field field-inline no-print">
            <label for=id>{t!(i18n, org_park_filter)}</label>
            <select id=id on:change=move |ev| filter.0.set(event_target_value(&ev))>
                <option value="">{t!(i18n, org_all_parks)}</option>
                {move || app.desk.with(|d| d.ws().parks.iter_live().map(|p| {
                    let sel = filter.0.get_untracked() == p.meta.id;
                    view! { <option value=p.meta.id.clone() selected=sel>{p.data.name_zh.clone()}</option> }
                }).collect_view())}
            </select>
        </div>
    }
}

#[component]
pub fn Org() -> impl IntoView {
    let i18n = use_i18n();
    page_title(move || t_string!(i18n, nav_org).to_string());
    let tab = RwSignal::new("bodies");
    let filter = ParkFilter(RwSignal::new(String::new()));
    view! {
        <section class="page" id="page-org">
            <h1>{t!(i18n, nav_org)}</h1>
            <p class="lead no-print">{t!(i18n, org_lead)}</p>
            <div class="form-inline no-print">
                <super::powers::AsOfControl />
                <ParkFilterControl filter id="org-park-filter" />
            </div>
            {tab_bar("org-tab", tab, vec![
                ("bodies", Box::new(move || t_string!(i18n, org_tab_bodies).to_string())),
                ("quotas", Box::new(move || t_string!(i18n, org_tab_quotas).to_string())),
                ("ledger", Box::new(move || t_string!(i18n, org_tab_ledger).to_string())),
            ])}
            {move || match tab.get() {
                "quotas" => view! { <QuotaSection filter /> <LeadershipSection filter /> }.into_any(),
                "ledger" => view! { <LedgerSection filter /> }.into_any(),
                _ => view! { <Indices filter /> <OrgTree filter /> }.into_any(),
            }}
        </section>
    }
}

// ---------------------------------------------------------------- indices

/// 大部制 indices, 区镇合一 coverage and 职数节约 per park.
#[component]
fn Indices(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let rows = move || {
        let day = app.as_of.get();
        let park = filter.0.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.parks
                .iter_live()
                .filter(|p| park.is_empty() || p.meta.id == park)
                .map(|p| {
                    let scope = Scope::Park(p.meta.id.clone());
                    (
                        p.data.short_code.clone(),
                        p.data.name_zh.clone(),
                        sm::body_indices(ws, &p.meta.id),
                        metrics::integration_coverage(ws, day, &scope),
                        sm::post_saving(ws, day, &scope),
                        sm::sharing_ratio(ws, day, &scope),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <table class="table" id="org-indices">
            <thead><tr>
                <th scope="col">{t!(i18n, col_park)}</th>
                <th scope="col">{t!(i18n, org_idx_bodies)}</th>
                <th scope="col">{t!(i18n, org_idx_breadth)}</th>
                <th scope="col">{t!(i18n, org_idx_counterparts)}</th>
                <th scope="col">{t!(i18n, metric_integration)}</th>
                <th scope="col">{t!(i18n, org_idx_saving)}</th>
                <th scope="col">{t!(i18n, org_idx_sharing)}</th>
            </tr></thead>
            <tbody>
                {move || rows().into_iter().map(|(code, name, ix, integ, saving, share)| {
                    let over = ix.limit.is_some_and(|l| ix.bodies > usize::from(l));
                    view! {
                        <tr data-park=code.clone()>
                            <th scope="row">{name}</th>
                            <td class="num" class:over=over data-cell="bodies">{format!("{} / {}", ix.bodies, ix.limit.map(|l| l.to_string()).unwrap_or_else(|| "—".into()))}</td>
                            <td class="num" data-cell="breadth">{dec1(ix.breadth.per())}</td>
                            <td class="num" data-cell="counterparts">{dec1(ix.counterparts.per())}</td>
                            <td class="num" data-cell="integration">{pct(integ)}</td>
                            <td class="num" data-cell="saving">{format!("{} （{} / {}）", saving.saving(), saving.filled, saving.persons)}</td>
                            <td class="num" data-cell="sharing">{pct(share)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p class="hint">{t!(i18n, org_idx_hint)}</p>
    }
}

// ---------------------------------------------------------------- org tree

#[derive(Clone, Debug, PartialEq)]
struct OrgRow {
    id: String,
    rev: u32,
    depth: u8,
    heading: bool,
    name: String,
    data: Option<OrgUnitData>,
    provenance: crate::domain::meta::Provenance,
}

fn domain_label(id: &str, lang: Lang) -> String {
    body_domain(id)
        .map(|d| match lang {
            Lang::Zh => d.zh.to_string(),
            Lang::En => d.en.to_string(),
        })
        .unwrap_or_else(|| id.to_string())
}

#[component]
fn OrgTree(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    // Park by park: committees, bodies, institutions; then the townships entrusted on the date.
    let rows = move || {
        let day = app.as_of.get();
        let park = filter.0.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let systems = ParkSystems::on(ws, day);
            let row = |o: &crate::domain::workspace::Rec<OrgUnitData>, depth| OrgRow {
                id: o.meta.id.clone(),
                rev: o.meta.rev,
                depth,
                heading: false,
                name: o.data.name.clone(),
                data: Some(o.data.clone()),
                provenance: o.meta.provenance,
            };
            let order = |k: OrgKind| match k {
                OrgKind::ParkPartyCommittee => 0,
                OrgKind::ParkMgmtCommittee => 1,
                OrgKind::InternalBody => 2,
                OrgKind::UnifiedEnforcement => 3,
                OrgKind::ParkPublicInstitution => 4,
                OrgKind::TownshipParty => 5,
                OrgKind::TownshipGov => 6,
                _ => 7,
            };
            let mut out = Vec::new();
            for p in ws
                .parks
                .iter_live()
                .filter(|p| park.is_empty() || p.meta.id == park)
            {
                out.push(OrgRow {
                    id: format!("park-{}", p.meta.id),
                    rev: 0,
                    depth: 0,
                    heading: true,
                    name: p.data.name_zh.clone(),
                    data: None,
                    provenance: p.meta.provenance,
                });
                let mut own: Vec<_> = ws
                    .org_units
                    .iter_live()
                    .filter(|o| {
                        o.data.park_id.as_deref() == Some(p.id()) && !o.data.kind.is_township_body()
                    })
                    .collect();
                own.sort_by_key(|o| (order(o.data.kind), o.data.name.clone()));
                out.extend(
                    own.into_iter()
                        .map(|o| row(o, if o.data.parent_id.is_some() { 2 } else { 1 })),
                );
                let mut towns: Vec<&str> = ws
                    .entrustments
                    .iter_live()
                    .filter(|e| e.data.park_id == p.meta.id && e.data.in_force_on(day))
                    .map(|e| e.data.township_id.as_str())
                    .collect();
                towns.sort();
                towns.dedup();
                for t in towns {
                    out.push(OrgRow {
                        id: format!("town-{t}"),
                        rev: 0,
                        depth: 1,
                        heading: true,
                        name: ws.label_of(Kind::Township, t),
                        data: None,
                        provenance: ws
                            .townships
                            .get(t)
                            .map(|r| r.meta.provenance)
                            .unwrap_or(crate::domain::meta::Provenance::UserEntered),
                    });
                    let mut bodies: Vec<_> = ws
                        .org_units
                        .iter_live()
                        .filter(|o| {
                            o.data.township_id.as_deref() == Some(t)
                                && o.data.kind.is_township_body()
                        })
                        .collect();
                    bodies.sort_by_key(|o| (order(o.data.kind), o.data.name.clone()));
                    out.extend(bodies.into_iter().map(|o| row(o, 2)));
                }
            }
            let _ = systems;
            out
        })
    };
    // Departments, organs and units outside any park system on the date.
    let others = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let systems = ParkSystems::on(ws, day);
            ws.org_units
                .iter_live()
                .filter(|o| systems.park_of(o.id()).is_none() && o.data.park_id.is_none())
                .map(|o| OrgRow {
                    id: o.meta.id.clone(),
                    rev: o.meta.rev,
                    depth: 0,
                    heading: false,
                    name: o.data.name.clone(),
                    data: Some(o.data.clone()),
                    provenance: o.meta.provenance,
                })
                .collect::<Vec<_>>()
        })
    };
    let table = move |id: &'static str, rows: Vec<OrgRow>| {
        view! {
            <table class="table table-compact" id=id>
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{t!(i18n, org_rank)}</th>
                    <th scope="col">{t!(i18n, org_nature)}</th>
                    <th scope="col">{t!(i18n, org_domains)}</th>
                    <th scope="col">{t!(i18n, org_counterparts)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        // Set through the CSSOM (style:padding-left), which the CSP allows; a style attribute it would not.
                        let indent = format!("{}rem", f32::from(r.depth) * 1.2 + 0.5);
                        match r.data {
                            None => view! {
                                <tr class="tree-heading" data-id=r.id.clone()>
                                    <th scope="rowgroup" colspan="8" style:padding-left=indent>{r.name} " " <ProvenanceBadge provenance=r.provenance /></th>
                                </tr>
                            }.into_any(),
                            Some(o) => {
                                let id = r.id.clone();
                                let id_edit = id.clone();
                                let rev = r.rev;
                                let kind = o.kind;
                                let rank = o.rank;
                                let nature = o.nature;
                                let funding = o.funding;
                                let domains = o.domains.clone();
                                let n_dom = domains.len();
                                let depts = app.desk.with_untracked(|d| o.counterpart_dept_ids.iter().map(|c| d.ws().label_of(Kind::OrgUnit, c)).collect::<Vec<_>>());
                                let reason = o.counterpart_reason.clone();
                                let inactive = !o.is_active();
                                let status = o.status;
                                view! {
                                    <tr data-id=id.clone() data-name=r.name.clone() class:inactive=inactive>
                                        <th scope="row" style:padding-left=indent>{r.name.clone()} " " <ProvenanceBadge provenance=r.provenance />
                                            {inactive.then(|| view! { " " <span class="status status-ended">{move || status.label(lang())}</span> })}
                                        </th>
                                        <td class="nowrap small">{move || kind.label(lang())}</td>
                                        <td class="nowrap small">{move || rank.label(lang())}</td>
                                        <td class="small nowrap">{move || nature.label(lang())} {funding.map(|f| view! { <br />{move || f.label(lang())} })}</td>
                                        <td class="small" data-domains=n_dom>{move || domains.iter().map(|x| domain_label(x, lang())).collect::<Vec<_>>().join("、")}</td>
                                        <td class="small" data-counterparts=depts.len()>{depts.join("、")}</td>
                                        <td>{record_issues(app, Kind::OrgUnit, id.clone())}
                                            {reason.map(|r| view! { <p class="small note">{t!(i18n, org_reason_recorded)} "：" {r}</p> })}</td>
                                        <td class="actions">
                                            <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                            " " <DeleteButton kind=Kind::OrgUnit id=id.clone() />
                                        </td>
                                    </tr>
                                }.into_any()
                            }
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <section class="block" id="org-units">
            <div class="block-head">
                <h2>{t!(i18n, org_tree_title)}</h2>
                <button class="btn btn-primary" id="org-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, org_new)}</button>
            </div>
            <p class="hint">{t!(i18n, org_tree_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <OrgForm edit id=None base_rev=None filter /> }),
                Editing::Edit(id, rev) => Some(view! { <OrgForm edit id=Some(id) base_rev=Some(rev) filter /> }),
            }}
            {move || table("org-table", rows())}
            <details class="block-sub">
                <summary>{t!(i18n, org_others_title)}</summary>
                {move || table("organ-table", others())}
            </details>
        </section>
    }
}

#[component]
fn OrgForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
    filter: ParkFilter,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().org_units.live(id).map(|r| r.data.clone()))
    });
    let o = current.unwrap_or_else(|| {
        let park = filter.0.get_untracked();
        let mgmt = app.desk.with_untracked(|d| {
            d.ws()
                .org_units
                .iter_live()
                .find(|o| {
                    o.data.kind == OrgKind::ParkMgmtCommittee
                        && o.data.park_id.as_deref() == Some(park.as_str())
                })
                .map(|o| o.meta.id.clone())
        });
        OrgUnitData {
            park_id: (!park.is_empty()).then_some(park),
            parent_id: mgmt,
            rank: OrgRank::Section,
            funding: Some(FundingForm::Full),
            ..OrgUnitData::new("", OrgKind::InternalBody)
        }
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let name = RwSignal::new(o.name.clone());
    let kind = RwSignal::new(o.kind.code().to_string());
    let park = RwSignal::new(o.park_id.clone().unwrap_or_default());
    let town = RwSignal::new(o.township_id.clone().unwrap_or_default());
    let county = RwSignal::new(o.county_id.clone().unwrap_or_default());
    let parent = RwSignal::new(o.parent_id.clone().unwrap_or_default());
    let rank = RwSignal::new(o.rank.code().to_string());
    let nature = RwSignal::new(o.nature.code().to_string());
    let funding = RwSignal::new(o.funding.map(|f| f.code().to_string()).unwrap_or_default());
    let status = RwSignal::new(o.status.code().to_string());
    let domains = RwSignal::new(o.domains.clone());
    let depts = RwSignal::new(o.counterpart_dept_ids.clone());
    let reason = RwSignal::new(o.counterpart_reason.clone().unwrap_or_default());
    let (doc_no, doc_title, doc_date) = doc_signals(o.established_by.as_ref());
    let opt = |s: RwSignal<String>| {
        let v = s.get_untracked();
        (!v.is_empty()).then_some(v)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked().trim().to_string();
        let data = OrgUnitData {
            name: name.get_untracked().trim().to_string(),
            kind: OrgKind::from_code(&kind.get_untracked()).unwrap_or(OrgKind::InternalBody),
            park_id: opt(park),
            township_id: opt(town),
            county_id: opt(county),
            status: OrgStatus::from_code(&status.get_untracked()).unwrap_or(OrgStatus::Active),
            parent_id: opt(parent),
            rank: OrgRank::from_code(&rank.get_untracked()).unwrap_or_default(),
            nature: OrgNature::from_code(&nature.get_untracked()).unwrap_or_default(),
            funding: FundingForm::from_code(&funding.get_untracked()),
            domains: domains.get_untracked(),
            counterpart_dept_ids: depts.get_untracked(),
            counterpart_reason: (!r.is_empty()).then_some(r),
            established_by: doc_value(doc_no, doc_title, doc_date),
        };
        save(app, id.clone(), base_rev, Data::OrgUnit(data), errors, edit);
    };
    let domain_opts = move || {
        body_domains()
            .into_iter()
            .map(|d| {
                let group = match (d.category, lang()) {
                    (Some(c), l) => c.label(l).to_string(),
                    (None, Lang::Zh) => "综合保障".to_string(),
                    (None, Lang::En) => "Support".to_string(),
                };
                (
                    d.id.to_string(),
                    format!("{group}·{}", if lang() == Lang::Zh { d.zh } else { d.en }),
                )
            })
            .collect::<Options>()
    };
    let dept_opts = org_options(app, None, |o| o.kind == OrgKind::Department);
    let parent_opts = with_none(org_options(app, None, |o| {
        !o.kind.is_township_body() && o.kind != OrgKind::Department
    }));
    view! {
        <form class="form" id="org-form" on:submit=submit novalidate>
            <h3>{t!(i18n, org_form_title)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("org-name", t!(i18n, col_name), name, errors, "name", "text")}
                {select("org-kind", t!(i18n, col_kind), kind, enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang), errors, "kind")}
                {select("org-park", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park_id")}
                {select("org-township", t!(i18n, col_township), town, with_none(township_options(app)), errors, "township_id")}
                {select("org-county", t!(i18n, col_county), county, with_none(county_options(app)), errors, "county_id")}
                {select("org-parent", t!(i18n, org_parent), parent, parent_opts, errors, "parent_id")}
                {select("org-rank", t!(i18n, org_rank), rank, enum_options(OrgRank::ALL, OrgRank::code, OrgRank::label, lang), errors, "rank")}
                {select("org-nature", t!(i18n, org_nature), nature, enum_options(OrgNature::ALL, OrgNature::code, OrgNature::label, lang), errors, "nature")}
                {select("org-funding", t!(i18n, org_funding), funding, with_none(enum_options(FundingForm::ALL, FundingForm::code, FundingForm::label, lang)), errors, "funding")}
                {select("org-status", t!(i18n, col_status), status, enum_options(OrgStatus::ALL, OrgStatus::code, OrgStatus::label, lang), errors, "status")}
                {check_group("org-domains", t!(i18n, org_domains), domains, domain_opts, errors, "domains")}
                {check_group("org-depts", t!(i18n, org_counterparts), depts, dept_opts, errors, "counterpart_dept_ids")}
                {textarea("org-reason", t!(i18n, org_reason), reason, errors, "counterpart_reason")}
                {doc_fields(["org-doc-no", "org-doc-title", "org-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <FormButtons prefix="org" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- quotas

#[component]
fn QuotaSection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        let keep = in_filter(app, filter);
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut v: Vec<_> = ws
                .staffing_quotas
                .iter_live()
                .filter(|q| keep(&q.data.org_id))
                .map(|q| {
                    (
                        q.clone(),
                        ws.label_of(Kind::OrgUnit, &q.data.org_id),
                        q.data.period.contains(day),
                    )
                })
                .collect();
            v.sort_by(|a, b| {
                (&a.1, a.0.data.quota_type, a.0.data.period.from).cmp(&(
                    &b.1,
                    b.0.data.quota_type,
                    b.0.data.period.from,
                ))
            });
            v
        })
    };
    view! {
        <section class="block" id="quotas">
            <div class="block-head">
                <h2>{t!(i18n, org_quotas_title)}</h2>
                <button class="btn btn-primary" id="quota-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, org_quota_new)}</button>
            </div>
            <p class="hint">{t!(i18n, org_quotas_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <QuotaForm edit id=None base_rev=None filter /> }),
                Editing::Edit(id, rev) => Some(view! { <QuotaForm edit id=Some(id) base_rev=Some(rev) filter /> }),
            }}
            <table class="table table-compact" id="quota-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, org_unit)}</th>
                    <th scope="col">{t!(i18n, org_quota_type)}</th>
                    <th scope="col" class="num">{t!(i18n, org_approved)}</th>
                    <th scope="col">{t!(i18n, f_period)}</th>
                    <th scope="col">{t!(i18n, org_basis)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.2) let:r>
                        {
                            let (q, org, valid) = r;
                            let id = q.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = q.meta.rev;
                            let t = q.data.quota_type;
                            view! {
                                <tr data-id=id.clone() class:inactive=!valid>
                                    <th scope="row">{org} " " <ProvenanceBadge provenance=q.meta.provenance /></th>
                                    <td>{move || t.label(lang())}</td>
                                    <td class="num">{q.data.approved}</td>
                                    <td class="nowrap">{period_text(&q.data.period)}</td>
                                    <td class="small">{q.data.basis.map(|b| format!("{} {}", b.doc_no.unwrap_or_default(), b.title)).unwrap_or_default()}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::StaffingQuota id=id.clone() />
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

pub fn period_text(p: &Period) -> String {
    format!(
        "{} – {}",
        p.from,
        p.to.map(|d| d.to_string()).unwrap_or_default()
    )
}

/// Units a quota or post can belong to: those of the parks in the filter (or all).
fn unit_options(app: AppState, filter: ParkFilter) -> impl Fn() -> Options + Send + Sync + 'static {
    move || {
        let keep = in_filter(app, filter);
        app.desk.with(|d| {
            d.ws()
                .org_units
                .iter_live()
                .filter(|o| keep(o.id()))
                .map(|o| (o.meta.id.clone(), o.data.name.clone()))
                .collect()
        })
    }
}

#[component]
fn QuotaForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
    filter: ParkFilter,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().staffing_quotas.live(id).map(|r| r.data.clone()))
    });
    let first_unit = unit_options(app, filter)()
        .into_iter()
        .next()
        .map(|o| o.0)
        .unwrap_or_default();
    let q = current.unwrap_or(StaffingQuotaData {
        org_id: first_unit,
        quota_type: QuotaType::Administrative,
        approved: 0,
        basis: None,
        period: Period {
            from: app.as_of.get_untracked(),
            to: None,
        },
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let org = RwSignal::new(q.org_id.clone());
    let qt = RwSignal::new(q.quota_type.code().to_string());
    let approved = RwSignal::new(q.approved.to_string());
    let from = RwSignal::new(date_string(Some(q.period.from)));
    let to = RwSignal::new(date_string(q.period.to));
    let (doc_no, doc_title, doc_date) = doc_signals(q.basis.as_ref());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(Some(n)) = parse_opt::<u32>(&approved.get_untracked()) else {
            errors.set(vec![local_error(
                "approved",
                "核定数请填写不小于 0 的整数",
                "Enter the approved number as a whole number",
            )]);
            return;
        };
        let Some(f) = parse_date(&from.get_untracked()) else {
            errors.set(vec![local_error(
                "period",
                "请填写有效期开始日期",
                "Enter the start date",
            )]);
            return;
        };
        let data = StaffingQuotaData {
            org_id: org.get_untracked(),
            quota_type: QuotaType::from_code(&qt.get_untracked())
                .unwrap_or(QuotaType::Administrative),
            approved: n,
            basis: doc_value(doc_no, doc_title, doc_date),
            period: Period {
                from: f,
                to: parse_date(&to.get_untracked()),
            },
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::StaffingQuota(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="quota-form" on:submit=submit novalidate>
            <h3>{t!(i18n, org_quota_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("quota-org", t!(i18n, org_unit), org, unit_options(app, filter), errors, "org_id")}
                {select("quota-type", t!(i18n, org_quota_type), qt, enum_options(QuotaType::ALL, QuotaType::code, QuotaType::label, lang), errors, "quota_type")}
                {input("quota-approved", t!(i18n, org_approved), approved, errors, "approved", "text")}
                {input("quota-from", t!(i18n, f_from), from, errors, "period", "date")}
                {input("quota-to", t!(i18n, f_to), to, errors, "period_to", "date")}
                {doc_fields(["quota-doc-no", "quota-doc-title", "quota-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <FormButtons prefix="quota" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- leadership posts

/// A leadership-quota record: id, revision, provenance.
type QuotaRec = (String, u32, crate::domain::meta::Provenance);

#[component]
fn LeadershipSection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    // Usage on the as-of date beside each quota record (and units serving without one).
    let rows = move || {
        let day = app.as_of.get();
        let scope = filter.scope();
        app.desk.with(|d| {
            let ws = d.ws();
            let usage = sm::leadership_usage(ws, day, &scope);
            let mut recs: std::collections::HashMap<(String, PostRank, bool), Vec<QuotaRec>> =
                Default::default();
            for q in ws.leadership_quotas.iter_live() {
                if q.data.period.contains(day) {
                    recs.entry((q.data.org_id.clone(), q.data.rank, q.data.principal))
                        .or_default()
                        .push((q.meta.id.clone(), q.meta.rev, q.meta.provenance));
                }
            }
            usage
                .into_iter()
                .map(|u| {
                    let rec = recs
                        .get(&(u.org_id.clone(), u.rank, u.principal))
                        .and_then(|v| v.first().cloned());
                    (ws.label_of(Kind::OrgUnit, &u.org_id), u, rec)
                })
                .collect::<Vec<_>>()
        })
    };
    let others = move || {
        let day = app.as_of.get();
        let keep = in_filter(app, filter);
        app.desk.with(|d| {
            let ws = d.ws();
            let mut first: std::collections::HashSet<(String, PostRank, bool)> = Default::default();
            let mut out = Vec::new();
            for q in ws
                .leadership_quotas
                .iter_live()
                .filter(|q| keep(&q.data.org_id))
            {
                let key = (q.data.org_id.clone(), q.data.rank, q.data.principal);
                if q.data.period.contains(day) && first.insert(key) {
                    continue;
                }
                out.push((q.clone(), ws.label_of(Kind::OrgUnit, &q.data.org_id)));
            }
            out
        })
    };
    view! {
        <section class="block" id="leadership">
            <div class="block-head">
                <h2>{t!(i18n, org_leadership_title)}</h2>
                <button class="btn btn-primary" id="lquota-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, org_lquota_new)}</button>
            </div>
            <p class="hint">{t!(i18n, org_leadership_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <LQuotaForm edit id=None base_rev=None filter /> }),
                Editing::Edit(id, rev) => Some(view! { <LQuotaForm edit id=Some(id) base_rev=Some(rev) filter /> }),
            }}
            <table class="table table-compact" id="lquota-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, org_unit)}</th>
                    <th scope="col">{t!(i18n, org_post_rank)}</th>
                    <th scope="col">{t!(i18n, org_principal)}</th>
                    <th scope="col" class="num">{t!(i18n, org_approved)}</th>
                    <th scope="col" class="num">{t!(i18n, org_serving)}</th>
                    <th scope="col" class="num">{t!(i18n, org_vacant_posts)}</th>
                    <th scope="col" class="num">{t!(i18n, org_over_posts)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(org, u, rec)| {
                        let rank = u.rank;
                        let principal = u.principal;
                        let over = u.over();
                        view! {
                            <tr class:over={over > 0} data-over=over>
                                <th scope="row">{org} {rec.as_ref().map(|r| view! { " " <ProvenanceBadge provenance=r.2 /> })}</th>
                                <td>{move || rank.label(lang())}</td>
                                <td>{move || if principal { t_string!(i18n, org_principal_yes).to_string() } else { t_string!(i18n, org_principal_no).to_string() }}</td>
                                <td class="num">{u.approved}</td>
                                <td class="num">{u.used}</td>
                                <td class="num">{u.vacant()}</td>
                                <td class="num">{over}</td>
                                <td>{rec.as_ref().map(|r| record_issues(app, Kind::LeadershipQuota, r.0.clone()))}</td>
                                <td class="actions">{rec.map(|(id, rev, _)| {
                                    let id_edit = id.clone();
                                    view! {
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::LeadershipQuota id=id />
                                    }
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                    // Records not shown above: other periods, or a second record of one key.
                    {move || others().into_iter().map(|(q, org)| {
                        let id = q.meta.id.clone();
                        let id_edit = id.clone();
                        let rev = q.meta.rev;
                        let rank = q.data.rank;
                        let principal = q.data.principal;
                        view! {
                            <tr class="inactive" data-id=id.clone()>
                                <th scope="row">{org} " " <ProvenanceBadge provenance=q.meta.provenance /></th>
                                <td>{move || rank.label(lang())}</td>
                                <td>{move || if principal { t_string!(i18n, org_principal_yes).to_string() } else { t_string!(i18n, org_principal_no).to_string() }}</td>
                                <td class="num">{q.data.approved}</td>
                                <td colspan="4" class="small">{super::org::period_text(&q.data.period)}</td>
                                <td class="actions">
                                    <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                    " " <DeleteButton kind=Kind::LeadershipQuota id=id.clone() />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn LQuotaForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
    filter: ParkFilter,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().leadership_quotas.live(id).map(|r| r.data.clone()))
    });
    let first_unit = unit_options(app, filter)()
        .into_iter()
        .next()
        .map(|o| o.0)
        .unwrap_or_default();
    let q = current.unwrap_or(LeadershipQuotaData {
        org_id: first_unit,
        rank: PostRank::SectionChief,
        principal: true,
        approved: 1,
        basis: None,
        period: Period {
            from: app.as_of.get_untracked(),
            to: None,
        },
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let org = RwSignal::new(q.org_id.clone());
    let rank = RwSignal::new(q.rank.code().to_string());
    let principal = RwSignal::new(q.principal);
    let approved = RwSignal::new(q.approved.to_string());
    let from = RwSignal::new(date_string(Some(q.period.from)));
    let to = RwSignal::new(date_string(q.period.to));
    let (doc_no, doc_title, doc_date) = doc_signals(q.basis.as_ref());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(Some(n)) = parse_opt::<u32>(&approved.get_untracked()) else {
            errors.set(vec![local_error(
                "approved",
                "核定职数请填写不小于 0 的整数",
                "Enter the approved number as a whole number",
            )]);
            return;
        };
        let Some(f) = parse_date(&from.get_untracked()) else {
            errors.set(vec![local_error(
                "period",
                "请填写有效期开始日期",
                "Enter the start date",
            )]);
            return;
        };
        let data = LeadershipQuotaData {
            org_id: org.get_untracked(),
            rank: PostRank::from_code(&rank.get_untracked()).unwrap_or(PostRank::SectionChief),
            principal: principal.get_untracked(),
            approved: n,
            basis: doc_value(doc_no, doc_title, doc_date),
            period: Period {
                from: f,
                to: parse_date(&to.get_untracked()),
            },
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::LeadershipQuota(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="lquota-form" on:submit=submit novalidate>
            <h3>{t!(i18n, org_lquota_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("lquota-org", t!(i18n, org_unit), org, unit_options(app, filter), errors, "org_id")}
                {select("lquota-rank", t!(i18n, org_post_rank), rank, enum_options(PostRank::ALL, PostRank::code, PostRank::label, lang), errors, "rank")}
                {checkbox("lquota-principal", t!(i18n, org_principal_yes), principal)}
                {input("lquota-approved", t!(i18n, org_approved), approved, errors, "approved", "text")}
                {input("lquota-from", t!(i18n, f_from), from, errors, "period", "date")}
                {input("lquota-to", t!(i18n, f_to), to, errors, "period_to", "date")}
                {doc_fields(["lquota-doc-no", "lquota-doc-title", "lquota-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <FormButtons prefix="lquota" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- ledger

#[component]
fn LedgerSection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let view_sel = RwSignal::new("QUOTA".to_string());
    let current_view = move || {
        if view_sel.get() == "USE" {
            View::ByUse
        } else {
            View::ByQuota
        }
    };
    let ledger = Memo::new(move |_| {
        let day = app.as_of.get();
        let scope = filter.scope();
        let v = current_view();
        app.desk.with(|d| sm::system_ledger(d.ws(), day, &scope, v))
    });
    let extras = move || {
        let day = app.as_of.get();
        let scope = filter.scope();
        app.desk.with(|d| {
            let ws = d.ws();
            (
                sm::sharing_ratio(ws, day, &scope),
                sm::secondments(ws, day, &scope)
                    .into_iter()
                    .map(|s| {
                        (
                            ws.label_of(Kind::Person, &s.person_id),
                            s.seat_org_id
                                .map(|o| ws.label_of(Kind::OrgUnit, &o))
                                .unwrap_or_default(),
                            s.work_org_id
                                .map(|o| ws.label_of(Kind::OrgUnit, &o))
                                .unwrap_or_default(),
                            s.status,
                            s.marked,
                        )
                    })
                    .collect::<Vec<_>>(),
            )
        })
    };
    let title = move || {
        let scope_name = {
            let p = filter.0.get();
            if p.is_empty() {
                t_string!(i18n, org_all_parks).to_string()
            } else {
                app.desk.with(|d| d.ws().label_of(Kind::Park, &p))
            }
        };
        let v = if current_view() == View::ByQuota {
            t_string!(i18n, org_view_quota)
        } else {
            t_string!(i18n, org_view_use)
        };
        format!(
            "{scope_name} · {} · {v} · {}",
            t_string!(i18n, org_ledger_title),
            app.as_of.get()
        )
    };
    let export = move |_| {
        let day = app.as_of.get_untracked();
        let v = current_view();
        let text = app.desk.with_untracked(|d| {
            ledger.with_untracked(|l| crate::reports::staffing::ledger_csv(d.ws(), l, day, v))
        });
        let name = format!(
            "parkdesk-ledger-{}-{}.csv",
            if v == View::ByQuota { "quota" } else { "use" },
            day.format("%Y%m%d")
        );
        if let Err(e) = crate::ui::browser::download(&name, &text, "text/csv;charset=utf-8") {
            app.toast.set(Some(crate::domain::text::Text::new(
                format!("无法导出：{e}"),
                format!("Cannot export: {e}"),
            )));
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let has_sample = move || {
        app.desk.with(|d| {
            d.ws()
                .provenance_count(crate::domain::meta::Provenance::Sample)
                > 0
        })
    };
    view! {
        <section class="block ledger" id="ledger">
            <div class="block-head">
                <h2 id="ledger-title">{title}</h2>
                <div class="no-print">
                    <button class="btn" id="ledger-print" on:click=print>{t!(i18n, org_print)}</button>
                    " "
                    <button class="btn" id="ledger-csv" on:click=export>{t!(i18n, org_export_csv)}</button>
                    " "
                    {move || if current_view() == View::ByQuota {
                        view! { <ReportTools key="ledger-quota" report=crate::reports::people::ledger_by_quota /> }.into_any()
                    } else {
                        view! { <ReportTools key="ledger-use" report=crate::reports::people::ledger_by_use /> }.into_any()
                    }}
                </div>
            </div>
            <Show when=has_sample><p class="print-only sample-print">"示例数据 SAMPLE — 非保山实际数据 / not actual Baoshan data"</p></Show>
            <div class="field field-inline no-print" role="radiogroup" aria-labelledby="ledger-view-label">
                <span id="ledger-view-label">{t!(i18n, org_view)}</span>
                <label><input type="radio" name="ledger-view" id="ledger-view-quota" value="QUOTA" prop:checked=move || view_sel.get() == "QUOTA" on:change=move |_| view_sel.set("QUOTA".into()) /> {t!(i18n, org_view_quota)}</label>
                <label><input type="radio" name="ledger-view" id="ledger-view-use" value="USE" prop:checked=move || view_sel.get() == "USE" on:change=move |_| view_sel.set("USE".into()) /> {t!(i18n, org_view_use)}</label>
            </div>
            <p class="hint no-print">{move || if current_view() == View::ByQuota { t_string!(i18n, org_view_quota_hint) } else { t_string!(i18n, org_view_use_hint) }}</p>
            <div class="cards">
                {move || {
                    let t = ledger.with(|l| l.total());
                    view! {
                        <div class="card"><div class="card-label">{t!(i18n, org_approved)}</div><div class="card-value" id="ledger-approved">{t.approved}</div></div>
                        <div class="card"><div class="card-label">{move || if current_view() == View::ByQuota { t_string!(i18n, org_occupied) } else { t_string!(i18n, org_working) }}</div><div class="card-value" id="ledger-occupied">{t.occupied}</div></div>
                        <div class="card"><div class="card-label">{t!(i18n, org_vacant)}</div><div class="card-value" id="ledger-vacant">{ledger.with(|l| l.totals.values().map(|c| c.vacant()).sum::<u32>())}</div></div>
                        <div class="card"><div class="card-label">{t!(i18n, org_over)}</div><div class="card-value" id="ledger-over" class:bad=ledger.with(|l| l.totals.values().any(|c| c.over() > 0))>{ledger.with(|l| l.rows.iter().map(|r| r.cell.over()).sum::<u32>())}</div><div class="card-note">"BR-C1 · S7.3"</div></div>
                        <div class="card"><div class="card-label">{t!(i18n, org_idx_sharing)}</div><div class="card-value" id="ledger-sharing">{move || pct(extras().0)}</div><div class="card-note">"S5.0"</div></div>
                    }
                }}
            </div>
            <table class="table table-compact ledger-table" id="ledger-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, org_unit)}</th>
                    <th scope="col">{t!(i18n, org_quota_type)}</th>
                    <th scope="col" class="num">{t!(i18n, org_approved)}</th>
                    <th scope="col" class="num">{move || if current_view() == View::ByQuota { t_string!(i18n, org_occupied) } else { t_string!(i18n, org_working) }}</th>
                    <th scope="col" class="num">{t!(i18n, org_vacant)}</th>
                    <th scope="col" class="num">{t!(i18n, org_over)}</th>
                    <th scope="col" class="num">{t!(i18n, org_usage)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let l = ledger.get();
                        let day = app.as_of.get();
                        app.desk.with(|d| {
                            let ws = d.ws();
                            let mut out = Vec::new();
                            let mut park_totals: std::collections::BTreeMap<String, std::collections::BTreeMap<QuotaType, crate::domain::staffing::Cell>> = Default::default();
                            let mut last_park = String::new();
                            let flush = |park: &str, totals: &std::collections::BTreeMap<QuotaType, crate::domain::staffing::Cell>, out: &mut Vec<AnyView>| {
                                for (t, c) in totals {
                                    let t = *t;
                                    out.push(view! {
                                        <tr class="subtotal" data-park-total=park.to_string()>
                                            <th scope="row" colspan="2">{ws.label_of(Kind::Park, park)} " · " {t!(i18n, org_system_total)}</th>
                                            <td>{move || t.label(lang())}</td>
                                            <td class="num">{c.approved}</td><td class="num">{c.occupied}</td><td class="num">{c.vacant()}</td>
                                            <td class="num" class:over={c.over() > 0}>{c.over()}</td><td class="num">{pct(c.usage())}</td>
                                        </tr>
                                    }.into_any());
                                }
                            };
                            for r in &l.rows {
                                if r.park_id != last_park {
                                    if let Some(t) = park_totals.get(&last_park) {
                                        flush(&last_park, t, &mut out);
                                    }
                                    last_park = r.park_id.clone();
                                }
                                park_totals.entry(r.park_id.clone()).or_default().entry(r.quota_type).or_default().add(r.cell);
                                let t = r.quota_type;
                                let c = r.cell;
                                let unit = ws.label_of(Kind::OrgUnit, &r.org_id);
                                let town = r.township_id.as_ref().map(|t| ws.label_of(Kind::Township, t));
                                let sample = ws.org_units.get(&r.org_id).is_some_and(|o| o.meta.provenance == crate::domain::meta::Provenance::Sample);
                                out.push(view! {
                                    <tr class:over={c.over() > 0} data-org=r.org_id.clone() data-type=t.code() data-over=c.over()>
                                        <td class="small">{ws.label_of(Kind::Park, &r.park_id)}{town.map(|t| view! { <br />{t} })}</td>
                                        <th scope="row">{unit} {sample.then(|| view! { " " <ProvenanceBadge provenance=crate::domain::meta::Provenance::Sample /> })}</th>
                                        <td>{move || t.label(lang())}</td>
                                        <td class="num">{c.approved}</td><td class="num">{c.occupied}</td><td class="num">{c.vacant()}</td>
                                        <td class="num">{c.over()}{(c.over() > 0).then(|| view! { " " <span class="badge badge-problem">{t!(i18n, org_over_badge)}</span> })}</td>
                                        <td class="num">{pct(c.usage())}</td>
                                    </tr>
                                }.into_any());
                            }
                            if let Some(t) = park_totals.get(&last_park) {
                                flush(&last_park, t, &mut out);
                            }
                            for (t, c) in &l.totals {
                                let t = *t;
                                let c = *c;
                                out.push(view! {
                                    <tr class="total" data-total=t.code()>
                                        <th scope="row" colspan="2">{t!(i18n, org_grand_total)}</th>
                                        <td>{move || t.label(lang())}</td>
                                        <td class="num">{c.approved}</td><td class="num">{c.occupied}</td><td class="num">{c.vacant()}</td>
                                        <td class="num" class:over={c.over() > 0}>{c.over()}</td><td class="num">{pct(c.usage())}</td>
                                    </tr>
                                }.into_any());
                            }
                            if current_view() == View::ByUse {
                                out.push(view! {
                                    <tr class="total"><th scope="row" colspan="4">{t!(i18n, org_non_quota)}</th><td class="num" id="ledger-non-quota">{l.non_quota}</td><td colspan="3"></td></tr>
                                }.into_any());
                            }
                            let _ = day;
                            out.collect_view()
                        })
                    }}
                </tbody>
            </table>
            <h3>{t!(i18n, org_secondments)}</h3>
            <table class="table table-compact" id="secondment-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, ppl_person)}</th>
                    <th scope="col">{t!(i18n, ppl_seat)}</th>
                    <th scope="col">{t!(i18n, ppl_work)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                </tr></thead>
                <tbody>
                    {move || extras().1.into_iter().map(|(who, seat, work, status, marked)| view! {
                        <tr class:over=!marked>
                            <th scope="row">{who}</th><td>{seat}</td><td>{work}</td>
                            <td>{move || status.label(lang())}{(!marked).then(|| view! { " " <span class="badge badge-problem">"BR-C3"</span> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="no-print">
                <h3>{t!(i18n, org_issues)}</h3>
                <ViolationList items=Signal::derive(move || app.checks.with(|c| c.all().iter().filter(|v| matches!(v.rule, "BR-C1" | "BR-C3" | "BR-C6") && v.severity != Severity::Info).cloned().collect::<Vec<_>>())) name_records=true />
            </div>
        </section>
    }
}
