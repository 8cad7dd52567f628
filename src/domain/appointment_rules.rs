//! Rules of posts and appointments (shared/domain.md §5.C BR-C5, BR-C6, BR-C8, BR-C9): concurrent
//! posts linked across park and township and within the limit K, leadership posts within their
//! approved number, every appointment by the organ its authority rule names (with consult and
//! filing steps), and section-level posts of internal bodies filled by competitive selection or
//! with a recorded exception.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::appointment::{AppointmentKind, AppointmentStatus, held_by_person};
use super::authority::rule_for;
use super::org::{OrgKind, ParkSystems};
use super::rules::{Severity, Violation, violation};
use super::rules::{blank, field_zh_en as field};
use super::staffing::{PostRank, leadership_approved_on};
use super::text::Text;
use super::workspace::{Kind, Workspace};

fn kinds_zh(k: &[OrgKind]) -> String {
    k.iter().map(|k| k.zh()).collect::<Vec<_>>().join("、")
}

fn kinds_en(k: &[OrgKind]) -> String {
    k.iter().map(|k| k.en()).collect::<Vec<_>>().join(", ")
}

pub fn check(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    posts(ws, as_of, out);
    appointments(ws, out);
    concurrent(ws, as_of, out);
    leadership_quota(ws, as_of, out);
    authority(ws, as_of, out);
}

fn posts(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for a in ws.appointments.iter_live() {
        if a.data.in_office_on(as_of) && a.data.kind != AppointmentKind::Acting {
            *holders.entry(a.data.post_id.as_str()).or_default() += 1;
        }
    }
    for r in ws.posts.iter_live() {
        let (id, d, k) = (r.id(), &r.data, Kind::Post);
        if blank(&d.title) {
            out.push(field(
                k,
                id,
                "title",
                "请填写职务名称",
                "Enter the post title",
            ));
        }
        if ws.org_units.live(&d.org_id).is_none() {
            out.push(field(
                k,
                id,
                "org_id",
                "请选择机构（所选机构不存在）",
                "Choose a unit (the chosen one does not exist)",
            ));
        }
        if d.is_leadership
            && matches!(
                d.rank,
                PostRank::Unspecified
                    | PostRank::Staff
                    | PostRank::ProfessionalPost
                    | PostRank::LogisticsPost
            )
        {
            out.push(violation(
                "BR-C6",
                Severity::Warn,
                Some("S3.2"),
                k,
                id,
                Some("rank"),
                Text::new("领导职务须核定职务层次（正处…股级），才能核对职数", "A leadership post needs its rank (division … unit head) to be checked against the quota"),
            ));
        }
        if d.is_leadership && d.is_principal && holders.get(id).copied().unwrap_or(0) > 1 {
            out.push(violation(
                "BR-C6",
                Severity::Warn,
                Some("S3.2"),
                k,
                id,
                None,
                Text::new(
                    format!("正职岗位在 {as_of} 同时有 {} 人在任", holders[id]),
                    format!("{} people hold this principal post on {as_of}", holders[id]),
                ),
            ));
        }
    }
}

fn appointments(ws: &Workspace, out: &mut Vec<Violation>) {
    for r in ws.appointments.iter_live() {
        let (id, d, k) = (r.id(), &r.data, Kind::Appointment);
        if ws.persons.live(&d.person_id).is_none() {
            out.push(field(
                k,
                id,
                "person_id",
                "请选择人员（所选人员不存在）",
                "Choose a person (the chosen one does not exist)",
            ));
        }
        if ws.posts.live(&d.post_id).is_none() {
            out.push(field(
                k,
                id,
                "post_id",
                "请选择职务（所选职务不存在）",
                "Choose a post (the chosen one does not exist)",
            ));
        }
        if !d.period.is_well_formed() {
            out.push(field(
                k,
                id,
                "period",
                "任职结束日期不能早于开始日期",
                "The end date cannot be before the start date",
            ));
        }
        if matches!(
            d.status,
            AppointmentStatus::Removed | AppointmentStatus::Ended
        ) && d.period.to.is_none()
        {
            out.push(field(
                k,
                id,
                "period",
                "免职或届满须填写结束日期",
                "A removal or end of term needs its end date",
            ));
        }
        if let Some(a) = &d.authority_org_id
            && ws.org_units.live(a).is_none()
        {
            out.push(field(
                k,
                id,
                "authority_org_id",
                "所选任免机关不存在",
                "The chosen appointing organ does not exist",
            ));
        }
        if let Some(s) = &d.selection_id
            && ws.selection_campaigns.live(s).is_none()
        {
            out.push(field(
                k,
                id,
                "selection_id",
                "所选竞争上岗批次不存在",
                "The chosen selection campaign does not exist",
            ));
        }
        if d.probation_until.is_some_and(|p| p < d.period.from) {
            out.push(field(
                k,
                id,
                "probation_until",
                "试用期结束日期不能早于任职日期",
                "Probation cannot end before the appointment starts",
            ));
        }
    }
}

/// BR-C5: a 兼任 is held besides a main post, at most K per person. Which 兼任 link a park and a
/// township (区镇合一) is read by `appointment::cross_posts`.
fn concurrent(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let k_max = usize::from(ws.staffing_settings().max_concurrent_posts);
    for (_, held) in held_by_person(ws, as_of) {
        let concurrent: Vec<_> = held
            .iter()
            .filter(|h| h.appointment.data.kind == AppointmentKind::Concurrent)
            .collect();
        for c in &concurrent {
            // 兼任 is held besides a main post of the same person at the same time.
            let has_main = held.iter().any(|h| {
                h.appointment.data.kind != AppointmentKind::Concurrent
                    && h.appointment
                        .data
                        .period
                        .overlaps(&c.appointment.data.period)
            });
            if !has_main {
                out.push(violation(
                    "BR-C5",
                    Severity::Warn,
                    Some("S3.2"),
                    Kind::Appointment,
                    c.appointment.id(),
                    Some("kind"),
                    Text::new(
                        "职务一身兼：兼任须以本人同期的主要职务为前提（未找到主职）",
                        "Concurrent post: it is held besides the person's main post at the same time (no main post found)",
                    ),
                ));
            }
        }
        if concurrent.len() > k_max {
            for c in &concurrent {
                out.push(violation(
                    "BR-C5",
                    Severity::Warn,
                    Some("S3.2"),
                    Kind::Appointment,
                    c.appointment.id(),
                    Some("kind"),
                    Text::new(
                        format!("同时兼任 {} 个职务，超过上限 {k_max} 个", concurrent.len()),
                        format!(
                            "{} concurrent posts at once, more than the limit of {k_max}",
                            concurrent.len()
                        ),
                    ),
                ));
            }
        }
    }
}

/// BR-C6: leadership appointments per (unit, rank, principal) within the approved number.
fn leadership_quota(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let approved = leadership_approved_on(ws, as_of);
    let mut used: BTreeMap<(String, PostRank, bool), u32> = BTreeMap::new();
    for a in ws.appointments.iter_live() {
        if !(a.data.in_office_on(as_of) && a.data.counts_against_quota) {
            continue;
        }
        let Some(post) = ws.posts.live(&a.data.post_id) else {
            continue;
        };
        if post.data.is_leadership && ws.org_units.live(&post.data.org_id).is_some() {
            *used
                .entry((
                    post.data.org_id.clone(),
                    post.data.rank,
                    post.data.is_principal,
                ))
                .or_default() += 1;
        }
    }
    if used.is_empty() {
        return;
    }
    let mut quota_rec: HashMap<(&str, PostRank, bool), &str> = HashMap::new();
    for q in ws.leadership_quotas.iter_live() {
        if q.data.period.contains(as_of) {
            quota_rec
                .entry((q.data.org_id.as_str(), q.data.rank, q.data.principal))
                .or_insert(q.id());
        }
    }
    for ((org, rank, principal), n) in used {
        let a = approved
            .get(&(org.clone(), rank, principal))
            .copied()
            .unwrap_or(0);
        if n <= a {
            continue;
        }
        let (kind, id) = match quota_rec.get(&(org.as_str(), rank, principal)) {
            Some(q) => (Kind::LeadershipQuota, q.to_string()),
            None => (Kind::OrgUnit, org.clone()),
        };
        let (pzh, pen) = if principal {
            ("正职", "principal")
        } else {
            ("副职", "deputy")
        };
        out.push(violation(
            "BR-C6",
            Severity::Warn,
            Some("S3.2"),
            kind,
            &id,
            Some("approved"),
            Text::new(
                format!("超职数：{}{}{pzh}核定 {a} 名，实际在任 {n} 名，超 {} 名", ws.label_of(Kind::OrgUnit, &org), rank.zh(), n - a),
                format!(
                    "Over the leadership quota: {} {} {pen} posts approved {a}, {n} serving, {} over",
                    ws.label_of(Kind::OrgUnit, &org),
                    rank.en(),
                    n - a
                ),
            ),
        ));
    }
}

/// BR-C8 and BR-C9 for the appointments in office on the date and those proposed.
fn authority(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let rules = ws.live_authority_rules();
    let systems = ParkSystems::on(ws, as_of);
    for r in ws.appointments.iter_live() {
        let (id, d, k) = (r.id(), &r.data, Kind::Appointment);
        if !(d.in_office_on(as_of) || d.status == AppointmentStatus::Proposed) {
            continue;
        }
        let Some(post) = ws.posts.live(&d.post_id) else {
            continue;
        };
        let Some(org) = ws.org_units.live(&post.data.org_id) else {
            continue;
        };
        let rule = rule_for(&rules, &post.data, &org.data);
        match rule {
            None if post.data.is_leadership => out.push(violation(
                "BR-C8",
                Severity::Warn,
                Some("S5.2"),
                k,
                id,
                Some("authority_org_id"),
                Text::new("没有适用于该领导职务的任免权限规则，请在任免权限中补充", "No appointment authority rule covers this leadership post: add one under appointment authority"),
            )),
            None => {}
            Some(rule) => {
                let rd = &rule.data;
                let authority = d.authority_org_id.as_deref().and_then(|a| ws.org_units.live(a));
                let wrong = match authority {
                    None => Some(Text::new(
                        format!("未填写任免机关：按“{}”应由{}任免", rd.title, rd.authority.zh()),
                        format!("No appointing organ: under “{}” the {} appoints", rd.title, rd.authority.en()),
                    )),
                    Some(a) if a.data.kind != rd.authority => Some(Text::new(
                        format!("任免机关为{}，按“{}”应由{}任免", a.data.name, rd.title, rd.authority.zh()),
                        format!("Appointed by {}, but under “{}” the {} appoints", a.data.name, rd.title, rd.authority.en()),
                    )),
                    Some(a) if matches!(rd.authority, OrgKind::ParkPartyCommittee | OrgKind::ParkMgmtCommittee)
                        && a.data.park_id.is_some()
                        && systems.park_of(&org.meta.id).is_some()
                        && a.data.park_id.as_ref() != systems.park_of(&org.meta.id) =>
                    {
                        Some(Text::new(
                            format!("应由本园区的{}任免，而非{}", rd.authority.zh(), a.data.name),
                            format!("The park's own {} appoints, not {}", rd.authority.en(), a.data.name),
                        ))
                    }
                    Some(_) => None,
                };
                if let Some(m) = wrong {
                    out.push(violation("BR-C8", Severity::Warn, Some("S5.2"), k, id, Some("authority_org_id"), m));
                }
                let no_consult: Vec<OrgKind> = rd.consult.iter().copied().filter(|c| !d.consulted.contains(c)).collect();
                if !no_consult.is_empty() {
                    out.push(violation(
                        "BR-C8",
                        Severity::Warn,
                        Some("S5.2"),
                        k,
                        id,
                        Some("consulted"),
                        Text::new(
                            format!("按“{}”须征求{}意见，尚未记录", rd.title, kinds_zh(&no_consult)),
                            format!("Under “{}” the {} must be consulted; not recorded", rd.title, kinds_en(&no_consult)),
                        ),
                    ));
                }
                let no_file: Vec<OrgKind> = rd.file_with.iter().copied().filter(|c| !d.filed_with.contains(c)).collect();
                if !no_file.is_empty() {
                    out.push(violation(
                        "BR-C8",
                        Severity::Warn,
                        Some("S5.2"),
                        k,
                        id,
                        Some("filed_with"),
                        Text::new(
                            format!("按“{}”须报{}备案，尚未记录", rd.title, kinds_zh(&no_file)),
                            format!("Under “{}” it must be filed with the {}; not recorded", rd.title, kinds_en(&no_file)),
                        ),
                    ));
                }
            }
        }
        // BR-C9: 科级 posts of internal bodies by competitive selection, or a recorded exception.
        let section_level = post.data.is_leadership
            && post.data.rank.is_section_level()
            && org.data.kind.is_committee_body();
        let required = section_level || rule.is_some_and(|r| r.data.requires_competitive_selection);
        if required && d.selection_id.is_none() {
            match d.exception_reason.as_deref().filter(|s| !blank(s)) {
                None => out.push(violation(
                    "BR-C9",
                    Severity::Warn,
                    Some("S5.3"),
                    k,
                    id,
                    Some("selection_id"),
                    Text::new(
                        "内设机构科级领导职务应竞争上岗：请关联竞争上岗批次，或填写未经竞争上岗的理由",
                        "Section-level posts of internal bodies are filled by competitive selection: link the campaign or record why not",
                    ),
                )),
                Some(reason) => out.push(violation(
                    "BR-C9",
                    Severity::Info,
                    Some("S5.3"),
                    k,
                    id,
                    Some("exception_reason"),
                    Text::new(format!("未经竞争上岗（理由：{reason}）"), format!("Without competitive selection (reason: {reason})")),
                )),
            }
        }
    }
}
