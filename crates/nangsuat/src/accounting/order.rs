//! Panel ordering: rows in (entity, year) order, found in linear time.
//!
//! Input already sorted by (entity, year) is detected in one pass and used as it is. Otherwise,
//! when every entity has an integer key ([`PanelEntity::radix_key`]: integer codes, as the
//! Python and C faces pass), the (entity, year) keys are packed with the row number into one
//! `u64` and ordered by a least-significant-digit radix sort over the key bits only — linear in
//! the rows, no comparison of generic keys. Other entity types (strings) fall back to a
//! comparison sort.

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
    /// Row numbers in (entity, year) order.
    Permuted(Vec<u32>),
    /// Row `.0` repeats the (entity, year) of another row.
    Duplicate(usize),
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
    let year_bits = bits((i64::from(ymax) - i64::from(ymin)) as u64);
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
    let mut order = Vec::with_capacity(n);
    let mut previous = u64::MAX;
    for &k in &keys {
        let key = k >> row_bits;
        let row = (k & row_mask) as u32;
        if key == previous {
            // The later row in input order is reported (the sort is stable).
            return Some(Order::Duplicate(row as usize));
        }
        previous = key;
        order.push(row);
    }
    Some(Order::Permuted(order))
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
    Order::Permuted(keys.into_iter().map(|k| k.2).collect())
}
