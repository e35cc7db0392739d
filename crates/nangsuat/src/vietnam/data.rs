//! Data embedded in the crate, so examples run with no download.
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

/// Viet Nam's PWT 10.01 rows (1970–2019), parsed from [`PWT_VIETNAM_CSV`].
///
/// ```
/// let vn = nangsuat::vietnam::data::vietnam_pwt();
/// assert_eq!(vn.year.first(), Some(&1970));
/// assert_eq!(vn.year.last(), Some(&2019));
/// assert!(vn.labsh.iter().all(|v| v.is_nan())); // PWT has no labour share for Viet Nam
/// ```
pub fn vietnam_pwt() -> PwtCountry {
    parse_pwt_country(PWT_VIETNAM_CSV)
}

/// Parses a one-country PWT CSV whose fields contain no commas (the embedded extract).
/// An empty or unparsable field becomes NaN; the embedded file is checked field by field in
/// the tests.
fn parse_pwt_country(csv: &str) -> PwtCountry {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
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
    let numeric = [
        "rgdpna", "rnna", "rkna", "emp", "avh", "hc", "labsh", "delta", "cgdpo", "pop", "csh_i",
    ]
    .map(col);
    let (code_col, year_col) = (col("countrycode"), col("year"));
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        let field = |c: Option<usize>| c.and_then(|c| fields.get(c)).copied().unwrap_or("");
        let number = |c: Option<usize>| field(c).parse::<f64>().unwrap_or(f64::NAN);
        if out.countrycode.is_empty() {
            out.countrycode = field(code_col).to_string();
        }
        out.year.push(field(year_col).parse().unwrap_or(i32::MIN));
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
        for (target, c) in targets.into_iter().zip(numeric) {
            target.push(number(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_extract_is_complete() {
        let vn = vietnam_pwt();
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
}
