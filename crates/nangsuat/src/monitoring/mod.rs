//! Monitoring: what has been observed, how far each target has progressed, and whether the
//! targets are feasible.
//!
//! * [`observation`] — observed values with their evidence level and source.
//! * [`progress`] — progress of one target by the StatCan/Open SDG, UNSD, ESCAP and PSA methods.
//! * [`assess`] — every goal of a set of plans against observations: status and the facts
//!   behind it.
//! * [`derived`] — indicators derived from a province's own data (LP, growth, TFP share),
//!   each citing its inputs.
//! * [`feasibility`] — consistency of targets, historical realism against peers, scenarios.

pub mod assess;
pub mod derived;
pub mod feasibility;
pub mod observation;
pub mod progress;
