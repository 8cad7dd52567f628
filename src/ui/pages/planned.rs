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
