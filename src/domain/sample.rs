//! Demo data for the three pilot parks (shared/domain.md §7.1). Township names, entrustments and
//! cross-posts are placeholders (SAMPLE); park names come from the report (S0.2) and a few facts
//! from public press (P1, P3), tagged accordingly. Ids are deterministic, so every office that
//! loads the demo shares the same sample ids.

use chrono::NaiveDate;

use super::entrustment::{EntrustScope, EntrustmentData, EntrustmentStatus};
use super::integration::ConcurrentPostData;
use super::meta::{DocRef, IdSource, Meta, Office, Period, Provenance, Role, SeqIds, Timestamp};
use super::org::{OrgKind, OrgStatus, OrgUnitData};
use super::territory::*;
use super::workspace::{Data, Record, Workspace};

pub const SAMPLE_OFFICE_ID: &str = "sample";

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
    fn add(&mut self, provenance: Provenance, note: Option<&str>, data: Data) -> String {
        let id = self.ids.next_id(self.at);
        let mut meta = Meta::new(id.clone(), self.at, &self.office, provenance);
        meta.note = note.map(str::to_string);
        self.ws.put(Record::new(meta, data));
        id
    }
}

/// The demo workspace. Loaded only into an empty store, never over existing data.
pub fn demo() -> Workspace {
    let at = date(2012, 10, 1)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let office = Office {
        id: SAMPLE_OFFICE_ID.into(),
        name: "示例数据".into(),
        role: Role::Bianban,
    };
    let mut b = Builder {
        ws: Workspace::default(),
        ids: SeqIds {
            next: 0,
            salt: 0x5A4D_504C,
        },
        at,
        office,
    };

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
                    name: format!("{zh}{suffix}"),
                    kind,
                    park_id: Some(park.clone()),
                    township_id: None,
                    county_id: None,
                    status: OrgStatus::Active,
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
            // SC's second township has no cross-post on purpose: it shows the BR-A8 warning.
            if !(code == "SC" && j == 1) {
                let (park_post, town_post) = if j == 0 {
                    ("管委会副主任", "党委书记")
                } else {
                    ("社会事务局局长", "乡长")
                };
                b.add(
                    Provenance::Sample,
                    None,
                    Data::ConcurrentPost(ConcurrentPostData {
                        holder: format!("干部{code}-{:03}", j + 1),
                        park_post: park_post.into(),
                        township_id: town,
                        township_post: format!("{tname}{town_post}"),
                        leadership: true,
                        period: Period {
                            from: date(2012, 10, 1),
                            to: None,
                        },
                    }),
                );
            }
        }
    }
    b.ws
}
