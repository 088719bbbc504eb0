//! Features → per-token tag scores.

pub mod cpu;
pub mod model;

pub use model::Model;
