//! Demo data of supervision and the service system (shared/domain.md §7.2, §7.4, §7.5), ALL
//! SAMPLE: a second delegation batch (2013-03) so the campaigns have enough to check, the
//! inspection group (lead organ left blank: the report does not say), two campaigns (2013-06 and
//! 2013-12) whose verdict mix shows the improvement, the findings they produced, rectification
//! orders in the states §7.5 names as of 2013-12-31 (closed, in progress, overdue, one yellow
//! card, two still drafts), three accountability actions with deductions 2 / 1 / 0, development
//! entities (GM's chair is a committee deputy director: BR-A10), service offerings (one received
//! benefit item in GLG left unserved: BR-A12) and 9–12 institutions per park (SC lacks an
//! in-force 督查 rule: BR-A11).
//!
//! Every step on findings, orders and actions goes through the same domain functions as the
//! command path (`finding::follow_check`, `rectification::apply`, …), so the histories are what
//! the app itself would have written. Ids are deterministic (own salt).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::accountability::{
    self, AccountTarget, AccountabilityActionData, AccountabilityForm, AccountabilityStatus,
    AccountabilityStep,
};
use super::delegation::*;
use super::development::*;
use super::finding::{self, FindingStatus, FindingStep, Follow, Motive};
use super::inspection::*;
use super::institution::{InstitutionCategory, InstitutionData, InstitutionStatus};
use super::meta::{
    DocRef, Id, IdSource, Meta, Office, Period, Provenance, Role, SeqIds, Timestamp,
};
use super::power::ProcessLink;
use super::rectification::{self, RectAction, RectificationOrderData};
use super::sample::SAMPLE_OFFICE_ID;
use super::service::{ActiveStatus, ServiceKind, ServiceOfferingData, applied_for};
use super::workspace::{Data, Kind, Record, Workspace};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn stamp(d: NaiveDate) -> Timestamp {
    d.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}

/// The end of the demo's timeline: no step is dated after it.
const END: (i32, u32, u32) = (2013, 12, 31);

struct Builder {
    ws: Workspace,
    ids: SeqIds,
    office: Office,
}

impl Builder {
    fn add(&mut self, on: NaiveDate, data: Data) -> Id {
        let at = stamp(on);
        let id = self.ids.next_id(at);
        let meta = Meta::new(id.clone(), at, &self.office, Provenance::Sample);
        self.ws.put(Record::new(meta, data));
        id
    }

    /// Writes a record's new data as one more revision on `on`.
    fn replace(&mut self, kind: Kind, id: &str, on: NaiveDate, data: Data) {
        if let Some(before) = self.ws.get(kind, id) {
            let mut after = Record::new(before.meta().clone(), data);
            super::merge::stamp_edit(Some(&before), &mut after, stamp(on), &self.office);
            self.ws.put(after);
        }
    }

    fn order(&self, id: &str) -> Option<RectificationOrderData> {
        self.ws
            .rectification_orders
            .live(id)
            .map(|r| r.data.clone())
    }

    /// One rectification step through the domain's own function; a refused step is a bug in the
    /// sample and leaves the order as it was (the demo test catches the missing state).
    fn rect(&mut self, id: &str, act: RectAction) {
        let Some(before) = self.order(id) else {
            return;
        };
        let on = act.on();
        if let Ok(after) = rectification::apply(
            &before,
            &act,
            date(END.0, END.1, END.2),
            30,
            15,
            stamp(on),
            SAMPLE_OFFICE_ID,
        ) {
            self.replace(
                Kind::RectificationOrder,
                id,
                on,
                Data::RectificationOrder(after),
            );
        }
    }

    fn confirm(&mut self, finding_id: &str, on: NaiveDate, motives: &[Motive]) {
        let Some(f) = self.ws.findings.live(finding_id).map(|r| r.data.clone()) else {
            return;
        };
        let step = FindingStep {
            to: FindingStatus::Confirmed,
            on,
            reason: "督查组审定".into(),
        };
        if let Ok(mut after) = finding::apply_step(
            &f,
            &step,
            date(END.0, END.1, END.2),
            stamp(on),
            SAMPLE_OFFICE_ID,
        ) {
            after.motives = motives.to_vec();
            self.replace(Kind::Finding, finding_id, on, Data::Finding(after));
        }
    }

    fn account(&mut self, id: &str, to: AccountabilityStatus, on: NaiveDate, reason: &str) {
        let Some(a) = self
            .ws
            .accountability_actions
            .live(id)
            .map(|r| r.data.clone())
        else {
            return;
        };
        let step = AccountabilityStep {
            to,
            on,
            reason: reason.into(),
        };
        if let Ok(after) = accountability::apply(
            &a,
            &step,
            date(END.0, END.1, END.2),
            stamp(on),
            SAMPLE_OFFICE_ID,
        ) {
            self.replace(
                Kind::AccountabilityAction,
                id,
                on,
                Data::AccountabilityAction(after),
            );
        }
    }

    fn campaign_step(&mut self, id: &str, to: CampaignStatus, on: NaiveDate) {
        let Some(c) = self
            .ws
            .inspection_campaigns
            .live(id)
            .map(|r| r.data.clone())
        else {
            return;
        };
        let step = CampaignStep {
            to,
            on,
            reason: String::new(),
        };
        if let Ok(after) = apply_step(
            &c,
            &step,
            date(END.0, END.1, END.2),
            stamp(on),
            SAMPLE_OFFICE_ID,
        ) {
            self.replace(
                Kind::InspectionCampaign,
                id,
                on,
                Data::InspectionCampaign(after),
            );
        }
    }
}

/// What the sample needs to know of a park.
struct Park {
    id: Id,
    code: String,
    county: Id,
    towns: Vec<Id>,
    body: Option<Id>,
}

fn parks(ws: &Workspace) -> Vec<Park> {
    ws.parks
        .iter_live()
        .map(|p| Park {
            id: p.meta.id.clone(),
            code: p.data.short_code.clone(),
            county: p.data.host_county_ids.first().cloned().unwrap_or_default(),
            towns: ws
                .entrustments
                .iter_live()
                .filter(|e| e.data.park_id == p.meta.id)
                .map(|e| e.data.township_id.clone())
                .collect(),
            body: ws.enforcement_body(&p.meta.id).map(|o| o.meta.id.clone()),
        })
        .collect()
}

/// Second batch (§7.4 "第二批" 2013-03): items per park, none already delegated to it, none on the
/// investment chain (BR-B13 stays as the first batch shows it), and not GM's 节能审查 or 外商投资
/// 备案, which the powers walkthrough delegates by hand.
const SECOND_BATCH: [(&str, &[&str]); 3] = [
    (
        "SC",
        &[
            "XK00102000",
            "QT00201000",
            "QT00601000",
            "JF01002000",
            "QT01201000",
            "GG01401000",
            "CF02101000",
            "CF02501000",
        ],
    ),
    (
        "GM",
        &[
            "QT00201000",
            "QT00402000",
            "GG00701000",
            "JF01002000",
            "QT01301000",
            "GG01401000",
            "CF02201000",
            "CF02301000",
            "JC02601000",
        ],
    ),
    (
        "GLG",
        &[
            "XK00102000",
            "QT00601000",
            "GG00701000",
            "JF01002000",
            "QT01201000",
            "CF02101000",
            "CF02501000",
            "CF02701000",
        ],
    ),
];

/// Items that had no park case yet (ZERO_CASE signals by the end of 2013).
const NO_CASES: [(&str, &str); 4] = [
    ("SC", "GG01401000"),
    ("GM", "GG00701000"),
    ("GLG", "CF02701000"),
    ("GLG", "QT00601000"),
];

fn second_batch(b: &mut Builder, parks: &[Park]) {
    use ProcessLink::*;
    let items: HashMap<
        String,
        (
            Id,
            Vec<ProcessLink>,
            super::power::PowerCategory,
            super::power::HolderLevel,
        ),
    > =
        b.ws.power_items
            .iter_live()
            .map(|i| {
                (
                    i.data.item_code.clone(),
                    (
                        i.meta.id.clone(),
                        i.data.process_links.clone(),
                        i.data.category,
                        i.data.holder_level,
                    ),
                )
            })
            .collect();
    let batch = DocRef {
        doc_no: Some("示例〔2013〕8号".into()),
        title: "关于向试点园区下放第二批管理权限的决定（示例）".into(),
        issued_on: Some(date(2013, 3, 15)),
    };
    let capacity = Capacity {
        assessed_on: date(2013, 3, 1),
        scores: CapacityDimension::ALL
            .iter()
            .map(|d| DimensionScore {
                dimension: *d,
                score: 4,
            })
            .collect(),
        gaps: vec![],
    };
    for (code, list) in SECOND_BATCH {
        let Some(p) = parks.iter().find(|p| p.code == code) else {
            continue;
        };
        for item_code in list {
            let Some((item, links, category, holder)) = items.get(*item_code).cloned() else {
                continue;
            };
            let economic = category == super::power::PowerCategory::Economic;
            let county_held = holder == super::power::HolderLevel::County;
            let enforcement = category == super::power::PowerCategory::Enforcement;
            let reception = match (code, *item_code) {
                ("SC", "JF01002000") | ("GM", "QT01301000") => Reception::PartiallyReceived,
                _ => Reception::Received,
            };
            let no_cases = NO_CASES.contains(&(code, *item_code));
            let mut cases: Vec<CaseMonth> = if no_cases {
                vec![]
            } else {
                ["2013-05", "2013-08", "2013-11"]
                    .iter()
                    .map(|m| CaseMonth {
                        month: (*m).into(),
                        by_park: 4,
                        by_source: 0,
                    })
                    .collect()
            };
            // The environment department of the district kept processing in GM (明放暗不放, BR-B9).
            if (code, *item_code) == ("GM", "CF02201000") {
                cases.push(CaseMonth {
                    month: "2013-05".into(),
                    by_park: 1,
                    by_source: 3,
                });
                cases.retain(|c| !(c.month == "2013-05" && c.by_source == 0));
            }
            let data = DelegationData {
                power_item_id: item,
                park_id: p.id.clone(),
                grantor: if county_held {
                    Grantor::County {
                        county_id: p.county.clone(),
                    }
                } else {
                    Grantor::City
                },
                mode: if economic {
                    DelegationMode::Authorise
                } else {
                    DelegationMode::Entrust
                },
                territory: if economic {
                    Territory::WholePark
                } else {
                    Territory::EntrustedTownships {
                        township_ids: p.towns.clone(),
                    }
                },
                recipient_org_id: if enforcement { p.body.clone() } else { None },
                batch: Some(batch.clone()),
                effective_from: Some(date(2013, 4, 1)),
                term_until: None,
                delegated_links: if links.is_empty() {
                    vec![Acceptance]
                } else {
                    links
                },
                retained_links: vec![],
                added_preconditions: vec![],
                need: Some(Need {
                    requested_by_park: true,
                    expected_annual_cases: Some(24),
                    rationale: "园区与托管乡镇群众、企业就近办理（示例）".into(),
                }),
                capacity: Some(capacity.clone()),
                override_reason: None,
                approved_on: Some(date(2013, 3, 15)),
                handover_by_source_on: Some(date(2013, 3, 28)),
                handover_by_park_on: Some(date(2013, 3, 28)),
                parallel: false,
                lifecycle: Lifecycle::HandedOver,
                reception,
                cases,
                history: vec![],
            };
            b.add(date(2013, 3, 15), Data::Delegation(data));
        }
    }
}

/// A verdict of the demo campaigns: (park code, item code, verdict).
type Planned = (&'static str, &'static str, Verdict);

/// Campaign 1 (2013-06): 48 due delegations — 到位 26, 基本到位 6, 打折放权 6, 明放暗不放 5,
/// 抱权不放 2, 承接不到位 3 (§7.4: 55/12/13/10/5/5 %).
const FIRST: &[Planned] = {
    use Verdict::*;
    &[
        ("GM", "XK00302000", Discounted),
        ("SC", "XK00401000", Discounted),
        ("GLG", "CF02501000", Discounted),
        ("GM", "CF02301000", Discounted),
        ("SC", "QT00201000", Discounted),
        ("GLG", "GG00701000", Discounted),
        ("SC", "XK00501000", NominalOnly),
        ("SC", "CF02001000", NominalOnly),
        ("GM", "CF02201000", NominalOnly),
        ("GLG", "XK00102000", NominalOnly),
        ("SC", "CF02101000", NominalOnly),
        ("GLG", "XK00501000", Withheld),
        ("GM", "JC02601000", Withheld),
        ("GLG", "CF02001000", NotReceived),
        ("SC", "JF01002000", NotReceived),
        ("GM", "QT01301000", NotReceived),
        ("SC", "JF01001000", MostlyInPlace),
        ("GM", "JF01001000", MostlyInPlace),
        ("GLG", "JF01001000", MostlyInPlace),
        ("GM", "GG01401000", MostlyInPlace),
        ("GLG", "QT01201000", MostlyInPlace),
        ("SC", "GG01401000", MostlyInPlace),
    ]
};

/// Campaign 2 (2013-12): 到位 35, 基本到位 6, 打折放权 3, 明放暗不放 2, 抱权不放 1, 承接不到位 1
/// (§7.4: 74/12/6/4/1/3 %). GM's planning licence (issuance still kept), SC's land penalty (the
/// district bureau still processes), GLG's environmental approval (never handed over) and GLG's
/// enforcement reception recur: repeat findings (BR-E6).
const SECOND: &[Planned] = {
    use Verdict::*;
    &[
        ("GM", "XK00302000", Discounted),
        ("GLG", "CF02701000", Discounted),
        ("SC", "QT01201000", Discounted),
        ("SC", "CF02001000", NominalOnly),
        ("GM", "QT00402000", NominalOnly),
        ("GLG", "XK00501000", Withheld),
        ("GLG", "CF02001000", NotReceived),
        ("SC", "XK00501000", MostlyInPlace),
        ("SC", "JF01001000", MostlyInPlace),
        ("GM", "JF01001000", MostlyInPlace),
        ("GLG", "GG00701000", MostlyInPlace),
        ("GM", "CF02201000", MostlyInPlace),
        ("SC", "XK00401000", MostlyInPlace),
    ]
};

/// Support / service results of campaign 1 that were not in place (department name prefix).
const GAPS_1: [(&str, InspectionAspect); 9] = [
    ("市规划局", InspectionAspect::Support),
    ("区住房和城乡建设局", InspectionAspect::Support),
    ("区国土资源局", InspectionAspect::Support),
    ("市环境保护局", InspectionAspect::Support),
    ("区人力资源和社会保障局", InspectionAspect::Support),
    ("市发展和改革委员会", InspectionAspect::Service),
    ("区民政局", InspectionAspect::Service),
    ("区工业和信息化局", InspectionAspect::Service),
    ("区规划局", InspectionAspect::Service),
];

/// Support / service results of campaign 2 that were mostly in place.
const PARTLY_2: [(&str, InspectionAspect); 2] = [
    ("区住房和城乡建设局", InspectionAspect::Support),
    ("区民政局", InspectionAspect::Service),
];

fn evidence_for(v: Verdict, item: &str) -> (Vec<CheckMethod>, Vec<Evidence>, String) {
    use CheckMethod::*;
    let e = |d: &str, s: &str| Evidence {
        description: d.into(),
        source: s.into(),
        file_name: None,
    };
    match v {
        Verdict::Discounted => (
            vec![Documents, FileSampling],
            vec![e(
                &format!("抽查“{item}”案卷：发证（或决定）环节仍在原部门办理"),
                "案卷抽查记录（示例）",
            )],
            "受理、审查已下放，决定或发证环节仍由原部门掌握".into(),
        ),
        Verdict::NominalOnly => (
            vec![DataComparison, Unannounced, EnterpriseVisit],
            vec![
                e(
                    &format!("“{item}”下放后原部门在该区域仍有办件"),
                    "部门办件系统数据比对（示例）",
                ),
                e("走访企业反映仍须到原部门办理", "企业走访记录（示例）"),
            ],
            "文件上已下放，实际仍由原部门办理或须经其审核".into(),
        ),
        Verdict::Withheld => (
            vec![Documents, Interview],
            vec![e(
                &format!("“{item}”已批准下放但逾期未移交印章、系统账号和档案"),
                "交接清单核对（示例）",
            )],
            "批准后未交接，原部门仍全部办理".into(),
        ),
        Verdict::NotReceived => (
            vec![SiteVisit, Interview],
            vec![e(
                "园区承接机构人员不足、未完成业务培训",
                "实地查看与个别访谈（示例）",
            )],
            "园区承接能力不足，部分业务退回原部门".into(),
        ),
        Verdict::MostlyInPlace => (
            vec![Documents, SiteVisit],
            vec![],
            "已放已接，办事指南和系统对接尚待完善".into(),
        ),
        Verdict::InPlace | Verdict::NotApplicable => {
            (vec![Documents], vec![], "放到位、放到实处".into())
        }
    }
}

const INSPECTORS: [&str; 2] = ["督查员甲（示例）", "督查员乙（示例）"];

/// Adds the checks of one campaign and lets each verdict create its draft finding and order the
/// way the command path does (BR-E3, BR-E5). Returns the finding ids with their planned verdict.
/// How one demo campaign goes: its fieldwork days, verdicts, and department results.
struct Fieldwork<'a> {
    start: NaiveDate,
    days: i64,
    plan: &'a [Planned],
    gaps: &'a [(&'a str, InspectionAspect)],
    partly: &'a [(&'a str, InspectionAspect)],
    /// Departments (in table order) that also get a service check.
    service_depts: usize,
}

fn run_campaign(
    b: &mut Builder,
    campaign: &str,
    parks: &[Park],
    fw: Fieldwork,
) -> Vec<(Id, Option<Verdict>)> {
    let Fieldwork {
        start,
        days,
        plan,
        gaps,
        partly,
        service_depts,
    } = fw;
    let codes: HashMap<&str, &str> = parks
        .iter()
        .map(|p| (p.id.as_str(), p.code.as_str()))
        .collect();
    let due: Vec<(Id, String, String, String)> = {
        let end = start + Duration::days(days);
        let ws = &b.ws;
        let Some(c) = ws.inspection_campaigns.live(campaign) else {
            return Vec::new();
        };
        due_in_campaign(ws, &c.data, end)
            .into_iter()
            .map(|d| {
                let item = ws.power_items.live(&d.data.power_item_id);
                (
                    d.meta.id.clone(),
                    codes
                        .get(d.data.park_id.as_str())
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                    item.map(|i| i.data.item_code.clone()).unwrap_or_default(),
                    item.map(|i| i.data.name.clone()).unwrap_or_default(),
                )
            })
            .collect()
    };
    let mut out = Vec::new();
    for (n, (delegation, park, code, name)) in (0_i64..).zip(due) {
        let verdict = plan
            .iter()
            .find(|(p, c, _)| *p == park && *c == code)
            .map(|x| x.2)
            .unwrap_or(Verdict::InPlace);
        let (methods, evidence, reason) = evidence_for(verdict, &name);
        let on = start + Duration::days(n % days);
        let responsible =
            b.ws.delegations
                .live(&delegation)
                .and_then(|d| source_dept(&b.ws, &d.data).cloned())
                .filter(|_| verdict != Verdict::NotReceived && verdict != Verdict::InPlace);
        let check = InspectionCheckData {
            campaign_id: campaign.to_string(),
            target: CheckTarget::Delegation {
                delegation_id: delegation,
            },
            aspect: InspectionAspect::Authorisation,
            checked_on: Some(on),
            methods,
            evidence,
            verdict: Some(verdict),
            result: None,
            verdict_reason: reason,
            responsible_org_id: responsible,
            inspectors: INSPECTORS.iter().map(|s| s.to_string()).collect(),
            migrated: false,
        };
        if let Some(f) = add_check(b, on, check) {
            out.push((f, Some(verdict)));
        }
    }
    // Support and service checks of the departments (S7.1 "授权、支持和服务").
    let depts: Vec<(Id, String)> =
        b.ws.org_units
            .iter_live()
            .filter(|o| o.data.kind == super::org::OrgKind::Department)
            .map(|o| (o.meta.id.clone(), o.data.name.clone()))
            .collect();
    for (i, (dept, name)) in depts.iter().enumerate() {
        for aspect in [InspectionAspect::Support, InspectionAspect::Service] {
            if aspect == InspectionAspect::Service && i >= service_depts {
                continue;
            }
            let gap = gaps
                .iter()
                .any(|(d, a)| name.starts_with(d) && *a == aspect);
            let part = partly
                .iter()
                .any(|(d, a)| name.starts_with(d) && *a == aspect);
            let (result, reason) = if gap {
                (
                    AspectResult::NotInPlace,
                    match aspect {
                        InspectionAspect::Support => {
                            "未对园区承接人员开展业务培训，系统账号迟迟未开通"
                        }
                        _ => "对园区咨询答复不及时，业务指导缺位",
                    },
                )
            } else if part {
                (AspectResult::Partly, "业务指导已开展，但频次不足")
            } else {
                (AspectResult::InPlace, "支持和服务到位")
            };
            let on = start + Duration::days((i as i64) % days);
            let check = InspectionCheckData {
                campaign_id: campaign.to_string(),
                target: CheckTarget::Department {
                    org_id: dept.clone(),
                },
                aspect,
                checked_on: Some(on),
                methods: vec![CheckMethod::GroupTalk, CheckMethod::Documents],
                evidence: if gap {
                    vec![Evidence {
                        description: "园区座谈会记录（示例）".into(),
                        source: "督查组".into(),
                        file_name: None,
                    }]
                } else {
                    vec![]
                },
                verdict: None,
                result: Some(result),
                verdict_reason: reason.into(),
                responsible_org_id: gap.then(|| dept.clone()),
                inspectors: INSPECTORS.iter().map(|s| s.to_string()).collect(),
                migrated: false,
            };
            if let Some(f) = add_check(b, on, check) {
                out.push((f, None));
            }
        }
    }
    out
}

/// Adds a check and, like the command path, its draft finding and draft order. Returns the
/// finding id, if one was created.
fn add_check(b: &mut Builder, on: NaiveDate, check: InspectionCheckData) -> Option<Id> {
    let id = b.add(on, Data::InspectionCheck(check.clone()));
    let Follow::Create(f) = finding::follow_check(&b.ws, &id, &check) else {
        return None;
    };
    let needs = f.needs_order();
    let fid = b.add(on, Data::Finding(f.clone()));
    if needs {
        let no = super::command::next_notice_no(&b.ws, on);
        let o = RectificationOrderData::draft_for(&fid, &f, no, on, 30);
        b.add(on, Data::RectificationOrder(o));
    }
    Some(fid)
}

fn order_of(b: &Builder, finding_id: &str) -> Option<Id> {
    b.ws.rectification_orders
        .iter_live()
        .find(|o| o.data.finding_ids.iter().any(|f| f == finding_id))
        .map(|o| o.meta.id.clone())
}

fn motives_for(v: Option<Verdict>) -> Vec<Motive> {
    match v {
        Some(Verdict::NominalOnly | Verdict::Withheld) => vec![Motive::DeptInterest],
        Some(Verdict::Discounted) => vec![Motive::DeptInterest, Motive::LocalInterest],
        Some(Verdict::NotReceived) => vec![Motive::Capacity],
        _ => vec![],
    }
}

/// The park and item of a finding's delegation check, for choosing outcomes.
fn subject(b: &Builder, finding_id: &str, parks: &[Park]) -> (String, String) {
    let ws = &b.ws;
    let d = ws
        .findings
        .live(finding_id)
        .and_then(|f| f.data.check_ids.first().cloned())
        .and_then(|c| ws.inspection_checks.live(&c))
        .and_then(|c| c.data.target.delegation().map(str::to_string))
        .and_then(|d| ws.delegations.live(&d));
    match d {
        Some(d) => (
            parks
                .iter()
                .find(|p| p.id == d.data.park_id)
                .map(|p| p.code.clone())
                .unwrap_or_default(),
            ws.power_items
                .live(&d.data.power_item_id)
                .map(|i| i.data.item_code.clone())
                .unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    }
}

/// Campaign 1's orders as of 2013-12-31: 22 closed (three late, three after a rejected first
/// feedback, one after an approved extension), 3 overdue — one extended and not yet second
/// overdue, one with a yellow card, one second overdue awaiting its card (BR-E5 warning).
fn follow_up_first(b: &mut Builder, findings: &[(Id, Option<Verdict>)], parks: &[Park]) {
    let assign = date(2013, 7, 8);
    let mut closed = 0usize;
    for (fid, verdict) in findings {
        b.confirm(fid, date(2013, 7, 5), &motives_for(*verdict));
        let Some(oid) = order_of(b, fid) else {
            continue;
        };
        b.rect(
            &oid,
            RectAction::Assign {
                on: assign,
                deadline: Some(date(2013, 8, 7)),
            },
        );
        b.rect(
            &oid,
            RectAction::Acknowledge {
                on: date(2013, 7, 10),
            },
        );
        let (park, item) = subject(b, fid, parks);
        match (park.as_str(), item.as_str()) {
            // Overdue, extended to 2013-12-20: overdue on 2013-12-31 but not yet a second time.
            ("SC", "CF02001000") => {
                b.rect(
                    &oid,
                    RectAction::RequestExtension {
                        on: date(2013, 8, 1),
                        new_deadline: date(2013, 12, 20),
                        reason: "需与区国土资源局重新划分执法案件管辖".into(),
                    },
                );
                b.rect(
                    &oid,
                    RectAction::DecideExtension {
                        on: date(2013, 8, 5),
                        approve: true,
                        comment: "同意延期".into(),
                    },
                );
            }
            // Second overdue with a yellow card.
            ("GM", "JC02601000") => {
                b.rect(
                    &oid,
                    RectAction::Remind {
                        on: date(2013, 8, 12),
                    },
                );
                b.rect(
                    &oid,
                    RectAction::YellowCard {
                        on: date(2013, 9, 10),
                        reason: "逾期一个月仍未移交劳动保障监察业务".into(),
                    },
                );
            }
            // Extended to 2013-12-10, reminded, second overdue by the year's end: card due.
            ("GLG", "XK00501000") => {
                b.rect(
                    &oid,
                    RectAction::RequestExtension {
                        on: date(2013, 8, 2),
                        new_deadline: date(2013, 12, 10),
                        reason: "环评审批系统账号须省级部门开通".into(),
                    },
                );
                b.rect(
                    &oid,
                    RectAction::DecideExtension {
                        on: date(2013, 8, 6),
                        approve: true,
                        comment: "同意延期至 12 月 10 日".into(),
                    },
                );
                b.rect(
                    &oid,
                    RectAction::Remind {
                        on: date(2013, 12, 16),
                    },
                );
            }
            _ => {
                let k = closed as i64;
                closed += 1;
                // Three close late (after 2013-08-07), three have a rejected first feedback.
                let late = closed.is_multiple_of(7);
                let rejected = closed % 6 == 1;
                let feedback_on = if late {
                    date(2013, 8, 20) + Duration::days(k)
                } else {
                    date(2013, 7, 22) + Duration::days(k % 12)
                };
                b.rect(
                    &oid,
                    RectAction::Submit {
                        on: feedback_on,
                        measures: "已明确由园区承接机构独立办理，原部门停止受理".into(),
                        evidence: vec!["整改报告（示例）".into(), "交接清单（示例）".into()],
                        self_assessment: "已整改到位".into(),
                    },
                );
                let mut review_on = feedback_on + Duration::days(3);
                if rejected {
                    b.rect(
                        &oid,
                        RectAction::Review {
                            on: review_on,
                            reviewer: "督查组长（示例）".into(),
                            pass: false,
                            comment: "缺少原部门停止受理的书面通知".into(),
                        },
                    );
                    let again = review_on + Duration::days(4);
                    b.rect(
                        &oid,
                        RectAction::Submit {
                            on: again,
                            measures: "补充原部门停止受理的书面通知".into(),
                            evidence: vec!["停止受理通知（示例）".into()],
                            self_assessment: "已整改到位".into(),
                        },
                    );
                    review_on = again + Duration::days(2);
                }
                b.rect(
                    &oid,
                    RectAction::Review {
                        on: review_on,
                        reviewer: "督查组长（示例）".into(),
                        pass: true,
                        comment: "复核通过，同意销号".into(),
                    },
                );
            }
        }
    }
}

/// Campaign 2's orders: five issued on 2013-12-23 and in progress, the rest still drafts.
fn follow_up_second(b: &mut Builder, findings: &[(Id, Option<Verdict>)]) {
    let mut issued = 0;
    for (fid, verdict) in findings {
        let Some(oid) = order_of(b, fid) else {
            b.confirm(fid, date(2013, 12, 22), &motives_for(*verdict));
            continue;
        };
        if issued == 5 {
            continue;
        }
        issued += 1;
        b.confirm(fid, date(2013, 12, 22), &motives_for(*verdict));
        b.rect(
            &oid,
            RectAction::Assign {
                on: date(2013, 12, 23),
                deadline: Some(date(2014, 1, 22)),
            },
        );
        b.rect(
            &oid,
            RectAction::Acknowledge {
                on: date(2013, 12, 24),
            },
        );
    }
}

/// The finding of campaign `findings` about (park, item).
fn finding_about(
    b: &Builder,
    findings: &[(Id, Option<Verdict>)],
    parks: &[Park],
    park: &str,
    item: &str,
) -> Option<Id> {
    findings
        .iter()
        .find(|(f, _)| subject(b, f, parks) == (park.to_string(), item.to_string()))
        .map(|(f, _)| f.clone())
}

fn dept_named(ws: &Workspace, prefix: &str) -> Option<Id> {
    ws.org_units
        .iter_live()
        .find(|o| o.data.name.starts_with(prefix))
        .map(|o| o.meta.id.clone())
}

/// §7.5: 通报批评 of a department for a repeated 明放暗不放 (2 points), 约谈 of a department head for
/// 抱权不放 (1 point), 诫勉 of an individual for a falsified handover record (0 points).
fn accountability_actions(
    b: &mut Builder,
    first: &[(Id, Option<Verdict>)],
    second: &[(Id, Option<Verdict>)],
    parks: &[Park],
) {
    let city_gov = None;
    let land = dept_named(&b.ws, "区国土资源局");
    let env = dept_named(&b.ws, "市环境保护局");
    let planning = dept_named(&b.ws, "市规划局");
    let doc = |no: &str, title: &str, on: NaiveDate| DocRef {
        doc_no: Some(no.into()),
        title: title.into(),
        issued_on: Some(on),
    };
    let add = |b: &mut Builder,
               findings: Vec<Id>,
               target: AccountTarget,
               form: AccountabilityForm,
               basis: &str,
               points: f64,
               decided: NaiveDate,
               d: DocRef,
               executed: Option<NaiveDate>| {
        if findings.is_empty() {
            return;
        }
        let data = AccountabilityActionData {
            finding_ids: findings,
            target,
            form,
            basis: basis.into(),
            decided_by_org_id: city_gov.clone(),
            decided_on: None,
            doc: Some(d),
            assessment_deduction: Some(points),
            transferred_to_discipline: false,
            status: AccountabilityStatus::Lead,
            history: vec![],
        };
        let id = b.add(
            decided - Duration::days(20),
            Data::AccountabilityAction(data),
        );
        b.account(
            &id,
            AccountabilityStatus::Verifying,
            decided - Duration::days(15),
            "",
        );
        b.account(
            &id,
            AccountabilityStatus::Proposed,
            decided - Duration::days(5),
            "",
        );
        b.account(&id, AccountabilityStatus::Decided, decided, "");
        if let Some(x) = executed {
            b.account(&id, AccountabilityStatus::Executed, x, "");
        }
    };
    let repeated: Vec<Id> = [
        finding_about(b, first, parks, "SC", "CF02001000"),
        finding_about(b, second, parks, "SC", "CF02001000"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(unit) = land {
        add(
            b,
            repeated,
            AccountTarget::Org { org_id: unit },
            AccountabilityForm::CircularCriticism,
            "《示例市园区放权督查问责办法》第八条：明放暗不放经督办仍未整改（示例）",
            2.0,
            date(2013, 12, 26),
            doc(
                "示例督通〔2013〕3号",
                "关于对区国土资源局明放暗不放问题的通报（示例）",
                date(2013, 12, 26),
            ),
            None,
        );
    }
    let withheld: Vec<Id> = [
        finding_about(b, first, parks, "GLG", "XK00501000"),
        finding_about(b, second, parks, "GLG", "XK00501000"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(unit) = env {
        add(
            b,
            withheld,
            AccountTarget::Person {
                name: "干部HB-001（示例）".into(),
                post: "局长".into(),
                org_id: Some(unit),
            },
            AccountabilityForm::Interview,
            "《示例市园区放权督查问责办法》第七条：抱权不放（示例）",
            1.0,
            date(2013, 12, 27),
            doc(
                "示例督约〔2013〕2号",
                "约谈通知书（示例）",
                date(2013, 12, 27),
            ),
            Some(date(2013, 12, 30)),
        );
    }
    let falsified: Vec<Id> = finding_about(b, first, parks, "GM", "XK00302000")
        .into_iter()
        .collect();
    if let Some(unit) = planning {
        add(
            b,
            falsified,
            AccountTarget::Person {
                name: "干部GH-015（示例）".into(),
                post: "审批科科长".into(),
                org_id: Some(unit),
            },
            AccountabilityForm::Admonishment,
            "交接记录弄虚作假（示例）",
            0.0,
            date(2013, 10, 15),
            doc(
                "示例诫〔2013〕1号",
                "诫勉谈话记录（示例）",
                date(2013, 10, 15),
            ),
            Some(date(2013, 10, 18)),
        );
    }
}

/// A development entity of the demo: name, legal form, shareholders (name, share in 1/100 %),
/// registered capital in yuan, executives (name, role, committee post also held).
type Company = (
    &'static str,
    LegalForm,
    Vec<(&'static str, u32)>,
    i64,
    Vec<(&'static str, ExecutiveRole, &'static str)>,
);

fn service_system(b: &mut Builder, parks: &[Park]) {
    use InstitutionCategory::*;
    let on = date(2012, 12, 1);
    for p in parks {
        let (name, form, shareholders, capital_yuan, execs): Company = match p.code.as_str() {
            "GM" => (
                "工贸园区开发建设投资有限公司（示例）",
                LegalForm::StateOwnedSole,
                vec![("保山工贸园区管委会（出资人代表，示例）", 10_000)],
                200_000_000,
                vec![
                    // A committee deputy director chairs the company: listed for review (BR-A10).
                    ("干部GM-004（示例）", ExecutiveRole::Chair, "管委会副主任"),
                    ("经理GM-01（示例）", ExecutiveRole::GeneralManager, ""),
                    ("监事GM-01（示例）", ExecutiveRole::Supervisor, ""),
                ],
            ),
            "SC" => (
                "水长园区建设开发有限公司（示例）",
                LegalForm::StateOwnedSole,
                vec![("水长工业园区管委会（出资人代表，示例）", 10_000)],
                100_000_000,
                vec![
                    ("经理SC-01（示例）", ExecutiveRole::Chair, ""),
                    ("经理SC-02（示例）", ExecutiveRole::GeneralManager, ""),
                ],
            ),
            _ => (
                "高黎贡山旅游开发投资有限公司（示例）",
                LegalForm::StateControlled,
                vec![
                    ("高黎贡山旅游度假区管委会（出资人代表，示例）", 5_100),
                    ("示例旅游投资企业", 4_900),
                ],
                300_000_000,
                vec![
                    ("经理GLG-01（示例）", ExecutiveRole::Chair, ""),
                    ("经理GLG-02（示例）", ExecutiveRole::GeneralManager, ""),
                ],
            ),
        };
        b.add(
            on,
            Data::DevelopmentEntity(DevelopmentEntityData {
                park_id: p.id.clone(),
                name: name.into(),
                legal_form: form,
                credit_code: None,
                shareholders: shareholders
                    .into_iter()
                    .map(|(n, s)| Shareholder {
                        name: n.into(),
                        share_bp: s,
                    })
                    .collect(),
                registered_capital_fen: Some(capital_yuan * 100),
                business_scope: vec![
                    DevBusiness::LandPreparation,
                    DevBusiness::Infrastructure,
                    DevBusiness::Financing,
                    DevBusiness::StandardFactories,
                ],
                established_on: Some(date(2012, 11, 20)),
                executives: execs
                    .into_iter()
                    .map(|(n, r, post)| Executive {
                        name: n.into(),
                        role: r,
                        committee_post: post.into(),
                    })
                    .collect(),
                status: ActiveStatus::Operating,
            }),
        );
        // Offerings: every received item people apply for is served by the one-stop centre,
        // except GLG's temporary assistance, left unserved on purpose (BR-A12).
        let received: Vec<(Id, String)> =
            b.ws.delegations
                .iter_live()
                .filter(|d| d.data.park_id == p.id)
                .filter(|d| {
                    matches!(
                        d.data.reception,
                        Reception::Received | Reception::PartiallyReceived
                    ) && d.data.lifecycle == Lifecycle::HandedOver
                })
                .filter_map(|d| {
                    let item = b.ws.power_items.live(&d.data.power_item_id)?;
                    applied_for(item.data.power_type)
                        .then(|| (d.meta.id.clone(), item.data.item_code.clone()))
                })
                .collect();
        let linked: Vec<Id> = received
            .iter()
            .filter(|(_, code)| !(p.code == "GLG" && code == "JF01002000"))
            .map(|(id, _)| id.clone())
            .collect();
        let agency: Vec<Id> = received
            .iter()
            .filter(|(_, code)| code.starts_with("XK") || code.starts_with("QT001"))
            .map(|(id, _)| id.clone())
            .collect();
        let name_of = |s: &str| -> String {
            match p.code.as_str() {
                "GM" => format!("工贸园区{s}（示例）"),
                "SC" => format!("水长园区{s}（示例）"),
                _ => format!("度假区{s}（示例）"),
            }
        };
        b.add(
            on,
            Data::ServiceOffering(ServiceOfferingData {
                park_id: p.id.clone(),
                name: name_of("政务服务中心一站式窗口"),
                kind: ServiceKind::OneStopWindow,
                linked_delegation_ids: linked,
                promise: "一窗受理、即来即办，承诺件 5 个工作日办结".into(),
                status: ActiveStatus::Operating,
            }),
        );
        b.add(
            on,
            Data::ServiceOffering(ServiceOfferingData {
                park_id: p.id.clone(),
                name: name_of("重点项目代办帮办"),
                kind: ServiceKind::AgencyService,
                linked_delegation_ids: agency,
                promise: "项目审批全程免费代办".into(),
                status: ActiveStatus::Operating,
            }),
        );
        // Institutions: 8–12 per park; SC's 督查 rule is still a draft (BR-A11).
        let mut list: Vec<(&str, InstitutionCategory, InstitutionStatus)> = vec![
            (
                "党工委（管委会）议事规则",
                DecisionMaking,
                InstitutionStatus::InForce,
            ),
            (
                "“三重一大”事项集体决策制度",
                DecisionMaking,
                InstitutionStatus::InForce,
            ),
            ("财务管理办法", FinanceAssets, InstitutionStatus::InForce),
            (
                "干部选拔任用工作办法",
                Personnel,
                InstitutionStatus::InForce,
            ),
            (
                "招商引资项目准入与奖励办法",
                Investment,
                InstitutionStatus::InForce,
            ),
            (
                "重点项目建设管理办法",
                ProjectManagement,
                InstitutionStatus::InForce,
            ),
            (
                "目标责任考核与奖惩办法",
                AssessmentIncentives,
                InstitutionStatus::InForce,
            ),
            ("工作督查督办制度", Supervision, InstitutionStatus::InForce),
            (
                "行政审批服务工作规程",
                ApprovalService,
                InstitutionStatus::InForce,
            ),
        ];
        match p.code.as_str() {
            "SC" => {
                list.retain(|x| x.1 != Supervision);
                list.push((
                    "工作督查督办制度（征求意见稿）",
                    Supervision,
                    InstitutionStatus::Consulting,
                ));
            }
            "GM" => {
                list.push((
                    "国有资产管理办法",
                    FinanceAssets,
                    InstitutionStatus::InForce,
                ));
                list.push((
                    "内设机构科级干部竞争上岗实施办法",
                    Personnel,
                    InstitutionStatus::InForce,
                ));
                // GM's talent policy (S5.4) comes with the organisation part of the demo.
            }
            _ => {
                list.push((
                    "旅游项目建设管理办法",
                    ProjectManagement,
                    InstitutionStatus::InForce,
                ));
            }
        }
        for (n, (title, category, status)) in list.into_iter().enumerate() {
            let in_force = matches!(
                status,
                InstitutionStatus::InForce | InstitutionStatus::Revising
            );
            b.add(
                on,
                Data::Institution(InstitutionData {
                    park_id: p.id.clone(),
                    title: format!("{title}（示例）"),
                    category,
                    status,
                    issued: in_force.then(|| DocRef {
                        doc_no: Some(format!("示例{}发〔2012〕{}号", p.code, n + 1)),
                        title: format!("关于印发《{title}》的通知（示例）"),
                        issued_on: Some(date(2012, 11, 25)),
                    }),
                    effective_from: in_force.then(|| date(2012, 12, 1)),
                    review_due: in_force.then(|| date(2015, 12, 1)),
                }),
            );
        }
    }
}

/// Adds the supervision and service-system demo to the delegation demo.
pub fn add(ws: Workspace) -> Workspace {
    let mut b = Builder {
        ws,
        ids: SeqIds {
            next: 0,
            salt: 0x5A4D_5355,
        },
        office: Office::new(SAMPLE_OFFICE_ID, "示例数据", Role::InspectionGroup),
    };
    let parks = parks(&b.ws);
    second_batch(&mut b, &parks);
    service_system(&mut b, &parks);

    let team = b.add(
        date(2013, 5, 20),
        Data::InspectionTeam(InspectionTeamData {
            name: "市园区实体化管理督促检查组（示例）".into(),
            lead_org_id: None,
            members: [
                ("督查组长（示例）", MemberRole::Leader),
                ("副组长甲（示例）", MemberRole::DeputyLeader),
                ("副组长乙（示例）", MemberRole::DeputyLeader),
                ("督查员甲（示例）", MemberRole::Member),
                ("督查员乙（示例）", MemberRole::Member),
                ("督查员丙（示例）", MemberRole::Member),
                ("联络员（示例）", MemberRole::Liaison),
            ]
            .into_iter()
            .map(|(name, role)| TeamMember {
                name: name.into(),
                org: String::new(),
                role,
            })
            .collect(),
        }),
    );
    let scope: Vec<Id> = parks.iter().map(|p| p.id.clone()).collect();
    let campaign = |title: &str, from: NaiveDate, to: NaiveDate| InspectionCampaignData {
        team_id: Some(team.clone()),
        title: title.into(),
        period: Period { from, to: Some(to) },
        scope_parks: scope.clone(),
        scope_depts: vec![],
        aspects: InspectionAspect::ALL.to_vec(),
        status: CampaignStatus::Planned,
        report: None,
        history: vec![],
    };
    let c1 = b.add(
        date(2013, 5, 25),
        Data::InspectionCampaign(campaign(
            "2013 年上半年园区放权督查（示例）",
            date(2013, 6, 3),
            date(2013, 6, 28),
        )),
    );
    b.campaign_step(&c1, CampaignStatus::Fieldwork, date(2013, 6, 3));
    let first = run_campaign(
        &mut b,
        &c1,
        &parks,
        Fieldwork {
            start: date(2013, 6, 3),
            days: 20,
            plan: FIRST,
            gaps: &GAPS_1,
            partly: &[],
            service_depts: 14,
        },
    );
    b.campaign_step(&c1, CampaignStatus::Consolidating, date(2013, 6, 28));
    follow_up_first(&mut b, &first, &parks);

    let c2 = b.add(
        date(2013, 11, 25),
        Data::InspectionCampaign(campaign(
            "2013 年下半年园区放权督查（示例）",
            date(2013, 12, 2),
            date(2013, 12, 20),
        )),
    );
    b.campaign_step(&c2, CampaignStatus::Fieldwork, date(2013, 12, 2));
    let second = run_campaign(
        &mut b,
        &c2,
        &parks,
        Fieldwork {
            start: date(2013, 12, 2),
            days: 15,
            plan: SECOND,
            gaps: &[],
            partly: &PARTLY_2,
            service_depts: usize::MAX,
        },
    );
    b.campaign_step(&c2, CampaignStatus::Consolidating, date(2013, 12, 20));
    follow_up_second(&mut b, &second);
    accountability_actions(&mut b, &first, &second, &parks);

    // The campaigns' reports.
    for (id, no, title, on, close) in [
        (
            &c1,
            "示例督通〔2013〕1号",
            "关于2013年上半年园区放权督查情况的通报（示例）",
            date(2013, 7, 5),
            Some(date(2013, 12, 28)),
        ),
        (
            &c2,
            "示例督通〔2013〕2号",
            "关于2013年下半年园区放权督查情况的通报（示例）",
            date(2013, 12, 22),
            None,
        ),
    ] {
        if let Some(mut c) = b.ws.inspection_campaigns.live(id).map(|r| r.data.clone()) {
            c.report = Some(DocRef {
                doc_no: Some(no.into()),
                title: title.into(),
                issued_on: Some(on),
            });
            b.replace(
                Kind::InspectionCampaign,
                id,
                on,
                Data::InspectionCampaign(c),
            );
        }
        b.campaign_step(id, CampaignStatus::Reported, on);
        if let Some(day) = close {
            b.campaign_step(id, CampaignStatus::Closed, day);
        }
    }
    b.ws
}
