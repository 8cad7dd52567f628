//! 制度 | A park's written internal rules (report S4.3, shared/domain.md §4.A). The talent-intake
//! policy of S5.4 is one of them, so staffing refers to this register too.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id};
use crate::coded_enum;

coded_enum! {
    /// 类别 | Category of an institution; BR-A11 asks for an in-force item in a configurable list.
    pub enum InstitutionCategory {
        DecisionMaking => ("DECISION_MAKING", "议事决策", "Decision-making"),
        PartyBuilding => ("PARTY_BUILDING", "党建", "Party building"),
        FinanceAssets => ("FINANCE_ASSETS", "财务资产", "Finance & assets"),
        Personnel => ("PERSONNEL", "人事干部", "Personnel & cadres"),
        Investment => ("INVESTMENT", "招商引资", "Investment promotion"),
        ProjectManagement => ("PROJECT_MANAGEMENT", "项目管理", "Project management"),
        ApprovalService => ("APPROVAL_SERVICE", "审批服务", "Approval service"),
        Enforcement => ("ENFORCEMENT", "执法", "Enforcement"),
        AssessmentIncentives => ("ASSESSMENT_INCENTIVES", "考核奖惩", "Assessment & incentives"),
        Supervision => ("SUPERVISION", "督查", "Supervision"),
        Talent => ("TALENT", "人才", "Talent"),
        ArchivesSecrecy => ("ARCHIVES_SECRECY", "档案保密", "Archives & secrecy"),
        Other => ("OTHER", "其他", "Other"),
    }
}

coded_enum! {
    pub enum InstitutionStatus {
        Drafting => ("DRAFTING", "起草", "Drafting"),
        Consulting => ("CONSULTING", "征求意见", "Consulting"),
        Adopted => ("ADOPTED", "审议通过", "Adopted"),
        InForce => ("IN_FORCE", "印发施行", "In force"),
        Revising => ("REVISING", "修订中", "Revising"),
        Repealed => ("REPEALED", "废止", "Repealed"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstitutionData {
    pub park_id: Id,
    pub title: String,
    pub category: InstitutionCategory,
    pub status: InstitutionStatus,
    /// 印发文件 | Issuing document.
    #[serde(default)]
    pub issued: Option<DocRef>,
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    #[serde(default)]
    pub review_due: Option<NaiveDate>,
}

impl InstitutionData {
    /// In force on `d`: issued and in effect (a revision in progress keeps the old text in force).
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        matches!(
            self.status,
            InstitutionStatus::InForce | InstitutionStatus::Revising
        ) && self.effective_from.is_none_or(|f| f <= d)
    }
}
