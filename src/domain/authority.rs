//! 干部任免权限 | Appointment authority rules (S5.2): which organ appoints which pattern of post,
//! whom it must consult, with whom it files, and whether competitive selection is required
//! (S5.3). Every appointment is checked against the most specific matching rule (BR-C8).

use serde::{Deserialize, Serialize};

use super::appointment::PostData;
use super::org::{OrgKind, OrgUnitData};
use super::staffing::PostRank;
use super::workspace::{Rec, Workspace};

/// 适用职务 | Which posts a rule covers; an empty list or `None` means "any".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostPattern {
    /// 机构类别 | Kinds of the post's unit.
    #[serde(default)]
    pub org_kinds: Vec<OrgKind>,
    /// 职务层次 | Ranks of the post.
    #[serde(default)]
    pub ranks: Vec<PostRank>,
    /// 正职/副职 | Principal (true), deputy (false), or either.
    #[serde(default)]
    pub principal: Option<bool>,
    /// 仅领导职务 | Only leadership posts.
    #[serde(default)]
    pub leadership_only: bool,
}

impl PostPattern {
    pub fn matches(&self, post: &PostData, org: &OrgUnitData) -> bool {
        (self.org_kinds.is_empty() || self.org_kinds.contains(&org.kind))
            && (self.ranks.is_empty() || self.ranks.contains(&post.rank))
            && self.principal.is_none_or(|p| p == post.is_principal)
            && (!self.leadership_only || post.is_leadership)
    }

    /// How narrow the pattern is: the most specific matching rule wins.
    pub fn specificity(&self) -> u8 {
        u8::from(!self.org_kinds.is_empty())
            + u8::from(!self.ranks.is_empty())
            + u8::from(self.principal.is_some())
            + u8::from(self.leadership_only)
    }
}

/// 任免权限规则 | An appointment authority rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthorityRuleData {
    /// 规则名称 | e.g. 内设机构正副职（科级）.
    pub title: String,
    pub pattern: PostPattern,
    /// 任免机关 | Kind of the appointing organ.
    pub authority: OrgKind,
    /// 征求意见 | Must consult.
    #[serde(default)]
    pub consult: Vec<OrgKind>,
    /// 报备 | Must file with.
    #[serde(default)]
    pub file_with: Vec<OrgKind>,
    /// 须竞争上岗 | Competitive selection required (S5.3).
    #[serde(default)]
    pub requires_competitive_selection: bool,
}

/// The rule that applies to a post: the most specific match; among equally specific ones the
/// oldest record (lowest id) wins, so the answer is stable.
pub fn rule_for<'a>(
    rules: &[&'a Rec<AuthorityRuleData>],
    post: &PostData,
    org: &OrgUnitData,
) -> Option<&'a Rec<AuthorityRuleData>> {
    rules
        .iter()
        .filter(|r| r.data.pattern.matches(post, org))
        .max_by(|a, b| {
            a.data
                .pattern
                .specificity()
                .cmp(&b.data.pattern.specificity())
                .then_with(|| b.meta.id.cmp(&a.meta.id))
        })
        .copied()
}

impl Workspace {
    pub fn live_authority_rules(&self) -> Vec<&Rec<AuthorityRuleData>> {
        self.authority_rules.iter_live().collect()
    }
}
