//! 人才引进 | Talent intake plans (S5.4): 选调 or 招聘 of young cadres, 紧缺专业技术人才 and
//! 高技能人才, bounded by the receiving unit's vacant quota (BR-C11) and, for scarce and
//! high-skill talent, based on the park's talent policy in its 制度 register (BR-C12).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::Id;
use super::person::EntryChannel;
use super::staffing::QuotaType;
use crate::coded_enum;

coded_enum! {
    /// 状态 | Status of a plan.
    pub enum PlanStatus {
        Planned => ("PLANNED", "计划", "Planned"),
        Submitted => ("SUBMITTED", "报批", "Submitted"),
        QuotaApproved => ("QUOTA_APPROVED", "已核编", "Quota approved"),
        Implementing => ("IMPLEMENTING", "实施中", "Implementing"),
        Completed => ("COMPLETED", "完成", "Completed"),
        Cancelled => ("CANCELLED", "取消", "Cancelled"),
    }
}

impl PlanStatus {
    /// A plan that claims vacancies: approved and not yet finished.
    pub fn claims_vacancies(self) -> bool {
        matches!(self, PlanStatus::QuotaApproved | PlanStatus::Implementing)
    }
}

/// The channels a plan can use (S5.4).
pub const PLAN_CHANNELS: [EntryChannel; 4] = [
    EntryChannel::SelectiveTransfer,
    EntryChannel::OpenRecruitment,
    EntryChannel::ScarceTalent,
    EntryChannel::HighSkill,
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TalentPlanData {
    pub park_id: Id,
    pub year: u16,
    pub channel: EntryChannel,
    /// 用人单位 | Receiving unit.
    pub target_org_id: Id,
    /// 使用编制类型 | Quota type used.
    pub quota_type: QuotaType,
    /// 计划数 | Planned positions.
    pub positions: u16,
    /// 条件 | Requirements (major, age, qualification).
    #[serde(default)]
    pub requirements: String,
    /// 引才规定 | The talent policy (an Institution of the park's register).
    #[serde(default)]
    pub policy_institution_id: Option<Id>,
    pub status: PlanStatus,
    /// 核编日期 | When the quota was approved; vacancies are checked on this date (BR-C11).
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    /// 已到岗人员 | Persons who came under the plan.
    #[serde(default)]
    pub filled_person_ids: Vec<Id>,
}

impl TalentPlanData {
    /// Scarce and high-skill intakes need the talent policy (BR-C12).
    pub fn needs_policy(&self) -> bool {
        matches!(
            self.channel,
            EntryChannel::ScarceTalent | EntryChannel::HighSkill
        )
    }
}
