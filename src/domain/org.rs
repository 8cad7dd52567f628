//! 机构 | Organisational units: each park's 党工委 and 管委会 (report S1.3, BR-A6), the internal
//! bodies of the committee set up 大部制-style — few bodies, each covering several function
//! domains (S3.1) — the unified enforcement body (S3.3), park public institutions, the bodies of
//! entrusted townships (党委, 政府, 站所), and the city/county organs and departments that appoint
//! cadres or are mirrored by park bodies.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id};
use super::power::{DOMAINS, PowerCategory};
use super::workspace::Workspace;
use crate::coded_enum;

coded_enum! {
    pub enum OrgKind {
        CityPartyCommittee => ("CITY_PARTY_COMMITTEE", "市委", "City Party committee"),
        CityGovernment => ("CITY_GOVERNMENT", "市政府", "City government"),
        CountyPartyCommittee => ("COUNTY_PARTY_COMMITTEE", "县区委", "County Party committee"),
        CountyGovernment => ("COUNTY_GOVERNMENT", "县区政府", "County government"),
        Department => ("DEPARTMENT", "职能部门", "Functional department"),
        BianWei => ("BIANWEI", "编委/编办", "Staffing commission / office"),
        ParkPartyCommittee => ("PARK_PARTY_COMMITTEE", "园区党工委", "Park Party Working Committee"),
        ParkMgmtCommittee => ("PARK_MGMT_COMMITTEE", "园区管委会", "Park Management Committee"),
        InternalBody => ("INTERNAL_BODY", "内设机构", "Internal body"),
        UnifiedEnforcement => ("UNIFIED_ENFORCEMENT", "综合执法机构", "Unified enforcement body"),
        TownshipParty => ("TOWNSHIP_PARTY", "乡镇党委", "Township Party committee"),
        TownshipGov => ("TOWNSHIP_GOV", "乡镇政府", "Township government"),
        TownshipStation => ("TOWNSHIP_STATION", "乡镇站所", "Township station"),
        ParkPublicInstitution => ("PARK_PUBLIC_INSTITUTION", "园区事业单位", "Park public institution"),
        InspectionGroup => ("INSPECTION_GROUP", "督促检查组", "Inspection group"),
    }
}

impl OrgKind {
    /// Kinds that belong to a township (and, while it is entrusted, to the park's system).
    pub fn is_township_body(self) -> bool {
        matches!(
            self,
            OrgKind::TownshipParty | OrgKind::TownshipGov | OrgKind::TownshipStation
        )
    }

    /// The committee's bodies counted by 大部制 (BR-C7): internal bodies and the unified
    /// enforcement body, which the reform sets up among them (shared/domain.md §7.2).
    pub fn is_committee_body(self) -> bool {
        matches!(self, OrgKind::InternalBody | OrgKind::UnifiedEnforcement)
    }
}

coded_enum! {
    pub enum OrgStatus {
        Preparing => ("PREPARING", "筹建", "Preparing"),
        Active => ("ACTIVE", "运行", "Active"),
        Merged => ("MERGED", "撤并", "Merged"),
        Abolished => ("ABOLISHED", "撤销", "Abolished"),
    }
}

coded_enum! {
    /// 机构规格 | Rank of a unit.
    #[derive(Default)]
    pub enum OrgRank {
        Division => ("DIVISION", "正处级", "Division level"),
        DeputyDivision => ("DEPUTY_DIVISION", "副处级", "Deputy division level"),
        Section => ("SECTION", "正科级", "Section level"),
        DeputySection => ("DEPUTY_SECTION", "副科级", "Deputy section level"),
        Unit => ("UNIT", "股级", "Unit level"),
        #[default]
        Unranked => ("UNRANKED", "未定级", "Not ranked"),
    }
}

coded_enum! {
    /// 机构性质 | Nature of a unit.
    #[derive(Default)]
    pub enum OrgNature {
        #[default]
        PartyGov => ("PARTY_GOV", "党政机关", "Party or government organ"),
        InstAdmin => ("INST_ADMIN", "事业单位（行政类）", "Public institution (administrative)"),
        InstPublic1 => ("INST_PUBLIC_1", "事业单位（公益一类）", "Public institution (public welfare I)"),
        InstPublic2 => ("INST_PUBLIC_2", "事业单位（公益二类）", "Public institution (public welfare II)"),
        InstBusiness => ("INST_BUSINESS", "事业单位（经营类）", "Public institution (business)"),
        Other => ("OTHER", "其他", "Other"),
    }
}

coded_enum! {
    /// 经费形式 | Funding form (P17).
    pub enum FundingForm {
        Full => ("FULL", "全额拨款", "Fully funded"),
        Partial => ("PARTIAL", "差额拨款", "Partially funded"),
        SelfFunded => ("SELF_FUNDED", "自收自支", "Self-funded"),
    }
}

/// A function domain a body can cover: the report's domains of [`DOMAINS`] plus the support
/// domains every committee needs (党建, 综合办公, 财政, 统计, 旅游 — shared/domain.md §4.A [D]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyDomain {
    pub id: &'static str,
    /// The report's category, or None for a support domain.
    pub category: Option<PowerCategory>,
    pub zh: &'static str,
    pub en: &'static str,
}

pub const SUPPORT_DOMAINS: [BodyDomain; 5] = [
    BodyDomain {
        id: "SUP.PARTY",
        category: None,
        zh: "党建",
        en: "Party building",
    },
    BodyDomain {
        id: "SUP.OFFICE",
        category: None,
        zh: "综合办公",
        en: "General office",
    },
    BodyDomain {
        id: "SUP.FINANCE",
        category: None,
        zh: "财政",
        en: "Finance",
    },
    BodyDomain {
        id: "SUP.STATS",
        category: None,
        zh: "统计",
        en: "Statistics",
    },
    BodyDomain {
        id: "SUP.TOURISM",
        category: None,
        zh: "旅游",
        en: "Tourism",
    },
];

/// Every domain a body may cover, report domains first.
pub fn body_domains() -> Vec<BodyDomain> {
    DOMAINS
        .iter()
        .map(|d| BodyDomain {
            id: d.id,
            category: Some(d.category),
            zh: d.zh,
            en: d.en,
        })
        .chain(SUPPORT_DOMAINS)
        .collect()
}

pub fn body_domain(id: &str) -> Option<BodyDomain> {
    body_domains().into_iter().find(|d| d.id == id)
}

/// The economic core a park's bodies must jointly cover: 招商、规划、建设 (S1.1, BR-A1).
pub const CORE_DOMAINS: [&str; 3] = ["ECO.INVESTMENT", "ECO.PLANNING", "ECO.CONSTRUCTION"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgUnitData {
    pub name: String,
    pub kind: OrgKind,
    #[serde(default)]
    pub park_id: Option<Id>,
    #[serde(default)]
    pub township_id: Option<Id>,
    #[serde(default)]
    pub county_id: Option<Id>,
    pub status: OrgStatus,
    /// 上级机构 | Parent, e.g. the 管委会 of an internal body.
    #[serde(default)]
    pub parent_id: Option<Id>,
    /// 机构规格 | Rank.
    #[serde(default)]
    pub rank: OrgRank,
    /// 机构性质 | Nature.
    #[serde(default)]
    pub nature: OrgNature,
    /// 经费形式 | Funding form.
    #[serde(default)]
    pub funding: Option<FundingForm>,
    /// 承担职能领域 | Function domain ids covered (see [`body_domains`]) — 大部制 breadth.
    #[serde(default)]
    pub domains: Vec<String>,
    /// 对应上级部门 | The city/county departments (org units of kind Department) it covers.
    #[serde(default)]
    pub counterpart_dept_ids: Vec<Id>,
    /// 对口设置说明 | Why a single-domain or one-department body is kept (turns BR-C7's
    /// warning into a note).
    #[serde(default)]
    pub counterpart_reason: Option<String>,
    /// 设立依据 | Establishing document (三定 / 批复).
    #[serde(default)]
    pub established_by: Option<DocRef>,
}

impl Default for OrgUnitData {
    fn default() -> Self {
        OrgUnitData {
            name: String::new(),
            kind: OrgKind::InternalBody,
            park_id: None,
            township_id: None,
            county_id: None,
            status: OrgStatus::Active,
            parent_id: None,
            rank: OrgRank::Unranked,
            nature: OrgNature::PartyGov,
            funding: None,
            domains: Vec::new(),
            counterpart_dept_ids: Vec::new(),
            counterpart_reason: None,
            established_by: None,
        }
    }
}

impl OrgUnitData {
    /// A unit of the given name and kind, active, everything else empty.
    pub fn new(name: impl Into<String>, kind: OrgKind) -> Self {
        OrgUnitData {
            name: name.into(),
            kind,
            ..Default::default()
        }
    }

    pub fn is_active(&self) -> bool {
        matches!(self.status, OrgStatus::Active | OrgStatus::Preparing)
    }
}

/// Which park system each unit belongs to on a date: the park's own bodies, plus the bodies of
/// the townships entrusted to it on that date (编制共享 happens inside one system, S5.0). Built
/// once per check or metric.
#[derive(Clone, Debug, Default)]
pub struct ParkSystems {
    of_org: HashMap<Id, Id>,
    /// township → park leading it on the date.
    of_township: HashMap<Id, Id>,
}

impl ParkSystems {
    pub fn on(ws: &Workspace, d: NaiveDate) -> Self {
        let mut of_township = HashMap::new();
        for e in ws.entrustments.iter_live() {
            if e.data.in_force_on(d) && ws.parks.live(&e.data.park_id).is_some() {
                of_township.insert(e.data.township_id.clone(), e.data.park_id.clone());
            }
        }
        let mut of_org = HashMap::new();
        for o in ws.org_units.iter_live() {
            let park = match (&o.data.park_id, &o.data.township_id) {
                (Some(p), _) if !o.data.kind.is_township_body() => Some(p.clone()),
                (_, Some(t)) => of_township.get(t).cloned(),
                _ => None,
            };
            if let Some(p) = park {
                of_org.insert(o.meta.id.clone(), p);
            }
        }
        ParkSystems {
            of_org,
            of_township,
        }
    }

    /// The park whose system the unit belongs to on the date.
    pub fn park_of(&self, org_id: &str) -> Option<&Id> {
        self.of_org.get(org_id)
    }

    pub fn park_of_township(&self, township_id: &str) -> Option<&Id> {
        self.of_township.get(township_id)
    }

    pub fn orgs(&self) -> impl Iterator<Item = (&Id, &Id)> {
        self.of_org.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_include_report_and_support_domains_once() {
        let all = body_domains();
        assert_eq!(all.len(), 33);
        let mut ids: Vec<_> = all.iter().map(|d| d.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 33);
        assert_eq!(body_domain("SUP.TOURISM").map(|d| d.zh), Some("旅游"));
        assert!(body_domain("ECO.PLANNING").is_some_and(|d| d.category.is_some()));
    }
}
