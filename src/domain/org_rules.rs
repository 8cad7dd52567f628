//! Rules of the organisation (shared/domain.md §5.C BR-C7, §5.A BR-A1 body part) and field
//! checks of org units: 大部制 — few bodies, each covering several function domains, none set
//! up one-to-one for a single department unless a reason is recorded (S3.1).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::org::{CORE_DOMAINS, OrgKind, body_domain};
use super::rules::blank;
use super::rules::{Severity, Violation, violation};
use super::text::Text;
use super::workspace::{Kind, Workspace};

pub fn check(ws: &Workspace, _as_of: NaiveDate, out: &mut Vec<Violation>) {
    let field = |id: &str, f: &'static str, zh: String, en: String| {
        violation(
            "FIELD",
            Severity::Block,
            None,
            Kind::OrgUnit,
            id,
            Some(f),
            Text::new(zh, en),
        )
    };
    let mut bodies: BTreeMap<&str, Vec<&super::workspace::Rec<super::org::OrgUnitData>>> =
        BTreeMap::new();
    for r in ws.org_units.iter_live() {
        let (id, d) = (r.id(), &r.data);
        if let Some(p) = &d.parent_id
            && (p == id || ws.org_units.live(p).is_none())
        {
            out.push(field(
                id,
                "parent_id",
                "所选上级机构不存在".into(),
                "The chosen parent unit does not exist".into(),
            ));
        }
        if let Some(t) = &d.township_id
            && ws.townships.live(t).is_none()
        {
            out.push(field(
                id,
                "township_id",
                "所选乡镇不存在".into(),
                "The chosen township does not exist".into(),
            ));
        }
        if let Some(c) = &d.county_id
            && ws.counties.live(c).is_none()
        {
            out.push(field(
                id,
                "county_id",
                "所选县区不存在".into(),
                "The chosen county does not exist".into(),
            ));
        }
        if d.kind.is_township_body() && d.township_id.is_none() {
            out.push(field(
                id,
                "township_id",
                format!("{}须选择所属乡镇", d.kind.zh()),
                format!("A {} needs its township", d.kind.en().to_lowercase()),
            ));
        }
        if (d.kind.is_committee_body() || d.kind == OrgKind::ParkPublicInstitution)
            && d.park_id.is_none()
        {
            out.push(field(
                id,
                "park_id",
                format!("{}须选择所属园区", d.kind.zh()),
                format!("A {} needs its park", d.kind.en().to_lowercase()),
            ));
        }
        for dom in &d.domains {
            if body_domain(dom).is_none() {
                out.push(field(
                    id,
                    "domains",
                    format!("未知的职能领域“{dom}”"),
                    format!("Unknown function domain “{dom}”"),
                ));
            }
        }
        for c in &d.counterpart_dept_ids {
            let is_dept = ws
                .org_units
                .live(c)
                .is_some_and(|o| o.data.kind == OrgKind::Department);
            if !is_dept {
                out.push(field(
                    id,
                    "counterpart_dept_ids",
                    "对应上级部门须是已登记的职能部门".into(),
                    "Counterpart departments must be recorded functional departments".into(),
                ));
            }
        }
        if d.kind.is_committee_body()
            && d.is_active()
            && let Some(p) = &d.park_id
        {
            bodies.entry(p.as_str()).or_default().push(r);
        }
    }

    for (park_id, list) in &bodies {
        let Some(park) = ws.parks.live(park_id) else {
            continue;
        };
        // BR-C7: body count within the approved limit.
        if let Some(limit) = park.data.body_limit
            && list.len() > usize::from(limit)
        {
            out.push(violation(
                "BR-C7",
                Severity::Warn,
                Some("S3.1"),
                Kind::Park,
                park_id,
                Some("body_limit"),
                Text::new(
                    format!(
                        "大部制：内设机构（含综合执法机构）{} 个，超过核定限额 {limit} 个",
                        list.len()
                    ),
                    format!(
                        "Super-department system: {} internal bodies (incl. enforcement) exceed the approved limit of {limit}",
                        list.len()
                    ),
                ),
            ));
        }
        for b in list {
            let (id, d) = (b.id(), &b.data);
            let reason = d.counterpart_reason.as_deref().filter(|r| !blank(r));
            let (sev, note_zh, note_en) = match reason {
                Some(r) => (
                    Severity::Info,
                    format!("（已说明理由：{r}）"),
                    format!(" (reason recorded: {r})"),
                ),
                None => (
                    Severity::Warn,
                    "：请合并职能或说明保留理由".to_string(),
                    ": merge functions or record why it is kept".to_string(),
                ),
            };
            if d.domains.len() < 2 {
                out.push(violation(
                    "BR-C7",
                    sev,
                    Some("S3.1"),
                    Kind::OrgUnit,
                    id,
                    Some("domains"),
                    Text::new(
                        format!(
                            "宽职能：内设机构应承担至少 2 个职能领域，现为 {} 个{note_zh}",
                            d.domains.len()
                        ),
                        format!(
                            "Broad functions: an internal body should cover at least 2 function domains, it covers {}{note_en}",
                            d.domains.len()
                        ),
                    ),
                ));
            }
            if d.counterpart_dept_ids.len() == 1 {
                let dept = ws.label_of(Kind::OrgUnit, &d.counterpart_dept_ids[0]);
                out.push(violation(
                    "BR-C7",
                    sev,
                    Some("S3.1"),
                    Kind::OrgUnit,
                    id,
                    Some("counterpart_dept_ids"),
                    Text::new(
                        format!("对口设置：只对应“{dept}”一个部门{note_zh}"),
                        format!("Mirrors a single department (“{dept}”){note_en}"),
                    ),
                ));
            }
        }
        // BR-A1, body part: the bodies jointly cover 招商、规划、建设.
        let covered: BTreeSet<&str> = list
            .iter()
            .flat_map(|b| b.data.domains.iter().map(String::as_str))
            .collect();
        let missing: Vec<&str> = CORE_DOMAINS
            .iter()
            .copied()
            .filter(|c| !covered.contains(c))
            .collect();
        if !missing.is_empty() {
            let names = |en: bool| {
                missing
                    .iter()
                    .filter_map(|m| body_domain(m))
                    .map(|d| if en { d.en } else { d.zh })
                    .collect::<Vec<_>>()
            };
            out.push(violation(
                "BR-A1",
                Severity::Warn,
                Some("S1.1"),
                Kind::Park,
                park_id,
                Some("bodies"),
                Text::new(
                    format!(
                        "园区内设机构应共同承担招商、规划、建设职能，尚缺：{}",
                        names(false).join("、")
                    ),
                    format!(
                        "The park's internal bodies should jointly cover investment promotion, planning and construction; missing: {}",
                        names(true).join(", ")
                    ),
                ),
            ));
        }
    }
}
