//! 编制与职数 | Staffing quotas by unit and type with validity periods, leadership-post quotas
//! by unit × rank × principal/deputy (S3.2), the real-name ledger arithmetic in both 口径
//! (shared/domain.md §6.3), and the staffing parameters (concurrent-post limit, working-day
//! calendar).
//!
//! Ledger, for unit u, quota type t and date d:
//! A(u,t) = Σ approved of the quotas valid on d; O(u,t) = persons whose placement on d seats
//! them in (u,t) with a status that keeps the seat (在职, 借调外出, 离岗). 空编 V = max(0, A − O),
//! 超编 E = max(0, O − A), 编制使用率 = O / A. The 使用口径 counts the same people where they work
//! (statuses 在职, 借调外出, 借调进入), by the type of the seat they hold anywhere; people without a
//! seat are counted apart (编外).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id, Period};
use super::metrics::Ratio;
use super::workspace::Workspace;
use crate::coded_enum;

coded_enum! {
    /// 编制类型 | Quota type (P15, P16).
    pub enum QuotaType {
        Administrative => ("ADMIN", "行政编制", "Administrative"),
        InstitutionFull => ("INST_FULL", "事业编制（全额拨款）", "Public institution, fully funded"),
        InstitutionPartial => ("INST_PARTIAL", "事业编制（差额拨款）", "Public institution, partially funded"),
        InstitutionSelfFunded => ("INST_SELF", "事业编制（自收自支）", "Public institution, self-funded"),
        Logistics => ("LOGISTICS", "工勤编制", "Logistics"),
        PoliticalLegal => ("POLITICAL_LEGAL", "政法专项编制", "Political-legal special"),
    }
}

impl QuotaType {
    pub fn is_institution(self) -> bool {
        matches!(
            self,
            QuotaType::InstitutionFull
                | QuotaType::InstitutionPartial
                | QuotaType::InstitutionSelfFunded
        )
    }
}

coded_enum! {
    /// 职务层次 | Post rank.
    pub enum PostRank {
        DivisionChief => ("DIVISION_CHIEF", "正处", "Division chief"),
        DeputyDivisionChief => ("DEPUTY_DIVISION_CHIEF", "副处", "Deputy division chief"),
        SectionChief => ("SECTION_CHIEF", "正科", "Section chief"),
        DeputySectionChief => ("DEPUTY_SECTION_CHIEF", "副科", "Deputy section chief"),
        UnitHead => ("UNIT_HEAD", "股级", "Unit head"),
        Staff => ("STAFF", "科员/办事员", "Staff"),
        ProfessionalPost => ("PROFESSIONAL", "专技岗", "Professional post"),
        LogisticsPost => ("LOGISTICS", "工勤岗", "Logistics post"),
        Unspecified => ("UNSPECIFIED", "待定", "To be set"),
    }
}

impl PostRank {
    /// 科级 | Section-level ranks (S5.3: competitive selection).
    pub fn is_section_level(self) -> bool {
        matches!(self, PostRank::SectionChief | PostRank::DeputySectionChief)
    }
}

/// 占编 | The quota seat a person occupies: a unit and a quota type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QuotaSeat {
    pub org_id: Id,
    pub quota_type: QuotaType,
}

/// 核定编制 | An approved staffing quota of one unit and type for a period. Several records of
/// one unit and type valid on the same date add up (e.g. a later 核增 by its own document).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffingQuotaData {
    pub org_id: Id,
    pub quota_type: QuotaType,
    pub approved: u32,
    #[serde(default)]
    pub basis: Option<DocRef>,
    pub period: Period,
}

/// 领导职数 | Approved leadership posts of one unit, rank and principal/deputy (S3.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipQuotaData {
    pub org_id: Id,
    pub rank: PostRank,
    /// 正职 (true) or 副职 (false).
    pub principal: bool,
    pub approved: u32,
    #[serde(default)]
    pub basis: Option<DocRef>,
    pub period: Period,
}

/// 人事参数 | Parameters of the staffing rules (Appendix C). The first live record counts; with
/// none, the defaults apply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffingSettingsData {
    /// 兼职上限 K | Concurrent posts a person may hold besides the main post (BR-C5).
    pub max_concurrent_posts: u8,
    /// 法定节假日 | Holidays falling on weekdays (not working days).
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// 调休上班日 | Weekend days that are working days (make-up days).
    #[serde(default)]
    pub extra_workdays: Vec<NaiveDate>,
}

impl Default for StaffingSettingsData {
    fn default() -> Self {
        StaffingSettingsData {
            max_concurrent_posts: 2,
            holidays: Vec::new(),
            extra_workdays: Vec::new(),
        }
    }
}

impl Workspace {
    /// The staffing parameters in force: the first live settings record, or the defaults.
    pub fn staffing_settings(&self) -> StaffingSettingsData {
        self.staffing_settings
            .iter_live()
            .next()
            .map(|r| r.data.clone())
            .unwrap_or_default()
    }
}

/// Working days: Monday–Friday except holidays, plus make-up Saturdays/Sundays.
#[derive(Clone, Debug, Default)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    extra: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    pub fn new(s: &StaffingSettingsData) -> Self {
        WorkCalendar {
            holidays: s.holidays.iter().copied().collect(),
            extra: s.extra_workdays.iter().copied().collect(),
        }
    }

    pub fn is_workday(&self, d: NaiveDate) -> bool {
        if self.extra.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// The last day of a span of `n` working days that starts on `start` (counted as day 1 when
    /// it is a working day, as public notices read "公示期5个工作日（11月4日至8日）"). `n = 0`
    /// gives `start`.
    pub fn span_end(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        // A span can hold at most a few hundred days; the bound keeps a broken calendar finite.
        for _ in 0..(n as usize * 7 + 400) {
            if left == 0 {
                break;
            }
            if self.is_workday(d) {
                left -= 1;
                if left == 0 {
                    break;
                }
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        d
    }
}

/// The two ways of counting the ledger (BR-C3, §6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// 编制口径: where people hold their quota seat.
    ByQuota,
    /// 使用口径: where people actually work.
    ByUse,
}

/// One ledger cell: approved and counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub approved: u32,
    pub occupied: u32,
}

impl Cell {
    /// 空编数
    pub fn vacant(self) -> u32 {
        self.approved.saturating_sub(self.occupied)
    }
    /// 超编数
    pub fn over(self) -> u32 {
        self.occupied.saturating_sub(self.approved)
    }
    /// 编制使用率 O / A.
    pub fn usage(self) -> Ratio {
        Ratio {
            num: self.occupied as usize,
            den: self.approved as usize,
        }
    }
    /// 空编率 V / A.
    pub fn vacancy_rate(self) -> Ratio {
        Ratio {
            num: self.vacant() as usize,
            den: self.approved as usize,
        }
    }
    pub fn add(&mut self, other: Cell) {
        self.approved += other.approved;
        self.occupied += other.occupied;
    }
}

/// Σ approved of the quotas valid on `d`, by (unit, type).
pub fn approved_on(ws: &Workspace, d: NaiveDate) -> HashMap<(Id, QuotaType), u32> {
    let mut out: HashMap<(Id, QuotaType), u32> = HashMap::new();
    for q in ws.staffing_quotas.iter_live() {
        if q.data.period.contains(d) {
            *out.entry((q.data.org_id.clone(), q.data.quota_type))
                .or_default() += q.data.approved;
        }
    }
    out
}

/// Σ approved leadership posts valid on `d`, by (unit, rank, principal).
pub fn leadership_approved_on(ws: &Workspace, d: NaiveDate) -> HashMap<(Id, PostRank, bool), u32> {
    let mut out: HashMap<(Id, PostRank, bool), u32> = HashMap::new();
    for q in ws.leadership_quotas.iter_live() {
        if q.data.period.contains(d) {
            *out.entry((q.data.org_id.clone(), q.data.rank, q.data.principal))
                .or_default() += q.data.approved;
        }
    }
    out
}

/// The staffing ledger on a date in one view: a cell per (unit, type) that has a quota or
/// people, and the people without a seat (编外) per unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ledger {
    pub cells: BTreeMap<(Id, QuotaType), Cell>,
    pub non_quota: BTreeMap<Id, u32>,
}

impl Ledger {
    pub fn build(ws: &Workspace, d: NaiveDate, view: View) -> Ledger {
        let mut cells: BTreeMap<(Id, QuotaType), Cell> = BTreeMap::new();
        for ((org, t), a) in approved_on(ws, d) {
            cells.entry((org, t)).or_default().approved = a;
        }
        let mut non_quota: BTreeMap<Id, u32> = BTreeMap::new();
        for p in ws.persons.iter_live() {
            let Some(pl) = p.data.placement_on(d) else {
                continue;
            };
            match view {
                View::ByQuota => {
                    if let Some(seat) = &pl.seat
                        && pl.status.keeps_seat()
                    {
                        cells
                            .entry((seat.org_id.clone(), seat.quota_type))
                            .or_default()
                            .occupied += 1;
                    }
                }
                View::ByUse => {
                    if !pl.status.is_working() {
                        continue;
                    }
                    let Some(work) = &pl.work_org_id else {
                        continue;
                    };
                    match &pl.seat {
                        Some(seat) => {
                            cells
                                .entry((work.clone(), seat.quota_type))
                                .or_default()
                                .occupied += 1
                        }
                        None => *non_quota.entry(work.clone()).or_default() += 1,
                    }
                }
            }
        }
        Ledger { cells, non_quota }
    }

    pub fn cell(&self, org: &str, t: QuotaType) -> Cell {
        self.cells
            .get(&(org.to_string(), t))
            .copied()
            .unwrap_or_default()
    }

    /// Sum over the units `include` accepts, by type.
    pub fn totals(&self, include: impl Fn(&str) -> bool) -> BTreeMap<QuotaType, Cell> {
        let mut out: BTreeMap<QuotaType, Cell> = BTreeMap::new();
        for ((org, t), c) in &self.cells {
            if include(org) {
                out.entry(*t).or_default().add(*c);
            }
        }
        out
    }

    /// 编外 people over the units `include` accepts.
    pub fn non_quota_total(&self, include: impl Fn(&str) -> bool) -> u32 {
        self.non_quota
            .iter()
            .filter(|(o, _)| include(o))
            .map(|(_, n)| *n)
            .fold(0u32, u32::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn cells_compute_vacancies_and_over_quota() {
        let c = Cell {
            approved: 45,
            occupied: 47,
        };
        assert_eq!((c.vacant(), c.over()), (0, 2));
        let c = Cell {
            approved: 22,
            occupied: 19,
        };
        assert_eq!((c.vacant(), c.over()), (3, 0));
        assert_eq!(c.usage(), Ratio { num: 19, den: 22 });
    }

    #[test]
    fn spans_of_working_days_skip_weekends_and_holidays() {
        let cal = WorkCalendar::default();
        // 2013-11-04 is a Monday: five working days end on Friday the 8th.
        assert_eq!(cal.span_end(d("2013-11-04"), 5), d("2013-11-08"));
        // Starting on a Saturday, counting begins on Monday.
        assert_eq!(cal.span_end(d("2013-11-02"), 5), d("2013-11-08"));
        assert_eq!(cal.span_end(d("2013-11-06"), 5), d("2013-11-12"));
        let cal = WorkCalendar::new(&StaffingSettingsData {
            max_concurrent_posts: 2,
            holidays: vec![d("2013-10-01"), d("2013-10-02"), d("2013-10-03")],
            extra_workdays: vec![d("2013-09-29")],
        });
        // Sunday 29 Sep is a make-up working day; 1–3 Oct are holidays.
        assert_eq!(cal.span_end(d("2013-09-27"), 3), d("2013-09-30"));
        assert_eq!(cal.span_end(d("2013-09-30"), 2), d("2013-10-04"));
    }
}
