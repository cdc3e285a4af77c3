//! Criterion benchmark: bulk-inserting customers (two emails, a phone, three tags each).
//!
//! `cargo bench -p crm-benches --bench insert`

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use crm_benches::customers;
use crm_core::Crm;

fn bulk_insert(c: &mut Criterion) {
    let mut group = c.benchmark_group("bulk_insert");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let rows = customers(42, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}"), |b| {
            b.iter_batched(
                || rows.clone(),
                |rows| {
                    let mut crm = Crm::builder().seed(7).build();
                    let report = crm.import_customers(rows);
                    assert_eq!(report.created.len(), n);
                    crm
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, bulk_insert);
criterion_main!(benches);
