//! The fixed words of the HTML and Excel layouts (headings, chart titles, axis names, sheet
//! names), in Vietnamese and English. Statuses, evidence levels, severities, units, places,
//! facts and numbers are worded by [`super::words`] and [`super::number`], as in every format.
//!
//! ```
//! use nangsuat::report::Lang;
//! use nangsuat::report::labels::Labels;
//! let w = Labels::new(Lang::Vi);
//! assert_eq!(w.goal, "Mục tiêu");
//! assert_eq!(w.num(Some(1234.5), 2), "1.234,50");
//! assert_eq!(w.num(None, 2), "—");
//! ```

use super::Lang;
use crate::monitoring::progress::Status;

/// The fixed words of a report, in one language.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Labels {
    /// The language.
    pub lang: Lang,
    /// Document title.
    pub title: &'static str,
    /// "Progress method".
    pub method: &'static str,
    /// "Observations".
    pub observations: &'static str,
    /// "Latest year with data".
    pub latest: &'static str,
    /// The report's promise about missing values and evidence.
    pub never_invented: &'static str,
    /// "Summary".
    pub summary: &'static str,
    /// "Status".
    pub status: &'static str,
    /// "Goals" (count column).
    pub goals: &'static str,
    /// "Goal".
    pub goal: &'static str,
    /// "Plan".
    pub plan: &'static str,
    /// "Indicator".
    pub indicator: &'static str,
    /// "Target".
    pub target: &'static str,
    /// "Period".
    pub period: &'static str,
    /// "Year".
    pub year: &'static str,
    /// "Current value".
    pub value: &'static str,
    /// "Evidence".
    pub evidence: &'static str,
    /// "Basis" (why the status).
    pub reason: &'static str,
    /// "Needed".
    pub needed: &'static str,
    /// "The document's wording".
    pub wording: &'static str,
    /// "Sources".
    pub sources: &'static str,
    /// "Source".
    pub source: &'static str,
    /// "Note".
    pub note: &'static str,
    /// "Unit".
    pub unit: &'static str,
    /// "Also published".
    pub also: &'static str,
    /// "Validation findings".
    pub findings: &'static str,
    /// "Severity".
    pub severity: &'static str,
    /// "Code".
    pub code: &'static str,
    /// "Where".
    pub location: &'static str,
    /// "Message".
    pub message: &'static str,
    /// "No finding".
    pub no_findings: &'static str,
    /// Informational findings not listed.
    pub info_count: &'static str,
    /// "Growth accounting".
    pub accounting: &'static str,
    /// "Feasibility of the targets".
    pub feasibility: &'static str,
    /// "Observed".
    pub observed: &'static str,
    /// "Target path".
    pub target_path: &'static str,
    /// "Base".
    pub base: &'static str,
    /// Chart title prefix: "Observed path and target path".
    pub path_title: &'static str,
    /// Axis: an index with the year before the period = 100.
    pub index_axis: &'static str,
    /// "Table behind the chart".
    pub chart_table: &'static str,
    /// "No data to draw".
    pub no_chart: &'static str,
    /// "Output growth".
    pub output_growth: &'static str,
    /// "Capital".
    pub capital: &'static str,
    /// "Labour".
    pub labour: &'static str,
    /// "Labour quality".
    pub labour_quality: &'static str,
    /// "TFP".
    pub tfp: &'static str,
    /// "TFP share of growth, %".
    pub tfp_share: &'static str,
    /// Chart title: contributions by year.
    pub contributions_by_year: &'static str,
    /// Chart title: contributions by period.
    pub contributions_by_period: &'static str,
    /// Chart title: TFP share by period against the target.
    pub share_against_target: &'static str,
    /// Chart title: sensitivity to the labour share.
    pub sensitivity_title: &'static str,
    /// Axis: percentage points per year.
    pub pp_axis: &'static str,
    /// Axis: percent of growth.
    pub share_axis: &'static str,
    /// "Labour share".
    pub labour_share: &'static str,
    /// "Made with nangsuat".
    pub made_with: &'static str,
    /// "Contents".
    pub contents: &'static str,
    /// Undefined value.
    pub undefined: &'static str,
    /// "Scenario".
    pub scenario: &'static str,
    /// "met".
    pub met: &'static str,
    /// "not met".
    pub not_met: &'static str,
    /// "Projected".
    pub projected: &'static str,
    /// Sheet names: summary, goals, observations, findings, growth accounting.
    pub sheets: [&'static str; 5],
}

impl Labels {
    /// The words of `lang`.
    pub fn new(lang: Lang) -> Labels {
        match lang {
            Lang::Vi => Labels {
                lang,
                title: "Báo cáo theo dõi thực hiện mục tiêu năng suất",
                method: "Phương pháp đánh giá",
                observations: "Số liệu quan sát",
                latest: "Năm có số liệu gần nhất",
                never_invented: "Số liệu chưa được công bố được ghi là thiếu, không bao giờ ước đoán. Mỗi số liệu kèm mức độ xác thực (đã xác nhận: có nguồn chính thức; tính toán: tính từ số liệu chính thức; báo chí) và nguồn.",
                summary: "Tóm tắt",
                status: "Trạng thái",
                goals: "Số mục tiêu",
                goal: "Mục tiêu",
                plan: "Kế hoạch",
                indicator: "Chỉ tiêu",
                target: "Mức chỉ tiêu",
                period: "Giai đoạn",
                year: "Năm",
                value: "Giá trị hiện tại",
                evidence: "Mức xác thực",
                reason: "Căn cứ",
                needed: "Cần đạt",
                wording: "Nguyên văn văn bản",
                sources: "Nguồn số liệu",
                source: "Nguồn",
                note: "Ghi chú",
                unit: "Đơn vị",
                also: "Số liệu khác đã công bố",
                findings: "Kết quả rà soát kế hoạch",
                severity: "Mức độ",
                code: "Mã",
                location: "Vị trí",
                message: "Nội dung",
                no_findings: "Không có phát hiện mức lỗi hoặc cảnh báo.",
                info_count: "phát hiện mức thông tin (thiếu năm gốc, thiếu nguyên văn) không liệt kê",
                accounting: "Hạch toán tăng trưởng",
                feasibility: "Tính khả thi của chỉ tiêu",
                observed: "Thực tế",
                target_path: "Lộ trình chỉ tiêu",
                base: "Gốc",
                path_title: "Thực tế và lộ trình chỉ tiêu",
                index_axis: "chỉ số (năm trước giai đoạn = 100)",
                chart_table: "Bảng số liệu của biểu đồ",
                no_chart: "Chưa có số liệu để vẽ biểu đồ.",
                output_growth: "Tăng trưởng GDP",
                capital: "Vốn",
                labour: "Lao động",
                labour_quality: "Chất lượng lao động",
                tfp: "TFP",
                tfp_share: "Tỷ trọng đóng góp của TFP, %",
                contributions_by_year: "Đóng góp vào tăng trưởng GDP theo năm",
                contributions_by_period: "Đóng góp vào tăng trưởng GDP theo giai đoạn (bình quân năm)",
                share_against_target: "Tỷ trọng đóng góp của TFP theo giai đoạn so với chỉ tiêu",
                sensitivity_title: "Độ nhạy của tỷ trọng TFP theo tỷ phần lao động",
                pp_axis: "điểm phần trăm/năm",
                share_axis: "% tăng trưởng",
                labour_share: "Tỷ phần thu nhập của lao động",
                made_with: "Lập bằng nangsuat",
                contents: "Mục lục",
                undefined: "—",
                scenario: "Kịch bản",
                met: "đạt",
                not_met: "không đạt",
                projected: "Dự báo",
                sheets: [
                    "Tóm tắt",
                    "Mục tiêu",
                    "Số liệu sử dụng",
                    "Rà soát kế hoạch",
                    "Hạch toán tăng trưởng",
                ],
            },
            Lang::En => Labels {
                lang,
                title: "Productivity plan monitoring report",
                method: "Progress method",
                observations: "Observations",
                latest: "Latest year with data",
                never_invented: "Values not yet published are reported as missing, never estimated. Every number carries its evidence level (confirmed: official source; derived: computed from official numbers; press) and its source.",
                summary: "Summary",
                status: "Status",
                goals: "Goals",
                goal: "Goal",
                plan: "Plan",
                indicator: "Indicator",
                target: "Target",
                period: "Period",
                year: "Year",
                value: "Current value",
                evidence: "Evidence",
                reason: "Basis",
                needed: "Needed",
                wording: "The document's wording",
                sources: "Sources",
                source: "Source",
                note: "Note",
                unit: "Unit",
                also: "Also published",
                findings: "Plan validation findings",
                severity: "Severity",
                code: "Code",
                location: "Where",
                message: "Message",
                no_findings: "No error or warning.",
                info_count: "informational findings (no baseline, no wording) not listed",
                accounting: "Growth accounting",
                feasibility: "Feasibility of the targets",
                observed: "Observed",
                target_path: "Target path",
                base: "Base",
                path_title: "Observed and target path",
                index_axis: "index (year before the period = 100)",
                chart_table: "Table behind the chart",
                no_chart: "No data to draw yet.",
                output_growth: "GDP growth",
                capital: "Capital",
                labour: "Labour",
                labour_quality: "Labour quality",
                tfp: "TFP",
                tfp_share: "TFP share of growth, %",
                contributions_by_year: "Contributions to GDP growth by year",
                contributions_by_period: "Contributions to GDP growth by period (annual mean)",
                share_against_target: "TFP share of growth by period against the target",
                sensitivity_title: "Sensitivity of the TFP share to the labour share",
                pp_axis: "percentage points per year",
                share_axis: "% of growth",
                labour_share: "Labour share of income",
                made_with: "Made with nangsuat",
                contents: "Contents",
                undefined: "—",
                scenario: "Scenario",
                met: "met",
                not_met: "not met",
                projected: "Projected",
                sheets: [
                    "Summary",
                    "Goals",
                    "Observations used",
                    "Validation findings",
                    "Growth accounting",
                ],
            },
        }
    }

    /// A number with `decimals` decimals in the language's convention, `—` when undefined.
    pub fn num(&self, v: Option<f64>, decimals: usize) -> String {
        v.map_or_else(
            || self.undefined.to_string(),
            |v| crate::report::number::fixed(self.lang, v, decimals),
        )
    }

    /// The HTML document language code.
    pub fn code(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "vi",
            _ => "en",
        }
    }
}

/// A status's colour (fill) and a symbol that says the same without colour.
pub fn status_style(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Achieved => ("#1a7f37", "✔"),
        Status::OnTrack => ("#2f9e44", "↗"),
        Status::NeedsAcceleration => ("#b35c00", "⚠"),
        Status::LimitedProgress => ("#c2410c", "▲"),
        Status::Deteriorating => ("#b91c1c", "✖"),
        Status::InsufficientData => ("#57606a", "?"),
        _ => ("#6e7781", "…"),
    }
}
