//! Every change goes through [`Desk::apply`]: validation, undo/redo and the audit log hang here, and
//! the UI never edits a record itself.

use chrono::NaiveDate;
use thiserror::Error;

use super::audit::{AuditAction, AuditEntry, push_bounded};
use super::inspection::CheckTarget;
use super::meta::{Id, IdSource, Meta, Office, Provenance, Timestamp};
use super::org::{OrgKind, OrgUnitData};
use super::rules::{self, Severity, Violation};
use super::text::Text;
use super::workspace::{Data, Kind, Record, Workspace};

/// The facts a command needs from outside: time, the acting office and fresh ids.
pub struct Ctx<'a> {
    pub now: Timestamp,
    pub today: NaiveDate,
    pub office: &'a Office,
    pub ids: &'a mut dyn IdSource,
}

// Commands live for one call each, so a large variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Create (`id: None`) or update a record. `base_rev` is the revision the editor started
    /// from; when the record has moved on since (another tab, an import), the save is refused
    /// instead of silently overwriting the newer version.
    Save {
        id: Option<Id>,
        data: Data,
        base_rev: Option<u32>,
    },
    /// Delete (tombstone) a record that nothing live refers to.
    Delete { kind: Kind, id: Id },
    /// Create several records in one step, all or none (e.g. one document delegating a set of
    /// catalogue items to a park, or a catalogue imported from CSV). One undo step.
    CreateMany { items: Vec<Data>, summary: Text },
    /// Create or update several records in one step, all or none (e.g. an appointment produced
    /// by a selection together with the selection's move to 任职). One undo step.
    SaveMany { items: Vec<SaveItem>, summary: Text },
    /// Replace everything by an imported, already validated workspace.
    ReplaceAll {
        workspace: Box<Workspace>,
        summary: Text,
    },
    /// Write the records a merge review accepted (`merge::Plan::records`), as one step. A record
    /// that would bring a new Block violation is left out (reported in `Outcome::refused`);
    /// undo restores every record exactly as it was, so the same file can be reviewed again.
    Merge {
        records: Vec<Record>,
        summary: super::merge::MergeSummary,
    },
    /// Restore a backup as it is: unlike `ReplaceAll` it is not refused for Block violations
    /// (they are returned as warnings), so a backup can always be brought back. Undoable.
    Restore {
        workspace: Box<Workspace>,
        summary: Text,
    },
    /// One step of a supervision state machine (campaign, finding, rectification order,
    /// accountability action): the step's guards are checked and the record's history written
    /// here, never by an editor. `base_rev` as for `Save`.
    Act {
        id: Id,
        act: Act,
        base_rev: Option<u32>,
    },
}

/// A state-machine step, by the kind of record it applies to.
#[derive(Clone, Debug, PartialEq)]
pub enum Act {
    Campaign(super::inspection::CampaignStep),
    Finding(super::finding::FindingStep),
    Rectification(super::rectification::RectAction),
    Accountability(super::accountability::AccountabilityStep),
    /// A step of an assessment scheme (草案 → 已发布 → … → 已运用, or back with a reason).
    Scheme(super::assessment::SchemeStep),
}

impl Act {
    pub fn kind(&self) -> Kind {
        match self {
            Act::Campaign(_) => Kind::InspectionCampaign,
            Act::Finding(_) => Kind::Finding,
            Act::Rectification(_) => Kind::RectificationOrder,
            Act::Accountability(_) => Kind::AccountabilityAction,
            Act::Scheme(_) => Kind::AssessmentScheme,
        }
    }

    pub fn label(&self) -> Text {
        match self {
            Act::Campaign(s) => Text::new(s.to.zh(), s.to.en()),
            Act::Finding(s) => Text::new(s.to.zh(), s.to.en()),
            Act::Rectification(a) => a.label(),
            Act::Accountability(s) => Text::new(s.to.zh(), s.to.en()),
            Act::Scheme(s) => Text::new(s.to.zh(), s.to.en()),
        }
    }
}

/// One record of a [`Command::SaveMany`]: like a `Save`.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveItem {
    pub id: Option<Id>,
    pub data: Data,
    pub base_rev: Option<u32>,
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum CommandError {
    #[error("record {kind:?} {id} does not exist or was deleted")]
    NotFound { kind: Kind, id: Id },
    #[error("refused: {}", .0.first().map(|v| v.message.en.as_str()).unwrap_or("rule violated"))]
    Rejected(Vec<Violation>),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    /// The showcase and the visitor role are read-only (BR-F3): no command is applied.
    #[error("read-only: showcase or visitor mode")]
    ReadOnly,
}

impl CommandError {
    /// The message a clerk reads.
    pub fn text(&self) -> Text {
        match self {
            CommandError::NotFound { kind, .. } => Text::new(
                format!("该{}不存在或已删除", kind.zh()),
                format!(
                    "This {} does not exist or was deleted",
                    kind.en().to_lowercase()
                ),
            ),
            CommandError::Rejected(v) => match v.first() {
                Some(first) if v.len() == 1 => first.message.clone(),
                Some(first) => Text::new(
                    format!("{}（另有 {} 处问题）", first.message.zh, v.len() - 1),
                    format!("{} (and {} more problems)", first.message.en, v.len() - 1),
                ),
                None => Text::new("操作未通过校验", "The change did not pass validation"),
            },
            CommandError::NothingToUndo => Text::new("没有可撤销的操作", "Nothing to undo"),
            CommandError::NothingToRedo => Text::new("没有可重做的操作", "Nothing to redo"),
            CommandError::ReadOnly => Text::new(
                "展示模式（参观访客）为只读，不能修改数据",
                "Showcase (visitor) mode is read-only: nothing can be changed",
            ),
        }
    }
}

/// One record before and after a change (`before: None` for a creation).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub before: Option<Record>,
    pub after: Record,
}

#[derive(Clone, Debug, PartialEq)]
enum Body {
    Patch(Vec<Change>),
    Replace {
        before: Box<Workspace>,
        after: Box<Workspace>,
    },
    /// Undone and redone exactly (metadata included), for merges.
    Exact(Vec<Change>),
}

#[derive(Clone, Debug, PartialEq)]
struct Step {
    label: Text,
    body: Body,
}

/// What a successful command did.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub summary: Text,
    /// Id of the main record created or changed.
    pub id: Option<Id>,
    /// Warnings that now stand on the records the command touched (for a restore: every Block
    /// violation of the restored data).
    pub warnings: Vec<Violation>,
    /// Records a merge left out because they would break a rule.
    pub refused: Vec<Violation>,
}

const HISTORY_LIMIT: usize = 100;

/// The workspace with its audit log and undo history: the single place changes happen.
#[derive(Clone, Debug, Default)]
pub struct Desk {
    ws: Workspace,
    audit: Vec<AuditEntry>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The violations of `ws` on a date, kept from the last command's after-check: the next
    /// command's before-check and the UI's check read them instead of checking again (at province
    /// scale a check takes seconds). Cleared whenever `ws` changes any other way.
    checked: Option<(NaiveDate, Vec<Violation>)>,
    /// `checked`, taken at the start of a command for its before-check.
    before: Option<(NaiveDate, Vec<Violation>)>,
}

impl Desk {
    pub fn new(ws: Workspace, audit: Vec<AuditEntry>) -> Self {
        Desk {
            ws,
            audit,
            undo: Vec::new(),
            redo: Vec::new(),
            checked: None,
            before: None,
        }
    }

    /// The violations of the workspace on `day` if the last command left them (see `checked`).
    pub fn violations_on(&self, day: NaiveDate) -> Option<&[Violation]> {
        self.checked
            .as_ref()
            .filter(|(d, _)| *d == day)
            .map(|(_, v)| v.as_slice())
    }

    /// The before-check of a command: the kept violations when they are of `today`.
    fn before_check(&mut self, today: NaiveDate) -> Vec<Violation> {
        match self.before.take() {
            Some((d, v)) if d == today => v,
            _ => rules::check_all(&self.ws, today),
        }
    }

    pub fn ws(&self) -> &Workspace {
        &self.ws
    }

    pub fn audit(&self) -> &[AuditEntry] {
        &self.audit
    }

    pub fn undo_label(&self) -> Option<&Text> {
        self.undo.last().map(|s| &s.label)
    }

    pub fn redo_label(&self) -> Option<&Text> {
        self.redo.last().map(|s| &s.label)
    }

    pub fn apply(&mut self, cmd: Command, ctx: &mut Ctx) -> Result<Outcome, CommandError> {
        // Whatever the command does, the kept check no longer describes `ws` afterwards unless
        // `finish` stores a new one.
        self.before = self.checked.take();
        let result = self.apply_command(cmd, ctx);
        self.before = None;
        result
    }

    fn apply_command(&mut self, cmd: Command, ctx: &mut Ctx) -> Result<Outcome, CommandError> {
        match cmd {
            Command::ReplaceAll { workspace, summary } => {
                let blocks: Vec<_> = rules::check_all(&workspace, ctx.today)
                    .into_iter()
                    .filter(|v| v.severity == Severity::Block)
                    .collect();
                if !blocks.is_empty() {
                    return Err(CommandError::Rejected(blocks));
                }
                let before = Box::new(std::mem::replace(&mut self.ws, *workspace));
                self.record(ctx, AuditAction::Import, None, None, summary.clone());
                self.push_step(Step {
                    label: summary.clone(),
                    body: Body::Replace {
                        before,
                        after: Box::new(self.ws.clone()),
                    },
                });
                Ok(Outcome {
                    summary,
                    id: None,
                    warnings: Vec::new(),
                    refused: Vec::new(),
                })
            }
            Command::Restore { workspace, summary } => {
                let warnings: Vec<_> = rules::check_all(&workspace, ctx.today)
                    .into_iter()
                    .filter(|v| v.severity == Severity::Block)
                    .collect();
                let before = Box::new(std::mem::replace(&mut self.ws, *workspace));
                self.record(ctx, AuditAction::Restore, None, None, summary.clone());
                self.push_step(Step {
                    label: summary.clone(),
                    body: Body::Replace {
                        before,
                        after: Box::new(self.ws.clone()),
                    },
                });
                Ok(Outcome {
                    summary,
                    id: None,
                    warnings,
                    refused: Vec::new(),
                })
            }
            Command::Merge { records, summary } => self.merge(records, summary, ctx),
            Command::Save { id, data, base_rev } => {
                let before_v = self.before_check(ctx.today);
                let (changes, main_id, action) = match id {
                    None => {
                        if let Some(v) = super::supervision_rules::new_record_guard(&data)
                            .or_else(|| super::assessment_rules::guard(&self.ws, None, &data))
                        {
                            return Err(CommandError::Rejected(vec![v]));
                        }
                        self.create(data, ctx)
                    }
                    Some(id) => self.update(&id, data, base_rev, ctx)?,
                };
                if changes.is_empty() {
                    return Ok(Outcome {
                        summary: Text::new("没有改动", "No change"),
                        id: Some(main_id),
                        warnings: Vec::new(),
                        refused: Vec::new(),
                    });
                }
                self.finish(changes, main_id, action, &before_v, ctx)
            }
            Command::Delete { kind, id } => {
                let before_v = self.before_check(ctx.today);
                let changes = self.delete(kind, &id, ctx)?;
                self.finish(changes, id, AuditAction::Delete, &before_v, ctx)
            }
            Command::SaveMany { items, summary } => {
                if items.is_empty() {
                    return Ok(Outcome {
                        summary: Text::new("没有改动", "No change"),
                        id: None,
                        warnings: Vec::new(),
                        refused: Vec::new(),
                    });
                }
                let before_v = self.before_check(ctx.today);
                let mut changes = Vec::new();
                let mut first = None;
                for item in items {
                    let step = match item.id {
                        None => match super::assessment_rules::guard(&self.ws, None, &item.data) {
                            Some(v) => Err(CommandError::Rejected(vec![v])),
                            None => Ok(self.create(item.data, ctx)),
                        },
                        Some(id) => self.update(&id, item.data, item.base_rev, ctx),
                    };
                    match step {
                        Ok((mut c, id, _)) => {
                            first.get_or_insert(id);
                            changes.append(&mut c);
                        }
                        Err(e) => {
                            self.roll_back(&changes);
                            return Err(e);
                        }
                    }
                }
                if changes.is_empty() {
                    return Ok(Outcome {
                        summary: Text::new("没有改动", "No change"),
                        id: first,
                        warnings: Vec::new(),
                        refused: Vec::new(),
                    });
                }
                let main_id = changes[0].after.meta().id.clone();
                let mut out = self.finish(changes, main_id, AuditAction::Update, &before_v, ctx)?;
                if let Some(step) = self.undo.last_mut() {
                    step.label = summary.clone();
                }
                if let Some(entry) = self.audit.last_mut() {
                    entry.summary = summary.clone();
                }
                out.summary = summary;
                Ok(out)
            }
            Command::Act { id, act, base_rev } => {
                let before_v = self.before_check(ctx.today);
                let changes = self.act(&id, &act, base_rev, ctx)?;
                let kind = act.kind();
                let label = self.ws.label_of(kind, &id);
                let step = act.label();
                let mut out = self.finish(changes, id, AuditAction::Update, &before_v, ctx)?;
                let summary = Text::new(
                    format!("{}“{label}”：{}", kind.zh(), step.zh),
                    format!("{} “{label}”: {}", kind.en(), step.en),
                );
                if let Some(s) = self.undo.last_mut() {
                    s.label = summary.clone();
                }
                if let Some(entry) = self.audit.last_mut() {
                    entry.summary = summary.clone();
                }
                out.summary = summary;
                Ok(out)
            }
            Command::CreateMany { items, summary } => {
                if items.is_empty() {
                    return Ok(Outcome {
                        summary: Text::new("没有要新增的记录", "Nothing to create"),
                        id: None,
                        warnings: Vec::new(),
                        refused: Vec::new(),
                    });
                }
                let guards: Vec<Violation> = items
                    .iter()
                    .filter_map(|d| {
                        super::supervision_rules::new_record_guard(d)
                            .or_else(|| super::assessment_rules::guard(&self.ws, None, d))
                    })
                    .collect();
                if !guards.is_empty() {
                    return Err(CommandError::Rejected(guards));
                }
                let before_v = self.before_check(ctx.today);
                let mut changes = Vec::new();
                let mut first = None;
                for data in items {
                    let (mut c, id, _) = self.create(data, ctx);
                    first.get_or_insert(id);
                    changes.append(&mut c);
                }
                let main_id = first.unwrap_or_default();
                let mut out = self.finish(changes, main_id, AuditAction::Create, &before_v, ctx)?;
                // The step and the log carry the batch's own summary.
                if let Some(step) = self.undo.last_mut() {
                    step.label = summary.clone();
                }
                if let Some(entry) = self.audit.last_mut() {
                    entry.summary = summary.clone();
                    entry.record_id = None;
                }
                out.summary = summary;
                Ok(out)
            }
        }
    }

    fn finish(
        &mut self,
        changes: Vec<Change>,
        main_id: Id,
        action: AuditAction,
        before_v: &[Violation],
        ctx: &mut Ctx,
    ) -> Result<Outcome, CommandError> {
        let after_v = rules::check_all(&self.ws, ctx.today);
        let blocks = rules::new_blocks(before_v, after_v.clone());
        if !blocks.is_empty() {
            self.roll_back(&changes);
            return Err(CommandError::Rejected(blocks));
        }
        let main = &changes[0].after;
        let kind = main.kind();
        let label = self.ws.label_of(kind, &main_id);
        let summary = match action {
            AuditAction::Create => Text::new(
                format!("新增{}“{label}”", kind.zh()),
                format!("Created {} “{label}”", kind.en().to_lowercase()),
            ),
            AuditAction::Delete => Text::new(
                format!("删除{}“{label}”", kind.zh()),
                format!("Deleted {} “{label}”", kind.en().to_lowercase()),
            ),
            _ => Text::new(
                format!("修改{}“{label}”", kind.zh()),
                format!("Updated {} “{label}”", kind.en().to_lowercase()),
            ),
        };
        let touched: Vec<&str> = changes.iter().map(|c| c.after.meta().id.as_str()).collect();
        let warnings = after_v
            .iter()
            .filter(|v| v.severity != Severity::Block && touched.contains(&v.id.as_str()))
            .cloned()
            .collect();
        self.checked = Some((ctx.today, after_v));
        self.record(
            ctx,
            action,
            Some(kind),
            Some(main_id.clone()),
            summary.clone(),
        );
        self.push_step(Step {
            label: summary.clone(),
            body: Body::Patch(changes),
        });
        Ok(Outcome {
            summary,
            id: Some(main_id),
            warnings,
            refused: Vec::new(),
        })
    }

    fn merge(
        &mut self,
        records: Vec<Record>,
        summary: super::merge::MergeSummary,
        ctx: &mut Ctx,
    ) -> Result<Outcome, CommandError> {
        let before_v = self.before_check(ctx.today);
        let mut set = records;
        let mut refused: Vec<Violation> = Vec::new();
        // A record that brings a new Block is left out and the rest tried again (a few rounds: a
        // left-out record can only remove blocks, except for records that depended on it).
        for _ in 0..5 {
            let changes: Vec<Change> = set
                .iter()
                .map(|r| {
                    let before = self.ws.get(r.kind(), &r.meta().id);
                    self.ws.put(r.clone());
                    Change {
                        before,
                        after: r.clone(),
                    }
                })
                .collect();
            let after_v = rules::check_all(&self.ws, ctx.today);
            let blocks = rules::new_blocks(&before_v, after_v.clone());
            if blocks.is_empty() {
                let touched: std::collections::HashSet<(Kind, &str)> = changes
                    .iter()
                    .map(|c| (c.after.kind(), c.after.meta().id.as_str()))
                    .collect();
                let warnings = after_v
                    .into_iter()
                    .filter(|v| {
                        v.severity != Severity::Block && touched.contains(&(v.kind, v.id.as_str()))
                    })
                    .collect();
                let left_out: std::collections::HashSet<(Kind, &str)> =
                    refused.iter().map(|v| (v.kind, v.id.as_str())).collect();
                let summary = summary.text(&left_out);
                self.record(ctx, AuditAction::Merge, None, None, summary.clone());
                if !changes.is_empty() {
                    self.push_step(Step {
                        label: summary.clone(),
                        body: Body::Exact(changes),
                    });
                }
                return Ok(Outcome {
                    summary,
                    id: None,
                    warnings,
                    refused,
                });
            }
            self.roll_back(&changes);
            // Indexed, not a scan of the set per violation: a file of 30,000 bad records
            // would otherwise be quadratic.
            let in_set: std::collections::HashSet<(Kind, &str)> = set
                .iter()
                .map(|r| (r.kind(), r.meta().id.as_str()))
                .collect();
            let offenders: std::collections::HashSet<(Kind, String)> = blocks
                .iter()
                .filter(|v| in_set.contains(&(v.kind, v.id.as_str())))
                .map(|v| (v.kind, v.id.clone()))
                .collect();
            drop(in_set);
            if offenders.is_empty() {
                return Err(CommandError::Rejected(blocks));
            }
            refused.extend(
                blocks
                    .into_iter()
                    .filter(|v| offenders.contains(&(v.kind, v.id.clone()))),
            );
            set.retain(|r| !offenders.contains(&(r.kind(), r.meta().id.clone())));
        }
        Err(CommandError::Rejected(refused))
    }

    fn create(&mut self, data: Data, ctx: &mut Ctx) -> (Vec<Change>, Id, AuditAction) {
        let id = ctx.ids.next_id(ctx.now);
        let mut changes = Vec::new();
        let park_name = match &data {
            Data::Park(p) => Some(p.name_zh.trim().to_string()),
            _ => None,
        };
        let mut data = data;
        // State-machine history is written by the command path only, never by an editor.
        if let Data::SelectionCampaign(c) = &mut data {
            c.history.clear();
        }
        // Only a check that already has a verdict needs a finding; pending checks (created in bulk
        // for a campaign) skip the look-up.
        let follow = matches!(&data, Data::InspectionCheck(c) if c.is_done());
        let rec = Record::new(
            Meta::new(id.clone(), ctx.now, ctx.office, Provenance::UserEntered),
            data,
        );
        self.ws.put(rec.clone());
        changes.push(Change {
            before: None,
            after: rec,
        });
        // A verdict recorded with the check creates its draft finding (BR-E3) and order (BR-E5).
        if follow {
            self.follow_check(&id, ctx, &mut changes);
        }
        // A park is led by its own 党工委 and 管委会 (S1.3, BR-A6): create both with the park.
        if let Some(name) = park_name {
            for (kind, suffix) in [
                (OrgKind::ParkPartyCommittee, "党工委"),
                (OrgKind::ParkMgmtCommittee, "管委会"),
            ] {
                let org_id = ctx.ids.next_id(ctx.now);
                let data = Data::OrgUnit(OrgUnitData {
                    park_id: Some(id.clone()),
                    ..OrgUnitData::new(format!("{name}{suffix}"), kind)
                });
                let rec = Record::new(
                    Meta::new(org_id, ctx.now, ctx.office, Provenance::UserEntered),
                    data,
                );
                self.ws.put(rec.clone());
                changes.push(Change {
                    before: None,
                    after: rec,
                });
            }
        }
        (changes, id, AuditAction::Create)
    }

    fn update(
        &mut self,
        id: &str,
        data: Data,
        base_rev: Option<u32>,
        ctx: &mut Ctx,
    ) -> Result<(Vec<Change>, Id, AuditAction), CommandError> {
        let kind = data.kind();
        let current = self
            .ws
            .get(kind, id)
            .filter(|r| !r.meta().deleted)
            .ok_or_else(|| CommandError::NotFound {
                kind,
                id: id.to_string(),
            })?;
        if base_rev.is_some_and(|base| base != current.meta().rev) {
            return Err(stale(kind, id));
        }
        if current.same_data(&data) {
            return Ok((Vec::new(), id.to_string(), AuditAction::Update));
        }
        let mut data = data;
        if let (Record::Delegation(before), Data::Delegation(after)) = (&current, &mut data) {
            super::delegation::record_transitions(
                &before.data,
                after,
                id,
                ctx.now,
                &ctx.office.id,
            )?;
        }
        if let (Record::SelectionCampaign(before), Data::SelectionCampaign(after)) =
            (&current, &mut data)
        {
            super::selection::record_transitions(&before.data, after, id, ctx.now, &ctx.office.id)?;
        }
        if let Some(v) = super::supervision_rules::editor_guard(&current, &data)
            .or_else(|| super::assessment_rules::guard(&self.ws, Some(&current), &data))
        {
            return Err(CommandError::Rejected(vec![v]));
        }
        let is_check = kind == Kind::InspectionCheck;
        let mut after = Record::new(current.meta().clone(), data);
        super::merge::stamp_edit(Some(&current), &mut after, ctx.now, ctx.office);
        self.ws.put(after.clone());
        let mut changes = vec![Change {
            before: Some(current),
            after,
        }];
        if is_check {
            self.follow_check(id, ctx, &mut changes);
        }
        Ok((changes, id.to_string(), AuditAction::Update))
    }

    /// Creates a record as part of a larger step and returns its id.
    fn put_new(&mut self, data: Data, ctx: &mut Ctx, changes: &mut Vec<Change>) -> Id {
        let id = ctx.ids.next_id(ctx.now);
        let rec = Record::new(
            Meta::new(id.clone(), ctx.now, ctx.office, Provenance::UserEntered),
            data,
        );
        self.ws.put(rec.clone());
        changes.push(Change {
            before: None,
            after: rec,
        });
        id
    }

    /// Writes a changed record as part of a larger step.
    fn put_changed(&mut self, before: Record, data: Data, ctx: &Ctx, changes: &mut Vec<Change>) {
        let mut after = Record::new(before.meta().clone(), data);
        super::merge::stamp_edit(Some(&before), &mut after, ctx.now, ctx.office);
        self.ws.put(after.clone());
        changes.push(Change {
            before: Some(before),
            after,
        });
    }

    fn tombstone(&mut self, before: Record, ctx: &Ctx, changes: &mut Vec<Change>) {
        let mut after = before.clone();
        after.meta_mut().deleted = true;
        super::merge::stamp_edit(Some(&before), &mut after, ctx.now, ctx.office);
        self.ws.put(after.clone());
        changes.push(Change {
            before: Some(before),
            after,
        });
    }

    /// BR-E3 / BR-E5 in the command path: the draft finding of a check follows its verdict, and
    /// a finding that needs a rectification order gets a draft one (lead unit, default deadline).
    fn follow_check(&mut self, check_id: &str, ctx: &mut Ctx, changes: &mut Vec<Change>) {
        use super::finding::Follow;
        use super::rectification::{RectificationOrderData, RectificationStatus};
        let Some(check) = self.ws.inspection_checks.live(check_id).cloned() else {
            return;
        };
        let params = super::parameters::of(&self.ws);
        let from = check.data.checked_on.unwrap_or(ctx.today);
        let draft_orders = |ws: &Workspace, fid: &str| -> Vec<Record> {
            ws.rectification_orders
                .iter_live()
                .filter(|o| {
                    o.data.status == RectificationStatus::Draft
                        && o.data.finding_ids.len() == 1
                        && o.data.finding_ids[0] == fid
                })
                .cloned()
                .map(Record::RectificationOrder)
                .collect()
        };
        match super::finding::follow_check(&self.ws, check_id, &check.data) {
            Follow::Nothing => {}
            Follow::Create(f) => {
                let needs = f.needs_order();
                let fid = self.put_new(Data::Finding(f.clone()), ctx, changes);
                if needs {
                    let no = next_notice_no(&self.ws, from);
                    let o = RectificationOrderData::draft_for(
                        &fid,
                        &f,
                        no,
                        from,
                        params.rectification_days,
                    );
                    self.put_new(Data::RectificationOrder(o), ctx, changes);
                }
            }
            Follow::Update(fid, f) => {
                let Some(before) = self.ws.get(Kind::Finding, &fid) else {
                    return;
                };
                let needs = f.needs_order();
                self.put_changed(before, Data::Finding(f.clone()), ctx, changes);
                let drafts = draft_orders(&self.ws, &fid);
                let any_order = self
                    .ws
                    .rectification_orders
                    .iter_live()
                    .any(|o| o.data.finding_ids.contains(&fid));
                if needs && !any_order {
                    let no = next_notice_no(&self.ws, from);
                    let o = RectificationOrderData::draft_for(
                        &fid,
                        &f,
                        no,
                        from,
                        params.rectification_days,
                    );
                    self.put_new(Data::RectificationOrder(o), ctx, changes);
                } else if needs {
                    // The draft keeps following the finding's responsible unit.
                    for d in drafts {
                        if let Record::RectificationOrder(r) = &d {
                            let mut o = r.data.clone();
                            o.lead_org_id = f.lead_responsible_org_id.clone();
                            if o != r.data {
                                self.put_changed(d, Data::RectificationOrder(o), ctx, changes);
                            }
                        }
                    }
                } else {
                    for d in drafts {
                        self.tombstone(d, ctx, changes);
                    }
                }
            }
            Follow::Withdraw(fid) => {
                for d in draft_orders(&self.ws, &fid) {
                    self.tombstone(d, ctx, changes);
                }
                if let Some(before) = self.ws.get(Kind::Finding, &fid) {
                    self.tombstone(before, ctx, changes);
                }
            }
        }
    }

    /// One state-machine step on a record (see [`Command::Act`]).
    fn act(
        &mut self,
        id: &str,
        act: &Act,
        base_rev: Option<u32>,
        ctx: &mut Ctx,
    ) -> Result<Vec<Change>, CommandError> {
        let kind = act.kind();
        let current = self
            .ws
            .get(kind, id)
            .filter(|r| !r.meta().deleted)
            .ok_or_else(|| CommandError::NotFound {
                kind,
                id: id.to_string(),
            })?;
        if base_rev.is_some_and(|base| base != current.meta().rev) {
            return Err(stale(kind, id));
        }
        let params = super::parameters::of(&self.ws);
        let office = ctx.office.id.as_str();
        let refused = |t: Text| super::transition::refuse(kind, id, t);
        let data = match (act, &current) {
            (Act::Campaign(step), Record::InspectionCampaign(r)) => Data::InspectionCampaign(
                super::inspection::apply_step(&r.data, step, ctx.today, ctx.now, office)
                    .map_err(refused)?,
            ),
            (Act::Finding(step), Record::Finding(r)) => Data::Finding(
                super::finding::apply_step(&r.data, step, ctx.today, ctx.now, office)
                    .map_err(refused)?,
            ),
            (Act::Rectification(a), Record::RectificationOrder(r)) => Data::RectificationOrder(
                super::rectification::apply(
                    &r.data,
                    a,
                    ctx.today,
                    params.rectification_days,
                    params.second_overdue_days,
                    ctx.now,
                    office,
                )
                .map_err(refused)?,
            ),
            (Act::Scheme(step), Record::AssessmentScheme(r)) => {
                let facts = match super::assessment_results::evaluate_in(&self.ws, id) {
                    Some(o) => super::assessment::StepFacts {
                        incomplete: o.incomplete(),
                        over_quota: o.quota.over(),
                    },
                    None => super::assessment::StepFacts::default(),
                };
                Data::AssessmentScheme(
                    super::assessment::apply_step(
                        &r.data, step, &facts, ctx.today, ctx.now, office,
                    )
                    .map_err(|message| {
                        CommandError::Rejected(vec![Violation {
                            rule: "TRANSITION",
                            severity: Severity::Block,
                            source: Some("S6.2"),
                            kind,
                            id: id.to_string(),
                            field: Some("status"),
                            message,
                        }])
                    })?,
                )
            }
            (Act::Accountability(step), Record::AccountabilityAction(r)) => {
                Data::AccountabilityAction(
                    super::accountability::apply(&r.data, step, ctx.today, ctx.now, office)
                        .map_err(refused)?,
                )
            }
            _ => {
                return Err(CommandError::NotFound {
                    kind,
                    id: id.to_string(),
                });
            }
        };
        let mut changes = Vec::new();
        self.put_changed(current, data, ctx, &mut changes);
        Ok(changes)
    }

    fn delete(&mut self, kind: Kind, id: &str, ctx: &mut Ctx) -> Result<Vec<Change>, CommandError> {
        let current = self
            .ws
            .get(kind, id)
            .filter(|r| !r.meta().deleted)
            .ok_or_else(|| CommandError::NotFound {
                kind,
                id: id.to_string(),
            })?;
        if let Some(v) = super::assessment_rules::delete_guard(&self.ws, kind, id) {
            return Err(CommandError::Rejected(vec![v]));
        }
        let refs = referrers(&self.ws, kind, id);
        if !refs.is_empty() {
            // A campaign can have thousands of checks: name the first few and count the rest.
            let names = if refs.len() > 10 {
                format!(
                    "{}…（共 {} 条 / {} in all）",
                    refs[..10].join("、"),
                    refs.len(),
                    refs.len()
                )
            } else {
                refs.join("、")
            };
            return Err(CommandError::Rejected(vec![Violation {
                rule: "REF",
                severity: Severity::Block,
                source: None,
                kind,
                id: id.to_string(),
                field: None,
                message: Text::new(
                    format!("仍有记录引用它，请先处理：{names}"),
                    format!("Other records still refer to it; deal with them first: {names}"),
                ),
            }]));
        }
        let mut targets = vec![current];
        // The park's own 党工委/管委会 go with it (its other bodies were refused above).
        if kind == Kind::Park {
            targets.extend(
                self.ws
                    .org_units
                    .iter_live()
                    .filter(|o| {
                        o.data.park_id.as_deref() == Some(id)
                            && matches!(
                                o.data.kind,
                                OrgKind::ParkPartyCommittee | OrgKind::ParkMgmtCommittee
                            )
                    })
                    .cloned()
                    .map(Record::OrgUnit),
            );
        }
        let mut changes = Vec::new();
        for before in targets {
            let mut after = before.clone();
            after.meta_mut().deleted = true;
            super::merge::stamp_edit(Some(&before), &mut after, ctx.now, ctx.office);
            self.ws.put(after.clone());
            changes.push(Change {
                before: Some(before),
                after,
            });
        }
        Ok(changes)
    }

    fn roll_back(&mut self, changes: &[Change]) {
        for c in changes.iter().rev() {
            match &c.before {
                Some(b) => self.ws.put(b.clone()),
                None => self.ws.remove(c.after.kind(), &c.after.meta().id),
            }
        }
    }

    fn push_step(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn record(
        &mut self,
        ctx: &Ctx,
        action: AuditAction,
        kind: Option<Kind>,
        record_id: Option<Id>,
        summary: Text,
    ) {
        push_bounded(
            &mut self.audit,
            AuditEntry {
                at: ctx.now,
                office_id: ctx.office.id.clone(),
                office_name: ctx.office.name.clone(),
                action,
                kind,
                record_id,
                summary,
            },
        );
    }

    /// Writes `target` over the current version as one more revision, so undo travels to other
    /// offices like any edit.
    fn put_as_new_revision(&mut self, mut target: Record, ctx: &Ctx) {
        let current = self.ws.get(target.kind(), &target.meta().id);
        if let Some(c) = &current {
            // Continue from the current version's counters, not the older copy's.
            let m = target.meta_mut();
            m.rev = c.meta().rev;
            m.vv = c.meta().vv.clone();
            m.groups = c.meta().groups.clone();
        }
        super::merge::stamp_edit(current.as_ref(), &mut target, ctx.now, ctx.office);
        self.ws.put(target);
    }

    pub fn undo(&mut self, ctx: &mut Ctx) -> Result<Text, CommandError> {
        self.checked = None;
        let step = self.undo.pop().ok_or(CommandError::NothingToUndo)?;
        match &step.body {
            Body::Patch(changes) => {
                for c in changes.iter().rev() {
                    let target = match &c.before {
                        Some(b) => b.clone(),
                        None => {
                            let mut gone = c.after.clone();
                            gone.meta_mut().deleted = true;
                            gone
                        }
                    };
                    self.put_as_new_revision(target, ctx);
                }
            }
            Body::Replace { before, .. } => self.ws = (**before).clone(),
            Body::Exact(changes) => self.roll_back(changes),
        }
        let label = Text::new(
            format!("撤销：{}", step.label.zh),
            format!("Undo: {}", step.label.en),
        );
        self.record(ctx, AuditAction::Undo, None, None, label.clone());
        self.redo.push(step);
        Ok(label)
    }

    pub fn redo(&mut self, ctx: &mut Ctx) -> Result<Text, CommandError> {
        self.checked = None;
        let step = self.redo.pop().ok_or(CommandError::NothingToRedo)?;
        match &step.body {
            Body::Patch(changes) => {
                for c in changes {
                    self.put_as_new_revision(c.after.clone(), ctx);
                }
            }
            Body::Replace { after, .. } => self.ws = (**after).clone(),
            Body::Exact(changes) => {
                for c in changes {
                    self.ws.put(c.after.clone());
                }
            }
        }
        let label = Text::new(
            format!("重做：{}", step.label.zh),
            format!("Redo: {}", step.label.en),
        );
        self.record(ctx, AuditAction::Redo, None, None, label.clone());
        self.undo.push(step);
        Ok(label)
    }
}

/// The refusal of a save or step made on a revision that has moved on.
fn stale(kind: Kind, id: &str) -> CommandError {
    CommandError::Rejected(vec![Violation {
        rule: "STALE",
        severity: Severity::Block,
        source: None,
        kind,
        id: id.to_string(),
        field: None,
        message: Text::new(
            "这条记录在您编辑期间已被修改（其他标签页或导入）：为免覆盖，本次未保存。请取消后重新打开再编辑",
            "This record was changed while you were editing it (another tab or an import). To avoid overwriting that change, nothing was saved: cancel and open it again",
        ),
    }])
}

/// The next notice number of the year of `day`: 督改〔2013〕7号.
pub fn next_notice_no(ws: &Workspace, day: NaiveDate) -> String {
    use chrono::Datelike;
    let prefix = format!("督改〔{}〕", day.year());
    let n = ws
        .rectification_orders
        .0
        .values()
        .filter_map(|o| o.data.notice_no.strip_prefix(&prefix))
        .filter_map(|rest| rest.trim_end_matches('号').parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}号", n + 1)
}

/// Live records that refer to (kind, id), as labels for a message.
pub fn referrers(ws: &Workspace, kind: Kind, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |k: Kind, rid: &str| out.push(format!("{}“{}”", k.zh(), ws.label_of(k, rid)));
    match kind {
        Kind::County => {
            ws.delegations
                .iter_live()
                .filter(|d| matches!(&d.data.grantor, super::delegation::Grantor::County { county_id } if county_id == id))
                .for_each(|d| add(Kind::Delegation, d.id()));
            ws.townships
                .iter_live()
                .filter(|t| t.data.county_id == id)
                .for_each(|t| add(Kind::Township, t.id()));
            ws.parks
                .iter_live()
                .filter(|p| p.data.host_county_ids.iter().any(|c| c == id))
                .for_each(|p| add(Kind::Park, p.id()));
            ws.entrustments
                .iter_live()
                .filter(|e| e.data.entrusting_county_id == id)
                .for_each(|e| add(Kind::Entrustment, e.id()));
            ws.org_units
                .iter_live()
                .filter(|o| o.data.county_id.as_deref() == Some(id))
                .for_each(|o| add(Kind::OrgUnit, o.id()));
        }
        Kind::Township => {
            ws.delegations
                .iter_live()
                .filter(|d| matches!(&d.data.territory, super::delegation::Territory::EntrustedTownships { township_ids } if township_ids.iter().any(|t| t == id)))
                .for_each(|d| add(Kind::Delegation, d.id()));
            ws.entrustments
                .iter_live()
                .filter(|e| e.data.township_id == id)
                .for_each(|e| add(Kind::Entrustment, e.id()));
            ws.org_units
                .iter_live()
                .filter(|o| o.data.township_id.as_deref() == Some(id))
                .for_each(|o| add(Kind::OrgUnit, o.id()));
            ws.projects
                .iter_live()
                .filter(|p| p.data.township_id.as_deref() == Some(id))
                .for_each(|p| add(Kind::Project, p.id()));
        }
        Kind::Park => {
            ws.delegations
                .iter_live()
                .filter(|d| d.data.park_id == id)
                .for_each(|d| add(Kind::Delegation, d.id()));
            ws.entrustments
                .iter_live()
                .filter(|e| e.data.park_id == id)
                .for_each(|e| add(Kind::Entrustment, e.id()));
            ws.townships
                .iter_live()
                .filter(|t| t.data.in_planning_area_of.as_deref() == Some(id))
                .for_each(|t| add(Kind::Township, t.id()));
            ws.institutions
                .iter_live()
                .filter(|i| i.data.park_id == id)
                .for_each(|i| add(Kind::Institution, i.id()));
            ws.selection_campaigns
                .iter_live()
                .filter(|c| c.data.park_id == id)
                .for_each(|c| add(Kind::SelectionCampaign, c.id()));
            ws.talent_plans
                .iter_live()
                .filter(|t| t.data.park_id == id)
                .for_each(|t| add(Kind::TalentPlan, t.id()));
            // The committees go with the park (below); its other bodies must go first, and
            // nothing may still refer to the committees.
            let committees: Vec<&str> = ws
                .org_units
                .iter_live()
                .filter(|o| o.data.park_id.as_deref() == Some(id))
                .filter(|o| {
                    if matches!(
                        o.data.kind,
                        OrgKind::ParkPartyCommittee | OrgKind::ParkMgmtCommittee
                    ) {
                        true
                    } else {
                        add(Kind::OrgUnit, o.id());
                        false
                    }
                })
                .map(|o| o.id())
                .collect();
            ws.development_entities
                .iter_live()
                .filter(|e| e.data.park_id == id)
                .for_each(|e| add(Kind::DevelopmentEntity, e.id()));
            ws.service_offerings
                .iter_live()
                .filter(|o| o.data.park_id == id)
                .for_each(|o| add(Kind::ServiceOffering, o.id()));
            ws.projects
                .iter_live()
                .filter(|p| p.data.park_id == id)
                .for_each(|p| add(Kind::Project, p.id()));
            ws.inspection_campaigns
                .iter_live()
                .filter(|c| c.data.scope_parks.iter().any(|p| p == id))
                .for_each(|c| add(Kind::InspectionCampaign, c.id()));
            ws.inspection_checks
                .iter_live()
                .filter(
                    |c| matches!(&c.data.target, CheckTarget::Park { park_id } if park_id == id),
                )
                .for_each(|c| add(Kind::InspectionCheck, c.id()));
            ws.assessment_schemes
                .iter_live()
                .filter(|s| s.data.park_id.as_deref() == Some(id))
                .for_each(|s| add(Kind::AssessmentScheme, s.id()));
            ws.bonus_pools
                .iter_live()
                .filter(|p| p.data.park_id == id)
                .for_each(|p| add(Kind::BonusPool, p.id()));
            for c in committees {
                for r in referrers(ws, Kind::OrgUnit, c) {
                    out.push(r);
                }
            }
        }
        Kind::PowerItem => {
            ws.delegations
                .iter_live()
                .filter(|d| d.data.power_item_id == id)
                .for_each(|d| add(Kind::Delegation, d.id()));
        }
        Kind::OrgUnit => {
            ws.delegations
                .iter_live()
                .filter(|d| d.data.recipient_org_id.as_deref() == Some(id))
                .for_each(|d| add(Kind::Delegation, d.id()));
            ws.power_items
                .iter_live()
                .filter(|i| i.data.source_dept_id.as_deref() == Some(id))
                .for_each(|i| add(Kind::PowerItem, i.id()));
            ws.org_units
                .iter_live()
                .filter(|o| {
                    o.data.parent_id.as_deref() == Some(id)
                        || o.data.counterpart_dept_ids.iter().any(|c| c == id)
                })
                .for_each(|o| add(Kind::OrgUnit, o.id()));
            ws.staffing_quotas
                .iter_live()
                .filter(|q| q.data.org_id == id)
                .for_each(|q| add(Kind::StaffingQuota, q.id()));
            ws.leadership_quotas
                .iter_live()
                .filter(|q| q.data.org_id == id)
                .for_each(|q| add(Kind::LeadershipQuota, q.id()));
            ws.posts
                .iter_live()
                .filter(|p| p.data.org_id == id)
                .for_each(|p| add(Kind::Post, p.id()));
            // Any placement, past ones too: the ledger of earlier dates still reads them.
            ws.persons
                .iter_live()
                .filter(|p| {
                    p.data.placements.iter().any(|pl| {
                        pl.work_org_id.as_deref() == Some(id)
                            || pl.seat.as_ref().is_some_and(|s| s.org_id == id)
                    })
                })
                .for_each(|p| add(Kind::Person, p.id()));
            ws.appointments
                .iter_live()
                .filter(|a| a.data.authority_org_id.as_deref() == Some(id))
                .for_each(|a| add(Kind::Appointment, a.id()));
            ws.talent_plans
                .iter_live()
                .filter(|t| t.data.target_org_id == id)
                .for_each(|t| add(Kind::TalentPlan, t.id()));
            ws.inspection_teams
                .iter_live()
                .filter(|t| t.data.lead_org_id.as_deref() == Some(id))
                .for_each(|t| add(Kind::InspectionTeam, t.id()));
            ws.inspection_campaigns
                .iter_live()
                .filter(|c| c.data.scope_depts.iter().any(|d| d == id))
                .for_each(|c| add(Kind::InspectionCampaign, c.id()));
            ws.inspection_checks
                .iter_live()
                .filter(|c| {
                    c.data.responsible_org_id.as_deref() == Some(id)
                        || matches!(&c.data.target, CheckTarget::Department { org_id } if org_id == id)
                })
                .for_each(|c| add(Kind::InspectionCheck, c.id()));
            ws.findings
                .iter_live()
                .filter(|f| {
                    f.data.lead_responsible_org_id.as_deref() == Some(id)
                        || f.data.co_responsible_org_ids.iter().any(|o| o == id)
                })
                .for_each(|f| add(Kind::Finding, f.id()));
            ws.rectification_orders
                .iter_live()
                .filter(|o| {
                    o.data.lead_org_id.as_deref() == Some(id)
                        || o.data.assist_org_ids.iter().any(|x| x == id)
                })
                .for_each(|o| add(Kind::RectificationOrder, o.id()));
            ws.accountability_actions
                .iter_live()
                .filter(|a| {
                    a.data.target.unit().map(String::as_str) == Some(id)
                        || a.data.decided_by_org_id.as_deref() == Some(id)
                })
                .for_each(|a| add(Kind::AccountabilityAction, a.id()));
            ws.assessment_schemes
                .iter_live()
                .filter(|s| {
                    let d = &s.data;
                    d.assessor_org_id.as_deref() == Some(id)
                        || d.assessees.iter().any(|a| a.org_id == id)
                        || d.indicators
                            .iter()
                            .any(|i| i.data_source_org_id.as_deref() == Some(id))
                        || d.quota
                            .as_ref()
                            .and_then(|q| q.approval.as_ref())
                            .is_some_and(|a| a.approved_by_org_id.as_deref() == Some(id))
                })
                .for_each(|s| add(Kind::AssessmentScheme, s.id()));
            ws.assessment_results
                .iter_live()
                .filter(|r| r.data.assessee.org_id == id)
                .for_each(|r| add(Kind::AssessmentResult, r.id()));
            ws.bonus_pools
                .iter_live()
                .filter(|p| {
                    p.data.special_awards.iter().any(|a| {
                        a.org_id.as_deref() == Some(id)
                            || a.approved_by_org_id.as_deref() == Some(id)
                    }) || p.data.unit_distributions.iter().any(|u| u.org_id == id)
                })
                .for_each(|p| add(Kind::BonusPool, p.id()));
        }
        Kind::Person => {
            ws.appointments
                .iter_live()
                .filter(|a| a.data.person_id == id)
                .for_each(|a| add(Kind::Appointment, a.id()));
            ws.selection_campaigns
                .iter_live()
                .filter(|c| c.data.candidates.iter().any(|x| x.person_id == id))
                .for_each(|c| add(Kind::SelectionCampaign, c.id()));
            ws.talent_plans
                .iter_live()
                .filter(|t| t.data.filled_person_ids.iter().any(|p| p == id))
                .for_each(|t| add(Kind::TalentPlan, t.id()));
            ws.assessment_schemes
                .iter_live()
                .filter(|s| {
                    s.data
                        .assessees
                        .iter()
                        .any(|a| a.person_id.as_deref() == Some(id))
                })
                .for_each(|s| add(Kind::AssessmentScheme, s.id()));
            ws.assessment_results
                .iter_live()
                .filter(|r| r.data.assessee.person_id.as_deref() == Some(id))
                .for_each(|r| add(Kind::AssessmentResult, r.id()));
            ws.bonus_pools
                .iter_live()
                .filter(|p| {
                    p.data
                        .special_awards
                        .iter()
                        .any(|a| a.person_id.as_deref() == Some(id))
                        || p.data
                            .unit_distributions
                            .iter()
                            .any(|u| u.amounts.iter().any(|x| x.person_id == id))
                })
                .for_each(|p| add(Kind::BonusPool, p.id()));
            ws.result_uses
                .iter_live()
                .filter(|u| u.data.person_id == id)
                .for_each(|u| add(Kind::ResultUse, u.id()));
        }
        Kind::Post => {
            ws.appointments
                .iter_live()
                .filter(|a| a.data.post_id == id)
                .for_each(|a| add(Kind::Appointment, a.id()));
            ws.selection_campaigns
                .iter_live()
                .filter(|c| {
                    c.data.post_ids.iter().any(|p| p == id)
                        || c.data.candidates.iter().any(|x| x.target_post_id == id)
                })
                .for_each(|c| add(Kind::SelectionCampaign, c.id()));
        }
        Kind::SelectionCampaign => {
            ws.appointments
                .iter_live()
                .filter(|a| a.data.selection_id.as_deref() == Some(id))
                .for_each(|a| add(Kind::Appointment, a.id()));
        }
        Kind::Institution => {
            ws.talent_plans
                .iter_live()
                .filter(|t| t.data.policy_institution_id.as_deref() == Some(id))
                .for_each(|t| add(Kind::TalentPlan, t.id()));
        }
        Kind::Delegation => {
            ws.inspection_checks
                .iter_live()
                .filter(|c| c.data.target.delegation() == Some(id))
                .for_each(|c| add(Kind::InspectionCheck, c.id()));
            ws.service_offerings
                .iter_live()
                .filter(|o| o.data.linked_delegation_ids.iter().any(|d| d == id))
                .for_each(|o| add(Kind::ServiceOffering, o.id()));
        }
        Kind::InspectionTeam => {
            ws.inspection_campaigns
                .iter_live()
                .filter(|c| c.data.team_id.as_deref() == Some(id))
                .for_each(|c| add(Kind::InspectionCampaign, c.id()));
        }
        Kind::InspectionCampaign => {
            ws.inspection_checks
                .iter_live()
                .filter(|c| c.data.campaign_id == id)
                .for_each(|c| add(Kind::InspectionCheck, c.id()));
        }
        Kind::InspectionCheck => {
            ws.findings
                .iter_live()
                .filter(|f| f.data.check_ids.iter().any(|c| c == id))
                .for_each(|f| add(Kind::Finding, f.id()));
        }
        Kind::Finding => {
            ws.rectification_orders
                .iter_live()
                .filter(|o| o.data.finding_ids.iter().any(|f| f == id))
                .for_each(|o| add(Kind::RectificationOrder, o.id()));
            ws.accountability_actions
                .iter_live()
                .filter(|a| a.data.finding_ids.iter().any(|f| f == id))
                .for_each(|a| add(Kind::AccountabilityAction, a.id()));
        }
        Kind::DevelopmentEntity => {
            ws.projects
                .iter_live()
                .filter(|p| p.data.builder_id.as_deref() == Some(id))
                .for_each(|p| add(Kind::Project, p.id()));
        }
        Kind::AssessmentScheme => {
            ws.assessment_results
                .iter_live()
                .filter(|r| r.data.scheme_id == id)
                .for_each(|r| add(Kind::AssessmentResult, r.id()));
            ws.bonus_pools
                .iter_live()
                .filter(|p| {
                    p.data.unit_scheme_ids.iter().any(|s| s == id)
                        || p.data.person_scheme_ids.iter().any(|s| s == id)
                })
                .for_each(|p| add(Kind::BonusPool, p.id()));
            ws.result_uses
                .iter_live()
                .filter(|u| u.data.scheme_id == id)
                .for_each(|u| add(Kind::ResultUse, u.id()));
        }
        Kind::City
        | Kind::Entrustment
        | Kind::StaffingQuota
        | Kind::LeadershipQuota
        | Kind::Appointment
        | Kind::AuthorityRule
        | Kind::TalentPlan
        | Kind::StaffingSettings
        | Kind::RectificationOrder
        | Kind::AccountabilityAction
        | Kind::ServiceOffering
        | Kind::Parameters
        | Kind::Project
        | Kind::AssessmentResult
        | Kind::BonusPool
        | Kind::ResultUse => {}
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|r| seen.insert(r.clone()));
    out
}
