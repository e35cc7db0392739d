//! Monitoring through text: plans and observations in, the report out as JSON, Markdown or
//! self-contained HTML.

use crate::handles::{give_string, out_arg, str_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::monitoring::assess::AssessOptions;
use nangsuat::monitoring::observation::Observations;
use nangsuat::monitoring::progress::Method;
use nangsuat::plan::Plan;
use nangsuat::report::{Lang, Report, assess_with};
use nangsuat::vietnam::Vietnam;
use std::ffi::c_char;

/// Report format of `ns_assess`: JSON (every number, source, and the facts behind each status
/// as tagged objects).
pub const NS_REPORT_JSON: i32 = 0;
/// Report format of `ns_assess`: Markdown in Vietnamese (decimal comma: `5,24 %`).
pub const NS_REPORT_MARKDOWN_VI: i32 = 1;
/// Report format of `ns_assess`: Markdown in English.
pub const NS_REPORT_MARKDOWN_EN: i32 = 2;
/// Report format of `ns_assess`: one self-contained HTML document (inline CSS and SVG charts,
/// no script), Vietnamese labels.
pub const NS_REPORT_HTML_VI: i32 = 3;
/// Report format of `ns_assess`: one self-contained HTML document, English labels.
pub const NS_REPORT_HTML_EN: i32 = 4;

/// Serialises a core value as JSON.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| {
        Failure::new(
            NsStatus::InvalidParameter,
            format!("cannot write JSON: {e}"),
        )
    })
}

fn parse_plans(text: &str) -> Result<Vec<Plan>, Failure> {
    Ok(Plan::list_from_json(text)?)
}

fn render(report: &Report, format: i32) -> Result<String, Failure> {
    match format {
        NS_REPORT_JSON => Ok(report.to_json()?),
        NS_REPORT_MARKDOWN_VI => Ok(report.to_markdown(Lang::Vi)),
        NS_REPORT_MARKDOWN_EN => Ok(report.to_markdown(Lang::En)),
        NS_REPORT_HTML_VI => Ok(report.to_html(Lang::Vi)),
        NS_REPORT_HTML_EN => Ok(report.to_html(Lang::En)),
        other => Err(Failure::new(
            NsStatus::InvalidEnum,
            format!(
                "format = {other}: expected NS_REPORT_JSON (0), NS_REPORT_MARKDOWN_VI (1), \
                 NS_REPORT_MARKDOWN_EN (2), NS_REPORT_HTML_VI (3) or NS_REPORT_HTML_EN (4)"
            ),
        )),
    }
}

/// Assesses every goal of `plans_json` (a JSON array of plans, as `ns_builtin_plans_json`
/// writes) against `observations_csv` (CSV text with the columns `scope, indicator, year,
/// value, unit, note, source_url, evidence`; NULL for the embedded Viet Nam observations, read
/// as the Viet Nam report reads them) by
/// the progress method `method` (`"statcan"`, `"unsd"`, `"escap_current"`,
/// `"escap_anticipated"`, `"psa"`; NULL for `"statcan"`). On success `*out` holds the report
/// in `format` (`NS_REPORT_*`), freed with `ns_string_free`.
///
/// # Safety
/// String arguments are NULL or NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_assess(
    plans_json: *const c_char,
    observations_csv: *const c_char,
    method: *const c_char,
    format: i32,
    out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let plans = parse_plans(unsafe { str_arg(plans_json, "plans_json") }?)?;
        let vietnam = Vietnam::get();
        let parsed;
        let (observations, mut options) = if observations_csv.is_null() {
            (vietnam.observations(), vietnam.assess_options())
        } else {
            // SAFETY: the caller's contract.
            let text = unsafe { str_arg(observations_csv, "observations_csv") }?;
            parsed = Observations::from_csv(text)?;
            (&parsed, AssessOptions::default())
        };
        if !method.is_null() {
            // SAFETY: the caller's contract.
            options.method = Method::from_name(unsafe { str_arg(method, "method") }?)?;
        }
        out_arg(out, "out")?;
        let report =
            assess_with(&plans, observations, &options).with_places(vietnam.places().clone());
        let text = render(&report, format)?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}

/// The Viet Nam monitoring report (the main job): embedded plans and observations, growth
/// accounting history (PWT 10.01) and feasibility, in `format` (`NS_REPORT_*`). `*out` is
/// freed with `ns_string_free`.
///
/// # Safety
/// `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_vietnam_report(format: i32, out: *mut *mut c_char) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        let text = render(&nangsuat::vietnam::report()?, format)?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(out, text) }
    })
}
