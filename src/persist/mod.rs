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
pub mod packed;

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
pub const PREFIX_BEFORE_UPGRADE: &str = "parkdesk.backup.before-upgrade.";
/// Rolling backups: `parkdesk.bk.<time>.<REASON>.<live records>.<characters>` (see
/// [`take_backup`]); the key says all the list shows, so listing reads no backup.
pub const PREFIX_BACKUP: &str = "parkdesk.bk.";
/// When this copy last exported a full snapshot: `{"at": <time>}`.
pub const KEY_EXPORTED: &str = "parkdesk.exported";
/// User settings: `{"reminder_days": 7}`.
pub const KEY_SETTINGS: &str = "parkdesk.settings";

#[derive(Debug, Error, Clone, PartialEq)]
pub enum StoreError {
    #[error("browser storage is unavailable ({0})")]
    Unavailable(String),
    #[error("browser storage is full")]
    QuotaExceeded,
    #[error("browser storage failed ({0})")]
    Other(String),
}

impl From<packed::PackError> for StoreError {
    fn from(e: packed::PackError) -> Self {
        StoreError::Other(e.to_string())
    }
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

    /// The value kept in storage: the JSON, packed when large (`packed`).
    pub fn encode(&self) -> Result<String, StoreError> {
        Ok(packed::encode(self.to_json()?)?)
    }

    /// Reads a stored value, upgrading an older schema like an imported file. The notes say what
    /// was upgraded or could not be read (an unreadable audit log is dropped with a note).
    pub fn from_json(raw: &str) -> Result<(Stored, Vec<Text>), Text> {
        let raw = packed::decode(raw).map_err(|e| {
            Text::new(
                format!("已保存的数据已损坏，无法解压（{e}）"),
                format!("The saved data is damaged and cannot be unpacked ({e})"),
            )
        })?;
        let mut value: serde_json::Value = serde_json::from_str(&raw).map_err(|e| {
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
        let (snapshot, _, mut notes) = snapshot::from_value(snap).map_err(|e| e.text())?;
        let audit = match serde_path_to_error::deserialize::<_, Vec<AuditEntry>>(audit) {
            Ok(a) => a,
            Err(e) => {
                notes.push(Text::new(
                    format!("操作日志无法读取（{}），已从头开始记录", e.path()),
                    format!(
                        "The audit log could not be read ({}); it starts afresh",
                        e.path()
                    ),
                ));
                Vec::new()
            }
        };
        Ok((Stored { snapshot, audit }, notes))
    }
}

/// Whether the original of an upgraded stored value was kept before it can be overwritten.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// Read as it was: nothing to keep.
    NotNeeded,
    /// Kept under this key.
    Under(String),
    /// Could not be copied: saving must stay off so the original survives.
    Failed,
}

/// How the app starts, decided from what storage holds.
#[derive(Debug)]
pub enum Boot {
    /// Nothing stored yet: the demo data may be loaded.
    Empty {
        marker: String,
    },
    Loaded {
        stored: Box<Stored>,
        marker: String,
        notes: Vec<Text>,
        original: Kept,
    },
    /// The stored value could not be read. `kept_under` names the backup key holding the raw
    /// value; `None` means it could not be copied, so saving must stay off.
    Unreadable {
        error: Text,
        raw: String,
        kept_under: Option<String>,
        marker: String,
    },
    Unavailable(StoreError),
}

/// The save marker `"<n>:<tab>"`: a tab saves only while the marker is the one it last saw, and
/// two tabs that save at the same moment still write different markers.
pub fn read_marker(store: &dyn Store) -> Result<String, StoreError> {
    Ok(store.get(KEY_SEQ)?.unwrap_or_default())
}

fn marker_number(marker: &str) -> u64 {
    marker
        .split(':')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn stamp(now: Timestamp) -> String {
    now.format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

/// Copies `raw` under `prefix<time>` unless an identical copy is already there (reloading a page
/// with the same unreadable value must not fill the storage with copies).
fn keep_copy(store: &mut dyn Store, prefix: &str, raw: &str, now: Timestamp) -> Option<String> {
    let keys = store.keys().unwrap_or_default();
    if let Some(existing) = keys
        .into_iter()
        .filter(|k| k.starts_with(prefix))
        .find(|k| store.get(k).ok().flatten().as_deref() == Some(raw))
    {
        return Some(existing);
    }
    let key = format!("{prefix}{}", stamp(now));
    store.set(&key, raw).ok().map(|_| key)
}

pub fn boot(store: &mut dyn Store, now: Timestamp) -> Boot {
    // The marker first: reading it after the state could pair old data with a newer marker.
    let marker = match read_marker(store) {
        Ok(m) => m,
        Err(e) => return Boot::Unavailable(e),
    };
    let raw = match store.get(KEY_STATE) {
        Err(e) => return Boot::Unavailable(e),
        Ok(None) => return Boot::Empty { marker },
        Ok(Some(raw)) => raw,
    };
    match Stored::from_json(&raw) {
        Ok((stored, notes)) => {
            let original = if notes.is_empty() {
                Kept::NotNeeded
            } else {
                keep_copy(store, PREFIX_BEFORE_UPGRADE, &raw, now).map_or(Kept::Failed, Kept::Under)
            };
            Boot::Loaded {
                stored: Box::new(stored),
                marker,
                notes,
                original,
            }
        }
        Err(error) => {
            let kept_under = keep_copy(store, PREFIX_UNREADABLE, &raw, now);
            Boot::Unreadable {
                error,
                raw,
                kept_under,
                marker,
            }
        }
    }
}

/// Reads the newest save without writing anything (used when another tab has saved).
pub fn load(store: &dyn Store) -> Result<(Stored, String), Text> {
    let marker = read_marker(store).map_err(|e| e.text())?;
    let raw = store
        .get(KEY_STATE)
        .map_err(|e| e.text())?
        .ok_or_else(|| Text::new("存储中没有数据", "Storage holds no data"))?;
    let (stored, _) = Stored::from_json(&raw)?;
    Ok((stored, marker))
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum SaveError {
    #[error("another tab saved newer data (marker {stored:?}, this tab knows {known:?})")]
    NewerElsewhere { stored: String, known: String },
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

/// Saves for one tab, remembering the save marker it last saw.
#[derive(Debug, Clone)]
pub struct Saver {
    seen: String,
    tab: String,
}

impl Saver {
    /// `tab` identifies this tab; `seen` is the marker read when the state was loaded.
    pub fn new(tab: impl Into<String>, seen: impl Into<String>) -> Self {
        Saver {
            seen: seen.into(),
            tab: tab.into(),
        }
    }

    pub fn seen(&self) -> &str {
        &self.seen
    }

    /// Adopts a marker after loading another tab's save.
    pub fn adopt(&mut self, marker: String) {
        self.seen = marker;
    }

    pub fn save(&mut self, store: &mut dyn Store, stored: &Stored) -> Result<(), SaveError> {
        let current = read_marker(store)?;
        if current != self.seen {
            return Err(SaveError::NewerElsewhere {
                stored: current,
                known: self.seen.clone(),
            });
        }
        set_giving_way(store, KEY_STATE, &stored.encode()?)?;
        let next = format!("{}:{}", marker_number(&current) + 1, self.tab);
        store.set(KEY_SEQ, &next)?;
        self.seen = next;
        Ok(())
    }

    /// The user chose this tab's data over another tab's newer save. That save is kept under a
    /// conflict key first, so choosing wrongly loses nothing.
    pub fn overwrite(
        &mut self,
        store: &mut dyn Store,
        stored: &Stored,
        now: Timestamp,
    ) -> Result<Option<String>, SaveError> {
        let kept = match store.get(KEY_STATE)? {
            Some(raw) => Some(
                keep_copy(store, PREFIX_CONFLICT, &raw, now).ok_or(StoreError::QuotaExceeded)?,
            ),
            None => None,
        };
        self.seen = read_marker(store)?;
        self.save(store, stored)?;
        Ok(kept)
    }
}

/// Keeps this tab's state under its own conflict key (one per tab, rewritten on each call).
pub fn stash_conflict(store: &mut dyn Store, stored: &Stored, key: &str) -> Result<(), StoreError> {
    store.set(key, &stored.encode()?)
}

pub fn conflict_key(tab_started: Timestamp) -> String {
    format!("{PREFIX_CONFLICT}{}", stamp(tab_started))
}

/// Writes `value`; when the storage is full, rolling backups give way (oldest first) until it
/// fits. The state is the last thing to give way: it is never dropped here.
pub fn set_giving_way(store: &mut dyn Store, key: &str, value: &str) -> Result<(), StoreError> {
    loop {
        match store.set(key, value) {
            Err(StoreError::QuotaExceeded) => {
                if !drop_oldest_backup(store, None) {
                    return Err(StoreError::QuotaExceeded);
                }
            }
            other => return other,
        }
    }
}

crate::coded_enum! {
    /// 备份原因 | Why a backup was taken.
    pub enum BackupReason {
        Auto => ("AUTO", "自动备份", "Automatic"),
        BeforeImport => ("BEFORE_IMPORT", "导入（替换）前", "Before an import (replace)"),
        BeforeMerge => ("BEFORE_MERGE", "合并前", "Before a merge"),
        BeforeRestore => ("BEFORE_RESTORE", "恢复备份前", "Before restoring a backup"),
        BeforeRecovery => ("BEFORE_RECOVERY", "载入其他标签页数据前", "Before loading another tab's data"),
    }
}

/// One rolling backup, as listed on the backups screen.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    pub key: String,
    pub at: Timestamp,
    pub reason: BackupReason,
    /// Live records in it.
    pub records: usize,
    /// Size in characters.
    pub size: usize,
}

/// Bounds of the rolling backups: a few, and a total size (localStorage holds about 5 million
/// characters per site; the data itself must keep room to grow). The demo state alone is about
/// 0.8 million characters, so the bound leaves room for a backup before a merge and one before a
/// restore; when storage is full anyway, backups give way first (see [`set_giving_way`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BackupPolicy {
    pub max_count: usize,
    pub max_auto: usize,
    pub max_chars: usize,
}

pub const BACKUP_POLICY: BackupPolicy = BackupPolicy {
    max_count: 8,
    max_auto: 3,
    max_chars: 3_000_000,
};

fn parse_backup_key(key: &str) -> Option<BackupInfo> {
    let rest = key.strip_prefix(PREFIX_BACKUP)?;
    let mut parts = rest.rsplitn(4, '.');
    let size = parts.next()?.parse().ok()?;
    let records = parts.next()?.parse().ok()?;
    let reason = BackupReason::from_code(parts.next()?)?;
    let at = chrono::NaiveDateTime::parse_from_str(parts.next()?, "%Y%m%dT%H%M%S%.3fZ")
        .ok()?
        .and_utc();
    Some(BackupInfo {
        key: key.to_string(),
        at,
        reason,
        records,
        size,
    })
}

/// Rolling backups, oldest first.
pub fn list_backups(store: &dyn Store) -> Vec<BackupInfo> {
    let mut out: Vec<BackupInfo> = store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX_BACKUP))
        .filter_map(|k| parse_backup_key(&k))
        .collect();
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Drops the oldest rolling backup other than `keep`; false when there is none.
pub fn drop_oldest_backup(store: &mut dyn Store, keep: Option<&str>) -> bool {
    match list_backups(store)
        .into_iter()
        .find(|b| Some(b.key.as_str()) != keep)
    {
        Some(b) => store.remove(&b.key).is_ok(),
        None => false,
    }
}

/// Keeps the backups within the policy, dropping the oldest first (never `keep`).
pub fn prune_backups(store: &mut dyn Store, policy: BackupPolicy, keep: &str) {
    loop {
        let all = list_backups(store);
        let autos = all
            .iter()
            .filter(|b| b.reason == BackupReason::Auto)
            .count();
        let total: usize = all.iter().map(|b| b.size).sum();
        let victim = if autos > policy.max_auto {
            all.iter()
                .find(|b| b.reason == BackupReason::Auto && b.key != keep)
        } else if all.len() > policy.max_count || total > policy.max_chars {
            all.iter().find(|b| b.key != keep)
        } else {
            None
        };
        match victim {
            Some(v) => {
                if store.remove(&v.key).is_err() {
                    return;
                }
            }
            None => return,
        }
    }
}

/// Keeps a copy of `snapshot` as a rolling backup. A full storage first drops older backups; if
/// it still does not fit, the error is returned and nothing else is touched.
pub fn take_backup(
    store: &mut dyn Store,
    snapshot: &Snapshot,
    reason: BackupReason,
    now: Timestamp,
    policy: BackupPolicy,
) -> Result<BackupInfo, StoreError> {
    let json = serde_json::to_string(snapshot).map_err(|e| StoreError::Other(e.to_string()))?;
    let value = packed::encode(json)?;
    let records = crate::domain::workspace::Kind::ALL
        .iter()
        .map(|k| snapshot.records.count_live(*k))
        .sum::<usize>();
    let size = value.chars().count();
    let key = format!(
        "{PREFIX_BACKUP}{}.{}.{records}.{size}",
        stamp(now),
        reason.code()
    );
    loop {
        match store.set(&key, &value) {
            Ok(()) => break,
            Err(StoreError::QuotaExceeded) => {
                if !drop_oldest_backup(store, Some(&key)) {
                    return Err(StoreError::QuotaExceeded);
                }
            }
            Err(e) => return Err(e),
        }
    }
    prune_backups(store, policy, &key);
    Ok(BackupInfo {
        key,
        at: now,
        reason,
        records,
        size,
    })
}

/// Reads a rolling backup (upgraded like an import).
pub fn read_backup(store: &dyn Store, key: &str) -> Result<Snapshot, Text> {
    let raw = store
        .get(key)
        .map_err(|e| e.text())?
        .ok_or_else(|| Text::new("该备份已不存在", "This backup no longer exists"))?;
    let raw = packed::decode(&raw).map_err(|e| {
        Text::new(
            format!("备份已损坏（{e}）"),
            format!("The backup is damaged ({e})"),
        )
    })?;
    let value: serde_json::Value = serde_json::from_str(&raw).map_err(|e| {
        Text::new(
            format!("备份无法读取（{e}）"),
            format!("The backup cannot be read ({e})"),
        )
    })?;
    snapshot::from_value(value)
        .map(|(s, _, _)| s)
        .map_err(|e| e.text())
}

/// Whether an automatic backup is due: none yet, or the newest is older than `every`.
pub fn auto_backup_due(store: &dyn Store, now: Timestamp, every: chrono::Duration) -> bool {
    list_backups(store)
        .iter()
        .filter(|b| b.reason == BackupReason::Auto)
        .map(|b| b.at)
        .max()
        .is_none_or(|last| now - last >= every)
}

/// When this copy last exported a full snapshot.
pub fn last_exported(store: &dyn Store) -> Option<Timestamp> {
    let raw = store.get(KEY_EXPORTED).ok().flatten()?;
    let v: serde_json::Value = serde_json::from_str(&raw).ok()?;
    v.get("at")?.as_str()?.parse().ok()
}

pub fn set_last_exported(store: &mut dyn Store, at: Timestamp) -> Result<(), StoreError> {
    store.set(KEY_EXPORTED, &serde_json::json!({ "at": at }).to_string())
}

/// Days after which unexported changes are reminded of (default 7).
pub fn reminder_days(store: &dyn Store) -> u32 {
    store
        .get(KEY_SETTINGS)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str::<serde_json::Value>(&raw).ok())
        .and_then(|v| v.get("reminder_days").and_then(serde_json::Value::as_u64))
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(7)
}

pub fn set_reminder_days(store: &mut dyn Store, days: u32) -> Result<(), StoreError> {
    store.set(
        KEY_SETTINGS,
        &serde_json::json!({ "reminder_days": days }).to_string(),
    )
}

/// Whether to remind the user to export: some change was made after the last export (or there
/// was never one) and the oldest such change is at least `days` old.
pub fn export_reminder_due(
    changes: &[Timestamp],
    last_export: Option<Timestamp>,
    now: Timestamp,
    days: u32,
) -> bool {
    changes
        .iter()
        .filter(|t| last_export.is_none_or(|e| **t > e))
        .min()
        .is_some_and(|first| now - *first >= chrono::Duration::days(i64::from(days)))
}

/// Keeps the current state before an import replaces it.
pub fn backup_before_import(store: &mut dyn Store, stored: &Stored) -> Result<(), StoreError> {
    store.set(KEY_IMPORT_BACKUP, &stored.encode()?)
}

pub fn import_backup(store: &dyn Store) -> Result<Option<Stored>, Text> {
    match store.get(KEY_IMPORT_BACKUP).map_err(|e| e.text())? {
        None => Ok(None),
        Some(raw) => Stored::from_json(&raw).map(|(s, _)| Some(s)),
    }
}

/// Restoring swaps: the current state becomes the backup, so a restore can itself be undone
/// after a reload.
pub fn swap_import_backup(store: &mut dyn Store, current: &Stored) -> Result<Stored, Text> {
    let backup = import_backup(store)?.ok_or_else(|| {
        Text::new(
            "没有可恢复的导入前备份",
            "There is no pre-import backup to restore",
        )
    })?;
    backup_before_import(store, current).map_err(|e| e.text())?;
    Ok(backup)
}

/// Backup keys the user may download: the pre-import backup, upgraded originals, unreadable
/// values and tab conflicts.
pub fn backup_keys(store: &dyn Store) -> Vec<String> {
    let mut keys: Vec<String> = store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| {
            k == KEY_IMPORT_BACKUP
                || k.starts_with(PREFIX_UNREADABLE)
                || k.starts_with(PREFIX_CONFLICT)
                || k.starts_with(PREFIX_BEFORE_UPGRADE)
        })
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
