//! Data embedded in the crate, so examples run with no download. Each file is parsed once per
//! process, by [`crate::vietnam::Vietnam::get`].
//!
//! **Penn World Table 10.01, Viet Nam extract (1970–2019).** Feenstra, Robert C., Robert
//! Inklaar and Marcel P. Timmer (2015), "The Next Generation of the Penn World Table",
//! *American Economic Review* 105(10), 3150–3182, www.ggdc.net/pwt; Groningen Growth and
//! Development Centre (2023), PWT 10.01, doi:10.34894/QT5BCC. Licence: Creative Commons
//! Attribution 4.0 (CC BY 4.0). Taken from the data of the CRAN package pwt10 (10.01-0).
//!
//! Quirks the data carries, as published: PWT has no labour share (`labsh`), no capital
//! services (`rkna`) and no TFP for Viet Nam; employment falls from 54.07 (2018) to 50.40
//! million (2019), a source break; average hours are carried forward unchanged 2017–2019.

use crate::error::{Error, Result};
use crate::monitoring::feasibility::LevelSeries;
use crate::monitoring::observation::csv_failure;

/// The Viet Nam rows of PWT 10.01 as shipped (CSV, PWT column names).
pub const PWT_VIETNAM_CSV: &str = include_str!("../../data/pwt1001_vnm.csv");

/// Citation for [`PWT_VIETNAM_CSV`].
pub const PWT_CITATION: &str = "Feenstra, Inklaar & Timmer (2015), \"The Next Generation of the \
Penn World Table\", AER 105(10), 3150-3182; GGDC (2023), Penn World Table 10.01, \
doi:10.34894/QT5BCC; licence CC BY 4.0";

/// The default labour share for Viet Nam, a stated assumption: **0.48**.
///
/// PWT publishes no labour share for Viet Nam. This is the median, over the ASEAN members and
/// China that PWT 10.01 covers with a labour share (CHN, IDN, LAO, MYS, PHL, THA), of each
/// country's mean `labsh` over 2010–2019 (0.476, rounded to two decimals). A test recomputes
/// it from PWT. TFP shares move with this assumption: report them with a sensitivity (the
/// `vietnam` example shows 0.35–0.65).
pub const VIETNAM_DEFAULT_LABOUR_SHARE: f64 = 0.48;

/// The countries whose PWT labour shares set [`VIETNAM_DEFAULT_LABOUR_SHARE`].
pub const VIETNAM_LABOUR_SHARE_PEERS: [&str; 6] = ["CHN", "IDN", "LAO", "MYS", "PHL", "THA"];

/// PWT 10.01 columns for one country, one entry per year; NaN where PWT has no value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PwtCountry {
    /// ISO code.
    pub countrycode: String,
    /// Years.
    pub year: Vec<i32>,
    /// Real GDP at constant 2017 national prices (million 2017 US$).
    pub rgdpna: Vec<f64>,
    /// Capital stock at constant 2017 national prices (million 2017 US$).
    pub rnna: Vec<f64>,
    /// Capital services at constant national prices, 2017 = 1 (absent for Viet Nam).
    pub rkna: Vec<f64>,
    /// Persons engaged (millions).
    pub emp: Vec<f64>,
    /// Average annual hours worked by persons engaged.
    pub avh: Vec<f64>,
    /// Human-capital index.
    pub hc: Vec<f64>,
    /// Share of labour compensation in GDP (absent for Viet Nam).
    pub labsh: Vec<f64>,
    /// Average depreciation rate of the capital stock.
    pub delta: Vec<f64>,
    /// Output-side real GDP at current PPPs (million 2017 US$).
    pub cgdpo: Vec<f64>,
    /// Population (millions).
    pub pop: Vec<f64>,
    /// Share of gross capital formation at current PPPs.
    pub csh_i: Vec<f64>,
}

/// Viet Nam's PWT 10.01 rows (1970–2019), parsed from [`PWT_VIETNAM_CSV`] once per process
/// (see [`crate::vietnam::Vietnam`]).
///
/// ```
/// let vn = nangsuat::vietnam::data::vietnam_pwt();
/// assert_eq!(vn.year.first(), Some(&1970));
/// assert_eq!(vn.year.last(), Some(&2019));
/// assert!(vn.labsh.iter().all(|v| v.is_nan())); // PWT has no labour share for Viet Nam
/// ```
pub fn vietnam_pwt() -> &'static PwtCountry {
    crate::vietnam::Vietnam::get().pwt()
}

/// The embedded extract of Viet Nam's peers in PWT 10.01 (ASEAN members in PWT, China, Korea,
/// Japan, Taiwan, India): `countrycode, year, rgdpna, emp, rtfpna`.
pub const PWT_PEERS_CSV: &str = include_str!("../../data/pwt1001_peers.csv");

/// PWT 10.01 columns of one of Viet Nam's peers, one entry per year; NaN where PWT has none.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PwtPeer {
    /// ISO code.
    pub countrycode: String,
    /// Years.
    pub year: Vec<i32>,
    /// Real GDP at constant 2017 national prices.
    pub rgdpna: Vec<f64>,
    /// Persons engaged (millions).
    pub emp: Vec<f64>,
    /// TFP at constant national prices (2017 = 1).
    pub rtfpna: Vec<f64>,
}

/// Reads a numeric CSV field: empty → NaN (PWT's missing value); anything else must parse.
fn number(field: &str, column: &str, line: usize, path: &str) -> Result<f64> {
    if field.trim().is_empty() {
        return Ok(f64::NAN);
    }
    field.trim().parse().map_err(|_| Error::Parse {
        format: "csv".into(),
        path: path.into(),
        line: Some(line),
        column: None,
        message: format!("`{column}` = `{field}` is not a number"),
    })
}

/// The columns of a CSV header, by name.
fn columns(header: &csv::StringRecord, names: &[&str], path: &str) -> Result<Vec<usize>> {
    names
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h == *name)
                .ok_or_else(|| Error::Parse {
                    format: "csv".into(),
                    path: path.into(),
                    line: Some(1),
                    column: None,
                    message: format!("no column `{name}`"),
                })
        })
        .collect()
}

/// Parses a one-country PWT CSV (the embedded extract), with the `csv` crate.
///
/// # Errors
/// [`Error::Parse`] naming the line and column of a field that is not a number, or a missing
/// column.
pub(crate) fn parse_pwt_country(text: &str) -> Result<PwtCountry> {
    const PATH: &str = "pwt1001_vnm.csv";
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_failure(&e, PATH))?.clone();
    let names = [
        "countrycode",
        "year",
        "rgdpna",
        "rnna",
        "rkna",
        "emp",
        "avh",
        "hc",
        "labsh",
        "delta",
        "cgdpo",
        "pop",
        "csh_i",
    ];
    let cols = columns(&header, &names, PATH)?;
    let mut out = PwtCountry {
        countrycode: String::new(),
        year: Vec::new(),
        rgdpna: Vec::new(),
        rnna: Vec::new(),
        rkna: Vec::new(),
        emp: Vec::new(),
        avh: Vec::new(),
        hc: Vec::new(),
        labsh: Vec::new(),
        delta: Vec::new(),
        cgdpo: Vec::new(),
        pop: Vec::new(),
        csh_i: Vec::new(),
    };
    for record in reader.records() {
        let record = record.map_err(|e| csv_failure(&e, PATH))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |k: usize| record.get(cols[k]).unwrap_or_default();
        if out.countrycode.is_empty() {
            out.countrycode = field(0).to_string();
        }
        let year = number(field(1), "year", line, PATH)?;
        out.year.push(year as i32);
        let targets = [
            &mut out.rgdpna,
            &mut out.rnna,
            &mut out.rkna,
            &mut out.emp,
            &mut out.avh,
            &mut out.hc,
            &mut out.labsh,
            &mut out.delta,
            &mut out.cgdpo,
            &mut out.pop,
            &mut out.csh_i,
        ];
        for (k, target) in targets.into_iter().enumerate() {
            target.push(number(field(k + 2), names[k + 2], line, PATH)?);
        }
    }
    Ok(out)
}

/// Parses the peers' extract, one [`PwtPeer`] per country in file order.
///
/// # Errors
/// As [`parse_pwt_country`].
pub(crate) fn parse_peers(text: &str) -> Result<Vec<PwtPeer>> {
    const PATH: &str = "pwt1001_peers.csv";
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_failure(&e, PATH))?.clone();
    let names = ["countrycode", "year", "rgdpna", "emp", "rtfpna"];
    let cols = columns(&header, &names, PATH)?;
    let mut out: Vec<PwtPeer> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_failure(&e, PATH))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |k: usize| record.get(cols[k]).unwrap_or_default();
        let code = field(0);
        if out.last().is_none_or(|p| p.countrycode != code) {
            out.push(PwtPeer {
                countrycode: code.to_string(),
                year: Vec::new(),
                rgdpna: Vec::new(),
                emp: Vec::new(),
                rtfpna: Vec::new(),
            });
        }
        if let Some(p) = out.last_mut() {
            p.year.push(number(field(1), "year", line, PATH)? as i32);
            p.rgdpna.push(number(field(2), "rgdpna", line, PATH)?);
            p.emp.push(number(field(3), "emp", line, PATH)?);
            p.rtfpna.push(number(field(4), "rtfpna", line, PATH)?);
        }
    }
    Ok(out)
}

impl PwtPeer {
    /// Labour productivity `rgdpna / emp` as a level series for records.
    pub fn labour_productivity(&self) -> LevelSeries {
        let lp = self
            .rgdpna
            .iter()
            .zip(&self.emp)
            .map(|(y, l)| y / l)
            .collect();
        LevelSeries::new(self.countrycode.clone(), self.year.clone(), lp)
            .unwrap_or_else(|e| unreachable!("columns of one file have one length: {e}"))
    }

    /// PWT's TFP (`rtfpna`) as a level series for records.
    pub fn tfp(&self) -> LevelSeries {
        LevelSeries::new(
            self.countrycode.clone(),
            self.year.clone(),
            self.rtfpna.clone(),
        )
        .unwrap_or_else(|e| unreachable!("columns of one file have one length: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_extract_is_complete() {
        let vn = vietnam_pwt();
        // The shared value is the file as parsed (NaN marks missing cells, so compare text).
        let fresh = parse_pwt_country(PWT_VIETNAM_CSV).unwrap();
        assert_eq!(format!("{vn:?}"), format!("{fresh:?}"));
        assert_eq!(vn.countrycode, "VNM");
        assert_eq!(vn.year, (1970..=2019).collect::<Vec<_>>());
        for (name, col) in [
            ("rgdpna", &vn.rgdpna),
            ("rnna", &vn.rnna),
            ("emp", &vn.emp),
            ("avh", &vn.avh),
            ("hc", &vn.hc),
            ("cgdpo", &vn.cgdpo),
            ("pop", &vn.pop),
        ] {
            assert!(col.iter().all(|v| v.is_finite() && *v > 0.0), "{name}");
        }
        assert!(vn.rkna.iter().all(|v| v.is_nan()));
        // spot values as published
        assert_eq!(vn.rgdpna[0], 42713.88672);
        assert_eq!(vn.emp[49], 50.39956284);
        assert_eq!(vn.avh[47], vn.avh[49]);
    }

    #[test]
    fn peers_extract_and_bad_fields() {
        let peers = parse_peers(PWT_PEERS_CSV).unwrap();
        assert_eq!(peers.len(), 14);
        assert!(peers.iter().any(|p| p.countrycode == "CHN"));
        let e = parse_peers("countrycode,year,rgdpna,emp,rtfpna\nX,2000,1.0,abc,\n").unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("abc"),
            "{e}"
        );
        let e = parse_peers("countrycode,year,rgdpna\n").unwrap_err();
        assert!(e.to_string().contains("no column `emp`"), "{e}");
    }
}
