//! Province-scale data for the scale benchmark (issue #9): about 150 parks, 1,200 townships,
//! 30,000 persons, 40,000 delegations, five assessment years and 10,000 findings, or a tenth or a
//! hundredth of that. Everything is SAMPLE data.
//!
//! The demo city (`sample::demo`, three parks with every teaching case) is the template: it is
//! copied into regions with fresh ids and suffixed names, so every record keeps the shape of a
//! record the rules already accept. Within each region the power catalogue grows by variants of
//! the demo's items (and each park receives them as the demo parks received the originals), the
//! findings of each check are repeated, counties get extra townships, and the 2013 assessment is
//! repeated for the four years before. City-wide records (the city, the inspection team,
//! authority rules, settings) exist once. Region 0 is the demo itself, unchanged.
//!
//! Deterministic: the same size and seed give the same bytes. The seed picks the ids' salt and
//! which few delegation variants a park lacks, so different seeds give different but equally
//! valid data.

use std::collections::HashMap;

use serde_json::Value;

use super::meta::{IdSource, Meta, Provenance, SeqIds, Timestamp};
use super::sample;
use super::territory::{TownshipData, TownshipKind};
use super::workspace::{Data, Kind, Record, Workspace};

/// How much of the province to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    Full,
    Tenth,
    Hundredth,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Hundredth, Size::Tenth, Size::Full];

    /// The command-line and file-name code ("full", "1-10", "1-100").
    pub fn code(self) -> &'static str {
        match self {
            Size::Full => "full",
            Size::Tenth => "1-10",
            Size::Hundredth => "1-100",
        }
    }

    pub fn from_code(s: &str) -> Option<Size> {
        match s {
            "full" | "1" => Some(Size::Full),
            "1-10" | "1/10" | "tenth" => Some(Size::Tenth),
            "1-100" | "1/100" | "hundredth" => Some(Size::Hundredth),
            _ => None,
        }
    }

    fn divisor(self) -> usize {
        match self {
            Size::Full => 1,
            Size::Tenth => 10,
            Size::Hundredth => 100,
        }
    }
}

/// The province the issue describes (full size).
pub const PROVINCE: Targets = Targets {
    parks: 150,
    townships: 1_200,
    persons: 30_000,
    delegations: 40_000,
    findings: 10_000,
};

/// Record counts aimed at; the generator lands near them (whole regions of three parks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Targets {
    pub parks: usize,
    pub townships: usize,
    pub persons: usize,
    pub delegations: usize,
    pub findings: usize,
}

/// Assessment years: the demo's 2013 and the four before it.
pub const YEARS: i32 = 5;

/// Kinds that exist once for the whole province (shared, not copied per region).
fn shared(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::City
            | Kind::StaffingSettings
            | Kind::Parameters
            | Kind::AuthorityRule
            | Kind::InspectionTeam
            | Kind::PowerItem
    )
}

/// Kinds repeated for every earlier assessment year.
fn yearly(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::AssessmentScheme | Kind::AssessmentResult | Kind::BonusPool | Kind::ResultUse
    )
}

/// SplitMix64: a tiny generator whose output never changes with a crate upgrade, so a seed
/// names the same file forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// True with probability `per_mille`/1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// Generates the province (or a part of it) from `seed`.
pub fn generate(size: Size, seed: u64) -> Workspace {
    let demo = sample::demo();
    let d = size.divisor();
    let t = Targets {
        parks: PROVINCE.parks / d,
        townships: PROVINCE.townships / d,
        persons: PROVINCE.persons / d,
        delegations: PROVINCE.delegations / d,
        findings: PROVINCE.findings / d,
    };
    let demo_parks = demo.count_live(Kind::Park).max(1);
    let regions = t.parks.div_ceil(demo_parks).max(1);
    let per = |target: usize, kind: Kind| {
        (target as f64 / (demo.count_live(kind).max(1) * regions) as f64)
            .round()
            .max(1.0) as usize
    };
    let variants = per(t.delegations, Kind::Delegation);
    let finding_copies = per(t.findings, Kind::Finding);
    let demo_counties = demo.count_live(Kind::County).max(1);
    let extra_townships = t
        .townships
        .saturating_sub(demo.count_live(Kind::Township) * regions)
        / (demo_counties * regions);

    let at = demo
        .records()
        .first()
        .map(|r| r.meta().created_at)
        .unwrap_or_default();
    let mut g = Gen {
        out: Workspace::default(),
        ids: SeqIds {
            next: 0,
            // The salt lands in the ULID's random part (16 bits of it), away from the demo's.
            salt: 0x8000 | u128::from(seed as u16 & 0x7FFF),
        },
        at,
        rng: Rng(seed),
    };

    // The catalogue: the demo's items plus their variants, once for the province.
    let mut items: Vec<HashMap<String, String>> = vec![HashMap::new()];
    for r in demo.records().into_iter().filter(|r| shared(r.kind())) {
        g.out.put(r);
    }
    for v in 1..variants {
        let mut map = HashMap::new();
        for r in demo.records_of(Kind::PowerItem) {
            let id = g.fresh();
            map.insert(r.meta().id.clone(), id.clone());
            let mut fields = r.to_fields();
            suffix(&mut fields, "item_code", &format!("-V{v:02}"));
            suffix(&mut fields, "name", &format!("（变体{v}）"));
            g.put_fields(Kind::PowerItem, r.meta(), id, fields);
        }
        items.push(map);
    }

    let own: Vec<Record> = demo
        .records()
        .into_iter()
        .filter(|r| !shared(r.kind()))
        .collect();
    for region in 0..regions {
        // Fresh ids for every record of the region (region 0 keeps the demo's own).
        let ids: HashMap<String, String> = own
            .iter()
            .map(|r| {
                let id = r.meta().id.clone();
                let new = if region == 0 { id.clone() } else { g.fresh() };
                (id, new)
            })
            .collect();
        for r in &own {
            let mut fields = r.to_fields();
            remap(&mut fields, &ids);
            if region > 0 {
                rename(&mut fields, region);
            }
            let id = ids[&r.meta().id].clone();
            g.put_fields(r.kind(), r.meta(), id.clone(), fields.clone());
            match r.kind() {
                Kind::Delegation => {
                    for (v, map) in items.iter().enumerate().skip(1) {
                        // A park lacks a few items now and then (2 %), as real catalogues do.
                        if g.rng.chance(20) {
                            continue;
                        }
                        let mut f = fields.clone();
                        remap(&mut f, map);
                        if let Some(note) = f.get_mut("batch").and_then(|b| b.get_mut("title")) {
                            *note = Value::String(format!(
                                "{}（变体{v}）",
                                note.as_str().unwrap_or("")
                            ));
                        }
                        let new = g.fresh();
                        g.put_fields(Kind::Delegation, r.meta(), new, f);
                    }
                }
                Kind::Finding => {
                    for _ in 1..finding_copies {
                        let new = g.fresh();
                        g.put_fields(Kind::Finding, r.meta(), new, fields.clone());
                    }
                }
                Kind::County => {
                    for i in 1..=extra_townships {
                        let name = format!("示例镇{}-{i:02}", region_label(region));
                        let new = g.fresh();
                        let data = Data::Township(TownshipData {
                            name,
                            kind: if i % 3 == 0 {
                                TownshipKind::Township
                            } else {
                                TownshipKind::Town
                            },
                            county_id: id.clone(),
                            area_km2: Some(40.0 + (i % 7) as f64 * 12.5),
                            population: Some(8_000 + (i as u32 % 9) * 2_500),
                            in_planning_area_of: None,
                        });
                        let meta =
                            Meta::new(new, g.at, &sample::sample_office(), Provenance::Sample);
                        g.out.put(Record::new(meta, data));
                    }
                }
                _ => {}
            }
        }
        // Earlier assessment years: the year's schemes, results, pools and uses again.
        for back in 1..YEARS {
            let year_ids: HashMap<String, String> = own
                .iter()
                .filter(|r| yearly(r.kind()))
                .map(|r| (ids[&r.meta().id].clone(), g.fresh()))
                .collect();
            for r in own.iter().filter(|r| yearly(r.kind())) {
                let mut fields = r.to_fields();
                remap(&mut fields, &ids);
                if region > 0 {
                    rename(&mut fields, region);
                }
                remap(&mut fields, &year_ids);
                if let Some(Value::Number(y)) = fields.get("year").cloned() {
                    let y = y.as_i64().unwrap_or(2013) - i64::from(back);
                    fields["year"] = Value::from(y);
                }
                let id = year_ids[&ids[&r.meta().id]].clone();
                g.put_fields(r.kind(), r.meta(), id, fields);
            }
        }
    }
    g.out
}

struct Gen {
    out: Workspace,
    ids: SeqIds,
    at: Timestamp,
    rng: Rng,
}

impl Gen {
    fn fresh(&mut self) -> String {
        self.ids.next_id(self.at)
    }

    /// Stores a copy of a template record under a new id. A template that does not read back
    /// (it always does: the fields came from a record of the same kind) is skipped.
    fn put_fields(&mut self, kind: Kind, template: &Meta, id: String, fields: Value) {
        let mut meta = template.clone();
        meta.id = id;
        if let Ok(rec) = Record::from_fields(kind, meta, fields) {
            self.out.put(rec);
        }
    }
}

fn region_label(region: usize) -> String {
    format!("R{region:02}")
}

/// Replaces every string that is a key of `ids` (record ids are ULIDs, never ordinary text).
fn remap(v: &mut Value, ids: &HashMap<String, String>) {
    match v {
        Value::String(s) => {
            if let Some(new) = ids.get(s.as_str()) {
                *s = new.clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| remap(x, ids)),
        Value::Object(o) => o.values_mut().for_each(|x| remap(x, ids)),
        _ => {}
    }
}

fn suffix(fields: &mut Value, key: &str, tail: &str) {
    if let Some(Value::String(s)) = fields.get_mut(key)
        && !s.is_empty()
    {
        s.push_str(tail);
    }
}

/// Keeps natural keys and codes unique across regions: names and titles get "·R07", codes "-R07".
fn rename(fields: &mut Value, region: usize) {
    let label = region_label(region);
    for key in ["name", "name_zh", "title"] {
        suffix(fields, key, &format!("·{label}"));
    }
    suffix(fields, "name_en", &format!(" {label}"));
    for key in ["staff_no", "notice_no"] {
        suffix(fields, key, &format!("-{label}"));
    }
    // Park codes allow capitals and digits only.
    suffix(fields, "short_code", &label);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rng_is_stable() {
        let mut r = Rng(7);
        let a: Vec<u64> = (0..3).map(|_| r.next()).collect();
        let mut r = Rng(7);
        let b: Vec<u64> = (0..3).map(|_| r.next()).collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
    }

    #[test]
    fn sizes_read_their_codes() {
        for s in Size::ALL {
            assert_eq!(Size::from_code(s.code()), Some(s));
        }
        assert_eq!(Size::from_code("1/10"), Some(Size::Tenth));
        assert_eq!(Size::from_code("half"), None);
    }
}
