//! The assessment reports (issue #5): the ranking with grades of every scheme of the year, and
//! the bonus allocation proposal of every pool of the year, in yuan with two decimals, with a
//! total row per pool that equals the pool to the fen.
//!
//! The year is the latest year with schemes (or pools) not after the as-of date's year, so the
//! 2013 results still print in early 2014. Each scheme and pool is evaluated once.

use chrono::Datelike;

use super::lists::{Source, push};
use super::{Cell, Format, Report, provenance_cell};
use crate::domain::assessment::AssesseeKind;
use crate::domain::assessment_results::Outcomes;
use crate::domain::bonus::{self, Allocation};
use crate::domain::meta::Provenance;
use crate::domain::workspace::Kind;

/// The report's year: the latest one with records, not after the as-of year.
fn year_of(src: &Source, years: impl Iterator<Item = i32>) -> i32 {
    let cap = src.as_of.year();
    years.filter(|y| *y <= cap).max().unwrap_or(cap)
}

fn yuan(fen: i64) -> Cell {
    Cell::Num(fen as f64 / 100.0)
}

fn points(c: Option<i64>) -> Cell {
    c.map(|c| Cell::Num(c as f64 / 100.0))
        .unwrap_or(Cell::Empty)
}

/// 考核结果排名表: every scheme of the year, its assessees in rank order with the indicator part,
/// the accountability deductions, the total, the grade and what decided it.
pub fn assessment_ranking(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let year = year_of(src, ws.assessment_schemes.iter_live().map(|s| s.data.year));
    let mut r = src.report(
        "assessment-ranking",
        &format!("{year}年度考核结果排名"),
        &format!("Assessment ranking {year}"),
        vec![
            src.col("考核方案", "Scheme", Format::Text),
            src.col("对象类别", "Group", Format::Text),
            src.col("方案状态", "Scheme status", Format::Text),
            src.col("名次", "Rank", Format::Int),
            src.col("考核对象", "Assessee", Format::Text),
            src.col("所在单位", "Unit", Format::Text),
            src.col("实绩得分", "Indicator score", Format::Decimal),
            src.col("问责扣分", "Accountability deduction", Format::Decimal),
            src.col("总分", "Total", Format::Decimal),
            src.col("等次", "Grade", Format::Text),
            src.col("说明", "Notes", Format::Text),
            src.source_col(),
        ],
    );
    let outcomes = Outcomes::of(ws);
    let mut schemes: Vec<_> = ws
        .assessment_schemes
        .iter_live()
        .filter(|s| s.data.year == year)
        .collect();
    schemes.sort_by_key(|s| (s.data.assessee_kind, s.data.title.clone()));
    for s in schemes {
        let Some(o) = outcomes.get(s.id()) else {
            continue;
        };
        let d = &s.data;
        for row in &o.rows {
            let mut notes = Vec::new();
            if row.tied {
                notes.push(src.l("并列", "tied"));
            }
            if !row.vetoed_by.is_empty() {
                let names: Vec<String> = row
                    .vetoed_by
                    .iter()
                    .map(|c| {
                        d.veto_items
                            .iter()
                            .find(|v| &v.code == c)
                            .map_or(c.clone(), |v| v.name.clone())
                    })
                    .collect();
                notes.push(format!(
                    "{}：{}",
                    src.l("一票否决", "veto"),
                    names.join("、")
                ));
            }
            if row.overridden {
                notes.push(src.l("等次经调整", "grade overridden"));
            }
            if row.quota_blocked {
                notes.push(src.l("受优秀比例限制", "held by the quota"));
            }
            for l in &row.deductions {
                notes.push(format!(
                    "{} −{:.2}（{}）",
                    src.l("问责扣分", "deduction"),
                    l.points_c as f64 / 100.0,
                    ws.label_of(Kind::AccountabilityAction, &l.action_id)
                ));
            }
            if !row.complete() {
                notes.push(src.l("实绩未录全", "entries incomplete"));
            }
            let (who, unit) = match &row.assessee.person_id {
                Some(p) => (
                    ws.label_of(Kind::Person, p),
                    ws.label_of(Kind::OrgUnit, &row.assessee.org_id),
                ),
                None => (
                    ws.label_of(Kind::OrgUnit, &row.assessee.org_id),
                    String::new(),
                ),
            };
            let deducted: i64 = row.deductions.iter().map(|l| l.points_c).sum();
            let provenance = row
                .result_id
                .as_ref()
                .and_then(|id| ws.assessment_results.live(id))
                .map_or(s.meta.provenance, |r| r.meta.provenance);
            push(
                &mut r,
                provenance,
                vec![
                    Cell::text(d.title.clone()),
                    Cell::text(d.assessee_kind.label(lang)),
                    Cell::text(d.status.label(lang)),
                    row.rank
                        .map(|x| Cell::Int(i64::from(x)))
                        .unwrap_or(Cell::Empty),
                    Cell::text(who),
                    Cell::text(unit),
                    points(row.indicator_c),
                    if deducted > 0 {
                        Cell::Num(deducted as f64 / 100.0)
                    } else {
                        Cell::Empty
                    },
                    points(row.total_c),
                    Cell::text(
                        row.level
                            .map(|l| d.scale.grade(l).get(lang).to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::text(notes.join("；")),
                ],
                lang,
            );
        }
    }
    r
}

/// 奖金分配建议表: every pool of the year — each person's grade, coefficients, months served,
/// the formula's proposal, special awards and total — with a total row per pool equal to the pool.
pub fn bonus_allocation(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let year = year_of(src, ws.bonus_pools.iter_live().map(|p| p.data.year));
    let mut r = src.report(
        "bonus-allocation",
        &format!("{year}年度目标管理奖金分配建议（非薪酬政策）"),
        &format!("Bonus allocation proposal {year} (not a pay policy)"),
        vec![
            src.col("奖金池", "Pool", Format::Text),
            src.col("园区", "Park", Format::Text),
            src.col("单位", "Unit", Format::Text),
            src.col("人员", "Person", Format::Text),
            src.col("等次", "Grade", Format::Text),
            src.col("等次系数", "Grade coefficient", Format::Decimal),
            src.col(
                "职务系数（含关键岗位）",
                "Post coefficient (key post incl.)",
                Format::Decimal,
            ),
            src.col("在岗月数", "Months served", Format::Int),
            src.col("建议金额（元）", "Proposal (yuan)", Format::Decimal),
            src.col("特殊贡献奖（元）", "Special award (yuan)", Format::Decimal),
            src.col("合计（元）", "Total (yuan)", Format::Decimal),
            src.source_col(),
        ],
    );
    let outcomes = Outcomes::of(ws);
    let mut pools: Vec<_> = ws
        .bonus_pools
        .iter_live()
        .filter(|p| p.data.year == year)
        .collect();
    pools.sort_by_key(|p| {
        (
            ws.label_of(Kind::Park, &p.data.park_id),
            p.data.title.clone(),
        )
    });
    let person_scale = |scheme_ids: &[String]| {
        scheme_ids
            .iter()
            .filter_map(|id| ws.assessment_schemes.live(id))
            .find(|s| s.data.assessee_kind == AssesseeKind::Individual)
            .map(|s| s.data.scale)
    };
    let mut grand = 0i64;
    for p in &pools {
        let d = &p.data;
        let a: Allocation = bonus::allocate_with(ws, d, &outcomes);
        let park = ws.label_of(Kind::Park, &d.park_id);
        let scale = person_scale(&d.person_scheme_ids);
        for l in &a.persons {
            let grade = if l.level < crate::domain::assessment::LEVELS {
                scale
                    .map(|s| s.grade(l.level).get(lang).to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let formula = l.own_fen.unwrap_or(l.formula_fen);
            push(
                &mut r,
                p.meta.provenance,
                vec![
                    Cell::text(d.title.clone()),
                    Cell::text(park.clone()),
                    Cell::text(ws.label_of(Kind::OrgUnit, &l.org_id)),
                    Cell::text(ws.label_of(Kind::Person, &l.person_id)),
                    Cell::text(grade),
                    Cell::Num(f64::from(l.grade_permille) / 1000.0),
                    Cell::Num(f64::from(l.post_permille) / 1000.0),
                    Cell::Int(i64::from(l.months)),
                    yuan(formula),
                    if l.special_fen > 0 {
                        yuan(l.special_fen)
                    } else {
                        Cell::Empty
                    },
                    yuan(l.total_fen()),
                ],
                lang,
            );
        }
        for (org, fen) in &a.unit_specials {
            push(
                &mut r,
                p.meta.provenance,
                vec![
                    Cell::text(d.title.clone()),
                    Cell::text(park.clone()),
                    Cell::text(ws.label_of(Kind::OrgUnit, org)),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    yuan(*fen),
                    yuan(*fen),
                ],
                lang,
            );
        }
        if a.undistributed_fen != 0 {
            push(
                &mut r,
                p.meta.provenance,
                vec![
                    Cell::text(d.title.clone()),
                    Cell::text(park.clone()),
                    Cell::text(src.l("无人可分（未分配）", "Nobody eligible (undistributed)")),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    yuan(a.undistributed_fen),
                    Cell::Empty,
                    yuan(a.undistributed_fen),
                ],
                lang,
            );
        }
        let formula: i64 = a
            .persons
            .iter()
            .map(|l| l.own_fen.unwrap_or(l.formula_fen))
            .sum::<i64>()
            + a.undistributed_fen;
        let special: i64 = a.persons.iter().map(|l| l.special_fen).sum::<i64>()
            + a.unit_specials.iter().map(|u| u.1).sum::<i64>();
        let mut total = vec![
            Cell::text(d.title.clone()),
            Cell::text(park.clone()),
            Cell::text(src.l("合计（= 奖金总额）", "Total (= the pool)")),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            yuan(formula),
            yuan(special),
            yuan(a.sum_fen()),
        ];
        // A total row is not a record: its source column stays empty unless the pool is sample.
        total.push(provenance_cell(
            if p.meta.provenance == Provenance::Sample {
                Provenance::Sample
            } else {
                Provenance::UserEntered
            },
            lang,
        ));
        r.rows.push(total);
        grand += a.sum_fen();
    }
    if pools.len() > 1 {
        let mut row = vec![Cell::text(src.l("全部奖金池合计", "All pools"))];
        row.extend((0..9).map(|_| Cell::Empty));
        row.push(yuan(grand));
        row.push(Cell::Empty);
        r.rows.push(row);
    }
    r
}
