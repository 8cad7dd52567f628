//! Rules of the service system BR-A9..A12 (shared/domain.md §5.A; report S4.1–S4.3) and the field
//! checks of development entities, service offerings and institutions, with the lists the
//! service screens show (missing institution categories, delegations no offering serves, officials
//! holding company posts).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::delegation::{DelegationData, Lifecycle, Reception};
use super::development::{Executive, looks_like_enterprise};
use super::institution::InstitutionCategory;
use super::integration::looks_like_personal_number;
use super::org::OrgKind;
use super::rules::{Severity, Violation};
use super::rules::{blank, field_error as field};
use super::service::{ActiveStatus, applied_for};
use super::text::Text;
use super::workspace::{Kind, Rec, Workspace};

fn v(
    rule: &'static str,
    severity: Severity,
    source: &'static str,
    kind: Kind,
    id: &str,
    field: Option<&'static str>,
    message: Text,
) -> Violation {
    super::rules::violation(rule, severity, Some(source), kind, id, field, message)
}

pub fn check(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    development_entities(ws, out);
    enterprises_kept_apart(ws, out);
    offerings(ws, as_of, out);
    institutions(ws, as_of, out);
}

/// 统一社会信用代码: 18 characters, digits and capital letters.
fn valid_credit_code(s: &str) -> bool {
    s.len() == 18
        && s.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// Field checks and BR-A10 (each park has a development entity; officials holding a company post
/// are listed for review).
fn development_entities(ws: &Workspace, out: &mut Vec<Violation>) {
    let k = Kind::DevelopmentEntity;
    let mut with_entity: HashSet<&str> = HashSet::new();
    for r in ws.development_entities.iter_live() {
        let (id, e) = (r.id(), &r.data);
        if ws.parks.live(&e.park_id).is_none() {
            out.push(field(
                k,
                id,
                "park_id",
                Text::new(
                    "请选择园区（所选园区不存在）",
                    "Choose a park (the chosen one does not exist)",
                ),
            ));
        }
        if e.status != ActiveStatus::Stopped {
            with_entity.insert(e.park_id.as_str());
        }
        if blank(&e.name) {
            out.push(field(
                k,
                id,
                "name",
                Text::new("请填写企业名称", "Enter the company name"),
            ));
        }
        if let Some(code) = &e.credit_code
            && !valid_credit_code(code.trim())
        {
            out.push(field(
                k,
                id,
                "credit_code",
                Text::new(
                    "统一社会信用代码应为 18 位数字或大写字母",
                    "The unified social credit code has 18 digits or capital letters",
                ),
            ));
        }
        // Saturating: a sum past u32 stays above 100 % instead of wrapping under it.
        let shares: u32 = e
            .shareholders
            .iter()
            .fold(0u32, |a, s| a.saturating_add(s.share_bp));
        if shares > 10_000 {
            out.push(field(
                k,
                id,
                "shareholders",
                Text::new(
                    format!(
                        "股东持股比例合计 {:.2}%，超过 100%",
                        f64::from(shares) / 100.0
                    ),
                    format!(
                        "The shares add up to {:.2}%, more than 100%",
                        f64::from(shares) / 100.0
                    ),
                ),
            ));
        }
        if e.shareholders.iter().any(|s| blank(&s.name)) {
            out.push(field(
                k,
                id,
                "shareholders",
                Text::new("股东须填写名称", "Each shareholder needs a name"),
            ));
        }
        if e.registered_capital_fen.is_some_and(|c| c < 0) {
            out.push(field(
                k,
                id,
                "registered_capital_fen",
                Text::new(
                    "注册资本不能为负数",
                    "The registered capital cannot be negative",
                ),
            ));
        }
        for x in &e.executives {
            if blank(&x.name) {
                out.push(field(
                    k,
                    id,
                    "executives",
                    Text::new(
                        "高管须填写姓名或工号",
                        "Each executive needs a name or staff number",
                    ),
                ));
            } else if looks_like_personal_number(&x.name) {
                out.push(Violation {
                    rule: "BR-F2",
                    severity: Severity::Block,
                    source: None,
                    kind: k,
                    id: id.to_string(),
                    field: Some("executives"),
                    message: Text::new(
                        "不得录入身份证号或手机号，请改用姓名、工号或化名",
                        "ID or phone numbers must not be stored: use a name, staff number or pseudonym",
                    ),
                });
            }
        }
        let cross: Vec<&Executive> = e.executives.iter().filter(|x| x.is_cross_held()).collect();
        if !cross.is_empty() {
            let list_zh = cross
                .iter()
                .map(|x| {
                    format!(
                        "{}（{}，兼{}）",
                        x.name,
                        x.role.zh(),
                        x.committee_post.trim()
                    )
                })
                .collect::<Vec<_>>()
                .join("、");
            let list_en = cross
                .iter()
                .map(|x| {
                    format!(
                        "{} ({}, also {})",
                        x.name,
                        x.role.en(),
                        x.committee_post.trim()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(v("BR-A10", Severity::Warn, "S4.1", k, id, Some("executives"), Text::new(
                format!("政企分开待审查：管委会人员在开发建设主体任职 — {list_zh}"),
                format!("Review for government–enterprise separation: committee officials hold company posts — {list_en}"),
            )));
        }
    }
    for p in ws.parks.iter_live() {
        if p.data.status == super::territory::ParkStatus::Abolished || with_entity.contains(p.id())
        {
            continue;
        }
        out.push(v("BR-A10", Severity::Warn, "S4.1", Kind::Park, p.id(), None, Text::new(
            "园区尚无开发建设主体：行政管理主体与开发建设主体应当分离，开发建设交由企业承担",
            "The park has no development entity: development and construction should be done by a company, apart from the administrative body",
        )));
    }
}

/// BR-A9: an enterprise is not an org unit — an org unit named like the park's development
/// company, or like any company, must not be an internal body or receive a delegated power.
/// (Staffing quotas arrive with the organisation issue; the same test applies to them.)
fn enterprises_kept_apart(ws: &Workspace, out: &mut Vec<Violation>) {
    let names: HashSet<&str> = ws
        .development_entities
        .iter_live()
        .map(|e| e.data.name.trim())
        .collect();
    let mut enterprise_orgs: HashMap<&str, &str> = HashMap::new();
    for o in ws.org_units.iter_live() {
        let name = o.data.name.trim();
        if names.contains(name) || looks_like_enterprise(name) {
            enterprise_orgs.insert(o.id(), name);
            if matches!(
                o.data.kind,
                OrgKind::InternalBody | OrgKind::UnifiedEnforcement | OrgKind::ParkMgmtCommittee
            ) {
                out.push(v("BR-A9", Severity::Block, "S4.1", Kind::OrgUnit, o.id(), Some("kind"), Text::new(
                    format!("“{name}”是企业：开发建设主体不能作为管委会的内设机构或执法机构"),
                    format!("“{name}” is an enterprise: a development company cannot be an internal body or enforcement body of the committee"),
                )));
            }
        }
    }
    if enterprise_orgs.is_empty() {
        return;
    }
    for d in ws.delegations.iter_live() {
        if let Some(name) = d
            .data
            .recipient_org_id
            .as_deref()
            .and_then(|o| enterprise_orgs.get(o))
        {
            out.push(v("BR-A9", Severity::Block, "S4.1", Kind::Delegation, d.id(), Some("recipient_org_id"), Text::new(
                format!("“{name}”是企业，不能承接下放的行政权力"),
                format!("“{name}” is an enterprise and cannot receive a delegated administrative power"),
            )));
        }
    }
}

/// Received delegations (handed over, received in full or in part, effective by `as_of`) of the
/// kinds citizens and enterprises apply for (BR-A12).
pub fn received_applied_for<'a>(
    ws: &'a Workspace,
    as_of: NaiveDate,
) -> impl Iterator<Item = &'a Rec<DelegationData>> + 'a {
    ws.delegations.iter_live().filter(move |d| {
        d.data.lifecycle == Lifecycle::HandedOver
            && matches!(
                d.data.reception,
                Reception::Received | Reception::PartiallyReceived
            )
            && d.data.effective_from.is_some_and(|f| f <= as_of)
            && ws
                .power_items
                .live(&d.data.power_item_id)
                .is_some_and(|i| applied_for(i.data.power_type))
    })
}

/// BR-A12: received delegations of those kinds that no operating offering of their park serves.
pub fn unserved_delegations(ws: &Workspace, as_of: NaiveDate) -> Vec<&Rec<DelegationData>> {
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
    received_applied_for(ws, as_of)
        .filter(|d| !served.contains(&(d.data.park_id.as_str(), d.id())))
        .collect()
}

/// Field checks and BR-A12.
fn offerings(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    let k = Kind::ServiceOffering;
    let mut operating: HashSet<&str> = HashSet::new();
    for r in ws.service_offerings.iter_live() {
        let (id, o) = (r.id(), &r.data);
        if ws.parks.live(&o.park_id).is_none() {
            out.push(field(
                k,
                id,
                "park_id",
                Text::new(
                    "请选择园区（所选园区不存在）",
                    "Choose a park (the chosen one does not exist)",
                ),
            ));
        }
        if blank(&o.name) {
            out.push(field(
                k,
                id,
                "name",
                Text::new("请填写服务事项名称", "Enter the offering's name"),
            ));
        }
        if o.status == ActiveStatus::Operating {
            operating.insert(o.park_id.as_str());
        }
        for d in &o.linked_delegation_ids {
            match ws.delegations.live(d) {
                None => out.push(field(
                    k,
                    id,
                    "linked_delegation_ids",
                    Text::new("关联的赋权事项不存在", "A linked delegation does not exist"),
                )),
                Some(x) if x.data.park_id != o.park_id => out.push(field(
                    k,
                    id,
                    "linked_delegation_ids",
                    Text::new(
                        format!("“{}”是其他园区的赋权事项", ws.label_of(Kind::Delegation, d)),
                        format!(
                            "“{}” is delegated to another park",
                            ws.label_of(Kind::Delegation, d)
                        ),
                    ),
                )),
                _ => {}
            }
        }
    }
    for p in ws.parks.iter_live() {
        if p.data.status != super::territory::ParkStatus::Abolished && !operating.contains(p.id()) {
            out.push(v("BR-A12", Severity::Info, "S4.2", Kind::Park, p.id(), None, Text::new(
                "园区尚无运行中的服务事项（如一站式服务窗口、代办帮办）",
                "The park has no operating service offering (e.g. a one-stop window or agency service)",
            )));
        }
    }
    for d in unserved_delegations(ws, as_of) {
        out.push(v("BR-A12", Severity::Info, "S4.2", Kind::Delegation, d.id(), None, Text::new(
            "已承接的许可、确认、给付等事项应有运行中的服务事项受理（群众和企业在哪里办）",
            "A received licensing, confirmation or benefit item should be served by an operating offering (where people and firms apply)",
        )));
    }
}

/// BR-A11: the required categories (parameters) without an in-force institution in the park on
/// `as_of`.
pub fn missing_categories(
    ws: &Workspace,
    park_id: &str,
    as_of: NaiveDate,
) -> Vec<InstitutionCategory> {
    let have: HashSet<InstitutionCategory> = ws
        .institutions
        .iter_live()
        .filter(|i| i.data.park_id == park_id && i.data.in_force_on(as_of))
        .map(|i| i.data.category)
        .collect();
    super::parameters::of(ws)
        .required_institution_categories
        .into_iter()
        .filter(|c| !have.contains(c))
        .collect()
}

/// Field checks and BR-A11.
fn institutions(ws: &Workspace, as_of: NaiveDate, out: &mut Vec<Violation>) {
    use super::institution::InstitutionStatus;
    let k = Kind::Institution;
    let required = super::parameters::of(ws).required_institution_categories;
    let mut in_force: HashMap<&str, HashSet<InstitutionCategory>> = HashMap::new();
    for r in ws.institutions.iter_live() {
        let (id, i) = (r.id(), &r.data);
        if ws.parks.live(&i.park_id).is_none() {
            out.push(field(
                k,
                id,
                "park_id",
                Text::new(
                    "请选择园区（所选园区不存在）",
                    "Choose a park (the chosen one does not exist)",
                ),
            ));
        }
        if blank(&i.title) {
            out.push(field(
                k,
                id,
                "title",
                Text::new("请填写制度名称", "Enter the institution's title"),
            ));
        }
        if matches!(
            i.status,
            InstitutionStatus::InForce | InstitutionStatus::Revising
        ) && i.effective_from.is_none()
        {
            out.push(v(
                "FIELD",
                Severity::Warn,
                "S4.3",
                k,
                id,
                Some("effective_from"),
                Text::new(
                    "印发施行的制度应填写施行日期",
                    "An institution in force should have its effective date",
                ),
            ));
        }
        if let (Some(f), Some(r)) = (i.effective_from, i.review_due)
            && r < f
        {
            out.push(field(
                k,
                id,
                "review_due",
                Text::new(
                    "复审日期不能早于施行日期",
                    "The review date cannot be before the effective date",
                ),
            ));
        }
        if i.in_force_on(as_of) {
            if i.review_due.is_some_and(|r| r < as_of) {
                out.push(v(
                    "BR-A11",
                    Severity::Info,
                    "S4.3",
                    k,
                    id,
                    Some("review_due"),
                    Text::new("该制度已到复审日期", "This institution is due for review"),
                ));
            }
            in_force
                .entry(i.park_id.as_str())
                .or_default()
                .insert(i.category);
        }
    }
    for p in ws.parks.iter_live() {
        let have = in_force.get(p.id());
        let missing: Vec<InstitutionCategory> = required
            .iter()
            .copied()
            .filter(|c| have.is_none_or(|h| !h.contains(c)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let zh: Vec<&str> = missing.iter().map(|c| c.zh()).collect();
        let en: Vec<&str> = missing.iter().map(|c| c.en()).collect();
        out.push(v(
            "BR-A11",
            Severity::Info,
            "S4.3",
            Kind::Park,
            p.id(),
            None,
            Text::new(
                format!("制度建设缺少施行中的类别：{}", zh.join("、")),
                format!(
                    "The institution register lacks categories in force: {}",
                    en.join(", ")
                ),
            ),
        ));
    }
}

/// BR-A10: every committee official who also holds a post in a development entity, with the
/// entity, for the review list.
pub fn cross_held(
    ws: &Workspace,
) -> Vec<(&Rec<super::development::DevelopmentEntityData>, &Executive)> {
    ws.development_entities
        .iter_live()
        .flat_map(|e| {
            e.data
                .executives
                .iter()
                .filter(|x| x.is_cross_held())
                .map(move |x| (e, x))
        })
        .collect()
}
