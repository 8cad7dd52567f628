//! Demo data of organisation and people (shared/domain.md §7.2–7.3), ALL SAMPLE: 大部制 bodies
//! of each park (GM's 招商合作局 is the single-domain teaching case of BR-C7), the bodies of the
//! entrusted townships, staffing quotas with the §7.3 numbers (GM-T1 事业编 超编 +2), leadership
//! quotas (one GLG body over its 副职 quota), ≈ 530 synthetic persons with 编制共享 and two
//! secondments outside the system, posts and appointments with 3–4 区镇合一 cross-posts per park
//! and none in SC's second township (BR-A8), the authority matrix, one selection campaign with
//! stage scores and a publicity objection, and talent plans (one over the vacancies).
//!
//! Ids are deterministic (own salt), so every office that loads the demo shares them.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::appointment::{AppointmentData, AppointmentKind, AppointmentStatus, PostData};
use super::authority::{AuthorityRuleData, PostPattern};
use super::delegation::StatusChange;
use super::institution::{InstitutionCategory, InstitutionData, InstitutionStatus};
use super::meta::{DocRef, Id, IdSource, Meta, Office, Period, Provenance, SeqIds, Timestamp};
use super::org::{FundingForm, OrgKind, OrgNature, OrgRank, OrgUnitData};
use super::person::{
    Education, EntryChannel, Gender, PersonData, PersonIdentity, PersonStatus, Placement,
    TalentFlag,
};
use super::selection::{
    Candidate, Objection, ObjectionStatus, SelectionCampaignData, SelectionStage, SelectionStatus,
    StageScore, VoteTally, default_stages,
};
use super::staffing::{
    LeadershipQuotaData, PostRank, QuotaSeat, QuotaType, StaffingQuotaData, StaffingSettingsData,
};
use super::talent::{PlanStatus, TalentPlanData};
use super::workspace::{Data, Kind, Record, Workspace};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn start() -> NaiveDate {
    date(2012, 10, 1)
}

fn open_from(d: NaiveDate) -> Period {
    Period { from: d, to: None }
}

fn doc(no: &str, title: &str, on: NaiveDate) -> Option<DocRef> {
    Some(DocRef {
        doc_no: Some(no.into()),
        title: title.into(),
        issued_on: Some(on),
    })
}

struct B {
    ws: Workspace,
    ids: SeqIds,
    at: Timestamp,
    office: Office,
}

impl B {
    fn add(&mut self, note: Option<&str>, data: Data) -> Id {
        let id = self.ids.next_id(self.at);
        let mut meta = Meta::new(id.clone(), self.at, &self.office, Provenance::Sample);
        meta.note = note.map(str::to_string);
        self.ws.put(Record::new(meta, data));
        id
    }

    fn org(&mut self, data: OrgUnitData) -> Id {
        self.add(None, Data::OrgUnit(data))
    }

    /// Changes an existing org unit's fields in place (sample records keep their metadata).
    fn edit_org(&mut self, id: &str, f: impl FnOnce(&mut OrgUnitData)) {
        if let Some(r) = self.ws.org_units.0.get_mut(id) {
            f(&mut r.data);
        }
    }

    fn quota(&mut self, org: &str, t: QuotaType, approved: u32, period: Period, no: &str) {
        self.add(
            None,
            Data::StaffingQuota(StaffingQuotaData {
                org_id: org.into(),
                quota_type: t,
                approved,
                basis: doc(no, "关于核定编制的批复（示例）", period.from),
                period,
            }),
        );
    }

    fn lquota(&mut self, org: &str, rank: PostRank, principal: bool, approved: u32) {
        self.add(
            None,
            Data::LeadershipQuota(LeadershipQuotaData {
                org_id: org.into(),
                rank,
                principal,
                approved,
                basis: doc(
                    "示例编〔2012〕30号",
                    "关于核定领导职数的批复（示例）",
                    date(2012, 9, 25),
                ),
                period: open_from(start()),
            }),
        );
    }

    fn post(&mut self, org: &str, title: &str, rank: PostRank, principal: bool) -> Id {
        self.add(
            None,
            Data::Post(PostData {
                org_id: org.into(),
                title: title.into(),
                rank,
                is_leadership: true,
                is_principal: principal,
                is_key_post: principal,
            }),
        )
    }
}

/// What an appointment needs besides the person and the post.
struct Appt<'a> {
    kind: AppointmentKind,
    authority: &'a str,
    consulted: Vec<OrgKind>,
    filed_with: Vec<OrgKind>,
    exception: Option<&'a str>,
    counts: bool,
}

impl B {
    fn appoint(&mut self, person: &str, post: &str, a: Appt) -> Id {
        self.add(
            None,
            Data::Appointment(AppointmentData {
                person_id: person.into(),
                post_id: post.into(),
                kind: a.kind,
                authority_org_id: Some(a.authority.into()),
                consulted: a.consulted,
                filed_with: a.filed_with,
                basis: doc(
                    "示例任〔2012〕1号",
                    "关于试点园区干部任职的通知（示例）",
                    date(2012, 9, 28),
                ),
                selection_id: None,
                exception_reason: a.exception.map(str::to_string),
                period: open_from(start()),
                probation_until: None,
                counts_against_quota: a.counts,
                status: AppointmentStatus::Serving,
            }),
        )
    }
}

/// One park's part: its code, short prefix for unit names, committees and townships.
struct ParkCtx {
    id: Id,
    code: &'static str,
    prefix: &'static str,
    party: Id,
    mgmt: Id,
    enforcement: Id,
    towns: Vec<(Id, String)>,
}

/// (key, name, domains, counterpart departments, 行政 approved, 行政 occupied).
type BodySpec = (&'static str, String, Vec<String>, Vec<Id>, u32, u32);
/// (行政 approved, occupied, three stations' 事业 approved/occupied, 工勤 approved = occupied).
type TownSpec = (u32, u32, [(u32, u32); 3], u32);

/// Persons seated at each unit, in the order they were created (leaders are taken first).
type Seated = BTreeMap<Id, Vec<Id>>;

struct People {
    seq: BTreeMap<&'static str, u32>,
    seated: Seated,
}

impl People {
    /// Adds `n` synthetic persons seated at (org, t), working at `work(i)` (the seat unless
    /// shared), with the identity that goes with the seat.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        b: &mut B,
        code: &'static str,
        org: &str,
        t: QuotaType,
        n: u32,
        identity: impl Fn(u32) -> PersonIdentity,
        work: impl Fn(u32) -> Option<Id>,
    ) {
        for i in 0..n {
            let seq = self.seq.entry(code).or_insert(0);
            *seq += 1;
            let k = *seq;
            let id = b.add(
                None,
                Data::Person(PersonData {
                    staff_no: format!("PER-{code}-{k:04}"),
                    display_name: format!("干部{code}-{k:03}"),
                    gender: Some(if k.is_multiple_of(3) {
                        Gender::Female
                    } else {
                        Gender::Male
                    }),
                    birth_year: Some(1962 + (k * 7 % 30) as u16),
                    education: Some(match k % 5 {
                        0 => Education::Master,
                        1 | 2 => Education::Bachelor,
                        3 => Education::College,
                        _ => Education::Secondary,
                    }),
                    major: None,
                    identity: identity(i),
                    entry_channel: match k % 11 {
                        3 => EntryChannel::OpenRecruitment,
                        7 => EntryChannel::SelectiveTransfer,
                        _ => EntryChannel::Existing,
                    },
                    talent_flags: if k % 13 == 4 {
                        vec![TalentFlag::YoungCadre]
                    } else {
                        vec![]
                    },
                    placements: vec![Placement {
                        from: start(),
                        seat: Some(QuotaSeat {
                            org_id: org.into(),
                            quota_type: t,
                        }),
                        work_org_id: Some(work(i).unwrap_or_else(|| org.to_string())),
                        status: PersonStatus::Active,
                        note: None,
                    }],
                    synthetic: true,
                }),
            );
            self.seated.entry(org.to_string()).or_default().push(id);
        }
    }

    fn at(&self, org: &str, i: usize) -> Id {
        self.seated
            .get(org)
            .and_then(|v| v.get(i))
            .cloned()
            .unwrap_or_default()
    }
}

fn person_mut<'a>(ws: &'a mut Workspace, id: &str) -> Option<&'a mut PersonData> {
    ws.persons.0.get_mut(id).map(|r| &mut r.data)
}

/// Adds the organisation-and-people part to the demo workspace.
pub fn add_to(ws: Workspace) -> Workspace {
    let at = start().and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut b = B {
        ws,
        ids: SeqIds {
            next: 0,
            salt: 0x5A4D_4F52,
        },
        at,
        office: super::sample::sample_office(),
    };
    let dept = |ws: &Workspace, prefix: &str| -> Id {
        ws.org_units
            .iter_live()
            .find(|o| o.data.kind == OrgKind::Department && o.data.name.starts_with(prefix))
            .map(|o| o.meta.id.clone())
            .unwrap_or_default()
    };
    let longyang =
        b.ws.counties
            .iter_live()
            .find(|c| c.data.name == "隆阳区")
            .map(|c| c.meta.id.clone())
            .unwrap_or_default();
    let placeholder =
        b.ws.counties
            .iter_live()
            .find(|c| c.data.name != "隆阳区")
            .map(|c| c.meta.id.clone())
            .unwrap_or_default();

    // City and county organs that appoint cadres (for the authority matrix).
    let note_organ =
        Some("示例机构记录：用于任免权限规则 / sample organ record for the authority rules");
    let city_party = b.add(
        note_organ,
        Data::OrgUnit(OrgUnitData {
            rank: OrgRank::Division,
            ..OrgUnitData::new("中共保山市委（示例记录）", OrgKind::CityPartyCommittee)
        }),
    );
    let ly_party = b.add(
        note_organ,
        Data::OrgUnit(OrgUnitData {
            county_id: Some(longyang.clone()),
            rank: OrgRank::Division,
            ..OrgUnitData::new("中共隆阳区委（示例记录）", OrgKind::CountyPartyCommittee)
        }),
    );
    let ph_party = b.add(
        note_organ,
        Data::OrgUnit(OrgUnitData {
            county_id: Some(placeholder.clone()),
            rank: OrgRank::Division,
            ..OrgUnitData::new("中共示例县委（待核实）", OrgKind::CountyPartyCommittee)
        }),
    );

    let parks: Vec<ParkCtx> = {
        let ws = &b.ws;
        ws.parks
            .iter_live()
            .map(|p| {
                let org = |k: OrgKind| {
                    ws.org_units
                        .iter_live()
                        .find(|o| o.data.kind == k && o.data.park_id.as_deref() == Some(p.id()))
                        .map(|o| o.meta.id.clone())
                        .unwrap_or_default()
                };
                let code: &'static str = match p.data.short_code.as_str() {
                    "SC" => "SC",
                    "GM" => "GM",
                    _ => "GLG",
                };
                let prefix = match code {
                    "SC" => "水长园区",
                    "GM" => "工贸园区",
                    _ => "高黎贡山度假区",
                };
                let towns = ws
                    .entrustments
                    .iter_live()
                    .filter(|e| e.data.park_id == p.meta.id)
                    .map(|e| {
                        (
                            e.data.township_id.clone(),
                            ws.label_of(Kind::Township, &e.data.township_id),
                        )
                    })
                    .collect();
                ParkCtx {
                    id: p.meta.id.clone(),
                    code,
                    prefix,
                    party: org(OrgKind::ParkPartyCommittee),
                    mgmt: org(OrgKind::ParkMgmtCommittee),
                    enforcement: org(OrgKind::UnifiedEnforcement),
                    towns,
                }
            })
            .collect()
    };

    // The authority matrix of §7.3 (illustrative, not Baoshan's actual rule).
    let rule = |title: &str,
                org_kinds: Vec<OrgKind>,
                ranks: Vec<PostRank>,
                principal: Option<bool>,
                authority: OrgKind,
                consult: Vec<OrgKind>,
                file_with: Vec<OrgKind>,
                competitive: bool| {
        Data::AuthorityRule(AuthorityRuleData {
            title: title.into(),
            pattern: PostPattern {
                org_kinds,
                ranks,
                principal,
                leadership_only: true,
            },
            authority,
            consult,
            file_with,
            requires_competitive_selection: competitive,
        })
    };
    let rule_note = Some(
        "示例规则（参照一般做法），非保山实际规定 / illustrative rule, not Baoshan's actual rule",
    );
    for r in [
        rule(
            "园区党工委、管委会领导班子",
            vec![OrgKind::ParkPartyCommittee, OrgKind::ParkMgmtCommittee],
            vec![],
            None,
            OrgKind::CityPartyCommittee,
            vec![],
            vec![],
            false,
        ),
        rule(
            "内设机构正副职（科级）",
            vec![OrgKind::InternalBody, OrgKind::UnifiedEnforcement],
            vec![PostRank::SectionChief, PostRank::DeputySectionChief],
            None,
            OrgKind::ParkPartyCommittee,
            vec![],
            vec![OrgKind::CityPartyCommittee],
            true,
        ),
        rule(
            "托管乡镇党政正职",
            vec![OrgKind::TownshipParty, OrgKind::TownshipGov],
            vec![],
            Some(true),
            OrgKind::CountyPartyCommittee,
            vec![OrgKind::ParkPartyCommittee],
            vec![],
            false,
        ),
        rule(
            "托管乡镇党政副职",
            vec![OrgKind::TownshipParty, OrgKind::TownshipGov],
            vec![],
            Some(false),
            OrgKind::CountyPartyCommittee,
            vec![OrgKind::ParkPartyCommittee],
            vec![],
            false,
        ),
        rule(
            "乡镇站所负责人",
            vec![OrgKind::TownshipStation],
            vec![],
            None,
            OrgKind::ParkPartyCommittee,
            vec![],
            vec![],
            false,
        ),
        rule(
            "园区事业单位负责人",
            vec![OrgKind::ParkPublicInstitution],
            vec![],
            None,
            OrgKind::ParkPartyCommittee,
            vec![],
            vec![],
            false,
        ),
    ] {
        b.add(rule_note, r);
    }

    // Staffing parameters: K = 2 and the 2013 holiday calendar.
    let holidays: Vec<NaiveDate> = [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 9),
        (2, 10),
        (2, 11),
        (2, 12),
        (2, 13),
        (2, 14),
        (2, 15),
        (4, 4),
        (4, 5),
        (4, 6),
        (4, 29),
        (4, 30),
        (5, 1),
        (6, 10),
        (6, 11),
        (6, 12),
        (9, 19),
        (9, 20),
        (9, 21),
        (10, 1),
        (10, 2),
        (10, 3),
        (10, 4),
        (10, 5),
        (10, 6),
        (10, 7),
    ]
    .iter()
    .map(|(m, d)| date(2013, *m, *d))
    .collect();
    let extra: Vec<NaiveDate> = [
        (1, 5),
        (1, 6),
        (2, 16),
        (2, 17),
        (4, 7),
        (4, 27),
        (4, 28),
        (6, 8),
        (6, 9),
        (9, 22),
        (9, 29),
        (10, 12),
    ]
    .iter()
    .map(|(m, d)| date(2013, *m, *d))
    .collect();
    b.add(
        Some("2013 年节假日按国务院办公厅通知录入（示例，请核对） / 2013 public holidays as announced (sample, please verify)"),
        Data::StaffingSettings(StaffingSettingsData { max_concurrent_posts: 2, holidays, extra_workdays: extra }),
    );

    let mut people = People {
        seq: BTreeMap::new(),
        seated: BTreeMap::new(),
    };
    let admin = |_: u32| PersonIdentity::CivilServant;
    let worker = |_: u32| PersonIdentity::OrganWorker;
    let inst = |i: u32| {
        if i.is_multiple_of(3) {
            PersonIdentity::InstitutionMgmt
        } else {
            PersonIdentity::InstitutionPro
        }
    };
    let reference = |_: u32| PersonIdentity::ReferenceManaged;
    let none = |_: u32| None;

    // Per park: bodies (name, domains, counterpart departments), quotas and occupancy.
    // (行政 approved/occupied per body …) following §7.3; 事业编 on the enforcement body and
    // the service centre; 工勤 on the committee.
    let mut campaign_posts: BTreeMap<&str, (Id, Id)> = BTreeMap::new();
    let mut gm_bodies: BTreeMap<&str, Id> = BTreeMap::new();
    for p in &parks {
        let code = p.code;
        if let Some(r) = b.ws.parks.0.get_mut(&p.id) {
            r.data.body_limit = Some(6);
        }
        let est = |no: &str| {
            doc(
                no,
                "关于设立园区管委会内设机构的批复（示例）",
                date(2012, 9, 20),
            )
        };
        b.edit_org(&p.party.clone(), |o| {
            o.rank = OrgRank::DeputyDivision;
            o.nature = OrgNature::PartyGov;
        });
        b.edit_org(&p.mgmt.clone(), |o| {
            o.rank = OrgRank::DeputyDivision;
            o.nature = OrgNature::PartyGov;
            o.funding = Some(FundingForm::Full);
            o.established_by = doc(
                "示例编〔2012〕10号",
                "关于设立园区管理委员会的批复（示例）",
                date(2012, 9, 15),
            );
        });
        let ws = &b.ws;
        let enf_depts: Vec<Id> = [
            "区国土资源局",
            "区规划局",
            "区环境保护局",
            "区城市管理局",
            "区安全生产监督管理局",
            "区文化体育广播电视局",
        ]
        .iter()
        .map(|n| dept(ws, n))
        .collect();
        let mgmt = p.mgmt.clone();
        b.edit_org(&p.enforcement.clone(), |o| {
            o.parent_id = Some(mgmt.clone());
            o.rank = OrgRank::Section;
            o.nature = OrgNature::InstAdmin;
            o.funding = Some(FundingForm::Full);
            o.domains = [
                "ENF.LAND",
                "ENF.PLANNING",
                "ENF.ENVIRONMENT",
                "ENF.CONSTRUCTION",
                "ENF.URBAN",
                "ENF.WORK_SAFETY",
                "ENF.LABOUR",
                "ENF.CULTURE",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            o.counterpart_dept_ids = enf_depts;
            o.established_by = est("示例编〔2012〕12号");
        });
        let social: Vec<String> = super::power::DOMAINS
            .iter()
            .filter(|d| d.id.starts_with("SOC."))
            .map(|d| d.id.to_string())
            .collect();
        let ws = &b.ws;
        let d_dev = dept(ws, "市发展和改革委员会");
        let d_it = dept(ws, "区工业和信息化局");
        let d_com = dept(ws, "市商务局");
        let d_inv = dept(ws, "市投资促进局");
        let d_plan = dept(ws, "市规划局");
        let d_build = dept(ws, "区住房和城乡建设局");
        let d_env = dept(ws, "市环境保护局");
        let d_soc: Vec<Id> = [
            "区民政局",
            "区人力资源和社会保障局",
            "区教育局",
            "区卫生和计划生育局",
            "区老龄工作委员会办公室",
        ]
        .iter()
        .map(|n| dept(ws, n))
        .collect();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // (key, name, domains, counterparts, 行政 approved, 行政 occupied)
        let mut bodies: Vec<BodySpec> = vec![(
            "office",
            format!("{}党政办公室（挂党群工作部）", p.prefix),
            s(&["SUP.OFFICE", "SUP.PARTY", "SUP.FINANCE"]),
            vec![],
            if code == "GM" { 4 } else { 3 },
            if code == "GM" { 4 } else { 3 },
        )];
        match code {
            "GM" => {
                bodies.push((
                    "econ",
                    format!("{}经济发展局", p.prefix),
                    s(&[
                        "ECO.DEV_REFORM",
                        "ECO.INDUSTRY_IT",
                        "ECO.COMMERCE",
                        "SUP.STATS",
                    ]),
                    vec![d_dev.clone(), d_it.clone(), d_com.clone()],
                    3,
                    3,
                ));
                bodies.push((
                    "invest",
                    format!("{}招商合作局", p.prefix),
                    s(&["ECO.INVESTMENT"]),
                    vec![d_inv.clone()],
                    3,
                    2,
                ));
            }
            "SC" => bodies.push((
                "econ",
                format!("{}经济发展局", p.prefix),
                s(&[
                    "ECO.DEV_REFORM",
                    "ECO.INDUSTRY_IT",
                    "ECO.COMMERCE",
                    "ECO.INVESTMENT",
                    "SUP.STATS",
                ]),
                vec![d_dev.clone(), d_it.clone(), d_com.clone(), d_inv.clone()],
                3,
                3,
            )),
            _ => bodies.push((
                "econ",
                format!("{}旅游经济发展局", p.prefix),
                s(&[
                    "ECO.DEV_REFORM",
                    "ECO.INDUSTRY_IT",
                    "ECO.COMMERCE",
                    "ECO.INVESTMENT",
                    "SUP.STATS",
                    "SUP.TOURISM",
                ]),
                vec![d_dev.clone(), d_it.clone(), d_com.clone(), d_inv.clone()],
                5,
                3,
            )),
        }
        bodies.push((
            "build",
            format!("{}规划建设局", p.prefix),
            s(&["ECO.PLANNING", "ECO.CONSTRUCTION", "ECO.ENVIRONMENT"]),
            vec![d_plan.clone(), d_build.clone(), d_env.clone()],
            3,
            if code == "SC" { 2 } else { 3 },
        ));
        bodies.push((
            "social",
            format!("{}社会事务局", p.prefix),
            social,
            d_soc,
            3,
            if code == "GLG" { 3 } else { 2 },
        ));
        let mut body_ids: BTreeMap<&str, Id> = BTreeMap::new();
        for (n, (key, name, domains, cps, a, o)) in bodies.into_iter().enumerate() {
            let id = b.org(OrgUnitData {
                park_id: Some(p.id.clone()),
                parent_id: Some(p.mgmt.clone()),
                rank: OrgRank::Section,
                nature: OrgNature::PartyGov,
                funding: Some(FundingForm::Full),
                domains,
                counterpart_dept_ids: cps,
                established_by: est(&format!("示例编〔2012〕{}号", 13 + n)),
                ..OrgUnitData::new(name, OrgKind::InternalBody)
            });
            b.quota(
                &id,
                QuotaType::Administrative,
                a,
                open_from(start()),
                "示例编〔2012〕20号",
            );
            people.add(&mut b, code, &id, QuotaType::Administrative, o, admin, none);
            body_ids.insert(key, id);
        }
        let service = b.org(OrgUnitData {
            park_id: Some(p.id.clone()),
            parent_id: Some(p.mgmt.clone()),
            rank: OrgRank::Section,
            nature: OrgNature::InstPublic1,
            funding: Some(FundingForm::Full),
            domains: vec!["SUP.OFFICE".into(), "ECO.INVESTMENT".into()],
            established_by: est("示例编〔2012〕19号"),
            ..OrgUnitData::new(
                format!("{}政务服务中心", p.prefix),
                OrgKind::ParkPublicInstitution,
            )
        });
        // Committee quotas: (行政 a/o, 工勤 a/o), enforcement and service centre 事业编.
        let (ma, mo, la, lo, ea, eo, sa, so) = match code {
            "GM" => (6, 5, 2, 2, 18, 14, 10, 10),
            "SC" => (6, 5, 2, 1, 14, 11, 10, 9),
            _ => (6, 6, 2, 2, 16, 12, 12, 10),
        };
        b.quota(
            &p.mgmt,
            QuotaType::Administrative,
            ma,
            open_from(start()),
            "示例编〔2012〕20号",
        );
        b.quota(
            &p.mgmt,
            QuotaType::Logistics,
            la,
            open_from(start()),
            "示例编〔2012〕20号",
        );
        b.quota(
            &p.enforcement,
            QuotaType::InstitutionFull,
            ea,
            open_from(start()),
            "示例编〔2012〕21号",
        );
        people.add(
            &mut b,
            code,
            &p.mgmt,
            QuotaType::Administrative,
            mo,
            admin,
            none,
        );
        people.add(
            &mut b,
            code,
            &p.mgmt,
            QuotaType::Logistics,
            lo,
            worker,
            none,
        );
        people.add(
            &mut b,
            code,
            &p.enforcement,
            QuotaType::InstitutionFull,
            eo,
            reference,
            none,
        );
        if code == "GM" {
            // A validity period at work: 10 until June 2013, then two more (核增) from July.
            b.quota(
                &service,
                QuotaType::InstitutionFull,
                10,
                Period {
                    from: start(),
                    to: Some(date(2013, 6, 30)),
                },
                "示例编〔2012〕21号",
            );
            b.quota(
                &service,
                QuotaType::InstitutionFull,
                12,
                open_from(date(2013, 7, 1)),
                "示例编〔2013〕8号",
            );
        } else {
            b.quota(
                &service,
                QuotaType::InstitutionFull,
                sa,
                open_from(start()),
                "示例编〔2012〕21号",
            );
        }
        people.add(
            &mut b,
            code,
            &service,
            QuotaType::InstitutionFull,
            so,
            inst,
            none,
        );

        // Townships: 党委, 政府, three stations; quotas (行政 and 工勤 on the government).
        let town_numbers: [TownSpec; 2] = match code {
            "GM" => [
                (30, 28, [(15, 17), (15, 15), (15, 15)], 3),
                (25, 22, [(12, 11), (12, 10), (11, 10)], 2),
            ],
            "SC" => [
                (28, 26, [(14, 13), (13, 12), (13, 12)], 2),
                (24, 23, [(11, 10), (11, 10), (10, 10)], 2),
            ],
            _ => [
                (30, 27, [(15, 14), (15, 13), (14, 13)], 3),
                (26, 25, [(12, 12), (12, 12), (12, 11)], 2),
            ],
        };
        let deputies = match code {
            "GM" => [5, 4],
            "SC" => [4, 4],
            _ => [5, 4],
        };
        let mut town_orgs: Vec<(Id, Id, Vec<Id>)> = Vec::new();
        for (j, (town, tname)) in p.towns.iter().enumerate() {
            let (ga, go, stations, wq) = town_numbers[j];
            let party = b.org(OrgUnitData {
                township_id: Some(town.clone()),
                rank: OrgRank::Section,
                ..OrgUnitData::new(format!("{tname}党委"), OrgKind::TownshipParty)
            });
            let gov = b.org(OrgUnitData {
                township_id: Some(town.clone()),
                rank: OrgRank::Section,
                funding: Some(FundingForm::Full),
                ..OrgUnitData::new(format!("{tname}人民政府"), OrgKind::TownshipGov)
            });
            b.quota(
                &gov,
                QuotaType::Administrative,
                ga,
                open_from(start()),
                "示例编〔2012〕22号",
            );
            b.quota(
                &gov,
                QuotaType::Logistics,
                wq,
                open_from(start()),
                "示例编〔2012〕22号",
            );
            // A 2013 retirement in GM's second township: one more person until 30 Sep.
            let extra = u32::from(code == "GM" && j == 1);
            let office = body_ids["office"].clone();
            people.add(
                &mut b,
                code,
                &gov,
                QuotaType::Administrative,
                go + extra,
                admin,
                move |i| (i % 14 == 13).then(|| office.clone()),
            );
            if extra == 1
                && let Some(last) = people.seated.get(&gov).and_then(|v| v.last()).cloned()
                && let Some(pd) = person_mut(&mut b.ws, &last)
            {
                let seat = pd.placements[0].seat.clone();
                pd.placements.push(Placement {
                    from: date(2013, 10, 1),
                    seat,
                    work_org_id: Some(gov.clone()),
                    status: PersonStatus::Retired,
                    note: Some("2013年9月退休（示例）".into()),
                });
                people.seated.entry(gov.clone()).or_default().pop();
            }
            people.add(&mut b, code, &gov, QuotaType::Logistics, wq, worker, none);
            let mut sts = Vec::new();
            for (k, (sname, (sa, so))) in
                ["农业综合服务中心", "文化广播服务中心", "社会保障服务中心"]
                    .iter()
                    .zip(stations)
                    .enumerate()
            {
                let st = b.org(OrgUnitData {
                    township_id: Some(town.clone()),
                    rank: OrgRank::Unit,
                    nature: OrgNature::InstPublic1,
                    funding: Some(FundingForm::Full),
                    ..OrgUnitData::new(format!("{tname}{sname}"), OrgKind::TownshipStation)
                });
                b.quota(
                    &st,
                    QuotaType::InstitutionFull,
                    sa,
                    open_from(start()),
                    "示例编〔2012〕23号",
                );
                // 编制共享: every fifth works at the park (planning or social affairs).
                let shared_to = if k == 0 {
                    body_ids["build"].clone()
                } else {
                    body_ids["social"].clone()
                };
                people.add(
                    &mut b,
                    code,
                    &st,
                    QuotaType::InstitutionFull,
                    so,
                    inst,
                    move |i| (i % 5 == 4).then(|| shared_to.clone()),
                );
                sts.push(st);
            }
            // Leadership quotas of the township.
            b.lquota(&party, PostRank::SectionChief, true, 1);
            b.lquota(&gov, PostRank::SectionChief, true, 1);
            b.lquota(&gov, PostRank::DeputySectionChief, false, deputies[j]);
            for st in &sts {
                b.lquota(st, PostRank::UnitHead, true, 1);
            }
            town_orgs.push((party, gov, sts));
        }

        // Contract staff (编外聘用): no seat.
        let contract_at = [
            service.clone(),
            p.enforcement.clone(),
            town_orgs[0].2[0].clone(),
            town_orgs[1].2[2].clone(),
        ];
        let n_contract = if code == "GM" { 8 } else { 6 };
        for i in 0..n_contract {
            let seq = people.seq.entry(code).or_insert(0);
            *seq += 1;
            let k = *seq;
            b.add(
                None,
                Data::Person(PersonData {
                    staff_no: format!("PER-{code}-{k:04}"),
                    display_name: format!("聘用{code}-{k:03}"),
                    gender: Some(if k.is_multiple_of(2) {
                        Gender::Female
                    } else {
                        Gender::Male
                    }),
                    birth_year: Some(1980 + (k % 12) as u16),
                    education: Some(Education::College),
                    major: None,
                    identity: PersonIdentity::ContractNonQuota,
                    entry_channel: EntryChannel::OpenRecruitment,
                    talent_flags: vec![],
                    placements: vec![Placement {
                        from: start(),
                        seat: None,
                        work_org_id: Some(contract_at[i % 4].clone()),
                        status: PersonStatus::Active,
                        note: None,
                    }],
                    synthetic: true,
                }),
            );
        }

        // Leadership quotas of the committees and bodies.
        b.lquota(&p.party, PostRank::DeputyDivisionChief, true, 1);
        b.lquota(&p.party, PostRank::SectionChief, false, 1);
        b.lquota(&p.mgmt, PostRank::DeputyDivisionChief, true, 1);
        let vice = if code == "SC" { 3 } else { 4 };
        b.lquota(&p.mgmt, PostRank::SectionChief, false, vice);
        for (key, id) in &body_ids {
            b.lquota(id, PostRank::SectionChief, true, 1);
            let d = match (*key, code) {
                ("build", "GM") => 2,
                ("econ", "GLG") => 2,
                _ => 1,
            };
            b.lquota(id, PostRank::DeputySectionChief, false, d);
        }
        b.lquota(&p.enforcement, PostRank::SectionChief, true, 1);
        b.lquota(
            &p.enforcement,
            PostRank::DeputySectionChief,
            false,
            if code == "SC" { 1 } else { 2 },
        );
        b.lquota(&service, PostRank::SectionChief, true, 1);

        // Posts and appointments.
        let (park_party, county_party) = (
            &p.party,
            if code == "SC" {
                ph_party.clone()
            } else {
                ly_party.clone()
            },
        );
        let city = Appt {
            kind: AppointmentKind::Appointed,
            authority: &city_party,
            consulted: vec![],
            filed_with: vec![],
            exception: None,
            counts: true,
        };
        let first = "试点启动时由党工委研究决定首任（示例）";
        let body_appt = |kind, counts, exception| Appt {
            kind,
            authority: park_party,
            consulted: vec![],
            filed_with: vec![OrgKind::CityPartyCommittee],
            exception: Some(exception),
            counts,
        };
        let mgmt_people: Vec<Id> = (0..5).map(|i| people.at(&p.mgmt, i)).collect();
        let sec = b.post(&p.party, "党工委书记", PostRank::DeputyDivisionChief, true);
        let dir = b.post(&p.mgmt, "管委会主任", PostRank::DeputyDivisionChief, true);
        let dsec = b.post(&p.party, "党工委副书记", PostRank::SectionChief, false);
        let vdir = b.post(&p.mgmt, "管委会副主任", PostRank::SectionChief, false);
        b.appoint(&mgmt_people[0], &sec, Appt { ..city });
        b.appoint(
            &mgmt_people[0],
            &dir,
            Appt {
                kind: AppointmentKind::Concurrent,
                authority: &city_party,
                consulted: vec![],
                filed_with: vec![],
                exception: None,
                counts: true,
            },
        );
        b.appoint(
            &mgmt_people[1],
            &dsec,
            Appt {
                kind: AppointmentKind::Concurrent,
                authority: &city_party,
                consulted: vec![],
                filed_with: vec![],
                exception: None,
                counts: true,
            },
        );
        for person in mgmt_people.iter().skip(1).take(vice as usize) {
            b.appoint(
                person,
                &vdir,
                Appt {
                    kind: AppointmentKind::Appointed,
                    authority: &city_party,
                    consulted: vec![],
                    filed_with: vec![],
                    exception: None,
                    counts: true,
                },
            );
        }
        // Body leaders: the first seated person heads the body, the next ones are deputies.
        let mut heads: BTreeMap<&str, Id> = BTreeMap::new();
        for (key, id) in &body_ids {
            let name = b.ws.label_of(Kind::OrgUnit, id);
            let short = name
                .trim_start_matches(p.prefix)
                .split('（')
                .next()
                .unwrap_or("")
                .to_string();
            let chief = if short.ends_with("办公室") || short.ends_with("中心") {
                "主任"
            } else {
                "局长"
            };
            let head_post = b.post(id, &format!("{short}{chief}"), PostRank::SectionChief, true);
            heads.insert(key, head_post.clone());
            let deputy_post = b.post(
                id,
                &format!("{short}副{chief}"),
                PostRank::DeputySectionChief,
                false,
            );
            let seated: Vec<Id> = people.seated.get(id).cloned().unwrap_or_default();
            let mut next = 0;
            if *key != "social" {
                b.appoint(
                    &seated[0],
                    &head_post,
                    body_appt(AppointmentKind::Appointed, true, first),
                );
                next = 1;
            }
            // Deputies: GLG's social-affairs bureau has two for one approved post (BR-C6).
            let n_dep = match (*key, code) {
                ("social", "GLG") => 2,
                ("invest", "GM") => 0, // filled by the 2013 selection below
                ("econ", "GM") => 1,
                _ => 1,
            };
            for i in 0..n_dep {
                if let Some(person) = seated.get(next + i) {
                    b.appoint(
                        person,
                        &deputy_post,
                        body_appt(AppointmentKind::Appointed, true, first),
                    );
                }
            }
            if code == "GM" {
                gm_bodies.insert(key, id.clone());
                if *key == "invest" {
                    campaign_posts.insert("invest", (id.clone(), deputy_post.clone()));
                }
                if *key == "build" {
                    let second = b.post(
                        id,
                        "规划建设局副局长（分管建设）",
                        PostRank::DeputySectionChief,
                        false,
                    );
                    campaign_posts.insert("build", (id.clone(), second));
                }
            }
        }
        let enf_people: Vec<Id> = people
            .seated
            .get(&p.enforcement)
            .cloned()
            .unwrap_or_default();
        let enf_head = b.post(
            &p.enforcement,
            "综合执法大队大队长",
            PostRank::SectionChief,
            true,
        );
        let enf_dep = b.post(
            &p.enforcement,
            "综合执法大队副大队长",
            PostRank::DeputySectionChief,
            false,
        );
        b.appoint(
            &enf_people[0],
            &enf_head,
            body_appt(AppointmentKind::Appointed, true, first),
        );
        for person in enf_people
            .iter()
            .skip(1)
            .take(if code == "SC" { 1 } else { 2 })
        {
            b.appoint(
                person,
                &enf_dep,
                body_appt(AppointmentKind::Appointed, true, first),
            );
        }
        let svc_head = b.post(&service, "政务服务中心主任", PostRank::SectionChief, true);
        let svc_person = people.at(&service, 0);
        b.appoint(
            &svc_person,
            &svc_head,
            Appt {
                kind: AppointmentKind::Appointed,
                authority: park_party,
                consulted: vec![],
                filed_with: vec![],
                exception: None,
                counts: true,
            },
        );

        // Township leaders, and the 区镇合一 cross-posts (none in SC's second township).
        for (j, (party, gov, sts)) in town_orgs.iter().enumerate() {
            let tname = &p.towns[j].1;
            let is_town = tname.contains('镇');
            let gov_people: Vec<Id> = people.seated.get(gov).cloned().unwrap_or_default();
            let t_sec = b.post(
                party,
                &format!("{tname}党委书记"),
                PostRank::SectionChief,
                true,
            );
            let t_head = b.post(
                gov,
                &format!("{tname}{}", if is_town { "镇长" } else { "乡长" }),
                PostRank::SectionChief,
                true,
            );
            let t_dep = b.post(
                gov,
                &format!("{tname}副{}", if is_town { "镇长" } else { "乡长" }),
                PostRank::DeputySectionChief,
                false,
            );
            let county = Appt {
                kind: AppointmentKind::Appointed,
                authority: &county_party,
                consulted: vec![OrgKind::ParkPartyCommittee],
                filed_with: vec![],
                exception: None,
                counts: true,
            };
            let cross = !(code == "SC" && j == 1);
            // The township's party secretary: a committee deputy concurrently, except in SC-T2.
            let secretary = match (code, j) {
                ("SC", 1) => gov_people[1 + deputies[j] as usize].clone(),
                ("SC", 0) => mgmt_people[2].clone(),
                (_, 0) => mgmt_people[2].clone(),
                _ => mgmt_people[3].clone(),
            };
            b.appoint(
                &secretary,
                &t_sec,
                Appt {
                    kind: if cross {
                        AppointmentKind::Concurrent
                    } else {
                        AppointmentKind::Appointed
                    },
                    ..county
                },
            );
            b.appoint(
                &gov_people[0],
                &t_head,
                Appt {
                    consulted: vec![OrgKind::ParkPartyCommittee],
                    ..Appt {
                        kind: AppointmentKind::Appointed,
                        authority: &county_party,
                        consulted: vec![],
                        filed_with: vec![],
                        exception: None,
                        counts: true,
                    }
                },
            );
            for person in gov_people.iter().skip(1).take(deputies[j] as usize) {
                b.appoint(
                    person,
                    &t_dep,
                    Appt {
                        kind: AppointmentKind::Appointed,
                        authority: &county_party,
                        consulted: vec![OrgKind::ParkPartyCommittee],
                        filed_with: vec![],
                        exception: None,
                        counts: true,
                    },
                );
            }
            for st in sts {
                let sname = b.ws.label_of(Kind::OrgUnit, st);
                let sp = b.post(st, &format!("{sname}主任"), PostRank::UnitHead, true);
                let head = people.at(st, 0);
                b.appoint(
                    &head,
                    &sp,
                    Appt {
                        kind: AppointmentKind::Appointed,
                        authority: park_party,
                        consulted: vec![],
                        filed_with: vec![],
                        exception: None,
                        counts: true,
                    },
                );
            }
            // The first township's head also heads the park's social-affairs bureau (兼任).
            if j == 0 {
                b.appoint(
                    &gov_people[0],
                    &heads["social"],
                    body_appt(
                        AppointmentKind::Concurrent,
                        true,
                        "区镇合一：由托管镇镇长兼任，党工委研究决定（示例）",
                    ),
                );
            }
            // GM's second township head is also deputy head of planning and construction;
            // GLG's first township head deputy head of tourism and economy (not counted).
            if code == "GM" && j == 1 {
                let dep = b.post(
                    &body_ids["build"],
                    "规划建设局副局长（兼）",
                    PostRank::DeputySectionChief,
                    false,
                );
                b.appoint(
                    &gov_people[0],
                    &dep,
                    body_appt(
                        AppointmentKind::Concurrent,
                        false,
                        "区镇合一：由托管乡乡长兼任，党工委研究决定（示例）",
                    ),
                );
            }
            if code == "GLG" && j == 0 {
                let dep = b.post(
                    &body_ids["econ"],
                    "旅游经济发展局副局长（兼）",
                    PostRank::DeputySectionChief,
                    false,
                );
                b.appoint(
                    &gov_people[1],
                    &dep,
                    body_appt(
                        AppointmentKind::Concurrent,
                        false,
                        "区镇合一：由托管镇副镇长兼任，党工委研究决定（示例）",
                    ),
                );
            }
            if code == "SC" && j == 0 {
                let dep = b.post(
                    gov,
                    &format!("{tname}副镇长（兼）"),
                    PostRank::DeputySectionChief,
                    false,
                );
                let econ_head = people.at(&body_ids["econ"], 0);
                b.appoint(
                    &econ_head,
                    &dep,
                    Appt {
                        kind: AppointmentKind::Concurrent,
                        authority: &county_party,
                        consulted: vec![OrgKind::ParkPartyCommittee],
                        filed_with: vec![],
                        exception: None,
                        counts: false,
                    },
                );
            }
        }

        // Secondments outside the system (BR-C3 list) and, in GM, the service centre's 核增.
        if code == "GM" {
            let p2 = people.at(&body_ids["econ"], 2);
            let d_dev = d_dev.clone();
            if let Some(pd) = person_mut(&mut b.ws, &p2) {
                let seat = pd.placements[0].seat.clone();
                pd.placements.push(Placement {
                    from: date(2013, 3, 1),
                    seat,
                    work_org_id: Some(d_dev),
                    status: PersonStatus::SecondedOut,
                    note: Some("借调市发展和改革委员会（示例）".into()),
                });
            }
        }
        if code == "GLG"
            && let Some((_, _, sts)) = town_orgs.first()
        {
            let p5 = people.at(&sts[1], 5);
            let d_hr = dept(&b.ws, "区人力资源和社会保障局");
            if let Some(pd) = person_mut(&mut b.ws, &p5) {
                let seat = pd.placements[0].seat.clone();
                pd.placements.push(Placement {
                    from: date(2013, 5, 1),
                    seat,
                    work_org_id: Some(d_hr),
                    status: PersonStatus::SecondedOut,
                    note: Some("借调区人力资源和社会保障局（示例）".into()),
                });
            }
        }

        // Talent policy (a park institution, S4.3/S5.4) and plans.
        let policy = (code != "SC").then(|| {
            b.add(
                None,
                Data::Institution(InstitutionData {
                    park_id: p.id.clone(),
                    title: format!(
                        "{}引进紧缺专业技术人才和高技能人才暂行办法（示例）",
                        p.prefix
                    ),
                    category: InstitutionCategory::Talent,
                    status: InstitutionStatus::InForce,
                    issued: doc(
                        &format!("示例{}发〔2013〕2号", code),
                        "关于印发人才引进暂行办法的通知（示例）",
                        date(2012, 12, 20),
                    ),
                    effective_from: Some(date(2013, 1, 1)),
                    review_due: None,
                }),
            )
        });
        let plan = |year,
                    channel,
                    target: &str,
                    t,
                    positions,
                    requirements: &str,
                    policy: Option<Id>,
                    status,
                    approved_on| {
            TalentPlanData {
                park_id: p.id.clone(),
                year,
                channel,
                target_org_id: target.into(),
                quota_type: t,
                positions,
                requirements: requirements.into(),
                policy_institution_id: policy,
                status,
                approved_on,
                filled_person_ids: vec![],
            }
        };
        match code {
            "GM" => {
                b.add(
                    None,
                    Data::TalentPlan(plan(
                        2013,
                        EntryChannel::SelectiveTransfer,
                        &p.mgmt,
                        QuotaType::Administrative,
                        1,
                        "优秀年轻干部，35 周岁以下，大学本科以上",
                        None,
                        PlanStatus::QuotaApproved,
                        Some(date(2013, 3, 1)),
                    )),
                );
                // Two planners arrive on 1 August 2013 into the two added seats of the centre.
                let mut filled = Vec::new();
                for (n, major) in ["城乡规划", "环境工程"].iter().enumerate() {
                    let seq = people.seq.entry(code).or_insert(0);
                    *seq += 1;
                    let k = *seq;
                    let id = b.add(
                        None,
                        Data::Person(PersonData {
                            staff_no: format!("PER-{code}-{k:04}"),
                            display_name: format!("人才{code}-{k:03}"),
                            gender: Some(if n == 0 { Gender::Female } else { Gender::Male }),
                            birth_year: Some(1986 + n as u16),
                            education: Some(Education::Master),
                            major: Some((*major).into()),
                            identity: PersonIdentity::InstitutionPro,
                            entry_channel: EntryChannel::ScarceTalent,
                            talent_flags: vec![TalentFlag::ScarceProfessional],
                            placements: vec![Placement {
                                from: date(2013, 8, 1),
                                seat: Some(QuotaSeat {
                                    org_id: service.clone(),
                                    quota_type: QuotaType::InstitutionFull,
                                }),
                                work_org_id: Some(body_ids["build"].clone()),
                                status: PersonStatus::Active,
                                note: Some("按人才引进计划到岗（示例）".into()),
                            }],
                            synthetic: true,
                        }),
                    );
                    filled.push(id);
                }
                let mut tp = plan(
                    2013,
                    EntryChannel::ScarceTalent,
                    &service,
                    QuotaType::InstitutionFull,
                    2,
                    "城乡规划、环境工程专业硕士研究生",
                    policy.clone(),
                    PlanStatus::Implementing,
                    Some(date(2013, 7, 1)),
                );
                tp.filled_person_ids = filled;
                b.add(None, Data::TalentPlan(tp));
            }
            "GLG" => {
                b.add(
                    Some("教学示例：计划数超过空编（BR-C11）"),
                    Data::TalentPlan(plan(
                        2013,
                        EntryChannel::HighSkill,
                        &p.enforcement,
                        QuotaType::InstitutionFull,
                        6,
                        "高级工以上职业资格（执法辅助技术岗）",
                        policy.clone(),
                        PlanStatus::QuotaApproved,
                        Some(date(2013, 4, 1)),
                    )),
                );
            }
            _ => {
                b.add(
                    None,
                    Data::TalentPlan(plan(
                        2013,
                        EntryChannel::OpenRecruitment,
                        &town_orgs[0].2[0],
                        QuotaType::InstitutionFull,
                        1,
                        "农学类专业，大学本科以上",
                        None,
                        PlanStatus::QuotaApproved,
                        Some(date(2013, 5, 1)),
                    )),
                );
                b.add(
                    Some("教学示例：尚未关联引才规定（BR-C12）"),
                    Data::TalentPlan(plan(
                        2014,
                        EntryChannel::ScarceTalent,
                        &p.mgmt,
                        QuotaType::Administrative,
                        1,
                        "工业经济、招商引资专业人才",
                        None,
                        PlanStatus::Planned,
                        None,
                    )),
                );
            }
        }
    }

    selection(&mut b, &parks, &campaign_posts, &gm_bodies, &people);
    b.ws
}

/// GM's 2013 competitive selection for two deputy posts: stage scores, the interview shortlist
/// at 3:1, one candidate below the pass mark, vetting at 2:1, publicity 4–8 Nov 2013 and one
/// objection still being verified; the 招商合作局 deputy is appointed from 12 Nov.
fn selection(
    b: &mut B,
    parks: &[ParkCtx],
    posts: &BTreeMap<&str, (Id, Id)>,
    gm: &BTreeMap<&str, Id>,
    people: &People,
) {
    let Some(p) = parks.iter().find(|p| p.code == "GM") else {
        return;
    };
    let (Some((invest, invest_post)), Some((build, build_post))) =
        (posts.get("invest"), posts.get("build"))
    else {
        return;
    };
    let person = |org: &str, i: usize| people.at(org, i);
    let town_gov = |j: usize| {
        b.ws.org_units
            .iter_live()
            .find(|o| {
                o.data.kind == OrgKind::TownshipGov
                    && o.data.township_id.as_deref() == Some(p.towns[j].0.as_str())
            })
            .map(|o| o.meta.id.clone())
            .unwrap_or_default()
    };
    let (t1, t2) = (town_gov(0), town_gov(1));
    let a = person(invest, 1);
    let cand = |person: Id,
                post: &Id,
                eligible: bool,
                written: Option<u32>,
                interview: Option<u32>,
                votes: Option<VoteTally>| {
        let mut c = Candidate::new(person, post.clone());
        c.eligible = Some(eligible);
        if !eligible {
            c.eligibility_note = Some("任现职级年限不足（示例）".into());
        }
        c.scores = [
            (SelectionStage::WrittenExam, written),
            (SelectionStage::Interview, interview),
        ]
        .into_iter()
        .filter_map(|(stage, s)| s.map(|score| StageScore { stage, score }))
        .collect();
        c.votes = votes;
        c
    };
    let v = |excellent, competent, basic, incompetent| {
        Some(VoteTally {
            excellent,
            competent,
            basic,
            incompetent,
            abstain: 0,
        })
    };
    let mut candidates = vec![
        cand(
            a.clone(),
            invest_post,
            true,
            Some(8600),
            Some(8400),
            v(18, 10, 2, 0),
        ),
        cand(
            person(&t1, 10),
            invest_post,
            true,
            Some(7850),
            Some(8000),
            v(10, 16, 3, 1),
        ),
        cand(
            person(&gm["office"], 2),
            invest_post,
            true,
            Some(8100),
            Some(8800),
            v(15, 13, 2, 0),
        ),
        cand(person(&t2, 9), invest_post, true, Some(7400), None, None),
        cand(person(&t1, 12), invest_post, false, None, None, None),
        cand(
            person(build, 2),
            build_post,
            true,
            Some(8200),
            Some(8500),
            v(20, 9, 1, 0),
        ),
        cand(person(&t2, 8), build_post, true, Some(5800), None, None),
        cand(
            person(&t1, 11),
            build_post,
            true,
            Some(7700),
            Some(8300),
            v(14, 14, 2, 0),
        ),
    ];
    candidates[0].vetting_passed = Some(true);
    candidates[0].proposed = true;
    candidates[2].vetting_passed = Some(true);
    candidates[5].vetting_passed = Some(true);
    candidates[5].proposed = true;
    candidates[5].objections.push(Objection {
        received_on: date(2013, 11, 6),
        summary: "来信反映其分管项目验收程序不规范（示例）".into(),
        status: ObjectionStatus::Pending,
        finding: None,
    });
    candidates[7].vetting_passed = Some(true);
    let steps = [
        (SelectionStatus::Draft, SelectionStatus::Announced, (8, 1)),
        (
            SelectionStatus::Announced,
            SelectionStatus::Registration,
            (8, 5),
        ),
        (
            SelectionStatus::Registration,
            SelectionStatus::EligibilityReview,
            (8, 16),
        ),
        (
            SelectionStatus::EligibilityReview,
            SelectionStatus::WrittenExam,
            (8, 23),
        ),
        (
            SelectionStatus::WrittenExam,
            SelectionStatus::Interview,
            (9, 6),
        ),
        (
            SelectionStatus::Interview,
            SelectionStatus::DemocraticEval,
            (9, 17),
        ),
        (
            SelectionStatus::DemocraticEval,
            SelectionStatus::Ranked,
            (9, 27),
        ),
        (SelectionStatus::Ranked, SelectionStatus::Vetting, (10, 9)),
        (SelectionStatus::Vetting, SelectionStatus::Decided, (10, 25)),
        (
            SelectionStatus::Decided,
            SelectionStatus::Publicity,
            (11, 4),
        ),
        (
            SelectionStatus::Publicity,
            SelectionStatus::Appointed,
            (11, 12),
        ),
    ];
    let history = steps
        .iter()
        .map(|(from, to, (m, d))| StatusChange {
            at: date(2013, *m, *d)
                .and_hms_opt(9, 0, 0)
                .unwrap_or_default()
                .and_utc(),
            by_office: super::sample::SAMPLE_OFFICE_ID.into(),
            dimension: "status".into(),
            from: from.code().into(),
            to: to.code().into(),
        })
        .collect();
    let campaign = b.add(
        Some("示例竞争上岗（分数、票数均为虚构） / sample selection, all scores invented"),
        Data::SelectionCampaign(SelectionCampaignData {
            park_id: p.id.clone(),
            title: "工贸园区2013年内设机构科级岗位竞争上岗（示例）".into(),
            post_ids: vec![invest_post.clone(), build_post.clone()],
            stages: default_stages(),
            notice_days: 5,
            status: SelectionStatus::Appointed,
            publicity_start: Some(date(2013, 11, 4)),
            decision: doc(
                "示例工贸党工发〔2013〕15号",
                "关于竞争上岗拟任人选的决定（示例）",
                date(2013, 10, 31),
            ),
            cancel_reason: None,
            candidates,
            history,
        }),
    );
    b.add(
        None,
        Data::Appointment(AppointmentData {
            person_id: a,
            post_id: invest_post.clone(),
            kind: AppointmentKind::Appointed,
            authority_org_id: Some(p.party.clone()),
            consulted: vec![],
            filed_with: vec![OrgKind::CityPartyCommittee],
            basis: doc(
                "示例工贸党工发〔2013〕18号",
                "关于竞争上岗人员任职的通知（示例）",
                date(2013, 11, 11),
            ),
            selection_id: Some(campaign),
            exception_reason: None,
            period: open_from(date(2013, 11, 12)),
            probation_until: Some(date(2014, 11, 11)),
            counts_against_quota: true,
            status: AppointmentStatus::Probation,
        }),
    );
    let _ = build;
}
