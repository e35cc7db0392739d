//! Throughput of the table readers (MB of file read per second) on the published samples in
//! `crates/nangsuat/tests/fixtures/published`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nangsuat::ingest::{ReadOptions, read_bytes};
use std::hint::black_box;

fn readers(c: &mut Criterion) {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/nangsuat/tests/fixtures/published"
    );
    let files = [
        ("px", "pcaxis/NAAC01_20230728-205316.px", None),
        ("jsonstat", "nso_jsonstat/E02.01.json", None),
        ("sdmx", "nsdp_sdmx/GDPVNM.xml", None),
        (
            "xlsx_pxweb",
            "nso_xlsx/24_labour_productivity_by_province_2018_2024.xlsx",
            None,
        ),
        (
            "xlsx_monthly_sheet",
            "gso_monthly_xlsx/2024-12-29-02.Bieu-T12.2024.xlsx",
            Some("2. GDP SS"),
        ),
        (
            "csv",
            "gso_csv/vietnam-2020-average-population-by-province.csv",
            None,
        ),
    ];
    let mut group = c.benchmark_group("ingest");
    for (name, file, sheet) in files {
        let bytes = std::fs::read(format!("{dir}/{file}")).expect("fixture");
        let mut options = ReadOptions::default();
        if let Some(s) = sheet {
            options = options.sheet(s);
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| read_bytes(black_box(&bytes), &options).expect("reads"))
        });
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
