//! Efficiency analysis: stochastic frontiers (the DEA modules join this wing).
pub mod sfa;
