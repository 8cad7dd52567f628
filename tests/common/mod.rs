//! Helpers shared by the native domain tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use parkdesk::domain::command::{Command, CommandError, Ctx, Desk, Outcome};
use parkdesk::domain::entrustment::{EntrustScope, EntrustmentData, EntrustmentStatus};
use parkdesk::domain::integration::ConcurrentPostData;
use parkdesk::domain::meta::{DocRef, Id, Office, Period, Role, SeqIds, Timestamp};
use parkdesk::domain::territory::*;
use parkdesk::domain::workspace::{Data, Workspace};

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub fn office() -> Office {
    Office {
        id: "office-test".into(),
        name: "测试编办".into(),
        role: Role::Bianban,
    }
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

pub fn cross_post(town: &str, from: &str) -> Data {
    Data::ConcurrentPost(ConcurrentPostData {
        holder: "干部T-001".into(),
        park_post: "管委会副主任".into(),
        township_id: town.into(),
        township_post: "党委书记".into(),
        leadership: true,
        period: Period {
            from: d(from),
            to: None,
        },
    })
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
