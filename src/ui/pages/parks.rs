//! 园区与托管乡镇: parks, townships, their entrustment to parks, 区镇合一 cross-posts and counties
//! (report S0.2, S1.1–S1.4). Lists, create/edit forms and delete, all through domain commands.

use leptos::prelude::*;

use super::page_title;
use crate::domain::entrustment::{EntrustScope, EntrustmentData, EntrustmentStatus};
use crate::domain::meta::{DocRef, Period};
use crate::domain::territory::*;
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

#[component]
pub fn Parks() -> impl IntoView {
    let i18n = use_i18n();
    page_title(move || t_string!(i18n, nav_parks).to_string());
    view! {
        <section class="page" id="page-parks">
            <h1>{t!(i18n, nav_parks)}</h1>
            <p class="lead">{t!(i18n, parks_lead)}</p>
            <ParkSection />
            <TownshipSection />
            <EntrustmentSection />
            <PostSection />
            <CountySection />
        </section>
    }
}

// ---------------------------------------------------------------- parks

#[component]
fn ParkSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk
            .with(|d| d.ws().parks.iter_live().cloned().collect::<Vec<_>>())
    };
    view! {
        <section class="block" id="parks">
            <div class="block-head">
                <h2>{t!(i18n, parks_title)}</h2>
                <span class="head-actions"><ReportTools key="parks" report=crate::reports::lists::parks /> <button class="btn btn-primary" id="park-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, park_new)}</button></span>
            </div>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <ParkForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <ParkForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="park-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_code)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{t!(i18n, col_host_county)}</th>
                    <th scope="col">{t!(i18n, col_area)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.meta.id.clone(), r.meta.rev) let:r>
                        {
                            let id = r.meta.id.clone();
                            let hosts = app.desk.with_untracked(|d| r.data.host_county_ids.iter().map(|c| d.ws().label_of(Kind::County, c)).collect::<Vec<_>>().join("、"));
                            let kind = r.data.kind;
                            let status = r.data.status;
                            let id_edit = id.clone();
                            let rev = r.meta.rev;
                            view! {
                                <tr data-id=id.clone() data-code=r.data.short_code.clone()>
                                    <th scope="row">
                                        <span class="name-zh">{r.data.name_zh.clone()}</span>
                                        <span class="name-en">{r.data.name_en.clone()}</span>
                                        " " <ProvenanceBadge provenance=r.meta.provenance />
                                    </th>
                                    <td>{r.data.short_code.clone()}</td>
                                    <td>{move || kind.label(lang())}</td>
                                    <td>{hosts}</td>
                                    <td class="num">{r.data.planning_area_km2.map(|a| format!("{a}")).unwrap_or_default()}</td>
                                    <td>{move || status.label(lang())}</td>
                                    <td>{record_issues(app, Kind::Park, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::Park id=id.clone() />
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
fn ParkForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().parks.live(id).map(|r| r.data.clone()))
    });
    let p = current.unwrap_or(ParkData {
        name_zh: String::new(),
        name_en: String::new(),
        short_code: String::new(),
        kind: ParkKind::Industrial,
        host_county_ids: Vec::new(),
        established_on: None,
        planning_area_km2: None,
        pilot: false,
        pilot_since: None,
        function_profile: FunctionProfile {
            primary: FunctionArea::ECONOMIC_CORE.to_vec(),
            secondary: vec![FunctionArea::SocialAffairs],
            statement: String::new(),
        },
        body_limit: None,
        status: ParkStatus::Piloting,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let name_zh = RwSignal::new(p.name_zh.clone());
    let name_en = RwSignal::new(p.name_en.clone());
    let code = RwSignal::new(p.short_code.clone());
    let kind = RwSignal::new(p.kind.code().to_string());
    let hosts = RwSignal::new(p.host_county_ids.clone());
    let area = RwSignal::new(
        p.planning_area_km2
            .map(|a| a.to_string())
            .unwrap_or_default(),
    );
    let established = RwSignal::new(date_string(p.established_on));
    let pilot = RwSignal::new(p.pilot);
    let pilot_since = RwSignal::new(date_string(p.pilot_since));
    let primary = RwSignal::new(
        p.function_profile
            .primary
            .iter()
            .map(|a| a.code().to_string())
            .collect::<Vec<_>>(),
    );
    let secondary = RwSignal::new(
        p.function_profile
            .secondary
            .iter()
            .map(|a| a.code().to_string())
            .collect::<Vec<_>>(),
    );
    let statement = RwSignal::new(p.function_profile.statement.clone());
    let body_limit = RwSignal::new(p.body_limit.map(|b| b.to_string()).unwrap_or_default());
    let status = RwSignal::new(p.status.code().to_string());
    let areas = |v: Vec<String>| {
        v.iter()
            .filter_map(|c| FunctionArea::from_code(c))
            .collect::<Vec<_>>()
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = Vec::new();
        let area_v = parse_opt::<f64>(&area.get_untracked()).unwrap_or_else(|_| {
            local.push(local_error(
                "planning_area_km2",
                "规划面积请填写数字（平方公里）",
                "Enter the planning area as a number (km²)",
            ));
            None
        });
        let limit_v = parse_opt::<u8>(&body_limit.get_untracked()).unwrap_or_else(|_| {
            local.push(local_error(
                "body_limit",
                "内设机构限额请填写 0–255 的整数",
                "Enter the body limit as a whole number 0–255",
            ));
            None
        });
        if !local.is_empty() {
            errors.set(local);
            return;
        }
        let data = ParkData {
            name_zh: name_zh.get_untracked().trim().to_string(),
            name_en: name_en.get_untracked().trim().to_string(),
            short_code: code.get_untracked().trim().to_uppercase(),
            kind: ParkKind::from_code(&kind.get_untracked()).unwrap_or(ParkKind::Industrial),
            host_county_ids: hosts.get_untracked(),
            established_on: parse_date(&established.get_untracked()),
            planning_area_km2: area_v,
            pilot: pilot.get_untracked(),
            pilot_since: parse_date(&pilot_since.get_untracked()),
            function_profile: FunctionProfile {
                primary: areas(primary.get_untracked()),
                secondary: areas(secondary.get_untracked()),
                statement: statement.get_untracked().trim().to_string(),
            },
            body_limit: limit_v,
            status: ParkStatus::from_code(&status.get_untracked()).unwrap_or(ParkStatus::Piloting),
        };
        save(app, id.clone(), base_rev, Data::Park(data), errors, edit);
    };
    let area_opts = enum_options(
        FunctionArea::ALL,
        FunctionArea::code,
        FunctionArea::label,
        lang,
    );
    view! {
        <form class="form" id="park-form" on:submit=submit novalidate>
            <h3>{t!(i18n, park_form_title)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("park-name_zh", t!(i18n, f_name_zh), name_zh, errors, "name_zh", "text")}
                {input("park-name_en", t!(i18n, f_name_en), name_en, errors, "name_en", "text")}
                {input("park-short_code", t!(i18n, f_short_code), code, errors, "short_code", "text")}
                {select("park-kind", t!(i18n, col_kind), kind, enum_options(ParkKind::ALL, ParkKind::code, ParkKind::label, lang), errors, "kind")}
                {select("park-status", t!(i18n, col_status), status, enum_options(ParkStatus::ALL, ParkStatus::code, ParkStatus::label, lang), errors, "status")}
                {input("park-area", t!(i18n, f_planning_area), area, errors, "planning_area_km2", "text")}
                {input("park-established", t!(i18n, f_established), established, errors, "established_on", "date")}
                {checkbox("park-pilot", t!(i18n, f_pilot), pilot)}
                {input("park-pilot-since", t!(i18n, f_pilot_since), pilot_since, errors, "pilot_since", "date")}
                {input("park-body-limit", t!(i18n, f_body_limit), body_limit, errors, "body_limit", "text")}
                {check_group("park-hosts", t!(i18n, col_host_county), hosts, county_options(app), errors, "host_county_ids")}
                {check_group("park-primary", t!(i18n, f_primary), primary, area_opts, errors, "function_profile")}
                {check_group("park-secondary", t!(i18n, f_secondary), secondary, enum_options(FunctionArea::ALL, FunctionArea::code, FunctionArea::label, lang), errors, "function_profile_secondary")}
                {textarea("park-statement", t!(i18n, f_statement), statement, errors, "statement")}
            </div>
            <FormButtons prefix="park" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- townships

/// BR-A7: which park leads the township on the overview's as-of date (derived from entrustments).
fn led_by(app: AppState, township: String) -> impl IntoView {
    move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            crate::domain::metrics::leading_park(d.ws(), &township, day)
                .map(|p| d.ws().label_of(Kind::Park, &p))
                .unwrap_or_else(|| "—".into())
        })
    }
}

#[component]
fn TownshipSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk
            .with(|d| d.ws().townships.iter_live().cloned().collect::<Vec<_>>())
    };
    view! {
        <section class="block" id="townships">
            <div class="block-head">
                <h2>{t!(i18n, townships_title)}</h2>
                <span class="head-actions"><ReportTools key="townships" report=crate::reports::lists::townships /> <button class="btn btn-primary" id="township-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, township_new)}</button></span>
            </div>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <TownshipForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <TownshipForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="township-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{t!(i18n, col_county)}</th>
                    <th scope="col">{t!(i18n, f_in_planning_area)}</th>
                    <th scope="col">{t!(i18n, col_led_by)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.meta.id.clone(), r.meta.rev) let:r>
                        {
                            let id = r.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = r.meta.rev;
                            let kind = r.data.kind;
                            let (county, park) = app.desk.with_untracked(|d| (
                                d.ws().label_of(Kind::County, &r.data.county_id),
                                r.data.in_planning_area_of.as_ref().map(|p| d.ws().label_of(Kind::Park, p)).unwrap_or_default(),
                            ));
                            view! {
                                <tr data-id=id.clone()>
                                    <th scope="row">{r.data.name.clone()} " " <ProvenanceBadge provenance=r.meta.provenance /></th>
                                    <td>{move || kind.label(lang())}</td>
                                    <td>{county}</td>
                                    <td>{park}</td>
                                    <td class="led-by">{led_by(app, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::Township id=id.clone() />
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
fn TownshipForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().townships.live(id).map(|r| r.data.clone()))
    });
    let first_county = app.desk.with_untracked(|d| {
        d.ws()
            .counties
            .iter_live()
            .next()
            .map(|c| c.meta.id.clone())
            .unwrap_or_default()
    });
    let t = current.unwrap_or(TownshipData {
        name: String::new(),
        kind: TownshipKind::Town,
        county_id: first_county,
        area_km2: None,
        population: None,
        in_planning_area_of: None,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let name = RwSignal::new(t.name.clone());
    let kind = RwSignal::new(t.kind.code().to_string());
    let county = RwSignal::new(t.county_id.clone());
    let area = RwSignal::new(t.area_km2.map(|a| a.to_string()).unwrap_or_default());
    let population = RwSignal::new(t.population.map(|a| a.to_string()).unwrap_or_default());
    let park = RwSignal::new(t.in_planning_area_of.clone().unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = Vec::new();
        let area_v = parse_opt::<f64>(&area.get_untracked()).unwrap_or_else(|_| {
            local.push(local_error(
                "area_km2",
                "面积请填写数字（平方公里）",
                "Enter the area as a number (km²)",
            ));
            None
        });
        let pop_v = parse_opt::<u32>(&population.get_untracked()).unwrap_or_else(|_| {
            local.push(local_error(
                "population",
                "人口请填写整数",
                "Enter the population as a whole number",
            ));
            None
        });
        if !local.is_empty() {
            errors.set(local);
            return;
        }
        let p = park.get_untracked();
        let data = TownshipData {
            name: name.get_untracked().trim().to_string(),
            kind: TownshipKind::from_code(&kind.get_untracked()).unwrap_or(TownshipKind::Town),
            county_id: county.get_untracked(),
            area_km2: area_v,
            population: pop_v,
            in_planning_area_of: (!p.is_empty()).then_some(p),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::Township(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="township-form" on:submit=submit novalidate>
            <h3>{t!(i18n, township_form_title)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("township-name", t!(i18n, col_name), name, errors, "name", "text")}
                {select("township-kind", t!(i18n, col_kind), kind, enum_options(TownshipKind::ALL, TownshipKind::code, TownshipKind::label, lang), errors, "kind")}
                {select("township-county", t!(i18n, col_county), county, county_options(app), errors, "county_id")}
                {select("township-park", t!(i18n, f_in_planning_area), park, park_options(app, Some("—")), errors, "in_planning_area_of")}
                {input("township-area", t!(i18n, f_area), area, errors, "area_km2", "text")}
                {input("township-population", t!(i18n, f_population), population, errors, "population", "text")}
            </div>
            <FormButtons prefix="township" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- entrustments

#[component]
fn EntrustmentSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk
            .with(|d| d.ws().entrustments.iter_live().cloned().collect::<Vec<_>>())
    };
    view! {
        <section class="block" id="entrustments">
            <div class="block-head">
                <h2>{t!(i18n, entrustments_title)}</h2>
                <span class="head-actions"><ReportTools key="entrustments" report=crate::reports::lists::entrustments /> <button class="btn btn-primary" id="entrustment-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, entrustment_new)}</button></span>
            </div>
            <p class="hint">{t!(i18n, entrustments_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <EntrustmentForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <EntrustmentForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="entrustment-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, col_township)}</th>
                    <th scope="col">{t!(i18n, f_scope)}</th>
                    <th scope="col">{t!(i18n, f_period)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, f_basis)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.meta.id.clone(), r.meta.rev) let:r>
                        {
                            let id = r.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = r.meta.rev;
                            let status = r.data.status;
                            let whole = r.data.scope.is_whole();
                            let (park, town) = app.desk.with_untracked(|d| (d.ws().label_of(Kind::Park, &r.data.park_id), d.ws().label_of(Kind::Township, &r.data.township_id)));
                            let period = format!("{} – {}", r.data.period.from, r.data.period.to.map(|d| d.to_string()).unwrap_or_default());
                            let basis = r.data.basis.as_ref().map(|b| format!("{} {}", b.doc_no.clone().unwrap_or_default(), b.title)).unwrap_or_default();
                            view! {
                                <tr data-id=id.clone()>
                                    <td>{park}</td>
                                    <th scope="row">{town} " " <ProvenanceBadge provenance=r.meta.provenance /></th>
                                    <td class="nowrap">{move || if whole { t_string!(i18n, scope_whole).to_string() } else { t_string!(i18n, scope_partial).to_string() }}</td>
                                    <td class="nowrap">{period}</td>
                                    <td class="nowrap">{move || status.label(lang())}</td>
                                    <td class="small">{basis}</td>
                                    <td>{record_issues(app, Kind::Entrustment, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::Entrustment id=id.clone() />
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
fn EntrustmentForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().entrustments.live(id).map(|r| r.data.clone()))
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let (park0, town0) = app.desk.with_untracked(|d| {
        (
            d.ws()
                .parks
                .iter_live()
                .next()
                .map(|p| p.meta.id.clone())
                .unwrap_or_default(),
            d.ws()
                .townships
                .iter_live()
                .next()
                .map(|t| t.meta.id.clone())
                .unwrap_or_default(),
        )
    });
    let e = current.unwrap_or_else(|| EntrustmentData {
        park_id: park0,
        township_id: town0.clone(),
        entrusting_county_id: app.desk.with_untracked(|d| {
            d.ws()
                .townships
                .live(&town0)
                .map(|t| t.data.county_id.clone())
                .unwrap_or_default()
        }),
        scope: EntrustScope::WholeTownship,
        basis: None,
        period: Period {
            from: app.as_of.get_untracked(),
            to: None,
        },
        status: EntrustmentStatus::Proposed,
        retained_matters: Vec::new(),
        justification_if_partial: None,
    });
    let park = RwSignal::new(e.park_id.clone());
    let town = RwSignal::new(e.township_id.clone());
    let county = RwSignal::new(e.entrusting_county_id.clone());
    let whole = RwSignal::new(if e.scope.is_whole() {
        "WHOLE".to_string()
    } else {
        "PARTIAL".to_string()
    });
    let villages = RwSignal::new(match &e.scope {
        EntrustScope::PartialVillages { villages } => villages.join("、"),
        EntrustScope::WholeTownship => String::new(),
    });
    let reason = RwSignal::new(e.justification_if_partial.clone().unwrap_or_default());
    let doc_no = RwSignal::new(
        e.basis
            .as_ref()
            .and_then(|b| b.doc_no.clone())
            .unwrap_or_default(),
    );
    let doc_title = RwSignal::new(
        e.basis
            .as_ref()
            .map(|b| b.title.clone())
            .unwrap_or_default(),
    );
    let doc_date = RwSignal::new(date_string(e.basis.as_ref().and_then(|b| b.issued_on)));
    let from = RwSignal::new(date_string(Some(e.period.from)));
    let to = RwSignal::new(date_string(e.period.to));
    let status = RwSignal::new(e.status.code().to_string());
    let retained = RwSignal::new(e.retained_matters.join("、"));
    // Choosing a township proposes its own county as the entrusting government (BR-A3).
    Effect::new(move |prev: Option<String>| {
        let t = town.get();
        if prev.is_some_and(|p| p != t)
            && let Some(c) = app
                .desk
                .with_untracked(|d| d.ws().townships.live(&t).map(|t| t.data.county_id.clone()))
        {
            county.set(c);
        }
        t
    });
    let scope_opts = move || {
        vec![
            (
                "WHOLE".to_string(),
                t_string!(i18n, scope_whole).to_string(),
            ),
            (
                "PARTIAL".to_string(),
                t_string!(i18n, scope_partial).to_string(),
            ),
        ]
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(from_d) = parse_date(&from.get_untracked()) else {
            errors.set(vec![local_error(
                "period",
                "请填写托管开始日期",
                "Enter the start date",
            )]);
            return;
        };
        let title = doc_title.get_untracked().trim().to_string();
        let no = doc_no.get_untracked().trim().to_string();
        let basis = (!title.is_empty() || !no.is_empty()).then(|| DocRef {
            doc_no: (!no.is_empty()).then_some(no),
            title,
            issued_on: parse_date(&doc_date.get_untracked()),
        });
        let reason_v = reason.get_untracked().trim().to_string();
        let data = EntrustmentData {
            park_id: park.get_untracked(),
            township_id: town.get_untracked(),
            entrusting_county_id: county.get_untracked(),
            scope: if whole.get_untracked() == "WHOLE" {
                EntrustScope::WholeTownship
            } else {
                EntrustScope::PartialVillages {
                    villages: split_list(&villages.get_untracked()),
                }
            },
            basis,
            period: Period {
                from: from_d,
                to: parse_date(&to.get_untracked()),
            },
            status: EntrustmentStatus::from_code(&status.get_untracked())
                .unwrap_or(EntrustmentStatus::Proposed),
            retained_matters: split_list(&retained.get_untracked()),
            justification_if_partial: (!reason_v.is_empty()).then_some(reason_v),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::Entrustment(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="entrustment-form" on:submit=submit novalidate>
            <h3>{t!(i18n, entrustment_form_title)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("entrustment-park", t!(i18n, col_park), park, park_options(app, None), errors, "park_id")}
                {select("entrustment-township", t!(i18n, col_township), town, township_options(app), errors, "township_id")}
                {select("entrustment-county", t!(i18n, f_entrusting_county), county, county_options(app), errors, "entrusting_county_id")}
                {select("entrustment-status", t!(i18n, col_status), status, enum_options(EntrustmentStatus::ALL, EntrustmentStatus::code, EntrustmentStatus::label, lang), errors, "status")}
                {input("entrustment-from", t!(i18n, f_from), from, errors, "period", "date")}
                {input("entrustment-to", t!(i18n, f_to), to, errors, "period_to", "date")}
                {select("entrustment-scope", t!(i18n, f_scope), whole, scope_opts, errors, "scope")}
                {input("entrustment-villages", t!(i18n, f_villages), villages, errors, "villages", "text")}
                {textarea("entrustment-reason", t!(i18n, f_reason_partial), reason, errors, "justification_if_partial")}
                {input("entrustment-doc-no", t!(i18n, f_doc_no), doc_no, errors, "doc_no", "text")}
                {input("entrustment-doc-title", t!(i18n, f_doc_title), doc_title, errors, "basis", "text")}
                {input("entrustment-doc-date", t!(i18n, f_doc_date), doc_date, errors, "issued_on", "date")}
                {input("entrustment-retained", t!(i18n, f_retained), retained, errors, "retained_matters", "text")}
            </div>
            <FormButtons prefix="entrustment" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- 区镇合一

/// 区镇合一 is read from appointments now: the people section keeps them; this page links there.
#[component]
fn PostSection() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<crate::ui::Base>();
    view! {
        <section class="block" id="posts">
            <h2>{t!(i18n, posts_title)}</h2>
            <p class="hint">{t!(i18n, posts_moved)} " " <a id="posts-link" href=base.href("/people")>{t!(i18n, nav_people)}</a></p>
        </section>
    }
}

// ---------------------------------------------------------------- counties

#[component]
fn CountySection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk
            .with(|d| d.ws().counties.iter_live().cloned().collect::<Vec<_>>())
    };
    view! {
        <section class="block" id="counties">
            <div class="block-head">
                <h2>{t!(i18n, counties_title)}</h2>
                <button class="btn btn-primary" id="county-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, county_new)}</button>
            </div>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <CountyForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <CountyForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="county-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{t!(i18n, f_division_code)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.meta.id.clone(), r.meta.rev) let:r>
                        {
                            let id = r.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = r.meta.rev;
                            let kind = r.data.kind;
                            view! {
                                <tr data-id=id.clone()>
                                    <th scope="row">{r.data.name.clone()} " " <ProvenanceBadge provenance=r.meta.provenance /></th>
                                    <td>{move || kind.label(lang())}</td>
                                    <td>{r.data.division_code.clone().unwrap_or_default()}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::County id=id.clone() />
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
fn CountyForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().counties.live(id).map(|r| r.data.clone()))
    });
    let c = current.unwrap_or(CountyData {
        name: String::new(),
        kind: CountyKind::County,
        division_code: None,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let name = RwSignal::new(c.name.clone());
    let kind = RwSignal::new(c.kind.code().to_string());
    let code = RwSignal::new(c.division_code.clone().unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code_v = code.get_untracked().trim().to_string();
        let data = CountyData {
            name: name.get_untracked().trim().to_string(),
            kind: CountyKind::from_code(&kind.get_untracked()).unwrap_or(CountyKind::County),
            division_code: (!code_v.is_empty()).then_some(code_v),
        };
        save(app, id.clone(), base_rev, Data::County(data), errors, edit);
    };
    view! {
        <form class="form" id="county-form" on:submit=submit novalidate>
            <h3>{t!(i18n, county_form_title)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("county-name", t!(i18n, col_name), name, errors, "name", "text")}
                {select("county-kind", t!(i18n, col_kind), kind, enum_options(CountyKind::ALL, CountyKind::code, CountyKind::label, lang), errors, "kind")}
                {input("county-code", t!(i18n, f_division_code), code, errors, "division_code", "text")}
            </div>
            <FormButtons prefix="county" edit errors />
        </form>
    }
}
