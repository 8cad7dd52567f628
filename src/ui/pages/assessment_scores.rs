//! 评分录入 and 排名定等 of the 考核 section: the keyboard-friendly score grid (arrows and Enter
//! move between cells, typed numbers are checked in place and each valid cell is saved as one
//! undoable command), and the ranking with grades, the quota state, veto items and reasoned
//! overrides.

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::assessment::{SchemePicker, assessee_name, grade_text, scheme, use_asm};
use crate::domain::assessment::Component;
use crate::domain::assessment::*;
use crate::domain::assessment_results::Row;
use crate::domain::command::{Command, CommandError};
use crate::domain::scoring::centi_text;
use crate::domain::text::Text;
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

/// The results of one scheme by assessee: (record id, revision, data).
type ResultIndex = HashMap<Assessee, (String, u32, AssessmentResultData)>;

fn results_of(app: AppState, scheme_id: &str) -> ResultIndex {
    app.desk.with(|d| {
        d.ws()
            .assessment_results
            .iter_live()
            .filter(|r| r.data.scheme_id == scheme_id)
            .map(|r| {
                (
                    r.data.assessee.clone(),
                    (r.meta.id.clone(), r.meta.rev, r.data.clone()),
                )
            })
            .collect()
    })
}

/// The computed rows of one scheme by assessee.
fn rows_of(asm: super::assessment::Asm, scheme_id: &str) -> HashMap<Assessee, Row> {
    asm.outcomes.with(|o| {
        o.get(scheme_id)
            .map(|x| {
                x.rows
                    .iter()
                    .map(|r| (r.assessee.clone(), r.clone()))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// What a grid column edits.
#[derive(Clone, Debug, PartialEq)]
enum ColKind {
    Target,
    Actual,
    Rating(Vec<String>),
    Component,
}

#[derive(Clone, Debug, PartialEq)]
struct Col {
    /// Indicator id or component code.
    key: String,
    label: String,
    unit: String,
    kind: ColKind,
}

/// The grid's structure: changes only when the scheme does, so typing never rebuilds it.
#[derive(Clone, Debug, PartialEq)]
struct Structure {
    id: String,
    assessees: Vec<Assessee>,
    leaves: Vec<Indicator>,
    components: Vec<Component>,
    status: SchemeStatus,
    scale: GradeScale,
}

/// Parses a number typed by a clerk: "84,000", "８４０００", " 95.5 ". Empty → None.
fn parse_number(s: &str) -> Result<Option<f64>, ()> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            _ => c,
        })
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(Some)
        .ok_or(())
}

/// A number without needless decimals.
fn num_text(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn cell_id(r: usize, c: usize) -> String {
    format!("cell-{r}-{c}")
}

/// Moves the focus to another cell and selects its text.
fn focus_cell(r: usize, c: usize) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_id(r, c)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = el.focus();
        el.select();
    }
}

#[component]
pub fn ScoresTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let asm = use_asm();
    let targets = RwSignal::new(false);
    let unit = RwSignal::new(String::new());
    let structure = Memo::new(move |_| {
        let id = asm.scheme.get();
        scheme(app, &id).map(|(_, s, _)| Structure {
            id: id.clone(),
            assessees: s.assessees.clone(),
            leaves: s.leaves().into_iter().cloned().collect(),
            components: s
                .components
                .iter()
                .filter(|c| c.source == ComponentSource::Entered)
                .cloned()
                .collect(),
            status: s.status,
            scale: s.scale,
        })
    });
    let units = move || {
        structure.with(|s| {
            let mut v: Vec<(String, String)> = s
                .iter()
                .flat_map(|s| s.assessees.iter())
                .filter(|a| a.person_id.is_some())
                .map(|a| a.org_id.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .map(|o| {
                    let l = app
                        .desk
                        .with_untracked(|d| d.ws().label_of(Kind::OrgUnit, &o));
                    (o, l)
                })
                .collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        })
    };
    view! {
        <section class="block" id="scores">
            <div class="block-head"><h2>{t!(i18n, asm_tab_scores)}</h2></div>
            <p class="hint">{t!(i18n, asm_grid_hint)}</p>
            <div class="toolbar no-print">
                <SchemePicker />
                <div class="field field-inline">
                    <label for="grid-mode">{t!(i18n, asm_grid_mode)}</label>
                    <select id="grid-mode" on:change=move |ev| targets.set(event_target_value(&ev) == "targets")>
                        <option value="actuals" selected=move || !targets.get()>{t!(i18n, asm_mode_actuals)}</option>
                        <option value="targets" selected=move || targets.get()>{t!(i18n, asm_mode_targets)}</option>
                    </select>
                </div>
                <Show when=move || !units().is_empty()>
                    <div class="field field-inline">
                        <label for="grid-unit">{t!(i18n, asm_unit_filter)}</label>
                        <select id="grid-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, asm_all_units)}</option>
                            {move || units().into_iter().map(|(id, l)| { let sel = id == unit.get(); view! { <option value=id selected=sel>{l}</option> } }).collect_view()}
                        </select>
                    </div>
                </Show>
            </div>
            {move || structure.get().map(|s| {
                let t = targets.get();
                let u = unit.get();
                view! { <Grid s targets=t unit=u /> }
            })}
        </section>
    }
}

#[component]
fn Grid(s: Structure, targets: bool, unit: String) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let open = s.status.entries_open();
    let sid = s.id.clone();
    let sid2 = s.id.clone();
    let results = Memo::new(move |_| results_of(app, &sid));
    let computed = Memo::new(move |_| rows_of(asm, &sid2));
    let errs: RwSignal<HashMap<(usize, usize), Text>> = RwSignal::new(HashMap::new());
    let cols: Vec<Col> = if targets {
        s.leaves
            .iter()
            .filter(|l| l.method.needs_target())
            .map(|l| Col {
                key: l.id.clone(),
                label: format!("{} {}", l.code, l.name),
                unit: l.unit.clone(),
                kind: ColKind::Target,
            })
            .collect()
    } else {
        let mut v: Vec<Col> = s
            .leaves
            .iter()
            .map(|l| Col {
                key: l.id.clone(),
                label: format!("{} {}", l.code, l.name),
                unit: l.unit.clone(),
                kind: match &l.method {
                    ScoringMethod::Qualitative { levels } => {
                        ColKind::Rating(levels.iter().map(|x| x.label.clone()).collect())
                    }
                    _ => ColKind::Actual,
                },
            })
            .collect();
        v.extend(s.components.iter().map(|c| Col {
            key: c.code.clone(),
            label: c.name.clone(),
            unit: "0–100".into(),
            kind: ColKind::Component,
        }));
        v
    };
    let rows: Vec<Assessee> = s
        .assessees
        .iter()
        .filter(|a| unit.is_empty() || a.org_id == unit)
        .cloned()
        .collect();
    let n_rows = rows.len();
    let n_cols = cols.len();
    let scheme_id = s.id.clone();
    let cols_for_value = cols.clone();
    let value = move |a: &Assessee, c: usize| -> String {
        let col = &cols_for_value[c];
        results.with(|m| {
            let Some((_, _, d)) = m.get(a) else {
                return String::new();
            };
            match col.kind {
                ColKind::Component => d
                    .component_score(&col.key)
                    .map(num_text)
                    .unwrap_or_default(),
                ColKind::Target => d
                    .entry(&col.key)
                    .and_then(|e| e.target)
                    .map(num_text)
                    .unwrap_or_default(),
                ColKind::Actual => d
                    .entry(&col.key)
                    .and_then(|e| e.actual)
                    .map(num_text)
                    .unwrap_or_default(),
                ColKind::Rating(_) => d
                    .entry(&col.key)
                    .and_then(|e| e.rating.clone())
                    .unwrap_or_default(),
            }
        })
    };
    let cols_for_commit = cols.clone();
    let commit = move |r: usize, c: usize, a: &Assessee, text: String| {
        if !open || super::assessment::read_only(app) {
            return;
        }
        let col = &cols_for_commit[c];
        // Checked in place: a wrong value stays in the cell, marked, and is not saved.
        let parsed: Result<(Option<f64>, Option<String>), Text> = match &col.kind {
            ColKind::Rating(levels) => {
                let t = text.trim();
                if t.is_empty() {
                    Ok((None, None))
                } else if let Some(l) = levels.iter().find(|l| l.as_str() == t) {
                    Ok((None, Some(l.clone())))
                } else if let Some(l) = t
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| levels.get(i))
                {
                    Ok((None, Some(l.clone())))
                } else {
                    Err(Text::new(
                        format!("须为：{}（或序号 1–{}）", levels.join(" / "), levels.len()),
                        format!(
                            "Must be one of {} (or 1–{})",
                            levels.join(" / "),
                            levels.len()
                        ),
                    ))
                }
            }
            ColKind::Component => match parse_number(&text) {
                Ok(Some(x)) if !(0.0..=100.0).contains(&x) => {
                    Err(Text::new("须在 0–100 之间", "Must be between 0 and 100"))
                }
                Ok(x) => Ok((x, None)),
                Err(()) => Err(Text::new("须为数字", "Must be a number")),
            },
            _ => match parse_number(&text) {
                Ok(Some(x)) if x < 0.0 => Err(Text::new("不能为负数", "Cannot be negative")),
                Ok(x) => Ok((x, None)),
                Err(()) => Err(Text::new("须为数字", "Must be a number")),
            },
        };
        let (num, rating) = match parsed {
            Ok(p) => p,
            Err(t) => {
                errs.update(|e| {
                    e.insert((r, c), t);
                });
                return;
            }
        };
        let current = results.with_untracked(|m| m.get(a).cloned());
        let (id, rev, mut data) = match current {
            Some((id, rev, d)) => (Some(id), Some(rev), d),
            None => (
                None,
                None,
                AssessmentResultData::new(scheme_id.clone(), a.clone()),
            ),
        };
        let before = data.clone();
        match col.kind {
            ColKind::Component => data.set_component_score(&col.key, num),
            ColKind::Target => data.entry_mut(&col.key).target = num,
            ColKind::Actual => data.entry_mut(&col.key).actual = num,
            ColKind::Rating(_) => data.entry_mut(&col.key).rating = rating,
        }
        data.entries.retain(|e| {
            e.target.is_some() || e.actual.is_some() || e.rating.is_some() || !e.note.is_empty()
        });
        if data == before {
            errs.update(|e| {
                e.remove(&(r, c));
            });
            return;
        }
        match app.dispatch(Command::Save {
            id,
            data: Data::AssessmentResult(data),
            base_rev: rev,
        }) {
            Ok(_) => errs.update(|e| {
                e.remove(&(r, c));
            }),
            Err(CommandError::Rejected(v)) => errs.update(|e| {
                e.insert(
                    (r, c),
                    v.first()
                        .map(|x| x.message.clone())
                        .unwrap_or_else(|| Text::new("未能保存", "Not saved")),
                );
            }),
            Err(e) => errs.update(|m| {
                m.insert((r, c), e.text());
            }),
        }
    };
    let scale = s.scale;
    view! {
        {(!open).then(|| view! { <p class="callout callout-warn" id="grid-locked">{t!(i18n, asm_grid_locked)} " (" {move || s.status.label(lang())} ")"</p> })}
        <div class="scroll-x">
        <table class="table table-compact score-grid asm-grid" id="asm-grid" data-rows=n_rows data-cols=n_cols>
            <thead><tr>
                <th scope="col">{t!(i18n, asm_assessee)}</th>
                {cols.iter().map(|c| view! { <th scope="col" class="num">{c.label.clone()} {(!c.unit.is_empty()).then(|| view! { <br /> <span class="small muted">{c.unit.clone()}</span> })}</th> }).collect_view()}
                <th scope="col" class="num">{t!(i18n, asm_total)}</th>
                <th scope="col" class="num">{t!(i18n, asm_rank)}</th>
                <th scope="col">{t!(i18n, asm_grade)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(r, a)| {
                    let who = assessee_name(app, &a);
                    let key = app.desk.with_untracked(|d| match &a.person_id {
                        Some(p) => d.ws().persons.live(p).map(|x| x.data.staff_no.clone()).unwrap_or_default(),
                        None => d.ws().label_of(Kind::OrgUnit, &a.org_id),
                    });
                    let a_row = a.clone();
                    let total = move || computed.with(|m| m.get(&a_row).and_then(|x| x.total_c).map(centi_text).unwrap_or_default());
                    let a_rank = a.clone();
                    let rank = move || computed.with(|m| m.get(&a_rank).and_then(|x| x.rank).map(|x| x.to_string()).unwrap_or_default());
                    let a_grade = a.clone();
                    let level = Signal::derive(move || computed.with(|m| m.get(&a_grade).and_then(|x| x.level)));
                    let a_missing = a.clone();
                    let missing = move || computed.with(|m| m.get(&a_missing).map_or(0, |x| x.missing.len()));
                    view! {
                        <tr data-assessee=key>
                            <th scope="row" class="nowrap">{who.clone()}</th>
                            {cols.iter().enumerate().map(|(c, col)| {
                                let a_val = a.clone();
                                let a_commit = a.clone();
                                let value = value.clone();
                                let commit = commit.clone();
                                let label = format!("{who} {}", col.label);
                                let bad = move || errs.with(|e| e.contains_key(&(r, c)));
                                let msg = move || errs.with(|e| e.get(&(r, c)).map(|t| t.get(lang()).to_string()).unwrap_or_default());
                                let rating = matches!(col.kind, ColKind::Rating(_));
                                let keys = move |ev: web_sys::KeyboardEvent| {
                                    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                                    let at_start = input.as_ref().and_then(|i| i.selection_start().ok().flatten()).unwrap_or(0) == 0;
                                    let len = input.as_ref().map(|i| i.value().chars().count() as u32).unwrap_or(0);
                                    let at_end = input.as_ref().and_then(|i| i.selection_end().ok().flatten()).unwrap_or(len) >= len;
                                    let target = match ev.key().as_str() {
                                        "ArrowDown" => (r + 1 < n_rows).then(|| (r + 1, c)),
                                        "Enter" if ev.shift_key() => r.checked_sub(1).map(|x| (x, c)),
                                        "Enter" => Some(if r + 1 < n_rows { (r + 1, c) } else { (r, c) }),
                                        "ArrowUp" => r.checked_sub(1).map(|x| (x, c)),
                                        "ArrowRight" if at_end => (c + 1 < n_cols).then(|| (r, c + 1)),
                                        "ArrowLeft" if at_start => c.checked_sub(1).map(|x| (r, x)),
                                        _ => return,
                                    };
                                    ev.prevent_default();
                                    if ev.key() == "Enter"
                                        && let Some(i) = &input
                                    {
                                        // Enter saves even when the cell stays (last row).
                                        let _ = i.blur();
                                    }
                                    if let Some((r2, c2)) = target {
                                        focus_cell(r2, c2);
                                    }
                                };
                                view! {
                                    <td class="num" class:cell-bad=bad>
                                        <input type="text" class="cell" id=cell_id(r, c) data-row=r data-col=c
                                            inputmode=if rating { "text" } else { "decimal" }
                                            autocomplete="off"
                                            aria-label=label
                                            aria-invalid=move || bad().to_string()
                                            title=msg
                                            readonly=move || !open || super::assessment::read_only(app)
                                            prop:value=move || value(&a_val, c)
                                            on:keydown=keys
                                            on:change=move |ev| commit(r, c, &a_commit, event_target_value(&ev)) />
                                        <Show when=bad><span class="cell-msg" role="alert">{msg}</span></Show>
                                    </td>
                                }
                            }).collect_view()}
                            <td class="num" data-cell="total">{total}{move || (missing() > 0).then(|| view! { " " <span class="badge" title=move || super::assessment::zh_en(lang(), "未录全的项数", "entries missing")>{format!("−{}", missing())}</span> })}</td>
                            <td class="num" data-cell="rank">{rank}</td>
                            <td data-cell="grade" data-level=move || level.get().map(|l| l.to_string()).unwrap_or_default()>{move || grade_text(scale, level.get(), lang())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <p class="hint small">{t!(i18n, asm_grid_keys)}</p>
    }
}

// ---------------------------------------------------------------- ranking

#[component]
pub fn RankingTab() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let asm = use_asm();
    let editing: RwSignal<Option<Assessee>> = RwSignal::new(None);
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let data = move || {
        let id = asm.scheme.get();
        let s = scheme(app, &id)?;
        let o = asm.outcomes.with(|o| o.get(&id).cloned())?;
        Some((id, s, o))
    };
    view! {
        <section class="block" id="ranking">
            <div class="block-head">
                <h2>{t!(i18n, asm_tab_ranking)}</h2>
                <span class="head-actions"><ReportTools key="assessment-ranking" report=crate::reports::assessment::assessment_ranking /></span>
            </div>
            <p class="hint">{t!(i18n, asm_ranking_hint)}</p>
            <div class="toolbar no-print"><SchemePicker /></div>
            <ErrorSummary errors />
            {move || data().map(|(id, (rev, s, _), o)| {
                let scale = s.scale;
                let q = o.quota.clone();
                let comps = s.components.clone();
                let grading = s.status.grading_open();
                let s_for_q = s.clone();
                let id_q = id.clone();
                let rounding = s.quota.as_ref().map(|x| x.rounding);
                view! {
                    <div class="quota-box" id="quota-state" data-places=q.places.map(|p| p.to_string()).unwrap_or_default() data-used=q.used data-over=q.over()>
                        {match q.places {
                            Some(p) => view! {
                                <span>{t!(i18n, asm_quota)} "：" {format!("{} × {}% = {p}", q.n, f64::from(q.share_permille.unwrap_or(0)) / 10.0)}
                                    " (" {move || rounding.map(|r| r.label(lang())).unwrap_or("")} ")" </span>
                                " · " <span>{t!(i18n, asm_quota_used)} " " <strong>{q.used}</strong></span>
                                {(q.left_by_tie > 0).then(|| view! { " · " <span class="badge badge-overdue">{t!(i18n, asm_quota_tie)} " " {q.left_by_tie}</span> })}
                                {(q.over() > 0).then(|| view! { " · " <span class="badge badge-problem">{t!(i18n, asm_quota_over)} " " {q.over()}</span> })}
                                {q.approved.then(|| view! { " · " <span class="badge">{t!(i18n, asm_quota_approved)}</span> })}
                            }.into_any(),
                            None => view! { <span>{t!(i18n, asm_no_quota)} " · " {t!(i18n, asm_quota_used)} " " {q.used}</span> }.into_any(),
                        }}
                    </div>
                    {(s_for_q.quota.is_some() && !s_for_q.status.is_final()).then(|| view! { <div class="edit-only"><QuotaApprovalForm id=id_q rev s=s_for_q errors /></div> })}
                    <div class="scroll-x">
                    <table class="table table-compact" id="ranking-table">
                        <thead><tr>
                            <th scope="col" class="num">{t!(i18n, asm_rank)}</th>
                            <th scope="col">{t!(i18n, asm_assessee)}</th>
                            {comps.iter().map(|c| view! { <th scope="col" class="num">{c.name.clone()}</th> }).collect_view()}
                            <th scope="col" class="num">{t!(i18n, asm_deduction)}</th>
                            <th scope="col" class="num">{t!(i18n, asm_total)}</th>
                            <th scope="col">{t!(i18n, asm_by_threshold)}</th>
                            <th scope="col">{t!(i18n, asm_grade)}</th>
                            <th scope="col">{t!(i18n, asm_notes)}</th>
                            <th scope="col" class="no-print">{t!(i18n, col_actions)}</th>
                        </tr></thead>
                        <tbody>
                            {o.rows.into_iter().map(|row| {
                                let who = assessee_name(app, &row.assessee);
                                let unit = row.assessee.person_id.is_some().then(|| app.desk.with_untracked(|d| d.ws().label_of(Kind::OrgUnit, &row.assessee.org_id)));
                                let key = app.desk.with_untracked(|d| match &row.assessee.person_id {
                                    Some(p) => d.ws().persons.live(p).map(|x| x.data.staff_no.clone()).unwrap_or_default(),
                                    None => d.ws().label_of(Kind::OrgUnit, &row.assessee.org_id),
                                });
                                let deducted: i64 = row.deductions.iter().map(|l| l.points_c).sum();
                                let lines: Vec<String> = row.deductions.iter().map(|l| format!("−{}：{}", centi_text(l.points_c), app.desk.with_untracked(|d| d.ws().label_of(Kind::AccountabilityAction, &l.action_id)))).collect();
                                let level = row.level;
                                let th = row.threshold_level;
                                let a_edit = row.assessee.clone();
                                let a_open = row.assessee.clone();
                                let is_open = move || editing.get().as_ref() == Some(&a_open);
                                let veto_names: Vec<String> = row.vetoed_by.iter().map(|c| s.veto_items.iter().find(|v| &v.code == c).map_or(c.clone(), |v| v.name.clone())).collect();
                                let colspan = comps.len() + 7;
                                let s_edit = s.clone();
                                let id_edit = id.clone();
                                view! {
                                    <tr data-assessee=key data-rank=row.rank.map(|r| r.to_string()).unwrap_or_default() data-level=level.map(|l| l.to_string()).unwrap_or_default()
                                        class:row-muted=!row.complete()>
                                        <td class="num" data-cell="rank">{row.rank.map(|r| r.to_string()).unwrap_or_default()}{row.tied.then(|| view! { " " <span class="badge">{t!(i18n, asm_tied)}</span> })}</td>
                                        <th scope="row">{who}{unit.map(|u| view! { <br /> <span class="small muted">{u}</span> })}</th>
                                        {row.components.iter().map(|(_, v)| view! { <td class="num">{v.map(centi_text).unwrap_or_default()}</td> }).collect_view()}
                                        <td class="num" data-cell="deduction" title=lines.join("\n")>{(deducted > 0).then(|| format!("−{}", centi_text(deducted)))}</td>
                                        <td class="num" data-cell="total"><strong>{row.total_c.map(centi_text).unwrap_or_default()}</strong></td>
                                        <td class="small">{move || grade_text(scale, th, lang())}</td>
                                        <td data-cell="grade"><strong>{move || grade_text(scale, level, lang())}</strong></td>
                                        <td class="small">
                                            {(!veto_names.is_empty()).then(|| view! { <span class="badge badge-problem">{t!(i18n, asm_vetoed)} "：" {veto_names.join("、")}</span> " " })}
                                            {row.overridden.then(|| view! { <span class="badge badge-public">{t!(i18n, asm_overridden)}</span> " " })}
                                            {row.quota_blocked.then(|| view! { <span class="badge badge-overdue">{t!(i18n, asm_quota_blocked)}</span> " " })}
                                            {lines.iter().map(|l| view! { <span class="deduction-line" data-rule="BR-D10">{t!(i18n, asm_deduction)} " " {l.clone()}</span> " " }).collect_view()}
                                            {(!row.complete()).then(|| view! { <span class="muted">{t!(i18n, asm_incomplete)}</span> })}
                                        </td>
                                        <td class="no-print">{grading.then(|| view! { <button class="btn btn-small edit-only" data-action="adjust" on:click=move |_| editing.set(Some(a_edit.clone()))>{t!(i18n, asm_adjust)}</button> })}</td>
                                    </tr>
                                    <Show when=is_open.clone()>
                                        <tr class="detail-row no-print"><td colspan=colspan>
                                            <AdjustForm scheme_id=id_edit.clone() s=s_edit.clone() a=row.assessee.clone() editing errors />
                                        </td></tr>
                                    </Show>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }
            })}
        </section>
    }
}

/// Veto items triggered and a reasoned grade override for one assessee.
#[component]
fn AdjustForm(
    scheme_id: String,
    s: AssessmentSchemeData,
    a: Assessee,
    editing: RwSignal<Option<Assessee>>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = app.desk.with_untracked(|d| {
        d.ws()
            .assessment_results
            .iter_live()
            .find(|r| r.data.scheme_id == scheme_id && r.data.assessee == a)
            .map(|r| (r.meta.id.clone(), r.meta.rev, r.data.clone()))
    });
    let vetoed = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.2.vetoed_by.clone())
            .unwrap_or_default(),
    );
    let level = RwSignal::new(
        current
            .as_ref()
            .and_then(|c| c.2.grade_override.as_ref())
            .map(|o| o.level.to_string())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(
        current
            .as_ref()
            .and_then(|c| c.2.grade_override.as_ref())
            .map(|o| o.reason.clone())
            .unwrap_or_default(),
    );
    let scale = s.scale;
    let veto_opts: Vec<(String, String)> = s
        .veto_items
        .iter()
        .map(|v| (v.code.clone(), format!("{} {}", v.code, v.name)))
        .collect();
    let save = move |_| {
        let Some((id, rev, mut data)) = current.clone() else {
            errors.set(vec![local_error(
                "grade_override",
                "请先在“评分录入”中录入该对象的实绩",
                "Enter this assessee's results under Scores first",
            )]);
            return;
        };
        data.vetoed_by = vetoed.get_untracked();
        data.grade_override = level
            .get_untracked()
            .parse::<u8>()
            .ok()
            .map(|l| GradeOverride {
                level: l,
                reason: reason.get_untracked().trim().to_string(),
            });
        if run(
            app,
            Command::Save {
                id: Some(id),
                data: Data::AssessmentResult(data),
                base_rev: Some(rev),
            },
            errors,
        ) {
            editing.set(None);
        }
    };
    view! {
        <div class="form-inline adjust-form" id="adjust-form">
            {check_group("adjust-veto", t!(i18n, asm_veto_items), vetoed, move || veto_opts.clone(), errors, "vetoed_by")}
            <div class="field"><label for="adjust-level">{t!(i18n, asm_override)}</label>
                <select id="adjust-level" on:change=move |ev| level.set(event_target_value(&ev))>
                    <option value="" selected=move || level.get().is_empty()>{t!(i18n, asm_no_override)}</option>
                    {(0..LEVELS).map(|l| view! { <option value=l.to_string() selected=move || level.get() == l.to_string()>{move || scale.grade(l).get(lang()).to_string()}</option> }).collect_view()}
                </select></div>
            <div class="field"><label for="adjust-reason">{t!(i18n, asm_override_reason)}</label>
                <input id="adjust-reason" type="text" class="reason-input" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) /></div>
            <button class="btn btn-primary btn-small" id="adjust-save" on:click=save>{t!(i18n, save)}</button>
            " "
            <button class="btn btn-small" on:click=move |_| editing.set(None)>{t!(i18n, cancel)}</button>
        </div>
    }
}

/// The recorded approval that raises the top-grade share up to 25 % (BR-D5).
#[component]
fn QuotaApprovalForm(
    id: String,
    rev: u32,
    s: AssessmentSchemeData,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let a = s.quota.as_ref().and_then(|q| q.approval.clone());
    let share = RwSignal::new(a.as_ref().map_or(String::new(), |a| {
        format!("{}", f64::from(a.share_permille) / 10.0)
    }));
    let by = RwSignal::new(
        a.as_ref()
            .and_then(|a| a.approved_by_org_id.clone())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(a.as_ref().map(|a| a.reason.clone()).unwrap_or_default());
    let (doc_no, doc_title, doc_date) = doc_signals(a.as_ref().and_then(|a| a.doc.as_ref()));
    let save = move |_| {
        let mut data = s.clone();
        let Some(q) = data.quota.as_mut() else { return };
        let t = share.get_untracked();
        q.approval = if t.trim().is_empty() {
            None
        } else {
            match parse_opt::<f64>(&t) {
                Ok(Some(p)) => Some(QuotaApproval {
                    share_permille: (p * 10.0).round() as u32,
                    approved_by_org_id: Some(by.get_untracked()).filter(|x| !x.is_empty()),
                    doc: doc_value(doc_no, doc_title, doc_date),
                    reason: reason.get_untracked().trim().to_string(),
                }),
                _ => {
                    errors.set(vec![local_error(
                        "quota",
                        "批准比例须为百分数",
                        "The approved share is a percentage",
                    )]);
                    return;
                }
            }
        };
        run(
            app,
            Command::Save {
                id: Some(id.clone()),
                data: Data::AssessmentScheme(data),
                base_rev: Some(rev),
            },
            errors,
        );
    };
    let orgs = org_kind_options(
        app,
        Some("—"),
        &[
            crate::domain::org::OrgKind::CityPartyCommittee,
            crate::domain::org::OrgKind::CityGovernment,
            crate::domain::org::OrgKind::ParkPartyCommittee,
            crate::domain::org::OrgKind::ParkMgmtCommittee,
            crate::domain::org::OrgKind::BianWei,
        ],
    );
    view! {
        <details class="editor no-print" id="quota-approval">
            <summary>{t!(i18n, asm_quota_approval)}</summary>
            <div class="form-grid">
                {input("approval-share", t!(i18n, asm_approved_share), share, errors, "quota", "text")}
                {select("approval-by", t!(i18n, asm_approved_by), by, orgs, errors, "quota")}
                {input("approval-reason", t!(i18n, asm_override_reason), reason, errors, "quota", "text")}
                {doc_fields(["approval-doc-no", "approval-doc-title", "approval-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <button class="btn btn-small btn-primary" id="approval-save" on:click=save>{t!(i18n, save)}</button>
        </details>
    }
}
