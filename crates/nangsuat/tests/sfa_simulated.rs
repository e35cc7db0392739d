//! Stochastic frontiers on simulated data with known parameters (every model: half-normal,
//! truncated normal, time-varying η, inefficiency effects, cost), invariances, and the hard
//! cases (γ on either boundary, wrong skewness, one-observation units, one period, singular
//! designs, bad input).

use nangsuat::efficiency::sfa::{Boundary, Model, Sfa, SfaFit, SfaInput, translog};
use nangsuat::{Error, ErrorKind};

/// splitmix64 (Steele, Lea & Flood 2014) with Box–Muller normals: a deterministic generator
/// that needs no dependency.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
    /// N⁺(m, s²) by rejection (the designs keep m/s ≥ −1.5, so acceptance ≥ 7 %).
    fn truncated(&mut self, m: f64, s: f64) -> f64 {
        loop {
            let u = m + s * self.normal();
            if u >= 0.0 {
                return u;
            }
        }
    }
}

/// Estimates within `k` standard errors of the truth, for every parameter.
fn assert_within(fit: &SfaFit, truth: &[f64], k: f64, what: &str) {
    assert!(fit.convergence.converged, "{what}: {:?}", fit.convergence);
    for ((name, (est, se)), t) in fit
        .names
        .iter()
        .zip(fit.params.iter().zip(&fit.std_errors))
        .zip(truth)
    {
        let se = se.unwrap_or_else(|| panic!("{what}: no standard error for {name}"));
        assert!(
            (est - t).abs() < k * se,
            "{what}: {name} = {est:.4} ± {se:.4}, truth {t}"
        );
    }
}

/// A panel `N × T` with two regressors; `keep` drops rows at random (unbalanced panels).
struct Panel {
    y: Vec<f64>,
    x: Vec<f64>,
    z: Vec<f64>,
    unit: Vec<i64>,
    period: Vec<i64>,
    u: Vec<f64>,
}

const BETA: [f64; 3] = [1.0, 0.5, 0.3];

fn panel(
    rng: &mut Rng,
    n: usize,
    t: usize,
    keep: f64,
    sigma_v: f64,
    u_of: &mut dyn FnMut(&mut Rng, usize, usize, f64) -> f64,
) -> Panel {
    let mut p = Panel {
        y: vec![],
        x: vec![],
        z: vec![],
        unit: vec![],
        period: vec![],
        u: vec![],
    };
    for i in 0..n {
        for s in 1..=t {
            let drop = rng.uniform() > keep;
            let x1 = 2.0 * rng.uniform();
            let x2 = 3.0 * rng.uniform();
            let z1 = rng.uniform();
            let u = u_of(rng, i, s, z1);
            let v = sigma_v * rng.normal();
            // Always keep each unit's last period so every unit has a row.
            if drop && s < t {
                continue;
            }
            p.y.push(BETA[0] + BETA[1] * x1 + BETA[2] * x2 + v - u);
            p.x.extend([x1, x2]);
            p.z.push(z1);
            p.unit.push(i as i64);
            p.period.push(s as i64);
            p.u.push(u);
        }
    }
    p
}

#[test]
fn half_normal_cross_section_recovers_the_parameters() {
    // σ_v = 0.2, σ_u = 0.4: σ² = 0.2, γ = 0.8.
    for seed in 1..=4 {
        let mut rng = Rng(seed);
        let p = panel(&mut rng, 800, 1, 1.0, 0.2, &mut |r, _, _, _| {
            r.truncated(0.0, 0.4)
        });
        let input = SfaInput::new(&p.y, &p.x, 2).unwrap();
        let fit = Sfa::error_components().fit(&input).unwrap();
        assert_within(
            &fit,
            &[1.0, 0.5, 0.3, 0.2, 0.8],
            4.0,
            &format!("seed {seed}"),
        );
        // Predicted efficiencies track the true exp(−u).
        let truth: Vec<f64> = p.u.iter().map(|u| (-u).exp()).collect();
        let est: Vec<f64> = fit.efficiency.iter().map(|e| e.unwrap()).collect();
        assert!(correlation(&truth, &est) > 0.75);
        assert!(fit.lr_test.statistic > fit.lr_test.critical_value_1pct);
        assert!(!fit.wrong_skewness && fit.boundary.is_none());
    }
}

#[test]
fn truncated_normal_panel_recovers_mu() {
    // u_i ~ N⁺(0.3, 0.3²), T = 4, σ_v = 0.15: σ² = 0.1125, γ = 0.8.
    for seed in 11..=13 {
        let mut rng = Rng(seed);
        let mut u_i = vec![];
        let p = panel(&mut rng, 250, 4, 1.0, 0.15, &mut |r, i, _, _| {
            if u_i.len() <= i {
                u_i.push(r.truncated(0.3, 0.3));
            }
            u_i[i]
        });
        let input = SfaInput::new(&p.y, &p.x, 2)
            .unwrap()
            .units(&p.unit)
            .unwrap()
            .periods(&p.period)
            .unwrap();
        let fit = Sfa::error_components().mu(true).fit(&input).unwrap();
        assert_eq!(fit.names[5], "mu");
        assert_within(
            &fit,
            &[1.0, 0.5, 0.3, 0.1125, 0.8, 0.3],
            4.0,
            &format!("seed {seed}"),
        );
        assert_eq!(fit.lr_test.restrictions, 2);
        assert_eq!(fit.units, 250);
        assert_eq!(fit.periods, 4);
    }
}

#[test]
fn time_varying_eta_on_an_unbalanced_panel() {
    // u_it = exp(−η(t − T)) u_i, η = 0.1, u_i ~ N⁺(0, 0.35²), T = 6, 20 % of rows dropped.
    for seed in 21..=23 {
        let mut rng = Rng(seed);
        let mut u_i = vec![];
        let p = panel(&mut rng, 200, 6, 0.8, 0.15, &mut |r, i, s, _| {
            if u_i.len() <= i {
                u_i.push(r.truncated(0.0, 0.35));
            }
            (-0.1 * (s as f64 - 6.0)).exp() * u_i[i]
        });
        let input = SfaInput::new(&p.y, &p.x, 2)
            .unwrap()
            .units(&p.unit)
            .unwrap()
            .periods(&p.period)
            .unwrap();
        let fit = Sfa::error_components().eta(true).fit(&input).unwrap();
        let s2 = 0.15_f64.powi(2) + 0.35_f64.powi(2);
        let truth = [1.0, 0.5, 0.3, s2, 0.35_f64.powi(2) / s2, 0.1];
        assert_within(&fit, &truth, 4.0, &format!("seed {seed}"));
        // η > 0: efficiency rises over time, and the period means say so.
        let means: Vec<f64> = fit
            .mean_efficiency_by_period
            .iter()
            .map(|m| m.mean)
            .collect();
        assert_eq!(means.len(), 6);
        assert!(means[5] > means[0], "{means:?}");
        assert!(fit.rows < 1200);
    }
}

#[test]
fn inefficiency_effects_recover_delta() {
    // u_it ~ N⁺(0.1 + 0.6 z, 0.25²), σ_v = 0.15.
    for seed in 31..=33 {
        let mut rng = Rng(seed);
        let p = panel(&mut rng, 1000, 1, 1.0, 0.15, &mut |r, _, _, z| {
            r.truncated(0.1 + 0.6 * z, 0.25)
        });
        let input = SfaInput::new(&p.y, &p.x, 2)
            .unwrap()
            .effects(&p.z, 1)
            .unwrap();
        let fit = Sfa::inefficiency_effects().fit(&input).unwrap();
        assert_eq!(
            fit.names,
            [
                "beta_0", "beta_1", "beta_2", "delta_0", "delta_1", "sigma_sq", "gamma"
            ]
        );
        let s2 = 0.15_f64.powi(2) + 0.25_f64.powi(2);
        let truth = [1.0, 0.5, 0.3, 0.1, 0.6, s2, 0.25_f64.powi(2) / s2];
        assert_within(&fit, &truth, 4.0, &format!("seed {seed}"));
        assert_eq!(fit.lr_test.restrictions, 3);
        // The marginal effect of z on E[u] has δ₁'s sign and is smaller than δ₁.
        let (name, me) = &fit.marginal_effects[0];
        assert_eq!(name, "delta_1");
        assert!(*me > 0.0 && *me < fit.params[4]);
    }
}

#[test]
fn inefficiency_effects_without_delta0() {
    let mut rng = Rng(41);
    let p = panel(&mut rng, 800, 1, 1.0, 0.15, &mut |r, _, _, z| {
        r.truncated(0.8 * z, 0.25)
    });
    let input = SfaInput::new(&p.y, &p.x, 2)
        .unwrap()
        .effects(&p.z, 1)
        .unwrap();
    let fit = Sfa::inefficiency_effects()
        .delta0(false)
        .fit(&input)
        .unwrap();
    assert_eq!(fit.names[3], "delta_1");
    let s2 = 0.15_f64.powi(2) + 0.25_f64.powi(2);
    assert_within(
        &fit,
        &[1.0, 0.5, 0.3, 0.8, s2, 0.25_f64.powi(2) / s2],
        4.0,
        "no δ₀",
    );
}

#[test]
fn cost_frontier() {
    // C = xβ + v + u: cost efficiency E[exp(u)|ε] ≥ 1.
    for seed in 51..=52 {
        let mut rng = Rng(seed);
        let mut p = panel(&mut rng, 800, 1, 1.0, 0.2, &mut |r, _, _, _| {
            r.truncated(0.0, 0.4)
        });
        // Turn y = xβ + v − u into xβ + v + u.
        for (r, y) in p.y.iter_mut().enumerate() {
            *y += 2.0 * p.u[r];
        }
        let input = SfaInput::new(&p.y, &p.x, 2).unwrap();
        let fit = Sfa::error_components().cost(true).fit(&input).unwrap();
        assert_within(
            &fit,
            &[1.0, 0.5, 0.3, 0.2, 0.8],
            4.0,
            &format!("cost seed {seed}"),
        );
        assert!(fit.efficiency.iter().all(|e| e.unwrap() >= 1.0));
        // Production estimation of the same data sees the wrong skewness.
        let prod = Sfa::error_components().fit(&input).unwrap();
        assert!(prod.wrong_skewness);
    }
}

#[test]
fn rescaling_y_shifts_only_beta0_and_permuting_rows_changes_nothing() {
    let mut rng = Rng(61);
    let mut u_i = vec![];
    let p = panel(&mut rng, 60, 5, 0.85, 0.15, &mut |r, i, s, _| {
        if u_i.len() <= i {
            u_i.push(r.truncated(0.1, 0.3));
        }
        (-0.05 * (s as f64 - 5.0)).exp() * u_i[i]
    });
    let base = SfaInput::new(&p.y, &p.x, 2)
        .unwrap()
        .units(&p.unit)
        .unwrap()
        .periods(&p.period)
        .unwrap();
    let sfa = Sfa::error_components().mu(true).eta(true);
    let fit = sfa.fit(&base).unwrap();
    // y in other units: ln(1000·Y) = ln Y + ln 1000.
    let shift = 1000f64.ln();
    let y2: Vec<f64> = p.y.iter().map(|y| y + shift).collect();
    let scaled = SfaInput::new(&y2, &p.x, 2)
        .unwrap()
        .units(&p.unit)
        .unwrap()
        .periods(&p.period)
        .unwrap();
    let fit2 = sfa.fit(&scaled).unwrap();
    for (j, (a, b)) in fit.params.iter().zip(&fit2.params).enumerate() {
        let want = if j == 0 { a + shift } else { *a };
        assert!(
            (b - want).abs() < 1e-5 * want.abs().max(1.0),
            "param {j}: {a} vs {b}"
        );
    }
    for (a, b) in fit.efficiency.iter().zip(&fit2.efficiency) {
        assert!((a.unwrap() - b.unwrap()).abs() < 1e-6);
    }
    assert!((fit.log_likelihood - fit2.log_likelihood).abs() < 1e-7);
    // Rows shuffled (Fisher–Yates).
    let n = p.y.len();
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        perm.swap(i, j);
    }
    let py: Vec<f64> = perm.iter().map(|&r| p.y[r]).collect();
    let px: Vec<f64> = perm
        .iter()
        .flat_map(|&r| [p.x[2 * r], p.x[2 * r + 1]])
        .collect();
    let pu: Vec<i64> = perm.iter().map(|&r| p.unit[r]).collect();
    let pp: Vec<i64> = perm.iter().map(|&r| p.period[r]).collect();
    let permuted = SfaInput::new(&py, &px, 2)
        .unwrap()
        .units(&pu)
        .unwrap()
        .periods(&pp)
        .unwrap();
    let fit3 = sfa.fit(&permuted).unwrap();
    for (a, b) in fit.params.iter().zip(&fit3.params) {
        assert!((a - b).abs() < 1e-7 * a.abs().max(1.0), "{a} vs {b}");
    }
    for (k, &r) in perm.iter().enumerate() {
        let (a, b) = (fit.efficiency[r].unwrap(), fit3.efficiency[k].unwrap());
        assert!((a - b).abs() < 1e-8);
    }
}

#[test]
fn wrong_skewness_is_reported_and_gamma_goes_to_zero() {
    // No inefficiency at all, and residuals skewed to the right: the maximum is γ = 0.
    let mut rng = Rng(71);
    let mut p = panel(&mut rng, 300, 1, 1.0, 0.3, &mut |_, _, _, _| 0.0);
    for y in p.y.iter_mut() {
        // A right-skewed error: the positive part of a second normal added.
        *y += 0.3 * rng.normal().max(0.0);
    }
    let input = SfaInput::new(&p.y, &p.x, 2).unwrap();
    let fit = Sfa::error_components().fit(&input).unwrap();
    assert!(fit.wrong_skewness && fit.ols.skewness > 0.0);
    assert_eq!(
        fit.boundary,
        Some(Boundary::GammaZero),
        "γ = {}",
        fit.params[4]
    );
    // At γ = 0 the frontier is the OLS line: same β₁, β₂, no gain in likelihood, efficiency 1.
    assert!(fit.lr_test.statistic.abs() < 1e-6);
    assert!((fit.params[1] - fit.ols.beta[1]).abs() < 1e-4);
    assert!(
        fit.efficiency
            .iter()
            .all(|e| (e.unwrap() - 1.0).abs() < 1e-2)
    );
    assert!(fit.std_errors.iter().all(Option::is_none));
    assert!(fit.frontier_report().contains("skewed the wrong way"));
}

#[test]
fn no_noise_drives_gamma_to_one() {
    let mut rng = Rng(81);
    let p = panel(&mut rng, 300, 1, 1.0, 0.0, &mut |r, _, _, _| {
        r.truncated(0.0, 0.4)
    });
    let input = SfaInput::new(&p.y, &p.x, 2).unwrap();
    let fit = Sfa::error_components().fit(&input).unwrap();
    assert_eq!(
        fit.boundary,
        Some(Boundary::GammaOne),
        "γ = {}",
        fit.params[4]
    );
    assert!(fit.std_errors.iter().all(Option::is_none));
    // The frontier then envelops the data from above.
    let truth: Vec<f64> = p.u.iter().map(|u| (-u).exp()).collect();
    let est: Vec<f64> = fit.efficiency.iter().map(|e| e.unwrap()).collect();
    assert!(correlation(&truth, &est) > 0.99);
}

#[test]
fn a_unit_with_one_observation_and_unbalanced_units() {
    let mut rng = Rng(91);
    let mut p = panel(&mut rng, 80, 3, 1.0, 0.15, &mut |r, _, _, _| {
        r.truncated(0.0, 0.3)
    });
    // Unit 1000 appears once.
    p.y.push(1.2);
    p.x.extend([0.5, 0.5]);
    p.unit.push(1000);
    p.period.push(2);
    let input = SfaInput::new(&p.y, &p.x, 2)
        .unwrap()
        .units(&p.unit)
        .unwrap()
        .periods(&p.period)
        .unwrap();
    let fit = Sfa::error_components().eta(true).fit(&input).unwrap();
    assert!(fit.convergence.converged);
    assert_eq!(fit.units, 81);
    assert!(fit.efficiency.last().unwrap().is_some());
}

#[test]
fn eta_with_a_single_period_is_a_typed_error() {
    let mut rng = Rng(101);
    let p = panel(&mut rng, 50, 1, 1.0, 0.15, &mut |r, _, _, _| {
        r.truncated(0.0, 0.3)
    });
    let input = SfaInput::new(&p.y, &p.x, 2)
        .unwrap()
        .units(&p.unit)
        .unwrap()
        .periods(&p.period)
        .unwrap();
    let err = Sfa::error_components().eta(true).fit(&input).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert!(err.to_string().contains("single period"), "{err}");
    // η without periods at all.
    let input = SfaInput::new(&p.y, &p.x, 2).unwrap();
    let err = Sfa::error_components().eta(true).fit(&input).unwrap_err();
    assert!(err.to_string().contains("period"), "{err}");
}

#[test]
fn singular_designs_are_typed_errors_naming_the_column() {
    let mut rng = Rng(111);
    let p = panel(&mut rng, 50, 1, 1.0, 0.15, &mut |r, _, _, _| {
        r.truncated(0.0, 0.3)
    });
    // Third column = 2 × first.
    let x: Vec<f64> =
        p.x.chunks(2)
            .flat_map(|r| [r[0], r[1], 2.0 * r[0]])
            .collect();
    let input = SfaInput::new(&p.y, &x, 3)
        .unwrap()
        .x_names(vec!["lnK".into(), "lnL".into(), "lnK2".into()])
        .unwrap();
    let err = Sfa::error_components().fit(&input).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert!(err.to_string().contains("beta_3 (lnK2)"), "{err}");
    // A column of ones duplicates the intercept.
    let x: Vec<f64> = p.x.chunks(2).flat_map(|r| [1.0, r[0]]).collect();
    let err = Sfa::error_components()
        .fit(&SfaInput::new(&p.y, &x, 2).unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("beta_1"), "{err}");
    // A constant z duplicates δ₀.
    let z = vec![1.0; p.y.len()];
    let input = SfaInput::new(&p.y, &p.x, 2)
        .unwrap()
        .effects(&z, 1)
        .unwrap();
    let err = Sfa::inefficiency_effects().fit(&input).unwrap_err();
    assert!(err.to_string().contains("delta_1"), "{err}");
}

#[test]
fn bad_input_is_a_typed_error() {
    let y = [1.0, 2.0, f64::NAN, 1.5, 1.2, 1.1];
    let x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    let err = SfaInput::new(&y, &x, 1).unwrap_err();
    assert!(err.to_string().contains("y[row 2]"), "{err}");
    assert!(matches!(
        SfaInput::new(&y[..5], &x, 1),
        Err(Error::LengthMismatch { .. })
    ));
    let y = [1.0, 2.0, 1.4];
    let x = [0.1, 0.2, 0.3];
    let err = Sfa::error_components()
        .fit(&SfaInput::new(&y, &x, 1).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InsufficientData);
    // Duplicate unit-period rows.
    let y = [1.0, 2.0, 1.4, 1.1, 0.9, 1.3];
    let x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    let units = [1, 1, 2, 2, 3, 3];
    let periods = [1, 1, 1, 2, 1, 2];
    let input = SfaInput::new(&y, &x, 1)
        .unwrap()
        .units(&units)
        .unwrap()
        .periods(&periods)
        .unwrap();
    let err = Sfa::error_components().fit(&input).unwrap_err();
    assert!(err.to_string().contains("rows 0 and 1"), "{err}");
    // z with the error-components model; starting values outside the space.
    let z = [0.0; 6];
    let input = SfaInput::new(&y, &x, 1).unwrap().effects(&z, 1).unwrap();
    assert!(Sfa::error_components().fit(&input).is_err());
    let input = SfaInput::new(&y, &x, 1).unwrap();
    let err = Sfa::error_components()
        .fit_from(&input, &[0.0, 1.0, 0.2, 1.5])
        .unwrap_err();
    assert!(err.to_string().contains("gamma"), "{err}");
    assert!(
        Sfa::new(Model::ErrorComponents {
            mu: false,
            eta: false
        })
        .tolerance(0.0)
        .fit(&input)
        .is_err()
    );
}

#[test]
fn translog_design_feeds_a_frontier() {
    let mut rng = Rng(121);
    let p = panel(&mut rng, 400, 1, 1.0, 0.15, &mut |r, _, _, _| {
        r.truncated(0.0, 0.3)
    });
    let d = translog(&p.x, &["lnK".to_string(), "lnL".to_string()]).unwrap();
    assert_eq!(d.columns(), 5);
    assert_eq!(d.rows(), 400);
    let input = SfaInput::new(&p.y, &d.values, d.columns())
        .unwrap()
        .x_names(d.names.clone())
        .unwrap();
    let fit = Sfa::error_components().fit(&input).unwrap();
    // The true frontier is Cobb–Douglas: the second-order terms are near zero.
    for j in 3..6 {
        let se = fit.std_errors[j].unwrap();
        assert!(fit.params[j].abs() < 4.0 * se, "{}", fit.names[j]);
    }
    assert_eq!(fit.labels[3].as_deref(), Some("0.5*lnK^2"));
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}
