//! The office reports (src/reports): every report written as .xlsx is read back with calamine and
//! compared cell by cell with the report it came from; number formats, the frozen header and
//! the page setup are checked in the workbook's XML; CSV has a BOM, Excel quoting and defused
//! formulas; the catalogue CSV export reads back through the catalogue import.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use common::*;
use parkdesk::domain::catalogue_csv;
use parkdesk::domain::rules::ViolationIndex;
use parkdesk::domain::sample;
use parkdesk::domain::text::Lang;
use parkdesk::domain::workspace::{Data as Rec, Workspace};
use parkdesk::reports::assessment;
use parkdesk::reports::lists::{self, Source};
use parkdesk::reports::outcomes;
use parkdesk::reports::people;
use parkdesk::reports::{Cell, Format, Report, SAMPLE_MARK, csv, xlsx};

type Build = fn(&Source) -> Report;
const ALL: [(&str, Build); 13] = [
    ("delegations", lists::delegations),
    ("catalogue", lists::catalogue),
    ("parks", lists::parks),
    ("townships", lists::townships),
    ("entrustments", lists::entrustments),
    ("projects", outcomes::projects),
    ("outcomes", outcomes::outcome_kpis),
    ("ledger-quota", people::ledger_by_quota),
    ("ledger-use", people::ledger_by_use),
    ("roster", people::roster),
    ("rectifications", people::rectifications),
    ("assessment-ranking", assessment::assessment_ranking),
    ("bonus-allocation", assessment::bonus_allocation),
];

fn build(ws: &Workspace, day: NaiveDate, lang: Lang, f: Build) -> Report {
    let checks = ViolationIndex::check(ws, day);
    f(&Source {
        ws,
        checks: &checks,
        as_of: day,
        office: "保山市编办",
        lang,
    })
}

fn sheet(bytes: &[u8]) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("xlsx opens");
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).expect("sheet")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

fn at(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// Every cell of the workbook equals the report's cell, with its type.
fn assert_same(report: &Report, range: &calamine::Range<Data>) {
    assert_eq!(at(range, 0, 0), Data::String(report.title.clone()));
    assert_eq!(at(range, 1, 0), Data::String(report.subtitle()));
    for (c, col) in report.columns.iter().enumerate() {
        assert_eq!(
            at(range, xlsx::HEADER_ROW, c as u32),
            Data::String(col.header.clone()),
            "{}: header {c}",
            report.key
        );
    }
    for (r, row) in report.rows.iter().enumerate() {
        let er = xlsx::FIRST_DATA_ROW + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let got = at(range, er, c as u32);
            let ok = match (cell, &got) {
                (Cell::Empty, Data::Empty) => true,
                (Cell::Text(s), Data::String(g)) => s == g,
                (Cell::Int(n), Data::Float(g)) => *n as f64 == *g,
                (Cell::Int(n), Data::Int(g)) => n == g,
                (Cell::Num(x) | Cell::Percent(x), Data::Float(g)) => (x - g).abs() < 1e-9,
                (Cell::Date(d), Data::DateTime(g)) => g.as_datetime().map(|t| t.date()) == Some(*d),
                _ => false,
            };
            assert!(
                ok,
                "{} row {r} col {c} ({}): wrote {cell:?}, read {got:?}",
                report.key, report.columns[c].header
            );
        }
    }
    assert_eq!(
        range.end().map(|(r, _)| r),
        Some(xlsx::FIRST_DATA_ROW + report.rows.len() as u32 - 1),
        "{}: no extra rows",
        report.key
    );
}

#[test]
fn every_report_of_the_demo_reads_back_cell_by_cell_in_both_languages() {
    let ws = sample::demo();
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    for lang in [Lang::Zh, Lang::En] {
        for (key, f) in ALL {
            let report = build(&ws, day, lang, f);
            assert_eq!(report.key, key);
            assert!(!report.rows.is_empty(), "{key}: the demo has rows");
            assert!(report.rows.iter().all(|r| r.len() == report.columns.len()));
            let bytes = xlsx::write(&report).expect("xlsx");
            assert_same(&report, &sheet(&bytes));
        }
    }
}

#[test]
fn the_delegation_list_has_chinese_headers_formats_a_frozen_header_and_the_sample_marker() {
    let ws = sample::demo();
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    let report = build(&ws, day, Lang::Zh, lists::delegations);
    let bytes = xlsx::write(&report).expect("xlsx");
    let range = sheet(&bytes);
    let headers: Vec<String> = (0..5).map(|c| at(&range, 2, c).to_string()).collect();
    assert_eq!(
        headers,
        ["事项编码", "事项名称", "权限类别", "事项类型", "园区"]
    );
    assert_eq!(at(&range, 0, 0).to_string(), "权力下放清单");
    let sub = at(&range, 1, 0).to_string();
    assert!(sub.contains("编制单位：保山市编办"), "{sub}");
    assert!(sub.contains("截至 2013-12-31"), "{sub}");
    assert!(sub.contains(SAMPLE_MARK), "BR-F1: {sub}");
    // The demo is sample data through and through: every row says so in its source column.
    let source = report.columns.len() as u32 - 1;
    assert_eq!(at(&range, 2, source).to_string(), "数据来源");
    assert_eq!(report.sample_rows, report.rows.len());
    for r in 0..report.rows.len() as u32 {
        assert_eq!(at(&range, 3 + r, source).to_string(), SAMPLE_MARK);
    }
    // Number formats by column: dates, percentages, integers and decimals.
    let styles = part(&bytes, "xl/styles.xml");
    for f in ["0.0%", "yyyy-mm-dd", "#,##0.00"] {
        assert!(
            styles.contains(&format!("formatCode=\"{f}\"")),
            "{f} in {styles}"
        );
    }
    let effective = report
        .columns
        .iter()
        .position(|c| c.header == "生效日期")
        .expect("column");
    assert_eq!(report.columns[effective].format, Format::Date);
    assert!(
        matches!(at(&range, 3, effective as u32), Data::DateTime(_)),
        "dates are real Excel dates"
    );
    // Frozen below the header, filter on the header, A4 with the header repeated and page numbers.
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("ySplit=\"3\"") && xml.contains("state=\"frozen\""),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter ref=\"A3:"), "{xml}");
    assert!(xml.contains("paperSize=\"9\""), "A4: {xml}");
    assert!(xml.contains("&amp;P / &amp;N"), "page numbers: {xml}");
    assert!(xml.contains("<col "), "column widths are set");
    let book = part(&bytes, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "header row repeats: {book}"
    );
}

#[test]
fn figures_are_numbers_with_hand_computed_values() {
    // One park with two townships in its planning area, one of them entrusted whole on 2012-03-01.
    let mut b = basic();
    let second = b.h.create(township("示例镇丁", &b.county, Some(&b.park)));
    b.h.create(Rec::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-03-01",
        None,
    )));
    let day = NaiveDate::from_ymd_opt(2013, 1, 1).expect("date");
    let parks = build(b.h.ws(), day, Lang::Zh, lists::parks);
    assert_eq!(parks.sample_rows, 0, "user data carries no SAMPLE marker");
    assert!(!parks.subtitle().contains(SAMPLE_MARK));
    let col = |name: &str| {
        parks
            .columns
            .iter()
            .position(|c| c.header == name)
            .expect(name)
    };
    let row = &parks.rows[0];
    assert_eq!(row[col("园区名称")], Cell::Text("保山工贸园区".into()));
    assert_eq!(row[col("托管乡镇数")], Cell::Int(1));
    // 成建制托管率: whole-township entrustments / entrusted townships = 1 / 1.
    assert_eq!(row[col("成建制托管率")], Cell::Percent(1.0));
    // No cross-post yet: 区镇合一覆盖率 = 0 / 1.
    assert_eq!(row[col("区镇合一覆盖率")], Cell::Percent(0.0));
    assert_eq!(row[col("数据来源")], Cell::Empty);
    let bytes = xlsx::write(&parks).expect("xlsx");
    let range = sheet(&bytes);
    assert_eq!(at(&range, 3, col("托管乡镇数") as u32), Data::Float(1.0));
    assert_eq!(at(&range, 3, col("成建制托管率") as u32), Data::Float(1.0));

    let towns = build(b.h.ws(), day, Lang::Zh, lists::townships);
    let led = towns
        .columns
        .iter()
        .position(|c| c.header == "托管园区")
        .expect("column");
    let by_name = |n: &str| {
        towns
            .rows
            .iter()
            .find(|r| r[0] == Cell::Text(n.into()))
            .expect(n)
            .clone()
    };
    assert_eq!(by_name("示例镇丙")[led], Cell::Text("保山工贸园区".into()));
    assert_eq!(
        by_name("示例镇丁")[led],
        Cell::Empty,
        "{second} is not entrusted"
    );

    let ent = build(b.h.ws(), day, Lang::Zh, lists::entrustments);
    assert_eq!(ent.rows.len(), 1);
    assert_eq!(ent.rows[0][4], Cell::Date(d("2012-03-01")));
    assert_eq!(ent.rows[0][5], Cell::Empty, "open-ended");
    assert_eq!(
        ent.rows[0][7],
        Cell::Text("示例〔2012〕1号 托管决定".into())
    );
}

#[test]
fn csv_has_a_bom_excel_quoting_and_no_live_formulas() {
    let mut b = basic();
    let town = b.h.create(township("=HYPERLINK(\"x\")", &b.county, None));
    let _ = town;
    b.h.create(township("甲,乙 \"丙\"", &b.county, None));
    let day = NaiveDate::from_ymd_opt(2013, 1, 1).expect("date");
    let report = build(b.h.ws(), day, Lang::Zh, lists::townships);
    let text = csv::write(&report);
    assert!(text.starts_with('\u{feff}'), "BOM for Excel/WPS");
    let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(
        lines.next(),
        Some("乡镇,类型,所属县区,位于园区规划范围,托管园区,面积（平方公里）,人口,数据来源")
    );
    assert!(
        text.contains("\"甲,乙 \"\"丙\"\"\""),
        "Excel quoting: {text}"
    );
    assert!(
        text.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "defused: {text}"
    );
    // Read back by a CSV reader, the rows equal the report's display values.
    let mut r = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let n = r.records().filter_map(Result::ok).count();
    assert_eq!(n, report.rows.len());
}

#[test]
fn the_exported_catalogue_reads_back_through_the_catalogue_import() {
    let ws = sample::demo();
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    for lang in [Lang::Zh, Lang::En] {
        let report = build(&ws, day, lang, lists::catalogue);
        let items = catalogue_csv::parse(&csv::write(&report))
            .unwrap_or_else(|e| panic!("{lang:?}: {:?}", e.first().map(|e| e.text())));
        let mut original: Vec<_> = ws.power_items.iter_live().map(|r| r.data.clone()).collect();
        original.sort_by(|a, b| a.item_code.cmp(&b.item_code));
        assert_eq!(items.len(), original.len());
        for (got, want) in items.iter().zip(&original) {
            assert_eq!(got.item_code, want.item_code);
            assert_eq!(got.name, want.name);
            assert_eq!(got.power_type, want.power_type);
            assert_eq!(got.category, want.category);
            assert_eq!(got.domain_id, want.domain_id, "{}", want.name);
            assert_eq!(got.holder_level, want.holder_level);
            assert_eq!(got.process_links, want.process_links);
            assert_eq!(got.delegability, want.delegability);
            assert_eq!(got.chain_tags, want.chain_tags);
        }
    }
}

#[test]
fn the_delegation_list_grows_linearly_with_the_data() {
    // 1,000 and 4,000 copies of a demo delegation: four times the rows may take about four times
    // as long, never sixteen (a scan of a table per row would).
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    let timed = |n: usize| {
        let mut ws = sample::demo();
        let template = ws.delegations.iter_live().next().expect("one").clone();
        for i in 0..n {
            let mut rec = template.clone();
            rec.meta.id = format!("BULK{i:06}");
            ws.delegations.insert(rec);
        }
        let checks = ViolationIndex::default();
        let started = std::time::Instant::now();
        let report = lists::delegations(&Source {
            ws: &ws,
            checks: &checks,
            as_of: day,
            office: "保山市编办",
            lang: Lang::Zh,
        });
        assert!(report.rows.len() > n);
        (started.elapsed(), report)
    };
    let (small, _) = timed(1000);
    let (large, report) = timed(4000);
    assert!(
        large < small * 8 + std::time::Duration::from_millis(200),
        "1,000 rows: {small:?}, 4,000 rows: {large:?}"
    );
    let bytes = xlsx::write(&report).expect("xlsx");
    assert_eq!(
        sheet(&bytes).end().map(|(r, _)| r as usize),
        Some(xlsx::FIRST_DATA_ROW as usize + report.rows.len() - 1)
    );
}

fn int(c: &Cell) -> i64 {
    match c {
        Cell::Int(n) => *n,
        other => panic!("not a count: {other:?}"),
    }
}

#[test]
fn the_staffing_ledger_totals_add_up_in_both_views_and_match_the_ledger() {
    use parkdesk::domain::metrics::Scope;
    use parkdesk::domain::staffing::View;
    use parkdesk::domain::staffing_metrics::system_ledger;
    let ws = sample::demo();
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    for (f, view) in [
        (people::ledger_by_quota as Build, View::ByQuota),
        (people::ledger_by_use as Build, View::ByUse),
    ] {
        let r = build(&ws, day, Lang::Zh, f);
        let l = system_ledger(&ws, day, &Scope::City, view);
        let total = |row: &Vec<Cell>| row[2] == Cell::text("合计");
        let units: Vec<_> = r
            .rows
            .iter()
            .filter(|row| !total(row) && row[3] != Cell::Empty)
            .collect();
        assert_eq!(units.len(), l.rows.len(), "one line per unit and type");
        // The overall totals equal the sum of the unit lines, type by type, and the ledger's own.
        for (t, c) in &l.totals {
            let label = Cell::text(t.zh());
            let overall = r
                .rows
                .iter()
                .find(|row| row[0] == Cell::text("全部园区") && row[3] == label)
                .expect("overall total row");
            let sum: i64 = units
                .iter()
                .filter(|u| u[3] == label)
                .map(|u| int(&u[4]))
                .sum();
            assert_eq!(int(&overall[4]), sum);
            assert_eq!(int(&overall[4]), i64::from(c.approved));
            assert_eq!(int(&overall[5]), i64::from(c.occupied));
            assert_eq!(int(&overall[7]), i64::from(c.over()));
        }
        // Each park's totals follow its lines and equal their sums.
        for row in &r.rows {
            if total(row) && row[0] != Cell::text("全部园区") {
                let park = &row[0];
                let sum: i64 = units
                    .iter()
                    .filter(|u| &u[0] == park && u[3] == row[3])
                    .map(|u| int(&u[5]))
                    .sum();
                assert_eq!(int(&row[5]), sum, "park total {park:?} {:?}", row[3]);
            }
        }
    }
    // The demo's teaching case (GM-T1 事业编 超编 +2) shows as 超编 in 编制口径.
    let r = build(&ws, day, Lang::Zh, people::ledger_by_quota);
    assert!(
        r.rows
            .iter()
            .any(|row| row[2] != Cell::text("合计") && int(&row[7]) == 2)
    );
}

#[test]
fn the_roster_lists_who_is_placed_on_the_date_and_marks_shared_seats() {
    let ws = sample::demo();
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    let r = build(&ws, day, Lang::Zh, people::roster);
    let placed = ws
        .persons
        .iter_live()
        .filter(|p| p.data.placement_on(day).is_some())
        .count();
    assert_eq!(r.rows.len(), placed);
    assert!(placed > 100);
    // Sorted by staff number; every row is sample data in the demo.
    assert!(r.rows.windows(2).all(|w| match (&w[0][0], &w[1][0]) {
        (Cell::Text(a), Cell::Text(b)) => a <= b,
        _ => false,
    }));
    assert_eq!(r.sample_rows, r.rows.len());
    // 编制共享 exactly when the seat unit differs from the work unit.
    for row in &r.rows {
        let shared = row[13] == Cell::text("是");
        assert_eq!(
            shared,
            row[10] != Cell::Empty && row[12] != Cell::Empty && row[10] != row[12]
        );
    }
    // Before anyone was placed the roster is empty.
    let early = NaiveDate::from_ymd_opt(1990, 1, 1).expect("date");
    assert!(build(&ws, early, Lang::Zh, people::roster).rows.is_empty());
}

#[test]
fn the_rectification_list_derives_overdue_from_the_as_of_date() {
    let ws = sample::demo();
    let day = NaiveDate::from_ymd_opt(2013, 12, 31).expect("date");
    let r = build(&ws, day, Lang::Zh, people::rectifications);
    assert_eq!(r.rows.len(), ws.rectification_orders.count_live());
    let second = parkdesk::domain::parameters::of(&ws).second_overdue_days;
    for o in ws.rectification_orders.iter_live() {
        let row = r
            .rows
            .iter()
            .find(|row| row[0] == Cell::text(o.data.notice_no.clone()))
            .expect("order row");
        let expect = match o.data.overdue_on(day, second) {
            parkdesk::domain::rectification::Overdue::No => Cell::Empty,
            parkdesk::domain::rectification::Overdue::Overdue => Cell::text("逾期"),
            parkdesk::domain::rectification::Overdue::Second => Cell::text("二次逾期"),
        };
        assert_eq!(row[11], expect, "{}", o.data.notice_no);
        // Days overdue are counted from the deadline in force.
        if expect != Cell::Empty {
            let dl = o.data.deadline_on(day).expect("deadline");
            assert_eq!(int(&row[12]), (day - dl).num_days());
        }
    }
    // Much later every order still open is overdue; the list changes with the date alone.
    let later = NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
    let r2 = build(&ws, later, Lang::Zh, people::rectifications);
    let open_later = ws
        .rectification_orders
        .iter_live()
        .filter(|o| o.data.status_on(later).clock_runs() && o.data.deadline_on(later).is_some())
        .count();
    assert!(open_later > 0, "the demo has open orders");
    assert_eq!(
        r2.rows
            .iter()
            .filter(|row| row[11] == Cell::text("二次逾期"))
            .count(),
        open_later
    );
}

#[test]
fn the_assessment_reports_carry_grades_and_totals_that_equal_each_pool() {
    let ws = sample::demo();
    // In early 2014 the 2013 results still print.
    let day = NaiveDate::from_ymd_opt(2014, 2, 1).expect("date");
    let ranking = build(&ws, day, Lang::Zh, assessment::assessment_ranking);
    assert_eq!(ranking.title, "2013年度考核结果排名");
    // The county-level scheme: GM first with 96.32 (好).
    let gm = ranking
        .rows
        .iter()
        .find(|r| r[4] == Cell::text("保山工贸园区管委会"))
        .expect("GM row");
    assert_eq!(gm[3], Cell::Int(1));
    assert_eq!(gm[8], Cell::Num(96.32));
    assert_eq!(gm[9], Cell::text("好"));
    // The land bureau's deduction of 2 points shows with its action.
    let land = ranking
        .rows
        .iter()
        .find(|r| matches!(&r[4], Cell::Text(t) if t.starts_with("区国土资源局")))
        .expect("land bureau");
    assert_eq!(land[7], Cell::Num(2.0));
    assert!(
        matches!(&land[10], Cell::Text(t) if t.contains("问责扣分 −2.00") && t.contains("通报批评"))
    );
    let bonus = build(&ws, day, Lang::Zh, assessment::bonus_allocation);
    let totals: Vec<&Vec<Cell>> = bonus
        .rows
        .iter()
        .filter(|r| r[2] == Cell::text("合计（= 奖金总额）"))
        .collect();
    let mut amounts: Vec<f64> = totals
        .iter()
        .map(|r| match r[10] {
            Cell::Num(x) => x,
            _ => f64::NAN,
        })
        .collect();
    amounts.sort_by(f64::total_cmp);
    assert_eq!(amounts, vec![800_000.0, 900_000.0, 1_200_000.0]);
    // The person rows of a pool add up to its total row (in fen, exactly).
    for t in totals {
        let fen = |c: &Cell| match c {
            Cell::Num(x) => (x * 100.0).round() as i64,
            _ => 0,
        };
        let sum: i64 = bonus
            .rows
            .iter()
            .filter(|r| r[0] == t[0] && r[2] != t[2])
            .map(|r| fen(&r[10]))
            .sum();
        assert_eq!(sum, fen(&t[10]), "{:?}", t[0]);
    }
    assert_eq!(
        bonus.rows.last().map(|r| r[10].clone()),
        Some(Cell::Num(2_900_000.0))
    );
    assert!(bonus.title.contains("非薪酬政策"));
}
