//! The whole data set of one browser copy: one table per entity kind, records keyed by id.

use std::collections::BTreeMap;

use serde::de::{Deserializer, Error as _};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use super::accountability::AccountabilityActionData;
use super::appointment::{AppointmentData, PostData};
use super::assessment::{AssessmentResultData, AssessmentSchemeData};
use super::authority::AuthorityRuleData;
use super::bonus::BonusPoolData;
use super::delegation::DelegationData;
use super::development::DevelopmentEntityData;
use super::entrustment::EntrustmentData;
use super::finding::FindingData;
use super::inspection::{InspectionCampaignData, InspectionCheckData, InspectionTeamData};
use super::institution::InstitutionData;
use super::meta::{Id, Meta};
use super::org::OrgUnitData;
use super::parameters::ParametersData;
use super::person::PersonData;
use super::power::PowerItemData;
use super::project::ProjectData;
use super::rectification::RectificationOrderData;
use super::result_use::ResultUseData;
use super::selection::SelectionCampaignData;
use super::service::ServiceOfferingData;
use super::staffing::{LeadershipQuotaData, StaffingQuotaData, StaffingSettingsData};
use super::talent::TalentPlanData;
use super::territory::{CityData, CountyData, ParkData, TownshipData};
use crate::coded_enum;

/// A stored record: metadata plus the entity's own fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rec<T> {
    pub meta: Meta,
    pub data: T,
}

impl<T> Rec<T> {
    pub fn id(&self) -> &str {
        &self.meta.id
    }
    pub fn live(&self) -> bool {
        !self.meta.deleted
    }
}

/// Records keyed by id, serialised as a JSON array (ids are inside each record). Reading rejects a
/// repeated id instead of silently keeping one of the two.
#[derive(Clone, Debug, PartialEq)]
pub struct Table<T>(pub BTreeMap<Id, Rec<T>>);

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table(BTreeMap::new())
    }
}

impl<T> Table<T> {
    pub fn get(&self, id: &str) -> Option<&Rec<T>> {
        self.0.get(id)
    }
    /// A record that exists and is not a tombstone.
    pub fn live(&self, id: &str) -> Option<&Rec<T>> {
        self.0.get(id).filter(|r| r.live())
    }
    pub fn iter_live(&self) -> impl Iterator<Item = &Rec<T>> {
        self.0.values().filter(|r| r.live())
    }
    pub fn count_live(&self) -> usize {
        self.iter_live().count()
    }
    pub fn insert(&mut self, rec: Rec<T>) {
        self.0.insert(rec.meta.id.clone(), rec);
    }
}

impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for rec in self.0.values() {
            seq.serialize_element(rec)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let recs = Vec::<Rec<T>>::deserialize(d)?;
        let mut map = BTreeMap::new();
        for rec in recs {
            let id = rec.meta.id.clone();
            if let Some(problem) = super::meta::id_problem(&id) {
                return Err(D::Error::custom(problem));
            }
            if map.insert(id.clone(), rec).is_some() {
                return Err(D::Error::custom(format!("duplicate record id {id}")));
            }
        }
        Ok(Table(map))
    }
}

/// Declares the entity kinds once; generates `Kind`, `Data`, `Record` and the workspace tables.
macro_rules! entities {
    ($($var:ident { table: $table:ident, data: $data:ty, code: $code:literal, zh: $zh:literal, en: $en:literal }),+ $(,)?) => {
        coded_enum! {
            /// 数据类别 | Entity kind; the code is the JSON key of its table in snapshots.
            pub enum Kind { $($var => ($code, $zh, $en)),+ }
        }

        /// The fields of one record of any kind (what a Save command carries). Transient, so the
        /// size of the largest kind is not worth boxing for; tables store each kind unboxed.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "fields")]
        pub enum Data { $($var($data)),+ }

        impl Data {
            pub fn kind(&self) -> Kind {
                match self { $(Data::$var(_) => Kind::$var),+ }
            }
        }

        /// One record of any kind (transient, like `Data`).
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        pub enum Record { $($var(Rec<$data>)),+ }

        impl Record {
            pub fn new(meta: Meta, data: Data) -> Record {
                match data { $(Data::$var(d) => Record::$var(Rec { meta, data: d })),+ }
            }
            pub fn kind(&self) -> Kind {
                match self { $(Record::$var(_) => Kind::$var),+ }
            }
            pub fn meta(&self) -> &Meta {
                match self { $(Record::$var(r) => &r.meta),+ }
            }
            pub fn meta_mut(&mut self) -> &mut Meta {
                match self { $(Record::$var(r) => &mut r.meta),+ }
            }
            pub fn data(&self) -> Data {
                match self { $(Record::$var(r) => Data::$var(r.data.clone())),+ }
            }
            pub fn same_data(&self, data: &Data) -> bool {
                match (self, data) { $((Record::$var(r), Data::$var(d)) => &r.data == d,)+ _ => false }
            }
            /// The record's fields as a JSON object: how the merge compares any kind generically.
            pub fn to_fields(&self) -> serde_json::Value {
                match self { $(Record::$var(r) => serde_json::to_value(&r.data).unwrap_or(serde_json::Value::Null)),+ }
            }
            /// Builds a record of `kind` from fields produced by [`Record::to_fields`].
            pub fn from_fields(kind: Kind, meta: Meta, fields: serde_json::Value) -> Result<Record, serde_json::Error> {
                match kind { $(Kind::$var => Ok(Record::$var(Rec { meta, data: serde_json::from_value(fields)? }))),+ }
            }
        }

        /// All records of one browser copy.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct Workspace {
            $(#[serde(default, rename = $code)] pub $table: Table<$data>,)+
        }

        impl Workspace {
            pub fn get(&self, kind: Kind, id: &str) -> Option<Record> {
                match kind { $(Kind::$var => self.$table.get(id).cloned().map(Record::$var)),+ }
            }
            /// Whether a record (live or tombstone) with this id exists.
            pub fn has(&self, kind: Kind, id: &str) -> bool {
                match kind { $(Kind::$var => self.$table.0.contains_key(id)),+ }
            }
            /// Whether a live (not deleted) record with this id exists.
            pub fn is_live(&self, kind: Kind, id: &str) -> bool {
                match kind { $(Kind::$var => self.$table.live(id).is_some()),+ }
            }
            /// Every record of one kind, tombstones included, in id order.
            pub fn records_of(&self, kind: Kind) -> Vec<Record> {
                match kind { $(Kind::$var => self.$table.0.values().cloned().map(Record::$var).collect()),+ }
            }
            pub fn put(&mut self, rec: Record) {
                match rec { $(Record::$var(r) => self.$table.insert(r)),+ }
            }
            /// Removes a record entirely (only used to roll back a refused command).
            pub fn remove(&mut self, kind: Kind, id: &str) {
                match kind { $(Kind::$var => { self.$table.0.remove(id); }),+ }
            }
            pub fn count_live(&self, kind: Kind) -> usize {
                match kind { $(Kind::$var => self.$table.count_live()),+ }
            }
            pub fn count_all(&self, kind: Kind) -> usize {
                match kind { $(Kind::$var => self.$table.0.len()),+ }
            }
            /// Every record, tombstones included, in a stable order.
            pub fn records(&self) -> Vec<Record> {
                let mut out = Vec::new();
                $(out.extend(self.$table.0.values().cloned().map(Record::$var));)+
                out
            }
            pub fn provenance_count(&self, p: super::meta::Provenance) -> usize {
                let mut n = 0;
                $(n += self.$table.iter_live().filter(|r| r.meta.provenance == p).count();)+
                n
            }
        }
    };
}

entities! {
    City { table: cities, data: CityData, code: "cities", zh: "市", en: "City" },
    County { table: counties, data: CountyData, code: "counties", zh: "县区", en: "County" },
    Township { table: townships, data: TownshipData, code: "townships", zh: "乡镇", en: "Township" },
    Park { table: parks, data: ParkData, code: "parks", zh: "园区", en: "Park" },
    Entrustment { table: entrustments, data: EntrustmentData, code: "entrustments", zh: "托管关系", en: "Entrustment" },
    OrgUnit { table: org_units, data: OrgUnitData, code: "org_units", zh: "机构", en: "Organisational unit" },
    PowerItem { table: power_items, data: PowerItemData, code: "power_items", zh: "权力事项", en: "Power item" },
    Delegation { table: delegations, data: DelegationData, code: "delegations", zh: "赋权事项", en: "Delegation" },
    Institution { table: institutions, data: InstitutionData, code: "institutions", zh: "制度", en: "Institution" },
    StaffingQuota { table: staffing_quotas, data: StaffingQuotaData, code: "staffing_quotas", zh: "核定编制", en: "Staffing quota" },
    LeadershipQuota { table: leadership_quotas, data: LeadershipQuotaData, code: "leadership_quotas", zh: "领导职数", en: "Leadership-post quota" },
    Person { table: persons, data: PersonData, code: "persons", zh: "人员", en: "Person" },
    Post { table: posts, data: PostData, code: "posts", zh: "职务", en: "Post" },
    Appointment { table: appointments, data: AppointmentData, code: "appointments", zh: "任职", en: "Appointment" },
    AuthorityRule { table: authority_rules, data: AuthorityRuleData, code: "authority_rules", zh: "任免权限规则", en: "Appointment authority rule" },
    SelectionCampaign { table: selection_campaigns, data: SelectionCampaignData, code: "selection_campaigns", zh: "竞争上岗", en: "Selection campaign" },
    TalentPlan { table: talent_plans, data: TalentPlanData, code: "talent_plans", zh: "人才引进计划", en: "Talent intake plan" },
    StaffingSettings { table: staffing_settings, data: StaffingSettingsData, code: "staffing_settings", zh: "人事参数", en: "Staffing parameters" },
    // Supervision (S7.1) and the service system (S4.1, S4.2), issue #6.
    InspectionTeam { table: inspection_teams, data: InspectionTeamData, code: "inspection_teams", zh: "督促检查组", en: "Inspection group" },
    InspectionCampaign { table: inspection_campaigns, data: InspectionCampaignData, code: "inspection_campaigns", zh: "督查批次", en: "Inspection campaign" },
    InspectionCheck { table: inspection_checks, data: InspectionCheckData, code: "inspection_checks", zh: "督查核查", en: "Inspection check" },
    Finding { table: findings, data: FindingData, code: "findings", zh: "督查问题", en: "Finding" },
    RectificationOrder { table: rectification_orders, data: RectificationOrderData, code: "rectification_orders", zh: "整改督办单", en: "Rectification order" },
    AccountabilityAction { table: accountability_actions, data: AccountabilityActionData, code: "accountability_actions", zh: "责任追究", en: "Accountability action" },
    DevelopmentEntity { table: development_entities, data: DevelopmentEntityData, code: "development_entities", zh: "开发建设主体", en: "Development entity" },
    ServiceOffering { table: service_offerings, data: ServiceOfferingData, code: "service_offerings", zh: "服务事项", en: "Service offering" },
    Parameters { table: parameters, data: ParametersData, code: "parameters", zh: "参数设置", en: "Parameters" },
    // Outcomes (S7.4), issue #7.
    Project { table: projects, data: ProjectData, code: "projects", zh: "项目", en: "Project" },
    // Assessment and incentives (S6.1–S6.4), issue #5.
    AssessmentScheme { table: assessment_schemes, data: AssessmentSchemeData, code: "assessment_schemes", zh: "考核方案", en: "Assessment scheme" },
    AssessmentResult { table: assessment_results, data: AssessmentResultData, code: "assessment_results", zh: "考核记录", en: "Assessment record" },
    BonusPool { table: bonus_pools, data: BonusPoolData, code: "bonus_pools", zh: "奖金池", en: "Bonus pool" },
    ResultUse { table: result_uses, data: ResultUseData, code: "result_uses", zh: "结果运用", en: "Use of results" },
}

impl Workspace {
    /// The park's active unified enforcement body (S3.3), if it has one.
    pub fn enforcement_body(&self, park_id: &str) -> Option<&Rec<OrgUnitData>> {
        self.org_units.iter_live().find(|o| {
            o.data.kind == super::org::OrgKind::UnifiedEnforcement
                && o.data.park_id.as_deref() == Some(park_id)
                && o.data.is_active()
        })
    }

    pub fn is_empty(&self) -> bool {
        Kind::ALL.iter().all(|k| self.count_all(*k) == 0)
    }

    /// An assessee as a clerk names it: the person (staff number and name) or the unit.
    pub fn assessee_label(&self, a: &super::assessment::Assessee) -> String {
        match &a.person_id {
            Some(p) => self.label_of(Kind::Person, p),
            None => self.label_of(Kind::OrgUnit, &a.org_id),
        }
    }

    /// A short human label for a record, used in messages and the audit log.
    pub fn label_of(&self, kind: Kind, id: &str) -> String {
        match self.get(kind, id) {
            Some(Record::City(r)) => r.data.name,
            Some(Record::County(r)) => r.data.name,
            Some(Record::Township(r)) => r.data.name,
            Some(Record::Park(r)) => r.data.name_zh,
            Some(Record::Entrustment(r)) => format!(
                "{} ← {}",
                self.label_of(Kind::Park, &r.data.park_id),
                self.label_of(Kind::Township, &r.data.township_id)
            ),
            Some(Record::OrgUnit(r)) => r.data.name,
            Some(Record::PowerItem(r)) => format!("{} {}", r.data.item_code, r.data.name),
            Some(Record::Delegation(r)) => format!(
                "{} → {}",
                self.label_of(Kind::PowerItem, &r.data.power_item_id),
                self.label_of(Kind::Park, &r.data.park_id)
            ),
            Some(Record::StaffingQuota(r)) => format!(
                "{} {}",
                self.label_of(Kind::OrgUnit, &r.data.org_id),
                r.data.quota_type.zh()
            ),
            Some(Record::LeadershipQuota(r)) => format!(
                "{} {}{}",
                self.label_of(Kind::OrgUnit, &r.data.org_id),
                r.data.rank.zh(),
                if r.data.principal { "正职" } else { "副职" }
            ),
            Some(Record::Person(r)) => format!("{} {}", r.data.staff_no, r.data.display_name),
            Some(Record::Post(r)) => {
                let org = self.label_of(Kind::OrgUnit, &r.data.org_id);
                if r.data.title.starts_with(&org) {
                    r.data.title
                } else {
                    format!("{org} {}", r.data.title)
                }
            }
            Some(Record::Appointment(r)) => format!(
                "{} → {}",
                self.label_of(Kind::Person, &r.data.person_id),
                self.label_of(Kind::Post, &r.data.post_id)
            ),
            Some(Record::AuthorityRule(r)) => r.data.title,
            Some(Record::SelectionCampaign(r)) => r.data.title,
            Some(Record::TalentPlan(r)) => format!(
                "{} {} {}",
                r.data.year,
                self.label_of(Kind::OrgUnit, &r.data.target_org_id),
                r.data.channel.zh()
            ),
            Some(Record::StaffingSettings(_)) => "人事参数".to_string(),
            Some(Record::Institution(r)) => r.data.title,
            Some(Record::InspectionTeam(r)) => r.data.name,
            Some(Record::InspectionCampaign(r)) => r.data.title,
            Some(Record::InspectionCheck(r)) => {
                let target = match &r.data.target {
                    super::inspection::CheckTarget::Delegation { delegation_id } => {
                        self.label_of(Kind::Delegation, delegation_id)
                    }
                    super::inspection::CheckTarget::Department { org_id } => {
                        self.label_of(Kind::OrgUnit, org_id)
                    }
                    super::inspection::CheckTarget::Park { park_id } => {
                        self.label_of(Kind::Park, park_id)
                    }
                };
                format!(
                    "{}：{}",
                    self.label_of(Kind::InspectionCampaign, &r.data.campaign_id),
                    target
                )
            }
            Some(Record::Finding(r)) => {
                let desc: String = r.data.description.chars().take(40).collect();
                format!("{}｜{desc}", r.data.category.zh())
            }
            Some(Record::RectificationOrder(r)) => r.data.notice_no,
            Some(Record::AccountabilityAction(r)) => {
                let who = match &r.data.target {
                    super::accountability::AccountTarget::Org { org_id } => {
                        self.label_of(Kind::OrgUnit, org_id)
                    }
                    super::accountability::AccountTarget::Person { name, .. } => name.clone(),
                };
                format!("{}：{}", r.data.form.zh(), who)
            }
            Some(Record::DevelopmentEntity(r)) => r.data.name,
            Some(Record::ServiceOffering(r)) => r.data.name,
            Some(Record::Parameters(_)) => "参数设置".to_string(),
            Some(Record::Project(r)) => r.data.name,
            Some(Record::AssessmentScheme(r)) => r.data.title,
            Some(Record::AssessmentResult(r)) => format!(
                "{}：{}",
                self.label_of(Kind::AssessmentScheme, &r.data.scheme_id),
                self.assessee_label(&r.data.assessee)
            ),
            Some(Record::BonusPool(r)) => format!(
                "{} {}",
                self.label_of(Kind::Park, &r.data.park_id),
                r.data.title
            ),
            Some(Record::ResultUse(r)) => format!(
                "{}：{}",
                r.data.kind.zh(),
                self.label_of(Kind::Person, &r.data.person_id)
            ),
            None => id.to_string(),
        }
    }
}
