//! 项目 | Projects of the parks and their townships (S7.4): the list with each project's stage
//! and money on the as-of date, filters by park and township, an editor (milestone dates,
//! amounts in 万元 kept in fen, funds tranches, annual plans and completed investment), and
//! the project list as Excel / CSV / print.

use leptos::prelude::*;

use super::overview::l;
use super::page_title;
use crate::domain::project::*;
use crate::domain::workspace::{Data, Kind};
use crate::ui::form::*;
use crate::ui::i18n::*;
use crate::ui::reports::ReportTools;
use crate::ui::state::use_app;
use crate::ui::use_lang;
use crate::ui::widgets::*;

/// "YYYY-MM-DD 金额" lines (万元) → tranches; the line number of the first bad line.
fn parse_tranches(text: &str) -> Result<Vec<Tranche>, usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let (d, amount) = line.split_once([' ', '\t', ',', '，']).ok_or(n + 1)?;
        let on = parse_date(d).ok_or(n + 1)?;
        let fen = parse_wan_yuan(amount).filter(|f| *f >= 0).ok_or(n + 1)?;
        out.push(Tranche { on, fen });
    }
    out.sort_by_key(|t| t.on);
    Ok(out)
}

/// "YYYY 金额" lines (万元) → annual plans.
fn parse_plans(text: &str) -> Result<Vec<AnnualPlan>, usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let (y, amount) = line.split_once([' ', '\t', ',', '，']).ok_or(n + 1)?;
        let year: i32 = y
            .trim()
            .parse()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or(n + 1)?;
        let fen = parse_wan_yuan(amount).filter(|f| *f >= 0).ok_or(n + 1)?;
        out.push(AnnualPlan { year, fen });
    }
    Ok(out)
}

fn tranche_text(t: &[Tranche]) -> String {
    t.iter()
        .map(|t| format!("{} {}", t.on.format("%Y-%m-%d"), wan_yuan_string(t.fen)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
pub fn Projects() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang = use_lang();
    page_title(move || l(lang(), "项目", "Projects"));
    let edit = RwSignal::new(Editing::Closed);
    let park_filter = RwSignal::new(String::new());
    let rows = move || {
        let day = app.as_of.get();
        let park = park_filter.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut v: Vec<_> = ws
                .projects
                .iter_live()
                .filter(|p| park.is_empty() || p.data.park_id == park)
                .map(|p| {
                    (
                        p.clone(),
                        ws.label_of(Kind::Park, &p.data.park_id),
                        p.data
                            .township_id
                            .as_ref()
                            .map(|t| ws.label_of(Kind::Township, t))
                            .unwrap_or_default(),
                        p.data.stage_on(day),
                        p.data.funds_by(day),
                        day,
                    )
                })
                .collect();
            v.sort_by(|a, b| {
                (&a.1, a.0.data.kind, &a.0.data.name).cmp(&(&b.1, b.0.data.kind, &b.0.data.name))
            });
            v
        })
    };
    let parks = park_options(app, None);
    view! {
        <section class="page" id="page-projects">
            <h1>{move || l(lang(), "项目", "Projects")}</h1>
            <p class="lead">{move || l(lang(), "园区及托管乡镇的招商引资、基础设施和社会事业项目（报告 S7.4）。阶段和金额按所选日期从各节点日期、到位资金和完成投资计算；金额以万元录入，按分精确保存。",
                "Investment, infrastructure and social projects of the parks and their townships (report S7.4). Stage and money are read for the chosen date from the milestone dates, funds in place and completed investment; amounts are typed in 10,000 yuan and kept exactly in fen.")}</p>
            <div class="toolbar">
                <super::powers::AsOfControl />
                <div class="field field-inline">
                    <label for="project-park-filter">{t!(i18n, col_park)}</label>
                    <select id="project-park-filter" on:change=move |ev| park_filter.set(event_target_value(&ev))>
                        <option value="">{move || l(lang(), "全部园区", "All parks")}</option>
                        {move || parks().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <span class="head-actions">
                    <ReportTools key="projects" report=crate::reports::outcomes::projects />
                    <button class="btn btn-primary" id="project-new" on:click=move |_| edit.set(Editing::New)>{move || l(lang(), "新增项目", "New project")}</button>
                </span>
            </div>
            {move || match edit.get() {
                Editing::Closed => None,
                Editing::New => Some(view! { <ProjectForm edit id=None base_rev=None /> }),
                Editing::Edit(id, rev) => Some(view! { <ProjectForm edit id=Some(id) base_rev=Some(rev) /> }),
            }}
            <table class="table" id="project-table">
                <thead><tr>
                    <th scope="col">{move || l(lang(), "项目名称", "Project")}</th>
                    <th scope="col">{t!(i18n, col_park)}</th>
                    <th scope="col">{t!(i18n, col_township)}</th>
                    <th scope="col">{t!(i18n, col_kind)}</th>
                    <th scope="col">{move || l(lang(), "阶段", "Stage")}</th>
                    <th scope="col" class="num">{move || l(lang(), "总投资", "Total investment")}</th>
                    <th scope="col" class="num">{move || l(lang(), "到位资金", "Funds in place")}</th>
                    <th scope="col">{move || l(lang(), "签约 / 开工", "Signed / started")}</th>
                    <th scope="col">{t!(i18n, col_issues)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr></thead>
                <tbody>
                    <For each=rows key=|r| (r.0.meta.id.clone(), r.0.meta.rev, r.5) let:r>
                        {
                            let (p, park, town, stage, funds, _) = r;
                            let id = p.meta.id.clone();
                            let id_edit = id.clone();
                            let rev = p.meta.rev;
                            let d = p.data.clone();
                            let total = d.total_investment_fen;
                            let has_funds = !d.funds_in_place.is_empty();
                            view! {
                                <tr data-id=id.clone() data-stage=stage.code()>
                                    <th scope="row">{d.name.clone()} " " <ProvenanceBadge provenance=p.meta.provenance /></th>
                                    <td>{park}</td>
                                    <td>{town}</td>
                                    <td class="nowrap">{move || d.kind.label(lang())}</td>
                                    <td class="nowrap">{move || stage.label(lang())}</td>
                                    <td class="num nowrap">{move || total.map(|f| money_text(f, lang())).unwrap_or_else(|| "—".into())}</td>
                                    <td class="num nowrap">{move || if has_funds { money_text(funds, lang()) } else { "—".into() }}</td>
                                    <td class="nowrap small">{date_string(d.signed_on)} " / " {date_string(d.started_on)}</td>
                                    <td>{record_issues(app, Kind::Project, id.clone())}</td>
                                    <td class="actions">
                                        <button class="btn btn-small" data-action="edit" on:click=move |_| edit.set(Editing::Edit(id_edit.clone(), rev))>{t!(i18n, edit)}</button>
                                        " " <DeleteButton kind=Kind::Project id=id.clone() />
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn ProjectForm(
    edit: RwSignal<Editing>,
    id: Option<String>,
    base_rev: Option<u32>,
) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let current = id.as_ref().and_then(|id| {
        app.desk
            .with_untracked(|d| d.ws().projects.live(id).map(|r| r.data.clone()))
    });
    let first_park = app.desk.with_untracked(|d| {
        d.ws()
            .parks
            .iter_live()
            .next()
            .map(|p| p.meta.id.clone())
            .unwrap_or_default()
    });
    let p = current.unwrap_or_else(|| ProjectData::new(first_park, "", ProjectKind::Investment));
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let park = RwSignal::new(p.park_id.clone());
    let town = RwSignal::new(p.township_id.clone().unwrap_or_default());
    let name = RwSignal::new(p.name.clone());
    let kind = RwSignal::new(p.kind.code().to_string());
    let industry = RwSignal::new(p.industry.clone());
    let investor = RwSignal::new(p.investor.clone());
    let builder = RwSignal::new(p.builder_id.clone().unwrap_or_default());
    let delivery = RwSignal::new(p.delivery.map(|x| x.code().to_string()).unwrap_or_default());
    let total = RwSignal::new(
        p.total_investment_fen
            .map(wan_yuan_string)
            .unwrap_or_default(),
    );
    let signed = RwSignal::new(date_string(p.signed_on));
    let land = RwSignal::new(date_string(p.land_on));
    let started = RwSignal::new(date_string(p.started_on));
    let completed = RwSignal::new(date_string(p.completed_on));
    let production = RwSignal::new(date_string(p.production_on));
    let terminated = RwSignal::new(date_string(p.terminated_on));
    let planned = RwSignal::new(
        p.planned_completion_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
    );
    let funds = RwSignal::new(tranche_text(&p.funds_in_place));
    let plans = RwSignal::new(
        p.annual_plans
            .iter()
            .map(|a| format!("{} {}", a.year, wan_yuan_string(a.fen)))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let done = RwSignal::new(tranche_text(&p.investment_done));
    let kinds = enum_options(
        ProjectKind::ALL,
        ProjectKind::code,
        ProjectKind::label,
        lang,
    );
    let deliveries = move || {
        let mut v = vec![(String::new(), l(lang(), "（不适用）", "(not applicable)"))];
        v.extend(
            Delivery::ALL
                .iter()
                .map(|d| (d.code().to_string(), d.label(lang()).to_string())),
        );
        v
    };
    let towns = move || {
        let mut v = vec![(
            String::new(),
            l(lang(), "（园区本级）", "(the park itself)"),
        )];
        let pk = park.get();
        app.desk.with(|d| {
            let ws = d.ws();
            let mut t: Vec<(String, String)> = ws
                .entrustments
                .iter_live()
                .filter(|e| e.data.park_id == pk)
                .map(|e| {
                    (
                        e.data.township_id.clone(),
                        ws.label_of(Kind::Township, &e.data.township_id),
                    )
                })
                .collect();
            t.sort();
            t.dedup();
            v.extend(t);
        });
        v
    };
    let builders = move || {
        let mut v = vec![(
            String::new(),
            l(lang(), "（管委会直接建设）", "(built by the committee)"),
        )];
        let pk = park.get();
        app.desk.with(|d| {
            v.extend(
                d.ws()
                    .development_entities
                    .iter_live()
                    .filter(|e| e.data.park_id == pk)
                    .map(|e| (e.meta.id.clone(), e.data.name.clone())),
            )
        });
        v
    };
    let opt = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = Vec::new();
        let mut date = |field: &'static str, v: RwSignal<String>| {
            let s = v.get_untracked();
            if s.trim().is_empty() {
                return None;
            }
            let d = parse_date(&s);
            if d.is_none() {
                local.push(local_error(
                    field,
                    "日期格式应为 YYYY-MM-DD",
                    "Dates read YYYY-MM-DD",
                ));
            }
            d
        };
        let dates = [
            date("signed_on", signed),
            date("land_on", land),
            date("started_on", started),
            date("completed_on", completed),
            date("production_on", production),
            date("terminated_on", terminated),
        ];
        let total_fen = {
            let s = total.get_untracked();
            if s.trim().is_empty() {
                None
            } else {
                let v = parse_wan_yuan(&s);
                if v.is_none() {
                    local.push(local_error(
                        "total_investment_fen",
                        "总投资请填写万元金额，如 1200.5",
                        "Enter the total investment in 10,000 yuan, e.g. 1200.5",
                    ));
                }
                v
            }
        };
        let year = {
            let s = planned.get_untracked();
            if s.trim().is_empty() {
                None
            } else {
                let v = s
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1990..=2100).contains(y));
                if v.is_none() {
                    local.push(local_error(
                        "planned_completion_year",
                        "计划完工年度请填写四位年份",
                        "Enter the planned completion year as four digits",
                    ));
                }
                v
            }
        };
        let bad = |field: &'static str, n: usize, local: &mut Vec<_>| {
            local.push(local_error(
                field,
                &format!("第 {n} 行应为“日期 金额（万元）”，如 2013-06-01 2500"),
                &format!("Line {n} should read “date amount (10,000 yuan)”, e.g. 2013-06-01 2500"),
            ))
        };
        let funds_v = parse_tranches(&funds.get_untracked()).unwrap_or_else(|n| {
            bad("funds_in_place", n, &mut local);
            Vec::new()
        });
        let done_v = parse_tranches(&done.get_untracked()).unwrap_or_else(|n| {
            bad("investment_done", n, &mut local);
            Vec::new()
        });
        let plans_v = parse_plans(&plans.get_untracked()).unwrap_or_else(|n| {
            local.push(local_error(
                "annual_plans",
                &format!("第 {n} 行应为“年度 金额（万元）”，如 2013 4000"),
                &format!("Line {n} should read “year amount (10,000 yuan)”, e.g. 2013 4000"),
            ));
            Vec::new()
        });
        if !local.is_empty() {
            errors.set(local);
            return;
        }
        let data = ProjectData {
            park_id: park.get_untracked(),
            township_id: opt(town.get_untracked()),
            name: name.get_untracked().trim().to_string(),
            kind: ProjectKind::from_code(&kind.get_untracked()).unwrap_or(ProjectKind::Investment),
            industry: industry.get_untracked().trim().to_string(),
            investor: investor.get_untracked().trim().to_string(),
            builder_id: opt(builder.get_untracked()),
            delivery: Delivery::from_code(&delivery.get_untracked()),
            total_investment_fen: total_fen,
            signed_on: dates[0],
            land_on: dates[1],
            started_on: dates[2],
            completed_on: dates[3],
            production_on: dates[4],
            terminated_on: dates[5],
            planned_completion_year: year,
            funds_in_place: funds_v,
            annual_plans: plans_v,
            investment_done: done_v,
        };
        save(app, id.clone(), base_rev, Data::Project(data), errors, edit);
    };
    let lb = move |zh: &'static str, en: &'static str| move || l(lang(), zh, en);
    view! {
        <form class="form" id="project-form" on:submit=submit>
            <h3>{move || l(lang(), "项目", "Project")}</h3>
            <ErrorSummary errors />
            <div class="form-grid">
                {select("project-park", lb("园区", "Park"), park, park_options(app, None), errors, "park_id")}
                {select("project-township", lb("所在乡镇", "Township"), town, towns, errors, "township_id")}
                {input("project-name", lb("项目名称", "Project name"), name, errors, "name", "text")}
                {select("project-kind", lb("类型", "Kind"), kind, kinds, errors, "kind")}
                {input("project-industry", lb("行业", "Industry"), industry, errors, "industry", "text")}
                {input("project-investor", lb("投资方（不填真实企业名称的示例）", "Investor"), investor, errors, "investor", "text")}
                {select("project-builder", lb("建设主体（S4.1）", "Builder (S4.1)"), builder, builders, errors, "builder_id")}
                {select("project-delivery", lb("提供方式（社会事业）", "Delivery (social projects)"), delivery, deliveries, errors, "delivery")}
                {input("project-total", lb("总投资（协议/概算，万元）", "Total investment (agreed/budget, 10k yuan)"), total, errors, "total_investment_fen", "text")}
                {input("project-planned", lb("计划完工年度", "Planned completion year"), planned, errors, "planned_completion_year", "text")}
                {input("project-signed", lb("签约日期", "Signed on"), signed, errors, "signed_on", "date")}
                {input("project-land", lb("供地日期", "Land supplied on"), land, errors, "land_on", "date")}
                {input("project-started", lb("开工日期", "Started on"), started, errors, "started_on", "date")}
                {input("project-completed", lb("竣工日期", "Completed on"), completed, errors, "completed_on", "date")}
                {input("project-production", lb("投产日期", "In production on"), production, errors, "production_on", "date")}
                {input("project-terminated", lb("终止日期", "Terminated on"), terminated, errors, "terminated_on", "date")}
                {textarea("project-funds", lb("实际到位资金（每行：日期 万元）", "Funds in place (one per line: date 10k yuan)"), funds, errors, "funds_in_place")}
                {textarea("project-plans", lb("年度计划投资（每行：年度 万元）", "Annual plan (one per line: year 10k yuan)"), plans, errors, "annual_plans")}
                {textarea("project-done", lb("完成投资（每行：日期 万元）", "Investment completed (one per line: date 10k yuan)"), done, errors, "investment_done")}
            </div>
            <FormButtons prefix="project" edit errors />
        </form>
    }
}
