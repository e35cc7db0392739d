//! Structure: how productivity growth divides among sectors or regions, and index numbers.
//!
//! * [`shift_share`] — within, static and dynamic shifts (with the product-tax term), the
//!   additivity check, GEAD for chain-linked volumes, regions → nation, Domar aggregation.
//! * [`index`] — Laspeyres, Paasche, Fisher and Törnqvist indices, chaining, GEKS/CCDI,
//!   implicit deflators.

pub mod index;
pub mod shift_share;
