//! Capital stocks, shift-share, GEAD, regions → nation, Domar aggregation and index numbers on
//! caller-owned arrays.

use crate::handles::{copy_out, give_string, out_arg, plausible_len, ref_arg, slice_arg, str_arg};
use crate::monitoring::json;
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::AnnualSeries;
use nangsuat::accounting::capital::{GrowthBasis, PerpetualInventory, Timing};
use nangsuat::accounting::inventory::accumulate;
use nangsuat::structure::index::{Formula, Linking, index_series};
use nangsuat::structure::shift_share::{
    GeadPeriod, domar_aggregate, gead, regions_to_nation, shift_share, shift_share_with_taxes,
};
use std::ffi::c_char;

/// Capital timing: investment of year t is in the stock at the end of year t.
pub const NS_TIMING_END_OF_YEAR: i32 = 0;
/// Capital timing: investment arrives through the year, `(1 − δ/2)I_t` enters the stock.
pub const NS_TIMING_MID_YEAR: i32 = 1;
/// Harberger growth basis: the average growth of real investment over the window.
pub const NS_BASIS_INVESTMENT: i32 = 0;
/// Harberger growth basis: the average growth of real output (`NsCapitalOptions.output`).
pub const NS_BASIS_OUTPUT: i32 = 1;
/// Harberger growth basis: the trend of a fitted `ln I_t = a + b·t` (Nehru & Dhareshwar 1993).
pub const NS_BASIS_TREND: i32 = 2;

/// Options of `ns_capital_stock`. Pass NULL for the defaults: end of year, Harberger initial
/// stock from investment growth over the first 5 years.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsCapitalOptions {
    /// `NS_TIMING_END_OF_YEAR` or `NS_TIMING_MID_YEAR`.
    pub timing: i32,
    /// Whether `initial_stock` is given (else Harberger's).
    pub has_initial_stock: bool,
    /// The stock at the end of the first year, when `has_initial_stock`.
    pub initial_stock: f64,
    /// Years in the Harberger window (≥ 2).
    pub window: usize,
    /// `NS_BASIS_INVESTMENT`, `NS_BASIS_OUTPUT` or `NS_BASIS_TREND`.
    pub basis: i32,
    /// Real output, `len` values, for `NS_BASIS_OUTPUT`; NULL otherwise.
    pub output: *const f64,
}

/// What made a capital stock: the initial stock, and Harberger's growth `g` (NaN and
/// `has_initial_growth` false when the initial stock was given).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsCapitalInfo {
    /// The stock at the end of the first year.
    pub initial_stock: f64,
    /// Whether `initial_growth` is defined.
    pub has_initial_growth: bool,
    /// Harberger's `g`, a fraction per year.
    pub initial_growth: f64,
}

/// The capital stock by the perpetual inventory method (METHODS §4; OECD, *Measuring
/// Capital*, 2009): `K_t = (1 − δ_t)K_{t−1} + I_t` (or `(1 − δ_t/2)I_t` mid-year), the first
/// year's stock given or Harberger's (1978) `I_0·e/(g + δ_0)`. `year` and `investment` hold
/// `len` values (consecutive years, real investment); `depreciation` holds one rate
/// (`n_depreciation` = 1) or one per year (`n_depreciation` = `len`). Writes `len` values
/// into `stock`; `info` may be NULL.
///
/// # Safety
/// Arrays hold the stated number of elements; `options` and `info` are NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_capital_stock(
    len: usize,
    year: *const i32,
    investment: *const f64,
    depreciation: *const f64,
    n_depreciation: usize,
    options: *const NsCapitalOptions,
    stock: *mut f64,
    info: *mut NsCapitalInfo,
) -> NsStatus {
    boundary(|| {
        out_arg(stock, "stock")?;
        // SAFETY: the caller's contract.
        let (years, inv, rates) = unsafe {
            (
                slice_arg(year, len, "year")?,
                slice_arg(investment, len, "investment")?,
                slice_arg(depreciation, n_depreciation, "depreciation")?,
            )
        };
        if inv.is_empty() {
            // The first year's rate is needed below; no year is the empty-input error.
            return Err(nangsuat::Error::Empty {
                series: "investment".into(),
                needed: 1,
            }
            .into());
        }
        // SAFETY: NULL or valid.
        let o = unsafe { options.as_ref() };
        let timing = match o.map_or(NS_TIMING_END_OF_YEAR, |o| o.timing) {
            NS_TIMING_END_OF_YEAR => Timing::EndOfYear,
            NS_TIMING_MID_YEAR => Timing::MidYear,
            other => {
                return Err(Failure::new(
                    NsStatus::InvalidEnum,
                    format!(
                        "options.timing = {other}: expected NS_TIMING_END_OF_YEAR (0) or NS_TIMING_MID_YEAR (1)"
                    ),
                ));
            }
        };
        let per_year: Vec<f64> = match n_depreciation {
            1 => vec![rates[0]; len],
            n if n == len => rates.to_vec(),
            n => {
                return Err(Failure::new(
                    NsStatus::LengthMismatch,
                    format!(
                        "depreciation has {n} values: expected 1 (constant) or {len} (one per year)"
                    ),
                ));
            }
        };
        let series = AnnualSeries::new("investment", years.to_vec(), inv.to_vec())?;
        series.require_consecutive()?;
        let (k, k0, g) = match o {
            Some(o) if o.has_initial_stock => (
                accumulate(inv, &per_year, timing, o.initial_stock)?,
                o.initial_stock,
                None,
            ),
            _ => {
                let basis = match o.map_or(NS_BASIS_INVESTMENT, |o| o.basis) {
                    NS_BASIS_INVESTMENT => GrowthBasis::Investment,
                    NS_BASIS_TREND => GrowthBasis::LogLinearTrend,
                    NS_BASIS_OUTPUT => {
                        let ptr = o.map_or(std::ptr::null(), |o| o.output);
                        // SAFETY: the caller's contract: `len` values.
                        let y = unsafe { slice_arg(ptr, len, "options.output")? };
                        GrowthBasis::Output(AnnualSeries::new(
                            "output",
                            years.to_vec(),
                            y.to_vec(),
                        )?)
                    }
                    other => {
                        return Err(Failure::new(
                            NsStatus::InvalidEnum,
                            format!(
                                "options.basis = {other}: expected NS_BASIS_INVESTMENT (0), NS_BASIS_OUTPUT (1) or NS_BASIS_TREND (2)"
                            ),
                        ));
                    }
                };
                let est = PerpetualInventory::new(per_year[0])?
                    .timing(timing)
                    .window(o.map_or(5, |o| o.window))
                    .basis(basis)
                    .estimate(&series)?;
                (
                    accumulate(inv, &per_year, timing, est.initial_stock)?,
                    est.initial_stock,
                    Some(est.initial_growth),
                )
            }
        };
        // SAFETY: `stock` holds `len` elements; `info` is NULL or valid.
        unsafe {
            copy_out(stock, &k);
            if let Some(info) = info.as_mut() {
                *info = NsCapitalInfo {
                    initial_stock: k0,
                    has_initial_growth: g.is_some(),
                    initial_growth: g.unwrap_or(f64::NAN),
                };
            }
        }
        Ok(())
    })
}

/// A shift-share decomposition: levels (output per worker) and the terms, which sum to
/// `end_level − base_level`; divide by `base_level` for contributions to growth.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct NsShiftShare {
    /// Aggregate LP in the base period (GDP-based when taxes were given).
    pub base_level: f64,
    /// Aggregate LP in the end period.
    pub end_level: f64,
    /// Σ within-unit terms.
    pub within: f64,
    /// Σ static-shift terms.
    pub static_shift: f64,
    /// Σ dynamic-shift terms.
    pub dynamic_shift: f64,
    /// Product-tax term (0 without taxes).
    pub tax: f64,
}

/// Shift-share decomposition of aggregate labour productivity between two periods over `n`
/// units (sectors or provinces) (Fabricant 1942; Timmer & Szirmai 2000; METHODS §5): output
/// `y0`, `yt` and employment `l0`, `lt`. `taxes` is NULL or two values (net product taxes in
/// each period) for GDP-based LP from GVA-based sectors. The unit arrays (`n` values each,
/// before the tax scaling) may be NULL.
///
/// # Safety
/// Arrays hold the stated number of elements; `out` is valid.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ns_shift_share(
    n: usize,
    y0: *const f64,
    l0: *const f64,
    yt: *const f64,
    lt: *const f64,
    taxes: *const f64,
    out: *mut NsShiftShare,
    unit_within: *mut f64,
    unit_static_shift: *mut f64,
    unit_dynamic_shift: *mut f64,
) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        // SAFETY: the caller's contract.
        let (a, b, c, d) = unsafe {
            (
                slice_arg(y0, n, "y0")?,
                slice_arg(l0, n, "l0")?,
                slice_arg(yt, n, "yt")?,
                slice_arg(lt, n, "lt")?,
            )
        };
        let s = if taxes.is_null() {
            shift_share(a, b, c, d)?
        } else {
            // SAFETY: two values by contract.
            let t = unsafe { slice_arg(taxes, 2, "taxes")? };
            shift_share_with_taxes(a, b, c, d, t[0], t[1])?
        };
        let column = |f: fn(&nangsuat::structure::shift_share::UnitTerms) -> f64| {
            s.units.iter().map(f).collect::<Vec<f64>>()
        };
        // SAFETY: `out` checked; unit arrays NULL or `n` elements.
        unsafe {
            *out = NsShiftShare {
                base_level: s.base_level,
                end_level: s.end_level,
                within: s.within,
                static_shift: s.static_shift,
                dynamic_shift: s.dynamic_shift,
                tax: s.tax,
            };
            copy_out(unit_within, &column(|u| u.within));
            copy_out(unit_static_shift, &column(|u| u.static_shift));
            copy_out(unit_dynamic_shift, &column(|u| u.dynamic_shift));
        }
        Ok(())
    })
}

/// One period of `ns_gead`: `n` sectors' output at current prices, in chained volumes, and
/// employment, and the aggregate chained volume (not the sum of the sectors).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsGeadPeriod {
    /// Output at current prices.
    pub nominal: *const f64,
    /// Output in chained volumes.
    pub real: *const f64,
    /// Employment.
    pub labour: *const f64,
    /// Aggregate output in chained volumes.
    pub aggregate_real: f64,
}

/// The GEAD result: `within + reallocation = end_level − base_level` exactly.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct NsGead {
    /// Aggregate real output per worker, base period.
    pub base_level: f64,
    /// Aggregate real output per worker, end period.
    pub end_level: f64,
    /// Σ `p_i^0 S_i^0 (X_i^T − X_i^0)`.
    pub within: f64,
    /// Σ `X_i^T (p_i^T S_i^T − p_i^0 S_i^0)`.
    pub reallocation: f64,
}

/// The generalized exactly additive decomposition for chain-linked volumes (Tang & Wang 2004;
/// Diewert 2015) over `n` sectors. The unit arrays (`n` values) may be NULL.
///
/// # Safety
/// `base`, `end` and `out` are valid; their arrays hold `n` elements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_gead(
    n: usize,
    base: *const NsGeadPeriod,
    end: *const NsGeadPeriod,
    out: *mut NsGead,
    unit_within: *mut f64,
    unit_reallocation: *mut f64,
) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        // SAFETY: the caller's contract.
        let period = |p: *const NsGeadPeriod, name: &str| -> Result<GeadPeriod<'_>, Failure> {
            let p = unsafe { ref_arg(p, name)? };
            Ok(GeadPeriod {
                // SAFETY: `n` elements each by contract.
                nominal: unsafe { slice_arg(p.nominal, n, &format!("{name}.nominal"))? },
                real: unsafe { slice_arg(p.real, n, &format!("{name}.real"))? },
                labour: unsafe { slice_arg(p.labour, n, &format!("{name}.labour"))? },
                aggregate_real: p.aggregate_real,
            })
        };
        let g = gead(period(base, "base")?, period(end, "end")?)?;
        let (w, r): (Vec<f64>, Vec<f64>) = g.units.iter().copied().unzip();
        // SAFETY: `out` checked; unit arrays NULL or `n` elements.
        unsafe {
            *out = NsGead {
                base_level: g.base_level,
                end_level: g.end_level,
                within: g.within,
                reallocation: g.reallocation,
            };
            copy_out(unit_within, &w);
            copy_out(unit_reallocation, &r);
        }
        Ok(())
    })
}

/// Regions → nation: `len` rows of (region name, year, output, employment), any number of
/// sector rows per region and year, in any order; national LP change decomposed across
/// regions for each pair of adjacent years. The result is JSON (an array with, per year pair,
/// `from`, `to`, `regions`, `output`, `labour`, `region_output`, `decomposition` and
/// `contributions`: each region's share of national LP growth), owned by the caller
/// (`ns_string_free`).
///
/// # Safety
/// `region` holds `len` NUL-terminated strings; the other arrays `len` values; `json_out` is
/// valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_regions_to_nation_json(
    len: usize,
    region: *const *const c_char,
    year: *const i32,
    output: *const f64,
    labour: *const f64,
    json_out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        out_arg(json_out, "json_out")?;
        // SAFETY: the caller's contract.
        let (names, years, out, lab) = unsafe {
            (
                slice_arg(region, len, "region")?,
                slice_arg(year, len, "year")?,
                slice_arg(output, len, "output")?,
                slice_arg(labour, len, "labour")?,
            )
        };
        let labels = names
            .iter()
            .enumerate()
            // SAFETY: each a NUL-terminated string by contract.
            .map(|(i, p)| unsafe { str_arg(*p, &format!("region[{i}]")) }.map(str::to_owned))
            .collect::<Result<Vec<String>, Failure>>()?;
        let changes = regions_to_nation(&labels, years, out, lab)?;
        let rows: Vec<serde_json::Value> = changes
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or(serde_json::Value::Null);
                if let serde_json::Value::Object(m) = &mut v {
                    m.insert("contributions".into(), serde_json::json!(c.contributions()));
                }
                v
            })
            .collect();
        // SAFETY: checked non-NULL.
        unsafe { give_string(json_out, json(&rows)?) }
    })
}

/// Aggregate TFP growth from the TFP growth of `n` sectors by Domar weights (Domar 1961;
/// Hulten 1978): `Σ w̄_i g_i` with `w_i = gross output_i / aggregate value added`.
///
/// # Safety
/// Arrays hold `n` elements; `out` is valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_domar_aggregate(
    n: usize,
    sector_tfp_growth: *const f64,
    gross_output0: *const f64,
    gross_output_t: *const f64,
    value_added0: f64,
    value_added_t: f64,
    out: *mut f64,
) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        // SAFETY: the caller's contract.
        let (g, a, b) = unsafe {
            (
                slice_arg(sector_tfp_growth, n, "sector_tfp_growth")?,
                slice_arg(gross_output0, n, "gross_output0")?,
                slice_arg(gross_output_t, n, "gross_output_t")?,
            )
        };
        let v = domar_aggregate(g, a, b, value_added0, value_added_t)?;
        // SAFETY: checked non-NULL.
        unsafe { *out = v };
        Ok(())
    })
}

/// Index formula: Laspeyres `Σp¹q⁰/Σp⁰q⁰`.
pub const NS_FORMULA_LASPEYRES: i32 = 0;
/// Index formula: Paasche `Σp¹q¹/Σp⁰q¹`.
pub const NS_FORMULA_PAASCHE: i32 = 1;
/// Index formula: Fisher `√(L·P)`.
pub const NS_FORMULA_FISHER: i32 = 2;
/// Index formula: Törnqvist `exp Σ ½(s⁰ + s¹) ln(p¹/p⁰)`.
pub const NS_FORMULA_TORNQVIST: i32 = 3;
/// Linking: each period against period 0.
pub const NS_LINKING_FIXED_BASE: i32 = 0;
/// Linking: adjacent-period links multiplied.
pub const NS_LINKING_CHAINED: i32 = 1;
/// Linking: GEKS (Fisher) or CCDI (Törnqvist), transitive.
pub const NS_LINKING_MULTILATERAL: i32 = 2;

/// Price and quantity index series (period 0 = 1) exactly as the ILO/IMF CPI and PPI Manuals
/// (2004) define them, over `periods` × `items` row-major matrices `prices` and `quantities`
/// (NaN marks an item missing in a period: it is left out of the comparisons it would enter,
/// the matched-sample rule). Writes `periods` values into each non-NULL output: the indices,
/// and the items matched and left out in the comparison that produced each value.
///
/// # Safety
/// `prices` and `quantities` hold `periods × items` elements; outputs are NULL or hold
/// `periods` elements.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ns_index_series(
    periods: usize,
    items: usize,
    prices: *const f64,
    quantities: *const f64,
    formula: i32,
    linking: i32,
    price_index: *mut f64,
    quantity_index: *mut f64,
    matched: *mut usize,
    unmatched: *mut usize,
) -> NsStatus {
    boundary(|| {
        let formula = match formula {
            NS_FORMULA_LASPEYRES => Formula::Laspeyres,
            NS_FORMULA_PAASCHE => Formula::Paasche,
            NS_FORMULA_FISHER => Formula::Fisher,
            NS_FORMULA_TORNQVIST => Formula::Tornqvist,
            other => {
                return Err(Failure::new(
                    NsStatus::InvalidEnum,
                    format!(
                        "formula = {other}: expected NS_FORMULA_LASPEYRES (0), _PAASCHE (1), _FISHER (2) or _TORNQVIST (3)"
                    ),
                ));
            }
        };
        let linking = match linking {
            NS_LINKING_FIXED_BASE => Linking::FixedBase,
            NS_LINKING_CHAINED => Linking::Chained,
            NS_LINKING_MULTILATERAL => Linking::Multilateral,
            other => {
                return Err(Failure::new(
                    NsStatus::InvalidEnum,
                    format!(
                        "linking = {other}: expected NS_LINKING_FIXED_BASE (0), _CHAINED (1) or _MULTILATERAL (2)"
                    ),
                ));
            }
        };
        let count = periods.checked_mul(items).ok_or_else(|| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!("prices: {periods} × {items} elements overflow"),
            )
        })?;
        // The outputs hold `periods` values: a count no array can have is refused (with no
        // items, nothing else bounds it; found by the c_api fuzz target as a capacity-overflow
        // panic).
        plausible_len::<f64>(periods, "periods")?;
        // SAFETY: the caller's contract.
        let (p, q) = unsafe {
            (
                slice_arg(prices, count, "prices")?,
                slice_arg(quantities, count, "quantities")?,
            )
        };
        let rows = |m: &[f64]| -> Vec<Vec<f64>> {
            if items == 0 {
                vec![Vec::new(); periods]
            } else {
                m.chunks(items).map(<[f64]>::to_vec).collect()
            }
        };
        let s = index_series(&rows(p), &rows(q), formula, linking)?;
        // SAFETY: outputs NULL or `periods` elements.
        unsafe {
            copy_out(price_index, &s.price);
            copy_out(quantity_index, &s.quantity);
            copy_out(matched, &s.matched);
            copy_out(unmatched, &s.unmatched);
        }
        Ok(())
    })
}
