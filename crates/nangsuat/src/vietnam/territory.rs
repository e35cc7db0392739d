//! Viet Nam's territories: the 63 provinces and centrally-run cities (1 August 2008 – 30 June
//! 2025) with their official codes, the six statistical regions, the defunct Hà Tây, and the 34
//! provincial-level units of the 2025 reorganisation (National Assembly Resolution
//! 202/2025/QH15 of 12 June 2025; the new units' governments operate from 1 July 2025).
//!
//! The tables are embedded CSV files (`data/vn_provinces.csv`, `data/vn_regions.csv`,
//! `data/vn_units_2025.csv`) whose header comments cite each source and say what could not be
//! verified. Codes are the two-digit administrative codes of Decision 124/2004/QĐ-TTg as
//! amended, which GSO/NSO tables use.
//!
//! # Matching names from real files
//!
//! [`Matcher`] recognises a name as it appears in published tables: NFC or NFD, old or new tone
//! placement ("Hóa"/"Hoá"), no diacritics at all ("Thanh Hoa"), any case, leading, trailing or
//! doubled spaces, punctuation ("Thua Thien-Hue", "Ba Ria - Vung Tau"), the prefixes and
//! suffixes "Tỉnh", "Thành phố", "TP.", "City", "Province", "Trong đó:", a trailing footnote
//! mark ("(*)"), the listed aliases ("Huế", "Hanoi", "HCMC"), the region rows and the whole
//! country ("Red River Delta", "Đồng bằng sông Hồng", "WHOLE COUNTRY", "CẢ NƯỚC"), and defunct
//! units (Hà Tây, merged into Hà Nội in 2008). A name that matches nothing is an error naming the
//! file, the row and the closest candidates by edit distance.
//!
//! ```
//! use nangsuat::vietnam::territory::{Catalogue, Territory, Vintage};
//! let m = Catalogue::builtin().matcher(Vintage::Provinces63);
//! let t = m.resolve("Tỉnh Thanh Hoá", "E02.58.xlsx", 41)?;       // NFC, new tone placement
//! assert_eq!(t.id(), "thanh_hoa");
//! assert_eq!(m.resolve("Thua Thien-Hue", "f.csv", 2)?.id(), "hue");
//! assert!(matches!(m.resolve(" WHOLE COUNTRY", "f.json", 0)?, Territory::Nation(_)));
//! let err = m.resolve("Thanh Hao", "table.csv", 7).unwrap_err().to_string();
//! assert!(err.contains("table.csv, row 7") && err.contains("Thanh Hóa"), "{err}");
//!
//! // Older series mapped to the 2025 units, summed only where every part is present.
//! let cat = Catalogue::builtin();
//! assert_eq!(cat.unit_2025_of("24").unwrap().name_vi, "Bắc Ninh"); // Bắc Giang → Bắc Ninh
//! # Ok::<(), nangsuat::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::ingest::mapping::{Mapped, Mapping, ResolvedTerritory, TerritoryResolver};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const PROVINCES_CSV: &str = include_str!("../../data/vn_provinces.csv");
const REGIONS_CSV: &str = include_str!("../../data/vn_regions.csv");
const UNITS_2025_CSV: &str = include_str!("../../data/vn_units_2025.csv");

/// Whether a provincial-level unit is a province or a centrally-run city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// Tỉnh.
    Province,
    /// Thành phố trực thuộc trung ương (centrally-run city).
    City,
}

/// A province or centrally-run city of the 63 (1 August 2008 – 30 June 2025), or Hà Tây.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Province {
    /// Two-digit administrative code (Decision 124/2004/QĐ-TTg as amended), e.g. `"38"`.
    pub code: String,
    /// Stable identifier, ASCII snake case (`thanh_hoa`): the scope name of observations.
    pub id: String,
    /// Vietnamese name (NFC), without the Tỉnh/Thành phố prefix.
    pub name_vi: String,
    /// English name as NSO's English tables write it, without diacritics.
    pub name_en: String,
    /// Province or city.
    pub kind: UnitKind,
    /// Statistical region id (see [`Region`]).
    pub region: String,
    /// The 2025 unit it is part of from 1 July 2025 (see [`Unit2025`]).
    pub unit_2025: String,
    /// Last day of existence (ISO date), if it no longer exists as a unit.
    pub until: Option<String>,
    /// History worth knowing (boundary changes, renaming).
    pub note: String,
    /// Other spellings seen in published files.
    pub aliases: Vec<String>,
}

impl Province {
    /// Whether the unit ceased before 2025 (Hà Tây, merged into Hà Nội in 2008).
    pub fn is_defunct_before_2025(&self) -> bool {
        self.until.as_deref().is_some_and(|d| d < "2025")
    }
}

/// The whole country or one of GSO/NSO's six statistical regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Region {
    /// Stable identifier (`viet_nam`, `red_river_delta`…).
    pub id: String,
    /// Whether this is the nation rather than a region.
    pub nation: bool,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name as NSO's English tables write it.
    pub name_en: String,
    /// Other spellings.
    pub aliases: Vec<String>,
}

/// A provincial-level unit from the 2025 reorganisation (34 units from 1 July 2025).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unit2025 {
    /// Stable identifier: the old id for the 11 units that were not rearranged (`thanh_hoa`),
    /// else the name with `_2025` (`bac_ninh_2025`), so that a series of the old, smaller unit
    /// of the same name is never mistaken for the new one.
    pub id: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Province or city.
    pub kind: UnitKind,
    /// Codes of the pre-2025 units it was formed from.
    pub formed_from: Vec<String>,
    /// Code of the old unit holding the political-administrative centre, where verified.
    pub seat: Option<String>,
    /// Which sources state the composition (keys explained in `data/vn_units_2025.csv`), or
    /// `unverified`.
    pub verification: String,
}

/// Which set of provincial-level units a table uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Vintage {
    /// The 63 provinces and cities, 1 August 2008 – 30 June 2025 (every series up to 2024).
    Provinces63,
    /// The 34 units from 1 July 2025.
    Units34,
}

/// What a name in a table refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Territory<'c> {
    /// The whole country.
    Nation(&'c Region),
    /// A statistical region (an aggregate row).
    Region(&'c Region),
    /// One of the 63 provinces and cities.
    Province(&'c Province),
    /// A unit that no longer existed in the vintage asked for (Hà Tây, merged into Hà Nội in
    /// 2008): the caller decides whether to map its series to the successor.
    Defunct(&'c Province),
    /// One of the 34 units of 2025.
    Unit2025(&'c Unit2025),
}

impl Territory<'_> {
    /// The stable identifier (a scope name for observations).
    pub fn id(&self) -> &str {
        match self {
            Territory::Nation(r) | Territory::Region(r) => &r.id,
            Territory::Province(p) | Territory::Defunct(p) => &p.id,
            Territory::Unit2025(u) => &u.id,
        }
    }

    /// The Vietnamese name.
    pub fn name_vi(&self) -> &str {
        match self {
            Territory::Nation(r) | Territory::Region(r) => &r.name_vi,
            Territory::Province(p) | Territory::Defunct(p) => &p.name_vi,
            Territory::Unit2025(u) => &u.name_vi,
        }
    }

    /// Whether the row is an aggregate of provinces (the nation or a region).
    pub fn is_aggregate(&self) -> bool {
        matches!(self, Territory::Nation(_) | Territory::Region(_))
    }
}

/// The catalogue: provinces, regions and the 2025 units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    provinces: Vec<Province>,
    regions: Vec<Region>,
    units_2025: Vec<Unit2025>,
}

/// The sum of one 2025 unit from its old units' values (see [`Catalogue::aggregate_to_2025`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnitSum {
    /// The 2025 unit's id.
    pub unit: String,
    /// The sum over the old units, when every one of them has a value.
    pub value: Option<f64>,
    /// Codes of old units without a value (the reason `value` is `None`).
    pub missing: Vec<String>,
}

/// A check that parts add up to a published total (see [`check_sum`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SumCheck {
    /// The sum of the parts.
    pub sum: f64,
    /// The published total.
    pub total: f64,
    /// `sum − total`.
    pub difference: f64,
    /// Whether `|difference| ≤ tolerance`.
    pub within: bool,
}

/// Whether `parts` add up to `total` within `tolerance` (absolute, in the values' unit).
///
/// Published tables round each cell, so a fair tolerance is half a unit of the last digit
/// times the number of cells (e.g. `0.05 × (n + 1)` for values printed to one decimal).
pub fn check_sum(parts: &[f64], total: f64, tolerance: f64) -> SumCheck {
    let sum = crate::summation::sum(parts.iter().copied());
    let difference = sum - total;
    SumCheck {
        sum,
        total,
        difference,
        within: difference.abs() <= tolerance,
    }
}

static BUILTIN: OnceLock<Catalogue> = OnceLock::new();

fn parse_error(table: &str, line: Option<u64>, message: String) -> Error {
    Error::Parse {
        format: "csv".into(),
        path: format!("data/{table}"),
        line: line.map(|l| l as usize),
        column: None,
        message,
    }
}

/// A table's rows: the line each starts on, and its fields by column name.
type Rows = Vec<(Option<u64>, BTreeMap<String, String>)>;

fn read_table(table: &str, text: &str) -> Result<Rows> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| parse_error(table, None, e.to_string()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| parse_error(table, e.position().map(|p| p.line()), e.to_string()))?;
        let line = record.position().map(|p| p.line());
        let row = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.trim().to_string()))
            .collect();
        rows.push((line, row));
    }
    Ok(rows)
}

fn field(
    table: &str,
    line: Option<u64>,
    row: &BTreeMap<String, String>,
    name: &str,
) -> Result<String> {
    row.get(name)
        .cloned()
        .ok_or_else(|| parse_error(table, line, format!("no `{name}` column")))
}

fn kind(table: &str, line: Option<u64>, text: &str) -> Result<UnitKind> {
    match text {
        "province" => Ok(UnitKind::Province),
        "city" => Ok(UnitKind::City),
        other => Err(parse_error(
            table,
            line,
            format!("kind `{other}`: expected province or city"),
        )),
    }
}

fn list(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

impl Catalogue {
    /// The embedded catalogue.
    pub fn builtin() -> &'static Catalogue {
        BUILTIN.get_or_init(|| {
            Catalogue::from_csv(PROVINCES_CSV, REGIONS_CSV, UNITS_2025_CSV).unwrap_or_else(|e| {
                unreachable!("the embedded territory tables are checked by tests: {e}")
            })
        })
    }

    /// Reads a catalogue from the three tables (the layout of the embedded files), checking
    /// that every reference resolves: each province's region and 2025 unit exist, each 2025
    /// unit is formed from known codes, and every province of the 63 is in exactly one unit.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the table and line of a bad row or reference.
    pub fn from_csv(provinces: &str, regions: &str, units_2025: &str) -> Result<Catalogue> {
        let mut region_rows = Vec::new();
        for (line, row) in read_table("vn_regions.csv", regions)? {
            let t = "vn_regions.csv";
            let level = field(t, line, &row, "level")?;
            if level != "nation" && level != "region" {
                return Err(parse_error(
                    t,
                    line,
                    format!("level `{level}`: expected nation or region"),
                ));
            }
            region_rows.push(Region {
                id: field(t, line, &row, "slug")?,
                nation: level == "nation",
                name_vi: field(t, line, &row, "name_vi")?.nfc().collect(),
                name_en: field(t, line, &row, "name_en")?,
                aliases: list(&field(t, line, &row, "aliases")?),
            });
        }
        let mut province_rows = Vec::new();
        for (line, row) in read_table("vn_provinces.csv", provinces)? {
            let t = "vn_provinces.csv";
            let code = field(t, line, &row, "code")?;
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(parse_error(
                    t,
                    line,
                    format!("code `{code}`: two digits expected"),
                ));
            }
            let region = field(t, line, &row, "region")?;
            if !region_rows.iter().any(|r| r.id == region && !r.nation) {
                return Err(parse_error(t, line, format!("unknown region `{region}`")));
            }
            let until = field(t, line, &row, "until")?;
            province_rows.push(Province {
                code,
                id: field(t, line, &row, "slug")?,
                name_vi: field(t, line, &row, "name_vi")?.nfc().collect(),
                name_en: field(t, line, &row, "name_en")?,
                kind: kind(t, line, &field(t, line, &row, "kind")?)?,
                region,
                unit_2025: field(t, line, &row, "unit_2025")?,
                until: (!until.is_empty()).then_some(until),
                note: field(t, line, &row, "note")?,
                aliases: list(&field(t, line, &row, "aliases")?),
            });
        }
        let mut unit_rows = Vec::new();
        for (line, row) in read_table("vn_units_2025.csv", units_2025)? {
            let t = "vn_units_2025.csv";
            let formed_from = list(&field(t, line, &row, "formed_from")?);
            for code in &formed_from {
                if !province_rows.iter().any(|p| &p.code == code) {
                    return Err(parse_error(t, line, format!("unknown old code `{code}`")));
                }
            }
            let seat = field(t, line, &row, "seat")?;
            unit_rows.push(Unit2025 {
                id: field(t, line, &row, "id")?,
                name_vi: field(t, line, &row, "name_vi")?.nfc().collect(),
                name_en: field(t, line, &row, "name_en")?,
                kind: kind(t, line, &field(t, line, &row, "kind")?)?,
                formed_from,
                seat: (!seat.is_empty()).then_some(seat),
                verification: field(t, line, &row, "verification")?,
            });
        }
        for p in &province_rows {
            let in_units: Vec<&Unit2025> = unit_rows
                .iter()
                .filter(|u| u.formed_from.contains(&p.code))
                .collect();
            let expected = usize::from(!p.is_defunct_before_2025());
            if in_units.len() != expected
                || (expected == 1 && in_units[0].id != p.unit_2025)
                || !unit_rows.iter().any(|u| u.id == p.unit_2025)
            {
                return Err(parse_error(
                    "vn_units_2025.csv",
                    None,
                    format!(
                        "province {} ({}) must be in exactly {expected} unit (its unit_2025 is `{}`)",
                        p.code, p.name_vi, p.unit_2025
                    ),
                ));
            }
        }
        Ok(Catalogue {
            provinces: province_rows,
            regions: region_rows,
            units_2025: unit_rows,
        })
    }

    /// Every province in the table, Hà Tây included, in code order.
    pub fn all_provinces(&self) -> &[Province] {
        &self.provinces
    }

    /// The 63 provinces and cities of 1 August 2008 – 30 June 2025, in code order.
    pub fn provinces(&self) -> impl Iterator<Item = &Province> {
        self.provinces
            .iter()
            .filter(|p| !p.is_defunct_before_2025())
    }

    /// The nation and the six statistical regions.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The 34 units of 2025.
    pub fn units_2025(&self) -> &[Unit2025] {
        &self.units_2025
    }

    /// A province by its two-digit code.
    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    /// A province by its id (`thanh_hoa`).
    pub fn province_by_id(&self, id: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.id == id)
    }

    /// A 2025 unit by its id.
    pub fn unit_2025(&self, id: &str) -> Option<&Unit2025> {
        self.units_2025.iter().find(|u| u.id == id)
    }

    /// The 2025 unit an old province (by code) became part of; `None` for an unknown code or
    /// for Hà Tây (which had become part of Hà Nội in 2008: use Hà Nội's code).
    pub fn unit_2025_of(&self, code: &str) -> Option<&Unit2025> {
        self.units_2025
            .iter()
            .find(|u| u.formed_from.iter().any(|c| c == code))
    }

    /// The provinces of a statistical region (by id), among the 63.
    pub fn region_members(&self, region: &str) -> Vec<&Province> {
        self.provinces().filter(|p| p.region == region).collect()
    }

    /// A matcher of names for tables of the given vintage.
    pub fn matcher(&self, vintage: Vintage) -> Matcher<'_> {
        Matcher::new(self, vintage)
    }

    fn check_values<'v>(&self, values: &'v [(&'v str, f64)]) -> Result<BTreeMap<&'v str, f64>> {
        let mut by_code = BTreeMap::new();
        for &(code, value) in values {
            let province = self.province(code).ok_or_else(|| {
                Error::invalid_parameter(
                    "code",
                    format!("`{code}` is not a provincial code of Decision 124/2004/QĐ-TTg"),
                )
            })?;
            if province.is_defunct_before_2025() {
                return Err(Error::invalid_parameter(
                    "code",
                    format!(
                        "{code} ({}) ceased on {}: {}",
                        province.name_vi,
                        province.until.as_deref().unwrap_or("?"),
                        province.note
                    ),
                ));
            }
            if !value.is_finite() {
                return Err(Error::OutOfRange {
                    name: format!("value of {code} ({})", province.name_vi),
                    year: None,
                    value,
                    expected: "a finite number".into(),
                });
            }
            if by_code.insert(code, value).is_some() {
                return Err(Error::invalid_parameter(
                    "code",
                    format!("{code} ({}) is given twice", province.name_vi),
                ));
            }
        }
        Ok(by_code)
    }

    /// Sums values of the 63 provinces (by code) into the 34 units of 2025, for additive
    /// quantities only (GRDP at current prices, population, employment, investment — not
    /// ratios, indices or growth rates). A unit's sum exists only where every old unit it was
    /// formed from has a value; otherwise `value` is `None` and `missing` names the gaps.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown or repeated code or Hà Tây's code;
    /// [`Error::OutOfRange`] for a non-finite value.
    ///
    /// ```
    /// use nangsuat::vietnam::territory::Catalogue;
    /// let cat = Catalogue::builtin();
    /// let sums = cat.aggregate_to_2025(&[("24", 1841.6), ("27", 1419.1), ("22", 1337.6)])?;
    /// let bac_ninh = sums.iter().find(|s| s.unit == "bac_ninh_2025").unwrap();
    /// assert!((bac_ninh.value.unwrap() - 3260.7).abs() < 1e-9);
    /// let hai_phong = sums.iter().find(|s| s.unit == "hai_phong_2025").unwrap();
    /// assert_eq!((hai_phong.value, hai_phong.missing.len()), (None, 2));
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn aggregate_to_2025(&self, values: &[(&str, f64)]) -> Result<Vec<UnitSum>> {
        let by_code = self.check_values(values)?;
        Ok(self
            .units_2025
            .iter()
            .map(|u| {
                let missing: Vec<String> = u
                    .formed_from
                    .iter()
                    .filter(|c| !by_code.contains_key(c.as_str()))
                    .cloned()
                    .collect();
                let value = missing.is_empty().then(|| {
                    crate::summation::sum(u.formed_from.iter().map(|c| by_code[c.as_str()]))
                });
                UnitSum {
                    unit: u.id.clone(),
                    value,
                    missing,
                }
            })
            .collect())
    }

    /// Sums values of the 63 provinces into the six regions and the nation (ids as in
    /// [`Catalogue::regions`]), to check against a table's own region rows with
    /// [`check_sum`]. A sum exists only where every member has a value.
    ///
    /// # Errors
    /// As [`Catalogue::aggregate_to_2025`].
    pub fn aggregate_to_regions(&self, values: &[(&str, f64)]) -> Result<Vec<UnitSum>> {
        let by_code = self.check_values(values)?;
        Ok(self
            .regions
            .iter()
            .map(|r| {
                let members: Vec<&Province> = if r.nation {
                    self.provinces().collect()
                } else {
                    self.region_members(&r.id)
                };
                let missing: Vec<String> = members
                    .iter()
                    .filter(|p| !by_code.contains_key(p.code.as_str()))
                    .map(|p| p.code.clone())
                    .collect();
                let value = missing.is_empty().then(|| {
                    crate::summation::sum(members.iter().map(|p| by_code[p.code.as_str()]))
                });
                UnitSum {
                    unit: r.id.clone(),
                    value,
                    missing,
                }
            })
            .collect())
    }
}

/// The matching key of a name: decomposed (NFD) with the combining marks dropped (so NFC/NFD,
/// "Hóa"/"Hoá" and names without diacritics agree), đ → d, lower case, a trailing footnote
/// mark `(…)` or `*` removed, punctuation as spaces, the words "tỉnh", "thành phố", "tp",
/// "city", "province" and "trong đó" ("of which") removed at either end, and the remaining
/// words joined without spaces.
///
/// ```
/// use nangsuat::vietnam::territory::name_key;
/// assert_eq!(name_key("Thanh Hoá"), name_key("Thanh Hóa"));
/// assert_eq!(name_key("Thanh Hóa"), "thanhhoa");
/// assert_eq!(name_key("TP. Hồ Chí Minh"), name_key("Ho Chi Minh city"));
/// assert_eq!(name_key("  Thai  Nguyen "), "thainguyen");
/// ```
pub fn name_key(name: &str) -> String {
    let mut text = name.trim().trim_end_matches('*').trim_end().to_string();
    if text.ends_with(')')
        && let Some(open) = text.rfind('(')
        && open > 0
    {
        text.truncate(open);
    }
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    loop {
        let before = words.len();
        match words.as_slice() {
            ["trong", "do", ..] | ["thanh", "pho", ..] | ["city", "of", ..] => {
                words.drain(..2);
            }
            ["tinh" | "tp" | "city" | "province", _, ..] => {
                words.remove(0);
            }
            _ => {}
        }
        if let [.., _, "city" | "province" | "tinh"] = words.as_slice() {
            words.pop();
        }
        if words.len() == before {
            break;
        }
    }
    words.concat()
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Region(usize),
    Province(usize),
    Defunct(usize),
    Unit(usize),
    /// An old province name under the 34-unit vintage: not a unit any more.
    Former(usize),
}

/// Resolves names in tables to territories (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct Matcher<'c> {
    catalogue: &'c Catalogue,
    vintage: Vintage,
    index: BTreeMap<String, Entry>,
}

impl<'c> Matcher<'c> {
    fn new(catalogue: &'c Catalogue, vintage: Vintage) -> Self {
        let mut index = BTreeMap::new();
        let add = |names: Vec<&str>, entry: Entry, index: &mut BTreeMap<String, Entry>| {
            for n in names {
                index.entry(name_key(n)).or_insert(entry);
            }
        };
        for (i, r) in catalogue.regions.iter().enumerate() {
            let mut names = vec![r.name_vi.as_str(), r.name_en.as_str(), r.id.as_str()];
            names.extend(r.aliases.iter().map(String::as_str));
            add(names, Entry::Region(i), &mut index);
        }
        let province_names = |p: &'c Province| {
            let mut names = vec![p.name_vi.as_str(), p.name_en.as_str(), p.id.as_str()];
            names.extend(p.aliases.iter().map(String::as_str));
            names
        };
        match vintage {
            Vintage::Provinces63 => {
                for (i, p) in catalogue.provinces.iter().enumerate() {
                    let entry = if p.is_defunct_before_2025() {
                        Entry::Defunct(i)
                    } else {
                        Entry::Province(i)
                    };
                    add(province_names(p), entry, &mut index);
                }
            }
            Vintage::Units34 => {
                for (i, u) in catalogue.units_2025.iter().enumerate() {
                    let mut names = vec![u.name_vi.as_str(), u.name_en.as_str(), u.id.as_str()];
                    // A unit that was not rearranged keeps its old spellings (Thừa Thiên Huế).
                    if let [code] = u.formed_from.as_slice()
                        && let Some(p) = catalogue.province(code)
                    {
                        names.extend(province_names(p));
                    }
                    add(names, Entry::Unit(i), &mut index);
                }
                for (i, p) in catalogue.provinces.iter().enumerate() {
                    add(province_names(p), Entry::Former(i), &mut index);
                }
            }
        }
        Matcher {
            catalogue,
            vintage,
            index,
        }
    }

    /// The vintage this matcher resolves names in.
    pub fn vintage(&self) -> Vintage {
        self.vintage
    }

    fn territory(&self, entry: Entry) -> Option<Territory<'c>> {
        let c = self.catalogue;
        Some(match entry {
            Entry::Region(i) if c.regions[i].nation => Territory::Nation(&c.regions[i]),
            Entry::Region(i) => Territory::Region(&c.regions[i]),
            Entry::Province(i) => Territory::Province(&c.provinces[i]),
            Entry::Defunct(i) => Territory::Defunct(&c.provinces[i]),
            Entry::Unit(i) => Territory::Unit2025(&c.units_2025[i]),
            Entry::Former(_) => return None,
        })
    }

    /// The territory a name refers to, if any.
    pub fn find(&self, name: &str) -> Option<Territory<'c>> {
        self.index
            .get(&name_key(name))
            .and_then(|e| self.territory(*e))
    }

    /// The territory a name in `file` at `row` refers to.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the file, the row, the name as written and the three closest
    /// candidates by edit distance of the matching keys; under [`Vintage::Units34`], a pre-2025
    /// province merged into another unit is named as such, with its successor.
    pub fn resolve(&self, name: &str, file: &str, row: usize) -> Result<Territory<'c>> {
        self.resolve_at(name, &format!("{file}, row {row}"))
    }

    /// The territory a name at `place` (a file and cell, as it should appear in a message)
    /// refers to; errors as [`Matcher::resolve`].
    fn resolve_at(&self, name: &str, place: &str) -> Result<Territory<'c>> {
        let key = name_key(name);
        let error = |message: String| Error::Parse {
            format: "territory name".into(),
            path: place.to_string(),
            line: None,
            column: None,
            message,
        };
        match self.index.get(&key) {
            Some(&Entry::Former(i)) => {
                let p = &self.catalogue.provinces[i];
                let successor = self
                    .catalogue
                    .unit_2025(&p.unit_2025)
                    .map_or("?", |u| u.name_vi.as_str());
                Err(error(format!(
                    "`{name}` is {} ({}), a unit before 1 July 2025; from then it is part of {} \
                     (Resolution 202/2025/QH15): use the 63-province vintage for older series, \
                     or map them with Catalogue::aggregate_to_2025",
                    p.name_vi, p.code, successor
                )))
            }
            Some(&entry) => Ok(self
                .territory(entry)
                .unwrap_or_else(|| unreachable!("only Former entries have no territory"))),
            None => {
                let mut scored: Vec<(usize, String)> = Vec::new();
                for (k, entry) in &self.index {
                    let Some(t) = self.territory(*entry) else {
                        continue;
                    };
                    let label = format!("{} ({})", t.name_vi(), t.id());
                    let d = strsim::levenshtein(&key, k);
                    match scored.iter_mut().find(|(_, l)| *l == label) {
                        Some(s) if d < s.0 => s.0 = d,
                        Some(_) => {}
                        None => scored.push((d, label)),
                    }
                }
                scored.sort();
                let closest: Vec<String> = scored.into_iter().take(3).map(|s| s.1).collect();
                let what = match self.vintage {
                    Vintage::Provinces63 => "the 63 provinces and cities (before 1 July 2025)",
                    Vintage::Units34 => "the 34 provincial-level units (from 1 July 2025)",
                };
                Err(error(format!(
                    "`{name}` is not the whole country, a statistical region or one of {what}; \
                     closest: {}",
                    closest.join(", ")
                )))
            }
        }
    }
}

/// Viet Nam's catalogue resolves the territory labels of published tables for
/// [`crate::ingest::mapping`]: the nation and the regions by their ids (`viet_nam`,
/// `red_river_delta`), provinces by theirs; regions are marked so a mapping can leave them
/// out. A defunct unit (Hà Tây) keeps its own id.
impl TerritoryResolver for Matcher<'_> {
    fn resolve(
        &self,
        label: &str,
        _code: &str,
        file: &str,
        cell: &str,
    ) -> Result<ResolvedTerritory> {
        let t = self.resolve_at(label, &format!("{file}, cell {cell}"))?;
        Ok(ResolvedTerritory::new(
            t.id(),
            matches!(t, Territory::Region(_)),
        ))
    }
}

/// The matcher for a mapping's `territory.catalogue`: `provinces63` (the default) or
/// `units34`.
///
/// # Errors
/// [`Error::InvalidParameter`] for another name.
pub fn matcher_for(catalogue: Option<&str>) -> Result<Matcher<'static>> {
    let vintage = match catalogue.unwrap_or("provinces63") {
        "provinces63" => Vintage::Provinces63,
        "units34" => Vintage::Units34,
        other => {
            return Err(Error::InvalidParameter {
                name: "territory.catalogue".into(),
                reason: format!(
                    "`{other}` is not a territory catalogue: expected provinces63 (the 63 \
                     provinces before 1 July 2025) or units34 (the 34 units from then)"
                ),
            });
        }
    };
    Ok(Catalogue::builtin().matcher(vintage))
}

/// Observations from published files by a mapping, territory labels resolved in Viet Nam's
/// catalogue ([`matcher_for`] the mapping's `territory.catalogue`).
///
/// # Errors
/// As [`matcher_for`] and [`crate::ingest::mapping::map_files`].
pub fn map_files<P: AsRef<std::path::Path>>(paths: &[P], mapping: &Mapping) -> Result<Mapped> {
    let matcher = matcher_for(mapping.territory.catalogue.as_deref())?;
    crate::ingest::mapping::map_files(paths, mapping, Some(&matcher))
}

/// Observations from tables already read, as [`map_files`].
///
/// # Errors
/// As [`matcher_for`] and [`crate::ingest::mapping::map_tables`].
pub fn map_tables(tables: &[crate::ingest::Table], mapping: &Mapping) -> Result<Mapped> {
    let matcher = matcher_for(mapping.territory.catalogue.as_deref())?;
    crate::ingest::mapping::map_tables(tables, mapping, Some(&matcher))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn embedded_tables_are_complete() {
        let c = Catalogue::builtin();
        assert_eq!(c.provinces().count(), 63);
        assert_eq!(c.all_provinces().len(), 64);
        assert_eq!(c.units_2025().len(), 34);
        assert_eq!(c.regions().len(), 7);
        let cities = c.units_2025().iter().filter(|u| u.kind == UnitKind::City);
        assert_eq!(cities.count(), 6);
        let unchanged = c.units_2025().iter().filter(|u| u.formed_from.len() == 1);
        assert_eq!(unchanged.count(), 11);
        // 52 units formed 23 new ones.
        let merged: usize = c
            .units_2025()
            .iter()
            .filter(|u| u.formed_from.len() > 1)
            .map(|u| u.formed_from.len())
            .sum();
        assert_eq!(merged, 52);
        // GSO's regions: 11, 14, 14, 5, 6, 13 provinces.
        let sizes: Vec<usize> = c
            .regions()
            .iter()
            .filter(|r| !r.nation)
            .map(|r| c.region_members(&r.id).len())
            .collect();
        assert_eq!(sizes, vec![11, 14, 14, 5, 6, 13]);
        // Codes and ids are unique.
        let mut codes: Vec<&str> = c.all_provinces().iter().map(|p| p.code.as_str()).collect();
        codes.dedup();
        assert_eq!(codes.len(), 64);
        for u in c.units_2025() {
            assert!(u.name_vi.nfc().eq(u.name_vi.chars()));
        }
    }

    #[test]
    fn every_name_has_its_own_key() {
        // No two territories share a matching key in either vintage.
        let c = Catalogue::builtin();
        for vintage in [Vintage::Provinces63, Vintage::Units34] {
            let m = c.matcher(vintage);
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            let mut check = |name: &str, id: &str| {
                if let Some(prev) = seen.insert(name_key(name), id.to_string()) {
                    assert_eq!(prev, id, "{name} under {vintage:?}");
                }
            };
            for r in c.regions() {
                check(&r.name_vi, &r.id);
                check(&r.name_en, &r.id);
            }
            match vintage {
                Vintage::Provinces63 => {
                    for p in c.all_provinces() {
                        check(&p.name_vi, &p.id);
                        check(&p.name_en, &p.id);
                        for a in &p.aliases {
                            check(a, &p.id);
                        }
                        assert_eq!(m.find(&p.name_vi).unwrap().id(), p.id);
                        assert_eq!(m.find(&p.name_en).unwrap().id(), p.id);
                    }
                }
                Vintage::Units34 => {
                    for u in c.units_2025() {
                        check(&u.name_vi, &u.id);
                        assert_eq!(m.find(&u.name_vi).unwrap().id(), u.id);
                        assert_eq!(m.find(&u.name_en).unwrap().id(), u.id);
                    }
                }
            }
        }
    }

    #[test]
    fn spellings_of_real_files() {
        let m = Catalogue::builtin().matcher(Vintage::Provinces63);
        let nfd: String = "Thanh Hóa".nfd().collect();
        for (name, id) in [
            ("Thanh Hóa", "thanh_hoa"),
            ("Thanh Hoá", "thanh_hoa"),
            (nfd.as_str(), "thanh_hoa"),
            ("Tỉnh Thanh Hóa", "thanh_hoa"),
            ("THANH HOA", "thanh_hoa"),
            ("Khánh Hoà", "khanh_hoa"),
            ("Hòa Bình", "hoa_binh"),
            ("Hoà Bình", "hoa_binh"),
            ("Thua Thien-Hue", "hue"),
            ("Thừa Thiên - Huế", "hue"),
            ("Hue", "hue"),
            ("Thành phố Huế", "hue"),
            ("TP. Hồ Chí Minh", "ho_chi_minh"),
            ("Thành phố Hồ Chí Minh", "ho_chi_minh"),
            ("Ho Chi Minh city", "ho_chi_minh"),
            ("TP.HCM", "ho_chi_minh"),
            ("Ba Ria - Vung Tau", "ba_ria_vung_tau"),
            ("Bà Rịa–Vũng Tàu", "ba_ria_vung_tau"),
            ("  Thai  Nguyen", "thai_nguyen"),
            ("Bắc Kạn ", "bac_kan"),
            ("Bac Can", "bac_kan"),
            ("Đắk Lắk", "dak_lak"),
            ("Dak Lak", "dak_lak"),
            ("Đà Nẵng (*)", "da_nang"),
            ("Red River Delta", "red_river_delta"),
            ("Đồng bằng sông Hồng", "red_river_delta"),
            (
                "       Trong đó: Đồng bằng sông Cửu Long",
                "mekong_river_delta",
            ),
            (" WHOLE COUNTRY", "viet_nam"),
            ("CẢ NƯỚC ", "viet_nam"),
            ("Hanoi", "ha_noi"),
        ] {
            let t = m
                .resolve(name, "test", 1)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(t.id(), id, "{name}");
        }
        assert!(matches!(m.find("Ha Tay"), Some(Territory::Defunct(p)) if p.code == "28"));
        assert!(m.find("Hà Tây").is_some_and(|t| !t.is_aggregate()));
        assert!(m.find("CẢ NƯỚC").unwrap().is_aggregate());
    }

    #[test]
    fn unmatched_names_say_where_and_what_is_close() {
        let m = Catalogue::builtin().matcher(Vintage::Provinces63);
        let e = m.resolve("Quang Ngia", "E02.01.json", 38).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse);
        let msg = e.to_string();
        assert!(msg.contains("E02.01.json, row 38"), "{msg}");
        assert!(msg.contains("`Quang Ngia`"), "{msg}");
        assert!(msg.contains("Quảng Ngãi (quang_ngai)"), "{msg}");
        // Under the 2025 vintage an absorbed province is named with its successor.
        let m = Catalogue::builtin().matcher(Vintage::Units34);
        let msg = m.resolve("Bắc Giang", "f.xlsx", 9).unwrap_err().to_string();
        assert!(msg.contains("part of Bắc Ninh"), "{msg}");
        assert_eq!(m.resolve("Bắc Ninh", "f", 1).unwrap().id(), "bac_ninh_2025");
        assert_eq!(m.resolve("Thừa Thiên Huế", "f", 1).unwrap().id(), "hue");
        assert_eq!(m.resolve("Thanh Hoá", "f", 1).unwrap().id(), "thanh_hoa");
    }

    #[test]
    fn sums_exist_only_with_every_part() {
        let c = Catalogue::builtin();
        let values: Vec<(&str, f64)> = c.provinces().map(|p| (p.code.as_str(), 1.0)).collect();
        let units = c.aggregate_to_2025(&values).unwrap();
        let total: f64 = units.iter().map(|u| u.value.unwrap()).sum();
        assert_eq!(total, 63.0);
        let phu_tho = units.iter().find(|u| u.unit == "phu_tho_2025").unwrap();
        assert_eq!(phu_tho.value, Some(3.0));
        let regions = c.aggregate_to_regions(&values[1..]).unwrap();
        let rrd = regions
            .iter()
            .find(|r| r.unit == "red_river_delta")
            .unwrap();
        assert_eq!(
            (rrd.value, rrd.missing.clone()),
            (None, vec!["01".to_string()])
        );
        assert!(c.aggregate_to_2025(&[("28", 1.0)]).is_err());
        assert!(c.aggregate_to_2025(&[("99", 1.0)]).is_err());
        assert!(c.aggregate_to_2025(&[("01", 1.0), ("01", 2.0)]).is_err());
        assert!(c.aggregate_to_2025(&[("01", f64::NAN)]).is_err());
        let check = check_sum(&[1.04, 2.04], 3.0, 0.1);
        assert!(check.within && (check.difference - 0.08).abs() < 1e-12);
        assert!(!check_sum(&[1.0, 2.0], 3.5, 0.1).within);
    }

    #[test]
    fn bad_tables_are_parse_errors() {
        let e = Catalogue::from_csv(
            "code,slug,name_vi,name_en,kind,region,unit_2025,until,note,aliases\n1,x,X,X,province,r,u,,,\n",
            REGIONS_CSV,
            UNITS_2025_CSV,
        )
        .unwrap_err();
        assert!(e.to_string().contains("two digits"), "{e}");
        let e = Catalogue::from_csv(
            PROVINCES_CSV,
            REGIONS_CSV,
            "id,name_vi,name_en,kind,formed_from,seat,verification\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("exactly 1 unit"), "{e}");
    }
}
