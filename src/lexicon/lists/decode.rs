//! Lists that the decode rules read (src/decode/).

use crate::lexicon::WordList;

/// The lists of this file.
pub static DECODE_LISTS: &[&WordList] = &[];
