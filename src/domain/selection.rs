//! 竞争上岗 | Competitive selection for section-level posts of internal bodies (S5.3;
//! shared/domain.md §4.G, §6.8): a campaign with ordered stages, weights, pass marks and advance
//! ratios, the democratic-evaluation score from a vote tally, composite scores ranked with the
//! documented tie-break, and pre-appointment publicity of N working days.
//!
//! Numbers are exact: scores are kept in hundredths of a point (85.5 → 8550) and weights in
//! thousandths (0.3 → 300), so a composite is an integer (in units of 10⁻⁵ point) and two
//! candidates tie only when their composites are really equal.
//!
//! Who advances is derived from the scores, never typed: below a stage's pass mark a candidate
//! is out; entering a stage with an advance ratio a:b, the best ⌊a/b⌋ per post go on, ranked by
//! the weighted scores so far (candidates tied with the last place go on too, as public notices
//! provide: "末位成绩并列的一并进入").

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::delegation::StatusChange;
use super::meta::{DocRef, Id, Timestamp};
use super::staffing::{StaffingSettingsData, WorkCalendar};
use super::text::Text;
use crate::coded_enum;

coded_enum! {
    /// 可配置环节 | The stages a campaign configures; the others (公布, 报名, 资格审查, 排名, 决定,
    /// 公示, 任职) are steps of its status.
    pub enum SelectionStage {
        WrittenExam => ("WRITTEN", "笔试", "Written exam"),
        Interview => ("INTERVIEW", "面试", "Interview"),
        DemocraticEval => ("DEMOCRATIC_EVAL", "民主测评", "Democratic evaluation"),
        Vetting => ("VETTING", "组织考察", "Organisational vetting"),
    }
}

impl SelectionStage {
    /// The stages that give a score, in order.
    pub const SCORED: [SelectionStage; 3] = [
        SelectionStage::WrittenExam,
        SelectionStage::Interview,
        SelectionStage::DemocraticEval,
    ];

    fn status(self) -> SelectionStatus {
        match self {
            SelectionStage::WrittenExam => SelectionStatus::WrittenExam,
            SelectionStage::Interview => SelectionStatus::Interview,
            SelectionStage::DemocraticEval => SelectionStatus::DemocraticEval,
            SelectionStage::Vetting => SelectionStatus::Vetting,
        }
    }
}

coded_enum! {
    /// 状态 | The campaign's state machine (§4.G).
    pub enum SelectionStatus {
        Draft => ("DRAFT", "方案制定", "Drafting the plan"),
        Announced => ("ANNOUNCED", "公布", "Announced"),
        Registration => ("REGISTRATION", "报名", "Registration"),
        EligibilityReview => ("ELIGIBILITY_REVIEW", "资格审查", "Eligibility review"),
        WrittenExam => ("WRITTEN_EXAM", "笔试", "Written exam"),
        Interview => ("INTERVIEW", "面试", "Interview"),
        DemocraticEval => ("DEMOCRATIC_EVAL", "民主测评", "Democratic evaluation"),
        Ranked => ("RANKED", "综合排名", "Composite ranking"),
        Vetting => ("VETTING", "组织考察", "Organisational vetting"),
        Decided => ("DECIDED", "讨论决定", "Decided"),
        Publicity => ("PUBLICITY", "任前公示", "Pre-appointment publicity"),
        Appointed => ("APPOINTED", "任职", "Appointed"),
        Closed => ("CLOSED", "结束", "Closed"),
        Cancelled => ("CANCELLED", "终止", "Cancelled"),
    }
}

impl SelectionStatus {
    /// Position in the procedure (Cancelled is off the line).
    pub fn step(self) -> usize {
        SelectionStatus::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    fn stage(self) -> Option<SelectionStage> {
        SelectionStage::ALL
            .iter()
            .copied()
            .find(|s| s.status() == self)
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, SelectionStatus::Closed | SelectionStatus::Cancelled)
    }
}

/// 入围比例 | e.g. 3:1 — three candidates per post go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvanceRatio {
    pub candidates: u8,
    pub posts: u8,
}

impl AdvanceRatio {
    /// Candidates per post that go on (at least one).
    pub fn per_post(self) -> usize {
        (usize::from(self.candidates) / usize::from(self.posts.max(1))).max(1)
    }
}

/// 环节配置 | One stage's configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageConfig {
    pub stage: SelectionStage,
    /// 设置该环节 | A stage switched off ("不设") is skipped and must weigh 0.
    pub enabled: bool,
    /// 权重（千分比） | Weight in thousandths (0.3 → 300); scored stages sum to 1000.
    #[serde(default)]
    pub weight_permille: u16,
    /// 合格线（百分之一分） | Pass mark in hundredths of a point (60 → 6000).
    #[serde(default)]
    pub pass_mark: Option<u32>,
    /// 入围比例 | How many per post enter this stage.
    #[serde(default)]
    pub advance_ratio: Option<AdvanceRatio>,
}

/// The defaults of Appendix C: 笔试 .3 / 面试 .4 / 民主测评 .3, pass mark 60, interview shortlist
/// 3:1 by written rank, vetting 2:1 by composite.
pub fn default_stages() -> Vec<StageConfig> {
    let scored = |stage, w, ratio| StageConfig {
        stage,
        enabled: true,
        weight_permille: w,
        pass_mark: Some(6000),
        advance_ratio: ratio,
    };
    vec![
        scored(SelectionStage::WrittenExam, 300, None),
        scored(
            SelectionStage::Interview,
            400,
            Some(AdvanceRatio {
                candidates: 3,
                posts: 1,
            }),
        ),
        scored(SelectionStage::DemocraticEval, 300, None),
        StageConfig {
            stage: SelectionStage::Vetting,
            enabled: true,
            weight_permille: 0,
            pass_mark: None,
            advance_ratio: Some(AdvanceRatio {
                candidates: 2,
                posts: 1,
            }),
        },
    ]
}

/// 民主测评票 | Votes of a democratic evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteTally {
    pub excellent: u16,
    pub competent: u16,
    pub basic: u16,
    pub incompetent: u16,
    #[serde(default)]
    pub abstain: u16,
}

impl VoteTally {
    /// Valid votes: abstentions excluded.
    pub fn valid(self) -> u32 {
        u32::from(self.excellent)
            + u32::from(self.competent)
            + u32::from(self.basic)
            + u32::from(self.incompetent)
    }

    /// Score in hundredths of a point: (100 × 优秀 + 80 × 称职 + 60 × 基本称职 + 0 × 不称职) /
    /// valid votes (§6.8), rounded half up to the hundredth. None without valid votes.
    pub fn score(self) -> Option<u32> {
        let valid = self.valid();
        if valid == 0 {
            return None;
        }
        let points = 10_000 * u32::from(self.excellent)
            + 8_000 * u32::from(self.competent)
            + 6_000 * u32::from(self.basic);
        Some((2 * points + valid) / (2 * valid))
    }

    /// 不称职 votes above a third of the valid votes (§6.8: an eligibility warning).
    pub fn too_many_incompetent(self) -> bool {
        3 * u32::from(self.incompetent) > self.valid()
    }
}

coded_enum! {
    pub enum ObjectionStatus {
        Pending => ("PENDING", "待核查", "Being verified"),
        Upheld => ("UPHELD", "反映属实", "Upheld"),
        Dismissed => ("DISMISSED", "反映不实", "Dismissed"),
    }
}

/// 公示异议 | An objection received during publicity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objection {
    pub received_on: NaiveDate,
    pub summary: String,
    pub status: ObjectionStatus,
    /// 核查结论 | Finding of the verification.
    #[serde(default)]
    pub finding: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageScore {
    pub stage: SelectionStage,
    /// Hundredths of a point, 0–10000.
    pub score: u32,
}

/// 竞争人选 | A candidate for one post of the campaign (one person applies once per campaign).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub person_id: Id,
    pub target_post_id: Id,
    /// 资格审查结果 | None until reviewed.
    #[serde(default)]
    pub eligible: Option<bool>,
    #[serde(default)]
    pub eligibility_note: Option<String>,
    #[serde(default)]
    pub scores: Vec<StageScore>,
    /// 民主测评票 | When present, it gives the democratic-evaluation score.
    #[serde(default)]
    pub votes: Option<VoteTally>,
    /// 考察结果 | None until vetted.
    #[serde(default)]
    pub vetting_passed: Option<bool>,
    /// 拟任人选 | Chosen by the committee's decision.
    #[serde(default)]
    pub proposed: bool,
    /// 放弃 | Withdrew.
    #[serde(default)]
    pub withdrawn: bool,
    #[serde(default)]
    pub objections: Vec<Objection>,
}

impl Candidate {
    pub fn new(person_id: Id, target_post_id: Id) -> Self {
        Candidate {
            person_id,
            target_post_id,
            eligible: None,
            eligibility_note: None,
            scores: Vec::new(),
            votes: None,
            vetting_passed: None,
            proposed: false,
            withdrawn: false,
            objections: Vec::new(),
        }
    }

    /// The stage's score; the democratic evaluation comes from the votes when they are given.
    pub fn score(&self, stage: SelectionStage) -> Option<u32> {
        if stage == SelectionStage::DemocraticEval
            && let Some(v) = self.votes.and_then(VoteTally::score)
        {
            return Some(v);
        }
        self.scores
            .iter()
            .find(|s| s.stage == stage)
            .map(|s| s.score)
    }

    pub fn entered_score(&self, stage: SelectionStage) -> bool {
        self.scores.iter().any(|s| s.stage == stage)
            || (stage == SelectionStage::DemocraticEval && self.votes.is_some())
    }

    /// An objection still open or found true stops the appointment (BR-C10).
    pub fn objection_blocks(&self) -> bool {
        self.objections
            .iter()
            .any(|o| o.status != ObjectionStatus::Dismissed)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelectionCampaignData {
    pub park_id: Id,
    pub title: String,
    /// 竞争职位 | Posts competed for.
    #[serde(default)]
    pub post_ids: Vec<Id>,
    pub stages: Vec<StageConfig>,
    /// 任前公示天数（工作日） | Publicity working days (≥ 5).
    pub notice_days: u8,
    pub status: SelectionStatus,
    /// 公示开始日期 | First day of publicity.
    #[serde(default)]
    pub publicity_start: Option<NaiveDate>,
    /// 研究决定 | The committee's decision.
    #[serde(default)]
    pub decision: Option<DocRef>,
    /// 终止理由 | Why the campaign was cancelled.
    #[serde(default)]
    pub cancel_reason: Option<String>,
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    /// Written by the command path only.
    #[serde(default)]
    pub history: Vec<StatusChange>,
}

impl SelectionCampaignData {
    pub fn config(&self, stage: SelectionStage) -> Option<&StageConfig> {
        self.stages.iter().find(|c| c.stage == stage)
    }

    pub fn enabled(&self, stage: SelectionStage) -> bool {
        self.config(stage).is_some_and(|c| c.enabled)
    }

    /// Scored stages in use, in order.
    pub fn scored_stages(&self) -> Vec<SelectionStage> {
        SelectionStage::SCORED
            .into_iter()
            .filter(|s| self.enabled(*s))
            .collect()
    }

    pub fn weight(&self, stage: SelectionStage) -> u16 {
        self.config(stage)
            .filter(|c| c.enabled)
            .map_or(0, |c| c.weight_permille)
    }

    /// Σ weights of the stages in use, in thousandths (must be 1000).
    pub fn weight_sum(&self) -> u32 {
        self.scored_stages()
            .iter()
            .map(|s| u32::from(self.weight(*s)))
            .sum()
    }

    /// The status after `s` on the procedure, skipping stages that are not set.
    pub fn next_status(&self, s: SelectionStatus) -> Option<SelectionStatus> {
        if s.is_terminal() {
            return None;
        }
        SelectionStatus::ALL
            .iter()
            .copied()
            .skip(s.step() + 1)
            .filter(|n| *n != SelectionStatus::Cancelled)
            .find(|n| n.stage().is_none_or(|st| self.enabled(st)))
    }

    /// The transitions of §4.G: one step on; back from publicity to vetting when an objection
    /// is upheld; cancel from any open state.
    pub fn can_become(&self, from: SelectionStatus, to: SelectionStatus) -> bool {
        from == to
            || self.next_status(from) == Some(to)
            || (from == SelectionStatus::Publicity && to == SelectionStatus::Vetting)
            || (to == SelectionStatus::Cancelled && !from.is_terminal())
    }

    /// Whether the procedure has reached the stage (scores may be entered from then on).
    pub fn reached(&self, stage: SelectionStage) -> bool {
        self.status != SelectionStatus::Cancelled && self.status.step() >= stage.status().step()
    }

    /// Last day of publicity: `notice_days` working days from its start.
    pub fn publicity_end(&self, settings: &StaffingSettingsData) -> Option<NaiveDate> {
        self.publicity_start
            .map(|s| WorkCalendar::new(settings).span_end(s, u32::from(self.notice_days)))
    }

    /// Σ wₖ × sₖ over the given stages (units of 10⁻⁵ point); None while a score is missing.
    fn weighted(&self, c: &Candidate, stages: &[SelectionStage]) -> Option<u64> {
        stages.iter().try_fold(0u64, |acc, s| {
            c.score(*s)
                .map(|v| acc + u64::from(self.weight(*s)) * u64::from(v))
        })
    }

    /// The order of §6.8: higher composite (or weighted score so far), then higher interview,
    /// written and evaluation scores — of the stages in `over` only (a shortlist into the
    /// interview cannot look at interview scores).
    fn order_key(&self, c: &Candidate, weighted: u64, over: &[SelectionStage]) -> [u64; 4] {
        let s = |st| {
            if over.contains(&st) {
                u64::from(c.score(st).unwrap_or(0))
            } else {
                0
            }
        };
        [
            weighted,
            s(SelectionStage::Interview),
            s(SelectionStage::WrittenExam),
            s(SelectionStage::DemocraticEval),
        ]
    }

    /// Where every candidate stands, derived from the configuration and the scores.
    pub fn evaluate(&self) -> Vec<CandidateResult> {
        let mut out: Vec<CandidateResult> = self
            .candidates
            .iter()
            .map(|c| CandidateResult {
                person_id: c.person_id.clone(),
                post_id: c.target_post_id.clone(),
                standing: match (c.withdrawn, c.eligible) {
                    (true, _) => Standing::Withdrawn,
                    (false, None) => Standing::Pending,
                    (false, Some(false)) => Standing::Ineligible,
                    (false, Some(true)) => Standing::InRace,
                },
                entered: Vec::new(),
                composite: None,
                rank: None,
                tied: false,
                evaluation: c.score(SelectionStage::DemocraticEval),
                evaluation_warning: c.votes.is_some_and(VoteTally::too_many_incompetent),
            })
            .collect();
        let scored = self.scored_stages();
        let mut posts: Vec<&Id> = self.candidates.iter().map(|c| &c.target_post_id).collect();
        posts.sort();
        posts.dedup();
        for post in posts {
            let group: Vec<usize> = (0..self.candidates.len())
                .filter(|i| &self.candidates[*i].target_post_id == post)
                .collect();
            let mut pool: Vec<usize> = group
                .iter()
                .copied()
                .filter(|i| out[*i].standing == Standing::InRace)
                .collect();
            for (k, stage) in scored.iter().enumerate() {
                if let Some(ratio) = self.config(*stage).and_then(|c| c.advance_ratio)
                    && k > 0
                {
                    let before = &scored[..k];
                    pool = self.shortlist(pool, before, ratio, *stage, &mut out);
                }
                for i in &pool {
                    out[*i].entered.push(*stage);
                }
                let pass = self.config(*stage).and_then(|c| c.pass_mark);
                pool.retain(|i| {
                    let below = matches!((self.candidates[*i].score(*stage), pass), (Some(s), Some(p)) if s < p);
                    if below {
                        out[*i].standing = Standing::BelowPass(*stage);
                    }
                    !below
                });
            }
            for i in &pool {
                out[*i].composite = self.weighted(&self.candidates[*i], &scored);
            }
            // Rank everyone still in who has a composite.
            let ranked: Vec<(usize, [u64; 4])> = pool
                .iter()
                .filter_map(|i| {
                    out[*i]
                        .composite
                        .map(|w| (*i, self.order_key(&self.candidates[*i], w, &scored)))
                })
                .collect();
            for (i, key) in &ranked {
                let better = ranked.iter().filter(|(_, k)| k > key).count();
                out[*i].rank = Some(u16::try_from(better + 1).unwrap_or(u16::MAX));
                out[*i].tied = ranked.iter().filter(|(_, k)| k == key).count() > 1;
            }
            if self.enabled(SelectionStage::Vetting) {
                if let Some(ratio) = self
                    .config(SelectionStage::Vetting)
                    .and_then(|c| c.advance_ratio)
                {
                    pool = self.shortlist(pool, &scored, ratio, SelectionStage::Vetting, &mut out);
                }
                if pool.iter().all(|i| out[*i].composite.is_some()) {
                    for i in &pool {
                        out[*i].entered.push(SelectionStage::Vetting);
                        if self.candidates[*i].vetting_passed == Some(false) {
                            out[*i].standing = Standing::VettingFailed;
                        }
                    }
                }
            }
        }
        out
    }

    /// Keeps the best `ratio` per post of `pool` by the weighted scores of `before` (ties with
    /// the last place stay in); the rest are marked not shortlisted. While any of them lacks a
    /// score, nobody is cut.
    fn shortlist(
        &self,
        pool: Vec<usize>,
        before: &[SelectionStage],
        ratio: AdvanceRatio,
        stage: SelectionStage,
        out: &mut [CandidateResult],
    ) -> Vec<usize> {
        let keyed: Option<Vec<(usize, [u64; 4])>> = pool
            .iter()
            .map(|i| {
                let c = &self.candidates[*i];
                self.weighted(c, before)
                    .map(|w| (*i, self.order_key(c, w, before)))
            })
            .collect();
        let Some(mut keyed) = keyed else {
            return pool;
        };
        let n = ratio.per_post();
        if keyed.len() <= n {
            return pool;
        }
        keyed.sort_by_key(|k| std::cmp::Reverse(k.1));
        let cutoff = keyed[n - 1].1;
        let mut kept = Vec::new();
        for (i, key) in keyed {
            if key.cmp(&cutoff) != Ordering::Less {
                kept.push(i);
            } else {
                out[i].standing = Standing::NotShortlisted(stage);
            }
        }
        kept.sort();
        kept
    }
}

/// Where a candidate stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Eligibility not reviewed yet.
    Pending,
    Ineligible,
    Withdrawn,
    /// Below the pass mark of the stage.
    BelowPass(SelectionStage),
    /// Not among those the advance ratio lets into the stage.
    NotShortlisted(SelectionStage),
    VettingFailed,
    /// Still in the procedure.
    InRace,
}

impl Standing {
    pub fn label(self) -> Text {
        match self {
            Standing::Pending => Text::new("待资格审查", "Awaiting eligibility review"),
            Standing::Ineligible => Text::new("资格审查未通过", "Not eligible"),
            Standing::Withdrawn => Text::new("放弃", "Withdrew"),
            Standing::BelowPass(s) => Text::new(
                format!("{}未达合格线，淘汰", s.zh()),
                format!("Below the pass mark in the {}", s.en().to_lowercase()),
            ),
            Standing::NotShortlisted(s) => Text::new(
                format!("未入围{}", s.zh()),
                format!("Not shortlisted for the {}", s.en().to_lowercase()),
            ),
            Standing::VettingFailed => Text::new("考察未通过", "Did not pass vetting"),
            Standing::InRace => Text::new("在选", "In the running"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Standing::Pending => "PENDING",
            Standing::Ineligible => "INELIGIBLE",
            Standing::Withdrawn => "WITHDRAWN",
            Standing::BelowPass(_) => "BELOW_PASS",
            Standing::NotShortlisted(_) => "NOT_SHORTLISTED",
            Standing::VettingFailed => "VETTING_FAILED",
            Standing::InRace => "IN_RACE",
        }
    }
}

/// The derived result of one candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CandidateResult {
    pub person_id: Id,
    pub post_id: Id,
    pub standing: Standing,
    /// The stages the candidate entered.
    pub entered: Vec<SelectionStage>,
    /// Σ wₖ × sₖ in units of 10⁻⁵ point (see [`format_composite`]).
    pub composite: Option<u64>,
    /// 名次 within the post (equal keys share a rank).
    pub rank: Option<u16>,
    /// Equal with another candidate on every key of the tie-break: the committee decides.
    pub tied: bool,
    pub evaluation: Option<u32>,
    pub evaluation_warning: bool,
}

/// A score in hundredths as "85.5".
pub fn format_score(centi: u32) -> String {
    let s = format!("{}.{:02}", centi / 100, centi % 100);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A composite (units of 10⁻⁵ point) exactly, as "88.125".
pub fn format_composite(v: u64) -> String {
    let s = format!("{}.{:05}", v / 100_000, v % 100_000);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Parses "85.5" / "85,5" / "100" into hundredths (0–100 with at most two decimals).
pub fn parse_score(s: &str) -> Option<u32> {
    let s = s.trim().replace(',', ".");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    if int.is_empty() || frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let i: u32 = int.parse().ok()?;
    let f: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    let v = i.checked_mul(100)?.checked_add(f)?;
    (v <= 10_000).then_some(v)
}

/// Parses a weight "0.3" / "0.35" / "30%" into thousandths.
pub fn parse_weight(s: &str) -> Option<u16> {
    let s = s.trim();
    if let Some(p) = s.strip_suffix('%') {
        // Percent with at most one decimal: 35% → 350, 32.5% → 325.
        let p = p.trim();
        let (int, frac) = p.split_once('.').unwrap_or((p, ""));
        if frac.len() > 1 || int.is_empty() {
            return None;
        }
        let v = int.parse::<u16>().ok()?.checked_mul(10)?
            + if frac.is_empty() {
                0
            } else {
                frac.parse::<u16>().ok()?
            };
        return (v <= 1000).then_some(v);
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let i: u16 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let f: u16 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<3}").parse().ok()?
    };
    let v = i.checked_mul(1000)?.checked_add(f)?;
    (v <= 1000).then_some(v)
}

/// A weight in thousandths as "0.3".
pub fn format_weight(w: u16) -> String {
    let s = format!("{}.{:03}", w / 1000, w % 1000);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Checks a status change against the state machine and its guards, and writes the history
/// (called by the command path; the editor never writes history).
pub fn record_transitions(
    before: &SelectionCampaignData,
    after: &mut SelectionCampaignData,
    id: &str,
    at: Timestamp,
    office: &str,
) -> Result<(), super::command::CommandError> {
    use super::rules::{Severity, Violation};
    after.history = before.history.clone();
    if before.status == after.status {
        return Ok(());
    }
    let refuse = |field: &'static str, message: Text| {
        super::command::CommandError::Rejected(vec![Violation {
            rule: "BR-C10",
            severity: Severity::Block,
            source: Some("S5.3"),
            kind: super::workspace::Kind::SelectionCampaign,
            id: id.to_string(),
            field: Some(field),
            message,
        }])
    };
    let (from, to) = (before.status, after.status);
    if !after.can_become(from, to) {
        return Err(refuse(
            "status",
            Text::new(
                format!(
                    "竞争上岗须按环节顺序进行：不能从“{}”直接变为“{}”",
                    from.zh(),
                    to.zh()
                ),
                format!(
                    "Selection follows its stages in order: cannot go from “{}” straight to “{}”",
                    from.en(),
                    to.en()
                ),
            ),
        ));
    }
    let forward = to != SelectionStatus::Cancelled && to.step() > from.step();
    if forward {
        let results = after.evaluate();
        if from == SelectionStatus::EligibilityReview
            && results.iter().any(|r| r.standing == Standing::Pending)
        {
            return Err(refuse(
                "status",
                Text::new(
                    "还有人选未作资格审查结论，不能进入下一环节",
                    "Some candidates have no eligibility decision yet; the next stage cannot start",
                ),
            ));
        }
        if let Some(stage) = from.stage() {
            let missing = after
                .candidates
                .iter()
                .zip(&results)
                .filter(|(c, r)| {
                    r.entered.contains(&stage)
                        && !c.withdrawn
                        && if stage == SelectionStage::Vetting {
                            c.vetting_passed.is_none() && r.standing == Standing::InRace
                        } else {
                            c.score(stage).is_none()
                        }
                })
                .count();
            if missing > 0 {
                return Err(refuse(
                    "status",
                    Text::new(
                        format!(
                            "{}还有 {missing} 名人选没有结果，不能进入下一环节",
                            stage.zh()
                        ),
                        format!(
                            "{missing} candidates have no {} result yet; the next stage cannot start",
                            stage.en().to_lowercase()
                        ),
                    ),
                ));
            }
        }
        if to == SelectionStatus::Publicity {
            if after.publicity_start.is_none() {
                return Err(refuse(
                    "publicity_start",
                    Text::new(
                        "进入任前公示须填写公示开始日期",
                        "Publicity needs its start date",
                    ),
                ));
            }
            if !after.candidates.iter().any(|c| c.proposed) {
                return Err(refuse(
                    "status",
                    Text::new(
                        "尚未确定拟任人选，不能公示",
                        "No candidate has been chosen for appointment yet; there is nothing to publicise",
                    ),
                ));
            }
        }
    }
    after.history.push(StatusChange {
        at,
        by_office: office.to_string(),
        dimension: "status".into(),
        from: from.code().into(),
        to: to.code().into(),
    });
    Ok(())
}
