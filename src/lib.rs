//! article-annotator: finds people, organisations, places and policy claims in news text.
//!
//! ```text
//! text ──► tokens ──► features ──► classifier ──► decode ──► annotations
//! ```
//!
//! Modules are listed in flow order. Everything about language lives here; the browser
//! shells only move text in and draw highlights.

pub mod annotations;
pub mod claims;
pub mod classifier;
pub mod decode;
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
pub mod features;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod switches;
pub mod text;
pub mod tokens;
#[cfg(not(target_arch = "wasm32"))]
pub mod training;
pub mod truecase;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use annotations::{Annotations, Entity};
pub use error::{Error, Result};
pub use pipeline::Pipeline;
