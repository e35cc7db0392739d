//! A province's TFP from its own data (the core's `monitoring::derived::provincial_tfp`), on
//! caller-owned arrays: one row per (province, year), any number of provinces.

use crate::handles::{copy_out, optional_slice, ref_arg, slice_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::Error;
use nangsuat::accounting::capital::PerpetualInventory;
use nangsuat::monitoring::derived::{CapitalInput, Series, TfpForm, TfpInputs, provincial_tfp};
use nangsuat::monitoring::observation::ObservedWhen;
use nangsuat::share::Share;
use std::collections::BTreeMap;

/// Input of `ns_provincial_tfp`: `len` rows, every array of `len` elements, borrowed for the
/// call; NaN marks a missing value (a derived value exists only where every input it needs
/// exists). The GSO form: `G_A = G_Y − b_K·G_K − (1 − b_K)·G_L`, discrete growth.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsProvincialTfpInput {
    /// Number of rows.
    pub len: usize,
    /// Province of each row, as integer codes of the caller's choosing (e.g. the official
    /// two-digit codes); NULL when every row is the same province.
    pub province: *const i64,
    /// Year of each row.
    pub year: *const i32,
    /// GRDP at constant prices.
    pub output: *const f64,
    /// Employed persons.
    pub employment: *const f64,
    /// Capital at constant prices; NULL to build it from `investment`.
    pub capital: *const f64,
    /// Realised investment (nominal with `deflator`, else at constant prices); NULL when
    /// `capital` is given. Accumulated by the perpetual inventory method (end-of-year,
    /// geometric `depreciation`, Harberger initial stock from the first `window` years); a
    /// province's investment years must be consecutive.
    pub investment: *const f64,
    /// Price index of investment; NULL when investment is at constant prices.
    pub deflator: *const f64,
    /// The index's value in the base year of constant prices (e.g. 100).
    pub deflator_base: f64,
    /// Geometric depreciation rate δ in (0, 1), e.g. 0.05.
    pub depreciation: f64,
    /// Years of the Harberger window (≥ 2), e.g. 5.
    pub window: usize,
    /// The capital share `b_K` in [0, 1]; `b_L = 1 − b_K`.
    pub capital_share: f64,
    /// Whether each row is preliminary ("sơ bộ") or an estimate; NULL when none is. A value
    /// computed from a preliminary input is flagged preliminary.
    pub preliminary: *const bool,
}

/// Outputs of `ns_provincial_tfp`, each NULL or an array of `len` elements aligned with the
/// input rows. Values are in percent (7.0 = 7 %). Where a `*_defined` flag is false the value
/// is NaN.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsProvincialTfpOutput {
    /// TFP growth `100·G_A` in the row's year (from the previous year).
    pub tfp_growth: *mut f64,
    /// Whether `tfp_growth` is defined (every input in this year and the previous one).
    pub tfp_growth_defined: *mut bool,
    /// TFP's share of GRDP growth, percent (undefined when growth is about zero or the signs
    /// differ).
    pub tfp_share: *mut f64,
    /// Whether `tfp_share` is defined.
    pub tfp_share_defined: *mut bool,
    /// Whether the row's values rest on a preliminary input.
    pub preliminary: *mut bool,
}

fn column(
    rows: &BTreeMap<i64, Vec<usize>>,
    year: &[i32],
    values: &[f64],
    preliminary: Option<&[bool]>,
    name: &str,
) -> Result<BTreeMap<i64, Series>, Failure> {
    let mut out = BTreeMap::new();
    for (&p, idx) in rows {
        let mut s = Series::new(name, "");
        for &i in idx {
            if values[i].is_nan() {
                continue;
            }
            s.insert(
                year[i],
                values[i],
                preliminary.is_some_and(|f| f[i]),
                format!("row {i}"),
            )
            .map_err(|e| Failure::from(entity(e, p)))?;
        }
        out.insert(p, s);
    }
    Ok(out)
}

fn entity(mut err: Error, province: i64) -> Error {
    if let Error::DuplicateYear { entity, .. }
    | Error::MissingYear { entity, .. }
    | Error::NonFinite { entity, .. }
    | Error::NonPositive { entity, .. } = &mut err
        && entity.is_none()
    {
        *entity = Some(province.to_string());
    }
    err
}

/// TFP growth and TFP's share of growth for one or many provinces from their own GRDP,
/// employment and capital (or investment), by the GSO form with the stated `b_K`. The first
/// failing province stops the call; the message names its code.
///
/// # Safety
/// `input` and `out` are NULL or valid; every non-NULL input array holds `input->len`
/// elements and every non-NULL output array `input->len` writable elements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_provincial_tfp(
    input: *const NsProvincialTfpInput,
    out: *const NsProvincialTfpOutput,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (i, o) = unsafe { (ref_arg(input, "input")?, ref_arg(out, "out")?) };
        let n = i.len;
        // SAFETY: the caller's contract: arrays of `len` elements.
        let (year, output, employment) = unsafe {
            (
                slice_arg(i.year, n, "year")?,
                slice_arg(i.output, n, "output")?,
                slice_arg(i.employment, n, "employment")?,
            )
        };
        // SAFETY: as above; NULL means absent.
        let (province, capital, investment, deflator, preliminary) = unsafe {
            (
                optional_slice(i.province, n, "province")?,
                optional_slice(i.capital, n, "capital")?,
                optional_slice(i.investment, n, "investment")?,
                optional_slice(i.deflator, n, "deflator")?,
                optional_slice(i.preliminary, n, "preliminary")?,
            )
        };
        if capital.is_some() == investment.is_some() {
            return Err(Error::InvalidParameter {
                name: "capital, investment".into(),
                reason: "give exactly one of them (the other NULL)".into(),
            }
            .into());
        }
        let b_k = Share::new(i.capital_share).map_err(Failure::from)?;
        let pim = PerpetualInventory::new(i.depreciation)
            .map_err(Failure::from)?
            .window(i.window);
        let mut rows: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for r in 0..n {
            rows.entry(province.map_or(0, |p| p[r]))
                .or_default()
                .push(r);
        }
        let y = column(&rows, year, output, preliminary, "output")?;
        let l = column(&rows, year, employment, preliminary, "employment")?;
        let k = capital
            .map(|c| column(&rows, year, c, preliminary, "capital"))
            .transpose()?;
        let inv = investment
            .map(|c| column(&rows, year, c, preliminary, "investment"))
            .transpose()?;
        let defl = deflator
            .map(|c| column(&rows, year, c, preliminary, "deflator"))
            .transpose()?;
        let mut growth = vec![f64::NAN; n];
        let mut share = vec![f64::NAN; n];
        let mut prelim = vec![false; n];
        for (p, idx) in &rows {
            let cap = match (&k, &inv) {
                (Some(k), _) => CapitalInput::Stock(&k[p]),
                (None, Some(inv)) => CapitalInput::Investment {
                    investment: &inv[p],
                    deflator: defl.as_ref().map(|d| (&d[p], i.deflator_base)),
                    inventory: &pim,
                },
                (None, None) => unreachable!("checked above"),
            };
            let scope = p.to_string();
            let form = TfpForm::Gso { capital_share: b_k };
            let r = provincial_tfp(&TfpInputs::new(&scope, &y[p], &l[p], cap, form), &[])
                .map_err(|e| Failure::from(entity(e, *p)))?;
            for d in &r.derived {
                let ObservedWhen::Year(yr) = d.when else {
                    continue;
                };
                let Some(&row) = idx.iter().find(|&&r| year[r] == yr) else {
                    continue;
                };
                match d.indicator.as_str() {
                    "tfp_growth" => {
                        growth[row] = d.value;
                        prelim[row] = d.preliminary;
                    }
                    "tfp_contribution" => share[row] = d.value,
                    _ => {}
                }
            }
        }
        let growth_defined: Vec<bool> = growth.iter().map(|v| !v.is_nan()).collect();
        let share_defined: Vec<bool> = share.iter().map(|v| !v.is_nan()).collect();
        // SAFETY: the caller's contract: non-NULL outputs hold `len` writable elements.
        unsafe {
            copy_out(o.tfp_growth, &growth);
            copy_out(o.tfp_growth_defined, &growth_defined);
            copy_out(o.tfp_share, &share);
            copy_out(o.tfp_share_defined, &share_defined);
            copy_out(o.preliminary, &prelim);
        }
        Ok(())
    })
}
