//! Native benchmarks of the domain's hot paths at a tenth of the province (issue #9):
//! the full check (`rules::check_all`, run after every command), the metrics behind the
//! dashboard and the ledger, the merge plan of another office's file, and the stored form.
//!
//!     cargo bench --bench domain                 # a tenth and a hundredth
//!     SCALE_FULL=1 cargo bench --bench domain    # also the full province (slow)
//!
//! Results and the machine: docs/performance.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parkdesk::domain::delegation_metrics::{self, DelegationScope};
use parkdesk::domain::merge::{self, Decisions, MergeCtx};
use parkdesk::domain::meta::{Office, Role};
use parkdesk::domain::metrics::Scope;
use parkdesk::domain::scale::{Size, generate};
use parkdesk::domain::workspace::{Record, Workspace};
use parkdesk::domain::{goals, rules, staffing_metrics};
use parkdesk::persist::packed;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 12, 31).unwrap_or_default()
}

fn sizes() -> Vec<Size> {
    let mut s = vec![Size::Hundredth, Size::Tenth];
    if std::env::var_os("SCALE_FULL").is_some() {
        s.push(Size::Full);
    }
    s
}

/// The workspace as a park office sends it back: one person in a hundred renamed by that office.
fn edited_by_park_office(ws: &Workspace, office: &Office) -> Workspace {
    let mut out = ws.clone();
    let now = "2014-01-05T08:00:00Z".parse().unwrap_or_default();
    for (i, r) in ws
        .records_of(parkdesk::domain::workspace::Kind::Person)
        .into_iter()
        .enumerate()
    {
        if i % 100 != 0 {
            continue;
        }
        if let Record::Person(mut p) = r {
            p.data.display_name.push('*');
            p.meta.touch(now, office);
            out.put(Record::Person(p));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    for size in sizes() {
        let ws = generate(size, 1);
        let label = size.code();
        let mut g = c.benchmark_group(format!("domain-{label}"));
        g.sample_size(10);
        g.bench_function(BenchmarkId::new("check_all", label), |b| {
            b.iter(|| rules::check_all(black_box(&ws), as_of()))
        });
        g.bench_function(BenchmarkId::new("in_place_rate", label), |b| {
            b.iter(|| {
                delegation_metrics::in_place_rate(&ws, as_of(), &DelegationScope::City, false)
            })
        });
        g.bench_function(BenchmarkId::new("goal_indices", label), |b| {
            b.iter(|| goals::goal_indices(&ws, as_of(), &Scope::City))
        });
        g.bench_function(BenchmarkId::new("staffing_ledger", label), |b| {
            b.iter(|| {
                staffing_metrics::system_ledger(
                    &ws,
                    as_of(),
                    &Scope::City,
                    parkdesk::domain::staffing::View::ByQuota,
                )
            })
        });
        let park = Office::new("park-office", "园区管委会", Role::Park);
        let incoming = edited_by_park_office(&ws, &park);
        let me = Office::new("sample", "示例数据", Role::Bianban);
        let dir = vec![me.clone(), park.clone()];
        let ctx = MergeCtx {
            me: &me,
            now: "2014-01-06T08:00:00Z".parse().unwrap_or_default(),
            directory: &dir,
        };
        g.bench_function(BenchmarkId::new("merge_plan", label), |b| {
            b.iter(|| merge::plan(&ws, black_box(&incoming), &ctx, &Decisions::new()))
        });
        let json = serde_json::to_string(&ws).unwrap_or_default();
        g.bench_function(BenchmarkId::new("to_json", label), |b| {
            b.iter(|| serde_json::to_string(black_box(&ws)))
        });
        g.bench_function(BenchmarkId::new("pack", label), |b| {
            b.iter(|| packed::encode(black_box(json.clone())))
        });
        let stored = packed::encode(json.clone()).unwrap_or_default();
        g.bench_function(BenchmarkId::new("unpack", label), |b| {
            b.iter(|| packed::decode(black_box(&stored)).map(|s| s.len()))
        });
        g.finish();
        println!(
            "{label}: {} records, JSON {} bytes, stored {} UTF-16 units ({:.1}×)",
            ws.records().len(),
            json.len(),
            stored.encode_utf16().count(),
            json.len() as f64 / stored.encode_utf16().count().max(1) as f64
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
