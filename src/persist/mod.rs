//! Saving the desk in browser storage, behind the [`Store`] trait so that the rules below are
//! tested natively (`MemStore`) and the browser adapter stays a thin edge (`local.rs`).
//!
//! Rules kept here:
//! - a stored value that cannot be read is copied under a backup key and never overwritten by
//!   defaults; if it cannot be copied, saving stays off so the original survives;
//! - demo data goes only into an empty store;
//! - a save never overwrites a newer save from another tab (a sequence number guards it);
//! - a full or blocked storage is reported, and the data stays in memory for export.

#[cfg(target_arch = "wasm32")]
pub mod local;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::audit::AuditEntry;
use crate::domain::meta::Timestamp;
use crate::domain::snapshot::{self, Snapshot};
use crate::domain::text::Text;

pub const KEY_STATE: &str = "parkdesk.state";
pub const KEY_SEQ: &str = "parkdesk.seq";
pub const KEY_IMPORT_BACKUP: &str = "parkdesk.backup.before-import";
pub const KEY_OFFICE: &str = "parkdesk.office";
pub const KEY_LANG: &str = "parkdesk.lang";
pub const PREFIX_UNREADABLE: &str = "parkdesk.unreadable.";
pub const PREFIX_CONFLICT: &str = "parkdesk.conflict.";

#[derive(Debug, Error, Clone, PartialEq)]
pub enum StoreError {
    #[error("browser storage is unavailable ({0})")]
    Unavailable(String),
    #[error("browser storage is full")]
    QuotaExceeded,
    #[error("browser storage failed ({0})")]
    Other(String),
}

impl StoreError {
    pub fn text(&self) -> Text {
        match self {
            StoreError::Unavailable(why) => Text::new(
                format!("浏览器存储不可用（{why}），数据只保存在本页面中：关闭前请导出"),
                format!(
                    "Browser storage is unavailable ({why}); data lives only in this page: export before closing"
                ),
            ),
            StoreError::QuotaExceeded => Text::new(
                "浏览器存储空间已满，最近的修改未保存：请立即导出数据文件",
                "Browser storage is full and recent changes are not saved: export a data file now",
            ),
            StoreError::Other(why) => Text::new(
                format!("保存失败（{why}）：请导出数据文件"),
                format!("Saving failed ({why}): export a data file"),
            ),
        }
    }
}

/// Maps a DOMException to a StoreError. Browsers name a full storage differently:
/// Chrome/Safari "QuotaExceededError" (code 22), old Firefox "NS_ERROR_DOM_QUOTA_REACHED" (code 1014).
pub fn classify(name: &str, code: u16, message: &str) -> StoreError {
    match (name, code) {
        ("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED", _) | (_, 22 | 1014) => {
            StoreError::QuotaExceeded
        }
        ("SecurityError" | "InvalidAccessError", _) => StoreError::Unavailable(message.to_string()),
        _ => StoreError::Other(format!("{name}: {message}")),
    }
}

/// Key–value storage (localStorage in the browser).
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// What is kept in storage: the snapshot of the workspace plus this copy's audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub snapshot: Snapshot,
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
}

impl Stored {
    pub fn to_json(&self) -> Result<String, StoreError> {
        serde_json::to_string(self).map_err(|e| StoreError::Other(e.to_string()))
    }

    /// Reads a stored value, upgrading an older schema like an imported file.
    pub fn from_json(raw: &str) -> Result<(Stored, Vec<Text>), Text> {
        let mut value: serde_json::Value = serde_json::from_str(raw).map_err(|e| {
            Text::new(
                format!(
                    "已保存的数据无法读取：第 {} 行第 {} 列（{e}）",
                    e.line(),
                    e.column()
                ),
                format!(
                    "The saved data cannot be read: line {}, column {} ({e})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        let audit = value
            .get_mut("audit")
            .map(serde_json::Value::take)
            .unwrap_or_default();
        let snap = value
            .get_mut("snapshot")
            .map(serde_json::Value::take)
            .ok_or_else(|| {
                Text::new(
                    "已保存的数据缺少 snapshot 部分",
                    "The saved data has no snapshot part",
                )
            })?;
        let (snapshot, _, notes) = snapshot::from_value(snap).map_err(|e| e.text())?;
        let audit: Vec<AuditEntry> = serde_path_to_error::deserialize(audit).unwrap_or_default();
        Ok((Stored { snapshot, audit }, notes))
    }
}

/// How the app starts, decided from what storage holds.
#[derive(Debug)]
pub enum Boot {
    /// Nothing stored yet: the demo data may be loaded.
    Empty,
    Loaded {
        stored: Box<Stored>,
        seq: u64,
        notes: Vec<Text>,
    },
    /// The stored value could not be read. `kept_under` names the backup key holding the raw
    /// value; `None` means it could not be copied, so saving must stay off.
    Unreadable {
        error: Text,
        raw: String,
        kept_under: Option<String>,
        seq: u64,
    },
    Unavailable(StoreError),
}

fn read_seq(store: &dyn Store) -> Result<u64, StoreError> {
    Ok(store
        .get(KEY_SEQ)?
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0))
}

fn stamp(now: Timestamp) -> String {
    now.format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

pub fn boot(store: &mut dyn Store, now: Timestamp) -> Boot {
    let raw = match store.get(KEY_STATE) {
        Err(e) => return Boot::Unavailable(e),
        Ok(None) => return Boot::Empty,
        Ok(Some(raw)) => raw,
    };
    let seq = read_seq(store).unwrap_or(0);
    match Stored::from_json(&raw) {
        Ok((stored, notes)) => Boot::Loaded {
            stored: Box::new(stored),
            seq,
            notes,
        },
        Err(error) => {
            let key = format!("{PREFIX_UNREADABLE}{}", stamp(now));
            let kept_under = store.set(&key, &raw).ok().map(|_| key);
            Boot::Unreadable {
                error,
                raw,
                kept_under,
                seq,
            }
        }
    }
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum SaveError {
    #[error("another tab saved newer data (save {stored}, this tab knows {known})")]
    NewerElsewhere { stored: u64, known: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SaveError {
    pub fn text(&self) -> Text {
        match self {
            SaveError::NewerElsewhere { .. } => Text::new(
                "另一个标签页已保存了更新的数据，本页未覆盖它。请选择：载入最新数据（本页的修改另存为备份），或以本页数据为准",
                "Another tab saved newer data; this tab did not overwrite it. Choose: load the newest data (this tab's changes are kept as a backup), or keep this tab's data",
            ),
            SaveError::Store(e) => e.text(),
        }
    }
}

/// Saves for one tab, remembering the save sequence it last saw.
#[derive(Debug, Clone)]
pub struct Saver {
    pub seq: u64,
}

impl Saver {
    pub fn save(&mut self, store: &mut dyn Store, stored: &Stored) -> Result<(), SaveError> {
        let current = read_seq(store)?;
        if current != self.seq {
            return Err(SaveError::NewerElsewhere {
                stored: current,
                known: self.seq,
            });
        }
        store.set(KEY_STATE, &stored.to_json()?)?;
        store.set(KEY_SEQ, &(self.seq + 1).to_string())?;
        self.seq += 1;
        Ok(())
    }

    /// The user chose this tab's data over another tab's newer save.
    pub fn overwrite(&mut self, store: &mut dyn Store, stored: &Stored) -> Result<(), SaveError> {
        self.seq = read_seq(store)?;
        self.save(store, stored)
    }

    pub fn stored_seq(store: &dyn Store) -> u64 {
        read_seq(store).unwrap_or(0)
    }
}

/// Keeps this tab's state under a conflict key before it loads another tab's newer save.
pub fn stash_conflict(
    store: &mut dyn Store,
    stored: &Stored,
    now: Timestamp,
) -> Result<String, StoreError> {
    let key = format!("{PREFIX_CONFLICT}{}", stamp(now));
    store.set(&key, &stored.to_json()?)?;
    Ok(key)
}

/// Keeps the current state before an import replaces it.
pub fn backup_before_import(store: &mut dyn Store, stored: &Stored) -> Result<(), StoreError> {
    store.set(KEY_IMPORT_BACKUP, &stored.to_json()?)
}

pub fn import_backup(store: &dyn Store) -> Option<Stored> {
    let raw = store.get(KEY_IMPORT_BACKUP).ok()??;
    Stored::from_json(&raw).ok().map(|(s, _)| s)
}

/// Backup keys (unreadable values and tab conflicts) the user may download.
pub fn backup_keys(store: &dyn Store) -> Vec<String> {
    let mut keys: Vec<String> = store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX_UNREADABLE) || k.starts_with(PREFIX_CONFLICT))
        .collect();
    keys.sort();
    keys
}

/// In-memory store for tests, with an optional byte quota and a switch to fail like a blocked storage.
#[derive(Debug, Default, Clone)]
pub struct MemStore {
    pub map: BTreeMap<String, String>,
    pub quota: Option<usize>,
    pub blocked: bool,
}

impl MemStore {
    fn used_without(&self, key: &str) -> usize {
        self.map
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl Store for MemStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.blocked {
            return Err(StoreError::Unavailable("blocked".into()));
        }
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.blocked {
            return Err(StoreError::Unavailable("blocked".into()));
        }
        if self
            .quota
            .is_some_and(|q| self.used_without(key) + key.len() + value.len() > q)
        {
            return Err(StoreError::QuotaExceeded);
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.keys().cloned().collect())
    }
}
