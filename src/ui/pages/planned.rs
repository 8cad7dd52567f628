//! Sections whose issues are not built yet. They say so plainly and show what is planned, with
//! the report sentences they will cover — no invented content.

use leptos::prelude::*;

use super::page_title;
use crate::domain::text::{Lang, Text};
use crate::ui::i18n::*;
use crate::ui::use_lang;

struct Plan {
    id: &'static str,
    title: Text,
    sentences: &'static str,
    items: &'static [(&'static str, &'static str)],
}

#[component]
fn PlannedPage(plan: Plan) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let title = plan.title.clone();
    page_title(move || title.get(lang()).to_string());
    let title = plan.title.clone();
    view! {
        <section class="page" id=plan.id>
            <h1>{move || title.get(lang()).to_string()}</h1>
            <p class="planned-note" data-planned="true">{t!(i18n, planned_note)}</p>
            <p>{t!(i18n, planned_sentences)} " " <strong>{plan.sentences}</strong></p>
            <ul class="planned-list">
                {plan.items.iter().map(|(zh, en)| {
                    let (zh, en) = (*zh, *en);
                    view! { <li>{move || if lang() == Lang::Zh { zh } else { en }}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn Org() -> impl IntoView {
    view! { <PlannedPage plan=Plan {
        id: "page-org",
        title: Text::new("机构编制", "Organisation & staffing"),
        sentences: "S3.1, S3.2, S5.0, S7.3",
        items: &[
            ("大部制内设机构与统一执法机构", "Broad internal bodies (大部制) and the unified enforcement body"),
            ("编制与领导职数，园区与乡镇编制共享", "Staffing quotas and leadership posts, shared between park and townships"),
            ("编制口径与使用口径台账，空编 / 超编", "Ledgers by quota and by use, vacancies and over-quota"),
        ],
    } /> }
}

#[component]
pub fn People() -> impl IntoView {
    view! { <PlannedPage plan=Plan {
        id: "page-people",
        title: Text::new("人员", "People"),
        sentences: "S3.2, S5.1–S5.4",
        items: &[
            ("实名制名册（仅工号与姓名，不存身份证号和手机号）", "Real-name roster (staff number and name only; no ID or phone numbers)"),
            ("任职、职务一身兼与任免权限", "Appointments, concurrent posts and appointment authority"),
            ("科级岗位竞争上岗与人才引进", "Competitive selection for section-level posts and talent intake"),
        ],
    } /> }
}

#[component]
pub fn Assessment() -> impl IntoView {
    view! { <PlannedPage plan=Plan {
        id: "page-assessment",
        title: Text::new("考核", "Assessment"),
        sentences: "S6.1–S6.4",
        items: &[
            ("年度目标责任制考核方案与指标", "Annual target-responsibility schemes and indicators"),
            ("评分、定等与优秀比例", "Scoring, grades and the top-grade quota"),
            ("奖金分配建议（以分计，向优秀和关键岗位倾斜）", "Bonus allocation proposal (in fen, tilted to top performers and key posts)"),
        ],
    } /> }
}
