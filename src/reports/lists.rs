//! The reports whose data exists today: the power-delegation list, the catalogue, parks,
//! townships and entrustments. Each is one function from a [`Source`] to a [`Report`]; the
//! writers (xlsx, CSV, print) do the rest.
//!
//! Every function reads each table once and looks records up by id, so an export of 40,000
//! delegations stays linear.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Cell, Column, Format, Report, provenance_cell};
use crate::domain::delegation::{Grantor, Territory};
use crate::domain::delegation_metrics::link_completeness;
use crate::domain::entrustment::EntrustScope;
use crate::domain::meta::Provenance;
use crate::domain::metrics::{self, Ratio, Scope};
use crate::domain::power::domain;
use crate::domain::rules::{Severity, ViolationIndex};
use crate::domain::text::Lang;
use crate::domain::workspace::{Kind, Workspace};

/// What every report is built from.
pub struct Source<'a> {
    pub ws: &'a Workspace,
    /// The rule check for `as_of` (the UI passes `app.checks`; tests check once).
    pub checks: &'a ViolationIndex,
    pub as_of: NaiveDate,
    /// The office named on the report (本机单位).
    pub office: &'a str,
    pub lang: Lang,
}

impl Source<'_> {
    pub(super) fn l(&self, zh: &str, en: &str) -> String {
        match self.lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    pub(super) fn col(&self, zh: &str, en: &str, format: Format) -> Column {
        Column::new(self.l(zh, en), format)
    }

    pub(super) fn report(
        &self,
        key: &'static str,
        zh: &str,
        en: &str,
        columns: Vec<Column>,
    ) -> Report {
        Report {
            key: key.to_string(),
            title: self.l(zh, en),
            office: self.office.to_string(),
            as_of: self.as_of,
            lang: self.lang,
            columns,
            rows: Vec::new(),
            sample_rows: 0,
        }
    }

    pub(super) fn source_col(&self) -> Column {
        self.col("数据来源", "Source", Format::Text)
    }

    /// Blocks, warnings and signals standing on a record (infos are not issues).
    pub(super) fn issues(&self, kind: Kind, id: &str) -> Cell {
        Cell::Int(
            self.checks
                .of(kind, id)
                .filter(|v| v.severity != Severity::Info)
                .count() as i64,
        )
    }
}

pub(super) fn push(report: &mut Report, provenance: Provenance, mut row: Vec<Cell>, lang: Lang) {
    row.push(provenance_cell(provenance, lang));
    if provenance == Provenance::Sample {
        report.sample_rows += 1;
    }
    report.rows.push(row);
}

pub(super) fn ratio(r: Ratio) -> Cell {
    if r.den == 0 {
        Cell::Empty
    } else {
        Cell::Percent(r.num as f64 / r.den as f64)
    }
}

fn doc(d: Option<&crate::domain::meta::DocRef>) -> Cell {
    Cell::text(
        d.map(|b| {
            format!("{} {}", b.doc_no.clone().unwrap_or_default(), b.title)
                .trim()
                .to_string()
        })
        .unwrap_or_default(),
    )
}

/// 权力下放清单: every live delegation with its three status dimensions, the combined status on
/// the as-of date, capacity score, link completeness, case volumes and open issues.
pub fn delegations(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let mut r = src.report(
        "delegations",
        "权力下放清单",
        "Power delegation list",
        vec![
            src.col("事项编码", "Item code", Format::Text),
            src.col("事项名称", "Item", Format::Text),
            src.col("权限类别", "Category", Format::Text),
            src.col("事项类型", "Power type", Format::Text),
            src.col("园区", "Park", Format::Text),
            src.col("赋权主体", "Grantor", Format::Text),
            src.col("赋权方式", "Mode", Format::Text),
            src.col("地域范围", "Territory", Format::Text),
            src.col("决定文件", "Decision document", Format::Text),
            src.col("生效日期", "Effective from", Format::Date),
            src.col("办理状态", "Lifecycle", Format::Text),
            src.col("承接状态", "Reception", Format::Text),
            src.col("督查结论", "Verdict", Format::Text),
            src.col("综合状态", "Status", Format::Text),
            src.col("承接能力得分", "Capacity score", Format::Decimal),
            src.col("环节完整度", "Link completeness", Format::Percent),
            src.col("园区办件量", "Cases by park", Format::Int),
            src.col("原部门办件量", "Cases by department", Format::Int),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    let mut recs: Vec<_> = ws.delegations.iter_live().collect();
    let park_name = |id: &str| ws.label_of(Kind::Park, id);
    let item_code = |id: &str| {
        ws.power_items
            .live(id)
            .map(|i| i.data.item_code.clone())
            .unwrap_or_default()
    };
    recs.sort_by_cached_key(|d| (park_name(&d.data.park_id), item_code(&d.data.power_item_id)));
    // A delegation's verdict is that of its latest inspection check on the as-of date.
    let verdicts = crate::domain::inspection::latest_verdicts(ws, src.as_of);
    for rec in recs {
        let d = &rec.data;
        let verdict = verdicts.get(rec.id()).copied();
        let item = ws.power_items.live(&d.power_item_id);
        let grantor = match &d.grantor {
            Grantor::City => src.l("市政府", "City government"),
            Grantor::County { county_id } => {
                let name = ws.label_of(Kind::County, county_id);
                match lang {
                    Lang::Zh => format!("{name}政府"),
                    Lang::En => format!("{name} government"),
                }
            }
        };
        let territory = match &d.territory {
            Territory::WholePark => src.l("全园区", "Whole park"),
            Territory::CoreZone => src.l("核心区", "Core zone"),
            Territory::EntrustedTownships { township_ids } => township_ids
                .iter()
                .map(|t| ws.label_of(Kind::Township, t))
                .collect::<Vec<_>>()
                .join("、"),
        };
        let row = vec![
            Cell::text(item.map(|i| i.data.item_code.clone()).unwrap_or_default()),
            Cell::text(
                item.map(|i| i.data.name.clone())
                    .unwrap_or_else(|| d.power_item_id.clone()),
            ),
            Cell::text(
                item.map(|i| i.data.category.label(lang))
                    .unwrap_or_default(),
            ),
            Cell::text(
                item.map(|i| i.data.power_type.label(lang))
                    .unwrap_or_default(),
            ),
            Cell::text(park_name(&d.park_id)),
            Cell::text(grantor),
            Cell::text(d.mode.label(lang)),
            Cell::text(territory),
            doc(d.batch.as_ref()),
            Cell::opt_date(d.effective_from),
            Cell::text(d.lifecycle.label(lang)),
            Cell::text(d.reception.label(lang)),
            Cell::text(verdict.map(|v| v.label(lang)).unwrap_or_default()),
            Cell::text(d.display_status(verdict, src.as_of).label(lang)),
            d.capacity
                .as_ref()
                .map(|c| Cell::Num(c.total()))
                .unwrap_or(Cell::Empty),
            Cell::Percent(link_completeness(ws, d)),
            Cell::Int(d.cases.iter().map(|c| i64::from(c.by_park)).sum()),
            Cell::Int(d.cases.iter().map(|c| i64::from(c.by_source)).sum()),
            src.issues(Kind::Delegation, rec.id()),
        ];
        push(&mut r, rec.meta.provenance, row, lang);
    }
    r
}

/// 权责清单: the power catalogue, with the parks each item is delegated to (open delegations).
pub fn catalogue(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    // The catalogue import's own header names, so an exported catalogue can be edited in Excel/WPS
    // and read back.
    let mut columns: Vec<Column> = crate::domain::catalogue_csv::HEADERS
        .iter()
        .map(|(zh, en)| src.col(zh, en, Format::Text))
        .collect();
    columns.push(src.col("原实施部门", "Source department", Format::Text));
    columns.push(src.col("已下放园区", "Delegated to", Format::Text));
    columns.push(src.source_col());
    let mut r = src.report("catalogue", "权责清单", "Power catalogue", columns);
    // One pass over the delegations: item → parks.
    let mut parks: HashMap<&str, Vec<String>> = HashMap::new();
    for d in ws.delegations.iter_live() {
        if d.data.lifecycle.is_open() {
            parks
                .entry(d.data.power_item_id.as_str())
                .or_default()
                .push(ws.label_of(Kind::Park, &d.data.park_id));
        }
    }
    let mut items: Vec<_> = ws.power_items.iter_live().collect();
    items.sort_by(|a, b| a.data.item_code.cmp(&b.data.item_code));
    for item in items {
        let i = &item.data;
        let dom = domain(&i.domain_id)
            .map(|d| if lang == Lang::Zh { d.zh } else { d.en })
            .unwrap_or(i.domain_id.as_str());
        let row = vec![
            Cell::text(i.item_code.clone()),
            Cell::text(i.name.clone()),
            Cell::text(i.power_type.label(lang)),
            Cell::text(i.category.label(lang)),
            Cell::text(dom),
            Cell::text(i.holder_level.label(lang)),
            Cell::text(
                i.process_links
                    .iter()
                    .map(|l| l.label(lang))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            Cell::text(i.delegability.label(lang)),
            Cell::text(i.chain_tags.join("、")),
            Cell::text(
                i.source_dept_id
                    .as_ref()
                    .map(|d| ws.label_of(Kind::OrgUnit, d))
                    .unwrap_or_default(),
            ),
            Cell::text(
                parks
                    .get(item.id())
                    .map(|p| p.join("、"))
                    .unwrap_or_default(),
            ),
        ];
        push(&mut r, item.meta.provenance, row, lang);
    }
    r
}

/// 园区一览: parks with their profile and the two territorial rates on the as-of date.
pub fn parks(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let mut r = src.report(
        "parks",
        "园区一览",
        "Parks",
        vec![
            src.col("园区名称", "Park", Format::Text),
            src.col("英文名称", "English name", Format::Text),
            src.col("简码", "Code", Format::Text),
            src.col("类型", "Kind", Format::Text),
            src.col("所在县区", "Host counties", Format::Text),
            src.col(
                "规划面积（平方公里）",
                "Planning area (km²)",
                Format::Decimal,
            ),
            src.col("设立日期", "Established", Format::Date),
            src.col("试点起始", "Pilot since", Format::Date),
            src.col("内设机构限额", "Body limit", Format::Int),
            src.col("状态", "Status", Format::Text),
            src.col("托管乡镇数", "Entrusted townships", Format::Int),
            src.col("成建制托管率", "Whole-township rate", Format::Percent),
            src.col("区镇合一覆盖率", "Integration coverage", Format::Percent),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    for p in ws.parks.iter_live() {
        let d = &p.data;
        let scope = Scope::Park(p.meta.id.clone());
        let row = vec![
            Cell::text(d.name_zh.clone()),
            Cell::text(d.name_en.clone()),
            Cell::text(d.short_code.clone()),
            Cell::text(d.kind.label(lang)),
            Cell::text(
                d.host_county_ids
                    .iter()
                    .map(|c| ws.label_of(Kind::County, c))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            d.planning_area_km2.map(Cell::Num).unwrap_or(Cell::Empty),
            Cell::opt_date(d.established_on),
            Cell::opt_date(d.pilot_since),
            d.body_limit
                .map(|b| Cell::Int(i64::from(b)))
                .unwrap_or(Cell::Empty),
            Cell::text(d.status.label(lang)),
            Cell::Int(metrics::entrusted_townships(ws, src.as_of, &scope).len() as i64),
            ratio(metrics::whole_township_rate(ws, src.as_of, &scope)),
            ratio(metrics::integration_coverage(ws, src.as_of, &scope)),
            src.issues(Kind::Park, p.id()),
        ];
        push(&mut r, p.meta.provenance, row, lang);
    }
    r
}

/// 乡镇一览: townships, their county, planning area and the park leading them on the as-of date.
pub fn townships(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let mut r = src.report(
        "townships",
        "乡镇一览",
        "Townships",
        vec![
            src.col("乡镇", "Township", Format::Text),
            src.col("类型", "Kind", Format::Text),
            src.col("所属县区", "County", Format::Text),
            src.col("位于园区规划范围", "In planning area of", Format::Text),
            src.col("托管园区", "Led by park", Format::Text),
            src.col("面积（平方公里）", "Area (km²)", Format::Decimal),
            src.col("人口", "Population", Format::Int),
            src.source_col(),
        ],
    );
    // Which park leads each township on the day: one pass over the entrustments (BR-A7).
    let mut led: HashMap<&str, String> = HashMap::new();
    for e in ws.entrustments.iter_live() {
        if e.data.in_force_on(src.as_of) {
            led.insert(
                e.data.township_id.as_str(),
                ws.label_of(Kind::Park, &e.data.park_id),
            );
        }
    }
    for t in ws.townships.iter_live() {
        let d = &t.data;
        let row = vec![
            Cell::text(d.name.clone()),
            Cell::text(d.kind.label(lang)),
            Cell::text(ws.label_of(Kind::County, &d.county_id)),
            Cell::text(
                d.in_planning_area_of
                    .as_ref()
                    .map(|p| ws.label_of(Kind::Park, p))
                    .unwrap_or_default(),
            ),
            Cell::text(led.get(t.id()).cloned().unwrap_or_default()),
            d.area_km2.map(Cell::Num).unwrap_or(Cell::Empty),
            d.population
                .map(|p| Cell::Int(i64::from(p)))
                .unwrap_or(Cell::Empty),
        ];
        push(&mut r, t.meta.provenance, row, lang);
    }
    r
}

/// 托管关系一览: entrustments of townships to parks with period, status and decision document.
pub fn entrustments(src: &Source) -> Report {
    let ws = src.ws;
    let lang = src.lang;
    let mut r = src.report(
        "entrustments",
        "托管关系一览",
        "Entrustments",
        vec![
            src.col("园区", "Park", Format::Text),
            src.col("乡镇", "Township", Format::Text),
            src.col("委托县区", "Entrusting county", Format::Text),
            src.col("托管范围", "Scope", Format::Text),
            src.col("起始日期", "From", Format::Date),
            src.col("终止日期", "To", Format::Date),
            src.col("状态", "Status", Format::Text),
            src.col("依据文件", "Decision document", Format::Text),
            src.col("发文日期", "Issued on", Format::Date),
            src.col("县区保留事项", "Retained matters", Format::Text),
            src.col("部分托管理由", "Reason if partial", Format::Text),
            src.col("问题数", "Issues", Format::Int),
            src.source_col(),
        ],
    );
    let mut recs: Vec<_> = ws.entrustments.iter_live().collect();
    recs.sort_by_cached_key(|e| (ws.label_of(Kind::Park, &e.data.park_id), e.data.period.from));
    for e in recs {
        let d = &e.data;
        let scope = match &d.scope {
            EntrustScope::WholeTownship => src.l("成建制（整乡镇）", "Whole township"),
            EntrustScope::PartialVillages { villages } => format!(
                "{}：{}",
                src.l("部分村", "Some villages"),
                villages.join("、")
            ),
        };
        let row = vec![
            Cell::text(ws.label_of(Kind::Park, &d.park_id)),
            Cell::text(ws.label_of(Kind::Township, &d.township_id)),
            Cell::text(ws.label_of(Kind::County, &d.entrusting_county_id)),
            Cell::text(scope),
            Cell::Date(d.period.from),
            Cell::opt_date(d.period.to),
            Cell::text(d.status.label(lang)),
            doc(d.basis.as_ref()),
            Cell::opt_date(d.basis.as_ref().and_then(|b| b.issued_on)),
            Cell::text(d.retained_matters.join("、")),
            Cell::text(d.justification_if_partial.clone().unwrap_or_default()),
            src.issues(Kind::Entrustment, e.id()),
        ];
        push(&mut r, e.meta.provenance, row, lang);
    }
    r
}
