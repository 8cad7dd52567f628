//! Rules of assessment and incentives (shared/domain.md §5.D BR-D1..D9, BR-A1's indicator part)
//! and the field checks of schemes, results, bonus pools and result uses; plus the guards of the
//! command path that keep a scheme's state and history out of editors and lock what its state
//! has closed. Every scheme is evaluated once per check ([`Outcomes`]); indexes are built once.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::assessment::{
    AssesseeKind, AssessmentResultData, AssessmentSchemeData, Cycle, LOWEST,
    QUOTA_APPROVED_MAX_PERMILLE, QUOTA_STANDARD_PERMILLE, SchemeStatus, ScoringMethod, VetoEffect,
};
use super::assessment_results::Outcomes;
use super::bonus::{self, PoolStatus};
use super::org::OrgKind;
use super::result_use::{ResultUseKind, priority_lists_of};
use super::rules::{Severity, Violation, blank, violation};
use super::scoring::{centi, centi_text};
use super::text::Text;
use super::workspace::{Data, Kind, Record, Workspace};

fn field(kind: Kind, id: &str, f: &'static str, message: Text) -> Violation {
    violation("FIELD", Severity::Block, None, kind, id, Some(f), message)
}

/// Refusals of the command path: a new scheme starts as a draft without history; a scheme's
/// state and history change only by its steps; its structure only in 草案; its quota not once
/// graded; results only while their scheme is open for them; a paid pool stays as paid.
pub fn guard(ws: &Workspace, current: Option<&Record>, data: &Data) -> Option<Violation> {
    let refuse = |kind: Kind, id: &str, f: &'static str, m: Text| {
        Some(violation(
            "TRANSITION",
            Severity::Block,
            Some("S6.2"),
            kind,
            id,
            Some(f),
            m,
        ))
    };
    match (current, data) {
        (None, Data::AssessmentScheme(s)) => {
            if s.status != SchemeStatus::Draft || !s.history.is_empty() {
                return refuse(
                    Kind::AssessmentScheme,
                    "",
                    "status",
                    Text::new(
                        "新方案须从“草案”开始，之后逐步发布、采集、评分……",
                        "A new scheme starts as a draft; it is then published, collected, scored … step by step",
                    ),
                );
            }
            None
        }
        (Some(Record::AssessmentScheme(r)), Data::AssessmentScheme(s)) => {
            if r.data.status != s.status || r.data.history != s.history {
                return refuse(
                    Kind::AssessmentScheme,
                    r.id(),
                    "status",
                    Text::new(
                        "方案状态只能通过“下一步/退回”办理，不能在编辑中修改",
                        "A scheme's status changes by its steps (next / back), not in the editor",
                    ),
                );
            }
            if r.data.status != SchemeStatus::Draft && !r.data.same_structure(s) {
                return refuse(
                    Kind::AssessmentScheme,
                    r.id(),
                    "indicators",
                    Text::new(
                        format!(
                            "方案已{}：指标、构成、对象和等次只能在草案中修改（如需修改，请先退回草案并写明理由）",
                            r.data.status.zh()
                        ),
                        format!(
                            "The scheme is {}: indicators, components, assessees and grades change only in a draft (go back to draft with a reason first)",
                            r.data.status.en().to_lowercase()
                        ),
                    ),
                );
            }
            if r.data.status.is_final() && r.data.quota != s.quota {
                return refuse(
                    Kind::AssessmentScheme,
                    r.id(),
                    "quota",
                    Text::new(
                        "等次已确定，优秀比例不能再改",
                        "Grades are final; the top-grade quota cannot change",
                    ),
                );
            }
            None
        }
        (cur, Data::AssessmentResult(new)) => {
            let old = match cur {
                Some(Record::AssessmentResult(r)) => Some(&r.data),
                _ => None,
            };
            let id = cur.map(|c| c.meta().id.as_str()).unwrap_or("");
            let scheme = ws.assessment_schemes.live(&new.scheme_id)?;
            let status = scheme.data.status;
            // The old scheme too, if a result were moved to another one.
            let old_status = old
                .and_then(|o| ws.assessment_schemes.live(&o.scheme_id))
                .map_or(status, |s| s.data.status);
            let entries_changed = old.is_none_or(|o| !o.same_entries(new));
            let grading_changed = old.is_none_or(|o| {
                o.vetoed_by != new.vetoed_by || o.grade_override != new.grade_override
            });
            if entries_changed && !(status.entries_open() && old_status.entries_open()) {
                return refuse(
                    Kind::AssessmentResult,
                    id,
                    "entries",
                    Text::new(
                        format!(
                            "方案处于“{}”，实绩和目标已不能修改（如需更正，请先退回“评分”并写明理由）",
                            status.zh()
                        ),
                        format!(
                            "The scheme is at “{}”: targets and actuals can no longer change (go back to scoring with a reason first)",
                            status.en()
                        ),
                    ),
                );
            }
            if grading_changed
                && (old.is_some() || !new.vetoed_by.is_empty() || new.grade_override.is_some())
                && !(status.grading_open() && old_status.grading_open())
            {
                return refuse(
                    Kind::AssessmentResult,
                    id,
                    "grade_override",
                    Text::new(
                        format!("方案处于“{}”，否决项和等次调整已不能修改", status.zh()),
                        format!(
                            "The scheme is at “{}”: veto items and grade overrides can no longer change",
                            status.en()
                        ),
                    ),
                );
            }
            None
        }
        (Some(Record::BonusPool(r)), Data::BonusPool(p))
            if r.data.status == PoolStatus::Paid && &r.data != p =>
        {
            refuse(
                Kind::BonusPool,
                r.id(),
                "status",
                Text::new(
                    "奖金已发放，分配方案不能再改",
                    "The bonus has been paid; the pool can no longer change",
                ),
            )
        }
        _ => None,
    }
}

/// A delete the state forbids: a result of a scheme whose entries are closed.
pub fn delete_guard(ws: &Workspace, kind: Kind, id: &str) -> Option<Violation> {
    if kind != Kind::AssessmentResult {
        return None;
    }
    let r = ws.assessment_results.live(id)?;
    let s = ws.assessment_schemes.live(&r.data.scheme_id)?;
    (!s.data.status.entries_open()).then(|| {
        violation(
            "TRANSITION",
            Severity::Block,
            Some("S6.2"),
            Kind::AssessmentResult,
            id,
            Some("entries"),
            Text::new(
                format!("方案处于“{}”，考核记录不能删除", s.data.status.zh()),
                format!(
                    "The scheme is at “{}”: its records cannot be deleted",
                    s.data.status.en()
                ),
            ),
        )
    })
}

pub fn check(ws: &Workspace, _as_of: NaiveDate, out: &mut Vec<Violation>) {
    if ws.assessment_schemes.count_live() == 0
        && ws.bonus_pools.count_live() == 0
        && ws.result_uses.count_live() == 0
        && ws.assessment_results.count_live() == 0
    {
        return;
    }
    let outcomes = Outcomes::of(ws);
    schemes(ws, &outcomes, out);
    results(ws, out);
    pools(ws, &outcomes, out);
    uses(ws, &outcomes, out);
}

fn schemes(ws: &Workspace, outcomes: &Outcomes, out: &mut Vec<Violation>) {
    let k = Kind::AssessmentScheme;
    for s in ws.assessment_schemes.iter_live() {
        let (id, d) = (s.id(), &s.data);
        if blank(&d.title) {
            out.push(field(
                k,
                id,
                "title",
                Text::new("方案名称不能为空", "The scheme needs a title"),
            ));
        }
        if !(2000..=2100).contains(&d.year) {
            out.push(field(
                k,
                id,
                "year",
                Text::new("年度须在 2000–2100 之间", "The year must be 2000–2100"),
            ));
        }
        if crate::domain::scoring::not_positive(d.total_points) {
            out.push(field(
                k,
                id,
                "total_points",
                Text::new("总分须大于 0", "Total points must be above 0"),
            ));
        }
        let mut ids = HashSet::new();
        for i in &d.indicators {
            if !ids.insert(i.id.as_str()) {
                out.push(field(
                    k,
                    id,
                    "indicators",
                    Text::new(
                        format!("指标编号 {} 重复", i.id),
                        format!("Indicator id {} is repeated", i.id),
                    ),
                ));
            }
            if blank(&i.name) {
                out.push(field(
                    k,
                    id,
                    "indicators",
                    Text::new("指标名称不能为空", "Every indicator needs a name"),
                ));
            }
            if i.parent.as_ref().is_some_and(|p| d.indicator(p).is_none()) {
                out.push(field(
                    k,
                    id,
                    "indicators",
                    Text::new(
                        format!("指标“{}”的上级指标不存在", i.name),
                        format!("The parent of indicator “{}” does not exist", i.name),
                    ),
                ));
            }
        }
        let mut seen = HashSet::new();
        for a in &d.assessees {
            if !seen.insert(a) {
                out.push(field(
                    k,
                    id,
                    "assessees",
                    Text::new(
                        format!("考核对象“{}”重复", ws.assessee_label(a)),
                        format!("Assessee “{}” is listed twice", ws.assessee_label(a)),
                    ),
                ));
            }
            let wrong = match d.assessee_kind {
                AssesseeKind::Individual => a.person_id.is_none(),
                _ => a.person_id.is_some(),
            };
            if wrong {
                out.push(field(
                    k,
                    id,
                    "assessees",
                    Text::new(
                        "个人考核方案的对象须是人员，单位考核方案的对象须是单位",
                        "An individual scheme assesses persons; a unit scheme assesses units",
                    ),
                ));
            }
        }
        let mut codes = HashSet::new();
        for v in &d.veto_items {
            if blank(&v.code) || blank(&v.name) || !codes.insert(v.code.trim()) {
                out.push(field(
                    k,
                    id,
                    "veto_items",
                    Text::new(
                        "否决项须有不重复的编码和名称",
                        "Each veto item needs a unique code and a name",
                    ),
                ));
            }
        }
        if !d.thresholds.well_ordered() {
            out.push(field(
                k,
                id,
                "thresholds",
                Text::new(
                    "等次分数线须由高到低（如 90 / 80 / 60）",
                    "Grade thresholds must decrease (e.g. 90 / 80 / 60)",
                ),
            ));
        }
        // BR-D3: points add up — a warning on a draft, a block once published.
        let sev = if d.status == SchemeStatus::Draft {
            Severity::Warn
        } else {
            Severity::Block
        };
        for (_, m) in d.points_problems() {
            if d.indicators.is_empty() && d.status == SchemeStatus::Draft {
                continue;
            }
            out.push(violation(
                "BR-D3",
                sev,
                None,
                k,
                id,
                Some("indicators"),
                Text::new(
                    format!("{}（发布前须修正）", m.zh),
                    format!("{} (to fix before publishing)", m.en),
                ),
            ));
        }
        // BR-A1, indicator part: economic development outweighs social affairs.
        if d.assessee_kind == AssesseeKind::ParkLeadership && !d.indicators.is_empty() {
            let eco = d.points_by(|c| c.is_economic());
            let soc = d.points_by(|c| c.is_social());
            if eco <= soc {
                out.push(violation(
                    "BR-A1",
                    Severity::Warn,
                    Some("S1.1"),
                    k,
                    id,
                    Some("indicators"),
                    Text::new(
                        format!(
                            "园区以经济建设发展职能为主：班子考核中经济发展类指标（{} 分）应多于社会事务类指标（{} 分）",
                            centi_text(eco),
                            centi_text(soc)
                        ),
                        format!(
                            "Parks put economic development first: economic indicators ({} points) should outweigh social-affairs indicators ({} points) in the leadership scheme",
                            centi_text(eco),
                            centi_text(soc)
                        ),
                    ),
                ));
            }
        }
        // BR-D5: the quota's configuration.
        if let Some(q) = &d.quota {
            if q.share_permille > QUOTA_STANDARD_PERMILLE && q.approval.is_none() {
                out.push(violation(
                    "BR-D5",
                    Severity::Block,
                    None,
                    k,
                    id,
                    Some("quota"),
                    Text::new(
                        format!(
                            "最高等次比例 {}% 超过 20%，须有批准记录（最多 25%）",
                            q.share_permille as f64 / 10.0
                        ),
                        format!(
                            "A top-grade share of {}% is above 20% and needs a recorded approval (25% at most)",
                            q.share_permille as f64 / 10.0
                        ),
                    ),
                ));
            }
            if let Some(a) = &q.approval {
                if a.share_permille > QUOTA_APPROVED_MAX_PERMILLE {
                    out.push(violation(
                        "BR-D5",
                        Severity::Block,
                        None,
                        k,
                        id,
                        Some("quota"),
                        Text::new(
                            "经批准的最高等次比例也不能超过 25%",
                            "Even with approval the top-grade share cannot exceed 25%",
                        ),
                    ));
                }
                if blank(&a.reason) || (a.approved_by_org_id.is_none() && a.doc.is_none()) {
                    out.push(violation(
                        "BR-D5",
                        Severity::Block,
                        None,
                        k,
                        id,
                        Some("quota"),
                        Text::new(
                            "上调优秀比例须记录批准机关或批准文件，以及理由",
                            "Raising the top-grade share needs the approving organ or document, and a reason",
                        ),
                    ));
                }
            }
        }
        if let Some(o) = outcomes.get(id) {
            let over = o.quota.over();
            if over > 0 {
                out.push(violation(
                    "BR-D5",
                    Severity::Block,
                    None,
                    k,
                    id,
                    Some("quota"),
                    Text::new(
                        format!(
                            "最高等次 {} 名，超过比例允许的 {} 名",
                            o.quota.used,
                            o.quota.places.unwrap_or(0)
                        ),
                        format!(
                            "{} top grades exceed the {} places the quota allows",
                            o.quota.used,
                            o.quota.places.unwrap_or(0)
                        ),
                    ),
                ));
            }
            if o.quota.left_by_tie > 0 {
                out.push(violation(
                    "BR-D5",
                    Severity::Info,
                    None,
                    k,
                    id,
                    Some("quota"),
                    Text::new(
                        format!(
                            "名额边界处成绩并列，剩余 {} 个最高等次名额未分配，可由考核委员会以调整理由决定",
                            o.quota.left_by_tie
                        ),
                        format!(
                            "A tie at the quota boundary leaves {} top-grade places unassigned; the committee may award them by a reasoned override",
                            o.quota.left_by_tie
                        ),
                    ),
                ));
            }
        }
        if d.assessee_kind == AssesseeKind::ParkLeadership {
            if d.cycle != Cycle::Annual {
                out.push(violation(
                    "BR-D1",
                    Severity::Warn,
                    Some("S6.1"),
                    k,
                    id,
                    Some("cycle"),
                    Text::new(
                        "管委会班子纳入年度目标责任制考核：周期应为年度",
                        "The park leadership is assessed in the annual target-responsibility scheme: the cycle should be annual",
                    ),
                ));
            }
            let city = d
                .assessor_org_id
                .as_ref()
                .and_then(|o| ws.org_units.live(o))
                .is_some_and(|o| {
                    matches!(
                        o.data.kind,
                        OrgKind::CityPartyCommittee | OrgKind::CityGovernment
                    )
                });
            if !city {
                out.push(violation(
                    "BR-D1",
                    Severity::Warn,
                    Some("S6.1"),
                    k,
                    id,
                    Some("assessor_org_id"),
                    Text::new(
                        "管委会班子由市委、市政府按对县区的目标责任制考核：考核主体应为市委或市政府",
                        "The park leadership is assessed by the city like a county: the assessor should be the city Party committee or government",
                    ),
                ));
            }
        }
    }
    pilot_parks_in_county_scheme(ws, out);
    own_indicator_sets(ws, out);
}

/// BR-D1: each pilot park's leadership (its 管委会) is an assessee of a county-level scheme of
/// every year the park is assessed in, with the counties' cycle and grade scale.
fn pilot_parks_in_county_scheme(ws: &Workspace, out: &mut Vec<Violation>) {
    let mut years: HashMap<&str, HashSet<i32>> = HashMap::new();
    let mut county_years: HashSet<i32> = HashSet::new();
    let mut assessed: HashSet<(&str, i32)> = HashSet::new();
    let mut county_scale: HashMap<i32, Vec<&AssessmentSchemeData>> = HashMap::new();
    for s in ws.assessment_schemes.iter_live() {
        let d = &s.data;
        if let Some(p) = &d.park_id {
            years.entry(p.as_str()).or_default().insert(d.year);
        }
        if d.assessee_kind.is_county_level() {
            county_years.insert(d.year);
            for a in &d.assessees {
                assessed.insert((a.org_id.as_str(), d.year));
            }
        }
        if d.assessee_kind == AssesseeKind::CountyLeadership {
            county_scale.entry(d.year).or_default().push(d);
        }
    }
    let mut mgmt: HashMap<&str, Vec<&str>> = HashMap::new();
    for o in ws.org_units.iter_live() {
        if o.data.kind == OrgKind::ParkMgmtCommittee
            && o.data.is_active()
            && let Some(p) = &o.data.park_id
        {
            mgmt.entry(p.as_str()).or_default().push(o.id());
        }
    }
    for p in ws.parks.iter_live().filter(|p| p.data.pilot) {
        let mut ys: Vec<i32> = years
            .get(p.id())
            .map(|y| y.iter().copied().collect())
            .unwrap_or_default();
        ys.extend(county_years.iter().copied());
        ys.sort();
        ys.dedup();
        let committees = mgmt.get(p.id()).cloned().unwrap_or_default();
        for y in ys {
            if !committees.iter().any(|c| assessed.contains(&(*c, y))) {
                out.push(violation(
                    "BR-D1",
                    Severity::Warn,
                    Some("S6.1"),
                    Kind::Park,
                    p.id(),
                    None,
                    Text::new(
                        format!(
                            "{y} 年：试点园区管委会班子应纳入市对县区的年度目标责任制考核（作为考核对象）"
                        ),
                        format!(
                            "{y}: the pilot park's leadership should be an assessee of the city's annual target-responsibility assessment of counties"
                        ),
                    ),
                ));
            }
        }
    }
    // Separate county schemes of a year: the park leadership's scheme keeps their scale and cycle.
    for s in ws.assessment_schemes.iter_live() {
        let d = &s.data;
        if d.assessee_kind != AssesseeKind::ParkLeadership {
            continue;
        }
        for c in county_scale.get(&d.year).into_iter().flatten() {
            if c.scale != d.scale || c.thresholds != d.thresholds || c.cycle != d.cycle {
                out.push(violation(
                    "BR-D1",
                    Severity::Warn,
                    Some("S6.1"),
                    Kind::AssessmentScheme,
                    s.id(),
                    Some("scale"),
                    Text::new(
                        format!(
                            "应与县区考核“{}”采用相同的周期、等次和分数线",
                            c.title
                        ),
                        format!(
                            "Should use the same cycle, grades and thresholds as the county scheme “{}”",
                            c.title
                        ),
                    ),
                ));
            }
        }
    }
}

/// BR-D2: internal bodies, entrusted bodies and individuals of one park and year each have
/// their own indicator set; the same set reused for two of them is flagged.
fn own_indicator_sets(ws: &Workspace, out: &mut Vec<Violation>) {
    // (park, year, indicator set) → the schemes using it.
    type Key<'a> = (Option<&'a str>, i32, String);
    let mut groups: HashMap<Key, Vec<(&str, AssesseeKind)>> = HashMap::new();
    for s in ws.assessment_schemes.iter_live() {
        let d = &s.data;
        if !d.assessee_kind.needs_own_set() || d.indicators.is_empty() {
            continue;
        }
        let mut sig: Vec<String> = d
            .indicators
            .iter()
            .map(|i| format!("{}|{}", i.name.trim(), centi(i.points)))
            .collect();
        sig.sort();
        groups
            .entry((d.park_id.as_deref(), d.year, sig.join("\u{1f}")))
            .or_default()
            .push((s.id(), d.assessee_kind));
    }
    for list in groups.values() {
        let kinds: HashSet<AssesseeKind> = list.iter().map(|x| x.1).collect();
        if kinds.len() < 2 {
            continue;
        }
        for (id, _) in list {
            out.push(violation(
                "BR-D2",
                Severity::Warn,
                Some("S6.2"),
                Kind::AssessmentScheme,
                id,
                Some("indicators"),
                Text::new(
                    "内设机构、托管机构和在职人员应根据贡献和岗位分别制定考核指标：本方案与其他对象类别的方案指标相同",
                    "Internal bodies, entrusted bodies and staff should each have their own indicators: this scheme reuses another group's indicator set",
                ),
            ));
        }
    }
}

fn results(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::AssessmentResult;
    let mut seen: HashSet<(&str, &super::assessment::Assessee)> = HashSet::new();
    let listed: HashMap<&str, HashSet<&super::assessment::Assessee>> = ws
        .assessment_schemes
        .iter_live()
        .map(|s| (s.id(), s.data.assessees.iter().collect()))
        .collect();
    for r in ws.assessment_results.iter_live() {
        let (id, d) = (r.id(), &r.data);
        let Some(s) = ws.assessment_schemes.live(&d.scheme_id) else {
            out.push(field(
                k,
                id,
                "scheme_id",
                Text::new("所属考核方案不存在", "The scheme does not exist"),
            ));
            continue;
        };
        let s = &s.data;
        if !seen.insert((d.scheme_id.as_str(), &d.assessee)) {
            out.push(field(
                k,
                id,
                "assessee",
                Text::new(
                    "同一方案中该对象已有考核记录",
                    "This assessee already has a record in the scheme",
                ),
            ));
        }
        if !listed
            .get(d.scheme_id.as_str())
            .is_some_and(|l| l.contains(&d.assessee))
        {
            out.push(violation(
                "FIELD",
                Severity::Warn,
                None,
                k,
                id,
                Some("assessee"),
                Text::new(
                    "该对象不在方案的考核对象中，记录不计入结果",
                    "The assessee is not in the scheme's list; the record is not counted",
                ),
            ));
        }
        result_fields(s, id, d, out);
    }
}

fn result_fields(
    s: &AssessmentSchemeData,
    id: &str,
    d: &AssessmentResultData,
    out: &mut Vec<Violation>,
) {
    let k = Kind::AssessmentResult;
    for e in &d.entries {
        let Some(ind) = s.indicator(&e.indicator) else {
            out.push(violation(
                "FIELD",
                Severity::Warn,
                None,
                k,
                id,
                Some("entries"),
                Text::new(
                    format!("指标 {} 已不在方案中，该项不计分", e.indicator),
                    format!(
                        "Indicator {} is no longer in the scheme; the entry is not scored",
                        e.indicator
                    ),
                ),
            ));
            continue;
        };
        let bad_number = [e.target, e.actual]
            .iter()
            .flatten()
            .any(|x| !x.is_finite());
        let negative = matches!(
            ind.method,
            ScoringMethod::Deduction { .. } | ScoringMethod::BonusItem
        ) && e.actual.is_some_and(|x| x < 0.0);
        if bad_number || negative {
            out.push(field(
                k,
                id,
                "entries",
                Text::new(
                    format!("指标“{}”的数值无效（扣分、加分不能为负）", ind.name),
                    format!(
                        "Indicator “{}” has an invalid number (deductions and bonuses cannot be negative)",
                        ind.name
                    ),
                ),
            ));
        }
        if let (ScoringMethod::Qualitative { levels }, Some(r)) = (&ind.method, &e.rating)
            && !levels.iter().any(|l| l.label == r.trim())
        {
            out.push(field(
                k,
                id,
                "entries",
                Text::new(
                    format!("指标“{}”的评价“{r}”不在等级中", ind.name),
                    format!(
                        "Indicator “{}”: rating “{r}” is not one of its levels",
                        ind.name
                    ),
                ),
            ));
        }
    }
    for c in &d.component_scores {
        if !(0.0..=100.0).contains(&c.score) {
            out.push(field(
                k,
                id,
                "component_scores",
                Text::new(
                    "构成得分须在 0–100 之间",
                    "Component scores must be between 0 and 100",
                ),
            ));
        }
    }
    for v in &d.vetoed_by {
        if !s.veto_items.iter().any(|x| &x.code == v) {
            out.push(field(
                k,
                id,
                "vetoed_by",
                Text::new(
                    format!("否决项 {v} 不在方案中"),
                    format!("Veto item {v} is not in the scheme"),
                ),
            ));
        }
    }
    if let Some(o) = &d.grade_override {
        if blank(&o.reason) {
            out.push(field(
                k,
                id,
                "grade_override",
                Text::new("调整等次须写明理由", "A grade override needs a reason"),
            ));
        }
        if o.level > LOWEST {
            out.push(field(
                k,
                id,
                "grade_override",
                Text::new("等次无效", "Invalid grade"),
            ));
        }
        let effects: Vec<VetoEffect> = d
            .vetoed_by
            .iter()
            .filter_map(|c| s.veto_items.iter().find(|v| &v.code == c))
            .map(|v| v.effect)
            .collect();
        let breaks = (effects.contains(&VetoEffect::ForceLowest) && o.level != LOWEST)
            || (effects.contains(&VetoEffect::NoTopGrade) && o.level == 0);
        if breaks {
            out.push(violation(
                "BR-D4",
                Severity::Block,
                None,
                k,
                id,
                Some("grade_override"),
                Text::new(
                    "触发一票否决项后，调整等次不能高于否决项允许的等次",
                    "With a veto item triggered, an override cannot give a better grade than the veto allows",
                ),
            ));
        }
    }
}

fn pools(ws: &Workspace, outcomes: &Outcomes, out: &mut Vec<Violation>) {
    let k = Kind::BonusPool;
    for p in ws.bonus_pools.iter_live() {
        let (id, d) = (p.id(), &p.data);
        if blank(&d.title) {
            out.push(field(
                k,
                id,
                "title",
                Text::new("奖金池名称不能为空", "The pool needs a title"),
            ));
        }
        if d.total_fen < 0 {
            out.push(field(
                k,
                id,
                "total_fen",
                Text::new("奖金总额不能为负", "The pool total cannot be negative"),
            ));
        }
        if d.total_fen > bonus::MAX_FEN {
            out.push(field(
                k,
                id,
                "total_fen",
                Text::new(
                    format!("奖金总额超过上限 ¥{}", bonus::yuan_text(bonus::MAX_FEN)),
                    format!(
                        "The pool total exceeds the limit of ¥{}",
                        bonus::yuan_text(bonus::MAX_FEN)
                    ),
                ),
            ));
        }
        if d.special_awards
            .iter()
            .any(|a| a.amount_fen > bonus::MAX_FEN)
        {
            out.push(field(
                k,
                id,
                "special_awards",
                Text::new(
                    format!(
                        "特殊贡献奖金额超过上限 ¥{}",
                        bonus::yuan_text(bonus::MAX_FEN)
                    ),
                    format!(
                        "A special award exceeds the limit of ¥{}",
                        bonus::yuan_text(bonus::MAX_FEN)
                    ),
                ),
            ));
        }
        if d.unit_distributions
            .iter()
            .flat_map(|u| &u.amounts)
            .any(|x| !(0..=bonus::MAX_FEN).contains(&x.amount_fen))
        {
            out.push(field(
                k,
                id,
                "unit_distributions",
                Text::new(
                    format!(
                        "单位自行分配的金额须在 ¥0–¥{} 之间",
                        bonus::yuan_text(bonus::MAX_FEN)
                    ),
                    format!(
                        "Amounts a unit distributes must be within ¥0–¥{}",
                        bonus::yuan_text(bonus::MAX_FEN)
                    ),
                ),
            ));
        }
        if ws.parks.live(&d.park_id).is_none() {
            out.push(field(
                k,
                id,
                "park_id",
                Text::new("园区不存在", "The park does not exist"),
            ));
        }
        for (f, m) in d.tilt_problems() {
            out.push(violation(
                "BR-D7",
                Severity::Block,
                Some("S6.3"),
                k,
                id,
                Some(f),
                m,
            ));
        }
        // BR-D8: special awards outside the formula, reasoned, approved, capped.
        let special = d.special_fen();
        for a in &d.special_awards {
            if blank(&a.reason) || a.approved_by_org_id.is_none() {
                out.push(violation(
                    "BR-D8",
                    Severity::Warn,
                    Some("S6.3"),
                    k,
                    id,
                    Some("special_awards"),
                    Text::new(
                        "特殊贡献奖须写明事由并记录批准机关",
                        "Each special award needs its reason and the approving organ",
                    ),
                ));
            }
            if a.amount_fen <= 0 || (a.person_id.is_none() && a.org_id.is_none()) {
                out.push(field(
                    k,
                    id,
                    "special_awards",
                    Text::new(
                        "特殊贡献奖须有对象和大于 0 的金额",
                        "Each special award needs a recipient and an amount above 0",
                    ),
                ));
            }
        }
        let cap = i128::from(d.total_fen.max(0)) * i128::from(d.special_cap_permille) / 1000;
        if i128::from(special) > cap {
            out.push(violation(
                "BR-D8",
                Severity::Warn,
                Some("S6.3"),
                k,
                id,
                Some("special_awards"),
                Text::new(
                    format!(
                        "特殊贡献奖合计 ¥{} 超过奖金总额的 {}%（¥{}）",
                        bonus::yuan_text(special),
                        d.special_cap_permille as f64 / 10.0,
                        bonus::yuan_text(cap as i64)
                    ),
                    format!(
                        "Special awards of ¥{} exceed {}% of the pool (¥{})",
                        bonus::yuan_text(special),
                        d.special_cap_permille as f64 / 10.0,
                        bonus::yuan_text(cap as i64)
                    ),
                ),
            ));
        }
        if special > d.total_fen {
            out.push(field(
                k,
                id,
                "special_awards",
                Text::new(
                    "特殊贡献奖合计超过奖金总额",
                    "Special awards exceed the pool total",
                ),
            ));
        }
        // Results the pool rests on: this park's year, graded.
        let mut not_final = 0;
        for sid in d.unit_scheme_ids.iter().chain(&d.person_scheme_ids) {
            match ws.assessment_schemes.live(sid) {
                None => out.push(field(
                    k,
                    id,
                    "unit_scheme_ids",
                    Text::new(
                        "引用的考核方案不存在",
                        "A scheme the pool refers to does not exist",
                    ),
                )),
                Some(s) => {
                    if s.data.year != d.year {
                        out.push(violation(
                            "BR-D6",
                            Severity::Warn,
                            Some("S6.2"),
                            k,
                            id,
                            Some("unit_scheme_ids"),
                            Text::new(
                                format!("方案“{}”不是 {} 年度的考核", s.data.title, d.year),
                                format!("Scheme “{}” is not of {}", s.data.title, d.year),
                            ),
                        ));
                    }
                    if !s.data.status.is_final() {
                        not_final += 1;
                    }
                }
            }
        }
        if d.person_scheme_ids.is_empty() {
            out.push(violation(
                "BR-D6",
                Severity::Warn,
                Some("S6.2"),
                k,
                id,
                Some("person_scheme_ids"),
                Text::new(
                    "奖金分配须依据考核结果：请选择个人考核方案",
                    "The allocation must follow assessment results: choose the staff scheme",
                ),
            ));
        }
        if not_final > 0 {
            out.push(violation(
                "BR-D6",
                Severity::Info,
                Some("S6.2"),
                k,
                id,
                Some("person_scheme_ids"),
                Text::new(
                    format!("{not_final} 个考核方案尚未定等：分配仅为测算"),
                    format!(
                        "{not_final} schemes are not graded yet: the allocation is an estimate"
                    ),
                ),
            ));
        }
        let alloc = bonus::allocate_with(ws, d, outcomes);
        for u in bonus::equal_shares_despite_grades(&alloc) {
            out.push(violation(
                "BR-D6",
                Severity::Warn,
                Some("S6.2"),
                k,
                id,
                Some("unit_distributions"),
                Text::new(
                    format!(
                        "“{}”人人金额相同而等次不同：平均分配，未与实绩挂钩",
                        ws.label_of(Kind::OrgUnit, &u)
                    ),
                    format!(
                        "“{}” pays everyone the same despite different grades: an equal split not linked to results",
                        ws.label_of(Kind::OrgUnit, &u)
                    ),
                ),
            ));
        }
        for own in &d.unit_distributions {
            let unit = alloc.units.iter().find(|u| u.org_id == own.org_id);
            if unit.is_none_or(|u| !u.own_distribution) {
                out.push(violation(
                    "BR-D6",
                    Severity::Warn,
                    Some("S6.2"),
                    k,
                    id,
                    Some("unit_distributions"),
                    Text::new(
                        format!(
                            "“{}”的自行分配与单位额度或人员不符，按建议方案计",
                            ws.label_of(Kind::OrgUnit, &own.org_id)
                        ),
                        format!(
                            "The own distribution of “{}” does not match the unit's share or people; the proposal applies",
                            ws.label_of(Kind::OrgUnit, &own.org_id)
                        ),
                    ),
                ));
            }
        }
    }
}

/// BR-D9: a use of results for someone not on the scheme's list needs a deviation reason.
fn uses(ws: &Workspace, outcomes: &Outcomes, out: &mut Vec<Violation>) {
    let k = Kind::ResultUse;
    let mut lists = HashMap::new();
    for u in ws.result_uses.iter_live() {
        let (id, d) = (u.id(), &u.data);
        let Some(s) = ws.assessment_schemes.live(&d.scheme_id) else {
            out.push(field(
                k,
                id,
                "scheme_id",
                Text::new("考核方案不存在", "The scheme does not exist"),
            ));
            continue;
        };
        if s.data.assessee_kind != AssesseeKind::Individual {
            out.push(field(
                k,
                id,
                "scheme_id",
                Text::new(
                    "结果运用须依据个人考核方案",
                    "Use of results follows an individual scheme",
                ),
            ));
            continue;
        }
        if !s.data.status.is_final() {
            out.push(violation(
                "BR-D9",
                Severity::Warn,
                Some("S6.4"),
                k,
                id,
                Some("scheme_id"),
                Text::new(
                    "考核等次尚未确定，结果运用应在定等之后",
                    "Grades are not final yet; results should be used after grading",
                ),
            ));
        }
        let l = lists.entry(d.scheme_id.as_str()).or_insert_with(|| {
            outcomes
                .get(&d.scheme_id)
                .map(|o| priority_lists_of(&o.rows, s.data.assessees.len()))
                .unwrap_or_default()
        });
        if !l.lists(d.kind, &d.person_id) && d.deviation_reason.as_deref().is_none_or(blank) {
            let list = match d.kind {
                ResultUseKind::Commendation => ("评先表彰推荐名单", "commendation list"),
                ResultUseKind::Promotion | ResultUseKind::GradePromotion => {
                    ("提拔任用优先名单", "promotion-priority list")
                }
                ResultUseKind::Admonish => ("诫勉调整名单", "admonishment list"),
            };
            out.push(violation(
                "BR-D9",
                Severity::Warn,
                Some("S6.4"),
                k,
                id,
                Some("deviation_reason"),
                Text::new(
                    format!("此人不在{}上：须写明偏离理由", list.0),
                    format!(
                        "This person is not on the {}: a deviation reason is needed",
                        list.1
                    ),
                ),
            ));
        }
    }
}
