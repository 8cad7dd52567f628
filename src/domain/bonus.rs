//! 目标管理奖金分配 | The bonus pool of a park and year and its allocation proposal (report S6.2
//! "收入分配与工作实绩相挂钩", S6.3 "奖金着重向优秀人员和关键岗位倾斜……特殊贡献特殊奖励";
//! shared/domain.md §6.5, BR-D6..D8).
//!
//! **An allocation proposal, not a pay policy.** Civil-servant bonuses and performance pay are
//! regulated nationally and provincially; the app computes a proposal for a locally approved
//! target-management reward from the assessment results (§6.5 caution). It says so on screen.
//!
//! Money is integer fen (i64) throughout; coefficients are integer thousandths (1.3 → 1300), so
//! every share is an exact fraction and the split is exact:
//!
//! - P = pool, S = Σ special awards (outside the formula, each with reason and approving organ,
//!   S ≤ 10 % of P by default, BR-D8), distributable P' = P − S.
//! - Two-level: unit weight = k_u × H_u, with k_u the unit's grade coefficient and H_u its
//!   eligible person-months (headcount weighted by months served); then inside the unit person
//!   weight = g × p × m (grade coefficient × post coefficient incl. the key-post tilt × months
//!   served in the year). Single-level: person weights over P' directly.
//! - Optional cap: no one above `max_to_mean` × the mean of their group (the unit in the
//!   two-level method, everyone in the single-level one); what is cut goes to the others in
//!   proportion to their weights (water-filling, exact).
//! - **Whole yuan, remainder rule** ([`apportion`]): each share is floored to whole yuan, the
//!   yuan left over go one each to the largest fractional remainders (ties: the higher-ranked
//!   first) — or, if configured, all to the highest-ranked recipient; the fen below one yuan (a
//!   pool or unit share that is not whole yuan) go to the highest-ranked recipient. Units rank by
//!   grade then total score; people by grade, total score, then staff number.
//! - Months served: a month counts when on its 15th the person worked (roster status 在职 or
//!   借调进入) or held a post by appointment (半月规则). Post coefficient: the best of the posts
//!   held by appointment on those days (正科 1.3, 副科 1.15, 股级 1.05, others 1.0 — plus 正处
//!   1.5 and 副处 1.4, our extension [D]); key post (关键岗位) adds `key_post_bonus` (0.2).
//!
//! So the allocations always add up to the pool to the fen: Σ people + Σ special awards (+ what
//! no one could receive, shown apart) = P.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::assessment::{Assessee, LEVELS};
use super::assessment_results::{Graded, Outcomes};
use super::meta::{DocRef, Id};
use super::org::ParkSystems;
use super::person::PersonStatus;
use super::staffing::PostRank;
use super::text::Text;
use super::workspace::Workspace;
use crate::coded_enum;

coded_enum! {
    /// 分配方法 | Allocation method.
    pub enum AllocationMethod {
        TwoLevel => ("TWO_LEVEL", "两级分配（单位→个人）", "Two-level (unit, then person)"),
        SingleLevel => ("SINGLE_LEVEL", "一级分配（直接到人）", "Single-level (to persons directly)"),
    }
}

coded_enum! {
    /// 取整余数规则 | Where the yuan left over by rounding go.
    pub enum RemainderRule {
        LargestRemainder => ("LARGEST_REMAINDER", "最大余数法（余额逐元分给小数部分最大者）", "Largest remainder"),
        ToHighestRanked => ("TO_HIGHEST_RANKED", "余额归排名第一者", "All to the highest ranked"),
    }
}

coded_enum! {
    /// 奖金池状态 | Status of a pool.
    pub enum PoolStatus {
        Draft => ("DRAFT", "草案", "Draft"),
        Submitted => ("SUBMITTED", "报批", "Submitted for approval"),
        Publicised => ("PUBLICISED", "公示", "Publicised"),
        Paid => ("PAID", "已发放", "Paid"),
    }
}

/// 职务系数 | Post coefficient of a rank, in thousandths.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostCoef {
    pub rank: PostRank,
    pub permille: u32,
}

/// 特殊贡献奖 | A special award outside the formula (S6.3), to a person or a unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpecialAward {
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default)]
    pub org_id: Option<Id>,
    pub amount_fen: i64,
    pub reason: String,
    #[serde(default)]
    pub approved_by_org_id: Option<Id>,
    #[serde(default)]
    pub basis: Option<DocRef>,
}

/// One person's amount in a unit's own distribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAmount {
    pub person_id: Id,
    pub amount_fen: i64,
}

/// 单位自行分配 | A unit's own split of its share, replacing the proposal inside the unit (it
/// must add up to the unit's share; equal amounts despite different grades are flagged, BR-D6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitDistribution {
    pub org_id: Id,
    pub amounts: Vec<PersonAmount>,
}

/// 目标管理奖金池 | A park's bonus pool of a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BonusPoolData {
    pub park_id: Id,
    pub year: i32,
    pub title: String,
    /// 总额（分） | Total in fen.
    pub total_fen: i64,
    pub method: AllocationMethod,
    /// Schemes giving the unit grades (internal bodies, entrusted bodies, the park leadership).
    #[serde(default)]
    pub unit_scheme_ids: Vec<Id>,
    /// Schemes giving the persons' grades.
    #[serde(default)]
    pub person_scheme_ids: Vec<Id>,
    /// 单位等次系数 | By grade level, best first (‰): 1.2 / 1.0 / 0.8 / 0.5.
    pub unit_grade_permille: Vec<u32>,
    /// 个人等次系数 | By grade level (‰): 1.3 / 1.0 / 0.5 / 0.
    pub person_grade_permille: Vec<u32>,
    /// 职务系数 | By rank (‰); ranks not listed count 1.0.
    pub post_permille: Vec<PostCoef>,
    /// 关键岗位加成 | Added to the post coefficient of a key post (‰, 0.2 → 200).
    pub key_post_bonus_permille: u32,
    /// 最高/平均上限 | Max individual ÷ mean (‰, 3.0 → 3000); None: no cap.
    #[serde(default)]
    pub max_to_mean_permille: Option<u32>,
    pub remainder: RemainderRule,
    /// 特殊奖励上限 | Special awards at most this share of the pool (‰, 10 % → 100).
    pub special_cap_permille: u32,
    #[serde(default)]
    pub special_awards: Vec<SpecialAward>,
    #[serde(default)]
    pub unit_distributions: Vec<UnitDistribution>,
    #[serde(default)]
    pub basis: Option<DocRef>,
    pub status: PoolStatus,
}

/// The default post coefficients (Appendix C, with 正处/副处 added [D]).
pub fn default_post_coefs() -> Vec<PostCoef> {
    [
        (PostRank::DivisionChief, 1500),
        (PostRank::DeputyDivisionChief, 1400),
        (PostRank::SectionChief, 1300),
        (PostRank::DeputySectionChief, 1150),
        (PostRank::UnitHead, 1050),
    ]
    .into_iter()
    .map(|(rank, permille)| PostCoef { rank, permille })
    .collect()
}

impl BonusPoolData {
    /// A draft with the defaults of Appendix C.
    pub fn draft(park_id: impl Into<Id>, year: i32, total_fen: i64) -> Self {
        BonusPoolData {
            park_id: park_id.into(),
            year,
            title: format!("{year}年度目标管理奖金"),
            total_fen,
            method: AllocationMethod::TwoLevel,
            unit_scheme_ids: Vec::new(),
            person_scheme_ids: Vec::new(),
            unit_grade_permille: vec![1200, 1000, 800, 500],
            person_grade_permille: vec![1300, 1000, 500, 0],
            post_permille: default_post_coefs(),
            key_post_bonus_permille: 200,
            max_to_mean_permille: Some(3000),
            remainder: RemainderRule::LargestRemainder,
            special_cap_permille: 100,
            special_awards: Vec::new(),
            unit_distributions: Vec::new(),
            basis: None,
            status: PoolStatus::Draft,
        }
    }

    pub fn special_fen(&self) -> i64 {
        self.special_awards
            .iter()
            .map(|a| a.amount_fen.max(0))
            // Saturating: an overflowing sum stays above any pool and the rules still block.
            .fold(0i64, i64::saturating_add)
    }

    /// The post coefficient of a rank (‰).
    pub fn post_coef(&self, rank: Option<PostRank>) -> u32 {
        rank.and_then(|r| self.post_permille.iter().find(|c| c.rank == r))
            .map_or(1000, |c| c.permille)
    }

    fn coef(list: &[u32], level: u8) -> u32 {
        list.get(usize::from(level)).copied().unwrap_or(0)
    }

    /// BR-D7: the tilt configuration's problems (grade coefficients strictly decreasing, the
    /// lowest person grade 0, a non-negative key-post bonus, a cap of at least the mean).
    pub fn tilt_problems(&self) -> Vec<(&'static str, Text)> {
        let mut out = Vec::new();
        let strictly_down =
            |v: &[u32]| v.len() == usize::from(LEVELS) && v.windows(2).all(|w| w[0] > w[1]);
        if !strictly_down(&self.unit_grade_permille) {
            out.push((
                "unit_grade_permille",
                Text::new(
                    "单位等次系数须从高等次到低等次严格递减（共四档）",
                    "Unit grade coefficients must strictly decrease from the best grade to the worst (four grades)",
                ),
            ));
        }
        if !strictly_down(&self.person_grade_permille) {
            out.push((
                "person_grade_permille",
                Text::new(
                    "个人等次系数须从高等次到低等次严格递减（共四档）",
                    "Person grade coefficients must strictly decrease from the best grade to the worst (four grades)",
                ),
            ));
        }
        if self.person_grade_permille.last().is_some_and(|x| *x != 0) {
            out.push((
                "person_grade_permille",
                Text::new(
                    "最低等次（不称职/不合格）的个人系数须为 0",
                    "The lowest person grade (incompetent / unqualified) must have coefficient 0",
                ),
            ));
        }
        if self.post_permille.iter().any(|c| c.permille < 1000) {
            out.push((
                "post_permille",
                Text::new(
                    "职务系数不能低于普通岗位的 1.0",
                    "Post coefficients cannot be below the ordinary 1.0",
                ),
            ));
        }
        if self.max_to_mean_permille.is_some_and(|c| c < 1000) {
            out.push((
                "max_to_mean_permille",
                Text::new(
                    "最高/平均上限不能低于 1.0",
                    "The max-to-mean cap cannot be below 1.0",
                ),
            ));
        }
        out
    }
}

/// Splits `total_fen` among recipients in proportion to `weights` (index 0 = highest ranked):
/// exact, whole yuan each, with the remainder rule of the module comment and the optional cap
/// (‰ of the mean). The amounts add up to `total_fen` whenever some weight is positive; with no
/// positive weight (or a total of zero or less) everyone gets 0.
pub fn apportion(
    total_fen: i64,
    weights: &[u128],
    cap_permille: Option<u32>,
    rule: RemainderRule,
) -> Vec<i64> {
    apportion_capped(total_fen, weights, cap_permille, rule).0
}

/// [`apportion`], also telling who was held back by the cap.
pub fn apportion_capped(
    total_fen: i64,
    weights: &[u128],
    cap_permille: Option<u32>,
    rule: RemainderRule,
) -> (Vec<i64>, Vec<bool>) {
    let len = weights.len();
    let mut out = vec![0i64; len];
    let Some(first) = weights.iter().position(|w| *w > 0) else {
        return (out, vec![false; len]);
    };
    if total_fen <= 0 {
        return (out, vec![false; len]);
    }
    let yuan = i128::from(total_fen / 100);
    let fen = total_fen % 100;
    let n = weights.iter().filter(|w| **w > 0).count() as i128;
    let w: Vec<i128> = weights.iter().map(|w| *w as i128).collect();
    // Water-filling under the cap C = r × B / (1000 n), in integers scaled by 1000 n.
    let cap = cap_permille.filter(|c| *c >= 1000).map(i128::from);
    let mut capped = vec![false; len];
    if let Some(r) = cap {
        loop {
            let s = capped.iter().filter(|c| **c).count() as i128;
            let w_u: i128 = (0..len).filter(|i| !capped[*i]).map(|i| w[i]).sum();
            if w_u == 0 {
                break;
            }
            let rest = yuan * 1000 * n - s * r * yuan;
            let newly: Vec<usize> = (0..len)
                .filter(|i| !capped[*i] && w[*i] > 0 && rest * w[*i] > r * yuan * w_u)
                .collect();
            if newly.is_empty() {
                break;
            }
            for i in newly {
                capped[i] = true;
            }
        }
    }
    let s = capped.iter().filter(|c| **c).count() as i128;
    let w_u: i128 = (0..len).filter(|i| !capped[*i]).map(|i| w[i]).sum();
    let (nums, den): (Vec<i128>, i128) = match cap {
        Some(r) if s > 0 && w_u > 0 => {
            let rest = yuan * 1000 * n - s * r * yuan;
            (
                (0..len)
                    .map(|i| {
                        if capped[i] {
                            r * yuan * w_u
                        } else {
                            rest * w[i]
                        }
                    })
                    .collect(),
                1000 * n * w_u,
            )
        }
        _ => {
            let total_w: i128 = w.iter().sum();
            (w.iter().map(|x| x * yuan).collect(), total_w)
        }
    };
    let mut floors: Vec<i128> = nums.iter().map(|x| x / den).collect();
    let given: i128 = floors.iter().sum();
    let mut left = yuan - given;
    match rule {
        RemainderRule::LargestRemainder => {
            let mut order: Vec<usize> = (0..len).filter(|i| w[*i] > 0).collect();
            order.sort_by(|a, b| (nums[*b] % den).cmp(&(nums[*a] % den)).then(a.cmp(b)));
            for i in order {
                if left <= 0 {
                    break;
                }
                floors[i] += 1;
                left -= 1;
            }
        }
        RemainderRule::ToHighestRanked => {
            floors[first] += left.max(0);
        }
    }
    for i in 0..len {
        out[i] = (floors[i] * 100) as i64;
    }
    out[first] += fen;
    (out, capped)
}

/// Months of `year` served (1–12) by the 15th-day rule, and the best post held on those days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub months: u8,
    pub rank: Option<PostRank>,
    pub key_post: bool,
}

fn fifteenths(year: i32) -> Vec<NaiveDate> {
    (1..=12)
        .filter_map(|m| NaiveDate::from_ymd_opt(year, m, 15))
        .collect()
}

/// Service of every person in `persons` in `year`, read from placements and appointments once.
pub fn service(
    ws: &Workspace,
    outcomes: &Outcomes,
    persons: &HashSet<&str>,
    year: i32,
    pool: &BonusPoolData,
) -> HashMap<Id, Service> {
    let days = fifteenths(year);
    let mut out = HashMap::new();
    for pid in persons {
        let Some(p) = ws.persons.live(pid) else {
            continue;
        };
        let mine: Vec<&super::appointment::AppointmentData> = outcomes
            .appointments
            .get(*pid)
            .into_iter()
            .flatten()
            .filter_map(|id| ws.appointments.live(id).map(|a| &a.data))
            .collect();
        let mut months = 0u8;
        let mut best: Option<(u32, PostRank)> = None;
        let mut key = false;
        for d in &days {
            let working = p.data.placement_on(*d).is_some_and(|pl| {
                matches!(pl.status, PersonStatus::Active | PersonStatus::SecondedIn)
            });
            let mut held = false;
            for a in mine.iter().filter(|a| a.in_office_on(*d)) {
                if let Some(post) = ws.posts.live(&a.post_id) {
                    held = true;
                    key |= post.data.is_key_post;
                    let c = pool.post_coef(Some(post.data.rank));
                    if best.is_none_or(|(b, _)| c > b) {
                        best = Some((c, post.data.rank));
                    }
                }
            }
            if working || held {
                months += 1;
            }
        }
        out.insert(
            (*pid).to_string(),
            Service {
                months,
                rank: best.map(|b| b.1),
                key_post: key,
            },
        );
    }
    out
}

/// One unit's share (two-level method).
#[derive(Clone, Debug, PartialEq)]
pub struct UnitShare {
    pub org_id: Id,
    pub level: u8,
    pub coef_permille: u32,
    /// Eligible person-months (H_u × 12).
    pub person_months: u32,
    pub weight: u128,
    pub amount_fen: i64,
    /// The unit's own distribution is used (it adds up to the share).
    pub own_distribution: bool,
}

/// One person's line.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonShare {
    pub person_id: Id,
    pub org_id: Id,
    pub level: u8,
    pub total_c: i64,
    pub grade_permille: u32,
    pub rank: Option<PostRank>,
    pub key_post: bool,
    /// Post coefficient with the key-post tilt (‰).
    pub post_permille: u32,
    pub months: u8,
    pub weight: u128,
    /// The formula's proposal.
    pub formula_fen: i64,
    /// The unit's own figure, when it distributed its share itself.
    pub own_fen: Option<i64>,
    pub special_fen: i64,
    /// Held back by the cap to the mean.
    pub capped: bool,
}

impl PersonShare {
    /// What the person receives: the unit's own figure or the proposal, plus special awards.
    pub fn total_fen(&self) -> i64 {
        self.own_fen
            .unwrap_or(self.formula_fen)
            .saturating_add(self.special_fen)
    }
}

/// Someone left out of the formula, with the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Excluded {
    pub person_id: Option<Id>,
    pub org_id: Option<Id>,
    pub reason: Text,
}

/// The allocation proposal of a pool.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Allocation {
    pub pool_fen: i64,
    pub special_fen: i64,
    pub distributable_fen: i64,
    pub units: Vec<UnitShare>,
    pub persons: Vec<PersonShare>,
    /// Special awards to units (not to a person's line), by org.
    pub unit_specials: Vec<(Id, i64)>,
    /// What no one could receive (no eligible recipient), shown apart.
    pub undistributed_fen: i64,
    pub excluded: Vec<Excluded>,
}

impl Allocation {
    /// Everything allocated: people, unit specials and the undistributed rest. Equals the pool.
    pub fn sum_fen(&self) -> i64 {
        self.persons
            .iter()
            .map(PersonShare::total_fen)
            .chain(self.unit_specials.iter().map(|u| u.1))
            .fold(self.undistributed_fen, i64::saturating_add)
    }
}

/// A person of the pool with what ranks them.
struct Candidate {
    person_id: Id,
    org_id: Id,
    g: Graded,
    staff_no: String,
}

/// Computes the allocation proposal of a pool (see the module comment).
pub fn allocate(ws: &Workspace, pool: &BonusPoolData) -> Allocation {
    allocate_with(ws, pool, &Outcomes::of(ws))
}

/// [`allocate`] with the schemes already evaluated (the rules and the UI evaluate once).
pub fn allocate_with(ws: &Workspace, pool: &BonusPoolData, outcomes: &Outcomes) -> Allocation {
    let special = pool.special_fen();
    let distributable = pool.total_fen.saturating_sub(special).max(0);
    let mut a = Allocation {
        pool_fen: pool.total_fen,
        special_fen: special,
        distributable_fen: distributable,
        ..Allocation::default()
    };
    // Persons with a final grade in the person schemes.
    let person_grades = outcomes.grades(&pool.person_scheme_ids);
    let mut cands: Vec<Candidate> = person_grades
        .into_iter()
        .filter_map(|(asse, g)| {
            let pid = asse.person_id?;
            let staff_no = ws
                .persons
                .live(&pid)
                .map(|p| p.data.staff_no.clone())
                .unwrap_or_default();
            Some(Candidate {
                person_id: pid,
                org_id: asse.org_id,
                g,
                staff_no,
            })
        })
        .collect();
    cands.sort_by(|x, y| {
        x.g.level
            .cmp(&y.g.level)
            .then(y.g.total_c.cmp(&x.g.total_c))
            .then(x.staff_no.cmp(&y.staff_no))
            .then(x.person_id.cmp(&y.person_id))
    });
    let ids: HashSet<&str> = cands.iter().map(|c| c.person_id.as_str()).collect();
    let served = service(ws, outcomes, &ids, pool.year, pool);
    let line = |c: &Candidate| -> PersonShare {
        let s = served.get(&c.person_id).cloned().unwrap_or(Service {
            months: 0,
            rank: None,
            key_post: false,
        });
        let g = BonusPoolData::coef(&pool.person_grade_permille, c.g.level);
        let p = pool.post_coef(s.rank)
            + if s.key_post {
                pool.key_post_bonus_permille
            } else {
                0
            };
        PersonShare {
            person_id: c.person_id.clone(),
            org_id: c.org_id.clone(),
            level: c.g.level,
            total_c: c.g.total_c,
            grade_permille: g,
            rank: s.rank,
            key_post: s.key_post,
            post_permille: p,
            months: s.months,
            weight: u128::from(g) * u128::from(p) * u128::from(s.months),
            formula_fen: 0,
            own_fen: None,
            special_fen: 0,
            capped: false,
        }
    };
    match pool.method {
        AllocationMethod::SingleLevel => {
            let mut lines: Vec<PersonShare> = cands.iter().map(line).collect();
            split(&mut lines, distributable, pool, &mut a);
            a.persons = lines;
        }
        AllocationMethod::TwoLevel => {
            // Graded units of the park (on the year's last day).
            let systems = ParkSystems::on(
                ws,
                NaiveDate::from_ymd_opt(pool.year, 12, 31).unwrap_or_default(),
            );
            let unit_grades = outcomes.grades(&pool.unit_scheme_ids);
            let mut units: Vec<(Assessee, Graded)> = unit_grades
                .into_iter()
                .filter(|(u, _)| u.person_id.is_none())
                .filter(|(u, _)| systems.park_of(&u.org_id) == Some(&pool.park_id))
                .collect();
            units.sort_by(|x, y| {
                x.1.level
                    .cmp(&y.1.level)
                    .then(y.1.total_c.cmp(&x.1.total_c))
                    .then(x.0.org_id.cmp(&y.0.org_id))
            });
            let unit_ids: HashSet<&str> = units.iter().map(|u| u.0.org_id.as_str()).collect();
            let mut by_unit: HashMap<&str, Vec<PersonShare>> = HashMap::new();
            for c in &cands {
                if unit_ids.contains(c.org_id.as_str()) {
                    by_unit.entry(c.org_id.as_str()).or_default().push(line(c));
                } else {
                    a.excluded.push(Excluded {
                        person_id: Some(c.person_id.clone()),
                        org_id: Some(c.org_id.clone()),
                        reason: Text::new(
                            "所在单位在本奖金池中没有考核等次",
                            "The person's unit has no grade in this pool",
                        ),
                    });
                }
            }
            let mut shares: Vec<UnitShare> = units
                .iter()
                .map(|(u, g)| {
                    let months: u32 = by_unit
                        .get(u.org_id.as_str())
                        .map(|v| {
                            v.iter()
                                .filter(|p| p.weight > 0)
                                .map(|p| u32::from(p.months))
                                .sum()
                        })
                        .unwrap_or(0);
                    let k = BonusPoolData::coef(&pool.unit_grade_permille, g.level);
                    UnitShare {
                        org_id: u.org_id.clone(),
                        level: g.level,
                        coef_permille: k,
                        person_months: months,
                        weight: u128::from(k) * u128::from(months),
                        amount_fen: 0,
                        own_distribution: false,
                    }
                })
                .collect();
            let weights: Vec<u128> = shares.iter().map(|u| u.weight).collect();
            let amounts = apportion(distributable, &weights, None, pool.remainder);
            if weights.iter().all(|w| *w == 0) {
                a.undistributed_fen += distributable;
            }
            for (u, amt) in shares.iter_mut().zip(amounts) {
                u.amount_fen = amt;
            }
            for u in &mut shares {
                let mut lines = by_unit.remove(u.org_id.as_str()).unwrap_or_default();
                let mut sub = Allocation::default();
                split(&mut lines, u.amount_fen, pool, &mut sub);
                a.undistributed_fen += sub.undistributed_fen;
                // The unit's own distribution replaces the proposal when it adds up.
                if let Some(own) = pool
                    .unit_distributions
                    .iter()
                    .find(|d| d.org_id == u.org_id)
                    && own_fits(own, &lines, u.amount_fen)
                {
                    u.own_distribution = true;
                    for l in &mut lines {
                        l.own_fen = own
                            .amounts
                            .iter()
                            .find(|x| x.person_id == l.person_id)
                            .map(|x| x.amount_fen);
                    }
                }
                a.persons.extend(lines);
            }
            a.units = shares;
        }
    }
    // Special awards: on the person's line (a new line when the person has none), or to a unit.
    for s in &pool.special_awards {
        let amount = s.amount_fen.max(0);
        if let Some(pid) = &s.person_id {
            if let Some(l) = a.persons.iter_mut().find(|l| &l.person_id == pid) {
                l.special_fen += amount;
            } else {
                a.persons.push(PersonShare {
                    person_id: pid.clone(),
                    org_id: s.org_id.clone().unwrap_or_default(),
                    level: LEVELS,
                    total_c: 0,
                    grade_permille: 0,
                    rank: None,
                    key_post: false,
                    post_permille: 0,
                    months: 0,
                    weight: 0,
                    formula_fen: 0,
                    own_fen: None,
                    special_fen: amount,
                    capped: false,
                });
            }
        } else {
            a.unit_specials
                .push((s.org_id.clone().unwrap_or_default(), amount));
        }
    }
    // Special awards beyond the pool cannot be paid from it: shown as a negative rest.
    if special > pool.total_fen {
        a.undistributed_fen = a
            .undistributed_fen
            .saturating_sub(special - pool.total_fen.max(0));
    }
    if pool.total_fen < 0 {
        a.undistributed_fen = a.undistributed_fen.saturating_add(pool.total_fen);
    }
    a
}

/// Whether a unit's own distribution covers its people exactly and adds up to its share.
pub fn own_fits(own: &UnitDistribution, lines: &[PersonShare], share_fen: i64) -> bool {
    let people: HashSet<&str> = lines.iter().map(|l| l.person_id.as_str()).collect();
    own.amounts
        .iter()
        .all(|x| people.contains(x.person_id.as_str()) && x.amount_fen >= 0)
        && own
            .amounts
            .iter()
            .try_fold(0i64, |a, x| a.checked_add(x.amount_fen))
            == Some(share_fen)
}

/// Splits `budget` over the lines (already in rank order) by their weights with the pool's cap
/// and remainder rule; marks the capped ones.
fn split(lines: &mut [PersonShare], budget: i64, pool: &BonusPoolData, out: &mut Allocation) {
    let weights: Vec<u128> = lines.iter().map(|l| l.weight).collect();
    if weights.iter().all(|w| *w == 0) {
        out.undistributed_fen += budget.max(0);
        return;
    }
    let (amounts, capped) =
        apportion_capped(budget, &weights, pool.max_to_mean_permille, pool.remainder);
    for ((l, amt), c) in lines.iter_mut().zip(amounts).zip(capped) {
        l.formula_fen = amt;
        l.capped = c;
    }
}

/// Amounts that differ by at most this much count as "the same" for BR-D6: an equal split of a
/// share that does not divide evenly leaves a fen here and there.
pub const EQUAL_WITHIN_FEN: i64 = 100;

/// BR-D6 平均分配: units whose people all get the same amount (within ¥1; proposal or own
/// figures) while their grades differ.
pub fn equal_shares_despite_grades(a: &Allocation) -> Vec<Id> {
    let mut by_unit: HashMap<&str, Vec<&PersonShare>> = HashMap::new();
    for p in a.persons.iter().filter(|p| p.level < LEVELS) {
        by_unit.entry(p.org_id.as_str()).or_default().push(p);
    }
    let mut out: Vec<Id> = by_unit
        .into_iter()
        .filter(|(_, ps)| ps.len() > 1)
        .filter(|(_, ps)| {
            let amount = |p: &PersonShare| p.own_fen.unwrap_or(p.formula_fen);
            let max = ps.iter().map(|p| amount(p)).max().unwrap_or(0);
            let min = ps.iter().map(|p| amount(p)).min().unwrap_or(0);
            max.saturating_sub(min) <= EQUAL_WITHIN_FEN && ps.iter().any(|p| p.level != ps[0].level)
        })
        .map(|(u, _)| u.to_string())
        .collect();
    out.sort();
    out
}

/// Yuan with two decimals and thousands separators: 123456789 → "1,234,567.89".
/// The largest amount in fen a record may carry (10^15 fen, ¥10 trillion): far above any pool,
/// far enough below `i64::MAX` that the allocation arithmetic cannot overflow on valid data.
pub const MAX_FEN: i64 = 1_000_000_000_000_000;

pub fn yuan_text(fen: i64) -> String {
    let neg = fen < 0;
    let f = fen.unsigned_abs();
    let whole = (f / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}{grouped}.{:02}", if neg { "-" } else { "" }, f % 100)
}

/// Parses yuan typed by a clerk ("1,200,000", "35000.5", "¥800000.00") into fen; at most two
/// decimals.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return None;
    }
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, t),
    };
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w.to_string(), f.to_string()),
        None => (t.clone(), String::new()),
    };
    if frac.len() > 2
        || whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i64 = format!("{frac:0<2}").parse().ok()?;
    let v = w.checked_mul(100)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_round_trips() {
        assert_eq!(yuan_text(120_000_000), "1,200,000.00");
        assert_eq!(yuan_text(5), "0.05");
        assert_eq!(parse_yuan("1,200,000"), Some(120_000_000));
        assert_eq!(parse_yuan("¥35000.5"), Some(3_500_050));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
    }
}
