//! What the C-boundary fuzz target checks, written once (the readers' and plans' checks are
//! in `harness.rs`; this one needs the C face's crate, which the core's tests cannot use).
//!
//! The fuzzer's bytes choose an entry point, its sizes, its values, its options and which
//! outputs are NULL. The harness keeps the contract's preconditions, as a C caller must: an
//! array the call may read or write is really that long (it is allocated here). Sizes are
//! fuzzed in two ways that keep that promise: small real sizes with real arrays, and sizes
//! no array can have (more bytes than `isize::MAX`, or a product of dimensions that
//! overflows), which the contract says are answered with a status before any array is read.
//!
//! A failure of the harness is a broken promise: a panic caught at the boundary
//! (`NS_STATUS_PANIC`), a failure without a message, an impossible size accepted, a value
//! flagged defined that is not finite, a plan that does not survive its own JSON or TOML.
//! An abort or an out-of-bounds access is caught by the fuzzer itself (AddressSanitizer).
//!
//! This file is a module of two crates: `fuzz/fuzz_targets/c_api.rs` (cargo-fuzz, nightly)
//! and `bindings/c/tests/fuzz_replay.rs` (stable, replays `fuzz/corpus/c_api/` and
//! `fuzz/regressions/c_api/`). Both name the C face's crate `nangsuat_c`.

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use nangsuat_c::*;

/// The fuzz target, by name, and what it runs on one input.
pub const TARGET: (&str, fn(&[u8])) = ("c_api", c_api);

/// Reads choices from the fuzzer's bytes; past the end every choice is 0.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn i32(&mut self) -> i32 {
        i32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// A year near the present, or now and then any `i32`.
    fn year(&mut self) -> i32 {
        match self.byte() {
            0..=239 => 1990 + i32::from(self.byte() % 40),
            _ => self.i32(),
        }
    }

    /// A value: mostly an ordinary positive number, sometimes one that tests the edges
    /// (zero, negative, NaN, ±∞, subnormal, huge, tiny, any bit pattern).
    fn f64(&mut self) -> f64 {
        match self.byte() {
            0..=199 => 0.05 + f64::from(self.byte()) * f64::from(self.byte() % 8 + 1),
            200..=209 => 0.0,
            210..=214 => -1.5,
            215..=219 => f64::NAN,
            220..=222 => f64::INFINITY,
            223..=224 => f64::NEG_INFINITY,
            225..=229 => 1e-300,
            230..=234 => 1e300,
            235..=239 => f64::MIN_POSITIVE / 4.0,
            240..=244 => 0.5,
            _ => f64::from_bits(u64::from_le_bytes(std::array::from_fn(|_| self.byte()))),
        }
    }

    fn f64s(&mut self, n: usize) -> Vec<f64> {
        (0..n).map(|_| self.f64()).collect()
    }

    /// A size: small and real most of the time, now and then one that no array of `T`
    /// can have (its bytes exceed `isize::MAX`), which the call must refuse.
    fn size(&mut self, max: usize) -> Size {
        match self.byte() {
            0..=247 => Size::Real(usize::from(self.byte()) % (max + 1)),
            248 | 249 => Size::Impossible(usize::MAX),
            250 | 251 => Size::Impossible(1 << 63),
            252 | 253 => Size::Impossible((1 << 62) + 3),
            _ => Size::Impossible((1 << 61) + 1),
        }
    }

    /// An enum code: a valid one mostly, sometimes any `i32`.
    fn code(&mut self, valid: i32) -> i32 {
        match self.byte() {
            0..=249 => i32::from(self.byte()) % valid,
            _ => self.i32(),
        }
    }
}

/// A size the harness can honour (`Real`) or one no array has (`Impossible`; every element
/// type the C API reads is at least 4 bytes wide where these are used, so `(1 << 61) + 1`
/// elements already exceed `isize::MAX` bytes).
#[derive(Debug, Clone, Copy)]
enum Size {
    Real(usize),
    Impossible(usize),
}

impl Size {
    fn value(self) -> usize {
        match self {
            Size::Real(n) | Size::Impossible(n) => n,
        }
    }

    fn real(self) -> Option<usize> {
        match self {
            Size::Real(n) => Some(n),
            Size::Impossible(_) => None,
        }
    }
}

/// The boundary's promise for every call: no panic, and a failure leaves a message.
fn returned(status: NsStatus, call: &str) -> NsStatus {
    assert_ne!(status, NsStatus::Panic, "{call} panicked: {}", last_error());
    if status != NsStatus::Ok {
        // SAFETY: NULL with length 0 asks only for the length.
        let needed = unsafe { ns_last_error_message(ptr::null_mut(), 0) };
        assert!(needed > 0, "{call} failed with {status:?} and no message");
    }
    status
}

/// A call given a size no array can have must refuse it.
fn refused(status: NsStatus, call: &str) {
    let status = returned(status, call);
    assert_ne!(
        status,
        NsStatus::Ok,
        "{call} accepted a size no array can have"
    );
}

fn last_error() -> String {
    let mut buf = vec![0 as c_char; 1024];
    // SAFETY: `buf` holds `buf.len()` writable bytes.
    unsafe { ns_last_error_message(buf.as_mut_ptr(), buf.len()) };
    // SAFETY: the library NUL-terminates what it writes.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// Where a flag says a value is defined, the value is a finite number.
fn defined_finite(values: &[f64], defined: &[bool], what: &str) {
    for (v, d) in values.iter().zip(defined) {
        assert!(!d || v.is_finite(), "{what} is flagged defined but is {v}");
    }
}

/// A pointer to the vector's data, or NULL when the vector is not wanted.
fn out_ptr<T>(v: &mut Option<Vec<T>>) -> *mut T {
    v.as_mut().map_or(ptr::null_mut(), |v| v.as_mut_ptr())
}

fn in_ptr<T>(v: &Option<Vec<T>>) -> *const T {
    v.as_ref().map_or(ptr::null(), |v| v.as_ptr())
}

/// One array of the stated length, or NULL when the mask bit says so.
fn maybe<T: Clone>(keep: bool, n: usize, fill: T) -> Option<Vec<T>> {
    keep.then(|| vec![fill; n])
}

/// Takes a string the library handed over (checking it is one) and frees it.
fn take_string(s: *mut c_char, call: &str) -> String {
    assert!(!s.is_null(), "{call} succeeded without a string");
    // SAFETY: a NUL-terminated string from the library, freed once below.
    let text = unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned();
    // SAFETY: returned by the library and not freed before.
    unsafe { ns_string_free(s) };
    text
}

/// The C entry points that take buffers or strings, one per selector byte.
pub fn c_api(data: &[u8]) {
    let mut c = Choices(data);
    match c.byte() % 10 {
        0 => accounting(&mut c, false),
        1 => accounting(&mut c, true),
        2 => dea(&mut c),
        3 => malmquist(&mut c),
        4 => sfa(&mut c),
        5 => capital_stock(&mut c),
        6 => shift_share_and_domar(&mut c),
        7 => index_series(&mut c),
        8 => read_table_bytes(&mut c),
        _ => plan(&mut c),
    }
}

fn accounting(c: &mut Choices, panel: bool) {
    let size = c.size(12);
    let n = size.real().unwrap_or(1);
    let year: Vec<i32> = if c.bool() {
        (0..n).map(|_| c.year()).collect()
    } else {
        let start = c.year();
        (0..n).map(|i| start.wrapping_add(i as i32)).collect()
    };
    let entity: Vec<i64> = (0..n).map(|_| i64::from(c.byte() % 3)).collect();
    let (output, capital, labour) = (c.f64s(n), c.f64s(n), c.f64s(n));
    let mask = c.byte();
    let share = maybe(mask & 1 != 0, n, 0.0).map(|_| c.f64s(n));
    let hours = maybe(mask & 2 != 0, n, 0.0).map(|_| c.f64s(n));
    let hc = maybe(mask & 4 != 0, n, 0.0).map(|_| c.f64s(n));
    let input = NsAccountingInput {
        len: size.value(),
        year: year.as_ptr(),
        output: output.as_ptr(),
        capital: capital.as_ptr(),
        labour: labour.as_ptr(),
        labour_share: in_ptr(&share),
        labour_share_constant: c.f64(),
        hours: in_ptr(&hours),
        human_capital: in_ptr(&hc),
    };
    let options = NsAccountingOptions {
        profile: c.code(2),
        nan_policy: c.code(3),
        has_base_year: c.bool(),
        base_year: c.year(),
    };
    let outs = c.byte();
    let mut growth_defined = maybe(outs & 1 != 0, n, false);
    let mut tfp_growth = maybe(outs & 2 != 0, n, 0.0);
    let mut output_growth = maybe(outs & 4 != 0, n, 0.0);
    let mut tfp_index = maybe(outs & 8 != 0, n, 0.0);
    let mut tfp_index_defined = maybe(outs & 8 != 0, n, false);
    let mut tfp_share = maybe(outs & 16 != 0, n, 0.0);
    let mut tfp_share_defined = maybe(outs & 16 != 0, n, false);
    let mut rest: Vec<Option<Vec<f64>>> = (0..9)
        .map(|i| maybe(outs & 32 != 0 || i == 0, n, 0.0))
        .collect();
    let out = NsAccountingOutput {
        growth_defined: out_ptr(&mut growth_defined),
        output_growth: out_ptr(&mut output_growth),
        capital_contribution: out_ptr(&mut rest[0]),
        labour_contribution: out_ptr(&mut rest[1]),
        labour_quality_contribution: out_ptr(&mut rest[2]),
        tfp_growth: out_ptr(&mut tfp_growth),
        labour_productivity_growth: out_ptr(&mut rest[3]),
        capital_deepening: out_ptr(&mut rest[4]),
        tfp_index: out_ptr(&mut tfp_index),
        tfp_index_defined: out_ptr(&mut tfp_index_defined),
        tfp_share: out_ptr(&mut tfp_share),
        tfp_share_defined: out_ptr(&mut tfp_share_defined),
        capital_growth: out_ptr(&mut rest[5]),
        labour_growth: out_ptr(&mut rest[6]),
        labour_quality_growth: out_ptr(&mut rest[7]),
        labour_weight: out_ptr(&mut rest[8]),
    };
    let options_ptr = if c.bool() {
        ptr::null()
    } else {
        &options as *const _
    };
    // SAFETY: every non-NULL array holds `n` elements; `len` is `n` or a size no array has.
    let status = unsafe {
        if panel {
            ns_growth_accounting_panel(entity.as_ptr(), &input, options_ptr, &out)
        } else {
            ns_growth_accounting(&input, options_ptr, &out)
        }
    };
    let call = if panel {
        "ns_growth_accounting_panel"
    } else {
        "ns_growth_accounting"
    };
    if size.real().is_none() {
        return refused(status, call);
    }
    if returned(status, call) != NsStatus::Ok {
        return;
    }
    if let Some(defined) = &growth_defined {
        for (v, name) in [
            (&tfp_growth, "tfp_growth"),
            (&output_growth, "output_growth"),
        ] {
            if let Some(v) = v {
                defined_finite(v, defined, name);
            }
        }
        defined_finite(
            rest[0].as_deref().unwrap_or_default(),
            defined,
            "capital_contribution",
        );
    }
    if let (Some(v), Some(d)) = (&tfp_index, &tfp_index_defined) {
        defined_finite(v, d, "tfp_index");
    }
    if let (Some(v), Some(d)) = (&tfp_share, &tfp_share_defined) {
        defined_finite(v, d, "tfp_share");
    }
}

/// Units, inputs and outputs: real sizes, or one that makes the matrices impossible.
fn production(c: &mut Choices) -> (NsProduction, Vec<f64>, Vec<f64>, bool) {
    let (units, m, s) = (c.size(8), c.size(3), c.size(3));
    // A matrix whose sizes are real is really that long; one with a size no array can have
    // gets one element behind its pointer, and the call must refuse it before reading.
    let mut matrix = |d: Size| match units.real().zip(d.real()) {
        Some((u, d)) => c.f64s(u * d),
        None => vec![1.0],
    };
    let (x, y) = (matrix(m), matrix(s));
    let data = NsProduction {
        units: units.value(),
        n_inputs: m.value(),
        n_outputs: s.value(),
        inputs: x.as_ptr(),
        outputs: y.as_ptr(),
    };
    // Per-unit outputs need `units` real elements; units × inputs that overflow, or whose
    // bytes exceed isize::MAX, are impossible too (no units, or no columns, make empty,
    // possible matrices).
    let bytes = |a: usize, b: usize| {
        a.checked_mul(b)
            .and_then(|n| n.checked_mul(8))
            .is_some_and(|b| isize::try_from(b).is_ok())
    };
    let possible = units.real().is_some()
        && bytes(units.value(), m.value())
        && bytes(units.value(), s.value());
    (data, x, y, possible)
}

fn dea(c: &mut Choices) {
    let (data, _x, _y, possible) = production(c);
    let (orientation, rts, slacks) = (c.code(2), c.code(4), c.bool());
    let outs = c.byte();
    let n = if possible && data.units <= 8 {
        data.units
    } else {
        0
    };
    let per_unit = |k: usize| n * k;
    let (m, s) = if n > 0 {
        (data.n_inputs, data.n_outputs)
    } else {
        (0, 0)
    };
    let peers_per = m + s + 1;
    let mut efficiency = maybe(outs & 1 != 0, per_unit(1), 0.0);
    let mut efficiency_defined = maybe(outs & 1 != 0, per_unit(1), false);
    let mut technical = maybe(outs & 2 != 0, per_unit(1), 0.0);
    let mut pure = maybe(outs & 2 != 0, per_unit(1), 0.0);
    let mut scale = maybe(outs & 2 != 0, per_unit(1), 0.0);
    let mut scale_defined = maybe(outs & 2 != 0, per_unit(1), false);
    let mut region = maybe(outs & 4 != 0, per_unit(1), 0i32);
    let mut in_slacks = maybe(outs & 8 != 0, per_unit(m), 0.0);
    let mut out_slacks = maybe(outs & 8 != 0, per_unit(s), 0.0);
    let mut peer_count = maybe(outs & 16 != 0, per_unit(1), 0usize);
    let mut peers = maybe(outs & 16 != 0, per_unit(peers_per), 0usize);
    let mut weights = maybe(outs & 16 != 0, per_unit(peers_per), 0.0);
    let out = NsDeaOutput {
        efficiency: out_ptr(&mut efficiency),
        efficiency_defined: out_ptr(&mut efficiency_defined),
        technical: out_ptr(&mut technical),
        pure_technical: out_ptr(&mut pure),
        scale: out_ptr(&mut scale),
        scale_defined: out_ptr(&mut scale_defined),
        scale_region: out_ptr(&mut region),
        input_slacks: out_ptr(&mut in_slacks),
        output_slacks: out_ptr(&mut out_slacks),
        peer_count: out_ptr(&mut peer_count),
        peers: out_ptr(&mut peers),
        peer_weights: out_ptr(&mut weights),
    };
    if c.bool() {
        // The frontier of the data itself, evaluated at the same points.
        let mut eff = vec![0.0; n];
        let mut def = vec![false; n];
        // SAFETY: as below; the two outputs hold `n` (= `units` when possible) elements.
        let status = unsafe {
            ns_frontier_efficiency(
                &data,
                &data,
                orientation,
                rts,
                eff.as_mut_ptr(),
                def.as_mut_ptr(),
            )
        };
        if !possible {
            return refused(status, "ns_frontier_efficiency");
        }
        if returned(status, "ns_frontier_efficiency") == NsStatus::Ok {
            defined_finite(&eff, &def, "frontier efficiency");
        }
        return;
    }
    // SAFETY: the matrices hold units × columns values (or the sizes are impossible); every
    // non-NULL output holds what the contract asks for `units` units.
    let status = unsafe { ns_dea(&data, orientation, rts, slacks, &out) };
    if !possible {
        return refused(status, "ns_dea");
    }
    if returned(status, "ns_dea") != NsStatus::Ok {
        return;
    }
    if let (Some(v), Some(d)) = (&efficiency, &efficiency_defined) {
        defined_finite(v, d, "DEA efficiency");
    }
    if let Some(d) = &scale_defined {
        for v in [&technical, &pure, &scale].into_iter().flatten() {
            defined_finite(v, d, "DEA technical/pure/scale");
        }
    }
    if let (Some(count), Some(peers)) = (&peer_count, &peers) {
        for (j, &k) in count.iter().enumerate() {
            assert!(
                k <= peers_per,
                "unit {j} has {k} peers, more than {peers_per}"
            );
            for &p in &peers[j * peers_per..j * peers_per + k] {
                assert!(p < n, "unit {j} has peer {p} of {n} units");
            }
        }
    }
}

fn malmquist(c: &mut Choices) {
    let (data, _x, _y, possible) = production(c);
    let n = if possible && data.units <= 8 {
        data.units
    } else {
        1
    };
    let unit: Vec<i64> = (0..n).map(|_| i64::from(c.byte() % 3)).collect();
    let period: Vec<i32> = (0..n).map(|_| 2000 + i32::from(c.byte() % 3)).collect();
    let (orientation, rts) = (c.code(2), c.code(4));
    if c.bool() {
        let mut json: *mut c_char = ptr::null_mut();
        // SAFETY: `unit` and `period` hold `units` elements when the sizes are possible.
        let status = unsafe {
            ns_malmquist_json(
                &data,
                unit.as_ptr(),
                period.as_ptr(),
                orientation,
                rts,
                &mut json,
            )
        };
        if !possible {
            return refused(status, "ns_malmquist_json");
        }
        if returned(status, "ns_malmquist_json") == NsStatus::Ok {
            take_string(json, "ns_malmquist_json");
        }
        return;
    }
    let mut len = 0usize;
    let mut cols: Vec<Vec<f64>> = (0..7).map(|_| vec![0.0; n]).collect();
    let mut defined = vec![0u8; n];
    let (mut u, mut pf, mut pt, mut rf, mut rt) = (
        vec![0i64; n],
        vec![0i32; n],
        vec![0i32; n],
        vec![0usize; n],
        vec![0usize; n],
    );
    let out = NsMalmquistOutput {
        len: &mut len,
        unit: u.as_mut_ptr(),
        period_from: pf.as_mut_ptr(),
        period_to: pt.as_mut_ptr(),
        row_from: rf.as_mut_ptr(),
        row_to: rt.as_mut_ptr(),
        effch: cols[0].as_mut_ptr(),
        techch: cols[1].as_mut_ptr(),
        pech: cols[2].as_mut_ptr(),
        sech: cols[3].as_mut_ptr(),
        tfpch: cols[4].as_mut_ptr(),
        rts_techch: cols[5].as_mut_ptr(),
        rts_sech: cols[6].as_mut_ptr(),
        defined: defined.as_mut_ptr(),
    };
    // SAFETY: as above; every output array holds `units` elements.
    let status = unsafe {
        ns_malmquist(
            &data,
            unit.as_ptr(),
            period.as_ptr(),
            orientation,
            rts,
            &out,
        )
    };
    if !possible {
        return refused(status, "ns_malmquist");
    }
    if returned(status, "ns_malmquist") != NsStatus::Ok {
        return;
    }
    assert!(len <= n, "ns_malmquist wrote {len} pairs for {n} rows");
    for row in 0..len {
        assert!(
            rf[row] < n && rt[row] < n,
            "a pair names a row past the input"
        );
        for (bit, col) in cols.iter().enumerate() {
            if defined[row] & (1 << bit) != 0 {
                assert!(
                    col[row].is_finite(),
                    "Malmquist column {bit} defined but {}",
                    col[row]
                );
            }
        }
    }
}

fn sfa(c: &mut Choices) {
    let (rows, n_x, n_z) = (c.size(10), c.size(2), c.size(2));
    let real = rows.real().zip(n_x.real()).zip(n_z.real());
    // Every array whose sizes are real is really that long (the call reads `y` and `x` before
    // it looks at `n_z`); a size no array can have gets one element behind the pointer.
    let (r, k, p) = (
        rows.real().unwrap_or(1),
        n_x.real().unwrap_or(1),
        n_z.real().unwrap_or(1),
    );
    let y = c.f64s(r);
    let x = c.f64s(r * k);
    let z = c.f64s(r * p);
    let unit: Vec<i64> = (0..r).map(|_| i64::from(c.byte() % 3)).collect();
    let period: Vec<i64> = (0..r).map(|_| i64::from(c.byte() % 4)).collect();
    let mask = c.byte();
    let data = NsSfaData {
        rows: rows.value(),
        n_x: n_x.value(),
        y: y.as_ptr(),
        x: x.as_ptr(),
        unit: if mask & 1 != 0 {
            unit.as_ptr()
        } else {
            ptr::null()
        },
        period: if mask & 2 != 0 {
            period.as_ptr()
        } else {
            ptr::null()
        },
        n_z: n_z.value(),
        z: if mask & 4 != 0 {
            z.as_ptr()
        } else {
            ptr::null()
        },
    };
    let options = NsSfaOptions {
        model: c.code(2),
        mu: c.bool(),
        eta: c.bool(),
        delta0: c.bool(),
        cost: c.bool(),
        tolerance: if c.bool() { 0.0 } else { c.f64() },
        // A short search keeps each run fast; the limit is part of the contract too.
        max_iterations: usize::from(c.byte() % 40),
    };
    let mut count = 0usize;
    // SAFETY: `data` and `options` are valid; `count` is writable.
    let status = unsafe { ns_sfa_param_count(&data, &options, &mut count) };
    let counted = returned(status, "ns_sfa_param_count") == NsStatus::Ok;
    let np = if counted && real.is_some() {
        count.min(64)
    } else {
        0
    };
    let mut params = vec![0.0; np];
    let mut se = vec![0.0; np];
    let mut se_defined = vec![false; np];
    let mut efficiency = vec![0.0; r];
    let mut eff_defined = vec![false; r];
    let mut ll = 0.0;
    let mut report: *mut c_char = ptr::null_mut();
    let want = np == count && np > 0;
    let out = NsSfaOutput {
        params: if want {
            params.as_mut_ptr()
        } else {
            ptr::null_mut()
        },
        std_errors: if want {
            se.as_mut_ptr()
        } else {
            ptr::null_mut()
        },
        std_errors_defined: if want {
            se_defined.as_mut_ptr()
        } else {
            ptr::null_mut()
        },
        covariance: ptr::null_mut(),
        log_likelihood: &mut ll,
        ols_log_likelihood: ptr::null_mut(),
        lr_statistic: ptr::null_mut(),
        lr_restrictions: ptr::null_mut(),
        lr_critical_5pct: ptr::null_mut(),
        lr_p_value: ptr::null_mut(),
        efficiency: if real.is_some() {
            efficiency.as_mut_ptr()
        } else {
            ptr::null_mut()
        },
        efficiency_defined: if real.is_some() {
            eff_defined.as_mut_ptr()
        } else {
            ptr::null_mut()
        },
        inefficiency: ptr::null_mut(),
        mean_efficiency: ptr::null_mut(),
        converged: ptr::null_mut(),
        iterations: ptr::null_mut(),
        wrong_skewness: ptr::null_mut(),
        boundary: ptr::null_mut(),
        report: if mask & 8 != 0 {
            &mut report
        } else {
            ptr::null_mut()
        },
    };
    // SAFETY: every array holds the rows (and columns) stated when the sizes are real;
    // parameter outputs are NULL unless they hold `ns_sfa_param_count` elements.
    let status = unsafe { ns_sfa(&data, &options, &out) };
    if real.is_none() {
        return refused(status, "ns_sfa");
    }
    if returned(status, "ns_sfa") != NsStatus::Ok {
        return;
    }
    if !report.is_null() {
        take_string(report, "ns_sfa report");
    }
    if want {
        assert!(
            params.iter().all(|v| v.is_finite()),
            "SFA estimates not finite: {params:?}"
        );
        defined_finite(&se, &se_defined, "SFA standard error");
    }
    defined_finite(&efficiency, &eff_defined, "SFA efficiency");
}

fn capital_stock(c: &mut Choices) {
    let size = c.size(12);
    let n = size.real().unwrap_or(1);
    let start = c.year();
    let year: Vec<i32> = (0..n).map(|i| start.wrapping_add(i as i32)).collect();
    let investment = c.f64s(n);
    let per_year = c.bool();
    let depreciation = c.f64s(if per_year { n } else { 1 });
    let output = c.f64s(n);
    let options = NsCapitalOptions {
        timing: c.code(2),
        has_initial_stock: c.bool(),
        initial_stock: c.f64(),
        window: usize::from(c.byte() % 8),
        basis: c.code(3),
        output: if c.bool() {
            output.as_ptr()
        } else {
            ptr::null()
        },
    };
    let mut stock = vec![0.0; n];
    let mut info = NsCapitalInfo {
        initial_stock: 0.0,
        has_initial_growth: false,
        initial_growth: 0.0,
    };
    let n_dep = if per_year { size.value() } else { 1 };
    // SAFETY: `year`, `investment`, `stock` and the optional output hold `n` values (or the
    // size is impossible); `depreciation` holds `n_dep`.
    let status = unsafe {
        ns_capital_stock(
            size.value(),
            year.as_ptr(),
            investment.as_ptr(),
            depreciation.as_ptr(),
            n_dep,
            if c.bool() { ptr::null() } else { &options },
            stock.as_mut_ptr(),
            &mut info,
        )
    };
    if size.real().is_none() {
        return refused(status, "ns_capital_stock");
    }
    if returned(status, "ns_capital_stock") == NsStatus::Ok {
        assert!(
            stock.iter().all(|k| k.is_finite()),
            "a non-finite capital stock: {stock:?}"
        );
        assert!(!info.has_initial_growth || info.initial_growth.is_finite());
    }
}

fn shift_share_and_domar(c: &mut Choices) {
    let size = c.size(10);
    let n = size.real().unwrap_or(1);
    let (y0, l0, yt, lt) = (c.f64s(n), c.f64s(n), c.f64s(n), c.f64s(n));
    if c.bool() {
        let mut out = 0.0;
        let (va0, vat) = (c.f64(), c.f64());
        // SAFETY: the three arrays hold `n` values (or the size is impossible).
        let status = unsafe {
            ns_domar_aggregate(
                size.value(),
                y0.as_ptr(),
                l0.as_ptr(),
                yt.as_ptr(),
                va0,
                vat,
                &mut out,
            )
        };
        if size.real().is_none() {
            return refused(status, "ns_domar_aggregate");
        }
        if returned(status, "ns_domar_aggregate") == NsStatus::Ok {
            assert!(out.is_finite(), "Domar aggregate {out}");
        }
        return;
    }
    let taxes = c.f64s(2);
    let mut out = NsShiftShare {
        base_level: 0.0,
        end_level: 0.0,
        within: 0.0,
        static_shift: 0.0,
        dynamic_shift: 0.0,
        tax: 0.0,
    };
    let units = c.bool();
    let (mut w, mut st, mut dy) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let unit = |v: &mut Vec<f64>| {
        if units {
            v.as_mut_ptr()
        } else {
            ptr::null_mut()
        }
    };
    // SAFETY: every array holds `n` values (or the size is impossible); `taxes` two.
    let status = unsafe {
        ns_shift_share(
            size.value(),
            y0.as_ptr(),
            l0.as_ptr(),
            yt.as_ptr(),
            lt.as_ptr(),
            if c.bool() {
                taxes.as_ptr()
            } else {
                ptr::null()
            },
            &mut out,
            unit(&mut w),
            unit(&mut st),
            unit(&mut dy),
        )
    };
    if size.real().is_none() {
        return refused(status, "ns_shift_share");
    }
    if returned(status, "ns_shift_share") == NsStatus::Ok {
        for v in [
            out.base_level,
            out.end_level,
            out.within,
            out.static_shift,
            out.dynamic_shift,
        ] {
            assert!(v.is_finite(), "a non-finite shift-share term: {out:?}");
        }
    }
}

fn index_series(c: &mut Choices) {
    let (periods, items) = (c.size(6), c.size(5));
    let real = periods.real().zip(items.real());
    let (t, k) = real.unwrap_or((1, 1));
    let (prices, quantities) = (c.f64s(t * k), c.f64s(t * k));
    let (formula, linking) = (c.code(4), c.code(3));
    let (mut p, mut q, mut matched, mut unmatched) =
        (vec![0.0; t], vec![0.0; t], vec![0usize; t], vec![0usize; t]);
    // SAFETY: the matrices hold periods × items values and the outputs `periods` (or a
    // size is impossible).
    let status = unsafe {
        ns_index_series(
            periods.value(),
            items.value(),
            prices.as_ptr(),
            quantities.as_ptr(),
            formula,
            linking,
            p.as_mut_ptr(),
            q.as_mut_ptr(),
            matched.as_mut_ptr(),
            unmatched.as_mut_ptr(),
        )
    };
    let possible = real.is_some()
        || periods.real() == Some(0)
        || items.real() == Some(0) && periods.real().is_some();
    if !possible {
        return refused(status, "ns_index_series");
    }
    returned(status, "ns_index_series");
}

/// A NUL-terminated copy of the rest of the input (cut at its first NUL).
fn c_text(c: &mut Choices) -> CString {
    let rest = std::mem::take(&mut c.0);
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    CString::new(&rest[..end]).expect("cut before the first NUL")
}

fn read_table_bytes(c: &mut Choices) {
    const FORMATS: [&CStr; 8] = [
        c"px",
        c"jsonstat",
        c"sdmx",
        c"sdmx-csv",
        c"xlsx",
        c"xls",
        c"csv",
        c"parquet",
    ];
    let format = c.byte();
    let format = (format < 8 * 16).then(|| FORMATS[usize::from(format % 8)]);
    let output = c.code(2);
    let impossible = c.byte() == 255;
    let bytes = std::mem::take(&mut c.0);
    let mut out: *mut c_char = ptr::null_mut();
    // The length is the slice's (or more than any array has, which must be refused).
    let len = if impossible { usize::MAX } else { bytes.len() };
    // SAFETY: `bytes` holds `len` bytes when `len` is possible; the strings are NULL or
    // NUL-terminated; `out` is writable.
    let status = unsafe {
        ns_read_table_bytes(
            if bytes.is_empty() {
                ptr::null()
            } else {
                bytes.as_ptr()
            },
            len,
            ptr::null(),
            format.map_or(ptr::null(), CStr::as_ptr),
            ptr::null(),
            ptr::null(),
            output,
            &mut out,
        )
    };
    if impossible {
        return refused(status, "ns_read_table_bytes");
    }
    if returned(status, "ns_read_table_bytes") == NsStatus::Ok {
        take_string(out, "ns_read_table_bytes");
    }
}

/// Reads a plan through the C API; `None` when it does not load.
fn load(text: &CStr, toml: bool) -> Option<*mut NsPlan> {
    let mut plan: *mut NsPlan = ptr::null_mut();
    // SAFETY: `text` is NUL-terminated; `plan` is writable.
    let status = unsafe {
        if toml {
            ns_plan_from_toml(text.as_ptr(), &mut plan)
        } else {
            ns_plan_from_json(text.as_ptr(), &mut plan)
        }
    };
    if returned(status, "ns_plan_from_*") == NsStatus::Ok {
        assert!(!plan.is_null(), "a plan loaded without a handle");
        Some(plan)
    } else {
        assert!(plan.is_null(), "a failed load touched the out-param");
        None
    }
}

/// Writes a plan through the C API as JSON or TOML.
fn write(plan: *mut NsPlan, toml: bool) -> CString {
    let mut s: *mut c_char = ptr::null_mut();
    // SAFETY: `plan` is a live handle; `s` is writable.
    let status = unsafe {
        if toml {
            ns_plan_to_toml(plan, &mut s)
        } else {
            ns_plan_to_json(plan, &mut s)
        }
    };
    assert_eq!(
        returned(status, "ns_plan_to_*"),
        NsStatus::Ok,
        "a loaded plan does not write"
    );
    CString::new(take_string(s, "ns_plan_to_*")).expect("no NUL in a plan's text")
}

/// A plan file read as a document: unedited it writes the text byte for byte; with its own
/// plan set back, it still reads as the same plan.
fn plan_document(text: &CStr, plan: *mut NsPlan, json: &CString) {
    let mut doc: *mut NsPlanDocument = ptr::null_mut();
    // SAFETY: `text` is NUL-terminated; `doc` is writable.
    let status = unsafe { ns_plan_document_from_toml(text.as_ptr(), &mut doc) };
    assert_eq!(
        returned(status, "ns_plan_document_from_toml"),
        NsStatus::Ok,
        "a plan that loads does not load as a document"
    );
    let mut s: *mut c_char = ptr::null_mut();
    // SAFETY: a live document and a writable out-param.
    let status = unsafe { ns_plan_document_to_toml(doc, &mut s) };
    assert_eq!(returned(status, "ns_plan_document_to_toml"), NsStatus::Ok);
    let unedited = take_string(s, "ns_plan_document_to_toml");
    assert_eq!(
        unedited.as_bytes(),
        text.to_bytes(),
        "an unedited document changed the text"
    );
    // SAFETY: live handles.
    let status = unsafe { ns_plan_document_set_plan(doc, plan) };
    assert_eq!(returned(status, "ns_plan_document_set_plan"), NsStatus::Ok);
    let mut s: *mut c_char = ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe { ns_plan_document_to_toml(doc, &mut s) };
    assert_eq!(returned(status, "ns_plan_document_to_toml"), NsStatus::Ok);
    let rewritten = CString::new(take_string(s, "ns_plan_document_to_toml"))
        .expect("no NUL in a document's text");
    let reloaded = load(&rewritten, true).unwrap_or_else(|| {
        panic!(
            "a document with its own plan set does not load: {}",
            last_error()
        )
    });
    assert_eq!(
        &write(reloaded, false),
        json,
        "setting a document's own plan changed the plan"
    );
    // SAFETY: handles made here, freed once.
    unsafe {
        ns_plan_free(reloaded);
        ns_plan_document_free(doc);
    }
}

/// Plans through the C API: what loads writes as JSON and TOML that load again and write the
/// same JSON, and validates.
fn plan(c: &mut Choices) {
    let toml = c.bool();
    let text = c_text(c);
    let Some(plan) = load(&text, toml) else {
        return;
    };
    let json = write(plan, false);
    let as_toml = write(plan, true);
    let mut findings: *mut c_char = ptr::null_mut();
    // SAFETY: a live handle and a writable out-param.
    let status = unsafe { ns_plan_validate(plan, &mut findings) };
    assert_eq!(returned(status, "ns_plan_validate"), NsStatus::Ok);
    take_string(findings, "ns_plan_validate");
    if toml {
        plan_document(&text, plan, &json);
    }
    // SAFETY: a handle from `load`, freed once.
    unsafe { ns_plan_free(plan) };
    for (again, via_toml) in [(&json, false), (&as_toml, true)] {
        let reloaded = load(again, via_toml).unwrap_or_else(|| {
            panic!(
                "a plan's own {} does not load: {}",
                if via_toml { "TOML" } else { "JSON" },
                last_error()
            )
        });
        assert_eq!(
            write(reloaded, false),
            json,
            "the round trip changed the plan"
        );
        // SAFETY: as above.
        unsafe { ns_plan_free(reloaded) };
    }
}
