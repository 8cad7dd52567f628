//! The personal-number guard (BR-F2): persons are named by staff number and name or pseudonym
//! only. 区镇合一 cross-posts (S1.4, S3.2) are read from appointments (see `appointment.rs`);
//! the foundation's own cross-post table was folded into them (`migrate::v2_to_v3`).

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
