//! Helpers shared by the native domain tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use parkdesk::domain::appointment::{
    AppointmentData, AppointmentKind, AppointmentStatus, PostData,
};
use parkdesk::domain::command::{Command, CommandError, Ctx, Desk, Outcome};
use parkdesk::domain::entrustment::{EntrustScope, EntrustmentData, EntrustmentStatus};
use parkdesk::domain::meta::{DocRef, Id, Office, Period, Role, SeqIds, Timestamp};
use parkdesk::domain::org::{OrgKind, OrgUnitData};
use parkdesk::domain::person::{EntryChannel, PersonData, PersonIdentity, PersonStatus, Placement};
use parkdesk::domain::staffing::PostRank;
use parkdesk::domain::territory::*;
use parkdesk::domain::workspace::{Data, Workspace};

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub fn office() -> Office {
    Office::new("office-test", "测试编办", Role::Bianban)
}

/// A desk plus the outside facts commands need, with a controllable clock.
pub struct Harness {
    pub desk: Desk,
    pub office: Office,
    pub ids: SeqIds,
    pub now: Timestamp,
}

impl Harness {
    pub fn new() -> Self {
        Self::with(Workspace::default())
    }
    pub fn with(ws: Workspace) -> Self {
        Harness {
            desk: Desk::new(ws, Vec::new()),
            office: office(),
            ids: SeqIds { next: 0, salt: 7 },
            now: "2013-06-01T08:00:00Z".parse().expect("time"),
        }
    }
    pub fn run(&mut self, cmd: Command) -> Result<Outcome, CommandError> {
        self.now += chrono::Duration::seconds(1);
        let mut ctx = Ctx {
            now: self.now,
            today: self.now.date_naive(),
            office: &self.office,
            ids: &mut self.ids,
        };
        self.desk.apply(cmd, &mut ctx)
    }
    pub fn create(&mut self, data: Data) -> Id {
        self.run(Command::Save {
            id: None,
            data,
            base_rev: None,
        })
        .expect("create")
        .id
        .expect("id")
    }
    pub fn undo(&mut self) -> Result<(), CommandError> {
        self.now += chrono::Duration::seconds(1);
        let mut ctx = Ctx {
            now: self.now,
            today: self.now.date_naive(),
            office: &self.office,
            ids: &mut self.ids,
        };
        self.desk.undo(&mut ctx).map(|_| ())
    }
    pub fn redo(&mut self) -> Result<(), CommandError> {
        self.now += chrono::Duration::seconds(1);
        let mut ctx = Ctx {
            now: self.now,
            today: self.now.date_naive(),
            office: &self.office,
            ids: &mut self.ids,
        };
        self.desk.redo(&mut ctx).map(|_| ())
    }
    pub fn ws(&self) -> &Workspace {
        self.desk.ws()
    }
}

pub fn county(name: &str) -> Data {
    Data::County(CountyData {
        name: name.into(),
        kind: CountyKind::District,
        division_code: None,
    })
}

pub fn park(name: &str, code: &str) -> ParkData {
    ParkData {
        name_zh: name.into(),
        name_en: String::new(),
        short_code: code.into(),
        kind: ParkKind::Industrial,
        host_county_ids: vec![],
        established_on: None,
        planning_area_km2: None,
        pilot: true,
        pilot_since: None,
        function_profile: FunctionProfile {
            primary: FunctionArea::ECONOMIC_CORE.to_vec(),
            secondary: vec![FunctionArea::SocialAffairs],
            statement: String::new(),
        },
        body_limit: None,
        status: ParkStatus::Piloting,
    }
}

pub fn township(name: &str, county: &str, planning_park: Option<&str>) -> Data {
    Data::Township(TownshipData {
        name: name.into(),
        kind: TownshipKind::Town,
        county_id: county.into(),
        area_km2: None,
        population: None,
        in_planning_area_of: planning_park.map(str::to_string),
    })
}

pub fn entrust(
    park: &str,
    town: &str,
    county: &str,
    from: &str,
    to: Option<&str>,
) -> EntrustmentData {
    EntrustmentData {
        park_id: park.into(),
        township_id: town.into(),
        entrusting_county_id: county.into(),
        scope: EntrustScope::WholeTownship,
        basis: Some(DocRef {
            doc_no: Some("示例〔2012〕1号".into()),
            title: "托管决定".into(),
            issued_on: None,
        }),
        period: Period {
            from: d(from),
            to: to.map(d),
        },
        status: if to.is_some() {
            EntrustmentStatus::Terminated
        } else {
            EntrustmentStatus::Effective
        },
        retained_matters: vec![],
        justification_if_partial: None,
    }
}

/// A person on the roster working at `work` from `from` (no quota seat).
pub fn person(staff_no: &str, work: &str, from: &str) -> PersonData {
    PersonData {
        staff_no: staff_no.into(),
        display_name: format!("干部{staff_no}"),
        gender: None,
        birth_year: None,
        education: None,
        major: None,
        identity: PersonIdentity::CivilServant,
        entry_channel: EntryChannel::Existing,
        talent_flags: vec![],
        placements: vec![Placement {
            from: d(from),
            seat: None,
            work_org_id: Some(work.into()),
            status: PersonStatus::Active,
            note: None,
        }],
        synthetic: false,
    }
}

pub fn leadership_post(org: &str, title: &str, rank: PostRank, principal: bool) -> Data {
    Data::Post(PostData {
        org_id: org.into(),
        title: title.into(),
        rank,
        is_leadership: true,
        is_principal: principal,
        is_key_post: false,
    })
}

pub fn appointment(person: &str, post: &str, kind: AppointmentKind, from: &str) -> AppointmentData {
    AppointmentData {
        person_id: person.into(),
        post_id: post.into(),
        kind,
        authority_org_id: None,
        consulted: vec![],
        filed_with: vec![],
        basis: None,
        selection_id: None,
        exception_reason: None,
        period: Period {
            from: d(from),
            to: None,
        },
        probation_until: None,
        counts_against_quota: kind != AppointmentKind::Concurrent,
        status: AppointmentStatus::Serving,
    }
}

/// The park's 管委会 (created with the park).
pub fn committee(h: &Harness, park: &str) -> Id {
    h.ws()
        .org_units
        .iter_live()
        .find(|o| {
            o.data.kind == OrgKind::ParkMgmtCommittee && o.data.park_id.as_deref() == Some(park)
        })
        .map(|o| o.meta.id.clone())
        .expect("committee")
}

/// 区镇合一 from `from`: a committee deputy who is also the township's party secretary (兼任).
/// Creates the township's 党委, both posts, the person and both appointments; returns the
/// township post's appointment.
pub fn cross_post(h: &mut Harness, park: &str, town: &str, from: &str) -> Id {
    let mgmt = committee(h, park);
    let party = h.create(Data::OrgUnit(OrgUnitData {
        township_id: Some(town.into()),
        ..OrgUnitData::new(format!("乡镇党委-{town}"), OrgKind::TownshipParty)
    }));
    let vice = h.create(leadership_post(
        &mgmt,
        "管委会副主任",
        PostRank::SectionChief,
        false,
    ));
    let sec = h.create(leadership_post(
        &party,
        "党委书记",
        PostRank::SectionChief,
        true,
    ));
    let p = h.create(Data::Person(person(
        &format!("T-{}", h.ws().persons.count_live() + 1),
        &mgmt,
        from,
    )));
    h.create(Data::Appointment(appointment(
        &p,
        &vice,
        AppointmentKind::Appointed,
        from,
    )));
    h.create(Data::Appointment(appointment(
        &p,
        &sec,
        AppointmentKind::Concurrent,
        from,
    )))
}

/// One county, one park (GM) and one township inside its planning area.
pub struct Basic {
    pub h: Harness,
    pub county: Id,
    pub park: Id,
    pub town: Id,
}

pub fn basic() -> Basic {
    let mut h = Harness::new();
    let county = h.create(county("隆阳区"));
    let park = h.create(Data::Park(park("保山工贸园区", "GM")));
    let town = h.create(township("示例镇丙", &county, Some(&park)));
    Basic {
        h,
        county,
        park,
        town,
    }
}

/// An org unit of `kind` named `name` in a park or a township.
pub fn org_in(
    h: &mut Harness,
    name: &str,
    kind: OrgKind,
    park: Option<&str>,
    town: Option<&str>,
) -> Id {
    h.create(Data::OrgUnit(OrgUnitData {
        park_id: park.map(str::to_string),
        township_id: town.map(str::to_string),
        ..OrgUnitData::new(name, kind)
    }))
}

/// A staffing quota of `org` and type valid from `from` to `to`.
pub fn quota(
    org: &str,
    t: parkdesk::domain::staffing::QuotaType,
    approved: u32,
    from: &str,
    to: Option<&str>,
) -> Data {
    Data::StaffingQuota(parkdesk::domain::staffing::StaffingQuotaData {
        org_id: org.into(),
        quota_type: t,
        approved,
        basis: None,
        period: Period {
            from: d(from),
            to: to.map(d),
        },
    })
}

/// A placement from `from`: seat (org, type) or none, work unit, status.
pub fn placement(
    from: &str,
    seat: Option<(&str, parkdesk::domain::staffing::QuotaType)>,
    work: &str,
    status: PersonStatus,
) -> Placement {
    Placement {
        from: d(from),
        seat: seat.map(|(o, t)| parkdesk::domain::staffing::QuotaSeat {
            org_id: o.into(),
            quota_type: t,
        }),
        work_org_id: Some(work.into()),
        status,
        note: None,
    }
}

/// A person with the given placements.
pub fn placed(staff_no: &str, identity: PersonIdentity, placements: Vec<Placement>) -> Data {
    Data::Person(PersonData {
        identity,
        placements,
        ..person(staff_no, "", "2000-01-01")
    })
}

/// The rules of one kind standing on one record on a date.
pub fn rules_on(
    ws: &Workspace,
    day: &str,
    kind: parkdesk::domain::workspace::Kind,
    id: &str,
) -> Vec<(&'static str, parkdesk::domain::rules::Severity)> {
    parkdesk::domain::rules::check_all(ws, d(day))
        .into_iter()
        .filter(|v| v.kind == kind && v.id == id)
        .map(|v| (v.rule, v.severity))
        .collect()
}

pub fn rejected(r: Result<Outcome, CommandError>) -> Vec<&'static str> {
    match r {
        Err(CommandError::Rejected(v)) => v.iter().map(|v| v.rule).collect(),
        other => panic!("expected a rejection, got {other:?}"),
    }
}
// ---------------------------------------------------------------- supervision (issue #6)

/// A planned inspection campaign over `parks` for the period, created through the command path.
pub fn campaign(h: &mut Harness, parks: &[Id], from: &str, to: &str) -> Id {
    use parkdesk::domain::inspection::*;
    h.create(Data::InspectionCampaign(InspectionCampaignData {
        team_id: None,
        title: format!("督查 {from}"),
        period: Period {
            from: d(from),
            to: Some(d(to)),
        },
        scope_parks: parks.to_vec(),
        scope_depts: vec![],
        aspects: InspectionAspect::ALL.to_vec(),
        status: CampaignStatus::Planned,
        report: None,
        history: vec![],
    }))
}

/// A check of a delegation with a verdict, complete enough for BR-E4 (evidence, the item's source
/// department as responsible, a reason).
pub fn verdict_check(
    ws: &Workspace,
    campaign: &str,
    delegation: &str,
    verdict: parkdesk::domain::delegation::Verdict,
    on: &str,
) -> parkdesk::domain::inspection::InspectionCheckData {
    use parkdesk::domain::inspection::*;
    let dept = ws
        .delegations
        .get(delegation)
        .and_then(|d| source_dept(ws, &d.data).cloned());
    InspectionCheckData {
        verdict: Some(verdict),
        checked_on: Some(d(on)),
        methods: vec![CheckMethod::Documents],
        evidence: vec![Evidence {
            description: "案卷抽查记录".into(),
            source: "督查组".into(),
            file_name: None,
        }],
        verdict_reason: "核查认定".into(),
        responsible_org_id: dept,
        inspectors: vec!["督查员甲".into()],
        ..InspectionCheckData::pending(campaign, delegation)
    }
}

/// Records a verdict on a delegation in a campaign (a new check) and returns the check's id.
pub fn record_verdict(
    h: &mut Harness,
    campaign: &str,
    delegation: &str,
    verdict: parkdesk::domain::delegation::Verdict,
    on: &str,
) -> Id {
    let check = verdict_check(h.ws(), campaign, delegation, verdict, on);
    h.create(Data::InspectionCheck(check))
}
