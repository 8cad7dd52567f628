//! First metrics of the reform (shared/domain.md §6.3, §6.7): 成建制托管率 and 区镇合一覆盖率.
//! Every metric takes an as-of date and a scope, so past states can be shown ("before/after").

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::meta::Id;
use super::workspace::Workspace;

/// What a metric is computed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    City,
    Park(Id),
}

impl Scope {
    fn includes_park(&self, park_id: &str) -> bool {
        match self {
            Scope::City => true,
            Scope::Park(p) => p == park_id,
        }
    }
}

/// A count over a count. The denominator can be zero: then there is no rate to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    pub num: usize,
    pub den: usize,
}

impl Ratio {
    pub fn percent(self) -> Option<f64> {
        (self.den > 0).then(|| 100.0 * self.num as f64 / self.den as f64)
    }

    /// num / den as a plain number, for indices that are not percentages.
    pub fn per(self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 / self.den as f64)
    }
}

/// 成建制托管率 | Share of the entrustments in force on `as_of` that cover the whole township.
pub fn whole_township_rate(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> Ratio {
    let in_force: Vec<_> = ws
        .entrustments
        .iter_live()
        .filter(|r| {
            r.data.in_force_on(as_of)
                && scope.includes_park(&r.data.park_id)
                && ws.parks.live(&r.data.park_id).is_some()
        })
        .collect();
    Ratio {
        num: in_force.iter().filter(|r| r.data.scope.is_whole()).count(),
        den: in_force.len(),
    }
}

/// Townships entrusted (in force on `as_of`) to parks within the scope.
pub fn entrusted_townships(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> BTreeSet<Id> {
    ws.entrustments
        .iter_live()
        .filter(|r| {
            r.data.in_force_on(as_of)
                && scope.includes_park(&r.data.park_id)
                && ws.parks.live(&r.data.park_id).is_some()
        })
        .map(|r| r.data.township_id.clone())
        .collect()
}

/// 区镇合一覆盖率 | Entrusted townships with at least one leadership cross-post (a person holding
/// leadership posts in the township and in the park that leads it, read from appointments), over
/// entrusted townships.
pub fn integration_coverage(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> Ratio {
    let towns = entrusted_townships(ws, as_of, scope);
    let covered = super::appointment::cross_posted_townships(ws, as_of);
    Ratio {
        num: towns.iter().filter(|t| covered.contains(*t)).count(),
        den: towns.len(),
    }
}

/// BR-A7: the park whose 党工委/管委会 lead a township on `as_of` — derived from the entrustment
/// in force, never stored on org units, so it cannot drift from the entrustments.
pub fn leading_park(ws: &Workspace, township_id: &str, as_of: NaiveDate) -> Option<Id> {
    ws.entrustments
        .iter_live()
        .find(|r| {
            r.data.township_id == township_id
                && r.data.in_force_on(as_of)
                && ws.parks.live(&r.data.park_id).is_some()
        })
        .map(|r| r.data.park_id.clone())
}
