//! Values as published: numbers, missing-value symbols, status suffixes, separators.
//!
//! Missing symbols (PX-Web, Eurostat, GSO/NSO conventions): `-` nil; `.` not applicable;
//! `..`, `...`, `…`, `na`, `n.a.`, `n/a`, `:`, `NaN`, an empty field → not available; `x`
//! confidential. Status suffixes after a number: `sb` (*sơ bộ*) and `p` → preliminary, `e` →
//! estimate, `f` → forecast (`519.4sb`). Thousands separators: spaces, no-break spaces and
//! apostrophes between digit groups (`7 902.3`); a comma or point between groups of three
//! digits when the other mark is the decimal mark. Anything else is kept as
//! [`MissingKind::Unreadable`] with its text, never a NaN and never an error for the whole
//! file.

use super::table::{MissingKind, Status};

/// Which mark separates the decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DecimalMark {
    /// `1234.5` (a comma may group thousands: `1,234.5`).
    #[default]
    Point,
    /// `1234,5` (a point may group thousands: `1.234,5`), as in Vietnamese exports.
    Comma,
}

/// A value read from text.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The number; `None` exactly when `status` is missing.
    pub value: Option<f64>,
    /// The status the text carried.
    pub status: Option<Status>,
    /// The text that gave the status (`..`, `sb`), if any.
    pub symbol: Option<String>,
}

impl Parsed {
    fn number(v: f64) -> Self {
        Parsed {
            value: Some(v),
            status: None,
            symbol: None,
        }
    }

    fn missing(kind: MissingKind, symbol: &str) -> Self {
        Parsed {
            value: None,
            status: Some(Status::Missing(kind)),
            symbol: Some(symbol.to_string()),
        }
    }
}

/// The meaning of a missing-value symbol, or `None` if `text` is not one.
///
/// ```
/// use nangsuat::ingest::symbols::missing_kind;
/// use nangsuat::ingest::table::MissingKind;
/// assert_eq!(missing_kind(".."), Some(MissingKind::NotAvailable));
/// assert_eq!(missing_kind("-"), Some(MissingKind::Nil));
/// assert_eq!(missing_kind("x"), Some(MissingKind::Confidential));
/// assert_eq!(missing_kind("12"), None);
/// ```
pub fn missing_kind(text: &str) -> Option<MissingKind> {
    let t = text.trim();
    Some(match t {
        "-" | "–" | "—" => MissingKind::Nil,
        "." => MissingKind::NotApplicable,
        "" | ".." | "..." | "...." | "....." | "......" | "…" | ":" => MissingKind::NotAvailable,
        _ => match t.to_ascii_lowercase().as_str() {
            "na" | "n.a." | "n.a" | "n/a" | "nan" | "null" | "none" | "#n/a" => {
                MissingKind::NotAvailable
            }
            "x" | "c" | "conf" | "confidential" => MissingKind::Confidential,
            _ => return None,
        },
    })
}

/// The status a suffix or flag letter means (`sb`, `p` → preliminary; `e` → estimate;
/// `f` → forecast), or `None`.
pub fn status_code(code: &str) -> Option<Status> {
    Some(match code.trim().to_lowercase().as_str() {
        "sb" | "p" | "prel" | "prov" | "sơ bộ" => Status::Preliminary,
        "e" | "est" | "ut" | "ước" | "ước tính" => Status::Estimate,
        "f" => Status::Forecast,
        _ => return None,
    })
}

/// Reads one published value.
///
/// ```
/// use nangsuat::ingest::symbols::{parse_value, DecimalMark};
/// use nangsuat::ingest::table::{MissingKind, Status};
/// let p = parse_value("519.4sb", DecimalMark::Point);
/// assert_eq!((p.value, p.status), (Some(519.4), Some(Status::Preliminary)));
/// assert_eq!(parse_value("7 902.3", DecimalMark::Point).value, Some(7902.3));
/// assert_eq!(parse_value("1.234,5", DecimalMark::Comma).value, Some(1234.5));
/// let na = parse_value("na", DecimalMark::Point);
/// assert_eq!((na.value, na.status), (None, Some(Status::Missing(MissingKind::NotAvailable))));
/// let bad = parse_value("12..3", DecimalMark::Point);
/// assert_eq!(bad.status, Some(Status::Missing(MissingKind::Unreadable)));
/// ```
pub fn parse_value(text: &str, decimal: DecimalMark) -> Parsed {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(kind) = missing_kind(t) {
        return Parsed::missing(kind, t);
    }
    if let Some(v) = parse_number(t, decimal) {
        return Parsed::number(v);
    }
    // A number followed by a status suffix: 519.4sb, 12.3 p, 7(e).
    let split = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '(' | ')' | ' ' | '*'))
        .last()
        .map(|(i, _)| i);
    if let Some(i) = split.filter(|&i| i > 0) {
        let (num, suffix) = t.split_at(i);
        let code = suffix.trim().trim_start_matches('(').trim_end_matches(')');
        if let Some(v) = parse_number(num.trim(), decimal) {
            let status = status_code(code).unwrap_or_else(|| Status::Flag(code.to_string()));
            return Parsed {
                value: Some(v),
                status: Some(status),
                symbol: Some(suffix.trim().to_string()),
            };
        }
    }
    Parsed::missing(MissingKind::Unreadable, t)
}

/// Reads a plain number with optional thousands grouping; `None` if `t` is not one.
pub fn parse_number(t: &str, decimal: DecimalMark) -> Option<f64> {
    if t.is_empty() {
        return None;
    }
    let (dec, group) = match decimal {
        DecimalMark::Point => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    let mut seen_digit = false;
    let mut seen_dec = false;
    let mut group_len: Option<usize> = None; // digits since the last group mark
    let mut digits_run = 0usize;
    let mut grouped = false;
    let mut prev_digit = false;
    if let Some(&c) = chars.peek()
        && (c == '-' || c == '+' || c == '−')
    {
        out.push(if c == '+' { '+' } else { '-' });
        chars.next();
    }
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            out.push(c);
            seen_digit = true;
            prev_digit = true;
            digits_run += 1;
            if let Some(n) = group_len.as_mut() {
                *n += 1;
            }
        } else if c == dec && !seen_dec {
            if grouped && group_len != Some(3) {
                return None;
            }
            out.push('.');
            seen_dec = true;
            prev_digit = false;
            group_len = None;
        } else if (c == group || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
            && prev_digit
            && !seen_dec
        {
            // A grouping mark: the run before it is 1-3 digits (first group) or exactly 3.
            let first = !grouped;
            if (first && !(1..=3).contains(&digits_run)) || (!first && group_len != Some(3)) {
                return None;
            }
            let next_is_digit = chars.peek().is_some_and(|d| d.is_ascii_digit());
            if !next_is_digit {
                return None;
            }
            grouped = true;
            group_len = Some(0);
            prev_digit = false;
        } else if (c == 'e' || c == 'E') && seen_digit && !grouped {
            // Exponent: the rest must be an integer.
            out.push('e');
            let rest: String = chars.collect();
            let rest_ok = rest
                .strip_prefix(['-', '+'])
                .unwrap_or(&rest)
                .bytes()
                .all(|b| b.is_ascii_digit())
                && !rest.trim_start_matches(['-', '+']).is_empty();
            if !rest_ok {
                return None;
            }
            out.push_str(&rest);
            break;
        } else {
            return None;
        }
    }
    if !seen_digit || (grouped && !seen_dec && group_len != Some(3)) {
        return None;
    }
    out.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let p = |s| parse_number(s, DecimalMark::Point);
        let c = |s| parse_number(s, DecimalMark::Comma);
        assert_eq!(p("12"), Some(12.0));
        assert_eq!(p("-4900.98"), Some(-4900.98));
        assert_eq!(p("7 902.3"), Some(7902.3));
        assert_eq!(p("1,234,567.5"), Some(1234567.5));
        assert_eq!(p("12 345 678"), Some(12345678.0));
        assert_eq!(p("1,23"), None);
        assert_eq!(p("1 2"), None);
        assert_eq!(p("1e5"), Some(1e5));
        assert_eq!(p("inf"), None);
        assert_eq!(p("NaN"), None);
        assert_eq!(p("."), None);
        assert_eq!(p("-"), None);
        assert_eq!(c("97582,7"), Some(97582.7));
        assert_eq!(c("1.234.567,5"), Some(1234567.5));
        assert_eq!(c("1 234,5"), Some(1234.5));
    }

    #[test]
    fn symbols_and_suffixes() {
        for (text, kind) in [
            ("..", MissingKind::NotAvailable),
            ("...", MissingKind::NotAvailable),
            ("-", MissingKind::Nil),
            (".", MissingKind::NotApplicable),
            ("na", MissingKind::NotAvailable),
            ("NA", MissingKind::NotAvailable),
            ("x", MissingKind::Confidential),
            ("", MissingKind::NotAvailable),
        ] {
            let p = parse_value(text, DecimalMark::Point);
            assert_eq!(p.value, None, "{text}");
            assert_eq!(p.status, Some(Status::Missing(kind)), "{text}");
            assert_eq!(p.symbol.as_deref(), Some(text));
        }
        let p = parse_value("12.5 e", DecimalMark::Point);
        assert_eq!((p.value, p.status), (Some(12.5), Some(Status::Estimate)));
        let p = parse_value("12.5z", DecimalMark::Point);
        assert_eq!(p.status, Some(Status::Flag("z".into())));
        let p = parse_value("abc", DecimalMark::Point);
        assert_eq!(p.status, Some(Status::Missing(MissingKind::Unreadable)));
        assert_eq!(p.symbol.as_deref(), Some("abc"));
    }
}
