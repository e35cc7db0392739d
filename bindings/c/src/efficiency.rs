//! DEA and the Malmquist index on caller-owned arrays.

use crate::handles::{copy_out, give_string, out_arg, ref_arg, slice_arg};
use crate::monitoring::json;
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::efficiency::dea::{
    Dea, Frontier, Orientation, Production, ReturnsToScale, ScaleRegion,
};
use nangsuat::efficiency::malmquist::{Malmquist, MalmquistIndex};
use std::ffi::c_char;

/// Orientation: shrink inputs at given outputs (efficiency θ).
pub const NS_ORIENTATION_INPUT: i32 = 0;
/// Orientation: expand outputs at given inputs (efficiency 1/φ).
pub const NS_ORIENTATION_OUTPUT: i32 = 1;
/// Returns to scale: constant (CCR).
pub const NS_RTS_CRS: i32 = 0;
/// Returns to scale: variable (BCC, Σλ = 1).
pub const NS_RTS_VRS: i32 = 1;
/// Returns to scale: non-increasing (Σλ ≤ 1).
pub const NS_RTS_NIRS: i32 = 2;
/// Returns to scale: non-decreasing (Σλ ≥ 1).
pub const NS_RTS_NDRS: i32 = 3;
/// Scale region: undefined (the unit's problems could not be solved).
pub const NS_SCALE_UNDEFINED: i32 = -1;
/// Scale region: increasing returns (the unit is below its optimal scale; DEAP's `irs`).
pub const NS_SCALE_INCREASING: i32 = 0;
/// Scale region: at the most productive scale size.
pub const NS_SCALE_CONSTANT: i32 = 1;
/// Scale region: decreasing returns (above its optimal scale; DEAP's `drs`).
pub const NS_SCALE_DECREASING: i32 = 2;
/// Bit of `NsMalmquistOutput.defined`: `effch` is defined.
pub const NS_DEFINED_EFFCH: u8 = 1;
/// Bit: `techch` is defined.
pub const NS_DEFINED_TECHCH: u8 = 2;
/// Bit: `pech` is defined.
pub const NS_DEFINED_PECH: u8 = 4;
/// Bit: `sech` is defined.
pub const NS_DEFINED_SECH: u8 = 8;
/// Bit: `tfpch` is defined.
pub const NS_DEFINED_TFPCH: u8 = 16;
/// Bit: `rts_techch` is defined.
pub const NS_DEFINED_RTS_TECHCH: u8 = 32;
/// Bit: `rts_sech` is defined.
pub const NS_DEFINED_RTS_SECH: u8 = 64;

/// Inputs and outputs of `units` units, borrowed for the call: row-major matrices, row `j`
/// holding unit `j`'s `n_inputs` inputs (and `n_outputs` outputs). Values must be finite and
/// non-negative; each unit needs a positive input and a positive output.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsProduction {
    /// Number of units (rows).
    pub units: usize,
    /// Inputs per unit.
    pub n_inputs: usize,
    /// Outputs per unit.
    pub n_outputs: usize,
    /// `units × n_inputs` values.
    pub inputs: *const f64,
    /// `units × n_outputs` values.
    pub outputs: *const f64,
}

/// Caller-allocated outputs of `ns_dea`; any may be NULL when not wanted. Per-unit arrays
/// hold `units` elements; undefined values are NaN with their `*_defined` flag false: where a
/// unit's problem has no optimum (under VRS, a point no convex combination reaches), or, on
/// finite positive data, where one variable spans more orders of magnitude than a double
/// resolves (beyond about nine around its mean; the README, "Efficiency across units"):
/// never a wrong number.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsDeaOutput {
    /// Efficiency under the model's returns to scale, in (0, 1].
    pub efficiency: *mut f64,
    /// Whether `efficiency` is defined.
    pub efficiency_defined: *mut bool,
    /// Technical efficiency under CRS (DEAP's `crste`).
    pub technical: *mut f64,
    /// Pure technical efficiency under VRS (DEAP's `vrste`).
    pub pure_technical: *mut f64,
    /// Scale efficiency, technical / pure_technical.
    pub scale: *mut f64,
    /// Whether `technical`, `pure_technical` and `scale` are all defined (false when any of
    /// the three is not; each is then NaN or a number to be ignored).
    pub scale_defined: *mut bool,
    /// `NS_SCALE_INCREASING`, `NS_SCALE_CONSTANT`, `NS_SCALE_DECREASING` or
    /// `NS_SCALE_UNDEFINED`.
    pub scale_region: *mut i32,
    /// Input slacks, `units × n_inputs`, row-major, in the data's units.
    pub input_slacks: *mut f64,
    /// Output slacks, `units × n_outputs`.
    pub output_slacks: *mut f64,
    /// Number of peers of each unit (at most `n_inputs + n_outputs + 1`).
    pub peer_count: *mut usize,
    /// Peers, `units × (n_inputs + n_outputs + 1)`: unit `j`'s peers (row indices) are
    /// `peers[j * (n_inputs + n_outputs + 1) + p]` for `p < peer_count[j]`.
    pub peers: *mut usize,
    /// Peer weights λ, laid out as `peers`.
    pub peer_weights: *mut f64,
}

/// Caller-allocated outputs of `ns_malmquist`, one element per unit-pair; every array must
/// hold as many elements as the input has rows (an upper bound on the number of pairs).
/// `len` receives the number of pairs written; any other array may be NULL.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsMalmquistOutput {
    /// Receives the number of unit-pairs (rows) written. Required.
    pub len: *mut usize,
    /// Unit of each pair.
    pub unit: *mut i64,
    /// First period of each pair.
    pub period_from: *mut i32,
    /// Second period of each pair.
    pub period_to: *mut i32,
    /// Input row of the unit in `period_from`.
    pub row_from: *mut usize,
    /// Input row of the unit in `period_to`.
    pub row_to: *mut usize,
    /// Technical efficiency change (CRS).
    pub effch: *mut f64,
    /// Technical change (CRS).
    pub techch: *mut f64,
    /// Pure technical efficiency change (model's returns to scale).
    pub pech: *mut f64,
    /// Scale efficiency change, effch / pech.
    pub sech: *mut f64,
    /// Malmquist TFP index, effch × techch.
    pub tfpch: *mut f64,
    /// Technical change of the model's frontier (Ray & Desli 1997).
    pub rts_techch: *mut f64,
    /// Ray–Desli scale change: tfpch / (pech × rts_techch).
    pub rts_sech: *mut f64,
    /// `NS_DEFINED_*` bits of the columns defined in each row; undefined cells hold NaN.
    pub defined: *mut u8,
}

fn orientation(code: i32) -> Result<Orientation, Failure> {
    match code {
        NS_ORIENTATION_INPUT => Ok(Orientation::Input),
        NS_ORIENTATION_OUTPUT => Ok(Orientation::Output),
        other => Err(Failure::new(
            NsStatus::InvalidEnum,
            format!(
                "orientation = {other}: expected NS_ORIENTATION_INPUT (0) or \
                 NS_ORIENTATION_OUTPUT (1)"
            ),
        )),
    }
}

fn returns_to_scale(code: i32) -> Result<ReturnsToScale, Failure> {
    match code {
        NS_RTS_CRS => Ok(ReturnsToScale::Constant),
        NS_RTS_VRS => Ok(ReturnsToScale::Variable),
        NS_RTS_NIRS => Ok(ReturnsToScale::NonIncreasing),
        NS_RTS_NDRS => Ok(ReturnsToScale::NonDecreasing),
        other => Err(Failure::new(
            NsStatus::InvalidEnum,
            format!(
                "rts = {other}: expected NS_RTS_CRS (0), NS_RTS_VRS (1), NS_RTS_NIRS (2) or \
                 NS_RTS_NDRS (3)"
            ),
        )),
    }
}

/// The borrowed data.
///
/// # Safety
/// `data` is NULL or valid, its matrices holding `units × n_inputs` and `units × n_outputs`
/// readable elements.
unsafe fn production<'a>(data: *const NsProduction) -> Result<Production<'a>, Failure> {
    // SAFETY: the caller's contract.
    let d = unsafe { ref_arg(data, "data") }?;
    let count = |rows: usize, columns: usize, name: &str| {
        rows.checked_mul(columns).ok_or_else(|| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!("{name}: {rows} × {columns} elements overflow"),
            )
        })
    };
    let (m, s) = (
        count(d.units, d.n_inputs, "data.inputs")?,
        count(d.units, d.n_outputs, "data.outputs")?,
    );
    // SAFETY: as above.
    let (x, y) = unsafe {
        (
            slice_arg(d.inputs, m, "data.inputs")?,
            slice_arg(d.outputs, s, "data.outputs")?,
        )
    };
    Ok(Production::new(x, d.n_inputs, y, d.n_outputs)?)
}

/// `Option<f64>` values as (values with NaN, defined flags).
fn split(values: &[Option<f64>]) -> (Vec<f64>, Vec<bool>) {
    values
        .iter()
        .map(|v| (v.unwrap_or(f64::NAN), v.is_some()))
        .unzip()
}

/// DEA efficiency of every unit against the frontier of all units (Charnes, Cooper & Rhodes
/// 1978; Banker, Charnes & Cooper 1984; Coelli et al. 2005, ch. 8; as DEAP 2.1): input
/// orientation minimises θ, output orientation maximises φ (efficiency 1/φ), under
/// `NS_RTS_*` returns to scale. Technical (CRS), pure technical (VRS) and scale efficiency are
/// always computed; with `slacks`, a second stage maximises the slacks. Data are scaled by
/// their means before solving.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_NON_FINITE` and `NS_STATUS_OUT_OF_RANGE`
/// (negative) naming the variable and row; `NS_STATUS_INVALID_PARAMETER` (a unit with no
/// positive input or output, zero variables);
/// `NS_STATUS_EMPTY`; `NS_STATUS_INVALID_ENUM`.
///
/// # Safety
/// `data` is NULL or valid (see `NsProduction`); `out` is NULL or valid, each non-NULL array
/// sized as its field says.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_dea(
    data: *const NsProduction,
    orientation: i32,
    rts: i32,
    slacks: bool,
    out: *const NsDeaOutput,
) -> NsStatus {
    boundary(|| {
        let model =
            Dea::new(self::orientation(orientation)?, returns_to_scale(rts)?).slacks(slacks);
        // SAFETY: the caller's contract.
        let (production, o) = unsafe { (production(data)?, ref_arg(out, "out")?) };
        let r = model.compute(&production)?;
        let (m, s) = (production.n_inputs(), production.n_outputs());
        let width = m + s + 1;
        let (efficiency, efficiency_defined) = split(&r.efficiency);
        let (technical, technical_defined) = split(&r.technical);
        let (pure_technical, pure_technical_defined) = split(&r.pure_technical);
        let (scale, scale_only_defined) = split(&r.scale);
        // One flag for the three: set only where all three are numbers (the CRS problem can
        // solve where the VRS one cannot, and the other way round).
        let scale_defined: Vec<bool> = (0..technical.len())
            .map(|j| technical_defined[j] && pure_technical_defined[j] && scale_only_defined[j])
            .collect();
        let regions: Vec<i32> = r
            .scale_region
            .iter()
            .map(|region| match region {
                Some(ScaleRegion::Increasing) => NS_SCALE_INCREASING,
                Some(ScaleRegion::Constant) => NS_SCALE_CONSTANT,
                Some(ScaleRegion::Decreasing) => NS_SCALE_DECREASING,
                _ => NS_SCALE_UNDEFINED,
            })
            .collect();
        let units = r.units();
        let mut peer_count = vec![0usize; units];
        let mut peers = vec![0usize; units * width];
        let mut weights = vec![0.0f64; units * width];
        for j in 0..units {
            for (p, (peer, weight)) in r.peers(j).take(width).enumerate() {
                peers[j * width + p] = peer;
                weights[j * width + p] = weight;
                peer_count[j] = p + 1;
            }
        }
        // SAFETY: the caller's contract on `out`'s arrays.
        unsafe {
            copy_out(o.efficiency, &efficiency);
            copy_out(o.efficiency_defined, &efficiency_defined);
            copy_out(o.technical, &technical);
            copy_out(o.pure_technical, &pure_technical);
            copy_out(o.scale, &scale);
            copy_out(o.scale_defined, &scale_defined);
            copy_out(o.scale_region, &regions);
            copy_out(o.input_slacks, &r.input_slacks);
            copy_out(o.output_slacks, &r.output_slacks);
            copy_out(o.peer_count, &peer_count);
            copy_out(o.peers, &peers);
            copy_out(o.peer_weights, &weights);
        }
        Ok(())
    })
}

/// Efficiency of every unit of `points` (a plan's target bundles, another year's units)
/// against the frontier spanned by the units of `frontier`: θ (input orientation) or 1/φ
/// (output), under `NS_RTS_*` returns to scale. Points beyond best practice score above 1.
/// Where the frontier has no point on a unit's ray (under VRS, a point outside the units'
/// range), `defined` is false and the value NaN. `efficiency` and `defined` hold
/// `points->units` elements; either may be NULL.
///
/// Errors: as `ns_dea`, for either data set; `NS_STATUS_INVALID_PARAMETER` when the points'
/// numbers of inputs or outputs differ from the frontier's.
///
/// # Safety
/// `frontier` and `points` are NULL or valid; the non-NULL outputs hold `points->units`
/// writable elements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_frontier_efficiency(
    frontier: *const NsProduction,
    points: *const NsProduction,
    orientation: i32,
    rts: i32,
    efficiency: *mut f64,
    defined: *mut bool,
) -> NsStatus {
    boundary(|| {
        let (orientation, rts) = (self::orientation(orientation)?, returns_to_scale(rts)?);
        // SAFETY: the caller's contract.
        let (reference, points) = unsafe { (production(frontier)?, production(points)?) };
        let values = Frontier::new(&reference)?.efficiencies(&points, orientation, rts)?;
        let (values, flags) = split(&values);
        // SAFETY: the caller's contract on the outputs.
        unsafe {
            copy_out(efficiency, &values);
            copy_out(defined, &flags);
        }
        Ok(())
    })
}

/// The borrowed panel and the model of a Malmquist call, and its result.
///
/// # Safety
/// As `ns_malmquist`.
unsafe fn malmquist_index(
    data: *const NsProduction,
    unit: *const i64,
    period: *const i32,
    orientation: i32,
    rts: i32,
) -> Result<MalmquistIndex<i64>, Failure> {
    let model = Malmquist::new(self::orientation(orientation)?, returns_to_scale(rts)?);
    // SAFETY: the caller's contract.
    let production = unsafe { production(data) }?;
    let n = production.units();
    // SAFETY: as above.
    let (unit, period) = unsafe { (slice_arg(unit, n, "unit")?, slice_arg(period, n, "period")?) };
    Ok(model.compute(unit, period, &production)?)
}

/// The Malmquist productivity index of every unit between consecutive periods (Färe,
/// Grosskopf, Norris & Zhang 1994; Coelli et al. 2005, ch. 11; as DEAP 2.1 prints it):
/// `tfpch = effch × techch` from CRS distance functions, `effch = pech × sech` with `pech`
/// under `rts`; Ray & Desli's (1997) `rts_techch` and `rts_sech` from cross-period problems
/// under `rts`, undefined (flag clear, NaN) where those are infeasible. Every index above 1
/// means improvement. `unit[j]` and `period[j]` label row `j` of `data` (any order); the
/// technology of a period is spanned by every unit observed in it, and a unit enters a pair
/// of periods only if observed in both. Rows are written ordered by pair, then unit.
///
/// Errors: as `ns_dea`, plus `NS_STATUS_DUPLICATE_YEAR` (a unit twice in a period) and
/// `NS_STATUS_INSUFFICIENT_DATA` (fewer than two periods).
///
/// # Safety
/// `data` is NULL or valid; `unit` and `period` are NULL or hold `data->units` elements;
/// `out` is NULL or valid with non-NULL arrays of `data->units` elements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_malmquist(
    data: *const NsProduction,
    unit: *const i64,
    period: *const i32,
    orientation: i32,
    rts: i32,
    out: *const NsMalmquistOutput,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let o = unsafe { ref_arg(out, "out") }?;
        out_arg(o.len, "out.len")?;
        // SAFETY: as above.
        let index = unsafe { malmquist_index(data, unit, period, orientation, rts) }?;
        let rows = &index.changes;
        // The index columns in `Indices::NAMES` order; `NS_DEFINED_*` is bit k of column k.
        let targets = [
            o.effch,
            o.techch,
            o.pech,
            o.sech,
            o.tfpch,
            o.rts_techch,
            o.rts_sech,
        ];
        let values: Vec<[Option<f64>; 7]> = rows.iter().map(|c| c.indices.values()).collect();
        let defined: Vec<u8> = values
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_some())
                    .fold(0u8, |bits, (k, _)| bits | (1 << k))
            })
            .collect();
        let units: Vec<i64> = rows.iter().map(|c| c.unit).collect();
        let from: Vec<i32> = rows.iter().map(|c| c.period_from).collect();
        let to: Vec<i32> = rows.iter().map(|c| c.period_to).collect();
        let row_from: Vec<usize> = rows.iter().map(|c| c.row_from).collect();
        let row_to: Vec<usize> = rows.iter().map(|c| c.row_to).collect();
        // SAFETY: the caller's contract: arrays of `data->units` ≥ rows.len() elements.
        unsafe {
            copy_out(o.unit, &units);
            copy_out(o.period_from, &from);
            copy_out(o.period_to, &to);
            copy_out(o.row_from, &row_from);
            copy_out(o.row_to, &row_to);
            for (k, target) in targets.into_iter().enumerate() {
                let column: Vec<f64> = values
                    .iter()
                    .map(|row| row[k].unwrap_or(f64::NAN))
                    .collect();
                copy_out(target, &column);
            }
            copy_out(o.defined, &defined);
            *o.len = rows.len();
        }
        Ok(())
    })
}

/// The Malmquist index as JSON: `changes` (every row with its distance functions),
/// `period_means`, `unit_means` and `overall` (geometric means), `null` where undefined.
/// Arguments and errors as `ns_malmquist`; the string is freed with `ns_string_free`.
///
/// # Safety
/// As `ns_malmquist`; `json_out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_malmquist_json(
    data: *const NsProduction,
    unit: *const i64,
    period: *const i32,
    orientation: i32,
    rts: i32,
    json_out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        out_arg(json_out, "json_out")?;
        // SAFETY: the caller's contract.
        let index = unsafe { malmquist_index(data, unit, period, orientation, rts) }?;
        let text = json(&index)?;
        // SAFETY: checked non-NULL above.
        unsafe { give_string(json_out, text) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nangsuat::efficiency::malmquist::Indices;

    /// `ns_malmquist` sets bit k for column k of `Indices::NAMES`: the constants must agree.
    #[test]
    fn defined_bits_follow_the_index_order() {
        let bits = [
            NS_DEFINED_EFFCH,
            NS_DEFINED_TECHCH,
            NS_DEFINED_PECH,
            NS_DEFINED_SECH,
            NS_DEFINED_TFPCH,
            NS_DEFINED_RTS_TECHCH,
            NS_DEFINED_RTS_SECH,
        ];
        assert_eq!(Indices::NAMES.len(), bits.len());
        for (k, bit) in bits.into_iter().enumerate() {
            assert_eq!(bit, 1 << k, "{}", Indices::NAMES[k]);
        }
    }
}
