//! 四化目标 | The four goals of the report (S7.2: 园区管理实体化、开发建设市场化、行政服务高效化、
//! 公共服务社会化) as indices computed from the data, each with its drill-down: the components,
//! their values, the formula in words (zh/en) and the records behind each component.
//!
//! The indices are a design proposal ([D], improving shared/domain.md §6.7), not a measure the
//! report defines. Each is 0–100, the plain mean of its components (each a percentage), and it is
//! given **only when every component has data**: a missing component makes the index "not enough
//! data" instead of a mean of the rest, so an index always means the same thing in every park.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::delegation::{Lifecycle, Reception, Verdict};
use super::delegation_metrics::due;
use super::development::looks_like_enterprise;
use super::inspection;
use super::meta::Id;
use super::metrics::{self, Ratio, Scope};
use super::outcome_metrics::{FenRatio, delegation_scope};
use super::project::ProjectKind;
use super::service::ActiveStatus;
use super::text::Text;
use super::workspace::{Kind, Workspace};
use crate::coded_enum;

coded_enum! {
    /// 四化目标 | The four goals (S7.2).
    pub enum Goal {
        Substantive => ("SUBSTANTIVE_MANAGEMENT", "园区管理实体化", "Substantive park management"),
        Market => ("MARKET_DEVELOPMENT", "开发建设市场化", "Market-based development"),
        Efficient => ("EFFICIENT_SERVICE", "行政服务高效化", "Efficient administrative services"),
        Socialised => ("SOCIALISED_SERVICE", "公共服务社会化", "Socialised public services"),
    }
}

/// A component's value with what it is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Records (or cases) over records.
    Count(Ratio),
    /// Money over money (fen).
    Money(FenRatio),
    /// (full + ½ · half) / den, kept in whole numbers (承接率).
    Half {
        full: usize,
        half: usize,
        den: usize,
    },
}

impl Measure {
    /// The value in percent, or `None` when there is nothing to divide by.
    pub fn percent(self) -> Option<f64> {
        match self {
            Measure::Count(r) => r.percent(),
            Measure::Money(m) => m.percent(),
            Measure::Half { full, half, den } => {
                (den > 0).then(|| 100.0 * (2 * full + half) as f64 / (2 * den) as f64)
            }
        }
    }
}

/// One component of a goal index.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// Stable code ("WHOLE_TOWNSHIP", …), used in element ids.
    pub code: &'static str,
    pub label: Text,
    pub measure: Measure,
    /// The formula in words.
    pub formula: Text,
    /// The report sentence the component reads.
    pub source: &'static str,
    /// The records behind the figure (those counted in the denominator).
    pub records: Vec<(Kind, Id)>,
}

impl Component {
    pub fn value(&self) -> Option<f64> {
        self.measure.percent()
    }
}

/// A goal index with its drill-down.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalIndex {
    pub goal: Goal,
    pub formula: Text,
    pub components: Vec<Component>,
}

impl GoalIndex {
    /// The mean of the components, when every one has data (0–100).
    pub fn value(&self) -> Option<f64> {
        if self.components.is_empty() {
            return None;
        }
        let vals: Option<Vec<f64>> = self.components.iter().map(Component::value).collect();
        vals.map(|v| v.iter().sum::<f64>() / v.len() as f64)
    }

    /// Components without data (why the index is not given).
    pub fn missing(&self) -> Vec<&Component> {
        self.components
            .iter()
            .filter(|c| c.value().is_none())
            .collect()
    }
}

fn mean_formula(zh: &str, en: &str) -> Text {
    Text::new(
        format!("{zh}；各项均有数据时取算术平均（0–100），任一项缺数据则不计算"),
        format!(
            "{en}; the plain mean (0–100) when every component has data, otherwise not computed"
        ),
    )
}

/// The four indices for a scope on `as_of`.
pub fn goal_indices(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> Vec<GoalIndex> {
    vec![
        substantive(ws, as_of, scope),
        market(ws, as_of, scope),
        efficient(ws, as_of, scope),
        socialised(ws, as_of, scope),
    ]
}

fn park_in(scope: &Scope, park_id: &str) -> bool {
    match scope {
        Scope::City => true,
        Scope::Park(p) => p == park_id,
    }
}

/// 园区管理实体化: 成建制托管率, 放权到位率 (lenient), 承接率, 区镇合一覆盖率.
fn substantive(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> GoalIndex {
    let in_force: Vec<_> = ws
        .entrustments
        .iter_live()
        .filter(|e| {
            e.data.in_force_on(as_of)
                && park_in(scope, &e.data.park_id)
                && ws.parks.live(&e.data.park_id).is_some()
        })
        .collect();
    let whole = Component {
        code: "WHOLE_TOWNSHIP",
        label: Text::new("成建制托管率", "Whole-township entrustment rate"),
        measure: Measure::Count(metrics::whole_township_rate(ws, as_of, scope)),
        formula: Text::new(
            "成建制托管的乡镇数 ÷ 当日在托管期内的托管关系数",
            "Entrustments of whole townships ÷ entrustments in force on the date",
        ),
        source: "S1.2",
        records: in_force
            .iter()
            .map(|e| (Kind::Entrustment, e.meta.id.clone()))
            .collect(),
    };

    let dscope = delegation_scope(scope);
    let due_list = due(ws, as_of, &dscope);
    let latest = inspection::latest_verdicts(ws, as_of);
    let rated: Vec<(&str, Verdict)> = due_list
        .iter()
        .filter_map(|r| {
            latest
                .get(r.id())
                .copied()
                .filter(|v| v.is_rated())
                .map(|v| (r.id(), v))
        })
        .collect();
    let in_place = Component {
        code: "IN_PLACE",
        label: Text::new("放权到位率（宽口径）", "Powers in place (lenient)"),
        measure: Measure::Count(Ratio {
            num: rated
                .iter()
                .filter(|(_, v)| matches!(v, Verdict::InPlace | Verdict::MostlyInPlace))
                .count(),
            den: rated.len(),
        }),
        formula: Text::new(
            "最新督查结论为“到位”或“基本到位”的应下放事项数 ÷ 已督查（不含“不适用”）的应下放事项数",
            "Due delegations whose latest verdict is 'in place' or 'mostly in place' ÷ due delegations inspected (not counting 'not applicable')",
        ),
        source: "S7.1",
        records: rated
            .iter()
            .map(|(id, _)| (Kind::Delegation, id.to_string()))
            .collect(),
    };

    let handed: Vec<_> = due_list
        .iter()
        .filter(|r| r.data.lifecycle == Lifecycle::HandedOver)
        .collect();
    let reception = Component {
        code: "RECEPTION",
        label: Text::new("承接率", "Reception rate"),
        measure: Measure::Half {
            full: handed
                .iter()
                .filter(|r| r.data.reception == Reception::Received)
                .count(),
            half: handed
                .iter()
                .filter(|r| r.data.reception == Reception::PartiallyReceived)
                .count(),
            den: handed.len(),
        },
        formula: Text::new(
            "（已承接数 + 0.5 × 部分承接数）÷ 已下放的应下放事项数",
            "(received + 0.5 × partially received) ÷ due delegations handed over",
        ),
        source: "S2.0",
        records: handed
            .iter()
            .map(|r| (Kind::Delegation, r.meta.id.clone()))
            .collect(),
    };

    let towns = metrics::entrusted_townships(ws, as_of, scope);
    let integration = Component {
        code: "INTEGRATION",
        label: Text::new("区镇合一覆盖率", "Park–township integration coverage"),
        measure: Measure::Count(metrics::integration_coverage(ws, as_of, scope)),
        formula: Text::new(
            "有园区与乡镇领导职务一身兼的托管乡镇数 ÷ 托管乡镇数",
            "Entrusted townships with a leader holding posts in both park and township ÷ entrusted townships",
        ),
        source: "S1.4",
        records: towns.into_iter().map(|t| (Kind::Township, t)).collect(),
    };
    GoalIndex {
        goal: Goal::Substantive,
        formula: mean_formula(
            "成建制托管率、放权到位率（宽口径）、承接率、区镇合一覆盖率四项",
            "Whole-township entrustment, powers in place (lenient), reception and integration coverage",
        ),
        components: vec![whole, in_place, reception, integration],
    }
}

/// 开发建设市场化: infrastructure investment built by a development entity (by amount), and the
/// share of parks whose development is kept apart from the committee (S4.1).
fn market(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> GoalIndex {
    let infra: Vec<_> = ws
        .projects
        .iter_live()
        .filter(|r| {
            let p = &r.data;
            p.kind == ProjectKind::Infrastructure
                && park_in(scope, &p.park_id)
                && ws.parks.live(&p.park_id).is_some()
                && p.exists_on(as_of)
                && !p.terminated_by(as_of)
                && p.total_investment_fen.is_some()
        })
        .collect();
    let mut by_entity = FenRatio::default();
    for r in &infra {
        let amount = r.data.total_investment_fen.unwrap_or(0);
        by_entity.den += amount;
        if r.data
            .builder_id
            .as_ref()
            .is_some_and(|b| ws.development_entities.live(b).is_some())
        {
            by_entity.num += amount;
        }
    }
    let built = Component {
        code: "INFRA_BY_ENTITY",
        label: Text::new(
            "开发主体承建的基础设施投资占比",
            "Infrastructure investment built by development entities",
        ),
        measure: Measure::Money(by_entity),
        formula: Text::new(
            "由开发建设主体承建的基础设施项目总投资 ÷ 全部基础设施项目总投资（当日已立项、未终止）",
            "Total investment of infrastructure projects built by a development entity ÷ that of all infrastructure projects (known on the date, not terminated)",
        ),
        source: "S4.1",
        records: infra
            .iter()
            .map(|r| (Kind::Project, r.meta.id.clone()))
            .collect(),
    };

    // A park keeps development apart when it has a development entity in being on the date, no
    // committee official holds a post in one of its entities (BR-A10), and no committee body
    // is named like a company (BR-A9).
    let mut entities: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut cross_held: HashSet<&str> = HashSet::new();
    for e in ws.development_entities.iter_live() {
        let d = &e.data;
        if d.status == ActiveStatus::Stopped || d.established_on.is_some_and(|x| x > as_of) {
            continue;
        }
        entities.entry(d.park_id.as_str()).or_default().push(e.id());
        if d.executives.iter().any(|x| x.is_cross_held()) {
            cross_held.insert(d.park_id.as_str());
        }
    }
    let company_bodies: BTreeSet<&str> = ws
        .org_units
        .iter_live()
        .filter(|o| o.data.kind.is_committee_body() && looks_like_enterprise(&o.data.name))
        .filter_map(|o| o.data.park_id.as_deref())
        .collect();
    let parks: Vec<_> = ws
        .parks
        .iter_live()
        .filter(|p| park_in(scope, p.id()))
        .collect();
    let separated = parks
        .iter()
        .filter(|p| {
            entities.contains_key(p.id())
                && !cross_held.contains(p.id())
                && !company_bodies.contains(p.id())
        })
        .count();
    let mut records: Vec<(Kind, Id)> = Vec::new();
    for p in &parks {
        records.push((Kind::Park, p.meta.id.clone()));
        for e in entities.get(p.id()).into_iter().flatten() {
            records.push((Kind::DevelopmentEntity, (*e).to_string()));
        }
    }
    let separation = Component {
        code: "SEPARATION",
        label: Text::new("政企分开的园区占比", "Parks with development kept apart"),
        measure: Measure::Count(Ratio {
            num: separated,
            den: parks.len(),
        }),
        formula: Text::new(
            "设有开发建设主体、无管委会干部在企业兼任高管、无以公司名义设置的内设机构的园区数 ÷ 园区数",
            "Parks with a development entity, no committee official holding a company post and no committee body named like a company ÷ parks",
        ),
        source: "S4.1",
        records,
    };
    GoalIndex {
        goal: Goal::Market,
        formula: mean_formula(
            "开发主体承建的基础设施投资占比、政企分开的园区占比两项",
            "Infrastructure built by development entities and parks with development kept apart",
        ),
        components: vec![built, separation],
    }
}

/// 行政服务高效化: received items people apply for served by an operating offering (S4.2), and
/// the share of cases handled by the park rather than the source department (last 12 months).
fn efficient(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> GoalIndex {
    let received: Vec<_> = super::service_rules::received_applied_for(ws, as_of)
        .filter(|d| park_in(scope, &d.data.park_id))
        .collect();
    let served: HashSet<(&str, &str)> = ws
        .service_offerings
        .iter_live()
        .filter(|o| o.data.status == ActiveStatus::Operating)
        .flat_map(|o| {
            o.data
                .linked_delegation_ids
                .iter()
                .map(move |d| (o.data.park_id.as_str(), d.as_str()))
        })
        .collect();
    let coverage = Component {
        code: "SERVICE_COVERAGE",
        label: Text::new("承接事项服务覆盖率", "Received items served"),
        measure: Measure::Count(Ratio {
            num: received
                .iter()
                .filter(|d| served.contains(&(d.data.park_id.as_str(), d.id())))
                .count(),
            den: received.len(),
        }),
        formula: Text::new(
            "有运行中的服务窗口或代办服务承接办理的已承接许可、确认、给付类事项数 ÷ 已承接的此类事项数",
            "Received licensing, confirmation and benefit items served by an operating offering ÷ all such received items",
        ),
        source: "S4.2",
        records: received
            .iter()
            .map(|d| (Kind::Delegation, d.meta.id.clone()))
            .collect(),
    };

    let from = format!(
        "{}",
        super::dates::add_days(as_of, -365)
            .unwrap_or(NaiveDate::MIN)
            .format("%Y-%m")
    );
    let to = format!("{}", as_of.format("%Y-%m"));
    let mut cases = Ratio::default();
    let mut records = Vec::new();
    for r in due(ws, as_of, &delegation_scope(scope)) {
        let (mut park, mut source) = (0usize, 0usize);
        for c in r
            .data
            .cases
            .iter()
            .filter(|c| c.month > from && c.month <= to)
        {
            park += c.by_park as usize;
            source += c.by_source as usize;
        }
        if park + source > 0 {
            cases.num += park;
            cases.den += park + source;
            records.push((Kind::Delegation, r.meta.id.clone()));
        }
    }
    let local = Component {
        code: "LOCAL_HANDLING",
        label: Text::new("园区就近办理率", "Cases handled by the park"),
        measure: Measure::Count(cases),
        formula: Text::new(
            "近 12 个月应下放事项由园区办理的件数 ÷（园区办理件数 + 原部门仍在园区范围内办理的件数）",
            "Cases of due delegations handled by the park in the last 12 months ÷ (park cases + cases the source department still handled in the park's territory)",
        ),
        source: "S2.0",
        records,
    };
    GoalIndex {
        goal: Goal::Efficient,
        formula: mean_formula(
            "承接事项服务覆盖率、园区就近办理率两项（办理时限数据尚未采集，未纳入）",
            "Received items served and cases handled by the park (processing times are not recorded yet and are left out)",
        ),
        components: vec![coverage, local],
    }
}

/// 公共服务社会化: social undertakings delivered by purchase of services, partnerships or social
/// organisations, by amount.
fn socialised(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> GoalIndex {
    let social: Vec<_> = ws
        .projects
        .iter_live()
        .filter(|r| {
            let p = &r.data;
            p.kind == ProjectKind::Social
                && park_in(scope, &p.park_id)
                && ws.parks.live(&p.park_id).is_some()
                && p.exists_on(as_of)
                && !p.terminated_by(as_of)
                && p.delivery.is_some()
                && p.total_investment_fen.is_some()
        })
        .collect();
    let mut share = FenRatio::default();
    for r in &social {
        let amount = r.data.total_investment_fen.unwrap_or(0);
        share.den += amount;
        if r.data.delivery.is_some_and(|d| d.is_socialised()) {
            share.num += amount;
        }
    }
    let delivery = Component {
        code: "SOCIAL_DELIVERY",
        label: Text::new(
            "社会化提供的社会事业投资占比",
            "Social undertakings delivered by society",
        ),
        measure: Measure::Money(share),
        formula: Text::new(
            "以政府购买服务、社会资本合作或社会组织承接方式提供的社会事业项目总投资 ÷ 已填写提供方式的社会事业项目总投资",
            "Total investment of social undertakings delivered through purchase of services, partnerships or social organisations ÷ that of social undertakings whose delivery is recorded",
        ),
        source: "S7.2",
        records: social
            .iter()
            .map(|r| (Kind::Project, r.meta.id.clone()))
            .collect(),
    };
    GoalIndex {
        goal: Goal::Socialised,
        formula: mean_formula(
            "社会化提供的社会事业投资占比一项",
            "Social undertakings delivered by society (one component)",
        ),
        components: vec![delivery],
    }
}
