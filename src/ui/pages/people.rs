//! 人员: the real-name roster with filters, person editor with dated placements and CSV import
//! (S5.0, S7.3), posts and appointments with the 区镇合一 cross-posts read from them (S1.4,
//! S3.2), appointment authority rules (S5.2), competitive selection (S5.3, in `selection.rs`),
//! talent intake plans (S5.4) and the staffing parameters.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::org::{ParkFilter, ParkFilterControl, in_filter, period_text};
use super::page_title;
use crate::domain::appointment::*;
use crate::domain::authority::{AuthorityRuleData, PostPattern};
use crate::domain::command::{Command, CommandError};
use crate::domain::meta::Period;
use crate::domain::org::OrgKind;
use crate::domain::person::*;
use crate::domain::roster_csv;
use crate::domain::staffing::{Ledger, PostRank, QuotaSeat, QuotaType, StaffingSettingsData, View};
use crate::domain::talent::{PLAN_CHANNELS, PlanStatus, TalentPlanData};
use crate::domain::text::{Lang, Text};
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::{AppState, use_app};
use crate::ui::use_lang;
use crate::ui::virtual_list::{VirtualTable, filter_timed};
use crate::ui::widgets::*;

#[component]
pub fn People() -> impl IntoView {
    let i18n = use_i18n();
    page_title(move || t_string!(i18n, nav_people).to_string());
    let tab = RwSignal::new("roster");
    let filter = ParkFilter(RwSignal::new(String::new()));
    view! {
        <section class="page" id="page-people">
            <h1>{t!(i18n, nav_people)}</h1>
            <p class="lead">{t!(i18n, ppl_lead)}</p>
            <div class="form-inline">
                <super::powers::AsOfControl />
                <ParkFilterControl filter id="ppl-park-filter" />
            </div>
            {tab_bar("ppl-tab", tab, vec![
                ("roster", Box::new(move || t_string!(i18n, ppl_tab_roster).to_string())),
                ("posts", Box::new(move || t_string!(i18n, ppl_tab_posts).to_string())),
                ("authority", Box::new(move || t_string!(i18n, ppl_tab_authority).to_string())),
                ("selection", Box::new(move || t_string!(i18n, ppl_tab_selection).to_string())),
                ("talent", Box::new(move || t_string!(i18n, ppl_tab_talent).to_string())),
                ("settings", Box::new(move || t_string!(i18n, ppl_tab_settings).to_string())),
            ])}
            {move || match tab.get() {
                "posts" => view! { <CrossPosts filter /> <PostSection filter /> <AppointmentSection filter /> }.into_any(),
                "authority" => view! { <RuleSection /> }.into_any(),
                "selection" => view! { <super::selection::Selection filter /> }.into_any(),
                "talent" => view! { <PlanSection filter /> }.into_any(),
                "settings" => view! { <SettingsSection /> }.into_any(),
                _ => view! { <Roster filter /> <RosterImport /> }.into_any(),
            }}
        </section>
    }
}

/// Rows shown at most in a list; filters narrow it down (the roster can hold tens of thousands).
const MAX_ROWS: usize = 200;

// ---------------------------------------------------------------- roster

#[derive(Clone, Debug, PartialEq)]
struct RosterRow {
    id: String,
    rev: u32,
    staff_no: String,
    name: String,
    identity: PersonIdentity,
    seat_org: Option<String>,
    seat: Option<(String, QuotaType)>,
    work_org: String,
    work: String,
    shared: bool,
    status: Option<PersonStatus>,
    channel: EntryChannel,
    flags: Vec<TalentFlag>,
    provenance: crate::domain::meta::Provenance,
    /// What the search box matches: staff number and name.
    search: String,
}

impl RosterRow {
    /// The roster's filters other than the park (applied when the rows are built).
    fn keep(
        &self,
        text: &str,
        unit: &str,
        identity: &str,
        status: &str,
        only_shared: bool,
    ) -> bool {
        let status_ok = match status {
            "" => true,
            "ON_ROSTER" => self.status.is_some_and(PersonStatus::on_roster),
            code => self.status.map(|s| s.code()) == Some(code),
        };
        status_ok
            && (identity.is_empty() || self.identity.code() == identity)
            && (unit.is_empty() || self.seat_org.as_deref() == Some(unit) || self.work_org == unit)
            && (!only_shared
                || self.shared
                || matches!(
                    self.status,
                    Some(PersonStatus::SecondedOut | PersonStatus::SecondedIn)
                ))
            && (text.is_empty() || self.search.contains(text))
    }
}

/// Height of a roster row (rem); see `VirtualTable`.
const ROSTER_ROW_REM: f64 = 2.4;

#[component]
fn Roster(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let text = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let identity = RwSignal::new(String::new());
    let status = RwSignal::new("ON_ROSTER".to_string());
    let only_shared = RwSignal::new(false);
    // Every person of the parks in view with what the filters test, once per change of the data,
    // the as-of date or the park: a keystroke in the search box only scans this list.
    let all = Memo::new(move |_| {
        let day = app.as_of.get();
        let keep = in_filter(app, filter);
        app.desk.with(|d| {
            let ws = d.ws();
            let mut out: Vec<RosterRow> = Vec::new();
            for p in ws.persons.iter_live() {
                let pl = p.data.placement_on(day);
                let seat_org = pl.and_then(|x| x.seat.as_ref()).map(|s| s.org_id.clone());
                let work = pl.and_then(|x| x.work_org_id.clone()).unwrap_or_default();
                if !(filter.0.get_untracked().is_empty()
                    || seat_org.as_deref().is_some_and(&keep)
                    || keep(&work))
                {
                    continue;
                }
                let shared = seat_org
                    .as_ref()
                    .is_some_and(|s| *s != work && !work.is_empty());
                out.push(RosterRow {
                    id: p.meta.id.clone(),
                    rev: p.meta.rev,
                    staff_no: p.data.staff_no.clone(),
                    name: p.data.display_name.clone(),
                    identity: p.data.identity,
                    seat: pl
                        .and_then(|x| x.seat.as_ref())
                        .map(|s| (ws.label_of(Kind::OrgUnit, &s.org_id), s.quota_type)),
                    seat_org,
                    work: if work.is_empty() {
                        String::new()
                    } else {
                        ws.label_of(Kind::OrgUnit, &work)
                    },
                    work_org: work,
                    shared,
                    status: pl.map(|x| x.status),
                    channel: p.data.entry_channel,
                    flags: p.data.talent_flags.clone(),
                    provenance: p.meta.provenance,
                    // A separator no one types keeps a match within one of the two.
                    search: format!("{}\u{1f}{}", p.data.staff_no, p.data.display_name),
                });
            }
            out.sort_by(|a, b| a.staff_no.cmp(&b.staff_no));
            out
        })
    });
    // Positions in `all` of the rows the filters keep: the per-keystroke work.
    let shown = Memo::new(move |_| {
        let (t, u, idn, st, sh) = (
            text.get(),
            unit.get(),
            identity.get(),
            status.get(),
            only_shared.get(),
        );
        let t = t.trim();
        all.with(|rows| {
            filter_timed(|| {
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| r.keep(t, &u, &idn, &st, sh))
                    .map(|(i, _)| i as u32)
                    .collect::<Vec<_>>()
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
    let unit_opts = move || {
        let keep = in_filter(app, filter);
        app.desk.with(|d| {
            d.ws()
                .org_units
                .iter_live()
                .filter(|o| keep(o.id()))
                .map(|o| (o.meta.id.clone(), o.data.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let row = move |r: RosterRow| {
        let id = r.id.clone();
        let id_edit = id.clone();
        let rev = r.rev;
        let identity = r.identity;
        let status = r.status;
        let channel = r.channel;
        let flags = r.flags.clone();
        let seat = r.seat.clone();
        let seat_title = seat.as_ref().map(|s| s.0.clone());
        view! {
            <tr data-id=id.clone() data-staff-no=r.staff_no.clone() class:shared=r.shared>
                <td>{r.staff_no.clone()}</td>
                <th scope="row" title=r.name.clone()>{r.name.clone()} " " <ProvenanceBadge provenance=r.provenance /></th>
                <td class="small">{move || identity.label(lang())}</td>
                <td class="small" title=seat_title>{seat.map(|(o, t)| view! { {o} " · " <span class="muted">{move || t.label(lang())}</span> })}</td>
                <td class="small" title=r.work.clone()>{r.work.clone()} {r.shared.then(|| view! { " " <span class="badge badge-public">{t!(i18n, ppl_shared)}</span> })}</td>
                <td class="small">{move || status.map(|s| s.label(lang())).unwrap_or("—")}</td>
                <td class="small">{move || channel.label(lang())}{move || flags.iter().map(|f| format!(" · {}", f.label(lang()))).collect::<String>()}</td>
                <td>{record_issues(app, Kind::Person, id.clone())}</td>
                <td class="actions">
                    <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                    " " <DeleteButton kind=Kind::Person id=id.clone() />
                </td>
            </tr>
        }
    };
    view! {
        <section class="block" id="roster">
            <div class="block-head">
                <h2>{t!(i18n, ppl_roster_title)} " (" <span id="roster-count">{move || shown.with(|r| r.len())}</span> ")"</h2>
                <span class="head-actions"><ReportTools key="roster" report=crate::reports::people::roster /> <button class="btn btn-primary" id="person-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, ppl_person_new)}</button></span>
            </div>
            <p class="hint">{t!(i18n, ppl_roster_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <PersonForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <PersonForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <div class="form-inline">
                <div class="field"><label for="roster-search">{t!(i18n, ppl_find_person)}</label><input id="roster-search" type="search" on:input=move |ev| text.set(event_target_value(&ev)) /></div>
                <div class="field"><label for="roster-unit">{t!(i18n, org_unit)}</label>
                    <select id="roster-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, pw_all)}</option>
                        {move || unit_opts().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select></div>
                <div class="field"><label for="roster-identity">{t!(i18n, ppl_identity)}</label>
                    <select id="roster-identity" on:change=move |ev| identity.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, pw_all)}</option>
                        {PersonIdentity::ALL.iter().map(|x| { let x = *x; view! { <option value=x.code()>{move || x.label(lang())}</option> } }).collect_view()}
                    </select></div>
                <div class="field"><label for="roster-status">{t!(i18n, col_status)}</label>
                    <select id="roster-status" on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="ON_ROSTER" selected=true>{t!(i18n, ppl_on_roster)}</option>
                        <option value="">{t!(i18n, pw_all)}</option>
                        {PersonStatus::ALL.iter().map(|x| { let x = *x; view! { <option value=x.code()>{move || x.label(lang())}</option> } }).collect_view()}
                    </select></div>
                {checkbox("roster-shared", t!(i18n, ppl_only_shared), only_shared)}
            </div>
            <VirtualTable id="roster-list" table_id="roster-table" table_class="table-compact" columns=9 row_rem=ROSTER_ROW_REM
                label=Signal::derive(move || t_string!(i18n, ppl_roster_title).to_string())
                len=Signal::derive(move || shown.with(|s| s.len()))
                window key=|r: &RosterRow| (r.id.clone(), r.rev) row>
                <thead><tr>
                    <th scope="col" style:width="10rem">{t!(i18n, ppl_staff_no)}</th>
                    <th scope="col" style:width="11rem">{t!(i18n, ppl_name)}</th>
                    <th scope="col" style:width="7rem">{t!(i18n, ppl_identity)}</th>
                    <th scope="col">{t!(i18n, ppl_seat)}</th>
                    <th scope="col">{t!(i18n, ppl_work)}</th>
                    <th scope="col" style:width="6rem">{t!(i18n, col_status)}</th>
                    <th scope="col" style:width="9rem">{t!(i18n, ppl_channel)}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col" style:width="8.5rem">{t!(i18n, col_actions)}</th>
                </tr></thead>
            </VirtualTable>
        </section>
    }
}

#[component]
fn PersonForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().persons.live(id).map(|r| r.data.clone()))
    });
    let is_new = current.is_none();
    let p = current.unwrap_or(PersonData {
        staff_no: String::new(),
        display_name: String::new(),
        gender: None,
        birth_year: None,
        education: None,
        major: None,
        identity: PersonIdentity::CivilServant,
        entry_channel: EntryChannel::Existing,
        talent_flags: vec![],
        placements: vec![],
        synthetic: false,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let staff_no = RwSignal::new(p.staff_no.clone());
    let name = RwSignal::new(p.display_name.clone());
    let gender = RwSignal::new(p.gender.map(|g| g.code().to_string()).unwrap_or_default());
    let birth = RwSignal::new(p.birth_year.map(|y| y.to_string()).unwrap_or_default());
    let education = RwSignal::new(
        p.education
            .map(|e| e.code().to_string())
            .unwrap_or_default(),
    );
    let major = RwSignal::new(p.major.clone().unwrap_or_default());
    let identity = RwSignal::new(p.identity.code().to_string());
    let channel = RwSignal::new(p.entry_channel.code().to_string());
    let flags = RwSignal::new(
        p.talent_flags
            .iter()
            .map(|f| f.code().to_string())
            .collect::<Vec<_>>(),
    );
    let placements = RwSignal::new(p.placements.clone());
    let synthetic = p.synthetic;
    // The change being added: from a date, seat, work unit and status.
    let latest = p.latest().cloned();
    let pl_from = RwSignal::new(if is_new {
        date_string(Some(app.as_of.get_untracked()))
    } else {
        String::new()
    });
    let pl_seat = RwSignal::new(
        latest
            .as_ref()
            .and_then(|l| l.seat.as_ref())
            .map(|s| s.org_id.clone())
            .unwrap_or_default(),
    );
    let pl_type = RwSignal::new(
        latest
            .as_ref()
            .and_then(|l| l.seat.as_ref())
            .map(|s| s.quota_type.code().to_string())
            .unwrap_or_default(),
    );
    let pl_work = RwSignal::new(
        latest
            .as_ref()
            .and_then(|l| l.work_org_id.clone())
            .unwrap_or_default(),
    );
    let pl_status = RwSignal::new(
        latest
            .as_ref()
            .map(|l| l.status.code().to_string())
            .unwrap_or_else(|| "ACTIVE".into()),
    );
    let pl_note = RwSignal::new(String::new());
    let pending = move || -> Result<Option<Placement>, crate::domain::rules::Violation> {
        let from = pl_from.get_untracked();
        if from.trim().is_empty() {
            return Ok(None);
        }
        let Some(f) = parse_date(&from) else {
            return Err(local_error(
                "placements",
                "变动日期格式应为 年-月-日",
                "The change date must be a date",
            ));
        };
        let seat = match (
            pl_seat.get_untracked(),
            QuotaType::from_code(&pl_type.get_untracked()),
        ) {
            (o, Some(t)) if !o.is_empty() => Some(QuotaSeat {
                org_id: o,
                quota_type: t,
            }),
            (o, None) if o.is_empty() => None,
            _ => {
                return Err(local_error(
                    "seat",
                    "编制单位和编制类型须同时填写（编外人员两项都不填）",
                    "Give both the quota unit and type (neither for staff without quota)",
                ));
            }
        };
        let work = pl_work.get_untracked();
        let note = pl_note.get_untracked().trim().to_string();
        Ok(Some(Placement {
            from: f,
            seat,
            work_org_id: (!work.is_empty()).then_some(work),
            status: PersonStatus::from_code(&pl_status.get_untracked())
                .unwrap_or(PersonStatus::Active),
            note: (!note.is_empty()).then_some(note),
        }))
    };
    let add_change = move |_| match pending() {
        Ok(Some(pl)) => {
            placements.update(|v| v.push(pl));
            pl_from.set(String::new());
            pl_note.set(String::new());
            errors.set(Vec::new());
        }
        Ok(None) => errors.set(vec![local_error(
            "placements",
            "请填写变动日期",
            "Enter the date of the change",
        )]),
        Err(e) => errors.set(vec![e]),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut list = placements.get_untracked();
        match pending() {
            Ok(Some(pl)) => list.push(pl),
            Ok(None) => {}
            Err(e) => {
                errors.set(vec![e]);
                return;
            }
        }
        let Ok(by) = parse_opt::<u16>(&birth.get_untracked()) else {
            errors.set(vec![local_error(
                "birth_year",
                "出生年份须为四位年份，如 1985",
                "The birth year must be a four-digit year",
            )]);
            return;
        };
        let m = major.get_untracked().trim().to_string();
        let data = PersonData {
            staff_no: staff_no.get_untracked().trim().to_string(),
            display_name: name.get_untracked().trim().to_string(),
            gender: Gender::from_code(&gender.get_untracked()),
            birth_year: by,
            education: Education::from_code(&education.get_untracked()),
            major: (!m.is_empty()).then_some(m),
            identity: PersonIdentity::from_code(&identity.get_untracked())
                .unwrap_or(PersonIdentity::CivilServant),
            entry_channel: EntryChannel::from_code(&channel.get_untracked())
                .unwrap_or(EntryChannel::Existing),
            talent_flags: flags
                .get_untracked()
                .iter()
                .filter_map(|c| TalentFlag::from_code(c))
                .collect(),
            placements: list,
            synthetic,
        };
        save(app, id.clone(), base_rev, Data::Person(data), errors, edit);
    };
    let units = org_options(app, None, |_| true);
    view! {
        <form class="form" id="person-form" on:submit=submit novalidate>
            <h3>{t!(i18n, ppl_person_form)}</h3>
            <p class="hint">{t!(i18n, ppl_no_personal_numbers)}</p>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("person-staff-no", t!(i18n, ppl_staff_no), staff_no, errors, "staff_no", "text")}
                {input("person-name", t!(i18n, ppl_name), name, errors, "display_name", "text")}
                {select("person-gender", t!(i18n, ppl_gender), gender, with_none(enum_options(Gender::ALL, Gender::code, Gender::label, lang)), errors, "gender")}
                {input("person-birth", t!(i18n, ppl_birth_year), birth, errors, "birth_year", "text")}
                {select("person-education", t!(i18n, ppl_education), education, with_none(enum_options(Education::ALL, Education::code, Education::label, lang)), errors, "education")}
                {input("person-major", t!(i18n, ppl_major), major, errors, "major", "text")}
                {select("person-identity", t!(i18n, ppl_identity), identity, enum_options(PersonIdentity::ALL, PersonIdentity::code, PersonIdentity::label, lang), errors, "identity")}
                {select("person-channel", t!(i18n, ppl_channel), channel, enum_options(EntryChannel::ALL, EntryChannel::code, EntryChannel::label, lang), errors, "entry_channel")}
                {check_group("person-flags", t!(i18n, ppl_flags), flags, enum_options(TalentFlag::ALL, TalentFlag::code, TalentFlag::label, lang), errors, "talent_flags")}
            </div>
            <h4>{t!(i18n, ppl_placements)}</h4>
            <p class="hint">{t!(i18n, ppl_placements_hint)}</p>
            <table class="table table-compact" id="placement-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, f_from)}</th><th scope="col">{t!(i18n, ppl_seat)}</th><th scope="col">{t!(i18n, ppl_work)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th><th scope="col">{t!(i18n, ppl_note)}</th><th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let mut list: Vec<(usize, Placement)> = placements.get().into_iter().enumerate().collect();
                        list.sort_by_key(|(_, p)| p.from);
                        list.into_iter().map(|(i, p)| {
                            let (seat, work) = app.desk.with_untracked(|d| (
                                p.seat.as_ref().map(|s| format!("{} · {}", d.ws().label_of(Kind::OrgUnit, &s.org_id), s.quota_type.label(lang()))).unwrap_or_else(|| "—".into()),
                                p.work_org_id.as_ref().map(|w| d.ws().label_of(Kind::OrgUnit, w)).unwrap_or_default(),
                            ));
                            let st = p.status;
                            view! {
                                <tr>
                                    <td class="nowrap">{p.from.to_string()}</td><td>{seat}</td><td>{work}</td>
                                    <td>{move || st.label(lang())}</td><td class="small">{p.note.clone().unwrap_or_default()}</td>
                                    <td><button type="button" class="btn btn-small btn-danger" data-action="remove-placement" on:click=move |_| placements.update(|v| { if i < v.len() { v.remove(i); } })>{t!(i18n, delete)}</button></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            <fieldset class="form-grid subform">
                <legend>{if is_new { t_string!(i18n, ppl_first_placement) } else { t_string!(i18n, ppl_new_placement) }}</legend>
                {input("pl-from", t!(i18n, f_from), pl_from, errors, "placements", "date")}
                {select("pl-seat", t!(i18n, ppl_seat_unit), pl_seat, with_none(units), errors, "seat")}
                {select("pl-type", t!(i18n, org_quota_type), pl_type, with_none(enum_options(QuotaType::ALL, QuotaType::code, QuotaType::label, lang)), errors, "seat_type")}
                {select("pl-work", t!(i18n, ppl_work), pl_work, org_options(app, Some("—"), |_| true), errors, "work_org_id")}
                {select("pl-status", t!(i18n, col_status), pl_status, enum_options(PersonStatus::ALL, PersonStatus::code, PersonStatus::label, lang), errors, "status")}
                {input("pl-note", t!(i18n, ppl_note), pl_note, errors, "note", "text")}
                {(!is_new).then(|| view! { <div class="field"><button type="button" class="btn" id="pl-add" on:click=add_change>{t!(i18n, ppl_add_change)}</button></div> })}
            </fieldset>
            <FormButtons prefix="person" edit errors />
        </form>
    }
}

/// Roster import from a CSV exported by Excel or WPS: all or nothing, one undo step.
#[component]
fn RosterImport() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let state = RwSignal::new(None::<Result<Vec<PersonData>, Vec<Text>>>);
    let on_csv = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = match crate::ui::browser::read_text(file).await {
                Ok(t) => app
                    .desk
                    .with_untracked(|d| roster_csv::parse(&t, d.ws()))
                    .map_err(|errs| errs.iter().map(|e| e.text()).collect()),
                Err(e) => Err(vec![Text::new(
                    format!("无法读取文件：{e}"),
                    format!("Cannot read the file: {e}"),
                )]),
            };
            state.set(Some(result));
        });
    };
    let confirm = move |_| {
        let Some(Ok(persons)) = state.get_untracked() else {
            return;
        };
        let n = persons.len();
        let summary = Text::new(
            format!("从 CSV 导入名册 {n} 人"),
            format!("Imported {n} persons from CSV"),
        );
        match app.dispatch(Command::CreateMany {
            items: persons.into_iter().map(Data::Person).collect(),
            summary,
        }) {
            Ok(out) => {
                state.set(None);
                app.toast.set(Some(out.summary));
            }
            Err(CommandError::Rejected(v)) => {
                state.set(Some(Err(v.into_iter().map(|v| v.message).collect())))
            }
            Err(e) => app.toast.set(Some(e.text())),
        }
    };
    let template = move |_| {
        let _ = crate::ui::browser::download(
            "parkdesk-roster-template.csv",
            &crate::reports::people::roster_template(),
            "text/csv;charset=utf-8",
        );
    };
    view! {
        <section class="block" id="roster-import">
            <h2>{t!(i18n, ppl_import_title)}</h2>
            <p class="hint">{t!(i18n, ppl_import_hint)}</p>
            <div class="form-inline">
                <div class="field"><label for="roster-csv">{t!(i18n, ppl_import_file)}</label><input id="roster-csv" type="file" accept=".csv,text/csv" on:change=on_csv /></div>
                <div class="field"><button type="button" class="btn" id="roster-template" on:click=template>{t!(i18n, ppl_template)}</button></div>
            </div>
            {move || state.get().map(|r| match r {
                Ok(persons) => view! {
                    <div class="notice" id="roster-csv-preview">{persons.len()} " " {t!(i18n, ppl_import_ready)} " "
                        <button class="btn btn-primary btn-small" id="roster-csv-confirm" on:click=confirm>{t!(i18n, import_confirm_add)}</button> " "
                        <button class="btn btn-small" on:click=move |_| state.set(None)>{t!(i18n, cancel)}</button></div>
                }.into_any(),
                Err(errs) => view! {
                    <div class="notice notice-bad" id="roster-csv-errors" role="alert"><p>{t!(i18n, ppl_import_errors)}</p>
                        <ul class="error-details">{errs.into_iter().map(|e| view! { <li>{text_view(e)}</li> }).collect_view()}</ul></div>
                }.into_any(),
            })}
        </section>
    }
}

// ---------------------------------------------------------------- posts and appointments

/// 区镇合一 on the as-of date, read from the appointments (no table of its own).
#[component]
fn CrossPosts(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let rows = move || {
        let day = app.as_of.get();
        let park = filter.0.get();
        app.desk.with(|d| {
            let ws = d.ws();
            cross_posts(ws, day)
                .into_iter()
                .filter(|c| park.is_empty() || c.park_id == park)
                .map(|c| {
                    let posts = |v: &[String]| {
                        v.iter()
                            .map(|p| ws.label_of(Kind::Post, p))
                            .collect::<Vec<_>>()
                            .join("、")
                    };
                    (
                        ws.label_of(Kind::Person, &c.person_id),
                        ws.label_of(Kind::Park, &c.park_id),
                        posts(&c.park_posts),
                        ws.label_of(Kind::Township, &c.township_id),
                        posts(&c.township_posts),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="cross-posts">
            <h2>{t!(i18n, ppl_cross_title)} " (" <span id="cross-count">{move || rows().len()}</span> ")"</h2>
            <p class="hint">{t!(i18n, ppl_cross_hint)}</p>
            <table class="table table-compact" id="cross-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, ppl_person)}</th><th scope="col">{t!(i18n, col_park)}</th><th scope="col">{t!(i18n, ppl_park_posts)}</th>
                    <th scope="col">{t!(i18n, col_township)}</th><th scope="col">{t!(i18n, ppl_town_posts)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(who, park, pp, town, tp)| view! {
                        <tr><th scope="row">{who}</th><td>{park}</td><td>{pp}</td><td>{town}</td><td>{tp}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn PostSection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        let keep = in_filter(app, filter);
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut holders: std::collections::HashMap<&str, Vec<String>> = Default::default();
            for a in ws
                .appointments
                .iter_live()
                .filter(|a| a.data.in_office_on(day))
            {
                holders
                    .entry(a.data.post_id.as_str())
                    .or_default()
                    .push(ws.label_of(Kind::Person, &a.data.person_id));
            }
            let mut v: Vec<_> = ws
                .posts
                .iter_live()
                .filter(|p| keep(&p.data.org_id))
                .map(|p| {
                    (
                        p.clone(),
                        ws.label_of(Kind::OrgUnit, &p.data.org_id),
                        holders
                            .get(p.id())
                            .map(|h| h.join("、"))
                            .unwrap_or_default(),
                    )
                })
                .collect();
            v.sort_by(|a, b| {
                (&a.1, a.0.data.rank, !a.0.data.is_principal).cmp(&(
                    &b.1,
                    b.0.data.rank,
                    !b.0.data.is_principal,
                ))
            });
            v
        })
    };
    view! {
        <section class="block" id="posts">
            <div class="block-head">
                <h2>{t!(i18n, ppl_posts_title)}</h2>
                <button class="btn btn-primary" id="post-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, ppl_post_new)}</button>
            </div>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <PostForm edit id=None base_rev=None filter /> }),
                Editing::Edit(id, rev) => Some(view! { <PostForm edit id=Some(id) base_rev=Some(rev) filter /> }),
            }}
            <details open=false>
                <summary>{t!(i18n, ppl_posts_list)} " (" {move || rows().len()} ")"</summary>
                <table class="table table-compact" id="post-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, org_unit)}</th><th scope="col">{t!(i18n, ppl_post_title)}</th><th scope="col">{t!(i18n, org_post_rank)}</th>
                        <th scope="col">{t!(i18n, org_principal)}</th><th scope="col">{t!(i18n, ppl_holders)}</th><th scope="col">{t!(i18n, col_issues)}</th><th scope="col">{t!(i18n, col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        {move || rows().into_iter().map(|(p, org, holders)| {
                            let id = p.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = p.meta.rev;
                            let rank = p.data.rank;
                            let principal = p.data.is_principal;
                            let leadership = p.data.is_leadership;
                            view! {
                                <tr data-id=id.clone()>
                                    <td class="small">{org}</td>
                                    <th scope="row">{p.data.title.clone()} " " <ProvenanceBadge provenance=p.meta.provenance /></th>
                                    <td>{move || rank.label(lang())}</td>
                                    <td>{move || match (leadership, principal) {
                                        (false, _) => t_string!(i18n, ppl_not_leadership).to_string(),
                                        (true, true) => t_string!(i18n, org_principal_yes).to_string(),
                                        (true, false) => t_string!(i18n, org_principal_no).to_string(),
                                    }}</td>
                                    <td class="small">{holders}</td>
                                    <td>{record_issues(app, Kind::Post, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::Post id=id.clone() />
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}

#[component]
fn PostForm(
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
            .with_untracked(|d| d.ws().posts.live(id).map(|r| r.data.clone()))
    });
    let p = current.unwrap_or(PostData {
        org_id: String::new(),
        title: String::new(),
        rank: PostRank::DeputySectionChief,
        is_leadership: true,
        is_principal: false,
        is_key_post: false,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let org = RwSignal::new(p.org_id.clone());
    let title = RwSignal::new(p.title.clone());
    let rank = RwSignal::new(p.rank.code().to_string());
    let leadership = RwSignal::new(p.is_leadership);
    let principal = RwSignal::new(p.is_principal);
    let key = RwSignal::new(p.is_key_post);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let data = PostData {
            org_id: org.get_untracked(),
            title: title.get_untracked().trim().to_string(),
            rank: PostRank::from_code(&rank.get_untracked()).unwrap_or(PostRank::Unspecified),
            is_leadership: leadership.get_untracked(),
            is_principal: principal.get_untracked(),
            is_key_post: key.get_untracked(),
        };
        save(app, id.clone(), base_rev, Data::Post(data), errors, edit);
    };
    let units = move || {
        let keep = in_filter(app, filter);
        app.desk.with(|d| {
            d.ws()
                .org_units
                .iter_live()
                .filter(|o| keep(o.id()))
                .map(|o| (o.meta.id.clone(), o.data.name.clone()))
                .collect::<Options>()
        })
    };
    view! {
        <form class="form" id="post-form" on:submit=submit novalidate>
            <h3>{t!(i18n, ppl_post_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("post-org", t!(i18n, org_unit), org, with_none(units), errors, "org_id")}
                {input("post-title", t!(i18n, ppl_post_title), title, errors, "title", "text")}
                {select("post-rank", t!(i18n, org_post_rank), rank, enum_options(PostRank::ALL, PostRank::code, PostRank::label, lang), errors, "rank")}
                {checkbox("post-leadership", t!(i18n, ppl_leadership), leadership)}
                {checkbox("post-principal", t!(i18n, org_principal_yes), principal)}
                {checkbox("post-key", t!(i18n, ppl_key_post), key)}
            </div>
            <FormButtons prefix="post" edit errors />
        </form>
    }
}

#[component]
fn AppointmentSection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let serving_only = RwSignal::new(true);
    let rows = move || {
        let keep = in_filter(app, filter);
        let day = app.as_of.get();
        let only = serving_only.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut v: Vec<_> = ws
                .appointments
                .iter_live()
                .filter(|a| {
                    !only
                        || a.data.in_office_on(day)
                        || a.data.status == AppointmentStatus::Proposed
                })
                .filter_map(|a| {
                    let post = ws.posts.live(&a.data.post_id)?;
                    keep(&post.data.org_id).then(|| {
                        (
                            a.clone(),
                            ws.label_of(Kind::Person, &a.data.person_id),
                            ws.label_of(Kind::Post, &a.data.post_id),
                            a.data
                                .authority_org_id
                                .as_ref()
                                .map(|o| ws.label_of(Kind::OrgUnit, o))
                                .unwrap_or_default(),
                            a.data
                                .selection_id
                                .as_ref()
                                .map(|s| ws.label_of(Kind::SelectionCampaign, s)),
                        )
                    })
                })
                .collect();
            v.sort_by(|a, b| a.2.cmp(&b.2));
            v
        })
    };
    view! {
        <section class="block" id="appointments">
            <div class="block-head">
                <h2>{t!(i18n, ppl_appointments_title)} " (" <span id="appointment-count">{move || rows().len()}</span> ")"</h2>
                <button class="btn btn-primary" id="appointment-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, ppl_appointment_new)}</button>
            </div>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <AppointmentForm edit id=None base_rev=None filter /> }),
                Editing::Edit(id, rev) => Some(view! { <AppointmentForm edit id=Some(id) base_rev=Some(rev) filter /> }),
            }}
            {checkbox("appointments-serving", t!(i18n, ppl_serving_only), serving_only)}
            <table class="table table-compact" id="appointment-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, ppl_person)}</th><th scope="col">{t!(i18n, ppl_post_title)}</th><th scope="col">{t!(i18n, ppl_kind)}</th>
                    <th scope="col">{t!(i18n, ppl_authority)}</th><th scope="col">{t!(i18n, f_period)}</th><th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, ppl_selection_or_reason)}</th><th scope="col">{t!(i18n, col_issues)}</th><th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().take(MAX_ROWS).map(|(a, who, post, auth, sel)| {
                        let id = a.meta.id.clone();
                        let id_edit = id.clone();
                        let rev = a.meta.rev;
                        let kind = a.data.kind;
                        let status = a.data.status;
                        view! {
                            <tr data-id=id.clone() data-kind=kind.code()>
                                <th scope="row">{who} " " <ProvenanceBadge provenance=a.meta.provenance /></th>
                                <td>{post}</td>
                                <td>{move || kind.label(lang())}</td>
                                <td class="small">{auth}</td>
                                <td class="nowrap small">{period_text(&a.data.period)}</td>
                                <td>{move || status.label(lang())}</td>
                                <td class="small">{sel.unwrap_or_else(|| a.data.exception_reason.clone().unwrap_or_default())}</td>
                                <td>{record_issues(app, Kind::Appointment, id.clone())}</td>
                                <td class="actions">
                                    <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                    " " <DeleteButton kind=Kind::Appointment id=id.clone() />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// A person chooser for long rosters: a search box narrowing a select to 50 matches.
pub fn person_picker(
    app: AppState,
    id: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let options = move || {
        let q = query.get();
        let q = q.trim();
        let current = value.get_untracked();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut v: Options = vec![(String::new(), "—".into())];
            if let Some(p) = ws.persons.live(&current) {
                v.push((
                    current.clone(),
                    format!("{} {}", p.data.staff_no, p.data.display_name),
                ));
            }
            v.extend(
                ws.persons
                    .iter_live()
                    .filter(|p| {
                        p.meta.id != current
                            && (q.is_empty()
                                || p.data.staff_no.contains(q)
                                || p.data.display_name.contains(q))
                    })
                    .take(50)
                    .map(|p| {
                        (
                            p.meta.id.clone(),
                            format!("{} {}", p.data.staff_no, p.data.display_name),
                        )
                    }),
            );
            v
        })
    };
    let search_id = match id {
        "appt-person" => "appt-person-search",
        "cand-person" => "cand-person-search",
        _ => "person-search",
    };
    view! {
        <div class="field">
            <label for=search_id>{t!(i18n, ppl_find_person)}</label>
            <input id=search_id type="search" on:input=move |ev| query.set(event_target_value(&ev)) />
        </div>
        {select(id, t!(i18n, ppl_person), value, options, errors, "person_id")}
    }
}

#[component]
fn AppointmentForm(
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
            .with_untracked(|d| d.ws().appointments.live(id).map(|r| r.data.clone()))
    });
    let a = current.unwrap_or(AppointmentData {
        person_id: String::new(),
        post_id: String::new(),
        kind: AppointmentKind::Appointed,
        authority_org_id: None,
        consulted: vec![],
        filed_with: vec![],
        basis: None,
        selection_id: None,
        exception_reason: None,
        period: Period {
            from: app.as_of.get_untracked(),
            to: None,
        },
        probation_until: None,
        counts_against_quota: true,
        status: AppointmentStatus::Serving,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let person = RwSignal::new(a.person_id.clone());
    let post = RwSignal::new(a.post_id.clone());
    let kind = RwSignal::new(a.kind.code().to_string());
    let authority = RwSignal::new(a.authority_org_id.clone().unwrap_or_default());
    let consulted = RwSignal::new(
        a.consulted
            .iter()
            .map(|k| k.code().to_string())
            .collect::<Vec<_>>(),
    );
    let filed = RwSignal::new(
        a.filed_with
            .iter()
            .map(|k| k.code().to_string())
            .collect::<Vec<_>>(),
    );
    let selection = RwSignal::new(a.selection_id.clone().unwrap_or_default());
    let reason = RwSignal::new(a.exception_reason.clone().unwrap_or_default());
    let from = RwSignal::new(date_string(Some(a.period.from)));
    let to = RwSignal::new(date_string(a.period.to));
    let probation = RwSignal::new(date_string(a.probation_until));
    let counts = RwSignal::new(a.counts_against_quota);
    let status = RwSignal::new(a.status.code().to_string());
    let (doc_no, doc_title, doc_date) = doc_signals(a.basis.as_ref());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(f) = parse_date(&from.get_untracked()) else {
            errors.set(vec![local_error(
                "period",
                "请填写任职开始日期",
                "Enter the start date",
            )]);
            return;
        };
        let kinds = |s: RwSignal<Vec<String>>| {
            s.get_untracked()
                .iter()
                .filter_map(|c| OrgKind::from_code(c))
                .collect::<Vec<_>>()
        };
        let r = reason.get_untracked().trim().to_string();
        let opt = |s: RwSignal<String>| {
            let v = s.get_untracked();
            (!v.is_empty()).then_some(v)
        };
        let data = AppointmentData {
            person_id: person.get_untracked(),
            post_id: post.get_untracked(),
            kind: AppointmentKind::from_code(&kind.get_untracked())
                .unwrap_or(AppointmentKind::Appointed),
            authority_org_id: opt(authority),
            consulted: kinds(consulted),
            filed_with: kinds(filed),
            basis: doc_value(doc_no, doc_title, doc_date),
            selection_id: opt(selection),
            exception_reason: (!r.is_empty()).then_some(r),
            period: Period {
                from: f,
                to: parse_date(&to.get_untracked()),
            },
            probation_until: parse_date(&probation.get_untracked()),
            counts_against_quota: counts.get_untracked(),
            status: AppointmentStatus::from_code(&status.get_untracked())
                .unwrap_or(AppointmentStatus::Serving),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::Appointment(data),
            errors,
            edit,
        );
    };
    let posts = move || {
        let keep = in_filter(app, filter);
        app.desk.with(|d| {
            let ws = d.ws();
            ws.posts
                .iter_live()
                .filter(|p| keep(&p.data.org_id))
                .map(|p| (p.meta.id.clone(), ws.label_of(Kind::Post, p.id())))
                .collect::<Options>()
        })
    };
    let organs = org_options(app, Some("—"), |o| {
        matches!(
            o.kind,
            OrgKind::CityPartyCommittee
                | OrgKind::CityGovernment
                | OrgKind::CountyPartyCommittee
                | OrgKind::CountyGovernment
                | OrgKind::ParkPartyCommittee
                | OrgKind::ParkMgmtCommittee
                | OrgKind::BianWei
        )
    });
    let campaigns = move || {
        let mut v: Options = vec![(String::new(), "—".into())];
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .selection_campaigns
                    .iter_live()
                    .map(|c| (c.meta.id.clone(), c.data.title.clone())),
            )
        });
        v
    };
    let kinds = enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang);
    view! {
        <form class="form" id="appointment-form" on:submit=submit novalidate>
            <h3>{t!(i18n, ppl_appointment_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {person_picker(app, "appt-person", person, errors)}
                {select("appt-post", t!(i18n, ppl_post_title), post, with_none(posts), errors, "post_id")}
                {select("appt-kind", t!(i18n, ppl_kind), kind, enum_options(AppointmentKind::ALL, AppointmentKind::code, AppointmentKind::label, lang), errors, "kind")}
                {select("appt-status", t!(i18n, col_status), status, enum_options(AppointmentStatus::ALL, AppointmentStatus::code, AppointmentStatus::label, lang), errors, "status")}
                {input("appt-from", t!(i18n, f_from), from, errors, "period", "date")}
                {input("appt-to", t!(i18n, f_to), to, errors, "period_to", "date")}
                {input("appt-probation", t!(i18n, ppl_probation), probation, errors, "probation_until", "date")}
                {checkbox("appt-counts", t!(i18n, ppl_counts), counts)}
                {select("appt-authority", t!(i18n, ppl_authority), authority, organs, errors, "authority_org_id")}
                {check_group("appt-consulted", t!(i18n, ppl_consulted), consulted, kinds, errors, "consulted")}
                {check_group("appt-filed", t!(i18n, ppl_filed), filed, enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang), errors, "filed_with")}
                {select("appt-selection", t!(i18n, ppl_selection), selection, campaigns, errors, "selection_id")}
                {textarea("appt-reason", t!(i18n, ppl_exception), reason, errors, "exception_reason")}
                {doc_fields(["appt-doc-no", "appt-doc-title", "appt-doc-date"], doc_no, doc_title, doc_date, errors)}
            </div>
            <FormButtons prefix="appointment" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- authority rules

#[component]
fn RuleSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        app.desk.with(|d| {
            d.ws()
                .authority_rules
                .iter_live()
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let kinds =
        move |v: &[OrgKind], l: Lang| v.iter().map(|k| k.label(l)).collect::<Vec<_>>().join("、");
    view! {
        <section class="block" id="authority">
            <div class="block-head">
                <h2>{t!(i18n, ppl_rules_title)}</h2>
                <button class="btn btn-primary" id="rule-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, ppl_rule_new)}</button>
            </div>
            <p class="hint">{t!(i18n, ppl_rules_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <RuleForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <RuleForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table table-compact" id="rule-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, ppl_rule_title)}</th><th scope="col">{t!(i18n, ppl_rule_pattern)}</th><th scope="col">{t!(i18n, ppl_authority)}</th>
                    <th scope="col">{t!(i18n, ppl_consulted)}</th><th scope="col">{t!(i18n, ppl_filed)}</th><th scope="col">{t!(i18n, ppl_requires_selection)}</th><th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.meta.id.clone(), r.meta.rev) let:r>
                        {
                            let id = r.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = r.meta.rev;
                            let d = r.data.clone();
                            let d2 = d.clone();
                            let d3 = d.clone();
                            let d4 = d.clone();
                            view! {
                                <tr data-id=id.clone()>
                                    <th scope="row">{d.title.clone()} " " <ProvenanceBadge provenance=r.meta.provenance /></th>
                                    <td class="small">{move || {
                                        let p = &d2.pattern;
                                        let mut parts = vec![kinds(&p.org_kinds, lang())];
                                        parts.push(p.ranks.iter().map(|r| r.label(lang())).collect::<Vec<_>>().join(if lang() == Lang::Zh { "、" } else { ", " }));
                                        parts.push(match p.principal { Some(true) => t_string!(i18n, org_principal_yes).to_string(), Some(false) => t_string!(i18n, org_principal_no).to_string(), None => String::new() });
                                        parts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
                                    }}</td>
                                    <td>{move || d3.authority.label(lang())}</td>
                                    <td class="small">{move || kinds(&d4.consult, lang())}</td>
                                    <td class="small">{move || kinds(&d.file_with, lang())}</td>
                                    <td>{if r.data.requires_competitive_selection { "✓" } else { "" }}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::AuthorityRule id=id.clone() />
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
fn RuleForm(edit: RwSignal<Editing>, id: Option<String>, base_rev: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().authority_rules.live(id).map(|r| r.data.clone()))
    });
    let r = current.unwrap_or(AuthorityRuleData {
        title: String::new(),
        pattern: PostPattern {
            leadership_only: true,
            ..Default::default()
        },
        authority: OrgKind::ParkPartyCommittee,
        consult: vec![],
        file_with: vec![],
        requires_competitive_selection: false,
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let codes = |v: &[OrgKind]| v.iter().map(|k| k.code().to_string()).collect::<Vec<_>>();
    let title = RwSignal::new(r.title.clone());
    let org_kinds = RwSignal::new(codes(&r.pattern.org_kinds));
    let ranks = RwSignal::new(
        r.pattern
            .ranks
            .iter()
            .map(|x| x.code().to_string())
            .collect::<Vec<_>>(),
    );
    let principal = RwSignal::new(
        match r.pattern.principal {
            Some(true) => "P",
            Some(false) => "D",
            None => "",
        }
        .to_string(),
    );
    let leadership = RwSignal::new(r.pattern.leadership_only);
    let authority = RwSignal::new(r.authority.code().to_string());
    let consult = RwSignal::new(codes(&r.consult));
    let file_with = RwSignal::new(codes(&r.file_with));
    let competitive = RwSignal::new(r.requires_competitive_selection);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kinds = |s: RwSignal<Vec<String>>| {
            s.get_untracked()
                .iter()
                .filter_map(|c| OrgKind::from_code(c))
                .collect::<Vec<_>>()
        };
        let t = title.get_untracked().trim().to_string();
        if t.is_empty() {
            errors.set(vec![local_error(
                "title",
                "请填写规则名称",
                "Enter the rule's title",
            )]);
            return;
        }
        let data = AuthorityRuleData {
            title: t,
            pattern: PostPattern {
                org_kinds: kinds(org_kinds),
                ranks: ranks
                    .get_untracked()
                    .iter()
                    .filter_map(|c| PostRank::from_code(c))
                    .collect(),
                principal: match principal.get_untracked().as_str() {
                    "P" => Some(true),
                    "D" => Some(false),
                    _ => None,
                },
                leadership_only: leadership.get_untracked(),
            },
            authority: OrgKind::from_code(&authority.get_untracked())
                .unwrap_or(OrgKind::ParkPartyCommittee),
            consult: kinds(consult),
            file_with: kinds(file_with),
            requires_competitive_selection: competitive.get_untracked(),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::AuthorityRule(data),
            errors,
            edit,
        );
    };
    let principal_opts = move || {
        vec![
            (String::new(), t_string!(i18n, ppl_either).to_string()),
            (
                "P".to_string(),
                t_string!(i18n, org_principal_yes).to_string(),
            ),
            (
                "D".to_string(),
                t_string!(i18n, org_principal_no).to_string(),
            ),
        ]
    };
    view! {
        <form class="form" id="rule-form" on:submit=submit novalidate>
            <h3>{t!(i18n, ppl_rule_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {input("rule-title", t!(i18n, ppl_rule_title), title, errors, "title", "text")}
                {select("rule-authority", t!(i18n, ppl_authority), authority, enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang), errors, "authority")}
                {select("rule-principal", t!(i18n, org_principal), principal, principal_opts, errors, "principal")}
                {checkbox("rule-leadership", t!(i18n, ppl_leadership_only), leadership)}
                {checkbox("rule-competitive", t!(i18n, ppl_requires_selection), competitive)}
                {check_group("rule-kinds", t!(i18n, ppl_rule_kinds), org_kinds, enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang), errors, "org_kinds")}
                {check_group("rule-ranks", t!(i18n, org_post_rank), ranks, enum_options(PostRank::ALL, PostRank::code, PostRank::label, lang), errors, "ranks")}
                {check_group("rule-consult", t!(i18n, ppl_consulted), consult, enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang), errors, "consult")}
                {check_group("rule-file", t!(i18n, ppl_filed), file_with, enum_options(OrgKind::ALL, OrgKind::code, OrgKind::label, lang), errors, "file_with")}
            </div>
            <FormButtons prefix="rule" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- talent plans

#[component]
fn PlanSection(filter: ParkFilter) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    let edit = RwSignal::new(Editing::Closed);
    let rows = move || {
        let park = filter.0.get();
        let day = app.as_of.get();
        app.desk.with(|d| {
            let ws = d.ws();
            ws.talent_plans
                .iter_live()
                .filter(|p| park.is_empty() || p.data.park_id == park)
                .map(|p| {
                    let on = p.data.approved_on.unwrap_or(day);
                    let cell = Ledger::build(ws, on, View::ByQuota)
                        .cell(&p.data.target_org_id, p.data.quota_type);
                    (
                        p.clone(),
                        ws.label_of(Kind::Park, &p.data.park_id),
                        ws.label_of(Kind::OrgUnit, &p.data.target_org_id),
                        cell.vacant(),
                        on,
                        p.data
                            .policy_institution_id
                            .as_ref()
                            .map(|i| ws.label_of(Kind::Institution, i))
                            .unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="block" id="talent">
            <div class="block-head">
                <h2>{t!(i18n, ppl_plans_title)}</h2>
                <button class="btn btn-primary" id="plan-new" on:click=move |_| edit.set(Editing::New)>{t!(i18n, ppl_plan_new)}</button>
            </div>
            <p class="hint">{t!(i18n, ppl_plans_hint)}</p>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <PlanForm edit id=None base_rev=None filter /> }),
                Editing::Edit(id, rev) => Some(view! { <PlanForm edit id=Some(id) base_rev=Some(rev) filter /> }),
            }}
            <table class="table table-compact" id="plan-table">
                <thead><tr>
                    <th scope="col">{t!(i18n, ppl_year)}</th><th scope="col">{t!(i18n, col_park)}</th><th scope="col">{t!(i18n, ppl_channel)}</th>
                    <th scope="col">{t!(i18n, ppl_target)}</th><th scope="col">{t!(i18n, org_quota_type)}</th><th scope="col" class="num">{t!(i18n, ppl_positions)}</th>
                    <th scope="col" class="num">{t!(i18n, ppl_vacancies_then)}</th><th scope="col">{t!(i18n, ppl_policy)}</th><th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col" class="num">{t!(i18n, ppl_filled)}</th><th scope="col">{t!(i18n, col_issues)}</th><th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(p, park, org, vacant, on, policy)| {
                        let id = p.meta.id.clone();
                        let id_edit = id.clone();
                        let rev = p.meta.rev;
                        let channel = p.data.channel;
                        let qt = p.data.quota_type;
                        let status = p.data.status;
                        view! {
                            <tr data-id=id.clone()>
                                <td>{p.data.year}</td>
                                <td class="small">{park}</td>
                                <th scope="row">{move || channel.label(lang())} " " <ProvenanceBadge provenance=p.meta.provenance /></th>
                                <td class="small">{org}</td>
                                <td class="small">{move || qt.label(lang())}</td>
                                <td class="num">{p.data.positions}</td>
                                <td class="num" title=on.to_string()>{vacant} <span class="muted small">{format!(" ({on})")}</span></td>
                                <td class="small">{policy}</td>
                                <td>{move || status.label(lang())}</td>
                                <td class="num">{p.data.filled_person_ids.len()}</td>
                                <td>{record_issues(app, Kind::TalentPlan, id.clone())}</td>
                                <td class="actions">
                                    <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                    " " <DeleteButton kind=Kind::TalentPlan id=id.clone() />
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
fn PlanForm(
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
            .with_untracked(|d| d.ws().talent_plans.live(id).map(|r| r.data.clone()))
    });
    let year = app
        .as_of
        .get_untracked()
        .format("%Y")
        .to_string()
        .parse()
        .unwrap_or(2013);
    let p = current.unwrap_or(TalentPlanData {
        park_id: filter.0.get_untracked(),
        year,
        channel: EntryChannel::SelectiveTransfer,
        target_org_id: String::new(),
        quota_type: QuotaType::Administrative,
        positions: 1,
        requirements: String::new(),
        policy_institution_id: None,
        status: PlanStatus::Planned,
        approved_on: None,
        filled_person_ids: vec![],
    });
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let park = RwSignal::new(p.park_id.clone());
    let year_s = RwSignal::new(p.year.to_string());
    let channel = RwSignal::new(p.channel.code().to_string());
    let target = RwSignal::new(p.target_org_id.clone());
    let qt = RwSignal::new(p.quota_type.code().to_string());
    let positions = RwSignal::new(p.positions.to_string());
    let req = RwSignal::new(p.requirements.clone());
    let policy = RwSignal::new(p.policy_institution_id.clone().unwrap_or_default());
    let status = RwSignal::new(p.status.code().to_string());
    let approved_on = RwSignal::new(date_string(p.approved_on));
    let filled = p.filled_person_ids.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(Some(y)), Ok(Some(n))) = (
            parse_opt::<u16>(&year_s.get_untracked()),
            parse_opt::<u16>(&positions.get_untracked()),
        ) else {
            errors.set(vec![local_error(
                "positions",
                "年度和计划数请填写整数",
                "Enter the year and planned positions as whole numbers",
            )]);
            return;
        };
        let pol = policy.get_untracked();
        let data = TalentPlanData {
            park_id: park.get_untracked(),
            year: y,
            channel: EntryChannel::from_code(&channel.get_untracked())
                .unwrap_or(EntryChannel::SelectiveTransfer),
            target_org_id: target.get_untracked(),
            quota_type: QuotaType::from_code(&qt.get_untracked())
                .unwrap_or(QuotaType::Administrative),
            positions: n,
            requirements: req.get_untracked().trim().to_string(),
            policy_institution_id: (!pol.is_empty()).then_some(pol),
            status: PlanStatus::from_code(&status.get_untracked()).unwrap_or(PlanStatus::Planned),
            approved_on: parse_date(&approved_on.get_untracked()),
            filled_person_ids: filled.clone(),
        };
        save(
            app,
            id.clone(),
            base_rev,
            Data::TalentPlan(data),
            errors,
            edit,
        );
    };
    let channels = move || {
        PLAN_CHANNELS
            .iter()
            .map(|c| (c.code().to_string(), c.label(lang()).to_string()))
            .collect::<Options>()
    };
    let units = move || {
        let pk = park.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let systems = crate::domain::org::ParkSystems::on(ws, app.as_of.get_untracked());
            ws.org_units
                .iter_live()
                .filter(|o| systems.park_of(o.id()).is_some_and(|p| *p == pk))
                .map(|o| (o.meta.id.clone(), o.data.name.clone()))
                .collect::<Options>()
        })
    };
    let policies = move || {
        let pk = park.get();
        let mut v: Options = vec![(String::new(), "—".into())];
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .institutions
                    .iter_live()
                    .filter(|i| i.data.park_id == pk)
                    .map(|i| (i.meta.id.clone(), i.data.title.clone())),
            )
        });
        v
    };
    view! {
        <form class="form" id="plan-form" on:submit=submit novalidate>
            <h3>{t!(i18n, ppl_plan_form)}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("plan-park", t!(i18n, col_park), park, park_options(app, Some("—")), errors, "park_id")}
                {input("plan-year", t!(i18n, ppl_year), year_s, errors, "year", "text")}
                {select("plan-channel", t!(i18n, ppl_channel), channel, channels, errors, "channel")}
                {select("plan-target", t!(i18n, ppl_target), target, with_none(units), errors, "target_org_id")}
                {select("plan-type", t!(i18n, org_quota_type), qt, enum_options(QuotaType::ALL, QuotaType::code, QuotaType::label, lang), errors, "quota_type")}
                {input("plan-positions", t!(i18n, ppl_positions), positions, errors, "positions", "text")}
                {select("plan-status", t!(i18n, col_status), status, enum_options(PlanStatus::ALL, PlanStatus::code, PlanStatus::label, lang), errors, "status")}
                {input("plan-approved-on", t!(i18n, ppl_approved_on), approved_on, errors, "approved_on", "date")}
                {select("plan-policy", t!(i18n, ppl_policy), policy, policies, errors, "policy_institution_id")}
                {textarea("plan-req", t!(i18n, ppl_requirements), req, errors, "requirements")}
            </div>
            <FormButtons prefix="plan" edit errors />
        </form>
    }
}

// ---------------------------------------------------------------- parameters

#[component]
fn SettingsSection() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let record = move || {
        app.desk.with_untracked(|d| {
            d.ws()
                .staffing_settings
                .iter_live()
                .next()
                .map(|r| (r.meta.id.clone(), r.meta.rev, r.data.clone()))
        })
    };
    let data = record().map(|c| c.2).unwrap_or_default();
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let edit = RwSignal::new(Editing::New);
    let k = RwSignal::new(data.max_concurrent_posts.to_string());
    let dates = |v: &[chrono::NaiveDate]| {
        v.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let holidays = RwSignal::new(dates(&data.holidays));
    let extra = RwSignal::new(dates(&data.extra_workdays));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(Some(kv)) = parse_opt::<u8>(&k.get_untracked()) else {
            errors.set(vec![local_error(
                "max_concurrent_posts",
                "兼职上限请填写 0–255 的整数",
                "Enter the limit as a whole number",
            )]);
            return;
        };
        let parse_list =
            |s: &str,
             field: &'static str|
             -> Result<Vec<chrono::NaiveDate>, crate::domain::rules::Violation> {
                split_list(s)
                    .iter()
                    .map(|x| {
                        parse_date(x).ok_or_else(|| {
                            local_error(
                                field,
                                &format!("无法识别的日期“{x}”"),
                                &format!("Unknown date “{x}”"),
                            )
                        })
                    })
                    .collect()
            };
        let (h, e) = match (
            parse_list(&holidays.get_untracked(), "holidays"),
            parse_list(&extra.get_untracked(), "extra_workdays"),
        ) {
            (Ok(h), Ok(e)) => (h, e),
            (Err(v), _) | (_, Err(v)) => {
                errors.set(vec![v]);
                return;
            }
        };
        // The record as it is now: the first save creates it, later ones update it.
        let (id, rev) = record()
            .map(|c| (Some(c.0), Some(c.1)))
            .unwrap_or((None, None));
        save(
            app,
            id,
            rev,
            Data::StaffingSettings(StaffingSettingsData {
                max_concurrent_posts: kv,
                holidays: h,
                extra_workdays: e,
            }),
            errors,
            edit,
        );
    };
    view! {
        <section class="block" id="settings">
            <h2>{t!(i18n, ppl_settings_title)}</h2>
            <p class="hint">{t!(i18n, ppl_settings_hint)}</p>
            <form class="form" id="settings-form" on:submit=submit novalidate>
                <ErrorSummary errors />
                <div class="form-grid">
                    {input("settings-k", t!(i18n, ppl_max_concurrent), k, errors, "max_concurrent_posts", "text")}
                    {textarea("settings-holidays", t!(i18n, ppl_holidays), holidays, errors, "holidays")}
                    {textarea("settings-extra", t!(i18n, ppl_extra_workdays), extra, errors, "extra_workdays")}
                </div>
                <div class="form-buttons"><button type="submit" class="btn btn-primary" id="settings-save">{t!(i18n, save)}</button></div>
            </form>
        </section>
    }
}
