//! The single command path: create/update/delete, refusal leaves no trace, undo/redo, audit log.

mod common;

use common::*;
use parkdesk::domain::audit::AuditAction;
use parkdesk::domain::command::{Command, CommandError};
use parkdesk::domain::rules;
use parkdesk::domain::workspace::{Data, Kind};

#[test]
fn update_bumps_revision_and_records_office() {
    let mut b = basic();
    let mut p = park("保山工贸园区", "GM");
    p.name_en = "Baoshan Industrial & Trade Park".into();
    b.h.run(Command::Save {
        base_rev: None,
        id: Some(b.park.clone()),
        data: Data::Park(p.clone()),
    })
    .expect("update");
    let rec = b.h.ws().parks.get(&b.park).expect("park");
    assert_eq!(rec.meta.rev, 2);
    assert_eq!(rec.meta.updated_by, "office-test");
    assert_eq!(rec.data.name_en, "Baoshan Industrial & Trade Park");
    // Saving the same data again changes nothing and adds no history.
    let audit_len = b.h.desk.audit().len();
    b.h.run(Command::Save {
        base_rev: None,
        id: Some(b.park.clone()),
        data: Data::Park(p),
    })
    .expect("no-op");
    assert_eq!(b.h.ws().parks.get(&b.park).map(|r| r.meta.rev), Some(2));
    assert_eq!(b.h.desk.audit().len(), audit_len);
}

#[test]
fn a_refused_command_changes_nothing() {
    let mut b = basic();
    let before = b.h.ws().clone();
    let bad = park("", "");
    assert!(matches!(
        b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Park(bad)
        }),
        Err(CommandError::Rejected(_))
    ));
    assert_eq!(b.h.ws(), &before);
}

#[test]
fn delete_is_refused_while_referenced_then_tombstones() {
    let mut b = basic();
    let e = b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    let Err(CommandError::Rejected(v)) = b.h.run(Command::Delete {
        kind: Kind::Township,
        id: b.town.clone(),
    }) else {
        panic!("refused")
    };
    assert_eq!(v[0].rule, "REF");
    assert!(v[0].message.zh.contains("托管关系"));
    b.h.run(Command::Delete {
        kind: Kind::Entrustment,
        id: e.clone(),
    })
    .expect("delete entrustment");
    b.h.run(Command::Delete {
        kind: Kind::Township,
        id: b.town.clone(),
    })
    .expect("now free");
    let t = b.h.ws().townships.get(&b.town).expect("tombstone kept");
    assert!(t.meta.deleted);
    assert!(matches!(
        b.h.run(Command::Delete {
            kind: Kind::Township,
            id: b.town.clone()
        }),
        Err(CommandError::NotFound { .. })
    ));
}

#[test]
fn deleting_a_park_takes_its_committees_along_and_undo_brings_them_back() {
    let mut b = basic();
    b.h.run(Command::Save {
        base_rev: None,
        id: Some(b.town.clone()),
        data: township("示例镇丙", &b.county, None),
    })
    .expect("free the park");
    b.h.run(Command::Delete {
        kind: Kind::Park,
        id: b.park.clone(),
    })
    .expect("delete park");
    assert_eq!(b.h.ws().parks.count_live(), 0);
    assert_eq!(b.h.ws().org_units.count_live(), 0);
    b.h.undo().expect("undo");
    assert_eq!(b.h.ws().parks.count_live(), 1);
    assert_eq!(b.h.ws().org_units.count_live(), 2);
}

#[test]
fn undo_and_redo_walk_the_history_as_new_revisions() {
    let mut b = basic();
    let mut p = park("工贸园区（改名）", "GM");
    p.name_en = "renamed".into();
    b.h.run(Command::Save {
        base_rev: None,
        id: Some(b.park.clone()),
        data: Data::Park(p),
    })
    .expect("rename");
    b.h.undo().expect("undo rename");
    let rec = b.h.ws().parks.get(&b.park).expect("park");
    assert_eq!(rec.data.name_zh, "保山工贸园区");
    assert_eq!(
        rec.meta.rev, 3,
        "undo is one more revision, so it travels to other offices"
    );
    b.h.redo().expect("redo");
    assert_eq!(
        b.h.ws().parks.get(&b.park).map(|r| r.data.name_zh.clone()),
        Some("工贸园区（改名）".into())
    );
    // Undoing a creation leaves a tombstone rather than erasing the record.
    b.h.undo().expect("undo rename again");
    b.h.undo().expect("undo township creation");
    assert!(b.h.ws().townships.get(&b.town).expect("kept").meta.deleted);
    // A new command clears the redo stack.
    b.h.create(county("示例县"));
    assert_eq!(b.h.redo(), Err(CommandError::NothingToRedo));
}

#[test]
fn undo_with_empty_history_says_so() {
    let mut h = Harness::new();
    assert_eq!(h.undo(), Err(CommandError::NothingToUndo));
    assert_eq!(CommandError::NothingToUndo.text().zh, "没有可撤销的操作");
}

#[test]
fn every_change_is_in_the_audit_log() {
    let mut b = basic();
    b.h.undo().expect("undo");
    let actions: Vec<_> = b.h.desk.audit().iter().map(|a| a.action).collect();
    assert_eq!(
        actions,
        vec![
            AuditAction::Create,
            AuditAction::Create,
            AuditAction::Create,
            AuditAction::Undo
        ]
    );
    let first = &b.h.desk.audit()[0];
    assert_eq!(first.office_name, "测试编办");
    assert_eq!(first.summary.zh, "新增县区“隆阳区”");
    assert_eq!(first.kind, Some(Kind::County));
}

#[test]
fn replace_all_is_undoable_and_refuses_invalid_data() {
    let mut b = basic();
    let before = b.h.ws().clone();
    let demo = parkdesk::domain::sample::demo();
    b.h.run(Command::ReplaceAll {
        workspace: Box::new(demo.clone()),
        summary: parkdesk::domain::text::Text::new("导入", "Import"),
    })
    .expect("replace");
    assert_eq!(b.h.ws(), &demo);
    b.h.undo().expect("undo import");
    assert_eq!(b.h.ws(), &before);
    // A workspace with a broken reference is refused whole.
    let mut broken = demo;
    let first = broken.townships.0.values_mut().next().expect("township");
    first.data.county_id = "missing".into();
    assert!(matches!(
        b.h.run(Command::ReplaceAll {
            workspace: Box::new(broken),
            summary: parkdesk::domain::text::Text::new("x", "x")
        }),
        Err(CommandError::Rejected(_))
    ));
    assert_eq!(b.h.ws(), &before);
}

#[test]
fn a_save_from_a_stale_form_is_refused_instead_of_overwriting() {
    let mut b = basic();
    let opened_at =
        b.h.ws()
            .parks
            .get(&b.park)
            .map(|r| r.meta.rev)
            .expect("rev");
    // Meanwhile the record changes elsewhere (another tab, an import).
    let mut other = park("保山工贸园区", "GM");
    other.name_en = "changed elsewhere".into();
    b.h.run(Command::Save {
        id: Some(b.park.clone()),
        data: Data::Park(other),
        base_rev: Some(opened_at),
    })
    .expect("first save");
    let mut mine = park("保山工贸园区", "GM");
    mine.name_en = "my stale edit".into();
    let Err(CommandError::Rejected(v)) = b.h.run(Command::Save {
        id: Some(b.park.clone()),
        data: Data::Park(mine),
        base_rev: Some(opened_at),
    }) else {
        panic!("stale save refused")
    };
    assert_eq!(v[0].rule, "STALE");
    assert_eq!(
        b.h.ws().parks.get(&b.park).map(|r| r.data.name_en.clone()),
        Some("changed elsewhere".into())
    );
}

#[test]
fn a_backup_with_block_violations_is_restored_as_it_is_and_undoably() {
    use parkdesk::domain::command::Command;
    let mut h = Harness::with(parkdesk::domain::sample::demo());
    let before = h.ws().clone();
    let mut bad = before.clone();
    let counties: Vec<String> = bad.counties.0.keys().cloned().collect();
    let e = bad.entrustments.0.values_mut().next().expect("entrustment");
    e.data.entrusting_county_id = counties
        .into_iter()
        .find(|c| *c != e.data.entrusting_county_id)
        .expect("other county");
    // ReplaceAll refuses it …
    assert!(
        h.run(Command::ReplaceAll {
            workspace: Box::new(bad.clone()),
            summary: parkdesk::domain::text::Text::new("x", "x"),
        })
        .is_err()
    );
    // … a restore brings it back as it was, with the violations as warnings.
    let out = h
        .run(Command::Restore {
            workspace: Box::new(bad.clone()),
            summary: parkdesk::domain::text::Text::new("恢复备份", "Restored a backup"),
        })
        .expect("restored");
    assert!(out.warnings.iter().any(|v| v.rule == "BR-A3"));
    assert_eq!(*h.ws(), bad);
    assert_eq!(
        h.desk.audit().last().map(|a| a.action.code()),
        Some("RESTORE")
    );
    h.undo().expect("undo");
    assert_eq!(*h.ws(), before);
}

#[test]
fn every_edit_stamps_the_field_groups_it_changed() {
    use parkdesk::domain::command::Command;
    use parkdesk::domain::workspace::Data;
    let ws = parkdesk::domain::sample::demo();
    let d = ws
        .delegations
        .iter_live()
        .find(|d| d.data.lifecycle == parkdesk::domain::delegation::Lifecycle::Approved)
        .expect("approved")
        .clone();
    let mut h = Harness::with(ws);
    let mut data = d.data.clone();
    data.reception = parkdesk::domain::delegation::Reception::Received;
    h.run(Command::Save {
        id: Some(d.meta.id.clone()),
        data: Data::Delegation(data),
        base_rev: Some(d.meta.rev),
    })
    .expect("save");
    let after = h.ws().delegations.get(&d.meta.id).expect("d");
    let groups: Vec<&String> = after.meta.groups.keys().collect();
    assert_eq!(
        groups,
        vec!["reception"],
        "only the reception group changed"
    );
    let stamp = &after.meta.groups["reception"];
    assert_eq!(stamp.by, "office-test");
    assert_eq!(after.meta.vv.get("office-test"), Some(&stamp.n));
    assert_eq!(stamp.rev, after.meta.rev);
}

#[test]
fn the_check_a_command_leaves_is_the_workspace_check_until_anything_else_changes_it() {
    let mut b = basic();
    let today = b.h.now.date_naive();
    let mut p = park("保山工贸园区", "GM");
    p.name_en = "changed".into();
    b.h.run(Command::Save {
        base_rev: None,
        id: Some(b.park.clone()),
        data: Data::Park(p),
    })
    .expect("update");
    let kept =
        b.h.desk
            .violations_on(today)
            .expect("kept after a command")
            .to_vec();
    assert_eq!(kept, rules::check_all(b.h.ws(), today));
    // Another day is not answered from it.
    assert!(b.h.desk.violations_on(today.succ_opt().unwrap()).is_none());
    // A refused command keeps nothing stale: the workspace is back, the check is redone.
    let mut bad = park("", "GM");
    bad.name_en = "x".into();
    assert!(
        b.h.run(Command::Save {
            base_rev: None,
            id: Some(b.park.clone()),
            data: Data::Park(bad),
        })
        .is_err()
    );
    assert!(b.h.desk.violations_on(today).is_none());
    // An undo changes the workspace without a check: nothing is kept.
    b.h.run(Command::Save {
        base_rev: None,
        id: Some(b.park.clone()),
        data: Data::Park(park("保山工贸园区", "GM")),
    })
    .expect("update again");
    assert!(b.h.desk.violations_on(today).is_some());
    b.h.undo().expect("undo");
    assert!(b.h.desk.violations_on(today).is_none());
}
