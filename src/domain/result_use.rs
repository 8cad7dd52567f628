//! 考核结果运用 | Use of results (report S6.4 "在评先表彰、提拔任用方面予以优先考虑、优先安排";
//! shared/domain.md §4.D, BR-D9): priority lists generated from the final grades of a person
//! scheme, and the uses recorded for people — one off the list needs a deviation reason.
//!
//! - 评先表彰推荐名单 commendation list: the top grade, in rank order, at most
//!   `commendation_share` of the assessees (10 % by default [D], rounded down, at least one when
//!   anyone has the top grade);
//! - 提拔任用优先名单 promotion-priority list and 职级晋升: everyone with the top grade, in rank order;
//! - 诫勉调整 admonish / adjust: everyone with the lowest grade.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::assessment::LOWEST;
use super::assessment_results::{AssessmentIndex, Row};
use super::meta::{DocRef, Id};
use super::workspace::Workspace;
use crate::coded_enum;

coded_enum! {
    /// 运用类型 | Kind of use.
    pub enum ResultUseKind {
        Commendation => ("COMMENDATION", "评先表彰推荐", "Commendation"),
        Promotion => ("PROMOTION", "提拔任用优先", "Promotion priority"),
        GradePromotion => ("GRADE_PROMOTION", "职级晋升", "Grade promotion"),
        Admonish => ("ADMONISH", "诫勉调整", "Admonishment / adjustment"),
    }
}

/// 结果运用 | One use of a person's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultUseData {
    pub scheme_id: Id,
    pub person_id: Id,
    pub kind: ResultUseKind,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub basis: Option<DocRef>,
    /// 偏离理由 | Why someone not on the priority list (BR-D9).
    #[serde(default)]
    pub deviation_reason: Option<String>,
}

/// 评先表彰名额比例 | Commendation places as a share of the assessees (10 % [D]).
pub const COMMENDATION_PERMILLE: u32 = 100;

/// The priority lists of one person scheme, each a list of rows in rank order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PriorityLists {
    pub commendation: Vec<Row>,
    pub promotion: Vec<Row>,
    pub admonish: Vec<Row>,
}

impl PriorityLists {
    /// Whether a person is on the list a use of this kind follows.
    pub fn lists(&self, kind: ResultUseKind, person_id: &str) -> bool {
        let on = |rows: &[Row]| {
            rows.iter()
                .any(|r| r.assessee.person_id.as_deref() == Some(person_id))
        };
        match kind {
            ResultUseKind::Commendation => on(&self.commendation),
            ResultUseKind::Promotion | ResultUseKind::GradePromotion => on(&self.promotion),
            ResultUseKind::Admonish => on(&self.admonish),
        }
    }
}

/// The lists of a scheme from its computed results.
pub fn priority_lists_of(rows: &[Row], n_assessees: usize) -> PriorityLists {
    let top: Vec<Row> = rows
        .iter()
        .filter(|r| r.level == Some(0) && r.assessee.person_id.is_some())
        .cloned()
        .collect();
    let places = ((n_assessees as u64 * u64::from(COMMENDATION_PERMILLE)) / 1000) as usize;
    let places = places.max(usize::from(!top.is_empty()));
    PriorityLists {
        commendation: top.iter().take(places).cloned().collect(),
        promotion: top,
        admonish: rows
            .iter()
            .filter(|r| r.level == Some(LOWEST) && r.assessee.person_id.is_some())
            .cloned()
            .collect(),
    }
}

/// The lists of a scheme in the workspace.
pub fn priority_lists(ws: &Workspace, scheme_id: &str) -> PriorityLists {
    let Some(s) = ws.assessment_schemes.live(scheme_id) else {
        return PriorityLists::default();
    };
    let out = AssessmentIndex::new(ws).evaluate(scheme_id, &s.data);
    priority_lists_of(&out.rows, s.data.assessees.len())
}
