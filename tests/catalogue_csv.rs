//! CSV import of a power catalogue: per-row errors, nothing half-imported.

use parkdesk::domain::catalogue_csv::parse;
use parkdesk::domain::power::{Delegability, HolderLevel, PowerCategory, PowerType, ProcessLink};

#[test]
fn a_clean_file_in_chinese_headers_is_read() {
    let text = "\u{feff}事项编码,事项名称,事项类型,权限类别,职能领域,权限层级,办理环节,可下放性,审批链\n\
                XK00302000,建设用地规划许可证核发,行政许可,经济管理,规划,市,受理、审查、决定、发证,可委托,投资项目\n\
                CF02101000,对未取得建设工程规划许可证进行建设的处罚,CF,行政执法,规划,县,立案·决定·执行,,\n";
    let items = parse(text).expect("valid");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].domain_id, "ECO.PLANNING", "规划 under 经济管理");
    assert_eq!(items[1].domain_id, "ENF.PLANNING", "规划 under 行政执法");
    assert_eq!(
        items[0].process_links,
        vec![
            ProcessLink::Acceptance,
            ProcessLink::Review,
            ProcessLink::Decision,
            ProcessLink::Issuance
        ]
    );
    assert_eq!(items[0].chain_tags, vec!["投资项目".to_string()]);
    assert_eq!(items[1].power_type, PowerType::Penalty);
    assert_eq!(items[1].holder_level, HolderLevel::County);
    assert_eq!(items[1].category, PowerCategory::Enforcement);
    assert_eq!(
        items[1].delegability,
        Delegability::ToBeStudied,
        "blank means to be studied"
    );
}

#[test]
fn every_problem_is_reported_with_row_and_column_and_nothing_is_returned() {
    let text = "code,name,type,category,domain,holder\n\
                A1,好的事项,XK,ECONOMIC,ECO.DEV_REFORM,CITY\n\
                A1,重复编码,XK,ECONOMIC,ECO.DEV_REFORM,CITY\n\
                A3,,许可,经济管理,教育,省\n";
    let errors = parse(text).expect_err("invalid");
    let places: Vec<(usize, Option<String>)> =
        errors.iter().map(|e| (e.row, e.column.clone())).collect();
    assert!(places.contains(&(3, Some("事项编码".into()))), "{places:?}");
    assert!(places.contains(&(4, Some("事项名称".into()))));
    assert!(places.contains(&(4, Some("事项类型".into()))));
    assert!(
        places.contains(&(4, Some("职能领域".into()))),
        "教育 is not an economic domain"
    );
    assert!(places.contains(&(4, Some("权限层级".into()))));
    assert!(errors[0].text().zh.starts_with("第 3 行"));
}

#[test]
fn a_missing_required_column_is_named() {
    let errors = parse("事项编码,事项名称\nX,Y\n").expect_err("columns missing");
    let cols: Vec<_> = errors.iter().filter_map(|e| e.column.clone()).collect();
    assert_eq!(cols, vec!["事项类型", "权限类别", "职能领域", "权限层级"]);
}
