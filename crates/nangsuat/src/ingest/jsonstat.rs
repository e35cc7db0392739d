//! JSON-stat 1.x bundles and 2.0 datasets (json-stat.org, format versions 1.03 and 2.0).
//!
//! What is read:
//! * 2.0 datasets (`version`, `class: "dataset"`, `id`/`size`/`role` on the dataset),
//!   2.0 collections with embedded datasets, and 1.x responses: a bundle of named datasets
//!   with `id`/`size`/`role` inside `dimension` (what PX-Web writes; [`ReadOptions::sheet`]
//!   picks a dataset by name, the first otherwise).
//! * `category.index` as an array or an object of positions (PX-Web's positional keys
//!   `"0"`, `"1"`…), or absent (one category, or the order of `category.label`).
//! * `value` as an array or a sparse object keyed by position; `null` is missing; strings
//!   are read as published values (`".."`, `"519.4sb"`).
//! * `status` as one string (all cells), a one-element array (all cells), an array (one per
//!   cell) or an object keyed by position. A status on a cell with no value is its missing
//!   symbol; on a cell with a value, `e` is an estimate, `p` preliminary, `f` a forecast,
//!   anything else a flag kept verbatim.
//! * `category.unit` (label or symbol, `decimals`), `note` (dataset, dimension, category),
//!   `role` (`time`, `geo`, `metric`), `label`, `source`, `updated` (PX-Web's placeholder
//!   `9999-12-31…` is dropped with a warning).
//! * A UTF-8 byte-order mark and trailing NUL bytes (PX-Web) are ignored.

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::symbols::{DecimalMark, missing_kind, parse_value, status_code};
use super::table::{Category, Cell, Dimension, Format, Metadata, MissingKind, Role, Status, Table};
use super::{ReadOptions, check_table_size, detect_time, parse_error, sizes_text, time_name};
use crate::error::{Error, Result};

const FORMAT: &str = "JSON-stat";

/// A JSON object read with its keys in file order.
#[derive(Debug, Default)]
struct Ordered<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some((k, val)) = map.next_entry::<String, V>()? {
                    v.push((k, val));
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_map(V2(std::marker::PhantomData))
    }
}

impl<V> Ordered<V> {
    fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum Index {
    List(Vec<String>),
    Map(Ordered<f64>),
}

#[derive(Deserialize, Debug)]
struct RawCategory {
    index: Option<Index>,
    label: Option<Ordered<String>>,
    unit: Option<Ordered<Value>>,
    note: Option<Ordered<Value>>,
}

#[derive(Deserialize, Debug)]
struct RawDimension {
    label: Option<String>,
    category: RawCategory,
    note: Option<Value>,
}

/// Entries of `dimension`: a dimension, or (1.x) `id`, `size`, `role`.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum DimEntry {
    Dim(Box<RawDimension>),
    Strings(Vec<String>),
    Sizes(Vec<f64>),
    Role(Ordered<Vec<String>>),
    Other(IgnoredAny),
}

#[derive(Deserialize, Debug)]
struct RawDataset {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    id: Option<Vec<String>>,
    #[serde(default)]
    size: Option<Vec<f64>>,
    #[serde(default)]
    role: Option<Ordered<Vec<String>>>,
    dimension: Ordered<DimEntry>,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    status: Option<Value>,
    #[serde(default)]
    note: Option<Value>,
}

#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum Member {
    Dataset(Box<RawDataset>),
    Other(IgnoredAny),
}

#[derive(Deserialize, Debug)]
struct RawLink {
    item: Vec<Member>,
}

#[derive(Deserialize, Debug)]
struct RawCollection {
    link: RawLink,
}

/// Reads JSON-stat (see the module docs).
///
/// # Errors
/// [`Error::Parse`] for text that is not JSON (with its line and column), JSON that holds no
/// dataset, a dimension without categories, `id` and `size` of different lengths, or more
/// values than cells; [`Error::InvalidParameter`] for a dataset name the bundle lacks.
///
/// ```
/// use nangsuat::ingest::{jsonstat::parse_jsonstat, ReadOptions};
/// let j = br#"{"version":"2.0","class":"dataset","id":["t"],"size":[2],
///   "dimension":{"t":{"category":{"index":["2023","2024"]}}},
///   "value":[1.5,null],"status":["a",".."]}"#;
/// let t = parse_jsonstat(j, &ReadOptions::default())?;
/// assert_eq!(t.cells[0].value, Some(1.5));
/// assert_eq!(t.cells[1].symbol.as_deref(), Some(".."));
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn parse_jsonstat(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let file = options.file();
    let mut b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    while let Some((last, rest)) = b.split_last() {
        if *last == 0 || last.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    let json_err = |e: serde_json::Error| Error::Parse {
        format: FORMAT.into(),
        path: file.into(),
        line: Some(e.line()),
        column: Some(e.column()),
        message: format!("not valid JSON: {e}"),
    };
    // Check the JSON first so a syntax error is reported as such.
    let shape: Ordered<IgnoredAny> = serde_json::from_slice(b).map_err(json_err)?;
    let keys: Vec<&str> = shape.0.iter().map(|(k, _)| k.as_str()).collect();
    let mut datasets: Vec<(String, RawDataset)> = Vec::new();
    if keys.contains(&"dimension") {
        let d: RawDataset = serde_json::from_slice(b).map_err(|e| shape_err(file, &e))?;
        datasets.push((String::new(), d));
    } else if keys.contains(&"link") {
        let c: RawCollection = serde_json::from_slice(b).map_err(|e| shape_err(file, &e))?;
        for (i, m) in c.link.item.into_iter().enumerate() {
            if let Member::Dataset(d) = m {
                datasets.push(((i + 1).to_string(), *d));
            }
        }
    } else {
        let bundle: Ordered<Member> = serde_json::from_slice(b).map_err(|e| shape_err(file, &e))?;
        for (name, m) in bundle.0 {
            if let Member::Dataset(d) = m {
                datasets.push((name, *d));
            }
        }
    }
    if datasets.is_empty() {
        return Err(parse_error(
            FORMAT,
            file,
            None,
            "no dataset: expected an object with `dimension` and `value` (a 2.0 dataset, a \
             collection, or a 1.x bundle of datasets)",
        ));
    }
    let (name, ds) = match options.sheet.as_deref() {
        None => datasets.swap_remove(0),
        Some(want) => {
            let names: Vec<String> = datasets.iter().map(|(n, _)| n.clone()).collect();
            let pos = datasets
                .iter()
                .position(|(n, _)| n == want)
                .ok_or_else(|| {
                    Error::invalid_parameter(
                        "sheet",
                        format!(
                            "{file}: no dataset `{want}` (the file has: {})",
                            names.join(", ")
                        ),
                    )
                })?;
            datasets.swap_remove(pos)
        }
    };
    build(name, ds, options, bytes.len())
}

fn shape_err(file: &str, e: &serde_json::Error) -> Error {
    parse_error(
        FORMAT,
        file,
        Some(e.line()),
        format!("not a JSON-stat dataset: {e}"),
    )
}

fn note_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(note_text).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        _ => None,
    }
}

fn build(name: String, ds: RawDataset, options: &ReadOptions, file_len: usize) -> Result<Table> {
    let file = options.file();
    let err = |msg: String| parse_error(FORMAT, file, None, msg);
    // 2.0: id/size/role on the dataset; 1.x: inside `dimension`.
    let mut ids = ds.id.clone();
    let mut sizes = ds.size.clone();
    let mut role = ds.role;
    let mut dims_raw: Vec<(String, RawDimension)> = Vec::new();
    for (k, entry) in ds.dimension.0 {
        match (k.as_str(), entry) {
            ("id", DimEntry::Strings(v)) if ids.is_none() => ids = Some(v),
            ("size", DimEntry::Sizes(v)) if sizes.is_none() => sizes = Some(v),
            ("role", DimEntry::Role(r)) if role.is_none() => role = Some(r),
            (_, DimEntry::Dim(d)) => dims_raw.push((k, *d)),
            _ => {}
        }
    }
    let ids = ids.unwrap_or_else(|| dims_raw.iter().map(|(k, _)| k.clone()).collect());
    // Dimension ids are unique (a repeated key of `dimension` would otherwise be a second
    // dimension with the same name, multiplying the cells).
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    if let Some(dup) = ids.iter().find(|id| !seen.insert(id.as_str())) {
        return Err(err(format!(
            "dimension `{dup}` is given twice: expected each dimension id once"
        )));
    }
    if let Some(s) = &sizes
        && s.len() != ids.len()
    {
        return Err(err(format!(
            "`id` names {} dimensions but `size` gives {}",
            ids.len(),
            s.len()
        )));
    }
    let mut dims = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let Some(pos) = dims_raw.iter().position(|(k, _)| k == id) else {
            return Err(err(format!(
                "dimension `{id}` is listed in `id` but not described in `dimension`"
            )));
        };
        let (_, raw) = dims_raw.swap_remove(pos);
        let mut dim = dimension(id, raw, file)?;
        if let Some(s) = &sizes
            && s[i] as usize != dim.categories.len()
        {
            return Err(err(format!(
                "dimension `{id}` has {} categories but `size` says {}",
                dim.categories.len(),
                s[i]
            )));
        }
        if let Some(r) = &role {
            for (rname, members) in &r.0 {
                if members.iter().any(|m| m == id) {
                    dim.role = match rname.as_str() {
                        "time" => Role::Time,
                        "geo" => Role::Geo,
                        "metric" => Role::Metric,
                        _ => dim.role,
                    };
                }
            }
        }
        if dim.role == Role::Time {
            let before = dim.role;
            detect_time(&mut dim, true);
            dim.role = before;
        } else if dim.role == Role::Other {
            let hint = time_name(id) || time_name(&dim.label);
            detect_time(&mut dim, hint);
        }
        dims.push(dim);
    }
    let sizes: Vec<usize> = dims.iter().map(|d| d.categories.len()).collect();
    let Some(total) = sizes.iter().try_fold(1usize, |acc, &s| acc.checked_mul(s)) else {
        return Err(err(format!(
            "the dimensions ({}) describe more cells than can be counted",
            sizes_text(&sizes)
        )));
    };

    // Values and statuses by position, without a grid of the declared size: an array has
    // one entry per cell (so the file holds every cell), an object only the cells it names.
    let values = match &ds.value {
        Some(Value::Array(a)) => {
            if a.len() != total {
                return Err(err(format!(
                    "`value` has {} entries but the dimensions ({}) need {total}",
                    a.len(),
                    sizes_text(&sizes)
                )));
            }
            ByPosition::Dense(a.iter().map(Some).collect())
        }
        Some(Value::Object(o)) => {
            let mut m = std::collections::BTreeMap::new();
            for (k, v) in o {
                let i = position(k, total).ok_or_else(|| {
                    err(format!(
                        "`value` has key `{k}`: expected a cell position below {total}"
                    ))
                })?;
                m.insert(i, Some(v));
            }
            ByPosition::Sparse(m)
        }
        None | Some(Value::Null) => ByPosition::Sparse(Default::default()),
        Some(_) => return Err(err("`value` must be an array or an object".into())),
    };
    let statuses = status_by_position(ds.status.as_ref(), total, file)?;
    // Every position is a cell when the value array gives them all or one status is given
    // for all (a missing cell where the value is absent); otherwise only the positions that
    // have a value or a status.
    let broadcast = matches!(statuses, ByPosition::All(Some(_)));
    let every = broadcast || matches!(values, ByPosition::Dense(_));
    let positions: Vec<usize> = if every {
        Vec::new()
    } else {
        let mut p: Vec<usize> = values.keys().chain(statuses.keys()).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let count = if every { total } else { positions.len() };
    check_table_size(FORMAT, file, file_len, count, sizes.len(), || {
        if broadcast {
            format!(
                "one `status` for every cell of the dimensions ({})",
                sizes_text(&sizes)
            )
        } else {
            format!("the dimensions ({})", sizes_text(&sizes))
        }
    })?;
    let positions: Box<dyn Iterator<Item = usize>> = if every {
        Box::new(0..total)
    } else {
        Box::new(positions.into_iter())
    };

    let mut cells = Vec::with_capacity(count);
    let mut coords = vec![0u32; sizes.len()];
    for n in positions {
        // Row-major: the last dimension varies fastest.
        let mut rest = n;
        for d in (0..sizes.len()).rev() {
            coords[d] = (rest % sizes[d]) as u32;
            rest /= sizes[d];
        }
        let location = format!("value[{n}]");
        let status_text = statuses.get(n).flatten().map(String::as_str);
        let cell = match values.get(n).flatten() {
            Some(Value::Number(x)) => {
                let v = x.as_f64();
                let (status, symbol) = match status_text {
                    Some(s) => (
                        Some(status_code(s).unwrap_or_else(|| Status::Flag(s.to_string()))),
                        Some(s.to_string()),
                    ),
                    None => (None, None),
                };
                Cell::new(coords.clone(), v, status, symbol, location)
            }
            Some(Value::String(s)) => {
                let p = parse_value(s, DecimalMark::Point);
                let (status, symbol) = match (p.status, status_text) {
                    (Some(st), _) => (Some(st), p.symbol),
                    (None, Some(s)) => (
                        Some(status_code(s).unwrap_or_else(|| Status::Flag(s.to_string()))),
                        Some(s.to_string()),
                    ),
                    (None, None) => (None, None),
                };
                Cell::new(coords.clone(), p.value, status, symbol, location)
            }
            _ => {
                // null, absent or not a number: missing, with the status as its symbol.
                let kind = status_text
                    .and_then(missing_kind)
                    .unwrap_or(MissingKind::NotAvailable);
                Cell::new(
                    coords.clone(),
                    None,
                    Some(Status::Missing(kind)),
                    status_text.map(str::to_string),
                    location,
                )
            }
        };
        cells.push(cell);
    }

    let mut warnings = Vec::new();
    let updated = match ds.updated {
        Some(u) if u.starts_with("9999") => {
            warnings.push(format!(
                "`updated` is `{u}`, a placeholder, not a date: dropped"
            ));
            None
        }
        u => u,
    };
    let mut notes = Vec::new();
    if let Some(n) = ds.note.as_ref().and_then(note_text) {
        notes.push(n);
    }
    let metadata = Metadata {
        format: Some(Format::JsonStat),
        file: options.name.clone(),
        table_id: (!name.is_empty()).then_some(name),
        title: ds.label,
        source: ds.source,
        last_updated: updated,
        notes,
        warnings,
        language: None,
        ..Metadata::default()
    };
    let _ = (ds.version, ds.class);
    Table {
        metadata,
        dimensions: dims,
        cells,
    }
    .with_unique_cells(FORMAT, file)
}

fn position(key: &str, total: usize) -> Option<usize> {
    key.trim().parse::<usize>().ok().filter(|&i| i < total)
}

/// Entries by cell position: one for all cells, one per cell, or some cells.
enum ByPosition<T> {
    All(Option<T>),
    Dense(Vec<Option<T>>),
    Sparse(std::collections::BTreeMap<usize, Option<T>>),
}

impl<T> ByPosition<T> {
    fn get(&self, n: usize) -> Option<Option<&T>> {
        match self {
            ByPosition::All(v) => Some(v.as_ref()),
            ByPosition::Dense(v) => v.get(n).map(Option::as_ref),
            ByPosition::Sparse(m) => m.get(&n).map(Option::as_ref),
        }
    }

    /// The positions given one by one: an array's non-null entries, an object's keys.
    fn keys(&self) -> Box<dyn Iterator<Item = usize> + '_> {
        match self {
            ByPosition::All(_) => Box::new(std::iter::empty()),
            ByPosition::Dense(v) => Box::new(
                v.iter()
                    .enumerate()
                    .filter(|(_, e)| e.is_some())
                    .map(|(i, _)| i),
            ),
            ByPosition::Sparse(m) => Box::new(m.keys().copied()),
        }
    }
}

fn status_by_position(
    status: Option<&Value>,
    total: usize,
    file: &str,
) -> Result<ByPosition<String>> {
    // Empty strings are no status.
    let text = |v: &Value| match v {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    Ok(match status {
        None | Some(Value::Null) => ByPosition::Sparse(Default::default()),
        Some(s @ Value::String(_)) => ByPosition::All(text(s)),
        Some(Value::Array(a)) if a.len() == 1 => ByPosition::All(text(&a[0])),
        Some(Value::Array(a)) => {
            if a.len() != total {
                return Err(parse_error(
                    FORMAT,
                    file,
                    None,
                    format!(
                        "`status` has {} entries: expected one (for all cells) or {total}",
                        a.len()
                    ),
                ));
            }
            ByPosition::Dense(a.iter().map(text).collect())
        }
        Some(Value::Object(m)) => {
            let mut out = std::collections::BTreeMap::new();
            for (k, v) in m {
                let i = position(k, total).ok_or_else(|| {
                    parse_error(
                        FORMAT,
                        file,
                        None,
                        format!("`status` has key `{k}`: expected a cell position below {total}"),
                    )
                })?;
                if let Some(t) = text(v) {
                    out.insert(i, Some(t));
                }
            }
            ByPosition::Sparse(out)
        }
        Some(_) => {
            return Err(parse_error(
                FORMAT,
                file,
                None,
                "`status` must be a string, an array or an object",
            ));
        }
    })
}

fn dimension(id: &str, raw: RawDimension, file: &str) -> Result<Dimension> {
    let cat = raw.category;
    let codes: Vec<String> = match &cat.index {
        Some(Index::List(v)) => v.clone(),
        Some(Index::Map(m)) => {
            let mut v: Vec<Option<String>> = vec![None; m.0.len()];
            for (code, pos) in &m.0 {
                let p = *pos as usize;
                if pos.fract() != 0.0 || p >= v.len() || v[p].is_some() {
                    return Err(parse_error(
                        FORMAT,
                        file,
                        None,
                        format!(
                            "dimension `{id}`: category `{code}` has position {pos}; positions \
                             must be 0…{} without repeats",
                            m.0.len().saturating_sub(1)
                        ),
                    ));
                }
                v[p] = Some(code.clone());
            }
            v.into_iter().map(Option::unwrap_or_default).collect()
        }
        None => match &cat.label {
            Some(l) => l.0.iter().map(|(k, _)| k.clone()).collect(),
            None => Vec::new(),
        },
    };
    if codes.is_empty() {
        return Err(parse_error(
            FORMAT,
            file,
            None,
            format!(
                "dimension `{id}` has no categories: expected `category.index` or `category.label`"
            ),
        ));
    }
    let mut cats = Vec::with_capacity(codes.len());
    for code in codes {
        let label = cat
            .label
            .as_ref()
            .and_then(|l| l.get(&code))
            .cloned()
            .unwrap_or_else(|| code.clone());
        let mut c = Category::new(code.clone(), label);
        if let Some(u) = cat.unit.as_ref().and_then(|u| u.get(&code)) {
            c.unit = u
                .get("label")
                .or_else(|| u.get("symbol"))
                .and_then(Value::as_str)
                .map(str::to_string);
            c.decimals = u.get("decimals").and_then(Value::as_u64).map(|d| d as u32);
        }
        c.note = cat
            .note
            .as_ref()
            .and_then(|n| n.get(&code))
            .and_then(note_text);
        cats.push(c);
    }
    let mut d = Dimension::new(
        id,
        raw.label.unwrap_or_else(|| id.to_string()),
        if cat.unit.is_some() {
            Role::Metric
        } else {
            Role::Other
        },
        cats,
    );
    d.note = raw.note.as_ref().and_then(note_text);
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Table> {
        parse_jsonstat(s.as_bytes(), &ReadOptions::default().name("t.json"))
    }

    #[test]
    fn status_forms() {
        let base = r#"{"version":"2.0","class":"dataset","id":["a"],"size":[3],
            "dimension":{"a":{"category":{"index":{"x":0,"y":1,"z":2}}}},"value":[1,null,3],"#;
        let t = read(&format!("{base}\"status\":\"e\"}}")).unwrap();
        assert!(
            t.cells
                .iter()
                .filter(|c| c.value.is_some())
                .all(|c| c.status == Some(Status::Estimate))
        );
        let t = read(&format!("{base}\"status\":[\"p\"]}}")).unwrap();
        assert_eq!(t.cells[2].status, Some(Status::Preliminary));
        let t = read(&format!("{base}\"status\":[\"\",\"..\",\"x\"]}}")).unwrap();
        assert_eq!(t.cells[0].status, None);
        assert_eq!(t.cells[1].symbol.as_deref(), Some(".."));
        assert_eq!(t.cells[2].status, Some(Status::Flag("x".into())));
        let t = read(&format!("{base}\"status\":{{\"1\":\"-\"}}}}")).unwrap();
        assert_eq!(t.cells[1].status, Some(Status::Missing(MissingKind::Nil)));
        let e = read(&format!("{base}\"status\":[\"a\",\"b\"]}}")).unwrap_err();
        assert!(e.to_string().contains("expected one"), "{e}");
    }

    /// A dataset of `n` dimensions of two categories, with `rest` after `dimension`.
    fn binary_dims(n: usize, rest: &str) -> String {
        let ids: Vec<String> = (0..n).map(|i| format!("\"d{i}\"")).collect();
        let dims: Vec<String> = (0..n)
            .map(|i| format!("\"d{i}\":{{\"category\":{{\"index\":[\"a\",\"b\"]}}}}"))
            .collect();
        format!(
            "{{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[{}],\"dimension\":{{{}}}{rest}}}",
            ids.join(","),
            dims.join(",")
        )
    }

    #[test]
    fn repeated_dimension_id_is_an_error() {
        // Minimised from fuzz/regressions/jsonstat/repeated_dimension_ids_status_for_all: the
        // key `t` repeated in `dimension` (and no `id`) made one dimension per repetition,
        // and the status for all cells a cell for each of their 2^n positions.
        let e = read(
            r#"{"dimension":{"t":{"category":{"index":["a","b"]}},
                "t":{"category":{"index":["a","b"]}}},"status":["p"]}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("dimension `t` is given twice"),
            "{e}"
        );
        let e = read(
            r#"{"id":["t","t"],"size":[2,2],"dimension":{"t":{"category":{"index":["a","b"]}}},
                "value":[1,2,3,4]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn sparse_values_take_memory_for_the_values_given_only() {
        // 2^40 declared positions: the reader used to allocate a value, a flag and a status
        // for each (it refused above 5·10^8, after allocating up to that).
        let t = read(&binary_dims(
            40,
            r#","value":{"5":1.5,"1099511627775":2},"status":{"6":"x"}"#,
        ))
        .unwrap();
        assert_eq!(t.cells.len(), 3);
        let mut five = vec![0u32; 40];
        (five[37], five[39]) = (1, 1);
        assert_eq!(t.cells[0].coords, five);
        assert_eq!(t.cells[0].value, Some(1.5));
        assert_eq!(t.cells[1].location, "value[6]");
        assert_eq!(t.cells[1].symbol.as_deref(), Some("x"));
        assert_eq!(t.cells[2].coords, vec![1u32; 40]);
        assert_eq!(t.cells[2].value, Some(2.0));
        // No value at all: an empty table, not 2^40 empty positions.
        assert!(read(&binary_dims(40, "")).unwrap().cells.is_empty());
    }

    #[test]
    fn status_for_every_cell_of_an_absurd_grid_is_refused() {
        // One status for all cells means a (missing) cell at every position: 2^26 cells
        // from a 1 KB file is refused before any is built, naming the sizes and product.
        let e = read(&binary_dims(26, r#","value":{"5":1.5},"status":"p""#)).unwrap_err();
        let msg = e.to_string();
        assert!(matches!(e, Error::Parse { .. }), "{e:?}");
        assert!(msg.contains("one `status` for every cell"), "{msg}");
        assert!(msg.contains("2^26 = 67108864"), "{msg}");
        // A small grid still gets its missing cells.
        let t = read(&binary_dims(3, r#","value":{"5":1.5},"status":"p""#)).unwrap();
        assert_eq!(t.cells.len(), 8);
        // A product past usize is an error, not an overflow.
        let e = read(&binary_dims(70, r#","value":{}"#)).unwrap_err();
        assert!(
            e.to_string().contains("more cells than can be counted"),
            "{e}"
        );
    }

    #[test]
    fn sparse_values_and_bad_json() {
        let t = read(r#"{"version":"2.0","class":"dataset","id":["a","b"],"size":[2,2],
            "dimension":{"a":{"category":{"index":["1","2"]}},"b":{"category":{"label":{"u":"U","v":"V"}}}},
            "value":{"1":5,"3":7}}"#)
        .unwrap();
        assert_eq!(t.cells.len(), 2);
        assert_eq!(t.value(&["1", "v"]), Some(5.0));
        assert_eq!(t.value(&["2", "v"]), Some(7.0));
        let e = read("{\"a\": [1,}").unwrap_err();
        assert!(matches!(e, Error::Parse { line: Some(1), .. }), "{e:?}");
        let e = read("{\"a\": 1}").unwrap_err();
        assert!(e.to_string().contains("no dataset"), "{e}");
    }
}
