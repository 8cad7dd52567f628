//! Reports of the outcomes (issue #7): the project list with each project's stage and money on
//! the as-of date, and the outcome KPIs and goal indices per park with the city-wide total.
//! Money is written in 万元 (fen / 1,000,000) as numbers, so Excel sums them.

use super::lists::{Source, push};
use super::{Cell, Format, Report};
use crate::domain::goals::goal_indices;
use crate::domain::meta::Provenance;
use crate::domain::metrics::Ratio;
use crate::domain::metrics::Scope;
use crate::domain::outcome_metrics::{FenRatio, OutcomeKpis, ProjectScope, kpis};
use crate::domain::workspace::Kind;

fn wan(fen: i64) -> Cell {
    Cell::Num(fen as f64 / 1_000_000.0)
}

fn opt_wan(fen: Option<i64>) -> Cell {
    fen.map(wan).unwrap_or(Cell::Empty)
}

fn ratio(r: Ratio) -> Cell {
    r.per().map(Cell::Percent).unwrap_or(Cell::Empty)
}

fn money_ratio(r: FenRatio) -> Cell {
    r.percent()
        .map(|p| Cell::Percent(p / 100.0))
        .unwrap_or(Cell::Empty)
}

/// 项目清单 | Every project known on the as-of date, park by park.
pub fn projects(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let day = src.as_of;
    let mut r = src.report(
        "projects",
        "项目清单",
        "Projects",
        vec![
            src.col("园区", "Park", Format::Text),
            src.col("所在乡镇", "Township", Format::Text),
            src.col("项目名称", "Project", Format::Text),
            src.col("类型", "Kind", Format::Text),
            src.col("行业", "Industry", Format::Text),
            src.col("投资方", "Investor", Format::Text),
            src.col("建设主体", "Builder", Format::Text),
            src.col("阶段", "Stage", Format::Text),
            src.col(
                "总投资（万元）",
                "Total investment (10k yuan)",
                Format::Decimal,
            ),
            src.col(
                "实际到位资金（万元）",
                "Funds in place (10k yuan)",
                Format::Decimal,
            ),
            src.col("签约日期", "Signed", Format::Date),
            src.col("开工日期", "Started", Format::Date),
            src.col("竣工日期", "Completed", Format::Date),
            src.col("投产日期", "In production", Format::Date),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    let mut list: Vec<_> = ws
        .projects
        .iter_live()
        .filter(|p| p.data.exists_on(day))
        .collect();
    list.sort_by_cached_key(|p| {
        (
            ws.label_of(Kind::Park, &p.data.park_id),
            p.data.kind,
            p.data.name.clone(),
        )
    });
    for p in list {
        let d = &p.data;
        let row = vec![
            Cell::text(ws.label_of(Kind::Park, &d.park_id)),
            Cell::text(
                d.township_id
                    .as_ref()
                    .map(|t| ws.label_of(Kind::Township, t))
                    .unwrap_or_default(),
            ),
            Cell::text(d.name.clone()),
            Cell::text(d.kind.label(lang)),
            Cell::text(d.industry.clone()),
            Cell::text(d.investor.clone()),
            Cell::text(
                d.builder_id
                    .as_ref()
                    .map(|b| ws.label_of(Kind::DevelopmentEntity, b))
                    .unwrap_or_default(),
            ),
            Cell::text(d.stage_on(day).label(lang)),
            opt_wan(d.total_investment_fen),
            if d.funds_in_place.is_empty() {
                Cell::Empty
            } else {
                wan(d.funds_by(day))
            },
            Cell::opt_date(d.signed_on.filter(|x| *x <= day)),
            Cell::opt_date(d.started_on.filter(|x| *x <= day)),
            Cell::opt_date(d.completed_on.filter(|x| *x <= day)),
            Cell::opt_date(d.production_on.filter(|x| *x <= day)),
            src.issues(Kind::Project, p.id()),
        ];
        push(&mut r, p.meta.provenance, row, lang);
    }
    r
}

fn kpi_cells(k: &OutcomeKpis) -> Vec<Cell> {
    vec![
        Cell::Int(k.signed as i64),
        wan(k.agreed_fen),
        wan(k.funds_fen),
        money_ratio(k.funds_rate),
        ratio(k.start_rate),
        ratio(k.production_rate),
        ratio(k.completion_rate),
        money_ratio(k.investment_completion),
    ]
}

/// 成效指标 | Outcome KPIs and the four goal indices per park, then the city.
pub fn outcome_kpis(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let day = src.as_of;
    let mut r = src.report(
        "outcomes",
        "园区成效指标",
        "Outcome indicators",
        vec![
            src.col("范围", "Scope", Format::Text),
            src.col("签约项目数", "Signed projects", Format::Int),
            src.col(
                "协议投资额（万元）",
                "Agreed investment (10k yuan)",
                Format::Decimal,
            ),
            src.col(
                "实际到位资金（万元）",
                "Funds in place (10k yuan)",
                Format::Decimal,
            ),
            src.col("资金到位率", "Funds in place rate", Format::Percent),
            src.col("开工率", "Start rate", Format::Percent),
            src.col("投产率", "Production rate", Format::Percent),
            src.col(
                "基础设施完工率",
                "Infrastructure completion",
                Format::Percent,
            ),
            src.col(
                "年度投资完成率",
                "Annual investment completion",
                Format::Percent,
            ),
            src.col("园区管理实体化", "Substantive management", Format::Decimal),
            src.col(
                "开发建设市场化",
                "Market-based development",
                Format::Decimal,
            ),
            src.col("行政服务高效化", "Efficient services", Format::Decimal),
            src.col("公共服务社会化", "Socialised services", Format::Decimal),
            src.source_col(),
        ],
    );
    // A row is sample when any project of its scope is (the figures are then sample figures).
    let sample_of = |scope: &ProjectScope| {
        ws.projects
            .iter_live()
            .any(|p| scope.includes(&p.data) && p.meta.provenance == Provenance::Sample)
    };
    let mut scopes: Vec<(String, Scope, Provenance)> = ws
        .parks
        .iter_live()
        .map(|p| {
            let name = match lang {
                crate::domain::text::Lang::En if !p.data.name_en.is_empty() => {
                    p.data.name_en.clone()
                }
                _ => p.data.name_zh.clone(),
            };
            (name, Scope::Park(p.meta.id.clone()), p.meta.provenance)
        })
        .collect();
    scopes.push((
        src.l("全市", "City-wide"),
        Scope::City,
        Provenance::UserEntered,
    ));
    for (name, scope, own) in scopes {
        let ps = ProjectScope::from(&scope);
        let mut row = vec![Cell::text(name)];
        row.extend(kpi_cells(&kpis(ws, day, &ps)));
        for g in goal_indices(ws, day, &scope) {
            row.push(g.value().map(Cell::Num).unwrap_or(Cell::Empty));
        }
        let provenance = if sample_of(&ps) || own == Provenance::Sample {
            Provenance::Sample
        } else {
            own
        };
        push(&mut r, provenance, row, lang);
    }
    r
}
