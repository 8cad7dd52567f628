//! 托管 | A county government entrusts a whole township to a park committee (report S1.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id, Period};
use crate::coded_enum;

coded_enum! {
    /// Proposed → Effective (decision document + start date) → Terminated (end date).
    pub enum EntrustmentStatus {
        Proposed => ("PROPOSED", "拟托管", "Proposed"),
        Effective => ("EFFECTIVE", "已托管", "Effective"),
        Terminated => ("TERMINATED", "已终止", "Terminated"),
    }
}

/// 托管范围 | Scope. The report's unit is the whole township (成建制); a village-level scope is an
/// exception seen in public press (P1) and needs a recorded reason (BR-A2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum EntrustScope {
    #[serde(rename = "WHOLE_TOWNSHIP")]
    WholeTownship,
    #[serde(rename = "PARTIAL_VILLAGES")]
    PartialVillages { villages: Vec<String> },
}

impl EntrustScope {
    pub fn is_whole(&self) -> bool {
        matches!(self, EntrustScope::WholeTownship)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntrustmentData {
    pub park_id: Id,
    pub township_id: Id,
    /// 委托方 | The county whose government entrusts the township (BR-A3).
    pub entrusting_county_id: Id,
    pub scope: EntrustScope,
    #[serde(default)]
    pub basis: Option<DocRef>,
    pub period: Period,
    pub status: EntrustmentStatus,
    /// 县区保留事项 | Matters the county keeps (e.g. 人大选举, 司法).
    #[serde(default)]
    pub retained_matters: Vec<String>,
    #[serde(default)]
    pub justification_if_partial: Option<String>,
}

impl EntrustmentData {
    /// Whether the park governed the township on `d`. A terminated entrustment still counts
    /// inside its period, so past as-of dates give past answers.
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        matches!(
            self.status,
            EntrustmentStatus::Effective | EntrustmentStatus::Terminated
        ) && self.period.contains(d)
    }

    /// Statuses whose periods must not overlap for one township (BR-A4).
    pub fn binding(&self) -> bool {
        self.status != EntrustmentStatus::Proposed
    }
}
