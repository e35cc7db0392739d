//! Full polynomials of a stated degree in a few variables (every monomial of total degree
//! 0..=d, the constant first), as used for the proxy-variable first stages and the law of
//! motion of productivity.

/// The monomials of a full polynomial: each entry holds one exponent per variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Polynomial {
    vars: usize,
    degree: u32,
    exponents: Vec<Vec<u32>>,
}

impl Polynomial {
    /// Every monomial of total degree `0..=degree` in `vars` variables, ordered by degree
    /// (constant first) and lexicographically within a degree.
    pub(crate) fn new(vars: usize, degree: u32) -> Self {
        let mut exponents = Vec::new();
        for d in 0..=degree {
            let mut current = vec![0u32; vars];
            push_degree(&mut exponents, &mut current, 0, d);
        }
        Polynomial {
            vars,
            degree,
            exponents,
        }
    }

    /// Number of monomials, the constant included.
    pub(crate) fn len(&self) -> usize {
        self.exponents.len()
    }

    /// Evaluates every monomial at `x` (length `vars`) into `out` (length [`Polynomial::len`]).
    pub(crate) fn eval(&self, x: &[f64], out: &mut [f64]) {
        debug_assert_eq!(x.len(), self.vars);
        // powers[v][e] = x_v^e
        let d = self.degree as usize;
        let mut powers = [[1.0f64; 8]; 8];
        if self.vars <= 8 && d < 8 {
            for (v, &xv) in x.iter().enumerate() {
                for e in 1..=d {
                    powers[v][e] = powers[v][e - 1] * xv;
                }
            }
            for (o, ex) in out.iter_mut().zip(&self.exponents) {
                let mut p = 1.0;
                for (v, &e) in ex.iter().enumerate() {
                    p *= powers[v][e as usize];
                }
                *o = p;
            }
        } else {
            for (o, ex) in out.iter_mut().zip(&self.exponents) {
                *o = ex
                    .iter()
                    .zip(x)
                    .map(|(&e, &xv)| xv.powi(e as i32))
                    .product();
            }
        }
    }

    /// A readable name of monomial `j`, from the variables' names (`1` for the constant).
    pub(crate) fn term_name(&self, j: usize, names: &[String]) -> String {
        let parts: Vec<String> = self.exponents[j]
            .iter()
            .zip(names)
            .filter(|(e, _)| **e > 0)
            .map(|(&e, n)| {
                if e == 1 {
                    n.clone()
                } else {
                    format!("{n}^{e}")
                }
            })
            .collect();
        if parts.is_empty() {
            "1".to_string()
        } else {
            parts.join("*")
        }
    }
}

fn push_degree(out: &mut Vec<Vec<u32>>, current: &mut Vec<u32>, var: usize, remaining: u32) {
    if var + 1 == current.len() {
        current[var] = remaining;
        out.push(current.clone());
        current[var] = 0;
        return;
    }
    if current.is_empty() {
        if remaining == 0 {
            out.push(Vec::new());
        }
        return;
    }
    for e in (0..=remaining).rev() {
        current[var] = e;
        push_degree(out, current, var + 1, remaining - e);
    }
    current[var] = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binomial(n: u64, k: u64) -> u64 {
        (1..=k).fold(1, |acc, i| acc * (n + 1 - i) / i)
    }

    #[test]
    fn counts_every_monomial_once() {
        for vars in 1..=4 {
            for degree in 0..=4u32 {
                let p = Polynomial::new(vars, degree);
                assert_eq!(
                    p.len() as u64,
                    binomial(vars as u64 + degree as u64, degree as u64)
                );
                let mut seen = p.exponents.clone();
                seen.sort();
                seen.dedup();
                assert_eq!(seen.len(), p.len());
            }
        }
    }

    #[test]
    fn evaluates_and_names_monomials() {
        let p = Polynomial::new(2, 2);
        let mut out = vec![0.0; p.len()];
        p.eval(&[2.0, 3.0], &mut out);
        // 1, k, m, k^2, k*m, m^2
        assert_eq!(out, vec![1.0, 2.0, 3.0, 4.0, 6.0, 9.0]);
        let names = ["k".to_string(), "m".to_string()];
        assert_eq!(p.term_name(4, &names), "k*m");
        assert_eq!(p.term_name(0, &names), "1");
    }
}
