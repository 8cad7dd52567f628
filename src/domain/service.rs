//! 服务体系 | The park's service offerings, where citizens and enterprises apply for the powers the
//! park received (report S4.2 "建立和完善园区服务体系建设"; shared/domain.md §4.A, BR-A12).

use serde::{Deserialize, Serialize};

use super::meta::Id;
use super::power::PowerType;
use crate::coded_enum;

coded_enum! {
    /// 运行状态 | 筹建 / 运行 / 停止.
    pub enum ActiveStatus {
        Preparing => ("PREPARING", "筹建", "Preparing"),
        Operating => ("OPERATING", "运行", "Operating"),
        Stopped => ("STOPPED", "停止", "Stopped"),
    }
}

coded_enum! {
    /// 服务类型 | Kinds of service offering [K].
    pub enum ServiceKind {
        OneStopWindow => ("ONE_STOP_WINDOW", "一站式服务窗口", "One-stop window"),
        AgencyService => ("AGENCY_SERVICE", "代办帮办", "Agency service"),
        ProjectLiaison => ("PROJECT_LIAISON", "项目服务专员", "Project liaison"),
        Hotline => ("HOTLINE", "企业服务热线", "Enterprise hotline"),
        TalentService => ("TALENT_SERVICE", "人才服务", "Talent service"),
        PolicyFulfilment => ("POLICY_FULFILMENT", "政策兑现", "Policy fulfilment"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceOfferingData {
    pub park_id: Id,
    pub name: String,
    pub kind: ServiceKind,
    /// 关联赋权事项 | The received delegations applied for here.
    #[serde(default)]
    pub linked_delegation_ids: Vec<Id>,
    /// 服务承诺 | e.g. "即来即办，3 个工作日办结".
    #[serde(default)]
    pub promise: String,
    pub status: ActiveStatus,
}

/// Power types citizens and enterprises apply for, which should be served by an operating
/// offering once the park has received them (BR-A12): 许可、确认、给付、其他.
pub fn applied_for(t: PowerType) -> bool {
    matches!(
        t,
        PowerType::Licensing | PowerType::Confirmation | PowerType::Benefit | PowerType::OtherPower
    )
}
