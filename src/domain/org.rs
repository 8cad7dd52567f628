//! 机构 | Organisational units. The foundation keeps the stubs every park needs — its 党工委 and
//! 管委会 (report S1.3, BR-A6); internal bodies and staffing come with the organisation issue.

use serde::{Deserialize, Serialize};

use super::meta::Id;
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

coded_enum! {
    pub enum OrgStatus {
        Preparing => ("PREPARING", "筹建", "Preparing"),
        Active => ("ACTIVE", "运行", "Active"),
        Merged => ("MERGED", "撤并", "Merged"),
        Abolished => ("ABOLISHED", "撤销", "Abolished"),
    }
}

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
}

impl OrgUnitData {
    pub fn is_active(&self) -> bool {
        matches!(self.status, OrgStatus::Active | OrgStatus::Preparing)
    }
}
