//! 竞争上岗 workspace (S5.3): campaigns, their configuration (stages, weights, pass marks,
//! advance ratios, publicity days), candidates, the score entry grid with the derived ranking,
//! the state machine's next step, publicity with objections, and the appointment it produces
//! (one command with the move to 任职, linked to the campaign).

use leptos::prelude::*;

use super::org::ParkFilter;
use super::people::person_picker;
use crate::domain::appointment::{AppointmentData, AppointmentKind, AppointmentStatus};
use crate::domain::authority::rule_for;
use crate::domain::command::{Command, CommandError, SaveItem};
use crate::domain::meta::Period;
use crate::domain::org::OrgKind;
use crate::domain::rules::Violation;
use crate::domain::selection::*;
use crate::domain::staffing::WorkCalendar;
use crate::domain::text::Text;
use crate::domain::workspace::{Data, Kind, Record};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::widgets::*;

#[component]
pub fn Selection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let open = RwSignal::new(None::<String>);
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        let park = filter.0.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let s = ws.staffing_settings();
            ws.selection_campaigns
                .iter_live()
                .filter(|c| park.is_empty() || c.data.park_id == park)
                .map(|c| {
                    let end = c.data.publicity_end(&s);
                    let n = ws
                        .appointments
                        .iter_live()
                        .filter(|a| a.data.selection_id.as_deref() == Some(c.id()))
                        .count();
                    (
                        c.meta.id.clone(),
                        c.data.title.clone(),
                        ws.label_of(Kind::Park, &c.data.park_id),
                        c.data.status,
                        c.data.candidates.len(),
                        c.data.publicity_start,
                        end,
                        n,
                        c.meta.provenance,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="selection">
            <div class="block-head">
                <h2>{t!(i18n, sel_title)}</h2>
                <button class="btn btn-primary" id="campaign-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, sel_new)}</button>
            </div>
            <p class="hint">{t!(i18n, sel_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <CampaignForm edit id=None base_rev=None filter open /> }),
                Editing::Edit(id, rev) => Some(view! { <CampaignForm edit id=Some(id) base_rev=Some(rev) filter open /> }),
            }}
            <table class="table table-compact" id="campaign-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, sel_campaign)}</th><th scope="col">{t!(i18n, col_park)}</th><th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col" class="num">{t!(i18n, sel_candidates)}</th><th scope="col">{t!(i18n, sel_publicity)}</th><th scope="col" class="num">{t!(i18n, sel_appointed)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th><th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(id, title, park, status, n, start, end, appointed, prov)| {
                        let id_open = id.clone();
                        view! {
                            <tr data-id=id.clone() data-status=status.code()>
                                <th scope="row">{title} " " <ProvenanceBadge provenance=prov /></th>
                                <td class="small">{park}</td>
                                <td>{move || status.label(lang())}</td>
                                <td class="num">{n}</td>
                                <td class="nowrap small">{start.map(|s| format!("{s} – {}", end.map(|e| e.to_string()).unwrap_or_default())).unwrap_or_default()}</td>
                                <td class="num">{appointed}</td>
                                <td>{record_issues(app, Kind::SelectionCampaign, id.clone())}</td>
                                <td class="actions"><button class="btn btn-small" data-action="open" on:click=move |_| open.set(Some(id_open.clone()))>{t!(i18n, sel_open)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {move || open.get().map(|id| view! { <CampaignDetail id edit /> })}
    }
}

fn campaign(app: AppState, id: &str) -> Option<(u32, SelectionCampaignData)> {
    app.desk
        .with(|d| match d.ws().get(Kind::SelectionCampaign, id) {
            Some(Record::SelectionCampaign(r)) if !r.meta.deleted => Some((r.meta.rev, r.data)),
            _ => None,
        })
}

/// Saves a changed campaign as one command; problems go to `errors`.
fn save_campaign(
    app: AppState,
    id: &str,
    rev: u32,
    data: SelectionCampaignData,
    errors: RwSignal<Vec<Violation>>,
) -> bool {
    match app.dispatch(Command::Save {
        id: Some(id.to_string()),
        data: Data::SelectionCampaign(data),
        base_rev: Some(rev),
    }) {
        Ok(out) => {
            errors.set(Vec::new());
            app.toast.set(Some(out.summary));
            true
        }
        Err(CommandError::Rejected(v)) => {
            errors.set(v);
            false
        }
        Err(e) => {
            app.toast.set(Some(e.text()));
            false
        }
    }
}

/// A stage's inputs: held, weight, pass mark, advance ratio.
type StageInputs = (
    SelectionStage,
    RwSignal<bool>,
    RwSignal<String>,
    RwSignal<String>,
    RwSignal<String>,
);

#[component]
fn CampaignForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
    filter: ParkFilter,
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| campaign(app, id)).map(|c| c.1);
    let c = current.unwrap_or(SelectionCampaignData {
        park_id: filter.0.get_untracked(),
        title: String::new(),
        post_ids: vec![],
        stages: default_stages(),
        notice_days: 5,
        status: SelectionStatus::Draft,
        publicity_start: None,
        decision: None,
        cancel_reason: None,
        candidates: vec![],
        history: vec![],
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let title = RwSignal::new(c.title.clone());
    let park = RwSignal::new(c.park_id.clone());
    let posts = RwSignal::new(c.post_ids.clone());
    let notice = RwSignal::new(c.notice_days.to_string());
    let (doc_no, doc_title, doc_date) = doc_signals(c.decision.as_ref());
    // One row of inputs per stage.
    let stage_inputs: Vec<StageInputs> = SelectionStage::ALL
        .iter()
        .map(|s| {
            let cfg = c.config(*s).cloned();
            (
                *s,
                RwSignal::new(cfg.as_ref().is_some_and(|x| x.enabled)),
                RwSignal::new(
                    cfg.as_ref()
                        .map(|x| format_weight(x.weight_permille))
                        .unwrap_or_default(),
                ),
                RwSignal::new(
                    cfg.as_ref()
                        .and_then(|x| x.pass_mark)
                        .map(format_score)
                        .unwrap_or_default(),
                ),
                RwSignal::new(
                    cfg.as_ref()
                        .and_then(|x| x.advance_ratio)
                        .map(|r| format!("{}:{}", r.candidates, r.posts))
                        .unwrap_or_default(),
                ),
            )
        })
        .collect();
    let inputs = stage_inputs.clone();
    let base = c.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut stages = Vec::new();
        for (s, enabled, w, pass, ratio) in &inputs {
            let weight = match w.get_untracked().trim() {
                "" => Some(0),
                x => parse_weight(x),
            };
            let pass_mark = match pass.get_untracked().trim() {
                "" => Some(None),
                x => parse_score(x).map(Some),
            };
            let advance = match ratio.get_untracked().trim() {
                "" => Some(None),
                x => x
                    .split_once([':', '：'])
                    .and_then(|(a, b)| {
                        Some(AdvanceRatio {
                            candidates: a.trim().parse().ok()?,
                            posts: b.trim().parse().ok()?,
                        })
                    })
                    .map(Some),
            };
            let (Some(weight), Some(pass_mark), Some(advance_ratio)) = (weight, pass_mark, advance)
            else {
                errors.set(vec![local_error(
                    "stages",
                    &format!(
                        "“{}”的权重、合格线或入围比例格式不对（如 0.3、60、3:1）",
                        s.zh()
                    ),
                    &format!(
                        "The weight, pass mark or ratio of the {} is not valid (e.g. 0.3, 60, 3:1)",
                        s.en().to_lowercase()
                    ),
                )]);
                return;
            };
            stages.push(StageConfig {
                stage: *s,
                enabled: enabled.get_untracked(),
                weight_permille: weight,
                pass_mark,
                advance_ratio,
            });
        }
        let Ok(Some(n)) = parse_opt::<u8>(&notice.get_untracked()) else {
            errors.set(vec![local_error(
                "notice_days",
                "公示天数请填写整数",
                "Enter the publicity days as a whole number",
            )]);
            return;
        };
        let data = SelectionCampaignData {
            park_id: park.get_untracked(),
            title: title.get_untracked().trim().to_string(),
            post_ids: posts.get_untracked(),
            stages,
            notice_days: n,
            decision: doc_value(doc_no, doc_title, doc_date),
            ..base.clone()
        };
        let was_new = id.is_none();
        match app.dispatch(Command::Save {
            id: id.clone(),
            data: Data::SelectionCampaign(data),
            base_rev,
        }) {
            Ok(out) => {
                errors.set(Vec::new());
                edit.set(Editing::Closed);
                if was_new {
                    open.set(out.id.clone());
                }
                app.toast.set(Some(out.summary));
            }
            Err(CommandError::Rejected(v)) => errors.set(v),
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    // Section-level leadership posts of the park's internal bodies.
    let post_opts = move || {
        let pk = park.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.posts
                .iter_live()
                .filter(|p| {
                    p.data.is_leadership
                        && p.data.rank.is_section_level()
                        && ws.org_units.live(&p.data.org_id).is_some_and(|o| {
                            o.data.park_id.as_deref() == Some(pk.as_str())
                                && o.data.kind.is_committee_body()
                        })
                })
                .map(|p| (p.meta.id.clone(), ws.label_of(Kind::Post, p.id())))
                .collect::<Options>()
        })
    };
    view! {
        <form class="form" id="campaign-form" on:submit=submit novalidate>
            <h3>{t!(i18n, sel_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("campaign-title", t!(i18n, sel_campaign), title, errors, "title", "text")}
                {select("campaign-park", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park_id")}
                {input("campaign-notice", t!(i18n, sel_notice_days), notice, errors, "notice_days", "text")}
                {check_group("campaign-posts", t!(i18n, sel_posts), posts, post_opts, errors, "post_ids")}
                {doc_fields(["campaign-doc-no", "campaign-doc-title", "campaign-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <table class="table table-compact" id="stage-config">
                <thead><tr>
                    <th scope="col">{t!(i18n, sel_stage)}</th><th scope="col">{t!(i18n, sel_held)}</th><th scope="col">{t!(i18n, sel_weight)}</th>
                    <th scope="col">{t!(i18n, sel_pass_mark)}</th><th scope="col">{t!(i18n, sel_ratio)}</th>
                </tr></thead>
                <tbody>
                    {stage_inputs.into_iter().map(|(s, enabled, w, pass, ratio)| {
                        let code = s.code().to_lowercase();
                        view! {
                            <tr data-stage=s.code()>
                                <th scope="row">{move || s.label(lang())}</th>
                                <td><input type="checkbox" id=format!("stage-{code}-on") aria-label=move || format!("{} {}", s.label(lang()), t_string!(i18n, sel_held)) prop:checked=move || enabled.get() on:change=move |ev| enabled.set(event_target_checked(&ev)) /></td>
                                <td><input type="text" class="short" id=format!("stage-{code}-weight") aria-label=move || format!("{} {}", s.label(lang()), t_string!(i18n, sel_weight)) prop:value=move || w.get() on:input=move |ev| w.set(event_target_value(&ev)) /></td>
                                <td><input type="text" class="short" id=format!("stage-{code}-pass") aria-label=move || format!("{} {}", s.label(lang()), t_string!(i18n, sel_pass_mark)) prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) /></td>
                                <td><input type="text" class="short" id=format!("stage-{code}-ratio") aria-label=move || format!("{} {}", s.label(lang()), t_string!(i18n, sel_ratio)) prop:value=move || ratio.get() on:input=move |ev| ratio.set(event_target_value(&ev)) /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="hint">{t!(i18n, sel_config_hint)}</p>
            <FormButtons prefix="campaign" edit errors />
        </form>
    }
}

/// The inputs of one grid row.
#[derive(Clone, Copy)]
struct GridRow {
    eligible: RwSignal<String>,
    written: RwSignal<String>,
    interview: RwSignal<String>,
    eval: RwSignal<String>,
    votes: [RwSignal<String>; 5],
    vetting: RwSignal<String>,
    proposed: RwSignal<bool>,
    withdrawn: RwSignal<bool>,
}

fn tri(v: Option<bool>) -> String {
    match v {
        Some(true) => "Y".into(),
        Some(false) => "N".into(),
        None => String::new(),
    }
}

fn untri(s: &str) -> Option<bool> {
    match s {
        "Y" => Some(true),
        "N" => Some(false),
        _ => None,
    }
}

#[component]
fn CampaignDetail(id: String, edit: RwSignal<Editing>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let id2 = id.clone();
    let current = Memo::new(move |_| campaign(app, &id2));
    let cancel_reason = RwSignal::new(String::new());
    let id_next = id.clone();
    let go = move |to: SelectionStatus| {
        let Some((rev, mut c)) = current.get_untracked() else {
            return;
        };
        c.status = to;
        if to == SelectionStatus::Cancelled {
            let r = cancel_reason.get_untracked().trim().to_string();
            c.cancel_reason = (!r.is_empty()).then_some(r);
        }
        save_campaign(app, &id_next, rev, c, errors);
    };
    let id_edit = id.clone();
    view! {
        <section class="block campaign" id="campaign-detail">
            {move || current.get().map(|(rev, c)| {
                let status = c.status;
                let next = c.next_status(status);
                let settings = app.desk.with(|d| d.ws().staffing_settings());
                let end = c.publicity_end(&settings);
                let go2 = go.clone();
                let go3 = go.clone();
                let go4 = go.clone();
                let id_edit = id_edit.clone();
                view! {
                    <div class="block-head">
                        <h2>{c.title.clone()}</h2>
                        <button class="btn" id="campaign-edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, sel_edit_config)}</button>
                    </div>
                    <p>
                        <span class="status" id="campaign-status" data-status=status.code()>{move || status.label(lang())}</span>
                        " " <span class="small muted">{t!(i18n, sel_weights)} ": " {c.scored_stages().iter().map(|s| format!("{} {}", s.zh(), format_weight(c.weight(*s)))).collect::<Vec<_>>().join(" · ")}</span>
                    </p>
                    <ol class="steps small" id="campaign-steps">
                        {SelectionStatus::ALL.iter().filter(|s| **s != SelectionStatus::Cancelled).map(|s| {
                            let s = *s;
                            let done = s.step() < status.step() && status != SelectionStatus::Cancelled;
                            let here = s == status;
                            view! { <li class:done=done class:here=here>{move || s.label(lang())}</li> }
                        }).collect_view()}
                    </ol>
                    <div class="form-inline">
                        // From publicity on, 任职 happens person by person below (with the appointment).
                        {next.filter(|_| status != SelectionStatus::Publicity).map(|n| view! {
                            <button class="btn btn-primary" id="campaign-next" data-next=n.code() on:click=move |_| go2(n)>
                                {t!(i18n, sel_next)} "：" {move || n.label(lang())}
                            </button>
                        })}
                        {(status == SelectionStatus::Publicity).then(|| view! { <p class="hint">{t!(i18n, sel_appoint_below)}</p> })}
                        {(status == SelectionStatus::Publicity).then(|| view! {
                            <button class="btn" id="campaign-back" on:click=move |_| go3(SelectionStatus::Vetting)>{t!(i18n, sel_back_to_vetting)}</button>
                        })}
                        {(!status.is_terminal()).then(|| view! {
                            <div class="field"><label for="campaign-cancel-reason">{t!(i18n, sel_cancel_reason)}</label>
                                <input id="campaign-cancel-reason" type="text" prop:value=move || cancel_reason.get() on:input=move |ev| cancel_reason.set(event_target_value(&ev)) /></div>
                            <button class="btn btn-danger" id="campaign-cancel" on:click=move |_| go4(SelectionStatus::Cancelled)>{t!(i18n, sel_cancel)}</button>
                        })}
                    </div>
                    <div id="campaign-errors"><ErrorSummary errors /></div>
                    {record_issues(app, Kind::SelectionCampaign, id.clone())}
                    <ScoreGrid id=id.clone() rev c=c.clone() errors />
                    <AddCandidate id=id.clone() rev c=c.clone() errors />
                    <Publicity id=id.clone() rev c=c.clone() end errors />
                    <details class="small">
                        <summary>{t!(i18n, sel_history)}</summary>
                        <ul id="campaign-history">{c.history.iter().map(|h| {
                            let (f, t) = (SelectionStatus::from_code(&h.from), SelectionStatus::from_code(&h.to));
                            view! { <li>{h.at.format("%Y-%m-%d %H:%M").to_string()} " " {move || f.map(|x| x.label(lang())).unwrap_or("")} " → " {move || t.map(|x| x.label(lang())).unwrap_or("")}</li> }
                        }).collect_view()}</ul>
                    </details>
                }
            })}
        </section>
    }
}

#[component]
fn ScoreGrid(id: String, rev: u32, c: SelectionCampaignData, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let results = c.evaluate();
    let rows: Vec<GridRow> = c
        .candidates
        .iter()
        .map(|x| {
            let s = |st| {
                x.scores
                    .iter()
                    .find(|v| v.stage == st)
                    .map(|v| format_score(v.score))
                    .unwrap_or_default()
            };
            let v = x.votes.unwrap_or_default();
            let has = x.votes.is_some();
            let n = |k: u16| RwSignal::new(if has { k.to_string() } else { String::new() });
            GridRow {
                eligible: RwSignal::new(tri(x.eligible)),
                written: RwSignal::new(s(SelectionStage::WrittenExam)),
                interview: RwSignal::new(s(SelectionStage::Interview)),
                eval: RwSignal::new(s(SelectionStage::DemocraticEval)),
                votes: [
                    n(v.excellent),
                    n(v.competent),
                    n(v.basic),
                    n(v.incompetent),
                    n(v.abstain),
                ],
                vetting: RwSignal::new(tri(x.vetting_passed)),
                proposed: RwSignal::new(x.proposed),
                withdrawn: RwSignal::new(x.withdrawn),
            }
        })
        .collect();
    let base = c.clone();
    let grid = rows.clone();
    let save_grid = move |_| {
        let mut data = base.clone();
        for (cand, row) in data.candidates.iter_mut().zip(&grid) {
            cand.eligible = untri(&row.eligible.get_untracked());
            cand.vetting_passed = untri(&row.vetting.get_untracked());
            cand.proposed = row.proposed.get_untracked();
            cand.withdrawn = row.withdrawn.get_untracked();
            let mut scores = Vec::new();
            for (stage, sig) in [
                (SelectionStage::WrittenExam, row.written),
                (SelectionStage::Interview, row.interview),
                (SelectionStage::DemocraticEval, row.eval),
            ] {
                match sig.get_untracked().trim() {
                    "" => {}
                    x => match parse_score(x) {
                        Some(score) => scores.push(StageScore { stage, score }),
                        None => {
                            errors.set(vec![local_error(
                                "candidates",
                                &format!("成绩“{x}”须为 0–100、最多两位小数"),
                                &format!("Score “{x}” must be 0–100 with at most two decimals"),
                            )]);
                            return;
                        }
                    },
                }
            }
            cand.scores = scores;
            let texts: Vec<String> = row
                .votes
                .iter()
                .map(|v| v.get_untracked().trim().to_string())
                .collect();
            cand.votes = if texts.iter().all(|t| t.is_empty()) {
                None
            } else {
                let nums: Option<Vec<u16>> = texts
                    .iter()
                    .map(|t| {
                        if t.is_empty() {
                            Some(0)
                        } else {
                            t.parse().ok()
                        }
                    })
                    .collect();
                let Some(n) = nums else {
                    errors.set(vec![local_error(
                        "candidates",
                        "测评票数须为整数",
                        "Vote counts must be whole numbers",
                    )]);
                    return;
                };
                Some(VoteTally {
                    excellent: n[0],
                    competent: n[1],
                    basic: n[2],
                    incompetent: n[3],
                    abstain: n[4],
                })
            };
        }
        save_campaign(app, &id, rev, data, errors);
    };
    let reached = |s| c.reached(s) && c.enabled(s);
    let (w_on, i_on, e_on) = (
        reached(SelectionStage::WrittenExam),
        reached(SelectionStage::Interview),
        reached(SelectionStage::DemocraticEval),
    );
    let vet_on = c.reached(SelectionStage::Vetting);
    let review_on = c.status.step() >= SelectionStatus::EligibilityReview.step();
    let decided_on = c.status.step() >= SelectionStatus::Ranked.step();
    view! {
        <h3>{t!(i18n, sel_grid)}</h3>
        <p class="hint">{t!(i18n, sel_grid_hint)}</p>
        <div class="scroll-x">
        <table class="table table-compact score-grid" id="score-grid">
            <thead><tr>
                <th scope="col">{t!(i18n, ppl_person)}</th><th scope="col">{t!(i18n, sel_target_post)}</th><th scope="col">{t!(i18n, sel_eligible)}</th>
                <th scope="col">{t!(i18n, sel_written)}</th><th scope="col">{t!(i18n, sel_interview)}</th>
                <th scope="col">{t!(i18n, sel_votes)}</th><th scope="col">{t!(i18n, sel_eval)}</th>
                <th scope="col" class="num">{t!(i18n, sel_composite)}</th><th scope="col" class="num">{t!(i18n, sel_rank)}</th><th scope="col">{t!(i18n, sel_standing)}</th>
                <th scope="col">{t!(i18n, sel_vetting)}</th><th scope="col">{t!(i18n, sel_proposed)}</th><th scope="col">{t!(i18n, sel_withdrawn)}</th>
            </tr></thead>
            <tbody>
                {c.candidates.iter().zip(results).zip(rows).enumerate().map(|(i, ((cand, r), row))| {
                    let who = app.desk.with_untracked(|d| d.ws().label_of(Kind::Person, &cand.person_id));
                    let post = app.desk.with_untracked(|d| d.ws().posts.live(&cand.target_post_id).map(|p| p.data.title.clone()).unwrap_or_default());
                    let entered = |s| r.entered.contains(&s);
                    let cell = |sig: RwSignal<String>, stage: SelectionStage, on: bool, name: &'static str| {
                        let enabled = on && (entered(stage) || cand.entered_score(stage));
                        view! { <input type="text" class="short" id=format!("score-{i}-{name}") aria-label=format!("{who} {name}") disabled=!enabled prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) /> }
                    };
                    let standing = r.standing.label();
                    let tied = r.tied;
                    let warn = r.evaluation_warning;
                    view! {
                        <tr data-person=cand.person_id.clone() data-standing=r.standing.code() data-rank=r.rank.map(|x| x.to_string()).unwrap_or_default()>
                            <th scope="row">{app.desk.with_untracked(|d| d.ws().persons.live(&cand.person_id).map(|p| view! { {p.data.display_name.clone()} <br /> <span class="small muted">{p.data.staff_no.clone()}</span> }))}</th>
                            <td class="small">{post}</td>
                            <td><select id=format!("score-{i}-eligible") aria-label=format!("{who} eligible") disabled=!review_on on:change=move |ev| row.eligible.set(event_target_value(&ev))>
                                <option value="" selected=row.eligible.get_untracked().is_empty()>{t!(i18n, sel_pending)}</option>
                                <option value="Y" selected=row.eligible.get_untracked() == "Y">{t!(i18n, sel_yes)}</option>
                                <option value="N" selected=row.eligible.get_untracked() == "N">{t!(i18n, sel_no)}</option>
                            </select></td>
                            <td>{cell(row.written, SelectionStage::WrittenExam, w_on, "written")}</td>
                            <td>{cell(row.interview, SelectionStage::Interview, i_on, "interview")}</td>
                            <td class="votes">{row.votes.iter().zip(["excellent", "competent", "basic", "incompetent", "abstain"]).map(|(sig, name)| {
                                let sig = *sig;
                                let enabled = e_on && (entered(SelectionStage::DemocraticEval) || cand.votes.is_some());
                                view! { <input type="text" class="tiny" id=format!("score-{i}-{name}") aria-label=format!("{who} {name}") title=name disabled=!enabled prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) /> }
                            }).collect_view()}</td>
                            // With votes the score is computed; without, it may be typed.
                            <td class="num">{match cand.votes {
                                Some(_) => view! { <span data-cell="eval">{r.evaluation.map(format_score).unwrap_or_default()}</span> }.into_any(),
                                None => cell(row.eval, SelectionStage::DemocraticEval, e_on, "eval").into_any(),
                            }}{warn.then(|| view! { " " <span class="badge badge-problem" title="不称职票超过三分之一">"!"</span> })}</td>
                            <td class="num" data-cell="composite">{r.composite.map(format_composite).unwrap_or_default()}</td>
                            <td class="num" data-cell="rank">{r.rank.map(|x| x.to_string()).unwrap_or_default()}{tied.then(|| view! { " " <span class="badge badge-public">{t!(i18n, sel_tied)}</span> })}</td>
                            <td class="small">{move || standing.get(lang()).to_string()}</td>
                            <td><select id=format!("score-{i}-vetting") aria-label=format!("{who} vetting") disabled=!(vet_on && entered(SelectionStage::Vetting)) on:change=move |ev| row.vetting.set(event_target_value(&ev))>
                                <option value="" selected=row.vetting.get_untracked().is_empty()>{t!(i18n, sel_pending)}</option>
                                <option value="Y" selected=row.vetting.get_untracked() == "Y">{t!(i18n, sel_passed)}</option>
                                <option value="N" selected=row.vetting.get_untracked() == "N">{t!(i18n, sel_failed)}</option>
                            </select></td>
                            <td><input type="checkbox" id=format!("score-{i}-proposed") aria-label=format!("{who} proposed") disabled=!decided_on prop:checked=move || row.proposed.get() on:change=move |ev| row.proposed.set(event_target_checked(&ev)) /></td>
                            <td><input type="checkbox" id=format!("score-{i}-withdrawn") aria-label=format!("{who} withdrawn") prop:checked=move || row.withdrawn.get() on:change=move |ev| row.withdrawn.set(event_target_checked(&ev)) /></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <p class="hint small">{t!(i18n, sel_votes_hint)}</p>
        <button class="btn btn-primary" id="score-save" on:click=save_grid>{t!(i18n, sel_save_grid)}</button>
    }
}

#[component]
fn AddCandidate(
    id: String,
    rev: u32,
    c: SelectionCampaignData,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let person = RwSignal::new(String::new());
    let post = RwSignal::new(c.post_ids.first().cloned().unwrap_or_default());
    let post_ids = c.post_ids.clone();
    let post_opts = move || {
        app.desk.with(|d| {
            post_ids
                .iter()
                .map(|p| (p.clone(), d.ws().label_of(Kind::Post, p)))
                .collect::<Options>()
        })
    };
    let add = move |_| {
        let mut data = c.clone();
        let p = person.get_untracked();
        if p.is_empty() {
            errors.set(vec![local_error(
                "person_id",
                "请选择人员",
                "Choose a person",
            )]);
            return;
        }
        data.candidates
            .push(Candidate::new(p, post.get_untracked()));
        if save_campaign(app, &id, rev, data, errors) {
            person.set(String::new());
        }
    };
    view! {
        <details class="subform" id="candidate-add">
            <summary>{t!(i18n, sel_add_candidate)}</summary>
            <div class="form-inline">
                {person_picker(app, "cand-person", person, errors)}
                {select("cand-post", t!(i18n, sel_target_post), post, post_opts, errors, "target_post_id")}
                <div class="field"><button type="button" class="btn" id="cand-add" on:click=add>{t!(i18n, sel_add)}</button></div>
            </div>
        </details>
    }
}

/// Publicity, objections and the appointment of each proposed candidate.
#[component]
fn Publicity(
    id: String,
    rev: u32,
    c: SelectionCampaignData,
    end: Option<chrono::NaiveDate>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let start = RwSignal::new(date_string(c.publicity_start));
    let (id1, c1) = (id.clone(), c.clone());
    let save_start = move |_| {
        let mut data = c1.clone();
        data.publicity_start = parse_date(&start.get_untracked());
        save_campaign(app, &id1, rev, data, errors);
    };
    // The first working day after publicity: the earliest appointment date.
    let first_day = app.desk.with_untracked(|d| {
        let cal = WorkCalendar::new(&d.ws().staffing_settings());
        end.and_then(|e| e.succ_opt()).map(|n| cal.span_end(n, 1))
    });
    let proposed: Vec<(usize, Candidate)> = c
        .candidates
        .iter()
        .cloned()
        .enumerate()
        .filter(|(_, x)| x.proposed)
        .collect();
    let in_publicity = matches!(
        c.status,
        SelectionStatus::Publicity | SelectionStatus::Appointed | SelectionStatus::Closed
    );
    view! {
        <h3>{t!(i18n, sel_publicity)}</h3>
        <div class="form-inline">
            <div class="field"><label for="publicity-start">{t!(i18n, sel_publicity_start)}</label>
                <input id="publicity-start" type="date" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) /></div>
            <div class="field"><button type="button" class="btn" id="publicity-save" on:click=save_start>{t!(i18n, save)}</button></div>
            <p>{t!(i18n, sel_notice_days)} " " {c.notice_days} " · " {t!(i18n, sel_publicity_end)} " " <strong id="publicity-end">{end.map(|e| e.to_string()).unwrap_or_else(|| "—".into())}</strong></p>
        </div>
        <table class="table table-compact" id="proposed-table">
            <thead><tr>
                <th scope="col">{t!(i18n, sel_proposed)}</th><th scope="col">{t!(i18n, sel_target_post)}</th>
                <th scope="col">{t!(i18n, sel_objections)}</th><th scope="col">{t!(i18n, sel_appointment)}</th>
            </tr></thead>
            <tbody>
                {proposed.into_iter().map(|(i, cand)| {
                    let who = app.desk.with_untracked(|d| d.ws().label_of(Kind::Person, &cand.person_id));
                    let post = app.desk.with_untracked(|d| d.ws().label_of(Kind::Post, &cand.target_post_id));
                    let linked = app.desk.with_untracked(|d| d.ws().appointments.iter_live().find(|a| a.data.selection_id.as_deref() == Some(id.as_str()) && a.data.person_id == cand.person_id).map(|a| a.data.period.from));
                    let obj_date = RwSignal::new(String::new());
                    let obj_text = RwSignal::new(String::new());
                    let from = RwSignal::new(date_string(first_day));
                    let (id_o, c_o, id_a, c_a, id_s, c_s) = (id.clone(), c.clone(), id.clone(), c.clone(), id.clone(), c.clone());
                    let add_objection = move |_| {
                        let Some(dt) = parse_date(&obj_date.get_untracked()) else {
                            errors.set(vec![local_error("objections", "请填写收到异议的日期", "Enter the date the objection was received")]);
                            return;
                        };
                        let mut data = c_o.clone();
                        data.candidates[i].objections.push(Objection { received_on: dt, summary: obj_text.get_untracked().trim().to_string(), status: ObjectionStatus::Pending, finding: None });
                        save_campaign(app, &id_o, rev, data, errors);
                    };
                    let appoint = move |_| appoint(app, &id_a, rev, &c_a, i, parse_date(&from.get_untracked()), errors);
                    let blocks = cand.objection_blocks();
                    view! {
                        <tr data-person=cand.person_id.clone()>
                            <th scope="row">{who}</th>
                            <td class="small">{post}</td>
                            <td>
                                <ul class="objections">{cand.objections.iter().enumerate().map(|(k, o)| {
                                    let st = o.status;
                                    let (id_s, c_s) = (id_s.clone(), c_s.clone());
                                    view! {
                                        <li data-objection=st.code()>{o.received_on.to_string()} " " {o.summary.clone()} " "
                                            <select aria-label="objection status" on:change=move |ev| {
                                                let mut data = c_s.clone();
                                                if let Some(s) = ObjectionStatus::from_code(&event_target_value(&ev)) {
                                                    data.candidates[i].objections[k].status = s;
                                                    save_campaign(app, &id_s, rev, data, errors);
                                                }
                                            }>
                                                {ObjectionStatus::ALL.iter().map(|s| { let s = *s; view! { <option value=s.code() selected=s == st>{move || s.label(lang())}</option> } }).collect_view()}
                                            </select>
                                        </li>
                                    }
                                }).collect_view()}</ul>
                                {in_publicity.then(|| view! {
                                    <div class="form-inline small">
                                        <input type="date" aria-label=move || t_string!(i18n, sel_objection_date).to_string() prop:value=move || obj_date.get() on:input=move |ev| obj_date.set(event_target_value(&ev)) />
                                        <input type="text" aria-label=move || t_string!(i18n, sel_objection_summary).to_string() placeholder=move || t_string!(i18n, sel_objection_summary).to_string() prop:value=move || obj_text.get() on:input=move |ev| obj_text.set(event_target_value(&ev)) />
                                        <button type="button" class="btn btn-small" data-action="add-objection" on:click=add_objection>{t!(i18n, sel_add_objection)}</button>
                                    </div>
                                })}
                            </td>
                            <td>{match linked {
                                Some(d) => view! { <span class="status status-in_force" data-appointed=d.to_string()>{t!(i18n, sel_appointed_on)} " " {d.to_string()}</span> }.into_any(),
                                None if in_publicity => view! {
                                    <div class="form-inline small">
                                        <input type="date" aria-label=move || t_string!(i18n, sel_appoint_from).to_string() data-field="appoint-from" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                                        <button type="button" class="btn btn-primary btn-small" data-action="appoint" on:click=appoint>{t!(i18n, sel_appoint)}</button>
                                    </div>
                                    {blocks.then(|| view! { <p class="warn-text small">{t!(i18n, sel_objection_blocks)}</p> })}
                                }.into_any(),
                                None => view! { <span class="muted">"—"</span> }.into_any(),
                            }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The appointment a selection produces, created together with the move to 任职 (one undo
/// step); the appointing organ and the consult/filing steps follow the authority rule.
fn appoint(
    app: AppState,
    id: &str,
    rev: u32,
    c: &SelectionCampaignData,
    i: usize,
    from: Option<chrono::NaiveDate>,
    errors: FieldErrors,
) {
    let Some(from) = from else {
        errors.set(vec![local_error(
            "period",
            "请填写任职日期",
            "Enter the appointment date",
        )]);
        return;
    };
    let Some(cand) = c.candidates.get(i) else {
        return;
    };
    let (authority, consulted, filed_with) = app.desk.with_untracked(|d| {
        let ws = d.ws();
        let rules = ws.live_authority_rules();
        let rule = ws.posts.live(&cand.target_post_id).and_then(|p| {
            ws.org_units
                .live(&p.data.org_id)
                .and_then(|o| rule_for(&rules, &p.data, &o.data))
        });
        let kind = rule
            .map(|r| r.data.authority)
            .unwrap_or(OrgKind::ParkPartyCommittee);
        let organ = ws
            .org_units
            .iter_live()
            .find(|o| {
                o.data.kind == kind
                    && (o.data.park_id.is_none()
                        || o.data.park_id.as_deref() == Some(c.park_id.as_str()))
            })
            .map(|o| o.meta.id.clone());
        (
            organ,
            rule.map(|r| r.data.consult.clone()).unwrap_or_default(),
            rule.map(|r| r.data.file_with.clone()).unwrap_or_default(),
        )
    });
    let appointment = AppointmentData {
        person_id: cand.person_id.clone(),
        post_id: cand.target_post_id.clone(),
        kind: AppointmentKind::Appointed,
        authority_org_id: authority,
        consulted,
        filed_with,
        basis: c.decision.clone(),
        selection_id: Some(id.to_string()),
        exception_reason: None,
        period: Period { from, to: None },
        probation_until: from
            .checked_add_months(chrono::Months::new(12))
            .and_then(|d| d.pred_opt()),
        counts_against_quota: true,
        status: AppointmentStatus::Probation,
    };
    let mut items = vec![SaveItem {
        id: None,
        data: Data::Appointment(appointment),
        base_rev: None,
    }];
    if c.status == SelectionStatus::Publicity {
        let mut data = c.clone();
        data.status = SelectionStatus::Appointed;
        items.push(SaveItem {
            id: Some(id.to_string()),
            data: Data::SelectionCampaign(data),
            base_rev: Some(rev),
        });
    }
    let who = app
        .desk
        .with_untracked(|d| d.ws().label_of(Kind::Person, &cand.person_id));
    let summary = Text::new(
        format!("竞争上岗任职：{who}"),
        format!("Appointed from the selection: {who}"),
    );
    match app.dispatch(Command::SaveMany { items, summary }) {
        Ok(out) => {
            errors.set(Vec::new());
            app.toast.set(Some(out.summary));
        }
        Err(CommandError::Rejected(v)) => errors.set(v),
        Err(e) => app.toast.set(Some(e.text())),
    }
}
