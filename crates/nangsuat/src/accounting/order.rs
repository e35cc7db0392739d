//! Panel ordering: rows in (entity, year) order, found in linear time.
//!
//! Input already sorted by (entity, year) is detected in one pass and used as it is. Otherwise,
//! when every entity has an integer key ([`PanelEntity::radix_key`]: integer codes, as the
//! Python and C faces pass), the (entity, year) keys are packed with the row number into one
//! `u64` and ordered by a least-significant-digit radix sort over the key bits only — linear in
//! the rows, no comparison of generic keys. Other entity types (strings) fall back to a
//! comparison sort.

use super::PREFETCH_DISTANCE;
use crate::prefetch::prefetch;
use std::fmt::Display;

/// An entity label of a panel: ordered, printable (it names the entity in messages) and,
/// for integer types, with an order-preserving integer key that allows a linear-time sort.
pub trait PanelEntity: Ord + Copy + Display + Send + Sync {
    /// An order-preserving `u64` key (`a < b` ⇔ `a.radix_key() < b.radix_key()`), or `None`
    /// (the default) when the type has none.
    fn radix_key(&self) -> Option<u64> {
        None
    }
}

macro_rules! unsigned_entity {
    ($($t:ty),*) => {$(
        impl PanelEntity for $t {
            fn radix_key(&self) -> Option<u64> {
                Some(u64::from(*self))
            }
        }
    )*};
}
unsigned_entity!(u8, u16, u32, u64);

macro_rules! signed_entity {
    ($($t:ty),*) => {$(
        impl PanelEntity for $t {
            fn radix_key(&self) -> Option<u64> {
                // Flip the sign bit: the two's-complement order becomes the unsigned order.
                Some((i64::from(*self) as u64) ^ (1 << 63))
            }
        }
    )*};
}
signed_entity!(i8, i16, i32, i64);

impl PanelEntity for usize {
    fn radix_key(&self) -> Option<u64> {
        u64::try_from(*self).ok()
    }
}

impl PanelEntity for char {
    fn radix_key(&self) -> Option<u64> {
        Some(u64::from(u32::from(*self)))
    }
}

impl PanelEntity for &str {}
impl PanelEntity for &String {}

/// How the rows of a panel are ordered.
pub(super) enum Order {
    /// Already in (entity, year) order.
    Sorted,
    /// Rows in another order.
    Permuted(Permutation),
    /// Row `.0` repeats the (entity, year) of another row.
    Duplicate(usize),
}

/// The (entity, year) order of rows that came in another order.
pub(super) struct Permutation {
    /// Row numbers in (entity, year) order.
    pub(super) order: Vec<u32>,
    /// For each row, the row before it in its entity's year order ([`NO_ROW`] for an
    /// entity's first row).
    pub(super) previous: Vec<u32>,
    /// Where each entity's rows start in `order`, and `order.len()` at the end.
    pub(super) starts: Vec<u32>,
}

/// No row: the entity's first row has no previous row.
pub(super) const NO_ROW: u32 = u32::MAX;

impl Permutation {
    /// Builds the permutation from the rows in order, each flagged when it starts an entity.
    fn new(n: usize, rows: impl Iterator<Item = (u32, bool)>) -> Self {
        let mut order = Vec::with_capacity(n);
        let mut starts = Vec::new();
        for (j, (row, first)) in rows.enumerate() {
            if first {
                starts.push(j as u32);
            }
            order.push(row);
        }
        starts.push(order.len() as u32);
        // Each row's previous row: written at random places, so requested early.
        let mut previous = vec![NO_ROW; n];
        for w in starts.windows(2) {
            for j in w[0] as usize + 1..w[1] as usize {
                if let Some(&ahead) = order.get(j + PREFETCH_DISTANCE) {
                    prefetch(&previous, ahead as usize);
                }
                previous[order[j] as usize] = order[j - 1];
            }
        }
        Permutation {
            order,
            previous,
            starts,
        }
    }
}

/// The (entity, year) order of the rows.
pub(super) fn order<E: PanelEntity>(entity: &[E], years: &[i32]) -> Order {
    let n = entity.len();
    let mut sorted = true;
    for i in 1..n {
        match entity[i - 1]
            .cmp(&entity[i])
            .then(years[i - 1].cmp(&years[i]))
        {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal => return Order::Duplicate(i),
            std::cmp::Ordering::Greater => {
                sorted = false;
                break;
            }
        }
    }
    if sorted {
        return Order::Sorted;
    }
    radix_order(entity, years).unwrap_or_else(|| comparison_order(entity, years))
}

/// Bits needed to hold `0..=span`.
fn bits(span: u64) -> u32 {
    64 - span.leading_zeros()
}

/// Linear-time order when entity keys, years and row numbers pack into 64 bits.
fn radix_order<E: PanelEntity>(entity: &[E], years: &[i32]) -> Option<Order> {
    let n = entity.len();
    if n > u32::MAX as usize {
        return None;
    }
    let (mut kmin, mut kmax) = (u64::MAX, 0u64);
    for e in entity {
        let k = e.radix_key()?;
        kmin = kmin.min(k);
        kmax = kmax.max(k);
    }
    let (ymin, ymax) = years
        .iter()
        .fold((i32::MAX, i32::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    let year_span = (i64::from(ymax) - i64::from(ymin)) as u64;
    if let Some(order) = direct_order(entity, years, kmin, kmax - kmin, ymin, year_span) {
        return Some(order);
    }
    let year_bits = bits(year_span);
    let entity_bits = bits(kmax - kmin);
    let row_bits = bits(n as u64 - 1).max(1);
    if year_bits + entity_bits + row_bits > 64 {
        return None;
    }
    let key_bits = year_bits + entity_bits;
    let mut keys: Vec<u64> = entity
        .iter()
        .zip(years)
        .enumerate()
        .map(|(i, (e, &y))| {
            // `radix_key` was Some for every entity above.
            let ek = e.radix_key().unwrap_or(kmin) - kmin;
            let yk = (i64::from(y) - i64::from(ymin)) as u64;
            (((ek << year_bits) | yk) << row_bits) | i as u64
        })
        .collect();
    radix_sort(&mut keys, row_bits, key_bits);
    let row_mask = (1u64 << row_bits) - 1;
    if let Some(w) = keys
        .windows(2)
        .find(|w| w[0] >> row_bits == w[1] >> row_bits)
    {
        // The later row in input order is reported (the sort is stable).
        return Some(Order::Duplicate((w[1] & row_mask) as usize));
    }
    let entity_shift = row_bits + year_bits;
    let mut previous_entity = u64::MAX;
    let rows = keys.iter().map(|&k| {
        let e = k.checked_shr(entity_shift).unwrap_or(0);
        let first = e != previous_entity;
        previous_entity = e;
        ((k & row_mask) as u32, first)
    });
    Some(Order::Permuted(Permutation::new(n, rows)))
}

/// Linear-time order for dense keys: when the (entity, year) grid holds at most four cells
/// per row, each row is put in its cell of a table (one write per row) and the table is read
/// in order — cheaper than the radix sort's passes over the rows.
fn direct_order<E: PanelEntity>(
    entity: &[E],
    years: &[i32],
    kmin: u64,
    entity_span: u64,
    ymin: i32,
    year_span: u64,
) -> Option<Order> {
    let n = entity.len();
    let width = year_span.checked_add(1)?;
    let cells = entity_span.checked_add(1)?.checked_mul(width)?;
    if cells > 4 * n as u64 || n >= u32::MAX as usize {
        return None;
    }
    let width = width as usize;
    // Row + 1 in each cell, 0 for an empty one (zeroed pages cost nothing until written).
    let mut table = vec![0u32; cells as usize];
    // The first cell, in (entity, year) order, that two rows share, and the later row.
    let mut duplicate: Option<(usize, usize)> = None;
    // `radix_key` was Some for every entity (the caller checked).
    let cell_of = |e: &E, y: i32| {
        let ek = (e.radix_key().unwrap_or(kmin) - kmin) as usize;
        ek * width + (i64::from(y) - i64::from(ymin)) as usize
    };
    for (i, (e, &y)) in entity.iter().zip(years).enumerate() {
        if let (Some(e), Some(&y)) = (
            entity.get(i + PREFETCH_DISTANCE),
            years.get(i + PREFETCH_DISTANCE),
        ) {
            prefetch(&table, cell_of(e, y));
        }
        let cell = cell_of(e, y);
        if table[cell] != 0 {
            if duplicate.is_none_or(|(c, _)| cell < c) {
                duplicate = Some((cell, i));
            }
        } else {
            table[cell] = i as u32 + 1;
        }
    }
    if let Some((_, row)) = duplicate {
        return Some(Order::Duplicate(row));
    }
    let rows = table.chunks_exact(width).flat_map(|cells| {
        let mut first = true;
        cells.iter().filter(|&&r| r != 0).map(move |&r| {
            let start = first;
            first = false;
            (r - 1, start)
        })
    });
    Some(Order::Permuted(Permutation::new(n, rows)))
}

/// Least-significant-digit radix sort of `keys` by bits `lo .. lo + width` (stable, so rows
/// with equal keys keep their input order).
fn radix_sort(keys: &mut Vec<u64>, lo: u32, width: u32) {
    if width == 0 {
        return;
    }
    // Digits of at most 11 bits (2,048 buckets: the counts stay in the L1 cache), balanced.
    let passes = width.div_ceil(11);
    let digit = width.div_ceil(passes);
    let mut buffer = vec![0u64; keys.len()];
    let mut shift = lo;
    for _ in 0..passes {
        let d = digit.min(lo + width - shift);
        let mask = (1u64 << d) - 1;
        let mut counts = vec![0usize; 1 << d];
        for &k in keys.iter() {
            counts[((k >> shift) & mask) as usize] += 1;
        }
        let mut total = 0;
        for c in counts.iter_mut() {
            let here = *c;
            *c = total;
            total += here;
        }
        for &k in keys.iter() {
            let slot = &mut counts[((k >> shift) & mask) as usize];
            buffer[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(keys, &mut buffer);
        shift += d;
    }
}

/// Comparison sort for entity types without an integer key.
fn comparison_order<E: PanelEntity>(entity: &[E], years: &[i32]) -> Order {
    let n = entity.len();
    // Sort contiguous (entity, year, row) keys: no random access while comparing.
    let mut keys: Vec<(E, i32, u32)> = (0..n).map(|i| (entity[i], years[i], i as u32)).collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    if let Some(w) = keys
        .windows(2)
        .find(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1)
    {
        return Order::Duplicate(w[1].2 as usize);
    }
    let rows = keys
        .iter()
        .enumerate()
        .map(|(j, k)| (k.2, j == 0 || keys[j - 1].0 != k.0));
    Order::Permuted(Permutation::new(n, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Order, previous rows and entity starts.
    type Parts = (Vec<u32>, Vec<u32>, Vec<u32>);

    fn parts(order: Order) -> Result<Parts, usize> {
        match order {
            Order::Permuted(p) => Ok((p.order, p.previous, p.starts)),
            Order::Duplicate(i) => Err(i),
            Order::Sorted => Ok((Vec::new(), Vec::new(), Vec::new())),
        }
    }

    /// A scrambled panel of dense codes with gaps and entities of different lengths.
    fn dense_panel() -> (Vec<u32>, Vec<i32>) {
        let mut rows: Vec<(u64, u32, i32)> = Vec::new();
        for e in 0..500u32 {
            for y in 0..(e % 13) as i32 {
                if (e + y as u32) % 7 != 3 {
                    let h = (u64::from(e) << 8 | y as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    rows.push((h, e, 2000 + y));
                }
            }
        }
        rows.sort();
        (
            rows.iter().map(|r| r.1).collect(),
            rows.iter().map(|r| r.2).collect(),
        )
    }

    /// The direct table, the radix sort and the comparison sort give the same permutation,
    /// previous rows and entity starts, and report the same duplicate.
    #[test]
    fn three_orders_agree() {
        let (entity, years) = dense_panel();
        let direct = parts(order(&entity, &years)).unwrap();
        // Sparse codes (too sparse for the table) take the radix sort.
        let sparse: Vec<u64> = entity.iter().map(|&e| u64::from(e) << 30).collect();
        let radix = parts(order(&sparse, &years)).unwrap();
        let labels: Vec<String> = entity.iter().map(|e| format!("{e:05}")).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let comparison = parts(comparison_order(&label_refs, &years)).unwrap();
        assert_eq!(direct, radix);
        assert_eq!(direct, comparison);
        let (ord, previous, starts) = direct;
        for w in ord.windows(2) {
            let (a, b) = (w[0] as usize, w[1] as usize);
            assert!((entity[a], years[a]) < (entity[b], years[b]));
            if entity[a] == entity[b] {
                assert_eq!(previous[b], a as u32);
            } else {
                assert_eq!(previous[b], NO_ROW);
            }
        }
        let distinct: std::collections::BTreeSet<u32> = entity.iter().copied().collect();
        assert_eq!(starts.len(), distinct.len() + 1);
        assert_eq!(*starts.last().unwrap() as usize, entity.len());
        // Two duplicated cells: every method reports the later row of the first cell in
        // (entity, year) order.
        let (mut e2, mut y2) = (entity.clone(), years.clone());
        let last = e2.len() - 1;
        (e2[last], y2[last]) = (e2[0], y2[0]);
        (e2[last - 1], y2[last - 1]) = (e2[1], y2[1]);
        let sparse: Vec<u64> = e2.iter().map(|&e| u64::from(e) << 30).collect();
        let labels: Vec<String> = e2.iter().map(|e| format!("{e:05}")).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let d = parts(order(&e2, &y2)).unwrap_err();
        assert_eq!(d, parts(order(&sparse, &y2)).unwrap_err());
        assert_eq!(d, parts(comparison_order(&label_refs, &y2)).unwrap_err());
        let first = if (e2[0], y2[0]) < (e2[1], y2[1]) {
            last
        } else {
            last - 1
        };
        assert_eq!(d, first);
    }
}
