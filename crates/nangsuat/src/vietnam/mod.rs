//! Viet Nam: the territory catalogue (provinces, regions, the 2025 reorganisation).

pub mod territory;
