//! The report as Markdown, in Vietnamese or English: every word from [`words`], every number
//! from [`crate::report::number`].

use crate::monitoring::assess::{Cited, GoalAssessment, PlanAssessment};
use crate::plan::validation::{Finding, Severity};
use crate::report::number::{fixed, fraction_as_percent, signed_fixed};
use crate::report::words::{self, Label, label};
use crate::report::{Feasibility, History, Lang, Places, Report};
use std::fmt::Write;

/// Renders `report` as Markdown in `lang`.
pub fn render(report: &Report, lang: Lang) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", label(lang, Label::Title));
    let _ = writeln!(
        md,
        "{}: {}; {} {}; {} {}.\n",
        label(lang, Label::Method),
        words::method(lang, report.method),
        label(lang, Label::Observations),
        report.observation_count,
        label(lang, Label::LatestYear),
        report
            .latest_data_year
            .map_or_else(|| "—".into(), |y| y.to_string())
    );
    let _ = writeln!(md, "{}\n", label(lang, Label::NeverInvented));
    table_head(
        &mut md,
        &[label(lang, Label::Status), label(lang, Label::Goals)],
        "lr",
    );
    for (s, n) in report.status_counts() {
        let _ = writeln!(md, "| {} | {n} |", words::status(lang, s));
    }
    md.push('\n');
    if let Some(h) = &report.history {
        write_history(&mut md, h, lang, &report.places);
    }
    for plan in &report.plans {
        write_plan(&mut md, plan, lang, &report.places);
    }
    if let Some(f) = &report.feasibility {
        write_feasibility(&mut md, f, lang, &report.places);
        write_what_it_takes(&mut md, f, lang);
    }
    write_findings(&mut md, &report.findings, lang);
    if let Some(h) = &report.history {
        write_annex(&mut md, h, lang);
    }
    md
}

fn opt(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| fixed(lang, v, 2))
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn cite(lang: Lang, c: &Cited) -> String {
    format!(
        "{} = {} ({}, {})",
        words::when(lang, c.when),
        words::quantity(lang, c.value, &c.unit),
        words::evidence(lang, c.evidence),
        c.source_url
    )
}

fn write_history(md: &mut String, h: &History, lang: Lang, places: &Places) {
    let _ = writeln!(
        md,
        "## {} — {}\n",
        label(lang, Label::History),
        words::place(lang, &h.territory, places)
    );
    for note in &h.notes {
        let _ = writeln!(md, "- {}", words::history_note(lang, note));
    }
    let _ = writeln!(md, "\n{}\n", label(lang, Label::ReadTfpShares));
    table_head(
        md,
        &[
            label(lang, Label::Period),
            label(lang, Label::GdpGrowth),
            label(lang, Label::LpGrowth),
            label(lang, Label::TfpGrowth),
            label(lang, Label::TfpShareTornqvist),
            label(lang, Label::TfpShareMeanOfAnnual),
            label(lang, Label::TfpShareGso),
            label(lang, Label::Published),
        ],
        "lrrrrrrl",
    );
    let share = |v: Option<f64>, why| match (v, why) {
        (Some(v), _) => fixed(lang, v, 2),
        (None, Some(why)) => words::undefined_share(lang, why).to_string(),
        (None, None) => "—".to_string(),
    };
    for p in &h.periods {
        let published = p.published.as_ref().map_or(String::new(), |c| {
            format!(
                "{} ({})",
                fixed(lang, c.value, 2),
                words::evidence(lang, c.evidence)
            )
        });
        let _ = writeln!(
            md,
            "| {}–{} | {} | {} | {} | {} | {} | {} | {} |",
            p.from,
            p.to,
            opt(lang, p.gdp_growth),
            opt(lang, p.lp_growth),
            opt(lang, p.tfp_growth),
            share(p.tfp_share_tornqvist, p.tfp_share_tornqvist_undefined),
            opt(lang, p.tfp_share_mean_of_annual),
            share(p.tfp_share_gso, p.tfp_share_gso_undefined),
            published
        );
    }
    if !h.published_annual.is_empty() {
        let annual: Vec<String> = h
            .published_annual
            .iter()
            .map(|c| {
                format!(
                    "{} {} ({})",
                    words::when(lang, c.when),
                    fixed(lang, c.value, 2),
                    words::evidence(lang, c.evidence)
                )
            })
            .collect();
        let _ = writeln!(
            md,
            "\n{}: {}\n",
            label(lang, Label::PublishedAnnual),
            annual.join("; ")
        );
    }
    md.push('\n');
}

fn goal_name(lang: Lang, g: &GoalAssessment) -> &str {
    match lang {
        Lang::Vi if !g.indicator_vi.is_empty() => &g.indicator_vi,
        Lang::En if !g.indicator_en.is_empty() => &g.indicator_en,
        _ => &g.indicator,
    }
}

fn write_plan(md: &mut String, plan: &PlanAssessment, lang: Lang, places: &Places) {
    let title = match (lang, &plan.title_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => plan.title_vi.clone(),
    };
    let _ = writeln!(
        md,
        "## {title}\n\n`{}` · {} · {}–{}\n",
        plan.id,
        words::place(lang, &plan.territory, places),
        plan.period.0,
        plan.period.1
    );
    if plan.goals.is_empty() {
        let _ = writeln!(md, "—\n");
        return;
    }
    table_head(
        md,
        &[
            "#",
            label(lang, Label::Target),
            label(lang, Label::Period),
            label(lang, Label::Status),
            label(lang, Label::CurrentValue),
            label(lang, Label::Evidence),
            label(lang, Label::Needed),
        ],
        "llllrll",
    );
    for g in &plan.goals {
        let mut evidence: Vec<&str> = g
            .observations
            .iter()
            .map(|c| words::evidence(lang, c.evidence))
            .collect();
        evidence.dedup();
        let _ = writeln!(
            md,
            "| `{}` | {}: {} | {} | **{}** | {} | {} | {} |",
            g.goal,
            cell(goal_name(lang, g)),
            cell(&words::target(lang, &g.target, &g.unit, places)),
            words::period(g.period),
            words::status(lang, g.status),
            opt(lang, g.current),
            if evidence.is_empty() {
                "—".into()
            } else {
                evidence.join(", ")
            },
            cell(
                &g.needed
                    .as_ref()
                    .map_or_else(|| "—".into(), |n| words::needed(lang, n, &g.unit))
            )
        );
    }
    md.push('\n');
    for g in &plan.goals {
        let _ = writeln!(
            md,
            "- `{}` — {}: {}",
            g.goal,
            label(lang, Label::Basis),
            words::reason(lang, &g.reason, &g.unit, places)
        );
        if let Some(p) = &g.progress {
            for w in &p.warnings {
                let _ = writeln!(md, "  - {}", words::progress_warning(lang, *w));
            }
        }
        if let Some(t) = &g.source_text {
            let _ = writeln!(
                md,
                "  - {}: «{}»",
                label(lang, Label::Wording),
                t.replace('\u{a0}', " ")
            );
        }
        if !g.observations.is_empty() {
            let cites: Vec<String> = g.observations.iter().map(|c| cite(lang, c)).collect();
            let _ = writeln!(
                md,
                "  - {}: {}",
                label(lang, Label::Sources),
                cites.join("; ")
            );
        }
        if !g.alternatives.is_empty() {
            // The notes of the data file are in English; the Vietnamese report cites the page.
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|c| match lang {
                    Lang::En => format!(
                        "{} = {} ({}; {})",
                        words::when(lang, c.when),
                        words::quantity(lang, c.value, &c.unit),
                        words::evidence(lang, c.evidence),
                        c.note
                    ),
                    _ => cite(lang, c),
                })
                .collect();
            let _ = writeln!(
                md,
                "  - {}: {}",
                label(lang, Label::AlsoPublished),
                alts.join("; ")
            );
        }
    }
    md.push('\n');
}

fn write_findings(md: &mut String, findings: &[Finding], lang: Lang) {
    let _ = writeln!(md, "## {}\n", label(lang, Label::Findings));
    let mut info = 0;
    for f in findings {
        if f.severity == Severity::Info {
            info += 1;
            continue;
        }
        let _ = writeln!(md, "- {}", words::finding(lang, f));
    }
    let _ = writeln!(md, "\n{info} {}.\n", label(lang, Label::InfoNotListed));
}

fn write_feasibility(md: &mut String, f: &Feasibility, lang: Lang, places: &Places) {
    let _ = writeln!(md, "## {}\n", label(lang, Label::Feasibility));
    let mut employment = format!(
        "{}: {}",
        label(lang, Label::EmploymentAssumed),
        words::quantity(lang, 100.0 * f.employment_growth, "percent_per_year")
    );
    if let Some(b) = &f.employment_basis {
        let observed = format!(
            "{} {}",
            fixed(lang, 100.0 * b.observed_growth, 2),
            words::unit(lang, "percent_per_year")
        );
        employment.push_str(&match (lang, b.definition_break) {
            (Lang::Vi, true) => format!(
                " (số người làm việc {}–{} tăng khoảng {observed}, sau một lần thay đổi định nghĩa \
                 thống kê, nên giả định một mức thấp hơn)",
                b.from, b.to
            ),
            (Lang::Vi, false) => format!(
                " (số người làm việc {}–{} tăng khoảng {observed})",
                b.from, b.to
            ),
            (_, true) => format!(
                " (employed persons grew ≈ {observed} in {}–{}, after a definition break, so a \
                 lower, stated figure is assumed)",
                b.from, b.to
            ),
            (_, false) => format!(
                " (employed persons grew ≈ {observed} in {}–{})",
                b.from, b.to
            ),
        });
    }
    let _ = writeln!(md, "{employment}.\n");
    for c in &f.consistency {
        let mark = if c.contradiction { "⚠ " } else { "" };
        let goals: Vec<String> = c.goals.iter().map(|g| format!("`{g}`")).collect();
        let _ = writeln!(
            md,
            "- {mark}`{}` ({}): {}",
            c.plan,
            goals.join(", "),
            words::consistency(lang, c)
        );
    }
    for r in &f.realism {
        let _ = writeln!(
            md,
            "- `{}/{}`: {}",
            r.plan,
            r.goal,
            words::realism(lang, &r.realism, places)
        );
    }
    let s = &f.scenario;
    let p = &f.projection;
    let yr = words::unit(lang, "percent_per_year");
    let (k_y, inv, dep, emp, tfp, ls, gdp, lp, cap, share) = match lang {
        Lang::Vi => (
            "vốn/GDP",
            "đầu tư",
            "khấu hao",
            "việc làm",
            "TFP",
            "tỷ phần lao động",
            "GDP",
            "năng suất lao động",
            "vốn",
            "tỷ trọng đóng góp của TFP",
        ),
        _ => (
            "K/Y",
            "investment",
            "depreciation",
            "employment",
            "TFP",
            "labour share",
            "GDP",
            "LP",
            "capital",
            "TFP share",
        ),
    };
    let _ = writeln!(
        md,
        "\n### {} ({}–{})\n\n{k_y} {}; {inv} {} GDP; {dep} {}; {emp} {} {yr}; {tfp} {} {yr}; {ls} {} → {gdp} {} {yr}; {lp} {} {yr}; {cap} {} {yr}; {share} {}.\n",
        label(lang, Label::Scenario),
        s.base_year + 1,
        s.end_year,
        fixed(lang, s.capital_output_ratio, 2),
        fraction_as_percent(lang, s.investment_rate, 0),
        fraction_as_percent(lang, s.depreciation, 1),
        signed_fixed(lang, 100.0 * s.employment_growth, 1),
        signed_fixed(lang, 100.0 * s.tfp_growth, 1),
        fixed(lang, s.labour_share, 2),
        fixed(lang, 100.0 * p.gdp_growth, 2),
        fixed(lang, 100.0 * p.lp_growth, 2),
        fixed(lang, 100.0 * p.capital_growth, 2),
        p.tfp_share
            .map_or_else(|| "—".into(), |v| fraction_as_percent(lang, v, 1))
    );
    for g in &f.goals {
        let _ = writeln!(
            md,
            "- `{}/{}`: {} {} — {}",
            g.plan,
            g.goal,
            fixed(lang, g.projected, 2),
            label(lang, Label::UnderScenario),
            label(lang, if g.met { Label::Met } else { Label::NotMet })
        );
    }
    let pp = label(lang, Label::Points);
    let (d_gdp, d_lp, d_share) = match lang {
        Lang::Vi => ("Δ tăng GDP", "Δ tăng năng suất lao động", "Δ tỷ trọng TFP"),
        _ => ("Δ GDP growth", "Δ LP growth", "Δ TFP share"),
    };
    md.push('\n');
    table_head(
        md,
        &[
            label(lang, Label::Assumption).to_string(),
            label(lang, Label::Step).to_string(),
            format!("{d_gdp} ({pp})"),
            format!("{d_lp} ({pp})"),
            format!("{d_share} ({pp})"),
        ],
        "lrrrr",
    );
    for r in &f.sensitivity {
        let _ = writeln!(
            md,
            "| {} | ±{} {pp} | {} / {} | {} / {} | {} / {} |",
            words::assumption(lang, &r.assumption),
            fixed(lang, 100.0 * r.step, 1),
            words::points(lang, r.gdp_growth.0),
            words::points(lang, r.gdp_growth.1),
            words::points(lang, r.lp_growth.0),
            words::points(lang, r.lp_growth.1),
            words::points(lang, r.tfp_share.0),
            words::points(lang, r.tfp_share.1)
        );
    }
    md.push('\n');
}

/// The "what it takes" lines: each goal, each assumption solved for.
fn write_what_it_takes(md: &mut String, f: &Feasibility, lang: Lang) {
    if f.what_it_takes.is_empty() {
        return;
    }
    let _ = writeln!(md, "### {}\n", label(lang, Label::WhatItTakes));
    for g in &f.what_it_takes {
        let _ = writeln!(
            md,
            "- `{}/{}`: {}",
            g.plan,
            g.result.target.id,
            words::what_it_takes(lang, &g.result)
        );
    }
    md.push('\n');
}

fn write_annex(md: &mut String, h: &History, lang: Lang) {
    if h.annual.is_empty() && h.sensitivity.is_none() {
        return;
    }
    if !h.annual.is_empty() {
        let _ = writeln!(md, "## {}\n", label(lang, Label::AnnualAccounting));
        table_head(
            md,
            &[
                label(lang, Label::Year).to_string(),
                "GDP".into(),
                label(lang, Label::Capital).to_string(),
                label(lang, Label::LabourHours).to_string(),
                label(lang, Label::LabourQuality).to_string(),
                "TFP".into(),
                label(lang, Label::TfpShare).to_string(),
                label(lang, Label::LpGrowthPerHour).to_string(),
                format!("{} ({})", label(lang, Label::TfpIndex), h.index_base_year),
            ],
            "lrrrrrrrr",
        );
        for r in &h.annual {
            let share = match (r.tfp_share, r.tfp_share_undefined) {
                (Some(v), _) => fixed(lang, v, 2),
                (None, Some(why)) => words::undefined_share(lang, why).to_string(),
                (None, None) => "—".into(),
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {share} | {} | {} |",
                r.year,
                fixed(lang, r.output_growth, 2),
                fixed(lang, r.capital, 2),
                fixed(lang, r.labour, 2),
                fixed(lang, r.labour_quality, 2),
                fixed(lang, r.tfp_growth, 2),
                fixed(lang, r.lp_growth_per_hour, 2),
                r.tfp_index
                    .map_or_else(|| "—".into(), |v| fixed(lang, v, 3))
            );
        }
        md.push('\n');
    }
    if let Some(s) = &h.sensitivity {
        let _ = writeln!(md, "## {}\n", label(lang, Label::LabourShareSensitivity));
        let mut head = format!("| {} |", label(lang, Label::LabourShare));
        for (a, b) in &s.periods {
            let _ = write!(head, " {a}–{b} |");
        }
        let _ = writeln!(md, "{head}\n|---|{}", "---:|".repeat(s.periods.len()));
        for (share, row) in s.labour_shares.iter().zip(&s.tfp_share) {
            let cells: Vec<String> = row.iter().map(|v| opt(lang, *v)).collect();
            let _ = writeln!(md, "| {} | {} |", fixed(lang, *share, 2), cells.join(" | "));
        }
        md.push('\n');
    }
}

/// Writes a Markdown table's header row and its alignment row: one letter of `align` per
/// column, `r` right-aligned (numbers), anything else left-aligned.
fn table_head<S: AsRef<str>>(md: &mut String, cells: &[S], align: &str) {
    debug_assert_eq!(cells.len(), align.chars().count());
    md.push('|');
    for c in cells {
        md.push(' ');
        md.push_str(c.as_ref());
        md.push_str(" |");
    }
    md.push_str("\n|");
    for a in align.chars() {
        md.push_str(if a == 'r' { "---:|" } else { "---|" });
    }
    md.push('\n');
}
