//! BR-C10, the selection procedure (S5.3; shared/domain.md §5.C, §6.8): stages in their order,
//! eligibility before scores, pass marks and advance ratios respected (derived in
//! `selection.rs`, so a score for someone who is out is refused), weights summing to 1, and an
//! appointment only after the publicity's working days without an open or upheld objection.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::appointment::AppointmentStatus;
use super::rules::{Severity, Violation, violation};
use super::selection::{
    SelectionCampaignData, SelectionStage, SelectionStatus, Standing, format_weight,
};
use super::text::Text;
use super::workspace::{Kind, Workspace};

fn block(id: &str, f: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Violation {
    violation(
        "BR-C10",
        Severity::Block,
        Some("S5.3"),
        Kind::SelectionCampaign,
        id,
        Some(f),
        Text::new(zh, en),
    )
}

pub fn check(ws: &Workspace, _as_of: NaiveDate, out: &mut Vec<Violation>) {
    let settings = ws.staffing_settings();
    let mut appointed: HashMap<&str, usize> = HashMap::new();
    for a in ws.appointments.iter_live() {
        if let Some(s) = &a.data.selection_id {
            *appointed.entry(s.as_str()).or_default() += 1;
        }
    }
    for r in ws.selection_campaigns.iter_live() {
        campaign(
            ws,
            r.id(),
            &r.data,
            appointed.get(r.id()).copied().unwrap_or(0),
            out,
        );
    }
    // Appointments produced by a campaign.
    for a in ws.appointments.iter_live() {
        let Some(sid) = &a.data.selection_id else {
            continue;
        };
        let Some(c) = ws.selection_campaigns.live(sid) else {
            continue;
        };
        let (id, d, k) = (a.id(), &a.data, Kind::Appointment);
        let bad = |f: &'static str, zh: String, en: String| {
            violation(
                "BR-C10",
                Severity::Block,
                Some("S5.3"),
                k,
                id,
                Some(f),
                Text::new(zh, en),
            )
        };
        if !matches!(
            c.data.status,
            SelectionStatus::Appointed | SelectionStatus::Closed
        ) {
            out.push(bad(
                "selection_id",
                format!(
                    "竞争上岗“{}”处于“{}”，尚未到任职环节",
                    c.data.title,
                    c.data.status.zh()
                ),
                format!(
                    "Selection “{}” is at “{}”, not yet at appointment",
                    c.data.title,
                    c.data.status.en()
                ),
            ));
        }
        if d.status == AppointmentStatus::Proposed {
            continue;
        }
        match c
            .data
            .candidates
            .iter()
            .find(|x| x.person_id == d.person_id)
        {
            None => out.push(bad(
                "person_id",
                "该人员不是这次竞争上岗的人选".into(),
                "This person is not a candidate of the selection".into(),
            )),
            Some(cand) => {
                if !cand.proposed {
                    out.push(bad(
                        "person_id",
                        "该人员不是这次竞争上岗确定的拟任人选".into(),
                        "This person was not chosen for appointment in the selection".into(),
                    ));
                }
                if cand.target_post_id != d.post_id {
                    out.push(bad(
                        "post_id",
                        "任职职务与竞争职位不一致".into(),
                        "The post differs from the post competed for".into(),
                    ));
                }
                if cand.objection_blocks() {
                    out.push(bad(
                        "selection_id",
                        "公示期间收到的异议尚未核查完毕或反映属实，不能任职".into(),
                        "An objection received during publicity is not yet verified or was upheld: no appointment".into(),
                    ));
                }
            }
        }
        match c.data.publicity_end(&settings) {
            None => out.push(bad("period", "竞争上岗未进行任前公示，不能任职".into(), "The selection had no pre-appointment publicity: no appointment".into())),
            Some(end) if d.period.from <= end => out.push(bad(
                "period",
                format!("任前公示 {} 个工作日至 {end} 结束，任职日期须在其后", c.data.notice_days),
                format!("Publicity of {} working days ends on {end}; the appointment must start after it", c.data.notice_days),
            )),
            Some(_) => {}
        }
    }
}

fn campaign(
    ws: &Workspace,
    id: &str,
    c: &SelectionCampaignData,
    appointments: usize,
    out: &mut Vec<Violation>,
) {
    let k = Kind::SelectionCampaign;
    if super::rules::blank(&c.title) {
        out.push(violation(
            "FIELD",
            Severity::Block,
            None,
            k,
            id,
            Some("title"),
            Text::new("请填写竞争上岗名称", "Enter the title"),
        ));
    }
    if ws.parks.live(&c.park_id).is_none() {
        out.push(violation(
            "FIELD",
            Severity::Block,
            None,
            k,
            id,
            Some("park_id"),
            Text::new("请选择园区", "Choose a park"),
        ));
    }
    for p in &c.post_ids {
        if ws.posts.live(p).is_none() {
            out.push(violation(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("post_ids"),
                Text::new(
                    "竞争职位中有不存在的职务",
                    "One of the posts does not exist",
                ),
            ));
        }
    }
    if c.status == SelectionStatus::Cancelled
        && c.cancel_reason.as_deref().is_none_or(super::rules::blank)
    {
        out.push(violation(
            "FIELD",
            Severity::Block,
            None,
            k,
            id,
            Some("cancel_reason"),
            Text::new(
                "终止竞争上岗须填写理由",
                "A cancelled selection needs its reason",
            ),
        ));
    }
    if c.notice_days < 5 {
        out.push(violation(
            "BR-C10",
            Severity::Warn,
            Some("S5.3"),
            k,
            id,
            Some("notice_days"),
            Text::new(
                format!("任前公示一般不少于 5 个工作日（现为 {}）", c.notice_days),
                format!(
                    "Publicity usually lasts at least 5 working days (now {})",
                    c.notice_days
                ),
            ),
        ));
    }
    let mut seen = BTreeSet::new();
    for s in &c.stages {
        if !seen.insert(s.stage) {
            out.push(block(
                id,
                "stages",
                format!("环节“{}”配置了两次", s.stage.zh()),
                format!("The {} is configured twice", s.stage.en().to_lowercase()),
            ));
        }
        if !s.enabled && s.weight_permille != 0 {
            out.push(block(
                id,
                "stages",
                format!("不设的环节“{}”权重须为 0", s.stage.zh()),
                format!(
                    "A stage that is not held ({}) must weigh 0",
                    s.stage.en().to_lowercase()
                ),
            ));
        }
        if s.advance_ratio
            .is_some_and(|r| r.candidates == 0 || r.posts == 0)
        {
            out.push(block(
                id,
                "stages",
                "入围比例须为正整数，如 3:1",
                "An advance ratio needs positive numbers, e.g. 3:1",
            ));
        }
        if s.pass_mark.is_some_and(|p| p > 10_000) {
            out.push(block(
                id,
                "stages",
                "合格线须在 0–100 之间",
                "A pass mark lies between 0 and 100",
            ));
        }
    }
    let sum = c.weight_sum();
    if sum != 1000 {
        let sev = if c.status == SelectionStatus::Draft {
            Severity::Warn
        } else {
            Severity::Block
        };
        out.push(violation(
            "BR-C10",
            sev,
            Some("S5.3"),
            k,
            id,
            Some("stages"),
            Text::new(
                format!(
                    "各环节权重之和须为 1（现为 {}）",
                    format_weight(u16::try_from(sum).unwrap_or(u16::MAX))
                ),
                format!(
                    "Stage weights must sum to 1 (now {})",
                    format_weight(u16::try_from(sum).unwrap_or(u16::MAX))
                ),
            ),
        ));
    }
    if c.status.step() >= SelectionStatus::Publicity.step()
        && c.status != SelectionStatus::Cancelled
        && c.publicity_start.is_none()
    {
        out.push(block(
            id,
            "publicity_start",
            "任前公示须填写公示开始日期",
            "Publicity needs its start date",
        ));
    }
    if matches!(
        c.status,
        SelectionStatus::Appointed | SelectionStatus::Closed
    ) && appointments == 0
    {
        out.push(violation(
            "BR-C10",
            Severity::Warn,
            Some("S5.3"),
            k,
            id,
            Some("status"),
            Text::new(
                "已到任职环节，但还没有关联的任职记录",
                "At appointment, but no appointment is linked to the selection yet",
            ),
        ));
    }
    let results = c.evaluate();
    let mut persons = BTreeSet::new();
    for (cand, res) in c.candidates.iter().zip(&results) {
        let who = ws.label_of(Kind::Person, &cand.person_id);
        if ws.persons.live(&cand.person_id).is_none() {
            out.push(violation(
                "FIELD",
                Severity::Block,
                None,
                k,
                id,
                Some("candidates"),
                Text::new(
                    "人选中有不存在的人员",
                    "One of the candidates does not exist",
                ),
            ));
        }
        if !persons.insert(cand.person_id.as_str()) {
            out.push(block(
                id,
                "candidates",
                format!("{who} 报名了两次"),
                format!("{who} is registered twice"),
            ));
        }
        if !c.post_ids.contains(&cand.target_post_id) {
            out.push(block(
                id,
                "candidates",
                format!("{who} 报考的职位不在本次竞争职位中"),
                format!("{who} applies for a post that is not competed for"),
            ));
        }
        for s in &cand.scores {
            if s.score > 10_000 {
                out.push(block(
                    id,
                    "candidates",
                    format!("{who} 的{}成绩超过 100 分", s.stage.zh()),
                    format!("{who}: {} score above 100", s.stage.en().to_lowercase()),
                ));
            }
            if s.stage == SelectionStage::Vetting {
                out.push(block(
                    id,
                    "candidates",
                    "组织考察不计分，请填写考察结论",
                    "Vetting gives a conclusion, not a score",
                ));
            }
        }
        let entered: Vec<SelectionStage> = SelectionStage::SCORED
            .into_iter()
            .filter(|s| cand.entered_score(*s))
            .collect();
        if !entered.is_empty() && cand.eligible != Some(true) {
            out.push(block(
                id,
                "candidates",
                format!("{who}：资格审查通过前不能录入成绩"),
                format!("{who}: no score before the eligibility review is passed"),
            ));
            continue;
        }
        for s in entered {
            if !c.reached(s) {
                out.push(block(
                    id,
                    "candidates",
                    format!("{who}：尚未进行到{}环节，不能录入该环节成绩", s.zh()),
                    format!(
                        "{who}: the selection has not reached the {} yet",
                        s.en().to_lowercase()
                    ),
                ));
            } else if !c.enabled(s) {
                out.push(block(
                    id,
                    "candidates",
                    format!("{who}：本次不设{}", s.zh()),
                    format!("{who}: this selection holds no {}", s.en().to_lowercase()),
                ));
            } else if !res.entered.contains(&s) {
                out.push(block(
                    id,
                    "candidates",
                    format!(
                        "{who}：未进入{}环节（{}），不能录入成绩",
                        s.zh(),
                        res.standing.label().zh
                    ),
                    format!(
                        "{who}: not in the {} ({}); no score",
                        s.en().to_lowercase(),
                        res.standing.label().en
                    ),
                ));
            }
        }
        if cand.vetting_passed.is_some() && !res.entered.contains(&SelectionStage::Vetting) {
            out.push(block(
                id,
                "candidates",
                format!("{who}：未进入组织考察，不能填写考察结论"),
                format!("{who}: not in vetting; no vetting conclusion"),
            ));
        }
        if cand.proposed {
            let vetted = !c.enabled(SelectionStage::Vetting) || cand.vetting_passed == Some(true);
            if res.standing != Standing::InRace || !vetted || res.composite.is_none() {
                out.push(block(
                    id,
                    "candidates",
                    format!("{who}：只有完成各环节并通过考察的人选才能确定为拟任人选"),
                    format!("{who}: only a candidate who completed every stage and passed vetting can be chosen"),
                ));
            }
        }
        if res.evaluation_warning {
            out.push(violation(
                "BR-C10",
                Severity::Warn,
                Some("S5.3"),
                k,
                id,
                Some("candidates"),
                Text::new(
                    format!("{who}：民主测评不称职票超过有效票的三分之一"),
                    format!("{who}: more than a third of the valid votes say incompetent"),
                ),
            ));
        }
    }
}
