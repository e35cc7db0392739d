//! Time labels as statistics offices write them.
//!
//! Codes (strict, [`Period::parse`]): years `2024`; quarters `2024-Q3` (SDMX), `2024Q3`,
//! `2024 Q3`, `Q3 2024`, `Q3/2024`; months `2018M06` (PX), `2018-M06`, `2018-06`; half-years
//! `2024-S1`, `2024H1`; weeks `2024-W05`; days `2024-06-15`.
//!
//! Labels ([`parse_label`]): a code with a status word — `Sơ bộ 2024`, `Prel. 2024`,
//! `Provisional 2024` → preliminary; `Ước tính 2024`, `Est. 2024` → estimate; a footnote
//! mark such as `2020 (*)` is dropped — or the Vietnamese and English wording of the
//! monthly reports: `Sơ bộ quý III năm 2024`, `Quý IV/2024`, `Tháng 6 năm 2018`,
//! `Cả năm 2024`.

use std::fmt;

use super::table::Status;

/// How often a period recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Frequency {
    /// A calendar year.
    Annual,
    /// A half-year (1 or 2).
    HalfYear,
    /// A quarter (1–4).
    Quarterly,
    /// A month (1–12).
    Monthly,
    /// An ISO week (1–53).
    Weekly,
    /// A day.
    Daily,
}

/// A period of time: a year, half-year, quarter, month, week or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// The frequency.
    pub frequency: Frequency,
    /// Half-year, quarter, month or week number; 0 for a year; for a day, the month.
    pub sub: u8,
    /// Day of the month (daily periods only), else 0.
    pub day: u8,
}

impl Period {
    /// A calendar year.
    pub fn year(year: i32) -> Self {
        Period {
            year,
            frequency: Frequency::Annual,
            sub: 0,
            day: 0,
        }
    }

    /// A quarter; `None` unless `quarter` is 1–4.
    pub fn quarter(year: i32, quarter: u8) -> Option<Self> {
        (1..=4).contains(&quarter).then_some(Period {
            year,
            frequency: Frequency::Quarterly,
            sub: quarter,
            day: 0,
        })
    }

    /// A month; `None` unless `month` is 1–12.
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Period {
            year,
            frequency: Frequency::Monthly,
            sub: month,
            day: 0,
        })
    }

    fn half(year: i32, half: u8) -> Option<Self> {
        (1..=2).contains(&half).then_some(Period {
            year,
            frequency: Frequency::HalfYear,
            sub: half,
            day: 0,
        })
    }

    fn week(year: i32, week: u8) -> Option<Self> {
        (1..=53).contains(&week).then_some(Period {
            year,
            frequency: Frequency::Weekly,
            sub: week,
            day: 0,
        })
    }

    fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Period {
            year,
            frequency: Frequency::Daily,
            sub: month,
            day,
        })
    }

    /// Reads a period code (see the module docs); `None` if `code` is not one.
    ///
    /// ```
    /// use nangsuat::ingest::period::{Frequency, Period};
    /// assert_eq!(Period::parse("2024-Q3"), Period::quarter(2024, 3));
    /// assert_eq!(Period::parse("Q3 2024"), Period::quarter(2024, 3));
    /// assert_eq!(Period::parse("2018M06"), Period::month(2018, 6));
    /// assert_eq!(Period::parse("2024").unwrap().frequency, Frequency::Annual);
    /// assert_eq!(Period::parse("2024-Q5"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Period> {
        let s = code.trim();
        let b = s.as_bytes();
        if b.len() < 4 {
            return None;
        }
        // Leading frequency: Q3 2024, Q3/2024, Q3-2024.
        if matches!(b[0], b'Q' | b'q') && b.len() >= 6 && b[1].is_ascii_digit() {
            let rest = s[2..].trim_start_matches([' ', '/', '-', '.']);
            let y = year4(rest)?;
            return (rest.len() == 4)
                .then(|| Period::quarter(y, b[1] - b'0'))
                .flatten();
        }
        let year = year4(s.get(..4)?)?;
        let rest = &s[4..];
        if rest.is_empty() {
            return Some(Period::year(year));
        }
        let rest = rest.strip_prefix(['-', ' ', '/', '.']).unwrap_or(rest);
        let (letter, digits) = match rest.as_bytes().first()? {
            c if c.is_ascii_alphabetic() => (c.to_ascii_uppercase(), &rest[1..]),
            _ => (b'D', rest),
        };
        if letter != b'D' && (digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit())) {
            return None;
        }
        let n = |d: &str| -> Option<u8> {
            if d.is_empty() || d.len() > 2 {
                return None;
            }
            d.parse().ok()
        };
        match letter {
            b'Q' | b'K' => Period::quarter(year, n(digits)?),
            b'M' => Period::month(year, n(digits)?),
            b'H' | b'S' | b'B' => Period::half(year, n(digits)?),
            b'W' => Period::week(year, n(digits)?),
            b'A' if digits == "1" => Some(Period::year(year)),
            b'D' => {
                // 2018-06 or 2018-06-15.
                let mut parts = digits.split('-');
                let m = n(parts.next()?)?;
                match (parts.next(), parts.next()) {
                    (None, _) if digits.len() == 2 => Period::month(year, m),
                    (Some(d), None) if d.len() == 2 => Period::day(year, m, n(d)?),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The period's first calendar year (the year itself for all frequencies).
    pub fn first_year(self) -> i32 {
        self.year
    }
}

impl fmt::Display for Period {
    /// ISO / SDMX form: `2024`, `2024-S1`, `2024-Q3`, `2024-06`, `2024-W05`, `2024-06-15`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.frequency {
            Frequency::Annual => write!(f, "{}", self.year),
            Frequency::HalfYear => write!(f, "{}-S{}", self.year, self.sub),
            Frequency::Quarterly => write!(f, "{}-Q{}", self.year, self.sub),
            Frequency::Monthly => write!(f, "{}-{:02}", self.year, self.sub),
            Frequency::Weekly => write!(f, "{}-W{:02}", self.year, self.sub),
            Frequency::Daily => write!(f, "{}-{:02}-{:02}", self.year, self.sub, self.day),
        }
    }
}

fn year4(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// Status words at the start or end of a time label, lower case, longest first.
const PRELIMINARY: &[&str] = &[
    "sơ bộ",
    "so bo",
    "preliminary",
    "provisional",
    "prel.",
    "prel",
    "prov.",
    "prov",
    "(p)",
];
const ESTIMATE: &[&str] = &[
    "ước tính",
    "ước thực hiện",
    "uoc tinh",
    "estimated",
    "estimate",
    "ước",
    "est.",
    "est",
    "(e)",
];

/// Reads a time label (see the module docs) into its period and the status it carries.
///
/// ```
/// use nangsuat::ingest::period::{parse_label, Period};
/// use nangsuat::ingest::table::Status;
/// assert_eq!(parse_label("Prel. 2024"), Some((Period::year(2024), Some(Status::Preliminary))));
/// assert_eq!(parse_label("Sơ bộ 2024"), Some((Period::year(2024), Some(Status::Preliminary))));
/// assert_eq!(parse_label("Ước tính quý IV năm 2024"),
///     Some((Period::quarter(2024, 4).unwrap(), Some(Status::Estimate))));
/// assert_eq!(parse_label("2020 (*)"), Some((Period::year(2020), None)));
/// assert_eq!(parse_label("Ha Noi"), None);
/// ```
pub fn parse_label(label: &str) -> Option<(Period, Option<Status>)> {
    let (rest, status) = strip_status(label);
    if let Some(p) = Period::parse(&rest) {
        return Some((p, status));
    }
    words_period(&rest).map(|p| (p, status))
}

/// Like [`parse_label`], but only a period code with status words and footnote marks
/// (`Prel. 2024`, `2020 (*)`, `2024-Q3`), not a period inside other words.
pub fn parse_code_label(label: &str) -> Option<(Period, Option<Status>)> {
    let (rest, status) = strip_status(label);
    Period::parse(&rest).map(|p| (p, status))
}

/// Lower-cases, drops status words (returned) and footnote marks.
fn strip_status(label: &str) -> (String, Option<Status>) {
    let lower = collapse_spaces(&label.to_lowercase());
    let mut status = None;
    let mut rest = lower.as_str();
    for (words, st) in [
        (PRELIMINARY, Status::Preliminary),
        (ESTIMATE, Status::Estimate),
    ] {
        for w in words {
            if let Some(r) = rest.strip_prefix(w) {
                if r.is_empty() || r.starts_with([' ', '.', ':', '-']) || w.ends_with(['.', ')']) {
                    rest = r.trim_start_matches([' ', ':', '-']);
                    status = Some(st.clone());
                    break;
                }
            } else if let Some(r) = rest.strip_suffix(w)
                && (r.ends_with(' ') || w.starts_with('('))
            {
                rest = r.trim_end();
                status = Some(st.clone());
                break;
            }
        }
        if status.is_some() {
            break;
        }
    }
    // Footnote marks: "2020 (*)", "2020*".
    let rest = rest
        .trim()
        .trim_end_matches("(*)")
        .trim_end_matches('*')
        .trim();
    (rest.to_string(), status)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `quý iii năm 2024`, `quý 4/2024`, `quarter 3 2024`, `tháng 6 năm 2018`, `cả năm 2024`,
/// `năm 2024`: one four-digit year plus, optionally, a quarter or a month.
fn words_period(s: &str) -> Option<Period> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '(' || c == ')')
        .filter(|t| !t.is_empty())
        .collect();
    let mut year = None;
    let mut quarter = None;
    let mut month = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            if year.is_none() {
                year = year4(t);
            }
            continue;
        }
        let next = tokens.get(i + 1).copied();
        match *t {
            "quý" | "quy" | "quarter" | "qtr" | "qtr." => {
                quarter = next.and_then(small_number).or(quarter)
            }
            "tháng" | "thang" | "month" => {
                // "12 tháng" is a cumulative span, "tháng 12" a month.
                month = next.and_then(|n| n.parse::<u8>().ok()).or(month)
            }
            _ => {}
        }
    }
    let year = year?;
    // A label such as "So với năm 2023 (%)" has a year but means a comparison: still a year.
    match (quarter, month) {
        (Some(q), _) => Period::quarter(year, q),
        (None, Some(m)) => Period::month(year, m),
        _ => Some(Period::year(year)),
    }
}

fn small_number(t: &str) -> Option<u8> {
    match t.trim_end_matches(['.', ':']) {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let q = |y, q| Period::quarter(y, q);
        assert_eq!(Period::parse("2012-Q1"), q(2012, 1));
        assert_eq!(Period::parse("2024Q3"), q(2024, 3));
        assert_eq!(Period::parse("2024 Q3"), q(2024, 3));
        assert_eq!(Period::parse("Q3/2024"), q(2024, 3));
        assert_eq!(Period::parse("2018M06"), Period::month(2018, 6));
        assert_eq!(Period::parse("2018-M06"), Period::month(2018, 6));
        assert_eq!(Period::parse("2018-06"), Period::month(2018, 6));
        assert_eq!(Period::parse("2018M13"), None);
        assert_eq!(Period::parse("2024-S2").unwrap().to_string(), "2024-S2");
        assert_eq!(Period::parse("2024-W05").unwrap().to_string(), "2024-W05");
        assert_eq!(
            Period::parse("2024-02-29").unwrap().to_string(),
            "2024-02-29"
        );
        assert_eq!(Period::parse("2023-02-29"), None);
        assert_eq!(Period::parse("12345"), None);
        assert_eq!(Period::parse("Ha Noi"), None);
        assert_eq!(Period::parse("2024Q"), None);
        assert_eq!(Period::parse(""), None);
    }

    #[test]
    fn labels_with_status() {
        assert_eq!(
            parse_label("Ước tính 2024"),
            Some((Period::year(2024), Some(Status::Estimate)))
        );
        assert_eq!(
            parse_label("Est. 2023"),
            Some((Period::year(2023), Some(Status::Estimate)))
        );
        assert_eq!(
            parse_label("2024 Prel."),
            Some((Period::year(2024), Some(Status::Preliminary)))
        );
        assert_eq!(
            parse_label("Sơ bộ quý III năm 2024"),
            Some((Period::quarter(2024, 3).unwrap(), Some(Status::Preliminary)))
        );
        assert_eq!(
            parse_label("Tháng 6 năm 2018"),
            Some((Period::month(2018, 6).unwrap(), None))
        );
        assert_eq!(
            parse_label("Cộng dồn cả năm 2024"),
            Some((Period::year(2024), None))
        );
        assert_eq!(parse_label("Quý"), None);
        assert_eq!(parse_label("Estonia"), None);
    }
}
