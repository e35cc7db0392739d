//! `nangsuat ingest`: published tables to tidy CSV, or through a mapping to observations;
//! and the observations of `nangsuat report --tables … --mapping …`.

use crate::commands::{emit, s};
use crate::{Failure, Outcome, tr};
use clap::ArgMatches;
use nangsuat::ingest::mapping::{Mapped, Mapping};
use nangsuat::ingest::{Format, ReadOptions, read_path};
use nangsuat::monitoring::observation::Observations;
use std::path::PathBuf;

/// A table or mapping that cannot be read: exit 1, one line in the run's language (the
/// library's message names the file and the line or cell).
fn data_failure(e: &nangsuat::Error) -> Failure {
    Failure::data(crate::said(e))
}

/// Reads a mapping file.
pub(crate) fn load_mapping(path: &PathBuf) -> Result<Mapping, Failure> {
    Mapping::load(path).map_err(|e| data_failure(&e))
}

/// Observations from published tables by a mapping, territories resolved in Viet Nam's
/// catalogue; every cell without a value is named on standard error.
pub(crate) fn observations_from_tables(
    tables: &[PathBuf],
    mapping: &Mapping,
) -> Result<Observations, Failure> {
    let mapped =
        nangsuat::vietnam::territory::map_files(tables, mapping).map_err(|e| data_failure(&e))?;
    report_skipped(&mapped);
    Ok(mapped.observations)
}

fn report_skipped(mapped: &Mapped) {
    for k in &mapped.skipped {
        let symbol = k.symbol.as_deref().unwrap_or("");
        eprintln!(
            "nangsuat: {}",
            tr(
                format!(
                    "bỏ qua ô không có số liệu: {} {} {} tại `{}` {} (ký hiệu `{symbol}`, {})",
                    k.scope, k.indicator, k.year, k.provenance.file, k.provenance.cell, k.status
                ),
                format!(
                    "skipped a cell with no value: {} {} {} at `{}` {} (symbol `{symbol}`, {})",
                    k.scope, k.indicator, k.year, k.provenance.file, k.provenance.cell, k.status
                ),
            )
        );
    }
}

/// `nangsuat ingest TABLE... [--mapping M] [--format F] [--sheet S] [--lang L] [-o FILE]`.
pub fn ingest(m: &ArgMatches) -> Result<Outcome, Failure> {
    let tables: Vec<PathBuf> = m
        .get_many::<PathBuf>("tables")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    if let Some(mapping) = m.get_one::<PathBuf>("mapping") {
        let mut mapping = load_mapping(mapping)?;
        // Command-line options override the mapping's own [table] options.
        let mut options = mapping.table.clone().unwrap_or_default();
        if let Some(f) = m.get_one::<String>("format") {
            options.format = Some(f.clone());
        }
        if let Some(sheet) = m.get_one::<String>("sheet") {
            options.sheet = Some(sheet.clone());
        }
        mapping.table = Some(options);
        let observations = observations_from_tables(&tables, &mapping)?;
        return emit(m, observations.to_csv().into_bytes());
    }
    let [table] = tables.as_slice() else {
        return Err(Failure::usage(tr(
            "không có --mapping thì chỉ đọc một bảng mỗi lần (các bảng có cột khác nhau); dùng --mapping để gộp nhiều bảng thành số liệu quan sát",
            "without --mapping, one table at a time (tables have different columns); give --mapping to combine many tables into observations",
        )));
    };
    let mut options = ReadOptions::default();
    if let Some(f) = m.get_one::<String>("format") {
        // The value parser accepts only format names.
        options = options
            .format(Format::from_name(f).ok_or_else(|| Failure::usage(format!("--format {f}")))?);
    }
    if let Some(sheet) = m.get_one::<String>("sheet") {
        options = options.sheet(sheet.clone());
    }
    let mut t = read_path(table, &options).map_err(|e| data_failure(&e))?;
    // Labels in the run's language when the file offers it (PC-Axis LANGUAGES).
    let lang = s(m, "lang");
    if !lang.is_empty()
        && t.metadata.language.as_deref() != Some(lang)
        && t.metadata.languages.iter().any(|l| l == lang)
    {
        t = read_path(table, &options.language(lang)).map_err(|e| data_failure(&e))?;
    }
    emit(m, t.to_csv().into_bytes())
}
