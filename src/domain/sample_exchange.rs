//! A sample exchange file (shared/domain.md §7.8), so the merge review can be tried in one browser:
//! the 高黎贡山 park committee (a SAMPLE office) starts from the demo data and records, as a park
//! would, that it received the overdue environmental approval (reception and its side of the
//! handover, which the park owns), adds an institution of its own, and also changes the park's
//! planning area — a 编办 field, so the review lists it as not the park's to change (BR-F4).
//! Everything it adds is badged SAMPLE.

use chrono::NaiveDate;

use super::command::{Command, Ctx, Desk};
use super::delegation::{Lifecycle, Reception};
use super::institution::{InstitutionCategory, InstitutionData, InstitutionStatus};
use super::meta::{DocRef, Office, Provenance, Role, SeqIds, Timestamp};
use super::snapshot::{self, Snapshot};
use super::workspace::Data;

pub const SAMPLE_PARK_OFFICE_ID: &str = "sample-park-glg";

/// The file as the sample park office would export it on 2013-12-20.
pub fn park_office_file() -> Snapshot {
    let base = super::sample::demo();
    let glg = base
        .parks
        .iter_live()
        .find(|p| p.data.short_code == "GLG")
        .map(|p| p.meta.id.clone());
    let mut office = Office::new(
        SAMPLE_PARK_OFFICE_ID,
        "高黎贡山旅游度假区管委会（示例）",
        Role::Park,
    );
    office.park_id = glg.clone();
    let at: Timestamp = NaiveDate::from_ymd_opt(2013, 12, 20)
        .and_then(|d| d.and_hms_opt(2, 0, 0))
        .unwrap_or_default()
        .and_utc();
    let mut desk = Desk::new(base, Vec::new());
    let mut ids = SeqIds {
        next: 0,
        salt: 0x5A4D_4558,
    };
    let mut ctx = Ctx {
        now: at,
        today: at.date_naive(),
        office: &office,
        ids: &mut ids,
    };
    // Each step is independent; one that the rules refuse is simply left out of the sample.
    let approved = desk
        .ws()
        .delegations
        .iter_live()
        .find(|d| Some(&d.data.park_id) == glg.as_ref() && d.data.lifecycle == Lifecycle::Approved)
        .cloned();
    if let Some(d) = approved {
        let mut data = d.data.clone();
        data.reception = Reception::Received;
        data.handover_by_park_on = NaiveDate::from_ymd_opt(2013, 12, 18);
        let _ = desk.apply(
            Command::Save {
                id: Some(d.meta.id.clone()),
                data: Data::Delegation(data),
                base_rev: Some(d.meta.rev),
            },
            &mut ctx,
        );
    }
    let mut new_ids = Vec::new();
    if let Some(park) = glg.clone() {
        let inst = InstitutionData {
            park_id: park.clone(),
            title: "高黎贡山旅游度假区项目审批服务制度（示例）".into(),
            category: InstitutionCategory::ApprovalService,
            status: InstitutionStatus::InForce,
            issued: Some(DocRef {
                doc_no: Some("示例〔2013〕12号".into()),
                title: "关于印发项目审批服务制度的通知（示例）".into(),
                issued_on: NaiveDate::from_ymd_opt(2013, 12, 1),
            }),
            effective_from: NaiveDate::from_ymd_opt(2013, 12, 1),
            review_due: None,
        };
        if let Ok(out) = desk.apply(
            Command::Save {
                id: None,
                data: Data::Institution(inst),
                base_rev: None,
            },
            &mut ctx,
        ) {
            new_ids.extend(out.id);
        }
        if let Some(p) = desk.ws().parks.get(&park).cloned() {
            let mut data = p.data.clone();
            data.planning_area_km2 = Some(860.0);
            let _ = desk.apply(
                Command::Save {
                    id: Some(park),
                    data: Data::Park(data),
                    base_rev: Some(p.meta.rev),
                },
                &mut ctx,
            );
        }
    }
    let mut ws = desk.ws().clone();
    for id in new_ids {
        if let Some(r) = ws.institutions.0.get_mut(&id) {
            r.meta.provenance = Provenance::Sample;
        }
    }
    let mut snap = snapshot::build(&ws, &office, at, crate::APP_VERSION);
    snap.offices = vec![office, super::sample::sample_office()];
    snap
}
