//! 操作日志 | Who changed what and when. Kept per browser copy; imports and undo are entries too.

use serde::{Deserialize, Serialize};

use super::meta::{Id, Timestamp};
use super::text::Text;
use super::workspace::Kind;
use crate::coded_enum;

coded_enum! {
    pub enum AuditAction {
        Create => ("CREATE", "新增", "Create"),
        Update => ("UPDATE", "修改", "Update"),
        Delete => ("DELETE", "删除", "Delete"),
        Import => ("IMPORT", "导入", "Import"),
        Undo => ("UNDO", "撤销", "Undo"),
        Redo => ("REDO", "重做", "Redo"),
        Merge => ("MERGE", "合并", "Merge"),
        Restore => ("RESTORE", "恢复备份", "Restore"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub office_id: Id,
    pub office_name: String,
    pub action: AuditAction,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub record_id: Option<Id>,
    pub summary: Text,
}

/// The log keeps the newest entries only; older ones are dropped, never the data they describe.
pub const AUDIT_LIMIT: usize = 5000;

pub fn push_bounded(log: &mut Vec<AuditEntry>, entry: AuditEntry) {
    log.push(entry);
    if log.len() > AUDIT_LIMIT {
        let excess = log.len() - AUDIT_LIMIT;
        log.drain(..excess);
    }
}
