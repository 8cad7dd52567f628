//! Per-kind tables the merge, partial exports and field ownership read (shared/domain.md §3, §9).
//! Each function is one `match` over [`Kind`] with one line per kind, so adding a kind is a
//! one-line change in each (the compiler points at every table that misses it):
//!
//! - [`natural_key`]: fields that identify the same thing created twice by two offices;
//! - [`references`]: fields that hold ids of other records (reference integrity, partial exports);
//! - [`ownership`]: field groups and the roles that own them (BR-F4); fields not in a named group
//!   form the kind's `main` group;
//! - [`union_fields`]: append-only lists merged as a union (status histories).

use serde_json::Value;

use super::meta::Role;
use super::workspace::Kind;

/// A reference from a field to records of another kind. `path` is a dotted path into the record's
/// fields; a trailing `[]` on a segment means "each id in this list". A null or absent value is
/// no reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ref {
    pub path: &'static str,
    pub to: Kind,
}

/// A field group: fields that change together and have one owner (role) each (§9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub owners: &'static [Role],
    pub fields: &'static [&'static str],
}

/// Who owns what of a kind: the `main` group (every field not in a named group) and named groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ownership {
    pub main: &'static [Role],
    pub groups: &'static [Group],
}

/// Code of the group of all fields not in a named group.
pub const MAIN: &str = "main";
/// Pseudo group of the tombstone flag (its stamp tells a deliberate undelete from an old copy).
pub const DELETED: &str = "deleted";

const BIANBAN: &[Role] = &[Role::Bianban];
const PARK: &[Role] = &[Role::Park];
const INSPECTION: &[Role] = &[Role::InspectionGroup];

const fn own(main: &'static [Role], groups: &'static [Group]) -> Ownership {
    Ownership { main, groups }
}

/// Delegation: three status dimensions and the two sides of the handover have different owners
/// (§2.3, §9), so the park's and the inspection group's edits to one delegation both survive.
const DELEGATION_GROUPS: &[Group] = &[
    Group {
        code: "lifecycle",
        zh: "办理状态",
        en: "Lifecycle",
        owners: BIANBAN,
        fields: &["lifecycle", "approved_on"],
    },
    Group {
        code: "handover_source",
        zh: "交接（部门侧）",
        en: "Handover (source side)",
        owners: &[Role::Department],
        fields: &["handover_by_source_on", "parallel"],
    },
    Group {
        code: "reception",
        zh: "承接状态",
        en: "Reception",
        owners: PARK,
        fields: &["reception"],
    },
    Group {
        code: "handover_park",
        zh: "交接（园区侧）",
        en: "Handover (park side)",
        owners: PARK,
        fields: &["handover_by_park_on"],
    },
    Group {
        code: "observed",
        zh: "环节与附加条件",
        en: "Links and preconditions observed",
        owners: PARK,
        fields: &["delegated_links", "retained_links", "added_preconditions"],
    },
    Group {
        code: "cases",
        zh: "办件量",
        en: "Case volumes",
        owners: &[Role::Park, Role::Department],
        fields: &["cases"],
    },
];

/// Natural key fields (§3, §9); empty = none (only ids match).
pub fn natural_key(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::City => &["name"],
        Kind::County => &["name"],
        Kind::Township => &["name", "county_id"],
        Kind::Park => &["name_zh"],
        Kind::Entrustment => &["park_id", "township_id", "period.from"],
        Kind::OrgUnit => &["name", "kind", "park_id", "township_id", "county_id"],
        Kind::PowerItem => &["item_code"],
        Kind::Delegation => &["power_item_id", "park_id", "territory", "effective_from"],
        Kind::Institution => &["park_id", "title"],
        Kind::StaffingQuota => &["org_id", "quota_type", "period.from"],
        Kind::LeadershipQuota => &["org_id", "rank", "principal", "period.from"],
        Kind::Person => &["staff_no"],
        Kind::Post => &["org_id", "title"],
        Kind::Appointment => &["person_id", "post_id", "period.from"],
        Kind::AuthorityRule => &["title"],
        Kind::SelectionCampaign => &["park_id", "title"],
        Kind::TalentPlan => &[],
        Kind::StaffingSettings => &[],
        Kind::InspectionTeam => &["name"],
        Kind::InspectionCampaign => &["title", "period.from"],
        Kind::InspectionCheck => &["campaign_id", "target", "aspect"],
        Kind::Finding | Kind::AccountabilityAction | Kind::Parameters => &[],
        Kind::RectificationOrder => &["notice_no"],
        Kind::DevelopmentEntity | Kind::ServiceOffering => &["park_id", "name"],
        Kind::Project => &["park_id", "name"],
        Kind::AssessmentScheme => &["year", "title"],
        Kind::AssessmentResult => &["scheme_id", "assessee"],
        Kind::BonusPool => &["park_id", "year", "title"],
        Kind::ResultUse => &["scheme_id", "person_id", "kind"],
    }
}

/// Reference fields of each kind (keep in step with `command::referrers`).
pub fn references(kind: Kind) -> &'static [Ref] {
    match kind {
        Kind::City => &[],
        Kind::County => &[],
        Kind::Township => &[
            Ref {
                path: "county_id",
                to: Kind::County,
            },
            Ref {
                path: "in_planning_area_of",
                to: Kind::Park,
            },
        ],
        Kind::Park => &[Ref {
            path: "host_county_ids[]",
            to: Kind::County,
        }],
        Kind::Entrustment => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "township_id",
                to: Kind::Township,
            },
            Ref {
                path: "entrusting_county_id",
                to: Kind::County,
            },
        ],
        Kind::OrgUnit => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "township_id",
                to: Kind::Township,
            },
            Ref {
                path: "county_id",
                to: Kind::County,
            },
            Ref {
                path: "parent_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "counterpart_dept_ids[]",
                to: Kind::OrgUnit,
            },
        ],
        Kind::PowerItem => &[Ref {
            path: "source_dept_id",
            to: Kind::OrgUnit,
        }],
        Kind::Delegation => &[
            Ref {
                path: "power_item_id",
                to: Kind::PowerItem,
            },
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "grantor.county_id",
                to: Kind::County,
            },
            Ref {
                path: "territory.township_ids[]",
                to: Kind::Township,
            },
            Ref {
                path: "recipient_org_id",
                to: Kind::OrgUnit,
            },
        ],
        Kind::Institution => &[Ref {
            path: "park_id",
            to: Kind::Park,
        }],
        Kind::StaffingQuota | Kind::LeadershipQuota | Kind::Post => &[Ref {
            path: "org_id",
            to: Kind::OrgUnit,
        }],
        Kind::Person => &[
            Ref {
                path: "placements[].seat.org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "placements[].work_org_id",
                to: Kind::OrgUnit,
            },
        ],
        Kind::Appointment => &[
            Ref {
                path: "person_id",
                to: Kind::Person,
            },
            Ref {
                path: "post_id",
                to: Kind::Post,
            },
            Ref {
                path: "authority_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "selection_id",
                to: Kind::SelectionCampaign,
            },
        ],
        Kind::AuthorityRule | Kind::StaffingSettings => &[],
        Kind::SelectionCampaign => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "post_ids[]",
                to: Kind::Post,
            },
            Ref {
                path: "candidates[].person_id",
                to: Kind::Person,
            },
            Ref {
                path: "candidates[].target_post_id",
                to: Kind::Post,
            },
        ],
        Kind::TalentPlan => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "target_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "policy_institution_id",
                to: Kind::Institution,
            },
            Ref {
                path: "filled_person_ids[]",
                to: Kind::Person,
            },
        ],
        Kind::InspectionTeam => &[Ref {
            path: "lead_org_id",
            to: Kind::OrgUnit,
        }],
        Kind::InspectionCampaign => &[
            Ref {
                path: "team_id",
                to: Kind::InspectionTeam,
            },
            Ref {
                path: "scope_parks[]",
                to: Kind::Park,
            },
            Ref {
                path: "scope_depts[]",
                to: Kind::OrgUnit,
            },
        ],
        Kind::InspectionCheck => &[
            Ref {
                path: "campaign_id",
                to: Kind::InspectionCampaign,
            },
            Ref {
                path: "target.delegation_id",
                to: Kind::Delegation,
            },
            Ref {
                path: "target.org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "target.park_id",
                to: Kind::Park,
            },
            Ref {
                path: "responsible_org_id",
                to: Kind::OrgUnit,
            },
        ],
        Kind::Finding => &[
            Ref {
                path: "check_ids[]",
                to: Kind::InspectionCheck,
            },
            Ref {
                path: "lead_responsible_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "co_responsible_org_ids[]",
                to: Kind::OrgUnit,
            },
        ],
        Kind::RectificationOrder => &[
            Ref {
                path: "finding_ids[]",
                to: Kind::Finding,
            },
            Ref {
                path: "lead_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "assist_org_ids[]",
                to: Kind::OrgUnit,
            },
        ],
        Kind::AccountabilityAction => &[
            Ref {
                path: "finding_ids[]",
                to: Kind::Finding,
            },
            Ref {
                path: "target.org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "decided_by_org_id",
                to: Kind::OrgUnit,
            },
        ],
        Kind::DevelopmentEntity => &[Ref {
            path: "park_id",
            to: Kind::Park,
        }],
        Kind::ServiceOffering => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "linked_delegation_ids[]",
                to: Kind::Delegation,
            },
        ],
        Kind::Parameters => &[],
        Kind::Project => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "township_id",
                to: Kind::Township,
            },
            Ref {
                path: "builder_id",
                to: Kind::DevelopmentEntity,
            },
        ],
        Kind::AssessmentScheme => &[
            Ref {
                path: "assessor_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "assessees[].org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "assessees[].person_id",
                to: Kind::Person,
            },
            Ref {
                path: "indicators[].data_source_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "quota.approval.approved_by_org_id",
                to: Kind::OrgUnit,
            },
        ],
        Kind::AssessmentResult => &[
            Ref {
                path: "scheme_id",
                to: Kind::AssessmentScheme,
            },
            Ref {
                path: "assessee.org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "assessee.person_id",
                to: Kind::Person,
            },
        ],
        Kind::BonusPool => &[
            Ref {
                path: "park_id",
                to: Kind::Park,
            },
            Ref {
                path: "unit_scheme_ids[]",
                to: Kind::AssessmentScheme,
            },
            Ref {
                path: "person_scheme_ids[]",
                to: Kind::AssessmentScheme,
            },
            Ref {
                path: "special_awards[].person_id",
                to: Kind::Person,
            },
            Ref {
                path: "special_awards[].org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "special_awards[].approved_by_org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "unit_distributions[].org_id",
                to: Kind::OrgUnit,
            },
            Ref {
                path: "unit_distributions[].amounts[].person_id",
                to: Kind::Person,
            },
        ],
        Kind::ResultUse => &[
            Ref {
                path: "scheme_id",
                to: Kind::AssessmentScheme,
            },
            Ref {
                path: "person_id",
                to: Kind::Person,
            },
        ],
    }
}

/// Field groups and owner roles (§9).
pub fn ownership(kind: Kind) -> Ownership {
    match kind {
        Kind::City => own(BIANBAN, &[]),
        Kind::County => own(BIANBAN, &[]),
        Kind::Township => own(BIANBAN, &[]),
        Kind::Park => own(BIANBAN, &[]),
        Kind::Entrustment => own(BIANBAN, &[]),
        Kind::OrgUnit => own(BIANBAN, &[]),
        Kind::PowerItem => own(BIANBAN, &[]),
        Kind::Delegation => own(BIANBAN, DELEGATION_GROUPS),
        Kind::Institution => own(PARK, &[]),
        // §9: the frame (quotas, leadership quotas, authority rules) is the 编办's; persons,
        // appointments, selection and talent within a park are the park's.
        Kind::StaffingQuota
        | Kind::LeadershipQuota
        | Kind::AuthorityRule
        | Kind::StaffingSettings => own(BIANBAN, &[]),
        Kind::Person
        | Kind::Post
        | Kind::Appointment
        | Kind::SelectionCampaign
        | Kind::TalentPlan => own(PARK, &[]),
        // §9: campaigns, checks, findings and accountability are the inspection group's; an
        // order is issued and reviewed by the group but acknowledged, answered and extended by
        // its lead unit (a park or a department), so all three may move it; its history is a union.
        Kind::InspectionTeam
        | Kind::InspectionCampaign
        | Kind::InspectionCheck
        | Kind::Finding
        | Kind::AccountabilityAction => own(INSPECTION, &[]),
        Kind::RectificationOrder => {
            own(&[Role::InspectionGroup, Role::Park, Role::Department], &[])
        }
        Kind::DevelopmentEntity | Kind::ServiceOffering => own(PARK, &[]),
        Kind::Parameters => own(BIANBAN, &[]),
        // §9: projects and outcome data are the park's.
        Kind::Project => own(PARK, &[]),
        // §9: assessment and bonus within a park are the park's; the city's county-level scheme
        // is the 编办's (assessment office), so both roles may edit schemes and their records.
        Kind::AssessmentScheme | Kind::AssessmentResult => own(&[Role::Bianban, Role::Park], &[]),
        Kind::BonusPool | Kind::ResultUse => own(PARK, &[]),
    }
}

/// Reference paths that name a record without belonging to it (a campaign's scope, a body's
/// counterpart departments): a partial export around a park does not follow them back, so it
/// does not take in a whole campaign of every park, only what refers to the park through paths
/// of belonging (the park's own delegations' checks bring their campaign as a reference).
pub fn non_owning_refs(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::InspectionCampaign => &["scope_parks[]", "scope_depts[]"],
        Kind::OrgUnit => &["counterpart_dept_ids[]"],
        // A scheme names its assessor, assessees and data sources, a pool the schemes it reads:
        // an export of one park takes its own schemes and pools, not every park in the city's
        // scheme (the park's own records bring that scheme along as a reference).
        Kind::AssessmentScheme => &[
            "assessor_org_id",
            "assessees[].org_id",
            "assessees[].person_id",
            "indicators[].data_source_org_id",
            "quota.approval.approved_by_org_id",
        ],
        Kind::BonusPool => &[
            "unit_scheme_ids[]",
            "person_scheme_ids[]",
            "special_awards[].approved_by_org_id",
        ],
        _ => &[],
    }
}

/// Append-only lists merged as a union of both sides' entries.
pub fn union_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Delegation
        | Kind::SelectionCampaign
        | Kind::InspectionCampaign
        | Kind::Finding
        | Kind::RectificationOrder
        | Kind::AccountabilityAction
        | Kind::AssessmentScheme => &["history"],
        _ => &[],
    }
}

/// Areas a partial export can be limited to (a new area: a variant here and its kinds in
/// [`area_kinds`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Area {
    #[serde(rename = "TERRITORY")]
    Territory,
    #[serde(rename = "POWERS")]
    Powers,
    #[serde(rename = "INSTITUTIONS")]
    Institutions,
    #[serde(rename = "STAFFING")]
    Staffing,
    #[serde(rename = "SUPERVISION")]
    Supervision,
    #[serde(rename = "SERVICES")]
    Services,
    #[serde(rename = "OUTCOMES")]
    Outcomes,
    #[serde(rename = "ASSESSMENT")]
    Assessment,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Area::Territory,
        Area::Powers,
        Area::Institutions,
        Area::Staffing,
        Area::Supervision,
        Area::Services,
        Area::Outcomes,
        Area::Assessment,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Area::Territory => "TERRITORY",
            Area::Powers => "POWERS",
            Area::Institutions => "INSTITUTIONS",
            Area::Staffing => "STAFFING",
            Area::Supervision => "SUPERVISION",
            Area::Services => "SERVICES",
            Area::Outcomes => "OUTCOMES",
            Area::Assessment => "ASSESSMENT",
        }
    }
    pub fn from_code(code: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.code() == code)
    }
    pub fn zh(self) -> &'static str {
        match self {
            Area::Territory => "园区与托管乡镇",
            Area::Powers => "权力下放",
            Area::Institutions => "制度",
            Area::Staffing => "机构编制与人员",
            Area::Supervision => "督查",
            Area::Services => "服务体系",
            Area::Outcomes => "项目与成效",
            Area::Assessment => "考核",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Area::Territory => "Parks & townships",
            Area::Powers => "Delegation of powers",
            Area::Institutions => "Institutions",
            Area::Staffing => "Organisation & people",
            Area::Supervision => "Supervision",
            Area::Services => "Service system",
            Area::Outcomes => "Projects & outcomes",
            Area::Assessment => "Assessment",
        }
    }
}

/// The kinds of an area (what they refer to is added by the export).
pub fn area_kinds(area: Area) -> &'static [Kind] {
    match area {
        Area::Territory => &[
            Kind::City,
            Kind::County,
            Kind::Township,
            Kind::Park,
            Kind::Entrustment,
            Kind::OrgUnit,
        ],
        Area::Powers => &[Kind::PowerItem, Kind::Delegation],
        Area::Institutions => &[Kind::Institution],
        Area::Staffing => &[
            Kind::StaffingQuota,
            Kind::LeadershipQuota,
            Kind::Person,
            Kind::Post,
            Kind::Appointment,
            Kind::AuthorityRule,
            Kind::SelectionCampaign,
            Kind::TalentPlan,
            Kind::StaffingSettings,
        ],
        Area::Supervision => &[
            Kind::InspectionTeam,
            Kind::InspectionCampaign,
            Kind::InspectionCheck,
            Kind::Finding,
            Kind::RectificationOrder,
            Kind::AccountabilityAction,
            Kind::Parameters,
        ],
        Area::Services => &[Kind::DevelopmentEntity, Kind::ServiceOffering],
        Area::Outcomes => &[Kind::Project],
        Area::Assessment => &[
            Kind::AssessmentScheme,
            Kind::AssessmentResult,
            Kind::BonusPool,
            Kind::ResultUse,
        ],
    }
}

/// Ids a reference path points at in a record's fields.
pub fn ref_ids<'a>(fields: &'a Value, path: &str) -> Vec<&'a str> {
    let mut current: Vec<&Value> = vec![fields];
    for seg in path.split('.') {
        let (name, many) = match seg.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (seg, false),
        };
        let mut next = Vec::new();
        for v in current {
            match v.get(name) {
                Some(Value::Array(items)) if many => next.extend(items.iter()),
                Some(x) if !many => next.push(x),
                _ => {}
            }
        }
        current = next;
    }
    current.into_iter().filter_map(Value::as_str).collect()
}

/// The fields of one group taken from a record's fields (`main` = every field not named in a
/// group nor a union field).
pub fn group_value(kind: Kind, group: &str, fields: &Value) -> Value {
    let own = ownership(kind);
    let obj = fields.as_object();
    let mut out = serde_json::Map::new();
    let Some(obj) = obj else {
        return Value::Object(out);
    };
    if group == MAIN {
        for (k, v) in obj {
            let named = own.groups.iter().any(|g| g.fields.contains(&k.as_str()));
            if !named && !union_fields(kind).contains(&k.as_str()) {
                out.insert(k.clone(), v.clone());
            }
        }
    } else if let Some(g) = own.groups.iter().find(|g| g.code == group) {
        for f in g.fields {
            if let Some(v) = obj.get(*f) {
                out.insert((*f).to_string(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// Group codes of a kind, `main` first.
pub fn group_codes(kind: Kind) -> Vec<&'static str> {
    let mut out = vec![MAIN];
    out.extend(ownership(kind).groups.iter().map(|g| g.code));
    out
}

/// Owners and labels of a group code of a kind.
pub fn group_info(kind: Kind, code: &str) -> (&'static [Role], &'static str, &'static str) {
    let own = ownership(kind);
    match own.groups.iter().find(|g| g.code == code) {
        Some(g) => (g.owners, g.zh, g.en),
        None if code == DELETED => (own.main, "删除标记", "Deletion"),
        None if code == "history" => (
            &[
                Role::Bianban,
                Role::Park,
                Role::InspectionGroup,
                Role::Department,
            ],
            "状态变更记录",
            "Status history",
        ),
        None => (own.main, "基本信息", "Main fields"),
    }
}
