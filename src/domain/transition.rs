//! 状态变更记录 | One step of a supervision state machine (campaign, finding, rectification order,
//! accountability action), written by the command path only — never by an editor — with who,
//! when (the real time and the date the step took effect), from, to and the reason.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::command::CommandError;
use super::meta::{Id, Timestamp};
use super::rules::{Severity, Violation};
use super::text::Text;
use super::workspace::Kind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateChange {
    /// When the step was recorded.
    pub at: Timestamp,
    pub by_office: Id,
    /// The date the step took effect (a reminder sent, a review held); may be earlier than `at`
    /// when paper records are entered afterwards.
    pub on: NaiveDate,
    /// State codes; equal for events that do not change the state (催办, 黄牌).
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub reason: String,
}

/// A refused step, located on the record's state field.
pub fn refuse(kind: Kind, id: &str, message: Text) -> CommandError {
    CommandError::Rejected(vec![Violation {
        rule: "TRANSITION",
        severity: Severity::Block,
        source: Some("S7.1"),
        kind,
        id: id.to_string(),
        field: Some("status"),
        message,
    }])
}

/// "不能从“A”直接变为“B”" with the reason the state machine gives.
pub fn not_allowed(kind: Kind, id: &str, from: (&str, &str), to: (&str, &str)) -> CommandError {
    refuse(
        kind,
        id,
        Text::new(
            format!("不能从“{}”变为“{}”", from.0, to.0),
            format!("Cannot go from “{}” to “{}”", from.1, to.1),
        ),
    )
}
