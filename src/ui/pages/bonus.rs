//! 奖金分配 and 结果运用 of the 考核 section (S6.2–S6.4): bonus pools with their coefficients,
//! special awards and the allocation proposal (units, then people, totals that equal the pool to
//! the fen, shown as a proposal and not a pay policy), and the priority lists with the uses of
//! results recorded from them (a use off the list needs a deviation reason, BR-D9).

use leptos::prelude::*;

use super::assessment::{SchemePicker, act_on, grade_text, scheme, use_asm};
use crate::domain::assessment::{AssesseeKind, GradeScale, LEVELS};
use crate::domain::bonus::*;
use crate::domain::command::{Command, CommandError};
use crate::domain::meta::Provenance;
use crate::domain::org::OrgKind;
use crate::domain::result_use::{ResultUseData, ResultUseKind, priority_lists_of};
use crate::domain::scoring::centi_text;
use crate::domain::staffing::PostRank;
use crate::domain::text::Text;
use crate::domain::workspace::{Data, Kind, Record};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

fn pool(app: AppState, id: &str) -> Option<(u32, BonusPoolData, Provenance)> {
    app.desk.with(|d| match d.ws().get(Kind::BonusPool, id) {
        Some(Record::BonusPool(r)) if !r.meta.deleted => {
            Some((r.meta.rev, r.data, r.meta.provenance))
        }
        _ => None,
    })
}

/// Coefficients in thousandths as "1.2/1/0.8/0.5".
fn coefs_text(v: &[u32]) -> String {
    v.iter()
        .map(|x| {
            let s = format!("{:.3}", f64::from(*x) / 1000.0);
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn parse_coefs(s: &str) -> Option<Vec<u32>> {
    s.split(['/', '／', ','])
        .map(|x| {
            x.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| *v >= 0.0)
                .map(|v| (v * 1000.0).round() as u32)
        })
        .collect()
}

fn coef(x: u32) -> String {
    format!("{:.2}", f64::from(x) / 1000.0)
}

/// The grade scale of a pool's person scheme.
fn person_scale(app: AppState, p: &BonusPoolData) -> GradeScale {
    p.person_scheme_ids
        .iter()
        .find_map(|id| scheme(app, id).map(|s| s.1.scale))
        .unwrap_or(GradeScale::CivilServant)
}

fn unit_scale(app: AppState, p: &BonusPoolData) -> GradeScale {
    p.unit_scheme_ids
        .iter()
        .find_map(|id| scheme(app, id).map(|s| s.1.scale))
        .unwrap_or(GradeScale::LeadershipTeam)
}

#[component]
pub fn BonusTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        asm.outcomes.with(|o| {
            app.desk.with(|d| {
                let ws = d.ws();
                let mut v: Vec<_> = ws
                    .bonus_pools
                    .iter_live()
                    .map(|p| {
                        let a = allocate_with(ws, &p.data, o);
                        (
                            p.meta.id.clone(),
                            p.meta.rev,
                            p.data.clone(),
                            ws.label_of(Kind::Park, &p.data.park_id),
                            a.sum_fen(),
                            p.meta.provenance,
                        )
                    })
                    .collect();
                v.sort_by_key(|r| (std::cmp::Reverse(r.2.year), r.3.clone()));
                v
            })
        })
    };
    view! {
        <p class="callout callout-warn" id="bonus-caution" role="note">{t!(i18n, asm_bonus_caution)}</p>
        <section class="block" id="pools">
            <div class="block-head">
                <h2>{t!(i18n, asm_pools)}</h2>
                <span class="head-actions">
                    <ReportTools key="bonus-allocation" report=crate::reports::assessment::bonus_allocation />
                    <button class="btn btn-primary no-print edit-only" id="pool-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, asm_pool_new)}</button>
                </span>
            </div>
            <p class="hint">{t!(i18n, asm_pools_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <PoolForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <PoolForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table table-compact" id="pool-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, asm_year)}</th><th scope="col">{t!(i18n, col_park)}</th><th scope="col">{t!(i18n, asm_title)}</th>
                    <th scope="col" class="num">{t!(i18n, asm_pool_total)}</th><th scope="col" class="num">{t!(i18n, asm_special)}</th>
                    <th scope="col">{t!(i18n, asm_method_alloc)}</th><th scope="col">{t!(i18n, col_status)}</th><th scope="col">{t!(i18n, asm_sum_check)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th><th scope="col" class="no-print">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(id, rev, p, park, sum, prov)| {
                        let ok = sum == p.total_fen;
                        let open = id.clone();
                        let eid = id.clone();
                        let sel = { let id = id.clone(); move || asm.pool.get() == id };
                        let method = p.method;
                        let status = p.status;
                        view! {
                            <tr data-id=id.clone() class:row-selected=sel>
                                <td>{p.year}</td>
                                <td class="small">{park}</td>
                                <th scope="row">{p.title.clone()} " " <ProvenanceBadge provenance=prov /></th>
                                <td class="num">{yuan_text(p.total_fen)}</td>
                                <td class="num">{yuan_text(p.special_fen())}</td>
                                <td class="small">{move || method.label(lang())}</td>
                                <td class="nowrap"><span class="status">{move || status.label(lang())}</span></td>
                                <td class=if ok { "check-ok" } else { "check-bad" }>{if ok { "✓" } else { "✗" }}</td>
                                <td>{record_issues(app, Kind::BonusPool, id.clone())}</td>
                                <td class="actions no-print">
                                    <button class="btn btn-small" data-action="open" on:click=move |_| asm.pool.set(open.clone())>{t!(i18n, asm_open)}</button>
                                    " "
                                    <button class="btn btn-small edit-only" data-action="edit" on:click=move |_| edit.set(Editing::Edit(eid.clone(), rev))>{t!(i18n, edit)}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {move || { let id = asm.pool.get(); (!id.is_empty()).then(|| view! { <AllocationView id /> }) }}
    }
}

/// The allocation proposal of one pool: units, then people, with totals equal to the pool.
#[component]
fn AllocationView(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let id2 = id.clone();
    let data = Memo::new(move |_| {
        let (_, p, prov) = pool(app, &id2)?;
        let a = asm
            .outcomes
            .with(|o| app.desk.with(|d| allocate_with(d.ws(), &p, o)));
        Some((p, prov, a))
    });
    view! {
        <section class="block" id="alloc">
            {move || data.get().map(|(p, prov, a)| {
                let us = unit_scale(app, &p);
                let ps = person_scale(app, &p);
                let ok = a.sum_fen() == p.total_fen;
                let formula: i64 = a.persons.iter().map(|l| l.own_fen.unwrap_or(l.formula_fen)).sum();
                let special: i64 = a.persons.iter().map(|l| l.special_fen).sum::<i64>() + a.unit_specials.iter().map(|u| u.1).sum::<i64>();
                let mut persons = a.persons.clone();
                let names: std::collections::HashMap<String, (String, String)> = app.desk.with_untracked(|d| {
                    persons.iter().map(|l| (l.person_id.clone(), (
                        d.ws().persons.live(&l.person_id).map(|x| x.data.staff_no.clone()).unwrap_or_default(),
                        d.ws().label_of(Kind::Person, &l.person_id),
                    ))).collect()
                });
                let unit_name = move |o: &str| app.desk.with_untracked(|d| d.ws().label_of(Kind::OrgUnit, o));
                let unit_order: Vec<String> = a.units.iter().map(|u| u.org_id.clone()).collect();
                persons.sort_by_key(|l| (unit_order.iter().position(|u| *u == l.org_id).unwrap_or(usize::MAX), l.level, std::cmp::Reverse(l.total_fen())));
                view! {
                    <div class="block-head"><h2>{p.title.clone()} " " <ProvenanceBadge provenance=prov /></h2></div>
                    <p id="alloc-summary">
                        {t!(i18n, asm_pool_total)} " ¥" {yuan_text(p.total_fen)} " − " {t!(i18n, asm_special)} " ¥" {yuan_text(a.special_fen)}
                        " = " {t!(i18n, asm_distributable)} " ¥" {yuan_text(a.distributable_fen)}
                        " · " <span id="alloc-check" data-ok=ok.to_string() class=if ok { "check-ok" } else { "check-bad" }>
                            {t!(i18n, asm_sum_is)} " ¥" <span id="alloc-total">{yuan_text(a.sum_fen())}</span> {if ok { " ✓" } else { " ✗" }}</span>
                        " · " {move || p.method.label(lang())} " · " {move || p.remainder.label(lang())}
                        {p.max_to_mean_permille.map(|c| view! { " · " {t!(i18n, asm_cap)} " " {coef(c)} })}
                    </p>
                    {record_issues(app, Kind::BonusPool, id.clone())}
                    {(!a.units.is_empty()).then(|| view! {
                        <h3>{t!(i18n, asm_unit_shares)}</h3>
                        <table class="table table-compact" id="alloc-units">
                            <thead><tr>
                                <th scope="col">{t!(i18n, asm_unit)}</th><th scope="col">{t!(i18n, asm_grade)}</th><th scope="col" class="num">{t!(i18n, asm_coef)}</th>
                                <th scope="col" class="num">{t!(i18n, asm_person_months)}</th><th scope="col" class="num">{t!(i18n, asm_amount)}</th>
                            </tr></thead>
                            <tbody>
                                {a.units.iter().map(|u| {
                                    let lvl = u.level;
                                    view! { <tr data-org=u.org_id.clone()>
                                        <th scope="row">{unit_name(&u.org_id)} {u.own_distribution.then(|| view! { " " <span class="badge">{t!(i18n, asm_own_distribution)}</span> })}</th>
                                        <td>{move || grade_text(us, Some(lvl), lang())}</td>
                                        <td class="num">{coef(u.coef_permille)}</td>
                                        <td class="num">{u.person_months}</td>
                                        <td class="num">{yuan_text(u.amount_fen)}</td>
                                    </tr> }
                                }).collect_view()}
                                <tr class="total-row"><th scope="row">{t!(i18n, asm_total_row)}</th><td></td><td></td>
                                    <td class="num">{a.units.iter().map(|u| u.person_months).sum::<u32>()}</td>
                                    <td class="num">{yuan_text(a.units.iter().map(|u| u.amount_fen).sum())}</td></tr>
                            </tbody>
                        </table>
                    })}
                    <h3>{t!(i18n, asm_person_shares)}</h3>
                    <div class="scroll-x">
                    <table class="table table-compact" id="alloc-persons">
                        <thead><tr>
                            <th scope="col">{t!(i18n, asm_unit)}</th><th scope="col">{t!(i18n, asm_person)}</th><th scope="col">{t!(i18n, asm_grade)}</th>
                            <th scope="col" class="num">{t!(i18n, asm_grade_coef)}</th><th scope="col" class="num">{t!(i18n, asm_post_coef)}</th>
                            <th scope="col" class="num">{t!(i18n, asm_months)}</th><th scope="col" class="num">{t!(i18n, asm_proposal)}</th>
                            <th scope="col" class="num">{t!(i18n, asm_special)}</th><th scope="col" class="num">{t!(i18n, asm_line_total)}</th>
                        </tr></thead>
                        <tbody>
                            {persons.into_iter().map(|l| {
                                let (staff, name) = names.get(&l.person_id).cloned().unwrap_or_default();
                                let lvl = l.level;
                                let amount = l.own_fen.unwrap_or(l.formula_fen);
                                view! { <tr data-person=staff data-level=lvl.to_string()>
                                    <td class="small">{unit_name(&l.org_id)}</td>
                                    <th scope="row">{name}</th>
                                    <td>{move || if lvl < LEVELS { grade_text(ps, Some(lvl), lang()) } else { String::new() }}</td>
                                    <td class="num">{coef(l.grade_permille)}</td>
                                    <td class="num">{coef(l.post_permille)}{l.key_post.then(|| view! { " " <span class="badge" title=move || super::assessment::zh_en(lang(), "关键岗位加成", "key-post tilt")>{t!(i18n, asm_key_post)}</span> })}</td>
                                    <td class="num">{l.months}</td>
                                    <td class="num" data-cell="proposal">{yuan_text(amount)}{l.capped.then(|| view! { " " <span class="badge" title=move || super::assessment::zh_en(lang(), "超过人均上限，已封顶", "capped at the multiple of the mean")>{t!(i18n, asm_capped)}</span> })}</td>
                                    <td class="num">{(l.special_fen > 0).then(|| yuan_text(l.special_fen))}</td>
                                    <td class="num" data-cell="total">{yuan_text(l.total_fen())}</td>
                                </tr> }
                            }).collect_view()}
                            {a.unit_specials.iter().map(|(o, fen)| view! { <tr>
                                <td class="small">{unit_name(o)}</td><th scope="row">{t!(i18n, asm_unit_special)}</th><td></td><td></td><td></td><td></td><td></td>
                                <td class="num">{yuan_text(*fen)}</td><td class="num">{yuan_text(*fen)}</td>
                            </tr> }).collect_view()}
                            {(a.undistributed_fen != 0).then(|| view! { <tr>
                                <td></td><th scope="row">{t!(i18n, asm_undistributed)}</th><td></td><td></td><td></td><td></td>
                                <td class="num">{yuan_text(a.undistributed_fen)}</td><td></td><td class="num">{yuan_text(a.undistributed_fen)}</td>
                            </tr> })}
                            <tr class="total-row" id="alloc-total-row"><td></td><th scope="row">{t!(i18n, asm_total_row)}</th><td></td><td></td><td></td><td></td>
                                <td class="num">{yuan_text(formula + a.undistributed_fen)}</td>
                                <td class="num">{yuan_text(special)}</td>
                                <td class="num" data-cell="total">{yuan_text(a.sum_fen())}</td></tr>
                        </tbody>
                    </table>
                    </div>
                    {(!a.excluded.is_empty()).then(|| view! {
                        <h4>{t!(i18n, asm_excluded)}</h4>
                        <ul class="plain">{a.excluded.iter().map(|e| {
                            let who = e.person_id.as_ref().map(|p| app.desk.with_untracked(|d| d.ws().label_of(Kind::Person, p))).unwrap_or_default();
                            view! { <li>{who} "：" {text_view(e.reason.clone())}</li> }
                        }).collect_view()}</ul>
                    })}
                    {(!p.special_awards.is_empty()).then(|| view! {
                        <h4>{t!(i18n, asm_special_awards)}</h4>
                        <table class="table table-compact" id="special-list">
                            <thead><tr><th scope="col">{t!(i18n, asm_recipient)}</th><th scope="col" class="num">{t!(i18n, asm_amount)}</th><th scope="col">{t!(i18n, asm_reason)}</th><th scope="col">{t!(i18n, asm_approved_by)}</th></tr></thead>
                            <tbody>{p.special_awards.iter().map(|s| {
                                let who = app.desk.with_untracked(|d| s.person_id.as_ref().map(|x| d.ws().label_of(Kind::Person, x)).or_else(|| s.org_id.as_ref().map(|x| d.ws().label_of(Kind::OrgUnit, x))).unwrap_or_default());
                                let by = s.approved_by_org_id.as_ref().map(|x| unit_name(x)).unwrap_or_default();
                                view! { <tr><th scope="row">{who}</th><td class="num">{yuan_text(s.amount_fen)}</td><td>{s.reason.clone()}</td><td class="small">{by}</td></tr> }
                            }).collect_view()}</tbody>
                        </table>
                    })}
                }
            })}
        </section>
    }
}

/// One special award row of the pool editor.
#[derive(Clone, Copy)]
struct AwardRow {
    key: u32,
    person: RwSignal<String>,
    org: RwSignal<String>,
    amount: RwSignal<String>,
    reason: RwSignal<String>,
    by: RwSignal<String>,
}

#[component]
fn PoolForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let year_now = chrono::Datelike::year(&app.as_of.get_untracked());
    let p = id
        .as_ref()
        .and_then(|id| pool(app, id))
        .map(|x| x.1)
        .unwrap_or_else(|| BonusPoolData::draft("", year_now, 0));
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let title = RwSignal::new(p.title.clone());
    let park = RwSignal::new(p.park_id.clone());
    let year = RwSignal::new(p.year.to_string());
    let total = RwSignal::new(if p.total_fen == 0 {
        String::new()
    } else {
        yuan_text(p.total_fen)
    });
    let method = RwSignal::new(p.method.code().to_string());
    let unit_schemes = RwSignal::new(p.unit_scheme_ids.clone());
    let person_schemes = RwSignal::new(p.person_scheme_ids.clone());
    let unit_coefs = RwSignal::new(coefs_text(&p.unit_grade_permille));
    let person_coefs = RwSignal::new(coefs_text(&p.person_grade_permille));
    let post_ranks = [
        PostRank::DivisionChief,
        PostRank::DeputyDivisionChief,
        PostRank::SectionChief,
        PostRank::DeputySectionChief,
        PostRank::UnitHead,
    ];
    let post = RwSignal::new(coefs_text(
        &post_ranks
            .iter()
            .map(|r| p.post_coef(Some(*r)))
            .collect::<Vec<_>>(),
    ));
    let tilt = RwSignal::new(coef(p.key_post_bonus_permille));
    let cap = RwSignal::new(p.max_to_mean_permille.map(coef).unwrap_or_default());
    let remainder = RwSignal::new(p.remainder.code().to_string());
    let special_cap = RwSignal::new(format!("{}", f64::from(p.special_cap_permille) / 10.0));
    let status = RwSignal::new(p.status.code().to_string());
    let (doc_no, doc_title, doc_date) = doc_signals(p.basis.as_ref());
    let next = RwSignal::new(0u32);
    let awards: RwSignal<Vec<AwardRow>> = RwSignal::new(
        p.special_awards
            .iter()
            .map(|a| {
                next.update(|n| *n += 1);
                AwardRow {
                    key: next.get_untracked(),
                    person: RwSignal::new(a.person_id.clone().unwrap_or_default()),
                    org: RwSignal::new(a.org_id.clone().unwrap_or_default()),
                    amount: RwSignal::new(yuan_text(a.amount_fen)),
                    reason: RwSignal::new(a.reason.clone()),
                    by: RwSignal::new(a.approved_by_org_id.clone().unwrap_or_default()),
                }
            })
            .collect(),
    );
    let keep = p.clone();
    let scheme_opts = move |individual: bool| {
        move || {
            app.desk.with(|d| {
                d.ws()
                    .assessment_schemes
                    .iter_live()
                    .filter(|s| (s.data.assessee_kind == AssesseeKind::Individual) == individual)
                    .map(|s| (s.meta.id.clone(), s.data.title.clone()))
                    .collect::<Vec<_>>()
            })
        }
    };
    // People who may receive an award: the assessees of the chosen person schemes.
    let people = move || {
        let ids = person_schemes.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut v: Vec<(String, String)> = ids
                .iter()
                .filter_map(|s| ws.assessment_schemes.live(s))
                .flat_map(|s| s.data.assessees.iter())
                .filter_map(|a| {
                    let p = a.person_id.as_ref()?;
                    Some((
                        p.clone(),
                        format!(
                            "{}（{}）",
                            ws.label_of(Kind::Person, p),
                            ws.label_of(Kind::OrgUnit, &a.org_id)
                        ),
                    ))
                })
                .collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            let mut o = vec![(String::new(), "—".to_string())];
            o.extend(v);
            o
        })
    };
    let approvers = StoredValue::new(org_kind_options(
        app,
        Some("—"),
        &[
            OrgKind::ParkPartyCommittee,
            OrgKind::ParkMgmtCommittee,
            OrgKind::CityPartyCommittee,
            OrgKind::CityGovernment,
        ],
    )());
    let save_click = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut errs = Vec::new();
            let total_v = parse_yuan(&total.get_untracked());
            if total_v.is_none() {
                errs.push(local_error(
                    "total_fen",
                    "奖金总额须为金额（元，最多两位小数）",
                    "The total is an amount in yuan (at most two decimals)",
                ));
            }
            let year_v = year.get_untracked().trim().parse::<i32>().ok();
            if year_v.is_none() {
                errs.push(local_error(
                    "year",
                    "年度须为四位数字",
                    "The year must be four digits",
                ));
            }
            let uc = parse_coefs(&unit_coefs.get_untracked()).filter(|v| v.len() == 4);
            let pc = parse_coefs(&person_coefs.get_untracked()).filter(|v| v.len() == 4);
            let po = parse_coefs(&post.get_untracked()).filter(|v| v.len() == post_ranks.len());
            if uc.is_none() || pc.is_none() {
                errs.push(local_error(
                    "unit_grade_permille",
                    "等次系数须为四个数，以“/”分隔，如 1.2/1/0.8/0.5",
                    "Grade coefficients are four numbers separated by “/”, e.g. 1.2/1/0.8/0.5",
                ));
            }
            if po.is_none() {
                errs.push(local_error("post_permille", "职务系数须为五个数（正处/副处/正科/副科/股级）", "Post coefficients are five numbers (division/deputy division/section/deputy section/unit)"));
            }
            let t = parse_opt::<f64>(&tilt.get_untracked());
            let c = parse_opt::<f64>(&cap.get_untracked());
            let sc = parse_opt::<f64>(&special_cap.get_untracked());
            if t.is_err() || c.is_err() || sc.is_err() {
                errs.push(local_error(
                    "key_post_bonus_permille",
                    "加成、上限和比例须为数字",
                    "Tilt, cap and shares must be numbers",
                ));
            }
            let mut special_awards = Vec::new();
            for a in awards.get_untracked() {
                match parse_yuan(&a.amount.get_untracked()) {
                    Some(fen) => {
                        let person = a.person.get_untracked();
                        let org = a.org.get_untracked();
                        let by = a.by.get_untracked();
                        // The unit of a person recipient, for the record.
                        let org = if org.is_empty() && !person.is_empty() {
                            app.desk.with_untracked(|d| {
                                d.ws()
                                    .assessment_schemes
                                    .iter_live()
                                    .flat_map(|s| s.data.assessees.iter())
                                    .find(|x| x.person_id.as_deref() == Some(person.as_str()))
                                    .map(|x| x.org_id.clone())
                                    .unwrap_or_default()
                            })
                        } else {
                            org
                        };
                        special_awards.push(SpecialAward {
                            person_id: (!person.is_empty()).then_some(person),
                            org_id: (!org.is_empty()).then_some(org),
                            amount_fen: fen,
                            reason: a.reason.get_untracked().trim().to_string(),
                            approved_by_org_id: (!by.is_empty()).then_some(by),
                            basis: None,
                        });
                    }
                    None => errs.push(local_error(
                        "special_awards",
                        "特殊贡献奖金额须为金额（元）",
                        "Special award amounts are in yuan",
                    )),
                }
            }
            if !errs.is_empty() {
                errors.set(errs);
                return;
            }
            let post_permille = post_ranks
                .iter()
                .zip(po.unwrap_or_default())
                .map(|(rank, permille)| PostCoef {
                    rank: *rank,
                    permille,
                })
                .collect();
            let data = BonusPoolData {
                park_id: park.get_untracked(),
                year: year_v.unwrap_or(year_now),
                title: title.get_untracked().trim().to_string(),
                total_fen: total_v.unwrap_or(0),
                method: AllocationMethod::from_code(&method.get_untracked())
                    .unwrap_or(AllocationMethod::TwoLevel),
                unit_scheme_ids: unit_schemes.get_untracked(),
                person_scheme_ids: person_schemes.get_untracked(),
                unit_grade_permille: uc.unwrap_or_default(),
                person_grade_permille: pc.unwrap_or_default(),
                post_permille,
                key_post_bonus_permille: (t.ok().flatten().unwrap_or(0.0) * 1000.0).round() as u32,
                max_to_mean_permille: c.ok().flatten().map(|x| (x * 1000.0).round() as u32),
                remainder: RemainderRule::from_code(&remainder.get_untracked())
                    .unwrap_or(RemainderRule::LargestRemainder),
                special_cap_permille: (sc.ok().flatten().unwrap_or(10.0) * 10.0).round() as u32,
                special_awards,
                unit_distributions: keep.unit_distributions.clone(),
                basis: doc_value(doc_no, doc_title, doc_date),
                status: PoolStatus::from_code(&status.get_untracked()).unwrap_or(PoolStatus::Draft),
            };
            let is_new = id.is_none();
            match app.dispatch(Command::Save {
                id: id.clone(),
                data: Data::BonusPool(data),
                base_rev,
            }) {
                Ok(out) => {
                    errors.set(Vec::new());
                    edit.set(Editing::Closed);
                    if is_new && let Some(new) = out.id.clone() {
                        asm.pool.set(new);
                    }
                    app.toast.set(Some(out.summary));
                }
                Err(CommandError::Rejected(v)) => errors.set(v),
                Err(e) => app.toast.set(Some(e.text())),
            }
        }
    };
    view! {
        <form class="form block" id="pool-form" on:submit=save_click>
            <h3>{t!(i18n, asm_pool_form)}</h3>
            <div class="form-grid">
                {input("pool-title", t!(i18n, asm_title), title, errors, "title", "text")}
                {select("pool-park", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park_id")}
                {input("pool-year", t!(i18n, asm_year), year, errors, "year", "text")}
                {input("pool-total", t!(i18n, asm_pool_total_yuan), total, errors, "total_fen", "text")}
                {select("pool-method", t!(i18n, asm_method_alloc), method, enum_options(AllocationMethod::ALL, AllocationMethod::code, AllocationMethod::label, lang), errors, "method")}
                {select("pool-remainder", t!(i18n, asm_remainder), remainder, enum_options(RemainderRule::ALL, RemainderRule::code, RemainderRule::label, lang), errors, "remainder")}
                {input("pool-unit-coefs", t!(i18n, asm_unit_coefs), unit_coefs, errors, "unit_grade_permille", "text")}
                {input("pool-person-coefs", t!(i18n, asm_person_coefs), person_coefs, errors, "person_grade_permille", "text")}
                {input("pool-post-coefs", t!(i18n, asm_post_coefs), post, errors, "post_permille", "text")}
                {input("pool-tilt", t!(i18n, asm_key_tilt), tilt, errors, "key_post_bonus_permille", "text")}
                {input("pool-cap", t!(i18n, asm_cap_input), cap, errors, "max_to_mean_permille", "text")}
                {input("pool-special-cap", t!(i18n, asm_special_cap), special_cap, errors, "special_awards", "text")}
                {select("pool-status", t!(i18n, col_status), status, enum_options(PoolStatus::ALL, PoolStatus::code, PoolStatus::label, lang), errors, "status")}
                {doc_fields(["pool-doc-no", "pool-doc-title", "pool-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            {check_group("pool-unit-schemes", t!(i18n, asm_unit_schemes), unit_schemes, scheme_opts(false), errors, "unit_scheme_ids")}
            {check_group("pool-person-schemes", t!(i18n, asm_person_schemes), person_schemes, scheme_opts(true), errors, "person_scheme_ids")}
            <h4>{t!(i18n, asm_special_awards)}</h4>
            <table class="table table-compact" id="award-editor">
                <thead><tr><th scope="col">{t!(i18n, asm_recipient)}</th><th scope="col">{t!(i18n, asm_amount_yuan)}</th><th scope="col">{t!(i18n, asm_reason)}</th><th scope="col">{t!(i18n, asm_approved_by)}</th><th scope="col">{t!(i18n, col_actions)}</th></tr></thead>
                <tbody>
                    <For each=move || awards.get() key=|a| a.key let:a>
                        <tr>
                            <td><select aria-label=move || t_string!(i18n, asm_recipient).to_string() on:change=move |ev| a.person.set(event_target_value(&ev))>
                                {move || people().into_iter().map(|(v, l)| { let sel = v == a.person.get(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                            </select></td>
                            <td><input type="text" class="short" aria-label=move || t_string!(i18n, asm_amount_yuan).to_string() prop:value=move || a.amount.get() on:input=move |ev| a.amount.set(event_target_value(&ev)) /></td>
                            <td><input type="text" aria-label=move || t_string!(i18n, asm_reason).to_string() prop:value=move || a.reason.get() on:input=move |ev| a.reason.set(event_target_value(&ev)) /></td>
                            <td><select aria-label=move || t_string!(i18n, asm_approved_by).to_string() on:change=move |ev| a.by.set(event_target_value(&ev))>
                                {move || approvers.get_value().into_iter().map(|(v, l)| { let sel = v == a.by.get(); view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                            </select></td>
                            <td><button type="button" class="btn btn-small" on:click=move |_| awards.update(|v| v.retain(|x| x.key != a.key))>{t!(i18n, delete)}</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <button type="button" class="btn btn-small" id="award-add" on:click=move |_| {
                next.update(|n| *n += 1);
                let key = next.get_untracked();
                awards.update(|v| v.push(AwardRow { key, person: RwSignal::new(String::new()), org: RwSignal::new(String::new()), amount: RwSignal::new(String::new()), reason: RwSignal::new(String::new()), by: RwSignal::new(String::new()) }));
            }>{t!(i18n, asm_award_add)}</button>
            <ErrorSummary errors />
            <FormButtons prefix="pool" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- use of results

#[component]
pub fn UseTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let person = RwSignal::new(String::new());
    let kind = RwSignal::new(ResultUseKind::Commendation.code().to_string());
    let deviation = RwSignal::new(String::new());
    let lists = move || {
        let id = asm.scheme.get();
        let s = scheme(app, &id)?;
        let rows = asm.outcomes.with(|o| o.get(&id).map(|x| x.rows.clone()))?;
        Some((id, s.1.scale, priority_lists_of(&rows, s.1.assessees.len())))
    };
    let record = move |p: String, k: ResultUseKind, reason: String| {
        let Some(on) = act_on(asm) else {
            errors.set(vec![local_error(
                "decided_on",
                "请填写办理日期",
                "Enter the date",
            )]);
            return;
        };
        let r = reason.trim().to_string();
        if run(
            app,
            Command::Save {
                id: None,
                data: Data::ResultUse(ResultUseData {
                    scheme_id: asm.scheme.get_untracked(),
                    person_id: p,
                    kind: k,
                    decided_on: Some(on),
                    basis: None,
                    deviation_reason: (!r.is_empty()).then_some(r),
                }),
                base_rev: None,
            },
            errors,
        ) {
            deviation.set(String::new());
        }
    };
    let uses = move || {
        let id = asm.scheme.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.result_uses
                .iter_live()
                .filter(|u| u.data.scheme_id == id)
                .map(|u| {
                    (
                        u.meta.id.clone(),
                        u.data.clone(),
                        ws.label_of(Kind::Person, &u.data.person_id),
                        u.meta.provenance,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let people = move || {
        let id = asm.scheme.get();
        let mut o = vec![(String::new(), "—".to_string())];
        app.desk.with(|d| {
            let ws = d.ws();
            if let Some(s) = ws.assessment_schemes.live(&id) {
                o.extend(s.data.assessees.iter().filter_map(|a| {
                    a.person_id
                        .as_ref()
                        .map(|p| (p.clone(), ws.label_of(Kind::Person, p)))
                }));
            }
        });
        o
    };
    let list_view = move |title: Text,
                          dom: &'static str,
                          rows: Vec<crate::domain::assessment_results::Row>,
                          scale: GradeScale,
                          k: ResultUseKind| {
        view! {
            <div class="list-col">
                <h3>{text_view(title)} " (" {rows.len()} ")"</h3>
                <table class="table table-compact" id=dom>
                    <thead><tr><th scope="col" class="num">{t!(i18n, asm_rank)}</th><th scope="col">{t!(i18n, asm_person)}</th><th scope="col" class="num">{t!(i18n, asm_total)}</th><th scope="col">{t!(i18n, asm_grade)}</th><th scope="col" class="no-print">{t!(i18n, col_actions)}</th></tr></thead>
                    <tbody>{rows.into_iter().map(|r| {
                        let pid = r.assessee.person_id.clone().unwrap_or_default();
                        let (staff, name) = app.desk.with_untracked(|d| (d.ws().persons.live(&pid).map(|x| x.data.staff_no.clone()).unwrap_or_default(), d.ws().label_of(Kind::Person, &pid)));
                        let lvl = r.level;
                        view! { <tr data-person=staff>
                            <td class="num">{r.rank.map(|x| x.to_string()).unwrap_or_default()}</td>
                            <th scope="row">{name}</th>
                            <td class="num">{r.total_c.map(centi_text).unwrap_or_default()}</td>
                            <td>{move || grade_text(scale, lvl, lang())}</td>
                            <td class="no-print"><button class="btn btn-small edit-only" data-action="record" on:click=move |_| record(pid.clone(), k, String::new())>{t!(i18n, asm_record_use)}</button></td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <section class="block" id="result-use">
            <div class="block-head"><h2>{t!(i18n, asm_tab_use)}</h2></div>
            <p class="hint">{t!(i18n, asm_use_hint)}</p>
            <div class="toolbar no-print"><SchemePicker individual_only=true /></div>
            <ErrorSummary errors />
            {move || lists().map(|(_, scale, l)| view! {
                <div class="lists">
                    {list_view(Text::new("评先表彰推荐名单", "Commendation list"), "list-commendation", l.commendation, scale, ResultUseKind::Commendation)}
                    {list_view(Text::new("提拔任用优先名单", "Promotion-priority list"), "list-promotion", l.promotion, scale, ResultUseKind::Promotion)}
                    {list_view(Text::new("诫勉调整名单", "Admonishment list"), "list-admonish", l.admonish, scale, ResultUseKind::Admonish)}
                </div>
            })}
            <h3>{t!(i18n, asm_uses)}</h3>
            <table class="table table-compact" id="uses-table">
                <thead><tr><th scope="col">{t!(i18n, asm_person)}</th><th scope="col">{t!(i18n, asm_use_kind)}</th><th scope="col">{t!(i18n, asm_decided_on)}</th>
                    <th scope="col">{t!(i18n, asm_deviation)}</th><th scope="col">{t!(i18n, col_issues)}</th><th scope="col" class="no-print">{t!(i18n, col_actions)}</th></tr></thead>
                <tbody>
                    {move || uses().into_iter().map(|(id, u, name, prov)| {
                        let k = u.kind;
                        view! { <tr data-id=id.clone() data-kind=k.code()>
                            <th scope="row">{name} " " <ProvenanceBadge provenance=prov /></th>
                            <td>{move || k.label(lang())}</td>
                            <td class="nowrap">{date_string(u.decided_on)}</td>
                            <td>{u.deviation_reason.clone().unwrap_or_default()}</td>
                            <td>{record_issues(app, Kind::ResultUse, id.clone())}</td>
                            <td class="no-print edit-only"><DeleteButton kind=Kind::ResultUse id=id.clone() /></td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="form-inline no-print edit-only" id="use-form">
                {select("use-person", t!(i18n, asm_person), person, people, errors, "person_id")}
                {select("use-kind", t!(i18n, asm_use_kind), kind, enum_options(ResultUseKind::ALL, ResultUseKind::code, ResultUseKind::label, lang), errors, "kind")}
                <div class="field"><label for="use-deviation">{t!(i18n, asm_deviation)}</label>
                    <input id="use-deviation" type="text" class="reason-input" prop:value=move || deviation.get() on:input=move |ev| deviation.set(event_target_value(&ev)) /></div>
                <button class="btn btn-primary" id="use-save" on:click=move |_| {
                    let p = person.get_untracked();
                    if p.is_empty() {
                        errors.set(vec![local_error("person_id", "请选择人员", "Choose a person")]);
                        return;
                    }
                    let k = ResultUseKind::from_code(&kind.get_untracked()).unwrap_or(ResultUseKind::Commendation);
                    record(p, k, deviation.get_untracked());
                }>{t!(i18n, asm_record_use)}</button>
            </div>
        </section>
    }
}
