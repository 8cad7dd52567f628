//! 开发建设主体 | The park's development and construction company, kept apart from the
//! administrative body (report S4.1 "行政管理主体与开发建设主体相分离"; shared/domain.md §4.A,
//! BR-A9, BR-A10). It is an enterprise: not an org unit, no staffing quota, no delegated power.
//! Committee officials who also hold executive posts in it are listed for review ("政企不分").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::Id;
use super::service::ActiveStatus;
use crate::coded_enum;

coded_enum! {
    /// 企业类型 | Legal form.
    pub enum LegalForm {
        StateOwnedSole => ("STATE_OWNED_SOLE", "国有独资", "Wholly state-owned"),
        StateControlled => ("STATE_CONTROLLED", "国有控股", "State-controlled"),
        Mixed => ("MIXED", "混合所有制", "Mixed ownership"),
        Other => ("OTHER", "其他", "Other"),
    }
}

coded_enum! {
    /// 主营业务 | Business lines.
    pub enum DevBusiness {
        LandPreparation => ("LAND_PREPARATION", "土地整理", "Land preparation"),
        Infrastructure => ("INFRASTRUCTURE", "基础设施", "Infrastructure"),
        Financing => ("FINANCING", "融资", "Financing"),
        StandardFactories => ("STANDARD_FACTORIES", "标准厂房", "Standard factories"),
        Operations => ("OPERATIONS", "园区运营", "Park operations"),
        InvestmentServices => ("INVESTMENT_SERVICES", "招商服务", "Investment services"),
    }
}

coded_enum! {
    /// 高管职务 | Executive role in the company.
    pub enum ExecutiveRole {
        Chair => ("CHAIR", "董事长", "Chair"),
        GeneralManager => ("GENERAL_MANAGER", "总经理", "General manager"),
        Director => ("DIRECTOR", "董事", "Director"),
        DeputyManager => ("DEPUTY_MANAGER", "副总经理", "Deputy general manager"),
        Supervisor => ("SUPERVISOR", "监事", "Supervisor"),
    }
}

/// 股东 | A shareholder and its share in hundredths of a percent (10000 = 100%).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shareholder {
    pub name: String,
    pub share_bp: u32,
}

/// 高管 | An executive: name or staff number (never an ID number, BR-F2), the role, and the
/// committee post the same person holds, if any (BR-A10). People records come with the
/// organisation issue; the coordinator links them to appointments then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Executive {
    pub name: String,
    pub role: ExecutiveRole,
    /// 同时担任的管委会（党工委）职务 | e.g. "管委会副主任"; empty when none.
    #[serde(default)]
    pub committee_post: String,
}

impl Executive {
    /// Holds a committee post as well: listed for review (政企不分).
    pub fn is_cross_held(&self) -> bool {
        !super::text::blank(&self.committee_post)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DevelopmentEntityData {
    pub park_id: Id,
    pub name: String,
    pub legal_form: LegalForm,
    /// 统一社会信用代码 | 18 characters.
    #[serde(default)]
    pub credit_code: Option<String>,
    #[serde(default)]
    pub shareholders: Vec<Shareholder>,
    /// 注册资本 | In fen (integer), never a float.
    #[serde(default)]
    pub registered_capital_fen: Option<i64>,
    #[serde(default)]
    pub business_scope: Vec<DevBusiness>,
    #[serde(default)]
    pub established_on: Option<NaiveDate>,
    #[serde(default)]
    pub executives: Vec<Executive>,
    pub status: ActiveStatus,
}

/// Names that mark an enterprise (公司、集团): such a body must not be kept as an org unit that
/// receives powers or is an internal body (BR-A9).
pub fn looks_like_enterprise(name: &str) -> bool {
    let n = name.trim();
    n.contains("有限公司")
        || n.contains("有限责任公司")
        || n.ends_with("公司")
        || n.ends_with("集团")
        || n.contains("股份")
}
