//! Efficiency across units: how far each unit is from best practice, and how that changes.
//!
//! * [`dea`] — data envelopment analysis: technical, pure technical and scale efficiency,
//!   slacks, peers (input or output orientation; CRS, VRS, NIRS, NDRS), and frontiers that
//!   measure any point.
//! * [`malmquist`] — the Malmquist productivity index over a panel of units, decomposed as
//!   DEAP prints it (`tfpch = effch × techch`, `effch = pech × sech`).
//!
//! * [`sfa`] — stochastic frontier analysis: the Battese–Coelli error-components and
//!   inefficiency-effects models as FRONTIER 4.1 estimates them.
//!
//! The envelopment linear programmes are solved by a dedicated revised simplex
//! (`envelopment`, private to this wing).

pub mod dea;
mod envelopment;
pub mod frontier;
pub mod malmquist;
pub mod model;
pub mod production;
pub mod sfa;
