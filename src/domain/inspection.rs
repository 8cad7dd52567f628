//! 督促检查 | The inspection group, its campaigns and the checks it records (report S7.1;
//! shared/domain.md §4.E, §4.G, §8.3). A delegation's verdict is not a stored field: it is the
//! verdict of its most recent check in the most recent campaign up to a date
//! ([`latest_verdicts`]), so the inspection group owns it and any as-of date has its own answer.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::delegation::{DelegationData, Verdict};
use super::delegation_metrics;
use super::meta::{DocRef, Id, Period, Timestamp};
use super::text::Text;
use super::transition::StateChange;
use super::workspace::{Data, Rec, Workspace};
use crate::coded_enum;

coded_enum! {
    /// 督查内容 | What is inspected: authorisation, support and service to the parks (S7.1).
    pub enum InspectionAspect {
        Authorisation => ("AUTHORISATION", "授权", "Authorisation"),
        Support => ("SUPPORT", "支持", "Support"),
        Service => ("SERVICE", "服务", "Service"),
    }
}

coded_enum! {
    pub enum MemberRole {
        Leader => ("LEADER", "组长", "Leader"),
        DeputyLeader => ("DEPUTY_LEADER", "副组长", "Deputy leader"),
        Member => ("MEMBER", "成员", "Member"),
        Liaison => ("LIAISON", "联络员", "Liaison"),
    }
}

/// 成员 | A member of the inspection group: a name or staff number (never an ID number, BR-F2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub name: String,
    /// 所在单位 | The member's own organ, as text (organ records come with the organisation issue).
    #[serde(default)]
    pub org: String,
    pub role: MemberRole,
}

/// 督促检查组 | The inspection group (S7.1). The report does not say which organ leads it, so
/// `lead_org_id` may stay empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionTeamData {
    pub name: String,
    #[serde(default)]
    pub lead_org_id: Option<Id>,
    #[serde(default)]
    pub members: Vec<TeamMember>,
}

coded_enum! {
    /// 批次状态 | Campaign status: 计划 → 实施中 → 汇总 → 已通报 → 结束 (汇总 may go back to 实施中).
    pub enum CampaignStatus {
        Planned => ("PLANNED", "计划", "Planned"),
        Fieldwork => ("FIELDWORK", "实施中", "Fieldwork"),
        Consolidating => ("CONSOLIDATING", "汇总", "Consolidating"),
        Reported => ("REPORTED", "已通报", "Reported"),
        Closed => ("CLOSED", "结束", "Closed"),
    }
}

impl CampaignStatus {
    pub fn can_become(self, to: CampaignStatus) -> bool {
        use CampaignStatus::*;
        matches!(
            (self, to),
            (Planned, Fieldwork)
                | (Fieldwork, Consolidating)
                | (Consolidating, Fieldwork)
                | (Consolidating, Reported)
                | (Reported, Closed)
        )
    }

    /// Fieldwork is over: every due delegation should have its verdict (BR-E2).
    pub fn fieldwork_done(self) -> bool {
        matches!(
            self,
            CampaignStatus::Consolidating | CampaignStatus::Reported | CampaignStatus::Closed
        )
    }
}

/// 督查批次 | One inspection campaign with its scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionCampaignData {
    #[serde(default)]
    pub team_id: Option<Id>,
    pub title: String,
    pub period: Period,
    /// 督查园区 | Parks in scope (at least one).
    #[serde(default)]
    pub scope_parks: Vec<Id>,
    /// 督查部门 | Departments and governments in scope; empty means every department that has
    /// delegated to the parks in scope.
    #[serde(default)]
    pub scope_depts: Vec<Id>,
    #[serde(default)]
    pub aspects: Vec<InspectionAspect>,
    pub status: CampaignStatus,
    /// 督查通报 | The campaign's report.
    #[serde(default)]
    pub report: Option<DocRef>,
    #[serde(default)]
    pub history: Vec<StateChange>,
}

impl InspectionCampaignData {
    /// The last day the campaign covers: its end, or `as_of` while it is open-ended.
    pub fn end_or(&self, as_of: NaiveDate) -> NaiveDate {
        self.period.to.unwrap_or(as_of)
    }
}

/// One step of a campaign's status, with the date it took effect.
#[derive(Clone, Debug, PartialEq)]
pub struct CampaignStep {
    pub to: CampaignStatus,
    pub on: NaiveDate,
    pub reason: String,
}

/// Applies a campaign step (state machine, no future dates) and writes the history.
pub fn apply_step(
    before: &InspectionCampaignData,
    step: &CampaignStep,
    today: NaiveDate,
    at: Timestamp,
    office: &str,
) -> Result<InspectionCampaignData, Text> {
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
    if to == CampaignStatus::Reported
        && before
            .report
            .as_ref()
            .is_none_or(|r| super::text::blank(&r.title))
    {
        return Err(Text::new(
            "通报前请先填写督查通报文件",
            "Record the campaign's report document before marking it reported",
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

/// 核查对象 | What a check looks at: one delegation (授权), or a department or park as a whole
/// (支持、服务).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum CheckTarget {
    #[serde(rename = "DELEGATION")]
    Delegation { delegation_id: Id },
    #[serde(rename = "DEPARTMENT")]
    Department { org_id: Id },
    #[serde(rename = "PARK")]
    Park { park_id: Id },
}

impl CheckTarget {
    pub fn delegation(&self) -> Option<&str> {
        match self {
            CheckTarget::Delegation { delegation_id } => Some(delegation_id),
            _ => None,
        }
    }
}

coded_enum! {
    /// 核查方式 | How the inspectors checked [P32][K].
    pub enum CheckMethod {
        Documents => ("DOCUMENTS", "查阅资料", "Documents"),
        SiteVisit => ("SITE_VISIT", "实地查看", "Site visit"),
        GroupTalk => ("GROUP_TALK", "座谈", "Group talk"),
        Interview => ("INTERVIEW", "个别访谈", "Interview"),
        EnterpriseVisit => ("ENTERPRISE_VISIT", "走访企业", "Enterprise visit"),
        Unannounced => ("UNANNOUNCED", "暗访", "Unannounced visit"),
        DataComparison => ("DATA_COMPARISON", "数据比对", "Data comparison"),
        FileSampling => ("FILE_SAMPLING", "案卷抽查", "File sampling"),
    }
}

coded_enum! {
    /// 核查结果 | Result of a support or service check on a department or park.
    pub enum AspectResult {
        InPlace => ("IN_PLACE", "到位", "In place"),
        Partly => ("PARTLY", "基本到位", "Mostly in place"),
        NotInPlace => ("NOT_IN_PLACE", "不到位", "Not in place"),
        NotApplicable => ("NOT_APPLICABLE", "不适用", "Not applicable"),
    }
}

/// 证据 | One piece of evidence (a description, where it comes from, an optional file name; the
/// file itself stays in the inspection group's archive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub description: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub file_name: Option<String>,
}

/// 督查核查记录 | One check of a campaign. A check starts pending (no date, no verdict) when the
/// group plans its fieldwork, and gets methods, evidence, a verdict and its reason on the spot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionCheckData {
    pub campaign_id: Id,
    pub target: CheckTarget,
    pub aspect: InspectionAspect,
    #[serde(default)]
    pub checked_on: Option<NaiveDate>,
    #[serde(default)]
    pub methods: Vec<CheckMethod>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The verdict on a delegation (target Delegation).
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// The result of a support or service check (target Department or Park).
    #[serde(default)]
    pub result: Option<AspectResult>,
    #[serde(default)]
    pub verdict_reason: String,
    /// 责任单位 | The department (or park committee) responsible for a problem (BR-E4).
    #[serde(default)]
    pub responsible_org_id: Option<Id>,
    #[serde(default)]
    pub inspectors: Vec<String>,
    /// Created by the schema-3 upgrade from a verdict once stored on the delegation itself: the
    /// evidence was never recorded, so BR-E4 warns instead of blocking (docs/snapshot-format.md).
    #[serde(default)]
    pub migrated: bool,
}

impl InspectionCheckData {
    /// A pending check on a delegation, as created for every due delegation of a campaign.
    pub fn pending(campaign_id: &str, delegation_id: &str) -> Self {
        InspectionCheckData {
            campaign_id: campaign_id.to_string(),
            target: CheckTarget::Delegation {
                delegation_id: delegation_id.to_string(),
            },
            aspect: InspectionAspect::Authorisation,
            checked_on: None,
            methods: Vec::new(),
            evidence: Vec::new(),
            verdict: None,
            result: None,
            verdict_reason: String::new(),
            responsible_org_id: None,
            inspectors: Vec::new(),
            migrated: false,
        }
    }

    /// Has a verdict or result (the check is done).
    pub fn is_done(&self) -> bool {
        self.verdict.is_some() || self.result.is_some()
    }

    pub fn has_evidence(&self) -> bool {
        self.evidence
            .iter()
            .any(|e| !super::text::blank(&e.description))
    }
}

/// Orders the checks of one delegation: the most recent campaign first (by its start), then the
/// most recent check date, then the later record.
type Recency = (NaiveDate, NaiveDate, Timestamp, Id);

/// The latest verdict of every delegation on `as_of`: the verdict of its most recent check (dated
/// on or before `as_of`) in the most recent campaign (§4.G). Built once per call, linear in the
/// number of checks.
pub fn latest_verdicts(ws: &Workspace, as_of: NaiveDate) -> HashMap<Id, Verdict> {
    let mut best: HashMap<&str, (Recency, Verdict)> = HashMap::new();
    for c in ws.inspection_checks.iter_live() {
        let (Some(delegation), Some(verdict), Some(on)) = (
            c.data.target.delegation(),
            c.data.verdict,
            c.data.checked_on,
        ) else {
            continue;
        };
        if on > as_of {
            continue;
        }
        let Some(campaign) = ws.inspection_campaigns.live(&c.data.campaign_id) else {
            continue;
        };
        let key = (
            campaign.data.period.from,
            on,
            c.meta.created_at,
            c.meta.id.clone(),
        );
        match best.get(delegation) {
            Some((k, _)) if *k >= key => {}
            _ => {
                best.insert(delegation, (key, verdict));
            }
        }
    }
    best.into_iter()
        .map(|(d, (_, v))| (d.to_string(), v))
        .collect()
}

/// Due delegations of a campaign (BR-E2): due by the campaign's end (approved or handed over,
/// effective by then, still inside entrusted townships — the same set as 放权到位率), in the
/// parks of its scope and, when it names departments, from those departments.
pub fn due_in_campaign<'a>(
    ws: &'a Workspace,
    campaign: &InspectionCampaignData,
    as_of: NaiveDate,
) -> Vec<&'a Rec<DelegationData>> {
    due_among(ws, ws.delegations.iter_live(), campaign, as_of)
}

/// Live delegations grouped by park. A province has many campaigns of a few parks each, so
/// whoever looks at every campaign (the rules) builds this once instead of scanning per campaign.
pub struct DelegationsByPark<'a>(HashMap<&'a str, Vec<&'a Rec<DelegationData>>>);

impl<'a> DelegationsByPark<'a> {
    pub fn of(ws: &'a Workspace) -> Self {
        let mut map: HashMap<&str, Vec<&Rec<DelegationData>>> = HashMap::new();
        for d in ws.delegations.iter_live() {
            map.entry(d.data.park_id.as_str()).or_default().push(d);
        }
        DelegationsByPark(map)
    }

    /// The live delegations of one park.
    pub fn of_park(&self, park_id: &str) -> &[&'a Rec<DelegationData>] {
        self.0.get(park_id).map_or(&[], Vec::as_slice)
    }

    /// The delegations of a campaign's parks (each park once).
    pub fn of_campaign(&self, campaign: &InspectionCampaignData) -> Vec<&'a Rec<DelegationData>> {
        let parks: HashSet<&str> = campaign.scope_parks.iter().map(String::as_str).collect();
        parks
            .into_iter()
            .filter_map(|p| self.0.get(p))
            .flatten()
            .copied()
            .collect()
    }
}

/// [`due_in_campaign`] over given candidates (e.g. from [`DelegationsByPark::of_campaign`]).
pub fn due_among<'a>(
    ws: &'a Workspace,
    candidates: impl Iterator<Item = &'a Rec<DelegationData>>,
    campaign: &InspectionCampaignData,
    as_of: NaiveDate,
) -> Vec<&'a Rec<DelegationData>> {
    let parks = &campaign.scope_parks;
    let depts: HashSet<&str> = campaign.scope_depts.iter().map(String::as_str).collect();
    let as_of = campaign.end_or(as_of);
    let entrusted = delegation_metrics::entrusted_on(ws, as_of);
    let mut due: Vec<&Rec<DelegationData>> = candidates
        .filter(|r| parks.contains(&r.data.park_id))
        .filter(|r| delegation_metrics::is_due(&r.data, as_of, &entrusted))
        .filter(|r| {
            depts.is_empty() || source_dept(ws, &r.data).is_some_and(|d| depts.contains(d.as_str()))
        })
        .collect();
    // In id order whatever the candidates' order, as the whole-table scan gives.
    due.sort_by(|a, b| a.id().cmp(b.id()));
    due
}

/// The department that holds the delegated power by law (the item's source department).
pub fn source_dept<'a>(ws: &'a Workspace, d: &DelegationData) -> Option<&'a Id> {
    ws.power_items
        .live(&d.power_item_id)
        .and_then(|i| i.data.source_dept_id.as_ref())
}

/// Pending checks for every due delegation of the campaign that has no check in it yet — the
/// "create checks for every due delegation in scope" step (one undoable command).
pub fn missing_checks(ws: &Workspace, campaign_id: &str, as_of: NaiveDate) -> Vec<Data> {
    let Some(campaign) = ws.inspection_campaigns.live(campaign_id) else {
        return Vec::new();
    };
    let checked: HashSet<&str> = ws
        .inspection_checks
        .iter_live()
        .filter(|c| c.data.campaign_id == campaign_id)
        .filter_map(|c| c.data.target.delegation())
        .collect();
    due_in_campaign(ws, &campaign.data, as_of)
        .into_iter()
        .filter(|d| !checked.contains(d.id()))
        .map(|d| Data::InspectionCheck(InspectionCheckData::pending(campaign_id, d.id())))
        .collect()
}

/// The delegations in scope of a campaign (due by its end) that have no check with a verdict in
/// it (BR-E2), in table order.
pub fn unchecked_in_campaign<'a>(
    ws: &'a Workspace,
    campaign_id: &str,
    campaign: &InspectionCampaignData,
    as_of: NaiveDate,
) -> Vec<&'a Rec<DelegationData>> {
    unchecked_among(ws, campaign_id, due_in_campaign(ws, campaign, as_of))
}

/// [`unchecked_in_campaign`] of the campaign's due delegations already found.
pub fn unchecked_among<'a>(
    ws: &Workspace,
    campaign_id: &str,
    due: Vec<&'a Rec<DelegationData>>,
) -> Vec<&'a Rec<DelegationData>> {
    let done: HashSet<&str> = ws
        .inspection_checks
        .iter_live()
        .filter(|c| c.data.campaign_id == campaign_id && c.data.verdict.is_some())
        .filter_map(|c| c.data.target.delegation())
        .collect();
    due.into_iter().filter(|d| !done.contains(d.id())).collect()
}
