//! 委托授权 | A power item delegated to a park by a government (report S2.0–S2.2, S3.3, S7.1;
//! shared/domain.md §4.B). Three status dimensions are owned by different roles and change
//! independently: lifecycle (编办 / grantor), reception (park), verdict (inspection group).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id, Timestamp};
use super::power::ProcessLink;
use crate::coded_enum;

coded_enum! {
    /// 赋权方式 | Mode of delegation.
    pub enum DelegationMode {
        Entrust => ("ENTRUST", "委托", "Entrustment"),
        Authorise => ("AUTHORISE", "授权", "Authorisation"),
        Devolve => ("DEVOLVE", "下放（交由）", "Devolution"),
        WindowForward => ("WINDOW_FORWARD", "窗口前移", "Window moved forward"),
    }
}

coded_enum! {
    /// 办理状态 | Lifecycle, owned by the 编办 / granting government.
    pub enum Lifecycle {
        Proposed => ("PROPOSED", "拟下放", "Proposed"),
        UnderAssessment => ("UNDER_ASSESSMENT", "评估中", "Under assessment"),
        Deferred => ("DEFERRED", "暂缓下放", "Deferred"),
        Rejected => ("REJECTED", "不予下放", "Not to be delegated"),
        Approved => ("APPROVED", "已批准待交接", "Approved, awaiting handover"),
        HandedOver => ("HANDED_OVER", "已下放", "Handed over"),
        Suspended => ("SUSPENDED", "暂停", "Suspended"),
        Revoked => ("REVOKED", "已收回", "Revoked"),
        Lapsed => ("LAPSED", "到期终止", "Lapsed"),
        Abolished => ("ABOLISHED", "事项取消", "Abolished"),
    }
}

impl Lifecycle {
    /// Not yet ended: counts for "one open delegation per item, park and territory" (BR-B8).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Lifecycle::Rejected | Lifecycle::Revoked | Lifecycle::Lapsed | Lifecycle::Abolished
        )
    }

    /// Approved or beyond: needs need + capacity (BR-B1).
    pub fn is_approved_or_later(self) -> bool {
        matches!(
            self,
            Lifecycle::Approved | Lifecycle::HandedOver | Lifecycle::Suspended
        )
    }

    /// The transitions of shared/domain.md §4.G. Staying in the same state is always allowed.
    pub fn can_become(self, to: Lifecycle) -> bool {
        use Lifecycle::*;
        self == to
            || matches!(
                (self, to),
                (Proposed, UnderAssessment)
                    | (Proposed, Rejected)
                    | (UnderAssessment, Approved)
                    | (UnderAssessment, Deferred)
                    | (UnderAssessment, Rejected)
                    | (Deferred, UnderAssessment)
                    | (Approved, HandedOver)
                    | (HandedOver, Suspended)
                    | (HandedOver, Revoked)
                    | (HandedOver, Lapsed)
                    | (HandedOver, Abolished)
                    | (Suspended, HandedOver)
                    | (Suspended, Revoked)
            )
    }
}

coded_enum! {
    /// 承接状态 | Reception, owned by the park.
    pub enum Reception {
        NotStarted => ("NOT_STARTED", "未承接", "Not started"),
        Preparing => ("PREPARING", "承接准备中", "Preparing"),
        Received => ("RECEIVED", "已承接", "Received"),
        PartiallyReceived => ("PARTIALLY_RECEIVED", "部分承接", "Partially received"),
        CannotReceive => ("CANNOT_RECEIVE", "接不住", "Cannot receive"),
    }
}

impl Reception {
    pub fn can_become(self, to: Reception) -> bool {
        use Reception::*;
        self == to
            || to == CannotReceive
            || matches!(
                (self, to),
                (NotStarted, Preparing)
                    | (Preparing, Received)
                    | (Preparing, PartiallyReceived)
                    | (PartiallyReceived, Received)
                    | (CannotReceive, Preparing)
            )
    }
}

coded_enum! {
    /// 督查结论 | Verdict of the inspection group on one delegation (S7.1). It is recorded on an
    /// inspection check (`inspection::InspectionCheckData`); a delegation's verdict on a date is
    /// the one of its most recent check (`inspection::latest_verdicts`), never a stored copy.
    pub enum Verdict {
        InPlace => ("IN_PLACE", "到位", "In place"),
        MostlyInPlace => ("MOSTLY_IN_PLACE", "基本到位", "Mostly in place"),
        Discounted => ("DISCOUNTED", "打折放权", "Discounted delegation"),
        NominalOnly => ("NOMINAL_ONLY", "明放暗不放", "Nominal release only"),
        Withheld => ("WITHHELD", "抱权不放", "Power withheld"),
        NotReceived => ("NOT_RECEIVED", "承接不到位", "Not received"),
        /// Not yet due, abolished: the check counts as done but the delegation is not rated.
        NotApplicable => ("NOT_APPLICABLE", "不适用", "Not applicable"),
    }
}

impl Verdict {
    /// Weights of the weighted delegation score in per mille (shared/domain.md §6.1.3, [D]:
    /// 1 / .8 / .5 / .4 / .2 / 0); `None` for 不适用, which is not rated.
    pub fn weight_permille(self) -> Option<u32> {
        match self {
            Verdict::InPlace => Some(1000),
            Verdict::MostlyInPlace => Some(800),
            Verdict::Discounted => Some(500),
            Verdict::NotReceived => Some(400),
            Verdict::NominalOnly => Some(200),
            Verdict::Withheld => Some(0),
            Verdict::NotApplicable => None,
        }
    }

    /// The same weight as a fraction (0–1).
    pub fn weight(self) -> Option<f64> {
        self.weight_permille().map(|w| f64::from(w) / 1000.0)
    }

    /// 打折放权, 明放暗不放, 抱权不放: the department kept the power (S7.1); needs evidence and a
    /// responsible department (BR-E4).
    pub fn is_withholding(self) -> bool {
        matches!(
            self,
            Verdict::Discounted | Verdict::NominalOnly | Verdict::Withheld
        )
    }

    /// Counts in the rated denominators (everything but 不适用).
    pub fn is_rated(self) -> bool {
        self != Verdict::NotApplicable
    }
}

/// 赋权主体 | Who grants: the city government or a county government.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "level")]
pub enum Grantor {
    #[serde(rename = "CITY")]
    City,
    #[serde(rename = "COUNTY")]
    County { county_id: Id },
}

/// 地域范围 | Where the park exercises the power.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Territory {
    #[serde(rename = "WHOLE_PARK")]
    WholePark,
    #[serde(rename = "ENTRUSTED_TOWNSHIPS")]
    EntrustedTownships { township_ids: Vec<Id> },
    #[serde(rename = "CORE_ZONE")]
    CoreZone,
}

impl Territory {
    /// Whether two territories of the same park can overlap (BR-B8).
    pub fn overlaps(&self, other: &Territory) -> bool {
        match (self, other) {
            (
                Territory::EntrustedTownships { township_ids: a },
                Territory::EntrustedTownships { township_ids: b },
            ) => a.iter().any(|t| b.contains(t)),
            _ => true,
        }
    }
}

/// 实际需要 | Need justification (S2.0).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    #[serde(default)]
    pub requested_by_park: bool,
    #[serde(default)]
    pub expected_annual_cases: Option<u32>,
    pub rationale: String,
}

coded_enum! {
    /// 评估维度 | Dimensions of the capacity assessment (§6.2).
    pub enum CapacityDimension {
        StaffNumbers => ("STAFF_NUMBERS", "人员数量", "Staff numbers"),
        Qualifications => ("QUALIFICATIONS", "专业资质/执法资格", "Qualifications"),
        Training => ("TRAINING", "业务培训", "Training"),
        PremisesEquipment => ("PREMISES_EQUIPMENT", "场地设备", "Premises & equipment"),
        ItSystems => ("IT_SYSTEMS", "信息系统对接", "IT systems"),
        RulesProcedures => ("RULES_PROCEDURES", "制度流程", "Rules & procedures"),
        Funding => ("FUNDING", "经费保障", "Funding"),
        Demand => ("DEMAND", "需求量/必要性", "Demand"),
        RiskControl => ("RISK_CONTROL", "风险可控", "Risk control"),
    }
}

impl CapacityDimension {
    /// Default weights [D], summing to 100.
    pub fn weight(self) -> u32 {
        match self {
            CapacityDimension::StaffNumbers => 15,
            CapacityDimension::Qualifications => 20,
            CapacityDimension::Training
            | CapacityDimension::PremisesEquipment
            | CapacityDimension::ItSystems
            | CapacityDimension::RulesProcedures
            | CapacityDimension::Funding
            | CapacityDimension::Demand => 10,
            CapacityDimension::RiskControl => 5,
        }
    }
}

coded_enum! {
    /// 评估结论 | Conclusion of a capacity assessment.
    pub enum CapacityConclusion {
        Ready => ("READY", "具备", "Ready"),
        ReadyWithGaps => ("READY_WITH_GAPS", "基本具备", "Ready with gaps"),
        NotReady => ("NOT_READY", "暂不具备", "Not ready"),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub dimension: CapacityDimension,
    /// 0–5.
    pub score: u8,
}

/// 承接能力评估 | Capacity assessment of one delegation (S2.0 "接受能力").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    pub assessed_on: NaiveDate,
    pub scores: Vec<DimensionScore>,
    #[serde(default)]
    pub gaps: Vec<String>,
}

impl Capacity {
    /// Total on 0–100: Σ weight × score / (Σ weight × 5) × 100 over the dimensions scored.
    pub fn total(&self) -> f64 {
        let weight: u32 = self.scores.iter().map(|s| s.dimension.weight()).sum();
        if weight == 0 {
            return 0.0;
        }
        let points: u32 = self
            .scores
            .iter()
            .map(|s| s.dimension.weight() * u32::from(s.score.min(5)))
            .sum();
        f64::from(points) * 100.0 / (f64::from(weight) * 5.0)
    }

    /// ≥ 80 具备, 60–79 基本具备, < 60 暂不具备; for a penalty item, qualifications below 3 cap the
    /// conclusion at 基本具备 (BR-B6).
    pub fn conclusion(&self, penalty_item: bool) -> CapacityConclusion {
        let total = self.total();
        let base = if total >= 80.0 {
            CapacityConclusion::Ready
        } else if total >= 60.0 {
            CapacityConclusion::ReadyWithGaps
        } else {
            CapacityConclusion::NotReady
        };
        let weak_quals = self
            .scores
            .iter()
            .any(|s| s.dimension == CapacityDimension::Qualifications && s.score < 3);
        if penalty_item && weak_quals && base == CapacityConclusion::Ready {
            CapacityConclusion::ReadyWithGaps
        } else {
            base
        }
    }
}

/// 办件量 | Monthly case volume inside the delegated territory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseMonth {
    /// "YYYY-MM".
    pub month: String,
    /// Cases handled by the park.
    pub by_park: u32,
    /// Cases still handled by the source department in the territory (BR-B9).
    pub by_source: u32,
}

/// 状态变更记录 | One change of a status dimension, written by the command path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: Timestamp,
    pub by_office: Id,
    /// "lifecycle" or "reception".
    pub dimension: String,
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DelegationData {
    pub power_item_id: Id,
    pub park_id: Id,
    pub grantor: Grantor,
    pub mode: DelegationMode,
    pub territory: Territory,
    /// 承办机构 | Receiving body; for enforcement items the park's unified enforcement body (BR-B5).
    #[serde(default)]
    pub recipient_org_id: Option<Id>,
    /// 批次/决定文件 | Batch document.
    #[serde(default)]
    pub batch: Option<DocRef>,
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    #[serde(default)]
    pub term_until: Option<NaiveDate>,
    #[serde(default)]
    pub delegated_links: Vec<ProcessLink>,
    #[serde(default)]
    pub retained_links: Vec<ProcessLink>,
    /// 附加条件 | Preconditions added after delegation (BR-B12).
    #[serde(default)]
    pub added_preconditions: Vec<String>,
    #[serde(default)]
    pub need: Option<Need>,
    #[serde(default)]
    pub capacity: Option<Capacity>,
    /// Recorded reason for approving without need or sufficient capacity (BR-B1 override).
    #[serde(default)]
    pub override_reason: Option<String>,
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    #[serde(default)]
    pub handover_by_source_on: Option<NaiveDate>,
    #[serde(default)]
    pub handover_by_park_on: Option<NaiveDate>,
    /// 并行办理 | The source department keeps processing in parallel on purpose (BR-B9).
    #[serde(default)]
    pub parallel: bool,
    pub lifecycle: Lifecycle,
    pub reception: Reception,
    #[serde(default)]
    pub cases: Vec<CaseMonth>,
    #[serde(default)]
    pub history: Vec<StatusChange>,
}

coded_enum! {
    /// 综合显示状态 | Combined display status, computed from the three dimensions (§4.G).
    pub enum DisplayStatus {
        Problem => ("PROBLEM", "放权问题", "Delegation problem"),
        CannotReceive => ("CANNOT_RECEIVE", "接不住", "Cannot receive"),
        HandoverOverdue => ("HANDOVER_OVERDUE", "交接逾期", "Handover overdue"),
        InForce => ("IN_FORCE", "已下放·已承接", "Handed over & received"),
        InProgress => ("IN_PROGRESS", "办理中", "In progress"),
        Ended => ("ENDED", "已结束", "Ended"),
    }
}

/// Calendar days allowed for the handover after approval (30 working days ≈ 42 calendar days).
pub const HANDOVER_DEADLINE_DAYS: i64 = 42;

impl DelegationData {
    /// `verdict` is the delegation's latest verdict on `today` (see `inspection::latest_verdicts`).
    pub fn display_status(&self, verdict: Option<Verdict>, today: NaiveDate) -> DisplayStatus {
        if verdict.is_some_and(Verdict::is_withholding) {
            return DisplayStatus::Problem;
        }
        if self.reception == Reception::CannotReceive || verdict == Some(Verdict::NotReceived) {
            return DisplayStatus::CannotReceive;
        }
        if self.handover_overdue(today) {
            return DisplayStatus::HandoverOverdue;
        }
        if !self.lifecycle.is_open() {
            return DisplayStatus::Ended;
        }
        if self.lifecycle == Lifecycle::HandedOver && self.reception == Reception::Received {
            return DisplayStatus::InForce;
        }
        DisplayStatus::InProgress
    }

    /// BR-B11: approved, not confirmed by both sides, and the deadline has passed.
    pub fn handover_overdue(&self, today: NaiveDate) -> bool {
        self.lifecycle == Lifecycle::Approved
            && (self.handover_by_source_on.is_none() || self.handover_by_park_on.is_none())
            && self
                .approved_on
                .is_some_and(|d| (today - d).num_days() > HANDOVER_DEADLINE_DAYS)
    }
}

/// The command path's hook for a changed delegation: refuses a lifecycle or reception change the
/// state machine does not allow (§4.G), stamps the approval date, and appends each change to the
/// history (who, when, from, to).
pub fn record_transitions(
    before: &DelegationData,
    after: &mut DelegationData,
    id: &str,
    at: Timestamp,
    office: &str,
) -> Result<(), super::command::CommandError> {
    use super::rules::{Severity, Violation};
    use super::text::Text;
    let refuse =
        |field: &'static str, from: &str, to: &str, from_en: &str, to_en: &str| Violation {
            rule: "TRANSITION",
            severity: Severity::Block,
            source: None,
            kind: super::workspace::Kind::Delegation,
            id: id.to_string(),
            field: Some(field),
            message: Text::new(
                format!("不能从“{from}”直接变为“{to}”"),
                format!("Cannot go from “{from_en}” straight to “{to_en}”"),
            ),
        };
    if !before.lifecycle.can_become(after.lifecycle) {
        return Err(super::command::CommandError::Rejected(vec![refuse(
            "lifecycle",
            before.lifecycle.zh(),
            after.lifecycle.zh(),
            before.lifecycle.en(),
            after.lifecycle.en(),
        )]));
    }
    if !before.reception.can_become(after.reception) {
        return Err(super::command::CommandError::Rejected(vec![refuse(
            "reception",
            before.reception.zh(),
            after.reception.zh(),
            before.reception.en(),
            after.reception.en(),
        )]));
    }
    // The history is written here, never taken from the editor.
    after.history = before.history.clone();
    // The approval date is kept once set (BR-B11 counts the handover deadline from it).
    if after.approved_on.is_none() && after.lifecycle.is_approved_or_later() {
        after.approved_on = before
            .approved_on
            .or_else(|| (before.lifecycle != after.lifecycle).then(|| at.date_naive()));
    }
    if before.lifecycle != after.lifecycle {
        after.history.push(StatusChange {
            at,
            by_office: office.to_string(),
            dimension: "lifecycle".into(),
            from: before.lifecycle.code().into(),
            to: after.lifecycle.code().into(),
        });
    }
    if before.reception != after.reception {
        after.history.push(StatusChange {
            at,
            by_office: office.to_string(),
            dimension: "reception".into(),
            from: before.reception.code().into(),
            to: after.reception.code().into(),
        });
    }
    Ok(())
}
