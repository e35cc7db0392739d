//! DEA and the Malmquist index against published results: DEAP 2.1's examples (Coelli 1996,
//! *A Guide to DEAP Version 2.1*, CEPA Working Paper 96/08), printed to three decimals, and
//! analytic one-input, one-output cases.

use nangsuat::efficiency::dea::{Dea, Orientation, Production, ReturnsToScale, ScaleRegion};
use nangsuat::efficiency::malmquist::{Malmquist, MalmquistIndex};

/// DEAP prints three decimals (and rounds half-way cases either way).
const PRINTED: f64 = 5.01e-4;

fn close(ours: Option<f64>, published: f64, what: &str) {
    let ours = ours.unwrap_or_else(|| panic!("{what}: undefined, published {published}"));
    assert!(
        (ours - published).abs() <= PRINTED,
        "{what}: ours {ours}, published {published}"
    );
}

/// DEAP example 1 (`eg1-dta.txt`): five firms, one output, two inputs.
const EG1_INPUTS: [f64; 10] = [2.0, 5.0, 2.0, 4.0, 6.0, 6.0, 3.0, 2.0, 6.0, 2.0];
const EG1_OUTPUTS: [f64; 5] = [1.0, 2.0, 3.0, 1.0, 2.0];

#[test]
fn deap_example_1_input_crs_efficiencies_slacks_peers_and_targets() {
    let data = Production::new(&EG1_INPUTS, 2, &EG1_OUTPUTS, 1).unwrap();
    let r = Dea::new(Orientation::Input, ReturnsToScale::Constant)
        .compute(&data)
        .unwrap();
    for (j, te) in [0.500, 1.000, 0.833, 0.714, 1.000].into_iter().enumerate() {
        close(r.efficiency[j], te, &format!("te firm {}", j + 1));
    }
    // SUMMARY OF INPUT SLACKS: only firm 1 has one, 0.5 of input 2; no output slacks.
    for j in 0..5 {
        let expected = if j == 0 { 0.5 } else { 0.0 };
        assert!((r.input_slack(j).unwrap()[0]).abs() < 1e-9);
        assert!(
            (r.input_slack(j).unwrap()[1] - expected).abs() < 1e-9,
            "firm {}",
            j + 1
        );
        assert!(r.output_slack(j).unwrap()[0].abs() < 1e-9);
    }
    // SUMMARY OF PEERS and PEER WEIGHTS (DEAP numbers firms from 1).
    let published: [&[(usize, f64)]; 5] = [
        &[(2, 0.5)],
        &[(2, 1.0)],
        &[(2, 1.0), (5, 0.5)],
        &[(2, 0.214), (5, 0.286)],
        &[(5, 1.0)],
    ];
    for (j, peers) in published.iter().enumerate() {
        let ours: Vec<(usize, f64)> = r.peers(j).map(|(p, w)| (p + 1, w)).collect();
        assert_eq!(ours.len(), peers.len(), "firm {}: {ours:?}", j + 1);
        for ((p, w), (pp, pw)) in ours.iter().zip(peers.iter()) {
            assert_eq!(p, pp, "firm {}", j + 1);
            assert!((w - pw).abs() <= PRINTED, "firm {}: {w} vs {pw}", j + 1);
        }
    }
    // PEER COUNT SUMMARY: 0 3 0 0 2.
    assert_eq!(r.peer_counts(), vec![0, 3, 0, 0, 2]);
    // SUMMARY OF INPUT TARGETS.
    let targets = [
        [1.0, 2.0],
        [2.0, 4.0],
        [5.0, 5.0],
        [2.143, 1.429],
        [6.0, 2.0],
    ];
    for (j, t) in targets.iter().enumerate() {
        let ours = r.input_targets(&data, j).unwrap();
        for (o, p) in ours.iter().zip(t) {
            assert!((o - p).abs() <= PRINTED, "firm {}: {ours:?}", j + 1);
        }
        let y = r.output_targets(&data, j).unwrap();
        assert!((y[0] - EG1_OUTPUTS[j]).abs() < 1e-9);
    }
}

/// DEAP example 4 (`eg4-dta.txt`): five firms, three years, one output, one input; the data
/// are those whose distances DEAP prints in `eg4-out.txt` (each firm's output and input).
const EG4: [(i32, [(f64, f64); 5]); 3] = [
    (
        1,
        [(1.0, 2.0), (2.0, 4.0), (3.0, 3.0), (4.0, 5.0), (5.0, 6.0)],
    ),
    (
        2,
        [(1.0, 2.0), (3.0, 4.0), (4.0, 3.0), (3.0, 5.0), (5.0, 5.0)],
    ),
    (
        3,
        [(1.0, 2.0), (3.0, 4.0), (4.0, 3.0), (3.0, 5.0), (5.0, 5.0)],
    ),
];

fn eg4(orientation: Orientation) -> MalmquistIndex<usize> {
    let mut firm = Vec::new();
    let mut year = Vec::new();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for (t, rows) in EG4 {
        for (i, (output, input)) in rows.into_iter().enumerate() {
            firm.push(i + 1);
            year.push(t);
            y.push(output);
            x.push(input);
        }
    }
    let data = Production::new(&x, 1, &y, 1).unwrap();
    Malmquist::new(orientation, ReturnsToScale::Variable)
        .compute(&firm, &year, &data)
        .unwrap()
}

#[test]
fn deap_example_4_output_malmquist_distances_indices_and_means() {
    let m = eg4(Orientation::Output);
    // DISTANCES SUMMARY, year 1: crs te rel to tech in t and t+1, and vrs te.
    let year1 = [
        (0.500, 0.375, 1.000),
        (0.500, 0.375, 0.545),
        (1.000, 0.750, 1.000),
        (0.800, 0.600, 0.923),
        (0.833, 0.625, 1.000),
    ];
    // Year 2: crs te rel to tech in t-1 and t, and vrs te.
    let year2 = [
        (0.500, 0.375, 1.000),
        (0.750, 0.563, 0.667),
        (1.333, 1.000, 1.000),
        (0.600, 0.450, 0.600),
        (1.000, 0.750, 1.000),
    ];
    let first: Vec<_> = m.changes.iter().filter(|c| c.period_from == 1).collect();
    assert_eq!(first.len(), 5);
    for (c, ((t, t1, vrs), (prev, own, vrs2))) in first.iter().zip(year1.iter().zip(&year2)) {
        let what = format!("firm {}", c.unit);
        close(c.crs.tech_t_data_t, *t, &what);
        close(c.crs.tech_t1_data_t, *t1, &what);
        close(c.rts.tech_t_data_t, *vrs, &what);
        close(c.crs.tech_t_data_t1, *prev, &what);
        close(c.crs.tech_t1_data_t1, *own, &what);
        close(c.rts.tech_t1_data_t1, *vrs2, &what);
    }
    // MALMQUIST INDEX SUMMARY, year 2: effch techch pech sech tfpch.
    let published = [
        [0.750, 1.333, 1.000, 0.750, 1.000],
        [1.125, 1.333, 1.222, 0.920, 1.500],
        [1.000, 1.333, 1.000, 1.000, 1.333],
        [0.562, 1.333, 0.650, 0.865, 0.750],
        [0.900, 1.333, 1.000, 0.900, 1.200],
    ];
    for (c, p) in first.iter().zip(published) {
        let ours = [
            c.indices.effch,
            c.indices.techch,
            c.indices.pech,
            c.indices.sech,
            c.indices.tfpch,
        ];
        for ((o, v), name) in ours
            .into_iter()
            .zip(p)
            .zip(["effch", "techch", "pech", "sech", "tfpch"])
        {
            close(o, v, &format!("{name} firm {}", c.unit));
        }
    }
    // Year 3 repeats year 2's data: every index is 1.
    for c in m.changes.iter().filter(|c| c.period_from == 2) {
        for v in [
            c.indices.effch,
            c.indices.techch,
            c.indices.pech,
            c.indices.sech,
            c.indices.tfpch,
        ] {
            close(v, 1.0, &format!("year 3 firm {}", c.unit));
        }
    }
    // Annual means and the overall mean (geometric).
    let year2_mean = &m.period_means[0].means;
    let overall = &m.overall;
    for (ours, published) in [
        (year2_mean.indices.effch, 0.844),
        (year2_mean.indices.techch, 1.333),
        (year2_mean.indices.pech, 0.955),
        (year2_mean.indices.sech, 0.883),
        (year2_mean.indices.tfpch, 1.125),
        (overall.indices.effch, 0.918),
        (overall.indices.techch, 1.155),
        (overall.indices.pech, 0.977),
        (overall.indices.sech, 0.940),
        (overall.indices.tfpch, 1.061),
    ] {
        close(ours, published, "mean");
    }
    assert_eq!(m.period_means.len(), 2);
    assert_eq!(
        (m.period_means[1].period_from, m.period_means[1].period_to),
        (2, 3)
    );
    assert_eq!(m.unit_means.len(), 5);
    // Firm means are geometric means over the two pairs: firm 2's tfpch is √(1.5 × 1).
    close(
        m.unit_means[1].means.indices.tfpch,
        1.5f64.sqrt(),
        "firm 2 mean tfpch",
    );
}

#[test]
fn under_crs_the_index_does_not_depend_on_the_orientation() {
    let out = eg4(Orientation::Output);
    let inp = eg4(Orientation::Input);
    for (a, b) in out.changes.iter().zip(&inp.changes) {
        for (x, y) in [
            (a.indices.effch, b.indices.effch),
            (a.indices.techch, b.indices.techch),
            (a.indices.tfpch, b.indices.tfpch),
        ] {
            assert!((x.unwrap() - y.unwrap()).abs() < 1e-12);
        }
    }
    // pech does depend on it: firm 2's input-oriented VRS efficiencies differ.
    assert!(
        (out.changes[1].indices.pech.unwrap() - inp.changes[1].indices.pech.unwrap()).abs() > 1e-3
    );
}

#[test]
fn one_input_one_output_crs_index_is_the_change_in_the_productivity_ratio() {
    // Three units, two periods, arbitrary positive data.
    let x = [3.0, 5.0, 2.0, 4.0, 5.5, 2.5];
    let y = [2.0, 4.0, 1.0, 3.5, 4.0, 2.0];
    let unit = ["a", "b", "c", "a", "b", "c"];
    let period = [0, 0, 0, 1, 1, 1];
    let data = Production::new(&x, 1, &y, 1).unwrap();
    let m = Malmquist::new(Orientation::Output, ReturnsToScale::Constant)
        .compute(&unit, &period, &data)
        .unwrap();
    let ratio = |j: usize| y[j] / x[j];
    let best0 = (0..3).map(ratio).fold(0.0, f64::max);
    let best1 = (3..6).map(ratio).fold(0.0, f64::max);
    for (i, c) in m.changes.iter().enumerate() {
        let tfp = ratio(i + 3) / ratio(i);
        assert!((c.indices.tfpch.unwrap() - tfp).abs() < 1e-12, "{}", c.unit);
        assert!((c.indices.techch.unwrap() - best1 / best0).abs() < 1e-12);
        // CRS model: no scale component.
        assert!((c.indices.sech.unwrap() - 1.0).abs() < 1e-12);
        assert!((c.indices.rts_sech.unwrap() - 1.0).abs() < 1e-12);
    }
}

#[test]
fn infeasible_cross_period_vrs_problems_are_undefined_for_that_unit_only() {
    // Unit `small` in period 1 uses less input than any unit of period 0: against period 0's
    // VRS technology (output orientation) no convex combination uses so little input.
    let unit = ["big", "mid", "small", "big", "mid", "small"];
    let period = [2020, 2020, 2020, 2021, 2021, 2021];
    let x = [10.0, 6.0, 4.0, 10.0, 6.0, 1.0];
    let y = [8.0, 5.0, 2.0, 9.0, 5.5, 1.0];
    let data = Production::new(&x, 1, &y, 1).unwrap();
    let m = Malmquist::new(Orientation::Output, ReturnsToScale::Variable)
        .compute(&unit, &period, &data)
        .unwrap();
    let small = m.changes.iter().find(|c| c.unit == "small").unwrap();
    assert_eq!(small.rts.tech_t_data_t1, None);
    assert_eq!(small.indices.rts_techch, None);
    assert_eq!(small.indices.rts_sech, None);
    // The DEAP columns need no cross-period VRS problem and stay defined.
    assert!(
        small.indices.tfpch.is_some()
            && small.indices.pech.is_some()
            && small.indices.sech.is_some()
    );
    let big = m.changes.iter().find(|c| c.unit == "big").unwrap();
    assert!(big.indices.rts_techch.is_some());
    // Means skip undefined values but count the rows.
    assert_eq!(m.period_means[0].means.count, 3);
    assert!(m.period_means[0].means.indices.rts_techch.is_some());
}

#[test]
fn unbalanced_panels_pair_only_units_seen_in_both_periods() {
    let unit = ["a", "b", "a", "c", "b", "c", "a"];
    let period = [1, 1, 2, 2, 3, 3, 3];
    let x = [1.0, 2.0, 1.5, 2.0, 2.0, 1.0, 1.0];
    let y = [1.0, 1.5, 1.0, 2.5, 2.0, 1.2, 1.1];
    let data = Production::new(&x, 1, &y, 1).unwrap();
    let m = Malmquist::default().compute(&unit, &period, &data).unwrap();
    let pairs: Vec<(&str, i32, i32)> = m
        .changes
        .iter()
        .map(|c| (c.unit, c.period_from, c.period_to))
        .collect();
    assert_eq!(pairs, vec![("a", 1, 2), ("a", 2, 3), ("c", 2, 3)]);
    let a = &m.changes[0];
    assert_eq!((a.row_from, a.row_to), (0, 2));
    assert_eq!(
        m.unit_means.iter().map(|u| u.unit).collect::<Vec<_>>(),
        ["a", "c"]
    );
}

#[test]
fn malmquist_errors_name_the_unit_and_period() {
    let data = Production::new(&[1.0, 2.0, -1.0, 2.0], 1, &[1.0; 4], 1).unwrap();
    let err = Malmquist::default()
        .compute(&["a", "b", "a", "b"], &[1, 1, 2, 2], &data)
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("input 1 of unit `a`") && text.contains("2"),
        "{text}"
    );
    let data = Production::new(&[1.0; 4], 1, &[1.0; 4], 1).unwrap();
    let err = Malmquist::default()
        .compute(&["a", "a", "b", "b"], &[1, 1, 2, 2], &data)
        .unwrap_err();
    assert!(err.to_string().contains("year 1 more than once"), "{err}");
    let err = Malmquist::default()
        .compute(&["a", "b", "c", "d"], &[1, 1, 1, 1], &data)
        .unwrap_err();
    assert!(err.to_string().contains("two periods"), "{err}");
    let err = Malmquist::default()
        .compute(&["a", "b"], &[1, 2], &data)
        .unwrap_err();
    assert!(err.to_string().contains("unit"), "{err}");
}

#[test]
fn scale_regions_follow_the_nirs_test() {
    // One input, one output: (1,1) (2,3) (4,4): the middle unit is the most productive.
    let x = [1.0, 2.0, 4.0];
    let y = [1.0, 3.0, 4.0];
    let data = Production::new(&x, 1, &y, 1).unwrap();
    let r = Dea::new(Orientation::Input, ReturnsToScale::Variable)
        .compute(&data)
        .unwrap();
    assert_eq!(
        r.scale_region,
        vec![
            Some(ScaleRegion::Increasing),
            Some(ScaleRegion::Constant),
            Some(ScaleRegion::Decreasing)
        ]
    );
    for j in 0..3 {
        assert!((r.efficiency[j].unwrap() - 1.0).abs() < 1e-12);
        let expected = (y[j] / x[j]) / 1.5;
        assert!((r.scale[j].unwrap() - expected).abs() < 1e-12);
    }
}

#[test]
fn a_frontier_that_makes_none_of_an_output_gives_no_efficiency_not_a_huge_one() {
    // The panel the property tests shrank to. Unit 1 in 2000 makes only output 2 from 1 unit
    // of input; in 2002 the only unit using at most 1 unit of input makes none of output 2, so
    // under VRS φ = 0 exactly: no point on the ray. (Round-off once left φ ≈ 3e-18, reported as
    // efficiency 3.6e17; the floor that stops that is tested where it lives, in `dea`.)
    let unit = [6, 5, 4, 1, 0, 5, 4, 1, 0, 4, 2, 1, 0];
    let period = [
        2004, 2004, 2004, 2004, 2004, 2002, 2002, 2002, 2002, 2000, 2000, 2000, 2000,
    ];
    let x = [
        36.28372690203886,
        1.0,
        0.05,
        1.0,
        12.61063164967,
        1.0,
        46.494955367245936,
        45.027867599954426,
        37.773337672854844,
        21.055417826309526,
        11.83078594279532,
        1.0,
        45.32944323148025,
    ];
    let y = [
        1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.05, 1.0, 0.0, 1.0, 0.0,
        1.0, 0.0, 1.0, 0.0, 0.0, 0.05, 1.0, 0.0,
    ];
    let data = Production::new(&x, 1, &y, 2).unwrap();
    let m = Malmquist::new(Orientation::Output, ReturnsToScale::Variable)
        .compute(&unit, &period, &data)
        .unwrap();
    let one = m
        .changes
        .iter()
        .find(|c| c.unit == 1 && c.period_from == 2000)
        .unwrap();
    assert_eq!(one.rts.tech_t1_data_t, None);
    assert_eq!(one.indices.rts_techch, None);
    // Every distance that is defined is a finite, sensible number.
    for c in &m.changes {
        for d in [c.crs, c.rts] {
            for v in [
                d.tech_t_data_t,
                d.tech_t_data_t1,
                d.tech_t1_data_t,
                d.tech_t1_data_t1,
            ] {
                assert!(
                    v.is_none_or(|v| v > 0.0 && v < 1e6),
                    "unit {}: {v:?}",
                    c.unit
                );
            }
        }
    }
}

/// A DEAP 2.1 run published with its output file (output orientation, VRS, five firms, three
/// outputs, one input; every firm is VRS-efficient, so DEAP's "targets" print the data):
/// crste 1.000 0.843 0.632 0.650 0.633, vrste all 1, scale = crste, drs for firms 2–5.
#[test]
fn deap_output_vrs_run_with_scale_regions() {
    let outputs = [
        6149.0, 5.0, 537.0, 7364.0, 5.0, 679.0, 8874.0, 8.0, 905.0, 10063.0, 13.0, 1094.0, 12359.0,
        19.0, 1623.0,
    ];
    let inputs = [6.0, 9.0, 16.0, 24.0, 36.0];
    let data = Production::new(&inputs, 1, &outputs, 3).unwrap();
    let r = Dea::new(Orientation::Output, ReturnsToScale::Variable)
        .compute(&data)
        .unwrap();
    let crste = [1.000, 0.843, 0.632, 0.650, 0.633];
    for (j, &te) in crste.iter().enumerate() {
        close(r.technical[j], te, &format!("crste firm {}", j + 1));
        close(r.pure_technical[j], 1.0, &format!("vrste firm {}", j + 1));
        close(r.scale[j], te, &format!("scale firm {}", j + 1));
        let expected = if j == 0 {
            ScaleRegion::Constant
        } else {
            ScaleRegion::Decreasing
        };
        assert_eq!(r.scale_region[j], Some(expected), "firm {}", j + 1);
        // Each firm is its own peer with weight 1, and has no slack.
        let peers: Vec<(usize, f64)> = r.peers(j).collect();
        assert!(peers.len() == 1 && peers[0].0 == j && (peers[0].1 - 1.0).abs() < 1e-12);
        assert!(r.input_slack(j).unwrap().iter().all(|&s| s == 0.0));
        assert!(r.output_slack(j).unwrap().iter().all(|&s| s == 0.0));
    }
}
