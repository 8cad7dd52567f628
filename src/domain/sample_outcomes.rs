//! Demo projects (shared/domain.md §7.7), ALL SAMPLE: 9–10 projects per pilot park with generic
//! names and investors ("示例投资方甲"), never a real company. Signings, starts, completions and
//! funds are dated so that the KPIs rise visibly from 2012 to 2013: more signings, more starts,
//! more funds in place, the first projects in production.
//!
//! Teaching cases: a signed project terminated in GM (it stays in the denominators), SC's sewage
//! plant built by the committee itself (BR-O4, S4.1), social undertakings delivered both
//! directly and through purchase of services or social partners (公共服务社会化).

use chrono::{Datelike, NaiveDate};

use super::meta::{Id, IdSource, Meta, Provenance, SeqIds, Timestamp};
use super::project::{AnnualPlan, Delivery, ProjectData, ProjectKind, Tranche};
use super::sample::sample_office;
use super::workspace::{Data, Record, Workspace};

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn stamp(d: NaiveDate) -> Timestamp {
    d.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}

/// 万元 → fen.
fn wan(n: i64) -> i64 {
    n * 1_000_000
}

/// One row of the sample: the milestones as "YYYY-MM-DD" ("" = none).
struct Row {
    name: &'static str,
    kind: ProjectKind,
    industry: &'static str,
    investor: &'static str,
    /// Index into the park's townships (in name order), if the project lies in one.
    town: Option<usize>,
    /// Built by the park's development entity.
    by_entity: bool,
    delivery: Option<Delivery>,
    /// 万元.
    total: i64,
    signed: &'static str,
    land: &'static str,
    started: &'static str,
    completed: &'static str,
    production: &'static str,
    terminated: &'static str,
    planned_year: Option<i32>,
    /// (date, 万元).
    funds: &'static [(&'static str, i64)],
}

const fn row(name: &'static str, kind: ProjectKind, total: i64) -> Row {
    Row {
        name,
        kind,
        industry: "",
        investor: "",
        town: None,
        by_entity: false,
        delivery: None,
        total,
        signed: "",
        land: "",
        started: "",
        completed: "",
        production: "",
        terminated: "",
        planned_year: None,
        funds: &[],
    }
}

use ProjectKind::*;

fn gm() -> Vec<Row> {
    vec![
        Row {
            industry: "新材料",
            investor: "示例投资方甲",
            signed: "2012-06-15",
            land: "2012-09-20",
            started: "2012-11-10",
            completed: "2013-08-30",
            production: "2013-10-15",
            funds: &[
                ("2012-07-01", 15_000),
                ("2012-12-01", 15_000),
                ("2013-06-01", 25_000),
                ("2013-11-01", 10_000),
            ],
            ..row("示例硅材料加工项目", Investment, 80_000)
        },
        Row {
            industry: "食品加工",
            investor: "示例投资方乙",
            town: Some(1),
            signed: "2012-11-20",
            land: "2013-02-18",
            started: "2013-04-08",
            funds: &[("2013-01-15", 6_000), ("2013-09-10", 12_000)],
            ..row("示例农产品精深加工项目", Investment, 30_000)
        },
        Row {
            industry: "装备制造",
            investor: "示例投资方丙",
            signed: "2013-03-18",
            land: "2013-06-05",
            started: "2013-09-02",
            funds: &[("2013-04-20", 10_000), ("2013-10-15", 10_000)],
            ..row("示例装备制造项目", Industrial, 50_000)
        },
        Row {
            industry: "物流",
            investor: "示例投资方丁",
            signed: "2013-07-10",
            funds: &[("2013-12-05", 3_000)],
            ..row("示例现代物流园项目", Investment, 20_000)
        },
        Row {
            industry: "电子元件",
            investor: "示例投资方戊",
            signed: "2012-08-01",
            terminated: "2013-05-20",
            funds: &[("2012-10-10", 1_000)],
            ..row("示例电子元件项目（已终止）", Investment, 15_000)
        },
        Row {
            by_entity: true,
            started: "2012-12-01",
            completed: "2013-10-30",
            planned_year: Some(2013),
            ..row("园区道路一期工程（示例）", Infrastructure, 12_000)
        },
        Row {
            by_entity: true,
            started: "2013-03-01",
            planned_year: Some(2014),
            ..row("园区供水管网工程（示例）", Infrastructure, 6_000)
        },
        Row {
            by_entity: true,
            started: "2012-05-01",
            completed: "2012-12-15",
            planned_year: Some(2012),
            ..row("园区标准厂房一期（示例）", Infrastructure, 9_000)
        },
        Row {
            town: Some(0),
            delivery: Some(Delivery::GovernmentDirect),
            started: "2013-04-15",
            planned_year: Some(2014),
            ..row("示例镇丙卫生院改扩建（示例）", Social, 1_500)
        },
        Row {
            town: Some(0),
            delivery: Some(Delivery::PurchaseOfServices),
            started: "2013-06-10",
            ..row("示例镇丙养老服务中心（示例）", Social, 800)
        },
    ]
}

fn sc() -> Vec<Row> {
    vec![
        Row {
            industry: "冶金新材料",
            investor: "示例投资方己",
            signed: "2012-09-10",
            land: "2012-11-20",
            started: "2013-01-15",
            funds: &[
                ("2012-10-15", 8_000),
                ("2013-05-10", 20_000),
                ("2013-11-20", 12_000),
            ],
            ..row("示例冶金新材料项目", Investment, 60_000)
        },
        Row {
            industry: "建材",
            investor: "示例投资方庚",
            town: Some(0),
            signed: "2012-12-05",
            started: "2013-05-20",
            completed: "2013-11-10",
            production: "2013-12-01",
            funds: &[("2013-01-25", 5_000), ("2013-07-15", 9_000)],
            ..row("示例建材加工项目", Investment, 18_000)
        },
        Row {
            industry: "生物医药",
            investor: "示例投资方辛",
            signed: "2013-05-08",
            funds: &[("2013-09-12", 5_000)],
            ..row("示例生物制药项目", Industrial, 35_000)
        },
        Row {
            industry: "仓储物流",
            investor: "示例投资方壬",
            signed: "2013-10-12",
            ..row("示例仓储配送项目", Investment, 8_000)
        },
        Row {
            by_entity: true,
            started: "2012-11-15",
            completed: "2013-09-20",
            planned_year: Some(2013),
            ..row("园区道路一期工程（示例）", Infrastructure, 10_000)
        },
        // Built by the committee itself: BR-O4 (S4.1).
        Row {
            started: "2013-04-10",
            planned_year: Some(2013),
            ..row("园区污水处理厂（示例）", Infrastructure, 7_000)
        },
        Row {
            by_entity: true,
            started: "2013-02-01",
            completed: "2013-11-28",
            planned_year: Some(2013),
            ..row("园区供电线路改造（示例）", Infrastructure, 4_000)
        },
        Row {
            town: Some(1),
            delivery: Some(Delivery::GovernmentDirect),
            started: "2013-03-11",
            ..row("示例乡乙小学改建（示例）", Social, 1_200)
        },
        Row {
            town: Some(0),
            delivery: Some(Delivery::SocialOrganisation),
            started: "2013-05-06",
            ..row("示例镇甲文化活动中心（示例）", Social, 600)
        },
    ]
}

fn glg() -> Vec<Row> {
    vec![
        Row {
            industry: "旅游度假",
            investor: "示例投资方癸",
            signed: "2012-07-20",
            land: "2012-10-16",
            started: "2013-01-10",
            funds: &[
                ("2012-09-05", 10_000),
                ("2013-03-15", 25_000),
                ("2013-10-10", 20_000),
            ],
            ..row("示例温泉度假酒店项目", Investment, 90_000)
        },
        Row {
            industry: "农旅融合",
            investor: "示例投资方子",
            town: Some(0),
            signed: "2012-10-25",
            started: "2013-02-01",
            completed: "2013-08-20",
            production: "2013-09-15",
            funds: &[("2012-12-10", 4_000), ("2013-06-18", 6_000)],
            ..row("示例生态茶园观光项目", Investment, 12_000)
        },
        Row {
            industry: "文体旅游",
            investor: "示例投资方丑",
            signed: "2013-04-16",
            started: "2013-10-08",
            funds: &[("2013-06-20", 6_000), ("2013-12-12", 4_000)],
            ..row("示例户外运动基地项目", Investment, 25_000)
        },
        Row {
            industry: "食品加工",
            investor: "示例投资方寅",
            town: Some(1),
            signed: "2013-08-22",
            funds: &[("2013-11-08", 2_000)],
            ..row("示例咖啡精深加工项目", Industrial, 16_000)
        },
        Row {
            industry: "旅游住宿",
            investor: "示例投资方卯",
            signed: "2013-11-05",
            ..row("示例民宿集群项目", Investment, 9_000)
        },
        Row {
            by_entity: true,
            started: "2012-12-20",
            planned_year: Some(2014),
            ..row("度假区旅游环线公路（示例）", Infrastructure, 20_000)
        },
        Row {
            by_entity: true,
            started: "2013-03-15",
            completed: "2013-12-10",
            planned_year: Some(2013),
            ..row("度假区游客服务中心（示例）", Infrastructure, 5_000)
        },
        Row {
            by_entity: true,
            started: "2012-08-01",
            completed: "2012-12-20",
            planned_year: Some(2012),
            ..row("度假区停车场及接驳站（示例）", Infrastructure, 3_000)
        },
        Row {
            town: Some(0),
            delivery: Some(Delivery::PurchaseOfServices),
            started: "2013-05-13",
            ..row("示例镇戊卫生服务站（示例）", Social, 700)
        },
        Row {
            town: Some(1),
            delivery: Some(Delivery::SocialCapital),
            started: "2013-07-01",
            ..row("示例乡己垃圾收运（示例）", Social, 1_000)
        },
    ]
}

/// Annual plans and completed investment for a started project: a third of the total planned
/// in each year it is under way, completed at 70–85 % in 2012 and 88–96 % in 2013 (the trend),
/// in two tranches (mid-year, year end) within the works.
fn plans_and_done(p: &ProjectData, total: i64, n: usize) -> (Vec<AnnualPlan>, Vec<Tranche>) {
    let (mut plans, mut done) = (Vec::new(), Vec::new());
    let Some(start) = p.started_on else {
        return (plans, done);
    };
    for year in [2012, 2013] {
        if start.year() > year || p.completed_on.is_some_and(|c| c.year() < year) {
            continue;
        }
        let plan = wan(total / 3);
        let pct = if year == 2012 {
            70 + (n % 4) as i64 * 5
        } else {
            88 + (n % 3) as i64 * 4
        };
        let got = plan / 100 * pct;
        plans.push(AnnualPlan { year, fen: plan });
        let end = p
            .completed_on
            .filter(|c| c.year() == year)
            .or_else(|| NaiveDate::from_ymd_opt(year, 12, 20))
            .unwrap_or(start);
        let mid = NaiveDate::from_ymd_opt(year, 6, 30)
            .unwrap_or(start)
            .max(start)
            .min(end);
        done.push(Tranche {
            on: mid,
            fen: got / 2,
        });
        done.push(Tranche {
            on: end,
            fen: got - got / 2,
        });
    }
    (plans, done)
}

/// Adds the projects to the demo workspace (after the service system, whose development
/// entities build the infrastructure).
pub fn add(mut ws: Workspace) -> Workspace {
    let office = sample_office();
    let mut ids = SeqIds {
        next: 0,
        salt: 0x005A_4D50_524A,
    };
    let parks: Vec<(Id, String)> = ws
        .parks
        .iter_live()
        .map(|p| (p.meta.id.clone(), p.data.short_code.clone()))
        .collect();
    let mut n = 0;
    for (park_id, code) in parks {
        let rows = match code.as_str() {
            "GM" => gm(),
            "SC" => sc(),
            "GLG" => glg(),
            _ => continue,
        };
        let mut towns: Vec<(String, Id)> = ws
            .entrustments
            .iter_live()
            .filter(|e| e.data.park_id == park_id)
            .filter_map(|e| {
                ws.townships
                    .live(&e.data.township_id)
                    .map(|t| (t.data.name.clone(), t.meta.id.clone()))
            })
            .collect();
        towns.sort();
        towns.dedup();
        let entity = ws
            .development_entities
            .iter_live()
            .find(|e| e.data.park_id == park_id)
            .map(|e| e.meta.id.clone());
        for r in rows {
            n += 1;
            let mut p = ProjectData::new(park_id.clone(), r.name, r.kind);
            p.industry = r.industry.into();
            p.investor = r.investor.into();
            p.township_id = r.town.and_then(|i| towns.get(i)).map(|t| t.1.clone());
            p.builder_id = if r.by_entity { entity.clone() } else { None };
            p.delivery = r.delivery;
            p.total_investment_fen = Some(wan(r.total));
            p.signed_on = date(r.signed);
            p.land_on = date(r.land);
            p.started_on = date(r.started);
            p.completed_on = date(r.completed);
            p.production_on = date(r.production);
            p.terminated_on = date(r.terminated);
            p.planned_completion_year = r.planned_year;
            p.funds_in_place = r
                .funds
                .iter()
                .filter_map(|(d, w)| date(d).map(|on| Tranche { on, fen: wan(*w) }))
                .collect();
            let (plans, done) = plans_and_done(&p, r.total, n);
            p.annual_plans = plans;
            p.investment_done = done;
            let first = [p.signed_on, p.land_on, p.started_on]
                .into_iter()
                .flatten()
                .min()
                .and_then(|d| d.pred_opt())
                .unwrap_or_default();
            let at = stamp(first);
            let id = ids.next_id(at);
            let meta = Meta::new(id, at, &office, Provenance::Sample);
            ws.put(Record::new(meta, Data::Project(p)));
        }
    }
    ws
}
