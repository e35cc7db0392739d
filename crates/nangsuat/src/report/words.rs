//! Every word a reader of the report sees, in Vietnamese and English: labels, statuses,
//! severities, evidence levels, methods, units, places, and the sentence of every fact.
//!
//! Each function takes a [`Lang`] and a value (a status, a fact…) and returns the text, so the
//! Markdown renderer here and the HTML and Excel renderers use the same words. Numbers follow
//! [`crate::report::number`] (`5,24 %` in Vietnamese, `5.24 %` in English). Proper names,
//! citations, URLs, identifiers and the documents' own wording are left as they are.
//!
//! ```
//! use nangsuat::monitoring::progress::{Point, ProgressFact, Status};
//! use nangsuat::report::{Lang, words};
//! assert_eq!(words::status(Lang::Vi, Status::OnTrack), "đúng tiến độ");
//! assert_eq!(words::unit(Lang::Vi, "percent_per_year"), "%/năm");
//! let fact = ProgressFact::Pace { actual: 0.0524, required: 0.07, pace: 0.7486 };
//! assert_eq!(words::progress_fact(Lang::Vi, &fact, "percent"),
//!     "thực tế 5,24 %/năm so với mức cần 7,00 %/năm: tỷ lệ tốc độ 0,75");
//! assert_eq!(words::progress_fact(Lang::En, &fact, "percent"),
//!     "actual 5.24 %/yr against 7.00 %/yr required: pace 0.75");
//! ```

use crate::accounting::UndefinedShare;
use crate::monitoring::assess::{Fact, Needed, ShareBasis};
use crate::monitoring::feasibility::{Consistency, ConsistencyCheck, Measure, Realism};
use crate::monitoring::observation::{Evidence, ObservedWhen};
use crate::monitoring::progress::{
    Method, Point, ProgressFact, ProgressWarning, RecencyWeights, Status,
};
use crate::monitoring::requirement::{Outcome, Requirement, WhatItTakes};
use crate::plan::goal::{Relation, Target};
use crate::plan::indicator::catalogue;
use crate::plan::validation::{Finding, FindingCode, Location, Severity};
use crate::report::number::{fixed, fraction_as_percent, percent, signed, signed_fixed, trimmed};
use crate::report::{HistoryNote, Lang, Places};

/// A label of the report (headings, column names, fixed phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Label {
    /// The report's title.
    Title,
    /// "Progress method".
    Method,
    /// "observations".
    Observations,
    /// "latest year with data".
    LatestYear,
    /// The rule that nothing unpublished is estimated, and what evidence levels mean.
    NeverInvented,
    /// "Status".
    Status,
    /// "Goals" (a count).
    Goals,
    /// History heading.
    History,
    /// "Period".
    Period,
    /// "Target".
    Target,
    /// "Current value".
    CurrentValue,
    /// "Evidence".
    Evidence,
    /// "Basis" (the reason of a status).
    Basis,
    /// "Needed".
    Needed,
    /// "Wording" (the document's words).
    Wording,
    /// "Sources".
    Sources,
    /// "Also published".
    AlsoPublished,
    /// Validation heading.
    Findings,
    /// "informational findings … not listed".
    InfoNotListed,
    /// Feasibility heading.
    Feasibility,
    /// "Scenario".
    Scenario,
    /// "under the scenario".
    UnderScenario,
    /// "met".
    Met,
    /// "not met".
    NotMet,
    /// Sensitivity table: "assumption".
    Assumption,
    /// Sensitivity table: "step".
    Step,
    /// "pp" (percentage points).
    Points,
    /// History column: average GDP growth.
    GdpGrowth,
    /// History column: average LP growth per worker.
    LpGrowth,
    /// History column: average TFP growth.
    TfpGrowth,
    /// History column: TFP share, Törnqvist, cumulative.
    TfpShareTornqvist,
    /// History column: TFP share, mean of annual shares.
    TfpShareMeanOfAnnual,
    /// History column: TFP share, GSO form.
    TfpShareGso,
    /// History column: the published figure.
    Published,
    /// The published annual TFP shares.
    PublishedAnnual,
    /// Annual accounting heading.
    AnnualAccounting,
    /// "year".
    Year,
    /// "capital" (contribution).
    Capital,
    /// "labour (hours)" (contribution).
    LabourHours,
    /// "labour quality" (contribution).
    LabourQuality,
    /// "TFP share".
    TfpShare,
    /// "LP growth per hour".
    LpGrowthPerHour,
    /// "TFP index".
    TfpIndex,
    /// Labour-share sensitivity heading.
    LabourShareSensitivity,
    /// "labour share".
    LabourShare,
    /// How to read the two TFP shares.
    ReadTfpShares,
    /// Consistency and realism heading.
    ConsistencyAndRealism,
    /// "Employment growth assumed".
    EmploymentAssumed,
    /// "What it takes" heading.
    WhatItTakes,
}

/// The text of a label.
pub fn label(lang: Lang, label: Label) -> &'static str {
    use Label::*;
    let (vi, en) = match label {
        Title => (
            "Báo cáo theo dõi thực hiện mục tiêu năng suất",
            "Productivity plan monitoring report",
        ),
        Method => ("Phương pháp đánh giá", "Progress method"),
        Observations => ("số liệu quan sát", "observations"),
        LatestYear => ("năm có số liệu gần nhất", "latest year with data"),
        NeverInvented => (
            "Số liệu chưa được công bố được ghi là thiếu, không bao giờ ước đoán. Mỗi số liệu kèm \
             mức độ xác thực (có nguồn chính thức; tính từ số liệu chính thức; báo chí) và nguồn.",
            "Values not yet published are reported as missing, never estimated. Every number \
             carries its evidence level (confirmed: official source; derived: computed from \
             official numbers; press) and its source.",
        ),
        Status => ("Trạng thái", "Status"),
        Goals => ("Số mục tiêu", "Goals"),
        History => (
            "Hạch toán tăng trưởng giai đoạn gần đây",
            "Growth accounting of recent history",
        ),
        Period => ("Giai đoạn", "Period"),
        Target => ("Chỉ tiêu", "Target"),
        CurrentValue => ("Giá trị hiện tại", "Current value"),
        Evidence => ("Mức xác thực", "Evidence"),
        Basis => ("Căn cứ", "Basis"),
        Needed => ("Cần đạt", "Needed"),
        Wording => ("Nguyên văn", "Wording"),
        Sources => ("Nguồn", "Sources"),
        AlsoPublished => ("Số liệu khác đã công bố", "Also published"),
        Findings => ("Kết quả rà soát kế hoạch", "Plan validation findings"),
        InfoNotListed => (
            "phát hiện mức thông tin (thiếu năm gốc, thiếu nguyên văn) không liệt kê",
            "informational findings (no baseline, no wording) not listed",
        ),
        Feasibility => ("Tính khả thi của chỉ tiêu", "Feasibility of the targets"),
        Scenario => ("Kịch bản", "Scenario"),
        UnderScenario => ("theo kịch bản", "under the scenario"),
        Met => ("đạt", "met"),
        NotMet => ("không đạt", "not met"),
        Assumption => ("giả định", "assumption"),
        Step => ("bước", "step"),
        Points => ("điểm %", "pp"),
        GdpGrowth => ("Tăng GDP, %/năm", "GDP growth, %/yr"),
        LpGrowth => ("Tăng NSLĐ, %/năm", "LP growth, %/yr"),
        TfpGrowth => ("Tăng TFP, %/năm", "TFP growth, %/yr"),
        TfpShareTornqvist => ("TFP, % (Törnqvist)", "TFP, % (Törnqvist)"),
        TfpShareMeanOfAnnual => (
            "TFP, % (bình quân các năm)",
            "TFP, % (mean of annual shares)",
        ),
        TfpShareGso => ("TFP, % (cách tính TCTK)", "TFP, % (GSO form)"),
        Published => ("TCTK công bố", "GSO published"),
        PublishedAnnual => (
            "Tỷ trọng đóng góp của TFP do TCTK công bố, %",
            "TFP share published by GSO, %",
        ),
        AnnualAccounting => (
            "Hạch toán tăng trưởng hằng năm (Törnqvist; %, tăng theo logarit)",
            "Annual growth accounting (Törnqvist; percent, log growth)",
        ),
        Year => ("năm", "year"),
        Capital => ("vốn", "capital"),
        LabourHours => ("lao động (giờ)", "labour (hours)"),
        LabourQuality => ("chất lượng lao động", "labour quality"),
        TfpShare => ("tỷ trọng TFP", "TFP share"),
        LpGrowthPerHour => ("tăng NSLĐ theo giờ", "LP growth per hour"),
        TfpIndex => ("chỉ số TFP", "TFP index"),
        LabourShareSensitivity => (
            "Độ nhạy của tỷ trọng TFP theo tỷ phần lao động (Törnqvist, tích lũy, %)",
            "Sensitivity of the TFP share to the labour share (Törnqvist, cumulative, %)",
        ),
        LabourShare => ("tỷ phần lao động", "labour share"),
        ReadTfpShares => (
            "Tỷ trọng đóng góp của TFP tính hai cách: tỷ số giữa tăng trưởng tích lũy của TFP và \
             của GDP trong giai đoạn (cách đọc chỉ tiêu giai đoạn) và bình quân các tỷ trọng hằng \
             năm. Hai cách tính (Törnqvist và của TCTK) không so sánh trực tiếp được, và không \
             cách nào trùng với số TCTK công bố; hãy đọc cùng bảng độ nhạy theo tỷ phần lao động.",
            "TFP's share of growth two ways: the ratio of the period's cumulative TFP and GDP \
             growth (how a period target is read) and the mean of the annual shares. The two \
             profiles (Törnqvist and the GSO form) are not comparable, and neither equals GSO's \
             published figure; read them with the labour-share sensitivity.",
        ),
        ConsistencyAndRealism => (
            "Tính nhất quán và tính hiện thực",
            "Consistency and realism",
        ),
        EmploymentAssumed => ("Tăng việc làm giả định", "Employment growth assumed"),
        WhatItTakes => (
            "Cần gì để đạt mục tiêu (các giả định khác giữ nguyên)",
            "What it takes (other assumptions held)",
        ),
    };
    pick(lang, vi, en)
}

fn pick<T>(lang: Lang, vi: T, en: T) -> T {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A status, in the words statistics offices use.
pub fn status(lang: Lang, status: Status) -> &'static str {
    let (vi, en) = match status {
        Status::Achieved => ("đã đạt", "achieved"),
        Status::OnTrack => ("đúng tiến độ", "on track"),
        Status::NeedsAcceleration => ("cần đẩy nhanh", "needs acceleration"),
        Status::LimitedProgress => ("tiến triển hạn chế", "limited progress"),
        Status::Deteriorating => ("đi xuống", "deteriorating"),
        Status::InsufficientData => ("thiếu dữ liệu", "insufficient data"),
        _ => ("chưa đo được", "not yet measurable"),
    };
    pick(lang, vi, en)
}

/// A severity of a validation finding.
pub fn severity(lang: Lang, severity: Severity) -> &'static str {
    let (vi, en) = match severity {
        Severity::Error => ("lỗi", "error"),
        Severity::Warning => ("cảnh báo", "warning"),
        _ => ("thông tin", "information"),
    };
    pick(lang, vi, en)
}

/// An evidence level.
pub fn evidence(lang: Lang, evidence: Evidence) -> &'static str {
    let (vi, en) = match evidence {
        Evidence::Confirmed => ("có nguồn chính thức", "confirmed"),
        Evidence::Derived => ("tính từ số liệu chính thức", "derived"),
        _ => ("báo chí", "press"),
    };
    pick(lang, vi, en)
}

/// A progress method, with its source.
pub fn method(lang: Lang, method: Method) -> &'static str {
    let (vi, en) = match method {
        Method::StatCan => (
            "phương pháp của Thống kê Canada / Open SDG (sdg-build ProgressMeasure.py)",
            "Statistics Canada / Open SDG (sdg-build ProgressMeasure.py)",
        ),
        Method::UnsdProgressChart => (
            "biểu đồ tiến độ SDG của Cơ quan Thống kê Liên Hợp Quốc (UNSD)",
            "UN Statistics Division SDG progress chart",
        ),
        Method::EscapCurrentStatus => ("đánh giá hiện trạng của ESCAP", "UN ESCAP current status"),
        Method::EscapAnticipated => (
            "đánh giá tiến độ dự kiến của ESCAP",
            "UN ESCAP anticipated progress",
        ),
        _ => (
            "tỷ lệ tốc độ của Cơ quan Thống kê Philippines (PSA)",
            "Philippine Statistics Authority pace ratio",
        ),
    };
    pick(lang, vi, en)
}

/// A unit code's words (`percent_per_year` → `%/năm`, `%/yr`); an unknown code is shown as
/// written, and a count has no unit word.
pub fn unit(lang: Lang, code: &str) -> String {
    let (vi, en) = match code {
        "percent" => ("%", "%"),
        "percent_per_year" => ("%/năm", "%/yr"),
        "percent_yoy" => ("% so với năm trước", "% year on year"),
        "percent_of_growth" => ("% tăng trưởng", "% of growth"),
        "percent_of_gdp_growth" => ("% tăng trưởng GDP", "% of GDP growth"),
        "percent_of_grdp_growth" => ("% tăng trưởng GRDP", "% of GRDP growth"),
        "percent_of_gdp" => ("% GDP", "% of GDP"),
        "percent_of_grdp" => ("% GRDP", "% of GRDP"),
        "percent_of_communes" => ("% số xã", "% of communes"),
        "percent_of_households" => ("% số hộ", "% of households"),
        "percent_of_labour" => ("% lực lượng lao động", "% of the labour force"),
        "percent_of_localities" => ("% số địa phương", "% of localities"),
        "percent_of_villages" => ("% số thôn", "% of villages"),
        "count" | "index" => ("", ""),
        "count_of_firms" => ("doanh nghiệp", "firms"),
        "count_of_hospitals" => ("bệnh viện", "hospitals"),
        "per_10000_people" | "per_10000_population" => ("người/1 vạn dân", "per 10,000 people"),
        "million_vnd_per_worker" | "million_VND_per_worker" => {
            ("triệu đồng/lao động", "million VND per worker")
        }
        "billion_vnd" | "billion_VND" => ("tỷ đồng", "billion VND"),
        "trillion_VND" => ("nghìn tỷ đồng", "trillion VND"),
        "million_persons" => ("triệu người", "million persons"),
        "persons" => ("người", "persons"),
        "persons_fte" => (
            "người (quy đổi toàn thời gian)",
            "persons (full-time equivalent)",
        ),
        "USD_per_person" => ("USD/người", "USD per person"),
        "USD_per_worker" => ("USD/lao động", "USD per worker"),
        "milestone" => ("(hoàn thành = 1)", "(done = 1)"),
        "rank" => ("(thứ hạng)", "(rank)"),
        "rank_of_63" => ("(thứ hạng trên 63)", "(rank of 63)"),
        other => return other.to_string(),
    };
    pick(lang, vi, en).to_string()
}

/// A value with its unit (`5,24 %/năm`, `31 doanh nghiệp`, `31`).
pub fn quantity(lang: Lang, value: f64, unit_code: &str) -> String {
    let v = trimmed(lang, value, 4);
    let u = unit(lang, unit_code);
    if u.is_empty() { v } else { format!("{v} {u}") }
}

/// A place's name (`viet_nam` → `Việt Nam` when `places` names it), else the code.
pub fn place(lang: Lang, code: &str, places: &Places) -> String {
    places.get(code).map_or_else(
        || code.to_string(),
        |p| pick(lang, &p.name_vi, &p.name_en).clone(),
    )
}

/// An indicator's name from the catalogue, else its code.
pub fn indicator(lang: Lang, code: &str) -> String {
    catalogue().iter().find(|i| i.code == code).map_or_else(
        || code.to_string(),
        |i| pick(lang, &i.name_vi, &i.name_en).clone(),
    )
}

/// A target with its unit: `> 7 %/năm`, `≈ 45 % tăng trưởng`, `12–15`, `≥ 60`.
pub fn target(lang: Lang, target: &Target, unit_code: &str, places: &Places) -> String {
    let n = |v: f64| trimmed(lang, v, 4);
    let t = match target {
        Target::Above { value } => format!("> {}", n(*value)),
        Target::AtLeast { value } => format!("≥ {}", n(*value)),
        Target::Below { value } => format!("< {}", n(*value)),
        Target::AtMost { value } => format!("≤ {}", n(*value)),
        Target::Equal { value } => format!("= {}", n(*value)),
        Target::About {
            value,
            tolerance: Some(t),
        } => format!("≈ {} ± {}", n(*value), n(*t)),
        Target::About { value, .. } => format!("≈ {}", n(*value)),
        Target::Between { low, high } => format!("{}–{}", n(*low), n(*high)),
        Target::Relative {
            reference,
            relation,
        } => {
            let r = reference_words(lang, reference, places);
            return match (relation, lang) {
                (Relation::Above, Lang::Vi) => format!("cao hơn {r}"),
                (Relation::Above, _) => format!("above {r}"),
                (_, Lang::Vi) => format!("thấp hơn {r}"),
                (_, _) => format!("below {r}"),
            };
        }
    };
    let u = unit(lang, unit_code);
    if u.is_empty() { t } else { format!("{t} {u}") }
}

/// A reference series `scope:indicator` in words (`Tốc độ tăng năng suất lao động của Việt
/// Nam`).
pub fn reference_words(lang: Lang, reference: &str, places: &Places) -> String {
    match reference.split_once(':') {
        Some((scope, code)) => match lang {
            Lang::Vi => format!(
                "{} của {}",
                indicator(lang, code),
                place(lang, scope, places)
            ),
            _ => format!(
                "{} of {}",
                indicator(lang, code),
                place(lang, scope, places)
            ),
        },
        None => indicator(lang, reference),
    }
}

/// When an observation applies (`2024`, `2021–2025`, `không ghi năm` / `undated`).
pub fn when(lang: Lang, when: ObservedWhen) -> String {
    match when {
        ObservedWhen::Undated => pick(lang, "không ghi năm", "undated").to_string(),
        other => other.to_string(),
    }
}

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn point(lang: Lang, p: Point, unit_code: &str) -> String {
    match lang {
        Lang::Vi => format!("{} năm {}", quantity(lang, p.value, unit_code), p.year),
        _ => format!("{} in {}", quantity(lang, p.value, unit_code), p.year),
    }
}

/// A growth rate (a fraction per year) in %/yr with two decimals.
fn rate(lang: Lang, fraction: f64) -> String {
    format!(
        "{} {}",
        fixed(lang, 100.0 * fraction, 2),
        unit(lang, "percent_per_year")
    )
}

/// The sentence of a progress method's fact; values are in the target's unit `unit_code`.
pub fn progress_fact(lang: Lang, fact: &ProgressFact, unit_code: &str) -> String {
    let q = |v: f64| quantity(lang, v, unit_code);
    let vi = lang == Lang::Vi;
    match fact {
        ProgressFact::OnlyBase { base } => {
            if vi {
                format!(
                    "mới biết giá trị gốc ({}): cần ít nhất hai số liệu",
                    point(lang, *base, unit_code)
                )
            } else {
                format!(
                    "only the base value ({}) is known: at least two data points are needed",
                    point(lang, *base, unit_code)
                )
            }
        }
        ProgressFact::TargetMet { current, target } => {
            if vi {
                format!(
                    "{} đạt chỉ tiêu {} của năm {}",
                    point(lang, *current, unit_code),
                    q(target.value),
                    target.year
                )
            } else {
                format!(
                    "{} meets the target {} for {}",
                    point(lang, *current, unit_code),
                    q(target.value),
                    target.year
                )
            }
        }
        ProgressFact::LeftTargetAtBase { target, current } => {
            if vi {
                format!(
                    "chỉ tiêu {} bằng giá trị gốc; {} đã rời xa chỉ tiêu",
                    q(target.value),
                    point(lang, *current, unit_code)
                )
            } else {
                format!(
                    "the target {} equals the base value; {} has moved away from it",
                    q(target.value),
                    point(lang, *current, unit_code)
                )
            }
        }
        ProgressFact::OppositeSigns { base, current } => {
            if vi {
                format!(
                    "giá trị gốc ({}) và giá trị hiện tại ({}) trái dấu: không xác định được tốc \
                     độ tăng",
                    point(lang, *base, unit_code),
                    point(lang, *current, unit_code)
                )
            } else {
                format!(
                    "the base value ({}) and the current value ({}) have opposite signs: growth \
                     rates are undefined",
                    point(lang, *base, unit_code),
                    point(lang, *current, unit_code)
                )
            }
        }
        ProgressFact::TargetOppositeSign { base, target } => {
            if vi {
                format!(
                    "giá trị gốc {} và chỉ tiêu {} trái dấu: không xác định được tốc độ tăng cần \
                     thiết",
                    q(base.value),
                    q(target.value)
                )
            } else {
                format!(
                    "the base value {} and the target {} have opposite signs: the required growth \
                     is undefined",
                    q(base.value),
                    q(target.value)
                )
            }
        }
        ProgressFact::GrowthUndefined { current, target } => {
            if vi {
                format!(
                    "không xác định được tốc độ tăng (các giá trị trái dấu) giữa giá trị gốc, {} \
                     và chỉ tiêu {}",
                    point(lang, *current, unit_code),
                    q(target.value)
                )
            } else {
                format!(
                    "growth rates are undefined (values of opposite signs) between the base, {} \
                     and the target {}",
                    point(lang, *current, unit_code),
                    q(target.value)
                )
            }
        }
        ProgressFact::NeedsTarget { method: m } => {
            if vi {
                format!("{} cần một chỉ tiêu định lượng", method(lang, *m))
            } else {
                format!("the {} method needs a numeric target", method(lang, *m))
            }
        }
        ProgressFact::GrowthAgainstRequired {
            since,
            achieved,
            required,
            target,
            ratio,
        } => {
            if vi {
                format!(
                    "tăng {} từ năm {since}, so với mức cần {} để đạt {} vào năm {}: R = {}",
                    rate(lang, *achieved),
                    rate(lang, *required),
                    q(target.value),
                    target.year,
                    fixed(lang, *ratio, 3)
                )
            } else {
                format!(
                    "growth {} since {since} against {} required to reach {} by {}: R = {}",
                    rate(lang, *achieved),
                    rate(lang, *required),
                    q(target.value),
                    target.year,
                    fixed(lang, *ratio, 3)
                )
            }
        }
        ProgressFact::GrowthWithoutTarget {
            since,
            growth,
            high,
            medium,
            near_limit,
        } => {
            if vi {
                format!(
                    "không có chỉ tiêu định lượng: tăng {} theo hướng mong muốn từ năm {since} \
                     (ngưỡng {} và {}{})",
                    rate(lang, *growth),
                    fraction_as_percent(lang, *high, 2),
                    fraction_as_percent(lang, *medium, 2),
                    if *near_limit {
                        ", đã giảm vì gần giới hạn tự nhiên"
                    } else {
                        ""
                    }
                )
            } else {
                format!(
                    "no numeric target: growth {} in the desired direction since {since} \
                     (thresholds {} and {}{})",
                    rate(lang, *growth),
                    fraction_as_percent(lang, *high, 2),
                    fraction_as_percent(lang, *medium, 2),
                    if *near_limit {
                        ", reduced near the natural limit"
                    } else {
                        ""
                    }
                )
            }
        }
        ProgressFact::TrendProjection {
            since,
            growth,
            projected,
            target,
            share,
        } => {
            if vi {
                format!(
                    "theo xu hướng từ năm {since} ({}), giá trị đạt {} vào năm {}: {} mức thay đổi \
                     cần thiết để đạt chỉ tiêu {}",
                    rate(lang, *growth),
                    q(*projected),
                    target.year,
                    fraction_as_percent(lang, *share, 1),
                    q(target.value)
                )
            } else {
                format!(
                    "on the trend since {since} ({}) the value reaches {} in {}: {} of the change \
                     to the target {}",
                    rate(lang, *growth),
                    q(*projected),
                    target.year,
                    fraction_as_percent(lang, *share, 1),
                    q(target.value)
                )
            }
        }
        ProgressFact::ChangeAgainstTime {
            change,
            time,
            index,
        } => {
            if vi {
                format!(
                    "đạt {} mức thay đổi cần thiết sau {} thời gian (chỉ số {})",
                    fraction_as_percent(lang, *change, 1),
                    fraction_as_percent(lang, *time, 1),
                    fixed(lang, *index, 3)
                )
            } else {
                format!(
                    "{} of the needed change achieved in {} of the time (index {})",
                    fraction_as_percent(lang, *change, 1),
                    fraction_as_percent(lang, *time, 1),
                    fixed(lang, *index, 3)
                )
            }
        }
        ProgressFact::WeightedTrend {
            weights,
            points,
            projected,
            target,
            share,
        } => {
            let w = recency_weights(lang, *weights);
            if vi {
                format!(
                    "xu hướng tuyến tính có trọng số {w} qua {points} điểm đạt {} vào năm {}: {} \
                     mức thay đổi cần thiết để đạt chỉ tiêu {}",
                    q(*projected),
                    target.year,
                    fraction_as_percent(lang, *share, 1),
                    q(target.value)
                )
            } else {
                format!(
                    "a linear trend with {w} weights through {points} points reaches {} in {}: {} \
                     of the change to the target {}",
                    q(*projected),
                    target.year,
                    fraction_as_percent(lang, *share, 1),
                    q(target.value)
                )
            }
        }
        ProgressFact::Pace {
            actual,
            required,
            pace,
        } => {
            if vi {
                format!(
                    "thực tế {} so với mức cần {}: tỷ lệ tốc độ {}",
                    rate(lang, *actual),
                    rate(lang, *required),
                    fixed(lang, *pace, 2)
                )
            } else {
                format!(
                    "actual {} against {} required: pace {}",
                    rate(lang, *actual),
                    rate(lang, *required),
                    fixed(lang, *pace, 2)
                )
            }
        }
        ProgressFact::TargetYearPassed {
            target,
            current,
            shortfall,
            method_fact,
        } => {
            let inner = progress_fact(lang, method_fact, unit_code);
            if vi {
                format!(
                    "đã qua năm chỉ tiêu {}: {} còn thiếu {} so với chỉ tiêu {} ({inner})",
                    target.year,
                    point(lang, *current, unit_code),
                    q(*shortfall),
                    q(target.value)
                )
            } else {
                format!(
                    "the target year {} has passed: {} misses the target {} by {} ({inner})",
                    target.year,
                    point(lang, *current, unit_code),
                    q(target.value),
                    q(*shortfall)
                )
            }
        }
    }
}

/// ESCAP recency weights in words.
pub fn recency_weights(lang: Lang, weights: RecencyWeights) -> String {
    match weights {
        RecencyWeights::Linear => pick(lang, "tăng dần theo năm", "linear recency").into(),
        RecencyWeights::Geometric(r) => match lang {
            Lang::Vi => format!("cấp số nhân (công bội {})", trimmed(lang, r, 4)),
            _ => format!("geometric (ratio {})", trimmed(lang, r, 4)),
        },
        _ => pick(lang, "bằng nhau", "equal").into(),
    }
}

/// A warning of a progress result.
pub fn progress_warning(lang: Lang, warning: ProgressWarning) -> &'static str {
    let (vi, en) = match warning {
        ProgressWarning::BaseZeroReplaced => (
            "giá trị gốc 0 được thay bằng 0,001 (quy tắc của Open SDG)",
            "base value 0 replaced by 0.001 (Open SDG rule)",
        ),
        _ => (
            "chỉ tiêu 0 được thay bằng 0,001 (quy tắc của Open SDG)",
            "target value 0 replaced by 0.001 (Open SDG rule)",
        ),
    };
    pick(lang, vi, en)
}

/// The sentence of an assessment fact; values are in the goal's unit `unit_code`.
pub fn fact(lang: Lang, fact: &Fact, unit_code: &str, places: &Places) -> String {
    let q = |v: f64| quantity(lang, v, unit_code);
    let vi = lang == Lang::Vi;
    match fact {
        Fact::NoNumericBound => pick(
            lang,
            "chỉ tiêu không có ngưỡng định lượng",
            "the target has no numeric bound",
        )
        .into(),
        Fact::PeriodNotBegun {
            begins,
            latest_data,
        } => {
            if vi {
                format!(
                    "giai đoạn của chỉ tiêu bắt đầu năm {begins}, sau năm có số liệu gần nhất \
                     ({latest_data})"
                )
            } else {
                format!(
                    "the target period begins in {begins}, after the latest data ({latest_data})"
                )
            }
        }
        Fact::NoPublishedValue {
            scope,
            indicator: code,
        } => {
            if vi {
                format!(
                    "chưa tìm thấy số liệu công bố về {} của {}",
                    lower_first(&indicator(lang, code)),
                    place(lang, scope, places)
                )
            } else {
                format!(
                    "no published value of {} for {} was found",
                    lower_first(&indicator(lang, code)),
                    place(lang, scope, places)
                )
            }
        }
        Fact::NoCommonYear {
            scope,
            indicator: code,
            reference,
        } => {
            if vi {
                format!(
                    "chưa có năm nào có cả số liệu {} của {} và {}",
                    lower_first(&indicator(lang, code)),
                    place(lang, scope, places),
                    lower_first(&reference_words(lang, reference, places))
                )
            } else {
                format!(
                    "no year has both {} for {} and {}",
                    lower_first(&indicator(lang, code)),
                    place(lang, scope, places),
                    lower_first(&reference_words(lang, reference, places))
                )
            }
        }
        Fact::AnnualValuesStartLate { first, start } => {
            if vi {
                format!(
                    "số liệu hằng năm bắt đầu từ năm {first}, không phải {start}: không tính được \
                     bình quân từ năm {start}"
                )
            } else {
                format!(
                    "annual values start in {first}, not {start}: the average since {start} \
                     cannot be formed"
                )
            }
        }
        Fact::CannotAssess { message } => {
            if vi {
                "số liệu quan sát không đánh giá được (số liệu không hợp lệ)".into()
            } else {
                format!("the observations cannot be assessed: {message}")
            }
        }
        Fact::Progress { progress, on_index } => {
            progress_fact(lang, progress, if *on_index { "index" } else { unit_code })
        }
        Fact::LevelPath {
            achieved,
            start,
            through,
            level,
            target_level,
            end,
            published_average,
        } => {
            let avg = percent_per_year(lang, *achieved);
            if vi {
                format!(
                    "bình quân {avg} giai đoạn {start}–{through} ({}; đường mức: chỉ số {} so với \
                     {} cần đạt vào năm {end})",
                    if *published_average {
                        "số bình quân đã công bố"
                    } else {
                        "tính từ tốc độ tăng hằng năm"
                    },
                    fixed(lang, *level, 2),
                    fixed(lang, *target_level, 2)
                )
            } else {
                format!(
                    "average {avg} over {start}–{through} ({}; level path: index {} against {} \
                     needed by {end})",
                    if *published_average {
                        "published average"
                    } else {
                        "chained from annual rates"
                    },
                    fixed(lang, *level, 2),
                    fixed(lang, *target_level, 2)
                )
            }
        }
        Fact::ShareOfGrowth {
            basis,
            value,
            threshold,
        } => {
            let v = percent(lang, *value, 2);
            let t = percent(lang, *threshold, 2);
            match (basis, vi) {
                (ShareBasis::PublishedForPeriod { start, end }, true) => {
                    format!("số công bố cho giai đoạn {start}–{end}: {v}; ngưỡng {t}")
                }
                (ShareBasis::PublishedForPeriod { start, end }, false) => {
                    format!("published for {start}–{end}: {v}; threshold {t}")
                }
                (ShareBasis::MeanOfAnnual { years, missing }, true) => {
                    let gap = if missing.is_empty() {
                        String::new()
                    } else {
                        format!("; thiếu số liệu năm {}", years_list(missing))
                    };
                    format!(
                        "bình quân các tỷ trọng hằng năm đã công bố ({}) = {v}{gap}; ngưỡng {t}",
                        years_list(years)
                    )
                }
                (ShareBasis::MeanOfAnnual { years, missing }, false) => {
                    let gap = if missing.is_empty() {
                        String::new()
                    } else {
                        format!("; no value for {}", years_list(missing))
                    };
                    format!(
                        "mean of the published annual shares ({}) = {v}{gap}; threshold {t}",
                        years_list(years)
                    )
                }
                (ShareBasis::GrowthAccounting { labour_share }, true) => format!(
                    "hạch toán tăng trưởng (cách tính của TCTK, tỷ phần lao động {}) = {v}; \
                     ngưỡng {t}",
                    trimmed(lang, *labour_share, 4)
                ),
                (ShareBasis::GrowthAccounting { labour_share }, false) => format!(
                    "growth accounting (GSO form, labour share {}) = {v}; threshold {t}",
                    trimmed(lang, *labour_share, 4)
                ),
            }
        }
        Fact::AccountingFailed { message } => {
            if vi {
                "hạch toán tăng trưởng không tính được tỷ trọng (chuỗi số liệu không đủ)".into()
            } else {
                format!("growth accounting could not compute the share: {message}")
            }
        }
        Fact::UndatedValue { value, meets } => match (vi, meets) {
            (true, true) => format!("số liệu không ghi năm {}: đạt chỉ tiêu", q(*value)),
            (true, false) => format!("số liệu không ghi năm {}: chưa đạt chỉ tiêu", q(*value)),
            (false, true) => format!("undated value {}: meets the target", q(*value)),
            (false, false) => format!("undated value {}: does not meet the target", q(*value)),
        },
        Fact::InRange { value, year } => {
            if vi {
                format!(
                    "{} nằm trong khoảng chỉ tiêu",
                    point(lang, Point::new(*year, *value), unit_code)
                )
            } else {
                format!(
                    "{} lies in the target range",
                    point(lang, Point::new(*year, *value), unit_code)
                )
            }
        }
        Fact::OneValue { value, year, meets } => {
            let p = point(lang, Point::new(*year, *value), unit_code);
            match (vi, meets) {
                (true, true) => format!("mới có một số liệu: {p}, đã đạt chỉ tiêu"),
                (true, false) => format!(
                    "mới có một số liệu: {p}, chưa đạt chỉ tiêu; cần thêm ít nhất một số liệu để \
                     đánh giá tiến độ"
                ),
                (false, true) => format!("one value: {p}, which meets the target"),
                (false, false) => format!(
                    "one value: {p}, short of the target; progress needs a second data point"
                ),
            }
        }
        Fact::Relative {
            value,
            year,
            reference,
            reference_value,
            above,
        } => {
            let r = reference_words(lang, reference, places);
            if vi {
                format!(
                    "{} so với {} = {} ({})",
                    point(lang, Point::new(*year, *value), unit_code),
                    lower_first(&r),
                    q(*reference_value),
                    if *above {
                        "cao hơn"
                    } else {
                        "không cao hơn"
                    }
                )
            } else {
                format!(
                    "{} against {} = {} ({})",
                    point(lang, Point::new(*year, *value), unit_code),
                    lower_first(&r),
                    q(*reference_value),
                    if *above { "above" } else { "not above" }
                )
            }
        }
        Fact::AboutTolerance { relative, absolute } => {
            if vi {
                format!(
                    "«khoảng» được hiểu là ±{} chỉ tiêu ({}) vì văn bản không nêu dung sai",
                    fraction_as_percent(lang, *relative, 0),
                    trimmed(lang, *absolute, 4)
                )
            } else {
                format!(
                    "'about' read as ±{} of the target ({}), as the document states no tolerance",
                    fraction_as_percent(lang, *relative, 0),
                    trimmed(lang, *absolute, 4)
                )
            }
        }
    }
}

/// The facts of an assessment in one sentence, joined by `; `.
pub fn reason(lang: Lang, facts: &[Fact], unit_code: &str, places: &Places) -> String {
    facts
        .iter()
        .map(|f| fact(lang, f, unit_code, places))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A value already in percent per year (`5,24 %/năm`).
fn percent_per_year(lang: Lang, value: f64) -> String {
    format!(
        "{} {}",
        fixed(lang, value, 2),
        unit(lang, "percent_per_year")
    )
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms (TFP, GDP) and proper names (Việt Nam) as written.
        Some(c) if c.is_uppercase() && !chars.next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// What would be needed to meet a target; values in the goal's unit `unit_code`.
pub fn needed(lang: Lang, needed: &Needed, unit_code: &str) -> String {
    let vi = lang == Lang::Vi;
    match needed {
        Needed::GrowthStillRequired { rate, from, to } => {
            if vi {
                format!(
                    "{} trong giai đoạn {from}–{to} để đạt mức bình quân của chỉ tiêu",
                    percent_per_year(lang, *rate)
                )
            } else {
                format!(
                    "{} in {from}–{to} to reach the target average",
                    percent_per_year(lang, *rate)
                )
            }
        }
        Needed::ShareChange { points, to } => {
            if vi {
                format!(
                    "tỷ trọng cần thay đổi {} điểm phần trăm, đến {}",
                    fixed(lang, *points, 2),
                    percent(lang, *to, 2)
                )
            } else {
                format!(
                    "the share must move by {} points to {}",
                    fixed(lang, *points, 2),
                    percent(lang, *to, 2)
                )
            }
        }
        Needed::LevelGap {
            gap,
            by,
            from_value,
            from_year,
            per_year,
        } => {
            let u = unit(lang, unit_code);
            let u = if u.is_empty() { u } else { format!(" {u}") };
            if vi {
                format!(
                    "{}{u} đến năm {by} so với {} năm {from_year} ({} mỗi năm)",
                    signed(lang, *gap, 4),
                    trimmed(lang, *from_value, 4),
                    signed(lang, *per_year, 4)
                )
            } else {
                format!(
                    "{}{u} by {by} from {} in {from_year} ({} a year)",
                    signed(lang, *gap, 4),
                    trimmed(lang, *from_value, 4),
                    signed(lang, *per_year, 4)
                )
            }
        }
    }
}

/// Where a validation finding is (`kế hoạch `p`, mục tiêu `g``).
pub fn location(lang: Lang, location: &Location) -> String {
    let mut parts = vec![format!(
        "{} `{}`",
        pick(lang, "kế hoạch", "plan"),
        location.plan
    )];
    if let Some(g) = &location.goal {
        parts.push(format!("{} `{g}`", pick(lang, "mục tiêu", "goal")));
    }
    if let Some(t) = &location.task {
        parts.push(format!("{} `{t}`", pick(lang, "nhiệm vụ", "task")));
    }
    parts.join(", ")
}

/// What a finding code means.
pub fn finding_code(lang: Lang, code: FindingCode) -> &'static str {
    use FindingCode::*;
    let (vi, en) = match code {
        DuplicateId => ("trùng mã định danh", "duplicate identifier"),
        ParentCycle => ("vòng lặp kế hoạch cấp trên", "parent plans form a cycle"),
        UnknownParent => (
            "kế hoạch cấp trên không có trong tập kế hoạch",
            "the parent plan is not among the plans",
        ),
        UnknownIndicator => ("chỉ tiêu không có trong danh mục", "unknown indicator"),
        UnknownUnit => ("đơn vị tính không hợp lệ", "unknown unit"),
        UnitMismatch => (
            "đơn vị tính của mục tiêu khác đơn vị của chỉ tiêu",
            "the goal's unit is not its indicator's unit",
        ),
        InvalidTarget => ("giá trị mục tiêu không nhất quán", "inconsistent target"),
        HorizonOutsidePeriod => (
            "thời hạn của mục tiêu nằm ngoài giai đoạn của kế hoạch",
            "the target year lies outside the plan's period",
        ),
        GoalWithoutTask => (
            "mục tiêu chưa có nhiệm vụ, giải pháp thực hiện",
            "no task or solution serves the goal",
        ),
        TaskUnknownGoal => (
            "nhiệm vụ gắn với mục tiêu không có trong kế hoạch",
            "a task names a goal the plan does not have",
        ),
        DuplicateGoal => ("mục tiêu trùng lặp", "duplicate goal"),
        OverlappingGoals => (
            "hai mục tiêu đặt mức khác nhau cho cùng chỉ tiêu, phạm vi và thời gian",
            "two goals set different targets for the same indicator, scope and time",
        ),
        GoalWithoutLegalBasis => (
            "mục tiêu và kế hoạch chưa có căn cứ pháp lý",
            "neither the goal nor its plan has a legal basis",
        ),
        GoalWithoutBaseline => ("mục tiêu chưa có giá trị năm gốc", "no baseline"),
        GoalWithoutSourceText => ("mục tiêu chưa lưu nguyên văn", "no source wording"),
        WeakerThanParent => (
            "mục tiêu thấp hơn mục tiêu tương ứng của kế hoạch cấp trên",
            "the goal asks less than the parent plan's goal",
        ),
        TaskWithoutBudget => ("nhiệm vụ chưa có kinh phí", "task without a budget"),
        TaskWithoutResponsibleUnit => (
            "nhiệm vụ chưa có đơn vị chủ trì",
            "task without a responsible unit",
        ),
    };
    pick(lang, vi, en)
}

/// A validation finding: its severity, what its code means and where; in English also the
/// finding's own message with the values involved.
pub fn finding(lang: Lang, finding: &Finding) -> String {
    match lang {
        Lang::Vi => format!(
            "{}: {} ({})",
            severity(lang, finding.severity),
            finding_code(lang, finding.code),
            location(lang, &finding.location)
        ),
        _ => format!(
            "{}: {} ({}): {}",
            severity(lang, finding.severity),
            finding_code(lang, finding.code),
            location(lang, &finding.location),
            finding.message
        ),
    }
}

/// A consistency check.
pub fn consistency(lang: Lang, check: &ConsistencyCheck) -> String {
    let vi = lang == Lang::Vi;
    match &check.finding {
        Consistency::Implied {
            lp_growth,
            employment_growth,
            gdp_growth,
            start,
            end,
            tfp,
        } => {
            let mut s = if vi {
                format!(
                    "tăng năng suất lao động {} với tăng việc làm {} hàm ý tăng GDP {} \
                     ({start}–{end})",
                    rate(lang, *lp_growth),
                    rate(lang, *employment_growth),
                    rate(lang, *gdp_growth)
                )
            } else {
                format!(
                    "LP growth {} with employment growth {} implies GDP growth {} ({start}–{end})",
                    rate(lang, *lp_growth),
                    rate(lang, *employment_growth),
                    rate(lang, *gdp_growth)
                )
            };
            for t in tfp {
                if vi {
                    s.push_str(&format!(
                        "; để TFP đóng góp {} mức tăng đó cần TFP tăng {}, và vốn cùng lao động \
                         phải đóng góp {}",
                        fraction_as_percent(lang, t.share, 0),
                        rate(lang, t.tfp_growth),
                        rate(lang, t.factor_growth)
                    ));
                } else {
                    s.push_str(&format!(
                        "; TFP's {} of that growth needs TFP growth of {}, and capital and labour \
                         together must add {}",
                        fraction_as_percent(lang, t.share, 0),
                        rate(lang, t.tfp_growth),
                        rate(lang, t.factor_growth)
                    ));
                }
            }
            s
        }
        Consistency::AboveGdpCeiling {
            lp_growth,
            employment_growth,
            gdp_growth,
            ceiling,
        } => {
            if vi {
                format!(
                    "tăng năng suất lao động {} và tăng việc làm {} hàm ý tăng GDP {}, cao hơn \
                     mức trần {} của chỉ tiêu GDP: một trong hai chỉ tiêu không thể đạt trừ khi \
                     việc làm giảm",
                    rate(lang, *lp_growth),
                    rate(lang, *employment_growth),
                    rate(lang, *gdp_growth),
                    rate(lang, *ceiling)
                )
            } else {
                format!(
                    "LP growth {} and employment growth {} imply GDP growth {}, above the GDP \
                     target's ceiling {}: one of them cannot be met unless employment falls",
                    rate(lang, *lp_growth),
                    rate(lang, *employment_growth),
                    rate(lang, *gdp_growth),
                    rate(lang, *ceiling)
                )
            }
        }
        Consistency::ExclusiveBounds { indicator: code } => {
            if vi {
                format!(
                    "hai mục tiêu về {} không thể cùng đạt",
                    lower_first(&indicator(lang, code))
                )
            } else {
                format!(
                    "two goals for {} cannot both be met",
                    lower_first(&indicator(lang, code))
                )
            }
        }
    }
}

/// What is measured by a realism check.
pub fn measure(lang: Lang, measure: Measure) -> &'static str {
    match measure {
        Measure::LabourProductivity => pick(lang, "năng suất lao động", "labour productivity"),
        _ => "TFP",
    }
}

/// A realism check: how many peers ever grew as fast, and the territory's own best.
pub fn realism(lang: Lang, r: &Realism, places: &Places) -> String {
    let vi = lang == Lang::Vi;
    let achieved: Vec<String> = r
        .achieved()
        .map(|p| {
            format!(
                "{} {}–{} {}",
                place(lang, &p.country, places),
                p.from + 1,
                p.to,
                fraction_as_percent(lang, p.growth, 1)
            )
        })
        .collect();
    let mut s = if vi {
        format!(
            "tăng {} {} trong {} năm: {} trên {} nền kinh tế so sánh từng đạt",
            measure(lang, r.measure),
            rate(lang, r.required),
            r.years,
            r.achieved_by,
            r.peers.len()
        )
    } else {
        format!(
            "{} growth of {} over {} years: achieved by {} of {} peers",
            measure(lang, r.measure),
            rate(lang, r.required),
            r.years,
            r.achieved_by,
            r.peers.len()
        )
    };
    if !achieved.is_empty() {
        s.push_str(&format!(" ({})", achieved.join(", ")));
    }
    if let Some(o) = &r.own_best {
        let never = o.growth < r.required;
        let own = place(lang, &o.country, places);
        if vi {
            s.push_str(&format!(
                "; mức cao nhất của {own} là {} ({}–{}){}",
                rate(lang, o.growth),
                o.from + 1,
                o.to,
                if never { ": chưa từng đạt" } else { "" }
            ));
        } else {
            s.push_str(&format!(
                "; the best of {own} was {} ({}–{}){}",
                rate(lang, o.growth),
                o.from + 1,
                o.to,
                if never { ": never achieved" } else { "" }
            ));
        }
    }
    s
}

/// A scenario assumption's name (`investment_rate` → `tỷ lệ đầu tư/GDP`), else the code.
pub fn assumption(lang: Lang, code: &str) -> String {
    let (vi, en) = match code {
        "investment_rate" => ("tỷ lệ đầu tư/GDP", "investment rate"),
        "depreciation" => ("tỷ lệ khấu hao", "depreciation"),
        "employment_growth" => ("tăng việc làm", "employment growth"),
        "tfp_growth" => ("tăng TFP", "TFP growth"),
        "labour_share" => ("tỷ phần lao động", "labour share"),
        "capital_output_ratio" => ("tỷ lệ vốn/sản lượng", "capital–output ratio"),
        other => return other.to_string(),
    };
    pick(lang, vi, en).to_string()
}

/// What it takes to meet a goal, as one sentence: the value of the assumption that just meets
/// it (at least or at most, from the side of the interval that meets it) beside the value held
/// and the outcome there; or that every admissible value meets it; or that none does.
///
/// ```
/// use nangsuat::monitoring::requirement::{Assumption, ScenarioTarget, what_it_takes};
/// use nangsuat::monitoring::feasibility::Scenario;
/// use nangsuat::report::{Lang, words};
/// let scenario = nangsuat::vietnam::scenario_2021_2025();
/// let plan = &nangsuat::vietnam::Vietnam::get().plans()[0];
/// let targets = ScenarioTarget::from_plan(plan, scenario.base_year, scenario.end_year);
/// let r = &what_it_takes(&scenario, &targets, Assumption::InvestmentRate, None)?[0];
/// assert!(words::what_it_takes(Lang::Vi, r).contains("tỷ lệ đầu tư/GDP"));
/// assert!(words::what_it_takes(Lang::En, r).contains("investment rate"));
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn what_it_takes(lang: Lang, r: &WhatItTakes) -> String {
    let what = assumption(lang, r.assumption.name());
    let outcome_unit = match r.target.outcome {
        Outcome::TfpShare => " %".to_string(),
        _ => format!(" {}", unit(lang, "percent_per_year")),
    };
    let outcome = |v: f64| format!("{}{outcome_unit}", fixed(lang, 100.0 * v, 2));
    let pct = |v: f64| fraction_as_percent(lang, v, 2);
    match &r.requirement {
        Requirement::Value {
            value,
            outcome: there,
            meets,
        } => {
            // Whether the goal is met below the value (the side of its interval).
            let below = meets.iter().any(|(a, b)| b == value && a < value);
            let side = match (lang, below) {
                (Lang::Vi, true) => "tối đa",
                (Lang::Vi, false) => "tối thiểu",
                (_, true) => "at most",
                (_, false) => "at least",
            };
            match lang {
                Lang::Vi => format!(
                    "{what} {side} {} (giả định hiện tại {}); khi đó: {}",
                    pct(*value),
                    pct(r.held),
                    outcome(*there)
                ),
                _ => format!(
                    "{what} {side} {} (assumed {}); there: {}",
                    pct(*value),
                    pct(r.held),
                    outcome(*there)
                ),
            }
        }
        Requirement::Always => match lang {
            Lang::Vi => format!("đạt với mọi giá trị {what} trong khoảng cho phép"),
            _ => format!("met at every admissible {what}"),
        },
        Requirement::Never {
            closest_outcome, ..
        } => {
            let best = closest_outcome.map_or_else(|| "—".to_string(), outcome);
            let (lo, hi) = (
                fraction_as_percent(lang, r.range.0, 0),
                fraction_as_percent(lang, r.range.1, 0),
            );
            match lang {
                Lang::Vi => format!(
                    "không giá trị {what} nào trong khoảng [{lo}; {hi}] đạt được (tốt nhất {best})"
                ),
                _ => format!("no {what} in [{lo}, {hi}] meets it (best {best})"),
            }
        }
    }
}

/// Why a TFP share is undefined, as a table cell (`— (TFP giảm)`).
pub fn undefined_share(lang: Lang, why: UndefinedShare) -> &'static str {
    let (vi, en) = match why {
        UndefinedShare::OppositeSigns => ("— (TFP giảm)", "— (TFP fell)"),
        UndefinedShare::OutputGrowthNearZero => ("— (không tăng trưởng)", "— (no growth)"),
        _ => ("— (thiếu số liệu)", "— (missing data)"),
    };
    pick(lang, vi, en)
}

/// A note of a history section.
pub fn history_note(lang: Lang, note: &HistoryNote) -> String {
    let vi = lang == Lang::Vi;
    match note {
        HistoryNote::Data { citation } => {
            format!("{}: {citation}.", pick(lang, "Số liệu", "Data"))
        }
        HistoryNote::CapitalStock { series } => {
            if vi {
                format!(
                    "Vốn: chuỗi `{series}` (nguồn không có số liệu dịch vụ vốn cho lãnh thổ này)."
                )
            } else {
                format!("Capital: `{series}` (the source has no capital services for it).")
            }
        }
        HistoryNote::LabourPersonsHoursHumanCapital => pick(
            lang,
            "Lao động: số người làm việc × số giờ làm việc bình quân × chỉ số vốn nhân lực.",
            "Labour: persons engaged × average hours × human-capital index.",
        )
        .into(),
        HistoryNote::AssumedLabourShare {
            value,
            peers,
            from,
            to,
        } => {
            if vi {
                format!(
                    "Tỷ phần lao động {}: một giả định (trung vị tỷ phần lao động theo PWT của {}, \
                     {from}–{to}).",
                    fixed(lang, *value, 2),
                    peers.join(", ")
                )
            } else {
                format!(
                    "Labour share {}: an assumption (the median PWT labour share of {}, \
                     {from}–{to}).",
                    fixed(lang, *value, 2),
                    peers.join(", ")
                )
            }
        }
        HistoryNote::EmploymentBreak {
            year,
            before,
            after,
        } => {
            if vi {
                format!(
                    "Số người làm việc theo PWT giảm từ {} triệu (năm {}) xuống {} triệu (năm \
                     {year}) do thay đổi nguồn số liệu; tăng lao động và tăng TFP năm {year} \
                     mang theo sự đứt gãy này.",
                    fixed(lang, *before, 2),
                    year - 1,
                    fixed(lang, *after, 2)
                )
            } else {
                format!(
                    "PWT employment falls from {} ({}) to {} million ({year}), a source break; \
                     {year}'s labour and TFP growth carry it.",
                    fixed(lang, *before, 2),
                    year - 1,
                    fixed(lang, *after, 2)
                )
            }
        }
        HistoryNote::CompareRanges => pick(
            lang,
            "Số liệu của TCTK dựa trên chuỗi vốn và tỷ phần đầu vào – đầu ra riêng: nên so sánh \
             khoảng giá trị, không so sánh từng chữ số.",
            "GSO's figures rest on its own capital series and input–output shares: compare the \
             ranges, not the digits.",
        )
        .into(),
        HistoryNote::OfficialProfile => pick(
            lang,
            "Cách tính của TCTK (Tổng cục Thống kê): chỉ tính số người làm việc, tốc độ tăng rời \
             rạc, chất lượng lao động nằm trong TFP.",
            "GSO form (General Statistics Office): persons only, discrete growth, labour quality \
             inside TFP.",
        )
        .into(),
    }
}

/// A goal's period (`2021–2025`, or the target year).
pub fn period(period: (Option<i32>, i32)) -> String {
    match period {
        (Some(s), e) if s != e => format!("{s}–{e}"),
        (_, e) => e.to_string(),
    }
}

/// A signed change in percentage points with two decimals (`+0,52`).
pub fn points(lang: Lang, fraction: f64) -> String {
    signed_fixed(lang, 100.0 * fraction, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Place;

    #[test]
    fn every_status_severity_and_evidence_has_two_words() {
        for s in Status::ALL {
            assert_ne!(status(Lang::Vi, s), status(Lang::En, s));
        }
        for m in Method::ALL {
            assert!(!method(Lang::Vi, m).is_empty() && !method(Lang::En, m).is_empty());
        }
        assert_eq!(evidence(Lang::Vi, Evidence::Press), "báo chí");
        assert_eq!(severity(Lang::Vi, Severity::Warning), "cảnh báo");
    }

    #[test]
    fn units_places_and_targets() {
        assert_eq!(unit(Lang::En, "percent_per_year"), "%/yr");
        assert_eq!(unit(Lang::Vi, "per_10000_people"), "người/1 vạn dân");
        assert_eq!(unit(Lang::Vi, "something_new"), "something_new");
        let mut places = Places::new();
        places.insert("x".into(), Place::new("Tỉnh X", "X Province"));
        assert_eq!(place(Lang::Vi, "x", &places), "Tỉnh X");
        assert_eq!(place(Lang::En, "y", &places), "y");
        let t = Target::Above { value: 7.5 };
        assert_eq!(
            target(Lang::Vi, &t, "percent_per_year", &places),
            "> 7,5 %/năm"
        );
        assert_eq!(
            target(Lang::En, &t, "percent_per_year", &places),
            "> 7.5 %/yr"
        );
        let t = Target::Between {
            low: 12.0,
            high: 15.0,
        };
        assert_eq!(target(Lang::Vi, &t, "count", &places), "12–15");
        let t = Target::Relative {
            reference: "x:lp_growth".into(),
            relation: Relation::Above,
        };
        assert!(target(Lang::Vi, &t, "percent", &places).ends_with("của Tỉnh X"));
    }

    #[test]
    fn facts_in_both_languages() {
        let places = Places::new();
        let f = Fact::LevelPath {
            achieved: 5.24,
            start: 2021,
            through: 2025,
            level: 129.0934,
            target_level: 140.2552,
            end: 2025,
            published_average: true,
        };
        let vi = fact(Lang::Vi, &f, "percent_per_year", &places);
        assert!(
            vi.starts_with("bình quân 5,24 %/năm giai đoạn 2021–2025"),
            "{vi}"
        );
        assert!(vi.contains("129,09") && vi.contains("140,26"), "{vi}");
        let en = fact(Lang::En, &f, "percent_per_year", &places);
        assert!(en.starts_with("average 5.24 %/yr over 2021–2025"), "{en}");
        let n = Needed::LevelGap {
            gap: 10.72,
            by: 2025,
            from_value: 8.28,
            from_year: 2023,
            per_year: 5.36,
        };
        assert_eq!(
            needed(Lang::En, &n, "percent"),
            "+10.72 % by 2025 from 8.28 in 2023 (+5.36 a year)"
        );
        assert_eq!(
            needed(Lang::Vi, &n, "percent"),
            "+10,72 % đến năm 2025 so với 8,28 năm 2023 (+5,36 mỗi năm)"
        );
        let p = ProgressFact::TargetYearPassed {
            target: Point::new(2025, 60.0),
            current: Point::new(2025, 31.0),
            shortfall: 29.0,
            method_fact: Box::new(ProgressFact::OnlyBase {
                base: Point::new(2023, 32.0),
            }),
        };
        let vi = progress_fact(Lang::Vi, &p, "count");
        assert!(
            vi.starts_with("đã qua năm chỉ tiêu 2025: 31 năm 2025 còn thiếu 29"),
            "{vi}"
        );
    }
}
