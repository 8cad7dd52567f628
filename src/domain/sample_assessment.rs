//! Demo data of assessment and incentives (shared/domain.md §7.6, Appendix B), ALL SAMPLE:
//!
//! - the city's 2013 county-level target-responsibility scheme with the three parks' leadership
//!   teams (实绩 80 % + 民主测评 20 %, the indicator set of Appendix B with a two-level indicator
//!   and a bonus item, four veto items): GM 好, GLG 较好, SC 较好;
//! - the city's scheme for the departments that delegate to the parks, where the accountability
//!   deductions of 2013 (区国土资源局 −2, 市环境保护局 −1) appear as lines of their own (BR-D10);
//! - per park an internal-body scheme, an entrusted-body (township) scheme and an individual
//!   scheme (civil-servant scale, 优秀 ≤ 20 %), each with its own indicator set; individual
//!   grades about 18 % 优秀 / 78 % 称职 / 3 % 基本称职 / 1 % 不称职 (the last by a veto item);
//!   in GM one high scorer is held below the top grade by a veto item (诫勉), in GLG the
//!   committee raised one grade by a reasoned override. SC's individual scheme is still being
//!   scored (its pool is an estimate): the screen where scores are entered;
//! - bonus pools GM ¥1,200,000, GLG ¥900,000, SC ¥800,000 (two-level) with 2–3 special awards
//!   each; in SC the 党政办公室 split its share equally (BR-D6 平均分配, teaching case);
//! - uses of results from the priority lists, one commendation off the list with its reason.
//!
//! Every state step is written by the domain's own `assessment::apply_step`, so histories are
//! what the app would have written. Dates stay within 2013 (the demo's as-of date is 2013-12-31).
//! Ids are deterministic (own salt).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::assessment::*;
use super::assessment_results::{AssessmentIndex, Outcomes};
use super::bonus::{self, BonusPoolData, PersonAmount, PoolStatus, SpecialAward, UnitDistribution};
use super::meta::{DocRef, Id, IdSource, Meta, Office, Provenance, SeqIds, Timestamp};
use super::org::OrgKind;
use super::person::PersonStatus;
use super::result_use::{ResultUseData, ResultUseKind, priority_lists_of};
use super::sample::SAMPLE_OFFICE_ID;
use super::workspace::{Data, Kind, Record, Workspace};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn stamp(d: NaiveDate) -> Timestamp {
    d.and_hms_opt(10, 0, 0).unwrap_or_default().and_utc()
}

/// No step of the demo is dated after the end of 2013.
fn end() -> NaiveDate {
    date(2013, 12, 31)
}

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

    fn replace(&mut self, kind: Kind, id: &str, on: NaiveDate, data: Data) {
        if let Some(before) = self.ws.get(kind, id) {
            let mut after = Record::new(before.meta().clone(), data);
            super::merge::stamp_edit(Some(&before), &mut after, stamp(on), &self.office);
            self.ws.put(after);
        }
    }

    /// Moves a scheme through its states up to `to`, one dated step each, with the domain's own
    /// guards (a refused step is a bug in the sample; the demo test catches the missing state).
    fn steps(&mut self, id: &str, path: &[(SchemeStatus, NaiveDate)]) {
        for (to, on) in path {
            let Some(before) = self.ws.assessment_schemes.live(id).map(|r| r.data.clone()) else {
                return;
            };
            let facts = super::assessment_results::evaluate_in(&self.ws, id)
                .map(|o| StepFacts {
                    incomplete: o.incomplete(),
                    over_quota: o.quota.over(),
                })
                .unwrap_or_default();
            let step = SchemeStep {
                to: *to,
                on: *on,
                reason: String::new(),
            };
            match apply_step(&before, &step, &facts, end(), stamp(*on), SAMPLE_OFFICE_ID) {
                Ok(after) => self.replace(
                    Kind::AssessmentScheme,
                    id,
                    *on,
                    Data::AssessmentScheme(after),
                ),
                Err(_) => return,
            }
        }
    }
}

/// A small deterministic mixer (splitmix64) for spreading sample values.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn seed(s: &str) -> u64 {
    s.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    })
}

#[allow(clippy::too_many_arguments)] // one line per indicator in the tables below reads best
fn ind(
    id: &str,
    parent: Option<&str>,
    code: &str,
    name: &str,
    category: IndicatorCategory,
    unit: &str,
    points: f64,
    method: ScoringMethod,
) -> Indicator {
    Indicator {
        id: id.into(),
        parent: parent.map(str::to_string),
        code: code.into(),
        name: name.into(),
        category,
        unit: unit.into(),
        points,
        method,
        lower_is_better: false,
        data_source_org_id: None,
        evidence_required: false,
    }
}

fn completion(cap: f64) -> ScoringMethod {
    ScoringMethod::CompletionLinear { cap }
}

fn rating() -> ScoringMethod {
    ScoringMethod::Qualitative {
        levels: default_ratings(),
    }
}

fn veto(code: &str, name: &str, effect: VetoEffect) -> VetoItem {
    VetoItem {
        code: code.into(),
        name: name.into(),
        effect,
    }
}

fn entry(indicator: &str, target: Option<f64>, actual: Option<f64>, rating: Option<&str>) -> Entry {
    Entry {
        indicator: indicator.into(),
        target,
        actual,
        rating: rating.map(str::to_string),
        note: String::new(),
    }
}

fn doc(no: &str, title: &str, on: NaiveDate) -> Option<DocRef> {
    Some(DocRef {
        doc_no: Some(no.into()),
        title: title.into(),
        issued_on: Some(on),
    })
}

/// What the demo needs to know of a park.
struct Park {
    id: Id,
    code: String,
    name: String,
    party: Id,
    mgmt: Id,
    /// Internal bodies, the enforcement body and the public institution.
    bodies: Vec<(Id, String)>,
    /// The governments of its entrusted townships, with the township id.
    towns: Vec<(Id, Id)>,
}

fn parks(ws: &Workspace) -> Vec<Park> {
    let mut town_gov: HashMap<&str, &str> = HashMap::new();
    for o in ws.org_units.iter_live() {
        if o.data.kind == OrgKind::TownshipGov
            && let Some(t) = &o.data.township_id
        {
            town_gov.insert(t.as_str(), o.id());
        }
    }
    let mut out: Vec<Park> = ws
        .parks
        .iter_live()
        .map(|p| {
            let of = |k: OrgKind| {
                ws.org_units
                    .iter_live()
                    .find(|o| o.data.kind == k && o.data.park_id.as_deref() == Some(p.id()))
                    .map(|o| o.meta.id.clone())
                    .unwrap_or_default()
            };
            let bodies = ws
                .org_units
                .iter_live()
                .filter(|o| o.data.park_id.as_deref() == Some(p.id()))
                .filter(|o| {
                    matches!(
                        o.data.kind,
                        OrgKind::InternalBody
                            | OrgKind::UnifiedEnforcement
                            | OrgKind::ParkPublicInstitution
                    )
                })
                .map(|o| (o.meta.id.clone(), o.data.name.clone()))
                .collect();
            let towns = ws
                .entrustments
                .iter_live()
                .filter(|e| e.data.park_id == p.meta.id)
                .filter_map(|e| {
                    town_gov
                        .get(e.data.township_id.as_str())
                        .map(|g| (g.to_string(), e.data.township_id.clone()))
                })
                .collect();
            Park {
                id: p.meta.id.clone(),
                code: p.data.short_code.clone(),
                name: p.data.name_zh.clone(),
                party: of(OrgKind::ParkPartyCommittee),
                mgmt: of(OrgKind::ParkMgmtCommittee),
                bodies,
                towns,
            }
        })
        .collect();
    // GM, GLG, SC — the order of §7.6.
    out.sort_by_key(|p| match p.code.as_str() {
        "GM" => 0,
        "GLG" => 1,
        _ => 2,
    });
    out
}

/// The county-level scheme's indicator set (Appendix B, park leadership, 100 points).
fn county_indicators() -> Vec<Indicator> {
    use IndicatorCategory::*;
    let mut v = vec![
        ind(
            "i1",
            None,
            "A1",
            "招商引资实际到位资金",
            Investment,
            "万元",
            20.0,
            completion(1.2),
        ),
        ind(
            "i2",
            None,
            "A2",
            "固定资产投资完成额",
            Economy,
            "万元",
            15.0,
            completion(1.2),
        ),
        ind(
            "i3",
            None,
            "A3",
            "重点项目建设（开工/投产）",
            Projects,
            "个（滞后项目）",
            15.0,
            ScoringMethod::Deduction {
                per_event: Some(3.0),
            },
        ),
        ind(
            "i4",
            None,
            "A4",
            "基础设施建设（计划完成）",
            Infrastructure,
            "%",
            10.0,
            completion(1.2),
        ),
        ind(
            "i5",
            None,
            "A5",
            "财政收入 / 旅游综合收入增长",
            Economy,
            "%",
            10.0,
            ScoringMethod::EfficacyCoefficient {
                floor: 60.0,
                span: 40.0,
            },
        ),
        ind(
            "i6",
            None,
            "A6",
            "放权承接与区镇合一",
            Delegation,
            "",
            5.0,
            completion(1.0),
        ),
        ind(
            "i6a",
            Some("i6"),
            "A6.1",
            "承接率",
            Delegation,
            "%",
            3.0,
            completion(1.0),
        ),
        ind(
            "i6b",
            Some("i6"),
            "A6.2",
            "区镇合一覆盖率",
            Delegation,
            "%",
            2.0,
            completion(1.0),
        ),
        ind(
            "i7",
            None,
            "A7",
            "托管乡镇社会事务",
            Social,
            "",
            10.0,
            rating(),
        ),
        ind(
            "i8",
            None,
            "A8",
            "党建廉政",
            PartyIntegrity,
            "分",
            5.0,
            ScoringMethod::Deduction { per_event: None },
        ),
        ind(
            "i9",
            None,
            "A9",
            "满意度（问卷）",
            Satisfaction,
            "%",
            10.0,
            completion(1.0),
        ),
        ind(
            "i10",
            None,
            "B1",
            "改革创新加分",
            Other,
            "分",
            3.0,
            ScoringMethod::BonusItem,
        ),
    ];
    v[2].evidence_required = true;
    v
}

/// Internal bodies: a general set for bodies of different duties (Appendix B's 招商合作局 set is
/// one body's variant) [D].
fn body_indicators() -> Vec<Indicator> {
    use IndicatorCategory::*;
    vec![
        ind(
            "i1",
            None,
            "N1",
            "年度重点工作任务完成",
            Projects,
            "%",
            40.0,
            completion(1.0),
        ),
        ind(
            "i2",
            None,
            "N2",
            "服务企业与群众满意度",
            Service,
            "%",
            20.0,
            completion(1.0),
        ),
        ind(
            "i3",
            None,
            "N3",
            "督办事项按期完成",
            Service,
            "件（逾期）",
            15.0,
            ScoringMethod::Deduction {
                per_event: Some(3.0),
            },
        ),
        ind(
            "i4",
            None,
            "N4",
            "制度执行",
            Institutions,
            "",
            15.0,
            rating(),
        ),
        ind(
            "i5",
            None,
            "N5",
            "党风廉政",
            PartyIntegrity,
            "分",
            10.0,
            ScoringMethod::Deduction { per_event: None },
        ),
    ]
}

/// Entrusted bodies (Appendix B, township).
fn town_indicators() -> Vec<Indicator> {
    use IndicatorCategory::*;
    vec![
        ind(
            "i1",
            None,
            "T1",
            "配合征地拆迁与项目落地",
            Projects,
            "%",
            25.0,
            completion(1.2),
        ),
        ind(
            "i2",
            None,
            "T2",
            "社会事务（民政、社保、教育等）",
            Social,
            "",
            30.0,
            rating(),
        ),
        ind(
            "i3",
            None,
            "T3",
            "安全稳定",
            Other,
            "起（事件）",
            20.0,
            ScoringMethod::Deduction {
                per_event: Some(5.0),
            },
        ),
        ind(
            "i4",
            None,
            "T4",
            "三农工作",
            Social,
            "%",
            15.0,
            completion(1.0),
        ),
        ind("i5", None, "T5", "党建", PartyIntegrity, "", 10.0, rating()),
    ]
}

/// Individuals (Appendix B: 德 10 · 能 15 · 勤 15 · 绩 50 · 廉 10).
fn person_indicators() -> Vec<Indicator> {
    use IndicatorCategory::*;
    vec![
        ind("i1", None, "P1", "德", Conduct, "", 10.0, rating()),
        ind("i2", None, "P2", "能", Conduct, "", 15.0, rating()),
        ind("i3", None, "P3", "勤", Conduct, "", 15.0, rating()),
        ind(
            "i4",
            None,
            "P4",
            "绩（岗位目标完成）",
            Conduct,
            "%",
            50.0,
            completion(1.0),
        ),
        ind(
            "i5",
            None,
            "P5",
            "廉",
            Conduct,
            "分",
            10.0,
            ScoringMethod::Deduction { per_event: None },
        ),
    ]
}

fn scheme(
    year: i32,
    title: &str,
    kind: AssesseeKind,
    assessor: &str,
    park: Option<&str>,
    assessees: Vec<Assessee>,
    indicators: Vec<Indicator>,
) -> AssessmentSchemeData {
    AssessmentSchemeData {
        assessor_org_id: (!assessor.is_empty()).then(|| assessor.to_string()),
        park_id: park.map(str::to_string),
        assessees,
        indicators,
        ..AssessmentSchemeData::draft(year, title, kind)
    }
}

/// The usual path of a 2013 scheme, up to `last`.
fn path_to(last: SchemeStatus) -> Vec<(SchemeStatus, NaiveDate)> {
    [
        (SchemeStatus::Published, date(2013, 3, 15)),
        (SchemeStatus::Collecting, date(2013, 11, 25)),
        (SchemeStatus::Scoring, date(2013, 12, 10)),
        (SchemeStatus::Review, date(2013, 12, 20)),
        (SchemeStatus::Final, date(2013, 12, 27)),
        (SchemeStatus::Applied, date(2013, 12, 30)),
    ]
    .into_iter()
    .take_while(|(s, _)| s.step() <= last.step())
    .collect()
}

fn add_results(b: &mut Builder, rows: Vec<AssessmentResultData>) {
    for r in rows {
        b.add(date(2013, 12, 12), Data::AssessmentResult(r));
    }
}

/// The city's county-level scheme with the three parks' leadership teams (§7.6).
fn county_scheme(b: &mut Builder, parks: &[Park], city: &str) -> Id {
    let mut s = scheme(
        2013,
        "2013年度县区及园区目标责任制考核（示例）",
        AssesseeKind::ParkLeadership,
        city,
        None,
        parks
            .iter()
            .map(|p| Assessee {
                org_id: p.mgmt.clone(),
                person_id: None,
            })
            .collect(),
        county_indicators(),
    );
    s.components = vec![
        Component {
            code: "IND".into(),
            name: "实绩考核".into(),
            weight_permille: 800,
            source: ComponentSource::Indicators,
        },
        Component {
            code: "EVAL".into(),
            name: "民主测评".into(),
            weight_permille: 200,
            source: ComponentSource::Entered,
        },
    ];
    s.veto_items = vec![
        veto("V1", "重大安全生产事故", VetoEffect::ForceLowest),
        veto("V2", "党风廉政建设", VetoEffect::ForceLowest),
        veto("V3", "社会稳定", VetoEffect::ForceLowest),
        veto("V4", "计划生育（2013年语境）", VetoEffect::NoTopGrade),
    ];
    s.basis = doc(
        "示例发〔2013〕5号",
        "2013年度县区及园区目标责任制考核办法（示例）",
        date(2013, 3, 10),
    );
    let id = b.add(date(2013, 3, 1), Data::AssessmentScheme(s));
    // (i1 target, actual), (i2 target, actual), lagging projects, i4 %, i5 growth %, i6a %,
    // i6b %, i7 rating, i8 deductions, i9 %, bonus, democratic evaluation.
    type Row = (
        (f64, f64),
        (f64, f64),
        f64,
        f64,
        f64,
        f64,
        f64,
        &'static str,
        f64,
        f64,
        f64,
        f64,
    );
    let figures: [(&str, Row); 3] = [
        (
            "GM",
            (
                (80000.0, 84000.0),
                (60000.0, 61800.0),
                1.0,
                96.0,
                18.0,
                95.0,
                100.0,
                "好",
                0.0,
                90.0,
                1.0,
                90.0,
            ),
        ),
        (
            "GLG",
            (
                (50000.0, 46000.0),
                (40000.0, 38000.0),
                2.0,
                88.0,
                15.0,
                88.0,
                50.0,
                "较好",
                1.0,
                86.0,
                0.0,
                85.0,
            ),
        ),
        (
            "SC",
            (
                (40000.0, 36000.0),
                (30000.0, 27600.0),
                2.0,
                90.0,
                12.0,
                85.0,
                50.0,
                "较好",
                0.0,
                84.0,
                0.0,
                82.0,
            ),
        ),
    ];
    let mut rows = Vec::new();
    for p in parks {
        let Some((_, f)) = figures.iter().find(|(c, _)| *c == p.code) else {
            continue;
        };
        let mut r = AssessmentResultData::new(
            id.clone(),
            Assessee {
                org_id: p.mgmt.clone(),
                person_id: None,
            },
        );
        r.entries = vec![
            entry("i1", Some(f.0.0), Some(f.0.1), None),
            entry("i2", Some(f.1.0), Some(f.1.1), None),
            entry("i3", None, Some(f.2), None),
            entry("i4", Some(100.0), Some(f.3), None),
            entry("i5", None, Some(f.4), None),
            entry("i6a", Some(100.0), Some(f.5), None),
            entry("i6b", Some(100.0), Some(f.6), None),
            entry("i7", None, None, Some(f.7)),
            entry("i8", None, Some(f.8), None),
            entry("i9", Some(100.0), Some(f.9), None),
            entry("i10", None, Some(f.10), None),
        ];
        r.entries[2].note = if f.2 > 0.0 {
            format!("{} 个重点项目开工滞后（示例）", f.2)
        } else {
            String::new()
        };
        r.set_component_score("EVAL", Some(f.11));
        rows.push(r);
    }
    add_results(b, rows);
    b.steps(&id, &path_to(SchemeStatus::Applied));
    id
}

/// The city's scheme for the delegating departments; the accountability deductions of 2013 are
/// carried into it (BR-D10).
fn department_scheme(b: &mut Builder, city: &str) -> Id {
    use IndicatorCategory::*;
    let depts: Vec<(Id, String)> =
        b.ws.org_units
            .iter_live()
            .filter(|o| o.data.kind == OrgKind::Department)
            .map(|o| (o.meta.id.clone(), o.data.name.clone()))
            .collect();
    let mut s = scheme(
        2013,
        "2013年度职能部门支持园区工作考核（示例）",
        AssesseeKind::Department,
        city,
        None,
        depts
            .iter()
            .map(|(id, _)| Assessee {
                org_id: id.clone(),
                person_id: None,
            })
            .collect(),
        vec![
            ind(
                "i1",
                None,
                "D1",
                "权力下放到位（督查核查）",
                Delegation,
                "%",
                40.0,
                completion(1.0),
            ),
            ind(
                "i2",
                None,
                "D2",
                "支持和服务园区",
                Service,
                "",
                30.0,
                rating(),
            ),
            ind(
                "i3",
                None,
                "D3",
                "督查整改落实",
                Service,
                "件（逾期）",
                20.0,
                ScoringMethod::Deduction {
                    per_event: Some(5.0),
                },
            ),
            ind("i4", None, "D4", "工作配合", Other, "", 10.0, rating()),
        ],
    );
    s.basis = doc(
        "示例发〔2013〕6号",
        "职能部门支持园区实体化管理工作考核办法（示例）",
        date(2013, 3, 10),
    );
    let id = b.add(date(2013, 3, 1), Data::AssessmentScheme(s));
    let rows = depts
        .iter()
        .map(|(org, name)| {
            let h = mix(seed(name));
            let (rate, support, overdue) = if name.starts_with("区国土资源局") {
                (72.0, "一般", 1.0)
            } else if name.starts_with("市环境保护局") {
                (70.0, "一般", 1.0)
            } else if name.starts_with("市规划局") {
                (85.0, "较好", 0.0)
            } else {
                (
                    84.0 + (h % 100) as f64 / 10.0,
                    if h.is_multiple_of(4) { "好" } else { "较好" },
                    0.0,
                )
            };
            let mut r = AssessmentResultData::new(
                id.clone(),
                Assessee {
                    org_id: org.clone(),
                    person_id: None,
                },
            );
            r.entries = vec![
                entry("i1", Some(100.0), Some(rate), None),
                entry("i2", None, None, Some(support)),
                entry("i3", None, Some(overdue), None),
                entry(
                    "i4",
                    None,
                    None,
                    Some(if h.is_multiple_of(2) { "好" } else { "较好" }),
                ),
            ];
            r
        })
        .collect();
    add_results(b, rows);
    b.steps(&id, &path_to(SchemeStatus::Final));
    id
}

/// The scheme for a park's internal bodies (and its enforcement body and public institution).
fn body_scheme(b: &mut Builder, p: &Park) -> Id {
    let mut s = scheme(
        2013,
        &format!("2013年度{}内设机构目标考核（示例）", p.name),
        AssesseeKind::InternalBody,
        &p.party,
        Some(&p.id),
        p.bodies
            .iter()
            .map(|(id, _)| Assessee {
                org_id: id.clone(),
                person_id: None,
            })
            .collect(),
        body_indicators(),
    );
    s.veto_items = vec![veto(
        "V1",
        "发生重大责任事故或违纪案件",
        VetoEffect::ForceLowest,
    )];
    let id = b.add(date(2013, 3, 5), Data::AssessmentScheme(s));
    let rows = p
        .bodies
        .iter()
        .enumerate()
        .map(|(i, (org, name))| {
            // The first body of each park 好, one 一般, the others 较好.
            let (done, sat, overdue, rule, integrity) = match i {
                0 => (100.0, 96.0, 0.0, "好", 0.0),
                _ if i == p.bodies.len() - 1 => (80.0, 78.0, 2.0, "一般", 1.0),
                _ => {
                    let h = mix(seed(name));
                    (
                        88.0 + (h % 40) as f64 / 10.0,
                        85.0 + (h % 6) as f64,
                        1.0,
                        "较好",
                        0.0,
                    )
                }
            };
            let mut r = AssessmentResultData::new(
                id.clone(),
                Assessee {
                    org_id: org.clone(),
                    person_id: None,
                },
            );
            r.entries = vec![
                entry("i1", Some(100.0), Some(done), None),
                entry("i2", Some(100.0), Some(sat), None),
                entry("i3", None, Some(overdue), None),
                entry("i4", None, None, Some(rule)),
                entry("i5", None, Some(integrity), None),
            ];
            r
        })
        .collect();
    add_results(b, rows);
    b.steps(&id, &path_to(SchemeStatus::Applied));
    id
}

/// The scheme for a park's entrusted townships (their governments).
fn town_scheme(b: &mut Builder, p: &Park) -> Id {
    let mut s = scheme(
        2013,
        &format!("2013年度{}托管乡镇目标考核（示例）", p.name),
        AssesseeKind::EntrustedBody,
        &p.party,
        Some(&p.id),
        p.towns
            .iter()
            .map(|(gov, _)| Assessee {
                org_id: gov.clone(),
                person_id: None,
            })
            .collect(),
        town_indicators(),
    );
    s.veto_items = vec![veto("V1", "重大安全生产事故", VetoEffect::ForceLowest)];
    let id = b.add(date(2013, 3, 5), Data::AssessmentScheme(s));
    let rows = p
        .towns
        .iter()
        .enumerate()
        .map(|(i, (gov, _))| {
            let (land, social, events, farm, party) = if i == 0 {
                (105.0, "好", 0.0, 96.0, "好")
            } else {
                (92.0, "较好", 1.0, 90.0, "较好")
            };
            let mut r = AssessmentResultData::new(
                id.clone(),
                Assessee {
                    org_id: gov.clone(),
                    person_id: None,
                },
            );
            r.entries = vec![
                entry("i1", Some(100.0), Some(land), None),
                entry("i2", None, None, Some(social)),
                entry("i3", None, Some(events), None),
                entry("i4", Some(100.0), Some(farm), None),
                entry("i5", None, None, Some(party)),
            ];
            r
        })
        .collect();
    add_results(b, rows);
    b.steps(&id, &path_to(SchemeStatus::Applied));
    id
}

/// The unit a person is assessed in: the work unit when it is assessed, the 管委会 for the
/// committees' own staff, the township government for the township's bodies.
fn assessed_unit(ws: &Workspace, p: &Park, work_org: &str) -> Option<Id> {
    if p.bodies.iter().any(|(id, _)| id == work_org) {
        return Some(work_org.to_string());
    }
    let o = ws.org_units.live(work_org)?;
    match o.data.kind {
        OrgKind::ParkMgmtCommittee | OrgKind::ParkPartyCommittee
            if o.data.park_id.as_deref() == Some(p.id.as_str()) =>
        {
            Some(p.mgmt.clone())
        }
        k if k.is_township_body() => {
            let t = o.data.township_id.as_deref()?;
            p.towns
                .iter()
                .find(|(_, town)| town == t)
                .map(|(g, _)| g.clone())
        }
        _ => None,
    }
}

/// The individual scheme of a park: in-quota staff working in the park system at the end of
/// 2013, graded about 18 / 78 / 3 / 1 %.
fn person_scheme(b: &mut Builder, p: &Park, status: SchemeStatus) -> Id {
    let day = end();
    let mut people: Vec<(String, Id, Id)> =
        b.ws.persons
            .iter_live()
            .filter_map(|x| {
                let pl = x.data.placement_on(day)?;
                if pl.status != PersonStatus::Active || pl.seat.is_none() {
                    return None;
                }
                let unit = assessed_unit(&b.ws, p, pl.work_org_id.as_deref()?)?;
                Some((x.data.staff_no.clone(), x.meta.id.clone(), unit))
            })
            .collect();
    people.sort();
    let mut s = scheme(
        2013,
        &format!("2013年度{}在职人员年度考核（示例）", p.name),
        AssesseeKind::Individual,
        &p.party,
        Some(&p.id),
        people
            .iter()
            .map(|(_, pid, unit)| Assessee {
                org_id: unit.clone(),
                person_id: Some(pid.clone()),
            })
            .collect(),
        person_indicators(),
    );
    s.veto_items = vec![
        veto("V1", "受到党纪政务处分", VetoEffect::ForceLowest),
        veto("V2", "年度内受到诫勉", VetoEffect::NoTopGrade),
    ];
    s.basis = doc(
        &format!("示例{}党工发〔2013〕3号", p.code),
        &format!("{}在职人员年度考核实施办法（示例）", p.name),
        date(2013, 3, 1),
    );
    let id = b.add(date(2013, 3, 2), Data::AssessmentScheme(s));
    // Shares of §7.6: 18 % 优秀, 3 % 基本称职, 1 % 不称职 (at least one), the rest 称职.
    let n = people.len();
    let top = (n * 18 + 50) / 100;
    let basic = ((n * 3 + 50) / 100).max(1);
    let fail = ((n + 50) / 100).max(1);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| mix(seed(&people[*i].0)));
    let mut grade_of = vec![1u8; n];
    for (k, i) in order.iter().enumerate() {
        grade_of[*i] = if k < top {
            0
        } else if k < top + basic {
            2
        } else if k < top + basic + fail {
            3
        } else {
            1
        };
    }
    let rows = people
        .iter()
        .enumerate()
        .map(|(i, (staff_no, pid, unit))| {
            let h = mix(seed(staff_no) ^ 0x5151);
            let frac = (h % 100) as f64 / 20.0; // 0.00 – 4.95
            let (r3, r, act, integrity) = match grade_of[i] {
                0 => ("好", "好", 96.0 + frac * 0.8, 0.0),
                1 => ("较好", "较好", 80.0 + frac * 2.0, 0.0),
                2 => ("一般", "一般", 70.0 + frac * 2.0, 2.0),
                _ => ("一般", "较差", 60.0 + frac, 5.0),
            };
            let mut x = AssessmentResultData::new(
                id.clone(),
                Assessee {
                    org_id: unit.clone(),
                    person_id: Some(pid.clone()),
                },
            );
            x.entries = vec![
                entry("i1", None, None, Some(r3)),
                entry("i2", None, None, Some(r)),
                entry("i3", None, None, Some(r)),
                entry("i4", Some(100.0), Some((act * 100.0).round() / 100.0), None),
                entry("i5", None, Some(integrity), None),
            ];
            if grade_of[i] == 3 {
                x.vetoed_by = vec!["V1".into()];
                x.entries[4].note = "年内受到党纪处分（示例）".into();
            }
            x
        })
        .collect::<Vec<_>>();
    let mut rows = rows;
    // GM: a high scorer admonished during the year is held below the top grade (veto V2).
    if p.code == "GM"
        && let Some(i) = (0..n).find(|i| grade_of[*i] == 0)
    {
        rows[i].vetoed_by = vec!["V2".into()];
    }
    // GLG: the committee raised one competent person to 优秀 within the quota, with its reason.
    if p.code == "GLG"
        && let Some(i) = (0..n).find(|i| grade_of[*i] == 1)
    {
        rows[i].grade_override = Some(GradeOverride {
            level: 0,
            reason: "汛期抢险救灾中表现突出，经园区考核委员会研究确定为优秀（示例）".into(),
        });
    }
    add_results(b, rows);
    b.steps(&id, &path_to(status));
    id
}

/// The park's bonus pool with its special awards (§7.6).
fn pool(
    b: &mut Builder,
    p: &Park,
    total_yuan: i64,
    units: Vec<Id>,
    persons: Id,
    status: PoolStatus,
) -> Id {
    let outcomes = Outcomes::of(&b.ws);
    let grades = outcomes.grades(std::slice::from_ref(&persons));
    // Special awards go to top-graded people of the first bodies (deterministic picks).
    let mut tops: Vec<(&Assessee, i64)> = grades
        .iter()
        .filter(|(_, g)| g.level == 0)
        .map(|(a, g)| (a, g.total_c))
        .collect();
    tops.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let reasons: &[(&str, i64)] = match p.code.as_str() {
        "GM" => &[
            ("引进重大产业项目落地（示例）", 40_000),
            ("园区控制性详细规划获省级优秀规划奖（示例）", 30_000),
            ("重点项目征地拆迁零上访（示例）", 20_000),
        ],
        "GLG" => &[
            ("旅游综合体项目招商成功（示例）", 30_000),
            ("汛期抢险救灾特殊贡献（示例）", 20_000),
        ],
        _ => &[
            ("硅材料产业链招商突破（示例）", 25_000),
            ("紧缺专业技术人才特殊待遇（示例）", 15_000),
        ],
    };
    let special_awards = reasons
        .iter()
        .zip(tops.iter())
        .map(|((reason, yuan), (a, _))| SpecialAward {
            person_id: a.person_id.clone(),
            org_id: Some(a.org_id.clone()),
            amount_fen: yuan * 100,
            reason: (*reason).into(),
            approved_by_org_id: Some(p.party.clone()),
            basis: doc(
                &format!("示例{}党工〔2013〕12号", p.code),
                "关于给予特殊贡献奖励的决定（示例）",
                date(2013, 12, 28),
            ),
        })
        .collect();
    let mut data = BonusPoolData {
        title: format!("2013年度{}目标管理奖金", p.name),
        unit_scheme_ids: units,
        person_scheme_ids: vec![persons],
        special_awards,
        basis: doc(
            &format!("示例{}管发〔2013〕20号", p.code),
            "2013年度目标管理奖金分配方案（示例）",
            date(2013, 12, 29),
        ),
        status,
        ..BonusPoolData::draft(p.id.clone(), 2013, total_yuan * 100)
    };
    // SC: its 党政办公室 split its share equally among people of different grades (BR-D6).
    if p.code == "SC" {
        let alloc = bonus::allocate_with(&b.ws, &data, &outcomes);
        if let Some(u) = alloc
            .units
            .iter()
            .find(|u| p.bodies.first().is_some_and(|(id, _)| *id == u.org_id))
        {
            let people: Vec<&bonus::PersonShare> = alloc
                .persons
                .iter()
                .filter(|x| x.org_id == u.org_id)
                .collect();
            let n = people.len() as i64;
            if n > 1 {
                let base = u.amount_fen / n;
                let extra = u.amount_fen - base * n;
                data.unit_distributions = vec![UnitDistribution {
                    org_id: u.org_id.clone(),
                    amounts: people
                        .iter()
                        .enumerate()
                        .map(|(i, x)| PersonAmount {
                            person_id: x.person_id.clone(),
                            amount_fen: base + i64::from((i as i64) < extra),
                        })
                        .collect(),
                }];
            }
        }
    }
    b.add(date(2013, 12, 29), Data::BonusPool(data))
}

/// Uses of results from the priority lists, one commendation off the list with its reason.
fn uses(b: &mut Builder, p: &Park, scheme_id: &str) {
    let Some(s) =
        b.ws.assessment_schemes
            .live(scheme_id)
            .map(|s| s.data.clone())
    else {
        return;
    };
    let out = AssessmentIndex::new(&b.ws).evaluate(scheme_id, &s);
    let lists = priority_lists_of(&out.rows, s.assessees.len());
    let on = date(2013, 12, 30);
    let basis = doc(
        &format!("示例{}党工〔2013〕15号", p.code),
        "关于2013年度考核优秀人员表彰和结果运用的通知（示例）",
        on,
    );
    let add = |b: &mut Builder, person: &str, kind: ResultUseKind, reason: Option<&str>| {
        b.add(
            on,
            Data::ResultUse(ResultUseData {
                scheme_id: scheme_id.to_string(),
                person_id: person.to_string(),
                kind,
                decided_on: Some(on),
                basis: basis.clone(),
                deviation_reason: reason.map(str::to_string),
            }),
        );
    };
    for r in lists.commendation.iter().take(3) {
        if let Some(pid) = &r.assessee.person_id {
            add(b, pid, ResultUseKind::Commendation, None);
        }
    }
    for r in lists.promotion.iter().take(2) {
        if let Some(pid) = &r.assessee.person_id {
            add(b, pid, ResultUseKind::Promotion, None);
        }
    }
    for r in lists.admonish.iter().take(1) {
        if let Some(pid) = &r.assessee.person_id {
            add(b, pid, ResultUseKind::Admonish, None);
        }
    }
    // GM: one commendation for someone not on the list, with the deviation reason (BR-D9).
    if p.code == "GM"
        && let Some(r) = out.rows.iter().find(|r| {
            r.level == Some(1)
                && !lists.lists(
                    ResultUseKind::Commendation,
                    r.assessee.person_id.as_deref().unwrap_or(""),
                )
        })
        && let Some(pid) = &r.assessee.person_id
    {
        add(
            b,
            pid,
            ResultUseKind::Commendation,
            Some("在园区防汛抢险中表现突出，经党工委研究单独推荐（示例）"),
        );
    }
}

/// Adds the assessment part of the demo to the workspace.
pub fn add(ws: Workspace) -> Workspace {
    let mut b = Builder {
        ws,
        ids: SeqIds {
            next: 0,
            salt: 0x5A4D_4153,
        },
        office: super::sample::sample_office(),
    };
    let city =
        b.ws.org_units
            .iter_live()
            .find(|o| o.data.kind == OrgKind::CityPartyCommittee)
            .map(|o| o.meta.id.clone())
            .unwrap_or_default();
    let parks = parks(&b.ws);
    let county = county_scheme(&mut b, &parks, &city);
    department_scheme(&mut b, &city);
    let mut per_park: BTreeMap<usize, (Id, Id, Id)> = BTreeMap::new();
    for (i, p) in parks.iter().enumerate() {
        let bodies = body_scheme(&mut b, p);
        let towns = town_scheme(&mut b, p);
        // SC is still scoring its staff (the screen where scores are entered).
        let status = if p.code == "SC" {
            SchemeStatus::Scoring
        } else {
            SchemeStatus::Applied
        };
        let persons = person_scheme(&mut b, p, status);
        per_park.insert(i, (bodies, towns, persons));
    }
    for (i, p) in parks.iter().enumerate() {
        let Some((bodies, towns, persons)) = per_park.get(&i).cloned() else {
            continue;
        };
        let (total, status) = match p.code.as_str() {
            "GM" => (1_200_000, PoolStatus::Publicised),
            "GLG" => (900_000, PoolStatus::Publicised),
            _ => (800_000, PoolStatus::Draft),
        };
        pool(
            &mut b,
            p,
            total,
            vec![county.clone(), bodies, towns],
            persons.clone(),
            status,
        );
        if p.code != "SC" {
            uses(&mut b, p, &persons);
        }
    }
    b.ws
}
