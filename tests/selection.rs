//! Competitive selection (report S5.3; shared/domain.md §4.G, §6.8, BR-C10): vote-tally scores,
//! composite and ranking with the tie-break, pass marks and advance ratios, the state machine
//! with its guards and history, publicity in working days, and the appointment it produces.

mod common;

use common::*;
use parkdesk::domain::appointment::{AppointmentData, AppointmentKind, AppointmentStatus};
use parkdesk::domain::command::{Command, SaveItem};
use parkdesk::domain::meta::Period;
use parkdesk::domain::org::OrgKind;
use parkdesk::domain::selection::*;
use parkdesk::domain::staffing::{PostRank, StaffingSettingsData};
use parkdesk::domain::workspace::{Data, Kind, Record};

#[test]
fn the_democratic_evaluation_score_comes_from_the_votes() {
    let v = |e, c, b, i, a| VoteTally {
        excellent: e,
        competent: c,
        basic: b,
        incompetent: i,
        abstain: a,
    };
    // (100×18 + 80×10 + 60×2) / 30 = 90.666… → 90.67
    assert_eq!(v(18, 10, 2, 0, 3).score(), Some(9067));
    // (100 + 80 + 60) / 3 = 80
    assert_eq!(v(1, 1, 1, 0, 0).score(), Some(8000));
    // 60 / 32 = 1.875 → half up to 1.88; and 31 of 32 votes incompetent is more than a third.
    assert_eq!(v(0, 0, 1, 31, 0).score(), Some(188));
    assert!(v(0, 0, 1, 31, 0).too_many_incompetent());
    // 10 incompetent of 30 is exactly a third: not more.
    assert!(!v(10, 10, 0, 10, 0).too_many_incompetent());
    assert!(v(10, 9, 0, 10, 0).too_many_incompetent());
    // Abstentions only: no valid vote, no score.
    assert_eq!(v(0, 0, 0, 0, 5).score(), None);
}

#[test]
fn scores_and_weights_parse_exactly() {
    assert_eq!(parse_score("85.5"), Some(8550));
    assert_eq!(parse_score("85,25"), Some(8525));
    assert_eq!(parse_score("100"), Some(10_000));
    assert_eq!(parse_score("100.01"), None);
    assert_eq!(parse_score("85.555"), None);
    assert_eq!(parse_score("abc"), None);
    assert_eq!(parse_weight("0.3"), Some(300));
    assert_eq!(parse_weight(".35"), Some(350));
    assert_eq!(parse_weight("40%"), Some(400));
    assert_eq!(parse_weight("32.5%"), Some(325));
    assert_eq!(parse_weight("1.2"), None);
    assert_eq!(format_composite(8_660_100), "86.601");
    assert_eq!(format_composite(8_100_000), "81");
    assert_eq!(format_score(8550), "85.5");
    assert_eq!(format_weight(300), "0.3");
}

fn cand(person: &str, post: &str, w: u32, i: Option<u32>, e: Option<u32>) -> Candidate {
    let mut c = Candidate::new(person.into(), post.into());
    c.eligible = Some(true);
    for (stage, s) in [
        (SelectionStage::WrittenExam, Some(w)),
        (SelectionStage::Interview, i),
        (SelectionStage::DemocraticEval, e),
    ] {
        if let Some(score) = s {
            c.scores.push(StageScore { stage, score });
        }
    }
    c
}

fn campaign(candidates: Vec<Candidate>, ratios: bool) -> SelectionCampaignData {
    let mut stages = default_stages();
    if !ratios {
        for s in &mut stages {
            s.advance_ratio = None;
        }
    }
    SelectionCampaignData {
        park_id: "park".into(),
        title: "测试".into(),
        post_ids: vec!["post".into(), "post2".into()],
        stages,
        notice_days: 5,
        status: SelectionStatus::Ranked,
        publicity_start: None,
        decision: None,
        cancel_reason: None,
        candidates,
        history: vec![],
    }
}

#[test]
fn composite_ranking_uses_the_documented_tie_break() {
    // Weights .3 / .4 / .3. X: 80, 90, 70 → 24 + 36 + 21 = 81.
    // Y: 80, 84, 78 → 24 + 33.6 + 23.4 = 81, lower interview.
    // Z: 79, 90, 71 → 23.7 + 36 + 21.3 = 81, same interview as X, lower written.
    // W: exactly X's scores → tied with X on every key.
    let c = campaign(
        vec![
            cand("X", "post", 8000, Some(9000), Some(7000)),
            cand("Y", "post", 8000, Some(8400), Some(7800)),
            cand("Z", "post", 7900, Some(9000), Some(7100)),
            cand("W", "post", 8000, Some(9000), Some(7000)),
        ],
        false,
    );
    let r = c.evaluate();
    let by = |p: &str| r.iter().find(|x| x.person_id == p).unwrap();
    for p in ["X", "Y", "Z", "W"] {
        assert_eq!(by(p).composite, Some(8_100_000), "{p}");
    }
    assert_eq!((by("X").rank, by("X").tied), (Some(1), true));
    assert_eq!((by("W").rank, by("W").tied), (Some(1), true));
    assert_eq!((by("Z").rank, by("Z").tied), (Some(3), false));
    assert_eq!((by("Y").rank, by("Y").tied), (Some(4), false));
}

#[test]
fn pass_marks_and_advance_ratios_decide_who_goes_on() {
    // One post, interview shortlist 3:1 by written score; 55 is below the pass mark of 60.
    // Written 90, 88, 85, 85, 80, 55 → out: 55 (pass mark); cut-off 3rd = 85, tied 85s both go
    // on; 80 is not shortlisted.
    let mut c = campaign(
        vec![
            cand("A", "post", 9000, Some(7000), Some(8000)),
            cand("B", "post", 8800, Some(9000), Some(8000)),
            cand("C", "post", 8500, Some(8500), Some(8000)),
            cand("D", "post", 8500, Some(5900), None),
            cand("E", "post", 8000, None, None),
            cand("F", "post", 5500, None, None),
            cand("G", "post2", 7000, Some(7000), Some(7000)),
        ],
        true,
    );
    c.candidates.push(Candidate::new("H".into(), "post".into()));
    let r = c.evaluate();
    let st = |p: &str| r.iter().find(|x| x.person_id == p).unwrap().standing;
    assert_eq!(st("F"), Standing::BelowPass(SelectionStage::WrittenExam));
    assert_eq!(st("E"), Standing::NotShortlisted(SelectionStage::Interview));
    assert_eq!(st("D"), Standing::BelowPass(SelectionStage::Interview));
    assert_eq!(st("H"), Standing::Pending);
    // Composites: A 27 + 28 + 24 = 79; B 26.4 + 36 + 24 = 86.4; C 25.5 + 34 + 24 = 83.5.
    let comp = |p: &str| r.iter().find(|x| x.person_id == p).unwrap().composite;
    assert_eq!(
        (comp("A"), comp("B"), comp("C")),
        (Some(7_900_000), Some(8_640_000), Some(8_350_000))
    );
    // Vetting 2:1 by composite: B and C; A is not shortlisted for vetting but keeps rank 3.
    assert_eq!((st("B"), st("C")), (Standing::InRace, Standing::InRace));
    assert_eq!(st("A"), Standing::NotShortlisted(SelectionStage::Vetting));
    assert_eq!(r.iter().find(|x| x.person_id == "A").unwrap().rank, Some(3));
    // Another post is ranked apart; alone, G goes to vetting.
    assert_eq!(st("G"), Standing::InRace);
    assert_eq!(r.iter().find(|x| x.person_id == "G").unwrap().rank, Some(1));
}

/// A park with an internal body, a deputy post, four people and the 党工委.
struct Setup {
    b: Basic,
    post: String,
    people: Vec<String>,
    party: String,
}

fn setup() -> Setup {
    let mut b = basic();
    let body = org_in(
        &mut b.h,
        "招商合作局",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let post = b.h.create(leadership_post(
        &body,
        "招商合作局副局长",
        PostRank::DeputySectionChief,
        false,
    ));
    let people = (1..=4)
        .map(|i| {
            b.h.create(Data::Person(person(&format!("P{i}"), &body, "2012-10-01")))
        })
        .collect();
    let party =
        b.h.ws()
            .org_units
            .iter_live()
            .find(|o| o.data.kind == OrgKind::ParkPartyCommittee)
            .map(|o| o.meta.id.clone())
            .unwrap();
    Setup {
        b,
        post,
        people,
        party,
    }
}

fn current(s: &Setup, id: &str) -> SelectionCampaignData {
    match s.b.h.ws().get(Kind::SelectionCampaign, id) {
        Some(Record::SelectionCampaign(r)) => r.data,
        _ => panic!("campaign"),
    }
}

fn save(s: &mut Setup, id: &str, c: SelectionCampaignData) -> Result<(), Vec<&'static str>> {
    s.b.h
        .run(Command::Save {
            id: Some(id.into()),
            data: Data::SelectionCampaign(c),
            base_rev: None,
        })
        .map(|_| ())
        .map_err(|e| match e {
            parkdesk::domain::command::CommandError::Rejected(v) => {
                v.iter().map(|v| v.rule).collect()
            }
            other => panic!("{other:?}"),
        })
}

fn step(s: &mut Setup, id: &str, to: SelectionStatus) -> Result<(), Vec<&'static str>> {
    let mut c = current(s, id);
    c.status = to;
    save(s, id, c)
}

fn score(c: &mut SelectionCampaignData, who: usize, stage: SelectionStage, v: u32) {
    c.candidates[who].scores.retain(|x| x.stage != stage);
    c.candidates[who]
        .scores
        .push(StageScore { stage, score: v });
}

#[test]
fn a_campaign_runs_in_order_to_an_appointment_after_publicity() {
    let mut s = setup();
    // National-day week 2013: 1–7 Oct off, Sunday 29 Sep a working day.
    s.b.h.create(Data::StaffingSettings(StaffingSettingsData {
        max_concurrent_posts: 2,
        holidays: (1..=7).map(|n| d(&format!("2013-10-0{n}"))).collect(),
        extra_workdays: vec![d("2013-09-29")],
    }));
    let mut data = campaign(vec![], true);
    data.park_id = s.b.park.clone();
    data.post_ids = vec![s.post.clone()];
    data.status = SelectionStatus::Draft;
    data.stages[1].advance_ratio = Some(AdvanceRatio {
        candidates: 2,
        posts: 1,
    });
    let id = s.b.h.create(Data::SelectionCampaign(data));
    // Stages go in order: no jumping from the plan to the written exam.
    assert_eq!(
        step(&mut s, &id, SelectionStatus::WrittenExam),
        Err(vec!["BR-C10"])
    );
    for to in [SelectionStatus::Announced, SelectionStatus::Registration] {
        step(&mut s, &id, to).expect("next step");
    }
    let mut c = current(&s, &id);
    c.candidates = s
        .people
        .iter()
        .map(|p| Candidate::new(p.clone(), s.post.clone()))
        .collect();
    save(&mut s, &id, c).expect("register");
    step(&mut s, &id, SelectionStatus::EligibilityReview).expect("review");
    // A score before the eligibility decision is refused.
    let mut c = current(&s, &id);
    score(&mut c, 0, SelectionStage::WrittenExam, 8000);
    assert_eq!(
        save(&mut s, &id, c),
        Err(vec!["BR-C10"]),
        "no eligibility decision yet"
    );
    // Leaving the review with undecided candidates is refused.
    assert_eq!(
        step(&mut s, &id, SelectionStatus::WrittenExam),
        Err(vec!["BR-C10"])
    );
    let mut c = current(&s, &id);
    for (i, cand) in c.candidates.iter_mut().enumerate() {
        cand.eligible = Some(i != 3);
    }
    save(&mut s, &id, c).expect("eligibility");
    step(&mut s, &id, SelectionStatus::WrittenExam).expect("exam");
    // Weights must sum to 1 once the campaign is under way.
    let mut c = current(&s, &id);
    c.stages[0].weight_permille = 350;
    assert_eq!(save(&mut s, &id, c), Err(vec!["BR-C10"]));
    let mut c = current(&s, &id);
    for (who, v) in [(0, 8600), (1, 7900), (2, 8100)] {
        score(&mut c, who, SelectionStage::WrittenExam, v);
    }
    save(&mut s, &id, c).expect("written scores");
    step(&mut s, &id, SelectionStatus::Interview).expect("interview");
    // Shortlist 2:1 by written score: P1 (86) and P3 (81); P2 (79) is out of the interview.
    let mut c = current(&s, &id);
    score(&mut c, 1, SelectionStage::Interview, 9000);
    assert_eq!(
        save(&mut s, &id, c),
        Err(vec!["BR-C10"]),
        "P2 was not shortlisted"
    );
    let mut c = current(&s, &id);
    score(&mut c, 0, SelectionStage::Interview, 8400);
    score(&mut c, 2, SelectionStage::Interview, 8800);
    save(&mut s, &id, c).expect("interview scores");
    step(&mut s, &id, SelectionStatus::DemocraticEval).expect("evaluation");
    let mut c = current(&s, &id);
    c.candidates[0].votes = Some(VoteTally {
        excellent: 18,
        competent: 10,
        basic: 2,
        incompetent: 0,
        abstain: 0,
    });
    c.candidates[2].votes = Some(VoteTally {
        excellent: 15,
        competent: 13,
        basic: 2,
        incompetent: 0,
        abstain: 0,
    });
    save(&mut s, &id, c).expect("votes");
    for to in [SelectionStatus::Ranked, SelectionStatus::Vetting] {
        step(&mut s, &id, to).expect("next");
    }
    // P1: 25.8 + 33.6 + 27.201 = 86.601; P3: 24.3 + 35.2 + 26.601 = 86.101 → P1 first.
    let r = current(&s, &id).evaluate();
    assert_eq!((r[0].composite, r[0].rank), (Some(8_660_100), Some(1)));
    assert_eq!((r[2].composite, r[2].rank), (Some(8_610_100), Some(2)));
    // Proposing someone who has not passed vetting is refused.
    let mut c = current(&s, &id);
    c.candidates[0].proposed = true;
    assert_eq!(save(&mut s, &id, c), Err(vec!["BR-C10"]));
    let mut c = current(&s, &id);
    c.candidates[0].vetting_passed = Some(true);
    c.candidates[2].vetting_passed = Some(true);
    save(&mut s, &id, c).expect("vetting");
    step(&mut s, &id, SelectionStatus::Decided).expect("decided");
    // Publicity needs a start date and a proposed candidate.
    assert_eq!(
        step(&mut s, &id, SelectionStatus::Publicity),
        Err(vec!["BR-C10"])
    );
    let mut c = current(&s, &id);
    c.candidates[0].proposed = true;
    c.publicity_start = Some(d("2013-09-26"));
    c.status = SelectionStatus::Publicity;
    save(&mut s, &id, c).expect("publicity");
    // Thu 26, Fri 27, Sun 29 (make-up day), Mon 30, then 1–7 Oct off: the 5th working day is 8 Oct.
    let settings = s.b.h.ws().staffing_settings();
    assert_eq!(
        current(&s, &id).publicity_end(&settings),
        Some(d("2013-10-08"))
    );
    let appoint = |s: &Setup, from: &str| {
        let mut c = current(s, &id);
        c.status = SelectionStatus::Appointed;
        Command::SaveMany {
            items: vec![
                SaveItem {
                    id: None,
                    data: Data::Appointment(AppointmentData {
                        person_id: s.people[0].clone(),
                        post_id: s.post.clone(),
                        kind: AppointmentKind::Appointed,
                        authority_org_id: Some(s.party.clone()),
                        consulted: vec![],
                        filed_with: vec![],
                        basis: None,
                        selection_id: Some(id.clone()),
                        exception_reason: None,
                        period: Period {
                            from: d(from),
                            to: None,
                        },
                        probation_until: None,
                        counts_against_quota: true,
                        status: AppointmentStatus::Probation,
                    }),
                    base_rev: None,
                },
                SaveItem {
                    id: Some(id.clone()),
                    data: Data::SelectionCampaign(c),
                    base_rev: None,
                },
            ],
            summary: parkdesk::domain::text::Text::new(
                "竞争上岗任职",
                "Appointment from selection",
            ),
        }
    };
    // On the last day of publicity: refused, and nothing of the step is kept.
    let before = s.b.h.ws().appointments.count_live();
    assert_eq!(
        rejected(s.b.h.run(appoint(&s, "2013-10-08"))),
        vec!["BR-C10"]
    );
    assert_eq!(s.b.h.ws().appointments.count_live(), before);
    assert_eq!(current(&s, &id).status, SelectionStatus::Publicity);
    // An objection still being verified stops it too.
    let mut c = current(&s, &id);
    c.candidates[0].objections.push(Objection {
        received_on: d("2013-09-30"),
        summary: "来信反映".into(),
        status: ObjectionStatus::Pending,
        finding: None,
    });
    save(&mut s, &id, c).expect("objection");
    assert_eq!(
        rejected(s.b.h.run(appoint(&s, "2013-10-09"))),
        vec!["BR-C10"]
    );
    // Dismissed after verification: the appointment goes through, linked to the campaign.
    let mut c = current(&s, &id);
    c.candidates[0].objections[0].status = ObjectionStatus::Dismissed;
    save(&mut s, &id, c).expect("dismissed");
    s.b.h.run(appoint(&s, "2013-10-09")).expect("appointed");
    let ws = s.b.h.ws();
    let a = ws
        .appointments
        .iter_live()
        .find(|a| a.data.selection_id.as_deref() == Some(id.as_str()))
        .expect("linked");
    assert_eq!(a.data.person_id, s.people[0]);
    let c = current(&s, &id);
    assert_eq!(c.status, SelectionStatus::Appointed);
    // The history was written by the command path, step by step.
    let path: Vec<&str> = c.history.iter().map(|h| h.to.as_str()).collect();
    assert_eq!(
        path,
        [
            "ANNOUNCED",
            "REGISTRATION",
            "ELIGIBILITY_REVIEW",
            "WRITTEN_EXAM",
            "INTERVIEW",
            "DEMOCRATIC_EVAL",
            "RANKED",
            "VETTING",
            "DECIDED",
            "PUBLICITY",
            "APPOINTED"
        ]
    );
    // One undo step takes back both the appointment and the status.
    s.b.h.undo().expect("undo");
    assert_eq!(current(&s, &id).status, SelectionStatus::Publicity);
    assert!(
        s.b.h
            .ws()
            .appointments
            .iter_live()
            .all(|a| a.data.selection_id.as_deref() != Some(id.as_str()))
    );
}

#[test]
fn an_appointment_cannot_claim_a_campaign_that_has_not_finished() {
    let mut s = setup();
    let mut data = campaign(
        vec![Candidate::new(s.people[0].clone(), s.post.clone())],
        true,
    );
    data.park_id = s.b.park.clone();
    data.post_ids = vec![s.post.clone()];
    data.status = SelectionStatus::Draft;
    let id = s.b.h.create(Data::SelectionCampaign(data));
    let mut a = appointment(
        &s.people[0],
        &s.post,
        AppointmentKind::Appointed,
        "2013-01-01",
    );
    a.selection_id = Some(id.clone());
    assert!(
        rejected(s.b.h.run(Command::Save {
            id: None,
            data: Data::Appointment(a),
            base_rev: None
        }))
        .contains(&"BR-C10")
    );
    // A cancelled campaign needs its reason.
    let mut c = current(&s, &id);
    c.status = SelectionStatus::Cancelled;
    assert_eq!(save(&mut s, &id, c.clone()), Err(vec!["FIELD"]));
    c.cancel_reason = Some("职位调整".into());
    save(&mut s, &id, c).expect("cancelled");
    assert_eq!(
        step(&mut s, &id, SelectionStatus::Announced),
        Err(vec!["BR-C10"]),
        "a cancelled campaign stays closed"
    );
}

#[test]
fn a_stage_that_is_not_held_is_skipped_and_weighs_nothing() {
    let mut c = campaign(vec![], true);
    c.stages[0].enabled = false; // no written exam
    assert_eq!(
        c.next_status(SelectionStatus::EligibilityReview),
        Some(SelectionStatus::Interview)
    );
    assert!(!c.can_become(
        SelectionStatus::EligibilityReview,
        SelectionStatus::WrittenExam
    ));
    // The other two weigh 0.7 until they are reweighted (and the unused 0.3 must go to 0).
    assert_eq!(c.weight_sum(), 700);
    c.stages[0].weight_permille = 0;
    c.stages[1].weight_permille = 600;
    c.stages[2].weight_permille = 400;
    assert_eq!(c.weight_sum(), 1000);
}
