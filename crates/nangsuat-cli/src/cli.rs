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

/// "Ví dụ:"/"Examples:" with the example command lines (the same in both languages: file and
/// column names are Vietnamese, as users write them), after an optional note.
fn examples(t: &T, note: Option<(&str, &str)>, lines: &[&str]) -> String {
    let mut out = String::new();
    if let Some((vi, en)) = note {
        out.push_str(&t.s(vi, en));
        out.push('\n');
    }
    out.push_str(&t.s(
        "Ví dụ:",
        if lines.len() > 1 {
            "Examples:"
        } else {
            "Example:"
        },
    ));
    for l in lines {
        out.push_str("\n  ");
        out.push_str(l);
    }
    out
}

/// The shape every computation subcommand shares: one CSV in (a positional file, `-` for
/// standard input), one CSV out (standard output or `-o FILE`), what it does, and examples.
fn csv_command(name: &'static str, t: &T, about: [&str; 2], after_help: String) -> Command {
    Command::new(name)
        .about(t.s(about[0], about[1]))
        .after_help(after_help)
        .arg(csv_input(t))
        .arg(output_arg(t))
}

fn year_column(t: &T) -> Arg {
    column("year", "year", t, "Cột năm", "Year column")
}

fn unit_column(t: &T) -> Arg {
    column("unit", "unit", t, "Cột tên đơn vị", "Unit name column")
}

fn optional_column(name: &'static str, t: &T, vi: &str, en: &str) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name("COLUMN")
        .help(t.s(vi, en))
}

fn entity_column(t: &T) -> Arg {
    optional_column(
        "entity",
        t,
        "Cột đơn vị (tỉnh, ngành) cho dữ liệu bảng",
        "Entity column (province, industry) for a panel",
    )
}

fn shift_share_command(t: &T) -> Command {
    csv_command(
        "shift-share",
        t,
        [
            "Phân rã tăng năng suất lao động theo ngành hoặc theo tỉnh (shift-share có thuế sản phẩm, GEAD, vùng → cả nước, Domar); ra CSV",
            "Decompose labour-productivity growth by sector or province (shift-share with product taxes, GEAD, regions → nation, Domar); CSV out",
        ],
        examples(
            t,
            Some((
                "Dữ liệu dạng dài: một dòng cho mỗi đơn vị (ngành, tỉnh) và năm. Cột cần có theo --method:\n  shift-share: đơn vị, năm, sản lượng (giá so sánh), lao động; --taxes: thuế sản phẩm của năm (như nhau trên mọi dòng của năm)\n  gead: thêm --nominal (giá hiện hành) và --aggregate (GDP giá so sánh của năm, như nhau trên mọi dòng của năm)\n  regions: tỉnh, năm, sản lượng, lao động (nhiều dòng ngành mỗi tỉnh và năm được cộng lại)\n  domar: ngành, năm, --tfp-growth (tăng TFP của ngành từ năm trước, trống ở năm đầu), --gross-output (giá trị sản xuất), --value-added (GDP danh nghĩa của năm)\nKết quả: from, to, kind (unit = một đơn vị, total = tổng), đơn vị, các thành phần; các dòng unit cộng lại bằng dòng total.",
                "Long (tidy) data: one row per unit (sector, province) and year. Columns needed by --method:\n  shift-share: unit, year, output (constant prices), labour; --taxes: the year's net product taxes (the same on every row of the year)\n  gead: also --nominal (current prices) and --aggregate (the year's aggregate real GDP, the same on every row of the year)\n  regions: province, year, output, labour (several sector rows per province and year are summed)\n  domar: sector, year, --tfp-growth (sector TFP growth from the previous year, empty in the first), --gross-output, --value-added (the year's aggregate nominal value added)\nOutput: from, to, kind (unit = one unit, total = the aggregate), the unit, the components; unit rows sum to the total row.",
            )),
            &[
                "nangsuat shift-share nganh.csv --unit nganh --year nam --gdp gva --labour lao_dong --taxes thue_sp",
                "nangsuat shift-share nganh.csv --unit nganh --from 2015 --to 2024 -o phan-ra.csv",
                "nangsuat shift-share cac-tinh.csv --method regions --unit tinh --gdp grdp --labour lao_dong",
                "nangsuat shift-share nganh.csv --method gead --nominal gva_hh --gdp gva_ss --aggregate gdp_ss",
                "nangsuat shift-share nganh.csv --method domar --tfp-growth tang_tfp --gross-output gtsx --value-added gdp_hh",
            ],
        ),
    )
    .arg(
        Arg::new("method")
            .long("method")
            .value_parser(["shift-share", "gead", "regions", "domar"])
            .default_value("shift-share")
            .help(t.s(
                "Phương pháp: shift-share (cổ điển, khối lượng cộng được), gead (khối lượng liên kết chuỗi), regions (tỉnh → cả nước), domar (tổng hợp TFP theo trọng số Domar)",
                "Method: shift-share (classic, additive volumes), gead (chain-linked volumes), regions (provinces → nation), domar (TFP aggregation by Domar weights)",
            )),
    )
    .arg(unit_column(t))
    .arg(year_column(t))
    .arg(column("gdp", "output", t, "Cột sản lượng giá so sánh (giá trị tăng thêm, GRDP)", "Real output column (value added, GRDP at constant prices)"))
    .arg(column("labour", "labour", t, "Cột lao động (người)", "Labour column (persons employed)"))
    .arg(optional_column("taxes", t, "shift-share: cột thuế sản phẩm ròng của năm (tùy chọn; thêm thành phần thuế)", "shift-share: column of the year's net product taxes (optional; adds the tax term)"))
    .arg(column("nominal", "nominal", t, "gead: cột giá trị tăng thêm giá hiện hành", "gead: value added at current prices column"))
    .arg(column("aggregate", "aggregate_real", t, "gead: cột GDP giá so sánh (liên kết chuỗi) của năm", "gead: the year's aggregate real (chain-linked) GDP column"))
    .arg(column("tfp-growth", "tfp_growth", t, "domar: cột tăng TFP của ngành (tỷ lệ, từ năm trước)", "domar: sector TFP growth column (a fraction, from the previous year)"))
    .arg(column("gross-output", "gross_output", t, "domar: cột giá trị sản xuất danh nghĩa của ngành", "domar: sector nominal gross output column"))
    .arg(column("value-added", "value_added", t, "domar: cột tổng giá trị tăng thêm danh nghĩa của năm", "domar: the year's aggregate nominal value added column"))
    .args(period_args(t))
}

fn period_args(t: &T) -> [Arg; 2] {
    [
        Arg::new("from")
            .long("from")
            .value_name("YEAR")
            .value_parser(value_parser!(i32))
            .requires("to")
            .help(t.s(
                "Năm gốc của một phép so sánh (cùng với --to; mặc định: từng cặp năm liền nhau)",
                "Base year of one comparison (with --to; default: every pair of adjacent years)",
            )),
        Arg::new("to")
            .long("to")
            .value_name("YEAR")
            .value_parser(value_parser!(i32))
            .requires("from")
            .help(t.s("Năm cuối của phép so sánh", "End year of the comparison")),
    ]
}

fn index_command(t: &T) -> Command {
    csv_command(
        "index",
        t,
        [
            "Chỉ số giá và chỉ số khối lượng (Laspeyres, Paasche, Fisher, Törnqvist; gốc cố định, liên hoàn, GEKS/CCDI) và chỉ số giảm phát ngầm định; ra CSV",
            "Price and quantity indices (Laspeyres, Paasche, Fisher, Törnqvist; fixed base, chained, GEKS/CCDI) and implicit deflators; CSV out",
        ],
        examples(
            t,
            Some((
                "Dữ liệu dạng dài: một dòng cho mỗi kỳ và mặt hàng, với giá và lượng (cả bốn cột bắt buộc). Ô giá hoặc lượng trống, hoặc thiếu dòng, là mặt hàng không có trong kỳ (mẫu khớp). Kỳ là số nguyên thì sắp theo số, nếu không theo thứ tự xuất hiện; kỳ đầu = 1.\nKết quả: kỳ, formula, linking, price_index, quantity_index, implicit_deflator (= tỷ số giá trị ÷ chỉ số khối lượng), matched, unmatched.",
                "Long (tidy) data: one row per period and item with its price and quantity (all four columns required). An empty price or quantity, or a missing row, is an item absent that period (matched sample). Integer periods are sorted numerically, others kept in order of appearance; the first period = 1.\nOutput: period, formula, linking, price_index, quantity_index, implicit_deflator (= value ratio ÷ quantity index), matched, unmatched.",
            )),
            &[
                "nangsuat index gia-luong.csv --period ky --item mat_hang --price gia --quantity luong",
                "nangsuat index gia-luong.csv --formula all --linking fixed_base -o chi-so.csv",
                "nangsuat index gia-luong.csv --linking geks",
            ],
        ),
    )
    .arg(column("period", "period", t, "Cột kỳ (năm, quý, tháng)", "Period column (year, quarter, month)"))
    .arg(column("item", "item", t, "Cột mặt hàng", "Item column"))
    .arg(column("price", "price", t, "Cột giá", "Price column"))
    .arg(column("quantity", "quantity", t, "Cột lượng", "Quantity column"))
    .arg(
        Arg::new("formula")
            .long("formula")
            .value_parser(["laspeyres", "paasche", "fisher", "tornqvist", "all"])
            .help(t.s(
                "Công thức (mặc định: fisher; tornqvist với --linking ccdi); all = cả bốn",
                "Formula (default: fisher; tornqvist with --linking ccdi); all = the four",
            )),
    )
    .arg(
        Arg::new("linking")
            .long("linking")
            .value_parser(["fixed_base", "chained", "geks", "ccdi", "multilateral"])
            .default_value("chained")
            .help(t.s(
                "Cách nối: fixed_base (so với kỳ đầu), chained (liên hoàn), geks (Fisher đa phương), ccdi (Törnqvist đa phương), multilateral",
                "Linking: fixed_base (against the first period), chained, geks (multilateral Fisher), ccdi (multilateral Törnqvist), multilateral",
            )),
    )
}

fn capital_command(t: &T) -> Command {
    csv_command(
        "capital",
        t,
        [
            "Vốn cố định theo phương pháp kiểm kê liên tục (vốn ban đầu Harberger hoặc cho trước, khấu hao cố định hoặc theo năm); ra CSV",
            "Capital stock by the perpetual inventory method (Harberger or a given initial stock, constant or per-year depreciation); CSV out",
        ],
        examples(
            t,
            Some((
                "Cột cần có: năm (liên tục) và đầu tư thực (giá so sánh); với --entity mỗi đơn vị một chuỗi. Kết quả: [đơn vị,] năm, investment, depreciation, capital_stock (cuối năm), initial_stock, initial_growth (g của Harberger; trống khi vốn ban đầu cho trước).",
                "Columns needed: year (consecutive) and real investment (constant prices); with --entity one series per entity. Output: [entity,] year, investment, depreciation, capital_stock (end of year), initial_stock, initial_growth (Harberger's g; empty for a given initial stock).",
            )),
            &[
                "nangsuat capital dau-tu.csv --investment dau_tu --depreciation 0.05",
                "nangsuat capital dau-tu.csv --depreciation ty_le_khau_hao --initial-stock 1200 --timing mid_year",
                "nangsuat capital cac-tinh.csv --entity tinh --depreciation 0.05 --basis trend --window 8",
            ],
        ),
    )
    .arg(year_column(t))
    .arg(column("investment", "investment", t, "Cột đầu tư thực (giá so sánh)", "Real investment column (constant prices)"))
    .arg(
        Arg::new("depreciation")
            .long("depreciation")
            .value_name("RATE|COLUMN")
            .required(true)
            .help(t.s(
                "Tỷ lệ khấu hao: một số trong (0, 1) (0.05 là 5 %/năm) hoặc tên cột tỷ lệ theo năm",
                "Depreciation rate: a number in (0, 1) (0.05 for 5 %/year) or the name of a per-year column",
            )),
    )
    .arg(
        Arg::new("timing")
            .long("timing")
            .value_parser(["end_of_year", "mid_year"])
            .default_value("end_of_year")
            .help(t.s(
                "Thời điểm đầu tư vào vốn: end_of_year (cuối năm) hoặc mid_year (giữa năm, OECD 2009)",
                "When investment enters the stock: end_of_year or mid_year (OECD 2009)",
            )),
    )
    .arg(
        Arg::new("initial-stock")
            .long("initial-stock")
            .value_name("K0")
            .value_parser(value_parser!(f64))
            .help(t.s(
                "Vốn cuối năm đầu tiên, nếu đã biết (mặc định: ước lượng Harberger K0 = I0/(g + δ))",
                "Stock at the end of the first year, when known (default: Harberger's K0 = I0/(g + δ))",
            )),
    )
    .arg(
        Arg::new("window")
            .long("window")
            .value_name("YEARS")
            .value_parser(value_parser!(usize))
            .default_value("5")
            .help(t.s(
                "Số năm đầu dùng để tính g của Harberger",
                "Number of first years over which Harberger's g is averaged",
            )),
    )
    .arg(
        Arg::new("basis")
            .long("basis")
            .value_parser(["investment", "output", "trend"])
            .default_value("investment")
            .help(t.s(
                "g theo: investment (tăng đầu tư), output (tăng sản lượng, cột --gdp), trend (xu hướng log-tuyến tính, Nehru–Dhareshwar)",
                "g from: investment (its growth), output (output growth, column --gdp), trend (log-linear trend, Nehru–Dhareshwar)",
            )),
    )
    .arg(column("gdp", "output", t, "Cột sản lượng thực cho --basis output", "Real output column for --basis output"))
    .arg(entity_column(t))
}

fn scenario_command(t: &T) -> Command {
    csv_command(
        "scenario",
        t,
        [
            "Kịch bản Cobb–Douglas/kiểm kê liên tục: đường đi, tăng trưởng bình quân, độ nhạy, và cần gì để đạt mục tiêu; ra CSV",
            "Cobb–Douglas/perpetual-inventory scenarios: paths, average growth, sensitivity, and what it takes to meet each goal; CSV out",
        ],
        examples(
            t,
            Some((
                "Một dòng cho mỗi kịch bản, cột bắt buộc: name, base_year, end_year, capital_output_ratio, investment_rate, depreciation, employment_growth, tfp_growth, labour_share (tỷ lệ: 0.336 là 33,6 %).\nMục tiêu: --goal MÃ:KẾT_QUẢ:THẤP:CAO (kết quả gdp_growth, lp_growth hoặc tfp_share; bỏ trống một đầu) hoặc --plan (các mục tiêu của kế hoạch mà kịch bản nói tới).",
                "One row per scenario, required columns: name, base_year, end_year, capital_output_ratio, investment_rate, depreciation, employment_growth, tfp_growth, labour_share (fractions: 0.336 for 33.6 %).\nGoals: --goal ID:OUTCOME:LOW:HIGH (outcome gdp_growth, lp_growth or tfp_share; leave one bound empty) or --plan (the plan's goals the scenario speaks to).",
            )),
            &[
                "nangsuat scenario kich-ban.csv",
                "nangsuat scenario kich-ban.csv --show averages",
                "nangsuat scenario kich-ban.csv --show sensitivity",
                "nangsuat scenario kich-ban.csv --show what-it-takes --solve-for investment_rate --goal nang-suat-2030:lp_growth:0.075:",
                "nangsuat scenario kich-ban.csv --show what-it-takes --solve-for tfp_growth --plan ke-hoach.toml",
                "nangsuat scenario --vietnam 2025:2030 --show what-it-takes --goal qd36:lp_growth:0.075:",
            ],
        ),
    )
    .mut_arg("input", |a| a.required(false).required_unless_present("vietnam"))
    .arg(
        Arg::new("vietnam")
            .long("vietnam")
            .value_name("BASE:END")
            .num_args(0..=1)
            .default_missing_value("2020:2025")
            .conflicts_with("input")
            .help(t.s(
                "Thay cho CSV: kịch bản cơ sở của Việt Nam từ dữ liệu có sẵn (K/Y và khấu hao PWT 10.01 năm 2019, đầu tư 33,6 % GDP, việc làm 1 %/năm, TFP 2 %/năm, tỷ phần lao động 0,48), dời sang năm gốc và năm cuối cho trước (mặc định 2020:2025)",
                "Instead of a CSV: Viet Nam's baseline from the embedded data (PWT 10.01's K/Y and depreciation in 2019, investment 33.6 % of GDP, employment 1 %/yr, TFP 2 %/yr, labour share 0.48), moved to the base and end years given (default 2020:2025)",
            )),
    )
    .arg(
        Arg::new("show")
            .long("show")
            .value_parser(["projection", "averages", "sensitivity", "what-it-takes"])
            .default_value("projection")
            .help(t.s(
                "Kết quả: projection (từng năm), averages (bình quân thời kỳ), sensitivity (độ nhạy từng giả định), what-it-takes (giá trị giả định vừa đủ đạt mỗi mục tiêu)",
                "Result: projection (year by year), averages (period averages), sensitivity (one assumption at a time), what-it-takes (the value of an assumption that just meets each goal)",
            )),
    )
    .arg(
        Arg::new("solve-for")
            .long("solve-for")
            .value_parser(["investment_rate", "tfp_growth", "employment_growth", "depreciation"])
            .default_value("investment_rate")
            .help(t.s(
                "what-it-takes: giả định cần tìm, các giả định khác giữ nguyên",
                "what-it-takes: the assumption solved for, the others held",
            )),
    )
    .arg(
        Arg::new("goal")
            .long("goal")
            .value_name("ID:OUTCOME:LOW:HIGH")
            .action(ArgAction::Append)
            .help(t.s(
                "what-it-takes: một mục tiêu (lặp lại cho nhiều mục tiêu), ví dụ lp:lp_growth:0.075: (ít nhất 7,5 %/năm)",
                "what-it-takes: a goal (repeat for many), e.g. lp:lp_growth:0.075: (at least 7.5 %/yr)",
            )),
    )
    .arg(
        Arg::new("plan")
            .long("plan")
            .value_name("FILE")
            .action(ArgAction::Append)
            .value_parser(value_parser!(PathBuf))
            .help(t.s(
                "what-it-takes: tệp kế hoạch TOML/JSON; lấy các mục tiêu về tăng GDP, năng suất lao động, tỷ trọng TFP cho năm gốc và năm cuối của kịch bản",
                "what-it-takes: a plan file (TOML/JSON); its goals on GDP growth, LP growth or TFP share for the scenario's base and end years",
            )),
    )
    .arg(
        Arg::new("range")
            .long("range")
            .value_name("LOW,HIGH")
            .value_delimiter(',')
            .value_parser(value_parser!(f64))
            .help(t.s(
                "what-it-takes: khoảng tìm (mặc định: khoảng hợp lệ của giả định)",
                "what-it-takes: the range searched (default: the assumption's admissible range)",
            )),
    )
}

fn ingest_command(t: &T) -> Command {
    Command::new("ingest")
        .about(t.s(
            "Đọc bảng số liệu đã công bố (PX, JSON-stat, SDMX, XLSX/XLS, CSV) ra CSV gọn; với --mapping, ra số liệu quan sát có nguồn từng ô",
            "Read published tables (PX, JSON-stat, SDMX, XLSX/XLS, CSV) to tidy CSV; with --mapping, to observations with each cell's source",
        ))
        .after_help(t.s(
            "Ví dụ:\n  nangsuat ingest nang-suat-lao-dong.xlsx > bang.csv\n  nangsuat ingest Bieu-T12.2024.xlsx --sheet 47.Laodong\n  nangsuat ingest GDPVNM.xml --mapping mappings/nsdp_gdp.toml -o so-lieu.csv",
            "Examples:\n  nangsuat ingest nang-suat-lao-dong.xlsx > bang.csv\n  nangsuat ingest Bieu-T12.2024.xlsx --sheet 47.Laodong\n  nangsuat ingest GDPVNM.xml --mapping mappings/nsdp_gdp.toml -o so-lieu.csv",
        ))
        .arg(
            Arg::new("tables")
                .value_name("TABLE")
                .required(true)
                .num_args(1..)
                .value_parser(value_parser!(PathBuf))
                .help(t.s(
                    "Tệp bảng số liệu (nhiều tệp khi có --mapping)",
                    "Table file (many with --mapping)",
                )),
        )
        .arg(
            Arg::new("mapping")
                .long("mapping")
                .value_name("TOML")
                .value_parser(value_parser!(PathBuf))
                .help(t.s(
                    "Tệp ánh xạ TOML: ra số liệu quan sát (scope,indicator,year,value,…,status,source_file,source_table,source_cell)",
                    "Mapping file (TOML): observations out (scope,indicator,year,value,…,status,source_file,source_table,source_cell)",
                )),
        )
        .arg(
            Arg::new("format")
                .short('f')
                .long("format")
                .value_parser(["px", "jsonstat", "sdmx", "sdmx-csv", "xlsx", "xls", "csv"])
                .help(t.s(
                    "Định dạng của bảng (mặc định: nhận ra từ nội dung tệp)",
                    "Format of the table (default: detected from the bytes)",
                )),
        )
        .arg(
            Arg::new("sheet")
                .long("sheet")
                .value_name("SHEET")
                .help(t.s(
                    "Trang tính (tên hoặc số thứ tự) hoặc tập dữ liệu JSON-stat",
                    "Worksheet (name or 1-based position) or JSON-stat dataset",
                )),
        )
        .arg(output_arg(t))
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
            "Năng suất: báo cáo theo dõi mục tiêu năng suất, rà soát kế hoạch, hạch toán tăng trưởng, TFP, DEA và Malmquist, chuyển dịch cơ cấu, chỉ số giá, vốn và kịch bản từ tệp của bạn",
            "Productivity: plan monitoring reports, plan validation, growth accounting, TFP, DEA and Malmquist, structural change, index numbers, capital stocks and scenarios from your own files",
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
                    Arg::new("tables")
                        .long("tables")
                        .value_name("TABLE")
                        .num_args(1..)
                        .action(ArgAction::Append)
                        .value_parser(value_parser!(PathBuf))
                        .conflicts_with("observations")
                        .requires("mapping")
                        .help(t.s(
                            "Số liệu quan sát từ các bảng đã công bố (PX, JSON-stat, SDMX, XLSX, CSV), cần --mapping",
                            "Observations from published tables (PX, JSON-stat, SDMX, XLSX, CSV); needs --mapping",
                        )),
                )
                .arg(
                    Arg::new("mapping")
                        .long("mapping")
                        .value_name("TOML")
                        .value_parser(value_parser!(PathBuf))
                        .requires("tables")
                        .help(t.s(
                            "Tệp ánh xạ TOML cho --tables (xem nangsuat schema mapping)",
                            "Mapping file (TOML) for --tables (see nangsuat schema mapping)",
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
            csv_command(
                "account",
                &t,
                [
                    "Hạch toán tăng trưởng từ CSV (một chuỗi hoặc nhiều đơn vị với cột đơn vị); ra CSV",
                    "Growth accounting from a CSV (one series, or a panel with an entity column); CSV out",
                ],
                examples(&t, None, &[
                    "nangsuat account thanh-hoa.csv --gdp grdp --capital von --labour lao_dong --labour-share 0.48",
                    "nangsuat account cac-tinh.csv --entity tinh --profile gso --labour-share ty_phan_lao_dong",
                ]),
            )
            .arg(year_column(&t))
            .arg(column("gdp", "output", &t, "Cột sản lượng (GDP/GRDP giá so sánh)", "Output column (GDP/GRDP or value added at constant prices)"))
            .arg(column("capital", "capital", &t, "Cột vốn (giá so sánh)", "Capital column (constant prices)"))
            .arg(column("labour", "labour", &t, "Cột lao động (người)", "Labour column (persons employed)"))
            .arg(optional_column("hours", &t, "Cột số giờ làm việc bình quân (tùy chọn)", "Average hours column (optional)"))
            .arg(optional_column("human-capital", &t, "Cột chỉ số vốn con người (tùy chọn)", "Human-capital index column (optional)"))
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
            .arg(entity_column(&t))
            .arg(
                Arg::new("profile")
                    .long("profile")
                    .value_parser(["tornqvist", "gso"])
                    .default_value("tornqvist")
                    .help(t.s(
                        "Cách tính: tornqvist (OECD, PWT) hoặc gso (công thức của Tổng cục Thống kê)",
                        "Profile: tornqvist (OECD, PWT) or gso (the GSO's official form)",
                    )),
            ),
        )
        .subcommand(
            csv_command(
                "pwt-tfp",
                &t,
                [
                    "TFP theo Penn World Table (rtfpna, ctfp) từ CSV có các cột của PWT; ra CSV",
                    "Penn World Table TFP (rtfpna, ctfp) from a CSV with PWT's columns; CSV out",
                ],
                examples(
                    &t,
                    Some((
                        "Các cột cần có: rgdpna, rkna, emp, avh, hc, labsh, cgdpo, ck (ô trống là thiếu số liệu).",
                        "Columns needed: rgdpna, rkna, emp, avh, hc, labsh, cgdpo, ck (an empty cell is missing).",
                    )),
                    &["nangsuat pwt-tfp pwt1001.csv --reference USA -o tfp.csv"],
                ),
            )
            .arg(column("country", "countrycode", &t, "Cột mã quốc gia", "Country code column"))
            .arg(year_column(&t))
            .arg(
                Arg::new("reference")
                    .long("reference")
                    .default_value("USA")
                    .help(t.s("Quốc gia tham chiếu của ctfp (= 1)", "Reference country of ctfp (= 1)")),
            ),
        )
        .subcommand(
            csv_command(
                "progress",
                &t,
                [
                    "Tiến độ một chỉ tiêu từ CSV năm,giá trị theo năm phương pháp; ra CSV",
                    "Progress of one target from a year,value CSV by the five methods; CSV out",
                ],
                examples(&t, None, &[
                    "nangsuat progress nang-suat-lao-dong.csv --target 150 --target-year 2030",
                    "nangsuat progress ty-le-ngheo.csv --target 2 --target-year 2025 --lower-is-better --method statcan",
                ]),
            )
            .arg(year_column(&t))
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
            ),
        )
        .subcommand(
            csv_command(
                "dea",
                &t,
                [
                    "Hiệu quả kỹ thuật DEA của từng đơn vị từ CSV; ra CSV",
                    "DEA technical efficiency of each unit from a CSV; CSV out",
                ],
                examples(&t, None, &[
                    "nangsuat dea cac-tinh-2023.csv --unit tinh --inputs von,lao_dong --outputs grdp --rts vrs",
                ]),
            )
            .arg(unit_column(&t))
            .args(orientation_args(&t)),
        )
        .subcommand(
            csv_command(
                "malmquist",
                &t,
                [
                    "Chỉ số Malmquist (effch, techch, pech, sech, tfpch) từ CSV bảng đơn vị × thời kỳ; ra CSV",
                    "Malmquist index (effch, techch, pech, sech, tfpch) from a units × periods CSV; CSV out",
                ],
                examples(&t, None, &[
                    "nangsuat malmquist cac-tinh.csv --unit tinh --period nam --inputs von,lao_dong --outputs grdp",
                ]),
            )
            .arg(unit_column(&t))
            .arg(column("period", "year", &t, "Cột thời kỳ (năm)", "Period (year) column"))
            .args(orientation_args(&t)),
        )
        .subcommand(shift_share_command(&t))
        .subcommand(index_command(&t))
        .subcommand(capital_command(&t))
        .subcommand(scenario_command(&t))
        .subcommand(ingest_command(&t))
        .subcommand(
            Command::new("schema")
                .about(t.s(
                    "JSON Schema của tệp kế hoạch hoặc tệp ánh xạ",
                    "The JSON Schema of plan files or of mapping files",
                ))
                .after_help(t.s("Ví dụ:\n  nangsuat schema plan > plan.schema.json\n  nangsuat schema mapping > mapping.schema.json", "Examples:\n  nangsuat schema plan > plan.schema.json\n  nangsuat schema mapping > mapping.schema.json"))
                .arg(
                    Arg::new("what")
                        .value_parser(["plan", "mapping"])
                        .required(true)
                        .help(t.s("Lược đồ: plan (kế hoạch) hoặc mapping (ánh xạ)", "Schema: plan or mapping")),
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
            // Placeholders (`<COLUMN>`, `<FILE>`, and clap's `<lang>` from an argument's name)
            // in Vietnamese.
            let names: Vec<String> = match a.get_value_names() {
                Some(names) => names
                    .iter()
                    .map(|n| vietnamese_placeholder(n.as_str()))
                    .collect(),
                None if a.get_action().takes_values() => vietnamese_argument(a.get_id().as_str())
                    .map(|n| vec![n.to_string()])
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            if names.is_empty() {
                a
            } else {
                a.value_names(names)
            }
        })
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

/// A value placeholder in Vietnamese: each word of `COLUMN`, `SHARE|COLUMN`, `BASE:END`…
/// translated, the separators kept; file formats (`CSV`, `TOML`) and symbols (`K0`) as they are.
fn vietnamese_placeholder(name: &str) -> String {
    let word = |w: &str| {
        match w {
            "COLUMN" => "CỘT",
            "COLUMNS" => "CÁC_CỘT",
            "FILE" => "TỆP",
            "PLAN" => "KẾ_HOẠCH",
            "RATE" => "TỶ_LỆ",
            "SHARE" => "TỶ_PHẦN",
            "SHEET" => "TRANG",
            "TABLE" => "BẢNG",
            "YEAR" => "NĂM",
            "YEARS" => "CÁC_NĂM",
            "BASE" => "GỐC",
            "END" => "CUỐI",
            "ID" => "MÃ",
            "OUTCOME" => "KẾT_QUẢ",
            "LOW" => "THẤP",
            "HIGH" => "CAO",
            other => other,
        }
        .to_string()
    };
    let mut out = String::new();
    let mut current = String::new();
    for ch in name.chars() {
        if matches!(ch, '|' | ':' | ',') {
            out.push_str(&word(&current));
            out.push(ch);
            current.clear();
        } else {
            current.push(ch);
        }
    }
    out.push_str(&word(&current));
    out
}

/// The placeholder of an option without one of its own (clap shows the option's name: `<lang>`),
/// in Vietnamese.
fn vietnamese_argument(id: &str) -> Option<&'static str> {
    Some(match id {
        "lang" => "NGÔN_NGỮ",
        "base-year" | "target-year" => "NĂM",
        "basis" => "CĂN_CỨ",
        "format" => "ĐỊNH_DẠNG",
        "formula" => "CÔNG_THỨC",
        "linking" => "CÁCH_NỐI",
        "method" => "PHƯƠNG_PHÁP",
        "orientation" => "ĐỊNH_HƯỚNG",
        "profile" => "CÁCH_TÍNH",
        "reference" => "MÃ_QUỐC_GIA",
        "rts" => "QUY_MÔ",
        "show" => "KẾT_QUẢ",
        "solve-for" => "GIẢ_ĐỊNH",
        "target" => "MỤC_TIÊU",
        "timing" => "THỜI_ĐIỂM",
        "what" => "LOẠI",
        _ => return None,
    })
}

/// Clap's own placeholders in a rendered usage line or help page (`[OPTIONS]`, `<COMMAND>`),
/// which no setting of clap's words, in Vietnamese.
pub fn vietnamese_usage_words(text: &str) -> String {
    text.replace("[OPTIONS]", "[TÙY_CHỌN]")
        .replace("<COMMAND>", "<LỆNH>")
}
