//! SDMX data: SDMX-ML 2.1 (structure-specific and generic) and SDMX-CSV 1.0 / 2.0.
//!
//! SDMX-ML 2.1 (SDMX 2.1 Technical Standards, Section 3B): elements are matched by local
//! name, so any namespace prefix works (`message:`, `ns1:`, none). Structure-specific data
//! carry the series key and attributes as XML attributes of `Series` and the observation's
//! as attributes of `Obs` (or flat `Obs` with every dimension); generic data use
//! `SeriesKey`/`ObsKey`/`ObsDimension`/`ObsValue`/`Attributes` with `id`/`value` pairs. The
//! observation dimension is the header's `dimensionAtObservation` (default `TIME_PERIOD`).
//!
//! Without the data structure definition a data message does not say which series
//! attributes are dimensions; the SDMX cross-domain attribute concepts (`UNIT_MULT`,
//! `BASE_PER`, `DECIMALS`, `OBS_STATUS`, `OBS_CONF`, `TIME_FORMAT`, `COMMENT`, `TITLE`, `UNIT`,
//! …) are read as attributes, everything else as a dimension. `UNIT_MULT` becomes each cell's
//! [`Cell::unit_multiplier`]; `UNIT`/`UNIT_MEASURE` attributes its unit; the other attributes
//! its note (`BASE_PER=2010`).
//!
//! Observation values are read as published, dirty or not: `519.4sb` → 519.4 preliminary,
//! `7 902.3` → 7902.3, `na` or `NaN` → missing not available, other text → missing
//! unreadable with the text kept. Never an error for the whole file, never a silent NaN.
//! `OBS_STATUS` codes (SDMX code list CL_OBS_STATUS): `E` estimate, `P` provisional, `F`
//! forecast, `A` normal (no status); on a missing value `M` not applicable, `L`/`O` not
//! available, `Q` confidential; other codes are kept as flags.
//!
//! SDMX-CSV: 1.0 (`DATAFLOW` first) and 2.0 (`STRUCTURE`, `STRUCTURE_ID`, optional `ACTION`):
//! the columns before `OBS_VALUE` are dimensions, those after it attributes; cells written
//! `CODE: Label` (the `labels=both` form) give code and label.

use std::collections::HashMap;

use encoding_rs::Encoding;

use super::symbols::{DecimalMark, parse_value, status_code};
use super::table::{Category, Cell, Dimension, Format, Metadata, MissingKind, Role, Status, Table};
use super::{ReadOptions, parse_error};
use crate::error::{Error, Result};

/// SDMX cross-domain concepts used as attributes (SDMX Content-Oriented Guidelines, Annex 1).
const ATTRIBUTES: &[&str] = &[
    "UNIT_MULT",
    "BASE_PER",
    "BASE_YEAR",
    "DECIMALS",
    "TIME_FORMAT",
    "TIME_PER_COLLECT",
    "OBS_STATUS",
    "OBS_CONF",
    "OBS_PRE_BREAK",
    "OBS_COM",
    "CONF_STATUS",
    "COMMENT",
    "COMMENT_OBS",
    "COMMENT_TS",
    "COMMENT_DSET",
    "TITLE",
    "TITLE_COMPL",
    "TITLE_TS",
    "NAT_TITLE",
    "UNIT",
    "UNIT_INDEX_BASE",
    "SOURCE_AGENCY",
    "SOURCE_PUB",
    "COLLECTION",
    "COMPILATION",
    "COVERAGE",
    "DOM_SER_IDS",
    "BREAKS",
    "EMBARGO_DATE",
    "PRE_BREAK_VALUE",
    "REF_PERIOD_DETAIL",
    "REF_YEAR_PRICE",
    "DATA_COMP",
    "PUBL_ECB",
    "PUBL_MU",
    "PUBL_PUBLIC",
];

fn is_attribute(id: &str) -> bool {
    ATTRIBUTES.contains(&id)
}

fn role_of(id: &str) -> Role {
    match id.to_ascii_uppercase().as_str() {
        "TIME_PERIOD" | "TIME" => Role::Time,
        "REF_AREA" | "GEO" | "COUNTRY" | "AREA" | "LOCATION" => Role::Geo,
        "INDICATOR" | "MEASURE" | "SUBJECT" | "SERIES" | "NA_ITEM" => Role::Metric,
        _ => Role::Other,
    }
}

/// Collects observations keyed by dimension codes into a tidy table.
pub(crate) struct Builder {
    ids: Vec<String>,
    cats: Vec<Vec<Category>>,
    index: Vec<HashMap<String, u32>>,
    cells: Vec<Cell>,
    /// Format and file for messages, and the file's length in bytes (the memory bound).
    format: &'static str,
    file: String,
    file_len: usize,
}

impl Builder {
    pub(crate) fn new(format: &'static str, file: &str, file_len: usize) -> Self {
        Builder {
            ids: Vec::new(),
            cats: Vec::new(),
            index: Vec::new(),
            cells: Vec::new(),
            format,
            file: file.to_string(),
            file_len,
        }
    }

    pub(crate) fn dim(&mut self, id: &str) -> usize {
        if let Some(p) = self.ids.iter().position(|x| x == id) {
            return p;
        }
        self.ids.push(id.to_string());
        self.cats.push(Vec::new());
        self.index.push(HashMap::new());
        self.ids.len() - 1
    }

    pub(crate) fn coord(&mut self, dim: usize, code: &str, label: &str) -> u32 {
        if let Some(&i) = self.index[dim].get(code) {
            return i;
        }
        let i = self.cats[dim].len() as u32;
        self.cats[dim].push(Category::new(code, label));
        self.index[dim].insert(code.to_string(), i);
        i
    }

    /// `keys`: (dimension id, code, label) for one cell.
    pub(crate) fn coords(&mut self, keys: &[(&str, &str, &str)]) -> Vec<u32> {
        let mut out = vec![u32::MAX; self.ids.len()];
        for (id, code, label) in keys {
            let d = self.dim(id);
            if out.len() < self.ids.len() {
                out.resize(self.ids.len(), u32::MAX);
            }
            out[d] = self.coord(d, code, label);
        }
        out
    }

    /// Adds a cell; every cell gets a coordinate for every dimension any cell has, so an
    /// error when those coordinates would take memory out of proportion to the file (each
    /// observation naming a dimension of its own).
    pub(crate) fn push(&mut self, cell: Cell) -> Result<()> {
        let (cells, dims) = (self.cells.len() + 1, self.ids.len());
        super::check_table_size(self.format, &self.file, self.file_len, cells, dims, || {
            format!("{cells} observations naming {dims} distinct dimensions")
        })?;
        self.cells.push(cell);
        Ok(())
    }

    /// Dimensions (time categories sorted by period) and cells.
    pub(crate) fn finish(mut self) -> (Vec<Dimension>, Vec<Cell>) {
        let n = self.ids.len();
        // Cells of series that lack a dimension: an empty category.
        let mut empty: Vec<Option<u32>> = vec![None; n];
        for c in &mut self.cells {
            c.coords.resize(n, u32::MAX);
            for (d, v) in c.coords.iter_mut().enumerate() {
                if *v == u32::MAX {
                    *v = *empty[d].get_or_insert_with(|| {
                        self.cats[d].push(Category::new("", ""));
                        (self.cats[d].len() - 1) as u32
                    });
                }
            }
        }
        let mut dims = Vec::with_capacity(n);
        for (d, (id, cats)) in self.ids.into_iter().zip(self.cats).enumerate() {
            let mut dim = Dimension::new(id.clone(), id.clone(), role_of(&id), cats);
            if dim.role == Role::Time || super::time_name(&id) {
                super::detect_time(&mut dim, true);
                if dim.role == Role::Time && dim.categories.iter().all(|c| c.period.is_some()) {
                    // Sort by period; remap the cells.
                    let mut order: Vec<u32> = (0..dim.categories.len() as u32).collect();
                    order.sort_by_key(|&i| dim.categories[i as usize].period);
                    let mut remap = vec![0u32; order.len()];
                    for (new, &old) in order.iter().enumerate() {
                        remap[old as usize] = new as u32;
                    }
                    let old = std::mem::take(&mut dim.categories);
                    dim.categories = order.iter().map(|&i| old[i as usize].clone()).collect();
                    for c in &mut self.cells {
                        c.coords[d] = remap[c.coords[d] as usize];
                    }
                }
            }
            dims.push(dim);
        }
        (dims, self.cells)
    }
}

/// Splits `CODE: Label` (SDMX-CSV `labels=both`).
fn code_label(s: &str) -> (&str, &str) {
    match s.split_once(": ") {
        Some((c, l)) if !c.is_empty() && !c.contains(' ') => (c, l),
        _ => (s, s),
    }
}

/// Status and symbol from an observation's value text and its `OBS_STATUS`/`OBS_CONF`.
fn observation(
    value: Option<&str>,
    obs_status: Option<&str>,
    obs_conf: Option<&str>,
    coords: Vec<u32>,
    location: String,
) -> Cell {
    let text = value.unwrap_or("");
    let p = parse_value(text, DecimalMark::Point);
    let code = obs_status.map(str::trim).filter(|s| !s.is_empty());
    let mut status = p.status.clone();
    let mut symbol = p.symbol.clone();
    if p.value.is_none() {
        // The status code says why it is missing.
        let kind = match code.map(|c| c.to_ascii_uppercase()).as_deref() {
            Some("M") => Some(MissingKind::NotApplicable),
            Some("L" | "O") => Some(MissingKind::NotAvailable),
            Some("Q") => Some(MissingKind::Confidential),
            _ => None,
        };
        let kind = match obs_conf.map(str::trim) {
            Some("C") => Some(MissingKind::Confidential),
            _ => kind,
        };
        if let Some(k) = kind
            && matches!(
                status,
                Some(Status::Missing(MissingKind::NotAvailable)) | None
            )
        {
            status = Some(Status::Missing(k));
            symbol = code.map(str::to_string).or(symbol);
        }
    } else if let Some(c) = code
        && status.is_none()
    {
        status = match c.to_ascii_uppercase().as_str() {
            "A" => None,
            _ => Some(status_code(c).unwrap_or_else(|| Status::Flag(c.to_string()))),
        };
        if status.is_some() {
            symbol = Some(c.to_string());
        }
    }
    Cell::new(coords, p.value, status, symbol, location)
}

fn unit_mult(s: &str) -> Option<i32> {
    s.trim()
        .parse::<i32>()
        .ok()
        .filter(|m| (-30..=30).contains(m))
}

/// Reads SDMX-ML 2.1 data (see the module docs).
///
/// # Errors
/// [`Error::Parse`] for bytes that are not well-formed XML (with line and column) or XML
/// without a `DataSet`.
///
/// ```
/// use nangsuat::ingest::{sdmx::parse_sdmx_ml, ReadOptions};
/// let xml = br#"<m:StructureSpecificData xmlns:m="urn:x"><m:DataSet>
///   <Series REF_AREA="VN" INDICATOR="GDP" UNIT_MULT="9">
///     <Obs TIME_PERIOD="2012-Q1" OBS_VALUE="519.4sb"/><Obs TIME_PERIOD="2012-Q2" OBS_VALUE="na"/>
///   </Series></m:DataSet></m:StructureSpecificData>"#;
/// let t = parse_sdmx_ml(xml, &ReadOptions::default())?;
/// assert_eq!(t.cells[0].value, Some(519.4));
/// assert_eq!(t.cells[0].unit_multiplier, Some(9));
/// assert!(t.cells[1].value.is_none());
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn parse_sdmx_ml(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let file = options.file();
    let text = decode_xml(bytes);
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .map_err(|e| {
        let pos = e.pos();
        Error::Parse {
            format: "SDMX-ML".into(),
            path: file.into(),
            line: Some(pos.row as usize),
            column: Some(pos.col as usize),
            message: format!("not well-formed XML: {e}"),
        }
    })?;
    let root = doc.root_element();
    let local = |n: &roxmltree::Node| n.tag_name().name().to_string();
    let mut obs_dim = "TIME_PERIOD".to_string();
    let mut metadata = Metadata {
        format: Some(Format::SdmxMl),
        file: options.name.clone(),
        ..Metadata::default()
    };
    for n in root.descendants().filter(|n| n.is_element()) {
        match local(&n).as_str() {
            "Structure" if n.attribute("dimensionAtObservation").is_some() => {
                if let Some(d) = n.attribute("dimensionAtObservation")
                    && d != "AllDimensions"
                {
                    obs_dim = d.to_string();
                }
                if metadata.table_id.is_none() {
                    metadata.table_id = n.attribute("structureID").map(str::to_string);
                }
            }
            "Ref" if metadata.table_id.is_none() || n.attribute("id").is_some() => {
                if let Some(id) = n.attribute("id") {
                    metadata.table_id = Some(id.to_string());
                }
            }
            "Source" => {
                if let Some(t) = n.text() {
                    metadata.source = Some(t.trim().to_string());
                }
            }
            "Prepared" => metadata.last_updated = n.text().map(|t| t.trim().to_string()),
            "Name"
                if metadata.title.is_none()
                    && n.parent_element()
                        .is_some_and(|p| p.tag_name().name() == "Header") =>
            {
                metadata.title = n.text().map(|t| t.trim().to_string())
            }
            "DataSet" => break,
            _ => {}
        }
    }
    let datasets: Vec<roxmltree::Node> = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "DataSet")
        .collect();
    if datasets.is_empty() {
        return Err(parse_error(
            "SDMX-ML",
            file,
            None,
            format!(
                "no DataSet element under `{}`: expected SDMX-ML 2.1 data (structure-specific or generic)",
                root.tag_name().name()
            ),
        ));
    }
    // Line starts, for "line L, column C" without rescanning the text for every element.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let pos_of = |n: &roxmltree::Node| {
        let at = n.range().start;
        let line = line_starts.partition_point(|&s| s <= at);
        let col = at - line_starts[line - 1] + 1;
        format!("line {line}, column {col}")
    };
    let mut b = Builder::new("SDMX-ML", file, bytes.len());
    let mut series_no = 0usize;
    for ds in datasets {
        for a in ds.attributes() {
            if a.namespace().is_none() {
                let note = format!("{}={}", a.name(), a.value());
                if !metadata.notes.contains(&note) {
                    metadata.notes.push(note);
                }
            }
        }
        for s in ds.children().filter(|n| n.is_element()) {
            match s.tag_name().name() {
                "Series" => {
                    series_no += 1;
                    let generic = s.children().any(|c| c.tag_name().name() == "SeriesKey");
                    let mut keys: Vec<(String, String)> = Vec::new();
                    let mut attrs: Vec<(String, String)> = Vec::new();
                    if generic {
                        for part in s.children().filter(|c| c.is_element()) {
                            let into = match part.tag_name().name() {
                                "SeriesKey" => &mut keys,
                                "Attributes" => &mut attrs,
                                _ => continue,
                            };
                            for v in part.children().filter(|c| c.tag_name().name() == "Value") {
                                if let (Some(id), Some(val)) =
                                    (v.attribute("id"), v.attribute("value"))
                                {
                                    into.push((id.to_string(), val.to_string()));
                                }
                            }
                        }
                    } else {
                        for a in s.attributes().filter(|a| a.namespace().is_none()) {
                            let pair = (a.name().to_string(), a.value().to_string());
                            if is_attribute(a.name()) {
                                attrs.push(pair);
                            } else {
                                keys.push(pair);
                            }
                        }
                    }
                    let mut obs_no = 0usize;
                    for o in s
                        .children()
                        .filter(|c| c.is_element() && c.tag_name().name() == "Obs")
                    {
                        obs_no += 1;
                        let loc =
                            format!("series {series_no}, observation {obs_no} ({})", pos_of(&o));
                        read_obs(&mut b, &o, generic, &keys, &attrs, &obs_dim, loc)?;
                    }
                }
                "Obs" => {
                    // Flat observations (dimensionAtObservation="AllDimensions").
                    series_no += 1;
                    let generic = s.children().any(|c| c.tag_name().name() == "ObsKey");
                    let loc = format!("observation {series_no} ({})", pos_of(&s));
                    read_obs(&mut b, &s, generic, &[], &[], &obs_dim, loc)?;
                }
                _ => {}
            }
        }
    }
    let (dimensions, cells) = b.finish();
    Table {
        metadata,
        dimensions,
        cells,
    }
    .with_unique_cells("SDMX-ML", file)
}

fn read_obs(
    b: &mut Builder,
    o: &roxmltree::Node,
    generic: bool,
    series_keys: &[(String, String)],
    series_attrs: &[(String, String)],
    obs_dim: &str,
    location: String,
) -> Result<()> {
    let mut keys: Vec<(String, String)> = series_keys.to_vec();
    let mut attrs: Vec<(String, String)> = series_attrs.to_vec();
    let mut value: Option<String> = None;
    if generic {
        for part in o.children().filter(|c| c.is_element()) {
            match part.tag_name().name() {
                "ObsDimension" => {
                    if let Some(v) = part.attribute("value") {
                        let id = part.attribute("id").unwrap_or(obs_dim);
                        keys.push((id.to_string(), v.to_string()));
                    }
                }
                "ObsValue" => value = part.attribute("value").map(str::to_string),
                "ObsKey" | "Attributes" => {
                    let into_keys = part.tag_name().name() == "ObsKey";
                    for v in part.children().filter(|c| c.tag_name().name() == "Value") {
                        if let (Some(id), Some(val)) = (v.attribute("id"), v.attribute("value")) {
                            let pair = (id.to_string(), val.to_string());
                            if into_keys {
                                keys.push(pair);
                            } else {
                                attrs.push(pair);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    } else {
        for a in o.attributes().filter(|a| a.namespace().is_none()) {
            let (id, v) = (a.name(), a.value());
            if id == "OBS_VALUE" {
                value = Some(v.to_string());
            } else if id == obs_dim || !is_attribute(id) {
                keys.push((id.to_string(), v.to_string()));
            } else {
                attrs.push((id.to_string(), v.to_string()));
            }
        }
    }
    let key_refs: Vec<(&str, &str, &str)> = keys
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str(), v.as_str()))
        .collect();
    let coords = b.coords(&key_refs);
    let get = |id: &str| {
        attrs
            .iter()
            .rev()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.as_str())
    };
    let mut cell = observation(
        value.as_deref(),
        get("OBS_STATUS"),
        get("OBS_CONF"),
        coords,
        location,
    );
    cell.unit_multiplier = get("UNIT_MULT").and_then(unit_mult);
    cell.unit = get("UNIT").or(get("UNIT_MEASURE")).map(str::to_string);
    let notes: Vec<String> = attrs
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "OBS_STATUS" | "OBS_CONF" | "UNIT_MULT" | "UNIT" | "UNIT_MEASURE"
            )
        })
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !notes.is_empty() {
        cell.note = Some(notes.join("; "));
    }
    b.push(cell)
}

/// XML text from bytes: UTF-8 (BOM or not), UTF-16 with a BOM, or the encoding the XML
/// declaration names.
fn decode_xml(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    // `encoding="label"` or `encoding='label'`; the text after `=` may be anything (it is
    // not UTF-8), so it is split on chars, never sliced at a byte offset.
    let enc = head
        .split_once("encoding=")
        .and_then(|(_, r)| {
            let q = r.chars().next().filter(|q| matches!(q, '"' | '\''))?;
            let (label, _) = r.strip_prefix(q)?.split_once(q)?;
            Some(label.trim().to_string())
        })
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Reads SDMX-CSV 1.0 or 2.0 (see the module docs).
///
/// # Errors
/// [`Error::Parse`] naming the line when the header has no `OBS_VALUE` column or a row has
/// another number of fields than the header.
///
/// ```
/// use nangsuat::ingest::{sdmx::parse_sdmx_csv, ReadOptions};
/// let csv = b"DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nIMF:X(1.0),VN,2023,7 902.3,E\n";
/// let t = parse_sdmx_csv(csv, &ReadOptions::default())?;
/// assert_eq!(t.cells[0].value, Some(7902.3));
/// assert_eq!(t.cells[0].status.as_ref().unwrap().name(), "estimate");
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn parse_sdmx_csv(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let file = options.file();
    let text = super::csv_table::decode_text(bytes);
    let delimiter = super::csv_table::sniff_delimiter(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(file, &e)),
        None => return Err(parse_error("SDMX-CSV", file, Some(1), "no header row")),
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let codes: Vec<&str> = header.iter().map(|h| code_label(h).0).collect();
    let first_upper = codes
        .first()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_default();
    let skip = match first_upper.as_str() {
        "DATAFLOW" => 1,
        "STRUCTURE" => {
            if codes
                .get(2)
                .is_some_and(|c| c.eq_ignore_ascii_case("ACTION"))
            {
                3
            } else {
                2
            }
        }
        _ => 0,
    };
    let Some(value_col) = codes
        .iter()
        .position(|c| c.eq_ignore_ascii_case("OBS_VALUE"))
    else {
        return Err(parse_error(
            "SDMX-CSV",
            file,
            Some(1),
            format!(
                "no OBS_VALUE column in the header ({}): expected the measure column",
                header.join(", ")
            ),
        ));
    };
    if value_col < skip {
        return Err(parse_error(
            "SDMX-CSV",
            file,
            Some(1),
            "OBS_VALUE comes before the structure columns",
        ));
    }
    let mut metadata = Metadata {
        format: Some(Format::SdmxCsv),
        file: options.name.clone(),
        ..Metadata::default()
    };
    let mut b = Builder::new("SDMX-CSV", file, bytes.len());
    for (i, rec) in records.enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| csv_error(file, &e))?;
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != header.len() {
            return Err(parse_error(
                "SDMX-CSV",
                file,
                Some(line),
                format!("{} fields but the header has {}", rec.len(), header.len()),
            ));
        }
        if skip > 0 && metadata.table_id.is_none() {
            metadata.table_id = rec.get(usize::from(skip > 1)).map(|s| s.to_string());
        }
        let keys: Vec<(&str, &str, &str)> = (skip..value_col)
            .map(|c| {
                let (code, label) = code_label(rec.get(c).unwrap_or(""));
                (codes[c], code, label)
            })
            .collect();
        let coords = b.coords(&keys);
        let attr = |id: &str| {
            (value_col + 1..header.len())
                .find(|&c| codes[c].eq_ignore_ascii_case(id))
                .and_then(|c| rec.get(c))
                .map(|v| code_label(v).0)
                .filter(|v| !v.is_empty())
        };
        let mut cell = observation(
            rec.get(value_col),
            attr("OBS_STATUS"),
            attr("OBS_CONF"),
            coords,
            format!("line {line}, column {}", value_col + 1),
        );
        cell.unit_multiplier = attr("UNIT_MULT").and_then(unit_mult);
        cell.unit = attr("UNIT").or(attr("UNIT_MEASURE")).map(str::to_string);
        let notes: Vec<String> = (value_col + 1..header.len())
            .filter(|&c| {
                !matches!(
                    codes[c].to_ascii_uppercase().as_str(),
                    "OBS_STATUS" | "OBS_CONF" | "UNIT_MULT" | "UNIT" | "UNIT_MEASURE"
                )
            })
            .filter_map(|c| {
                let v = rec.get(c)?.trim();
                (!v.is_empty()).then(|| format!("{}={v}", codes[c]))
            })
            .collect();
        if !notes.is_empty() {
            cell.note = Some(notes.join("; "));
        }
        b.push(cell)?;
    }
    let (mut dimensions, cells) = b.finish();
    // Header labels (`FREQ: Frequency`) name the dimensions.
    for d in &mut dimensions {
        if let Some(h) = header.iter().find(|h| code_label(h).0 == d.id) {
            d.label = code_label(h).1.to_string();
        }
    }
    Table {
        metadata,
        dimensions,
        cells,
    }
    .with_unique_cells("SDMX-CSV", file)
}

fn csv_error(file: &str, e: &csv::Error) -> Error {
    let line = e.position().map(|p| p.line() as usize);
    parse_error("SDMX-CSV", file, line, format!("not readable as CSV: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_data() {
        let xml = br#"<?xml version="1.0"?>
<mes:GenericData xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:gen="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
 <mes:Header><mes:Structure structureID="X" dimensionAtObservation="TIME_PERIOD"/></mes:Header>
 <mes:DataSet>
  <gen:Series>
   <gen:SeriesKey><gen:Value id="FREQ" value="Q"/><gen:Value id="REF_AREA" value="VN"/></gen:SeriesKey>
   <gen:Attributes><gen:Value id="UNIT_MULT" value="6"/></gen:Attributes>
   <gen:Obs><gen:ObsDimension value="2012-Q1"/><gen:ObsValue value="1 234.5"/>
     <gen:Attributes><gen:Value id="OBS_STATUS" value="P"/></gen:Attributes></gen:Obs>
   <gen:Obs><gen:ObsDimension value="2011-Q4"/><gen:ObsValue value="NaN"/>
     <gen:Attributes><gen:Value id="OBS_STATUS" value="M"/></gen:Attributes></gen:Obs>
  </gen:Series>
 </mes:DataSet>
</mes:GenericData>"#;
        let t = parse_sdmx_ml(xml, &ReadOptions::default()).unwrap();
        assert_eq!(t.dimensions.len(), 3);
        assert_eq!(t.value(&["Q", "VN", "2012-Q1"]), Some(1234.5));
        let c = t.cell(&["Q", "VN", "2012-Q1"]).unwrap();
        assert_eq!(c.status, Some(Status::Preliminary));
        assert_eq!(c.unit_multiplier, Some(6));
        let m = t.cell(&["Q", "VN", "2011-Q4"]).unwrap();
        assert_eq!(m.status, Some(Status::Missing(MissingKind::NotApplicable)));
        // Sorted by period.
        assert_eq!(t.dimensions[2].categories[0].code, "2011-Q4");
    }

    #[test]
    fn malformed_xml_names_the_position() {
        let e = parse_sdmx_ml(b"<a>\n<b></a>", &ReadOptions::default().name("x.xml")).unwrap_err();
        assert!(matches!(e, Error::Parse { line: Some(2), .. }), "{e:?}");
        let e = parse_sdmx_ml(b"<a/>", &ReadOptions::default()).unwrap_err();
        assert!(e.to_string().contains("no DataSet"), "{e}");
    }

    #[test]
    fn multibyte_char_after_encoding_is_a_parse_error_not_a_panic() {
        // Fuzzer input (fuzz/regressions/sdmx_ml/bom_after_encoding_not_utf8), minimised:
        // not UTF-8 (0xFF), so the declared encoding is looked for, and the character after
        // `encoding=` is a BOM (3 bytes), which was sliced at byte 1.
        let xml = b"<a encoding=\xEF\xBB\xBFT\xFF/>";
        let e = parse_sdmx_ml(xml, &ReadOptions::default().name("x.xml")).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Parse {
                    line: Some(1),
                    column: Some(_),
                    ..
                }
            ),
            "{e:?}"
        );
        // An unterminated or non-ASCII-quoted label falls back to Windows-1252.
        for xml in [
            &b"<a encoding=\"\xC3\xA9\xFF/>"[..],
            b"<a encoding=\xC3\xA9\xC3\xA9\xFF\"/>",
        ] {
            let e = parse_sdmx_ml(xml, &ReadOptions::default()).unwrap_err();
            assert!(matches!(e, Error::Parse { line: Some(1), .. }), "{e:?}");
        }
    }

    #[test]
    fn declared_encoding_of_non_utf8_xml() {
        // `encoding='…'` in single quotes; 0xE9 is é in ISO-8859-1.
        let xml = b"<?xml version='1.0' encoding='ISO-8859-1'?><m:D xmlns:m=\"urn:x\"><m:DataSet>\
            <Series REF_AREA=\"Bi\xE9n\"><Obs TIME_PERIOD=\"2020\" OBS_VALUE=\"1\"/></Series>\
            </m:DataSet></m:D>";
        let t = parse_sdmx_ml(xml, &ReadOptions::default()).unwrap();
        assert_eq!(t.value(&["Bi\u{e9}n", "2020"]), Some(1.0));
    }

    #[test]
    fn observations_each_naming_a_dimension_are_refused() {
        // Every observation names a dimension of its own, and every cell gets a coordinate
        // for every dimension: n² coordinates (~150 MB for 6000 observations, 200 KB).
        let n = 6000;
        let mut xml = String::from("<m:D xmlns:m=\"urn:x\"><m:DataSet>");
        for i in 0..n {
            xml += &format!("<Obs X{i}=\"a\" OBS_VALUE=\"1\"/>");
        }
        xml += "</m:DataSet></m:D>";
        let e = parse_sdmx_ml(xml.as_bytes(), &ReadOptions::default()).unwrap_err();
        assert!(e.to_string().contains("naming"), "{e}");
        assert!(e.to_string().contains("out of proportion"), "{e}");
        // Many observations over the same dimensions are fine.
        let mut xml = String::from("<m:D xmlns:m=\"urn:x\"><m:DataSet>");
        for i in 0..n {
            xml += &format!("<Obs A=\"{i}\" B=\"x\" OBS_VALUE=\"1\"/>");
        }
        xml += "</m:DataSet></m:D>";
        let t = parse_sdmx_ml(xml.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(t.cells.len(), n);
    }

    #[test]
    fn sdmx_csv_2_with_labels() {
        let csv = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ: Frequency,TIME_PERIOD: Time,OBS_VALUE,OBS_STATUS: Status\n\
                   dataflow,IMF:GDP(1.0),I,A: Annual,2023,519.4sb,\n\
                   dataflow,IMF:GDP(1.0),I,A: Annual,2024,,O: Missing\n";
        let t = parse_sdmx_csv(csv.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(t.dimensions[0].label, "Frequency");
        assert_eq!(t.dimensions[0].categories[0].label, "Annual");
        assert_eq!(t.cells[0].status, Some(Status::Preliminary));
        assert_eq!(
            t.cells[1].status,
            Some(Status::Missing(MissingKind::NotAvailable))
        );
        assert_eq!(t.metadata.table_id.as_deref(), Some("IMF:GDP(1.0)"));
        let e = parse_sdmx_csv(b"DATAFLOW,A\nx,1\n", &ReadOptions::default()).unwrap_err();
        assert!(e.to_string().contains("OBS_VALUE"), "{e}");
    }
}
