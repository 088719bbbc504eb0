//! article-annotator: finds people, organisations, places and policy claims in news text.
//!
//! ```text
//! text ──► tokens ──► features ──► classifier ──► decode ──► annotations
//! ```
//!
//! Modules are listed in flow order. Everything about language lives here; the browser
//! shells only move text in and draw highlights.

pub mod error;
pub mod text;
pub mod tokens;
