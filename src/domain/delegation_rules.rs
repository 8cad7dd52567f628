//! Rules of delegation BR-B1..B14 and the signals inspectors see (shared/domain.md §5.B, §6.1).
//! Blocks stop a command; warnings stand until fixed or explained; signals are hints.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::delegation::{
    CapacityConclusion, DelegationData, Grantor, Lifecycle, Reception, Territory,
};
use super::entrustment::EntrustmentData;
use super::inspection::DelegationsByPark;
use super::org::OrgKind;
use super::power::{
    Delegability, HolderLevel, PowerCategory, PowerItemData, PowerType, ProcessLink,
};
use super::rules::{Severity, Violation};
use super::rules::{blank, violation as v};
use super::text::Text;
use super::workspace::{Kind, Rec, Workspace};

/// Checks of the catalogue: unique codes, known domains, type ↔ category (BR-B7).
pub fn power_items(ws: &Workspace, out: &mut Vec<Violation>) {
    let mut codes: BTreeSet<&str> = BTreeSet::new();
    for r in ws.power_items.iter_live() {
        let (id, d, k) = (r.id(), &r.data, Kind::PowerItem);
        if blank(&d.name) {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("name"),
                Text::new("事项名称不能为空", "The item name is required"),
            ));
        }
        let code = d.item_code.trim();
        if code.is_empty() {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("item_code"),
                Text::new("事项编码不能为空", "The item code is required"),
            ));
        } else if !codes.insert(code) {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("item_code"),
                Text::new(
                    format!("事项编码 {code} 重复"),
                    format!("Item code {code} is used twice"),
                ),
            ));
        }
        match super::power::domain(&d.domain_id) {
            None => out.push(v("FIELD", Severity::Block, None, k, id, Some("domain_id"), Text::new("请选择职能领域", "Choose a function domain"))),
            Some(dom) if dom.category != d.category => out.push(v(
                "BR-B7",
                Severity::Block,
                Some("S2.2"),
                k,
                id,
                Some("domain_id"),
                Text::new(
                    format!("职能领域“{}”属于{}，与事项类别{}不符（规划、建设、环保、文化在不同类别中是不同领域）", dom.zh, dom.category.zh(), d.category.zh()),
                    format!("Domain “{}” belongs to {}, not {} (planning, construction, environment and culture exist in two categories)", dom.en, dom.category.en(), d.category.en()),
                ),
            )),
            Some(_) => {}
        }
        if matches!(d.power_type, PowerType::Penalty | PowerType::Coercion)
            && d.category != PowerCategory::Enforcement
        {
            out.push(v(
                "BR-B7",
                Severity::Warn,
                Some("S2.2"),
                k,
                id,
                Some("category"),
                Text::new(
                    "行政处罚、行政强制事项应属于行政执法类别",
                    "Penalty and coercion items belong to the enforcement category",
                ),
            ));
        }
        if let Some(dept) = &d.source_dept_id
            && ws.org_units.live(dept).is_none()
        {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("source_dept_id"),
                Text::new("原实施部门不存在", "The source department does not exist"),
            ));
        }
    }
}

/// Whether `township` is entrusted to `park` on `day`.
/// Entrustments by (park, township), built once per check: every delegation over townships asks.
struct Entrusted<'a>(HashMap<(&'a str, &'a str), Vec<&'a EntrustmentData>>);

impl<'a> Entrusted<'a> {
    fn of(ws: &'a Workspace) -> Self {
        let mut map: HashMap<(&str, &str), Vec<&EntrustmentData>> = HashMap::new();
        for e in ws.entrustments.iter_live() {
            map.entry((e.data.park_id.as_str(), e.data.township_id.as_str()))
                .or_default()
                .push(&e.data);
        }
        Entrusted(map)
    }

    fn on(&self, park: &str, township: &str, day: NaiveDate) -> bool {
        self.0
            .get(&(park, township))
            .is_some_and(|es| es.iter().any(|e| e.in_force_on(day)))
    }
}

fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Delegation rules for every live delegation, as of `as_of`.
pub fn delegations(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let mut open: BTreeMap<(&str, &str), Vec<&Rec<DelegationData>>> = BTreeMap::new();
    let entrusted = Entrusted::of(ws);
    for r in ws.delegations.iter_live() {
        let (id, d, k) = (r.id(), &r.data, Kind::Delegation);
        let Some(item) = ws.power_items.live(&d.power_item_id) else {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("power_item_id"),
                Text::new(
                    "请选择权力事项（所选事项不存在）",
                    "Choose a power item (the chosen one does not exist)",
                ),
            ));
            continue;
        };
        let Some(park) = ws.parks.live(&d.park_id) else {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("park_id"),
                Text::new(
                    "请选择承接园区（所选园区不存在）",
                    "Choose the receiving park (the chosen one does not exist)",
                ),
            ));
            continue;
        };
        let item = &item.data;
        if let (Some(from), Some(until)) = (d.effective_from, d.term_until)
            && until < from
        {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("term_until"),
                Text::new(
                    "期限不能早于生效日期",
                    "The term cannot end before the effective date",
                ),
            ));
        }
        if let Grantor::County { county_id } = &d.grantor
            && ws.counties.live(county_id).is_none()
        {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("grantor"),
                Text::new("赋权县区不存在", "The granting county does not exist"),
            ));
        }
        if let Some(org) = &d.recipient_org_id
            && ws.org_units.live(org).is_none()
        {
            out.push(v(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("recipient_org_id"),
                Text::new("承办机构不存在", "The receiving body does not exist"),
            ));
        }
        grantor_and_territory(ws, &entrusted, id, d, item, &park.data.name_zh, as_of, out);
        approval(id, d, item, out);
        enforcement_body(ws, id, d, item, out);
        signals(id, d, item, as_of, out);
        if d.lifecycle.is_open() {
            open.entry((d.power_item_id.as_str(), d.park_id.as_str()))
                .or_default()
                .push(r);
        }
    }
    // BR-B8: one open delegation per item, park and overlapping territory.
    for list in open.values() {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.data.territory.overlaps(&b.data.territory) {
                    for x in [a, b] {
                        out.push(v("BR-B8", Severity::Block, None, Kind::Delegation, x.id(), Some("territory"), Text::new(
                            "同一事项已向该园区下放（地域范围重叠且未结束）：不能重复下放",
                            "This item is already delegated to the park for an overlapping territory and that delegation has not ended",
                        )));
                    }
                }
            }
        }
    }
    let parks = DelegationsByPark::of(ws);
    chains(ws, &parks, out);
    enforcement_bodies_per_park(ws, &parks, out);
}

/// BR-B2, BR-B3, BR-B4.
#[allow(clippy::too_many_arguments)]
fn grantor_and_territory(
    ws: &Workspace,
    entrusted: &Entrusted,
    id: &str,
    d: &DelegationData,
    item: &PowerItemData,
    park_name: &str,
    as_of: NaiveDate,
    out: &mut Vec<Violation>,
) {
    let k = Kind::Delegation;
    let grantor_level = match d.grantor {
        Grantor::City => HolderLevel::City,
        Grantor::County { .. } => HolderLevel::County,
    };
    if grantor_level != item.holder_level {
        out.push(v("BR-B3", Severity::Block, Some("S2.1"), k, id, Some("grantor"), Text::new(
            format!("按权限赋权：该事项由{}行使，须由{}政府赋权", item.holder_level.zh(), item.holder_level.zh()),
            format!("Granted by authority: the item is held at {} level and must be granted by the {} government", item.holder_level.en().to_lowercase(), item.holder_level.en().to_lowercase()),
        )));
    }
    let social_or_enf = item.category != PowerCategory::Economic;
    if social_or_enf {
        if !matches!(d.grantor, Grantor::County { .. }) {
            out.push(v("BR-B2", Severity::Block, Some("S2.2"), k, id, Some("grantor"), Text::new(
                "社会管理和行政执法事项只能由县区政府委托",
                "Social-management and enforcement items can only be entrusted by a county government",
            )));
        }
        if d.mode != super::delegation::DelegationMode::Entrust {
            out.push(v(
                "BR-B2",
                Severity::Warn,
                Some("S2.2"),
                k,
                id,
                Some("mode"),
                Text::new(
                    "社会管理和行政执法事项应以委托方式赋予",
                    "Social-management and enforcement items should be given by entrustment",
                ),
            ));
        }
        match &d.territory {
            Territory::EntrustedTownships { township_ids } if !township_ids.is_empty() => {
                let day = d.effective_from.unwrap_or(as_of);
                for t in township_ids {
                    let name = ws.label_of(Kind::Township, t);
                    if !entrusted.on(&d.park_id, t, day) {
                        out.push(v("BR-B4", Severity::Block, Some("S2.2"), k, id, Some("territory"), Text::new(
                            format!("{name}在 {day} 未托管给{park_name}：社会管理和执法权只能在托管乡镇区域内行使"),
                            format!("{name} is not entrusted to {park_name} on {day}: social and enforcement powers apply only inside entrusted townships"),
                        )));
                    } else if d.lifecycle.is_open() && !entrusted.on(&d.park_id, t, as_of) && as_of > day {
                        out.push(v("BR-B4", Severity::Warn, Some("S2.2"), k, id, Some("territory"), Text::new(
                            format!("{name}的托管已于 {as_of} 前结束：该赋权需收回或调整"),
                            format!("The entrustment of {name} ended before {as_of}: this delegation needs to be revoked or adjusted"),
                        )));
                    }
                    if let (Grantor::County { county_id }, Some(town)) = (&d.grantor, ws.townships.live(t))
                        && &town.data.county_id != county_id {
                            out.push(v("BR-B4", Severity::Block, Some("S2.2"), k, id, Some("grantor"), Text::new(
                                format!("{name}不属于赋权县区：县区政府只能委托本县区乡镇范围内的权力"),
                                format!("{name} does not belong to the granting county: a county can only entrust powers for its own townships"),
                            )));
                        }
                }
            }
            _ => out.push(v("BR-B2", Severity::Block, Some("S2.2"), k, id, Some("territory"), Text::new(
                "社会管理和行政执法事项的地域范围须为托管乡镇（请选择乡镇）",
                "Social-management and enforcement items apply to entrusted townships only: choose the townships",
            ))),
        }
    } else if d.territory == Territory::CoreZone {
        out.push(v(
            "BR-B2",
            Severity::Warn,
            Some("S2.1"),
            k,
            id,
            Some("territory"),
            Text::new(
                "经济管理权限通常适用于全园区，仅限核心区属于缩小范围",
                "Economic powers normally apply to the whole park; core zone only narrows them",
            ),
        ));
    }
}

/// BR-B1 (need + capacity before approval) and the delegability of the item.
fn approval(id: &str, d: &DelegationData, item: &PowerItemData, out: &mut Vec<Violation>) {
    let k = Kind::Delegation;
    if item.delegability == Delegability::NotDelegable && d.lifecycle.is_open() {
        let sev = if d.lifecycle.is_approved_or_later() {
            Severity::Block
        } else {
            Severity::Warn
        };
        out.push(v(
            "BR-B1",
            sev,
            Some("S2.0"),
            k,
            id,
            Some("power_item_id"),
            Text::new("该事项依法不得下放", "By law this item cannot be delegated"),
        ));
    }
    if !d.lifecycle.is_approved_or_later() {
        return;
    }
    let need_ok = d.need.as_ref().is_some_and(|n| !blank(&n.rationale));
    let penalty = item.power_type == PowerType::Penalty;
    let capacity_ok = d
        .capacity
        .as_ref()
        .is_some_and(|c| c.conclusion(penalty) != CapacityConclusion::NotReady);
    if need_ok && capacity_ok {
        return;
    }
    let missing = match (need_ok, capacity_ok) {
        (false, false) => (
            "实际需要论证和承接能力评估",
            "a need justification and a capacity assessment",
        ),
        (false, true) => ("实际需要论证", "a need justification"),
        _ => (
            "“具备”或“基本具备”的承接能力评估",
            "a capacity assessment concluding ready",
        ),
    };
    if d.override_reason.as_deref().is_some_and(|r| !blank(r)) {
        out.push(v(
            "BR-B1",
            Severity::Warn,
            Some("S2.0"),
            k,
            id,
            Some("override_reason"),
            Text::new(
                format!("缺少{}，已记录越过理由批准", missing.0),
                format!("Approved without {}, with a recorded reason", missing.1),
            ),
        ));
    } else {
        out.push(v("BR-B1", Severity::Block, Some("S2.0"), k, id, Some("capacity"), Text::new(
            format!("批准下放前须有{}（根据园区实际需要和接受能力）；确需批准请填写越过理由", missing.0),
            format!("Approval needs {} (the park's actual needs and capacity); to approve anyway, record a reason", missing.1),
        )));
    }
}

/// BR-B5 and BR-B6: enforcement goes to the park's one unified enforcement body.
fn enforcement_body(
    ws: &Workspace,
    id: &str,
    d: &DelegationData,
    item: &PowerItemData,
    out: &mut Vec<Violation>,
) {
    let k = Kind::Delegation;
    if item.category == PowerCategory::Enforcement {
        let ok = d
            .recipient_org_id
            .as_ref()
            .and_then(|o| ws.org_units.live(o))
            .is_some_and(|o| {
                o.data.kind == OrgKind::UnifiedEnforcement
                    && o.data.park_id.as_deref() == Some(d.park_id.as_str())
            });
        if !ok {
            out.push(v("BR-B5", Severity::Warn, Some("S3.3"), k, id, Some("recipient_org_id"), Text::new(
                "行政执法权应交由园区统一的综合执法机构行使（改变分散执法模式）",
                "Enforcement powers should go to the park's unified enforcement body (no more dispersed enforcement)",
            )));
        }
    }
    if item.power_type == PowerType::Penalty && d.mode == super::delegation::DelegationMode::Entrust
    {
        let weak = d.capacity.as_ref().is_some_and(|c| {
            c.scores.iter().any(|s| {
                s.dimension == super::delegation::CapacityDimension::Qualifications && s.score < 3
            })
        });
        if weak {
            out.push(v("BR-B6", Severity::Warn, Some("S2.2"), k, id, Some("capacity"), Text::new(
                "委托行政处罚须有具备执法资格的人员（资质评分低于 3）",
                "Entrusted penalties need staff qualified for enforcement (qualification score below 3)",
            )));
        }
    }
}

fn signal(rule: &'static str, id: &str, code: &'static str, message: Text) -> Violation {
    let _ = code;
    v(
        rule,
        Severity::Signal,
        Some("S7.1"),
        Kind::Delegation,
        id,
        None,
        message,
    )
}

/// Signals for inspectors: NOMINAL_ONLY, DISCOUNTED, WITHHELD, ZERO_CASE, RECEPTION_GAP.
fn signals(
    id: &str,
    d: &DelegationData,
    item: &PowerItemData,
    as_of: NaiveDate,
    out: &mut Vec<Violation>,
) {
    let in_force = matches!(d.lifecycle, Lifecycle::HandedOver | Lifecycle::Suspended)
        && d.effective_from.is_some_and(|f| f <= as_of);
    if in_force {
        let from = d.effective_from.map(month_of).unwrap_or_default();
        let now = month_of(as_of);
        let residual: u32 = d
            .cases
            .iter()
            .filter(|c| c.month >= from && c.month <= now)
            .map(|c| c.by_source)
            // Saturating: only compared against 0; a wrap could hide the cases.
            .fold(0u32, u32::saturating_add);
        if residual > 0 && !d.parallel {
            out.push(signal("BR-B9", id, "NOMINAL_ONLY", Text::new(
                format!("明放暗不放信号：下放后原部门在该区域仍办理了 {residual} 件"),
                format!("Nominal-release signal: the source department still handled {residual} cases in the territory after the handover"),
            )));
        }
        if !d.added_preconditions.is_empty() {
            out.push(signal(
                "BR-B12",
                id,
                "NOMINAL_ONLY",
                Text::new(
                    format!(
                        "明放暗不放信号：下放后附加了前置条件（{}）",
                        d.added_preconditions.join("；")
                    ),
                    format!(
                        "Nominal-release signal: preconditions were added after the handover ({})",
                        d.added_preconditions.join("; ")
                    ),
                ),
            ));
        }
        // BR-B14: handed over for six months, demand expected, no park case in the last 12 months.
        let expected = d
            .need
            .as_ref()
            .and_then(|n| n.expected_annual_cases)
            .unwrap_or(0);
        let six_months = d
            .effective_from
            .is_some_and(|f| (as_of - f).num_days() >= 182);
        let year_ago = month_of(super::dates::add_days(as_of, -365).unwrap_or(NaiveDate::MIN));
        let park_cases: u32 = d
            .cases
            .iter()
            .filter(|c| c.month > year_ago && c.month <= now)
            .map(|c| c.by_park)
            // Saturating: a wrap to exactly 0 would fake a zero-case signal.
            .fold(0u32, u32::saturating_add);
        if d.lifecycle == Lifecycle::HandedOver && six_months && expected > 0 && park_cases == 0 {
            out.push(signal("BR-B14", id, "ZERO_CASE", Text::new(
                format!("零办件信号：下放已满半年，预计年办件 {expected} 件，近 12 个月园区办件为 0"),
                format!("Zero-case signal: handed over six months ago with {expected} cases expected a year, but no park case in 12 months"),
            )));
        }
    }
    if d.lifecycle.is_approved_or_later() {
        let retained_decisive: Vec<&str> = d
            .retained_links
            .iter()
            .filter(|l| ProcessLink::DECISIVE.contains(l))
            .map(|l| l.zh())
            .collect();
        let missing: Vec<&str> = item
            .process_links
            .iter()
            .filter(|l| !d.delegated_links.contains(l))
            .map(|l| l.zh())
            .collect();
        if !retained_decisive.is_empty() || (!d.delegated_links.is_empty() && !missing.is_empty()) {
            let list = if retained_decisive.is_empty() {
                missing.join("、")
            } else {
                retained_decisive.join("、")
            };
            out.push(signal(
                "BR-B10",
                id,
                "DISCOUNTED",
                Text::new(
                    format!("打折放权信号：未下放的环节 {list}"),
                    format!("Discounted-delegation signal: links not handed over: {list}"),
                ),
            ));
        }
    }
    if d.handover_overdue(as_of) {
        out.push(v(
            "BR-B11",
            Severity::Warn,
            None,
            Kind::Delegation,
            id,
            Some("handover_by_source_on"),
            Text::new(
                "批准后 30 个工作日内未完成双方确认的交接",
                "The handover was not confirmed by both sides within 30 working days of approval",
            ),
        ));
        out.push(signal(
            "BR-B11",
            id,
            "WITHHELD",
            Text::new(
                "抱权不放信号：已批准但逾期未交接",
                "Withholding signal: approved but not handed over in time",
            ),
        ));
    }
    if d.reception == Reception::CannotReceive {
        out.push(signal("RECEPTION_GAP", id, "RECEPTION_GAP", Text::new("承接缺口：园区报告接不住，需重新评估承接能力", "Reception gap: the park reports it cannot receive the power; reassess its capacity")));
    }
}

/// BR-B13: a park with some but not all items of an approval chain delegated ("你放我不放").
fn chains(ws: &Workspace, by_park: &DelegationsByPark, out: &mut Vec<Violation>) {
    let mut chain_items: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for item in ws.power_items.iter_live() {
        for tag in &item.data.chain_tags {
            chain_items
                .entry(tag.as_str())
                .or_default()
                .insert(item.id());
        }
    }
    for park in ws.parks.iter_live() {
        for (tag, items) in &chain_items {
            let delegated: Vec<&Rec<DelegationData>> = by_park
                .of_park(park.id())
                .iter()
                .copied()
                .filter(|d| {
                    items.contains(d.data.power_item_id.as_str())
                        && d.data.lifecycle.is_approved_or_later()
                })
                .collect();
            let covered: BTreeSet<&str> = delegated
                .iter()
                .map(|d| d.data.power_item_id.as_str())
                .collect();
            if !covered.is_empty() && covered.len() < items.len() {
                let missing: Vec<String> = items
                    .iter()
                    .filter(|i| !covered.contains(*i))
                    .map(|i| ws.label_of(Kind::PowerItem, i))
                    .collect();
                for d in delegated {
                    out.push(signal(
                        "BR-B13",
                        d.id(),
                        "CHAIN_BREAK",
                        Text::new(
                            format!("审批链断点（{tag}）：链上未下放 {}", missing.join("、")),
                            format!(
                                "Broken approval chain ({tag}): not delegated: {}",
                                missing.join(", ")
                            ),
                        ),
                    ));
                }
            }
        }
    }
}

/// BR-B5, second half: one unified enforcement body per park once enforcement is delegated.
fn enforcement_bodies_per_park(
    ws: &Workspace,
    by_park: &DelegationsByPark,
    out: &mut Vec<Violation>,
) {
    for park in ws.parks.iter_live() {
        let has_enf = by_park.of_park(park.id()).iter().any(|d| {
            d.data.lifecycle.is_open()
                && ws
                    .power_items
                    .live(&d.data.power_item_id)
                    .is_some_and(|i| i.data.category == PowerCategory::Enforcement)
        });
        if !has_enf {
            continue;
        }
        let n = ws
            .org_units
            .iter_live()
            .filter(|o| {
                o.data.kind == OrgKind::UnifiedEnforcement
                    && o.data.park_id.as_deref() == Some(park.id())
                    && o.data.is_active()
            })
            .count();
        if n != 1 {
            out.push(v("BR-B5", Severity::Warn, Some("S3.3"), Kind::Park, park.id(), None, Text::new(
                format!("已下放执法权的园区应有且仅有一个综合执法机构（现有 {n} 个）"),
                format!("A park with delegated enforcement powers should have exactly one unified enforcement body (found {n})"),
            )));
        }
    }
}
