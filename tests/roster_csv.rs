//! Roster import from CSV (an Excel/WPS export): per-row, per-column errors, nothing imported
//! while any row is wrong, no personal numbers, one undo step.

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::org::OrgKind;
use parkdesk::domain::person::{EntryChannel, Gender, PersonIdentity, PersonStatus, TalentFlag};
use parkdesk::domain::roster_csv::{parse, parse_date_cell};
use parkdesk::domain::staffing::QuotaType;
use parkdesk::domain::text::Text;
use parkdesk::domain::workspace::Data;
use parkdesk::reports::people::roster_template as template;

fn world() -> (Basic, String, String) {
    let mut b = basic();
    let body = org_in(
        &mut b.h,
        "工贸园区招商合作局",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let gov = org_in(
        &mut b.h,
        "示例镇丙人民政府",
        OrgKind::TownshipGov,
        None,
        Some(&b.town),
    );
    (b, body, gov)
}

#[test]
fn an_excel_export_with_bom_quotes_and_excel_dates_is_read() {
    let (b, body, gov) = world();
    let text = "\u{feff}人员编号,姓名,性别,出生年份,学历,人员身份,进入方式,人才标识,编制单位,编制类型,工作单位,状态,起始日期\r\n\
                PER-GM-0901,张三,男,1985,大学本科,公务员,公开招聘,优秀年轻干部,工贸园区招商合作局,行政编制,工贸园区招商合作局,在职,2013/3/1\r\n\
                PER-GM-0902,\"李四, 小\",F,,MASTER,编外聘用,,,,,示例镇丙人民政府,,2013年4月1日\r\n\
                ,,,,,,,,,,,,\r\n";
    let persons = parse(text, b.h.ws()).expect("valid");
    assert_eq!(persons.len(), 2, "blank lines are skipped");
    let p = &persons[0];
    assert_eq!(
        (p.staff_no.as_str(), p.gender, p.birth_year, p.identity),
        (
            "PER-GM-0901",
            Some(Gender::Male),
            Some(1985),
            PersonIdentity::CivilServant
        )
    );
    assert_eq!(
        (p.entry_channel, p.talent_flags.clone()),
        (EntryChannel::OpenRecruitment, vec![TalentFlag::YoungCadre])
    );
    let pl = &p.placements[0];
    assert_eq!(pl.from, d("2013-03-01"));
    assert_eq!(
        pl.seat.as_ref().map(|s| (s.org_id.as_str(), s.quota_type)),
        Some((body.as_str(), QuotaType::Administrative))
    );
    let q = &persons[1];
    assert_eq!(q.display_name, "李四, 小", "Excel quoting keeps the comma");
    assert_eq!(
        (
            q.identity,
            q.placements[0].seat.clone(),
            q.placements[0].status
        ),
        (PersonIdentity::ContractNonQuota, None, PersonStatus::Active)
    );
    assert_eq!(q.placements[0].work_org_id.as_deref(), Some(gov.as_str()));
    assert_eq!(q.placements[0].from, d("2013-04-01"));
    assert_eq!(parse_date_cell("2012.10.1"), Some(d("2012-10-01")));
    // The template opens in Excel (BOM) and names every column.
    assert!(template().starts_with("\u{feff}人员编号,姓名"));
}

#[test]
fn every_problem_is_reported_with_its_row_and_column_and_nothing_is_returned() {
    let (mut b, body, _) = world();
    b.h.create(placed(
        "PER-GM-0001",
        PersonIdentity::CivilServant,
        vec![placement("2013-01-01", None, &body, PersonStatus::Active)],
    ));
    let text = "人员编号,姓名,出生年份,人员身份,编制单位,编制类型,工作单位,起始日期\n\
                PER-GM-0001,甲,1980,公务员,,,工贸园区招商合作局,2013-01-01\n\
                PER-GM-0002,乙,1980-05-06,公务员,工贸园区招商合作局,,工贸园区招商合作局,2013-01-01\n\
                13800138000,丙,1980,公务员,,,不存在的单位,2013-13-01\n\
                PER-GM-0004,丁,1980,干部,,,工贸园区招商合作局,2013-01-01\n\
                PER-GM-0004,戊,1980,公务员,,,工贸园区招商合作局,2013-01-01\n";
    let errors = parse(text, b.h.ws()).expect_err("invalid");
    let at: Vec<(usize, Option<&str>)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    assert_eq!(
        at,
        vec![
            (2, Some("人员编号")), // already on the roster
            (3, Some("出生年份")), // a full date of birth is refused
            (3, Some("编制类型")), // a quota unit without its type
            (4, Some("人员编号")), // a phone number
            (4, Some("工作单位")), // unknown unit
            (4, Some("起始日期")), // impossible date
            (5, Some("人员身份")), // unknown identity
            (6, Some("人员编号")), // repeats row 5
        ]
    );
    let t: Text = errors[7].text();
    assert!(
        t.zh.starts_with("第 6 行“人员编号”列") && t.zh.contains("与第 5 行重复"),
        "{}",
        t.zh
    );
}

#[test]
fn a_file_with_id_or_phone_columns_is_refused_whole() {
    let (b, _, _) = world();
    let text = "人员编号,姓名,身份证号,人员身份,工作单位,起始日期\nPER-1,甲,53050219800101123X,公务员,工贸园区招商合作局,2013-01-01\n";
    let errors = parse(text, b.h.ws()).expect_err("refused");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].row, errors[0].column.as_deref()),
        (1, Some("身份证号"))
    );
    let missing = parse("姓名\n甲\n", b.h.ws()).expect_err("columns");
    assert!(
        missing.iter().all(|e| e.row == 1) && missing.len() == 4,
        "人员编号, 人员身份, 工作单位, 起始日期"
    );
}

#[test]
fn an_ambiguous_unit_name_asks_for_the_id() {
    let (mut b, _, _) = world();
    let other_park = b.h.create(Data::Park(park("水长工业园区", "SC")));
    org_in(
        &mut b.h,
        "党政办公室",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let second = org_in(
        &mut b.h,
        "党政办公室",
        OrgKind::InternalBody,
        Some(&other_park),
        None,
    );
    let text = format!(
        "人员编号,姓名,人员身份,工作单位,起始日期\nP1,甲,公务员,党政办公室,2013-01-01\nP2,乙,公务员,{second},2013-01-01\n"
    );
    let errors = parse(&text, b.h.ws()).expect_err("ambiguous");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, 2);
    assert!(errors[0].message.zh.contains("有 2 个单位叫“党政办公室”"));
}

#[test]
fn an_imported_roster_is_one_undoable_step() {
    let (mut b, _, _) = world();
    let text = "人员编号,姓名,人员身份,编制单位,编制类型,工作单位,起始日期\n\
                P1,甲,公务员,工贸园区招商合作局,行政编,工贸园区招商合作局,2013-01-01\n\
                P2,乙,公务员,工贸园区招商合作局,行政编,工贸园区招商合作局,2013-01-01\n\
                P3,丙,公务员,工贸园区招商合作局,行政编,工贸园区招商合作局,2013-01-01\n";
    let persons = parse(text, b.h.ws()).expect("valid");
    let out =
        b.h.run(Command::CreateMany {
            items: persons.into_iter().map(Data::Person).collect(),
            summary: Text::new("导入名册 3 人", "Imported 3 persons"),
        })
        .expect("imported");
    assert_eq!(out.summary.zh, "导入名册 3 人");
    assert_eq!(b.h.ws().persons.count_live(), 3);
    // No quota for the body: 超编 is warned, the import is not refused.
    assert!(
        parkdesk::domain::rules::check_all(b.h.ws(), d("2013-06-01"))
            .iter()
            .any(|v| v.rule == "BR-C1")
    );
    b.h.undo().expect("undo");
    assert_eq!(b.h.ws().persons.count_live(), 0);
}
