//! Growth accounting and PWT TFP on caller-owned arrays.

use crate::handles::{copy_out, optional_out, optional_slice, ref_arg, slice_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::accounting::pwt::{PwtInput, pwt_tfp};
use nangsuat::accounting::{AccountingBuffers, Field};
use nangsuat::share::Share;
use nangsuat::{AccountingInput, GrowthAccounting, LabourShare, NanPolicy, Profile};

/// Profile: Törnqvist (log growth, adjacent-year average shares; OECD 2001, EU KLEMS, PWT).
pub const NS_PROFILE_TORNQVIST: i32 = 0;
/// Profile: Viet Nam GSO (discrete growth, a constant labour share, labour quality in TFP).
pub const NS_PROFILE_GSO: i32 = 1;
/// Missing values: a NaN, infinity or gap in the years is an error (the default).
pub const NS_NAN_RAISE: i32 = 0;
/// Missing values: results that need a missing point are undefined.
pub const NS_NAN_PROPAGATE: i32 = 1;
/// Missing values: a missing point is stepped over (a multi-year step).
pub const NS_NAN_OMIT: i32 = 2;

/// Input columns of growth accounting: `len` rows, every array of `len` elements, borrowed
/// for the call. Volumes are at constant prices; `labour` is persons employed.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsAccountingInput {
    /// Number of rows.
    pub len: usize,
    /// Year of each row.
    pub year: *const i32,
    /// Output (GDP, GRDP, value added) volume.
    pub output: *const f64,
    /// Capital volume (services or stock).
    pub capital: *const f64,
    /// Persons employed.
    pub labour: *const f64,
    /// Labour's share of income per row (fractions in [0, 1]); NULL to use
    /// `labour_share_constant`.
    pub labour_share: *const f64,
    /// Labour's share when `labour_share` is NULL (a fraction in [0, 1]).
    pub labour_share_constant: f64,
    /// Average annual hours per person; NULL when labour is persons only.
    pub hours: *const f64,
    /// Human-capital (labour-quality) index; NULL when absent.
    pub human_capital: *const f64,
}

/// Options of growth accounting. Pass NULL for the defaults (Törnqvist, NS_NAN_RAISE, TFP
/// index 1 in each entity's first year).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsAccountingOptions {
    /// `NS_PROFILE_TORNQVIST` or `NS_PROFILE_GSO`.
    pub profile: i32,
    /// `NS_NAN_RAISE`, `NS_NAN_PROPAGATE` or `NS_NAN_OMIT`.
    pub nan_policy: i32,
    /// Whether `base_year` is set.
    pub has_base_year: bool,
    /// Year in which the TFP index is 1 (when `has_base_year`).
    pub base_year: i32,
}

/// Caller-allocated output arrays of `len` elements each; any may be NULL when not wanted,
/// and a column whose array is NULL is neither computed nor written (the NULL pointers are
/// the column selection). Growth columns are undefined in an entity's first year (and next
/// to a missing value): the `*_defined` flags say so (undefined cells also hold NaN). On
/// failure the arrays' contents are unspecified. The order of the value columns is the
/// core's column list (`nangsuat::accounting::Field::ALL`); the four added last complete it.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsAccountingOutput {
    /// Whether the growth columns are defined in each row.
    pub growth_defined: *mut bool,
    /// Output growth (log under Törnqvist, discrete under GSO).
    pub output_growth: *mut f64,
    /// Capital's contribution to output growth.
    pub capital_contribution: *mut f64,
    /// Labour quantity's contribution (persons, or persons × hours).
    pub labour_contribution: *mut f64,
    /// Labour quality's contribution (human capital).
    pub labour_quality_contribution: *mut f64,
    /// TFP growth; the four terms add up to output growth.
    pub tfp_growth: *mut f64,
    /// Labour-productivity growth (per unit of labour input).
    pub labour_productivity_growth: *mut f64,
    /// Capital deepening's contribution to labour-productivity growth.
    pub capital_deepening: *mut f64,
    /// TFP index, 1 in the base year.
    pub tfp_index: *mut f64,
    /// Whether the TFP index is defined.
    pub tfp_index_defined: *mut bool,
    /// TFP's share of output growth (a fraction).
    pub tfp_share: *mut f64,
    /// Whether TFP's share is defined (undefined when output growth is about zero, or TFP
    /// and output move in opposite directions).
    pub tfp_share_defined: *mut bool,
    /// Capital growth (log under Törnqvist, discrete under GSO).
    pub capital_growth: *mut f64,
    /// Labour-quantity growth (persons, or persons × hours).
    pub labour_growth: *mut f64,
    /// Labour-quality growth (`Δln hc`; 0 without an index and under GSO).
    pub labour_quality_growth: *mut f64,
    /// The labour weight used: the adjacent-year average share (Törnqvist) or `b_L` (GSO).
    pub labour_weight: *mut f64,
}

impl NsAccountingOutput {
    /// The value arrays in the core's column order (`Field::ALL`): the array's length is the
    /// core's column count, so a column added to the core cannot be left out here.
    fn columns(&self) -> [*mut f64; Field::COUNT] {
        [
            self.output_growth,
            self.capital_growth,
            self.labour_growth,
            self.labour_quality_growth,
            self.labour_weight,
            self.capital_contribution,
            self.labour_contribution,
            self.labour_quality_contribution,
            self.tfp_growth,
            self.labour_productivity_growth,
            self.capital_deepening,
            self.tfp_index,
            self.tfp_share,
        ]
    }
}

fn core_options(options: Option<&NsAccountingOptions>) -> Result<GrowthAccounting, Failure> {
    let Some(o) = options else {
        return Ok(GrowthAccounting::tornqvist());
    };
    let profile = match o.profile {
        NS_PROFILE_TORNQVIST => Profile::Tornqvist,
        NS_PROFILE_GSO => Profile::Gso,
        other => {
            return Err(Failure::new(
                NsStatus::InvalidEnum,
                format!(
                    "profile = {other}: expected NS_PROFILE_TORNQVIST (0) or NS_PROFILE_GSO (1)"
                ),
            ));
        }
    };
    let nan_policy = match o.nan_policy {
        NS_NAN_RAISE => NanPolicy::Raise,
        NS_NAN_PROPAGATE => NanPolicy::Propagate,
        NS_NAN_OMIT => NanPolicy::Omit,
        other => {
            return Err(Failure::new(
                NsStatus::InvalidEnum,
                format!(
                    "nan_policy = {other}: expected NS_NAN_RAISE (0), NS_NAN_PROPAGATE (1) or NS_NAN_OMIT (2)"
                ),
            ));
        }
    };
    let mut g = GrowthAccounting::with_profile(profile).nan_policy(nan_policy);
    if o.has_base_year {
        g = g.base_year(o.base_year);
    }
    Ok(g)
}

/// The borrowed input.
///
/// # Safety
/// Every non-NULL pointer of `i` points to `i.len` readable elements.
unsafe fn input(i: &NsAccountingInput) -> Result<AccountingInput<'_>, Failure> {
    let n = i.len;
    // SAFETY: the caller's contract, forwarded.
    let (year, output, capital, labour) = unsafe {
        (
            slice_arg(i.year, n, "input.year")?,
            slice_arg(i.output, n, "input.output")?,
            slice_arg(i.capital, n, "input.capital")?,
            slice_arg(i.labour, n, "input.labour")?,
        )
    };
    // SAFETY: as above.
    let share = match unsafe { optional_slice(i.labour_share, n, "input.labour_share")? } {
        Some(per_row) => LabourShare::PerRow(per_row),
        None => LabourShare::Constant(Share::new(i.labour_share_constant)?),
    };
    let mut input = AccountingInput::new(year, output, capital, labour, share);
    // SAFETY: as above.
    if let Some(h) = unsafe { optional_slice(i.hours, n, "input.hours")? } {
        input = input.hours(h);
    }
    // SAFETY: as above.
    if let Some(h) = unsafe { optional_slice(i.human_capital, n, "input.human_capital")? } {
        input = input.human_capital(h);
    }
    Ok(input)
}

/// Scratch for a mask the core needs that the caller did not ask for, and for a column whose
/// mask alone was asked for.
#[derive(Default)]
struct Scratch {
    values: [Vec<f64>; 2],
    masks: [Vec<bool>; 3],
}

/// The caller's arrays as core buffers: the caller's NULL columns are left out (not
/// computed); a mask the core needs is scratch when NULL.
///
/// # Safety
/// Every non-NULL pointer of `out` points to `n` writable elements, none aliasing another.
unsafe fn buffers<'o>(
    out: &NsAccountingOutput,
    n: usize,
    scratch: &'o mut Scratch,
) -> AccountingBuffers<'o> {
    let mut b = AccountingBuffers::default();
    let [index_values, share_values] = &mut scratch.values;
    let [growth, index, share] = &mut scratch.masks;
    let mut values = out.columns().into_iter();
    for slot in b.columns_mut() {
        let ptr = values.next().unwrap_or(std::ptr::null_mut());
        // SAFETY: the contract above.
        if let Some(s) = unsafe { optional_out(ptr, n) } {
            *slot = s;
        }
    }
    /// The caller's array, or `n` elements of scratch.
    ///
    /// # Safety
    /// As `buffers`.
    unsafe fn or_scratch<T: Default + Clone>(ptr: *mut T, n: usize, s: &mut Vec<T>) -> &mut [T] {
        // SAFETY: the contract above.
        match unsafe { optional_out(ptr, n) } {
            Some(slice) => slice,
            None => {
                *s = vec![T::default(); n];
                s
            }
        }
    }
    // SAFETY: the contract above.
    unsafe {
        b.growth_defined = or_scratch(out.growth_defined, n, growth);
        if !out.tfp_index.is_null() || !out.tfp_index_defined.is_null() {
            b.tfp_index = or_scratch(out.tfp_index, n, index_values);
            b.tfp_index_defined = or_scratch(out.tfp_index_defined, n, index);
        }
        if !out.tfp_share.is_null() || !out.tfp_share_defined.is_null() {
            b.tfp_share = or_scratch(out.tfp_share, n, share_values);
            b.tfp_share_defined = or_scratch(out.tfp_share_defined, n, share);
        }
    }
    b
}

/// Growth accounting of one series (consecutive years, one economy, province or sector).
///
/// Törnqvist: `Δln Y = s̄_K Δln K + s̄_L Δln L + s̄_L Δln hc + Δln TFP` with adjacent-year
/// average shares (OECD 2001; EU KLEMS; PWT). GSO: `G_A = G_Y − b_K G_K − b_L G_L` with
/// discrete growth and a constant share. `options` may be NULL (defaults). Results are
/// written to the non-NULL arrays of `out`, one element per input row.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT` for a NULL `input`, `out` or required column;
/// `NS_STATUS_NON_POSITIVE`, `NS_STATUS_NON_FINITE`, `NS_STATUS_OUT_OF_RANGE` (a share
/// outside [0, 1]), `NS_STATUS_DUPLICATE_YEAR`, `NS_STATUS_MISSING_YEAR`,
/// `NS_STATUS_YEAR_NOT_FOUND` (base year), `NS_STATUS_INVALID_PARAMETER` (GSO with per-row
/// shares or human capital), `NS_STATUS_INVALID_ENUM`, `NS_STATUS_EMPTY` (no rows).
///
/// # Safety
/// `input` and `out` are NULL or valid; their non-NULL arrays hold `input->len` elements;
/// `options` is NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_growth_accounting(
    input: *const NsAccountingInput,
    options: *const NsAccountingOptions,
    out: *const NsAccountingOutput,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (i, o) = unsafe { (ref_arg(input, "input")?, ref_arg(out, "out")?) };
        // SAFETY: as above.
        let accounting = core_options(unsafe { options.as_ref() })?;
        // SAFETY: as above.
        let core_input = unsafe { self::input(i) }?;
        let mut scratch = Scratch::default();
        // SAFETY: as above.
        let b = unsafe { buffers(o, core_input.len(), &mut scratch) };
        accounting.compute_into(&core_input, b)?;
        Ok(())
    })
}

/// Growth accounting of a panel: `entity[i]` labels row `i` (any integer codes); rows may come
/// in any order and results are aligned with the input rows. Rows sorted by (entity, year)
/// are processed in one pass; other orders are put in (entity, year) order in linear time.
/// Only the columns whose arrays are not NULL are computed and written. An entity without
/// the base year has an undefined TFP index. Otherwise as `ns_growth_accounting`; messages
/// name the entity code.
///
/// # Safety
/// As `ns_growth_accounting`; `entity` is NULL or holds `input->len` elements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_growth_accounting_panel(
    entity: *const i64,
    input: *const NsAccountingInput,
    options: *const NsAccountingOptions,
    out: *const NsAccountingOutput,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (i, o) = unsafe { (ref_arg(input, "input")?, ref_arg(out, "out")?) };
        // SAFETY: as above.
        let entity = unsafe { slice_arg(entity, i.len, "entity") }?;
        // SAFETY: as above.
        let accounting = core_options(unsafe { options.as_ref() })?;
        // SAFETY: as above.
        let core_input = unsafe { self::input(i) }?;
        let mut scratch = Scratch::default();
        // SAFETY: as above.
        let b = unsafe { buffers(o, core_input.len(), &mut scratch) };
        accounting.compute_panel_into(entity, &core_input, b)?;
        Ok(())
    })
}

/// Input columns in Penn World Table 10.01 layout, `len` rows each; NaN marks a missing value.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsPwtInput {
    /// Number of rows.
    pub len: usize,
    /// Country of each row, as integer codes of the caller's choosing.
    pub countrycode: *const i64,
    /// Year of each row.
    pub year: *const i32,
    /// Real GDP at constant national prices.
    pub rgdpna: *const f64,
    /// Capital services at constant national prices (2017 = 1).
    pub rkna: *const f64,
    /// Persons engaged (millions).
    pub emp: *const f64,
    /// Average annual hours worked by persons engaged.
    pub avh: *const f64,
    /// Human-capital index.
    pub hc: *const f64,
    /// Share of labour compensation in GDP.
    pub labsh: *const f64,
    /// Output-side real GDP at current PPPs.
    pub cgdpo: *const f64,
    /// Capital services levels at current PPPs (USA = 1).
    pub ck: *const f64,
}

/// PWT 10.01's `rtfpna` (TFP at constant national prices, 2017 = 1) and `ctfp` (TFP level at
/// current PPPs, `reference` = 1) from PWT's own inputs, by PWT's rules for hours (Feenstra,
/// Inklaar & Timmer 2015). `reference` is the code of the reference country (PWT: USA).
/// Outputs are caller arrays of `input->len` elements; any may be NULL when not wanted.
///
/// # Safety
/// `input` is NULL or valid with every array of `input->len` elements; non-NULL outputs hold
/// `input->len` writable elements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_pwt_tfp(
    input: *const NsPwtInput,
    reference: i64,
    rtfpna: *mut f64,
    rtfpna_defined: *mut bool,
    ctfp: *mut f64,
    ctfp_defined: *mut bool,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let i = unsafe { ref_arg(input, "input") }?;
        let n = i.len;
        // SAFETY: as above.
        let col = |p: *const f64, name: &str| unsafe { slice_arg(p, n, name) };
        let pwt = PwtInput::new(
            // SAFETY: as above.
            unsafe { slice_arg(i.countrycode, n, "input.countrycode") }?,
            // SAFETY: as above.
            unsafe { slice_arg(i.year, n, "input.year") }?,
            col(i.rgdpna, "input.rgdpna")?,
            col(i.rkna, "input.rkna")?,
            col(i.emp, "input.emp")?,
            col(i.avh, "input.avh")?,
            col(i.hc, "input.hc")?,
            col(i.labsh, "input.labsh")?,
            col(i.cgdpo, "input.cgdpo")?,
            col(i.ck, "input.ck")?,
        );
        let tfp = pwt_tfp(&pwt, &reference)?;
        // SAFETY: as above.
        unsafe {
            copy_out(rtfpna, &tfp.rtfpna);
            copy_out(rtfpna_defined, &tfp.rtfpna_defined);
            copy_out(ctfp, &tfp.ctfp);
            copy_out(ctfp_defined, &tfp.ctfp_defined);
        }
        Ok(())
    })
}
