//! The report as one self-contained HTML file: inline CSS (with a print style sheet) and
//! inline SVG charts drawn by [`super::svg`]; no script, nothing fetched, every text escaped.
//!
//! ```
//! use nangsuat::report::{Lang, Report};
//! let html = nangsuat::vietnam::report()?.to_html(Lang::Vi);
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"vi\">"));
//! assert!(!html.contains("<script") && !html.contains("<link"));
//! # Ok::<(), nangsuat::Error>(())
//! ```

use super::accounting::AccountingAnnex;
use super::labels::{Labels, status_style};
use super::svg::{LineChart, Series, StackedBars, escape};
use super::{Feasibility, History, Lang, Places, Report, words};
use crate::monitoring::assess::{Cited, GoalAssessment, PlanAssessment};
use crate::plan::validation::{Finding, Severity};
use std::fmt::Write;

const CSS: &str = r#"
:root { --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --bg:#ffffff; --soft:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font: 15px/1.5 "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 21px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 0 0 6px; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 9px 1px 7px; border-radius: 11px; color: #fff;
  font-weight: 600; font-size: 13px; white-space: nowrap; }
.goal { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 6px;
  padding: 12px 16px; margin: 14px 0; break-inside: avoid; page-break-inside: avoid; }
.goal dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.goal dt { font-weight: 600; color: var(--muted); }
.goal dd { margin: 0; }
blockquote { margin: 6px 0; padding: 4px 12px; border-left: 3px solid var(--line); font-style: italic; }
figure { margin: 12px 0 18px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; max-width: 680px; height: auto; display: block; background: #fff; }
details { margin: 4px 0 10px; }
summary { cursor: pointer; color: var(--muted); }
nav ol { margin: 6px 0; }
a { color: #0550ae; }
.sources a, td a[href^="http"] { word-break: break-all; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav, summary { display: none; }
  details > *:not(summary) { display: block; }
  h2 { break-before: page; page-break-before: always; border-top: none; }
  h2.first { break-before: auto; page-break-before: auto; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; color: #57606a; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .goal { border-left-width: 6px; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@page { margin: 16mm 14mm; }
"#;

/// Colours of the growth components: capital, labour, labour quality, TFP.
const COMPONENT_COLOURS: [&str; 4] = ["#4c78a8", "#f58518", "#b279a2", "#54a24b"];

impl Report {
    /// The report as one self-contained HTML document in `lang`.
    pub fn to_html(&self, lang: Lang) -> String {
        render(self, &Labels::new(lang))
    }
}

fn badge(w: &Labels, s: crate::monitoring::progress::Status) -> String {
    let (colour, symbol) = status_style(s);
    format!(
        "<span class=\"badge status-{}\" style=\"background:{colour}\">{symbol} {}</span>",
        s.name(),
        escape(words::status(w.lang, s))
    )
}

/// A link when `url` is http(s), else the text.
fn link(url: &str) -> String {
    let u = url.trim();
    if u.starts_with("https://") || u.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", escape(u), escape(u))
    } else {
        escape(u)
    }
}

fn anchor(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str("--");
        }
        out.extend(p.chars().map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        }));
    }
    out
}

fn plan_title(w: &Labels, p: &PlanAssessment) -> String {
    match (w.lang, &p.title_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => p.title_vi.clone(),
    }
}

fn indicator_name<'a>(w: &Labels, g: &'a GoalAssessment) -> &'a str {
    match w.lang {
        Lang::Vi if !g.indicator_vi.is_empty() => &g.indicator_vi,
        Lang::En if !g.indicator_en.is_empty() => &g.indicator_en,
        _ => &g.indicator,
    }
}

fn goal_period(g: &GoalAssessment) -> String {
    match g.period {
        (Some(s), e) if s != e => format!("{s}–{e}"),
        (_, e) => e.to_string(),
    }
}

fn render(r: &Report, w: &Labels) -> String {
    let mut h = String::with_capacity(256 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"nangsuat {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        w.code(),
        crate::VERSION,
        escape(w.title)
    );
    let _ = writeln!(
        h,
        "<header><h1>{}</h1><p class=\"meta\">{}: <b>{}</b> ({}) · {}: {} · {}: {}</p><p>{}</p></header>",
        escape(w.title),
        escape(w.method),
        escape(r.method.name()),
        escape(r.method.reference()),
        escape(w.observations),
        r.observation_count,
        escape(w.latest),
        r.latest_data_year.map_or("—".into(), |y| y.to_string()),
        escape(w.never_invented)
    );
    // Contents.
    h.push_str("<nav><b>");
    h.push_str(&escape(w.contents));
    h.push_str("</b><ol>");
    let _ = write!(h, "<li><a href=\"#summary\">{}</a></li>", escape(w.summary));
    for p in &r.plans {
        let _ = write!(
            h,
            "<li><a href=\"#{}\">{}</a></li>",
            anchor(&["plan", &p.id]),
            escape(&plan_title(w, p))
        );
    }
    if r.history.is_some() || r.accounting.is_some() {
        let _ = write!(
            h,
            "<li><a href=\"#accounting\">{}</a></li>",
            escape(w.accounting)
        );
    }
    if r.feasibility.is_some() {
        let _ = write!(
            h,
            "<li><a href=\"#feasibility\">{}</a></li>",
            escape(w.feasibility)
        );
    }
    let _ = writeln!(
        h,
        "<li><a href=\"#findings\">{}</a></li></ol></nav>",
        escape(w.findings)
    );
    summary(&mut h, r, w);
    for p in &r.plans {
        plan(&mut h, p, w, &r.places);
    }
    if r.history.is_some() || r.accounting.is_some() {
        let _ = writeln!(
            h,
            "<section id=\"accounting\"><h2>{}</h2>",
            escape(w.accounting)
        );
        if let Some(hist) = &r.history {
            history(&mut h, hist, w);
        }
        if let Some(a) = &r.accounting {
            annex(&mut h, a, w, r.history.is_none(), &r.places);
        }
        h.push_str("</section>\n");
    }
    if let Some(f) = &r.feasibility {
        feasibility(&mut h, f, w, &r.places);
    }
    findings(&mut h, &r.findings, w);
    let _ = write!(
        h,
        "<footer>{} {} · {}</footer>\n</main>\n</body>\n</html>\n",
        escape(w.made_with),
        crate::VERSION,
        escape(r.method.reference())
    );
    h
}

fn summary(h: &mut String, r: &Report, w: &Labels) {
    let _ = write!(
        h,
        "<section id=\"summary\"><h2 class=\"first\">{}</h2>\n<table class=\"summary\"><thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(w.summary),
        escape(w.status),
        escape(w.goals)
    );
    for (s, n) in r.status_counts() {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            badge(w, s)
        );
    }
    h.push_str("</tbody></table>\n");
    // Every goal at a glance.
    let _ = write!(
        h,
        "<table class=\"overview\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(w.plan),
        escape(w.goal),
        escape(w.indicator),
        escape(w.target),
        escape(w.status),
        escape(w.value)
    );
    for p in &r.plans {
        for g in &p.goals {
            let _ = write!(
                h,
                "<tr><td>{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{} ({})</td><td>{}</td><td class=\"n\">{}</td></tr>",
                escape(&p.id),
                anchor(&["goal", &p.id, &g.goal]),
                escape(&g.goal),
                escape(indicator_name(w, g)),
                escape(&words::target(w.lang, &g.target, &g.unit, &r.places)),
                escape(&goal_period(g)),
                badge(w, g.status),
                w.num(g.current, 2)
            );
        }
    }
    h.push_str("</tbody></table></section>\n");
}

fn cited_list(h: &mut String, w: &Labels, cites: &[Cited]) {
    h.push_str("<ul class=\"sources\">");
    for c in cites {
        let _ = write!(
            h,
            "<li>{}: <b>{}</b> {} — {} — {}{}</li>",
            escape(&words::when(w.lang, c.when)),
            w.num(Some(c.value), 2),
            escape(&words::unit(w.lang, &c.unit)),
            escape(words::evidence(w.lang, c.evidence)),
            link(&c.source_url),
            if c.note.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"muted\">({})</span>", escape(&c.note))
            }
        );
    }
    h.push_str("</ul>");
}

fn plan(h: &mut String, p: &PlanAssessment, w: &Labels, places: &Places) {
    let _ = write!(
        h,
        "<section class=\"plan\" id=\"{}\"><h2>{}</h2>\n<p class=\"meta\"><code>{}</code> · {} · {}–{}</p>\n",
        anchor(&["plan", &p.id]),
        escape(&plan_title(w, p)),
        escape(&p.id),
        escape(&words::place(w.lang, &p.territory, places)),
        p.period.0,
        p.period.1
    );
    if p.goals.is_empty() {
        h.push_str("<p>—</p>");
    }
    for g in &p.goals {
        let (colour, _) = status_style(g.status);
        let _ = write!(
            h,
            "<article class=\"goal\" id=\"{}\" style=\"border-left-color:{colour}\">\
             <h3>{}: {} ({})</h3><p>{} <code>{}</code></p><dl>",
            anchor(&["goal", &p.id, &g.goal]),
            escape(indicator_name(w, g)),
            escape(&words::target(w.lang, &g.target, &g.unit, places)),
            escape(&goal_period(g)),
            badge(w, g.status),
            escape(&g.goal)
        );
        let mut evidence: Vec<&str> = g
            .observations
            .iter()
            .map(|c| words::evidence(w.lang, c.evidence))
            .collect();
        evidence.sort_unstable();
        evidence.dedup();
        let _ = write!(
            h,
            "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
            escape(w.value),
            w.num(g.current, 2),
            escape(w.evidence),
            if evidence.is_empty() {
                "—".into()
            } else {
                escape(&evidence.join(", "))
            },
            escape(w.reason),
            escape(&words::reason(w.lang, &g.reason, &g.unit, places))
        );
        if let Some(n) = &g.needed {
            let _ = write!(
                h,
                "<dt>{}</dt><dd>{}</dd>",
                escape(w.needed),
                escape(&words::needed(w.lang, n, &g.unit))
            );
        }
        h.push_str("</dl>");
        if let Some(t) = &g.source_text {
            let _ = write!(
                h,
                "<p><b>{}</b></p><blockquote lang=\"vi\">«{}»</blockquote>",
                escape(w.wording),
                escape(&t.replace('\u{a0}', " "))
            );
        }
        if !g.observations.is_empty() {
            let _ = write!(h, "<p><b>{}</b></p>", escape(w.sources));
            cited_list(h, w, &g.observations);
        }
        if !g.alternatives.is_empty() {
            let _ = write!(h, "<p><b>{}</b></p>", escape(w.also));
            cited_list(h, w, &g.alternatives);
        }
        goal_chart(h, p, g, w, places);
        h.push_str("</article>\n");
    }
    h.push_str("</section>\n");
}

/// The points of a target path from `base` to `target`: constant growth when both are
/// positive (what a "per year" target means), else a straight line.
fn target_path(base: (i32, f64), target: (i32, f64)) -> Vec<(f64, f64)> {
    let n = target.0 - base.0;
    if n <= 0 {
        return vec![(f64::from(target.0), target.1)];
    }
    (0..=n)
        .map(|k| {
            let t = f64::from(k) / f64::from(n);
            let v = if base.1 > 0.0 && target.1 > 0.0 {
                base.1 * (target.1 / base.1).powf(t)
            } else {
                base.1 + (target.1 - base.1) * t
            };
            (f64::from(base.0 + k), v)
        })
        .collect()
}

fn goal_chart(h: &mut String, p: &PlanAssessment, g: &GoalAssessment, w: &Labels, places: &Places) {
    let target = words::target(w.lang, &g.target, &g.unit, places);
    let title = format!("{} — {}: {target}", w.path_title, indicator_name(w, g));
    let Some(pr) = &g.progress else {
        return observations_chart(h, p, g, w, &title, &target);
    };
    let unit = if g.indicator.ends_with("_avg") {
        w.index_axis.to_string()
    } else {
        let code = g.observations.first().map_or(&g.unit, |c| &c.unit);
        words::unit(w.lang, code)
    };
    let mut observed = vec![(pr.baseline.year, pr.baseline.value)];
    observed.extend(
        pr.path
            .iter()
            .filter(|q| q.year > pr.baseline.year)
            .map(|q| (q.year, q.value)),
    );
    let mut series = vec![Series::line(
        w.observed,
        "#0b5394",
        observed.iter().map(|(y, v)| (f64::from(*y), *v)).collect(),
    )];
    let mut marks = Vec::new();
    let path = pr.target.map(|t| {
        let path = target_path((pr.baseline.year, pr.baseline.value), (t.year, t.value));
        marks.push((
            f64::from(t.year),
            t.value,
            format!("{} {}: {}", w.target, t.year, w.num(Some(t.value), 2)),
        ));
        path
    });
    if let Some(path) = &path {
        series.push(Series::dashed(w.target_path, "#b91c1c", path.clone()));
    }
    let chart = LineChart {
        title: title.clone(),
        x_label: w.year.to_string(),
        y_label: unit.clone(),
        series,
        hline: None,
        marks,
    };
    let _ = write!(
        h,
        "<figure><figcaption>{}</figcaption>{}",
        escape(&title),
        chart.to_svg(w.lang, &anchor(&["chart", &p.id, &g.goal]))
    );
    // The table behind the chart.
    let mut years: Vec<i32> = observed.iter().map(|o| o.0).collect();
    if let Some(path) = &path {
        years.extend(path.iter().map(|q| q.0 as i32));
    }
    years.sort_unstable();
    years.dedup();
    let _ = write!(
        h,
        "<details><summary>{}</summary><table class=\"chart-data\"><thead><tr><th>{}</th><th class=\"n\">{} ({})</th><th class=\"n\">{} ({})</th></tr></thead><tbody>",
        escape(w.chart_table),
        escape(w.year),
        escape(w.observed),
        escape(&unit),
        escape(w.target_path),
        escape(&unit)
    );
    for y in years {
        let o = observed.iter().find(|o| o.0 == y).map(|o| o.1);
        let t = path
            .as_ref()
            .and_then(|p| p.iter().find(|q| q.0 as i32 == y))
            .map(|q| q.1);
        let _ = write!(
            h,
            "<tr><td>{y}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            w.num(o, 2),
            w.num(t, 2)
        );
    }
    h.push_str("</tbody></table></details></figure>");
}

/// A goal without a progress path (a share of growth, a level read from single values): its
/// dated observations against the target as a line.
fn observations_chart(
    h: &mut String,
    p: &PlanAssessment,
    g: &GoalAssessment,
    w: &Labels,
    title: &str,
    target_words: &str,
) {
    use crate::monitoring::observation::ObservedWhen;
    let points: Vec<(i32, f64, &str)> = g
        .observations
        .iter()
        .filter_map(|c| match c.when {
            ObservedWhen::Year(y) => Some((y, c.value, c.unit.as_str())),
            _ => None,
        })
        .collect();
    if points.is_empty() {
        let _ = write!(
            h,
            "<figure><figcaption>{}</figcaption><p class=\"muted\">{}</p></figure>",
            escape(title),
            escape(w.no_chart)
        );
        return;
    }
    let unit = words::unit(w.lang, points[0].2);
    // A reference line only for a target stated as a number (not relative to another scope).
    let target = g.target.lower_bound().or(g.target.upper_bound());
    let chart = LineChart {
        title: title.to_string(),
        x_label: w.year.to_string(),
        y_label: unit.clone(),
        series: vec![Series::line(
            w.observed,
            "#0b5394",
            points.iter().map(|q| (f64::from(q.0), q.1)).collect(),
        )],
        hline: target.map(|t| (t, format!("{}: {target_words}", w.target))),
        marks: vec![],
    };
    let _ = write!(
        h,
        "<figure><figcaption>{}</figcaption>{}<details><summary>{}</summary><table class=\"chart-data\"><thead><tr><th>{}</th><th class=\"n\">{} ({})</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(title),
        chart.to_svg(w.lang, &anchor(&["chart", &p.id, &g.goal])),
        escape(w.chart_table),
        escape(w.year),
        escape(w.observed),
        escape(&unit),
        escape(w.target)
    );
    for (y, v, _) in &points {
        let _ = write!(
            h,
            "<tr><td>{y}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            w.num(Some(*v), 2),
            w.num(target, 2)
        );
    }
    h.push_str("</tbody></table></details></figure>");
}

/// What a history section or annex rests on, as one paragraph.
fn notes(lang: Lang, notes: &[super::HistoryNote]) -> String {
    notes
        .iter()
        .map(|n| words::history_note(lang, n))
        .collect::<Vec<_>>()
        .join(" ")
}

fn history(h: &mut String, hist: &History, w: &Labels) {
    let _ = write!(
        h,
        "<p class=\"muted\">{}</p><table><thead><tr><th>{}</th><th class=\"n\">GDP %/{y}</th><th class=\"n\">LP %/{y}</th><th class=\"n\">TFP %/{y}</th><th class=\"n\">TFP % (Törnqvist)</th><th class=\"n\">TFP % (GSO)</th><th>GSO</th></tr></thead><tbody>",
        escape(&notes(w.lang, &hist.notes)),
        escape(w.period),
        y = if w.lang == Lang::Vi { "năm" } else { "yr" }
    );
    for p in &hist.periods {
        let published = p.published.as_ref().map_or(String::new(), |c| {
            format!(
                "{} ({}, {})",
                w.num(Some(c.value), 2),
                escape(words::evidence(w.lang, c.evidence)),
                link(&c.source_url)
            )
        });
        let _ = write!(
            h,
            "<tr><td>{}–{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            p.from,
            p.to,
            w.num(p.gdp_growth, 2),
            w.num(p.lp_growth, 2),
            w.num(p.tfp_growth, 2),
            w.num(p.tfp_share_tornqvist, 2),
            w.num(p.tfp_share_gso, 2),
            published
        );
    }
    h.push_str("</tbody></table>\n");
}

fn annex(h: &mut String, a: &AccountingAnnex, w: &Labels, with_basis: bool, places: &Places) {
    let _ = write!(
        h,
        "<p class=\"muted\">{}{}: {}</p>",
        if with_basis {
            format!("{} · ", escape(&notes(w.lang, &a.notes)))
        } else {
            String::new()
        },
        escape(w.labour_share),
        w.num(Some(a.labour_share), 2)
    );
    let names = [w.capital, w.labour, w.labour_quality, w.tfp];
    let stacks = |rows: &mut dyn Iterator<Item = Option<super::accounting::Contributions>>| {
        let rows: Vec<_> = rows.collect();
        let mut out = Vec::new();
        for (k, (name, colour)) in names.iter().zip(COMPONENT_COLOURS).enumerate() {
            out.push((
                (*name).to_string(),
                colour.to_string(),
                rows.iter()
                    .map(|c| {
                        c.map(|c| match k {
                            0 => c.capital,
                            1 => c.labour,
                            2 => c.labour_quality,
                            _ => c.tfp,
                        })
                    })
                    .collect::<Vec<_>>(),
            ));
        }
        (
            out,
            rows.iter().map(|c| c.map(|c| c.output)).collect::<Vec<_>>(),
        )
    };
    // By year.
    let (by_year, totals) = stacks(&mut a.years.iter().map(|y| Some(y.contributions)));
    let chart = StackedBars {
        title: w.contributions_by_year.into(),
        x_label: w.year.into(),
        y_label: w.pp_axis.into(),
        categories: a.years.iter().map(|y| y.year.to_string()).collect(),
        stacks: by_year,
        totals: Some((w.output_growth.into(), totals)),
        hline: None,
    };
    let _ = write!(
        h,
        "<figure><figcaption>{}</figcaption>{}",
        escape(w.contributions_by_year),
        chart.to_svg(w.lang, "chart-accounting-years")
    );
    contributions_table(
        h,
        w,
        w.year,
        a.years
            .iter()
            .map(|y| (y.year.to_string(), Some(y.contributions), y.tfp_share)),
    );
    h.push_str("</figure>");
    // By period.
    let (by_period, totals) = stacks(&mut a.periods.iter().map(|p| p.contributions));
    let labels: Vec<String> = a
        .periods
        .iter()
        .map(|p| format!("{}–{}", p.from, p.to))
        .collect();
    let chart = StackedBars {
        title: w.contributions_by_period.into(),
        x_label: w.period.into(),
        y_label: w.pp_axis.into(),
        categories: labels.clone(),
        stacks: by_period,
        totals: Some((w.output_growth.into(), totals)),
        hline: None,
    };
    let _ = write!(
        h,
        "<figure><figcaption>{}</figcaption>{}",
        escape(w.contributions_by_period),
        chart.to_svg(w.lang, "chart-accounting-periods")
    );
    contributions_table(
        h,
        w,
        w.period,
        a.periods
            .iter()
            .zip(&labels)
            .map(|(p, l)| (l.clone(), p.contributions, p.tfp_share)),
    );
    h.push_str("</figure>");
    // TFP share by period beside the target.
    let target_label = a.tfp_share_target.as_ref().map(|t| {
        let text = words::target(w.lang, &t.target, &t.unit, places);
        (t.value, format!("{} ({}): {text}", w.target, t.plan))
    });
    let chart = StackedBars {
        title: w.share_against_target.into(),
        x_label: w.period.into(),
        y_label: w.share_axis.into(),
        categories: labels.clone(),
        stacks: vec![(
            w.tfp_share.into(),
            COMPONENT_COLOURS[3].into(),
            a.periods.iter().map(|p| p.tfp_share).collect(),
        )],
        totals: None,
        hline: target_label.clone(),
    };
    let _ = write!(
        h,
        "<figure><figcaption>{}</figcaption>{}<details><summary>{}</summary><table class=\"chart-data\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(w.share_against_target),
        chart.to_svg(w.lang, "chart-accounting-share"),
        escape(w.chart_table),
        escape(w.period),
        escape(w.tfp_share),
        escape(w.target)
    );
    for (p, l) in a.periods.iter().zip(&labels) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(l),
            w.num(p.tfp_share, 2),
            w.num(target_label.as_ref().map(|t| t.0), 2)
        );
    }
    h.push_str("</tbody></table></details></figure>");
    // Sensitivity to the labour share: one line per period.
    if !a.sensitivity.is_empty() {
        const LINE_COLOURS: [&str; 6] = [
            "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2",
        ];
        let series = labels
            .iter()
            .enumerate()
            .map(|(k, l)| {
                Series::line(
                    l,
                    LINE_COLOURS[k % LINE_COLOURS.len()],
                    a.sensitivity
                        .iter()
                        .filter_map(|r| {
                            r.tfp_share
                                .get(k)
                                .copied()
                                .flatten()
                                .map(|v| (r.labour_share, v))
                        })
                        .collect(),
                )
            })
            .collect();
        let chart = LineChart {
            title: w.sensitivity_title.into(),
            x_label: w.labour_share.into(),
            y_label: w.share_axis.into(),
            series,
            hline: target_label.clone(),
            marks: vec![],
        };
        let _ = write!(
            h,
            "<figure><figcaption>{}</figcaption>{}<table class=\"chart-data\"><thead><tr><th>{}</th>",
            escape(w.sensitivity_title),
            chart.to_svg(w.lang, "chart-accounting-sensitivity"),
            escape(w.labour_share)
        );
        for l in &labels {
            let _ = write!(h, "<th class=\"n\">{}</th>", escape(l));
        }
        h.push_str("</tr></thead><tbody>");
        for r in &a.sensitivity {
            let _ = write!(h, "<tr><td>{}</td>", w.num(Some(r.labour_share), 2));
            for v in &r.tfp_share {
                let _ = write!(h, "<td class=\"n\">{}</td>", w.num(*v, 2));
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table></figure>");
    }
}

fn contributions_table(
    h: &mut String,
    w: &Labels,
    first: &str,
    rows: impl Iterator<
        Item = (
            String,
            Option<super::accounting::Contributions>,
            Option<f64>,
        ),
    >,
) {
    let _ = write!(
        h,
        "<details><summary>{}</summary><table class=\"chart-data\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        escape(w.chart_table),
        escape(first),
        escape(w.output_growth),
        escape(w.capital),
        escape(w.labour),
        escape(w.labour_quality),
        escape(w.tfp),
        escape(w.tfp_share)
    );
    for (label, c, share) in rows {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&label),
            w.num(c.map(|c| c.output), 2),
            w.num(c.map(|c| c.capital), 2),
            w.num(c.map(|c| c.labour), 2),
            w.num(c.map(|c| c.labour_quality), 2),
            w.num(c.map(|c| c.tfp), 2),
            w.num(share, 2)
        );
    }
    h.push_str("</tbody></table></details>");
}

fn feasibility(h: &mut String, f: &Feasibility, w: &Labels, places: &Places) {
    let _ = write!(
        h,
        "<section id=\"feasibility\"><h2>{}</h2><ul>",
        escape(w.feasibility)
    );
    for c in &f.consistency {
        let _ = write!(
            h,
            "<li>{}<code>{}</code> ({}): {}</li>",
            if c.contradiction { "⚠ " } else { "" },
            escape(&c.plan),
            escape(&c.goals.join(", ")),
            escape(&words::consistency(w.lang, c))
        );
    }
    for r in &f.realism {
        let _ = write!(
            h,
            "<li><code>{}/{}</code>: {}</li>",
            escape(&r.plan),
            escape(&r.goal),
            escape(&words::realism(w.lang, &r.realism, places))
        );
    }
    h.push_str("</ul>");
    let s = &f.scenario;
    let _ = write!(
        h,
        "<h3>{} <code>{}</code> ({}–{})</h3><table><thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        escape(w.scenario),
        escape(&s.name),
        s.base_year + 1,
        s.end_year,
        escape(w.plan),
        escape(w.goal),
        escape(w.projected),
        escape(w.status)
    );
    for g in &f.goals {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&g.plan),
            escape(&g.goal),
            w.num(Some(g.projected), 2),
            if g.met {
                format!("✔ {}", escape(w.met))
            } else {
                format!("✖ {}", escape(w.not_met))
            }
        );
    }
    h.push_str("</tbody></table>");
    if !f.what_it_takes.is_empty() {
        let _ = write!(
            h,
            "<h3>{}</h3><ul>",
            escape(words::label(w.lang, words::Label::WhatItTakes))
        );
        for g in &f.what_it_takes {
            let _ = write!(
                h,
                "<li><code>{}/{}</code>: {}</li>",
                escape(&g.plan),
                escape(&g.result.target.id),
                escape(&words::what_it_takes(w.lang, &g.result))
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>\n");
}

fn findings(h: &mut String, list: &[Finding], w: &Labels) {
    let _ = write!(
        h,
        "<section id=\"findings\"><h2>{}</h2>",
        escape(w.findings)
    );
    let shown: Vec<&Finding> = list
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    if shown.is_empty() {
        let _ = write!(h, "<p>{}</p>", escape(w.no_findings));
    } else {
        let _ = write!(
            h,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(w.severity),
            escape(w.code),
            escape(w.location),
            escape(w.message)
        );
        for f in shown {
            let _ = write!(
                h,
                "<tr><td>{}{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                if f.severity == Severity::Error {
                    "✖ "
                } else {
                    "⚠ "
                },
                escape(words::severity(w.lang, f.severity)),
                escape(f.code.as_str()),
                escape(&f.location.to_string()),
                escape(&f.message)
            );
        }
        h.push_str("</tbody></table>");
    }
    let info = list.iter().filter(|f| f.severity == Severity::Info).count();
    let _ = writeln!(
        h,
        "<p class=\"muted\">{info} {}.</p></section>",
        escape(w.info_count)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_path_grows_at_a_constant_rate() {
        let p = target_path((2020, 100.0), (2025, 140.255_173));
        assert_eq!(p.len(), 6);
        for w in p.windows(2) {
            assert!((w[1].1 / w[0].1 - 1.07).abs() < 1e-6);
        }
        let lin = target_path((2020, -1.0), (2022, 1.0));
        assert_eq!(lin[1], (2021.0, 0.0));
    }

    #[test]
    fn links_only_for_web_addresses() {
        assert!(
            link("https://gso.gov.vn/a?b=1&c=2")
                .contains("href=\"https://gso.gov.vn/a?b=1&amp;c=2\"")
        );
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert!(!link("\" onmouseover=\"x").contains('"'));
    }
}
