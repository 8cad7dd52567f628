//! 权责清单 | The power catalogue: items the city and counties may delegate to park committees
//! (report S2.0–S2.2; shared/domain.md §4.B). Homonymous domains (规划, 建设, 环保, 文化) exist in
//! two categories and are told apart by their ids (ECO.PLANNING vs ENF.PLANNING).

use serde::{Deserialize, Serialize};

use super::meta::Id;
use crate::coded_enum;

coded_enum! {
    /// 权限类别 | Power category (S2.1, S2.2).
    pub enum PowerCategory {
        Economic => ("ECONOMIC", "经济管理", "Economic management"),
        Social => ("SOCIAL", "社会管理", "Social management"),
        Enforcement => ("ENFORCEMENT", "行政执法", "Administrative enforcement"),
    }
}

coded_enum! {
    /// 事项类型 | The ten kinds of administrative power, plus public services and internal duties.
    pub enum PowerType {
        Licensing => ("XK", "行政许可", "Licensing"),
        Penalty => ("CF", "行政处罚", "Penalty"),
        Coercion => ("QZ", "行政强制", "Coercion"),
        Levy => ("ZS", "行政征收", "Levy"),
        Benefit => ("JF", "行政给付", "Benefit payment"),
        Inspection => ("JC", "行政检查", "Inspection"),
        Confirmation => ("QR", "行政确认", "Confirmation"),
        Reward => ("JL", "行政奖励", "Reward"),
        Adjudication => ("CJ", "行政裁决", "Adjudication"),
        OtherPower => ("QT", "其他行政权力", "Other administrative power"),
        PublicService => ("GG", "公共服务", "Public service"),
        ManagementDuty => ("GL", "管理职责", "Management duty"),
    }
}

coded_enum! {
    /// 办理环节 | Process links; which ones are handed over shows 打折放权 (BR-B10).
    pub enum ProcessLink {
        Acceptance => ("ACCEPTANCE", "受理", "Acceptance"),
        Review => ("REVIEW", "审查", "Review"),
        Decision => ("DECISION", "决定", "Decision"),
        Issuance => ("ISSUANCE", "送达/发证", "Delivery / issuance"),
        Fee => ("FEE", "收费", "Fee"),
        Supervision => ("SUPERVISION", "事中事后监管", "Supervision"),
        CaseFiling => ("CASE_FILING", "立案", "Case filing"),
        Investigation => ("INVESTIGATION", "调查取证", "Investigation"),
        Hearing => ("HEARING", "审理/听证", "Hearing"),
        Notification => ("NOTIFICATION", "告知", "Notification"),
        Execution => ("EXECUTION", "执行", "Execution"),
        SealAndForms => ("SEAL_AND_FORMS", "印章与文书", "Seal and forms"),
    }
}

impl ProcessLink {
    /// Links whose retention alone means the power was not really handed over (P28:
    /// "受理权放了终审权不放；决定权放了发证权不放").
    pub const DECISIVE: [ProcessLink; 3] = [
        ProcessLink::Decision,
        ProcessLink::Issuance,
        ProcessLink::SealAndForms,
    ];
}

coded_enum! {
    /// 权限层级 | Which government holds the power ("按权限", S2.1).
    pub enum HolderLevel {
        City => ("CITY", "市级", "City"),
        County => ("COUNTY", "县级", "County"),
    }
}

coded_enum! {
    /// 可下放性 | Whether the item may be delegated at all.
    pub enum Delegability {
        Entrustable => ("ENTRUSTABLE", "可委托", "Entrustable"),
        Devolvable => ("DEVOLVABLE", "可授权下放", "Devolvable"),
        NotDelegable => ("NOT_DELEGABLE", "法定不得下放", "Not delegable by law"),
        ToBeStudied => ("TO_BE_STUDIED", "待论证", "To be studied"),
    }
}

/// A function domain of the source report: stable id, category and labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionDomain {
    pub id: &'static str,
    pub category: PowerCategory,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn dom(
    id: &'static str,
    category: PowerCategory,
    zh: &'static str,
    en: &'static str,
) -> FunctionDomain {
    FunctionDomain {
        id,
        category,
        zh,
        en,
    }
}

/// The domains the report lists (S2.1, S2.2), ids fixed by shared/domain.md §4.A.
pub const DOMAINS: [FunctionDomain; 28] = [
    dom(
        "ECO.DEV_REFORM",
        PowerCategory::Economic,
        "发改",
        "Development & reform",
    ),
    dom(
        "ECO.INDUSTRY_IT",
        PowerCategory::Economic,
        "工信",
        "Industry & IT",
    ),
    dom("ECO.PLANNING", PowerCategory::Economic, "规划", "Planning"),
    dom(
        "ECO.CONSTRUCTION",
        PowerCategory::Economic,
        "建设",
        "Construction",
    ),
    dom(
        "ECO.ENVIRONMENT",
        PowerCategory::Economic,
        "环保",
        "Environment",
    ),
    dom("ECO.COMMERCE", PowerCategory::Economic, "商务", "Commerce"),
    dom(
        "ECO.INVESTMENT",
        PowerCategory::Economic,
        "招商合作",
        "Investment cooperation",
    ),
    dom("SOC.EDUCATION", PowerCategory::Social, "教育", "Education"),
    dom("SOC.CULTURE", PowerCategory::Social, "文化", "Culture"),
    dom("SOC.HEALTH", PowerCategory::Social, "卫生", "Health"),
    dom(
        "SOC.SCITECH",
        PowerCategory::Social,
        "科技",
        "Science & technology",
    ),
    dom("SOC.CIVIL", PowerCategory::Social, "民政", "Civil affairs"),
    dom(
        "SOC.SOCIAL_SECURITY",
        PowerCategory::Social,
        "社保",
        "Social security",
    ),
    dom("SOC.RADIO_TV", PowerCategory::Social, "广电", "Radio & TV"),
    dom(
        "SOC.FAMILY_PLANNING",
        PowerCategory::Social,
        "计生",
        "Family planning",
    ),
    dom("SOC.SPORTS", PowerCategory::Social, "体育", "Sports"),
    dom(
        "SOC.RURAL",
        PowerCategory::Social,
        "三农",
        "Agriculture & rural affairs",
    ),
    dom(
        "SOC.MASS_ORG",
        PowerCategory::Social,
        "群团",
        "Mass organisations",
    ),
    dom("SOC.AGEING", PowerCategory::Social, "老龄", "Ageing"),
    dom(
        "SOC.COMMUNITY",
        PowerCategory::Social,
        "社区管理",
        "Community management",
    ),
    dom("ENF.LAND", PowerCategory::Enforcement, "土地", "Land"),
    dom(
        "ENF.PLANNING",
        PowerCategory::Enforcement,
        "规划",
        "Planning",
    ),
    dom(
        "ENF.ENVIRONMENT",
        PowerCategory::Enforcement,
        "环保",
        "Environment",
    ),
    dom(
        "ENF.CONSTRUCTION",
        PowerCategory::Enforcement,
        "建设",
        "Construction",
    ),
    dom(
        "ENF.URBAN",
        PowerCategory::Enforcement,
        "城管",
        "Urban management",
    ),
    dom(
        "ENF.WORK_SAFETY",
        PowerCategory::Enforcement,
        "安监",
        "Work safety",
    ),
    dom("ENF.LABOUR", PowerCategory::Enforcement, "劳动", "Labour"),
    dom("ENF.CULTURE", PowerCategory::Enforcement, "文化", "Culture"),
];

pub fn domain(id: &str) -> Option<&'static FunctionDomain> {
    DOMAINS.iter().find(|d| d.id == id)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub law: String,
    #[serde(default)]
    pub article: Option<String>,
}

/// 权责清单事项 | One item of the power-and-responsibility list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerItemData {
    /// 事项编码 | e.g. "XK00302000": type code + 5-digit main item + 3-digit sub-item.
    pub item_code: String,
    pub name: String,
    pub power_type: PowerType,
    pub category: PowerCategory,
    /// One of [`DOMAINS`]; its category must equal `category`.
    pub domain_id: String,
    pub holder_level: HolderLevel,
    /// 原实施部门 | The department that holds the power by law (an OrgUnit of kind Department).
    #[serde(default)]
    pub source_dept_id: Option<Id>,
    #[serde(default)]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    pub process_links: Vec<ProcessLink>,
    pub delegability: Delegability,
    /// 审批链 | Approval chains the item belongs to, e.g. "投资项目" (BR-B13).
    #[serde(default)]
    pub chain_tags: Vec<String>,
}
