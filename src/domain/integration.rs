//! 区镇合一 | Park–town integration through concurrent posts 职务一身兼 (report S1.4, S3.2).
//!
//! The foundation records each cross-post link directly; the organisation issue will derive these
//! from appointments to posts. Holders are named by staff number or pseudonym only (BR-F2).

use serde::{Deserialize, Serialize};

use super::meta::{Id, Period};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConcurrentPostData {
    /// 任职人（工号或化名） | Holder: staff number or pseudonym, never an ID or phone number.
    pub holder: String,
    /// 园区职务 | Post in the park committee, e.g. 管委会副主任.
    pub park_post: String,
    pub township_id: Id,
    /// 乡镇职务 | Post in the township, e.g. 党委书记.
    pub township_post: String,
    /// 是否领导职务 | Both posts are leadership posts (counts for integration coverage, §6.3).
    pub leadership: bool,
    pub period: Period,
}

/// Strings that look like a mainland ID number (18 chars, last may be X) or a mobile number
/// (11 digits starting with 1). Such data must never be stored (BR-F2).
pub fn looks_like_personal_number(s: &str) -> bool {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let digits = compact.chars().filter(|c| c.is_ascii_digit()).count();
    let id_like = compact.len() == 18
        && compact.chars().take(17).all(|c| c.is_ascii_digit())
        && compact
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_digit() || c == 'X' || c == 'x');
    let phone_like = compact.len() == 11 && digits == 11 && compact.starts_with('1');
    // A long run of digits anywhere is just as suspicious.
    let long_run = compact
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() >= 11);
    id_like || phone_like || long_run
}

#[cfg(test)]
mod tests {
    use super::looks_like_personal_number;

    #[test]
    fn personal_numbers_are_recognised() {
        assert!(looks_like_personal_number("53050219800101123X"));
        assert!(looks_like_personal_number("138 0013 8000"));
        assert!(looks_like_personal_number("张三13800138000"));
        assert!(!looks_like_personal_number("PER-GM-0153"));
        assert!(!looks_like_personal_number("干部GM-001"));
    }
}
