//! Benchmarks live beside this file; see `cargo bench -p nangsuat-benches`. This library holds
//! the synthetic data they share.

/// A synthetic production panel sorted by (period, unit): row-major inputs and outputs.
///
/// Units have persistent size and inefficiency; outputs follow a Cobb–Douglas technology with
/// decreasing returns whose level rises 2 % a period, with noise, so the frontier shifts and
/// units catch up or fall behind as in real panels.
#[derive(Debug, Clone)]
pub struct ProductionPanel {
    /// Unit of each row.
    pub unit: Vec<u32>,
    /// Period of each row.
    pub period: Vec<i32>,
    /// `rows × n_inputs` inputs.
    pub inputs: Vec<f64>,
    /// `rows × n_outputs` outputs.
    pub outputs: Vec<f64>,
    /// Inputs per row.
    pub n_inputs: usize,
    /// Outputs per row.
    pub n_outputs: usize,
}

impl ProductionPanel {
    /// `units × periods` rows with `n_inputs` inputs and `n_outputs` outputs.
    pub fn new(units: usize, periods: usize, n_inputs: usize, n_outputs: usize) -> Self {
        // A cheap deterministic generator (xorshift), uniform on [0, 1).
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut uniform = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let size: Vec<f64> = (0..units).map(|_| (3.0 * uniform()).exp()).collect();
        let skill: Vec<f64> = (0..units).map(|_| 0.6 + 0.4 * uniform()).collect();
        let mut panel = ProductionPanel {
            unit: Vec::with_capacity(units * periods),
            period: Vec::with_capacity(units * periods),
            inputs: Vec::with_capacity(units * periods * n_inputs),
            outputs: Vec::with_capacity(units * periods * n_outputs),
            n_inputs,
            n_outputs,
        };
        for t in 0..periods {
            let level = 1.02f64.powi(t as i32);
            for j in 0..units {
                panel.unit.push(j as u32);
                panel.period.push(2015 + t as i32);
                let mut log_scale = 0.0;
                for _ in 0..n_inputs {
                    let x = size[j] * (0.5 + uniform());
                    log_scale += x.ln() * 0.8 / n_inputs as f64;
                    panel.inputs.push(x);
                }
                let efficiency = (skill[j] * (0.9 + 0.1 * uniform())).min(1.0);
                for _ in 0..n_outputs {
                    let mix = 0.5 + uniform();
                    panel
                        .outputs
                        .push(level * log_scale.exp() * efficiency * mix);
                }
            }
        }
        panel
    }
}
