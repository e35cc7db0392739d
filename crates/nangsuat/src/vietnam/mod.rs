//! Viet Nam: the data, plans and observations this crate embeds for Viet Nam, and the
//! monitoring report built from them.
//!
//! * [`data`] — Viet Nam's rows of Penn World Table 10.01 and the default labour-share
//!   assumption.

pub mod data;
