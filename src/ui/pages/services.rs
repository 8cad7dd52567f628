//! 服务体系: the park's development and construction company kept apart from the administrative
//! body (S4.1, BR-A9, BR-A10: officials holding company posts listed for review), the service
//! offerings where people and firms apply for the received powers (S4.2, BR-A12), and the
//! institutions register with the required categories and the ones missing per park (S4.3,
//! BR-A11). Its own section: three registers of one bounded context, owned by the park
//! committees, that would crowd the territory page.

use leptos::prelude::*;

use super::page_title;
use super::powers::AsOfControl;
use crate::domain::development::*;
use crate::domain::institution::{InstitutionCategory, InstitutionData, InstitutionStatus};
use crate::domain::meta::DocRef;
use crate::domain::parameters::{self, ParametersData};
use crate::domain::service::{ActiveStatus, ServiceKind, ServiceOfferingData};
use crate::domain::service_rules;
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::state::use_app;
use crate::ui::use_lang;
use crate::ui::widgets::*;

#[component]
pub fn Services() -> impl IntoView {
    let i18n = use_i18n();
    page_title(move || t_string!(i18n, nav_services).to_string());
    view! {
        <section class="page" id="page-services">
            <h1>{t!(i18n, nav_services)}</h1>
            <p class="lead">{t!(i18n, svc_lead)}</p>
            <div class="toolbar"><AsOfControl /><PrintButton id="svc-print" /></div>
            <DevelopmentSection />
            <OfferingSection />
            <InstitutionSection />
        </section>
    }
}

fn yuan(fen: Option<i64>) -> String {
    fen.map(|f| {
        let y = f / 100;
        let s = y.to_string();
        // Thousands separators for the big registered capitals.
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0
                && (s.len() - i) % 3 == 0
                && ch.is_ascii_digit()
                && s.as_bytes()[i - 1].is_ascii_digit()
            {
                out.push(',');
            }
            out.push(ch);
        }
        if f % 100 == 0 {
            out
        } else {
            format!("{out}.{:02}", (f % 100).abs())
        }
    })
    .unwrap_or_default()
}

// ---------------------------------------------------------------- development entities

#[component]
fn DevelopmentSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk.with(|d| {
            let ws = d.ws();
            ws.development_entities
                .iter_live()
                .map(|e| (e.clone(), ws.label_of(Kind::Park, &e.data.park_id)))
                .collect::<Vec<_>>()
        })
    };
    let review = move || {
        app.desk.with(|d| {
            let ws = d.ws();
            service_rules::cross_held(ws)
                .into_iter()
                .map(|(e, x)| {
                    (
                        ws.label_of(Kind::Park, &e.data.park_id),
                        e.data.name.clone(),
                        x.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let without = move || {
        app.checks.with(|c| {
            c.all()
                .iter()
                .filter(|v| v.rule == "BR-A10" && v.kind == Kind::Park)
                .map(|v| {
                    app.desk
                        .with_untracked(|d| d.ws().label_of(Kind::Park, &v.id))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="development">
            <div class="block-head">
                <h2>{t!(i18n, svc_dev_title)}</h2>
                <button class="btn btn-primary" id="dev-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, svc_dev_new)}</button>
            </div>
            <p class="hint">{t!(i18n, svc_dev_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <DevForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <DevForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="dev-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, svc_company)}</th>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, svc_legal_form)}</th>
                    <th scope="col">{t!(i18n, svc_capital)}</th>
                    <th scope="col">{t!(i18n, svc_business)}</th>
                    <th scope="col">{t!(i18n, svc_executives)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev) let:r>
                        {
                            let (e, park) = r;
                            let id = e.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = e.meta.rev;
                            let d = e.data.clone();
                            let scope = d.business_scope.clone();
                            let execs = d.executives.clone();
                            view! {
                                <tr data-id=id.clone()>
                                    <th scope="row">{d.name.clone()} " " <ProvenanceBadge provenance=e.meta.provenance /></th>
                                    <td>{park}</td>
                                    <td class="nowrap">{move || d.legal_form.label(lang())}</td>
                                    <td class="num">{yuan(d.registered_capital_fen)}</td>
                                    <td class="small">{move || scope.iter().map(|b| b.label(lang())).collect::<Vec<_>>().join("、")}</td>
                                    <td class="small">{move || execs.iter().map(|x| format!("{}（{}）", x.name, x.role.label(lang()))).collect::<Vec<_>>().join("、")}</td>
                                    <td class="nowrap">{move || d.status.label(lang())}</td>
                                    <td>{record_issues(app, Kind::DevelopmentEntity, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::DevelopmentEntity id=id.clone() />
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <h3>{t!(i18n, svc_review_title)}</h3>
            <p class="hint">{t!(i18n, svc_review_hint)}</p>
            <table class="table table-compact" id="cross-held">
                <thead><tr><th scope="col">{t!(i18n, col_park)}</th><th scope="col">{t!(i18n, svc_company)}</th><th scope="col">{t!(i18n, svc_person)}</th><th scope="col">{t!(i18n, svc_role)}</th><th scope="col">{t!(i18n, svc_committee_post)}</th></tr></thead>
                <tbody>
                    {move || review().into_iter().map(|(park, company, x)| view! {
                        <tr><td>{park}</td><td>{company}</td><th scope="row">{x.name.clone()}</th><td>{move || x.role.label(lang())}</td><td>{x.committee_post.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || !without().is_empty()>
                <p class="warn-text" id="parks-without-entity">{t!(i18n, svc_without_entity)} " " {move || without().join("、")}</p>
            </Show>
        </section>
    }
}

/// Lines "name，share %" → shareholders (share kept in 1/100 %).
fn parse_shareholders(text: &str) -> Result<Vec<Shareholder>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let (name, share) = line
            .rsplit_once([',', '，', '\t'])
            .ok_or(format!("{}", n + 1))?;
        let pct: f64 = share
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse()
            .map_err(|_| format!("{}", n + 1))?;
        if !(pct.is_finite() && pct >= 0.0) {
            return Err(format!("{}", n + 1));
        }
        out.push(Shareholder {
            name: name.trim().to_string(),
            share_bp: (pct * 100.0).round() as u32,
        });
    }
    Ok(out)
}

/// Lines "name，role，committee post" → executives (role as its Chinese or English label).
fn parse_executives(text: &str) -> Result<Vec<Executive>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split([',', '，', '\t']).map(str::trim).collect();
        let role = parts
            .get(1)
            .and_then(|r| {
                ExecutiveRole::ALL
                    .iter()
                    .find(|x| x.zh() == *r || x.en().eq_ignore_ascii_case(r) || x.code() == *r)
            })
            .copied()
            .ok_or(format!("{}", n + 1))?;
        out.push(Executive {
            name: parts[0].to_string(),
            role,
            committee_post: parts.get(2).unwrap_or(&"").to_string(),
        });
    }
    Ok(out)
}

/// Yuan typed by a clerk ("1,000,000.50") → fen.
fn parse_yuan(s: &str) -> Result<Option<i64>, ()> {
    let s = s.trim().replace([',', '，'], "");
    if s.is_empty() {
        return Ok(None);
    }
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    let y: i64 = int.parse().map_err(|_| ())?;
    let f: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().map_err(|_| ())?
    };
    y.checked_mul(100)
        .and_then(|v| v.checked_add(f))
        .map(Some)
        .ok_or(())
}

#[component]
fn DevForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().development_entities.live(id).map(|r| r.data.clone()))
    });
    let first_park = app.desk.with_untracked(|d| {
        d.ws()
            .parks
            .iter_live()
            .next()
            .map(|p| p.meta.id.clone())
            .unwrap_or_default()
    });
    let e = current.unwrap_or(DevelopmentEntityData {
        park_id: first_park,
        name: String::new(),
        legal_form: LegalForm::StateOwnedSole,
        credit_code: None,
        shareholders: Vec::new(),
        registered_capital_fen: None,
        business_scope: Vec::new(),
        established_on: None,
        executives: Vec::new(),
        status: ActiveStatus::Operating,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let park = RwSignal::new(e.park_id.clone());
    let name = RwSignal::new(e.name.clone());
    let form = RwSignal::new(e.legal_form.code().to_string());
    let credit = RwSignal::new(e.credit_code.clone().unwrap_or_default());
    let shareholders = RwSignal::new(
        e.shareholders
            .iter()
            .map(|s| format!("{}，{}", s.name, f64::from(s.share_bp) / 100.0))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let capital = RwSignal::new(
        e.registered_capital_fen
            .map(|f| {
                if f % 100 == 0 {
                    (f / 100).to_string()
                } else {
                    format!("{}.{:02}", f / 100, f % 100)
                }
            })
            .unwrap_or_default(),
    );
    let business = RwSignal::new(
        e.business_scope
            .iter()
            .map(|b| b.code().to_string())
            .collect::<Vec<_>>(),
    );
    let established = RwSignal::new(date_string(e.established_on));
    let executives = RwSignal::new(
        e.executives
            .iter()
            .map(|x| format!("{}，{}，{}", x.name, x.role.zh(), x.committee_post))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let status = RwSignal::new(e.status.code().to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = Vec::new();
        let holders = parse_shareholders(&shareholders.get_untracked()).unwrap_or_else(|line| {
            local.push(local_error(
                "shareholders",
                &format!("股东第 {line} 行应为“名称，持股比例%”，如 管委会，100"),
                &format!("Shareholder line {line} should read “name, share %”, e.g. 管委会, 100"),
            ));
            Vec::new()
        });
        let execs = parse_executives(&executives.get_untracked()).unwrap_or_else(|line| {
            local.push(local_error("executives", &format!("高管第 {line} 行应为“姓名，职务（董事长、总经理、董事、副总经理、监事），兼任的管委会职务”"), &format!("Executive line {line} should read “name, role (chair, general manager, director, deputy manager, supervisor), committee post also held”")));
            Vec::new()
        });
        let cap = parse_yuan(&capital.get_untracked()).unwrap_or_else(|_| {
            local.push(local_error(
                "registered_capital_fen",
                "注册资本请填写金额（元，最多两位小数）",
                "Enter the registered capital in yuan (at most two decimals)",
            ));
            None
        });
        if !local.is_empty() {
            errors.set(local);
            return;
        }
        let c = credit.get_untracked().trim().to_uppercase();
        let data = DevelopmentEntityData {
            park_id: park.get_untracked(),
            name: name.get_untracked().trim().to_string(),
            legal_form: LegalForm::from_code(&form.get_untracked()).unwrap_or(LegalForm::Other),
            credit_code: (!c.is_empty()).then_some(c),
            shareholders: holders,
            registered_capital_fen: cap,
            business_scope: business
                .get_untracked()
                .iter()
                .filter_map(|b| DevBusiness::from_code(b))
                .collect(),
            established_on: parse_date(&established.get_untracked()),
            executives: execs,
            status: ActiveStatus::from_code(&status.get_untracked())
                .unwrap_or(ActiveStatus::Operating),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::DevelopmentEntity(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="dev-form" on:submit=submit novalidate>
            <h3>{t!(i18n, svc_dev_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("dev-park", t!(i18n, col_park), park, park_options(app, None), errors, "park_id")}
                {input("dev-name", t!(i18n, svc_company), name, errors, "name", "text")}
                {select("dev-form-kind", t!(i18n, svc_legal_form), form, enum_options(LegalForm::ALL, LegalForm::code, LegalForm::label, lang), errors, "legal_form")}
                {input("dev-credit", t!(i18n, svc_credit_code), credit, errors, "credit_code", "text")}
                {input("dev-capital", t!(i18n, svc_capital), capital, errors, "registered_capital_fen", "text")}
                {input("dev-established", t!(i18n, f_established), established, errors, "established_on", "date")}
                {select("dev-status", t!(i18n, col_status), status, enum_options(ActiveStatus::ALL, ActiveStatus::code, ActiveStatus::label, lang), errors, "status")}
                {check_group("dev-business", t!(i18n, svc_business), business, enum_options(DevBusiness::ALL, DevBusiness::code, DevBusiness::label, lang), errors, "business_scope")}
                {textarea("dev-shareholders", t!(i18n, svc_shareholders_hint), shareholders, errors, "shareholders")}
                {textarea("dev-executives", t!(i18n, svc_executives_hint), executives, errors, "executives")}
            </div>
            <FormButtons prefix="dev" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- service offerings

#[component]
fn OfferingSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk.with(|d| {
            let ws = d.ws();
            ws.service_offerings
                .iter_live()
                .map(|o| (o.clone(), ws.label_of(Kind::Park, &o.data.park_id)))
                .collect::<Vec<_>>()
        })
    };
    let unserved = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            service_rules::unserved_delegations(ws, day)
                .into_iter()
                .map(|x| {
                    (
                        x.meta.id.clone(),
                        ws.label_of(Kind::PowerItem, &x.data.power_item_id),
                        ws.label_of(Kind::Park, &x.data.park_id),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="offerings">
            <div class="block-head">
                <h2>{t!(i18n, svc_offer_title)}</h2>
                <button class="btn btn-primary" id="offering-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, svc_offer_new)}</button>
            </div>
            <p class="hint">{t!(i18n, svc_offer_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <OfferingForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <OfferingForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="offering-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{t!(i18n, svc_promise)}</th>
                    <th scope="col">{t!(i18n, svc_linked)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev) let:r>
                        {
                            let (o, park) = r;
                            let id = o.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = o.meta.rev;
                            let d = o.data.clone();
                            view! {
                                <tr data-id=id.clone()>
                                    <th scope="row">{d.name.clone()} " " <ProvenanceBadge provenance=o.meta.provenance /></th>
                                    <td>{park}</td>
                                    <td class="nowrap">{move || d.kind.label(lang())}</td>
                                    <td class="small">{d.promise.clone()}</td>
                                    <td class="num">{d.linked_delegation_ids.len()}</td>
                                    <td class="nowrap">{move || d.status.label(lang())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::ServiceOffering id=id.clone() />
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <h3>{t!(i18n, svc_unserved_title)}</h3>
            <p class="hint">{t!(i18n, svc_unserved_hint)}</p>
            <table class="table table-compact" id="unserved-table">
                <thead><tr><th scope="col">{t!(i18n, pw_item)}</th><th scope="col">{t!(i18n, col_park)}</th></tr></thead>
                <tbody>
                    {move || unserved().into_iter().map(|(id, item, park)| view! { <tr data-id=id><th scope="row">{item}</th><td>{park}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn OfferingForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().service_offerings.live(id).map(|r| r.data.clone()))
    });
    let first_park = app.desk.with_untracked(|d| {
        d.ws()
            .parks
            .iter_live()
            .next()
            .map(|p| p.meta.id.clone())
            .unwrap_or_default()
    });
    let o = current.unwrap_or(ServiceOfferingData {
        park_id: first_park,
        name: String::new(),
        kind: ServiceKind::OneStopWindow,
        linked_delegation_ids: Vec::new(),
        promise: String::new(),
        status: ActiveStatus::Operating,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let park = RwSignal::new(o.park_id.clone());
    let name = RwSignal::new(o.name.clone());
    let kind = RwSignal::new(o.kind.code().to_string());
    let status = RwSignal::new(o.status.code().to_string());
    let promise = RwSignal::new(o.promise.clone());
    let linked = RwSignal::new(o.linked_delegation_ids.clone());
    // Only the chosen park's delegations can be linked.
    let delegation_opts = move || {
        let p = park.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.delegations
                .iter_live()
                .filter(|x| x.data.park_id == p)
                .map(|x| {
                    (
                        x.meta.id.clone(),
                        ws.label_of(Kind::PowerItem, &x.data.power_item_id),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let data = ServiceOfferingData {
            park_id: park.get_untracked(),
            name: name.get_untracked().trim().to_string(),
            kind: ServiceKind::from_code(&kind.get_untracked())
                .unwrap_or(ServiceKind::OneStopWindow),
            linked_delegation_ids: linked.get_untracked(),
            promise: promise.get_untracked().trim().to_string(),
            status: ActiveStatus::from_code(&status.get_untracked())
                .unwrap_or(ActiveStatus::Operating),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::ServiceOffering(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="offering-form" on:submit=submit novalidate>
            <h3>{t!(i18n, svc_offer_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("offering-park", t!(i18n, col_park), park, park_options(app, None), errors, "park_id")}
                {input("offering-name", t!(i18n, col_name), name, errors, "name", "text")}
                {select("offering-kind", t!(i18n, col_kind), kind, enum_options(ServiceKind::ALL, ServiceKind::code, ServiceKind::label, lang), errors, "kind")}
                {select("offering-status", t!(i18n, col_status), status, enum_options(ActiveStatus::ALL, ActiveStatus::code, ActiveStatus::label, lang), errors, "status")}
                {input("offering-promise", t!(i18n, svc_promise), promise, errors, "promise", "text")}
                {check_group("offering-linked", t!(i18n, svc_linked), linked, delegation_opts, errors, "linked_delegation_ids")}
            </div>
            <FormButtons prefix="offering" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- institutions

#[component]
fn InstitutionSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let park = RwSignal::new(String::new());
    let summary = move || {
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.parks
                .iter_live()
                .map(|p| {
                    let n = ws
                        .institutions
                        .iter_live()
                        .filter(|i| i.data.park_id == p.meta.id && i.data.in_force_on(day))
                        .count();
                    (
                        p.meta.id.clone(),
                        p.data.name_zh.clone(),
                        n,
                        service_rules::missing_categories(ws, &p.meta.id, day),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let rows = move || {
        let p = park.get();
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.institutions
                .iter_live()
                .filter(|i| p.is_empty() || i.data.park_id == p)
                .map(|i| {
                    (
                        i.clone(),
                        ws.label_of(Kind::Park, &i.data.park_id),
                        i.data.in_force_on(day),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let errors: FieldErrors = RwSignal::new(Vec::new());
    view! {
        <section class="block" id="institutions">
            <div class="block-head">
                <h2>{t!(i18n, svc_inst_title)}</h2>
                <button class="btn btn-primary" id="institution-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, svc_inst_new)}</button>
            </div>
            <p class="hint">{t!(i18n, svc_inst_hint)}</p>
            <table class="table table-compact" id="institution-summary">
                <thead><tr><th scope="col">{t!(i18n, col_park)}</th><th scope="col">{t!(i18n, svc_in_force)}</th><th scope="col">{t!(i18n, svc_missing)}</th></tr></thead>
                <tbody>
                    {move || summary().into_iter().map(|(id, name, n, missing)| {
                        let codes = missing.iter().map(|c| c.code()).collect::<Vec<_>>().join(" ");
                        let lacking = !missing.is_empty();
                        view! {
                            <tr data-id=id data-missing=codes>
                                <th scope="row">{name}</th>
                                <td class="num">{n}</td>
                                <td class:warn-text=lacking>{move || if missing.is_empty() { "—".to_string() } else { missing.iter().map(|c| c.label(lang())).collect::<Vec<_>>().join("、") }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <RequiredCategories />
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <InstitutionForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <InstitutionForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <div class="toolbar no-print">{select("institution-filter", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park")}</div>
            <table class="table" id="institution-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, svc_inst_name)}</th>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, svc_category)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, f_basis)}</th>
                    <th scope="col">{t!(i18n, svc_effective)}</th>
                    <th scope="col">{t!(i18n, svc_review_due)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.2) let:r>
                        {
                            let (i, park, in_force) = r;
                            let id = i.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = i.meta.rev;
                            let d = i.data.clone();
                            view! {
                                <tr data-id=id.clone() data-category=d.category.code() class:row-muted=!in_force>
                                    <th scope="row">{d.title.clone()} " " <ProvenanceBadge provenance=i.meta.provenance /></th>
                                    <td>{park}</td>
                                    <td class="nowrap">{move || d.category.label(lang())}</td>
                                    <td class="nowrap">{move || d.status.label(lang())}</td>
                                    <td class="small">{d.issued.as_ref().map(|x| format!("{} {}", x.doc_no.clone().unwrap_or_default(), x.title)).unwrap_or_default()}</td>
                                    <td class="nowrap">{date_string(d.effective_from)}</td>
                                    <td class="nowrap">{date_string(d.review_due)}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::Institution id=id.clone() />
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

/// The categories every park should have in force (BR-A11), kept in the parameters record.
#[component]
fn RequiredCategories() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let chosen = RwSignal::new(app.desk.with_untracked(|d| {
        parameters::of(d.ws())
            .required_institution_categories
            .iter()
            .map(|c| c.code().to_string())
            .collect::<Vec<_>>()
    }));
    let edit = RwSignal::new(Editing::Closed);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
            required_institution_categories: InstitutionCategory::ALL
                .iter()
                .copied()
                .filter(|c| chosen.with_untracked(|x| x.iter().any(|y| y == c.code())))
                .collect(),
            ..current
        };
        save(app, id, None, Data::Parameters(data), errors, edit);
    };
    view! {
        <details class="editor no-print">
            <summary>{t!(i18n, svc_required)}</summary>
            <form class="form" id="required-form" on:submit=submit novalidate>
                <ErrorSummary errors />
                {check_group("required-categories", t!(i18n, svc_required), chosen, enum_options(InstitutionCategory::ALL, InstitutionCategory::code, InstitutionCategory::label, lang), errors, "required_institution_categories")}
                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="required-save">{t!(i18n, save)}</button></div>
            </form>
        </details>
    }
}

#[component]
fn InstitutionForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().institutions.live(id).map(|r| r.data.clone()))
    });
    let first_park = app.desk.with_untracked(|d| {
        d.ws()
            .parks
            .iter_live()
            .next()
            .map(|p| p.meta.id.clone())
            .unwrap_or_default()
    });
    let i = current.unwrap_or(InstitutionData {
        park_id: first_park,
        title: String::new(),
        category: InstitutionCategory::DecisionMaking,
        status: InstitutionStatus::Drafting,
        issued: None,
        effective_from: None,
        review_due: None,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let park = RwSignal::new(i.park_id.clone());
    let title = RwSignal::new(i.title.clone());
    let category = RwSignal::new(i.category.code().to_string());
    let status = RwSignal::new(i.status.code().to_string());
    let doc = i.issued.clone().unwrap_or_default();
    let doc_no = RwSignal::new(doc.doc_no.clone().unwrap_or_default());
    let doc_title = RwSignal::new(doc.title.clone());
    let doc_date = RwSignal::new(date_string(doc.issued_on));
    let from = RwSignal::new(date_string(i.effective_from));
    let review = RwSignal::new(date_string(i.review_due));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = doc_title.get_untracked().trim().to_string();
        let no = doc_no.get_untracked().trim().to_string();
        let data = InstitutionData {
            park_id: park.get_untracked(),
            title: title.get_untracked().trim().to_string(),
            category: InstitutionCategory::from_code(&category.get_untracked())
                .unwrap_or(InstitutionCategory::Other),
            status: InstitutionStatus::from_code(&status.get_untracked())
                .unwrap_or(InstitutionStatus::Drafting),
            issued: (!t.is_empty() || !no.is_empty()).then(|| DocRef {
                doc_no: (!no.is_empty()).then_some(no),
                title: t,
                issued_on: parse_date(&doc_date.get_untracked()),
            }),
            effective_from: parse_date(&from.get_untracked()),
            review_due: parse_date(&review.get_untracked()),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::Institution(data),
            errors,
            edit,
        );
    };
    view! {
        <form class="form" id="institution-form" on:submit=submit novalidate>
            <h3>{t!(i18n, svc_inst_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("institution-park", t!(i18n, col_park), park, park_options(app, None), errors, "park_id")}
                {input("institution-title", t!(i18n, svc_inst_name), title, errors, "title", "text")}
                {select("institution-category", t!(i18n, svc_category), category, enum_options(InstitutionCategory::ALL, InstitutionCategory::code, InstitutionCategory::label, lang), errors, "category")}
                {select("institution-status", t!(i18n, col_status), status, enum_options(InstitutionStatus::ALL, InstitutionStatus::code, InstitutionStatus::label, lang), errors, "status")}
                {input("institution-doc-no", t!(i18n, f_doc_no), doc_no, errors, "doc_no", "text")}
                {input("institution-doc-title", t!(i18n, f_doc_title), doc_title, errors, "issued", "text")}
                {input("institution-doc-date", t!(i18n, f_doc_date), doc_date, errors, "doc_date", "date")}
                {input("institution-from", t!(i18n, svc_effective), from, errors, "effective_from", "date")}
                {input("institution-review", t!(i18n, svc_review_due), review, errors, "review_due", "date")}
            </div>
            <FormButtons prefix="institution" edit errors />
        </form>
    }
}
