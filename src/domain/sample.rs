//! Demo data for the three pilot parks (shared/domain.md §7.1). Township names, entrustments and
//! cross-posts are placeholders (SAMPLE); park names come from the report (S0.2) and a few facts
//! from public press (P1, P3), tagged accordingly. Ids are deterministic, so every office that
//! loads the demo shares the same sample ids.

use chrono::NaiveDate;

use super::entrustment::{EntrustScope, EntrustmentData, EntrustmentStatus};
use super::meta::{DocRef, IdSource, Meta, Office, Period, Provenance, Role, SeqIds, Timestamp};
use super::org::{OrgKind, OrgUnitData};
use super::power::{
    Delegability, HolderLevel, PowerCategory, PowerItemData, PowerType, ProcessLink,
};
use super::territory::*;
use super::workspace::{Data, Record, Workspace};

pub const SAMPLE_OFFICE_ID: &str = "sample";

/// The office that stamps the demo records (role 编办, so its versions own the 编办 groups when
/// merged).
pub fn sample_office() -> Office {
    Office::new(SAMPLE_OFFICE_ID, "示例数据", Role::Bianban)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

struct Builder {
    ws: Workspace,
    ids: SeqIds,
    at: Timestamp,
    office: Office,
}

impl Builder {
    /// Sample records are stamped 2012-10-01 by the "sample" office; `salt` keeps each part's ids
    /// distinct and deterministic.
    fn start(ws: Workspace, salt: u128) -> Builder {
        let at = date(2012, 10, 1)
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let office = sample_office();
        Builder {
            ws,
            ids: SeqIds { next: 0, salt },
            at,
            office,
        }
    }

    fn add(&mut self, provenance: Provenance, note: Option<&str>, data: Data) -> String {
        let id = self.ids.next_id(self.at);
        let mut meta = Meta::new(id.clone(), self.at, &self.office, provenance);
        meta.note = note.map(str::to_string);
        self.ws.put(Record::new(meta, data));
        id
    }
}

/// The territory part of the demo: parks, townships, entrustments, committees, cross-posts.
fn territory() -> Workspace {
    let mut b = Builder::start(Workspace::default(), 0x5A4D_504C);

    b.add(
        Provenance::Public,
        None,
        Data::City(CityData {
            name: "保山市".into(),
            division_code: Some("530500".into()),
        }),
    );
    let longyang = b.add(
        Provenance::Public,
        Some("公开资料 P1、P40"),
        Data::County(CountyData {
            name: "隆阳区".into(),
            kind: CountyKind::District,
            division_code: Some("530502".into()),
        }),
    );
    let placeholder = b.add(
        Provenance::Sample,
        Some("水长工业园区所在县区无公开资料，占位待核实"),
        Data::County(CountyData {
            name: "示例县（待核实）".into(),
            kind: CountyKind::County,
            division_code: None,
        }),
    );

    let economic = FunctionProfile {
        primary: FunctionArea::ECONOMIC_CORE.to_vec(),
        secondary: vec![FunctionArea::SocialAffairs],
        statement: "以经济建设发展职能为主，社会事务等综合管理职能为辅".into(),
    };
    let mut resort = economic.clone();
    resort.primary.push(FunctionArea::TourismDevelopment);

    let parks = [
        (
            "水长工业园区",
            "Shuichang Industrial Park",
            "SC",
            ParkKind::Industrial,
            placeholder.clone(),
            None,
            Provenance::SourceReport,
            "名称见报告 S0.2；其余信息无公开资料",
            economic.clone(),
        ),
        (
            "保山工贸园区",
            "Baoshan Industrial & Trade Park",
            "GM",
            ParkKind::Industrial,
            longyang.clone(),
            None,
            Provenance::Public,
            "名称见报告 S0.2；所在县区见公开报道 P1",
            economic,
        ),
        (
            "高黎贡山旅游度假区",
            "Gaoligongshan Tourism Resort",
            "GLG",
            ParkKind::TourismResort,
            longyang.clone(),
            Some(850.0),
            Provenance::Public,
            "名称见报告 S0.2；规划面积约 850 平方公里见公开报道 P3",
            resort,
        ),
    ];
    let towns = [
        [
            ("示例镇甲", TownshipKind::Town),
            ("示例乡乙", TownshipKind::Township),
        ],
        [
            ("示例镇丙", TownshipKind::Town),
            ("示例乡丁", TownshipKind::Township),
        ],
        [
            ("示例镇戊", TownshipKind::Town),
            ("示例乡己", TownshipKind::Township),
        ],
    ];
    for (i, (zh, en, code, kind, county, area, prov, note, profile)) in
        parks.into_iter().enumerate()
    {
        let park = b.add(
            prov,
            Some(note),
            Data::Park(ParkData {
                name_zh: zh.into(),
                name_en: en.into(),
                short_code: code.into(),
                kind,
                host_county_ids: vec![county.clone()],
                established_on: None,
                planning_area_km2: area,
                pilot: true,
                pilot_since: Some(date(2012, 10, 1)),
                function_profile: profile,
                body_limit: None,
                status: ParkStatus::Piloting,
            }),
        );
        for (kind, suffix) in [
            (OrgKind::ParkPartyCommittee, "党工委"),
            (OrgKind::ParkMgmtCommittee, "管委会"),
        ] {
            b.add(
                Provenance::SourceReport,
                Some("报告 S1.3：设立园区党工委、管委会"),
                Data::OrgUnit(OrgUnitData {
                    park_id: Some(park.clone()),
                    ..OrgUnitData::new(format!("{zh}{suffix}"), kind)
                }),
            );
        }
        for (j, (tname, tkind)) in towns[i].iter().enumerate() {
            let town = b.add(
                Provenance::Sample,
                Some("占位名称，非真实乡镇"),
                Data::Township(TownshipData {
                    name: (*tname).into(),
                    kind: *tkind,
                    county_id: county.clone(),
                    area_km2: None,
                    population: None,
                    in_planning_area_of: Some(park.clone()),
                }),
            );
            b.add(
                Provenance::Sample,
                None,
                Data::Entrustment(EntrustmentData {
                    park_id: park.clone(),
                    township_id: town.clone(),
                    entrusting_county_id: county.clone(),
                    scope: EntrustScope::WholeTownship,
                    basis: Some(DocRef {
                        doc_no: Some(format!("示例〔2012〕{}号", i * 2 + j + 1)),
                        title: format!("关于将{tname}成建制委托{zh}管理的决定（示例）"),
                        issued_on: Some(date(2012, 9, 20)),
                    }),
                    period: Period {
                        from: date(2012, 10, 1),
                        to: None,
                    },
                    status: EntrustmentStatus::Effective,
                    retained_matters: vec!["人大选举".into(), "司法".into()],
                    justification_if_partial: None,
                }),
            );
            // 区镇合一 cross-posts are appointments now, added with the staffing part
            // (sample_org.rs); SC's second township has none on purpose (BR-A8). The id the
            // foundation's cross-post record took is still drawn, so every later sample id
            // stays what it was.
            let _ = town;
            if !(code == "SC" && j == 1) {
                b.ids.next_id(b.at);
            }
        }
    }
    b.ws
}

/// Sample power catalogue (shared/domain.md Appendix A: generic names, not Baoshan's list):
/// (code, name, type, category, domain, holder, department, links, chain tags).
type CatalogueRow = (
    &'static str,
    &'static str,
    PowerType,
    PowerCategory,
    &'static str,
    HolderLevel,
    &'static str,
    &'static [ProcessLink],
    &'static [&'static str],
);

const CATALOGUE: &[CatalogueRow] = {
    use HolderLevel::{City, County};
    use PowerCategory::{Economic, Enforcement, Social};
    use PowerType::*;
    use ProcessLink::*;
    const BASIC: &[ProcessLink] = &[Acceptance, Review, Decision, Issuance];
    const SHORT: &[ProcessLink] = &[Acceptance, Review, Decision];
    const LICENCE: &[ProcessLink] = &[Acceptance, Review, Decision, Issuance, Supervision];
    const PENALTY: &[ProcessLink] = &[
        CaseFiling,
        Investigation,
        Hearing,
        Notification,
        Decision,
        Issuance,
        Execution,
    ];
    const INVEST: &[&str] = &["投资项目"];
    &[
        (
            "QT00101000",
            "企业投资项目备案",
            OtherPower,
            Economic,
            "ECO.DEV_REFORM",
            City,
            "市发展和改革委员会（示例）",
            BASIC,
            INVEST,
        ),
        (
            "XK00102000",
            "固定资产投资项目节能审查",
            Licensing,
            Economic,
            "ECO.DEV_REFORM",
            City,
            "市发展和改革委员会（示例）",
            BASIC,
            &[],
        ),
        (
            "QT00201000",
            "技术改造项目备案",
            OtherPower,
            Economic,
            "ECO.INDUSTRY_IT",
            County,
            "区工业和信息化局（示例）",
            SHORT,
            &[],
        ),
        (
            "XK00301000",
            "建设项目选址意见书核发",
            Licensing,
            Economic,
            "ECO.PLANNING",
            City,
            "市规划局（示例）",
            BASIC,
            INVEST,
        ),
        (
            "XK00302000",
            "建设用地规划许可证核发",
            Licensing,
            Economic,
            "ECO.PLANNING",
            City,
            "市规划局（示例）",
            LICENCE,
            INVEST,
        ),
        (
            "XK00303000",
            "建设工程规划许可证核发",
            Licensing,
            Economic,
            "ECO.PLANNING",
            City,
            "市规划局（示例）",
            LICENCE,
            INVEST,
        ),
        (
            "XK00401000",
            "建筑工程施工许可证核发",
            Licensing,
            Economic,
            "ECO.CONSTRUCTION",
            County,
            "区住房和城乡建设局（示例）",
            LICENCE,
            INVEST,
        ),
        (
            "QT00402000",
            "房屋建筑工程竣工验收备案",
            OtherPower,
            Economic,
            "ECO.CONSTRUCTION",
            County,
            "区住房和城乡建设局（示例）",
            SHORT,
            &[],
        ),
        (
            "XK00501000",
            "建设项目环境影响评价文件审批",
            Licensing,
            Economic,
            "ECO.ENVIRONMENT",
            City,
            "市环境保护局（示例）",
            LICENCE,
            INVEST,
        ),
        (
            "QT00601000",
            "外商投资企业设立及变更备案",
            OtherPower,
            Economic,
            "ECO.COMMERCE",
            City,
            "市商务局（示例）",
            SHORT,
            &[],
        ),
        (
            "GG00701000",
            "招商项目落地协调服务",
            PublicService,
            Economic,
            "ECO.INVESTMENT",
            City,
            "市投资促进局（示例）",
            &[Acceptance],
            &[],
        ),
        (
            "JF01001000",
            "最低生活保障审批",
            Benefit,
            Social,
            "SOC.CIVIL",
            County,
            "区民政局（示例）",
            SHORT,
            &[],
        ),
        (
            "JF01002000",
            "临时救助",
            Benefit,
            Social,
            "SOC.CIVIL",
            County,
            "区民政局（示例）",
            SHORT,
            &[],
        ),
        (
            "QR01101000",
            "城乡居民养老保险参保登记",
            Confirmation,
            Social,
            "SOC.SOCIAL_SECURITY",
            County,
            "区人力资源和社会保障局（示例）",
            SHORT,
            &[],
        ),
        (
            "QT01201000",
            "义务教育阶段学生入学安排",
            OtherPower,
            Social,
            "SOC.EDUCATION",
            County,
            "区教育局（示例）",
            &[Acceptance, Decision],
            &[],
        ),
        (
            "QT01301000",
            "生育服务证办理",
            OtherPower,
            Social,
            "SOC.FAMILY_PLANNING",
            County,
            "区卫生和计划生育局（示例）",
            BASIC,
            &[],
        ),
        (
            "GG01401000",
            "高龄老人生活补贴申领",
            PublicService,
            Social,
            "SOC.AGEING",
            County,
            "区老龄工作委员会办公室（示例）",
            &[Acceptance, Review],
            &[],
        ),
        (
            "CF02001000",
            "对非法占用土地行为的处罚",
            Penalty,
            Enforcement,
            "ENF.LAND",
            County,
            "区国土资源局（示例）",
            PENALTY,
            &[],
        ),
        (
            "CF02101000",
            "对未取得建设工程规划许可证进行建设的处罚",
            Penalty,
            Enforcement,
            "ENF.PLANNING",
            County,
            "区规划局（示例）",
            PENALTY,
            &[],
        ),
        (
            "CF02201000",
            "对建设项目未依法进行环评擅自开工的处罚",
            Penalty,
            Enforcement,
            "ENF.ENVIRONMENT",
            County,
            "区环境保护局（示例）",
            PENALTY,
            &[],
        ),
        (
            "CF02301000",
            "对施工单位违反建筑施工安全规定的处罚",
            Penalty,
            Enforcement,
            "ENF.CONSTRUCTION",
            County,
            "区住房和城乡建设局（示例）",
            PENALTY,
            &[],
        ),
        (
            "QZ02401000",
            "对违法建筑的强制拆除",
            Coercion,
            Enforcement,
            "ENF.URBAN",
            County,
            "区城市管理局（示例）",
            &[CaseFiling, Investigation, Notification, Decision, Execution],
            &[],
        ),
        (
            "CF02501000",
            "对生产经营单位安全生产违法行为的处罚",
            Penalty,
            Enforcement,
            "ENF.WORK_SAFETY",
            County,
            "区安全生产监督管理局（示例）",
            PENALTY,
            &[],
        ),
        (
            "JC02601000",
            "劳动保障监察",
            Inspection,
            Enforcement,
            "ENF.LABOUR",
            County,
            "区人力资源和社会保障局（示例）",
            &[CaseFiling, Investigation, Decision],
            &[],
        ),
        (
            "CF02701000",
            "对擅自从事文化市场经营活动的处罚",
            Penalty,
            Enforcement,
            "ENF.CULTURE",
            County,
            "区文化体育广播电视局（示例）",
            PENALTY,
            &[],
        ),
    ]
};

/// The territory plus the sample power catalogue, departments and each park's unified
/// enforcement body, without delegations (the starting point of the delegation tests).
pub fn demo_with_catalogue() -> Workspace {
    let mut b = Builder::start(territory(), 0x5A4D_5043);
    let longyang =
        b.ws.counties
            .iter_live()
            .find(|c| c.data.name == "隆阳区")
            .map(|c| c.meta.id.clone())
            .unwrap_or_default();
    let parks: Vec<(String, String)> =
        b.ws.parks
            .iter_live()
            .map(|p| (p.meta.id.clone(), p.data.name_zh.clone()))
            .collect();
    for (park_id, name) in &parks {
        b.add(
            Provenance::Sample,
            None,
            Data::OrgUnit(OrgUnitData {
                park_id: Some(park_id.clone()),
                ..OrgUnitData::new(
                    format!("{name}综合执法大队（示例）"),
                    OrgKind::UnifiedEnforcement,
                )
            }),
        );
    }
    let mut depts: std::collections::BTreeMap<&str, String> = std::collections::BTreeMap::new();
    for row in CATALOGUE {
        let dept = row.6;
        if !depts.contains_key(dept) {
            let county = (row.5 == HolderLevel::County).then(|| longyang.clone());
            let id = b.add(
                Provenance::Sample,
                None,
                Data::OrgUnit(OrgUnitData {
                    county_id: county,
                    ..OrgUnitData::new(dept, OrgKind::Department)
                }),
            );
            depts.insert(dept, id);
        }
        b.add(
            Provenance::Sample,
            Some("示例事项（通用名称），非保山实际清单"),
            Data::PowerItem(PowerItemData {
                item_code: row.0.into(),
                name: row.1.into(),
                power_type: row.2,
                category: row.3,
                domain_id: row.4.into(),
                holder_level: row.5,
                source_dept_id: depts.get(dept).cloned(),
                legal_basis: Vec::new(),
                process_links: row.7.to_vec(),
                delegability: Delegability::Entrustable,
                chain_tags: row.8.iter().map(|t| t.to_string()).collect(),
            }),
        );
    }
    b.ws
}

/// What the sample delegations need to know of a park.
struct SamplePark {
    id: String,
    code: String,
    towns: Vec<String>,
    body: Option<String>,
    county: String,
}

/// The demo workspace. Loaded only into an empty store, never over existing data.
///
/// Delegations (SAMPLE) follow shared/domain.md §7.4 in miniature: a first batch 2012-10 for all
/// three parks with deliberate teaching cases — a retained issuance link in GM (打折放权),
/// source-department cases after handover in SC (明放暗不放), an approved item in GLG whose
/// handover is overdue, and a proposal still under assessment. The second batch, the two
/// inspection campaigns with their verdicts, findings, orders and accountability, and the service
/// system come from `sample_supervision`, the projects from `sample_outcomes`.
pub fn demo() -> Workspace {
    use super::delegation::*;
    use ProcessLink::*;
    let mut b = Builder::start(demo_with_catalogue(), 0x5A4D_4447);
    let ws = &b.ws;
    let item = |code: &str| {
        ws.power_items
            .iter_live()
            .find(|i| i.data.item_code == code)
            .map(|i| (i.meta.id.clone(), i.data.process_links.clone()))
            .unwrap_or_default()
    };
    let parks: Vec<SamplePark> = ws
        .parks
        .iter_live()
        .map(|p| {
            let towns = ws
                .entrustments
                .iter_live()
                .filter(|e| e.data.park_id == p.meta.id)
                .map(|e| e.data.township_id.clone())
                .collect();
            let body = ws.enforcement_body(&p.meta.id).map(|o| o.meta.id.clone());
            let county = p.data.host_county_ids.first().cloned().unwrap_or_default();
            SamplePark {
                id: p.meta.id.clone(),
                code: p.data.short_code.clone(),
                towns,
                body,
                county,
            }
        })
        .collect();
    let batch = DocRef {
        doc_no: Some("示例〔2012〕20号".into()),
        title: "关于向试点园区下放第一批管理权限的决定（示例）".into(),
        issued_on: Some(date(2012, 10, 8)),
    };
    let good = Capacity {
        assessed_on: date(2012, 9, 25),
        scores: CapacityDimension::ALL
            .iter()
            .map(|d| DimensionScore {
                dimension: *d,
                score: 4,
            })
            .collect(),
        gaps: vec![],
    };
    let need = |cases: u32| {
        Some(Need {
            requested_by_park: true,
            expected_annual_cases: Some(cases),
            rationale: "园区项目集中，就近办理（示例）".into(),
        })
    };
    let mut rows: Vec<DelegationData> = Vec::new();
    for SamplePark {
        id: park,
        code,
        towns,
        body,
        county,
    } in &parks
    {
        let base = |code_item: &str| {
            let (id, links) = item(code_item);
            DelegationData {
                power_item_id: id,
                park_id: park.clone(),
                grantor: Grantor::City,
                mode: DelegationMode::Authorise,
                territory: Territory::WholePark,
                recipient_org_id: None,
                batch: Some(batch.clone()),
                effective_from: Some(date(2012, 11, 1)),
                term_until: None,
                delegated_links: links,
                retained_links: vec![],
                added_preconditions: vec![],
                need: need(30),
                capacity: Some(good.clone()),
                override_reason: None,
                approved_on: Some(date(2012, 10, 8)),
                handover_by_source_on: Some(date(2012, 10, 25)),
                handover_by_park_on: Some(date(2012, 10, 25)),
                parallel: false,
                lifecycle: Lifecycle::HandedOver,
                reception: Reception::Received,
                cases: vec![CaseMonth {
                    month: "2013-03".into(),
                    by_park: 6,
                    by_source: 0,
                }],
                history: vec![],
            }
        };
        rows.push(base("QT00101000"));
        rows.push(base("XK00301000"));
        // SC lacks the building-project planning licence on purpose: a broken approval chain (BR-B13).
        if code != "SC" {
            rows.push(base("XK00303000"));
        }
        let mut planning = base("XK00302000");
        if code == "GM" {
            planning.delegated_links = vec![Acceptance, Review, Decision];
            planning.retained_links = vec![Issuance];
        }
        rows.push(planning);
        let mut env = base("XK00501000");
        if code == "SC" {
            env.cases = vec![CaseMonth {
                month: "2013-02".into(),
                by_park: 2,
                by_source: 5,
            }];
        }
        if code == "GLG" {
            env.lifecycle = Lifecycle::Approved;
            env.reception = Reception::Preparing;
            env.handover_by_source_on = None;
            env.handover_by_park_on = None;
            env.cases = vec![];
        }
        rows.push(env);
        // County-held items, entrusted by the host county inside the entrusted townships.
        let county_base = |code_item: &str| DelegationData {
            grantor: Grantor::County {
                county_id: county.clone(),
            },
            mode: DelegationMode::Entrust,
            territory: Territory::EntrustedTownships {
                township_ids: towns.clone(),
            },
            ..base(code_item)
        };
        rows.push(county_base("XK00401000"));
        rows.push(county_base("JF01001000"));
        let mut enforcement = county_base("CF02001000");
        enforcement.recipient_org_id = body.clone();
        rows.push(enforcement);
        if code == "GLG" {
            let mut proposal = county_base("QR01101000");
            proposal.lifecycle = Lifecycle::UnderAssessment;
            proposal.reception = Reception::NotStarted;
            proposal.capacity = None;
            proposal.effective_from = None;
            proposal.approved_on = None;
            proposal.handover_by_source_on = None;
            proposal.handover_by_park_on = None;
            proposal.cases = vec![];
            rows.push(proposal);
        }
    }
    for row in rows {
        b.add(Provenance::Sample, None, Data::Delegation(row));
    }
    super::sample_assessment::add(super::sample_outcomes::add(super::sample_supervision::add(
        super::sample_org::add_to(b.ws),
    )))
}
