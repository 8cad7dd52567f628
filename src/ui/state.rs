//! The app's state in one context type: the desk (behind the single command path), the office
//! profile, save status, banners and the import in progress. Autosave hangs here.

use std::cell::RefCell;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::browser::{self, RandomIds};
use super::perf;
use crate::APP_VERSION;
use crate::domain::command::{Command, CommandError, Ctx, Desk, Outcome};
use crate::domain::merge::{self, Decisions, MergeCtx, Plan};
use crate::domain::meta::{Office, Role, Timestamp};
use crate::domain::rules::ViolationIndex;
use crate::domain::sample;
use crate::domain::snapshot::{self, Checked};
use crate::domain::text::Text;
use crate::domain::workspace::Workspace;
use crate::persist::local::LocalStore;
use crate::persist::{
    self, BACKUP_POLICY, BackupReason, Boot, KEY_OFFICE, Kept, SaveError, Saver, Store, Stored,
};

/// Autosave waits this long after the last change, so typing does not save on every keystroke.
const SAVE_DELAY_MS: u32 = 600;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved(Option<Timestamp>),
    Pending,
    Failed(Text),
    /// Saving is switched off (storage unavailable, or an unreadable value must be protected).
    Off(Text),
    Conflict,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    Storage(Text),
    Unreadable {
        error: Text,
        kept_under: Option<String>,
    },
    Conflict,
    /// Upgraded from an older format; the original is kept under the key, if any.
    Migrated(Vec<Text>, Option<String>),
}

/// The steps of checking a file, shown while they run (and timed, see `perf`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStep {
    Read,
    Parse,
    Checksum,
    Migrate,
    Decode,
    Validate,
    Ready,
}

impl ImportStep {
    pub const ALL: [ImportStep; 7] = [
        ImportStep::Read,
        ImportStep::Parse,
        ImportStep::Checksum,
        ImportStep::Migrate,
        ImportStep::Decode,
        ImportStep::Validate,
        ImportStep::Ready,
    ];

    /// Names the step in `data-step` and in the `parkdesk:import:<code>` measures.
    pub fn code(self) -> &'static str {
        match self {
            ImportStep::Read => "read",
            ImportStep::Parse => "parse",
            ImportStep::Checksum => "checksum",
            ImportStep::Migrate => "migrate",
            ImportStep::Decode => "decode",
            ImportStep::Validate => "validate",
            ImportStep::Ready => "ready",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportStage {
    Idle,
    /// A file is being read and checked; `started` is `perf::now()` at its start.
    Working {
        file: String,
        step: ImportStep,
        started: f64,
        /// The file's size in bytes (0 until known).
        bytes: f64,
    },
    Checked {
        file: String,
        checked: Box<Checked>,
    },
    Failed {
        file: String,
        error: Text,
        details: Vec<Text>,
    },
    Done(Text),
    /// The merge review: the plan with the user's decisions so far.
    Review {
        file: String,
        checked: Box<Checked>,
        decisions: Decisions,
        plan: Box<Plan>,
    },
    /// A merge was applied: its summary and what was left out (with reasons).
    Merged {
        summary: Text,
        left_out: Vec<(String, Text)>,
    },
}

/// An automatic backup is taken at start (data from an earlier session) when the newest is older
/// than this, and during a session once per this interval.
const AUTO_BACKUP_HOURS: i64 = 6;
const SESSION_BACKUP_MINUTES: i64 = 60;

thread_local! {
    static SAVER: RefCell<Saver> = RefCell::new(Saver::new("", ""));
    /// When this tab started: names its own conflict backup key.
    static TAB_STARTED: Timestamp = browser::now();
    static TIMER: RefCell<Option<gloo_timers::callback::Timeout>> = const { RefCell::new(None) };
    static UNREADABLE_RAW: RefCell<Option<String>> = const { RefCell::new(None) };
    /// When this tab last took (or started without needing) an automatic backup.
    static LAST_SESSION_BACKUP: RefCell<Timestamp> = RefCell::new(browser::now());
    /// Numbers import runs, so a file chosen while another is being checked supersedes it.
    static IMPORT_RUN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub desk: RwSignal<Desk>,
    pub office: RwSignal<Office>,
    pub save: RwSignal<SaveState>,
    pub banners: RwSignal<Vec<Banner>>,
    pub toast: RwSignal<Option<Text>>,
    pub import: RwSignal<ImportStage>,
    /// The date the overview computes its figures for.
    pub as_of: RwSignal<NaiveDate>,
    /// Every rule checked once per change of the data or the as-of date, indexed by record;
    /// pages read it instead of checking the workspace themselves.
    pub checks: Memo<Arc<ViolationIndex>>,
    /// Offices this copy knows (names and roles of who changed what).
    pub directory: RwSignal<Vec<Office>>,
    /// Bumped when the backups in storage change, so the backups screen re-reads them.
    pub backups_changed: RwSignal<u32>,
    /// The browser's answer to "keep this site's storage" (None = not asked / unknown).
    pub persisted: RwSignal<Option<bool>>,
    pub last_export: RwSignal<Option<Timestamp>>,
    pub reminder_days: RwSignal<u32>,
    /// The showcase is open: every command is refused (BR-F3), as for the visitor role.
    pub showcase: RwSignal<bool>,
    saving_enabled: RwSignal<bool>,
}

/// Today, or the end of the demo's 2012–2013 timeline while sample data is present, so that the
/// demo's figures and signals read as of its own time (the date control changes it).
fn default_as_of(desk: &Desk) -> NaiveDate {
    if desk
        .ws()
        .provenance_count(crate::domain::meta::Provenance::Sample)
        > 0
    {
        NaiveDate::from_ymd_opt(2013, 12, 31).unwrap_or_else(browser::today)
    } else {
        browser::today()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

fn load_office(store: &mut LocalStore) -> Office {
    if let Some(office) = store
        .get(KEY_OFFICE)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str::<Office>(&raw).ok())
    {
        return office;
    }
    let office = Office::new(
        crate::domain::meta::IdSource::next_id(&mut RandomIds, browser::now()),
        "本机",
        Role::Bianban,
    );
    if let Ok(raw) = serde_json::to_string(&office) {
        let _ = store.set(KEY_OFFICE, &raw);
    }
    office
}

impl AppState {
    /// Reads storage and decides how the app starts (see `persist::boot`).
    pub fn boot() -> AppState {
        let mut store = LocalStore;
        let office = load_office(&mut store);
        let mut banners = Vec::new();
        let mut directory = vec![office.clone()];
        let (desk, save, marker, enabled, fresh) = match persist::boot(&mut store, browser::now()) {
            Boot::Empty { marker } => (
                Desk::new(sample::demo(), Vec::new()),
                SaveState::Saved(None),
                marker,
                true,
                true,
            ),
            Boot::Loaded {
                stored,
                marker,
                notes,
                original,
            } => {
                let stored = *stored;
                let saved_at = Some(stored.snapshot.exported_at);
                merge::merge_directory(&mut directory, &stored.snapshot.offices);
                merge::put_office(&mut directory, &office);
                // Data from an earlier session: keep a rolling copy now and then.
                if persist::auto_backup_due(
                    &store,
                    browser::now(),
                    chrono::Duration::hours(AUTO_BACKUP_HOURS),
                ) {
                    let _ = persist::take_backup(
                        &mut store,
                        &stored.snapshot,
                        BackupReason::Auto,
                        browser::now(),
                        BACKUP_POLICY,
                    );
                }
                let desk = Desk::new(stored.snapshot.records, stored.audit);
                match original {
                    Kept::Failed => {
                        let why = Text::new(
                            "升级前的原数据无法另存备份，为保护它自动保存已关闭：请先导出数据",
                            "The original of the upgraded data could not be backed up, so autosave is off to protect it: export your data first",
                        );
                        banners.push(Banner::Storage(why.clone()));
                        (desk, SaveState::Off(why), marker, false, false)
                    }
                    kept => {
                        if !notes.is_empty() {
                            banners.push(Banner::Migrated(
                                notes,
                                if let Kept::Under(k) = kept {
                                    Some(k)
                                } else {
                                    None
                                },
                            ));
                        }
                        (desk, SaveState::Saved(saved_at), marker, true, false)
                    }
                }
            }
            Boot::Unreadable {
                error,
                raw,
                kept_under,
                marker,
            } => {
                UNREADABLE_RAW.with(|r| *r.borrow_mut() = Some(raw));
                let enabled = kept_under.is_some();
                let save = if enabled {
                    SaveState::Saved(None)
                } else {
                    SaveState::Off(Text::new(
                        "为保护无法读取的原数据，自动保存已关闭",
                        "Autosave is off to protect the unreadable saved data",
                    ))
                };
                banners.push(Banner::Unreadable { error, kept_under });
                (Desk::default(), save, marker, enabled, false)
            }
            Boot::Unavailable(e) => {
                banners.push(Banner::Storage(e.text()));
                (
                    Desk::new(sample::demo(), Vec::new()),
                    SaveState::Off(e.text()),
                    String::new(),
                    false,
                    false,
                )
            }
        };
        let tab = crate::domain::meta::IdSource::next_id(&mut RandomIds, browser::now());
        SAVER.with(|s| *s.borrow_mut() = Saver::new(tab, marker));
        let as_of = RwSignal::new(default_as_of(&desk));
        let desk = RwSignal::new(desk);
        let checks = Memo::new(move |_| {
            let day = as_of.get();
            // The last command's after-check when it is of this day (no second full check).
            Arc::new(desk.with(|d| match d.violations_on(day) {
                Some(v) => ViolationIndex::new(v.to_vec()),
                None => ViolationIndex::check(d.ws(), day),
            }))
        });
        let state = AppState {
            desk,
            office: RwSignal::new(office),
            save: RwSignal::new(save),
            banners: RwSignal::new(banners),
            toast: RwSignal::new(None),
            import: RwSignal::new(ImportStage::Idle),
            as_of,
            checks,
            directory: RwSignal::new(directory),
            backups_changed: RwSignal::new(0),
            persisted: RwSignal::new(None),
            last_export: RwSignal::new(persist::last_exported(&store)),
            reminder_days: RwSignal::new(persist::reminder_days(&store)),
            showcase: RwSignal::new(false),
            saving_enabled: RwSignal::new(enabled),
        };
        state.check_persisted();
        state.listen();
        if fresh {
            // The demo goes into the empty store at once, so what the user sees is what is saved.
            state.save.set(SaveState::Pending);
            state.flush();
        }
        state
    }

    fn listen(self) {
        // Flush a pending save when the tab is hidden or closed; in a conflict, keep this tab's
        // data under its own backup key instead.
        let h1 = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .map(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
                .unwrap_or(false);
            if hidden {
                self.flush();
            }
        });
        let h2 = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        // Ask before closing a tab whose changes could not be saved.
        let h3 = window_event_listener(
            leptos::ev::beforeunload,
            move |ev: web_sys::BeforeUnloadEvent| {
                self.flush();
                let unsaved = match self.save.get_untracked() {
                    SaveState::Saved(_) => false,
                    SaveState::Off(_) => self.desk.with_untracked(|d| d.undo_label().is_some()),
                    _ => true,
                };
                if unsaved {
                    ev.prevent_default();
                    ev.set_return_value("unsaved");
                }
            },
        );
        // Another tab saved: follow it when this tab has nothing unsaved, otherwise ask.
        let h4 = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            if ev.key().as_deref() != Some(persist::KEY_SEQ) {
                return;
            }
            let marker = ev.new_value().unwrap_or_default();
            if SAVER.with(|s| s.borrow().seen() == marker) {
                return;
            }
            match self.save.get_untracked() {
                SaveState::Saved(_) => {
                    if self.reload_from_store() {
                        self.toast.set(Some(Text::new(
                            "已载入另一个标签页保存的最新数据",
                            "Loaded the newer data saved in another tab",
                        )));
                    }
                }
                _ => self.enter_conflict(),
            }
        });
        // The listeners live as long as the page.
        std::mem::forget((h1, h2, h3, h4));
    }

    pub fn ws_untracked(&self) -> Workspace {
        self.desk.with_untracked(|d| d.ws().clone())
    }

    fn ctx_parts(&self) -> (Office, Timestamp, NaiveDate) {
        (
            self.office.get_untracked(),
            browser::now(),
            browser::today(),
        )
    }

    /// Read-only: the showcase is open or this office is a visitor (BR-F3).
    pub fn read_only(&self) -> bool {
        self.showcase.get_untracked() || self.office.with_untracked(|o| o.role == Role::Visitor)
    }

    /// The one way the UI changes data.
    pub fn dispatch(&self, cmd: Command) -> Result<Outcome, CommandError> {
        if self.read_only() {
            self.toast.set(Some(CommandError::ReadOnly.text()));
            return Err(CommandError::ReadOnly);
        }
        let (office, now, today) = self.ctx_parts();
        let mut ids = RandomIds;
        let mut ctx = Ctx {
            now,
            today,
            office: &office,
            ids: &mut ids,
        };
        let result = self
            .desk
            .try_update(|d| d.apply(cmd, &mut ctx))
            .unwrap_or_else(|| Err(CommandError::Rejected(Vec::new())));
        if result.is_ok() {
            self.schedule_save();
        }
        result
    }

    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, undo: bool) {
        if self.read_only() {
            self.toast.set(Some(CommandError::ReadOnly.text()));
            return;
        }
        let (office, now, today) = self.ctx_parts();
        let mut ids = RandomIds;
        let mut ctx = Ctx {
            now,
            today,
            office: &office,
            ids: &mut ids,
        };
        let result = self.desk.try_update(|d| {
            if undo {
                d.undo(&mut ctx)
            } else {
                d.redo(&mut ctx)
            }
        });
        match result {
            Some(Ok(label)) => {
                self.toast.set(Some(label));
                self.schedule_save();
            }
            Some(Err(e)) => self.toast.set(Some(e.text())),
            None => {}
        }
    }

    fn snapshot_now(&self) -> snapshot::Snapshot {
        let office = self.office.get_untracked();
        let mut snap = self
            .desk
            .with_untracked(|d| snapshot::build(d.ws(), &office, browser::now(), APP_VERSION));
        snap.offices = self.directory.get_untracked();
        merge::put_office(&mut snap.offices, &office);
        snap
    }

    fn stored_now(&self) -> Stored {
        Stored {
            snapshot: self.snapshot_now(),
            audit: self.desk.with_untracked(|d| d.audit().to_vec()),
        }
    }

    fn schedule_save(&self) {
        if !self.saving_enabled.get_untracked() {
            return;
        }
        if self.save.get_untracked() != SaveState::Conflict {
            self.save.set(SaveState::Pending);
        }
        let me = *self;
        TIMER.with(|t| {
            *t.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                SAVE_DELAY_MS,
                move || me.flush(),
            ))
        });
    }

    /// Saves now if a save is pending.
    pub fn flush(&self) {
        TIMER.with(|t| t.borrow_mut().take());
        if self.save.get_untracked() == SaveState::Conflict {
            self.stash_own();
            return;
        }
        if !self.saving_enabled.get_untracked()
            || !matches!(
                self.save.get_untracked(),
                SaveState::Pending | SaveState::Failed(_)
            )
        {
            return;
        }
        perf::mark("parkdesk:save:start");
        let stored = self.stored_now();
        let result = SAVER.with(|s| s.borrow_mut().save(&mut LocalStore, &stored));
        perf::measure("parkdesk:save", "parkdesk:save:start");
        perf::saved(result.as_ref().err().map(|e| e.to_string()));
        self.after_save(result);
    }

    fn after_save(&self, result: Result<(), SaveError>) {
        match result {
            Ok(()) => {
                self.save.set(SaveState::Saved(Some(browser::now())));
                self.session_backup();
                self.banners
                    .update(|b| b.retain(|x| !matches!(x, Banner::Storage(_) | Banner::Conflict)));
            }
            Err(SaveError::NewerElsewhere { .. }) => self.enter_conflict(),
            Err(SaveError::Store(e)) => {
                self.save.set(SaveState::Failed(e.text()));
                self.banners.update(|b| {
                    b.retain(|x| !matches!(x, Banner::Storage(_)));
                    b.push(Banner::Storage(e.text()));
                });
            }
        }
    }

    fn enter_conflict(&self) {
        self.save.set(SaveState::Conflict);
        self.stash_own();
        self.banners.update(|b| {
            if !b.contains(&Banner::Conflict) {
                b.push(Banner::Conflict);
            }
        });
    }

    /// Keeps this tab's data under its own conflict key, so nothing typed during a conflict is
    /// lost even if the tab is closed.
    fn stash_own(&self) {
        let key = persist::conflict_key(TAB_STARTED.with(|t| *t));
        if let Err(e) = persist::stash_conflict(&mut LocalStore, &self.stored_now(), &key) {
            self.toast.set(Some(e.text()));
        }
    }

    /// Loads another tab's newest save. Returns false (and enters the conflict state) when it
    /// cannot be read, so this tab's data is never replaced by nothing.
    fn reload_from_store(&self) -> bool {
        match persist::load(&LocalStore) {
            Ok((stored, marker)) => {
                SAVER.with(|s| s.borrow_mut().adopt(marker));
                // Our own stored data: taken as it is, roles included.
                self.directory.update(|d| {
                    for o in &stored.snapshot.offices {
                        merge::put_office(d, o);
                    }
                });
                self.desk
                    .set(Desk::new(stored.snapshot.records, stored.audit));
                self.save.set(SaveState::Saved(Some(browser::now())));
                self.banners
                    .update(|b| b.retain(|x| *x != Banner::Conflict));
                true
            }
            Err(why) => {
                self.enter_conflict();
                self.toast.set(Some(why));
                false
            }
        }
    }

    /// Conflict choice 1: keep this tab's state as a backup, then load the newer save.
    pub fn conflict_load_newest(&self) {
        // This tab's data also becomes a rolling backup, restorable from the backups screen.
        if persist::take_backup(
            &mut LocalStore,
            &self.snapshot_now(),
            BackupReason::BeforeRecovery,
            browser::now(),
            BACKUP_POLICY,
        )
        .is_ok()
        {
            self.backups_changed.update(|n| *n += 1);
        }
        let key = persist::conflict_key(TAB_STARTED.with(|t| *t));
        match persist::stash_conflict(&mut LocalStore, &self.stored_now(), &key) {
            Ok(()) => {
                if self.reload_from_store() {
                    self.toast.set(Some(Text::new(format!("本页的数据已另存为备份（{key}），可在“数据”页下载"), format!("This tab's data was kept as a backup ({key}); download it on the Data page"))));
                }
            }
            Err(e) => self.toast.set(Some(Text::new(
                format!("无法保存备份，未切换：{}", e.text().zh),
                format!("Could not keep a backup, nothing switched: {}", e.text().en),
            ))),
        }
    }

    /// Conflict choice 2: this tab's data wins; the other tab's save is kept as a backup.
    pub fn conflict_keep_mine(&self) {
        let stored = self.stored_now();
        let result = SAVER.with(|s| {
            s.borrow_mut()
                .overwrite(&mut LocalStore, &stored, browser::now())
        });
        match result {
            Ok(kept) => {
                self.after_save(Ok(()));
                if let Some(k) = kept {
                    self.toast.set(Some(Text::new(
                        format!("已以本页数据为准；另一标签页的数据另存为备份（{k}）"),
                        format!(
                            "This tab's data was kept; the other tab's save is backed up ({k})"
                        ),
                    )));
                }
            }
            Err(e) => self.after_save(Err(e)),
        }
    }

    pub fn save_office(&self, office: Office) {
        if let Ok(raw) = serde_json::to_string(&office) {
            let _ = LocalStore.set(KEY_OFFICE, &raw);
        }
        self.office.set(office);
    }

    pub fn export(&self) -> Result<String, Text> {
        let office = self.office.get_untracked();
        let snap = self.snapshot_now();
        let json = snapshot::to_json(&snap).map_err(|e| e.text())?;
        let name = snapshot::file_name(&office, browser::local_now());
        browser::download(&name, &json, "application/json")
            .map_err(|e| Text::new(format!("下载失败：{e}"), format!("Download failed: {e}")))?;
        let now = browser::now();
        let _ = persist::set_last_exported(&mut LocalStore, now);
        self.last_export.set(Some(now));
        Ok(name)
    }

    /// Exports part of the data (one park or record with what belongs to it, or one area) for a
    /// named office. Does not count as the full export the reminder asks for.
    pub fn export_partial(
        &self,
        records: Workspace,
        scope: snapshot::Scope,
        file_tag: &str,
    ) -> Result<String, Text> {
        let office = self.office.get_untracked();
        let mut snap = self.snapshot_now();
        snap.records = records;
        snap.scope = Some(scope);
        let json = snapshot::to_json(&snap).map_err(|e| e.text())?;
        let name = snapshot::file_name(&office, browser::local_now())
            .replace(".json", &format!("-{file_tag}.json"));
        browser::download(&name, &json, "application/json")
            .map_err(|e| Text::new(format!("下载失败：{e}"), format!("Download failed: {e}")))?;
        Ok(name)
    }

    pub fn set_reminder_days(&self, days: u32) {
        let _ = persist::set_reminder_days(&mut LocalStore, days);
        self.reminder_days.set(days);
    }

    /// Whether to remind the user to export (tracked).
    pub fn export_reminder_due(&self) -> bool {
        let changes: Vec<Timestamp> = self.desk.with(|d| d.audit().iter().map(|a| a.at).collect());
        persist::export_reminder_due(
            &changes,
            self.last_export.get(),
            browser::now(),
            self.reminder_days.get(),
        )
    }

    /// A rolling backup once per interval of a session (the first one after the interval, so a
    /// fresh store is not filled with copies of the demo).
    fn session_backup(&self) {
        let now = browser::now();
        let due = LAST_SESSION_BACKUP
            .with(|t| now - *t.borrow() >= chrono::Duration::minutes(SESSION_BACKUP_MINUTES));
        if !due {
            return;
        }
        LAST_SESSION_BACKUP.with(|t| *t.borrow_mut() = now);
        if persist::take_backup(
            &mut LocalStore,
            &self.snapshot_now(),
            BackupReason::Auto,
            now,
            BACKUP_POLICY,
        )
        .is_ok()
        {
            self.backups_changed.update(|n| *n += 1);
        }
    }

    /// Keeps the current data as a rolling backup before an operation replaces or changes much
    /// of it. Without storage (saving off) there is nothing to write to: Undo is the way back.
    fn backup_before(&self, reason: BackupReason) -> Result<bool, Text> {
        if !self.saving_enabled.get_untracked() {
            return Ok(false);
        }
        let result = persist::take_backup(
            &mut LocalStore,
            &self.snapshot_now(),
            reason,
            browser::now(),
            BACKUP_POLICY,
        );
        // No room for a backup, but nothing changed since the last full export: that file holds
        // the data, so going on loses nothing (otherwise a full storage would block every import).
        let exported_since_change = self.last_export.get_untracked().is_some_and(|e| {
            self.desk
                .with_untracked(|d| d.audit().iter().all(|a| a.at <= e))
        });
        if result.is_err() && exported_since_change {
            self.toast.set(Some(Text::new(
                "存储空间不足，未能另存备份；上次导出的文件包含当前全部数据",
                "No room for a backup; the last exported file holds all current data",
            )));
            return Ok(false);
        }
        result.map_err(|e| {
            Text::new(
                format!(
                    "无法先备份当前数据（{}），为防丢失没有继续。请先导出当前数据",
                    e.text().zh
                ),
                format!(
                    "Could not back up the current data first ({}); nothing was changed. Export your data first",
                    e.text().en
                ),
            )
        })?;
        self.backups_changed.update(|n| *n += 1);
        Ok(true)
    }

    /// Asks whether the browser keeps this site's storage (shown on the Data page).
    fn check_persisted(&self) {
        let me = *self;
        leptos::task::spawn_local(async move {
            me.persisted.set(browser::storage_persisted(false).await);
        });
    }

    /// Asks the browser to keep this site's storage even when disk space runs low.
    pub fn request_persist(&self) {
        let me = *self;
        leptos::task::spawn_local(async move {
            me.persisted.set(browser::storage_persisted(true).await);
        });
    }

    /// Checks a file's text; nothing changes until [`Self::confirm_import`].
    pub fn check_import(&self, file: String, text: String) {
        let me = *self;
        leptos::task::spawn_local(async move {
            me.run_import(file, None, Some(text.into_bytes())).await
        });
    }

    /// Reads a file the user chose or dropped, then checks it like [`Self::check_import`].
    pub fn import_file(&self, file: web_sys::File) {
        let me = *self;
        let name = file.name();
        leptos::task::spawn_local(async move { me.run_import(name, Some(file), None).await });
    }

    /// The import check in steps, with the page painted between them so the user sees which
    /// step runs (a single step such as parsing a 300 MB file still blocks the page while it
    /// runs: serde_json has no incremental parser, see ARCHITECTURE.md). A newer import
    /// started meanwhile supersedes this one.
    async fn run_import(self, name: String, file: Option<web_sys::File>, text: Option<Vec<u8>>) {
        let run = IMPORT_RUN.with(|r| {
            r.set(r.get() + 1);
            r.get()
        });
        let bytes = file
            .as_ref()
            .map(|f| f.size())
            .or(text.as_ref().map(|t| t.len() as f64))
            .unwrap_or(0.0);
        let started = perf::now();
        perf::mark("parkdesk:import:start");
        let fail = |error: Text, details: Vec<Text>| ImportStage::Failed {
            file: name.clone(),
            error,
            details,
        };
        // Shows `step`, lets the browser paint it, and marks its start. False when superseded.
        let enter = async |step: ImportStep| {
            self.import.set(ImportStage::Working {
                file: name.clone(),
                step,
                started,
                bytes,
            });
            perf::next_paint().await;
            perf::mark(&format!("parkdesk:import:{}:start", step.code()));
            IMPORT_RUN.with(|r| r.get()) == run
        };
        let leave = |step: ImportStep| {
            let code = step.code();
            perf::measure(
                &format!("parkdesk:import:{code}"),
                &format!("parkdesk:import:{code}:start"),
            );
        };

        if !enter(ImportStep::Read).await {
            return;
        }
        let text = match (file, text) {
            (_, Some(t)) => t,
            (Some(f), None) => match browser::read_bytes(f).await {
                Ok(t) => t,
                Err(e) => {
                    self.import.set(fail(
                        Text::new(
                            format!("无法读取文件：{e}"),
                            format!("Cannot read the file: {e}"),
                        ),
                        Vec::new(),
                    ));
                    return;
                }
            },
            (None, None) => return,
        };
        leave(ImportStep::Read);

        if !enter(ImportStep::Parse).await {
            return;
        }
        let value = snapshot::parse_bytes(&text);
        drop(text);
        leave(ImportStep::Parse);
        let value = match value {
            Ok(v) => v,
            Err(e) => return self.import.set(fail(e.text(), e.details())),
        };

        if !enter(ImportStep::Checksum).await {
            return;
        }
        let integrity = snapshot::integrity_of_file(&value);
        leave(ImportStep::Checksum);

        if !enter(ImportStep::Migrate).await {
            return;
        }
        let upgraded = snapshot::upgrade(value);
        leave(ImportStep::Migrate);
        let (value, from_schema, notes) = match upgraded {
            Ok(u) => u,
            Err(e) => return self.import.set(fail(e.text(), e.details())),
        };

        if !enter(ImportStep::Decode).await {
            return;
        }
        let decoded = snapshot::decode(value);
        leave(ImportStep::Decode);
        let snap = match decoded {
            Ok(s) => s,
            Err(e) => return self.import.set(fail(e.text(), e.details())),
        };

        if !enter(ImportStep::Validate).await {
            return;
        }
        let checked = snapshot::validate(snap, from_schema, notes, integrity, browser::today());
        leave(ImportStep::Validate);

        perf::mark("parkdesk:import:ready:start");
        match checked {
            Ok(checked) => self.import.set(ImportStage::Checked {
                file: name.clone(),
                checked: Box::new(checked),
            }),
            Err(e) => self.import.set(fail(e.text(), e.details())),
        }
        // Ready once the preview (or the error) has been laid out.
        perf::on_next_frame(move || {
            leave(ImportStep::Ready);
            perf::measure("parkdesk:import", "parkdesk:import:start");
        });
    }

    pub fn confirm_import(&self) {
        // Taken out rather than cloned: at province scale the file's records are large.
        let stage = self
            .import
            .try_update_untracked(|s| std::mem::replace(s, ImportStage::Idle));
        let Some(ImportStage::Checked { file, checked }) = stage else {
            return;
        };
        perf::mark("parkdesk:import:apply:start");
        let backed_up = match self.backup_before(BackupReason::BeforeImport) {
            Ok(b) => b,
            Err(error) => {
                self.import.set(ImportStage::Failed {
                    file,
                    error,
                    details: Vec::new(),
                });
                return;
            }
        };
        let offices = checked.snapshot.offices.clone();
        let summary = Text::new(format!("导入文件 {file}"), format!("Imported file {file}"));
        let result = self.dispatch(Command::ReplaceAll {
            workspace: Box::new(checked.snapshot.records),
            summary,
        });
        perf::measure("parkdesk:import:apply", "parkdesk:import:apply:start");
        match result {
            Ok(_) => {
                self.directory.update(|d| {
                    merge::merge_directory(d, &offices);
                });
                self.flush();
                let done = if backed_up {
                    Text::new(
                        format!("已导入 {file}。导入前的数据已备份，可一键恢复"),
                        format!(
                            "Imported {file}. The previous data was backed up and can be restored in one click"
                        ),
                    )
                } else {
                    Text::new(
                        format!(
                            "已导入 {file}。浏览器存储不可用，未能备份导入前的数据：可用“撤销”恢复"
                        ),
                        format!(
                            "Imported {file}. Browser storage is unavailable, so no backup was written: use Undo to go back"
                        ),
                    )
                };
                self.import.set(ImportStage::Done(done));
            }
            Err(e) => self.import.set(ImportStage::Failed {
                file,
                error: e.text(),
                details: Vec::new(),
            }),
        }
    }

    fn merge_plan(&self, checked: &Checked, decisions: &Decisions) -> Plan {
        let me = self.office.get_untracked();
        let mut dir = self.directory.get_untracked();
        merge::merge_file_offices(
            &mut dir,
            &checked.snapshot.offices,
            &checked.snapshot.office,
        );
        let ctx = MergeCtx {
            me: &me,
            now: browser::now(),
            directory: &dir,
        };
        self.desk
            .with_untracked(|d| merge::plan(d.ws(), &checked.snapshot.records, &ctx, decisions))
    }

    /// From the checked file to the merge review (nothing changes yet).
    pub fn start_merge(&self) {
        let ImportStage::Checked { file, checked } = self.import.get_untracked() else {
            return;
        };
        let decisions = Decisions::new();
        let plan = self.merge_plan(&checked, &decisions);
        self.import.set(ImportStage::Review {
            file,
            checked,
            decisions,
            plan: Box::new(plan),
        });
    }

    /// Roles the file under review claims for offices this copy already knows, where they
    /// differ (tracked: an adopted role leaves the list).
    pub fn role_claims(&self) -> Vec<merge::RoleClaim> {
        let mut dir = self.directory.get();
        self.import.with(|s| match s {
            ImportStage::Review { checked, .. } => merge::merge_file_offices(
                &mut dir,
                &checked.snapshot.offices,
                &checked.snapshot.office,
            ),
            _ => Vec::new(),
        })
    }

    /// The local user's decision to take the role a file claims for a known office; the
    /// review is recomputed, since roles decide field ownership.
    pub fn adopt_role(&self, office: &str, role: Role) {
        self.directory.update(|d| {
            merge::set_role(d, office, role);
        });
        self.flush();
        self.decide(|_, _| {});
    }

    /// Changes the decision for some records and recomputes the review.
    pub fn decide(&self, change: impl FnOnce(&mut Decisions, &Plan)) {
        let ImportStage::Review {
            file,
            checked,
            mut decisions,
            plan,
        } = self.import.get_untracked()
        else {
            return;
        };
        change(&mut decisions, &plan);
        let plan = self.merge_plan(&checked, &decisions);
        self.import.set(ImportStage::Review {
            file,
            checked,
            decisions,
            plan: Box::new(plan),
        });
    }

    /// Applies the reviewed merge as one command, after a backup.
    pub fn apply_merge(&self) {
        let ImportStage::Review {
            file,
            checked,
            decisions,
            ..
        } = self.import.get_untracked()
        else {
            return;
        };
        // Recomputed against the data as it is now (another tab may have saved meanwhile).
        let plan = self.merge_plan(&checked, &decisions);
        if let Err(error) = self.backup_before(BackupReason::BeforeMerge) {
            self.toast.set(Some(error));
            return;
        }
        let mut left_out: Vec<(String, Text)> = plan
            .items
            .iter()
            .filter(|i| i.accepted && i.refused.is_some())
            .map(|i| {
                (
                    format!("{}“{}”", i.kind.zh(), i.label),
                    i.refused.clone().unwrap_or_else(|| Text::new("", "")),
                )
            })
            .collect();
        match self.dispatch(Command::Merge {
            records: plan.records(),
            summary: plan.summary(&file),
        }) {
            Ok(out) => {
                let ws = self.ws_untracked();
                left_out.extend(out.refused.iter().map(|v| {
                    (
                        format!("{}“{}”", v.kind.zh(), ws.label_of(v.kind, &v.id)),
                        v.message.clone(),
                    )
                }));
                let offices = checked.snapshot.offices.clone();
                let sender = checked.snapshot.office.clone();
                self.directory.update(|d| {
                    merge::merge_file_offices(d, &offices, &sender);
                });
                self.flush();
                self.import.set(ImportStage::Merged {
                    summary: out.summary,
                    left_out,
                });
            }
            Err(e) => self.toast.set(Some(e.text())),
        }
    }

    /// The newest backup taken before an import or a merge, if any.
    pub fn latest_import_backup(&self) -> Option<persist::BackupInfo> {
        persist::list_backups(&LocalStore)
            .into_iter()
            .rev()
            .find(|b| {
                matches!(
                    b.reason,
                    BackupReason::BeforeImport | BackupReason::BeforeMerge
                )
            })
    }

    pub fn has_import_backup(&self) -> bool {
        self.latest_import_backup().is_some()
    }

    /// Restores the data from before the last import or merge (undoable).
    pub fn restore_import_backup(&self) -> Result<usize, Text> {
        let b = self.latest_import_backup().ok_or_else(|| {
            Text::new(
                "没有可恢复的导入前备份",
                "There is no pre-import backup to restore",
            )
        })?;
        self.restore_backup(&b.key)
    }

    /// Restores any rolling backup as it is (even with rule violations, whose number is
    /// returned). The current data is backed up first; the restore is one undoable command.
    pub fn restore_backup(&self, key: &str) -> Result<usize, Text> {
        let snap = persist::read_backup(&LocalStore, key)?;
        self.backup_before(BackupReason::BeforeRestore)?;
        let when = persist::list_backups(&LocalStore)
            .into_iter()
            .find(|b| b.key == key)
            .map(|b| {
                b.at.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|| key.to_string());
        let summary = Text::new(
            format!("恢复备份 {when}"),
            format!("Restored backup {when}"),
        );
        let out = self
            .dispatch(Command::Restore {
                workspace: Box::new(snap.records),
                summary,
            })
            .map_err(|e| e.text())?;
        // Our own stored data: taken as it is, roles included.
        self.directory.update(|d| {
            for o in &snap.offices {
                merge::put_office(d, o);
            }
        });
        self.flush();
        Ok(out.warnings.len())
    }

    /// Demo data only into an empty workspace.
    pub fn load_demo(&self) -> Result<(), Text> {
        if !self.desk.with_untracked(|d| d.ws().is_empty()) {
            return Err(Text::new(
                "已有数据，不能载入示例数据",
                "There is data already; the sample data is loaded only into an empty workspace",
            ));
        }
        let summary = Text::new("载入示例数据", "Loaded the sample data");
        self.dispatch(Command::ReplaceAll {
            workspace: Box::new(sample::demo()),
            summary,
        })
        .map(|_| ())
        .map_err(|e| e.text())
    }

    pub fn unreadable_raw(&self) -> Option<String> {
        UNREADABLE_RAW.with(|r| r.borrow().clone())
    }

    pub fn backup_value(&self, key: &str) -> Option<String> {
        LocalStore.get(key).ok().flatten()
    }
}
