//! 责任追究 | Accountability actions for the units and people that kept powers (report S7.1
//! "查处和责任追究"; shared/domain.md §4.E, §4.G, BR-E6, BR-D10). A decided action's
//! `assessment_deduction` is carried into the same year's annual assessment of the responsible
//! unit: [`deductions_by_unit_year`] is the one function the assessment issue reads.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::finding::{FindingCategory, FindingStatus};
use super::meta::{DocRef, Id, Timestamp};
use super::text::Text;
use super::transition::StateChange;
use super::workspace::Workspace;
use crate::coded_enum;

coded_enum! {
    /// 问责方式 | Form of accountability [K]; the first six apply to units, the rest to people.
    pub enum AccountabilityForm {
        CircularCriticism => ("CIRCULAR_CRITICISM", "通报批评", "Public criticism circular"),
        OrderedSelfInspection => ("ORDERED_SELF_INSPECTION", "责令检查", "Ordered self-inspection"),
        Interview => ("INTERVIEW", "约谈", "Formal talk"),
        OrderedRectification => ("ORDERED_RECTIFICATION", "责令限期整改", "Ordered rectification"),
        DisqualifyHonours => ("DISQUALIFY_HONOURS", "取消评先评优资格", "Disqualified from honours"),
        AssessmentDowngrade => ("ASSESSMENT_DOWNGRADE", "考核扣分/降等", "Assessment deduction / downgrade"),
        ReminderTalk => ("REMINDER_TALK", "提醒谈话", "Reminder talk"),
        Admonishment => ("ADMONISHMENT", "诫勉", "Admonishment"),
        OrgHandling => ("ORG_HANDLING", "组织调整/处理", "Organisational handling"),
        DisciplinaryReferral => ("DISCIPLINARY_REFERRAL", "移送纪检监察", "Referral for discipline"),
    }
}

impl AccountabilityForm {
    /// Forms that apply to a person rather than a unit (约谈 applies to both).
    pub fn for_person(self) -> bool {
        matches!(
            self,
            AccountabilityForm::ReminderTalk
                | AccountabilityForm::Admonishment
                | AccountabilityForm::OrgHandling
                | AccountabilityForm::DisciplinaryReferral
                | AccountabilityForm::Interview
                | AccountabilityForm::CircularCriticism
        )
    }

    /// Forms that apply to a unit (通报批评 and 约谈 apply to people too).
    pub fn for_unit(self) -> bool {
        matches!(
            self,
            AccountabilityForm::CircularCriticism
                | AccountabilityForm::OrderedSelfInspection
                | AccountabilityForm::Interview
                | AccountabilityForm::OrderedRectification
                | AccountabilityForm::DisqualifyHonours
                | AccountabilityForm::AssessmentDowngrade
        )
    }
}

/// 问责对象 | A unit, or a person named by name or staff number (never an ID number, BR-F2) with
/// the post held and the unit served — the unit answers in its assessment. People records arrive
/// with the organisation issue; until then the person is recorded here by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum AccountTarget {
    #[serde(rename = "ORG")]
    Org { org_id: Id },
    #[serde(rename = "PERSON")]
    Person {
        name: String,
        #[serde(default)]
        post: String,
        #[serde(default)]
        org_id: Option<Id>,
    },
}

impl AccountTarget {
    pub fn is_person(&self) -> bool {
        matches!(self, AccountTarget::Person { .. })
    }

    /// The unit that answers for the action (the person's unit for a person).
    pub fn unit(&self) -> Option<&Id> {
        match self {
            AccountTarget::Org { org_id } => Some(org_id),
            AccountTarget::Person { org_id, .. } => org_id.as_ref(),
        }
    }
}

coded_enum! {
    /// 问责状态 | 线索 → 核实 → 拟处理 → 已决定 → 已执行; 已决定 → 申诉复查 → 已决定; before a
    /// decision the case can be closed as 不予追究 with a reason.
    pub enum AccountabilityStatus {
        Lead => ("LEAD", "线索", "Lead"),
        Verifying => ("VERIFYING", "核实", "Verifying"),
        Proposed => ("PROPOSED", "拟处理", "Proposed"),
        Decided => ("DECIDED", "已决定", "Decided"),
        Executed => ("EXECUTED", "已执行", "Executed"),
        Appeal => ("APPEAL", "申诉复查", "Under appeal"),
        Dismissed => ("DISMISSED", "不予追究", "Dismissed"),
    }
}

impl AccountabilityStatus {
    pub fn can_become(self, to: AccountabilityStatus) -> bool {
        use AccountabilityStatus::*;
        matches!(
            (self, to),
            (Lead, Verifying)
                | (Verifying, Proposed)
                | (Proposed, Decided)
                | (Decided, Executed)
                | (Decided, Appeal)
                | (Appeal, Decided)
                | (Lead, Dismissed)
                | (Verifying, Dismissed)
                | (Proposed, Dismissed)
        )
    }

    /// Decided and standing: the deduction applies.
    pub fn in_effect(self) -> bool {
        matches!(
            self,
            AccountabilityStatus::Decided | AccountabilityStatus::Executed
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountabilityActionData {
    pub finding_ids: Vec<Id>,
    pub target: AccountTarget,
    pub form: AccountabilityForm,
    /// 依据 | The rule relied on (local measures, 问责条例) [K].
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub decided_by_org_id: Option<Id>,
    /// Set by the step to 已决定.
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub doc: Option<DocRef>,
    /// 考核扣分 | Points deducted in the responsible unit's annual assessment of the decision's
    /// year (BR-D10); the assessment issue applies it.
    #[serde(default)]
    pub assessment_deduction: Option<f64>,
    #[serde(default)]
    pub transferred_to_discipline: bool,
    pub status: AccountabilityStatus,
    #[serde(default)]
    pub history: Vec<StateChange>,
}

/// One step of an action's state machine.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountabilityStep {
    pub to: AccountabilityStatus,
    pub on: NaiveDate,
    pub reason: String,
}

/// Applies a step: the state machine, a reason to dismiss or appeal, a form and (for a person) a
/// name to decide; the decision date is stamped. Appends the history.
pub fn apply(
    before: &AccountabilityActionData,
    step: &AccountabilityStep,
    today: NaiveDate,
    at: Timestamp,
    office: &str,
) -> Result<AccountabilityActionData, Text> {
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
    let reason = step.reason.trim().to_string();
    if matches!(
        to,
        AccountabilityStatus::Dismissed | AccountabilityStatus::Appeal
    ) && reason.is_empty()
    {
        return Err(Text::new(
            format!("“{}”须写明理由", to.zh()),
            format!("“{}” needs a reason", to.en()),
        ));
    }
    let mut after = before.clone();
    if to == AccountabilityStatus::Decided && from != AccountabilityStatus::Appeal {
        after.decided_on = Some(step.on);
    }
    after.status = to;
    after.history.push(StateChange {
        at,
        by_office: office.to_string(),
        on: step.on,
        from: from.code().to_string(),
        to: to.code().to_string(),
        reason,
    });
    Ok(after)
}

/// One deduction carried into an annual assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct Deduction {
    pub action_id: Id,
    pub unit_id: Id,
    pub year: i32,
    pub points: f64,
}

/// BR-D10: every deduction of a decided (or executed) action, by the responsible unit and the
/// year of the decision. Actions under appeal, dismissed or not yet decided carry none.
pub fn deductions(ws: &Workspace) -> Vec<Deduction> {
    ws.accountability_actions
        .iter_live()
        .filter(|a| a.data.status.in_effect())
        .filter_map(|a| {
            let points = a.data.assessment_deduction.filter(|p| *p > 0.0)?;
            Some(Deduction {
                action_id: a.meta.id.clone(),
                unit_id: a.data.target.unit()?.clone(),
                year: a.data.decided_on?.year(),
                points,
            })
        })
        .collect()
}

/// The deductions summed by (unit, year) — what the assessment of that unit and year subtracts.
pub fn deductions_by_unit_year(ws: &Workspace) -> BTreeMap<(Id, i32), f64> {
    let mut out: BTreeMap<(Id, i32), f64> = BTreeMap::new();
    for d in deductions(ws) {
        *out.entry((d.unit_id, d.year)).or_default() += d.points;
    }
    out
}

/// BR-E6: a proposed action (线索) for every repeat finding — found before for the same unit and
/// class — that no live action covers yet. One undoable step in the UI.
pub fn proposals(ws: &Workspace) -> Vec<AccountabilityActionData> {
    let repeats = super::finding::repeat_counts(ws);
    let covered: HashSet<&str> = ws
        .accountability_actions
        .iter_live()
        .flat_map(|a| a.data.finding_ids.iter().map(String::as_str))
        .collect();
    ws.findings
        .iter_live()
        .filter(|f| f.data.status != FindingStatus::Withdrawn)
        .filter(|f| repeats.get(f.id()).is_some_and(|n| *n >= 1))
        .filter(|f| !covered.contains(f.id()))
        .filter_map(|f| {
            let unit = f.data.lead_responsible_org_id.clone()?;
            let form = match f.data.category {
                FindingCategory::Withheld | FindingCategory::NominalOnly => {
                    AccountabilityForm::CircularCriticism
                }
                _ => AccountabilityForm::Interview,
            };
            Some(AccountabilityActionData {
                finding_ids: vec![f.meta.id.clone()],
                target: AccountTarget::Org { org_id: unit },
                form,
                basis: format!(
                    "重复发生的督查问题（第 {} 次）",
                    repeats.get(f.id()).copied().unwrap_or(0) + 1
                ),
                decided_by_org_id: None,
                decided_on: None,
                doc: None,
                assessment_deduction: None,
                transferred_to_discipline: false,
                status: AccountabilityStatus::Lead,
                history: Vec::new(),
            })
        })
        .collect()
}
