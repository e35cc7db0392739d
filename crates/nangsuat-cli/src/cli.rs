//! The command line, with every help text in Vietnamese and English.

use clap::{Arg, ArgAction, Command, value_parser};
use std::ffi::OsString;
use std::path::PathBuf;

/// The language of help and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

/// `--lang vi|en` (or `--lang=…`) among the arguments, else `LANG`/`LC_ALL` starting with
/// `vi`, else English.
pub fn help_language(args: &[OsString]) -> HelpLang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let v = if a == "--lang" {
            it.next().map(|s| s.to_string())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match v.as_deref() {
            Some("vi") => return HelpLang::Vi,
            Some("en") => return HelpLang::En,
            _ => {}
        }
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.starts_with("vi") {
                HelpLang::Vi
            } else {
                HelpLang::En
            };
        }
    }
    HelpLang::En
}

struct T(HelpLang);

impl T {
    fn s(&self, vi: &str, en: &str) -> String {
        match self.0 {
            HelpLang::Vi => vi.to_string(),
            HelpLang::En => en.to_string(),
        }
    }
}

fn lang_arg(t: &T) -> Arg {
    Arg::new("lang")
        .long("lang")
        .value_parser(["vi", "en"])
        .global(true)
        .help(t.s(
            "Ngôn ngữ của báo cáo và trợ giúp (vi hoặc en; mặc định theo biến LANG)",
            "Language of the report and of help (vi or en; default from LANG)",
        ))
}

fn output_arg(t: &T) -> Arg {
    Arg::new("output")
        .short('o')
        .long("output")
        .value_name("FILE")
        .value_parser(value_parser!(PathBuf))
        .help(t.s(
            "Ghi kết quả vào tệp (mặc định: đầu ra chuẩn)",
            "Write the result to FILE (default: standard output)",
        ))
}

fn csv_input(t: &T) -> Arg {
    Arg::new("input")
        .value_name("CSV")
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help(t.s(
            "Tệp CSV đầu vào (UTF-8, dòng đầu là tên cột; - là đầu vào chuẩn)",
            "Input CSV file (UTF-8, first line names the columns; - for standard input)",
        ))
}

fn column(name: &'static str, default: &'static str, t: &T, vi: &str, en: &str) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name("COLUMN")
        .default_value(default)
        .help(t.s(vi, en))
}

fn orientation_args(t: &T) -> [Arg; 4] {
    [
        Arg::new("inputs")
            .long("inputs")
            .value_name("COLUMNS")
            .required(true)
            .value_delimiter(',')
            .help(t.s(
                "Các cột đầu vào, cách nhau bởi dấu phẩy (ví dụ: von,lao_dong)",
                "Input columns, comma-separated (e.g. capital,labour)",
            )),
        Arg::new("outputs")
            .long("outputs")
            .value_name("COLUMNS")
            .required(true)
            .value_delimiter(',')
            .help(t.s(
                "Các cột đầu ra, cách nhau bởi dấu phẩy (ví dụ: grdp)",
                "Output columns, comma-separated (e.g. grdp)",
            )),
        Arg::new("orientation")
            .long("orientation")
            .value_parser(["input", "output"])
            .default_value("input")
            .help(t.s(
                "Định hướng: input (giảm đầu vào) hoặc output (tăng đầu ra)",
                "Orientation: input (contract inputs) or output (expand outputs)",
            )),
        Arg::new("rts")
            .long("rts")
            .value_parser(["crs", "vrs", "nirs", "ndrs"])
            .default_value("crs")
            .help(t.s(
                "Hiệu suất theo quy mô: crs (không đổi), vrs (biến đổi), nirs, ndrs",
                "Returns to scale: crs (constant), vrs (variable), nirs, ndrs",
            )),
    ]
}

/// The whole command line in `lang`.
pub fn command(lang: HelpLang) -> Command {
    let t = T(lang);
    let examples_report = t.s(
        "Ví dụ:\n  nangsuat report --lang vi                          # báo cáo Markdown từ dữ liệu có sẵn\n  nangsuat report --format html --lang vi -o bao-cao.html\n  nangsuat report --plan ke-hoach-thanh-hoa.toml --observations so-lieu.csv --format xlsx -o bao-cao.xlsx",
        "Examples:\n  nangsuat report                                    # Markdown report from the embedded data\n  nangsuat report --format html --lang vi -o bao-cao.html\n  nangsuat report --plan ke-hoach-thanh-hoa.toml --observations so-lieu.csv --format xlsx -o report.xlsx",
    );
    Command::new("nangsuat")
        .version(nangsuat::VERSION)
        .about(t.s(
            "Năng suất: báo cáo theo dõi mục tiêu năng suất, rà soát kế hoạch, hạch toán tăng trưởng, TFP, DEA và Malmquist từ tệp của bạn",
            "Productivity: plan monitoring reports, plan validation, growth accounting, TFP, DEA and Malmquist from your own files",
        ))
        .after_help(t.s(
            "Kết quả ra đầu ra chuẩn, thông báo ra đầu ra lỗi. Mã thoát: 0 thành công, 1 có phát hiện hoặc lỗi tính toán, 2 sai cú pháp lệnh.\nVí dụ:\n  nangsuat report --lang vi\n  nangsuat validate ke-hoach.toml\n  nangsuat account so-lieu.csv --gdp grdp --capital von --labour lao_dong --labour-share 0.48",
            "Results go to standard output, diagnostics to standard error. Exit status: 0 success, 1 findings or a computation error, 2 a usage error.\nExamples (Vietnamese file names, as users write them):\n  nangsuat report --lang vi\n  nangsuat validate ke-hoach.toml\n  nangsuat account so-lieu.csv --gdp grdp --capital von --labour lao_dong --labour-share 0.48",
        ))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .disable_help_subcommand(true)
        .help_expected(true)
        .arg(lang_arg(&t))
        .subcommand(
            Command::new("report")
                .about(t.s(
                    "Báo cáo theo dõi: trạng thái từng mục tiêu, số liệu và nguồn, điều cần đạt (Markdown, HTML, JSON, Excel)",
                    "The monitoring report: each goal's status, the numbers and sources behind it, what is needed (Markdown, HTML, JSON, Excel)",
                ))
                .after_help(examples_report)
                .arg(
                    Arg::new("plan")
                        .short('p')
                        .long("plan")
                        .value_name("FILE")
                        .action(ArgAction::Append)
                        .value_parser(value_parser!(PathBuf))
                        .help(t.s(
                            "Tệp kế hoạch TOML hoặc JSON (lặp lại cho nhiều kế hoạch; mặc định: các kế hoạch có sẵn)",
                            "Plan file, TOML or JSON (repeat for many plans; default: the embedded plans)",
                        )),
                )
                .arg(
                    Arg::new("observations")
                        .long("observations")
                        .value_name("CSV")
                        .value_parser(value_parser!(PathBuf))
                        .help(t.s(
                            "Số liệu quan sát CSV (scope,indicator,year,value,unit,note,source_url,evidence; mặc định: số liệu Việt Nam có sẵn)",
                            "Observations CSV (scope,indicator,year,value,unit,note,source_url,evidence; default: the embedded Viet Nam set)",
                        )),
                )
                .arg(
                    Arg::new("format")
                        .short('f')
                        .long("format")
                        .value_parser(["md", "html", "json", "xlsx"])
                        .default_value("md")
                        .help(t.s(
                            "Định dạng: md (Markdown), html (một tệp có biểu đồ), json, xlsx (Excel, cần -o)",
                            "Format: md (Markdown), html (one file with charts), json, xlsx (Excel, needs -o)",
                        )),
                )
                .arg(
                    Arg::new("method")
                        .long("method")
                        .value_parser(["statcan", "unsd", "escap_current", "escap_anticipated", "psa"])
                        .default_value("statcan")
                        .help(t.s(
                            "Phương pháp đánh giá tiến độ",
                            "Progress method",
                        )),
                )
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("validate")
                .about(t.s(
                    "Rà soát kế hoạch: mọi phát hiện với mã, mức độ và vị trí; mã thoát 1 nếu có lỗi",
                    "Validate plans: every finding with its code, severity and location; exit 1 on any error",
                ))
                .after_help(t.s(
                    "Ví dụ:\n  nangsuat validate ke-hoach-quang-ninh.toml ke-hoach-thanh-hoa.json\n  nangsuat validate --format json ke-hoach.toml",
                    "Examples:\n  nangsuat validate ke-hoach-quang-ninh.toml ke-hoach-thanh-hoa.json\n  nangsuat validate --format json ke-hoach.toml",
                ))
                .arg(
                    Arg::new("plans")
                        .value_name("PLAN")
                        .required(true)
                        .num_args(1..)
                        .value_parser(value_parser!(PathBuf))
                        .help(t.s("Tệp kế hoạch TOML hoặc JSON", "Plan files, TOML or JSON")),
                )
                .arg(
                    Arg::new("format")
                        .short('f')
                        .long("format")
                        .value_parser(["text", "json"])
                        .default_value("text")
                        .help(t.s("Định dạng: text hoặc json", "Format: text or json")),
                )
                .arg(
                    Arg::new("all")
                        .long("all")
                        .action(ArgAction::SetTrue)
                        .help(t.s(
                            "Liệt kê cả các phát hiện mức thông tin",
                            "List informational findings too",
                        )),
                )
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("account")
                .about(t.s(
                    "Hạch toán tăng trưởng từ CSV (một chuỗi hoặc nhiều đơn vị với cột đơn vị); ra CSV",
                    "Growth accounting from a CSV (one series, or a panel with an entity column); CSV out",
                ))
                .after_help(t.s(
                    "Ví dụ:\n  nangsuat account thanh-hoa.csv --gdp grdp --capital von --labour lao_dong --labour-share 0.48\n  nangsuat account cac-tinh.csv --entity tinh --profile gso --labour-share ty_phan_lao_dong",
                    "Examples:\n  nangsuat account thanh-hoa.csv --gdp grdp --capital von --labour lao_dong --labour-share 0.48\n  nangsuat account cac-tinh.csv --entity tinh --profile gso --labour-share ty_phan_lao_dong",
                ))
                .arg(csv_input(&t))
                .arg(column("year", "year", &t, "Cột năm", "Year column"))
                .arg(column("gdp", "output", &t, "Cột sản lượng (GDP/GRDP giá so sánh)", "Output column (GDP/GRDP or value added at constant prices)"))
                .arg(column("capital", "capital", &t, "Cột vốn (giá so sánh)", "Capital column (constant prices)"))
                .arg(column("labour", "labour", &t, "Cột lao động (người)", "Labour column (persons employed)"))
                .arg(
                    Arg::new("hours")
                        .long("hours")
                        .value_name("COLUMN")
                        .help(t.s("Cột số giờ làm việc bình quân (tùy chọn)", "Average hours column (optional)")),
                )
                .arg(
                    Arg::new("human-capital")
                        .long("human-capital")
                        .value_name("COLUMN")
                        .help(t.s("Cột chỉ số vốn con người (tùy chọn)", "Human-capital index column (optional)")),
                )
                .arg(
                    Arg::new("labour-share")
                        .long("labour-share")
                        .value_name("SHARE|COLUMN")
                        .required(true)
                        .help(t.s(
                            "Tỷ phần thu nhập của lao động: một số trong [0, 1] hoặc tên cột",
                            "Labour share of income: a number in [0, 1] or a column name",
                        )),
                )
                .arg(
                    Arg::new("entity")
                        .long("entity")
                        .value_name("COLUMN")
                        .help(t.s("Cột đơn vị (tỉnh, ngành) cho dữ liệu bảng", "Entity column (province, industry) for a panel")),
                )
                .arg(
                    Arg::new("profile")
                        .long("profile")
                        .value_parser(["tornqvist", "gso"])
                        .default_value("tornqvist")
                        .help(t.s(
                            "Cách tính: tornqvist (OECD, PWT) hoặc gso (công thức của Tổng cục Thống kê)",
                            "Profile: tornqvist (OECD, PWT) or gso (the GSO's official form)",
                        )),
                )
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("pwt-tfp")
                .about(t.s(
                    "TFP theo Penn World Table (rtfpna, ctfp) từ CSV có các cột của PWT; ra CSV",
                    "Penn World Table TFP (rtfpna, ctfp) from a CSV with PWT's columns; CSV out",
                ))
                .after_help(t.s(
                    "Các cột cần có: rgdpna, rkna, emp, avh, hc, labsh, cgdpo, ck (ô trống là thiếu số liệu).\nVí dụ:\n  nangsuat pwt-tfp pwt1001.csv --reference USA -o tfp.csv",
                    "Columns needed: rgdpna, rkna, emp, avh, hc, labsh, cgdpo, ck (an empty cell is missing).\nExample:\n  nangsuat pwt-tfp pwt1001.csv --reference USA -o tfp.csv",
                ))
                .arg(csv_input(&t))
                .arg(column("country", "countrycode", &t, "Cột mã quốc gia", "Country code column"))
                .arg(column("year", "year", &t, "Cột năm", "Year column"))
                .arg(
                    Arg::new("reference")
                        .long("reference")
                        .default_value("USA")
                        .help(t.s("Quốc gia tham chiếu của ctfp (= 1)", "Reference country of ctfp (= 1)")),
                )
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("progress")
                .about(t.s(
                    "Tiến độ một chỉ tiêu từ CSV năm,giá trị theo năm phương pháp; ra CSV",
                    "Progress of one target from a year,value CSV by the five methods; CSV out",
                ))
                .after_help(t.s(
                    "Ví dụ:\n  nangsuat progress nang-suat-lao-dong.csv --target 150 --target-year 2030\n  nangsuat progress ty-le-ngheo.csv --target 2 --target-year 2025 --lower-is-better --method statcan",
                    "Examples:\n  nangsuat progress nang-suat-lao-dong.csv --target 150 --target-year 2030\n  nangsuat progress ty-le-ngheo.csv --target 2 --target-year 2025 --lower-is-better --method statcan",
                ))
                .arg(csv_input(&t))
                .arg(column("year", "year", &t, "Cột năm", "Year column"))
                .arg(column("value", "value", &t, "Cột giá trị", "Value column"))
                .arg(
                    Arg::new("base-year")
                        .long("base-year")
                        .value_parser(value_parser!(i32))
                        .help(t.s("Năm gốc (mặc định: năm đầu tiên)", "Base year (default: the first year)")),
                )
                .arg(
                    Arg::new("target")
                        .long("target")
                        .value_parser(value_parser!(f64))
                        .help(t.s("Giá trị chỉ tiêu", "Target value")),
                )
                .arg(
                    Arg::new("target-year")
                        .long("target-year")
                        .value_parser(value_parser!(i32))
                        .requires("target")
                        .help(t.s("Năm phải đạt chỉ tiêu", "Year by which the target is due")),
                )
                .arg(
                    Arg::new("lower-is-better")
                        .long("lower-is-better")
                        .action(ArgAction::SetTrue)
                        .help(t.s("Giá trị càng thấp càng tốt", "Lower values are better")),
                )
                .arg(
                    Arg::new("method")
                        .long("method")
                        .value_parser(["all", "statcan", "unsd", "escap_current", "escap_anticipated", "psa"])
                        .default_value("all")
                        .help(t.s("Phương pháp (mặc định: cả năm)", "Method (default: all five)")),
                )
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("dea")
                .about(t.s(
                    "Hiệu quả kỹ thuật DEA của từng đơn vị từ CSV; ra CSV",
                    "DEA technical efficiency of each unit from a CSV; CSV out",
                ))
                .after_help(t.s(
                    "Ví dụ:\n  nangsuat dea cac-tinh-2023.csv --unit tinh --inputs von,lao_dong --outputs grdp --rts vrs",
                    "Example:\n  nangsuat dea cac-tinh-2023.csv --unit tinh --inputs von,lao_dong --outputs grdp --rts vrs",
                ))
                .arg(csv_input(&t))
                .arg(column("unit", "unit", &t, "Cột tên đơn vị", "Unit name column"))
                .args(orientation_args(&t))
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("malmquist")
                .about(t.s(
                    "Chỉ số Malmquist (effch, techch, pech, sech, tfpch) từ CSV bảng đơn vị × thời kỳ; ra CSV",
                    "Malmquist index (effch, techch, pech, sech, tfpch) from a units × periods CSV; CSV out",
                ))
                .after_help(t.s(
                    "Ví dụ:\n  nangsuat malmquist cac-tinh.csv --unit tinh --period nam --inputs von,lao_dong --outputs grdp",
                    "Example:\n  nangsuat malmquist cac-tinh.csv --unit tinh --period nam --inputs von,lao_dong --outputs grdp",
                ))
                .arg(csv_input(&t))
                .arg(column("unit", "unit", &t, "Cột tên đơn vị", "Unit name column"))
                .arg(column("period", "year", &t, "Cột thời kỳ (năm)", "Period (year) column"))
                .args(orientation_args(&t))
                .arg(output_arg(&t)),
        )
        .subcommand(
            Command::new("schema")
                .about(t.s(
                    "JSON Schema của tệp kế hoạch",
                    "The JSON Schema of plan files",
                ))
                .after_help(t.s("Ví dụ:\n  nangsuat schema plan > plan.schema.json", "Example:\n  nangsuat schema plan > plan.schema.json"))
                .arg(
                    Arg::new("what")
                        .value_parser(["plan"])
                        .required(true)
                        .help(t.s("Lược đồ: plan", "Schema: plan")),
                ),
        )
        .mut_subcommands(move |c| localise(c, lang))
        .pipe(|c| localise(c, lang))
}

trait Pipe: Sized {
    fn pipe(self, f: impl FnOnce(Self) -> Self) -> Self {
        f(self)
    }
}
impl Pipe for Command {}

/// Clap's own words (headings, usage, help and version flags) in Vietnamese.
fn localise(c: Command, lang: HelpLang) -> Command {
    if lang == HelpLang::En {
        return c;
    }
    let mut template = String::from("{before-help}{about-with-newline}\nCách dùng: {usage}\n");
    if c.has_subcommands() {
        template.push_str("\nLệnh:\n{subcommands}\n");
    }
    if c.get_positionals().next().is_some() {
        template.push_str("\nĐối số:\n{positionals}\n");
    }
    template.push_str("\nTùy chọn:\n{options}{after-help}");
    let root = c.has_subcommands();
    let c = c
        .mut_args(|a| {
            // Clap's "[possible values: …]" and "[default: …]" in Vietnamese.
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|d| d.to_string_lossy().into_owned())
                .collect();
            if values.is_empty() && defaults.is_empty() {
                return a;
            }
            let mut help = a.get_help().map(ToString::to_string).unwrap_or_default();
            if !values.is_empty() {
                help.push_str(&format!(" [giá trị: {}]", values.join(", ")));
            }
            if !defaults.is_empty() {
                help.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
            }
            a.help(help)
                .hide_possible_values(true)
                .hide_default_value(true)
        })
        .help_template(template)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In trợ giúp"),
        );
    if root {
        c.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản"),
        )
    } else {
        c
    }
}
