//! The document rules' former home, kept for the callers' path: the rules live in
//! [`super::rules`], one file per family, run in the order of [`super::rules::RULES`].

pub use super::rules::{apply, Labels};
