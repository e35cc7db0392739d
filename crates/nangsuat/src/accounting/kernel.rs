//! The kernel: one pass over each entity's rows in year order, writing only the selected
//! columns, no allocation per row, one logarithm per input value.

use super::columns::{Field, View, put};
use super::input::{AccountingInput, GrowthAccounting, LabourShare, Profile};
use super::order::PanelEntity;
use super::result::tfp_share;
use crate::cancel::Cancel;
use crate::error::{Error, Result};
use crate::series::NanPolicy;
use crate::share::Share;
use std::fmt::Display;

#[derive(Clone, Copy)]
pub(super) struct Ctx {
    pub(super) options: GrowthAccounting,
    pub(super) constant_share: Option<f64>,
}

// Positions in `View::f`, matching `Field::ALL`.
pub(super) const OUT_INDEX: usize = Field::TfpIndex as usize;
const OUT_Y: usize = Field::OutputGrowth as usize;
const OUT_K: usize = Field::CapitalGrowth as usize;
const OUT_L: usize = Field::LabourGrowth as usize;
const OUT_Q: usize = Field::LabourQualityGrowth as usize;
const OUT_W: usize = Field::LabourWeight as usize;
const OUT_CK: usize = Field::CapitalContribution as usize;
const OUT_CL: usize = Field::LabourContribution as usize;
const OUT_CQ: usize = Field::LabourQualityContribution as usize;
const OUT_TFP: usize = Field::TfpGrowth as usize;
const OUT_LP: usize = Field::LabourProductivityGrowth as usize;
const OUT_CD: usize = Field::CapitalDeepening as usize;
const OUT_SHARE: usize = Field::TfpShare as usize;

/// Rows the kernel processes between two reads of the cancellation token.
pub(super) const CANCEL_CHUNK: usize = 4096;

/// Runs the kernel over every entity of sorted rows (in parallel with the `rayon` feature),
/// reading `cancel` before each chunk of [`CANCEL_CHUNK`] rows.
pub(super) fn run<E: PanelEntity>(
    ctx: &Ctx,
    entity: &[E],
    input: &AccountingInput<'_>,
    out: View<'_>,
    cancel: &Cancel,
) -> Result<()> {
    #[cfg(feature = "rayon")]
    {
        const MIN_ROWS: usize = 1 << 15;
        let n = entity.len();
        if n > MIN_ROWS {
            // Split at the first entity boundary at or after the middle.
            let mut mid = n / 2;
            while mid < n && entity[mid] == entity[mid - 1] {
                mid += 1;
            }
            if mid < n {
                let (out_l, out_r) = out.split_at(mid);
                let (left, right) = rayon::join(
                    || run(ctx, &entity[..mid], &input.slice(0, mid), out_l, cancel),
                    || run(ctx, &entity[mid..], &input.slice(mid, n), out_r, cancel),
                );
                // The left error comes first in (entity, year) order.
                return left.and(right);
            }
        }
    }
    run_sequential(ctx, entity, input, out, cancel)
}

fn run_sequential<E: PanelEntity>(
    ctx: &Ctx,
    entity: &[E],
    input: &AccountingInput<'_>,
    mut out: View<'_>,
    cancel: &Cancel,
) -> Result<()> {
    let n = entity.len();
    let mut lo = 0;
    let mut next_check = 0;
    while lo < n {
        if lo >= next_check {
            cancel.check("the panel growth accounting")?;
            next_check = lo + CANCEL_CHUNK;
        }
        let mut hi = lo + 1;
        while hi < n && entity[hi] == entity[lo] {
            hi += 1;
        }
        let result = match ctx.options.profile {
            Profile::Tornqvist => entity_kernel::<true>(ctx, input, lo, hi, &mut out),
            Profile::Gso => entity_kernel::<false>(ctx, input, lo, hi, &mut out),
        };
        result.map_err(|e| e.with_entity(&entity[lo]))?;
        lo = hi;
    }
    Ok(())
}

/// Log levels (Törnqvist) or levels (GSO) of one valid row.
#[derive(Clone, Copy)]
pub(super) struct Point {
    pub(super) year: i32,
    y: f64,
    k: f64,
    h: f64,
    q: f64,
    s: f64,
}

impl Point {
    /// A row with no usable data (missing under a lenient [`NanPolicy`]).
    pub(super) fn missing(year: i32) -> Point {
        Point {
            year,
            y: f64::NAN,
            k: f64::NAN,
            h: f64::NAN,
            q: f64::NAN,
            s: f64::NAN,
        }
    }

    /// Made by [`Point::missing`] (a valid row's values are finite).
    #[inline(always)]
    pub(super) fn is_missing(&self) -> bool {
        self.y.is_nan()
    }
}

/// The growth figures of one step between two valid rows (`q`, then `p`).
#[derive(Clone, Copy)]
pub(super) struct Step {
    gy: f64,
    gk: f64,
    gh: f64,
    gq: f64,
    w: f64,
    ck: f64,
    cl: f64,
    cq: f64,
    tfp: f64,
    lp: f64,
    cd: f64,
}

impl Step {
    /// The step from `q` to `p`: log changes and mean shares (Törnqvist) or growth rates and
    /// the current share (GSO).
    #[inline(always)]
    pub(super) fn between<const TORNQVIST: bool>(p: &Point, q: &Point) -> Step {
        let (gy, gk, gh, gq, w) = if TORNQVIST {
            (
                p.y - q.y,
                p.k - q.k,
                p.h - q.h,
                p.q - q.q,
                0.5 * (p.s + q.s),
            )
        } else {
            (p.y / q.y - 1.0, p.k / q.k - 1.0, p.h / q.h - 1.0, 0.0, p.s)
        };
        let ck = (1.0 - w) * gk;
        let cl = w * gh;
        let cq = w * gq;
        let tfp = gy - ck - cl - cq;
        let lp = if TORNQVIST {
            gy - gh
        } else {
            (1.0 + gy) / (1.0 + gh) - 1.0
        };
        let cd = (1.0 - w) * (gk - gh);
        Step {
            gy,
            gk,
            gh,
            gq,
            w,
            ck,
            cl,
            cq,
            tfp,
            lp,
            cd,
        }
    }

    /// A figure that does not fit in a double, if any.
    #[inline(always)]
    pub(super) fn non_finite(&self) -> Option<f64> {
        [
            self.gy, self.gk, self.gh, self.gq, self.tfp, self.lp, self.cd,
        ]
        .into_iter()
        .find(|v| !v.is_finite())
    }

    /// The link of the chained TFP index: log TFP change (Törnqvist) or `ln(1 + G_A)` (GSO).
    #[inline(always)]
    pub(super) fn link<const TORNQVIST: bool>(&self) -> f64 {
        if TORNQVIST {
            self.tfp
        } else {
            self.tfp.ln_1p()
        }
    }

    /// Writes the step's figures to row `i` of the selected columns (not the index).
    #[inline(always)]
    pub(super) fn write(&self, out: &mut View<'_>, i: usize, tolerance: f64) {
        let f = &mut out.f;
        put(f[OUT_Y], i, self.gy);
        put(f[OUT_K], i, self.gk);
        put(f[OUT_L], i, self.gh);
        put(f[OUT_Q], i, self.gq);
        put(f[OUT_W], i, self.w);
        put(f[OUT_CK], i, self.ck);
        put(f[OUT_CL], i, self.cl);
        put(f[OUT_CQ], i, self.cq);
        put(f[OUT_TFP], i, self.tfp);
        put(f[OUT_LP], i, self.lp);
        put(f[OUT_CD], i, self.cd);
        if !out.share_defined.is_empty() {
            let share = tfp_share(self.tfp, self.gy, tolerance);
            put(f[OUT_SHARE], i, share.unwrap_or(f64::NAN));
            out.share_defined[i] = share.is_ok();
        }
        out.growth_defined[i] = true;
    }
}

/// Row `i` has no step (the first row of a segment, or a missing row): every growth figure
/// undefined (the index is the chain's).
#[inline(always)]
pub(super) fn write_no_step(out: &mut View<'_>, i: usize) {
    for col in &mut out.f[..OUT_INDEX] {
        put(col, i, f64::NAN);
    }
    put(out.f[OUT_SHARE], i, f64::NAN);
    out.growth_defined[i] = false;
    put(out.share_defined, i, false);
}

/// The link a missing row leaves in the index column before [`chain_index`]: no step can give
/// `+∞` (steps with a non-finite figure are refused).
pub(super) const MISSING_ROW: f64 = f64::INFINITY;

/// Turns one entity's links (in year order, in place) into the chained TFP index and its
/// defined-mask. A link that is not finite starts a new segment; [`MISSING_ROW`] marks a row
/// with no data, which leaves the chain untouched. Without a base year the first row is the
/// base and only its segment is defined; with one, the segment holding the base year is.
pub(super) fn chain_index(
    options: &GrowthAccounting,
    year: impl Fn(usize) -> i32,
    index: &mut [f64],
    defined: &mut [bool],
) -> Result<()> {
    let mut cum = 0.0;
    // Segments are numbered from 1.
    let mut segment = 0u32;
    let Some(base_year) = options.base_year else {
        for (j, (value, def)) in index.iter_mut().zip(defined.iter_mut()).enumerate() {
            let link = *value;
            if link == MISSING_ROW {
                (*value, *def) = (f64::NAN, false);
                continue;
            }
            if link.is_finite() {
                cum += link;
            } else {
                segment += 1;
                cum = 0.0;
            }
            if segment == 1 {
                let level = cum.exp();
                if !(level.is_finite() && level > 0.0) {
                    return Err(overflow("tfp_index", year(j), level));
                }
                (*value, *def) = (level, true);
            } else {
                (*value, *def) = (f64::NAN, false);
            }
        }
        return Ok(());
    };
    // Cumulative log TFP; a segment's first row holds −0.0, which no running sum started at
    // +0.0 can produce, so the rebasing pass finds segments without another column.
    let mut base: Option<(u32, f64)> = None;
    for (j, (value, def)) in index.iter_mut().zip(defined.iter_mut()).enumerate() {
        let link = *value;
        if link == MISSING_ROW {
            (*value, *def) = (f64::NAN, false);
            continue;
        }
        let new_segment = !link.is_finite();
        if new_segment {
            segment += 1;
            cum = 0.0;
        } else {
            cum += link;
        }
        (*value, *def) = (if new_segment { -0.0 } else { cum }, true);
        if year(j) == base_year {
            base = Some((segment, cum));
        }
    }
    // Rebasing pass: keep the segment that holds the base year.
    let mut seg = 0u32;
    for (j, (value, def)) in index.iter_mut().zip(defined.iter_mut()).enumerate() {
        if !*def {
            continue;
        }
        let level = *value;
        if level == 0.0 && level.is_sign_negative() {
            seg += 1;
        }
        match base {
            Some((b, c)) if b == seg => {
                let rebased = (level - c).exp();
                if !(rebased.is_finite() && rebased > 0.0) {
                    return Err(overflow("tfp_index", year(j), rebased));
                }
                *value = rebased;
            }
            _ => (*value, *def) = (f64::NAN, false),
        }
    }
    Ok(())
}

/// The per-entity kernel: rows `lo..hi` are one entity, sorted by year. It writes every output
/// cell of those rows (the index column first holds the links, then [`chain_index`] turns them
/// into the index) and does not allocate.
fn entity_kernel<const TORNQVIST: bool>(
    ctx: &Ctx,
    input: &AccountingInput<'_>,
    lo: usize,
    hi: usize,
    out: &mut View<'_>,
) -> Result<()> {
    let opt = &ctx.options;
    let policy = opt.nan_policy;
    let mut prev: Option<Point> = None;
    for i in lo..hi {
        let year = input.years[i];
        let Some(p) = read_point::<TORNQVIST>(ctx, input, i, year)? else {
            // A missing row: nothing is defined; under Propagate the chain breaks here.
            write_no_step(out, i);
            put(out.f[OUT_INDEX], i, MISSING_ROW);
            put(out.index_defined, i, false);
            if policy == NanPolicy::Propagate {
                prev = None;
            }
            continue;
        };
        let step = match prev {
            Some(q) if q.year + 1 == year || policy == NanPolicy::Omit => Some(q),
            Some(q) if policy == NanPolicy::Raise => {
                return Err(Error::MissingYear {
                    series: "year".into(),
                    entity: None,
                    year: q.year + 1,
                });
            }
            _ => None,
        };
        let link = match step {
            Some(q) => {
                let step = Step::between::<TORNQVIST>(&p, &q);
                if let Some(bad) = step.non_finite() {
                    return Err(overflow("growth", year, bad));
                }
                step.write(out, i, opt.zero_growth_tolerance);
                step.link::<TORNQVIST>()
            }
            None => {
                write_no_step(out, i);
                f64::NAN
            }
        };
        put(out.f[OUT_INDEX], i, link);
        prev = Some(p);
    }
    if out.f[OUT_INDEX].is_empty() {
        return Ok(());
    }
    chain_index(
        opt,
        |j| input.years[lo + j],
        &mut out.f[OUT_INDEX][lo..hi],
        &mut out.index_defined[lo..hi],
    )
}

fn overflow(name: &str, year: i32, value: f64) -> Error {
    Error::OutOfRange {
        name: name.into(),
        year: Some(year),
        value,
        expected: "a finite number: the inputs differ by so much between years that the \
                   result does not fit in a double; check the units of each series"
            .into(),
    }
}

/// `v` is a usable volume: finite and positive (NaN fails both comparisons).
#[inline(always)]
fn positive(v: f64) -> bool {
    v > 0.0 && v < f64::INFINITY
}

/// Reads row `i`: logs of the levels (Törnqvist) or the levels (GSO). `None` when the row is
/// missing under a lenient policy. The common case — every value usable — takes one branch.
#[inline(always)]
pub(super) fn read_point<const TORNQVIST: bool>(
    ctx: &Ctx,
    input: &AccountingInput<'_>,
    i: usize,
    year: i32,
) -> Result<Option<Point>> {
    let y = input.output[i];
    let k = input.capital[i];
    let l = input.labour[i];
    let h = input.hours.map_or(1.0, |c| c[i]);
    let q = input.human_capital.map_or(1.0, |c| c[i]);
    let s = match (ctx.constant_share, input.labour_share) {
        (Some(s), _) => s,
        (None, LabourShare::PerRow(v)) => v[i],
        _ => f64::NAN,
    };
    let usable = positive(y)
        & positive(k)
        & positive(l)
        & positive(h)
        & positive(q)
        & (0.0..=1.0).contains(&s);
    if !usable {
        check_row(ctx, [y, k, l, h, q], s, year)?;
        return Ok(None);
    }
    // Persons × hours as one number, so a log is taken once; absent columns cost no log.
    let labour = l * h;
    Ok(Some(if TORNQVIST {
        let q = if input.human_capital.is_some() {
            q.ln()
        } else {
            0.0
        };
        Point {
            year,
            y: y.ln(),
            k: k.ln(),
            h: labour.ln(),
            q,
            s,
        }
    } else {
        Point {
            year,
            y,
            k,
            h: labour,
            q,
            s,
        }
    }))
}

/// The slow path of [`read_point`]: the error a bad row deserves, or `Ok` when the row is
/// merely missing under a lenient policy.
#[cold]
fn check_row(ctx: &Ctx, values: [f64; 5], s: f64, year: i32) -> Result<()> {
    const NAMES: [&str; 5] = ["output", "capital", "labour", "hours", "human_capital"];
    let raise = ctx.options.nan_policy == NanPolicy::Raise;
    for (name, v) in NAMES.into_iter().zip(values) {
        if !v.is_finite() {
            if raise {
                return Err(Error::NonFinite {
                    series: name.into(),
                    entity: None,
                    year,
                    value: v,
                });
            }
        } else if v <= 0.0 {
            return Err(Error::NonPositive {
                series: name.into(),
                entity: None,
                year,
                value: v,
            });
        }
    }
    if !s.is_finite() {
        if raise {
            return Err(Error::NonFinite {
                series: "labour_share".into(),
                entity: None,
                year,
                value: s,
            });
        }
    } else {
        Share::checked("labour_share", Some(year), s)?;
    }
    Ok(())
}

impl Error {
    /// Attaches an entity label to an error that can carry one (panel input).
    pub(super) fn with_entity<E: Display>(mut self, entity: &E) -> Self {
        let label = entity.to_string();
        if label.is_empty() {
            return self;
        }
        match &mut self {
            Error::DuplicateYear { entity, .. }
            | Error::MissingYear { entity, .. }
            | Error::NonFinite { entity, .. }
            | Error::NonPositive { entity, .. } => *entity = Some(label),
            Error::OutOfRange { name, .. } => *name = format!("{name}{}", entity_tag(&label)),
            _ => {}
        }
        self
    }

    /// Renames the entity an error names, for faces that pass integer codes to the panel
    /// functions and keep the caller's labels: `rename(code)` gives the label of a code (or
    /// `None` to leave it). Covers every error that names an entity, range errors included.
    ///
    /// ```
    /// use nangsuat::{AccountingInput, Error, GrowthAccounting, LabourShare};
    /// let s = [0.5, 1.5];
    /// let input = AccountingInput::new(&[2000, 2001], &[1.0; 2], &[1.0; 2], &[1.0; 2],
    ///     LabourShare::PerRow(&s));
    /// let e = GrowthAccounting::tornqvist().compute_panel(&[7i64, 7], &input).unwrap_err();
    /// let labels = |code: &str| (code == "7").then(|| "Hà Nội".to_string());
    /// assert!(e.rename_entity(labels).to_string().contains("`Hà Nội`"));
    /// ```
    pub fn rename_entity(mut self, rename: impl Fn(&str) -> Option<String>) -> Self {
        match &mut self {
            Error::DuplicateYear { entity, .. }
            | Error::MissingYear { entity, .. }
            | Error::NonFinite { entity, .. }
            | Error::NonPositive { entity, .. } => {
                if let Some(label) = entity.as_deref().and_then(&rename) {
                    *entity = Some(label);
                }
            }
            Error::OutOfRange { name, .. } => {
                // The tag `with_entity` wrote, at the end of the name.
                if let Some(start) = name.rfind(" (entity `")
                    && name.ends_with("`)")
                {
                    let code = &name[start + " (entity `".len()..name.len() - 2];
                    if let Some(label) = rename(code) {
                        let tag = entity_tag(&label);
                        name.replace_range(start.., &tag);
                    }
                }
            }
            _ => {}
        }
        self
    }
}

fn entity_tag(label: &str) -> String {
    format!(" (entity `{label}`)")
}
