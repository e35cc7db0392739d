//! The empty-input rule at the C boundary: every entry point given zero rows, units, sectors
//! or periods returns `NS_STATUS_EMPTY` with a message naming what is empty, as the core
//! and Python do (README, "Reliability").

use std::ffi::c_char;
use std::ptr;

use crate::*;

fn message() -> String {
    let mut buf = vec![0 as c_char; 512];
    // SAFETY: `buf` holds `buf.len()` writable bytes.
    unsafe { ns_last_error_message(buf.as_mut_ptr(), buf.len()) };
    // SAFETY: NUL-terminated by the library.
    unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

thread_local! {
    static WRONG: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records a call that did not answer `NS_STATUS_EMPTY` naming `names`.
#[track_caller]
fn empty(status: NsStatus, names: &str) {
    let m = if status == NsStatus::Ok {
        String::new()
    } else {
        message()
    };
    if status != NsStatus::Empty || !m.contains(names) {
        let at = std::panic::Location::caller().line();
        WRONG.with(|w| {
            w.borrow_mut().push(format!(
                "line {at}: {status:?} `{m}` (expected Empty naming {names})"
            ))
        });
    }
}

#[test]
fn zero_rows_units_sectors_and_periods_are_empty() {
    let (f, i, y) = ([1.0f64], [1i64], [2020i32]);
    let no = NsAccountingInput {
        len: 0,
        year: y.as_ptr(),
        output: f.as_ptr(),
        capital: f.as_ptr(),
        labour: f.as_ptr(),
        labour_share: ptr::null(),
        labour_share_constant: 0.6,
        hours: ptr::null(),
        human_capital: ptr::null(),
    };
    let mut g = [0.0f64];
    let mut out: NsAccountingOutput = unsafe { std::mem::zeroed() };
    out.tfp_growth = g.as_mut_ptr();
    // SAFETY: zero rows; pointers valid.
    unsafe {
        empty(ns_growth_accounting(&no, ptr::null(), &out), "output");
        empty(
            ns_growth_accounting_panel(i.as_ptr(), &no, ptr::null(), &out),
            "output",
        );
    }
    let pwt = NsPwtInput {
        len: 0,
        countrycode: i.as_ptr(),
        year: y.as_ptr(),
        rgdpna: f.as_ptr(),
        rkna: f.as_ptr(),
        emp: f.as_ptr(),
        avh: f.as_ptr(),
        hc: f.as_ptr(),
        labsh: f.as_ptr(),
        cgdpo: f.as_ptr(),
        ck: f.as_ptr(),
    };
    // SAFETY: as above.
    unsafe {
        empty(
            ns_pwt_tfp(
                &pwt,
                1,
                g.as_mut_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut(),
            ),
            "countrycode",
        );
    }
    let production = NsProduction {
        units: 0,
        n_inputs: 1,
        n_outputs: 1,
        inputs: f.as_ptr(),
        outputs: f.as_ptr(),
    };
    let dea_out: NsDeaOutput = unsafe { std::mem::zeroed() };
    let mut len = 0usize;
    let mut malm: NsMalmquistOutput = unsafe { std::mem::zeroed() };
    malm.len = &mut len;
    let mut ok = [false];
    // SAFETY: as above.
    unsafe {
        empty(ns_dea(&production, 0, 0, false, &dea_out), "inputs");
        empty(
            ns_frontier_efficiency(
                &production,
                &production,
                0,
                0,
                g.as_mut_ptr(),
                ok.as_mut_ptr(),
            ),
            "inputs",
        );
        empty(
            ns_malmquist(&production, i.as_ptr(), y.as_ptr(), 0, 0, &malm),
            "inputs",
        );
    }
    let sfa = NsSfaData {
        rows: 0,
        n_x: 1,
        y: f.as_ptr(),
        x: f.as_ptr(),
        unit: ptr::null(),
        period: ptr::null(),
        n_z: 0,
        z: ptr::null(),
    };
    let options = NsSfaOptions {
        model: NS_SFA_ERROR_COMPONENTS,
        mu: false,
        eta: false,
        delta0: false,
        cost: false,
        tolerance: 0.0,
        max_iterations: 0,
    };
    let sfa_out: NsSfaOutput = unsafe { std::mem::zeroed() };
    let mut stock = [0.0];
    let mut ss: NsShiftShare = unsafe { std::mem::zeroed() };
    let mut counts = [0usize];
    // SAFETY: as above.
    unsafe {
        empty(ns_sfa(&sfa, &options, &sfa_out), "`y`");
        empty(
            ns_capital_stock(
                0,
                y.as_ptr(),
                f.as_ptr(),
                f.as_ptr(),
                1,
                ptr::null(),
                stock.as_mut_ptr(),
                ptr::null_mut(),
            ),
            "investment",
        );
        empty(
            ns_shift_share(
                0,
                f.as_ptr(),
                f.as_ptr(),
                f.as_ptr(),
                f.as_ptr(),
                ptr::null(),
                &mut ss,
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut(),
            ),
            "y0",
        );
        empty(
            ns_domar_aggregate(
                0,
                f.as_ptr(),
                f.as_ptr(),
                f.as_ptr(),
                1.0,
                1.0,
                g.as_mut_ptr(),
            ),
            "gross_output0",
        );
        empty(
            ns_index_series(
                0,
                1,
                f.as_ptr(),
                f.as_ptr(),
                0,
                0,
                g.as_mut_ptr(),
                ptr::null_mut(),
                counts.as_mut_ptr(),
                ptr::null_mut(),
            ),
            "prices",
        );
        empty(
            ns_index_series(
                2,
                0,
                f.as_ptr(),
                f.as_ptr(),
                0,
                0,
                g.as_mut_ptr(),
                ptr::null_mut(),
                counts.as_mut_ptr(),
                ptr::null_mut(),
            ),
            "items",
        );
    }
    let period = NsGeadPeriod {
        nominal: f.as_ptr(),
        real: f.as_ptr(),
        labour: f.as_ptr(),
        aggregate_real: 1.0,
    };
    let mut gead: NsGead = unsafe { std::mem::zeroed() };
    let names: [*const c_char; 1] = [c"x".as_ptr()];
    let mut json: *mut c_char = ptr::null_mut();
    // SAFETY: as above.
    unsafe {
        empty(
            ns_gead(
                0,
                &period,
                &period,
                &mut gead,
                ptr::null_mut(),
                ptr::null_mut(),
            ),
            "nominal0",
        );
        empty(
            ns_regions_to_nation_json(
                0,
                names.as_ptr(),
                y.as_ptr(),
                f.as_ptr(),
                f.as_ptr(),
                &mut json,
            ),
            "region",
        );
    }
    let wrong = WRONG.with(|w| w.take());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
