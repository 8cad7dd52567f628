//! 整改督办 | Rectification orders (report S7.1; shared/domain.md §4.E, §4.G, BR-E5; public practice
//! P20–P22: 立项 → 交办 → 承办 → 催办 → 反馈 → 审核 → 销号). Every step goes through
//! [`apply`] from the command path, which checks the state machine and its guards and writes the
//! history. Overdue is derived from the date asked about, never stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates;
use super::finding::FindingData;
use super::meta::{Id, Timestamp};
use super::rules::blank;
use super::text::Text;
use super::transition::StateChange;
use crate::coded_enum;

coded_enum! {
    /// 整改状态 | Status of an order (§4.G).
    pub enum RectificationStatus {
        Draft => ("DRAFT", "待交办", "Draft"),
        Assigned => ("ASSIGNED", "已交办", "Assigned"),
        InProgress => ("IN_PROGRESS", "整改中", "In progress"),
        ExtensionRequested => ("EXTENSION_REQUESTED", "申请延期", "Extension requested"),
        Submitted => ("SUBMITTED", "已反馈待复核", "Submitted for review"),
        Closed => ("CLOSED", "已销号", "Closed"),
        Suspended => ("SUSPENDED", "中止", "Suspended"),
    }
}

impl RectificationStatus {
    /// Issued and not finished: the order is being worked on.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RectificationStatus::Assigned
                | RectificationStatus::InProgress
                | RectificationStatus::ExtensionRequested
                | RectificationStatus::Submitted
        )
    }

    /// The lead unit's clock runs: a pending extension request or a submitted feedback stops it
    /// until the inspection group decides.
    pub fn clock_runs(self) -> bool {
        matches!(
            self,
            RectificationStatus::Assigned | RectificationStatus::InProgress
        )
    }
}

coded_enum! {
    pub enum Urgency {
        Normal => ("NORMAL", "一般", "Normal"),
        Urgent => ("URGENT", "紧急", "Urgent"),
        VeryUrgent => ("VERY_URGENT", "特急", "Very urgent"),
    }
}

/// 延期申请 | An extension request and the group's decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub requested_on: NaiveDate,
    pub new_deadline: NaiveDate,
    pub reason: String,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub approved: Option<bool>,
    #[serde(default)]
    pub comment: String,
}

/// 整改反馈 | What the lead unit reports: measures, evidence, its own assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub on: NaiveDate,
    pub measures: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub self_assessment: String,
}

/// 复核 | The inspection group's review of a feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub on: NaiveDate,
    pub reviewer: String,
    pub pass: bool,
    #[serde(default)]
    pub comment: String,
}

/// 黄牌警告 | A yellow card issued for a second overdue (BR-E5, P22).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YellowCard {
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RectificationOrderData {
    /// 督办通知单号 | Notice number.
    pub notice_no: String,
    pub finding_ids: Vec<Id>,
    /// 主办单位 | Lead handling unit.
    #[serde(default)]
    pub lead_org_id: Option<Id>,
    #[serde(default)]
    pub assist_org_ids: Vec<Id>,
    #[serde(default)]
    pub requirements: String,
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// 整改时限 | The deadline set when issued; approved extensions move it (see [`Self::deadline_on`]).
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    pub urgency: Urgency,
    #[serde(default)]
    pub is_major: bool,
    pub status: RectificationStatus,
    #[serde(default)]
    pub reminders: Vec<NaiveDate>,
    #[serde(default)]
    pub extensions: Vec<Extension>,
    #[serde(default)]
    pub feedbacks: Vec<Feedback>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub yellow_card: Option<YellowCard>,
    #[serde(default)]
    pub history: Vec<StateChange>,
}

/// How late an open order is on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Overdue {
    No,
    /// Past the deadline: a reminder (催办) is due.
    Overdue,
    /// Still open `second_overdue_days` after the deadline: a yellow card is due (BR-E5).
    Second,
}

impl RectificationOrderData {
    /// A draft order for a finding (BR-E5): lead unit = the finding's responsible unit, deadline
    /// `days` after `from` (the verdict's date), to be confirmed when it is issued.
    pub fn draft_for(
        finding_id: &str,
        finding: &FindingData,
        notice_no: String,
        from: NaiveDate,
        days: u32,
    ) -> Self {
        RectificationOrderData {
            notice_no,
            finding_ids: vec![finding_id.to_string()],
            lead_org_id: finding.lead_responsible_org_id.clone(),
            assist_org_ids: finding.co_responsible_org_ids.clone(),
            requirements: format!("针对“{}”限期整改并反馈", finding.description),
            issued_on: None,
            // Past the calendar: no deadline; the field checks ask for one.
            deadline: dates::add_days(from, i64::from(days)),
            urgency: Urgency::Normal,
            is_major: false,
            status: RectificationStatus::Draft,
            reminders: Vec::new(),
            extensions: Vec::new(),
            feedbacks: Vec::new(),
            reviews: Vec::new(),
            yellow_card: None,
            history: Vec::new(),
        }
    }

    /// The status on `as_of`, replayed from the history (steps dated after `as_of` undone), so
    /// past dates give past answers. Without history the stored status stands.
    pub fn status_on(&self, as_of: NaiveDate) -> RectificationStatus {
        let Some(first) = self.history.first() else {
            return self.status;
        };
        let mut s = RectificationStatus::from_code(&first.from).unwrap_or(self.status);
        for c in self.history.iter().filter(|c| c.on <= as_of) {
            if let Some(to) = RectificationStatus::from_code(&c.to) {
                s = to;
            }
        }
        s
    }

    /// The deadline in force on `as_of`: the one set when issued, moved by extensions approved on
    /// or before `as_of`.
    pub fn deadline_on(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        let mut d = self.deadline;
        for e in &self.extensions {
            if e.approved == Some(true) && e.decided_on.is_some_and(|x| x <= as_of) {
                d = Some(e.new_deadline);
            }
        }
        d
    }

    /// The final approved deadline.
    pub fn final_deadline(&self) -> Option<NaiveDate> {
        self.deadline_on(NaiveDate::MAX)
    }

    /// 销号日期 | The day the order was closed: from the history, or (for records without one)
    /// the last passing review.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        let closed = RectificationStatus::Closed.code();
        if let Some(c) = self
            .history
            .iter()
            .rev()
            .find(|c| c.to == closed && c.from != closed)
        {
            return Some(c.on);
        }
        if self.history.is_empty() && self.status == RectificationStatus::Closed {
            return self.reviews.iter().rev().find(|r| r.pass).map(|r| r.on);
        }
        None
    }

    /// Issued on or before `as_of` (not a draft on that day).
    pub fn issued_by(&self, as_of: NaiveDate) -> bool {
        self.issued_on.is_some_and(|d| d <= as_of)
            && self.status_on(as_of) != RectificationStatus::Draft
    }

    /// Overdue on `as_of` (derived; never stored): the lead unit's clock runs and the deadline in
    /// force has passed; second overdue `second_days` after it.
    pub fn overdue_on(&self, as_of: NaiveDate, second_days: u32) -> Overdue {
        if !self.status_on(as_of).clock_runs() {
            return Overdue::No;
        }
        match self.deadline_on(as_of) {
            // A second-overdue point past the calendar is never reached.
            Some(d) if dates::add_days(d, i64::from(second_days)).is_some_and(|s| as_of > s) => {
                Overdue::Second
            }
            Some(d) if as_of > d => Overdue::Overdue,
            _ => Overdue::No,
        }
    }

    /// Yellow card issued on or before `as_of`.
    pub fn carded_by(&self, as_of: NaiveDate) -> bool {
        self.yellow_card.as_ref().is_some_and(|y| y.on <= as_of)
    }

    /// At least one review failed (驳回).
    pub fn was_rejected(&self) -> bool {
        self.reviews.iter().any(|r| !r.pass)
    }
}

/// One step on an order, with the date it takes effect.
#[derive(Clone, Debug, PartialEq)]
pub enum RectAction {
    /// 交办: the inspection group issues the order (draft → 已交办); without a deadline given,
    /// `on` + the default days (the draft's proposed deadline is what the form offers).
    Assign {
        on: NaiveDate,
        deadline: Option<NaiveDate>,
    },
    /// 领办: the lead unit acknowledges (已交办 → 整改中).
    Acknowledge { on: NaiveDate },
    /// 催办: a reminder; the state does not change.
    Remind { on: NaiveDate },
    /// 申请延期: only before the deadline (整改中 → 申请延期).
    RequestExtension {
        on: NaiveDate,
        new_deadline: NaiveDate,
        reason: String,
    },
    /// 延期审批: approved → new deadline, rejected → old one (申请延期 → 整改中).
    DecideExtension {
        on: NaiveDate,
        approve: bool,
        comment: String,
    },
    /// 整改反馈: measures and evidence (整改中 → 已反馈待复核).
    Submit {
        on: NaiveDate,
        measures: String,
        evidence: Vec<String>,
        self_assessment: String,
    },
    /// 复核: pass → 已销号; fail → 整改中 (驳回重办) with a comment.
    Review {
        on: NaiveDate,
        reviewer: String,
        pass: bool,
        comment: String,
    },
    /// 中止: any open order, with a reason (e.g. the power was abolished).
    Suspend { on: NaiveDate, reason: String },
    /// 黄牌警告: only for a second overdue (BR-E5).
    YellowCard { on: NaiveDate, reason: String },
}

impl RectAction {
    pub fn on(&self) -> NaiveDate {
        match self {
            RectAction::Assign { on, .. }
            | RectAction::Acknowledge { on }
            | RectAction::Remind { on }
            | RectAction::RequestExtension { on, .. }
            | RectAction::DecideExtension { on, .. }
            | RectAction::Submit { on, .. }
            | RectAction::Review { on, .. }
            | RectAction::Suspend { on, .. }
            | RectAction::YellowCard { on, .. } => *on,
        }
    }

    /// The step's name for messages and the audit log.
    pub fn label(&self) -> Text {
        let (zh, en) = match self {
            RectAction::Assign { .. } => ("交办", "Assign"),
            RectAction::Acknowledge { .. } => ("领办", "Acknowledge"),
            RectAction::Remind { .. } => ("催办", "Reminder"),
            RectAction::RequestExtension { .. } => ("申请延期", "Extension request"),
            RectAction::DecideExtension { approve: true, .. } => ("批准延期", "Extension approved"),
            RectAction::DecideExtension { .. } => ("不批准延期", "Extension refused"),
            RectAction::Submit { .. } => ("整改反馈", "Feedback"),
            RectAction::Review { pass: true, .. } => ("复核通过·销号", "Review passed, closed"),
            RectAction::Review { .. } => ("复核驳回", "Review failed, sent back"),
            RectAction::Suspend { .. } => ("中止", "Suspend"),
            RectAction::YellowCard { .. } => ("黄牌警告", "Yellow card"),
        };
        Text::new(zh, en)
    }

    /// The status the step leads to from `from` (None: not allowed from there).
    pub fn target(&self, from: RectificationStatus) -> Option<RectificationStatus> {
        use RectificationStatus::*;
        match (self, from) {
            (RectAction::Assign { .. }, Draft) => Some(Assigned),
            (RectAction::Acknowledge { .. }, Assigned) => Some(InProgress),
            (RectAction::Remind { .. }, s) if s.clock_runs() || s == ExtensionRequested => Some(s),
            (RectAction::RequestExtension { .. }, InProgress) => Some(ExtensionRequested),
            (RectAction::DecideExtension { .. }, ExtensionRequested) => Some(InProgress),
            (RectAction::Submit { .. }, InProgress) => Some(Submitted),
            (RectAction::Review { pass: true, .. }, Submitted) => Some(Closed),
            (RectAction::Review { pass: false, .. }, Submitted) => Some(InProgress),
            (RectAction::Suspend { .. }, s) if s.is_open() || s == Draft => Some(Suspended),
            (RectAction::YellowCard { .. }, s) if s.clock_runs() => Some(s),
            _ => None,
        }
    }
}

/// The actions offered for an order in `status` (the UI's "allowed next steps").
pub fn allowed_actions(status: RectificationStatus) -> Vec<&'static str> {
    use RectificationStatus::*;
    match status {
        Draft => vec!["ASSIGN", "SUSPEND"],
        Assigned => vec!["ACKNOWLEDGE", "REMIND", "YELLOW_CARD", "SUSPEND"],
        InProgress => vec![
            "REQUEST_EXTENSION",
            "SUBMIT",
            "REMIND",
            "YELLOW_CARD",
            "SUSPEND",
        ],
        ExtensionRequested => vec!["DECIDE_EXTENSION", "REMIND", "SUSPEND"],
        Submitted => vec!["REVIEW", "SUSPEND"],
        Closed | Suspended => vec![],
    }
}

/// Applies one step: checks the state machine and the guards (BR-E5: deadline and lead unit to
/// issue, extension only before the deadline, feedback with measures and evidence, closure only
/// after a passing review, a comment for a rejection, a reason to suspend, a yellow card only for
/// a second overdue) and appends the history. `today` forbids steps dated in the future.
pub fn apply(
    before: &RectificationOrderData,
    act: &RectAction,
    today: NaiveDate,
    default_days: u32,
    second_days: u32,
    at: Timestamp,
    office: &str,
) -> Result<RectificationOrderData, Text> {
    let from = before.status;
    let on = act.on();
    let Some(to) = act.target(from) else {
        return Err(Text::new(
            format!("“{}”状态下不能{}", from.zh(), act.label().zh),
            format!(
                "An order that is “{}” cannot take this step: {}",
                from.en(),
                act.label().en
            ),
        ));
    };
    if on > today {
        return Err(Text::new(
            format!("日期 {on} 晚于今天，不能预先登记"),
            format!("The date {on} is after today; steps cannot be recorded in advance"),
        ));
    }
    let mut after = before.clone();
    let mut reason = String::new();
    match act {
        RectAction::Assign { deadline, .. } => {
            if after.lead_org_id.is_none() {
                return Err(Text::new(
                    "交办前须指定主办单位",
                    "Name the lead handling unit before issuing the order",
                ));
            }
            let Some(deadline) = deadline.or_else(|| dates::add_days(on, i64::from(default_days)))
            else {
                return Err(Text::new(
                    "默认整改时限超出日期范围，请指定时限",
                    "The default period runs past the calendar; give a deadline",
                ));
            };
            if deadline <= on {
                return Err(Text::new(
                    "整改时限须晚于交办日期",
                    "The deadline must be after the day the order is issued",
                ));
            }
            after.issued_on = Some(on);
            after.deadline = Some(deadline);
            reason = format!("时限 / deadline {deadline}");
        }
        RectAction::Acknowledge { .. } => {}
        RectAction::Remind { .. } => after.reminders.push(on),
        RectAction::RequestExtension {
            new_deadline,
            reason: why,
            ..
        } => {
            let current = before.deadline_on(on);
            if current.is_some_and(|d| on > d) {
                return Err(Text::new(
                    format!(
                        "只能在整改时限（{}）之前申请延期",
                        current.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    format!(
                        "An extension can only be requested before the deadline ({})",
                        current.map(|d| d.to_string()).unwrap_or_default()
                    ),
                ));
            }
            if current.is_some_and(|d| *new_deadline <= d) {
                return Err(Text::new(
                    "新的时限须晚于现有时限",
                    "The new deadline must be later than the current one",
                ));
            }
            if blank(why) {
                return Err(Text::new(
                    "请填写延期理由",
                    "Give the reason for the extension",
                ));
            }
            after.extensions.push(Extension {
                requested_on: on,
                new_deadline: *new_deadline,
                reason: why.trim().to_string(),
                decided_on: None,
                approved: None,
                comment: String::new(),
            });
            reason = format!("{} → {new_deadline}", why.trim());
        }
        RectAction::DecideExtension {
            approve, comment, ..
        } => {
            let Some(ext) = after
                .extensions
                .iter_mut()
                .rev()
                .find(|e| e.approved.is_none())
            else {
                return Err(Text::new(
                    "没有待审批的延期申请",
                    "There is no pending extension request",
                ));
            };
            if on < ext.requested_on {
                return Err(Text::new(
                    "审批日期不能早于申请日期",
                    "The decision cannot be dated before the request",
                ));
            }
            ext.decided_on = Some(on);
            ext.approved = Some(*approve);
            ext.comment = comment.trim().to_string();
            reason = comment.trim().to_string();
        }
        RectAction::Submit {
            measures,
            evidence,
            self_assessment,
            ..
        } => {
            let evidence: Vec<String> = evidence
                .iter()
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty())
                .collect();
            if blank(measures) || evidence.is_empty() {
                return Err(Text::new(
                    "整改反馈须写明整改措施并附证明材料",
                    "Feedback needs the measures taken and at least one piece of evidence",
                ));
            }
            after.feedbacks.push(Feedback {
                on,
                measures: measures.trim().to_string(),
                evidence,
                self_assessment: self_assessment.trim().to_string(),
            });
            reason = measures.trim().to_string();
        }
        RectAction::Review {
            reviewer,
            pass,
            comment,
            ..
        } => {
            if blank(reviewer) {
                return Err(Text::new(
                    "请填写复核人（督查组）",
                    "Name the reviewer (inspection group)",
                ));
            }
            if !pass && blank(comment) {
                return Err(Text::new(
                    "驳回须写明复核意见",
                    "A rejection needs the reviewer's comment",
                ));
            }
            if before.feedbacks.last().is_some_and(|f| on < f.on) {
                return Err(Text::new(
                    "复核日期不能早于整改反馈日期",
                    "The review cannot be dated before the feedback",
                ));
            }
            after.reviews.push(Review {
                on,
                reviewer: reviewer.trim().to_string(),
                pass: *pass,
                comment: comment.trim().to_string(),
            });
            reason = comment.trim().to_string();
        }
        RectAction::Suspend { reason: why, .. } => {
            if blank(why) {
                return Err(Text::new(
                    "中止须写明理由（如事项已取消）",
                    "Give the reason for suspending (e.g. the power was abolished)",
                ));
            }
            reason = why.trim().to_string();
        }
        RectAction::YellowCard { reason: why, .. } => {
            if before.yellow_card.is_some() {
                return Err(Text::new(
                    "该督办单已有黄牌警告",
                    "This order already has a yellow card",
                ));
            }
            if before.overdue_on(on, second_days) != Overdue::Second {
                return Err(Text::new(
                    format!("黄牌警告只用于二次逾期（超过时限 {second_days} 日仍未完成）"),
                    format!(
                        "A yellow card is only for a second overdue (still open {second_days} days after the deadline)"
                    ),
                ));
            }
            after.yellow_card = Some(YellowCard {
                on,
                reason: why.trim().to_string(),
            });
            reason = why.trim().to_string();
        }
    }
    if reason.is_empty() {
        reason = act.label().zh;
    } else {
        reason = format!("{}：{reason}", act.label().zh);
    }
    after.status = to;
    after.history.push(StateChange {
        at,
        by_office: office.to_string(),
        on,
        from: from.code().to_string(),
        to: to.code().to_string(),
        reason,
    });
    Ok(after)
}
