//! 职务与任职 | Posts of units and appointments of persons to them, with periods (S3.2, S5.2,
//! S5.3). 职务一身兼 — one person holding a park post and a township post — is not a record of
//! its own: it is read from the appointments (kind 兼任 plus the person's post on the other
//! side), so 区镇合一 coverage and 职数节约 follow the appointments and cannot drift from them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meta::{DocRef, Id, Period};
use super::org::{OrgKind, ParkSystems};
use super::staffing::PostRank;
use super::workspace::{Rec, Workspace};
use crate::coded_enum;

/// 职务 | A post of a unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostData {
    pub org_id: Id,
    /// 职务名称 | e.g. 招商合作局局长.
    pub title: String,
    pub rank: PostRank,
    /// 领导职务 | Leadership post (counts against 职数).
    pub is_leadership: bool,
    /// 正职 | Principal (else deputy).
    pub is_principal: bool,
    /// 关键岗位 | Key post (S6.3).
    #[serde(default)]
    pub is_key_post: bool,
}

coded_enum! {
    /// 任职方式 | How the post is held.
    pub enum AppointmentKind {
        Appointed => ("APPOINTED", "任命", "Appointed"),
        Hired => ("HIRED", "聘任", "Hired"),
        Concurrent => ("CONCURRENT", "兼任", "Concurrent"),
        Temporary => ("TEMPORARY", "挂职", "Temporary assignment"),
        Acting => ("ACTING", "主持工作", "Acting"),
    }
}

coded_enum! {
    pub enum AppointmentStatus {
        Proposed => ("PROPOSED", "拟任（公示中）", "Proposed (publicity)"),
        Serving => ("SERVING", "在任", "Serving"),
        Probation => ("PROBATION", "试用期", "On probation"),
        Removed => ("REMOVED", "免职", "Removed"),
        Ended => ("ENDED", "届满", "Term ended"),
    }
}

/// 任职 | A person appointed to a post for a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppointmentData {
    pub person_id: Id,
    pub post_id: Id,
    pub kind: AppointmentKind,
    /// 任免机关 | The appointing organ (an org unit), checked against the rules (BR-C8).
    #[serde(default)]
    pub authority_org_id: Option<Id>,
    /// 已征求意见 | Organs consulted (BR-C8).
    #[serde(default)]
    pub consulted: Vec<OrgKind>,
    /// 已报备 | Organs it was filed with (BR-C8).
    #[serde(default)]
    pub filed_with: Vec<OrgKind>,
    /// 任免文件 | Appointment document.
    #[serde(default)]
    pub basis: Option<DocRef>,
    /// 竞争上岗批次 | The selection campaign that produced it (S5.3).
    #[serde(default)]
    pub selection_id: Option<Id>,
    /// 未经竞争上岗的理由 | Why a section-level post was filled without a campaign (BR-C9).
    #[serde(default)]
    pub exception_reason: Option<String>,
    pub period: Period,
    /// 试用期至 | Probation end.
    #[serde(default)]
    pub probation_until: Option<NaiveDate>,
    /// 是否占职数 | Counts against the leadership quota (BR-C6).
    pub counts_against_quota: bool,
    pub status: AppointmentStatus,
}

impl AppointmentData {
    /// Holding the post on `d` (a proposal in publicity does not yet hold it).
    pub fn in_office_on(&self, d: NaiveDate) -> bool {
        self.status != AppointmentStatus::Proposed && self.period.contains(d)
    }
}

/// Which side of 区镇合一 a unit is on, on a date.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// A body of the park (its committees, internal bodies, institutions).
    Park(Id),
    /// A body of a township (党委, 政府, 站所).
    Township(Id),
    Other,
}

pub fn side_of(ws: &Workspace, org_id: &str) -> Side {
    match ws.org_units.live(org_id) {
        Some(o) if o.data.kind.is_township_body() => match &o.data.township_id {
            Some(t) => Side::Township(t.clone()),
            None => Side::Other,
        },
        Some(o) => match &o.data.park_id {
            Some(p) => Side::Park(p.clone()),
            None => Side::Other,
        },
        None => Side::Other,
    }
}

/// A leadership post held on a date, with what the rules need to know about it.
#[derive(Clone, Debug)]
pub struct Held<'a> {
    pub appointment: &'a Rec<AppointmentData>,
    pub post: &'a Rec<PostData>,
    pub side: Side,
}

/// Appointments in office on `d` whose post is live, grouped by person. Built once.
pub fn held_by_person<'a>(ws: &'a Workspace, d: NaiveDate) -> BTreeMap<&'a str, Vec<Held<'a>>> {
    let mut side_cache: HashMap<&str, Side> = HashMap::new();
    let mut out: BTreeMap<&str, Vec<Held>> = BTreeMap::new();
    for a in ws.appointments.iter_live() {
        if !a.data.in_office_on(d) {
            continue;
        }
        let Some(post) = ws.posts.live(&a.data.post_id) else {
            continue;
        };
        let side = side_cache
            .entry(post.data.org_id.as_str())
            .or_insert_with(|| side_of(ws, &post.data.org_id))
            .clone();
        out.entry(a.data.person_id.as_str())
            .or_default()
            .push(Held {
                appointment: a,
                post,
                side,
            });
    }
    out
}

/// 职务一身兼 on a date: a person holding, at leadership level, a post of an entrusted
/// township's body and a post of the body of the park that leads the township on that date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossPost {
    pub person_id: Id,
    pub park_id: Id,
    pub township_id: Id,
    pub park_posts: Vec<Id>,
    pub township_posts: Vec<Id>,
}

pub fn cross_posts(ws: &Workspace, d: NaiveDate) -> Vec<CrossPost> {
    let systems = ParkSystems::on(ws, d);
    let mut out = Vec::new();
    for (person, held) in held_by_person(ws, d) {
        let leading: Vec<&Held> = held.iter().filter(|h| h.post.data.is_leadership).collect();
        let mut towns: BTreeMap<&str, Vec<Id>> = BTreeMap::new();
        let mut parks: BTreeMap<&str, Vec<Id>> = BTreeMap::new();
        for h in &leading {
            match &h.side {
                Side::Township(t) => towns.entry(t).or_default().push(h.post.meta.id.clone()),
                Side::Park(p) => parks.entry(p).or_default().push(h.post.meta.id.clone()),
                Side::Other => {}
            }
        }
        for (town, township_posts) in towns {
            if let Some(park) = systems.park_of_township(town)
                && let Some(park_posts) = parks.get(park.as_str())
            {
                out.push(CrossPost {
                    person_id: person.to_string(),
                    park_id: park.clone(),
                    township_id: town.to_string(),
                    park_posts: park_posts.clone(),
                    township_posts,
                });
            }
        }
    }
    out
}

/// Townships with at least one leadership cross-post on `d` (BR-A8, 区镇合一覆盖率).
pub fn cross_posted_townships(ws: &Workspace, d: NaiveDate) -> BTreeSet<Id> {
    cross_posts(ws, d)
        .into_iter()
        .map(|c| c.township_id)
        .collect()
}

impl Workspace {
    /// The post an appointment is to, if live.
    pub fn post_of(&self, a: &AppointmentData) -> Option<&Rec<PostData>> {
        self.posts.live(&a.post_id)
    }
}
