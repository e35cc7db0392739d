//! Monitoring: indicators derived from observations.

pub mod derived;
