//! Production functions estimated from firm panels, and the decomposition of aggregate
//! productivity.
//!
//! * [`ProductionFunction`] — pooled OLS and fixed effects (references), Olley & Pakes (1996),
//!   Levinsohn & Petrin (2003), Ackerberg, Caves & Frazer (2015) and Wooldridge (2009) on a
//!   [`FirmPanel`] (unbalanced, with entry and exit), value added or gross output,
//!   Cobb–Douglas or translog, with controls; firm-level bootstrap standard errors (parallel
//!   with feature `rayon`, identical without it) and Wooldridge's analytic GMM variance.
//! * [`decomposition`] — Olley–Pakes static and Melitz–Polanec dynamic decompositions.
//!
//! Where the papers leave a choice open this module follows prodest (Rovigatti & Mollisi
//! 2018, *Stata Journal* 18(3)): variables in logs, a full polynomial of degree 3 in the first
//! stage, the instruments `k_t` and `l_t−1` (translog terms: the products of those), TFP as
//! `y − Σ β x` (in logs). Our own choices, documented where they are made: the OP/LP/ACF
//! second stage is solved by Levenberg–Marquardt-damped Gauss–Newton on the moments, with
//! prodest's Nelder–Mead only as the fallback; the estimate among several roots follows the
//! rule of [`Optimisation`]; the law of motion is a polynomial of degree 3 in
//! `ω_t−1` by default ([`ProductionFunction::law_of_motion_degree`]); the GMM weighting
//! matrix is the inverse of the instruments' second-moment matrix (one step; for OP, LP and
//! ACF of the centred instruments, which makes the criterion independent of units).
//!
//! # Examples
//! ```
//! use nangsuat::estimation::{FirmPanel, Method, ProductionFunction};
//! // A tiny deterministic panel: y = 0.6 l + 0.3 k + ω with ω following the firm.
//! let (mut firm, mut year, mut y, mut l, mut k, mut m) =
//!     (vec![], vec![], vec![], vec![], vec![], vec![]);
//! for f in 0..40 {
//!     for t in 0..5 {
//!         let w = 0.1 * ((f * 7 + t * 3) % 11) as f64;
//!         let (lf, kf) = (1.0 + 0.05 * ((f * 13 + t * 5) % 17) as f64, 2.0 + 0.1 * (f % 5) as f64);
//!         firm.push(f as i64);
//!         year.push(2010 + t as i32);
//!         l.push(lf);
//!         k.push(kf);
//!         m.push(w + 0.5 * kf);
//!         y.push(0.6 * lf + 0.3 * kf + w);
//!     }
//! }
//! let panel = FirmPanel::new(&firm, &year, "y", &y)
//!     .free("l", &l).state("k", &k).proxy("m", &m).in_logs();
//! let fit = ProductionFunction::new(Method::Ols).estimate(&panel)?;
//! assert_eq!(fit.names, ["l", "k"]);
//! assert_eq!(fit.tfp.len(), y.len());
//! # Ok::<(), nangsuat::Error>(())
//! ```

mod bootstrap;
pub mod decomposition;
mod linalg;
mod model;
mod ols;
mod optim;
mod panel;
mod polynomial;
mod proxy;
mod wooldridge;

pub use panel::{FirmPanel, RowStatus};

use crate::cancel::Cancel;
use crate::error::{Error, Result};
use model::Model;
use panel::{Prepared, Work};
use proxy::{ProxyKind, ProxyOptions};

/// The estimator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// Pooled OLS (biased when inputs respond to productivity: the reference).
    Ols,
    /// The within (firm fixed-effects) estimator.
    FixedEffects,
    /// Olley & Pakes (1996), investment as the proxy; with an exit column and
    /// [`ProductionFunction::selection`], the survival-probability correction.
    OlleyPakes,
    /// Levinsohn & Petrin (2003), intermediate inputs as the proxy.
    LevinsohnPetrin,
    /// Ackerberg, Caves & Frazer (2015): the corrected first stage, all coefficients in the
    /// second.
    Acf,
    /// Wooldridge (2009): both stages as one GMM system, with the analytic GMM variance.
    Wooldridge,
}

impl Method {
    /// The short name used by the Python and C faces (`ols`, `fe`, `op`, `lp`, `acf`, `wrdg`).
    pub fn name(self) -> &'static str {
        match self {
            Method::Ols => "ols",
            Method::FixedEffects => "fe",
            Method::OlleyPakes => "op",
            Method::LevinsohnPetrin => "lp",
            Method::Acf => "acf",
            Method::Wooldridge => "wrdg",
        }
    }

    /// The method of a short name (see [`Method::name`]; `wooldridge` is also accepted).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown name.
    pub fn from_name(name: &str) -> Result<Self> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "ols" => Method::Ols,
            "fe" | "within" => Method::FixedEffects,
            "op" => Method::OlleyPakes,
            "lp" => Method::LevinsohnPetrin,
            "acf" => Method::Acf,
            "wrdg" | "wooldridge" => Method::Wooldridge,
            other => {
                return Err(Error::invalid_parameter(
                    "method",
                    format!("unknown method `{other}`: expected ols, fe, op, lp, acf or wrdg"),
                ));
            }
        })
    }
}

/// The search that produced a start's estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Search {
    /// Gauss–Newton on the moments, damped as Levenberg–Marquardt (the first choice).
    GaussNewton,
    /// Nelder–Mead on the criterion (OP/LP/ACF's fallback when Gauss–Newton does not
    /// converge).
    NelderMead,
}

impl Search {
    /// `gauss-newton` or `nelder-mead`, as the faces print it.
    pub fn name(self) -> &'static str {
        match self {
            Search::GaussNewton => "gauss-newton",
            Search::NelderMead => "nelder-mead",
        }
    }
}

/// One start of the GMM minimisation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StartOutcome {
    /// `ols` or `fe`: the estimator whose coefficients started the search.
    pub name: String,
    /// The starting coefficients (one per term).
    pub start: Vec<f64>,
    /// The coefficients where the search stopped (one per term).
    pub estimate: Vec<f64>,
    /// The GMM objective `m'Wm` there.
    pub objective: f64,
    /// Whether the search met its tolerance (rather than its iteration limit).
    pub converged: bool,
    /// Iterations used (both searches' when Nelder–Mead took over).
    pub iterations: usize,
    /// The search whose result this is.
    pub search: Search,
}

/// A distinct point where searches ended: starts whose estimates agree to 1e-6 (relative to
/// `1 + |β|`, coefficient by coefficient) share a root.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Root {
    /// The coefficients (one per term) of the first start that ended here.
    pub estimate: Vec<f64>,
    /// The lowest objective among the starts that ended here.
    pub objective: f64,
    /// Indices (into [`Optimisation::starts`]) of the starts that ended here.
    pub starts: Vec<usize>,
}

/// The GMM minimisation from several starts.
///
/// The estimate reported is chosen by this rule: the lowest objective wins, except that
/// objectives within `tolerance ×` (the lowest objective at any starting point) of the lowest
/// are ties — a just-identified criterion is zero at every root of the moments, so below that
/// level the objective reflects rounding, not fit — and among ties the root whose most
/// negative Cobb–Douglas elasticity is closest to zero is preferred (so a root with all
/// elasticities non-negative beats any other: production is not decreasing in an input, and
/// ACF's moments have spurious roots with large negative elasticities in some designs), then
/// the lower objective, then the earlier start. Every root is listed in `roots` so a user can
/// see what the rule set aside.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Optimisation {
    /// Every start tried, in order.
    pub starts: Vec<StartOutcome>,
    /// Index (into `starts`) of the start whose estimate is reported (see the rule above).
    pub winner: usize,
    /// The distinct points where the starts ended, in order of first appearance.
    pub roots: Vec<Root>,
}

impl Optimisation {
    /// The winning start.
    pub fn best(&self) -> &StartOutcome {
        &self.starts[self.winner]
    }

    /// Chooses the winner and groups the roots (see the type's rule). `scale` is the lowest
    /// objective at a starting point; `sign_terms` is the number of leading coefficients that
    /// are elasticities (all terms for Cobb–Douglas, none for translog). `None` when no
    /// start has a finite objective.
    pub(crate) fn choose(
        starts: Vec<StartOutcome>,
        scale: f64,
        tolerance: f64,
        sign_terms: usize,
    ) -> Option<Optimisation> {
        let finite: Vec<usize> = (0..starts.len())
            .filter(|&i| starts[i].objective.is_finite())
            .collect();
        let lowest = finite
            .iter()
            .map(|&i| starts[i].objective)
            .min_by(f64::total_cmp)?;
        let tie = if scale.is_finite() {
            tolerance * scale.max(0.0)
        } else {
            0.0
        };
        // How far the most negative elasticity falls below zero (0 when none does).
        let violation = |i: usize| {
            starts[i]
                .estimate
                .iter()
                .take(sign_terms)
                .fold(0.0f64, |v, b| v.max(-b))
        };
        let winner = finite
            .iter()
            .copied()
            .filter(|&i| starts[i].objective <= lowest + tie)
            .min_by(|&a, &b| {
                violation(a)
                    .total_cmp(&violation(b))
                    .then(starts[a].objective.total_cmp(&starts[b].objective))
                    .then(a.cmp(&b))
            })?;
        let mut roots: Vec<Root> = Vec::new();
        for &i in &finite {
            let e = &starts[i].estimate;
            let same = |r: &Root| {
                r.estimate
                    .iter()
                    .zip(e)
                    .all(|(a, b)| (a - b).abs() <= 1e-6 * (1.0 + a.abs()))
            };
            match roots.iter_mut().find(|r| same(r)) {
                Some(r) => {
                    r.starts.push(i);
                    r.objective = r.objective.min(starts[i].objective);
                }
                None => roots.push(Root {
                    estimate: e.clone(),
                    objective: starts[i].objective,
                    starts: vec![i],
                }),
            }
        }
        Some(Optimisation {
            starts,
            winner,
            roots,
        })
    }
}

/// Where the standard errors come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StdErrorSource {
    /// None were asked for (`bootstrap(0)` with a method other than Wooldridge).
    None,
    /// Firm-level bootstrap over the replications that succeeded.
    Bootstrap {
        /// Replications asked for.
        replications: usize,
        /// Replications whose estimation failed (left out of the standard errors).
        failed: usize,
    },
    /// The analytic GMM sandwich variance, clustered by firm (Wooldridge).
    Analytic,
}

/// An estimated production function.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ProductionEstimate {
    /// The estimator.
    pub method: Method,
    /// Names of the production terms: the inputs, then (translog) `a^2` and `a*b` products.
    pub names: Vec<String>,
    /// Coefficients of the terms (output elasticities for Cobb–Douglas).
    pub coefficients: Vec<f64>,
    /// Standard errors of the coefficients, where computed (see `std_error_source`).
    pub std_errors: Option<Vec<f64>>,
    /// Where the standard errors come from.
    pub std_error_source: StdErrorSource,
    /// Covariance of the coefficients (row-major), where computed.
    pub covariance: Option<Vec<f64>>,
    /// Names of the controls.
    pub control_names: Vec<String>,
    /// Coefficients of the controls (from the first stage for OP, LP and ACF).
    pub control_coefficients: Vec<f64>,
    /// Names of the inputs of the production function (free, state, and the proxy for gross
    /// output), in the order of `elasticities`.
    pub input_names: Vec<String>,
    /// Log TFP `ω̂ = y − Σ β x` for every input row (`None` where the row was not usable; see
    /// `row_status`). Controls and the constant stay in TFP.
    pub tfp: Vec<Option<f64>>,
    /// Output elasticity of each input at each input row (constant for Cobb–Douglas).
    pub elasticities: Vec<Vec<Option<f64>>>,
    /// Returns to scale (sum of the elasticities) at each input row.
    pub returns_to_scale: Vec<Option<f64>>,
    /// What became of each input row.
    pub row_status: Vec<RowStatus>,
    /// Firms with a single usable year: they enter the first stage only.
    pub one_year_firms: Vec<i64>,
    /// Firm-years used.
    pub observations: usize,
    /// Firm-years in the dynamic (second-stage) moments.
    pub dynamic_observations: usize,
    /// Firms used.
    pub firms: usize,
    /// The minimisation (OP, LP, ACF, Wooldridge).
    pub optimisation: Option<Optimisation>,
    /// Bootstrap coefficient draws of the successful replications (one vector each).
    pub bootstrap_draws: Vec<Vec<f64>>,
}

impl ProductionEstimate {
    /// The coefficient of a term by name.
    pub fn coefficient(&self, name: &str) -> Option<f64> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| self.coefficients[i])
    }
}

/// A production-function estimator and its options.
///
/// # Examples
/// See the [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionFunction {
    method: Method,
    translog: bool,
    gross_output: bool,
    first_stage_degree: u32,
    law_of_motion_degree: u32,
    selection: bool,
    extra_starts: Vec<(String, Vec<f64>)>,
    bootstrap: usize,
    seed: u64,
    tolerance: f64,
}

impl ProductionFunction {
    /// The estimator with defaults: Cobb–Douglas, value added, first-stage polynomial of
    /// degree 3, law of motion of degree 3, no selection correction, no bootstrap, seed 0.
    pub fn new(method: Method) -> Self {
        ProductionFunction {
            method,
            translog: false,
            gross_output: false,
            first_stage_degree: 3,
            law_of_motion_degree: 3,
            selection: false,
            extra_starts: Vec::new(),
            bootstrap: 0,
            seed: 0,
            tolerance: 1e-9,
        }
    }

    /// Translog instead of Cobb–Douglas.
    pub fn translog(mut self, yes: bool) -> Self {
        self.translog = yes;
        self
    }

    /// Gross output: the proxy (intermediate inputs) is also an input of the function.
    pub fn gross_output(mut self, yes: bool) -> Self {
        self.gross_output = yes;
        self
    }

    /// Degree of the first-stage polynomial (1–6; prodest's default 3).
    pub fn first_stage_degree(mut self, degree: u32) -> Self {
        self.first_stage_degree = degree;
        self
    }

    /// Degree of the polynomial law of motion `g(ω_t−1)` (1–6; default 3).
    pub fn law_of_motion_degree(mut self, degree: u32) -> Self {
        self.law_of_motion_degree = degree;
        self
    }

    /// Olley–Pakes's survival correction (needs the panel's exit column).
    pub fn selection(mut self, yes: bool) -> Self {
        self.selection = yes;
        self
    }

    /// Adds a starting point for the GMM search (one coefficient per production term, in the
    /// order of [`ProductionEstimate::names`]), tried after the OLS and FE starts; the start
    /// with the lowest objective wins.
    pub fn start(mut self, name: &str, coefficients: Vec<f64>) -> Self {
        self.extra_starts.push((name.to_string(), coefficients));
        self
    }

    /// Number of firm-level bootstrap replications (0: none).
    pub fn bootstrap(mut self, replications: usize) -> Self {
        self.bootstrap = replications;
        self
    }

    /// Seed of the bootstrap.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Relative tolerance of the minimisation (default 1e-9).
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Number of production terms (coefficients) for `free` free and `state` state inputs:
    /// the inputs (and the proxy with gross output), then for translog their squares and
    /// cross products — the length of [`ProductionEstimate::names`]. `None` when the count
    /// overflows.
    pub fn term_count(&self, free: usize, state: usize) -> Option<usize> {
        let inputs = free
            .checked_add(state)?
            .checked_add(usize::from(self.gross_output))?;
        if self.translog {
            inputs.checked_add(inputs.checked_mul(inputs.checked_add(1)?)? / 2)
        } else {
            Some(inputs)
        }
    }

    fn check(&self) -> Result<()> {
        for (name, d) in [
            ("first_stage_degree", self.first_stage_degree),
            ("law_of_motion_degree", self.law_of_motion_degree),
        ] {
            if !(1..=6).contains(&d) {
                return Err(Error::OutOfRange {
                    name: name.into(),
                    year: None,
                    value: d as f64,
                    expected: "a polynomial degree from 1 to 6".into(),
                });
            }
        }
        if !(self.tolerance > 0.0 && self.tolerance < 1.0) {
            return Err(Error::OutOfRange {
                name: "tolerance".into(),
                year: None,
                value: self.tolerance,
                expected: "a number in (0, 1)".into(),
            });
        }
        if self.selection && self.method != Method::OlleyPakes {
            return Err(Error::invalid_parameter(
                "selection",
                "the survival correction belongs to Olley–Pakes (method op)",
            ));
        }
        Ok(())
    }

    fn needs_proxy(&self) -> bool {
        self.gross_output
            || matches!(
                self.method,
                Method::OlleyPakes | Method::LevinsohnPetrin | Method::Acf | Method::Wooldridge
            )
    }

    /// Estimates the production function on `panel`.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] for columns of different lengths, [`Error::DuplicateYear`]
    /// for a firm-year given twice, [`Error::InvalidParameter`] for a missing proxy or exit
    /// column, collinear regressors (the message names the term) or a search that never
    /// finds a finite objective, [`Error::InsufficientData`] when too few firm-years have
    /// their previous year. Rows with a non-finite or (in levels) non-positive value are not
    /// errors: they are left out and marked in [`ProductionEstimate::row_status`].
    pub fn estimate(&self, panel: &FirmPanel<'_>) -> Result<ProductionEstimate> {
        self.estimate_cancellable(panel, &Cancel::never())
    }

    /// As [`ProductionFunction::estimate`], stopping with [`Error::Interrupted`] once `cancel`
    /// is set (read before each iteration of the second-stage optimisers and before each
    /// bootstrap replicate, on every worker).
    ///
    /// # Errors
    /// As [`ProductionFunction::estimate`], plus [`Error::Interrupted`].
    pub fn estimate_cancellable(
        &self,
        panel: &FirmPanel<'_>,
        cancel: &Cancel,
    ) -> Result<ProductionEstimate> {
        let (prep, model) = self.setup(panel)?;
        let fit = self.fit(&prep.work, &model, &prep.control_names, true, cancel)?;
        let draws = if self.bootstrap > 0 {
            Some(self.replicate(&prep, &model, 0..self.bootstrap, cancel)?)
        } else {
            None
        };
        Ok(self.finish(&prep, &model, fit, draws))
    }

    /// The coefficients of bootstrap replications `replications` (a range of replication
    /// numbers), `None` for a replication whose fit failed. Replication `b` draws its firms
    /// from its own generator seeded by `(seed, b)`, so the replications of one estimate can
    /// be computed in parts — on the workers of a cluster — and
    /// [`ProductionFunction::estimate_with_draws`] given them in order gives the estimate
    /// [`ProductionFunction::estimate`] gives, to the bit.
    ///
    /// ```
    /// use nangsuat::estimation::{FirmPanel, Method, ProductionFunction};
    /// let firm: Vec<i64> = (0..60).flat_map(|f| [f; 4]).collect();
    /// let year: Vec<i32> = (0..60).flat_map(|_| 2015..2019).collect();
    /// let l: Vec<f64> = (0..240).map(|i| 1.0 + 0.1 * ((i * 7) % 13) as f64).collect();
    /// let k: Vec<f64> = (0..240).map(|i| 2.0 + 0.1 * ((i * 5) % 11) as f64).collect();
    /// let y: Vec<f64> = (0..240).map(|i| 0.6 * l[i] + 0.3 * k[i] + 0.01 * ((i * 3) % 7) as f64).collect();
    /// let panel = FirmPanel::new(&firm, &year, "y", &y).free("l", &l).state("k", &k).in_logs();
    /// let pf = ProductionFunction::new(Method::Ols).bootstrap(20).seed(7);
    /// let mut draws = pf.bootstrap_draws(&panel, 0..8)?;
    /// draws.extend(pf.bootstrap_draws(&panel, 8..20)?);
    /// assert_eq!(pf.estimate_with_draws(&panel, draws)?, pf.estimate(&panel)?);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`ProductionFunction::estimate`].
    pub fn bootstrap_draws(
        &self,
        panel: &FirmPanel<'_>,
        replications: std::ops::Range<usize>,
    ) -> Result<Vec<Option<Vec<f64>>>> {
        self.bootstrap_draws_cancellable(panel, replications, &Cancel::never())
    }

    /// As [`ProductionFunction::bootstrap_draws`], stopping with [`Error::Interrupted`] once
    /// `cancel` is set.
    ///
    /// # Errors
    /// As [`ProductionFunction::bootstrap_draws`], plus [`Error::Interrupted`].
    pub fn bootstrap_draws_cancellable(
        &self,
        panel: &FirmPanel<'_>,
        replications: std::ops::Range<usize>,
        cancel: &Cancel,
    ) -> Result<Vec<Option<Vec<f64>>>> {
        let (prep, model) = self.setup(panel)?;
        self.replicate(&prep, &model, replications, cancel)
    }

    /// The estimate with the bootstrap replications computed elsewhere
    /// ([`ProductionFunction::bootstrap_draws`] over `0..` the replications set by
    /// [`ProductionFunction::bootstrap`], in order).
    ///
    /// # Errors
    /// As [`ProductionFunction::estimate`], and [`Error::InvalidParameter`] when there are
    /// not as many draws as replications or a draw has not one coefficient per term.
    pub fn estimate_with_draws(
        &self,
        panel: &FirmPanel<'_>,
        draws: Vec<Option<Vec<f64>>>,
    ) -> Result<ProductionEstimate> {
        self.estimate_with_draws_cancellable(panel, draws, &Cancel::never())
    }

    /// As [`ProductionFunction::estimate_with_draws`], stopping with [`Error::Interrupted`]
    /// once `cancel` is set.
    ///
    /// # Errors
    /// As [`ProductionFunction::estimate_with_draws`], plus [`Error::Interrupted`].
    pub fn estimate_with_draws_cancellable(
        &self,
        panel: &FirmPanel<'_>,
        draws: Vec<Option<Vec<f64>>>,
        cancel: &Cancel,
    ) -> Result<ProductionEstimate> {
        let (prep, model) = self.setup(panel)?;
        if draws.len() != self.bootstrap {
            return Err(Error::invalid_parameter(
                "draws",
                format!(
                    "{} bootstrap draws for {} replications",
                    draws.len(),
                    self.bootstrap
                ),
            ));
        }
        let terms = model.terms.len();
        if let Some((b, d)) = draws
            .iter()
            .enumerate()
            .find_map(|(b, d)| d.as_ref().filter(|d| d.len() != terms).map(|d| (b, d)))
        {
            return Err(Error::invalid_parameter(
                "draws",
                format!(
                    "replication {b} has {} coefficients; the model has {terms} terms",
                    d.len()
                ),
            ));
        }
        let fit = self.fit(&prep.work, &model, &prep.control_names, true, cancel)?;
        let draws = (self.bootstrap > 0).then_some(draws);
        Ok(self.finish(&prep, &model, fit, draws))
    }

    /// Checks the options and prepares the panel and the model.
    fn setup(&self, panel: &FirmPanel<'_>) -> Result<(Prepared, Model)> {
        self.check()?;
        let prep = panel::prepare(panel, self.needs_proxy())?;
        if self.selection && panel.exit.is_none() {
            return Err(Error::invalid_parameter(
                "exit",
                "the selection correction needs an exit column (FirmPanel::exit)",
            ));
        }
        let model = Model::new(
            &prep.input_names,
            panel.free.len(),
            panel.state.len(),
            panel.proxy.is_some(),
            self.gross_output,
            self.translog,
        );
        let needed = model.terms.len() + prep.control_names.len() + 2;
        if prep.work.rows() < needed {
            return Err(Error::InsufficientData {
                what: "production-function estimation (usable firm-years)".into(),
                needed,
                available: prep.work.rows(),
            });
        }
        Ok((prep, model))
    }

    /// The coefficients of bootstrap replications `replications` (`None`: the fit failed).
    fn replicate(
        &self,
        prep: &Prepared,
        model: &Model,
        replications: std::ops::Range<usize>,
        cancel: &Cancel,
    ) -> Result<Vec<Option<Vec<f64>>>> {
        bootstrap::run(&prep.work, self.seed, replications, cancel, |w| {
            // A replicate that cannot be fitted counts as failed; an interruption stops all.
            match self.fit(w, model, &prep.control_names, false, cancel) {
                Ok(f) => Ok(Some(f.beta)),
                Err(e @ Error::Interrupted { .. }) => Err(e),
                Err(_) => Ok(None),
            }
        })
    }

    /// The estimate from the full-sample fit and the bootstrap replications (when asked for).
    fn finish(
        &self,
        prep: &Prepared,
        model: &Model,
        fit: Fit,
        replications: Option<Vec<Option<Vec<f64>>>>,
    ) -> ProductionEstimate {
        let mut std_errors = None;
        let mut covariance = fit.covariance.clone();
        let mut source = StdErrorSource::None;
        let mut draws = Vec::new();
        if let Some(cov) = &covariance {
            let p = model.terms.len();
            std_errors = Some((0..p).map(|i| cov[i * p + i].max(0.0).sqrt()).collect());
            source = StdErrorSource::Analytic;
        }
        if let Some(results) = replications {
            draws = results.into_iter().flatten().collect::<Vec<_>>();
            if self.method != Method::Wooldridge || std_errors.is_none() {
                std_errors = bootstrap::std_errors(&draws);
                covariance = bootstrap_covariance(&draws);
                source = StdErrorSource::Bootstrap {
                    replications: self.bootstrap,
                    failed: self.bootstrap - draws.len(),
                };
            }
        }
        assemble(
            self.method,
            prep,
            model,
            fit,
            std_errors,
            covariance,
            source,
            draws,
        )
    }

    fn fit(
        &self,
        w: &Work,
        model: &Model,
        control_names: &[String],
        full: bool,
        cancel: &Cancel,
    ) -> Result<Fit> {
        let singular = |what: &'static str, with_constant: bool| {
            move |s: linalg::Singular| {
                Error::invalid_parameter(
                    "regressors",
                    format!(
                        "{what}: {} is collinear with the regressors before it",
                        ols::collinear_name(model, control_names, s.column, with_constant)
                    ),
                )
            }
        };
        match self.method {
            Method::Ols => {
                let f = ols::pooled_ols(w, model).map_err(singular("pooled OLS", true))?;
                Ok(Fit::linear(f, w))
            }
            Method::FixedEffects => {
                let f = ols::fixed_effects(w, model).map_err(singular("fixed effects", false))?;
                Ok(Fit::linear(f, w))
            }
            Method::OlleyPakes | Method::LevinsohnPetrin | Method::Acf | Method::Wooldridge => {
                let starts = self.starts(w, model, control_names)?;
                if self.method == Method::Wooldridge {
                    let f = wooldridge::wooldridge_fit(
                        w,
                        model,
                        wooldridge::Degrees {
                            first_stage: self.first_stage_degree,
                            law_of_motion: self.law_of_motion_degree,
                        },
                        self.tolerance,
                        &starts,
                        full,
                        cancel,
                    )?;
                    return Ok(Fit {
                        beta: f.beta,
                        controls: f.controls,
                        covariance: f.covariance,
                        optimisation: f.optimisation,
                        dynamic_rows: f.stage2_rows,
                    });
                }
                let kind = match self.method {
                    Method::OlleyPakes => ProxyKind::OlleyPakes,
                    Method::LevinsohnPetrin => ProxyKind::LevinsohnPetrin,
                    _ => ProxyKind::Acf,
                };
                let f = proxy::proxy_fit(
                    w,
                    model,
                    control_names,
                    &ProxyOptions {
                        kind,
                        first_stage_degree: self.first_stage_degree,
                        law_of_motion_degree: self.law_of_motion_degree,
                        selection: self.selection,
                        tolerance: self.tolerance,
                    },
                    &starts,
                    cancel,
                )?;
                Ok(Fit {
                    beta: f.beta,
                    controls: f.controls,
                    covariance: None,
                    optimisation: Some(f.optimisation),
                    dynamic_rows: f.stage2_rows,
                })
            }
        }
    }

    /// Starting values: pooled OLS and fixed effects (each where it can be computed).
    fn starts(
        &self,
        w: &Work,
        model: &Model,
        _control_names: &[String],
    ) -> Result<Vec<(String, Vec<f64>)>> {
        let mut starts = Vec::new();
        if let Ok(f) = ols::pooled_ols(w, model) {
            starts.push(("ols".to_string(), f.beta));
        }
        if let Ok(f) = ols::fixed_effects(w, model) {
            starts.push(("fe".to_string(), f.beta));
        }
        for (name, c) in &self.extra_starts {
            if c.len() != model.terms.len() {
                return Err(Error::invalid_parameter(
                    "start",
                    format!(
                        "start `{name}` has {} coefficients; {} are expected (one per term: {})",
                        c.len(),
                        model.terms.len(),
                        model
                            .terms
                            .iter()
                            .map(|t| t.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            starts.push((name.clone(), c.clone()));
        }
        if starts.is_empty() {
            return Err(Error::invalid_parameter(
                "regressors",
                "neither pooled OLS nor fixed effects can be computed for starting values \
                 (collinear inputs?)",
            ));
        }
        Ok(starts)
    }
}

#[derive(Debug, Clone)]
struct Fit {
    beta: Vec<f64>,
    controls: Vec<f64>,
    covariance: Option<Vec<f64>>,
    optimisation: Option<Optimisation>,
    dynamic_rows: usize,
}

impl Fit {
    fn linear(f: ols::LinearFit, w: &Work) -> Fit {
        Fit {
            beta: f.beta,
            controls: f.controls,
            covariance: None,
            optimisation: None,
            dynamic_rows: w.lag.iter().filter(|&&l| l != panel::NO_LAG).count(),
        }
    }
}

fn bootstrap_covariance(draws: &[Vec<f64>]) -> Option<Vec<f64>> {
    let b = draws.len();
    if b < 2 {
        return None;
    }
    let p = draws[0].len();
    let means: Vec<f64> = (0..p)
        .map(|j| crate::summation::sum(draws.iter().map(|d| d[j])) / b as f64)
        .collect();
    let mut cov = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..p {
            cov[i * p + j] =
                crate::summation::sum(draws.iter().map(|d| (d[i] - means[i]) * (d[j] - means[j])))
                    / (b - 1) as f64;
        }
    }
    Some(cov)
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    method: Method,
    prep: &Prepared,
    model: &Model,
    fit: Fit,
    std_errors: Option<Vec<f64>>,
    covariance: Option<Vec<f64>>,
    std_error_source: StdErrorSource,
    bootstrap_draws: Vec<Vec<f64>>,
) -> ProductionEstimate {
    let n = prep.row_logs.len();
    let inputs = model.inputs;
    let mut tfp = Vec::with_capacity(n);
    let mut elasticities = vec![Vec::with_capacity(n); inputs];
    let mut rts = Vec::with_capacity(n);
    for row in &prep.row_logs {
        match row {
            Some((y, x)) => {
                let xb: f64 = (0..model.terms.len())
                    .map(|t| fit.beta[t] * model.value_at(x, t))
                    .sum();
                tfp.push(Some(y - xb));
                let mut total = 0.0;
                for (j, col) in elasticities.iter_mut().enumerate() {
                    let e: f64 = (0..model.terms.len())
                        .map(|t| fit.beta[t] * model.derivative(t, j, x))
                        .sum();
                    total += e;
                    col.push(Some(e));
                }
                rts.push(Some(total));
            }
            None => {
                tfp.push(None);
                for col in &mut elasticities {
                    col.push(None);
                }
                rts.push(None);
            }
        }
    }
    ProductionEstimate {
        method,
        names: model.terms.iter().map(|t| t.name.clone()).collect(),
        coefficients: fit.beta,
        std_errors,
        std_error_source,
        covariance,
        control_names: prep.control_names.clone(),
        control_coefficients: fit.controls,
        input_names: model.names[..inputs].to_vec(),
        tfp,
        elasticities,
        returns_to_scale: rts,
        row_status: prep.status.clone(),
        one_year_firms: prep.one_year_firms.clone(),
        observations: prep.work.rows(),
        dynamic_observations: fit.dynamic_rows,
        firms: prep.work.firms(),
        optimisation: fit.optimisation,
        bootstrap_draws,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(name: &str, estimate: &[f64], objective: f64) -> StartOutcome {
        StartOutcome {
            name: name.into(),
            start: vec![0.0; estimate.len()],
            estimate: estimate.to_vec(),
            objective,
            converged: true,
            iterations: 1,
            search: Search::GaussNewton,
        }
    }

    #[test]
    fn roots_at_rounding_level_tie_and_the_smallest_negative_elasticity_wins() {
        // Three exact roots (objectives at rounding level against 1e-3 at the starts): the
        // lowest objective has a large negative elasticity, the second a tiny one.
        let starts = vec![
            outcome("ols", &[2.42, 0.04, -2.29], 8e-28),
            outcome("fe", &[0.572, -0.002, 0.58], 1.2e-27),
            outcome("again", &[0.572 + 1e-9, -0.002, 0.58], 3e-27),
        ];
        let o = Optimisation::choose(starts.clone(), 1e-3, 1e-9, 3).unwrap();
        assert_eq!(o.best().name, "fe");
        assert_eq!(o.roots.len(), 2);
        assert_eq!(o.roots[1].starts, [1, 2]);
        assert_eq!(o.roots[1].objective, 1.2e-27);
        // A root with every elasticity non-negative beats both.
        let mut more = starts.clone();
        more.push(outcome("truth", &[0.6, 0.0, 0.4], 5e-27));
        assert_eq!(
            Optimisation::choose(more, 1e-3, 1e-9, 3)
                .unwrap()
                .best()
                .name,
            "truth"
        );
        // Objectives that differ beyond the tie level: the lowest wins whatever its signs.
        let o = Optimisation::choose(
            vec![
                outcome("a", &[0.5, 0.5], 1e-6),
                outcome("b", &[-0.1, 1.0], 1e-8),
            ],
            1e-3,
            1e-9,
            2,
        )
        .unwrap();
        assert_eq!(o.best().name, "b");
        // Translog (no elasticities among the coefficients): the lowest objective.
        let o = Optimisation::choose(starts, 1e-3, 1e-9, 0).unwrap();
        assert_eq!(o.best().name, "ols");
        // Nothing finite: no optimisation.
        assert!(
            Optimisation::choose(vec![outcome("x", &[1.0], f64::INFINITY)], 1.0, 1e-9, 1).is_none()
        );
    }
}
