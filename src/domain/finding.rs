//! 督查问题 | Findings of the inspection group (report S7.1; shared/domain.md §4.E, BR-E3, BR-E6,
//! BR-E7). A verdict other than 到位 / 不适用 creates a draft finding with its responsible unit in
//! the same command (BR-E3, [`follow_check`]); the group confirms or withdraws it.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::delegation::Verdict;
use super::inspection::{AspectResult, CheckTarget, InspectionAspect, InspectionCheckData};
use super::meta::{Id, Timestamp};
use super::org::OrgKind;
use super::text::Text;
use super::transition::StateChange;
use super::workspace::Workspace;
use crate::coded_enum;

coded_enum! {
    /// 问题类别 | The verdict class, or a support / service gap (§4.E).
    pub enum FindingCategory {
        Discounted => ("DISCOUNTED", "打折放权", "Discounted delegation"),
        NominalOnly => ("NOMINAL_ONLY", "明放暗不放", "Nominal release only"),
        Withheld => ("WITHHELD", "抱权不放", "Power withheld"),
        NotReceived => ("NOT_RECEIVED", "承接不到位", "Not received"),
        MinorGap => ("MINOR_GAP", "基本到位（小问题）", "Mostly in place (minor gap)"),
        SupportGap => ("SUPPORT_GAP", "支持不到位", "Support gap"),
        ServiceGap => ("SERVICE_GAP", "服务不到位", "Service gap"),
        Other => ("OTHER", "其他", "Other"),
    }
}

coded_enum! {
    /// 严重程度 | Severity; ordered, so 较重 and above need a rectification order (BR-E5).
    pub enum FindingSeverity {
        Minor => ("MINOR", "一般", "Minor"),
        Serious => ("SERIOUS", "较重", "Serious"),
        Grave => ("GRAVE", "严重", "Grave"),
    }
}

coded_enum! {
    /// 动因 | Why the power was kept (S7.1: 部门利益、局部利益).
    pub enum Motive {
        DeptInterest => ("DEPT_INTEREST", "部门利益", "Departmental interest"),
        LocalInterest => ("LOCAL_INTEREST", "局部利益", "Local interest"),
        Capacity => ("CAPACITY", "能力不足", "Lack of capacity"),
        Other => ("OTHER", "其他", "Other"),
    }
}

coded_enum! {
    /// 问题状态 | 草稿 (created from a verdict) → 已确认 (the group owns it) ; either → 已撤销.
    pub enum FindingStatus {
        Draft => ("DRAFT", "草稿", "Draft"),
        Confirmed => ("CONFIRMED", "已确认", "Confirmed"),
        Withdrawn => ("WITHDRAWN", "已撤销", "Withdrawn"),
    }
}

impl FindingStatus {
    pub fn can_become(self, to: FindingStatus) -> bool {
        use FindingStatus::*;
        matches!(
            (self, to),
            (Draft, Confirmed) | (Draft, Withdrawn) | (Confirmed, Withdrawn)
        )
    }
}

/// One step of a finding's status.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingStep {
    pub to: FindingStatus,
    pub on: NaiveDate,
    pub reason: String,
}

/// Applies a finding step: the state machine, a responsible unit to confirm (BR-E3), a reason to
/// withdraw; writes the history.
pub fn apply_step(
    before: &FindingData,
    step: &FindingStep,
    today: NaiveDate,
    at: Timestamp,
    office: &str,
) -> Result<FindingData, Text> {
    let (from, to) = (before.status, step.to);
    if !from.can_become(to) {
        return Err(Text::new(
            format!("不能从“{}”变为“{}”", from.zh(), to.zh()),
            format!("Cannot go from “{}” to “{}”", from.en(), to.en()),
        ));
    }
    if step.on > today {
        return Err(Text::new(
            format!("日期 {} 晚于今天，不能预先登记", step.on),
            format!(
                "The date {} is after today; steps cannot be recorded in advance",
                step.on
            ),
        ));
    }
    if to == FindingStatus::Confirmed && before.lead_responsible_org_id.is_none() {
        return Err(Text::new(
            "确认问题前须指定主责单位",
            "Name the lead responsible unit before confirming the finding",
        ));
    }
    if to == FindingStatus::Withdrawn && super::text::blank(&step.reason) {
        return Err(Text::new(
            "撤销问题须写明理由",
            "Give the reason for withdrawing the finding",
        ));
    }
    let mut after = before.clone();
    after.status = to;
    after.history.push(StateChange {
        at,
        by_office: office.to_string(),
        on: step.on,
        from: from.code().to_string(),
        to: to.code().to_string(),
        reason: step.reason.trim().to_string(),
    });
    Ok(after)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingData {
    /// 来源核查 | The checks the finding comes from.
    pub check_ids: Vec<Id>,
    pub category: FindingCategory,
    pub description: String,
    /// 主责单位 | Lead responsible unit: the source department, or the park committee for
    /// 承接不到位 (BR-E3).
    #[serde(default)]
    pub lead_responsible_org_id: Option<Id>,
    #[serde(default)]
    pub co_responsible_org_ids: Vec<Id>,
    pub severity: FindingSeverity,
    #[serde(default)]
    pub motives: Vec<Motive>,
    pub status: FindingStatus,
    #[serde(default)]
    pub history: Vec<StateChange>,
}

impl FindingData {
    /// BR-E5: 较重 and above, or any 明放暗不放 / 抱权不放, must be followed by a rectification order.
    pub fn needs_order(&self) -> bool {
        self.status != FindingStatus::Withdrawn
            && (self.severity >= FindingSeverity::Serious
                || matches!(
                    self.category,
                    FindingCategory::NominalOnly | FindingCategory::Withheld
                ))
    }
}

impl FindingCategory {
    /// The class a check's verdict or result gives, if it is a problem at all (BR-E3).
    pub fn of_check(c: &InspectionCheckData) -> Option<FindingCategory> {
        if let Some(v) = c.verdict {
            return match v {
                Verdict::InPlace | Verdict::NotApplicable => None,
                Verdict::MostlyInPlace => Some(FindingCategory::MinorGap),
                Verdict::Discounted => Some(FindingCategory::Discounted),
                Verdict::NominalOnly => Some(FindingCategory::NominalOnly),
                Verdict::Withheld => Some(FindingCategory::Withheld),
                Verdict::NotReceived => Some(FindingCategory::NotReceived),
            };
        }
        match c.result? {
            AspectResult::InPlace | AspectResult::NotApplicable => None,
            AspectResult::Partly => Some(FindingCategory::MinorGap),
            AspectResult::NotInPlace => Some(match c.aspect {
                InspectionAspect::Support => FindingCategory::SupportGap,
                InspectionAspect::Service => FindingCategory::ServiceGap,
                InspectionAspect::Authorisation => FindingCategory::Other,
            }),
        }
    }

    /// Default severity [D]: 基本到位 minor, 抱权不放 grave, the rest serious.
    pub fn default_severity(self) -> FindingSeverity {
        match self {
            FindingCategory::MinorGap | FindingCategory::Other => FindingSeverity::Minor,
            FindingCategory::Withheld => FindingSeverity::Grave,
            _ => FindingSeverity::Serious,
        }
    }
}

/// The park committee (管委会) of a park, which answers for park-side problems.
pub fn park_committee<'a>(ws: &'a Workspace, park_id: &str) -> Option<&'a Id> {
    ws.org_units
        .iter_live()
        .find(|o| {
            o.data.kind == OrgKind::ParkMgmtCommittee
                && o.data.park_id.as_deref() == Some(park_id)
                && o.data.is_active()
        })
        .map(|o| &o.meta.id)
}

/// The unit that answers for a check's problem (BR-E3): the named one, else the source department
/// for a delegation (the park committee for 承接不到位), the department checked, or the park's
/// committee.
pub fn responsible_for(ws: &Workspace, c: &InspectionCheckData) -> Option<Id> {
    if let Some(o) = &c.responsible_org_id {
        return Some(o.clone());
    }
    match &c.target {
        CheckTarget::Delegation { delegation_id } => {
            let d = ws.delegations.live(delegation_id)?;
            if c.verdict == Some(Verdict::NotReceived) {
                park_committee(ws, &d.data.park_id).cloned()
            } else {
                super::inspection::source_dept(ws, &d.data).cloned()
            }
        }
        CheckTarget::Department { org_id } => Some(org_id.clone()),
        CheckTarget::Park { park_id } => park_committee(ws, park_id).cloned(),
    }
}

/// What the command path does with the draft finding of a check whose verdict was saved.
#[derive(Clone, Debug, PartialEq)]
pub enum Follow {
    Nothing,
    Create(FindingData),
    Update(Id, FindingData),
    /// The verdict no longer shows a problem: the draft finding (and its draft orders) go.
    Withdraw(Id),
}

/// A one-line description of the problem for a new finding.
fn describe(ws: &Workspace, c: &InspectionCheckData, cat: FindingCategory) -> String {
    use super::workspace::Kind;
    let subject = match &c.target {
        CheckTarget::Delegation { delegation_id } => ws.label_of(Kind::Delegation, delegation_id),
        CheckTarget::Department { org_id } => {
            format!(
                "{}（{}）",
                ws.label_of(Kind::OrgUnit, org_id),
                c.aspect.zh()
            )
        }
        CheckTarget::Park { park_id } => {
            format!("{}（{}）", ws.label_of(Kind::Park, park_id), c.aspect.zh())
        }
    };
    let reason = c.verdict_reason.trim();
    if reason.is_empty() {
        format!("{subject}：{}", cat.zh())
    } else {
        format!("{subject}：{}。{reason}", cat.zh())
    }
}

/// BR-E3: the draft finding a check's verdict calls for, compared with the one it already has.
/// A confirmed or withdrawn finding belongs to the inspection group and is never touched here.
pub fn follow_check(ws: &Workspace, check_id: &str, c: &InspectionCheckData) -> Follow {
    let existing = ws
        .findings
        .iter_live()
        .find(|f| f.data.check_ids.iter().any(|x| x == check_id));
    let wanted = FindingCategory::of_check(c);
    match (existing, wanted) {
        (None, None) => Follow::Nothing,
        (None, Some(cat)) => Follow::Create(FindingData {
            check_ids: vec![check_id.to_string()],
            category: cat,
            description: describe(ws, c, cat),
            lead_responsible_org_id: responsible_for(ws, c),
            co_responsible_org_ids: Vec::new(),
            severity: cat.default_severity(),
            motives: Vec::new(),
            status: FindingStatus::Draft,
            history: Vec::new(),
        }),
        (Some(f), _) if f.data.status != FindingStatus::Draft => Follow::Nothing,
        (Some(f), None) => Follow::Withdraw(f.meta.id.clone()),
        (Some(f), Some(cat)) => {
            let mut data = f.data.clone();
            if data.category != cat {
                data.severity = cat.default_severity();
                data.description = describe(ws, c, cat);
            }
            data.category = cat;
            data.lead_responsible_org_id = responsible_for(ws, c);
            if data == f.data {
                Follow::Nothing
            } else {
                Follow::Update(f.meta.id.clone(), data)
            }
        }
    }
}

/// The campaign start date of each finding (through its first check), for ordering repeats.
fn campaign_start(ws: &Workspace, f: &FindingData) -> Option<NaiveDate> {
    let check = ws.inspection_checks.live(f.check_ids.first()?)?;
    ws.inspection_campaigns
        .live(&check.data.campaign_id)
        .map(|c| c.data.period.from)
}

/// BR-E6: how many times each finding's problem was found before — findings of the same class
/// for the same responsible unit in earlier campaigns (withdrawn ones do not count). Linear
/// after one sort per (unit, class) group.
pub fn repeat_counts(ws: &Workspace) -> HashMap<Id, u32> {
    let mut groups: HashMap<(&str, FindingCategory), Vec<(NaiveDate, &str)>> = HashMap::new();
    for f in ws.findings.iter_live() {
        if f.data.status == FindingStatus::Withdrawn || f.data.category == FindingCategory::MinorGap
        {
            continue;
        }
        let (Some(unit), Some(start)) = (
            f.data.lead_responsible_org_id.as_deref(),
            campaign_start(ws, &f.data),
        ) else {
            continue;
        };
        groups
            .entry((unit, f.data.category))
            .or_default()
            .push((start, f.id()));
    }
    let mut out = HashMap::new();
    for list in groups.values_mut() {
        list.sort();
        for (start, id) in list.iter() {
            // Sorted by start: the findings of earlier campaigns are the ones before the first
            // of this start date.
            let earlier = list.partition_point(|(s, _)| s < start);
            out.insert(id.to_string(), earlier as u32);
        }
    }
    out
}
