//! Viet Nam: the data, plans and observations this crate embeds for Viet Nam, and the
//! monitoring report built from them.
//!
//! * [`data`] — Viet Nam's rows of Penn World Table 10.01 and the default labour-share
//!   assumption.
//! * [`territory`] — the 63 provinces, six regions and the 34 units of 2025, and matching of
//!   the names real files contain.

pub mod data;
pub mod territory;
