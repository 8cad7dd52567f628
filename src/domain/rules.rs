//! Business rules of territory and organisation (shared/domain.md §5.A) and field checks.
//! Rules never panic: they return typed violations; a Block stops the command that causes it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::entrustment::{EntrustScope, EntrustmentStatus};
use super::org::OrgKind;
use super::text::Text;
use super::workspace::{Kind, Workspace};
use crate::coded_enum;

coded_enum! {
    pub enum Severity {
        Block => ("BLOCK", "阻止", "Block"),
        Warn => ("WARN", "警示", "Warning"),
        Info => ("INFO", "提示", "Info"),
        /// A computed hint for inspectors (e.g. 明放暗不放 signals); never blocks.
        Signal => ("SIGNAL", "信号", "Signal"),
    }
}

/// One broken rule, located on a record (and a field where there is one).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// Rule id, e.g. "BR-A4", or "FIELD" for a plain field check.
    pub rule: &'static str,
    pub severity: Severity,
    /// Report sentence the rule comes from (shared/domain.md §0.3), if any.
    pub source: Option<&'static str>,
    pub kind: Kind,
    pub id: String,
    pub field: Option<&'static str>,
    pub message: Text,
}

impl Violation {
    /// Identity used to tell new violations from ones that were already there.
    /// The message is part of it, so a second overlap on the same record is still new.
    pub fn key(&self) -> (&'static str, Kind, &str, Option<&'static str>, &str) {
        (self.rule, self.kind, &self.id, self.field, &self.message.en)
    }
}

/// A located violation; the rule files build theirs with it.
pub fn violation(
    rule: &'static str,
    severity: Severity,
    source: Option<&'static str>,
    kind: Kind,
    id: &str,
    field: Option<&'static str>,
    message: Text,
) -> Violation {
    Violation {
        rule,
        severity,
        source,
        kind,
        id: id.to_string(),
        field,
        message,
    }
}

/// A plain field check: Block, no rule id or report sentence, located on the field.
pub fn field_error(kind: Kind, id: &str, field: &'static str, message: Text) -> Violation {
    violation(
        "FIELD",
        Severity::Block,
        None,
        kind,
        id,
        Some(field),
        message,
    )
}

/// [`field_error`] with the message in its two languages.
pub fn field_zh_en(
    kind: Kind,
    id: &str,
    field: &'static str,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> Violation {
    field_error(kind, id, field, Text::new(zh, en))
}

struct Sink {
    out: Vec<Violation>,
}

impl Sink {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &'static str,
        severity: Severity,
        source: Option<&'static str>,
        kind: Kind,
        id: &str,
        field: Option<&'static str>,
        message: Text,
    ) {
        self.out.push(Violation {
            rule,
            severity,
            source,
            kind,
            id: id.to_string(),
            field,
            message,
        });
    }
    fn field(&mut self, kind: Kind, id: &str, field: &'static str, message: Text) {
        self.push(
            "FIELD",
            Severity::Block,
            None,
            kind,
            id,
            Some(field),
            message,
        );
    }
}

pub use super::text::blank;

/// Checks every live record and the park-level rules; `as_of` decides which entrustments are in force.
pub fn check_all(ws: &Workspace, as_of: NaiveDate) -> Vec<Violation> {
    let mut s = Sink { out: Vec::new() };
    counties(ws, &mut s);
    townships(ws, &mut s);
    parks(ws, &mut s);
    entrustments(ws, &mut s);
    org_units(ws, &mut s);
    integration(ws, as_of, &mut s);
    super::delegation_rules::power_items(ws, &mut s.out);
    super::delegation_rules::delegations(ws, as_of, &mut s.out);
    super::org_rules::check(ws, as_of, &mut s.out);
    super::staffing_rules::check(ws, as_of, &mut s.out);
    super::appointment_rules::check(ws, as_of, &mut s.out);
    super::selection_rules::check(ws, as_of, &mut s.out);
    super::supervision_rules::check(ws, as_of, &mut s.out);
    super::service_rules::check(ws, as_of, &mut s.out);
    super::outcome_rules::check(ws, as_of, &mut s.out);
    super::assessment_rules::check(ws, as_of, &mut s.out);
    s.out
}

/// The violations of one check, indexed by record so that a list can show each row's issues
/// without checking the whole workspace once per row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViolationIndex {
    all: Vec<Violation>,
    by_record: std::collections::HashMap<(Kind, String), Vec<usize>>,
}

impl ViolationIndex {
    pub fn new(all: Vec<Violation>) -> Self {
        let mut by_record: std::collections::HashMap<(Kind, String), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, v) in all.iter().enumerate() {
            by_record.entry((v.kind, v.id.clone())).or_default().push(i);
        }
        ViolationIndex { all, by_record }
    }

    pub fn check(ws: &Workspace, as_of: NaiveDate) -> Self {
        Self::new(check_all(ws, as_of))
    }

    pub fn all(&self) -> &[Violation] {
        &self.all
    }

    /// The violations standing on one record.
    pub fn of(&self, kind: Kind, id: &str) -> impl Iterator<Item = &Violation> {
        self.by_record
            .get(&(kind, id.to_string()))
            .into_iter()
            .flatten()
            .map(|i| &self.all[*i])
    }
}

/// Block violations in `after` that were not already in `before`.
pub fn new_blocks(before: &[Violation], after: Vec<Violation>) -> Vec<Violation> {
    let old: BTreeSet<_> = before
        .iter()
        .filter(|v| v.severity == Severity::Block)
        .map(Violation::key)
        .collect();
    after
        .into_iter()
        .filter(|v| v.severity == Severity::Block && !old.contains(&v.key()))
        .collect()
}

fn counties(ws: &Workspace, s: &mut Sink) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for r in ws.counties.iter_live() {
        let name = r.data.name.trim();
        if name.is_empty() {
            s.field(
                Kind::County,
                r.id(),
                "name",
                Text::new("县区名称不能为空", "The county name is required"),
            );
        } else if let Some(other) = seen.insert(name, r.id())
            && other != r.id()
        {
            s.field(
                Kind::County,
                r.id(),
                "name",
                Text::new(
                    format!("已有同名县区“{name}”"),
                    format!("A county named “{name}” already exists"),
                ),
            );
        }
    }
}

fn townships(ws: &Workspace, s: &mut Sink) {
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for r in ws.townships.iter_live() {
        let (id, d) = (r.id(), &r.data);
        if blank(&d.name) {
            s.field(
                Kind::Township,
                id,
                "name",
                Text::new("乡镇名称不能为空", "The township name is required"),
            );
        } else if !seen.insert((d.name.trim(), d.county_id.as_str())) {
            s.field(
                Kind::Township,
                id,
                "name",
                Text::new(
                    format!("该县区已有乡镇“{}”", d.name.trim()),
                    format!("The county already has a township “{}”", d.name.trim()),
                ),
            );
        }
        if ws.counties.live(&d.county_id).is_none() {
            s.field(
                Kind::Township,
                id,
                "county_id",
                Text::new(
                    "请选择所属县区（所选县区不存在）",
                    "Choose the township's county (the chosen one does not exist)",
                ),
            );
        }
        if d.area_km2.is_some_and(|a| !(a.is_finite() && a >= 0.0)) {
            s.field(
                Kind::Township,
                id,
                "area_km2",
                Text::new(
                    "面积必须是不小于 0 的数",
                    "The area must be a number of at least 0",
                ),
            );
        }
        if let Some(p) = &d.in_planning_area_of
            && ws.parks.live(p).is_none()
        {
            s.field(
                Kind::Township,
                id,
                "in_planning_area_of",
                Text::new("所选园区不存在", "The chosen park does not exist"),
            );
        }
    }
}

fn valid_short_code(code: &str) -> bool {
    let mut chars = code.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && code.len() <= 8
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn parks(ws: &Workspace, s: &mut Sink) {
    let mut codes: BTreeMap<&str, &str> = BTreeMap::new();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for r in ws.parks.iter_live() {
        let (id, d) = (r.id(), &r.data);
        if blank(&d.name_zh) {
            s.field(
                Kind::Park,
                id,
                "name_zh",
                Text::new(
                    "园区中文名称不能为空",
                    "The park's Chinese name is required",
                ),
            );
        } else if !names.insert(d.name_zh.trim()) {
            s.field(
                Kind::Park,
                id,
                "name_zh",
                Text::new(
                    format!("已有同名园区“{}”", d.name_zh.trim()),
                    format!("A park named “{}” already exists", d.name_zh.trim()),
                ),
            );
        }
        if !valid_short_code(&d.short_code) {
            s.field(Kind::Park, id, "short_code", Text::new("简码须以大写字母开头，由 1–8 个大写字母或数字组成，如 GM", "The short code must start with a capital letter and have 1–8 capital letters or digits, e.g. GM"));
        } else if codes.insert(&d.short_code, id).is_some() {
            s.field(
                Kind::Park,
                id,
                "short_code",
                Text::new(
                    format!("简码 {} 已被其他园区使用", d.short_code),
                    format!(
                        "Short code {} is already used by another park",
                        d.short_code
                    ),
                ),
            );
        }
        if d.planning_area_km2
            .is_some_and(|a| !(a.is_finite() && a >= 0.0))
        {
            s.field(
                Kind::Park,
                id,
                "planning_area_km2",
                Text::new(
                    "规划面积必须是不小于 0 的数",
                    "The planning area must be a number of at least 0",
                ),
            );
        }
        for c in &d.host_county_ids {
            if ws.counties.live(c).is_none() {
                s.field(
                    Kind::Park,
                    id,
                    "host_county_ids",
                    Text::new(
                        "所在县区中有不存在的县区",
                        "One of the host counties does not exist",
                    ),
                );
            }
        }
        let fp = &d.function_profile;
        if !fp
            .primary
            .iter()
            .any(|a| super::territory::FunctionArea::ECONOMIC_CORE.contains(a))
        {
            s.push("BR-A1", Severity::Warn, Some("S1.1"), Kind::Park, id, Some("function_profile"), Text::new(
                "功能定位应以经济建设发展职能为主：主要职能至少包括招商、规划、建设之一",
                "The function profile should put economic development first: primary functions should include investment promotion, planning or construction",
            ));
        }
        if fp
            .primary
            .contains(&super::territory::FunctionArea::SocialAffairs)
        {
            s.push(
                "BR-A1",
                Severity::Warn,
                Some("S1.1"),
                Kind::Park,
                id,
                Some("function_profile"),
                Text::new(
                    "社会事务等综合管理职能应为辅助职能，而非主要职能",
                    "Social affairs should be a secondary function, not a primary one",
                ),
            );
        }
        // BR-A6: exactly one active 党工委 and one active 管委会.
        for (kind, zh, en) in [
            (
                OrgKind::ParkPartyCommittee,
                "党工委",
                "Party Working Committee",
            ),
            (OrgKind::ParkMgmtCommittee, "管委会", "Management Committee"),
        ] {
            let n = ws
                .org_units
                .iter_live()
                .filter(|o| {
                    o.data.kind == kind
                        && o.data.park_id.as_deref() == Some(id)
                        && o.data.is_active()
                })
                .count();
            if n != 1 {
                s.push(
                    "BR-A6",
                    Severity::Block,
                    Some("S1.3"),
                    Kind::Park,
                    id,
                    None,
                    Text::new(
                        format!("每个园区须有且仅有一个运行中的{zh}（现有 {n} 个）"),
                        format!("Each park needs exactly one active {en} (found {n})"),
                    ),
                );
            }
        }
    }
}

fn entrustments(ws: &Workspace, s: &mut Sink) {
    let mut by_township: BTreeMap<
        &str,
        Vec<&super::workspace::Rec<super::entrustment::EntrustmentData>>,
    > = BTreeMap::new();
    for r in ws.entrustments.iter_live() {
        let (id, d) = (r.id(), &r.data);
        let k = Kind::Entrustment;
        if ws.parks.live(&d.park_id).is_none() {
            s.field(
                k,
                id,
                "park_id",
                Text::new(
                    "请选择园区（所选园区不存在）",
                    "Choose a park (the chosen one does not exist)",
                ),
            );
        }
        let township = ws.townships.live(&d.township_id);
        if township.is_none() {
            s.field(
                k,
                id,
                "township_id",
                Text::new(
                    "请选择乡镇（所选乡镇不存在）",
                    "Choose a township (the chosen one does not exist)",
                ),
            );
        }
        if ws.counties.live(&d.entrusting_county_id).is_none() {
            s.field(
                k,
                id,
                "entrusting_county_id",
                Text::new(
                    "请选择委托方县区政府",
                    "Choose the entrusting county government",
                ),
            );
        } else if let Some(t) = township
            && t.data.county_id != d.entrusting_county_id
        {
            s.push(
                "BR-A3",
                Severity::Block,
                Some("S1.2"),
                k,
                id,
                Some("entrusting_county_id"),
                Text::new(
                    format!(
                        "委托方必须是乡镇所属县区（{}）的政府",
                        ws.label_of(Kind::County, &t.data.county_id)
                    ),
                    format!(
                        "The entrusting government must be that of the township's own county ({})",
                        ws.label_of(Kind::County, &t.data.county_id)
                    ),
                ),
            );
        }
        if !d.period.is_well_formed() {
            s.field(
                k,
                id,
                "period",
                Text::new(
                    "托管结束日期不能早于开始日期",
                    "The end date cannot be before the start date",
                ),
            );
        }
        match d.status {
            EntrustmentStatus::Effective | EntrustmentStatus::Terminated
                if d.basis.as_ref().is_none_or(|b| blank(&b.title)) =>
            {
                s.field(
                    k,
                    id,
                    "basis",
                    Text::new(
                        "已托管或已终止的托管须填写依据文件",
                        "An effective or terminated entrustment needs its decision document",
                    ),
                );
            }
            _ => {}
        }
        if d.status == EntrustmentStatus::Terminated && d.period.to.is_none() {
            s.field(
                k,
                id,
                "period",
                Text::new(
                    "已终止的托管须填写结束日期",
                    "A terminated entrustment needs an end date",
                ),
            );
        }
        if let EntrustScope::PartialVillages { villages } = &d.scope {
            if villages.iter().all(|v| blank(v)) {
                s.field(
                    k,
                    id,
                    "scope",
                    Text::new(
                        "部分村（社区）托管须列出村（社区）名称",
                        "A partial scope must list the villages or communities",
                    ),
                );
            }
            if d.justification_if_partial.as_deref().is_none_or(blank) {
                s.push("BR-A2", Severity::Block, Some("S1.2"), k, id, Some("justification_if_partial"), Text::new(
                    "非成建制托管须填写理由（报告要求以乡镇为单位成建制委托）",
                    "A scope other than the whole township needs a reason (the report entrusts whole townships)",
                ));
            } else {
                s.push(
                    "BR-A2",
                    Severity::Warn,
                    Some("S1.2"),
                    k,
                    id,
                    Some("scope"),
                    Text::new(
                        "非成建制托管（例外情形，已填写理由）",
                        "Not a whole-township entrustment (exception, reason recorded)",
                    ),
                );
            }
        }
        if let Some(t) = township
            && t.data.in_planning_area_of.as_deref() != Some(d.park_id.as_str())
        {
            s.push("BR-A5", Severity::Warn, Some("S1.2"), k, id, Some("township_id"), Text::new(
                    "托管乡镇应位于该园区规划范围内（请核对乡镇的“位于园区规划范围”）",
                    "An entrusted township should lie inside the park's planning area (check the township's planning-area field)",
                ));
        }
        if d.binding() {
            by_township
                .entry(d.township_id.as_str())
                .or_default()
                .push(r);
        }
    }
    // BR-A4: no two binding entrustments of one township overlap in time.
    for list in by_township.values() {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.data.period.overlaps(&b.data.period) {
                    for (x, y) in [(a, b), (b, a)] {
                        s.push("BR-A4", Severity::Block, Some("S1.2"), Kind::Entrustment, x.id(), Some("period"), Text::new(
                            format!("该乡镇在此期间已托管给“{}”：一个乡镇同一时间只能有一个生效的托管", ws.label_of(Kind::Park, &y.data.park_id)),
                            format!("The township is already entrusted to “{}” in this period: one township can have only one entrustment in force at a time", ws.label_of(Kind::Park, &y.data.park_id)),
                        ));
                    }
                }
            }
        }
    }
}

fn org_units(ws: &Workspace, s: &mut Sink) {
    for r in ws.org_units.iter_live() {
        if blank(&r.data.name) {
            s.field(
                Kind::OrgUnit,
                r.id(),
                "name",
                Text::new("机构名称不能为空", "The unit name is required"),
            );
        }
        if let Some(p) = &r.data.park_id
            && ws.parks.live(p).is_none()
        {
            s.field(
                Kind::OrgUnit,
                r.id(),
                "park_id",
                Text::new("机构所属园区不存在", "The unit's park does not exist"),
            );
        }
    }
}

/// BR-A8: every township in force under an entrustment should have a leadership cross-post.
fn integration(ws: &Workspace, as_of: NaiveDate, s: &mut Sink) {
    let covered = super::appointment::cross_posted_townships(ws, as_of);
    for r in ws
        .entrustments
        .iter_live()
        .filter(|r| r.data.in_force_on(as_of))
    {
        if !covered.contains(&r.data.township_id) {
            s.push("BR-A8", Severity::Warn, Some("S1.4"), Kind::Entrustment, r.id(), None, Text::new(
                format!("区镇合一：{} 尚无园区与乡镇领导职务一身兼的安排", ws.label_of(Kind::Township, &r.data.township_id)),
                format!("Park–town integration: {} has no leader holding both a park and a township post", ws.label_of(Kind::Township, &r.data.township_id)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::valid_short_code;

    #[test]
    fn short_codes() {
        assert!(valid_short_code("GM"));
        assert!(valid_short_code("GLG2"));
        assert!(!valid_short_code("gm"));
        assert!(!valid_short_code("2GM"));
        assert!(!valid_short_code(""));
        assert!(!valid_short_code("ABCDEFGHI"));
    }
}
