//! Readers of published tables: one call reads a file into tidy columns (numpy `value`,
//! lists for the rest) and its metadata; `nangsuat.read_table` makes the DataFrame.

use crate::errors::IntoPy;
use crate::json::to_python;
use nangsuat::Error;
use nangsuat::ingest::{Format, ReadOptions, read_path};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Reads a table file into `(columns, metadata)`: `columns` maps names to lists (and `value`
/// to a float64 array with NaN exactly where the cell is missing), in DataFrame order.
#[pyfunction]
#[pyo3(signature = (path, *, format=None, sheet=None, language=None))]
pub(crate) fn read_table_columns<'py>(
    py: Python<'py>,
    path: std::path::PathBuf,
    format: Option<&str>,
    sheet: Option<String>,
    language: Option<String>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyAny>)> {
    let mut options = ReadOptions::default();
    if let Some(f) = format {
        let f = Format::from_name(f)
            .ok_or_else(|| Error::InvalidParameter {
                name: "format".into(),
                reason: format!(
                    "`{f}` is not a table format: expected px, jsonstat, sdmx, sdmx-csv, \
                         xlsx, xls or csv"
                ),
            })
            .py()?;
        options = options.format(f);
    }
    if let Some(s) = sheet {
        options = options.sheet(s);
    }
    if let Some(l) = language {
        options = options.language(l);
    }
    let table = py.detach(|| read_path(&path, &options)).py()?;

    let columns = PyDict::new(py);
    let n = table.cells.len();
    // One label and one code column per dimension; names kept unique.
    let reserved = [
        "value",
        "status",
        "symbol",
        "note",
        "unit",
        "unit_multiplier",
        "location",
        "period",
    ];
    let mut used: Vec<String> = reserved.iter().map(|s| s.to_string()).collect();
    let mut names = Vec::new();
    for d in &table.dimensions {
        // A dimension named like a fixed column (`unit`, `status`…) becomes `unit_dim`.
        let mut name = d.id.clone();
        if used.contains(&name) || used.contains(&format!("{name}_code")) {
            name.push_str("_dim");
        }
        while used.contains(&name) || used.contains(&format!("{name}_code")) {
            name.push('_');
        }
        used.push(name.clone());
        used.push(format!("{name}_code"));
        names.push(name);
    }
    let time = table.time_dimension();
    for (i, d) in table.dimensions.iter().enumerate() {
        let labels: Vec<&str> = table
            .cells
            .iter()
            .map(|c| d.categories[c.coords[i] as usize].label.as_str())
            .collect();
        let codes: Vec<&str> = table
            .cells
            .iter()
            .map(|c| d.categories[c.coords[i] as usize].code.as_str())
            .collect();
        columns.set_item(&names[i], labels)?;
        columns.set_item(format!("{}_code", names[i]), codes)?;
    }
    if let Some(t) = time {
        let d = &table.dimensions[t];
        let periods: Vec<Option<String>> = table
            .cells
            .iter()
            .map(|c| {
                d.categories[c.coords[t] as usize]
                    .period
                    .map(|p| p.to_string())
            })
            .collect();
        columns.set_item("period", periods)?;
    }
    let values: Vec<f64> = table
        .cells
        .iter()
        .map(|c| c.value.unwrap_or(f64::NAN))
        .collect();
    columns.set_item("value", values.into_pyarray(py))?;
    let mut status = Vec::with_capacity(n);
    let mut unit = Vec::with_capacity(n);
    for c in &table.cells {
        status.push(table.effective_status(c).map(|s| s.name().to_string()));
        unit.push(table.effective_unit(c).map(str::to_string));
    }
    columns.set_item("status", status)?;
    columns.set_item(
        "symbol",
        table
            .cells
            .iter()
            .map(|c| c.symbol.clone())
            .collect::<Vec<_>>(),
    )?;
    columns.set_item(
        "note",
        table
            .cells
            .iter()
            .map(|c| c.note.clone())
            .collect::<Vec<_>>(),
    )?;
    columns.set_item("unit", unit)?;
    columns.set_item(
        "unit_multiplier",
        table
            .cells
            .iter()
            .map(|c| c.unit_multiplier)
            .collect::<Vec<_>>(),
    )?;
    columns.set_item(
        "location",
        table
            .cells
            .iter()
            .map(|c| c.location.as_str())
            .collect::<Vec<_>>(),
    )?;

    let m = &table.metadata;
    let dims: Vec<serde_json::Value> = table
        .dimensions
        .iter()
        .zip(&names)
        .map(|(d, name)| {
            serde_json::json!({"id": d.id, "column": name, "label": d.label,
                "role": d.role.name(), "size": d.categories.len(), "note": d.note})
        })
        .collect();
    let meta = serde_json::json!({
        "format": m.format.map(|f| f.name()), "file": m.file, "table_id": m.table_id,
        "title": m.title, "unit": m.unit, "unit_multiplier": m.unit_multiplier,
        "source": m.source, "last_updated": m.last_updated, "language": m.language,
        "languages": m.languages, "decimals": m.decimals, "notes": m.notes,
        "warnings": m.warnings, "dimensions": dims,
    });
    Ok((columns, to_python(py, &meta)?))
}
