//! The subcommands: each reads its files, calls the library, and returns what to print.

use crate::table::{Table, cell, to_csv};
use crate::{Failure, Outcome, said, tr};
use clap::ArgMatches;
use indicatif::{ProgressBar, ProgressStyle};
use nangsuat::efficiency::dea::Dea;
use nangsuat::efficiency::malmquist::Malmquist;
use nangsuat::efficiency::model::{Orientation, ReturnsToScale};
use nangsuat::efficiency::production::Production;
use nangsuat::monitoring::derived::{Series, extend_observations, labour_productivity_growth};
use nangsuat::monitoring::observation::Observations;
use nangsuat::monitoring::progress::{Method, Point, ProgressInput, progress};
use nangsuat::plan::Plan;
use nangsuat::plan::validation::{Severity, validate_plans};
use nangsuat::report::accounting::AccountingAnnex;
use nangsuat::report::{Lang, Report, assess_with};
use nangsuat::{AccountingInput, Field, GrowthAccounting, LabourShare, Profile, Share};
use std::path::PathBuf;
use std::time::Duration;

/// The plan-file JSON Schema, generated from the model and checked against it by the core's
/// schema test.
const PLAN_SCHEMA: &str = include_str!("../../nangsuat/schema/plan.schema.json");

/// The mapping-file JSON Schema, generated and checked the same way.
const MAPPING_SCHEMA: &str = include_str!("../../nangsuat/schema/mapping.schema.json");

/// Runs the chosen subcommand.
pub fn run(m: &ArgMatches) -> Result<Outcome, Failure> {
    match m.subcommand() {
        Some(("report", a)) => report(a),
        Some(("validate", a)) => validate(a),
        Some(("account", a)) => account(a),
        Some(("pwt-tfp", a)) => pwt_tfp(a),
        Some(("progress", a)) => progress_cmd(a),
        Some(("dea", a)) => dea(a),
        Some(("malmquist", a)) => malmquist(a),
        Some(("shift-share", a)) => crate::structure::shift_share_cmd(a),
        Some(("index", a)) => crate::structure::index(a),
        Some(("capital", a)) => crate::capital::capital(a),
        Some(("scenario", a)) => crate::scenario::scenario(a),
        Some(("ingest", a)) => crate::ingest::ingest(a),
        Some(("schema", a)) => Ok(Outcome {
            stdout: Some(
                if s(a, "what") == "mapping" {
                    MAPPING_SCHEMA
                } else {
                    PLAN_SCHEMA
                }
                .as_bytes()
                .to_vec(),
            ),
            findings: false,
        }),
        _ => Err(Failure::usage(
            "a subcommand is needed; see nangsuat --help",
        )),
    }
}

pub(crate) fn s<'a>(m: &'a ArgMatches, id: &str) -> &'a str {
    m.try_get_one::<String>(id)
        .ok()
        .flatten()
        .map_or("", String::as_str)
}

pub(crate) fn lang(m: &ArgMatches) -> Lang {
    match m.get_one::<String>("lang").map(String::as_str) {
        Some("vi") => Lang::Vi,
        Some(_) => Lang::En,
        None => match crate::cli::help_language(&[]) {
            crate::cli::HelpLang::Vi => Lang::Vi,
            crate::cli::HelpLang::En => Lang::En,
        },
    }
}

/// A spinner on standard error while `work` runs, only when standard error is a terminal.
pub(crate) fn with_spinner<T>(message: &str, work: impl FnOnce() -> T) -> T {
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        bar.set_style(style);
    }
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    let out = work();
    bar.finish_and_clear();
    out
}

/// Text or bytes to `-o FILE`, else to standard output.
pub(crate) fn emit(m: &ArgMatches, bytes: Vec<u8>) -> Result<Outcome, Failure> {
    match m.try_get_one::<PathBuf>("output").ok().flatten() {
        Some(path) => {
            std::fs::write(path, bytes).map_err(|e| crate::unwritable_file(path, &e))?;
            Ok(Outcome {
                stdout: None,
                findings: false,
            })
        }
        None => Ok(Outcome {
            stdout: Some(bytes),
            findings: false,
        }),
    }
}

pub(crate) fn load_plans(paths: &[PathBuf]) -> Result<Vec<Plan>, Failure> {
    let bar = ProgressBar::new(paths.len() as u64);
    if paths.len() < 20 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut plans = Vec::with_capacity(paths.len());
    for p in paths {
        plans.push(Plan::load(p)?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(plans)
}

fn report(m: &ArgMatches) -> Result<Outcome, Failure> {
    let format = s(m, "format");
    let lang = lang(m);
    if format == "xlsx" && m.get_one::<PathBuf>("output").is_none() {
        return Err(Failure::usage(
            "--format xlsx writes a binary workbook: give the file with -o FILE.xlsx",
        ));
    }
    let method = Method::from_name(s(m, "method"))?;
    let plan_paths: Vec<PathBuf> = m
        .get_many::<PathBuf>("plan")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let vn = nangsuat::vietnam::Vietnam::get();
    let (plans, embedded_plans) = if plan_paths.is_empty() {
        (vn.plans().to_vec(), true)
    } else {
        (load_plans(&plan_paths)?, false)
    };
    let tables: Vec<PathBuf> = m
        .get_many::<PathBuf>("tables")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let (observations, embedded_obs) = match m.get_one::<PathBuf>("observations") {
        None if !tables.is_empty() => {
            // clap requires --mapping with --tables.
            let mapping = m
                .get_one::<PathBuf>("mapping")
                .ok_or_else(|| Failure::usage("--tables needs --mapping"))?;
            let mapping = crate::ingest::load_mapping(mapping)?;
            let read = crate::ingest::observations_from_tables(&tables, &mapping)?;
            (derive_from_levels(read)?, false)
        }
        Some(path) => {
            let text = nangsuat::text::read_utf8(path)?;
            let obs = Observations::from_csv(&text)
                .map_err(|e| Failure::data(format!("{}: {}", path.display(), crate::said(&e))))?;
            (obs, false)
        }
        None => (vn.observations().clone(), true),
    };
    let report = with_spinner("nangsuat report", || -> Result<Report, Failure> {
        let mut options = vn.assess_options();
        options.method = method;
        if embedded_plans && embedded_obs {
            // The main job: Viet Nam's report with its history, feasibility and annex.
            return Ok(nangsuat::vietnam::report_with(&options)?);
        }
        let mut report =
            assess_with(&plans, &observations, &options).with_places(vn.places().clone());
        // Viet Nam's history and growth-accounting annex rest on the embedded data; they are
        // added when the observations are the embedded ones and a plan is Viet Nam's.
        if embedded_obs
            && plans
                .iter()
                .any(|p| p.territory == nangsuat::vietnam::SCOPE)
        {
            let history = nangsuat::vietnam::history()?;
            report.accounting = Some(AccountingAnnex::from_history(
                &history,
                &plans,
                nangsuat::vietnam::data::VIETNAM_DEFAULT_LABOUR_SHARE,
            ));
            report.history = Some(history);
        }
        Ok(report)
    })?;
    let bytes = match format {
        "html" => report.to_html(lang).into_bytes(),
        "json" => report.to_json()?.into_bytes(),
        "xlsx" => report.to_xlsx(lang)?,
        _ => report.to_markdown(lang).into_bytes(),
    };
    emit(m, bytes)
}

fn validate(m: &ArgMatches) -> Result<Outcome, Failure> {
    let paths: Vec<PathBuf> = m
        .get_many::<PathBuf>("plans")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let plans = load_plans(&paths)?;
    let all = m.get_flag("all");
    let findings: Vec<_> = validate_plans(&plans)
        .into_iter()
        .filter(|f| all || f.severity != Severity::Info)
        .collect();
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let text = if s(m, "format") == "json" {
        serde_json::to_string_pretty(&findings)
            .map_err(|e| Failure::data(tr(format!("ghi JSON: {e}"), format!("JSON output: {e}"))))?
            + "\n"
    } else {
        let mut t = String::new();
        for f in &findings {
            t.push_str(&format!("{f}\n"));
        }
        t
    };
    let lang = lang(m);
    let warnings = findings.len() - errors;
    eprintln!(
        "{}",
        match lang {
            Lang::Vi => format!(
                "{} kế hoạch: {errors} lỗi, {warnings} cảnh báo/thông tin",
                plans.len()
            ),
            _ => format!(
                "{} plan(s): {errors} error(s), {warnings} warning(s)/info",
                plans.len()
            ),
        }
    );
    let mut out = emit(m, text.into_bytes())?;
    out.findings = errors > 0;
    Ok(out)
}

fn account(m: &ArgMatches) -> Result<Outcome, Failure> {
    // A numeric labour share is checked before any file is read (a usage error).
    let share_arg = s(m, "labour-share");
    let constant_share = match share_arg.parse::<f64>() {
        Ok(v) => Some(
            Share::new(v)
                .map_err(|e| Failure::usage(format!("--labour-share {share_arg}: {}", said(&e))))?,
        ),
        Err(_) => None,
    };
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let years = t.years(s(m, "year"))?;
    let output = t.numbers(s(m, "gdp"), false)?;
    let capital = t.numbers(s(m, "capital"), false)?;
    let labour = t.numbers(s(m, "labour"), false)?;
    let hours = m
        .get_one::<String>("hours")
        .map(|c| t.numbers(c, false))
        .transpose()?;
    let hc = m
        .get_one::<String>("human-capital")
        .map(|c| t.numbers(c, false))
        .transpose()?;
    let share_column;
    let share = match constant_share {
        Some(share) => LabourShare::Constant(share),
        None => {
            share_column = t.numbers(share_arg, false)?;
            LabourShare::PerRow(&share_column)
        }
    };
    let mut input = AccountingInput::new(&years, &output, &capital, &labour, share);
    if let Some(h) = &hours {
        input = input.hours(h);
    }
    if let Some(q) = &hc {
        input = input.human_capital(q);
    }
    let engine = GrowthAccounting::with_profile(Profile::from_name(s(m, "profile"))?);
    let entity_column = m.get_one::<String>("entity");
    let entities = entity_column.map(|c| t.text(c)).transpose()?;
    let result = with_spinner("nangsuat account", || match &entities {
        Some(e) => {
            let refs: Vec<&str> = e.iter().map(String::as_str).collect();
            engine.compute_panel(&refs, &input)
        }
        None => engine.compute(&input),
    })
    .map_err(|e| Failure::data(format!("{}: {}", t.path, crate::said(&e))))?;
    let mut header: Vec<String> = Vec::new();
    if let Some(c) = entity_column {
        header.push(c.clone());
    }
    header.push(s(m, "year").to_string());
    header.extend(Field::ALL.iter().map(|f| f.name().to_string()));
    let columns: Vec<(&[f64], &[bool])> = Field::ALL.iter().map(|f| result.column(*f)).collect();
    let mut rows = Vec::with_capacity(t.len());
    for i in 0..t.len() {
        let mut row = Vec::with_capacity(header.len());
        if let Some(e) = &entities {
            row.push(e[i].clone());
        }
        row.push(years[i].to_string());
        for (values, defined) in &columns {
            row.push(cell(defined[i].then(|| values[i])));
        }
        rows.push(row);
    }
    emit(m, to_csv(&header, &rows)?.into_bytes())
}

fn pwt_tfp(m: &ArgMatches) -> Result<Outcome, Failure> {
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let country_col = s(m, "country");
    let countries = t.text(country_col)?;
    let years = t.years(s(m, "year"))?;
    let col = |name: &str| t.numbers(name, true);
    let (rgdpna, rkna, emp, avh, hc, labsh, cgdpo, ck) = (
        col("rgdpna")?,
        col("rkna")?,
        col("emp")?,
        col("avh")?,
        col("hc")?,
        col("labsh")?,
        col("cgdpo")?,
        col("ck")?,
    );
    let refs: Vec<&str> = countries.iter().map(String::as_str).collect();
    let reference = s(m, "reference");
    if !refs.contains(&reference) {
        return Err(Failure::data(format!(
            "{}: the reference country `{reference}` is not in column `{country_col}`",
            t.path
        )));
    }
    let input = nangsuat::accounting::pwt::PwtInput::new(
        &refs, &years, &rgdpna, &rkna, &emp, &avh, &hc, &labsh, &cgdpo, &ck,
    );
    let r = with_spinner("nangsuat pwt-tfp", || {
        nangsuat::accounting::pwt::pwt_tfp(&input, &reference)
    })
    .map_err(|e| Failure::data(format!("{}: {}", t.path, crate::said(&e))))?;
    let header: Vec<String> = [country_col, s(m, "year"), "hours", "rtfpna", "ctfp"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    let rows: Vec<Vec<String>> = (0..t.len())
        .map(|i| {
            vec![
                countries[i].clone(),
                years[i].to_string(),
                cell(r.hours_defined[i].then(|| r.hours[i])),
                cell(r.rtfpna_defined[i].then(|| r.rtfpna[i])),
                cell(r.ctfp_defined[i].then(|| r.ctfp[i])),
            ]
        })
        .collect();
    emit(m, to_csv(&header, &rows)?.into_bytes())
}

fn progress_cmd(m: &ArgMatches) -> Result<Outcome, Failure> {
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let years = t.years(s(m, "year"))?;
    let values = t.numbers(s(m, "value"), false)?;
    let mut points: Vec<Point> = years
        .iter()
        .zip(&values)
        .map(|(y, v)| Point::new(*y, *v))
        .collect();
    points.sort_by_key(|p| p.year);
    let base_year = m
        .get_one::<i32>("base-year")
        .copied()
        .or(points.first().map(|p| p.year));
    let Some(base) = base_year.and_then(|y| points.iter().find(|p| p.year == y).copied()) else {
        return Err(Failure::data(format!(
            "{}: no row for the base year {}",
            t.path,
            base_year.map_or("(the file has no rows)".into(), |y| y.to_string())
        )));
    };
    let after: Vec<Point> = points
        .iter()
        .copied()
        .filter(|p| p.year > base.year)
        .collect();
    let target = match (m.get_one::<f64>("target"), m.get_one::<i32>("target-year")) {
        (Some(v), Some(y)) => Some(Point::new(*y, *v)),
        (Some(_), None) => {
            return Err(Failure::usage("--target needs --target-year"));
        }
        _ => None,
    };
    let input =
        ProgressInput::new(base, after, target).higher_is_better(!m.get_flag("lower-is-better"));
    let methods: Vec<Method> = match s(m, "method") {
        "all" => Method::ALL.to_vec(),
        name => vec![Method::from_name(name)?],
    };
    let header: Vec<String> = [
        "method",
        "status",
        "figure",
        "score",
        "projected",
        "achieved_growth",
        "required_growth",
        "remaining_growth",
        "reason",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let mut rows = Vec::new();
    for method in methods {
        let p = progress(&input, method)
            .map_err(|e| Failure::data(format!("{}: {}", t.path, crate::said(&e))))?;
        rows.push(vec![
            method.name().to_string(),
            p.status.name().to_string(),
            cell(p.figure),
            cell(p.score),
            cell(p.projected),
            cell(p.achieved_growth),
            cell(p.required_growth),
            cell(p.remaining_growth),
            nangsuat::report::words::progress_fact(lang(m), &p.reason, ""),
        ]);
    }
    emit(m, to_csv(&header, &rows)?.into_bytes())
}

/// Unit-major inputs and their count, outputs and their count, and the variables' names.
struct Columns {
    inputs: Vec<f64>,
    n_inputs: usize,
    outputs: Vec<f64>,
    n_outputs: usize,
    input_names: Vec<String>,
    output_names: Vec<String>,
}

/// Unit-major input and output matrices from named columns.
fn production_columns(t: &Table, m: &ArgMatches) -> Result<Columns, Failure> {
    let names = |id: &str| -> Vec<String> {
        m.get_many::<String>(id)
            .map(|v| v.map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let (ins, outs) = (names("inputs"), names("outputs"));
    let gather = |cols: &[String]| -> Result<Vec<f64>, Failure> {
        let columns: Vec<Vec<f64>> = cols
            .iter()
            .map(|c| t.numbers(c, false))
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(t.len() * cols.len());
        for i in 0..t.len() {
            out.extend(columns.iter().map(|c| c[i]));
        }
        Ok(out)
    };
    Ok(Columns {
        inputs: gather(&ins)?,
        n_inputs: ins.len(),
        outputs: gather(&outs)?,
        n_outputs: outs.len(),
        input_names: ins,
        output_names: outs,
    })
}

fn model(m: &ArgMatches) -> Result<(Orientation, ReturnsToScale), Failure> {
    Ok((
        Orientation::from_name(s(m, "orientation"))?,
        ReturnsToScale::from_name(s(m, "rts"))?,
    ))
}

fn dea(m: &ArgMatches) -> Result<Outcome, Failure> {
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let units = t.text(s(m, "unit"))?;
    let c = production_columns(&t, m)?;
    let (orientation, rts) = model(m)?;
    let data = Production::new(&c.inputs, c.n_inputs, &c.outputs, c.n_outputs)?
        .with_names(&c.input_names, &c.output_names)?;
    let e = with_spinner("nangsuat dea", || Dea::new(orientation, rts).compute(&data))
        .map_err(|e| Failure::data(format!("{}: {}", t.path, crate::said(&e))))?;
    let header: Vec<String> = [
        s(m, "unit"),
        "efficiency",
        "technical_crs",
        "pure_technical_vrs",
        "scale",
        "scale_region",
        "peers",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let rows: Vec<Vec<String>> = (0..e.units())
        .map(|j| {
            let peers: Vec<String> = e
                .peers(j)
                .map(|(k, w)| format!("{}:{w}", units[k]))
                .collect();
            vec![
                units[j].clone(),
                cell(e.efficiency[j]),
                cell(e.technical[j]),
                cell(e.pure_technical[j]),
                cell(e.scale[j]),
                e.scale_region[j].map_or(String::new(), |r| r.name().to_string()),
                peers.join(" "),
            ]
        })
        .collect();
    emit(m, to_csv(&header, &rows)?.into_bytes())
}

fn malmquist(m: &ArgMatches) -> Result<Outcome, Failure> {
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let units = t.text(s(m, "unit"))?;
    let periods = t.years(s(m, "period"))?;
    let c = production_columns(&t, m)?;
    let (orientation, rts) = model(m)?;
    let data = Production::new(&c.inputs, c.n_inputs, &c.outputs, c.n_outputs)?
        .with_names(&c.input_names, &c.output_names)?;
    let refs: Vec<&str> = units.iter().map(String::as_str).collect();
    let r = with_spinner("nangsuat malmquist", || {
        Malmquist::new(orientation, rts).compute(&refs, &periods, &data)
    })
    .map_err(|e| Failure::data(format!("{}: {}", t.path, crate::said(&e))))?;
    let mut header: Vec<String> = vec![
        s(m, "unit").to_string(),
        "period_from".into(),
        "period_to".into(),
    ];
    header.extend(
        nangsuat::efficiency::malmquist::Indices::NAMES
            .iter()
            .map(|n| n.to_string()),
    );
    let rows: Vec<Vec<String>> = r
        .changes
        .iter()
        .map(|c| {
            let mut row = vec![
                c.unit.to_string(),
                c.period_from.to_string(),
                c.period_to.to_string(),
            ];
            row.extend(c.indices.values().iter().map(|v| cell(*v)));
            row
        })
        .collect();
    emit(m, to_csv(&header, &rows)?.into_bytes())
}

/// Observations read from published tables, with the annual labour-productivity growth each
/// scope's levels give (GDP at constant prices ÷ employed persons, where both exist in two
/// adjacent years) added as `derived` values behind anything published: a table of levels
/// then answers a plan's labour-productivity goals.
fn derive_from_levels(read: Observations) -> Result<Observations, Failure> {
    let mut scopes: Vec<&str> = read.rows().iter().map(|o| o.scope.as_str()).collect();
    scopes.sort_unstable();
    scopes.dedup();
    let mut derived = Vec::new();
    for scope in scopes {
        let output = Series::from_observations(&read, scope, "gdp_constant");
        let employment = Series::from_observations(&read, scope, "employed_persons");
        if output.is_empty() || employment.is_empty() {
            continue;
        }
        derived.extend(labour_productivity_growth(scope, &output, &employment)?);
    }
    Ok(if derived.is_empty() {
        read
    } else {
        extend_observations(&read, &derived)
    })
}
