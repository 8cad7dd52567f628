//! Rules of supervision and accountability BR-E1..E7 (shared/domain.md §5.E) and the field checks
//! of teams, campaigns, checks, findings, rectification orders and accountability actions. Every
//! table is indexed once per check, so the cost grows with the data, not with its square.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::accountability::{AccountTarget, AccountabilityStatus};
use super::dates;
use super::finding::{FindingCategory, FindingStatus};
use super::inspection::{CampaignStatus, CheckTarget, InspectionAspect};
use super::integration::looks_like_personal_number;
use super::rectification::{Overdue, RectificationStatus};
use super::rules::{Severity, Violation};
use super::rules::{blank, field_error as field, field_zh_en};
use super::text::Text;
use super::workspace::{Data, Kind, Record, Workspace};

fn v(
    rule: &'static str,
    severity: Severity,
    kind: Kind,
    id: &str,
    field: Option<&'static str>,
    message: Text,
) -> Violation {
    super::rules::violation(rule, severity, Some("S7.1"), kind, id, field, message)
}

fn personal_number(kind: Kind, id: &str, f: &'static str) -> Violation {
    Violation {
        rule: "BR-F2",
        severity: Severity::Block,
        source: None,
        kind,
        id: id.to_string(),
        field: Some(f),
        message: Text::new(
            "不得录入身份证号或手机号，请改用姓名、工号或化名",
            "ID or phone numbers must not be stored: use a name, staff number or pseudonym",
        ),
    }
}

/// A new campaign, finding, order or action starts at the start of its state machine with no
/// history: the later states are reached only by steps (`Command::Act`).
pub fn new_record_guard(data: &Data) -> Option<Violation> {
    let (kind, ok) = match data {
        Data::InspectionCampaign(c) => (
            Kind::InspectionCampaign,
            c.status == CampaignStatus::Planned && c.history.is_empty(),
        ),
        Data::Finding(f) => (
            Kind::Finding,
            f.status != FindingStatus::Withdrawn && f.history.is_empty(),
        ),
        Data::RectificationOrder(o) => (
            Kind::RectificationOrder,
            o.status == RectificationStatus::Draft
                && o.history.is_empty()
                && o.issued_on.is_none()
                && o.reminders.is_empty()
                && o.extensions.is_empty()
                && o.feedbacks.is_empty()
                && o.reviews.is_empty()
                && o.yellow_card.is_none(),
        ),
        Data::AccountabilityAction(a) => (
            Kind::AccountabilityAction,
            a.status == AccountabilityStatus::Lead
                && a.history.is_empty()
                && a.decided_on.is_none(),
        ),
        _ => return None,
    };
    (!ok).then(|| {
        Violation {
            rule: "TRANSITION",
            severity: Severity::Block,
            source: None,
            kind,
            id: String::new(),
            field: Some("status"),
            message: Text::new(
                "新记录须从初始状态开始，之后的状态只能逐步办理（交办、反馈、复核……）",
                "A new record starts in its first state; later states are reached step by step (assign, feedback, review …)",
            ),
        }
    })
}

/// An editor may change a record's fields but not its state, its history or the facts only a
/// step records (issue date, reminders, extensions, feedback, reviews, yellow card, decision
/// date): those change through `Command::Act`.
pub fn editor_guard(current: &Record, data: &Data) -> Option<Violation> {
    let (kind, id, same) = match (current, data) {
        (Record::InspectionCampaign(r), Data::InspectionCampaign(d)) => (
            Kind::InspectionCampaign,
            r.id(),
            r.data.status == d.status && r.data.history == d.history,
        ),
        (Record::Finding(r), Data::Finding(d)) => (
            Kind::Finding,
            r.id(),
            r.data.status == d.status && r.data.history == d.history,
        ),
        (Record::RectificationOrder(r), Data::RectificationOrder(d)) => {
            let a = &r.data;
            let deadline_ok = a.status == RectificationStatus::Draft || a.deadline == d.deadline;
            (
                Kind::RectificationOrder,
                r.id(),
                a.status == d.status
                    && a.history == d.history
                    && a.issued_on == d.issued_on
                    && deadline_ok
                    && a.reminders == d.reminders
                    && a.extensions == d.extensions
                    && a.feedbacks == d.feedbacks
                    && a.reviews == d.reviews
                    && a.yellow_card == d.yellow_card,
            )
        }
        (Record::AccountabilityAction(r), Data::AccountabilityAction(d)) => (
            Kind::AccountabilityAction,
            r.id(),
            r.data.status == d.status
                && r.data.history == d.history
                && r.data.decided_on == d.decided_on,
        ),
        _ => return None,
    };
    (!same).then(|| Violation {
        rule: "TRANSITION",
        severity: Severity::Block,
        source: None,
        kind,
        id: id.to_string(),
        field: Some("status"),
        message: Text::new(
            "状态、时限和办理记录只能通过办理步骤改变，不能在编辑中修改",
            "The status, deadline and the record of steps change only through the steps, not in the editor",
        ),
    })
}

pub fn check(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    parameters(ws, out);
    teams(ws, out);
    campaigns(ws, as_of, out);
    checks(ws, out);
    findings(ws, out);
    orders(ws, as_of, out);
    actions(ws, out);
}

/// One parameters record at most, with usable values.
fn parameters(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::Parameters;
    for (n, r) in ws.parameters.iter_live().enumerate() {
        let id = r.id();
        if n > 0 {
            out.push(field(
                k,
                id,
                "id",
                Text::new(
                    "参数设置只能有一份",
                    "There can be only one parameters record",
                ),
            ));
        }
        let p = &r.data;
        if p.rectification_days == 0 || p.rectification_days > 365 {
            out.push(field(
                k,
                id,
                "rectification_days",
                Text::new(
                    "整改默认时限须为 1–365 日",
                    "The default rectification period must be 1–365 days",
                ),
            ));
        }
        if p.second_overdue_days > 365 {
            out.push(field(
                k,
                id,
                "second_overdue_days",
                Text::new(
                    "二次逾期天数须为 0–365 日",
                    "The second-overdue period must be 0–365 days",
                ),
            ));
        }
        if p.red_list_min_permille > 1000 || p.black_list_below_permille > p.red_list_min_permille {
            out.push(field(
                k,
                id,
                "red_list_min_permille",
                Text::new(
                    "红榜门槛须不高于 1000‰，且不低于黑榜门槛",
                    "The red-list threshold must be at most 1000‰ and not below the black-list one",
                ),
            ));
        }
    }
}

fn org_exists(ws: &Workspace, id: &str) -> bool {
    ws.org_units.live(id).is_some()
}

fn teams(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::InspectionTeam;
    for r in ws.inspection_teams.iter_live() {
        let id = r.id();
        if blank(&r.data.name) {
            out.push(field(
                k,
                id,
                "name",
                Text::new("请填写督查组名称", "Enter the group's name"),
            ));
        }
        if let Some(o) = &r.data.lead_org_id
            && !org_exists(ws, o)
        {
            out.push(field(
                k,
                id,
                "lead_org_id",
                Text::new("牵头单位不存在", "The lead organ does not exist"),
            ));
        }
        for m in &r.data.members {
            if blank(&m.name) {
                out.push(field(
                    k,
                    id,
                    "members",
                    Text::new(
                        "成员须填写姓名或工号",
                        "Each member needs a name or staff number",
                    ),
                ));
            } else if looks_like_personal_number(&m.name) {
                out.push(personal_number(k, id, "members"));
            }
        }
    }
}

/// Field checks, BR-E1 (aspects and departments covered) and BR-E2 (every due delegation has a
/// verdict once fieldwork is over).
fn campaigns(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let k = Kind::InspectionCampaign;
    let by_park = super::inspection::DelegationsByPark::of(ws);
    for r in ws.inspection_campaigns.iter_live() {
        let (id, c) = (r.id(), &r.data);
        if blank(&c.title) {
            out.push(field(
                k,
                id,
                "title",
                Text::new("请填写督查批次名称", "Enter the campaign's title"),
            ));
        }
        if !c.period.is_well_formed() {
            out.push(field(
                k,
                id,
                "period",
                Text::new(
                    "结束日期不能早于开始日期",
                    "The end date cannot be before the start date",
                ),
            ));
        }
        if let Some(t) = &c.team_id
            && ws.inspection_teams.live(t).is_none()
        {
            out.push(field(
                k,
                id,
                "team_id",
                Text::new(
                    "所选督查组不存在",
                    "The chosen inspection group does not exist",
                ),
            ));
        }
        if c.scope_parks.is_empty() {
            out.push(field(
                k,
                id,
                "scope_parks",
                Text::new("请选择督查的园区", "Choose the parks the campaign covers"),
            ));
        } else if c.scope_parks.iter().any(|p| ws.parks.live(p).is_none()) {
            out.push(field(
                k,
                id,
                "scope_parks",
                Text::new(
                    "督查园区中有不存在的园区",
                    "One of the parks does not exist",
                ),
            ));
        }
        if c.scope_depts.iter().any(|d| !org_exists(ws, d)) {
            out.push(field(
                k,
                id,
                "scope_depts",
                Text::new(
                    "督查部门中有不存在的单位",
                    "One of the departments does not exist",
                ),
            ));
        }
        if c.aspects.is_empty() {
            out.push(field(
                k,
                id,
                "aspects",
                Text::new(
                    "请选择督查内容（授权、支持、服务）",
                    "Choose what is inspected (authorisation, support, service)",
                ),
            ));
        }
        let missing: Vec<InspectionAspect> = InspectionAspect::ALL
            .iter()
            .copied()
            .filter(|a| !c.aspects.contains(a))
            .collect();
        if !missing.is_empty() && !c.aspects.is_empty() {
            let names = |f: fn(InspectionAspect) -> &'static str, sep: &str| {
                missing.iter().map(|a| f(*a)).collect::<Vec<_>>().join(sep)
            };
            out.push(v(
                "BR-E1",
                Severity::Info,
                k,
                id,
                Some("aspects"),
                Text::new(
                    format!(
                        "督查应覆盖授权、支持、服务三方面，未含：{}",
                        names(InspectionAspect::zh, "、")
                    ),
                    format!(
                        "A campaign should cover authorisation, support and service; missing: {}",
                        names(InspectionAspect::en, ", ")
                    ),
                ),
            ));
        }
        if c.status.fieldwork_done() {
            let due =
                super::inspection::due_among(ws, by_park.of_campaign(c).into_iter(), c, as_of);
            let coverage = super::supervision_metrics::department_coverage_among(ws, id, c, &due);
            if coverage.num < coverage.den {
                out.push(v(
                    "BR-E1",
                    Severity::Info,
                    k,
                    id,
                    Some("scope_depts"),
                    Text::new(
                        format!(
                            "已下放权力的 {} 个部门中有 {} 个未被核查",
                            coverage.den,
                            coverage.den - coverage.num
                        ),
                        format!(
                            "{} of the {} delegating departments were not checked",
                            coverage.den - coverage.num,
                            coverage.den
                        ),
                    ),
                ));
            }
            let unchecked = super::inspection::unchecked_among(ws, id, due).len();
            if unchecked > 0 {
                out.push(v(
                    "BR-E2",
                    Severity::Warn,
                    k,
                    id,
                    None,
                    Text::new(
                        format!("督查范围内有 {unchecked} 项应督查的赋权事项没有结论"),
                        format!(
                            "{unchecked} due delegations in scope have no verdict in this campaign"
                        ),
                    ),
                ));
            }
        }
    }
}

/// Field checks, BR-E4 (serious verdicts need evidence and a responsible department) and BR-E3
/// (a problem verdict has its finding).
fn checks(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::InspectionCheck;
    let with_finding: HashSet<&str> = ws
        .findings
        .iter_live()
        .flat_map(|f| f.data.check_ids.iter().map(String::as_str))
        .collect();
    let mut seen: HashMap<(&str, &str), &str> = HashMap::new();
    for r in ws.inspection_checks.iter_live() {
        let (id, c) = (r.id(), &r.data);
        let campaign = ws.inspection_campaigns.live(&c.campaign_id);
        if campaign.is_none() {
            out.push(field(
                k,
                id,
                "campaign_id",
                Text::new("所属督查批次不存在", "The campaign does not exist"),
            ));
        }
        let target_ok = match &c.target {
            CheckTarget::Delegation { delegation_id } => {
                ws.delegations.live(delegation_id).is_some()
            }
            CheckTarget::Department { org_id } => org_exists(ws, org_id),
            CheckTarget::Park { park_id } => ws.parks.live(park_id).is_some(),
        };
        if !target_ok {
            out.push(field(
                k,
                id,
                "target",
                Text::new("核查对象不存在", "The checked record does not exist"),
            ));
        }
        match &c.target {
            CheckTarget::Delegation { delegation_id } => {
                if c.result.is_some() {
                    out.push(field(
                        k,
                        id,
                        "result",
                        Text::new(
                            "赋权事项的核查请填写督查结论（到位、打折放权等）",
                            "A check of a delegation takes a verdict (in place, discounted …)",
                        ),
                    ));
                }
                if c.aspect != InspectionAspect::Authorisation {
                    out.push(field(
                        k,
                        id,
                        "aspect",
                        Text::new(
                            "逐项核查赋权事项属于“授权”方面",
                            "A check of one delegation belongs to the authorisation aspect",
                        ),
                    ));
                }
                if let Some(prev) = seen.insert((c.campaign_id.as_str(), delegation_id), id)
                    && prev != id
                {
                    out.push(v(
                        "FIELD",
                        Severity::Warn,
                        k,
                        id,
                        Some("target"),
                        Text::new(
                            "同一批次中该事项已有另一条核查记录（以较新的为准）",
                            "The delegation has another check in this campaign (the newer one counts)",
                        ),
                    ));
                }
            }
            _ => {
                if c.verdict.is_some() {
                    out.push(field(k, id, "verdict", Text::new("部门或园区的支持、服务核查请填写核查结果（到位、基本到位、不到位）", "A support or service check of a department or park takes a result (in place, mostly, not in place)")));
                }
            }
        }
        if c.is_done() && c.checked_on.is_none() {
            out.push(field(
                k,
                id,
                "checked_on",
                Text::new(
                    "有结论的核查须填写核查日期",
                    "A check with a verdict needs its date",
                ),
            ));
        }
        if let (Some(on), Some(camp)) = (c.checked_on, campaign)
            && !camp.data.period.contains(on)
        {
            out.push(v(
                "FIELD",
                Severity::Warn,
                k,
                id,
                Some("checked_on"),
                Text::new(
                    "核查日期不在督查批次期间内",
                    "The check date lies outside the campaign's period",
                ),
            ));
        }
        if let Some(o) = &c.responsible_org_id
            && !org_exists(ws, o)
        {
            out.push(field(
                k,
                id,
                "responsible_org_id",
                Text::new("责任单位不存在", "The responsible unit does not exist"),
            ));
        }
        for name in &c.inspectors {
            if looks_like_personal_number(name) {
                out.push(personal_number(k, id, "inspectors"));
            }
        }
        if c.is_done() && c.methods.is_empty() {
            out.push(v(
                "FIELD",
                Severity::Warn,
                k,
                id,
                Some("methods"),
                Text::new(
                    "请记录核查方式（查阅资料、实地查看、座谈……）",
                    "Record how it was checked (documents, site visit, group talk …)",
                ),
            ));
        }
        // BR-E4: the serious verdicts need evidence, a named responsible department and a reason.
        if c.verdict
            .is_some_and(super::delegation::Verdict::is_withholding)
        {
            let sev = if c.migrated {
                Severity::Warn
            } else {
                Severity::Block
            };
            let name = c.verdict.map(|x| (x.zh(), x.en())).unwrap_or_default();
            if !c.has_evidence() {
                out.push(v(
                    "BR-E4",
                    sev,
                    k,
                    id,
                    Some("evidence"),
                    Text::new(
                        format!("认定“{}”须至少有一项证据", name.0),
                        format!(
                            "A verdict of “{}” needs at least one piece of evidence",
                            name.1
                        ),
                    ),
                ));
            }
            if c.responsible_org_id.is_none() {
                out.push(v(
                    "BR-E4",
                    sev,
                    k,
                    id,
                    Some("responsible_org_id"),
                    Text::new(
                        format!("认定“{}”须指明责任部门", name.0),
                        format!("A verdict of “{}” needs the responsible department", name.1),
                    ),
                ));
            }
            if blank(&c.verdict_reason) {
                out.push(v(
                    "BR-E4",
                    sev,
                    k,
                    id,
                    Some("verdict_reason"),
                    Text::new(
                        format!("认定“{}”须写明理由", name.0),
                        format!("A verdict of “{}” needs its reason", name.1),
                    ),
                ));
            }
        }
        if FindingCategory::of_check(c).is_some() && !with_finding.contains(id) {
            out.push(v(
                "BR-E3",
                Severity::Warn,
                k,
                id,
                None,
                Text::new(
                    "该结论显示存在问题，但没有对应的督查问题记录",
                    "The verdict shows a problem but no finding records it",
                ),
            ));
        }
    }
}

/// Field checks, BR-E5 (an order for serious findings), BR-E6 (repeats → accountability), BR-E7
/// (motives), and findings that no longer match their check's verdict (BR-E3).
fn findings(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::Finding;
    let ordered: HashSet<&str> = ws
        .rectification_orders
        .iter_live()
        .filter(|o| o.data.status != RectificationStatus::Suspended)
        .flat_map(|o| o.data.finding_ids.iter().map(String::as_str))
        .collect();
    let accounted: HashSet<&str> = ws
        .accountability_actions
        .iter_live()
        .flat_map(|a| a.data.finding_ids.iter().map(String::as_str))
        .collect();
    let repeats = super::finding::repeat_counts(ws);
    for r in ws.findings.iter_live() {
        let (id, f) = (r.id(), &r.data);
        if f.check_ids.is_empty() {
            out.push(field(
                k,
                id,
                "check_ids",
                Text::new(
                    "问题须关联来源核查",
                    "A finding needs the check it comes from",
                ),
            ));
        } else if f
            .check_ids
            .iter()
            .any(|c| ws.inspection_checks.live(c).is_none())
        {
            out.push(field(
                k,
                id,
                "check_ids",
                Text::new("来源核查不存在", "A source check does not exist"),
            ));
        }
        if blank(&f.description) {
            out.push(field(
                k,
                id,
                "description",
                Text::new("请填写问题描述", "Describe the finding"),
            ));
        }
        if f.lead_responsible_org_id
            .as_deref()
            .is_some_and(|o| !org_exists(ws, o))
            || f.co_responsible_org_ids.iter().any(|o| !org_exists(ws, o))
        {
            out.push(field(
                k,
                id,
                "lead_responsible_org_id",
                Text::new("责任单位不存在", "A responsible unit does not exist"),
            ));
        }
        if f.status == FindingStatus::Withdrawn {
            continue;
        }
        if f.lead_responsible_org_id.is_none() {
            out.push(v(
                "BR-E3",
                Severity::Warn,
                k,
                id,
                Some("lead_responsible_org_id"),
                Text::new("请指定主责单位", "Name the lead responsible unit"),
            ));
        }
        if f.needs_order() && !ordered.contains(id) {
            out.push(v(
                "BR-E5",
                Severity::Warn,
                k,
                id,
                None,
                Text::new(
                    "较重以上或明放暗不放、抱权不放的问题须下达整改督办单",
                    "A serious finding, or any nominal-only or withheld one, needs a rectification order",
                ),
            ));
        }
        let n = repeats.get(id).copied().unwrap_or(0);
        if n >= 1 && !accounted.contains(id) {
            out.push(v(
                "BR-E6",
                Severity::Warn,
                k,
                id,
                None,
                Text::new(
                    format!("同一单位同类问题此前已发生 {n} 次：应启动责任追究（线索）"),
                    format!(
                        "The same unit had this kind of finding {n} time(s) before: accountability should be proposed"
                    ),
                ),
            ));
        }
        if matches!(
            f.category,
            FindingCategory::NominalOnly | FindingCategory::Withheld | FindingCategory::Discounted
        ) && f.motives.is_empty()
        {
            out.push(v(
                "BR-E7",
                Severity::Info,
                k,
                id,
                Some("motives"),
                Text::new(
                    "可标注动因（部门利益、局部利益……），用于放权红黑榜分析",
                    "Tag the motive (departmental or local interest …) for the red/black list",
                ),
            ));
        }
        if f.check_ids.len() == 1
            && let Some(c) = ws.inspection_checks.live(&f.check_ids[0])
            && FindingCategory::of_check(&c.data) != Some(f.category)
        {
            out.push(v(
                "BR-E3",
                Severity::Warn,
                k,
                id,
                Some("category"),
                Text::new(
                    "问题类别与来源核查的结论不一致",
                    "The finding's class does not match its check's verdict",
                ),
            ));
        }
    }
}

/// Field checks and BR-E5 on the orders: issued orders carry lead unit, issue date and deadline;
/// an overdue order needs a reminder, a second overdue a yellow card.
fn orders(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let k = Kind::RectificationOrder;
    let second = super::parameters::of(ws).second_overdue_days;
    let mut numbers: HashSet<&str> = HashSet::new();
    for r in ws.rectification_orders.iter_live() {
        let (id, o) = (r.id(), &r.data);
        let no = o.notice_no.trim();
        if no.is_empty() {
            out.push(field(
                k,
                id,
                "notice_no",
                Text::new("请填写督办通知单号", "Enter the notice number"),
            ));
        } else if !numbers.insert(no) {
            out.push(field(
                k,
                id,
                "notice_no",
                Text::new(
                    format!("督办通知单号 {no} 重复"),
                    format!("Notice number {no} is used twice"),
                ),
            ));
        }
        if o.finding_ids.is_empty() || o.finding_ids.iter().any(|f| ws.findings.live(f).is_none()) {
            out.push(field(
                k,
                id,
                "finding_ids",
                Text::new(
                    "督办单须关联存在的督查问题",
                    "An order must refer to existing findings",
                ),
            ));
        }
        if o.lead_org_id.as_deref().is_some_and(|x| !org_exists(ws, x))
            || o.assist_org_ids.iter().any(|x| !org_exists(ws, x))
        {
            out.push(field(
                k,
                id,
                "lead_org_id",
                Text::new("主办或协办单位不存在", "A handling unit does not exist"),
            ));
        }
        // Issued orders (a draft may also be suspended before it was ever issued).
        if o.status.is_open() || o.status == RectificationStatus::Closed {
            if o.lead_org_id.is_none() {
                out.push(v(
                    "BR-E5",
                    Severity::Block,
                    k,
                    id,
                    Some("lead_org_id"),
                    Text::new(
                        "已交办的督办单须有主办单位",
                        "An issued order needs its lead unit",
                    ),
                ));
            }
            if o.issued_on.is_none() || o.deadline.is_none() {
                out.push(v(
                    "BR-E5",
                    Severity::Block,
                    k,
                    id,
                    Some("deadline"),
                    Text::new(
                        "已交办的督办单须有交办日期和整改时限",
                        "An issued order needs its issue date and deadline",
                    ),
                ));
            }
        }
        // Dates outside the sane range would make the overdue arithmetic leave the calendar.
        let dated: [(&'static str, Vec<NaiveDate>); 6] = [
            ("issued_on", o.issued_on.into_iter().collect()),
            ("deadline", o.deadline.into_iter().collect()),
            ("reminders", o.reminders.clone()),
            (
                "extensions",
                o.extensions
                    .iter()
                    .flat_map(|e| [Some(e.requested_on), Some(e.new_deadline), e.decided_on])
                    .flatten()
                    .collect(),
            ),
            ("feedbacks", o.feedbacks.iter().map(|f| f.on).collect()),
            (
                "reviews",
                o.reviews
                    .iter()
                    .map(|x| x.on)
                    .chain(o.yellow_card.as_ref().map(|c| c.on))
                    .collect(),
            ),
        ];
        for (name, ds) in dated {
            if let Some(bad) = ds.iter().find(|d| !dates::in_range(**d)) {
                out.push(field_zh_en(
                    k,
                    id,
                    name,
                    format!(
                        "日期 {bad} 超出范围（{}–{}）",
                        dates::DATE_MIN,
                        dates::DATE_MAX
                    ),
                    format!(
                        "The date {bad} is outside {}–{}",
                        dates::DATE_MIN,
                        dates::DATE_MAX
                    ),
                ));
            }
        }
        if let (Some(i), Some(d)) = (o.issued_on, o.deadline)
            && d < i
        {
            out.push(field(
                k,
                id,
                "deadline",
                Text::new(
                    "整改时限不能早于交办日期",
                    "The deadline cannot be before the issue date",
                ),
            ));
        }
        if o.status == RectificationStatus::Closed && !o.reviews.iter().any(|x| x.pass) {
            out.push(v(
                "BR-E5",
                Severity::Block,
                k,
                id,
                Some("status"),
                Text::new(
                    "销号须经督查组复核通过",
                    "An order is closed only after a passing review by the inspection group",
                ),
            ));
        }
        match o.overdue_on(as_of, second) {
            Overdue::Second if !o.carded_by(as_of) => out.push(v(
                "BR-E5",
                Severity::Warn,
                k,
                id,
                Some("yellow_card"),
                Text::new(
                    format!("二次逾期（超过时限 {second} 日仍未完成）：应予黄牌警告"),
                    format!(
                        "Second overdue ({second} days past the deadline): a yellow card is due"
                    ),
                ),
            )),
            Overdue::Overdue
                if !o
                    .reminders
                    .iter()
                    .any(|d| o.deadline_on(as_of).is_some_and(|dl| *d > dl) && *d <= as_of) =>
            {
                out.push(v(
                    "BR-E5",
                    Severity::Warn,
                    k,
                    id,
                    Some("reminders"),
                    Text::new("已逾期：应予催办", "Overdue: a reminder should be sent"),
                ))
            }
            _ => {}
        }
    }
}

fn actions(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::AccountabilityAction;
    for r in ws.accountability_actions.iter_live() {
        let (id, a) = (r.id(), &r.data);
        if a.finding_ids.is_empty() || a.finding_ids.iter().any(|f| ws.findings.live(f).is_none()) {
            out.push(field(
                k,
                id,
                "finding_ids",
                Text::new(
                    "责任追究须关联存在的督查问题",
                    "An action must refer to existing findings",
                ),
            ));
        }
        match &a.target {
            AccountTarget::Org { org_id } => {
                if !org_exists(ws, org_id) {
                    out.push(field(
                        k,
                        id,
                        "target",
                        Text::new("问责单位不存在", "The unit does not exist"),
                    ));
                }
                if !a.form.for_unit() {
                    out.push(v(
                        "FIELD",
                        Severity::Warn,
                        k,
                        id,
                        Some("form"),
                        Text::new(
                            format!("“{}”通常用于个人而非单位", a.form.zh()),
                            format!(
                                "“{}” is normally applied to a person, not a unit",
                                a.form.en()
                            ),
                        ),
                    ));
                }
            }
            AccountTarget::Person { name, org_id, .. } => {
                if blank(name) {
                    out.push(field(
                        k,
                        id,
                        "target",
                        Text::new(
                            "请填写被问责人的姓名或工号",
                            "Enter the person's name or staff number",
                        ),
                    ));
                } else if looks_like_personal_number(name) {
                    out.push(personal_number(k, id, "target"));
                }
                if org_id.as_deref().is_some_and(|o| !org_exists(ws, o)) {
                    out.push(field(
                        k,
                        id,
                        "target",
                        Text::new("被问责人所在单位不存在", "The person's unit does not exist"),
                    ));
                }
                if !a.form.for_person() {
                    out.push(v(
                        "FIELD",
                        Severity::Warn,
                        k,
                        id,
                        Some("form"),
                        Text::new(
                            format!("“{}”通常用于单位而非个人", a.form.zh()),
                            format!(
                                "“{}” is normally applied to a unit, not a person",
                                a.form.en()
                            ),
                        ),
                    ));
                }
            }
        }
        if let Some(p) = a.assessment_deduction
            && !(p.is_finite() && (0.0..=100.0).contains(&p))
        {
            out.push(field(
                k,
                id,
                "assessment_deduction",
                Text::new(
                    "考核扣分须为 0–100 之间的数",
                    "The deduction must be a number from 0 to 100",
                ),
            ));
        }
        if a.assessment_deduction.is_some_and(|p| p > 0.0) && a.target.unit().is_none() {
            out.push(v("BR-E6", Severity::Warn, k, id, Some("target"), Text::new(
                "有考核扣分时须指明被问责人所在单位（扣分计入该单位年度考核）",
                "With a deduction, name the person's unit (the deduction goes into that unit's annual assessment)",
            )));
        }
        if a.status.in_effect() && a.decided_on.is_none() {
            out.push(field(
                k,
                id,
                "decided_on",
                Text::new(
                    "已决定的问责须有决定日期",
                    "A decided action needs its date",
                ),
            ));
        }
        if a.decided_by_org_id
            .as_deref()
            .is_some_and(|o| !org_exists(ws, o))
        {
            out.push(field(
                k,
                id,
                "decided_by_org_id",
                Text::new("决定机关不存在", "The deciding organ does not exist"),
            ));
        }
    }
}
