//! Charts drawn by nangsuat as inline SVG: lines (a goal's observed path against its target
//! path) and stacked bars (growth contributions), each with a title, axis labels with units,
//! a legend, and text escaped. No script, no font or style fetched.
//!
//! ```
//! use nangsuat::report::Lang;
//! use nangsuat::report::svg::{LineChart, Series};
//! let chart = LineChart {
//!     title: "Lao động <năng suất>".into(),
//!     x_label: "năm".into(),
//!     y_label: "chỉ số".into(),
//!     series: vec![Series::line("Thực tế", "#0b5394", vec![(2020.0, 100.0), (2021.0, 104.0)])],
//!     hline: None,
//!     marks: vec![],
//! };
//! let svg = chart.to_svg(Lang::Vi, "c1");
//! assert!(svg.starts_with("<svg") && svg.contains("Lao động &lt;năng suất&gt;"));
//! ```

use super::Lang;
use super::number::fixed as number;
use std::fmt::Write;

const W: f64 = 680.0;
const H: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 76.0;

/// Escapes text for HTML and SVG (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One line of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// Stroke colour (CSS).
    pub color: String,
    /// Points `(x, y)`, drawn in order.
    pub points: Vec<(f64, f64)>,
    /// Dashed (a path the plan requires) or solid (what was observed).
    pub dashed: bool,
}

impl Series {
    /// A solid line with point markers.
    pub fn line(name: &str, color: &str, points: Vec<(f64, f64)>) -> Series {
        Series {
            name: name.into(),
            color: color.into(),
            points,
            dashed: false,
        }
    }

    /// A dashed line.
    pub fn dashed(name: &str, color: &str, points: Vec<(f64, f64)>) -> Series {
        Series {
            dashed: true,
            ..Series::line(name, color, points)
        }
    }
}

/// A line chart; the x axis holds years (or any numbers, labelled as integers when whole).
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Title.
    pub title: String,
    /// X-axis label, with unit.
    pub x_label: String,
    /// Y-axis label, with unit.
    pub y_label: String,
    /// Lines.
    pub series: Vec<Series>,
    /// A horizontal reference line `(y, label)`.
    pub hline: Option<(f64, String)>,
    /// Labelled marks `(x, y, label)` (the target).
    pub marks: Vec<(f64, f64, String)>,
}

/// Bars stacked by component, positive parts up and negative parts down from zero.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBars {
    /// Title.
    pub title: String,
    /// X-axis label.
    pub x_label: String,
    /// Y-axis label, with unit.
    pub y_label: String,
    /// Category labels along the x axis.
    pub categories: Vec<String>,
    /// Components `(name, colour, value per category)`; `None` leaves a gap.
    pub stacks: Vec<(String, String, Vec<Option<f64>>)>,
    /// A total marked on each bar `(name, value per category)`.
    pub totals: Option<(String, Vec<Option<f64>>)>,
    /// A horizontal reference line `(y, label)` (a target).
    pub hline: Option<(f64, String)>,
}

/// "Nice" ticks covering `[lo, hi]`.
fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut t = start;
    while t <= hi + step * 0.5 && out.len() < 50 {
        out.push(t);
        t += step;
    }
    out
}

fn decimals_for(ticks: &[f64]) -> usize {
    let step = if ticks.len() > 1 {
        (ticks[1] - ticks[0]).abs()
    } else {
        1.0
    };
    if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    }
}

struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn px(&self, x: f64) -> f64 {
        LEFT + (x - self.x0) / (self.x1 - self.x0).max(1e-12) * (W - LEFT - RIGHT)
    }
    fn py(&self, y: f64) -> f64 {
        H - BOTTOM - (y - self.y0) / (self.y1 - self.y0).max(1e-12) * (H - TOP - BOTTOM)
    }
}

fn open(svg: &mut String, id: &str, title: &str) {
    // The visible title is the figure's caption; `<title>` names the chart for screen readers
    // and travels with the SVG when it is copied out.
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" \
         aria-labelledby=\"{id}-t\" class=\"chart\" font-family=\"sans-serif\" font-size=\"12\">\
         <title id=\"{id}-t\">{}</title>",
        escape(title)
    );
}

fn y_axis(svg: &mut String, f: &Frame, yt: &[f64], label: &str, lang: Lang) {
    let d = decimals_for(yt);
    for t in yt {
        let y = f.py(*t);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#3d444d\">{}</text>",
            W - RIGHT,
            if t.abs() < 1e-12 {
                "#57606a"
            } else {
                "#d8dee4"
            },
            LEFT - 6.0,
            y + 4.0,
            number(lang, *t, d)
        );
    }
    let cy = (TOP + H - BOTTOM) / 2.0;
    let _ = write!(
        svg,
        "<text transform=\"translate(14 {cy:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1f2328\">{}</text>",
        escape(label)
    );
}

fn x_label(svg: &mut String, label: &str) {
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1f2328\">{}</text>",
        (LEFT + W - RIGHT) / 2.0,
        H - BOTTOM + 34.0,
        escape(label)
    );
}

fn legend(svg: &mut String, items: &[(String, String, &str)]) {
    // (name, colour, kind: "box" | "line" | "dash" | "dot")
    let mut x = LEFT;
    let items: Vec<(String, String, &str)> = items
        .iter()
        .map(|(n, c, k)| (n.clone(), escape(c), *k))
        .collect();
    let y = H - 16.0;
    for (name, color, kind) in &items {
        let _ = match *kind {
            "box" => write!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{color}\"/>",
                y - 10.0
            ),
            "dot" => write!(
                svg,
                "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"{color}\" stroke-width=\"2\"/>",
                x + 6.0,
                y - 4.0
            ),
            "dash" => write!(
                svg,
                "<line x1=\"{x}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{color}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>",
                x + 16.0,
                y - 4.0,
                y - 4.0
            ),
            _ => write!(
                svg,
                "<line x1=\"{x}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{color}\" stroke-width=\"2\"/>",
                x + 16.0,
                y - 4.0,
                y - 4.0
            ),
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{y}\" fill=\"#1f2328\">{}</text>",
            x + 20.0,
            escape(name)
        );
        x += 34.0 + 6.5 * name.chars().count() as f64;
    }
}

fn year_label(x: f64, lang: Lang) -> String {
    if x.fract() == 0.0 && x.abs() < 1e6 {
        format!("{x:.0}")
    } else {
        number(lang, x, 2)
    }
}

impl LineChart {
    /// The chart as an `<svg>` element; `id` must be unique in the document.
    pub fn to_svg(&self, lang: Lang, id: &str) -> String {
        let xs = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0))
            .chain(self.marks.iter().map(|m| m.0));
        let ys = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(self.marks.iter().map(|m| m.1))
            .chain(self.hline.iter().map(|h| h.0));
        let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
        for x in xs.filter(|x| x.is_finite()) {
            x0 = x0.min(x);
            x1 = x1.max(x);
        }
        let (mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY);
        for y in ys.filter(|y| y.is_finite()) {
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        let mut svg = String::new();
        open(&mut svg, id, &self.title);
        if !x0.is_finite() || !y0.is_finite() {
            svg.push_str("</svg>");
            return svg;
        }
        if x1 - x0 < 1e-9 {
            x0 -= 1.0;
            x1 += 1.0;
        }
        let pad = ((y1 - y0) * 0.08).max(y1.abs().max(1.0) * 0.01);
        let yt = ticks(y0 - pad, y1 + pad, 5);
        let f = Frame {
            x0,
            x1,
            y0: yt[0],
            y1: yt[yt.len() - 1],
        };
        y_axis(&mut svg, &f, &yt, &self.y_label, lang);
        let whole_years = (x1 - x0) <= 40.0
            && self
                .series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0))
                .all(|x| x.fract() == 0.0);
        let xt: Vec<f64> = if whole_years {
            let step = ((x1 - x0) / 8.0).ceil().max(1.0);
            let mut v = Vec::new();
            let mut x = x0.ceil();
            while x <= x1 + 1e-9 {
                v.push(x);
                x += step;
            }
            v
        } else {
            ticks(x0, x1, 6)
        };
        for x in &xt {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#3d444d\">{}</text>",
                f.px(*x),
                H - BOTTOM + 16.0,
                year_label(*x, lang)
            );
        }
        x_label(&mut svg, &self.x_label);
        if let Some((y, label)) = &self.hline {
            let py = f.py(*y);
            let _ = write!(
                svg,
                "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{py:.1}\" y2=\"{py:.1}\" stroke=\"#b91c1c\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\
                 <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#b91c1c\">{}</text>",
                W - RIGHT,
                W - RIGHT - 4.0,
                py - 5.0,
                escape(label)
            );
        }
        let mut items = Vec::new();
        for s in &self.series {
            let pts: Vec<String> = s
                .points
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .map(|p| format!("{:.1},{:.1}", f.px(p.0), f.py(p.1)))
                .collect();
            if pts.is_empty() {
                continue;
            }
            let _ = write!(
                svg,
                "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{} points=\"{}\"/>",
                escape(&s.color),
                if s.dashed {
                    " stroke-dasharray=\"7 4\""
                } else {
                    ""
                },
                pts.join(" ")
            );
            if !s.dashed {
                for p in &s.points {
                    if p.0.is_finite() && p.1.is_finite() {
                        let _ = write!(
                            svg,
                            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{}\"/>",
                            f.px(p.0),
                            f.py(p.1),
                            escape(&s.color)
                        );
                    }
                }
            }
            items.push((
                s.name.clone(),
                s.color.clone(),
                if s.dashed { "dash" } else { "line" },
            ));
        }
        for (x, y, label) in &self.marks {
            let (cx, cy) = (f.px(*x), f.py(*y));
            let _ = write!(
                svg,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"#ffffff\" stroke=\"#b91c1c\" stroke-width=\"2.5\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#b91c1c\" font-weight=\"bold\">{}</text>",
                cx - 9.0,
                cy - 8.0,
                escape(label)
            );
            items.push((label.clone(), "#b91c1c".into(), "dot"));
        }
        legend(&mut svg, &items);
        svg.push_str("</svg>");
        svg
    }
}

impl StackedBars {
    /// The chart as an `<svg>` element; `id` must be unique in the document.
    pub fn to_svg(&self, lang: Lang, id: &str) -> String {
        let n = self.categories.len();
        let mut lo: f64 = 0.0;
        let mut hi: f64 = 0.0;
        for i in 0..n {
            let (mut pos, mut neg) = (0.0, 0.0);
            for (_, _, v) in &self.stacks {
                match v.get(i).copied().flatten() {
                    Some(x) if x >= 0.0 => pos += x,
                    Some(x) => neg += x,
                    None => {}
                }
            }
            lo = lo.min(neg);
            hi = hi.max(pos);
            if let Some((_, t)) = &self.totals
                && let Some(t) = t.get(i).copied().flatten()
            {
                lo = lo.min(t);
                hi = hi.max(t);
            }
        }
        if let Some((y, _)) = &self.hline {
            lo = lo.min(*y);
            hi = hi.max(*y);
        }
        let mut svg = String::new();
        open(&mut svg, id, &self.title);
        if n == 0 {
            svg.push_str("</svg>");
            return svg;
        }
        let pad = (hi - lo).max(1e-9) * 0.06;
        let yt = ticks(lo - if lo < 0.0 { pad } else { 0.0 }, hi + pad, 6);
        let f = Frame {
            x0: 0.0,
            x1: n as f64,
            y0: yt[0],
            y1: yt[yt.len() - 1],
        };
        y_axis(&mut svg, &f, &yt, &self.y_label, lang);
        let slot = (W - LEFT - RIGHT) / n as f64;
        let bar = (slot * 0.7).min(60.0);
        let label_every = (n as f64 / 16.0).ceil().max(1.0) as usize;
        let rotate = n > 8;
        for (i, cat) in self.categories.iter().enumerate() {
            let cx = f.px(i as f64 + 0.5);
            let (mut up, mut down) = (0.0, 0.0);
            for (_, color, v) in &self.stacks {
                let Some(x) = v.get(i).copied().flatten() else {
                    continue;
                };
                let (from, to) = if x >= 0.0 {
                    let r = (up, up + x);
                    up += x;
                    r
                } else {
                    let r = (down + x, down);
                    down += x;
                    r
                };
                let (ya, yb) = (f.py(to), f.py(from));
                let _ = write!(
                    svg,
                    "<rect x=\"{:.1}\" y=\"{ya:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                    cx - bar / 2.0,
                    (yb - ya).max(0.0),
                    escape(color)
                );
            }
            if let Some((_, t)) = &self.totals
                && let Some(t) = t.get(i).copied().flatten()
            {
                let _ = write!(
                    svg,
                    "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#1f2328\" stroke-width=\"2\"/>\
                         <circle cx=\"{cx:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#1f2328\"/>",
                    cx - bar / 2.0 - 2.0,
                    cx + bar / 2.0 + 2.0,
                    y = f.py(t)
                );
            }
            if i % label_every == 0 {
                let y = H - BOTTOM + 14.0;
                if rotate {
                    let _ = write!(
                        svg,
                        "<text transform=\"translate({cx:.1} {y}) rotate(-45)\" text-anchor=\"end\" fill=\"#3d444d\">{}</text>",
                        escape(cat)
                    );
                } else {
                    let _ = write!(
                        svg,
                        "<text x=\"{cx:.1}\" y=\"{y}\" text-anchor=\"middle\" fill=\"#3d444d\">{}</text>",
                        escape(cat)
                    );
                }
            }
        }
        if !rotate {
            x_label(&mut svg, &self.x_label);
        }
        if let Some((y, label)) = &self.hline {
            let py = f.py(*y);
            let _ = write!(
                svg,
                "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{py:.1}\" y2=\"{py:.1}\" stroke=\"#b91c1c\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\
                 <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#b91c1c\" font-weight=\"bold\">{}</text>",
                W - RIGHT,
                W - RIGHT - 4.0,
                py - 5.0,
                escape(label)
            );
        }
        let mut items: Vec<(String, String, &str)> = self
            .stacks
            .iter()
            .map(|(name, color, _)| (name.clone(), color.clone(), "box"))
            .collect();
        if let Some((name, _)) = &self.totals {
            items.push((name.clone(), "#1f2328".into(), "line"));
        }
        legend(&mut svg, &items);
        svg.push_str("</svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range_with_round_steps() {
        let t = ticks(-3.2, 11.7, 6);
        assert!(t[0] <= -3.2 && *t.last().unwrap() >= 11.7);
        assert!((t[1] - t[0] - 2.5).abs() < 1e-12 || (t[1] - t[0] - 5.0).abs() < 1e-12);
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let bars = StackedBars {
            title: "<script>alert(1)</script>".into(),
            x_label: "a & b".into(),
            y_label: "\"y\"".into(),
            categories: vec!["<c>".into()],
            stacks: vec![("<s>".into(), "red\"/><script>".into(), vec![Some(1.0)])],
            totals: None,
            hline: Some((0.5, "<t>".into())),
        };
        let svg = bars.to_svg(Lang::En, "x");
        assert!(!svg.contains("<script>") && !svg.contains("<c>") && !svg.contains("<t>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn negative_parts_stack_below_zero() {
        let bars = StackedBars {
            title: "t".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            categories: vec!["2020".into()],
            stacks: vec![
                ("a".into(), "#111".into(), vec![Some(4.0)]),
                ("b".into(), "#222".into(), vec![Some(-2.0)]),
            ],
            totals: Some(("total".into(), vec![Some(2.0)])),
            hline: None,
        };
        let svg = bars.to_svg(Lang::En, "x");
        assert_eq!(svg.matches("<rect").count(), 2 + 2); // two parts + two legend boxes
    }
}
