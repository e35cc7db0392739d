//! Numbers as each language writes them.
//!
//! Vietnamese statistics publications (GSO/NSO yearbooks, press releases) write a decimal
//! comma and group thousands with a dot — `5,24 %`, `1.234,5` — and English writes a decimal
//! point with thousands grouped by a comma — `5.24 %`, `1,234.5`. Years are never grouped
//! (write them with `{}`), and a negative zero is written as zero.
//!
//! ```
//! use nangsuat::report::Lang;
//! use nangsuat::report::number::{fixed, percent, trimmed};
//! assert_eq!(fixed(Lang::Vi, 1234.5, 1), "1.234,5");
//! assert_eq!(fixed(Lang::En, 1234.5, 1), "1,234.5");
//! assert_eq!(percent(Lang::Vi, 5.24, 2), "5,24 %");
//! assert_eq!(trimmed(Lang::En, 140.25520, 4), "140.2552");
//! ```

use crate::report::Lang;

/// The decimal separator and the thousands separator of a language.
pub fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => (',', '.'),
        Lang::En => ('.', ','),
    }
}

/// `value` with `digits` decimals, grouped and separated as `lang` writes numbers; `—` for a
/// non-finite value (which the report never holds, but a renderer must not print `NaN`).
pub fn fixed(lang: Lang, value: f64, digits: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    localise(lang, &format!("{value:.digits$}"))
}

/// `value` with at most `max_digits` decimals and no trailing zeros (`7`, `2,25`, `140,2552`).
pub fn trimmed(lang: Lang, value: f64, max_digits: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let s = format!("{value:.max_digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    localise(lang, s)
}

/// A value already in percent, with `digits` decimals and a spaced `%`: `5,24 %`.
pub fn percent(lang: Lang, value: f64, digits: usize) -> String {
    format!("{} %", fixed(lang, value, digits))
}

/// A fraction written in percent (0.0524 → `5,24 %`).
pub fn fraction_as_percent(lang: Lang, fraction: f64, digits: usize) -> String {
    percent(lang, 100.0 * fraction, digits)
}

/// A signed value: `+3,5`, `−0,25` (a leading plus for positive values and zero).
pub fn signed(lang: Lang, value: f64, max_digits: usize) -> String {
    let s = trimmed(lang, value, max_digits);
    if value >= 0.0 || s == "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// A signed value with fixed decimals: `+0,52`, `-1,10`.
pub fn signed_fixed(lang: Lang, value: f64, digits: usize) -> String {
    let s = fixed(lang, value, digits);
    if s.starts_with('-') || s == "—" {
        s
    } else {
        format!("+{s}")
    }
}

/// A value exactly as given (the shortest decimal that reads back to the same number), for
/// messages that quote a person's value: `-3`, `0,05`, `1.234,5`; beyond what fixed notation
/// writes legibly, a decimal exponent (`1,5e-300`); `NaN`, `+∞` and `-∞` for the non-finite.
///
/// ```
/// use nangsuat::report::Lang;
/// use nangsuat::report::number::exact;
/// assert_eq!(exact(Lang::Vi, -1234.5), "-1.234,5");
/// assert_eq!(exact(Lang::En, 0.05), "0.05");
/// assert_eq!(exact(Lang::Vi, 1.5e-300), "1,5e-300");
/// assert_eq!(exact(Lang::Vi, f64::NEG_INFINITY), "-∞");
/// ```
pub fn exact(lang: Lang, value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "+∞" } else { "-∞" }.into();
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-6..1e15).contains(&magnitude) {
        let scientific = format!("{value:e}");
        if let Some((mantissa, exponent)) = scientific.split_once('e') {
            return format!("{}e{exponent}", localise(lang, mantissa));
        }
    }
    localise(lang, &format!("{value}"))
}

/// Rewrites a number Rust formatted (`-1234.50`) with the language's separators.
fn localise(lang: Lang, rust: &str) -> String {
    let (decimal, thousands) = separators(lang);
    let (sign, digits) = match rust.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", rust),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let zero = int.chars().all(|c| c == '0') && frac.is_none_or(|f| f.chars().all(|c| c == '0'));
    let mut out = String::with_capacity(rust.len() + int.len() / 3);
    if !zero {
        out.push_str(sign);
    }
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(decimal);
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_english_conventions() {
        assert_eq!(fixed(Lang::Vi, 5.24, 2), "5,24");
        assert_eq!(fixed(Lang::En, 5.24, 2), "5.24");
        assert_eq!(fixed(Lang::Vi, 1_234_567.891, 2), "1.234.567,89");
        assert_eq!(fixed(Lang::En, 1_234_567.891, 2), "1,234,567.89");
        assert_eq!(fixed(Lang::Vi, 999.0, 0), "999");
        assert_eq!(fixed(Lang::Vi, 1000.0, 0), "1.000");
        assert_eq!(fixed(Lang::Vi, -0.71, 2), "-0,71");
        assert_eq!(fixed(Lang::Vi, -0.001, 2), "0,00");
        assert_eq!(fixed(Lang::En, -1234.5, 1), "-1,234.5");
        assert_eq!(fixed(Lang::En, f64::NAN, 2), "—");
        assert_eq!(trimmed(Lang::Vi, 7.0, 4), "7");
        assert_eq!(trimmed(Lang::Vi, 2.25, 4), "2,25");
        assert_eq!(trimmed(Lang::Vi, 10_000.0, 4), "10.000");
        assert_eq!(trimmed(Lang::En, -0.00001, 4), "0");
        assert_eq!(percent(Lang::Vi, 45.0, 1), "45,0 %");
        assert_eq!(fraction_as_percent(Lang::En, 0.0807, 2), "8.07 %");
        assert_eq!(signed(Lang::Vi, 10.72, 4), "+10,72");
        assert_eq!(signed(Lang::Vi, -1.5, 4), "-1,5");
        assert_eq!(signed_fixed(Lang::En, 0.004, 2), "+0.00");
        assert_eq!(signed_fixed(Lang::En, -0.5, 2), "-0.50");
        assert_eq!(exact(Lang::Vi, 35.0), "35");
        assert_eq!(exact(Lang::Vi, -0.0), "0");
        assert_eq!(exact(Lang::En, 1e300), "1e300");
        assert_eq!(
            exact(Lang::En, 123_456_789_012_345.0),
            "123,456,789,012,345"
        );
        assert_eq!(exact(Lang::Vi, 1e-7), "1e-7");
        assert_eq!(exact(Lang::Vi, 0.000_001_5), "0,0000015");
        assert_eq!(exact(Lang::En, f64::NAN), "NaN");
    }
}
