//! Every [`Error`] of the crate in the reader's language.
//!
//! The error carries its facts (series, entity, year, value, file, line and column); this
//! module words them. English is the error's own message ([`Error`]'s `Display`), so the
//! library, the bindings and the tool say the same thing; Vietnamese is written here, with
//! Vietnamese number conventions for the values quoted ([`crate::report::number::exact`]). Where an error
//! carries a detail that its source words in English (a reader's description of what it
//! expected, a parameter's reason, the operating system's reason for a failed read), the
//! Vietnamese frame names the file, place and value and quotes that detail as it is, except
//! the operating system's commonest reasons, which are translated.
//!
//! ```
//! use nangsuat::Error;
//! use nangsuat::report::{Lang, errors};
//! let e = Error::NonPositive {
//!     series: "capital".into(),
//!     entity: Some("VNM".into()),
//!     year: 2005,
//!     value: -3.5,
//! };
//! assert_eq!(
//!     errors::message(Lang::Vi, &e),
//!     "chuỗi `capital` có giá trị -3,5 ở năm 2005 của đơn vị `VNM`: cần một số dương \
//!      (tăng trưởng được đo bằng lôgarit hoặc tỷ số)"
//! );
//! assert_eq!(errors::message(Lang::En, &e), e.to_string());
//! ```

use crate::error::Error;
use crate::report::Lang;
use crate::report::number::exact;

/// The message of `error` in `lang`: one line (or a few, where the source's detail has them),
/// naming the series, entity, year, value, file, line and column the error carries.
pub fn message(lang: Lang, error: &Error) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Vi => vietnamese(error),
    }
}

fn vietnamese(error: &Error) -> String {
    let value = |v: f64| exact(Lang::Vi, v);
    match error {
        Error::LengthMismatch {
            series,
            expected,
            actual,
        } => format!(
            "chuỗi `{series}` có {actual} giá trị nhưng cần {expected} (mỗi dòng một giá trị)"
        ),
        Error::Empty { series, needed } => {
            format!("chuỗi `{series}` không có quan sát nào: cần ít nhất {needed} quan sát")
        }
        Error::DuplicateYear {
            series,
            entity,
            year,
        } => format!(
            "chuỗi `{series}` có năm {year} nhiều hơn một lần{}",
            of_entity(entity)
        ),
        Error::UnsortedYears {
            series,
            previous,
            year,
        } => format!("chuỗi `{series}`: năm {year} đứng sau năm {previous}; các năm phải tăng dần"),
        Error::MissingYear {
            series,
            entity,
            year,
        } => format!(
            "chuỗi `{series}` không có giá trị năm {year}{}: cần các năm liên tiếp (hoặc chọn \
             cách xử lý giá trị thiếu: bỏ qua để nối qua năm trống, hay lan truyền để các kết \
             quả liên quan để trống)",
            of_entity(entity)
        ),
        Error::YearNotFound {
            series,
            year,
            first,
            last,
        } => format!("chuỗi `{series}` không có năm {year} (chuỗi gồm các năm {first}–{last})"),
        Error::NonFinite {
            series,
            entity,
            year,
            value: v,
        } => format!(
            "chuỗi `{series}` có giá trị không hữu hạn {} ở năm {year}{}: cần một số hữu hạn \
             (hoặc chọn cách xử lý giá trị thiếu để coi nó là thiếu)",
            value(*v),
            of_entity(entity)
        ),
        Error::NonPositive {
            series,
            entity,
            year,
            value: v,
        } => format!(
            "chuỗi `{series}` có giá trị {} ở năm {year}{}: cần một số dương (tăng trưởng được \
             đo bằng lôgarit hoặc tỷ số)",
            value(*v),
            of_entity(entity)
        ),
        Error::OutOfRange {
            name,
            year,
            value: v,
            expected,
        } => format!(
            "{name} = {}{} nằm ngoài khoảng cho phép: cần {expected}",
            value(*v),
            year.map(|y| format!(" ở năm {y}")).unwrap_or_default()
        ),
        Error::InvalidParameter { name, reason } => {
            format!("tham số `{name}` không hợp lệ: {reason}")
        }
        Error::InsufficientData {
            what,
            needed,
            available,
        } => format!("{what}: cần {needed} quan sát, chỉ có {available}"),
        Error::Parse {
            format,
            path,
            line,
            column,
            message,
        } => {
            let path = if path.is_empty() {
                String::new()
            } else {
                format!(" `{path}`")
            };
            let at = match (line, column) {
                (Some(l), Some(c)) => format!(" ở dòng {l}, cột {c}"),
                (Some(l), None) => format!(" ở dòng {l}"),
                _ => String::new(),
            };
            format!(
                "không đọc được {}{path}{at}: {message}",
                what_is_read(format)
            )
        }
        Error::Io { path, message } => {
            format!("không đọc được `{path}`: {}", system_reason(message))
        }
        Error::Write { path, message } => {
            format!("không ghi được `{path}`: {}", system_reason(message))
        }
        Error::Interrupted { what } => {
            format!("{what}: đã dừng trước khi xong (bị hủy theo yêu cầu)")
        }
    }
}

/// What a parse error says it could not read, in Vietnamese: a file of a named format (`tệp
/// px`, `tệp JSON-stat`), or what the readers name in words.
fn what_is_read(format: &str) -> String {
    match format {
        "text" => "tệp văn bản".into(),
        "mapping" => "tệp ánh xạ".into(),
        "mapped table" => "bảng đã ánh xạ".into(),
        "territory name" => "tên địa bàn".into(),
        other => format!("tệp {other}"),
    }
}

fn of_entity(entity: &Option<String>) -> String {
    entity
        .as_ref()
        .map(|e| format!(" của đơn vị `{e}`"))
        .unwrap_or_default()
}

/// The operating system's commonest reasons (as Rust's `std::io::Error` words them, ending in
/// `(os error N)`) in Vietnamese; any other reason as it is.
fn system_reason(message: &str) -> String {
    let code = message
        .rsplit_once("(os error ")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .and_then(|n| n.parse::<i32>().ok());
    let words = match code {
        Some(2) => "không có tệp hoặc thư mục này",
        Some(13) => "không có quyền truy cập",
        Some(20) => "một phần của đường dẫn không phải là thư mục",
        Some(21) => "đây là một thư mục, không phải một tệp",
        Some(28) => "ổ đĩa đã hết chỗ trống",
        Some(30) => "hệ thống tệp chỉ cho phép đọc",
        _ => return message.to_string(),
    };
    format!("{words} ({message})")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every variant, with every optional part present.
    fn every_variant() -> Vec<Error> {
        vec![
            Error::LengthMismatch {
                series: "labour".into(),
                expected: 10,
                actual: 9,
            },
            Error::Empty {
                series: "gdp".into(),
                needed: 2,
            },
            Error::DuplicateYear {
                series: "gdp".into(),
                entity: Some("Thanh Hóa".into()),
                year: 2019,
            },
            Error::UnsortedYears {
                series: "gdp".into(),
                previous: 2020,
                year: 2019,
            },
            Error::MissingYear {
                series: "gdp".into(),
                entity: None,
                year: 2015,
            },
            Error::YearNotFound {
                series: "gdp".into(),
                year: 2031,
                first: 2011,
                last: 2025,
            },
            Error::NonFinite {
                series: "capital".into(),
                entity: None,
                year: 2012,
                value: f64::INFINITY,
            },
            Error::NonPositive {
                series: "capital".into(),
                entity: Some("VNM".into()),
                year: 2005,
                value: -1234.5,
            },
            Error::OutOfRange {
                name: "labour_share".into(),
                year: Some(2010),
                value: 35.0,
                expected: "a fraction in [0, 1]".into(),
            },
            Error::InvalidParameter {
                name: "base_year".into(),
                reason: "2030 is after the last year".into(),
            },
            Error::InsufficientData {
                what: "the Malmquist index".into(),
                needed: 2,
                available: 1,
            },
            Error::Parse {
                format: "px".into(),
                path: "gdp.px".into(),
                line: Some(12),
                column: Some(3),
                message: "unterminated string".into(),
            },
            Error::Io {
                path: "plan.toml".into(),
                message: "No such file or directory (os error 2)".into(),
            },
            Error::Write {
                path: "out.xlsx".into(),
                message: "Permission denied (os error 13)".into(),
            },
            Error::Interrupted {
                what: "the bootstrap".into(),
            },
        ]
    }

    #[test]
    fn every_variant_is_worded_in_vietnamese_with_its_facts() {
        let errors = every_variant();
        // Every kind is covered (a new variant needs its Vietnamese words and a row here).
        let kinds: std::collections::BTreeSet<_> = errors.iter().map(|e| e.kind().name()).collect();
        assert_eq!(kinds.len(), crate::error::ErrorKind::ALL.len());
        for e in &errors {
            let vi = message(Lang::Vi, e);
            let en = message(Lang::En, e);
            assert_eq!(en, e.to_string());
            assert_ne!(vi, en, "{e:?}");
            assert!(!vi.contains('\n') && !vi.contains("Some("), "{vi}");
            // The facts it carries are named in both languages.
            for fact in [
                "labour",
                "Thanh Hóa",
                "2019",
                "2031",
                "2011–2025",
                "gdp.px",
                "VNM",
            ] {
                if en.contains(fact) {
                    assert!(vi.contains(fact), "{fact} missing from {vi}");
                }
            }
        }
        let vi: Vec<String> = errors.iter().map(|e| message(Lang::Vi, e)).collect();
        assert_eq!(
            vi[6],
            "chuỗi `capital` có giá trị không hữu hạn +∞ ở năm 2012: cần một số hữu hạn \
             (hoặc chọn cách xử lý giá trị thiếu để coi nó là thiếu)"
        );
        assert!(
            vi[7].contains("-1.234,5 ở năm 2005 của đơn vị `VNM`"),
            "{}",
            vi[7]
        );
        assert_eq!(
            vi[8],
            "labour_share = 35 ở năm 2010 nằm ngoài khoảng cho phép: cần a fraction in [0, 1]"
        );
        assert_eq!(
            vi[11],
            "không đọc được tệp px `gdp.px` ở dòng 12, cột 3: unterminated string"
        );
        assert_eq!(
            vi[12],
            "không đọc được `plan.toml`: không có tệp hoặc thư mục này (No such file or \
             directory (os error 2))"
        );
        assert!(vi[13].starts_with("không ghi được `out.xlsx`: không có quyền truy cập"));
    }

    #[test]
    fn an_unknown_system_reason_is_quoted_as_it_is() {
        assert_eq!(system_reason("disk on fire"), "disk on fire");
        assert_eq!(system_reason("odd (os error x)"), "odd (os error x)");
    }
}
