//! Public-API behaviour of the production-function estimators: per-row failures, inference,
//! translog and gross output, and errors.
// Estimation on thousands of firms takes minutes unoptimised: these tests run in the
// release step of scripts/test (`cargo test --release -p nangsuat --test ...`).
#![cfg(not(debug_assertions))]

use nangsuat::ErrorKind;
use nangsuat::estimation::{FirmPanel, Method, ProductionFunction, RowStatus, StdErrorSource};

/// A small Olley–Pakes-style panel in levels (deterministic pseudo-random numbers).
struct Data {
    firm: Vec<i64>,
    year: Vec<i32>,
    y: Vec<f64>,
    l: Vec<f64>,
    k: Vec<f64>,
    m: Vec<f64>,
}

fn data(firms: usize, periods: usize) -> Data {
    let mut state = 12345u64;
    let mut normal = move || {
        let mut u = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let (a, b) = (u(), u());
        (-2.0 * a.ln()).sqrt() * (2.0 * std::f64::consts::PI * b).cos()
    };
    let mut d = Data {
        firm: vec![],
        year: vec![],
        y: vec![],
        l: vec![],
        k: vec![],
        m: vec![],
    };
    for f in 0..firms {
        let mut omega = 0.3 * normal();
        let mut k = 2.5 + 0.5 * normal();
        for t in 0..periods {
            omega = 0.7 * omega + 0.21 * normal();
            let l = (0.6f64.ln() + omega + 0.4 * k - 0.3 * normal()) / 0.4;
            let m = 0.6 * l + 0.4 * k + omega + 0.3;
            d.firm.push(f as i64);
            d.year.push(2000 + t as i32);
            d.y.push((0.6 * l + 0.4 * k + omega + 0.1 * normal()).exp());
            d.l.push(l.exp());
            d.k.push(k.exp());
            d.m.push(m.exp());
            let inv = 0.2f64.ln() + 0.5 * k + 1.2 + 1.5 * omega;
            k = (0.8 * k.exp() + inv.exp()).ln();
        }
    }
    d
}

#[test]
fn bad_rows_and_one_year_firms_are_reported_where_they_happen() {
    let mut d = data(60, 5);
    d.m[3] = 0.0; // a zero proxy
    d.l[7] = f64::NAN;
    d.firm.push(999);
    d.year.push(2003);
    d.y.push(5.0);
    d.l.push(2.0);
    d.k.push(10.0);
    d.m.push(3.0);
    let panel = FirmPanel::new(&d.firm, &d.year, "va", &d.y)
        .free("labour", &d.l)
        .state("capital", &d.k)
        .proxy("materials", &d.m);
    let fit = ProductionFunction::new(Method::LevinsohnPetrin)
        .estimate(&panel)
        .unwrap();
    assert_eq!(
        fit.row_status[3],
        RowStatus::NonPositive {
            series: "materials".into()
        }
    );
    assert_eq!(
        fit.row_status[7],
        RowStatus::NonFinite {
            series: "labour".into()
        }
    );
    assert_eq!(fit.tfp[3], None);
    assert!(fit.tfp[4].is_some());
    // Row 4 follows the removed row 3 in its firm: no lag.
    assert_eq!(fit.row_status[4], RowStatus::Used { lagged: false });
    assert_eq!(fit.one_year_firms, vec![999]);
    assert_eq!(fit.observations, d.y.len() - 2);
}

#[test]
fn wooldridge_analytic_errors_agree_with_the_bootstrap() {
    let d = data(400, 6);
    let panel = FirmPanel::new(&d.firm, &d.year, "va", &d.y)
        .free("labour", &d.l)
        .state("capital", &d.k)
        .proxy("materials", &d.m);
    let analytic = ProductionFunction::new(Method::Wooldridge)
        .estimate(&panel)
        .unwrap();
    assert_eq!(analytic.std_error_source, StdErrorSource::Analytic);
    let boot = ProductionFunction::new(Method::Acf)
        .bootstrap(30)
        .seed(3)
        .estimate(&panel)
        .unwrap();
    assert_eq!(
        boot.std_error_source,
        StdErrorSource::Bootstrap {
            replications: 30,
            failed: 0
        }
    );
    let a = analytic.std_errors.unwrap();
    assert!(a.iter().all(|s| *s > 0.0 && s.is_finite()));
    // The same seed gives the same draws; another seed does not.
    let again = ProductionFunction::new(Method::Acf)
        .bootstrap(30)
        .seed(3)
        .estimate(&panel)
        .unwrap();
    assert_eq!(boot.bootstrap_draws, again.bootstrap_draws);
    let other = ProductionFunction::new(Method::Acf)
        .bootstrap(30)
        .seed(4)
        .estimate(&panel)
        .unwrap();
    assert_ne!(boot.bootstrap_draws, other.bootstrap_draws);
    let opt = analytic.optimisation.unwrap();
    assert_eq!(opt.starts.len(), 2);
    assert!(opt.starts.iter().all(|s| s.objective.is_finite()));
}

/// The bootstrap computed in parts (as the workers of a cluster do) gives the estimate of one
/// run, to the bit, for ACF and for Wooldridge (analytic errors, draws kept); draws that do
/// not fit the call are refused.
#[test]
fn bootstrap_in_parts_equals_one_run() {
    let d = data(300, 6);
    let panel = FirmPanel::new(&d.firm, &d.year, "va", &d.y)
        .free("labour", &d.l)
        .state("capital", &d.k)
        .proxy("materials", &d.m);
    for method in [Method::Acf, Method::Wooldridge] {
        let pf = ProductionFunction::new(method).bootstrap(13).seed(11);
        let whole = pf.estimate(&panel).unwrap();
        let mut draws = Vec::new();
        for part in [0..4, 4..5, 5..13] {
            draws.extend(pf.bootstrap_draws(&panel, part).unwrap());
        }
        assert_eq!(draws.len(), 13);
        assert_eq!(
            pf.estimate_with_draws(&panel, draws.clone()).unwrap(),
            whole
        );
        let e = pf
            .estimate_with_draws(&panel, draws[..12].to_vec())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter);
        assert!(e.to_string().contains("12 bootstrap draws for 13"), "{e}");
        let mut wrong = draws.clone();
        wrong[3] = Some(vec![1.0]);
        let e = pf.estimate_with_draws(&panel, wrong).unwrap_err();
        assert!(e.to_string().contains("replication 3"), "{e}");
    }
}

#[test]
fn translog_nests_cobb_douglas_and_gives_row_elasticities() {
    let d = data(300, 6);
    let panel = FirmPanel::new(&d.firm, &d.year, "va", &d.y)
        .free("l", &d.l)
        .state("k", &d.k)
        .proxy("m", &d.m);
    let fit = ProductionFunction::new(Method::Ols)
        .translog(true)
        .estimate(&panel)
        .unwrap();
    assert_eq!(fit.names, ["l", "k", "l^2", "l*k", "k^2"]);
    let el = &fit.elasticities[0];
    // Elasticities vary by row and returns to scale is their sum.
    assert!(el[0] != el[1]);
    let rts = fit.returns_to_scale[0].unwrap();
    assert!((rts - el[0].unwrap() - fit.elasticities[1][0].unwrap()).abs() < 1e-12);
    let go = ProductionFunction::new(Method::Acf)
        .gross_output(true)
        .estimate(&panel)
        .unwrap();
    assert_eq!(go.names, ["l", "k", "m"]);
}

#[test]
fn errors_are_typed_and_say_what_to_do() {
    let d = data(20, 3);
    let no_proxy = FirmPanel::new(&d.firm, &d.year, "va", &d.y)
        .free("l", &d.l)
        .state("k", &d.k);
    let e = ProductionFunction::new(Method::Acf)
        .estimate(&no_proxy)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    assert!(e.to_string().contains("proxy"));
    let e = ProductionFunction::new(Method::Acf)
        .first_stage_degree(9)
        .estimate(&no_proxy)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutOfRange);
    let panel = no_proxy.clone().proxy("m", &d.m);
    let e = ProductionFunction::new(Method::OlleyPakes)
        .selection(true)
        .estimate(&panel)
        .unwrap_err();
    assert!(e.to_string().contains("exit"));
    let e = ProductionFunction::new(Method::Wooldridge)
        .gross_output(true)
        .estimate(&panel)
        .unwrap_err();
    assert!(e.to_string().contains("ACF"));
    let short = &d.l[..5];
    let bad = FirmPanel::new(&d.firm, &d.year, "va", &d.y)
        .free("l", short)
        .state("k", &d.k);
    let e = ProductionFunction::new(Method::Ols)
        .estimate(&bad)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LengthMismatch);
    assert!(e.to_string().contains("`l`"));
}
