//! Panels whose rows are not in (entity, year) order, computed where the rows are.
//!
//! Every growth figure of a row depends only on that row and the row before it in its
//! entity's year order. So rather than copying every input column into (entity, year) order,
//! running the kernel and copying every output column back (a random access per row for each
//! input and each output column), this path
//! 1. reads each row once, in input order, into a packed [`Point`] (its logarithms: one
//!    cache line per row);
//! 2. computes each row's figures in input order from its point and the point of the row
//!    before it ([`Permutation::previous`]: one random read per row), writing the outputs
//!    sequentially;
//! 3. only for the chained TFP index, which runs along each entity's years, gathers the links
//!    into (entity, year) order, chains them ([`chain_index`], as the kernel does) and writes
//!    the index back.
//!
//! The figures are those of the kernel bit for bit: the same [`Step`] arithmetic on the same
//! points, the same chain. Anything unusual — an invalid value, a gap under
//! [`NanPolicy::Raise`], a figure that does not fit in a double — makes [`run`] answer
//! [`Outcome::UseKernel`], and the caller runs the sorted kernel, which reports the first
//! such row in (entity, year) order exactly as for sorted input.

use super::columns::View;
use super::input::{AccountingInput, Profile};
use super::kernel::{
    CANCEL_CHUNK, Ctx, MISSING_ROW, OUT_INDEX, Point, Step, chain_index, read_point, write_no_step,
};
use super::order::{NO_ROW, Permutation};
use super::{PREFETCH_DISTANCE, gather, scatter};
use crate::cancel::Cancel;
use crate::error::Result;
use crate::prefetch::prefetch;
use crate::series::NanPolicy;

/// What [`run`] did.
pub(super) enum Outcome {
    /// Every output cell is written.
    Done,
    /// The rows need the kernel's diagnosis (an error to report in (entity, year) order);
    /// the outputs are partly written and must be overwritten.
    UseKernel,
}

/// Computes every selected output of the rows of `input` (in input order), given their
/// (entity, year) order.
pub(super) fn run(
    ctx: &Ctx,
    input: &AccountingInput<'_>,
    perm: &Permutation,
    mut out: View<'_>,
    cancel: &Cancel,
) -> Result<Outcome> {
    let Some(points) = read_points(ctx, input) else {
        return Ok(Outcome::UseKernel);
    };
    let steps = match ctx.options.profile {
        Profile::Tornqvist => {
            rows::<true>(ctx, &points, &perm.previous, 0, out.reborrow(), cancel)?
        }
        Profile::Gso => rows::<false>(ctx, &points, &perm.previous, 0, out.reborrow(), cancel)?,
    };
    drop(points);
    if !steps || !index(ctx, input, perm, &mut out) {
        return Ok(Outcome::UseKernel);
    }
    Ok(Outcome::Done)
}

/// Every row's point, in input order; `None` when a row has an invalid value.
fn read_points(ctx: &Ctx, input: &AccountingInput<'_>) -> Option<Vec<Point>> {
    let point = |i: usize| {
        let year = input.years[i];
        let read = match ctx.options.profile {
            Profile::Tornqvist => read_point::<true>(ctx, input, i, year),
            Profile::Gso => read_point::<false>(ctx, input, i, year),
        };
        match read {
            Ok(Some(p)) => Ok(p),
            Ok(None) => Ok(Point::missing(year)),
            Err(_) => Err(()),
        }
    };
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        use std::sync::atomic::{AtomicBool, Ordering};
        let invalid = AtomicBool::new(false);
        let mut points = Vec::new();
        (0..input.len())
            .into_par_iter()
            .map(|i| {
                point(i).unwrap_or_else(|()| {
                    invalid.store(true, Ordering::Relaxed);
                    Point::missing(0)
                })
            })
            .collect_into_vec(&mut points);
        (!invalid.into_inner()).then_some(points)
    }
    #[cfg(not(feature = "rayon"))]
    {
        (0..input.len()).map(point).collect::<Result<_, ()>>().ok()
    }
}

/// Rows `offset .. offset + out.len()`: every figure but the index; the index column (when
/// selected) receives each row's link. `false` when a row needs the kernel's diagnosis.
fn rows<const TORNQVIST: bool>(
    ctx: &Ctx,
    points: &[Point],
    previous: &[u32],
    offset: usize,
    mut out: View<'_>,
    cancel: &Cancel,
) -> Result<bool> {
    let n = out.growth_defined.len();
    #[cfg(feature = "rayon")]
    {
        const MIN_ROWS: usize = 1 << 15;
        if n > MIN_ROWS {
            let mid = n / 2;
            let (left, right) = out.split_at(mid);
            let (l, r) = rayon::join(
                || rows::<TORNQVIST>(ctx, points, previous, offset, left, cancel),
                || rows::<TORNQVIST>(ctx, points, previous, offset + mid, right, cancel),
            );
            return Ok(l? && r?);
        }
    }
    let policy = ctx.options.nan_policy;
    let tolerance = ctx.options.zero_growth_tolerance;
    for local in 0..n {
        if local % CANCEL_CHUNK == 0 {
            cancel.check("the panel growth accounting")?;
        }
        let i = offset + local;
        if let Some(&ahead) = previous.get(i + PREFETCH_DISTANCE) {
            prefetch(points, ahead as usize);
        }
        let p = &points[i];
        if p.is_missing() {
            write_no_step(&mut out, local);
            put_link(&mut out, local, MISSING_ROW);
            continue;
        }
        // The row before this one in its entity's years with data: under Omit, missing rows
        // are stepped over; under Propagate a missing row breaks the chain.
        let mut before = previous[i];
        let q = loop {
            if before == NO_ROW {
                break None;
            }
            let q = &points[before as usize];
            if !q.is_missing() {
                break Some(q);
            }
            if policy != NanPolicy::Omit {
                break None;
            }
            before = previous[before as usize];
        };
        let q = match q {
            Some(q) if q.year + 1 == p.year || policy == NanPolicy::Omit => Some(q),
            // A gap: an error the kernel reports.
            Some(_) if policy == NanPolicy::Raise => return Ok(false),
            _ => None,
        };
        let link = match q {
            Some(q) => {
                let step = Step::between::<TORNQVIST>(p, q);
                if step.non_finite().is_some() {
                    return Ok(false);
                }
                step.write(&mut out, local, tolerance);
                step.link::<TORNQVIST>()
            }
            None => {
                write_no_step(&mut out, local);
                f64::NAN
            }
        };
        put_link(&mut out, local, link);
    }
    Ok(true)
}

#[inline(always)]
fn put_link(out: &mut View<'_>, i: usize, link: f64) {
    if let Some(c) = out.f[OUT_INDEX].get_mut(i) {
        *c = link;
    }
}

/// The chained index from the links in the index column: gathered into (entity, year)
/// order, chained per entity, written back. `false` when the index overflows (the kernel
/// reports it).
fn index(ctx: &Ctx, input: &AccountingInput<'_>, perm: &Permutation, out: &mut View<'_>) -> bool {
    if out.f[OUT_INDEX].is_empty() {
        return true;
    }
    let order = &perm.order;
    let mut links = gather(out.f[OUT_INDEX], order);
    let mut defined = vec![false; links.len()];
    if !chain_entities(ctx, input, order, &perm.starts, &mut links, &mut defined) {
        return false;
    }
    let scatter_index = |dst: &mut [f64]| scatter(dst, &links, order);
    let scatter_defined = |dst: &mut [bool]| scatter(dst, &defined, order);
    #[cfg(feature = "rayon")]
    rayon::join(
        || scatter_index(out.f[OUT_INDEX]),
        || scatter_defined(out.index_defined),
    );
    #[cfg(not(feature = "rayon"))]
    {
        scatter_index(out.f[OUT_INDEX]);
        scatter_defined(out.index_defined);
    }
    true
}

/// [`chain_index`] over the entities whose rows start at `starts` (the last element is the
/// end); `index` and `defined` hold those rows, in (entity, year) order.
fn chain_entities(
    ctx: &Ctx,
    input: &AccountingInput<'_>,
    order: &[u32],
    starts: &[u32],
    index: &mut [f64],
    defined: &mut [bool],
) -> bool {
    let first = starts[0] as usize;
    #[cfg(feature = "rayon")]
    {
        const MIN_ROWS: usize = 1 << 15;
        if index.len() > MIN_ROWS && starts.len() > 2 {
            let mid = starts.len() / 2;
            let split = starts[mid] as usize - first;
            let (il, ir) = index.split_at_mut(split);
            let (dl, dr) = defined.split_at_mut(split);
            let (l, r) = rayon::join(
                || chain_entities(ctx, input, order, &starts[..=mid], il, dl),
                || chain_entities(ctx, input, order, &starts[mid..], ir, dr),
            );
            return l && r;
        }
    }
    starts.windows(2).all(|w| {
        let (lo, hi) = (w[0] as usize, w[1] as usize);
        let rows = &order[lo..hi];
        chain_index(
            &ctx.options,
            |j| input.years[rows[j] as usize],
            &mut index[lo - first..hi - first],
            &mut defined[lo - first..hi - first],
        )
        .is_ok()
    })
}
