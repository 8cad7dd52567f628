//! Rules of quotas, the real-name roster and talent intake (shared/domain.md §5.C BR-C1..C4,
//! BR-C11, BR-C12; BR-F2) and their field checks. Everything is checked on the as-of date with
//! indexes built once, so the check stays linear in the number of persons.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::institution::InstitutionCategory;
use super::integration::looks_like_personal_number;
use super::org::ParkSystems;
use super::person::{PersonIdentity, PersonStatus};
use super::rules::{Severity, Violation, violation};
use super::rules::{blank, field_zh_en as field};
use super::staffing::{Ledger, QuotaType, View, approved_on};
use super::talent::{PLAN_CHANNELS, PlanStatus};
use super::text::Text;
use super::workspace::{Kind, Workspace};

fn f2(kind: Kind, id: &str, f: &'static str) -> Violation {
    violation(
        "BR-F2",
        Severity::Block,
        None,
        kind,
        id,
        Some(f),
        Text::new(
            "不得录入身份证号或手机号，请改用人员编号或化名",
            "ID or phone numbers must not be stored: use the staff number or a pseudonym",
        ),
    )
}

pub fn check(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    quotas(ws, out);
    persons(ws, as_of, out);
    over_quota(ws, as_of, out);
    talent(ws, as_of, out);
    settings(ws, out);
}

fn quotas(ws: &Workspace, out: &mut Vec<Violation>) {
    for r in ws.staffing_quotas.iter_live() {
        let k = Kind::StaffingQuota;
        if ws.org_units.live(&r.data.org_id).is_none() {
            out.push(field(
                k,
                r.id(),
                "org_id",
                "请选择机构（所选机构不存在）",
                "Choose a unit (the chosen one does not exist)",
            ));
        }
        if !r.data.period.is_well_formed() {
            out.push(field(
                k,
                r.id(),
                "period",
                "有效期结束日期不能早于开始日期",
                "The end date cannot be before the start date",
            ));
        }
    }
    for r in ws.leadership_quotas.iter_live() {
        let k = Kind::LeadershipQuota;
        if ws.org_units.live(&r.data.org_id).is_none() {
            out.push(field(
                k,
                r.id(),
                "org_id",
                "请选择机构（所选机构不存在）",
                "Choose a unit (the chosen one does not exist)",
            ));
        }
        if !r.data.period.is_well_formed() {
            out.push(field(
                k,
                r.id(),
                "period",
                "有效期结束日期不能早于开始日期",
                "The end date cannot be before the start date",
            ));
        }
    }
}

fn persons(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let systems = ParkSystems::on(ws, as_of);
    let mut staff_nos: HashMap<&str, &str> = HashMap::new();
    for r in ws.persons.iter_live() {
        let (id, d, k) = (r.id(), &r.data, Kind::Person);
        let no = d.staff_no.trim();
        if no.is_empty() {
            out.push(field(
                k,
                id,
                "staff_no",
                "请填写人员编号",
                "Enter the staff number",
            ));
        } else if looks_like_personal_number(no) {
            out.push(f2(k, id, "staff_no"));
        } else if let Some(other) = staff_nos.insert(no, id)
            && other != id
        {
            out.push(violation(
                "BR-C2",
                Severity::Block,
                None,
                k,
                id,
                Some("staff_no"),
                Text::new(
                    format!("人员编号 {no} 已被“{}”使用：同一人只能在名册中出现一次，只占一个编制", ws.label_of(k, other)),
                    format!("Staff number {no} is already used by “{}”: a person appears once on the roster and holds one seat", ws.label_of(k, other)),
                ),
            ));
        }
        if blank(&d.display_name) {
            out.push(field(
                k,
                id,
                "display_name",
                "请填写姓名或化名",
                "Enter the name or a pseudonym",
            ));
        } else if looks_like_personal_number(&d.display_name) {
            out.push(f2(k, id, "display_name"));
        }
        if d.major.as_deref().is_some_and(looks_like_personal_number)
            || d.placements
                .iter()
                .any(|p| p.note.as_deref().is_some_and(looks_like_personal_number))
        {
            out.push(f2(k, id, "major"));
        }
        if d.birth_year.is_some_and(|y| !(1900..=2100).contains(&y)) {
            out.push(field(
                k,
                id,
                "birth_year",
                "出生年份须为四位年份，如 1985",
                "The birth year must be a four-digit year, e.g. 1985",
            ));
        }
        if d.placements.is_empty() {
            out.push(field(
                k,
                id,
                "placements",
                "请至少填写一条任职编制情况（起始日期、工作单位、状态）",
                "Enter at least one placement (from date, work unit, status)",
            ));
        }
        let mut dates = BTreeSet::new();
        for p in &d.placements {
            if !dates.insert(p.from) {
                out.push(violation(
                    "BR-C2",
                    Severity::Block,
                    None,
                    k,
                    id,
                    Some("placements"),
                    Text::new(
                        format!("{} 有两条编制情况：同一时间只能占一个编制", p.from),
                        format!(
                            "Two placements start on {}: a person holds one seat at a time",
                            p.from
                        ),
                    ),
                ));
            }
            if let Some(seat) = &p.seat
                && ws.org_units.live(&seat.org_id).is_none()
            {
                out.push(field(
                    k,
                    id,
                    "seat",
                    "所选编制单位不存在",
                    "The chosen quota unit does not exist",
                ));
            }
            if let Some(w) = &p.work_org_id
                && ws.org_units.live(w).is_none()
            {
                out.push(field(
                    k,
                    id,
                    "work_org_id",
                    "所选工作单位不存在",
                    "The chosen work unit does not exist",
                ));
            }
        }
        if d.identity == PersonIdentity::Unverified {
            out.push(violation(
                "BR-C4",
                Severity::Info,
                None,
                k,
                id,
                Some("identity"),
                Text::new("人员身份待核实", "The person's identity is to be verified"),
            ));
        }
        let Some(pl) = d.placement_on(as_of) else {
            continue;
        };
        if !pl.status.on_roster() {
            continue;
        }
        // BR-C3: 编制共享 only inside one park system; outside it the person is 借调.
        if let (Some(seat), Some(work)) = (&pl.seat, &pl.work_org_id)
            && &seat.org_id != work
        {
            let (s, w) = (systems.park_of(&seat.org_id), systems.park_of(work));
            let crosses = (s.is_some() || w.is_some()) && s != w;
            if crosses
                && !matches!(
                    pl.status,
                    PersonStatus::SecondedOut | PersonStatus::SecondedIn
                )
            {
                out.push(violation(
                    "BR-C3",
                    Severity::Warn,
                    Some("S5.0"),
                    k,
                    id,
                    Some("work_org_id"),
                    Text::new(
                        format!(
                            "编制在“{}”、工作在“{}”，不在同一园区体系内：应标记为借调并列入借调名单",
                            ws.label_of(Kind::OrgUnit, &seat.org_id),
                            ws.label_of(Kind::OrgUnit, work)
                        ),
                        format!(
                            "Quota seat at “{}” but working at “{}”, outside the park system: mark the person as seconded (secondment list)",
                            ws.label_of(Kind::OrgUnit, &seat.org_id),
                            ws.label_of(Kind::OrgUnit, work)
                        ),
                    ),
                ));
            }
        }
        // BR-C4: identity and quota type go together.
        if let Some(seat) = &pl.seat {
            let t = seat.quota_type;
            let (ok, zh, en) = match d.identity {
                PersonIdentity::ContractNonQuota => (
                    false,
                    "编外聘用人员不得占用编制",
                    "Contract staff must not occupy a quota seat",
                ),
                PersonIdentity::CivilServant => (
                    matches!(t, QuotaType::Administrative | QuotaType::PoliticalLegal),
                    "公务员应占用行政编制或政法专项编制",
                    "Civil servants occupy administrative or political-legal quota",
                ),
                PersonIdentity::ReferenceManaged => (
                    t.is_institution(),
                    "参公人员应占用参公单位的事业编制",
                    "Staff managed like civil servants occupy public-institution quota of such units",
                ),
                PersonIdentity::InstitutionMgmt | PersonIdentity::InstitutionPro => (
                    t.is_institution(),
                    "事业单位管理、专技人员应占用事业编制",
                    "Public-institution managers and professionals occupy public-institution quota",
                ),
                PersonIdentity::InstitutionWorker | PersonIdentity::OrganWorker => (
                    matches!(t, QuotaType::Logistics) || t.is_institution(),
                    "工勤人员应占用工勤编制",
                    "Logistics workers occupy logistics quota",
                ),
                PersonIdentity::Unverified => (true, "", ""),
            };
            if !ok {
                out.push(violation(
                    "BR-C4",
                    Severity::Warn,
                    None,
                    k,
                    id,
                    Some("identity"),
                    Text::new(
                        format!("{zh}（现占{}）", t.zh()),
                        format!("{en} (now holds {})", t.en()),
                    ),
                ));
            }
        }
    }
}

/// BR-C1: occupied seats ≤ approved quota for every unit and type on the date.
fn over_quota(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let ledger = Ledger::build(ws, as_of, View::ByQuota);
    for ((org, t), cell) in &ledger.cells {
        if cell.over() == 0 || ws.org_units.live(org).is_none() {
            continue;
        }
        let msg = if cell.approved == 0 {
            Text::new(
                format!("超编：未核定{}，实有 {} 人", t.zh(), cell.occupied),
                format!(
                    "Over quota: no {} quota approved, {} occupied",
                    t.en().to_lowercase(),
                    cell.occupied
                ),
            )
        } else {
            Text::new(
                format!(
                    "超编：{}核定 {} 名，实有 {} 人，超编 {} 人",
                    t.zh(),
                    cell.approved,
                    cell.occupied,
                    cell.over()
                ),
                format!(
                    "Over quota: {} quota {} approved, {} occupied, {} over",
                    t.en().to_lowercase(),
                    cell.approved,
                    cell.occupied,
                    cell.over()
                ),
            )
        };
        out.push(violation(
            "BR-C1",
            Severity::Warn,
            Some("S7.3"),
            Kind::OrgUnit,
            org,
            Some("staffing"),
            msg,
        ));
    }
}

fn talent(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let k = Kind::TalentPlan;
    let plans: Vec<_> = ws.talent_plans.iter_live().collect();
    // Vacancies per date a plan is checked on, counted once per date.
    type Counts = HashMap<(String, QuotaType), u32>;
    let mut by_date: BTreeMap<NaiveDate, (Counts, Counts)> = BTreeMap::new();
    let date_of = |p: &super::talent::TalentPlanData| p.approved_on.unwrap_or(as_of);
    for p in &plans {
        let d = date_of(&p.data);
        by_date.entry(d).or_insert_with(|| {
            let ledger = Ledger::build(ws, d, View::ByQuota);
            let occ = ledger
                .cells
                .iter()
                .map(|(key, c)| (key.clone(), c.occupied))
                .collect();
            (approved_on(ws, d), occ)
        });
    }
    let seated = |pid: &str, d: NaiveDate, org: &str, t: QuotaType| {
        ws.persons
            .live(pid)
            .and_then(|p| p.data.placement_on(d))
            .is_some_and(|pl| {
                pl.status.keeps_seat()
                    && pl
                        .seat
                        .as_ref()
                        .is_some_and(|s| s.org_id == org && s.quota_type == t)
            })
    };
    let demand = |p: &super::talent::TalentPlanData, d: NaiveDate| {
        let filled = p
            .filled_person_ids
            .iter()
            .filter(|f| seated(f, d, &p.target_org_id, p.quota_type))
            .count();
        u32::from(p.positions).saturating_sub(u32::try_from(filled).unwrap_or(u32::MAX))
    };
    for r in &plans {
        let (id, p) = (r.id(), &r.data);
        if ws.parks.live(&p.park_id).is_none() {
            out.push(field(k, id, "park_id", "请选择园区", "Choose a park"));
        }
        if ws.org_units.live(&p.target_org_id).is_none() {
            out.push(field(
                k,
                id,
                "target_org_id",
                "请选择用人单位（所选单位不存在）",
                "Choose the receiving unit (the chosen one does not exist)",
            ));
        }
        if p.positions == 0 {
            out.push(field(
                k,
                id,
                "positions",
                "计划数须大于 0",
                "Planned positions must be more than 0",
            ));
        }
        if !PLAN_CHANNELS.contains(&p.channel) {
            out.push(field(k, id, "channel", "引进渠道应为选调、公开招聘、紧缺专技或高技能人才引进", "The channel must be selective transfer, open recruitment, scarce or high-skill talent"));
        }
        for f in &p.filled_person_ids {
            if ws.persons.live(f).is_none() {
                out.push(field(
                    k,
                    id,
                    "filled_person_ids",
                    "已到岗人员中有不存在的人员",
                    "One of the persons who came does not exist",
                ));
            }
        }
        if let Some(inst) = &p.policy_institution_id
            && ws.institutions.live(inst).is_none()
        {
            out.push(field(
                k,
                id,
                "policy_institution_id",
                "所选引才规定不存在",
                "The chosen talent policy does not exist",
            ));
        }
        if matches!(p.status, PlanStatus::Completed | PlanStatus::Cancelled) {
            continue;
        }
        // BR-C11: positions within the vacancies on the approval date, less what earlier
        // approved plans for the same unit and type still claim.
        let d = date_of(p);
        let (approved, occupied) = &by_date[&d];
        let key = (p.target_org_id.clone(), p.quota_type);
        let a = approved.get(&key).copied().unwrap_or(0);
        let o = occupied.get(&key).copied().unwrap_or(0);
        let vacant = a.saturating_sub(o);
        let claimed: u32 = plans
            .iter()
            .filter(|q| {
                q.id() != id
                    && q.data.status.claims_vacancies()
                    && q.data.target_org_id == p.target_org_id
                    && q.data.quota_type == p.quota_type
                    && q.data
                        .approved_on
                        .is_some_and(|qd| qd < d || (qd == d && q.id() < id))
            })
            .map(|q| demand(&q.data, d))
            // Saturating: an overflowing claim stays above any vacancy instead of wrapping.
            .fold(0u32, u32::saturating_add);
        let available = vacant.saturating_sub(claimed);
        let wanted = demand(p, d);
        if wanted > available {
            out.push(violation(
                "BR-C11",
                Severity::Warn,
                Some("S5.4"),
                k,
                id,
                Some("positions"),
                Text::new(
                    format!(
                        "计划引进 {wanted} 人，超过{}在 {d} 的空编（核定 {a}，实有 {o}，空编 {vacant}{}）",
                        p.quota_type.zh(),
                        if claimed > 0 { format!("，已被其他计划占用 {claimed}") } else { String::new() }
                    ),
                    format!(
                        "{wanted} positions planned, more than the vacant {} quota on {d} (approved {a}, occupied {o}, vacant {vacant}{})",
                        p.quota_type.en().to_lowercase(),
                        if claimed > 0 { format!(", {claimed} claimed by other plans") } else { String::new() }
                    ),
                ),
            ));
        }
        // BR-C12: scarce and high-skill talent is brought in under the park's talent policy.
        if p.needs_policy() {
            let policy = p
                .policy_institution_id
                .as_deref()
                .and_then(|i| ws.institutions.live(i));
            let msg = match policy {
                None => Some(Text::new(
                    "引进紧缺专业技术人才、高技能人才应依据园区制定的引才规定（请关联制度）",
                    "Scarce and high-skill talent should be brought in under the park's talent policy (link the institution)",
                )),
                Some(i)
                    if !matches!(
                        i.data.category,
                        InstitutionCategory::Talent | InstitutionCategory::Personnel
                    ) =>
                {
                    Some(Text::new(
                        "所关联的制度不是人才或人事类制度",
                        "The linked institution is not a talent or personnel rule",
                    ))
                }
                Some(i) if !i.data.in_force_on(d) => Some(Text::new(
                    format!("所关联的引才规定在 {d} 尚未施行"),
                    format!("The linked talent policy is not in force on {d}"),
                )),
                Some(_) => None,
            };
            if let Some(m) = msg {
                out.push(violation(
                    "BR-C12",
                    Severity::Info,
                    Some("S5.4"),
                    k,
                    id,
                    Some("policy_institution_id"),
                    m,
                ));
            }
        }
    }
}

fn settings(ws: &Workspace, out: &mut Vec<Violation>) {
    for r in ws.staffing_settings.iter_live().skip(1) {
        out.push(violation(
            "FIELD",
            Severity::Warn,
            None,
            Kind::StaffingSettings,
            r.id(),
            None,
            Text::new(
                "有多份人事参数，只使用第一份",
                "There is more than one set of staffing parameters; only the first is used",
            ),
        ));
    }
}
