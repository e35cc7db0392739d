//! Every cancellable engine stops with `Error::Interrupted` on a cancelled token, and gives
//! the plain variant's result, bit for bit, on a live token nobody cancels.

use nangsuat::cancel::Cancel;
use nangsuat::efficiency::dea::{Dea, Frontier, Orientation, Production, ReturnsToScale};
use nangsuat::efficiency::malmquist::Malmquist;
use nangsuat::efficiency::sfa::{Sfa, SfaInput};
use nangsuat::estimation::{FirmPanel, Method, ProductionFunction};
use nangsuat::{AccountingInput, ErrorKind, GrowthAccounting, LabourShare, Share};

/// Deterministic values in (1, 2) without a random-number crate.
fn values(n: usize, seed: f64) -> Vec<f64> {
    (0..n)
        .map(|i| 1.0 + ((i as f64 + 1.0) * seed).sin().abs())
        .collect()
}

fn cancelled() -> Cancel {
    let c = Cancel::new();
    c.cancel();
    c
}

#[test]
fn dea_frontier_and_malmquist() {
    let (x, y) = (values(80, 0.37), values(40, 0.91));
    let data = Production::new(&x, 2, &y, 1).unwrap();
    let dea = Dea::new(Orientation::Input, ReturnsToScale::Variable);
    let live = Cancel::new();
    assert_eq!(
        dea.compute_cancellable(&data, &live).unwrap(),
        dea.compute(&data).unwrap()
    );
    let err = dea.compute_cancellable(&data, &cancelled()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
    assert!(err.to_string().contains("data envelopment analysis"));

    let frontier = Frontier::new(&data).unwrap();
    let (o, crs) = (Orientation::Output, ReturnsToScale::Constant);
    assert_eq!(
        frontier
            .efficiencies_cancellable(&data, o, crs, &live)
            .unwrap(),
        frontier.efficiencies(&data, o, crs).unwrap()
    );
    let err = frontier
        .efficiencies_cancellable(&data, o, crs, &cancelled())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);

    let unit: Vec<u32> = (0..40).map(|i| i % 20).collect();
    let period: Vec<i32> = (0..40).map(|i| 2020 + i / 20).collect();
    let m = Malmquist::default();
    assert_eq!(
        m.compute_cancellable(&unit, &period, &data, &live).unwrap(),
        m.compute(&unit, &period, &data).unwrap()
    );
    let err = m
        .compute_cancellable(&unit, &period, &data, &cancelled())
        .unwrap_err();
    assert!(err.to_string().contains("the Malmquist index"));
}

#[test]
fn stochastic_frontier() {
    let n = 200;
    let x = values(n, 0.53);
    let y: Vec<f64> = x
        .iter()
        .zip(values(n, 1.7))
        .map(|(x, e)| 0.5 + 0.6 * x - 0.3 * (e - 1.0))
        .collect();
    let input = SfaInput::new(&y, &x, 1).unwrap();
    let sfa = Sfa::error_components();
    let live = sfa.fit_cancellable(&input, None, &Cancel::new()).unwrap();
    assert_eq!(live.params, sfa.fit(&input).unwrap().params);
    let err = sfa.fit_cancellable(&input, None, &cancelled()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
}

#[test]
fn production_function_and_its_bootstrap() {
    let (firms, years) = (60, 5);
    let n = firms * years;
    let firm: Vec<i64> = (0..n as i64).map(|r| r / years as i64).collect();
    let year: Vec<i32> = (0..n as i32).map(|r| 2010 + r % years as i32).collect();
    let (l, k) = (values(n, 0.31), values(n, 0.77));
    let noise = values(n, 3.1);
    let m: Vec<f64> = (0..n)
        .map(|r| 0.5 * k[r] + 0.3 * l[r] + 0.2 * noise[r])
        .collect();
    let e = values(n, 2.3);
    let y: Vec<f64> = (0..n)
        .map(|r| 0.6 * l[r] + 0.3 * k[r] + 0.1 * m[r] + 0.05 * e[r])
        .collect();
    let panel = FirmPanel::new(&firm, &year, "y", &y)
        .free("l", &l)
        .state("k", &k)
        .proxy("m", &m)
        .in_logs();
    let pf = ProductionFunction::new(Method::Acf).bootstrap(5);
    let live = pf.estimate_cancellable(&panel, &Cancel::new()).unwrap();
    assert_eq!(live.coefficients, pf.estimate(&panel).unwrap().coefficients);
    let err = pf.estimate_cancellable(&panel, &cancelled()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
}

#[test]
fn panel_growth_accounting() {
    let n = 10_000;
    let entity: Vec<u32> = (0..n as u32).map(|r| r / 10).collect();
    let years: Vec<i32> = (0..n as i32).map(|r| 2000 + r % 10).collect();
    let (y, k, l) = (values(n, 0.11), values(n, 0.23), values(n, 0.47));
    let input = AccountingInput::new(
        &years,
        &y,
        &k,
        &l,
        LabourShare::Constant(Share::new(0.6).unwrap()),
    );
    let ga = GrowthAccounting::tornqvist();
    let mut tfp = vec![0.0; n];
    let mut defined = vec![false; n];
    let buffers = || nangsuat::accounting::AccountingBuffers::default();
    let mut b = buffers();
    b.tfp_growth = &mut tfp;
    b.growth_defined = &mut defined;
    ga.compute_panel_into_cancellable(&entity, &input, b, &Cancel::new())
        .unwrap();
    let plain = ga.compute_panel(&entity, &input).unwrap();
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&tfp), bits(&plain.tfp_growth));
    let mut b = buffers();
    b.tfp_growth = &mut tfp;
    b.growth_defined = &mut defined;
    let err = ga
        .compute_panel_into_cancellable(&entity, &input, b, &cancelled())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
}
