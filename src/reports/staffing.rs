//! The staffing ledger (编制台账) as CSV. The arithmetic stays in
//! [`crate::domain::staffing_metrics`]; the file goes through the one CSV writer,
//! [`super::csv::write_rows`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Cell as Out;
use crate::domain::meta::Provenance;
use crate::domain::staffing::{Cell, QuotaType, View};
use crate::domain::staffing_metrics::SystemLedger;
use crate::domain::workspace::{Kind, Workspace};

/// The ledger as CSV for Excel/WPS: UTF-8 with BOM, CRLF, one line per unit and type, then the
/// totals of each park system and of everything listed. Sample units say so (BR-F1).
/// Written by [`super::csv::write_rows`], so unit and park names cannot run as formulas.
pub fn ledger_csv(ws: &Workspace, l: &SystemLedger, d: NaiveDate, view: View) -> String {
    let rate = |c: Cell| match c.usage().percent() {
        Some(p) => Out::text(format!("{p:.1}%")),
        None => Out::text("—"),
    };
    let n = |x: u32| Out::Int(i64::from(x));
    let view_zh = match view {
        View::ByQuota => "编制口径",
        View::ByUse => "使用口径",
    };
    let header: [&str; 12] = [
        "园区",
        "乡镇",
        "单位",
        "编制类型",
        "核定数",
        if view == View::ByQuota {
            "实有数"
        } else {
            "在岗数"
        },
        "空编数",
        "超编数",
        "编制使用率",
        "统计口径",
        "统计日期",
        "数据来源",
    ];
    let mut rows: Vec<Vec<Out>> = Vec::new();
    let line = |park: String, town: String, unit: String, t: String, c: Cell, source: String| {
        vec![
            Out::text(park),
            Out::text(town),
            Out::text(unit),
            Out::text(t),
            n(c.approved),
            n(c.occupied),
            n(c.vacant()),
            n(c.over()),
            rate(c),
            Out::text(view_zh),
            Out::Date(d),
            Out::text(source),
        ]
    };
    let mut parks: BTreeMap<&str, BTreeMap<QuotaType, Cell>> = BTreeMap::new();
    for r in &l.rows {
        let source = ws
            .org_units
            .get(&r.org_id)
            .map(|o| match o.meta.provenance {
                Provenance::Sample => "示例 SAMPLE".to_string(),
                p => p.zh().to_string(),
            })
            .unwrap_or_default();
        rows.push(line(
            ws.label_of(Kind::Park, &r.park_id),
            r.township_id
                .as_ref()
                .map(|t| ws.label_of(Kind::Township, t))
                .unwrap_or_default(),
            ws.label_of(Kind::OrgUnit, &r.org_id),
            r.quota_type.zh().to_string(),
            r.cell,
            source,
        ));
        parks
            .entry(r.park_id.as_str())
            .or_default()
            .entry(r.quota_type)
            .or_default()
            .add(r.cell);
    }
    for (park, by_type) in &parks {
        for (t, c) in by_type {
            rows.push(line(
                ws.label_of(Kind::Park, park),
                String::new(),
                "园区体系合计".into(),
                t.zh().to_string(),
                *c,
                String::new(),
            ));
        }
    }
    for (t, c) in &l.totals {
        rows.push(line(
            "合计".into(),
            String::new(),
            String::new(),
            t.zh().to_string(),
            *c,
            String::new(),
        ));
    }
    if view == View::ByUse {
        let mut r = vec![Out::Empty; 12];
        r[0] = Out::text("合计");
        r[2] = Out::text("编外人员（无编制）");
        r[5] = n(l.non_quota);
        r[9] = Out::text(view_zh);
        r[10] = Out::Date(d);
        rows.push(r);
    }
    super::csv::write_rows(header, &rows)
}
