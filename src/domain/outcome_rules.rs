//! Rules of projects (report S7.4, S4.1; shared/domain.md §4.F): field checks (Block), milestone
//! dates in order (Block), and the [D] rules BR-O1..O4 (funds beyond the agreement, a township
//! not entrusted to the park, a builder of another park, infrastructure built by the committee
//! itself). One pass over the projects with the entrustments indexed once.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::integration::looks_like_personal_number;
use super::project::ProjectKind;
use super::rules::{Severity, Violation, violation};
use super::text::Text;
use super::workspace::{Kind, Workspace};

fn field(id: &str, f: &'static str, message: Text) -> Violation {
    violation(
        "FIELD",
        Severity::Block,
        None,
        Kind::Project,
        id,
        Some(f),
        message,
    )
}

pub fn check(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let k = Kind::Project;
    // (park, township) pairs that were ever entrusted, built once.
    let entrusted: HashSet<(&str, &str)> = ws
        .entrustments
        .iter_live()
        .map(|e| (e.data.park_id.as_str(), e.data.township_id.as_str()))
        .collect();
    for r in ws.projects.iter_live() {
        let (id, p) = (r.id(), &r.data);
        if super::rules::blank(&p.name) {
            out.push(field(
                id,
                "name",
                Text::new("请填写项目名称", "Enter the project name"),
            ));
        }
        if ws.parks.live(&p.park_id).is_none() {
            out.push(field(
                id,
                "park_id",
                Text::new(
                    "请选择园区（所选园区不存在）",
                    "Choose a park (the chosen one does not exist)",
                ),
            ));
        }
        if let Some(t) = &p.township_id {
            if ws.townships.live(t).is_none() {
                out.push(field(
                    id,
                    "township_id",
                    Text::new("所选乡镇不存在", "The chosen township does not exist"),
                ));
            } else if !entrusted.contains(&(p.park_id.as_str(), t.as_str())) {
                out.push(violation(
                    "BR-O2",
                    Severity::Warn,
                    Some("S1.2"),
                    k,
                    id,
                    Some("township_id"),
                    Text::new(
                        "项目所在乡镇未托管给该园区，请核对园区或乡镇",
                        "The project's township was never entrusted to this park: check the park or the township",
                    ),
                ));
            }
        }
        if let Some(b) = &p.builder_id {
            match ws.development_entities.live(b) {
                None => out.push(field(
                    id,
                    "builder_id",
                    Text::new("所选建设主体不存在", "The chosen builder does not exist"),
                )),
                Some(e) if e.data.park_id != p.park_id => out.push(violation(
                    "BR-O3",
                    Severity::Warn,
                    Some("S4.1"),
                    k,
                    id,
                    Some("builder_id"),
                    Text::new(
                        "建设主体是其他园区的开发建设公司，请核对",
                        "The builder is another park's development company: check it",
                    ),
                )),
                Some(_) => {}
            }
        } else if p.kind == ProjectKind::Infrastructure {
            out.push(violation(
                "BR-O4",
                Severity::Info,
                Some("S4.1"),
                k,
                id,
                Some("builder_id"),
                Text::new(
                    "基础设施项目未填建设主体（由管委会直接建设）；报告要求行政管理主体与开发建设主体相分离",
                    "No builder for this infrastructure project (built by the committee itself); the report asks to keep administration and development apart",
                ),
            ));
        }
        if looks_like_personal_number(&p.investor) {
            out.push(violation(
                "BR-F2",
                Severity::Block,
                None,
                k,
                id,
                Some("investor"),
                Text::new(
                    "不得录入身份证号或手机号，请填写投资方名称",
                    "ID or phone numbers must not be stored: enter the investor's name",
                ),
            ));
        }
        let negative = p.total_investment_fen.is_some_and(|v| v < 0)
            || p.funds_in_place.iter().any(|t| t.fen < 0)
            || p.investment_done.iter().any(|t| t.fen < 0)
            || p.annual_plans.iter().any(|a| a.fen < 0);
        if negative {
            out.push(field(
                id,
                "total_investment_fen",
                Text::new("金额不能为负数", "Amounts cannot be negative"),
            ));
        }
        // Milestones in their order: 签约 ≤ 供地 ≤ 开工 ≤ 竣工 ≤ 投产.
        let mut last: Option<NaiveDate> = None;
        for (name, date) in p.milestones() {
            let Some(d) = date else { continue };
            if last.is_some_and(|l| d < l) {
                out.push(field(
                    id,
                    name,
                    Text::new(
                        "日期顺序不对：应为签约 ≤ 供地 ≤ 开工 ≤ 竣工 ≤ 投产",
                        "Dates out of order: signing ≤ land ≤ start ≤ completion ≤ production",
                    ),
                ));
                break;
            }
            last = Some(d);
        }
        if let (Some(t), Some(first)) = (
            p.terminated_on,
            p.milestones().iter().filter_map(|(_, d)| *d).min(),
        ) && t < first
        {
            out.push(field(
                id,
                "terminated_on",
                Text::new(
                    "终止日期早于项目的第一个节点日期",
                    "The termination date is before the project's first milestone",
                ),
            ));
        }
        if p.kind.is_signed_kind()
            && let Some(agreed) = p.total_investment_fen
            && p.funds_by(as_of) > agreed
        {
            out.push(violation(
                "BR-O1",
                Severity::Warn,
                Some("S7.4"),
                k,
                id,
                Some("funds_in_place"),
                Text::new(
                    "实际到位资金超过协议投资额，请核实（可能重复录入）",
                    "Funds in place exceed the agreed investment: check them (entered twice?)",
                ),
            ));
        }
    }
}
