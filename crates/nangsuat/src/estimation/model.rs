//! The terms of the production function (Cobb–Douglas or translog) and their instruments.

use super::panel::{NO_LAG, Work};

/// The role of an input in the timing assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Chosen at t knowing ω_t (labour): instrumented by its lag.
    Free,
    /// Chosen at t−1 (capital): its own instrument.
    State,
    /// The proxy as an input of a gross-output function: instrumented by its lag.
    Proxy,
}

/// One regressor of the production function: a product of log inputs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    pub(crate) name: String,
    /// Indices into `Work::x` (one for a linear term, two for a translog square or product).
    pub(crate) factors: Vec<usize>,
}

/// The production function's terms and the roles of the inputs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Model {
    pub(crate) terms: Vec<Term>,
    pub(crate) roles: Vec<Role>,
    pub(crate) names: Vec<String>,
    /// Inputs of the production function (free, state and, for gross output, the proxy).
    pub(crate) inputs: usize,
}

impl Model {
    pub(crate) fn new(
        names: &[String],
        free: usize,
        state: usize,
        has_proxy: bool,
        gross_output: bool,
        translog: bool,
    ) -> Self {
        let mut roles = vec![Role::Free; free];
        roles.extend(std::iter::repeat_n(Role::State, state));
        if has_proxy {
            roles.push(Role::Proxy);
        }
        let inputs = free + state + usize::from(gross_output);
        let mut terms: Vec<Term> = (0..inputs)
            .map(|i| Term {
                name: names[i].clone(),
                factors: vec![i],
            })
            .collect();
        if translog {
            for i in 0..inputs {
                for j in i..inputs {
                    let name = if i == j {
                        format!("{}^2", names[i])
                    } else {
                        format!("{}*{}", names[i], names[j])
                    };
                    terms.push(Term {
                        name,
                        factors: vec![i, j],
                    });
                }
            }
        }
        Model {
            terms,
            roles,
            names: names.to_vec(),
            inputs,
        }
    }

    /// Whether a term involves a free input (identified in an OP/LP first stage).
    pub(crate) fn involves_free(&self, t: usize) -> bool {
        self.terms[t]
            .factors
            .iter()
            .any(|&f| self.roles[f] == Role::Free)
    }

    /// Value of term `t` at row `r`.
    #[inline]
    pub(crate) fn value(&self, w: &Work, t: usize, r: usize) -> f64 {
        self.terms[t].factors.iter().map(|&f| w.x[f][r]).product()
    }

    /// Value of term `t` at a row's values `x` (log inputs).
    pub(crate) fn value_at(&self, x: &[f64], t: usize) -> f64 {
        self.terms[t].factors.iter().map(|&f| x[f]).product()
    }

    /// Instrument of term `t` at row `r` (which must have a lag): free inputs and the proxy
    /// at t−1, state inputs at t.
    #[inline]
    pub(crate) fn instrument(&self, w: &Work, t: usize, r: usize) -> f64 {
        let lag = w.lag[r];
        debug_assert_ne!(lag, NO_LAG);
        self.terms[t]
            .factors
            .iter()
            .map(|&f| match self.roles[f] {
                Role::State => w.x[f][r],
                Role::Free | Role::Proxy => w.x[f][lag as usize],
            })
            .product()
    }

    /// ∂ term_t / ∂ x_input at the log inputs `x`.
    pub(crate) fn derivative(&self, t: usize, input: usize, x: &[f64]) -> f64 {
        let f = &self.terms[t].factors;
        let mut total = 0.0;
        for (pos, &g) in f.iter().enumerate() {
            if g == input {
                total += f
                    .iter()
                    .enumerate()
                    .filter(|(q, _)| *q != pos)
                    .map(|(_, &h)| x[h])
                    .product::<f64>();
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translog_terms_and_derivatives() {
        let names = vec!["l".to_string(), "k".to_string(), "m".to_string()];
        let m = Model::new(&names, 1, 1, true, false, true);
        let t: Vec<&str> = m.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(t, ["l", "k", "l^2", "l*k", "k^2"]);
        let x = [2.0, 3.0, 5.0];
        assert_eq!(m.derivative(2, 0, &x), 4.0); // d l^2 / dl = 2l
        assert_eq!(m.derivative(3, 0, &x), 3.0); // d lk / dl = k
        assert_eq!(m.derivative(4, 0, &x), 0.0);
        assert!(m.involves_free(3) && !m.involves_free(4));
    }
}
