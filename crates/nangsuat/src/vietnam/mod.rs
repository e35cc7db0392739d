//! Viet Nam: the data, plans and observations this crate embeds for Viet Nam, and the
//! monitoring report built from them (the main job).
//!
//! * [`Vietnam`] — every embedded file, parsed once per process ([`Vietnam::get`]): the plans
//!   ([`plans`]), the observations (218 values from GSO/NSO, provincial statistics offices
//!   and the press, each with its page and evidence level), Viet Nam's rows of Penn World
//!   Table 10.01 and its peers' ([`data`]), and the display names of the places they name.
//! * [`report()`] — the monitoring report: every goal assessed, the growth-accounting history
//!   (PWT accounting beside GSO's published TFP shares, the annual accounting and the labour
//!   share's sensitivity, each computation run once) and the feasibility of the targets with
//!   the 2021–2025 scenario ([`scenario_2021_2025`]).
//! * [`territory`] — the 63 provinces, six regions and the 34 units of 2025, and matching of
//!   the names real files contain.
//!
//! This wing imports the generic wings (monitoring, report, accounting, plan); none of them
//! imports it, and no Viet Nam code or name is written anywhere else.
//!
//! ```
//! use nangsuat::report::Lang;
//! let vn = nangsuat::vietnam::Vietnam::get();
//! assert_eq!(vn.plans().len(), 5);
//! assert_eq!(vn.observations().len(), 218);
//! let report = nangsuat::vietnam::report()?;
//! assert!(report.to_markdown(Lang::Vi).contains("Việt Nam"));
//! # Ok::<(), nangsuat::Error>(())
//! ```

pub mod data;
pub mod plans;
mod report;
pub mod territory;

pub use report::{feasibility, history, report, report_with, scenario_2021_2025};

use crate::monitoring::assess::AssessOptions;
use crate::monitoring::feasibility::LevelSeries;
use crate::monitoring::observation::Observations;
use crate::plan::Plan;
use crate::report::{Place, Places};
use data::{PwtCountry, PwtPeer};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The code of the country's scope in plans and observations.
pub const SCOPE: &str = "viet_nam";

/// The embedded observations (CSV: `scope, indicator, year, value, unit, note, source_url,
/// evidence`).
pub const OBSERVATIONS_CSV: &str = include_str!("../../data/vietnam_observations.csv");

/// Scope names of the observations that mean a plan's scope: GSO's "national" is Viet Nam.
pub const SCOPE_ALIASES: [(&str, &str); 1] = [("national", SCOPE)];

/// Observation codes that measure a catalogue indicator under another name: GSO's annual
/// labour-productivity growth at constant prices is the catalogue's `lp_growth`.
pub const INDICATOR_ALIASES: [(&str, &str); 1] = [("lp_growth_const", "lp_growth")];

/// How many times each embedded file has been parsed in this process (plans, observations,
/// PWT extract, peers): by construction once, which a test checks.
static PARSES: AtomicUsize = AtomicUsize::new(0);

/// Everything embedded for Viet Nam, parsed once.
#[derive(Debug)]
pub struct Vietnam {
    plans: Vec<Plan>,
    observations: Observations,
    pwt: PwtCountry,
    peers: Vec<PwtPeer>,
    places: Places,
}

impl Vietnam {
    /// The embedded data, parsed on first use and shared afterwards.
    pub fn get() -> &'static Vietnam {
        static VIETNAM: OnceLock<Vietnam> = OnceLock::new();
        VIETNAM.get_or_init(|| {
            let fail = |what: &str, e: crate::Error| -> ! {
                unreachable!("the embedded {what} are checked by the tests: {e}")
            };
            PARSES.fetch_add(4, Ordering::Relaxed);
            Vietnam {
                plans: plans::parse().unwrap_or_else(|e| fail("plans", e)),
                observations: Observations::from_csv(OBSERVATIONS_CSV)
                    .unwrap_or_else(|e| fail("observations", e))
                    .renamed(&SCOPE_ALIASES, &INDICATOR_ALIASES),
                pwt: data::parse_pwt_country(data::PWT_VIETNAM_CSV)
                    .unwrap_or_else(|e| fail("PWT rows", e)),
                peers: data::parse_peers(data::PWT_PEERS_CSV)
                    .unwrap_or_else(|e| fail("peer rows", e)),
                places: places(),
            }
        })
    }

    /// The embedded plans.
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// The embedded observations (GSO's "national" read as [`SCOPE`]).
    pub fn observations(&self) -> &Observations {
        &self.observations
    }

    /// Viet Nam's rows of PWT 10.01.
    pub fn pwt(&self) -> &PwtCountry {
        &self.pwt
    }

    /// The peers' rows of PWT 10.01.
    pub fn peers(&self) -> &[PwtPeer] {
        &self.peers
    }

    /// Display names of the places the plans, observations and peers name.
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// The options the Viet Nam report assesses with: StatCan's method, ±5 % for "about", and
    /// relative targets ("higher than the national average") read against Viet Nam.
    pub fn assess_options(&self) -> AssessOptions {
        AssessOptions::default().with_reference_scope(SCOPE)
    }

    /// Viet Nam's labour productivity (PWT `rgdpna / emp`) up to `last_year`, as a level
    /// series for records.
    pub fn labour_productivity(&self, last_year: i32) -> LevelSeries {
        let n = self
            .pwt
            .year
            .iter()
            .take_while(|y| **y <= last_year)
            .count();
        let lp = self.pwt.rgdpna[..n]
            .iter()
            .zip(&self.pwt.emp[..n])
            .map(|(y, l)| y / l)
            .collect();
        LevelSeries::new(SCOPE, self.pwt.year[..n].to_vec(), lp)
            .unwrap_or_else(|e| unreachable!("columns of one file have one length: {e}"))
    }
}

/// The number of embedded files parsed so far in this process (4 once [`Vietnam::get`] has
/// run: plans, observations, PWT rows, peers).
pub fn files_parsed() -> usize {
    PARSES.load(Ordering::Relaxed)
}

fn places() -> Places {
    let names = [
        (SCOPE, "Việt Nam", "Viet Nam"),
        ("quang_ninh", "Quảng Ninh", "Quang Ninh"),
        ("thanh_hoa", "Thanh Hóa", "Thanh Hoa"),
        ("BRN", "Brunei", "Brunei"),
        ("CHN", "Trung Quốc", "China"),
        ("IDN", "Indonesia", "Indonesia"),
        ("IND", "Ấn Độ", "India"),
        ("JPN", "Nhật Bản", "Japan"),
        ("KHM", "Campuchia", "Cambodia"),
        ("KOR", "Hàn Quốc", "Korea"),
        ("LAO", "Lào", "Lao PDR"),
        ("MMR", "Myanmar", "Myanmar"),
        ("MYS", "Malaysia", "Malaysia"),
        ("PHL", "Philippines", "Philippines"),
        ("SGP", "Singapore", "Singapore"),
        ("THA", "Thái Lan", "Thailand"),
        ("TWN", "Đài Loan", "Taiwan"),
    ];
    names
        .into_iter()
        .map(|(code, vi, en)| (code.to_string(), Place::new(vi, en)))
        .collect()
}
