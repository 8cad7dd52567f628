//! 参数 | The configurable defaults of shared/domain.md Appendix C used by supervision and the
//! service system. One record at most; when there is none the defaults apply. Other areas add
//! their own fields here (each with a serde default, so older files keep reading).

use serde::{Deserialize, Serialize};

use super::institution::InstitutionCategory;
use super::workspace::Workspace;

fn rectification_days() -> u32 {
    30
}
fn second_overdue_days() -> u32 {
    15
}
fn red_list_min_permille() -> u32 {
    900
}
fn black_list_below_permille() -> u32 {
    600
}
fn required_institution_categories() -> Vec<InstitutionCategory> {
    use InstitutionCategory::*;
    vec![
        DecisionMaking,
        FinanceAssets,
        Personnel,
        Investment,
        ProjectManagement,
        AssessmentIncentives,
        Supervision,
    ]
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParametersData {
    /// 整改默认时限（日） | Default rectification deadline in calendar days [D].
    #[serde(default = "rectification_days")]
    pub rectification_days: u32,
    /// 二次逾期（日） | Days past the deadline after which an open order is "second overdue" and
    /// due for a yellow card (BR-E5) [D].
    #[serde(default = "second_overdue_days")]
    pub second_overdue_days: u32,
    /// 红榜门槛 | Weighted verdict score (‰) from which a department is on the red list (§6.1.3) [D].
    #[serde(default = "red_list_min_permille")]
    pub red_list_min_permille: u32,
    /// 黑榜门槛 | Score (‰) below which a department is on the black list [D].
    #[serde(default = "black_list_below_permille")]
    pub black_list_below_permille: u32,
    /// 必备制度类别 | Categories every park's register should hold in force (BR-A11) [D].
    #[serde(default = "required_institution_categories")]
    pub required_institution_categories: Vec<InstitutionCategory>,
}

impl Default for ParametersData {
    fn default() -> Self {
        ParametersData {
            rectification_days: rectification_days(),
            second_overdue_days: second_overdue_days(),
            red_list_min_permille: red_list_min_permille(),
            black_list_below_permille: black_list_below_permille(),
            required_institution_categories: required_institution_categories(),
        }
    }
}

/// The parameters in force: the first live record, or the defaults.
pub fn of(ws: &Workspace) -> ParametersData {
    ws.parameters
        .iter_live()
        .next()
        .map(|r| r.data.clone())
        .unwrap_or_default()
}
