//! 实名制人员 | The real-name roster (机构编制实名制, P14/P15): each person with a staff number
//! and a display name only — never a national ID or phone number (BR-F2) — identity, entry
//! channel, talent flags, and where they hold their quota seat and work over time (S5.0, S5.4).
//!
//! **Seat and status over time.** A person carries a list of dated placements; each one says,
//! from its date until the next one, which quota seat the person occupies (if any), where they
//! work and their status. The person's state on any date is the placement with the latest
//! `from` on or before it. Why: the roster stays one row per person, as clerks know it; a
//! transfer, secondment or retirement is a new dated entry, so nothing is overwritten and every
//! past ledger can be recomputed exactly; and at any date there is exactly one placement, so a
//! person can never occupy two seats at once (BR-C2) — two entries on the same date are refused.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::Id;
use super::staffing::QuotaSeat;
use crate::coded_enum;

coded_enum! {
    /// 人员身份 | Personnel identity.
    pub enum PersonIdentity {
        CivilServant => ("CIVIL_SERVANT", "公务员", "Civil servant"),
        ReferenceManaged => ("REFERENCE_MANAGED", "参照公务员法管理", "Managed like a civil servant"),
        InstitutionMgmt => ("INST_MGMT", "事业单位管理人员", "Public-institution manager"),
        InstitutionPro => ("INST_PRO", "事业单位专业技术人员", "Public-institution professional"),
        InstitutionWorker => ("INST_WORKER", "事业单位工勤人员", "Public-institution worker"),
        OrganWorker => ("ORGAN_WORKER", "机关工勤人员", "Organ logistics worker"),
        ContractNonQuota => ("CONTRACT", "编外聘用", "Contract staff without quota"),
        Unverified => ("UNVERIFIED", "待核实", "To be verified"),
    }
}

coded_enum! {
    /// 进入方式 | How the person came (S5.4).
    pub enum EntryChannel {
        Existing => ("EXISTING", "原有人员", "Existing staff"),
        SelectiveTransfer => ("SELECTIVE_TRANSFER", "选调", "Selective transfer"),
        OpenRecruitment => ("OPEN_RECRUITMENT", "公开招聘", "Open recruitment"),
        ScarceTalent => ("SCARCE_TALENT", "紧缺专技人才引进", "Scarce professional talent"),
        HighSkill => ("HIGH_SKILL", "高技能人才引进", "Highly skilled talent"),
        Transfer => ("TRANSFER", "调任转任", "Transfer"),
        Veteran => ("VETERAN", "军转安置", "Military transfer"),
    }
}

coded_enum! {
    /// 人才标识 | Talent flags (S5.4).
    pub enum TalentFlag {
        ScarceProfessional => ("SCARCE_PROFESSIONAL", "紧缺专业技术人才", "Scarce professional"),
        HighlySkilled => ("HIGHLY_SKILLED", "高技能人才", "Highly skilled"),
        YoungCadre => ("YOUNG_CADRE", "优秀年轻干部", "Promising young cadre"),
    }
}

coded_enum! {
    /// 状态 | Status of a person in a placement.
    pub enum PersonStatus {
        Active => ("ACTIVE", "在职", "Active"),
        SecondedOut => ("SECONDED_OUT", "借调外出", "Seconded out"),
        SecondedIn => ("SECONDED_IN", "借调进入", "Seconded in"),
        OnLeave => ("ON_LEAVE", "离岗", "On leave"),
        TransferredOut => ("TRANSFERRED_OUT", "调出", "Transferred out"),
        Retired => ("RETIRED", "退休", "Retired"),
    }
}

impl PersonStatus {
    /// Statuses that keep the quota seat occupied (§6.3: 在职, 借调外出, 离岗).
    pub fn keeps_seat(self) -> bool {
        matches!(
            self,
            PersonStatus::Active | PersonStatus::SecondedOut | PersonStatus::OnLeave
        )
    }
    /// Statuses counted where the person works (使用口径).
    pub fn is_working(self) -> bool {
        matches!(
            self,
            PersonStatus::Active | PersonStatus::SecondedOut | PersonStatus::SecondedIn
        )
    }
    /// Still on the roster (not transferred out or retired).
    pub fn on_roster(self) -> bool {
        !matches!(self, PersonStatus::TransferredOut | PersonStatus::Retired)
    }
}

coded_enum! {
    pub enum Gender {
        Male => ("M", "男", "Male"),
        Female => ("F", "女", "Female"),
    }
}

coded_enum! {
    /// 学历 | Education.
    pub enum Education {
        Doctorate => ("DOCTORATE", "博士研究生", "Doctorate"),
        Master => ("MASTER", "硕士研究生", "Master's"),
        Bachelor => ("BACHELOR", "大学本科", "Bachelor's"),
        College => ("COLLEGE", "大学专科", "College diploma"),
        Secondary => ("SECONDARY", "中专及高中", "Secondary"),
        Other => ("OTHER", "其他", "Other"),
    }
}

/// 任职编制情况 | From `from` until the next placement: seat, work unit and status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub from: NaiveDate,
    /// 占编 | The quota seat occupied, if any (编外 people have none).
    #[serde(default)]
    pub seat: Option<QuotaSeat>,
    /// 工作单位 | Where the person actually works; may differ from the seat (编制共享, S5.0).
    #[serde(default)]
    pub work_org_id: Option<Id>,
    pub status: PersonStatus,
    /// 变动说明 | E.g. the transfer document.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonData {
    /// 人员编号 | Internal staff number (not a national ID), unique.
    pub staff_no: String,
    /// 姓名（可化名） | Name or pseudonym.
    pub display_name: String,
    #[serde(default)]
    pub gender: Option<Gender>,
    /// 出生年份 | Birth year only, never a full date of birth (BR-F2).
    #[serde(default)]
    pub birth_year: Option<u16>,
    #[serde(default)]
    pub education: Option<Education>,
    #[serde(default)]
    pub major: Option<String>,
    pub identity: PersonIdentity,
    pub entry_channel: EntryChannel,
    #[serde(default)]
    pub talent_flags: Vec<TalentFlag>,
    /// Dated placements (see the module comment); at least one.
    #[serde(default)]
    pub placements: Vec<Placement>,
    /// 虚构人员 | Synthetic demo person.
    #[serde(default)]
    pub synthetic: bool,
}

impl PersonData {
    /// The placement in force on `d`: the latest one starting on or before it.
    pub fn placement_on(&self, d: NaiveDate) -> Option<&Placement> {
        self.placements
            .iter()
            .filter(|p| p.from <= d)
            .max_by_key(|p| p.from)
    }

    /// The latest placement.
    pub fn latest(&self) -> Option<&Placement> {
        self.placements.iter().max_by_key(|p| p.from)
    }

    /// The placements in date order.
    pub fn history(&self) -> Vec<&Placement> {
        let mut v: Vec<&Placement> = self.placements.iter().collect();
        v.sort_by_key(|p| p.from);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staffing::QuotaType;

    #[test]
    fn the_placement_in_force_is_the_latest_started() {
        let seat = |org: &str| {
            Some(QuotaSeat {
                org_id: org.into(),
                quota_type: QuotaType::Administrative,
            })
        };
        let p = PersonData {
            staff_no: "PER-1".into(),
            display_name: "干部甲".into(),
            gender: None,
            birth_year: Some(1985),
            education: None,
            major: None,
            identity: PersonIdentity::CivilServant,
            entry_channel: EntryChannel::Existing,
            talent_flags: vec![],
            // Deliberately out of order: the date decides, not the position.
            placements: vec![
                Placement {
                    from: "2013-07-01".parse().unwrap(),
                    seat: seat("B"),
                    work_org_id: Some("B".into()),
                    status: PersonStatus::Active,
                    note: None,
                },
                Placement {
                    from: "2012-10-01".parse().unwrap(),
                    seat: seat("A"),
                    work_org_id: Some("A".into()),
                    status: PersonStatus::Active,
                    note: None,
                },
            ],
            synthetic: true,
        };
        assert!(p.placement_on("2012-09-30".parse().unwrap()).is_none());
        let on = |s: &str| {
            p.placement_on(s.parse().unwrap())
                .and_then(|x| x.seat.clone())
                .map(|s| s.org_id)
        };
        assert_eq!(on("2013-06-30").as_deref(), Some("A"));
        assert_eq!(on("2013-07-01").as_deref(), Some("B"));
        assert_eq!(p.history()[0].from, "2012-10-01".parse().unwrap());
    }
}
