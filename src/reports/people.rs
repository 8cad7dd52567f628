//! Reports of organisation, people and supervision (issue #10 for the areas of #4 and #6): the
//! staffing ledger in 编制口径 and in 使用口径 with park-system and overall totals, the real-name
//! roster on the as-of date, and the rectification list with the deadline in force and the
//! overdue state of the as-of date.
//!
//! Each table is read once; lookups go through the ledger's own index or `ParkSystems`.

use std::collections::BTreeMap;

use super::lists::{Source, push, ratio};
use super::{Cell, Format, Report};
use crate::domain::meta::Provenance;
use crate::domain::metrics::Scope;
use crate::domain::org::ParkSystems;
use crate::domain::parameters;
use crate::domain::rectification::Overdue;
use crate::domain::staffing::{self, QuotaType, View};
use crate::domain::staffing_metrics::system_ledger;
use crate::domain::workspace::Kind;

fn count(n: u32) -> Cell {
    Cell::Int(i64::from(n))
}

/// 编制台账（编制口径）: where people hold their quota seat.
pub fn ledger_by_quota(src: &Source) -> Report {
    ledger(src, View::ByQuota)
}

/// 编制台账（使用口径）: where people actually work.
pub fn ledger_by_use(src: &Source) -> Report {
    ledger(src, View::ByUse)
}

fn ledger(src: &Source, view: View) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let (key, zh, en, counted) = match view {
        View::ByQuota => (
            "ledger-quota",
            "编制台账（编制口径）",
            "Staffing ledger (by quota seat)",
            src.col("实有数", "Occupied", Format::Int),
        ),
        View::ByUse => (
            "ledger-use",
            "编制台账（使用口径）",
            "Staffing ledger (by place of work)",
            src.col("在岗数", "Working", Format::Int),
        ),
    };
    let mut r = src.report(
        key,
        zh,
        en,
        vec![
            src.col("园区", "Park", Format::Text),
            src.col("乡镇", "Township", Format::Text),
            src.col("单位", "Unit", Format::Text),
            src.col("编制类型", "Quota type", Format::Text),
            src.col("核定数", "Approved", Format::Int),
            counted,
            src.col("空编数", "Vacant", Format::Int),
            src.col("超编数", "Over", Format::Int),
            src.col("编制使用率", "Usage", Format::Percent),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    let l = system_ledger(ws, src.as_of, &Scope::City, view);
    let line = |park: String, town: String, unit: String, t: String, c: staffing::Cell| {
        vec![
            Cell::text(park),
            Cell::text(town),
            Cell::text(unit),
            Cell::text(t),
            count(c.approved),
            count(c.occupied),
            count(c.vacant()),
            count(c.over()),
            ratio(c.usage()),
        ]
    };
    let total_label = src.l("合计", "Total");
    // Rows come park by park (`system_ledger` orders them), so a park's totals follow its rows.
    let mut park_totals: BTreeMap<QuotaType, staffing::Cell> = BTreeMap::new();
    let flush = |r: &mut Report, park: &str, totals: &mut BTreeMap<QuotaType, staffing::Cell>| {
        for (t, c) in std::mem::take(totals) {
            let mut row = line(
                park.to_string(),
                String::new(),
                total_label.clone(),
                t.label(lang).to_string(),
                c,
            );
            row.push(Cell::Empty);
            push(r, Provenance::UserEntered, row, lang);
        }
    };
    let mut current: Option<String> = None;
    for row in &l.rows {
        let park = ws.label_of(Kind::Park, &row.park_id);
        if current.as_deref() != Some(park.as_str()) {
            if let Some(p) = current.take() {
                flush(&mut r, &p, &mut park_totals);
            }
            current = Some(park.clone());
        }
        park_totals.entry(row.quota_type).or_default().add(row.cell);
        let mut cells = line(
            park,
            row.township_id
                .as_ref()
                .map(|t| ws.label_of(Kind::Township, t))
                .unwrap_or_default(),
            ws.label_of(Kind::OrgUnit, &row.org_id),
            row.quota_type.label(lang).to_string(),
            row.cell,
        );
        cells.push(src.issues(Kind::OrgUnit, &row.org_id));
        let provenance = ws
            .org_units
            .get(&row.org_id)
            .map(|o| o.meta.provenance)
            .unwrap_or(Provenance::UserEntered);
        push(&mut r, provenance, cells, lang);
    }
    if let Some(p) = current.take() {
        flush(&mut r, &p, &mut park_totals);
    }
    let all = src.l("全部园区", "All parks");
    for (t, c) in &l.totals {
        let mut row = line(
            all.clone(),
            String::new(),
            total_label.clone(),
            t.label(lang).to_string(),
            *c,
        );
        row.push(Cell::Empty);
        push(&mut r, Provenance::UserEntered, row, lang);
    }
    if view == View::ByUse && l.non_quota > 0 {
        let mut row = vec![
            Cell::text(all),
            Cell::Empty,
            Cell::text(src.l("编外人员（无编制）", "Staff without a quota seat")),
            Cell::Empty,
            Cell::Empty,
            count(l.non_quota),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ];
        row.push(Cell::Empty);
        push(&mut r, Provenance::UserEntered, row, lang);
    }
    r
}

/// 实名制花名册: every person with a placement on the as-of date — seat, work unit, park, status.
/// Staff number and name only; no personal numbers are stored (BR-F2).
pub fn roster(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let d = src.as_of;
    let mut r = src.report(
        "roster",
        "实名制人员花名册",
        "Real-name roster",
        vec![
            src.col("人员编号", "Staff no.", Format::Text),
            src.col("姓名", "Name", Format::Text),
            src.col("性别", "Gender", Format::Text),
            src.col("出生年份", "Birth year", Format::Int),
            src.col("学历", "Education", Format::Text),
            src.col("专业", "Major", Format::Text),
            src.col("身份", "Identity", Format::Text),
            src.col("进入渠道", "Entry channel", Format::Text),
            src.col("人才类别", "Talent", Format::Text),
            src.col("园区", "Park", Format::Text),
            src.col("占编单位", "Seat unit", Format::Text),
            src.col("编制类型", "Quota type", Format::Text),
            src.col("工作单位", "Work unit", Format::Text),
            src.col("编制共享", "Shared seat", Format::Text),
            src.col("状态", "Status", Format::Text),
            src.col("变动日期", "Since", Format::Date),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    let systems = ParkSystems::on(ws, d);
    let mut people: Vec<_> = ws
        .persons
        .iter_live()
        .filter_map(|p| p.data.placement_on(d).map(|pl| (p, pl)))
        .collect();
    people.sort_by(|a, b| a.0.data.staff_no.cmp(&b.0.data.staff_no));
    let yes = src.l("是", "Yes");
    for (p, pl) in people {
        let x = &p.data;
        let seat_org = pl.seat.as_ref().map(|s| s.org_id.as_str());
        let work_org = pl.work_org_id.as_deref();
        let park = work_org
            .or(seat_org)
            .and_then(|o| systems.park_of(o))
            .map(|id| ws.label_of(Kind::Park, id))
            .unwrap_or_default();
        let shared = matches!((seat_org, work_org), (Some(s), Some(w)) if s != w);
        let row = vec![
            Cell::text(x.staff_no.clone()),
            Cell::text(x.display_name.clone()),
            Cell::text(x.gender.map(|g| g.label(lang)).unwrap_or_default()),
            x.birth_year
                .map(|y| Cell::Int(i64::from(y)))
                .unwrap_or(Cell::Empty),
            Cell::text(x.education.map(|e| e.label(lang)).unwrap_or_default()),
            Cell::text(x.major.clone().unwrap_or_default()),
            Cell::text(x.identity.label(lang)),
            Cell::text(x.entry_channel.label(lang)),
            Cell::text(
                x.talent_flags
                    .iter()
                    .map(|f| f.label(lang))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            Cell::text(park),
            Cell::text(
                seat_org
                    .map(|o| ws.label_of(Kind::OrgUnit, o))
                    .unwrap_or_default(),
            ),
            Cell::text(
                pl.seat
                    .as_ref()
                    .map(|s| s.quota_type.label(lang).to_string())
                    .unwrap_or_else(|| src.l("编外", "No seat")),
            ),
            Cell::text(
                work_org
                    .map(|o| ws.label_of(Kind::OrgUnit, o))
                    .unwrap_or_default(),
            ),
            Cell::text(if shared { yes.clone() } else { String::new() }),
            Cell::text(pl.status.label(lang)),
            Cell::Date(pl.from),
            src.issues(Kind::Person, p.id()),
        ];
        push(&mut r, p.meta.provenance, row, lang);
    }
    r
}

/// 整改清单: rectification orders with their findings, lead unit, the deadline in force and the
/// state on the as-of date (overdue and second overdue derived from the date, never stored).
pub fn rectifications(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let d = src.as_of;
    let mut r = src.report(
        "rectifications",
        "整改清单",
        "Rectification list",
        vec![
            src.col("督办通知单号", "Notice no.", Format::Text),
            src.col("问题", "Findings", Format::Text),
            src.col("主办单位", "Lead unit", Format::Text),
            src.col("协办单位", "Assisting units", Format::Text),
            src.col("紧急程度", "Urgency", Format::Text),
            src.col("重大问题", "Major", Format::Text),
            src.col("交办日期", "Issued on", Format::Date),
            src.col("原定时限", "Original deadline", Format::Date),
            src.col("现行时限", "Deadline in force", Format::Date),
            src.col("延期次数", "Extensions", Format::Int),
            src.col("状态", "Status", Format::Text),
            src.col("逾期", "Overdue", Format::Text),
            src.col("逾期天数", "Days overdue", Format::Int),
            src.col("黄牌警告", "Yellow card", Format::Date),
            src.col("销号日期", "Closed on", Format::Date),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    let second = parameters::of(ws).second_overdue_days;
    let mut orders: Vec<_> = ws.rectification_orders.iter_live().collect();
    orders.sort_by(|a, b| a.data.notice_no.cmp(&b.data.notice_no));
    let yes = src.l("是", "Yes");
    for o in orders {
        let x = &o.data;
        let deadline = x.deadline_on(d);
        let overdue = x.overdue_on(d, second);
        let late = match (overdue, deadline) {
            (Overdue::No, _) | (_, None) => Cell::Empty,
            (_, Some(dl)) => Cell::Int((d - dl).num_days()),
        };
        let row = vec![
            Cell::text(x.notice_no.clone()),
            Cell::text(
                x.finding_ids
                    .iter()
                    .map(|f| ws.label_of(Kind::Finding, f))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
            Cell::text(
                x.lead_org_id
                    .as_ref()
                    .map(|u| ws.label_of(Kind::OrgUnit, u))
                    .unwrap_or_default(),
            ),
            Cell::text(
                x.assist_org_ids
                    .iter()
                    .map(|u| ws.label_of(Kind::OrgUnit, u))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            Cell::text(x.urgency.label(lang)),
            Cell::text(if x.is_major {
                yes.clone()
            } else {
                String::new()
            }),
            Cell::opt_date(x.issued_on),
            Cell::opt_date(x.deadline),
            Cell::opt_date(deadline),
            Cell::Int(
                x.extensions
                    .iter()
                    .filter(|e| e.approved == Some(true) && e.decided_on.is_some_and(|t| t <= d))
                    .count() as i64,
            ),
            Cell::text(x.status_on(d).label(lang)),
            Cell::text(match overdue {
                Overdue::No => String::new(),
                Overdue::Overdue => src.l("逾期", "Overdue"),
                Overdue::Second => src.l("二次逾期", "Second overdue"),
            }),
            late,
            Cell::opt_date(x.yellow_card.as_ref().map(|y| y.on).filter(|t| *t <= d)),
            Cell::opt_date(x.closed_on().filter(|t| *t <= d)),
            src.issues(Kind::RectificationOrder, o.id()),
        ];
        push(&mut r, o.meta.provenance, row, lang);
    }
    r
}

/// The roster import template (UTF-8 with BOM, one example row), through the one CSV writer.
pub fn roster_template() -> String {
    let (head, example) = crate::domain::roster_csv::template_rows();
    super::csv::write_rows(head, [example.into_iter().map(super::Cell::text)])
}
