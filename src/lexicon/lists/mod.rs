//! Every word list of the crate, declared once (see [`crate::lexicon`]), one file per family of
//! readers, each with a `*_LISTS` slice naming its lists for [`super::all`].

pub mod claims;
pub mod common;
pub mod decode;
