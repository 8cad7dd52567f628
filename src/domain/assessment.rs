//! 考核方案 | Assessment schemes (report S6.1, S6.2; shared/domain.md §4.D, §4.G): the annual
//! target-responsibility scheme of the city in which each park's leadership team is assessed
//! like a county (BR-D1), and each park's own schemes for its internal bodies, entrusted
//! (township) bodies and serving staff, each with its own indicator set (BR-D2).
//!
//! A scheme holds its indicator tree (points of children add up to the parent, the top level to
//! the total: BR-D3, checked before publishing), the scoring method of each indicator (§6.4,
//! `scoring.rs`), veto items (BR-D4), components with weights (实绩 80 % + 测评 20 %), the grade
//! scale (the presets of §4.D) with thresholds, and the top-grade quota (BR-D5). Its status moves
//! 草案 → 已发布 → 数据采集 → 评分 → 审核公示 → 定等 → 已运用 by [`apply_step`] in the command
//! path only, which writes the history; going back a step needs a reason.
//!
//! One [`AssessmentResultData`] per scheme and assessee holds what was entered for it (targets,
//! actuals, ratings, component scores, veto items triggered, a grade override with its reason).
//! Totals, ranks and grades are computed (`assessment_results.rs`), never typed, so they cannot
//! drift from the entries; once a scheme is 定等 its results are locked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id, Timestamp};
use super::scoring::{self, Increment, centi, not_positive};
use super::text::Text;
use super::transition::StateChange;
use crate::coded_enum;

coded_enum! {
    /// 考核对象类别 | Assessee group of a scheme [S6.1][S6.2].
    pub enum AssesseeKind {
        ParkLeadership => ("PARK_LEADERSHIP", "管委会班子（县区级目标责任制考核）", "Park leadership (county-level scheme)"),
        CountyLeadership => ("COUNTY_LEADERSHIP", "县区班子", "County leadership"),
        InternalBody => ("INTERNAL_BODY", "内设机构", "Internal bodies"),
        EntrustedBody => ("ENTRUSTED_BODY", "托管机构", "Entrusted bodies"),
        Individual => ("INDIVIDUAL", "在职人员", "Serving staff"),
        Department => ("DEPARTMENT", "职能部门（放权支持）", "Departments (support for the parks)"),
    }
}

impl AssesseeKind {
    /// Schemes that assess units (every kind but individuals).
    pub fn is_unit(self) -> bool {
        self != AssesseeKind::Individual
    }

    /// The schemes of the city's annual target-responsibility assessment of counties (S6.1).
    pub fn is_county_level(self) -> bool {
        matches!(
            self,
            AssesseeKind::ParkLeadership | AssesseeKind::CountyLeadership
        )
    }

    /// The three groups inside a park that need their own indicator sets (BR-D2).
    pub fn needs_own_set(self) -> bool {
        matches!(
            self,
            AssesseeKind::InternalBody | AssesseeKind::EntrustedBody | AssesseeKind::Individual
        )
    }

    /// The grade scale a new scheme of this group starts with.
    pub fn default_scale(self) -> GradeScale {
        match self {
            AssesseeKind::Individual => GradeScale::CivilServant,
            _ => GradeScale::LeadershipTeam,
        }
    }
}

coded_enum! {
    /// 考核周期 | Cycle. The county-level scheme is annual (S6.1 "年度目标责任制考核").
    pub enum Cycle {
        Annual => ("ANNUAL", "年度", "Annual"),
        HalfYear => ("HALF_YEAR", "半年", "Half-year"),
        Quarterly => ("QUARTERLY", "季度", "Quarterly"),
    }
}

coded_enum! {
    /// 等次体系 | Grade-scale presets (§4.D; P29, K), four grades each, best first.
    pub enum GradeScale {
        LeadershipTeam => ("LEADERSHIP_TEAM", "好 / 较好 / 一般 / 较差", "Good / Fairly good / Average / Poor"),
        CivilServant => ("CIVIL_SERVANT", "优秀 / 称职 / 基本称职 / 不称职", "Excellent / Competent / Basically competent / Incompetent"),
        Institution => ("INSTITUTION", "优秀 / 合格 / 基本合格 / 不合格", "Excellent / Qualified / Basically qualified / Unqualified"),
        Generic => ("GENERIC", "优秀 / 良好 / 合格 / 不合格", "Excellent / Good / Pass / Fail"),
    }
}

/// Number of grades of every scale; level 0 is the top grade, 3 the lowest.
pub const LEVELS: u8 = 4;
pub const LOWEST: u8 = LEVELS - 1;

impl GradeScale {
    /// The label of a grade level (0 = best).
    pub fn grade(self, level: u8) -> Text {
        let (zh, en): (&[&str; 4], &[&str; 4]) = match self {
            GradeScale::LeadershipTeam => (
                &["好", "较好", "一般", "较差"],
                &["Good", "Fairly good", "Average", "Poor"],
            ),
            GradeScale::CivilServant => (
                &["优秀", "称职", "基本称职", "不称职"],
                &[
                    "Excellent",
                    "Competent",
                    "Basically competent",
                    "Incompetent",
                ],
            ),
            GradeScale::Institution => (
                &["优秀", "合格", "基本合格", "不合格"],
                &[
                    "Excellent",
                    "Qualified",
                    "Basically qualified",
                    "Unqualified",
                ],
            ),
            GradeScale::Generic => (
                &["优秀", "良好", "合格", "不合格"],
                &["Excellent", "Good", "Pass", "Fail"],
            ),
        };
        let i = usize::from(level.min(LOWEST));
        Text::new(zh[i], en[i])
    }
}

coded_enum! {
    /// 指标类别 | Indicator category (§4.D). The first four are economic development, 社会事务
    /// is social affairs (BR-A1's indicator part compares the two).
    pub enum IndicatorCategory {
        Investment => ("INVESTMENT", "招商引资", "Investment attraction"),
        Infrastructure => ("INFRASTRUCTURE", "基础设施建设", "Infrastructure"),
        Projects => ("PROJECTS", "项目建设", "Project construction"),
        Economy => ("ECONOMY", "经济运行", "Economic performance"),
        Delegation => ("DELEGATION", "放权承接", "Receiving delegated powers"),
        Social => ("SOCIAL", "社会事务", "Social affairs"),
        PartyIntegrity => ("PARTY_INTEGRITY", "党建廉政", "Party building and integrity"),
        Service => ("SERVICE", "服务效能", "Service efficiency"),
        Institutions => ("INSTITUTIONS", "制度建设", "Institution building"),
        Conduct => ("CONDUCT", "德能勤绩廉", "Morals, ability, diligence, results, integrity"),
        Satisfaction => ("SATISFACTION", "满意度", "Satisfaction"),
        Other => ("OTHER", "其他", "Other"),
    }
}

impl IndicatorCategory {
    /// Economic-development indicators (S1.1 "以经济建设发展职能为主").
    pub fn is_economic(self) -> bool {
        matches!(
            self,
            IndicatorCategory::Investment
                | IndicatorCategory::Infrastructure
                | IndicatorCategory::Projects
                | IndicatorCategory::Economy
        )
    }

    pub fn is_social(self) -> bool {
        self == IndicatorCategory::Social
    }
}

/// 定性评价等级 | One level of a qualitative rating and the share of points it earns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingLevel {
    pub label: String,
    pub share: f64,
}

/// The default ratings of §6.4: 好 1.0 / 较好 0.85 / 一般 0.7 / 较差 0.5.
pub fn default_ratings() -> Vec<RatingLevel> {
    [("好", 1.0), ("较好", 0.85), ("一般", 0.7), ("较差", 0.5)]
        .into_iter()
        .map(|(l, s)| RatingLevel {
            label: l.into(),
            share: s,
        })
        .collect()
}

coded_enum! {
    /// The method codes, for option lists.
    pub enum MethodKind {
        CompletionLinear => ("COMPLETION", "完成率计分", "Completion ratio"),
        BasePlusIncrement => ("BASE_INCREMENT", "基数+超额加分", "Base plus increment"),
        RatioToBest => ("RATIO_TO_BEST", "与第一名比值", "Ratio to the best"),
        EfficacyCoefficient => ("EFFICACY", "功效系数法", "Efficacy coefficient"),
        Deduction => ("DEDUCTION", "扣分制", "Deduction"),
        Qualitative => ("QUALITATIVE", "定性评价", "Qualitative rating"),
        BonusItem => ("BONUS", "加分项", "Bonus item"),
    }
}

/// 计分方法 | Scoring method of a leaf indicator with its parameters (§6.4, Appendix C).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method")]
pub enum ScoringMethod {
    #[serde(rename = "COMPLETION")]
    CompletionLinear { cap: f64 },
    #[serde(rename = "BASE_INCREMENT")]
    BasePlusIncrement {
        base_share: f64,
        step_pct: f64,
        step_points: f64,
        max_bonus_share: f64,
    },
    #[serde(rename = "RATIO_TO_BEST")]
    RatioToBest,
    #[serde(rename = "EFFICACY")]
    EfficacyCoefficient { floor: f64, span: f64 },
    /// `per_event`: points per event when the entry counts events; `None` when the entry is
    /// the points deducted.
    #[serde(rename = "DEDUCTION")]
    Deduction {
        #[serde(default)]
        per_event: Option<f64>,
    },
    #[serde(rename = "QUALITATIVE")]
    Qualitative { levels: Vec<RatingLevel> },
    /// A bonus item's points are its maximum; they stay outside the total points (加分项不计
    /// 入总分), so a total can exceed 100.
    #[serde(rename = "BONUS")]
    BonusItem,
}

impl ScoringMethod {
    pub fn kind(&self) -> MethodKind {
        match self {
            ScoringMethod::CompletionLinear { .. } => MethodKind::CompletionLinear,
            ScoringMethod::BasePlusIncrement { .. } => MethodKind::BasePlusIncrement,
            ScoringMethod::RatioToBest => MethodKind::RatioToBest,
            ScoringMethod::EfficacyCoefficient { .. } => MethodKind::EfficacyCoefficient,
            ScoringMethod::Deduction { .. } => MethodKind::Deduction,
            ScoringMethod::Qualitative { .. } => MethodKind::Qualitative,
            ScoringMethod::BonusItem => MethodKind::BonusItem,
        }
    }

    /// The method with the defaults of Appendix C.
    pub fn default_of(kind: MethodKind) -> ScoringMethod {
        match kind {
            MethodKind::CompletionLinear => ScoringMethod::CompletionLinear { cap: 1.2 },
            MethodKind::BasePlusIncrement => {
                let d = Increment::default();
                ScoringMethod::BasePlusIncrement {
                    base_share: d.base_share,
                    step_pct: d.step_pct,
                    step_points: d.step_points,
                    max_bonus_share: d.max_bonus_share,
                }
            }
            MethodKind::RatioToBest => ScoringMethod::RatioToBest,
            MethodKind::EfficacyCoefficient => ScoringMethod::EfficacyCoefficient {
                floor: 60.0,
                span: 40.0,
            },
            MethodKind::Deduction => ScoringMethod::Deduction { per_event: None },
            MethodKind::Qualitative => ScoringMethod::Qualitative {
                levels: default_ratings(),
            },
            MethodKind::BonusItem => ScoringMethod::BonusItem,
        }
    }

    /// Whether the method needs a target per assessee (目标责任书).
    pub fn needs_target(&self) -> bool {
        matches!(
            self,
            ScoringMethod::CompletionLinear { .. } | ScoringMethod::BasePlusIncrement { .. }
        )
    }

    /// Whether an empty entry means zero (no deduction, no bonus) rather than "not entered".
    pub fn empty_is_zero(&self) -> bool {
        matches!(
            self,
            ScoringMethod::Deduction { .. } | ScoringMethod::BonusItem
        )
    }

    /// The parameters a clerk must fix before publishing, if any are out of range.
    pub fn problem(&self) -> Option<Text> {
        match self {
            ScoringMethod::CompletionLinear { cap } if !(1.0..=2.0).contains(cap) => {
                Some(Text::new(
                    "完成率封顶系数须在 1.0–2.0 之间",
                    "The completion cap must be between 1.0 and 2.0",
                ))
            }
            ScoringMethod::BasePlusIncrement {
                base_share,
                step_pct,
                step_points,
                max_bonus_share,
            } if !(0.0..=1.0).contains(base_share)
                || not_positive(*step_pct)
                || *step_points < 0.0
                || !(0.0..=1.0).contains(max_bonus_share) =>
            {
                Some(Text::new(
                    "基数+超额加分的参数不合理（基数得分比例 0–1、步长 > 0、加分上限比例 0–1）",
                    "Base-plus-increment parameters are out of range (base share 0–1, step > 0, bonus cap 0–1)",
                ))
            }
            ScoringMethod::EfficacyCoefficient { floor, span }
                if *floor < 0.0 || *span < 0.0 || floor + span > 100.0 + 1e-9 =>
            {
                Some(Text::new(
                    "功效系数的基础分与区间之和不能超过 100",
                    "The efficacy floor plus span cannot exceed 100",
                ))
            }
            ScoringMethod::Deduction { per_event: Some(p) } if not_positive(*p) => Some(Text::new(
                "每次扣分须大于 0",
                "Points per event must be above 0",
            )),
            ScoringMethod::Qualitative { levels }
                if levels.is_empty()
                    || levels.iter().any(|l| {
                        super::text::blank(&l.label) || !(0.0..=1.0).contains(&l.share)
                    }) =>
            {
                Some(Text::new(
                    "定性评价须列出等级，每级得分比例在 0–1 之间",
                    "A qualitative rating needs levels, each earning a share between 0 and 1",
                ))
            }
            _ => None,
        }
    }
}

/// 考核指标 | One indicator of the tree. `id` is local to the scheme (results refer to it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    #[serde(default)]
    pub parent: Option<String>,
    /// 编码 | e.g. "A1.2".
    #[serde(default)]
    pub code: String,
    pub name: String,
    pub category: IndicatorCategory,
    /// 计量单位 | 万元, 个, %.
    #[serde(default)]
    pub unit: String,
    /// 分值 | Points (a parent's are its children's sum; a bonus item's are its maximum).
    pub points: f64,
    /// Scoring method of a leaf (a parent's is ignored).
    pub method: ScoringMethod,
    /// 逆向指标 | Lower is better (accidents, days to approve).
    #[serde(default)]
    pub lower_is_better: bool,
    /// 数据来源单位 | Data-providing organ (统计局 …).
    #[serde(default)]
    pub data_source_org_id: Option<Id>,
    /// 需佐证材料 | Evidence required.
    #[serde(default)]
    pub evidence_required: bool,
}

coded_enum! {
    /// 一票否决的后果 | Effect of a triggered veto item (P23).
    pub enum VetoEffect {
        ForceLowest => ("FORCE_LOWEST", "降为最低等次", "Lowest grade"),
        NoTopGrade => ("NO_TOP_GRADE", "不得评为最高等次", "No top grade"),
    }
}

/// 一票否决项 | A veto item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VetoItem {
    pub code: String,
    pub name: String,
    pub effect: VetoEffect,
}

coded_enum! {
    /// Where a component's score comes from.
    pub enum ComponentSource {
        Indicators => ("INDICATORS", "指标实绩", "Indicator results"),
        Entered => ("ENTERED", "直接录入（百分制）", "Entered (out of 100)"),
    }
}

/// 考核构成 | A component of the total with its weight, e.g. 实绩 800 ‰ + 民主测评 200 ‰.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    pub code: String,
    pub name: String,
    /// 权重（千分比） | Weight in thousandths; the components sum to 1000.
    pub weight_permille: u32,
    pub source: ComponentSource,
}

/// The single component of a scheme without weighting: the indicators, 100 %.
pub fn default_components() -> Vec<Component> {
    vec![Component {
        code: "IND".into(),
        name: "实绩考核".into(),
        weight_permille: 1000,
        source: ComponentSource::Indicators,
    }]
}

/// 等次分数线 | Minimum total for each grade but the lowest (default 90 / 80 / 60 [D]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub top: f64,
    pub second: f64,
    pub third: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            top: 90.0,
            second: 80.0,
            third: 60.0,
        }
    }
}

impl Thresholds {
    /// The grade level a total (in hundredths) reaches by the thresholds alone.
    pub fn level_of(&self, total_c: i64) -> u8 {
        if total_c >= centi(self.top) {
            0
        } else if total_c >= centi(self.second) {
            1
        } else if total_c >= centi(self.third) {
            2
        } else {
            LOWEST
        }
    }

    pub fn well_ordered(&self) -> bool {
        self.top > self.second && self.second > self.third && self.third >= 0.0
    }
}

coded_enum! {
    /// 名额取整规则 | How the top-grade quota of n assessees is rounded (BR-D5; floor by default).
    pub enum QuotaRounding {
        Floor => ("FLOOR", "向下取整", "Round down"),
        HalfUp => ("HALF_UP", "四舍五入", "Round half up"),
    }
}

/// 比例上调批准 | A recorded approval to raise the top-grade share up to 25 % (BR-D5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuotaApproval {
    pub share_permille: u32,
    #[serde(default)]
    pub approved_by_org_id: Option<Id>,
    #[serde(default)]
    pub doc: Option<DocRef>,
    #[serde(default)]
    pub reason: String,
}

/// 最高等次比例 | Top-grade quota: at most `share_permille` ‰ of the assessees (200 = 20 %).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopQuota {
    pub share_permille: u32,
    pub rounding: QuotaRounding,
    #[serde(default)]
    pub approval: Option<QuotaApproval>,
}

/// The standard share (20 %) and the most an approval may allow (25 %).
pub const QUOTA_STANDARD_PERMILLE: u32 = 200;
pub const QUOTA_APPROVED_MAX_PERMILLE: u32 = 250;

impl Default for TopQuota {
    fn default() -> Self {
        TopQuota {
            share_permille: QUOTA_STANDARD_PERMILLE,
            rounding: QuotaRounding::Floor,
            approval: None,
        }
    }
}

impl TopQuota {
    /// The share in force: the approved one when an approval is recorded.
    pub fn effective_permille(&self) -> u32 {
        self.approval
            .as_ref()
            .map_or(self.share_permille, |a| a.share_permille)
    }

    /// Places for the top grade among `n` assessees.
    pub fn places(&self, n: usize) -> usize {
        let x = n as u64 * u64::from(self.effective_permille());
        let places = match self.rounding {
            QuotaRounding::Floor => x / 1000,
            QuotaRounding::HalfUp => (x + 500) / 1000,
        };
        places as usize
    }
}

/// 考核对象 | An assessee: a unit, or a person assessed in a unit (the unit the person's bonus
/// share comes from).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Assessee {
    pub org_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<Id>,
}

coded_enum! {
    /// 方案状态 | The scheme's state machine (§4.G).
    pub enum SchemeStatus {
        Draft => ("DRAFT", "草案", "Draft"),
        Published => ("PUBLISHED", "已发布", "Published"),
        Collecting => ("COLLECTING", "数据采集", "Collecting data"),
        Scoring => ("SCORING", "评分", "Scoring"),
        Review => ("REVIEW", "审核公示", "Review and publicity"),
        Final => ("FINAL", "定等", "Grades final"),
        Applied => ("APPLIED", "已运用", "Results applied"),
    }
}

impl SchemeStatus {
    pub fn step(self) -> usize {
        SchemeStatus::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    pub fn next(self) -> Option<SchemeStatus> {
        SchemeStatus::ALL.get(self.step() + 1).copied()
    }

    pub fn previous(self) -> Option<SchemeStatus> {
        self.step()
            .checked_sub(1)
            .and_then(|i| SchemeStatus::ALL.get(i).copied())
    }

    /// Targets, actuals, ratings and component scores may be entered.
    pub fn entries_open(self) -> bool {
        self.step() <= SchemeStatus::Scoring.step()
    }

    /// Veto items and grade overrides may be recorded (up to publicity).
    pub fn grading_open(self) -> bool {
        self.step() <= SchemeStatus::Review.step()
    }

    /// Grades are final: what bonus pools and result use rely on.
    pub fn is_final(self) -> bool {
        self.step() >= SchemeStatus::Final.step()
    }
}

/// 考核方案 | An assessment scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentSchemeData {
    pub year: i32,
    pub title: String,
    /// 考核主体 | The assessing organ (市委 for the county-level scheme, a park's 党工委 inside it).
    #[serde(default)]
    pub assessor_org_id: Option<Id>,
    pub assessee_kind: AssesseeKind,
    /// 所属园区 | The park of a park's own scheme (none for the city's schemes).
    #[serde(default)]
    pub park_id: Option<Id>,
    pub cycle: Cycle,
    #[serde(default)]
    pub assessees: Vec<Assessee>,
    /// 总分 | Total points of the indicator tree (100).
    pub total_points: f64,
    pub components: Vec<Component>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub veto_items: Vec<VetoItem>,
    pub scale: GradeScale,
    pub thresholds: Thresholds,
    /// 最高等次比例 | None: no quota.
    #[serde(default)]
    pub quota: Option<TopQuota>,
    /// 方案文件 | The scheme's document.
    #[serde(default)]
    pub basis: Option<DocRef>,
    pub status: SchemeStatus,
    #[serde(default)]
    pub history: Vec<StateChange>,
}

impl AssessmentSchemeData {
    /// An empty draft for a year and group, with the defaults of Appendix C.
    pub fn draft(year: i32, title: impl Into<String>, kind: AssesseeKind) -> Self {
        AssessmentSchemeData {
            year,
            title: title.into(),
            assessor_org_id: None,
            assessee_kind: kind,
            park_id: None,
            cycle: Cycle::Annual,
            assessees: Vec::new(),
            total_points: 100.0,
            components: default_components(),
            indicators: Vec::new(),
            veto_items: Vec::new(),
            scale: kind.default_scale(),
            thresholds: Thresholds::default(),
            quota: (kind == AssesseeKind::Individual).then(TopQuota::default),
            basis: None,
            status: SchemeStatus::Draft,
            history: Vec::new(),
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators
            .iter()
            .filter(move |i| i.parent.as_deref() == Some(id))
    }

    pub fn is_leaf(&self, id: &str) -> bool {
        self.children(id).next().is_none()
    }

    /// Indicators without children, in tree order (what is scored).
    pub fn leaves(&self) -> Vec<&Indicator> {
        self.tree()
            .into_iter()
            .map(|(_, i)| i)
            .filter(|i| self.is_leaf(&i.id))
            .collect()
    }

    /// Top-level indicators (parent missing or unknown), in order.
    pub fn top_level(&self) -> Vec<&Indicator> {
        self.indicators
            .iter()
            .filter(|i| {
                i.parent
                    .as_ref()
                    .is_none_or(|p| self.indicator(p).is_none())
            })
            .collect()
    }

    /// The indicators depth-first with their depth (0 = top level). An indicator caught in a
    /// parent cycle is left out (the rules report it).
    pub fn tree(&self) -> Vec<(usize, &Indicator)> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        fn walk<'a>(
            s: &'a AssessmentSchemeData,
            i: &'a Indicator,
            depth: usize,
            out: &mut Vec<(usize, &'a Indicator)>,
            seen: &mut std::collections::HashSet<&'a str>,
        ) {
            if !seen.insert(i.id.as_str()) || depth > 8 {
                return;
            }
            out.push((depth, i));
            for c in s.children(&i.id) {
                walk(s, c, depth + 1, out, seen);
            }
        }
        for t in self.top_level() {
            walk(self, t, 0, &mut out, &mut seen);
        }
        out
    }

    /// The leaves under an indicator (itself when it is a leaf).
    pub fn leaves_under(&self, id: &str) -> Vec<&Indicator> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        let mut guard = 0;
        while let Some(x) = stack.pop() {
            guard += 1;
            if guard > 10_000 {
                break;
            }
            let kids: Vec<&Indicator> = self.children(x).collect();
            if kids.is_empty() {
                if let Some(i) = self.indicator(x) {
                    out.push(i);
                }
            } else {
                stack.extend(kids.iter().rev().map(|k| k.id.as_str()));
            }
        }
        out
    }

    /// Points of an indicator counted towards the total (bonus items count nothing).
    fn counted(&self, i: &Indicator) -> i64 {
        if self.is_leaf(&i.id) {
            if i.method == ScoringMethod::BonusItem {
                0
            } else {
                centi(i.points)
            }
        } else {
            self.children(&i.id).map(|c| self.counted(c)).sum()
        }
    }

    /// BR-D3: every parent's points equal its children's sum, the top level sums to the total;
    /// bonus items stay outside the sums. Each problem names the indicator (or none for the total).
    pub fn points_problems(&self) -> Vec<(Option<String>, Text)> {
        let mut out = Vec::new();
        if self.indicators.is_empty() {
            out.push((
                None,
                Text::new("方案还没有指标", "The scheme has no indicators yet"),
            ));
            return out;
        }
        let listed: usize = self.tree().len();
        if listed < self.indicators.len() {
            out.push((
                None,
                Text::new(
                    "指标的上下级关系有循环，请检查上级指标",
                    "Indicator parents form a cycle; check the parent of each indicator",
                ),
            ));
            return out;
        }
        for i in &self.indicators {
            if not_positive(i.points) {
                out.push((
                    Some(i.id.clone()),
                    Text::new(
                        format!("指标“{}”的分值须大于 0", i.name),
                        format!("Indicator “{}” needs points above 0", i.name),
                    ),
                ));
            }
            if self.is_leaf(&i.id) {
                continue;
            }
            let kids: i64 = self.children(&i.id).map(|c| self.counted(c)).sum();
            if kids != centi(i.points) {
                out.push((
                    Some(i.id.clone()),
                    Text::new(
                        format!(
                            "指标“{}”的分值 {} 不等于下级指标之和 {}",
                            i.name,
                            scoring::centi_text(centi(i.points)),
                            scoring::centi_text(kids)
                        ),
                        format!(
                            "Indicator “{}” has {} points but its sub-indicators add up to {}",
                            i.name,
                            scoring::centi_text(centi(i.points)),
                            scoring::centi_text(kids)
                        ),
                    ),
                ));
            }
        }
        let top: i64 = self.top_level().iter().map(|i| self.counted(i)).sum();
        if top != centi(self.total_points) {
            out.push((
                None,
                Text::new(
                    format!(
                        "一级指标分值合计 {}，不等于总分 {}",
                        scoring::centi_text(top),
                        scoring::centi_text(centi(self.total_points))
                    ),
                    format!(
                        "Top-level indicators add up to {}, not the total of {}",
                        scoring::centi_text(top),
                        scoring::centi_text(centi(self.total_points))
                    ),
                ),
            ));
        }
        out
    }

    /// Points of the top-level indicators by category (BR-A1's indicator part).
    pub fn points_by(&self, keep: impl Fn(IndicatorCategory) -> bool) -> i64 {
        self.top_level()
            .iter()
            .filter(|i| keep(i.category))
            .map(|i| self.counted(i))
            .sum()
    }

    /// Everything that stops publishing (BR-D3 and the scheme's own consistency).
    pub fn publish_problems(&self) -> Vec<Text> {
        let mut out: Vec<Text> = self.points_problems().into_iter().map(|p| p.1).collect();
        let weights: u32 = self.components.iter().map(|c| c.weight_permille).sum();
        if weights != 1000 {
            out.push(Text::new(
                format!("构成权重合计 {weights}‰，须为 1000‰（100%）"),
                format!("Component weights add up to {weights}‰; they must make 1000‰ (100%)"),
            ));
        }
        let ind = self
            .components
            .iter()
            .filter(|c| c.source == ComponentSource::Indicators)
            .count();
        if ind != 1 {
            out.push(Text::new(
                "须有且只有一个“指标实绩”构成",
                "There must be exactly one component made of the indicator results",
            ));
        }
        if !self.thresholds.well_ordered() {
            out.push(Text::new(
                "等次分数线须由高到低（如 90 / 80 / 60）",
                "Grade thresholds must decrease (e.g. 90 / 80 / 60)",
            ));
        }
        if self.assessees.is_empty() {
            out.push(Text::new("还没有考核对象", "There are no assessees yet"));
        }
        for i in self.leaves() {
            if let Some(p) = i.method.problem() {
                out.push(Text::new(
                    format!("指标“{}”：{}", i.name, p.zh),
                    format!("Indicator “{}”: {}", i.name, p.en),
                ));
            }
        }
        out
    }

    /// The structure a published scheme keeps (everything but the quota, title, basis and the
    /// state): what the editor may change only in 草案.
    pub fn same_structure(&self, other: &AssessmentSchemeData) -> bool {
        self.year == other.year
            && self.assessor_org_id == other.assessor_org_id
            && self.assessee_kind == other.assessee_kind
            && self.park_id == other.park_id
            && self.cycle == other.cycle
            && self.assessees == other.assessees
            && self.total_points == other.total_points
            && self.components == other.components
            && self.indicators == other.indicators
            && self.veto_items == other.veto_items
            && self.scale == other.scale
            && self.thresholds == other.thresholds
    }

    /// The next free local indicator id ("i1", "i2", …).
    pub fn next_indicator_id(&self) -> String {
        let n = self
            .indicators
            .iter()
            .filter_map(|i| i.id.strip_prefix('i').and_then(|x| x.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        format!("i{}", n + 1)
    }
}

/// 指标实绩 | What was entered for one indicator of one assessee: the target (目标责任书), the
/// actual (or the deductions / bonus points / events counted), the rating, and a note (事由,
/// 佐证).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub indicator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A component score entered directly (out of 100), e.g. 民主测评.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentScore {
    pub component: String,
    pub score: f64,
}

/// 等次调整 | A manual grade with its reason (quota, veto, committee decision).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeOverride {
    pub level: u8,
    pub reason: String,
}

/// 考核记录 | One assessee's entries in one scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentResultData {
    pub scheme_id: Id,
    pub assessee: Assessee,
    #[serde(default)]
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub component_scores: Vec<ComponentScore>,
    /// 触发否决项 | Codes of the veto items triggered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoed_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade_override: Option<GradeOverride>,
}

impl AssessmentResultData {
    pub fn new(scheme_id: impl Into<Id>, assessee: Assessee) -> Self {
        AssessmentResultData {
            scheme_id: scheme_id.into(),
            assessee,
            entries: Vec::new(),
            component_scores: Vec::new(),
            vetoed_by: Vec::new(),
            grade_override: None,
        }
    }

    pub fn entry(&self, indicator: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.indicator == indicator)
    }

    /// The entry of an indicator, created empty when missing.
    pub fn entry_mut(&mut self, indicator: &str) -> &mut Entry {
        if let Some(i) = self.entries.iter().position(|e| e.indicator == indicator) {
            &mut self.entries[i]
        } else {
            self.entries.push(Entry {
                indicator: indicator.to_string(),
                ..Entry::default()
            });
            let last = self.entries.len() - 1;
            &mut self.entries[last]
        }
    }

    pub fn component_score(&self, code: &str) -> Option<f64> {
        self.component_scores
            .iter()
            .find(|c| c.component == code)
            .map(|c| c.score)
    }

    /// Sets (or clears) an entered component score.
    pub fn set_component_score(&mut self, code: &str, score: Option<f64>) {
        self.component_scores.retain(|c| c.component != code);
        if let Some(s) = score {
            self.component_scores.push(ComponentScore {
                component: code.to_string(),
                score: s,
            });
        }
    }

    /// The entered fields (what 定等 locks), without veto and override.
    pub fn same_entries(&self, other: &AssessmentResultData) -> bool {
        self.scheme_id == other.scheme_id
            && self.assessee == other.assessee
            && self.entries == other.entries
            && self.component_scores == other.component_scores
    }
}

/// One step of a scheme's state machine.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeStep {
    pub to: SchemeStatus,
    pub on: NaiveDate,
    pub reason: String,
}

/// What the guards of a step need to know beyond the scheme (computed by the caller from the
/// workspace): assessees still without a complete result, and top grades over the quota.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepFacts {
    pub incomplete: usize,
    pub over_quota: usize,
}

/// Applies a step: forward one state at a time, back one state with a reason; publishing needs
/// the points to add up (BR-D3) and the scheme to be complete; review needs every assessee
/// scored; 定等 needs the quota kept (BR-D5). Appends the history.
pub fn apply_step(
    before: &AssessmentSchemeData,
    step: &SchemeStep,
    facts: &StepFacts,
    today: NaiveDate,
    at: Timestamp,
    office: &str,
) -> Result<AssessmentSchemeData, Text> {
    let (from, to) = (before.status, step.to);
    let forward = from.next() == Some(to);
    let back = from.previous() == Some(to);
    if !forward && !back {
        return Err(Text::new(
            format!(
                "考核方案须逐步推进：不能从“{}”直接变为“{}”",
                from.zh(),
                to.zh()
            ),
            format!(
                "A scheme moves one step at a time: cannot go from “{}” straight to “{}”",
                from.en(),
                to.en()
            ),
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
    if back && reason.is_empty() {
        return Err(Text::new(
            format!("退回“{}”须写明理由", to.zh()),
            format!("Going back to “{}” needs a reason", to.en()),
        ));
    }
    if forward {
        match to {
            SchemeStatus::Published => {
                let problems = before.publish_problems();
                if let Some(first) = problems.first() {
                    let more = problems.len() - 1;
                    return Err(if more == 0 {
                        Text::new(
                            format!("不能发布：{}", first.zh),
                            format!("Cannot publish: {}", first.en),
                        )
                    } else {
                        Text::new(
                            format!("不能发布：{}（另有 {more} 处问题）", first.zh),
                            format!("Cannot publish: {} (and {more} more problems)", first.en),
                        )
                    });
                }
            }
            SchemeStatus::Review if facts.incomplete > 0 => {
                return Err(Text::new(
                    format!(
                        "还有 {} 个考核对象的实绩未录全，不能进入审核公示",
                        facts.incomplete
                    ),
                    format!(
                        "{} assessees still have incomplete entries; review cannot start",
                        facts.incomplete
                    ),
                ));
            }
            SchemeStatus::Final if facts.over_quota > 0 => {
                return Err(Text::new(
                    format!(
                        "最高等次超出比例 {} 名，不能定等（BR-D5）",
                        facts.over_quota
                    ),
                    format!(
                        "{} top grades over the quota; grades cannot be made final (BR-D5)",
                        facts.over_quota
                    ),
                ));
            }
            _ => {}
        }
    }
    let mut after = before.clone();
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
