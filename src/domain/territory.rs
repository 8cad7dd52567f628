//! City, counties, townships and parks (report S0.2, S1.1, S1.2; shared/domain.md §4.A).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::Id;
use crate::coded_enum;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CityData {
    pub name: String,
    #[serde(default)]
    pub division_code: Option<String>,
}

coded_enum! {
    pub enum CountyKind {
        District => ("DISTRICT", "区", "District"),
        County => ("COUNTY", "县", "County"),
        CountyCity => ("COUNTY_CITY", "县级市", "County-level city"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountyData {
    pub name: String,
    pub kind: CountyKind,
    #[serde(default)]
    pub division_code: Option<String>,
}

coded_enum! {
    pub enum TownshipKind {
        Town => ("TOWN", "镇", "Town"),
        Township => ("TOWNSHIP", "乡", "Township"),
        EthnicTownship => ("ETHNIC_TOWNSHIP", "民族乡", "Ethnic township"),
        Subdistrict => ("SUBDISTRICT", "街道", "Sub-district"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TownshipData {
    pub name: String,
    pub kind: TownshipKind,
    pub county_id: Id,
    #[serde(default)]
    pub area_km2: Option<f64>,
    #[serde(default)]
    pub population: Option<u32>,
    /// 位于哪个园区规划范围 | Park whose planning area contains the township (BR-A5).
    #[serde(default)]
    pub in_planning_area_of: Option<Id>,
}

coded_enum! {
    pub enum ParkKind {
        Industrial => ("INDUSTRIAL", "工业园区", "Industrial park"),
        TourismResort => ("TOURISM_RESORT", "旅游度假区", "Tourism resort"),
        EconomicZone => ("ECONOMIC_ZONE", "经济开发区", "Economic development zone"),
        Other => ("OTHER", "其他", "Other"),
    }
}

coded_enum! {
    pub enum ParkStatus {
        Preparing => ("PREPARING", "筹建", "Preparing"),
        Piloting => ("PILOTING", "试点运行", "Piloting"),
        Operating => ("OPERATING", "正常运行", "Operating"),
        Restructuring => ("RESTRUCTURING", "整合调整", "Restructuring"),
        Abolished => ("ABOLISHED", "撤销", "Abolished"),
    }
}

coded_enum! {
    /// 职能领域（定位） | Function areas of the park's profile (S1.1, S1.3, S1.4).
    pub enum FunctionArea {
        InvestmentPromotion => ("INVESTMENT_PROMOTION", "招商", "Investment promotion"),
        Planning => ("PLANNING", "规划", "Planning"),
        Construction => ("CONSTRUCTION", "建设", "Construction"),
        TechInnovation => ("TECH_INNOVATION", "科技创新", "Technology & innovation"),
        IndustryDevelopment => ("INDUSTRY_DEVELOPMENT", "产业发展", "Industry development"),
        TourismDevelopment => ("TOURISM_DEVELOPMENT", "旅游开发", "Tourism development"),
        SocialAffairs => ("SOCIAL_AFFAIRS", "社会事务", "Social affairs"),
        PartyBuilding => ("PARTY_BUILDING", "党的建设", "Party building"),
    }
}

impl FunctionArea {
    /// The economic core the report names for parks: 招商、规划、建设 (S1.1).
    pub const ECONOMIC_CORE: [FunctionArea; 3] = [
        FunctionArea::InvestmentPromotion,
        FunctionArea::Planning,
        FunctionArea::Construction,
    ];
}

/// 功能定位 | Function profile: economic development first, social affairs second (S1.1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FunctionProfile {
    #[serde(default)]
    pub primary: Vec<FunctionArea>,
    #[serde(default)]
    pub secondary: Vec<FunctionArea>,
    #[serde(default)]
    pub statement: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParkData {
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    /// 简码 | Short code, e.g. "GM"; unique, upper-case letters and digits.
    pub short_code: String,
    pub kind: ParkKind,
    #[serde(default)]
    pub host_county_ids: Vec<Id>,
    #[serde(default)]
    pub established_on: Option<NaiveDate>,
    #[serde(default)]
    pub planning_area_km2: Option<f64>,
    #[serde(default)]
    pub pilot: bool,
    #[serde(default)]
    pub pilot_since: Option<NaiveDate>,
    #[serde(default)]
    pub function_profile: FunctionProfile,
    /// 内设机构限额 | Approved maximum of internal bodies (S3.1).
    #[serde(default)]
    pub body_limit: Option<u8>,
    pub status: ParkStatus,
}
