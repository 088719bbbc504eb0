//! Lists that the claims rules read (src/claims/ and src/features/cues.rs).

use crate::lexicon::WordList;

/// The lists of this file.
pub static CLAIM_LISTS: &[&WordList] = &[];
