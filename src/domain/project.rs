//! 项目 | Projects of a park (report S7.4 "招商引资、基础设施建设、项目建设"; shared/domain.md §4.F):
//! investment attraction (signed, agreed investment, funds in place), infrastructure built by a
//! development entity or by the committee (S4.1), industrial and social projects.
//!
//! **Milestones are dated fields, not a stored stage.** A project's stage on any date is read from
//! the dates of its milestones (签约, 供地, 开工, 竣工, 投产, 终止), and money from dated tranches
//! (资金到位, 完成投资), so the KPIs of any past as-of date are exact. The dates are what clerks
//! copy from documents (签约合同, 开工报告, 竣工验收), a stage history would repeat them, and each
//! date is a field of its own that merges between offices without a state machine. Money is in
//! integer fen (1/100 yuan), never a float.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::meta::Id;
use crate::coded_enum;

coded_enum! {
    /// 项目类型 | Kind of project (§4.F).
    pub enum ProjectKind {
        Investment => ("INVESTMENT", "招商引资", "Investment attraction"),
        Industrial => ("INDUSTRIAL", "产业项目", "Industrial project"),
        Infrastructure => ("INFRASTRUCTURE", "基础设施", "Infrastructure"),
        Social => ("SOCIAL", "社会事业", "Social undertaking"),
    }
}

impl ProjectKind {
    /// Kinds that are signed with an investor (招商引资 KPIs count them).
    pub fn is_signed_kind(self) -> bool {
        matches!(self, ProjectKind::Investment | ProjectKind::Industrial)
    }
}

coded_enum! {
    /// 阶段 | Stage on a date, derived from the milestone dates (§4.F's list).
    pub enum ProjectStage {
        Negotiating => ("NEGOTIATING", "洽谈", "Negotiating"),
        Signed => ("SIGNED", "签约", "Signed"),
        LandSupplied => ("LAND_SUPPLIED", "供地", "Land supplied"),
        UnderConstruction => ("UNDER_CONSTRUCTION", "在建", "Under construction"),
        Completed => ("COMPLETED", "竣工", "Completed"),
        InProduction => ("IN_PRODUCTION", "投产", "In production"),
        Terminated => ("TERMINATED", "终止", "Terminated"),
    }
}

coded_enum! {
    /// 提供方式 | How a social undertaking is delivered (公共服务社会化, S7.2).
    pub enum Delivery {
        GovernmentDirect => ("GOVERNMENT_DIRECT", "政府直接提供", "Provided directly by government"),
        PurchaseOfServices => ("PURCHASE_OF_SERVICES", "政府购买服务", "Government purchase of services"),
        SocialCapital => ("SOCIAL_CAPITAL", "社会资本合作", "Public–private partnership"),
        SocialOrganisation => ("SOCIAL_ORGANISATION", "社会组织承接", "Run by a social organisation"),
    }
}

impl Delivery {
    /// Delivered by society or the market rather than by the government itself.
    pub fn is_socialised(self) -> bool {
        self != Delivery::GovernmentDirect
    }
}

/// 一笔资金 | A dated amount in fen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tranche {
    pub on: NaiveDate,
    pub fen: i64,
}

/// 年度计划投资 | The investment planned for one calendar year, in fen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualPlan {
    pub year: i32,
    pub fen: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectData {
    pub park_id: Id,
    /// 所在乡镇 | Township, when the project lies in an entrusted township.
    #[serde(default)]
    pub township_id: Option<Id>,
    pub name: String,
    pub kind: ProjectKind,
    #[serde(default)]
    pub industry: String,
    /// 投资方 | Investor (no real company names in the demo).
    #[serde(default)]
    pub investor: String,
    /// 建设主体 | Builder: the park's development entity (S4.1); none = built by the committee.
    #[serde(default)]
    pub builder_id: Option<Id>,
    /// 提供方式 | For social undertakings.
    #[serde(default)]
    pub delivery: Option<Delivery>,
    /// 总投资（协议/概算） | Agreed investment (signed projects) or approved budget, in fen.
    #[serde(default)]
    pub total_investment_fen: Option<i64>,
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    #[serde(default)]
    pub land_on: Option<NaiveDate>,
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    #[serde(default)]
    pub production_on: Option<NaiveDate>,
    #[serde(default)]
    pub terminated_on: Option<NaiveDate>,
    /// 计划完工年度 | The year the project is planned to be completed (完工率's denominator).
    #[serde(default)]
    pub planned_completion_year: Option<i32>,
    /// 实际到位资金 | Funds in place, dated.
    #[serde(default)]
    pub funds_in_place: Vec<Tranche>,
    /// 年度计划投资 | Planned investment by year.
    #[serde(default)]
    pub annual_plans: Vec<AnnualPlan>,
    /// 完成投资 | Investment completed, dated.
    #[serde(default)]
    pub investment_done: Vec<Tranche>,
}

fn by(d: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    d.is_some_and(|d| d <= as_of)
}

impl ProjectData {
    pub fn new(park_id: impl Into<Id>, name: impl Into<String>, kind: ProjectKind) -> Self {
        ProjectData {
            park_id: park_id.into(),
            township_id: None,
            name: name.into(),
            kind,
            industry: String::new(),
            investor: String::new(),
            builder_id: None,
            delivery: None,
            total_investment_fen: None,
            signed_on: None,
            land_on: None,
            started_on: None,
            completed_on: None,
            production_on: None,
            terminated_on: None,
            planned_completion_year: None,
            funds_in_place: Vec::new(),
            annual_plans: Vec::new(),
            investment_done: Vec::new(),
        }
    }

    /// Known to the park on `as_of`: signed, started or otherwise dated by then (a project whose
    /// first date lies after `as_of` did not exist yet).
    pub fn exists_on(&self, as_of: NaiveDate) -> bool {
        self.first_date().is_none_or(|d| d <= as_of)
    }

    fn first_date(&self) -> Option<NaiveDate> {
        [
            self.signed_on,
            self.land_on,
            self.started_on,
            self.completed_on,
            self.production_on,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    pub fn signed_by(&self, as_of: NaiveDate) -> bool {
        by(self.signed_on, as_of)
    }
    pub fn started_by(&self, as_of: NaiveDate) -> bool {
        by(self.started_on, as_of)
    }
    pub fn completed_by(&self, as_of: NaiveDate) -> bool {
        by(self.completed_on, as_of)
    }
    pub fn producing_by(&self, as_of: NaiveDate) -> bool {
        by(self.production_on, as_of)
    }
    pub fn terminated_by(&self, as_of: NaiveDate) -> bool {
        by(self.terminated_on, as_of)
    }

    /// The stage on `as_of`: the latest milestone reached by then (终止 overrides).
    pub fn stage_on(&self, as_of: NaiveDate) -> ProjectStage {
        if self.terminated_by(as_of) {
            ProjectStage::Terminated
        } else if self.producing_by(as_of) {
            ProjectStage::InProduction
        } else if self.completed_by(as_of) {
            ProjectStage::Completed
        } else if self.started_by(as_of) {
            ProjectStage::UnderConstruction
        } else if by(self.land_on, as_of) {
            ProjectStage::LandSupplied
        } else if self.signed_by(as_of) {
            ProjectStage::Signed
        } else {
            ProjectStage::Negotiating
        }
    }

    /// Σ funds in place by `as_of`, in fen.
    pub fn funds_by(&self, as_of: NaiveDate) -> i64 {
        self.funds_in_place
            .iter()
            .filter(|t| t.on <= as_of)
            .map(|t| t.fen)
            .sum()
    }

    /// Σ investment completed in `as_of`'s calendar year up to `as_of`, in fen.
    pub fn done_in_year_by(&self, as_of: NaiveDate) -> i64 {
        self.investment_done
            .iter()
            .filter(|t| t.on <= as_of && t.on.year() == as_of.year())
            .map(|t| t.fen)
            .sum()
    }

    /// The investment planned for a year, in fen (summed if entered twice).
    pub fn plan_for(&self, year: i32) -> Option<i64> {
        let plans: Vec<i64> = self
            .annual_plans
            .iter()
            .filter(|p| p.year == year)
            .map(|p| p.fen)
            .collect();
        (!plans.is_empty()).then(|| plans.iter().sum())
    }

    /// Milestones in their order, with their field names, for the date-order check.
    pub fn milestones(&self) -> [(&'static str, Option<NaiveDate>); 5] {
        [
            ("signed_on", self.signed_on),
            ("land_on", self.land_on),
            ("started_on", self.started_on),
            ("completed_on", self.completed_on),
            ("production_on", self.production_on),
        ]
    }
}

/// An amount in fen as a clerk reads it: "1,234.56 万元" / "12.35 million yuan".
pub fn money_text(fen: i64, lang: super::text::Lang) -> String {
    // Whole yuan first (integer arithmetic), then the display unit.
    let yuan = fen / 100;
    match lang {
        super::text::Lang::Zh => {
            if yuan.abs() >= 100_000_000 {
                format!("{:.2} 亿元", yuan as f64 / 100_000_000.0)
            } else {
                format!("{:.0} 万元", yuan as f64 / 10_000.0)
            }
        }
        super::text::Lang::En => {
            if yuan.abs() >= 1_000_000_000 {
                format!("CNY {:.2} bn", yuan as f64 / 1_000_000_000.0)
            } else {
                format!("CNY {:.1} m", yuan as f64 / 1_000_000.0)
            }
        }
    }
}

/// Parses an amount typed in 万元 ("1,200.5") into fen, exactly (no float on the way).
pub fn parse_wan_yuan(s: &str) -> Option<i64> {
    let s = s.trim().replace([',', '，'], "");
    if s.is_empty() {
        return None;
    }
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    // 1 万元 = 1,000,000 fen: six decimal places at most.
    if frac.len() > 6
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut f = frac.to_string();
    while f.len() < 6 {
        f.push('0');
    }
    let f: i64 = f.parse().ok()?;
    let v = w.checked_mul(1_000_000)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

/// Fen as 万元 with up to six decimals and no trailing zeros ("1200.5"), for editors.
pub fn wan_yuan_string(fen: i64) -> String {
    let neg = fen < 0;
    let a = fen.unsigned_abs();
    let whole = a / 1_000_000;
    let frac = a % 1_000_000;
    let mut s = whole.to_string();
    if frac > 0 {
        let f = format!("{frac:06}");
        s.push('.');
        s.push_str(f.trim_end_matches('0'));
    }
    if neg { format!("-{s}") } else { s }
}
